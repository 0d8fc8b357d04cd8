//! How alike two credentials read: the text features the equivalence ranking combines.
//!
//! Every credential is turned once into a [`Profile`] under the index's own analysis (the
//! stemmer of each text's language, accents folded), with the index's document
//! frequencies as inverse document frequencies:
//! - a TF-IDF vector of word 1- and 2-grams over all its text (titles counted twice,
//!   outcomes one and a half, descriptions once), and one of the title's words;
//! - IDF-weighted character trigram vectors of the same words, which match what words do
//!   not: truncated or abbreviated titles (`AGRIBUS`, `INTRO`), inflections the stemmer
//!   misses, and cognates across languages (`analysis`, `Analyse`, `análisis`);
//! - the title's terms with their IDF, for how much of each title the other text covers;
//! - the title's sequence number (`… I`, `… II`, `Part 2`) and level cue;
//! - the skill URIs (ESCO) of the credential and its outcomes.
//!
//! Keys are 64-bit hashes of the (language bucket, term) or of the trigram, so vectors
//! are cheap to build and compare for the hundred candidates of one lookup.

use std::collections::{HashMap, HashSet};

use model::{Credential, LangText};
use search::analysis::Bucket;
use search::similar::{Idf, KeyHasher, hash_bytes, term_key};

use crate::compare;

/// A sparse vector keyed by hashed terms.
pub(super) type Vector = HashMap<u64, f64, KeyHasher>;

/// Share of the title's character trigrams in [`Profile::unit_vector`] (the rest is
/// the whole text's words): on the HKU decisions, a neighbour vote over this blend found
/// the right course a little more often than trigrams alone.
const EVIDENCE_GRAMS_SHARE: f64 = 0.7;
/// Keeps word keys apart from trigram keys in [`Profile::unit_vector`].
const WORD_KEY_TAG: u64 = 0x5752_4453_0000_0001;
/// Weight of the title in the all-text vectors (outcomes 1.5, descriptions 1).
const TITLE_TEXT_WEIGHT: f64 = 2.0;
/// Weight of each learning outcome in the all-text vectors.
const OUTCOME_TEXT_WEIGHT: f64 = 1.5;
/// Weight of a word bigram relative to its words.
const BIGRAM_WEIGHT: f64 = 0.5;
/// Bytes per character n-gram (word ends marked).
const GRAM_BYTES: usize = 3;
/// Seed of the n-gram hashes, apart from the word hashes.
const GRAM_SEED: u64 = 0x6772_616D;
/// Shortest head (in bytes) that counts as the head of a compound.
const COMPOUND_HEAD_MIN_BYTES: usize = 5;
/// How much a compound and its head count as the same term.
const COMPOUND_HEAD_SIMILARITY: f64 = 0.7;

/// What the ranking needs to know of one credential's text.
#[derive(Debug, Default)]
pub(crate) struct Profile {
    /// Word 1- and 2-grams of all the text, TF-IDF weighted.
    text: Vector,
    /// The title's words: (bucket, term, TF-IDF weight).
    title: Vec<(Bucket, String, f64)>,
    /// Character trigrams of the title's words, IDF weighted.
    title_grams: Vector,
    /// Character trigrams of all the text's words, IDF weighted.
    text_grams: Vector,
    /// Every word term of the text.
    words: HashSet<u64, KeyHasher>,
    /// The title's distinct word terms and their IDF.
    title_terms: Vec<(u64, f64)>,
    /// The title's sequence number (`… II` → 2), if it ends with one.
    pub(super) sequence: Option<u8>,
    /// The title's level cue ([`compare::title_level_cue`]).
    pub(super) level_cue: i8,
    /// Skill URIs of the credential and its outcomes.
    skills: HashSet<String>,
}

