//! `GET /health`: is the service up, and do store and index agree.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Serialize)]
struct HealthView {
    /// `ok`, or `degraded` while writes are paused (see `disk` and
    /// `store_cannot_write`).
    status: &'static str,
    version: &'static str,
    started_at: chrono::DateTime<chrono::Utc>,
    store: StoreCountsView,
    /// Once the store failed a write on disk: why and what to do, in plain words
    /// (`null` while it writes).
    store_cannot_write: Option<String>,
    store_seq: u64,
    index_docs: u64,
    index_seq: u64,
    /// Segments of the search index (the writer merges them down to two when idle).
    index_segments: usize,
    /// The bridge between languages.
    multilingual: MultilingualView,
    /// Free space on the data directory's disk (absent when the check is off).
    #[serde(skip_serializing_if = "Option::is_none")]
    disk: Option<DiskView>,
}

/// Free space on the data directory's disk against the reserve.
#[derive(Serialize)]
struct DiskView {
    available_bytes: u64,
    reserve_bytes: u64,
    /// Whether harvests and decisions are paused until space is freed.
    writes_paused: bool,
    /// Why, in plain words, while they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

/// How the bridge between languages stands.
#[derive(Serialize)]
struct MultilingualView {
    /// Whether a multilingual model is loaded: lookups then bridge languages.
    enabled: bool,
    /// Why not, when it is off.
    #[serde(skip_serializing_if = "Option::is_none")]
    off_because: Option<String>,
    /// The model (name and the start of its file's hash).
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<String>,
    /// Memory the loaded model holds, in bytes.
    model_bytes: usize,
    /// Records with a vector.
    records_embedded: usize,
    /// Vectors by language, most first.
    languages: Vec<(String, u64)>,
    /// Change-log entries not embedded yet (the enrichment's backlog).
    backlog: u64,
    /// Average milliseconds to embed one record since start.
    #[serde(skip_serializing_if = "Option::is_none")]
    millis_per_record: Option<f64>,
    /// The last failure of the enrichment, if its last step failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<String>,
    /// The bilingual dictionaries loaded (into English), by source language.
    dictionaries: Vec<DictionaryView>,
    /// The folder they are read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    dictionaries_dir: Option<String>,
    /// Whether they are still being read (lookups use them once they are in).
    dictionaries_loading: bool,
    /// Why no dictionary is used.
    #[serde(skip_serializing_if = "Option::is_none")]
    dictionaries_off_because: Option<String>,
    /// Dictionary files that could not be read, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dictionaries_left_out: Vec<String>,
}

/// One bilingual dictionary loaded.
#[derive(Serialize)]
struct DictionaryView {
    /// `fin-eng`.
    pair: String,
    /// The language it translates from (ISO 639-1).
    from: String,
    /// Distinct headwords.
    headwords: usize,
    /// Memory it holds, in bytes.
    bytes: usize,
    /// How long reading it took.
    load_millis: u64,
}

impl MultilingualView {
    fn of(bridge: &crosslingual::Bridge) -> MultilingualView {
        let status = bridge.status();
        MultilingualView {
            enabled: bridge.encoder().is_some(),
            off_because: bridge.off_because().map(str::to_owned),
            model: bridge.encoder().map(|e| e.name().to_owned()),
            model_bytes: bridge.encoder().map_or(0, |e| e.heap_bytes()),
            records_embedded: bridge.table().len(),
            languages: bridge.table().languages(),
            backlog: status.backlog.load(std::sync::atomic::Ordering::Relaxed),
            millis_per_record: bridge.embedding_millis_per_record(),
            failure: status.failure.lock().ok().and_then(|f| f.clone()),
            dictionaries: bridge
                .dictionaries()
                .map(|d| d.loaded())
                .unwrap_or_default()
                .iter()
                .map(|d| DictionaryView {
                    pair: d.pair().to_owned(),
                    from: d.lang().to_owned(),
                    headwords: d.headwords(),
                    bytes: d.heap_bytes(),
                    load_millis: d.load_time().as_millis() as u64,
                })
                .collect(),
            dictionaries_dir: bridge
                .dictionaries_dir()
                .map(|dir| dir.display().to_string()),
            dictionaries_loading: bridge.dictionaries_loading(),
            dictionaries_off_because: bridge.dictionaries_off_because(),
            dictionaries_left_out: bridge
                .dictionaries()
                .map(|d| d.problems().to_vec())
                .unwrap_or_default(),
        }
    }
}

/// How many records the store holds.
#[derive(Serialize)]
struct StoreCountsView {
    /// Records that are current upstream.
    live: u64,
    /// Records deleted upstream, kept as tombstones.
    tombstones: u64,
}

/// Answers 200 with counts of the store and the index; `status` is `degraded` while the
/// disk is nearly full (reads go on, writes wait) and once the store failed a write.
pub async fn health(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let indexer = state.indexer.clone();
    let started_at = state.started_at;
    let bridge = state.bridge.clone();
    let disk = state.harvests.disk().space().map(|space| DiskView {
        available_bytes: space.available,
        reserve_bytes: space.reserve,
        writes_paused: space.is_low(),
        message: space
            .is_low()
            .then(|| crate::disk::DiskNearlyFull(space).to_string()),
    });
    let store_cannot_write = state
        .harvests
        .disk()
        .store_failure()
        .map(|failure| failure.to_string());
    let status =
        if store_cannot_write.is_some() || disk.as_ref().is_some_and(|disk| disk.writes_paused) {
            "degraded"
        } else {
            "ok"
        };
    let view = web::block(move || -> Result<HealthView, indexer::IndexerError> {
        Ok(HealthView {
            status,
            version: env!("CARGO_PKG_VERSION"),
            started_at,
            store: {
                let counts = indexer.store().counts()?;
                StoreCountsView {
                    live: counts.live,
                    tombstones: counts.tombstones,
                }
            },
            store_cannot_write,
            store_seq: indexer.store().last_seq()?,
            index_docs: indexer.index().num_docs(),
            index_seq: indexer.index().committed_seq()?,
            index_segments: indexer.index().num_segments(),
            multilingual: MultilingualView::of(&bridge),
            disk,
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(view))
}
