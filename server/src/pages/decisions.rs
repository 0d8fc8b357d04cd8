//! Recognition decisions on the pages: the list per credential (on its page, and as
//! precedents on the equivalents and compare pages), the list per institution
//! (`/institutions/{institution}/decisions`), the form to record one
//! (`POST /credentials/{id}/decisions`) and to withdraw one
//! (`POST /decisions/{id}/withdraw`), for a signed-in institution, CSRF-protected. The
//! rules are the API's, in one place (`recognition::decisions`): the deciding institution
//! is the token's, an equivalent is one of its own credentials when it publishes a feed,
//! credits are more than 0 and at most 240 ECTS, a rationale is required.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use model::RecordId;
use recognition::decisions::DecisionError;
use recognition::evidence::signals::Label;
use store::{Decision, DecisionOutcome};

use super::i18n;
use super::session::{Session, field, form_fields};
use super::shared::{Layout, PageError, Text, render};
use super::sign_in::require_session;
use crate::routes::recognitions::{DecisionInput, OutcomeInput, officer};
use crate::state::AppState;

/// One decision, as listed.
#[derive(Debug, Clone)]
pub struct DecisionItem {
    /// The decision's id (the list item's anchor is `decision-{id}`).
    pub id: String,
    /// Whether it is private (listed only for its institution).
    pub private: bool,
    /// Where the withdraw form posts, with the session's CSRF token, when the visitor
    /// is signed in for the deciding institution.
    pub withdraw: Option<(String, String)>,
    /// The institution that decided.
    pub institution: String,
    /// The credential decided on.
    pub credential_href: String,
    /// Its title.
    pub credential_title: Text,
    /// What was decided, in words.
    pub outcome: String,
    /// `match` (recognised) or `substantial` (refused), for the badge.
    pub class: &'static str,
    /// The target credential's page, for an equivalence.
    pub target_href: Option<String>,
    /// The target credential's title.
    pub target_title: Option<Text>,
    /// Conditions attached.
    pub conditions: Option<String>,
    /// Why.
    pub rationale: String,
    /// When decided.
    pub decided_on: String,
    /// Until when it holds.
    pub valid_until: Option<String>,
    /// Why the decision may no longer hold (the credential changed since).
    pub at_risk: Option<String>,
    /// Whether it was withdrawn.
    pub withdrawn: bool,
    /// Every decision of the deciding institution about the credentials of the one that
    /// published this credential (`/agreements/{from}/{to}`), and that one's name; none
    /// for an uploaded credential, whose sender is only claimed.
    pub agreement: Option<(String, String)>,
    /// For a credential someone uploaded (not harvested): that, in words, with the
    /// issuer the file claims.
    pub not_harvested: Option<String>,
}

/// How many of the institution's credentials the form offers at first: the best
/// equivalents of the credential, by how well they match. The rest of the catalogue,
/// whatever its size, is found by the form's search.
const RANKED_CHOICES: usize = 10;

/// Of the best equivalents, those labelled Miss are offered only within this many places.
const UNLIKELY_CHOICES: usize = 5;

/// How many of the institution's credentials a search in the form lists at most.
const SEARCHED_CHOICES: usize = 20;

/// One of the institution's credentials, offered as the equivalent.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Its record id (the value sent).
    pub id: String,
    pub title: Text,
    /// How well it matches (for the ranked ones), credits and level, as one line.
    pub detail: String,
}

/// The form to record a decision about a credential, for the signed-in institution.
#[derive(Debug, Clone)]
pub struct DecisionForm {
    /// Where the form posts.
    pub action: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// The institution that will be recorded as deciding.
    pub institution: String,
    /// Today, as the default decision date.
    pub today: String,
    /// A random id of this form, sent back as the idempotency key.
    pub form_id: String,
    /// The institution's source, when it publishes its credentials here: the
    /// equivalent is then chosen among them (ranked, or searched by title or code);
    /// otherwise its id is typed.
    pub catalogue: Option<model::SourceId>,
    /// The credentials offered as the equivalent: those a search found, the one chosen,
    /// then the best equivalents of the credential at the institution.
    pub choices: Vec<Choice>,
    /// After a search of the institution's credentials: what it found, in words.
    pub searched: Option<String>,
    /// The form's heading and its button's words.
    pub heading: String,
    pub submit: String,
    /// When the form is on the comparison page: the credential compared with, so that
    /// an error brings that page back and a recorded decision is shown.
    pub compare_with: Option<String>,
    /// What the officer answered (fresh: the decision date is today).
    pub values: FormValues,
    /// What is wrong with the answers sent, field by field, in the form's order.
    pub errors: Vec<FieldError>,
}

