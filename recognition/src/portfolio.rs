//! `portfolio/`: a learner's question, "would these credentials count at institution X?",
//! answered for one credential at a time: by what X decided about it, else by what the
//! equivalence lookup suggests among X's credentials.
//!
//! The rules:
//! - a public decision of X in force (not withdrawn, not past its `valid_until`) about
//!   the very credential answers first, the latest decided first: recognised as an
//!   equivalent or for credits is a Match, refused a Miss; one taken before the
//!   credential changed (at risk) is only a Maybe, since X decided about another text;
//! - a private decision never answers a learner (only its institution sees it);
//! - the institution's own credential is a Match;
//! - without a decision, the lookup's best candidate at X and its label answer (a
//!   suggestion, never a decision); no candidate at all is a Miss.
//!
//! Only X decides: every answer here is said to be a suggestion where it is shown.

use chrono::NaiveDate;
use model::RecordId;
use store::{Decision, DecisionOutcome};

use crate::decisions::{Viewer, visible};
use crate::equivalence::EquivalentHit;
use crate::evidence::signals::Label;

/// What an answer for one credential rests on.
#[derive(Debug, Clone)]
pub enum Basis {
    /// The credential is the institution's own.
    Own,
    /// A decision of the institution about this credential.
    Decision(Box<Decision>),
    /// The lookup's best candidate among the institution's credentials.
    Lookup(Box<EquivalentHit>),
    /// The institution publishes nothing the lookup could compare.
    NoCandidate,
}

/// Whether a credential would count at an institution, and why.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Match, Maybe or Miss.
    pub label: Label,
    /// What it rests on.
    pub basis: Basis,
}

/// The decision that answers for `credential` at an institution deciding as any of
/// `deciders` (its ids), among `decisions` (those about it, as the store lists them:
/// some name it only as their equivalent), on `today`: about it, public, in force, the
/// latest decided.
pub fn decided<'a>(
    credential: &RecordId,
    decisions: &'a [Decision],
    deciders: &[&str],
    today: NaiveDate,
) -> Option<&'a Decision> {
    decisions
        .iter()
        .filter(|decision| decision.credential == *credential)
        .filter(|decision| deciders.contains(&decision.institution.as_str()))
        .filter(|decision| visible(decision, Viewer::ANONYMOUS))
        .filter(|decision| !decision.withdrawn)
        .filter(|decision| decision.valid_until.is_none_or(|until| until >= today))
        .max_by_key(|decision| (decision.decided_on, decision.recorded_at))
}

/// The answer for the institution's own credential: it counts there.
pub fn own() -> Answer {
    Answer {
        label: Label::Match,
        basis: Basis::Own,
    }
}

/// The label a decision gives a learner.
pub fn label_of(decision: &Decision) -> Label {
    match (&decision.outcome, &decision.at_risk) {
        (DecisionOutcome::Refused, _) => Label::Miss,
        (_, Some(_)) => Label::Maybe,
        (DecisionOutcome::Equivalent { .. } | DecisionOutcome::Credits { .. }, None) => {
            Label::Match
        }
    }
}

/// The answer for a credential: the decision when there is one, else the best of the
/// lookup's `candidates` at the institution (most probable first is not assumed).
pub fn answer(decision: Option<&Decision>, candidates: Vec<EquivalentHit>) -> Answer {
    if let Some(decision) = decision {
        return Answer {
            label: label_of(decision),
            basis: Basis::Decision(Box::new(decision.clone())),
        };
    }
    match candidates
        .into_iter()
        .max_by(|a, b| a.probability.total_cmp(&b.probability))
    {
        Some(best) => Answer {
            label: best.label,
            basis: Basis::Lookup(Box::new(best)),
        },
        None => Answer {
            label: Label::Miss,
            basis: Basis::NoCandidate,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(source: &str, upstream: &str) -> RecordId {
        RecordId::new(&model::SourceId::parse(source).unwrap(), upstream)
    }

    fn decision(institution: &str, outcome: DecisionOutcome, day: u32) -> Decision {
        Decision {
            id: format!("d-{institution}-{day}"),
            revision: 1,
            credential: id("uni-a", "x"),
            institution: institution.to_owned(),
            outcome,
            conditions: None,
            rationale: "because".to_owned(),
            decided_on: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            valid_until: None,
            private: false,
            recorded_at: chrono::Utc::now(),
            recorded_by: "officer".to_owned(),
            withdrawn: false,
            relied_on: store::Fingerprint::default(),
            at_risk: None,
            withdrawal_reason: None,
            uploaded: None,
        }
    }

    #[test]
    fn the_latest_public_decision_in_force_of_the_institution_answers() {
        let held = id("uni-a", "x");
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let target = id("uni-b", "y");
        let equivalent = DecisionOutcome::Equivalent {
            target: target.clone(),
        };
        let mut private = decision("uni-b", DecisionOutcome::Refused, 20);
        private.private = true;
        let mut withdrawn = decision("uni-b", DecisionOutcome::Refused, 21);
        withdrawn.withdrawn = true;
        let mut expired = decision("uni-b", DecisionOutcome::Refused, 22);
        expired.valid_until = NaiveDate::from_ymd_opt(2026, 11, 30);
        let elsewhere = decision("uni-c", DecisionOutcome::Refused, 23);
        let mut about_another = decision("uni-b", DecisionOutcome::Refused, 24);
        about_another.credential = id("uni-a", "z");
        let mut decisions = vec![
            decision("uni-b", DecisionOutcome::Credits { ects: 3.0 }, 1),
            decision("uni-b", equivalent, 2),
            private,
            withdrawn,
            expired,
            elsewhere,
            about_another,
        ];
        let found = decided(&held, &decisions, &["uni-b"], today).unwrap();
        assert_eq!(found.id, "d-uni-b-2", "the latest that may answer");
        assert_eq!(label_of(found), Label::Match);
        assert_eq!(
            label_of(decided(&held, &decisions, &["uni-c"], today).unwrap()),
            Label::Miss
        );
        assert!(decided(&held, &decisions, &["uni-d"], today).is_none());
        decisions[1].at_risk = Some(store::AtRisk {
            detected_at: chrono::Utc::now(),
            version: 2,
            changes: vec!["learning outcomes".to_owned()],
        });
        let changed = decided(&held, &decisions, &["uni-b"], today).unwrap();
        assert_eq!(
            label_of(changed),
            Label::Maybe,
            "decided about another text"
        );
        let answered = answer(Some(changed), Vec::new());
        assert!(matches!(answered.basis, Basis::Decision(_)));
        let nothing = answer(None, Vec::new());
        assert_eq!(nothing.label, Label::Miss);
        assert!(matches!(nothing.basis, Basis::NoCandidate));
    }
}
