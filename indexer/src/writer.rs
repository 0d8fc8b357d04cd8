//! `writer/`: here is a harvested page, make it durable and searchable.
//!
//! One thread owns the tantivy `IndexWriter` and is the only writer of records to sled.
//! Async callers send it commands over a bounded channel and await the answer, so the
//! runtime never blocks on disk. For each page it parses the payloads, writes the records,
//! their change log entries and the source's checkpoint in one sled batch, flushes, and
//! then updates the index. The index is committed at the end of every run and at least
//! every [`COMMIT_INTERVAL`]; each commit records the last store sequence number it
//! covers, and [`Indexer::start`] replays the change log from there, so a crash between
//! the sled write and the tantivy commit loses nothing.
//!
//! [`Indexer::reindex`] builds a new index generation from the store on a thread of its
//! own while harvests and searches go on; the writer thread then replays what changed
//! during the build into it, commits, and switches [`CurrentIndex`] and the `CURRENT`
//! file to it. An index built by another schema is rebuilt the same way at start-up.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use model::{
    Checkpoint, Country, Format, HarvestPage, Issue, PageKind, PayloadHash, Provenance,
    RecordError, RecordId, RunCounts, RunId, SourceId, StoredRecord,
};
use serde_json::value::RawValue;
use tantivy::{IndexWriter, TantivyDocument};
use tokio::sync::{mpsc, oneshot};

use crate::IndexerError;
use crate::decisions::{self, Decision};
use crate::formats::{self, ParsedRecord, RecordFailure};
use crate::search::{self, CurrentIndex, SearchIndex};
use crate::store::{self, RecordState, Store};

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
    /// Its country, used when a record's awarding body has none.
    pub country: Country,
    /// A whole-document feed shrinking by more than this share is held for review.
    pub max_shrink_fraction: f64,
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
    broken: Arc<AtomicBool>,
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
    RecordDecision {
        decision: Box<Decision>,
        action: &'static str,
        idempotency_key: Option<String>,
        reply: oneshot::Sender<Result<Decision, IndexerError>>,
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

/// A complete index generation built from the store, not yet in use.
struct BuiltGeneration {
    index: SearchIndex,
    writer: IndexWriter,
    indexed: u64,
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
        let (index, mut writer) = match SearchIndex::open(&paths.index) {
            Ok(index) => {
                let writer = index.writer(writer_heap_bytes)?;
                (index, writer)
            }
            Err(IndexerError::SchemaChanged) => {
                tracing::warn!(
                    "the search index was built by another version; rebuilding it from the store"
                );
                let built = build_generation(&store, &paths.index, writer_heap_bytes)?;
                search::switch_generation(&paths.index, built.index.dir())?;
                tracing::info!(indexed = built.indexed, "search index rebuilt");
                // Opening again removes the old generation.
                let _ = SearchIndex::open(&paths.index)?;
                (built.index, built.writer)
            }
            Err(err) => return Err(err),
        };
        let replayed = replay(&store, &index, &mut writer, index.committed_seq()?)?;
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

/// Indexes every record changed after store sequence `from`, and commits.
fn replay(
    store: &Store,
    index: &SearchIndex,
    writer: &mut IndexWriter,
    from: u64,
) -> Result<u64, IndexerError> {
    let last = store.last_seq()?;
    if last <= from {
        return Ok(0);
    }
    let mut replayed = 0;
    for record in store.changes_after(from) {
        let record = record?;
        writer.delete_term(index.id_term(&record.id));
        if let Some(credential) = record.credential.as_ref().filter(|_| !record.deleted) {
            let mut document = index.document(&record, credential);
            index.add_seq(&mut document, record.seq);
            writer.add_document(document)?;
        }
        replayed += 1;
    }
    commit(writer, last)?;
    index.reload()?;
    Ok(replayed)
}

fn commit(writer: &mut IndexWriter, seq: u64) -> Result<(), IndexerError> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&seq.to_string());
    prepared.commit()?;
    Ok(())
}

