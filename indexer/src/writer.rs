//! `writer/`: here is a harvested page, make it durable and searchable.
//!
//! One thread (`thread.rs`) owns the index's [`search::IndexWriter`] and applies every
//! [`store::Batch`]: it is the only writer of records, decisions, checkpoints and run
//! reports. Async callers send it commands over a bounded channel and await the answer,
//! so the runtime never blocks on disk. A prepare thread (`prepare.rs`) parses each page's
//! payloads and builds its records and documents; the writer (`apply.rs`) writes the
//! records, their change log entries and the source's checkpoint in one store batch,
//! flushed, and then updates the index. The index is committed at the end of every run and at least
//! every [`COMMIT_INTERVAL`]; each commit records the last store sequence number it
//! covers, and [`Indexer::start`] replays the change log from there, so a crash between
//! the sled write and the tantivy commit loses nothing.
//!
//! [`Indexer::reindex`] builds a new index generation from the store on a thread of its
//! own while harvests and searches go on; the writer thread then replays what changed
//! during the build into it, commits, and switches [`CurrentIndex`] and the `CURRENT`
//! file to it. An index built by another schema is rebuilt the same way at start-up.
//!
//! The first harvest of a source the store holds nothing of does no store lookups: the
//! writer remembers the ids it wrote for such a source (`WrittenIds`). When the writer
//! has had no work for [`MERGE_WHEN_IDLE_AFTER`] (or none since start; a thread asks it
//! every few seconds), it merges all the index's segments but the largest into one on
//! tantivy's merge threads, since searches pay per segment; the merge keeps the commit's
//! store sequence number, and the reader reloads when it is done.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use model::{Country, HarvestPage, HarvestRun, RecordError, RunCounts};
use search::{CurrentIndex, SearchError, SearchIndex};
use store::{Decision, Store};
use tokio::sync::{mpsc, oneshot};

use self::generation::{BuiltGeneration, build_generation, replay};
use self::prepare::{PreparedPage, prepare_pages};
use self::thread::WriterState;
use crate::IndexerError;

mod apply;
mod generation;
mod prepare;
mod thread;

pub use self::generation::rebuild_index;

/// Longest time harvested records wait before they become searchable.
pub const COMMIT_INTERVAL: Duration = Duration::from_secs(2);

/// How long the writer goes without work before it merges the index's segments down to
/// [`search::SEGMENTS_WHEN_IDLE`] (at start-up it need not wait).
pub const MERGE_WHEN_IDLE_AFTER: Duration = Duration::from_secs(30);

/// How often the writer is asked whether it is idle.
const IDLE_CHECK_INTERVAL: Duration = Duration::from_secs(5);

/// Uncommitted documents that force a commit.
const COMMIT_DOCS: u64 = 50_000;

/// What the indexer needs to know of a source besides the page.
#[derive(Debug, Clone)]
pub struct SourceContext {
    /// The publishing institution, used as awarding body when a record names none.
    pub institution: String,
    /// Its names in other languages (`institution_names` of the configuration): records
    /// naming it so are its own.
    pub institution_names: Vec<String>,
    /// Its country, used when a record's awarding body has none.
    pub country: Country,
    /// A whole-document feed shrinking by more than this share is held for review.
    pub max_shrink_fraction: f64,
    /// The limits on reading the source's documents (`harvest.max_*` of the
    /// configuration).
    pub limits: model::ParseLimits,
    /// The awarding bodies it may publish for besides its institution.
    pub may_publish_for: formats::MayPublishFor,
    /// Whether its records' upstream provenance (hops through other clearinghouses) is
    /// accepted: only from a source configured as a clearinghouse.
    pub accepts_provenance: bool,
}

impl SourceContext {
    /// What the source's configuration says of its records.
    pub fn assumptions(&self) -> formats::SourceAssumptions {
        formats::SourceAssumptions {
            institution: self.institution.clone(),
            institution_names: self.institution_names.clone(),
            country: self.country.clone(),
            may_publish_for: self.may_publish_for.clone(),
        }
    }
}

/// What storing a page changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageOutcome {
    /// Counts of this page.
    pub counts: RunCounts,
    /// Records that failed, and why.
    pub errors: Vec<RecordError>,
    /// Set when deletions were held back because the feed shrank too much.
    pub held_for_review: Option<String>,
}

