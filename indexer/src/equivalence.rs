//! `equivalence/`: here is a credential, which credentials elsewhere are equivalent to it.
//!
//! Candidates come from the index: the credential's own title, outcomes and description
//! are analysed per language, the most distinctive terms (by inverse document frequency)
//! become a disjunctive query weighted title > outcomes > description, and the best
//! matches by BM25 are read back from the store. Each candidate is then compared on the
//! five elements of recognition practice ([`crate::compare`]) and ranked by a score that
//! combines the retrieval score, the term-vector similarity and the element verdicts,
//! raised by precedents (decisions already taken for the pair). When no candidate reaches
//! the threshold, the lookup says so instead of padding the list.

use std::collections::HashMap;

use model::{Credential, RecordId, SourceId, StoredRecord};
use serde::Serialize;
use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};

use crate::IndexerError;
use crate::compare::{self, Comparison};
use crate::decisions::{Decision, DecisionOutcome};
use crate::search::SearchIndex;
use crate::search::analysis::{Bucket, terms};
use crate::search::query::{OUTCOMES_BOOST, TITLE_BOOST, TextKind};
use crate::store::Store;

/// Candidates below this overall score are not offered as equivalents.
pub const DEFAULT_THRESHOLD: f64 = 0.35;
/// Weight of the BM25 retrieval score (relative to the best candidate) in text similarity.
const RETRIEVAL_WEIGHT: f64 = 0.2;
/// Weight of the TF-IDF cosine of the whole texts.
const TEXT_WEIGHT: f64 = 0.4;
/// Weight of the TF-IDF cosine of the titles.
const TITLE_WEIGHT: f64 = 0.4;
/// Score added when the titles read at the same level (no EQF level stated).
const LEVEL_CUE_BONUS: f64 = 0.03;
/// Most terms of the credential put into the candidate query.
const MAX_QUERY_TERMS: usize = 48;
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

/// Decisions already taken for a candidate pair.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Precedents {
    /// How many decisions recognised the credential as equivalent to this candidate.
    pub equivalent: usize,
    /// How many recognised it otherwise (credits) or refused it, anywhere.
    pub other: usize,
    /// Share of the credential's decisions that agree with this pairing, 0 to 1.
    pub consistency: Option<f64>,
    /// The decisions for this pair.
    pub decisions: Vec<Decision>,
}

/// One candidate equivalent.
#[derive(Debug, Clone, Serialize)]
pub struct EquivalentHit {
    /// The candidate record.
    pub record: StoredRecord,
    /// Overall score, 0 to 1 (precedents included).
    pub score: f64,
    /// The five-element comparison.
    pub comparison: Comparison,
    /// Decisions taken for this pair.
    pub precedents: Precedents,
}

/// The ranked candidates, or the statement that none is good enough.
#[derive(Debug, Clone, Serialize)]
pub struct Equivalents {
    /// Candidates at or above the threshold, best first.
    pub hits: Vec<EquivalentHit>,
    /// The threshold applied.
    pub threshold: f64,
    /// True when no candidate reached the threshold.
    pub no_equivalent_above_threshold: bool,
    /// How many candidates were compared.
    pub candidates_compared: usize,
}

