//! `search/`: here is a query, which records match, how well, and why.
//!
//! The tantivy index is derived from the store and can always be rebuilt from it. It
//! stores only the record id; hits are read back from the store, and snippets are cut
//! from the store's text. Each commit carries the last store sequence number applied
//! (the commit payload), so that at start-up the index replays what it missed.
//!
//! - [`analysis`]: one analyzer per language bucket (stemmer of the text's own language,
//!   accents folded); every text field exists once per bucket.
//! - [`query`]: the query language (words, phrases, `-exclusion`, `title:`/`outcome:`)
//!   and its translation, with typo tolerance.
//! - [`facets`]: facet names, record values, filter values and labels.
//! - [`derived`]: the assessment and quality-assurance vocabularies read from prose.
//! - `collector`: one pass yielding the page, the exact total and disjunctive facet
//!   counts.
//! - [`HitRecord`]: what a hit shows of a stored record, decoded without the rest.
//! - `stem_cache`: the analyzers, remembering the stems they computed.
//! - `word_pairs`: every text field's twin indexing its pairs of adjacent words, so that
//!   a two-word phrase is one term lookup.
//! - `facet_tables`: each segment's facet values, and per document one row with its
//!   completeness and every facet's value ordinals, built once per segment when the
//!   reader loads it.
//!
//! Index generations live in `index/<generation>/`; the file `index/CURRENT` names the
//! one in use, so a rebuild writes a new generation beside the old and switches by an
//! atomic rename. [`CurrentIndex`] is the in-process side of the switch: searches take
//! the generation current when they start and keep it until they finish.
//!
//! ```no_run
//! use indexer::search::{Facet, SearchIndex, SearchRequest};
//!
//! let index = SearchIndex::open(std::path::Path::new("data/index")).unwrap();
//! let mut request = SearchRequest::new("data science", 0, 20);
//! request.filters.push((Facet::Country, vec!["DE".to_owned()]));
//! let results = index.search(&request).unwrap();
//! println!("{} records, first: {:?}", results.total, results.hits.first());
//! ```

pub mod analysis;
mod collector;
pub mod derived;
mod facet_tables;
pub mod facets;
mod hit_record;
pub mod query;
mod stem_cache;
mod word_pairs;

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock, Weak};

use chrono::NaiveDate;
use model::{Credential, RecordId, StoredRecord};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
    Term, Warmer,
};

use self::analysis::{Bucket, folded_words, terms, within_edits};
use self::collector::{FacetSelection, FacetedCollector};
use self::facet_tables::FacetTables;
pub use self::facets::Facet;
pub use self::hit_record::{HitCredential, HitOrganisation, HitOutcome, HitRecord};
use self::query::{AnalysedClause, TextKind, edits_for_term};
use self::word_pairs::WordPairs;
use crate::IndexerError;

/// How much a record meeting every mandatory Annex I element gains over one meeting none:
/// its score is multiplied by `1 + COMPLETENESS_BOOST × completeness`.
pub const COMPLETENESS_BOOST: f32 = 0.1;

/// Most values listed for an open facet (institution, country, ...); selected values are
/// always listed.
pub const MAX_FACET_VALUES: usize = 100;

/// How many segments an index is left with once the writer merges it when idle: the
/// largest, and all the others merged into one.
///
/// tantivy's merge policy leaves a freshly harvested million records in about seven
/// segments (one of ~600k, several of ~80k, small ones), and a search pays per segment
/// and term (term lookups, opening postings, buffers of the unions): two segments
/// instead of seven cut the CPU of a two-word answer by 13 %. Merging all but the
/// largest rewrites at most the smaller part of the index (2.4 s for 365k records).
pub const SEGMENTS_WHEN_IDLE: usize = 2;

/// Bytes of a block of tantivy's document store, which holds only each document's record
/// id. A hit's id is read by decompressing its whole block: with tantivy's default of
/// 16 KiB (about 500 ids) that was 6 % of the CPU of an answer at a million records.
/// Random ids barely compress, so smaller blocks cost almost no disk.
const DOCSTORE_BLOCK_BYTES: usize = 2048;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 200;

