//! What was decided before, for one candidate B of the credential held A.
//!
//! Every decision about A, or about a credential near-identical to A, stands in one
//! [`Relation`] to B:
//! - it recognised A (or its near-identical twin) **as B**;
//! - it was taken **at B's institution** and recognised A as another of its credentials
//!   (a competing equivalence), for credits only, or refused it: these contradict B;
//! - it was taken **elsewhere**: it says nothing for or against B and is shown apart,
//!   never as "decided otherwise".
//!
//! Only decisions that still hold count ([`Precedent::counts`]): a withdrawn one is left
//! out, and one that expired or is at risk (its credential changed or vanished upstream
//! since) is listed, flagged, but not counted. A private decision is seen only by lookups
//! of the institution that took it.

use chrono::NaiveDate;
use model::RecordId;
use store::{Decision, DecisionOutcome};

/// How a decision bears on a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// It recognised the credential held (or a near-identical one) as this candidate.
    RecognisedAsThis,
    /// Taken at the candidate's institution, it recognised it as another credential.
    Competing,
    /// Taken at the candidate's institution, for credits without a specific equivalent.
    CreditsOnly,
    /// Taken at the candidate's institution, it refused recognition.
    Refused,
    /// Taken at another institution.
    Elsewhere,
}

impl Relation {
    /// Its name in snake case, as the API writes it.
    pub fn name(self) -> &'static str {
        match self {
            Relation::RecognisedAsThis => "recognised_as_this",
            Relation::Competing => "competing_equivalence",
            Relation::CreditsOnly => "credits_only",
            Relation::Refused => "refused",
            Relation::Elsewhere => "elsewhere",
        }
    }

    /// Whether it contradicts the candidate.
    pub fn contradicts(self) -> bool {
        matches!(
            self,
            Relation::Competing | Relation::CreditsOnly | Relation::Refused
        )
    }
}

/// One decision, as a precedent for one candidate.
#[derive(Debug, Clone)]
pub struct Precedent {
    /// The decision (its latest revision).
    pub decision: Decision,
    /// How it bears on the candidate.
    pub relation: Relation,
    /// Whether it is about a credential near-identical to the one held (not the credential
    /// itself).
    pub near_identical: bool,
    /// Whether its validity ended before today.
    pub expired: bool,
}

impl Precedent {
    /// Whether it still holds: not expired, not at risk.
    pub fn holds(&self) -> bool {
        !self.expired && self.decision.at_risk.is_none()
    }

    /// Whether it is counted in [`Precedents::equivalent`] or [`Precedents::other`]: it
    /// holds and recognised the credential as this candidate or contradicts it.
    pub fn counted(&self) -> bool {
        self.holds() && (self.relation == Relation::RecognisedAsThis || self.relation.contradicts())
    }
}

/// Decisions already taken that bear on a candidate pair.
#[derive(Debug, Clone, Default)]
pub struct Precedents {
    /// How many decisions that still hold recognised the credential, or a near-identical
    /// one, as this candidate (`direct` + `near_identical`).
    pub equivalent: usize,
    /// How many decisions that still hold contradict this candidate: taken at its
    /// institution, they recognised the credential (or a near-identical one) as another
    /// credential, for credits only, or refused it. Decisions at other institutions are
    /// not counted here.
    pub other: usize,
    /// Share of `equivalent` in `equivalent + other`, 0 to 1.
    pub consistency: Option<f64>,
    /// Of `equivalent`, the decisions about the credential held itself.
    pub direct: usize,
    /// Of `equivalent`, the decisions about a near-identical credential.
    pub near_identical: usize,
    /// The decisions about the credential held that recognised it as this candidate
    /// (those at risk or expired included, flagged).
    pub decisions: Vec<Decision>,
    /// The same about near-identical credentials (each names its credential).
    pub near_identical_decisions: Vec<Decision>,
    /// Every decision that bears on the pair, each with its relation, by institution
    /// (the candidate's first), then newest first.
    pub all: Vec<Precedent>,
}

