//! `write/`: the one writer of an index generation, and the documents it takes.
//!
//! A [`Document`] is a record's searchable form, built wherever the record is prepared
//! (the indexer's prepare thread) from the record and its credential. The
//! [`IndexWriter`] of a generation is owned by one thread (the indexer's writer): it
//! adds, replaces and removes records' documents and commits them with the store
//! sequence number they cover, so that at start-up the index replays what it missed.

use model::{Credential, RecordId, StoredRecord};
use tantivy::{TantivyDocument, Term};

use crate::schema::document;
use crate::{SEGMENTS_WHEN_IDLE, SearchError, SearchIndex};

/// The searchable form of one version of a record.
pub struct Document {
    id: RecordId,
    document: TantivyDocument,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// The document of a live record.
    pub fn document(&self, record: &StoredRecord, credential: &Credential) -> Document {
        Document {
            id: record.id.clone(),
            document: document(&self.fields, record, credential),
        }
    }

    /// The writer of this generation, with `heap_bytes` of indexing memory. There is one
    /// at a time: tantivy refuses a second.
    ///
    /// Files no commit refers to (the segments of a writer killed before it committed, a
    /// merge cut off) are removed first: tantivy removes them only after its next commit
    /// or merge, which a server that only answers searches never makes.
    pub fn writer(&self, heap_bytes: usize) -> Result<IndexWriter, SearchError> {
        let writer = self.index.writer(heap_bytes)?;
        match writer.garbage_collect_files().wait() {
            Ok(collected) if !collected.deleted_files.is_empty() => tracing::info!(
                files = collected.deleted_files.len(),
                dir = %self.dir().display(),
                "removed index files no commit refers to"
            ),
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(error = %err, "cannot remove the index files no commit refers to")
            }
        }
        Ok(IndexWriter {
            writer,
            index: self.clone(),
        })
    }
}

/// The one writer of an index generation ([`SearchIndex::writer`]).
pub struct IndexWriter {
    writer: tantivy::IndexWriter,
    index: SearchIndex,
}

impl std::fmt::Debug for IndexWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexWriter")
            .field("dir", &self.index.dir())
            .finish_non_exhaustive()
    }
}

impl IndexWriter {
    /// The generation written.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Indexes `document` as the version of its record at store sequence `seq`; when
    /// `replaces`, the record's earlier document goes (a record the index never had has
    /// none to replace, and looking for it costs).
    pub fn put(
        &mut self,
        mut document: Document,
        seq: u64,
        replaces: bool,
    ) -> Result<(), SearchError> {
        if replaces {
            self.remove(&document.id);
        }
        document.document.add_u64(self.index.fields.seq, seq);
        self.writer.add_document(document.document)?;
        Ok(())
    }

    /// Removes the record's document, if the index has one.
    pub fn remove(&mut self, id: &RecordId) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.id, id.as_str()));
    }

    /// Commits what was written, as covering the store up to sequence number `seq`, and
    /// makes it visible to searches.
    pub fn commit(&mut self, seq: u64) -> Result<(), SearchError> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&seq.to_string());
        prepared.commit()?;
        self.index.reload()
    }

    /// Starts merging every committed segment but the largest into one, if there are
    /// more than [`SEGMENTS_WHEN_IDLE`]: tantivy merges on threads of its own, and the
    /// merged segment becomes visible to searches once it is done. Returns how many
    /// segments are being merged (0: nothing to merge). A merge refused (its segments are
    /// being merged already) is for the caller to try again later.
    pub fn merge_smaller_segments(&mut self) -> Result<usize, SearchError> {
        let mut metas = self.index.index.searchable_segment_metas()?;
        if metas.len() <= SEGMENTS_WHEN_IDLE {
            return Ok(0);
        }
        metas.sort_by_key(|meta| meta.num_docs());
        metas.pop();
        let segments: Vec<_> = metas.iter().map(|meta| meta.id()).collect();
        let merge = self.writer.merge(&segments);
        let index = self.index.clone();
        std::thread::Builder::new()
            .name("index-merge".to_owned())
            .spawn(move || match merge.wait() {
                Ok(_) => {
                    if let Err(err) = index.reload() {
                        tracing::warn!(error = %err, "reloading the merged index failed");
                    }
                }
                Err(err) => tracing::debug!(error = %err, "idle merge not done"),
            })?;
        Ok(segments.len())
    }

    /// Waits for the writer's merges to finish and lets it go.
    pub fn finish(self) -> Result<(), SearchError> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
