//! `decisions/`: who recognised what, for what, and does it still hold.
//!
//! A recognition decision says that institution B recognised credential X (from A) as
//! equivalent to its credential Y, or for a number of ECTS of elective credit, or refused
//! it. Decisions are append-only: a change is a new revision, and every write leaves an
//! audit entry. They live in the same sled tree as the records:
//!
//! | prefix | key                                     | value                             |
//! |--------|-----------------------------------------|-----------------------------------|
//! | `d:`   | decision id, `0x00`, revision (u32 BE)  | [`Decision`] (JSON)               |
//! | `x:`   | record id, `0x00`, decision id          | empty: decisions about a record   |
//! | `i:`   | idempotency key (institution, key)      | decision id                       |
//! | `a:`   | audit sequence (u64 BE)                 | [`AuditEntry`] (JSON)             |
//! | `m:`   | `audit`                                 | last audit sequence (u64 BE)      |
//!
//! A decision write is one atomic batch, flushed before it is acknowledged. Each decision
//! keeps a fingerprint of the credential it relies on (credits, level, outcomes); when a
//! harvest changes or deletes that credential, the writer flags the decision as at risk in
//! the same batch as the change ([`at_risk_flags`]).

use chrono::{DateTime, NaiveDate, Utc};
use model::{Credential, RecordId, StoredRecord};
use serde::{Deserialize, Serialize};

use crate::IndexerError;
use crate::store::{self, Store, key, u64_from};

const DECISION: &[u8] = b"d:";
const BY_RECORD: &[u8] = b"x:";
const IDEMPOTENCY: &[u8] = b"i:";
const AUDIT: &[u8] = b"a:";
const LAST_AUDIT: &[u8] = b"m:audit";

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
    /// What the decision relied on, to notice when the credential changes.
    pub relied_on: Fingerprint,
    /// Set when a harvest changed or deleted the credential after the decision.
    pub at_risk: Option<AtRisk>,
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

fn decision_key(id: &str, revision: u32) -> Vec<u8> {
    key(DECISION, &[id.as_bytes(), &revision.to_be_bytes()])
}

fn by_record_key(record: &RecordId, decision_id: &str) -> Vec<u8> {
    key(
        BY_RECORD,
        &[record.as_str().as_bytes(), decision_id.as_bytes()],
    )
}

