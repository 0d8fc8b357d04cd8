//! Types shared by the harvester and the indexer, and nothing else.
//!
//! The harvester produces [`RawRecord`]s grouped in [`HarvestPage`]s; the indexer
//! parses their payloads into [`Credential`]s, the canonical model of a
//! micro-credential or course offer, and stores them as [`StoredRecord`]s with
//! their [`Provenance`].
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
mod raw;
mod run;
mod text;

pub use credential::{
    AnnexElement, Credential, CreditScheme, Credits, Identifier, Issue, Kind, LearningOutcome,
    Offer, Organisation, Participation, Status,
};
pub use ids::{Country, EqfLevel, IdError, IscedCode, LangTag, RecordId, RunId, SourceId};
pub use raw::{
    Checkpoint, Format, HarvestPage, PageKind, PayloadHash, Provenance, RawRecord, ResumePoint,
    StoredRecord,
};
pub use run::{HarvestRun, RecordError, RunCounts, RunOutcome};
pub use text::{LangText, collapse_whitespace};
