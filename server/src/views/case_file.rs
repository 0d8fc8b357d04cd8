//! A decision's case file as data (`GET /api/v1/recognitions/{id}/case-file`): the
//! decision with every revision and audit entry, both credentials' key elements, their
//! comparison on the five elements and the precedents. Its shape is `format`
//! `clearinghouse-case-file`, `format_version` 1; within v1 fields are only added.

use chrono::{DateTime, NaiveDate, Utc};
use model::{Credits, StoredRecord};
use serde::Serialize;

use super::recognition::PrecedentsView;
use super::{AuditEntryView, BriefView, ComparisonView, DecisionView, best};
use crate::case_file::CaseFile;

/// The name of the case file's shape.
pub const CASE_FILE_FORMAT: &str = "clearinghouse-case-file";

/// A credential of a case file: the record in brief and the elements a recognition
/// officer weighs, in the language asked for.
#[derive(Debug, Serialize)]
pub struct CaseCredentialView {
    /// The record in brief.
    #[serde(flatten)]
    pub brief: BriefView,
    /// The version shown: for the credential held, the one the decision relied on.
    pub version: u32,
    /// The version the store holds now (equal to `version` when it did not change).
    pub current_version: Option<u32>,
    /// Whether its publisher withdrew it (this version is a deletion).
    pub deleted: bool,
    /// Its page.
    pub page: String,
    /// `course`, `module`, `programme`, `micro-credential`, `badge` or `qualification`.
    pub kind: Option<&'static str>,
    /// Its credits as published.
    pub credits: Option<Credits>,
    /// Its notional workload, in hours.
    pub workload_hours: Option<f64>,
    /// Its EQF level.
    pub eqf_level: Option<u8>,
    /// Its national framework level, as published.
    pub nqf_level: Option<String>,
    /// ISCED-F codes of its fields of education.
    pub isced_fields: Vec<String>,
    /// Languages of instruction (BCP 47).
    pub languages: Vec<String>,
    /// Its learning outcomes.
    pub learning_outcomes: Vec<String>,
    /// How it is assessed.
    pub assessment: Option<String>,
    /// Its quality assurance.
    pub quality_assurance: Option<String>,
    /// Its identifiers (course codes and the like): `scheme` and `value`.
    pub identifiers: Vec<IdentifierView>,
}

/// An identifier of a credential.
#[derive(Debug, Serialize)]
pub struct IdentifierView {
    /// The scheme or kind (`course-code`, `uri`, ...).
    pub scheme: String,
    /// The identifier.
    pub value: String,
}

impl CaseCredentialView {
    /// The view of `record` (a version of it), the store holding `current_version` now.
    pub fn new(
        record: &StoredRecord,
        current_version: Option<u32>,
        languages: &[String],
    ) -> CaseCredentialView {
        let credential = record.credential.as_ref();
        let text = |pick: fn(&model::Credential) -> &model::LangText| {
            credential
                .and_then(|c| best(pick(c), languages))
                .map(|(_, text)| text)
        };
        CaseCredentialView {
            brief: BriefView::new(record, languages),
            version: record.version,
            current_version,
            deleted: record.deleted,
            page: format!("/credentials/{}", record.id),
            kind: credential.map(|c| c.kind.as_str()),
            credits: credential.and_then(|c| c.credits.clone()),
            workload_hours: credential.and_then(|c| c.workload_hours),
            eqf_level: credential
                .and_then(|c| c.eqf_level)
                .map(|level| level.get()),
            nqf_level: credential.and_then(|c| c.nqf_level.clone()),
            isced_fields: credential
                .map(|c| c.isced_fields.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            languages: credential
                .map(|c| c.languages.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
            learning_outcomes: credential
                .map(|c| {
                    c.learning_outcomes
                        .iter()
                        .filter_map(|outcome| best(&outcome.text, languages))
                        .map(|(_, text)| text)
                        .collect()
                })
                .unwrap_or_default(),
            assessment: text(|c| &c.assessment),
            quality_assurance: text(|c| &c.quality_assurance),
            identifiers: credential
                .map(|c| {
                    c.identifiers
                        .iter()
                        .map(|identifier| IdentifierView {
                            scheme: identifier.scheme.clone(),
                            value: identifier.value.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// `GET /api/v1/recognitions/{id}/case-file`: one decision's case file.
#[derive(Debug, Serialize)]
pub struct CaseFileView {
    /// `clearinghouse-case-file`.
    pub format: &'static str,
    /// 1: fields are only ever added to it.
    pub format_version: u32,
    /// When this case file was put together.
    pub generated_at: DateTime<Utc>,
    /// Its page, to print or save as PDF.
    pub page: String,
    /// The decision as it stands (its latest revision).
    pub decision: DecisionView,
    /// Where it stands today: `in_force`, `withdrawn`, `at_risk` or `expired`.
    pub standing: &'static str,
    /// The credential held, at the version the decision relied on; `null` when the
    /// store has no record of it.
    pub credential: Option<CaseCredentialView>,
    /// For an equivalence: the equivalent credential as it is now.
    pub target: Option<CaseCredentialView>,
    /// For an equivalence: the two compared on the five elements (`null` when either
    /// was withdrawn by its publisher, or for credits and refusals).
    pub comparison: Option<ComparisonView>,
    /// Every other decision about the credential held that the caller may see (latest
    /// revisions, withdrawn ones included), newest decided first.
    pub precedents: Vec<DecisionView>,
    /// For an equivalence: how those decisions bear on the equivalent credential, as in
    /// a hit of the equivalents (withdrawn ones left out).
    pub precedents_for_target: Option<PrecedentsView>,
    /// Every revision, oldest first.
    pub revisions: Vec<DecisionView>,
    /// The decision's audit entries, oldest first.
    pub audit: Vec<AuditEntryView>,
}

impl CaseFileView {
    /// The view of a case file, on `today`.
    pub fn new(case: &CaseFile, today: NaiveDate, languages: &[String]) -> CaseFileView {
        let decision = case.decision();
        CaseFileView {
            format: CASE_FILE_FORMAT,
            format_version: 1,
            generated_at: Utc::now(),
            page: format!("/decisions/{}/case-file", decision.id),
            decision: DecisionView::new(decision),
            standing: case.standing(today).name(),
            credential: case.held.as_ref().map(|record| {
                CaseCredentialView::new(record, case.held_current_version, languages)
            }),
            target: case
                .target
                .as_ref()
                .map(|record| CaseCredentialView::new(record, Some(record.version), languages)),
            comparison: case.comparison.as_ref().map(ComparisonView::new),
            precedents: case.others.iter().map(DecisionView::new).collect(),
            precedents_for_target: case.precedents.as_ref().zip(case.target.as_ref()).map(
                |(precedents, target)| {
                    PrecedentsView::new(precedents, target.provenance.source_id.as_str())
                },
            ),
            revisions: case.revisions.iter().map(DecisionView::revision).collect(),
            audit: case.audit.iter().map(AuditEntryView::new).collect(),
        }
    }
}
