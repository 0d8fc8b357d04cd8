//! Applying a prepared page on the writer thread: what changed against the store, one
//! atomic store batch (records, history, checkpoint, the decisions the changes put at
//! risk), then the index.

use std::collections::HashMap;

use model::{CompleteListing, RecordError, RecordId, RecordOutcome, SourceId, VanishedRecords};

use super::prepare::{DocumentIds, Item, PreparedPage, PreparedRecord};
use super::thread::{Previous, WriterState, WrittenIds};
use crate::{IndexerError, PageOutcome, SourceContext};

/// A change to the index, made once the store batch holding it is applied.
enum IndexOp {
    /// The record's document goes (a deletion).
    Remove(RecordId),
    /// The record's version at `seq` is indexed, replacing its earlier document if it had one.
    Put {
        document: search::Document,
        seq: u64,
        replaces: bool,
    },
}

impl WriterState {
    pub(super) fn apply_page(
        &mut self,
        mut page: PreparedPage,
    ) -> Result<PageOutcome, IndexerError> {
        let mut outcome = std::mem::take(&mut page.outcome);
        let mut items = std::mem::take(&mut page.items);
        if let Some(ids) = page.document_ids.take() {
            self.vanished_items(
                &page.source_id,
                &ids,
                &page.context,
                &mut items,
                &mut outcome,
            )?;
        }
        self.write(page, items, outcome)
    }

    /// Adds a deletion for each live record of the source that the complete document no
    /// longer holds, unless the rule of complete listings holds them for review.
    fn vanished_items(
        &self,
        source: &SourceId,
        ids: &DocumentIds,
        context: &SourceContext,
        items: &mut Vec<Item>,
        outcome: &mut PageOutcome,
    ) -> Result<(), IndexerError> {
        let mut held = 0u64;
        let mut vanished = Vec::new();
        for state in self.store.states(Some(source)) {
            let (id, state) = state?;
            if state.deleted {
                continue;
            }
            held += 1;
            if !ids.present.contains(&id) {
                // Only the records to delete are read, for their upstream identifiers.
                vanished.push(self.store.record_at(state.seq)?.provenance.upstream_id);
            }
        }
        let listing = CompleteListing {
            what: "the feed",
            held,
            vanished: vanished.len() as u64,
            unidentified_failures: ids.unidentified_failures,
        };
        match listing.vanished_records(context.max_shrink_fraction) {
            VanishedRecords::HoldForReview(reason) => {
                tracing::warn!(source_id = %source, vanished = vanished.len(), "{reason}");
                outcome.errors.push(RecordError {
                    upstream_id: None,
                    reason: reason.clone(),
                });
                outcome.held_for_review = Some(reason);
            }
            VanishedRecords::Delete => {
                for upstream_id in vanished {
                    items.push(Item::Deleted {
                        upstream_id,
                        datestamp: None,
                        vanished: true,
                    });
                }
            }
        }
        Ok(())
    }

