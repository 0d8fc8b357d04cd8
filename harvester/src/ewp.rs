//! Erasmus Without Paper: the Course Replication API lists the `los-id`s of a partner
//! institution, the Courses API serves their `<learningOpportunitySpecification>`s in
//! batches of at most `max_los_ids`.
//!
//! A run:
//! 1. asks the Course Replication API for every id (`hei_id`), to know what exists;
//! 2. on an incremental run, asks it again with `modified_since` (the start of the last
//!    completed run, less an hour for clock differences) for what changed; a partner
//!    that refuses the parameter (a 4xx) gets everything fetched instead;
//! 3. fetches the courses to update in batches, one page per batch, each
//!    `<learningOpportunitySpecification>` a raw record (payload: the element, made
//!    self-contained; upstream id: its `<los-id>`);
//! 4. diffs the id list against the ids the sink holds
//!    ([`crate::PageSink::known_upstream_ids`]): ids no longer listed become deleted
//!    records on the last page, unless more than `max_shrink_fraction` of the known ids
//!    vanished at once, which is held for review and reported instead.
//!
//! **Request signing is out of scope**: EWP partners normally require HTTP signatures
//! or TLS client certificates registered in the EWP Registry. Requests here are
//! unsigned, so only endpoints that answer unsigned requests (test and open mirrors) can
//! be harvested; a partner that insists answers 4xx, and the run fails with its
//! `developer-message`.
//!
//! An interrupted EWP run is not resumed page by page: the pages it stored are kept, and
//! the next run starts over (listing ids is cheap, and storing a course again is counted
//! as unchanged).

use std::collections::HashSet;

use model::{
    Checkpoint, CompleteListing, HarvestPage, PageKind, RawRecord, RecordError, SourceId,
    VanishedRecords,
};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use url::Url;

use crate::http::{DocumentFailure, HttpResponse, Session};
use crate::xml::{self, ElementCapture, NamespaceScopes};
use crate::{HarvestError, PageSink, Progress, RunOptions};

/// How far before the last run's start `modified_since` asks from: the partner's clock
/// decides what "modified" means, and it may be behind ours.
const MODIFIED_SINCE_OVERLAP_MINUTES: i64 = 60;

/// The endpoints and limits of one EWP source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Endpoints<'a> {
    pub replication_url: &'a Url,
    pub courses_url: &'a Url,
    pub hei_id: &'a str,
    pub max_los_ids: usize,
}

