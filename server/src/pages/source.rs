//! `/sources/{id}`: one source's page for its publisher. What it is and when it is
//! harvested, its last harvest (a failure in plain words, the detail folded), its run
//! history (paged), its feed-quality report, and self-service:
//! - **Harvest now** (`POST /sources/{id}/harvest`), for a signed-in officer of the
//!   source's institution or an admin, as the API's `POST /api/v1/sources/{id}/harvest`;
//! - **Check a file** (`POST /sources/{id}/check`, anyone): the file read as `validate`
//!   reads it ([`formats::conformance::validate_document`]), the report shown, nothing
//!   kept; bounded by `server.max_upload_bytes`. It changes nothing, so it needs no form
//!   token;
//! - **Check my endpoint** (`POST /sources/{id}/check-endpoint`, its officers and
//!   admins, since it makes the server fetch a URL): fetched as a harvest fetches it
//!   ([`crate::validate::endpoint`]: the same limits and address restrictions), nothing
//!   stored.
//!
//! Its runs are also an Atom feed (`/sources/{id}/runs.atom`, [`super::feeds`]).

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use formats::conformance::{ElementStatus, ValidationReport, Verdict};

use super::session::{Session, current, field, form_fields};
use super::shared::{Layout, PageError, render};
use super::sources::{RunView, SourceCard};
use crate::state::AppState;

/// Runs shown per page of the history.
const RUNS_PER_PAGE: usize = 20;

/// Records of a check listed at most (those with something to fix first).
const CHECKED_SHOWN: usize = 50;

/// One record of a check, as listed.
struct CheckedRecord {
    verdict: String,
    class: &'static str,
    upstream_id: String,
    title: String,
    missing: String,
    unreadable: Vec<String>,
}

/// A check's result, as shown.
struct CheckView {
    what: String,
    verdict: String,
    class: &'static str,
    summary: String,
    note: Option<String>,
    document_error: Option<String>,
    hint: Option<String>,
    records: Vec<CheckedRecord>,
    failed: Vec<(String, String)>,
}

fn verdict_words(verdict: Verdict) -> (String, &'static str) {
    match verdict {
        Verdict::Error => (super::i18n::t("check-error"), "substantial"),
        Verdict::Warning => (super::i18n::t("check-warning"), "minor"),
        Verdict::Fine => (super::i18n::t("check-fine"), "match"),
    }
}

impl CheckView {
    fn new(what: String, report: &ValidationReport, note: Option<String>) -> CheckView {
        let (verdict, class) = verdict_words(report.verdict());
        let count = |wanted: Verdict| {
            report
                .records
                .iter()
                .filter(|record| record.verdict() == wanted)
                .count()
        };
        let locale = super::i18n::current();
        let summary = locale.with_args(
            "source-check-summary",
            [
                ("records", (report.records.len() as f64).into()),
                ("failed", (report.summary.n_failed_records as f64).into()),
                ("errors", (count(Verdict::Error) as f64).into()),
                ("warnings", (count(Verdict::Warning) as f64).into()),
                ("fine", (count(Verdict::Fine) as f64).into()),
                (
                    "average",
                    ((report.summary.average_completeness * 100.0).round()).into(),
                ),
            ],
        );
        let mut records: Vec<&formats::conformance::RecordReport> = report
            .records
            .iter()
            .filter(|record| record.verdict() != Verdict::Fine)
            .collect();
        records.sort_by_key(|record| std::cmp::Reverse(record.verdict()));
        CheckView {
            what,
            verdict,
            class,
            summary,
            note,
            document_error: report.document_error.clone(),
            hint: report.hint.clone(),
            records: records
                .into_iter()
                .take(CHECKED_SHOWN)
                .map(|record| {
                    let (verdict, class) = verdict_words(record.verdict());
                    CheckedRecord {
                        verdict,
                        class,
                        upstream_id: record.upstream_id.clone(),
                        title: record
                            .title
                            .clone()
                            .unwrap_or_else(|| super::i18n::t("untitled")),
                        missing: record
                            .elements
                            .iter()
                            .filter(|e| e.mandatory && e.status == ElementStatus::Missing)
                            .map(|e| super::i18n::annex_label(e.element))
                            .collect::<Vec<_>>()
                            .join(", "),
                        unreadable: record
                            .elements
                            .iter()
                            .filter(|e| e.status == ElementStatus::Unreadable)
                            .map(|e| {
                                format!(
                                    "{}: {}",
                                    super::i18n::annex_label(e.element),
                                    e.reasons.join("; ")
                                )
                            })
                            .collect(),
                    }
                })
                .collect(),
            failed: report
                .summary
                .failed_records
                .iter()
                .map(|failed| {
                    (
                        failed
                            .upstream_id
                            .clone()
                            .unwrap_or_else(|| super::i18n::t("source-check-no-identifier")),
                        failed.reason.clone(),
                    )
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "source.html")]
struct SourcePage {
    layout: Layout,
    s: SourceCard,
    runs: Vec<RunView>,
    runs_prev: Option<String>,
    runs_next: Option<String>,
    notice: Option<String>,
    /// The session's form token, when the visitor may act for the source.
    harvest_csrf: Option<String>,
    self_path: String,
    checked: Option<CheckView>,
    endpoint_url: String,
    endpoint_protocol: String,
    max_size: String,
}

/// What the page shows besides the source: a notice, a check's result, the endpoint
/// form's values.
#[derive(Default)]
struct Extra {
    notice: Option<String>,
    checked: Option<CheckView>,
    endpoint_url: String,
    endpoint_protocol: String,
}

/// The signed-in session when it may act for `source` (its institution's, or an
/// admin's).
fn acting_for<'s>(session: Option<&'s Session>, source: &str) -> Option<&'s Session> {
    session.filter(|session| session.caller.admin || session.caller.institution == source)
}

fn configured<'c>(state: &'c AppState, id: &str) -> Result<&'c config::Source, PageError> {
    state
        .config
        .source(id)
        .ok_or_else(|| PageError::NotFound(super::i18n::t1("error-no-such-source", "id", id)))
}