/// How alike two profiles read, each feature from 0 to 1.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Features {
    /// Cosine of the word 1–2-gram TF-IDF vectors of all the text.
    pub(super) text: f64,
    /// Soft cosine of the titles' words (compounds half-match their heads).
    pub(super) title: f64,
    /// Cosine of the titles' character trigrams.
    pub(super) title_grams: f64,
    /// Cosine of all the text's character trigrams.
    pub(super) text_grams: f64,
    /// IDF-weighted share of each title's words found in the other's text, averaged.
    pub(super) title_coverage: f64,

    /// Share of skill URIs in common (Jaccard), when both state skills.
    pub(super) skills: Option<f64>,
}

impl Profile {
    pub(crate) fn of(credential: &Credential, idf: &mut Idf<'_>) -> Profile {
        let mut profile = Profile::default();
        // Sized from the text's length so the maps do not grow step by step.
        let bytes = |text: &LangText| text.0.values().map(String::len).sum::<usize>();
        let text_bytes = bytes(&credential.title)
            + credential
                .learning_outcomes
                .iter()
                .map(|outcome| bytes(&outcome.text))
                .sum::<usize>()
            + bytes(&credential.description);
        let mut text_tf: HashMap<u64, (f64, f64), KeyHasher> =
            HashMap::with_capacity_and_hasher(text_bytes / 4, KeyHasher::default());
        let mut gram_tf = Vector::with_capacity_and_hasher(text_bytes / 2, KeyHasher::default());
        profile.words.reserve(text_bytes / 8);
        let mut title_tf: HashMap<(Bucket, String), f64> = HashMap::new();
        let mut add = |text: &LangText, weight: f64, is_title: bool, profile: &mut Profile| {
            for (lang, value) in &text.0 {
                let bucket = Bucket::for_language(lang.primary());
                let words: Vec<String> = idf
                    .terms(bucket, value)
                    .into_iter()
                    .filter(|term| term.len() >= 2)
                    .collect();
                let mut previous: Option<(u64, f64)> = None;
                for word in &words {
                    let word_idf = idf.of(bucket, word);
                    let key = term_key(bucket, word);
                    profile.words.insert(key);
                    let entry = text_tf.entry(key).or_insert((0.0, word_idf));
                    entry.0 += weight;
                    if let Some((previous_key, previous_idf)) = previous {
                        let bigram = previous_key.rotate_left(17) ^ key ^ 0x9E37_79B9;
                        let entry = text_tf
                            .entry(bigram)
                            .or_insert((0.0, previous_idf.max(word_idf)));
                        entry.0 += weight * BIGRAM_WEIGHT;
                    }
                    previous = Some((key, word_idf));
                    add_grams(&mut gram_tf, word, weight * word_idf);
                    if is_title {
                        *title_tf.entry((bucket, word.clone())).or_default() += 1.0;
                    }
                }
            }
        };
        add(&credential.title, TITLE_TEXT_WEIGHT, true, &mut profile);
        for outcome in &credential.learning_outcomes {
            add(&outcome.text, OUTCOME_TEXT_WEIGHT, false, &mut profile);
        }
        add(&credential.description, 1.0, false, &mut profile);
        for (bucket, word) in title_tf.keys() {
            add_grams(&mut profile.title_grams, word, idf.of(*bucket, word));
        }
        profile.text = text_tf
            .into_iter()
            .map(|(key, (count, term_idf))| (key, (1.0 + count.ln().max(0.0)) * term_idf))
            .collect();
        profile.text_grams = gram_tf;
        for ((bucket, word), count) in title_tf {
            let word_idf = idf.of(bucket, &word);
            profile
                .title_terms
                .push((term_key(bucket, &word), word_idf));
            profile
                .title
                .push((bucket, word, (1.0 + count.ln().max(0.0)) * word_idf));
        }
        let titles: Vec<&str> = credential.title.0.values().map(String::as_str).collect();
        profile.sequence = titles.iter().find_map(|title| title_sequence(title));
        profile.level_cue = titles
            .iter()
            .map(|title| compare::title_level_cue(title))
            .find(|cue| *cue != 0)
            .unwrap_or(0);
        profile.skills = search::skill_uris(credential).map(str::to_owned).collect();
        profile
    }

