//! `equivalence/`: here is a credential, which credentials elsewhere are equivalent to it.
//!
//! Candidates come from the index ([`candidates`]): the credential's most distinctive terms
//! (by inverse document frequency) and its language-independent keys (ISCED-F field codes,
//! ESCO skill URIs) as a disjunctive query weighted title > outcomes > description; the
//! best matches by BM25 are read back from the store. Each candidate is then compared on
//! the five elements of recognition practice ([`crate::compare`]) and scored by text
//! similarity and the element verdicts (an element that cannot be compared counts less
//! than a minor difference). Text similarity ([`similarity`]) is a fixed blend of the
//! retrieval score, TF-IDF cosines of word 1–2-grams and of titles, IDF-weighted character
//! trigram cosines (which match truncated titles, abbreviations and inflections) and how
//! much of each title the other text covers; titles naming the same part of a sequence
//! (`… II`) or reading at the same level rank a little higher.
//!
//! Recorded decisions then weigh in twice:
//! - as **precedents** ([`precedents`]): the decisions about the credential itself or a
//!   near-identical one (same title and awarding body, or text similarity of at least
//!   [`NEAR_IDENTICAL_SIMILARITY`]), each in its relation to the candidate, which raise
//!   the score of the pair they name;
//! - as **evidence** ([`crate::evidence`]): everything the candidate's institution decided
//!   about *similar* credentials and about the sender's catalogue gives each candidate a
//!   probability of being that institution's equivalent, against the option that it has
//!   none, and a Match / Maybe / Miss label. A lookup at one institution that has
//!   decisions is ordered by that probability, and its evidence proposes candidates the
//!   text did not find; a lookup across institutions keeps the score order, each hit's
//!   probability taken among the candidates found at its institution.
//!
//! When no candidate reaches the threshold, the lookup says so instead of padding the list.
//!
//! Across languages, two bridges add candidates and stand for text similarity
//! ([`crosslingual`]): the multilingual vectors (when the model is on), and the bilingual
//! dictionaries into English (when one is loaded for the held credential's language). The
//! credential held is translated into English (`Translated`); the translation finds
//! candidates through the same index query, and for candidates written in English its
//! text similarity, weighted by the share of the held text the dictionary covered, adds
//! to theirs (`DICTIONARY_WEIGHT`).

use std::collections::HashMap;

use crosslingual::{Bridge, QueryVector, Translation};
use model::{Credential, LangText, RecordId, SourceId, StoredRecord};

use search::SearchIndex;
use search::analysis::folded_words;
use search::parallel;
use search::similar::{Candidate, Idf, Scope, Snapshot};
use store::{Decision, Store};

use self::similarity::{Features, Profile};
use crate::RecognitionError;
use crate::compare::{self, Comparison};
use crate::evidence::codes::CourseCode;
use crate::evidence::learned::Learned;
use crate::evidence::signals::{
    self, Label, NoSpecificSupport, NoneSignals, Query, Signals, Support,
};
use crate::evidence::{self, Evidence, EvidenceRead};

pub mod precedents;
pub(crate) mod siblings;
pub(crate) mod similarity;

