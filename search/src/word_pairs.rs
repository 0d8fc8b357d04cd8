//! The word-pair index: two-word phrases as one term lookup.
//!
//! Every text field has a twin (`pairs_<kind>_<bucket>`) indexing each pair of adjacent
//! analysed words of the text as one term, `"<first> <second>"`, with its frequency but
//! no positions (as Elasticsearch's `index_phrases` does). A two-word phrase is then the
//! documents of one term, instead of the documents holding both words with their
//! positions decoded and compared: at 1M records a two-word phrase of the bench corpus
//! found ~4k phrases among ~87k documents holding both words.
//!
//! [`PairQuery`] scores exactly as tantivy's [`tantivy::query::PhraseQuery`] of the same
//! two words in the text field: BM25 with the phrase count as term frequency (a pair
//! term's frequency is the number of places the two words follow each other), the text
//! field's length norm, and the summed IDF of the two words in the text field.
//!
//! Words are adjacent when their positions follow each other: a word the analyzer drops
//! (longer than [`super::analysis::LONGEST_WORD_BYTES`]) separates its neighbours, and the
//! values of a multi-valued field are tokenized one by one, so no pair spans two values,
//! just as tantivy leaves a position gap between values.

use std::cell::RefCell;
use std::collections::VecDeque;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use super::analysis::Bucket;

/// What separates the two words of a pair term (the analyzers never leave a space in a
/// word).
const PAIR_SEPARATOR: char = ' ';

/// The pair term of two analysed words.
pub fn pair_text(first: &str, second: &str) -> String {
    let mut text = String::with_capacity(first.len() + 1 + second.len());
    text.push_str(first);
    text.push(PAIR_SEPARATOR);
    text.push_str(second);
    text
}

/// A tokenizer yielding the pairs of adjacent words that `words` makes of a text.
///
/// When indexing, tantivy analyses a document's text fields before their pair fields (in
/// field order, on one thread), so the text field's analyzer keeps the words it made
/// ([`RememberWords`]) and the pair field takes them instead of analysing the same text a
/// second time, which cost ~15 % of a harvest's CPU. A text it does not find is analysed
/// again: the pairs are the same either way.
#[derive(Clone)]
pub struct WordPairs {
    words: TextAnalyzer,
    /// The bucket whose remembered words to use, if any.
    bucket: Option<usize>,
}

impl WordPairs {
    /// Pairs of the words of `words` (a bucket's analyzer), always analysing the text.
    #[cfg(test)]
    pub fn new(words: TextAnalyzer) -> WordPairs {
        WordPairs {
            words,
            bucket: None,
        }
    }

    /// Pairs of the words of `bucket`'s analyzer, taking the words [`RememberWords`] kept
    /// for the same text in the same bucket on this thread.
    pub fn remembering(bucket: Bucket) -> WordPairs {
        WordPairs {
            words: bucket.analyzer(),
            bucket: Some(bucket.0),
        }
    }
}

/// Most texts whose words a thread keeps until their pair field reads them (a record has
/// a few dozen text values).
const REMEMBERED_TEXTS: usize = 64;
/// Longer texts are analysed twice rather than kept (bounds a thread's memory).
const LONGEST_REMEMBERED_TEXT: usize = 16 * 1024;

/// A text analysed in a bucket, and its words (one buffer for all of them: one
/// allocation per text, not per word).
struct Analysed {
    bucket: usize,
    text: String,
    words: Words,
}

/// The words of a text: their texts end to end, and per word its end in that buffer,
/// position and offsets.
#[derive(Default)]
struct Words {
    texts: String,
    words: Vec<Word>,
}

struct Word {
    end: usize,
    position: usize,
    offset_from: usize,
    offset_to: usize,
}

impl Words {
    fn push(&mut self, token: &Token) {
        self.texts.push_str(&token.text);
        self.words.push(Word {
            end: self.texts.len(),
            position: token.position,
            offset_from: token.offset_from,
            offset_to: token.offset_to,
        });
    }

    fn text(&self, index: usize) -> &str {
        let start = index
            .checked_sub(1)
            .map_or(0, |previous| self.words[previous].end);
        &self.texts[start..self.words[index].end]
    }
}

thread_local! {
    /// Per thread: the texts analysed last by a [`RememberWords`] analyzer, oldest first.
    static RECENT: RefCell<VecDeque<Analysed>> = const { RefCell::new(VecDeque::new()) };
}

fn remember(bucket: usize, text: &str, words: Words) {
    if text.len() > LONGEST_REMEMBERED_TEXT {
        return;
    }
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() >= REMEMBERED_TEXTS {
            recent.pop_front();
        }
        recent.push_back(Analysed {
            bucket,
            text: text.to_owned(),
            words,
        });
    });
}

