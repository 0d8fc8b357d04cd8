//! `similar/`: here is a credential, which indexed records are worth comparing with it.
//!
//! One disjunctive query of the credential's most distinctive terms (title, outcomes,
//! description, analysed in their own language bucket; counted with the field's boost, so
//! a title word weighs more than a description word) over the three text fields of the
//! bucket, weighted title > outcomes > description, and of its language-independent keys
//! (ESCO skill URIs, ISCED-F field codes: the index's `keys` field), which also reach
//! records in other languages. Hits carry their score relative to the best hit. The query
//! is scored a term at a time by [`disjunction::top`].
//!
//! The query is not bounded by the postings it reads: on the suite's corpus at 1M, keeping
//! only the rarer terms (a budget of postings per lookup) cut recall of reworded copies
//! from 0.28 to 0.06–0.22, since near-duplicates there share combinations of common words.
//!
//! A lookup works on one [`Snapshot`] of the index, so that its candidates and the term
//! statistics it ranks them with ([`Idf`]) come from the same commit.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use model::{Credential, RecordId, SourceId};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Score, Searcher, Term};

use self::disjunction::Disjunction;
use crate::analysis::{Bucket, terms};
use crate::query::{OUTCOMES_BOOST, TITLE_BOOST, TextKind};
use crate::{SearchError, SearchIndex, record_keys};

mod disjunction;

/// Most terms of the credential put into the query.
const MAX_QUERY_TERMS: usize = 48;
/// Boost of an ESCO skill URI in common (a skill is specific; the text is often not).
const SKILL_BOOST: f32 = 2.0;
/// Boost of an ISCED-F field code in common (many records share one).
const FIELD_BOOST: f32 = 0.5;

/// One candidate: where its document is, and its score relative to the best hit of its
/// query. [`Snapshot::record_of`] says which record it is.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    address: DocAddress,
    /// Retrieval score over that of the best hit of the same query, 0 to 1.
    pub relative_score: f64,
}

/// Where to look and what to leave out.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// The record looked up (never its own candidate).
    pub own_id: &'a RecordId,
    /// Only candidates of this source.
    pub institution: Option<&'a SourceId>,
}

/// The index as one lookup sees it: one commit, for candidates and term statistics alike.
pub struct Snapshot<'a> {
    index: &'a SearchIndex,
    searcher: Searcher,
}

impl std::fmt::Debug for Snapshot<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("num_docs", &self.searcher.num_docs())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// The index as of its last reloaded commit, for one lookup.
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot {
            index: self,
            searcher: self.searcher(),
        }
    }
}

impl<'a> Snapshot<'a> {
    /// The best `n` candidates of `credential`, best first.
    pub fn candidates(
        &self,
        credential: &Credential,
        scope: &Scope<'_>,
        n: usize,
    ) -> Result<Vec<Candidate>, SearchError> {
        candidates(self.index, &self.searcher, credential, scope, n)
    }

    /// The record a candidate's document indexes, and the store sequence number of the
    /// version indexed (`None` in an index written before it was stored); `None` for a
    /// document without a record id, which only a damaged index holds.
    pub fn record_of(
        &self,
        candidate: &Candidate,
    ) -> Result<Option<(RecordId, Option<u64>)>, SearchError> {
        self.index.record_ref(&self.searcher, candidate.address)
    }

    /// About how many records of `source` the index holds (documents deleted since the
    /// last merge included): the size of an institution's catalogue.
    pub fn source_size(&self, source: &SourceId) -> Result<u64, SearchError> {
        let term = Term::from_field_text(self.index.fields().source, source.as_str());
        Ok(self.searcher.doc_freq(&term)?)
    }

    /// The index's inverse document frequencies, cached for one lookup (one per thread).
    pub fn idf(&self) -> Idf<'_> {
        Idf::new(self.index, &self.searcher)
    }
}

/// The best `n` candidates of `credential`, best first.
fn candidates(
    index: &SearchIndex,
    searcher: &Searcher,
    credential: &Credential,
    scope: &Scope<'_>,
    n: usize,
) -> Result<Vec<Candidate>, SearchError> {
    let query = words_query(index, searcher, credential, scope);
    let hits = disjunction::top(searcher, &query, n)?;
    let best = hits.first().map_or(1.0, |hit| hit.score).max(f32::EPSILON);
    Ok(hits
        .into_iter()
        .map(|hit| Candidate {
            address: hit.address,
            relative_score: f64::from(hit.score / best),
        })
        .collect())
}

