//! One recognition decision: `/decisions/{id}` shows it with its whole history (every
//! revision: recorded, revised and what changed, flagged when the credential changed,
//! withdrawn and why), and lets its institution's officer revise it (the decision form,
//! filled with the decision as it stands), confirm that it still holds after its
//! credential changed, or withdraw it after a confirmation step that asks why
//! (`/decisions/{id}/withdraw`). A private decision is 404 to anyone its rule hides it
//! from (`recognition::decisions::visible`).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use model::RecordId;
use recognition::decisions::{DecisionError, Withdrawal};
use store::{Decision, DecisionOutcome};

use super::decisions::{DecisionForm, DecisionItem, FieldError, decision_from_form, items};
use super::i18n;
use super::session::{Session, field, form_fields};
use super::shared::{Layout, PageError, render};
use super::sign_in::require_session;
use crate::state::AppState;

/// One revision in a decision's history.
#[derive(Debug)]
pub struct HistoryEntry {
    pub revision: u32,
    /// When it was recorded.
    pub at: String,
    /// Who recorded it (a token's name, or `harvest`).
    pub by: String,
    /// What happened, in words.
    pub what: String,
}

#[derive(Template)]
#[template(path = "decision.html")]
struct DecisionPage {
    layout: Layout,
    /// The decision as it stands, as lists show it (and as a list of one).
    item: DecisionItem,
    listed: Vec<DecisionItem>,
    /// Why it was withdrawn, if it was and the officer said.
    withdrawal_reason: Option<String>,
    /// Its history, oldest first.
    history: Vec<HistoryEntry>,
    /// For its institution's officer: the form to revise it, and the confirmation that
    /// it still holds (after its credential changed), and where withdrawing starts.
    revise: Option<DecisionForm>,
    still_holds: Option<DecisionForm>,
    withdraw_href: Option<String>,
    /// The two credentials side by side, for an equivalence.
    compare_href: Option<String>,
    api_href: String,
    /// The case file for the student's file: to print, save as PDF or download.
    case_file_href: String,
    notice: Option<String>,
}

/// The latest revision of decision `id` and every revision, if `viewer` may see it.
async fn load(
    state: &AppState,
    id: &str,
    viewer: Option<&Session>,
) -> Result<Vec<Decision>, PageError> {
    let store = state.indexer.store().clone();
    let wanted = id.to_owned();
    let revisions = super::i18n::block(move || store.decision_revisions(&wanted)).await??;
    let looker = crate::auth::viewer_of(viewer.map(|session| &session.caller));
    match revisions.last() {
        Some(latest) if recognition::decisions::visible(latest, looker) => Ok(revisions),
        _ => Err(PageError::NotFound(format!(
            "there is no recognition decision {id:?}"
        ))),
    }
}

/// What changed from `before` to `after`, in words.
fn changes(before: &Decision, after: &Decision) -> Vec<String> {
    let mut changed = Vec::new();
    if before.outcome != after.outcome {
        changed.push(i18n::t("change-decision"));
    }
    if before.rationale != after.rationale {
        changed.push(i18n::t("change-rationale"));
    }
    if before.conditions != after.conditions {
        changed.push(i18n::t("change-conditions"));
    }
    if before.decided_on != after.decided_on {
        changed.push(i18n::t("change-decision-date"));
    }
    if before.valid_until != after.valid_until {
        changed.push(i18n::t("change-validity"));
    }
    if before.private != after.private {
        changed.push(i18n::t(if after.private {
            "change-made-private"
        } else {
            "change-made-public"
        }));
    }
    changed
}

/// Who recorded a revision, as the history names them: the officer of a personal
/// token (with the token's name), the token's name otherwise, or the harvest.
fn recorder(config: &config::Config, token_id: &str) -> String {
    match config
        .tokens
        .iter()
        .find(|token| token.id == token_id)
        .and_then(|token| token.person.as_deref())
    {
        Some(person) => format!("{person} ({token_id})"),
        None if token_id == "harvest" => i18n::t("history-the-harvest"),
        None => token_id.to_owned(),
    }
}

