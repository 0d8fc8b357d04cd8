//! The harvester: pulls metadata feeds and hands them on, page by page, as raw records.
//!
//! A [`Harvester`] holds the one shared HTTP client of the clearinghouse and runs one
//! harvest of one source at a time per call to [`Harvester::run`]. Each protocol has its
//! module: OAI-PMH (`oai_pmh`: `ListRecords`, resumption tokens, incremental `from=`),
//! whole documents over HTTP or from a file (`document`), and Erasmus Without Paper
//! (`ewp`). What they fetch goes to a [`PageSink`], which the server implements over
//! the indexer: every page is stored together with the [`model::Checkpoint`] that holds
//! once it is stored, so an interrupted harvest resumes after the last stored page.
//!
//! **Architecture Invariant:** the harvester knows nothing of sled, tantivy or actix,
//! and never parses a payload: it separates records from their envelope and leaves the
//! metadata to the indexer.
//!
//! ```no_run
//! # async fn example(config: config::Config) -> Result<(), harvester::HarvestError> {
//! use harvester::{Harvester, PageReport, PageSink, RunOptions, SinkError};
//!
//! struct Printer;
//!
//! impl PageSink for Printer {
//!     async fn store_page(&mut self, page: model::HarvestPage) -> Result<PageReport, SinkError> {
//!         println!("{} records", page.records.len());
//!         Ok(PageReport::default())
//!     }
//! }
//!
//! let harvester = Harvester::new(&config.harvest)?;
//! let run = harvester
//!     .run(&config.sources[0], model::Checkpoint::default(), RunOptions::default(), &mut Printer)
//!     .await;
//! println!("{:?}: {:?}", run.outcome, run.message);
//! # Ok(())
//! # }
//! ```
//!
//! # Checkpoints, for whoever implements [`PageSink`]
//!
//! - Store each page's records and `page.checkpoint` atomically, and hand the stored
//!   checkpoint to the next [`Harvester::run`] of that source.
//! - While a run is in progress, `checkpoint.resume` holds its [`model::ResumePoint`];
//!   its `counts` are the run's counts *before* the page: add the page's own counts (those
//!   of the [`PageReport`]) before storing it, so that a resumed run carries the right
//!   totals. On the last page `resume` is `None` and `last_datestamp` is the run's.
//! - Count every record of the page in the report, and the page's `envelope_errors` as
//!   seen and failed, with [`model::RunCounts::tally`] (the one rule of run counts), and
//!   list them in [`PageReport::errors`]: the run's counts and errors are the reports'
//!   sums, nothing else.
//! - A [`model::PageKind::FullDocument`] page is the whole feed; an unchanged HTTP feed
//!   (304) comes as an empty [`model::PageKind::Records`] page that only carries the
//!   checkpoint.
//! - EWP runs ask [`PageSink::known_upstream_ids`] for the live records of the source to
//!   detect deletions; the default answer (an error) makes such runs partial.

mod address;
mod clock;
mod document;
mod ewp;
mod http;
mod oai_pmh;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
mod xml;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use config::{Fetch, HarvestConfig};
use model::{
    HarvestPage, HarvestRun, RecordError, ResumePoint, RunCounts, RunId, RunOutcome, SourceId,
};

pub use address::is_public_address;
pub use clock::{Clock, SystemClock};
pub use oai_pmh::{Granularity, OaiErrorCode};

/// Where harvested pages go; the server implements it over the indexer (one sled batch
/// per page).
pub trait PageSink: Send {
    /// Stores `page` and its checkpoint atomically and says what changed.
    fn store_page(
        &mut self,
        page: HarvestPage,
    ) -> impl Future<Output = Result<PageReport, SinkError>> + Send;

    /// Hands `page` on and returns once the sink has taken it, with its report to come,
    /// so that a sink can store one page while it parses the next (OAI-PMH harvests
    /// keep up to [`PAGES_IN_FLIGHT`] pages handed on). A sink that does so must store
    /// pages in the order submitted, store none after one that failed, and take a page's
    /// `checkpoint.resume.counts` from the checkpoint it stored last for the same run
    /// where there is one (the harvester's counts lag behind the reports not yet in).
    /// The default stores the page before returning.
    fn submit_page(
        &mut self,
        page: HarvestPage,
    ) -> impl Future<Output = Result<PendingReport, SinkError>> + Send {
        async move { Ok(PendingReport::Ready(self.store_page(page).await)) }
    }