/// The disjunctive query of the credential's most distinctive terms and its keys.
fn words_query(
    index: &SearchIndex,
    searcher: &Searcher,
    credential: &Credential,
    scope: &Scope<'_>,
) -> Disjunction {
    let fields = index.fields();
    // Term frequencies per (bucket, term): texts weighted like the search ranking, so a
    // title word counts more than a description word.
    let mut weighted: HashMap<(Bucket, String), f64> = HashMap::new();
    let mut add = |text: &model::LangText, weight: f64| {
        for (lang, value) in &text.0 {
            let bucket = Bucket::for_language(lang.primary());
            let mut analyzer = bucket.analyzer();
            for term in terms(&mut analyzer, value) {
                if term.len() >= 2 {
                    *weighted.entry((bucket, term)).or_default() += weight;
                }
            }
        }
    };
    add(&credential.title, f64::from(TITLE_BOOST));
    for outcome in &credential.learning_outcomes {
        add(&outcome.text, f64::from(OUTCOMES_BOOST));
    }
    add(&credential.description, 1.0);
    let n_docs = searcher.num_docs().max(1);
    let kinds = [
        (TextKind::Title, TITLE_BOOST),
        (TextKind::Outcomes, OUTCOMES_BOOST),
        (TextKind::Description, 1.0),
    ];
    // Each term is looked up in all three fields of its bucket, wherever it came from.
    let mut scored: Vec<(f64, Bucket, String, [u64; 3])> = weighted
        .into_iter()
        .map(|((bucket, term), tf)| {
            let doc_freqs = kinds.map(|(kind, _)| {
                doc_freq(
                    searcher,
                    &Term::from_field_text(fields.text_field(bucket, kind), &term),
                )
            });
            let most = doc_freqs.iter().copied().max().unwrap_or(0);
            (tf.sqrt() * idf(n_docs, most), bucket, term, doc_freqs)
        })
        .filter(|(_, _, _, doc_freqs)| doc_freqs.iter().any(|df| *df > 0))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let mut should = key_clauses(index, searcher, credential);
    for (_, bucket, term, doc_freqs) in scored.iter().take(MAX_QUERY_TERMS) {
        for ((kind, boost), doc_freq) in kinds.iter().zip(doc_freqs) {
            if *doc_freq > 0 {
                let field = fields.text_field(*bucket, *kind);
                should.push((
                    Term::from_field_text(field, term),
                    *boost,
                    IndexRecordOption::WithFreqs,
                ));
            }
        }
    }
    Disjunction {
        clauses: should,
        excluded: Some(Term::from_field_text(fields.id, scope.own_id.as_str())),
        required: scope
            .institution
            .map(|institution| Term::from_field_text(fields.source, institution.as_str())),
    }
}

/// SHOULD clauses for the credential's keys found in the index: ESCO skill URIs (specific,
/// boosted) and ISCED-F field codes (many records share one, a small boost).
fn key_clauses(
    index: &SearchIndex,
    searcher: &Searcher,
    credential: &Credential,
) -> Vec<(Term, Score, IndexRecordOption)> {
    let field = index.fields().keys;
    record_keys(credential)
        .into_iter()
        .filter(|key| doc_freq(searcher, &Term::from_field_text(field, key)) > 0)
        .map(|key| {
            let boost = if key.starts_with("skill:") {
                SKILL_BOOST
            } else {
                FIELD_BOOST
            };
            (
                Term::from_field_text(field, &key),
                boost,
                IndexRecordOption::Basic,
            )
        })
        .collect()
}

fn doc_freq(searcher: &Searcher, term: &Term) -> u64 {
    searcher.doc_freq(term).unwrap_or(0)
}

/// `ln((N + 1) / (df + 1))`, at least 0.05.
fn idf(n_docs: u64, doc_freq: u64) -> f64 {
    ((n_docs as f64 + 1.0) / (doc_freq as f64 + 1.0))
        .ln()
        .max(0.05)
}

/// Keys are already hashes: a map keyed by [`term_key`]s uses them as they are.
pub type KeyHasher = BuildHasherDefault<PassThrough>;

