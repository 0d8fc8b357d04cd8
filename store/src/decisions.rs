//! Recognition decisions as the store keeps them: who recognised what, for what, and
//! whether it still holds.
//!
//! A recognition decision says that institution B recognised credential X (from A) as
//! equivalent to its credential Y, or for a number of ECTS of elective credit, or refused
//! it. Decisions are append-only: a change is a new revision ([`crate::Batch::append_decision`]),
//! and every write leaves an audit entry. Each decision keeps a fingerprint of the
//! credential it relies on (credits, level, outcomes); when a harvest changes or deletes
//! that credential, the writer flags the decision as at risk in the same batch as the
//! change ([`crate::Batch::flag_decisions_at_risk`]). A decision may be about a
//! credential that was never harvested but uploaded by a person ([`UploadedCredential`]:
//! the file's hash and what it claims are kept, the file is not); such a decision is
//! never published to other clearinghouses ([`Decision::is_published`]). The rules of
//! what may be decided (who, about what, revising and withdrawing) are the `recognition`
//! crate's.

use chrono::{DateTime, NaiveDate, Utc};
use model::{Credential, RecordId, StoredRecord};
use serde::{Deserialize, Serialize};

use crate::keys::{
    AUDIT, BY_RECORD, DECISION, LAST_AUDIT, PUBLISHED_DECISIONS, audit_key, idempotency_key, key,
    u64_from,
};
use crate::record::encode;
use crate::{Store, StoreError};

/// What was decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DecisionOutcome {
    /// Recognised as equivalent to one of the deciding institution's credentials.
    Equivalent {
        /// The deciding institution's credential.
        target: RecordId,
    },
    /// Recognised for credits without a specific equivalent (elective credit).
    Credits {
        /// ECTS credits granted.
        ects: f64,
    },
    /// Not recognised.
    Refused,
}

/// A decision as recorded, one revision of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Stable id across revisions.
    pub id: String,
    /// Revision number, 1 for the first.
    pub revision: u32,
    /// The credential recognised (or not).
    pub credential: RecordId,
    /// The institution that decided (as its token says).
    pub institution: String,
    /// What was decided.
    pub outcome: DecisionOutcome,
    /// Conditions attached (e.g. "only with the lab module").
    pub conditions: Option<String>,
    /// Why: the comparison the officer relied on.
    pub rationale: String,
    /// When it was decided.
    pub decided_on: NaiveDate,
    /// Until when it holds, if limited.
    pub valid_until: Option<NaiveDate>,
    /// Not published to other clearinghouses (OAI-PMH) when set.
    pub private: bool,
    /// When this revision was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The token that recorded it.
    pub recorded_by: String,
    /// Whether this revision withdraws the decision.
    pub withdrawn: bool,
    /// Why it was withdrawn, in the officer's words (on the revision that withdraws it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal_reason: Option<String>,
    /// What the decision relied on, to notice when the credential changes.
    pub relied_on: Fingerprint,
    /// Set when a harvest changed or deleted the credential after the decision.
    pub at_risk: Option<AtRisk>,
    /// Set when the credential decided on was not harvested but uploaded by a person
    /// (its id is then `upload.…`, [`RecordId::uploaded`]): what the file said of itself,
    /// since the credential is not kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded: Option<UploadedCredential>,
}

/// A credential decided on that was not harvested: a file a person uploaded, read for
/// one session and not kept. A decision about it keeps what identifies the file and what
/// the file claims, never the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadedCredential {
    /// `sha256-` and the 64 hex digits of the SHA-256 of the file's bytes as uploaded.
    pub content_hash: String,
    /// The identifier the file gives the credential (the file may hold several).
    pub upstream_id: String,
    /// Its title, as the file states it (in the language shown to the officer).
    pub title: String,
    /// The awarding body the file names: a claim, not verified by anyone.
    pub claimed_issuer: Option<String>,
    /// The format it was read as (`elm`, `open-badges`, `clearinghouse-json`, ...).
    pub format: model::Format,
}

impl Decision {
    /// Whether this revision is published to other clearinghouses (OAI-PMH): not
    /// private, and about a harvested credential (an uploaded one's file is not kept,
    /// and what it claims is not verified).
    pub fn is_published(&self) -> bool {
        !self.private && self.uploaded.is_none()
    }
}

/// The parts of a credential a decision relies on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The store version of the credential decided on.
    pub version: u32,
    /// Its ECTS credits.
    pub ects: Option<f64>,
    /// Its EQF level.
    pub eqf_level: Option<u8>,
    /// A hash of its learning outcomes.
    pub outcomes_hash: String,
}