/// Builds a complete new index generation from the store, then makes it current. The
/// server must not be running (sled allows one process): a running server rebuilds with
/// [`Indexer::reindex`].
pub fn rebuild_index(data_dir: &Path, writer_heap_bytes: usize) -> Result<u64, IndexerError> {
    let paths = DataPaths::new(data_dir);
    let store = Store::open(&paths.store)?;
    let built = build_generation(&store, &paths.index, writer_heap_bytes)?;
    built.writer.wait_merging_threads()?;
    search::switch_generation(&paths.index, built.index.dir())?;
    // Opening the index again removes the previous generation.
    SearchIndex::open(&paths.index)?;
    Ok(built.indexed)
}

/// Indexes every live record of the store into a new generation directory under
/// `index_root` and commits it with the store sequence read before the scan began (so
/// that replaying from it covers whatever changed during the scan). The generation is
/// not made current. A failed build removes its directory.
fn build_generation(
    store: &Store,
    index_root: &Path,
    writer_heap_bytes: usize,
) -> Result<BuiltGeneration, IndexerError> {
    std::fs::create_dir_all(index_root)?;
    let dir = search::new_generation_dir(index_root);
    let build = || -> Result<BuiltGeneration, IndexerError> {
        let index = SearchIndex::create_dir(&dir)?;
        let mut writer = index.writer(writer_heap_bytes)?;
        let seq = store.last_seq()?;
        let mut indexed = 0;
        for record in store.records(None) {
            let record = record?;
            if let Some(credential) = record.credential.as_ref().filter(|_| !record.deleted) {
                let mut document = index.document(&record, credential);
                index.add_seq(&mut document, record.seq);
                writer.add_document(document)?;
                indexed += 1;
            }
        }
        commit(&mut writer, seq)?;
        index.reload()?;
        Ok(BuiltGeneration {
            index,
            writer,
            indexed,
        })
    };
    build().inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&dir);
    })
}

struct WriterState {
    store: Store,
    index: SearchIndex,
    current: CurrentIndex,
    index_root: PathBuf,
    writer: IndexWriter,
    uncommitted_docs: u64,
    last_commit: Instant,
    applied_seq: u64,
    /// Per source seen since start: the records written, when the store held none of
    /// the source's records then ([`WrittenIds`]); `None` when it held some.
    written_ids: HashMap<SourceId, Option<WrittenIds>>,
    /// When the writer last wrote or committed (`None`: not since start).
    last_work: Option<Instant>,
}

/// The records of a source written by this writer, for a source the store held no
/// records of when the writer first saw it: any id not in here is new, and the writer
/// skips looking it up in the store (a first harvest of a large source looked up every
/// record in vain). Ids are kept as 64-bit hashes (8 bytes each, in a table of up to
/// [`WrittenIds::MAX_IDS`]); a hash that collides only costs the lookup it would have
/// cost anyway.
#[derive(Default)]
struct WrittenIds {
    hashes: HashSet<u64>,
}

impl WrittenIds {
    /// Beyond this many records the source is looked up record by record again (~64 MiB).
    const MAX_IDS: usize = 4_000_000;

    fn hash(id: &RecordId) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        id.as_str().hash(&mut hasher);
        hasher.finish()
    }

    /// Whether `id` may have been written (false: it certainly was not).
    fn may_hold(&self, id: &RecordId) -> bool {
        self.hashes.contains(&WrittenIds::hash(id))
    }

    /// Remembers that `id` is written; false when there are too many to remember.
    fn insert(&mut self, id: &RecordId) -> bool {
        self.hashes.insert(WrittenIds::hash(id));
        self.hashes.len() <= WrittenIds::MAX_IDS
    }
}

/// What the writer knows of a record's version before the one it is writing.
enum Previous {
    /// Its state in the store (the record itself is read only if it changes).
    Stored(RecordState),
    /// Written earlier in the same page (with its credential as encoded, if it was).
    Written(Box<StoredRecord>, Option<Box<RawValue>>),
}

impl Previous {
    fn deleted_and_hash(&self) -> (bool, &PayloadHash) {
        match self {
            Previous::Stored(state) => (state.deleted, &state.payload_hash),
            Previous::Written(record, _) => (record.deleted, &record.provenance.payload_hash),
        }
    }
}

