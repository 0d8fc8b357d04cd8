//! The one HTTP client of the clearinghouse and the polite, robust way it is used.
//!
//! [`HttpClient`] is built once per [`crate::Harvester`] (the only place a
//! `reqwest::Client` is built): per-request timeout, gzip, keep-alive and the configured
//! `User-Agent`. A harvest run talks to its source through a [`Session`], which adds what
//! is per source: the minimum interval between requests, retries with exponential
//! backoff and jitter on connection errors, timeouts and 5xx, `Retry-After` on 503 (and
//! 429), the response size limit enforced while the body streams in, and conditional
//! GET. Every pause goes through the injected [`Clock`].
//!
//! Two clients are built, with the same settings: the guarded one connects only to
//! public addresses (its DNS resolver and redirect policy come from [`crate::address`]),
//! the other anywhere. A session uses the guarded one unless the operator allowed
//! private addresses for every source (`harvest.allow_private_addresses`) or for its
//! source (`allow_private_address`).

use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use chrono::{DateTime, Utc};
use config::HarvestConfig;
use reqwest::StatusCode;
use reqwest::header::{
    ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER,
};
use url::Url;

use crate::address::{self, PublicOnlyResolver};
use crate::{Clock, HarvestError};

/// The longest `Retry-After` honoured; a source asking for more is retried after this.
pub(crate) const MAX_RETRY_AFTER_SECS: u64 = 600;

/// The first backoff delay; it doubles with each retry.
const BACKOFF_BASE_MILLIS: u64 = 1_000;

/// The longest backoff delay.
const BACKOFF_MAX_MILLIS: u64 = 60_000;

/// How long to wait for a TCP (and TLS) connection, at most the request timeout.
const CONNECT_TIMEOUT_SECS: u64 = 30;

/// The shared client and the limits every request obeys.
#[derive(Debug)]
pub(crate) struct HttpClient {
    /// Connects only to public addresses (unless private ones are allowed everywhere).
    guarded: reqwest::Client,
    /// Connects anywhere: when the operator allowed private addresses everywhere.
    unguarded: reqwest::Client,
    /// Connects anywhere, following redirects only within the first host: for a source
    /// the operator allowed a private address.
    own_host: reqwest::Client,
    allow_private_addresses: bool,
    request_timeout_secs: u64,
    max_response_bytes: u64,
    max_retries: u32,
    min_request_interval: Duration,
}

impl HttpClient {
    /// Builds the client from the harvest configuration.
    pub(crate) fn new(config: &HarvestConfig) -> Result<HttpClient, HarvestError> {
        HttpClient::with_resolved_hosts(config, &[])
    }

    /// The client with some host names resolved to fixed addresses, bypassing DNS and
    /// the address check for them: tests use it to stand in for a public host on loopback.
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place the harvest's HTTP clients are built"
    )]
    pub(crate) fn with_resolved_hosts(
        config: &HarvestConfig,
        resolved_hosts: &[(&str, std::net::SocketAddr)],
    ) -> Result<HttpClient, HarvestError> {
        let builder = || {
            let mut builder = reqwest::Client::builder();
            for (host, addr) in resolved_hosts {
                builder = builder.resolve(host, *addr);
            }
            builder
                .user_agent(config.user_agent.clone())
                .timeout(Duration::from_secs(config.request_timeout_secs))
                .connect_timeout(Duration::from_secs(
                    CONNECT_TIMEOUT_SECS.min(config.request_timeout_secs),
                ))
                .gzip(true)
                .pool_idle_timeout(Duration::from_secs(90))
        };
        let build_error = |err: reqwest::Error| HarvestError::ClientBuild {
            message: error_chain(&err),
        };
        // No proxy for the guarded client: through a proxy (`HTTP_PROXY` and the like in
        // the environment) the connection goes to the proxy, whose own address is all
        // the resolver sees, and the proxy would reach a private address on our behalf.
        // Sources allowed private addresses use the environment's proxies as usual.
        let guarded = builder()
            .no_proxy()
            .dns_resolver(PublicOnlyResolver)
            .redirect(address::guarded_redirect_policy())
            .build()
            .map_err(build_error)?;
        let unguarded = builder().build().map_err(build_error)?;
        let own_host = builder()
            .redirect(address::own_host_redirect_policy())
            .build()
            .map_err(build_error)?;
        Ok(HttpClient {
            guarded,
            unguarded,
            own_host,
            allow_private_addresses: config.allow_private_addresses,
            request_timeout_secs: config.request_timeout_secs,
            max_response_bytes: config.max_response_bytes,
            max_retries: config.max_retries,
            min_request_interval: Duration::from_millis(config.min_request_interval_ms),
        })
    }

    /// The largest body accepted, in bytes.
    pub(crate) fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }
}

