//! `GET /health`: is the service up, and do store and index agree.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Serialize)]
struct HealthView {
    status: &'static str,
    version: &'static str,
    started_at: chrono::DateTime<chrono::Utc>,
    store: StoreCountsView,
    store_seq: u64,
    index_docs: u64,
    index_seq: u64,
    /// Segments of the search index (the writer merges them down to two when idle).
    index_segments: usize,
}

/// How many records the store holds.
#[derive(Serialize)]
struct StoreCountsView {
    /// Records that are current upstream.
    live: u64,
    /// Records deleted upstream, kept as tombstones.
    tombstones: u64,
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
            store: {
                let counts = indexer.store().counts()?;
                StoreCountsView {
                    live: counts.live,
                    tombstones: counts.tombstones,
                }
            },
            store_seq: indexer.store().last_seq()?,
            index_docs: indexer.index().num_docs(),
            index_seq: indexer.index().committed_seq()?,
            index_segments: indexer.index().num_segments(),
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(view))
}
