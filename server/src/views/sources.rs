//! Configured sources, their harvest runs, and the feed-quality and validation reports.

use chrono::{DateTime, Utc};
use formats::conformance::{
    ElementReport, ElementTotals, FailedRecord, RecordReport, SourceReport, ValidationReport,
    WorstRecord,
};
use model::{HarvestRun, RecordError, RunCounts};
use serde::Serialize;

/// A configured source and its last harvest.
#[derive(Debug, Serialize)]
pub struct SourceView {
    /// Source id.
    pub id: String,
    /// Publishing institution.
    pub institution: String,
    /// Its country.
    pub country: String,
    /// `oai-pmh`, `http` or `file`.
    pub protocol: &'static str,
    /// The endpoint, document URL or file.
    pub location: String,
    /// The format read.
    pub format: &'static str,
    /// The cron schedule, as configured.
    pub schedule: Option<String>,
    /// When the next scheduled harvest starts.
    pub next_harvest: Option<DateTime<Utc>>,
    /// Since when a harvest is running, if one is.
    pub running_since: Option<DateTime<Utc>>,
    /// The last harvest run.
    pub last_run: Option<RunView>,
}

impl SourceView {
    /// The view of a configured source.
    pub fn new(
        source: &config::Source,
        last_run: Option<&HarvestRun>,
        running_since: Option<DateTime<Utc>>,
    ) -> SourceView {
        SourceView {
            id: source.id.to_string(),
            institution: source.institution.clone(),
            country: source.country.to_string(),
            protocol: source.fetch.protocol(),
            location: source.fetch.location(),
            format: source.format.as_str(),
            schedule: source.schedule_text.clone(),
            next_harvest: source
                .schedule
                .as_ref()
                .and_then(|schedule| schedule.upcoming(Utc).next()),
            running_since,
            last_run: last_run.map(RunView::new),
        }
    }
}

/// `GET /api/v1/sources`: every configured source.
#[derive(Debug, Serialize)]
pub struct SourcesView {
    /// The sources, in configuration order.
    pub sources: Vec<SourceView>,
}

/// `GET /api/v1/sources/{id}/runs`: the runs of one source, newest first.
#[derive(Debug, Serialize)]
pub struct RunsView {
    /// The source.
    pub source: String,
    /// Its runs.
    pub runs: Vec<RunView>,
}

/// `POST /api/v1/sources/{id}/harvest`: a harvest started.
#[derive(Debug, Serialize)]
pub struct HarvestStartedView {
    /// The source.
    pub source: String,
    /// `started`.
    pub status: &'static str,
    /// Where its runs are listed.
    pub runs: String,
}

/// `GET /api/v1/sources/{id}/report`: the feed-quality report of a source.
#[derive(Debug, Serialize)]
pub struct ReportAnswerView {
    /// The source.
    pub source: String,
    /// The run whose failures the report lists.
    pub last_run: Option<String>,
    /// The report.
    pub report: SourceReportView,
}

/// Record counts of a run.
#[derive(Debug, Serialize)]
pub struct RunCountsView {
    /// Records received (including deletions and failures).
    pub seen: u64,
    /// New records stored.
    pub added: u64,
    /// Records whose payload changed.
    pub updated: u64,
    /// Records already current.
    pub unchanged: u64,
    /// Records deleted upstream.
    pub deleted: u64,
    /// Records that could not be read.
    pub failed: u64,
}

impl RunCountsView {
    fn new(counts: &RunCounts) -> RunCountsView {
        let RunCounts {
            seen,
            added,
            updated,
            unchanged,
            deleted,
            failed,
        } = *counts;
        RunCountsView {
            seen,
            added,
            updated,
            unchanged,
            deleted,
            failed,
        }
    }
}

/// A record that failed, and why.
#[derive(Debug, Serialize)]
pub struct RecordErrorView {
    /// Its upstream identifier, if known.
    pub upstream_id: Option<String>,
    /// What is wrong.
    pub reason: String,
}

