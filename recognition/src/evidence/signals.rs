//! How an institution's recorded decisions weigh on one lookup: the learned features of
//! each candidate, their combination into a probability, and the words that explain it.
//!
//! For a credential q looked up at an institution R, with sender u, subject letters σ
//! and number m (of its course code), each candidate y gets the [`Signals`]:
//!
//! | signal | what it measures |
//! |---|---|
//! | `text` | the lookup's own score (text similarity and the five elements) |
//! | `text_unseen` | `text` again for a course never decided as: text is all there is |
//! | `knn_sum` | similarity-weighted votes of the [`NEIGHBOURS`] decided credentials most similar to q |
//! | `knn_post` | the same votes as a smoothed share (a vote for a popular course counts for less) |
//! | `knn_max` | the similarity of the closest decided credential recognised as y |
//! | `knn_same_sender` | the votes of u's own similar courses |
//! | `centroid` | cosine of q with everything ever recognised as y |
//! | `title_fit` | how well y's own text describes what is recognised as it (low for catch-alls) |
//! | `prefix` | log P(y's subject \| u, σ): how u's subject maps onto R's, backed off to σ at any sender, to the neighbours' subjects, to R's subjects |
//! | `level` | log of how much more likely y's level is given m's level at u than at u overall |
//! | `sequence` | a sibling of q (same u and σ, number within 3) recognised as the course at the same step from y |
//! | `same_code` | a course with q's code at u was recognised as y |
//! | `prior` | log of how often y is the answer at all |
//!
//! A neighbour's similarity is the full dot product of the two texts' unit vectors: the
//! index of decided credentials ([`Learned::scores`]), which leaves out keys common to
//! many of them, only picks the [`RESCORED`] worth measuring.
//!
//! The option "no specific equivalent" (elective credit only, or refusal) gets
//! [`NoneSignals`]. A linear utility of the signals, soft-maxed over the candidates and
//! that option, gives each a probability ([`probabilities`]). The weights ([`WEIGHTS`],
//! [`NONE_WEIGHTS`]) are a conditional logit fitted on recorded decisions, each decided
//! credential's signals computed without its own decisions (`equivalence_eval --fit`);
//! with no decisions at R every signal but `text` is the same for all candidates, so the
//! order is the text order.

use model::RecordId;

use super::codes::CourseCode;
use super::learned::{Counts, Learned, Outcome, Scores, UnitVector};

/// Decided credentials taken as q's neighbours.
pub const NEIGHBOURS: usize = 30;
/// Decided credentials, the most similar by the index's partial scores, whose full
/// similarity is measured to choose the [`NEIGHBOURS`] among them.
pub const RESCORED: usize = 200;
/// Exponent of a neighbour's similarity in its vote.
const VOTE_EXPONENT: i32 = 2;
/// Pseudo-count of every back-off.
const ALPHA: f64 = 2.0;
/// Pseudo-count of a course in the prior.
const PRIOR_PSEUDO_COUNT: f64 = 0.5;
/// Farthest step between q's number and a sibling's for the sequence signal.
const MAX_SEQUENCE_STEP: i64 = 3;
/// `title_fit` of a course never decided as.
const UNSEEN_TITLE_FIT: f64 = 0.5;
/// Candidates the evidence adds to the text's at most.
pub const MAX_EXTRA_CANDIDATES: usize = 25;
/// Targets of u's courses of subject σ added as candidates.
const GROUP_CANDIDATES: usize = 10;
/// Similarity from which a decided credential is named as similar in an explanation.
pub const SIMILAR_FOR_EXPLANATION: f64 = 0.3;