pub use self::precedents::{Precedent, Precedents, Relation};

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
/// Candidates the bridge between languages adds at most ([`crosslingual`]): the records
/// of the institution looked at whose vectors are nearest to the held credential's.
const BRIDGE_CANDIDATES: usize = 20;
/// Centred cosine from which the bridge adds a candidate.
const BRIDGE_MIN_SIMILARITY: f64 = 0.2;
/// Candidates in another language whose learning outcomes are compared through the
/// bridge, the most similar first: each outcome is embedded at lookup time (tens of
/// milliseconds each), so only for the few that can reach the top.
const BRIDGED_OUTCOME_CANDIDATES: usize = 3;
/// Outcomes of the credential held beyond which its outcomes are not bridged in a lookup
/// (the comparison page still does).
const BRIDGED_OUTCOMES_AT_MOST: usize = 12;
/// Vectors a lookup across all institutions scans at most for bridge candidates; above
/// it only a lookup at one institution is bridged (its vectors are a few thousand).
const BRIDGE_SCAN_LIMIT: usize = 200_000;
/// The language the dictionaries translate into.
const ENGLISH: &str = "en";
/// How much the text similarity of a candidate in English and the dictionary translation
/// of the credential held adds to their text similarity, times the share of the held
/// text the dictionary covered: a translation the dictionary fully covered counts as
/// much as the texts' own words. Chosen on the Aalto Swedish→English titles (bench
/// `equivalence_eval --only crosslingual`, model off), MRR@10: adding it 0.403,
/// replacing the texts' similarity in proportion to coverage 0.404, the higher of the
/// two 0.396, half of it added 0.398, a quarter 0.382.
const DICTIONARY_WEIGHT: f64 = 1.0;
/// The same when the multilingual vectors compared the two (their centred cosine stands
/// for the texts' similarity): the vectors are the stronger signal, the dictionary adds
/// a little. On the Aalto titles with the model (vectors alone 0.838): a quarter 0.842,
/// half 0.840, all of it 0.815, the higher of the vectors' and the dictionary's 0.832,
/// replacing in proportion to coverage 0.776.
const DICTIONARY_WEIGHT_WITH_VECTORS: f64 = 0.25;

/// What to look for.
#[derive(Debug, Clone)]
pub struct EquivalenceRequest {
    /// Only candidates of this institution (a source id).
    pub institution: Option<SourceId>,
    /// Only candidates whose awarding body is in this country.
    pub country: Option<String>,
    /// Hits to return at most.
    pub limit: usize,
    /// Overall score a candidate must reach (a candidate the recorded decisions make
    /// likely, labelled Match or Maybe, is kept below it).
    pub threshold: f64,
    /// The institution looking (a signed-in officer's): its private decisions count as
    /// precedents and evidence, nobody else's do.
    pub viewer: Option<String>,
    /// Every candidate compared, unfiltered and untruncated, for evaluation and fitting.
    pub all_compared: bool,
}

impl Default for EquivalenceRequest {
    fn default() -> Self {
        EquivalenceRequest {
            institution: None,
            country: None,
            limit: 10,
            threshold: DEFAULT_THRESHOLD,
            viewer: None,
            all_compared: false,
        }
    }
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
    /// How likely this is the institution's equivalent, 0 to 1, from the score and the
    /// institution's recorded decisions ([`crate::evidence::signals`]).
    pub probability: f64,
    /// Match, Maybe or Miss: a suggestion, not a decision.
    pub label: Label,
    /// What the recorded decisions say for this candidate.
    pub support: Support,
    /// The learned signals behind `probability`.
    pub signals: Signals,
    /// When the candidate is written in another language than the credential held and
    /// the bridge compared them: the candidate's language and the centred cosine of the
    /// two texts' multilingual vectors, which stands for their text similarity.
    pub across_languages: Option<(String, f64)>,
    /// When the candidate is written in English, the credential held in another language
    /// and a dictionary translated it: how the translation compares.
    pub translated: Option<TranslatedSimilarity>,
}

/// How a candidate in English compares with the English translation of the credential
/// held ([`EquivalentHit::translated`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TranslatedSimilarity {
    /// The held credential's language (the dictionary's source language).
    pub from: String,
    /// Share of the held text's content words the dictionary knew, 0 to 1.
    pub coverage: f64,
    /// Text similarity of the translation and the candidate, 0 to 1.
    pub similarity: f64,
    /// What it adds to their text similarity: `similarity` weighted by `coverage` (and
    /// by less when the multilingual vectors compared them).
    pub weighted: f64,
}

/// The credential held, translated into English by a dictionary.
struct Translated {
    /// Its language.
    from: String,
    /// The credential with its title, description and outcomes in English (the rest as
    /// it was).
    credential: Credential,
    /// Share of its content words the dictionary knew.
    coverage: f64,
    /// How far the dictionary's translation is to be trusted beside the multilingual
    /// vectors, from its size ([`dictionary_reliability`]).
    reliability: f64,
}

