//! Snippets: the query's words, typo matches included, marked in a record's text.

use std::collections::{BTreeMap, HashSet};

use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

use crate::analysis::{Bucket, terms, within_edits};
use crate::query::{AnalysedClause, TextKind, edits_for_term};
use crate::{SNIPPET_CHARS, Snippet};

/// Marks query words, typo matches included, in a record's text.
pub(crate) struct Highlighter {
    pub(crate) clauses: Vec<AnalysedClause>,
    pub(crate) buckets: Vec<Bucket>,
    pub(crate) field: Field,
}

impl Highlighter {
    pub(crate) fn snippet<'a>(
        &self,
        title: &'a model::LangText,
        description: &'a model::LangText,
        outcomes: impl Iterator<Item = &'a model::LangText>,
    ) -> Option<Snippet> {
        let mut candidates: Vec<(TextKind, &model::LangText)> =
            vec![(TextKind::Description, description)];
        candidates.extend(outcomes.map(|text| (TextKind::Outcomes, text)));
        candidates.push((TextKind::Title, title));
        if !self.clauses.is_empty() {
            for (kind, text) in &candidates {
                for (tag, value) in &text.0 {
                    let bucket = Bucket::for_language(tag.primary());
                    if !self.buckets.contains(&bucket) {
                        continue;
                    }
                    if let Some(html) = self.highlight(bucket, *kind, value) {
                        return Some(Snippet {
                            field: kind.name(),
                            html,
                        });
                    }
                }
            }
        }
        let description = description.best(&[])?;
        Some(Snippet {
            field: TextKind::Description.name(),
            html: escape_html(&truncate_at_word(description, SNIPPET_CHARS)),
        })
    }

    fn highlight(&self, bucket: Bucket, kind: TextKind, text: &str) -> Option<String> {
        let mut exact: HashSet<&str> = HashSet::new();
        let mut fuzzy: Vec<(&str, usize)> = Vec::new();
        for clause in &self.clauses {
            if !clause.clause.scope.covers(kind) {
                continue;
            }
            let edits = clause.fuzzy_edits;
            for (clause_bucket, clause_terms) in &clause.terms {
                if *clause_bucket != bucket {
                    continue;
                }
                for term in clause_terms {
                    exact.insert(term);
                    if clause_terms.len() == 1 {
                        let term_edits = edits_for_term(edits, term);
                        if term_edits > 0 {
                            fuzzy.push((term, usize::from(term_edits)));
                        }
                    }
                }
            }
        }
        if exact.is_empty() {
            return None;
        }
        let mut analyzer = bucket.analyzer();
        let matched: BTreeMap<String, f32> = if fuzzy.is_empty() {
            // The snippet generator finds exact terms itself: no need to read the text
            // twice.
            exact.iter().map(|term| ((*term).to_owned(), 1.0)).collect()
        } else {
            terms(&mut analyzer, text)
                .into_iter()
                .filter(|token| {
                    exact.contains(token.as_str())
                        || fuzzy
                            .iter()
                            .any(|(term, edits)| within_edits(token, term, *edits))
                })
                .map(|token| (token, 1.0))
                .collect()
        };
        if matched.is_empty() {
            return None;
        }
        let generator = SnippetGenerator::new(matched, analyzer, self.field, SNIPPET_CHARS);
        let snippet = generator.snippet(text);
        (!snippet.highlighted().is_empty()).then(|| snippet.to_html())
    }
}

/// `text` cut to at most `max_chars` characters, at a word boundary, with `…` if cut.
fn truncate_at_word(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let end = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}

/// Escapes text for HTML element content and attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}
