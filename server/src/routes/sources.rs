//! `GET /api/v1/sources` and `/api/v1/sources/{id}/runs`: what is harvested, and how the
//! harvests went.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::ApiError;
use crate::params::query_pairs;
use crate::params::{Params, Reading};
use crate::state::AppState;
use crate::views::{
    HarvestStartedView, ReportAnswerView, RunView, RunsView, SourceReportView, SourceView,
    SourcesView,
};

/// Every configured source with its last harvest.
pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let state = state.get_ref().clone();
    let running = state.harvests.running();
    let views = web::block(move || -> Result<Vec<SourceView>, indexer::IndexerError> {
        let mut views = Vec::new();
        for source in &state.config.sources {
            let last_run = state
                .indexer
                .store()
                .runs(&source.id, 1)?
                .into_iter()
                .next();
            views.push(SourceView::new(
                source,
                last_run.as_ref(),
                running.get(&source.id).copied(),
            ));
        }
        Ok(views)
    })
    .await??;
    Ok(HttpResponse::Ok().json(SourcesView { sources: views }))
}

/// The runs of one source, newest first (`limit`, default 20, at most 200).
pub async fn runs(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    params.refuse_unknown(&["limit"])?;
    let limit = params.number("limit", 20, 1, 200)? as usize;
    let id = path.into_inner();
    let source = state
        .config
        .source(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no source {id:?} is configured")))?
        .id
        .clone();
    let indexer = state.indexer.clone();
    let runs = web::block(move || indexer.store().runs(&source, limit)).await??;
    Ok(HttpResponse::Ok().json(RunsView {
        runs: runs.iter().map(RunView::new).collect(),
        source: id,
    }))
}

/// `POST /api/v1/sources/{id}/harvest[?full=true]`: starts a harvest now. Needs a token of
/// the source's institution or an admin token; answers 202 and harvests in the background,
/// 409 if the source is already being harvested.
pub async fn start_harvest(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let caller = crate::auth::authenticate(&request, &state.config.tokens)?;
    let pairs = query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    params.refuse_unknown(&["full"])?;
    let full = params.flag("full")?;
    let id = path.into_inner();
    let source = state
        .config
        .source(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no source {id:?} is configured")))?;
    if !caller.may_act_for(source.id.as_str()) {
        return Err(ApiError::Forbidden(format!(
            "token {} acts for {}, not for source {id}",
            caller.token_id, caller.institution
        )));
    }
    if !state.harvests.start(&source.id, full, &caller.token_id) {
        return Err(ApiError::Conflict(format!(
            "source {id} is already being harvested"
        )));
    }
    Ok(HttpResponse::Accepted().json(HarvestStartedView {
        runs: format!("/api/v1/sources/{id}/runs"),
        status: "started",
        source: id,
    }))
}

/// `GET /api/v1/sources/{id}/report`: the feed-quality report of a source: for each Annex I
/// element how many records carry it, lack it, or carry it unreadably; the records that
/// failed in the last harvest; the worst records. Computed from the records as published
/// (without what the clearinghouse assumed from the configuration).
pub async fn report(
    state: web::Data<AppState>,
    path: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let pairs = query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    params.refuse_unknown(&["worst"])?;
    let worst = params.number(
        "worst",
        formats::conformance::DEFAULT_WORST_RECORDS as u64,
        0,
        100,
    )? as usize;
    let id = path.into_inner();
    let source = state
        .config
        .source(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no source {id:?} is configured")))?
        .id
        .clone();
    let state = state.get_ref().clone();
    let report = web::block(move || -> Result<_, indexer::IndexerError> {
        let last_run = state.indexer.store().runs(&source, 1)?.into_iter().next();
        let report = state
            .reports
            .report(&state.indexer, &source, last_run.as_ref(), worst)?;
        Ok((report, last_run.map(|run| run.run_id)))
    })
    .await??;
    Ok(HttpResponse::Ok().json(ReportAnswerView {
        source: id,
        last_run: report.1.map(|run| run.0),
        report: SourceReportView::new(&report.0),
    }))
}
