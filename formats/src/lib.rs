//! `formats/`: here are a feed's bytes in format F, give me its canonical credentials and
//! what each lacks.
//!
//! One module per metadata format, all producing [`ParsedRecord`]s; [`normalize`] holds
//! the rules every format shares (HTML, numbers, durations, dates) and [`conformance`]
//! the Annex I report of what a record states, lacks or states unreadably. The EU
//! vocabularies the formats map onto the model are the `vocab` crate's. This crate knows
//! nothing of storage, search or the network.
//!
//! A file whose format nobody configured (a credential a person uploads) is read by
//! [`detect::read_file`]: the format it claims, else the one whose parser reads it.
//!
//! Every format has one entry point, `parse(bytes) -> Result<Vec<Result<ParsedRecord,
//! RecordFailure>>, FormatError>`: a document yields the records it holds. A document
//! that cannot be read at all is a [`FormatError`]; a record inside it that cannot be read
//! is a [`RecordFailure`] and the others still go in. An OAI-PMH `<metadata>` payload is a
//! document holding one record.
//!
//! Parsers never resolve entities or fetch anything: XML is read with quick-xml, which
//! neither expands DTD entities nor loads external ones, and JSON with serde_json. Before
//! any parser builds a document, [`parse_within`] measures it against the configured
//! [`model::ParseLimits`] ([`limits`]): list lengths, nesting, text lengths and the
//! estimated memory of its tree are bounded by the configuration, not by the feed.

mod assume;
pub mod clearinghouse_json;
pub mod conformance;
pub mod ctdl;
pub mod detect;
pub mod elm;
pub mod elmo;
pub mod ewp;
mod jsonld;
pub mod limits;
pub mod normalize;
pub mod oai_dc;
pub mod open_badges;
pub mod xcri_cap;
mod xml;

#[cfg(test)]
mod golden;

use model::{Credential, Format, ParseLimits, PayloadHash};

pub use self::assume::{MayPublishFor, SourceAssumptions, as_published, assume};

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
    /// The document is over one of the limits on reading a document
    /// ([`model::ParseLimits`]): it is not read at all.
    #[error("over the reading limit {limit}: {message}")]
    OverLimit {
        /// The configuration key of the limit (`harvest.max_list_items`, ...).
        limit: &'static str,
        /// What is over the limit and what to do, in plain words.
        message: String,
    },
}

impl FormatError {
    /// The kind of harvest failure a document that cannot be read is.
    pub fn failure_kind(&self) -> model::FailureKind {
        match self {
            FormatError::Xml { .. } => model::FailureKind::MalformedXml,
            FormatError::Json { .. } => model::FailureKind::MalformedJson,
            FormatError::WrongShape { .. } | FormatError::Unsupported(_) => {
                model::FailureKind::WrongFormat
            }
            FormatError::OverLimit { .. } => model::FailureKind::TooLarge,
        }
    }

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

/// Reads a document (or an OAI-PMH metadata payload) of `format` within the default
/// limits ([`parse_within`]).
pub fn parse(format: Format, bytes: &[u8]) -> ParseOutcome {
    parse_within(format, bytes, &ParseLimits::default())
}

/// Reads a document (or an OAI-PMH metadata payload) of `format`, measured first against
/// `limits` ([`limits`]): a document over one fails whole with [`FormatError::OverLimit`],
/// and a record's lists longer than [`ParseLimits::max_items_per_record`] are cut, with an
/// issue. The language of text whose tag is missing or implausible is detected here, once
/// for every format ([`normalize::detect_text_languages`]).
pub fn parse_within(format: Format, bytes: &[u8], limits: &ParseLimits) -> ParseOutcome {
    measure(format, bytes, limits)?;
    let mut records = match format {
        Format::OaiDc => oai_dc::parse(bytes),
        Format::ClearinghouseJson => clearinghouse_json::parse_within(bytes, limits),
        Format::Elm => elm::parse(bytes),
        Format::Ewp => ewp::parse(bytes),
        Format::OpenBadges => open_badges::parse(bytes),
        Format::Ctdl => ctdl::parse(bytes),
        Format::XcriCap => xcri_cap::parse(bytes),
        Format::Elmo => elmo::parse(bytes),
    }?;
    for record in records.iter_mut().flatten() {
        limits::cut_long_lists(&mut record.credential, limits.max_items_per_record);
        normalize::detect_text_languages(&mut record.credential);
    }
    Ok(records)
}

/// Measures a document against `limits` before any parser builds it: JSON and XML in
/// one streaming pass each; a compact JWS (not JSON) counts as one text, so that its
/// decoded payload is bounded too. A clearinghouse-json record wrapped in XML is measured
/// once unwrapped (its parser calls [`limits::check_json`] on the JSON inside).
fn measure(format: Format, bytes: &[u8], limits: &ParseLimits) -> Result<(), FormatError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Ok(()),
        Some(b'<') if format == Format::ClearinghouseJson => Ok(()),
        Some(b'<') => limits::check_xml(body, limits),
        Some(_) if jsonld::looks_like_compact_jws(body) => {
            if body.trim_ascii().len() > limits.max_text_bytes {
                return Err(limits::Limit::Text.error(limits));
            }
            Ok(())
        }
        // JSON Lines are measured line by line by their parser.
        Some(_) if format == Format::ClearinghouseJson => Ok(()),
        Some(_) => limits::check_json(body, limits).map(drop),
    }
}