fn idempotency_key(institution: &str, client_key: &str) -> Vec<u8> {
    key(
        IDEMPOTENCY,
        &[institution.as_bytes(), client_key.as_bytes()],
    )
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, IndexerError> {
    serde_json::from_slice(bytes)
        .map_err(|err| IndexerError::Corrupt(format!("decision data does not decode: {err}")))
}

impl Store {
    /// The latest revision of a decision.
    pub fn decision(&self, id: &str) -> Result<Option<Decision>, IndexerError> {
        let prefix = key(DECISION, &[id.as_bytes(), b""]);
        match self.tree().scan_prefix(prefix).values().next_back() {
            Some(value) => Ok(Some(decode(&value?)?)),
            None => Ok(None),
        }
    }

    /// Every revision of a decision, oldest first.
    pub fn decision_revisions(&self, id: &str) -> Result<Vec<Decision>, IndexerError> {
        let prefix = key(DECISION, &[id.as_bytes(), b""]);
        self.tree()
            .scan_prefix(prefix)
            .values()
            .map(|value| decode(&value?))
            .collect()
    }

    /// The latest revision of every decision about a credential (as the recognised one or
    /// as the equivalent target).
    pub fn decisions_about(&self, record: &RecordId) -> Result<Vec<Decision>, IndexerError> {
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
    pub fn has_decisions(&self) -> Result<bool, IndexerError> {
        Ok(self
            .tree()
            .scan_prefix(BY_RECORD)
            .keys()
            .next()
            .transpose()?
            .is_some())
    }

    /// The latest revision of every decision.
    pub fn all_decisions(&self) -> impl Iterator<Item = Result<Decision, IndexerError>> + '_ {
        let mut last: Option<Result<Decision, IndexerError>> = None;
        let mut iter = self.tree().scan_prefix(DECISION).values();
        std::iter::from_fn(move || {
            loop {
                match iter.next() {
                    Some(value) => {
                        let decision = value
                            .map_err(IndexerError::from)
                            .and_then(|v| decode::<Decision>(&v));
                        let same =
                            matches!((&last, &decision), (Some(Ok(a)), Ok(b)) if a.id == b.id);
                        let previous = last.replace(decision);
                        if !same && let Some(previous) = previous {
                            return Some(previous);
                        }
                    }
                    None => return last.take(),
                }
            }
        })
    }

    /// The audit trail, oldest first.
    pub fn audit_trail(&self) -> impl Iterator<Item = Result<AuditEntry, IndexerError>> + '_ {
        self.tree()
            .scan_prefix(AUDIT)
            .values()
            .map(|value| decode(&value?))
    }

    /// The decision recorded earlier under this idempotency key, if any.
    pub fn decision_for_idempotency_key(
        &self,
        institution: &str,
        client_key: &str,
    ) -> Result<Option<Decision>, IndexerError> {
        match self.tree().get(idempotency_key(institution, client_key))? {
            Some(id) => self.decision(&String::from_utf8_lossy(&id)),
            None => Ok(None),
        }
    }

    /// Appends a revision (1 for a new decision) with its audit entry, atomically, and
    /// flushes it to disk before returning. Only the writer thread calls it, so the
    /// revision and audit numbers read here are still the latest when written.
    pub(crate) fn append_decision(
        &self,
        decision: &Decision,
        action: &str,
        idempotency: Option<&str>,
    ) -> Result<(), IndexerError> {
        let mut batch = sled::Batch::default();
        batch.insert(
            decision_key(&decision.id, decision.revision),
            store::encode(decision),
        );
        batch.insert(
            by_record_key(&decision.credential, &decision.id),
            &[] as &[u8],
        );
        if let DecisionOutcome::Equivalent { target } = &decision.outcome {
            batch.insert(by_record_key(target, &decision.id), &[] as &[u8]);
        }
        if let Some(client_key) = idempotency {
            batch.insert(
                idempotency_key(&decision.institution, client_key),
                decision.id.as_bytes(),
            );
        }
        let mut audit = AuditLog::open(self)?;
        audit.append(
            &mut batch,
            AuditEntry {
                at: decision.recorded_at,
                actor: decision.recorded_by.clone(),
                action: action.to_owned(),
                decision_id: decision.id.clone(),
                revision: decision.revision,
            },
        );
        self.tree().apply_batch(batch)?;
        self.flush()
    }
}

/// Numbers audit entries within one batch.
pub(crate) struct AuditLog {
    next_seq: u64,
}

impl AuditLog {
    /// Continues after the last stored entry.
    pub(crate) fn open(store: &Store) -> Result<AuditLog, IndexerError> {
        let last = store
            .tree()
            .get(LAST_AUDIT)?
            .map_or(0, |bytes| u64_from(&bytes));
        Ok(AuditLog { next_seq: last + 1 })
    }

    /// Adds an entry (and the new last sequence number) to `batch`.
    pub(crate) fn append(&mut self, batch: &mut sled::Batch, entry: AuditEntry) {
        batch.insert(
            key(AUDIT, &[&self.next_seq.to_be_bytes()]),
            store::encode(&entry),
        );
        batch.insert(LAST_AUDIT, &self.next_seq.to_be_bytes());
        self.next_seq += 1;
    }
}

/// For a record a harvest changes, the revisions that flag each decision relying on it as
/// at risk, added to the harvest's batch. Returns how many decisions were flagged.
pub(crate) fn at_risk_flags(
    store: &Store,
    batch: &mut sled::Batch,
    audit: &mut AuditLog,
    changed: &StoredRecord,
) -> Result<usize, IndexerError> {
    let mut flagged = 0;
    for decision in store.decisions_about(&changed.id)? {
        if decision.withdrawn || decision.credential != changed.id {
            continue;
        }
        let changes = decision.relied_on.changes(changed);
        if changes.is_empty() {
            continue;
        }
        let mut revision = decision.clone();
        revision.revision += 1;
        revision.recorded_at = Utc::now();
        revision.recorded_by = "harvest".to_owned();
        revision.at_risk = Some(AtRisk {
            detected_at: Utc::now(),
            version: changed.version,
            changes,
        });
        batch.insert(
            decision_key(&revision.id, revision.revision),
            store::encode(&revision),
        );
        audit.append(
            batch,
            AuditEntry {
                at: revision.recorded_at,
                actor: "harvest".to_owned(),
                action: "flagged_at_risk".to_owned(),
                decision_id: revision.id.clone(),
                revision: revision.revision,
            },
        );
        flagged += 1;
    }
    Ok(flagged)
}
