//! The one rule for records that vanish from a complete listing.
//!
//! A whole-document feed and an Erasmus Without Paper course list are complete: a record
//! the source held before and no longer lists was deleted upstream. Unless the listing
//! shrank by more than the operator allows (`harvest.max_shrink_fraction`): a feed that
//! suddenly lists half its records is more likely broken than half-withdrawn, so its
//! deletions are held for review and reported instead. Deletions are also held when some
//! records of the listing failed without an identifier: they might be the ones missing.

/// A complete listing held against what the store holds of its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompleteListing {
    /// What the source publishes ("the feed", "the course list"), for the reason.
    pub what: &'static str,
    /// Live records the store holds of the source.
    pub held: u64,
    /// Of those, how many the listing no longer holds.
    pub vanished: u64,
    /// Records of the listing that failed without an identifier.
    pub unidentified_failures: u64,
}

/// What to do with the records that vanished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VanishedRecords {
    /// Delete them (none may have vanished).
    Delete,
    /// Keep them, and report why.
    HoldForReview(String),
}

impl CompleteListing {
    /// The rule, with the operator's `max_shrink_fraction` (1 or more: never hold).
    pub fn vanished_records(&self, max_shrink_fraction: f64) -> VanishedRecords {
        if self.vanished == 0 {
            return VanishedRecords::Delete;
        }
        if self.unidentified_failures > 0 {
            return VanishedRecords::HoldForReview(format!(
                "{} records vanished from {} but {} failed records have no identifier; \
                 deletions held for review",
                self.vanished, self.what, self.unidentified_failures
            ));
        }
        let share = self.vanished as f64 / self.held.max(1) as f64;
        if max_shrink_fraction < 1.0 && share > max_shrink_fraction {
            return VanishedRecords::HoldForReview(format!(
                "{} shrank from {} to {} records (-{:.0}%), more than the {:.0}% allowed; \
                 {} deletions held for review, not applied",
                self.what,
                self.held,
                self.held.saturating_sub(self.vanished),
                share * 100.0,
                max_shrink_fraction * 100.0,
                self.vanished
            ));
        }
        VanishedRecords::Delete
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(held: u64, vanished: u64, unidentified_failures: u64) -> CompleteListing {
        CompleteListing {
            what: "the feed",
            held,
            vanished,
            unidentified_failures,
        }
    }

    #[test]
    fn vanished_records_are_deleted_unless_too_many_or_maybe_failed() {
        assert_eq!(
            listing(10, 0, 3).vanished_records(0.5),
            VanishedRecords::Delete
        );
        assert_eq!(
            listing(10, 5, 0).vanished_records(0.5),
            VanishedRecords::Delete
        );
        let VanishedRecords::HoldForReview(reason) = listing(9, 6, 0).vanished_records(0.5) else {
            panic!("a shrink of 67 % is held at 50 %");
        };
        assert!(reason.contains("the feed shrank from 9 to 3"), "{reason}");
        assert!(reason.contains("6 deletions held for review"), "{reason}");
        assert_eq!(
            listing(9, 9, 0).vanished_records(1.0),
            VanishedRecords::Delete
        );
        let VanishedRecords::HoldForReview(reason) = listing(10, 1, 2).vanished_records(1.0) else {
            panic!("unidentified failures hold deletions");
        };
        assert!(
            reason.contains("2 failed records have no identifier"),
            "{reason}"
        );
    }
}
