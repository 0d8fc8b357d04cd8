//! The clock and sleep the harvester uses, behind a trait so that tests of backoff,
//! `Retry-After` and request pacing run without waiting.
//!
//! Every pause of the harvester (retry backoff, `Retry-After`, the per-source minimum
//! interval between requests) goes through [`Clock::sleep`]; every timestamp of a run
//! (its start, its end, when a page was received) comes from [`Clock::now`]. Only the
//! per-request and whole-harvest timeouts run on tokio's own timer: they guard against a
//! hung peer and must not depend on a test double.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::future::BoxFuture;

/// Where the harvester gets the time and how it waits.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;

    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The real clock: the system time and tokio's timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn system_clock_sleeps_and_moves_forward() {
        let clock = SystemClock;
        let before = clock.now();
        clock.sleep(Duration::from_millis(5)).await;
        assert!(clock.now() > before);
    }
}
