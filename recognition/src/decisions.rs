//! `decisions/`: the rules of a recognition decision, one copy for the API and the pages.
//!
//! A [`Draft`] is what an officer asks to record (from a JSON body or a form); [`draft`]
//! checks it against the store and the deciding [`Officer`] and turns it into the
//! [`Decision`] to record; [`revise`] does the same for a new revision of a decision the
//! officer's institution owns, and [`withdraw`] makes the revision that withdraws one.
//! Decisions are append-only: the writer numbers the revision and stores it with its
//! audit entry. Nothing here writes.
//!
//! The rules:
//! - the credential decided on must exist and not be withdrawn upstream;
//! - an institution that publishes a feed names one of its own credentials as the
//!   equivalent (an institution without a feed may name any);
//! - credits are more than 0 and at most [`MAX_ECTS`];
//! - a rationale is required, and `valid_until` is not before `decided_on`;
//! - a revision decides on the same credential as the decision it revises;
//! - only the deciding institution (or an admin) revises or withdraws a decision;
//! - a private decision is seen only by its institution's officers and by admins
//!   ([`visible`]), in every answer, list and count; a lookup weighs it only for its own
//!   institution;
//! - a decision about a credential a person uploaded (not harvested, id `upload.…`) is
//!   checked against the upload the officer's session holds ([`draft_uploaded`]) and
//!   keeps the file's hash and claims ([`Decision::uploaded`]), never the file; its
//!   revisions rely on what the first kept. It belongs to no agreement between
//!   institutions: its sender is only claimed.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{NaiveDate, Utc};
use model::{RecordId, StoredRecord};
use store::{Decision, DecisionOutcome, Fingerprint, Store, UploadedCredential};

use crate::RecognitionError;

/// Most ECTS credits a decision may grant.
pub const MAX_ECTS: f64 = 240.0;

/// Who decides: an institution's officer, through an API token or a signed-in session.
#[derive(Debug, Clone)]
pub struct Officer<'a> {
    /// The institution decided for.
    pub institution: &'a str,
    /// Who acts, as the audit trail names them (a token id).
    pub actor: &'a str,
    /// Whether the officer may act for every institution.
    pub admin: bool,
    /// Whether the institution publishes a feed (its equivalents are then its own
    /// credentials).
    pub publishes_feed: bool,
}

impl Officer<'_> {
    /// Whether the officer may act for `institution` (its own, or any if admin).
    pub fn may_act_for(&self, institution: &str) -> bool {
        self.admin || self.institution == institution
    }
}

/// Who is looking at recorded decisions: nobody signed in, an institution's officer, or
/// an admin.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewer<'a> {
    /// The institution the viewer acts for, if signed in.
    pub institution: Option<&'a str>,
    /// Whether the viewer may act for every institution.
    pub admin: bool,
}

impl<'a> Viewer<'a> {
    /// Nobody signed in.
    pub const ANONYMOUS: Viewer<'static> = Viewer {
        institution: None,
        admin: false,
    };

    /// An institution looking (its officer, or a lookup made for it): an admin's lookups
    /// weigh its own institution's private decisions, never another's.
    pub fn institution(institution: Option<&'a str>) -> Viewer<'a> {
        Viewer {
            institution,
            admin: false,
        }
    }
}

/// Whether `viewer` may see `decision`: a public one anyone may; a private one only its
/// institution's officers and admins. The one rule for the API, the pages, the OAI-PMH
/// provider and the lookups.
pub fn visible(decision: &Decision, viewer: Viewer<'_>) -> bool {
    !decision.private || viewer.admin || viewer.institution == Some(decision.institution.as_str())
}

/// Which decisions of an agreement ([`agreement`]) to list.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AgreementFilter {
    /// Only decisions with this kind of outcome.
    pub outcome: Option<OutcomeKind>,
    /// Only decisions whose credential changed since (`Some(true)`), or only those whose
    /// did not (`Some(false)`).
    pub at_risk: Option<bool>,
    /// Only decisions taken on or after this day.
    pub decided_from: Option<NaiveDate>,
    /// Only decisions taken on or before this day.
    pub decided_until: Option<NaiveDate>,
    /// Withdrawn decisions too.
    pub withdrawn: bool,
}

/// The kind of a decision's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeKind {
    /// Recognised as equivalent to a credential of the deciding institution.
    Equivalent,
    /// Recognised for credits without a specific equivalent.
    Credits,
    /// Not recognised.
    Refused,
}

