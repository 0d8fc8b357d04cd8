//! `detect`: here are the bytes of one credential file whose format nobody told us (a
//! file a student brings), which format is it, and its credentials.
//!
//! A harvested feed's format is configured; a file a person uploads says what it is only
//! by its content. [`read_file`] finds out, and reads it with the same parser a feed of
//! that format goes through ([`crate::parse_within`], limits first):
//!
//! 1. **Claimed**: the markers a format's documents carry (a JSON-LD `@context`, a
//!    type, a namespace) are looked for in the bytes ([`claims`]); a compact JWS is
//!    decoded first. A file that claims one format is read as that format only, and
//!    when it cannot be, the answer names the claim ("this looks like an Open Badges 3.0
//!    credential, but …").
//! 2. **Not claimed** (the clearinghouse's own JSON has no marker), or claiming several:
//!    each [`FILE_FORMATS`] parser of the file's syntax (JSON or XML) is tried, and those
//!    that read at least one titled credential are kept. One: that is the format. More
//!    than one: the person chooses ([`FileError::Ambiguous`]); a person who chose is
//!    never second-guessed.
//!
//! Nothing is fetched and nothing is kept: this is the formats' own reading, applied to
//! one file.

use model::{Format, ParseLimits};

use crate::{FormatError, ParsedRecord, RecordFailure, jsonld};

/// The formats a single credential file may be in, in the order they are offered.
/// (Feed-only formats, OAI-PMH Dublin Core and EWP responses, are not files people hold.)
pub const FILE_FORMATS: [Format; 6] = [
    Format::Elm,
    Format::OpenBadges,
    Format::ClearinghouseJson,
    Format::Ctdl,
    Format::Elmo,
    Format::XcriCap,
];

/// What a file says it is, by the markers of a format in its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The format whose parser reads it.
    pub format: Format,
    /// What it is, in words ("an Open Badges 3.0 credential").
    pub what: &'static str,
}

/// The markers of each kind of file: any one of them in the content claims it. Open
/// Badges 3.0 before 2.0 (a 3.0 credential may mention 2.0 nowhere, but the reverse
/// holds too); each marker is specific to its format's documents.
const MARKERS: [(Format, &str, &[&str]); 7] = [
    (
        Format::OpenBadges,
        "an Open Badges 3.0 credential",
        &[
            "purl.imsglobal.org/spec/ob/v3p0",
            "\"OpenBadgeCredential\"",
            "\"AchievementCredential\"",
        ],
    ),
    (
        Format::OpenBadges,
        "an Open Badges 2.0 badge",
        &["w3id.org/openbadges"],
    ),
    (
        Format::Elm,
        "a European Digital Credential (European Learning Model)",
        &["data.europa.eu/snb/model", "\"EuropeanDigitalCredential\""],
    ),
    (
        Format::Ctdl,
        "a Credential Engine (CTDL) record",
        &["credreg.net/ctdl", "purl.org/ctdl", "\"ceterms:"],
    ),
    (
        Format::Elmo,
        "an ELMO/EMREX transcript",
        &["<elmo", ":elmo", "emrex"],
    ),
    (
        Format::XcriCap,
        "an XCRI-CAP course catalogue",
        &["xcri.org", "xcri-cap"],
    ),
    (
        Format::ClearinghouseJson,
        "a clearinghouse JSON record",
        &[crate::clearinghouse_json::XML_NAMESPACE],
    ),
];

/// What a file of `format` is, in words.
pub fn describe(format: Format) -> &'static str {
    match format {
        Format::Elm => "a European Digital Credential (European Learning Model)",
        Format::OpenBadges => "an Open Badge (2.0 or 3.0)",
        Format::ClearinghouseJson => "a clearinghouse JSON record",
        Format::Ctdl => "a Credential Engine (CTDL) record",
        Format::Elmo => "an ELMO/EMREX transcript",
        Format::XcriCap => "an XCRI-CAP course catalogue",
        Format::OaiDc => "an OAI-PMH Dublin Core record",
        Format::Ewp => "an Erasmus Without Paper courses response",
    }
}

/// The kinds of file the content claims to be, by their markers, without repeats of a
/// format. A compact JWS is decoded first.
pub fn claims(bytes: &[u8]) -> Vec<Claim> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded;
    let text: &[u8] = if jsonld::looks_like_compact_jws(body) {
        let trimmed = String::from_utf8_lossy(body.trim_ascii()).into_owned();
        decoded = trimmed
            .split('.')
            .nth(1)
            .and_then(jsonld::base64_decode)
            .unwrap_or_default();
        &decoded
    } else {
        body
    };
    let text = String::from_utf8_lossy(text);
    let mut found: Vec<Claim> = Vec::new();
    for (format, what, markers) in MARKERS {
        if markers.iter().any(|marker| text.contains(marker))
            && !found.iter().any(|claim| claim.format == format)
        {
            found.push(Claim { format, what });
        }
    }
    found
}

