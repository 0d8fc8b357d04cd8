//! The time budget of the expensive requests (a comparison, an equivalence lookup): their
//! work runs on a blocking thread, and a request whose work is not done within
//! `server.recognition_budget_ms` is answered `503` with the code `over_time_budget`
//! instead of keeping its client waiting (issue 23).
//!
//! A blocking thread cannot be stopped from outside: work over budget runs to its end
//! unseen. What it can cost is bounded where the work is done: at most
//! `harvest.max_items_per_record` outcomes per record and
//! `recognition::compare::MAX_COMPARED_OUTCOMES` aligned per side, at most 50 candidates
//! a lookup.

use std::time::Duration;

use actix_web::web;

/// A request's work did not finish within the budget.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{what} took longer than the {budget_ms} ms this clearinghouse allows a request and was \
     not finished; try again later, or ask for fewer candidates"
)]
pub struct OverBudget {
    /// What was being done, as a noun phrase ("the comparison").
    pub what: &'static str,
    /// The budget, in milliseconds.
    pub budget_ms: u64,
}

/// Runs `work` on a blocking thread and waits for it at most `budget_ms`.
pub async fn within<T, E, F>(what: &'static str, budget_ms: u64, work: F) -> Result<T, E>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static + From<OverBudget> + From<actix_web::error::BlockingError>,
{
    // The page's interface language goes along to the blocking thread.
    let work = crate::pages::i18n::carry(work);
    match tokio::time::timeout(Duration::from_millis(budget_ms), web::block(work)).await {
        Ok(done) => done?,
        Err(_elapsed) => {
            tracing::warn!(
                what,
                budget_ms,
                "request over its time budget; answered 503"
            );
            Err(OverBudget { what, budget_ms }.into())
        }
    }
}
