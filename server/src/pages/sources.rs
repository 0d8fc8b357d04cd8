//! `/sources`: every configured feed in one compact table (how its last harvest went, its
//! records and their completeness), each linking to its own page (`/sources/{id}`,
//! [`super::source`]): the schedule, the run history, the feed-quality report
//! ([`crate::reports`]: per Annex I element how many records carry it, and the least
//! complete records), so that publishing institutions can see what to fix.
//!
//! The report is the API's ([`crate::reports`]): the records as published, streamed from
//! the store on a blocking thread and kept until the store changes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;
use formats::conformance::{DEFAULT_WORST_RECORDS, SourceReport};
use model::{HarvestRun, RecordId, RunOutcome};
use search::Facet;

use super::shared::{Layout, PageError, render, safe_url};
use crate::state::AppState;

/// How a run ended, in words.
pub fn outcome_label(outcome: RunOutcome) -> String {
    super::i18n::t(match outcome {
        RunOutcome::Running => "run-running",
        RunOutcome::Succeeded => "run-succeeded",
        RunOutcome::Partial => "run-partial",
        RunOutcome::Failed => "run-failed",
    })
}

pub(super) fn outcome_class(outcome: RunOutcome) -> &'static str {
    match outcome {
        RunOutcome::Running => "unknown",
        RunOutcome::Succeeded => "match",
        RunOutcome::Partial => "minor",
        RunOutcome::Failed => "substantial",
    }
}

pub(super) fn timestamp(at: chrono::DateTime<Utc>) -> String {
    super::i18n::current().date_time(at)
}

fn percent(part: u64, whole: u64) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part as f64 / whole as f64) * 100.0).round() as u32
    }
}

/// A failure's cause and next step, in the page's language.
pub fn failure_text(kind: model::FailureKind) -> (String, String) {
    let key = kind.name().replace('_', "-");
    (
        super::i18n::t(&format!("failure-{key}-cause")),
        super::i18n::t(&format!("failure-{key}-next")),
    )
}

/// A run's technical message without the server's file paths: a `file` source's path
/// says nothing to a visitor and something about the server, so it is named by its file
/// name only.
pub(super) fn without_paths(message: &str, source: &config::Source) -> String {
    match &source.fetch {
        config::Fetch::File { path } => {
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| "the feed file".to_owned());
            message.replace(&path.display().to_string(), &name)
        }
        _ => message.to_owned(),
    }
}

/// A run of a source, as shown.
#[derive(Debug)]
pub struct RunView {
    pub(super) outcome: String,
    pub(super) class: &'static str,
    pub(super) started: String,
    pub(super) seconds: Option<String>,
    pub(super) seen: u64,
    pub(super) added: u64,
    pub(super) updated: u64,
    pub(super) unchanged: u64,
    pub(super) deleted: u64,
    pub(super) failed: u64,
    pub(super) message: Option<String>,
    /// Why it failed, in plain words: the cause and what to do next.
    pub(super) failure: Option<(String, String)>,
    pub(super) errors: Vec<(String, String)>,
    pub(super) more_errors: usize,
}

impl RunView {
    pub(super) fn new(run: &HarvestRun, source: &config::Source) -> RunView {
        const SHOWN_ERRORS: usize = 5;
        RunView {
            outcome: outcome_label(run.outcome),
            class: outcome_class(run.outcome),
            started: timestamp(run.started_at),
            seconds: run.finished_at.map(|end| {
                format!(
                    "{:.1}",
                    (end - run.started_at).num_milliseconds() as f64 / 1000.0
                )
            }),
            seen: run.counts.seen,
            added: run.counts.added,
            updated: run.counts.updated,
            unchanged: run.counts.unchanged,
            deleted: run.counts.deleted,
            failed: run.counts.failed,
            message: run
                .message
                .as_deref()
                .map(|message| without_paths(message, source)),
            failure: run.failure.map(failure_text),
            errors: run
                .errors
                .iter()
                .take(SHOWN_ERRORS)
                .map(|error| {
                    (
                        error
                            .upstream_id
                            .clone()
                            .unwrap_or_else(|| "(no identifier)".to_owned()),
                        without_paths(&error.reason, source),
                    )
                })
                .collect(),
            more_errors: run.errors.len().saturating_sub(SHOWN_ERRORS),
        }
    }
}

/// One Annex I element's totals.
#[derive(Debug)]
pub struct ElementRow {
    pub(super) label: String,
    pub(super) mandatory: bool,
    pub(super) present: u64,
    pub(super) missing: u64,
    pub(super) unreadable: u64,
    pub(super) percent: u32,
}

/// One of the least complete records.
#[derive(Debug)]
pub struct WorstRow {
    pub(super) href: String,
    pub(super) title: String,
    pub(super) upstream_id: String,
    pub(super) completeness: u32,
    pub(super) lacking: String,
}

/// The feed-quality report of a source, as shown.
#[derive(Debug)]
pub struct ReportView {
    pub(super) n_records: u64,
    pub(super) n_failed: u64,
    pub(super) average: u32,
    pub(super) elements: Vec<ElementRow>,
    pub(super) worst: Vec<WorstRow>,
}

