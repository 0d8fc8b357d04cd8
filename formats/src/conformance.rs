//! The conformance report: what a publisher's records carry of the information elements
//! of Annex I of the Council Recommendation on micro-credentials (2022), record by record
//! and for a whole document or source.
//!
//! An element is `present` when the record carries it ([`Credential::has`]),
//! `unreadable` when it is not present but an [`Issue`] names it (the feed published
//! something the parser could not read, e.g. credits "five"), and `missing` otherwise.
//! Other issues (unknown vocabulary URIs, offers ending before they start, mojibake) are
//! listed as notes. The completeness score is [`Credential::completeness`]: the share of
//! the mandatory elements present.
//!
//! The server builds the report of a stored source with [`report_from_credentials`]; the
//! `validate` command checks a file before it is published with [`validate_document`].

use std::collections::BinaryHeap;
use std::fmt::Write as _;

use model::{AnnexElement, Credential, Format, Issue};

use crate::{ParsedRecord, RecordFailure};

/// Every Annex I element the report covers: the mandatory ones first, then the optional
/// ones.
pub const ELEMENTS: [AnnexElement; 11] = [
    AnnexElement::Title,
    AnnexElement::AwardingBody,
    AnnexElement::Country,
    AnnexElement::LearningOutcomes,
    AnnexElement::Workload,
    AnnexElement::EqfLevel,
    AnnexElement::Assessment,
    AnnexElement::Participation,
    AnnexElement::QualityAssurance,
    AnnexElement::Prerequisites,
    AnnexElement::Stackability,
];

/// How many of the worst records a source report lists by default.
pub const DEFAULT_WORST_RECORDS: usize = 10;

/// Whether a record carries an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementStatus {
    /// The record carries it.
    Present,
    /// The feed does not publish it.
    Missing,
    /// The feed publishes it, but it could not be read.
    Unreadable,
}

/// One element of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementReport {
    /// The Annex I element.
    pub element: AnnexElement,
    /// Whether it is mandatory in Annex I.
    pub mandatory: bool,
    /// Present, missing or unreadable.
    pub status: ElementStatus,
    /// Why it is unreadable (the issues that name it).
    pub reasons: Vec<String>,
}

/// The report of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordReport {
    /// The publisher's identifier of the record.
    pub upstream_id: String,
    /// The title, for people.
    pub title: Option<String>,
    /// Every Annex I element, mandatory first.
    pub elements: Vec<ElementReport>,
    /// Problems not tied to an element, and issues about elements that are nonetheless
    /// present (e.g. one of two credit values unreadable).
    pub notes: Vec<String>,
    /// The share of mandatory elements present, 0.0 to 1.0.
    pub completeness: f64,
}

impl ElementStatus {
    /// Its name: `present`, `missing` or `unreadable`.
    pub fn as_str(self) -> &'static str {
        match self {
            ElementStatus::Present => "present",
            ElementStatus::Missing => "missing",
            ElementStatus::Unreadable => "unreadable",
        }
    }
}

