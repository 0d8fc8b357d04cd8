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
//! | `ects_min`, `ects_max` | ECTS credits, decimals allowed |
//! | `eqf_min`, `eqf_max` | EQF level, 1 to 8 |
//! | `starts_after` | `YYYY-MM-DD`: an offer starts after that day |
//! | `updated_since` | `YYYY-MM-DD` or RFC 3339: stored or changed since |
//! | `sort` | `relevance` (default), `ects`, `eqf_level`, `title`, `updated`, each with `:asc` or `:desc` |
//! | `page`, `per_page` | from 1; 1 to 100 per page, at most 10 000 hits deep; a page past the end is empty |
//!
//! The answer is a [`SearchView`]: `total` (exact), `page`, `per_page`, `hits` (each with
//! an HTML-safe `snippet` and the `snippet_field` it was cut from) and `facets`, every
//! facet's values as `{ value, label, count, selected }`, each facet counted with its own
//! selection ignored.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};
use indexer::SearchRequest;
use indexer::search::{Facet, HitRecord, Sort};

use super::{number_param, query_pairs, refuse_unknown};
use crate::app::AppState;
use crate::error::ApiError;
use crate::views::{FacetValueView, FacetsView, HitView, ReindexView, SearchView};

/// Hits per page at most.
pub const MAX_PER_PAGE: u64 = 100;
/// How deep pagination may go (page × per_page), to bound the cost of a request.
pub const MAX_DEPTH: u64 = 10_000;
/// Longest query text, in bytes.
pub const MAX_QUERY_BYTES: usize = 1000;

/// Parameters that are not facets.
const PLAIN_PARAMETERS: [&str; 11] = [
    "q",
    "lang",
    "page",
    "per_page",
    "sort",
    "ects_min",
    "ects_max",
    "eqf_min",
    "eqf_max",
    "starts_after",
    "updated_since",
];

fn known_parameters() -> Vec<&'static str> {
    let mut known: Vec<&'static str> = PLAIN_PARAMETERS.to_vec();
    known.extend(Facet::ALL.iter().map(|facet| facet.name()));
    known
}

/// The one value of a parameter that may be given once, if given.
fn single<'a>(pairs: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, ApiError> {
    let mut values = pairs.iter().filter(|(key, _)| key == name);
    let first = values.next().map(|(_, value)| value.as_str());
    if values.next().is_some() {
        return Err(ApiError::bad_parameter(
            name,
            format!("`{name}` is given more than once"),
        ));
    }
    Ok(first)
}

fn decimal_param(pairs: &[(String, String)], name: &str) -> Result<Option<f64>, ApiError> {
    let Some(text) = single(pairs, name)? else {
        return Ok(None);
    };
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
        _ => Err(ApiError::bad_parameter(
            name,
            format!("`{name}` must be a number of credits such as 5 or 2.5, not {text:?}"),
        )),
    }
}

fn level_param(pairs: &[(String, String)], name: &str) -> Result<Option<u8>, ApiError> {
    if single(pairs, name)?.is_none() {
        return Ok(None);
    }
    Ok(Some(number_param(pairs, name, 1, 1, 8)? as u8))
}

fn date_param(pairs: &[(String, String)], name: &str) -> Result<Option<NaiveDate>, ApiError> {
    let Some(text) = single(pairs, name)? else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            ApiError::bad_parameter(
                name,
                format!("`{name}` must be a date YYYY-MM-DD, not {text:?}"),
            )
        })
}

fn instant_param(
    pairs: &[(String, String)],
    name: &str,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let Some(text) = single(pairs, name)? else {
        return Ok(None);
    };
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(instant.with_timezone(&Utc)));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|day| Some(day.and_time(chrono::NaiveTime::MIN).and_utc()))
        .map_err(|_| {
            ApiError::bad_parameter(
                name,
                format!("`{name}` must be a date YYYY-MM-DD or an RFC 3339 time, not {text:?}"),
            )
        })
}

