//! `GET /health`: is the service up, and do store and index agree.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::app::AppState;
use crate::error::ApiError;

#[derive(Serialize)]
struct HealthView {
    status: &'static str,
    version: &'static str,
    started_at: chrono::DateTime<chrono::Utc>,
    store: indexer::StoreCounts,
    store_seq: u64,
    index_docs: u64,
    index_seq: u64,
    /// Segments of the search index (the writer merges them down to two when idle).
    index_segments: usize,
}

/// Answers 200 with counts of the store and the index.
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let indexer = state.indexer.clone();
    let started_at = state.started_at;
    let view = web::block(move || -> Result<HealthView, indexer::IndexerError> {
        Ok(HealthView {
            status: "ok",
            version: env!("CARGO_PKG_VERSION"),
            started_at,
            store: indexer.store().counts()?,
            store_seq: indexer.store().last_seq()?,
            index_docs: indexer.index().num_docs(),
            index_seq: indexer.index().committed_seq()?,
            index_segments: indexer.index().num_segments(),
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(view))
}