/// The fields of the index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Record id (stored).
    pub id: Field,
    /// The sequence number of the version indexed (stored): where a hit's record is in
    /// the store's change log, while it is current.
    pub seq: Field,
    /// Source id.
    pub source: Field,
    /// EQF level (indexed for `eqf_min`/`eqf_max`, fast for sorting).
    pub eqf: Field,
    /// ECTS credits (indexed for `ects_min`/`ects_max`, fast for sorting).
    pub ects: Field,
    /// When the record last changed in the store.
    pub updated: Field,
    /// Start dates of the record's offers (for `starts_after`).
    pub offer_start: Field,
    /// Share of mandatory Annex I elements present (fast, for ranking).
    pub completeness: Field,
    /// Primary subtags of the languages the record's text is in (`und` included).
    pub text_lang: Field,
    /// The title folded to lower-case ASCII words, for sorting.
    pub sort_title: Field,
    /// Per language bucket: the title, outcome and description fields.
    pub text: Vec<[Field; 3]>,
    /// Per language bucket: the pairs of adjacent words of each text field, in the same
    /// order (`word_pairs`).
    pub pairs: Vec<[Field; 3]>,
    /// Per facet, in [`Facet::ALL`] order: the fast field of its values.
    pub facets: Vec<Field>,
    /// Language-independent keys of the record ([`record_keys`]): ESCO skill URIs and
    /// ISCED-F field codes as indexed terms, for equivalence candidates.
    pub keys: Field,
}

impl Fields {
    /// The text field of `kind` in `bucket`.
    pub fn text_field(&self, bucket: Bucket, kind: TextKind) -> Field {
        self.text[bucket.0][kind.index()]
    }

    /// The word-pair field of the text field of `kind` in `bucket`.
    pub fn pair_field(&self, bucket: Bucket, kind: TextKind) -> Field {
        self.pairs[bucket.0][kind.index()]
    }

    fn facet(&self, facet: Facet) -> Field {
        let position = Facet::ALL
            .iter()
            .position(|known| *known == facet)
            .unwrap_or_default();
        self.facets[position]
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fast_only = TextOptions::default().set_fast("raw");
    let number = NumericOptions::default().set_indexed().set_fast();
    let id = builder.add_text_field("id", STRING | STORED);
    let seq = builder.add_u64_field("seq", STORED);
    let source = builder.add_text_field("source", STRING);
    let eqf = builder.add_u64_field("eqf", number.clone());
    let ects = builder.add_f64_field("ects", number);
    let updated =
        builder.add_date_field("updated", DateOptions::default().set_indexed().set_fast());
    let offer_start = builder.add_date_field("offer_start", DateOptions::default().set_indexed());
    let completeness = builder.add_f64_field("completeness", NumericOptions::default().set_fast());
    let text_lang = builder.add_text_field("text_lang", STRING);
    let sort_title = builder.add_text_field("sort_title", fast_only.clone());
    let text = Bucket::all()
        .map(|bucket| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&bucket.tokenizer_name())
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            TextKind::ALL.map(|kind| {
                builder.add_text_field(
                    &format!("{}_{}", kind.name(), bucket.name()),
                    options.clone(),
                )
            })
        })
        .collect();
    // Frequencies without positions, and no length norms: a pair query scores with its
    // text field's.
    let pairs = Bucket::all()
        .map(|bucket| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&pair_tokenizer_name(bucket))
                    .set_index_option(IndexRecordOption::WithFreqs)
                    .set_fieldnorms(false),
            );
            TextKind::ALL.map(|kind| {
                builder.add_text_field(
                    &format!("pairs_{}_{}", kind.name(), bucket.name()),
                    options.clone(),
                )
            })
        })
        .collect();
    let facets = Facet::ALL
        .iter()
        .map(|facet| builder.add_text_field(&facet.field_name(), fast_only.clone()))
        .collect();
    let keys = builder.add_text_field("keys", STRING);
    let fields = Fields {
        id,
        seq,
        source,
        eqf,
        ects,
        updated,
        offer_start,
        completeness,
        text_lang,
        sort_title,
        text,
        pairs,
        facets,
        keys,
    };
    (builder.build(), fields)
}

/// The ESCO skill URIs of a credential and of its outcomes, trimmed, without a trailing
/// `/`, empty ones left out (repeats kept).
pub(crate) fn skill_uris(credential: &Credential) -> impl Iterator<Item = &str> {
    credential
        .skills
        .iter()
        .chain(
            credential
                .learning_outcomes
                .iter()
                .filter_map(|outcome| outcome.skill_uri.as_ref()),
        )
        .map(|uri| uri.trim().trim_end_matches('/'))
        .filter(|uri| !uri.is_empty())
}

