//! OAI-PMH 2.0: `ListRecords` with `resumptionToken` paging and incremental `from=` in the
//! granularity `Identify` declares; the envelope of a response is read by [`envelope`].

mod envelope;

use std::collections::VecDeque;

use model::{Checkpoint, Format, HarvestPage, PageKind, ResumePoint, SourceId};
use url::Url;

pub use self::envelope::{Granularity, OaiErrorCode};
pub(crate) use self::envelope::{Response, datestamp_instant, later_datestamp, parse_response};
use crate::http::{DocumentFailure, Session};
use crate::{HarvestError, InFlightPage, PAGES_IN_FLIGHT, PageSink, Progress, RunOptions};

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
                Some(Err(reason)) if response.is_success() => {
                    let kind = envelope::problem_kind(&reason);
                    Err(DocumentFailure::Retry(reason, kind))
                }
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

/// What a `ListRecords` request asks of a repository: its base URL, the metadata prefix,
/// and the set, if one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Endpoint<'a> {
    /// The repository's base URL.
    pub(crate) base_url: &'a Url,
    /// The `metadataPrefix`.
    pub(crate) metadata_prefix: &'a str,
    /// The `set`, if one.
    pub(crate) set: Option<&'a str>,
}

impl Endpoint<'_> {
    /// The `ListRecords` URL of a first request (`from`) or of a next page (`token`).
    fn list_records_url(&self, from: Option<&str>, token: Option<&str>) -> Url {
        list_records_url(self.base_url, self.metadata_prefix, self.set, from, token)
    }
}

