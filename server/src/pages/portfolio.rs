//! `/portfolio`: "will my credentials count?". A learner collects credentials from the
//! catalogue (or ones they uploaded, `upload.…`) into a portfolio kept in their own
//! browser, chooses an institution, and sees for each credential Match / Maybe / Miss
//! there: from the institution's recorded decision about it first, from the equivalence
//! lookup second ([`recognition::portfolio`]), with the ECTS credits added up, what each
//! stacks into where its record says, and the reminder that only the institution
//! decides. The answer prints as a page and downloads as JSON
//! (`/portfolio/export.json`).
//!
//! No account and nothing on the server: the portfolio is the list of record ids in the
//! `ch_portfolio` cookie, changed only by `POST /portfolio` from this site's own pages
//! (a request another site makes is refused: it could empty the list).

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use model::{RecordId, StoredRecord};
use recognition::equivalence::EquivalenceRequest;
use recognition::evidence::signals::Label;
use recognition::portfolio::{self, Basis};

use super::compare::Badge;
use super::records::Summary;
use super::shared::{Layout, PageError, Text, render};
use crate::state::AppState;
use crate::views::portfolio::{PortfolioItemView, PortfolioTotalsView, PortfolioView};

/// The cookie holding the portfolio: record ids, comma-separated.
pub const COOKIE: &str = "ch_portfolio";

/// Most credentials a portfolio holds (a cookie holds about 4 KB; a record id is at
/// most 85 bytes).
pub const MAX_ITEMS: usize = 40;

/// How long the browser keeps the portfolio after its last change: a year.
const KEEP_SECS: i64 = 365 * 24 * 3600;

/// The record ids of the request's portfolio, in the order added (unreadable ones
/// dropped).
pub fn held(request: &HttpRequest) -> Vec<RecordId> {
    let Some(cookie) = request.cookie(COOKIE) else {
        return Vec::new();
    };
    let mut ids: Vec<RecordId> = Vec::new();
    for part in cookie.value().split(',') {
        if let Ok(id) = RecordId::parse(part.trim())
            && !ids.contains(&id)
            && ids.len() < MAX_ITEMS
        {
            ids.push(id);
        }
    }
    ids
}

fn cookie_of(request: &HttpRequest, ids: &[RecordId]) -> Cookie<'static> {
    let value: Vec<&str> = ids.iter().map(RecordId::as_str).collect();
    Cookie::build(COOKIE, value.join(","))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(request.connection_info().scheme() == "https")
        .max_age(Duration::seconds(if ids.is_empty() {
            0
        } else {
            KEEP_SECS
        }))
        .finish()
}

/// Whether a form post comes from this site's own pages: a browser says where a request
/// comes from (`Sec-Fetch-Site`, `Origin`); one from another site is refused. A client
/// that says neither is no browser another site could drive.
fn same_origin(request: &HttpRequest) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = request.connection_info().host().to_owned();
            url::Url::parse(origin).is_ok_and(|url| {
                let port = url
                    .port()
                    .map(|port| format!(":{port}"))
                    .unwrap_or_default();
                format!("{}{port}", url.host_str().unwrap_or_default()) == host
            })
        }
    }
}

/// `POST /portfolio`: `add` (a record id), `remove` (one) or `clear`, then back to
/// `back` (a path on this site) or the portfolio.
pub async fn change(request: HttpRequest, body: web::Bytes) -> Result<HttpResponse, PageError> {
    if !same_origin(&request) {
        return Err(PageError::Forbidden(super::i18n::t("portfolio-other-site")));
    }
    let fields = super::session::form_fields(&body);
    let field = |name: &str| super::session::field(&fields, name).map(str::trim);
    let mut ids = held(&request);
    let mut full = false;
    if let Some(add) = field("add") {
        let id = super::records::parse_id(add)?;
        if !ids.contains(&id) {
            if ids.len() < MAX_ITEMS {
                ids.push(id);
            } else {
                full = true;
            }
        }
    }
    if let Some(remove) = field("remove") {
        ids.retain(|id| id.as_str() != remove);
    }
    if field("clear").is_some() {
        ids.clear();
    }
    let back = field("back")
        .filter(|back| back.starts_with('/') && !back.starts_with("//") && !back.contains('\\'))
        .unwrap_or("/portfolio");
    let back = if full {
        "/portfolio?full=1".to_owned()
    } else {
        back.to_owned()
    };
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, back))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish();
    response
        .add_cookie(&cookie_of(&request, &ids))
        .map_err(|err| PageError::Internal(err.to_string()))?;
    Ok(response)
}

