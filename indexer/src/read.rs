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
    /// Its relevance score.
    pub score: f32,
    /// The snippet of the field that matched, matches marked, HTML-escaped.
    pub snippet: Option<Snippet>,
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
            hits.push(Hit {
                id: record.id,
                credential,
                score: hit.score,
                snippet,
            });
        }
        Ok(SearchAnswer {
            total: results.total,
            hits,
            facets: results.facets,
        })
    }
}