/// Looks up equivalents of `credential` (stored as `record`).
pub fn find(
    index: &SearchIndex,
    store: &Store,
    record: &StoredRecord,
    request: &EquivalenceRequest,
) -> Result<Equivalents, IndexerError> {
    let Some(credential) = &record.credential else {
        return Ok(Equivalents {
            hits: Vec::new(),
            threshold: request.threshold,
            no_equivalent_above_threshold: true,
            candidates_compared: 0,
        });
    };
    let searcher = index.searcher();
    let query = candidate_query(
        index,
        &searcher,
        credential,
        &record.id,
        request.institution.as_ref(),
    )?;
    let n_candidates = (request.limit * CANDIDATES_PER_HIT).max(MIN_CANDIDATES);
    let top = searcher.search(&query, &TopDocs::with_limit(n_candidates).order_by_score())?;
    let max_score = top
        .first()
        .map_or(1.0, |(score, _)| *score)
        .max(f32::EPSILON);
    let decisions = store.decisions_about(&record.id)?;
    let mut weights = TfIdf::new(index, &searcher);
    let own_text = weights.vector(credential, false);
    let own_title = weights.vector(credential, true);
    let own_cue = candidate_cue(credential);
    let mut hits = Vec::new();
    let mut compared = 0;
    for (score, address) in top {
        let doc: tantivy::TantivyDocument = searcher.doc(address)?;
        let Some(id) = doc
            .get_first(index.fields().id)
            .and_then(|value| value.as_str())
            .and_then(|text| RecordId::parse(text).ok())
        else {
            continue;
        };
        let Some(candidate) = store.get(&id)? else {
            continue;
        };
        let Some(candidate_credential) =
            candidate.credential.as_ref().filter(|_| !candidate.deleted)
        else {
            continue;
        };
        if let Some(country) = &request.country
            && candidate_credential
                .awarding_body
                .country
                .as_ref()
                .is_none_or(|c| !c.as_str().eq_ignore_ascii_case(country))
        {
            continue;
        }
        compared += 1;
        let mut comparison = compare::compare(credential, candidate_credential);
        let retrieval = f64::from(score / max_score);
        let text = cosine(&own_text, &weights.vector(candidate_credential, false));
        let title = soft_cosine(&own_title, &weights.vector(candidate_credential, true));
        comparison.text_similarity =
            (RETRIEVAL_WEIGHT * retrieval + TEXT_WEIGHT * text + TITLE_WEIGHT * title)
                .clamp(0.0, 1.0);
        comparison.score = rescore(&comparison);
        let cue_bonus = level_cue_bonus(own_cue, candidate_cue(candidate_credential));
        comparison.score = (comparison.score + cue_bonus).clamp(0.0, 1.0);
        let precedents = precedents_for(&decisions, &id);
        let boost = precedent_boost(&precedents);
        hits.push(EquivalentHit {
            score: (comparison.score + boost).min(1.0),
            record: candidate,
            comparison,
            precedents,
        });
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.retain(|hit| hit.score >= request.threshold);
    hits.truncate(request.limit);
    Ok(Equivalents {
        no_equivalent_above_threshold: hits.is_empty(),
        hits,
        threshold: request.threshold,
        candidates_compared: compared,
    })
}

/// The overall score from text similarity and element verdicts (see [`compare::compare`]).
fn rescore(comparison: &Comparison) -> f64 {
    let weights: Vec<f64> = comparison
        .elements
        .iter()
        .filter_map(|element| match element.verdict {
            compare::Verdict::Match => Some(1.0),
            compare::Verdict::MinorDifference => Some(0.6),
            compare::Verdict::SubstantialDifference => Some(0.1),
            compare::Verdict::Unknown => None,
        })
        .collect();
    let elements = if weights.is_empty() {
        0.5
    } else {
        weights.iter().sum::<f64>() / weights.len() as f64
    };
    (0.6 * comparison.text_similarity + 0.4 * elements).clamp(0.0, 1.0)
}

fn precedents_for(decisions: &[Decision], candidate: &RecordId) -> Precedents {
    let live: Vec<&Decision> = decisions.iter().filter(|d| !d.withdrawn).collect();
    let for_pair: Vec<Decision> = live
        .iter()
        .filter(
            |d| matches!(&d.outcome, DecisionOutcome::Equivalent { target } if target == candidate),
        )
        .map(|d| (*d).clone())
        .collect();
    let equivalent = for_pair.len();
    let other = live.len() - equivalent;
    Precedents {
        equivalent,
        other,
        consistency: (!live.is_empty()).then(|| equivalent as f64 / live.len() as f64),
        decisions: for_pair,
    }
}

/// Up to +0.2 for consistent precedents naming this pair.
fn precedent_boost(precedents: &Precedents) -> f64 {
    if precedents.equivalent == 0 {
        return 0.0;
    }
    let strength = 1.0 - 0.5f64.powi(precedents.equivalent as i32);
    0.2 * strength * precedents.consistency.unwrap_or(1.0)
}

/// The disjunctive query of the credential's most distinctive terms, per language bucket.
fn candidate_query(
    index: &SearchIndex,
    searcher: &tantivy::Searcher,
    credential: &Credential,
    own_id: &RecordId,
    institution: Option<&SourceId>,
) -> Result<Box<dyn Query>, IndexerError> {
    let fields = index.fields();
    // Term frequencies per (bucket, kind), texts weighted like the search ranking.
    let mut weighted: HashMap<(Bucket, u8, String), f32> = HashMap::new();
    let mut add = |text: &model::LangText, kind: TextKind| {
        for (lang, value) in &text.0 {
            let bucket = Bucket::for_language(lang.primary());
            let mut analyzer = bucket.analyzer();
            for term in terms(&mut analyzer, value) {
                if term.len() < 2 {
                    continue;
                }
                *weighted
                    .entry((bucket, kind_number(kind), term))
                    .or_default() += 1.0;
            }
        }
    };
    add(&credential.title, TextKind::Title);
    for outcome in &credential.learning_outcomes {
        add(&outcome.text, TextKind::Outcomes);
    }
    add(&credential.description, TextKind::Description);
    let n_docs = searcher.num_docs().max(1) as f32;
    let mut scored: Vec<((Bucket, u8, String), f32)> = weighted
        .into_iter()
        .map(|((bucket, kind, term), tf)| {
            let field = fields.text_field(bucket, kind_from_number(kind));
            let doc_freq = searcher
                .doc_freq(&Term::from_field_text(field, &term))
                .unwrap_or(0) as f32;
            let idf = ((n_docs + 1.0) / (doc_freq + 1.0)).ln().max(0.05);
            ((bucket, kind, term), tf.sqrt() * idf)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.truncate(MAX_QUERY_TERMS);
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for ((bucket, _, term), _) in &scored {
        // Each term is looked up in all three fields of its bucket, wherever it came from.
        for (kind, boost) in [
            (TextKind::Title, TITLE_BOOST),
            (TextKind::Outcomes, OUTCOMES_BOOST),
            (TextKind::Description, 1.0),
        ] {
            let field = fields.text_field(*bucket, kind);
            let query = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), boost)),
            ));
        }
    }
    let text: Box<dyn Query> = Box::new(BooleanQuery::new(should));
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, text),
        (
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.id, own_id.as_str()),
                IndexRecordOption::Basic,
            )),
        ),
    ];
    if let Some(institution) = institution {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.source, institution.as_str()),
                IndexRecordOption::Basic,
            )),
        ));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

