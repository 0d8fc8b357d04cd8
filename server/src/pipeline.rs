//! Runs harvests: the harvester fetches pages, the indexer stores them, and the run report
//! is kept. Also the scheduler that starts each source on its cron schedule.
//!
//! A source never runs twice at once (a second request while it runs is refused), and
//! at most `harvest.max_concurrent_harvests` sources run together.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use config::{Config, Source};
use harvester::{Harvester, PageReport, PageSink, PendingReport, RunOptions, SinkError};
use indexer::{Indexer, PageSequence, SourceContext};
use model::{HarvestPage, HarvestRun, RunOutcome, SourceId};
use tokio::sync::Semaphore;

use crate::disk::DiskGuard;

/// Starts and tracks harvest runs.
#[derive(Clone)]
pub struct HarvestService {
    config: Arc<Config>,
    indexer: Indexer,
    harvester: Arc<Harvester>,
    slots: Arc<Semaphore>,
    running: Arc<Mutex<HashMap<SourceId, chrono::DateTime<Utc>>>>,
    /// Webhook notices being delivered ([`HarvestService::notices_settled`]).
    notices: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
    disk: DiskGuard,
}

/// Why a harvest was not started.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// No source with that id is configured.
    #[error("no source {0:?} is configured")]
    UnknownSource(String),
    /// The source is being harvested now.
    #[error("source {0} is already being harvested")]
    AlreadyRunning(SourceId),
}

/// What a running harvest has done so far, reported after every stored page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Pages stored in this run.
    pub pages: u64,
    /// Records received in this run (including a resumed run's earlier pages).
    pub seen: u64,
    /// Records that failed so far.
    pub failed: u64,
    /// What the source advertised as the list size, if it did.
    pub complete_list_size: Option<u64>,
}

/// Called after every stored page.
pub type ProgressObserver = Arc<dyn Fn(Progress) + Send + Sync>;

struct IndexerSink {
    indexer: Indexer,
    source_id: SourceId,
    context: SourceContext,
    observer: Option<ProgressObserver>,
    /// What the observer is told, updated as reports come in.
    progress: Arc<Mutex<Option<Progress>>>,
    /// The run's pages handed on: once one fails, the indexer refuses the later ones.
    sequence: PageSequence,
    /// No page is handed on while the disk is nearly full: the run stops there, and
    /// the next run resumes from the last page stored.
    disk: DiskGuard,
}

impl PageSink for IndexerSink {
    async fn store_page(&mut self, page: HarvestPage) -> Result<PageReport, SinkError> {
        self.submit_page(page).await?.report().await
    }

    async fn submit_page(&mut self, page: HarvestPage) -> Result<PendingReport, SinkError> {
        let (carried, advertised) = page
            .checkpoint
            .resume
            .as_ref()
            .map(|resume| (resume.counts, resume.complete_list_size))
            .unwrap_or_default();
        {
            let mut progress = self
                .progress
                .lock()
                .unwrap_or_else(|poison| poison.into_inner());
            // A resumed run starts from the counts of its earlier pages.
            let progress = progress.get_or_insert_with(|| Progress {
                seen: carried.seen,
                failed: carried.failed,
                ..Progress::default()
            });
            progress.complete_list_size = advertised.or(progress.complete_list_size);
        }
        self.disk
            .writable()
            .map_err(|paused| SinkError::new(paused.to_string()))?;
        let pending = self
            .indexer
            .submit_page(page, self.context.clone(), Some(&self.sequence))
            .await
            .map_err(|err| write_failed(&self.disk, err))?;
        let observer = self.observer.clone();
        let progress = self.progress.clone();
        let disk = self.disk.clone();
        Ok(PendingReport::pending(async move {
            let outcome = pending
                .outcome()
                .await
                .map_err(|err| write_failed(&disk, err))?;
            if let Some(observer) = &observer {
                let now = {
                    let mut progress = progress.lock().unwrap_or_else(|poison| poison.into_inner());
                    let progress = progress.get_or_insert_with(Progress::default);
                    progress.pages += 1;
                    progress.seen += outcome.counts.seen;
                    progress.failed += outcome.counts.failed;
                    *progress
                };
                observer(now);
            }
            Ok(PageReport {
                counts: outcome.counts,
                errors: outcome.errors,
                held_for_review: outcome.held_for_review,
            })
        }))
    }

