//! Index generations built from the store: the replay of what an index missed, and a
//! whole rebuild into a new generation beside the one in use.

use std::path::Path;

use search::{IndexWriter, SearchIndex};
use store::Store;

use super::DataPaths;
use crate::IndexerError;

/// A complete index generation built from the store, not yet in use.
pub(super) struct BuiltGeneration {
    /// The generation's writer (its index is [`IndexWriter::index`]).
    pub(super) writer: IndexWriter,
    /// Records indexed.
    pub(super) indexed: u64,
}

/// Indexes every record changed after store sequence `from`, and commits.
pub(super) fn replay(
    store: &Store,
    writer: &mut IndexWriter,
    from: u64,
) -> Result<u64, IndexerError> {
    let last = store.last_seq()?;
    if last <= from {
        return Ok(0);
    }
    let mut replayed = 0;
    for record in store.changes_after(from) {
        let record = record?;
        writer.remove(&record.id);
        if let Some(credential) = record.credential.as_ref().filter(|_| !record.deleted) {
            let document = writer.index().document(&record, credential);
            writer.put(document, record.seq, false)?;
        }
        replayed += 1;
    }
    writer.commit(last)?;
    Ok(replayed)
}

/// Builds a complete new index generation from the store, then makes it current. The
/// server must not be running (sled allows one process): a running server rebuilds with
/// [`crate::Indexer::reindex`].
pub fn rebuild_index(data_dir: &Path, writer_heap_bytes: usize) -> Result<u64, IndexerError> {
    let paths = DataPaths::new(data_dir);
    let store = Store::open(&paths.store)?;
    let built = build_generation(&store, &paths.index, writer_heap_bytes)?;
    let dir = built.writer.index().dir().to_path_buf();
    built.writer.finish()?;
    search::switch_generation(&paths.index, &dir)?;
    // Opening the index again removes the previous generation.
    SearchIndex::open(&paths.index)?;
    Ok(built.indexed)
}

/// Indexes every live record of the store into a new generation directory under
/// `index_root` and commits it with the store sequence read before the scan began (so
/// that replaying from it covers whatever changed during the scan). The generation is
/// not made current. A failed build removes its directory.
pub(super) fn build_generation(
    store: &Store,
    index_root: &Path,
    writer_heap_bytes: usize,
) -> Result<BuiltGeneration, IndexerError> {
    std::fs::create_dir_all(index_root)?;
    let dir = search::new_generation_dir(index_root);
    let build = || -> Result<BuiltGeneration, IndexerError> {
        let index = SearchIndex::create_dir(&dir)?;
        let mut writer = index.writer(writer_heap_bytes)?;
        let seq = store.last_seq()?;
        let mut indexed = 0;
        for record in store.records(None) {
            let record = record?;
            if let Some(credential) = record.credential.as_ref().filter(|_| !record.deleted) {
                writer.put(index.document(&record, credential), record.seq, false)?;
                indexed += 1;
            }
        }
        writer.commit(seq)?;
        Ok(BuiltGeneration { writer, indexed })
    };
    build().inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&dir);
    })
}