/// A [`Hasher`] for keys that are already 64-bit hashes.
#[derive(Debug, Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(self.0, bytes);
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A 64-bit key of `term` analysed in `bucket`, for sparse term vectors and caches.
pub fn term_key(bucket: Bucket, term: &str) -> u64 {
    hash_bytes(
        (bucket.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        term.as_bytes(),
    )
}

/// FNV-1a over `bytes`, from `seed`: fast and good enough for sparse vector keys.
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut hash = 0xCBF2_9CE4_8422_2325 ^ seed;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01B3);
    }
    hash
}

/// Inverse document frequencies of the index, cached for one lookup.
pub struct Idf<'a> {
    index: &'a SearchIndex,
    searcher: &'a tantivy::Searcher,
    n_docs: f64,
    /// Per bucket, the documents with text in it (see [`Idf::of`]), counted when first
    /// asked.
    bucket_docs: Vec<Option<f64>>,
    cache: HashMap<u64, f64, KeyHasher>,
    analyzers: HashMap<Bucket, TextAnalyzer>,
}

impl<'a> Idf<'a> {
    fn new(index: &'a SearchIndex, searcher: &'a tantivy::Searcher) -> Idf<'a> {
        Idf {
            index,
            searcher,
            n_docs: searcher.num_docs().max(1) as f64,
            bucket_docs: vec![None; Bucket::COUNT],
            cache: HashMap::default(),
            analyzers: HashMap::new(),
        }
    }

    /// The terms of `text` under `bucket`'s analyzer (built once per lookup).
    pub fn terms(&mut self, bucket: Bucket, text: &str) -> Vec<String> {
        let analyzer = self
            .analyzers
            .entry(bucket)
            .or_insert_with(|| bucket.analyzer());
        terms(analyzer, text)
    }

    /// How many documents have text in `bucket`'s language: those whose `text_lang` names
    /// it (for a stemmed language), or all of them (for `other` and `und`, which hold
    /// many languages and the keywords).
    fn docs_in(&mut self, bucket: Bucket) -> f64 {
        if let Some(Some(n)) = self.bucket_docs.get(bucket.0) {
            return *n;
        }
        let languages: &[&str] = match bucket.name() {
            "other" | "und" => &[],
            "no" => &["no", "nb", "nn"],
            name => &[name],
        };
        let n = if languages.is_empty() {
            self.n_docs
        } else {
            let text_lang = self.index.fields().text_lang;
            languages
                .iter()
                .map(|language| {
                    self.searcher
                        .doc_freq(&Term::from_field_text(text_lang, language))
                        .unwrap_or(0)
                })
                .sum::<u64>() as f64
        };
        if let Some(slot) = self.bucket_docs.get_mut(bucket.0) {
            *slot = Some(n);
        }
        n
    }

    /// `ln((N + 1) / (df + 1)) + 1`, with the larger of the term's title and description
    /// document frequencies in its bucket, and N the documents with text in the bucket's
    /// language. Counted over the whole index, N would give a language that few records
    /// use a high IDF for its commonest words (Swedish `och`, `att` in a mostly English
    /// store), and two unrelated texts in that language would look alike by them.
    pub fn of(&mut self, bucket: Bucket, term: &str) -> f64 {
        let key = term_key(bucket, term);
        if let Some(idf) = self.cache.get(&key) {
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
        let n_docs = self.docs_in(bucket).max(doc_freq);
        let idf = ((n_docs + 1.0) / (doc_freq + 1.0)).ln() + 1.0;
        self.cache.insert(key, idf);
        idf
    }
}

