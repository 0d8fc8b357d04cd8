//! The best documents of a weighted disjunction of terms, scored a term at a time.
//!
//! An equivalence lookup's candidate query is a disjunction of ~150 terms (48 words in
//! three fields, and keys); at 1M records their postings hold from a few hundred thousand
//! to ten million entries, and scoring them was ~70 % of a lookup's CPU. Tantivy's union
//! scores a document at a time: for each window of documents it walks every term's
//! postings through its scorer. [`top`] scores a term at a time instead: each term's
//! postings are read a block of 128 documents at a time, and each document's BM25 score
//! (tantivy's, with the clause's boost) is added to that document's slot in a dense array
//! of the part of the index being scored; the array is then read once for the best.
//!
//! A document's terms are added up in the order of the clauses, in `f64`, whichever part
//! or thread scores it; the sum is rounded to `f32` once. (The terms' scores are `f32`s;
//! while they lie within a factor of about two million of each other, as they do but for
//! terms in almost every document, that sum is exact.) Tantivy's union adds in `f32`, in
//! an order that changes as postings run out, so its scores can differ from these in the
//! last bit; the hits are the same up to such near ties (tested against `TopDocs`, and on
//! the 1M bench corpus: the same hits in the same order for all 151 sampled lookups).
//!
//! The documents of all segments are taken as one range, scored in [`PARTS`] parts on
//! two cores when a second one is free ([`parallel::map_parts`]): at 1M the index has one
//! big segment, so parts made of whole segments would not share the work out. The
//! documents of a part are scored in chunks of [`CHUNK`], so that the array (1 MiB) stays
//! in a core's cache also when there is no second core and one thread scores everything.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Mutex;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{BlockSegmentPostings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

use crate::parallel;

/// A disjunction of weighted terms: the documents holding at least one clause's term,
/// never one holding `excluded`, and (when given) only those holding `required`.
#[derive(Debug, Clone, Default)]
pub(super) struct Disjunction {
    /// The SHOULD clauses: a term, its boost and what its postings are read with.
    pub(super) clauses: Vec<(Term, Score, IndexRecordOption)>,
    /// Documents holding this term are left out.
    pub(super) excluded: Option<Term>,
    /// Only documents holding this term; its score is added to theirs.
    pub(super) required: Option<Term>,
}

/// A scored document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Hit {
    pub(super) score: Score,
    pub(super) address: DocAddress,
}

/// The best `n` documents of `query` by score, best first, ties by address: what
/// `TopDocs::with_limit(n).order_by_score()` finds for the same query as a tantivy
/// `BooleanQuery`, up to the last bit of a score (see the module documentation).
pub(super) fn top(searcher: &Searcher, query: &Disjunction, n: usize) -> tantivy::Result<Vec<Hit>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let weighted = Weighted::of(searcher, query)?;
    let readers = searcher.segment_readers();
    let parts = parallel::map_parts(
        PARTS,
        Thread::default(),
        Thread::default,
        |thread, part, parts| thread.part(&weighted, readers, &doc_ranges(readers, part, parts), n),
    );
    let mut hits = Vec::new();
    for part in parts {
        hits.extend(part?);
    }
    hits.sort_by(by_score_then_address);
    hits.truncate(n);
    Ok(hits)
}

/// Parts the documents are scored in when two cores share them: more parts balance
/// better when the helper's core is taken away. Each thread opens the postings once per
/// segment and reads on through the parts it takes, so a part costs little more than its
/// documents.
const PARTS: usize = 8;

/// A clause with its BM25 weight.
struct WeightedTerm {
    term: Term,
    option: IndexRecordOption,
    weight: Bm25Weight,
}

impl WeightedTerm {
    fn of(
        searcher: &Searcher,
        term: &Term,
        boost: Score,
        option: IndexRecordOption,
    ) -> tantivy::Result<WeightedTerm> {
        // The weight a `BoostQuery` of a `TermQuery` scores with.
        let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?.boost_by(boost);
        Ok(WeightedTerm {
            term: term.clone(),
            option,
            weight,
        })
    }