impl OutcomeKind {
    /// The kind of `outcome`.
    pub fn of(outcome: &DecisionOutcome) -> OutcomeKind {
        match outcome {
            DecisionOutcome::Equivalent { .. } => OutcomeKind::Equivalent,
            DecisionOutcome::Credits { .. } => OutcomeKind::Credits,
            DecisionOutcome::Refused => OutcomeKind::Refused,
        }
    }
}

/// The agreement between two institutions as their decisions make it, ASSIST's
/// "agreements between institution A and B": the latest revision of every decision
/// `deciding` took about a credential published by `sending` (a source's id, the source
/// part of the credential's id) that `viewer` may see ([`visible`]) and `filter` keeps,
/// newest decision first.
pub fn agreement(
    store: &Store,
    sending: &str,
    deciding: &str,
    filter: &AgreementFilter,
    viewer: Viewer<'_>,
) -> Result<Vec<Decision>, store::StoreError> {
    let mut decisions = Vec::new();
    for decision in store.all_decisions() {
        let decision = decision?;
        let keep = decision.institution == deciding
            && decision.credential.source() == sending
            && !decision.credential.is_uploaded()
            && visible(&decision, viewer)
            && (filter.withdrawn || !decision.withdrawn)
            && filter
                .outcome
                .is_none_or(|kind| OutcomeKind::of(&decision.outcome) == kind)
            && filter
                .at_risk
                .is_none_or(|at_risk| decision.at_risk.is_some() == at_risk)
            && filter
                .decided_from
                .is_none_or(|day| decision.decided_on >= day)
            && filter
                .decided_until
                .is_none_or(|day| decision.decided_on <= day);
        if keep {
            decisions.push(decision);
        }
    }
    decisions.sort_by(|a, b| {
        b.decided_on
            .cmp(&a.decided_on)
            .then(b.recorded_at.cmp(&a.recorded_at))
    });
    Ok(decisions)
}

/// The institutions whose credentials `deciding` has decided about, among `decisions`
/// (latest revisions), with how many decisions `viewer` may see of each (withdrawn ones
/// left out), most first: the agreements of one institution.
pub fn agreements_of<'a>(
    decisions: impl IntoIterator<Item = &'a Decision>,
    deciding: &str,
    viewer: Viewer<'_>,
) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for decision in decisions {
        if decision.institution == deciding
            && !decision.withdrawn
            && !decision.credential.is_uploaded()
            && visible(decision, viewer)
        {
            *counts
                .entry(decision.credential.source().to_owned())
                .or_default() += 1;
        }
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// What was decided, as asked.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftOutcome {
    /// Equivalent to the record with this id (as given).
    Equivalent {
        /// The equivalent credential's id, as given.
        target: String,
    },
    /// Recognised for this many ECTS credits.
    Credits {
        /// The credits.
        ects: f64,
    },
    /// Not recognised.
    Refused,
}

/// A decision as an officer asks to record it.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The credential decided on, as given.
    pub credential: String,
    /// What was decided.
    pub outcome: DraftOutcome,
    /// Why.
    pub rationale: String,
    /// When it was decided.
    pub decided_on: NaiveDate,
    /// Conditions attached, if any.
    pub conditions: Option<String>,
    /// Until when it holds, if limited.
    pub valid_until: Option<NaiveDate>,
    /// Kept out of what other clearinghouses harvest.
    pub private: bool,
    /// The deciding institution, if named: it must be the officer's.
    pub institution: Option<String>,
}

/// Why a decision cannot be recorded, revised or withdrawn.
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    /// A field is missing or wrong; `field` names it as the API does (`outcome.ects`).
    #[error("{message}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// What is wrong, in words.
        message: String,
    },
    /// The officer may not do this for that institution.
    #[error("{0}")]
    Forbidden(String),
    /// A credential or decision named does not exist (or was withdrawn upstream).
    #[error("{0}")]
    NotFound(String),
    /// The store could not be read.
    #[error(transparent)]
    Lookup(#[from] RecognitionError),
}

impl From<store::StoreError> for DecisionError {
    fn from(err: store::StoreError) -> DecisionError {
        DecisionError::Lookup(err.into())
    }
}

fn invalid(field: &'static str, message: impl Into<String>) -> DecisionError {
    DecisionError::Invalid {
        field,
        message: message.into(),
    }
}

