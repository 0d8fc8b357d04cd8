//! Signing in with an institution's API token, the session cookie, and CSRF tokens.
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
//! Sessions end after [`SESSION_SECS`], on sign-out (the cookie is cleared) and when the
//! process restarts (new key). A stolen cookie is valid until it expires: keep
//! [`SESSION_SECS`] short.

use std::sync::OnceLock;

use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::{Layout, PageError, render, safe_local_path};
use crate::app::AppState;
use crate::auth::Caller;

/// The session cookie.
pub const SESSION_COOKIE: &str = "ch_session";
/// The cookie that binds the sign-in form's CSRF token to the browser that loaded it.
pub const SIGN_IN_COOKIE: &str = "ch_signin";
/// How long a session lasts, in seconds.
pub const SESSION_SECS: i64 = 8 * 3600;
/// How long the sign-in form stays valid, in seconds.
const SIGN_IN_SECS: i64 = 3600;

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
fn sign(parts: &[&str]) -> String {
    hex(&mac_of(parts).finalize().into_bytes())
}

/// Whether `presented` is the HMAC of `parts` (compared in constant time).
fn verify(parts: &[&str], presented: &str) -> bool {
    unhex(presented).is_some_and(|bytes| mac_of(parts).verify_slice(&bytes).is_ok())
}

fn nonce() -> String {
    random_hex(16)
}

/// `n_bytes` random bytes as hex.
pub(crate) fn random_hex(n_bytes: usize) -> String {
    let bytes: Vec<u8> = (0..n_bytes).map(|_| rand::random::<u8>()).collect();
    hex(&bytes)
}

/// A signed-in institution.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who is signed in (looked up in the configuration by the token's id).
    pub caller: Caller,
    nonce: String,
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

fn session_value(token_id: &str, expires: i64, nonce: &str) -> String {
    let id = hex(token_id.as_bytes());
    let expires = expires.to_string();
    let mac = sign(&["session", &id, &expires, nonce]);
    format!("{id}.{expires}.{nonce}.{mac}")
}

/// The session of a cookie value, if its signature holds, it has not expired and its
/// token is still configured.
fn parse_session(value: &str, tokens: &[config::ApiToken], now: i64) -> Option<Session> {
    let mut parts = value.split('.');
    let (id, expires, nonce, mac) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !verify(&["session", id, expires, nonce], mac) {
        return None;
    }
    if expires.parse::<i64>().ok()? <= now {
        return None;
    }
    let token_id = String::from_utf8(unhex(id)?).ok()?;
    let token = tokens.iter().find(|token| token.id == token_id)?;
    Some(Session {
        caller: crate::auth::caller_of(token),
        nonce: nonce.to_owned(),
    })
}

/// The session of `request`, if it carries a valid session cookie.
pub fn current(request: &HttpRequest, tokens: &[config::ApiToken]) -> Option<Session> {
    let cookie = request.cookie(SESSION_COOKIE)?;
    parse_session(cookie.value(), tokens, chrono::Utc::now().timestamp())
}

fn over_tls(request: &HttpRequest) -> bool {
    request.connection_info().scheme() == "https"
}

fn cookie<'c>(
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

/// The session of a form post whose CSRF token checks out, else 403.
pub(crate) fn require_session(
    request: &HttpRequest,
    state: &AppState,
    fields: &[(String, String)],
) -> Result<Session, PageError> {
    let session = current(request, &state.config.tokens).ok_or_else(|| {
        PageError::Forbidden(
            "you are not signed in (or the session expired); sign in with your institution's token and try again"
                .to_owned(),
        )
    })?;
    if !field(fields, "csrf").is_some_and(|token| session.check_csrf(token)) {
        return Err(PageError::Forbidden(
            "the form's security token does not match your session; reload the page and send the form again"
                .to_owned(),
        ));
    }
    Ok(session)
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    csrf: String,
    next: String,
    error: Option<String>,
}