/// A probability from which a hit is labelled [`Label::Match`] (when at least
/// [`crate::compare::MIN_COMPARABLE`] elements could be compared and none differs
/// substantially): the lowest at which at least 80 % of the hits above it were right,
/// chosen by `equivalence_eval --fit` on the recorded half of HKU's decisions.
pub const MATCH_PROBABILITY: f64 = 0.68;
/// A probability from which a hit is labelled [`Label::Maybe`]: the lowest at which at
/// least a third of the hits in the band up to [`MATCH_PROBABILITY`] were right, chosen
/// the same way.
pub const MAYBE_PROBABILITY: f64 = 0.13;

/// The learned signals of one candidate (see the module's table).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Signals {
    pub text: f64,
    pub text_unseen: f64,
    pub knn_sum: f64,
    pub knn_post: f64,
    pub knn_max: f64,
    pub knn_same_sender: f64,
    pub centroid: f64,
    pub title_fit: f64,
    pub prefix: f64,
    pub level: f64,
    pub sequence: f64,
    pub same_code: f64,
    pub prior: f64,
}

impl Signals {
    /// The signals' names, in the order of [`Signals::values`].
    pub const NAMES: [&'static str; 13] = [
        "text",
        "text_unseen",
        "knn_sum",
        "knn_post",
        "knn_max",
        "knn_same_sender",
        "centroid",
        "title_fit",
        "prefix",
        "level",
        "sequence",
        "same_code",
        "prior",
    ];

    /// The values, in the order of [`Signals::NAMES`].
    pub fn values(&self) -> [f64; 13] {
        [
            self.text,
            self.text_unseen,
            self.knn_sum,
            self.knn_post,
            self.knn_max,
            self.knn_same_sender,
            self.centroid,
            self.title_fit,
            self.prefix,
            self.level,
            self.sequence,
            self.same_code,
            self.prior,
        ]
    }

    /// The utility of the candidate under `weights`.
    pub fn utility(&self, weights: &[f64; 13]) -> f64 {
        self.values().iter().zip(weights).map(|(x, w)| x * w).sum()
    }
}

/// The signals of the option "no specific equivalent".
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NoneSignals {
    /// Share of the neighbours' votes that gave no specific equivalent (smoothed towards
    /// `sender_share`).
    pub knn_share: f64,
    /// Similarity of the closest neighbour given no specific equivalent.
    pub knn_max: f64,
    /// Log-odds of no specific equivalent for u's courses of subject σ (backed off to u,
    /// then to every decision of R).
    pub sender_logit: f64,
}

impl NoneSignals {
    /// The signals' names, in the order of [`NoneSignals::values`] (the first is the
    /// constant).
    pub const NAMES: [&'static str; 4] = ["bias", "knn_share", "knn_max", "sender_logit"];

    /// The values, in the order of [`NoneSignals::NAMES`].
    pub fn values(&self) -> [f64; 4] {
        [1.0, self.knn_share, self.knn_max, self.sender_logit]
    }

    /// The utility of the option under `weights`.
    pub fn utility(&self, weights: &[f64; 4]) -> f64 {
        self.values().iter().zip(weights).map(|(x, w)| x * w).sum()
    }
}

/// Weights of [`Signals`], in the order of [`Signals::NAMES`]. Fitted by
/// `equivalence_eval --fit` on the recorded half of the HKU decisions (see the README's
/// "How equivalents are ranked").
pub const WEIGHTS: [f64; 13] = [
    4.809, 4.870, 0.067, 0.108, 2.227, 0.357, 2.060, -1.498, 0.379, 0.401, 0.383, 0.319, 0.383,
];
/// Weights of [`NoneSignals`], in the order of [`NoneSignals::NAMES`].
pub const NONE_WEIGHTS: [f64; 4] = [-0.434, 1.821, 1.713, 0.692];

/// Probabilities of each candidate and of "no specific equivalent" from their
/// utilities (a softmax over all of them).
pub fn probabilities(utilities: &[f64], none: f64) -> (Vec<f64>, f64) {
    let max = utilities.iter().copied().fold(none, f64::max);
    let exp: Vec<f64> = utilities.iter().map(|u| (u - max).exp()).collect();
    let none_exp = (none - max).exp();
    let total: f64 = exp.iter().sum::<f64>() + none_exp;
    (exp.iter().map(|e| e / total).collect(), none_exp / total)
}

/// Transferology's words for how likely a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Likely the equivalent: probability at least [`MATCH_PROBABILITY`], enough
    /// elements compared and none substantially different.
    Match,
    /// Worth an officer's check: probability at least [`MAYBE_PROBABILITY`] (or a
    /// probable match that the elements cannot confirm).
    Maybe,
    /// Unlikely.
    Miss,
}