/// The words kept for `text` in `bucket`, if any (taken: each is read once).
fn recall(bucket: usize, text: &str) -> Option<Words> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let at = recent
            .iter()
            .rposition(|analysed| analysed.bucket == bucket && analysed.text == text)?;
        recent.remove(at).map(|analysed| analysed.words)
    })
}

/// A token filter, last of a text field's analyzer, keeping the words of each text it
/// analyses for the pair field's [`WordPairs::remembering`].
#[derive(Clone)]
pub struct RememberWords {
    bucket: usize,
}

impl RememberWords {
    /// Keeps words for the pair fields of `bucket`.
    pub fn new(bucket: Bucket) -> RememberWords {
        RememberWords { bucket: bucket.0 }
    }
}

impl TokenFilter for RememberWords {
    type Tokenizer<T: Tokenizer> = RememberWordsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RememberWordsFilter<T> {
        RememberWordsFilter {
            bucket: self.bucket,
            inner: tokenizer,
        }
    }
}

/// [`RememberWords`] over the analyzer `inner`.
#[derive(Clone)]
pub struct RememberWordsFilter<T> {
    bucket: usize,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RememberWordsFilter<T> {
    type TokenStream<'a> = RememberWordsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RememberWordsStream {
            bucket: self.bucket,
            text,
            words: Words::default(),
            kept: false,
            tail: self.inner.token_stream(text),
        }
    }
}

/// The words of one text, kept when the text ends.
pub struct RememberWordsStream<'a, T> {
    bucket: usize,
    text: &'a str,
    words: Words,
    /// Whether the words were handed over (at the end of the text).
    kept: bool,
    tail: T,
}

impl<T: TokenStream> TokenStream for RememberWordsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.tail.advance() {
            self.words.push(self.tail.token());
            return true;
        }
        if !self.kept {
            self.kept = true;
            remember(self.bucket, self.text, std::mem::take(&mut self.words));
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

impl Tokenizer for WordPairs {
    type TokenStream<'a> = WordPairStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordPairStream<'a> {
        let remembered = self
            .bucket
            .and_then(|bucket| recall(bucket, text))
            .map(|words| (words, 1));
        WordPairStream {
            words: match remembered {
                Some(_) => None,
                None => Some(self.words.token_stream(text)),
            },
            remembered,
            previous: None,
            token: Token::default(),
        }
    }
}

/// The pairs of one text.
pub struct WordPairStream<'a> {
    /// The words of the text, analysed here (when [`RememberWords`] has not kept them).
    words: Option<tantivy::tokenizer::BoxTokenStream<'a>>,
    /// The words the text field's analyzer kept, and the index of the next pair's
    /// second word.
    remembered: Option<(Words, usize)>,
    /// The last word read: its text, position and start offset.
    previous: Option<(String, usize, usize)>,
    token: Token,
}

