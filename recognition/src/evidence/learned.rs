//! One receiving institution's recorded decisions, kept as evidence for its lookups.
//!
//! Each credential the institution decided on is a [`Slot`]: its text as a unit vector,
//! its sender (awarding body) and course code, and the live decisions about it
//! ([`Vote`]s). A slot votes for what it was recognised as in the shares of its decisions
//! ("2 of 3 decisions: ACCT 203"), weighted by how recent they are. The tallies behind the
//! learned features ([`super::model`]) are sums over slots, kept up to date as decisions
//! are recorded, revised, withdrawn, put at risk or expire: a slot's whole contribution is
//! taken out and put back around every change, so nothing is ever recomputed from scratch.
//!
//! Slots are found by their text: an inverted index from vector keys to the slots that
//! carry them gives, for a query vector, its dot product with every slot sharing a key
//! ([`Learned::scores`]).

use std::collections::HashMap;

use model::RecordId;
use search::similar::KeyHasher;

use super::codes::CourseCode;

/// A sparse unit vector, sorted by key.
pub(crate) type UnitVector = Vec<(u64, f32)>;

/// What one decision says about the credential it decides on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// Recognised as this credential of the institution.
    Target(RecordId),
    /// Recognised for credits without a specific equivalent.
    Credits,
    /// Refused.
    Refused,
}

/// One live decision about a slot's credential.
#[derive(Debug, Clone)]
pub(crate) struct Vote {
    /// The decision's id.
    pub(crate) decision: String,
    /// What it decided.
    pub(crate) outcome: Outcome,
    /// Its recency weight ([`super::recency_weight`]).
    pub(crate) weight: f64,
}

/// A credential the institution decided on.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    /// The credential.
    pub(crate) credential: RecordId,
    /// Who sent it: its awarding body, as folded words (or its source).
    pub(crate) sender: String,
    /// Its course code, if published.
    pub(crate) code: Option<CourseCode>,
    /// Its text ([`crate::equivalence::similarity::Profile::unit_vector`]).
    pub(crate) vector: UnitVector,
    /// The live decisions about it.
    pub(crate) votes: Vec<Vote>,
}

impl Slot {
    /// The slot's weight: that of its most recent decision.
    pub(crate) fn weight(&self) -> f64 {
        self.votes.iter().map(|v| v.weight).fold(0.0, f64::max)
    }

    /// Each outcome's share of the slot's decisions, by weight.
    pub(crate) fn shares(&self) -> Vec<(&Outcome, f64)> {
        let total: f64 = self.votes.iter().map(|v| v.weight).sum();
        let mut out: Vec<(&Outcome, f64)> = Vec::new();
        for vote in &self.votes {
            match out
                .iter_mut()
                .find(|(outcome, _)| **outcome == vote.outcome)
            {
                Some((_, share)) => *share += vote.weight / total,
                None => out.push((&vote.outcome, vote.weight / total)),
            }
        }
        out
    }

    /// The share of the slot's decisions that gave no specific equivalent.
    pub(crate) fn no_specific_share(&self) -> f64 {
        self.shares()
            .iter()
            .filter(|(outcome, _)| !matches!(outcome, Outcome::Target(_)))
            .map(|(_, share)| share)
            .sum()
    }

    /// The share of the slot's decisions that recognised it as `target`.
    pub(crate) fn share_for(&self, target: &RecordId) -> f64 {
        self.shares()
            .iter()
            .filter(|(outcome, _)| matches!(outcome, Outcome::Target(t) if t == target))
            .map(|(_, share)| share)
            .sum()
    }

    /// The level class of its course number, if it has one.
    fn level_class(&self) -> Option<(u8, u8)> {
        self.code
            .as_ref()
            .and_then(|code| code.number)
            .map(|n| n.level_class())
    }

    fn subject(&self) -> &str {
        self.code.as_ref().map_or("", |code| code.subject.as_str())
    }
}

/// What is known of a credential decisions named as an equivalent.
#[derive(Debug, Clone, Default)]
pub(crate) struct Target {
    /// Its course code.
    pub(crate) code: Option<CourseCode>,
    /// Its text.
    pub(crate) vector: UnitVector,
}

impl Target {
    /// The subject of its code ("" when it has none).
    pub(crate) fn subject(&self) -> &str {
        self.code.as_ref().map_or("", |code| code.subject.as_str())
    }

    /// Its level: the first digit of its number, if any.
    pub(crate) fn level(&self) -> Option<u8> {
        self.code.as_ref().and_then(|c| c.number).map(|n| n.first)
    }
}

