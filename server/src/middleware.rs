//! What every request passes through before a handler: per-client rate limits, a lockout
//! after failed authentications, bounds on the query string and body, and the security
//! headers every response carries.
//!
//! - [`security_headers`]: `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
//!   `Referrer-Policy: no-referrer` and a `Content-Security-Policy` of `default-src
//!   'none'; frame-ancestors 'none'` on every response that has not set its own: the
//!   pages set their own policy (and headers) for HTML, which is left as it is.
//! - [`limits`]: a token bucket per client IP address (IPv6 addresses per /64, so that
//!   one host cannot rotate through its network) answers `429` with `Retry-After` when
//!   empty; a second bucket per address counts failed authentications (`401`, or a
//!   refused sign-in) and, once empty, refuses requests that carry credentials with `429`
//!   until it refills, so that tokens cannot be guessed at speed; and one bucket for all
//!   addresses together does the same for every address once failures from many
//!   addresses add up (guessing spread over a botnet). Query strings over
//!   `server.max_query_bytes` get `414`, declared bodies over `server.max_body_bytes`
//!   `413` (the body extractors enforce the same limit on streamed bodies); the upload
//!   form's body is bounded by `server.max_upload_bytes` instead
//!   ([`crate::pages::upload::max_form_bytes`], and its handler counts a streamed one).
//!
//! The client address is the TCP peer: `X-Forwarded-For` is not trusted, since anyone
//! can send it. Behind a reverse proxy, limit there.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{HttpResponse, web};
use serde_json::json;

/// The policy of responses that set none: they are data, not documents.
pub const DEFAULT_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// The key of the bucket all addresses share.
const EVERYONE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED);

/// Most client addresses remembered per bucket table before full buckets are forgotten.
const MAX_TRACKED_CLIENTS: usize = 100_000;

/// The security headers of every response, each added only where the response has not
/// set it (the pages set their own Content-Security-Policy).
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((
            header::CONTENT_SECURITY_POLICY,
            DEFAULT_CONTENT_SECURITY_POLICY,
        ))
}

/// The limits of one server, shared by its workers.
#[derive(Debug)]
pub struct Limits {
    requests: Option<TokenBuckets>,
    failed_authentications: Option<TokenBuckets>,
    /// Failed authentications of all addresses together, under [`EVERYONE`].
    failed_authentications_total: Option<TokenBuckets>,
    max_query_bytes: usize,
    max_body_bytes: usize,
    /// The bound of the upload form's body ([`crate::pages::upload::max_form_bytes`]).
    max_upload_form_bytes: usize,
}

impl Limits {
    /// The limits the server configuration asks for.
    pub fn new(config: &config::ServerConfig) -> Limits {
        Limits {
            requests: (config.rate_limit_per_minute > 0).then(|| {
                TokenBuckets::new(
                    f64::from(config.rate_limit_per_minute),
                    f64::from(config.rate_limit_burst.max(1)),
                )
            }),
            failed_authentications: (config.failed_auth_per_minute > 0).then(|| {
                let per_minute = f64::from(config.failed_auth_per_minute);
                TokenBuckets::new(per_minute, per_minute)
            }),
            failed_authentications_total: (config.failed_auth_total_per_minute > 0).then(|| {
                let per_minute = f64::from(config.failed_auth_total_per_minute);
                TokenBuckets::new(per_minute, per_minute)
            }),
            max_query_bytes: config.max_query_bytes,
            max_body_bytes: config.max_body_bytes,
            max_upload_form_bytes: crate::pages::upload::max_form_bytes(config.max_upload_bytes),
        }
    }
}

/// The limiting middleware, for `App::wrap(from_fn(limit))`; the [`Limits`] are the
/// app's `web::Data`.
pub async fn limit(
    limits: web::Data<Limits>,
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, actix_web::Error> {
    let client = request.peer_addr().map(|addr| client_key(addr.ip()));
    let now = Instant::now();
    if request.query_string().len() > limits.max_query_bytes {
        let refusal = refusal(
            StatusCode::URI_TOO_LONG,
            "query_too_long",
            format!(
                "the query string is longer than {} bytes; shorten it",
                limits.max_query_bytes
            ),
            None,
        );
        return Ok(request.into_response(refusal).map_into_right_body());
    }
    let declared_body_bytes = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok());
    // The upload form carries a credential file: its own bound, so that a file a little
    // too large is refused in words on the form rather than here.
    let max_body_bytes = if request.path() == crate::pages::upload::PATH {
        limits.max_body_bytes.max(limits.max_upload_form_bytes)
    } else {
        limits.max_body_bytes
    };
    if declared_body_bytes.is_some_and(|bytes| bytes > max_body_bytes as u64) {
        let refusal = refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the request body is larger than {max_body_bytes} bytes"),
            None,
        );
        return Ok(request.into_response(refusal).map_into_right_body());
    }
    let exempt = request.path() == "/health" || request.path().starts_with("/static/");
    if let (Some(client), Some(buckets), false) = (client, &limits.requests, exempt)
        && let Err(retry_after) = buckets.take(client, now)
    {
        tracing::info!(%client, "rate limit reached");
        let refusal = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests from your address; wait as long as Retry-After says".to_owned(),
            Some(retry_after),
        );
        return Ok(request.into_response(refusal).map_into_right_body());
    }
    let is_sign_in =
        request.path() == "/sign-in" && request.method() == actix_web::http::Method::POST;
    let carries_credentials = request.headers().contains_key(header::AUTHORIZATION) || is_sign_in;
    if let (Some(client), Some(buckets), true) =
        (client, &limits.failed_authentications, carries_credentials)
        && let Err(retry_after) = buckets.peek(client, now)
    {
        tracing::warn!(%client, "authentication locked out after repeated failures");
        let refusal = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_failed_authentications",
            "too many failed authentications from your address; wait as long as Retry-After says"
                .to_owned(),
            Some(retry_after),
        );
        return Ok(request.into_response(refusal).map_into_right_body());
    }
    if let (Some(buckets), true) = (&limits.failed_authentications_total, carries_credentials)
        && let Err(retry_after) = buckets.peek(EVERYONE, now)
    {
        tracing::warn!(
            "authentication locked out for every address after repeated failures from many"
        );
        let refusal = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_failed_authentications",
            "too many failed authentications on this server from many addresses; wait as long as Retry-After says"
                .to_owned(),
            Some(retry_after),
        );
        return Ok(request.into_response(refusal).map_into_right_body());
    }
    let response = next.call(request).await?;
    let status = response.status();
    let failed_authentication =
        status == StatusCode::UNAUTHORIZED || (is_sign_in && status == StatusCode::FORBIDDEN);
    if let (Some(client), Some(buckets), true) = (
        client,
        &limits.failed_authentications,
        failed_authentication,
    ) {
        // The answer is already decided; the failure only counts against what follows.
        let _ = buckets.take(client, Instant::now());
    }
    if let (Some(buckets), true) = (&limits.failed_authentications_total, failed_authentication) {
        let _ = buckets.take(EVERYONE, Instant::now());
    }
    Ok(response.map_into_left_body())
}

