//! The JSON wire shapes of the API (`*View`), built from the model. Only this crate knows
//! them; changing one is changing the API contract.

use actix_web::HttpRequest;
use chrono::{DateTime, Utc};
use indexer::search::HitCredential;
use model::{AnnexElement, Credential, Credits, HarvestRun, Provenance, RecordId, StoredRecord};
use serde::Serialize;

/// The languages a visitor asks for in `Accept-Language`, best first.
pub fn accept_languages(request: &HttpRequest) -> Vec<String> {
    let Some(header) = request
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
    else {
        return Vec::new();
    };
    let mut weighted: Vec<(f32, String)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            if tag.is_empty() || tag == "*" {
                return None;
            }
            let weight = pieces
                .find_map(|piece| piece.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            Some((weight, tag.to_owned()))
        })
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0));
    weighted.into_iter().map(|(_, tag)| tag).take(8).collect()
}

fn best(text: &model::LangText, languages: &[String]) -> Option<(String, String)> {
    let preferred: Vec<&str> = languages.iter().map(String::as_str).collect();
    text.best_with_lang(&preferred)
        .map(|(tag, text)| (tag.to_string(), text.to_owned()))
}

/// One search hit.
#[derive(Debug, Serialize)]
pub struct HitView {
    /// Record id.
    pub id: String,
    /// Title in the best language for the visitor.
    pub title: String,
    /// The language of `title`.
    pub title_lang: String,
    /// Awarding body.
    pub institution: Option<String>,
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
    /// Text around the matched words, matches in `<b>`, HTML-escaped.
    pub snippet: Option<String>,
    /// The field the snippet was cut from: `title`, `outcomes` or `description`.
    pub snippet_field: Option<&'static str>,
    /// Relevance score.
    pub score: f32,
    /// Where the whole record is.
    pub url: String,
}

impl HitView {
    /// The hit for what a search hit shows of a stored record.
    pub fn new(
        id: &RecordId,
        credential: &HitCredential,
        score: f32,
        snippet: Option<indexer::search::Snippet>,
        languages: &[String],
    ) -> HitView {
        let (title_lang, title) = best(&credential.title, languages).unwrap_or_default();
        HitView {
            id: id.to_string(),
            title,
            title_lang,
            institution: best(&credential.awarding_body.name, languages).map(|(_, name)| name),
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
            snippet_field: snippet.as_ref().map(|snippet| snippet.field),
            snippet: snippet.map(|snippet| snippet.html),
            score,
            url: format!("/api/v1/credentials/{id}"),
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

/// One Annex I element and whether the record has it.
#[derive(Debug, Serialize)]
pub struct ElementView {
    /// The element's name.
    pub element: AnnexElement,
    /// A label for people.
    pub label: &'static str,
    /// Whether the record has it.
    pub present: bool,
}

/// A whole record with its provenance.
#[derive(Debug, Serialize)]
pub struct CredentialView<'a> {
    /// Record id.
    pub id: &'a str,
    /// Version number (1 for the first).
    pub version: u32,
    /// Whether upstream deleted it.
    pub deleted: bool,
    /// The canonical record (absent for a deleted one).
    pub credential: Option<&'a Credential>,
    /// Share of the mandatory Annex I elements present.
    pub completeness: Option<f64>,
    /// Each Annex I element, present or not.
    pub elements: Vec<ElementView>,
    /// Where this version came from.
    pub provenance: &'a Provenance,
    /// When the record was first stored.
    pub first_seen: DateTime<Utc>,
    /// When this version was stored.
    pub updated_at: DateTime<Utc>,
    /// Earlier versions: number, when stored, and the run that stored them.
    pub history: Vec<VersionView<'a>>,
}

/// An earlier version of a record.
#[derive(Debug, Serialize)]
pub struct VersionView<'a> {
    /// Its version number.
    pub version: u32,
    /// When it was stored.
    pub updated_at: DateTime<Utc>,
    /// Whether it was a tombstone.
    pub deleted: bool,
    /// The harvest run that stored it.
    pub run_id: &'a str,
}

impl<'a> CredentialView<'a> {
    /// The view of a record and its history.
    pub fn new(record: &'a StoredRecord, history: &'a [StoredRecord]) -> CredentialView<'a> {
        let credential = record.credential.as_ref();
        let elements = credential
            .map(|credential| {
                AnnexElement::MANDATORY
                    .into_iter()
                    .chain([AnnexElement::Prerequisites, AnnexElement::Stackability])
                    .map(|element| ElementView {
                        element,
                        label: element.label(),
                        present: credential.has(element),
                    })
                    .collect()
            })
            .unwrap_or_default();
        CredentialView {
            id: record.id.as_str(),
            version: record.version,
            deleted: record.deleted,
            credential,
            completeness: credential.map(Credential::completeness),
            elements,
            provenance: &record.provenance,
            first_seen: record.first_seen,
            updated_at: record.updated_at,
            history: history
                .iter()
                .map(|old| VersionView {
                    version: old.version,
                    updated_at: old.updated_at,
                    deleted: old.deleted,
                    run_id: &old.provenance.run_id.0,
                })
                .collect(),
        }
    }
}

