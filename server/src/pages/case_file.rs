//! `/decisions/{id}/case-file`: a decision's case file for the student's file, one
//! document laid out to be printed on A4 (or saved as PDF from the browser's print
//! dialog): the decision, both credentials side by side, the element comparison, the
//! precedents and the audit trail, with the addresses of the decision, the credentials
//! and the machine-readable case file written out. What it holds is read by
//! [`crate::case_file::gather`], the same read as the JSON's; who may see it is the
//! decision's rule (a private decision's case file is 404 to anyone else).
//!
//! No PDF is made on the server: the crates that would lay out such a document well
//! (typst) weigh more than the rest of the service, and those that are light (printpdf,
//! krilla, genpdf) leave line breaking, tables and page breaks to the caller. The
//! browser lays out this page with the print stylesheet, and its "Save as PDF" gives the
//! PDF, tagged from the page's own structure.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use model::StoredRecord;
use recognition::compare::Comparison;
use search::Facet;
use store::DecisionOutcome;

use super::compare::{ElementRow, Finding, element_rows, lacking, percent, precedent_note};
use super::decision::{HistoryEntry, history};
use super::decisions::{DecisionItem, items};
use super::i18n;
use super::records::{Summary, eqf_text, field_labels, language_list, outcome_texts};
use super::shared::{Layout, PageError, Text, render};
use crate::case_file::{CaseFile, Standing};
use crate::state::AppState;

/// One credential of the case file, as printed.
#[derive(Debug)]
pub struct CaseCredential {
    /// `A` for the credential held, `B` for the equivalent.
    letter: &'static str,
    /// "Credential held", "Equivalent credential".
    role: String,
    /// Title, awarding body, country, workload, EQF level.
    summary: Summary,
    /// Its codes (course codes and other identifiers), comma-separated.
    codes: Option<String>,
    /// Course, module, micro-credential, ...
    kind: String,
    /// The EQF level in words.
    eqf: Option<String>,
    fields: Vec<String>,
    languages: String,
    outcomes: Vec<Text>,
    assessment: Option<Text>,
    quality_assurance: Option<Text>,
    /// Which version this is, and whether it changed since.
    version_note: String,
    /// Its publisher withdrew it.
    deleted: bool,
    /// Its address, written out.
    address: String,
}

impl CaseCredential {
    fn new(
        letter: &'static str,
        role: String,
        record: &StoredRecord,
        version_note: String,
        base: &str,
        (institutions, languages): (&config::Institutions, &[String]),
    ) -> CaseCredential {
        let empty = model::Credential::default();
        let credential = record.credential.as_ref().unwrap_or(&empty);
        let summary = Summary::new(
            &record.id,
            credential,
            institutions,
            languages,
            super::i18n::current(),
        );
        let codes: Vec<&str> = credential
            .identifiers
            .iter()
            .filter(|identifier| !identifier.value.starts_with("http"))
            .map(|identifier| identifier.value.as_str())
            .collect();
        CaseCredential {
            letter,
            role,
            codes: (!codes.is_empty()).then(|| codes.join(", ")),
            kind: super::i18n::facet_label(Facet::Kind, credential.kind.as_str()),
            eqf: eqf_text(credential, super::i18n::current()),
            fields: field_labels(credential),
            languages: language_list(&credential.languages),
            outcomes: outcome_texts(credential, languages),
            assessment: Text::best(&credential.assessment, languages),
            quality_assurance: Text::best(&credential.quality_assurance, languages),
            version_note,
            deleted: record.deleted,
            address: format!("{base}{}", summary.href),
            summary,
        }
    }
}

/// What the two credentials compared find, as printed.
#[derive(Debug)]
struct ComparedView {
    finding: Finding,
    score: u32,
    elements: Vec<ElementRow>,
    /// What the credential held does not state.
    ask_for: Vec<String>,
}

impl ComparedView {
    fn new(comparison: &Comparison) -> ComparedView {
        ComparedView {
            finding: Finding::of(comparison),
            score: percent(comparison.score),
            elements: element_rows(comparison),
            ask_for: lacking(comparison, true),
        }
    }
}

