//! Harvest run reports: what a run saw, changed and failed, told honestly.

use std::ops::AddAssign;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{RunId, SourceId};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    /// Still going (or killed; a resumed run finishes it).
    Running,
    /// Every page fetched and every record stored.
    Succeeded,
    /// The run finished but some records or pages failed, or a shrink was held for review.
    Partial,
    /// The source could not be harvested.
    Failed,
}

impl RunOutcome {
    /// Its name in snake case (`running`, `succeeded`, `partial`, `failed`).
    pub fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Running => "running",
            RunOutcome::Succeeded => "succeeded",
            RunOutcome::Partial => "partial",
            RunOutcome::Failed => "failed",
        }
    }
}

/// Record counts of a run or a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunCounts {
    /// Records received (including deletions and failures).
    pub seen: u64,
    /// New records stored.
    pub added: u64,
    /// Records whose payload changed.
    pub updated: u64,
    /// Records already current (same payload hash).
    pub unchanged: u64,
    /// Records deleted upstream (tombstoned here).
    pub deleted: u64,
    /// Records that could not be read, and were skipped.
    pub failed: u64,
}

/// What became of one record a harvest handed on: the one rule by which run counts are
/// kept ([`RunCounts::tally`]), by the store's writer and by test doubles alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOutcome {
    /// Received and stored for the first time (or again after a deletion).
    Added,
    /// Received with a changed payload, and stored.
    Updated,
    /// Received as it was already stored.
    Unchanged,
    /// Received as deleted upstream, but not held (deleted already, or never known):
    /// nothing to do.
    AlreadyGone,
    /// Received as deleted upstream, and tombstoned.
    Deleted,
    /// Not received: it vanished from a complete listing, and was tombstoned.
    Vanished,
    /// Received but unreadable, and skipped.
    Failed,
}

impl RunCounts {
    /// Counts one record: received (except a vanished one), and what became of it.
    pub fn tally(&mut self, outcome: RecordOutcome) {
        if outcome != RecordOutcome::Vanished {
            self.seen += 1;
        }
        match outcome {
            RecordOutcome::Added => self.added += 1,
            RecordOutcome::Updated => self.updated += 1,
            RecordOutcome::Unchanged => self.unchanged += 1,
            RecordOutcome::Deleted | RecordOutcome::Vanished => self.deleted += 1,
            RecordOutcome::Failed => self.failed += 1,
            RecordOutcome::AlreadyGone => {}
        }
    }
}

impl AddAssign for RunCounts {
    fn add_assign(&mut self, other: RunCounts) {
        self.seen += other.seen;
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.deleted += other.deleted;
        self.failed += other.failed;
    }
}

/// One record that failed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    /// Its upstream identifier, where known.
    pub upstream_id: Option<String>,
    /// What was wrong, in words an institution can act on.
    pub reason: String,
}

/// A harvest run, as stored and reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HarvestRun {
    /// The run.
    pub run_id: RunId,
    /// The source.
    pub source_id: SourceId,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended (`None` while running).
    pub finished_at: Option<DateTime<Utc>>,
    /// How it ended.
    pub outcome: RunOutcome,
    /// Whether it asked for changes since a date (`from=`), or everything.
    pub incremental_from: Option<String>,
    /// Pages fetched.
    pub pages: u64,
    /// Record counts.
    pub counts: RunCounts,
    /// What the source advertised as the list size, to compare with `counts.seen`.
    pub complete_list_size: Option<u64>,
    /// The first errors (at most [`HarvestRun::MAX_ERRORS`]), with upstream identifiers.
    pub errors: Vec<RecordError>,
    /// Why the run failed or was partial, for the source as a whole: the technical
    /// detail (the error chain, the status and body, the OAI-PMH code and message).
    pub message: Option<String>,
    /// What kind of failure stopped the run, for the publisher
    /// ([`FailureKind::cause`], [`FailureKind::next_step`]); `None` when it did not fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<FailureKind>,
    /// Why deletions were held for review (a whole-document feed that shrank too much),
    /// when they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_for_review: Option<String>,
}