/// The validators of a conditional GET, from the last fetch of the document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Conditional {
    /// Sent as `If-None-Match`.
    pub etag: Option<String>,
    /// Sent as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

/// A response that needs no retry: 2xx, 304, or a 4xx the caller may want to read.
#[derive(Debug)]
pub(crate) struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The `ETag` header.
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    pub last_modified: Option<String>,
    /// The body, at most `max_response_bytes` long.
    pub body: Bytes,
}

impl HttpResponse {
    /// Whether the status is 2xx.
    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as text for an error message: whitespace collapsed, cut short.
    pub(crate) fn body_excerpt(&self) -> Option<String> {
        let text = String::from_utf8_lossy(&self.body);
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return None;
        }
        let mut excerpt: String = collapsed.chars().take(200).collect();
        if excerpt.len() < collapsed.len() {
            excerpt.push('…');
        }
        Some(excerpt)
    }

    /// Turns a non-2xx response into the error that says so.
    pub(crate) fn error_for_status(self, url: &Url) -> Result<HttpResponse, HarvestError> {
        if self.is_success() {
            Ok(self)
        } else {
            Err(HarvestError::Status {
                url: url.to_string(),
                status: self.status,
                detail: self.body_excerpt(),
            })
        }
    }
}

/// Why a fetched document could not be used.
pub(crate) enum DocumentFailure {
    /// It is not well-formed or not what was expected: often a passing server problem,
    /// so it is fetched again (up to `max_retries` times) before the run fails with this.
    Retry(String, model::FailureKind),
    /// Fetching it again would not help.
    Fail(HarvestError),
}

/// One run's conversation with one source: pacing and retries live here.
pub(crate) struct Session<'a> {
    client: &'a HttpClient,
    clock: &'a dyn Clock,
    last_request_at: Option<DateTime<Utc>>,
    /// Whether this session may connect to non-public addresses.
    allow_private_addresses: bool,
    /// Whether that is the source's own allowance (redirects then stay on its host).
    source_allowance: bool,
}

/// How one attempt went wrong.
enum AttemptError {
    /// Worth another try, after `retry_after` if the server said so.
    Retryable {
        error: HarvestError,
        retry_after: Option<Duration>,
    },
    /// Trying again would not help.
    Fatal(HarvestError),
}

