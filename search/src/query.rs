//! The query language and its translation into a tantivy query.
//!
//! A query is a list of clauses separated by white space: a word, a `"quoted phrase"`,
//! either of them after `-` (exclusion) or after a field prefix `title:`, `outcome:` (or
//! `outcomes:`) or `description:`. Every clause that is not excluded is required. The
//! parser cannot fail: an unclosed quote runs to the end, an unknown prefix is part of the
//! word, and characters that are not letters or digits are dropped by the analyzers, so a
//! query that reads as nothing matches everything.
//!
//! Each clause is analysed once per language bucket searched and looked up in that
//! bucket's title, outcome and description fields, weighted [`TITLE_BOOST`],
//! [`OUTCOMES_BOOST`] and 1. A single word of [`FUZZY_ONE_EDIT_CHARS`] letters or more
//! also matches at one edit (two from [`FUZZY_TWO_EDITS_CHARS`]); typo matches score a
//! constant [`FUZZY_WEIGHT`] of the field's weight, while an exact match scores BM25 on
//! top, so exact matches rank first. Typo tolerance is for words the index does not know:
//! a word found in [`known_word_docs`] records or more (in any language bucket searched)
//! is taken as typed on purpose and matched exactly (see [`AnalysedClause::fuzzy_edits`]).

use std::sync::Arc;

use tantivy::Term;
use tantivy::query::{
    AutomatonWeight, BooleanQuery, BoostQuery, DfaWrapper, EnableScoring, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::analysis::{Bucket, terms};
use super::word_pairs::PairQuery;

/// Weight of a match in a title.
pub const TITLE_BOOST: f32 = 3.0;
/// Weight of a match in a learning outcome.
pub const OUTCOMES_BOOST: f32 = 1.5;
/// Share of the field weight a typo match scores.
pub const FUZZY_WEIGHT: f32 = 0.3;
/// Query words this long (in characters) also match at one edit.
pub const FUZZY_ONE_EDIT_CHARS: usize = 5;
/// Query words this long also match at two edits.
pub const FUZZY_TWO_EDITS_CHARS: usize = 9;
/// A word in at least this many records is known (typo matching is off for it)...
pub const KNOWN_WORD_MIN_DOCS: u64 = 3;
/// ... or in at least this share of the records, if that is more.
pub const KNOWN_WORD_SHARE: f64 = 0.0005;

/// In how many records (of `n_docs`) a word must be found to be matched exactly only.
/// Its typo neighbours are then more likely other words than misspellings of it, and
/// matching them costs a Levenshtein automaton run over every text field's dictionary
/// of every segment: most of the cost of a query of common words.
pub fn known_word_docs(n_docs: u64) -> u64 {
    KNOWN_WORD_MIN_DOCS.max((n_docs as f64 * KNOWN_WORD_SHARE) as u64)
}

/// The text fields a clause looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Titles, outcomes and descriptions.
    All,
    /// Titles only (`title:`).
    Title,
    /// Learning outcomes only (`outcome:`).
    Outcomes,
    /// Descriptions and keywords only (`description:`).
    Description,
}

/// Which of the three text fields of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextKind {
    /// The title.
    Title,
    /// Learning outcomes.
    Outcomes,
    /// Description and keywords.
    Description,
}

impl TextKind {
    /// The three kinds, in field order.
    pub const ALL: [TextKind; 3] = [TextKind::Title, TextKind::Outcomes, TextKind::Description];

    /// Position in a bucket's field triple.
    pub fn index(self) -> usize {
        match self {
            TextKind::Title => 0,
            TextKind::Outcomes => 1,
            TextKind::Description => 2,
        }
    }

    /// The field name stem.
    pub fn name(self) -> &'static str {
        match self {
            TextKind::Title => "title",
            TextKind::Outcomes => "outcomes",
            TextKind::Description => "description",
        }
    }

    fn boost(self) -> f32 {
        match self {
            TextKind::Title => TITLE_BOOST,
            TextKind::Outcomes => OUTCOMES_BOOST,
            TextKind::Description => 1.0,
        }
    }
}

impl Scope {
    /// Whether the clause looks in fields of `kind`.
    pub fn covers(self, kind: TextKind) -> bool {
        matches!(
            (self, kind),
            (Scope::All, _)
                | (Scope::Title, TextKind::Title)
                | (Scope::Outcomes, TextKind::Outcomes)
                | (Scope::Description, TextKind::Description)
        )
    }
}

/// One clause of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The text as typed (a word, or the inside of the quotes).
    pub text: String,
    /// Whether it was quoted.
    pub phrase: bool,
    /// Whether it excludes records (`-`).
    pub excluded: bool,
    /// Where it looks.
    pub scope: Scope,
}

impl Clause {
    /// The edits allowed for a typo match of this clause (0: exact only).
    pub fn fuzzy_edits(&self) -> u8 {
        if self.phrase || self.excluded || self.text.split_whitespace().nth(1).is_some() {
            return 0;
        }
        let letters = self.text.chars().filter(|c| c.is_alphanumeric()).count();
        if letters >= FUZZY_TWO_EDITS_CHARS {
            2
        } else if letters >= FUZZY_ONE_EDIT_CHARS {
            1
        } else {
            0
        }
    }
}