/// A file read.
#[derive(Debug, Clone)]
pub struct FileRead {
    /// The format it was read as.
    pub format: Format,
    /// What it said it is, when it said.
    pub claim: Option<Claim>,
    /// The credentials read from it (at least one).
    pub records: Vec<ParsedRecord>,
    /// Credentials inside it that could not be read.
    pub failures: Vec<RecordFailure>,
}

/// Why a file yields no credential, in words a person who holds the file can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Nothing in it.
    #[error("the file is empty")]
    Empty,
    /// Neither JSON nor XML (a PDF, an image, text).
    #[error(
        "this is neither JSON nor XML: a credential file is JSON-LD (a European Digital \
         Credential, an Open Badge), JSON or XML; a PDF or an image of a certificate cannot \
         be read"
    )]
    NotJsonOrXml,
    /// The file claims (or was chosen as) a format, and that format's reader refuses it.
    #[error("{}", claimed_but(.claim, .reason))]
    NotReadableAs {
        /// What it claimed, or what the person chose.
        claim: Claim,
        /// Why it cannot be read as that, from the format's reader.
        reason: String,
    },
    /// The person chose a format, and that format's reader refuses the file.
    #[error("it cannot be read as {}: {reason}", .claim.what)]
    NotReadableAsChosen {
        /// The format chosen.
        claim: Claim,
        /// Why it cannot be read as that, from the format's reader.
        reason: String,
    },
    /// No format's reader finds a credential in it.
    #[error("no credential could be read from it as any format read here ({formats}); {reason}")]
    Unrecognised {
        /// The formats tried.
        formats: String,
        /// What the reader of its syntax said, when it could not read even that.
        reason: String,
    },
    /// Several formats read it: the person says which it is.
    #[error("it can be read as {}: choose which it is", list(.formats))]
    Ambiguous {
        /// The formats that read it.
        formats: Vec<Format>,
    },
}

fn claimed_but(claim: &Claim, reason: &str) -> String {
    format!(
        "this looks like {}, but it cannot be read as one: {reason}",
        claim.what
    )
}

fn list(formats: &[Format]) -> String {
    formats
        .iter()
        .map(|format| describe(*format))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// What a document that cannot be read as `given` looks like instead, in words for a
/// publisher running `validate`: the format its content claims, else the one file
/// format that reads it, else its syntax ("this looks like JSON, not XML: did you mean
/// --format clearinghouse-json …?"). `None` when it looks like nothing else.
pub fn suggest(bytes: &[u8], given: Format) -> Option<String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let syntax = match body.iter().find(|b| !b.is_ascii_whitespace())? {
        b'<' => Syntax::Xml,
        b'{' | b'[' => Syntax::Json,
        _ => return None,
    };
    let did_you_mean = |format: Format, what: &str| {
        format!("this looks like {what}; did you mean --format {format}?")
    };
    if let Some(claim) = claims(body).into_iter().find(|claim| claim.format != given) {
        return Some(did_you_mean(claim.format, claim.what));
    }
    if let Ok(read) = read_file(body, &ParseLimits::default(), None)
        && read.format != given
    {
        return Some(did_you_mean(read.format, describe(read.format)));
    }
    // Feed formats a file never claims to be: their namespaces say it.
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    if syntax == Syntax::Xml && given != Format::OaiDc {
        if text.contains("http://www.openarchives.org/OAI/2.0/oai_dc/") {
            return Some(did_you_mean(Format::OaiDc, "Dublin Core (oai_dc)"));
        }
        if text.contains("http://www.openarchives.org/OAI/2.0/") {
            return Some(
                "this looks like an OAI-PMH response: check the endpoint with --url and \
                 --protocol oai-pmh, with the format of its records"
                    .to_owned(),
            );
        }
    }
    // clearinghouse-json's XML is only its OAI-PMH wrapper: a publisher writes JSON.
    let xml_format = !Syntax::Json.read_by(given);
    match syntax {
        Syntax::Json if xml_format => Some(
            "this looks like JSON, not XML: did you mean --format clearinghouse-json (or elm, \
             open-badges, ctdl for JSON-LD)?"
                .to_owned(),
        ),
        Syntax::Xml if !Syntax::Xml.read_by(given) || given == Format::ClearinghouseJson => Some(
            "this looks like XML, not JSON: did you mean --format oai_dc, ewp, elmo, xcri-cap \
             or elm?"
                .to_owned(),
        ),
        _ => None,
    }
}

