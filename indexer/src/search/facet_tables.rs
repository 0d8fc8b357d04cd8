//! `facet_tables`: here is a segment, what are its documents' facet values, as plain arrays.
//!
//! The search collector counts every facet for every matching document. Read through
//! tantivy's columnar API that costs, per query and segment, a column lookup by name per
//! facet, a dynamic column read per document and facet, and a dictionary block
//! decompression (zstd) per value label: the search profile showed half of all search
//! time in the label lookups alone. Segments are immutable, so all of it is derived once
//! per segment instead: the facet values by ordinal, each document's ordinals in flat
//! arrays, and the completeness of each document.
//!
//! The tables are built by a tantivy [`Warmer`] when the reader loads a new generation of
//! segments (at open and on every reload, before the new searcher is published), so
//! searches find them ready; they are dropped when no live searcher holds their segment.
//! A segment that is somehow not warmed is tabled by the first search that meets it.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use tantivy::columnar::{Cardinality, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SearcherGeneration, SegmentReader, Warmer};

use super::facets::Facet;

/// Marks a document without value in a single-valued table.
const NO_VALUE: u32 = u32::MAX;

/// The facet tables of every live segment.
#[derive(Default)]
pub(crate) struct FacetTables {
    segments: RwLock<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

/// What a segment holds for the collector.
pub(crate) struct SegmentFacets {
    /// Per facet, in [`Facet::ALL`] order.
    pub facets: Vec<FacetTable>,
    /// Per document: the share of mandatory Annex I elements the record has.
    pub completeness: Box<[f32]>,
}

/// One facet of one segment.
pub(crate) struct FacetTable {
    /// The facet's values in the segment, by ordinal (in byte order, as the column's
    /// dictionary has them).
    pub values: Box<[Box<str>]>,
    ords: DocOrds,
}

/// Each document's value ordinals.
enum DocOrds {
    /// At most one value per document: its ordinal or [`NO_VALUE`].
    Single(Box<[u32]>),
    /// Any number of values: document `d` has `ords[starts[d]..starts[d + 1]]`.
    Multi {
        starts: Box<[u32]>,
        ords: Box<[u32]>,
    },
}

impl FacetTable {
    /// The ordinals of the values of `doc`.
    #[inline]
    pub fn ords(&self, doc: DocId) -> &[u32] {
        match &self.ords {
            DocOrds::Single(ords) => {
                let one = &ords[doc as usize..doc as usize + 1];
                if one[0] == NO_VALUE { &[] } else { one }
            }
            DocOrds::Multi { starts, ords } => {
                &ords[starts[doc as usize] as usize..starts[doc as usize + 1] as usize]
            }
        }
    }

    /// Adds one to `counts[ord]` for each value ordinal of each of `docs`.
    pub fn count(&self, docs: &[DocId], counts: &mut [u64]) {
        match &self.ords {
            DocOrds::Single(ords) => {
                for doc in docs {
                    let ord = ords[*doc as usize];
                    if ord != NO_VALUE {
                        counts[ord as usize] += 1;
                    }
                }
            }
            DocOrds::Multi { starts, ords } => {
                for doc in docs {
                    let doc = *doc as usize;
                    for ord in &ords[starts[doc] as usize..starts[doc + 1] as usize] {
                        counts[*ord as usize] += 1;
                    }
                }
            }
        }
    }

    /// The ordinal of `value`, if the segment has it.
    pub fn ord_of(&self, value: &str) -> Option<u32> {
        self.values
            .binary_search_by(|known| known.as_ref().cmp(value))
            .ok()
            .map(|ord| ord as u32)
    }

    fn empty(max_doc: DocId) -> FacetTable {
        FacetTable {
            values: Box::new([]),
            ords: DocOrds::Single(vec![NO_VALUE; max_doc as usize].into_boxed_slice()),
        }
    }

    fn read(column: &StrColumn, max_doc: DocId) -> tantivy::Result<FacetTable> {
        let mut values = Vec::with_capacity(column.num_terms());
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            values.push(String::from_utf8_lossy(stream.key()).into());
        }
        let column_ords = column.ords();
        let ords = match column_ords.get_cardinality() {
            Cardinality::Full | Cardinality::Optional => DocOrds::Single(
                (0..max_doc)
                    .map(|doc| column_ords.first(doc).map_or(NO_VALUE, |ord| ord as u32))
                    .collect(),
            ),
            Cardinality::Multivalued => {
                let mut starts = Vec::with_capacity(max_doc as usize + 1);
                let mut ords = Vec::with_capacity(max_doc as usize);
                starts.push(0);
                for doc in 0..max_doc {
                    ords.extend(column_ords.values_for_doc(doc).map(|ord| ord as u32));
                    starts.push(ords.len() as u32);
                }
                DocOrds::Multi {
                    starts: starts.into_boxed_slice(),
                    ords: ords.into_boxed_slice(),
                }
            }
        };
        Ok(FacetTable {
            values: values.into_boxed_slice(),
            ords,
        })
    }
}

impl SegmentFacets {
    fn read(segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let max_doc = segment.max_doc();
        let fast = segment.fast_fields();
        let facets = Facet::ALL
            .iter()
            .map(|facet| match fast.str(&facet.field_name())? {
                Some(column) => FacetTable::read(&column, max_doc),
                None => Ok(FacetTable::empty(max_doc)),
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let completeness_column = fast.f64("completeness")?;
        let completeness = (0..max_doc)
            .map(|doc| completeness_column.first(doc).unwrap_or(0.0) as f32)
            .collect();
        Ok(SegmentFacets {
            facets,
            completeness,
        })
    }
}

impl FacetTables {
    /// The tables of `segment`, read now if it has none yet.
    pub fn segment(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = segment.segment_id();
        if let Some(tables) = self.read_lock().get(&id) {
            return Ok(tables.clone());
        }
        let tables = Arc::new(SegmentFacets::read(segment)?);
        self.write_lock().entry(id).or_insert(tables.clone());
        Ok(tables)
    }

    fn read_lock(&self) -> std::sync::RwLockReadGuard<'_, HashMap<SegmentId, Arc<SegmentFacets>>> {
        self.segments
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write_lock(
        &self,
    ) -> std::sync::RwLockWriteGuard<'_, HashMap<SegmentId, Arc<SegmentFacets>>> {
        self.segments
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Warmer for FacetTables {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for segment in searcher.segment_readers() {
            self.segment(segment)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|generation| generation.segments().keys().copied())
            .collect();
        self.write_lock().retain(|id, _| live.contains(id));
    }
}