async fn show(
    state: &web::Data<AppState>,
    request: &HttpRequest,
    id: &str,
    status: StatusCode,
    extra: Extra,
) -> Result<HttpResponse, PageError> {
    let source = configured(state, id)?.clone();
    let page_number = super::shared::query_pairs(request)
        .into_iter()
        .find(|(key, _)| key == "runs")
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .filter(|n| (1..=10_000).contains(n))
        .unwrap_or(1);
    let running = state.harvests.running();
    let app = state.get_ref().clone();
    let wanted = source.clone();
    let (card, runs, more) = super::i18n::block(move || -> Result<_, PageError> {
        let card = SourceCard::of(&app, &wanted, &running)?;
        let skip = (page_number - 1) * RUNS_PER_PAGE;
        let mut runs = app
            .indexer
            .store()
            .runs(&wanted.id, skip + RUNS_PER_PAGE + 1)?;
        let more = runs.len() > skip + RUNS_PER_PAGE;
        let runs: Vec<RunView> = runs
            .drain(..)
            .skip(skip)
            .take(RUNS_PER_PAGE)
            .map(|run| RunView::new(&run, &wanted))
            .collect();
        Ok((card, runs, more))
    })
    .await??;
    let session = current(request, &state.config.tokens);
    let path = format!("/sources/{}", source.id);
    let page = SourcePage {
        layout: Layout::new(card.institution.clone(), "sources", request, state),
        s: card,
        runs,
        runs_prev: (page_number > 1)
            .then(|| format!("{path}?runs={}#runs-heading", page_number - 1)),
        runs_next: more.then(|| format!("{path}?runs={}#runs-heading", page_number + 1)),
        notice: extra.notice,
        harvest_csrf: acting_for(session.as_ref(), source.id.as_str()).map(Session::csrf_token),
        self_path: path,
        checked: extra.checked,
        endpoint_url: extra.endpoint_url,
        endpoint_protocol: if extra.endpoint_protocol.is_empty() {
            match source.fetch {
                config::Fetch::OaiPmh { .. } => "oai-pmh".to_owned(),
                _ => "http".to_owned(),
            }
        } else {
            extra.endpoint_protocol
        },
        max_size: super::upload::size_text(state.config.server.max_upload_bytes),
    };
    let mut response = render(status, &page)?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `GET /sources/{id}[?runs=N]`.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let notice = super::shared::query_pairs(&request)
        .into_iter()
        .find_map(|(key, _)| match key.as_str() {
            "started" => Some(super::i18n::t("source-harvest-started")),
            "running" => Some(super::i18n::t("source-harvest-running")),
            _ => None,
        });
    show(
        &state,
        &request,
        &id,
        StatusCode::OK,
        Extra {
            notice,
            ..Extra::default()
        },
    )
    .await
}

/// A form only a source's officers (and admins) may send.
struct OfficersForm {
    source: config::Source,
    session: Session,
    fields: Vec<(String, String)>,
}

