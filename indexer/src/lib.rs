//! The indexer: reads feed formats into the canonical model, keeps every record and its
//! history in sled (the source of truth) and maintains a tantivy index derived from it.
//!
//! It makes no network call and never blocks an async runtime: the store and the index
//! are written by one writer thread ([`writer`]) fed by a bounded channel, and searches
//! run wherever the caller puts them (the server uses `spawn_blocking`).

pub mod formats;
pub mod normalize;