fn kind_number(kind: TextKind) -> u8 {
    match kind {
        TextKind::Title => 0,
        TextKind::Outcomes => 1,
        TextKind::Description => 2,
    }
}

fn kind_from_number(number: u8) -> TextKind {
    match number {
        0 => TextKind::Title,
        1 => TextKind::Outcomes,
        _ => TextKind::Description,
    }
}

/// TF-IDF term vectors over the index's own analysis (per-language stemming), with the
/// document frequencies of the index cached for one lookup.
struct TfIdf<'a> {
    index: &'a SearchIndex,
    searcher: &'a tantivy::Searcher,
    n_docs: f64,
    idf: HashMap<(Bucket, String), f64>,
}

type Vector = HashMap<(Bucket, String), f64>;

impl<'a> TfIdf<'a> {
    fn new(index: &'a SearchIndex, searcher: &'a tantivy::Searcher) -> TfIdf<'a> {
        TfIdf {
            index,
            searcher,
            n_docs: searcher.num_docs().max(1) as f64,
            idf: HashMap::new(),
        }
    }

    fn idf(&mut self, bucket: Bucket, term: &str) -> f64 {
        if let Some(idf) = self.idf.get(&(bucket, term.to_owned())) {
            return *idf;
        }
        let fields = self.index.fields();
        let doc_freq = [TextKind::Title, TextKind::Description]
            .iter()
            .map(|kind| {
                self.searcher
                    .doc_freq(&Term::from_field_text(
                        fields.text_field(bucket, *kind),
                        term,
                    ))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0) as f64;
        let idf = ((self.n_docs + 1.0) / (doc_freq + 1.0)).ln() + 1.0;
        self.idf.insert((bucket, term.to_owned()), idf);
        idf
    }

    /// The vector of a credential's title (`title_only`) or of all its text (titles
    /// twice, outcomes one and a half, descriptions once).
    fn vector(&mut self, credential: &Credential, title_only: bool) -> Vector {
        let mut tf: Vector = HashMap::new();
        let mut add = |text: &model::LangText, weight: f64| {
            for (lang, value) in &text.0 {
                let bucket = Bucket::for_language(lang.primary());
                let mut analyzer = bucket.analyzer();
                for term in terms(&mut analyzer, value) {
                    if term.len() >= 2 {
                        *tf.entry((bucket, term)).or_default() += weight;
                    }
                }
            }
        };
        add(&credential.title, if title_only { 1.0 } else { 2.0 });
        if !title_only {
            for outcome in &credential.learning_outcomes {
                add(&outcome.text, 1.5);
            }
            add(&credential.description, 1.0);
        }
        let mut vector = Vector::with_capacity(tf.len());
        for ((bucket, term), count) in tf {
            let idf = self.idf(bucket, &term);
            vector.insert((bucket, term), (1.0 + count.ln().max(0.0)) * idf);
        }
        vector
    }
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let dot: f64 = a
        .iter()
        .filter_map(|(term, x)| b.get(term).map(|y| x * y))
        .sum();
    let norm = |v: &Vector| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        dot / denominator
    }
}