impl Label {
    /// The label from a probability and what the element comparison found.
    pub fn of(probability: f64, comparable: usize, substantial_difference: bool) -> Label {
        if probability >= MATCH_PROBABILITY
            && comparable >= crate::compare::MIN_COMPARABLE
            && !substantial_difference
        {
            Label::Match
        } else if probability >= MAYBE_PROBABILITY {
            Label::Maybe
        } else {
            Label::Miss
        }
    }

    /// Its name in snake case, as the API writes it.
    pub fn name(self) -> &'static str {
        match self {
            Label::Match => "match",
            Label::Maybe => "maybe",
            Label::Miss => "miss",
        }
    }
}

/// The credential looked up, as the evidence sees it.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    /// Its sender (awarding body as folded words, or its source).
    pub(crate) sender: String,
    /// Its course code.
    pub(crate) code: Option<CourseCode>,
    /// Its text.
    pub(crate) vector: UnitVector,
}

/// A candidate, as the evidence sees it.
pub(crate) struct CandidateFacts<'a> {
    pub(crate) id: &'a RecordId,
    pub(crate) code: Option<&'a CourseCode>,
    /// The lookup's own score.
    pub(crate) text: f64,
}

/// Why the evidence raised (or did not raise) a candidate, for the explanation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Support {
    /// Decided credentials similar to the one held (at least
    /// [`SIMILAR_FOR_EXPLANATION`]) that were recognised as this candidate, most similar
    /// first, with their similarity.
    pub similar: Vec<(RecordId, f64)>,
    /// From how many senders those come.
    pub similar_senders: usize,
    /// The sender's courses of the same subject: how many were recognised as courses of
    /// this candidate's subject, and of how many with a specific equivalent.
    pub subject: Option<SubjectMapping>,
    /// A sibling of the credential held recognised as the course at the same step from
    /// this one.
    pub sequence: Option<SequenceStep>,
    /// A course with the same code from the same sender was recognised as this one.
    pub same_code: bool,
}

/// How a sender's subject maps onto the receiver's.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectMapping {
    /// The sender's subject letters (`ECON`).
    pub from_subject: String,
    /// The receiver's subject letters of the candidate.
    pub to_subject: String,
    /// Decisions (by weight, about one per course) that mapped `from_subject` onto
    /// `to_subject`.
    pub agreeing: f64,
    /// Decisions with a specific equivalent for `from_subject` at this sender.
    pub of: f64,
}

/// A sibling's decision that implies this candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct SequenceStep {
    /// The sibling's code (`ACC 211`).
    pub sibling_code: String,
    /// What it was recognised as: that course's code (`ACCT 203`).
    pub sibling_target_code: String,
}

/// Why "no specific equivalent" is likely, for the explanation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoSpecificSupport {
    /// Similar decided credentials (at least [`SIMILAR_FOR_EXPLANATION`]).
    pub similar: usize,
    /// Of them, those given credits only.
    pub credits: usize,
    /// Of them, those refused.
    pub refused: usize,
}

