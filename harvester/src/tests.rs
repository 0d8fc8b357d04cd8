//! Whole runs of the harvester against OAI-PMH endpoints on loopback: paging, resuming
//! an interrupted run, expired tokens, flaky and broken pages, incremental `from=`, and
//! the honesty of the report.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use model::{Checkpoint, Format, ResumePoint, RunCounts, RunId, RunOutcome};

use crate::testing::{MemorySink, Reply, TestClock, TestServer, fixture, harvest_config, source};
use crate::{Harvester, RunOptions};

/// A scripted OAI-PMH endpoint with generated records.
#[derive(Clone, Default)]
struct Endpoint {
    /// Identifier and datestamp of every record, in order.
    records: Vec<(String, String)>,
    /// Records per page.
    page_size: usize,
    /// What `Identify` declares.
    granularity: &'static str,
    /// Page number (1-based) → how many times it first answers broken XML.
    broken: HashMap<usize, usize>,
    /// Page number → how many times it first answers 503 with `Retry-After: 120`.
    unavailable: HashMap<usize, usize>,
    /// Tokens the endpoint no longer accepts.
    expired_tokens: Vec<String>,
    /// Answer every request with this OAI error code.
    error_code: Option<&'static str>,
    /// Answer requests with `from` by `noRecordsMatch`.
    nothing_new: bool,
}

impl Endpoint {
    fn with_records(n_records: usize, page_size: usize) -> Endpoint {
        Endpoint {
            records: (1..=n_records)
                .map(|n| {
                    (
                        format!("oai:test:{n}"),
                        format!("2024-03-{:02}T10:00:00Z", n.min(28)),
                    )
                })
                .collect(),
            page_size,
            granularity: "YYYY-MM-DDThh:mm:ssZ",
            ..Endpoint::default()
        }
    }

    fn n_pages(&self) -> usize {
        self.records.len().div_ceil(self.page_size).max(1)
    }

    fn page(&self, number: usize) -> String {
        let start = (number - 1) * self.page_size;
        let records: String = self
            .records
            .iter()
            .skip(start)
            .take(self.page_size)
            .map(|(id, datestamp)| {
                format!(
                    "<record><header><identifier>{id}</identifier><datestamp>{datestamp}</datestamp></header>\
                     <metadata><oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" \
                     xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Course {id}</dc:title></oai_dc:dc></metadata></record>"
                )
            })
            .collect();
        let token = if number < self.n_pages() {
            format!(
                "<resumptionToken completeListSize=\"{}\" cursor=\"{start}\">page-{}</resumptionToken>",
                self.records.len(),
                number + 1
            )
        } else {
            format!(
                "<resumptionToken completeListSize=\"{}\" cursor=\"{start}\"/>",
                self.records.len()
            )
        };
        envelope(&format!("<ListRecords>{records}{token}</ListRecords>"))
    }

    async fn serve(self) -> TestServer {
        let answered: Arc<Mutex<HashMap<(usize, &'static str), usize>>> = Arc::default();
        TestServer::start(move |request, _| {
            if request.param("verb") == Some("Identify") {
                return Reply::xml(envelope(&format!(
                    "<Identify><repositoryName>Test</repositoryName><granularity>{}</granularity></Identify>",
                    self.granularity
                )));
            }
            if let Some(code) = self.error_code {
                return Reply::xml(envelope(&format!("<error code=\"{code}\">refused</error>")));
            }
            let token = request.param("resumptionToken");
            if token.is_some_and(|token| self.expired_tokens.iter().any(|expired| expired == token)) {
                return Reply::xml(envelope("<error code=\"badResumptionToken\">expired</error>"));
            }
            if self.nothing_new && request.param("from").is_some() {
                return Reply::xml(envelope("<error code=\"noRecordsMatch\"/>"));
            }
            let number = token
                .and_then(|token| token.strip_prefix("page-"))
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let mut answered = answered.lock().unwrap();
            for (kind, failures) in [("503", &self.unavailable), ("broken", &self.broken)] {
                let times = answered.entry((number, kind)).or_insert(0);
                if *times < failures.get(&number).copied().unwrap_or(0) {
                    *times += 1;
                    return if kind == "503" {
                        Reply::new(503, "busy").header("Retry-After", "120")
                    } else {
                        Reply::xml(fixture("oai-pmh/broken-response.xml"))
                    };
                }
            }
            Reply::xml(self.page(number))
        })
        .await
    }
}

fn envelope(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\
         <responseDate>2024-03-10T12:00:00Z</responseDate><request>http://test/oai</request>{body}</OAI-PMH>"
    )
}

