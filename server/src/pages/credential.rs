//! `/credentials/{id}`: one credential with every Annex I element, its offers, where it
//! came from and how complete it is; `/credentials/{id}/equivalents`: candidates for
//! recognising it.
//!
//! Harvested text is escaped by the templates; only `description_html`, which ammonia
//! sanitised at harvest, is inserted as HTML, inside its own container.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use model::{AnnexElement, Credential};
use search::Facet;

use super::decisions::{DecisionForm, DecisionItem};
use super::records::{
    Summary, eqf_text, field_labels, language_list, load, outcome_texts, parse_id, untitled,
    workload_text,
};
use super::shared::{Layout, PageError, Text, render, safe_url};
use crate::state::AppState;

/// One dated offer.
#[derive(Debug)]
pub struct OfferView {
    start: Option<String>,
    end: Option<String>,
    deadline: Option<String>,
    languages: String,
    venue: Option<Text>,
    participation: Option<String>,
    cost: Option<String>,
    href: Option<String>,
}

/// The credential at a glance, as a learner asks: what, when, how, how much, in which
/// language, how to enrol.
#[derive(Debug, Default)]
pub struct Glance {
    /// Kind, workload and EQF level.
    what: String,
    /// The next offer's first (and last) day.
    when: Option<String>,
    /// Its form of participation and venue.
    how: Option<String>,
    /// Its price as published.
    cost: Option<String>,
    /// Languages of instruction.
    languages: String,
    /// The last day to apply to it.
    apply_by: Option<String>,
    /// Its page, where one enrols.
    enrol_href: Option<String>,
}

/// The decisions in force of one institution about a credential.
#[derive(Debug)]
pub struct CountsFor {
    institution: String,
    outcomes: Vec<(String, &'static str)>,
}

/// Groups `decisions` by deciding institution, in the order met.
fn counts_for(decisions: &[DecisionItem]) -> Vec<CountsFor> {
    let mut groups: Vec<CountsFor> = Vec::new();
    for decision in decisions {
        let outcome = (decision.outcome.clone(), decision.class);
        match groups
            .iter_mut()
            .find(|group| group.institution == decision.institution)
        {
            Some(group) => group.outcomes.push(outcome),
            None => groups.push(CountsFor {
                institution: decision.institution.clone(),
                outcomes: vec![outcome],
            }),
        }
    }
    groups
}

fn date(date: Option<chrono::NaiveDate>) -> Option<String> {
    date.map(|date| super::i18n::current().date(date))
}

fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    super::i18n::current().date_time(at)
}

#[derive(Template)]
#[template(path = "credential.html")]
struct CredentialPage {
    layout: Layout,
    id: String,
    deleted: bool,
    title: Text,
    kind: String,
    institution: Option<Text>,
    institution_href: Option<String>,
    /// Whether the visitor's portfolio holds it.
    in_portfolio: bool,
    /// The publishing institution, when the awarding body named is a claim it may not
    /// make (its source is not registered to publish for it).
    unverified_publisher: Option<String>,
    country: Option<String>,
    description_html: Option<Text>,
    description: Option<Text>,
    n_present: usize,
    n_mandatory: usize,
    missing: Vec<String>,
    outcomes: Vec<Text>,
    workload: Option<String>,
    eqf: Option<String>,
    assessment: Option<Text>,
    participation: Option<String>,
    quality_assurance: Option<Text>,
    prerequisites: Option<Text>,
    stackability: Option<Text>,
    supervision: Option<Text>,
    grading: Option<Text>,
    languages: String,
    fields: Vec<String>,
    keywords: String,
    offer_href: Option<String>,
    offers: Vec<OfferView>,
    source_id: String,
    source_name: String,
    upstream_id: String,
    harvested_at: String,
    datestamp: Option<String>,
    format: String,
    version: u32,
    first_seen: String,
    last_run: Option<String>,
    via: Vec<String>,
    /// What a learner asks first, from the offer that starts next.
    glance: Glance,
    /// What it counts for: the decisions in force, by deciding institution.
    counts_for: Vec<CountsFor>,
    /// Whether the officer's detail (completeness, Annex I elements) is open: for a
    /// signed-in officer.
    officer_open: bool,
    decisions: Vec<DecisionItem>,
    withdrawn: Vec<DecisionItem>,
    decision_form: Option<DecisionForm>,
    notice: Option<String>,
    /// Set for a credential someone uploaded (not harvested): what the file was.
    uploaded: Option<super::upload::UploadedNote>,
}

/// `GET /credentials/{id}`: the credential page.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    show(&state, &request, &id, |form| form).await
}

