//! The records' vectors in memory, by source, and the means they are centred on.
//!
//! The cosine of two records is taken after each one's mean is subtracted:
//! `cos(a − m_A, b − m_B)`, where a record's mean is that of its source's records in its
//! language (its catalogue in that language), shrunk towards the language's mean while
//! the catalogue has few records. A language's mean alone mixes catalogues of titles
//! alone with catalogues of titles and descriptions, which an encoder places apart: on
//! the Aalto Swedish→English descriptions, the vectors alone ranked the right course at
//! MRR@10 0.908 centred on the language means, 0.920 on their catalogues' means.
//!
//! The vectors are kept as stored (a byte a dimension), each with the norm of its
//! centred self; a query is centred and quantised once, and then
//! `(b − m_B) · q = b · q − m_B · q`: one byte dot product a record, and one float dot
//! product a catalogue a query. A language's mean is that of the sums the enrichment
//! stores, shrunk towards the mean of all languages ([`crate::MEAN_PSEUDO_COUNT`]); a
//! catalogue's sums are kept here, from its vectors. When a language, a catalogue (or
//! the whole table) has grown or shrunk by a quarter since its records' norms were taken,
//! they are taken again with the new mean.

use std::collections::{BinaryHeap, HashMap};
use std::sync::RwLock;

use model::{RecordId, SourceId};
use store::{EnrichmentWrite, LanguageSum, Store, TextVector};

use crate::{BridgeError, MEAN_PSEUDO_COUNT};

/// Growth (or shrinkage) of a language since its norms were taken that has them taken
/// again.
const RECENTRE_AFTER: f64 = 0.25;

/// The vectors in memory. Cheap to read from many threads; written by the enrichment.
#[derive(Debug, Default)]
pub struct Table {
    inner: RwLock<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The vectors of each source, side by side: a scan of one institution reads memory
    /// in order.
    blocks: HashMap<SourceId, Block>,
    /// Where each record's vector is.
    by_record: HashMap<RecordId, (SourceId, usize)>,
    languages: Vec<Language>,
    language_index: HashMap<String, usize>,
    /// The count and sum of every language's vectors.
    all: LanguageSum,
    /// `all.count` when the means were last taken.
    all_counted_at: u64,
    /// The mean of all languages.
    global_mean: Vec<f32>,
    /// The records of one source in one language, each centred on their own mean.
    groups: Vec<Group>,
    group_index: HashMap<(SourceId, usize), usize>,
    /// Dimensions of the vectors (0 before the first).
    dim: usize,
}

/// The vectors of one source.
#[derive(Debug, Default)]
struct Block {
    records: Vec<RecordId>,
    languages: Vec<usize>,
    /// The group (source and language) of each record: what it is centred on.
    groups: Vec<usize>,
    scales: Vec<f32>,
    /// The norm of each vector minus its group's mean.
    centred_norms: Vec<f32>,
    /// `dim` bytes a record, in the order of `records`.
    values: Vec<i8>,
}

impl Block {
    fn values(&self, i: usize, dim: usize) -> &[i8] {
        &self.values[i * dim..(i + 1) * dim]
    }
}

#[derive(Debug, Default)]
struct Language {
    code: String,
    sum: LanguageSum,
    mean: Vec<f32>,
    /// `sum.count` when `mean` and its records' norms were taken.
    counted_at: u64,
}

/// The vectors of one source in one language: a catalogue's records share what an
/// encoder gives all texts of their language **and kind** (titles alone, titles with a
/// description's opening, one house style), and that common part says nothing about what a
/// course is about. Each record is centred on its group's mean, shrunk towards its
/// language's mean while the group has few records ([`MEAN_PSEUDO_COUNT`]).
#[derive(Debug, Default)]
struct Group {
    language: usize,
    count: u64,
    sum: Vec<f64>,
    mean: Vec<f32>,
    /// `count` when `mean` and its records' norms were taken.
    counted_at: u64,
}

