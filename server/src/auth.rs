//! Who is calling: bearer tokens checked against the configured SHA-256 hashes.
//!
//! Tokens are never stored: the configuration holds their SHA-256, the presented token is
//! hashed and compared with every configured hash in constant time, so neither the
//! comparison nor the number of tokens checked leaks which bytes matched.

use actix_web::HttpRequest;
use actix_web::http::header::AUTHORIZATION;
use recognition::decisions::Viewer;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::ApiError;

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The token's configured id (for the audit trail).
    pub token_id: String,
    /// The institution it acts for.
    pub institution: String,
    /// Whether it may act for every source.
    pub admin: bool,
    /// The officer a personal token belongs to (`None`: an institution's API token).
    pub person: Option<String>,
}

impl Caller {
    /// Whether the caller may act for `institution` (its own, or any if admin).
    pub fn may_act_for(&self, institution: &str) -> bool {
        self.admin || self.institution == institution
    }

    /// The caller as a viewer of recorded decisions ([`recognition::decisions::visible`]).
    pub fn viewer(&self) -> Viewer<'_> {
        Viewer {
            institution: Some(&self.institution),
            admin: self.admin,
        }
    }
}

/// Who looks at decisions: `caller`, or nobody signed in.
pub fn viewer_of(caller: Option<&Caller>) -> Viewer<'_> {
    caller.map_or(Viewer::ANONYMOUS, Caller::viewer)
}

/// The caller of `request`, or 401 if it presents no valid bearer token.
pub fn authenticate(
    request: &HttpRequest,
    tokens: &[config::ApiToken],
) -> Result<Caller, ApiError> {
    let header = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .ok_or(ApiError::Unauthorized(
            "this endpoint needs `Authorization: Bearer <token>`",
        ))?;
    let secret = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|secret| !secret.is_empty())
        .ok_or(ApiError::Unauthorized(
            "the Authorization header must be `Bearer <token>`",
        ))?;
    caller_for_secret(secret, tokens).ok_or(ApiError::Unauthorized("the token is not valid"))
}

/// The caller of `request` if it presents a bearer token (401 if that token is not
/// valid), `None` if it presents none: for endpoints anyone may call whose answer a
/// signed-in institution sees more of (its private decisions).
pub fn optional_caller(
    request: &HttpRequest,
    tokens: &[config::ApiToken],
) -> Result<Option<Caller>, ApiError> {
    if request.headers().get(AUTHORIZATION).is_none() {
        return Ok(None);
    }
    authenticate(request, tokens).map(Some)
}

/// The caller a presented token secret stands for, if it is a configured token: the
/// secret is hashed and compared with every configured hash in constant time. Shared by
/// bearer authentication and the pages' sign-in form.
pub fn caller_for_secret(secret: &str, tokens: &[config::ApiToken]) -> Option<Caller> {
    let presented: [u8; 32] = Sha256::digest(secret.as_bytes()).into();
    let mut found: Option<&config::ApiToken> = None;
    for token in tokens {
        if bool::from(token.sha256.ct_eq(&presented)) {
            found = Some(token);
        }
    }
    found.map(caller_of)
}

/// The caller of a configured token.
pub fn caller_of(token: &config::ApiToken) -> Caller {
    Caller {
        token_id: token.id.clone(),
        institution: token.institution.clone(),
        admin: token.admin,
        person: token.person.clone(),
    }
}

/// The SHA-256 of a token as 64 hex digits, as the configuration wants it.
pub fn token_hash_hex(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
