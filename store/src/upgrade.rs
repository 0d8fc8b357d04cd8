//! Moving a store written by an earlier version to the current layout, when it is opened.

use model::StoredRecord;

use crate::keys::{
    CHANGE, DECISION_COUNT_OF_LAYOUT_5, LAYOUT, LAYOUT_KEY, LISTING, LISTING_SIZE,
    PUBLISHED_DECISIONS, RECORD, change_key, u64_from,
};
use crate::listing::{ListedFields, ListingChanges, ListingKey, listings_of};
use crate::record::{LZ4, RecordJson, RecordState, decode, encode_record_json, pack};
use crate::{Store, StoreError};

/// Records moved per batch when a store of layout 1 is opened.
const UPGRADE_BATCH: usize = 1000;

impl Store {
    /// Brings a store of an earlier layout to [`LAYOUT`]. Each step is resumable: a
    /// store interrupted halfway is finished when next opened, and the layout key is
    /// written last.
    ///
    /// - Layout 1 kept records under their ids and ids in the change log: the records
    ///   move to the change log, leaving their states under their ids (moved records are
    ///   told by their state, which is not JSON).
    /// - Layout 2 wrote every record plain, which later layouts read as they are.
    /// - Layout 3 said what was assumed from the source's configuration in two notes
    ///   among a credential's issues; layout 4 keeps it as typed data
    ///   ([`model::Credential::assumed`]).
    /// - Layout 4 had no listings: layout 5 lists every current record by datestamp,
    ///   source and country (`listing.rs`) and counts the decisions.
    /// - Layout 5 kept one key per record in each listing; layout 6 keeps a listing's
    ///   places in chunks, listed again from the change log, and counts the decisions
    ///   ever published instead of all of them (OAI-PMH lists only those).
    #[expect(
        clippy::disallowed_methods,
        reason = "moving a store to the current layout writes while it is opened, before anything else may"
    )]
    pub(crate) fn upgrade(&self) -> Result<(), StoreError> {
        let from = match self.tree.get(LAYOUT_KEY)? {
            None => 1,
            Some(layout) => u64_from(&layout),
        };
        match from {
            LAYOUT => return Ok(()),
            1..LAYOUT => {}
            other => {
                return Err(StoreError::Corrupt(format!(
                    "the store has layout {other}, which this version does not know \
                     (it writes layout {LAYOUT}); use the version that wrote it"
                )));
            }
        }
        if from == 1 {
            self.move_layout_1()?;
        }
        let retyped = if from <= 3 {
            self.type_the_assumptions()?
        } else {
            0
        };
        let listed = self.list_the_records()?;
        self.tree.insert(LAYOUT_KEY, &LAYOUT.to_be_bytes())?;
        self.tree.flush()?;
        tracing::info!(
            from,
            layout = LAYOUT,
            retyped,
            listed,
            "store moved to the current layout"
        );
        Ok(())
    }

    /// Layout 1 → 3: records move from under their ids to the change log, in batches.
    #[expect(
        clippy::disallowed_methods,
        reason = "moving a store to the current layout writes while it is opened, before anything else may"
    )]
    fn move_layout_1(&self) -> Result<(), StoreError> {
        let mut moved = 0u64;
        let mut batch = sled::Batch::default();
        let mut in_batch = 0;
        for entry in self.tree.scan_prefix(RECORD) {
            let (key, value) = entry?;
            if value.first() != Some(&b'{') {
                continue;
            }
            let record: StoredRecord = decode(&value, "record")?;
            batch.insert(change_key(record.seq), value);
            batch.insert(key, RecordState::of(&record).encode());
            in_batch += 1;
            if in_batch == UPGRADE_BATCH {
                self.tree.apply_batch(std::mem::take(&mut batch))?;
                moved += in_batch as u64;
                in_batch = 0;
            }
        }
        self.tree.apply_batch(batch)?;
        moved += in_batch as u64;
        // Layout 1 kept one change log entry (a record id) per record, at the change its
        // record names, so all were replaced above; drop any that was not.
        let mut stale = sled::Batch::default();
        for entry in self.tree.scan_prefix(CHANGE) {
            let (key, value) = entry?;
            if !matches!(value.first(), Some(&b'{' | &LZ4)) {
                stale.remove(key);
            }
        }
        self.tree.apply_batch(stale)?;
        if moved > 0 {
            tracing::info!(records = moved, "records moved to the change log");
        }
        Ok(())
    }

    /// Layout 3 → 4: the notes by which layout 3 said what was assumed become
    /// [`model::Credential::assumed`]. Returns how many records were rewritten.
    #[expect(
        clippy::disallowed_methods,
        reason = "moving a store to the current layout writes while it is opened, before anything else may"
    )]
    fn type_the_assumptions(&self) -> Result<u64, StoreError> {
        const ASSUMED_AWARDING_BODY: &str =
            "no awarding body in the record; the publishing institution is assumed";
        const ASSUMED_COUNTRY: &str =
            "no country of the awarding body in the record; the source's country is assumed";
        let mut rewritten = 0u64;
        let mut batch = sled::Batch::default();
        let mut in_batch = 0;
        for entry in self.tree.scan_prefix(CHANGE) {
            let (key, value) = entry?;
            let json = RecordJson::of(value)?;
            // Most records assumed nothing: only those naming a note are decoded.
            let names_note = |note: &str| {
                json.windows(note.len())
                    .any(|window| window == note.as_bytes())
            };
            if !names_note(ASSUMED_AWARDING_BODY) && !names_note(ASSUMED_COUNTRY) {
                continue;
            }
            let mut record: StoredRecord = decode(&json, "record")?;
            let Some(credential) = record.credential.as_mut() else {
                continue;
            };
            let is_note =
                |issue: &model::Issue, note: &str| issue.element.is_none() && issue.message == note;
            let issues = &credential.issues;
            credential.assumed.awarding_body |= issues
                .iter()
                .any(|issue| is_note(issue, ASSUMED_AWARDING_BODY));
            credential.assumed.country |=
                issues.iter().any(|issue| is_note(issue, ASSUMED_COUNTRY));
            credential.issues.retain(|issue| {
                !is_note(issue, ASSUMED_AWARDING_BODY) && !is_note(issue, ASSUMED_COUNTRY)
            });
            batch.insert(key, pack(encode_record_json(&record, None)));
            in_batch += 1;
            rewritten += 1;
            if in_batch == UPGRADE_BATCH {
                self.tree.apply_batch(std::mem::take(&mut batch))?;
                in_batch = 0;
            }
        }
        self.tree.apply_batch(batch)?;
        Ok(rewritten)
    }

    /// Layouts 4 and 5 → 6: every current record is listed (`listing.rs`), the listings'
    /// sizes and the count of decisions ever published are written. What was listed before (by layout 5
    /// or an interrupted upgrade) is removed first, since a version of an earlier layout
    /// may have changed records since.
    /// Returns how many records were listed.
    #[expect(
        clippy::disallowed_methods,
        reason = "moving a store to the current layout writes while it is opened, before anything else may"
    )]
    fn list_the_records(&self) -> Result<u64, StoreError> {
        let mut batch = sled::Batch::default();
        let mut in_batch = 0;
        for prefix in [LISTING, LISTING_SIZE] {
            for key in self.tree.scan_prefix(prefix).keys() {
                batch.remove(key?);
                in_batch += 1;
                if in_batch == UPGRADE_BATCH * 3 {
                    self.tree.apply_batch(std::mem::take(&mut batch))?;
                    in_batch = 0;
                }
            }
        }
        self.tree.apply_batch(std::mem::take(&mut batch))?;
        in_batch = 0;
        let mut changes = ListingChanges::default();
        let mut listed = 0u64;
        for value in self.tree.scan_prefix(CHANGE).values() {
            let json = RecordJson::of(value?)?;
            let record: ListedFields = decode(&json, "record")?;
            let has_credential = record.credential.is_some();
            let country = match record.credential {
                Some(credential) => credential.country(),
                None => self.country_in_history(&record.id)?,
            };
            let place = ListingKey {
                datestamp_secs: record.updated_at.timestamp(),
                seq: record.seq,
            };
            for listing in listings_of(&record.id, has_credential, country) {
                changes.add(listing, place);
            }
            listed += 1;
            in_batch += 1;
            if in_batch == UPGRADE_BATCH {
                std::mem::take(&mut changes).write(self, &mut batch)?;
                self.tree.apply_batch(std::mem::take(&mut batch))?;
                in_batch = 0;
            }
        }
        changes.write(self, &mut batch)?;
        let published = self.count_published_decisions_by_scanning()?;
        batch.remove(DECISION_COUNT_OF_LAYOUT_5);
        if published > 0 {
            batch.insert(PUBLISHED_DECISIONS, &published.to_be_bytes());
        } else {
            batch.remove(PUBLISHED_DECISIONS);
        }
        self.tree.apply_batch(batch)?;
        Ok(listed)
    }
}
