//! `search/`: here is a query, which records match, how well, and why; here is a
//! credential, which indexed records are worth comparing with it.
//!
//! The tantivy index is derived from the store and can always be rebuilt from it; this
//! is the only crate that names tantivy, and it knows nothing of sled. An index stores
//! only each record's id and the store sequence number of the version indexed: callers
//! read hits back from the store, and snippets are cut from the store's text by the
//! [`SearchResults`] that found them. Each commit carries the last store sequence number
//! applied (the commit payload), so that at start-up the index replays what it missed.
//!
//! - [`analysis`]: one analyzer per language bucket (stemmer of the text's own language,
//!   accents folded); every text field exists once per bucket.
//! - [`query`]: the query language (words, phrases, `-exclusion`, `title:`/`outcome:`)
//!   and its translation, with typo tolerance.
//! - [`facets`]: facet names, record values, filter values and labels.
//! - [`derived`]: the assessment and quality-assurance vocabularies read from prose.
//! - `schema`: the fields and the document of a record.
//! - `generations`: index generations on disk and the one in use ([`CurrentIndex`]).
//! - `execute` and `collector`: one pass yielding the page, the exact total and
//!   disjunctive facet counts; `highlight`: snippets.
//! - [`write`]: the one [`IndexWriter`] of a generation and the [`Document`]s it takes.
//! - [`similar`]: the candidates of an equivalence lookup, scored a term at a time, and
//!   the index's term statistics ([`similar::Idf`]).
//! - [`parallel`]: a lookup's use of a second core.
//! - `stem_cache`: the analyzers, remembering the stems they computed.
//! - `word_pairs`: every text field's twin indexing its pairs of adjacent words, so that
//!   a two-word phrase is one term lookup.
//! - `facet_tables`: each segment's facet values, and per document one row with its
//!   completeness and every facet's value ordinals, built once per segment when the
//!   reader loads it.
//!
//! ```no_run
//! use search::{Facet, SearchIndex, SearchRequest};
//!
//! let index = SearchIndex::open(std::path::Path::new("data/index")).unwrap();
//! let mut request = SearchRequest::new("data science", 0, 20);
//! request.filters.push((Facet::Country, vec!["DE".to_owned()]));
//! let results = index.search(&request).unwrap();
//! println!("{} records, first: {:?}", results.total, results.hits.first());
//! ```

pub mod analysis;
mod collector;
pub mod derived;
mod execute;
mod facet_tables;
pub mod facets;
mod generations;
mod highlight;
pub mod parallel;
pub mod query;
mod request;
mod schema;
pub mod similar;
mod stem_cache;
mod word_pairs;
pub mod write;

pub use self::facets::{Facet, InstitutionValue};
pub use self::generations::{CurrentIndex, SearchIndex, new_generation_dir, switch_generation};
pub use self::request::{
    Element, FacetCounts, FacetValue, ScoredId, SearchRequest, SearchResults, Snippet, Sort,
    SortField, Unstated,
};
pub use self::schema::{Fields, record_keys, skill_uris};
pub use self::write::{Document, IndexWriter};

/// Errors of the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed (disk full, permissions, a damaged index).
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A file operation failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The index holds something it should not (a document without a record id).
    #[error("the search index holds data it cannot read: {0}")]
    Corrupt(String),
    /// The index on disk was built with another schema; it must be rebuilt from the store
    /// (`clearinghouse reindex`, or at start-up).
    #[error("the search index was built by another version; run `clearinghouse reindex`")]
    SchemaChanged,
    /// The index on disk is damaged (files missing, unreadable or failing their
    /// checksums); it must be rebuilt from the store.
    #[error("the search index is damaged ({0}); run `clearinghouse reindex`")]
    Damaged(String),
}

impl From<tantivy::query::QueryParserError> for SearchError {
    fn from(err: tantivy::query::QueryParserError) -> SearchError {
        SearchError::Index(err.into())
    }
}

/// How much a record meeting every mandatory Annex I element gains over one meeting none:
/// its score is multiplied by `1 + COMPLETENESS_BOOST × completeness`.
pub const COMPLETENESS_BOOST: f32 = 0.1;

/// Most values listed for an open facet (institution, country, ...); selected values are
/// always listed.
pub const MAX_FACET_VALUES: usize = 100;

/// How many segments an index is left with once the writer merges it when idle: the
/// largest, and all the others merged into one.
///
/// tantivy's merge policy leaves a freshly harvested million records in about seven
/// segments (one of ~600k, several of ~80k, small ones), and a search pays per segment
/// and term (term lookups, opening postings, buffers of the unions): two segments
/// instead of seven cut the CPU of a two-word answer by 13 %. Merging all but the
/// largest rewrites at most the smaller part of the index (2.4 s for 365k records).
pub const SEGMENTS_WHEN_IDLE: usize = 2;

/// Bytes of a block of tantivy's document store, which holds only each document's record
/// id. A hit's id is read by decompressing its whole block: with tantivy's default of
/// 16 KiB (about 500 ids) that was 6 % of the CPU of an answer at a million records.
/// Random ids barely compress, so smaller blocks cost almost no disk.
pub(crate) const DOCSTORE_BLOCK_BYTES: usize = 2048;

/// Longest snippet, in characters.
pub(crate) const SNIPPET_CHARS: usize = 200;

#[cfg(test)]
mod tests;