impl<'a> Session<'a> {
    /// A session with no request made yet.
    pub(crate) fn new(client: &'a HttpClient, clock: &'a dyn Clock) -> Session<'a> {
        Session {
            client,
            clock,
            last_request_at: None,
            allow_private_addresses: client.allow_private_addresses,
            source_allowance: false,
        }
    }

    /// The same session, also allowed to connect to non-public addresses if `allow`
    /// (the source's `allow_private_address`).
    pub(crate) fn allowing_private_addresses(self, allow: bool) -> Session<'a> {
        Session {
            allow_private_addresses: self.allow_private_addresses || allow,
            source_allowance: allow && !self.client.allow_private_addresses,
            ..self
        }
    }

    fn reqwest_client(&self) -> &reqwest::Client {
        if self.source_allowance {
            &self.client.own_host
        } else if self.allow_private_addresses {
            &self.client.unguarded
        } else {
            &self.client.guarded
        }
    }

    /// GETs `url`, retrying connection errors, timeouts and 5xx up to `max_retries`
    /// times. 2xx, 304 and 4xx (except 429) responses are returned as they are.
    pub(crate) async fn get(
        &mut self,
        url: &Url,
        conditional: &Conditional,
    ) -> Result<HttpResponse, HarvestError> {
        let mut attempt: u32 = 0;
        loop {
            self.pace().await;
            tracing::debug!(url = %url, attempt, "http get");
            let error = match self.attempt(url, conditional).await {
                Ok(response) => return Ok(response),
                Err(AttemptError::Fatal(error)) => return Err(error),
                Err(AttemptError::Retryable { error, retry_after }) => (error, retry_after),
            };
            let (error, retry_after) = error;
            if attempt >= self.client.max_retries {
                return Err(with_attempts(error, attempt + 1));
            }
            let delay = retry_after.unwrap_or_else(|| backoff_delay(attempt));
            tracing::warn!(
                url = %url,
                attempt = attempt + 1,
                delay_ms = delay.as_millis() as u64,
                error = %error,
                "request failed, retrying"
            );
            self.clock.sleep(delay).await;
            attempt += 1;
        }
    }

    /// POSTs `body` (JSON) to `url` once with `headers`, under the same address rules as
    /// a GET; the status answered.
    pub(crate) async fn post_json(
        &self,
        url: &Url,
        body: Vec<u8>,
        headers: &[(&str, String)],
    ) -> Result<u16, HarvestError> {
        if !self.allow_private_addresses {
            address::check_url(url).map_err(|refused| HarvestError::PrivateAddress {
                url: url.to_string(),
                reason: refused.to_string(),
            })?;
        }
        let mut request = self
            .reqwest_client()
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response =
            request
                .send()
                .await
                .map_err(|err| match self.transport_error(url, err) {
                    AttemptError::Fatal(error) | AttemptError::Retryable { error, .. } => error,
                })?;
        Ok(response.status().as_u16())
    }

    /// GETs `url` and reads the response with `parse`, fetching it again (with backoff)
    /// while `parse` says [`DocumentFailure::Retry`].
    pub(crate) async fn get_document<T>(
        &mut self,
        url: &Url,
        parse: impl Fn(&HttpResponse) -> Result<T, DocumentFailure>,
    ) -> Result<T, HarvestError> {
        let mut attempt: u32 = 0;
        loop {
            let response = self.get(url, &Conditional::default()).await?;
            let (reason, kind) = match parse(&response) {
                Ok(document) => return Ok(document),
                Err(DocumentFailure::Fail(error)) => return Err(error),
                Err(DocumentFailure::Retry(reason, kind)) => (reason, kind),
            };
            if attempt >= self.client.max_retries {
                return Err(HarvestError::Malformed {
                    url: url.to_string(),
                    reason: format!("{reason} (fetched {} times)", attempt + 1),
                    kind,
                });
            }
            let delay = backoff_delay(attempt);
            tracing::warn!(
                url = %url,
                attempt = attempt + 1,
                delay_ms = delay.as_millis() as u64,
                reason = %reason,
                "unusable response, fetching it again"
            );
            self.clock.sleep(delay).await;
            attempt += 1;
        }
    }

    /// Waits until `min_request_interval` has passed since the previous request.
    async fn pace(&mut self) {
        let interval = self.client.min_request_interval;
        if let (Some(last), false) = (self.last_request_at, interval.is_zero()) {
            let elapsed = (self.clock.now() - last).to_std().unwrap_or(Duration::ZERO);
            if elapsed < interval {
                self.clock.sleep(interval - elapsed).await;
            }
        }
        self.last_request_at = Some(self.clock.now());
    }

    async fn attempt(
        &self,
        url: &Url,
        conditional: &Conditional,
    ) -> Result<HttpResponse, AttemptError> {
        if !self.allow_private_addresses {
            address::check_url(url).map_err(|refused| {
                AttemptError::Fatal(HarvestError::PrivateAddress {
                    url: url.to_string(),
                    reason: refused.to_string(),
                })
            })?;
        }
        let mut request = self.reqwest_client().get(url.clone());
        if let Some(etag) = &conditional.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(last_modified) = &conditional.last_modified {
            request = request.header(IF_MODIFIED_SINCE, last_modified);
        }
        let response = request
            .send()
            .await
            .map_err(|err| self.transport_error(url, err))?;
        let status = response.status();
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
            let retry_after = if matches!(
                status,
                StatusCode::SERVICE_UNAVAILABLE | StatusCode::TOO_MANY_REQUESTS
            ) {
                retry_after(response.headers(), self.clock.now())
            } else {
                None
            };
            return Err(AttemptError::Retryable {
                error: HarvestError::Status {
                    url: url.to_string(),
                    status: status.as_u16(),
                    detail: None,
                },
                retry_after,
            });
        }
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|value: &reqwest::header::HeaderValue| value.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(ETAG);
        let last_modified = header(LAST_MODIFIED);
        let body = self.read_body(url, response).await?;
        Ok(HttpResponse {
            status: status.as_u16(),
            etag,
            last_modified,
            body,
        })
    }

    /// Reads the body, refusing a declared length over the limit before reading and
    /// cutting a streamed body at the limit.
    async fn read_body(
        &self,
        url: &Url,
        mut response: reqwest::Response,
    ) -> Result<Bytes, AttemptError> {
        let limit_bytes = self.client.max_response_bytes;
        let too_large = |declared_bytes| {
            AttemptError::Fatal(HarvestError::TooLarge {
                location: url.to_string(),
                limit_bytes,
                declared_bytes,
            })
        };
        let declared = response.content_length();
        if let Some(declared_bytes) = declared.filter(|&bytes| bytes > limit_bytes) {
            return Err(too_large(Some(declared_bytes)));
        }
        let capacity = declared.unwrap_or(64 * 1024).min(limit_bytes) as usize;
        let mut body = BytesMut::with_capacity(capacity);
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| self.transport_error(url, err))?
        {
            if (body.len() + chunk.len()) as u64 > limit_bytes {
                return Err(too_large(None));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }

    fn transport_error(&self, url: &Url, err: reqwest::Error) -> AttemptError {
        if let Some(refused) = address::refusal_in(&err) {
            return AttemptError::Fatal(HarvestError::PrivateAddress {
                url: url.to_string(),
                reason: refused.to_string(),
            });
        }
        let retryable = err.is_timeout()
            || err.is_connect()
            || err.is_body()
            || err.is_request()
            || err.is_decode();
        let error = if err.is_timeout() {
            HarvestError::Timeout {
                url: url.to_string(),
                timeout_secs: self.client.request_timeout_secs,
                attempts: 1,
            }
        } else {
            HarvestError::Connection {
                url: url.to_string(),
                message: error_chain(&err),
                attempts: 1,
                kind: connection_kind(&err),
            }
        };
        if retryable {
            AttemptError::Retryable {
                error,
                retry_after: None,
            }
        } else {
            AttemptError::Fatal(error)
        }
    }
}