/// The answers of a decision form, as sent, so that a form sent back with errors keeps
/// every one of them.
#[derive(Debug, Clone, Default)]
pub struct FormValues {
    pub outcome: String,
    pub target: String,
    pub ects: String,
    pub rationale: String,
    pub conditions: String,
    pub decided_on: String,
    pub valid_until: String,
    pub private: bool,
    /// The words of a search of the institution's credentials.
    pub target_search: String,
    /// Whether the form was sent to search them (its "Find" button), not to record.
    pub searching: bool,
}

impl FormValues {
    fn of(fields: &[(String, String)]) -> FormValues {
        let text = |name: &str| field(fields, name).unwrap_or_default().to_owned();
        FormValues {
            target_search: text("target_search"),
            searching: field(fields, FIND_TARGET).is_some(),
            outcome: text("outcome"),
            target: text("target"),
            ects: text("ects"),
            rationale: text("rationale"),
            conditions: text("conditions"),
            decided_on: text("decided_on"),
            valid_until: text("valid_until"),
            private: field(fields, "private") == Some("true"),
        }
    }
}

/// A field of the decision form that cannot be accepted: the id of its control (the
/// error summary links to it) and what is wrong, in words.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl DecisionForm {
    /// The id of the control of choice `index`: the first is `target`, where the error
    /// summary links.
    pub fn choice_control(&self, index: &usize) -> String {
        match *index {
            0 => "target".to_owned(),
            _ => format!("target-{}", index + 1),
        }
    }

    /// The id of the search of the institution's credentials: `target` when there is no
    /// choice yet (the error summary links there).
    pub fn search_control(&self) -> &'static str {
        if self.choices.is_empty() {
            "target"
        } else {
            "target-search"
        }
    }

    /// The message about `field`, if its answer cannot be accepted.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.as_str())
    }

    /// The form as sent back: every answer kept, with what is wrong, and the same
    /// `form_id` (nothing was recorded under it).
    pub fn with_answers(
        mut self,
        fields: &[(String, String)],
        errors: Vec<FieldError>,
    ) -> DecisionForm {
        self.values = FormValues::of(fields);
        if let Some(form_id) = field(fields, "form_id").filter(|id| {
            !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_hexdigit())
        }) {
            self.form_id = form_id.to_owned();
        }
        self.errors = errors;
        self
    }
}

/// The name of the decision form's button that searches the institution's credentials
/// (the form comes back with what it found) instead of recording the decision.
pub const FIND_TARGET: &str = "find_target";

impl DecisionForm {
    /// The form for credential `id` (`held`, as the page read it) and the signed-in
    /// `session`, offering the best equivalents of it among the institution's own
    /// credentials.
    pub async fn new(
        state: &AppState,
        id: &RecordId,
        held: Option<&model::StoredRecord>,
        session: &Session,
        languages: &[String],
    ) -> Result<DecisionForm, PageError> {
        let catalogue = state
            .config
            .source(&session.caller.institution)
            .map(|source| source.id.clone());
        let choices = match (&catalogue, held) {
            // Ranked against the credential as the page read it (harvested, or uploaded
            // in this browser); without it (an upload gone or forgotten), the search
            // remains.
            (Some(source), Some(held)) => {
                let app = state.clone();
                let source = source.clone();
                let languages = languages.to_vec();
                let held = held.clone();
                super::i18n::block(move || ranked_choices(&app, &held, &source, &languages))
                    .await??
            }
            _ => Vec::new(),
        };
        Ok(DecisionForm {
            action: format!("/credentials/{id}/decisions"),
            heading: i18n::t1(
                "form-heading-record",
                "institution",
                &session.caller.institution,
            ),
            submit: i18n::t("form-submit-record"),
            compare_with: None,
            csrf: session.csrf_token(),
            institution: session.caller.institution.clone(),
            today: chrono::Utc::now().date_naive().to_string(),
            form_id: super::session::random_hex(16),
            catalogue,
            choices,
            searched: None,
            values: FormValues {
                decided_on: chrono::Utc::now().date_naive().to_string(),
                ..FormValues::default()
            },
            errors: Vec::new(),
        })
    }