impl ReportView {
    pub(super) fn new(source: &model::SourceId, report: &SourceReport) -> ReportView {
        ReportView {
            n_records: report.n_records,
            n_failed: report.n_failed_records,
            average: (report.average_completeness * 100.0).round() as u32,
            elements: report
                .elements
                .iter()
                .map(|totals| ElementRow {
                    label: super::i18n::annex_label(totals.element),
                    mandatory: totals.mandatory,
                    present: totals.present,
                    missing: totals.missing,
                    unreadable: totals.unreadable,
                    percent: percent(totals.present, report.n_records),
                })
                .collect(),
            worst: report
                .worst_records
                .iter()
                .filter(|worst| worst.completeness < 1.0)
                .map(|worst| WorstRow {
                    href: format!("/credentials/{}", RecordId::new(source, &worst.upstream_id)),
                    title: worst
                        .title
                        .clone()
                        .unwrap_or_else(|| super::i18n::t("untitled")),
                    upstream_id: worst.upstream_id.clone(),
                    completeness: (worst.completeness * 100.0).round() as u32,
                    lacking: worst
                        .lacking
                        .iter()
                        .map(|element| super::i18n::annex_label(*element))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
                .collect(),
        }
    }
}

/// One source, as its page and its row of the index show it.
#[derive(Debug)]
pub struct SourceCard {
    pub(super) id: String,
    pub(super) institution: String,
    pub(super) country: String,
    pub(super) homepage: Option<String>,
    pub(super) protocol: &'static str,
    pub(super) format: &'static str,
    pub(super) location: Option<String>,
    pub(super) schedule: Option<String>,
    pub(super) next_harvest: Option<String>,
    pub(super) running_since: Option<String>,
    pub(super) last_run: Option<RunView>,
    pub(super) report: ReportView,
}

impl SourceCard {
    /// The card of `source`: its last run and its feed-quality report. Blocking.
    pub(super) fn of(
        app: &AppState,
        source: &config::Source,
        running: &std::collections::HashMap<model::SourceId, chrono::DateTime<Utc>>,
    ) -> Result<SourceCard, PageError> {
        let last_run = app.indexer.store().runs(&source.id, 1)?.into_iter().next();
        let report = app.reports.report(
            &app.indexer,
            &source.id,
            last_run.as_ref(),
            DEFAULT_WORST_RECORDS,
        )?;
        // A local file's path says nothing to a visitor and something about the server.
        let location = match &source.fetch {
            config::Fetch::File { .. } => None,
            other => safe_url(&other.location()),
        };
        Ok(SourceCard {
            id: source.id.to_string(),
            institution: app
                .config
                .institution_name_in(source.id.as_str(), &super::i18n::naming_languages(&[]))
                .unwrap_or(&source.institution)
                .to_owned(),
            country: super::i18n::facet_label(Facet::Country, source.country.as_str()),
            homepage: source
                .homepage
                .as_ref()
                .and_then(|url| safe_url(url.as_str())),
            protocol: source.fetch.protocol(),
            format: source.format.as_str(),
            location,
            schedule: source.schedule_text.clone(),
            next_harvest: source
                .schedule
                .as_ref()
                .and_then(|schedule| schedule.upcoming(Utc).next())
                .map(timestamp),
            running_since: running.get(&source.id).copied().map(timestamp),
            last_run: last_run.as_ref().map(|run| RunView::new(run, source)),
            report: ReportView::new(&source.id, &report),
        })
    }
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage {
    layout: Layout,
    sources: Vec<SourceCard>,
    /// How records are bridged across languages, in words.
    languages: Vec<String>,
}

/// What the bridge between languages does now, in plain words, for publishers (whose
/// records other languages find through it) and operators.
fn bridge_status(bridge: &crosslingual::Bridge) -> Vec<String> {
    use std::sync::atomic::Ordering;
    let mut lines = Vec::new();
    match bridge.encoder() {
        Some(_) => {
            let backlog = bridge.status().backlog.load(Ordering::Relaxed);
            let languages = bridge
                .table()
                .languages()
                .iter()
                .map(|(lang, n)| format!("{} {n}", super::i18n::language_name(lang)))
                .collect::<Vec<_>>()
                .join(", ");
            let locale = super::i18n::current();
            let mut line = locale.t2(
                "bridge-on",
                "count",
                locale.integer(bridge.table().len()),
                "languages",
                if languages.is_empty() {
                    locale.t("bridge-no-language-yet")
                } else {
                    languages
                },
            );
            if backlog > 0 {
                line.push(' ');
                line.push_str(&locale.tn("bridge-backlog", "count", backlog as usize));
            }
            lines.push(line);
        }
        None => lines.push(super::i18n::t1(
            "bridge-off",
            "why",
            bridge
                .off_because()
                .map_or_else(|| super::i18n::t("bridge-not-configured"), str::to_owned),
        )),
    }
    match bridge.dictionaries() {
        None if bridge.dictionaries_dir().is_some() => {
            lines.push(super::i18n::t("dictionaries-being-read"));
        }
        Some(dictionaries) if !dictionaries.is_empty() => lines.push(super::i18n::t1(
            "dictionaries-loaded",
            "languages",
            dictionaries
                .loaded()
                .iter()
                .map(|d| super::i18n::language_name(d.lang()))
                .collect::<Vec<_>>()
                .join(", "),
        )),
        _ => lines.push(match bridge.dictionaries_off_because() {
            Some(why) => super::i18n::t1("dictionaries-off-because", "why", why),
            None => super::i18n::t("dictionaries-off"),
        }),
    }
    lines
}

/// `GET /sources`: every source, its last harvest and its feed-quality report.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let running = state.harvests.running();
    let app = state.get_ref().clone();
    let cards = super::i18n::block(move || -> Result<Vec<SourceCard>, PageError> {
        app.config
            .sources
            .iter()
            .map(|source| SourceCard::of(&app, source, &running))
            .collect()
    })
    .await??;
    let page = SourcesPage {
        layout: Layout::new(
            super::i18n::t("sources-heading"),
            "sources",
            &request,
            &state,
        ),
        sources: cards,
        languages: bridge_status(&state.bridge),
    };
    render(StatusCode::OK, &page)
}