/// Weights by key, with their total.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Counts<K: std::hash::Hash + Eq> {
    pub(crate) total: f64,
    pub(crate) by: HashMap<K, f64>,
}

impl<K: std::hash::Hash + Eq> Default for Counts<K> {
    fn default() -> Self {
        Counts {
            total: 0.0,
            by: HashMap::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq> Counts<K> {
    pub(crate) fn add(&mut self, key: K, weight: f64) {
        self.total = settle(self.total + weight);
        let value = self.by.entry(key);
        match value {
            std::collections::hash_map::Entry::Occupied(mut entry) => {
                let sum = settle(*entry.get() + weight);
                if sum == 0.0 {
                    entry.remove();
                } else {
                    *entry.get_mut() = sum;
                }
            }
            std::collections::hash_map::Entry::Vacant(entry) => {
                if weight != 0.0 {
                    entry.insert(weight);
                }
            }
        }
    }

    /// The weight of `key`, 0 when absent.
    pub(crate) fn of<Q>(&self, key: &Q) -> f64
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        self.by.get(key).copied().unwrap_or(0.0)
    }
}

/// A sum that should be 0 after taking out what was put in is 0, not a rounding residue.
fn settle(value: f64) -> f64 {
    if value.abs() < 1e-9 { 0.0 } else { value }
}

/// What was decided about credentials recognised as one target.
#[derive(Debug, Clone, Default)]
pub(crate) struct TargetTally {
    /// Weight of the decided credentials recognised as it.
    pub(crate) n: f64,
    /// Those credentials (slots) and their weights.
    pub(crate) members: Vec<(u32, f64)>,
    /// Squared norm of the weighted sum of their vectors (the centroid).
    pub(crate) norm_sq: f64,
    /// Dot product of the target's own vector with that sum.
    pub(crate) title_dot: f64,
}

/// What was decided about one sender's courses of one subject.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    /// Weight of its decided courses.
    pub(crate) n: f64,
    /// Of them, the weight given no specific equivalent.
    pub(crate) none: f64,
    /// Weight recognised as each target.
    pub(crate) targets: Counts<RecordId>,
    /// Weight recognised as each subject of the receiver.
    pub(crate) subjects: Counts<String>,
    /// Its decided courses that have a course number.
    pub(crate) numbered: Vec<u32>,
}

/// What was decided about one sender's courses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sender {
    /// Weight of its decided courses.
    pub(crate) n: f64,
    /// Of them, the weight given no specific equivalent.
    pub(crate) none: f64,
    /// Weight recognised as each level of the receiver.
    pub(crate) levels: Counts<u8>,
}

/// One institution's decisions as evidence.
#[derive(Debug, Clone, Default)]
pub(crate) struct Learned {
    slots: Vec<Option<Slot>>,
    slot_of: HashMap<RecordId, u32>,
    free: Vec<u32>,
    postings: HashMap<u64, Vec<(u32, f32)>, KeyHasher>,
    /// What is known of each target named (kept while any decision names it).
    pub(crate) target_facts: HashMap<RecordId, Target>,
    /// Weight of the decided credentials.
    pub(crate) n: f64,
    /// Of them, the weight given no specific equivalent (credits or refusal).
    pub(crate) none: f64,
    /// Of `none`, the weight refused.
    pub(crate) refused: f64,
    /// By target.
    pub(crate) targets: HashMap<RecordId, TargetTally>,
    /// By (sender, subject of the sender's code).
    pub(crate) groups: HashMap<(String, String), Group>,
    /// By subject of the sender's code, any sender: the receiver's subjects.
    pub(crate) subject_map: HashMap<String, Counts<String>>,
    /// By sender.
    pub(crate) senders: HashMap<String, Sender>,
    /// By (sender, level class of the sender's number): the receiver's levels.
    pub(crate) sender_levels: HashMap<(String, (u8, u8)), Counts<u8>>,
    /// By (sender, course code): the targets.
    pub(crate) codes: HashMap<(String, String), Counts<RecordId>>,
    /// The receiver's subjects over all specific decisions.
    pub(crate) subjects: Counts<String>,
    /// The receiver's levels over all specific decisions.
    pub(crate) levels: Counts<u8>,
}

/// Dot products of a query vector with the slots that share a key with it.
pub(crate) struct Scores {
    dense: Vec<f32>,
    touched: Vec<u32>,
}

impl Scores {
    /// The dot product with slot `slot` (0 when it shares no key).
    pub(crate) fn of(&self, slot: u32) -> f64 {
        f64::from(self.dense.get(slot as usize).copied().unwrap_or(0.0))
    }

