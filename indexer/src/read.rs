//! `read/`: here is a search, give me the finished answer: the page of hits with what
//! each shows of its record and its snippet, the exact total and the facets. The one
//! read path of search, used by the API, the pages and the benchmarks alike
//! ([`Indexer::search`]).
//!
//! What a search hit shows of a stored record is read without decoding the rest.
//!
//! A page of hits used to decode each hit's whole [`model::StoredRecord`] from the
//! store's JSON (provenance, offers, identifiers, every Annex I element): a fifth of the
//! time of an answer. [`HitRecord`] reads the same bytes but keeps only what a hit view
//! and its snippet use; serde skips every other field without allocating. The field
//! names and defaults mirror [`model::StoredRecord`] and [`model::Credential`], so any
//! record the store can decode, this can.

use model::{Country, Credits, EqfLevel, Kind, LangText, Participation, RecordId};
use serde::Deserialize;

use search::{FacetCounts, ScoredId, SearchRequest, Snippet};
use store::Store;

use crate::{Indexer, IndexerError};

/// The parts of a stored record a search hit shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HitRecord {
    /// The clearinghouse's id.
    pub id: RecordId,
    /// The credential; `None` for a tombstone.
    pub credential: Option<HitCredential>,
}

/// The parts of a [`model::Credential`] a search hit shows or cuts a snippet from.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct HitCredential {
    /// What sort of offer this is.
    pub kind: Kind,
    /// Title.
    pub title: LangText,
    /// Description (snippets).
    pub description: LangText,
    /// Learning outcomes (snippets).
    pub learning_outcomes: Vec<HitOutcome>,
    /// Awarding body.
    pub awarding_body: HitOrganisation,
    /// Credits in whatever scheme they were published.
    pub credits: Option<Credits>,
    /// EQF level.
    pub eqf_level: Option<EqfLevel>,
    /// Forms of participation.
    pub participation: Vec<Participation>,
    /// Languages of instruction stated for the credential as a whole.
    pub languages: Vec<model::LangTag>,
    /// Its dated offers: start, languages, form and price of each.
    pub offers: Vec<model::Offer>,
    /// What the clearinghouse filled in or concluded (an unverified awarding body).
    pub assumed: model::Assumed,
}

impl HitCredential {
    /// ECTS credits, when the credits are stated in ECTS.
    pub fn ects(&self) -> Option<f64> {
        self.credits.as_ref().and_then(Credits::as_ects)
    }
}

/// The text of a learning outcome.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct HitOutcome {
    /// What the learner knows or can do.
    pub text: LangText,
}

/// The name and country of an awarding body.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct HitOrganisation {
    /// The organisation's name.
    pub name: LangText,
    /// Its country.
    pub country: Option<Country>,
}

impl HitRecord {
    /// The current version of record `id` as a hit shows it (`None` if not stored).
    pub fn read(store: &Store, id: &RecordId) -> Result<Option<HitRecord>, IndexerError> {
        store
            .record_bytes(id)?
            .map(|bytes| HitRecord::decode(&bytes[..]))
            .transpose()
    }

    /// The current version of a hit's record, read first where the index says it is
    /// ([`Store::record_bytes_near`]).
    pub fn read_hit(store: &Store, hit: &ScoredId) -> Result<Option<HitRecord>, IndexerError> {
        store
            .record_bytes_near(&hit.id, hit.seq)?
            .map(|bytes| HitRecord::decode(&bytes[..]))
            .transpose()
    }

    fn decode(bytes: &[u8]) -> Result<HitRecord, IndexerError> {
        serde_json::from_slice(bytes)
            .map_err(|err| IndexerError::Corrupt(format!("record does not decode: {err}")))
    }
}

/// One hit of a finished answer.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record, as a hit shows it.
    pub id: RecordId,
    /// Its credential (a hit is never a tombstone).
    pub credential: HitCredential,
    /// Who the institution facet files it under.
    pub institution: search::InstitutionValue,
    /// Its relevance score.
    pub score: f32,
    /// The snippet of the field that matched, matches marked, HTML-escaped.
    pub snippet: Option<Snippet>,
    /// For a hit found by meaning in another language than the query's words (the
    /// bridge between languages): the language it is described in and the similarity.
    pub across_languages: Option<(String, f64)>,
}

