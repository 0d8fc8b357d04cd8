//! The OAI-PMH 2.0 provider: the clearinghouse as a node others harvest.
//!
//! [`respond`] answers one request (its arguments as name/value pairs) with a whole
//! OAI-PMH document; it reads the store and is blocking, so the route calls it from
//! `web::block`. Every protocol error is an `<error>` in a well-formed document; only a
//! failing store is an `Err`.
//!
//! - Items are the stored records, tombstones included (`deletedRecord` is `persistent`),
//!   listed in the order of their datestamps (from the store's listings, so that a page
//!   reads only what it returns), then the published recognition decisions.
//! - Datestamps are the time of the item's last change in our store, in seconds.
//! - Sets: `source:{source id}` per publishing source, `country:{CC}` per country of the
//!   awarding body, `decisions` for recognition decisions; `source` and `country` are the
//!   parents of their sets (`:` is the OAI-PMH hierarchy separator).
//! - Formats: `oai_dc`, and `clearinghouse-json` (the canonical record as JSON in a
//!   `<ch:record>` element, with its provenance) which the indexer reads back
//!   ([`formats::clearinghouse_json`]).
//! - Resumption tokens are stateless ([`token`]).
//!
//! `request.rs` reads a request's arguments, `repository.rs` is what the provider serves
//! from (the store's items, headers and sets), `verbs.rs` answers each verb.

mod metadata;
mod repository;
mod request;
pub mod token;
mod verbs;
pub(crate) mod xml;

use chrono::{DateTime, Utc};
use store::StoreError;

pub use self::metadata::CLEARINGHOUSE_JSON_XSD;
pub use self::repository::Repository;
pub use self::request::{
    ErrorCode, ListArguments, ListQuery, ListVerb, MetadataFormat, OaiError, Request, parse_request,
};
use self::verbs::{get_record, identify, list, list_metadata_formats, list_sets};
use self::xml::XmlWriter;

/// Items per page of `ListRecords` and `ListIdentifiers`.
pub const PAGE_SIZE: usize = 100;

/// The OAI-PMH namespace.
pub const OAI_NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/";
pub(crate) const OAI_SCHEMA_LOCATION: &str =
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
pub(crate) const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The granularity of every datestamp we answer and the finest we accept.
pub const GRANULARITY: &str = "YYYY-MM-DDThh:mm:ssZ";

/// Formats a time as an OAI-PMH datestamp (seconds granularity, UTC).
pub fn datestamp(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Answers one request: always a whole OAI-PMH document, protocol errors included.
pub fn respond(repo: &Repository<'_>, pairs: &[(String, String)]) -> Result<String, StoreError> {
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

pub(crate) fn write_error(xml: &mut XmlWriter, err: &OaiError) {
    xml.leaf("error", &[("code", err.code.as_str())], &err.message);
}

#[cfg(test)]
mod tests;