/// The source of a form only its officers (and admins) may send, the session that sent
/// it with a valid form token, and its fields; else 403 (404 for no such source).
fn officers_form(
    state: &AppState,
    request: &HttpRequest,
    id: &str,
    body: &[u8],
) -> Result<OfficersForm, PageError> {
    let source = configured(state, id)?.clone();
    let fields = form_fields(body);
    let session = super::sign_in::require_session(request, state, &fields)?;
    if acting_for(Some(&session), source.id.as_str()).is_none() {
        return Err(PageError::Forbidden(super::i18n::t(
            "source-harvest-not-yours",
        )));
    }
    Ok(OfficersForm {
        source,
        session,
        fields,
    })
}

/// `POST /sources/{id}/harvest`: starts a harvest now (its officers and admins).
pub async fn harvest(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let OfficersForm {
        source, session, ..
    } = officers_form(&state, &request, &id, &body)?;
    let who = format!("session of {}", session.caller.token_id);
    let started = state.harvests.start(&source.id, false, &who);
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!(
                "/sources/{}?{}",
                source.id,
                if started { "started" } else { "running" }
            ),
        ))
        .finish())
}

/// `POST /sources/{id}/check`: a file checked as `validate` checks it, nothing kept.
pub async fn check_file(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let source = configured(&state, &id)?.clone();
    let max = state.config.server.max_upload_bytes;
    let sent = super::upload::read_form(&request, payload, max, super::upload::max_form_bytes(max))
        .await?;
    let format = model::Format::parse(sent.format.trim()).unwrap_or(source.format);
    let Some((name, bytes)) = sent.file.filter(|_| sent.too_large.is_none()) else {
        let notice = if sent.too_large.is_some() {
            super::i18n::t1(
                "source-check-too-large",
                "size",
                super::upload::size_text(max),
            )
        } else {
            super::i18n::t("source-check-no-file")
        };
        return show(
            &state,
            &request,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            Extra {
                notice: Some(notice),
                ..Extra::default()
            },
        )
        .await;
    };
    let report =
        web::block(move || formats::conformance::validate_document(format, &bytes)).await?;
    let what = name.unwrap_or_else(|| super::i18n::t("upload-pasted-text"));
    show(
        &state,
        &request,
        &id,
        StatusCode::OK,
        Extra {
            checked: Some(CheckView::new(what, &report, None)),
            ..Extra::default()
        },
    )
    .await
}

/// `POST /sources/{id}/check-endpoint`: the publisher's endpoint checked as a harvest
/// fetches it (its officers and admins), nothing stored.
pub async fn check_endpoint(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let OfficersForm { source, fields, .. } = officers_form(&state, &request, &id, &body)?;
    let url_text = field(&fields, "url").unwrap_or_default().trim().to_owned();
    let protocol = field(&fields, "protocol").unwrap_or("http").to_owned();
    let again = |notice: String| Extra {
        notice: Some(notice),
        endpoint_url: url_text.clone(),
        endpoint_protocol: protocol.clone(),
        ..Extra::default()
    };
    let url = match url::Url::parse(&url_text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url,
        _ => {
            let extra = again(super::i18n::t("source-check-bad-url"));
            return show(
                &state,
                &request,
                &id,
                StatusCode::UNPROCESSABLE_ENTITY,
                extra,
            )
            .await;
        }
    };
    let fetch = match (protocol.as_str(), &source.fetch) {
        (
            "oai-pmh",
            config::Fetch::OaiPmh {
                metadata_prefix,
                set,
                ..
            },
        ) => config::Fetch::OaiPmh {
            url,
            metadata_prefix: metadata_prefix.clone(),
            set: set.clone(),
        },
        ("oai-pmh", _) => config::Fetch::OaiPmh {
            url,
            metadata_prefix: "oai_dc".to_owned(),
            set: None,
        },
        _ => config::Fetch::Http { url },
    };
    let mut harvest = state.config.harvest.clone();
    // The source's own permission to reach a private address holds for its endpoint.
    harvest.allow_private_addresses |= source.allow_private_address;
    let checked = crate::validate::endpoint(&harvest, fetch, source.format).await;
    let extra = match checked {
        Ok((report, note)) => Extra {
            checked: Some(CheckView::new(url_text.clone(), &report, note)),
            endpoint_url: url_text.clone(),
            endpoint_protocol: protocol.clone(),
            ..Extra::default()
        },
        Err(unchecked) => {
            let why = match unchecked.kind {
                Some(kind) => {
                    let (cause, next) = super::sources::failure_text(kind);
                    format!("{cause} {next} ({})", unchecked.detail)
                }
                None => unchecked.detail,
            };
            again(super::i18n::t1("source-check-endpoint-failed", "why", why))
        }
    };
    show(&state, &request, &id, StatusCode::OK, extra).await
}