    /// How many records the sink holds of the source (deleted ones included), for the
    /// cap on growth per run (`harvest.max_growth_factor`). The default does not know,
    /// and then no such cap applies.
    fn records_held(&mut self) -> impl Future<Output = Result<Option<u64>, SinkError>> + Send {
        std::future::ready(Ok(None))
    }

    /// The upstream ids of the source's live (not deleted) records, for protocols that
    /// detect deletions by diffing an id list (EWP). The default says it cannot, and
    /// such runs then report that deletions were not checked.
    fn known_upstream_ids(
        &mut self,
    ) -> impl Future<Output = Result<Vec<String>, SinkError>> + Send {
        std::future::ready(Err(SinkError::new(
            "this store does not list the records it holds",
        )))
    }
}

/// Pages an OAI-PMH harvest hands to [`PageSink::submit_page`] before it waits for the
/// report of the first of them: one being stored, one being prepared.
pub const PAGES_IN_FLIGHT: usize = 2;

/// The report of a page handed to [`PageSink::submit_page`].
pub enum PendingReport {
    /// The page is stored (or failed) already.
    Ready(Result<PageReport, SinkError>),
    /// The report comes when the page is stored.
    Pending(std::pin::Pin<Box<dyn Future<Output = Result<PageReport, SinkError>> + Send>>),
}

impl std::fmt::Debug for PendingReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PendingReport::Ready(report) => f.debug_tuple("Ready").field(report).finish(),
            PendingReport::Pending(_) => f.write_str("Pending"),
        }
    }
}

impl PendingReport {
    /// A report that comes when `future` finishes.
    pub fn pending(
        future: impl Future<Output = Result<PageReport, SinkError>> + Send + 'static,
    ) -> PendingReport {
        PendingReport::Pending(Box::pin(future))
    }

    /// Waits for the report.
    pub async fn report(self) -> Result<PageReport, SinkError> {
        match self {
            PendingReport::Ready(report) => report,
            PendingReport::Pending(future) => future.await,
        }
    }
}

/// What storing one page changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageReport {
    /// The page's counts, envelope errors included (as seen and failed).
    pub counts: RunCounts,
    /// The page's records that could not be read or stored, and its envelope errors.
    pub errors: Vec<RecordError>,
    /// Why the deletions it implied were held for review, when they were.
    pub held_for_review: Option<String>,
}

/// Why the sink could not store a page: its own problem (`kind` `None`, an internal
/// failure), or the page's (a whole-document feed that cannot be read: `kind` says how).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SinkError {
    /// What went wrong.
    pub message: String,
    /// What was wrong with the page, when it was the page.
    pub kind: Option<model::FailureKind>,
}

impl SinkError {
    /// An error of the sink itself with this message.
    pub fn new(message: impl Into<String>) -> SinkError {
        SinkError {
            message: message.into(),
            kind: None,
        }
    }

    /// An error of the page, of `kind`.
    pub fn of_page(message: impl Into<String>, kind: model::FailureKind) -> SinkError {
        SinkError {
            message: message.into(),
            kind: Some(kind),
        }
    }
}

/// How to run one harvest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// Harvest everything: ignore the last datestamp (no `from=`, no `modified_since`),
    /// the `ETag`/`Last-Modified` of the last fetch, and an unfinished run's resume point.
    pub full: bool,
}