    /// The form as shown, once its answers are in (fresh, chosen on the comparison page,
    /// a decision's, or sent back): the credential chosen is among the choices, and when
    /// the form was sent to search the institution's credentials, what the search found
    /// comes first.
    pub async fn settled(
        mut self,
        state: &AppState,
        languages: &[String],
    ) -> Result<DecisionForm, PageError> {
        let Some(source) = self.catalogue.clone() else {
            return Ok(self);
        };
        let chosen = RecordId::parse(self.values.target.trim())
            .ok()
            .filter(|id| id.source() == source.as_str())
            .filter(|id| !self.choices.iter().any(|choice| choice.id == id.as_str()));
        let words = self.values.target_search.trim().to_owned();
        let search = (self.values.searching && !words.is_empty()).then(|| words.clone());
        if self.values.searching && self.values.outcome.is_empty() {
            // Looking for the equivalent says what the decision is.
            self.values.outcome = "equivalent".to_owned();
        }
        if chosen.is_none() && search.is_none() {
            if self.values.searching {
                self.searched = Some(i18n::t("form-search-type-words"));
            }
            return Ok(self);
        }
        let app = state.clone();
        let langs = languages.to_vec();
        let (chosen, found) = super::i18n::block(move || {
            let chosen =
                match chosen {
                    Some(id) => app.indexer.store().get(&id)?.and_then(|record| {
                        choice_of(&record, &app.config.institutions, &langs, None)
                    }),
                    None => None,
                };
            let found = match search {
                Some(words) => Some(super::recognise::find(
                    &app,
                    &words,
                    super::recognise::Among::Own(&source),
                    SEARCHED_CHOICES,
                    false,
                    &langs,
                )?),
                None => None,
            };
            Ok::<_, indexer::IndexerError>((chosen, found))
        })
        .await??;
        let mut choices: Vec<Choice> = Vec::new();
        if let Some(found) = found {
            self.searched = Some(i18n::current().with_args(
                "form-search-found",
                [
                    ("count", (found.len() as f64).into()),
                    ("shown", found.len().to_string().into()),
                    ("words", words.clone().into()),
                ],
            ));
            choices.extend(found.iter().map(|found| Choice {
                id: found.id.clone(),
                title: found.title.clone(),
                detail: super::recognise::detail(found, false, None),
            }));
        }
        choices.extend(chosen);
        for choice in std::mem::take(&mut self.choices) {
            if !choices.iter().any(|c| c.id == choice.id) {
                choices.push(choice);
            }
        }
        self.choices = choices;
        Ok(self)
    }
}

/// A record as a choice of equivalent: its title, and `lead` (how well it matches), its
/// credits and level as the line under it.
fn choice_of(
    record: &model::StoredRecord,
    institutions: &config::Institutions,
    languages: &[String],
    lead: Option<&str>,
) -> Option<Choice> {
    let credential = record.credential.as_ref()?;
    let title = Text::best(&credential.title, languages)?;
    let summary = super::records::Summary::new(
        &record.id,
        credential,
        institutions,
        languages,
        super::i18n::current(),
    );
    Some(Choice {
        id: record.id.to_string(),
        title,
        detail: super::recognise::detail(&summary, false, lead),
    })
}

/// The best equivalents of `held` among the credentials of `source`, ranked and labelled
/// as the equivalents page ranks and labels them (Miss ones only among the first
/// [`UNLIKELY_CHOICES`]). Blocking.
fn ranked_choices(
    app: &AppState,
    held: &model::StoredRecord,
    source: &model::SourceId,
    languages: &[String],
) -> Result<Vec<Choice>, PageError> {
    let found = app.equivalents(
        held,
        &recognition::equivalence::EquivalenceRequest {
            institution: Some(source.clone()),
            limit: RANKED_CHOICES,
            threshold: 0.0,
            viewer: Some(source.to_string()),
            ..recognition::equivalence::EquivalenceRequest::default()
        },
    )?;
    Ok(found
        .hits
        .iter()
        .enumerate()
        // Unlikely ones only to fill the first few places: the search finds the rest.
        .filter(|(rank, hit)| *rank < UNLIKELY_CHOICES || hit.label != Label::Miss)
        .filter_map(|(_, hit)| {
            let badge = super::compare::Badge::of_label(hit.label);
            choice_of(
                &hit.record,
                &app.config.institutions,
                languages,
                Some(badge.label.as_str()),
            )
        })
        .collect())
}

