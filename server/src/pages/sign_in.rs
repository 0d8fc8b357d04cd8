//! `/sign-in` and `/sign-out`: signing in with an institution's API token (checked as a
//! bearer token is, never stored), and the session a form post must carry.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::session::{
    SESSION_COOKIE, SESSION_SECS, SIGN_IN_COOKIE, SIGN_IN_SECS, Session, cookie, current, field,
    form_fields, nonce, session_value, sign, verify,
};
use super::shared::{Layout, PageError, render, safe_local_path};
use crate::state::AppState;

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
    /// The demo officer's public token, on the bundled demo only.
    demo_token: Option<&'static str>,
    /// The name of the institution signed in for, if any.
    signed_in_name: String,
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
    let layout = Layout::new(super::i18n::t("sign-in-heading"), "sign-in", request, state);
    let signed_in_name = layout
        .signed_in
        .as_ref()
        .map(|signed| {
            state.config.source(&signed.institution).map_or_else(
                || signed.institution.clone(),
                |source| source.institution.clone(),
            )
        })
        .unwrap_or_default();
    let page = SignInPage {
        layout,
        signed_in_name,
        csrf: sign(&["sign-in", &nonce]),
        next: next.to_owned(),
        error,
        demo_token: state.config.demo.then_some(config::demo::OFFICER_TOKEN),
    };
    super::session::uncached_with_cookie(
        render(status, &page)?,
        Some(cookie(request, SIGN_IN_COOKIE, nonce, SIGN_IN_SECS)),
    )
}

/// `GET /sign-in[?next=/path]`: the sign-in form.
pub async fn form(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let pairs = super::shared::query_pairs(&request);
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
            Some(super::i18n::t("sign-in-form-expired")),
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
            Some(super::i18n::t("sign-in-token-not-valid")),
        );
    };
    // Officers sign in as themselves; an institution's API token is for programs.
    if caller.person.is_none() {
        tracing::info!(token = %caller.token_id, "page sign-in refused: not a personal token");
        return sign_in_page(
            &request,
            &state,
            StatusCode::FORBIDDEN,
            &next,
            Some(super::i18n::t("sign-in-api-token")),
        );
    }
    tracing::info!(token = %caller.token_id, institution = %caller.institution, "signed in on the pages");
    let expires = chrono::Utc::now().timestamp() + SESSION_SECS;
    let value = session_value(&caller.token_id, expires, &nonce());
    let location = if next.is_empty() {
        format!("/institutions/{}/decisions", caller.institution)
    } else {
        next
    };
    let mut response = HttpResponse::SeeOther();
    super::shared::security_headers(&mut response);
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
    let now = chrono::Utc::now().timestamp();
    state.sessions.revoke(&session, now);
    if field(&fields, "everywhere") == Some("true") {
        state.sessions.revoke_all(&session.caller.token_id, now);
        tracing::info!(token = %session.caller.token_id, "signed out everywhere on the pages");
    } else {
        tracing::info!(token = %session.caller.token_id, "signed out on the pages");
    }
    let mut clear = cookie(&request, SESSION_COOKIE, String::new(), 0);
    clear.make_removal();
    let mut response = HttpResponse::SeeOther();
    super::shared::security_headers(&mut response);
    Ok(response
        .insert_header((header::LOCATION, "/"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(clear)
        .finish())
}