impl WriterState {
    fn run(mut self, mut receiver: mpsc::Receiver<Command>) {
        while let Some(command) = receiver.blocking_recv() {
            if !matches!(command, Command::IdleCheck | Command::Exclusive { .. }) {
                self.last_work = Some(Instant::now());
            }
            match command {
                Command::ApplyPage {
                    page,
                    sequence,
                    reply,
                } => {
                    let refused = sequence
                        .as_ref()
                        .is_some_and(|sequence| sequence.broken.load(Ordering::Acquire));
                    let result = match page {
                        _ if refused => Err(IndexerError::EarlierPageFailed),
                        Err(err) => Err(err),
                        Ok(page) => {
                            let last_page = page.checkpoint.resume.is_none();
                            self.apply_page(*page).and_then(|outcome| {
                                let due = last_page
                                    || self.uncommitted_docs >= COMMIT_DOCS
                                    || self.last_commit.elapsed() >= COMMIT_INTERVAL;
                                if due {
                                    self.commit().map(|()| outcome)
                                } else {
                                    Ok(outcome)
                                }
                            })
                        }
                    };
                    if let (Err(_), Some(sequence)) = (&result, &sequence) {
                        sequence.broken.store(true, Ordering::Release);
                    }
                    let _ = reply.send(result);
                }
                Command::RecordDecision {
                    decision,
                    action,
                    idempotency_key,
                    reply,
                } => {
                    let _ = reply.send(self.record_decision(*decision, action, idempotency_key));
                }
                Command::Commit { reply } => {
                    let _ = reply.send(self.commit());
                }
                Command::SwitchGeneration { built, reply } => {
                    let _ = reply.send(self.switch_generation(*built));
                }
                Command::Exclusive { work } => work(&self.store),
                Command::IdleCheck => {
                    let idle = self
                        .last_work
                        .is_none_or(|last| last.elapsed() >= MERGE_WHEN_IDLE_AFTER);
                    if idle {
                        self.merge_smaller_segments();
                    }
                }
                #[cfg(test)]
                Command::MergeSegments { reply } => {
                    self.merge_smaller_segments();
                    let _ = reply.send(());
                }
            }
        }
        if let Err(err) = self.commit() {
            tracing::error!(error = %err, "final index commit failed; the next start replays it");
        }
    }

    /// Starts merging every committed segment but the largest into one, if there are
    /// more than [`search::SEGMENTS_WHEN_IDLE`]. tantivy merges on threads of its own;
    /// searches see the merged segment once it is done. A merge refused (its segments
    /// are being merged already) is tried again at the next idle check.
    fn merge_smaller_segments(&mut self) {
        let segments = match self.index.segments_to_merge_when_idle() {
            Ok(segments) if !segments.is_empty() => segments,
            Ok(_) => return,
            Err(err) => {
                tracing::warn!(error = %err, "cannot list the index's segments");
                return;
            }
        };
        tracing::info!(
            segments = segments.len(),
            "merging the index's smaller segments while idle"
        );
        let merge = self.writer.merge(&segments);
        let index = self.index.clone();
        let _ = std::thread::Builder::new()
            .name("indexer-merge".to_owned())
            .spawn(move || match merge.wait() {
                Ok(_) => {
                    if let Err(err) = index.reload() {
                        tracing::warn!(error = %err, "reloading the merged index failed");
                    }
                }
                Err(err) => tracing::debug!(error = %err, "idle merge not done"),
            });
    }

    fn record_decision(
        &mut self,
        mut decision: Decision,
        action: &str,
        idempotency_key: Option<String>,
    ) -> Result<Decision, IndexerError> {
        if let Some(key) = &idempotency_key
            && let Some(earlier) = self
                .store
                .decision_for_idempotency_key(&decision.institution, key)?
        {
            return Ok(earlier);
        }
        decision.revision = self
            .store
            .decision(&decision.id)?
            .map_or(1, |latest| latest.revision + 1);
        self.store
            .append_decision(&decision, action, idempotency_key.as_deref())?;
        Ok(decision)
    }