    /// Leaves slot `slot` out (its similarity becomes 0).
    pub(crate) fn forget(&mut self, slot: u32) {
        if let Some(score) = self.dense.get_mut(slot as usize) {
            *score = 0.0;
        }
    }

    /// The `k` slots most similar to the query, most similar first, with their similarity.
    pub(crate) fn top(&self, k: usize) -> Vec<(u32, f64)> {
        let mut all: Vec<(u32, f64)> = self
            .touched
            .iter()
            .map(|slot| (*slot, self.of(*slot)))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        let by_similarity =
            |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if all.len() > k {
            all.select_nth_unstable_by(k, by_similarity);
            all.truncate(k);
        }
        all.sort_by(by_similarity);
        all
    }
}

/// Keys carried by more than this share of the slots are left out of [`Learned::scores`]:
/// they weigh almost nothing after IDF and would make every lookup read most slots.
const COMMON_KEY_SHARE: f64 = 0.05;
/// ... unless fewer than this many slots carry them.
const COMMON_KEY_MIN: usize = 200;

impl Learned {
    /// Whether it holds no decision.
    pub(crate) fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    /// How many credentials were decided on.
    pub(crate) fn len(&self) -> usize {
        self.slot_of.len()
    }

    /// The slot numbered `slot`.
    pub(crate) fn slot(&self, slot: u32) -> Option<&Slot> {
        self.slots.get(slot as usize).and_then(Option::as_ref)
    }

    /// The slot of a credential, if it was decided on.
    pub(crate) fn slot_of(&self, credential: &RecordId) -> Option<u32> {
        self.slot_of.get(credential).copied()
    }

    /// Dot products of `query` with every slot that shares a key with it (keys common to
    /// most slots left out).
    pub(crate) fn scores(&self, query: &[(u64, f32)]) -> Scores {
        let mut scores = Scores {
            dense: vec![0.0; self.slots.len()],
            touched: Vec::new(),
        };
        let common = (self.slot_of.len() as f64 * COMMON_KEY_SHARE).max(COMMON_KEY_MIN as f64);
        for (key, weight) in query {
            let Some(posting) = self.postings.get(key) else {
                continue;
            };
            if posting.len() as f64 > common {
                continue;
            }
            for (slot, slot_weight) in posting {
                let value = &mut scores.dense[*slot as usize];
                if *value == 0.0 {
                    scores.touched.push(*slot);
                }
                *value += weight * slot_weight;
                if *value == 0.0 {
                    // Keeps a touched slot distinguishable from an untouched one.
                    *value = f32::MIN_POSITIVE;
                }
            }
        }
        scores
    }

    /// The `k` slots most similar to `query` by their full dot product with it, most
    /// similar first, looked for among the `pool` best by `scores` (the query's
    /// [`Learned::scores`], which leave common keys out).
    pub(crate) fn nearest(
        &self,
        scores: &Scores,
        query: &[(u64, f32)],
        k: usize,
        pool: usize,
    ) -> Vec<(u32, f64)> {
        let mut out = scores.top(pool.max(k));
        for (slot, similarity) in &mut out {
            if let Some(found) = self.slot(*slot) {
                *similarity = dot(query, &found.vector);
            }
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(k);
        out
    }

    /// Adds a decision about `slot.credential` (a new slot when it is the first).
    /// `target` gives what is known of a target the decision names (read once per
    /// target).
    pub(crate) fn add_vote(
        &mut self,
        slot: impl FnOnce() -> Option<Slot>,
        credential: &RecordId,
        vote: Vote,
        target: impl FnOnce(&RecordId) -> Target,
    ) {
        if let Outcome::Target(id) = &vote.outcome
            && !self.target_facts.contains_key(id)
        {
            let facts = target(id);
            self.target_facts.insert(id.clone(), facts);
        }
        let index = match self.slot_of.get(credential).copied() {
            Some(index) => {
                self.contribute(index, -1.0);
                index
            }
            None => {
                let Some(slot) = slot() else {
                    return;
                };
                self.insert_slot(Slot {
                    votes: Vec::new(),
                    ..slot
                })
            }
        };
        if let Some(slot) = self.slots[index as usize].as_mut() {
            slot.votes.retain(|v| v.decision != vote.decision);
            slot.votes.push(vote);
        }
        self.contribute(index, 1.0);
    }

    /// Takes out decision `decision` about `credential`; the slot goes when it was the
    /// last. Returns whether it was there.
    pub(crate) fn remove_vote(&mut self, credential: &RecordId, decision: &str) -> bool {
        let Some(index) = self.slot_of.get(credential).copied() else {
            return false;
        };
        let had = self.slots[index as usize]
            .as_ref()
            .is_some_and(|slot| slot.votes.iter().any(|v| v.decision == decision));
        if !had {
            return false;
        }
        self.contribute(index, -1.0);
        let now_empty = match self.slots[index as usize].as_mut() {
            Some(slot) => {
                slot.votes.retain(|v| v.decision != decision);
                slot.votes.is_empty()
            }
            None => true,
        };
        if now_empty {
            self.remove_slot(index);
        } else {
            self.contribute(index, 1.0);
        }
        self.forget_unnamed_targets();
        true
    }

    /// Takes a whole slot out (for leave-one-out fitting); [`Learned::restore`] puts it
    /// back.
    pub(crate) fn take(&mut self, credential: &RecordId) -> Option<Slot> {
        let index = self.slot_of.get(credential).copied()?;
        self.contribute(index, -1.0);
        self.remove_slot(index)
    }

    /// Puts back a slot taken out by [`Learned::take`].
    pub(crate) fn restore(&mut self, slot: Slot) {
        let index = self.insert_slot(slot);
        self.contribute(index, 1.0);
    }

    fn insert_slot(&mut self, slot: Slot) -> u32 {
        let index = match self.free.pop() {
            Some(index) => index,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as u32
            }
        };
        for (key, weight) in &slot.vector {
            self.postings
                .entry(*key)
                .or_default()
                .push((index, *weight));
        }
        self.slot_of.insert(slot.credential.clone(), index);
        self.slots[index as usize] = Some(slot);
        index
    }

