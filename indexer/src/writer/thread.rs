//! The writer thread: the only writer of the store and the index. It applies prepared
//! pages (`apply.rs`), decisions and run reports, commits the index, switches to a
//! rebuilt generation, and merges the index's segments when idle.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

use model::{HarvestRun, PayloadHash, RecordId, SourceId, StoredRecord};
use search::{CurrentIndex, IndexWriter, SearchIndex};
use serde_json::value::RawValue;
use store::{Decision, RecordState, Store};
use tokio::sync::mpsc;

use super::generation::{BuiltGeneration, replay};
use super::{COMMIT_DOCS, COMMIT_INTERVAL, Command, MERGE_WHEN_IDLE_AFTER};
use crate::IndexerError;

pub(super) struct WriterState {
    pub(super) store: Store,
    pub(super) index: SearchIndex,
    pub(super) current: CurrentIndex,
    pub(super) index_root: PathBuf,
    pub(super) writer: IndexWriter,
    pub(super) uncommitted_docs: u64,
    pub(super) last_commit: Instant,
    pub(super) applied_seq: u64,
    /// Per source seen since start: the records written, when the store held none of
    /// the source's records then ([`WrittenIds`]); `None` when it held some.
    pub(super) written_ids: HashMap<SourceId, Option<WrittenIds>>,
    /// When the writer last wrote or committed (`None`: not since start).
    pub(super) last_work: Option<Instant>,
}

/// The records of a source written by this writer, for a source the store held no
/// records of when the writer first saw it: any id not in here is new, and the writer
/// skips looking it up in the store (a first harvest of a large source looked up every
/// record in vain). Ids are kept as 64-bit hashes (8 bytes each, in a table of up to
/// [`WrittenIds::MAX_IDS`]); a hash that collides only costs the lookup it would have
/// cost anyway.
#[derive(Default)]
pub(super) struct WrittenIds {
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
    pub(super) fn may_hold(&self, id: &RecordId) -> bool {
        self.hashes.contains(&WrittenIds::hash(id))
    }

    /// Remembers that `id` is written; false when there are too many to remember.
    pub(super) fn insert(&mut self, id: &RecordId) -> bool {
        self.hashes.insert(WrittenIds::hash(id));
        self.hashes.len() <= WrittenIds::MAX_IDS
    }
}

/// What the writer knows of a record's version before the one it is writing.
pub(super) enum Previous {
    /// Its state in the store (the record itself is read only if it changes).
    Stored(RecordState),
    /// Written earlier in the same page (with its credential as encoded, if it was).
    Written(Box<StoredRecord>, Option<Box<RawValue>>),
}

impl Previous {
    pub(super) fn deleted_and_hash(&self) -> (bool, &PayloadHash) {
        match self {
            Previous::Stored(state) => (state.deleted, &state.payload_hash),
            Previous::Written(record, _) => (record.deleted, &record.provenance.payload_hash),
        }
    }
}

impl WriterState {
    pub(super) fn run(mut self, mut receiver: mpsc::Receiver<Command>) {
        while let Some(command) = receiver.blocking_recv() {
            if !matches!(
                command,
                Command::IdleCheck | Command::Exclusive { .. } | Command::Enrich { .. }
            ) {
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
                    let _ = reply.send(self.noted(result));
                }
                Command::RecordDecision {
                    decision,
                    action,
                    idempotency_key,
                    reply,
                } => {
                    let result = self.record_decision(*decision, action, idempotency_key);
                    let _ = reply.send(self.noted(result));
                }
                Command::RecordRun { run, reply } => {
                    let result = self.record_run(&run);
                    let _ = reply.send(self.noted(result));
                }
                Command::Commit { reply } => {
                    let _ = reply.send(self.commit());
                }
                Command::Enrich { write, reply } => {
                    let result = self.enrich(&write);
                    let _ = reply.send(self.noted(result));
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
    /// more than [`search::SEGMENTS_WHEN_IDLE`] ([`IndexWriter::merge_smaller_segments`]).
    /// A merge refused (its segments are being merged already) is tried again at the next
    /// idle check.
    fn merge_smaller_segments(&mut self) {
        match self.writer.merge_smaller_segments() {
            Ok(0) => {}
            Ok(segments) => {
                tracing::info!(segments, "merging the index's smaller segments while idle");
            }
            Err(err) => tracing::warn!(error = %err, "cannot merge the index's segments"),
        }
    }

    /// `result`, its store error kept as the store's failure on disk when it is one: sled
    /// fails every operation once its background flush failed, so the first to say so
    /// may be a read of a write's preparation, not the write itself.
    fn noted<T>(&self, result: Result<T, IndexerError>) -> Result<T, IndexerError> {
        if let Err(IndexerError::Store(err)) = &result {
            self.store.note_failure(err);
        }
        result
    }

    #[expect(
        clippy::disallowed_methods,
        reason = "the writer thread is the one writer of the store"
    )]
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
        let mut batch = self.store.batch();
        batch.append_decision(&decision, action, idempotency_key.as_deref())?;
        self.store.apply(batch)?;
        Ok(decision)
    }

    #[expect(
        clippy::disallowed_methods,
        reason = "the writer thread is the one writer of the store"
    )]
    fn enrich(&mut self, write: &store::EnrichmentWrite) -> Result<(), IndexerError> {
        let mut batch = self.store.batch();
        batch.put_enrichment(write)?;
        self.store.apply(batch)?;
        Ok(())
    }

    #[expect(
        clippy::disallowed_methods,
        reason = "the writer thread is the one writer of the store"
    )]
    fn record_run(&mut self, run: &HarvestRun) -> Result<(), IndexerError> {
        let mut batch = self.store.batch();
        batch.put_run(run);
        self.store.apply(batch)?;
        Ok(())
    }

    fn commit(&mut self) -> Result<(), IndexerError> {
        if self.uncommitted_docs == 0 && self.index.committed_seq()? >= self.applied_seq {
            return Ok(());
        }
        self.writer.commit(self.applied_seq)?;
        self.uncommitted_docs = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Catches the built generation up with the store, commits it and makes it the one
    /// in use. The previous generation's writer finishes its merges and its directory is
    /// removed on a thread of its own; searches still holding it keep their open files.
    fn switch_generation(&mut self, built: BuiltGeneration) -> Result<(), IndexerError> {
        let BuiltGeneration { mut writer, .. } = built;
        let index = writer.index().clone();
        let from = index.committed_seq()?;
        let discard = |err: search::SearchError| {
            let _ = std::fs::remove_dir_all(index.dir());
            err
        };
        replay(&self.store, &mut writer, from).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(index.dir());
        })?;
        if index.committed_seq().map_err(discard)? < self.applied_seq {
            writer.commit(self.applied_seq).map_err(discard)?;
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
                let _ = old_writer.finish();
                let _ = std::fs::remove_dir_all(&old_dir);
            });
        tracing::info!(dir = %self.index.dir().display(), "switched to the rebuilt search index");
        Ok(())
    }
}
