//! `/recognise`: where a recognition officer starts when a student brings a credential —
//! find it by its title, code or institution (no ids), then its equivalents at her
//! institution, the comparison, and the decision recorded there. [`find`] is also how
//! the comparison page reads a title typed where an id was expected.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use model::SourceId;
use search::{Facet, SearchRequest};

use super::shared::{Layout, PageError, Text, render};
use crate::state::AppState;

/// Credentials a search for the one held lists at most.
const FOUND_AT_MOST: usize = 20;

/// A credential found by its words.
#[derive(Debug, Clone)]
pub struct Found {
    pub id: String,
    pub title: Text,
    pub institution: Option<Text>,
    pub country: Option<String>,
    pub ects: Option<String>,
    pub eqf: Option<u8>,
}

/// The credentials whose title, code, institution or text match `query`, best first,
/// those of `leave_out` (an officer's own institution) left out. Blocking.
pub fn find(
    state: &AppState,
    query: &str,
    leave_out: Option<&SourceId>,
    languages: &[String],
) -> Result<Vec<Found>, indexer::IndexerError> {
    let answer = state.search(&SearchRequest {
        query: query.to_owned(),
        limit: 2 * FOUND_AT_MOST,
        ..SearchRequest::default()
    })?;
    Ok(answer
        .hits
        .iter()
        .filter(|hit| leave_out.is_none_or(|own| hit.id.source() != own.as_str()))
        .take(FOUND_AT_MOST)
        .map(|hit| {
            let credential = &hit.credential;
            Found {
                id: hit.id.to_string(),
                title: Text::best(&credential.title, languages)
                    .unwrap_or_else(super::records::untitled),
                institution: super::shared::awarding_body(
                    &credential.awarding_body.name,
                    credential.assumed.unverified_awarding_body,
                    languages,
                ),
                country: credential
                    .awarding_body
                    .country
                    .as_ref()
                    .map(|country| Facet::Country.label(country.as_str())),
                ects: credential
                    .credits
                    .as_ref()
                    .map(super::records::credits_text),
                eqf: credential.eqf_level.map(|level| level.get()),
            }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "recognise.html")]
struct RecognisePage {
    layout: Layout,
    query: String,
    /// `None` before a search.
    found: Option<Vec<Found>>,
    /// The signed-in officer's institution, whose candidates the next step shows.
    institution: Option<String>,
}

/// `GET /recognise?q=`.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let query = super::shared::query_pairs(&request)
        .into_iter()
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.trim().to_owned())
        .unwrap_or_default();
    if query.len() > crate::params::MAX_QUERY_BYTES {
        return Err(PageError::BadRequest(format!(
            "the search is longer than {} bytes",
            crate::params::MAX_QUERY_BYTES
        )));
    }
    let session = super::session::current(&request, &state.config.tokens);
    let own = session
        .as_ref()
        .and_then(|session| state.config.source(&session.caller.institution))
        .map(|source| (source.id.clone(), source.institution.clone()));
    let languages = crate::views::accept_languages(&request);
    let found = if query.is_empty() {
        None
    } else {
        let app = state.get_ref().clone();
        let (wanted, leave_out) = (query.clone(), own.as_ref().map(|(id, _)| id.clone()));
        Some(web::block(move || find(&app, &wanted, leave_out.as_ref(), &languages)).await??)
    };
    let title = if query.is_empty() {
        "Recognise a credential".to_owned()
    } else {
        format!("Recognise a credential: {query}")
    };
    let page = RecognisePage {
        layout: Layout::new(title, "recognise", &request, &state),
        query,
        found,
        institution: own.map(|(_, name)| name),
    };
    render(StatusCode::OK, &page)
}