/// A JSON refusal in the API's error shape, with `Retry-After` when given.
fn refusal(
    status: StatusCode,
    code: &str,
    message: String,
    retry_after: Option<Duration>,
) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    if let Some(retry_after) = retry_after {
        let seconds = retry_after.as_secs_f64().ceil().max(1.0) as u64;
        response.insert_header((header::RETRY_AFTER, HeaderValue::from(seconds)));
    }
    response.json(json!({ "code": code, "message": message }))
}

/// The address a client is counted under: IPv4 addresses as they are, IPv6 addresses by
/// their /64 network (IPv4-mapped ones as IPv4).
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let segments = v6.segments();
                IpAddr::V6(Ipv6Addr::new(
                    segments[0],
                    segments[1],
                    segments[2],
                    segments[3],
                    0,
                    0,
                    0,
                    0,
                ))
            }
        },
    }
}

/// One token bucket per client: `capacity` tokens, refilled at `per_minute` a minute.
#[derive(Debug)]
struct TokenBuckets {
    tokens_per_sec: f64,
    capacity: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl TokenBuckets {
    fn new(per_minute: f64, capacity: f64) -> TokenBuckets {
        TokenBuckets {
            tokens_per_sec: per_minute / 60.0,
            capacity,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token, or says how long until one is there.
    fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        self.with_bucket(client, now, |bucket| {
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                true
            } else {
                false
            }
        })
    }

    /// Whether a token is there, without taking it.
    fn peek(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        self.with_bucket(client, now, |bucket| bucket.tokens >= 1.0)
    }

    fn with_bucket(
        &self,
        client: IpAddr,
        now: Instant,
        decide: impl FnOnce(&mut Bucket) -> bool,
    ) -> Result<(), Duration> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED_CLIENTS && !buckets.contains_key(&client) {
            // A full bucket is the same as no bucket: forget those to bound memory.
            let (tokens_per_sec, capacity) = (self.tokens_per_sec, self.capacity);
            buckets.retain(|_, bucket| refilled(*bucket, now, tokens_per_sec, capacity) < capacity);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.capacity,
            updated: now,
        });
        bucket.tokens = refilled(*bucket, now, self.tokens_per_sec, self.capacity);
        bucket.updated = now;
        if decide(bucket) {
            Ok(())
        } else {
            let missing = 1.0 - bucket.tokens;
            Err(Duration::from_secs_f64(missing / self.tokens_per_sec))
        }
    }
}

fn refilled(bucket: Bucket, now: Instant, tokens_per_sec: f64, capacity: f64) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
    (bucket.tokens + elapsed * tokens_per_sec).min(capacity)
}

/// The body limits of the extractors, from the configuration: `web::Bytes`, `String`,
/// JSON and forms all stop reading at `server.max_body_bytes`.
pub fn body_limits(config: &config::ServerConfig) -> impl FnOnce(&mut web::ServiceConfig) {
    let max_body_bytes = config.max_body_bytes;
    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(web::PayloadConfig::new(max_body_bytes))
            .app_data(web::JsonConfig::default().limit(max_body_bytes))
            .app_data(web::FormConfig::default().limit(max_body_bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_empties_and_refills_at_its_rate() {
        let buckets = TokenBuckets::new(60.0, 3.0);
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(buckets.take(client, start), Ok(()));
        }
        let wait = buckets.take(client, start).unwrap_err();
        assert!(wait > Duration::from_millis(900) && wait <= Duration::from_secs(1));
        assert_eq!(buckets.take(other, start), Ok(()), "buckets are per client");
        assert_eq!(buckets.peek(client, start + Duration::from_secs(1)), Ok(()));
        assert_eq!(buckets.take(client, start + Duration::from_secs(1)), Ok(()));
        assert!(
            buckets
                .take(client, start + Duration::from_secs(1))
                .is_err()
        );
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }
}
