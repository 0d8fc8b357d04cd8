//! `GET /api/v1/search`: full-text search over every harvested record, with facets and
//! filters; `POST /api/v1/search/reindex`: rebuild the index while search keeps serving.
//!
//! Parameters of `GET /api/v1/search` (all optional; a bad value is a 400 naming it):
//!
//! | parameter | meaning |
//! |-----------|---------|
//! | `q` | the query: words (all required), `"phrases"`, `-excluded`, `title:`/`outcome:`/`description:` prefixes; typos of words of 5+ letters are tolerated |
//! | `lang` | search only text in this language (and untagged text) |
//! | `country`, `institution`, `eqf_level`, `ects`, `isced_broad`, `isced_narrow`, `language`, `participation`, `kind`, `assessment`, `quality_assurance`, `has_learning_outcomes` | facet filters, repeatable: OR within a parameter, AND across |
//! | `institution` | an institution's key (the facet's `value`: its SCHAC code when configured, else its source's id), or for compatibility one of its names in any language; the institution's records whatever language names it |
//! | `ects_min`, `ects_max` | ECTS credits, decimals allowed |
//! | `eqf_min`, `eqf_max` | EQF level, 1 to 8 |
//! | `starts_after` | `YYYY-MM-DD`: an offer starts after that day |
//! | `updated_since` | `YYYY-MM-DD` or RFC 3339: stored or changed since |
//! | `cost_max` | an offer costs at most this many euros (`0`: free of charge) |
//! | `duration_min_weeks`, `duration_max_weeks` | an offer lasts at least / at most this many weeks, 1 to 520 |
//! | `open_now` | `true`: an offer can still be applied to today |
//! | `include_unstated` | elements (`eqf_level`, `ects`, `start_date`, `cost`, `duration`, `application_deadline`, a facet's name; repeatable or comma-separated) whose filters also let in the records that do not state them |
//! | `sort` | `relevance` (default), `ects`, `eqf_level`, `title`, `updated`, `start` (the next start of an offer, soonest first), each with `:asc` or `:desc` |
//! | `page`, `per_page` | from 1; 1 to 100 per page, at most 10 000 hits deep; a page past the end is empty |
//!
//! The answer is a [`SearchView`]: `total` (exact), `page`, `per_page`, `hits` (each with
//! an HTML-safe `snippet` and the `snippet_field` it was cut from, its languages of
//! instruction, the `next_offer`: start, end, deadline, form and price as stated, and its
//! `institution` named in the visitor's language with its `institution_key`) and
//! `facets`, every facet's values as `{ value, label, count, selected }`, each facet
//! counted with its own selection ignored (the institution facet has one value per
//! institution, keyed as the filter takes it: a publisher's records are counted together
//! whichever language they name it in; an awarding body that is not a configured
//! institution is keyed `name:…`, and one claimed by a source not registered to publish
//! for it `claim:…`), and `unstated`: for each element filtered on (a facet selection, or
//! `eqf_min`/`eqf_max` for `eqf_level`, `ects_min`/`ects_max` for `ects`, `starts_after`
//! for `start_date`), `{ element, count, included }`, the records matching everything
//! else that do not state it ("3 offers do not state their EQF level").

use actix_web::{HttpRequest, HttpResponse, web};
use search::SearchRequest;

use crate::error::ApiError;
use crate::params::{Params, Reading, SearchParams};
use crate::state::AppState;
use crate::views::{FacetValueView, FacetsView, HitView, ReindexView, SearchView, UnstatedView};

/// Reads and checks every parameter (strictly) into a request for the indexer, plus page
/// and per_page for the answer.
fn parse_request(pairs: &[(String, String)]) -> Result<(SearchRequest, u64, u64), ApiError> {
    let params = SearchParams::parse(Params::new(pairs, Reading::Strict), DEFAULT_PER_PAGE)?;
    Ok((params.search, params.page, params.per_page))
}

/// Hits per page when `per_page` is not given.
const DEFAULT_PER_PAGE: u64 = 20;

