//! Comparisons, equivalents and their precedents, recognition decisions and their audit.

use chrono::{DateTime, NaiveDate, Utc};
use model::StoredRecord;
use recognition::compare::{Comparison, ElementComparison, OutcomeAlignment};
use recognition::equivalence::{
    EquivalentHit, Equivalents, Listing, NearIdentical, NoSpecific, Precedent, Precedents,
};
use recognition::evidence::signals::Support;
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
    /// `match`, `minor_difference`, `substantial_difference` or `unknown` (not
    /// comparable).
    pub verdict: &'static str,
    /// For an element that could not be compared: which side lacks it (`held`,
    /// `candidate`, `both`) or `incomparable` when both state it in terms that cannot be
    /// compared.
    pub missing: Option<&'static str>,
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
    /// True when B's outcomes are all in another language than this one and nothing
    /// could compare them (no multilingual model): "compare them yourself", not "not
    /// covered".
    pub not_compared_across_languages: bool,
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
    /// How many of the five elements could be compared.
    pub comparable: usize,
    /// `comparable` of five, 0 to 1: how much the finding rests on.
    pub confidence: f64,
    /// What the comparison finds: `no_substantial_difference` (among the `comparable`
    /// elements, at least 3), `substantial_difference`, or `not_enough_information`
    /// (fewer than 3 elements could be compared).
    pub overall: &'static str,
    /// The elements the credential held does not state: what to ask its institution for.
    pub to_ask_for: Vec<&'static str>,
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
                    missing: element.missing.map(|missing| missing.name()),
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
                    not_compared_across_languages: pair.not_compared_across_languages,
                })
                .collect(),
            outcomes_covered: comparison.outcomes_covered,
            has_substantial_difference: comparison.has_substantial_difference,
            comparable: comparison.comparable,
            confidence: comparison.confidence(),
            overall: comparison.overall.name(),
            to_ask_for: comparison
                .to_ask_for()
                .into_iter()
                .map(|element| element.name())
                .collect(),
        }
    }
}

/// Decisions already taken for a candidate pair.
#[derive(Debug, Serialize)]
pub struct PrecedentsView {
    /// Decisions that still hold and recognised the credential, or a near-identical one,
    /// as this candidate (`direct` + `near_identical`).
    pub equivalent: usize,
    /// Decisions that still hold and contradict this candidate: taken at the candidate's
    /// institution, they recognised the credential (or a near-identical one) as another
    /// of its credentials, for credits only, or refused it. Decisions at other
    /// institutions are not counted (see `by_institution`).
    pub other: usize,
    /// Share of `equivalent` in `equivalent + other`, 0 to 1.
    pub consistency: Option<f64>,
    /// Of `equivalent`, the decisions about the credential held itself.
    pub direct: usize,
    /// Of `equivalent`, the decisions about a near-identical credential.
    pub near_identical: usize,
    /// The direct decisions for this pair (at risk or expired ones included, flagged).
    pub decisions: Vec<DecisionView>,
    /// The decisions for this pair taken about a near-identical credential.
    pub near_identical_decisions: Vec<DecisionView>,
    /// Every decision that bears on the pair, grouped by deciding institution (the
    /// candidate's first), each with how it bears on this candidate.
    pub by_institution: Vec<InstitutionPrecedentsView>,
}

/// The decisions of one institution that bear on a candidate pair.
#[derive(Debug, Serialize)]
pub struct InstitutionPrecedentsView {
    /// The deciding institution.
    pub institution: String,
    /// Whether it is the candidate's institution (its decisions can contradict the
    /// candidate; others' are shown apart).
    pub candidates_institution: bool,
    /// Its decisions, newest first.
    pub decisions: Vec<PrecedentView>,
}