/// Why a harvest (or the harvester) failed. Most variants are problems of the source;
/// [`HarvestError::ClientBuild`] and [`HarvestError::Sink`] are our own.
#[derive(Debug, thiserror::Error)]
pub enum HarvestError {
    /// The shared HTTP client could not be built (TLS setup): an internal problem.
    #[error("cannot build the http client: {message}")]
    ClientBuild {
        /// What went wrong.
        message: String,
    },
    /// The source could not be reached, or the connection broke, on every attempt.
    #[error("cannot reach {url}: {message} (tried {attempts} times)")]
    Connection {
        /// The URL asked.
        url: String,
        /// The transport error.
        message: String,
        /// Attempts made.
        attempts: u32,
        /// What failed: the name, the connection, TLS or the network otherwise.
        kind: model::FailureKind,
    },
    /// The source did not answer within `request_timeout_secs`, on every attempt.
    #[error(
        "{url} did not answer within {timeout_secs} s (harvest.request_timeout_secs; tried {attempts} times)"
    )]
    Timeout {
        /// The URL asked.
        url: String,
        /// The per-request timeout.
        timeout_secs: u64,
        /// Attempts made.
        attempts: u32,
    },
    /// The source answered with an HTTP error status (5xx after every retry).
    #[error("{url} answered http {status}{}", detail_suffix(.detail))]
    Status {
        /// The URL asked.
        url: String,
        /// The status code.
        status: u16,
        /// The start of the body, or the partner's own error message.
        detail: Option<String>,
    },
    /// The response or file is larger than `max_response_bytes`.
    #[error(
        "{location} is larger than the limit of {limit_bytes} bytes{} (harvest.max_response_bytes); raise the limit if the feed really is this big",
        declared_suffix(.declared_bytes)
    )]
    TooLarge {
        /// The URL or path.
        location: String,
        /// The limit.
        limit_bytes: u64,
        /// The size the server declared (`Content-Length`) or the file has, if known
        /// before reading; `None` when a streamed body was cut at the limit.
        declared_bytes: Option<u64>,
    },
    /// A response is not a well-formed document of the expected kind, on every attempt.
    #[error("response from {url} is unusable: {reason}")]
    Malformed {
        /// The URL asked (or the path read).
        url: String,
        /// What is wrong with it.
        reason: String,
        /// Not well-formed XML, not OAI-PMH, empty, ...
        kind: model::FailureKind,
    },
    /// The OAI-PMH endpoint answered with an error code (other than `noRecordsMatch`,
    /// which is an empty result).
    #[error("the oai-pmh endpoint answered {code}{}: {}", detail_suffix(&Some(.message.clone()).filter(|m| !m.is_empty())), .code.advice())]
    Oai {
        /// The code.
        code: OaiErrorCode,
        /// The endpoint's explanation, if any.
        message: String,
    },
    /// The endpoint sent the same resumption token twice in a row.
    #[error("the endpoint sent resumption token {token:?} twice in a row; stopped to avoid a loop")]
    RepeatedToken {
        /// The token.
        token: String,
    },
    /// A local feed file could not be read.
    #[error("cannot read {}: {source}", .path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The sink could not store a page: an internal problem. The pages before it are
    /// stored, and the next run resumes after them.
    #[error("cannot store a page: {0}")]
    Sink(#[from] SinkError),
    /// The URL's host is, or resolves only to, a private, loopback, link-local or other
    /// non-public address (or a redirect led there), and the operator did not allow it.
    #[error(
        "refused to connect to {url}: {reason}; set `allow_private_address = true` on the source (or `harvest.allow_private_addresses = true`) if this feed really is on your own network"
    )]
    PrivateAddress {
        /// The URL asked.
        url: String,
        /// Which host and addresses were refused.
        reason: String,
    },
    /// A `file` source lies outside every directory of `harvest.file_roots` (after
    /// following symbolic links).
    #[error(
        "refused to read {}: it is outside the allowed directories (harvest.file_roots: {roots}); move the feed there or add its directory to harvest.file_roots",
        .path.display()
    )]
    FileOutsideRoots {
        /// The path, with symbolic links followed.
        path: PathBuf,
        /// The allowed directories, for the message.
        roots: String,
    },
    /// The run stored as many pages or records as one run may.
    #[error(
        "the harvest stopped after {limit} {what} ({key}): the feed may be paging without end, or grew far beyond what is expected; what was stored is kept, and the next run resumes where this one stopped"
    )]
    RunCapReached {
        /// `pages` or `records`.
        what: &'static str,
        /// The cap.
        limit: u64,
        /// The configuration key that sets it.
        key: String,
    },
    /// The whole harvest took longer than `harvest_timeout_secs`.
    #[error(
        "the harvest took longer than {limit_secs} s (harvest.harvest_timeout_secs) and was stopped"
    )]
    HarvestTimeout {
        /// The limit.
        limit_secs: u64,
    },
}

