//! `formats/`: here are a feed's bytes in format F, give me its canonical credentials and
//! what each lacks.
//!
//! One module per metadata format, all producing [`ParsedRecord`]s; [`normalize`] holds
//! the rules every format shares (HTML, numbers, durations, dates) and [`conformance`]
//! the Annex I report of what a record states, lacks or states unreadably. The EU
//! vocabularies the formats map onto the model are the `vocab` crate's. This crate knows
//! nothing of storage, search or the network.
//!
//! Every format has one entry point, `parse(bytes) -> Result<Vec<Result<ParsedRecord,
//! RecordFailure>>, FormatError>`: a document yields the records it holds. A document
//! that cannot be read at all is a [`FormatError`]; a record inside it that cannot be read
//! is a [`RecordFailure`] and the others still go in. An OAI-PMH `<metadata>` payload is a
//! document holding one record.
//!
//! Parsers never resolve entities or fetch anything: XML is read with quick-xml, which
//! neither expands DTD entities nor loads external ones, and JSON with serde_json, whose
//! recursion limit bounds nesting.

mod assume;
pub mod clearinghouse_json;
pub mod conformance;
pub mod ctdl;
pub mod elm;
pub mod elmo;
pub mod ewp;
mod jsonld;
pub mod normalize;
pub mod oai_dc;
pub mod open_badges;
pub mod xcri_cap;
mod xml;

#[cfg(test)]
mod golden;

use model::{Credential, Format, PayloadHash};

pub use self::assume::{SourceAssumptions, as_published, assume};

/// One record read from a document.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRecord {
    /// The identifier the publisher gave it; for an OAI-PMH payload the header's
    /// identifier takes precedence.
    pub upstream_id: String,
    /// A last-modified date or datestamp from the document, if it has one.
    pub datestamp: Option<String>,
    /// Whether the document marks the record as withdrawn (kept as a tombstone).
    pub deleted: bool,
    /// The canonical record.
    pub credential: Credential,
    /// The hash of the record's own bytes in the document (or of its canonical form, where
    /// a format cannot slice one record out), to recognise unchanged records.
    pub payload_hash: PayloadHash,
    /// Hops through other clearinghouses before the source (oldest first), for
    /// [`model::Provenance::via`]; empty except for records re-published by one.
    pub via: Vec<String>,
}

/// A record inside a document that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFailure {
    /// Its identifier, where it could be found.
    pub upstream_id: Option<String>,
    /// What is wrong, in words the publisher can act on.
    pub reason: String,
}

/// Why a whole document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The bytes are not well-formed XML.
    #[error("not well-formed XML at byte {position}: {message}")]
    Xml {
        /// Byte offset of the problem.
        position: u64,
        /// What the XML reader said.
        message: String,
    },
    /// The bytes are not valid JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Json {
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
        /// What the JSON reader said.
        message: String,
    },
    /// The document is well-formed but not of the expected format.
    #[error("not a {format} document: {message}")]
    WrongShape {
        /// The format expected.
        format: Format,
        /// What was found instead.
        message: String,
    },
    /// The format has no parser in this build.
    #[error("format {0} cannot be read yet")]
    Unsupported(Format),
}

impl FormatError {
    pub(crate) fn json(err: &serde_json::Error) -> FormatError {
        FormatError::Json {
            line: err.line(),
            column: err.column(),
            message: err.to_string(),
        }
    }
}

/// What one document yielded.
pub type ParseOutcome = Result<Vec<Result<ParsedRecord, RecordFailure>>, FormatError>;