/// Why a harvest failed, classified so that a publisher reads the cause in one line and
/// what to do next ([`FailureKind::cause`], [`FailureKind::next_step`]; the pages say the
/// same in the reader's language), before the technical detail
/// ([`HarvestRun::message`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The host name of the feed's URL does not resolve.
    HostNotFound,
    /// Nothing accepts connections at the feed's address and port.
    ConnectionRefused,
    /// A TLS connection could not be set up (certificate, protocol).
    Tls,
    /// The connection failed or broke off otherwise.
    NetworkError,
    /// The server did not answer within the request time limit.
    Timeout,
    /// HTTP 404 or 410.
    HttpNotFound,
    /// HTTP 401 or 403.
    HttpDenied,
    /// Another HTTP 4xx.
    HttpClientError,
    /// HTTP 5xx on every attempt.
    HttpServerError,
    /// The answer is not an OAI-PMH response.
    NotOaiPmh,
    /// The OAI-PMH endpoint answered an error code.
    OaiError,
    /// The document is over a size or reading limit.
    TooLarge,
    /// The document is not well-formed XML.
    MalformedXml,
    /// The document is not valid JSON.
    MalformedJson,
    /// The document is well-formed but not of the configured format.
    WrongFormat,
    /// The document is empty.
    EmptyFeed,
    /// The address is private and the source may not connect there.
    PrivateAddress,
    /// The feed file cannot be read.
    FileUnreadable,
    /// The feed file is outside the directories the clearinghouse may read.
    FileOutsideRoots,
    /// The feed paged without end (a run's cap, or the same resumption token twice).
    EndlessPaging,
    /// The whole harvest took longer than a run may.
    HarvestTimeout,
    /// The clearinghouse itself could not store or fetch (its disk, its store): not the
    /// publisher's problem.
    Internal,
}

impl FailureKind {
    /// Every kind, in the order above.
    pub const ALL: [FailureKind; 22] = [
        FailureKind::HostNotFound,
        FailureKind::ConnectionRefused,
        FailureKind::Tls,
        FailureKind::NetworkError,
        FailureKind::Timeout,
        FailureKind::HttpNotFound,
        FailureKind::HttpDenied,
        FailureKind::HttpClientError,
        FailureKind::HttpServerError,
        FailureKind::NotOaiPmh,
        FailureKind::OaiError,
        FailureKind::TooLarge,
        FailureKind::MalformedXml,
        FailureKind::MalformedJson,
        FailureKind::WrongFormat,
        FailureKind::EmptyFeed,
        FailureKind::PrivateAddress,
        FailureKind::FileUnreadable,
        FailureKind::FileOutsideRoots,
        FailureKind::EndlessPaging,
        FailureKind::HarvestTimeout,
        FailureKind::Internal,
    ];

