//! Bilingual dictionaries into English: a credential's text translated word by word,
//! with the share of its words the dictionary knew.
//!
//! The dictionaries are FreeDict's, as Debian packages them (`dict-freedict-XXX-eng`;
//! `crosslingual/fetch-dictionaries.sh` fetches them): read at run time from a folder
//! the configuration names, never shipped (their licences are share-alike). Everything
//! translates into English, the language most catalogues have a version in.
//!
//! - **Reading** ([`Dictionary::read`]): each headword is folded as the search index
//!   folds words (lower case, accents folded: `search::analysis`), and keeps its English
//!   translations in order of preference: a translation more senses of the word give
//!   comes first (German `Kurs` is "share price" in its first sense, "course" in four),
//!   then the first of each sense. Glosses in the source language (the WikDict
//!   dictionaries of Finnish, Polish, Greek), examples, synonyms and notes are left out.
//! - **Translating** ([`Dictionary::translate`]): phrases of up to three words first,
//!   then the word itself; a word not found is looked up by its Snowball stem (the
//!   index's stemmer of its language, when tantivy has one), then as the nearest
//!   headword sharing all but a short ending with it, then as a compound of two known
//!   words (`Datatiede`, `hållbarhetsarbete`). A word found nowhere is kept as it is:
//!   names, acronyms and loanwords read the same in English.
//! - **Coverage** ([`Translation::coverage`]): the share of the text's content words
//!   (four letters or more, not numbers) the dictionary found. A large dictionary covers
//!   most of a Finnish description; a word list of 5,000 Swedish words covers little,
//!   and its translation is weighted accordingly by whoever uses it.
//!
//! Memory: a dictionary is held as two strings (headwords, translations) and a sorted
//! array of 16 bytes an entry, plus 12 bytes a stem ([`Dictionary::heap_bytes`]).

use std::collections::HashMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use search::analysis::{Bucket, terms};
use tantivy::tokenizer::TextAnalyzer;

mod dictd;

use dictd::Layout;
pub use dictd::write_dictd;

/// Words a headword has at most to be kept (longer ones are idioms and sentences).
const LONGEST_HEADWORD_WORDS: usize = 3;
/// Translations kept for a headword, best first.
const KEPT_TRANSLATIONS: usize = 4;
/// Distinct translations a headword's senses are ranked among.
const RANKED_TRANSLATIONS: usize = 16;
/// Fewest characters of a content word (shorter words are mostly function words).
const CONTENT_WORD_CHARS: usize = 4;
/// Fewest characters a headword found by its beginning shares with the word.
const PREFIX_MIN_CHARS: usize = 5;
/// Most characters of the word after the part it shares with such a headword.
const PREFIX_MAX_ENDING: usize = 4;
/// Most characters of the headword after the part it shares with the word.
const PREFIX_MAX_HEADWORD_ENDING: usize = 2;
/// Fewest characters of each part of a compound.
const COMPOUND_PART_CHARS: usize = 4;

/// How a text is translated. The defaults are the measured ones; the rest is for
/// measuring.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Translations given for each word found, best first (at most 4).
    pub translations: usize,
    /// Look a word not found up by its stem.
    pub stems: bool,
    /// Look a word not found up as the headword sharing all but a short ending with it.
    pub prefixes: bool,
    /// Look a word not found up as a compound of two headwords.
    pub compounds: bool,
    /// Keep the words not found in the translation, as they are.
    pub keep_unknown: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            translations: 3,
            stems: true,
            prefixes: true,
            compounds: true,
            keep_unknown: true,
        }
    }
}

/// A text translated into English.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The English text: each word or phrase found replaced by its translations, the
    /// words not found kept as they were (folded).
    pub text: String,
    /// Share of the content words found, 0 to 1.
    pub coverage: f64,
    /// Content words of the text (four letters or more, not numbers).
    pub content_words: usize,
    /// Content words the dictionary found.
    pub found_words: usize,
}

impl Translation {
    /// The coverage of several translations together (a title and a description), each
    /// counted by its content words.
    pub fn coverage_of<'a>(parts: impl IntoIterator<Item = &'a Translation>) -> f64 {
        let (mut found, mut content) = (0, 0);
        for part in parts {
            found += part.found_words;
            content += part.content_words;
        }
        if content == 0 {
            0.0
        } else {
            found as f64 / content as f64
        }
    }
}

