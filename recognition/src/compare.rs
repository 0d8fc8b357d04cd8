//! `compare/`: here are two credentials, how far apart are they, element by element.
//!
//! Recognition practice in Europe (the Lisbon Recognition Convention and the European Area
//! of Recognition manual) compares five elements: level, workload, quality, profile (field)
//! and learning outcomes, and recognises unless a substantial difference can be shown. Each
//! element gets both sides' values, a [`Verdict`] and a one-line reason; learning outcomes
//! are aligned pairwise. The overall score combines the text similarity of the two records
//! with the element verdicts.
//!
//! An element one side does not state is *not comparable*, and says which side lacks it
//! ([`Missing`]); it is never taken as agreement. The comparison carries how many of the
//! five elements could be compared ([`Comparison::comparable`]) and an [`Overall`]
//! finding that says so: "no substantial difference among the k elements compared" only
//! when at least [`MIN_COMPARABLE`] could be, else "not enough information". In the score,
//! an element that cannot be compared counts for less than a minor difference
//! ([`UNKNOWN_WEIGHT`]), so that a well-documented match outranks a mostly-unknown pair of
//! the same text similarity.

use std::collections::HashMap;

use model::{Credential, LangText};

/// How one element of two credentials compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The same, or close enough to count as the same.
    Match,
    /// Different, but not enough to refuse recognition on its own.
    MinorDifference,
    /// A difference a recognition officer would have to justify accepting.
    SubstantialDifference,
    /// Not comparable: one side (or both) does not say ([`ElementComparison::missing`]).
    Unknown,
}

/// Which side lacks an element that could not be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The credential held (A) does not state it: ask its institution.
    Held,
    /// The candidate (B) does not state it.
    Candidate,
    /// Neither states it.
    Both,
    /// Both state it, in terms that cannot be compared (e.g. credits of different
    /// schemes).
    Incomparable,
}

impl Missing {
    /// Its name in snake case, as the API writes it (`held`, `candidate`, `both`,
    /// `incomparable`).
    pub fn name(self) -> &'static str {
        match self {
            Missing::Held => "held",
            Missing::Candidate => "candidate",
            Missing::Both => "both",
            Missing::Incomparable => "incomparable",
        }
    }

    /// Which side lacks what, from whether each side states it.
    fn of(held_states: bool, candidate_states: bool) -> Missing {
        match (held_states, candidate_states) {
            (false, false) => Missing::Both,
            (false, true) => Missing::Held,
            (true, false) => Missing::Candidate,
            (true, true) => Missing::Incomparable,
        }
    }

    /// Whether the credential held lacks it (what to ask its institution for).
    pub fn held_lacks(self) -> bool {
        matches!(self, Missing::Held | Missing::Both)
    }
}

/// Fewest elements that must be comparable for a comparison to find "no substantial
/// difference" (and for a candidate ever to be shown as a match).
pub const MIN_COMPARABLE: usize = 3;

/// The weight in the score of an element that cannot be compared: less than a minor
/// difference (0.6), more than a substantial one (0.1). What is unknown is neither
/// agreement nor disagreement, but it is less than evidence of agreement.
pub const UNKNOWN_WEIGHT: f64 = 0.4;

/// What the comparison as a whole finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overall {
    /// At least [`MIN_COMPARABLE`] elements could be compared, and none differs
    /// substantially.
    NoSubstantialDifference,
    /// An element that could be compared differs substantially.
    SubstantialDifference,
    /// Fewer than [`MIN_COMPARABLE`] elements could be compared, none substantially
    /// different: the comparison cannot say.
    NotEnoughInformation,
}

impl Overall {
    /// Its name in snake case, as the API writes it.
    pub fn name(self) -> &'static str {
        match self {
            Overall::NoSubstantialDifference => "no_substantial_difference",
            Overall::SubstantialDifference => "substantial_difference",
            Overall::NotEnoughInformation => "not_enough_information",
        }
    }
}

impl Verdict {
    /// Its name in snake case, as the API writes it (`match`, `minor_difference`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Match => "match",
            Verdict::MinorDifference => "minor_difference",
            Verdict::SubstantialDifference => "substantial_difference",
            Verdict::Unknown => "unknown",
        }
    }

    /// The weight of the verdict in the overall score; `None` when unknown.
    fn weight(self) -> Option<f64> {
        match self {
            Verdict::Match => Some(1.0),
            Verdict::MinorDifference => Some(0.6),
            Verdict::SubstantialDifference => Some(0.1),
            Verdict::Unknown => None,
        }
    }
}

/// The five elements of recognition practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    /// EQF level.
    Level,
    /// Workload (ECTS, else hours).
    Workload,
    /// Quality assurance.
    Quality,
    /// Field of education (ISCED-F).
    Profile,
    /// Learning outcomes.
    LearningOutcomes,
}

impl Element {
    /// Its name in snake case, as the API writes it (`level`, `learning_outcomes`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Element::Level => "level",
            Element::Workload => "workload",
            Element::Quality => "quality",
            Element::Profile => "profile",
            Element::LearningOutcomes => "learning_outcomes",
        }
    }
}

/// One element compared.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementComparison {
    /// Which element.
    pub element: Element,
    /// The value of the credential held (A), as text.
    pub a: Option<String>,
    /// The value of the candidate (B), as text.
    pub b: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// For an element that could not be compared, which side lacks it.
    pub missing: Option<Missing>,
    /// One line that says why, e.g. "workload 5 ECTS vs 6 ECTS (-17%)".
    pub reason: String,
}

