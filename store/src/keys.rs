//! The one key table of the store: every key prefix, and how each key is built.
//!
//! Everything lives in one sled tree under these prefixes, so that one atomic batch can
//! write a page of records, their change-log entries, the source's checkpoint, the
//! decisions a change puts at risk and the audit entries that say so.
//!
//! | prefix | key                                     | value                                   |
//! |--------|-----------------------------------------|-----------------------------------------|
//! | `r:`   | record id                               | its [`crate::RecordState`] (binary)     |
//! | `s:`   | seq (u64 BE)                            | the record whose latest change this is: [`model::StoredRecord`] (JSON, packed) |
//! | `h:`   | record id, `0x00`, seq (u64 BE)         | a superseded version (JSON, packed)     |
//! | `k:`   | source id                               | [`model::Checkpoint`] (JSON)            |
//! | `n:`   | source id, `0x00`, start µs (i64 BE)    | [`model::HarvestRun`] (JSON)            |
//! | `d:`   | decision id, `0x00`, revision (u32 BE)  | [`crate::Decision`] (JSON)              |
//! | `x:`   | record id, `0x00`, decision id          | empty: the decisions about a record     |
//! | `i:`   | institution, `0x00`, idempotency key    | decision id                             |
//! | `a:`   | audit sequence (u64 BE)                 | [`crate::AuditEntry`] (JSON)            |
//! | `e:`   | record id                               | its [`crate::TextVector`] and model (binary) |
//! | `g:`   | language                                | [`crate::LanguageSum`] (binary)         |
//! | `l:`   | [`crate::Listing`], `0x00`, a place: datestamp (s, i64 BE, sign bit flipped), seq (u64 BE) | a chunk of the listing: up to 64 places from that one on, 16 bytes each (`listing.rs`) |
//! | `u:`   | [`crate::Listing`]                      | how many records it holds (u64 BE)      |
//! | `m:`   | `seq`                                   | last sequence number (u64 BE)           |
//! | `m:`   | `counts`                                | live records, tombstones (2 × u64 BE)   |
//! | `m:`   | `layout`                                | [`LAYOUT`] (u64 BE)                     |
//! | `m:`   | `audit`                                 | last audit sequence (u64 BE)            |
//! | `m:`   | `enriched`                              | [`crate::EnrichmentCursor`]: seq (u64 BE), model |
//! | `m:`   | `published`                             | how many decisions were ever published (u64 BE) |
//! | `m:`   | `applied`                               | how many batches were applied (u64 BE; `watermark.rs`) |
//!
//! "Packed": see [`crate::record::pack`].

use model::{HarvestRun, RecordId, SourceId};

pub(crate) const RECORD: &[u8] = b"r:";
pub(crate) const HISTORY: &[u8] = b"h:";
pub(crate) const CHANGE: &[u8] = b"s:";
pub(crate) const CHECKPOINT: &[u8] = b"k:";
pub(crate) const RUN: &[u8] = b"n:";
pub(crate) const DECISION: &[u8] = b"d:";
pub(crate) const BY_RECORD: &[u8] = b"x:";
pub(crate) const IDEMPOTENCY: &[u8] = b"i:";
pub(crate) const AUDIT: &[u8] = b"a:";
pub(crate) const VECTOR: &[u8] = b"e:";
pub(crate) const LANGUAGE_SUM: &[u8] = b"g:";
pub(crate) const LISTING: &[u8] = b"l:";
pub(crate) const LISTING_SIZE: &[u8] = b"u:";
pub(crate) const ENRICHED: &[u8] = b"m:enriched";
pub(crate) const PUBLISHED_DECISIONS: &[u8] = b"m:published";
/// Layout 5's count of every decision, private ones too; removed by the upgrade to 6.
pub(crate) const DECISION_COUNT_OF_LAYOUT_5: &[u8] = b"m:decisions";
pub(crate) const LAST_SEQ: &[u8] = b"m:seq";
pub(crate) const COUNTS: &[u8] = b"m:counts";
pub(crate) const LAYOUT_KEY: &[u8] = b"m:layout";
pub(crate) const LAST_AUDIT: &[u8] = b"m:audit";
pub(crate) const APPLIED: &[u8] = b"m:applied";

/// The layout of the store this code writes: 6 = records in the change log, compressed
/// when long ([`crate::record::pack`]), their states under their ids, what was assumed
/// of a record as typed data, the records listed by datestamp, source and country in
/// chunks with the sizes of the listings, and the count of decisions ever published. Earlier layouts
/// are moved to it when opened (`upgrade.rs`), so that a version that knows only an
/// earlier layout refuses a store it could misread.
pub(crate) const LAYOUT: u64 = 6;

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

pub(crate) fn record_prefix(source: Option<&SourceId>) -> Vec<u8> {
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

pub(crate) fn run_key(run: &HarvestRun) -> Vec<u8> {
    key(
        RUN,
        &[
            run.source_id.as_str().as_bytes(),
            &run.started_at.timestamp_micros().to_be_bytes(),
        ],
    )
}

pub(crate) fn decision_key(id: &str, revision: u32) -> Vec<u8> {
    key(DECISION, &[id.as_bytes(), &revision.to_be_bytes()])
}

pub(crate) fn by_record_key(record: &RecordId, decision_id: &str) -> Vec<u8> {
    key(
        BY_RECORD,
        &[record.as_str().as_bytes(), decision_id.as_bytes()],
    )
}

pub(crate) fn idempotency_key(institution: &str, client_key: &str) -> Vec<u8> {
    key(
        IDEMPOTENCY,
        &[institution.as_bytes(), client_key.as_bytes()],
    )
}

/// The key of the audit entry numbered `seq`.
pub(crate) fn audit_key(seq: u64) -> Vec<u8> {
    key(AUDIT, &[&seq.to_be_bytes()])
}

pub(crate) fn u64_from(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = bytes.len().min(8);
    buf[..n].copy_from_slice(&bytes[..n]);
    u64::from_be_bytes(buf)
}
