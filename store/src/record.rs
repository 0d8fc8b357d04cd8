//! How records are encoded in the store: a record's JSON (its credential without empty
//! fields, [`crate::compact`]), LZ4-compressed when long ([`pack`]), and the small binary
//! [`RecordState`] kept under a record's id.
//!
//! A record of [`PACK_MIN`] bytes or more is kept compressed: the byte `0x01` (which no
//! JSON text starts with), then the length of the JSON (u32 LE) and its LZ4 block.
//! Records written plain (by layout 2, or short) read back as they are.

use model::{PayloadHash, RecordId, StoredRecord};

use crate::StoreError;
use crate::compact::CompactCredential;
use crate::keys::u64_from;

/// Records of at least this many bytes of JSON are kept compressed ([`pack`]).
pub(crate) const PACK_MIN: usize = 256;

/// The first byte of a compressed record ([`pack`]).
pub(crate) const LZ4: u8 = 0x01;

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

/// A record's JSON as read from the store, from a value [`pack`] wrote (or a plain one):
/// it derefs to the JSON bytes.
pub struct RecordJson(Json);

enum Json {
    Plain(sled::IVec),
    Unpacked(Vec<u8>),
}

impl RecordJson {
    pub(crate) fn of(value: sled::IVec) -> Result<RecordJson, StoreError> {
        if value.first() != Some(&LZ4) {
            return Ok(RecordJson(Json::Plain(value)));
        }
        let corrupt = |why: &str| StoreError::Corrupt(format!("a compressed record {why}"));
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
        Ok(RecordJson(Json::Unpacked(json)))
    }
}

impl std::ops::Deref for RecordJson {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.0 {
            Json::Plain(value) => value,
            Json::Unpacked(json) => json,
        }
    }
}

/// Decodes a record value (plain or [`pack`]ed).
pub(crate) fn decode_record<T: serde::de::DeserializeOwned>(
    value: sled::IVec,
    what: &str,
) -> Result<T, StoreError> {
    decode(&RecordJson::of(value)?, what)
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
pub(crate) fn encode_record_json(
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
pub fn encode_credential(
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
pub struct RecordState {
    /// The sequence number of the record's latest change: its key in the change log.
    pub seq: u64,
    /// Whether the current version is a tombstone.
    pub deleted: bool,
    /// The payload hash of the current version.
    pub payload_hash: PayloadHash,
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

    pub(crate) fn decode(bytes: &[u8]) -> Result<RecordState, StoreError> {
        let corrupt = || StoreError::Corrupt("a record state does not decode".to_owned());
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
pub(crate) fn names(encoded: &[u8], id: &RecordId) -> bool {
    let rest = encoded.strip_prefix(br#"{"id":""#.as_slice());
    rest.and_then(|rest| rest.strip_prefix(id.as_str().as_bytes()))
        .is_some_and(|rest| rest.first() == Some(&b'"'))
}

pub(crate) fn missing_change(seq: u64) -> StoreError {
    StoreError::Corrupt(format!(
        "a record state names change {seq}, which is not stored"
    ))
}

pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    what: &str,
) -> Result<T, StoreError> {
    serde_json::from_slice(bytes)
        .map_err(|err| StoreError::Corrupt(format!("{what} does not decode: {err}")))
}

/// Live records and tombstones as the store keeps them under `m:counts`.
pub(crate) fn encode_counts(counts: crate::StoreCounts) -> [u8; 16] {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&counts.live.to_be_bytes());
    bytes[8..].copy_from_slice(&counts.tombstones.to_be_bytes());
    bytes
}
