//! Test doubles shared by the harvester's tests: a real HTTP/1.1 server on a loopback
//! port whose answers each test scripts, a clock that records sleeps instead of waiting,
//! and an in-memory [`PageSink`] that behaves like the indexer (hash-based change
//! detection, checkpoint stored with the page, counts added to the resume point).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;
use model::{
    Checkpoint, HarvestPage, PayloadHash, RecordError, RecordOutcome, RunCounts, SourceId,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{Clock, PageReport, PageSink, SinkError};

/// The harvester's own fixtures, `harvester/testdata/` (see its `README.md`).
pub(crate) fn testdata_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Reads one of the harvester's own fixtures, relative to `harvester/testdata/`.
pub(crate) fn fixture(relative: &str) -> Vec<u8> {
    testkit::own(env!("CARGO_MANIFEST_DIR"), relative)
}

/// A harvest configuration for tests: short timeouts, a few retries, no pacing.
pub(crate) fn harvest_config() -> config::HarvestConfig {
    config::HarvestConfig {
        user_agent: "harvester-tests/1.0".to_owned(),
        request_timeout_secs: 5,
        harvest_timeout_secs: 60,
        max_concurrent_harvests: 1,
        max_response_bytes: 1024 * 1024,
        min_request_interval_ms: 0,
        max_retries: 2,
        max_shrink_fraction: 0.5,
        harvest_on_start: false,
        // The test servers listen on loopback.
        allow_private_addresses: true,
        // Tests read their own fixtures and files in temporary directories.
        file_roots: vec![testdata_dir(), std::env::temp_dir()],
        max_pages_per_run: 100_000,
        max_records_per_run: 5_000_000,
        max_growth_factor: 10.0,
        parse_limits: model::ParseLimits::default(),
    }
}

/// A source of the given fetch and format, with test values elsewhere.
pub(crate) fn source(fetch: config::Fetch, format: model::Format) -> config::Source {
    config::Source {
        id: SourceId::parse("test-source").unwrap(),
        institution: "Test University".to_owned(),
        institution_names: Vec::new(),
        schac: None,
        notify: None,
        country: model::Country::parse("DE").unwrap(),
        fetch,
        format,
        schedule: None,
        schedule_text: None,
        homepage: None,
        allow_private_address: false,
        publishes_for: Vec::new(),
        role: config::SourceRole::Institution,
        max_pages_per_run: None,
        max_records_per_run: None,
        max_growth_factor: None,
    }
}

/// A clock that starts at a fixed time, records every sleep and moves forward by it
/// without waiting.
#[derive(Debug)]
pub(crate) struct TestClock {
    now: Mutex<DateTime<Utc>>,
    sleeps: Mutex<Vec<Duration>>,
}

impl TestClock {
    /// A clock at 2024-03-10T12:00:00Z.
    pub(crate) fn new() -> TestClock {
        TestClock {
            now: Mutex::new(
                DateTime::parse_from_rfc3339("2024-03-10T12:00:00Z")
                    .unwrap()
                    .with_timezone(&Utc),
            ),
            sleeps: Mutex::new(Vec::new()),
        }
    }

    /// Every sleep asked for, in order.
    pub(crate) fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.lock().unwrap().clone()
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.sleeps.lock().unwrap().push(duration);
        let mut now = self.now.lock().unwrap();
        *now += chrono::Duration::from_std(duration).unwrap();
        Box::pin(std::future::ready(()))
    }
}

/// One request the test server received.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// The path, without the query.
    pub path: String,
    /// The query parameters, in order (repeated ones repeat).
    pub query: Vec<(String, String)>,
    /// The headers, names lower case.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first query parameter of this name.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every query parameter of this name.
    pub(crate) fn params(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// The first header of this (lower case) name.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// How the test server answers one request.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Body,
}

#[derive(Debug, Clone)]
enum Body {
    /// A body with its `Content-Length`.
    Full(Vec<u8>),
    /// A chunked body without a length.
    Chunked(Vec<Vec<u8>>),
    /// Headers with this `Content-Length`, then silence.
    HeadersThenHang(u64),
    /// No answer at all.
    Hang,
    /// A chunked body that never ends: this chunk again and again, until the client
    /// hangs up (or a very large bound is reached).
    Endless(Vec<u8>),
    /// A chunked body of one byte per interval (a slow-loris source), for an hour at most.
    Trickle(Duration),
}