/// Reads and checks every parameter into a request for the indexer, plus page and
/// per_page for the answer.
fn parse_request(pairs: &[(String, String)]) -> Result<(SearchRequest, u64, u64), ApiError> {
    refuse_unknown(pairs, &known_parameters())?;
    let query = single(pairs, "q")?.unwrap_or_default().to_owned();
    if query.len() > MAX_QUERY_BYTES {
        return Err(ApiError::bad_parameter(
            "q",
            format!("`q` is longer than {MAX_QUERY_BYTES} bytes"),
        ));
    }
    let lang = match single(pairs, "lang")? {
        None => None,
        Some(text) => Some(
            model::LangTag::parse(text)
                .map(|tag| tag.primary().to_owned())
                .map_err(|err| ApiError::bad_parameter("lang", format!("`lang`: {err}")))?,
        ),
    };
    let per_page = number_param(pairs, "per_page", 20, 1, MAX_PER_PAGE)?;
    let page = number_param(pairs, "page", 1, 1, MAX_DEPTH)?;
    if page * per_page > MAX_DEPTH {
        return Err(ApiError::bad_parameter(
            "page",
            format!("results are paged up to {MAX_DEPTH} hits deep; narrow the search instead"),
        ));
    }
    let sort = match single(pairs, "sort")? {
        None => Sort::default(),
        Some(text) => Sort::parse(text).ok_or_else(|| {
            ApiError::bad_parameter(
                "sort",
                format!("`sort` must be one of {}, not {text:?}", Sort::NAMES),
            )
        })?,
    };
    let mut filters = Vec::new();
    for facet in Facet::ALL {
        let mut values = Vec::new();
        for (_, text) in pairs.iter().filter(|(key, _)| key == facet.name()) {
            let value = facet
                .parse_value(text)
                .map_err(|message| ApiError::bad_parameter(facet.name(), message))?;
            if !values.contains(&value) {
                values.push(value);
            }
        }
        if !values.is_empty() {
            filters.push((facet, values));
        }
    }
    let request = SearchRequest {
        query,
        lang,
        filters,
        ects_min: decimal_param(pairs, "ects_min")?,
        ects_max: decimal_param(pairs, "ects_max")?,
        eqf_min: level_param(pairs, "eqf_min")?,
        eqf_max: level_param(pairs, "eqf_max")?,
        starts_after: date_param(pairs, "starts_after")?,
        updated_since: instant_param(pairs, "updated_since")?,
        sort,
        offset: ((page - 1) * per_page) as usize,
        limit: per_page as usize,
    };
    if let (Some(min), Some(max)) = (request.ects_min, request.ects_max)
        && min > max
    {
        return Err(ApiError::bad_parameter(
            "ects_min",
            format!("`ects_min` ({min}) is above `ects_max` ({max})"),
        ));
    }
    if let (Some(min), Some(max)) = (request.eqf_min, request.eqf_max)
        && min > max
    {
        return Err(ApiError::bad_parameter(
            "eqf_min",
            format!("`eqf_min` ({min}) is above `eqf_max` ({max})"),
        ));
    }
    Ok((request, page, per_page))
}

/// Answers a search: see the module documentation for the parameters.
pub async fn search(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = query_pairs(request.query_string());
    let (search_request, page, per_page) = parse_request(&pairs)?;
    let indexer = state.indexer.clone();
    let languages = crate::views::accept_languages(&request);
    let view = web::block(move || -> Result<SearchView, ApiError> {
        let results = indexer.index().search(&search_request)?;
        let mut hits = Vec::with_capacity(results.hits.len());
        for hit in &results.hits {
            // A hit whose record is gone (a commit racing a read) is skipped, not an error.
            let Some(record) = HitRecord::read_hit(indexer.store(), hit)? else {
                continue;
            };
            let Some(credential) = &record.credential else {
                continue;
            };
            let snippet = results.hit_snippet(credential);
            hits.push(HitView::new(
                &record.id, credential, hit.score, snippet, &languages,
            ));
        }
        let facets = FacetsView(
            results
                .facets
                .iter()
                .map(|counts| {
                    let values = counts
                        .values
                        .iter()
                        .map(|value| FacetValueView {
                            value: value.value.clone(),
                            label: value.label.clone(),
                            count: value.count,
                            selected: value.selected,
                        })
                        .collect();
                    (counts.facet.name(), values)
                })
                .collect(),
        );
        Ok(SearchView {
            total: results.total,
            page,
            per_page,
            hits,
            facets,
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
    use super::*;

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
    }
}