    /// The field's norms in `reader`, as tantivy's `TermWeight` scores with them: 1 for
    /// every document where the field has none.
    fn fieldnorms(&self, reader: &SegmentReader) -> tantivy::Result<FieldNormReader> {
        Ok(
            match reader.fieldnorms_readers().get_field(self.term.field())? {
                Some(fieldnorms) => fieldnorms,
                None => FieldNormReader::constant(reader.max_doc(), 1),
            },
        )
    }

    /// This term's postings in `reader`, a block at a time (`None` if the segment does
    /// not hold the term).
    fn blocks(&self, reader: &SegmentReader) -> tantivy::Result<Option<Blocks>> {
        let Some(postings) = reader
            .inverted_index(self.term.field())?
            .read_block_postings(&self.term, self.option)?
        else {
            return Ok(None);
        };
        Ok(Some(Blocks {
            postings,
            fieldnorms: self.fieldnorms(reader)?,
            weight: self.weight.clone(),
        }))
    }

    /// This term's postings in `reader`, a document at a time, with what scores them.
    fn docs(&self, reader: &SegmentReader) -> tantivy::Result<Option<Docs>> {
        let Some(postings) = reader
            .inverted_index(self.term.field())?
            .read_postings(&self.term, self.option)?
        else {
            return Ok(None);
        };
        Ok(Some(Docs {
            postings,
            fieldnorms: self.fieldnorms(reader)?,
            weight: self.weight.clone(),
        }))
    }
}

/// A query's clauses weighted over the whole searcher (shared by the threads).
struct Weighted {
    clauses: Vec<WeightedTerm>,
    excluded: Option<Term>,
    required: Option<WeightedTerm>,
}

impl Weighted {
    fn of(searcher: &Searcher, query: &Disjunction) -> tantivy::Result<Weighted> {
        let clauses = query
            .clauses
            .iter()
            .map(|(term, boost, option)| WeightedTerm::of(searcher, term, *boost, *option))
            .collect::<tantivy::Result<_>>()?;
        let required = query
            .required
            .as_ref()
            .map(|term| WeightedTerm::of(searcher, term, 1.0, IndexRecordOption::Basic))
            .transpose()?;
        Ok(Weighted {
            clauses,
            excluded: query.excluded.clone(),
            required,
        })
    }
}

/// One term's postings in one segment, read a block at a time, with what scores them.
struct Blocks {
    postings: BlockSegmentPostings,
    fieldnorms: FieldNormReader,
    weight: Bm25Weight,
}

impl Blocks {
    /// Adds the score of each of the term's documents in `start..end` to its slot of
    /// `scores` (`scores[doc - start]`). The postings are left on the block holding the
    /// first document at or after `end`.
    fn add_to(&mut self, start: DocId, end: DocId, scores: &mut [f64]) {
        let mut at = self.postings.seek(start);
        loop {
            let docs = self.postings.docs();
            if docs.is_empty() {
                return;
            }
            for (i, &doc) in docs.iter().enumerate().skip(at) {
                if doc >= end {
                    return;
                }
                // As tantivy's `TermScorer` scores (a term read without its frequencies
                // counts once).
                let fieldnorm_id = self.fieldnorms.fieldnorm_id(doc);
                let score = self.weight.score(fieldnorm_id, self.postings.freq(i));
                scores[(doc - start) as usize] += f64::from(score);
            }
            self.postings.advance();
            at = 0;
        }
    }
}

/// One term's postings in one segment, read a document at a time.
struct Docs {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    weight: Bm25Weight,
}

impl Docs {
    /// Whether the term holds `doc` (not before the last document asked about).
    fn holds(&mut self, doc: DocId) -> bool {
        let at = self.postings.doc();
        let at = if at < doc {
            self.postings.seek(doc)
        } else {
            at
        };
        at == doc
    }

    /// The score of the document [`Docs::holds`] last found.
    fn score(&self) -> Score {
        let fieldnorm_id = self.fieldnorms.fieldnorm_id(self.postings.doc());
        self.weight.score(
            fieldnorm_id,
            tantivy::postings::Postings::term_freq(&self.postings),
        )
    }
}