/// Headwords from which a dictionary's translation is trusted beside the multilingual
/// vectors as far as its coverage goes. A word list knows the commonest words, often
/// with one narrow gloss each: its coverage of a text overstates how well it translates
/// it, and beside the vectors (the stronger signal) it adds noise (the Swedish, Italian
/// and Danish lists of Debian, 2,000 to 12,000 headwords, hurt the lookup where the large
/// German, Finnish and Polish dictionaries help: `../shared/eval/crosslingual/`).
/// Without the vectors the dictionary is the only bridge and counts by its coverage.
const TRUSTED_HEADWORDS: f64 = 30_000.0;

/// A dictionary's weight by its size: 1 from [`TRUSTED_HEADWORDS`] on, falling with
/// the logarithm of its size below (a list of 5,000 headwords weighs about 0.5, one of
/// 1,000 nothing).
fn dictionary_reliability(headwords: usize) -> f64 {
    let size = (headwords.max(1) as f64 / 1_000.0).ln();
    (size / (TRUSTED_HEADWORDS / 1_000.0).ln()).clamp(0.0, 1.0)
}

impl Translated {
    /// The credential held translated into English, when it is written in another
    /// language that a loaded dictionary knows some words of.
    fn of(bridge: &Bridge, credential: &Credential) -> Option<Translated> {
        let dictionaries = bridge.dictionaries()?;
        let lang = crosslingual::main_language(credential)?
            .primary()
            .to_owned();
        if lang == ENGLISH {
            return None;
        }
        let dictionary = dictionaries.get(&lang)?;
        let mut parts: Vec<Translation> = Vec::new();
        let mut translate = |text: &LangText| -> LangText {
            let Some(source) = text
                .0
                .iter()
                .find(|(tag, value)| tag.primary() == lang && !value.trim().is_empty())
                .map(|(_, value)| value)
            else {
                return LangText::default();
            };
            let translation = dictionary.translate(source);
            let english = LangText::single(ENGLISH, &translation.text);
            parts.push(translation);
            english
        };
        let mut english = credential.clone();
        english.title = translate(&credential.title);
        english.description = translate(&credential.description);
        english.description_html = LangText::default();
        english.learning_outcomes = credential
            .learning_outcomes
            .iter()
            .filter_map(|outcome| {
                let text = translate(&outcome.text);
                (!text.is_empty()).then(|| model::LearningOutcome {
                    text,
                    ..outcome.clone()
                })
            })
            .collect();
        let coverage = Translation::coverage_of(&parts);
        (coverage > 0.0).then_some(Translated {
            from: lang,
            credential: english,
            coverage,
            reliability: dictionary_reliability(dictionary.headwords()),
        })
    }
}

/// What a lookup knows of the held credential's translation.
struct TranslatedHeld {
    translated: Translated,
    profile: Profile,
    /// Retrieval score of the candidates the translation found (relative to its best).
    retrieval: HashMap<RecordId, f64>,
}

/// Another listing of a hit's course (see [`EquivalentHit::also_listed_as`]).
#[derive(Debug, Clone)]
pub struct Listing {
    /// Its record id.
    pub id: RecordId,
    /// Its course code.
    pub code: String,
}

/// The option "no specific equivalent" at the institution looked at.
#[derive(Debug, Clone)]
pub struct NoSpecific {
    /// Its probability, 0 to 1.
    pub probability: f64,
    /// Whether it is more likely than the best candidate: similar credentials were given
    /// credits only or refused more often than recognised as any one course.
    pub likely: bool,
    /// What supports it.
    pub support: NoSpecificSupport,
    /// The learned signals behind `probability`.
    pub signals: NoneSignals,
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
    /// For a lookup at one institution: the option that it has no specific equivalent.
    pub no_specific: Option<NoSpecific>,
    /// How many credentials the institution looked at decided on that this lookup learns
    /// from (0 for a lookup across institutions).
    pub decided_credentials: usize,
}