/// One credential of the portfolio, answered for the institution chosen.
struct Item {
    id: String,
    summary: Summary,
    /// The credential is no longer published (or the upload no longer held).
    gone: bool,
    stackability: Option<Text>,
    answer: Option<ItemAnswer>,
}

/// How one credential would count.
struct ItemAnswer {
    badge: Badge,
    /// What it rests on, in words.
    basis: String,
    /// The credential it would count as, where the answer names one: the decision's
    /// equivalent (`true`), or the lookup's closest candidate (`false`; not for a Miss).
    counts_as: Option<(String, Text, bool)>,
    /// The ECTS credits it would count for (for a Match only).
    ects: Option<String>,
}

/// An institution to choose.
struct InstitutionOption {
    key: String,
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioPage {
    layout: Layout,
    items: Vec<Item>,
    institutions: Vec<InstitutionOption>,
    /// The institution chosen, by name.
    chosen: Option<String>,
    chosen_key: String,
    totals: Option<Totals>,
    full: bool,
    max_items: usize,
}

/// The ECTS credits of the portfolio, and of what would count.
struct Totals {
    all: String,
    matched: String,
    maybe: String,
    without_ects: usize,
}

fn ects_text(ects: f64) -> String {
    super::i18n::current().number(ects)
}

/// A record and what the chosen institution would make of it.
struct Assessed {
    id: RecordId,
    record: Option<StoredRecord>,
    answer: Option<portfolio::Answer>,
    /// Its ECTS credits as stated.
    ects: Option<f64>,
    /// The title of the credential a decision names as its equivalent.
    equivalent_title: Option<model::LangText>,
}

impl Assessed {
    /// Its credential, while it is published (or its upload held).
    fn live(&self) -> Option<&model::Credential> {
        self.record
            .as_ref()
            .filter(|record| !record.deleted)
            .and_then(|record| record.credential.as_ref())
    }
}

/// A request's portfolio, answered for the institution it asks about.
struct Asked {
    /// The languages of harvested text, best first.
    languages: Vec<String>,
    /// The institution asked about (`?institution=`, by key or name), and its name for
    /// this reader.
    institution: Option<(config::Institution, String)>,
    assessed: Vec<Assessed>,
}

/// Reads the request's portfolio and institution, and answers each credential.
async fn ask(state: &AppState, request: &HttpRequest) -> Result<Asked, PageError> {
    let languages = super::i18n::content_languages(request);
    let institution = super::shared::query_pairs(request)
        .into_iter()
        .find(|(key, _)| key == "institution")
        .and_then(|(_, value)| state.config.institutions.resolve(&value).cloned())
        .map(|institution| {
            let name = institution
                .name_in(&super::i18n::naming_languages(&languages))
                .to_owned();
            (institution, name)
        });
    let key = institution
        .as_ref()
        .map(|(institution, _)| institution.key.as_str());
    let assessed = assess(state, request, key).await?;
    Ok(Asked {
        languages,
        institution,
        assessed,
    })
}

/// Answers every held credential for the institution `key` (none: just lists them).
async fn assess(
    state: &AppState,
    request: &HttpRequest,
    key: Option<&str>,
) -> Result<Vec<Assessed>, PageError> {
    let mut records = Vec::new();
    for id in held(request) {
        // A credential gone (or an upload no longer held) stays listed, said to be gone.
        let record = super::records::load(state, request, &id).await.ok();
        records.push((id, record));
    }
    let institution = key
        .and_then(|key| state.config.institutions.get(key))
        .cloned();
    let app = state.clone();
    // The lookups of a whole portfolio, within the budget of one lookup or comparison.
    let budget_ms = state.config.server.recognition_budget_ms;
    let assessed = crate::budget::within(
        "the portfolio",
        budget_ms,
        move || -> Result<Vec<Assessed>, PageError> {
            let today = chrono::Utc::now().date_naive();
            let mut out = Vec::with_capacity(records.len());
            for (id, record) in records {
                let live = record
                    .as_ref()
                    .filter(|record| !record.deleted && record.credential.is_some());
                let ects = live
                    .and_then(|record| record.credential.as_ref())
                    .and_then(model::Credential::ects);
                let answer = match (&institution, live) {
                    (Some(institution), Some(record)) => {
                        let deciders: Vec<&str> =
                            institution.sources.iter().map(|s| s.as_str()).collect();
                        if deciders.contains(&id.source()) {
                            Some(portfolio::own())
                        } else {
                            let decisions = app.indexer.store().decisions_about(&id)?;
                            let decided = portfolio::decided(&id, &decisions, &deciders, today);
                            let mut candidates = Vec::new();
                            if decided.is_none() {
                                for source in &institution.sources {
                                    let found = app.equivalents(
                                        record,
                                        &EquivalenceRequest {
                                            institution: Some(source.clone()),
                                            limit: 1,
                                            threshold: 0.0,
                                            ..EquivalenceRequest::default()
                                        },
                                    )?;
                                    candidates.extend(found.hits);
                                }
                            }
                            Some(portfolio::answer(decided, candidates))
                        }
                    }
                    _ => None,
                };
                let equivalent_title = match answer.as_ref().map(|answer| &answer.basis) {
                    Some(Basis::Decision(decision)) => match &decision.outcome {
                        store::DecisionOutcome::Equivalent { target } => app
                            .indexer
                            .store()
                            .get(target)?
                            .and_then(|target| target.credential)
                            .map(|credential| credential.title),
                        _ => None,
                    },
                    _ => None,
                };
                out.push(Assessed {
                    id,
                    record,
                    answer,
                    ects,
                    equivalent_title,
                });
            }
            Ok(out)
        },
    )
    .await?;
    Ok(assessed)
}

/// The ECTS credits an answer counts for: those a decision granted, else the
/// credential's own.
fn counted_ects(answer: &portfolio::Answer, ects: Option<f64>) -> Option<f64> {
    match &answer.basis {
        Basis::Decision(decision) => match decision.outcome {
            store::DecisionOutcome::Credits { ects } => Some(ects),
            _ => ects,
        },
        _ => ects,
    }
}

/// The ECTS credits of the portfolio, of what would be a Match and of what would be a
/// Maybe (the credits each counts for), and how many credentials state none.
fn sums(assessed: &[Assessed]) -> (PortfolioTotalsView, usize) {
    let mut totals = PortfolioTotalsView::default();
    let mut without_ects = 0;
    for item in assessed {
        match item.ects {
            Some(ects) => totals.ects += ects,
            None => without_ects += 1,
        }
        if let Some(answer) = &item.answer {
            let counted = counted_ects(answer, item.ects).unwrap_or(0.0);
            match answer.label {
                Label::Match => totals.ects_match += counted,
                Label::Maybe => totals.ects_maybe += counted,
                Label::Miss => {}
            }
        }
    }
    (totals, without_ects)
}

fn totals(assessed: &[Assessed]) -> Totals {
    let (sums, without_ects) = sums(assessed);
    Totals {
        all: ects_text(sums.ects),
        matched: ects_text(sums.ects_match),
        maybe: ects_text(sums.ects_maybe),
        without_ects,
    }
}

/// `GET /portfolio[?institution=KEY]`.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let Asked {
        languages,
        institution,
        assessed,
    } = ask(&state, &request).await?;
    let naming = super::i18n::naming_languages(&languages);
    let institutions = &state.config.institutions;
    let key = institution
        .as_ref()
        .map(|(institution, _)| institution.key.clone());
    let chosen = institution.map(|(_, name)| name);
    let locale = super::i18n::current();
    let items = assessed
        .iter()
        .map(|item| {
            let live = item.live();
            let empty = model::Credential::default();
            let summary = Summary::new(
                &item.id,
                live.unwrap_or(&empty),
                institutions,
                &languages,
                locale,
            );
            Item {
                id: item.id.to_string(),
                summary,
                gone: live.is_none(),
                stackability: live.and_then(|c| Text::best(&c.stackability, &languages)),
                answer: item.answer.as_ref().map(|answer| ItemAnswer {
                    badge: Badge::of_label(answer.label),
                    basis: basis_text(answer, chosen.as_deref().unwrap_or_default()),
                    counts_as: counts_as(answer, item.equivalent_title.as_ref(), &languages)
                        .filter(|_| answer.label != Label::Miss)
                        .map(|(href, title)| {
                            (href, title, matches!(answer.basis, Basis::Decision(_)))
                        }),
                    ects: (answer.label == Label::Match)
                        .then(|| counted_ects(answer, item.ects))
                        .flatten()
                        .map(ects_text),
                }),
            }
        })
        .collect();
    let page = PortfolioPage {
        layout: Layout::new(
            super::i18n::t("portfolio-title"),
            "portfolio",
            &request,
            &state,
        ),
        items,
        institutions: institutions
            .iter()
            .map(|institution| InstitutionOption {
                key: institution.key.clone(),
                name: institution.name_in(&naming).to_owned(),
                selected: key.as_deref() == Some(institution.key.as_str()),
            })
            .collect(),
        chosen,
        chosen_key: key.clone().unwrap_or_default(),
        totals: key.is_some().then(|| totals(&assessed)),
        full: super::shared::query_pairs(&request)
            .iter()
            .any(|(key, _)| key == "full"),
        max_items: MAX_ITEMS,
    };
    let mut response = render(StatusCode::OK, &page)?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// What an answer rests on, in words.
