//! `indexer/`: here is a harvested page, make it durable and searchable; here is a search,
//! give me the finished answer.
//!
//! The write path and the consistency of store and index: harvested pages are parsed
//! ([`formats`]), written to the store ([`store`]) in one batch with their checkpoint, and
//! indexed ([`search`]) by one writer thread ([`writer`]); the index replays what it
//! missed at start-up and is rebuilt from the store into a new generation on demand. The
//! one read entry point ([`Indexer::search`], `read.rs`) answers a search with its hits'
//! records and snippets.
//!
//! It makes no network call and never blocks an async runtime: the store and the index
//! are written by one writer thread fed by a bounded channel, and reads run wherever the
//! caller puts them (the server uses `spawn_blocking`). It names neither sled nor tantivy.

mod read;
pub mod writer;

#[cfg(test)]
mod tests;

pub use read::{
    Hit, HitCredential, HitOrganisation, HitOutcome, HitRecord, NearbyRecord, SearchAnswer,
};
pub use writer::{
    COMMIT_INTERVAL, DataPaths, Indexer, MERGE_WHEN_IDLE_AFTER, PageOutcome, PageSequence,
    PendingPage, SourceContext, rebuild_index,
};

use search::SearchError;
use store::StoreError;

/// Errors of the indexer.
#[derive(Debug, thiserror::Error)]
pub enum IndexerError {
    /// The store failed (disk full, permissions, corruption).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The search index failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// A file operation failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// What the writer read back does not decode.
    #[error("store holds data it cannot read: {0}")]
    Corrupt(String),
    /// A whole-document feed could not be read; nothing of it was applied.
    #[error("feed document {upstream_id} cannot be read: {reason}")]
    Document {
        /// The document's URL or path.
        upstream_id: String,
        /// Why.
        reason: String,
        /// What kind of failure it is, for the publisher.
        kind: model::FailureKind,
    },
    /// An earlier page of the same harvest could not be stored, so this one was not
    /// either: the harvest resumes from the last stored page.
    #[error("an earlier page of this harvest could not be stored; this one was not stored either")]
    EarlierPageFailed,
    /// The writer thread has stopped (it panicked or the indexer is shutting down).
    #[error("the index writer has stopped")]
    WriterGone,
}
