//! The indexer: reads feed formats into the canonical model, keeps every record and its
//! history in sled (the source of truth) and maintains a tantivy index derived from it.
//!
//! It makes no network call and never blocks an async runtime: the store and the index
//! are written by one writer thread ([`writer`]) fed by a bounded channel, and searches
//! run wherever the caller puts them (the server uses `spawn_blocking`).
//!
//! - [`formats`]: one parser per metadata format, all producing [`model::Credential`]s.
//! - [`store`]: the sled store: records, history, change log, checkpoints, run reports.
//! - [`search`]: the tantivy index: schema, documents, queries, facets, snippets.
//! - [`writer`]: the writer thread that applies harvested pages to both.
//! - [`backup`]: consistent copies of the store, taken while it is in use, and restores.

pub mod backup;
pub mod compare;
pub mod conformance;
pub mod decisions;
pub mod equivalence;
pub mod formats;
pub mod normalize;
pub mod search;
pub mod store;
pub mod vocab;
pub mod writer;

pub use search::{CurrentIndex, Facet, SearchIndex, SearchRequest, SearchResults, Sort};
pub use store::{Store, StoreCounts};
pub use writer::{
    Indexer, PageOutcome, PageSequence, PendingPage, SourceContext, as_published, rebuild_index,
};

/// Errors of the indexer.
#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    /// The sled store failed (disk full, permissions, corruption detected by sled).
    #[error("store error: {0}")]
    Store(#[from] sled::Error),
    /// The tantivy index failed.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A file operation failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A stored value does not decode: the store was written by an incompatible version.
    #[error("store holds data it cannot read: {0}")]
    Corrupt(String),
    /// The index on disk was built with another schema; run `clearinghouse reindex`.
    #[error("the search index was built by another version; run `clearinghouse reindex`")]
    SchemaChanged,
    /// A whole-document feed could not be read; nothing of it was applied.
    #[error("feed document {upstream_id} cannot be read: {reason}")]
    Document {
        /// The document's URL or path.
        upstream_id: String,
        /// Why.
        reason: String,
    },
    /// An earlier page of the same harvest could not be stored, so this one was not
    /// either: the harvest resumes from the last stored page.
    #[error("an earlier page of this harvest could not be stored; this one was not stored either")]
    EarlierPageFailed,
    /// The writer thread has stopped (it panicked or the indexer is shutting down).
    #[error("the index writer has stopped")]
    WriterGone,
}

impl From<tantivy::query::QueryParserError> for IndexerError {
    fn from(err: tantivy::query::QueryParserError) -> IndexerError {
        IndexerError::Index(err.into())
    }
}
