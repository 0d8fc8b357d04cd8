//! OAI-PMH 2.0: `ListRecords` with `resumptionToken` paging, incremental `from=` in the
//! granularity `Identify` declares, and the envelope parser that turns a response into
//! raw records.
//!
//! The envelope is read as a stream of events, matched by local name (the OAI namespace
//! is not checked: endpoints that get it wrong are common and harmless). Each `<record>`
//! becomes a [`RawRecord`] whose payload is the exact bytes of the single element inside
//! `<metadata>`, made self-contained: namespace declarations it borrows from the envelope
//! are re-declared on it (see [`crate::xml::ElementCapture`]). A `<record>` that cannot be
//! separated (no header identifier, no metadata although not deleted, an unexpandable
//! entity) becomes an envelope error of its page; the other records go on.

use std::collections::VecDeque;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use model::{
    Checkpoint, Format, HarvestPage, PageKind, RawRecord, RecordError, ResumePoint, SourceId,
};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use url::Url;

use crate::http::{DocumentFailure, Session};
use crate::xml::{self, ElementCapture, NamespaceScopes};
use crate::{HarvestError, InFlightPage, PAGES_IN_FLIGHT, PageSink, Progress, RunOptions};

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
fn later_datestamp(current: Option<String>, candidate: &str) -> Option<String> {
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
                        "the response does not start with an XML element".to_owned()
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
        return Err("the response is empty or has no root element".to_owned());
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
                    "the root element is <{name}>, not <OAI-PMH>: this is not an OAI-PMH response"
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

/// The `ListRecords` request: the first one with its arguments, the next ones with the
/// resumption token alone (the protocol makes it exclusive).
fn list_records_url(
    base_url: &Url,
    metadata_prefix: &str,
    set: Option<&str>,
    from: Option<&str>,
    resumption_token: Option<&str>,
) -> Url {
    let mut url = base_url.clone();
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("verb", "ListRecords");
        match resumption_token {
            Some(token) => {
                query.append_pair("resumptionToken", token);
            }
            None => {
                query.append_pair("metadataPrefix", metadata_prefix);
                if let Some(set) = set {
                    query.append_pair("set", set);
                }
                if let Some(from) = from {
                    query.append_pair("from", from);
                }
            }
        }
    }
    url
}

/// Fetches and parses one OAI-PMH response, retrying ones that are not well-formed.
/// A 4xx whose body is an OAI-PMH error is read as that error.
async fn fetch_response(
    session: &mut Session<'_>,
    url: &Url,
    source_id: &SourceId,
    format: Format,
) -> Result<Response, HarvestError> {
    session
        .get_document(url, |response| {
            let readable = response.is_success() || (400..500).contains(&response.status);
            let parsed = if readable {
                Some(parse_response(&response.body, source_id, format))
            } else {
                None
            };
            match parsed {
                Some(Ok(parsed)) if response.is_success() || !parsed.errors.is_empty() => {
                    Ok(parsed)
                }
                Some(Err(reason)) if response.is_success() => Err(DocumentFailure::Retry(reason)),
                _ => Err(DocumentFailure::Fail(HarvestError::Status {
                    url: url.to_string(),
                    status: response.status,
                    detail: response.body_excerpt(),
                })),
            }
        })
        .await
}

/// Asks `Identify` for the repository's granularity.
async fn identify_granularity(
    session: &mut Session<'_>,
    base_url: &Url,
    source_id: &SourceId,
    format: Format,
) -> Result<Option<Granularity>, HarvestError> {
    let mut url = base_url.clone();
    url.query_pairs_mut().append_pair("verb", "Identify");
    let response = fetch_response(session, &url, source_id, format).await?;
    if let Some(error) = response.errors.into_iter().next() {
        return Err(HarvestError::Oai {
            code: error.code,
            message: error.message,
        });
    }
    Ok(response.granularity.as_deref().and_then(Granularity::parse))
}