fn oai_source(server: &TestServer) -> config::Source {
    source(
        config::Fetch::OaiPmh {
            url: server.url("/oai"),
            metadata_prefix: "oai_dc".to_owned(),
            set: None,
        },
        Format::OaiDc,
    )
}

fn harvester_with_clock(config: &config::HarvestConfig) -> (Harvester, Arc<TestClock>) {
    let clock = Arc::new(TestClock::new());
    let harvester = Harvester::new(config).unwrap().with_clock(clock.clone());
    (harvester, clock)
}

/// The `ListRecords` requests the server received, as (token, from) pairs.
fn list_requests(server: &TestServer) -> Vec<(Option<String>, Option<String>)> {
    server
        .requests()
        .iter()
        .filter(|request| request.param("verb") == Some("ListRecords"))
        .map(|request| {
            (
                request.param("resumptionToken").map(str::to_owned),
                request.param("from").map(str::to_owned),
            )
        })
        .collect()
}

/// Harvests a whole list from a server that answers each page from a file, the page for
/// a token being `page_for(token)` (`None` for the first request).
async fn harvest_pages_from_files(
    page_for: impl Fn(Option<&str>) -> Vec<u8> + Send + Sync + 'static,
) -> (model::HarvestRun, MemorySink) {
    let server =
        TestServer::start(move |request, _| Reply::xml(page_for(request.param("resumptionToken"))))
            .await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    (run, sink)
}

#[tokio::test]
async fn a_chain_of_pages_is_harvested_with_its_broken_record_reported() {
    let (run, sink) = harvest_pages_from_files(|token| {
        let page = match token {
            None => "list-records-page1.xml",
            Some("bcuas-oai_dc-micro-3") => "list-records-page2.xml",
            Some("bcuas-oai_dc-micro-6") => "list-records-page3.xml",
            Some(_) => "error-badResumptionToken.xml",
        };
        fixture(&format!("oai-pmh/{page}"))
    })
    .await;
    assert_eq!(run.outcome, RunOutcome::Partial, "{run:?}");
    assert_eq!(run.pages, 3);
    assert_eq!(run.complete_list_size, Some(8));
    assert_eq!(run.counts.seen, 8);
    assert_eq!(run.counts.failed, 1);
    assert_eq!(run.errors.len(), 1);
    assert!(run.errors[0].reason.contains("no <identifier>"));
    assert!(
        run.message
            .as_deref()
            .unwrap()
            .starts_with("1 records could not be read")
    );
    let first = sink.pages[0].checkpoint.resume.as_ref().unwrap();
    assert_eq!(first.resumption_token, "bcuas-oai_dc-micro-3");
    assert_eq!((first.pages, first.counts), (1, RunCounts::default()));
    assert_eq!(sink.checkpoint.resume, None);
    // The latest datestamp of the list is a deletion's.
    assert_eq!(
        sink.checkpoint.last_datestamp.as_deref(),
        Some("2025-01-28T16:05:09Z")
    );
}

/// The real chain of four pages of Sickle's test data (shared folder, opt-in).
#[tokio::test]
async fn the_real_sickle_chain_is_harvested_with_its_broken_record_reported() {
    let Some(fixtures) = testkit::shared_fixtures_dir() else {
        return;
    };
    let (run, sink) = harvest_pages_from_files(move |token| {
        let name = token.unwrap_or("ListRecords.xml");
        let path = fixtures.join(format!("oai-pmh/oaipmh-sickle-{name}"));
        std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
    })
    .await;
    assert_eq!(run.outcome, RunOutcome::Partial, "{run:?}");
    assert_eq!(run.pages, 4);
    assert_eq!(run.complete_list_size, Some(8));
    assert_eq!(run.counts.seen, 8);
    assert_eq!(run.counts.failed, 1);
    assert_eq!(run.errors.len(), 1);
    assert!(run.errors[0].reason.contains("no <identifier>"));
    let first = sink.pages[0].checkpoint.resume.as_ref().unwrap();
    assert_eq!(first.resumption_token, "ListRecords2.xml");
    assert_eq!(sink.checkpoint.resume, None);
    assert_eq!(
        sink.checkpoint.last_datestamp.as_deref(),
        Some("2011-07-18T16:31:00Z")
    );
}