/// One decision as a precedent for a candidate.
#[derive(Debug, Serialize)]
pub struct PrecedentView {
    /// The decision's id.
    pub id: String,
    /// Where the decision is.
    pub url: String,
    /// The credential it decided on (the one held, or a near-identical one).
    pub credential: String,
    /// Whether that credential is a near-identical one.
    pub near_identical: bool,
    /// How it bears on the candidate: `recognised_as_this`, `competing_equivalence`,
    /// `credits_only`, `refused` (those three taken at the candidate's institution) or
    /// `elsewhere`.
    pub relation: &'static str,
    /// What was decided.
    pub outcome: OutcomeView,
    /// When it was decided.
    pub decided_on: NaiveDate,
    /// Until when it holds, if limited.
    pub valid_until: Option<NaiveDate>,
    /// Whether its validity has ended.
    pub expired: bool,
    /// Whether its credential changed or vanished upstream since (see the decision).
    pub at_risk: bool,
    /// Whether it still holds (neither expired nor at risk).
    pub holds: bool,
    /// Whether it is counted in `equivalent` or `other`: it holds and recognised the
    /// credential as this candidate or contradicts it (decisions elsewhere never are).
    pub counted: bool,
}

impl PrecedentView {
    fn new(precedent: &Precedent) -> PrecedentView {
        let decision = &precedent.decision;
        PrecedentView {
            id: decision.id.clone(),
            url: format!("/api/v1/recognitions/{}", decision.id),
            credential: decision.credential.to_string(),
            near_identical: precedent.near_identical,
            relation: precedent.relation.name(),
            outcome: OutcomeView::of(&decision.outcome),
            decided_on: decision.decided_on,
            valid_until: decision.valid_until,
            expired: precedent.expired,
            at_risk: decision.at_risk.is_some(),
            holds: precedent.holds(),
            counted: precedent.counted(),
        }
    }
}

impl PrecedentsView {
    /// The view of a candidate's precedents; `institution` is the candidate's.
    pub fn new(precedents: &Precedents, institution: &str) -> PrecedentsView {
        let mut by_institution: Vec<InstitutionPrecedentsView> = Vec::new();
        for precedent in &precedents.all {
            let deciding = &precedent.decision.institution;
            let group = match by_institution
                .iter_mut()
                .find(|g| g.institution == *deciding)
            {
                Some(group) => group,
                None => {
                    by_institution.push(InstitutionPrecedentsView {
                        institution: deciding.clone(),
                        candidates_institution: deciding == institution,
                        decisions: Vec::new(),
                    });
                    by_institution.last_mut().expect("just pushed")
                }
            };
            group.decisions.push(PrecedentView::new(precedent));
        }
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
            by_institution,
        }
    }
}

/// What the recorded decisions of the candidate's institution say for a candidate.
#[derive(Debug, Serialize)]
pub struct EvidenceView {
    /// Decided credentials similar to the one held that were recognised as this
    /// candidate.
    pub similar_recognised: usize,
    /// From how many sending institutions those come.
    pub similar_senders: usize,
    /// Those credentials, most similar first, with their similarity (0 to 1).
    pub similar: Vec<SimilarView>,
    /// How the sender's subject maps onto the candidate's, if decisions show it.
    pub subject_mapping: Option<SubjectMappingView>,
    /// A sibling's decision that implies this candidate (a sequence), if any.
    pub sequence: Option<SequenceView>,
    /// Whether a course with the same code from the same sender was recognised as it.
    pub same_code: bool,
    /// The above in words.
    pub explanation: Vec<String>,
}

/// A decided credential similar to the one held.
#[derive(Debug, Serialize)]
pub struct SimilarView {
    /// Its record id.
    pub id: String,
    /// Its similarity to the credential held, 0 to 1.
    pub similarity: f64,
}

/// How a sender's subject maps onto the receiver's, from its decisions.
#[derive(Debug, Serialize)]
pub struct SubjectMappingView {
    /// The sender's subject letters.
    pub from_subject: String,
    /// The candidate's subject letters.
    pub to_subject: String,
    /// Decisions that mapped one onto the other (weighted by recency).
    pub agreeing: f64,
    /// Decisions with a specific equivalent for the sender's subject.
    pub of: f64,
}