/// Pages of one harvest run handed on without waiting for each other
/// ([`Indexer::submit_page`]): once one fails, the later ones are refused, so that no
/// checkpoint is stored past a page that was not.
#[derive(Debug, Clone, Default)]
pub struct PageSequence {
    pub(crate) broken: Arc<AtomicBool>,
}

impl PageSequence {
    /// A new sequence.
    pub fn new() -> PageSequence {
        PageSequence::default()
    }
}

/// A page handed to the indexer, whose outcome is not known yet.
#[must_use = "a submitted page's outcome says whether it was stored"]
pub struct PendingPage {
    answer: oneshot::Receiver<Result<PageOutcome, IndexerError>>,
}

impl std::fmt::Debug for PendingPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingPage").finish_non_exhaustive()
    }
}

impl PendingPage {
    /// Waits until the page is stored (or refused) and says what it changed.
    pub async fn outcome(self) -> Result<PageOutcome, IndexerError> {
        self.answer.await.map_err(|_| IndexerError::WriterGone)?
    }
}

/// A page on its way to the prepare thread.
struct PageJob {
    page: Box<HarvestPage>,
    context: SourceContext,
    sequence: Option<PageSequence>,
    reply: oneshot::Sender<Result<PageOutcome, IndexerError>>,
}

enum Command {
    ApplyPage {
        page: Result<Box<PreparedPage>, IndexerError>,
        sequence: Option<PageSequence>,
        reply: oneshot::Sender<Result<PageOutcome, IndexerError>>,
    },
    Commit {
        reply: oneshot::Sender<Result<(), IndexerError>>,
    },
    RecordRun {
        run: Box<HarvestRun>,
        reply: oneshot::Sender<Result<(), IndexerError>>,
    },
    RecordDecision {
        decision: Box<Decision>,
        action: &'static str,
        idempotency_key: Option<String>,
        reply: oneshot::Sender<Result<Decision, IndexerError>>,
    },
    Enrich {
        write: Box<store::EnrichmentWrite>,
        reply: oneshot::Sender<Result<(), IndexerError>>,
    },
    SwitchGeneration {
        built: Box<BuiltGeneration>,
        reply: oneshot::Sender<Result<(), IndexerError>>,
    },
    /// Runs `work` on the writer thread, between writes (a consistent backup).
    Exclusive {
        work: Box<dyn FnOnce(&Store) + Send>,
    },
    /// Sent every [`IDLE_CHECK_INTERVAL`]: merges segments if the writer is idle.
    IdleCheck,
    /// Merges segments now (tests).
    #[cfg(test)]
    MergeSegments { reply: oneshot::Sender<()> },
}

/// The handle to the writer thread, the store and the index. Cheap to clone.
#[derive(Clone)]
pub struct Indexer {
    commands: mpsc::Sender<Command>,
    pages: mpsc::Sender<PageJob>,
    store: Store,
    index: CurrentIndex,
    index_root: PathBuf,
    writer_heap_bytes: usize,
    reindexing: Arc<tokio::sync::Mutex<()>>,
    _thread: Arc<WriterThread>,
}

struct WriterThread {
    /// The prepare thread, then the writer thread: joined in this order, as the prepare
    /// thread holds a sender of the writer's commands.
    handles: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>>,
}

impl Drop for WriterThread {
    fn drop(&mut self) {
        let handles = self
            .handles
            .lock()
            .map(|mut handles| std::mem::take(&mut *handles))
            .unwrap_or_default();
        for handle in handles {
            let _ = handle.join();
        }
    }
}

/// Where the store and index live under a data directory.
#[derive(Debug, Clone)]
pub struct DataPaths {
    /// The sled store.
    pub store: PathBuf,
    /// The root of the tantivy index generations.
    pub index: PathBuf,
}

impl DataPaths {
    /// The layout under `data_dir`.
    pub fn new(data_dir: &Path) -> DataPaths {
        DataPaths {
            store: data_dir.join("store"),
            index: data_dir.join("index"),
        }
    }
}