/// Reads one OAI-PMH metadata payload within the default limits ([`parse_single_within`]).
pub fn parse_single(format: Format, bytes: &[u8]) -> Result<ParsedRecord, RecordFailure> {
    parse_single_within(format, bytes, &ParseLimits::default())
}

/// Reads one OAI-PMH metadata payload within `limits`: it must hold exactly one record.
pub fn parse_single_within(
    format: Format,
    bytes: &[u8],
    limits: &ParseLimits,
) -> Result<ParsedRecord, RecordFailure> {
    let records = parse_within(format, bytes, limits).map_err(|err| RecordFailure {
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

    fn small_limits() -> ParseLimits {
        ParseLimits {
            max_parse_memory_bytes: 4 * 1024 * 1024,
            max_list_items: 1000,
            max_nesting_depth: 16,
            max_text_bytes: 10_000,
            max_items_per_record: 50,
        }
    }

    fn over_limit(format: Format, document: &[u8]) -> &'static str {
        match parse_within(format, document, &small_limits()) {
            Err(FormatError::OverLimit { limit, .. }) => limit,
            other => panic!("{format}: {other:?}"),
        }
    }

    /// The degenerate documents of issue 23, in every format: each fails whole, naming
    /// the limit it went over, before any tree is built.
    #[test]
    fn degenerate_documents_fail_whole_naming_the_limit() {
        let zeros = format!("[{}]", vec!["0"; 1001].join(","));
        let deep = format!("{}{}", "[".repeat(17), "]".repeat(17));
        let giant = format!(r#"{{"id":"x","title":{{"en":"{}"}}}}"#, "x".repeat(10_001));
        let json_formats = [
            Format::ClearinghouseJson,
            Format::Elm,
            Format::OpenBadges,
            Format::Ctdl,
        ];
        for format in json_formats {
            assert_eq!(
                over_limit(format, zeros.as_bytes()),
                "harvest.max_list_items"
            );
            assert_eq!(
                over_limit(format, deep.as_bytes()),
                "harvest.max_nesting_depth"
            );
            assert_eq!(
                over_limit(format, giant.as_bytes()),
                "harvest.max_text_bytes"
            );
        }
        let lines = "{\"id\":\"a\",\"title\":{\"en\":\"A\"}}\n".repeat(1001);
        assert_eq!(
            over_limit(Format::ClearinghouseJson, lines.as_bytes()),
            "harvest.max_list_items"
        );
        let wide = format!("<root>{}</root>", "<a/>".repeat(1001));
        let nested = format!("{}{}", "<a>".repeat(17), "</a>".repeat(17));
        let long_text = format!("<root>{}</root>", "x".repeat(10_001));
        for format in [
            Format::OaiDc,
            Format::Ewp,
            Format::XcriCap,
            Format::Elmo,
            Format::Elm,
        ] {
            assert_eq!(
                over_limit(format, wide.as_bytes()),
                "harvest.max_list_items"
            );
            assert_eq!(
                over_limit(format, nested.as_bytes()),
                "harvest.max_nesting_depth"
            );
            assert_eq!(
                over_limit(format, long_text.as_bytes()),
                "harvest.max_text_bytes"
            );
        }
        let jws = format!("eyJhbGciOiJFUzI1NiJ9.{}.c2ln", "A".repeat(10_001));
        assert_eq!(
            over_limit(Format::Elm, jws.as_bytes()),
            "harvest.max_text_bytes"
        );
    }

    /// A line of JSON Lines over a limit fails alone; the other lines are read.
    #[test]
    fn a_json_line_over_a_limit_fails_alone() {
        let document = format!(
            "{{\"id\":\"a\",\"title\":{{\"en\":\"A\"}}}}\n{{\"id\":\"b\",\"title\":{{\"en\":\"{}\"}}}}\n",
            "x".repeat(10_001)
        );
        let records = parse_within(
            Format::ClearinghouseJson,
            document.as_bytes(),
            &small_limits(),
        )
        .unwrap();
        assert!(records[0].is_ok());
        let failure = records[1].as_ref().unwrap_err();
        assert!(
            failure
                .reason
                .starts_with("line 2: over the reading limit harvest.max_text_bytes"),
            "{}",
            failure.reason
        );
    }

    /// A record with 9,000 learning outcomes is read, its outcomes cut to the limit with
    /// an issue the publisher sees in the conformance report.
    #[test]
    fn a_record_with_9000_outcomes_is_cut_with_an_issue() {
        let outcomes: Vec<String> = (0..9000)
            .map(|i| format!(r#"{{"text":{{"en":"Outcome number {i}"}}}}"#))
            .collect();
        let document = format!(
            r#"[{{"id":"many","title":{{"en":"Many outcomes"}},"learning_outcomes":[{}]}}]"#,
            outcomes.join(",")
        );
        let limits = ParseLimits {
            max_list_items: 10_000,
            max_parse_memory_bytes: 64 * 1024 * 1024,
            ..small_limits()
        };
        let record = parse_within(Format::ClearinghouseJson, document.as_bytes(), &limits)
            .unwrap()
            .remove(0)
            .unwrap();
        assert_eq!(record.credential.learning_outcomes.len(), 50);
        let report = conformance::RecordReport::new(&record.upstream_id, &record.credential);
        assert!(
            report.notes.iter().any(|note| note
                == "9000 learning outcomes published; only the first 50 are kept \
                    (harvest.max_items_per_record): publish fewer, or split the record"),
            "{:?}",
            report.notes
        );
    }

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