    fn commit(&mut self) -> Result<(), IndexerError> {
        if self.uncommitted_docs == 0 && self.index.committed_seq()? >= self.applied_seq {
            return Ok(());
        }
        commit(&mut self.writer, self.applied_seq)?;
        self.index.reload()?;
        self.uncommitted_docs = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Catches the built generation up with the store, commits it and makes it the one
    /// in use. The previous generation's writer finishes its merges and its directory is
    /// removed on a thread of its own; searches still holding it keep their open files.
    fn switch_generation(&mut self, built: BuiltGeneration) -> Result<(), IndexerError> {
        let BuiltGeneration {
            index, mut writer, ..
        } = built;
        let from = index.committed_seq()?;
        let discard = |err: IndexerError| {
            let _ = std::fs::remove_dir_all(index.dir());
            err
        };
        replay(&self.store, &index, &mut writer, from).map_err(discard)?;
        if index.committed_seq().map_err(discard)? < self.applied_seq {
            commit(&mut writer, self.applied_seq).map_err(discard)?;
            index.reload().map_err(discard)?;
        }
        search::switch_generation(&self.index_root, index.dir()).map_err(discard)?;
        self.current.replace(index.clone());
        let old_index = std::mem::replace(&mut self.index, index);
        let old_writer = std::mem::replace(&mut self.writer, writer);
        self.uncommitted_docs = 0;
        self.last_commit = Instant::now();
        let old_dir = old_index.dir().to_path_buf();
        let _ = std::thread::Builder::new()
            .name("indexer-retire".to_owned())
            .spawn(move || {
                drop(old_index);
                let _ = old_writer.wait_merging_threads();
                let _ = std::fs::remove_dir_all(&old_dir);
            });
        tracing::info!(dir = %self.index.dir().display(), "switched to the rebuilt search index");
        Ok(())
    }

    fn apply_page(&mut self, mut page: PreparedPage) -> Result<PageOutcome, IndexerError> {
        let mut outcome = std::mem::take(&mut page.outcome);
        let mut items = std::mem::take(&mut page.items);
        if let Some(ids) = page.document_ids.take() {
            self.vanished_items(
                &page.source_id,
                &ids,
                &page.context,
                &mut items,
                &mut outcome,
            )?;
        }
        self.write(page, items, outcome)
    }

    /// Adds a deletion for each live record of the source that the complete document no
    /// longer holds, unless the feed shrank by more than allowed or some failed records
    /// could not be identified (they might be the ones missing).
    fn vanished_items(
        &self,
        source: &SourceId,
        ids: &DocumentIds,
        context: &SourceContext,
        items: &mut Vec<Item>,
        outcome: &mut PageOutcome,
    ) -> Result<(), IndexerError> {
        let mut live = 0u64;
        let mut vanished = Vec::new();
        for state in self.store.states(Some(source)) {
            let (id, state) = state?;
            if state.deleted {
                continue;
            }
            live += 1;
            if !ids.present.contains(&id) {
                // Only the records to delete are read, for their upstream identifiers.
                vanished.push(self.store.record_at(state.seq)?.provenance.upstream_id);
            }
        }
        if vanished.is_empty() {
            return Ok(());
        }
        let share = vanished.len() as f64 / live as f64;
        let reason = if ids.unidentified_failures > 0 {
            Some(format!(
                "{} records vanished from the feed but {} failed records have no identifier; \
                 deletions held for review",
                vanished.len(),
                ids.unidentified_failures
            ))
        } else if share > context.max_shrink_fraction && context.max_shrink_fraction < 1.0 {
            Some(format!(
                "the feed shrank from {live} to {} records (-{:.0}%), more than the {:.0}% \
                 allowed; {} deletions held for review",
                live - vanished.len() as u64,
                share * 100.0,
                context.max_shrink_fraction * 100.0,
                vanished.len()
            ))
        } else {
            None
        };
        match reason {
            Some(reason) => {
                tracing::warn!(source_id = %source, vanished = vanished.len(), "{reason}");
                outcome.errors.push(RecordError {
                    upstream_id: None,
                    reason: reason.clone(),
                });
                outcome.held_for_review = Some(reason);
            }
            None => {
                for upstream_id in vanished {
                    items.push(Item::Deleted {
                        upstream_id,
                        datestamp: None,
                    });
                }
            }
        }
        Ok(())
    }

    fn write(
        &mut self,
        page: PreparedPage,
        items: Vec<Item>,
        mut outcome: PageOutcome,
    ) -> Result<PageOutcome, IndexerError> {
        let mut batch = sled::Batch::default();
        let mut seq = self.applied_seq;
        let mut index_ops: Vec<IndexOp> = Vec::new();
        // A page may repeat an identifier; the last occurrence wins, as upstream meant.
        let mut pending: HashMap<RecordId, Previous> = HashMap::new();
        let mut audit = decisions::AuditLog::open(&self.store)?;
        let mut store_counts = self.store.counts()?;
        if !self.written_ids.contains_key(&page.source_id) {
            let holds_records = self.store.holds_records_of(&page.source_id)?;
            self.written_ids.insert(
                page.source_id.clone(),
                (!holds_records).then(WrittenIds::default),
            );
        }
        let mut written_ids = self
            .written_ids
            .get_mut(&page.source_id)
            .and_then(Option::take);
        for item in items {
            let (mut record, credential_json, document) = match item {
                Item::Parsed(prepared) => {
                    let PreparedRecord {
                        record,
                        credential_json,
                        document,
                    } = *prepared;
                    (record, credential_json, document)
                }
                Item::Deleted {
                    upstream_id,
                    datestamp,
                } => (page.tombstone(upstream_id, datestamp), None, None),
            };
            let deleted = record.deleted;
            let previous = match pending.remove(&record.id) {
                Some(previous) => Some(previous),
                None if written_ids
                    .as_ref()
                    .is_some_and(|ids| !ids.may_hold(&record.id)) =>
                {
                    None
                }
                None => self.store.state(&record.id)?.map(Previous::Stored),
            };
            let unchanged = previous.as_ref().is_some_and(|previous| {
                let (was_deleted, payload_hash) = previous.deleted_and_hash();
                was_deleted == deleted
                    && (deleted || *payload_hash == record.provenance.payload_hash)
            });
            if unchanged {
                if !deleted {
                    outcome.counts.unchanged += 1;
                }
                if let Some(previous) = previous {
                    pending.insert(record.id, previous);
                }
                continue;
            }
            if deleted
                && previous
                    .as_ref()
                    .is_none_or(|previous| previous.deleted_and_hash().0)
            {
                // A deletion of a record we never had: nothing to tombstone.
                continue;
            }
            // A change: the previous version goes to the history, so it is read whole.
            let (previous, previous_json) = match previous {
                Some(Previous::Written(previous, json)) => (Some(*previous), json),
                Some(Previous::Stored(state)) => (Some(self.store.record_at(state.seq)?), None),
                None => (None, None),
            };
            seq += 1;
            match (&previous, deleted) {
                (_, true) => {
                    outcome.counts.deleted += 1;
                    store_counts.live = store_counts.live.saturating_sub(1);
                    store_counts.tombstones += 1;
                }
                (None, false) => {
                    outcome.counts.added += 1;
                    store_counts.live += 1;
                }
                (Some(previous), false) if previous.deleted => {
                    outcome.counts.added += 1;
                    store_counts.live += 1;
                    store_counts.tombstones = store_counts.tombstones.saturating_sub(1);
                }
                (Some(_), false) => outcome.counts.updated += 1,
            }
            record.seq = seq;
            if let Some(previous) = &previous {
                batch.remove(store::change_key(previous.seq));
                batch.insert(
                    store::history_key(&record.id, previous.seq),
                    store::encode_record(previous, previous_json.as_deref()),
                );
                record.version = previous.version + 1;
                record.first_seen = previous.first_seen;
            }
            batch.insert(
                store::record_key(&record.id),
                RecordState::of(&record).encode(),
            );
            batch.insert(
                store::change_key(seq),
                store::encode_record(&record, credential_json.as_deref()),
            );
            if written_ids
                .as_mut()
                .is_some_and(|ids| !ids.insert(&record.id))
            {
                written_ids = None;
            }
            if previous.is_some() {
                if let (None, Some(json)) = (&record.credential, &credential_json) {
                    record.credential = Some(serde_json::from_str(json.get()).map_err(|err| {
                        IndexerError::Corrupt(format!(
                            "an encoded credential does not decode: {err}"
                        ))
                    })?);
                }
                let flagged =
                    decisions::at_risk_flags(&self.store, &mut batch, &mut audit, &record)?;
                if flagged > 0 {
                    tracing::info!(record_id = %record.id, flagged, "decisions flagged at risk by a harvested change");
                }
            }
            // A record the store never had has no document to replace.
            let replaces = previous.is_some().then(|| record.id.clone());
            match document {
                Some(mut document) if !deleted => {
                    self.index.add_seq(&mut document, seq);
                    index_ops.push(IndexOp::Add { replaces, document });
                }
                _ => index_ops.extend(replaces.map(IndexOp::Remove)),
            }
            pending.insert(
                record.id.clone(),
                Previous::Written(Box::new(record), credential_json),
            );
        }
        let mut checkpoint: Checkpoint = page.checkpoint;
        if let Some(resume) = checkpoint.resume.as_mut() {
            // The counts of the run's pages before this one, as stored with the last of
            // them (the harvester's may lag when it does not wait for each page).
            if let Some(stored) = self
                .store
                .checkpoint(&page.source_id)?
                .resume
                .filter(|stored| stored.run_id == resume.run_id)
            {
                resume.counts = stored.counts;
            }
            resume.counts += outcome.counts;
        }
        batch.insert(
            store::checkpoint_key(&page.source_id),
            store::encode(&checkpoint),
        );
        batch.insert(store::last_seq_key(), &seq.to_be_bytes());
        batch.insert(store::counts_key(), &store::encode_counts(store_counts));
        // Put back before the batch is applied: should it fail, the ids remembered are
        // a superset of those written, which only costs lookups.
        if let Some(ids) = written_ids {
            self.written_ids.insert(page.source_id.clone(), Some(ids));
        }
        self.store.tree().apply_batch(batch)?;
        self.store.flush()?;
        self.applied_seq = seq;
        for op in index_ops {
            match op {
                IndexOp::Remove(id) => {
                    self.writer.delete_term(self.index.id_term(&id));
                }
                IndexOp::Add { replaces, document } => {
                    if let Some(id) = replaces {
                        self.writer.delete_term(self.index.id_term(&id));
                    }
                    self.writer.add_document(document)?;
                }
            }
            self.uncommitted_docs += 1;
        }
        Ok(outcome)
    }
}

/// Prepares the pages the harvesters submit, in order, and hands them to the writer.
fn prepare_pages(
    mut pages: mpsc::Receiver<PageJob>,
    commands: mpsc::Sender<Command>,
    index: CurrentIndex,
) {
    while let Some(job) = pages.blocking_recv() {
        let PageJob {
            page,
            context,
            sequence,
            reply,
        } = job;
        let refused = sequence
            .as_ref()
            .is_some_and(|sequence| sequence.broken.load(Ordering::Acquire));
        let page = if refused {
            Err(IndexerError::EarlierPageFailed)
        } else {
            prepare(*page, context, &index.get()).map(Box::new)
        };
        let command = Command::ApplyPage {
            page,
            sequence,
            reply,
        };
        if commands.blocking_send(command).is_err() {
            return;
        }
    }
}

/// Everything of a page that does not depend on the store: payloads parsed, records
/// filled in from the source's configuration, their documents and credentials encoded.
fn prepare(
    page: HarvestPage,
    context: SourceContext,
    index: &SearchIndex,
) -> Result<PreparedPage, IndexerError> {
    let mut outcome = PageOutcome::default();
    for error in &page.envelope_errors {
        outcome.counts.seen += 1;
        outcome.counts.failed += 1;
        outcome.errors.push(error.clone());
    }
    let mut prepared = PreparedPage {
        source_id: page.source_id,
        run_id: page.run_id,
        received_at: page.received_at,
        prepared_at: Utc::now(),
        format: page
            .records
            .first()
            .map_or(Format::ClearinghouseJson, |raw| raw.format),
        checkpoint: page.checkpoint,
        context,
        items: Vec::with_capacity(page.records.len()),
        outcome: PageOutcome::default(),
        document_ids: None,
    };
    for raw in page.records {
        match page.kind {
            PageKind::Records => {
                outcome.counts.seen += 1;
                if raw.deleted {
                    prepared.items.push(Item::Deleted {
                        upstream_id: raw.upstream_id,
                        datestamp: raw.datestamp,
                    });
                    continue;
                }
                match formats::parse_single(raw.format, &raw.payload) {
                    Ok(mut parsed) => {
                        parsed.upstream_id = raw.upstream_id;
                        if raw.datestamp.is_some() {
                            parsed.datestamp = raw.datestamp;
                        }
                        parsed.payload_hash = model::PayloadHash::of(&raw.payload);
                        let record = prepared.record(parsed, index);
                        prepared.items.push(Item::Parsed(Box::new(record)));
                    }
                    Err(failure) => {
                        outcome.counts.failed += 1;
                        outcome.errors.push(RecordError {
                            upstream_id: Some(raw.upstream_id),
                            reason: failure.reason,
                        });
                    }
                }
            }
            PageKind::FullDocument => {
                let records = formats::parse(raw.format, &raw.payload).map_err(|err| {
                    IndexerError::Document {
                        upstream_id: raw.upstream_id.clone(),
                        reason: err.to_string(),
                    }
                })?;
                let mut ids = prepared.document_ids.take().unwrap_or_default();
                for record in records {
                    outcome.counts.seen += 1;
                    match record {
                        Ok(parsed) => {
                            ids.present
                                .insert(RecordId::new(&prepared.source_id, &parsed.upstream_id));
                            if parsed.deleted {
                                prepared.items.push(Item::Deleted {
                                    upstream_id: parsed.upstream_id,
                                    datestamp: parsed.datestamp,
                                });
                            } else {
                                let record = prepared.record(parsed, index);
                                prepared.items.push(Item::Parsed(Box::new(record)));
                            }
                        }
                        Err(RecordFailure {
                            upstream_id,
                            reason,
                        }) => {
                            outcome.counts.failed += 1;
                            match &upstream_id {
                                Some(id) => {
                                    ids.present.insert(RecordId::new(&prepared.source_id, id));
                                }
                                None => ids.unidentified_failures += 1,
                            }
                            outcome.errors.push(RecordError {
                                upstream_id,
                                reason,
                            });
                        }
                    }
                }
                prepared.document_ids = Some(ids);
            }
        }
    }
    prepared.outcome = outcome;
    Ok(prepared)
}

/// A page ready for the writer thread.
struct PreparedPage {
    source_id: SourceId,
    run_id: RunId,
    received_at: DateTime<Utc>,
    /// When the page was prepared: the `updated_at` (and, for new records, the
    /// `first_seen`) of its records, as their documents say.
    prepared_at: DateTime<Utc>,
    /// The format of the page's records.
    format: Format,
    checkpoint: Checkpoint,
    context: SourceContext,
    items: Vec<Item>,
    /// Counts and failures of the parsing.
    outcome: PageOutcome,
    /// For a whole-document page: what the document holds.
    document_ids: Option<DocumentIds>,
}

impl PreparedPage {
    /// The record as it will be stored if it changed, but for what the writer assigns
    /// from the store (sequence number, version, first seen).
    fn record(&self, parsed: ParsedRecord, index: &SearchIndex) -> PreparedRecord {
        let ParsedRecord {
            upstream_id,
            datestamp,
            deleted,
            mut credential,
            payload_hash,
            via,
        } = parsed;
        enrich(&mut credential, &self.context);
        let mut record = StoredRecord {
            id: RecordId::new(&self.source_id, &upstream_id),
            seq: 0,
            version: 1,
            deleted,
            credential: None,
            provenance: Provenance {
                source_id: self.source_id.clone(),
                run_id: self.run_id.clone(),
                upstream_id,
                datestamp,
                harvested_at: self.received_at,
                payload_hash,
                format: self.format,
                via,
            },
            first_seen: self.prepared_at,
            updated_at: self.prepared_at,
        };
        if deleted {
            return PreparedRecord {
                record,
                credential_json: None,
                document: None,
            };
        }
        let document = index.document(&record, &credential);
        // Encoded here, and dropped here too (freeing a credential's many allocations
        // is work): the writer decodes it again only to compare with decisions.
        let credential_json = store::encode_credential(&credential);
        if credential_json.is_none() {
            record.credential = Some(credential);
        }
        PreparedRecord {
            record,
            credential_json,
            document: Some(document),
        }
    }