/// The `from=` of a new run: none for a first or `--full` harvest, else the last
/// datestamp less the overlap, in the granularity `Identify` declares.
async fn incremental_from(
    session: &mut Session<'_>,
    base_url: &Url,
    source: &config::Source,
    last_datestamp: &str,
    progress: &mut Progress,
) -> Option<String> {
    let granularity = match identify_granularity(session, base_url, &source.id, source.format).await
    {
        Ok(Some(granularity)) => granularity,
        Ok(None) => Granularity::of_datestamp(last_datestamp),
        Err(err) => {
            tracing::warn!(source_id = %source.id, error = %err, "identify failed; granularity taken from the last datestamp");
            Granularity::of_datestamp(last_datestamp)
        }
    };
    let from = granularity.from_parameter(last_datestamp);
    if from.is_none() {
        progress.note(format!(
            "the last datestamp {last_datestamp:?} is not a datestamp; harvested everything"
        ));
    }
    from
}

/// Harvests an OAI-PMH source page by page, each page stored with its checkpoint.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn harvest<S: PageSink>(
    session: &mut Session<'_>,
    source: &config::Source,
    base_url: &Url,
    metadata_prefix: &str,
    set: Option<&str>,
    previous: &Checkpoint,
    options: &RunOptions,
    sink: &mut S,
    progress: &mut Progress,
) -> Result<(), HarvestError> {
    let mut token: Option<String> = None;
    let mut from: Option<String> = None;
    let mut max_datestamp: Option<String> = None;
    match previous.resume.as_ref().filter(|_| !options.full) {
        Some(resume) => {
            progress.resume(resume);
            token = Some(resume.resumption_token.clone());
            from = resume.from.clone();
            max_datestamp = resume.max_datestamp.clone();
            tracing::info!(source_id = %source.id, run_id = %progress.run_id, pages = resume.pages, "resuming an interrupted harvest");
        }
        None => {
            if let (false, Some(last)) = (options.full, previous.last_datestamp.as_deref()) {
                from = incremental_from(session, base_url, source, last, progress).await;
            }
        }
    }
    progress.incremental_from = from.clone();
    let mut in_flight = VecDeque::new();
    let harvested = harvest_pages(
        session,
        source,
        base_url,
        metadata_prefix,
        set,
        previous,
        Listing {
            token,
            from,
            max_datestamp,
        },
        sink,
        progress,
        &mut in_flight,
    )
    .await;
    // Pages handed on before a failure are stored all the same: count them.
    let mut collected = Ok(());
    while !in_flight.is_empty() {
        let report = progress.collect(&mut in_flight).await;
        if collected.is_ok() {
            collected = report;
        }
    }
    harvested.and(collected)
}

/// Where a listing starts.
struct Listing {
    token: Option<String>,
    from: Option<String>,
    max_datestamp: Option<String>,
}

