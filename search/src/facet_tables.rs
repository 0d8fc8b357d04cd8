//! `facet_tables`: here is a segment, what are its documents' facet values, packed one row
//! per document.
//!
//! The search collector counts every facet for every matching document. Read through
//! tantivy's columnar API that costs, per query and segment, a column lookup by name per
//! facet, a dynamic column read per document and facet, and a dictionary block
//! decompression (zstd) per value label. Segments are immutable, so all of it is derived
//! once per segment instead: the facet values by ordinal, and per document one row that
//! holds its completeness and the value ordinals of every facet.
//!
//! The row is what makes counting cheap at a million records: a matching document costs
//! one cache line for all twelve facets, where one array per facet cost twelve lines, and
//! the arrays of a large segment do not stay in cache between queries. A facet with at
//! most one value per document in the segment keeps its ordinal in the row (plus one, zero
//! meaning no value) in one byte, or two if it has more than 255 values; a facet with
//! several values per document keeps a bit per ordinal if it has at most 64 values. Only
//! what fits neither (more than 65,535 values, or more than 64 values several to a
//! document) is kept outside the row, in arrays of its own.
//!
//! Counts are kept in one array per segment for all facets ([`SegmentFacets::n_slots`]):
//! a facet's value of ordinal `o` counts at `base + 1 + o`, and `base` itself gathers the
//! documents without value, so that counting needs no test.
//!
//! Each segment numbers its values in its own way. So that the counts of several segments
//! add up without comparing or hashing strings per query, [`GenerationFacets`] numbers the
//! values of all the segments of a searcher generation together, and maps each segment's
//! ordinals to those numbers.
//!
//! The tables are built by a tantivy [`Warmer`] when the reader loads a new generation of
//! segments (at open and on every reload, before the new searcher is published), so
//! searches find them ready; they are dropped when no live searcher holds their segment
//! (or generation). A segment or generation that is somehow not warmed is tabled by the
//! first search that meets it.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tantivy::columnar::{Cardinality, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

use super::facets::Facet;

/// Bytes of a row before the facets: the document's completeness, an `f32`.
const COMPLETENESS_BYTES: usize = 4;

/// How many values a facet may have in a segment to be kept in the row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowLimits {
    /// At most one value per document: values kept as a one-byte ordinal.
    pub narrow_ordinal_values: usize,
    /// At most one value per document: values kept as a two-byte ordinal.
    pub wide_ordinal_values: usize,
    /// Several values per document: values kept as bits (at most 64).
    pub mask_values: usize,
}

impl RowLimits {
    /// What the row's fields can hold.
    pub const FULL: RowLimits = RowLimits {
        narrow_ordinal_values: u8::MAX as usize,
        wide_ordinal_values: u16::MAX as usize,
        mask_values: 64,
    };
}

/// The facet tables of every live segment, and the numbering of every live generation.
#[derive(Default)]
pub(crate) struct FacetTables {
    segments: RwLock<HashMap<SegmentId, Arc<SegmentFacets>>>,
    /// By searcher generation id.
    generations: RwLock<HashMap<u64, Arc<GenerationFacets>>>,
}

/// The facet values of all the segments of one searcher generation, numbered together.
pub(crate) struct GenerationFacets {
    /// Per facet, in [`Facet::ALL`] order: every segment's values, in byte order, once.
    pub values: Vec<Box<[Box<str>]>>,
    /// Per segment, in the searcher's order; per facet: the number in `values` of each of
    /// the segment's ordinals.
    numbers: Vec<Vec<Box<[u32]>>>,
}

impl GenerationFacets {
    fn build(segments: &[Arc<SegmentFacets>]) -> GenerationFacets {
        let mut values = Vec::with_capacity(Facet::ALL.len());
        let mut numbers: Vec<Vec<Box<[u32]>>> = vec![Vec::new(); segments.len()];
        for facet in 0..Facet::ALL.len() {
            let mut all: Vec<&str> = segments
                .iter()
                .flat_map(|segment| segment.facets[facet].values.iter().map(|value| &**value))
                .collect();
            all.sort_unstable();
            all.dedup();
            for (segment, numbered) in segments.iter().zip(numbers.iter_mut()) {
                numbered.push(
                    segment.facets[facet]
                        .values
                        .iter()
                        .map(|value| all.binary_search(&&**value).unwrap_or_default() as u32)
                        .collect(),
                );
            }
            values.push(all.into_iter().map(Box::from).collect());
        }
        GenerationFacets { values, numbers }
    }

