//! A learner's portfolio and whether its credentials would count at an institution
//! (`/portfolio/export.json`).

use chrono::{DateTime, Utc};
use model::{Credential, RecordId};
use recognition::evidence::signals::Label;
use recognition::portfolio::{Answer, Basis};
use serde::Serialize;

use super::best;

/// The portfolio, as downloaded.
#[derive(Debug, Serialize)]
pub struct PortfolioView {
    /// The institution asked about: its key (`null` when none was chosen).
    pub institution: Option<String>,
    /// Its name.
    pub institution_name: Option<String>,
    /// When this answer was made.
    pub generated_at: DateTime<Utc>,
    /// What the answers are (and are not).
    pub note: &'static str,
    /// The credentials, in the order added.
    pub items: Vec<PortfolioItemView>,
    /// ECTS credits added up (`null` when no institution was chosen).
    pub totals: Option<PortfolioTotalsView>,
}

/// One credential of a portfolio.
#[derive(Debug, Serialize)]
pub struct PortfolioItemView {
    /// Record id (`upload.…` for a credential uploaded in this browser).
    pub id: String,
    /// Its page.
    pub url: String,
    /// Title in the best language for the visitor (`null` when no longer published).
    pub title: Option<String>,
    /// Its ECTS credits, when stated in ECTS.
    pub ects: Option<f64>,
    /// What larger credential it stacks into, as its record says.
    pub stackability: Option<String>,
    /// Whether it is no longer published (or the upload no longer held).
    pub gone: bool,
    /// Whether it would count at the institution (`null` when none was chosen).
    pub answer: Option<PortfolioAnswerView>,
}

/// Whether one credential would count.
#[derive(Debug, Serialize)]
pub struct PortfolioAnswerView {
    /// `match`, `maybe` or `miss`.
    pub label: &'static str,
    /// `own` (the institution's own credential), `decision` (it decided about this
    /// credential), `lookup` (a suggestion from comparing its credentials) or `nothing`
    /// (it publishes nothing comparable).
    pub basis: &'static str,
    /// What it rests on, in words.
    pub explanation: String,
    /// The decision, when one answers.
    pub decision: Option<String>,
    /// The credential it would count as: the decision's equivalent or the lookup's
    /// candidate.
    pub counts_as: Option<String>,
    /// The lookup's probability that the candidate is the equivalent.
    pub probability: Option<f64>,
    /// The ECTS credits it would count for (a decision's credits, else its own).
    pub ects: Option<f64>,
}

/// The ECTS credits of a portfolio.
#[derive(Debug, Default, Serialize)]
pub struct PortfolioTotalsView {
    /// Every credential's stated ECTS credits.
    pub ects: f64,
    /// Those labelled Match.
    pub ects_match: f64,
    /// Those labelled Maybe.
    pub ects_maybe: f64,
}

/// The wire name of a label.
pub fn label_name(label: Label) -> &'static str {
    match label {
        Label::Match => "match",
        Label::Maybe => "maybe",
        Label::Miss => "miss",
    }
}

impl PortfolioItemView {
    /// The view of a held credential (`None`: no longer published) and its answer with
    /// the answer's explanation and counted credits.
    pub fn new(
        id: &RecordId,
        credential: Option<&Credential>,
        answer: Option<(&Answer, String, Option<f64>)>,
        languages: &[String],
    ) -> PortfolioItemView {
        PortfolioItemView {
            id: id.to_string(),
            url: format!("/api/v1/credentials/{id}"),
            title: credential
                .and_then(|c| best(&c.title, languages))
                .map(|(_, t)| t),
            ects: credential.and_then(Credential::ects),
            stackability: credential
                .and_then(|c| best(&c.stackability, languages))
                .map(|(_, text)| text),
            gone: credential.is_none(),
            answer: answer.map(|(answer, explanation, ects)| {
                let (basis, decision, counts_as, probability) = match &answer.basis {
                    Basis::Own => ("own", None, None, None),
                    Basis::Decision(decision) => (
                        "decision",
                        Some(decision.id.clone()),
                        match &decision.outcome {
                            store::DecisionOutcome::Equivalent { target } => {
                                Some(target.to_string())
                            }
                            _ => None,
                        },
                        None,
                    ),
                    Basis::Lookup(hit) => (
                        "lookup",
                        None,
                        Some(hit.record.id.to_string()),
                        Some(hit.probability),
                    ),
                    Basis::NoCandidate => ("nothing", None, None, None),
                };
                PortfolioAnswerView {
                    label: label_name(answer.label),
                    basis,
                    explanation,
                    decision,
                    counts_as,
                    probability,
                    ects,
                }
            }),
        }
    }
}