/// A vector to look records up with: centred on its language's mean, normalised, and
/// quantised.
#[derive(Debug, Clone)]
pub struct QueryVector {
    /// Its language.
    pub lang: String,
    centred: Vec<f32>,
    bytes: Vec<i8>,
    bytes_scale: f32,
}

impl QueryVector {
    /// The centred cosine of two query vectors.
    pub fn cosine(&self, other: &QueryVector) -> f64 {
        f64::from(dot_f32(&self.centred, &other.centred))
    }
}

impl Table {
    /// The vectors `store` holds made by `model`, with the stored language sums.
    pub fn load(store: &Store, model: &str) -> Result<Table, BridgeError> {
        let table = Table::default();
        {
            let mut inner = table.write();
            for (lang, sum) in store.language_sums()? {
                inner.set_sum(&lang, sum);
            }
            for vector in store.text_vectors(model) {
                inner.put(vector?);
            }
            inner.recentre(true);
        }
        Ok(table)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes in one step of the enrichment, as it was stored.
    pub fn apply(&self, write: &EnrichmentWrite) {
        let mut inner = self.write();
        if write.reset_sums {
            *inner = Inner::default();
        }
        for record in &write.removed {
            inner.remove(record);
        }
        for vector in &write.put {
            inner.put(vector.clone());
        }
        for (lang, sum) in &write.sums {
            inner.set_sum(lang, sum.clone());
        }
        inner.recentre(false);
    }

    /// How many records have a vector.
    pub fn len(&self) -> usize {
        self.read().by_record.len()
    }

    /// Whether no record has a vector.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The languages and how many vectors each has, most first.
    pub fn languages(&self) -> Vec<(String, u64)> {
        let inner = self.read();
        let mut out: Vec<(String, u64)> = inner
            .languages
            .iter()
            .filter(|l| l.sum.count > 0)
            .map(|l| (l.code.clone(), l.sum.count))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Bytes the vectors take in memory (about).
    pub fn heap_bytes(&self) -> usize {
        let inner = self.read();
        let blocks: usize = inner
            .blocks
            .values()
            .map(|b| {
                b.values.capacity()
                    + b.records.capacity() * (std::mem::size_of::<RecordId>() + 24)
                    + b.languages.capacity() * 8
                    + (b.scales.capacity() + b.centred_norms.capacity()) * 4
            })
            .sum();
        // The index by record: its key, a source id and a slot, and the map's own slot.
        blocks + inner.by_record.len() * (2 * std::mem::size_of::<RecordId>() + 24 + 24 + 16)
    }

    /// The query vector of a record that has a stored vector.
    pub fn query_of(&self, record: &RecordId) -> Option<QueryVector> {
        let inner = self.read();
        let (block, i) = inner.locate(record)?;
        let vector: Vec<f32> = block
            .values(i, inner.dim)
            .iter()
            .map(|v| f32::from(*v) * block.scales[i])
            .collect();
        let lang = inner.languages[block.languages[i]].code.clone();
        let mean = &inner.groups[block.groups[i]].mean;
        let mean = if mean.is_empty() {
            inner.language_mean(&lang)
        } else {
            mean
        };
        Some(centre(&lang, &vector, mean))
    }

    /// The query vector of `vector`, a text in `lang`.
    pub fn query(&self, lang: &str, vector: &[f32]) -> QueryVector {
        self.read().query(lang, vector)
    }

    /// A record's stored vector (dequantised, not centred) and its language.
    pub fn vector_of(&self, record: &RecordId) -> Option<(String, Vec<f32>)> {
        let inner = self.read();
        let (block, i) = inner.locate(record)?;
        let vector = block
            .values(i, inner.dim)
            .iter()
            .map(|v| f32::from(*v) * block.scales[i])
            .collect();
        Some((inner.languages[block.languages[i]].code.clone(), vector))
    }

    /// The language of a record's vector.
    pub fn language_of(&self, record: &RecordId) -> Option<String> {
        let inner = self.read();
        let (block, i) = inner.locate(record)?;
        Some(inner.languages[block.languages[i]].code.clone())
    }

    /// The centred cosine of `query` with a record's vector (`None` without one).
    pub fn similarity(&self, query: &QueryVector, record: &RecordId) -> Option<f64> {
        let inner = self.read();
        let (block, i) = inner.locate(record)?;
        let group = &inner.groups[block.groups[i]];
        let mean_dot = dot_f32(&group.mean, &query.centred);
        Some(f64::from(score(block, i, inner.dim, query, mean_dot)))
    }

    /// The `k` records of `source` (of all sources when `None`) most similar to `query`,
    /// most similar first, leaving `exclude` (the record looked up with) out.
    pub fn nearest(
        &self,
        query: &QueryVector,
        source: Option<&SourceId>,
        k: usize,
        exclude: Option<&RecordId>,
    ) -> Vec<(RecordId, f64)> {
        let inner = self.read();
        let mean_dots: Vec<f32> = inner
            .groups
            .iter()
            .map(|g| dot_f32(&g.mean, &query.centred))
            .collect();
        let mut best: BinaryHeap<Scored> = BinaryHeap::with_capacity(k + 1);
        let blocks: Vec<&Block> = match source {
            Some(source) => inner.blocks.get(source).into_iter().collect(),
            None => inner.blocks.values().collect(),
        };
        for (b, block) in blocks.iter().enumerate() {
            for i in 0..block.records.len() {
                let similarity = score(block, i, inner.dim, query, mean_dots[block.groups[i]]);
                if best.len() == k && best.peek().is_some_and(|worst| similarity <= worst.0) {
                    continue;
                }
                if exclude == Some(&block.records[i]) {
                    continue;
                }
                best.push(Scored(similarity, b, i));
                if best.len() > k {
                    best.pop();
                }
            }
        }
        let mut out: Vec<(RecordId, f64)> = best
            .into_iter()
            .map(|Scored(similarity, b, i)| (blocks[b].records[i].clone(), f64::from(similarity)))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// A similarity with its block and position, ordered so that a max-heap keeps the worst
/// on top.
struct Scored(f32, usize, usize);

impl PartialEq for Scored {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for Scored {}
impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scored {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then(self.1.cmp(&other.1))
            .then(self.2.cmp(&other.2))
    }
}

/// The centred cosine of a block's `i`-th vector with a query, given `mean · query` of
/// its language.
fn score(block: &Block, i: usize, dim: usize, query: &QueryVector, mean_dot: f32) -> f32 {
    let norm = block.centred_norms[i];
    if norm <= f32::EPSILON {
        return 0.0;
    }
    let dot =
        dot_i8(block.values(i, dim), &query.bytes) as f32 * block.scales[i] * query.bytes_scale;
    (dot - mean_dot) / norm
}

/// The dot product of two byte vectors, in lanes of 32 that the compiler turns into SIMD
/// multiply-adds (a scan of an institution's vectors is this, once a record).
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    const LANES: usize = 32;
    let mut lanes = [0i32; LANES];
    let (a_chunks, b_chunks) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: i32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for i in 0..LANES {
            lanes[i] += i32::from(x[i]) * i32::from(y[i]);
        }
    }
    lanes.iter().sum::<i32>() + tail
}

fn dot_f32(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Inner {
    fn language(&mut self, code: &str) -> usize {
        if let Some(i) = self.language_index.get(code) {
            return *i;
        }
        self.languages.push(Language {
            code: code.to_owned(),
            ..Language::default()
        });
        let i = self.languages.len() - 1;
        self.language_index.insert(code.to_owned(), i);
        i
    }

    fn set_sum(&mut self, lang: &str, sum: LanguageSum) {
        let i = self.language(lang);
        let old = std::mem::take(&mut self.languages[i].sum);
        add_into(&mut self.all, &old, -1.0);
        add_into(&mut self.all, &sum, 1.0);
        self.languages[i].sum = sum;
    }

    fn locate(&self, record: &RecordId) -> Option<(&Block, usize)> {
        let (source, i) = self.by_record.get(record)?;
        Some((self.blocks.get(source)?, *i))
    }

    fn put(&mut self, vector: TextVector) {
        if self.dim == 0 {
            self.dim = vector.values.len();
        }
        if vector.values.len() != self.dim {
            tracing::warn!(record = %vector.record, "a vector of another dimension is left out");
            return;
        }
        // A record embedded again (or moved to another source) leaves its place and its
        // group's sum first.
        if self.by_record.contains_key(&vector.record) {
            self.remove(&vector.record);
        }
        let language = self.language(&vector.lang);
        let group = self.group(&vector.source, language);
        add_vector(&mut self.groups[group], &vector.values, vector.scale, 1.0);
        let mean = &self.groups[group].mean;
        let mean = if mean.is_empty() {
            &self.languages[language].mean
        } else {
            mean
        };
        let norm = centred_norm(&vector.values, vector.scale, mean);
        let block = self.blocks.entry(vector.source.clone()).or_default();
        block.records.push(vector.record.clone());
        block.languages.push(language);
        block.groups.push(group);
        block.scales.push(vector.scale);
        block.centred_norms.push(norm);
        block.values.extend_from_slice(&vector.values);
        let i = block.records.len() - 1;
        self.by_record.insert(vector.record, (vector.source, i));
    }

    fn remove(&mut self, record: &RecordId) {
        let Some((source, i)) = self.by_record.remove(record) else {
            return;
        };
        let dim = self.dim;
        let Some(block) = self.blocks.get_mut(&source) else {
            return;
        };
        let group = block.groups[i];
        add_vector(
            &mut self.groups[group],
            &block.values[i * dim..(i + 1) * dim],
            block.scales[i],
            -1.0,
        );
        let last = block.records.len() - 1;
        block.records.swap_remove(i);
        block.languages.swap_remove(i);
        block.groups.swap_remove(i);
        block.scales.swap_remove(i);
        block.centred_norms.swap_remove(i);
        if i != last {
            block
                .values
                .copy_within(last * dim..(last + 1) * dim, i * dim);
            if let Some(entry) = self.by_record.get_mut(&block.records[i]) {
                entry.1 = i;
            }
        }
        block.values.truncate(last * dim);
        if block.records.is_empty() {
            self.blocks.remove(&source);
        }
    }

    /// Takes the means again, and the norms of the records of each language whose count
    /// moved by [`RECENTRE_AFTER`] (all when `all`, or when the whole table did).
    fn recentre(&mut self, all: bool) {
        let moved = |now: u64, then: u64| {
            let (now, then) = (now as f64, then as f64);
            (now - then).abs() > RECENTRE_AFTER * then.max(1.0)
        };
        let all = all || moved(self.all.count, self.all_counted_at);
        if all {
            self.global_mean = mean_of(&self.all, None);
            self.all_counted_at = self.all.count;
        }
        let mut language_changed = vec![false; self.languages.len()];
        for (i, language) in self.languages.iter_mut().enumerate() {
            if all || language.mean.is_empty() || moved(language.sum.count, language.counted_at) {
                language.mean = mean_of(&language.sum, Some(&self.global_mean));
                language.counted_at = language.sum.count;
                language_changed[i] = true;
            }
        }
        let mut changed = vec![false; self.groups.len()];
        for (i, group) in self.groups.iter_mut().enumerate() {
            if language_changed[group.language]
                || group.mean.is_empty()
                || moved(group.count, group.counted_at)
            {
                let sum = LanguageSum {
                    count: group.count,
                    sum: group.sum.clone(),
                };
                group.mean = mean_of(&sum, Some(&self.languages[group.language].mean));
                group.counted_at = group.count;
                changed[i] = true;
            }
        }
        if !changed.iter().any(|c| *c) {
            return;
        }
        let dim = self.dim;
        for block in self.blocks.values_mut() {
            for i in 0..block.records.len() {
                let group = block.groups[i];
                if changed[group] {
                    block.centred_norms[i] = centred_norm(
                        &block.values[i * dim..(i + 1) * dim],
                        block.scales[i],
                        &self.groups[group].mean,
                    );
                }
            }
        }
    }

    fn group(&mut self, source: &SourceId, language: usize) -> usize {
        if let Some(i) = self.group_index.get(&(source.clone(), language)) {
            return *i;
        }
        self.groups.push(Group {
            language,
            ..Group::default()
        });
        let i = self.groups.len() - 1;
        self.group_index.insert((source.clone(), language), i);
        i
    }

    fn language_mean(&self, lang: &str) -> &[f32] {
        self.language_index
            .get(lang)
            .map(|i| &self.languages[*i].mean)
            .filter(|m| !m.is_empty())
            .unwrap_or(&self.global_mean)
    }

    fn query(&self, lang: &str, vector: &[f32]) -> QueryVector {
        centre(lang, vector, self.language_mean(lang))
    }
}

/// `vector`, a text in `lang`, centred on `mean`, normalised and quantised.
fn centre(lang: &str, vector: &[f32], mean: &[f32]) -> QueryVector {
    let mut centred: Vec<f32> = vector
        .iter()
        .enumerate()
        .map(|(i, x)| x - mean.get(i).copied().unwrap_or(0.0))
        .collect();
    let norm = dot_f32(&centred, &centred).sqrt();
    if norm > f32::EPSILON {
        centred.iter_mut().for_each(|x| *x /= norm);
    }
    let max = centred.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    let bytes_scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    QueryVector {
        lang: lang.to_owned(),
        bytes: centred
            .iter()
            .map(|x| (x / bytes_scale).round().clamp(-127.0, 127.0) as i8)
            .collect(),
        bytes_scale,
        centred,
    }
}

/// A group's sum and count with `sign ×` a stored vector.
fn add_vector(group: &mut Group, values: &[i8], scale: f32, sign: f64) {
    if group.sum.len() < values.len() {
        group.sum.resize(values.len(), 0.0);
    }
    for (s, v) in group.sum.iter_mut().zip(values) {
        *s += sign * f64::from(f32::from(*v) * scale);
    }
    group.count = if sign < 0.0 {
        group.count.saturating_sub(1)
    } else {
        group.count + 1
    };
}

/// `into += sign × sum`, component-wise, counts included.
fn add_into(into: &mut LanguageSum, sum: &LanguageSum, sign: f64) {
    if into.sum.len() < sum.sum.len() {
        into.sum.resize(sum.sum.len(), 0.0);
    }
    for (a, b) in into.sum.iter_mut().zip(&sum.sum) {
        *a += sign * b;
    }
    into.count = if sign < 0.0 {
        into.count.saturating_sub(sum.count)
    } else {
        into.count + sum.count
    };
}

/// The mean of `sum`, shrunk towards `prior` by [`MEAN_PSEUDO_COUNT`] records.
fn mean_of(sum: &LanguageSum, prior: Option<&[f32]>) -> Vec<f32> {
    let (count, pseudo) = match prior {
        Some(prior) if !prior.is_empty() => (sum.count as f64 + MEAN_PSEUDO_COUNT, Some(prior)),
        _ => (sum.count as f64, None),
    };
    if count <= 0.0 {
        return prior.map(<[f32]>::to_vec).unwrap_or_default();
    }
    let len = sum.sum.len().max(pseudo.map_or(0, <[f32]>::len));
    (0..len)
        .map(|i| {
            let own = sum.sum.get(i).copied().unwrap_or(0.0);
            let prior = pseudo
                .and_then(|p| p.get(i))
                .map_or(0.0, |p| MEAN_PSEUDO_COUNT * f64::from(*p));
            ((own + prior) / count) as f32
        })
        .collect()
}

fn centred_norm(values: &[i8], scale: f32, mean: &[f32]) -> f32 {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = f32::from(*v) * scale - mean.get(i).copied().unwrap_or(0.0);
            x * x
        })
        .sum::<f32>()
        .sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = dot_f32(v, v).sqrt();
        v.iter().map(|x| x / n).collect()
    }