/// A span of one of a dictionary's strings.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(arena: &str, start: usize) -> Span {
        Span {
            start: start as u32,
            end: arena.len() as u32,
        }
    }

    fn get(self, arena: &str) -> &str {
        &arena[self.start as usize..self.end as usize]
    }
}

/// A headword and its translations.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Span,
    value: Span,
}

/// A stem and the headword it stands for.
#[derive(Debug, Clone, Copy)]
struct Stem {
    stem: Span,
    entry: u32,
}

/// One dictionary into English.
#[derive(Debug)]
pub struct Dictionary {
    /// `fin-eng`.
    pair: String,
    /// The source language's primary subtag (`fi`).
    lang: String,
    /// The folded headwords, one after another.
    keys: String,
    /// The translations, tab-separated, best first.
    values: String,
    /// Sorted by headword.
    entries: Vec<Entry>,
    stem_text: String,
    /// Sorted by stem.
    stems: Vec<Stem>,
    /// The language bucket whose stemmer made `stems`, if there is one.
    stemmer: Option<Bucket>,
    load_time: Duration,
}

/// Why a dictionary could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// A file cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The files hold no entry.
    #[error("{path} holds no entry")]
    Empty {
        /// The index file.
        path: PathBuf,
    },
}

/// The words of `text`, lower-cased and accent-folded as the index folds them.
fn fold(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    terms(analyzer, text)
}

/// The analyzer that folds without stemming.
fn folding() -> TextAnalyzer {
    Bucket::UNDETERMINED.analyzer()
}

/// The bucket whose stemmer stems `lang`, if tantivy has one.
fn stemmer_of(lang: &str) -> Option<Bucket> {
    let bucket = Bucket::for_language(lang);
    (bucket != Bucket::OTHER && bucket != Bucket::UNDETERMINED).then_some(bucket)
}

/// A headword's translations while a dictionary is read: each distinct phrase, how many
/// senses give it, and where it first came (place in its sense, then sense).
#[derive(Debug, Default)]
struct Ranked(Vec<(String, u16, (u16, u16))>);

impl Ranked {
    fn add_sense(&mut self, sense_number: usize, phrases: Vec<String>) {
        let mut seen: Vec<usize> = Vec::new();
        for (place, phrase) in phrases.into_iter().enumerate() {
            match self
                .0
                .iter()
                .position(|(p, _, _)| p.eq_ignore_ascii_case(&phrase))
            {
                Some(i) if !seen.contains(&i) => {
                    self.0[i].1 = self.0[i].1.saturating_add(1);
                    seen.push(i);
                }
                Some(_) => {}
                None if self.0.len() < RANKED_TRANSLATIONS => {
                    seen.push(self.0.len());
                    self.0.push((
                        phrase,
                        1,
                        (
                            place.min(u16::MAX as usize) as u16,
                            sense_number.min(u16::MAX as usize) as u16,
                        ),
                    ));
                }
                None => {}
            }
        }
    }

    /// The kept translations, best first, tab-separated.
    fn best(mut self) -> String {
        self.0
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
        self.0
            .into_iter()
            .take(KEPT_TRANSLATIONS)
            .map(|(phrase, _, _)| phrase.replace('\t', " "))
            .collect::<Vec<_>>()
            .join("\t")
    }
}

