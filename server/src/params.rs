//! Request parameters, parsed in one place: the query string as typed values, in one of
//! two readings, and the parameters of a search ([`SearchParams`]) as the API and the
//! search page share them. Also where the clearinghouse is published ([`published_at`]),
//! for the addresses it writes out (OAI-PMH, a case file).
//!
//! - [`Reading::Strict`] (the API): a parameter the endpoint does not know is refused by
//!   name, one given twice that may be given once is refused, and every value counts.
//! - [`Reading::Lenient`] (the pages): forms without JavaScript send empty fields and
//!   people edit URLs, so empty values and unknown parameters are ignored, the last of a
//!   repeated value wins, and a decimal may be written with a comma. A value that is
//!   there but cannot be read is still refused by name.
//!
//! Errors name the parameter and say what it takes ([`ParamError`]); the API answers them
//! as `400 bad_parameter`, the pages as a 400 page.

use chrono::{DateTime, NaiveDate, Utc};
use search::{Facet, SearchRequest, Sort};

/// How parameters are read (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The API's reading.
    Strict,
    /// The pages' reading.
    Lenient,
}

/// A parameter that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParamError {
    /// The parameter.
    pub parameter: String,
    /// What is wrong, and what it takes.
    pub message: String,
}

impl ParamError {
    /// An error about `parameter`.
    pub fn new(parameter: &str, message: impl Into<String>) -> ParamError {
        ParamError {
            parameter: parameter.to_owned(),
            message: message.into(),
        }
    }
}

/// The query string as name/value pairs, parameters repeated as often as given.
pub fn query_pairs(query_string: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query_string.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// A request's parameters, read one way.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a> {
    pairs: &'a [(String, String)],
    reading: Reading,
}

impl<'a> Params<'a> {
    /// The parameters `pairs`, read as `reading` says.
    pub fn new(pairs: &'a [(String, String)], reading: Reading) -> Params<'a> {
        Params { pairs, reading }
    }

    /// Refuses (strictly) a parameter not in `known`, naming it; leniently, nothing.
    pub fn refuse_unknown(&self, known: &[&str]) -> Result<(), ParamError> {
        if self.reading == Reading::Lenient {
            return Ok(());
        }
        match self
            .pairs
            .iter()
            .find(|(key, _)| !known.contains(&key.as_str()))
        {
            Some((key, _)) => Err(ParamError::new(
                key,
                format!(
                    "unknown parameter `{key}`; this endpoint takes: {}",
                    known.join(", ")
                ),
            )),
            None => Ok(()),
        }
    }

    /// Every value of `name` that counts, in order.
    pub fn all(&self, name: &str) -> Vec<&'a str> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| self.reading == Reading::Strict || !value.trim().is_empty())
            .collect()
    }

