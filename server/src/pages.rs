//! The web pages for people: search, a credential, equivalents and comparison, recognition
//! decisions, sign-in and the sources' feed quality, rendered on the server.
//!
//! Pages call the same indexer functions as the JSON API (never the API over HTTP) and
//! work without JavaScript; `static/app.js` only makes facet ticks update the results in
//! place. Templates are askama files under `server/templates/`, compiled into the binary
//! and checked at build time; askama escapes every value unless a template says `|safe`,
//! which it says only for two things that are already safe HTML: search snippets (escaped
//! by the index, matches in `<b>`) and `description_html` (sanitised by ammonia at
//! harvest).
//!
//! Every page answer carries a Content-Security-Policy that allows scripts and styles only
//! from this server (no inline script, no inline style), and the usual hardening headers
//! ([`security_headers`]). Harvested URLs become links only when they are `http(s)`
//! ([`safe_url`]).
//!
//! - [`search`]: `/`, the search page with facets, ranges and pagination.
//! - [`credential`]: `/credentials/{id}` and `/credentials/{id}/equivalents`.
//! - [`recognise`]: `/recognise`, where an officer starts: find the credential held by
//!   its words.
//! - [`upload`]: `/recognise/upload`, a credential file the student brought, uploaded
//!   or pasted, held for the session and then looked up like a harvested one.
//! - [`compare`]: `/compare?a=&b=`, two credentials side by side.
//! - [`portfolio`]: `/portfolio`, "will my credentials count?": a learner's portfolio kept
//!   in their browser, answered Match / Maybe / Miss for the institution they choose.
//! - [`sources`]: `/sources`, every source in one table; [`source`]: `/sources/{id}`, one
//!   source's page (runs, feed quality, harvest now, check a file or the endpoint);
//!   [`feeds`]: its runs as an Atom feed; [`guide`]: `/docs/publishing`, the publishing
//!   guide.
//! - [`decisions`]: recognition decisions per credential and per institution.
//! - [`decision`]: `/decisions/{id}`, one decision with its history; revise, confirm it
//!   still holds, withdraw after confirming with a reason.
//! - [`case_file`]: `/decisions/{id}/case-file`, a decision's case file for the
//!   student's file, laid out for A4 (print, or save as PDF from the browser).
//! - [`agreements`]: `/agreements/{from}/{to}`, what one institution decided about
//!   another's credentials.
//! - [`records`]: a credential in brief, loaded by id.
//! - [`session`]: the session cookie and CSRF tokens; [`sign_in`]: signing in and out.
//! - [`assets`]: the stylesheet and script, compiled in.
//! - [`i18n`]: the interface language: its choice, messages, dates and numbers.
//! - [`shared`]: what every page shares: the layout, rendering, errors, security headers.

pub mod agreements;
pub mod assets;
pub mod case_file;
pub mod compare;
pub mod credential;
pub mod decision;
pub mod decisions;
pub mod feeds;
pub mod guide;
pub mod i18n;
pub mod portfolio;
pub mod recognise;
pub mod records;
pub mod search;
pub mod session;
pub mod shared;
pub mod sign_in;
pub mod source;
pub mod sources;
pub mod upload;

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use self::shared::PageError;

/// Registers the pages' routes (beside the API's; no path overlaps `/api/v1` or `/health`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(search::page))
        .route("/credentials/{id}", web::get().to(credential::page))
        .route(
            "/credentials/{id}/equivalents",
            web::get().to(credential::equivalents),
        )
        .route(
            "/credentials/{id}/decisions",
            web::post().to(decisions::record),
        )
        .route("/decisions/{id}", web::get().to(decision::page))
        .route("/decisions/{id}/case-file", web::get().to(case_file::page))
        .route("/decisions/{id}/revise", web::post().to(decision::revise))
        .route(
            "/decisions/{id}/withdraw",
            web::get().to(decision::confirm_withdrawal),
        )
        .route(
            "/decisions/{id}/withdraw",
            web::post().to(decision::withdraw),
        )
        .route("/recognise", web::get().to(recognise::page))
        .route(
            "/recognise/suggestions",
            web::get().to(recognise::suggestions),
        )
        .route(upload::PATH, web::get().to(upload::form))
        .route(upload::PATH, web::post().to(upload::upload))
        .route("/recognise/upload/forget", web::post().to(upload::forget))
        .route("/compare", web::get().to(compare::page))
        .route("/portfolio", web::get().to(portfolio::page))
        .route("/portfolio", web::post().to(portfolio::change))
        .route("/portfolio/export.json", web::get().to(portfolio::export))
        .route("/sources", web::get().to(sources::page))
        .route("/sources/{id}", web::get().to(source::page))
        .route("/sources/{id}/harvest", web::post().to(source::harvest))
        .route("/sources/{id}/check", web::post().to(source::check_file))
        .route(
            "/sources/{id}/check-endpoint",
            web::post().to(source::check_endpoint),
        )
        .route("/sources/{id}/runs.atom", web::get().to(feeds::runs))
        .route("/docs/{name}", web::get().to(guide::page))
        .route(
            "/institutions/{institution}/decisions",
            web::get().to(decisions::by_institution),
        )
        .route("/agreements/{from}/{to}", web::get().to(agreements::page))
        .route("/sign-in", web::get().to(sign_in::form))
        .route("/sign-in", web::post().to(sign_in::sign_in))
        .route("/sign-out", web::post().to(sign_in::sign_out))
        .route("/static/{file}", web::get().to(static_file))
        .route("/favicon.ico", web::get().to(favicon));
}

/// `GET /static/{file}`: `app.css` or `app.js` ([`assets`]).
async fn static_file(path: web::Path<String>) -> Result<HttpResponse, PageError> {
    let (content_type, body) = assets::file(path.as_str())
        .ok_or_else(|| PageError::NotFound(format!("no static file {:?}", path.as_str())))?;
    let mut response = HttpResponse::Ok();
    shared::security_headers(&mut response);
    Ok(response
        .insert_header((header::CONTENT_TYPE, content_type))
        // The URL carries the content's version, so a changed file has a new URL.
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(body))
}

/// `GET /favicon.ico`: the icon browsers ask for on every page.
async fn favicon() -> HttpResponse {
    let mut response = HttpResponse::Ok();
    shared::security_headers(&mut response);
    response
        .insert_header((header::CONTENT_TYPE, "image/x-icon"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(assets::FAVICON_ICO)
}

/// What a path nobody serves answers: a page for a browser (it asks for HTML), JSON
/// for every other client and for anything under `/api/`.
pub async fn not_found(request: actix_web::HttpRequest) -> HttpResponse {
    use actix_web::ResponseError;
    let path = request.path().to_owned();
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if wants_html && !path.starts_with("/api/") {
        return PageError::NotFound(i18n::t1("error-not-found-page", "path", path))
            .error_response();
    }
    crate::error::ApiError::NotFound("no such page; the API lives under /api/v1".to_owned())
        .error_response()
}
