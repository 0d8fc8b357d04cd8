//! Multilingual text: a map from language tag to one string per language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::LangTag;

/// Text in one or more languages. Text whose language is unknown is kept under `und`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LangText(pub BTreeMap<LangTag, String>);

impl LangText {
    /// Text in one language; `lang` that is not a valid tag becomes `und`.
    pub fn single(lang: &str, text: &str) -> LangText {
        let mut out = LangText::default();
        out.insert(lang, text);
        out
    }

    /// Adds (or replaces) the text in `lang`, whitespace collapsed; empty text is ignored.
    /// A `lang` that is not a valid tag becomes `und`.
    pub fn insert(&mut self, lang: &str, text: &str) {
        let tag = LangTag::parse(lang).unwrap_or_else(|_| LangTag::undetermined());
        self.insert_tag(tag, text);
    }

    /// Adds (or replaces) the text in `tag`, whitespace collapsed; empty text is ignored.
    pub fn insert_tag(&mut self, tag: LangTag, text: &str) {
        let text = collapse_whitespace(text);
        if !text.is_empty() {
            self.0.insert(tag, text);
        }
    }

    /// Whether there is no text in any language.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The text in the first of `preferred` languages that has one (matching on the
    /// primary subtag too), else English, else text of unknown language, else any.
    pub fn best(&self, preferred: &[&str]) -> Option<&str> {
        self.best_with_lang(preferred).map(|(_, text)| text)
    }

    /// Like [`LangText::best`], with the language of the text returned.
    pub fn best_with_lang(&self, preferred: &[&str]) -> Option<(&LangTag, &str)> {
        let find = |wanted: &str| {
            self.0
                .iter()
                .find(|(tag, _)| tag.as_str().eq_ignore_ascii_case(wanted))
                .or_else(|| {
                    let primary = wanted.split('-').next().unwrap_or(wanted);
                    self.0
                        .iter()
                        .find(|(tag, _)| tag.primary().eq_ignore_ascii_case(primary))
                })
        };
        preferred
            .iter()
            .find_map(|wanted| find(wanted))
            .or_else(|| find("en"))
            .or_else(|| find("und"))
            .or_else(|| self.0.iter().next())
            .map(|(tag, text)| (tag, text.as_str()))
    }

    /// Every text, in every language, joined by blank lines (for full-text indexing).
    pub fn all_text(&self) -> String {
        self.0.values().cloned().collect::<Vec<_>>().join("\n\n")
    }

    /// The languages present.
    pub fn languages(&self) -> impl Iterator<Item = &LangTag> {
        self.0.keys()
    }
}

/// Trims and collapses every run of white space (including newlines) to one space.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_prefers_asked_language_then_english_then_any() {
        let mut text = LangText::default();
        text.insert("de", "Datenkompetenz");
        text.insert("en", "Data literacy");
        text.insert("fr-BE", "  Culture\n des  données ");
        assert_eq!(text.best(&["fr"]), Some("Culture des données"));
        assert_eq!(text.best(&["de-AT"]), Some("Datenkompetenz"));
        assert_eq!(text.best(&["pl"]), Some("Data literacy"));
        let only_german = LangText::single("de", "Datenkompetenz");
        assert_eq!(only_german.best(&["pl"]), Some("Datenkompetenz"));
        assert_eq!(LangText::default().best(&["en"]), None);
    }

    #[test]
    fn invalid_tags_and_empty_text() {
        let mut text = LangText::default();
        text.insert("not a tag", "x");
        text.insert("en", "   ");
        assert_eq!(text.0.len(), 1);
        assert!(text.0.contains_key(&LangTag::undetermined()));
    }
}