impl HarvestError {
    /// The kind of failure, for the publisher ([`model::FailureKind`]): the one
    /// classification of harvest failures.
    pub fn kind(&self) -> model::FailureKind {
        use model::FailureKind as Kind;
        match self {
            HarvestError::ClientBuild { .. } => Kind::Internal,
            HarvestError::Connection { kind, .. } => *kind,
            HarvestError::Timeout { .. } => Kind::Timeout,
            HarvestError::Status { status, .. } => Kind::of_status(*status),
            HarvestError::TooLarge { .. } => Kind::TooLarge,
            HarvestError::Malformed { kind, .. } => *kind,
            HarvestError::Oai { .. } => Kind::OaiError,
            HarvestError::RepeatedToken { .. } | HarvestError::RunCapReached { .. } => {
                Kind::EndlessPaging
            }
            HarvestError::File { .. } => Kind::FileUnreadable,
            HarvestError::Sink(err) => err.kind.unwrap_or(Kind::Internal),
            HarvestError::PrivateAddress { .. } => Kind::PrivateAddress,
            HarvestError::FileOutsideRoots { .. } => Kind::FileOutsideRoots,
            HarvestError::HarvestTimeout { .. } => Kind::HarvestTimeout,
        }
    }
}

fn detail_suffix(detail: &Option<String>) -> String {
    detail
        .as_deref()
        .map(|detail| format!(": {detail}"))
        .unwrap_or_default()
}

fn declared_suffix(declared_bytes: &Option<u64>) -> String {
    declared_bytes
        .map(|bytes| format!(" (it has {bytes} bytes)"))
        .unwrap_or_default()
}

/// Harvests sources. Holds the one shared HTTP client (build one per process), the
/// harvest settings and the clock.
pub struct Harvester {
    http: http::HttpClient,
    clock: Arc<dyn Clock>,
    harvest_timeout_secs: u64,
    max_shrink_fraction: f64,
    /// Pages and records one run may store (`harvest.max_pages_per_run`,
    /// `harvest.max_records_per_run`), unless the source sets its own.
    max_pages_per_run: u64,
    max_records_per_run: u64,
    /// How many times the records a source holds one run may store
    /// (`harvest.max_growth_factor`), unless the source sets its own.
    max_growth_factor: f64,
    /// The directories `file` sources must lie in (`harvest.file_roots`).
    file_roots: Vec<PathBuf>,
}

impl std::fmt::Debug for Harvester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harvester")
            .field("http", &self.http)
            .field("harvest_timeout_secs", &self.harvest_timeout_secs)
            .finish_non_exhaustive()
    }
}

impl Harvester {
    /// POSTs a JSON notice to `url` once, with `headers`, through the same client and
    /// address rules as harvests (`harvest.allow_private_addresses`); the HTTP status
    /// answered. Retrying is the caller's.
    pub async fn deliver(
        &self,
        url: &url::Url,
        body: Vec<u8>,
        headers: &[(&str, String)],
    ) -> Result<u16, HarvestError> {
        http::Session::new(&self.http, self.clock.as_ref())
            .post_json(url, body, headers)
            .await
    }

    /// A harvester with the system clock.
    pub fn new(config: &HarvestConfig) -> Result<Harvester, HarvestError> {
        Ok(Harvester {
            http: http::HttpClient::new(config)?,
            clock: Arc::new(SystemClock),
            harvest_timeout_secs: config.harvest_timeout_secs,
            max_shrink_fraction: config.max_shrink_fraction,
            max_pages_per_run: config.max_pages_per_run,
            max_records_per_run: config.max_records_per_run,
            max_growth_factor: config.max_growth_factor,
            file_roots: config.file_roots.clone(),
        })
    }

    /// A harvester whose client resolves `resolved_hosts` to fixed addresses without the
    /// address check, for tests that need a "public" host on loopback.
    #[cfg(test)]
    pub(crate) fn with_resolved_hosts(
        config: &HarvestConfig,
        resolved_hosts: &[(&str, std::net::SocketAddr)],
    ) -> Result<Harvester, HarvestError> {
        Ok(Harvester {
            http: http::HttpClient::with_resolved_hosts(config, resolved_hosts)?,
            ..Harvester::new(config)?
        })
    }