/// Reads one credential file: as `chosen` when the person chose a format, else as the
/// format it claims, else as the one format of [`FILE_FORMATS`] that reads it. Measured
/// against `limits` first, as a feed is.
pub fn read_file(
    bytes: &[u8],
    limits: &ParseLimits,
    chosen: Option<Format>,
) -> Result<FileRead, FileError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let syntax = match first {
        None => return Err(FileError::Empty),
        Some(b'<') => Syntax::Xml,
        Some(b'{' | b'[') => Syntax::Json,
        Some(_) if jsonld::looks_like_compact_jws(body) => Syntax::Json,
        Some(_) => return Err(FileError::NotJsonOrXml),
    };
    let claimed = claims(body);
    if let Some(format) = chosen {
        let claim = claimed
            .iter()
            .find(|claim| claim.format == format)
            .copied()
            .unwrap_or(Claim {
                format,
                what: describe(format),
            });
        return read_as(body, limits, claim)
            .map(|read| FileRead {
                claim: Some(claim),
                ..read
            })
            .map_err(|reason| FileError::NotReadableAsChosen { claim, reason });
    }
    if let [claim] = claimed.as_slice() {
        return read_as(body, limits, *claim)
            .map(|read| FileRead {
                claim: Some(*claim),
                ..read
            })
            .map_err(|reason| FileError::NotReadableAs {
                claim: *claim,
                reason,
            });
    }
    // Not claimed, or claiming several: whichever readers of its syntax find a credential.
    let candidates: Vec<Format> = if claimed.is_empty() {
        FILE_FORMATS
            .into_iter()
            .filter(|format| syntax.read_by(*format))
            .collect()
    } else {
        claimed.iter().map(|claim| claim.format).collect()
    };
    if let Err(reason) = syntax.check(body) {
        return Err(match claimed.first() {
            Some(claim) => FileError::NotReadableAs {
                claim: *claim,
                reason,
            },
            None => FileError::Unrecognised {
                formats: list(&candidates),
                reason,
            },
        });
    }
    let mut read: Vec<FileRead> = Vec::new();
    let mut reasons: Vec<String> = Vec::new();
    for format in &candidates {
        let claim = Claim {
            format: *format,
            what: describe(*format),
        };
        match read_as(body, limits, claim) {
            Ok(found) => read.push(found),
            Err(reason) => reasons.push(format!("as {}: {reason}", claim.what)),
        }
    }
    match read.len() {
        0 => Err(FileError::Unrecognised {
            formats: list(&candidates),
            reason: reasons.join("; "),
        }),
        1 => Ok(read.remove(0)),
        _ => Err(FileError::Ambiguous {
            formats: read.iter().map(|found| found.format).collect(),
        }),
    }
}

/// The syntax of a file, by its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Json,
    Xml,
}

impl Syntax {
    /// Whether `format` has documents of this syntax (ELM has both).
    fn read_by(self, format: Format) -> bool {
        match self {
            Syntax::Json => matches!(
                format,
                Format::Elm | Format::OpenBadges | Format::ClearinghouseJson | Format::Ctdl
            ),
            Syntax::Xml => matches!(
                format,
                Format::Elm | Format::Elmo | Format::XcriCap | Format::ClearinghouseJson
            ),
        }
    }

    /// Whether the file is well-formed in this syntax, else what is wrong and where.
    fn check(self, body: &[u8]) -> Result<(), String> {
        match self {
            Syntax::Json if jsonld::looks_like_compact_jws(body) => Ok(()),
            Syntax::Json => serde_json::from_slice::<serde::de::IgnoredAny>(body)
                .map(drop)
                .map_err(|err| reason_of(FormatError::json(&err))),
            Syntax::Xml => crate::xml::parse_document(body)
                .map(drop)
                .map_err(|err| err.to_string()),
        }
    }
}

/// Why a format's reader refuses a file, in words: the position of a JSON error once
/// (serde's message repeats it).
fn reason_of(err: FormatError) -> String {
    match err {
        FormatError::WrongShape { message, .. } => message,
        FormatError::Json {
            line,
            column,
            message,
        } => {
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |at| &message[..at]);
            format!("not valid JSON at line {line}, column {column}: {message}")
        }
        other => other.to_string(),
    }
}