/// Builds a dictionary from its entries.
struct Builder {
    layout: Layout,
    folding: TextAnalyzer,
    headwords: HashMap<String, (usize, Ranked)>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            layout: Layout::Plain,
            folding: folding(),
            headwords: HashMap::new(),
        }
    }

    fn add(&mut self, headword: &str, text: &str) {
        if dictd::is_metadata(headword) {
            // dictfmt writes the dictionary's own entries first.
            if text.contains("WikDict") {
                self.layout = Layout::WikDict;
            }
            return;
        }
        let words = fold(&mut self.folding, headword);
        if words.is_empty() || words.len() > LONGEST_HEADWORD_WORDS {
            return;
        }
        let senses = dictd::senses(text, self.layout);
        if senses.is_empty() {
            return;
        }
        let (count, ranked) = self.headwords.entry(words.join(" ")).or_default();
        for sense in senses {
            ranked.add_sense(*count, sense);
            *count += 1;
        }
    }

    fn build(self, pair: &str, lang: &str) -> Dictionary {
        let mut headwords: Vec<(String, String)> = self
            .headwords
            .into_iter()
            .map(|(key, (_, ranked))| (key, ranked.best()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        headwords.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut keys = String::new();
        let mut values = String::new();
        let mut entries = Vec::with_capacity(headwords.len());
        for (key, value) in &headwords {
            let (key_start, value_start) = (keys.len(), values.len());
            keys.push_str(key);
            values.push_str(value);
            entries.push(Entry {
                key: Span::of(&keys, key_start),
                value: Span::of(&values, value_start),
            });
        }
        drop(headwords);
        let stemmer = stemmer_of(lang);
        let mut stem_text = String::new();
        let mut stems = Vec::new();
        if let Some(bucket) = stemmer {
            let mut analyzer = bucket.analyzer();
            let mut found: Vec<(String, u32)> = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                let key = entry.key.get(&keys);
                if key.contains(' ') {
                    continue;
                }
                if let Some(stem) = terms(&mut analyzer, key).into_iter().next() {
                    found.push((stem, i as u32));
                }
            }
            // Several headwords with one stem: the shortest stands for it.
            found.sort_by(|a, b| {
                a.0.cmp(&b.0).then_with(|| {
                    let length = |i: u32| entries[i as usize].key.get(&keys).len();
                    length(a.1).cmp(&length(b.1)).then(a.1.cmp(&b.1))
                })
            });
            found.dedup_by(|a, b| a.0 == b.0);
            stems.reserve_exact(found.len());
            for (stem, entry) in found {
                let start = stem_text.len();
                stem_text.push_str(&stem);
                stems.push(Stem {
                    stem: Span::of(&stem_text, start),
                    entry,
                });
            }
        }
        keys.shrink_to_fit();
        values.shrink_to_fit();
        stem_text.shrink_to_fit();
        Dictionary {
            pair: pair.to_owned(),
            lang: lang.to_owned(),
            keys,
            values,
            entries,
            stem_text,
            stems,
            stemmer,
            load_time: Duration::ZERO,
        }
    }
}

/// How a word was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    One(u32),
    Two(u32, u32),
}

