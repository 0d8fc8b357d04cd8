//! Comparisons, equivalents and their precedents, recognition decisions and their audit.

use chrono::{DateTime, NaiveDate, Utc};
use model::StoredRecord;
use recognition::compare::{Comparison, ElementComparison, OutcomeAlignment};
use recognition::equivalence::{Equivalents, Listing, NearIdentical, Precedents};
use serde::Serialize;
use store::{AtRisk, AuditEntry, Decision, DecisionOutcome, Fingerprint};

use super::BriefView;

/// One element of two credentials compared.
#[derive(Debug, Serialize)]
pub struct ElementComparisonView {
    /// `level`, `workload`, `quality`, `profile` or `learning_outcomes`.
    pub element: &'static str,
    /// The value of the credential held (A), as text.
    pub a: Option<String>,
    /// The value of the candidate (B), as text.
    pub b: Option<String>,
    /// `match`, `minor_difference`, `substantial_difference` or `unknown`.
    pub verdict: &'static str,
    /// One line that says why.
    pub reason: String,
}

/// Which outcome of B best covers an outcome of A.
#[derive(Debug, Serialize)]
pub struct OutcomeAlignmentView {
    /// Index of the outcome in A.
    pub a_index: usize,
    /// Its text.
    pub a_text: String,
    /// Index of the best matching outcome in B, if any is close enough.
    pub b_index: Option<usize>,
    /// That outcome's text.
    pub b_text: Option<String>,
    /// Similarity of the pair, 0 to 1.
    pub similarity: f64,
}

/// Two credentials compared on the five elements of recognition practice.
#[derive(Debug, Serialize)]
pub struct ComparisonView {
    /// Overall score, 0 to 1.
    pub score: f64,
    /// Text similarity of titles, outcomes and descriptions, 0 to 1.
    pub text_similarity: f64,
    /// The five elements.
    pub elements: Vec<ElementComparisonView>,
    /// The alignment of A's outcomes with B's.
    pub outcome_alignment: Vec<OutcomeAlignmentView>,
    /// Share of A's outcomes covered by B, if A states outcomes.
    pub outcomes_covered: Option<f64>,
    /// Whether any element differs substantially.
    pub has_substantial_difference: bool,
}

impl ComparisonView {
    /// The view of a comparison.
    pub fn new(comparison: &Comparison) -> ComparisonView {
        ComparisonView {
            score: comparison.score,
            text_similarity: comparison.text_similarity,
            elements: comparison
                .elements
                .iter()
                .map(|element: &ElementComparison| ElementComparisonView {
                    element: element.element.name(),
                    a: element.a.clone(),
                    b: element.b.clone(),
                    verdict: element.verdict.name(),
                    reason: element.reason.clone(),
                })
                .collect(),
            outcome_alignment: comparison
                .outcome_alignment
                .iter()
                .map(|pair: &OutcomeAlignment| OutcomeAlignmentView {
                    a_index: pair.a_index,
                    a_text: pair.a_text.clone(),
                    b_index: pair.b_index,
                    b_text: pair.b_text.clone(),
                    similarity: pair.similarity,
                })
                .collect(),
            outcomes_covered: comparison.outcomes_covered,
            has_substantial_difference: comparison.has_substantial_difference,
        }
    }
}

/// Decisions already taken for a candidate pair.
#[derive(Debug, Serialize)]
pub struct PrecedentsView {
    /// Decisions that recognised the credential, or a near-identical one, as this
    /// candidate (`direct` + `near_identical`).
    pub equivalent: usize,
    /// Decisions that recognised them otherwise or refused them.
    pub other: usize,
    /// Share of those decisions that agree with this pairing, 0 to 1.
    pub consistency: Option<f64>,
    /// Of `equivalent`, the decisions about the credential held itself.
    pub direct: usize,
    /// Of `equivalent`, the decisions about a near-identical credential.
    pub near_identical: usize,
    /// The direct decisions for this pair.
    pub decisions: Vec<DecisionView>,
    /// The decisions for this pair taken about a near-identical credential.
    pub near_identical_decisions: Vec<DecisionView>,
}

impl PrecedentsView {
    /// The view of a candidate's precedents.
    pub fn new(precedents: &Precedents) -> PrecedentsView {
        PrecedentsView {
            equivalent: precedents.equivalent,
            other: precedents.other,
            consistency: precedents.consistency,
            direct: precedents.direct,
            near_identical: precedents.near_identical,
            decisions: precedents
                .decisions
                .iter()
                .map(DecisionView::revision)
                .collect(),
            near_identical_decisions: precedents
                .near_identical_decisions
                .iter()
                .map(DecisionView::revision)
                .collect(),
        }
    }
}