/// The language-independent keys of a credential, as the `keys` field indexes them:
/// `skill:<uri>` for each ESCO skill URI of the credential and its outcomes, then
/// `isced:<code>` for each ISCED-F field code and its narrow field (the first three
/// digits), so that a detailed code also meets a record stating only the narrow field.
pub(crate) fn record_keys(credential: &Credential) -> Vec<String> {
    let mut skills: Vec<String> = skill_uris(credential)
        .map(|uri| format!("skill:{uri}"))
        .collect();
    skills.sort_unstable();
    skills.dedup();
    let mut fields: Vec<String> = credential
        .isced_fields
        .iter()
        .flat_map(|code| {
            let code = code.as_str();
            let narrow = (code.len() > 3).then(|| &code[..3]);
            std::iter::once(code).chain(narrow)
        })
        .map(|code| format!("isced:{code}"))
        .collect();
    fields.sort_unstable();
    fields.dedup();
    skills.extend(fields);
    skills
}

fn register_tokenizers(index: &Index) {
    for bucket in Bucket::all() {
        // The text field's analyzer keeps its words for the pair field (`word_pairs`).
        index.tokenizers().register(
            &bucket.tokenizer_name(),
            stem_cache::indexing_analyzer(bucket),
        );
        index.tokenizers().register(
            &pair_tokenizer_name(bucket),
            TextAnalyzer::from(WordPairs::remembering(bucket)),
        );
    }
}

/// The name of the tokenizer of `bucket`'s word-pair fields.
fn pair_tokenizer_name(bucket: Bucket) -> String {
    format!("pairs_{}", bucket.name())
}

/// A searcher generation id and the language buckets with text in it.
type PopulatedBuckets = (u64, Vec<Bucket>);

/// The tantivy index of one generation and a reader over it.
#[derive(Clone)]
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Arc<Fields>,
    /// Facet values of every live segment, kept up to date by the reader (a warmer).
    facet_tables: Arc<FacetTables>,
    /// The language buckets with text, for the searcher generation named.
    populated: Arc<Mutex<Option<PopulatedBuckets>>>,
    dir: PathBuf,
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
    pub(crate) fn replace(&self, index: SearchIndex) {
        let index = Arc::new(index);
        match self.0.write() {
            Ok(mut guard) => *guard = index,
            Err(poisoned) => *poisoned.into_inner() = index,
        }
    }
}