impl RecordReport {
    /// The report of a stored or parsed credential.
    pub fn new(upstream_id: &str, credential: &Credential) -> RecordReport {
        let elements = ELEMENTS
            .iter()
            .map(|element| {
                let reasons: Vec<String> = credential
                    .issues
                    .iter()
                    .filter(|issue| issue.element == Some(*element))
                    .map(|issue| issue.message.clone())
                    .collect();
                // Stated by the record, as completeness counts it (what was assumed is not).
                let status = if credential.states(*element) {
                    ElementStatus::Present
                } else if reasons.is_empty() {
                    ElementStatus::Missing
                } else {
                    ElementStatus::Unreadable
                };
                ElementReport {
                    element: *element,
                    mandatory: AnnexElement::MANDATORY.contains(element),
                    status,
                    reasons: if status == ElementStatus::Unreadable {
                        reasons
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let notes = credential
            .issues
            .iter()
            .filter(|issue| match issue.element {
                None => true,
                Some(element) => credential.has(element),
            })
            .map(note_text)
            .collect();
        RecordReport {
            upstream_id: upstream_id.to_owned(),
            title: credential.title.best(&["en"]).map(str::to_owned),
            elements,
            notes,
            completeness: credential.completeness(),
        }
    }

    /// The status of one element.
    pub fn status(&self, element: AnnexElement) -> Option<ElementStatus> {
        self.elements
            .iter()
            .find(|report| report.element == element)
            .map(|report| report.status)
    }

    /// Whether a mandatory element is present in the feed but unreadable.
    pub fn has_unreadable_mandatory(&self) -> bool {
        self.elements
            .iter()
            .any(|report| report.mandatory && report.status == ElementStatus::Unreadable)
    }

    /// What a publisher makes of the record: an error (a mandatory element stated but
    /// unreadable), a warning (a mandatory element not stated, or an optional one
    /// unreadable), or fine.
    pub fn verdict(&self) -> Verdict {
        if self.has_unreadable_mandatory() {
            return Verdict::Error;
        }
        let warned = self.elements.iter().any(|report| match report.status {
            ElementStatus::Missing => report.mandatory,
            ElementStatus::Unreadable => true,
            ElementStatus::Present => false,
        });
        if warned {
            Verdict::Warning
        } else {
            Verdict::Fine
        }
    }
}

/// What `validate` says of a record or a feed, worst last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Nothing to fix.
    Fine,
    /// Worth fixing: a mandatory element not stated (an error with `--strict`).
    Warning,
    /// Must be fixed: the record or document cannot be read, or a mandatory element is
    /// unreadable.
    Error,
}

impl Verdict {
    /// `fine`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Fine => "fine",
            Verdict::Warning => "warning",
            Verdict::Error => "error",
        }
    }
}

fn note_text(issue: &Issue) -> String {
    match issue.element {
        Some(element) => format!("{}: {}", element.label(), issue.message),
        None => issue.message.clone(),
    }
}

/// The report of one parsed record.
pub fn record_report(record: &ParsedRecord) -> RecordReport {
    RecordReport::new(&record.upstream_id, &record.credential)
}

/// A record that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedRecord {
    /// Its identifier, where it could be found.
    pub upstream_id: Option<String>,
    /// Why it failed.
    pub reason: String,
}

impl From<&RecordFailure> for FailedRecord {
    fn from(failure: &RecordFailure) -> FailedRecord {
        FailedRecord {
            upstream_id: failure.upstream_id.clone(),
            reason: failure.reason.clone(),
        }
    }
}

/// How many records carry an element, lack it, or carry it unreadably.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementTotals {
    /// The Annex I element.
    pub element: AnnexElement,
    /// Whether it is mandatory.
    pub mandatory: bool,
    /// Records that carry it.
    pub present: u64,
    /// Records that lack it.
    pub missing: u64,
    /// Records where it is unreadable.
    pub unreadable: u64,
}

/// One of the least complete records, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct WorstRecord {
    /// Its identifier.
    pub upstream_id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its completeness.
    pub completeness: f64,
    /// The mandatory elements it lacks or cannot be read.
    pub lacking: Vec<AnnexElement>,
}

/// The totals of a document or a source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceReport {
    /// Records read.
    pub n_records: u64,
    /// Records that could not be read.
    pub n_failed_records: u64,
    /// Per element, mandatory first.
    pub elements: Vec<ElementTotals>,
    /// The mean completeness of the records read (0.0 when there are none).
    pub average_completeness: f64,
    /// The least complete records, lowest first (at most the number asked for).
    pub worst_records: Vec<WorstRecord>,
    /// The records that failed, with reasons.
    pub failed_records: Vec<FailedRecord>,
}

impl SourceReport {
    /// Sums record reports.
    pub fn from_reports<'r>(
        reports: impl IntoIterator<Item = &'r RecordReport>,
        failures: Vec<FailedRecord>,
        max_worst: usize,
    ) -> SourceReport {
        let mut builder = SourceReportBuilder::new(max_worst);
        for report in reports {
            builder.add(report);
        }
        builder.finish(failures)
    }

    /// Replaces the failed records (those of a later harvest run, say).
    pub fn with_failures(mut self, failures: Vec<FailedRecord>) -> SourceReport {
        self.n_failed_records = failures.len() as u64;
        self.failed_records = failures;
        self
    }

    /// Keeps only the `max_worst` least complete records.
    pub fn truncate_worst(mut self, max_worst: usize) -> SourceReport {
        self.worst_records.truncate(max_worst);
        self
    }
}

/// Sums record reports one at a time, in memory bounded by `max_worst`: a source of a
/// million records is reported without holding them.
#[derive(Debug)]
pub struct SourceReportBuilder {
    elements: Vec<ElementTotals>,
    n_records: u64,
    completeness_sum: f64,
    max_worst: usize,
    /// The least complete records so far; the head is the best of them, the first to go.
    worst: BinaryHeap<WorstEntry>,
}

