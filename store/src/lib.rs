//! `store/`: here is a record id, give me the record, its history, where it came from and
//! the decisions about it.
//!
//! The sled store is the source of truth, and this is the only crate that names sled.
//! Everything lives in one tree under the prefixes of one key table ([`keys`]), so that
//! one atomic [`Batch`] writes a page of records, their change-log entries, the source's
//! harvest checkpoint and the decisions the change puts at risk. A [`Batch`] is the only
//! way to write; [`Store::apply`] applies it and flushes it to disk before returning.
//!
//! Records live in the change log: `s:` keeps one entry per record, at its latest change,
//! holding the record itself, so replaying it from a sequence number yields every record
//! changed since, once, in the order written. The record key only says where the current
//! version is (and what the writer needs to recognise an unchanged record, a
//! [`RecordState`]). Record ids are hashes, so writing the records under them put every
//! insert of a harvest into a random leaf of a tree of gigabytes, read back from disk
//! into sled's cache: at 1M records that was a third of the harvest's CPU. Written by
//! sequence number, a harvest appends to the log's last leaf, and the tree of states
//! (~100 bytes a record) stays in the cache. A store of an earlier layout is moved to
//! this one when opened ([`Store::open`], `upgrade.rs`).
//!
//! The current records are also listed by datestamp, all of them, by source and by
//! country ([`Listing`], `listing.rs`), in the batch that writes them, so that an
//! OAI-PMH list reads the records of one page and nothing else.
//!
//! Reads may happen anywhere, from any thread; only the indexer's writer thread applies
//! batches (clippy's `disallowed-methods` says so everywhere else).

use std::path::Path;

use model::{Checkpoint, HarvestRun, RecordId, SourceId, StoredRecord};

mod backup;
mod batch;
mod compact;
mod decisions;
mod keys;
mod listing;
mod record;
mod upgrade;
mod vectors;
mod watermark;

pub use backup::{
    BackupManifest, MANIFEST_FILE, STORE_DIR, backup_store, ensure_empty_dir, read_manifest,
    restore_store, store_in_use,
};
pub use batch::Batch;
pub use decisions::{
    AtRisk, AuditEntry, Decision, DecisionOutcome, Fingerprint, UploadedCredential,
};
pub use listing::{Listing, ListingKey, ListingRange};
pub use record::{RecordJson, RecordState, encode_credential};
pub use vectors::{EnrichmentCursor, EnrichmentWrite, LanguageSum, TextVector};
pub use watermark::WATERMARK_FILE;

use keys::*;
use record::{decode, decode_record, missing_change, names};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// sled failed (disk full, permissions, corruption detected by sled).
    #[error("store error: {0}")]
    Sled(#[from] sled::Error),
    /// A file operation failed (backups, restores).
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A stored value does not decode: the store was written by an incompatible version,
    /// or damaged.
    #[error("store holds data it cannot read: {0}")]
    Corrupt(String),
    /// The store lost batches that were on disk: its files were truncated or damaged
    /// (`watermark.rs`).
    #[error(
        "the store in {} is damaged: it holds {holds} of the {written} batches of changes \
         written to it, so the last {} were lost (a file truncated or overwritten, or a disk \
         error). Nothing was changed. Restore the latest backup into an empty data directory \
         with `clearinghouse restore` (records can also be harvested again; decisions only \
         come back from a backup); or, to go on with what is left, remove {} and start again",
        .dir.display(),
        .written - .holds,
        .dir.join(watermark::WATERMARK_FILE).display()
    )]
    Damaged {
        /// The store's directory.
        dir: std::path::PathBuf,
        /// Batches the store holds.
        holds: u64,
        /// Batches the watermark says were on disk.
        written: u64,
    },
}

/// The sled store.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    tree: sled::Tree,
    /// Counts the batches on disk, for the next opening's check (`watermark.rs`); `None`
    /// for a store opened as it is, to be copied.
    watermark: Option<std::sync::Arc<watermark::Watermark>>,
    /// The first write that failed on disk since the store was opened.
    failure: std::sync::Arc<std::sync::OnceLock<WriteFailure>>,
}