/// One harvest run of a source.
#[derive(Debug, Serialize)]
pub struct RunView {
    /// The run.
    pub run_id: String,
    /// The source.
    pub source_id: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it finished (`None` while running).
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `succeeded`, `partial` or `failed`.
    pub outcome: &'static str,
    /// The `from=` of an incremental harvest.
    pub incremental_from: Option<String>,
    /// Pages stored.
    pub pages: u64,
    /// Record counts.
    pub counts: RunCountsView,
    /// What the source advertised as its complete list size.
    pub complete_list_size: Option<u64>,
    /// Records that failed (the first ones).
    pub errors: Vec<RecordErrorView>,
    /// What went wrong (the technical detail), or notes.
    pub message: Option<String>,
    /// Why a failed run failed, in plain words for the publisher.
    pub failure: Option<FailureView>,
}

/// Why a run failed: its kind, the cause in one line and the next step.
#[derive(Debug, Serialize)]
pub struct FailureView {
    /// The kind, a stable name (`host_not_found`, ...).
    pub kind: &'static str,
    /// The cause, in one line.
    pub cause: &'static str,
    /// What the publisher can do.
    pub next_step: &'static str,
}

impl RunView {
    /// The view of a run.
    pub fn new(run: &HarvestRun) -> RunView {
        RunView {
            run_id: run.run_id.0.clone(),
            source_id: run.source_id.to_string(),
            started_at: run.started_at,
            finished_at: run.finished_at,
            outcome: run.outcome.as_str(),
            incremental_from: run.incremental_from.clone(),
            pages: run.pages,
            counts: RunCountsView::new(&run.counts),
            complete_list_size: run.complete_list_size,
            errors: run
                .errors
                .iter()
                .map(|error: &RecordError| RecordErrorView {
                    upstream_id: error.upstream_id.clone(),
                    reason: error.reason.clone(),
                })
                .collect(),
            message: run.message.clone(),
            failure: run.failure.map(|kind| FailureView {
                kind: kind.name(),
                cause: kind.cause(),
                next_step: kind.next_step(),
            }),
        }
    }
}

/// How many records carry an element, lack it, or carry it unreadably.
#[derive(Debug, Serialize)]
pub struct ElementTotalsView {
    /// The Annex I element.
    pub element: &'static str,
    /// Whether it is mandatory.
    pub mandatory: bool,
    /// Records that carry it.
    pub present: u64,
    /// Records that lack it.
    pub missing: u64,
    /// Records where it is unreadable.
    pub unreadable: u64,
}

/// One of the least complete records.
#[derive(Debug, Serialize)]
pub struct WorstRecordView {
    /// Its identifier.
    pub upstream_id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its completeness.
    pub completeness: f64,
    /// The mandatory elements it lacks or cannot be read.
    pub lacking: Vec<&'static str>,
}

/// A record that could not be read at all.
#[derive(Debug, Serialize)]
pub struct FailedRecordView {
    /// Its identifier, where it could be found.
    pub upstream_id: Option<String>,
    /// Why it failed.
    pub reason: String,
}

/// The feed-quality totals of a source or a document.
#[derive(Debug, Serialize)]
pub struct SourceReportView {
    /// Records read.
    pub n_records: u64,
    /// Records that could not be read.
    pub n_failed_records: u64,
    /// Per element, mandatory first.
    pub elements: Vec<ElementTotalsView>,
    /// The mean completeness of the records read.
    pub average_completeness: f64,
    /// The least complete records, lowest first.
    pub worst_records: Vec<WorstRecordView>,
    /// The records that failed, with reasons.
    pub failed_records: Vec<FailedRecordView>,
}

impl SourceReportView {
    /// The view of a report.
    pub fn new(report: &SourceReport) -> SourceReportView {
        SourceReportView {
            n_records: report.n_records,
            n_failed_records: report.n_failed_records,
            elements: report
                .elements
                .iter()
                .map(|totals: &ElementTotals| ElementTotalsView {
                    element: totals.element.as_str(),
                    mandatory: totals.mandatory,
                    present: totals.present,
                    missing: totals.missing,
                    unreadable: totals.unreadable,
                })
                .collect(),
            average_completeness: report.average_completeness,
            worst_records: report
                .worst_records
                .iter()
                .map(|worst: &WorstRecord| WorstRecordView {
                    upstream_id: worst.upstream_id.clone(),
                    title: worst.title.clone(),
                    completeness: worst.completeness,
                    lacking: worst
                        .lacking
                        .iter()
                        .map(|element| element.as_str())
                        .collect(),
                })
                .collect(),
            failed_records: report
                .failed_records
                .iter()
                .map(|failed: &FailedRecord| FailedRecordView {
                    upstream_id: failed.upstream_id.clone(),
                    reason: failed.reason.clone(),
                })
                .collect(),
        }
    }
}