impl Dictionary {
    /// Reads the dictd dictionary `index` (`NAME.index`) with its data `data`
    /// (`NAME.dict.dz`, or `NAME.dict` uncompressed), from `lang` (a primary subtag) into
    /// English, named `pair` (`fin-eng`).
    pub fn read(
        index: &Path,
        data: &Path,
        pair: &str,
        lang: &str,
    ) -> Result<Dictionary, DictionaryError> {
        let started = Instant::now();
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| DictionaryError::Io { path, source }
        };
        let file = std::fs::File::open(index).map_err(io(index))?;
        let (entries, _) = dictd::read_index(BufReader::new(file)).map_err(io(index))?;
        let file = BufReader::with_capacity(1 << 16, std::fs::File::open(data).map_err(io(data))?);
        let compressed = data.extension().is_some_and(|e| e == "dz" || e == "gz");
        let mut builder = Builder::new();
        let mut add = |headword: &str, text: &str| builder.add(headword, text);
        if compressed {
            // dictzip is gzip with an index of its chunks in the extra field, which a
            // gzip reader skips.
            dictd::for_each_entry(
                entries,
                flate2::bufread::MultiGzDecoder::new(file),
                &mut add,
            )
        } else {
            dictd::for_each_entry(entries, file, &mut add)
        }
        .map_err(io(data))?;
        let mut dictionary = builder.build(pair, lang);
        if dictionary.entries.is_empty() {
            return Err(DictionaryError::Empty {
                path: index.to_owned(),
            });
        }
        dictionary.load_time = started.elapsed();
        Ok(dictionary)
    }

    /// `fin-eng`.
    pub fn pair(&self) -> &str {
        &self.pair
    }

    /// The source language (a primary subtag: `fi`).
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Distinct headwords (folded).
    pub fn headwords(&self) -> usize {
        self.entries.len()
    }

    /// Bytes the dictionary holds in memory.
    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity()
            + self.values.capacity()
            + self.stem_text.capacity()
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.stems.capacity() * std::mem::size_of::<Stem>()
    }

    /// How long reading it took.
    pub fn load_time(&self) -> Duration {
        self.load_time
    }

    fn key(&self, i: u32) -> &str {
        self.entries[i as usize].key.get(&self.keys)
    }

    fn exact(&self, key: &str) -> Option<u32> {
        self.entries
            .binary_search_by(|entry| entry.key.get(&self.keys).cmp(key))
            .ok()
            .map(|i| i as u32)
    }

    fn by_stem(&self, word: &str, stemmer: &mut Option<TextAnalyzer>) -> Option<u32> {
        let analyzer = stemmer.as_mut()?;
        let stem = terms(analyzer, word).into_iter().next()?;
        let i = self
            .stems
            .binary_search_by(|s| s.stem.get(&self.stem_text).cmp(stem.as_str()))
            .ok()?;
        Some(self.stems[i].entry)
    }

    /// The headword sharing the longest beginning with `word`, if it shares all but a
    /// short ending of both.
    fn by_prefix(&self, word: &str) -> Option<u32> {
        let chars = word.chars().count();
        if chars < PREFIX_MIN_CHARS {
            return None;
        }
        let at = self
            .entries
            .partition_point(|entry| entry.key.get(&self.keys) < word);
        // The longest common beginning is with a neighbour in sorted order; phrases
        // (keys with a space) are skipped, a few on each side.
        let mut best: Option<(usize, usize, u32)> = None;
        let look = |i: usize, best: &mut Option<(usize, usize, u32)>| {
            let key = self.key(i as u32);
            if key.contains(' ') {
                return;
            }
            let common = word
                .chars()
                .zip(key.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let key_chars = key.chars().count();
            let better = match best {
                None => true,
                Some((c, k, _)) => common > *c || (common == *c && key_chars < *k),
            };
            if better {
                *best = Some((common, key_chars, i as u32));
            }
        };
        for i in (at.saturating_sub(8)..at).rev() {
            look(i, &mut best);
        }
        for i in at..(at + 8).min(self.entries.len()) {
            look(i, &mut best);
        }
        let (common, key_chars, i) = best?;
        (common >= PREFIX_MIN_CHARS
            && chars - common <= PREFIX_MAX_ENDING
            && key_chars - common <= PREFIX_MAX_HEADWORD_ENDING)
            .then_some(i)
    }

    /// `word` found by itself or through its inflections.
    fn inflected(
        &self,
        word: &str,
        options: &Options,
        stemmer: &mut Option<TextAnalyzer>,
    ) -> Option<u32> {
        self.exact(word)
            .or_else(|| options.stems.then(|| self.by_stem(word, stemmer)).flatten())
            .or_else(|| options.prefixes.then(|| self.by_prefix(word)).flatten())
    }

    /// `word` as a compound of two headwords (the head found as it is or by its stem,
    /// with or without a linking `s`; the tail inflected), the longest head first.
    fn compound(
        &self,
        word: &str,
        options: &Options,
        stemmer: &mut Option<TextAnalyzer>,
    ) -> Option<(u32, u32)> {
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
        if bounds.len() < 2 * COMPOUND_PART_CHARS {
            return None;
        }
        for split in (COMPOUND_PART_CHARS..=bounds.len() - COMPOUND_PART_CHARS).rev() {
            let (head, tail) = word.split_at(bounds[split]);
            let head_found = self
                .exact(head)
                .or_else(|| {
                    let bare = head.strip_suffix('s')?;
                    (bare.chars().count() >= COMPOUND_PART_CHARS)
                        .then(|| self.exact(bare))
                        .flatten()
                })
                .or_else(|| options.stems.then(|| self.by_stem(head, stemmer)).flatten());
            if let Some(head) = head_found
                && let Some(tail) = self.inflected(tail, options, stemmer)
            {
                return Some((head, tail));
            }
        }
        None
    }

    fn find_word(
        &self,
        word: &str,
        options: &Options,
        stemmer: &mut Option<TextAnalyzer>,
    ) -> Option<Found> {
        if let Some(i) = self.inflected(word, options, stemmer) {
            return Some(Found::One(i));
        }
        if options.compounds {
            return self
                .compound(word, options, stemmer)
                .map(|(head, tail)| Found::Two(head, tail));
        }
        None
    }

    fn push_translation(&self, out: &mut String, i: u32, options: &Options) {
        let value = self.entries[i as usize].value.get(&self.values);
        for phrase in value.split('\t').take(options.translations.max(1)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(phrase);
        }
    }

    /// `text` translated into English with the default [`Options`].
    pub fn translate(&self, text: &str) -> Translation {
        self.translate_with(text, &Options::default())
    }

    /// `text` translated into English.
    pub fn translate_with(&self, text: &str, options: &Options) -> Translation {
        let words = fold(&mut folding(), text);
        let mut stemmer = self.stemmer.filter(|_| options.stems).map(Bucket::analyzer);
        let is_content = |word: &str| {
            word.chars().count() >= CONTENT_WORD_CHARS && !word.chars().all(|c| c.is_numeric())
        };
        let mut out = String::with_capacity(text.len() * 2);
        let (mut content_words, mut found_words) = (0, 0);
        let mut i = 0;
        'words: while i < words.len() {
            for length in (2..=LONGEST_HEADWORD_WORDS).rev() {
                if i + length > words.len() {
                    continue;
                }
                if let Some(entry) = self.exact(&words[i..i + length].join(" ")) {
                    let content = words[i..i + length]
                        .iter()
                        .filter(|w| is_content(w))
                        .count();
                    content_words += content;
                    found_words += content;
                    self.push_translation(&mut out, entry, options);
                    i += length;
                    continue 'words;
                }
            }
            let word = &words[i];
            let content = usize::from(is_content(word));
            content_words += content;
            match self.find_word(word, options, &mut stemmer) {
                Some(Found::One(entry)) => {
                    found_words += content;
                    self.push_translation(&mut out, entry, options);
                }
                Some(Found::Two(head, tail)) => {
                    found_words += content;
                    self.push_translation(&mut out, head, options);
                    self.push_translation(&mut out, tail, options);
                }
                None if options.keep_unknown => {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
                None => {}
            }
            i += 1;
        }
        Translation {
            text: out,
            coverage: if content_words == 0 {
                0.0
            } else {
                found_words as f64 / content_words as f64
            },
            content_words,
            found_words,
        }
    }
}