/// A [`WorstRecord`] ordered from least to most complete (ties by identifier), so that a
/// max-heap of them pops the most complete first.
#[derive(Debug)]
struct WorstEntry(WorstRecord);

impl WorstEntry {
    fn order(&self, other: &WorstEntry) -> std::cmp::Ordering {
        self.0
            .completeness
            .total_cmp(&other.0.completeness)
            .then_with(|| self.0.upstream_id.cmp(&other.0.upstream_id))
    }
}

impl PartialEq for WorstEntry {
    fn eq(&self, other: &WorstEntry) -> bool {
        self.order(other).is_eq()
    }
}

impl Eq for WorstEntry {}

impl PartialOrd for WorstEntry {
    fn partial_cmp(&self, other: &WorstEntry) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for WorstEntry {
    fn cmp(&self, other: &WorstEntry) -> std::cmp::Ordering {
        self.order(other)
    }
}

impl SourceReportBuilder {
    /// An empty report that will keep the `max_worst` least complete records.
    pub fn new(max_worst: usize) -> SourceReportBuilder {
        SourceReportBuilder {
            elements: ELEMENTS
                .iter()
                .map(|element| ElementTotals {
                    element: *element,
                    mandatory: AnnexElement::MANDATORY.contains(element),
                    present: 0,
                    missing: 0,
                    unreadable: 0,
                })
                .collect(),
            n_records: 0,
            completeness_sum: 0.0,
            max_worst,
            worst: BinaryHeap::with_capacity(max_worst.saturating_add(1).min(1024)),
        }
    }

    /// Counts one record.
    pub fn add(&mut self, report: &RecordReport) {
        self.n_records += 1;
        self.completeness_sum += report.completeness;
        for (totals, element) in self.elements.iter_mut().zip(&report.elements) {
            match element.status {
                ElementStatus::Present => totals.present += 1,
                ElementStatus::Missing => totals.missing += 1,
                ElementStatus::Unreadable => totals.unreadable += 1,
            }
        }
        if self.max_worst == 0 {
            return;
        }
        if self.worst.len() == self.max_worst {
            let best_kept = self.worst.peek().expect("max_worst > 0 records are kept");
            let beats = report
                .completeness
                .total_cmp(&best_kept.0.completeness)
                .then_with(|| report.upstream_id.as_str().cmp(&best_kept.0.upstream_id));
            if beats.is_ge() {
                return;
            }
            self.worst.pop();
        }
        self.worst.push(WorstEntry(WorstRecord {
            upstream_id: report.upstream_id.clone(),
            title: report.title.clone(),
            completeness: report.completeness,
            lacking: report
                .elements
                .iter()
                .filter(|e| e.mandatory && e.status != ElementStatus::Present)
                .map(|e| e.element)
                .collect(),
        }));
    }

    /// The report, with the records that could not be read.
    pub fn finish(self, failures: Vec<FailedRecord>) -> SourceReport {
        let n_records = self.n_records;
        // Lowest completeness first; ties in a stable order by identifier.
        let worst_records = self
            .worst
            .into_sorted_vec()
            .into_iter()
            .map(|entry| entry.0)
            .collect();
        SourceReport {
            n_records,
            n_failed_records: failures.len() as u64,
            elements: self.elements,
            average_completeness: if n_records == 0 {
                0.0
            } else {
                self.completeness_sum / n_records as f64
            },
            worst_records,
            failed_records: failures,
        }
    }
}

/// The report of a stored source: its records (upstream id and credential; tombstones
/// left out by the caller) and the failures of its last harvest. Streams: memory is
/// bounded by `max_worst`, not by the number of records.
pub fn report_from_credentials<'a>(
    records: impl Iterator<Item = (&'a str, &'a Credential)>,
    failures: impl IntoIterator<Item = FailedRecord>,
    max_worst: usize,
) -> SourceReport {
    let mut builder = SourceReportBuilder::new(max_worst);
    for (upstream_id, credential) in records {
        builder.add(&RecordReport::new(upstream_id, credential));
    }
    builder.finish(failures.into_iter().collect())
}

/// What `clearinghouse validate` reports about one document.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationReport {
    /// The format the document was read as.
    pub format: Format,
    /// Why the document could not be read at all, if it could not.
    pub document_error: Option<String>,
    /// Every record read, in document order (deleted records left out).
    pub records: Vec<RecordReport>,
    /// The totals, the worst records and the failed records.
    pub summary: SourceReport,
    /// When the document cannot be read as `format` but looks like another one: which
    /// ("this looks like JSON; did you mean clearinghouse-json?").
    pub hint: Option<String>,
}