/// The evidence of one institution for one lookup.
pub(crate) struct Context<'a> {
    learned: &'a Learned,
    query: &'a Query,
    scores: Scores,
    neighbours: Vec<(u32, f64)>,
    /// Similarity-weighted votes of the neighbours (Σ v).
    votes: f64,
    /// The neighbours' votes by the receiver's subject.
    neighbour_subjects: Counts<String>,
    /// q's siblings' decisions: (sibling slot, its target, q's number minus its, its
    /// similarity to q).
    steps: Vec<(u32, RecordId, i64, f64)>,
    /// The weight of a decision taken today ([`super::recency_weight`]).
    unit: f64,
    /// How many credentials the institution publishes.
    pool: f64,
}

impl<'a> Context<'a> {
    pub(crate) fn new(learned: &'a Learned, query: &'a Query, unit: f64, pool: u64) -> Self {
        let scores = learned.scores(&query.vector);
        let mut context = Context {
            learned,
            query,
            scores,
            neighbours: Vec::new(),
            votes: 0.0,
            neighbour_subjects: Counts::default(),
            steps: Vec::new(),
            unit: unit.max(f64::MIN_POSITIVE),
            pool: (pool as f64).max(1.0),
        };
        // Another part of q's own sequence (same sender and subject, another number:
        // "Principles of Accounting I" for "... II") reads like q but is another course:
        // its decision speaks through the sequence signal only, not as a neighbour.
        context.steps = context.sibling_steps();
        for (slot, ..) in &context.steps {
            context.scores.forget(*slot);
        }
        // The index's scores leave out keys common to many slots (for speed), which
        // lowers a similarity by however much of the two texts' weight sits on such keys:
        // on HKU's recorded half 7 of 7,323 courses had a neighbour above 0.9 by those
        // scores, 3,008 by the full ones. They only pick whom to measure.
        context.neighbours = learned.nearest(&context.scores, &query.vector, NEIGHBOURS, RESCORED);
        let mut subjects = Counts::default();
        let mut votes = 0.0;
        for (slot, similarity) in &context.neighbours {
            let Some(neighbour) = learned.slot(*slot) else {
                continue;
            };
            let vote = context.vote(*similarity, neighbour.weight());
            votes += vote;
            for (outcome, share) in neighbour.shares() {
                if let Outcome::Target(target) = outcome {
                    let subject = learned
                        .target_facts
                        .get(target)
                        .map_or("", |facts| facts.subject());
                    subjects.add(subject.to_owned(), vote * share);
                }
            }
        }
        context.votes = votes;
        context.neighbour_subjects = subjects;
        context
    }

    /// A raw (recency-scaled) weight in courses decided today.
    fn w(&self, raw: f64) -> f64 {
        raw / self.unit
    }

    /// A neighbour's vote: its similarity squared, times its recency.
    fn vote(&self, similarity: f64, weight: f64) -> f64 {
        similarity.powi(VOTE_EXPONENT) * self.w(weight)
    }

    /// Targets the evidence proposes beyond the text's candidates: those of the
    /// neighbours, of the same code at the same sender, of siblings one step away and the
    /// most frequent of the sender's subject. At most [`MAX_EXTRA_CANDIDATES`], best
    /// supported first.
    pub(crate) fn proposed(&self) -> Vec<RecordId> {
        let mut out: Vec<RecordId> = Vec::new();
        let push = |id: &RecordId, out: &mut Vec<RecordId>| {
            if !out.contains(id) {
                out.push(id.clone());
            }
        };
        if let Some(code) = &self.query.code
            && let Some(targets) = self
                .learned
                .codes
                .get(&(self.query.sender.clone(), code.code.clone()))
        {
            for target in sorted_keys(&targets.by) {
                push(target, &mut out);
            }
        }
        for (slot, _) in &self.neighbours {
            if let Some(neighbour) = self.learned.slot(*slot) {
                for (outcome, _) in neighbour.shares() {
                    if let Outcome::Target(target) = outcome {
                        push(target, &mut out);
                    }
                }
            }
        }
        for (target, _) in self.siblings() {
            push(&target, &mut out);
        }
        if let Some(group) = self.group() {
            for target in sorted_keys(&group.targets.by)
                .into_iter()
                .take(GROUP_CANDIDATES)
            {
                push(target, &mut out);
            }
        }
        out.truncate(MAX_EXTRA_CANDIDATES);
        out
    }

