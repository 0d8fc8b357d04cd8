//! The OAI-PMH 2.0 provider: the clearinghouse as a node others harvest.
//!
//! [`respond`] answers one request (its arguments as name/value pairs) with a whole
//! OAI-PMH document; it reads the store and is blocking, so the route calls it from
//! `web::block`. Every protocol error is an `<error>` in a well-formed document; only a
//! failing store is an `Err`.
//!
//! - Items are the stored records, tombstones included (`deletedRecord` is `persistent`),
//!   listed in the order of their last change, then the published recognition decisions.
//! - Datestamps are the time of the item's last change in our store, in seconds.
//! - Sets: `source:{source id}` per publishing source, `country:{CC}` per country of the
//!   awarding body, `decisions` for recognition decisions; `source` and `country` are the
//!   parents of their sets (`:` is the OAI-PMH hierarchy separator).
//! - Formats: `oai_dc`, and `clearinghouse-json` (the canonical record as JSON in a
//!   `<ch:record>` element, with its provenance) which the indexer reads back
//!   ([`indexer::formats::clearinghouse_json`]).
//! - Resumption tokens are stateless ([`token`]).

mod metadata;
pub mod token;
mod xml;

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use chrono::{DateTime, NaiveDate, Utc};
use indexer::decisions::{Decision, DecisionOutcome};
use indexer::{IndexerError, Store};
use model::{RecordId, StoredRecord};

pub use self::metadata::CLEARINGHOUSE_JSON_XSD;
use self::token::{Position, Token, TokenError, TokenKey};
use self::xml::XmlWriter;

/// Items per page of `ListRecords` and `ListIdentifiers`.
pub const PAGE_SIZE: usize = 100;

/// The OAI-PMH namespace.
pub const OAI_NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/";
const OAI_SCHEMA_LOCATION: &str =
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The granularity of every datestamp we answer and the finest we accept.
pub const GRANULARITY: &str = "YYYY-MM-DDThh:mm:ssZ";

/// Formats a time as an OAI-PMH datestamp (seconds granularity, UTC).
pub fn datestamp(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The two list verbs, which page with resumption tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListVerb {
    /// Headers only.
    ListIdentifiers,
    /// Headers and metadata.
    ListRecords,
}

impl ListVerb {
    fn name(self) -> &'static str {
        match self {
            ListVerb::ListIdentifiers => "ListIdentifiers",
            ListVerb::ListRecords => "ListRecords",
        }
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            ListVerb::ListIdentifiers => "li",
            ListVerb::ListRecords => "lr",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<ListVerb> {
        [ListVerb::ListIdentifiers, ListVerb::ListRecords]
            .into_iter()
            .find(|verb| verb.code() == code)
    }
}

/// The metadata formats we disseminate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetadataFormat {
    /// Simple Dublin Core, which every item has.
    OaiDc,
    /// The canonical record as JSON, with its provenance: what another clearinghouse
    /// harvests.
    ClearinghouseJson,
}

impl MetadataFormat {
    /// Every format, in the order `ListMetadataFormats` gives them.
    pub const ALL: [MetadataFormat; 2] = [MetadataFormat::OaiDc, MetadataFormat::ClearinghouseJson];

