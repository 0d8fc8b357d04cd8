//! What a search asks for ([`SearchRequest`], [`Sort`]) and what it answers
//! ([`SearchResults`]).

use chrono::NaiveDate;
use model::{Credential, LangText, RecordId};

use crate::Facet;
use crate::highlight::Highlighter;

/// What hits are ordered by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortField {
    /// Relevance to the query (with the Annex I completeness boost).
    #[default]
    Relevance,
    /// ECTS credits.
    Ects,
    /// EQF level.
    EqfLevel,
    /// Title (folded, in the record's English or untagged or first language).
    Title,
    /// When the record last changed in the store.
    Updated,
    /// The next start of an offer, from [`SearchRequest::today`] on (soonest first by
    /// default; records with no offer starting then come last).
    Start,
}

/// An order of hits: a field and a direction. Records without a value for the field come
/// last either way; ties are broken by relevance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sort {
    /// The field.
    pub field: SortField,
    /// Largest first (ignored for relevance, which is always best first).
    pub descending: bool,
}

impl Sort {
    /// The accepted `sort` values, for error messages.
    pub const NAMES: &'static str = "relevance, ects, ects:desc, eqf_level, eqf_level:desc, \
                                     title, title:desc, updated, updated:asc, start, start:desc";

    /// Parses `relevance`, `ects`, `eqf_level`, `title`, `updated` or `start`, optionally
    /// followed by `:asc` or `:desc`. The default direction is ascending, except for `updated`
    /// (newest first).
    pub fn parse(text: &str) -> Option<Sort> {
        let (name, direction) = match text.trim().split_once(':') {
            Some((name, direction)) => (name, Some(direction)),
            None => (text.trim(), None),
        };
        let field = match name {
            "relevance" => SortField::Relevance,
            "ects" => SortField::Ects,
            "eqf_level" | "eqf" => SortField::EqfLevel,
            "title" => SortField::Title,
            "updated" => SortField::Updated,
            "start" => SortField::Start,
            _ => return None,
        };
        let descending = match direction {
            None => field == SortField::Updated,
            Some("asc") => false,
            Some("desc") => true,
            Some(_) => return None,
        };
        Some(Sort { field, descending })
    }
}

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchRequest {
    /// The query text (see [`query`]); empty matches everything.
    pub query: String,
    /// Only text in this language (a primary subtag) and untagged text; `None`: every
    /// language.
    pub lang: Option<String>,
    /// Facet selections: records must have one of the values of each facet listed.
    /// Values must be normalised by [`Facet::parse_value`].
    pub filters: Vec<(Facet, Vec<String>)>,
    /// Least ECTS credits (records without ECTS credits are excluded when set).
    pub ects_min: Option<f64>,
    /// Most ECTS credits.
    pub ects_max: Option<f64>,
    /// Lowest EQF level.
    pub eqf_min: Option<u8>,
    /// Highest EQF level.
    pub eqf_max: Option<u8>,
    /// Only records with an offer starting after this day.
    pub starts_after: Option<NaiveDate>,
    /// Only records with an offer costing at most this many euros (0: free of charge).
    pub cost_max: Option<f64>,
    /// Only records with an offer lasting at least this many days.
    pub duration_min_days: Option<u32>,
    /// Only records with an offer lasting at most this many days.
    pub duration_max_days: Option<u32>,
    /// Only records with an offer one may still apply to on this day (its last day to
    /// apply is this day or later): "open now".
    pub open_on: Option<NaiveDate>,
    /// Only records stored or changed at or after this instant.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    /// The order of hits.
    pub sort: Sort,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
    /// Only these records (empty: no restriction); for the hits the bridge between
    /// languages proposes, which must pass the same filters.
    pub only: Vec<model::RecordId>,
    /// Only records of these sources (empty: no restriction); for a chooser among one
    /// institution's own credentials.
    pub sources: Vec<model::SourceId>,
    /// The query is still being typed: its last word also matches the beginning of
    /// longer words (search as you type).
    pub typing: bool,
    /// Elements whose filters also let in the records that do not state them (an online
    /// course without an EQF level, when `eqf_min` is set).
    pub include_unstated: Vec<Element>,
    /// The day a next start is counted from ([`SortField::Start`]); `None`: today.
    pub today: Option<NaiveDate>,
}

impl SearchRequest {
    /// A plain query for one page, every filter off.
    pub fn new(query: &str, offset: usize, limit: usize) -> SearchRequest {
        SearchRequest {
            query: query.to_owned(),
            offset,
            limit,
            ..SearchRequest::default()
        }
    }

    /// Whether the filters of `element` let in the records that do not state it.
    pub fn includes_unstated(&self, element: Element) -> bool {
        self.include_unstated.contains(&element)
    }