/// Harvests an OAI-PMH source page by page, each page stored with its checkpoint.
pub(crate) async fn harvest<S: PageSink>(
    session: &mut Session<'_>,
    source: &config::Source,
    endpoint: Endpoint<'_>,
    previous: &Checkpoint,
    options: &RunOptions,
    sink: &mut S,
    progress: &mut Progress,
) -> Result<(), HarvestError> {
    let base_url = endpoint.base_url;
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
        endpoint,
        Listing {
            previous,
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

/// Where a listing starts: after the source's last stored checkpoint (`previous`), at a
/// resumption token, or from a datestamp.
struct Listing<'a> {
    previous: &'a Checkpoint,
    token: Option<String>,
    from: Option<String>,
    max_datestamp: Option<String>,
}

/// The pages of one listing: each page is handed to the sink while the next is fetched,
/// and up to [`PAGES_IN_FLIGHT`] pages are in the sink's hands before the harvest waits
/// for the report of the oldest.
async fn harvest_pages<S: PageSink>(
    session: &mut Session<'_>,
    source: &config::Source,
    endpoint: Endpoint<'_>,
    listing: Listing<'_>,
    sink: &mut S,
    progress: &mut Progress,
    in_flight: &mut VecDeque<InFlightPage>,
) -> Result<(), HarvestError> {
    let Listing {
        previous,
        mut token,
        from,
        mut max_datestamp,
    } = listing;
    let mut restarted = false;
    // The next page, fetched while the sink took the previous one.
    let mut prefetched: Option<Result<Response, HarvestError>> = None;
    loop {
        let url = endpoint.list_records_url(from.as_deref(), token.as_deref());
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
                    kind: model::FailureKind::NotOaiPmh,
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
                let next_url = endpoint.list_records_url(from.as_deref(), Some(next.as_str()));
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
    fn a_list_records_chain_links_up() {
        let expected = [
            ("list-records-page1.xml", Some("bcuas-oai_dc-micro-3")),
            ("list-records-page2.xml", Some("bcuas-oai_dc-micro-6")),
            ("list-records-page3.xml", None),
        ];
        for (name, token) in expected {
            let response = parse_fixture(name).unwrap();
            assert_eq!(response.resumption_token.as_deref(), token, "{name}");
            assert_eq!(response.complete_list_size, Some(8), "{name}");
            assert!(response.errors.is_empty(), "{name}");
            assert_eq!(response.verb_element.as_deref(), Some("ListRecords"));
        }
        let first = parse_fixture("list-records-page1.xml").unwrap();
        assert_eq!(first.records.len(), 3);
        let deleted = &first.records[0];
        assert_eq!(deleted.upstream_id, "oai:bcuas.example:mc/2019-004");
        assert_eq!(deleted.datestamp.as_deref(), Some("2025-01-28T16:05:09Z"));
        assert!(deleted.deleted && deleted.payload.is_empty());
        let live = &first.records[1];
        assert!(!live.deleted);
        assert_eq!(live.format, Format::OaiDc);
        assert_eq!(live.sets, ["micro", "micro:digital"]);
        let payload = String::from_utf8(live.payload.clone()).unwrap();
        assert!(payload.starts_with("<oai_dc:dc xmlns:oai_dc="), "{payload}");
        assert!(payload.ends_with("</oai_dc:dc>"), "{payload}");
        assert!(payload.contains(
            "<dc:title xml:lang=\"en\">Applied Data Literacy for Public Administration</dc:title>"
        ));
        // Every namespace is declared on the payload already: it is cut out verbatim.
        let document = fixture("oai-pmh/list-records-page1.xml");
        assert!(
            document
                .windows(live.payload.len())
                .any(|window| window == live.payload.as_slice())
        );
    }

    #[test]
    fn a_record_without_identifier_is_an_envelope_error() {
        let last = parse_fixture("list-records-page3.xml").unwrap();
        assert_eq!(last.records.len(), 1);
        assert_eq!(last.records[0].upstream_id, "oai:bcuas.example:mc/2025-002");
        assert_eq!(last.envelope_errors.len(), 1);
        let error = &last.envelope_errors[0];
        assert_eq!(error.upstream_id, None);
        assert!(error.reason.contains("record 1") && error.reason.contains("identifier"));
    }

    #[test]
    fn a_list_in_one_page_has_its_records_with_sets() {
        let response = parse_fixture("list-records-single-page.xml").unwrap();
        assert_eq!(response.records.len(), 4);
        assert!(response.envelope_errors.is_empty());
        assert_eq!(response.resumption_token, None);
        assert_eq!(response.complete_list_size, None);
        let first = &response.records[0];
        assert_eq!(first.upstream_id, "oai:vltu.example:course/LLL-0401");
        assert_eq!(first.datestamp.as_deref(), Some("2025-03-03T09:12:44Z"));
        assert_eq!(first.sets, vec!["lll:transport".to_owned()]);
        // The namespaces declared on the envelope are declared on the payload.
        let payload = String::from_utf8(first.payload.clone()).unwrap();
        assert!(payload.starts_with("<oai_dc:dc "), "{payload}");
        assert!(
            payload.contains("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
                && payload.contains("xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""),
            "{payload}"
        );
        assert_eq!(response.records[1].sets, ["lll:energy", "lll:micro"]);
    }

    #[test]
    fn get_record_and_identify_are_read() {
        let record = parse_fixture("get-record.xml").unwrap();
        assert_eq!(record.records.len(), 1);
        assert_eq!(record.verb_element.as_deref(), Some("GetRecord"));
        assert_eq!(
            record.records[0].upstream_id,
            "oai:vltu.example:course/LLL-0420"
        );
        let day = parse_fixture("identify-day.xml").unwrap();
        assert_eq!(day.granularity.as_deref(), Some("YYYY-MM-DD"));
        assert_eq!(day.verb_element.as_deref(), Some("Identify"));
        let seconds = parse_fixture("identify-seconds.xml").unwrap();
        assert_eq!(seconds.granularity.as_deref(), Some("YYYY-MM-DDThh:mm:ssZ"));
    }

    #[test]
    fn other_verbs_parse_without_records() {
        for name in [
            "list-identifiers.xml",
            "list-metadata-formats.xml",
            "list-sets.xml",
        ] {
            let response = parse_fixture(name).unwrap();
            assert!(
                response.records.is_empty()
                    && response.errors.is_empty()
                    && response.envelope_errors.is_empty(),
                "{name}"
            );
        }
    }

    #[test]
    fn every_error_code_file_gives_its_typed_error() {
        let expected = [
            ("badArgument", OaiErrorCode::BadArgument),
            ("badResumptionToken", OaiErrorCode::BadResumptionToken),
            ("badVerb", OaiErrorCode::BadVerb),
            (
                "cannotDisseminateFormat",
                OaiErrorCode::CannotDisseminateFormat,
            ),
            ("idDoesNotExist", OaiErrorCode::IdDoesNotExist),
            ("noMetadataFormats", OaiErrorCode::NoMetadataFormats),
            ("noRecordsMatch", OaiErrorCode::NoRecordsMatch),
            ("noSetHierarchy", OaiErrorCode::NoSetHierarchy),
            (
                "catalogueMaintenance",
                OaiErrorCode::Other("catalogueMaintenance".to_owned()),
            ),
        ];
        for (name, code) in expected {
            let response = parse_fixture(&format!("error-{name}.xml")).unwrap();
            assert_eq!(response.errors.len(), 1, "{name}");
            assert_eq!(response.errors[0].code, code, "{name}");
            assert_eq!(response.errors[0].code.as_str(), name);
        }
        let message = parse_fixture("error-noSetHierarchy.xml").unwrap();
        assert_eq!(
            message.errors[0].message,
            "Sets are not supported here: harvest the whole catalogue."
        );
    }

    /// The real responses of the shared folder (opt-in): Sickle's test data and a 2003
    /// capture of a DSpace repository read as they always did.
    #[test]
    fn the_real_responses_read_as_before() {
        let Some(fixtures) = testkit::shared_fixtures_dir() else {
            return;
        };
        let parse_real = |name: &str| {
            let path = fixtures.join("oai-pmh").join(name);
            let bytes =
                std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            parse_response(&bytes, &source_id(), Format::OaiDc)
        };
        let chain = [
            ("oaipmh-sickle-ListRecords.xml", Some("ListRecords2.xml")),
            ("oaipmh-sickle-ListRecords2.xml", Some("ListRecords3.xml")),
            ("oaipmh-sickle-ListRecords3.xml", Some("ListRecords4.xml")),
            ("oaipmh-sickle-ListRecords4.xml", None),
        ];
        for (name, token) in chain {
            let response = parse_real(name).unwrap();
            assert_eq!(response.resumption_token.as_deref(), token, "{name}");
            assert!(response.errors.is_empty(), "{name}");
        }
        let first = parse_real("oaipmh-sickle-ListRecords.xml").unwrap();
        assert_eq!(first.complete_list_size, Some(8));
        assert_eq!(first.records.len(), 2);
        assert_eq!(first.records[0].upstream_id, "oai:test.example.com:1585310");
        assert!(first.records[0].deleted);
        let payload = String::from_utf8(first.records[1].payload.clone()).unwrap();
        assert!(payload.contains("<dc:title>Sample Title</dc:title>"));
        let last = parse_real("oaipmh-sickle-ListRecords4.xml").unwrap();
        assert_eq!(last.envelope_errors.len(), 1);

        let dspace = parse_real("oaipmh-pyoai-eur-dspace-ListRecords-oai_dc.xml").unwrap();
        assert_eq!(dspace.records.len(), 16);
        assert!(dspace.envelope_errors.is_empty());
        assert_eq!(dspace.records[0].upstream_id, "hdl:1765/308");
        assert_eq!(dspace.records[0].sets, vec!["1:2".to_owned()]);
        assert!(dspace.records[0].payload.starts_with(b"<oai_dc:dc "));

        let record = parse_real("oaipmh-sickle-GetRecord.xml").unwrap();
        assert_eq!(record.records.len(), 1);
        let sickle = parse_real("oaipmh-sickle-Identify.xml").unwrap();
        assert_eq!(sickle.granularity.as_deref(), Some("YYYY-MM-DD"));
        let dspace = parse_real("oaipmh-pyoai-eur-dspace-Identify.xml").unwrap();
        assert_eq!(dspace.granularity.as_deref(), Some("YYYY-MM-DDThh:mm:ssZ"));
        for name in [
            "ListIdentifiers",
            "ListIdentifiers2",
            "ListMetadataFormats",
            "ListSets",
        ] {
            let response = parse_real(&format!("oaipmh-sickle-{name}.xml")).unwrap();
            assert!(response.records.is_empty() && response.errors.is_empty());
        }
        for code in [
            "badArgument",
            "badResumptionToken",
            "cannotDisseminateFormat",
            "idDoesNotExist",
            "noRecordsMatch",
            "noSetHierarchy",
            "undefinedError",
        ] {
            let response = parse_real(&format!("oaipmh-sickle-{code}.xml")).unwrap();
            assert_eq!(response.errors.len(), 1, "{code}");
            assert_eq!(response.errors[0].code.as_str(), code);
        }
        let broken = parse_real("oaipmh-sickle-ListRecordsBroken.xml").unwrap_err();
        assert!(
            broken.contains("does not start with an XML element"),
            "{broken}"
        );
    }

    #[test]
    fn the_broken_document_is_refused_with_a_reason() {
        let reason = parse_fixture("broken-response.xml").unwrap_err();
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