    /// The `metadataPrefix`.
    pub fn prefix(self) -> &'static str {
        match self {
            MetadataFormat::OaiDc => "oai_dc",
            MetadataFormat::ClearinghouseJson => "clearinghouse-json",
        }
    }

    /// The namespace of the metadata's root element.
    pub fn namespace(self) -> &'static str {
        match self {
            MetadataFormat::OaiDc => metadata::OAI_DC_NAMESPACE,
            MetadataFormat::ClearinghouseJson => {
                indexer::formats::clearinghouse_json::XML_NAMESPACE
            }
        }
    }

    /// The XML schema of the metadata's root element (`base_url` is the `/oai` URL).
    pub fn schema(self, base_url: &str) -> String {
        match self {
            MetadataFormat::OaiDc => metadata::OAI_DC_SCHEMA.to_owned(),
            MetadataFormat::ClearinghouseJson => format!("{base_url}/clearinghouse-json.xsd"),
        }
    }

    fn from_prefix(prefix: &str) -> Option<MetadataFormat> {
        MetadataFormat::ALL
            .into_iter()
            .find(|format| format.prefix() == prefix)
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            MetadataFormat::OaiDc => "dc",
            MetadataFormat::ClearinghouseJson => "ch",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<MetadataFormat> {
        MetadataFormat::ALL
            .into_iter()
            .find(|format| format.code() == code)
    }

    /// Whether an item can be disseminated in this format.
    fn carries(self, item: &Item) -> bool {
        match item {
            Item::Record(_) => true,
            // A decision is not a credential: a harvester of the rich format reads
            // credentials only, so decisions are disseminated in Dublin Core.
            Item::Decision(_) => self == MetadataFormat::OaiDc,
        }
    }
}

/// The protocol's error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// An argument is missing, repeated, unknown or of illegal syntax.
    BadArgument,
    /// The resumption token is forged, altered, expired or for another verb.
    BadResumptionToken,
    /// The verb is missing, repeated or not an OAI-PMH verb.
    BadVerb,
    /// The format is unknown, or the item is not available in it.
    CannotDisseminateFormat,
    /// No item has that identifier.
    IdDoesNotExist,
    /// The list asked for is empty.
    NoRecordsMatch,
    /// The item is available in no format (never: every item has `oai_dc`).
    NoMetadataFormats,
    /// The repository has no sets (never: it has).
    NoSetHierarchy,
}

impl ErrorCode {
    /// The code as the protocol spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadArgument => "badArgument",
            ErrorCode::BadResumptionToken => "badResumptionToken",
            ErrorCode::BadVerb => "badVerb",
            ErrorCode::CannotDisseminateFormat => "cannotDisseminateFormat",
            ErrorCode::IdDoesNotExist => "idDoesNotExist",
            ErrorCode::NoRecordsMatch => "noRecordsMatch",
            ErrorCode::NoMetadataFormats => "noMetadataFormats",
            ErrorCode::NoSetHierarchy => "noSetHierarchy",
        }
    }
}

/// A protocol error and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OaiError {
    /// The code.
    pub code: ErrorCode,
    /// A lowercase message for people.
    pub message: String,
}

fn error(code: ErrorCode, message: impl Into<String>) -> OaiError {
    OaiError {
        code,
        message: message.into(),
    }
}

/// What a list asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// The format.
    pub format: MetadataFormat,
    /// The set, if selective.
    pub set: Option<String>,
    /// Items changed at or after this second.
    pub from: Option<i64>,
    /// Items changed at or before this second.
    pub until: Option<i64>,
}

/// The arguments of a list request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListArguments {
    /// A new list.
    Fresh(ListQuery),
    /// The rest of a list, by resumption token.
    Resume(String),
}

/// A well-formed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// `Identify`.
    Identify,
    /// `ListMetadataFormats`, of one item or of the repository.
    ListMetadataFormats {
        /// The item.
        identifier: Option<String>,
    },
    /// `ListSets`.
    ListSets {
        /// A token (we never issue one for sets, so any is bad).
        resumption_token: Option<String>,
    },
    /// `GetRecord`.
    GetRecord {
        /// The item.
        identifier: String,
        /// The `metadataPrefix`, checked when answering.
        metadata_prefix: String,
    },
    /// `ListIdentifiers` or `ListRecords`.
    List {
        /// Which.
        verb: ListVerb,
        /// The query or a token.
        arguments: ListArguments,
    },
}

/// A value that may appear as a setSpec or metadataPrefix in the schema.
fn is_spec_text(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b))
}

fn is_set_spec(text: &str) -> bool {
    text.split(':').all(is_spec_text)
}