    /// The profile as one sparse unit vector, sorted by key, for the recorded-decision
    /// evidence ([`crate::evidence`]): the title's character 2-, 3- and 4-grams (within
    /// words, weighted by the word's IDF; chosen over trigrams alone on the leave-one-out
    /// fit of HKU's recorded half, where it was slightly better) and the whole text's word
    /// 1–2-grams, each normalised, weighted so that the dot product of two such vectors is
    /// `0.7 · title gram cosine + 0.3 · word cosine`. A profile with no title grams gives
    /// the word part alone, and the reverse.
    pub(crate) fn unit_vector(&self) -> Vec<(u64, f32)> {
        let norm = |v: &Vector| v.values().map(|x| x * x).sum::<f64>().sqrt();
        let mut title_grams = Vector::default();
        for (_, word, weight) in &self.title {
            for size in 2..=4 {
                add_grams_of(&mut title_grams, word, *weight, size);
            }
        }
        let (grams_norm, text_norm) = (norm(&title_grams), norm(&self.text));
        let (grams_weight, text_weight) = match (grams_norm > 0.0, text_norm > 0.0) {
            (true, true) => (
                EVIDENCE_GRAMS_SHARE.sqrt(),
                (1.0 - EVIDENCE_GRAMS_SHARE).sqrt(),
            ),
            (true, false) => (1.0, 0.0),
            (false, true) => (0.0, 1.0),
            (false, false) => return Vec::new(),
        };
        let mut out: Vec<(u64, f32)> = Vec::with_capacity(title_grams.len() + self.text.len());
        if grams_weight > 0.0 {
            out.extend(
                title_grams
                    .iter()
                    .map(|(key, x)| (*key, (grams_weight * x / grams_norm) as f32)),
            );
        }
        if text_weight > 0.0 {
            out.extend(
                self.text
                    .iter()
                    .map(|(key, x)| (key ^ WORD_KEY_TAG, (text_weight * x / text_norm) as f32)),
            );
        }
        out.sort_unstable_by_key(|(key, _)| *key);
        out.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                earlier.1 += later.1;
                true
            } else {
                false
            }
        });
        out
    }

    /// The features of `self` (the credential held) against `other` (a candidate).
    pub(super) fn features(&self, other: &Profile) -> Features {
        let skills = (!self.skills.is_empty() && !other.skills.is_empty()).then(|| {
            let common = self.skills.intersection(&other.skills).count() as f64;
            common / self.skills.union(&other.skills).count() as f64
        });
        Features {
            text: cosine(&self.text, &other.text),
            title: soft_cosine(&self.title, &other.title),
            title_grams: cosine(&self.title_grams, &other.title_grams),
            text_grams: cosine(&self.text_grams, &other.text_grams),
            title_coverage: 0.5
                * (coverage(&self.title_terms, &other.words)
                    + coverage(&other.title_terms, &self.words)),

            skills,
        }
    }
}

/// Adds the character trigrams of `word` (with `^` and `$` marking its ends), sharing
/// `weight` among them so long words do not count for more than short ones. Trigrams are
/// taken over the bytes of the (accent-folded) word.
fn add_grams(grams: &mut Vector, word: &str, weight: f64) {
    add_grams_of(grams, word, weight, GRAM_BYTES);
}

/// [`add_grams`] with grams of `size` bytes.
fn add_grams_of(grams: &mut Vector, word: &str, weight: f64, size: usize) {
    // Words are short: pad them on the stack, not in a new allocation per word.
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let padded: &mut [u8] = if word.len() + 2 <= stack.len() {
        &mut stack[..word.len() + 2]
    } else {
        heap.resize(word.len() + 2, 0);
        &mut heap
    };
    let last = padded.len() - 1;
    padded[0] = b'^';
    padded[1..last].copy_from_slice(word.as_bytes());
    padded[last] = b'$';
    let padded: &[u8] = padded;
    if padded.len() < size {
        *grams.entry(hash_bytes(GRAM_SEED, padded)).or_default() += weight;
        return;
    }
    let n_grams = padded.len() + 1 - size;
    let share = weight / (n_grams as f64).sqrt();
    for window in padded.windows(size) {
        *grams.entry(hash_bytes(GRAM_SEED, window)).or_default() += share;
    }
}