/// The pages of one listing: each page is handed to the sink while the next is fetched,
/// and up to [`PAGES_IN_FLIGHT`] pages are in the sink's hands before the harvest waits
/// for the report of the oldest.
#[allow(clippy::too_many_arguments)]
async fn harvest_pages<S: PageSink>(
    session: &mut Session<'_>,
    source: &config::Source,
    base_url: &Url,
    metadata_prefix: &str,
    set: Option<&str>,
    previous: &Checkpoint,
    listing: Listing,
    sink: &mut S,
    progress: &mut Progress,
    in_flight: &mut VecDeque<InFlightPage>,
) -> Result<(), HarvestError> {
    let Listing {
        mut token,
        from,
        mut max_datestamp,
    } = listing;
    let mut restarted = false;
    // The next page, fetched while the sink took the previous one.
    let mut prefetched: Option<Result<Response, HarvestError>> = None;
    loop {
        let url = list_records_url(
            base_url,
            metadata_prefix,
            set,
            from.as_deref(),
            token.as_deref(),
        );
        let response = match prefetched.take() {
            Some(response) => response?,
            None => fetch_response(session, &url, &source.id, source.format).await?,
        };
        let mut next_token = None;
        if let Some(error) = response.errors.first() {
            match error.code {
                OaiErrorCode::NoRecordsMatch => {}
                OaiErrorCode::BadResumptionToken if token.is_some() && !restarted => {
                    restarted = true;
                    token = None;
                    let start = from
                        .as_deref()
                        .map(|from| format!("from={from}"))
                        .unwrap_or_else(|| "the beginning".to_owned());
                    tracing::warn!(source_id = %source.id, "resumption token expired; restarting the harvest");
                    progress.note(format!(
                        "the resumption token expired (badResumptionToken); the harvest \
                         restarted from {start}, so records before it were seen twice"
                    ));
                    continue;
                }
                _ => {
                    return Err(HarvestError::Oai {
                        code: error.code.clone(),
                        message: error.message.clone(),
                    });
                }
            }
        } else {
            if response.verb_element.as_deref() != Some("ListRecords") {
                return Err(HarvestError::Malformed {
                    url: url.to_string(),
                    reason: "the response has neither <ListRecords> nor <error>".to_owned(),
                });
            }
            next_token = response.resumption_token.clone();
        }
        if let Some(repeated) = next_token
            .as_ref()
            .filter(|next| token.as_ref() == Some(*next))
        {
            return Err(HarvestError::RepeatedToken {
                token: repeated.clone(),
            });
        }
        for record in &response.records {
            if let Some(datestamp) = &record.datestamp {
                max_datestamp = later_datestamp(max_datestamp, datestamp);
            }
        }
        if response.complete_list_size.is_some() {
            progress.complete_list_size = response.complete_list_size;
        }
        let checkpoint = match &next_token {
            Some(next) => Checkpoint {
                resume: Some(ResumePoint {
                    run_id: progress.run_id.clone(),
                    started_at: progress.started_at,
                    from: from.clone(),
                    resumption_token: next.clone(),
                    pages: progress.pages + in_flight.len() as u64 + 1,
                    max_datestamp: max_datestamp.clone(),
                    complete_list_size: progress.complete_list_size,
                    // Without the pages in flight: the sink adds those (see
                    // `PageSink::submit_page`).
                    counts: progress.counts,
                }),
                ..previous.clone()
            },
            None => Checkpoint {
                resume: None,
                last_datestamp: final_last_datestamp(
                    previous.last_datestamp.as_deref(),
                    max_datestamp.as_deref(),
                    from.is_some(),
                ),
                ..previous.clone()
            },
        };
        let page = HarvestPage {
            source_id: source.id.clone(),
            run_id: progress.run_id.clone(),
            received_at: progress.now(),
            kind: PageKind::Records,
            records: response.records,
            envelope_errors: response.envelope_errors,
            checkpoint,
        };
        match next_token {
            Some(next) => {
                // Fetch the next page while the sink takes this one: the network and the
                // envelope parsing overlap with parsing and writing in the indexer. Pages
                // are handed on in order, and a failed fetch surfaces on the next turn.
                let next_url = list_records_url(
                    base_url,
                    metadata_prefix,
                    set,
                    from.as_deref(),
                    Some(next.as_str()),
                );
                let hand_on = async {
                    progress.submit(sink, page, in_flight).await?;
                    while in_flight.len() > PAGES_IN_FLIGHT {
                        progress.collect(in_flight).await?;
                    }
                    Ok::<(), HarvestError>(())
                };
                let (handed_on, fetched) = tokio::join!(
                    hand_on,
                    fetch_response(session, &next_url, &source.id, source.format)
                );
                handed_on?;
                prefetched = Some(fetched);
                token = Some(next);
            }
            None => {
                progress.submit(sink, page, in_flight).await?;
                while !in_flight.is_empty() {
                    progress.collect(in_flight).await?;
                }
                return Ok(());
            }
        }
    }
}

