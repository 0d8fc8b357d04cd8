//! `evidence/`: recorded decisions as evidence for new lookups.
//!
//! Every live decision an institution recorded (not withdrawn, not expired, not at risk
//! because its credential changed or vanished upstream, not about a credential someone
//! uploaded instead of one harvested) teaches that institution's
//! lookups: credentials similar to the one held that it recognised as its course X raise
//! X, its decisions reveal how a sender's catalogue maps onto its own (subjects, levels,
//! sequences), and "credits only" or refusals for similar credentials raise the chance
//! that there is no specific equivalent ([`signals`]). Private decisions count only for
//! lookups by the institution that took them.
//!
//! [`Evidence`] is derived from the store and never written to it: it follows the audit
//! log, so every way a decision changes (recorded, revised, withdrawn through the API or
//! the pages, flagged at risk by a harvest) reaches it the same way, and a restart
//! rebuilds it from the decisions. [`Evidence::sync`] catches up before each lookup (one
//! key read when nothing changed).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use chrono::{NaiveDate, Utc};
use model::{Credential, RecordId, StoredRecord};
use search::SearchIndex;
use search::analysis::folded_words;
use search::similar::Idf;
use store::{Decision, DecisionOutcome, Store};

use crate::RecognitionError;
use crate::equivalence::siblings::course_code;
use crate::equivalence::similarity::Profile;

pub(crate) mod codes;
pub(crate) mod learned;
pub mod signals;

use self::codes::CourseCode;
use self::learned::{Learned, Outcome, Slot, Target, Vote};

/// A decision this many years old counts half as much as one taken today.
pub const HALF_LIFE_YEARS: f64 = 8.0;

/// The weight of a decision taken on `date`: doubling every [`HALF_LIFE_YEARS`] from
/// 2000 (forward decay, so that weights never change once given; only their ratio to
/// today's weight matters).
pub(crate) fn recency_weight(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let days = (date - epoch).num_days() as f64;
    2f64.powf(days / (HALF_LIFE_YEARS * 365.25))
}

/// Recorded decisions, as evidence for the lookups of each institution.
#[derive(Debug, Default)]
pub struct Evidence {
    state: RwLock<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The last audit entry applied.
    synced_to: u64,
    /// The day expiries were last applied.
    day: Option<NaiveDate>,
    institutions: HashMap<String, Institution>,
    /// Where each decision counted now counts.
    applied: HashMap<String, Applied>,
    /// Decisions that stop counting after a day (by their last valid day).
    expiries: BTreeMap<NaiveDate, Vec<String>>,
}

#[derive(Debug)]
struct Applied {
    institution: String,
    credential: RecordId,
    private: bool,
}

/// One institution's evidence: its public decisions, and all of them when it has
/// private ones (only its own lookups see those).
#[derive(Debug, Default)]
struct Institution {
    public: Learned,
    with_private: Option<Learned>,
}

/// The evidence as one lookup reads it.
pub struct EvidenceRead<'a> {
    state: RwLockReadGuard<'a, State>,
}

impl EvidenceRead<'_> {
    /// The evidence for lookups at `institution` by `viewer` (private decisions only
    /// when the viewer is the institution); `None` when it decided nothing visible.
    pub(crate) fn learned(&self, institution: &str, viewer: Option<&str>) -> Option<&Learned> {
        let found = self.state.institutions.get(institution)?;
        let learned = match (&found.with_private, viewer) {
            (Some(all), Some(viewer)) if viewer == institution => all,
            _ => &found.public,
        };
        (!learned.is_empty()).then_some(learned)
    }

    /// How many credentials `institution` decided on, as `viewer` sees them.
    pub fn decided(&self, institution: &str, viewer: Option<&str>) -> usize {
        self.learned(institution, viewer).map_or(0, Learned::len)
    }
}

impl Evidence {
    /// No evidence yet: [`Evidence::sync`] reads it from the store.
    pub fn new() -> Evidence {
        Evidence::default()
    }

    /// Applies every decision written since the last call (and expiries, once a day).
    pub fn sync(&self, store: &Store, index: &SearchIndex) -> Result<(), RecognitionError> {
        let last = store.last_audit_seq()?;
        let today = Utc::now().date_naive();
        {
            let state = self.state.read().unwrap_or_else(PoisonError::into_inner);
            if state.synced_to >= last && state.day == Some(today) {
                return Ok(());
            }
        }
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        let mut changed: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        let mut synced_to = state.synced_to;
        for entry in store.audit_since(state.synced_to) {
            let (seq, entry) = entry?;
            synced_to = synced_to.max(seq);
            if seen.insert(entry.decision_id.clone()) {
                changed.push(entry.decision_id);
            }
        }
        if state.day != Some(today) {
            let later = state.expiries.split_off(&today);
            for (_, ids) in std::mem::replace(&mut state.expiries, later) {
                changed.extend(ids.into_iter().filter(|id| seen.insert(id.clone())));
            }
            state.day = Some(today);
        }
        if !changed.is_empty() {
            let snapshot = index.snapshot();
            let mut idf = snapshot.idf();
            for id in changed {
                let latest = store.decision(&id)?;
                state.apply(&id, latest, store, &mut idf, today)?;
            }
        }
        state.synced_to = synced_to;
        Ok(())
    }

