//! Harvest run reports: what a run saw, changed and failed, told honestly.

use std::ops::AddAssign;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{RunId, SourceId};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    /// Still going (or killed; a resumed run finishes it).
    Running,
    /// Every page fetched and every record stored.
    Succeeded,
    /// The run finished but some records or pages failed, or a shrink was held for review.
    Partial,
    /// The source could not be harvested.
    Failed,
}

impl RunOutcome {
    /// Its name in snake case (`running`, `succeeded`, `partial`, `failed`).
    pub fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Running => "running",
            RunOutcome::Succeeded => "succeeded",
            RunOutcome::Partial => "partial",
            RunOutcome::Failed => "failed",
        }
    }
}

/// Record counts of a run or a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunCounts {
    /// Records received (including deletions and failures).
    pub seen: u64,
    /// New records stored.
    pub added: u64,
    /// Records whose payload changed.
    pub updated: u64,
    /// Records already current (same payload hash).
    pub unchanged: u64,
    /// Records deleted upstream (tombstoned here).
    pub deleted: u64,
    /// Records that could not be read, and were skipped.
    pub failed: u64,
}

/// What became of one record a harvest handed on: the one rule by which run counts are
/// kept ([`RunCounts::tally`]), by the store's writer and by test doubles alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOutcome {
    /// Received and stored for the first time (or again after a deletion).
    Added,
    /// Received with a changed payload, and stored.
    Updated,
    /// Received as it was already stored.
    Unchanged,
    /// Received as deleted upstream, but not held (deleted already, or never known):
    /// nothing to do.
    AlreadyGone,
    /// Received as deleted upstream, and tombstoned.
    Deleted,
    /// Not received: it vanished from a complete listing, and was tombstoned.
    Vanished,
    /// Received but unreadable, and skipped.
    Failed,
}

impl RunCounts {
    /// Counts one record: received (except a vanished one), and what became of it.
    pub fn tally(&mut self, outcome: RecordOutcome) {
        if outcome != RecordOutcome::Vanished {
            self.seen += 1;
        }
        match outcome {
            RecordOutcome::Added => self.added += 1,
            RecordOutcome::Updated => self.updated += 1,
            RecordOutcome::Unchanged => self.unchanged += 1,
            RecordOutcome::Deleted | RecordOutcome::Vanished => self.deleted += 1,
            RecordOutcome::Failed => self.failed += 1,
            RecordOutcome::AlreadyGone => {}
        }
    }
}

impl AddAssign for RunCounts {
    fn add_assign(&mut self, other: RunCounts) {
        self.seen += other.seen;
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.deleted += other.deleted;
        self.failed += other.failed;
    }
}

/// One record that failed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    /// Its upstream identifier, where known.
    pub upstream_id: Option<String>,
    /// What was wrong, in words an institution can act on.
    pub reason: String,
}

/// A harvest run, as stored and reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HarvestRun {
    /// The run.
    pub run_id: RunId,
    /// The source.
    pub source_id: SourceId,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended (`None` while running).
    pub finished_at: Option<DateTime<Utc>>,
    /// How it ended.
    pub outcome: RunOutcome,
    /// Whether it asked for changes since a date (`from=`), or everything.
    pub incremental_from: Option<String>,
    /// Pages fetched.
    pub pages: u64,
    /// Record counts.
    pub counts: RunCounts,
    /// What the source advertised as the list size, to compare with `counts.seen`.
    pub complete_list_size: Option<u64>,
    /// The first errors (at most [`HarvestRun::MAX_ERRORS`]), with upstream identifiers.
    pub errors: Vec<RecordError>,
    /// Why the run failed or was partial, for the source as a whole.
    pub message: Option<String>,
}

impl HarvestRun {
    /// How many record errors a run keeps.
    pub const MAX_ERRORS: usize = 50;

    /// Adds an error, keeping at most [`HarvestRun::MAX_ERRORS`].
    pub fn push_error(&mut self, error: RecordError) {
        if self.errors.len() < Self::MAX_ERRORS {
            self.errors.push(error);
        }
    }
}
