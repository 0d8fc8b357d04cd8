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

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

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
#[derive(Clone)]
pub struct WordPairs {
    words: TextAnalyzer,
}

impl WordPairs {
    /// Pairs of the words of `words` (a bucket's analyzer).
    pub fn new(words: TextAnalyzer) -> WordPairs {
        WordPairs { words }
    }
}

impl Tokenizer for WordPairs {
    type TokenStream<'a> = WordPairStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordPairStream<'a> {
        WordPairStream {
            words: self.words.token_stream(text),
            previous: None,
            token: Token::default(),
        }
    }
}

/// The pairs of one text.
pub struct WordPairStream<'a> {
    words: tantivy::tokenizer::BoxTokenStream<'a>,
    /// The last word read: its text, position and start offset.
    previous: Option<(String, usize, usize)>,
    token: Token,
}

impl TokenStream for WordPairStream<'_> {
    fn advance(&mut self) -> bool {
        while self.words.advance() {
            let word = self.words.token();
            let adjacent = self
                .previous
                .as_ref()
                .filter(|(_, position, _)| position + 1 == word.position);
            let emitted = if let Some((first, position, offset_from)) = adjacent {
                self.token.text.clear();
                self.token.text.push_str(first);
                self.token.text.push(PAIR_SEPARATOR);
                self.token.text.push_str(&word.text);
                self.token.position = *position;
                self.token.offset_from = *offset_from;
                self.token.offset_to = word.offset_to;
                self.token.position_length = 1;
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
    use crate::search::analysis::{Bucket, terms};

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