/// Where the current index generation of `index_root` is.
fn current_generation(index_root: &Path) -> Result<Option<PathBuf>, IndexerError> {
    match std::fs::read_to_string(index_root.join("CURRENT")) {
        Ok(name) => Ok(Some(index_root.join(name.trim()))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// Makes `generation` (a directory name under `index_root`) the current one, atomically.
pub(crate) fn switch_generation(index_root: &Path, generation: &Path) -> Result<(), IndexerError> {
    let name = generation
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| IndexerError::Corrupt("index generation has no name".to_owned()))?;
    let temp = index_root.join("CURRENT.tmp");
    std::fs::write(&temp, name)?;
    std::fs::File::open(&temp)?.sync_all()?;
    std::fs::rename(&temp, index_root.join("CURRENT"))?;
    Ok(())
}

/// A fresh generation directory name.
pub(crate) fn new_generation_dir(index_root: &Path) -> PathBuf {
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
    /// An index built with another schema is refused with [`IndexerError::SchemaChanged`].
    pub fn open(index_root: &Path) -> Result<SearchIndex, IndexerError> {
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
    pub(crate) fn create_dir(dir: &Path) -> Result<SearchIndex, IndexerError> {
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

    fn open_dir(dir: &Path) -> Result<SearchIndex, IndexerError> {
        let index = Index::open_in_dir(dir)?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(IndexerError::SchemaChanged);
        }
        SearchIndex::wrap(index, fields, dir)
    }

    fn wrap(index: Index, fields: Fields, dir: &Path) -> Result<SearchIndex, IndexerError> {
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

    /// The record id of the indexed document at `address` (`None` if it has none, which
    /// only a corrupt index gives).
    pub fn record_id(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<Option<RecordId>, IndexerError> {
        Ok(self.record_ref(searcher, address)?.map(|(id, _)| id))
    }

    /// The record id of the indexed document at `address`, and the sequence number of the
    /// version indexed (`None` in an index written before it was stored).
    pub(crate) fn record_ref(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<Option<(RecordId, Option<u64>)>, IndexerError> {
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

    /// Adds the sequence number of the record's version to its document (the writer
    /// knows it only when it writes the record).
    pub(crate) fn add_seq(&self, document: &mut TantivyDocument, seq: u64) {
        document.add_u64(self.fields.seq, seq);
    }

    /// A writer with `heap_bytes` of indexing memory.
    pub(crate) fn writer(&self, heap_bytes: usize) -> Result<IndexWriter, IndexerError> {
        Ok(self.index.writer(heap_bytes)?)
    }

    /// Makes the last commit visible to searches.
    pub fn reload(&self) -> Result<(), IndexerError> {
        self.reader.reload()?;
        Ok(())
    }

    /// The store sequence number of the last commit (0 if none).
    pub fn committed_seq(&self) -> Result<u64, IndexerError> {
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

    /// The committed segments other than the one with the most documents, when there are
    /// more than [`SEGMENTS_WHEN_IDLE`] (otherwise none).
    pub(crate) fn segments_to_merge_when_idle(
        &self,
    ) -> Result<Vec<tantivy::index::SegmentId>, IndexerError> {
        let mut metas = self.index.searchable_segment_metas()?;
        if metas.len() <= SEGMENTS_WHEN_IDLE {
            return Ok(Vec::new());
        }
        metas.sort_by_key(|meta| meta.num_docs());
        metas.pop();
        Ok(metas.iter().map(|meta| meta.id()).collect())
    }

    /// Bytes the generation takes on disk.
    pub fn size_on_disk(&self) -> u64 {
        dir_size(&self.dir)
    }

    /// The document for a live record.
    pub(crate) fn document(
        &self,
        record: &StoredRecord,
        credential: &Credential,
    ) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, record.id.as_str());
        doc.add_text(f.source, record.provenance.source_id.as_str());
        for (facet, values) in facets::record_values(credential) {
            for value in values {
                doc.add_text(f.facet(facet), value);
            }
        }
        if let Some(level) = credential.eqf_level {
            doc.add_u64(f.eqf, u64::from(level.get()));
        }
        if let Some(ects) = credential.ects() {
            doc.add_f64(f.ects, ects);
        }
        doc.add_date(
            f.updated,
            tantivy_date(record.updated_at.timestamp_micros()),
        );
        let mut starts: Vec<NaiveDate> = credential.offers.iter().filter_map(|o| o.start).collect();
        starts.sort_unstable();
        starts.dedup();
        for start in starts {
            doc.add_date(f.offer_start, date_of(start));
        }
        doc.add_f64(f.completeness, credential.completeness());
        if let Some(title) = credential.title.best(&[]) {
            let folded: String = folded_words(title).trim().chars().take(200).collect();
            doc.add_text(f.sort_title, folded);
        }
        for key in record_keys(credential) {
            doc.add_text(f.keys, key);
        }
        let mut text_languages: Vec<String> = Vec::new();
        let mut add_text = |kind: TextKind, text: &model::LangText| {
            for (tag, value) in &text.0 {
                let bucket = Bucket::for_language(tag.primary());
                doc.add_text(f.text_field(bucket, kind), value);
                doc.add_text(f.pair_field(bucket, kind), value);
                text_languages.push(if bucket == Bucket::UNDETERMINED {
                    "und".to_owned()
                } else {
                    tag.primary().to_owned()
                });
            }
        };
        add_text(TextKind::Title, &credential.title);
        for outcome in &credential.learning_outcomes {
            add_text(TextKind::Outcomes, &outcome.text);
        }
        add_text(TextKind::Description, &credential.description);
        for keyword in &credential.keywords {
            doc.add_text(
                f.text_field(Bucket::UNDETERMINED, TextKind::Description),
                keyword,
            );
            doc.add_text(
                f.pair_field(Bucket::UNDETERMINED, TextKind::Description),
                keyword,
            );
        }
        text_languages.sort_unstable();
        text_languages.dedup();
        for language in text_languages {
            doc.add_text(f.text_lang, language);
        }
        doc
    }

    /// The term that identifies a record's document.
    pub(crate) fn id_term(&self, id: &RecordId) -> Term {
        Term::from_field_text(self.fields.id, id.as_str())
    }

    /// The language buckets that hold any text in the searcher's segments (looked up once
    /// per searcher generation).
    fn populated_buckets(&self, searcher: &tantivy::Searcher) -> Vec<Bucket> {
        let generation = searcher.generation().generation_id();
        let mut known = match self.populated.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some((known_generation, buckets)) = &*known
            && *known_generation == generation
        {
            return buckets.clone();
        }
        let buckets = self.read_populated_buckets(searcher);
        *known = Some((generation, buckets.clone()));
        buckets
    }

    fn read_populated_buckets(&self, searcher: &tantivy::Searcher) -> Vec<Bucket> {
        Bucket::all()
            .filter(|bucket| {
                searcher.segment_readers().iter().any(|segment| {
                    self.fields.text[bucket.0].iter().any(|field| {
                        segment
                            .inverted_index(*field)
                            .is_ok_and(|inverted| inverted.terms().num_terms() > 0)
                    })
                })
            })
            .collect()
    }

    /// Whether the single-word `clause` is in at least `enough` records, summing its
    /// document frequencies over the fields it looks in (stops counting at `enough`).
    fn docs_with_word(
        &self,
        searcher: &tantivy::Searcher,
        clause: &AnalysedClause,
        enough: u64,
    ) -> bool {
        let mut docs = 0;
        for (bucket, terms) in &clause.terms {
            let [term] = terms.as_slice() else {
                continue;
            };
            for kind in TextKind::ALL {
                if !clause.clause.scope.covers(kind) {
                    continue;
                }
                let term = Term::from_field_text(self.fields.text_field(*bucket, kind), term);
                docs += searcher.doc_freq(&term).unwrap_or(0);
                if docs >= enough {
                    return true;
                }
            }
        }
        false
    }

    /// Runs a search: the query text, the range filters and the facet selections; the
    /// requested page of hits, the exact total and every facet's counts.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, IndexerError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let buckets = match &request.lang {
            Some(language) => {
                let mut buckets = vec![Bucket::for_language(language), Bucket::UNDETERMINED];
                buckets.dedup();
                buckets
            }
            None => self.populated_buckets(&searcher),
        };
        let clauses = query::parse(&request.query);
        let mut analysed = query::analyse(&clauses, &buckets);
        let known_docs = query::known_word_docs(searcher.num_docs());
        for clause in &mut analysed {
            if clause.fuzzy_edits > 0 && self.docs_with_word(&searcher, clause, known_docs) {
                clause.fuzzy_edits = 0;
            }
        }
        let field_of = |bucket: Bucket, kind: TextKind| {
            (f.text_field(bucket, kind), f.pair_field(bucket, kind))
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut positive = false;
        for clause in &analysed {
            let Some(query) = query::clause_query(clause, &field_of) else {
                continue;
            };
            if clause.clause.excluded {
                parts.push((Occur::MustNot, query));
            } else {
                positive = true;
                parts.push((Occur::Must, query));
            }
        }
        if !positive {
            parts.push((Occur::Must, Box::new(AllQuery)));
        }
        for filter in self.filter_queries(request) {
            parts.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        let query = BooleanQuery::new(parts);
        let selections: Vec<FacetSelection> = Facet::ALL
            .iter()
            .map(|facet| FacetSelection {
                facet: *facet,
                selected: request.selected(*facet).to_vec(),
            })
            .collect();
        let collector = FacetedCollector {
            tables: self.facet_tables.clone(),
            generation: self.facet_tables.generation(&searcher)?,
            selections: selections.clone(),
            sort: request.sort,
            depth: request.offset.saturating_add(request.limit).max(1),
        };
        let collected = searcher.search(&query, &collector)?;
        let mut hits = Vec::with_capacity(request.limit);
        for hit in collected
            .hits
            .iter()
            .skip(request.offset)
            .take(request.limit)
        {
            let (id, seq) = self
                .record_ref(&searcher, hit.address)?
                .ok_or_else(|| IndexerError::Corrupt("indexed document without id".to_owned()))?;
            hits.push(ScoredId {
                id,
                seq,
                score: hit.score,
            });
        }
        let facets = selections
            .iter()
            .enumerate()
            .map(|(position, selection)| facet_counts(selection, collected.facet_values(position)))
            .collect();
        Ok(SearchResults {
            total: collected.total,
            hits,
            facets,
            highlighter: Highlighter {
                clauses: analysed
                    .into_iter()
                    .filter(|clause| !clause.clause.excluded)
                    .collect(),
                buckets,
                field: f.id,
            },
        })
    }

    /// The range and language filters of a request, as queries.
    fn filter_queries(&self, request: &SearchRequest) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if request.ects_min.is_some() || request.ects_max.is_some() {
            let bound = |value: Option<f64>| {
                value.map_or(Bound::Unbounded, |value| {
                    Bound::Included(Term::from_field_f64(f.ects, value))
                })
            };
            filters.push(Box::new(RangeQuery::new(
                bound(request.ects_min),
                bound(request.ects_max),
            )));
        }
        if request.eqf_min.is_some() || request.eqf_max.is_some() {
            let bound = |value: Option<u8>| {
                value.map_or(Bound::Unbounded, |value| {
                    Bound::Included(Term::from_field_u64(f.eqf, u64::from(value)))
                })
            };
            filters.push(Box::new(RangeQuery::new(
                bound(request.eqf_min),
                bound(request.eqf_max),
            )));
        }
        if let Some(date) = request.starts_after {
            filters.push(Box::new(RangeQuery::new(
                Bound::Excluded(Term::from_field_date_for_search(
                    f.offer_start,
                    date_of(date),
                )),
                Bound::Unbounded,
            )));
        }
        if let Some(since) = request.updated_since {
            let since = tantivy_date(since.timestamp_micros());
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_date_for_search(f.updated, since)),
                Bound::Unbounded,
            )));
        }
        if let Some(language) = &request.lang {
            let languages = [language.as_str(), "und"];
            filters.push(Box::new(BooleanQuery::new(
                languages
                    .iter()
                    .map(|language| -> (Occur, Box<dyn Query>) {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f.text_lang, language),
                                IndexRecordOption::Basic,
                            )),
                        )
                    })
                    .collect(),
            )));
        }
        filters
    }
}