/// A decision's revisions as its history shows them, oldest first (also the case file's
/// audit trail).
pub(super) fn history(config: &config::Config, revisions: &[Decision]) -> Vec<HistoryEntry> {
    let mut out = Vec::new();
    let mut previous: Option<&Decision> = None;
    for revision in revisions {
        let what = match previous {
            None => i18n::t("history-recorded-first"),
            Some(_) if revision.withdrawn => match &revision.withdrawal_reason {
                Some(reason) => i18n::t1("history-withdrawn-because", "reason", reason),
                None => i18n::t("history-withdrawn"),
            },
            Some(before) if revision.at_risk.is_some() && before.at_risk != revision.at_risk => {
                let risk = revision
                    .at_risk
                    .as_ref()
                    .map(|risk| risk.changes.join("; "));
                i18n::t1("history-flagged", "changes", risk.unwrap_or_default())
            }
            Some(before) => {
                let changed = changes(before, revision);
                let confirmed = before.at_risk.is_some() && revision.at_risk.is_none();
                match (changed.is_empty(), confirmed) {
                    (true, true) => i18n::t("history-confirmed"),
                    (true, false) => i18n::t("history-revised-nothing"),
                    (false, _) => i18n::t1("history-revised", "changes", changed.join(", ")),
                }
            }
        };
        out.push(HistoryEntry {
            revision: revision.revision,
            at: i18n::current().date_time(revision.recorded_at),
            by: recorder(config, &revision.recorded_by),
            what,
        });
        previous = Some(revision);
    }
    out
}

/// The decision form filled with `decision` as it stands, to revise it.
async fn revise_form(
    state: &AppState,
    request: &HttpRequest,
    decision: &Decision,
    session: &Session,
    languages: &[String],
) -> Result<DecisionForm, PageError> {
    let held = super::records::load(state, request, &decision.credential)
        .await
        .ok();
    let mut form = DecisionForm::new(
        state,
        &decision.credential,
        held.as_ref(),
        session,
        languages,
    )
    .await?;
    form.action = format!("/decisions/{}/revise", decision.id);
    form.heading = i18n::t("decision-revise-link");
    form.submit = i18n::t("form-submit-revision");
    let values = &mut form.values;
    match &decision.outcome {
        DecisionOutcome::Equivalent { target } => {
            values.outcome = "equivalent".to_owned();
            values.target = target.to_string();
        }
        DecisionOutcome::Credits { ects } => {
            values.outcome = "credits".to_owned();
            values.ects = super::shared::number(*ects);
        }
        DecisionOutcome::Refused => values.outcome = "refused".to_owned(),
    }
    values.rationale = decision.rationale.clone();
    values.conditions = decision.conditions.clone().unwrap_or_default();
    values.decided_on = decision.decided_on.to_string();
    values.valid_until = decision
        .valid_until
        .map(|day| day.to_string())
        .unwrap_or_default();
    values.private = decision.private;
    Ok(form)
}