#[derive(Template)]
#[template(path = "case_file.html")]
struct CaseFilePage {
    layout: Layout,
    /// The decision, in words.
    item: DecisionItem,
    /// Where it stands: a badge class and words.
    standing: (&'static str, String),
    withdrawal_reason: Option<String>,
    held: Option<CaseCredential>,
    target: Option<CaseCredential>,
    /// For an equivalence whose credentials are both still published.
    compared: Option<ComparedView>,
    /// Why there is no comparison, when there is none.
    not_compared: Option<String>,
    /// How the other decisions bear on the equivalent, in one sentence.
    precedent_note: Option<String>,
    /// The other decisions about the credential held, in force.
    precedents: Vec<DecisionItem>,
    /// How many other decisions about it were withdrawn.
    withdrawn_precedents: usize,
    history: Vec<HistoryEntry>,
    /// When this case file was put together.
    generated: String,
    /// Addresses written out: this case file, the decision's page, the JSON.
    address: String,
    decision_href: String,
    json_href: String,
    json_address: String,
}

/// Which version of the credential held the case file shows, and whether it changed.
fn held_version_note(case: &CaseFile, record: &StoredRecord) -> String {
    let (shown, relied_on) = (record.version, case.decision().relied_on.version);
    match case.held_current_version {
        _ if shown != relied_on => i18n::t2(
            "case-version-now-older-gone",
            "shown",
            shown,
            "relied_on",
            relied_on,
        ),
        Some(now) if now == shown => i18n::t1("case-version-unchanged", "shown", shown),
        Some(now) => i18n::t2("case-version-changed", "shown", shown, "now", now),
        None => i18n::t1("case-version-decided-on", "shown", shown),
    }
}

fn standing_words(
    case: &CaseFile,
    item: &DecisionItem,
    today: chrono::NaiveDate,
) -> (&'static str, String) {
    match case.standing(today) {
        Standing::InForce => ("match", i18n::t("case-in-force")),
        Standing::Withdrawn => ("substantial", i18n::t("history-withdrawn")),
        Standing::AtRisk => (
            "minor",
            i18n::t1(
                "case-at-risk",
                "changes",
                item.at_risk.clone().unwrap_or_default(),
            ),
        ),
        Standing::Expired => (
            "unknown",
            i18n::t1(
                "case-expired",
                "date",
                item.valid_until.clone().unwrap_or_default(),
            ),
        ),
    }
}

/// `GET /decisions/{id}/case-file`.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let session = super::session::current(&request, &state.config.tokens);
    let languages = super::i18n::content_languages(&request);
    let app = state.get_ref().clone();
    let budget_ms = state.config.server.recognition_budget_ms;
    let (wanted, langs) = (id.clone(), languages.clone());
    let (case, listed) = crate::budget::within("the case file", budget_ms, move || {
        let caller = session.as_ref().map(|session| &session.caller);
        let case = crate::case_file::gather(&app, &wanted, caller)?.ok_or_else(|| {
            PageError::NotFound(i18n::t1("error-no-such-decision", "id", &wanted))
        })?;
        let decisions = std::iter::once(case.decision().clone())
            .chain(case.others.iter().cloned())
            .collect();
        let (listed, _) = items(
            app.indexer.store(),
            &app.config,
            decisions,
            &langs,
            session.as_ref(),
            0..usize::MAX,
        )?;
        Ok::<_, PageError>((case, listed))
    })
    .await?;
    let decision = case.decision();
    let (mut mine, others): (Vec<DecisionItem>, Vec<DecisionItem>) =
        listed.into_iter().partition(|item| item.id == decision.id);
    let mut item = mine
        .pop()
        .expect("the decision is listed for who may see it");
    item.withdraw = None;
    let (withdrawn, precedents): (Vec<DecisionItem>, Vec<DecisionItem>) =
        others.into_iter().partition(|other| other.withdrawn);
    let (base, _) = crate::params::published_at(&request, state.config.server.public_url.as_ref());
    let held = case.held.as_ref().map(|record| {
        CaseCredential::new(
            "A",
            i18n::t("case-credential-held"),
            record,
            held_version_note(&case, record),
            &base,
            (&state.config.institutions, &languages),
        )
    });
    let target = case.target.as_ref().map(|record| {
        CaseCredential::new(
            "B",
            i18n::t("case-equivalent-credential"),
            record,
            i18n::t1("case-version-as-now", "shown", record.version),
            &base,
            (&state.config.institutions, &languages),
        )
    });
    let not_compared = match (&decision.outcome, &case.comparison) {
        (_, Some(_)) => None,
        (DecisionOutcome::Equivalent { .. }, None) => Some(i18n::t("case-not-compared-gone")),
        (DecisionOutcome::Credits { .. }, None) => Some(i18n::t("case-not-compared-credits")),
        (DecisionOutcome::Refused, None) => Some(i18n::t("case-not-compared-refused")),
    };
    let today = Utc::now().date_naive();
    let json_href = format!("/api/v1/recognitions/{id}/case-file");
    let title = i18n::t1("case-title", "title", &item.credential_title.text);
    let page = CaseFilePage {
        layout: Layout::new(title, "decisions", &request, &state),
        standing: standing_words(&case, &item, today),
        withdrawal_reason: decision.withdrawal_reason.clone(),
        held,
        target,
        compared: case.comparison.as_ref().map(ComparedView::new),
        not_compared,
        precedent_note: case.precedents.as_ref().and_then(precedent_note),
        withdrawn_precedents: withdrawn.len(),
        precedents,
        history: history(&state.config, &case.revisions),
        generated: i18n::current().date_time(Utc::now()),
        address: format!("{base}/decisions/{id}/case-file"),
        decision_href: format!("/decisions/{id}"),
        json_address: format!("{base}{json_href}"),
        json_href,
        item,
    };
    render(actix_web::http::StatusCode::OK, &page)
}
