//! `/agreements/{from}/{to}`: the agreement between two institutions as their decisions
//! make it (ASSIST's "agreements between institution A and B"): every decision `to` took
//! about a credential published by `from`, filtered by outcome, risk and date, with the
//! same list as JSON and CSV from the API (`routes/agreements.rs`, one rule:
//! `recognition::decisions::agreement`). Public: anyone may read the public decisions;
//! an institution's officers also see its private ones.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use recognition::decisions::{AgreementFilter, OutcomeKind};

use super::decisions::{DecisionItem, items};
use super::shared::{Layout, PageError, render};
use crate::params::{Params, Reading, agreement_filter, query_pairs};
use crate::state::AppState;

/// Decisions listed on one page of an agreement.
const PER_PAGE: usize = 50;

#[derive(Template)]
#[template(path = "agreement.html")]
struct AgreementPage {
    layout: Layout,
    from_name: String,
    to_name: String,
    /// The deciding institution's page of decisions.
    to_href: String,
    /// The filter as asked, for the form.
    outcome: String,
    at_risk: String,
    decided_from: String,
    decided_until: String,
    /// "3 decisions", or "51–100 of 230 decisions".
    showing: String,
    decisions: Vec<DecisionItem>,
    newer_href: Option<String>,
    older_href: Option<String>,
    /// The same list from the API, as CSV and JSON.
    csv_href: String,
    json_href: String,
}

/// The filter's query string (without the page), for links that keep it.
fn filter_query(filter: &AgreementFilter) -> String {
    let mut pairs = Vec::new();
    if let Some(kind) = filter.outcome {
        pairs.push(("outcome", outcome_value(Some(kind)).to_owned()));
    }
    if let Some(at_risk) = filter.at_risk {
        pairs.push(("at_risk", at_risk.to_string()));
    }
    if let Some(day) = filter.decided_from {
        pairs.push(("decided_from", day.to_string()));
    }
    if let Some(day) = filter.decided_until {
        pairs.push(("decided_until", day.to_string()));
    }
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn outcome_value(kind: Option<OutcomeKind>) -> &'static str {
    match kind {
        None => "",
        Some(OutcomeKind::Equivalent) => "equivalent",
        Some(OutcomeKind::Credits) => "credits",
        Some(OutcomeKind::Refused) => "refused",
    }
}

/// `GET /agreements/{from}/{to}`: 404 when either institution is not known.
pub async fn page(
    state: web::Data<AppState>,
    request: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    let (from, to) = path.into_inner();
    let pairs = query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Lenient);
    let bad = |err: crate::params::ParamError| PageError::BadRequest(err.to_string());
    let mut filter = agreement_filter(&params).map_err(bad)?;
    // The page lists decisions in force; withdrawn ones are in the API's list.
    filter.withdrawn = false;
    let page = params.number("page", 1, 1, 1_000_000).map_err(bad)? as usize;
    let start = (page - 1) * PER_PAGE;
    let window = start..start + PER_PAGE;
    let languages = super::i18n::content_languages(&request);
    let viewer = super::session::current(&request, &state.config.tokens);
    let app = state.get_ref().clone();
    let wanted = (from.clone(), to.clone());
    let found = super::i18n::block(move || {
        let (from, to) = wanted;
        let store = app.indexer.store();
        let looker = crate::auth::viewer_of(viewer.as_ref().map(|session| &session.caller));
        let naming = super::i18n::naming_languages(&languages);
        let agreement =
            match crate::routes::agreements::between(&app, (&from, &to), &filter, looker, &naming)?
            {
                Ok(agreement) => agreement,
                Err(message) => return Ok(Err(message)),
            };
        let listed = items(
            store,
            &app.config,
            agreement.decisions,
            &languages,
            viewer.as_ref(),
            window,
        )?;
        Ok::<_, indexer::IndexerError>(Ok(((agreement.from, agreement.to), listed)))
    })
    .await??;
    let ((from_view, to_view), (decisions, total)) = found.map_err(PageError::NotFound)?;
    let query = filter_query(&filter);
    let with_query = |base: String| {
        if query.is_empty() {
            base
        } else if base.contains('?') {
            format!("{base}&{query}")
        } else {
            format!("{base}?{query}")
        }
    };
    let shown_until = start + decisions.len();
    let locale = super::i18n::current();
    let showing = if total > PER_PAGE && !decisions.is_empty() {
        locale.with_args(
            "agreement-range",
            [
                ("from", locale.integer(start + 1).into()),
                ("to", locale.integer(shown_until).into()),
                ("count", (total as f64).into()),
                ("shown", locale.integer(total).into()),
            ],
        )
    } else {
        locale.tn("decisions-count", "count", total)
    };
    let page_href = |page: usize| with_query(format!("?page={page}"));
    let api = format!("/api/v1/agreements/{from}/{to}");
    let title = locale.t2(
        "agreement-heading",
        "to",
        &to_view.name,
        "from",
        &from_view.name,
    );
    let page = AgreementPage {
        layout: Layout::new(title, "decisions", &request, &state),
        from_name: from_view.name,
        to_name: to_view.name,
        to_href: format!("/institutions/{to}/decisions"),
        outcome: outcome_value(filter.outcome).to_owned(),
        at_risk: filter
            .at_risk
            .map(|at_risk| at_risk.to_string())
            .unwrap_or_default(),
        decided_from: filter
            .decided_from
            .map(|day| day.to_string())
            .unwrap_or_default(),
        decided_until: filter
            .decided_until
            .map(|day| day.to_string())
            .unwrap_or_default(),
        showing,
        decisions,
        newer_href: (page > 1).then(|| page_href(page - 1)),
        older_href: (shown_until < total).then(|| page_href(page + 1)),
        csv_href: with_query(format!("{api}?format=csv")),
        json_href: with_query(api),
    };
    render(StatusCode::OK, &page)
}