    /// The value of a parameter that may be given once, if given.
    pub fn single(&self, name: &str) -> Result<Option<&'a str>, ParamError> {
        let values = self.all(name);
        match self.reading {
            Reading::Strict if values.len() > 1 => Err(ParamError::new(
                name,
                format!("`{name}` is given more than once"),
            )),
            Reading::Strict => Ok(values.first().copied()),
            Reading::Lenient => Ok(values.last().map(|value| value.trim())),
        }
    }

    /// A whole number within `min..=max`, `default` when not given.
    pub fn number(&self, name: &str, default: u64, min: u64, max: u64) -> Result<u64, ParamError> {
        let Some(text) = self.single(name)? else {
            return Ok(default);
        };
        let value: u64 = text.trim().parse().map_err(|_| {
            ParamError::new(
                name,
                format!("`{name}` must be a whole number, not {text:?}"),
            )
        })?;
        if !(min..=max).contains(&value) {
            return Err(ParamError::new(
                name,
                format!("`{name}` must be between {min} and {max}, not {value}"),
            ));
        }
        Ok(value)
    }

    /// A number of credits: 0 or more, decimals allowed.
    pub fn credits(&self, name: &str) -> Result<Option<f64>, ParamError> {
        self.non_negative(name, "a number of credits such as 5 or 2.5")
    }

    /// An amount of euros, 0 or more, decimals allowed (a decimal comma too, leniently).
    pub fn euros(&self, name: &str) -> Result<Option<f64>, ParamError> {
        self.non_negative(name, "an amount in euros such as 0 or 450")
    }

    /// A whole number within `min..=max`, `None` when not given.
    pub fn optional_number(
        &self,
        name: &str,
        min: u64,
        max: u64,
    ) -> Result<Option<u64>, ParamError> {
        if self.single(name)?.is_none() {
            return Ok(None);
        }
        Ok(Some(self.number(name, min, min, max)?))
    }

    /// A number, 0 or more, decimals allowed; `what` says what it is in the error.
    fn non_negative(&self, name: &str, what: &str) -> Result<Option<f64>, ParamError> {
        let Some(text) = self.single(name)? else {
            return Ok(None);
        };
        let written = match self.reading {
            Reading::Strict => text.trim().to_owned(),
            Reading::Lenient => text.trim().replace(',', "."),
        };
        match written.parse::<f64>() {
            Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
            _ => Err(ParamError::new(
                name,
                format!("`{name}` must be {what}, not {text:?}"),
            )),
        }
    }

    /// An EQF level, 1 to 8.
    pub fn eqf_level(&self, name: &str) -> Result<Option<u8>, ParamError> {
        Ok(self.optional_number(name, 1, 8)?.map(|level| level as u8))
    }

    /// A day, `YYYY-MM-DD`.
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, ParamError> {
        let Some(text) = self.single(name)? else {
            return Ok(None);
        };
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                ParamError::new(
                    name,
                    format!("`{name}` must be a date YYYY-MM-DD, not {text:?}"),
                )
            })
    }

    /// An instant: RFC 3339, or a day (its midnight, UTC).
    pub fn instant(&self, name: &str) -> Result<Option<DateTime<Utc>>, ParamError> {
        let Some(text) = self.single(name)? else {
            return Ok(None);
        };
        let text = text.trim();
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Ok(Some(instant.with_timezone(&Utc)));
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(|day| Some(day.and_time(chrono::NaiveTime::MIN).and_utc()))
            .map_err(|_| {
                ParamError::new(
                    name,
                    format!("`{name}` must be a date YYYY-MM-DD or an RFC 3339 time, not {text:?}"),
                )
            })
    }

    /// `true` or `false`, false when not given.
    pub fn flag(&self, name: &str) -> Result<bool, ParamError> {
        match self.single(name)? {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(ParamError::new(
                name,
                format!("`{name}` must be true or false, not {other:?}"),
            )),
        }
    }
}

/// The parameters that filter an agreement between two institutions, as the API and its
/// page share them.
pub const AGREEMENT_FILTERS: [&str; 5] = [
    "outcome",
    "at_risk",
    "decided_from",
    "decided_until",
    "withdrawn",
];

/// Which decisions of an agreement to list: `outcome` (`equivalent`, `credits`,
/// `refused`), `at_risk` (`true` or `false`), `decided_from` and `decided_until` (days),
/// `withdrawn` (`true` to include withdrawn decisions).
pub fn agreement_filter(
    params: &Params<'_>,
) -> Result<recognition::decisions::AgreementFilter, ParamError> {
    use recognition::decisions::{AgreementFilter, OutcomeKind};
    let outcome = match params.single("outcome")? {
        None => None,
        Some("equivalent") => Some(OutcomeKind::Equivalent),
        Some("credits") => Some(OutcomeKind::Credits),
        Some("refused") => Some(OutcomeKind::Refused),
        Some(other) => {
            return Err(ParamError::new(
                "outcome",
                format!("`outcome` must be equivalent, credits or refused, not {other:?}"),
            ));
        }
    };
    let at_risk = match params.single("at_risk")? {
        None => None,
        Some(_) => Some(params.flag("at_risk")?),
    };
    let decided_from = params.date("decided_from")?;
    let decided_until = params.date("decided_until")?;
    if let (Some(from), Some(until)) = (decided_from, decided_until)
        && from > until
    {
        return Err(ParamError::new(
            "decided_until",
            format!("`decided_until` ({until}) is before `decided_from` ({from})"),
        ));
    }
    Ok(AgreementFilter {
        outcome,
        at_risk,
        decided_from,
        decided_until,
        withdrawn: params.flag("withdrawn")?,
    })
}

