//! `clearinghouse validate --url`: a publisher's live endpoint checked as a harvest
//! would fetch it (the same client, limits and address restrictions), its records read
//! and reported on as `validate` reports a file; nothing is stored.
//!
//! At most [`MAX_PAGES`] pages of an OAI-PMH endpoint are read: enough to see how its
//! records are published, without harvesting a whole catalogue to check it.

use std::sync::{Arc, Mutex};

use config::{Fetch, HarvestConfig};
use formats::conformance::ValidationReport;
use formats::{ParsedRecord, RecordFailure};
use harvester::{Harvester, PageReport, PageSink, RunOptions, SinkError};
use model::{Format, HarvestPage, PageKind, RecordError, RecordOutcome, RunCounts, RunOutcome};

/// Pages of a paged endpoint read before the check stops.
pub const MAX_PAGES: u64 = 5;

/// What was read from the endpoint, page by page.
#[derive(Default)]
struct Read {
    records: Vec<Result<ParsedRecord, RecordFailure>>,
    document_error: Option<String>,
    pages: u64,
}

/// Parses each page as the indexer would, and keeps the records instead of storing them.
struct Collect {
    format: Format,
    limits: model::ParseLimits,
    read: Arc<Mutex<Read>>,
}

impl PageSink for Collect {
    async fn store_page(&mut self, page: HarvestPage) -> Result<PageReport, SinkError> {
        let mut read = self
            .read
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        if read.pages >= MAX_PAGES {
            return Err(SinkError::new(format!(
                "the first {MAX_PAGES} pages were read, enough for a check"
            )));
        }
        read.pages += 1;
        let mut counts = RunCounts::default();
        let mut errors: Vec<RecordError> = page.envelope_errors.clone();
        for error in &page.envelope_errors {
            read.records.push(Err(RecordFailure {
                upstream_id: error.upstream_id.clone(),
                reason: error.reason.clone(),
            }));
        }
        for raw in page.records {
            counts.tally(if raw.deleted {
                RecordOutcome::Deleted
            } else {
                RecordOutcome::Added
            });
            if raw.deleted {
                continue;
            }
            match page.kind {
                PageKind::Records => {
                    let parsed =
                        formats::parse_single_within(self.format, &raw.payload, &self.limits)
                            .map(|mut parsed| {
                                parsed.upstream_id = raw.upstream_id.clone();
                                parsed
                            })
                            .map_err(|mut failure| {
                                failure.upstream_id.get_or_insert(raw.upstream_id.clone());
                                errors.push(RecordError {
                                    upstream_id: failure.upstream_id.clone(),
                                    reason: failure.reason.clone(),
                                });
                                failure
                            });
                    read.records.push(parsed);
                }
                PageKind::FullDocument => {
                    match formats::parse_within(self.format, &raw.payload, &self.limits) {
                        Ok(records) => read.records.extend(records),
                        Err(err) => {
                            read.document_error = Some(err.to_string());
                            return Err(SinkError::of_page(err.to_string(), err.failure_kind()));
                        }
                    }
                }
            }
        }
        Ok(PageReport {
            counts,
            errors,
            held_for_review: None,
        })
    }
}

/// Why an endpoint could not be checked: the kind of failure (its cause and next step in
/// the reader's words) and the technical detail.
#[derive(Debug, Clone)]
pub struct Unchecked {
    /// What kind of failure, when it is classified.
    pub kind: Option<model::FailureKind>,
    /// The technical detail.
    pub detail: String,
}

impl std::fmt::Display for Unchecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            Some(kind) => write!(
                f,
                "{} {}\n  ({})",
                kind.cause(),
                kind.next_step(),
                self.detail
            ),
            None => f.write_str(&self.detail),
        }
    }
}

/// Checks the endpoint `fetch` as `format` with `harvest`'s settings: its report, and a
/// note when the check stopped early (a paged endpoint read in part). An endpoint that
/// cannot be fetched is [`Unchecked`], classified as harvest failures are.
pub async fn endpoint(
    harvest: &HarvestConfig,
    fetch: Fetch,
    format: Format,
) -> Result<(ValidationReport, Option<String>), Unchecked> {
    let harvester = Harvester::new(harvest).map_err(|err| Unchecked {
        kind: Some(err.kind()),
        detail: err.to_string(),
    })?;
    let source = config::Source {
        id: model::SourceId::parse("validate").expect("a valid id"),
        institution: "(validated endpoint)".to_owned(),
        institution_names: Vec::new(),
        schac: None,
        notify: None,
        // Unused: the check reads what the feed states and assumes nothing.
        country: model::Country::parse("DE").expect("a country code"),
        fetch,
        format,
        schedule: None,
        schedule_text: None,
        homepage: None,
        allow_private_address: false,
        publishes_for: Vec::new(),
        role: config::SourceRole::Institution,
        max_pages_per_run: None,
        max_records_per_run: None,
        max_growth_factor: None,
    };
    let read = Arc::new(Mutex::new(Read::default()));
    let mut sink = Collect {
        format,
        limits: harvest.parse_limits,
        read: read.clone(),
    };
    let run = harvester
        .run(
            &source,
            Default::default(),
            RunOptions { full: true },
            &mut sink,
        )
        .await;
    let read = std::mem::take(&mut *read.lock().unwrap_or_else(|poison| poison.into_inner()));
    if let Some(error) = read.document_error {
        return Ok((ValidationReport::unreadable(format, error, None), None));
    }
    let stopped_early = read.pages >= MAX_PAGES && run.outcome == RunOutcome::Failed;
    if run.outcome == RunOutcome::Failed && !stopped_early {
        return Err(Unchecked {
            kind: run.failure,
            detail: run.message.unwrap_or_default(),
        });
    }
    let note = stopped_early
        .then(|| format!("the endpoint has more pages: the first {MAX_PAGES} were checked"));
    Ok((ValidationReport::of_records(format, &read.records), note))
}
