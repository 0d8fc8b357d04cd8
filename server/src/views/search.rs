//! The answer of a search: hits, facets, pages.

use model::Credits;
use serde::Serialize;

use super::best;

/// One search hit.
#[derive(Debug, Serialize)]
pub struct HitView {
    /// Record id.
    pub id: String,
    /// Title in the best language for the visitor.
    pub title: String,
    /// The language of `title`.
    pub title_lang: String,
    /// The awarding institution's name in the visitor's language.
    pub institution: Option<String>,
    /// Its key, as the `institution` filter and facet take it.
    pub institution_key: String,
    /// Whether `institution` is only the record's claim: its source is not registered to
    /// publish for that awarding body.
    pub institution_unverified: bool,
    /// Its country.
    pub country: Option<String>,
    /// ECTS credits, when stated in ECTS.
    pub ects: Option<f64>,
    /// Credits in whatever scheme they were published.
    pub credits: Option<Credits>,
    /// EQF level.
    pub eqf_level: Option<u8>,
    /// Kind of offer.
    pub kind: &'static str,
    /// Forms of participation.
    pub participation: Vec<&'static str>,
    /// Languages of instruction (primary subtags), of the credential and its offers.
    pub languages: Vec<String>,
    /// The offer that starts next (today or later), when one is stated.
    pub next_offer: Option<NextOfferView>,
    /// Text around the matched words, matches in `<b>`, HTML-escaped.
    pub snippet: Option<String>,
    /// The field the snippet was cut from: `title`, `outcomes` or `description`.
    pub snippet_field: Option<&'static str>,
    /// Relevance score.
    pub score: f32,
    /// Where the whole record is.
    pub url: String,
    /// For a hit found by meaning in another language than the query's words (listed
    /// after the hits of the words themselves); `null` for a hit of the words.
    pub across_languages: Option<crate::views::AcrossLanguagesView>,
}

/// The offer of a credential that starts next.
#[derive(Debug, Serialize)]
pub struct NextOfferView {
    /// Its first day.
    pub start: chrono::NaiveDate,
    /// Its last day, when stated.
    pub end: Option<chrono::NaiveDate>,
    /// The last day to apply, when stated.
    pub application_deadline: Option<chrono::NaiveDate>,
    /// Its form of participation, when stated.
    pub participation: Option<&'static str>,
    /// Its price as published, when stated.
    pub cost: Option<String>,
}

impl HitView {
    /// The view of a hit of a finished search answer.
    pub fn new(
        hit: &indexer::Hit,
        institutions: &config::Institutions,
        languages: &[String],
    ) -> HitView {
        let (id, credential, score) = (&hit.id, &hit.credential, hit.score);
        let institution = crate::institutions::shown(institutions, &hit.institution, languages);
        let snippet = hit.snippet.as_ref();
        let (title_lang, title) = best(&credential.title, languages).unwrap_or_default();
        HitView {
            id: id.to_string(),
            title,
            title_lang,
            institution: Some(institution.name),
            institution_key: institution.key,
            institution_unverified: institution.claim,
            country: credential
                .awarding_body
                .country
                .as_ref()
                .map(ToString::to_string),
            ects: credential.ects(),
            credits: credential.credits.clone(),
            eqf_level: credential.eqf_level.map(|level| level.get()),
            kind: credential.kind.as_str(),
            participation: credential
                .participation
                .iter()
                .map(|p| p.as_str())
                .collect(),
            languages: model::Offer::languages_of_instruction(
                &credential.languages,
                &credential.offers,
            ),
            next_offer: model::Offer::next(&credential.offers, chrono::Utc::now().date_naive())
                .and_then(|offer| {
                    Some(NextOfferView {
                        start: offer.start?,
                        end: offer.end,
                        application_deadline: offer.application_deadline,
                        participation: offer.participation.map(|p| p.as_str()),
                        cost: offer.cost.clone(),
                    })
                }),
            snippet_field: snippet.map(|snippet| snippet.field),
            snippet: snippet.map(|snippet| snippet.html.clone()),
            score,
            url: format!("/api/v1/credentials/{id}"),
            across_languages: hit.across_languages.as_ref().map(|(lang, similarity)| {
                crate::views::AcrossLanguagesView {
                    described_in: lang.clone(),
                    similarity: *similarity,
                }
            }),
        }
    }
}

/// A page of search results.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// How many records match in all.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    /// Hits per page.
    pub per_page: u64,
    /// The hits of this page, best first.
    pub hits: Vec<HitView>,
    /// Every facet's values and counts, each counted with its own selection ignored.
    pub facets: FacetsView,
    /// For each element a filter asks about: how many records matching everything else
    /// do not state it, and whether they are let in (`include_unstated`).
    pub unstated: Vec<UnstatedView>,
}

/// The records a filter leaves out, or lets in, for not stating its element.
#[derive(Debug, Serialize)]
pub struct UnstatedView {
    /// The element (`eqf_level`, `ects`, `start_date`, or another facet's name).
    pub element: &'static str,
    /// Records matching the query and every other filter that do not state it.
    pub count: u64,
    /// Whether they are among the hits.
    pub included: bool,
}

impl UnstatedView {
    /// The view of `unstated`.
    pub fn new(unstated: &search::Unstated) -> UnstatedView {
        UnstatedView {
            element: unstated.element.name(),
            count: unstated.count,
            included: unstated.included,
        }
    }
}

/// The facets of a search, in a fixed order, serialised as a JSON object
/// `{ "country": [ { value, label, count, selected } ], ... }`.
#[derive(Debug)]
pub struct FacetsView(pub Vec<(&'static str, Vec<FacetValueView>)>);

impl Serialize for FacetsView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, values)| (name, values)))
    }
}

/// One value of a facet.
#[derive(Debug, Serialize)]
pub struct FacetValueView {
    /// The value, as the filter parameter takes it.
    pub value: String,
    /// A label for people.
    pub label: String,
    /// Records matching the query and the other facets' selections that have the value.
    pub count: u64,
    /// Whether the request selected it.
    pub selected: bool,
}

/// The answer to a rebuild of the search index.
#[derive(Debug, Serialize)]
pub struct ReindexView {
    /// Records indexed into the new generation.
    pub indexed: u64,
    /// How long the rebuild took.
    pub seconds: f64,
}
