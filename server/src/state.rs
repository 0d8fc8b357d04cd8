//! What every request handler can reach ([`AppState`]), and opening it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// The bridge between languages: the multilingual model (when configured) and the
    /// records' vectors, kept up to date by the enrichment thread.
    pub bridge: Arc<crosslingual::Bridge>,
    /// The page sessions ended before they expire (sign-out, sign out everywhere).
    pub sessions: Arc<crate::pages::session::Revocations>,
    /// The credentials people uploaded, held for their session only (never stored).
    pub uploads: Arc<crate::uploads::Uploads>,
    /// Stops the enrichment thread when the last handle to the state goes.
    _enrichment: Arc<StopOnDrop>,
}

/// Sets its flag when dropped.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Why a write of a request was not made.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The disk is nearly full, or the store failed a write ([`crate::disk`]).
    #[error(transparent)]
    WritesPaused(#[from] WritesPaused),
    /// The store failed.
    #[error(transparent)]
    Indexer(#[from] indexer::IndexerError),
}

use crate::disk::WritesPaused;

impl AppState {
    /// Records a decision, its revision or its withdrawal (`action`), unless the disk is
    /// nearly full: the one way the API and the pages write decisions.
    pub async fn record_decision(
        &self,
        decision: store::Decision,
        action: &'static str,
        idempotency_key: Option<String>,
    ) -> Result<store::Decision, WriteError> {
        let guard = self.harvests.disk();
        guard.writable()?;
        match self
            .indexer
            .record_decision(decision, action, idempotency_key)
            .await
        {
            Ok(decision) => Ok(decision),
            // The write that failed on disk, said as every later one will be.
            Err(err) => match guard.store_failure() {
                Some(failure) => Err(WritesPaused::StoreCannotWrite(failure.clone()).into()),
                None => Err(err.into()),
            },
        }
    }

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
            &self.bridge,
            record,
            request,
        )
    }
}

/// Records a search query finds by meaning at most, to complete a page its words do not
/// fill.
const SEARCH_ACROSS_LANGUAGES: usize = 20;
/// Similarity (centred cosine) from which a record counts as found by meaning: a short
/// query's cosines with whole records are low (0.1–0.3 for the right ones).
const SEARCH_MIN_SIMILARITY: f64 = 0.1;

impl AppState {
    /// Answers a search: the matches of its words, and on a first page they do not fill,
    /// the records nearest by meaning in other languages (when the bridge is on).
    /// Blocking.
    ///
    /// The `institution` filter takes institutions' keys (or names), and the institution
    /// facet counts institutions named for a reader of `languages`
    /// ([`crate::institutions`]).
    pub fn search(
        &self,
        request: &search::SearchRequest,
        languages: &[String],
    ) -> Result<indexer::SearchAnswer, indexer::IndexerError> {
        let institutions = &self.config.institutions;
        let request = &crate::institutions::expand_filters(institutions, request);
        let mut answer = self.indexer.search(request)?;
        if self.bridge.encoder().is_some() && Indexer::wants_other_languages(request, &answer) {
            let nearby: Vec<indexer::NearbyRecord> = self
                .bridge
                .nearby(
                    &request.query,
                    SEARCH_ACROSS_LANGUAGES,
                    SEARCH_MIN_SIMILARITY,
                )
                .into_iter()
                .map(|(id, lang, similarity)| indexer::NearbyRecord {
                    id,
                    lang,
                    similarity,
                })
                .collect();
            self.indexer
                .add_other_languages(request, &mut answer, &nearby)?;
        }
        crate::institutions::merge_counts(institutions, &mut answer.facets, languages);
        Ok(answer)
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
    // The evidence is read from the decisions in the background (23 s for 100,000
    // decisions at 1M records), so that start-up does not wait for it; a lookup meanwhile waits for
    // the catch-up instead of doing it again.
    let evidence = Arc::new(recognition::Evidence::new());
    {
        let (evidence, store, index) = (evidence.clone(), indexer.store().clone(), indexer.index());
        std::thread::Builder::new()
            .name("evidence".to_owned())
            .spawn(move || {
                if let Err(error) = evidence.sync(&store, &index) {
                    tracing::warn!(%error, "cannot read the recorded decisions as evidence yet; the next lookup retries");
                }
            })
            .context("cannot start the thread that reads the recorded decisions")?;
    }
    let bridge = Arc::new(
        crosslingual::Bridge::open(config.multilingual.model.as_deref(), indexer.store())
            .context("cannot read the records' multilingual vectors")?
            .with_dictionaries(config.multilingual.dictionaries.as_deref()),
    );
    // The dictionaries are read in the background (3 s for all of Debian's, most of it
    // German): lookups use them once they are in.
    if bridge.dictionaries_loading() {
        let bridge = bridge.clone();
        std::thread::Builder::new()
            .name("dictionaries".to_owned())
            .spawn(move || {
                bridge.load_dictionaries();
            })
            .context("cannot start the thread that reads the dictionaries")?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    if bridge.encoder().is_some() {
        let (bridge, indexer, stop) = (bridge.clone(), indexer.clone(), stop.clone());
        std::thread::Builder::new()
            .name("enrichment".to_owned())
            .spawn(move || {
                crosslingual::enrich::run(
                    &bridge,
                    indexer.store(),
                    |write| indexer.enrich_blocking(write),
                    &stop,
                );
            })
            .context("cannot start the thread that embeds the records")?;
    }
    Ok(AppState {
        config,
        indexer,
        harvests,
        started_at: chrono::Utc::now(),
        reports: Arc::default(),
        evidence,
        bridge,
        sessions: Arc::default(),
        uploads: Arc::default(),
        _enrichment: Arc::new(StopOnDrop(stop)),
    })
}