    async fn records_held(&mut self) -> Result<Option<u64>, SinkError> {
        let store = self.indexer.store().clone();
        let source_id = self.source_id.clone();
        tokio::task::spawn_blocking(move || {
            store
                .listing_size(&store::Listing::Source(source_id.to_string()))
                .map(Some)
                .map_err(|err| SinkError::new(err.to_string()))
        })
        .await
        .map_err(|err| SinkError::new(err.to_string()))?
    }

    async fn known_upstream_ids(&mut self) -> Result<Vec<String>, SinkError> {
        let store = self.indexer.store().clone();
        let source_id = self.source_id.clone();
        tokio::task::spawn_blocking(move || {
            store
                .records(Some(&source_id))
                .filter_map(|record| match record {
                    Ok(record) if record.deleted => None,
                    Ok(record) => Some(Ok(record.provenance.upstream_id)),
                    Err(err) => Some(Err(SinkError::new(err.to_string()))),
                })
                .collect()
        })
        .await
        .map_err(|err| SinkError::new(err.to_string()))?
    }
}

/// Why a page could not be stored: the store's failure on disk in plain words when
/// that is what happened, a whole-document feed that cannot be read (the feed's
/// problem, said as such), else `err`.
fn write_failed(disk: &DiskGuard, err: indexer::IndexerError) -> SinkError {
    match (disk.store_failure(), &err) {
        (Some(failure), _) => SinkError::new(failure.to_string()),
        (None, indexer::IndexerError::Document { kind, .. }) => {
            SinkError::of_page(err.to_string(), *kind)
        }
        (None, _) => SinkError::new(err.to_string()),
    }
}

impl HarvestService {
    /// A service over `indexer` for the sources of `config`.
    pub fn new(config: Arc<Config>, indexer: Indexer) -> anyhow::Result<HarvestService> {
        let harvester = Harvester::new(&config.harvest)
            .map_err(|err| anyhow::anyhow!("cannot build the HTTP client: {err}"))?;
        let disk = DiskGuard::new(&config.data_dir, config.server.min_free_disk_mb)
            .watching(indexer.store().clone());
        Ok(HarvestService {
            slots: Arc::new(Semaphore::new(config.harvest.max_concurrent_harvests)),
            indexer,
            harvester: Arc::new(harvester),
            running: Arc::new(Mutex::new(HashMap::new())),
            notices: Arc::new(Mutex::new(Vec::new())),
            disk,
            config,
        })
    }

    /// The free space every write of a harvest is checked against.
    pub fn disk(&self) -> &DiskGuard {
        &self.disk
    }

    /// Starts a harvest of `source_id` in the background, unless one is running (then
    /// `false`): the one way the API and the pages start a harvest on request.
    pub fn start(&self, source_id: &SourceId, full: bool, who: &str) -> bool {
        if self.running().contains_key(source_id) {
            return false;
        }
        let harvests = self.clone();
        let id = source_id.to_string();
        tracing::info!(source_id = %id, who, full, "manual harvest requested");
        actix_web::rt::spawn(async move {
            if let Err(err) = harvests.run(&id, full).await {
                tracing::warn!(source_id = %id, error = %err, "manual harvest not started");
            }
        });
        true
    }

    /// Since when each running source runs.
    pub fn running(&self) -> HashMap<SourceId, chrono::DateTime<Utc>> {
        self.running
            .lock()
            .map(|map| map.clone())
            .unwrap_or_default()
    }