    fn remove_slot(&mut self, index: u32) -> Option<Slot> {
        let slot = self.slots[index as usize].take()?;
        for (key, _) in &slot.vector {
            if let Some(posting) = self.postings.get_mut(key) {
                posting.retain(|(s, _)| *s != index);
                if posting.is_empty() {
                    self.postings.remove(key);
                }
            }
        }
        self.slot_of.remove(&slot.credential);
        self.free.push(index);
        Some(slot)
    }

    fn forget_unnamed_targets(&mut self) {
        if self.target_facts.len() > 2 * self.targets.len() + 64 {
            let named = &self.targets;
            self.target_facts.retain(|id, _| named.contains_key(id));
        }
    }

    /// Adds (`sign` 1) or takes out (`sign` -1) slot `index`'s contribution to every
    /// tally.
    fn contribute(&mut self, index: u32, sign: f64) {
        let Some(slot) = self.slots[index as usize].as_ref() else {
            return;
        };
        let weight = slot.weight();
        if weight == 0.0 {
            return;
        }
        let sender = slot.sender.clone();
        let subject = slot.subject().to_owned();
        let level_class = slot.level_class();
        let code = slot.code.as_ref().map(|c| c.code.clone());
        let none = weight * slot.no_specific_share();
        let refused: f64 = slot
            .shares()
            .iter()
            .filter(|(outcome, _)| **outcome == Outcome::Refused)
            .map(|(_, share)| weight * share)
            .sum();
        let targets: Vec<(RecordId, f64)> = slot
            .shares()
            .into_iter()
            .filter_map(|(outcome, share)| match outcome {
                Outcome::Target(id) => Some((id.clone(), weight * share)),
                _ => None,
            })
            .collect();
        let vector = slot.vector.clone();
        let numbered = level_class.is_some();

        self.n = settle(self.n + sign * weight);
        self.none = settle(self.none + sign * none);
        self.refused = settle(self.refused + sign * refused);
        let group = self
            .groups
            .entry((sender.clone(), subject.clone()))
            .or_default();
        group.n = settle(group.n + sign * weight);
        group.none = settle(group.none + sign * none);
        if numbered {
            if sign > 0.0 {
                group.numbered.push(index);
            } else {
                group.numbered.retain(|s| *s != index);
            }
        }
        let sender_tally = self.senders.entry(sender.clone()).or_default();
        sender_tally.n = settle(sender_tally.n + sign * weight);
        sender_tally.none = settle(sender_tally.none + sign * none);

        for (target, w) in targets {
            let facts = self.target_facts.get(&target).cloned().unwrap_or_default();
            let tally = self.targets.entry(target.clone()).or_default();
            let cross: f64 = tally
                .members
                .iter()
                .filter(|(member, _)| *member != index)
                .filter_map(|(member, member_weight)| {
                    let other = self.slots[*member as usize].as_ref()?;
                    Some(member_weight * dot(&vector, &other.vector))
                })
                .sum();
            tally.norm_sq = settle(tally.norm_sq + sign * (2.0 * w * cross + w * w));
            tally.title_dot = settle(tally.title_dot + sign * w * dot(&facts.vector, &vector));
            tally.n = settle(tally.n + sign * w);
            if sign > 0.0 {
                tally.members.push((index, w));
            } else {
                tally.members.retain(|(member, _)| *member != index);
            }
            if tally.members.is_empty() {
                self.targets.remove(&target);
            }
            let target_subject = facts.subject().to_owned();
            let group = self
                .groups
                .entry((sender.clone(), subject.clone()))
                .or_default();
            group.targets.add(target.clone(), sign * w);
            group.subjects.add(target_subject.clone(), sign * w);
            self.subject_map
                .entry(subject.clone())
                .or_default()
                .add(target_subject.clone(), sign * w);
            self.subjects.add(target_subject, sign * w);
            if let Some(level) = facts.level() {
                self.levels.add(level, sign * w);
                self.senders
                    .entry(sender.clone())
                    .or_default()
                    .levels
                    .add(level, sign * w);
                if let Some(class) = level_class {
                    self.sender_levels
                        .entry((sender.clone(), class))
                        .or_default()
                        .add(level, sign * w);
                }
            }
            if let Some(code) = &code {
                self.codes
                    .entry((sender.clone(), code.clone()))
                    .or_default()
                    .add(target, sign * w);
            }
        }
        self.prune(&sender, &subject, level_class, code.as_deref());
    }

