//! `/api/v1/recognitions`: recognition decisions as data. Reading is public; writing needs
//! a bearer token of the deciding institution. Decisions are append-only: a change is a
//! new revision, a withdrawal too, and every write leaves an audit entry.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use model::RecordId;
use recognition::decisions::{self as rules, Draft, DraftOutcome, Withdrawal};
use serde::Deserialize;
use store::Decision;

use crate::auth::{Caller, authenticate, optional_caller};
use crate::error::ApiError;
use crate::params::query_pairs;
use crate::params::{Params, Reading};
use crate::state::AppState;
use crate::views::{
    AuditEntryView, CaseFileView, DecisionHistoryView, DecisionView, DecisionsView,
};

/// Largest decision body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What a client sends to record or revise a decision.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// The credential recognised (from another institution).
    pub credential: String,
    /// What was decided: `{ "kind": "equivalent", "target": ID }`,
    /// `{ "kind": "credits", "ects": N }` or `{ "kind": "refused" }`.
    pub outcome: OutcomeInput,
    /// Why.
    pub rationale: String,
    /// When it was decided (`YYYY-MM-DD`).
    pub decided_on: NaiveDate,
    /// Conditions attached, if any.
    #[serde(default)]
    pub conditions: Option<String>,
    /// Until when it holds, if limited.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Keep out of what other clearinghouses harvest.
    #[serde(default)]
    pub private: bool,
    /// The deciding institution; if given, it must be the token's.
    #[serde(default)]
    pub institution: Option<String>,
}

/// The outcome as sent.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum OutcomeInput {
    /// Equivalent to one of the deciding institution's credentials.
    Equivalent {
        /// That credential's id.
        target: String,
    },
    /// For ECTS of elective credit.
    Credits {
        /// How many.
        ects: f64,
    },
    /// Not recognised.
    Refused,
}

impl DecisionInput {
    /// The draft the rules check.
    pub fn into_draft(self) -> Draft {
        Draft {
            credential: self.credential,
            outcome: match self.outcome {
                OutcomeInput::Equivalent { target } => DraftOutcome::Equivalent { target },
                OutcomeInput::Credits { ects } => DraftOutcome::Credits { ects },
                OutcomeInput::Refused => DraftOutcome::Refused,
            },
            rationale: self.rationale,
            decided_on: self.decided_on,
            conditions: self.conditions,
            valid_until: self.valid_until,
            private: self.private,
            institution: self.institution,
        }
    }
}

/// The officer a caller is, for the rules of decisions.
pub(crate) fn officer<'a>(state: &AppState, caller: &'a Caller) -> rules::Officer<'a> {
    rules::Officer {
        institution: &caller.institution,
        actor: &caller.token_id,
        admin: caller.admin,
        publishes_feed: state.config.source(&caller.institution).is_some(),
    }
}

fn parse_body(body: &[u8]) -> Result<DecisionInput, ApiError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::bad_parameter(
            "body",
            format!("the body is larger than {MAX_BODY_BYTES} bytes"),
        ));
    }
    serde_json::from_slice(body).map_err(|err| {
        let message = err.to_string();
        let field = message
            .split('`')
            .nth(1)
            .filter(|_| message.contains("field"))
            .unwrap_or("body")
            .to_owned();
        ApiError::bad_parameter(&field, format!("the decision is not valid: {message}"))
    })
}

fn parse_record_id(field: &str, text: &str) -> Result<RecordId, ApiError> {
    RecordId::parse(text).map_err(|_| {
        ApiError::bad_parameter(field, format!("`{field}` {text:?} is not a credential id"))
    })
}

fn idempotency_key(request: &HttpRequest) -> Result<Option<String>, ApiError> {
    match request.headers().get("Idempotency-Key") {
        None => Ok(None),
        Some(value) => {
            let key = value
                .to_str()
                .ok()
                .map(str::trim)
                .filter(|key| !key.is_empty() && key.len() <= 200)
                .ok_or_else(|| {
                    ApiError::bad_parameter(
                        "Idempotency-Key",
                        "the Idempotency-Key header must be 1 to 200 visible characters",
                    )
                })?;
            Ok(Some(key.to_owned()))
        }
    }
}

