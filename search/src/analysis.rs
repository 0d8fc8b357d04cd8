//! Which analyzer reads text of which language.
//!
//! Text is indexed per *language bucket*: one bucket per language that tantivy has a
//! Snowball stemmer for, one (`other`) for tagged languages without a stemmer, and one
//! (`und`) for text whose language is not known. Each bucket has its own title, outcome
//! and description fields, so a word is stemmed by the rules of the language it was
//! written in, and a search can be limited to one language.
//!
//! Every analyzer splits words, lower-cases, folds accents *before* stemming, and then
//! stems. Folding first means the stemmer always sees the same input whether the visitor
//! typed `München` or `munchen`, `données` or `donnees`: accent folding is exact, at the
//! price of slightly coarser stems for languages whose stemmer looks at accents.

use tantivy::tokenizer::{Language, TextAnalyzer};

/// A language bucket: a set of text fields sharing one analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bucket(pub(crate) usize);

/// Buckets with a stemmer: the bucket name (the ISO 639-1 code) and the language.
const STEMMED: [(&str, Language); 18] = [
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("en", Language::English),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nl", Language::Dutch),
    ("no", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// Words longer than this many bytes are dropped (URLs, hashes, base64).
pub(crate) const LONGEST_WORD_BYTES: usize = 40;

impl Bucket {
    /// Number of buckets: the stemmed languages, `other` and `und`.
    pub const COUNT: usize = STEMMED.len() + 2;
    /// Tagged text in a language without a stemmer.
    pub const OTHER: Bucket = Bucket(STEMMED.len());
    /// Text of unknown language.
    pub const UNDETERMINED: Bucket = Bucket(STEMMED.len() + 1);

    /// Every bucket, in schema order.
    pub fn all() -> impl Iterator<Item = Bucket> {
        (0..Bucket::COUNT).map(Bucket)
    }

    /// The bucket of text tagged with `primary_language` (a primary subtag such as `de`);
    /// Norwegian Bokmål and Nynorsk share the Norwegian stemmer.
    pub fn for_language(primary_language: &str) -> Bucket {
        let code = match primary_language {
            "nb" | "nn" => "no",
            "und" | "" => return Bucket::UNDETERMINED,
            other => other,
        };
        STEMMED
            .iter()
            .position(|(name, _)| *name == code)
            .map_or(Bucket::OTHER, Bucket)
    }

    /// The name used in field and tokenizer names (`en`, `other`, `und`).
    pub fn name(self) -> &'static str {
        match STEMMED.get(self.0) {
            Some((name, _)) => name,
            None if self == Bucket::OTHER => "other",
            None => "und",
        }
    }

    /// The name of this bucket's tokenizer in the index's tokenizer manager.
    pub fn tokenizer_name(self) -> String {
        format!("text_{}", self.name())
    }

    /// The stemmer's language of this bucket, if it has one.
    pub(crate) fn stem_language(self) -> Option<Language> {
        STEMMED.get(self.0).map(|(_, language)| *language)
    }
}

/// The terms `analyzer` makes of `text`, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Lower-cased, accent-folded words of `text` joined by single spaces, with a space at
/// each end so that `" word "` finds whole words (for keyword rules).
pub fn folded_words(text: &str) -> String {
    let mut analyzer = Bucket::UNDETERMINED.analyzer();
    let mut out = String::from(" ");
    for term in terms(&mut analyzer, text) {
        out.push_str(&term);
        out.push(' ');
    }
    out
}

/// Whether `a` and `b` are within `max_edits` insertions, deletions, substitutions or
/// swaps of adjacent letters (optimal string alignment), as tantivy's fuzzy query with
/// transpositions counts them. Used to mark typo matches in snippets.
pub fn within_edits(a: &str, b: &str, max_edits: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max_edits {
        return false;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()] <= max_edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_map_to_buckets() {
        for (language, bucket) in [
            ("de", "de"),
            ("en", "en"),
            ("nb", "no"),
            ("pl", "other"),
            ("cs", "other"),
            ("und", "und"),
            ("", "und"),
        ] {
            assert_eq!(Bucket::for_language(language).name(), bucket, "{language}");
        }
        assert_eq!(Bucket::all().count(), Bucket::COUNT);
    }

    #[test]
    fn analyzers_fold_accents_then_stem() {
        for (bucket, text, expected) in [
            (
                "de",
                "München Datenwissenschaft",
                vec!["munch", "datenwissenschaft"],
            ),
            ("de", "Munchen", vec!["munch"]),
            ("fr", "données énergétiques", vec!["donne", "energet"]),
            ("fr", "donnees energetiques", vec!["donne", "energet"]),
            ("en", "Learning outcomes", vec!["learn", "outcom"]),
            (
                "other",
                "Zarządzanie projektami",
                vec!["zarzadzanie", "projektami"],
            ),
            ("und", "Ça va, C++!", vec!["ca", "va", "c"]),
        ] {
            let bucket = Bucket::all().find(|b| b.name() == bucket).unwrap();
            assert_eq!(terms(&mut bucket.analyzer(), text), expected, "{text}");
        }
    }

    #[test]
    fn edit_distances() {
        for (a, b, max, expected) in [
            ("learning", "lerning", 1, true),
            ("learning", "laerning", 1, true),
            ("learning", "lernin", 1, false),
            ("learning", "lernin", 2, true),
            ("data", "data", 0, true),
            ("data", "date", 0, false),
            ("", "ab", 1, false),
        ] {
            assert_eq!(within_edits(a, b, max), expected, "{a} {b} {max}");
        }
    }
}