/// Parses a document as `format` and reports on every record.
pub fn validate_document(format: Format, bytes: &[u8]) -> ValidationReport {
    match crate::parse(format, bytes) {
        Err(err) => ValidationReport::unreadable(
            format,
            err.to_string(),
            crate::detect::suggest(bytes, format),
        ),
        Ok(outcome) => ValidationReport::of_records(format, &outcome),
    }
}

impl ValidationReport {
    /// The report of a document that cannot be read at all.
    pub fn unreadable(format: Format, error: String, hint: Option<String>) -> ValidationReport {
        ValidationReport {
            format,
            document_error: Some(error),
            records: Vec::new(),
            summary: SourceReport::from_reports(&[], Vec::new(), DEFAULT_WORST_RECORDS),
            hint,
        }
    }

    /// The report of the records read (and those that could not be), in order.
    pub fn of_records(
        format: Format,
        outcome: &[Result<ParsedRecord, RecordFailure>],
    ) -> ValidationReport {
        let mut records = Vec::new();
        let mut failures = Vec::new();
        for record in outcome {
            match record {
                Ok(record) if record.deleted => {}
                Ok(record) => records.push(record_report(record)),
                Err(failure) => failures.push(FailedRecord::from(failure)),
            }
        }
        let summary = SourceReport::from_reports(&records, failures, DEFAULT_WORST_RECORDS);
        ValidationReport {
            format,
            document_error: None,
            records,
            summary,
            hint: None,
        }
    }

    /// What the feed as a whole is: an error when it or one of its records cannot be
    /// read or a record has an error, else the worst of its records.
    pub fn verdict(&self) -> Verdict {
        if self.document_error.is_some() || self.summary.n_failed_records > 0 {
            return Verdict::Error;
        }
        self.records
            .iter()
            .map(RecordReport::verdict)
            .max()
            .unwrap_or(Verdict::Fine)
    }
}

impl ValidationReport {
    /// Whether the document has errors a publisher must fix: it could not be read, a
    /// record could not be read, or a mandatory element is present but unreadable.
    /// Missing elements are warnings, not errors.
    pub fn has_errors(&self) -> bool {
        self.verdict() == Verdict::Error
    }

    /// Whether `validate` fails on this report: on errors, and with `strict` on warnings
    /// too.
    pub fn fails(&self, strict: bool) -> bool {
        match self.verdict() {
            Verdict::Error => true,
            Verdict::Warning => strict,
            Verdict::Fine => false,
        }
    }

