//! `store/`: here is a record id, give me the record, its history and where it came from.
//!
//! The sled store is the source of truth. Everything lives in one tree under key prefixes,
//! so that a page of records, the change log entries and the source's harvest checkpoint
//! are written by one atomic `apply_batch`:
//!
//! | prefix | key                                  | value                               |
//! |--------|--------------------------------------|-------------------------------------|
//! | `r:`   | record id                            | its [`RecordState`] (binary)        |
//! | `s:`   | seq (u64 BE)                         | the record whose latest change this is: [`StoredRecord`] (JSON*) |
//! | `h:`   | record id, `0x00`, seq (u64 BE)      | a superseded version (JSON*)        |
//! | `k:`   | source id                            | [`Checkpoint`] (JSON)               |
//! | `n:`   | source id, `0x00`, start µs (i64 BE) | [`HarvestRun`] (JSON)               |
//! | `m:`   | `seq`                                | last sequence number (u64 BE)       |
//! | `m:`   | `counts`                             | live records, tombstones (2 × u64 BE) |
//! | `m:`   | `layout`                             | [`LAYOUT`] (u64 BE)                 |
//!
//! \* A record's credential is written without its empty fields ([`compact`]); records
//! written with every field read back the same. A record of [`PACK_MIN`] bytes or more is
//! kept LZ4-compressed ([`pack`]): the byte `0x01` (which no JSON text starts with), then
//! the length of the JSON (u32 LE) and its LZ4 block. Records written plain (by layout 2,
//! or short) read back as they are.
//!
//! Records live in the change log: `s:` keeps one entry per record, at its latest change,
//! holding the record itself, so replaying it from a sequence number yields every record
//! changed since, once, in the order written. The record key only says where the current
//! version is (and what the writer needs to recognise an unchanged record). Record ids
//! are hashes, so writing the records under them put every insert of a harvest into a
//! random leaf of a tree of gigabytes, read back from disk into sled's cache: at 1M
//! records that was a third of the harvest's CPU. Written by sequence number, a harvest
//! appends to the log's last leaf, and the tree of states (~100 bytes a record) stays in
//! the cache. A store of the earlier layout (records under their ids) is moved to this
//! one when opened ([`Store::open`]).
//!
//! Only the writer thread ([`crate::writer`]) writes records; reads may happen anywhere.

use std::path::Path;

use model::{Checkpoint, HarvestRun, PayloadHash, RecordId, SourceId, StoredRecord};

use crate::IndexerError;

mod compact;

pub(crate) use compact::CompactCredential;

const RECORD: &[u8] = b"r:";
const HISTORY: &[u8] = b"h:";
const CHANGE: &[u8] = b"s:";
const CHECKPOINT: &[u8] = b"k:";
const RUN: &[u8] = b"n:";
const LAST_SEQ: &[u8] = b"m:seq";
const COUNTS: &[u8] = b"m:counts";
const LAYOUT_KEY: &[u8] = b"m:layout";

/// The layout of the store this code writes: 3 = records in the change log, compressed
/// when long ([`pack`]), their states under their ids. Layout 2 wrote every record plain,
/// which layout 3 reads as it is: opening a store of layout 2 only writes the new number
/// (so that a version knowing only layout 2 refuses a store it could not read). Layout 1
/// (no `m:layout` key) kept the records under their ids and only ids in the change log.
pub(crate) const LAYOUT: u64 = 3;

/// Records of at least this many bytes of JSON are kept compressed ([`pack`]).
const PACK_MIN: usize = 256;

/// The first byte of a compressed record ([`pack`]).
const LZ4: u8 = 0x01;

/// The most bytes a compressed record may say it holds: a larger figure is a corrupt
/// value, not an allocation to make.
const UNPACKED_MAX: usize = 64 << 20;

