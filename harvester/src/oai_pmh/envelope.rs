//! The OAI-PMH envelope: a response read into raw records, its resumption token, list
//! size and protocol errors, and the repository's datestamp granularity.
//!
//! The envelope is read as a stream of events, matched by local name (the OAI namespace
//! is not checked: endpoints that get it wrong are common and harmless). Each `<record>`
//! becomes a [`RawRecord`] whose payload is the exact bytes of the single element inside
//! `<metadata>`, made self-contained: namespace declarations it borrows from the envelope
//! are re-declared on it (see [`crate::xml::ElementCapture`]). A `<record>` that cannot be
//! separated (no header identifier, no metadata although not deleted, an unexpandable
//! entity) becomes an envelope error of its page; the other records go on.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use model::{Format, RawRecord, RecordError, SourceId};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::xml::{self, ElementCapture, NamespaceScopes};

/// How far before the last datestamp an incremental harvest starts, for a repository
/// with day granularity: records stamped the same day as the last one are asked again.
const OVERLAP_DAYS: i64 = 1;

/// The same for seconds granularity: covers records committed while the last harvest
/// ran and small clock differences.
const OVERLAP_MINUTES: i64 = 10;

/// An OAI-PMH error code (OAI-PMH 2.0, section 3.6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OaiErrorCode {
    /// An argument is missing, repeated or has an illegal value.
    BadArgument,
    /// The resumption token is invalid or has expired.
    BadResumptionToken,
    /// The verb is missing, repeated or unknown.
    BadVerb,
    /// The repository does not serve the requested `metadataPrefix`.
    CannotDisseminateFormat,
    /// The identifier is unknown or illegal.
    IdDoesNotExist,
    /// No metadata formats are available for the item.
    NoMetadataFormats,
    /// The request matches no records (an empty result, not a failure).
    NoRecordsMatch,
    /// The repository does not support sets.
    NoSetHierarchy,
    /// A code outside the protocol, kept as sent.
    Other(String),
}

impl OaiErrorCode {
    /// Reads the `code` attribute of `<error>`.
    pub fn parse(code: &str) -> OaiErrorCode {
        match code.trim() {
            "badArgument" => OaiErrorCode::BadArgument,
            "badResumptionToken" => OaiErrorCode::BadResumptionToken,
            "badVerb" => OaiErrorCode::BadVerb,
            "cannotDisseminateFormat" => OaiErrorCode::CannotDisseminateFormat,
            "idDoesNotExist" => OaiErrorCode::IdDoesNotExist,
            "noMetadataFormats" => OaiErrorCode::NoMetadataFormats,
            "noRecordsMatch" => OaiErrorCode::NoRecordsMatch,
            "noSetHierarchy" => OaiErrorCode::NoSetHierarchy,
            other => OaiErrorCode::Other(other.to_owned()),
        }
    }

    /// The code as the protocol writes it.
    pub fn as_str(&self) -> &str {
        match self {
            OaiErrorCode::BadArgument => "badArgument",
            OaiErrorCode::BadResumptionToken => "badResumptionToken",
            OaiErrorCode::BadVerb => "badVerb",
            OaiErrorCode::CannotDisseminateFormat => "cannotDisseminateFormat",
            OaiErrorCode::IdDoesNotExist => "idDoesNotExist",
            OaiErrorCode::NoMetadataFormats => "noMetadataFormats",
            OaiErrorCode::NoRecordsMatch => "noRecordsMatch",
            OaiErrorCode::NoSetHierarchy => "noSetHierarchy",
            OaiErrorCode::Other(code) => code,
        }
    }

    /// What the operator can do about it, for the run's message.
    pub fn advice(&self) -> &'static str {
        match self {
            OaiErrorCode::CannotDisseminateFormat | OaiErrorCode::NoMetadataFormats => {
                "check metadata_prefix in the source's configuration against the \
                 endpoint's ListMetadataFormats"
            }
            OaiErrorCode::NoSetHierarchy => {
                "the endpoint has no sets: remove `set` from the source's configuration"
            }
            OaiErrorCode::BadArgument => {
                "check the source's url, set and metadata_prefix; the endpoint refused \
                 the request's arguments"
            }
            OaiErrorCode::BadResumptionToken => {
                "the token expired twice in a row; run the harvest again with --full"
            }
            _ => "the endpoint refused the request; ask its administrator",
        }
    }
}

impl fmt::Display for OaiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The finest datestamp a repository supports, as its `Identify` declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    Seconds,
}