    fn vector(source: &SourceId, id: &str, lang: &str, v: &[f32]) -> TextVector {
        TextVector::quantise(RecordId::new(source, id), source.clone(), lang, 0, &unit(v))
    }

    fn sums(vectors: &[TextVector]) -> Vec<(String, LanguageSum)> {
        let mut out: Vec<(String, LanguageSum)> = Vec::new();
        for v in vectors {
            let i = match out.iter().position(|(l, _)| *l == v.lang) {
                Some(i) => i,
                None => {
                    out.push((v.lang.clone(), LanguageSum::default()));
                    out.len() - 1
                }
            };
            let sum = &mut out[i].1;
            sum.count += 1;
            sum.sum.resize(v.values.len(), 0.0);
            for (s, x) in sum.sum.iter_mut().zip(v.to_f32()) {
                *s += f64::from(x);
            }
        }
        out
    }

    /// Vectors with a strong "language direction" (component 0 for Swedish, 1 for
    /// English) and a topic (components 2..): raw cosines prefer the query's language,
    /// centred ones the topic.
    #[test]
    fn centring_on_each_language_mean_finds_the_topic_across_languages_not_the_query_language() {
        let en = SourceId::parse("en-uni").unwrap();
        let sv = SourceId::parse("sv-uni").unwrap();
        let topics = 200;
        let mut vectors = Vec::new();
        for t in 0..topics {
            let mut e = vec![0.0f32; 2 + topics];
            e[1] = 3.0;
            e[2 + t] = 1.0;
            vectors.push(vector(&en, &format!("e{t}"), "en", &e));
            let mut s = vec![0.0f32; 2 + topics];
            s[0] = 3.0;
            s[2 + t] = 1.0;
            vectors.push(vector(&sv, &format!("s{t}"), "sv", &s));
        }
        // A Swedish decoy held by the English institution: same language as the query,
        // another topic.
        let mut decoy = vec![0.0f32; 2 + topics];
        decoy[0] = 3.0;
        decoy[2 + 5] = 1.0;
        vectors.push(vector(&en, "decoy", "sv", &decoy));
        let table = Table::default();
        table.apply(&EnrichmentWrite {
            model: "m".to_owned(),
            sums: sums(&vectors),
            put: vectors.clone(),
            ..EnrichmentWrite::default()
        });
        assert_eq!(table.len(), 2 * topics + 1);
        let query_id = RecordId::new(&sv, "s3");
        let query = table.query_of(&query_id).unwrap();
        let found = table.nearest(&query, Some(&en), 3, Some(&query_id));
        assert_eq!(found[0].0, RecordId::new(&en, "e3"), "{found:?}");
        assert!(found[0].1 > 0.5, "{found:?}");
        let decoy_similarity = table
            .similarity(&query, &RecordId::new(&en, "decoy"))
            .unwrap();
        assert!(
            decoy_similarity < found[0].1,
            "{decoy_similarity} {found:?}"
        );
        // Without centring (raw cosine), the decoy would win.
        let raw = |a: &TextVector, b: &TextVector| dot_f32(&a.to_f32(), &b.to_f32());
        let s3 = vectors.iter().find(|v| v.record == query_id).unwrap();
        let e3 = vectors
            .iter()
            .find(|v| v.record == RecordId::new(&en, "e3"))
            .unwrap();
        let d = vectors
            .iter()
            .find(|v| v.record == RecordId::new(&en, "decoy"))
            .unwrap();
        assert!(raw(s3, d) > raw(s3, e3));
        // Everywhere: the query itself is left out, the English course still first.
        let anywhere = table.nearest(&query, None, 1, Some(&query_id));
        assert_eq!(anywhere[0].0, RecordId::new(&en, "e3"));
    }