/// `POST /api/v1/recognitions`: records a decision of the token's institution. A retried
/// request with the same `Idempotency-Key` returns the decision stored the first time.
pub async fn create(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&request, &state.config.tokens)?;
    let input = parse_body(&body)?;
    let key = idempotency_key(&request)?;
    let state_for_build = state.get_ref().clone();
    let caller_for_build = caller.clone();
    let decision = web::block(move || {
        let officer = officer(&state_for_build, &caller_for_build);
        rules::draft(
            state_for_build.indexer.store(),
            &officer,
            input.into_draft(),
        )
    })
    .await??;
    let stored = state.record_decision(decision, "created", key).await?;
    tracing::info!(decision_id = %stored.id, token = %caller.token_id, "recognition decision recorded");
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/recognitions/{}", stored.id)))
        .json(DecisionView::new(&stored)))
}

/// `POST /api/v1/recognitions/{id}/revisions`: a new revision of a decision of the
/// token's institution (same body as creating one).
pub async fn revise(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&request, &state.config.tokens)?;
    let id = path.into_inner();
    let input = parse_body(&body)?;
    let key = idempotency_key(&request)?;
    let state_for_build = state.get_ref().clone();
    let decision = web::block(move || {
        let officer = officer(&state_for_build, &caller);
        rules::revise(
            state_for_build.indexer.store(),
            &officer,
            &id,
            input.into_draft(),
        )
    })
    .await??;
    let stored = state.record_decision(decision, "revised", key).await?;
    Ok(HttpResponse::Ok().json(DecisionView::new(&stored)))
}

/// `DELETE /api/v1/recognitions/{id}[?reason=]`: withdraws a decision (a revision marked
/// withdrawn, with the reason if given; nothing is erased).
pub async fn withdraw(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&request, &state.config.tokens)?;
    let id = path.into_inner();
    let pairs = query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    params.refuse_unknown(&["reason"])?;
    let reason = params.single("reason")?.map(str::to_owned);
    let state_for_rules = state.get_ref().clone();
    let withdrawal = web::block(move || {
        let officer = officer(&state_for_rules, &caller);
        rules::withdraw(
            state_for_rules.indexer.store(),
            &officer,
            &id,
            reason.as_deref(),
        )
    })
    .await??;
    let decision = match withdrawal {
        Withdrawal::Already(decision) => {
            return Ok(HttpResponse::Ok().json(DecisionView::new(&decision)));
        }
        Withdrawal::Record(decision) => decision,
    };
    let stored = state.record_decision(decision, "withdrawn", None).await?;
    Ok(HttpResponse::Ok().json(DecisionView::new(&stored)))
}

/// Decisions a list answers when `limit` is not given.
const DEFAULT_LIST_LIMIT: u64 = 100;
/// Most decisions one list answers.
const MAX_LIST_LIMIT: u64 = 1000;