    /// Harvests one source now and returns its report.
    pub async fn run(&self, source_id: &str, full: bool) -> Result<HarvestRun, StartError> {
        self.run_observed(source_id, full, None).await
    }

    /// Like [`HarvestService::run`], calling `observer` after every stored page.
    pub async fn run_observed(
        &self,
        source_id: &str,
        full: bool,
        observer: Option<ProgressObserver>,
    ) -> Result<HarvestRun, StartError> {
        let source = self
            .config
            .source(source_id)
            .ok_or_else(|| StartError::UnknownSource(source_id.to_owned()))?
            .clone();
        {
            let mut running = self
                .running
                .lock()
                .unwrap_or_else(|poison| poison.into_inner());
            if running.contains_key(&source.id) {
                return Err(StartError::AlreadyRunning(source.id));
            }
            running.insert(source.id.clone(), Utc::now());
        }
        let _slot = self.slots.acquire().await;
        let run = self.run_claimed(&source, full, observer).await;
        self.running
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .remove(&source.id);
        Ok(run)
    }

    #[tracing::instrument(skip(self, source, observer), fields(source_id = %source.id))]
    async fn run_claimed(
        &self,
        source: &Source,
        full: bool,
        observer: Option<ProgressObserver>,
    ) -> HarvestRun {
        let started_at = Utc::now();
        if let Err(full) = self.disk.writable() {
            return self
                .failed_before_start(source, started_at, full.to_string())
                .await;
        }
        let store = self.indexer.store().clone();
        let source_id = source.id.clone();
        let checkpoint = tokio::task::spawn_blocking(move || store.checkpoint(&source_id)).await;
        let checkpoint = match checkpoint {
            Ok(Ok(checkpoint)) => checkpoint,
            Ok(Err(err)) => {
                return self
                    .failed_before_start(source, started_at, err.to_string())
                    .await;
            }
            Err(err) => {
                return self
                    .failed_before_start(source, started_at, err.to_string())
                    .await;
            }
        };
        let mut sink = IndexerSink {
            indexer: self.indexer.clone(),
            source_id: source.id.clone(),
            observer,
            progress: Arc::new(Mutex::new(None)),
            sequence: PageSequence::new(),
            context: source_context(source, &self.config.harvest),
            disk: self.disk.clone(),
        };
        let run = self
            .harvester
            .run(source, checkpoint, RunOptions { full }, &mut sink)
            .await;
        if let Err(err) = self.indexer.commit().await {
            tracing::error!(error = %err, "index commit after harvest failed; the next start replays it");
        }
        self.store_run(&run).await;
        match run.outcome {
            RunOutcome::Failed => tracing::warn!(message = ?run.message, "harvest failed"),
            _ => {
                tracing::info!(outcome = ?run.outcome, seen = run.counts.seen, added = run.counts.added,
                updated = run.counts.updated, deleted = run.counts.deleted, failed = run.counts.failed,
                "harvest finished")
            }
        }
        run
    }

    async fn failed_before_start(
        &self,
        source: &Source,
        started_at: chrono::DateTime<Utc>,
        message: String,
    ) -> HarvestRun {
        let run = HarvestRun {
            run_id: model::RunId::new(&source.id, started_at),
            source_id: source.id.clone(),
            started_at,
            finished_at: Some(Utc::now()),
            outcome: RunOutcome::Failed,
            incremental_from: None,
            pages: 0,
            counts: Default::default(),
            complete_list_size: None,
            errors: Vec::new(),
            message: Some(message),
            failure: Some(model::FailureKind::Internal),
            held_for_review: None,
        };
        self.store_run(&run).await;
        run
    }

    async fn store_run(&self, run: &HarvestRun) {
        if let Err(err) = self.indexer.record_run(run.clone()).await {
            tracing::error!(error = %err, "could not store the harvest run report");
        }
        self.notify(run).await;
    }