    /// The values selected in `facet` (empty: no selection).
    pub fn selected(&self, facet: Facet) -> &[String] {
        self.filters
            .iter()
            .find(|(known, _)| *known == facet)
            .map_or(&[], |(_, values)| values.as_slice())
    }
}

/// What a filter asks about: a facet, or an element of the offers (`starts_after`,
/// `cost_max`, `duration_min_days`/`duration_max_days`, `open_on`).
/// The range filters `ects_min`/`ects_max` and `eqf_min`/`eqf_max` ask about the facets
/// [`Facet::Ects`] and [`Facet::EqfLevel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element {
    /// The element of a facet.
    Facet(Facet),
    /// The start date of an offer.
    StartDate,
    /// The price of an offer, in euros.
    Cost,
    /// How long an offer lasts (its first and last days).
    Duration,
    /// The last day to apply to an offer.
    ApplicationDeadline,
}

impl Element {
    /// Every element, in the order of the response.
    pub const ALL: [Element; 16] = [
        Element::Facet(Facet::Country),
        Element::Facet(Facet::Institution),
        Element::Facet(Facet::EqfLevel),
        Element::Facet(Facet::Ects),
        Element::Facet(Facet::IscedBroad),
        Element::Facet(Facet::IscedNarrow),
        Element::Facet(Facet::Language),
        Element::Facet(Facet::Participation),
        Element::Facet(Facet::Kind),
        Element::Facet(Facet::Assessment),
        Element::Facet(Facet::QualityAssurance),
        Element::Facet(Facet::HasLearningOutcomes),
        Element::StartDate,
        Element::Cost,
        Element::Duration,
        Element::ApplicationDeadline,
    ];

    /// The name in requests and answers: the facet's, or `start_date`.
    pub fn name(self) -> &'static str {
        match self {
            Element::Facet(facet) => facet.name(),
            Element::StartDate => "start_date",
            Element::Cost => "cost",
            Element::Duration => "duration",
            Element::ApplicationDeadline => "application_deadline",
        }
    }

    /// The element called `name`.
    pub fn parse(name: &str) -> Option<Element> {
        Element::ALL
            .into_iter()
            .find(|element| element.name() == name)
    }
}

/// How many records a filter leaves out (or, when asked to, lets in) because they do not
/// state its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unstated {
    /// What the filter asks about.
    pub element: Element,
    /// Records matching the query and every other filter that do not state it.
    pub count: u64,
    /// Whether they are among the hits ([`SearchRequest::include_unstated`]).
    pub included: bool,
}

/// A matching record id and its score.
#[derive(Debug, Clone)]
pub struct ScoredId {
    /// The record.
    pub id: RecordId,
    /// The sequence number of the version indexed: where a hit is looked for first in the
    /// store's change log.
    pub seq: Option<u64>,
    /// Its relevance score (with the completeness boost).
    pub score: f32,
}

/// One value of a facet and how many records have it.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetValue {
    /// The value, as filters name it.
    pub value: String,
    /// A label for people.
    pub label: String,
    /// Records matching the query and every other facet's selection that have the value.
    pub count: u64,
    /// Whether the request selected it.
    pub selected: bool,
}

/// The values of one facet.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetCounts {
    /// The facet.
    pub facet: Facet,
    /// Its values.
    pub values: Vec<FacetValue>,
}

/// A snippet and the field it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// `title`, `outcomes` or `description`.
    pub field: &'static str,
    /// The text around the matched words, matches in `<b>`, HTML-escaped.
    pub html: String,
}

/// The ids found, the exact total, facet counts, and what cuts snippets for them.
pub struct SearchResults {
    /// How many records match the query and every filter.
    pub total: u64,
    /// The requested page of hits, best first.
    pub hits: Vec<ScoredId>,
    /// Every facet, in [`Facet::ALL`] order.
    pub facets: Vec<FacetCounts>,
    /// For each element the request filters on (a facet selection, a range filter), in
    /// [`Element::ALL`] order, the records that do not state it.
    pub unstated: Vec<Unstated>,
    pub(crate) highlighter: Highlighter,
}

impl SearchResults {
    /// A snippet of the credential with the matched words marked (`<b>`), HTML-escaped,
    /// from the field that matched: description, then outcomes, then title (the title
    /// is shown with every hit anyway). Without a match (an empty query), the start of
    /// the description.
    pub fn snippet(&self, credential: &Credential) -> Option<Snippet> {
        self.highlighter.snippet(
            &credential.title,
            &credential.description,
            credential
                .learning_outcomes
                .iter()
                .map(|outcome| &outcome.text),
        )
    }

    /// [`SearchResults::snippet`] of a credential's texts as given (a hit read without
    /// the rest of its record).
    pub fn snippet_of<'a>(
        &self,
        title: &'a LangText,
        description: &'a LangText,
        outcomes: impl Iterator<Item = &'a LangText>,
    ) -> Option<Snippet> {
        self.highlighter.snippet(title, description, outcomes)
    }
}