impl Granularity {
    /// Reads the `<granularity>` of `Identify`.
    pub fn parse(text: &str) -> Option<Granularity> {
        match text.trim() {
            "YYYY-MM-DD" => Some(Granularity::Day),
            "YYYY-MM-DDThh:mm:ssZ" => Some(Granularity::Seconds),
            _ => None,
        }
    }

    /// The granularity a datestamp is written in (for when `Identify` cannot be read).
    pub fn of_datestamp(datestamp: &str) -> Granularity {
        if datestamp.contains('T') {
            Granularity::Seconds
        } else {
            Granularity::Day
        }
    }

    /// The `from=` an incremental harvest after `last_datestamp` asks with: the datestamp
    /// less the overlap, written in this granularity. `None` if it is not a datestamp.
    pub fn from_parameter(self, last_datestamp: &str) -> Option<String> {
        let instant = datestamp_instant(last_datestamp)?;
        Some(match self {
            Granularity::Day => (instant - chrono::Duration::days(OVERLAP_DAYS))
                .format("%Y-%m-%d")
                .to_string(),
            Granularity::Seconds => (instant - chrono::Duration::minutes(OVERLAP_MINUTES))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        })
    }
}

/// The instant a datestamp stands for (a day is its first second, UTC).
pub(crate) fn datestamp_instant(datestamp: &str) -> Option<DateTime<Utc>> {
    let text = datestamp.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(instant.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|midnight| midnight.and_utc())
}

/// The later of two datestamps, by the instant they stand for; unreadable ones lose.
pub(crate) fn later_datestamp(current: Option<String>, candidate: &str) -> Option<String> {
    let Some(candidate_instant) = datestamp_instant(candidate) else {
        return current;
    };
    match current.as_deref().and_then(datestamp_instant) {
        Some(current_instant) if current_instant >= candidate_instant => current,
        _ => Some(candidate.trim().to_owned()),
    }
}

/// One `<error>` of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProtocolError {
    pub code: OaiErrorCode,
    pub message: String,
}

/// What an OAI-PMH response holds, as far as the harvester cares.
#[derive(Debug, Default)]
pub(crate) struct Response {
    /// The element after `<request>` that names the verb answered (`ListRecords`, ...).
    pub verb_element: Option<String>,
    /// The `<error>`s, in order.
    pub errors: Vec<ProtocolError>,
    /// The records separated from the envelope.
    pub records: Vec<RawRecord>,
    /// The records that could not be separated.
    pub envelope_errors: Vec<RecordError>,
    /// The token for the next page; `None` when absent or empty (the last page).
    pub resumption_token: Option<String>,
    /// The `completeListSize` of the resumption token.
    pub complete_list_size: Option<u64>,
    /// `Identify`'s `<granularity>`.
    pub granularity: Option<String>,
}

/// A `<record>` being read.
#[derive(Debug, Default)]
struct RecordBuilder {
    header_seen: bool,
    identifier: Option<String>,
    datestamp: Option<String>,
    deleted: bool,
    sets: Vec<String>,
    payload: Option<Vec<u8>>,
    metadata_elements: usize,
    problem: Option<String>,
}

/// The envelope text being collected, and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextTarget {
    Identifier,
    Datestamp,
    SetSpec,
    ResumptionToken,
    Granularity,
    Error,
}

/// Parses one OAI-PMH response. `Err` says why it is not a well-formed OAI-PMH response
/// (the caller retries, then fails the run with it).
/// How a response that is not OAI-PMH at all (an HTML page, JSON, nothing) is said: the
/// start of its problem, which [`problem_kind`] reads.
const NOT_OAI_PMH: &str = "this is not an OAI-PMH response";

/// The kind of failure a problem of [`parse_response`] is: not OAI-PMH at all, or XML
/// that is not well-formed.
pub(crate) fn problem_kind(problem: &str) -> model::FailureKind {
    if problem.starts_with(NOT_OAI_PMH) {
        model::FailureKind::NotOaiPmh
    } else {
        model::FailureKind::MalformedXml
    }
}