impl Reply {
    /// A response with a body.
    pub(crate) fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::Full(body.into()),
        }
    }

    /// An XML response.
    pub(crate) fn xml(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, body).header("Content-Type", "text/xml; charset=utf-8")
    }

    /// A chunked response (no `Content-Length`).
    pub(crate) fn chunked(status: u16, chunks: Vec<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::Chunked(chunks),
        }
    }

    /// Headers declaring `content_length` bytes, then nothing.
    pub(crate) fn headers_then_hang(status: u16, content_length: u64) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::HeadersThenHang(content_length),
        }
    }

    /// Never answers.
    pub(crate) fn hang() -> Reply {
        Reply {
            status: 0,
            headers: Vec::new(),
            body: Body::Hang,
        }
    }

    /// A chunked 200 response repeating `chunk` for ever.
    pub(crate) fn endless(chunk: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: Body::Endless(chunk),
        }
    }

    /// A chunked 200 response sending one byte per `interval`.
    pub(crate) fn trickle(interval: Duration) -> Reply {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: Body::Trickle(interval),
        }
    }

    /// Adds a header.
    pub(crate) fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

type Handler = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// A real HTTP/1.1 server on 127.0.0.1, port 0. Each connection serves one request and
/// closes; the handler gets the request and its index (0 for the first request).
pub(crate) struct TestServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl TestServer {
    /// Starts the server on the current tokio runtime.
    pub(crate) async fn start(
        handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let shared = Arc::clone(&requests);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = Arc::clone(&handler);
                let requests = Arc::clone(&shared);
                tokio::spawn(async move {
                    serve_connection(stream, handler, requests).await;
                });
            }
        });
        TestServer { addr, requests }
    }

    /// A URL on this server.
    pub(crate) fn url(&self, path_and_query: &str) -> url::Url {
        url::Url::parse(&format!("http://{}{path_and_query}", self.addr)).unwrap()
    }

    /// The address it listens on.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests received so far.
    pub(crate) fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve_connection(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    requests: Arc<Mutex<Vec<Request>>>,
) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let target = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .unwrap_or("/")
        .to_owned();
    let parsed = url::Url::parse(&format!("http://test{target}")).unwrap();
    let request = Request {
        path: parsed.path().to_owned(),
        query: parsed.query_pairs().into_owned().collect(),
        headers: lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect(),
    };
    let index = {
        let mut requests = requests.lock().unwrap();
        requests.push(request.clone());
        requests.len() - 1
    };
    let reply = handler(&request, index);
    let mut response = format!("HTTP/1.1 {} Test\r\nConnection: close\r\n", reply.status);
    for (name, value) in &reply.headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    let _ = match reply.body {
        Body::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return;
        }
        Body::HeadersThenHang(length) => {
            response.push_str(&format!("Content-Length: {length}\r\n\r\n"));
            let _ = stream.write_all(response.as_bytes()).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return;
        }
        Body::Full(body) => {
            response.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            let mut bytes = response.into_bytes();
            bytes.extend_from_slice(&body);
            stream.write_all(&bytes).await
        }
        Body::Endless(chunk) => {
            response.push_str("Transfer-Encoding: chunked\r\n\r\n");
            let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
            framed.extend_from_slice(&chunk);
            framed.extend_from_slice(b"\r\n");
            if stream.write_all(response.as_bytes()).await.is_err() {
                return;
            }
            // Bounded (64 GiB of 64 KiB chunks); the client hangs up long before.
            for _ in 0..1_000_000 {
                if stream.write_all(&framed).await.is_err() {
                    return;
                }
            }
            return;
        }
        Body::Trickle(interval) => {
            response.push_str("Transfer-Encoding: chunked\r\n\r\n");
            if stream.write_all(response.as_bytes()).await.is_err() {
                return;
            }
            for _ in 0..3600 {
                if stream.write_all(b"1\r\n \r\n").await.is_err() {
                    return;
                }
                tokio::time::sleep(interval).await;
            }
            return;
        }
        Body::Chunked(chunks) => {
            response.push_str("Transfer-Encoding: chunked\r\n\r\n");
            let mut bytes = response.into_bytes();
            for chunk in chunks {
                bytes.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                bytes.extend_from_slice(&chunk);
                bytes.extend_from_slice(b"\r\n");
            }
            bytes.extend_from_slice(b"0\r\n\r\n");
            stream.write_all(&bytes).await
        }
    };
    let _ = stream.shutdown().await;
}