/// One element of one record, as `validate` reports it.
#[derive(Debug, Serialize)]
pub struct ElementReportView {
    /// The Annex I element.
    pub element: &'static str,
    /// Whether it is mandatory.
    pub mandatory: bool,
    /// `present`, `missing` or `unreadable`.
    pub status: &'static str,
    /// Why it is unreadable.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

/// The report of one record, as `validate` reports it.
#[derive(Debug, Serialize)]
pub struct RecordReportView {
    /// The publisher's identifier of the record.
    pub upstream_id: String,
    /// The title.
    pub title: Option<String>,
    /// Every Annex I element, mandatory first.
    pub elements: Vec<ElementReportView>,
    /// Notes.
    pub notes: Vec<String>,
    /// The share of mandatory elements the record states.
    pub completeness: f64,
    /// `error`, `warning` or `fine`.
    pub verdict: &'static str,
}

/// What `clearinghouse validate --json` prints about one document.
#[derive(Debug, Serialize)]
pub struct ValidationReportView {
    /// The format the document was read as.
    pub format: &'static str,
    /// Why the document could not be read at all.
    pub document_error: Option<String>,
    /// Every record read, in document order.
    pub records: Vec<RecordReportView>,
    /// The totals, the worst records and the failed records.
    pub summary: SourceReportView,
    /// The feed's verdict: `error`, `warning` or `fine`.
    pub verdict: &'static str,
    /// When the document cannot be read as its format but looks like another: which.
    pub hint: Option<String>,
}

impl ValidationReportView {
    /// The view of a validation report.
    pub fn new(report: &ValidationReport) -> ValidationReportView {
        ValidationReportView {
            format: report.format.as_str(),
            document_error: report.document_error.clone(),
            records: report
                .records
                .iter()
                .map(|record: &RecordReport| RecordReportView {
                    upstream_id: record.upstream_id.clone(),
                    title: record.title.clone(),
                    elements: record
                        .elements
                        .iter()
                        .map(|element: &ElementReport| ElementReportView {
                            element: element.element.as_str(),
                            mandatory: element.mandatory,
                            status: element.status.as_str(),
                            reasons: element.reasons.clone(),
                        })
                        .collect(),
                    notes: record.notes.clone(),
                    completeness: record.completeness,
                    verdict: record.verdict().as_str(),
                })
                .collect(),
            summary: SourceReportView::new(&report.summary),
            verdict: report.verdict().as_str(),
            hint: report.hint.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_its_elements_as_the_api_does() {
        let mut credential = model::Credential::default();
        credential.title.insert("en", "Full");
        let report = formats::conformance::report_from_credentials(
            [("a", &credential)].into_iter(),
            Vec::new(),
            1,
        );
        let json = serde_json::to_value(SourceReportView::new(&report)).unwrap();
        assert_eq!(json["elements"][0]["element"], "title");
        assert_eq!(json["elements"][0]["present"], 1);
    }
}

/// A notice to a source's webhook (`[[sources]].notify`, [`crate::notify`]).
#[derive(Debug, Serialize)]
pub struct NotificationView {
    /// `failed`, `partial`, `held_for_review` or `recovered`.
    pub event: &'static str,
    /// The source.
    pub source: String,
    /// Its institution.
    pub institution: String,
    /// The source's page, when the clearinghouse knows its public address
    /// (`server.public_url`).
    pub page: Option<String>,
    /// Why deletions were held for review, when they were.
    pub held_for_review: Option<String>,
    /// The run, as `GET /api/v1/sources/{id}/runs` shows it.
    pub run: RunView,
}