/// The edits actually used against an analysed term: a stem much shorter than the
/// typed word would otherwise match almost anything (`daten` stems to `dat`).
pub fn edits_for_term(edits: u8, term: &str) -> u8 {
    let length = term.chars().count();
    match edits {
        2 if length >= 6 => 2,
        1 | 2 if length >= 4 => 1,
        _ => 0,
    }
}

/// Reads the query text into clauses. Never fails.
pub fn parse(text: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let mut excluded = false;
        let mut scope = Scope::All;
        if let Some(after) = rest.strip_prefix('-') {
            excluded = true;
            rest = after;
        }
        for (prefix, prefix_scope) in [
            ("title:", Scope::Title),
            ("outcome:", Scope::Outcomes),
            ("outcomes:", Scope::Outcomes),
            ("description:", Scope::Description),
        ] {
            if rest.len() >= prefix.len()
                && rest.is_char_boundary(prefix.len())
                && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
            {
                scope = prefix_scope;
                rest = &rest[prefix.len()..];
                break;
            }
        }
        let (text, phrase, remainder) = if let Some(after) = rest.strip_prefix('"') {
            match after.find('"') {
                Some(end) => (&after[..end], true, &after[end + 1..]),
                None => (after, true, ""),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], false, &rest[end..])
        };
        let text = model::collapse_whitespace(text);
        if !text.is_empty() {
            clauses.push(Clause {
                text,
                phrase,
                excluded,
                scope,
            });
        }
        rest = remainder.trim_start();
    }
    clauses
}

/// What a clause becomes in one bucket: its analysed terms.
#[derive(Debug, Clone)]
pub struct AnalysedClause {
    /// The clause.
    pub clause: Clause,
    /// Per bucket searched: the bucket and the clause's terms in it (may be empty).
    pub terms: Vec<(Bucket, Vec<String>)>,
    /// The edits allowed for a typo match: [`Clause::fuzzy_edits`], or 0 once the search
    /// finds the word known (see [`known_word_docs`]).
    pub fuzzy_edits: u8,
    /// Whether the word also matches as the beginning of longer words: the last word of
    /// a query still being typed ([`mark_typing`]).
    pub prefix: bool,
}

/// A word this short (in characters) is not matched as a beginning: it begins too many.
pub const PREFIX_MIN_CHARS: usize = 2;

/// Marks the last clause of a query still being typed as a beginning of a word, when it
/// is one word (not quoted, not excluded) of at least [`PREFIX_MIN_CHARS`] characters:
/// `data sci` finds "Data science" before the word is finished.
pub fn mark_typing(analysed: &mut [AnalysedClause]) {
    if let Some(last) = analysed.last_mut()
        && !last.clause.phrase
        && !last.clause.excluded
        && last.clause.text.split_whitespace().nth(1).is_none()
        && last
            .clause
            .text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            >= PREFIX_MIN_CHARS
    {
        last.prefix = true;
    }
}

/// Analyses every clause in each of `buckets`.
pub fn analyse(clauses: &[Clause], buckets: &[Bucket]) -> Vec<AnalysedClause> {
    let mut analyzers: Vec<_> = buckets.iter().map(|bucket| bucket.analyzer()).collect();
    clauses
        .iter()
        .map(|clause| AnalysedClause {
            clause: clause.clone(),
            fuzzy_edits: clause.fuzzy_edits(),
            prefix: false,
            terms: buckets
                .iter()
                .zip(analyzers.iter_mut())
                .map(|(bucket, analyzer)| (*bucket, terms(analyzer, &clause.text)))
                .collect(),
        })
        .collect()
}

/// A typo match of one term in one field whose Levenshtein automaton is shared with the
/// other fields and buckets looking for the same term. Building the automaton is the
/// costly part of a fuzzy query (a fifth of all search time when each of the up to 3
/// fields × every language bucket built its own); matching with it is what
/// [`FuzzyTermQuery`] does: every term within the edits, at a constant score.
#[derive(Clone)]
struct SharedFuzzyQuery {
    field: Field,
    automaton: Arc<DfaWrapper>,
}

impl std::fmt::Debug for SharedFuzzyQuery {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("SharedFuzzyQuery")
            .field("field", &self.field)
            .finish_non_exhaustive()
    }
}

impl Query for SharedFuzzyQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::<DfaWrapper>::new(
            self.field,
            self.automaton.clone(),
        )))
    }
}

/// Levenshtein automata by term and edits, built once per query.
#[derive(Default)]
struct Automata(Vec<(String, u8, Option<Arc<DfaWrapper>>)>);