/// The decision's page, its revise form as `adjust` makes it (fresh, or sent back with
/// errors: 422).
async fn show(
    state: &AppState,
    request: &HttpRequest,
    id: &str,
    adjust: impl FnOnce(DecisionForm) -> DecisionForm,
) -> Result<HttpResponse, PageError> {
    let session = super::session::current(request, &state.config.tokens);
    let revisions = load(state, id, session.as_ref()).await?;
    let latest = revisions.last().cloned().expect("load answers a decision");
    let languages = super::i18n::content_languages(request);
    let app = state.clone();
    let (for_items, viewer) = (latest.clone(), session.clone());
    let langs = languages.clone();
    let (mut listed, _) = super::i18n::block(move || {
        items(
            app.indexer.store(),
            &app.config,
            vec![for_items],
            &langs,
            viewer.as_ref(),
            0..1,
        )
    })
    .await??;
    let mut item = listed.pop().expect("one decision, visible to its viewer");
    item.withdraw = None;
    let officer = session
        .as_ref()
        .filter(|session| session.caller.may_act_for(&latest.institution));
    let (revise, still_holds) = match officer {
        Some(session) if !latest.withdrawn => {
            // One form, read once (its choices may take a lookup): the confirmation that
            // the decision still holds sends it as it stands, under its own form id (the
            // idempotency key of what it records).
            let form = revise_form(state, request, &latest, session, &languages).await?;
            let still_holds = latest.at_risk.as_ref().map(|_| DecisionForm {
                form_id: super::session::random_hex(16),
                ..form.clone()
            });
            (
                Some(adjust(form).settled(state, &languages).await?),
                still_holds,
            )
        }
        _ => (None, None),
    };
    let has_errors = revise.as_ref().is_some_and(|form| !form.errors.is_empty());
    let title = i18n::t1("decision-title", "title", &item.credential_title.text);
    let title = if has_errors {
        i18n::t1("title-error", "title", title)
    } else {
        title
    };
    let notice = super::shared::query_pairs(request)
        .into_iter()
        .find_map(|(key, _)| match key.as_str() {
            "recorded" => Some(i18n::t("notice-decision-recorded")),
            "revised" => Some(i18n::t("notice-revision-recorded")),
            "withdrawn" => Some(i18n::t("notice-decision-withdrawn")),
            _ => None,
        });
    let compare_href = match &latest.outcome {
        DecisionOutcome::Equivalent { target } => {
            Some(format!("/compare?a={}&b={target}", latest.credential))
        }
        _ => None,
    };
    let page = DecisionPage {
        layout: Layout::new(title, "decisions", request, state),
        withdraw_href: (officer.is_some() && !latest.withdrawn)
            .then(|| format!("/decisions/{}/withdraw", latest.id)),
        listed: vec![item.clone()],
        item,
        withdrawal_reason: latest.withdrawal_reason.clone(),
        history: history(&state.config, &revisions),
        revise,
        still_holds,
        compare_href,
        api_href: format!("/api/v1/recognitions/{}", latest.id),
        case_file_href: format!("/decisions/{}/case-file", latest.id),
        notice,
    };
    let status = if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(status, &page)
}

/// `GET /decisions/{id}`.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    show(&state, &request, &path.into_inner(), |form| form).await
}

/// The answer to an officer acting on another institution's decision.
fn not_theirs(session: &Session) -> PageError {
    PageError::Forbidden(format!(
        "this decision belongs to another institution; you are signed in for {}",
        session.caller.institution
    ))
}

fn see_other(location: String) -> HttpResponse {
    let mut response = HttpResponse::SeeOther();
    super::shared::security_headers(&mut response);
    response
        .insert_header((header::LOCATION, location))
        .finish()
}

/// `POST /decisions/{id}/revise`: records a revision of a decision of the signed-in
/// institution (CSRF-checked), then shows the decision; errors come back on its form.
pub async fn revise(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let fields = form_fields(&body);
    let session = require_session(&request, &state, &fields)?;
    let id = path.into_inner();
    let latest = load(&state, &id, Some(&session))
        .await?
        .pop()
        .expect("load answers a decision");
    if !session.caller.may_act_for(&latest.institution) {
        return Err(not_theirs(&session));
    }
    let app = state.get_ref().clone();
    let (for_build, form, wanted) = (session.clone(), fields.clone(), id.clone());
    let credential: RecordId = latest.credential.clone();
    let built = super::i18n::block(move || {
        decision_from_form(&app, &for_build, &credential, Some(&wanted), None, &form)
    })
    .await?;
    let revision = match built {
        Ok(revision) => revision,
        Err(errors) => {
            return show(&state, &request, &id, |form| {
                form.with_answers(&fields, errors)
            })
            .await;
        }
    };
    let key = field(&fields, "form_id")
        .filter(|key| !key.is_empty() && key.len() <= 64)
        .map(|key| format!("revise-{key}"));
    state.record_decision(revision, "revised", key).await?;
    tracing::info!(decision_id = %id, token = %session.caller.token_id, "recognition decision revised on the pages");
    Ok(see_other(format!("/decisions/{id}?revised=1")))
}

#[derive(Template)]
#[template(path = "withdraw.html")]
struct WithdrawPage {
    layout: Layout,
    listed: Vec<DecisionItem>,
    action: String,
    csrf: String,
    cancel_href: String,
    reason: String,
    errors: Vec<FieldError>,
}