impl ElementComparison {
    fn new(
        element: Element,
        (a, b): (Option<String>, Option<String>),
        verdict: Verdict,
        reason: String,
    ) -> ElementComparison {
        let missing = (verdict == Verdict::Unknown).then(|| Missing::of(a.is_some(), b.is_some()));
        ElementComparison {
            element,
            a,
            b,
            verdict,
            missing,
            reason,
        }
    }
}

/// Which outcome of B best covers an outcome of A.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeAlignment {
    /// Index of the outcome in A.
    pub a_index: usize,
    /// Its text.
    pub a_text: String,
    /// Index of the best matching outcome in B, if any is close enough.
    pub b_index: Option<usize>,
    /// That outcome's text.
    pub b_text: Option<String>,
    /// Similarity of the pair, 0 to 1.
    pub similarity: f64,
    /// True when every outcome of B is in another language than this one and nothing
    /// could compare them (no multilingual model): an officer must compare them.
    pub not_compared_across_languages: bool,
}

/// Compares two texts in different languages by meaning (the multilingual bridge).
pub trait OutcomeBridge {
    /// The similarity of `a` and `b` (language, text), comparable with
    /// [`BRIDGED_OUTCOME_COVERED_SIMILARITY`]; `None` when it cannot compare them.
    fn similarity(&self, a: (&str, &str), b: (&str, &str)) -> Option<f64>;
}

/// Outcomes in different languages whose bridged similarity reaches this are taken as
/// covering each other (the centred cosine of their multilingual vectors).
pub const BRIDGED_OUTCOME_COVERED_SIMILARITY: f64 = 0.45;

/// Two credentials compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Overall score, 0 to 1.
    pub score: f64,
    /// Text similarity of titles, outcomes and descriptions, 0 to 1.
    pub text_similarity: f64,
    /// The five elements.
    pub elements: Vec<ElementComparison>,
    /// The alignment of A's outcomes with B's.
    pub outcome_alignment: Vec<OutcomeAlignment>,
    /// Share of A's outcomes covered by B, if A states outcomes.
    pub outcomes_covered: Option<f64>,
    /// Whether any element differs substantially.
    pub has_substantial_difference: bool,
    /// How many of the five elements could be compared.
    pub comparable: usize,
    /// What the comparison as a whole finds.
    pub overall: Overall,
}

impl Comparison {
    /// How much of the comparison rests on compared elements, 0 to 1
    /// ([`Comparison::comparable`] of five).
    pub fn confidence(&self) -> f64 {
        self.comparable as f64 / self.elements.len().max(1) as f64
    }

    /// The elements the credential held does not state: what to ask its institution for.
    pub fn to_ask_for(&self) -> Vec<Element> {
        self.elements
            .iter()
            .filter(|e| e.missing.is_some_and(Missing::held_lacks))
            .map(|e| e.element)
            .collect()
    }
}

/// Outcomes whose similarity reaches this are taken as covering each other.
pub const OUTCOME_COVERED_SIMILARITY: f64 = 0.3;

/// The most learning outcomes of each side that are aligned: the first ones, as
/// published. Aligning is pairwise, so its cost is the product of the two counts; a
/// course states 3 to 15 outcomes and a programme some tens, and a record with more is
/// compared on its first ones, the finding saying how many were left out (issue 23).
pub const MAX_COMPARED_OUTCOMES: usize = 100;

/// Compares the credential held (`a`) with a candidate (`b`).
pub fn compare(a: &Credential, b: &Credential) -> Comparison {
    let mut comparison = Held::of(a).compare(b, text_similarity(a, b));
    comparison.score =
        (0.55 * comparison.text_similarity + 0.45 * element_score(&comparison)).clamp(0.0, 1.0);
    comparison
}

/// Compares the credential held (`a`) with a candidate (`b`) as [`compare`] does, but
/// text and outcomes in different languages compared by meaning through `bridge` (when
/// it is on).
pub fn compare_across_languages(
    a: &Credential,
    b: &Credential,
    bridge: &crosslingual::Bridge,
) -> Comparison {
    let mut text = text_similarity(a, b);
    if let (Some(ta), Some(tb)) = (crosslingual::text_of(a), crosslingual::text_of(b))
        && ta.lang != tb.lang
        && let (Some(qa), Some(qb)) = (
            bridge.embed_query(&ta.lang, &ta.text),
            bridge.embed_query(&tb.lang, &tb.text),
        )
    {
        text = text_across_languages(text, qa.cosine(&qb), &ta.lang, &tb.lang);
    }
    let outcomes = BridgedOutcomes::new(bridge);
    let bridged: Option<&dyn OutcomeBridge> = bridge.encoder().is_some().then_some(&outcomes);
    let mut comparison = Held::of(a).compare_bridged(b, text, bridged);
    comparison.score =
        (0.55 * comparison.text_similarity + 0.45 * element_score(&comparison)).clamp(0.0, 1.0);
    comparison
}

/// The text similarity of two credentials in different languages, from their words'
/// similarity and the centred cosine of their multilingual vectors: between related
/// languages shared words and n-grams still mean something (cognates) and the larger of
/// the two counts; between unrelated ones a shared n-gram is chance, and the vectors
/// alone count.
pub fn text_across_languages(words: f64, vectors: f64, a_lang: &str, b_lang: &str) -> f64 {
    let vectors = vectors.clamp(0.0, 1.0);
    if vocab::related_languages(a_lang, b_lang) {
        words.max(vectors)
    } else {
        vectors
    }
}