/// The `last_datestamp` once a run completes: the run's highest datestamp; an incremental
/// run never moves it back, and a run that saw no datestamp keeps the previous one.
fn final_last_datestamp(
    previous: Option<&str>,
    run_max: Option<&str>,
    incremental: bool,
) -> Option<String> {
    match (previous, run_max) {
        (previous, None) => previous.map(str::to_owned),
        (Some(previous), Some(run_max)) if incremental => {
            later_datestamp(Some(previous.to_owned()), run_max)
        }
        (_, Some(run_max)) => Some(run_max.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn source_id() -> SourceId {
        SourceId::parse("test-source").unwrap()
    }

    fn parse_fixture(name: &str) -> Result<Response, String> {
        parse_response(
            &fixture(&format!("oai-pmh/{name}")),
            &source_id(),
            Format::OaiDc,
        )
    }

    #[test]
    fn the_sickle_list_records_chain_links_up() {
        let expected = [
            ("oaipmh-sickle-ListRecords.xml", Some("ListRecords2.xml")),
            ("oaipmh-sickle-ListRecords2.xml", Some("ListRecords3.xml")),
            ("oaipmh-sickle-ListRecords3.xml", Some("ListRecords4.xml")),
            ("oaipmh-sickle-ListRecords4.xml", None),
        ];
        for (name, token) in expected {
            let response = parse_fixture(name).unwrap();
            assert_eq!(response.resumption_token.as_deref(), token, "{name}");
            assert!(response.errors.is_empty(), "{name}");
            assert_eq!(response.verb_element.as_deref(), Some("ListRecords"));
        }
        let first = parse_fixture("oaipmh-sickle-ListRecords.xml").unwrap();
        assert_eq!(first.complete_list_size, Some(8));
        assert_eq!(first.records.len(), 2);
        let deleted = &first.records[0];
        assert_eq!(deleted.upstream_id, "oai:test.example.com:1585310");
        assert_eq!(deleted.datestamp.as_deref(), Some("2011-07-18T16:31:00Z"));
        assert!(deleted.deleted && deleted.payload.is_empty());
        let live = &first.records[1];
        assert!(!live.deleted);
        assert_eq!(live.format, Format::OaiDc);
        let payload = String::from_utf8(live.payload.clone()).unwrap();
        assert!(payload.starts_with("<oai_dc:dc xmlns:dc="), "{payload}");
        assert!(payload.ends_with("</oai_dc:dc>"), "{payload}");
        assert!(payload.contains("<dc:title>Sample Title</dc:title>"));
        // Every namespace is declared on the payload already: it is cut out verbatim.
        let document = fixture("oai-pmh/oaipmh-sickle-ListRecords.xml");
        assert!(
            document
                .windows(live.payload.len())
                .any(|window| window == live.payload.as_slice())
        );
    }

    #[test]
    fn a_record_without_identifier_is_an_envelope_error() {
        let last = parse_fixture("oaipmh-sickle-ListRecords4.xml").unwrap();
        assert_eq!(last.records.len(), 1);
        assert_eq!(last.records[0].upstream_id, "oai:test.example.com:1585322");
        assert_eq!(last.envelope_errors.len(), 1);
        let error = &last.envelope_errors[0];
        assert_eq!(error.upstream_id, None);
        assert!(error.reason.contains("record 1") && error.reason.contains("identifier"));
    }

    #[test]
    fn the_dspace_capture_has_sixteen_records_with_sets() {
        let response = parse_fixture("oaipmh-pyoai-eur-dspace-ListRecords-oai_dc.xml").unwrap();
        assert_eq!(response.records.len(), 16);
        assert!(response.envelope_errors.is_empty());
        assert_eq!(response.resumption_token, None);
        let first = &response.records[0];
        assert_eq!(first.upstream_id, "hdl:1765/308");
        assert_eq!(first.datestamp.as_deref(), Some("2003-04-15T10:18:51Z"));
        assert_eq!(first.sets, vec!["1:2".to_owned()]);
        assert!(first.payload.starts_with(b"<oai_dc:dc "));
    }

    #[test]
    fn get_record_and_identify_are_read() {
        let record = parse_fixture("oaipmh-sickle-GetRecord.xml").unwrap();
        assert_eq!(record.records.len(), 1);
        assert_eq!(record.verb_element.as_deref(), Some("GetRecord"));
        let sickle = parse_fixture("oaipmh-sickle-Identify.xml").unwrap();
        assert_eq!(sickle.granularity.as_deref(), Some("YYYY-MM-DD"));
        let dspace = parse_fixture("oaipmh-pyoai-eur-dspace-Identify.xml").unwrap();
        assert_eq!(dspace.granularity.as_deref(), Some("YYYY-MM-DDThh:mm:ssZ"));
    }

    #[test]
    fn other_verbs_parse_without_records() {
        for name in [
            "oaipmh-sickle-ListIdentifiers.xml",
            "oaipmh-sickle-ListIdentifiers2.xml",
            "oaipmh-sickle-ListMetadataFormats.xml",
            "oaipmh-sickle-ListSets.xml",
        ] {
            let response = parse_fixture(name).unwrap();
            assert!(
                response.records.is_empty() && response.errors.is_empty(),
                "{name}"
            );
        }
    }

    #[test]
    fn every_error_code_file_gives_its_typed_error() {
        let expected = [
            ("badArgument", OaiErrorCode::BadArgument),
            ("badResumptionToken", OaiErrorCode::BadResumptionToken),
            (
                "cannotDisseminateFormat",
                OaiErrorCode::CannotDisseminateFormat,
            ),
            ("idDoesNotExist", OaiErrorCode::IdDoesNotExist),
            ("noRecordsMatch", OaiErrorCode::NoRecordsMatch),
            ("noSetHierarchy", OaiErrorCode::NoSetHierarchy),
            (
                "undefinedError",
                OaiErrorCode::Other("undefinedError".to_owned()),
            ),
        ];
        for (name, code) in expected {
            let response = parse_fixture(&format!("oaipmh-sickle-{name}.xml")).unwrap();
            assert_eq!(response.errors.len(), 1, "{name}");
            assert_eq!(response.errors[0].code, code, "{name}");
            assert_eq!(response.errors[0].code.as_str(), name);
        }
        let message = parse_fixture("oaipmh-sickle-noSetHierarchy.xml").unwrap();
        assert_eq!(
            message.errors[0].message,
            "This repository does not support sets"
        );
    }

    #[test]
    fn the_broken_document_is_refused_with_a_reason() {
        let reason = parse_fixture("oaipmh-sickle-ListRecordsBroken.xml").unwrap_err();
        assert!(
            reason.contains("does not start with an XML element"),
            "{reason}"
        );
        let cut = parse_response(
            b"<OAI-PMH><ListRecords><record>",
            &source_id(),
            Format::OaiDc,
        )
        .unwrap_err();
        assert!(cut.contains("ends inside <record>"), "{cut}");
        let mismatched =
            parse_response(b"<OAI-PMH><a></b></OAI-PMH>", &source_id(), Format::OaiDc).unwrap_err();
        assert!(
            mismatched.contains("not well-formed XML at byte"),
            "{mismatched}"
        );
        let html = parse_response(
            b"<html><body>busy</body></html>",
            &source_id(),
            Format::OaiDc,
        )
        .unwrap_err();
        assert!(html.contains("not an OAI-PMH response"), "{html}");
    }

    #[test]
    fn payloads_borrowing_envelope_namespaces_are_made_self_contained() {
        let page = br#"<?xml version="1.0"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<ListRecords><record><header><identifier>a&amp;b</identifier><datestamp>2024-01-02</datestamp><setSpec>s1</setSpec><setSpec>s2</setSpec></header>
<metadata><oai_dc:dc><dc:title>T &amp; U</dc:title></oai_dc:dc></metadata></record>
<record><header><identifier>no-metadata</identifier></header></record>
<record><header><identifier>entity</identifier></header><metadata><x>&custom;</x></metadata></record>
<record><header><identifier>bad&custom;</identifier></header><metadata><x/></metadata></record>
<resumptionToken completeListSize="10" cursor="0"></resumptionToken></ListRecords></OAI-PMH>"#;
        let response = parse_response(page, &source_id(), Format::OaiDc).unwrap();
        assert_eq!(response.resumption_token, None);
        assert_eq!(response.complete_list_size, Some(10));
        let ids: Vec<_> = response
            .records
            .iter()
            .map(|r| r.upstream_id.as_str())
            .collect();
        assert_eq!(ids, ["a&b", "entity"]);
        assert_eq!(response.records[0].sets, ["s1", "s2"]);
        assert_eq!(
            String::from_utf8(response.records[0].payload.clone()).unwrap(),
            r#"<oai_dc:dc xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><dc:title>T &amp; U</dc:title></oai_dc:dc>"#
        );
        // An unprefixed payload lives in the inherited default namespace: it is declared.
        assert_eq!(
            String::from_utf8(response.records[1].payload.clone()).unwrap(),
            r#"<x xmlns="http://www.openarchives.org/OAI/2.0/">&custom;</x>"#
        );
        let reasons: Vec<_> = response
            .envelope_errors
            .iter()
            .map(|error| (error.upstream_id.as_deref(), error.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert_eq!(reasons[0].0, Some("no-metadata"));
        assert!(reasons[0].1.contains("no <metadata>"));
        assert_eq!(reasons[1].0, Some("bad"));
        assert!(reasons[1].1.contains("never expanded"));
    }

    #[test]
    fn from_is_written_in_the_declared_granularity_with_an_overlap() {
        let check = |granularity: Granularity, last: &str, expected: Option<&str>| {
            assert_eq!(
                granularity.from_parameter(last).as_deref(),
                expected,
                "{granularity:?} {last}"
            );
        };
        check(Granularity::Day, "2024-03-10", Some("2024-03-09"));
        check(Granularity::Day, "2024-03-10T12:30:00Z", Some("2024-03-09"));
        check(
            Granularity::Seconds,
            "2024-03-10T12:30:00Z",
            Some("2024-03-10T12:20:00Z"),
        );
        check(
            Granularity::Seconds,
            "2024-03-10",
            Some("2024-03-09T23:50:00Z"),
        );
        check(Granularity::Day, "yesterday", None);
        assert_eq!(Granularity::parse("YYYY-MM-DD"), Some(Granularity::Day));
        assert_eq!(
            Granularity::parse(" YYYY-MM-DDThh:mm:ssZ "),
            Some(Granularity::Seconds)
        );
        assert_eq!(Granularity::parse("YYYY"), None);
    }

    #[test]
    fn the_last_datestamp_only_moves_forward_on_incremental_runs() {
        assert_eq!(
            final_last_datestamp(Some("2024-03-10"), Some("2024-03-09T10:00:00Z"), true),
            Some("2024-03-10".to_owned())
        );
        assert_eq!(
            final_last_datestamp(Some("2024-03-10"), Some("2024-03-09T10:00:00Z"), false),
            Some("2024-03-09T10:00:00Z".to_owned())
        );
        assert_eq!(
            final_last_datestamp(Some("2024-03-10"), None, true),
            Some("2024-03-10".to_owned())
        );
        assert_eq!(
            later_datestamp(Some("2024-03-10".to_owned()), "2024-03-10T00:00:01Z"),
            Some("2024-03-10T00:00:01Z".to_owned())
        );
    }

    #[test]
    fn list_records_urls_carry_arguments_or_the_token_alone() {
        let base = Url::parse("http://127.0.0.1:9/oai?key=1").unwrap();
        let first = list_records_url(&base, "oai_dc", Some("micro"), Some("2024-03-09"), None);
        assert_eq!(
            first.as_str(),
            "http://127.0.0.1:9/oai?key=1&verb=ListRecords&metadataPrefix=oai_dc&set=micro&from=2024-03-09"
        );
        let next = list_records_url(&base, "oai_dc", Some("micro"), None, Some("a b&c"));
        assert_eq!(
            next.as_str(),
            "http://127.0.0.1:9/oai?key=1&verb=ListRecords&resumptionToken=a+b%26c"
        );
    }
}