    /// Two English catalogues each with a common part of their own (one of titles alone,
    /// one of descriptions, say): centred on the mean of English, each keeps the other's
    /// half; centred on its own catalogue's mean, a course and its Swedish version agree.
    #[test]
    fn each_record_is_centred_on_its_catalogue_in_its_language() {
        let titles = SourceId::parse("en-titles").unwrap();
        let descriptions = SourceId::parse("en-descriptions").unwrap();
        let sv = SourceId::parse("sv-uni").unwrap();
        let topics = 200;
        let mut vectors = Vec::new();
        for t in 0..topics {
            for (source, lang, common) in
                [(&titles, "en", 0), (&descriptions, "en", 1), (&sv, "sv", 2)]
            {
                let mut v = vec![0.0f32; 3 + topics];
                v[common] = 3.0;
                v[3 + t] = 1.0;
                vectors.push(vector(source, &format!("{common}-{t}"), lang, &v));
            }
        }
        let table = Table::default();
        table.apply(&EnrichmentWrite {
            model: "m".to_owned(),
            sums: sums(&vectors),
            put: vectors.clone(),
            ..EnrichmentWrite::default()
        });
        let query_id = RecordId::new(&sv, "2-7");
        let query = table.query_of(&query_id).unwrap();
        let found = table.nearest(&query, Some(&descriptions), 2, Some(&query_id));
        assert_eq!(found[0].0, RecordId::new(&descriptions, "1-7"), "{found:?}");
        assert!(found[0].1 > 0.8, "{found:?}");
        assert!(found[1].1 < 0.1, "{found:?}");
        // A record taken away leaves its catalogue's sums: the others stay centred.
        table.apply(&EnrichmentWrite {
            removed: vec![RecordId::new(&descriptions, "1-8")],
            ..EnrichmentWrite::default()
        });
        let again = table.nearest(&query, Some(&descriptions), 1, Some(&query_id));
        assert_eq!(again[0].0, found[0].0);
        assert!(
            (again[0].1 - found[0].1).abs() < 0.02,
            "{again:?} {found:?}"
        );
    }