/// The `developer-message` of an EWP `<error-response>`.
fn developer_message(bytes: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(bytes);
    let mut inside = false;
    let mut message = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) if xml::local_name(&start) == "developer-message" => {
                inside = true;
            }
            Event::End(_) if inside => break,
            Event::Text(text) if inside => message.push_str(&text.xml10_content()),
            Event::GeneralRef(reference) if inside => {
                message.push_str(&xml::resolve_reference(&reference).ok()?);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let collapsed = message.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// A non-2xx EWP answer as an error, with the partner's `developer-message` if any.
fn status_error(url: &Url, response: &HttpResponse) -> HarvestError {
    HarvestError::Status {
        url: url.to_string(),
        status: response.status,
        detail: developer_message(&response.body).or_else(|| response.body_excerpt()),
    }
}

/// Reads the root element name, failing on anything that is not `expected`.
fn check_root(name: &str, expected: &str, bytes: &[u8]) -> Result<(), String> {
    if name == expected {
        return Ok(());
    }
    let detail = developer_message(bytes)
        .map(|message| format!(" ({message})"))
        .unwrap_or_default();
    Err(format!(
        "the root element is <{name}>, not <{expected}>{detail}"
    ))
}

/// Parses a Course Replication API response into its ids, in order, without repeats.
pub(crate) fn parse_replication(bytes: &[u8]) -> Result<Vec<String>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = Reader::from_reader(bytes);
    let mut depth = 0usize;
    let mut root_seen = false;
    let mut text: Option<String> = None;
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|err| xml::reader_error(&reader, err))?;
        match event {
            Event::Start(start) => {
                if depth == 0 {
                    check_root(
                        &xml::local_name(&start),
                        "course-replication-response",
                        bytes,
                    )?;
                    root_seen = true;
                } else if depth == 1 && xml::local_name(&start) == "los-id" {
                    text = Some(String::new());
                }
                depth += 1;
            }
            Event::Empty(start) if depth == 0 => {
                check_root(
                    &xml::local_name(&start),
                    "course-replication-response",
                    bytes,
                )?;
                root_seen = true;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let (1, Some(id)) = (depth, text.take()) {
                    let id = id.trim().to_owned();
                    if !id.is_empty() && seen.insert(id.clone()) {
                        ids.push(id);
                    }
                }
            }
            Event::Text(content) => {
                if let Some(text) = text.as_mut() {
                    text.push_str(&content.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = xml::resolve_reference(&reference)?;
                if let Some(text) = text.as_mut() {
                    text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err("the response is cut short".to_owned());
    }
    if !root_seen {
        return Err("the response is empty or has no root element".to_owned());
    }
    Ok(ids)
}

/// One `<learningOpportunitySpecification>` cut out of a Courses API response.
#[derive(Debug)]
pub(crate) struct Course {
    pub los_id: Option<String>,
    pub payload: Vec<u8>,
}

/// Parses a Courses API response into its learning opportunity specifications.
pub(crate) fn parse_courses(bytes: &[u8]) -> Result<Vec<Course>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = Reader::from_reader(bytes);
    let mut scopes = NamespaceScopes::default();
    let mut depth = 0usize;
    let mut root_seen = false;
    let mut capture: Option<ElementCapture> = None;
    let mut los_id: Option<String> = None;
    let mut los_text: Option<String> = None;
    let mut courses = Vec::new();
    loop {
        let position = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|err| xml::reader_error(&reader, err))?;
        match event {
            Event::Start(start) => {
                if let Some(capture) = capture.as_mut() {
                    capture.open(&start);
                    if capture.depth() == 2 && xml::local_name(&start) == "los-id" {
                        los_text = Some(String::new());
                    }
                    continue;
                }
                let name = xml::local_name(&start);
                if depth == 0 {
                    check_root(&name, "courses-response", bytes)?;
                    root_seen = true;
                } else if depth == 1 && name == "learningOpportunitySpecification" {
                    capture = Some(ElementCapture::begin(position, &start));
                    los_id = None;
                    continue;
                }
                scopes.push(&start);
                depth += 1;
            }
            Event::Empty(start) => {
                if let Some(capture) = capture.as_mut() {
                    capture.open_and_close(&start);
                    continue;
                }
                let name = xml::local_name(&start);
                if depth == 0 {
                    check_root(&name, "courses-response", bytes)?;
                    root_seen = true;
                } else if depth == 1 && name == "learningOpportunitySpecification" {
                    let mut empty = ElementCapture::begin(position, &start);
                    empty.close();
                    let end = reader.buffer_position() as usize;
                    courses.push(Course {
                        los_id: None,
                        payload: empty.finish(bytes, end, &scopes),
                    });
                }
            }
            Event::End(_) => {
                if let Some(open) = capture.as_mut() {
                    if open.depth() == 2 && los_text.is_some() {
                        los_id = los_text
                            .take()
                            .map(|text| text.trim().to_owned())
                            .filter(|id| !id.is_empty());
                    }
                    if open.close() {
                        let end = reader.buffer_position() as usize;
                        if let Some(done) = capture.take() {
                            courses.push(Course {
                                los_id: los_id.take(),
                                payload: done.finish(bytes, end, &scopes),
                            });
                        }
                    }
                    continue;
                }
                scopes.pop();
                depth = depth.saturating_sub(1);
            }
            Event::Text(content) => {
                if let Some(text) = los_text.as_mut() {
                    text.push_str(&content.xml10_content());
                }
            }
            Event::CData(content) => {
                if let Some(text) = los_text.as_mut() {
                    text.push_str(&content.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(text) = los_text.as_mut() {
                    text.push_str(&xml::resolve_reference(&reference)?);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 || capture.is_some() {
        return Err("the response is cut short".to_owned());
    }
    if !root_seen {
        return Err("the response is empty or has no root element".to_owned());
    }
    Ok(courses)
}

/// Asks the Course Replication API for ids, all of them or those modified since a time.
async fn fetch_ids(
    session: &mut Session<'_>,
    endpoints: Endpoints<'_>,
    modified_since: Option<&str>,
) -> Result<Vec<String>, HarvestError> {
    let mut url = endpoints.replication_url.clone();
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("hei_id", endpoints.hei_id);
        if let Some(since) = modified_since {
            query.append_pair("modified_since", since);
        }
    }
    session
        .get_document(&url, |response| {
            if !response.is_success() {
                return Err(DocumentFailure::Fail(status_error(&url, response)));
            }
            parse_replication(&response.body)
                .map_err(|reason| DocumentFailure::Retry(reason, model::FailureKind::MalformedXml))
        })
        .await
}

/// Asks the Courses API for one batch of ids.
async fn fetch_courses(
    session: &mut Session<'_>,
    endpoints: Endpoints<'_>,
    batch: &[String],
) -> Result<Vec<Course>, HarvestError> {
    let mut url = endpoints.courses_url.clone();
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("hei_id", endpoints.hei_id);
        for id in batch {
            query.append_pair("los_id", id);
        }
    }
    session
        .get_document(&url, |response| {
            if !response.is_success() {
                return Err(DocumentFailure::Fail(status_error(&url, response)));
            }
            parse_courses(&response.body)
                .map_err(|reason| DocumentFailure::Retry(reason, model::FailureKind::MalformedXml))
        })
        .await
}

/// Turns one batch's courses into raw records and envelope errors: a specification
/// without `<los-id>`, and an id listed by the replication API but not served.
fn batch_records(
    source_id: &SourceId,
    format: model::Format,
    batch: &[String],
    courses: Vec<Course>,
) -> (Vec<RawRecord>, Vec<RecordError>) {
    let mut records = Vec::with_capacity(courses.len());
    let mut errors = Vec::new();
    let mut served = HashSet::new();
    for (index, course) in courses.into_iter().enumerate() {
        let Some(los_id) = course.los_id else {
            errors.push(RecordError {
                upstream_id: None,
                reason: format!(
                    "learningOpportunitySpecification {} of the response has no <los-id>; it was skipped",
                    index + 1
                ),
            });
            continue;
        };
        served.insert(los_id.clone());
        records.push(RawRecord {
            source_id: source_id.clone(),
            upstream_id: los_id,
            datestamp: None,
            deleted: false,
            sets: Vec::new(),
            format,
            payload: course.payload,
        });
    }
    for id in batch.iter().filter(|id| !served.contains(*id)) {
        errors.push(RecordError {
            upstream_id: Some(id.clone()),
            reason: "listed by the course replication api but not served by the courses api"
                .to_owned(),
        });
    }
    (records, errors)
}

/// The ids the sink holds that the partner no longer lists, empty when they are not to
/// be deleted (unknown, or held for review by the rule of complete listings; the reason
/// is noted).
async fn vanished_ids<S: PageSink>(
    sink: &mut S,
    current: &[String],
    max_shrink_fraction: f64,
    progress: &mut Progress,
) -> Vec<String> {
    let known = match sink.known_upstream_ids().await {
        Ok(known) => known,
        Err(err) => {
            progress.mark_incomplete(format!(
                "deletions were not checked: the store could not list the known ids ({err})"
            ));
            return Vec::new();
        }
    };
    let current: HashSet<&str> = current.iter().map(String::as_str).collect();
    let vanished: Vec<String> = known
        .iter()
        .filter(|id| !current.contains(id.as_str()))
        .cloned()
        .collect();
    let listing = CompleteListing {
        what: "the course list",
        held: known.len() as u64,
        vanished: vanished.len() as u64,
        unidentified_failures: 0,
    };
    match listing.vanished_records(max_shrink_fraction) {
        VanishedRecords::Delete => vanished,
        VanishedRecords::HoldForReview(reason) => {
            tracing::warn!(
                known = known.len(),
                listed = current.len(),
                vanished = vanished.len(),
                "{reason}"
            );
            progress.mark_incomplete(reason);
            Vec::new()
        }
    }
}

/// Where an EWP run starts: the source's last stored checkpoint, the run's options, and
/// the share of the course list that may vanish at once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Start<'a> {
    /// The source's last stored checkpoint.
    pub(crate) previous: &'a Checkpoint,
    /// The run's options.
    pub(crate) options: &'a RunOptions,
    /// `harvest.max_shrink_fraction`.
    pub(crate) max_shrink_fraction: f64,
}

/// Harvests an EWP source.
pub(crate) async fn harvest<S: PageSink>(
    session: &mut Session<'_>,
    source: &config::Source,
    endpoints: Endpoints<'_>,
    start: Start<'_>,
    sink: &mut S,
    progress: &mut Progress,
) -> Result<(), HarvestError> {
    let Start {
        previous,
        options,
        max_shrink_fraction,
    } = start;
    let all_ids = fetch_ids(session, endpoints, None).await?;
    progress.complete_list_size = Some(all_ids.len() as u64);
    let modified_since = match (options.full, previous.last_datestamp.as_deref()) {
        (false, Some(last)) => crate::oai_pmh::datestamp_instant(last).map(|instant| {
            (instant - chrono::Duration::minutes(MODIFIED_SINCE_OVERLAP_MINUTES))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        }),
        _ => None,
    };
    let to_fetch = match modified_since.as_deref() {
        None => all_ids.clone(),
        Some(since) => match fetch_ids(session, endpoints, Some(since)).await {
            Ok(modified) => {
                progress.incremental_from = Some(since.to_owned());
                let listed: HashSet<&str> = all_ids.iter().map(String::as_str).collect();
                modified
                    .into_iter()
                    .filter(|id| listed.contains(id.as_str()))
                    .collect()
            }
            Err(HarvestError::Status { status, .. }) if (400..500).contains(&status) => {
                progress.note(format!(
                    "the course replication api refused modified_since (http {status}); \
                     every course was fetched"
                ));
                all_ids.clone()
            }
            Err(err) => return Err(err),
        },
    };
    let deletions = vanished_ids(sink, &all_ids, max_shrink_fraction, progress).await;
    let interim_checkpoint = Checkpoint {
        resume: None,
        ..previous.clone()
    };
    let final_checkpoint = Checkpoint {
        resume: None,
        last_datestamp: Some(progress.started_at.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        ..previous.clone()
    };
    let batches: Vec<&[String]> = to_fetch.chunks(endpoints.max_los_ids.max(1)).collect();
    let n_batches = batches.len().max(1);
    let mut deletions = Some(deletions);
    for index in 0..n_batches {
        let is_last = index + 1 == n_batches;
        let (mut records, envelope_errors) = match batches.get(index) {
            Some(batch) => {
                let courses = fetch_courses(session, endpoints, batch).await?;
                batch_records(&source.id, source.format, batch, courses)
            }
            None => (Vec::new(), Vec::new()),
        };
        if is_last {
            for upstream_id in deletions.take().unwrap_or_default() {
                records.push(RawRecord {
                    source_id: source.id.clone(),
                    upstream_id,
                    datestamp: None,
                    deleted: true,
                    sets: Vec::new(),
                    format: source.format,
                    payload: Vec::new(),
                });
            }
        }
        let page = HarvestPage {
            source_id: source.id.clone(),
            run_id: progress.run_id.clone(),
            received_at: progress.now(),
            kind: PageKind::Records,
            records,
            envelope_errors,
            checkpoint: if is_last {
                final_checkpoint.clone()
            } else {
                interim_checkpoint.clone()
            },
        };
        progress.store(sink, page).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use model::{Format, RunOutcome};

    use super::*;
    use crate::testing::{
        MemorySink, Reply, TestClock, TestServer, fixture, harvest_config, source,
    };
    use crate::{Harvester, RunOptions};

    const REPLICATION: &str = "ewp/course-replication-response.xml";
    const COURSES: &str = "ewp/courses-response.xml";
    const COURSES_NS: &str =
        "https://github.com/erasmus-without-paper/ewp-specs-api-courses/tree/stable-v1";
    /// The first id the replication fixture lists, the course the courses fixture
    /// describes first.
    const FIRST_ID: &str = "CR/BCUAS-MC-2024-017";

    #[test]
    fn the_replication_response_lists_its_ids() {
        let ids = parse_replication(&fixture(REPLICATION)).unwrap();
        assert_eq!(ids, [FIRST_ID, "CR/BCUAS-MC-2024-021"]);
    }

    #[test]
    fn the_courses_response_gives_self_contained_specifications() {
        let courses = parse_courses(&fixture(COURSES)).unwrap();
        let ids: Vec<_> = courses.iter().map(|c| c.los_id.as_deref()).collect();
        assert_eq!(ids, [Some(FIRST_ID), Some("DEP/BCUAS-MSC-PUBLIC-DATA")]);
        let first = String::from_utf8(courses[0].payload.clone()).unwrap();
        // The default namespace and the trm: prefix live on <courses-response>; the
        // payload re-declares them so that it parses on its own.
        assert!(
            first.starts_with(&format!(
                "<learningOpportunitySpecification xmlns=\"{COURSES_NS}\" xmlns:trm=\""
            )),
            "{first}"
        );
        assert!(first.ends_with("</learningOpportunitySpecification>"));
        assert!(first.contains(
            "<trm:display-name xml:lang=\"pl\">Semestr zimowy 2025/2026 – zajęcia zdalne</trm:display-name>"
        ));
        let second = String::from_utf8(courses[1].payload.clone()).unwrap();
        assert!(!second.contains("xmlns:trm"), "{second}");
        let mut reader = Reader::from_reader(courses[0].payload.as_slice());
        while !matches!(reader.read_event().unwrap(), Event::Eof) {}
    }

    /// The examples of the EWP specifications in the shared folder (opt-in) read as they
    /// always did.
    #[test]
    fn the_real_specification_examples_read_as_before() {
        let (Some(replication), Some(courses)) = (
            testkit::shared_fixture("ewp/ewp-course-replication-response-example.xml"),
            testkit::shared_fixture("ewp/ewp-courses-response-example.xml"),
        ) else {
            return;
        };
        assert_eq!(
            parse_replication(&replication).unwrap(),
            [
                "CR/f6d14b1f-f330-4956-8819-e24feb12d519",
                "CR/e5a443df-0398-48fa-9606-663e5ae981de"
            ]
        );
        let courses = parse_courses(&courses).unwrap();
        let ids: Vec<_> = courses.iter().map(|c| c.los_id.as_deref()).collect();
        assert_eq!(
            ids,
            [
                Some("CR/f6d14b1f-f330-4956-8819-e24feb12d519"),
                Some("DEP/a1a43018-558c-45ed-a187-3c966e7bac77")
            ]
        );
        let first = String::from_utf8(courses[0].payload.clone()).unwrap();
        assert!(
            first.contains("<trm:display-name xml:lang=\"no\">Høst 2016/2017</trm:display-name>")
        );
        let second = String::from_utf8(courses[1].payload.clone()).unwrap();
        assert!(!second.contains("xmlns:trm"), "{second}");
    }

    #[test]
    fn errors_and_broken_responses_say_why() {
        let error = br#"<error-response xmlns="https://github.com/erasmus-without-paper/ewp-specs-architecture/blob/stable-v1/common-types.xsd"><developer-message>
            Unknown hei_id.</developer-message></error-response>"#;
        assert_eq!(developer_message(error).as_deref(), Some("Unknown hei_id."));
        let reason = parse_replication(error).unwrap_err();
        assert!(reason.contains("Unknown hei_id."), "{reason}");
        assert!(parse_courses(b"<courses-response><learningOpportunitySpecification>").is_err());
        assert!(parse_courses(b"").is_err());
    }

    /// An EWP partner on loopback serving the fixtures, with a replication list the test
    /// can change.
    struct Partner {
        server: TestServer,
        listed: Arc<Mutex<Vec<String>>>,
    }

    async fn partner(supports_modified_since: bool) -> Partner {
        let listed = Arc::new(Mutex::new(
            parse_replication(&fixture(REPLICATION)).unwrap(),
        ));
        let courses = parse_courses(&fixture(COURSES)).unwrap();
        let shared = Arc::clone(&listed);
        let server = TestServer::start(move |request, _| {
            if request.path == "/replication" {
                if request.param("modified_since").is_some() {
                    if !supports_modified_since {
                        return Reply::new(
                            400,
                            "<error-response><developer-message>modified_since is not supported</developer-message></error-response>",
                        );
                    }
                    // Only the first listed id changed.
                    let first = shared.lock().unwrap().first().cloned().unwrap_or_default();
                    return Reply::xml(format!(
                        "<course-replication-response><los-id>{first}</los-id></course-replication-response>"
                    ));
                }
                let ids: String = shared
                    .lock()
                    .unwrap()
                    .iter()
                    .map(|id| format!("<los-id>{id}</los-id>"))
                    .collect();
                return Reply::xml(format!(
                    "<course-replication-response xmlns=\"urn:x\">{ids}</course-replication-response>"
                ));
            }
            // Courses: serve the fixture's first specification, renamed to each asked id
            // (the fixture describes only the first of the listed ids).
            let mut body = format!("<courses-response xmlns=\"{COURSES_NS}\">");
            for id in request.params("los_id") {
                let template = String::from_utf8(courses[0].payload.clone()).unwrap();
                body.push_str(&template.replace(FIRST_ID, id));
            }
            body.push_str("</courses-response>");
            Reply::xml(body)
        })
        .await;
        Partner { server, listed }
    }

    fn ewp_source(partner: &Partner, max_los_ids: usize) -> config::Source {
        source(
            config::Fetch::Ewp {
                replication_url: partner.server.url("/replication"),
                courses_url: partner.server.url("/courses"),
                hei_id: "bcuas.example".to_owned(),
                max_los_ids,
            },
            Format::Ewp,
        )
    }

    #[tokio::test]
    async fn replication_then_courses_in_batches_then_a_deletion() {
        let partner = partner(true).await;
        partner.listed.lock().unwrap().extend([
            "CR/three".to_owned(),
            "CR/four".to_owned(),
            "CR/five".to_owned(),
        ]);
        let feed = ewp_source(&partner, 2);
        let harvester = Harvester::new(&harvest_config())
            .unwrap()
            .with_clock(Arc::new(TestClock::new()));
        let mut sink = MemorySink::new();

        let first = harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions::default(),
                &mut sink,
            )
            .await;
        assert_eq!(first.outcome, RunOutcome::Succeeded, "{first:?}");
        assert_eq!(first.counts.added, 5);
        assert_eq!(first.pages, 3);
        assert_eq!(first.complete_list_size, Some(5));
        let batch_sizes: Vec<usize> = partner
            .server
            .requests()
            .iter()
            .filter(|request| request.path == "/courses")
            .map(|request| {
                assert_eq!(request.param("hei_id"), Some("bcuas.example"));
                request.params("los_id").len()
            })
            .collect();
        assert_eq!(batch_sizes, [2, 2, 1]);
        let record = &sink.pages[0].records[0];
        assert_eq!(record.upstream_id, FIRST_ID);
        assert_eq!(record.format, Format::Ewp);
        assert!(
            record
                .payload
                .starts_with(b"<learningOpportunitySpecification xmlns=")
        );
        assert_eq!(
            sink.checkpoint.last_datestamp.as_deref(),
            Some("2024-03-10T12:00:00Z")
        );

        // "CR/four" disappears upstream; the next run is incremental.
        partner.listed.lock().unwrap().retain(|id| id != "CR/four");
        let second = harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions::default(),
                &mut sink,
            )
            .await;
        assert_eq!(second.outcome, RunOutcome::Succeeded, "{second:?}");
        assert_eq!(
            second.incremental_from.as_deref(),
            Some("2024-03-10T11:00:00Z")
        );
        assert_eq!(second.counts.deleted, 1);
        assert_eq!(second.counts.unchanged, 1);
        assert_eq!(second.counts.seen, 2);
        assert!(sink.records["CR/four"].deleted);
        assert_eq!(sink.live_ids().len(), 4);
        let last_page = sink.pages.last().unwrap();
        assert!(
            last_page
                .records
                .iter()
                .any(|r| r.deleted && r.upstream_id == "CR/four")
        );
    }

    #[tokio::test]
    async fn modified_since_refused_means_everything_is_fetched() {
        let partner = partner(false).await;
        let feed = ewp_source(&partner, 10);
        let harvester = Harvester::new(&harvest_config()).unwrap();
        let mut sink = MemorySink::new();
        sink.checkpoint.last_datestamp = Some("2024-03-01T00:00:00Z".to_owned());
        let run = harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions::default(),
                &mut sink,
            )
            .await;
        assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
        assert_eq!(run.counts.added, 2);
        assert_eq!(run.incremental_from, None);
        assert!(run.message.unwrap().contains("refused modified_since"));
    }

    #[tokio::test]
    async fn a_sudden_shrink_is_held_and_unknown_ids_are_reported() {
        let partner = partner(true).await;
        let feed = ewp_source(&partner, 10);
        let harvester = Harvester::new(&harvest_config()).unwrap();
        let mut sink = MemorySink::new();
        harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions::default(),
                &mut sink,
            )
            .await;
        partner.listed.lock().unwrap().clear();
        let run = harvester
            .run(
                &feed,
                sink.checkpoint.clone(),
                RunOptions { full: true },
                &mut sink,
            )
            .await;
        assert_eq!(run.outcome, RunOutcome::Partial, "{run:?}");
        assert_eq!(run.counts.deleted, 0);
        assert!(run.message.unwrap().contains("held for review"));
        assert_eq!(sink.live_ids().len(), 2);

        // A sink that cannot list its ids: the run says deletions were not checked.
        let mut blind = MemorySink::default();
        partner.listed.lock().unwrap().push("CR/one".to_owned());
        let run = harvester
            .run(&feed, Default::default(), RunOptions::default(), &mut blind)
            .await;
        assert_eq!(run.outcome, RunOutcome::Partial, "{run:?}");
        assert!(run.message.unwrap().contains("deletions were not checked"));
    }

    #[test]
    fn missing_and_unidentified_courses_become_envelope_errors() {
        let source_id = SourceId::parse("test-source").unwrap();
        let courses = vec![
            Course {
                los_id: Some("a".to_owned()),
                payload: b"<x/>".to_vec(),
            },
            Course {
                los_id: None,
                payload: b"<y/>".to_vec(),
            },
        ];
        let batch = ["a".to_owned(), "b".to_owned()];
        let (records, errors) = batch_records(&source_id, Format::Ewp, &batch, courses);
        assert_eq!(records.len(), 1);
        assert_eq!(errors.len(), 2);
        assert!(errors[0].reason.contains("no <los-id>"));
        assert_eq!(errors[1].upstream_id.as_deref(), Some("b"));
    }
}