impl Fingerprint {
    /// The fingerprint of a stored record.
    pub fn of(record: &StoredRecord) -> Fingerprint {
        let credential = record.credential.as_ref();
        Fingerprint {
            version: record.version,
            ects: credential.and_then(Credential::ects),
            eqf_level: credential.and_then(|c| c.eqf_level).map(|l| l.get()),
            outcomes_hash: credential.map(outcomes_hash).unwrap_or_default(),
        }
    }

    /// What changed between this fingerprint and the record now, in words.
    pub fn changes(&self, now: &StoredRecord) -> Vec<String> {
        if now.deleted {
            return vec!["the credential was withdrawn by its publisher".to_owned()];
        }
        let current = Fingerprint::of(now);
        let mut changes = Vec::new();
        if current.ects != self.ects {
            changes.push(format!(
                "credits changed from {} to {}",
                describe(self.ects.map(|v| format!("{v} ECTS"))),
                describe(current.ects.map(|v| format!("{v} ECTS")))
            ));
        }
        if current.eqf_level != self.eqf_level {
            changes.push(format!(
                "EQF level changed from {} to {}",
                describe(self.eqf_level.map(|l| l.to_string())),
                describe(current.eqf_level.map(|l| l.to_string()))
            ));
        }
        if current.outcomes_hash != self.outcomes_hash {
            changes.push("learning outcomes changed".to_owned());
        }
        changes
    }
}

fn describe(value: Option<String>) -> String {
    value.unwrap_or_else(|| "not stated".to_owned())
}

fn outcomes_hash(credential: &Credential) -> String {
    let text: Vec<String> = credential
        .learning_outcomes
        .iter()
        .map(|o| o.text.all_text())
        .collect();
    model::PayloadHash::of(text.join("\n").as_bytes()).0
}

/// Why a decision may no longer hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AtRisk {
    /// When the change was harvested.
    pub detected_at: DateTime<Utc>,
    /// The version of the credential that changed it.
    pub version: u32,
    /// What changed.
    pub changes: Vec<String>,
}

/// One write to the decisions, for the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (token id), or `harvest` for at-risk flags.
    pub actor: String,
    /// What: `created`, `revised`, `withdrawn`, `flagged_at_risk`.
    pub action: String,
    /// Which decision.
    pub decision_id: String,
    /// Which revision resulted.
    pub revision: u32,
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes)
        .map_err(|err| StoreError::Corrupt(format!("decision data does not decode: {err}")))
}

impl Store {
    /// The latest revision of a decision.
    pub fn decision(&self, id: &str) -> Result<Option<Decision>, StoreError> {
        let prefix = key(DECISION, &[id.as_bytes(), b""]);
        match self.tree().scan_prefix(prefix).values().next_back() {
            Some(value) => Ok(Some(decode(&value?)?)),
            None => Ok(None),
        }
    }

    /// Every revision of a decision, oldest first.
    pub fn decision_revisions(&self, id: &str) -> Result<Vec<Decision>, StoreError> {
        let prefix = key(DECISION, &[id.as_bytes(), b""]);
        self.tree()
            .scan_prefix(prefix)
            .values()
            .map(|value| decode(&value?))
            .collect()
    }

    /// The latest revision of every decision about a credential (as the recognised one or
    /// as the equivalent target).
    pub fn decisions_about(&self, record: &RecordId) -> Result<Vec<Decision>, StoreError> {
        let prefix = key(BY_RECORD, &[record.as_str().as_bytes(), b""]);
        let mut out = Vec::new();
        for entry in self.tree().scan_prefix(&prefix).keys() {
            let entry = entry?;
            let decision_id = String::from_utf8_lossy(&entry[prefix.len()..]).into_owned();
            if let Some(decision) = self.decision(&decision_id)? {
                out.push(decision);
            }
        }
        Ok(out)
    }

    /// Whether any decision has been recorded at all (cheap: one key read).
    pub fn has_decisions(&self) -> Result<bool, StoreError> {
        Ok(self
            .tree()
            .scan_prefix(BY_RECORD)
            .keys()
            .next()
            .transpose()?
            .is_some())
    }