/// Hits per page at most.
pub const MAX_PER_PAGE: u64 = 100;
/// How deep pagination may go (page × per_page), to bound the cost of a request.
pub const MAX_DEPTH: u64 = 10_000;
/// The longest duration a filter may name, in weeks (ten years).
pub const MAX_WEEKS: u64 = 520;
/// Longest query text, in bytes.
pub const MAX_QUERY_BYTES: usize = 1000;

/// The parameters of a search that are not facets.
const PLAIN_SEARCH_PARAMETERS: [&str; 16] = [
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
    "include_unstated",
    "cost_max",
    "duration_min_weeks",
    "duration_max_weeks",
    "open_now",
];

/// Every parameter of a search: the plain ones and one per facet.
pub fn search_parameter_names() -> Vec<&'static str> {
    let mut known: Vec<&'static str> = PLAIN_SEARCH_PARAMETERS.to_vec();
    known.extend(Facet::ALL.iter().map(|facet| facet.name()));
    known
}

/// A search as its parameters ask for it: `GET /api/v1/search` and the search page `/`,
/// with the same names and meanings. Derefs to the index's request it makes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    /// The index's request (its `offset` and `limit` from `page` and `per_page`).
    pub search: SearchRequest,
    /// The order, as given (empty: relevance).
    pub sort_text: String,
    /// The page, from 1.
    pub page: u64,
    /// Hits per page.
    pub per_page: u64,
}

impl std::ops::Deref for SearchParams {
    type Target = SearchRequest;

    fn deref(&self) -> &SearchRequest {
        &self.search
    }
}

