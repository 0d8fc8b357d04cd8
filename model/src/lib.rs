//! Types every crate shares, and the rules every harvest path shares.
//!
//! The harvester produces [`RawRecord`]s grouped in [`HarvestPage`]s; the indexer
//! parses their payloads into [`Credential`]s, the canonical model of a
//! micro-credential or course offer, and stores them as [`StoredRecord`]s with
//! their [`Provenance`].
//!
//! The rules every harvest path shares live here too: how run counts are tallied
//! ([`RunCounts::tally`]) and what becomes of records that vanish from a complete listing
//! ([`CompleteListing`]).
//!
//! This crate is a leaf: it knows nothing of HTTP, sled, tantivy or actix.
//!
//! ```
//! use model::{Credential, LangText, RecordId, SourceId};
//!
//! let source = SourceId::parse("demo-tu").unwrap();
//! let id = RecordId::new(&source, "oai:demo:42");
//! let mut credential = Credential::default();
//! credential.title = LangText::single("en", "Data literacy");
//! assert_eq!(credential.title.best(&[]), Some("Data literacy"));
//! assert!(id.as_str().starts_with("demo-tu."));
//! ```

mod credential;
mod ids;
mod limits;
mod listing;
mod raw;
mod run;
mod text;

pub use credential::{
    AnnexElement, Assumed, Credential, CreditScheme, Credits, Identifier, Issue, Kind,
    LearningOutcome, Offer, Organisation, Participation, Status,
};
pub use ids::{
    Country, EqfLevel, IdError, IscedCode, LangTag, RecordId, RunId, SourceId, UPLOADED_SOURCE,
};
pub use limits::ParseLimits;
pub use listing::{CompleteListing, VanishedRecords};
pub use raw::{
    Checkpoint, Format, HarvestPage, PageKind, PayloadHash, Provenance, RawRecord, ResumePoint,
    StoredRecord,
};
pub use run::{FailureKind, HarvestRun, RecordError, RecordOutcome, RunCounts, RunOutcome};
pub use text::{LangText, collapse_whitespace};