fn day(date: chrono::NaiveDate) -> String {
    i18n::current().date(date)
}

/// The items of decisions (private ones shown only to their institution), newest first,
/// those of `window` among them; and how many there are. Callers leave out withdrawn
/// decisions where only those in force count.
/// Blocking.
pub(super) fn items(
    store: &store::Store,
    config: &config::Config,
    decisions: Vec<Decision>,
    languages: &[String],
    viewer: Option<&Session>,
    window: std::ops::Range<usize>,
) -> Result<(Vec<DecisionItem>, usize), indexer::IndexerError> {
    let title_of = |id: &RecordId| -> Result<Text, indexer::IndexerError> {
        Ok(store
            .get(id)?
            .and_then(|record| record.credential)
            .and_then(|credential| Text::best(&credential.title, languages))
            .unwrap_or_else(|| Text {
                text: id.to_string(),
                lang: String::new(),
            }))
    };
    let mut decisions: Vec<Decision> = decisions
        .into_iter()
        .filter(|d| {
            recognition::decisions::visible(d, crate::auth::viewer_of(viewer.map(|s| &s.caller)))
        })
        .collect();
    decisions.sort_by(|a, b| {
        b.decided_on
            .cmp(&a.decided_on)
            .then(b.recorded_at.cmp(&a.recorded_at))
    });
    let total = decisions.len();
    let mut out = Vec::with_capacity(window.len().min(total));
    for decision in decisions.into_iter().skip(window.start).take(window.len()) {
        let (outcome, class, target) = match &decision.outcome {
            DecisionOutcome::Equivalent { target } => {
                (i18n::t("outcome-equivalent"), "match", Some(target.clone()))
            }
            DecisionOutcome::Credits { ects } => (
                i18n::t1("outcome-credits", "ects", i18n::current().number(*ects)),
                "minor",
                None,
            ),
            DecisionOutcome::Refused => (i18n::t("outcome-refused"), "substantial", None),
        };
        let institution = config
            .institution_name_in(&decision.institution, &super::i18n::naming_languages(&[]))
            .unwrap_or(&decision.institution)
            .to_owned();
        let sender = decision.credential.source();
        let agreement = decision.uploaded.is_none().then(|| {
            (
                format!("/agreements/{sender}/{}", decision.institution),
                config
                    .institution_name_in(sender, &super::i18n::naming_languages(&[]))
                    .unwrap_or(sender)
                    .to_owned(),
            )
        });
        let not_harvested = decision.uploaded.as_ref().map(|uploaded| {
            i18n::t2(
                "decision-not-harvested",
                "format",
                formats::detect::describe(uploaded.format),
                "issuer",
                uploaded
                    .claimed_issuer
                    .clone()
                    .unwrap_or_else(|| i18n::t("not-stated-lower")),
            )
        });
        let credential_title = match &decision.uploaded {
            Some(uploaded) if !uploaded.title.is_empty() => Text {
                text: uploaded.title.clone(),
                lang: String::new(),
            },
            _ => title_of(&decision.credential)?,
        };
        let withdraw = viewer
            .filter(|session| session.caller.may_act_for(&decision.institution))
            .map(|session| {
                (
                    format!("/decisions/{}/withdraw", decision.id),
                    session.csrf_token(),
                )
            });
        out.push(DecisionItem {
            id: decision.id.clone(),
            private: decision.private,
            withdraw,
            institution,
            credential_href: format!("/credentials/{}", decision.credential),
            credential_title,
            outcome,
            class,
            target_href: target.as_ref().map(|id| format!("/credentials/{id}")),
            target_title: target.as_ref().map(title_of).transpose()?,
            conditions: decision.conditions.clone(),
            rationale: decision.rationale.clone(),
            decided_on: day(decision.decided_on),
            valid_until: decision.valid_until.map(day),
            at_risk: decision
                .at_risk
                .as_ref()
                .map(|risk| risk.changes.join("; ")),
            withdrawn: decision.withdrawn,
            agreement,
            not_harvested,
        });
    }
    Ok((out, total))
}