/// One thread's postings of one segment.
struct SegmentTerms {
    terms: Vec<Blocks>,
    required: Option<Docs>,
    /// False when the query requires a term the segment holds nowhere.
    any: bool,
    /// The documents holding the excluded term.
    excluded: Vec<DocId>,
    /// Documents before this one are done: the postings cannot serve a range before it.
    reached: DocId,
}

impl SegmentTerms {
    fn open(weighted: &Weighted, reader: &SegmentReader) -> tantivy::Result<SegmentTerms> {
        let mut terms = Vec::with_capacity(weighted.clauses.len());
        for clause in &weighted.clauses {
            terms.extend(clause.blocks(reader)?);
        }
        let (required, any) = match &weighted.required {
            Some(term) => {
                let docs = term.docs(reader)?;
                let any = docs.is_some();
                (docs, any)
            }
            None => (None, true),
        };
        let mut excluded = Vec::new();
        if let Some(term) = &weighted.excluded
            && let Some(mut postings) = reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::Basic)?
        {
            while postings.doc() != TERMINATED {
                excluded.push(postings.doc());
                postings.advance();
            }
        }
        Ok(SegmentTerms {
            terms,
            required,
            any,
            excluded,
            reached: 0,
        })
    }
}

/// Documents scored together: their array of scores (1 MiB) stays in a core's cache,
/// also when a lookup has no second core and scores the whole index as one part.
const CHUNK: DocId = 1 << 17;

/// Arrays of scores let go by finished threads, for the next ones (a lookup's helper
/// thread is new each time, so a thread-local array would not be kept).
static SPARE_SCORES: Mutex<Vec<Vec<f64>>> = Mutex::new(Vec::new());

/// One thread's work: its postings by segment and its array of scores (all 0 between
/// chunks).
struct Thread {
    segments: Vec<Option<SegmentTerms>>,
    scores: Vec<f64>,
    /// Documents scored together ([`CHUNK`]; fewer in tests).
    chunk: DocId,
}

impl Default for Thread {
    fn default() -> Thread {
        let spare = SPARE_SCORES.lock().ok().and_then(|mut spare| spare.pop());
        Thread {
            segments: Vec::new(),
            scores: spare.unwrap_or_else(|| vec![0.0; CHUNK as usize]),
            chunk: CHUNK,
        }
    }
}

impl Drop for Thread {
    fn drop(&mut self) {
        // An array left part-filled by a panic is not given back.
        if !std::thread::panicking()
            && let Ok(mut spare) = SPARE_SCORES.lock()
            && spare.len() < MAX_SPARE_SCORES
        {
            spare.push(std::mem::take(&mut self.scores));
        }
    }
}

/// Arrays of scores kept for later threads: enough for the lookups one machine runs at
/// once, each with a helper.
const MAX_SPARE_SCORES: usize = 32;

impl Thread {
    /// The best `n` live documents of `ranges` (a part), in no particular order.
    fn part(
        &mut self,
        weighted: &Weighted,
        readers: &[SegmentReader],
        ranges: &[DocRange],
        n: usize,
    ) -> tantivy::Result<Vec<Hit>> {
        let mut best = Best {
            n,
            heap: BinaryHeap::with_capacity(n + 1),
        };
        for range in ranges {
            let segment = range.segment as usize;
            let reader = &readers[segment];
            if self.segments.len() <= segment {
                self.segments.resize_with(segment + 1, || None);
            }
            let terms = match &mut self.segments[segment] {
                Some(terms) if terms.reached <= range.start => terms,
                slot => slot.insert(SegmentTerms::open(weighted, reader)?),
            };
            terms.reached = range.end;
            if !terms.any {
                continue;
            }
            let mut start = range.start;
            while start < range.end {
                let end = range.end.min(start.saturating_add(self.chunk));
                let chunk = DocRange {
                    segment: range.segment,
                    start,
                    end,
                };
                best_of_chunk(terms, reader, &chunk, &mut self.scores, &mut best);
                start = end;
            }
        }
        Ok(best.heap.into_iter().map(|Worst(hit)| hit).collect())
    }
}

