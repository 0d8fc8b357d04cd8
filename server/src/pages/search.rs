//! `/`: the search page. One box, facets with counts as checkboxes, ECTS and EQF ranges,
//! a sort order, hits with highlighted snippets and pagination.
//!
//! The URL carries the whole state with the search API's parameter names and semantics
//! (`q`, one parameter per facet, repeated for several values: values of one facet are
//! alternatives, facets are combined; `ects_min`, `ects_max`, `eqf_min`, `eqf_max`, `sort`,
//! `page`), so a search can be bookmarked and shared. Empty fields, as a form without
//! JavaScript sends them, are ignored; unknown parameters too.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use search::{Facet, FacetCounts, SearchRequest};

use super::i18n::Locale;
use super::shared::{Layout, PageError, Text, number, render};
use crate::params::{MAX_DEPTH, Params, Reading, SearchParams};
use crate::state::AppState;

/// Hits per page.
pub const PER_PAGE: u64 = 20;
/// Values of an open facet shown before "more".
const SHOWN_VALUES: usize = 8;

/// The facets the page shows, with their legends, in order.
const SHOWN_FACETS: [(Facet, &str); 11] = [
    (Facet::Country, "facet-country"),
    (Facet::Institution, "facet-institution"),
    (Facet::EqfLevel, "facet-eqf-level"),
    (Facet::Ects, "facet-workload"),
    (Facet::Participation, "facet-participation"),
    (Facet::Kind, "facet-kind"),
    (Facet::Language, "facet-language"),
    (Facet::IscedBroad, "facet-field"),
    (Facet::Assessment, "facet-assessment"),
    (Facet::QualityAssurance, "facet-quality-assurance"),
    (Facet::HasLearningOutcomes, "facet-learning-outcomes"),
];

/// The sort orders offered, as `sort` values and the keys of their labels.
const SORTS: [(&str, &str); 7] = [
    ("", "sort-relevance"),
    ("start", "sort-start"),
    ("title", "sort-title"),
    ("ects", "sort-ects-fewest"),
    ("ects:desc", "sort-ects-most"),
    ("eqf_level", "sort-eqf-lowest"),
    ("updated", "sort-updated"),
];

/// The state of the page, read from the URL: the search's parameters, read leniently
/// ([`crate::params`]), with the API's names and meanings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState(pub SearchParams);

impl std::ops::Deref for SearchState {
    type Target = SearchParams;

    fn deref(&self) -> &SearchParams {
        &self.0
    }
}