    /// The latest revision of every decision.
    pub fn all_decisions(&self) -> impl Iterator<Item = Result<Decision, StoreError>> + '_ {
        self.decisions_after(None)
    }

    /// The latest revision of every decision whose id sorts after `after_id` (of every
    /// one: `None`), in the order of their ids.
    pub fn decisions_after(
        &self,
        after_id: Option<&str>,
    ) -> impl Iterator<Item = Result<Decision, StoreError>> + '_ {
        self.decisions_and_publicity_after(after_id)
            .map(|entry| entry.map(|(decision, _)| decision))
    }

    /// The latest revision of every decision after `after_id` (as
    /// [`Store::decisions_after`]) that was published at some revision: one its
    /// institution never kept private. A decision private from the start is not among
    /// them; one made private later is (its existence is already known).
    pub fn published_decisions_after(
        &self,
        after_id: Option<&str>,
    ) -> impl Iterator<Item = Result<Decision, StoreError>> + '_ {
        self.decisions_and_publicity_after(after_id)
            .filter_map(|entry| match entry {
                Ok((decision, published)) => published.then_some(Ok(decision)),
                Err(err) => Some(Err(err)),
            })
    }

    /// Whether some revision of decision `id` was published (not private).
    pub fn decision_was_published(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .decision_revisions(id)?
            .iter()
            .any(Decision::is_published))
    }

    /// The latest revision of each decision after `after_id`, with whether any of its
    /// revisions was published.
    fn decisions_and_publicity_after(
        &self,
        after_id: Option<&str>,
    ) -> impl Iterator<Item = Result<(Decision, bool), StoreError>> + '_ {
        let mut start = DECISION.to_vec();
        if let Some(after_id) = after_id.filter(|id| !id.is_empty()) {
            // Past every revision of `after_id` (`d:{id}\0{revision}`): ids hold no byte
            // below 0x01.
            start.extend_from_slice(after_id.as_bytes());
            start.push(1);
        }
        let mut iter = self
            .tree()
            .range(start..)
            .take_while(|entry| {
                entry
                    .as_ref()
                    .map_or(true, |(key, _)| key.starts_with(DECISION))
            })
            .map(|entry| entry.map(|(_, value)| value));
        let mut last: Option<Result<(Decision, bool), StoreError>> = None;
        std::iter::from_fn(move || {
            loop {
                match iter.next() {
                    Some(value) => {
                        let decision = value
                            .map_err(StoreError::from)
                            .and_then(|v| decode::<Decision>(&v));
                        // A later revision of the decision in `last` takes its place,
                        // keeping whether an earlier one was published.
                        if let (Some(Ok((previous, published))), Ok(revision)) =
                            (&mut last, &decision)
                            && previous.id == revision.id
                        {
                            *published |= revision.is_published();
                            *previous = revision.clone();
                            continue;
                        }
                        let next = decision.map(|decision| {
                            let published = decision.is_published();
                            (decision, published)
                        });
                        if let Some(previous) = last.replace(next) {
                            return Some(previous);
                        }
                    }
                    None => return last.take(),
                }
            }
        })
    }

    /// How many decisions were ever published ([`Store::published_decisions_after`];
    /// kept in the batch of every revision that publishes one first).
    pub fn published_decision_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .tree()
            .get(PUBLISHED_DECISIONS)?
            .map_or(0, |bytes| u64_from(&bytes)))
    }

    /// Counts the decisions ever published by reading every revision.
    pub(crate) fn count_published_decisions_by_scanning(&self) -> Result<u64, StoreError> {
        let mut count = 0;
        for entry in self.decisions_and_publicity_after(None) {
            count += u64::from(entry?.1);
        }
        Ok(count)
    }

    /// The audit trail, oldest first.
    pub fn audit_trail(&self) -> impl Iterator<Item = Result<AuditEntry, StoreError>> + '_ {
        self.tree()
            .scan_prefix(AUDIT)
            .values()
            .map(|value| decode(&value?))
    }

    /// The sequence number of the last audit entry (0 when there is none): it grows with
    /// every write to the decisions, so a reader that remembers it knows whether anything
    /// changed (one key read).
    pub fn last_audit_seq(&self) -> Result<u64, StoreError> {
        Ok(self
            .tree()
            .get(LAST_AUDIT)?
            .map_or(0, |bytes| u64_from(&bytes)))
    }

    /// The audit entries after sequence number `seq`, oldest first, with their numbers.
    pub fn audit_since(
        &self,
        seq: u64,
    ) -> impl Iterator<Item = Result<(u64, AuditEntry), StoreError>> + '_ {
        self.tree()
            .range(audit_key(seq.saturating_add(1))..)
            .take_while(|entry| {
                entry
                    .as_ref()
                    .map_or(true, |(key, _)| key.starts_with(AUDIT))
            })
            .map(|entry| {
                let (key, value) = entry?;
                Ok((u64_from(&key[AUDIT.len()..]), decode(&value)?))
            })
    }

    /// The decision recorded earlier under this idempotency key, if any.
    pub fn decision_for_idempotency_key(
        &self,
        institution: &str,
        client_key: &str,
    ) -> Result<Option<Decision>, StoreError> {
        match self.tree().get(idempotency_key(institution, client_key))? {
            Some(id) => self.decision(&String::from_utf8_lossy(&id)),
            None => Ok(None),
        }
    }
}