    /// Adds the counts of `facet` (a position in [`Facet::ALL`]) of the segment at
    /// `segment` in the searcher, `counts` as its collector kept them, to `totals`
    /// (indexed by value number).
    pub fn add(
        &self,
        segment: usize,
        facet: usize,
        table: &FacetTable,
        counts: &[u32],
        totals: &mut [u64],
    ) {
        let numbers = &self.numbers[segment][facet];
        for (number, count) in numbers.iter().zip(table.value_counts(counts)) {
            totals[*number as usize] += u64::from(*count);
        }
    }
}

/// What a segment holds for the collector.
pub(crate) struct SegmentFacets {
    /// Per facet, in [`Facet::ALL`] order.
    pub facets: Vec<FacetTable>,
    /// Length of a count array: the count slots of every facet.
    pub n_slots: usize,
    /// One row per document, `stride` bytes each.
    rows: Box<[u8]>,
    stride: usize,
    /// The facets kept in the row as ordinals, by width: (count base, byte offset).
    narrow_ordinals: Box<[(usize, usize)]>,
    wide_ordinals: Box<[(usize, usize)]>,
    /// The facets kept in the row as bits: (count base, byte offset, width in bytes).
    masks: Box<[(usize, usize, usize)]>,
    /// The facets kept outside the row, by position in `facets`.
    outside: Box<[usize]>,
}

/// One facet of one segment.
pub(crate) struct FacetTable {
    /// The facet's values in the segment, by ordinal (in byte order, as the column's
    /// dictionary has them).
    pub values: Box<[Box<str>]>,
    /// The count of ordinal `o` is at `base + 1 + o` in a count array.
    pub base: usize,
    place: Place,
}

/// Where a facet's values of a document are.
enum Place {
    /// In the row at `offset`: the ordinal plus one (zero: no value), `width` bytes.
    Ordinal { offset: usize, width: usize },
    /// In the row at `offset`: bit `o` set for ordinal `o`, `width` bytes.
    Mask { offset: usize, width: usize },
    /// Outside the row, at most one value per document: the ordinal plus one, or zero.
    Single(Box<[u32]>),
    /// Outside the row: document `d` has `ords[starts[d]..starts[d + 1]]`.
    Multi {
        starts: Box<[u32]>,
        ords: Box<[u32]>,
    },
}

/// The values selected in one facet, as one segment numbers them.
pub(crate) struct Selected {
    /// Indexed by ordinal plus one; index zero (no value) is selected when documents
    /// without a value are let in.
    by_slot: Box<[bool]>,
    /// Bit `o` set for each selected ordinal `o` below 64.
    mask: u64,
    /// Whether documents without a value are let in.
    unstated: bool,
}

/// Reads the unsigned integer of `width` bytes at `offset` of `row`.
#[inline(always)]
fn read_uint(row: &[u8], offset: usize, width: usize) -> u64 {
    match width {
        1 => u64::from(row[offset]),
        2 => u64::from(u16::from_le_bytes([row[offset], row[offset + 1]])),
        4 => u64::from(u32::from_le_bytes(
            row[offset..offset + 4].try_into().unwrap_or_default(),
        )),
        _ => u64::from_le_bytes(row[offset..offset + 8].try_into().unwrap_or_default()),
    }
}

/// Adds one to the slot of each bit of `mask` above `base`, or to `base` itself (no
/// value) when no bit is set.
#[inline(always)]
fn count_bits(mut mask: u64, base: usize, counts: &mut [u32]) {
    if mask == 0 {
        counts[base] += 1;
        return;
    }
    while mask != 0 {
        counts[base + 1 + mask.trailing_zeros() as usize] += 1;
        mask &= mask - 1;
    }
}