fn record_id(field: &'static str, text: &str) -> Result<RecordId, DecisionError> {
    RecordId::parse(text)
        .map_err(|_| invalid(field, format!("`{field}` {text:?} is not a credential id")))
}

/// Checks `draft` against the store and the officer and builds the decision to record
/// (revision 0: the writer numbers it).
pub fn draft(
    store: &Store,
    officer: &Officer<'_>,
    draft: Draft,
) -> Result<Decision, DecisionError> {
    build(store, officer, draft, None, About::Stored)
}

/// A credential a person uploaded (not harvested), as the session that read it holds it:
/// the record built from the file (its id `upload.…`) and what a decision keeps of it.
#[derive(Debug, Clone, Copy)]
pub struct Uploaded<'a> {
    /// The credential read from the file, as a record that is not in the store.
    pub record: &'a StoredRecord,
    /// What identifies the file and what it claims.
    pub about: &'a UploadedCredential,
}

/// Checks `draft`, a decision about the uploaded credential `uploaded`, and builds it:
/// the same rules as [`draft`], the credential taken from the upload instead of the
/// store, and the decision marked as about a credential not harvested
/// ([`Decision::uploaded`]).
pub fn draft_uploaded(
    store: &Store,
    officer: &Officer<'_>,
    draft: Draft,
    uploaded: Uploaded<'_>,
) -> Result<Decision, DecisionError> {
    if draft.credential != uploaded.record.id.as_str() {
        return Err(invalid(
            "credential",
            format!(
                "the decision is about {}, not the uploaded credential {}",
                draft.credential, uploaded.record.id
            ),
        ));
    }
    build(store, officer, draft, None, About::Uploaded(uploaded))
}

/// Checks `draft` as a new revision of decision `id` and builds it. The decision must
/// exist, belong to an institution the officer acts for, and be about the same credential.
pub fn revise(
    store: &Store,
    officer: &Officer<'_>,
    id: &str,
    draft: Draft,
) -> Result<Decision, DecisionError> {
    let latest = owned(store, officer, id)?;
    // A revision of a decision about an uploaded credential relies on what the first
    // revision kept of the file: the file itself is not kept.
    let about = if latest.uploaded.is_some() {
        About::Revising(&latest)
    } else {
        About::Stored
    };
    let mut decision = build(store, officer, draft, Some(id.to_owned()), about)?;
    if decision.credential != latest.credential {
        return Err(invalid(
            "credential",
            "a revision cannot change which credential was decided on; record a new decision",
        ));
    }
    decision.institution = latest.institution;
    Ok(decision)
}

/// What withdrawing a decision comes to.
#[derive(Debug, Clone)]
pub enum Withdrawal {
    /// The revision that withdraws it, to record.
    Record(Decision),
    /// It is withdrawn already: its latest revision, nothing to record.
    Already(Decision),
}

/// Longest reason for a withdrawal, in bytes.
pub const MAX_WITHDRAWAL_REASON_BYTES: usize = 2_000;

/// The revision that withdraws decision `id` (nothing is erased), with the officer's
/// reason if given. The decision must belong to an institution the officer acts for.
pub fn withdraw(
    store: &Store,
    officer: &Officer<'_>,
    id: &str,
    reason: Option<&str>,
) -> Result<Withdrawal, DecisionError> {
    let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
    if reason.is_some_and(|reason| reason.len() > MAX_WITHDRAWAL_REASON_BYTES) {
        return Err(invalid(
            "reason",
            format!("the reason is longer than {MAX_WITHDRAWAL_REASON_BYTES} bytes"),
        ));
    }
    let mut decision = owned(store, officer, id)?;
    if decision.withdrawn {
        return Ok(Withdrawal::Already(decision));
    }
    decision.withdrawn = true;
    decision.withdrawal_reason = reason.map(str::to_owned);
    decision.recorded_at = Utc::now();
    decision.recorded_by = officer.actor.to_owned();
    Ok(Withdrawal::Record(decision))
}

/// The latest revision of decision `id`, if the officer may act for its institution.
pub fn owned(store: &Store, officer: &Officer<'_>, id: &str) -> Result<Decision, DecisionError> {
    let latest = store
        .decision(id)?
        .ok_or_else(|| DecisionError::NotFound(format!("no recognition decision {id:?}")))?;
    if !officer.may_act_for(&latest.institution) {
        return Err(DecisionError::Forbidden(format!(
            "decision {id} belongs to {}; {} acts for {}",
            latest.institution, officer.actor, officer.institution
        )));
    }
    Ok(latest)
}

