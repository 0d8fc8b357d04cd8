//! An OAI-PMH request read from its arguments: the verb, its arguments checked as the
//! protocol says, and the protocol's errors.

use std::collections::BTreeMap;

use chrono::NaiveDate;

/// The two list verbs, which page with resumption tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListVerb {
    /// Headers only.
    ListIdentifiers,
    /// Headers and metadata.
    ListRecords,
}

impl ListVerb {
    pub(crate) fn name(self) -> &'static str {
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
            MetadataFormat::OaiDc => super::metadata::OAI_DC_NAMESPACE,
            MetadataFormat::ClearinghouseJson => formats::clearinghouse_json::XML_NAMESPACE,
        }
    }

    /// The XML schema of the metadata's root element (`base_url` is the `/oai` URL).
    pub fn schema(self, base_url: &str) -> String {
        match self {
            MetadataFormat::OaiDc => super::metadata::OAI_DC_SCHEMA.to_owned(),
            MetadataFormat::ClearinghouseJson => format!("{base_url}/clearinghouse-json.xsd"),
        }
    }

    pub(crate) fn from_prefix(prefix: &str) -> Option<MetadataFormat> {
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

pub(super) fn error(code: ErrorCode, message: impl Into<String>) -> OaiError {
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

pub(super) fn cannot_disseminate(prefix: &str) -> OaiError {
    error(
        ErrorCode::CannotDisseminateFormat,
        format!(
            "the metadata format {prefix:?} is not served; ListMetadataFormats lists: {}",
            MetadataFormat::ALL.map(MetadataFormat::prefix).join(", ")
        ),
    )
}
