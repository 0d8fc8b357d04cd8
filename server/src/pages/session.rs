//! The session cookie and CSRF tokens of a visitor signed in with an institution's API
//! token (the sign-in pages are `sign_in.rs`).
//!
//! The token is checked exactly as a bearer token is ([`crate::auth::caller_for_secret`]:
//! SHA-256, constant-time comparison with every configured hash) and never stored. The
//! session is a cookie that names the token's configured id, an expiry and a random nonce,
//! signed with HMAC-SHA256 under a key drawn when the process starts; the institution is
//! looked up in the configuration on every request, so the cookie cannot claim one. The
//! cookie is `HttpOnly`, `SameSite=Strict`, `Path=/`, and `Secure` when the request came
//! over TLS (directly or as a proxy's `Forwarded`/`X-Forwarded-Proto` says).
//!
//! CSRF: every form that changes something carries a token derived from the session's
//! nonce (`HMAC(key, "csrf", nonce)`); the sign-in form, before there is a session, carries
//! one derived from a short-lived `ch_signin` cookie. Tokens are compared in constant time.
//!
//! Sessions end after [`SESSION_SECS`], on sign-out and when the process restarts (new
//! key). Sign-out ends the session on the server too ([`Revocations::revoke`]: its nonce is refused
//! until it would have expired), so a copied cookie stops working with it; "sign out
//! everywhere" ends every session of the token begun until then ([`Revocations`], one
//! per server in its state). They are kept in memory: a restart ends every session
//! anyway.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use actix_web::HttpRequest;
use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::auth::Caller;

/// The session cookie.
pub const SESSION_COOKIE: &str = "ch_session";
/// The cookie that binds the sign-in form's CSRF token to the browser that loaded it.
pub const SIGN_IN_COOKIE: &str = "ch_signin";
/// How long a session lasts, in seconds.
pub const SESSION_SECS: i64 = 8 * 3600;
/// How long the sign-in form stays valid, in seconds.
pub(super) const SIGN_IN_SECS: i64 = 3600;

type HmacSha256 = Hmac<Sha256>;

fn key() -> &'static [u8; 32] {
    static KEY: OnceLock<[u8; 32]> = OnceLock::new();
    KEY.get_or_init(rand::random)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

fn mac_of(parts: &[&str]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key()).expect("HMAC takes a key of any length");
    for part in parts {
        mac.update(part.as_bytes());
        mac.update(&[0]);
    }
    mac
}

/// The HMAC of `parts`, as hex.
pub(super) fn sign(parts: &[&str]) -> String {
    hex(&mac_of(parts).finalize().into_bytes())
}

/// Whether `presented` is the HMAC of `parts` (compared in constant time).
pub(super) fn verify(parts: &[&str], presented: &str) -> bool {
    unhex(presented).is_some_and(|bytes| mac_of(parts).verify_slice(&bytes).is_ok())
}

pub(super) fn nonce() -> String {
    random_hex(16)
}

/// `n_bytes` random bytes as hex.
pub(crate) fn random_hex(n_bytes: usize) -> String {
    let bytes: Vec<u8> = (0..n_bytes).map(|_| rand::random::<u8>()).collect();
    hex(&bytes)
}

/// Sessions ended before they expire, by one server.
#[derive(Debug, Default)]
pub struct Revocations(Mutex<Revoked>);

#[derive(Debug, Default)]
struct Revoked {
    /// Signed-out sessions' nonces, with when they would have expired.
    nonces: HashMap<String, i64>,
    /// Per token id, when "sign out everywhere" was last asked: sessions begun then or
    /// before are ended.
    not_before: HashMap<String, i64>,
}

impl Revocations {
    fn lock(&self) -> std::sync::MutexGuard<'_, Revoked> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Ends `session`: its cookie is refused from now on, wherever it is presented.
    /// (Nonces are kept until their session would have expired.)
    pub fn revoke(&self, session: &Session, now: i64) {
        let mut revoked = self.lock();
        revoked.nonces.retain(|_, expires| *expires > now);
        revoked
            .nonces
            .insert(session.nonce.clone(), session.expires);
    }

    /// Ends every session of the token `token_id` begun at `now` or before.
    pub fn revoke_all(&self, token_id: &str, now: i64) {
        self.lock().not_before.insert(token_id.to_owned(), now);
    }

    fn is_revoked(&self, token_id: &str, nonce: &str, expires: i64) -> bool {
        let revoked = self.lock();
        revoked.nonces.contains_key(nonce)
            || revoked
                .not_before
                .get(token_id)
                .is_some_and(|not_before| expires - SESSION_SECS <= *not_before)
    }
}

/// A signed-in institution.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who is signed in (looked up in the configuration by the token's id).
    pub caller: Caller,
    nonce: String,
    /// When it expires (seconds since the epoch).
    expires: i64,
}

impl Session {
    /// The CSRF token forms of this session must carry.
    pub fn csrf_token(&self) -> String {
        sign(&["csrf", &self.nonce])
    }

    /// Whether a form's CSRF token belongs to this session.
    pub fn check_csrf(&self, presented: &str) -> bool {
        verify(&["csrf", &self.nonce], presented)
    }
}

pub(super) fn session_value(token_id: &str, expires: i64, nonce: &str) -> String {
    let id = hex(token_id.as_bytes());
    let expires = expires.to_string();
    let mac = sign(&["session", &id, &expires, nonce]);
    format!("{id}.{expires}.{nonce}.{mac}")
}