pub(crate) fn parse_response(
    bytes: &[u8],
    source_id: &SourceId,
    format: Format,
) -> Result<Response, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = Reader::from_reader(bytes);
    let mut parser = Parser {
        source_id,
        format,
        response: Response::default(),
        path: Vec::new(),
        scopes: NamespaceScopes::default(),
        record: None,
        records_in_page: 0,
        text: None,
        error_code: None,
        capture: None,
        root_seen: false,
    };
    loop {
        let position = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|err| xml::reader_error(&reader, err))?;
        match event {
            Event::Start(start) => {
                if let Some(capture) = parser.capture.as_mut() {
                    capture.open(&start);
                    continue;
                }
                parser.open(&start, position, false)?;
                if parser.capture.is_none() {
                    parser.scopes.push(&start);
                    parser.path.push(xml::local_name(&start));
                }
            }
            Event::Empty(start) => {
                if let Some(capture) = parser.capture.as_mut() {
                    capture.open_and_close(&start);
                    continue;
                }
                parser.open(&start, position, true)?;
                if parser.capture.is_some() {
                    parser.end_capture(bytes, reader.buffer_position() as usize);
                } else {
                    parser.close(&xml::local_name(&start));
                }
            }
            Event::End(_) => {
                if let Some(capture) = parser.capture.as_mut() {
                    if capture.close() {
                        parser.end_capture(bytes, reader.buffer_position() as usize);
                    }
                    continue;
                }
                parser.scopes.pop();
                let name = parser.path.pop().unwrap_or_default();
                parser.close(&name);
            }
            Event::Text(text) => {
                if let Some(collected) = parser.text.as_mut() {
                    collected.1.push_str(&text.xml10_content());
                } else if parser.path.is_empty() && !text.xml10_content().trim().is_empty() {
                    return Err(if parser.root_seen {
                        "text after the root element".to_owned()
                    } else {
                        format!("{NOT_OAI_PMH}: it does not start with an XML element")
                    });
                }
            }
            Event::CData(data) => {
                if let Some(collected) = parser.text.as_mut() {
                    collected.1.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if parser.capture.is_some() {
                    continue;
                }
                match xml::resolve_reference(&reference) {
                    Ok(resolved) => {
                        if let Some(collected) = parser.text.as_mut() {
                            collected.1.push_str(&resolved);
                        }
                    }
                    Err(problem) => match parser.record.as_mut() {
                        Some(record) => {
                            record.problem.get_or_insert(problem);
                        }
                        None => return Err(problem),
                    },
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = parser.path.last() {
        return Err(format!("the response ends inside <{open}> (cut short?)"));
    }
    if !parser.root_seen {
        return Err(format!("{NOT_OAI_PMH}: it is empty or has no root element"));
    }
    Ok(parser.response)
}

struct Parser<'a> {
    source_id: &'a SourceId,
    format: Format,
    response: Response,
    /// Local names of the open envelope elements.
    path: Vec<String>,
    scopes: NamespaceScopes,
    record: Option<RecordBuilder>,
    records_in_page: usize,
    text: Option<(TextTarget, String)>,
    error_code: Option<OaiErrorCode>,
    capture: Option<ElementCapture>,
    root_seen: bool,
}

impl Parser<'_> {
    fn parent(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }

    fn open(
        &mut self,
        start: &quick_xml::events::BytesStart<'_>,
        position: usize,
        empty: bool,
    ) -> Result<(), String> {
        let name = xml::local_name(start);
        if self.path.is_empty() {
            if self.root_seen {
                return Err("a second root element".to_owned());
            }
            self.root_seen = true;
            if name != "OAI-PMH" {
                return Err(format!(
                    "{NOT_OAI_PMH}: its root element is <{name}>, not <OAI-PMH>"
                ));
            }
            return Ok(());
        }
        let parent = self.parent().to_owned();
        match (parent.as_str(), name.as_str()) {
            ("OAI-PMH", "error") => {
                self.error_code = Some(OaiErrorCode::parse(
                    &xml::attribute(start, "code").unwrap_or_default(),
                ));
                self.text = Some((TextTarget::Error, String::new()));
            }
            ("OAI-PMH", "responseDate" | "request") => {}
            ("OAI-PMH", verb) => self.response.verb_element = Some(verb.to_owned()),
            ("ListRecords" | "GetRecord", "record") => {
                self.records_in_page += 1;
                self.record = Some(RecordBuilder::default());
            }
            ("ListRecords", "resumptionToken") => {
                self.response.complete_list_size = xml::attribute(start, "completeListSize")
                    .and_then(|size| size.trim().parse().ok());
                self.text = Some((TextTarget::ResumptionToken, String::new()));
            }
            ("Identify", "granularity") => {
                self.text = Some((TextTarget::Granularity, String::new()));
            }
            ("record", "header") if self.record.is_some() => {
                if let Some(record) = self.record.as_mut() {
                    record.header_seen = true;
                    record.deleted = xml::attribute(start, "status")
                        .is_some_and(|status| status.trim() == "deleted");
                }
            }
            ("header", field) if self.record.is_some() => {
                let target = match field {
                    "identifier" => Some(TextTarget::Identifier),
                    "datestamp" => Some(TextTarget::Datestamp),
                    "setSpec" => Some(TextTarget::SetSpec),
                    _ => None,
                };
                if let Some(target) = target {
                    self.text = Some((target, String::new()));
                }
            }
            ("metadata", _) if self.record.is_some() => {
                if let Some(record) = self.record.as_mut() {
                    record.metadata_elements += 1;
                }
                self.capture = Some(ElementCapture::begin(position, start));
                if empty {
                    // The capture ends at once; the caller finishes it.
                    if let Some(capture) = self.capture.as_mut() {
                        capture.close();
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_capture(&mut self, bytes: &[u8], end: usize) {
        if let Some(capture) = self.capture.take() {
            let payload = capture.finish(bytes, end, &self.scopes);
            if let Some(record) = self
                .record
                .as_mut()
                .filter(|record| record.payload.is_none())
            {
                record.payload = Some(payload);
            }
        }
    }

    fn close(&mut self, name: &str) {
        if let Some((target, text)) = self.text.take() {
            let closes_target = matches!(
                (target, name),
                (TextTarget::Identifier, "identifier")
                    | (TextTarget::Datestamp, "datestamp")
                    | (TextTarget::SetSpec, "setSpec")
                    | (TextTarget::ResumptionToken, "resumptionToken")
                    | (TextTarget::Granularity, "granularity")
                    | (TextTarget::Error, "error")
            );
            if !closes_target {
                // Text of an element nested in a field: keep collecting.
                self.text = Some((target, text));
            } else {
                self.take_text(target, text);
            }
        }
        let closes_record =
            name == "record" && matches!(self.parent(), "ListRecords" | "GetRecord");
        if let Some(record) = self.record.take_if(|_| closes_record) {
            self.finish_record(record);
        }
    }

    fn take_text(&mut self, target: TextTarget, text: String) {
        let trimmed = text.trim();
        let value = (!trimmed.is_empty()).then(|| trimmed.to_owned());
        match target {
            TextTarget::Identifier => {
                if let Some(record) = self.record.as_mut() {
                    record.identifier = value;
                }
            }
            TextTarget::Datestamp => {
                if let Some(record) = self.record.as_mut() {
                    record.datestamp = value;
                }
            }
            TextTarget::SetSpec => {
                if let (Some(record), Some(value)) = (self.record.as_mut(), value) {
                    record.sets.push(value);
                }
            }
            TextTarget::ResumptionToken => self.response.resumption_token = value,
            TextTarget::Granularity => self.response.granularity = value,
            TextTarget::Error => {
                let code = self
                    .error_code
                    .take()
                    .unwrap_or_else(|| OaiErrorCode::Other(String::new()));
                self.response.errors.push(ProtocolError {
                    code,
                    message: text.split_whitespace().collect::<Vec<_>>().join(" "),
                });
            }
        }
    }

    fn finish_record(&mut self, record: RecordBuilder) {
        let position = self.records_in_page;
        let Some(identifier) = record.identifier else {
            let reason = if record.header_seen {
                format!(
                    "record {position} of the page has no <identifier> in its header; it was skipped"
                )
            } else {
                format!("record {position} of the page has no <header>; it was skipped")
            };
            self.response.envelope_errors.push(RecordError {
                upstream_id: None,
                reason,
            });
            return;
        };
        let failure = |reason: String| RecordError {
            upstream_id: Some(identifier.clone()),
            reason,
        };
        if let Some(problem) = record.problem {
            self.response.envelope_errors.push(failure(problem));
            return;
        }
        let payload = if record.deleted {
            Vec::new()
        } else if record.metadata_elements > 1 {
            self.response.envelope_errors.push(failure(format!(
                "<metadata> holds {} elements; OAI-PMH allows exactly one",
                record.metadata_elements
            )));
            return;
        } else {
            match record.payload {
                Some(payload) => payload,
                None => {
                    self.response.envelope_errors.push(failure(
                        "the record has no <metadata> element and is not marked deleted".to_owned(),
                    ));
                    return;
                }
            }
        };
        self.response.records.push(RawRecord {
            source_id: self.source_id.clone(),
            upstream_id: identifier,
            datestamp: record.datestamp,
            deleted: record.deleted,
            sets: record.sets,
            format: self.format,
            payload,
        });
    }
}