/// The decisions about a credential (recognising it, or naming it as the equivalent),
/// newest first, withdrawn ones included (`DecisionItem::withdrawn`).
pub(crate) async fn about(
    state: &AppState,
    id: &RecordId,
    languages: &[String],
    viewer: Option<&Session>,
) -> Result<Vec<DecisionItem>, PageError> {
    let app = state.clone();
    let id = id.clone();
    let languages = languages.to_vec();
    let viewer = viewer.cloned();
    Ok(super::i18n::block(move || {
        let decisions = app.indexer.store().decisions_about(&id)?;
        items(
            app.indexer.store(),
            &app.config,
            decisions,
            &languages,
            viewer.as_ref(),
            0..usize::MAX,
        )
        .map(|(items, _)| items)
    })
    .await??)
}

/// Decisions listed on one page of an institution's decisions.
const DECISIONS_PER_PAGE: usize = 50;

#[derive(Template)]
#[template(path = "decisions.html")]
struct InstitutionDecisionsPage {
    layout: Layout,
    institution: String,
    name: String,
    decisions: Vec<DecisionItem>,
    /// "51–100 of 230" when there is more than one page.
    showing: Option<String>,
    /// The page of newer decisions.
    newer_href: Option<String>,
    /// The page of older decisions.
    older_href: Option<String>,
    /// The institutions whose credentials it decided about: the agreement's page, the
    /// institution's name and how many decisions.
    agreements: Vec<(String, String, usize)>,
}

