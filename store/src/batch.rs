//! [`Batch`]: the one way to write to the store.
//!
//! A batch collects every change of one unit of work (a harvested page with its
//! checkpoint, a decision with its audit entry, a harvest run's report) and
//! [`Store::apply`] writes it atomically and flushes it to disk before returning, so a
//! crash leaves either all of it or none. Audit entries are numbered from the last one
//! stored when the batch first needs one: batches are applied by one thread (the
//! indexer's writer), so the number read is still the latest when the batch is applied.

use model::{Checkpoint, HarvestRun, SourceId, StoredRecord};
use serde_json::value::RawValue;

use crate::decisions::AuditLog;
use crate::keys::{
    APPLIED, COUNTS, LAST_SEQ, PUBLISHED_DECISIONS, by_record_key, change_key, checkpoint_key,
    decision_key, history_key, idempotency_key, record_key, run_key,
};
use crate::listing::ListingChanges;
use crate::record::{RecordState, encode, encode_counts, encode_record};
use crate::{AtRisk, AuditEntry, Decision, DecisionOutcome, Store, StoreCounts, StoreError};

/// Changes to apply together ([`Store::batch`], [`Store::apply`]).
pub struct Batch<'a> {
    pub(crate) store: &'a Store,
    pub(crate) ops: sled::Batch,
    audit: Option<AuditLog>,
    /// The places of the records written in the listings, and the sizes they change.
    listings: ListingChanges,
    /// Decisions this batch publishes for the first time.
    published: std::collections::HashSet<String>,
}

impl std::fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch").finish_non_exhaustive()
    }
}

impl Store {
    /// A new, empty batch of changes to this store.
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            store: self,
            ops: sled::Batch::default(),
            audit: None,
            listings: ListingChanges::default(),
            published: Default::default(),
        }
    }

    /// Writes `batch` atomically and waits until it is on disk, with the sizes of the
    /// listings and the count of published decisions it changes.
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place a batch reaches sled"
    )]
    pub fn apply(&self, batch: Batch<'_>) -> Result<(), StoreError> {
        let Batch {
            mut ops,
            listings,
            published,
            ..
        } = batch;
        // Read here rather than when the batch was built: the one writer applies batches,
        // so what is read now is still the latest when `ops` is applied.
        listings.write(self, &mut ops)?;
        if !published.is_empty() {
            let count = self.published_decision_count()? + published.len() as u64;
            ops.insert(PUBLISHED_DECISIONS, &count.to_be_bytes());
        }
        let applied = self.applied()? + 1;
        ops.insert(APPLIED, &applied.to_be_bytes());
        self.tree.apply_batch(ops)?;
        self.flush()?;
        if let Some(watermark) = &self.watermark {
            watermark.advance(applied);
        }
        Ok(())
    }
}

impl Batch<'_> {
    /// Writes `record` as the current version at its sequence number. `previous`, the
    /// version it replaces (with its credential already encoded, if it was), moves to the
    /// history. `credential_json` is the record's credential already encoded
    /// ([`crate::encode_credential`]); when given, `record.credential` is ignored. The
    /// record takes the place of `previous` in the listings ([`crate::Listing`]).
    pub fn put_record(
        &mut self,
        record: &StoredRecord,
        credential_json: Option<&RawValue>,
        previous: Option<(&StoredRecord, Option<&RawValue>)>,
    ) -> Result<(), StoreError> {
        self.listings
            .put(self.store, record, credential_json, previous)?;
        if let Some((previous, previous_json)) = previous {
            self.ops.remove(change_key(previous.seq));
            self.ops.insert(
                history_key(&record.id, previous.seq),
                encode_record(previous, previous_json),
            );
        }
        self.ops
            .insert(record_key(&record.id), RecordState::of(record).encode());
        self.ops.insert(
            change_key(record.seq),
            encode_record(record, credential_json),
        );
        Ok(())
    }

    /// Stores the harvest checkpoint of `source`.
    pub fn put_checkpoint(&mut self, source: &SourceId, checkpoint: &Checkpoint) {
        self.ops.insert(checkpoint_key(source), encode(checkpoint));
    }

    /// Records the last sequence number assigned and the counts of records after it.
    pub fn set_sequence(&mut self, last_seq: u64, counts: StoreCounts) {
        self.ops.insert(LAST_SEQ, &last_seq.to_be_bytes());
        self.ops.insert(COUNTS, &encode_counts(counts));
    }

    /// Stores (or replaces) a harvest run's report.
    pub fn put_run(&mut self, run: &HarvestRun) {
        self.ops.insert(run_key(run), encode(run));
    }

    /// Appends a revision of a decision (1 for a new one) with its audit entry; an
    /// idempotency key, if given, will answer with this decision.
    pub fn append_decision(
        &mut self,
        decision: &Decision,
        action: &str,
        idempotency: Option<&str>,
    ) -> Result<(), StoreError> {
        self.ops.insert(
            decision_key(&decision.id, decision.revision),
            encode(decision),
        );
        self.ops.insert(
            by_record_key(&decision.credential, &decision.id),
            &[] as &[u8],
        );
        if let DecisionOutcome::Equivalent { target } = &decision.outcome {
            self.ops
                .insert(by_record_key(target, &decision.id), &[] as &[u8]);
        }
        // The first revision not kept private publishes the decision.
        if decision.is_published()
            && !self.published.contains(&decision.id)
            && (decision.revision == 1 || !self.store.decision_was_published(&decision.id)?)
        {
            self.published.insert(decision.id.clone());
        }
        if let Some(client_key) = idempotency {
            self.ops.insert(
                idempotency_key(&decision.institution, client_key),
                decision.id.as_bytes(),
            );
        }
        self.audit(AuditEntry {
            at: decision.recorded_at,
            actor: decision.recorded_by.clone(),
            action: action.to_owned(),
            decision_id: decision.id.clone(),
            revision: decision.revision,
        })
    }

    /// For a record a harvest changes, adds the revisions that flag each decision relying
    /// on it as at risk (with their audit entries). Returns how many were flagged.
    pub fn flag_decisions_at_risk(&mut self, changed: &StoredRecord) -> Result<usize, StoreError> {
        let mut flagged = 0;
        for decision in self.store.decisions_about(&changed.id)? {
            if decision.withdrawn || decision.credential != changed.id {
                continue;
            }
            let changes = decision.relied_on.changes(changed);
            if changes.is_empty() {
                continue;
            }
            let now = chrono::Utc::now();
            let mut revision = decision;
            revision.revision += 1;
            revision.recorded_at = now;
            revision.recorded_by = "harvest".to_owned();
            revision.at_risk = Some(AtRisk {
                detected_at: now,
                version: changed.version,
                changes,
            });
            self.ops.insert(
                decision_key(&revision.id, revision.revision),
                encode(&revision),
            );
            self.audit(AuditEntry {
                at: revision.recorded_at,
                actor: "harvest".to_owned(),
                action: "flagged_at_risk".to_owned(),
                decision_id: revision.id.clone(),
                revision: revision.revision,
            })?;
            flagged += 1;
        }
        Ok(flagged)
    }

    fn audit(&mut self, entry: AuditEntry) -> Result<(), StoreError> {
        let audit = match &mut self.audit {
            Some(audit) => audit,
            None => self.audit.insert(AuditLog::open(self.store)?),
        };
        audit.append(&mut self.ops, &entry);
        Ok(())
    }
}