/// Scores the documents of `chunk` (at most [`CHUNK`]) into `best`, with `scores` (all 0,
/// and left so).
fn best_of_chunk(
    terms: &mut SegmentTerms,
    reader: &SegmentReader,
    chunk: &DocRange,
    scores: &mut [f64],
    best: &mut Best,
) {
    let scores = &mut scores[..(chunk.end - chunk.start) as usize];
    for term in &mut terms.terms {
        term.add_to(chunk.start, chunk.end, scores);
    }
    let alive = reader.alive_bitset();
    for (slot, score) in scores.iter_mut().enumerate() {
        // Every BM25 score is above 0: a slot above 0 is a document that matched.
        let text = std::mem::take(score);
        if text == 0.0 {
            continue;
        }
        let text = text as Score;
        let doc = chunk.start + slot as DocId;
        // Documents come in increasing address order, so one that only ties with
        // the worst hit held cannot enter.
        if (terms.required.is_none() && best.cannot_enter(text))
            || alive.is_some_and(|alive| !alive.is_alive(doc))
            || terms.excluded.contains(&doc)
        {
            continue;
        }
        let score = match &mut terms.required {
            // As tantivy's intersection adds its two scorers' scores.
            Some(required) => {
                if !required.holds(doc) {
                    continue;
                }
                text + required.score()
            }
            None => text,
        };
        best.offer(Hit {
            score,
            address: DocAddress::new(chunk.segment, doc),
        });
    }
}

/// The best `n` hits seen, as a heap whose top is the worst of them.
struct Best {
    n: usize,
    heap: BinaryHeap<Worst>,
}

impl Best {
    /// Whether a document of `score` and of a greater address than all held is kept out.
    fn cannot_enter(&self, score: Score) -> bool {
        self.heap.len() >= self.n
            && self
                .heap
                .peek()
                .is_some_and(|Worst(worst)| worst.score >= score)
    }

    fn offer(&mut self, hit: Hit) {
        if self.heap.len() < self.n {
            self.heap.push(Worst(hit));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && by_score_then_address(&hit, &worst.0) == Ordering::Less
        {
            *worst = Worst(hit);
        }
    }
}

/// Documents `start..end` of segment `segment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DocRange {
    segment: u32,
    start: DocId,
    end: DocId,
}

/// Part `part` of `parts` of the documents of all segments taken in order, as ranges
/// of whole and cut segments.
fn doc_ranges(readers: &[SegmentReader], part: usize, parts: usize) -> Vec<DocRange> {
    let total: u64 = readers.iter().map(|r| u64::from(r.max_doc())).sum();
    let bound = |k: usize| total * k as u64 / parts.max(1) as u64;
    let (from, to) = (bound(part), bound(part + 1));
    let mut ranges = Vec::new();
    let mut offset = 0u64;
    for (ord, reader) in readers.iter().enumerate() {
        let max_doc = u64::from(reader.max_doc());
        let (start, end) = (from.max(offset), to.min(offset + max_doc));
        if start < end {
            ranges.push(DocRange {
                segment: ord as u32,
                start: (start - offset) as DocId,
                end: (end - offset) as DocId,
            });
        }
        offset += max_doc;
    }
    ranges
}

/// Higher score first, then lower address: the order of tantivy's `TopDocs`.
fn by_score_then_address(a: &Hit, b: &Hit) -> Ordering {
    b.score
        .partial_cmp(&a.score)
        .unwrap_or(Ordering::Equal)
        .then_with(|| a.address.cmp(&b.address))
}

/// A hit in the heap of the best: the worst hit is the greatest, so it is the one let go.
struct Worst(Hit);

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Worst {}

impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        by_score_then_address(&self.0, &other.0)
    }
}