/// A record's JSON as the store keeps it: compressed (LZ4, see the module documentation)
/// when it has [`PACK_MIN`] bytes or more. Records are ~1.5 kB of JSON whose keys repeat;
/// compressed they take about half, which is the bytes sled copies on each insert into
/// the log's last leaf and writes to its log.
pub(crate) fn pack(json: Vec<u8>) -> Vec<u8> {
    if json.len() < PACK_MIN {
        return json;
    }
    let length = u32::try_from(json.len()).expect("a record is under 4 GiB");
    let mut packed = Vec::with_capacity(5 + lz4_flex::block::get_maximum_output_size(json.len()));
    packed.push(LZ4);
    packed.extend_from_slice(&length.to_le_bytes());
    let start = packed.len();
    packed.resize(packed.capacity(), 0);
    let written = lz4_flex::block::compress_into(&json, &mut packed[start..])
        .expect("the buffer has the maximum output size");
    packed.truncate(start + written);
    packed
}

/// A record's JSON, from a value [`pack`] wrote (or a plain one).
pub(crate) enum RecordJson {
    Plain(sled::IVec),
    Unpacked(Vec<u8>),
}

impl RecordJson {
    fn of(value: sled::IVec) -> Result<RecordJson, IndexerError> {
        if value.first() != Some(&LZ4) {
            return Ok(RecordJson::Plain(value));
        }
        let corrupt = |why: &str| IndexerError::Corrupt(format!("a compressed record {why}"));
        let length = value
            .get(1..5)
            .map(|bytes| u32::from_le_bytes(bytes.try_into().expect("4 bytes")) as usize)
            .ok_or_else(|| corrupt("is cut short"))?;
        if length > UNPACKED_MAX {
            return Err(corrupt("claims an impossible length"));
        }
        let mut json = vec![0; length];
        let written = lz4_flex::block::decompress_into(&value[5..], &mut json)
            .map_err(|err| corrupt(&format!("does not decompress: {err}")))?;
        if written != length {
            return Err(corrupt("is shorter than it says"));
        }
        Ok(RecordJson::Unpacked(json))
    }
}

impl std::ops::Deref for RecordJson {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            RecordJson::Plain(value) => value,
            RecordJson::Unpacked(json) => json,
        }
    }
}

/// Decodes a record value (plain or [`pack`]ed).
fn decode_record<T: serde::de::DeserializeOwned>(
    value: sled::IVec,
    what: &str,
) -> Result<T, IndexerError> {
    decode(&RecordJson::of(value)?, what)
}

/// Records moved per batch when a store of layout 1 is opened.
const UPGRADE_BATCH: usize = 1000;

/// The sled store.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    tree: sled::Tree,
}

pub(crate) fn key(prefix: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut key = prefix.to_vec();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(part);
    }
    key
}

pub(crate) fn record_key(id: &RecordId) -> Vec<u8> {
    key(RECORD, &[id.as_str().as_bytes()])
}

fn record_prefix(source: Option<&SourceId>) -> Vec<u8> {
    match source {
        Some(source) => key(RECORD, &[format!("{source}.").as_bytes()]),
        None => RECORD.to_vec(),
    }
}

pub(crate) fn history_key(id: &RecordId, seq: u64) -> Vec<u8> {
    key(HISTORY, &[id.as_str().as_bytes(), &seq.to_be_bytes()])
}

pub(crate) fn change_key(seq: u64) -> Vec<u8> {
    key(CHANGE, &[&seq.to_be_bytes()])
}

pub(crate) fn checkpoint_key(source: &SourceId) -> Vec<u8> {
    key(CHECKPOINT, &[source.as_str().as_bytes()])
}

pub(crate) fn last_seq_key() -> &'static [u8] {
    LAST_SEQ
}

fn run_key(run: &HarvestRun) -> Vec<u8> {
    key(
        RUN,
        &[
            run.source_id.as_str().as_bytes(),
            &run.started_at.timestamp_micros().to_be_bytes(),
        ],
    )
}

pub(crate) fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("store values serialise to JSON")
}

/// Encodes a record as the store keeps it: [`encode_record_json`], [`pack`]ed.
pub(crate) fn encode_record(
    record: &StoredRecord,
    credential_json: Option<&serde_json::value::RawValue>,
) -> Vec<u8> {
    pack(encode_record_json(record, credential_json))
}