/// Answers a search: see the module documentation for the parameters.
pub async fn search(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = crate::params::query_pairs(request.query_string());
    let (search_request, page, per_page) = parse_request(&pairs)?;
    let app = state.get_ref().clone();
    let languages = crate::views::accept_languages(&request);
    let view = web::block(move || -> Result<SearchView, ApiError> {
        let answer = app.search(&search_request, &languages)?;
        let hits = answer
            .hits
            .iter()
            .map(|hit| HitView::new(hit, &app.config.institutions, &languages))
            .collect();
        let facets = FacetsView(
            answer
                .facets
                .iter()
                .map(|counts| {
                    let values = counts
                        .values
                        .iter()
                        .map(|value| FacetValueView {
                            value: value.value.clone(),
                            label: if crate::institutions::is_claim(&value.value) {
                                format!("{} (unverified claim)", value.label)
                            } else {
                                value.label.clone()
                            },
                            count: value.count,
                            selected: value.selected,
                        })
                        .collect();
                    (counts.facet.name(), values)
                })
                .collect(),
        );
        Ok(SearchView {
            total: answer.total,
            page,
            per_page,
            hits,
            facets,
            unstated: answer.unstated.iter().map(UnstatedView::new).collect(),
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(view))
}

/// Rebuilds the search index from the store into a new generation and switches to it;
/// searches keep being answered from the old one until the switch. Needs an admin token;
/// answers when the new index is in use.
pub async fn reindex(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let caller = crate::auth::authenticate(&request, &state.config.tokens)?;
    if !caller.admin {
        return Err(ApiError::Forbidden(
            "rebuilding the search index needs an admin token".to_owned(),
        ));
    }
    let started = std::time::Instant::now();
    tracing::info!(token_id = %caller.token_id, "search index rebuild requested");
    let indexed = state.indexer.reindex().await?;
    Ok(HttpResponse::Ok().json(ReindexView {
        indexed,
        seconds: started.elapsed().as_secs_f64(),
    }))
}

#[cfg(test)]
mod tests {
    use search::{Facet, Sort};

    use super::*;
    use crate::params::query_pairs;

    fn parse(query: &str) -> Result<(SearchRequest, u64, u64), String> {
        parse_request(&query_pairs(query)).map_err(|err| match err {
            ApiError::BadParameter { parameter, .. } => parameter,
            other => format!("{other:?}"),
        })
    }

    #[test]
    fn bad_parameters_are_named() {
        for (query, parameter) in [
            ("per_page=101", "per_page"),
            ("page=0", "page"),
            ("page=abc", "page"),
            ("page=1000&per_page=100", "page"),
            ("colour=red", "colour"),
            ("country=Germany", "country"),
            ("kind=diploma", "kind"),
            ("eqf_level=9", "eqf_level"),
            ("ects=7", "ects"),
            ("isced_broad=99x", "isced_broad"),
            ("ects_min=five", "ects_min"),
            ("ects_min=-1", "ects_min"),
            ("ects_min=NaN", "ects_min"),
            ("ects_min=10&ects_max=5", "ects_min"),
            ("eqf_min=0", "eqf_min"),
            ("eqf_max=9", "eqf_max"),
            ("eqf_min=7&eqf_max=6", "eqf_min"),
            ("starts_after=2027-13-01", "starts_after"),
            ("updated_since=yesterday", "updated_since"),
            ("sort=price", "sort"),
            ("lang=german!", "lang"),
            ("q=a&q=b", "q"),
            ("has_learning_outcomes=maybe", "has_learning_outcomes"),
            ("include_unstated=price", "include_unstated"),
            ("cost_max=cheap", "cost_max"),
            ("duration_max_weeks=0", "duration_max_weeks"),
            (
                "duration_min_weeks=8&duration_max_weeks=4",
                "duration_min_weeks",
            ),
            ("open_now=yes", "open_now"),
        ] {
            assert_eq!(parse(query).err().as_deref(), Some(parameter), "{query}");
        }
    }

    #[test]
    fn good_parameters_are_read() {
        let (request, page, per_page) = parse(
            "q=data&lang=de-AT&country=de&country=FR&country=DE&ects_min=2.5&eqf_max=7\
             &starts_after=2027-01-01&updated_since=2026-10-01T00:00:00Z&sort=ects:desc\
             &page=3&per_page=10",
        )
        .unwrap();
        assert_eq!(
            (page, per_page, request.offset, request.limit),
            (3, 10, 20, 10)
        );
        assert_eq!(request.lang.as_deref(), Some("de"));
        assert_eq!(request.selected(Facet::Country), ["DE", "FR"]);
        assert_eq!((request.ects_min, request.eqf_max), (Some(2.5), Some(7)));
        assert_eq!(request.starts_after.unwrap().to_string(), "2027-01-01");
        assert_eq!(
            request.updated_since.unwrap().to_rfc3339(),
            "2026-10-01T00:00:00+00:00"
        );
        assert_eq!(request.sort, Sort::parse("ects:desc").unwrap());
        let (request, _, _) = parse("updated_since=2026-10-01").unwrap();
        assert_eq!(
            request.updated_since.unwrap().to_rfc3339(),
            "2026-10-01T00:00:00+00:00"
        );
        let (request, page, per_page) = parse("").unwrap();
        assert_eq!((request.query.as_str(), page, per_page), ("", 1, 20));
        let (request, _, _) =
            parse("include_unstated=eqf_level,start_date&include_unstated=eqf_level").unwrap();
        assert_eq!(
            request.include_unstated,
            [
                search::Element::Facet(Facet::EqfLevel),
                search::Element::StartDate
            ]
        );
    }
}
