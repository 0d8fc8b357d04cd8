//! Analyzers that remember the stems they computed.
//!
//! Snowball stemming of every word was most of the cost of cutting a snippet, ~8 % of
//! the CPU of a harvest (tantivy's indexing threads) and a large part of an equivalence
//! lookup's text features. Texts of one catalogue share most of their words, so each
//! thread keeps the stems it computed, per language, and stems a word only the first
//! time it sees it. The stems are the stemmer's own, so snippets are
//! exactly the ones the plain analyzer gives. The memory is bounded: a thread's table is
//! emptied when it holds [`MAX_STEMS_PER_THREAD`] words.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

use super::analysis::{Bucket, LONGEST_WORD_BYTES};
use super::word_pairs::RememberWords;

/// Most words whose stem a thread remembers (a few MiB).
const MAX_STEMS_PER_THREAD: usize = 50_000;

/// One thread's remembered stems of one bucket. The hasher is randomly seeded, so text
/// from a feed cannot be made to collide.
type StemTable = HashMap<String, String, foldhash::fast::RandomState>;

thread_local! {
    /// Per thread: the remembered stems, indexed by bucket.
    static STEMS: RefCell<Vec<StemTable>> = RefCell::new(
        (0..Bucket::COUNT).map(|_| StemTable::default()).collect()
    );
}

impl Bucket {
    /// This bucket's analyzer: words, lower case, accents folded, then stemmed where
    /// tantivy has a stemmer for the language. Stems are remembered per thread; the terms
    /// are exactly those of tantivy's own stemmer.
    pub fn analyzer(self) -> TextAnalyzer {
        analyzer_then(self, None)
    }
}

/// The analyzer of `bucket`'s text fields when indexing: [`Bucket::analyzer`], then
/// keeping each text's words for its pair field ([`RememberWords`]).
pub(super) fn indexing_analyzer(bucket: Bucket) -> TextAnalyzer {
    analyzer_then(bucket, Some(RememberWords::new(bucket)))
}

fn analyzer_then(bucket: Bucket, last: Option<RememberWords>) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match (bucket.stem_language(), last) {
        (Some(language), last) => {
            let stemmed = base.filter(CachedStemmer {
                bucket: bucket.0,
                language,
            });
            match last {
                Some(last) => stemmed.filter(last).build(),
                None => stemmed.build(),
            }
        }
        (None, Some(last)) => base.filter(last).build(),
        (None, None) => base.build(),
    }
}

/// A stemming token filter that looks the stem up in the thread's table first.
#[derive(Clone)]
struct CachedStemmer {
    bucket: usize,
    language: Language,
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            bucket: self.bucket,
            word_stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(self.language))
                .build(),
            inner: tokenizer,
        }
    }
}

#[derive(Clone)]
struct CachedStemmerFilter<T> {
    bucket: usize,
    /// Stems one word (the whole input is one token).
    word_stemmer: TextAnalyzer,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            bucket: self.bucket,
            word_stemmer: &mut self.word_stemmer,
            tail: self.inner.token_stream(text),
        }
    }
}

struct CachedStemmerStream<'a, T> {
    bucket: usize,
    word_stemmer: &'a mut TextAnalyzer,
    tail: T,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let bucket = self.bucket;
        let word_stemmer = &mut *self.word_stemmer;
        let token = self.tail.token_mut();
        STEMS.with(|stems| {
            let mut stems = stems.borrow_mut();
            let table = &mut stems[bucket];
            if let Some(stem) = table.get(&token.text) {
                token.text.clone_from(stem);
                return;
            }
            let mut stream = word_stemmer.token_stream(&token.text);
            let stem = if stream.advance() {
                stream.token().text.clone()
            } else {
                token.text.clone()
            };
            drop(stream);
            if table.len() >= MAX_STEMS_PER_THREAD {
                table.clear();
            }
            table.insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::terms;

    /// The analyzer of `bucket` as tantivy alone makes it, stemming every word afresh.
    fn plain_analyzer(bucket: Bucket) -> TextAnalyzer {
        let base = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter);
        match bucket.stem_language() {
            Some(language) => base.filter(Stemmer::new(language)).build(),
            None => base.build(),
        }
    }

    #[test]
    fn remembered_stems_are_the_stemmers_own() {
        let text = "Données données DONNÉES analysing analysed analyses running runs \
                    Universität universities";
        for bucket in Bucket::all() {
            let plain = terms(&mut plain_analyzer(bucket), text);
            // Twice: the second run reads every stem from the table.
            assert_eq!(terms(&mut bucket.analyzer(), text), plain);
            assert_eq!(terms(&mut bucket.analyzer(), text), plain);
        }
    }
}