impl SearchState {
    /// Reads the state from query pairs; an unreadable value is a 400 naming it.
    /// `lang` is the interface language on pages ([`super::i18n`]), not the search's
    /// restriction to text in one language (which the API's `lang` is).
    pub fn parse(pairs: &[(String, String)]) -> Result<SearchState, String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .filter(|(name, _)| name != super::i18n::PARAMETER)
            .cloned()
            .collect();
        SearchParams::parse(Params::new(&pairs, Reading::Lenient), PER_PAGE)
            .map(SearchState)
            .map_err(|err| err.to_string())
    }

    /// The query pairs of this state, in a stable order (`page` only past the first).
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if !self.query.is_empty() {
            pairs.push(("q".to_owned(), self.query.clone()));
        }
        if let Some(lang) = &self.lang {
            pairs.push(("lang".to_owned(), lang.clone()));
        }
        for facet in Facet::ALL {
            for value in self.selected(facet) {
                pairs.push((facet.name().to_owned(), value.clone()));
            }
        }
        for (name, value) in [("ects_min", self.ects_min), ("ects_max", self.ects_max)] {
            if let Some(value) = value {
                pairs.push((name.to_owned(), number(value)));
            }
        }
        for (name, value) in [("eqf_min", self.eqf_min), ("eqf_max", self.eqf_max)] {
            if let Some(value) = value {
                pairs.push((name.to_owned(), value.to_string()));
            }
        }
        if let Some(day) = self.starts_after {
            pairs.push(("starts_after".to_owned(), day.to_string()));
        }
        if let Some(instant) = self.updated_since {
            pairs.push(("updated_since".to_owned(), instant.to_rfc3339()));
        }
        if let Some(euros) = self.cost_max {
            pairs.push(("cost_max".to_owned(), number(euros)));
        }
        for (name, days) in [
            ("duration_min_weeks", self.duration_min_days),
            ("duration_max_weeks", self.duration_max_days),
        ] {
            if let Some(days) = days {
                pairs.push((name.to_owned(), (days / 7).to_string()));
            }
        }
        if self.open_on.is_some() {
            pairs.push(("open_now".to_owned(), "true".to_owned()));
        }
        if !self.include_unstated.is_empty() {
            let names: Vec<&str> = self
                .include_unstated
                .iter()
                .map(|element| element.name())
                .collect();
            pairs.push(("include_unstated".to_owned(), names.join(",")));
        }
        if !self.sort_text.is_empty() && self.sort_text != "relevance" {
            pairs.push(("sort".to_owned(), self.sort_text.clone()));
        }
        if self.page > 1 {
            pairs.push(("page".to_owned(), self.page.to_string()));
        }
        if self.per_page != PER_PAGE {
            pairs.push(("per_page".to_owned(), self.per_page.to_string()));
        }
        pairs
    }

    /// The URL of this state.
    pub fn href(&self) -> String {
        let pairs = self.pairs();
        if pairs.is_empty() {
            return "/".to_owned();
        }
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &pairs {
            query.append_pair(name, value);
        }
        format!("/?{}", query.finish())
    }

    fn with_page(&self, page: u64) -> SearchState {
        SearchState(self.0.at_page(page))
    }

    fn has_filters(&self) -> bool {
        !self.filters.is_empty()
            || self.ects_min.is_some()
            || self.ects_max.is_some()
            || self.eqf_min.is_some()
            || self.eqf_max.is_some()
            || self.starts_after.is_some()
            || self.updated_since.is_some()
            || self.cost_max.is_some()
            || self.duration_min_days.is_some()
            || self.duration_max_days.is_some()
            || self.open_on.is_some()
    }

    /// The same state with the records that do not state `element` let in (`true`) or
    /// left out, from the first page.
    fn including_unstated(&self, element: search::Element, include: bool) -> SearchState {
        let mut moved = self.0.at_page(1);
        moved
            .search
            .include_unstated
            .retain(|known| *known != element);
        if include {
            moved.search.include_unstated.push(element);
        }
        SearchState(moved)
    }
}

/// One hit as the page lists it.
#[derive(Debug)]
pub struct HitItem {
    href: String,
    title: Text,
    institution: Option<Text>,
    country: Option<String>,
    ects: Option<String>,
    eqf: Option<u8>,
    participation: String,
    kind: String,
    /// The offer that starts next: its first day, the last day to apply and its price.
    next_start: Option<String>,
    apply_by: Option<String>,
    price: Option<String>,
    /// The languages of instruction, named in the page's language.
    languages: String,
    snippet_html: Option<String>,
    /// For a hit found by meaning in another language: "Described in Finnish · found by
    /// meaning".
    across_languages: Option<String>,
}

/// What a filter leaves out (or lets in) for not stating its element, with the link
/// that lets them in (or leaves them out).
#[derive(Debug)]
pub struct UnstatedNotice {
    text: String,
    link: String,
    href: String,
}

/// One checkbox of a facet.
#[derive(Debug)]
pub struct FacetOption {
    id: String,
    value: String,
    label: String,
    count: u64,
    checked: bool,
}

/// One facet as a fieldset.
#[derive(Debug)]
pub struct FacetGroup {
    name: &'static str,
    legend: String,
    shown: Vec<FacetOption>,
    more: Vec<FacetOption>,
    any_checked: bool,
}

/// One sort order of the select.
#[derive(Debug)]
pub struct SortOption {
    value: &'static str,
    label: String,
    selected: bool,
}