    /// The same harvester with another clock (and sleep), for tests.
    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Harvester {
        Harvester { clock, ..self }
    }

    /// Runs one harvest of `source`, resuming from `checkpoint.resume` if set (unless
    /// `options.full`). Never panics; the report says honestly what happened: failed if
    /// the source could not be harvested to the end, partial if some records failed or
    /// deletions were not applied, succeeded otherwise.
    #[tracing::instrument(
        name = "harvest",
        skip_all,
        fields(source_id = %source.id, protocol = source.fetch.protocol())
    )]
    pub async fn run<S: PageSink>(
        &self,
        source: &config::Source,
        checkpoint: model::Checkpoint,
        options: RunOptions,
        sink: &mut S,
    ) -> HarvestRun {
        let mut progress = Progress::new(Arc::clone(&self.clock), &source.id);
        progress.caps = RunCaps::of(source, self.max_pages_per_run, self.max_records_per_run);
        match sink.records_held().await {
            Ok(Some(held)) => progress
                .caps
                .limit_growth(source, held, self.max_growth_factor),
            Ok(None) => {}
            Err(err) => progress.note(format!(
                "the records already held could not be counted ({err}), so growth was not capped"
            )),
        }
        let limit = Duration::from_secs(self.harvest_timeout_secs);
        let work = self.run_protocol(source, &checkpoint, &options, sink, &mut progress);
        let result =
            tokio::time::timeout(limit, work)
                .await
                .unwrap_or(Err(HarvestError::HarvestTimeout {
                    limit_secs: self.harvest_timeout_secs,
                }));
        let run = progress.finish(result);
        match run.outcome {
            RunOutcome::Failed => tracing::warn!(
                run_id = %run.run_id,
                pages = run.pages,
                message = run.message.as_deref().unwrap_or(""),
                "harvest failed"
            ),
            _ => tracing::info!(
                run_id = %run.run_id,
                outcome = ?run.outcome,
                pages = run.pages,
                seen = run.counts.seen,
                added = run.counts.added,
                updated = run.counts.updated,
                unchanged = run.counts.unchanged,
                deleted = run.counts.deleted,
                failed = run.counts.failed,
                "harvest finished"
            ),
        }
        run
    }

    async fn run_protocol<S: PageSink>(
        &self,
        source: &config::Source,
        checkpoint: &model::Checkpoint,
        options: &RunOptions,
        sink: &mut S,
        progress: &mut Progress,
    ) -> Result<(), HarvestError> {
        let mut session = http::Session::new(&self.http, self.clock.as_ref())
            .allowing_private_addresses(source.allow_private_address);
        match &source.fetch {
            Fetch::OaiPmh {
                url,
                metadata_prefix,
                set,
            } => {
                let endpoint = oai_pmh::Endpoint {
                    base_url: url,
                    metadata_prefix,
                    set: set.as_deref(),
                };
                oai_pmh::harvest(
                    &mut session,
                    source,
                    endpoint,
                    checkpoint,
                    options,
                    sink,
                    progress,
                )
                .await
            }
            Fetch::Http { url } => {
                document::harvest_http(
                    &mut session,
                    source,
                    url,
                    checkpoint,
                    options,
                    sink,
                    progress,
                )
                .await
            }
            Fetch::File { path } => {
                document::harvest_file(
                    source,
                    path,
                    &self.file_roots,
                    self.http.max_response_bytes(),
                    checkpoint,
                    sink,
                    progress,
                )
                .await
            }
            Fetch::Ewp {
                replication_url,
                courses_url,
                hei_id,
                max_los_ids,
            } => {
                let endpoints = ewp::Endpoints {
                    replication_url,
                    courses_url,
                    hei_id,
                    max_los_ids: *max_los_ids,
                };
                let start = ewp::Start {
                    previous: checkpoint,
                    options,
                    max_shrink_fraction: self.max_shrink_fraction,
                };
                ewp::harvest(&mut session, source, endpoints, start, sink, progress).await
            }
        }
    }
}

/// A page handed to the sink whose report is not in yet.
pub(crate) struct InFlightPage {
    report: PendingReport,
    n_records: usize,
}