/// `GET /api/v1/recognitions?credential=ID|institution=ID|at_risk=true`: list of the
/// latest revisions, newest decision first (withdrawn ones only with `withdrawn=true`):
/// the public ones, and the private ones of the caller's institution (every one for an
/// admin), `total` counting only those the caller may see; a page of `limit` (100, at
/// most 1,000) from `offset`, `next_offset` where the next page starts.
pub async fn list(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    params.refuse_unknown(&[
        "credential",
        "institution",
        "at_risk",
        "withdrawn",
        "limit",
        "offset",
    ])?;
    let limit = params.number("limit", DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT)? as usize;
    let offset = params.number("offset", 0, 0, u64::from(u32::MAX))? as usize;
    let at_risk = params.flag("at_risk")?;
    let include_withdrawn = params.flag("withdrawn")?;
    let credential = params
        .single("credential")?
        .map(|text| parse_record_id("credential", text))
        .transpose()?;
    let institution = params.single("institution")?.map(str::to_owned);
    let caller = optional_caller(&request, &state.config.tokens)?;
    let store = state.indexer.store().clone();
    let decisions = web::block(move || -> Result<Vec<Decision>, store::StoreError> {
        let viewer = crate::auth::viewer_of(caller.as_ref());
        let candidates: Vec<Decision> = match &credential {
            Some(id) => store.decisions_about(id)?,
            None => store.all_decisions().collect::<Result<_, _>>()?,
        };
        let mut decisions: Vec<Decision> = candidates
            .into_iter()
            .filter(|d| rules::visible(d, viewer))
            .filter(|d| include_withdrawn || !d.withdrawn)
            .filter(|d| !at_risk || d.at_risk.is_some())
            .filter(|d| institution.as_deref().is_none_or(|i| d.institution == i))
            .collect();
        decisions.sort_by(|a, b| {
            b.decided_on
                .cmp(&a.decided_on)
                .then(b.recorded_at.cmp(&a.recorded_at))
        });
        Ok(decisions)
    })
    .await??;
    let total = decisions.len();
    let views: Vec<DecisionView> = decisions
        .iter()
        .skip(offset)
        .take(limit)
        .map(DecisionView::new)
        .collect();
    let next_offset = (offset + views.len() < total).then_some(offset + views.len());
    Ok(HttpResponse::Ok().json(DecisionsView {
        total,
        offset,
        limit,
        next_offset,
        decisions: views,
    }))
}

/// `GET /api/v1/recognitions/{id}`: the latest revision, every revision, and the audit
/// entries of the decision. A private decision the caller may not see answers 404, as
/// one that does not exist.
pub async fn get(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let caller = optional_caller(&request, &state.config.tokens)?;
    let id = path.into_inner();
    let store = state.indexer.store().clone();
    let id_for_block = id.clone();
    let (revisions, audit) =
        web::block(move || crate::case_file::revisions_and_audit(&store, &id_for_block)).await??;
    let latest = revisions
        .last()
        .filter(|latest| rules::visible(latest, crate::auth::viewer_of(caller.as_ref())))
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("no recognition decision {id:?}")))?;
    let revisions: Vec<DecisionView> = revisions.iter().map(DecisionView::revision).collect();
    let audit: Vec<AuditEntryView> = audit.iter().map(AuditEntryView::new).collect();
    Ok(HttpResponse::Ok().json(DecisionHistoryView {
        decision: DecisionView::new(&latest),
        revisions,
        audit,
    }))
}

/// `GET /api/v1/recognitions/{id}/case-file`: the decision's case file
/// (`clearinghouse-case-file`): the decision with every revision and audit entry, the
/// credential held as decided on and the equivalent as it is now (key elements), their
/// comparison on the five elements, and the other decisions about the credential held.
/// A private decision the caller may not see answers 404, as one that does not exist.
pub async fn case_file(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let caller = optional_caller(&request, &state.config.tokens)?;
    let id = path.into_inner();
    let languages = crate::views::accept_languages(&request);
    let app = state.get_ref().clone();
    let budget_ms = state.config.server.recognition_budget_ms;
    let wanted = id.clone();
    let view = crate::budget::within("the case file", budget_ms, move || {
        let case = crate::case_file::gather(&app, &wanted, caller.as_ref())?
            .ok_or_else(|| ApiError::NotFound(format!("no recognition decision {wanted:?}")))?;
        Ok::<_, ApiError>(CaseFileView::new(
            &case,
            chrono::Utc::now().date_naive(),
            &languages,
        ))
    })
    .await?;
    let file_name = format!("case-file-{id}.json").replace(
        |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '.',
        "",
    );
    Ok(HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{file_name}\""),
        ))
        .json(view))
}