    /// Its name in the API (`host_not_found`) and, with `-` for `_`, in message keys.
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::HostNotFound => "host_not_found",
            FailureKind::ConnectionRefused => "connection_refused",
            FailureKind::Tls => "tls",
            FailureKind::NetworkError => "network_error",
            FailureKind::Timeout => "timeout",
            FailureKind::HttpNotFound => "http_not_found",
            FailureKind::HttpDenied => "http_denied",
            FailureKind::HttpClientError => "http_client_error",
            FailureKind::HttpServerError => "http_server_error",
            FailureKind::NotOaiPmh => "not_oai_pmh",
            FailureKind::OaiError => "oai_error",
            FailureKind::TooLarge => "too_large",
            FailureKind::MalformedXml => "malformed_xml",
            FailureKind::MalformedJson => "malformed_json",
            FailureKind::WrongFormat => "wrong_format",
            FailureKind::EmptyFeed => "empty_feed",
            FailureKind::PrivateAddress => "private_address",
            FailureKind::FileUnreadable => "file_unreadable",
            FailureKind::FileOutsideRoots => "file_outside_roots",
            FailureKind::EndlessPaging => "endless_paging",
            FailureKind::HarvestTimeout => "harvest_timeout",
            FailureKind::Internal => "internal",
        }
    }

    /// The kind of an HTTP error status.
    pub fn of_status(status: u16) -> FailureKind {
        match status {
            404 | 410 => FailureKind::HttpNotFound,
            401 | 403 => FailureKind::HttpDenied,
            400..=499 => FailureKind::HttpClientError,
            _ => FailureKind::HttpServerError,
        }
    }

    /// The cause, in one line a publisher understands.
    pub fn cause(self) -> &'static str {
        match self {
            FailureKind::HostNotFound => "The host name of the feed's address does not resolve.",
            FailureKind::ConnectionRefused => {
                "The feed's server refused the connection: nothing answers at that address and port."
            }
            FailureKind::Tls => "A secure (TLS) connection to the feed's server could not be made.",
            FailureKind::NetworkError => "The connection to the feed's server failed or broke off.",
            FailureKind::Timeout => "The feed's server did not answer in time.",
            FailureKind::HttpNotFound => "The feed's address answered “not found” (HTTP 404).",
            FailureKind::HttpDenied => "The feed's server refused access (HTTP 401 or 403).",
            FailureKind::HttpClientError => {
                "The feed's server refused the request (an HTTP 4xx status)."
            }
            FailureKind::HttpServerError => {
                "The feed's server failed (an HTTP 5xx status) on every attempt."
            }
            FailureKind::NotOaiPmh => "The address does not answer as an OAI-PMH endpoint.",
            FailureKind::OaiError => "The OAI-PMH endpoint answered with an error.",
            FailureKind::TooLarge => {
                "The feed is larger than the clearinghouse reads in one document."
            }
            FailureKind::MalformedXml => "The feed is not well-formed XML.",
            FailureKind::MalformedJson => "The feed is not valid JSON.",
            FailureKind::WrongFormat => "The feed is not in the format registered for it.",
            FailureKind::EmptyFeed => "The feed is empty.",
            FailureKind::PrivateAddress => {
                "The feed's address is on a private network the clearinghouse may not connect to."
            }
            FailureKind::FileUnreadable => "The feed file cannot be read.",
            FailureKind::FileOutsideRoots => {
                "The feed file is outside the directories the clearinghouse may read."
            }
            FailureKind::EndlessPaging => {
                "The feed kept sending pages beyond what one harvest reads."
            }
            FailureKind::HarvestTimeout => "The harvest took longer than one harvest may take.",
            FailureKind::Internal => {
                "The clearinghouse could not store or read the feed: its own problem, not the feed's."
            }
        }
    }

    /// What the publisher can do next.
    pub fn next_step(self) -> &'static str {
        match self {
            FailureKind::HostNotFound => {
                "Check the URL registered for your feed: the host name may be misspelt, or its DNS record missing."
            }
            FailureKind::ConnectionRefused => {
                "Check that your server is running and that the port in the URL is right."
            }
            FailureKind::Tls => {
                "Check the server's certificate (valid, not expired, for this host name, with its whole chain)."
            }
            FailureKind::NetworkError | FailureKind::HttpServerError => {
                "Check your server and its error log; the next scheduled harvest tries again."
            }
            FailureKind::Timeout => {
                "Check that your server answers promptly; a very large page may need to be split into smaller ones."
            }
            FailureKind::HttpNotFound | FailureKind::HttpClientError => {
                "Check the URL registered for your feed: its path or parameters may have changed."
            }
            FailureKind::HttpDenied => {
                "Let the clearinghouse read your feed without signing in, or tell the operator what access it needs."
            }
            FailureKind::NotOaiPmh => {
                "Check that the URL is your OAI-PMH base URL (the address that answers ?verb=Identify)."
            }
            FailureKind::OaiError => {
                "Read the error code below: e.g. cannotDisseminateFormat means your endpoint does not offer the metadata format registered for your feed."
            }
            FailureKind::TooLarge => {
                "Publish the feed in pages (OAI-PMH with resumption tokens), or ask the operator to raise the limit."
            }
            FailureKind::MalformedXml | FailureKind::MalformedJson => {
                "Check the document with a validator: the detail below says where the error is."
            }
            FailureKind::WrongFormat => {
                "Check that the format registered for your feed is the one your document uses."
            }
            FailureKind::EmptyFeed => {
                "Check your export: an empty feed is not applied, so the records published before stay."
            }
            FailureKind::PrivateAddress => {
                "Publish the feed at a public address, or ask the operator to allow this source's private address."
            }
            FailureKind::FileUnreadable => {
                "Check the path of the feed file and that it can be read."
            }
            FailureKind::FileOutsideRoots => {
                "Ask the operator to move the file, or to allow its directory."
            }
            FailureKind::EndlessPaging => {
                "Check your endpoint's paging: each resumption token must lead to the next page, and the last page must have none."
            }
            FailureKind::HarvestTimeout => {
                "Make the pages faster to serve; the next harvest resumes where this one stopped."
            }
            FailureKind::Internal => "Nothing to do on your side: the operator sees it in the log.",
        }
    }
}

impl HarvestRun {
    /// How many record errors a run keeps.
    pub const MAX_ERRORS: usize = 50;

    /// Adds an error, keeping at most [`HarvestRun::MAX_ERRORS`].
    pub fn push_error(&mut self, error: RecordError) {
        if self.errors.len() < Self::MAX_ERRORS {
            self.errors.push(error);
        }
    }
}