/// `GET /institutions/{institution}/decisions`: the decisions an institution has taken,
/// and its agreements with each institution whose credentials it decided about; 404 for
/// an institution neither configured nor deciding.
pub async fn by_institution(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let institution = path.into_inner();
    let languages = super::i18n::content_languages(&request);
    let app = state.get_ref().clone();
    let wanted = institution.clone();
    let viewer = super::session::current(&request, &state.config.tokens);
    let pairs = crate::params::query_pairs(request.query_string());
    let page = crate::params::Params::new(&pairs, crate::params::Reading::Lenient)
        .number("page", 1, 1, 1_000_000)
        .map_err(|err| PageError::BadRequest(err.to_string()))? as usize;
    let start = (page - 1) * DECISIONS_PER_PAGE;
    let window = start..start + DECISIONS_PER_PAGE;
    let (decisions, total, agreements) = super::i18n::block(move || {
        let decisions = app
            .indexer
            .store()
            .all_decisions()
            .filter(|decision| {
                decision.as_ref().map_or(true, |decision| {
                    decision.institution == wanted && !decision.withdrawn
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let agreements = recognition::decisions::agreements_of(
            &decisions,
            &wanted,
            crate::auth::viewer_of(viewer.as_ref().map(|session| &session.caller)),
        )
        .into_iter()
        .map(|(sender, count)| {
            let name = app
                .config
                .institution_name_in(&sender, &super::i18n::naming_languages(&[]))
                .unwrap_or(&sender)
                .to_owned();
            (format!("/agreements/{sender}/{wanted}"), name, count)
        })
        .collect::<Vec<_>>();
        let known = app.config.institution_name(&wanted).is_some() || !decisions.is_empty();
        let (items, total) = items(
            app.indexer.store(),
            &app.config,
            decisions,
            &languages,
            viewer.as_ref(),
            window,
        )?;
        Ok::<_, indexer::IndexerError>(known.then_some((items, total, agreements)))
    })
    .await??
    .ok_or_else(|| {
        PageError::NotFound(i18n::t1(
            "error-no-such-institution",
            "institution",
            &institution,
        ))
    })?;
    // Relative to this page's path.
    let href = |page: usize| format!("?page={page}");
    let shown_until = start + decisions.len();
    let showing = (total > DECISIONS_PER_PAGE && !decisions.is_empty()).then(|| {
        let locale = i18n::current();
        locale.with_args(
            "decisions-range",
            [
                ("from", locale.integer(start + 1).into()),
                ("to", locale.integer(shown_until).into()),
                ("total", locale.integer(total).into()),
            ],
        )
    });
    let newer_href = (page > 1).then(|| href(page - 1));
    let older_href = (shown_until < total).then(|| href(page + 1));
    let name = state
        .config
        .institution_name_in(&institution, &super::i18n::naming_languages(&[]))
        .unwrap_or(&institution)
        .to_owned();
    let page = InstitutionDecisionsPage {
        layout: Layout::new(
            i18n::t1("decisions-heading", "institution", &name),
            "decisions",
            &request,
            &state,
        ),
        institution,
        name,
        decisions,
        showing,
        newer_href,
        older_href,
        agreements,
    };
    render(StatusCode::OK, &page)
}

/// A decision form as sent, checked: the decision (a new one, or a revision of decision
/// `revising`), or every field that cannot be accepted (all of them at once, in the
/// form's order). A form sent to search the institution's credentials (its
/// [`FIND_TARGET`] button) records nothing and is wrong in nothing: `Err` with no field,
/// and the form comes back with what the search found.
pub(super) fn decision_from_form(
    state: &AppState,
    session: &Session,
    credential: &RecordId,
    revising: Option<&str>,
    upload: Option<&crate::uploads::Upload>,
    fields: &[(String, String)],
) -> Result<Decision, Vec<FieldError>> {
    if field(fields, FIND_TARGET).is_some() {
        return Err(Vec::new());
    }
    let text = |name: &str| {
        field(fields, name)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    let mut errors: Vec<FieldError> = Vec::new();
    let error = |errors: &mut Vec<FieldError>, field: &'static str, message: String| {
        errors.push(FieldError { field, message });
    };
    let date = |errors: &mut Vec<FieldError>, name: &'static str, label: &str| {
        let value = text(name)?;
        match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                error(
                    errors,
                    name,
                    i18n::t2("form-error-date", "label", label, "value", value),
                );
                None
            }
        }
    };
    let decided_on = date(
        &mut errors,
        "decided_on",
        &i18n::t("form-error-decision-date"),
    );
    let valid_until = date(
        &mut errors,
        "valid_until",
        &i18n::t("form-error-valid-until"),
    );
    // The form's fields become the API's input; the rules of a decision are the API's.
    let outcome = match text("outcome") {
        Some("equivalent") => match text("target") {
            Some(target) => Some(OutcomeInput::Equivalent {
                target: target.to_owned(),
            }),
            None => {
                error(&mut errors, "target", i18n::t("form-error-target"));
                None
            }
        },
        Some("credits") => match text("ects") {
            None => {
                error(&mut errors, "ects", i18n::t("form-error-ects-missing"));
                None
            }
            Some(ects_text) => match ects_text.replace(',', ".").parse::<f64>() {
                Ok(ects) if ects > 0.0 && ects <= recognition::decisions::MAX_ECTS => {
                    Some(OutcomeInput::Credits { ects })
                }
                _ => {
                    error(
                        &mut errors,
                        "ects",
                        i18n::t2(
                            "form-error-ects",
                            "max",
                            recognition::decisions::MAX_ECTS,
                            "value",
                            ects_text,
                        ),
                    );
                    None
                }
            },
        },
        Some("refused") => Some(OutcomeInput::Refused),
        _ => {
            error(
                &mut errors,
                "outcome-equivalent",
                i18n::t("form-error-outcome"),
            );
            None
        }
    };
    if let (Some(decided_on), Some(valid_until)) = (decided_on, valid_until)
        && valid_until < decided_on
    {
        error(
            &mut errors,
            "valid_until",
            i18n::t2(
                "form-error-valid-before",
                "valid_until",
                valid_until,
                "decided_on",
                decided_on,
            ),
        );
    }
    let rationale = text("rationale");
    if rationale.is_none() {
        error(&mut errors, "rationale", i18n::t("form-error-rationale"));
    }
    if decided_on.is_none() && text("decided_on").is_none() {
        error(&mut errors, "decided_on", i18n::t("form-error-decided-on"));
    }
    // The fields in the form's order, as the error summary lists them.
    const ORDER: [&str; 6] = [
        "outcome-equivalent",
        "target",
        "ects",
        "rationale",
        "decided_on",
        "valid_until",
    ];
    errors.sort_by_key(|error| ORDER.iter().position(|field| *field == error.field));
    let (Some(outcome), Some(rationale), Some(decided_on), true) =
        (outcome, rationale, decided_on, errors.is_empty())
    else {
        return Err(errors);
    };
    let input = DecisionInput {
        credential: credential.to_string(),
        outcome,
        rationale: rationale.to_owned(),
        decided_on,
        conditions: text("conditions").map(str::to_owned),
        valid_until,
        private: field(fields, "private") == Some("true"),
        institution: None,
    };
    let officer = officer(state, &session.caller);
    let store = state.indexer.store();
    let built = match (revising, upload) {
        (None, None) => recognition::decisions::draft(store, &officer, input.into_draft()),
        (None, Some(upload)) => recognition::decisions::draft_uploaded(
            store,
            &officer,
            input.into_draft(),
            recognition::decisions::Uploaded {
                record: &upload.record,
                about: &upload.about,
            },
        ),
        (Some(id), _) => recognition::decisions::revise(store, &officer, id, input.into_draft()),
    };
    built.map_err(|err| {
        // The rules name the API's fields; the form's controls answer to them.
        let field = match &err {
            DecisionError::Invalid { field, .. } => match *field {
                "outcome.ects" => "ects",
                "outcome.target" => "target",
                "valid_until" => "valid_until",
                "decided_on" => "decided_on",
                "rationale" => "rationale",
                _ => "outcome-equivalent",
            },
            DecisionError::Forbidden(_) => "target",
            _ => "outcome-equivalent",
        };
        let message = err.to_string();
        let mut chars = message.chars();
        let message = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => message,
        };
        vec![FieldError { field, message }]
    })
}