/// Looks up equivalents of `credential` (stored as `record`), learning from the
/// decisions in `evidence` (brought up to date with the store first), across languages
/// through `bridge` when it is on.
pub fn find(
    index: &SearchIndex,
    store: &Store,
    evidence: &Evidence,
    bridge: &Bridge,
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
            no_specific: None,
            decided_credentials: 0,
        });
    };
    evidence.sync(store, index)?;
    let evidence = evidence.read();
    let today = chrono::Utc::now().date_naive();
    let viewer = request.viewer.as_deref();
    let _lookup = parallel::Lookup::start();
    let snapshot = index.snapshot();
    let mut idf = snapshot.idf();
    let scope = Scope {
        own_id: &record.id,
        institution: request.institution.as_ref(),
    };
    let n_candidates = (request.limit * CANDIDATES_PER_HIT).max(MIN_CANDIDATES);
    let top = snapshot.candidates(credential, &scope, n_candidates)?;
    // In another language than English, with a dictionary: the translation finds
    // candidates through the same query, in English.
    let mut translated_top: Vec<(RecordId, Option<u64>)> = Vec::new();
    let translated = match Translated::of(bridge, credential) {
        Some(translated) => {
            let mut retrieval = HashMap::new();
            for candidate in snapshot.candidates(&translated.credential, &scope, n_candidates)? {
                if let Some((id, seq)) = snapshot.record_of(&candidate)? {
                    retrieval.insert(id.clone(), candidate.relative_score);
                    translated_top.push((id, seq));
                }
            }
            Some(TranslatedHeld {
                profile: Profile::of(&translated.credential, &mut idf),
                translated,
                retrieval,
            })
        }
        None => None,
    };
    let seen = |decisions: Vec<Decision>| -> Vec<Decision> {
        decisions
            .into_iter()
            .filter(|d| crate::decisions::visible(d, crate::decisions::Viewer::institution(viewer)))
            .collect()
    };
    let decisions = seen(store.decisions_about(&record.id)?);
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
        let (found, decisions) =
            near_identical_decisions(&snapshot, store, &whole_index, credential, &own, &mut idf)?;
        (found, seen(decisions))
    } else {
        (Vec::new(), Vec::new())
    };
    let held = compare::Held::of(credential);
    let bridge_query = bridge.query_for(record);
    let judge = Judge {
        bridge: bridge_query.as_ref().map(|query| (bridge, query)),
        translated: translated.as_ref(),
        snapshot: &snapshot,
        store,
        request,
        own: &own,
        held: &held,
        decisions: &decisions,
        near_identical_decisions: &near_identical_decisions,
        today,
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
    let mut judged: Vec<Judged> = Vec::with_capacity(top.len());
    for part in parts {
        judged.extend(part?);
    }
    // The candidates the translation found that the held credential's own words did not.
    if !translated_top.is_empty() {
        let mut idf = snapshot.idf();
        for (id, seq) in translated_top {
            if id == record.id || judged.iter().any(|j| j.hit.record.id == id) {
                continue;
            }
            let Some(candidate) = store.get_near(&id, seq)? else {
                continue;
            };
            if let Some(found) = judge.record(candidate, 0.0, &mut idf) {
                judged.push(found);
            }
        }
    }
    // Across languages the index finds little (it searches the held credential's words):
    // the bridge adds the nearest records by meaning.
    if let Some(query) = &bridge_query
        && (scope.institution.is_some() || bridge.table().len() <= BRIDGE_SCAN_LIMIT)
    {
        let mut idf = snapshot.idf();
        let nearest = bridge.table().nearest(
            query,
            scope.institution,
            BRIDGE_CANDIDATES,
            Some(&record.id),
        );
        for (id, similarity) in nearest {
            if similarity < BRIDGE_MIN_SIMILARITY || judged.iter().any(|j| j.hit.record.id == id) {
                continue;
            }
            let Some(candidate) = store.get(&id)? else {
                continue;
            };
            if let Some(found) = judge.record(candidate, 0.0, &mut idf) {
                judged.push(found);
            }
        }
    }
    // The evidence of the institution looked at proposes candidates of its own: what
    // similar credentials, the same code and siblings were recognised as.
    let query = Query {
        sender: evidence::sender_of(record, credential),
        code: evidence::code_of(credential),
        vector: own.unit_vector(),
    };
    let scoped = request
        .institution
        .as_ref()
        .and_then(|institution| evidence.learned(institution.as_str(), viewer));
    if let (Some(institution), Some(learned)) = (&request.institution, scoped) {
        let context = signals::Context::new(learned, &query, 1.0, 0);
        let mut idf = snapshot.idf();
        for id in context.proposed() {
            if judged.iter().any(|j| j.hit.record.id == id) || id == record.id {
                continue;
            }
            let Some(candidate) = store.get(&id)? else {
                continue;
            };
            if candidate.provenance.source_id != *institution {
                continue;
            }
            if let Some(found) = judge.record(candidate, 0.0, &mut idf) {
                judged.push(found);
            }
        }
    }
    // Outcomes in other languages: compared by meaning for the candidates in another
    // language most likely to reach the top, "compare them yourself" for the rest.
    if bridge_query.is_some() && credential.learning_outcomes.len() <= BRIDGED_OUTCOMES_AT_MOST {
        let mut across: Vec<(usize, f64)> = judged
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.hit.across_languages.as_ref().map(|(_, s)| (i, *s)))
            .filter(|(i, _)| {
                judged[*i]
                    .hit
                    .comparison
                    .outcome_alignment
                    .iter()
                    .any(|o| o.not_compared_across_languages)
            })
            .collect();
        across.sort_by(|a, b| b.1.total_cmp(&a.1));
        let outcomes = compare::BridgedOutcomes::new(bridge);
        let mut idf = snapshot.idf();
        for (i, _) in across.into_iter().take(BRIDGED_OUTCOME_CANDIDATES) {
            let again = judge.record_with(
                judged[i].hit.record.clone(),
                judged[i].retrieval,
                &mut idf,
                Some(&outcomes),
            );
            if let Some(again) = again {
                judged[i] = again;
            }
        }
    }
    let compared = judged.len();
    if let Some(part) = own.sequence {
        mark_implied_parts(part, &mut judged);
    }
    let no_specific = weigh_evidence(&mut judged, &evidence, &query, request, &snapshot)?;
    let mut hits: Vec<EquivalentHit> = judged.into_iter().map(|j| j.hit).collect();
    // Scores equal up to rounding (siblings with the same title and description, one
    // course cross-listed under two codes) are ordered by record id: the same lookup
    // gives the same order whatever order the index holds them in, which depends on how
    // its indexing threads happened to split the feed. A lookup at one institution that
    // has decisions to learn from is ordered by probability.
    if scoped.is_some() {
        hits.sort_by(|a, b| {
            quantised(b.probability)
                .cmp(&quantised(a.probability))
                .then_with(|| quantised(b.score).cmp(&quantised(a.score)))
                .then_with(|| a.record.id.as_str().cmp(b.record.id.as_str()))
        });
    } else {
        hits.sort_by(|a, b| {
            quantised(b.score)
                .cmp(&quantised(a.score))
                .then_with(|| a.record.id.as_str().cmp(b.record.id.as_str()))
        });
    }
    let mut hits = fold_cross_listings(hits);
    if !request.all_compared {
        hits.retain(|hit| hit.score >= request.threshold || hit.label != Label::Miss);
        hits.truncate(request.limit);
    }
    Ok(Equivalents {
        no_equivalent_above_threshold: hits.is_empty(),
        hits,
        threshold: request.threshold,
        candidates_compared: compared,
        near_identical,
        no_specific,
        decided_credentials: scoped.map_or(0, |learned| learned.len()),
    })
}