    /// The evidence for one lookup (call [`Evidence::sync`] first).
    pub fn read(&self) -> EvidenceRead<'_> {
        EvidenceRead {
            state: self.state.read().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// Runs `f` with the decisions of `institution` about `credential` left out, then
    /// puts them back: how a decided credential is looked up as if it had not been, to
    /// fit the model's weights on an institution's own decisions (`equivalence_eval
    /// --fit`). Lookups running meanwhile see the evidence without it.
    pub fn leave_out<T>(
        &self,
        institution: &str,
        credential: &RecordId,
        f: impl FnOnce() -> T,
    ) -> T {
        let taken = {
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            state.institutions.get_mut(institution).map(|found| {
                (
                    found.public.take(credential),
                    found
                        .with_private
                        .as_mut()
                        .and_then(|all| all.take(credential)),
                )
            })
        };
        let out = f();
        if let Some((public, all)) = taken {
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            if let Some(found) = state.institutions.get_mut(institution) {
                if let Some(slot) = public {
                    found.public.restore(slot);
                }
                if let (Some(slot), Some(learned)) = (all, found.with_private.as_mut()) {
                    learned.restore(slot);
                }
            }
        }
        out
    }
}

/// Whether a decision counts as evidence on `today`. A decision about an uploaded
/// credential never does: the file is not kept (there is no text to learn a similarity
/// from), and what it says of itself, its issuer included, is not verified, so it must
/// not steer the lookups of everyone else. It is still a precedent for the same file
/// uploaded again (`equivalence::precedents`).
fn counts(decision: &Decision, today: NaiveDate) -> bool {
    !decision.credential.is_uploaded()
        && !decision.withdrawn
        && decision.at_risk.is_none()
        && decision.valid_until.is_none_or(|until| until >= today)
}

impl State {
    /// Makes decision `id`'s evidence what its latest revision says.
    fn apply(
        &mut self,
        id: &str,
        latest: Option<Decision>,
        store: &Store,
        idf: &mut Idf<'_>,
        today: NaiveDate,
    ) -> Result<(), RecognitionError> {
        if let Some(applied) = self.applied.remove(id)
            && let Some(found) = self.institutions.get_mut(&applied.institution)
        {
            if !applied.private {
                found.public.remove_vote(&applied.credential, id);
            }
            if let Some(all) = found.with_private.as_mut() {
                all.remove_vote(&applied.credential, id);
            }
        }
        let Some(decision) = latest.filter(|d| counts(d, today)) else {
            return Ok(());
        };
        if let Some(until) = decision.valid_until {
            self.expiries.entry(until).or_default().push(id.to_owned());
        }
        let outcome = match &decision.outcome {
            DecisionOutcome::Equivalent { target } => Outcome::Target(target.clone()),
            DecisionOutcome::Credits { .. } => Outcome::Credits,
            DecisionOutcome::Refused => Outcome::Refused,
        };
        let vote = Vote {
            decision: id.to_owned(),
            outcome,
            weight: recency_weight(decision.decided_on),
        };
        let found = self
            .institutions
            .entry(decision.institution.clone())
            .or_default();
        if decision.private && found.with_private.is_none() {
            found.with_private = Some(found.public.clone());
        }
        let mut learned: Vec<&mut Learned> = Vec::with_capacity(2);
        if !decision.private {
            learned.push(&mut found.public);
        }
        if let Some(all) = found.with_private.as_mut() {
            learned.push(all);
        }
        let needs_slot = learned
            .iter()
            .any(|l| l.slot_of(&decision.credential).is_none());
        let slot = if needs_slot {
            match store.get(&decision.credential)? {
                Some(record) => slot_of(&record, idf),
                None => None,
            }
        } else {
            None
        };
        let target = match &vote.outcome {
            Outcome::Target(target)
                if learned.iter().any(|l| !l.target_facts.contains_key(target)) =>
            {
                Some(match store.get(target)? {
                    Some(record) => target_of(&record, idf),
                    None => Target::default(),
                })
            }
            _ => None,
        };
        if needs_slot && slot.is_none() {
            // The credential is gone: nothing to learn from (a harvest flags the
            // decision at risk).
            return Ok(());
        }
        for l in learned {
            l.add_vote(
                || slot.clone(),
                &decision.credential,
                vote.clone(),
                |_| target.clone().unwrap_or_default(),
            );
        }
        self.applied.insert(
            id.to_owned(),
            Applied {
                institution: decision.institution,
                credential: decision.credential,
                private: decision.private,
            },
        );
        Ok(())
    }
}

/// Who sent a credential: its awarding body's name as folded words, else its source.
pub(crate) fn sender_of(record: &StoredRecord, credential: &Credential) -> String {
    credential
        .awarding_body
        .name
        .0
        .values()
        .map(|name| folded_words(name).trim().to_owned())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| format!("source {}", record.provenance.source_id))
}

/// The course code of a credential, read.
pub(crate) fn code_of(credential: &Credential) -> Option<CourseCode> {
    course_code(credential).and_then(CourseCode::parse)
}

fn slot_of(record: &StoredRecord, idf: &mut Idf<'_>) -> Option<Slot> {
    let credential = record.credential.as_ref().filter(|_| !record.deleted)?;
    Some(Slot {
        credential: record.id.clone(),
        sender: sender_of(record, credential),
        code: code_of(credential),
        vector: Profile::of(credential, idf).unit_vector(),
        votes: Vec::new(),
    })
}

fn target_of(record: &StoredRecord, idf: &mut Idf<'_>) -> Target {
    match record.credential.as_ref() {
        Some(credential) => Target {
            code: code_of(credential),
            vector: Profile::of(credential, idf).unit_vector(),
        },
        None => Target::default(),
    }
}
