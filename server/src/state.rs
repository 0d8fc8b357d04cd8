//! What every request handler can reach ([`AppState`]), and opening it.

use std::sync::Arc;

use anyhow::Context;
use config::Config;
use indexer::Indexer;

use crate::pipeline::HarvestService;
use crate::reports::SourceReports;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The configuration.
    pub config: Arc<Config>,
    /// The store, index and writer.
    pub indexer: Indexer,
    /// Harvest runs and schedules.
    pub harvests: HarvestService,
    /// When the server started.
    pub started_at: chrono::DateTime<chrono::Utc>,
    /// The feed-quality reports of the sources, kept until the store changes.
    pub reports: Arc<SourceReports>,
    /// The recorded decisions as evidence for equivalence lookups (derived from the
    /// store, caught up before each lookup).
    pub evidence: Arc<recognition::Evidence>,
}

impl AppState {
    /// Looks up equivalents of `record` with the clearinghouse's store, index and
    /// evidence. Blocking.
    pub fn equivalents(
        &self,
        record: &model::StoredRecord,
        request: &recognition::equivalence::EquivalenceRequest,
    ) -> Result<recognition::equivalence::Equivalents, recognition::RecognitionError> {
        recognition::equivalence::find(
            &self.indexer.index(),
            self.indexer.store(),
            &self.evidence,
            record,
            request,
        )
    }
}

/// Opens the store and index (replaying what the index missed). Blocking.
pub fn open_state(config: Arc<Config>) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "cannot create the data directory {}",
            config.data_dir.display()
        )
    })?;
    let indexer = Indexer::start(&config.data_dir, config.index.writer_heap_bytes)
        .with_context(|| format!("cannot open the store in {}", config.data_dir.display()))?;
    let harvests = HarvestService::new(config.clone(), indexer.clone())?;
    // The evidence is read from the decisions once now, so that the first lookup does
    // not pay for it.
    let evidence = Arc::new(recognition::Evidence::new());
    evidence
        .sync(indexer.store(), &indexer.index())
        .context("cannot read the recorded decisions")?;
    Ok(AppState {
        config,
        indexer,
        harvests,
        started_at: chrono::Utc::now(),
        reports: Arc::default(),
        evidence,
    })
}