fn date_of(date: NaiveDate) -> DateTime {
    let midnight = date.and_time(chrono::NaiveTime::MIN).and_utc();
    tantivy_date(midnight.timestamp_micros())
}

/// A tantivy date from microseconds since the epoch. Tantivy counts nanoseconds in an
/// `i64` (years 1677 to 2262); instants outside are clamped to that range, which orders
/// and filters them the same way, instead of overflowing.
fn tantivy_date(micros: i64) -> DateTime {
    DateTime::from_timestamp_micros(micros.clamp(i64::MIN / 1_000, i64::MAX / 1_000))
}

/// The listed values of one facet: closed vocabularies in their order, open facets by
/// count; values with no record are left out unless selected.
fn facet_counts<'a>(selection: &'a FacetSelection, mut values: Vec<(&'a str, u64)>) -> FacetCounts {
    let facet = selection.facet;
    for selected in &selection.selected {
        if !values.iter().any(|(value, _)| value == selected) {
            values.push((selected, 0));
        }
    }
    let closed = !facet.closed_values().is_empty();
    if closed {
        values.sort_by_cached_key(|(value, _)| {
            facet.vocabulary_position(value).unwrap_or(usize::MAX)
        });
    } else {
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut kept = 0;
        values.retain(|(value, _)| {
            kept += 1;
            kept <= MAX_FACET_VALUES || selection.selected.iter().any(|selected| selected == value)
        });
    }
    FacetCounts {
        facet,
        values: values
            .into_iter()
            .map(|(value, count)| FacetValue {
                label: facet.label(value),
                selected: selection.selected.iter().any(|selected| selected == value),
                value: value.to_owned(),
                count,
            })
            .collect(),
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

/// What hits are ordered by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortField {
    /// Relevance to the query (with the Annex I completeness boost).
    #[default]
    Relevance,
    /// ECTS credits.
    Ects,
    /// EQF level.
    EqfLevel,
    /// Title (folded, in the record's English or untagged or first language).
    Title,
    /// When the record last changed in the store.
    Updated,
}

/// An order of hits: a field and a direction. Records without a value for the field come
/// last either way; ties are broken by relevance.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sort {
    /// The field.
    pub field: SortField,
    /// Largest first (ignored for relevance, which is always best first).
    pub descending: bool,
}