/// A `from` or `until` value: the second it names (the first or, for `until`, the last
/// second of a day) and whether it had day granularity.
fn parse_datestamp(name: &str, text: &str, end_of_day: bool) -> Result<(i64, bool), OaiError> {
    let bad = || {
        error(
            ErrorCode::BadArgument,
            format!("`{name}` must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, not {text:?}"),
        )
    };
    let shape_ok = |pattern: &str| {
        text.len() == pattern.len()
            && text.bytes().zip(pattern.bytes()).all(|(b, p)| match p {
                b'9' => b.is_ascii_digit(),
                _ => b == p,
            })
    };
    if shape_ok("9999-99-99") {
        let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
        let start = day
            .and_hms_opt(0, 0, 0)
            .ok_or_else(bad)?
            .and_utc()
            .timestamp();
        Ok((if end_of_day { start + 86_399 } else { start }, true))
    } else if shape_ok("9999-99-99T99:99:99Z") {
        let time =
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ").map_err(|_| bad())?;
        Ok((time.and_utc().timestamp(), false))
    } else {
        Err(bad())
    }
}

/// Reads the arguments of a request, checking them as the protocol says: the verb once
/// and known, no argument twice, none unknown for the verb, the required ones present,
/// a resumption token alone, dates well-formed and of one granularity.
pub fn parse_request(pairs: &[(String, String)]) -> Result<Request, OaiError> {
    let verbs: Vec<&str> = pairs
        .iter()
        .filter(|(key, _)| key == "verb")
        .map(|(_, value)| value.as_str())
        .collect();
    let verb = match verbs.as_slice() {
        [] => return Err(error(ErrorCode::BadVerb, "the verb argument is missing")),
        [verb] => *verb,
        _ => return Err(error(ErrorCode::BadVerb, "the verb argument is repeated")),
    };
    let (allowed, required): (&[&str], &[&str]) = match verb {
        "Identify" => (&[], &[]),
        "ListMetadataFormats" => (&["identifier"], &[]),
        "ListSets" => (&["resumptionToken"], &[]),
        "GetRecord" => (
            &["identifier", "metadataPrefix"],
            &["identifier", "metadataPrefix"],
        ),
        "ListIdentifiers" | "ListRecords" => (
            &["metadataPrefix", "from", "until", "set", "resumptionToken"],
            &[],
        ),
        other => {
            return Err(error(
                ErrorCode::BadVerb,
                format!(
                    "{other:?} is not an OAI-PMH verb; use Identify, ListMetadataFormats, \
                     ListSets, GetRecord, ListIdentifiers or ListRecords"
                ),
            ));
        }
    };
    let mut arguments: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, value) in pairs.iter().filter(|(key, _)| key != "verb") {
        if !allowed.contains(&key.as_str()) {
            return Err(error(
                ErrorCode::BadArgument,
                format!("{verb} does not take the argument {key:?}"),
            ));
        }
        if arguments.insert(key, value).is_some() {
            return Err(error(
                ErrorCode::BadArgument,
                format!("the argument {key} is repeated"),
            ));
        }
        if value.is_empty() {
            return Err(error(
                ErrorCode::BadArgument,
                format!("the argument {key} is empty"),
            ));
        }
    }
    if let Some(missing) = required.iter().find(|name| !arguments.contains_key(*name)) {
        return Err(error(
            ErrorCode::BadArgument,
            format!("{verb} needs the argument {missing}"),
        ));
    }
    if let Some(prefix) = arguments.get("metadataPrefix")
        && !is_spec_text(prefix)
    {
        return Err(error(
            ErrorCode::BadArgument,
            format!("{prefix:?} is not a well-formed metadataPrefix"),
        ));
    }
    let get = |name: &str| arguments.get(name).map(|value| (*value).to_owned());
    Ok(match verb {
        "Identify" => Request::Identify,
        "ListMetadataFormats" => Request::ListMetadataFormats {
            identifier: get("identifier"),
        },
        "ListSets" => Request::ListSets {
            resumption_token: get("resumptionToken"),
        },
        "GetRecord" => Request::GetRecord {
            identifier: get("identifier").unwrap_or_default(),
            metadata_prefix: get("metadataPrefix").unwrap_or_default(),
        },
        _ => {
            let verb = if verb == "ListRecords" {
                ListVerb::ListRecords
            } else {
                ListVerb::ListIdentifiers
            };
            let arguments = match get("resumptionToken") {
                Some(token) if arguments.len() == 1 => ListArguments::Resume(token),
                Some(_) => {
                    return Err(error(
                        ErrorCode::BadArgument,
                        "resumptionToken is an exclusive argument: send it alone with the verb",
                    ));
                }
                None => ListArguments::Fresh(list_query(&arguments)?),
            };
            Request::List { verb, arguments }
        }
    })
}