/// The precedents of candidate `candidate` (published by `institution`) among `direct`
/// (decisions about the credential held) and `near_identical` (about near-identical
/// ones), as of `today`. Withdrawn decisions and those the viewer may not see are left
/// out by the caller.
pub fn for_candidate(
    direct: &[Decision],
    near_identical: &[Decision],
    candidate: &RecordId,
    institution: &str,
    today: NaiveDate,
) -> Precedents {
    let relation = |decision: &Decision| -> Relation {
        match &decision.outcome {
            DecisionOutcome::Equivalent { target } if target == candidate => {
                Relation::RecognisedAsThis
            }
            _ if decision.institution != institution => Relation::Elsewhere,
            DecisionOutcome::Equivalent { .. } => Relation::Competing,
            DecisionOutcome::Credits { .. } => Relation::CreditsOnly,
            DecisionOutcome::Refused => Relation::Refused,
        }
    };
    let mut precedents = Precedents::default();
    for (decisions, near) in [(direct, false), (near_identical, true)] {
        for decision in decisions.iter().filter(|d| !d.withdrawn) {
            let precedent = Precedent {
                relation: relation(decision),
                near_identical: near,
                expired: decision.valid_until.is_some_and(|until| until < today),
                decision: decision.clone(),
            };
            if precedent.relation == Relation::RecognisedAsThis {
                if precedent.counted() {
                    precedents.equivalent += 1;
                    if near {
                        precedents.near_identical += 1;
                    } else {
                        precedents.direct += 1;
                    }
                }
                if near {
                    precedents.near_identical_decisions.push(decision.clone());
                } else {
                    precedents.decisions.push(decision.clone());
                }
            } else if precedent.counted() {
                precedents.other += 1;
            }
            precedents.all.push(precedent);
        }
    }
    let counted = precedents.equivalent + precedents.other;
    precedents.consistency = (counted > 0).then(|| precedents.equivalent as f64 / counted as f64);
    precedents.all.sort_by(|a, b| {
        (a.decision.institution != institution)
            .cmp(&(b.decision.institution != institution))
            .then_with(|| a.decision.institution.cmp(&b.decision.institution))
            .then_with(|| b.decision.decided_on.cmp(&a.decision.decided_on))
            .then_with(|| a.decision.id.cmp(&b.decision.id))
    });
    precedents
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::SourceId;

    fn id(source: &str, upstream: &str) -> RecordId {
        RecordId::new(&SourceId::parse(source).unwrap(), upstream)
    }

    fn decision(
        about: &RecordId,
        institution: &str,
        outcome: DecisionOutcome,
        withdrawn: bool,
    ) -> Decision {
        Decision {
            id: format!("d-{about}-{institution}-{}", outcome_name(&outcome)),
            revision: 1,
            credential: about.clone(),
            institution: institution.to_owned(),
            outcome,
            conditions: None,
            rationale: String::new(),
            decided_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            valid_until: None,
            private: false,
            recorded_at: chrono::Utc::now(),
            recorded_by: format!("officer-{institution}"),
            withdrawn,
            relied_on: store::Fingerprint::default(),
            at_risk: None,
            withdrawal_reason: None,
            uploaded: None,
        }
    }

    fn outcome_name(outcome: &DecisionOutcome) -> String {
        match outcome {
            DecisionOutcome::Equivalent { target } => format!("eq-{target}"),
            DecisionOutcome::Credits { .. } => "credits".to_owned(),
            DecisionOutcome::Refused => "refused".to_owned(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    #[test]
    fn an_equivalence_elsewhere_is_not_a_refusal_of_this_candidate() {
        // The bug found: after uni-c recorded "A ≡ its course C", every other candidate of
        // A showed "1 decided otherwise".
        let (held, b, c) = (id("uni-a", "a"), id("uni-b", "b"), id("uni-c", "c"));
        let direct = [decision(
            &held,
            "uni-c",
            DecisionOutcome::Equivalent { target: c.clone() },
            false,
        )];
        let for_b = for_candidate(&direct, &[], &b, "uni-b", today());
        assert_eq!((for_b.equivalent, for_b.other), (0, 0));
        assert_eq!(for_b.consistency, None);
        assert_eq!(for_b.all.len(), 1);
        assert_eq!(for_b.all[0].relation, Relation::Elsewhere);
        let for_c = for_candidate(&direct, &[], &c, "uni-c", today());
        assert_eq!((for_c.equivalent, for_c.other, for_c.direct), (1, 0, 1));
        assert_eq!(for_c.all[0].relation, Relation::RecognisedAsThis);
    }

    #[test]
    fn decisions_at_the_candidates_institution_contradict_it() {
        let held = id("uni-a", "a");
        let (b, b2) = (id("uni-b", "b"), id("uni-b", "b2"));
        let mirrored = id("uni-m", "m");
        let direct = [
            decision(
                &held,
                "uni-b",
                DecisionOutcome::Equivalent { target: b2.clone() },
                false,
            ),
            decision(&held, "uni-b", DecisionOutcome::Refused, true),
        ];
        let near = [
            decision(
                &mirrored,
                "uni-b",
                DecisionOutcome::Equivalent { target: b.clone() },
                false,
            ),
            decision(
                &mirrored,
                "uni-b",
                DecisionOutcome::Credits { ects: 5.0 },
                false,
            ),
            decision(&mirrored, "uni-z", DecisionOutcome::Refused, false),
        ];
        let precedents = for_candidate(&direct, &near, &b, "uni-b", today());
        let relations: Vec<Relation> = precedents.all.iter().map(|p| p.relation).collect();
        // The withdrawn refusal is left out; the candidate's institution comes first.
        assert_eq!(relations.len(), 4);
        assert!(relations[..3].iter().all(|r| *r != Relation::Elsewhere));
        assert_eq!(relations[3], Relation::Elsewhere);
        assert!(relations.contains(&Relation::Competing));
        assert!(relations.contains(&Relation::CreditsOnly));
        assert_eq!(
            (
                precedents.equivalent,
                precedents.other,
                precedents.direct,
                precedents.near_identical
            ),
            (1, 2, 0, 1)
        );
        assert_eq!(precedents.consistency, Some(1.0 / 3.0));
        assert_eq!(precedents.near_identical_decisions[0].credential, mirrored);
        let refusal = [decision(&held, "uni-b", DecisionOutcome::Refused, false)];
        let refused = for_candidate(&refusal, &[], &b, "uni-b", today());
        assert_eq!(
            (refused.other, refused.all[0].relation),
            (1, Relation::Refused)
        );
    }

    #[test]
    fn decisions_at_risk_or_expired_are_listed_but_not_counted() {
        let (held, b) = (id("uni-a", "a"), id("uni-b", "b"));
        let mut at_risk = decision(
            &held,
            "uni-b",
            DecisionOutcome::Equivalent { target: b.clone() },
            false,
        );
        at_risk.at_risk = Some(store::AtRisk {
            detected_at: chrono::Utc::now(),
            version: 2,
            changes: vec!["the credential was withdrawn by its publisher".to_owned()],
        });
        let mut expired = decision(&held, "uni-b", DecisionOutcome::Refused, false);
        expired.valid_until = NaiveDate::from_ymd_opt(2025, 1, 1);
        let precedents = for_candidate(&[at_risk, expired], &[], &b, "uni-b", today());
        assert_eq!((precedents.equivalent, precedents.other), (0, 0));
        assert_eq!(precedents.all.len(), 2);
        assert_eq!(precedents.decisions.len(), 1);
        assert!(precedents.all.iter().all(|p| !p.holds() && !p.counted()));
    }

    #[test]
    fn a_private_decision_is_seen_only_by_its_institution_and_admins() {
        use crate::decisions::{Viewer, visible};
        let held = id("uni-a", "a");
        let mut private = decision(&held, "uni-b", DecisionOutcome::Refused, false);
        private.private = true;
        assert!(visible(&private, Viewer::institution(Some("uni-b"))));
        assert!(!visible(&private, Viewer::institution(Some("uni-c"))));
        assert!(!visible(&private, Viewer::ANONYMOUS));
        let admin_of_c = Viewer {
            institution: Some("uni-c"),
            admin: true,
        };
        assert!(visible(&private, admin_of_c));
        private.private = false;
        assert!(visible(&private, Viewer::ANONYMOUS));
    }
}
