//! `GET /api/v1/agreements/{from}/{to}`: the agreement between two institutions as their
//! decisions make it — every decision institution `to` took about a credential published
//! by institution `from` (the rule: `recognition::decisions::agreement`), as JSON pages
//! or as one CSV file for a spreadsheet or a student's file.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use model::RecordId;
use store::{Decision, DecisionOutcome, Store};

use crate::auth::optional_caller;
use crate::error::ApiError;
use crate::params::{AGREEMENT_FILTERS, Params, Reading, agreement_filter, query_pairs};
use crate::state::AppState;
use crate::views::{AgreementEntryView, AgreementView, DecisionView, InstitutionView};

/// Decisions a JSON page holds when `limit` is not given.
const DEFAULT_LIMIT: u64 = 100;
/// Most decisions one JSON page holds.
const MAX_LIMIT: u64 = 1000;

/// An agreement as the API and its page show it: the two institutions, named, and the
/// decisions ([`recognition::decisions::agreement`]).
pub(crate) struct Agreement {
    pub from: InstitutionView,
    pub to: InstitutionView,
    pub decisions: Vec<Decision>,
}

/// The agreement between `from` and `to` that `viewer` may see, or the reason for a 404:
/// an institution is known when it is configured (a source, or a token's institution) or
/// when the store holds its credentials (`from`) or decisions it took (`to`); each is
/// named in the first of `languages` it has a name in. Blocking.
pub(crate) fn between(
    state: &AppState,
    (from, to): (&str, &str),
    filter: &recognition::decisions::AgreementFilter,
    viewer: recognition::decisions::Viewer<'_>,
    languages: &[String],
) -> Result<Result<Agreement, String>, store::StoreError> {
    let store = state.indexer.store();
    let decisions = recognition::decisions::agreement(store, from, to, filter, viewer)?;
    let named = |id: &str, name: Option<&str>| InstitutionView {
        id: id.to_owned(),
        name: name.unwrap_or(id).to_owned(),
    };
    let from_name = state.config.institution_name_in(from, languages);
    if from_name.is_none() && store.listing_size(&store::Listing::Source(from.to_owned()))? == 0 {
        return Ok(Err(format!(
            "there is no institution {from:?} (as a publisher of credentials)"
        )));
    }
    let to_name = state.config.institution_name_in(to, languages);
    // Not configured: known by a decision it took, read only when the agreement has none.
    let decided = || -> Result<bool, store::StoreError> {
        for decision in store.all_decisions() {
            let decision = decision?;
            if decision.institution == to
                && !decision.withdrawn
                && recognition::decisions::visible(&decision, viewer)
            {
                return Ok(true);
            }
        }
        Ok(false)
    };
    if to_name.is_none() && decisions.is_empty() && !decided()? {
        return Ok(Err(format!(
            "there is no institution {to:?} (as one that decides)"
        )));
    }
    Ok(Ok(Agreement {
        from: named(from, from_name),
        to: named(to, to_name),
        decisions,
    }))
}

/// The titles of a decision's credential and target, in the language asked for.
pub(crate) fn titles(
    store: &Store,
    decision: &Decision,
    languages: &[String],
) -> Result<(Option<String>, Option<String>), store::StoreError> {
    let title = |id: &RecordId| -> Result<Option<String>, store::StoreError> {
        Ok(store
            .get(id)?
            .and_then(|record| record.credential)
            .and_then(|credential| crate::views::best(&credential.title, languages))
            .map(|(_, text)| text))
    };
    let target = match &decision.outcome {
        DecisionOutcome::Equivalent { target } => title(target)?,
        _ => None,
    };
    Ok((title(&decision.credential)?, target))
}