    #[test]
    fn the_byte_dot_product_is_exact_at_every_length() {
        for len in [0, 1, 31, 32, 33, 384, 385] {
            let a: Vec<i8> = (0..len).map(|i| ((i * 37) % 255) as u8 as i8).collect();
            let b: Vec<i8> = (0..len).map(|i| ((i * 91 + 7) % 255) as u8 as i8).collect();
            let plain: i32 = a
                .iter()
                .zip(&b)
                .map(|(x, y)| i32::from(*x) * i32::from(*y))
                .sum();
            assert_eq!(dot_i8(&a, &b), plain, "{len}");
        }
    }

    #[test]
    fn removed_and_replaced_vectors_leave_the_table_and_a_language_of_few_records_is_centred_by_the_common_mean()
     {
        let src = SourceId::parse("src").unwrap();
        let a = vector(&src, "a", "pl", &[1.0, 0.0, 0.0]);
        let b = vector(&src, "b", "en", &[0.0, 1.0, 0.0]);
        let table = Table::default();
        table.apply(&EnrichmentWrite {
            sums: sums(&[a.clone(), b.clone()]),
            put: vec![a.clone(), b.clone()],
            ..EnrichmentWrite::default()
        });
        // One Polish record: its own mean alone would be itself (norm 0 after
        // centring); shrunk towards the common mean, it keeps most of its direction.
        let query = table.query("en", &[1.0, 0.0, 0.0]);
        assert!(table.similarity(&query, &a.record).unwrap() > 0.3);
        table.apply(&EnrichmentWrite {
            removed: vec![a.record.clone()],
            sums: vec![("pl".to_owned(), LanguageSum::default())],
            ..EnrichmentWrite::default()
        });
        assert_eq!(table.len(), 1);
        assert_eq!(table.similarity(&query, &a.record), None);
        assert!(
            table
                .nearest(&query, Some(&src), 5, None)
                .iter()
                .all(|(id, _)| *id == b.record)
        );
        assert_eq!(table.languages(), vec![("en".to_owned(), 1)]);
    }
}