impl Indexer {
    /// Opens the store and index under `data_dir`, replays what the index missed, and
    /// starts the writer thread. An index built by another schema is rebuilt from the
    /// store first. Blocking: call it before the runtime starts or from `spawn_blocking`.
    pub fn start(data_dir: &Path, writer_heap_bytes: usize) -> Result<Indexer, IndexerError> {
        let paths = DataPaths::new(data_dir);
        let store = Store::open(&paths.store)?;
        store.ensure_counts()?;
        let mut writer = match SearchIndex::open(&paths.index) {
            Ok(index) => index.writer(writer_heap_bytes)?,
            Err(err @ (SearchError::SchemaChanged | SearchError::Damaged(_))) => {
                tracing::warn!(error = %err, "rebuilding the search index from the store");
                let built = build_generation(&store, &paths.index, writer_heap_bytes)?;
                search::switch_generation(&paths.index, built.writer.index().dir())?;
                tracing::info!(indexed = built.indexed, "search index rebuilt");
                // Opening again removes the old generation.
                let _ = SearchIndex::open(&paths.index)?;
                built.writer
            }
            Err(err) => return Err(err.into()),
        };
        let index = writer.index().clone();
        let replayed = replay(&store, &mut writer, index.committed_seq()?)?;
        if replayed > 0 {
            tracing::info!(replayed, "index caught up with the store");
        }
        let (commands, receiver) = mpsc::channel(16);
        let current = CurrentIndex::new(index.clone());
        let state = WriterState {
            store: store.clone(),
            index,
            current: current.clone(),
            index_root: paths.index.clone(),
            writer,
            uncommitted_docs: 0,
            last_commit: Instant::now(),
            applied_seq: store.last_seq()?,
            written_ids: HashMap::new(),
            last_work: None,
        };
        let writer_handle = std::thread::Builder::new()
            .name("indexer-writer".to_owned())
            .spawn(move || state.run(receiver))?;
        // Holds the channel weakly, so that it ends when the indexer is dropped.
        let idle_checks = commands.downgrade();
        std::thread::Builder::new()
            .name("indexer-idle".to_owned())
            .spawn(move || {
                loop {
                    std::thread::sleep(IDLE_CHECK_INTERVAL);
                    let Some(commands) = idle_checks.upgrade() else {
                        break;
                    };
                    // A full channel means work: no check needed.
                    let _ = commands.try_send(Command::IdleCheck);
                }
            })?;
        // One page being prepared and one waiting: the harvester keeps a few in flight.
        let (pages, page_receiver) = mpsc::channel(2);
        let prepare_handle = {
            let commands = commands.clone();
            let index = current.clone();
            std::thread::Builder::new()
                .name("indexer-prepare".to_owned())
                .spawn(move || prepare_pages(page_receiver, commands, index))?
        };
        Ok(Indexer {
            commands,
            pages,
            store,
            index: current,
            index_root: paths.index,
            writer_heap_bytes,
            reindexing: Arc::new(tokio::sync::Mutex::new(())),
            _thread: Arc::new(WriterThread {
                handles: std::sync::Mutex::new(vec![prepare_handle, writer_handle]),
            }),
        })
    }

    /// The store (for reads).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The index generation in use now (for searches; a search keeps the generation it
    /// started with even if a rebuild switches meanwhile).
    pub fn index(&self) -> Arc<SearchIndex> {
        self.index.get()
    }