/// The dictionaries of a folder, by source language.
#[derive(Debug, Default)]
pub struct Dictionaries {
    /// The folder read, if one is configured.
    dir: Option<PathBuf>,
    loaded: Vec<Dictionary>,
    /// Files that could not be read, and why.
    problems: Vec<String>,
}

/// How dictionary files are named: `freedict-XXX-eng.index` (Debian) or `XXX-eng.index`.
fn source_language_of(file_name: &str) -> Option<(&str, String)> {
    let name = file_name.strip_suffix(".index")?;
    let pair = name.strip_prefix("freedict-").unwrap_or(name);
    let source = pair.strip_suffix("-eng")?;
    if source.len() != 3 || !source.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let tag = vocab::language(source).ok()?;
    let lang = tag.primary().to_owned();
    (lang != "en").then_some((pair, lang))
}

impl Dictionaries {
    /// No dictionaries: none is configured.
    pub fn none() -> Dictionaries {
        Dictionaries::default()
    }

    /// Every dictionary into English in `dir` (`freedict-XXX-eng.index` with its
    /// `.dict.dz` or `.dict`): none when the folder is missing; a file that cannot be
    /// read is left out and said so ([`Dictionaries::problems`]).
    pub fn load(dir: &Path) -> Dictionaries {
        let mut out = Dictionaries {
            dir: Some(dir.to_owned()),
            ..Dictionaries::default()
        };
        let Ok(listing) = std::fs::read_dir(dir) else {
            return out;
        };
        let mut names: Vec<String> = listing
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        for name in names {
            let Some((pair, lang)) = source_language_of(&name) else {
                continue;
            };
            if out.get(&lang).is_some() {
                out.problems.push(format!(
                    "{name}: a dictionary from {lang} is loaded already"
                ));
                continue;
            }
            let stem = name.trim_end_matches(".index");
            let data = [".dict.dz", ".dict"]
                .iter()
                .map(|ending| dir.join(format!("{stem}{ending}")))
                .find(|path| path.is_file());
            let Some(data) = data else {
                out.problems.push(format!(
                    "{name}: no {stem}.dict.dz or {stem}.dict beside it"
                ));
                continue;
            };
            match Dictionary::read(&dir.join(&name), &data, pair, &lang) {
                Ok(dictionary) => {
                    tracing::info!(
                        pair = dictionary.pair(),
                        headwords = dictionary.headwords(),
                        mib = dictionary.heap_bytes() as f64 / (1 << 20) as f64,
                        millis = dictionary.load_time().as_millis() as u64,
                        "dictionary loaded"
                    );
                    out.loaded.push(dictionary);
                }
                Err(error) => {
                    tracing::warn!(%error, "dictionary left out");
                    out.problems.push(error.to_string());
                }
            }
        }
        out
    }

