//! `GET /api/v1/search`: full-text search over every harvested record.

use actix_web::{HttpRequest, HttpResponse, web};
use indexer::SearchRequest;

use super::{number_param, query_pairs, refuse_unknown};
use crate::app::AppState;
use crate::error::ApiError;
use crate::views::{HitView, SearchView};

/// Hits per page at most.
pub const MAX_PER_PAGE: u64 = 100;
/// How deep pagination may go (page × per_page), to bound the cost of a request.
pub const MAX_DEPTH: u64 = 10_000;

/// `q` (optional; empty lists everything), `page` (from 1), `per_page` (1 to 100).
pub async fn search(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = query_pairs(request.query_string());
    refuse_unknown(&pairs, &["q", "page", "per_page"])?;
    let query = pairs
        .iter()
        .find(|(key, _)| key == "q")
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    if query.len() > 1000 {
        return Err(ApiError::bad_parameter(
            "q",
            "`q` is longer than 1000 characters",
        ));
    }
    let per_page = number_param(&pairs, "per_page", 20, 1, MAX_PER_PAGE)?;
    let page = number_param(&pairs, "page", 1, 1, MAX_DEPTH)?;
    if page * per_page > MAX_DEPTH {
        return Err(ApiError::bad_parameter(
            "page",
            format!("results are paged up to {MAX_DEPTH} hits deep; narrow the search instead"),
        ));
    }
    let indexer = state.indexer.clone();
    let languages = crate::views::accept_languages(&request);
    let view = web::block(move || -> Result<SearchView, ApiError> {
        let results = indexer.index().search(&SearchRequest {
            query,
            offset: ((page - 1) * per_page) as usize,
            limit: per_page as usize,
        })?;
        let mut hits = Vec::with_capacity(results.hits.len());
        for hit in &results.hits {
            // A hit whose record is gone (a commit racing a read) is skipped, not an error.
            let Some(record) = indexer.store().get(&hit.id)? else {
                continue;
            };
            let Some(credential) = &record.credential else {
                continue;
            };
            let snippet = results.snippet(credential);
            hits.push(HitView::new(
                &record, credential, hit.score, snippet, &languages,
            ));
        }
        Ok(SearchView {
            total: results.total,
            page,
            per_page,
            hits,
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(view))
}
