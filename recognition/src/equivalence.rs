//! `equivalence/`: here is a credential, which credentials elsewhere are equivalent to it.
//!
//! Candidates come from the index ([`candidates`]): the credential's most distinctive terms
//! (by inverse document frequency) and its language-independent keys (ISCED-F field codes,
//! ESCO skill URIs) as a disjunctive query weighted title > outcomes > description; the best matches
//! by BM25 are read back from the store. Each candidate is then compared on the
//! five elements of recognition practice ([`crate::compare`]) and ranked by a score that
//! combines text similarity with the element verdicts, raised by precedents: decisions
//! already taken for the pair, about the credential itself or about a near-identical one
//! (same title and awarding body, or text similarity of at least
//! [`NEAR_IDENTICAL_SIMILARITY`]), reported apart. Text similarity ([`similarity`]) is a fixed blend of the
//! retrieval score, TF-IDF cosines of word 1–2-grams and of titles, IDF-weighted character
//! trigram cosines (which match truncated titles, abbreviations and inflections) and how
//! much of each title the other text covers; titles naming the same part of a sequence
//! (`… II`) or reading at the same level rank a little higher. When no candidate reaches
//! the threshold, the lookup says so instead of padding the list.

use model::{Credential, RecordId, SourceId, StoredRecord};

use search::SearchIndex;
use search::analysis::folded_words;
use search::parallel;
use search::similar::{Candidate, Idf, Scope, Snapshot};
use store::{Decision, DecisionOutcome, Store};

use self::similarity::{Features, Profile};
use crate::RecognitionError;
use crate::compare::{self, Comparison};

mod siblings;
mod similarity;

/// Word 1–2-gram TF-IDF cosine of all the text at or above which another credential counts
/// as near-identical to the one held, so that its decisions count as precedents too (the
/// same course reworded a little, or harvested twice). Same title and awarding body (both
/// normalised) count whatever the text says.
pub const NEAR_IDENTICAL_SIMILARITY: f64 = 0.9;
/// Records read from the index when looking for near-identical credentials.
const NEAR_IDENTICAL_CANDIDATES: usize = 10;
/// Candidates below this overall score are not offered as equivalents.
pub const DEFAULT_THRESHOLD: f64 = 0.35;
// The weights of the text features sum to 1. Character trigrams of the whole text carry
// most: on the VCCS → Virginia Tech equivalences they alone rank as well as the word
// features together, and they also match truncated titles and inflections.
/// Weight of the BM25 retrieval score (relative to the best candidate) in text similarity.
const RETRIEVAL_WEIGHT: f64 = 0.07;
/// Weight of the TF-IDF cosine of word 1–2-grams of the whole texts.
const TEXT_WEIGHT: f64 = 0.14;
/// Weight of the TF-IDF soft cosine of the titles.
const TITLE_WEIGHT: f64 = 0.07;
/// Weight of the cosine of the titles' character trigrams.
const TITLE_GRAMS_WEIGHT: f64 = 0.07;
/// Weight of the cosine of the whole texts' character trigrams.
const TEXT_GRAMS_WEIGHT: f64 = 0.58;
/// Weight of the IDF-weighted coverage of each title by the other text.
const TITLE_COVERAGE_WEIGHT: f64 = 0.07;
/// Share of text similarity given to skill URIs in common, when both sides state skills.
const SKILLS_WEIGHT: f64 = 0.3;
/// Score added when the titles read at the same level (no EQF level stated).
const LEVEL_CUE_BONUS: f64 = 0.03;
/// Score added when both titles name the same part of a sequence (`… II`), taken off
/// twice when they name different parts.
const SEQUENCE_BONUS: f64 = 0.03;
/// Candidates read from the index for each hit asked for (the comparison re-ranks them).
const CANDIDATES_PER_HIT: usize = 5;
/// Fewest candidates read from the index.
const MIN_CANDIDATES: usize = 50;

/// What to look for.
#[derive(Debug, Clone)]
pub struct EquivalenceRequest {
    /// Only candidates of this institution (a source id).
    pub institution: Option<SourceId>,
    /// Only candidates whose awarding body is in this country.
    pub country: Option<String>,
    /// Hits to return at most.
    pub limit: usize,
    /// Overall score a candidate must reach.
    pub threshold: f64,
}

