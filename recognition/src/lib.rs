//! `recognition/`: here is a credential, which credentials elsewhere are equivalent to it,
//! element by element, and what was decided before.
//!
//! - [`compare`]: two credentials compared on the five elements of recognition practice
//!   (level, workload, quality, profile, learning outcomes), each with both values, a
//!   verdict and a reason. Pure functions of the two credentials.
//! - [`equivalence`]: the ranked equivalents of a credential, from the index's
//!   candidates ([`search::similar`]) and the store's records, with the precedents of
//!   earlier decisions.
//! - [`evidence`]: recorded decisions as evidence for new lookups: what an institution
//!   recognised similar credentials as, how a sender's catalogue maps onto its own, and
//!   how often it gave no specific equivalent; a probability and a Match / Maybe / Miss
//!   label for each candidate.
//! - [`decisions`]: the rules of recording a recognition decision, revising it and
//!   withdrawing it: one copy, used by the API and the pages alike.
//! - [`portfolio`]: whether a learner's credential would count at an institution: its
//!   decision about it first, the lookup's best candidate there second.
//!
//! This crate reads the store and the index; it never writes either (decisions are
//! written by the indexer's writer thread) and knows nothing of HTTP.

pub mod compare;
pub mod decisions;
pub mod equivalence;
pub mod evidence;
pub mod portfolio;

pub use evidence::Evidence;

use search::SearchError;
use store::StoreError;

/// Errors of a recognition lookup.
#[derive(Debug, thiserror::Error)]
pub enum RecognitionError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The index could not be read.
    #[error(transparent)]
    Search(#[from] SearchError),
}