    /// A report for a terminal: per record its verdict, what is missing or unreadable
    /// and the notes, then the failed records, the totals (an aligned table) and the
    /// result, errors and warnings counted (`strict`: warnings fail too).
    pub fn render_text(&self, strict: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Conformance report ({} format)", self.format);
        if let Some(error) = &self.document_error {
            let _ = writeln!(out, "\nERROR: the document cannot be read: {error}");
            if let Some(hint) = &self.hint {
                let _ = writeln!(out, "  {hint}");
            }
            let _ = writeln!(out, "\nResult: error (the document cannot be read)");
            return out;
        }
        for record in &self.records {
            let _ = writeln!(
                out,
                "\n[{}] {} — {} ({:.0}% of the mandatory elements)",
                record.verdict().as_str(),
                record.upstream_id,
                record.title.as_deref().unwrap_or("(no title)"),
                record.completeness * 100.0
            );
            for element in &record.elements {
                let optional = if element.mandatory { "" } else { " (optional)" };
                match element.status {
                    ElementStatus::Present => {}
                    ElementStatus::Missing => {
                        let _ =
                            writeln!(out, "  missing     {}{optional}", element.element.label());
                    }
                    ElementStatus::Unreadable => {
                        let _ = writeln!(
                            out,
                            "  UNREADABLE  {}{optional}: {}",
                            element.element.label(),
                            element.reasons.join("; ")
                        );
                    }
                }
            }
            for note in &record.notes {
                let _ = writeln!(out, "  note        {note}");
            }
        }
        let summary = &self.summary;
        if !summary.failed_records.is_empty() {
            let _ = writeln!(out, "\nRecords that could not be read:");
            for failure in &summary.failed_records {
                let _ = writeln!(
                    out,
                    "  [error] {}: {}",
                    failure.upstream_id.as_deref().unwrap_or("(no identifier)"),
                    failure.reason
                );
            }
        }
        let _ = writeln!(
            out,
            "\nTotals: {} records read, {} failed, average completeness {:.0}%",
            summary.n_records,
            summary.n_failed_records,
            summary.average_completeness * 100.0
        );
        let _ = writeln!(out, "  ({COMPLETENESS_EXPLAINED})");
        let labels: Vec<String> = summary
            .elements
            .iter()
            .map(|totals| {
                if totals.mandatory {
                    totals.element.label().to_owned()
                } else {
                    format!("{} (optional)", totals.element.label())
                }
            })
            .collect();
        let width = labels
            .iter()
            .map(|label| label.chars().count())
            .chain(["element".len()])
            .max()
            .unwrap_or_default();
        let pad = |text: &str| {
            let fill = width.saturating_sub(text.chars().count());
            format!("{text}{}", " ".repeat(fill))
        };
        let _ = writeln!(
            out,
            "  {} {:>8} {:>8} {:>10}",
            pad("element"),
            "present",
            "missing",
            "unreadable"
        );
        for (totals, label) in summary.elements.iter().zip(&labels) {
            let _ = writeln!(
                out,
                "  {} {:>8} {:>8} {:>10}",
                pad(label),
                totals.present,
                totals.missing,
                totals.unreadable
            );
        }
        let count = |verdict: Verdict| {
            self.records
                .iter()
                .filter(|record| record.verdict() == verdict)
                .count()
        };
        let (errors, warnings, fine) = (
            count(Verdict::Error) + summary.n_failed_records as usize,
            count(Verdict::Warning),
            count(Verdict::Fine),
        );
        let result = match self.verdict() {
            Verdict::Error => "errors: fix them before publishing".to_owned(),
            Verdict::Warning if strict => {
                "warnings, which fail with --strict: state the missing mandatory elements"
                    .to_owned()
            }
            Verdict::Warning => {
                "warnings only: the feed can be harvested; state the missing mandatory \
                 elements (--strict makes warnings fail)"
                    .to_owned()
            }
            Verdict::Fine => "fine".to_owned(),
        };
        let _ = writeln!(
            out,
            "\nResult: {errors} with errors, {warnings} with warnings, {fine} fine records: {result}"
        );
        out
    }
}