/// A write the store failed on disk (a full disk, a file over its size limit, an I/O
/// error). Sled fails every later write too, until the store is opened again: the
/// clearinghouse reads on and says so, and once a full disk has room again it starts
/// itself anew (`server/src/cli.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteFailure {
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The operating system's error.
    pub error: String,
    /// Whether the disk was full (ENOSPC): then freeing space is the cure.
    pub disk_full: bool,
}

impl std::fmt::Display for WriteFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the store could not write to disk at {} ({}): ",
            self.at.format("%Y-%m-%d %H:%M:%S UTC"),
            self.error
        )?;
        if self.disk_full {
            write!(
                f,
                "nothing can be recorded until space is freed on the disk of the data \
                 directory; the clearinghouse then starts again by itself and records again"
            )?;
        } else {
            write!(
                f,
                "nothing can be recorded until the clearinghouse is restarted once the cause \
                 is fixed"
            )?;
        }
        write!(
            f,
            "; everything recorded before is safe and reading goes on"
        )
    }
}

/// Whether opening a store failed because something holds it open. Sled 0.34 (whose line
/// gets no more releases) reports that as an error of kind `Other` whose text names the
/// lock, with the `WouldBlock` of the lock call only in that text.
pub fn lock_held(err: &StoreError) -> bool {
    match err {
        StoreError::Sled(sled::Error::Io(err)) => {
            err.kind() == std::io::ErrorKind::WouldBlock
                || err.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}

impl Store {
    /// Opens (or creates) the store in `dir`, moving a store of an earlier layout to the
    /// current one.
    /// A store that lost batches acknowledged as on disk is refused
    /// ([`StoreError::Damaged`]) before anything is written to it.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let mut store = Store::open_as_is(dir)?;
        let watermark = watermark::Watermark::check(dir, store.applied()?)?;
        store.watermark = Some(std::sync::Arc::new(watermark));
        store.upgrade()?;
        Ok(store)
    }

    /// Opens (or creates) the store in `dir` whatever its layout, changing nothing: for
    /// copying it entry by entry ([`crate::backup`]).
    ///
    /// Sled lets go of its lock on a store a moment after the store is dropped (its I/O
    /// threads finish first), so a store opened again at once in the same process can
    /// find it still held: this waits for the lock, a second at most. Held longer (by a
    /// running server), it is an error.
    pub(crate) fn open_as_is(dir: &Path) -> Result<Store, StoreError> {
        let mut waited = 0;
        loop {
            match Store::try_open_as_is(dir) {
                Err(err) if lock_held(&err) && waited < 50 => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    waited += 1;
                }
                result => return result,
            }
        }
    }

    /// [`Store::open_as_is`] without waiting for the lock.
    #[expect(
        clippy::disallowed_methods,
        reason = "the store crate is the one that opens sled"
    )]
    pub(crate) fn try_open_as_is(dir: &Path) -> Result<Store, StoreError> {
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(256 * 1024 * 1024)
            .open()?;
        let tree = db.open_tree("clearinghouse")?;
        Ok(Store {
            db,
            tree,
            watermark: None,
            failure: Default::default(),
        })
    }

    pub(crate) fn tree(&self) -> &sled::Tree {
        &self.tree
    }

    /// Waits until everything written so far is on disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.tree.flush()?;
        Ok(())
    }

    /// The current version of a record (a tombstone if deleted upstream).
    pub fn get(&self, id: &RecordId) -> Result<Option<StoredRecord>, StoreError> {
        self.record_bytes(id)?
            .map(|bytes| decode(&bytes, "record"))
            .transpose()
    }

    /// The current version of record `id`, looked for first at change `seq`
    /// ([`Store::record_bytes_near`]).
    pub fn get_near(
        &self,
        id: &RecordId,
        seq: Option<u64>,
    ) -> Result<Option<StoredRecord>, StoreError> {
        self.record_bytes_near(id, seq)?
            .map(|bytes| decode(&bytes, "record"))
            .transpose()
    }

    /// The JSON of the current version of a record.
    pub fn record_bytes(&self, id: &RecordId) -> Result<Option<RecordJson>, StoreError> {
        let mut missing = None;
        loop {
            let Some(state) = self.state(id)? else {
                return Ok(None);
            };
            if let Some(value) = self.change_bytes(state.seq)? {
                return RecordJson::of(value).map(Some);
            }
            if missing == Some(state.seq) {
                return Err(missing_change(state.seq));
            }
            // The writer replaced the record between the two reads (its batch removes the
            // old change and moves the state at once): the state read again is the new one.
            missing = Some(state.seq);
        }
    }

    /// Where the current version of a record is, and its payload hash.
    pub fn state(&self, id: &RecordId) -> Result<Option<RecordState>, StoreError> {
        self.tree
            .get(record_key(id))?
            .map(|bytes| RecordState::decode(&bytes))
            .transpose()
    }

    /// The record whose latest change has sequence number `seq` (from its state). Only
    /// for the writer thread: elsewhere the record may have changed since its state was
    /// read ([`Store::get`] reads both consistently).
    pub fn record_at(&self, seq: u64) -> Result<StoredRecord, StoreError> {
        decode_record(self.record_bytes_at(seq)?, "record")
    }

    /// The JSON of the current version of record `id`, looked for first at change `seq`,
    /// where it was when that number was read (from an index document, or a listed
    /// state): one lookup while the record has not changed since, two otherwise. The change
    /// log keeps a record only at its latest change, so a record found there under its
    /// own id is current.
    pub fn record_bytes_near(
        &self,
        id: &RecordId,
        seq: Option<u64>,
    ) -> Result<Option<RecordJson>, StoreError> {
        if let Some(seq) = seq
            && let Some(value) = self.change_bytes(seq)?
        {
            let json = RecordJson::of(value)?;
            if names(&json, id) {
                return Ok(Some(json));
            }
        }
        self.record_bytes(id)
    }

    fn change_bytes(&self, seq: u64) -> Result<Option<sled::IVec>, StoreError> {
        Ok(self.tree.get(change_key(seq))?)
    }

    fn record_bytes_at(&self, seq: u64) -> Result<sled::IVec, StoreError> {
        self.change_bytes(seq)?.ok_or_else(|| missing_change(seq))
    }

    /// The superseded versions of a record, oldest first.
    pub fn history(&self, id: &RecordId) -> Result<Vec<StoredRecord>, StoreError> {
        let prefix = key(HISTORY, &[id.as_str().as_bytes(), b""]);
        self.tree
            .scan_prefix(prefix)
            .values()
            .map(|value| decode_record(value?, "history entry"))
            .collect()
    }

    /// The states of the current records (tombstones included) of one source, or of all,
    /// in the order of their ids.
    pub fn states(
        &self,
        source: Option<&SourceId>,
    ) -> impl Iterator<Item = Result<(RecordId, RecordState), StoreError>> + '_ {
        self.tree.scan_prefix(record_prefix(source)).map(|entry| {
            let (key, value) = entry?;
            let id = std::str::from_utf8(&key[RECORD.len()..])
                .ok()
                .and_then(|text| RecordId::parse(text).ok())
                .ok_or_else(|| StoreError::Corrupt("a record key is no record id".to_owned()))?;
            Ok((id, RecordState::decode(&value)?))
        })
    }

    /// Every current record (tombstones included) of one source or of all, in the order
    /// of their latest changes.
    pub fn records(
        &self,
        source: Option<&SourceId>,
    ) -> Box<dyn Iterator<Item = Result<StoredRecord, StoreError>> + '_> {
        let Some(source) = source else {
            return Box::new(self.changes_after(0));
        };
        // Read in the order of the change log, where a source's records lie mostly
        // together (written by its harvests); in the order of their ids (hashes) every
        // read would land in another part of the log.
        let states: Result<Vec<(u64, RecordId)>, StoreError> = self
            .states(Some(source))
            .map(|state| state.map(|(id, state)| (state.seq, id)))
            .collect();
        let mut states = match states {
            Ok(states) => states,
            Err(err) => return Box::new(std::iter::once(Err(err))),
        };
        states.sort_unstable_by_key(|(seq, _)| *seq);
        Box::new(states.into_iter().filter_map(|(seq, id)| {
            self.record_bytes_near(&id, Some(seq))
                .and_then(|bytes| bytes.map(|bytes| decode(&bytes, "record")).transpose())
                .transpose()
        }))
    }

    /// Whether the store holds any record (tombstones included) of `source`.
    pub fn holds_records_of(&self, source: &SourceId) -> Result<bool, StoreError> {
        Ok(self
            .tree
            .scan_prefix(record_prefix(Some(source)))
            .next()
            .transpose()?
            .is_some())
    }

    /// The first write that failed on disk since the store was opened: every write
    /// fails after it (see [`WriteFailure`]).
    pub fn write_failure(&self) -> Option<&WriteFailure> {
        self.failure.get()
    }

    /// Keeps `err` as the store's [`WriteFailure`] if it is the disk's and the first: the
    /// writer does, for every error of a write command (sled fails every operation once
    /// its background flush failed, so it may be a read preparing the write).
    pub fn note_failure(&self, err: &StoreError) {
        if let StoreError::Sled(sled::Error::Io(io)) = err {
            let failure = WriteFailure {
                at: chrono::Utc::now(),
                error: io.to_string(),
                disk_full: io.kind() == std::io::ErrorKind::StorageFull,
            };
            if self.failure.set(failure).is_ok() {
                tracing::error!(error = %io, "the store failed a write on disk; it takes no more until restarted");
            }
        }
    }

    /// How many batches were applied to the store ([`Store::apply`]).
    pub fn applied(&self) -> Result<u64, StoreError> {
        Ok(self
            .tree
            .get(APPLIED)?
            .map(|bytes| u64_from(&bytes))
            .unwrap_or(0))
    }

    /// The last sequence number assigned (0 for an empty store).
    pub fn last_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .tree
            .get(LAST_SEQ)?
            .map(|bytes| u64_from(&bytes))
            .unwrap_or(0))
    }

    /// The records changed after `seq` (tombstones included), in the order of their latest
    /// change; each record's `seq` is that change's.
    pub fn changes_after(
        &self,
        seq: u64,
    ) -> impl Iterator<Item = Result<StoredRecord, StoreError>> + '_ {
        let start = change_key(seq.saturating_add(1));
        let end = key(CHANGE, &[&u64::MAX.to_be_bytes()]);
        self.tree
            .range(start..=end)
            .values()
            .map(|value| decode_record(value?, "record"))
    }

    /// The harvest checkpoint of a source (the default for a source never harvested).
    pub fn checkpoint(&self, source: &SourceId) -> Result<Checkpoint, StoreError> {
        Ok(self
            .tree
            .get(checkpoint_key(source))?
            .map(|bytes| decode(&bytes, "checkpoint"))
            .transpose()?
            .unwrap_or_default())
    }

    /// The runs of a source, newest first, at most `limit`.
    pub fn runs(&self, source: &SourceId, limit: usize) -> Result<Vec<HarvestRun>, StoreError> {
        let prefix = key(RUN, &[source.as_str().as_bytes(), b""]);
        self.tree
            .scan_prefix(prefix)
            .values()
            .rev()
            .take(limit)
            .map(|value| decode(&value?, "harvest run"))
            .collect()
    }

    /// Counts of live records and tombstones, kept up to date by the writer in the batch
    /// of every change (a store written before the counts existed is counted once).
    pub fn counts(&self) -> Result<StoreCounts, StoreError> {
        match self.tree.get(COUNTS)? {
            Some(bytes) if bytes.len() == 16 => Ok(StoreCounts {
                live: u64_from(&bytes[..8]),
                tombstones: u64_from(&bytes[8..]),
            }),
            _ => self.count_by_scanning(),
        }
    }

    /// Writes the counts if the store has none yet (a store from before they existed), so
    /// that [`Store::counts`] need not scan; for the writer, when it starts.
    #[expect(
        clippy::disallowed_methods,
        reason = "the writer calls it once when it starts, before it applies any batch"
    )]
    pub fn ensure_counts(&self) -> Result<(), StoreError> {
        if self.tree.get(COUNTS)?.is_none() {
            let counts = self.count_by_scanning()?;
            self.tree.insert(COUNTS, &record::encode_counts(counts))?;
        }
        Ok(())
    }

    /// Counts live records and tombstones by reading every record state (slow: what
    /// [`Store::counts`] keeps up to date, for checking it).
    pub fn count_by_scanning(&self) -> Result<StoreCounts, StoreError> {
        let mut counts = StoreCounts::default();
        for state in self.states(None) {
            if state?.1.deleted {
                counts.tombstones += 1;
            } else {
                counts.live += 1;
            }
        }
        Ok(counts)
    }

    /// Bytes the store takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }
}