#[tokio::test]
async fn pages_follow_resumption_tokens_with_checkpoints() {
    let server = Endpoint::with_records(10, 3).serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    assert_eq!(run.message, None);
    assert_eq!(run.pages, 4);
    assert_eq!((run.counts.seen, run.counts.added), (10, 10));
    assert_eq!(run.complete_list_size, Some(10));
    assert_eq!(run.incremental_from, None);
    assert!(run.finished_at.is_some());
    assert_eq!(
        list_requests(&server),
        [
            (None, None),
            (Some("page-2".to_owned()), None),
            (Some("page-3".to_owned()), None),
            (Some("page-4".to_owned()), None),
        ]
    );
    // The first request carries the arguments, later ones the token alone.
    let requests = server.requests();
    assert_eq!(requests[0].param("metadataPrefix"), Some("oai_dc"));
    assert_eq!(requests[1].param("metadataPrefix"), None);
    let second = sink.pages[1].checkpoint.resume.as_ref().unwrap();
    assert_eq!(second.resumption_token, "page-3");
    assert_eq!(second.pages, 2);
    assert_eq!(second.counts.added, 3, "counts before the page");
    assert_eq!(
        second.max_datestamp.as_deref(),
        Some("2024-03-06T10:00:00Z")
    );
    assert_eq!(second.run_id, run.run_id);
    assert_eq!(sink.checkpoint.resume, None);
    assert_eq!(
        sink.checkpoint.last_datestamp.as_deref(),
        Some("2024-03-10T10:00:00Z")
    );
    assert!(sink.pages.iter().all(|page| page.run_id == run.run_id));
}

/// A sink that stores each page at once but hands its report over later, as the
/// indexer does when it stores one page while it parses the next.
struct DeferringSink {
    inner: Arc<Mutex<MemorySink>>,
    outstanding: Arc<std::sync::atomic::AtomicUsize>,
    most_outstanding: Arc<std::sync::atomic::AtomicUsize>,
}

impl crate::PageSink for DeferringSink {
    fn store_page(
        &mut self,
        page: model::HarvestPage,
    ) -> impl std::future::Future<Output = Result<crate::PageReport, crate::SinkError>> + Send {
        std::future::ready(self.inner.lock().unwrap().store(page))
    }

    async fn submit_page(
        &mut self,
        page: model::HarvestPage,
    ) -> Result<crate::PendingReport, crate::SinkError> {
        use std::sync::atomic::Ordering;
        let report = self.inner.lock().unwrap().store(page);
        let outstanding = self.outstanding.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_outstanding
            .fetch_max(outstanding, Ordering::SeqCst);
        let counter = self.outstanding.clone();
        Ok(crate::PendingReport::pending(async move {
            tokio::task::yield_now().await;
            counter.fetch_sub(1, Ordering::SeqCst);
            report
        }))
    }
}

#[tokio::test]
async fn pages_handed_on_without_waiting_are_all_counted_and_numbered() {
    let server = Endpoint::with_records(20, 3).serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let inner = Arc::new(Mutex::new(MemorySink::new()));
    let mut sink = DeferringSink {
        inner: inner.clone(),
        outstanding: Arc::default(),
        most_outstanding: Arc::default(),
    };
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    assert_eq!(run.pages, 7);
    assert_eq!((run.counts.seen, run.counts.added), (20, 20));
    let inner = inner.lock().unwrap();
    let numbers: Vec<u64> = inner
        .pages
        .iter()
        .filter_map(|page| page.checkpoint.resume.as_ref().map(|resume| resume.pages))
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    let most = sink
        .most_outstanding
        .load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        (2..=crate::PAGES_IN_FLIGHT + 1).contains(&most),
        "{most} reports outstanding at most"
    );
    assert_eq!(
        sink.outstanding.load(std::sync::atomic::Ordering::SeqCst),
        0
    );
}

