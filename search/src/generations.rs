//! Index generations: `index/<generation>/` directories, and the file `index/CURRENT`
//! naming the one in use, so that a rebuild writes a new generation beside the old and
//! switches by an atomic rename. [`CurrentIndex`] is the in-process side of the switch:
//! searches take the generation current when they start and keep it until they finish.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock, Weak};

use model::RecordId;
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Warmer};

use crate::analysis::Bucket;
use crate::facet_tables::FacetTables;
use crate::schema::{Fields, register_tokenizers, schema};
use crate::{DOCSTORE_BLOCK_BYTES, SearchError};

/// A searcher generation id and the language buckets with text in it.
pub(crate) type PopulatedBuckets = (u64, Vec<Bucket>);

/// The tantivy index of one generation and a reader over it.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Arc<Fields>,
    /// Facet values of every live segment, kept up to date by the reader (a warmer).
    pub(crate) facet_tables: Arc<FacetTables>,
    /// The language buckets with text, for the searcher generation named.
    pub(crate) populated: Arc<Mutex<Option<PopulatedBuckets>>>,
    pub(crate) dir: PathBuf,
}

/// The generation searches use now, switched atomically by a rebuild while searches run.
/// Cheap to clone; every clone sees the switch.
#[derive(Clone)]
pub struct CurrentIndex(Arc<RwLock<Arc<SearchIndex>>>);

impl CurrentIndex {
    /// Starts with `index`.
    pub fn new(index: SearchIndex) -> CurrentIndex {
        CurrentIndex(Arc::new(RwLock::new(Arc::new(index))))
    }

    /// The generation in use now; a search keeps it until it finishes.
    pub fn get(&self) -> Arc<SearchIndex> {
        match self.0.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Makes `index` the one searches use from now on.
    pub fn replace(&self, index: SearchIndex) {
        let index = Arc::new(index);
        match self.0.write() {
            Ok(mut guard) => *guard = index,
            Err(poisoned) => *poisoned.into_inner() = index,
        }
    }
}

/// Where the current index generation of `index_root` is.
fn current_generation(index_root: &Path) -> Result<Option<PathBuf>, SearchError> {
    match std::fs::read_to_string(index_root.join("CURRENT")) {
        Ok(name) => Ok(Some(index_root.join(name.trim()))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// Makes `generation` (a directory name under `index_root`) the current one, atomically.
pub fn switch_generation(index_root: &Path, generation: &Path) -> Result<(), SearchError> {
    let name = generation
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| SearchError::Corrupt("index generation has no name".to_owned()))?;
    let temp = index_root.join("CURRENT.tmp");
    std::fs::write(&temp, name)?;
    std::fs::File::open(&temp)?.sync_all()?;
    std::fs::rename(&temp, index_root.join("CURRENT"))?;
    Ok(())
}

/// A fresh generation directory name.
pub fn new_generation_dir(index_root: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%6f");
    index_root.join(format!("gen-{stamp}"))
}

/// Removes generation directories other than the current one: what an interrupted
/// rebuild or a switch left behind. Best effort.
fn remove_stale_generations(index_root: &Path, current: &Path) {
    let Ok(entries) = std::fs::read_dir(index_root) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let is_generation = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with("gen-"));
        if is_generation && path != current && path.is_dir() {
            tracing::info!(dir = %path.display(), "removing a stale index generation");
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

impl SearchIndex {
    /// Opens the current generation under `index_root`, creating a first one if none.
    /// An index built with another schema is refused with [`SearchError::SchemaChanged`].
    pub fn open(index_root: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(index_root)?;
        let index = match current_generation(index_root)? {
            Some(dir) if dir.is_dir() => SearchIndex::open_dir(&dir)?,
            _ => {
                let dir = new_generation_dir(index_root);
                let index = SearchIndex::create_dir(&dir)?;
                switch_generation(index_root, &dir)?;
                index
            }
        };
        remove_stale_generations(index_root, &index.dir);
        Ok(index)
    }

    /// Creates an empty index in `dir`.
    pub fn create_dir(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let settings = tantivy::IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK_BYTES,
            ..Default::default()
        };
        let index = Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(dir)?;
        SearchIndex::wrap(index, fields, dir)
    }

    /// Opens the index in `dir`, checking every file it uses against its checksum: a
    /// damaged index (a disk error, a file truncated or overwritten) is refused with
    /// [`SearchError::Damaged`] at start, not found by a search that fails later.
    fn open_dir(dir: &Path) -> Result<SearchIndex, SearchError> {
        let index = Index::open_in_dir(dir)
            .map_err(|err| SearchError::Damaged(format!("cannot open {}: {err}", dir.display())))?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(SearchError::SchemaChanged);
        }
        let damaged = index.validate_checksum().map_err(|err| {
            SearchError::Damaged(format!("cannot check {}: {err}", dir.display()))
        })?;
        if !damaged.is_empty() {
            let mut files: Vec<String> = damaged
                .iter()
                .map(|path| path.display().to_string())
                .collect();
            files.sort();
            return Err(SearchError::Damaged(format!(
                "{} file(s) fail their checksum in {}: {}",
                files.len(),
                dir.display(),
                files.join(", ")
            )));
        }
        SearchIndex::wrap(index, fields, dir)
    }

    fn wrap(index: Index, fields: Fields, dir: &Path) -> Result<SearchIndex, SearchError> {
        register_tokenizers(&index);
        let facet_tables = Arc::new(FacetTables::default());
        // The reader holds the warmer weakly; this index (and its clones) keep it alive.
        let warmer: Arc<dyn Warmer> = facet_tables.clone();
        let warmers: Vec<Weak<dyn Warmer>> = vec![Arc::downgrade(&warmer)];
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .warmers(warmers)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields: Arc::new(fields),
            facet_tables,
            populated: Arc::new(Mutex::new(None)),
            dir: dir.to_path_buf(),
        })
    }

    /// The directory of this generation.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The record id of the indexed document at `address`, and the sequence number of the
    /// version indexed (`None` in an index written before it was stored).
    pub(crate) fn record_ref(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<Option<(RecordId, Option<u64>)>, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let id = doc
            .get_first(self.fields.id)
            .and_then(|value| value.as_str())
            .and_then(|text| RecordId::parse(text).ok());
        let seq = doc
            .get_first(self.fields.seq)
            .and_then(|value| value.as_u64());
        Ok(id.map(|id| (id, seq)))
    }

    /// Makes the last commit visible to searches.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    /// The store sequence number of the last commit (0 if none).
    pub fn committed_seq(&self) -> Result<u64, SearchError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|payload| payload.parse().ok())
            .unwrap_or(0))
    }

    /// Number of documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Number of segments searched now.
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Bytes the generation takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        dir_size(&self.dir)
    }
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| match entry.metadata() {
                    Ok(meta) if meta.is_dir() => dir_size(&entry.path()),
                    Ok(meta) => meta.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

impl SearchIndex {
    /// A searcher over the last reloaded commit.
    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
}