/// What the memory sink keeps of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kept {
    /// The payload hash of the current version.
    pub hash: PayloadHash,
    /// Whether it is a tombstone.
    pub deleted: bool,
    /// How many times a new version was written (added or updated).
    pub writes: u32,
}

/// An in-memory [`PageSink`] that behaves like the indexer: records keyed by upstream id,
/// unchanged payloads recognised by hash, the page's checkpoint stored with it and the
/// page's counts added to its resume point.
#[derive(Debug, Default)]
pub(crate) struct MemorySink {
    /// The records, by upstream id.
    pub records: BTreeMap<String, Kept>,
    /// The checkpoint stored with the last page.
    pub checkpoint: Checkpoint,
    /// Every page stored, in order.
    pub pages: Vec<HarvestPage>,
    /// Refuse pages once this many have been stored (a crash in the middle of a run).
    pub fail_after_pages: Option<usize>,
    /// Whether `known_upstream_ids` answers (the default of the trait refuses).
    pub lists_known_ids: bool,
}

impl MemorySink {
    /// A sink that lists its known ids.
    pub(crate) fn new() -> MemorySink {
        MemorySink {
            lists_known_ids: true,
            ..MemorySink::default()
        }
    }

    /// Upstream ids of live (not deleted) records.
    pub(crate) fn live_ids(&self) -> Vec<String> {
        self.records
            .iter()
            .filter(|(_, kept)| !kept.deleted)
            .map(|(id, _)| id.clone())
            .collect()
    }

    pub(crate) fn store(&mut self, page: HarvestPage) -> Result<PageReport, SinkError> {
        if self
            .fail_after_pages
            .is_some_and(|limit| self.pages.len() >= limit)
        {
            return Err(SinkError::new("simulated crash of the store"));
        }
        let mut counts = RunCounts::default();
        let mut errors: Vec<RecordError> = Vec::new();
        for record in &page.records {
            let hash = PayloadHash::of(&record.payload);
            let outcome = match self.records.get_mut(&record.upstream_id) {
                Some(kept) if record.deleted && !kept.deleted => {
                    kept.deleted = true;
                    RecordOutcome::Deleted
                }
                _ if record.deleted => RecordOutcome::AlreadyGone,
                Some(kept) if kept.hash == hash && !kept.deleted => RecordOutcome::Unchanged,
                Some(kept) => {
                    let outcome = if kept.deleted {
                        RecordOutcome::Added
                    } else {
                        RecordOutcome::Updated
                    };
                    kept.hash = hash;
                    kept.deleted = false;
                    kept.writes += 1;
                    outcome
                }
                None if record.payload.is_empty() => {
                    errors.push(RecordError {
                        upstream_id: Some(record.upstream_id.clone()),
                        reason: "empty payload".to_owned(),
                    });
                    RecordOutcome::Failed
                }
                None => {
                    self.records.insert(
                        record.upstream_id.clone(),
                        Kept {
                            hash,
                            deleted: false,
                            writes: 1,
                        },
                    );
                    RecordOutcome::Added
                }
            };
            counts.tally(outcome);
        }
        for error in &page.envelope_errors {
            counts.tally(RecordOutcome::Failed);
            errors.push(error.clone());
        }
        let mut checkpoint = page.checkpoint.clone();
        if let Some(resume) = checkpoint.resume.as_mut() {
            let stored = self.checkpoint.resume.clone();
            resume.count_page(stored.as_ref(), counts);
        }
        self.checkpoint = checkpoint;
        self.pages.push(page);
        Ok(PageReport {
            counts,
            errors,
            held_for_review: None,
        })
    }
}

impl PageSink for MemorySink {
    fn store_page(
        &mut self,
        page: HarvestPage,
    ) -> impl std::future::Future<Output = Result<PageReport, SinkError>> + Send {
        std::future::ready(self.store(page))
    }

    fn records_held(
        &mut self,
    ) -> impl std::future::Future<Output = Result<Option<u64>, SinkError>> + Send {
        std::future::ready(Ok(Some(self.records.len() as u64)))
    }

    fn known_upstream_ids(
        &mut self,
    ) -> impl std::future::Future<Output = Result<Vec<String>, SinkError>> + Send {
        let answer = if self.lists_known_ids {
            Ok(self.live_ids())
        } else {
            Err(SinkError::new("this sink does not list known ids"))
        };
        std::future::ready(answer)
    }
}