/// `GET /api/v1/agreements/{from}/{to}?outcome=&at_risk=&decided_from=&decided_until=&withdrawn=&limit=&offset=&format=json|csv`.
pub async fn get(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (from, to) = path.into_inner();
    let pairs = query_pairs(request.query_string());
    let params = Params::new(&pairs, Reading::Strict);
    let mut known: Vec<&str> = AGREEMENT_FILTERS.to_vec();
    known.extend(["limit", "offset", "format"]);
    params.refuse_unknown(&known)?;
    let filter = agreement_filter(&params)?;
    let limit = params.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)? as usize;
    let offset = params.number("offset", 0, 0, u64::from(u32::MAX))? as usize;
    let csv = match params.single("format")? {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(ApiError::BadParameter {
                parameter: "format".to_owned(),
                message: format!("`format` must be json or csv, not {other:?}"),
            });
        }
    };
    let caller = optional_caller(&request, &state.config.tokens)?;
    let languages = crate::views::accept_languages(&request);
    let app = state.get_ref().clone();
    let wanted = (from.clone(), to.clone());
    let answer = web::block(move || -> Result<Answer, store::StoreError> {
        let (from, to) = wanted;
        let viewer = crate::auth::viewer_of(caller.as_ref());
        let store = app.indexer.store();
        let Agreement {
            from: from_view,
            to: to_view,
            decisions,
        } = match between(&app, (&from, &to), &filter, viewer, &languages)? {
            Ok(agreement) => agreement,
            Err(message) => return Ok(Answer::Unknown(message)),
        };
        if csv {
            return Ok(Answer::Csv(csv_of(store, &decisions, &languages)?));
        }
        let total = decisions.len();
        let mut entries = Vec::new();
        for decision in decisions.iter().skip(offset).take(limit) {
            let (credential_title, target_title) = titles(store, decision, &languages)?;
            entries.push(AgreementEntryView {
                decision: DecisionView::new(decision),
                credential_title,
                target_title,
            });
        }
        let next_offset = (offset + entries.len() < total).then_some(offset + entries.len());
        Ok(Answer::Json(AgreementView {
            from: from_view,
            to: to_view,
            total,
            offset,
            limit,
            next_offset,
            decisions: entries,
        }))
    })
    .await??;
    match answer {
        Answer::Unknown(message) => Err(ApiError::NotFound(message)),
        Answer::Csv(body) => Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"decisions-{}-about-{}.csv\"",
                    file_name_part(&to),
                    file_name_part(&from)
                ),
            ))
            .body(body)),
        Answer::Json(view) => Ok(HttpResponse::Ok().json(view)),
    }
}

/// `id` as a file name may hold it: letters, digits and hyphens.
fn file_name_part(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// What the blocking part of [`get`] found.
enum Answer {
    Unknown(String),
    Csv(Vec<u8>),
    Json(AgreementView),
}

/// The decisions as CSV: one row each, a header row first. Blocking.
pub(crate) fn csv_of(
    store: &Store,
    decisions: &[Decision],
    languages: &[String],
) -> Result<Vec<u8>, store::StoreError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let write = |out: &mut csv::Writer<Vec<u8>>, row: &[&str]| {
        // Writing to memory fails only on a bug in the writer.
        out.write_record(row).expect("CSV into memory");
    };
    write(
        &mut out,
        &[
            "decision",
            "revision",
            "decided_on",
            "institution",
            "credential",
            "credential_title",
            "outcome",
            "equivalent",
            "equivalent_title",
            "ects",
            "conditions",
            "valid_until",
            "rationale",
            "at_risk",
            "withdrawn",
            "private",
        ],
    );
    for decision in decisions {
        let (credential_title, target_title) = titles(store, decision, languages)?;
        let (outcome, target, ects) = match &decision.outcome {
            DecisionOutcome::Equivalent { target } => {
                ("equivalent", target.to_string(), String::new())
            }
            DecisionOutcome::Credits { ects } => ("credits", String::new(), ects.to_string()),
            DecisionOutcome::Refused => ("refused", String::new(), String::new()),
        };
        let at_risk = decision
            .at_risk
            .as_ref()
            .map(|risk| risk.changes.join("; "))
            .unwrap_or_default();
        write(
            &mut out,
            &[
                &decision.id,
                &decision.revision.to_string(),
                &decision.decided_on.to_string(),
                &decision.institution,
                decision.credential.as_str(),
                credential_title.as_deref().unwrap_or(""),
                outcome,
                &target,
                target_title.as_deref().unwrap_or(""),
                &ects,
                decision.conditions.as_deref().unwrap_or(""),
                &decision
                    .valid_until
                    .map(|day| day.to_string())
                    .unwrap_or_default(),
                &decision.rationale,
                &at_risk,
                if decision.withdrawn { "true" } else { "false" },
                if decision.private { "true" } else { "false" },
            ],
        );
    }
    Ok(out.into_inner().expect("CSV into memory"))
}