/// Another listing of a hit's course (a cross-listing).
#[derive(Debug, Serialize)]
pub struct ListingView {
    /// Its record id.
    pub id: String,
    /// Its course code.
    pub code: String,
}

/// A credential taken as near-identical to the one held.
#[derive(Debug, Serialize)]
pub struct NearIdenticalView {
    /// Its record id.
    pub id: String,
    /// Why it counts.
    pub reason: String,
}

/// One candidate equivalent.
#[derive(Debug, Serialize)]
pub struct EquivalentView {
    /// The candidate.
    pub credential: BriefView,
    /// Overall score, 0 to 1.
    pub score: f64,
    /// The five elements, outcome alignment and text similarity.
    pub comparison: ComparisonView,
    /// Decisions already taken for this pair, and how consistent they are.
    pub precedents: PrecedentsView,
    /// Record ids of the same course listed by the same source under other codes
    /// (cross-listings), folded into this hit.
    pub also_listed_as: Vec<ListingView>,
}

/// The answer of the equivalence lookup.
#[derive(Debug, Serialize)]
pub struct EquivalentsView {
    /// The credential held.
    pub credential: BriefView,
    /// Candidates at or above the threshold, best first.
    pub hits: Vec<EquivalentView>,
    /// The threshold applied.
    pub threshold: f64,
    /// True when no candidate reached the threshold.
    pub no_equivalent_above_threshold: bool,
    /// How many candidates were compared.
    pub candidates_compared: usize,
    /// Credentials near-identical to the one held whose decisions count as precedents.
    pub near_identical: Vec<NearIdenticalView>,
}

impl EquivalentsView {
    /// The view of a lookup's result.
    pub fn new(
        record: &StoredRecord,
        found: &Equivalents,
        languages: &[String],
    ) -> EquivalentsView {
        EquivalentsView {
            credential: BriefView::new(record, languages),
            hits: found
                .hits
                .iter()
                .map(|hit| EquivalentView {
                    credential: BriefView::new(&hit.record, languages),
                    score: hit.score,
                    comparison: ComparisonView::new(&hit.comparison),
                    precedents: PrecedentsView::new(&hit.precedents),
                    also_listed_as: hit
                        .also_listed_as
                        .iter()
                        .map(|listing: &Listing| ListingView {
                            id: listing.id.to_string(),
                            code: listing.code.clone(),
                        })
                        .collect(),
                })
                .collect(),
            threshold: found.threshold,
            no_equivalent_above_threshold: found.no_equivalent_above_threshold,
            candidates_compared: found.candidates_compared,
            near_identical: found
                .near_identical
                .iter()
                .map(|near: &NearIdentical| NearIdenticalView {
                    id: near.id.to_string(),
                    reason: near.reason.clone(),
                })
                .collect(),
        }
    }
}

/// Two records side by side.
#[derive(Debug, Serialize)]
pub struct CompareView {
    /// The credential held.
    pub a: BriefView,
    /// The candidate.
    pub b: BriefView,
    /// The comparison.
    pub comparison: ComparisonView,
    /// Decisions taken about A (precedents), with the ones naming B first.
    pub precedents: Vec<DecisionView>,
}

impl CompareView {
    /// The view of a comparison.
    pub fn new(
        a: &StoredRecord,
        b: &StoredRecord,
        comparison: &Comparison,
        mut precedents: Vec<Decision>,
        languages: &[String],
    ) -> CompareView {
        precedents.retain(|d| !d.withdrawn);
        precedents.sort_by_key(
            |d| !matches!(&d.outcome, DecisionOutcome::Equivalent { target } if *target == b.id),
        );
        CompareView {
            a: BriefView::new(a, languages),
            b: BriefView::new(b, languages),
            comparison: ComparisonView::new(comparison),
            precedents: precedents.iter().map(DecisionView::revision).collect(),
        }
    }
}

/// What was decided.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutcomeView {
    /// Equivalent to one of the deciding institution's credentials.
    Equivalent {
        /// That credential.
        target: String,
    },
    /// Recognised for credits without a specific equivalent.
    Credits {
        /// ECTS credits granted.
        ects: f64,
    },
    /// Not recognised.
    Refused,
}

/// What a decision relied on.
#[derive(Debug, Serialize)]
pub struct FingerprintView {
    /// The version of the credential decided on.
    pub version: u32,
    /// Its ECTS credits.
    pub ects: Option<f64>,
    /// Its EQF level.
    pub eqf_level: Option<u8>,
    /// A hash of its learning outcomes.
    pub outcomes_hash: String,
}