/// IDF-weighted share of `title_terms` present in `words`.
fn coverage(title_terms: &[(u64, f64)], words: &HashSet<u64, KeyHasher>) -> f64 {
    let total: f64 = title_terms.iter().map(|(_, idf)| idf).sum();
    if total == 0.0 {
        return 0.0;
    }
    let found: f64 = title_terms
        .iter()
        .filter(|(key, _)| words.contains(key))
        .map(|(_, idf)| idf)
        .sum();
    found / total
}

pub(super) fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f64 = small
        .iter()
        .filter_map(|(term, x)| large.get(term).map(|y| x * y))
        .sum();
    let norm = |v: &Vector| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        (dot / denominator).min(1.0)
    }
}

/// Cosine where a term also half-matches a longer term it ends (`economics` in
/// `macroeconomics`, `wissenschaft` in `datenwissenschaft`): compounds and prefixed words
/// share their head. For short vectors (titles).
fn soft_cosine(a: &[(Bucket, String, f64)], b: &[(Bucket, String, f64)]) -> f64 {
    let similarity = |x: &(Bucket, String, f64), y: &(Bucket, String, f64)| -> f64 {
        if x.0 != y.0 {
            return 0.0;
        }
        if x.1 == y.1 {
            return 1.0;
        }
        let (short, long) = if x.1.len() <= y.1.len() {
            (&x.1, &y.1)
        } else {
            (&y.1, &x.1)
        };
        if short.len() >= COMPOUND_HEAD_MIN_BYTES && long.ends_with(short.as_str()) {
            COMPOUND_HEAD_SIMILARITY
        } else {
            0.0
        }
    };
    let dot: f64 = a
        .iter()
        .map(|x| b.iter().map(|y| x.2 * y.2 * similarity(x, y)).sum::<f64>())
        .sum();
    let norm = |v: &[(Bucket, String, f64)]| v.iter().map(|x| x.2 * x.2).sum::<f64>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        (dot / denominator).min(1.0)
    }
}

/// The part of a sequence a title names at its end: `… I`, `… II`, `… 2`, `… Part 3`,
/// `… Teil 2` (up to 6). A single trailing `I` or `1` counts.
pub(super) fn title_sequence(title: &str) -> Option<u8> {
    let last = title
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|word| !word.is_empty())?
        .to_lowercase();
    match last.as_str() {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        "v" | "5" => Some(5),
        "vi" | "6" => Some(6),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_are_read_from_the_end_of_titles() {
        for (title, expected) in [
            ("Principles of Accounting I", Some(1)),
            ("PRINCIPLES OF ACCOUNTING II", Some(2)),
            ("Organic Chemistry III", Some(3)),
            ("Calculus 2", Some(2)),
            ("Mathematik für Informatiker, Teil 2", Some(2)),
            ("Principles of Accounting", None),
            ("Vitamin C", None),
            ("Industry 4.0", None),
        ] {
            let got = title_sequence(title);
            // "Industry 4.0" ends in "0", not a part number.
            assert_eq!(got, expected, "{title}");
        }
    }

    #[test]
    fn trigrams_match_truncated_words_and_cognates() {
        let vector = |words: &[&str]| {
            let mut grams = Vector::default();
            for word in words {
                add_grams(&mut grams, word, 1.0);
            }
            grams
        };
        let agribusiness = vector(&["agribusi"]);
        assert!(cosine(&agribusiness, &vector(&["agribus"])) > 0.6);
        assert!(cosine(&vector(&["analys"]), &vector(&["analysi"])) > 0.6);
        assert!(cosine(&agribusiness, &vector(&["chemistri"])) < 0.1);
    }
}