fn list_query(arguments: &BTreeMap<&str, &str>) -> Result<ListQuery, OaiError> {
    let Some(prefix) = arguments.get("metadataPrefix") else {
        return Err(error(
            ErrorCode::BadArgument,
            "the argument metadataPrefix is missing (or send a resumptionToken)",
        ));
    };
    let from = arguments
        .get("from")
        .map(|text| parse_datestamp("from", text, false))
        .transpose()?;
    let until = arguments
        .get("until")
        .map(|text| parse_datestamp("until", text, true))
        .transpose()?;
    if let (Some((_, from_day)), Some((_, until_day))) = (from, until)
        && from_day != until_day
    {
        return Err(error(
            ErrorCode::BadArgument,
            "from and until must have the same granularity",
        ));
    }
    if let (Some((from, _)), Some((until, _))) = (from, until)
        && from > until
    {
        return Err(error(ErrorCode::BadArgument, "from is later than until"));
    }
    if let Some(set) = arguments.get("set")
        && !is_set_spec(set)
    {
        return Err(error(
            ErrorCode::BadArgument,
            format!("{set:?} is not a well-formed setSpec"),
        ));
    }
    let format = MetadataFormat::from_prefix(prefix).ok_or_else(|| cannot_disseminate(prefix))?;
    Ok(ListQuery {
        format,
        set: arguments.get("set").map(|set| (*set).to_owned()),
        from: from.map(|(second, _)| second),
        until: until.map(|(second, _)| second),
    })
}

fn cannot_disseminate(prefix: &str) -> OaiError {
    error(
        ErrorCode::CannotDisseminateFormat,
        format!(
            "the metadata format {prefix:?} is not served; ListMetadataFormats lists: {}",
            MetadataFormat::ALL.map(MetadataFormat::prefix).join(", ")
        ),
    )
}

/// What the provider needs to answer.
pub struct Repository<'a> {
    /// The store.
    pub store: &'a Store,
    /// The configured sources (set names, and countries of tombstones).
    pub sources: &'a [config::Source],
    /// The `/oai` URL as the client reached it.
    pub base_url: String,
    /// The repository identifier in item identifiers (`oai:{id}:{record id}`).
    pub repository_id: String,
    /// The key of resumption tokens.
    pub key: &'a TokenKey,
    /// The time of the request.
    pub now: DateTime<Utc>,
}

/// An item of the repository.
enum Item {
    Record(Box<StoredRecord>),
    Decision(Box<Decision>),
}

/// An item's header.
struct Header {
    identifier: String,
    datestamp: DateTime<Utc>,
    sets: Vec<String>,
    deleted: bool,
}