/// Why a decision may no longer hold.
#[derive(Debug, Serialize)]
pub struct AtRiskView {
    /// When the change was harvested.
    pub detected_at: DateTime<Utc>,
    /// The version of the credential that changed it.
    pub version: u32,
    /// What changed.
    pub changes: Vec<String>,
}

/// A recognition decision, one revision of it (with `url` when it is the decision
/// answered, not one of its revisions).
#[derive(Debug, Serialize)]
pub struct DecisionView {
    /// Stable id across revisions.
    pub id: String,
    /// Revision number, 1 for the first.
    pub revision: u32,
    /// The credential recognised (or not).
    pub credential: String,
    /// The deciding institution.
    pub institution: String,
    /// What was decided.
    pub outcome: OutcomeView,
    /// Conditions attached.
    pub conditions: Option<String>,
    /// Why.
    pub rationale: String,
    /// When it was decided.
    pub decided_on: NaiveDate,
    /// Until when it holds, if limited.
    pub valid_until: Option<NaiveDate>,
    /// Not published to other clearinghouses.
    pub private: bool,
    /// When this revision was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The token that recorded it.
    pub recorded_by: String,
    /// Whether this revision withdraws the decision.
    pub withdrawn: bool,
    /// What the decision relied on.
    pub relied_on: FingerprintView,
    /// Set when a harvest changed or deleted the credential after the decision.
    pub at_risk: Option<AtRiskView>,
    /// Where the decision is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl DecisionView {
    /// The view of a decision, with its URL.
    pub fn new(decision: &Decision) -> DecisionView {
        DecisionView {
            url: Some(format!("/api/v1/recognitions/{}", decision.id)),
            ..DecisionView::revision(decision)
        }
    }

    /// The view of one revision of a decision (in a list of revisions or precedents).
    pub fn revision(decision: &Decision) -> DecisionView {
        let Fingerprint {
            version,
            ects,
            eqf_level,
            outcomes_hash,
        } = &decision.relied_on;
        DecisionView {
            id: decision.id.clone(),
            revision: decision.revision,
            credential: decision.credential.to_string(),
            institution: decision.institution.clone(),
            outcome: match &decision.outcome {
                DecisionOutcome::Equivalent { target } => OutcomeView::Equivalent {
                    target: target.to_string(),
                },
                DecisionOutcome::Credits { ects } => OutcomeView::Credits { ects: *ects },
                DecisionOutcome::Refused => OutcomeView::Refused,
            },
            conditions: decision.conditions.clone(),
            rationale: decision.rationale.clone(),
            decided_on: decision.decided_on,
            valid_until: decision.valid_until,
            private: decision.private,
            recorded_at: decision.recorded_at,
            recorded_by: decision.recorded_by.clone(),
            withdrawn: decision.withdrawn,
            relied_on: FingerprintView {
                version: *version,
                ects: *ects,
                eqf_level: *eqf_level,
                outcomes_hash: outcomes_hash.clone(),
            },
            at_risk: decision
                .at_risk
                .as_ref()
                .map(|at_risk: &AtRisk| AtRiskView {
                    detected_at: at_risk.detected_at,
                    version: at_risk.version,
                    changes: at_risk.changes.clone(),
                }),
            url: None,
        }
    }
}

/// One write to the decisions, for the audit trail.
#[derive(Debug, Serialize)]
pub struct AuditEntryView {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (token id), or `harvest` for at-risk flags.
    pub actor: String,
    /// What: `created`, `revised`, `withdrawn`, `flagged_at_risk`.
    pub action: String,
    /// Which decision.
    pub decision_id: String,
    /// Which revision resulted.
    pub revision: u32,
}

impl AuditEntryView {
    /// The view of an audit entry.
    pub fn new(entry: &AuditEntry) -> AuditEntryView {
        AuditEntryView {
            at: entry.at,
            actor: entry.actor.clone(),
            action: entry.action.clone(),
            decision_id: entry.decision_id.clone(),
            revision: entry.revision,
        }
    }
}

/// `GET /api/v1/recognitions`: the latest revisions of the decisions asked for.
#[derive(Debug, Serialize)]
pub struct DecisionsView {
    /// How many.
    pub total: usize,
    /// The decisions, newest decided first.
    pub decisions: Vec<DecisionView>,
}

/// `GET /api/v1/recognitions/{id}`: a decision with every revision and its audit.
#[derive(Debug, Serialize)]
pub struct DecisionHistoryView {
    /// The latest revision.
    pub decision: DecisionView,
    /// Every revision, oldest first.
    pub revisions: Vec<DecisionView>,
    /// The audit entries of the decision, oldest first.
    pub audit: Vec<AuditEntryView>,
}
