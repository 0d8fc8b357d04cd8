//! `GET /api/v1/credentials/{id}`: one record, whole, with provenance.

use actix_web::{HttpResponse, web};
use model::RecordId;

use crate::app::AppState;
use crate::error::ApiError;
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