impl FacetTable {
    /// Whether `doc`, of row `row`, has a value of `selected`.
    #[inline]
    pub fn has_selected(&self, doc: DocId, row: &[u8], selected: &Selected) -> bool {
        match &self.place {
            Place::Ordinal { offset, width } => {
                selected.by_slot[read_uint(row, *offset, *width) as usize]
            }
            Place::Mask { offset, width } => {
                let bits = read_uint(row, *offset, *width);
                bits & selected.mask != 0 || (bits == 0 && selected.unstated)
            }
            Place::Single(slots) => selected.by_slot[slots[doc as usize] as usize],
            Place::Multi { starts, ords } => {
                let ords = &ords[starts[doc as usize] as usize..starts[doc as usize + 1] as usize];
                ords.iter().any(|ord| selected.by_slot[*ord as usize + 1])
                    || (ords.is_empty() && selected.unstated)
            }
        }
    }

    /// Counts the values of `doc`, of row `row`, in `counts`.
    #[inline]
    pub fn count(&self, doc: DocId, row: &[u8], counts: &mut [u32]) {
        match &self.place {
            Place::Ordinal { offset, width } => {
                counts[self.base + read_uint(row, *offset, *width) as usize] += 1;
            }
            Place::Mask { offset, width } => {
                count_bits(read_uint(row, *offset, *width), self.base, counts);
            }
            Place::Single(slots) => counts[self.base + slots[doc as usize] as usize] += 1,
            Place::Multi { starts, ords } => {
                let doc = doc as usize;
                let ords = &ords[starts[doc] as usize..starts[doc + 1] as usize];
                if ords.is_empty() {
                    counts[self.base] += 1;
                }
                for ord in ords {
                    counts[self.base + 1 + *ord as usize] += 1;
                }
            }
        }
    }

    /// The documents without a value, out of a segment's count array.
    pub fn unstated_count(&self, counts: &[u32]) -> u64 {
        u64::from(counts[self.base])
    }

    /// The counts of the values, by ordinal, out of a segment's count array.
    pub fn value_counts<'a>(&self, counts: &'a [u32]) -> &'a [u32] {
        &counts[self.base + 1..self.base + 1 + self.values.len()]
    }

    /// Which of this segment's values are in `values`; with `unstated`, documents without
    /// a value are let in too.
    pub fn selected(&self, values: &[String], unstated: bool) -> Selected {
        let mut by_slot = vec![false; self.values.len() + 1].into_boxed_slice();
        by_slot[0] = unstated;
        let mut mask = 0u64;
        for value in values {
            if let Some(ord) = self.ord_of(value) {
                by_slot[ord as usize + 1] = true;
                if ord < 64 {
                    mask |= 1 << ord;
                }
            }
        }
        Selected {
            by_slot,
            mask,
            unstated,
        }
    }

    /// The ordinal of `value`, if the segment has it.
    fn ord_of(&self, value: &str) -> Option<u32> {
        self.values
            .binary_search_by(|known| known.as_ref().cmp(value))
            .ok()
            .map(|ord| ord as u32)
    }
}

/// A facet's column as read, before it is placed.
struct ReadFacet {
    values: Box<[Box<str>]>,
    /// Each document's ordinals: document `d` has `ords[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ords: Vec<u32>,
    multi: bool,
}

impl ReadFacet {
    fn empty(max_doc: DocId) -> ReadFacet {
        ReadFacet {
            values: Box::new([]),
            starts: vec![0; max_doc as usize + 1],
            ords: Vec::new(),
            multi: false,
        }
    }

    fn read(column: &StrColumn, max_doc: DocId) -> tantivy::Result<ReadFacet> {
        let mut values = Vec::with_capacity(column.num_terms());
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            values.push(String::from_utf8_lossy(stream.key()).into());
        }
        let column_ords = column.ords();
        let multi = column_ords.get_cardinality() == Cardinality::Multivalued;
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize);
        starts.push(0);
        for doc in 0..max_doc {
            ords.extend(column_ords.values_for_doc(doc).map(|ord| ord as u32));
            starts.push(ords.len() as u32);
        }
        Ok(ReadFacet {
            values: values.into_boxed_slice(),
            starts,
            ords,
            multi,
        })
    }

    fn doc_ords(&self, doc: usize) -> &[u32] {
        &self.ords[self.starts[doc] as usize..self.starts[doc + 1] as usize]
    }
}