/// Outcomes compared through the bridge, each text embedded once.
pub(crate) struct BridgedOutcomes<'a> {
    bridge: &'a crosslingual::Bridge,
    vectors: std::cell::RefCell<
        std::collections::HashMap<(String, String), Option<crosslingual::QueryVector>>,
    >,
}

impl<'a> BridgedOutcomes<'a> {
    /// Outcomes compared through `bridge`.
    pub(crate) fn new(bridge: &'a crosslingual::Bridge) -> BridgedOutcomes<'a> {
        BridgedOutcomes {
            bridge,
            vectors: std::cell::RefCell::default(),
        }
    }

    fn vector(&self, lang: &str, text: &str) -> Option<crosslingual::QueryVector> {
        self.vectors
            .borrow_mut()
            .entry((lang.to_owned(), text.to_owned()))
            .or_insert_with(|| self.bridge.embed_query(lang, text))
            .clone()
    }
}

impl OutcomeBridge for BridgedOutcomes<'_> {
    fn similarity(&self, a: (&str, &str), b: (&str, &str)) -> Option<f64> {
        Some(self.vector(a.0, a.1)?.cosine(&self.vector(b.0, b.1)?))
    }
}

/// The credential held, prepared once for comparing with many candidates: its outcomes'
/// term vectors are built here and not again for every candidate.
pub struct Held<'a> {
    credential: &'a Credential,
    /// The first [`MAX_COMPARED_OUTCOMES`] non-empty outcomes with their term vectors.
    outcomes: Vec<(&'a LangText, TermVector)>,
    /// How many non-empty outcomes it states.
    outcomes_stated: usize,
}

impl<'a> Held<'a> {
    /// Prepares `credential` for comparison.
    pub fn of(credential: &'a Credential) -> Held<'a> {
        Held {
            credential,
            outcomes: credential
                .learning_outcomes
                .iter()
                .map(|o| &o.text)
                .filter(|t| !t.is_empty())
                .take(MAX_COMPARED_OUTCOMES)
                .map(|text| (text, TermVector::of(&text.all_text())))
                .collect(),
            outcomes_stated: stated_outcomes(credential),
        }
    }

    /// The element comparison with candidate `b`, given the text similarity of the pair
    /// (the caller's measure); `score` is left at 0 for the caller to set (see
    /// [`element_score`]).
    pub fn compare(&self, b: &Credential, text_similarity: f64) -> Comparison {
        self.compare_bridged(b, text_similarity, None)
    }

    /// [`Held::compare`], outcomes in different languages compared through `bridge`.
    pub fn compare_bridged(
        &self,
        b: &Credential,
        text_similarity: f64,
        bridge: Option<&dyn OutcomeBridge>,
    ) -> Comparison {
        let a = self.credential;
        let (outcome_alignment, outcomes_covered) = self.align_outcomes(b, bridge);
        let not_compared = outcome_alignment
            .iter()
            .filter(|o| o.not_compared_across_languages)
            .count();
        let elements = vec![
            compare_level(a, b),
            compare_workload(a, b),
            compare_quality(a, b),
            compare_profile(a, b),
            compare_outcomes(
                b,
                outcomes_covered,
                (outcome_alignment.len(), self.outcomes_stated),
                not_compared,
            ),
        ];
        let has_substantial_difference = elements
            .iter()
            .any(|e| e.verdict == Verdict::SubstantialDifference);
        let comparable = elements
            .iter()
            .filter(|e| e.verdict != Verdict::Unknown)
            .count();
        let overall = if has_substantial_difference {
            Overall::SubstantialDifference
        } else if comparable < MIN_COMPARABLE {
            Overall::NotEnoughInformation
        } else {
            Overall::NoSubstantialDifference
        };
        Comparison {
            score: 0.0,
            text_similarity,
            has_substantial_difference,
            comparable,
            overall,
            elements,
            outcome_alignment,
            outcomes_covered,
        }
    }

    fn align_outcomes(
        &self,
        b: &Credential,
        bridge: Option<&dyn OutcomeBridge>,
    ) -> (Vec<OutcomeAlignment>, Option<f64>) {
        if self.outcomes.is_empty() {
            return (Vec::new(), None);
        }
        let b_outcomes: Vec<&LangText> = b
            .learning_outcomes
            .iter()
            .map(|o| &o.text)
            .filter(|t| !t.is_empty())
            .take(MAX_COMPARED_OUTCOMES)
            .collect();
        let b_vectors: Vec<TermVector> = b_outcomes
            .iter()
            .map(|text| TermVector::of(&text.all_text()))
            .collect();
        let mut alignment = Vec::with_capacity(self.outcomes.len());
        let mut covered = 0;
        let mut compared = 0;
        for (a_index, (text, vector)) in self.outcomes.iter().enumerate() {
            // Words compare outcomes written in one language; outcomes only in other
            // languages are compared by the bridge, or not at all. The best pair is the
            // one that covers most by its own measure's threshold.
            let mut best: Option<(usize, f64, f64)> = None;
            let mut any_compared = false;
            for (i, other) in b_vectors.iter().enumerate() {
                let (similarity, threshold) = match across_languages(text, b_outcomes[i]) {
                    None => (vector.cosine(other), OUTCOME_COVERED_SIMILARITY),
                    Some((a_side, b_side)) => {
                        let Some(similarity) =
                            bridge.and_then(|bridge| bridge.similarity(a_side, b_side))
                        else {
                            continue;
                        };
                        (similarity, BRIDGED_OUTCOME_COVERED_SIMILARITY)
                    }
                };
                any_compared = true;
                if best.is_none_or(|(_, s, t)| similarity - threshold > s - t) {
                    best = Some((i, similarity, threshold));
                }
            }
            let (b_index, similarity) = match best {
                Some((i, similarity, threshold)) if similarity >= threshold => {
                    (Some(i), similarity)
                }
                Some((_, similarity, _)) => (None, similarity.max(0.0)),
                None => (None, 0.0),
            };
            if any_compared || b_vectors.is_empty() {
                compared += 1;
            }
            if b_index.is_some() {
                covered += 1;
            }
            alignment.push(OutcomeAlignment {
                a_index,
                a_text: text.best(&["en"]).unwrap_or_default().to_owned(),
                b_index,
                b_text: b_index.map(|i| b_outcomes[i].best(&["en"]).unwrap_or_default().to_owned()),
                similarity,
                not_compared_across_languages: !any_compared && !b_vectors.is_empty(),
            });
        }
        let share = (compared > 0).then(|| covered as f64 / compared as f64);
        (alignment, share)
    }
}

/// Two outcomes as (language, text) when they are written in different languages (no
/// language in common, both known); `None` when words can compare them.
type Side<'t> = (&'t str, &'t str);
fn across_languages<'t>(a: &'t LangText, b: &'t LangText) -> Option<(Side<'t>, Side<'t>)> {
    let known = |text: &'t LangText| -> Vec<Side<'t>> {
        text.0
            .iter()
            .map(|(tag, text)| (tag.primary(), text.as_str()))
            .filter(|(lang, _)| *lang != "und")
            .collect()
    };
    let (a_sides, b_sides) = (known(a), known(b));
    if a_sides.is_empty()
        || b_sides.is_empty()
        || a_sides
            .iter()
            .any(|(l, _)| b_sides.iter().any(|(m, _)| m == l))
    {
        return None;
    }
    Some((a_sides[0], b_sides[0]))
}

