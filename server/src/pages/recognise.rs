//! `/recognise`: where a recognition officer starts when a student brings a credential —
//! find it by its title, code or institution (no ids), then its equivalents at her
//! institution, the comparison, and the decision recorded there. [`find`] is also how
//! the comparison page reads a title typed where an id was expected.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use model::SourceId;
use search::SearchRequest;

use super::records::Summary;
use super::shared::{Layout, PageError, render};
use crate::state::AppState;

/// Credentials a search for the one held lists at most.
pub const FOUND_AT_MOST: usize = 20;
/// Suggestions listed under a field as the officer types, at most.
const SUGGESTED_AT_MOST: usize = 8;

/// Whose credentials [`find`] looks among.
#[derive(Debug, Clone, Copy)]
pub enum Among<'a> {
    /// Every source's.
    All,
    /// Every source's but this one (the officer's own institution: the credential a
    /// student brings is another's).
    Others(&'a SourceId),
    /// This source's only (the officer's own catalogue, to choose an equivalent from).
    Own(&'a SourceId),
}

/// The credentials whose title, code, institution or text match `query`, best first,
/// at most `limit`, among those `among` says; when `typing`, the query's last word also
/// matches the beginning of longer words (the field is still being typed). Blocking.
pub fn find(
    state: &AppState,
    query: &str,
    among: Among<'_>,
    limit: usize,
    typing: bool,
    languages: &[String],
) -> Result<Vec<Summary>, indexer::IndexerError> {
    let answer = state.search(
        &SearchRequest {
            query: query.to_owned(),
            typing,
            // Room for the officer's own credentials, left out after the search.
            limit: 2 * limit,
            sources: match among {
                Among::Own(source) => vec![source.clone()],
                Among::All | Among::Others(_) => Vec::new(),
            },
            ..SearchRequest::default()
        },
        languages,
    )?;
    Ok(answer
        .hits
        .iter()
        .filter(|hit| match among {
            Among::Others(own) => hit.id.source() != own.as_str(),
            Among::All | Among::Own(_) => true,
        })
        .take(limit)
        .map(|hit| {
            Summary::of_hit(
                &hit.id,
                &hit.credential,
                &state.config.institutions,
                languages,
                super::i18n::current(),
            )
        })
        .collect())
}

#[derive(Template)]
#[template(path = "recognise.html")]
struct RecognisePage {
    layout: Layout,
    query: String,
    /// `None` before a search.
    found: Option<Vec<Summary>>,
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
        return Err(PageError::BadRequest(super::i18n::t1(
            "error-search-too-long",
            "bytes",
            crate::params::MAX_QUERY_BYTES,
        )));
    }
    let session = super::session::current(&request, &state.config.tokens);
    let own = session
        .as_ref()
        .and_then(|session| state.config.source(&session.caller.institution))
        .map(|source| (source.id.clone(), source.institution.clone()));
    let languages = super::i18n::content_languages(&request);
    let found = if query.is_empty() {
        None
    } else {
        let app = state.get_ref().clone();
        let (wanted, leave_out) = (query.clone(), own.as_ref().map(|(id, _)| id.clone()));
        Some(
            super::i18n::block(move || {
                let among = leave_out.as_ref().map_or(Among::All, Among::Others);
                find(&app, &wanted, among, FOUND_AT_MOST, false, &languages)
            })
            .await??,
        )
    };
    let title = if query.is_empty() {
        super::i18n::t("recognise-heading")
    } else {
        super::i18n::t1("recognise-title-with-query", "query", &query)
    };
    let page = RecognisePage {
        layout: Layout::new(title, "recognise", &request, &state),
        query,
        found,
        institution: own.map(|(_, name)| name),
    };
    render(StatusCode::OK, &page)
}

/// One suggestion, as the pages' script lists it under a field as the officer types.
#[derive(Debug, serde::Serialize)]
struct Suggestion {
    id: String,
    title: String,
    lang: String,
    /// Institution, country, credits and level, as one line.
    detail: String,
    /// The next step: the credential's equivalents (a credential held) or its page.
    href: String,
}

/// The line under a credential's title in a list: `lead` (how well it matches), its
/// institution and country (when `institution`), credits and level.
pub fn detail(found: &Summary, institution: bool, lead: Option<&str>) -> String {
    let mut parts: Vec<String> = lead.map(str::to_owned).into_iter().collect();
    if institution {
        parts.push(match (&found.institution, &found.country) {
            (Some(name), Some(country)) => format!("{}, {country}", name.text),
            (Some(name), None) => name.text.clone(),
            (None, _) => super::i18n::t("credential-awarding-body-not-stated"),
        });
    }
    parts.extend(found.ects.clone());
    parts.extend(
        found
            .eqf
            .map(|level| super::i18n::t1("compare-eqf-level", "level", level)),
    );
    if parts.is_empty() {
        parts.push(super::i18n::t("recognise-credits-level-not-stated"));
    }
    parts.join(" · ")
}

/// `GET /recognise/suggestions?q=&among=others|own`: the credentials matching the words
/// typed so far, as JSON for the pages' script (a search-as-you-type list; the pages work
/// without it). `others` (the default): a credential a student holds, the signed-in
/// officer's own institution left out; `own`: the officer's own credentials, to choose an
/// equivalent from (signed in only).
pub async fn suggestions(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let pairs = super::shared::query_pairs(&request);
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
    };
    let query = value("q").unwrap_or_default();
    if query.len() > crate::params::MAX_QUERY_BYTES {
        return Err(PageError::BadRequest(format!(
            "the search is longer than {} bytes",
            crate::params::MAX_QUERY_BYTES
        )));
    }
    let own_only = match value("among").as_deref() {
        None | Some("others") => false,
        Some("own") => true,
        Some(other) => {
            return Err(PageError::BadRequest(format!(
                "among must be \"others\" or \"own\", not {other:?}"
            )));
        }
    };
    let session = super::session::current(&request, &state.config.tokens);
    let own = session
        .as_ref()
        .and_then(|session| state.config.source(&session.caller.institution))
        .map(|source| source.id.clone());
    if own_only && own.is_none() {
        return Err(PageError::Forbidden(
            "sign in as an officer of an institution that publishes its credentials here to search them".to_owned(),
        ));
    }
    let languages = super::i18n::content_languages(&request);
    let found = if query.chars().count() < 2 {
        Vec::new()
    } else {
        let app = state.get_ref().clone();
        super::i18n::block(move || {
            let among = match (&own, own_only) {
                (Some(source), true) => Among::Own(source),
                (Some(source), false) => Among::Others(source),
                (None, _) => Among::All,
            };
            find(&app, &query, among, SUGGESTED_AT_MOST, true, &languages)
        })
        .await??
    };
    let listed: Vec<Suggestion> = found
        .iter()
        .map(|found| Suggestion {
            id: found.id.clone(),
            title: found.title.text.clone(),
            lang: found.title.lang.clone(),
            detail: detail(found, !own_only, None),
            href: if own_only {
                format!("/credentials/{}", found.id)
            } else {
                format!("/credentials/{}/equivalents", found.id)
            },
        })
        .collect();
    let mut response = HttpResponse::Ok();
    super::shared::security_headers(&mut response);
    Ok(response
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(listed))
}