fn sign_in_page(
    request: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    next: &str,
    error: Option<String>,
) -> Result<HttpResponse, PageError> {
    // A fresh nonce for every form shown: the old one stops working.
    let nonce = nonce();
    let page = SignInPage {
        layout: Layout::new("Sign in", "sign-in", request, state),
        csrf: sign(&["sign-in", &nonce]),
        next: next.to_owned(),
        error,
    };
    let mut response = render(status, &page)?;
    response
        .add_cookie(&cookie(request, SIGN_IN_COOKIE, nonce, SIGN_IN_SECS))
        .map_err(|err| PageError::Internal(err.to_string()))?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `GET /sign-in[?next=/path]`: the sign-in form.
pub async fn form(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let pairs = super::query_pairs(&request);
    let next = pairs
        .iter()
        .find(|(key, _)| key == "next")
        .and_then(|(_, value)| safe_local_path(value))
        .unwrap_or("")
        .to_owned();
    sign_in_page(&request, &state, StatusCode::OK, &next, None)
}

/// `POST /sign-in`: checks the form's CSRF token and the institution token; on success
/// sets the session cookie and goes to `next` (or the institution's decisions).
pub async fn sign_in(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let fields = form_fields(&body);
    let next = field(&fields, "next")
        .and_then(safe_local_path)
        .unwrap_or("")
        .to_owned();
    let form_nonce = request.cookie(SIGN_IN_COOKIE);
    let csrf_ok = match (&form_nonce, field(&fields, "csrf")) {
        (Some(nonce), Some(token)) => verify(&["sign-in", nonce.value()], token),
        _ => false,
    };
    if !csrf_ok {
        return sign_in_page(
            &request,
            &state,
            StatusCode::FORBIDDEN,
            &next,
            Some(
                "The form expired or was not sent from this site. Enter your token again."
                    .to_owned(),
            ),
        );
    }
    let secret = field(&fields, "token").unwrap_or("").trim();
    let Some(caller) = (!secret.is_empty())
        .then(|| crate::auth::caller_for_secret(secret, &state.config.tokens))
        .flatten()
    else {
        tracing::info!("page sign-in refused: the token is not valid");
        return sign_in_page(
            &request,
            &state,
            StatusCode::FORBIDDEN,
            &next,
            Some("That token is not valid. Check it and try again.".to_owned()),
        );
    };
    tracing::info!(token = %caller.token_id, institution = %caller.institution, "signed in on the pages");
    let expires = chrono::Utc::now().timestamp() + SESSION_SECS;
    let value = session_value(&caller.token_id, expires, &nonce());
    let location = if next.is_empty() {
        format!("/institutions/{}/decisions", caller.institution)
    } else {
        next
    };
    let mut response = HttpResponse::SeeOther();
    super::security_headers(&mut response);
    let mut clear = cookie(&request, SIGN_IN_COOKIE, String::new(), 0);
    clear.make_removal();
    Ok(response
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(cookie(&request, SESSION_COOKIE, value, SESSION_SECS))
        .cookie(clear)
        .finish())
}

/// `POST /sign-out`: clears the session cookie (the form carries the CSRF token).
pub async fn sign_out(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let fields = form_fields(&body);
    let session = require_session(&request, &state, &fields)?;
    tracing::info!(token = %session.caller.token_id, "signed out on the pages");
    let mut clear = cookie(&request, SESSION_COOKIE, String::new(), 0);
    clear.make_removal();
    let mut response = HttpResponse::SeeOther();
    super::security_headers(&mut response);
    Ok(response
        .insert_header((header::LOCATION, "/"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(clear)
        .finish())
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
        }]
    }

    #[test]
    fn a_signed_session_is_read_back() {
        let value = session_value("tu-officer", 2_000, "00ff");
        let session = parse_session(&value, &tokens(), 1_000).expect("valid session");
        assert_eq!(session.caller.institution, "demo-tu");
        assert!(session.check_csrf(&session.csrf_token()));
        assert!(!session.check_csrf("00"));
        assert!(!session.check_csrf("not hex"));
    }

    #[test]
    fn expired_tampered_or_unknown_sessions_are_refused() {
        let value = session_value("tu-officer", 2_000, "00ff");
        assert!(parse_session(&value, &tokens(), 2_000).is_none(), "expired");
        let later = value.replacen("2000", "9000", 1);
        assert!(
            parse_session(&later, &tokens(), 1_000).is_none(),
            "expiry changed"
        );
        let other = session_value("someone-else", 2_000, "00ff");
        assert!(
            parse_session(&other, &tokens(), 1_000).is_none(),
            "token not configured"
        );
        assert!(parse_session("a.b.c", &tokens(), 1_000).is_none());
        assert!(parse_session("", &tokens(), 1_000).is_none());
    }

    #[test]
    fn csrf_tokens_are_bound_to_their_nonce() {
        let a = Session {
            caller: crate::auth::caller_of(&tokens()[0]),
            nonce: "aa".to_owned(),
        };
        let b = Session {
            nonce: "bb".to_owned(),
            ..a.clone()
        };
        assert!(!b.check_csrf(&a.csrf_token()));
    }
}
