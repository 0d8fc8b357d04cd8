//! `/sources/{id}/runs.atom`: a source's harvest runs as an Atom feed (RFC 4287), so that
//! its publisher (or anyone) subscribes in a feed reader and hears of a failed harvest, a
//! partial one, a feed held for review and the recovery, without an account. Nothing in
//! it is private: it says what the source's page says (the server's file paths left
//! out), in the language the request chose.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use model::{HarvestRun, RunOutcome};

use super::shared::PageError;
use crate::oai::xml::XmlWriter;
use crate::state::AppState;

/// Runs in the feed, newest first.
const ENTRIES: usize = 20;

/// One line saying how a run went: its outcome, and the cause of a failure or the counts.
fn summary(run: &HarvestRun) -> String {
    let locale = super::i18n::current();
    let outcome = super::sources::outcome_label(run.outcome);
    match (run.outcome, run.failure) {
        (RunOutcome::Failed, Some(kind)) => {
            let (cause, next) = super::sources::failure_text(kind);
            format!("{outcome}: {cause} {next}")
        }
        _ => format!(
            "{outcome}: {}",
            locale.with_args(
                "feed-run-counts",
                [
                    ("seen", (run.counts.seen as f64).into()),
                    ("added", (run.counts.added as f64).into()),
                    ("updated", (run.counts.updated as f64).into()),
                    ("deleted", (run.counts.deleted as f64).into()),
                    ("failed", (run.counts.failed as f64).into()),
                ],
            )
        ),
    }
}

/// `GET /sources/{id}/runs.atom`.
pub async fn runs(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner();
    let source = state
        .config
        .source(&id)
        .ok_or_else(|| PageError::NotFound(super::i18n::t1("error-no-such-source", "id", &id)))?
        .clone();
    let store = state.indexer.store().clone();
    let source_id = source.id.clone();
    let runs = super::i18n::block(move || store.runs(&source_id, ENTRIES)).await??;
    let (base, _) = crate::params::published_at(&request, state.config.server.public_url.as_ref());
    let page = format!("{base}/sources/{}", source.id);
    let self_href = format!("{page}/runs.atom");
    let institution = state
        .config
        .institution_name_in(source.id.as_str(), &super::i18n::naming_languages(&[]))
        .unwrap_or(&source.institution)
        .to_owned();
    let updated = runs
        .first()
        .map(|run| run.finished_at.unwrap_or(run.started_at))
        .unwrap_or_else(chrono::Utc::now);
    let locale = super::i18n::current();
    let mut xml = XmlWriter::new();
    xml.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", locale.tag()),
        ],
    );
    xml.leaf(
        "title",
        &[],
        &locale.t1("feed-title", "institution", &institution),
    )
    .leaf("id", &[], &self_href)
    .leaf("link", &[("rel", "self"), ("href", &self_href)], "")
    .leaf(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &page)],
        "",
    )
    .leaf("updated", &[], &updated.to_rfc3339())
    .open("author", &[])
    .leaf("name", &[], &locale.t("feed-author"))
    .close();
    for run in &runs {
        let when = run.finished_at.unwrap_or(run.started_at);
        let title = summary(run);
        let mut content = title.clone();
        if let Some(message) = &run.message {
            content.push_str("\n\n");
            content.push_str(&super::sources::without_paths(message, &source));
        }
        xml.open("entry", &[])
            .leaf("id", &[], &format!("{page}#run-{}", run.run_id.0))
            .leaf("title", &[], &title)
            .leaf("updated", &[], &when.to_rfc3339())
            .leaf("published", &[], &run.started_at.to_rfc3339())
            .leaf(
                "link",
                &[("rel", "alternate"), ("type", "text/html"), ("href", &page)],
                "",
            )
            .leaf("content", &[("type", "text")], &content)
            .close();
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(xml.finish()))
}