impl TokenStream for WordPairStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((words, next)) = &mut self.remembered {
            while *next < words.words.len() {
                let (first, second) = (&words.words[*next - 1], &words.words[*next]);
                let at = *next;
                *next += 1;
                if first.position + 1 == second.position {
                    set_pair(
                        &mut self.token,
                        [words.text(at - 1), words.text(at)],
                        first.position,
                        (first.offset_from, second.offset_to),
                    );
                    return true;
                }
            }
            return false;
        }
        let Some(words) = &mut self.words else {
            return false;
        };
        while words.advance() {
            let word = words.token();
            let adjacent = self
                .previous
                .as_ref()
                .filter(|(_, position, _)| position + 1 == word.position);
            let emitted = if let Some((first, position, offset_from)) = adjacent {
                set_pair(
                    &mut self.token,
                    [first, &word.text],
                    *position,
                    (*offset_from, word.offset_to),
                );
                true
            } else {
                false
            };
            match &mut self.previous {
                Some((text, position, offset_from)) => {
                    text.clone_from(&word.text);
                    *position = word.position;
                    *offset_from = word.offset_from;
                }
                None => {
                    self.previous = Some((word.text.clone(), word.position, word.offset_from));
                }
            }
            if emitted {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Makes `token` the pair of `words`, the first at `position`, spanning `offsets`
/// (the term is [`pair_text`]'s, written into the token's own buffer).
fn set_pair(token: &mut Token, words: [&str; 2], position: usize, offsets: (usize, usize)) {
    token.text.clear();
    token.text.push_str(words[0]);
    token.text.push(PAIR_SEPARATOR);
    token.text.push_str(words[1]);
    token.position = position;
    (token.offset_from, token.offset_to) = offsets;
    token.position_length = 1;
}

/// The two-word phrase `first second` of `text_field`, answered from the pair field
/// `pair_field` and scored as the phrase query of the text field would be.
#[derive(Debug, Clone)]
pub struct PairQuery {
    text_field: Field,
    pair_field: Field,
    words: [String; 2],
}

impl PairQuery {
    /// The phrase of the two analysed words `words` in `text_field`, whose pairs are
    /// indexed in `pair_field`.
    pub fn new(text_field: Field, pair_field: Field, words: [String; 2]) -> PairQuery {
        PairQuery {
            text_field,
            pair_field,
            words,
        }
    }
}

impl Query for PairQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let terms = self
                    .words
                    .each_ref()
                    .map(|word| Term::from_field_text(self.text_field, word));
                Some(Bm25Weight::for_terms(statistics_provider, &terms)?)
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(PairWeight {
            text_field: self.text_field,
            pair_term: Term::from_field_text(
                self.pair_field,
                &pair_text(&self.words[0], &self.words[1]),
            ),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, _visitor: &mut dyn FnMut(&'a Term, bool)) {
        // The text field's terms are not held as `Term`s; snippets are cut from the
        // analysed clauses, not from query terms.
    }
}

struct PairWeight {
    text_field: Field,
    pair_term: Term,
    /// `None` when scoring is disabled.
    bm25: Option<Bm25Weight>,
}

impl PairWeight {
    fn pair_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PairScorer>> {
        let Some(postings) = reader
            .inverted_index(self.pair_term.field())?
            .read_postings(&self.pair_term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        let fieldnorms = match &self.bm25 {
            Some(_) => reader.fieldnorms_readers().get_field(self.text_field)?,
            None => None,
        }
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        Ok(Some(PairScorer {
            postings,
            fieldnorms,
            bm25: self.bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
        }))
    }
}

impl Weight for PairWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.pair_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_found =
            || TantivyError::InvalidArgument(format!("document #({doc}) does not match"));
        let mut scorer = self.pair_scorer(reader, 1.0)?.ok_or_else(not_found)?;
        if scorer.seek(doc) != doc {
            return Err(not_found());
        }
        let mut explanation = Explanation::new("Word pair", scorer.score());
        if let Some(bm25) = &self.bm25 {
            explanation.add_detail(bm25.explain(
                scorer.fieldnorms.fieldnorm_id(doc),
                scorer.postings.term_freq(),
            ));
        }
        Ok(explanation)
    }
}

/// The documents of a pair term, scored by BM25 of its frequency under the text field's
/// length norm.
struct PairScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for PairScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PairScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(
                self.fieldnorms.fieldnorm_id(self.postings.doc()),
                self.postings.term_freq(),
            ),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Bucket, terms};

    fn pairs(bucket: &str, text: &str) -> Vec<(String, usize)> {
        let bucket = Bucket::all().find(|b| b.name() == bucket).unwrap();
        let mut tokenizer = WordPairs::new(bucket.analyzer());
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn remembered_words_make_the_same_pairs_and_are_taken_once() {
        let long = "x".repeat(60);
        for (bucket, text) in [
            ("en", "Machine Learning for data data".to_owned()),
            ("und", format!("a {long} b c")),
            ("de", "Daten-Wissenschaft für Anfänger".to_owned()),
            ("en", String::new()),
        ] {
            let bucket = Bucket::all().find(|b| b.name() == bucket).unwrap();
            let expected = pairs(bucket.name(), &text);
            // The text field's analyzer runs first and keeps the words.
            let mut words = crate::stem_cache::indexing_analyzer(bucket);
            words.token_stream(&text).process(&mut |_| {});
            assert_eq!(RECENT.with(|recent| recent.borrow().len()), 1);
            let mut remembering = WordPairs::remembering(bucket);
            let mut got = Vec::new();
            remembering
                .token_stream(&text)
                .process(&mut |token| got.push((token.text.clone(), token.position)));
            assert_eq!(got, expected, "{text}");
            assert_eq!(RECENT.with(|recent| recent.borrow().len()), 0, "taken");
            // Without kept words the text is analysed again, to the same pairs.
            let mut got = Vec::new();
            remembering
                .token_stream(&text)
                .process(&mut |token| got.push((token.text.clone(), token.position)));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn adjacent_analysed_words_make_pairs() {
        let owned = |list: &[(&str, usize)]| -> Vec<(String, usize)> {
            list.iter().map(|(t, p)| ((*t).to_owned(), *p)).collect()
        };
        assert_eq!(
            pairs("en", "Machine Learning for data data"),
            owned(&[
                ("machin learn", 0),
                ("learn for", 1),
                ("for data", 2),
                ("data data", 3)
            ])
        );
        assert_eq!(pairs("en", "data"), owned(&[]));
        assert_eq!(pairs("en", ""), owned(&[]));
        // A dropped over-long word separates its neighbours, as it does for phrases.
        let long = "x".repeat(60);
        assert_eq!(pairs("und", &format!("a {long} b c")), owned(&[("b c", 2)]));
        let bucket = Bucket::all().find(|b| b.name() == "de").unwrap();
        let words = terms(&mut bucket.analyzer(), "Daten Wissenschaft");
        assert_eq!(
            pairs("de", "Daten Wissenschaft"),
            owned(&[(pair_text(&words[0], &words[1]).as_str(), 0)])
        );
    }
}
