//! `store/`: here is a record id, give me the record, its history and where it came from.
//!
//! The sled store is the source of truth. Everything lives in one tree under key prefixes,
//! so that a page of records, the change log entries and the source's harvest checkpoint
//! are written by one atomic `apply_batch`:
//!
//! | prefix | key                                  | value                               |
//! |--------|--------------------------------------|-------------------------------------|
//! | `r:`   | record id                            | current [`StoredRecord`] (JSON*)    |
//! | `h:`   | record id, `0x00`, seq (u64 BE)      | a superseded version (JSON*)        |
//! | `s:`   | seq (u64 BE)                         | record id: the change log           |
//! | `k:`   | source id                            | [`Checkpoint`] (JSON)               |
//! | `n:`   | source id, `0x00`, start µs (i64 BE) | [`HarvestRun`] (JSON)               |
//! | `m:`   | `seq`                                | last sequence number (u64 BE)       |
//! | `m:`   | `counts`                             | live records, tombstones (2 × u64 BE) |
//!
//! \* A record's credential is written without its empty fields ([`compact`]); records
//! written with every field read back the same.
//!
//! The change log keeps one entry per record, at its latest change: replaying it from a
//! sequence number yields every record changed since, once.
//!
//! Only the writer thread ([`crate::writer`]) writes records; reads may happen anywhere.

use std::path::Path;

use model::{Checkpoint, HarvestRun, RecordId, SourceId, StoredRecord};

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

/// Encodes a record, its credential without empty fields ([`CompactCredential`]).
/// `credential_json` is the credential already encoded that way (on the prepare thread);
/// when given, the record's own `credential` is ignored.
pub(crate) fn encode_record(
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

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, IndexerError> {
    serde_json::from_slice(bytes)
        .map_err(|err| IndexerError::Corrupt(format!("{what} does not decode: {err}")))
}

impl Store {
    /// Opens (or creates) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Store, IndexerError> {
        let db = sled::Config::new()
            .path(dir)
            .cache_capacity(256 * 1024 * 1024)
            .open()?;
        let tree = db.open_tree("clearinghouse")?;
        Ok(Store { db, tree })
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
        self.tree
            .get(record_key(id))?
            .map(|bytes| decode(&bytes, "record"))
            .transpose()
    }

    /// The superseded versions of a record, oldest first.
    pub fn history(&self, id: &RecordId) -> Result<Vec<StoredRecord>, IndexerError> {
        let prefix = key(HISTORY, &[id.as_str().as_bytes(), b""]);
        self.tree
            .scan_prefix(prefix)
            .values()
            .map(|value| decode(&value?, "history entry"))
            .collect()
    }

    /// Every current record (tombstones included) of one source, or of all.
    pub fn records(
        &self,
        source: Option<&SourceId>,
    ) -> impl Iterator<Item = Result<StoredRecord, IndexerError>> + '_ {
        let prefix = match source {
            Some(source) => key(RECORD, &[format!("{source}.").as_bytes()]),
            None => RECORD.to_vec(),
        };
        self.tree
            .scan_prefix(prefix)
            .values()
            .map(|value| decode(&value?, "record"))
    }

    /// Whether the store holds any record (tombstones included) of `source`.
    pub fn holds_records_of(&self, source: &SourceId) -> Result<bool, IndexerError> {
        let prefix = key(RECORD, &[format!("{source}.").as_bytes()]);
        Ok(self.tree.scan_prefix(prefix).next().transpose()?.is_some())
    }

    /// The last sequence number assigned (0 for an empty store).
    pub fn last_seq(&self) -> Result<u64, IndexerError> {
        Ok(self
            .tree
            .get(LAST_SEQ)?
            .map(|bytes| u64_from(&bytes))
            .unwrap_or(0))
    }

    /// Record ids changed after `seq`, in order of their latest change.
    pub fn changes_after(
        &self,
        seq: u64,
    ) -> impl Iterator<Item = Result<(u64, RecordId), IndexerError>> + '_ {
        let start = change_key(seq.saturating_add(1));
        let end = key(CHANGE, &[&u64::MAX.to_be_bytes()]);
        self.tree.range(start..=end).map(|entry| {
            let (key, value) = entry?;
            let seq = u64_from(&key[CHANGE.len()..]);
            let id = std::str::from_utf8(&value)
                .ok()
                .and_then(|text| RecordId::parse(text).ok())
                .ok_or_else(|| IndexerError::Corrupt(format!("change {seq} names no record id")))?;
            Ok((seq, id))
        })
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
        for record in self.records(None) {
            if record?.deleted {
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
        assert_eq!(encode_record(&record, Some(&json)), encoded);
        let decoded: StoredRecord = decode(&encoded, "record").unwrap();
        assert_eq!(decoded, record);
        // A record written before credentials were encoded compactly reads the same.
        let written_before = encode(&record);
        assert!(encoded.len() < written_before.len());
        let decoded: StoredRecord = decode(&written_before, "record").unwrap();
        assert_eq!(decoded, record);
        let tombstone = StoredRecord {
            deleted: true,
            credential: None,
            ..record
        };
        assert_eq!(encode_record(&tombstone, None), encode(&tombstone));
    }
}
