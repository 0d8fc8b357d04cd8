//! The answers to the six verbs, written into the response document.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use chrono::DateTime;
use model::RecordId;
use store::{DecisionOutcome, Listing, ListingRange, StoreError};

use super::metadata;
use super::repository::{Header, Item, Repository};
use super::request::{
    ListArguments, ListQuery, ListVerb, MetadataFormat, OaiError, cannot_disseminate, error,
};
use super::token::{Position, Token, TokenError};
use super::xml::XmlWriter;
use super::{ErrorCode, GRANULARITY, PAGE_SIZE, datestamp};

pub(super) type Answer = Result<Result<(), OaiError>, StoreError>;

pub(super) fn identify(repo: &Repository<'_>, xml: &mut XmlWriter) -> Answer {
    let mut earliest = repo.now;
    let first = repo
        .store
        .listed(&Listing::All, &ListingRange::default())
        .next();
    if let Some(first) = first
        && let Some(earliest_secs) = DateTime::from_timestamp(first?.datestamp_secs, 0)
    {
        earliest = earliest.min(earliest_secs);
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

pub(super) fn list_metadata_formats(
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

pub(super) fn list_sets(
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
    // The store keeps a listing of each source and country that holds a record.
    for (listing, _) in repo.store.listings()? {
        match listing {
            Listing::Source(id) => {
                sources.entry(id.clone()).or_insert(id);
            }
            Listing::Country(country) => {
                countries.insert(country);
            }
            Listing::All | Listing::Uncountried(_) => {}
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

pub(super) fn get_record(
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
) -> Result<(), StoreError> {
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
                let describe = |id: &RecordId| -> Result<String, StoreError> {
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

pub(super) fn list(
    repo: &Repository<'_>,
    verb: ListVerb,
    arguments: ListArguments,
    xml: &mut XmlWriter,
) -> Answer {
    let (query, start, cursor, known_size, resumed) = match arguments {
        ListArguments::Fresh(query) => (query, Position::Records { after: None }, 0, None, false),
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
    let plan = repo.plan(&query)?;
    let range = ListingRange {
        after: None,
        from_secs: query.from,
        until_secs: query.until,
    };
    let mut page: Vec<(Item, Header)> = Vec::new();
    let mut next: Option<Position> = None;
    let mut more = false;
    repo.scan(&plan, range, &start, |item, position| {
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
        Some(size) => size.map(|size| size.max(returned)),
        None if more => repo
            .list_size(&plan, &query)?
            .map(|size| size.max(returned + 1)),
        None => Some(returned),
    };
    xml.open(verb.name(), &[]);
    for (item, header) in &page {
        match verb {
            ListVerb::ListIdentifiers => write_header(xml, header),
            ListVerb::ListRecords => write_record(repo, query.format, item, header, xml)?,
        }
    }
    let size_text = complete_list_size.map(|size| size.to_string());
    let cursor_text = cursor.to_string();
    let mut attributes: Vec<(&str, &str)> = Vec::new();
    if let Some(size_text) = &size_text {
        attributes.push(("completeListSize", size_text));
    }
    attributes.push(("cursor", &cursor_text));
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
            attributes.push(("expirationDate", &expires));
            xml.leaf("resumptionToken", &attributes, &token.encode(repo.key));
        }
        _ if resumed => {
            xml.leaf("resumptionToken", &attributes, "");
        }
        _ => {}
    }
    xml.close();
    Ok(Ok(()))
}
