//! One pass over the matching documents that yields the page of hits, the exact total and
//! every facet's counts with disjunctive semantics.
//!
//! The query given to tantivy holds the text and the range filters; the facet selections
//! are applied here. For each document the collector finds the selected facets it fails:
//! none, and it is a hit and counts in every facet; exactly one, and it counts in that
//! facet only (a facet's counts ignore its own selection: OR within a facet, AND
//! across); two or more, and it counts nowhere.
//!
//! Each matching document is counted as it is collected, from its row of the segment's
//! facet tables (`facet_tables`): one row holds every facet's values of a document, so a
//! document costs one cache line, read once for the selections, the completeness boost
//! and the counts. Counts stay per value ordinal, in one array per segment, until the
//! segments are merged by the numbers their generation gives the values; values become
//! strings only for the values an answer shows.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::facet_tables::{FacetTables, GenerationFacets, SegmentFacets, Selected};
use super::facets::Facet;
use super::{COMPLETENESS_BOOST, Sort, SortField};

/// A facet and the values selected in it (empty: no selection).
#[derive(Debug, Clone)]
pub(crate) struct FacetSelection {
    pub facet: Facet,
    pub selected: Vec<String>,
    /// Whether documents without a value pass the selection too.
    pub unstated: bool,
}

/// The sort value of a hit, comparable across segments.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SortValue {
    /// The record has no value for the sort field: it goes last.
    Missing,
    /// A number (ECTS, EQF level, microseconds of the last update).
    Number(f64),
    /// A title.
    Text(String),
}

/// A hit as collected.
#[derive(Debug, Clone)]
pub(crate) struct CollectedHit {
    pub address: DocAddress,
    pub score: Score,
    pub value: SortValue,
}

/// What the collector yields.
pub(crate) struct Collected {
    /// Documents passing every facet selection.
    pub total: u64,
    /// The best `depth` hits, best first.
    pub hits: Vec<CollectedHit>,
    /// The numbering of the values.
    generation: Arc<GenerationFacets>,
    /// Per selection (in the order given): the facet's position in [`Facet::ALL`] and its
    /// counts, by value number.
    counts: Vec<(usize, Vec<u64>)>,
    /// Per selection: the documents counted in its facet that have no value in it.
    unstated: Vec<u64>,
}

/// The facet counts of one segment, by value ordinal.
struct SegmentCounts {
    /// The segment's position in the searcher.
    segment_ord: SegmentOrdinal,
    tables: Arc<SegmentFacets>,
    /// Every facet's counts, as [`SegmentFacets`] lays them out.
    counts: Vec<u32>,
}

impl Collected {
    /// The documents without a value in the facet of `selection` (a position in the
    /// selections given to the collector) among those its counts count: the hits and,
    /// when it has a selection, the documents failing that selection only.
    pub fn facet_unstated(&self, selection: usize) -> u64 {
        self.unstated[selection]
    }

    /// The values with a count of the facet of `selection` (a position in the selections
    /// given to the collector), in byte order.
    pub fn facet_values(&self, selection: usize) -> Vec<(&str, u64)> {
        let (facet, counts) = &self.counts[selection];
        self.generation.values[*facet]
            .iter()
            .zip(counts)
            .filter(|(_, count)| **count > 0)
            .map(|(value, count)| (&**value, *count))
            .collect()
    }
}

/// What the segment collectors yield, merged by the collector.
pub(crate) struct SegmentCollected {
    total: u64,
    hits: Vec<CollectedHit>,
    counts: SegmentCounts,
}

/// The collector.
pub(crate) struct FacetedCollector {
    /// The per-segment facet values and completeness, read once per segment.
    pub tables: Arc<FacetTables>,
    /// The numbering of the values of the searcher's segments.
    pub generation: Arc<GenerationFacets>,
    pub selections: Vec<FacetSelection>,
    pub sort: Sort,
    /// The day a next start is counted from, for [`SortField::Start`].
    pub today: tantivy::DateTime,
    /// Offset plus limit of the page; 0 when only the total is wanted (no hits, no
    /// facet counts, nothing scored).
    pub depth: usize,
}