/// A link to a page of results.
#[derive(Debug)]
pub struct PageLink {
    number: u64,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    query: String,
    summary: String,
    hits: Vec<HitItem>,
    facets: Vec<FacetGroup>,
    /// Selected values of facets the page does not show, kept as hidden fields.
    hidden: Vec<(String, String)>,
    ects_min: String,
    ects_max: String,
    eqf_min: u8,
    eqf_max: u8,
    starts_after: String,
    open_now: bool,
    duration_max: String,
    cost_max: String,
    unstated: Vec<UnstatedNotice>,
    sorts: Vec<SortOption>,
    pages: Vec<PageLink>,
    prev_href: Option<String>,
    next_href: Option<String>,
    filtered: bool,
    clear_href: String,
}

impl SearchPage {
    fn eqf_levels(&self) -> std::ops::RangeInclusive<u8> {
        1..=8
    }
}

/// What a filter asks about, named as the page's filters name it.
fn element_name(element: search::Element, locale: Locale) -> String {
    let key = match element {
        search::Element::Facet(Facet::Ects) => "facet-workload",
        search::Element::Facet(facet) => SHOWN_FACETS
            .iter()
            .find(|(shown, _)| *shown == facet)
            .map_or("facet-field", |(_, legend)| legend),
        search::Element::StartDate => "element-start-date",
        search::Element::Cost => "hit-price",
        search::Element::Duration => "element-duration",
        search::Element::ApplicationDeadline => "element-deadline",
    };
    locale.t(key)
}

fn option_id(facet: Facet, value: &str) -> String {
    let hex: String = value.bytes().map(|b| format!("{b:02x}")).collect();
    format!("f-{}-{hex}", facet.name())
}

fn facet_groups(counts: &[FacetCounts], locale: Locale) -> Vec<FacetGroup> {
    SHOWN_FACETS
        .iter()
        .filter_map(|(facet, legend)| {
            let counts = counts.iter().find(|counts| counts.facet == *facet)?;
            let mut options: Vec<FacetOption> = counts
                .values
                .iter()
                .map(|value| FacetOption {
                    id: option_id(*facet, &value.value),
                    value: value.value.clone(),
                    label: if *facet == Facet::Institution {
                        // Already the institution's name in the page's language.
                        let claim = crate::institutions::is_claim(&value.value)
                            .then(|| locale.t("unverified-claim"));
                        format!("{}{}", value.label, claim.unwrap_or_default())
                    } else {
                        super::i18n::facet_label(*facet, &value.value)
                    },
                    count: value.count,
                    checked: value.selected,
                })
                .collect();
            if options.is_empty() {
                return None;
            }
            let any_checked = options.iter().any(|option| option.checked);
            // Closed vocabularies are short; open ones (institutions) may be long: the
            // first few and every ticked value are shown, the rest behind "more".
            let more = if facet.closed_values().is_empty() && options.len() > SHOWN_VALUES {
                let mut rest = options.split_off(SHOWN_VALUES);
                let (ticked, unticked): (Vec<_>, Vec<_>) =
                    rest.drain(..).partition(|option| option.checked);
                options.extend(ticked);
                unticked
            } else {
                Vec::new()
            };
            Some(FacetGroup {
                name: facet.name(),
                legend: locale.t(legend),
                shown: options,
                more,
                any_checked,
            })
        })
        .collect()
}

fn pagination(state: &SearchState, total: u64) -> (Vec<PageLink>, Option<String>, Option<String>) {
    let last = total.div_ceil(PER_PAGE).clamp(1, MAX_DEPTH / PER_PAGE);
    let current = state.page.min(last);
    let first_shown = current.saturating_sub(3).max(1);
    let last_shown = (first_shown + 6).min(last);
    let pages = (first_shown..=last_shown)
        .map(|number| PageLink {
            number,
            href: state.with_page(number).href(),
            current: number == current,
        })
        .collect();
    let prev = (current > 1).then(|| state.with_page(current - 1).href());
    let next = (current < last).then(|| state.with_page(current + 1).href());
    (pages, prev, next)
}