/// Reads a document (or an OAI-PMH metadata payload) of `format`.
/// The language of text whose tag is missing or implausible is detected here, once for
/// every format ([`normalize::detect_text_languages`]).
pub fn parse(format: Format, bytes: &[u8]) -> ParseOutcome {
    let mut records = match format {
        Format::OaiDc => oai_dc::parse(bytes),
        Format::ClearinghouseJson => clearinghouse_json::parse(bytes),
        Format::Elm => elm::parse(bytes),
        Format::Ewp => ewp::parse(bytes),
        Format::OpenBadges => open_badges::parse(bytes),
        Format::Ctdl => ctdl::parse(bytes),
        Format::XcriCap => xcri_cap::parse(bytes),
        Format::Elmo => elmo::parse(bytes),
    }?;
    for record in records.iter_mut().flatten() {
        normalize::detect_text_languages(&mut record.credential);
    }
    Ok(records)
}

/// Reads one OAI-PMH metadata payload: it must hold exactly one record.
pub fn parse_single(format: Format, bytes: &[u8]) -> Result<ParsedRecord, RecordFailure> {
    let records = parse(format, bytes).map_err(|err| RecordFailure {
        upstream_id: None,
        reason: err.to_string(),
    })?;
    let mut records = records.into_iter();
    match (records.next(), records.next()) {
        (Some(record), None) => record,
        (None, _) => Err(RecordFailure {
            upstream_id: None,
            reason: format!("the {format} payload holds no record"),
        }),
        (Some(_), Some(_)) => Err(RecordFailure {
            upstream_id: None,
            reason: format!("the {format} payload holds more than one record"),
        }),
    }
}

/// The canonical hash of a credential, for formats that cannot slice a record's bytes.
pub(crate) fn canonical_hash(credential: &Credential) -> PayloadHash {
    let bytes = serde_json::to_vec(credential).unwrap_or_default();
    PayloadHash::of(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FINNISH: &str = "Opintojaksolla opitaan ihmisten tutkimusta ja heidän tarpeidensa \
        ymmärtämistä sekä vuorovaikutteisten järjestelmien suunnittelua ja arviointia. \
        Opiskelijat tekevät pienryhmissä käyttäjätutkimuksen ja arvioivat prototyyppejä.";

    /// A record whose Finnish description is tagged English, as real catalogues publish
    /// it: read through `parse`, in two formats.
    #[test]
    fn a_finnish_description_tagged_en_is_indexed_as_fi_with_a_note() {
        let dublin_core = format!(
            r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:identifier>https://aalto.example/course/USR-1</dc:identifier>
                <dc:title xml:lang="en">Users and Interaction</dc:title>
                <dc:description xml:lang="en">&lt;p&gt;{FINNISH}&lt;/p&gt;</dc:description>
                <dc:publisher>Aalto-yliopisto</dc:publisher>
            </oai_dc:dc>"#
        );
        let json = format!(
            r#"{{"id":"USR-1","title":{{"en":"Users and Interaction"}},"description":{{"en":"{FINNISH}"}}}}"#
        );
        for (format, bytes) in [
            (Format::OaiDc, dublin_core.as_bytes()),
            (Format::ClearinghouseJson, json.as_bytes()),
        ] {
            let record = parse_single(format, bytes).unwrap();
            let credential = &record.credential;
            assert_eq!(
                credential
                    .title
                    .0
                    .keys()
                    .map(|tag| tag.as_str())
                    .collect::<Vec<_>>(),
                ["en"],
                "{format}"
            );
            assert_eq!(
                credential.title.best(&["en"]),
                Some("Users and Interaction")
            );
            assert_eq!(
                credential
                    .description
                    .0
                    .keys()
                    .map(|tag| tag.as_str())
                    .collect::<Vec<_>>(),
                ["fi"],
                "{format}"
            );
            assert_eq!(credential.description.best(&["fi"]), Some(FINNISH));
            assert!(
                credential
                    .description_html
                    .0
                    .keys()
                    .all(|tag| tag.as_str() == "fi"),
                "{format}"
            );
            // The publisher sees what was done, in the conformance report's notes.
            let report = conformance::RecordReport::new(&record.upstream_id, credential);
            assert!(
                report
                    .notes
                    .iter()
                    .any(|note| note == "description tagged en reads as Finnish: indexed as fi"),
                "{format}: {:?}",
                report.notes
            );
        }
    }
}