/// What completeness is, in one sentence, where it is shown ([`Credential::completeness`];
/// the pages say the same in the reader's language).
pub const COMPLETENESS_EXPLAINED: &str = "completeness is the share of the mandatory elements \
    of Annex I of the Council Recommendation that the publisher's record states; what the \
    clearinghouse assumed from the source's configuration does not count";

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Credits, EqfLevel, LangText};

    fn credential(title: &str) -> Credential {
        Credential {
            title: LangText::single("en", title),
            ..Credential::default()
        }
    }

    #[test]
    fn statuses_present_missing_unreadable() {
        let mut c = credential("Data literacy");
        c.eqf_level = Some(EqfLevel::new(5).unwrap());
        c.issues.push(Issue::unreadable(
            AnnexElement::Workload,
            "credit point \"five\" is not a number",
        ));
        c.issues.push(Issue::note("unknown ISCED-F field URI"));
        let report = RecordReport::new("r1", &c);
        assert_eq!(
            report.status(AnnexElement::Title),
            Some(ElementStatus::Present)
        );
        assert_eq!(
            report.status(AnnexElement::EqfLevel),
            Some(ElementStatus::Present)
        );
        assert_eq!(
            report.status(AnnexElement::Workload),
            Some(ElementStatus::Unreadable)
        );
        assert_eq!(
            report.status(AnnexElement::Country),
            Some(ElementStatus::Missing)
        );
        assert_eq!(report.elements[0].element, AnnexElement::Title);
        assert!(!report.elements.last().unwrap().mandatory);
        assert_eq!(report.notes, vec!["unknown ISCED-F field URI"]);
        assert!(report.has_unreadable_mandatory());
        // An element that is present despite an issue about it stays present; the issue
        // becomes a note.
        c.credits = Some(Credits::ects(5.0));
        let report = RecordReport::new("r1", &c);
        assert_eq!(
            report.status(AnnexElement::Workload),
            Some(ElementStatus::Present)
        );
        assert_eq!(report.notes.len(), 2);
    }

    #[test]
    fn streamed_worst_records_are_the_least_complete_in_order() {
        // Completeness from 0/9 to 3/9 over 40 records whose ids do not follow it.
        let credentials: Vec<(String, Credential)> = (0..40)
            .map(|i| {
                let mut c = credential(&format!("Course {i}"));
                if i % 2 == 0 {
                    c.eqf_level = Some(EqfLevel::new(6).unwrap());
                }
                if i % 3 == 0 {
                    c.awarding_body.name = LangText::single("en", "University");
                }
                (format!("id-{:02}", (i * 7) % 40), c)
            })
            .collect();
        let reports: Vec<RecordReport> = credentials
            .iter()
            .map(|(id, c)| RecordReport::new(id, c))
            .collect();
        let mut expected: Vec<(f64, String)> = reports
            .iter()
            .map(|r| (r.completeness, r.upstream_id.clone()))
            .collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        for max_worst in [0, 1, 5, 39, 40, 100] {
            let report = report_from_credentials(
                credentials.iter().map(|(id, c)| (id.as_str(), c)),
                Vec::new(),
                max_worst,
            );
            let got: Vec<(f64, String)> = report
                .worst_records
                .iter()
                .map(|w| (w.completeness, w.upstream_id.clone()))
                .collect();
            assert_eq!(got, expected[..max_worst.min(40)], "max_worst {max_worst}");
            assert_eq!(report.n_records, 40);
            assert_eq!(
                report.truncate_worst(1).worst_records.len(),
                max_worst.min(1)
            );
        }
    }

    #[test]
    fn source_totals_and_worst_records() {
        let mut full = credential("Full");
        full.eqf_level = Some(EqfLevel::new(6).unwrap());
        let empty = credential("Empty");
        let records = [("a", &full), ("b", &empty)];
        let report = report_from_credentials(
            records.iter().map(|(id, c)| (*id, *c)),
            vec![FailedRecord {
                upstream_id: None,
                reason: "broken".to_owned(),
            }],
            1,
        );
        assert_eq!(report.n_records, 2);
        assert_eq!(report.n_failed_records, 1);
        assert_eq!(report.elements[0].present, 2);
        assert_eq!(report.elements[5].element, AnnexElement::EqfLevel);
        assert_eq!(report.elements[5].present, 1);
        assert_eq!(report.worst_records.len(), 1);
        assert_eq!(report.worst_records[0].upstream_id, "b");
        let expected = (1.0 / 9.0 + 2.0 / 9.0) / 2.0;
        assert!((report.average_completeness - expected).abs() < 1e-9);
    }

    #[test]
    fn validating_a_document() {
        let doc =
            br#"[{"id": "ok", "title": {"en": "Fine"}, "credits": {"value": 5, "scheme": "ects"}},
                       {"id": "bad", "title": {"en": "X"}, "eqf_level": 9},
                       {"title": {"en": "No identifier"}}]"#;
        let report = validate_document(Format::ClearinghouseJson, doc);
        assert!(report.document_error.is_none());
        assert_eq!(report.records.len(), 2);
        assert_eq!(report.summary.n_failed_records, 1);
        assert!(report.has_errors());
        let text = report.render_text(false);
        assert!(text.contains("missing     EQF level"), "{text}");
        assert!(
            text.contains(
                "UNREADABLE  EQF level: eqf_level: the EQF level must be a whole number from \
                 1 to 8, e.g. 6; got 9"
            ),
            "{text}"
        );
        assert!(text.contains("[error] bad"), "{text}");
        assert!(text.contains("[warning] ok"), "{text}");
        assert!(
            text.contains("[error] (no identifier): record 3: `id` is missing"),
            "{text}"
        );
        assert!(text.contains("Totals: 2 records read, 1 failed"), "{text}");

        let broken = validate_document(Format::OpenBadges, b"{\"name\": \"a\nb\"}");
        assert!(broken.has_errors());
        assert!(broken.render_text(false).contains("cannot be read"));

        let clean = validate_document(
            Format::ClearinghouseJson,
            br#"{"id": "x", "title": {"en": "X"}}"#,
        );
        assert!(!clean.has_errors(), "missing elements are not errors");
    }

    #[test]
    fn unreadable_mandatory_element_is_an_error() {
        let doc = br#"{"id": "urn:q", "type": "Qualification", "title": "Q", "creditPoint": {"point": "five"}}"#;
        let report = validate_document(Format::Elm, doc);
        assert!(report.has_errors());
        assert!(
            report
                .render_text(false)
                .contains("UNREADABLE  Workload (ECTS)"),
            "{}",
            report.render_text(false)
        );
    }
}