    /// Drops the tallies a contribution left empty.
    fn prune(
        &mut self,
        sender: &str,
        subject: &str,
        level_class: Option<(u8, u8)>,
        code: Option<&str>,
    ) {
        let group_key = (sender.to_owned(), subject.to_owned());
        if self
            .groups
            .get(&group_key)
            .is_some_and(|g| g.n == 0.0 && g.numbered.is_empty() && g.targets.by.is_empty())
        {
            self.groups.remove(&group_key);
        }
        if self
            .senders
            .get(sender)
            .is_some_and(|s| s.n == 0.0 && s.levels.by.is_empty())
        {
            self.senders.remove(sender);
        }
        if self
            .subject_map
            .get(subject)
            .is_some_and(|c| c.by.is_empty())
        {
            self.subject_map.remove(subject);
        }
        if let Some(class) = level_class {
            let key = (sender.to_owned(), class);
            if self
                .sender_levels
                .get(&key)
                .is_some_and(|c| c.by.is_empty())
            {
                self.sender_levels.remove(&key);
            }
        }
        if let Some(code) = code {
            let key = (sender.to_owned(), code.to_owned());
            if self.codes.get(&key).is_some_and(|c| c.by.is_empty()) {
                self.codes.remove(&key);
            }
        }
    }
}

/// Dot product of two sorted sparse vectors.
pub(crate) fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use model::SourceId;

    use super::*;

    fn id(name: &str) -> RecordId {
        RecordId::new(&SourceId::parse("partner").unwrap(), name)
    }

    fn add(learned: &mut Learned, name: &str, vector: UnitVector) {
        let credential = id(name);
        let slot = Slot {
            credential: credential.clone(),
            sender: "partner".to_owned(),
            code: None,
            vector,
            votes: Vec::new(),
        };
        let vote = Vote {
            decision: format!("d-{name}"),
            outcome: Outcome::Credits,
            weight: 1.0,
        };
        learned.add_vote(|| Some(slot), &credential, vote, |_| Target::default());
    }

    #[test]
    fn neighbours_are_ranked_by_their_full_similarity() {
        // Key 1 is carried by more than COMMON_KEY_MIN slots, so the index's scores
        // leave it out: they would put `apart` (sharing only the rare key) before
        // `alike`, which shares the query's common key too.
        let mut learned = Learned::default();
        for i in 0..COMMON_KEY_MIN + 50 {
            add(
                &mut learned,
                &format!("filler{i}"),
                vec![(1, 0.8), (10_000 + i as u64, 0.6)],
            );
        }
        add(&mut learned, "alike", vec![(1, 0.95), (2, 0.312)]);
        add(&mut learned, "apart", vec![(2, 0.6), (3, 0.8)]);
        let query = vec![(1, 0.8), (2, 0.6)];
        let scores = learned.scores(&query);
        let (alike, apart) = (
            learned.slot_of(&id("alike")).unwrap(),
            learned.slot_of(&id("apart")).unwrap(),
        );
        assert!(scores.of(apart) > scores.of(alike));
        let nearest = learned.nearest(&scores, &query, 2, 10);
        assert_eq!(nearest[0].0, alike);
        assert!((nearest[0].1 - (0.8 * 0.95 + 0.6 * 0.312)).abs() < 1e-6);
        assert_eq!(nearest[1].0, apart);
        assert!((nearest[1].1 - 0.36).abs() < 1e-6);
    }
}
