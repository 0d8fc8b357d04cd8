//! The hand-off from harvester to indexer, and what the indexer keeps of it.
//!
//! A harvest produces [`HarvestPage`]s in order. Each page carries the [`Checkpoint`] that
//! holds once the page is stored: the indexer writes both in one sled batch, so after a
//! crash a harvest resumes exactly after the last page that was stored.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Credential, RecordId, RunCounts, RunId, SourceId};

/// The metadata formats the indexer can read. The names are the `format` values of the
/// configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Simple Dublin Core, as every OAI-PMH endpoint serves it.
    #[serde(rename = "oai_dc")]
    OaiDc,
    /// The clearinghouse's own JSON (or JSON Lines) of canonical records.
    #[serde(rename = "clearinghouse-json")]
    ClearinghouseJson,
    /// European Learning Model v3 (JSON-LD) and its QDR LOQ XML upload format.
    #[serde(rename = "elm")]
    Elm,
    /// Erasmus Without Paper Courses API responses.
    #[serde(rename = "ewp")]
    Ewp,
    /// Open Badges 2.0 and 3.0.
    #[serde(rename = "open-badges")]
    OpenBadges,
    /// Credential Engine CTDL JSON-LD.
    #[serde(rename = "ctdl")]
    Ctdl,
    /// XCRI-CAP 1.2 course catalogues.
    #[serde(rename = "xcri-cap")]
    XcriCap,
    /// ELMO/EMREX learning-opportunity trees.
    #[serde(rename = "elmo")]
    Elmo,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 8] = [
        Format::OaiDc,
        Format::ClearinghouseJson,
        Format::Elm,
        Format::Ewp,
        Format::OpenBadges,
        Format::Ctdl,
        Format::XcriCap,
        Format::Elmo,
    ];

    /// The configuration name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::OaiDc => "oai_dc",
            Format::ClearinghouseJson => "clearinghouse-json",
            Format::Elm => "elm",
            Format::Ewp => "ewp",
            Format::OpenBadges => "open-badges",
            Format::Ctdl => "ctdl",
            Format::XcriCap => "xcri-cap",
            Format::Elmo => "elmo",
        }
    }

    /// Parses a configuration name.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str() == name)
    }

    /// The allowed names, comma separated, for error messages.
    pub fn names() -> String {
        Format::ALL.map(Format::as_str).join(", ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The blake3 hash of a payload, hex encoded: how unchanged records are recognised.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PayloadHash(pub String);

impl PayloadHash {
    /// Hashes `payload`.
    pub fn of(payload: &[u8]) -> PayloadHash {
        PayloadHash(blake3::hash(payload).to_hex().to_string())
    }
}

/// One record as the harvester received it, before anything is parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// The source it came from.
    pub source_id: SourceId,
    /// The identifier the source gave it (the OAI identifier, a file path or URL for a
    /// whole-document feed).
    pub upstream_id: String,
    /// The datestamp the source reported, verbatim (day or seconds granularity).
    pub datestamp: Option<String>,
    /// Whether the source reported the record as deleted (it then has no payload).
    pub deleted: bool,
    /// OAI-PMH set memberships.
    pub sets: Vec<String>,
    /// Which parser reads the payload.
    pub format: Format,
    /// The metadata as received (the inner XML of `<metadata>`, or a whole document).
    pub payload: Vec<u8>,
}

/// What a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Individual records (an OAI-PMH page).
    Records,
    /// One whole document that the indexer splits into records; it is the complete
    /// feed, so records of the source that are not in it have vanished upstream.
    FullDocument,
}

/// A page of records and the checkpoint that holds once it is stored.
#[derive(Debug, Clone)]
pub struct HarvestPage {
    /// The source harvested.
    pub source_id: SourceId,
    /// The run the page belongs to.
    pub run_id: RunId,
    /// When the page was received.
    pub received_at: DateTime<Utc>,
    /// What the records are.
    pub kind: PageKind,
    /// The records, in the order received.
    pub records: Vec<RawRecord>,
    /// Records the harvester could not even separate from the envelope (a broken
    /// `<record>`), reported as failures of the page.
    pub envelope_errors: Vec<crate::RecordError>,
    /// The source's harvest state once this page is stored.
    pub checkpoint: Checkpoint,
}

/// A source's harvest state, persisted with the pages it covers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Checkpoint {
    /// The harvest in progress, if the last one has not finished.
    pub resume: Option<ResumePoint>,
    /// The highest datestamp the source reported in the last completed harvest, verbatim:
    /// the next incremental harvest asks `from=` it (less an overlap).
    pub last_datestamp: Option<String>,
    /// The `ETag` of the last full document fetched (conditional GET).
    pub etag: Option<String>,
    /// The `Last-Modified` of the last full document fetched (conditional GET).
    pub last_modified: Option<String>,
}

/// Where an unfinished harvest picks up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumePoint {
    /// The run that was interrupted (a resumed run keeps its id).
    pub run_id: RunId,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The `from=` it asked with, verbatim, if incremental.
    pub from: Option<String>,
    /// The token that asks for the next page.
    pub resumption_token: String,
    /// Pages stored so far.
    pub pages: u64,
    /// The highest datestamp seen so far in this run.
    pub max_datestamp: Option<String>,
    /// What the source advertised as `completeListSize`.
    pub complete_list_size: Option<u64>,
    /// Counts of the pages stored so far (the indexer adds each page's counts).
    pub counts: RunCounts,
}

impl ResumePoint {
    /// Adds a stored page's counts to the run's: to the counts stored with the run's last
    /// page when `stored` is that checkpoint's resume point (the harvester's own may lag,
    /// when it hands on pages without waiting for each), else to its own.
    pub fn count_page(&mut self, stored: Option<&ResumePoint>, page: crate::RunCounts) {
        if let Some(stored) = stored.filter(|stored| stored.run_id == self.run_id) {
            self.counts = stored.counts;
        }
        self.counts += page;
    }
}

/// Where a stored record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The configured source.
    pub source_id: SourceId,
    /// The harvest run that last changed the record.
    pub run_id: RunId,
    /// The identifier upstream.
    pub upstream_id: String,
    /// The datestamp upstream, verbatim.
    pub datestamp: Option<String>,
    /// When it was harvested.
    pub harvested_at: DateTime<Utc>,
    /// The hash of the raw payload.
    pub payload_hash: PayloadHash,
    /// The format it was read from.
    pub format: Format,
    /// Earlier hops, when the record came through another clearinghouse (oldest first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
}

/// A record as the store keeps it: the source of truth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRecord {
    /// The clearinghouse's id.
    pub id: RecordId,
    /// The store's change sequence number of this version.
    pub seq: u64,
    /// Version number, 1 for the first.
    pub version: u32,
    /// Whether upstream deleted it (a tombstone keeps provenance, not the credential).
    pub deleted: bool,
    /// The canonical record; `None` for a tombstone.
    pub credential: Option<Credential>,
    /// Where this version came from.
    pub provenance: Provenance,
    /// When the record was first stored.
    pub first_seen: DateTime<Utc>,
    /// When this version was stored.
    pub updated_at: DateTime<Utc>,
}
