//! `/api/v1/recognitions`: recognition decisions as data. Reading is public; writing needs
//! a bearer token of the deciding institution. Decisions are append-only: a change is a
//! new revision, a withdrawal too, and every write leaves an audit entry.

use std::sync::atomic::{AtomicU64, Ordering};

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{NaiveDate, Utc};
use indexer::decisions::{Decision, DecisionOutcome, Fingerprint};
use model::RecordId;
use serde::{Deserialize, Serialize};

use super::{query_pairs, refuse_unknown};
use crate::app::AppState;
use crate::auth::{Caller, authenticate};
use crate::error::ApiError;

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

/// A decision with its history, as answered.
#[derive(Debug, Serialize)]
pub struct DecisionView {
    /// The latest revision.
    #[serde(flatten)]
    pub decision: Decision,
    /// Where it is.
    pub url: String,
}

impl DecisionView {
    fn new(decision: Decision) -> DecisionView {
        DecisionView {
            url: format!("/api/v1/recognitions/{}", decision.id),
            decision,
        }
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

static DECISION_COUNTER: AtomicU64 = AtomicU64::new(0);

fn new_decision_id(institution: &str, credential: &RecordId) -> String {
    let seed = format!(
        "{institution}|{credential}|{}|{}|{}",
        Utc::now().timestamp_nanos_opt().unwrap_or_default(),
        std::process::id(),
        DECISION_COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    format!("rd-{}", &blake3_hex(seed.as_bytes())[..20])
}

fn blake3_hex(bytes: &[u8]) -> String {
    model::PayloadHash::of(bytes).0
}

/// Checks the input against the store and the caller, and builds the decision: the rules
/// of a decision, shared by the API and the pages' form. The credential must exist and
/// not be withdrawn upstream; an institution that publishes a feed names one of its own
/// credentials as the equivalent; credits are more than 0 and at most 240 ECTS; a
/// rationale is required; `valid_until` is not before `decided_on`.
pub(crate) fn build_decision(
    state: &AppState,
    caller: &Caller,
    input: DecisionInput,
    id: Option<String>,
) -> Result<Decision, ApiError> {
    if let Some(institution) = &input.institution
        && institution != &caller.institution
    {
        return Err(ApiError::Forbidden(format!(
            "token {} decides for {}, not for {institution}",
            caller.token_id, caller.institution
        )));
    }
    if input.rationale.trim().is_empty() {
        return Err(ApiError::bad_parameter(
            "rationale",
            "`rationale` must say why",
        ));
    }
    if let Some(until) = input.valid_until
        && until < input.decided_on
    {
        return Err(ApiError::bad_parameter(
            "valid_until",
            "`valid_until` is before `decided_on`",
        ));
    }
    let credential = parse_record_id("credential", &input.credential)?;
    let store = state.indexer.store();
    let record = store
        .get(&credential)?
        .ok_or_else(|| ApiError::NotFound(format!("no credential {credential}")))?;
    if record.deleted {
        return Err(ApiError::NotFound(format!(
            "credential {credential} was withdrawn by its publisher"
        )));
    }
    let outcome = match input.outcome {
        OutcomeInput::Equivalent { target } => {
            let target = parse_record_id("outcome.target", &target)?;
            let target_record = store
                .get(&target)?
                .ok_or_else(|| ApiError::NotFound(format!("no credential {target}")))?;
            let target_source = target_record.provenance.source_id.as_str();
            let institution_has_feed = state.config.source(&caller.institution).is_some();
            if institution_has_feed && !caller.may_act_for(target_source) {
                return Err(ApiError::Forbidden(format!(
                    "the equivalent must be a credential of {}, not of {target_source}",
                    caller.institution
                )));
            }
            DecisionOutcome::Equivalent { target }
        }
        OutcomeInput::Credits { ects } => {
            if !(ects > 0.0 && ects <= 240.0) {
                return Err(ApiError::bad_parameter(
                    "outcome.ects",
                    "`ects` must be more than 0 and at most 240",
                ));
            }
            DecisionOutcome::Credits { ects }
        }
        OutcomeInput::Refused => DecisionOutcome::Refused,
    };
    Ok(Decision {
        id: id.unwrap_or_else(|| new_decision_id(&caller.institution, &credential)),
        revision: 0,
        credential,
        institution: caller.institution.clone(),
        outcome,
        conditions: input.conditions.filter(|c| !c.trim().is_empty()),
        rationale: input.rationale,
        decided_on: input.decided_on,
        valid_until: input.valid_until,
        private: input.private,
        recorded_at: Utc::now(),
        recorded_by: caller.token_id.clone(),
        withdrawn: false,
        relied_on: Fingerprint::of(&record),
        at_risk: None,
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
    let decision =
        web::block(move || build_decision(&state_for_build, &caller_for_build, input, None))
            .await??;
    let stored = state
        .indexer
        .record_decision(decision, "created", key)
        .await?;
    tracing::info!(decision_id = %stored.id, token = %caller.token_id, "recognition decision recorded");
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/recognitions/{}", stored.id)))
        .json(DecisionView::new(stored)))
}

async fn latest_of_own(state: &AppState, caller: &Caller, id: &str) -> Result<Decision, ApiError> {
    let store = state.indexer.store().clone();
    let id_owned = id.to_owned();
    let latest = web::block(move || store.decision(&id_owned))
        .await??
        .ok_or_else(|| ApiError::NotFound(format!("no recognition decision {id:?}")))?;
    if !caller.may_act_for(&latest.institution) {
        return Err(ApiError::Forbidden(format!(
            "decision {id} belongs to {}; token {} acts for {}",
            latest.institution, caller.token_id, caller.institution
        )));
    }
    Ok(latest)
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
    let latest = latest_of_own(&state, &caller, &id).await?;
    let input = parse_body(&body)?;
    let key = idempotency_key(&request)?;
    let state_for_build = state.get_ref().clone();
    let caller_for_build = caller.clone();
    let mut decision =
        web::block(move || build_decision(&state_for_build, &caller_for_build, input, Some(id)))
            .await??;
    if decision.credential != latest.credential {
        return Err(ApiError::bad_parameter(
            "credential",
            "a revision cannot change which credential was decided on; record a new decision",
        ));
    }
    decision.institution = latest.institution;
    let stored = state
        .indexer
        .record_decision(decision, "revised", key)
        .await?;
    Ok(HttpResponse::Ok().json(DecisionView::new(stored)))
}

/// `DELETE /api/v1/recognitions/{id}`: withdraws a decision (a revision marked withdrawn;
/// nothing is erased).
pub async fn withdraw(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let caller = authenticate(&request, &state.config.tokens)?;
    let id = path.into_inner();
    let mut decision = latest_of_own(&state, &caller, &id).await?;
    if decision.withdrawn {
        return Ok(HttpResponse::Ok().json(DecisionView::new(decision)));
    }
    decision.withdrawn = true;
    decision.recorded_at = Utc::now();
    decision.recorded_by = caller.token_id.clone();
    let stored = state
        .indexer
        .record_decision(decision, "withdrawn", None)
        .await?;
    Ok(HttpResponse::Ok().json(DecisionView::new(stored)))
}

/// `GET /api/v1/recognitions?credential=ID|institution=ID|at_risk=true`: public list of
/// the latest revisions, newest decision first (withdrawn ones only with `withdrawn=true`).
pub async fn list(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = query_pairs(request.query_string());
    refuse_unknown(
        &pairs,
        &["credential", "institution", "at_risk", "withdrawn"],
    )?;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let flag = |name: &str| -> Result<bool, ApiError> {
        match get(name).as_deref() {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(ApiError::bad_parameter(
                name,
                format!("`{name}` must be true or false, not {other:?}"),
            )),
        }
    };
    let at_risk = flag("at_risk")?;
    let include_withdrawn = flag("withdrawn")?;
    let credential = get("credential")
        .map(|text| parse_record_id("credential", &text))
        .transpose()?;
    let institution = get("institution");
    let store = state.indexer.store().clone();
    let decisions = web::block(move || -> Result<Vec<Decision>, indexer::IndexerError> {
        let candidates: Vec<Decision> = match &credential {
            Some(id) => store.decisions_about(id)?,
            None => store.all_decisions().collect::<Result<_, _>>()?,
        };
        let mut decisions: Vec<Decision> = candidates
            .into_iter()
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
    let views: Vec<DecisionView> = decisions.into_iter().map(DecisionView::new).collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "total": views.len(), "decisions": views })))
}

/// `GET /api/v1/recognitions/{id}`: the latest revision, every revision, and the audit
/// entries of the decision.
pub async fn get(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let store = state.indexer.store().clone();
    let id_for_block = id.clone();
    let (revisions, audit) = web::block(move || -> Result<_, indexer::IndexerError> {
        let revisions = store.decision_revisions(&id_for_block)?;
        let audit: Vec<_> = store
            .audit_trail()
            .filter(|entry| {
                entry
                    .as_ref()
                    .map_or(true, |e| e.decision_id == id_for_block)
            })
            .collect::<Result<_, _>>()?;
        Ok((revisions, audit))
    })
    .await??;
    let latest = revisions
        .last()
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("no recognition decision {id:?}")))?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "decision": DecisionView::new(latest),
        "revisions": revisions,
        "audit": audit,
    })))
}
