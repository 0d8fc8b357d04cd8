//! The pages' stylesheet and script, compiled into the binary (`server/static/`), served
//! at `/static/{file}` with a content version in the URL so they can be cached for long.
//!
//! No CDN and no build step: what is in the repository is what browsers get.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

use super::PageError;

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");

fn versioned(file: &str, content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    let version: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("/static/{file}?v={version}")
}

/// The stylesheet's URL, with its content version.
pub fn css_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| versioned("app.css", CSS))
}

/// The script's URL, with its content version.
pub fn js_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| versioned("app.js", JS))
}

/// `GET /static/{file}`: `app.css` or `app.js`.
pub async fn serve(path: web::Path<String>) -> Result<HttpResponse, PageError> {
    let (content_type, body) = match path.as_str() {
        "app.css" => ("text/css; charset=utf-8", CSS),
        "app.js" => ("text/javascript; charset=utf-8", JS),
        other => return Err(PageError::NotFound(format!("no static file {other:?}"))),
    };
    let mut response = HttpResponse::Ok();
    super::security_headers(&mut response);
    Ok(response
        .insert_header((header::CONTENT_TYPE, content_type))
        // The URL carries the content's version, so a changed file has a new URL.
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(body))
}