/// A candidate judged, with what the evidence needs of it.
struct Judged {
    hit: EquivalentHit,
    /// Its retrieval score relative to the best (0 for one the index did not find).
    retrieval: f64,
    /// The part of a sequence its title names, for the sibling rule.
    sequence: Option<u8>,
    /// Its course code.
    code: Option<CourseCode>,
}

/// Gives every hit its probability, label and support from the recorded decisions of
/// its institution, the hits of one institution competing with each other and with the
/// option of no specific equivalent there. Returns that option for a lookup at one
/// institution.
fn weigh_evidence(
    judged: &mut [Judged],
    evidence: &EvidenceRead<'_>,
    query: &Query,
    request: &EquivalenceRequest,
    snapshot: &Snapshot<'_>,
) -> Result<Option<NoSpecific>, RecognitionError> {
    let empty = Learned::default();
    let unit = evidence::recency_weight(chrono::Utc::now().date_naive());
    let mut institutions: Vec<SourceId> = Vec::new();
    for j in judged.iter() {
        if !institutions.contains(&j.hit.record.provenance.source_id) {
            institutions.push(j.hit.record.provenance.source_id.clone());
        }
    }
    if let Some(institution) = &request.institution
        && institutions.is_empty()
    {
        institutions.push(institution.clone());
    }
    let mut no_specific = None;
    for institution in institutions {
        let learned = evidence
            .learned(institution.as_str(), request.viewer.as_deref())
            .unwrap_or(&empty);
        let pool = snapshot.source_size(&institution)?;
        let context = signals::Context::new(learned, query, unit, pool);
        let members: Vec<usize> = (0..judged.len())
            .filter(|i| judged[*i].hit.record.provenance.source_id == institution)
            .collect();
        let mut utilities = Vec::with_capacity(members.len());
        for i in &members {
            let j = &mut judged[*i];
            let (signals, support) = context.signals(&signals::CandidateFacts {
                id: &j.hit.record.id,
                code: j.code.as_ref(),
                text: j.hit.comparison.score,
            });
            utilities.push(signals.utility(&signals::WEIGHTS));
            j.hit.signals = signals;
            j.hit.support = support;
        }
        let (none_signals, none_support) = context.none_signals();
        let (probabilities, none) =
            signals::probabilities(&utilities, none_signals.utility(&signals::NONE_WEIGHTS));
        let best = probabilities.iter().copied().fold(0.0, f64::max);
        for (i, probability) in members.iter().zip(probabilities) {
            let hit = &mut judged[*i].hit;
            hit.probability = probability;
            hit.label = Label::of(
                probability,
                hit.comparison.comparable,
                hit.comparison.has_substantial_difference,
            );
        }
        if request.institution.as_ref() == Some(&institution) {
            no_specific = Some(NoSpecific {
                probability: none,
                likely: none >= best,
                support: none_support,
                signals: none_signals,
            });
        }
    }
    Ok(no_specific)
}