impl SearchParams {
    /// Reads a search's parameters; `per_page` is `default_per_page` when not given.
    pub fn parse(params: Params<'_>, default_per_page: u64) -> Result<SearchParams, ParamError> {
        params.refuse_unknown(&search_parameter_names())?;
        let query = params.single("q")?.unwrap_or_default().to_owned();
        if query.len() > MAX_QUERY_BYTES {
            return Err(ParamError::new(
                "q",
                format!("`q` is longer than {MAX_QUERY_BYTES} bytes"),
            ));
        }
        let lang = match params.single("lang")? {
            None => None,
            Some(text) => Some(
                model::LangTag::parse(text)
                    .map(|tag| tag.primary().to_owned())
                    .map_err(|err| ParamError::new("lang", format!("`lang`: {err}")))?,
            ),
        };
        let per_page = params.number("per_page", default_per_page, 1, MAX_PER_PAGE)?;
        let page = params.number("page", 1, 1, MAX_DEPTH)?;
        if page * per_page > MAX_DEPTH {
            return Err(ParamError::new(
                "page",
                format!("results are paged up to {MAX_DEPTH} hits deep; narrow the search instead"),
            ));
        }
        let sort_text = params.single("sort")?.unwrap_or_default().trim().to_owned();
        let sort = if sort_text.is_empty() {
            Sort::default()
        } else {
            Sort::parse(&sort_text).ok_or_else(|| {
                ParamError::new(
                    "sort",
                    format!("`sort` must be one of {}, not {sort_text:?}", Sort::NAMES),
                )
            })?
        };
        let mut filters = Vec::new();
        for facet in Facet::ALL {
            let mut values = Vec::new();
            for text in params.all(facet.name()) {
                let value = facet
                    .parse_value(text)
                    .map_err(|message| ParamError::new(facet.name(), message))?;
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            if !values.is_empty() {
                filters.push((facet, values));
            }
        }
        // Offers last a number of days; people choose by weeks (a week: up to 7 days).
        let weeks_in_days = |name: &str| -> Result<Option<u32>, ParamError> {
            Ok(params
                .optional_number(name, 1, MAX_WEEKS)?
                .map(|weeks| weeks as u32 * 7))
        };
        let mut include_unstated = Vec::new();
        for text in params.all("include_unstated") {
            for name in text
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
            {
                let element = search::Element::parse(name).ok_or_else(|| {
                    let names: Vec<&str> = search::Element::ALL
                        .iter()
                        .map(|element| element.name())
                        .collect();
                    ParamError::new(
                        "include_unstated",
                        format!(
                            "`include_unstated` names elements a filter asks about ({}), not {name:?}",
                            names.join(", ")
                        ),
                    )
                })?;
                if !include_unstated.contains(&element) {
                    include_unstated.push(element);
                }
            }
        }
        let search = SearchRequest {
            query,
            lang,
            filters,
            include_unstated,
            ects_min: params.credits("ects_min")?,
            ects_max: params.credits("ects_max")?,
            eqf_min: params.eqf_level("eqf_min")?,
            eqf_max: params.eqf_level("eqf_max")?,
            starts_after: params.date("starts_after")?,
            cost_max: params.euros("cost_max")?,
            duration_min_days: weeks_in_days("duration_min_weeks")?,
            duration_max_days: weeks_in_days("duration_max_weeks")?,
            open_on: params
                .flag("open_now")?
                .then(|| chrono::Utc::now().date_naive()),
            updated_since: params.instant("updated_since")?,
            sort,
            offset: ((page - 1) * per_page) as usize,
            limit: per_page as usize,
            only: Vec::new(),
            sources: Vec::new(),
            typing: false,
            today: None,
        };
        if let (Some(min), Some(max)) = (search.ects_min, search.ects_max)
            && min > max
        {
            return Err(ParamError::new(
                "ects_min",
                format!("`ects_min` ({min}) is above `ects_max` ({max})"),
            ));
        }
        if let (Some(min), Some(max)) = (search.eqf_min, search.eqf_max)
            && min > max
        {
            return Err(ParamError::new(
                "eqf_min",
                format!("`eqf_min` ({min}) is above `eqf_max` ({max})"),
            ));
        }
        if let (Some(min), Some(max)) = (search.duration_min_days, search.duration_max_days)
            && min > max
        {
            return Err(ParamError::new(
                "duration_min_weeks",
                format!(
                    "`duration_min_weeks` ({}) is above `duration_max_weeks` ({})",
                    min / 7,
                    max / 7
                ),
            ));
        }
        Ok(SearchParams {
            search,
            sort_text,
            page,
            per_page,
        })
    }

    /// The same search at another page.
    pub fn at_page(&self, page: u64) -> SearchParams {
        let mut moved = self.clone();
        moved.page = page;
        moved.search.offset = ((page - 1) * self.per_page) as usize;
        moved
    }
}

/// Where the clearinghouse is published: its base address (`https://host[/prefix]`, no
/// trailing slash) and the host it names. From the configured `server.public_url`, else
/// from the request's own `Host` header and scheme; never from `Forwarded` or
/// `X-Forwarded-Host`, which any client can send: behind a proxy, configure
/// `server.public_url`.
pub fn published_at(
    request: &actix_web::HttpRequest,
    public_url: Option<&url::Url>,
) -> (String, String) {
    if let Some(url) = public_url {
        return (
            url.as_str().trim_end_matches('/').to_owned(),
            url.host_str().unwrap_or_default().to_owned(),
        );
    }
    let host = request
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .map_or_else(|| request.app_config().host().to_owned(), str::to_owned);
    let scheme = if request.app_config().secure() {
        "https"
    } else {
        "http"
    };
    (format!("{scheme}://{host}"), host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str, reading: Reading) -> Result<SearchParams, String> {
        let pairs = query_pairs(query);
        SearchParams::parse(Params::new(&pairs, reading), 20).map_err(|err| err.parameter)
    }

    #[test]
    fn both_readings_refuse_unreadable_values_by_name() {
        for reading in [Reading::Strict, Reading::Lenient] {
            for (query, parameter) in [
                ("ects_min=five", "ects_min"),
                ("eqf_max=9", "eqf_max"),
                ("page=0", "page"),
                ("eqf_level=12", "eqf_level"),
                ("sort=colour", "sort"),
            ] {
                assert_eq!(
                    parse(query, reading).err().as_deref(),
                    Some(parameter),
                    "{query} {reading:?}"
                );
            }
        }
    }

    #[test]
    fn the_lenient_reading_ignores_empty_fields_unknown_names_and_repeats() {
        let lenient = parse(
            "q=&ects_min=2,5&ects_max=&colour=red&page=1&page=2&sort=",
            Reading::Lenient,
        )
        .unwrap();
        assert_eq!(lenient.query, "");
        assert_eq!((lenient.ects_min, lenient.ects_max), (Some(2.5), None));
        assert_eq!(lenient.page, 2);
        assert_eq!(lenient.sort, Sort::default());
        for query in ["ects_min=2,5", "colour=red", "page=1&page=2", "ects_max="] {
            assert!(parse(query, Reading::Strict).is_err(), "{query}");
        }
    }
}
