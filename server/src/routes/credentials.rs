//! `GET /api/v1/credentials/{id}`: one record, whole, with provenance.

use actix_web::{HttpResponse, web};
use model::RecordId;

use crate::error::ApiError;
use crate::params::{Params, Reading};
use crate::state::AppState;
use crate::views::CredentialView;

/// The record with its provenance, completeness and version history.
pub async fn get(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let text = path.into_inner();
    let id = RecordId::parse(&text).map_err(|_| {
        ApiError::NotFound(format!(
            "no credential {text:?}; ids look like demo-tu.0123456789abcdef0123"
        ))
    })?;
    let indexer = state.indexer.clone();
    let found = web::block(move || -> Result<_, indexer::IndexerError> {
        let Some(record) = indexer.store().get(&id)? else {
            return Ok(None);
        };
        let history = indexer.store().history(&id)?;
        Ok(Some((record, history)))
    })
    .await??;
    let (record, history) =
        found.ok_or_else(|| ApiError::NotFound(format!("no credential {text:?}")))?;
    Ok(HttpResponse::Ok().json(CredentialView::new(&record, &history)))
}

/// `GET /api/v1/credentials/{id}/equivalents?institution=&country=&limit=&threshold=`:
/// candidate equivalents, ranked, each compared on the five elements with precedents;
/// `no_equivalent_above_threshold` says when none is good enough.
pub async fn equivalents(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: actix_web::HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = crate::params::query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    params.refuse_unknown(&["institution", "country", "limit", "threshold"])?;
    let limit = params.number("limit", 10, 1, 50)? as usize;
    let threshold = match params.single("threshold")? {
        None => recognition::equivalence::DEFAULT_THRESHOLD,
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|value| (0.0..=1.0).contains(value))
            .ok_or_else(|| {
                ApiError::bad_parameter(
                    "threshold",
                    format!("`threshold` must be a number from 0 to 1, not {text:?}"),
                )
            })?,
    };
    let institution = match params.single("institution")? {
        None => None,
        Some(text) => Some(
            state
                .config
                .source_of_institution(text)
                .map(|source| source.id.clone())
                .ok_or_else(|| {
                    ApiError::bad_parameter(
                        "institution",
                        format!(
                            "`institution` {text:?} is neither a configured source id nor an \
                             institution's key or name"
                        ),
                    )
                })?,
        ),
    };
    let country = match params.single("country")? {
        None => None,
        Some(text) => Some(
            model::Country::parse(text)
                .map_err(|err| ApiError::bad_parameter("country", err.to_string()))?
                .to_string(),
        ),
    };
    let id = parse_id(&path.into_inner())?;
    let viewer = crate::auth::optional_caller(&request, &state.config.tokens)?
        .map(|caller| caller.institution);
    let app = state.get_ref().clone();
    let languages = crate::views::accept_languages(&request);
    let budget_ms = state.config.server.recognition_budget_ms;
    let view = crate::budget::within("the equivalence lookup", budget_ms, move || {
        let record = app
            .indexer
            .store()
            .get(&id)?
            .ok_or_else(|| ApiError::NotFound(format!("no credential {id}")))?;
        let found = app.equivalents(
            &record,
            &recognition::equivalence::EquivalenceRequest {
                institution,
                country,
                limit,
                threshold,
                viewer,
                all_compared: false,
            },
        )?;
        Ok::<_, ApiError>(crate::views::EquivalentsView::new(
            &record, &found, &languages,
        ))
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// `GET /api/v1/compare?a=ID&b=ID`: two records side by side on the five elements.
pub async fn compare(
    state: web::Data<AppState>,
    request: actix_web::HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = crate::params::query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    params.refuse_unknown(&["a", "b"])?;
    let get = |name: &str| -> Result<RecordId, ApiError> {
        let text = params.single(name)?.ok_or_else(|| {
            ApiError::bad_parameter(name, format!("`{name}` (a credential id) is required"))
        })?;
        parse_id(text)
    };
    let (a, b) = (get("a")?, get("b")?);
    let caller = crate::auth::optional_caller(&request, &state.config.tokens)?;
    let indexer = state.indexer.clone();
    let bridge = state.bridge.clone();
    let languages = crate::views::accept_languages(&request);
    let budget_ms = state.config.server.recognition_budget_ms;
    let view = crate::budget::within("the comparison", budget_ms, move || {
        let load = |id: &RecordId| -> Result<model::StoredRecord, ApiError> {
            indexer
                .store()
                .get(id)?
                .filter(|record| record.credential.is_some())
                .ok_or_else(|| ApiError::NotFound(format!("no credential {id}")))
        };
        let (a, b) = (load(&a)?, load(&b)?);
        let comparison = recognition::compare::compare_across_languages(
            a.credential.as_ref().expect("filtered above"),
            b.credential.as_ref().expect("filtered above"),
            &bridge,
        );
        let decisions = indexer
            .store()
            .decisions_about(&a.id)?
            .into_iter()
            .filter(|d| recognition::decisions::visible(d, crate::auth::viewer_of(caller.as_ref())))
            .collect();
        Ok::<_, ApiError>(crate::views::CompareView::new(
            &a,
            &b,
            &comparison,
            decisions,
            &languages,
        ))
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

fn parse_id(text: &str) -> Result<RecordId, ApiError> {
    RecordId::parse(text).map_err(|_| {
        ApiError::NotFound(format!(
            "no credential {text:?}; ids look like demo-tu.0123456789abcdef0123"
        ))
    })
}