/// The confirmation step before withdrawing: the decision, and a reason to give.
async fn confirm(
    state: &AppState,
    request: &HttpRequest,
    session: &Session,
    id: &str,
    reason: String,
    errors: Vec<FieldError>,
) -> Result<HttpResponse, PageError> {
    let latest = load(state, id, Some(session))
        .await?
        .pop()
        .expect("load answers a decision");
    if !session.caller.may_act_for(&latest.institution) {
        return Err(not_theirs(session));
    }
    if latest.withdrawn {
        return Ok(see_other(format!("/decisions/{id}")));
    }
    let languages = super::i18n::content_languages(request);
    let app = state.clone();
    let viewer = session.clone();
    let (mut listed, _) = super::i18n::block(move || {
        items(
            app.indexer.store(),
            &app.config,
            vec![latest],
            &languages,
            Some(&viewer),
            0..1,
        )
    })
    .await??;
    let mut item = listed
        .pop()
        .expect("one decision, visible to its institution");
    item.withdraw = None;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = i18n::t1("withdraw-title", "title", &item.credential_title.text);
    let title = if errors.is_empty() {
        title
    } else {
        i18n::t1("title-error", "title", title)
    };
    let page = WithdrawPage {
        layout: Layout::new(title, "decisions", request, state),
        listed: vec![item],
        action: format!("/decisions/{id}/withdraw"),
        csrf: session.csrf_token(),
        cancel_href: format!("/decisions/{id}"),
        reason,
        errors,
    };
    render(status, &page)
}

/// `GET /decisions/{id}/withdraw`: asks to confirm, with a reason.
pub async fn confirm_withdrawal(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let Some(session) = super::session::current(&request, &state.config.tokens) else {
        return Ok(see_other(format!("/sign-in?next=/decisions/{id}/withdraw")));
    };
    confirm(&state, &request, &session, &id, String::new(), Vec::new()).await
}

/// `POST /decisions/{id}/withdraw`: withdraws a decision of the signed-in institution (a
/// new revision marked withdrawn, with the reason; nothing is erased), CSRF-checked; a
/// missing reason comes back on the confirmation page.
pub async fn withdraw(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let fields = form_fields(&body);
    let session = require_session(&request, &state, &fields)?;
    let id = path.into_inner();
    let reason = field(&fields, "reason")
        .unwrap_or_default()
        .trim()
        .to_owned();
    if reason.is_empty() {
        let errors = vec![FieldError {
            field: "reason",
            message: i18n::t("withdraw-error-reason"),
        }];
        return confirm(&state, &request, &session, &id, reason, errors).await;
    }
    if reason.len() > recognition::decisions::MAX_WITHDRAWAL_REASON_BYTES {
        let errors = vec![FieldError {
            field: "reason",
            message: i18n::t1(
                "withdraw-error-too-long",
                "max",
                recognition::decisions::MAX_WITHDRAWAL_REASON_BYTES,
            ),
        }];
        return confirm(&state, &request, &session, &id, reason, errors).await;
    }
    let state_for_rules = state.get_ref().clone();
    let caller = session.caller.clone();
    let wanted = id.clone();
    let given = reason.clone();
    let withdrawal = super::i18n::block(move || {
        let officer = crate::routes::recognitions::officer(&state_for_rules, &caller);
        recognition::decisions::withdraw(
            state_for_rules.indexer.store(),
            &officer,
            &wanted,
            Some(&given),
        )
    })
    .await?
    .map_err(|err| match err {
        DecisionError::NotFound(_) => {
            PageError::NotFound(i18n::t1("error-no-such-decision", "id", &id))
        }
        DecisionError::Forbidden(_) => not_theirs(&session),
        other => PageError::Internal(other.to_string()),
    })?;
    if let Withdrawal::Record(decision) = withdrawal {
        state.record_decision(decision, "withdrawn", None).await?;
        tracing::info!(decision_id = %id, token = %session.caller.token_id, "recognition decision withdrawn on the pages");
    }
    Ok(see_other(format!("/decisions/{id}?withdrawn=1")))
}