/// Where a facet goes, before offsets are given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ordinal(usize),
    Mask(usize),
    Outside,
}

fn kind_of(facet: &ReadFacet, limits: RowLimits) -> Kind {
    let n_values = facet.values.len();
    if !facet.multi {
        if n_values <= limits.narrow_ordinal_values {
            Kind::Ordinal(1)
        } else if n_values <= limits.wide_ordinal_values {
            Kind::Ordinal(2)
        } else {
            Kind::Outside
        }
    } else if n_values <= limits.mask_values.min(64) {
        Kind::Mask(n_values.div_ceil(8).next_power_of_two().max(1))
    } else {
        Kind::Outside
    }
}

impl SegmentFacets {
    fn read(segment: &SegmentReader, limits: RowLimits) -> tantivy::Result<SegmentFacets> {
        let max_doc = segment.max_doc();
        let fast = segment.fast_fields();
        let read = Facet::ALL
            .iter()
            .map(|facet| match fast.str(&facet.field_name())? {
                Some(column) => ReadFacet::read(&column, max_doc),
                None => Ok(ReadFacet::empty(max_doc)),
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let completeness_column = fast.f64("completeness")?;
        let completeness =
            (0..max_doc).map(|doc| completeness_column.first(doc).unwrap_or(0.0) as f32);
        Ok(SegmentFacets::pack(
            read,
            completeness,
            max_doc as usize,
            limits,
        ))
    }

    /// Places each facet (widest row fields first) and fills the rows.
    fn pack(
        read: Vec<ReadFacet>,
        completeness: impl Iterator<Item = f32>,
        n_docs: usize,
        limits: RowLimits,
    ) -> SegmentFacets {
        let kinds: Vec<Kind> = read.iter().map(|facet| kind_of(facet, limits)).collect();
        let width = |kind: Kind| match kind {
            Kind::Ordinal(width) | Kind::Mask(width) => width,
            Kind::Outside => 0,
        };
        let mut by_width: Vec<usize> = (0..read.len()).collect();
        by_width.sort_by_key(|position| std::cmp::Reverse(width(kinds[*position])));
        let mut offsets = vec![0; read.len()];
        let mut stride = COMPLETENESS_BYTES;
        for position in by_width {
            offsets[position] = stride;
            stride += width(kinds[position]);
        }
        let mut rows = vec![0u8; stride * n_docs].into_boxed_slice();
        for (doc, completeness) in completeness.enumerate().take(n_docs) {
            rows[doc * stride..doc * stride + COMPLETENESS_BYTES]
                .copy_from_slice(&completeness.to_le_bytes());
        }
        let mut facets = Vec::with_capacity(read.len());
        let mut base = 0;
        let (mut narrow_ordinals, mut wide_ordinals, mut masks, mut outside) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (position, facet) in read.into_iter().enumerate() {
            let offset = offsets[position];
            let place = match kinds[position] {
                Kind::Ordinal(width) => {
                    for doc in 0..n_docs {
                        let slot = facet.doc_ords(doc).first().map_or(0, |ord| ord + 1);
                        let bytes = slot.to_le_bytes();
                        rows[doc * stride + offset..doc * stride + offset + width]
                            .copy_from_slice(&bytes[..width]);
                    }
                    if width == 1 {
                        narrow_ordinals.push((base, offset));
                    } else {
                        wide_ordinals.push((base, offset));
                    }
                    Place::Ordinal { offset, width }
                }
                Kind::Mask(width) => {
                    for doc in 0..n_docs {
                        let mask = facet
                            .doc_ords(doc)
                            .iter()
                            .fold(0u64, |mask, ord| mask | (1 << ord));
                        rows[doc * stride + offset..doc * stride + offset + width]
                            .copy_from_slice(&mask.to_le_bytes()[..width]);
                    }
                    masks.push((base, offset, width));
                    Place::Mask { offset, width }
                }
                Kind::Outside => {
                    outside.push(position);
                    if facet.multi {
                        Place::Multi {
                            starts: facet.starts.into_boxed_slice(),
                            ords: facet.ords.into_boxed_slice(),
                        }
                    } else {
                        Place::Single(
                            (0..n_docs)
                                .map(|doc| facet.doc_ords(doc).first().map_or(0, |ord| ord + 1))
                                .collect(),
                        )
                    }
                }
            };
            let n_values = facet.values.len();
            facets.push(FacetTable {
                values: facet.values,
                base,
                place,
            });
            base += n_values + 1;
        }
        SegmentFacets {
            facets,
            n_slots: base,
            rows,
            stride,
            narrow_ordinals: narrow_ordinals.into_boxed_slice(),
            wide_ordinals: wide_ordinals.into_boxed_slice(),
            masks: masks.into_boxed_slice(),
            outside: outside.into_boxed_slice(),
        }
    }

    /// The row of `doc`.
    #[inline]
    pub fn row(&self, doc: DocId) -> &[u8] {
        let start = doc as usize * self.stride;
        &self.rows[start..start + self.stride]
    }

    /// The completeness of the document of `row`.
    #[inline]
    pub fn completeness(row: &[u8]) -> f32 {
        f32::from_le_bytes([row[0], row[1], row[2], row[3]])
    }

    /// Counts every facet's values of `doc`, of row `row`, in `counts`.
    #[inline]
    pub fn count_all(&self, doc: DocId, row: &[u8], counts: &mut [u32]) {
        for (base, offset) in &self.wide_ordinals {
            counts[base + usize::from(u16::from_le_bytes([row[*offset], row[*offset + 1]]))] += 1;
        }
        for (base, offset) in &self.narrow_ordinals {
            counts[base + usize::from(row[*offset])] += 1;
        }
        for (base, offset, width) in &self.masks {
            count_bits(read_uint(row, *offset, *width), *base, counts);
        }
        for position in &self.outside {
            self.facets[*position].count(doc, row, counts);
        }
    }
}

impl FacetTables {
    /// The tables of `segment`, read now if it has none yet.
    pub fn segment(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = segment.segment_id();
        if let Some(tables) = read(&self.segments).get(&id) {
            return Ok(tables.clone());
        }
        let tables = Arc::new(SegmentFacets::read(segment, RowLimits::FULL)?);
        write(&self.segments).entry(id).or_insert(tables.clone());
        Ok(tables)
    }

    /// The numbering of the values of `searcher`'s segments, made now if it has none yet.
    pub fn generation(&self, searcher: &Searcher) -> tantivy::Result<Arc<GenerationFacets>> {
        let id = searcher.generation().generation_id();
        if let Some(generation) = read(&self.generations).get(&id) {
            return Ok(generation.clone());
        }
        let segments = searcher
            .segment_readers()
            .iter()
            .map(|segment| self.segment(segment))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let generation = Arc::new(GenerationFacets::build(&segments));
        write(&self.generations)
            .entry(id)
            .or_insert(generation.clone());
        Ok(generation)
    }
}

/// Reads `lock`; a panic elsewhere while it was held leaves whole entries, still usable.
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

/// Writes `lock` (see [`read`]).
fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

impl Warmer for FacetTables {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        self.generation(searcher)?;
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|generation| generation.segments().keys().copied())
            .collect();
        write(&self.segments).retain(|id, _| live.contains(id));
        let live: HashSet<u64> = live_generations
            .iter()
            .map(|generation| generation.generation_id())
            .collect();
        write(&self.generations).retain(|id, _| live.contains(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (SplitMix64).
    struct Generator(u64);

    impl Generator {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) % n as u64) as usize
        }
    }