fn candidate_cue(credential: &Credential) -> i8 {
    credential
        .title
        .0
        .values()
        .map(|title| compare::title_level_cue(title))
        .find(|cue| *cue != 0)
        .unwrap_or(0)
}

/// When neither side states an EQF level, titles that read at the same level (both
/// introductory, both advanced) rank a little higher, and opposite ones lower.
fn level_cue_bonus(own: i8, candidate: i8) -> f64 {
    match (own, candidate) {
        (0, _) | (_, 0) => 0.0,
        (x, y) if x == y => LEVEL_CUE_BONUS,
        _ => -2.0 * LEVEL_CUE_BONUS,
    }
}

/// Cosine where a term also half-matches a longer term it ends (`economics` in
/// `macroeconomics`, `wissenschaft` in `datenwissenschaft`): compounds and prefixed words
/// share their head. For short vectors (titles).
fn soft_cosine(a: &Vector, b: &Vector) -> f64 {
    let similarity = |x: &(Bucket, String), y: &(Bucket, String)| -> f64 {
        if x == y {
            1.0
        } else if x.0 == y.0 {
            let (short, long) = if x.1.len() <= y.1.len() {
                (&x.1, &y.1)
            } else {
                (&y.1, &x.1)
            };
            if short.len() >= COMPOUND_HEAD_MIN_BYTES && long.ends_with(short.as_str()) {
                COMPOUND_HEAD_SIMILARITY
            } else {
                0.0
            }
        } else {
            0.0
        }
    };
    let dot: f64 = a
        .iter()
        .map(|(x, wx)| {
            b.iter()
                .map(|(y, wy)| wx * wy * similarity(x, y))
                .sum::<f64>()
        })
        .sum();
    let norm = |v: &Vector| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        (dot / denominator).min(1.0)
    }
}

/// Shortest head (in bytes) that counts as the head of a compound.
const COMPOUND_HEAD_MIN_BYTES: usize = 5;
/// How much a compound and its head count as the same term.
const COMPOUND_HEAD_SIMILARITY: f64 = 0.7;