impl std::fmt::Debug for Idf<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Idf")
            .field("cached", &self.cache.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tests::{TestIndex, index_of};

    /// An index over `records` (clearinghouse-json objects) of source `cand`.
    fn indexer_of(records: &[serde_json::Value]) -> TestIndex {
        index_of("cand", records)
    }

    fn record(id: &str, lang: &str, title: &str, description: &str) -> serde_json::Value {
        serde_json::json!({
            "id": id,
            "title": { lang: title },
            "description": { lang: description },
            "isced_fields": ["0111"],
            "modified": "2026-10-01T09:00:00Z",
        })
    }

    #[test]
    fn a_shared_skill_ranks_a_record_of_other_words_first_and_the_record_itself_is_left_out() {
        let mut records = vec![
            record(
                "held",
                "en",
                "Inclusive education",
                "Inclusive education in primary schools: planning lessons for every pupil.",
            ),
            // Nothing in common with the held credential but a skill and the field.
            record(
                "de-skill",
                "de",
                "Unterricht für alle",
                "Unterricht in der Grundschule für jedes Kind planen.",
            ),
            // Only the field in common.
            record(
                "fr-field",
                "fr",
                "Chimie organique",
                "Réactions et synthèse en chimie organique.",
            ),
        ];
        let skill = "http://data.europa.eu/esco/skill/inclusive-teaching";
        records[0]["skills"] = serde_json::json!([skill]);
        records[1]["skills"] = serde_json::json!([format!("{skill}/")]);
        for k in 0..12 {
            records.push(record(
                &format!("en-{k}"),
                "en",
                &format!("Inclusive education in primary schools {k}"),
                "Planning lessons in primary schools for every pupil.",
            ));
        }
        let indexed = indexer_of(&records);
        let index = &indexed.index;
        let searcher = index.searcher();
        let source = SourceId::parse("cand").unwrap();
        let held = indexed.record(&source, "held").clone();
        let scope = Scope {
            own_id: &held.id,
            institution: None,
        };
        let found = candidates(
            index,
            &searcher,
            held.credential.as_ref().unwrap(),
            &scope,
            20,
        )
        .unwrap();
        let ids: Vec<String> = found
            .iter()
            .map(|candidate| {
                let (id, _) = index.snapshot().record_of(candidate).unwrap().unwrap();
                indexed.records[&id].provenance.upstream_id.clone()
            })
            .collect();
        assert_eq!(ids.len(), 14, "{ids:?}");
        assert!(!ids.contains(&"held".to_owned()));
        let position = |id: &str| ids.iter().position(|found| found == id).unwrap();
        assert!(position("de-skill") < position("fr-field"), "{ids:?}");
        assert!(ids[..12].iter().all(|id| id.starts_with("en-")), "{ids:?}");
        assert!(
            found
                .iter()
                .all(|c| c.relative_score > 0.0 && c.relative_score <= 1.0)
        );
        assert_eq!(found[0].relative_score, 1.0);
    }

    #[test]
    fn the_candidates_are_what_top_docs_finds_up_to_near_ties() {
        // Few distinct texts, so many hits tie on score.
        let words = ["algebra", "geometry", "statistics", "calculus", "logic"];
        let records: Vec<serde_json::Value> = (0..240)
            .map(|k| {
                let (a, b) = (words[k % 5], words[(k / 5) % 5]);
                let description = if k % 3 == 0 {
                    format!("{a} and {b} for teachers")
                } else {
                    format!("{a} {b}")
                };
                record(&format!("r-{k}"), "en", &format!("{a} {b}"), &description)
            })
            .collect();
        let indexed = indexer_of(&records);
        let index = &indexed.index;
        let searcher = index.searcher();
        let source = SourceId::parse("cand").unwrap();
        for (held, institution) in [("r-0", None), ("r-7", Some(&source)), ("r-33", None)] {
            let held = indexed.record(&source, held).clone();
            let scope = Scope {
                own_id: &held.id,
                institution,
            };
            let credential = held.credential.as_ref().unwrap();
            let query = words_query(index, &searcher, credential, &scope);
            assert!(query.clauses.len() >= 6, "{query:?}");
            for n in [1, 7, 50, 500] {
                let hits = disjunction::top(&searcher, &query, n).unwrap();
                disjunction::assert_near_top_docs(&searcher, &query, &hits, n);
                let found = candidates(index, &searcher, credential, &scope, n).unwrap();
                let best = hits[0].score;
                assert_eq!(found.len(), hits.len());
                for (candidate, hit) in found.iter().zip(&hits) {
                    assert_eq!(candidate.address, hit.address);
                    assert_eq!(candidate.relative_score, f64::from(hit.score / best));
                }
            }
        }
    }

    #[test]
    fn keys_name_skills_then_fields() {
        let mut credential = Credential {
            skills: vec![
                "http://data.europa.eu/esco/skill/b/".to_owned(),
                " http://data.europa.eu/esco/skill/a".to_owned(),
            ],
            isced_fields: vec![model::IscedCode::parse("0613").unwrap()],
            ..Credential::default()
        };
        credential.learning_outcomes.push(model::LearningOutcome {
            skill_uri: Some("http://data.europa.eu/esco/skill/b".to_owned()),
            ..model::LearningOutcome::default()
        });
        assert_eq!(
            record_keys(&credential),
            vec![
                "skill:http://data.europa.eu/esco/skill/a",
                "skill:http://data.europa.eu/esco/skill/b",
                "isced:061",
                "isced:0613",
            ]
        );
    }
}