/// Numbers audit entries within one batch.
pub(crate) struct AuditLog {
    next_seq: u64,
}

impl AuditLog {
    /// Continues after the last stored entry.
    pub(crate) fn open(store: &Store) -> Result<AuditLog, StoreError> {
        let last = store
            .tree()
            .get(LAST_AUDIT)?
            .map_or(0, |bytes| u64_from(&bytes));
        Ok(AuditLog { next_seq: last + 1 })
    }

    /// Adds an entry (and the new last sequence number) to `batch`.
    pub(crate) fn append(&mut self, batch: &mut sled::Batch, entry: &AuditEntry) {
        batch.insert(audit_key(self.next_seq), encode(entry));
        batch.insert(LAST_AUDIT, &self.next_seq.to_be_bytes());
        self.next_seq += 1;
    }
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests apply batches as the writer does"
)]
pub(crate) mod tests {
    use super::*;

    /// Revision `revision` of a public decision `id` that recognises a credential for
    /// credits.
    pub(crate) fn decision(id: &str, revision: u32) -> Decision {
        let source = model::SourceId::parse("uni").unwrap();
        Decision {
            id: id.to_owned(),
            revision,
            credential: RecordId::new(&source, "course-1"),
            institution: "college".to_owned(),
            outcome: DecisionOutcome::Credits { ects: 5.0 },
            conditions: None,
            rationale: "the same outcomes".to_owned(),
            decided_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            valid_until: None,
            private: false,
            recorded_at: DateTime::from_timestamp(1_800_000_000 + i64::from(revision), 0).unwrap(),
            recorded_by: "token-1".to_owned(),
            withdrawn: false,
            relied_on: Fingerprint::default(),
            at_risk: None,
            withdrawal_reason: None,
            uploaded: None,
        }
    }

    /// Appends each revision in a batch of its own, as the writer does.
    fn append(store: &Store, revisions: &[(&str, u32, bool)]) {
        for (id, revision, private) in revisions {
            let mut decision = decision(id, *revision);
            decision.private = *private;
            let mut batch = store.batch();
            batch.append_decision(&decision, "revised", None).unwrap();
            store.apply(batch).unwrap();
        }
    }

    fn published(store: &Store) -> Vec<(String, u32)> {
        store
            .published_decisions_after(None)
            .map(|decision| {
                let decision = decision.unwrap();
                (decision.id, decision.revision)
            })
            .collect()
    }

    #[test]
    fn a_decision_private_from_the_start_is_never_published_one_made_private_later_stays() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        append(
            &store,
            &[
                ("a", 1, false),
                ("b", 1, true),
                ("c", 1, true),
                ("c", 2, true),
            ],
        );
        assert_eq!(published(&store), vec![("a".to_owned(), 1)]);
        assert_eq!(store.published_decision_count().unwrap(), 1);
        assert_eq!(store.decisions_after(None).count(), 3);
        // Made public, then private again: published once, listed at its latest revision.
        append(&store, &[("b", 2, false), ("b", 3, true)]);
        assert_eq!(
            published(&store),
            vec![("a".to_owned(), 1), ("b".to_owned(), 3)]
        );
        assert_eq!(store.published_decision_count().unwrap(), 2);
        assert!(store.decision_was_published("b").unwrap());
        assert!(!store.decision_was_published("c").unwrap());
        // Published twice in one batch counts once; a later public revision adds nothing.
        let mut batch = store.batch();
        for revision in [3, 4] {
            batch
                .append_decision(&decision("c", revision), "revised", None)
                .unwrap();
        }
        store.apply(batch).unwrap();
        append(&store, &[("a", 2, false)]);
        assert_eq!(store.published_decision_count().unwrap(), 3);
        assert_eq!(
            store.published_decision_count().unwrap(),
            store.count_published_decisions_by_scanning().unwrap()
        );
        assert_eq!(
            store
                .published_decisions_after(Some("a"))
                .map(|d| d.unwrap().id)
                .collect::<Vec<_>>(),
            vec!["b", "c"]
        );
    }
}