    /// Twelve facets of `n_docs` documents: (number of values, most values per document)
    /// for each, some documents without value.
    fn facets(generator: &mut Generator, n_docs: usize) -> Vec<ReadFacet> {
        let shapes: [(usize, usize); 12] = [
            (13, 1),
            (300, 1),
            (8, 1),
            (0, 1),
            (11, 3),
            (60, 2),
            (1, 1),
            (3, 3),
            (6, 1),
            (8, 4),
            (5, 2),
            (2, 1),
        ];
        shapes
            .iter()
            .map(|(n_values, most)| {
                let values = (0..*n_values)
                    .map(|value| format!("v{value:04}").into_boxed_str())
                    .collect();
                let mut starts = vec![0];
                let mut ords = Vec::new();
                for _ in 0..n_docs {
                    if *n_values > 0 {
                        let mut doc_ords: Vec<u32> = (0..generator.below(most + 1))
                            .map(|_| generator.below(*n_values) as u32)
                            .collect();
                        doc_ords.sort_unstable();
                        doc_ords.dedup();
                        ords.extend(doc_ords);
                    }
                    starts.push(ords.len() as u32);
                }
                ReadFacet {
                    values,
                    starts,
                    ords,
                    multi: *most > 1,
                }
            })
            .collect()
    }