    /// Dictionaries already read (tests, tools).
    pub fn of(dictionaries: Vec<Dictionary>) -> Dictionaries {
        Dictionaries {
            dir: None,
            loaded: dictionaries,
            problems: Vec::new(),
        }
    }

    /// The dictionaries loaded.
    pub fn loaded(&self) -> &[Dictionary] {
        &self.loaded
    }

    /// Whether none is loaded.
    pub fn is_empty(&self) -> bool {
        self.loaded.is_empty()
    }

    /// The folder read.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Files left out, and why.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Why no dictionary is loaded (`None` when one is).
    pub fn off_because(&self) -> Option<String> {
        if !self.loaded.is_empty() {
            return None;
        }
        let fetch = "crosslingual/fetch-dictionaries.sh fetches FreeDict's from Debian";
        Some(match &self.dir {
            None => "no dictionaries folder is configured ([multilingual] dictionaries)".to_owned(),
            Some(dir) if !dir.is_dir() => {
                format!(
                    "the dictionaries folder {} does not exist ({fetch})",
                    dir.display()
                )
            }
            Some(dir) => {
                let mut reason = format!(
                    "the dictionaries folder {} holds no dictionary into English (freedict-XXX-eng.index and .dict.dz; {fetch})",
                    dir.display()
                );
                for problem in &self.problems {
                    reason.push_str("; ");
                    reason.push_str(problem);
                }
                reason
            }
        })
    }

    /// The dictionary from `lang` (a primary subtag, `fi`) into English.
    pub fn get(&self, lang: &str) -> Option<&Dictionary> {
        self.loaded.iter().find(|d| d.lang == lang)
    }

    /// `text` in `lang` translated into English (`None` without a dictionary for
    /// `lang`).
    pub fn translate(&self, lang: &str, text: &str) -> Option<Translation> {
        Some(self.get(lang)?.translate(text))
    }