impl Sort {
    /// The accepted `sort` values, for error messages.
    pub const NAMES: &'static str = "relevance, ects, ects:desc, eqf_level, eqf_level:desc, \
                                     title, title:desc, updated, updated:asc";

    /// Parses `relevance`, `ects`, `eqf_level`, `title` or `updated`, optionally followed
    /// by `:asc` or `:desc`. The default direction is ascending, except for `updated`
    /// (newest first).
    pub fn parse(text: &str) -> Option<Sort> {
        let (name, direction) = match text.trim().split_once(':') {
            Some((name, direction)) => (name, Some(direction)),
            None => (text.trim(), None),
        };
        let field = match name {
            "relevance" => SortField::Relevance,
            "ects" => SortField::Ects,
            "eqf_level" | "eqf" => SortField::EqfLevel,
            "title" => SortField::Title,
            "updated" => SortField::Updated,
            _ => return None,
        };
        let descending = match direction {
            None => field == SortField::Updated,
            Some("asc") => false,
            Some("desc") => true,
            Some(_) => return None,
        };
        Some(Sort { field, descending })
    }
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query text (see [`query`]); empty matches everything.
    pub query: String,
    /// Only text in this language (a primary subtag) and untagged text; `None`: every
    /// language.
    pub lang: Option<String>,
    /// Facet selections: records must have one of the values of each facet listed.
    /// Values must be normalised by [`Facet::parse_value`].
    pub filters: Vec<(Facet, Vec<String>)>,
    /// Least ECTS credits (records without ECTS credits are excluded when set).
    pub ects_min: Option<f64>,
    /// Most ECTS credits.
    pub ects_max: Option<f64>,
    /// Lowest EQF level.
    pub eqf_min: Option<u8>,
    /// Highest EQF level.
    pub eqf_max: Option<u8>,
    /// Only records with an offer starting after this day.
    pub starts_after: Option<NaiveDate>,
    /// Only records stored or changed at or after this instant.
    pub updated_since: Option<chrono::DateTime<chrono::Utc>>,
    /// The order of hits.
    pub sort: Sort,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
}

