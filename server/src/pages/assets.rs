//! The pages' stylesheet, script and icon, compiled into the binary (`server/static/`), served
//! at `/static/{file}` with a content version in the URL so they can be cached for long.
//!
//! No CDN and no build step: what is in the repository is what browsers get.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");
/// The icon, as browsers ask for it at `/favicon.ico` (32 × 32, ICO).
pub const FAVICON_ICO: &[u8] = include_bytes!("../../static/favicon.ico");
const FAVICON_SVG: &str = include_str!("../../static/favicon.svg");

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

/// The content type and body of a static file (`app.css`, `app.js`, `favicon.svg`), if
/// it is one.
pub fn file(name: &str) -> Option<(&'static str, &'static [u8])> {
    match name {
        "app.css" => Some(("text/css; charset=utf-8", CSS.as_bytes())),
        "app.js" => Some(("text/javascript; charset=utf-8", JS.as_bytes())),
        "favicon.svg" => Some(("image/svg+xml", FAVICON_SVG.as_bytes())),
        _ => None,
    }
}