#[tokio::test]
async fn an_interrupted_run_resumes_and_stores_every_record_once() {
    let server = Endpoint::with_records(10, 3).serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    sink.fail_after_pages = Some(2);
    let interrupted = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(interrupted.outcome, RunOutcome::Failed);
    assert_eq!(interrupted.pages, 2);
    let message = interrupted.message.unwrap();
    assert!(
        message.contains("simulated crash") && message.contains("2 pages were stored"),
        "{message}"
    );
    let resume = sink.checkpoint.resume.clone().unwrap();
    assert_eq!(resume.resumption_token, "page-3");
    assert_eq!(resume.counts.added, 6);

    sink.fail_after_pages = None;
    let finished = harvester
        .run(
            &oai_source(&server),
            sink.checkpoint.clone(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(finished.outcome, RunOutcome::Succeeded, "{finished:?}");
    assert_eq!(finished.run_id, interrupted.run_id);
    assert_eq!(finished.started_at, interrupted.started_at);
    assert_eq!(finished.pages, 4);
    assert_eq!((finished.counts.seen, finished.counts.added), (10, 10));
    assert!(finished.message.unwrap().contains("resumed"));
    assert_eq!(sink.records.len(), 10);
    assert!(sink.records.values().all(|kept| kept.writes == 1));
    let requests = list_requests(&server);
    assert_eq!(requests[2], (Some("page-3".to_owned()), None));
    // Pages are fetched one ahead of the sink, so page 4 was already asked when page 3's
    // store failed; the resumed run asks page 3 again, then page 4.
    assert_eq!(
        requests.len(),
        6,
        "page 3 (and the page fetched ahead) asked again after the crash"
    );
    assert_eq!(
        requests[4],
        (Some("page-3".to_owned()), None),
        "resumed at page 3: {requests:?}"
    );
}

#[tokio::test]
async fn an_expired_token_restarts_from_the_runs_from() {
    let mut endpoint = Endpoint::with_records(6, 3);
    endpoint.expired_tokens = vec!["stale".to_owned()];
    let server = endpoint.serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    let run_id = RunId("test-source@1".to_owned());
    let checkpoint = Checkpoint {
        resume: Some(ResumePoint {
            run_id: run_id.clone(),
            started_at: chrono::Utc::now(),
            from: Some("2024-03-01".to_owned()),
            resumption_token: "stale".to_owned(),
            pages: 5,
            max_datestamp: None,
            complete_list_size: Some(6),
            counts: RunCounts::default(),
        }),
        last_datestamp: Some("2024-03-02".to_owned()),
        ..Checkpoint::default()
    };
    let run = harvester
        .run(
            &oai_source(&server),
            checkpoint,
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    assert_eq!(run.run_id, run_id);
    assert_eq!(run.counts.added, 6);
    assert!(run.message.unwrap().contains("badResumptionToken"));
    assert_eq!(
        list_requests(&server),
        [
            (Some("stale".to_owned()), None),
            (None, Some("2024-03-01".to_owned())),
            (Some("page-2".to_owned()), None),
        ]
    );
    assert_eq!(run.incremental_from.as_deref(), Some("2024-03-01"));
}

#[tokio::test]
async fn a_token_that_expires_again_fails_the_run_with_the_code() {
    let mut endpoint = Endpoint::with_records(6, 3);
    endpoint.expired_tokens = vec!["stale".to_owned(), "page-2".to_owned()];
    let server = endpoint.serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    sink.checkpoint.resume = Some(ResumePoint {
        run_id: RunId("test-source@1".to_owned()),
        started_at: chrono::Utc::now(),
        from: None,
        resumption_token: "stale".to_owned(),
        pages: 1,
        max_datestamp: None,
        complete_list_size: None,
        counts: RunCounts::default(),
    });
    let run = harvester
        .run(
            &oai_source(&server),
            sink.checkpoint.clone(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Failed);
    assert!(run.message.unwrap().contains("answered badResumptionToken"));
    // The page stored after the restart carries the checkpoint the next run resumes from.
    assert_eq!(sink.checkpoint.resume.unwrap().resumption_token, "page-2");
}

#[tokio::test]
async fn a_503_page_waits_as_long_as_retry_after_says() {
    let mut endpoint = Endpoint::with_records(6, 3);
    endpoint.unavailable.insert(2, 1);
    let server = endpoint.serve().await;
    let (harvester, clock) = harvester_with_clock(&harvest_config());
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut MemorySink::new(),
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    assert_eq!(clock.sleeps(), [Duration::from_secs(120)]);
}

#[tokio::test]
async fn a_malformed_page_between_good_ones_is_fetched_again() {
    let mut endpoint = Endpoint::with_records(9, 3);
    endpoint.broken.insert(2, 1);
    let server = endpoint.serve().await;
    let (harvester, clock) = harvester_with_clock(&harvest_config());
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut MemorySink::new(),
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    assert_eq!(run.counts.added, 9);
    assert_eq!(
        clock.sleeps().len(),
        1,
        "one backoff before fetching page 2 again"
    );
    assert_eq!(list_requests(&server).len(), 4);
}

#[tokio::test]
async fn a_page_that_stays_broken_fails_the_run_and_the_next_run_resumes_there() {
    let mut endpoint = Endpoint::with_records(9, 3);
    // max_retries is 2: three broken answers exhaust the first run.
    endpoint.broken.insert(2, 3);
    let server = endpoint.serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    let failed = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(failed.outcome, RunOutcome::Failed);
    let message = failed.message.unwrap();
    assert!(
        message.contains("does not start with an XML element")
            && message.contains("fetched 3 times"),
        "{message}"
    );
    assert_eq!(
        sink.checkpoint.resume.as_ref().unwrap().resumption_token,
        "page-2"
    );
    let finished = harvester
        .run(
            &oai_source(&server),
            sink.checkpoint.clone(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(finished.outcome, RunOutcome::Succeeded, "{finished:?}");
    assert_eq!(finished.counts.added, 9);
    assert!(sink.records.values().all(|kept| kept.writes == 1));
}

#[tokio::test]
async fn a_run_stops_at_its_cap_on_pages_or_records_and_the_next_resumes() {
    let server = Endpoint::with_records(12, 2).serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut source = oai_source(&server);
    source.max_pages_per_run = Some(2);
    let mut sink = MemorySink::new();
    let capped = harvester
        .run(
            &source,
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(capped.outcome, RunOutcome::Failed);
    let message = capped.message.unwrap();
    assert!(
        message.contains("after 2 pages (max_pages_per_run of source test-source)")
            && message.contains("paging without end"),
        "{message}"
    );
    assert_eq!(
        (capped.pages, capped.counts.added),
        (2, 4),
        "what was stored is kept"
    );
    // The next run resumes where it stopped; a cap on records stops it in turn.
    source.max_pages_per_run = None;
    source.max_records_per_run = Some(5);
    let capped = harvester
        .run(
            &source,
            sink.checkpoint.clone(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(capped.outcome, RunOutcome::Failed);
    assert!(
        capped
            .message
            .as_deref()
            .unwrap()
            .contains("after 5 records"),
        "{capped:?}"
    );
    assert_eq!(sink.records.len(), 8, "two more pages of two");
    source.max_records_per_run = None;
    let finished = harvester
        .run(
            &source,
            sink.checkpoint.clone(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(finished.outcome, RunOutcome::Succeeded, "{finished:?}");
    assert_eq!(sink.records.len(), 12);
    assert!(sink.records.values().all(|kept| kept.writes == 1));
}

#[tokio::test]
async fn a_feed_that_grows_many_fold_is_taken_over_several_runs() {
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    // A first harvest is not capped by growth: nothing was held.
    let small = Endpoint::with_records(150, 50).serve().await;
    let mut source = oai_source(&small);
    let first = harvester
        .run(
            &source,
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(first.outcome, RunOutcome::Succeeded, "{first:?}");
    // The feed grows to 2,500 records; the source may grow 4 times per run, but a run
    // may always store 1,000.
    let grown = Endpoint::with_records(2_500, 50).serve().await;
    source.fetch = oai_source(&grown).fetch;
    source.max_growth_factor = Some(4.0);
    let full = RunOptions { full: true };
    let capped = harvester
        .run(&source, Checkpoint::default(), full, &mut sink)
        .await;
    assert_eq!(capped.outcome, RunOutcome::Failed);
    let message = capped.message.unwrap();
    assert!(
        message.contains(
            "after 1000 records (max_growth_factor of source test-source: 4 times the 150 \
             records the source held)"
        ),
        "{message}"
    );
    assert_eq!(sink.records.len(), 1_000, "what was stored is kept");
    // The next run may store 4 times the 1,000 held: it resumes and finishes.
    let finished = harvester
        .run(
            &source,
            sink.checkpoint.clone(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(finished.outcome, RunOutcome::Succeeded, "{finished:?}");
    assert_eq!(sink.records.len(), 2_500);
    // The default factor (10) lets a source grow from 2,500 to 25,000 in one run.
    source.max_growth_factor = None;
    let again = harvester
        .run(&source, Checkpoint::default(), full, &mut sink)
        .await;
    assert_eq!(again.outcome, RunOutcome::Succeeded, "{again:?}");
}

async fn first_from(granularity: &'static str, options: RunOptions) -> (Option<String>, usize) {
    let mut endpoint = Endpoint::with_records(2, 5);
    endpoint.granularity = granularity;
    let server = endpoint.serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let checkpoint = Checkpoint {
        last_datestamp: Some("2024-03-10T12:30:00Z".to_owned()),
        ..Checkpoint::default()
    };
    let run = harvester
        .run(
            &oai_source(&server),
            checkpoint,
            options,
            &mut MemorySink::new(),
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    let identify_requests = server
        .requests()
        .iter()
        .filter(|request| request.param("verb") == Some("Identify"))
        .count();
    assert_eq!(run.incremental_from, list_requests(&server)[0].1);
    (list_requests(&server)[0].1.clone(), identify_requests)
}

#[tokio::test]
async fn from_follows_the_granularity_identify_declares() {
    assert_eq!(
        first_from("YYYY-MM-DD", RunOptions::default()).await,
        (Some("2024-03-09".to_owned()), 1)
    );
    assert_eq!(
        first_from("YYYY-MM-DDThh:mm:ssZ", RunOptions::default()).await,
        (Some("2024-03-10T12:20:00Z".to_owned()), 1)
    );
    assert_eq!(
        first_from("YYYY-MM-DD", RunOptions { full: true }).await,
        (None, 0)
    );
}

#[tokio::test]
async fn no_records_match_is_an_empty_success_that_keeps_the_last_datestamp() {
    let mut endpoint = Endpoint::with_records(3, 5);
    endpoint.nothing_new = true;
    let server = endpoint.serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    sink.checkpoint.last_datestamp = Some("2024-03-20T00:00:00Z".to_owned());
    let run = harvester
        .run(
            &oai_source(&server),
            sink.checkpoint.clone(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    assert_eq!((run.pages, run.counts.seen), (1, 0));
    assert_eq!(sink.pages[0].records.len(), 0);
    assert_eq!(
        sink.checkpoint.last_datestamp.as_deref(),
        Some("2024-03-20T00:00:00Z")
    );
}

#[tokio::test]
async fn oai_errors_fail_the_run_with_advice() {
    let mut endpoint = Endpoint::with_records(3, 5);
    endpoint.error_code = Some("cannotDisseminateFormat");
    let server = endpoint.serve().await;
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let mut sink = MemorySink::new();
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Failed);
    let message = run.message.unwrap();
    assert!(
        message.contains("answered cannotDisseminateFormat: refused")
            && message.contains("metadata_prefix"),
        "{message}"
    );
    assert!(sink.pages.is_empty());
}

#[tokio::test]
async fn a_hanging_endpoint_fails_the_run_on_the_request_timeout() {
    let server = TestServer::start(|_, _| Reply::hang()).await;
    let mut config = harvest_config();
    config.request_timeout_secs = 1;
    config.max_retries = 0;
    let (harvester, _) = harvester_with_clock(&config);
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut MemorySink::new(),
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Failed);
    assert!(run.message.unwrap().contains("did not answer within 1 s"));
}

#[tokio::test]
async fn the_whole_harvest_has_a_time_limit() {
    let server = TestServer::start(|_, _| Reply::hang()).await;
    let mut config = harvest_config();
    config.harvest_timeout_secs = 1;
    let (harvester, _) = harvester_with_clock(&config);
    let run = harvester
        .run(
            &oai_source(&server),
            Checkpoint::default(),
            RunOptions::default(),
            &mut MemorySink::new(),
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Failed);
    assert!(
        run.message
            .unwrap()
            .contains("harvest took longer than 1 s")
    );
}

#[tokio::test]
async fn an_unreachable_source_fails_without_panicking() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = url::Url::parse(&format!("http://{}/oai", listener.local_addr().unwrap())).unwrap();
    drop(listener);
    let unreachable = source(
        config::Fetch::OaiPmh {
            url,
            metadata_prefix: "oai_dc".to_owned(),
            set: Some("micro".to_owned()),
        },
        Format::OaiDc,
    );
    let (harvester, _) = harvester_with_clock(&harvest_config());
    let run = harvester
        .run(
            &unreachable,
            Checkpoint::default(),
            RunOptions::default(),
            &mut MemorySink::new(),
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Failed);
    assert!(run.message.unwrap().contains("cannot reach"));
}

#[test]
fn the_run_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let harvester = Harvester::new(&harvest_config()).unwrap();
    let feed = source(
        config::Fetch::File {
            path: "feed.xml".into(),
        },
        Format::OaiDc,
    );
    let mut sink = MemorySink::new();
    let run = harvester.run(
        &feed,
        Checkpoint::default(),
        RunOptions::default(),
        &mut sink,
    );
    assert_send(&run);
}

mod failures;
mod fuzz;
mod hostile;
mod untrusted;