/// How many records the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreCounts {
    /// Records that are current upstream.
    pub live: u64,
    /// Records deleted upstream, kept as tombstones.
    pub tombstones: u64,
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests write stores of earlier layouts and damaged ones directly"
)]
mod tests {
    use super::*;
    use crate::record::{LZ4, encode, encode_record, encode_record_json, pack};
    use model::PayloadHash;

    fn record(source: &SourceId, upstream_id: &str, seq: u64, deleted: bool) -> StoredRecord {
        let mut credential = model::Credential::default();
        credential
            .title
            .insert("en", &format!("Course {upstream_id}"));
        StoredRecord {
            id: RecordId::new(source, upstream_id),
            seq,
            version: 1,
            deleted,
            credential: (!deleted).then_some(credential),
            provenance: model::Provenance {
                source_id: source.clone(),
                run_id: model::RunId::new(source, chrono::Utc::now()),
                upstream_id: upstream_id.to_owned(),
                datestamp: None,
                harvested_at: chrono::Utc::now(),
                payload_hash: model::PayloadHash::of(upstream_id.as_bytes()),
                format: model::Format::ClearinghouseJson,
                via: Vec::new(),
            },
            first_seen: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn record_states_encode_and_decode() {
        let source = SourceId::parse("src").unwrap();
        let hashed = RecordState::of(&record(&source, "a", 42, false));
        let encoded = hashed.encode();
        assert_eq!(
            encoded.len(),
            8 + 1 + 32,
            "a blake3 hash is kept as its bytes"
        );
        assert_ne!(encoded[0], b'{');
        assert_eq!(RecordState::decode(&encoded).unwrap(), hashed);
        let other = RecordState {
            seq: u64::from(u32::MAX) + 7,
            deleted: true,
            payload_hash: PayloadHash("not hex: kept as text".to_owned()),
        };
        assert_eq!(RecordState::decode(&other.encode()).unwrap(), other);
        let upper = RecordState {
            payload_hash: PayloadHash(hashed.payload_hash.0.to_uppercase()),
            ..hashed
        };
        assert_eq!(RecordState::decode(&upper.encode()).unwrap(), upper);
        assert!(RecordState::decode(&encoded[..8]).is_err());
        assert!(RecordState::decode(&encoded[..20]).is_err());
    }

    /// Writes `records` as layout 1 did: each under its id, its id in the change log.
    fn write_layout_1(store: &Store, records: &[StoredRecord]) {
        for record in records {
            store
                .tree()
                .insert(record_key(&record.id), encode_record_json(record, None))
                .unwrap();
            store
                .tree()
                .insert(change_key(record.seq), record.id.as_str().as_bytes())
                .unwrap();
        }
        store.tree().insert(LAST_SEQ, &9u64.to_be_bytes()).unwrap();
    }

    #[test]
    fn a_store_of_layout_1_is_moved_to_the_current_layout_even_if_interrupted() {
        let source = SourceId::parse("src").unwrap();
        let other = SourceId::parse("other").unwrap();
        let records = vec![
            record(&source, "a", 3, false),
            record(&source, "b", 9, true),
            record(&other, "c", 5, false),
            record(&source, "d", 7, false),
        ];
        for interrupted in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            {
                let store = Store::open_as_is(dir.path()).unwrap();
                write_layout_1(&store, &records);
                // A superseded change of layout 1 left behind: dropped by the upgrade.
                store
                    .tree()
                    .insert(change_key(1), records[0].id.as_str().as_bytes())
                    .unwrap();
                if interrupted {
                    // The first batch of an upgrade applied, the layout key not written.
                    let moved = &records[2];
                    store
                        .tree()
                        .insert(change_key(moved.seq), encode_record_json(moved, None))
                        .unwrap();
                    store
                        .tree()
                        .insert(record_key(&moved.id), RecordState::of(moved).encode())
                        .unwrap();
                }
                store.flush().unwrap();
            }
            let store = Store::open(dir.path()).unwrap();
            assert_eq!(
                u64_from(&store.tree().get(LAYOUT_KEY).unwrap().unwrap()),
                LAYOUT
            );
            for record in &records {
                assert_eq!(store.get(&record.id).unwrap().as_ref(), Some(record));
                assert_eq!(
                    store.state(&record.id).unwrap(),
                    Some(RecordState::of(record))
                );
            }
            let changes: Vec<StoredRecord> = store.changes_after(0).map(Result::unwrap).collect();
            let mut by_seq = records.clone();
            by_seq.sort_by_key(|record| record.seq);
            assert_eq!(
                changes, by_seq,
                "the change log holds the records, in order"
            );
            let after_5: Vec<u64> = store
                .changes_after(5)
                .map(|record| record.unwrap().seq)
                .collect();
            assert_eq!(after_5, vec![7, 9]);
            let mut of_source: Vec<StoredRecord> =
                store.records(Some(&source)).map(Result::unwrap).collect();
            of_source.sort_by_key(|record| record.seq);
            assert_eq!(of_source.len(), 3);
            assert!(of_source.iter().all(|record| record.id.source() == "src"));
            assert_eq!(store.records(None).count(), 4);
            assert_eq!(
                store.count_by_scanning().unwrap(),
                StoreCounts {
                    live: 3,
                    tombstones: 1
                }
            );
            drop(store);
            // Opening again changes nothing.
            let store = Store::open(dir.path()).unwrap();
            assert_eq!(store.changes_after(0).count(), 4);
        }
    }

    #[test]
    fn a_record_read_while_the_writer_replaces_it_is_one_version_or_the_next() {
        let source = SourceId::parse("src").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut current = record(&source, "a", 1, false);
        store
            .tree()
            .insert(change_key(1), encode_record(&current, None))
            .unwrap();
        store
            .tree()
            .insert(record_key(&current.id), RecordState::of(&current).encode())
            .unwrap();
        let id = current.id.clone();
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let mut reads = 0u64;
                while !done.load(std::sync::atomic::Ordering::Acquire) || reads < 1000 {
                    let read = store.get(&id).unwrap().expect("the record is stored");
                    assert_eq!(read.id, id);
                    if reads.is_multiple_of(16) {
                        let listed: Vec<RecordId> = store
                            .records(Some(&source))
                            .map(|record| record.unwrap().id)
                            .collect();
                        assert_eq!(listed, vec![id.clone()]);
                    }
                    reads += 1;
                }
                reads
            });
            // As the writer replaces a record: one batch removes the old change, writes
            // the new one and moves the state.
            for seq in 2..3000 {
                let mut next = current.clone();
                next.seq = seq;
                let mut batch = sled::Batch::default();
                batch.remove(change_key(seq - 1));
                batch.insert(change_key(seq), encode_record(&next, None));
                batch.insert(record_key(&next.id), RecordState::of(&next).encode());
                store.tree().apply_batch(batch).unwrap();
                current = next;
            }
            done.store(true, std::sync::atomic::Ordering::Release);
            assert!(reader.join().unwrap() >= 1000);
        });
    }

    #[test]
    fn a_store_of_an_unknown_layout_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            store
                .tree()
                .insert(LAYOUT_KEY, &(LAYOUT + 1).to_be_bytes())
                .unwrap();
            store.flush().unwrap();
        }
        let err = Store::open(dir.path())
            .err()
            .expect("an unknown layout is refused");
        assert!(
            err.to_string().contains(&format!("layout {}", LAYOUT + 1)),
            "{err}"
        );
        assert!(
            err.to_string().contains(&format!("writes layout {LAYOUT}")),
            "{err}"
        );
    }

    #[test]
    fn records_encode_compactly_and_read_back_as_written_before() {
        let source = SourceId::parse("src").unwrap();
        let mut credential = model::Credential::default();
        credential.title.insert("en", "Data \"literacy\" é");
        credential.eqf_level = model::EqfLevel::new(6).ok();
        let record = StoredRecord {
            id: RecordId::new(&source, "x"),
            seq: 7,
            version: 2,
            deleted: false,
            credential: Some(credential.clone()),
            provenance: model::Provenance {
                source_id: source.clone(),
                run_id: model::RunId::new(&source, chrono::Utc::now()),
                upstream_id: "x".to_owned(),
                datestamp: Some("2026-01-01".to_owned()),
                harvested_at: chrono::Utc::now(),
                payload_hash: model::PayloadHash::of(b"x"),
                format: model::Format::ClearinghouseJson,
                via: vec!["hop".to_owned()],
            },
            first_seen: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        let json = encode_credential(&credential).unwrap();
        let encoded = encode_record(&record, None);
        assert_eq!(encoded[0], LZ4, "a record this long is kept compressed");
        let plain = encode_record_json(&record, None);
        assert!(encoded.len() < plain.len());
        let unpacked = RecordJson::of(encoded.clone().into()).unwrap();
        assert_eq!(&*unpacked, &plain[..]);
        assert!(names(&unpacked, &record.id));
        assert!(!names(&unpacked, &RecordId::new(&source, "y")));
        assert_eq!(encode_record(&record, Some(&json)), encoded);
        let decoded: StoredRecord = decode_record(encoded.into(), "record").unwrap();
        assert_eq!(decoded, record);
        // A record written plain (by layout 2), or before credentials were encoded
        // compactly, reads the same.
        let written_before = encode(&record);
        assert!(names(&written_before, &record.id));
        assert!(plain.len() < written_before.len());
        for value in [plain, written_before] {
            let decoded: StoredRecord = decode_record(value.into(), "record").unwrap();
            assert_eq!(decoded, record);
        }
        let tombstone = StoredRecord {
            deleted: true,
            credential: None,
            ..record
        };
        let encoded = encode_record(&tombstone, None);
        assert_eq!(
            &*RecordJson::of(encoded.into()).unwrap(),
            &encode(&tombstone)[..]
        );
        // Short JSON is kept as it is.
        assert_eq!(pack(b"{\"id\":\"s.x\"}".to_vec()), b"{\"id\":\"s.x\"}");
    }

    #[test]
    fn a_corrupt_compressed_record_is_an_error() {
        let json = serde_json::to_vec(&vec!["some words of a record"; 40]).unwrap();
        let packed = pack(json.clone());
        assert_eq!(&*RecordJson::of(packed.clone().into()).unwrap(), &json[..]);
        let mut impossible = packed.clone();
        impossible[1..5].copy_from_slice(&u32::MAX.to_le_bytes());
        let mut longer = packed.clone();
        longer[1..5].copy_from_slice(&(json.len() as u32 + 1).to_le_bytes());
        let mut shorter = packed.clone();
        shorter[1..5].copy_from_slice(&(json.len() as u32 - 1).to_le_bytes());
        let mut garbled = packed.clone();
        for byte in garbled.iter_mut().skip(5) {
            *byte = 0xff;
        }
        for bad in [
            vec![LZ4],
            vec![LZ4, 1, 0],
            packed[..packed.len() - 3].to_vec(),
            impossible,
            longer,
            shorter,
            garbled,
        ] {
            match RecordJson::of(bad.clone().into()) {
                Err(StoreError::Corrupt(_)) => {}
                Err(other) => panic!("{bad:?}: {other}"),
                Ok(json) => panic!("{bad:?} read as {:?}", String::from_utf8_lossy(&json)),
            }
        }
    }

    #[test]
    fn a_store_of_layout_2_is_read_as_it_is_and_numbered_as_the_current_layout() {
        let dir = tempfile::tempdir().unwrap();
        let source = SourceId::parse("src").unwrap();
        let record = record(&source, "a", 4, false);
        {
            let store = Store::open(dir.path()).unwrap();
            // As layout 2 wrote it: the record plain in the change log.
            let tree = store.tree();
            tree.insert(change_key(record.seq), encode_record_json(&record, None))
                .unwrap();
            tree.insert(record_key(&record.id), RecordState::of(&record).encode())
                .unwrap();
            tree.insert(LAST_SEQ, &record.seq.to_be_bytes()).unwrap();
            tree.insert(LAYOUT_KEY, &2u64.to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            u64_from(&store.tree().get(LAYOUT_KEY).unwrap().unwrap()),
            LAYOUT
        );
        assert_eq!(store.get(&record.id).unwrap(), Some(record.clone()));
        assert_eq!(
            store.get_near(&record.id, Some(record.seq)).unwrap(),
            Some(record)
        );
    }

    #[test]
    fn a_store_of_layout_3_keeps_its_assumptions_as_typed_data() {
        let dir = tempfile::tempdir().unwrap();
        let source = SourceId::parse("src").unwrap();
        let mut assumed = record(&source, "assumed", 1, false);
        let credential = assumed.credential.as_mut().unwrap();
        credential.issues = vec![
            model::Issue::note("mojibake"),
            model::Issue::note(
                "no awarding body in the record; the publishing institution is assumed",
            ),
            model::Issue::note(
                "no country of the awarding body in the record; the source's country is assumed",
            ),
        ];
        let stated = record(&source, "stated", 2, false);
        {
            let store = Store::open_as_is(dir.path()).unwrap();
            let tree = store.tree();
            for record in [&assumed, &stated] {
                tree.insert(record_key(&record.id), RecordState::of(record).encode())
                    .unwrap();
                tree.insert(change_key(record.seq), encode(record)).unwrap();
            }
            tree.insert(LAST_SEQ, &2u64.to_be_bytes()).unwrap();
            tree.insert(LAYOUT_KEY, &3u64.to_be_bytes()).unwrap();
            store.flush().unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        let read = store.get(&assumed.id).unwrap().unwrap();
        let credential = read.credential.unwrap();
        assert!(credential.assumed.awarding_body && credential.assumed.country);
        assert_eq!(credential.issues, vec![model::Issue::note("mojibake")]);
        assert_eq!(store.get(&stated.id).unwrap().unwrap(), stated);
        assert_eq!(
            u64_from(&store.tree().get(LAYOUT_KEY).unwrap().unwrap()),
            LAYOUT
        );
    }
}