/// `GET /`: the search page.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let pairs = super::shared::query_pairs(&request);
    let search = SearchState::parse(&pairs).map_err(PageError::BadRequest)?;
    let languages = super::i18n::content_languages(&request);
    let locale = super::i18n::current();
    let index_request = search.search.clone();
    let app = state.get_ref().clone();
    let today = chrono::Utc::now().date_naive();
    let (total, hits, facet_counts, unstated) =
        super::i18n::block(move || -> Result<_, PageError> {
            let answer = app.search(&index_request, &super::i18n::naming_languages(&languages))?;
            let mut hits = Vec::with_capacity(answer.hits.len());
            for hit in &answer.hits {
                let credential = &hit.credential;
                let title = Text::best(&credential.title, &languages)
                    .unwrap_or_else(|| super::records::untitled(locale));
                let across_languages =
                    hit.across_languages.as_ref().map(
                        |(lang, _)| match super::shared::described_in(&title, lang) {
                            Some(name) => locale.t1("hit-described-in", "language", name),
                            None => locale.t("hit-found-by-meaning"),
                        },
                    );
                let next = model::Offer::next(&credential.offers, today);
                hits.push(HitItem {
                    href: format!("/credentials/{}", hit.id),
                    title,
                    institution: super::shared::awarding_body(
                        &app.config.institutions,
                        hit.id.source(),
                        (&credential.awarding_body.name, &credential.assumed),
                        &languages,
                    ),
                    country: credential
                        .awarding_body
                        .country
                        .as_ref()
                        .map(|country| super::i18n::facet_label(Facet::Country, country.as_str())),
                    ects: credential
                        .credits
                        .as_ref()
                        .map(|credits| super::records::credits_text(credits, locale)),
                    eqf: credential.eqf_level.map(|level| level.get()),
                    participation: credential
                        .participation
                        .iter()
                        .map(|p| super::i18n::facet_label(Facet::Participation, p.as_str()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    kind: super::i18n::facet_label(Facet::Kind, credential.kind.as_str()),
                    next_start: next
                        .and_then(|offer| offer.start)
                        .map(|day| locale.date(day)),
                    apply_by: next
                        .and_then(|offer| offer.application_deadline)
                        .map(|day| locale.date(day)),
                    price: next.and_then(|offer| offer.cost.clone()),
                    languages: super::i18n::languages_of_instruction(
                        &credential.languages,
                        &credential.offers,
                    ),
                    snippet_html: hit.snippet.as_ref().map(|snippet| snippet.html.clone()),
                    across_languages,
                });
            }
            Ok((answer.total, hits, answer.facets, answer.unstated))
        })
        .await??;
    let (pages, prev_href, next_href) = pagination(&search, total);
    let summary = locale.tn("search-found", "count", total as usize);
    let shown: Vec<Facet> = SHOWN_FACETS.iter().map(|(facet, _)| *facet).collect();
    let hidden = search
        .filters
        .iter()
        .filter(|(facet, _)| !shown.contains(facet))
        .flat_map(|(facet, values)| {
            values
                .iter()
                .map(|value| (facet.name().to_owned(), value.clone()))
        })
        .collect();
    let title = if search.query.is_empty() {
        locale.t("search-heading")
    } else {
        locale.t2(
            "search-title-with-query",
            "summary",
            &summary,
            "query",
            &search.query,
        )
    };
    let page = SearchPage {
        layout: Layout::new(title, "search", &request, &state),
        query: search.query.clone(),
        summary,
        hits,
        facets: facet_groups(&facet_counts, locale),
        hidden,
        ects_min: search.ects_min.map(number).unwrap_or_default(),
        ects_max: search.ects_max.map(number).unwrap_or_default(),
        eqf_min: search.eqf_min.unwrap_or(0),
        eqf_max: search.eqf_max.unwrap_or(0),
        starts_after: search
            .starts_after
            .map(|day| day.to_string())
            .unwrap_or_default(),
        open_now: search.open_on.is_some(),
        duration_max: search
            .duration_max_days
            .map(|days| (days / 7).to_string())
            .unwrap_or_default(),
        cost_max: search.cost_max.map(number).unwrap_or_default(),
        unstated: unstated
            .iter()
            .filter(|unstated| unstated.count > 0)
            .map(|unstated| {
                let element = element_name(unstated.element, locale);
                let (text, link) = if unstated.included {
                    ("search-unstated-included", "search-unstated-hide")
                } else {
                    ("search-unstated", "search-unstated-show")
                };
                UnstatedNotice {
                    text: locale.with_args(
                        text,
                        [
                            ("count", (unstated.count as usize).into()),
                            ("element", element.into()),
                        ],
                    ),
                    link: locale.t(link),
                    href: search
                        .including_unstated(unstated.element, !unstated.included)
                        .href(),
                }
            })
            .collect(),
        sorts: SORTS
            .iter()
            .map(|(value, label)| SortOption {
                value,
                label: locale.t(label),
                selected: *value == search.sort_text
                    || (value.is_empty() && search.sort_text == "relevance"),
            })
            .collect(),
        pages,
        prev_href,
        next_href,
        filtered: search.has_filters(),
        clear_href: SearchState(SearchParams {
            search: SearchRequest {
                query: search.query.clone(),
                lang: search.lang.clone(),
                sort: search.sort,
                limit: search.limit,
                ..SearchRequest::default()
            },
            sort_text: search.sort_text.clone(),
            page: 1,
            per_page: search.per_page,
        })
        .href(),
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &str) -> Vec<(String, String)> {
        crate::params::query_pairs(query)
    }

    #[test]
    fn the_learners_filters_round_trip_in_the_url() {
        let state = SearchState::parse(&pairs(
            "q=data&cost_max=0&duration_max_weeks=6&open_now=true&starts_after=2027-01-01\
             &sort=start&include_unstated=cost,start_date",
        ))
        .unwrap();
        assert_eq!(state.cost_max, Some(0.0));
        assert_eq!(state.duration_max_days, Some(42));
        assert!(state.open_on.is_some());
        assert_eq!(
            state.href(),
            "/?q=data&starts_after=2027-01-01&cost_max=0&duration_max_weeks=6&open_now=true\
             &include_unstated=cost%2Cstart_date&sort=start"
        );
        assert_eq!(
            SearchState::parse(&pairs(&state.href()[2..])).unwrap(),
            state
        );
        let without = state.including_unstated(search::Element::Cost, false);
        assert_eq!(without.include_unstated, [search::Element::StartDate]);
        let with = without.including_unstated(search::Element::Duration, true);
        assert_eq!(
            with.include_unstated,
            [search::Element::StartDate, search::Element::Duration]
        );
    }

    #[test]
    fn the_url_round_trips_the_state() {
        let state = SearchState::parse(&pairs(
            "q=data+science&country=de&country=FR&eqf_level=6&ects_min=2,5&eqf_max=7&sort=ects:desc&page=2&unknown=1",
        ))
        .unwrap();
        assert_eq!(state.query, "data science");
        assert_eq!(
            state.filters,
            vec![
                (Facet::Country, vec!["DE".to_owned(), "FR".to_owned()]),
                (Facet::EqfLevel, vec!["6".to_owned()]),
            ]
        );
        assert_eq!(state.ects_min, Some(2.5));
        assert_eq!(state.eqf_max, Some(7));
        assert_eq!(state.page, 2);
        let again = SearchState::parse(&pairs(state.href().trim_start_matches("/?"))).unwrap();
        assert_eq!(again, state);
    }

    #[test]
    fn empty_form_fields_are_ignored() {
        let state =
            SearchState::parse(&pairs("q=&ects_min=&ects_max=&eqf_min=&eqf_max=&sort=")).unwrap();
        assert_eq!(state.href(), "/");
    }

    #[test]
    fn unreadable_values_are_refused_by_name() {
        for (query, named) in [
            ("ects_min=five", "ects_min"),
            ("eqf_max=9", "eqf_max"),
            ("page=0", "page"),
            ("eqf_level=12", "eqf_level"),
            ("sort=colour", "sort"),
        ] {
            let err = SearchState::parse(&pairs(query)).unwrap_err();
            assert!(err.contains(named), "{query}: {err}");
        }
    }

    #[test]
    fn pagination_links_keep_the_filters() {
        let state = SearchState::parse(&pairs("q=x&country=DE&page=2")).unwrap();
        let (pages, prev, next) = pagination(&state, 45);
        assert_eq!(pages.len(), 3);
        assert!(pages[1].current);
        assert_eq!(prev.as_deref(), Some("/?q=x&country=DE"));
        assert_eq!(next.as_deref(), Some("/?q=x&country=DE&page=3"));
    }
}