/// `POST /credentials/{id}/decisions`: records a decision of the signed-in institution
/// (CSRF-checked), then shows the credential page with it. A form sent twice records one
/// decision: its `form_id` is the idempotency key.
pub async fn record(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let fields = form_fields(&body);
    let session = require_session(&request, &state, &fields)?;
    let id = super::records::parse_id(&path)?;
    // About a credential uploaded in this browser: the upload it holds.
    let upload = if id.is_uploaded() {
        Some(
            super::upload::held(&state, &request, &id)
                .ok_or_else(|| PageError::NotFound(super::records::not_held(&id)))?,
        )
    } else {
        None
    };
    let app = state.get_ref().clone();
    let (for_build, form) = (session.clone(), fields.clone());
    let credential_id = id.clone();
    let built = super::i18n::block(move || {
        decision_from_form(&app, &for_build, &id, None, upload.as_ref(), &form)
    })
    .await?;
    // Sent from the comparison page: errors come back there, and the decision is shown.
    let compare_with = field(&fields, "compare_with")
        .filter(|b| RecordId::parse(b).is_ok())
        .map(str::to_owned);
    let decision = match (built, &compare_with) {
        (Ok(decision), _) => decision,
        // The page it came from again, the form as sent with what is wrong.
        (Err(errors), None) => {
            return super::credential::show(&state, &request, &credential_id, |form| {
                form.with_answers(&fields, errors)
            })
            .await;
        }
        (Err(errors), Some(b)) => {
            return super::compare::show(
                &state,
                &request,
                credential_id.to_string(),
                b.clone(),
                |form| form.with_answers(&fields, errors),
            )
            .await;
        }
    };
    let credential = decision.credential.clone();
    let key = field(&fields, "form_id")
        .filter(|key| !key.is_empty() && key.len() <= 64)
        .map(str::to_owned);
    let stored = state.record_decision(decision, "created", key).await?;
    tracing::info!(decision_id = %stored.id, token = %session.caller.token_id, "recognition decision recorded on the pages");
    let location = match compare_with {
        Some(_) => format!("/decisions/{}?recorded=1", stored.id),
        None => format!(
            "/credentials/{credential}?recorded={}#decisions-heading",
            stored.id
        ),
    };
    let mut response = HttpResponse::SeeOther();
    super::shared::security_headers(&mut response);
    Ok(response
        .insert_header((header::LOCATION, location))
        .finish())
}
