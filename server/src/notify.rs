//! Webhooks (`[[sources]].notify`): a source's publisher is told when a harvest of its
//! feed fails, succeeds only in part, holds deletions for review, and when harvests
//! recover after a failure, by a JSON notice ([`crate::views::NotificationView`]) POSTed
//! to its URL.
//!
//! - **Where**: through the harvester's client and address rules
//!   ([`harvester::Harvester::deliver`]): a notice never reaches an address a harvest
//!   may not.
//! - **Signed**: `X-Clearinghouse-Signature: t=<unix time>,v1=<hex>`, the HMAC-SHA256 of
//!   `"<t>.<body>"` with the source's `notify_secret`, so that the receiver knows it
//!   comes from here and is not replayed (it checks `t` is recent); the event is also in
//!   `X-Clearinghouse-Event` and the run in `X-Clearinghouse-Delivery`.
//! - **Retried**: a notice not answered 2xx is sent again after 1, 2, 4 and 8 seconds,
//!   then given up (and logged). `clearinghouse harvest` waits for its notices before it
//!   exits (`HarvestService::notices_settled`).

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use model::{HarvestRun, RunOutcome};
use sha2::Sha256;

/// Deliveries of one notice at most.
pub const MAX_ATTEMPTS: u32 = 5;

/// What a run tells its publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The harvest failed.
    Failed,
    /// Deletions were held for review: the feed shrank too much.
    HeldForReview,
    /// Some records or pages could not be read or stored.
    Partial,
    /// A harvest succeeded after one that failed.
    Recovered,
}

impl Event {
    /// The event's name, in the notice and its header.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Failed => "failed",
            Event::HeldForReview => "held_for_review",
            Event::Partial => "partial",
            Event::Recovered => "recovered",
        }
    }
}

/// What `run` tells its publisher, after `previous` (the run before it), if anything: a
/// succeeded run after a succeeded one says nothing.
pub fn event(run: &HarvestRun, previous: Option<&HarvestRun>) -> Option<Event> {
    match run.outcome {
        RunOutcome::Failed => Some(Event::Failed),
        RunOutcome::Running => None,
        _ if run.held_for_review.is_some() => Some(Event::HeldForReview),
        RunOutcome::Partial => Some(Event::Partial),
        RunOutcome::Succeeded => previous
            .is_some_and(|previous| previous.outcome == RunOutcome::Failed)
            .then_some(Event::Recovered),
    }
}

/// The signature header's value for `body` sent at `timestamp` (Unix seconds).
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("t={timestamp},v1={digest}")
}

/// Delivers `body` (the notice of `event` about run `run_id`) to `notify`, retrying with
/// backoff; whether it was taken (2xx).
pub async fn deliver(
    harvester: &harvester::Harvester,
    notify: &config::Notify,
    event: Event,
    run_id: &str,
    body: Vec<u8>,
) -> bool {
    for attempt in 0..MAX_ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_secs(1 << (attempt - 1))).await;
        }
        let headers = [
            (
                "X-Clearinghouse-Signature",
                signature(&notify.secret, chrono::Utc::now().timestamp(), &body),
            ),
            ("X-Clearinghouse-Event", event.as_str().to_owned()),
            ("X-Clearinghouse-Delivery", run_id.to_owned()),
        ];
        match harvester.deliver(&notify.url, body.clone(), &headers).await {
            Ok(status) if (200..300).contains(&status) => return true,
            Ok(status) => tracing::warn!(url = %notify.url, status, attempt, "notice refused"),
            Err(err) => {
                tracing::warn!(url = %notify.url, error = %err, attempt, "notice not delivered")
            }
        }
    }
    tracing::error!(url = %notify.url, event = event.as_str(), run_id, "notice given up");
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(outcome: RunOutcome) -> HarvestRun {
        HarvestRun {
            run_id: model::RunId("s@1".to_owned()),
            source_id: model::SourceId::parse("s").unwrap(),
            started_at: chrono::Utc::now(),
            finished_at: None,
            outcome,
            incremental_from: None,
            pages: 0,
            counts: Default::default(),
            complete_list_size: None,
            errors: Vec::new(),
            message: None,
            failure: None,
            held_for_review: None,
        }
    }

    #[test]
    fn a_run_tells_failures_partial_runs_held_deletions_and_the_recovery() {
        let ok = run(RunOutcome::Succeeded);
        let failed = run(RunOutcome::Failed);
        assert_eq!(event(&failed, Some(&ok)), Some(Event::Failed));
        assert_eq!(event(&run(RunOutcome::Partial), None), Some(Event::Partial));
        let mut held = run(RunOutcome::Partial);
        held.held_for_review = Some("60 % of the records vanished".to_owned());
        assert_eq!(event(&held, None), Some(Event::HeldForReview));
        assert_eq!(event(&ok, Some(&failed)), Some(Event::Recovered));
        assert_eq!(event(&ok, Some(&ok)), None, "nothing new");
        assert_eq!(event(&ok, None), None);
    }

    #[test]
    fn the_signature_is_an_hmac_of_the_time_and_the_body() {
        let signed = signature("a-secret-of-16-chars", 1_700_000_000, b"{}");
        assert!(signed.starts_with("t=1700000000,v1="), "{signed}");
        assert_eq!(signed.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(signed, signature("another-secret-16", 1_700_000_000, b"{}"));
        assert_ne!(
            signed,
            signature("a-secret-of-16-chars", 1_700_000_001, b"{}")
        );
    }
}