    fn copy(facet: &ReadFacet) -> ReadFacet {
        ReadFacet {
            values: facet.values.clone(),
            starts: facet.starts.clone(),
            ords: facet.ords.clone(),
            multi: facet.multi,
        }
    }

    /// The rows count and select as the facets' own ordinals say, whichever place each
    /// facet gets: the full limits, and limits so small that every place is used.
    #[test]
    fn rows_count_and_select_as_the_columns_say() {
        let n_docs = 500;
        let mut generator = Generator(3);
        let read = facets(&mut generator, n_docs);
        let completeness: Vec<f32> = (0..n_docs).map(|doc| doc as f32 / 9.0).collect();
        let tiny = RowLimits {
            narrow_ordinal_values: 6,
            wide_ordinal_values: 20,
            mask_values: 4,
        };
        for limits in [RowLimits::FULL, tiny] {
            let tables = SegmentFacets::pack(
                read.iter().map(copy).collect(),
                completeness.iter().copied(),
                n_docs,
                limits,
            );
            let mut expected = vec![0u32; tables.n_slots];
            let mut counted = vec![0u32; tables.n_slots];
            let mut counted_one_by_one = vec![0u32; tables.n_slots];
            for doc in (0..n_docs).filter(|doc| doc % 3 != 1) {
                let row = tables.row(doc as DocId);
                assert_eq!(SegmentFacets::completeness(row), completeness[doc]);
                tables.count_all(doc as DocId, row, &mut counted);
                for (facet, table) in read.iter().zip(&tables.facets) {
                    table.count(doc as DocId, row, &mut counted_one_by_one);
                    for ord in facet.doc_ords(doc) {
                        expected[table.base + 1 + *ord as usize] += 1;
                    }
                    let wanted = ["v0001".to_owned(), "v0005".to_owned(), "v0042".to_owned()];
                    let selected = table.selected(&wanted, false);
                    let has_wanted = facet
                        .doc_ords(doc)
                        .iter()
                        .any(|ord| [1, 5, 42].contains(ord));
                    assert_eq!(table.has_selected(doc as DocId, row, &selected), has_wanted);
                }
            }
            for table in &tables.facets {
                assert_eq!(table.value_counts(&counted), table.value_counts(&expected));
                assert_eq!(
                    table.value_counts(&counted_one_by_one),
                    table.value_counts(&expected)
                );
            }
            let places: Vec<&'static str> = tables
                .facets
                .iter()
                .map(|table| match table.place {
                    Place::Ordinal { width: 1, .. } => "narrow",
                    Place::Ordinal { .. } => "wide",
                    Place::Mask { .. } => "mask",
                    Place::Single(_) => "single",
                    Place::Multi { .. } => "multi",
                })
                .collect();
            if limits.mask_values == tiny.mask_values {
                for place in ["narrow", "wide", "mask", "single", "multi"] {
                    assert!(places.contains(&place), "{place} unused: {places:?}");
                }
            } else {
                assert!(
                    !places.contains(&"single") && !places.contains(&"multi"),
                    "{places:?}"
                );
            }
        }
    }
}
