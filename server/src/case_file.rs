//! A decision's case file: what a student's file keeps of one recognition decision, read
//! once for its page (`/decisions/{id}/case-file`, printed or saved as PDF by the
//! browser) and its JSON (`/api/v1/recognitions/{id}/case-file`).
//!
//! It holds the decision with every revision and audit entry, the credential held as it
//! was when decided on (the version the decision relied on, from the record's history),
//! the equivalent credential as it is now, the two compared on the five elements, and the
//! other decisions about the credential held that the viewer may see. Who may see a case
//! file is the decision's rule ([`recognition::decisions::visible`]): a private decision's
//! case file is its institution's alone, and answers as if it did not exist to anyone
//! else.
//!
//! Gathering is blocking work (store reads and a comparison): callers run it on a
//! blocking thread within the recognition budget ([`crate::budget`]).

use chrono::NaiveDate;
use model::StoredRecord;
use recognition::compare::Comparison;
use recognition::equivalence::Precedents;
use store::{AuditEntry, Decision, DecisionOutcome, Store, StoreError};

use crate::auth::Caller;
use crate::state::AppState;

/// One decision's case file.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// Every revision, oldest first; the last is the decision as it stands.
    pub revisions: Vec<Decision>,
    /// The decision's audit entries, oldest first.
    pub audit: Vec<AuditEntry>,
    /// The credential held, at the version the decision relied on (as it is now when
    /// that version is no longer kept); `None` when the store has no record of it.
    pub held: Option<StoredRecord>,
    /// The version of the credential held as it is now, when the store has it.
    pub held_current_version: Option<u32>,
    /// For an equivalence: the equivalent credential, as it is now.
    pub target: Option<StoredRecord>,
    /// For an equivalence whose two credentials are both still published: the credential
    /// held compared with the equivalent on the five elements.
    pub comparison: Option<Comparison>,
    /// The latest revision of every other decision about the credential held that the
    /// viewer may see (withdrawn ones included), newest decided first.
    pub others: Vec<Decision>,
    /// For an equivalence: how those other decisions bear on the equivalent credential
    /// (withdrawn ones left out).
    pub precedents: Option<Precedents>,
}

/// Where a decision stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Recorded, not withdrawn, not expired, its credential unchanged since.
    InForce,
    /// Withdrawn by its institution.
    Withdrawn,
    /// The credential changed (or was withdrawn by its publisher) since the decision.
    AtRisk,
    /// Its validity ended.
    Expired,
}

impl Standing {
    /// Its name on the wire: `in_force`, `withdrawn`, `at_risk` or `expired`.
    pub fn name(self) -> &'static str {
        match self {
            Standing::InForce => "in_force",
            Standing::Withdrawn => "withdrawn",
            Standing::AtRisk => "at_risk",
            Standing::Expired => "expired",
        }
    }
}

impl CaseFile {
    /// The decision as it stands (its latest revision).
    pub fn decision(&self) -> &Decision {
        self.revisions
            .last()
            .expect("a case file is gathered only for a decision with a revision")
    }

    /// Where the decision stands on `today`: withdrawn first, then at risk, then expired.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        let decision = self.decision();
        if decision.withdrawn {
            Standing::Withdrawn
        } else if decision.at_risk.is_some() {
            Standing::AtRisk
        } else if decision.valid_until.is_some_and(|until| until < today) {
            Standing::Expired
        } else {
            Standing::InForce
        }
    }
}

/// Every revision of decision `id` (oldest first) and its audit entries (oldest first).
/// The audit is one log for every decision: it is read whole and filtered.
pub fn revisions_and_audit(
    store: &Store,
    id: &str,
) -> Result<(Vec<Decision>, Vec<AuditEntry>), StoreError> {
    let revisions = store.decision_revisions(id)?;
    if revisions.is_empty() {
        return Ok((revisions, Vec::new()));
    }
    let audit = store
        .audit_trail()
        .filter(|entry| entry.as_ref().map_or(true, |e| e.decision_id == id))
        .collect::<Result<_, _>>()?;
    Ok((revisions, audit))
}

/// The credential `decision` relied on: the version it fingerprinted, else the record as
/// it is now; and the version it is now.
fn as_decided_on(
    store: &Store,
    decision: &Decision,
) -> Result<(Option<StoredRecord>, Option<u32>), StoreError> {
    let current = store.get(&decision.credential)?;
    let current_version = current.as_ref().map(|record| record.version);
    let wanted = decision.relied_on.version;
    if current
        .as_ref()
        .is_some_and(|record| record.version == wanted)
    {
        return Ok((current, current_version));
    }
    let earlier = store
        .history(&decision.credential)?
        .into_iter()
        .find(|record| record.version == wanted);
    Ok((earlier.or(current), current_version))
}

/// The case file of decision `id` as `caller` may see it: `None` when there is no such
/// decision or it is private to another institution.
pub fn gather(
    state: &AppState,
    id: &str,
    caller: Option<&Caller>,
) -> Result<Option<CaseFile>, StoreError> {
    let store = state.indexer.store();
    let viewer = crate::auth::viewer_of(caller);
    let (revisions, audit) = revisions_and_audit(store, id)?;
    let Some(decision) = revisions
        .last()
        .filter(|latest| recognition::decisions::visible(latest, viewer))
        .cloned()
    else {
        return Ok(None);
    };
    let (held, held_current_version) = as_decided_on(store, &decision)?;
    let target = match &decision.outcome {
        DecisionOutcome::Equivalent { target } => store.get(target)?,
        DecisionOutcome::Credits { .. } | DecisionOutcome::Refused => None,
    };
    let comparison = match (
        held.as_ref().and_then(|record| record.credential.as_ref()),
        target
            .as_ref()
            .and_then(|record| record.credential.as_ref()),
    ) {
        (Some(a), Some(b)) => Some(recognition::compare::compare_across_languages(
            a,
            b,
            &state.bridge,
        )),
        _ => None,
    };
    let mut others: Vec<Decision> = store
        .decisions_about(&decision.credential)?
        .into_iter()
        .filter(|other| other.id != decision.id && other.credential == decision.credential)
        .filter(|other| recognition::decisions::visible(other, viewer))
        .collect();
    others.sort_by(|a, b| {
        b.decided_on
            .cmp(&a.decided_on)
            .then(b.recorded_at.cmp(&a.recorded_at))
    });
    let precedents = target.as_ref().map(|target| {
        recognition::equivalence::precedents::for_candidate(
            &others,
            &[],
            &target.id,
            target.provenance.source_id.as_str(),
            chrono::Utc::now().date_naive(),
        )
    });
    Ok(Some(CaseFile {
        revisions,
        audit,
        held,
        held_current_version,
        target,
        comparison,
        others,
        precedents,
    }))
}