/// What a run has done so far; becomes its [`HarvestRun`].
pub(crate) struct Progress {
    clock: Arc<dyn Clock>,
    source_id: SourceId,
    pub(crate) run_id: RunId,
    pub(crate) started_at: DateTime<Utc>,
    pub(crate) incremental_from: Option<String>,
    pub(crate) pages: u64,
    pub(crate) counts: RunCounts,
    pub(crate) complete_list_size: Option<u64>,
    errors: Vec<RecordError>,
    notes: Vec<String>,
    /// Something was left undone though no record failed (deletions held or unchecked).
    incomplete: bool,
    /// Why deletions were held for review, when they were.
    held_for_review: Option<String>,
    /// What one run may store.
    pub(crate) caps: RunCaps,
    /// Pages and records handed to the sink by this run (resumed runs: since the resume).
    submitted_pages: u64,
    submitted_records: u64,
}

/// The pages and records one run of a source may store, and what sets them (the keys of
/// the configuration, and for growth the records held).
#[derive(Debug, Clone)]
pub(crate) struct RunCaps {
    pages: (u64, String),
    records: (u64, String),
}

impl Default for RunCaps {
    fn default() -> Self {
        RunCaps {
            pages: (u64::MAX, String::new()),
            records: (u64::MAX, String::new()),
        }
    }
}

impl RunCaps {
    fn of(source: &config::Source, pages: u64, records: u64) -> RunCaps {
        let cap = |own: Option<u64>, default: u64, name: &str| match own {
            Some(own) => (own, format!("{name} of source {}", source.id)),
            None => (default, format!("harvest.{name}")),
        };
        RunCaps {
            pages: cap(source.max_pages_per_run, pages, "max_pages_per_run"),
            records: cap(source.max_records_per_run, records, "max_records_per_run"),
        }
    }

    /// Lowers the cap on records to `factor` times the `held` records of a source that
    /// holds some (and at least [`config::GROWTH_ALLOWED_AT_LEAST`]), where that is lower.
    fn limit_growth(&mut self, source: &config::Source, held: u64, default_factor: f64) {
        if held == 0 {
            return;
        }
        let (factor, key) = match source.max_growth_factor {
            Some(own) => (own, format!("max_growth_factor of source {}", source.id)),
            None => (default_factor, "harvest.max_growth_factor".to_owned()),
        };
        let limit = ((held as f64 * factor).ceil() as u64).max(config::GROWTH_ALLOWED_AT_LEAST);
        if limit < self.records.0 {
            self.records = (
                limit,
                format!("{key}: {factor} times the {held} records the source held"),
            );
        }
    }
}

impl Progress {
    fn new(clock: Arc<dyn Clock>, source_id: &SourceId) -> Progress {
        let started_at = clock.now();
        Progress {
            clock,
            source_id: source_id.clone(),
            run_id: RunId::new(source_id, started_at),
            started_at,
            incremental_from: None,
            pages: 0,
            counts: RunCounts::default(),
            complete_list_size: None,
            errors: Vec::new(),
            notes: Vec::new(),
            incomplete: false,
            held_for_review: None,
            caps: RunCaps::default(),
            submitted_pages: 0,
            submitted_records: 0,
        }
    }

    /// Counts a page about to be handed to the sink, or refuses it when the run has
    /// stored as many pages or records as it may.
    fn admit(&mut self, n_records: usize) -> Result<(), HarvestError> {
        let (pages, pages_key) = &self.caps.pages;
        if self.submitted_pages >= *pages {
            return Err(HarvestError::RunCapReached {
                what: "pages",
                limit: *pages,
                key: pages_key.clone(),
            });
        }
        let (records, records_key) = &self.caps.records;
        if self.submitted_records + n_records as u64 > *records {
            return Err(HarvestError::RunCapReached {
                what: "records",
                limit: *records,
                key: records_key.clone(),
            });
        }
        self.submitted_pages += 1;
        self.submitted_records += n_records as u64;
        Ok(())
    }

    /// The current time.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Adds a sentence to the run's message.
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Notes something left undone: the run is partial at best.
    pub(crate) fn mark_incomplete(&mut self, note: impl Into<String>) {
        self.incomplete = true;
        self.note(note);
    }