    /// Tells the source's webhook, if it has one, what `run` means for its publisher
    /// ([`crate::notify`]); delivered in the background.
    async fn notify(&self, run: &HarvestRun) {
        let Some(source) = self.config.source(run.source_id.as_str()) else {
            return;
        };
        let Some(notify) = source.notify.clone() else {
            return;
        };
        let store = self.indexer.store().clone();
        let id = run.source_id.clone();
        let previous = tokio::task::spawn_blocking(move || store.runs(&id, 2))
            .await
            .ok()
            .and_then(Result::ok)
            .and_then(|runs| runs.into_iter().nth(1));
        let Some(event) = crate::notify::event(run, previous.as_ref()) else {
            return;
        };
        let notice = crate::views::NotificationView {
            event: event.as_str(),
            source: source.id.to_string(),
            institution: self
                .config
                .institution_name(source.id.as_str())
                .unwrap_or(&source.institution)
                .to_owned(),
            page: self.config.server.public_url.as_ref().map(|url| {
                format!(
                    "{}/sources/{}",
                    url.as_str().trim_end_matches('/'),
                    source.id
                )
            }),
            held_for_review: run.held_for_review.clone(),
            run: crate::views::RunView::new(run),
        };
        let Ok(body) = serde_json::to_vec(&notice) else {
            return;
        };
        let harvester = self.harvester.clone();
        let run_id = run.run_id.0.clone();
        let delivery = tokio::spawn(async move {
            crate::notify::deliver(&harvester, &notify, event, &run_id, body).await;
        });
        let mut notices = self
            .notices
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        notices.retain(|notice| !notice.is_finished());
        notices.push(delivery);
    }

    /// Waits until every webhook notice sent so far is delivered or given up: a
    /// `clearinghouse harvest` from the command line does not exit before its retries.
    pub async fn notices_settled(&self) {
        let pending: Vec<tokio::task::JoinHandle<()>> = self
            .notices
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .drain(..)
            .collect();
        for notice in pending {
            let _ = notice.await;
        }
    }

    /// Runs every source on its schedule until the returned handle is aborted; with
    /// `harvest_now`, harvests every source once first.
    pub fn spawn_scheduler(&self, harvest_now: bool) -> tokio::task::JoinHandle<()> {
        let service = self.clone();
        tokio::spawn(async move {
            // Dropping the set (when this task is aborted) aborts every source's loop.
            let mut tasks = tokio::task::JoinSet::new();
            for source in service.config.sources.iter().cloned() {
                let service = service.clone();
                tasks.spawn(async move {
                    if harvest_now {
                        service.run_logged(&source).await;
                    }
                    let Some(schedule) = source.schedule.clone() else {
                        return;
                    };
                    loop {
                        let Some(next) = schedule.upcoming(Utc).next() else {
                            return;
                        };
                        let wait = (next - Utc::now()).to_std().unwrap_or_default();
                        tokio::time::sleep(wait).await;
                        service.run_logged(&source).await;
                    }
                });
            }
            while tasks.join_next().await.is_some() {}
        })
    }

    async fn run_logged(&self, source: &Source) {
        if let Err(err) = self.run(source.id.as_str(), false).await {
            tracing::warn!(source_id = %source.id, error = %err, "scheduled harvest skipped");
        }
    }
}

/// What the indexer needs to know of a configured source.
fn source_context(source: &config::Source, harvest: &config::HarvestConfig) -> SourceContext {
    SourceContext {
        institution: source.institution.clone(),
        institution_names: source
            .institution_names
            .iter()
            .map(|(_, name)| name.clone())
            .collect(),
        country: source.country.clone(),
        max_shrink_fraction: harvest.max_shrink_fraction,
        limits: harvest.parse_limits,
        may_publish_for: if source.role.publishes_for_anyone() {
            formats::MayPublishFor::Any
        } else if source.publishes_for.is_empty() {
            formats::MayPublishFor::Named
        } else {
            formats::MayPublishFor::Also(source.publishes_for.clone())
        },
        accepts_provenance: source.role == config::SourceRole::Clearinghouse,
    }
}