impl Repository<'_> {
    fn identifier(&self, id: &RecordId) -> String {
        format!("oai:{}:{}", self.repository_id, id)
    }

    fn decision_identifier(&self, id: &str) -> String {
        format!("oai:{}:decision:{id}", self.repository_id)
    }

    /// The item an identifier names, if any. The repository part is not checked, so that
    /// a client that reached us under another host name still finds the item.
    fn item(&self, identifier: &str) -> Result<Option<Item>, IndexerError> {
        let Some((namespace, local)) = identifier
            .strip_prefix("oai:")
            .and_then(|rest| rest.rsplit_once(':'))
        else {
            return Ok(None);
        };
        if namespace.ends_with(":decision") {
            return Ok(self
                .store
                .decision(local)?
                .map(|decision| Item::Decision(Box::new(decision))));
        }
        let Ok(id) = RecordId::parse(local) else {
            return Ok(None);
        };
        Ok(self
            .store
            .get(&id)?
            .map(|record| Item::Record(Box::new(record))))
    }

    fn header(&self, item: &Item) -> Result<Header, IndexerError> {
        match item {
            Item::Record(record) => Ok(Header {
                identifier: self.identifier(&record.id),
                datestamp: record.updated_at,
                sets: self.record_sets(record)?,
                deleted: record.deleted,
            }),
            // A withdrawn decision, or one its institution keeps private, is listed as
            // deleted: nothing of it is published.
            Item::Decision(decision) => Ok(Header {
                identifier: self.decision_identifier(&decision.id),
                datestamp: decision.recorded_at,
                sets: vec!["decisions".to_owned()],
                deleted: decision.withdrawn || decision.private,
            }),
        }
    }

    /// `source:{id}` and, where known, `country:{CC}` of the awarding body; a tombstone
    /// keeps the country of its last live version (or of its source).
    fn record_sets(&self, record: &StoredRecord) -> Result<Vec<String>, IndexerError> {
        let mut sets = vec![format!("source:{}", record.id.source())];
        let country = match &record.credential {
            Some(credential) => credential.awarding_body.country.clone(),
            None => self
                .store
                .history(&record.id)?
                .into_iter()
                .rev()
                .find_map(|old| old.credential.and_then(|c| c.awarding_body.country))
                .or_else(|| {
                    self.sources
                        .iter()
                        .find(|source| source.id.as_str() == record.id.source())
                        .map(|source| source.country.clone())
                }),
        };
        if let Some(country) = country {
            sets.push(format!("country:{country}"));
        }
        Ok(sets)
    }

    /// Visits the items of the repository from `start` in list order, each with the
    /// position just after it, until `visit` breaks.
    fn scan(
        &self,
        start: &Position,
        mut visit: impl FnMut(Item, Position) -> Result<ControlFlow<()>, IndexerError>,
    ) -> Result<(), IndexerError> {
        let after_id = match start {
            Position::Records { after_seq } => {
                for record in self.store.changes_after(*after_seq) {
                    let record = record?;
                    let seq = record.seq;
                    if visit(
                        Item::Record(Box::new(record)),
                        Position::Records { after_seq: seq },
                    )?
                    .is_break()
                    {
                        return Ok(());
                    }
                }
                None
            }
            Position::Decisions { after_id } => Some(after_id.as_str()),
        };
        // Decisions follow the records, in the order of their ids.
        for decision in self.store.all_decisions() {
            let decision = decision?;
            if after_id.is_some_and(|after| decision.id.as_str() <= after) {
                continue;
            }
            let position = Position::Decisions {
                after_id: decision.id.clone(),
            };
            if visit(Item::Decision(Box::new(decision)), position)?.is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    fn matches(&self, query: &ListQuery, item: &Item) -> Result<Option<Header>, IndexerError> {
        if !query.format.carries(item) {
            return Ok(None);
        }
        let header = self.header(item)?;
        let second = header.datestamp.timestamp();
        if query.from.is_some_and(|from| second < from)
            || query.until.is_some_and(|until| second > until)
        {
            return Ok(None);
        }
        if let Some(set) = &query.set {
            let in_set = header.sets.iter().any(|spec| {
                spec == set
                    || spec
                        .strip_prefix(set.as_str())
                        .is_some_and(|rest| rest.starts_with(':'))
            });
            if !in_set {
                return Ok(None);
            }
        }
        Ok(Some(header))
    }
}

/// Answers one request: always a whole OAI-PMH document, protocol errors included.
pub fn respond(repo: &Repository<'_>, pairs: &[(String, String)]) -> Result<String, IndexerError> {
    let mut xml = XmlWriter::new();
    xml.open(
        "OAI-PMH",
        &[
            ("xmlns", OAI_NAMESPACE),
            ("xmlns:xsi", XSI_NAMESPACE),
            ("xsi:schemaLocation", OAI_SCHEMA_LOCATION),
        ],
    );
    xml.leaf("responseDate", &[], &datestamp(repo.now));
    let request = match parse_request(pairs) {
        Ok(request) => request,
        Err(err) => {
            // After badVerb and badArgument the request element carries no arguments.
            xml.leaf("request", &[], &repo.base_url);
            write_error(&mut xml, &err);
            return Ok(xml.finish());
        }
    };
    let attributes: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    xml.leaf("request", &attributes, &repo.base_url);
    let mut body = XmlWriter::default();
    let answered = match request {
        Request::Identify => identify(repo, &mut body),
        Request::ListMetadataFormats { identifier } => {
            list_metadata_formats(repo, identifier.as_deref(), &mut body)
        }
        Request::ListSets { resumption_token } => list_sets(repo, resumption_token, &mut body),
        Request::GetRecord {
            identifier,
            metadata_prefix,
        } => get_record(repo, &identifier, &metadata_prefix, &mut body),
        Request::List { verb, arguments } => list(repo, verb, arguments, &mut body),
    }?;
    match answered {
        Ok(()) => {
            xml.raw(body);
        }
        Err(err) => write_error(&mut xml, &err),
    }
    Ok(xml.finish())
}

fn write_error(xml: &mut XmlWriter, err: &OaiError) {
    xml.leaf("error", &[("code", err.code.as_str())], &err.message);
}

type Answer = Result<Result<(), OaiError>, IndexerError>;

fn identify(repo: &Repository<'_>, xml: &mut XmlWriter) -> Answer {
    let mut earliest = repo.now;
    if let Some(first) = repo.store.changes_after(0).next() {
        earliest = earliest.min(first?.updated_at);
    }
    xml.open("Identify", &[])
        .leaf("repositoryName", &[], "MicroHE recognition clearinghouse")
        .leaf("baseURL", &[], &repo.base_url)
        .leaf("protocolVersion", &[], "2.0")
        .leaf(
            "adminEmail",
            &[],
            &format!("oai-admin@{}", repo.repository_id),
        )
        .leaf("earliestDatestamp", &[], &datestamp(earliest))
        .leaf("deletedRecord", &[], "persistent")
        .leaf("granularity", &[], GRANULARITY)
        .close();
    Ok(Ok(()))
}

fn list_metadata_formats(
    repo: &Repository<'_>,
    identifier: Option<&str>,
    xml: &mut XmlWriter,
) -> Answer {
    let formats: Vec<MetadataFormat> = match identifier {
        None => MetadataFormat::ALL.to_vec(),
        Some(identifier) => {
            let Some(item) = repo.item(identifier)? else {
                return Ok(Err(id_does_not_exist(identifier)));
            };
            MetadataFormat::ALL
                .into_iter()
                .filter(|format| format.carries(&item))
                .collect()
        }
    };
    if formats.is_empty() {
        return Ok(Err(error(
            ErrorCode::NoMetadataFormats,
            "the item is available in no metadata format",
        )));
    }
    xml.open("ListMetadataFormats", &[]);
    for format in formats {
        xml.open("metadataFormat", &[])
            .leaf("metadataPrefix", &[], format.prefix())
            .leaf("schema", &[], &format.schema(&repo.base_url))
            .leaf("metadataNamespace", &[], format.namespace())
            .close();
    }
    xml.close();
    Ok(Ok(()))
}

fn id_does_not_exist(identifier: &str) -> OaiError {
    error(
        ErrorCode::IdDoesNotExist,
        format!(
            "no item {identifier:?}; identifiers look like oai:<repository>:<record id>, \
             as ListIdentifiers gives them"
        ),
    )
}

fn list_sets(
    repo: &Repository<'_>,
    resumption_token: Option<String>,
    xml: &mut XmlWriter,
) -> Answer {
    if resumption_token.is_some() {
        return Ok(Err(error(
            ErrorCode::BadResumptionToken,
            "ListSets answers in one page and issues no resumption tokens",
        )));
    }
    let mut sources: BTreeMap<String, String> = repo
        .sources
        .iter()
        .map(|source| (source.id.to_string(), source.institution.clone()))
        .collect();
    let mut countries: std::collections::BTreeSet<String> = repo
        .sources
        .iter()
        .map(|source| source.country.to_string())
        .collect();
    for record in repo.store.records(None) {
        let record = record?;
        sources
            .entry(record.id.source().to_owned())
            .or_insert_with(|| record.id.source().to_owned());
        if let Some(country) = record
            .credential
            .as_ref()
            .and_then(|credential| credential.awarding_body.country.as_ref())
        {
            countries.insert(country.to_string());
        }
    }
    xml.open("ListSets", &[]);
    let mut set = |spec: &str, name: &str| {
        xml.open("set", &[])
            .leaf("setSpec", &[], spec)
            .leaf("setName", &[], name)
            .close();
    };
    set("source", "Records by publishing source");
    for (id, institution) in &sources {
        set(&format!("source:{id}"), institution);
    }
    set(
        "decisions",
        "Recognition decisions taken by institutions of the network",
    );
    set("country", "Records by country of the awarding body");
    for country in &countries {
        set(
            &format!("country:{country}"),
            &format!("Awarding bodies in {country}"),
        );
    }
    xml.close();
    Ok(Ok(()))
}

fn get_record(
    repo: &Repository<'_>,
    identifier: &str,
    metadata_prefix: &str,
    xml: &mut XmlWriter,
) -> Answer {
    let Some(format) = MetadataFormat::from_prefix(metadata_prefix) else {
        return Ok(Err(cannot_disseminate(metadata_prefix)));
    };
    let Some(item) = repo.item(identifier)? else {
        return Ok(Err(id_does_not_exist(identifier)));
    };
    if !format.carries(&item) {
        return Ok(Err(error(
            ErrorCode::CannotDisseminateFormat,
            format!("the item {identifier:?} is not available as {metadata_prefix}"),
        )));
    }
    let header = repo.header(&item)?;
    xml.open("GetRecord", &[]);
    write_record(repo, format, &item, &header, xml)?;
    xml.close();
    Ok(Ok(()))
}

fn write_header(xml: &mut XmlWriter, header: &Header) {
    let status: &[(&str, &str)] = if header.deleted {
        &[("status", "deleted")]
    } else {
        &[]
    };
    xml.open("header", status)
        .leaf("identifier", &[], &header.identifier)
        .leaf("datestamp", &[], &datestamp(header.datestamp));
    for set in &header.sets {
        xml.leaf("setSpec", &[], set);
    }
    xml.close();
}

fn write_record(
    repo: &Repository<'_>,
    format: MetadataFormat,
    item: &Item,
    header: &Header,
    xml: &mut XmlWriter,
) -> Result<(), IndexerError> {
    xml.open("record", &[]);
    write_header(xml, header);
    if !header.deleted {
        match item {
            Item::Record(record) => {
                if let Some(credential) = &record.credential {
                    xml.open("metadata", &[]);
                    match format {
                        MetadataFormat::OaiDc => {
                            metadata::credential_dc(xml, record, credential, &repo.base_url)
                        }
                        MetadataFormat::ClearinghouseJson => {
                            metadata::credential_json(xml, record, credential, &repo.repository_id)
                        }
                    }
                    xml.close();
                }
            }
            Item::Decision(decision) => {
                xml.open("metadata", &[]);
                let describe = |id: &RecordId| -> Result<String, IndexerError> {
                    Ok(repo
                        .store
                        .get(id)?
                        .and_then(|record| record.credential)
                        .and_then(|credential| credential.title.best(&["en"]).map(str::to_owned))
                        .map_or_else(|| id.to_string(), |title| format!("{title} ({id})")))
                };
                let credential = describe(&decision.credential)?;
                let title = match &decision.outcome {
                    DecisionOutcome::Equivalent { target } => format!(
                        "{} recognises {credential} as equivalent to {}",
                        decision.institution,
                        describe(target)?
                    ),
                    DecisionOutcome::Credits { ects } => format!(
                        "{} recognises {credential} for {ects} ECTS",
                        decision.institution
                    ),
                    DecisionOutcome::Refused => {
                        format!("{} does not recognise {credential}", decision.institution)
                    }
                };
                metadata::decision_dc(xml, decision, &title, &repo.repository_id);
                xml.close();
            }
        }
    }
    xml.close();
    Ok(())
}

fn bad_token(message: impl Into<String>) -> OaiError {
    error(ErrorCode::BadResumptionToken, message)
}

fn list(
    repo: &Repository<'_>,
    verb: ListVerb,
    arguments: ListArguments,
    xml: &mut XmlWriter,
) -> Answer {
    let (query, start, cursor, known_size, resumed) = match arguments {
        ListArguments::Fresh(query) => (query, Position::Records { after_seq: 0 }, 0, None, false),
        ListArguments::Resume(text) => {
            let token = match Token::decode(&text, repo.key, repo.now) {
                Ok(token) => token,
                Err(err @ (TokenError::Forged | TokenError::Expired(_))) => {
                    return Ok(Err(bad_token(err.to_string())));
                }
            };
            if token.verb != verb {
                return Ok(Err(bad_token(format!(
                    "the resumption token continues {}, not {}",
                    token.verb.name(),
                    verb.name()
                ))));
            }
            let query = ListQuery {
                format: token.format,
                set: token.set,
                from: token.from,
                until: token.until,
            };
            (
                query,
                token.position,
                token.cursor,
                Some(token.complete_list_size),
                true,
            )
        }
    };
    let mut page: Vec<(Item, Header)> = Vec::new();
    let mut next: Option<Position> = None;
    let mut more = false;
    repo.scan(&start, |item, position| {
        let Some(header) = repo.matches(&query, &item)? else {
            return Ok(ControlFlow::Continue(()));
        };
        if page.len() == PAGE_SIZE {
            more = true;
            return Ok(ControlFlow::Break(()));
        }
        page.push((item, header));
        next = Some(position);
        Ok(ControlFlow::Continue(()))
    })?;
    if page.is_empty() {
        return Ok(Err(error(
            ErrorCode::NoRecordsMatch,
            if resumed {
                "no more items match: the rest of the list changed since the token was issued"
            } else {
                "no items match the query"
            },
        )));
    }
    let returned = cursor + page.len() as u64;
    let complete_list_size = match known_size {
        Some(size) => size.max(returned),
        None if more => {
            let mut total = 0u64;
            repo.scan(&Position::Records { after_seq: 0 }, |item, _| {
                if repo.matches(&query, &item)?.is_some() {
                    total += 1;
                }
                Ok(ControlFlow::Continue(()))
            })?;
            total.max(returned + 1)
        }
        None => returned,
    };
    xml.open(verb.name(), &[]);
    for (item, header) in &page {
        match verb {
            ListVerb::ListIdentifiers => write_header(xml, header),
            ListVerb::ListRecords => write_record(repo, query.format, item, header, xml)?,
        }
    }
    let size_text = complete_list_size.to_string();
    let cursor_text = cursor.to_string();
    match (more, next) {
        (true, Some(position)) => {
            let token = Token {
                verb,
                format: query.format,
                set: query.set.clone(),
                from: query.from,
                until: query.until,
                position,
                cursor: returned,
                complete_list_size,
                issued_at: repo.now.timestamp(),
            };
            let expires = datestamp(token.expires_at());
            xml.leaf(
                "resumptionToken",
                &[
                    ("completeListSize", &size_text),
                    ("cursor", &cursor_text),
                    ("expirationDate", &expires),
                ],
                &token.encode(repo.key),
            );
        }
        _ if resumed => {
            xml.leaf(
                "resumptionToken",
                &[("completeListSize", &size_text), ("cursor", &cursor_text)],
                "",
            );
        }
        _ => {}
    }
    xml.close();
    Ok(Ok(()))
}

#[cfg(test)]
mod tests;