impl SearchRequest {
    /// A plain query for one page, every filter off.
    pub fn new(query: &str, offset: usize, limit: usize) -> SearchRequest {
        SearchRequest {
            query: query.to_owned(),
            offset,
            limit,
            ..SearchRequest::default()
        }
    }

    /// The values selected in `facet` (empty: no selection).
    pub fn selected(&self, facet: Facet) -> &[String] {
        self.filters
            .iter()
            .find(|(known, _)| *known == facet)
            .map_or(&[], |(_, values)| values.as_slice())
    }
}

/// A matching record id and its score.
#[derive(Debug, Clone)]
pub struct ScoredId {
    /// The record.
    pub id: RecordId,
    /// The sequence number of the version indexed: where [`HitRecord::read_hit`] looks
    /// first.
    pub seq: Option<u64>,
    /// Its relevance score (with the completeness boost).
    pub score: f32,
}

/// One value of a facet and how many records have it.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetValue {
    /// The value, as filters name it.
    pub value: String,
    /// A label for people.
    pub label: String,
    /// Records matching the query and every other facet's selection that have the value.
    pub count: u64,
    /// Whether the request selected it.
    pub selected: bool,
}

/// The values of one facet.
#[derive(Debug, Clone, PartialEq)]
pub struct FacetCounts {
    /// The facet.
    pub facet: Facet,
    /// Its values.
    pub values: Vec<FacetValue>,
}

/// A snippet and the field it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// `title`, `outcomes` or `description`.
    pub field: &'static str,
    /// The text around the matched words, matches in `<b>`, HTML-escaped.
    pub html: String,
}

/// The ids found, the exact total, facet counts, and what cuts snippets for them.
pub struct SearchResults {
    /// How many records match the query and every filter.
    pub total: u64,
    /// The requested page of hits, best first.
    pub hits: Vec<ScoredId>,
    /// Every facet, in [`Facet::ALL`] order.
    pub facets: Vec<FacetCounts>,
    highlighter: Highlighter,
}