    /// Rebuilds the index from the store into a new generation beside the one in use,
    /// then switches to it atomically; searches and harvests go on meanwhile. Returns the
    /// number of records indexed. Concurrent calls run one after the other.
    pub async fn reindex(&self) -> Result<u64, IndexerError> {
        let _one_at_a_time = self.reindexing.lock().await;
        let (sender, built) = oneshot::channel();
        let store = self.store.clone();
        let index_root = self.index_root.clone();
        let heap_bytes = self.writer_heap_bytes;
        std::thread::Builder::new()
            .name("indexer-reindex".to_owned())
            .spawn(move || {
                let _ = sender.send(build_generation(&store, &index_root, heap_bytes));
            })?;
        let built = built.await.map_err(|_| IndexerError::WriterGone)??;
        let indexed = built.indexed;
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::SwitchGeneration {
                built: Box::new(built),
                reply,
            })
            .await
            .map_err(|_| IndexerError::WriterGone)?;
        answer.await.map_err(|_| IndexerError::WriterGone)??;
        Ok(indexed)
    }

    /// Stores a page and its checkpoint atomically, then indexes it.
    pub async fn apply_page(
        &self,
        page: HarvestPage,
        context: SourceContext,
    ) -> Result<PageOutcome, IndexerError> {
        self.submit_page(page, context, None).await?.outcome().await
    }

    /// Hands a page on and returns as soon as the indexer has taken it (waiting while
    /// it has a few pages to do already), so that the caller can hand on the next while
    /// this one is parsed and stored. Pages are stored in the order submitted, each with
    /// its checkpoint. Pages of one `sequence` after a failed one are refused.
    ///
    /// A page's `checkpoint.resume.counts` may lag behind (the outcome of the pages before
    /// it not known yet): the writer takes the counts of the checkpoint it stored last
    /// for the same run where there is one, and adds the page's own.
    pub async fn submit_page(
        &self,
        page: HarvestPage,
        context: SourceContext,
        sequence: Option<&PageSequence>,
    ) -> Result<PendingPage, IndexerError> {
        let (reply, answer) = oneshot::channel();
        self.pages
            .send(PageJob {
                page: Box::new(page),
                context,
                sequence: sequence.cloned(),
                reply,
            })
            .await
            .map_err(|_| IndexerError::WriterGone)?;
        Ok(PendingPage { answer })
    }

    /// Appends a decision revision (the revision number is assigned here: 1 for a new
    /// decision id, else the latest plus one) with its audit entry, durably, and returns
    /// what was stored. With an idempotency key already used by the same institution, the
    /// decision stored then is returned and nothing is written.
    pub async fn record_decision(
        &self,
        decision: Decision,
        action: &'static str,
        idempotency_key: Option<String>,
    ) -> Result<Decision, IndexerError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::RecordDecision {
                decision: Box::new(decision),
                action,
                idempotency_key,
                reply,
            })
            .await
            .map_err(|_| IndexerError::WriterGone)?;
        answer.await.map_err(|_| IndexerError::WriterGone)?
    }

    /// Stores a harvest run's report (or replaces it, for a run in progress), durably.
    pub async fn record_run(&self, run: HarvestRun) -> Result<(), IndexerError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::RecordRun {
                run: Box::new(run),
                reply,
            })
            .await
            .map_err(|_| IndexerError::WriterGone)?;
        answer.await.map_err(|_| IndexerError::WriterGone)?
    }

    /// Stores one step of the multilingual enrichment (vectors, language sums, cursor) in
    /// one batch, durably. For the enrichment's own thread: blocks until it is written.
    pub fn enrich_blocking(&self, write: store::EnrichmentWrite) -> Result<(), IndexerError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .blocking_send(Command::Enrich {
                write: Box::new(write),
                reply,
            })
            .map_err(|_| IndexerError::WriterGone)?;
        answer
            .blocking_recv()
            .map_err(|_| IndexerError::WriterGone)?
    }

    /// Starts merging the index's smaller segments now, as the writer does when idle.
    #[cfg(test)]
    pub(crate) async fn merge_segments_now(&self) -> Result<(), IndexerError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::MergeSegments { reply })
            .await
            .map_err(|_| IndexerError::WriterGone)?;
        answer.await.map_err(|_| IndexerError::WriterGone)
    }

    /// Runs `work` on the writer thread while no write happens: every write before it is
    /// in the store, none after it is. Blocking work: writes wait until it is done.
    pub async fn with_writes_paused<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Store) -> T + Send + 'static,
    ) -> Result<T, IndexerError> {
        let (reply, answer) = oneshot::channel();
        let work = Box::new(move |store: &Store| {
            let _ = reply.send(work(store));
        });
        self.commands
            .send(Command::Exclusive { work })
            .await
            .map_err(|_| IndexerError::WriterGone)?;
        answer.await.map_err(|_| IndexerError::WriterGone)
    }

    /// Commits the index and makes everything stored so far searchable.
    pub async fn commit(&self) -> Result<(), IndexerError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::Commit { reply })
            .await
            .map_err(|_| IndexerError::WriterGone)?;
        answer.await.map_err(|_| IndexerError::WriterGone)?
    }
}

#[cfg(test)]
mod tests;