/// The session of a cookie value, if its signature holds, it has not expired nor been
/// ended ([`Revocations`]) and its token is still configured.
fn parse_session(
    value: &str,
    tokens: &[config::ApiToken],
    revocations: Option<&Revocations>,
    now: i64,
) -> Option<Session> {
    let mut parts = value.split('.');
    let (id, expires, nonce, mac) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !verify(&["session", id, expires, nonce], mac) {
        return None;
    }
    let expires = expires.parse::<i64>().ok()?;
    if expires <= now {
        return None;
    }
    let token_id = String::from_utf8(unhex(id)?).ok()?;
    let token = tokens.iter().find(|token| token.id == token_id)?;
    if revocations.is_some_and(|r| r.is_revoked(&token_id, nonce, expires)) {
        return None;
    }
    Some(Session {
        caller: crate::auth::caller_of(token),
        nonce: nonce.to_owned(),
        expires,
    })
}

/// The session of `request`, if it carries a valid session cookie.
pub fn current(request: &HttpRequest, tokens: &[config::ApiToken]) -> Option<Session> {
    let cookie = request.cookie(SESSION_COOKIE)?;
    let state = request.app_data::<actix_web::web::Data<crate::state::AppState>>();
    parse_session(
        cookie.value(),
        tokens,
        state.map(|state| state.sessions.as_ref()),
        chrono::Utc::now().timestamp(),
    )
}

fn over_tls(request: &HttpRequest) -> bool {
    request.connection_info().scheme() == "https"
}

pub(super) fn cookie<'c>(
    request: &HttpRequest,
    name: &'c str,
    value: String,
    max_age_secs: i64,
) -> Cookie<'c> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(over_tls(request))
        .max_age(Duration::seconds(max_age_secs))
        .finish()
}

/// `response` (a page whose form is bound to a cookie) with `cookie` set, when given,
/// and never cached: a cached copy would carry another visit's form token.
pub(super) fn uncached_with_cookie(
    mut response: actix_web::HttpResponse,
    cookie: Option<Cookie<'_>>,
) -> Result<actix_web::HttpResponse, super::shared::PageError> {
    if let Some(cookie) = cookie {
        response
            .add_cookie(&cookie)
            .map_err(|err| super::shared::PageError::Internal(err.to_string()))?;
    }
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// The fields of an `application/x-www-form-urlencoded` body.
pub(crate) fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// The first value of `name` in form fields.
pub(crate) fn field<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens() -> Vec<config::ApiToken> {
        vec![config::ApiToken {
            id: "tu-officer".to_owned(),
            sha256: [7; 32],
            institution: "demo-tu".to_owned(),
            admin: false,
            person: Some("An Officer".to_owned()),
        }]
    }

    #[test]
    fn a_signed_session_is_read_back() {
        let value = session_value("tu-officer", 2_000, "00ff");
        let session = parse_session(&value, &tokens(), None, 1_000).expect("valid session");
        assert_eq!(session.caller.institution, "demo-tu");
        assert!(session.check_csrf(&session.csrf_token()));
        assert!(!session.check_csrf("00"));
        assert!(!session.check_csrf("not hex"));
    }

    #[test]
    fn expired_tampered_or_unknown_sessions_are_refused() {
        let value = session_value("tu-officer", 2_000, "00ff");
        assert!(
            parse_session(&value, &tokens(), None, 2_000).is_none(),
            "expired"
        );
        let later = value.replacen("2000", "9000", 1);
        assert!(
            parse_session(&later, &tokens(), None, 1_000).is_none(),
            "expiry changed"
        );
        let other = session_value("someone-else", 2_000, "00ff");
        assert!(
            parse_session(&other, &tokens(), None, 1_000).is_none(),
            "token not configured"
        );
        assert!(parse_session("a.b.c", &tokens(), None, 1_000).is_none());
        assert!(parse_session("", &tokens(), None, 1_000).is_none());
    }

    #[test]
    fn signed_out_sessions_are_refused_and_everywhere_ends_the_older_ones() {
        let now = 1_000_000;
        let expires = |issued: i64| issued + SESSION_SECS;
        let first = session_value("tu-officer", expires(now), "0a01");
        let second = session_value("tu-officer", expires(now), "0a02");
        let r = Revocations::default();
        let session = parse_session(&first, &tokens(), Some(&r), now).expect("valid");
        r.revoke(&session, now);
        assert!(
            parse_session(&first, &tokens(), Some(&r), now + 1).is_none(),
            "signed out"
        );
        assert!(
            parse_session(&second, &tokens(), Some(&r), now + 1).is_some(),
            "another session of the token goes on"
        );
        r.revoke_all("tu-officer", now + 10);
        assert!(parse_session(&second, &tokens(), Some(&r), now + 11).is_none());
        let later = session_value("tu-officer", expires(now + 11), "0a03");
        assert!(
            parse_session(&later, &tokens(), Some(&r), now + 12).is_some(),
            "a session begun afterwards works"
        );
        assert!(
            parse_session(&second, &tokens(), None, now + 11).is_some(),
            "revocations are the server's own"
        );
    }

    #[test]
    fn csrf_tokens_are_bound_to_their_nonce() {
        let a = Session {
            caller: crate::auth::caller_of(&tokens()[0]),
            nonce: "aa".to_owned(),
            expires: 2_000,
        };
        let b = Session {
            nonce: "bb".to_owned(),
            ..a.clone()
        };
        assert!(!b.check_csrf(&a.csrf_token()));
    }
}