/// The mean weight of the five element verdicts: match 1, minor difference 0.6,
/// substantial difference 0.1, and [`UNKNOWN_WEIGHT`] for an element that could not be
/// compared, so that what is unknown lowers the score instead of vanishing from it.
pub fn element_score(comparison: &Comparison) -> f64 {
    if comparison.elements.is_empty() {
        return UNKNOWN_WEIGHT;
    }
    let total: f64 = comparison
        .elements
        .iter()
        .map(|e| e.verdict.weight().unwrap_or(UNKNOWN_WEIGHT))
        .sum();
    total / comparison.elements.len() as f64
}

/// What a title says about the level of a course when no EQF level is stated:
/// introductory (`1`: "Introduction to", "Principles of", "Grundlagen", a first part
/// "I"), advanced (`-1`: "Advanced", "Topics in", "Seminar", "Vertiefung") or nothing (`0`).
pub fn title_level_cue(title: &str) -> i8 {
    const INTRODUCTORY: &[&str] = &[
        "introduction",
        "introductory",
        "intro",
        "principles",
        "foundations",
        "fundamentals",
        "basic",
        "basics",
        "elementary",
        "beginning",
        "general",
        "survey",
        "essentials",
        "appreciation",
        "einfuhrung",
        "grundlagen",
        "initiation",
        "introduccion",
        "fundamentos",
        "introduzione",
        "fondamenti",
        "wprowadzenie",
        "podstawy",
        "inleiding",
    ];
    const ADVANCED: &[&str] = &[
        "advanced",
        "topics",
        "seminar",
        "capstone",
        "research",
        "special",
        "senior",
        "graduate",
        "practicum",
        "internship",
        "independent",
        "honors",
        "fortgeschrittene",
        "vertiefung",
        "avance",
        "avancee",
        "avanzado",
        "avanzato",
        "zaawansowany",
        "hauptseminar",
    ];
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| fold(&word.to_lowercase()))
        .collect();
    if words.iter().any(|word| ADVANCED.contains(&word.as_str())) {
        -1
    } else if words
        .iter()
        .any(|word| INTRODUCTORY.contains(&word.as_str()))
        || words
            .last()
            .is_some_and(|word| matches!(word.as_str(), "i" | "1"))
    {
        1
    } else {
        0
    }
}