fn basis_text(answer: &portfolio::Answer, institution: &str) -> String {
    let locale = super::i18n::current();
    match &answer.basis {
        Basis::Own => locale.t1("portfolio-basis-own", "institution", institution),
        Basis::Decision(decision) => {
            let key = match decision.outcome {
                store::DecisionOutcome::Equivalent { .. } => "portfolio-basis-equivalent",
                store::DecisionOutcome::Credits { .. } => "portfolio-basis-credits",
                store::DecisionOutcome::Refused => "portfolio-basis-refused",
            };
            let mut text = locale.t2(
                key,
                "institution",
                institution,
                "date",
                locale.date(decision.decided_on),
            );
            if decision.at_risk.is_some() {
                text.push(' ');
                text.push_str(&locale.t("portfolio-basis-changed-since"));
            }
            text
        }
        Basis::Lookup(hit) => locale.t2(
            "portfolio-basis-lookup",
            "institution",
            institution,
            "percent",
            (hit.probability * 100.0).round() as u32,
        ),
        Basis::NoCandidate => locale.t1("portfolio-basis-nothing", "institution", institution),
    }
}

/// The credential an answer names: the decision's equivalent, or the lookup's candidate.
fn counts_as(
    answer: &portfolio::Answer,
    equivalent_title: Option<&model::LangText>,
    languages: &[String],
) -> Option<(String, Text)> {
    match &answer.basis {
        Basis::Decision(decision) => match &decision.outcome {
            store::DecisionOutcome::Equivalent { target } => Some((
                format!("/credentials/{target}"),
                equivalent_title
                    .and_then(|title| Text::best(title, languages))
                    .unwrap_or_else(|| super::records::untitled(super::i18n::current())),
            )),
            _ => None,
        },
        Basis::Lookup(hit) => {
            let credential = hit.record.credential.as_ref()?;
            Some((
                format!("/credentials/{}", hit.record.id),
                Text::best(&credential.title, languages)?,
            ))
        }
        Basis::Own | Basis::NoCandidate => None,
    }
}

/// `GET /portfolio/export.json[?institution=KEY]`: the portfolio and its answers, to keep
/// or send.
pub async fn export(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let Asked {
        languages,
        institution,
        assessed,
    } = ask(&state, &request).await?;
    let (institution, institution_name) = institution.unzip();
    let items = assessed
        .iter()
        .map(|item| {
            PortfolioItemView::new(
                &item.id,
                item.live(),
                item.answer.as_ref().map(|answer| {
                    (
                        answer,
                        basis_text(answer, institution_name.as_deref().unwrap_or_default()),
                        counted_ects(answer, item.ects),
                    )
                }),
                &languages,
            )
        })
        .collect();
    let totals = institution.is_some().then(|| sums(&assessed).0);
    let view = PortfolioView {
        institution: institution.map(|i| i.key),
        institution_name,
        generated_at: chrono::Utc::now(),
        note: "Suggestions, not decisions: only the institution decides what your credentials count for.",
        items,
        totals,
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"portfolio.json\"",
        ))
        .json(view))
}