/// Encodes a record as JSON, its credential without empty fields ([`CompactCredential`]).
/// `credential_json` is the credential already encoded that way (on the prepare thread);
/// when given, the record's own `credential` is ignored.
fn encode_record_json(
    record: &StoredRecord,
    credential_json: Option<&serde_json::value::RawValue>,
) -> Vec<u8> {
    // The fields of `StoredRecord`, in its order, with the credential encoded compactly.
    #[derive(serde::Serialize)]
    struct EncodedRecord<'a> {
        id: &'a RecordId,
        seq: u64,
        version: u32,
        deleted: bool,
        credential: Option<EncodedCredential<'a>>,
        provenance: &'a model::Provenance,
        first_seen: &'a chrono::DateTime<chrono::Utc>,
        updated_at: &'a chrono::DateTime<chrono::Utc>,
    }
    #[derive(serde::Serialize)]
    #[serde(untagged)]
    enum EncodedCredential<'a> {
        Encoded(&'a serde_json::value::RawValue),
        Compact(CompactCredential<'a>),
    }
    let credential = match credential_json {
        Some(json) => Some(EncodedCredential::Encoded(json)),
        None => record
            .credential
            .as_ref()
            .map(|credential| EncodedCredential::Compact(CompactCredential(credential))),
    };
    encode(&EncodedRecord {
        id: &record.id,
        seq: record.seq,
        version: record.version,
        deleted: record.deleted,
        credential,
        provenance: &record.provenance,
        first_seen: &record.first_seen,
        updated_at: &record.updated_at,
    })
}

/// Encodes a credential as the store does, for [`encode_record`].
pub(crate) fn encode_credential(
    credential: &model::Credential,
) -> Option<Box<serde_json::value::RawValue>> {
    let mut json = Vec::with_capacity(2048);
    serde_json::to_writer(&mut json, &CompactCredential(credential)).ok()?;
    serde_json::value::RawValue::from_string(String::from_utf8(json).ok()?).ok()
}

/// What the store keeps under a record's id: where its current version is, and what tells
/// an unchanged record (its payload hash) and a tombstone, so that the writer recognises
/// an unchanged record without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordState {
    /// The sequence number of the record's latest change: its key in the change log.
    pub(crate) seq: u64,
    /// Whether the current version is a tombstone.
    pub(crate) deleted: bool,
    /// The payload hash of the current version.
    pub(crate) payload_hash: PayloadHash,
}

impl RecordState {
    const DELETED: u8 = 1;
    /// The hash is stored as its 32 bytes (blake3 hex, as [`PayloadHash::of`] makes it);
    /// otherwise as its text.
    const HASH_BYTES: u8 = 2;

    pub(crate) fn of(record: &StoredRecord) -> RecordState {
        RecordState {
            seq: record.seq,
            deleted: record.deleted,
            payload_hash: record.provenance.payload_hash.clone(),
        }
    }

    /// `[seq: u64 BE][flags: u8][hash]`. The first byte is never `{`, which tells a state
    /// from a layout-1 record (JSON) while a store is upgraded.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let text = self.payload_hash.0.as_str();
        let bytes = blake3::Hash::from_hex(text)
            .ok()
            .filter(|hash| hash.to_hex().as_str() == text);
        let mut out = Vec::with_capacity(9 + 32);
        out.extend_from_slice(&self.seq.to_be_bytes());
        let mut flags = 0;
        if self.deleted {
            flags |= RecordState::DELETED;
        }
        match bytes {
            Some(hash) => {
                out.push(flags | RecordState::HASH_BYTES);
                out.extend_from_slice(hash.as_bytes());
            }
            None => {
                out.push(flags);
                out.extend_from_slice(text.as_bytes());
            }
        }
        out
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<RecordState, IndexerError> {
        let corrupt = || IndexerError::Corrupt("a record state does not decode".to_owned());
        if bytes.len() < 9 {
            return Err(corrupt());
        }
        let flags = bytes[8];
        let hash = &bytes[9..];
        let payload_hash = if flags & RecordState::HASH_BYTES != 0 {
            let hash: [u8; 32] = hash.try_into().map_err(|_| corrupt())?;
            PayloadHash(blake3::Hash::from_bytes(hash).to_hex().to_string())
        } else {
            PayloadHash(String::from_utf8(hash.to_vec()).map_err(|_| corrupt())?)
        };
        Ok(RecordState {
            seq: u64_from(&bytes[..8]),
            deleted: flags & RecordState::DELETED != 0,
            payload_hash,
        })
    }
}