    /// Continues the interrupted run `resume` describes.
    pub(crate) fn resume(&mut self, resume: &ResumePoint) {
        self.run_id = resume.run_id.clone();
        self.started_at = resume.started_at;
        self.pages = resume.pages;
        self.counts = resume.counts;
        self.complete_list_size = resume.complete_list_size;
        self.note(format!(
            "resumed an interrupted harvest after page {}",
            resume.pages
        ));
    }

    /// Hands `page` to the sink and adds its report.
    pub(crate) async fn store<S: PageSink>(
        &mut self,
        sink: &mut S,
        page: HarvestPage,
    ) -> Result<(), HarvestError> {
        let n_records = page.records.len();
        self.admit(n_records)?;
        let report = sink.store_page(page).await?;
        self.add_report(report, n_records);
        Ok(())
    }

    /// Hands `page` to the sink without waiting until it is stored; a report the sink
    /// has already is added at once, else `in_flight` keeps it for [`Progress::collect`].
    pub(crate) async fn submit<S: PageSink>(
        &mut self,
        sink: &mut S,
        page: HarvestPage,
        in_flight: &mut std::collections::VecDeque<InFlightPage>,
    ) -> Result<(), HarvestError> {
        let n_records = page.records.len();
        self.admit(n_records)?;
        match sink.submit_page(page).await? {
            PendingReport::Ready(report) => self.add_report(report?, n_records),
            PendingReport::Pending(report) => in_flight.push_back(InFlightPage {
                report: PendingReport::Pending(report),
                n_records,
            }),
        }
        Ok(())
    }

    /// Waits for the report of the oldest page in flight and adds it.
    pub(crate) async fn collect(
        &mut self,
        in_flight: &mut std::collections::VecDeque<InFlightPage>,
    ) -> Result<(), HarvestError> {
        if let Some(page) = in_flight.pop_front() {
            let report = page.report.report().await?;
            self.add_report(report, page.n_records);
        }
        Ok(())
    }

    /// Adds a stored page's report: the sink counts every record of the page, envelope
    /// errors included (the one tally of run counts is [`RunCounts::tally`]).
    fn add_report(&mut self, report: PageReport, n_records: usize) {
        self.pages += 1;
        self.counts += report.counts;
        if report.held_for_review.is_some() {
            self.held_for_review = report.held_for_review;
        }
        for error in report.errors {
            if self.errors.len() < HarvestRun::MAX_ERRORS {
                self.errors.push(error);
            }
        }
        tracing::debug!(
            page = self.pages,
            n_records,
            seen = self.counts.seen,
            "page stored"
        );
    }

    fn finish(mut self, result: Result<(), HarvestError>) -> HarvestRun {
        let record_failures = self.counts.failed;
        let failure = result.as_ref().err().map(HarvestError::kind);
        let outcome = match &result {
            Err(error) => {
                let mut message = error.to_string();
                if self.pages > 0 {
                    message.push_str(&format!(
                        " ({} pages were stored before the failure)",
                        self.pages
                    ));
                }
                self.notes.insert(0, message);
                RunOutcome::Failed
            }
            Ok(()) => {
                let seen = self.counts.seen;
                let full_run = self.incremental_from.is_none();
                if let Some(advertised) = self
                    .complete_list_size
                    .filter(|&advertised| full_run && advertised != seen)
                {
                    self.note(format!(
                        "the source advertised {advertised} records and {seen} were received"
                    ));
                }
                if record_failures > 0 || !self.errors.is_empty() {
                    self.notes.insert(
                        0,
                        format!("{record_failures} records could not be read or stored"),
                    );
                    RunOutcome::Partial
                } else if self.incomplete {
                    RunOutcome::Partial
                } else {
                    RunOutcome::Succeeded
                }
            }
        };
        HarvestRun {
            run_id: self.run_id,
            source_id: self.source_id,
            started_at: self.started_at,
            finished_at: Some(self.clock.now()),
            outcome,
            incremental_from: self.incremental_from,
            pages: self.pages,
            counts: self.counts,
            complete_list_size: self.complete_list_size,
            errors: self.errors,
            message: (!self.notes.is_empty()).then(|| self.notes.join("; ")),
            failure,
            held_for_review: self.held_for_review,
        }
    }
}