/// A record the bridge between languages found near a query: its id, the language it
/// is described in and its similarity to the query.
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyRecord {
    /// The record.
    pub id: RecordId,
    /// The language of its text.
    pub lang: String,
    /// Its similarity to the query (the centred cosine of their multilingual vectors).
    pub similarity: f64,
}

/// A finished search answer.
#[derive(Debug, Clone)]
pub struct SearchAnswer {
    /// How many records match the query and every filter.
    pub total: u64,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Every facet, in [`search::Facet::ALL`] order.
    pub facets: Vec<FacetCounts>,
    /// For each element filtered on, the records left out (or let in) for not stating
    /// it.
    pub unstated: Vec<search::Unstated>,
}

impl Indexer {
    /// Runs a search on the index generation in use and reads each hit of the page from
    /// the store, with its snippet. Blocking: call it from `spawn_blocking`.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchAnswer, IndexerError> {
        let results = self.index().search(request)?;
        let mut hits = Vec::with_capacity(results.hits.len());
        for hit in &results.hits {
            // A hit whose record is gone (a commit racing a read) is skipped, not an error.
            let Some(record) = HitRecord::read_hit(self.store(), hit)? else {
                continue;
            };
            let Some(credential) = record.credential else {
                continue;
            };
            let snippet = results.snippet_of(
                &credential.title,
                &credential.description,
                credential
                    .learning_outcomes
                    .iter()
                    .map(|outcome| &outcome.text),
            );
            let institution = search::InstitutionValue::of(
                record.id.source(),
                &credential.awarding_body.name,
                &credential.assumed,
            );
            hits.push(Hit {
                id: record.id,
                institution,
                credential,
                score: hit.score,
                snippet,
                across_languages: None,
            });
        }
        Ok(SearchAnswer {
            total: results.total,
            hits,
            facets: results.facets,
            unstated: results.unstated,
        })
    }

    /// Whether a search should be completed with records found by meaning in other
    /// languages: a first page of a text query that its words do not fill, not limited
    /// to one language.
    pub fn wants_other_languages(request: &SearchRequest, answer: &SearchAnswer) -> bool {
        request.offset == 0
            && !request.query.trim().is_empty()
            && request.lang.is_none()
            && answer.hits.len() < request.limit
    }

    /// Completes the first page of `answer` with the `nearby` records (most similar
    /// first) that pass the request's filters and are not hits already: after the hits
    /// of the query's own words, each marked with its language. The total counts them;
    /// the facets stay those of the words' matches.
    pub fn add_other_languages(
        &self,
        request: &SearchRequest,
        answer: &mut SearchAnswer,
        nearby: &[NearbyRecord],
    ) -> Result<(), IndexerError> {
        let room = request.limit.saturating_sub(answer.hits.len());
        if room == 0 || nearby.is_empty() {
            return Ok(());
        }
        let candidates: Vec<&NearbyRecord> = nearby
            .iter()
            .filter(|n| !answer.hits.iter().any(|hit| hit.id == n.id))
            .collect();
        if candidates.is_empty() {
            return Ok(());
        }
        let restricted = SearchRequest {
            query: String::new(),
            only: candidates.iter().map(|n| n.id.clone()).collect(),
            offset: 0,
            limit: candidates.len(),
            ..request.clone()
        };
        let passing = self.search(&restricted)?;
        let mut added = 0;
        for near in candidates {
            if added == room {
                break;
            }
            let Some(hit) = passing.hits.iter().find(|hit| hit.id == near.id) else {
                continue;
            };
            let mut hit = hit.clone();
            hit.snippet = None;
            hit.score = 0.0;
            hit.across_languages = Some((near.lang.clone(), near.similarity));
            answer.hits.push(hit);
            added += 1;
        }
        answer.total += added as u64;
        Ok(())
    }
}