/// A configured source and its last harvest.
#[derive(Debug, Serialize)]
pub struct SourceView {
    /// Source id.
    pub id: String,
    /// Publishing institution.
    pub institution: String,
    /// Its country.
    pub country: String,
    /// `oai-pmh`, `http` or `file`.
    pub protocol: &'static str,
    /// The endpoint, document URL or file.
    pub location: String,
    /// The format read.
    pub format: &'static str,
    /// The cron schedule, as configured.
    pub schedule: Option<String>,
    /// When the next scheduled harvest starts.
    pub next_harvest: Option<DateTime<Utc>>,
    /// Since when a harvest is running, if one is.
    pub running_since: Option<DateTime<Utc>>,
    /// The last harvest run.
    pub last_run: Option<HarvestRun>,
}

impl SourceView {
    /// The view of a configured source.
    pub fn new(
        source: &config::Source,
        last_run: Option<HarvestRun>,
        running_since: Option<DateTime<Utc>>,
    ) -> SourceView {
        SourceView {
            id: source.id.to_string(),
            institution: source.institution.clone(),
            country: source.country.to_string(),
            protocol: source.fetch.protocol(),
            location: source.fetch.location(),
            format: source.format.as_str(),
            schedule: source.schedule_text.clone(),
            next_harvest: source
                .schedule
                .as_ref()
                .and_then(|schedule| schedule.upcoming(Utc).next()),
            running_since,
            last_run,
        }
    }
}

/// A record in brief, for equivalence and comparison answers.
#[derive(Debug, Serialize)]
pub struct BriefView {
    /// Record id.
    pub id: String,
    /// Title in the best language for the visitor.
    pub title: String,
    /// The language of `title`.
    pub title_lang: String,
    /// Awarding body.
    pub institution: Option<String>,
    /// Its country.
    pub country: Option<String>,
    /// The source it was harvested from.
    pub source: String,
    /// Where the whole record is.
    pub url: String,
}

impl BriefView {
    /// The brief of a stored record.
    pub fn new(record: &StoredRecord, languages: &[String]) -> BriefView {
        let credential = record.credential.as_ref();
        let (title_lang, title) = credential
            .and_then(|c| best(&c.title, languages))
            .unwrap_or_default();
        BriefView {
            id: record.id.to_string(),
            title,
            title_lang,
            institution: credential
                .and_then(|c| best(&c.awarding_body.name, languages))
                .map(|(_, name)| name),
            country: credential
                .and_then(|c| c.awarding_body.country.as_ref())
                .map(ToString::to_string),
            source: record.provenance.source_id.to_string(),
            url: format!("/api/v1/credentials/{}", record.id),
        }
    }
}

/// One candidate equivalent.
#[derive(Debug, Serialize)]
pub struct EquivalentView {
    /// The candidate.
    pub credential: BriefView,
    /// Overall score, 0 to 1.
    pub score: f64,
    /// The five elements, outcome alignment and text similarity.
    pub comparison: indexer::compare::Comparison,
    /// Decisions already taken for this pair, and how consistent they are.
    pub precedents: indexer::equivalence::Precedents,
    /// Record ids of the same course listed by the same source under other codes
    /// (cross-listings), folded into this hit.
    pub also_listed_as: Vec<indexer::equivalence::Listing>,
}

/// The answer of the equivalence lookup.
#[derive(Debug, Serialize)]
pub struct EquivalentsView {
    /// The credential held.
    pub credential: BriefView,
    /// Candidates at or above the threshold, best first.
    pub hits: Vec<EquivalentView>,
    /// The threshold applied.
    pub threshold: f64,
    /// True when no candidate reached the threshold.
    pub no_equivalent_above_threshold: bool,
    /// How many candidates were compared.
    pub candidates_compared: usize,
    /// Credentials near-identical to the one held whose decisions count as precedents.
    pub near_identical: Vec<indexer::equivalence::NearIdentical>,
}

impl EquivalentsView {
    /// The view of a lookup's result.
    pub fn new(
        record: &StoredRecord,
        found: indexer::equivalence::Equivalents,
        languages: &[String],
    ) -> EquivalentsView {
        EquivalentsView {
            credential: BriefView::new(record, languages),
            hits: found
                .hits
                .into_iter()
                .map(|hit| EquivalentView {
                    credential: BriefView::new(&hit.record, languages),
                    score: hit.score,
                    comparison: hit.comparison,
                    precedents: hit.precedents,
                    also_listed_as: hit.also_listed_as,
                })
                .collect(),
            threshold: found.threshold,
            no_equivalent_above_threshold: found.no_equivalent_above_threshold,
            candidates_compared: found.candidates_compared,
            near_identical: found.near_identical,
        }
    }
}

/// Two records side by side.
#[derive(Debug, Serialize)]
pub struct CompareView {
    /// The credential held.
    pub a: BriefView,
    /// The candidate.
    pub b: BriefView,
    /// The comparison.
    pub comparison: indexer::compare::Comparison,
    /// Decisions taken about A (precedents), with the ones naming B first.
    pub precedents: Vec<indexer::decisions::Decision>,
}

impl CompareView {
    /// The view of a comparison.
    pub fn new(
        a: &StoredRecord,
        b: &StoredRecord,
        comparison: indexer::compare::Comparison,
        mut precedents: Vec<indexer::decisions::Decision>,
        languages: &[String],
    ) -> CompareView {
        precedents.retain(|d| !d.withdrawn);
        precedents.sort_by_key(|d| {
            !matches!(&d.outcome, indexer::decisions::DecisionOutcome::Equivalent { target } if *target == b.id)
        });
        CompareView {
            a: BriefView::new(a, languages),
            b: BriefView::new(b, languages),
            comparison,
            precedents,
        }
    }
}