/// Records in the error how many attempts were made.
fn with_attempts(error: HarvestError, attempts: u32) -> HarvestError {
    match error {
        HarvestError::Timeout {
            url, timeout_secs, ..
        } => HarvestError::Timeout {
            url,
            timeout_secs,
            attempts,
        },
        HarvestError::Connection {
            url, message, kind, ..
        } => HarvestError::Connection {
            url,
            message,
            attempts,
            kind,
        },
        other => other,
    }
}

/// What a transport error is, from its causes: the name did not resolve (the connector
/// says "dns error"), the connection was refused, TLS could not be set up, or the
/// network failed otherwise.
fn connection_kind(err: &(dyn std::error::Error + 'static)) -> model::FailureKind {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut kind = model::FailureKind::NetworkError;
    while let Some(error) = cause {
        if let Some(io) = error.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::ConnectionRefused
        {
            return model::FailureKind::ConnectionRefused;
        }
        let text = error.to_string().to_ascii_lowercase();
        if text.contains("dns error") || text.contains("failed to lookup address") {
            return model::FailureKind::HostNotFound;
        }
        if ["tls", "certificate", "handshake", "corrupt message"]
            .iter()
            .any(|word| text.contains(word))
        {
            kind = model::FailureKind::Tls;
        }
        cause = error.source();
    }
    kind
}

/// The error and its causes on one line (reqwest hides the useful part in `source()`).
fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

/// The delay before retry `attempt + 1`: exponential from one second, capped at a minute,
/// with "equal jitter" (between half and all of it) so that sources failing together do
/// not get retried in lockstep.
pub(crate) fn backoff_delay(attempt: u32) -> Duration {
    let exponential = BACKOFF_BASE_MILLIS.saturating_mul(1u64 << attempt.min(20));
    let capped = exponential.min(BACKOFF_MAX_MILLIS);
    let factor: f64 = rand::random_range(0.5..=1.0);
    Duration::from_millis((capped as f64 * factor) as u64)
}

/// The `Retry-After` of a response (seconds, or an HTTP date relative to `now`), capped
/// at [`MAX_RETRY_AFTER_SECS`].
fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// Parses a `Retry-After` value: delay seconds or an HTTP date. A date in the past means
/// no wait.
pub(crate) fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    let delay = if let Ok(seconds) = value.parse::<u64>() {
        Duration::from_secs(seconds)
    } else {
        let date = httpdate::parse_http_date(value).ok()?;
        date.duration_since(SystemTime::from(now))
            .unwrap_or(Duration::ZERO)
    };
    Some(delay.min(Duration::from_secs(MAX_RETRY_AFTER_SECS)))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::testing::{Reply, TestClock, TestServer, harvest_config};

    fn session_parts(config: &HarvestConfig) -> (HttpClient, Arc<TestClock>) {
        (HttpClient::new(config).unwrap(), Arc::new(TestClock::new()))
    }

    #[test]
    fn retry_after_reads_seconds_and_dates_and_is_capped() {
        let now = DateTime::parse_from_rfc3339("2024-03-10T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let check = |value: &str, expected: Option<u64>| {
            assert_eq!(
                parse_retry_after(value, now),
                expected.map(Duration::from_secs),
                "{value}"
            );
        };
        check("120", Some(120));
        check(" 7 ", Some(7));
        check("86400", Some(MAX_RETRY_AFTER_SECS));
        check("Sun, 10 Mar 2024 12:00:30 GMT", Some(30));
        check("Sun, 10 Mar 2024 11:00:00 GMT", Some(0));
        check("soon", None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        for attempt in 0..8 {
            let full = (BACKOFF_BASE_MILLIS << attempt).min(BACKOFF_MAX_MILLIS);
            let delay = backoff_delay(attempt).as_millis() as u64;
            assert!(delay >= full / 2 && delay <= full, "{attempt}: {delay}");
        }
        assert!(backoff_delay(40) <= Duration::from_millis(BACKOFF_MAX_MILLIS));
    }

    #[tokio::test]
    async fn honours_retry_after_on_503_through_the_clock() {
        let server = TestServer::start(|_, index| {
            if index == 0 {
                Reply::new(503, "busy").header("Retry-After", "42")
            } else {
                Reply::new(200, "hello")
            }
        })
        .await;
        let (client, clock) = session_parts(&harvest_config());
        let mut session = Session::new(&client, clock.as_ref());
        let response = session
            .get(&server.url("/feed"), &Conditional::default())
            .await
            .unwrap();
        assert_eq!(&response.body[..], b"hello");
        assert_eq!(clock.sleeps(), vec![Duration::from_secs(42)]);
        assert_eq!(server.requests().len(), 2);
    }

    #[tokio::test]
    async fn retries_a_500_with_backoff_then_succeeds() {
        let server = TestServer::start(|_, index| {
            if index == 0 {
                Reply::new(500, "oops")
            } else {
                Reply::new(200, "fine")
            }
        })
        .await;
        let (client, clock) = session_parts(&harvest_config());
        let mut session = Session::new(&client, clock.as_ref());
        let response = session
            .get(&server.url("/feed"), &Conditional::default())
            .await
            .unwrap();
        assert_eq!(&response.body[..], b"fine");
        let sleeps = clock.sleeps();
        assert_eq!(sleeps.len(), 1);
        assert!(sleeps[0] >= Duration::from_millis(500) && sleeps[0] <= Duration::from_secs(1));
    }

    #[tokio::test]
    async fn gives_up_after_max_retries_and_says_the_status() {
        let server = TestServer::start(|_, _| Reply::new(502, "bad gateway")).await;
        let mut config = harvest_config();
        config.max_retries = 2;
        let (client, clock) = session_parts(&config);
        let mut session = Session::new(&client, clock.as_ref());
        let err = session
            .get(&server.url("/feed"), &Conditional::default())
            .await
            .unwrap_err();
        assert!(
            matches!(err, HarvestError::Status { status: 502, .. }),
            "{err}"
        );
        assert_eq!(server.requests().len(), 3);
        assert_eq!(clock.sleeps().len(), 2);
    }

    #[tokio::test]
    async fn a_404_is_not_retried() {
        let server = TestServer::start(|_, _| Reply::new(404, "no such feed")).await;
        let (client, clock) = session_parts(&harvest_config());
        let mut session = Session::new(&client, clock.as_ref());
        let url = server.url("/feed");
        let response = session.get(&url, &Conditional::default()).await.unwrap();
        assert_eq!(response.status, 404);
        let err = response.error_for_status(&url).unwrap_err().to_string();
        assert!(err.contains("404") && err.contains("no such feed"), "{err}");
        assert_eq!(server.requests().len(), 1);
    }

    #[tokio::test]
    async fn a_hanging_server_times_out() {
        let server = TestServer::start(|_, _| Reply::hang()).await;
        let mut config = harvest_config();
        config.request_timeout_secs = 1;
        config.max_retries = 1;
        let (client, clock) = session_parts(&config);
        let mut session = Session::new(&client, clock.as_ref());
        let started = std::time::Instant::now();
        let err = session
            .get(&server.url("/feed"), &Conditional::default())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                HarvestError::Timeout {
                    timeout_secs: 1,
                    attempts: 2,
                    ..
                }
            ),
            "{err}"
        );
        assert!(
            err.to_string().contains("did not answer within 1 s"),
            "{err}"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[tokio::test]
    async fn connection_refused_is_retried_then_reported() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = Url::parse(&format!("http://{}/feed", listener.local_addr().unwrap())).unwrap();
        drop(listener);
        let (client, clock) = session_parts(&harvest_config());
        let mut session = Session::new(&client, clock.as_ref());
        let err = session
            .get(&url, &Conditional::default())
            .await
            .unwrap_err();
        assert!(
            matches!(err, HarvestError::Connection { attempts: 3, .. }),
            "{err}"
        );
        assert_eq!(clock.sleeps().len(), 2);
    }

    #[tokio::test]
    async fn refuses_a_declared_oversized_body_before_reading_it() {
        // The server declares a large body and then sends nothing: reading it would hang
        // until the request timeout, so a quick TooLarge proves it was refused up front.
        let server = TestServer::start(|_, _| Reply::headers_then_hang(200, 10_000_000)).await;
        let mut config = harvest_config();
        config.max_response_bytes = 1_000;
        let (client, clock) = session_parts(&config);
        let mut session = Session::new(&client, clock.as_ref());
        let err = session
            .get(&server.url("/feed"), &Conditional::default())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                HarvestError::TooLarge {
                    limit_bytes: 1_000,
                    declared_bytes: Some(10_000_000),
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("1000 bytes"), "{err}");
    }

    #[tokio::test]
    async fn cuts_a_chunked_body_at_the_limit() {
        let server = TestServer::start(|_, _| {
            Reply::chunked(200, (0..10).map(|_| vec![b'x'; 400]).collect())
        })
        .await;
        let mut config = harvest_config();
        config.max_response_bytes = 1_000;
        let (client, clock) = session_parts(&config);
        let mut session = Session::new(&client, clock.as_ref());
        let err = session
            .get(&server.url("/feed"), &Conditional::default())
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                HarvestError::TooLarge {
                    limit_bytes: 1_000,
                    declared_bytes: None,
                    ..
                }
            ),
            "{err}"
        );
        let fits = TestServer::start(|_, _| {
            Reply::chunked(200, (0..2).map(|_| vec![b'x'; 400]).collect())
        })
        .await;
        let response = session
            .get(&fits.url("/feed"), &Conditional::default())
            .await
            .unwrap();
        assert_eq!(response.body.len(), 800);
    }

    #[tokio::test]
    async fn paces_requests_to_the_minimum_interval() {
        let server = TestServer::start(|_, _| Reply::new(200, "ok")).await;
        let mut config = harvest_config();
        config.min_request_interval_ms = 250;
        let (client, clock) = session_parts(&config);
        let mut session = Session::new(&client, clock.as_ref());
        for _ in 0..3 {
            session
                .get(&server.url("/feed"), &Conditional::default())
                .await
                .unwrap();
        }
        // The test clock stands still between requests, so each wait is the whole interval.
        assert_eq!(clock.sleeps(), vec![Duration::from_millis(250); 2]);
    }

    #[tokio::test]
    async fn sends_validators_and_sends_user_agent_and_accepts_gzip() {
        let server = TestServer::start(|_, _| Reply::new(304, "")).await;
        let (client, clock) = session_parts(&harvest_config());
        let mut session = Session::new(&client, clock.as_ref());
        let conditional = Conditional {
            etag: Some("\"v1\"".to_owned()),
            last_modified: Some("Sun, 10 Mar 2024 12:00:00 GMT".to_owned()),
        };
        let response = session
            .get(&server.url("/feed"), &conditional)
            .await
            .unwrap();
        assert_eq!(response.status, 304);
        let request = &server.requests()[0];
        assert_eq!(request.header("if-none-match"), Some("\"v1\""));
        assert_eq!(
            request.header("if-modified-since"),
            Some("Sun, 10 Mar 2024 12:00:00 GMT")
        );
        assert_eq!(request.header("user-agent"), Some("harvester-tests/1.0"));
        assert!(
            request
                .header("accept-encoding")
                .unwrap_or("")
                .contains("gzip")
        );
    }
}