/// Compares two hits: `Less` means `a` comes first.
fn compare_hits(sort: Sort, a: &CollectedHit, b: &CollectedHit) -> Ordering {
    let by_value = match (&a.value, &b.value) {
        (SortValue::Missing, SortValue::Missing) => Ordering::Equal,
        (SortValue::Missing, _) => Ordering::Greater,
        (_, SortValue::Missing) => Ordering::Less,
        (SortValue::Number(x), SortValue::Number(y)) => x.total_cmp(y),
        (SortValue::Text(x), SortValue::Text(y)) => x.cmp(y),
        (SortValue::Number(_), SortValue::Text(_)) => Ordering::Less,
        (SortValue::Text(_), SortValue::Number(_)) => Ordering::Greater,
    };
    let by_value = match sort.field {
        SortField::Relevance => Ordering::Equal,
        _ if matches!(a.value, SortValue::Missing) || matches!(b.value, SortValue::Missing) => {
            by_value
        }
        _ if sort.descending => by_value.reverse(),
        _ => by_value,
    };
    by_value
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| a.address.cmp(&b.address))
}

/// A hit inside a segment: the sort key is `key` (bigger first), then score, then doc.
#[derive(Debug, Clone, Copy)]
struct SegmentHit {
    present: bool,
    key: f64,
    score: Score,
    doc: DocId,
}

impl SegmentHit {
    /// `Greater` means `self` is better.
    fn rank(&self, other: &SegmentHit) -> Ordering {
        self.present
            .cmp(&other.present)
            .then_with(|| self.key.total_cmp(&other.key))
            .then_with(|| self.score.total_cmp(&other.score))
            .then_with(|| other.doc.cmp(&self.doc))
    }
}

impl PartialEq for SegmentHit {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other) == Ordering::Equal
    }
}
impl Eq for SegmentHit {}
impl PartialOrd for SegmentHit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for SegmentHit {
    // Reversed, so that the `BinaryHeap` keeps the worst kept hit on top.
    fn cmp(&self, other: &Self) -> Ordering {
        other.rank(self)
    }
}

enum SortColumn {
    Score,
    Number(Column<f64>),
    Level(Column<u64>),
    Date(Column<tantivy::DateTime>),
    /// The least of a document's values from a day on (the next start of an offer).
    NextDate(Column<tantivy::DateTime>, tantivy::DateTime),
    Title(Option<StrColumn>),
}

/// A facet with a selection, as one segment numbers its values.
struct SegmentSelection {
    /// Position of the facet's table in [`SegmentFacets::facets`].
    table: usize,
    selected: Selected,
}

/// The per-segment half of [`FacetedCollector`].
pub(crate) struct FacetedSegmentCollector {
    segment_ord: SegmentOrdinal,
    tables: Arc<SegmentFacets>,
    /// The facets with a selection.
    selections: Vec<SegmentSelection>,
    sort: Sort,
    sort_column: SortColumn,
    depth: usize,
    heap: BinaryHeap<SegmentHit>,
    /// Documents passing every selection: the hits, counted in every facet.
    total: u64,
    /// Every facet's counts: the passing documents count in every facet, a document
    /// failing one facet's selection alone counts in that facet only.
    counts: Vec<u32>,
    /// The documents collected but not counted yet (see [`READ_AHEAD`]): a ring, oldest
    /// at `next_pending` once full.
    pending: [(DocId, Score); READ_AHEAD],
    n_pending: usize,
    next_pending: usize,
}

/// How many matching documents are collected before the first of them is counted.
///
/// Counting a document reads its row of the facet tables. At a million records the rows
/// do not stay in cache and the matches of a query are scattered among them, so each row
/// is a cache miss: two thirds of the collector's time when rows were read as collected.
/// The cache line of a row is prefetched when its document is collected and the row is
/// read this many documents later, so the memory reads overlap with each other and with
/// the query's own work. Documents are counted in the order collected: the hits, counts
/// and ties are the same.
const READ_AHEAD: usize = 8;