    fn group(&self) -> Option<&super::learned::Group> {
        let subject = self.query.code.as_ref().map_or("", |c| c.subject.as_str());
        self.learned
            .groups
            .get(&(self.query.sender.clone(), subject.to_owned()))
    }

    /// q's siblings' decisions: (sibling slot, what it was recognised as, q's number
    /// minus the sibling's, the sibling's similarity to q), for siblings of the same
    /// sender and subject at most [`MAX_SEQUENCE_STEP`] away.
    fn sibling_steps(&self) -> Vec<(u32, RecordId, i64, f64)> {
        let Some(number) = self.query.code.as_ref().and_then(|c| c.number) else {
            return Vec::new();
        };
        let Some(group) = self.group() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for slot in &group.numbered {
            let Some(sibling) = self.learned.slot(*slot) else {
                continue;
            };
            let Some(theirs) = sibling.code.as_ref().and_then(|c| c.number) else {
                continue;
            };
            let step = i64::from(number.value) - i64::from(theirs.value);
            if step == 0 || step.abs() > MAX_SEQUENCE_STEP {
                continue;
            }
            for (outcome, _) in sibling.shares() {
                if let Outcome::Target(target) = outcome {
                    out.push((*slot, target.clone(), step, self.scores.of(*slot)));
                }
            }
        }
        out
    }

    /// Targets of q's siblings' decisions (the courses they were recognised as), known
    /// ones only.
    fn siblings(&self) -> Vec<(RecordId, i64)> {
        // The course a step leads to is only known when some decision named it: look it
        // up among the targets with a code.
        let mut out = Vec::new();
        for (_, target, step, _) in &self.steps {
            let Some(target_code) = self
                .learned
                .target_facts
                .get(target)
                .and_then(|f| f.code.as_ref())
            else {
                continue;
            };
            for (id, facts) in &self.learned.target_facts {
                if let Some(code) = &facts.code
                    && code.is_shifted(target_code, *step)
                {
                    out.push((id.clone(), *step));
                }
            }
        }
        out.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        out
    }