/// The credential page, its decision form (for a signed-in officer) as `form` makes it:
/// fresh, or sent back with the officer's answers and what is wrong with them, which the
/// page then lists in an error summary at its top (status 422).
pub(super) async fn show(
    state: &web::Data<AppState>,
    request: &HttpRequest,
    id: &model::RecordId,
    form: impl FnOnce(DecisionForm) -> DecisionForm,
) -> Result<HttpResponse, PageError> {
    let (state, request, id) = (state.clone(), request.clone(), id.clone());
    let record = load(&state, &request, &id).await?;
    let uploaded = id
        .is_uploaded()
        .then(|| super::upload::held(&state, &request, &id))
        .flatten()
        .map(|upload| super::upload::UploadedNote::of(&upload));
    let languages = super::i18n::content_languages(&request);
    let source_id = record.provenance.source_id.clone();
    let last_run = {
        let indexer = state.indexer.clone();
        let source_id = source_id.clone();
        super::i18n::block(move || indexer.store().runs(&source_id, 1)).await??
    }
    .into_iter()
    .next()
    .map(|run| {
        format!(
            "{} ({})",
            timestamp(run.finished_at.unwrap_or(run.started_at)),
            super::sources::outcome_label(run.outcome)
        )
    });
    let layout_session = super::session::current(&request, &state.config.tokens);
    // The decisions in force, and those withdrawn (kept, with their history).
    let (withdrawn, decisions): (Vec<DecisionItem>, Vec<DecisionItem>) =
        super::decisions::about(&state, &id, &languages, layout_session.as_ref())
            .await?
            .into_iter()
            .partition(|item| item.withdrawn);
    let decision_form = match layout_session.as_ref().filter(|_| !record.deleted) {
        Some(session) => Some(
            form(DecisionForm::new(&state, &id, Some(&record), session, &languages).await?)
                .settled(&state, &languages)
                .await?,
        ),
        None => None,
    };
    let has_errors = decision_form
        .as_ref()
        .is_some_and(|form| !form.errors.is_empty());
    let source = state.config.source(source_id.as_str());
    let notice = super::shared::query_pairs(&request)
        .into_iter()
        .find_map(|(key, _)| match key.as_str() {
            "recorded" => Some(super::i18n::t("notice-decision-recorded")),
            "withdrawn" => Some(super::i18n::t("notice-decision-withdrawn")),
            "uploaded" => Some(super::i18n::t("notice-file-read")),
            _ => None,
        });
    let empty = Credential::default();
    let credential = record.credential.as_ref().unwrap_or(&empty);
    let title = Text::best(&credential.title, &languages)
        .unwrap_or_else(|| untitled(super::i18n::current()));
    let unverified = credential.assumed.unverified_awarding_body;
    // A claimed awarding body gets no link: neither the record's (anyone can write one)
    // nor the publisher's home page under another institution's name.
    let institution_href = (!unverified)
        .then(|| {
            credential
                .awarding_body
                .url
                .as_deref()
                .and_then(safe_url)
                .or_else(|| {
                    source
                        .and_then(|source| source.homepage.as_ref())
                        .and_then(|url| safe_url(url.as_str()))
                })
        })
        .flatten();
    // An uploaded credential says why its awarding body is a claim in its own notice.
    let unverified_publisher = (unverified && uploaded.is_none()).then(|| {
        source.map_or_else(
            || source_id.to_string(),
            |source| source.institution.clone(),
        )
    });
    // An element the clearinghouse assumed is shown on the page but is not the
    // publisher's: listed as missing, said to be assumed.
    let missing = credential
        .missing_mandatory()
        .into_iter()
        .map(|element| {
            let label = super::i18n::annex_label(element);
            if credential.has(element) {
                super::i18n::t1("credential-missing-assumed", "element", label)
            } else {
                label
            }
        })
        .collect::<Vec<_>>();
    let n_mandatory = AnnexElement::MANDATORY.len();
    let description_html = Text::best(&credential.description_html, &languages);
    let locale = super::i18n::current();
    let next = model::Offer::next(&credential.offers, chrono::Utc::now().date_naive());
    let glance = Glance {
        what: [
            Some(super::i18n::facet_label(
                Facet::Kind,
                credential.kind.as_str(),
            )),
            workload_text(credential, locale),
            eqf_text(credential, locale),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
        when: next.and_then(|offer| {
            let start = date(offer.start)?;
            Some(match date(offer.end) {
                Some(end) => format!("{start} – {end}"),
                None => start,
            })
        }),
        how: next.and_then(|offer| {
            let form = offer
                .participation
                .or(credential.participation.first().copied())
                .map(|p| super::i18n::facet_label(Facet::Participation, p.as_str()));
            let venue = Text::best(&offer.venue, &languages).map(|venue| venue.text);
            match (form, venue) {
                // A venue of "Online" says no more than the form.
                (Some(form), Some(venue)) if !venue.eq_ignore_ascii_case(&form) => {
                    Some(format!("{form}, {venue}"))
                }
                (form, venue) => form.or(venue),
            }
        }),
        cost: next.and_then(|offer| offer.cost.clone()),
        languages: super::i18n::languages_of_instruction(&credential.languages, &credential.offers),
        apply_by: next.and_then(|offer| date(offer.application_deadline)),
        enrol_href: next
            .and_then(|offer| offer.url.as_deref())
            .or(credential.url.as_deref())
            .and_then(safe_url),
    };
    let counts_for = counts_for(&decisions);
    let page = CredentialPage {
        layout: Layout::new(
            if has_errors {
                super::i18n::t1("title-error", "title", &title.text)
            } else {
                title.text.clone()
            },
            "",
            &request,
            &state,
        ),
        id: id.to_string(),
        deleted: record.deleted,
        kind: super::i18n::facet_label(Facet::Kind, credential.kind.as_str()),
        // The record's claim as it states it (the notice says whose claim it is); else
        // the institution it is filed under, in the page's language.
        institution: if unverified {
            Text::best(&credential.awarding_body.name, &languages)
        } else {
            super::shared::awarding_body(
                &state.config.institutions,
                source_id.as_str(),
                (&credential.awarding_body.name, &credential.assumed),
                &languages,
            )
        },
        institution_href,
        in_portfolio: super::portfolio::held(&request).contains(&id),
        unverified_publisher,
        country: credential
            .awarding_body
            .country
            .as_ref()
            .map(|country| super::i18n::facet_label(Facet::Country, country.as_str())),
        description: if description_html.is_some() {
            None
        } else {
            Text::best(&credential.description, &languages)
        },
        description_html,
        n_present: n_mandatory - missing.len(),
        n_mandatory,
        missing,
        outcomes: outcome_texts(credential, &languages),
        workload: workload_text(credential, super::i18n::current()),
        eqf: eqf_text(credential, super::i18n::current()),
        assessment: Text::best(&credential.assessment, &languages),
        participation: (!credential.participation.is_empty()).then(|| {
            credential
                .participation
                .iter()
                .map(|p| super::i18n::facet_label(Facet::Participation, p.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        }),
        quality_assurance: Text::best(&credential.quality_assurance, &languages),
        prerequisites: Text::best(&credential.prerequisites, &languages),
        stackability: Text::best(&credential.stackability, &languages),
        supervision: Text::best(&credential.supervision, &languages),
        grading: Text::best(&credential.grading, &languages),
        languages: language_list(&credential.languages),
        fields: field_labels(credential),
        keywords: credential.keywords.join(", "),
        offer_href: credential.url.as_deref().and_then(safe_url),
        offers: credential
            .offers
            .iter()
            .map(|offer| OfferView {
                start: date(offer.start),
                end: date(offer.end),
                deadline: date(offer.application_deadline),
                languages: language_list(&offer.languages),
                venue: Text::best(&offer.venue, &languages),
                participation: offer
                    .participation
                    .map(|p| super::i18n::facet_label(Facet::Participation, p.as_str())),
                cost: offer.cost.clone(),
                href: offer.url.as_deref().and_then(safe_url),
            })
            .collect(),
        source_id: source_id.to_string(),
        source_name: state
            .config
            .institution_name_in(
                source_id.as_str(),
                &super::i18n::naming_languages(&languages),
            )
            .map_or_else(|| source_id.to_string(), str::to_owned),
        upstream_id: record.provenance.upstream_id.clone(),
        harvested_at: timestamp(record.provenance.harvested_at),
        datestamp: record.provenance.datestamp.clone(),
        format: record.provenance.format.to_string(),
        version: record.version,
        first_seen: timestamp(record.first_seen),
        last_run,
        via: record.provenance.via.clone(),
        glance,
        counts_for,
        officer_open: layout_session.is_some(),
        decisions,
        withdrawn,
        decision_form,
        notice,
        uploaded,
        title,
    };
    let status = if has_errors {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if record.deleted {
        StatusCode::GONE
    } else {
        StatusCode::OK
    };
    render(status, &page)
}

/// A source (or a country) to narrow the candidates to.
#[derive(Debug)]
pub struct SourceOption {
    id: String,
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "equivalents.html")]
struct EquivalentsPage {
    layout: Layout,
    credential: Summary,
    list: super::compare::CandidateList,
    scoped: bool,
    sources: Vec<SourceOption>,
    /// The countries of the awarding bodies, to narrow to one.
    countries: Vec<SourceOption>,
    filtered: bool,
    precedents: Vec<DecisionItem>,
}

/// `GET /credentials/{id}/equivalents[?institution=&country=]`: ranked candidates with the
/// five elements as verdict badges and their reasons, and the decisions already taken
/// about the credential.
pub async fn equivalents(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = parse_id(&path)?;
    let record = load(&state, &request, &id).await?;
    let languages = super::i18n::content_languages(&request);
    let pairs = super::shared::query_pairs(&request);
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    let mut filter = super::compare::CandidateFilter::default();
    let viewer = super::session::current(&request, &state.config.tokens);
    let own_source = record.provenance.source_id.clone();
    if let Some(institution) = get("institution") {
        let source = state
            .config
            .source_of_institution(&institution)
            .ok_or_else(|| {
                PageError::BadRequest(super::i18n::t1(
                    "error-not-a-source",
                    "institution",
                    &institution,
                ))
            })?;
        filter.institution = Some(source.id.clone());
    } else if !pairs.iter().any(|(key, _)| key == "institution") {
        // Not chosen yet: a signed-in officer looks at her own institution's credentials
        // (when it publishes them, and the credential held is not one of them).
        filter.institution = viewer
            .as_ref()
            .and_then(|session| state.config.source(&session.caller.institution))
            .map(|source| source.id.clone())
            .filter(|source| *source != own_source);
    }
    // Across every institution, the credential's own institution's courses are not
    // candidates: recognition is between institutions.
    if filter.institution.is_none() {
        filter.exclude = Some(own_source.clone());
    }
    if let Some(country) = get("country") {
        let country = model::Country::parse(&country)
            .map_err(|err| PageError::BadRequest(format!("country: {err}")))?;
        filter.country = Some(country.to_string());
    }
    let credential = record.credential.clone().unwrap_or_default();
    let summary = Summary::new(
        &id,
        &credential,
        &state.config.institutions,
        &languages,
        super::i18n::current(),
    );
    // The institutions that publish credentials here, the held one's own left out, and
    // the countries of the awarding bodies, by name.
    let (held_by, listings) = {
        let store = state.indexer.store().clone();
        let listings = super::i18n::block(move || store.listings()).await??;
        (record.provenance.source_id.clone(), listings)
    };
    let sources = state
        .config
        .sources
        .iter()
        .filter(|source| source.id != held_by)
        .filter(|source| {
            listings.iter().any(|(listing, size)| {
                *size > 0 && *listing == store::Listing::Source(source.id.to_string())
            })
        })
        .map(|source| SourceOption {
            id: source.id.to_string(),
            name: state
                .config
                .institution_name_in(
                    source.id.as_str(),
                    &super::i18n::naming_languages(&languages),
                )
                .unwrap_or(&source.institution)
                .to_owned(),
            selected: filter.institution.as_ref() == Some(&source.id),
        })
        .collect();
    let mut countries: Vec<SourceOption> = listings
        .iter()
        .filter_map(|(listing, size)| match listing {
            store::Listing::Country(code) if *size > 0 => Some(SourceOption {
                id: code.clone(),
                name: super::i18n::facet_label(Facet::Country, code),
                selected: filter.country.as_deref() == Some(code.as_str()),
            }),
            _ => None,
        })
        .collect();
    countries.sort_by(|a, b| a.name.cmp(&b.name));
    let filtered = filter.institution.is_some() || filter.country.is_some();
    let scoped = filter.institution.is_some();
    let looking = viewer
        .as_ref()
        .map(|session| session.caller.institution.clone());
    let list = super::compare::candidates(&state, &record, filter, &languages, looking).await?;
    let precedents = super::decisions::about(&state, &id, &languages, viewer.as_ref()).await?;
    // Precedents are the decisions in force.
    let precedents: Vec<_> = precedents
        .into_iter()
        .filter(|item| !item.withdrawn)
        .collect();
    let page = EquivalentsPage {
        layout: Layout::new(
            super::i18n::t1("equivalents-title", "title", &summary.title.text),
            "",
            &request,
            &state,
        ),
        credential: summary,
        list,
        scoped,
        sources,
        countries,
        filtered,
        precedents,
    };
    render(StatusCode::OK, &page)
}