impl Default for EquivalenceRequest {
    fn default() -> Self {
        EquivalenceRequest {
            institution: None,
            country: None,
            limit: 10,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// Decisions already taken for a candidate pair: about the credential held itself (direct)
/// and about credentials near-identical to it ([`NearIdentical`]).
#[derive(Debug, Clone, Default)]
pub struct Precedents {
    /// How many decisions recognised the credential, or a near-identical one, as
    /// equivalent to this candidate (`direct` + `near_identical`).
    pub equivalent: usize,
    /// How many recognised them otherwise (credits) or refused them, anywhere.
    pub other: usize,
    /// Share of all those decisions that agree with this pairing, 0 to 1.
    pub consistency: Option<f64>,
    /// Of `equivalent`, the decisions about the credential held itself.
    pub direct: usize,
    /// Of `equivalent`, the decisions about a near-identical credential.
    pub near_identical: usize,
    /// The direct decisions for this pair.
    pub decisions: Vec<Decision>,
    /// The decisions for this pair taken about a near-identical credential (each names
    /// its credential; see `near_identical` of the lookup for why it counts).
    pub near_identical_decisions: Vec<Decision>,
}

/// A credential taken as near-identical to the one held: decisions about it count as
/// precedents.
#[derive(Debug, Clone)]
pub struct NearIdentical {
    /// Its record id.
    pub id: RecordId,
    /// Why it counts, e.g. "same title and awarding body" or "text similarity 0.93".
    pub reason: String,
}

/// One candidate equivalent.
#[derive(Debug, Clone)]
pub struct EquivalentHit {
    /// The candidate record.
    pub record: StoredRecord,
    /// Overall score, 0 to 1 (precedents included).
    pub score: f64,
    /// The five-element comparison.
    pub comparison: Comparison,
    /// Decisions taken for this pair.
    pub precedents: Precedents,
    /// Other records of the same source publishing this very course under another code
    /// (cross-listings: same title, description and course number), folded into this hit.
    pub also_listed_as: Vec<Listing>,
}

/// Another listing of a hit's course (see [`EquivalentHit::also_listed_as`]).
#[derive(Debug, Clone)]
pub struct Listing {
    /// Its record id.
    pub id: RecordId,
    /// Its course code.
    pub code: String,
}

/// The ranked candidates, or the statement that none is good enough.
#[derive(Debug, Clone)]
pub struct Equivalents {
    /// Candidates at or above the threshold, best first.
    pub hits: Vec<EquivalentHit>,
    /// The threshold applied.
    pub threshold: f64,
    /// True when no candidate reached the threshold.
    pub no_equivalent_above_threshold: bool,
    /// How many candidates were compared.
    pub candidates_compared: usize,
    /// Credentials near-identical to the one held that have decisions (their decisions
    /// count as precedents).
    pub near_identical: Vec<NearIdentical>,
}

/// Looks up equivalents of `credential` (stored as `record`).
pub fn find(
    index: &SearchIndex,
    store: &Store,
    record: &StoredRecord,
    request: &EquivalenceRequest,
) -> Result<Equivalents, RecognitionError> {
    let Some(credential) = &record.credential else {
        return Ok(Equivalents {
            hits: Vec::new(),
            threshold: request.threshold,
            no_equivalent_above_threshold: true,
            candidates_compared: 0,
            near_identical: Vec::new(),
        });
    };
    let _lookup = parallel::Lookup::start();
    let snapshot = index.snapshot();
    let mut idf = snapshot.idf();
    let scope = Scope {
        own_id: &record.id,
        institution: request.institution.as_ref(),
    };
    let n_candidates = (request.limit * CANDIDATES_PER_HIT).max(MIN_CANDIDATES);
    let top = snapshot.candidates(credential, &scope, n_candidates)?;
    let decisions = store.decisions_about(&record.id)?;
    let own = Profile::of(credential, &mut idf);
    let (near_identical, near_identical_decisions) = if store.has_decisions()? {
        // Near-identical credentials are looked for over the whole index: the best
        // candidates are those when the lookup is not scoped to an institution.
        let whole_index: Vec<Candidate> = if scope.institution.is_none() {
            top.iter()
                .take(NEAR_IDENTICAL_CANDIDATES)
                .copied()
                .collect()
        } else {
            let scope = Scope {
                own_id: &record.id,
                institution: None,
            };
            snapshot.candidates(credential, &scope, NEAR_IDENTICAL_CANDIDATES)?
        };
        near_identical_decisions(&snapshot, store, &whole_index, credential, &own, &mut idf)?
    } else {
        (Vec::new(), Vec::new())
    };
    let held = compare::Held::of(credential);
    let judge = Judge {
        snapshot: &snapshot,
        store,
        request,
        own: &own,
        held: &held,
        decisions: &decisions,
        near_identical_decisions: &near_identical_decisions,
    };
    // The candidates are read and compared in parts on two cores when a second one is
    // free; each thread has its own IDF cache (the values are the index's, so they do not
    // depend on which thread asks first).
    let parts = parallel::map_parts(
        top.len(),
        idf,
        || snapshot.idf(),
        |idf, part, parts| {
            let (start, end) = (part * top.len() / parts, (part + 1) * top.len() / parts);
            judge.all(&top[start..end], idf)
        },
    );
    let mut hits = Vec::with_capacity(top.len());
    // The part of a sequence each hit's title names, for the sibling rule.
    let mut sequences = Vec::with_capacity(top.len());
    for part in parts {
        for (hit, sequence) in part? {
            hits.push(hit);
            sequences.push(sequence);
        }
    }
    let compared = hits.len();
    if let Some(part) = own.sequence {
        mark_implied_parts(part, &mut hits, &sequences);
    }
    // Scores equal up to rounding (siblings with the same title and description, one
    // course cross-listed under two codes) are ordered by record id: the same lookup
    // gives the same order whatever order the index holds them in, which depends on how
    // its indexing threads happened to split the feed.
    hits.sort_by(|a, b| {
        quantised(b.score)
            .cmp(&quantised(a.score))
            .then_with(|| a.record.id.as_str().cmp(b.record.id.as_str()))
    });
    let mut hits = fold_cross_listings(hits);
    hits.retain(|hit| hit.score >= request.threshold);
    hits.truncate(request.limit);
    Ok(Equivalents {
        no_equivalent_above_threshold: hits.is_empty(),
        hits,
        threshold: request.threshold,
        candidates_compared: compared,
        near_identical,
    })
}

/// What each candidate of one lookup is judged against.
struct Judge<'a> {
    snapshot: &'a Snapshot<'a>,
    store: &'a Store,
    request: &'a EquivalenceRequest,
    own: &'a Profile,
    held: &'a compare::Held<'a>,
    decisions: &'a [Decision],
    near_identical_decisions: &'a [Decision],
}

impl Judge<'_> {
    /// The hits of `candidates` that are still live and in the country asked for, in
    /// order, each with the part of a sequence its title names.
    fn all(
        &self,
        candidates: &[Candidate],
        idf: &mut Idf<'_>,
    ) -> Result<Vec<(EquivalentHit, Option<u8>)>, RecognitionError> {
        let mut hits = Vec::with_capacity(candidates.len());
        for retrieved in candidates {
            if let Some(hit) = self.one(retrieved, idf)? {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    fn one(
        &self,
        retrieved: &Candidate,
        idf: &mut Idf<'_>,
    ) -> Result<Option<(EquivalentHit, Option<u8>)>, RecognitionError> {
        let Some((id, seq)) = self.snapshot.record_of(retrieved)? else {
            return Ok(None);
        };
        let Some(candidate) = self.store.get_near(&id, seq)? else {
            return Ok(None);
        };
        let Some(candidate_credential) =
            candidate.credential.as_ref().filter(|_| !candidate.deleted)
        else {
            return Ok(None);
        };
        if let Some(country) = &self.request.country
            && candidate_credential
                .awarding_body
                .country
                .as_ref()
                .is_none_or(|c| !c.as_str().eq_ignore_ascii_case(country))
        {
            return Ok(None);
        }
        let theirs = Profile::of(candidate_credential, idf);
        let retrieval = retrieved.relative_score;
        let features = self.own.features(&theirs);
        let mut comparison = self
            .held
            .compare(candidate_credential, text_similarity(retrieval, &features));
        comparison.score = rescore(&comparison);
        let cue_bonus = level_cue_bonus(self.own.level_cue, theirs.level_cue)
            + sequence_bonus(self.own.sequence, theirs.sequence);
        comparison.score = (comparison.score + cue_bonus).clamp(0.0, 1.0);
        let precedents = precedents_for(self.decisions, self.near_identical_decisions, &id);
        let boost = precedent_boost(&precedents);
        Ok(Some((
            EquivalentHit {
                score: (comparison.score + boost).min(1.0),
                record: candidate,
                comparison,
                precedents,
                also_listed_as: Vec::new(),
            },
            theirs.sequence,
        )))
    }
}

/// `score` rounded to 1e-9, for ordering: float sums over hash maps differ in the last bits.
fn quantised(score: f64) -> i64 {
    (score * 1e9).round() as i64
}

/// The overall score from text similarity and element verdicts (see [`compare::compare`]).
fn rescore(comparison: &Comparison) -> f64 {
    (0.6 * comparison.text_similarity + 0.4 * compare::element_score(comparison)).clamp(0.0, 1.0)
}

/// Text similarity from the retrieval score (relative to the best candidate) and the text
/// features, 0 to 1.
fn text_similarity(retrieval: f64, features: &Features) -> f64 {
    let text = RETRIEVAL_WEIGHT * retrieval
        + TEXT_WEIGHT * features.text
        + TITLE_WEIGHT * features.title
        + TITLE_GRAMS_WEIGHT * features.title_grams
        + TEXT_GRAMS_WEIGHT * features.text_grams
        + TITLE_COVERAGE_WEIGHT * features.title_coverage;
    let text = match features.skills {
        Some(skills) => (1.0 - SKILLS_WEIGHT) * text + SKILLS_WEIGHT * skills,
        None => text,
    };
    text.clamp(0.0, 1.0)
}

fn precedents_for(
    direct: &[Decision],
    near_identical: &[Decision],
    candidate: &RecordId,
) -> Precedents {
    let names_pair = |d: &&Decision| matches!(&d.outcome, DecisionOutcome::Equivalent { target } if target == candidate);
    let live = |decisions: &[Decision]| -> Vec<Decision> {
        decisions.iter().filter(|d| !d.withdrawn).cloned().collect()
    };
    let (direct, near_identical) = (live(direct), live(near_identical));
    let for_pair = |decisions: &[Decision]| -> Vec<Decision> {
        decisions.iter().filter(names_pair).cloned().collect()
    };
    let (direct_for_pair, near_identical_for_pair) = (for_pair(&direct), for_pair(&near_identical));
    let n_live = direct.len() + near_identical.len();
    let equivalent = direct_for_pair.len() + near_identical_for_pair.len();
    Precedents {
        equivalent,
        other: n_live - equivalent,
        consistency: (n_live > 0).then(|| equivalent as f64 / n_live as f64),
        direct: direct_for_pair.len(),
        near_identical: near_identical_for_pair.len(),
        decisions: direct_for_pair,
        near_identical_decisions: near_identical_for_pair,
    }
}

/// Credentials near-identical to the one held that have decisions, and those decisions.
/// Looked for among `best`, the best matches of the credential's own query over the whole
/// index: the same title and awarding body (normalised), or text similarity of at least
/// [`NEAR_IDENTICAL_SIMILARITY`].
fn near_identical_decisions(
    snapshot: &Snapshot<'_>,
    store: &Store,
    best: &[Candidate],
    credential: &Credential,
    own: &Profile,
    idf: &mut Idf<'_>,
) -> Result<(Vec<NearIdentical>, Vec<Decision>), RecognitionError> {
    let (mut found, mut decisions) = (Vec::new(), Vec::new());
    for candidate in best {
        let Some((id, _)) = snapshot.record_of(candidate)? else {
            continue;
        };
        let about = store.decisions_about(&id)?;
        if about.is_empty() {
            continue;
        }
        let Some(other) = store.get(&id)? else {
            continue;
        };
        let Some(other_credential) = other.credential.as_ref().filter(|_| !other.deleted) else {
            continue;
        };
        let reason = if same_title_and_awarding_body(credential, other_credential) {
            "same title and awarding body".to_owned()
        } else {
            let similarity = own.features(&Profile::of(other_credential, idf)).text;
            if similarity < NEAR_IDENTICAL_SIMILARITY {
                continue;
            }
            format!("text similarity {similarity:.2}")
        };
        found.push(NearIdentical { id, reason });
        decisions.extend(about);
    }
    Ok((found, decisions))
}

/// Whether two credentials have the same title in some language and the same awarding
/// body name, both compared as lower-cased, accent-folded words.
fn same_title_and_awarding_body(a: &Credential, b: &Credential) -> bool {
    let normalised = |text: &model::LangText| -> Vec<String> {
        text.0
            .values()
            .map(|value| folded_words(value))
            .filter(|words| !words.trim().is_empty())
            .collect()
    };
    let shares = |x: &model::LangText, y: &model::LangText| {
        let (x, y) = (normalised(x), normalised(y));
        x.iter().any(|words| y.contains(words))
    };
    shares(&a.title, &b.title) && shares(&a.awarding_body.name, &b.awarding_body.name)
}

/// Up to +0.2 for consistent precedents naming this pair.
fn precedent_boost(precedents: &Precedents) -> f64 {
    if precedents.equivalent == 0 {
        return 0.0;
    }
    let strength = 1.0 - 0.5f64.powi(precedents.equivalent as i32);
    0.2 * strength * precedents.consistency.unwrap_or(1.0)
}

/// Folds each cross-listing into the better-ranked listing of the same course (see
/// [`siblings::is_cross_listing`]), keeping the order. A listing with precedents of its
/// own stays a hit: its decisions name it.
fn fold_cross_listings(hits: Vec<EquivalentHit>) -> Vec<EquivalentHit> {
    let mut kept: Vec<EquivalentHit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let has_precedents = hit.precedents.equivalent + hit.precedents.other > 0;
        let listing_of =
            kept.iter_mut().find(
                |kept| match (&kept.record.credential, &hit.record.credential) {
                    (Some(a), Some(b)) => {
                        siblings::is_cross_listing(&kept.record.id, a, &hit.record.id, b)
                    }
                    _ => false,
                },
            );
        match listing_of {
            Some(kept) if !has_precedents => kept.also_listed_as.push(Listing {
                code: hit
                    .record
                    .credential
                    .as_ref()
                    .and_then(siblings::course_code)
                    .unwrap_or_default()
                    .to_owned(),
                id: hit.record.id,
            }),
            _ => kept.push(hit),
        }
    }
    kept
}

/// Gives the sequence bonus to the sibling at the position of the `part` the looked-up
/// title names, among same-titled siblings taken in course-code order (see [`siblings`]).
fn mark_implied_parts(part: u8, hits: &mut [EquivalentHit], sequences: &[Option<u8>]) {
    let candidates: Vec<siblings::Sibling<'_>> = hits
        .iter()
        .zip(sequences)
        .filter_map(|(hit, sequence)| {
            Some(siblings::Sibling {
                id: &hit.record.id,
                credential: hit.record.credential.as_ref()?,
                sequence: *sequence,
            })
        })
        .collect();
    if candidates.len() != hits.len() {
        return;
    }
    let implied = siblings::is_implied_part(part, &candidates);
    for (hit, implied) in hits.iter_mut().zip(implied) {
        if implied {
            let bonus = sequence_bonus(Some(part), Some(part));
            hit.comparison.score = (hit.comparison.score + bonus).clamp(0.0, 1.0);
            hit.score = (hit.score + bonus).min(1.0);
        }
    }
}

/// When neither side states an EQF level, titles that read at the same level (both
/// introductory, both advanced) rank a little higher, and opposite ones lower.
fn level_cue_bonus(own: i8, candidate: i8) -> f64 {
    let bonus = LEVEL_CUE_BONUS;
    match (own, candidate) {
        (0, _) | (_, 0) => 0.0,
        (x, y) if x == y => bonus,
        _ => -2.0 * bonus,
    }
}

/// Titles naming the same part of a sequence (`Organic Chemistry II` and `… II`) rank a
/// little higher, different parts lower; a title naming no part is neutral.
fn sequence_bonus(own: Option<u8>, candidate: Option<u8>) -> f64 {
    let bonus = SEQUENCE_BONUS;
    match (own, candidate) {
        (Some(x), Some(y)) if x == y => bonus,
        (Some(_), Some(_)) => -2.0 * bonus,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_are_fully_similar_and_skills_count_when_both_state_them() {
        let all = Features {
            text: 1.0,
            title: 1.0,
            title_grams: 1.0,
            text_grams: 1.0,
            title_coverage: 1.0,
            skills: None,
        };
        assert!((text_similarity(1.0, &all) - 1.0).abs() < 1e-9);
        let no_skills_in_common = Features {
            skills: Some(0.0),
            ..all
        };
        assert!((text_similarity(1.0, &no_skills_in_common) - (1.0 - SKILLS_WEIGHT)).abs() < 1e-9);
    }

    #[test]
    fn scores_equal_up_to_rounding_keep_their_order() {
        let scores = [0.5 + 1e-15, 0.7, 0.5, 0.5 + 2e-16];
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(quantised(scores[*i])));
        assert_eq!(order, vec![1, 0, 2, 3]);
    }

    fn id(source: &str, upstream: &str) -> RecordId {
        RecordId::new(&SourceId::parse(source).unwrap(), upstream)
    }

    fn decision(about: &RecordId, outcome: DecisionOutcome, withdrawn: bool) -> Decision {
        Decision {
            id: format!("d-{about}"),
            revision: 1,
            credential: about.clone(),
            institution: "uni-b".to_owned(),
            outcome,
            conditions: None,
            rationale: String::new(),
            decided_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            valid_until: None,
            private: false,
            recorded_at: chrono::Utc::now(),
            recorded_by: "officer-b".to_owned(),
            withdrawn,
            relied_on: store::Fingerprint::default(),
            at_risk: None,
        }
    }

    #[test]
    fn precedents_say_which_are_direct_and_which_come_from_near_identical_credentials() {
        let target = id("uni-b", "b-ds");
        let (held, mirrored) = (id("uni-a", "a-ds"), id("uni-m", "m-ds"));
        let equivalent = || DecisionOutcome::Equivalent {
            target: target.clone(),
        };
        let direct = [
            decision(&held, equivalent(), false),
            decision(&held, DecisionOutcome::Refused, true),
        ];
        let near = [
            decision(&mirrored, equivalent(), false),
            decision(&mirrored, DecisionOutcome::Credits { ects: 5.0 }, false),
        ];
        let precedents = precedents_for(&direct, &near, &target);
        assert_eq!(
            (
                precedents.equivalent,
                precedents.other,
                precedents.direct,
                precedents.near_identical
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(precedents.consistency, Some(2.0 / 3.0));
        assert_eq!(precedents.decisions.len(), 1);
        assert_eq!(precedents.near_identical_decisions[0].credential, mirrored);
        let none = precedents_for(&[], &[], &target);
        assert_eq!((none.equivalent, none.consistency), (0, None));
    }

    #[test]
    fn same_title_and_awarding_body_ignore_case_and_accents() {
        let credential = |title: &str, body: &str| Credential {
            title: model::LangText::single("en", title),
            awarding_body: model::Organisation {
                name: model::LangText::single("en", body),
                ..model::Organisation::default()
            },
            ..Credential::default()
        };
        for (a, b, expected) in [
            (
                ("Data Science", "Université A"),
                ("data science", "Universite A"),
                true,
            ),
            (
                ("Data Science", "Université A"),
                ("Data Science II", "Université A"),
                false,
            ),
            (
                ("Data Science", "Université A"),
                ("Data Science", "University B"),
                false,
            ),
            (("", ""), ("", ""), false),
        ] {
            assert_eq!(
                same_title_and_awarding_body(&credential(a.0, a.1), &credential(b.0, b.1)),
                expected,
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn sequence_and_level_cues() {
        for (own, candidate, expected) in [
            (Some(2), Some(2), SEQUENCE_BONUS),
            (Some(1), Some(2), -2.0 * SEQUENCE_BONUS),
            (Some(2), None, 0.0),
            (None, Some(1), 0.0),
        ] {
            assert_eq!(
                sequence_bonus(own, candidate),
                expected,
                "{own:?} {candidate:?}"
            );
        }
        for (own, candidate, expected) in [
            (1, 1, LEVEL_CUE_BONUS),
            (1, -1, -2.0 * LEVEL_CUE_BONUS),
            (0, -1, 0.0),
        ] {
            assert_eq!(
                level_cue_bonus(own, candidate),
                expected,
                "{own} {candidate}"
            );
        }
    }
}