    /// The signals of one candidate and what supports them.
    pub(crate) fn signals(&self, candidate: &CandidateFacts<'_>) -> (Signals, Support) {
        let learned = self.learned;
        let n_y = learned
            .targets
            .get(candidate.id)
            .map_or(0.0, |t| self.w(t.n));
        let p0 = (n_y + PRIOR_PSEUDO_COUNT) / (self.w(learned.n) + PRIOR_PSEUDO_COUNT * self.pool);
        let mut support = Support::default();
        let (mut knn_sum, mut knn_max, mut knn_same_sender) = (0.0f64, 0.0f64, 0.0f64);
        let mut senders: Vec<&str> = Vec::new();
        for (slot, similarity) in &self.neighbours {
            let Some(neighbour) = learned.slot(*slot) else {
                continue;
            };
            let share = neighbour.share_for(candidate.id);
            if share == 0.0 {
                continue;
            }
            let vote = self.vote(*similarity, neighbour.weight()) * share;
            knn_sum += vote;
            knn_max = knn_max.max(*similarity);
            if neighbour.sender == self.query.sender {
                knn_same_sender += vote;
            }
            if *similarity >= SIMILAR_FOR_EXPLANATION {
                support
                    .similar
                    .push((neighbour.credential.clone(), *similarity));
                if !senders.contains(&neighbour.sender.as_str()) {
                    senders.push(&neighbour.sender);
                }
            }
        }
        support.similar_senders = senders.len();
        let knn_post = ((knn_sum + ALPHA * p0) / (self.votes + ALPHA)).ln();
        let (centroid, title_fit) = match learned.targets.get(candidate.id) {
            Some(tally) if tally.norm_sq > 0.0 => {
                let norm = tally.norm_sq.sqrt();
                let near: f64 = tally
                    .members
                    .iter()
                    .map(|(member, weight)| weight * self.scores.of(*member))
                    .sum();
                let fit = tally.title_dot / norm;
                (near / norm, fit)
            }
            _ => (0.0, UNSEEN_TITLE_FIT),
        };
        let candidate_subject = candidate.code.map_or("", |c| c.subject.as_str());
        let prefix = self.subject_probability(candidate_subject).ln();
        if let Some(code) = &self.query.code
            && !code.subject.is_empty()
            && let Some(group) = self.group()
            && group.subjects.total > 0.0
        {
            let agreeing = group.subjects.of(candidate_subject);
            if agreeing > 0.0 && !candidate_subject.is_empty() {
                support.subject = Some(SubjectMapping {
                    from_subject: code.subject.clone(),
                    to_subject: candidate_subject.to_owned(),
                    agreeing: self.w(agreeing),
                    of: self.w(group.subjects.total),
                });
            }
        }
        let level = self.level_lift(candidate.code);
        let mut sequence = 0.0f64;
        if let Some(code) = candidate.code {
            for (slot, target, step, similarity) in &self.steps {
                let Some(target_code) = learned
                    .target_facts
                    .get(target)
                    .and_then(|f| f.code.as_ref())
                else {
                    continue;
                };
                let value = similarity / step.abs() as f64;
                if code.is_shifted(target_code, *step) && value > sequence {
                    sequence = value;
                    support.sequence = learned.slot(*slot).and_then(|sibling| {
                        Some(SequenceStep {
                            sibling_code: sibling.code.as_ref()?.code.clone(),
                            sibling_target_code: target_code.code.clone(),
                        })
                    });
                }
            }
        }
        let same_code = self.query.code.as_ref().is_some_and(|code| {
            learned
                .codes
                .get(&(self.query.sender.clone(), code.code.clone()))
                .is_some_and(|targets| targets.of(candidate.id) > 0.0)
        });
        support.same_code = same_code;
        let signals = Signals {
            text: candidate.text,
            text_unseen: if n_y == 0.0 { candidate.text } else { 0.0 },
            knn_sum,
            knn_post,
            knn_max,
            knn_same_sender,
            centroid,
            title_fit,
            prefix,
            level,
            sequence,
            same_code: f64::from(u8::from(same_code)),
            prior: p0.ln(),
        };
        (signals, support)
    }

    /// P(the receiver's subject is `subject` | u, σ), backed off σ at any sender → the
    /// neighbours' subjects → every decision's subjects (add-one).
    fn subject_probability(&self, subject: &str) -> f64 {
        let learned = self.learned;
        let distinct = learned.subjects.by.len() as f64 + 1.0;
        let global = (self.w(learned.subjects.of(subject)) + 1.0)
            / (self.w(learned.subjects.total) + distinct);
        let neighbours = (self.neighbour_subjects.of(subject) + ALPHA * global)
            / (self.neighbour_subjects.total + ALPHA);
        let backed = |counts: Option<&Counts<String>>, prior: f64| match counts {
            Some(counts) => {
                (self.w(counts.of(subject)) + ALPHA * prior) / (self.w(counts.total) + ALPHA)
            }
            None => prior,
        };
        let own_subject = self.query.code.as_ref().map_or("", |c| c.subject.as_str());
        let any_sender = if own_subject.is_empty() {
            neighbours
        } else {
            backed(learned.subject_map.get(own_subject), neighbours)
        };
        backed(self.group().map(|g| &g.subjects), any_sender)
    }