/// Where the credential decided on is read from.
#[derive(Debug, Clone, Copy)]
enum About<'a> {
    /// The store: a harvested credential.
    Stored,
    /// An upload held by the officer's session.
    Uploaded(Uploaded<'a>),
    /// The latest revision of a decision about an upload, revised.
    Revising(&'a Decision),
}

fn build(
    store: &Store,
    officer: &Officer<'_>,
    draft: Draft,
    id: Option<String>,
    about: About<'_>,
) -> Result<Decision, DecisionError> {
    if let Some(institution) = &draft.institution
        && institution != officer.institution
    {
        return Err(DecisionError::Forbidden(format!(
            "{} decides for {}, not for {institution}",
            officer.actor, officer.institution
        )));
    }
    if draft.rationale.trim().is_empty() {
        return Err(invalid("rationale", "`rationale` must say why"));
    }
    if let Some(until) = draft.valid_until
        && until < draft.decided_on
    {
        return Err(invalid(
            "valid_until",
            "`valid_until` is before `decided_on`",
        ));
    }
    let credential = record_id("credential", &draft.credential)?;
    let (relied_on, uploaded) = match about {
        About::Uploaded(uploaded) => (
            Fingerprint::of(uploaded.record),
            Some(uploaded.about.clone()),
        ),
        About::Revising(latest) => (latest.relied_on.clone(), latest.uploaded.clone()),
        About::Stored if credential.is_uploaded() => {
            return Err(DecisionError::NotFound(format!(
                "{credential} is a credential someone uploaded on the pages, not a harvested \
                 one: a decision about it is recorded on the pages, in the session that read \
                 its file"
            )));
        }
        About::Stored => {
            let record = store
                .get(&credential)?
                .ok_or_else(|| DecisionError::NotFound(format!("no credential {credential}")))?;
            if record.deleted {
                return Err(DecisionError::NotFound(format!(
                    "credential {credential} was withdrawn by its publisher"
                )));
            }
            (Fingerprint::of(&record), None)
        }
    };
    let outcome = match draft.outcome {
        DraftOutcome::Equivalent { target } => {
            let target = record_id("outcome.target", &target)?;
            let target_record = store
                .get(&target)?
                .ok_or_else(|| DecisionError::NotFound(format!("no credential {target}")))?;
            let target_source = target_record.provenance.source_id.as_str();
            if officer.publishes_feed && !officer.may_act_for(target_source) {
                return Err(DecisionError::Forbidden(format!(
                    "the equivalent must be a credential of {}, not of {target_source}",
                    officer.institution
                )));
            }
            DecisionOutcome::Equivalent { target }
        }
        DraftOutcome::Credits { ects } => {
            if !(ects > 0.0 && ects <= MAX_ECTS) {
                return Err(invalid(
                    "outcome.ects",
                    format!("`ects` must be more than 0 and at most {MAX_ECTS}"),
                ));
            }
            DecisionOutcome::Credits { ects }
        }
        DraftOutcome::Refused => DecisionOutcome::Refused,
    };
    Ok(Decision {
        id: id.unwrap_or_else(|| new_decision_id(officer.institution, &credential)),
        revision: 0,
        credential,
        institution: officer.institution.to_owned(),
        outcome,
        conditions: draft.conditions.filter(|c| !c.trim().is_empty()),
        rationale: draft.rationale,
        decided_on: draft.decided_on,
        valid_until: draft.valid_until,
        private: draft.private,
        recorded_at: Utc::now(),
        recorded_by: officer.actor.to_owned(),
        withdrawn: false,
        relied_on,
        at_risk: None,
        withdrawal_reason: None,
        uploaded,
    })
}

static DECISION_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new decision id: `rd-` and 20 hex digits, unique per process and time.
fn new_decision_id(institution: &str, credential: &RecordId) -> String {
    let seed = format!(
        "{institution}|{credential}|{}|{}|{}",
        Utc::now().timestamp_nanos_opt().unwrap_or_default(),
        std::process::id(),
        DECISION_COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    format!("rd-{}", &model::PayloadHash::of(seed.as_bytes()).0[..20])
}