    /// Bytes the dictionaries hold in memory.
    pub fn heap_bytes(&self) -> usize {
        self.loaded.iter().map(Dictionary::heap_bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny Finnish–English dictionary in both layouts' worth of entries.
    fn finnish(dir: &Path, compress: bool) -> Dictionary {
        let wikdict = "00-database-short\nsuomi-English FreeDict+WikDict dictionary\n";
        write_dictd(
            dir,
            "freedict-fin-eng",
            &[
                ("00databaseshort", wikdict),
                ("data", "data /ˈdɑtɑ/ <n>\ndata\ntietokoneella käsiteltävä tieto\n"),
                ("tiede", "tiede /tˈiede/ <n>\nscience\ntietojen kokonaisuus\n"),
                (
                    "kurssi",
                    "kurssi /kˈurssɪ/ <n>\n1. course 2.\nopintokokonaisuus\n 3.\nsuunta\n2. quotation, rate\narvo\n",
                ),
                ("johdanto", "johdanto <n>\nintroduction\nalku\n"),
                ("kone", "kone <n>\nmachine\nlaite\n"),
                ("oppiminen", "oppiminen <n>\nlearning\nse, että oppii\n"),
                ("koneoppiminen", "koneoppiminen <n>\nmachine learning\nala\n"),
                ("ja", "ja <conj>\nand\nsidesana\n"),
                ("Yhdistynyt kuningaskunta", "Yhdistynyt kuningaskunta <pn>\nUnited Kingdom\nvaltio\n"),
                ("hallinta", "hallinta <n>\n1. control\nhillintä\n2. mastery\nmääräysvalta\n"),
            ],
            compress,
        )
        .unwrap();
        let data = if compress {
            "freedict-fin-eng.dict.dz"
        } else {
            "freedict-fin-eng.dict"
        };
        Dictionary::read(
            &dir.join("freedict-fin-eng.index"),
            &dir.join(data),
            "fin-eng",
            "fi",
        )
        .unwrap()
    }

    #[test]
    fn a_dictionary_written_as_dictfmt_writes_it_is_read_back_compressed_or_not() {
        let dir = tempfile::tempdir().unwrap();
        for compress in [false, true] {
            let dictionary = finnish(dir.path(), compress);
            assert_eq!(dictionary.pair(), "fin-eng");
            assert_eq!(dictionary.headwords(), 10);
            assert!(dictionary.heap_bytes() > 0);
            // Glosses in Finnish are not translations.
            assert_eq!(dictionary.translate("tiede").text, "science");
            assert_eq!(dictionary.translate("kurssi").text, "course quotation rate");
        }
    }

    #[test]
    fn words_phrases_inflections_and_compounds_are_found_and_coverage_counts_content_words() {
        let dir = tempfile::tempdir().unwrap();
        let dictionary = finnish(dir.path(), false);
        let translation = dictionary.translate("Johdanto: datatiede ja konehallinta kurssilla");
        // "datatiede" and "konehallinta" are compounds of two headwords; "kurssilla" is
        // "kurssi" inflected (found by its stem); "ja" is no content word.
        assert_eq!(
            translation.text,
            "introduction data science and machine control mastery course quotation rate"
        );
        assert_eq!(translation.content_words, 4);
        assert_eq!(translation.found_words, 4);
        assert_eq!(translation.coverage, 1.0);
        // Finnish stems keep consonant gradation: "tieteen" (of science) is not "tiede".
        assert_eq!(dictionary.translate("tieteen").found_words, 0);

        // A phrase of several words is translated as one; words found nowhere are kept.
        let translation = dictionary.translate("Yhdistynyt kuningaskunta: Brexit ja talous");
        assert_eq!(translation.text, "United Kingdom brexit and talous");
        assert_eq!(translation.content_words, 4);
        assert_eq!(translation.found_words, 2);
        assert!((translation.coverage - 0.5).abs() < 1e-9);
        let dropped = dictionary.translate_with(
            "Brexit ja talous",
            &Options {
                keep_unknown: false,
                ..Options::default()
            },
        );
        assert_eq!(dropped.text, "and");

        // Without fallbacks only the exact words are found.
        let exact = Options {
            stems: false,
            prefixes: false,
            compounds: false,
            ..Options::default()
        };
        let translation = dictionary.translate_with("Johdanto datatiede kurssilla", &exact);
        assert_eq!(translation.found_words, 1);
        // An inflected form found by sharing all but its ending with a headword
        // (`hallinnan` shares too little with `hallinta`; `kurssilla` enough).
        let prefixes = Options {
            stems: false,
            compounds: false,
            ..Options::default()
        };
        assert_eq!(
            dictionary.translate_with("kurssilla", &prefixes).text,
            "course quotation rate"
        );
        assert_eq!(dictionary.translate_with("kurs", &prefixes).found_words, 0);
        assert_eq!(
            dictionary
                .translate_with(
                    "kurssi",
                    &Options {
                        translations: 1,
                        ..Options::default()
                    }
                )
                .text,
            "course"
        );
        // Accents and case are folded as the index folds them.
        assert_eq!(dictionary.translate("KONE").text, "machine");
        assert_eq!(dictionary.translate("").coverage, 0.0);
        let parts = [
            dictionary.translate("kone ja tiede"),
            dictionary.translate("talous"),
        ];
        assert!((Translation::coverage_of(&parts) - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn translations_more_senses_give_come_first() {
        let dir = tempfile::tempdir().unwrap();
        write_dictd(
            dir.path(),
            "freedict-deu-eng",
            &[
                (
                    "Kurs",
                    "Kurs <masc, n, sg>\n [fin.] share price <n>, stock price <n>\n",
                ),
                ("Kurs", "Kurs <masc, n, sg>\ncourse <n>, track <n>\n"),
                ("Kurs", "Kurs <masc, n, sg>\nrate <n>\n"),
                (
                    "Kurs",
                    "Kurs <masc, n, sg>\ncourse <n>, class <n> [Am.]\n   Synonyms: {Kursus}\n",
                ),
            ],
            false,
        )
        .unwrap();
        let dir = dir.path();
        let german = Dictionary::read(
            &dir.join("freedict-deu-eng.index"),
            &dir.join("freedict-deu-eng.dict"),
            "deu-eng",
            "de",
        )
        .unwrap();
        assert_eq!(german.translate("Kurs").text, "course share price rate");
    }

    #[test]
    fn a_folder_gives_the_dictionaries_it_has_and_says_why_when_none() {
        let none = Dictionaries::none();
        assert!(
            none.off_because()
                .unwrap()
                .contains("[multilingual] dictionaries")
        );
        let dir = tempfile::tempdir().unwrap();
        let missing = Dictionaries::load(&dir.path().join("nowhere"));
        assert!(missing.is_empty());
        assert!(missing.off_because().unwrap().contains("does not exist"));
        let empty = Dictionaries::load(dir.path());
        assert!(empty.off_because().unwrap().contains("holds no dictionary"));

        finnish(dir.path(), true);
        // An index without its data, one into another language and one that is not a
        // dictionary are left out.
        write_dictd(
            dir.path(),
            "freedict-swe-eng",
            &[("hej", "hej\nhello\n")],
            false,
        )
        .unwrap();
        std::fs::remove_file(dir.path().join("freedict-swe-eng.dict")).unwrap();
        write_dictd(
            dir.path(),
            "freedict-eng-fin",
            &[("hello", "hello\nhei\n")],
            false,
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.index"), "x").unwrap();
        let loaded = Dictionaries::load(dir.path());
        assert_eq!(loaded.loaded().len(), 1, "{:?}", loaded.problems());
        assert_eq!(loaded.off_because(), None);
        assert_eq!(loaded.get("fi").unwrap().lang(), "fi");
        assert!(loaded.problems()[0].contains("freedict-swe-eng.index"));
        assert_eq!(loaded.translate("fi", "tiede").unwrap().text, "science");
        assert_eq!(loaded.translate("sv", "hej"), None);
        assert!(loaded.heap_bytes() > 0);

        std::fs::remove_file(dir.path().join("freedict-fin-eng.dict.dz")).unwrap();
        let broken = Dictionaries::load(dir.path());
        assert!(
            broken
                .off_because()
                .unwrap()
                .contains("no freedict-fin-eng.dict.dz")
        );
    }

    /// The Finnish–English dictionary `crosslingual/fetch-dictionaries.sh` fetched into
    /// the folder `CLEARINGHOUSE_DICTIONARIES` names (`.ci/run` sets it), or a note that
    /// this test did not run.
    #[test]
    fn the_real_finnish_dictionary_translates_a_course_description() {
        let dir = std::env::var_os("CLEARINGHOUSE_DICTIONARIES")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .filter(|dir| dir.join("freedict-fin-eng.index").is_file());
        let Some(dir) = dir else {
            eprintln!(
                "note: the_real_finnish_dictionary_translates_a_course_description did not run: CLEARINGHOUSE_DICTIONARIES does not name a folder with freedict-fin-eng (run crosslingual/fetch-dictionaries.sh and set it to the folder it prints)"
            );
            return;
        };
        let finnish = Dictionary::read(
            &dir.join("freedict-fin-eng.index"),
            &dir.join("freedict-fin-eng.dict.dz"),
            "fin-eng",
            "fi",
        )
        .unwrap();
        assert!(finnish.headwords() > 30_000, "{}", finnish.headwords());
        let translation = finnish.translate(
            "Kyberturvallisuuden hallinta. Opiskelija ymmärtää tietoturvallisuuden periaatteet ja osaa analysoida dataa.",
        );
        assert!(translation.coverage >= 0.6, "{translation:?}");
        for word in ["security", "student", "understand", "principle", "analy"] {
            assert!(translation.text.contains(word), "{word}: {translation:?}");
        }
    }

    #[test]
    fn file_names_give_the_source_language() {
        assert_eq!(
            source_language_of("freedict-fin-eng.index"),
            Some(("fin-eng", "fi".to_owned()))
        );
        assert_eq!(
            source_language_of("deu-eng.index"),
            Some(("deu-eng", "de".to_owned()))
        );
        assert_eq!(source_language_of("freedict-eng-fin.index"), None);
        assert_eq!(source_language_of("freedict-fin-eng.dict.dz"), None);
        assert_eq!(
            source_language_of("freedict-xyz-eng.index").map(|p| p.1),
            Some("xyz".to_owned())
        );
    }
}