    /// log P(level of y | u, level class of q's number) / P(level of y | u).
    fn level_lift(&self, candidate: Option<&CourseCode>) -> f64 {
        let Some(level) = candidate.and_then(|c| c.number).map(|n| n.first) else {
            return 0.0;
        };
        let Some(class) = self
            .query
            .code
            .as_ref()
            .and_then(|c| c.number)
            .map(|n| n.level_class())
        else {
            return 0.0;
        };
        let learned = self.learned;
        let global =
            (self.w(learned.levels.of(&level)) + 1.0) / (self.w(learned.levels.total) + 10.0);
        let sender = match learned.senders.get(&self.query.sender) {
            Some(s) => {
                (self.w(s.levels.of(&level)) + ALPHA * global) / (self.w(s.levels.total) + ALPHA)
            }
            None => global,
        };
        let class_level = match learned
            .sender_levels
            .get(&(self.query.sender.clone(), class))
        {
            Some(c) => (self.w(c.of(&level)) + ALPHA * sender) / (self.w(c.total) + ALPHA),
            None => sender,
        };
        (class_level / sender).ln()
    }

    /// The signals of "no specific equivalent" and what supports them.
    pub(crate) fn none_signals(&self) -> (NoneSignals, NoSpecificSupport) {
        let learned = self.learned;
        let global = (self.w(learned.none) + 1.0) / (self.w(learned.n) + 2.0);
        let sender = match learned.senders.get(&self.query.sender) {
            Some(s) => (self.w(s.none) + ALPHA * global) / (self.w(s.n) + ALPHA),
            None => global,
        };
        let share = match self.group() {
            Some(g) => (self.w(g.none) + ALPHA * sender) / (self.w(g.n) + ALPHA),
            None => sender,
        };
        let mut support = NoSpecificSupport::default();
        let (mut votes_none, mut knn_max) = (0.0f64, 0.0f64);
        for (slot, similarity) in &self.neighbours {
            let Some(neighbour) = learned.slot(*slot) else {
                continue;
            };
            let none = neighbour.no_specific_share();
            if *similarity >= SIMILAR_FOR_EXPLANATION {
                support.similar += 1;
                if none > 0.0 {
                    let refused = neighbour
                        .shares()
                        .iter()
                        .any(|(outcome, _)| **outcome == Outcome::Refused);
                    if refused {
                        support.refused += 1;
                    } else {
                        support.credits += 1;
                    }
                }
            }
            if none == 0.0 {
                continue;
            }
            votes_none += self.vote(*similarity, neighbour.weight()) * none;
            knn_max = knn_max.max(*similarity);
        }
        let share = share.clamp(1e-6, 1.0 - 1e-6);
        (
            NoneSignals {
                knn_share: (votes_none + ALPHA * share) / (self.votes + ALPHA),
                knn_max,
                sender_logit: (share / (1.0 - share)).ln(),
            },
            support,
        )
    }
}

/// Keys by falling weight, ties by id.
fn sorted_keys(by: &std::collections::HashMap<RecordId, f64>) -> Vec<&RecordId> {
    let mut keys: Vec<(&RecordId, f64)> = by.iter().map(|(k, v)| (k, *v)).collect();
    keys.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| a.0.as_str().cmp(b.0.as_str()))
    });
    keys.into_iter().map(|(k, _)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_sum_to_one_with_the_option_of_no_equivalent() {
        let (p, none) = probabilities(&[1.0, 0.0, 2.0], 0.5);
        let total: f64 = p.iter().sum::<f64>() + none;
        assert!((total - 1.0).abs() < 1e-12);
        assert!(p[2] > p[0] && p[0] > none && none > p[1]);
    }

    #[test]
    fn labels_need_enough_elements_for_a_match() {
        assert_eq!(Label::of(0.9, 3, false), Label::Match);
        assert_eq!(Label::of(0.9, 2, false), Label::Maybe);
        assert_eq!(Label::of(0.9, 5, true), Label::Maybe);
        assert_eq!(Label::of(0.2, 5, false), Label::Maybe);
        assert_eq!(Label::of(0.05, 5, false), Label::Miss);
    }
}