/// A sibling's decision implying the candidate.
#[derive(Debug, Serialize)]
pub struct SequenceView {
    /// The sibling's code.
    pub sibling_code: String,
    /// The code of what it was recognised as.
    pub sibling_target_code: String,
}

impl EvidenceView {
    fn new(support: &Support) -> EvidenceView {
        EvidenceView {
            similar_recognised: support.similar.len(),
            similar_senders: support.similar_senders,
            similar: support
                .similar
                .iter()
                .map(|(id, similarity)| SimilarView {
                    id: id.to_string(),
                    similarity: *similarity,
                })
                .collect(),
            subject_mapping: support.subject.as_ref().map(|m| SubjectMappingView {
                from_subject: m.from_subject.clone(),
                to_subject: m.to_subject.clone(),
                agreeing: m.agreeing,
                of: m.of,
            }),
            sequence: support.sequence.as_ref().map(|s| SequenceView {
                sibling_code: s.sibling_code.clone(),
                sibling_target_code: s.sibling_target_code.clone(),
            }),
            same_code: support.same_code,
            explanation: explain(support),
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What the recorded decisions say for a candidate, in words, strongest first.
pub fn explain(support: &Support) -> Vec<String> {
    let mut lines = Vec::new();
    if !support.similar.is_empty() {
        lines.push(format!(
            "{} from {} {} recognised as this course",
            count(
                support.similar.len(),
                "similar credential",
                "similar credentials"
            ),
            count(support.similar_senders, "institution", "institutions"),
            if support.similar.len() == 1 {
                "was"
            } else {
                "were"
            }
        ));
    }
    if support.same_code {
        lines.push(
            "a course with the same code from the same institution was recognised as this course"
                .to_owned(),
        );
    }
    if let Some(step) = &support.sequence {
        lines.push(format!(
            "{} from the same institution was recognised as {}: this course is at the same step of the sequence",
            step.sibling_code, step.sibling_target_code
        ));
    }
    if let Some(mapping) = &support.subject {
        lines.push(format!(
            "{} courses from the same institution were recognised as {} courses {} of {} times",
            mapping.from_subject,
            mapping.to_subject,
            mapping.agreeing.round() as u64,
            mapping.of.round().max(1.0) as u64
        ));
    }
    lines
}

/// Why "no specific equivalent" is likely, in words.
pub fn explain_no_specific(no_specific: &NoSpecific) -> Option<String> {
    let support = &no_specific.support;
    let given = support.credits + support.refused;
    if given == 0 {
        return None;
    }
    let what = match (support.credits, support.refused) {
        (_, 0) => "given credits only",
        (0, _) => "refused",
        _ => "given credits only or refused",
    };
    Some(format!(
        "{given} of {} similar credentials decided at this institution were {what}",
        support.similar
    ))
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
    /// How likely this is the equivalent at the candidate's institution, 0 to 1: from
    /// the score and that institution's recorded decisions, among the candidates found
    /// there and the option that it has none.
    pub probability: f64,
    /// `match`, `maybe` or `miss`: a suggestion, not a decision (see `note`).
    pub label: &'static str,
    /// What the institution's recorded decisions say for this candidate.
    pub evidence: EvidenceView,
    /// Record ids of the same course listed by the same source under other codes
    /// (cross-listings), folded into this hit.
    pub also_listed_as: Vec<ListingView>,
    /// Present when the candidate is written in another language than the credential
    /// held and the two were compared by meaning (the multilingual bridge).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub across_languages: Option<AcrossLanguagesView>,
    /// Present when the candidate is written in English, the credential held in another
    /// language, and a bilingual dictionary translated the credential held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translated: Option<TranslatedView>,
}

/// How a candidate in English compares with the dictionary translation of the
/// credential held.
#[derive(Debug, Serialize)]
pub struct TranslatedView {
    /// The language translated from (ISO 639-1).
    pub from: String,
    /// Share of the held text's content words the dictionary knew, 0 to 1.
    pub coverage: f64,
    /// Text similarity of the translation and the candidate, 0 to 1.
    pub similarity: f64,
    /// What it adds to their text similarity: `similarity` weighted by `coverage` (and
    /// by less when the multilingual vectors compared them).
    pub weighted: f64,
}

/// How a candidate in another language was compared.
#[derive(Debug, Serialize)]
pub struct AcrossLanguagesView {
    /// The language the candidate is described in (ISO 639-1, `und` if not known).
    pub described_in: String,
    /// The cosine of the two texts' multilingual vectors, each centred on its
    /// language's mean: it stands for their text similarity.
    pub similarity: f64,
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
    /// For a lookup at one institution: the option that it has no specific equivalent
    /// (elective credit only, or refusal).
    pub no_specific_equivalent: Option<NoSpecificView>,
    /// How many credentials the institution looked at has decided on, that the lookup
    /// learns from (0 across institutions).
    pub decided_credentials: usize,
    /// What the labels are.
    pub note: &'static str,
}

/// The option that the institution has no specific equivalent.
#[derive(Debug, Serialize)]
pub struct NoSpecificView {
    /// Its probability, 0 to 1.
    pub probability: f64,
    /// Whether it is more likely than the best candidate.
    pub likely: bool,
    /// Similar credentials the institution decided on.
    pub similar: usize,
    /// Of them, those given credits only.
    pub credits_only: usize,
    /// Of them, those refused.
    pub refused: usize,
    /// The above in words.
    pub explanation: Option<String>,
}

/// What the labels of equivalents are, for every answer that carries them.
pub const LABELS_NOTE: &str = "Match, Maybe and Miss are suggestions, not decisions: each comes from the text similarity, the five elements and the institution's recorded decisions; a recognition officer decides.";

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
                .map(|hit: &EquivalentHit| EquivalentView {
                    credential: BriefView::new(&hit.record, languages),
                    score: hit.score,
                    comparison: ComparisonView::new(&hit.comparison),
                    precedents: PrecedentsView::new(
                        &hit.precedents,
                        hit.record.provenance.source_id.as_str(),
                    ),
                    probability: hit.probability,
                    label: hit.label.name(),
                    evidence: EvidenceView::new(&hit.support),
                    also_listed_as: hit
                        .also_listed_as
                        .iter()
                        .map(|listing: &Listing| ListingView {
                            id: listing.id.to_string(),
                            code: listing.code.clone(),
                        })
                        .collect(),
                    across_languages: hit.across_languages.as_ref().map(|(lang, similarity)| {
                        AcrossLanguagesView {
                            described_in: lang.clone(),
                            similarity: *similarity,
                        }
                    }),
                    translated: hit.translated.as_ref().map(|t| TranslatedView {
                        from: t.from.clone(),
                        coverage: t.coverage,
                        similarity: t.similarity,
                        weighted: t.weighted,
                    }),
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
            no_specific_equivalent: found.no_specific.as_ref().map(|none| NoSpecificView {
                probability: none.probability,
                likely: none.likely,
                similar: none.support.similar,
                credits_only: none.support.credits,
                refused: none.support.refused,
                explanation: explain_no_specific(none),
            }),
            decided_credentials: found.decided_credentials,
            note: LABELS_NOTE,
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
    /// The same decisions as precedents for B: counted and grouped by institution, each
    /// with how it bears on B.
    pub precedents_for_b: PrecedentsView,
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
        let for_b = recognition::equivalence::precedents::for_candidate(
            &precedents,
            &[],
            &b.id,
            b.provenance.source_id.as_str(),
            Utc::now().date_naive(),
        );
        CompareView {
            a: BriefView::new(a, languages),
            b: BriefView::new(b, languages),
            comparison: ComparisonView::new(comparison),
            precedents: precedents.iter().map(DecisionView::revision).collect(),
            precedents_for_b: PrecedentsView::new(&for_b, b.provenance.source_id.as_str()),
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

impl OutcomeView {
    fn of(outcome: &DecisionOutcome) -> OutcomeView {
        match outcome {
            DecisionOutcome::Equivalent { target } => OutcomeView::Equivalent {
                target: target.to_string(),
            },
            DecisionOutcome::Credits { ects } => OutcomeView::Credits { ects: *ects },
            DecisionOutcome::Refused => OutcomeView::Refused,
        }
    }
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
    /// Why it was withdrawn, when the officer said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawal_reason: Option<String>,
    /// What the decision relied on.
    pub relied_on: FingerprintView,
    /// Set when a harvest changed or deleted the credential after the decision.
    pub at_risk: Option<AtRiskView>,
    /// Where the decision is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether the credential decided on was not harvested but uploaded by a person
    /// (its id is then `upload.…`).
    pub not_harvested: bool,
    /// For an uploaded credential: what identifies the file and what it claims.
    pub uploaded: Option<UploadedView>,
}

/// A credential decided on that was not harvested: an uploaded file, not kept.
#[derive(Debug, Serialize)]
pub struct UploadedView {
    /// `sha256-` and the hex SHA-256 of the file.
    pub content_hash: String,
    /// The credential's identifier in the file.
    pub upstream_id: String,
    /// Its title, as the file states it.
    pub title: String,
    /// The awarding body the file names: claimed, not verified.
    pub claimed_issuer: Option<String>,
    /// The format it was read as.
    pub format: String,
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
            outcome: OutcomeView::of(&decision.outcome),
            conditions: decision.conditions.clone(),
            rationale: decision.rationale.clone(),
            decided_on: decision.decided_on,
            valid_until: decision.valid_until,
            private: decision.private,
            recorded_at: decision.recorded_at,
            recorded_by: decision.recorded_by.clone(),
            withdrawn: decision.withdrawn,
            withdrawal_reason: decision.withdrawal_reason.clone(),
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
            not_harvested: decision.uploaded.is_some(),
            uploaded: decision.uploaded.as_ref().map(|uploaded| UploadedView {
                content_hash: uploaded.content_hash.clone(),
                upstream_id: uploaded.upstream_id.clone(),
                title: uploaded.title.clone(),
                claimed_issuer: uploaded.claimed_issuer.clone(),
                format: uploaded.format.to_string(),
            }),
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
    /// How many match (on every page).
    pub total: usize,
    /// Where this page starts among them.
    pub offset: usize,
    /// The most a page holds.
    pub limit: usize,
    /// Where the next page starts (`offset` of the next request), if there is one.
    pub next_offset: Option<usize>,
    /// This page of the decisions, newest decided first.
    pub decisions: Vec<DecisionView>,
}

/// An institution named in an answer: its id and its name.
#[derive(Debug, Serialize)]
pub struct InstitutionView {
    /// The institution's id (a source id, or a deciding institution's id).
    pub id: String,
    /// Its name.
    pub name: String,
}

/// One decision of an agreement: the decision, with the titles of the credentials it
/// names, in the language asked for.
#[derive(Debug, Serialize)]
pub struct AgreementEntryView {
    /// The decision.
    #[serde(flatten)]
    pub decision: DecisionView,
    /// The title of the credential decided on, if it is still stored.
    pub credential_title: Option<String>,
    /// The title of the equivalent credential, for an equivalence.
    pub target_title: Option<String>,
}

/// `GET /api/v1/agreements/{from}/{to}`: what institution `to` decided about the
/// credentials of institution `from`.
#[derive(Debug, Serialize)]
pub struct AgreementView {
    /// The institution whose credentials were decided on.
    pub from: InstitutionView,
    /// The institution that decided.
    pub to: InstitutionView,
    /// How many decisions match (on every page).
    pub total: usize,
    /// Where this page starts among them.
    pub offset: usize,
    /// The most a page holds.
    pub limit: usize,
    /// Where the next page starts, if there is one.
    pub next_offset: Option<usize>,
    /// This page of the decisions, newest decided first.
    pub decisions: Vec<AgreementEntryView>,
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