#[cfg(test)]
impl Disjunction {
    /// The same query as tantivy evaluates it: a union of boosted term queries, with the
    /// exclusion and the required term around it.
    pub(super) fn as_query(&self) -> Box<dyn tantivy::query::Query> {
        use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
        let should: Vec<(Occur, Box<dyn Query>)> = self
            .clauses
            .iter()
            .map(|(term, boost, option)| {
                let query: Box<dyn Query> = Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term.clone(), *option)),
                    *boost,
                ));
                (Occur::Should, query)
            })
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        if let Some(term) = &self.excluded {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            ));
        }
        if let Some(term) = &self.required {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Checks that `hits` (best first) are what tantivy's `TopDocs` finds for `query`'s
/// tantivy form: the same scores up to the last bits, and the same documents except
/// among hits whose scores are that close.
#[cfg(test)]
pub(super) fn assert_near_top_docs(
    searcher: &Searcher,
    query: &Disjunction,
    hits: &[Hit],
    n: usize,
) {
    use tantivy::collector::TopDocs;
    let expected = searcher
        .search(&*query.as_query(), &TopDocs::with_limit(n).order_by_score())
        .unwrap();
    assert_eq!(hits.len(), expected.len(), "n = {n}");
    let near = |a: Score, b: Score| (a - b).abs() <= 1e-5 * a.abs().max(b.abs());
    for (hit, (score, address)) in hits.iter().zip(&expected) {
        assert!(
            near(hit.score, *score),
            "{hit:?} against {score} {address:?}"
        );
        if hit.address != *address {
            // Only a near tie may be ordered otherwise.
            let tied = |a: &DocAddress| {
                expected
                    .iter()
                    .any(|(s, other)| other == a && near(*s, hit.score))
                    || expected
                        .last()
                        .is_some_and(|(last, _)| near(*last, hit.score))
            };
            assert!(tied(&hit.address), "{hit:?} against {score} {address:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use tantivy::collector::TopDocs;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::{BoostQuery, TermQuery};
    use tantivy::schema::{STRING, Schema, TEXT};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;

    /// An index of `n` documents over a few words, so that many scores tie, in three
    /// segments, with some documents deleted.
    fn index(n: usize) -> (Index, [tantivy::schema::Field; 5]) {
        let mut builder = Schema::builder();
        let title = builder.add_text_field("title", TEXT);
        let body = builder.add_text_field("body", TEXT);
        let keys = builder.add_text_field("keys", STRING);
        let id = builder.add_text_field("id", STRING);
        let source = builder.add_text_field("source", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let words = [
            "algebra",
            "geometry",
            "statistics",
            "calculus",
            "logic",
            "proof",
        ];
        for k in 0..n {
            let (a, b, c) = (words[k % 6], words[(k / 6) % 6], words[(k / 36) % 6]);
            let mut doc = TantivyDocument::default();
            doc.add_text(title, format!("{a} {b}"));
            let text = match k % 4 {
                0 => format!("{a} and {b} for teachers, {c} {c}"),
                1 => format!("{b} {c}"),
                2 => format!("{a} {a} {a} in a rather longer text about {c} than the others"),
                _ => String::new(),
            };
            doc.add_text(body, text);
            if k % 5 == 0 {
                doc.add_text(keys, format!("isced:{}", k % 3));
            }
            doc.add_text(id, format!("r-{k}"));
            doc.add_text(source, if k % 2 == 0 { "even" } else { "odd" });
            writer.add_document(doc).unwrap();
            if k == n / 3 || k == 2 * n / 3 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        for k in (0..n).step_by(17) {
            writer.delete_term(Term::from_field_text(id, &format!("r-{k}")));
        }
        writer.commit().unwrap();
        (index, [title, body, keys, id, source])
    }

    /// The best `n` by scoring each clause on its own through tantivy and adding the
    /// scores up in `f64`, as `top` defines a score.
    fn reference(searcher: &Searcher, query: &Disjunction, n: usize) -> Vec<Hit> {
        let all = searcher.num_docs() as usize + 1;
        let scores_of = |term: &Term, boost: Score, option: IndexRecordOption| {
            let query = BoostQuery::new(Box::new(TermQuery::new(term.clone(), option)), boost);
            searcher
                .search(&query, &TopDocs::with_limit(all).order_by_score())
                .unwrap()
        };
        let mut text: HashMap<DocAddress, f64> = HashMap::new();
        for (term, boost, option) in &query.clauses {
            for (score, address) in scores_of(term, *boost, *option) {
                *text.entry(address).or_default() += f64::from(score);
            }
        }
        let excluded: Vec<DocAddress> = query
            .excluded
            .iter()
            .flat_map(|term| {
                scores_of(term, 1.0, IndexRecordOption::Basic)
                    .into_iter()
                    .map(|(_, address)| address)
            })
            .collect();
        let required: Option<HashMap<DocAddress, Score>> = query.required.as_ref().map(|term| {
            scores_of(term, 1.0, IndexRecordOption::Basic)
                .into_iter()
                .map(|(score, address)| (address, score))
                .collect()
        });
        let mut hits: Vec<Hit> = text
            .into_iter()
            .filter(|(address, _)| !excluded.contains(address))
            .filter_map(|(address, score)| {
                let score = score as Score;
                match &required {
                    Some(required) => required.get(&address).map(|r| score + r),
                    None => Some(score),
                }
                .map(|score| Hit { score, address })
            })
            .collect();
        hits.sort_by(by_score_then_address);
        hits.truncate(n);
        hits
    }

    fn queries(fields: [tantivy::schema::Field; 5]) -> Vec<Disjunction> {
        let [title, body, keys, id, source] = fields;
        let text = |field, word: &str| Term::from_field_text(field, word);
        let mut clauses = Vec::new();
        for (word, boost) in [
            ("algebra", 1.5),
            ("statistics", 1.0),
            ("proof", 0.7),
            ("and", 0.3),
        ] {
            clauses.push((text(title, word), 2.0 * boost, IndexRecordOption::WithFreqs));
            clauses.push((text(body, word), boost, IndexRecordOption::WithFreqs));
        }
        clauses.push((text(keys, "isced:1"), 0.5, IndexRecordOption::Basic));
        // A term no document holds.
        clauses.push((text(body, "topology"), 1.0, IndexRecordOption::WithFreqs));
        vec![
            Disjunction {
                clauses: clauses.clone(),
                excluded: None,
                required: None,
            },
            Disjunction {
                clauses: clauses.clone(),
                excluded: Some(text(id, "r-1")),
                required: None,
            },
            Disjunction {
                clauses: clauses[2..].to_vec(),
                excluded: Some(text(id, "r-4")),
                required: Some(text(source, "odd")),
            },
            Disjunction {
                clauses: clauses.clone(),
                excluded: None,
                required: Some(text(source, "nobody")),
            },
            Disjunction::default(),
        ]
    }

    #[test]
    fn finds_the_best_as_each_term_scored_by_tantivy_and_added_up_and_as_top_docs_does() {
        let (index, fields) = index(600);
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        assert!(
            searcher
                .segment_readers()
                .iter()
                .any(|r| r.alive_bitset().is_some())
        );
        for query in queries(fields) {
            for n in [1, 7, 50, 500] {
                let expected = reference(&searcher, &query, n);
                let found = top(&searcher, &query, n).unwrap();
                assert_eq!(found, expected, "n = {n}, {query:?}");
                assert_near_top_docs(&searcher, &query, &found, n);
                if n == 500 && query.required.is_none() && !query.clauses.is_empty() {
                    assert!(
                        found.windows(2).any(|w| w[0].score == w[1].score),
                        "no ties"
                    );
                }
            }
        }
    }

    #[test]
    fn any_split_into_parts_between_two_threads_finds_the_same() {
        let (index, fields) = index(600);
        let searcher = index.reader().unwrap().searcher();
        let readers = searcher.segment_readers();
        for query in queries(fields) {
            let weighted = Weighted::of(&searcher, &query).unwrap();
            for n in [1, 7, 50] {
                let expected = top(&searcher, &query, n).unwrap();
                for (parts, chunk) in [(1, CHUNK), (2, CHUNK), (3, 37), (4, CHUNK), (7, 64)] {
                    // Parts taken by two threads in turn, each going on with its postings,
                    // scoring them in chunks of `chunk` documents.
                    let mut threads = [Thread::default(), Thread::default()];
                    for thread in &mut threads {
                        thread.chunk = chunk;
                    }
                    let mut hits = Vec::new();
                    for part in 0..parts {
                        let ranges = doc_ranges(readers, part, parts);
                        hits.extend(
                            threads[part % 3 % 2]
                                .part(&weighted, readers, &ranges, n)
                                .unwrap(),
                        );
                    }
                    hits.sort_by(by_score_then_address);
                    hits.truncate(n);
                    assert_eq!(hits, expected, "n = {n}, {parts} parts, chunks of {chunk}");
                }
            }
        }
    }
}