impl SearchResults {
    /// A snippet of the credential with the matched words marked (`<b>`), HTML-escaped,
    /// from the field that matched: description, then outcomes, then title (the title
    /// is shown with every hit anyway). Without a match (an empty query), the start of
    /// the description.
    pub fn snippet(&self, credential: &Credential) -> Option<Snippet> {
        self.highlighter.snippet(
            &credential.title,
            &credential.description,
            credential
                .learning_outcomes
                .iter()
                .map(|outcome| &outcome.text),
        )
    }

    /// [`SearchResults::snippet`] of a hit read as a [`HitRecord`].
    pub fn hit_snippet(&self, credential: &HitCredential) -> Option<Snippet> {
        self.highlighter.snippet(
            &credential.title,
            &credential.description,
            credential
                .learning_outcomes
                .iter()
                .map(|outcome| &outcome.text),
        )
    }
}

/// Marks query words, typo matches included, in a record's text.
struct Highlighter {
    clauses: Vec<AnalysedClause>,
    buckets: Vec<Bucket>,
    field: Field,
}

impl Highlighter {
    fn snippet<'a>(
        &self,
        title: &'a model::LangText,
        description: &'a model::LangText,
        outcomes: impl Iterator<Item = &'a model::LangText>,
    ) -> Option<Snippet> {
        let mut candidates: Vec<(TextKind, &model::LangText)> =
            vec![(TextKind::Description, description)];
        candidates.extend(outcomes.map(|text| (TextKind::Outcomes, text)));
        candidates.push((TextKind::Title, title));
        if !self.clauses.is_empty() {
            for (kind, text) in &candidates {
                for (tag, value) in &text.0 {
                    let bucket = Bucket::for_language(tag.primary());
                    if !self.buckets.contains(&bucket) {
                        continue;
                    }
                    if let Some(html) = self.highlight(bucket, *kind, value) {
                        return Some(Snippet {
                            field: kind.name(),
                            html,
                        });
                    }
                }
            }
        }
        let description = description.best(&[])?;
        Some(Snippet {
            field: TextKind::Description.name(),
            html: escape_html(&truncate_at_word(description, SNIPPET_CHARS)),
        })
    }

    fn highlight(&self, bucket: Bucket, kind: TextKind, text: &str) -> Option<String> {
        let mut exact: HashSet<&str> = HashSet::new();
        let mut fuzzy: Vec<(&str, usize)> = Vec::new();
        for clause in &self.clauses {
            if !clause.clause.scope.covers(kind) {
                continue;
            }
            let edits = clause.fuzzy_edits;
            for (clause_bucket, clause_terms) in &clause.terms {
                if *clause_bucket != bucket {
                    continue;
                }
                for term in clause_terms {
                    exact.insert(term);
                    if clause_terms.len() == 1 {
                        let term_edits = edits_for_term(edits, term);
                        if term_edits > 0 {
                            fuzzy.push((term, usize::from(term_edits)));
                        }
                    }
                }
            }
        }
        if exact.is_empty() {
            return None;
        }
        let mut analyzer = bucket.analyzer();
        let matched: BTreeMap<String, f32> = if fuzzy.is_empty() {
            // The snippet generator finds exact terms itself: no need to read the text
            // twice.
            exact.iter().map(|term| ((*term).to_owned(), 1.0)).collect()
        } else {
            terms(&mut analyzer, text)
                .into_iter()
                .filter(|token| {
                    exact.contains(token.as_str())
                        || fuzzy
                            .iter()
                            .any(|(term, edits)| within_edits(token, term, *edits))
                })
                .map(|token| (token, 1.0))
                .collect()
        };
        if matched.is_empty() {
            return None;
        }
        let generator = SnippetGenerator::new(matched, analyzer, self.field, SNIPPET_CHARS);
        let snippet = generator.snippet(text);
        (!snippet.highlighted().is_empty()).then(|| snippet.to_html())
    }
}

/// `text` cut to at most `max_chars` characters, at a word boundary, with `…` if cut.
fn truncate_at_word(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let end = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}

/// Escapes text for HTML element content and attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

impl SearchIndex {
    /// A searcher over the last reloaded commit, for lookups that build their own queries
    /// (the equivalence lookup).
    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }
}