/// What each candidate of one lookup is judged against.
struct Judge<'a> {
    /// The bridge and the held credential's vector, when the bridge is on.
    bridge: Option<(&'a Bridge, &'a QueryVector)>,
    /// The held credential translated into English, when a dictionary did.
    translated: Option<&'a TranslatedHeld>,
    snapshot: &'a Snapshot<'a>,
    store: &'a Store,
    request: &'a EquivalenceRequest,
    own: &'a Profile,
    held: &'a compare::Held<'a>,
    decisions: &'a [Decision],
    near_identical_decisions: &'a [Decision],
    today: chrono::NaiveDate,
}

impl Judge<'_> {
    /// The hits of `candidates` that are still live and in the country asked for, in
    /// order.
    fn all(
        &self,
        candidates: &[Candidate],
        idf: &mut Idf<'_>,
    ) -> Result<Vec<Judged>, RecognitionError> {
        let mut hits = Vec::with_capacity(candidates.len());
        for retrieved in candidates {
            let Some((id, seq)) = self.snapshot.record_of(retrieved)? else {
                continue;
            };
            let Some(candidate) = self.store.get_near(&id, seq)? else {
                continue;
            };
            if let Some(hit) = self.record(candidate, retrieved.relative_score, idf) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// The candidate `candidate` judged, `retrieval` being its retrieval score relative to
    /// the best (0 for one the evidence proposed); `None` when it was withdrawn upstream
    /// or is not in the country asked for.
    fn record(&self, candidate: StoredRecord, retrieval: f64, idf: &mut Idf<'_>) -> Option<Judged> {
        self.record_with(candidate, retrieval, idf, None)
    }

    /// [`Judge::record`], outcomes in other languages compared through `outcomes`.
    fn record_with(
        &self,
        candidate: StoredRecord,
        retrieval: f64,
        idf: &mut Idf<'_>,
        outcomes: Option<&dyn compare::OutcomeBridge>,
    ) -> Option<Judged> {
        let candidate_credential = candidate
            .credential
            .as_ref()
            .filter(|_| !candidate.deleted)?;
        if let Some(country) = &self.request.country
            && candidate_credential
                .awarding_body
                .country
                .as_ref()
                .is_none_or(|c| !c.as_str().eq_ignore_ascii_case(country))
        {
            return None;
        }
        let theirs = Profile::of(candidate_credential, idf);
        let features = self.own.features(&theirs);
        let mut text = text_similarity(retrieval, &features);
        // Across languages the centred cosine of the two texts' multilingual vectors
        // stands for their similarity.
        let across_languages = self.bridge.and_then(|(bridge, query)| {
            let lang = bridge.table().language_of(&candidate.id)?;
            if lang == query.lang {
                return None;
            }
            let similarity = bridge.table().similarity(query, &candidate.id)?;
            Some((lang, similarity))
        });
        if let Some((lang, similarity)) = &across_languages {
            let held_lang = self.bridge.map_or("", |(_, query)| query.lang.as_str());
            text = compare::text_across_languages(text, *similarity, held_lang, lang);
        }
        // A candidate in English compared with the held credential's translation: the
        // similarity, weighted by how much of the held text the dictionary knew, adds to
        // theirs (less when the multilingual vectors compared them).
        let translated = self.translated.and_then(|held| {
            let lang = crosslingual::main_language(candidate_credential)?.primary();
            if lang != ENGLISH {
                return None;
            }
            let retrieval = held.retrieval.get(&candidate.id).copied().unwrap_or(0.0);
            let similarity = text_similarity(retrieval, &held.profile.features(&theirs));
            let coverage = held.translated.coverage;
            let weight = if across_languages.is_some() {
                DICTIONARY_WEIGHT_WITH_VECTORS * held.translated.reliability
            } else {
                DICTIONARY_WEIGHT
            };
            Some(TranslatedSimilarity {
                from: held.translated.from.clone(),
                coverage,
                similarity,
                weighted: weight * coverage * similarity,
            })
        });
        if let Some(translated) = &translated {
            text = (text + translated.weighted).min(1.0);
        }
        let mut comparison = self
            .held
            .compare_bridged(candidate_credential, text, outcomes);
        comparison.score = rescore(&comparison);
        let cue_bonus = level_cue_bonus(self.own.level_cue, theirs.level_cue)
            + sequence_bonus(self.own.sequence, theirs.sequence);
        comparison.score = (comparison.score + cue_bonus).clamp(0.0, 1.0);
        let precedents = precedents::for_candidate(
            self.decisions,
            self.near_identical_decisions,
            &candidate.id,
            candidate.provenance.source_id.as_str(),
            self.today,
        );
        let boost = precedent_boost(&precedents);
        let code = evidence::code_of(candidate_credential);
        Some(Judged {
            retrieval,
            sequence: theirs.sequence,
            code,
            hit: EquivalentHit {
                score: (comparison.score + boost).min(1.0),
                record: candidate,
                comparison,
                precedents,
                also_listed_as: Vec::new(),
                probability: 0.0,
                label: Label::Miss,
                support: Support::default(),
                signals: Signals::default(),
                across_languages,
                translated,
            },
        })
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
        let has_precedents = !hit.precedents.decisions.is_empty()
            || !hit.precedents.near_identical_decisions.is_empty();
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
fn mark_implied_parts(part: u8, judged: &mut [Judged]) {
    let candidates: Vec<siblings::Sibling<'_>> = judged
        .iter()
        .filter_map(|j| {
            Some(siblings::Sibling {
                id: &j.hit.record.id,
                credential: j.hit.record.credential.as_ref()?,
                sequence: j.sequence,
            })
        })
        .collect();
    if candidates.len() != judged.len() {
        return;
    }
    let implied = siblings::is_implied_part(part, &candidates);
    for (j, implied) in judged.iter_mut().zip(implied) {
        if implied {
            let bonus = sequence_bonus(Some(part), Some(part));
            j.hit.comparison.score = (j.hit.comparison.score + bonus).clamp(0.0, 1.0);
            j.hit.score = (j.hit.score + bonus).min(1.0);
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
    fn a_dictionary_is_trusted_by_its_size_up_to_a_real_dictionary() {
        assert_eq!(dictionary_reliability(0), 0.0);
        assert_eq!(dictionary_reliability(1_000), 0.0);
        // Debian's Swedish word list.
        let swedish = dictionary_reliability(5_122);
        assert!((0.45..0.5).contains(&swedish), "{swedish}");
        assert!(dictionary_reliability(12_000) > swedish);
        // The Polish, Finnish and German dictionaries.
        for headwords in [35_000, 38_000, 355_000] {
            assert_eq!(dictionary_reliability(headwords), 1.0);
        }
    }

    #[test]
    fn a_credential_in_another_language_is_translated_into_english_with_its_coverage() {
        let dir = tempfile::tempdir().unwrap();
        crosslingual::dictionary::write_dictd(
            dir.path(),
            "freedict-fin-eng",
            &[
                ("tiede", "tiede\nscience\n"),
                ("data", "data\ndata\n"),
                ("johdanto", "johdanto\nintroduction\n"),
                ("opiskelija", "opiskelija\nstudent\n"),
            ],
            false,
        )
        .unwrap();
        let bridge =
            Bridge::off().with_loaded_dictionaries(crosslingual::Dictionaries::load(dir.path()));
        let mut credential = Credential::default();
        credential.title.insert("fi", "Johdanto datatieteeseen");
        credential.title.insert("en", "Intro");
        credential.description.insert(
            "fi",
            "Opiskelija oppii datatiedettä. Kurssilla käytetään Pythonia.",
        );
        credential.learning_outcomes.push(model::LearningOutcome {
            text: LangText::single("fi", "Opiskelija osaa tiede"),
            ..model::LearningOutcome::default()
        });
        let translated = Translated::of(&bridge, &credential).unwrap();
        assert_eq!(translated.from, "fi");
        assert_eq!(
            translated.credential.title,
            LangText::single("en", "introduction datatieteeseen")
        );
        assert!(
            translated
                .credential
                .description
                .0
                .values()
                .all(|d| d.starts_with("student")),
            "{:?}",
            translated.credential.description
        );
        assert_eq!(
            translated.credential.learning_outcomes[0].text,
            LangText::single("en", "student osaa science")
        );
        // 2 + 6 + 3 content words, 1 + 2 + 2 found ("datatiedettä" is data + tiede).
        assert!(
            (translated.coverage - 5.0 / 11.0).abs() < 1e-9,
            "{}",
            translated.coverage
        );

        // English, a language without a dictionary, and no dictionaries: nothing.
        let english = Credential {
            title: LangText::single("en", "Data science"),
            ..Credential::default()
        };
        assert!(Translated::of(&bridge, &english).is_none());
        let swedish = Credential {
            title: LangText::single("sv", "Datavetenskap"),
            ..Credential::default()
        };
        assert!(Translated::of(&bridge, &swedish).is_none());
        assert!(Translated::of(&Bridge::off(), &credential).is_none());
    }

    #[test]
    fn scores_equal_up_to_rounding_keep_their_order() {
        let scores = [0.5 + 1e-15, 0.7, 0.5, 0.5 + 2e-16];
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(quantised(scores[*i])));
        assert_eq!(order, vec![1, 0, 2, 3]);
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
