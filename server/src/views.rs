//! The JSON wire shapes of the API (`*View`), built from the inner crates' results. Only
//! this crate knows them, and only these are put on the wire: the inner result types
//! (comparisons, precedents, decisions, harvest runs, reports) are not `Serialize`d as
//! they are, so that a change inside is never a change of the API contract by accident.
//! The canonical credential model is the exception: its JSON is the published
//! `clearinghouse-json` format (`docs/clearinghouse-json.schema.json`).
//!
//! - `search`: hits, facets, pages of results.
//! - `credentials`: a whole record with provenance and history, a record in brief.
//! - `recognition`: comparisons, equivalents, precedents, decisions and their audit.
//! - `case_file`: a decision's case file (`clearinghouse-case-file`).
//! - `sources`: configured sources, harvest runs, feed-quality and validation reports.
//! - `admin`: what the operator's endpoints answer.
//! - `portfolio`: a learner's portfolio and whether it would count at an institution.

use actix_web::HttpRequest;

mod admin;
mod case_file;
mod credentials;
pub mod portfolio;
mod recognition;
mod search;
mod sources;

pub use self::admin::BackupView;
pub use self::case_file::{CASE_FILE_FORMAT, CaseCredentialView, CaseFileView, IdentifierView};
pub use self::credentials::{BriefView, CredentialView, ElementView, VersionView};
pub use self::recognition::{
    AcrossLanguagesView, AgreementEntryView, AgreementView, AuditEntryView, CompareView,
    ComparisonView, DecisionHistoryView, DecisionView, DecisionsView, EquivalentView,
    EquivalentsView, InstitutionView, explain, explain_no_specific,
};
pub use self::search::{
    FacetValueView, FacetsView, HitView, ReindexView, SearchView, UnstatedView,
};
pub use self::sources::{
    HarvestStartedView, NotificationView, ReportAnswerView, RunView, RunsView, SourceReportView,
    SourceView, SourcesView, ValidationReportView,
};

/// The languages a visitor asks for in `Accept-Language`, best first.
pub fn accept_languages(request: &HttpRequest) -> Vec<String> {
    let Some(header) = request
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
    else {
        return Vec::new();
    };
    let mut weighted: Vec<(f32, String)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            if tag.is_empty() || tag == "*" {
                return None;
            }
            let weight = pieces
                .find_map(|piece| piece.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            Some((weight, tag.to_owned()))
        })
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0));
    weighted.into_iter().map(|(_, tag)| tag).take(8).collect()
}

pub(crate) fn best(text: &model::LangText, languages: &[String]) -> Option<(String, String)> {
    let preferred: Vec<&str> = languages.iter().map(String::as_str).collect();
    text.best_with_lang(&preferred)
        .map(|(tag, text)| (tag.to_string(), text.to_owned()))
}