    #[expect(
        clippy::disallowed_methods,
        reason = "the writer thread is the one writer of the store"
    )]
    fn write(
        &mut self,
        page: PreparedPage,
        items: Vec<Item>,
        mut outcome: PageOutcome,
    ) -> Result<PageOutcome, IndexerError> {
        let mut batch = self.store.batch();
        let mut seq = self.applied_seq;
        let mut index_ops: Vec<IndexOp> = Vec::new();
        // A page may repeat an identifier; the last occurrence wins, as upstream meant.
        let mut pending: HashMap<RecordId, Previous> = HashMap::new();
        let mut store_counts = self.store.counts()?;
        if !self.written_ids.contains_key(&page.source_id) {
            let holds_records = self.store.holds_records_of(&page.source_id)?;
            self.written_ids.insert(
                page.source_id.clone(),
                (!holds_records).then(WrittenIds::default),
            );
        }
        let mut written_ids = self
            .written_ids
            .get_mut(&page.source_id)
            .and_then(Option::take);
        for item in items {
            let (mut record, credential_json, document, vanished) = match item {
                Item::Parsed(prepared) => {
                    let PreparedRecord {
                        record,
                        credential_json,
                        document,
                    } = *prepared;
                    (record, credential_json, document, false)
                }
                Item::Deleted {
                    upstream_id,
                    datestamp,
                    vanished,
                } => (page.tombstone(upstream_id, datestamp), None, None, vanished),
            };
            let deleted = record.deleted;
            let previous = match pending.remove(&record.id) {
                Some(previous) => Some(previous),
                None if written_ids
                    .as_ref()
                    .is_some_and(|ids| !ids.may_hold(&record.id)) =>
                {
                    None
                }
                None => self.store.state(&record.id)?.map(Previous::Stored),
            };
            let unchanged = previous.as_ref().is_some_and(|previous| {
                let (was_deleted, payload_hash) = previous.deleted_and_hash();
                was_deleted == deleted
                    && (deleted || *payload_hash == record.provenance.payload_hash)
            });
            if unchanged {
                outcome.counts.tally(if deleted {
                    RecordOutcome::AlreadyGone
                } else {
                    RecordOutcome::Unchanged
                });
                if let Some(previous) = previous {
                    pending.insert(record.id, previous);
                }
                continue;
            }
            if deleted
                && previous
                    .as_ref()
                    .is_none_or(|previous| previous.deleted_and_hash().0)
            {
                // A deletion of a record we never had: nothing to tombstone.
                outcome.counts.tally(RecordOutcome::AlreadyGone);
                continue;
            }
            // A change: the previous version goes to the history, so it is read whole.
            let (previous, previous_json) = match previous {
                Some(Previous::Written(previous, json)) => (Some(*previous), json),
                Some(Previous::Stored(state)) => (Some(self.store.record_at(state.seq)?), None),
                None => (None, None),
            };
            seq += 1;
            let change = match (&previous, deleted) {
                (_, true) if vanished => RecordOutcome::Vanished,
                (_, true) => RecordOutcome::Deleted,
                (Some(previous), false) if !previous.deleted => RecordOutcome::Updated,
                (_, false) => RecordOutcome::Added,
            };
            outcome.counts.tally(change);
            match change {
                RecordOutcome::Deleted | RecordOutcome::Vanished => {
                    store_counts.live = store_counts.live.saturating_sub(1);
                    store_counts.tombstones += 1;
                }
                RecordOutcome::Added => {
                    store_counts.live += 1;
                    if previous.is_some() {
                        store_counts.tombstones = store_counts.tombstones.saturating_sub(1);
                    }
                }
                _ => {}
            }
            record.seq = seq;
            if let Some(previous) = &previous {
                record.version = previous.version + 1;
                record.first_seen = previous.first_seen;
            }
            batch.put_record(
                &record,
                credential_json.as_deref(),
                previous
                    .as_ref()
                    .map(|previous| (previous, previous_json.as_deref())),
            )?;
            if written_ids
                .as_mut()
                .is_some_and(|ids| !ids.insert(&record.id))
            {
                written_ids = None;
            }
            if previous.is_some() {
                if let (None, Some(json)) = (&record.credential, &credential_json) {
                    record.credential = Some(serde_json::from_str(json.get()).map_err(|err| {
                        IndexerError::Corrupt(format!(
                            "an encoded credential does not decode: {err}"
                        ))
                    })?);
                }
                let flagged = batch.flag_decisions_at_risk(&record)?;
                if flagged > 0 {
                    tracing::info!(record_id = %record.id, flagged, "decisions flagged at risk by a harvested change");
                }
            }
            // A record the store never had has no document to replace.
            let replaces = previous.is_some();
            match document {
                Some(document) if !deleted => index_ops.push(IndexOp::Put {
                    document,
                    seq,
                    replaces,
                }),
                _ if replaces => index_ops.push(IndexOp::Remove(record.id.clone())),
                _ => {}
            }
            pending.insert(
                record.id.clone(),
                Previous::Written(Box::new(record), credential_json),
            );
        }
        let mut checkpoint = page.checkpoint;
        if let Some(resume) = checkpoint.resume.as_mut() {
            let stored = self.store.checkpoint(&page.source_id)?.resume;
            resume.count_page(stored.as_ref(), outcome.counts);
        }
        batch.put_checkpoint(&page.source_id, &checkpoint);
        batch.set_sequence(seq, store_counts);
        // Put back before the batch is applied: should it fail, the ids remembered are
        // a superset of those written, which only costs lookups.
        if let Some(ids) = written_ids {
            self.written_ids.insert(page.source_id.clone(), Some(ids));
        }
        self.store.apply(batch)?;
        self.applied_seq = seq;
        for op in index_ops {
            match op {
                IndexOp::Remove(id) => self.writer.remove(&id),
                IndexOp::Put {
                    document,
                    seq,
                    replaces,
                } => self.writer.put(document, seq, replaces)?,
            }
            self.uncommitted_docs += 1;
        }
        Ok(outcome)
    }
}