    /// The tombstone of a record deleted upstream.
    fn tombstone(&self, upstream_id: String, datestamp: Option<String>) -> StoredRecord {
        StoredRecord {
            id: RecordId::new(&self.source_id, &upstream_id),
            seq: 0,
            version: 1,
            deleted: true,
            credential: None,
            provenance: Provenance {
                source_id: self.source_id.clone(),
                run_id: self.run_id.clone(),
                upstream_id,
                datestamp,
                harvested_at: self.received_at,
                payload_hash: model::PayloadHash::of(b""),
                format: self.format,
                via: Vec::new(),
            },
            first_seen: self.prepared_at,
            updated_at: self.prepared_at,
        }
    }
}

/// A record ready for the writer thread.
struct PreparedRecord {
    /// The record; its credential is in `credential_json` when that is set.
    record: StoredRecord,
    /// The credential as the store encodes it (`None` for a tombstone).
    credential_json: Option<Box<RawValue>>,
    /// Its index document (`None` for a tombstone).
    document: Option<TantivyDocument>,
}

/// What the index must do for one stored change, in the order of the page.
enum IndexOp {
    Remove(RecordId),
    Add {
        replaces: Option<RecordId>,
        document: TantivyDocument,
    },
}

/// Fills the awarding body from the source's configuration when the record names none,
/// and says so.
fn enrich(credential: &mut model::Credential, context: &SourceContext) {
    if credential.awarding_body.name.is_empty() {
        credential
            .awarding_body
            .name
            .insert("und", &context.institution);
        credential.issues.push(Issue::note(ASSUMED_AWARDING_BODY));
    }
    if credential.awarding_body.country.is_none() {
        credential.awarding_body.country = Some(context.country.clone());
        credential.issues.push(Issue::note(ASSUMED_COUNTRY));
    }
}

const ASSUMED_AWARDING_BODY: &str =
    "no awarding body in the record; the publishing institution is assumed";
const ASSUMED_COUNTRY: &str =
    "no country of the awarding body in the record; the source's country is assumed";

/// The credential as its feed published it: without the awarding body and country the
/// indexer assumed from the source's configuration. Conformance reports use this, so
/// that they tell publishers what their feed lacks.
pub fn as_published(credential: &model::Credential) -> model::Credential {
    let mut published = credential.clone();
    let assumed = |message: &str| {
        credential
            .issues
            .iter()
            .any(|issue| issue.element.is_none() && issue.message == message)
    };
    if assumed(ASSUMED_AWARDING_BODY) {
        published.awarding_body.name = model::LangText::default();
    }
    if assumed(ASSUMED_COUNTRY) {
        published.awarding_body.country = None;
    }
    published
        .issues
        .retain(|issue| issue.message != ASSUMED_AWARDING_BODY && issue.message != ASSUMED_COUNTRY);
    published
}

enum Item {
    Parsed(Box<PreparedRecord>),
    Deleted {
        upstream_id: String,
        datestamp: Option<String>,
    },
}

#[derive(Default)]
struct DocumentIds {
    present: HashSet<RecordId>,
    unidentified_failures: u64,
}

#[cfg(test)]
mod tests;