/// Whether an encoded record (from [`encode_record`], or layout 1's whole
/// [`StoredRecord`]: both begin with the id) is record `id`'s.
fn names(encoded: &[u8], id: &RecordId) -> bool {
    let rest = encoded.strip_prefix(br#"{"id":""#.as_slice());
    rest.and_then(|rest| rest.strip_prefix(id.as_str().as_bytes()))
        .is_some_and(|rest| rest.first() == Some(&b'"'))
}

fn missing_change(seq: u64) -> IndexerError {
    IndexerError::Corrupt(format!(
        "a record state names change {seq}, which is not stored"
    ))
}

/// Whether opening a store failed because something holds it open. Sled 0.34 (whose line
/// gets no more releases) reports that as an error of kind `Other` whose text names the
/// lock, with the `WouldBlock` of the lock call only in that text.
pub(crate) fn lock_held(err: &IndexerError) -> bool {
    match err {
        IndexerError::Store(sled::Error::Io(err)) => {
            err.kind() == std::io::ErrorKind::WouldBlock
                || err.to_string().contains("could not acquire lock")
        }
        _ => false,
    }
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, IndexerError> {
    serde_json::from_slice(bytes)
        .map_err(|err| IndexerError::Corrupt(format!("{what} does not decode: {err}")))
}

impl Store {
    /// Opens (or creates) the store in `dir`, moving a store of an earlier layout to the
    /// current one.
    pub fn open(dir: &Path) -> Result<Store, IndexerError> {
        let store = Store::open_as_is(dir)?;
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
    pub(crate) fn open_as_is(dir: &Path) -> Result<Store, IndexerError> {
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
    pub(crate) fn try_open_as_is(dir: &Path) -> Result<Store, IndexerError> {
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(256 * 1024 * 1024)
            .open()?;
        let tree = db.open_tree("clearinghouse")?;
        Ok(Store { db, tree })
    }

    /// Brings a store of layout 2 to [`LAYOUT`] (the layout number only), and one of
    /// layout 1 (records under their ids, ids in the change log), in batches: each moves records to the change log and leaves their
    /// states under their ids. A store interrupted halfway is finished when next opened
    /// (moved records are told by their state, which is not JSON); the layout key is
    /// written last.
    fn upgrade(&self) -> Result<(), IndexerError> {
        if let Some(layout) = self.tree.get(LAYOUT_KEY)? {
            return match u64_from(&layout) {
                LAYOUT => Ok(()),
                2 => {
                    // Layout 3 reads layout 2's plain records as they are.
                    self.tree.insert(LAYOUT_KEY, &LAYOUT.to_be_bytes())?;
                    self.tree.flush()?;
                    tracing::info!(
                        from = 2,
                        layout = LAYOUT,
                        "store moved to the current layout"
                    );
                    Ok(())
                }
                other => Err(IndexerError::Corrupt(format!(
                    "the store has layout {other}, which this version does not know \
                     (it writes layout {LAYOUT}); use the version that wrote it"
                ))),
            };
        }
        let mut moved = 0u64;
        let mut batch = sled::Batch::default();
        let mut in_batch = 0;
        for entry in self.tree.scan_prefix(RECORD) {
            let (key, value) = entry?;
            if value.first() != Some(&b'{') {
                continue;
            }
            let record: StoredRecord = decode(&value, "record")?;
            batch.insert(change_key(record.seq), value);
            batch.insert(key, RecordState::of(&record).encode());
            in_batch += 1;
            if in_batch == UPGRADE_BATCH {
                self.tree.apply_batch(std::mem::take(&mut batch))?;
                moved += in_batch as u64;
                in_batch = 0;
            }
        }
        self.tree.apply_batch(batch)?;
        moved += in_batch as u64;
        // Layout 1 kept one change log entry (a record id) per record, at the change its
        // record names, so all were replaced above; drop any that was not.
        let mut stale = sled::Batch::default();
        for entry in self.tree.scan_prefix(CHANGE) {
            let (key, value) = entry?;
            if !matches!(value.first(), Some(&b'{' | &LZ4)) {
                stale.remove(key);
            }
        }
        self.tree.apply_batch(stale)?;
        self.tree.insert(LAYOUT_KEY, &LAYOUT.to_be_bytes())?;
        self.tree.flush()?;
        if moved > 0 {
            tracing::info!(
                records = moved,
                layout = LAYOUT,
                "store moved to the current layout"
            );
        }
        Ok(())
    }

    pub(crate) fn tree(&self) -> &sled::Tree {
        &self.tree
    }

    /// Waits until everything written so far is on disk.
    pub fn flush(&self) -> Result<(), IndexerError> {
        self.tree.flush()?;
        Ok(())
    }

    /// The current version of a record (a tombstone if deleted upstream).
    pub fn get(&self, id: &RecordId) -> Result<Option<StoredRecord>, IndexerError> {
        self.record_bytes(id)?
            .map(|bytes| decode(&bytes, "record"))
            .transpose()
    }

    /// The current version of record `id`, looked for first at change `seq`
    /// ([`Store::record_bytes_near`]).
    pub(crate) fn get_near(
        &self,
        id: &RecordId,
        seq: Option<u64>,
    ) -> Result<Option<StoredRecord>, IndexerError> {
        self.record_bytes_near(id, seq)?
            .map(|bytes| decode(&bytes, "record"))
            .transpose()
    }

    /// The JSON of the current version of a record.
    pub(crate) fn record_bytes(&self, id: &RecordId) -> Result<Option<RecordJson>, IndexerError> {
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
    pub(crate) fn state(&self, id: &RecordId) -> Result<Option<RecordState>, IndexerError> {
        self.tree
            .get(record_key(id))?
            .map(|bytes| RecordState::decode(&bytes))
            .transpose()
    }

    /// The record whose latest change has sequence number `seq` (from its state). Only
    /// for the writer thread: elsewhere the record may have changed since its state was
    /// read ([`Store::get`] reads both consistently).
    pub(crate) fn record_at(&self, seq: u64) -> Result<StoredRecord, IndexerError> {
        decode_record(self.record_bytes_at(seq)?, "record")
    }

    /// The JSON of the current version of record `id`, looked for first at change `seq`,
    /// where it was when that number was read (from an index document, or a listed
    /// state): one lookup while the record has not changed since, two otherwise. The change
    /// log keeps a record only at its latest change, so a record found there under its
    /// own id is current.
    pub(crate) fn record_bytes_near(
        &self,
        id: &RecordId,
        seq: Option<u64>,
    ) -> Result<Option<RecordJson>, IndexerError> {
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

    fn change_bytes(&self, seq: u64) -> Result<Option<sled::IVec>, IndexerError> {
        Ok(self.tree.get(change_key(seq))?)
    }

    fn record_bytes_at(&self, seq: u64) -> Result<sled::IVec, IndexerError> {
        self.change_bytes(seq)?.ok_or_else(|| missing_change(seq))
    }

    /// The superseded versions of a record, oldest first.
    pub fn history(&self, id: &RecordId) -> Result<Vec<StoredRecord>, IndexerError> {
        let prefix = key(HISTORY, &[id.as_str().as_bytes(), b""]);
        self.tree
            .scan_prefix(prefix)
            .values()
            .map(|value| decode_record(value?, "history entry"))
            .collect()
    }

    /// The states of the current records (tombstones included) of one source, or of all,
    /// in the order of their ids.
    pub(crate) fn states(
        &self,
        source: Option<&SourceId>,
    ) -> impl Iterator<Item = Result<(RecordId, RecordState), IndexerError>> + '_ {
        self.tree.scan_prefix(record_prefix(source)).map(|entry| {
            let (key, value) = entry?;
            let id = std::str::from_utf8(&key[RECORD.len()..])
                .ok()
                .and_then(|text| RecordId::parse(text).ok())
                .ok_or_else(|| IndexerError::Corrupt("a record key is no record id".to_owned()))?;
            Ok((id, RecordState::decode(&value)?))
        })
    }

    /// Every current record (tombstones included) of one source or of all, in the order
    /// of their latest changes.
    pub fn records(
        &self,
        source: Option<&SourceId>,
    ) -> Box<dyn Iterator<Item = Result<StoredRecord, IndexerError>> + '_> {
        let Some(source) = source else {
            return Box::new(self.changes_after(0));
        };
        // Read in the order of the change log, where a source's records lie mostly
        // together (written by its harvests); in the order of their ids (hashes) every
        // read would land in another part of the log.
        let states: Result<Vec<(u64, RecordId)>, IndexerError> = self
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
    pub fn holds_records_of(&self, source: &SourceId) -> Result<bool, IndexerError> {
        Ok(self
            .tree
            .scan_prefix(record_prefix(Some(source)))
            .next()
            .transpose()?
            .is_some())
    }

    /// The last sequence number assigned (0 for an empty store).
    pub fn last_seq(&self) -> Result<u64, IndexerError> {
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
    ) -> impl Iterator<Item = Result<StoredRecord, IndexerError>> + '_ {
        let start = change_key(seq.saturating_add(1));
        let end = key(CHANGE, &[&u64::MAX.to_be_bytes()]);
        self.tree
            .range(start..=end)
            .values()
            .map(|value| decode_record(value?, "record"))
    }

    /// The harvest checkpoint of a source (the default for a source never harvested).
    pub fn checkpoint(&self, source: &SourceId) -> Result<Checkpoint, IndexerError> {
        Ok(self
            .tree
            .get(checkpoint_key(source))?
            .map(|bytes| decode(&bytes, "checkpoint"))
            .transpose()?
            .unwrap_or_default())
    }

    /// Stores (or replaces) a harvest run report and flushes it.
    pub fn put_run(&self, run: &HarvestRun) -> Result<(), IndexerError> {
        self.tree.insert(run_key(run), encode(run))?;
        self.tree.flush()?;
        Ok(())
    }

    /// The runs of a source, newest first, at most `limit`.
    pub fn runs(&self, source: &SourceId, limit: usize) -> Result<Vec<HarvestRun>, IndexerError> {
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
    pub fn counts(&self) -> Result<StoreCounts, IndexerError> {
        match self.tree.get(COUNTS)? {
            Some(bytes) if bytes.len() == 16 => Ok(StoreCounts {
                live: u64_from(&bytes[..8]),
                tombstones: u64_from(&bytes[8..]),
            }),
            _ => self.count_by_scanning(),
        }
    }

    /// Writes the counts if the store has none yet (a store from before they existed).
    pub(crate) fn ensure_counts(&self) -> Result<(), IndexerError> {
        if self.tree.get(COUNTS)?.is_none() {
            let counts = self.count_by_scanning()?;
            self.tree.insert(COUNTS, &encode_counts(counts))?;
        }
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn count_by_scanning_for_tests(&self) -> StoreCounts {
        self.count_by_scanning().expect("store scans")
    }

    fn count_by_scanning(&self) -> Result<StoreCounts, IndexerError> {
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct StoreCounts {
    /// Records that are current upstream.
    pub live: u64,
    /// Records deleted upstream, kept as tombstones.
    pub tombstones: u64,
}

pub(crate) fn counts_key() -> &'static [u8] {
    COUNTS
}

pub(crate) fn encode_counts(counts: StoreCounts) -> [u8; 16] {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&counts.live.to_be_bytes());
    bytes[8..].copy_from_slice(&counts.tombstones.to_be_bytes());
    bytes
}

pub(crate) fn u64_from(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = bytes.len().min(8);
    buf[..n].copy_from_slice(&bytes[..n]);
    u64::from_be_bytes(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

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
                store.count_by_scanning_for_tests(),
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
        let err = Store::open(dir.path()).err().expect("layout 3 is refused");
        assert!(err.to_string().contains("layout 3"), "{err}");
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
                Err(IndexerError::Corrupt(_)) => {}
                Err(other) => panic!("{bad:?}: {other}"),
                Ok(json) => panic!("{bad:?} read as {:?}", String::from_utf8_lossy(&json)),
            }
        }
    }

    #[test]
    fn a_store_of_layout_2_is_read_as_it_is_and_numbered_3() {
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
}
