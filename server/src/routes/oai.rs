//! `GET|POST /oai`: the OAI-PMH 2.0 provider ([`crate::oai`]), and the XML schema of its
//! `clearinghouse-json` wrapper at `/oai/clearinghouse-json.xsd`.
//!
//! Protocol errors are answered with HTTP 200 and an `<error>` element, as OAI-PMH
//! requires; only a failing store gets 503 with `Retry-After`, the protocol's way of
//! saying "come back later".

use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::oai::token::TokenKey;
use crate::oai::{self, Repository};
use crate::params::query_pairs;
use crate::state::AppState;

const XML_CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// The repository identifier and base URL as the client reached us: the host without its
/// port (characters outside `[A-Za-z0-9.-]` dropped), `clearinghouse` if none is left.
fn repository_id(host: &str) -> String {
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let id: String = host
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
        .collect();
    if id.is_empty() {
        "clearinghouse".to_owned()
    } else {
        id
    }
}

/// The base URL (`…/oai`) and repository identifier, from where the clearinghouse is
/// published ([`crate::params::published_at`]).
fn published_as(request: &HttpRequest, public_url: Option<&url::Url>) -> (String, String) {
    let (base, host) = crate::params::published_at(request, public_url);
    (format!("{base}/oai"), repository_id(&host))
}

/// Answers a request given as a query string (GET) or a form-encoded body (POST).
pub async fn oai(
    state: web::Data<AppState>,
    request: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    let pairs = if request.method() == Method::POST {
        query_pairs(&String::from_utf8_lossy(&body))
    } else {
        query_pairs(request.query_string())
    };
    let (base_url, repository_id) = published_as(&request, state.config.server.public_url.as_ref());
    let state = state.get_ref().clone();
    let answer = web::block(move || -> anyhow::Result<String> {
        let key = TokenKey::for_data_dir(&state.config.data_dir)?;
        let repository = Repository {
            store: state.indexer.store(),
            sources: &state.config.sources,
            base_url,
            repository_id,
            key: &key,
            now: chrono::Utc::now(),
        };
        Ok(oai::respond(&repository, &pairs)?)
    })
    .await;
    match answer {
        Ok(Ok(xml)) => HttpResponse::Ok().content_type(XML_CONTENT_TYPE).body(xml),
        Ok(Err(err)) => unavailable(&err.to_string()),
        Err(err) => unavailable(&err.to_string()),
    }
}

fn unavailable(detail: &str) -> HttpResponse {
    tracing::error!(error = %detail, "oai-pmh request failed");
    HttpResponse::ServiceUnavailable()
        .insert_header(("Retry-After", "60"))
        .content_type("text/plain; charset=utf-8")
        .body("the repository cannot answer now; retry later\n")
}

/// The XML schema of the `clearinghouse-json` metadata wrapper.
pub async fn clearinghouse_json_schema() -> HttpResponse {
    HttpResponse::Ok()
        .content_type(XML_CONTENT_TYPE)
        .body(oai::CLEARINGHOUSE_JSON_XSD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_ids_come_from_the_host() {
        for (host, id) in [
            ("127.0.0.1:8080", "127.0.0.1"),
            ("clearinghouse.example.eu", "clearinghouse.example.eu"),
            ("[::1]:80", "1"),
            ("<bad>&", "bad"),
            ("", "clearinghouse"),
        ] {
            assert_eq!(repository_id(host), id, "{host}");
        }
    }
}