impl Automata {
    /// The typo query of `term` at `edits` in `field`.
    fn fuzzy_query(&mut self, field: Field, term: &str, edits: u8) -> Box<dyn Query> {
        let position = match self
            .0
            .iter()
            .position(|(known, known_edits, _)| known == term && *known_edits == edits)
        {
            Some(position) => position,
            None => {
                let automaton =
                    FuzzyTermQuery::new(Term::from_field_text(field, term), edits, true)
                        .automaton()
                        .ok()
                        .map(Arc::new);
                self.0.push((term.to_owned(), edits, automaton));
                self.0.len() - 1
            }
        };
        match &self.0[position].2 {
            Some(automaton) => Box::new(SharedFuzzyQuery {
                field,
                automaton: automaton.clone(),
            }),
            // Edits tantivy does not build automata for: its own query says why.
            None => Box::new(FuzzyTermQuery::new(
                Term::from_field_text(field, term),
                edits,
                true,
            )),
        }
    }
}

/// The tantivy query matching one analysed clause in the text fields and word-pair
/// fields `field_of(bucket, kind)`, or `None` if the clause has no terms in any bucket.
/// A clause of two terms is looked up as one word pair ([`PairQuery`]: the same
/// documents and scores as the phrase query, without reading positions); longer ones
/// are phrase queries.
pub fn clause_query(
    analysed: &AnalysedClause,
    field_of: &dyn Fn(Bucket, TextKind) -> (Field, Field),
) -> Option<Box<dyn Query>> {
    let clause = &analysed.clause;
    let edits = analysed.fuzzy_edits;
    let mut automata = Automata::default();
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (bucket, terms) in &analysed.terms {
        if terms.is_empty() {
            continue;
        }
        for kind in TextKind::ALL {
            if !clause.scope.covers(kind) {
                continue;
            }
            let (field, pair_field) = field_of(*bucket, kind);
            let exact: Box<dyn Query> = if let [word] = terms.as_slice() {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, word),
                    IndexRecordOption::WithFreqs,
                ))
            } else if let [first, second] = terms.as_slice() {
                Box::new(PairQuery::new(
                    field,
                    pair_field,
                    [first.clone(), second.clone()],
                ))
            } else {
                Box::new(PhraseQuery::new(
                    terms
                        .iter()
                        .map(|term| Term::from_field_text(field, term))
                        .collect(),
                ))
            };
            alternatives.push((
                Occur::Should,
                Box::new(BoostQuery::new(exact, kind.boost())),
            ));
            if terms.len() == 1 && analysed.prefix {
                // A constant score below an exact match, as a typo match scores.
                let beginning =
                    FuzzyTermQuery::new_prefix(Term::from_field_text(field, &terms[0]), 0, true);
                alternatives.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(beginning),
                        kind.boost() * FUZZY_WEIGHT,
                    )),
                ));
            }
            if terms.len() == 1 {
                let term_edits = edits_for_term(edits, &terms[0]);
                if term_edits > 0 {
                    let fuzzy = automata.fuzzy_query(field, &terms[0], term_edits);
                    alternatives.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(fuzzy, kind.boost() * FUZZY_WEIGHT)),
                    ));
                }
            }
        }
    }
    if alternatives.is_empty() {
        None
    } else {
        Some(Box::new(BooleanQuery::new(alternatives)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[(&str, bool, bool, Scope)]) {
        let clauses = parse(text);
        let actual: Vec<(&str, bool, bool, Scope)> = clauses
            .iter()
            .map(|c| (c.text.as_str(), c.phrase, c.excluded, c.scope))
            .collect();
        assert_eq!(actual, expected, "{text:?}");
    }

    #[test]
    fn queries_parse_into_clauses() {
        use Scope::*;
        check(
            "data science",
            &[("data", false, false, All), ("science", false, false, All)],
        );
        check(
            "\"machine learning\" -python",
            &[
                ("machine learning", true, false, All),
                ("python", false, true, All),
            ],
        );
        check("title:robotics", &[("robotics", false, false, Title)]);
        check(
            "Outcome:\"clean data\" description:x",
            &[
                ("clean data", true, false, Outcomes),
                ("x", false, false, Description),
            ],
        );
        check("-title:\"a b\"", &[("a b", true, true, Title)]);
        check(
            "\"unclosed phrase",
            &[("unclosed phrase", true, false, All)],
        );
        check("foo:bar", &[("foo:bar", false, false, All)]);
        check(
            "((( AND",
            &[("(((", false, false, All), ("AND", false, false, All)],
        );
        check("  -  \"\" title: ", &[]);
        check("ü:é", &[("ü:é", false, false, All)]);
    }

    #[test]
    fn typo_tolerance_grows_with_word_length() {
        for (text, edits) in [
            ("data", 0),
            ("python", 1),
            ("learning", 1),
            ("datenbanken", 2),
            ("\"datenbanken\"", 0),
            ("-datenbanken", 0),
        ] {
            assert_eq!(parse(text)[0].fuzzy_edits(), edits, "{text}");
        }
        for (edits, term, used) in [
            (1, "lern", 1),
            (1, "dat", 0),
            (2, "datenbank", 2),
            (2, "learn", 1),
        ] {
            assert_eq!(edits_for_term(edits, term), used, "{term}");
        }
    }
}