/// Reads the file as `claim`'s format: its credentials, or why none could be read.
fn read_as(body: &[u8], limits: &ParseLimits, claim: Claim) -> Result<FileRead, String> {
    let outcome = crate::parse_within(claim.format, body, limits).map_err(reason_of)?;
    let mut records = Vec::new();
    let mut failures = Vec::new();
    for record in outcome {
        match record {
            Ok(record) if record.deleted => {}
            Ok(record)
                if record
                    .credential
                    .title
                    .0
                    .values()
                    .all(|t| t.trim().is_empty()) =>
            {
                failures.push(RecordFailure {
                    upstream_id: Some(record.upstream_id),
                    reason: "it has no title".to_owned(),
                });
            }
            Ok(record) => records.push(record),
            Err(failure) => failures.push(failure),
        }
    }
    if records.is_empty() {
        let reason = failures
            .first()
            .map(|failure| failure.reason.clone())
            .unwrap_or_else(|| "it holds no credential".to_owned());
        return Err(reason);
    }
    Ok(FileRead {
        format: claim.format,
        claim: Some(claim),
        records,
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NATIVE: &str = r#"{"id":"x-1","title":{"en":"Data science basics"},"credits":{"value":5,"scheme":"ects"}}"#;

    const OB3: &str = r#"{
      "@context": ["https://www.w3.org/ns/credentials/v2",
                   "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      "type": ["VerifiableCredential", "OpenBadgeCredential"],
      "id": "urn:uuid:1",
      "issuer": {"id": "https://example.edu/issuer", "type": ["Profile"], "name": "Example University"},
      "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
        "id": "https://example.edu/achievements/1", "type": ["Achievement"],
        "name": "Marine biology", "description": "Coasts and oceans",
        "criteria": {"narrative": "Pass the exam"}}}
    }"#;

    fn read(text: &str, chosen: Option<Format>) -> Result<FileRead, FileError> {
        read_file(text.as_bytes(), &ParseLimits::default(), chosen)
    }

    #[test]
    fn a_file_is_read_as_the_format_it_claims() {
        let found = read(OB3, None).unwrap();
        assert_eq!(found.format, Format::OpenBadges);
        assert_eq!(found.claim.unwrap().what, "an Open Badges 3.0 credential");
        assert_eq!(found.records.len(), 1);
        assert_eq!(
            found.records[0].credential.title.0.values().next().unwrap(),
            "Marine biology"
        );
    }

    #[test]
    fn a_file_without_markers_is_read_by_the_one_format_that_reads_it() {
        let found = read(NATIVE, None).unwrap();
        assert_eq!(found.format, Format::ClearinghouseJson);
        assert_eq!(found.records[0].upstream_id, "x-1");
    }

    #[test]
    fn what_cannot_be_read_is_said_in_words_naming_the_claim() {
        let broken = OB3.replace(
            "\"name\": \"Marine biology\",",
            "\"name\": \"Marine\nbiology\",",
        );
        let err = read(&broken, None).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("this looks like an Open Badges 3.0 credential, but it cannot be read as one: not valid JSON at line"),
            "{err}"
        );
        let no_achievement = OB3.replace("\"achievement\"", "\"somethingElse\"");
        let err = read(&no_achievement, None).unwrap_err();
        assert!(
            matches!(&err, FileError::NotReadableAs { claim, .. } if claim.format == Format::OpenBadges),
            "{err}"
        );
        assert_eq!(read("", None).unwrap_err(), FileError::Empty);
        assert_eq!(
            read("%PDF-1.7 ...", None).unwrap_err(),
            FileError::NotJsonOrXml
        );
        let err = read(r#"{"hello": "#, None).unwrap_err();
        assert!(
            matches!(&err, FileError::Unrecognised { reason, .. } if reason.contains("not valid JSON")),
            "{err}"
        );
        let err = read(r#"{"hello": "world"}"#, None).unwrap_err();
        assert!(matches!(err, FileError::Unrecognised { .. }), "{err}");
    }

    #[test]
    fn a_chosen_format_is_the_only_one_tried() {
        let err = read(NATIVE, Some(Format::OpenBadges)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("it cannot be read as an Open Badge (2.0 or 3.0): "),
            "{err}"
        );
        assert_eq!(
            read(NATIVE, Some(Format::ClearinghouseJson))
                .unwrap()
                .format,
            Format::ClearinghouseJson
        );
    }

    #[test]
    fn a_compact_jws_is_looked_into_for_its_claim() {
        let payload = jsonld_base64url(OB3.as_bytes());
        let jws = format!("eyJhbGciOiJFUzI1NiJ9.{payload}.c2lnbmF0dXJl");
        let claimed = claims(jws.as_bytes());
        assert_eq!(claimed.len(), 1);
        assert_eq!(claimed[0].format, Format::OpenBadges);
        assert_eq!(read(&jws, None).unwrap().records.len(), 1);
    }

    fn jsonld_base64url(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }
}