/// Asks the processor to start loading the cache line of `byte`, without waiting for it.
#[inline(always)]
fn prefetch(byte: &u8) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse"))]
    safe_arch::prefetch_t0(byte);
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse")))]
    let _ = byte;
}

/// The position of `facet` in [`Facet::ALL`], as the facet tables order facets.
fn facet_position(facet: Facet) -> usize {
    Facet::ALL
        .iter()
        .position(|known| *known == facet)
        .unwrap_or_default()
}

impl Collector for FacetedCollector {
    type Fruit = Collected;
    type Child = FacetedSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetedSegmentCollector> {
        let fast = reader.fast_fields();
        let tables = self.tables.segment(reader)?;
        let mut selections = Vec::new();
        for selection in &self.selections {
            let table = facet_position(selection.facet);
            if !selection.selected.is_empty() {
                selections.push(SegmentSelection {
                    table,
                    selected: tables.facets[table]
                        .selected(&selection.selected, selection.unstated),
                });
            }
        }
        let sort_column = match self.sort.field {
            SortField::Relevance => SortColumn::Score,
            SortField::Ects => SortColumn::Number(fast.f64("ects")?),
            SortField::EqfLevel => SortColumn::Level(fast.u64("eqf")?),
            SortField::Updated => SortColumn::Date(fast.date("updated")?),
            SortField::Title => SortColumn::Title(fast.str("sort_title")?),
            SortField::Start => SortColumn::NextDate(fast.date("offer_start")?, self.today),
        };
        Ok(FacetedSegmentCollector {
            segment_ord,
            counts: vec![0; tables.n_slots],
            tables,
            selections,
            sort: self.sort,
            sort_column,
            depth: self.depth,
            heap: BinaryHeap::with_capacity(self.depth.min(4096) + 1),
            total: 0,
            pending: [(0, 0.0); READ_AHEAD],
            n_pending: 0,
            next_pending: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        // Ties on the sort field are broken by relevance, so score whatever the sort.
        self.depth > 0
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCollected>) -> tantivy::Result<Collected> {
        let mut counts: Vec<(usize, Vec<u64>)> = self
            .selections
            .iter()
            .map(|selection| {
                let facet = facet_position(selection.facet);
                (facet, vec![0; self.generation.values[facet].len()])
            })
            .collect();
        let mut merged = Collected {
            total: 0,
            hits: Vec::new(),
            generation: self.generation.clone(),
            counts: Vec::new(),
            unstated: vec![0; counts.len()],
        };
        for fruit in fruits {
            merged.total += fruit.total;
            merged.hits.extend(fruit.hits);
            let segment = &fruit.counts;
            for ((facet, _), unstated) in counts.iter().zip(&mut merged.unstated) {
                *unstated += segment.tables.facets[*facet].unstated_count(&segment.counts);
            }
            for (facet, totals) in &mut counts {
                self.generation.add(
                    segment.segment_ord as usize,
                    *facet,
                    &segment.tables.facets[*facet],
                    &segment.counts,
                    totals,
                );
            }
        }
        merged.counts = counts;
        merged.hits.sort_by(|a, b| compare_hits(self.sort, a, b));
        merged.hits.truncate(self.depth);
        Ok(merged)
    }
}

impl FacetedSegmentCollector {
    fn sort_key(&self, doc: DocId, score: Score) -> (bool, f64) {
        let directed = |value: f64| if self.sort.descending { value } else { -value };
        match &self.sort_column {
            SortColumn::Score => (true, f64::from(score)),
            SortColumn::Number(column) => column
                .first(doc)
                .map_or((false, 0.0), |value| (true, directed(value))),
            SortColumn::Level(column) => column
                .first(doc)
                .map_or((false, 0.0), |value| (true, directed(value as f64))),
            SortColumn::Date(column) => column.first(doc).map_or((false, 0.0), |value| {
                (true, directed(value.into_timestamp_micros() as f64))
            }),
            SortColumn::NextDate(column, from) => column
                .values_for_doc(doc)
                .filter(|value| value >= from)
                .min()
                .map_or((false, 0.0), |value| {
                    (true, directed(value.into_timestamp_micros() as f64))
                }),
            SortColumn::Title(column) => column
                .as_ref()
                .and_then(|column| column.ords().first(doc))
                .map_or((false, 0.0), |ord| (true, directed(ord as f64))),
        }
    }

    fn sort_value(&self, hit: &SegmentHit) -> SortValue {
        if !hit.present {
            return SortValue::Missing;
        }
        let undirected = if self.sort.descending {
            hit.key
        } else {
            -hit.key
        };
        match &self.sort_column {
            SortColumn::Score => SortValue::Number(hit.key),
            SortColumn::Title(Some(column)) => {
                let mut title = String::new();
                match column.ord_to_str(undirected as u64, &mut title) {
                    Ok(true) => SortValue::Text(title),
                    _ => SortValue::Missing,
                }
            }
            SortColumn::Title(None) => SortValue::Missing,
            SortColumn::Number(_)
            | SortColumn::Level(_)
            | SortColumn::Date(_)
            | SortColumn::NextDate(..) => SortValue::Number(undirected),
        }
    }
}

impl SegmentCollector for FacetedSegmentCollector {
    type Fruit = SegmentCollected;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(first) = self.tables.row(doc).first() {
            prefetch(first);
        }
        if self.n_pending < READ_AHEAD {
            self.pending[self.n_pending] = (doc, score);
            self.n_pending += 1;
            return;
        }
        let (oldest, oldest_score) =
            std::mem::replace(&mut self.pending[self.next_pending], (doc, score));
        self.next_pending = (self.next_pending + 1) % READ_AHEAD;
        self.count(oldest, oldest_score);
    }

    fn harvest(mut self) -> SegmentCollected {
        for position in 0..self.n_pending {
            let (doc, score) = self.pending[(self.next_pending + position) % READ_AHEAD];
            self.count(doc, score);
        }
        self.harvest_counted()
    }
}

impl FacetedSegmentCollector {
    /// Counts a collected document in the facets and offers it to the page of hits.
    fn count(&mut self, doc: DocId, score: Score) {
        let tables = &*self.tables;
        let row = tables.row(doc);
        let mut failed: Option<usize> = None;
        for selection in &self.selections {
            let table = &tables.facets[selection.table];
            if !table.has_selected(doc, row, &selection.selected) {
                if failed.is_some() {
                    return;
                }
                failed = Some(selection.table);
            }
        }
        if self.depth == 0 {
            self.total += u64::from(failed.is_none());
            return;
        }
        if let Some(table) = failed {
            tables.facets[table].count(doc, row, &mut self.counts);
            return;
        }
        self.total += 1;
        tables.count_all(doc, row, &mut self.counts);
        let score = score * (1.0 + COMPLETENESS_BOOST * SegmentFacets::completeness(row));
        let (present, key) = self.sort_key(doc, score);
        let hit = SegmentHit {
            present,
            key,
            score,
            doc,
        };
        if self.heap.len() < self.depth {
            self.heap.push(hit);
        } else if let Some(worst) = self.heap.peek()
            && hit.rank(worst) == Ordering::Greater
        {
            self.heap.pop();
            self.heap.push(hit);
        }
    }

    /// What the segment yields once every collected document is counted.
    fn harvest_counted(self) -> SegmentCollected {
        let hits = self
            .heap
            .iter()
            .map(|hit| CollectedHit {
                address: DocAddress::new(self.segment_ord, hit.doc),
                score: hit.score,
                value: self.sort_value(hit),
            })
            .collect();
        SegmentCollected {
            total: self.total,
            hits,
            counts: SegmentCounts {
                segment_ord: self.segment_ord,
                tables: self.tables,
                counts: self.counts,
            },
        }
    }
}