fn compare_level(a: &Credential, b: &Credential) -> ElementComparison {
    let cue = |credential: &Credential| {
        credential
            .title
            .0
            .values()
            .map(|title| title_level_cue(title))
            .find(|cue| *cue != 0)
            .unwrap_or(0)
    };
    let describe_cue = |cue: i8| match cue {
        1 => "introductory",
        -1 => "advanced",
        _ => "not evident",
    };
    let (verdict, reason) = match (a.eqf_level, b.eqf_level) {
        (Some(x), Some(y)) => {
            let difference = (i16::from(x.get()) - i16::from(y.get())).abs();
            let verdict = match difference {
                0 => Verdict::Match,
                1 => Verdict::MinorDifference,
                _ => Verdict::SubstantialDifference,
            };
            (verdict, format!("EQF {x} vs {y}"))
        }
        (None, Some(y)) => (Verdict::Unknown, format!("EQF not stated vs {y}")),
        (Some(x), None) => (Verdict::Unknown, format!("EQF {x} vs not stated")),
        (None, None) => {
            let (x, y) = (cue(a), cue(b));
            if x != 0 && y != 0 && x != y {
                (
                    Verdict::MinorDifference,
                    format!(
                        "EQF level stated by neither; the titles read {} vs {}",
                        describe_cue(x),
                        describe_cue(y)
                    ),
                )
            } else if x != 0 && x == y {
                (
                    Verdict::Unknown,
                    format!(
                        "EQF level stated by neither; both titles read {}",
                        describe_cue(x)
                    ),
                )
            } else {
                (Verdict::Unknown, "EQF level stated by neither".to_owned())
            }
        }
    };
    ElementComparison::new(
        Element::Level,
        (
            a.eqf_level.map(|l| format!("EQF {l}")),
            b.eqf_level.map(|l| format!("EQF {l}")),
        ),
        verdict,
        reason,
    )
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn workload_text(credential: &Credential) -> Option<String> {
    match (&credential.credits, credential.workload_hours) {
        (Some(credits), _) => Some(match &credits.scheme {
            model::CreditScheme::Ects => format!("{} ECTS", format_number(credits.value)),
            model::CreditScheme::Other(name) => {
                format!("{} {name} credits", format_number(credits.value))
            }
            model::CreditScheme::Unspecified => {
                format!(
                    "{} credits (scheme not stated)",
                    format_number(credits.value)
                )
            }
        }),
        (None, Some(hours)) => Some(format!("{} hours", format_number(hours))),
        (None, None) => None,
    }
}

fn compare_workload(a: &Credential, b: &Credential) -> ElementComparison {
    let pair = match (a.ects(), b.ects()) {
        (Some(x), Some(y)) => Some((x, y, "ECTS")),
        _ => match (a.workload_hours, b.workload_hours) {
            (Some(x), Some(y)) => Some((x, y, "hours")),
            _ => None,
        },
    };
    let (verdict, reason) = match pair {
        Some((x, y, unit)) if y > 0.0 => {
            let relative = (x - y) / y;
            let verdict = match relative.abs() {
                r if r <= 0.10 => Verdict::Match,
                r if r <= 0.34 => Verdict::MinorDifference,
                _ => Verdict::SubstantialDifference,
            };
            (
                verdict,
                format!(
                    "workload {} {unit} vs {} {unit} ({:+.0}%)",
                    format_number(x),
                    format_number(y),
                    relative * 100.0
                ),
            )
        }
        _ => (
            Verdict::Unknown,
            match (workload_text(a), workload_text(b)) {
                (Some(x), Some(y)) => format!("workload {x} vs {y}: not comparable"),
                (x, y) => format!(
                    "workload {} vs {}",
                    x.unwrap_or_else(|| "not stated".to_owned()),
                    y.unwrap_or_else(|| "not stated".to_owned())
                ),
            },
        ),
    };
    ElementComparison::new(
        Element::Workload,
        (workload_text(a), workload_text(b)),
        verdict,
        reason,
    )
}

fn compare_quality(a: &Credential, b: &Credential) -> ElementComparison {
    let text = |credential: &Credential| {
        credential
            .quality_assurance
            .best(&["en"])
            .map(str::to_owned)
    };
    let (verdict, reason) = match (text(a), text(b)) {
        (Some(_), Some(_)) => (
            Verdict::Match,
            "both state their quality assurance".to_owned(),
        ),
        (None, Some(_)) => (
            Verdict::Unknown,
            "quality assurance not stated for the credential held".to_owned(),
        ),
        (Some(_), None) => (
            Verdict::Unknown,
            "quality assurance not stated for the candidate".to_owned(),
        ),
        (None, None) => (
            Verdict::Unknown,
            "quality assurance stated by neither".to_owned(),
        ),
    };
    ElementComparison::new(Element::Quality, (text(a), text(b)), verdict, reason)
}

fn compare_profile(a: &Credential, b: &Credential) -> ElementComparison {
    let list = |credential: &Credential| {
        (!credential.isced_fields.is_empty()).then(|| {
            credential
                .isced_fields
                .iter()
                .map(|code| code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let (verdict, reason) = if a.isced_fields.is_empty() || b.isced_fields.is_empty() {
        (
            Verdict::Unknown,
            match (a.isced_fields.is_empty(), b.isced_fields.is_empty()) {
                (true, true) => "field of education (ISCED-F) stated by neither",
                (true, false) => "field of education (ISCED-F) not stated for the credential held",
                _ => "field of education (ISCED-F) not stated for the candidate",
            }
            .to_owned(),
        )
    } else {
        let shares = |level: usize| {
            a.isced_fields.iter().any(|x| {
                b.isced_fields.iter().any(|y| {
                    x.as_str().get(..level).is_some()
                        && x.as_str().get(..level) == y.as_str().get(..level)
                })
            })
        };
        if shares(4) || shares(3) {
            (
                Verdict::Match,
                format!(
                    "ISCED-F {} vs {}: same field",
                    list(a).unwrap_or_default(),
                    list(b).unwrap_or_default()
                ),
            )
        } else if shares(2) {
            (
                Verdict::MinorDifference,
                format!(
                    "ISCED-F {} vs {}: same broad field",
                    list(a).unwrap_or_default(),
                    list(b).unwrap_or_default()
                ),
            )
        } else {
            (
                Verdict::SubstantialDifference,
                format!(
                    "ISCED-F {} vs {}: different fields",
                    list(a).unwrap_or_default(),
                    list(b).unwrap_or_default()
                ),
            )
        }
    };
    ElementComparison::new(Element::Profile, (list(a), list(b)), verdict, reason)
}

/// How many non-empty learning outcomes a credential states.
fn stated_outcomes(credential: &Credential) -> usize {
    credential
        .learning_outcomes
        .iter()
        .filter(|o| !o.text.is_empty())
        .count()
}

/// The learning outcomes element: `a_counts` are the held credential's outcomes aligned
/// (at most [`MAX_COMPARED_OUTCOMES`]) and stated.
fn compare_outcomes(
    b: &Credential,
    covered: Option<f64>,
    a_counts: (usize, usize),
    not_compared: usize,
) -> ElementComparison {
    let (a_count, a_stated) = a_counts;
    let b_stated = stated_outcomes(b);
    let b_count = b_stated.min(MAX_COMPARED_OUTCOMES);
    let (verdict, reason) = match covered {
        _ if a_count > 0 && b_count > 0 && not_compared == a_count => (
            Verdict::Unknown,
            "outcomes in different languages: compare them yourself".to_owned(),
        ),
        Some(_) if b_count == 0 => (
            Verdict::Unknown,
            "learning outcomes not stated for the candidate".to_owned(),
        ),
        Some(share) => {
            let verdict = match share {
                s if s >= 0.75 => Verdict::Match,
                s if s >= 0.4 => Verdict::MinorDifference,
                _ => Verdict::SubstantialDifference,
            };
            let compared = a_count - not_compared;
            let covered_count = (share * compared as f64).round() as usize;
            let reason = if not_compared > 0 {
                format!(
                    "{covered_count} of {compared} learning outcomes covered ({:.0}%); \
                     {not_compared} in different languages: compare them yourself",
                    share * 100.0
                )
            } else {
                format!(
                    "{covered_count} of {a_count} learning outcomes covered ({:.0}%)",
                    share * 100.0
                )
            };
            let reason = if a_stated > a_count || b_stated > b_count {
                format!(
                    "{reason}; only the first {MAX_COMPARED_OUTCOMES} outcomes of each side \
                     were compared ({a_stated} and {b_stated} stated)"
                )
            } else {
                reason
            };
            (verdict, reason)
        }
        None if b_count == 0 => (
            Verdict::Unknown,
            "learning outcomes stated by neither".to_owned(),
        ),
        None => (
            Verdict::Unknown,
            "learning outcomes not stated for the credential held".to_owned(),
        ),
    };
    ElementComparison::new(
        Element::LearningOutcomes,
        (
            (a_stated > 0).then(|| format!("{a_stated} outcomes")),
            (b_stated > 0).then(|| format!("{b_stated} outcomes")),
        ),
        verdict,
        reason,
    )
}

/// Text similarity of two records: cosine of their term vectors, titles counted thrice.
pub fn text_similarity(a: &Credential, b: &Credential) -> f64 {
    TermVector::of_credential(a).cosine(&TermVector::of_credential(b))
}

/// Words that carry no meaning for comparing courses, in the main EU languages.
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "into",
    "is",
    "it",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "this",
    "that",
    "these",
    "their",
    "will",
    "can",
    "students",
    "student",
    "able",
    "course",
    "understand",
    "understanding",
    "knowledge",
    "including",
    "use",
    "using",
    "basic",
    "der",
    "die",
    "das",
    "und",
    "oder",
    "mit",
    "von",
    "für",
    "im",
    "in",
    "zu",
    "den",
    "des",
    "ein",
    "eine",
    "le",
    "la",
    "les",
    "de",
    "du",
    "des",
    "et",
    "ou",
    "un",
    "une",
    "en",
    "pour",
    "avec",
    "par",
    "el",
    "los",
    "las",
    "y",
    "del",
    "con",
    "il",
    "di",
    "e",
    "per",
    "i",
    "w",
    "z",
    "na",
    "do",
    "oraz",
    "się",
];

/// A bag of normalised words: lower case, accents folded, crude suffixes stripped.
#[derive(Debug, Default)]
pub(crate) struct TermVector {
    weights: HashMap<String, f64>,
}

impl TermVector {
    pub(crate) fn of(text: &str) -> TermVector {
        let mut vector = TermVector::default();
        vector.add(text, 1.0);
        vector
    }

    fn of_credential(credential: &Credential) -> TermVector {
        let mut vector = TermVector::default();
        vector.add(&credential.title.all_text(), 3.0);
        for outcome in &credential.learning_outcomes {
            vector.add(&outcome.text.all_text(), 1.5);
        }
        vector.add(&credential.description.all_text(), 1.0);
        vector
    }

    fn add(&mut self, text: &str, weight: f64) {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
        {
            let lower = fold(&word.to_lowercase());
            if lower.len() < 2 || STOP_WORDS.contains(&lower.as_str()) {
                continue;
            }
            *self.weights.entry(stem(&lower)).or_default() += weight;
        }
    }

    pub(crate) fn cosine(&self, other: &TermVector) -> f64 {
        let dot: f64 = self
            .weights
            .iter()
            .filter_map(|(term, weight)| other.weights.get(term).map(|o| weight * o))
            .sum();
        let norm = |v: &TermVector| v.weights.values().map(|w| w * w).sum::<f64>().sqrt();
        let denominator = norm(self) * norm(other);
        if denominator == 0.0 {
            0.0
        } else {
            dot / denominator
        }
    }
}

fn fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'ł' => 'l',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ß' => 's',
            other => other,
        })
        .collect()
}

/// A light suffix stripper, good enough to match "systems"/"system", "analysing"/"analysis".
fn stem(word: &str) -> String {
    for suffix in [
        "ations", "ation", "ings", "ing", "ies", "es", "s", "ed", "ly",
    ] {
        if let Some(stripped) = word.strip_suffix(suffix)
            && stripped.len() >= 4
        {
            return stripped.to_owned();
        }
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_count_across_related_languages_only() {
        // Swedish and English are kin: shared words may outweigh the vectors.
        assert_eq!(text_across_languages(0.6, 0.4, "sv", "en"), 0.6);
        assert_eq!(text_across_languages(0.2, 0.4, "sv", "en"), 0.4);
        // Finnish and English are not: a shared n-gram is chance.
        assert_eq!(text_across_languages(0.6, 0.4, "fi", "en"), 0.4);
        assert_eq!(text_across_languages(0.6, -0.1, "fi", "en"), 0.0);
    }

    use super::*;
    use model::{Credits, EqfLevel, IscedCode, LearningOutcome};

    fn credential(title: &str, ects: f64, eqf: u8, isced: &str, outcomes: &[&str]) -> Credential {
        Credential {
            title: LangText::single("en", title),
            credits: Some(Credits::ects(ects)),
            eqf_level: Some(EqfLevel::new(eqf).unwrap()),
            isced_fields: vec![IscedCode::parse(isced).unwrap()],
            learning_outcomes: outcomes
                .iter()
                .map(|text| LearningOutcome {
                    text: LangText::single("en", text),
                    skill_uri: None,
                })
                .collect(),
            quality_assurance: LangText::single("en", "accredited"),
            ..Credential::default()
        }
    }

    #[test]
    fn a_credential_matches_itself_on_every_element() {
        let a = credential(
            "Data science",
            5.0,
            6,
            "0688",
            &["Clean data sets", "Visualise data"],
        );
        let comparison = compare(&a, &a);
        assert!(
            comparison
                .elements
                .iter()
                .all(|e| e.verdict == Verdict::Match),
            "{comparison:#?}"
        );
        assert!((comparison.text_similarity - 1.0).abs() < 1e-9);
        assert!((comparison.score - 1.0).abs() < 1e-9);
        assert_eq!(comparison.outcomes_covered, Some(1.0));
    }

    /// Two data science courses a step apart in workload, level and field; A has an
    /// outcome B does not cover.
    fn data_science_pair() -> (Credential, Credential) {
        let a = credential(
            "Data science",
            5.0,
            6,
            "0688",
            &["Clean and prepare data sets", "Explain neural networks"],
        );
        let b = credential(
            "Introduction to data science",
            6.0,
            7,
            "0613",
            &["Prepare and clean tabular data sets"],
        );
        (a, b)
    }

    #[test]
    fn reasons_state_both_sides() {
        let (a, b) = data_science_pair();
        let comparison = compare(&a, &b);
        let reason = |element: Element| {
            comparison
                .elements
                .iter()
                .find(|e| e.element == element)
                .unwrap()
                .clone()
        };
        let workload = reason(Element::Workload);
        assert_eq!(workload.reason, "workload 5 ECTS vs 6 ECTS (-17%)");
        assert_eq!(workload.verdict, Verdict::MinorDifference);
        assert_eq!(reason(Element::Level).reason, "EQF 6 vs 7");
        assert_eq!(reason(Element::Profile).verdict, Verdict::MinorDifference);
        let outcomes = reason(Element::LearningOutcomes);
        assert_eq!(outcomes.reason, "1 of 2 learning outcomes covered (50%)");
        assert_eq!(comparison.outcome_alignment[0].b_index, Some(0));
        assert_eq!(comparison.outcome_alignment[1].b_index, None);
    }

    #[test]
    fn a_prepared_credential_compares_like_compare() {
        let (a, b) = data_science_pair();
        let direct = compare(&a, &b);
        let mut prepared = Held::of(&a).compare(&b, direct.text_similarity);
        prepared.score = direct.score;
        assert_eq!(prepared, direct);
    }

    #[test]
    fn missing_values_are_unknown_not_different() {
        let a = Credential {
            title: LangText::single("en", "Welding"),
            ..Credential::default()
        };
        let b = credential("Welding", 5.0, 4, "0715", &["Weld steel"]);
        let comparison = compare(&a, &b);
        for element in &comparison.elements {
            if element.element != Element::Quality {
                assert_eq!(element.verdict, Verdict::Unknown, "{element:?}");
            }
        }
        assert!(!comparison.has_substantial_difference);
    }

    /// The data science pair with `unknown` of the five elements left out of A (in the
    /// order level, workload, quality, profile, outcomes).
    fn with_unknowns(unknown: usize) -> Comparison {
        let (mut a, b) = data_science_pair();
        let b = Credential {
            // The same outcomes as A's, so that the outcomes match when both state them.
            learning_outcomes: a.learning_outcomes.clone(),
            ..b
        };
        let steps: [fn(&mut Credential); 5] = [
            |c| c.eqf_level = None,
            |c| c.credits = None,
            |c| c.quality_assurance = LangText::default(),
            |c| c.isced_fields.clear(),
            |c| c.learning_outcomes.clear(),
        ];
        for step in steps.iter().take(unknown) {
            step(&mut a);
        }
        compare(&a, &b)
    }

    #[test]
    fn verdicts_say_what_could_be_compared_and_which_side_lacks_the_rest() {
        let one = with_unknowns(1);
        assert_eq!(one.comparable, 4);
        assert_eq!(one.overall, Overall::NoSubstantialDifference);
        assert_eq!(one.elements[0].missing, Some(Missing::Held));
        assert_eq!(one.to_ask_for(), vec![Element::Level]);
        assert!((one.confidence() - 0.8).abs() < 1e-9);

        let three = with_unknowns(3);
        assert_eq!(three.comparable, 2);
        assert_eq!(
            three.overall,
            Overall::NotEnoughInformation,
            "2 of 5 compared is not enough to find no substantial difference"
        );
        assert_eq!(
            three.to_ask_for(),
            vec![Element::Level, Element::Workload, Element::Quality]
        );
        assert_eq!(three.overall.name(), "not_enough_information");

        let five = with_unknowns(5);
        assert_eq!(five.comparable, 0);
        assert_eq!(five.overall, Overall::NotEnoughInformation);
        assert!(five.elements.iter().all(|e| e.verdict == Verdict::Unknown));
        assert!(
            five.elements
                .iter()
                .all(|e| e.missing == Some(Missing::Held))
        );
        assert_eq!(five.to_ask_for().len(), 5);
        assert_eq!(five.confidence(), 0.0);

        // Neither side stating an element is "both"; a candidate that lacks one is not
        // something to ask the other institution for.
        let (a, mut b) = data_science_pair();
        b.credits = None;
        let mut a_bare = a.clone();
        a_bare.quality_assurance = LangText::default();
        b.quality_assurance = LangText::default();
        let comparison = compare(&a_bare, &b);
        let missing = |element: Element| {
            comparison
                .elements
                .iter()
                .find(|e| e.element == element)
                .unwrap()
                .missing
        };
        assert_eq!(missing(Element::Workload), Some(Missing::Candidate));
        assert_eq!(missing(Element::Quality), Some(Missing::Both));
        assert_eq!(comparison.to_ask_for(), vec![Element::Quality]);
    }

    #[test]
    fn a_substantial_difference_is_found_whatever_else_is_unknown() {
        let (mut a, b) = data_science_pair();
        a.eqf_level = None;
        a.credits = Some(Credits::ects(30.0));
        a.quality_assurance = LangText::default();
        a.isced_fields.clear();
        a.learning_outcomes.clear();
        let comparison = compare(&a, &b);
        assert_eq!(comparison.comparable, 1);
        assert_eq!(comparison.overall, Overall::SubstantialDifference);
    }

    #[test]
    fn unknowns_lower_the_score_below_a_documented_match() {
        // The case found: 4 of 5 elements not known scored as high as a well-documented
        // pair, because unknowns were left out of the mean.
        let documented = with_unknowns(0);
        let mostly_unknown = with_unknowns(4);
        let element_scores = (element_score(&documented), element_score(&mostly_unknown));
        assert!(
            element_scores.0 > element_scores.1 + 0.2,
            "{element_scores:?}"
        );
        assert!(element_score(&with_unknowns(5)) < element_score(&with_unknowns(1)));
    }

    /// Records with more outcomes than [`MAX_COMPARED_OUTCOMES`] are aligned on their
    /// first ones; the reason says so, and the values give what each side states.
    #[test]
    fn only_the_first_outcomes_of_each_side_are_aligned() {
        let texts: Vec<String> = (0..MAX_COMPARED_OUTCOMES + 50)
            .map(|i| format!("Apply regression method {i} to survey data"))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let a = credential("Statistics", 5.0, 6, "0542", &texts);
        let b = credential(
            "Statistics",
            5.0,
            6,
            "0542",
            &texts[..MAX_COMPARED_OUTCOMES + 10],
        );
        let comparison = compare(&a, &b);
        assert_eq!(comparison.outcome_alignment.len(), MAX_COMPARED_OUTCOMES);
        let outcomes = comparison
            .elements
            .iter()
            .find(|e| e.element == Element::LearningOutcomes)
            .unwrap();
        assert_eq!(outcomes.a.as_deref(), Some("150 outcomes"));
        assert_eq!(outcomes.b.as_deref(), Some("110 outcomes"));
        assert_eq!(
            outcomes.reason,
            "100 of 100 learning outcomes covered (100%); only the first 100 outcomes of \
             each side were compared (150 and 110 stated)"
        );
        // At the bound, nothing is said.
        let c = credential(
            "Statistics",
            5.0,
            6,
            "0542",
            &texts[..MAX_COMPARED_OUTCOMES],
        );
        let comparison = compare(&c, &c);
        let outcomes = comparison
            .elements
            .iter()
            .find(|e| e.element == Element::LearningOutcomes)
            .unwrap();
        assert_eq!(
            outcomes.reason,
            "100 of 100 learning outcomes covered (100%)"
        );
    }
}
