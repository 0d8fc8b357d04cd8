//! `search/`: here is a query, which records match, how well, and why.
//!
//! The tantivy index is derived from the store and can always be rebuilt from it. It
//! stores only the record id; hits are read back from the store, and snippets are cut
//! from the store's text. Each commit carries the last store sequence number applied
//! (the commit payload), so that at start-up the index replays what it missed.
//!
//! Index generations live in `index/<generation>/`; the file `index/CURRENT` names the
//! one in use, so a rebuild writes a new generation beside the old and switches by an
//! atomic rename.

use std::path::{Path, PathBuf};

use model::{Credential, RecordId, StoredRecord};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, Query, QueryParser};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::IndexerError;

/// The analyzer of every text field: words, lower case, accents folded (`München`
/// matches `munchen`).
const FOLDED: &str = "folded";

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Record id (stored; the only stored field).
    pub id: Field,
    /// Source id.
    pub source: Field,
    /// Country of the awarding body.
    pub country: Field,
    /// Kind of offer.
    pub kind: Field,
    /// EQF level.
    pub eqf: Field,
    /// ECTS credits.
    pub ects: Field,
    /// Languages of instruction (primary subtag).
    pub lang: Field,
    /// ISCED-F codes, broad and narrow and detailed.
    pub isced: Field,
    /// Forms of participation.
    pub participation: Field,
    /// When the record last changed in the store.
    pub updated: Field,
    /// Share of mandatory Annex I elements present.
    pub completeness: Field,
    /// Title text, every language.
    pub title: Field,
    /// Learning outcome text, every language.
    pub outcomes: Field,
    /// Description and keywords, every language.
    pub description: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FOLDED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let keyword = STRING | tantivy::schema::FAST;
    let number = NumericOptions::default().set_indexed().set_fast();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        source: builder.add_text_field("source", keyword.clone()),
        country: builder.add_text_field("country", keyword.clone()),
        kind: builder.add_text_field("kind", keyword.clone()),
        eqf: builder.add_u64_field("eqf", number.clone()),
        ects: builder.add_f64_field("ects", number.clone()),
        lang: builder.add_text_field("lang", keyword.clone()),
        isced: builder.add_text_field("isced", keyword.clone()),
        participation: builder.add_text_field("participation", keyword),
        updated: builder.add_date_field(
            "updated",
            tantivy::schema::DateOptions::default()
                .set_indexed()
                .set_fast(),
        ),
        completeness: builder.add_f64_field("completeness", number),
        title: builder.add_text_field("title", text.clone()),
        outcomes: builder.add_text_field("outcomes", text.clone()),
        description: builder.add_text_field("description", text),
    };
    (builder.build(), fields)
}

fn register_tokenizers(index: &Index) {
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(FOLDED, folded);
}

/// The tantivy index and a reader over it.
#[derive(Clone)]
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    dir: PathBuf,
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

impl SearchIndex {
    /// Opens the current generation under `index_root`, creating a first one if none.
    pub fn open(index_root: &Path) -> Result<SearchIndex, IndexerError> {
        std::fs::create_dir_all(index_root)?;
        match current_generation(index_root)? {
            Some(dir) if dir.is_dir() => SearchIndex::open_dir(&dir),
            _ => {
                let dir = new_generation_dir(index_root);
                let index = SearchIndex::create_dir(&dir)?;
                switch_generation(index_root, &dir)?;
                Ok(index)
            }
        }
    }

    /// Creates an empty index in `dir`.
    pub(crate) fn create_dir(dir: &Path) -> Result<SearchIndex, IndexerError> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
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
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
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
        if let Some(country) = &credential.awarding_body.country {
            doc.add_text(f.country, country.as_str());
        }
        doc.add_text(f.kind, credential.kind.as_str());
        if let Some(level) = credential.eqf_level {
            doc.add_u64(f.eqf, u64::from(level.get()));
        }
        if let Some(ects) = credential.ects() {
            doc.add_f64(f.ects, ects);
        }
        let mut languages: Vec<&str> = credential.languages.iter().map(|l| l.primary()).collect();
        languages.extend(
            credential
                .offers
                .iter()
                .flat_map(|offer| offer.languages.iter().map(|l| l.primary())),
        );
        languages.sort_unstable();
        languages.dedup();
        for language in languages {
            doc.add_text(f.lang, language);
        }
        let mut fields: Vec<&str> = Vec::new();
        for code in &credential.isced_fields {
            fields.push(code.broad());
            fields.extend(code.narrow());
            fields.push(code.as_str());
        }
        fields.sort_unstable();
        fields.dedup();
        for code in fields {
            doc.add_text(f.isced, code);
        }
        for mode in &credential.participation {
            doc.add_text(f.participation, mode.as_str());
        }
        doc.add_date(
            f.updated,
            DateTime::from_timestamp_micros(record.updated_at.timestamp_micros()),
        );
        doc.add_f64(f.completeness, credential.completeness());
        for text in credential.title.0.values() {
            doc.add_text(f.title, text);
        }
        for outcome in &credential.learning_outcomes {
            for text in outcome.text.0.values() {
                doc.add_text(f.outcomes, text);
            }
        }
        for text in credential.description.0.values() {
            doc.add_text(f.description, text);
        }
        for keyword in &credential.keywords {
            doc.add_text(f.description, keyword);
        }
        doc
    }

    /// The term that identifies a record's document.
    pub(crate) fn id_term(&self, id: &RecordId) -> Term {
        Term::from_field_text(self.fields.id, id.as_str())
    }

    /// Runs a query: full text over titles, outcomes and descriptions (title weighted
    /// highest), every word required. A query the parser cannot read is searched as
    /// plain words; an empty query matches everything.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, IndexerError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let query: Box<dyn Query> = match request.query.trim() {
            "" => Box::new(AllQuery),
            text => {
                let mut parser =
                    QueryParser::for_index(&self.index, vec![f.title, f.outcomes, f.description]);
                parser.set_conjunction_by_default();
                parser.set_field_boost(f.title, 3.0);
                parser.set_field_boost(f.outcomes, 1.5);
                let (query, _errors) = parser.parse_query_lenient(text);
                query
            }
        };
        let total = searcher.search(&query, &Count)? as u64;
        let collector = TopDocs::with_limit(request.limit.max(1))
            .and_offset(request.offset)
            .order_by_score();
        let top = searcher.search(&query, &collector)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(f.id)
                .and_then(|value| value.as_str())
                .and_then(|text| RecordId::parse(text).ok())
                .ok_or_else(|| IndexerError::Corrupt("indexed document without id".to_owned()))?;
            hits.push(ScoredId { id, score });
        }
        let snippets = if request.query.trim().is_empty() {
            None
        } else {
            Some(Snippets::new(&searcher, &*query, f)?)
        };
        Ok(SearchResults {
            total,
            hits,
            snippets,
        })
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

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query text.
    pub query: String,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return.
    pub limit: usize,
}

/// A matching record id and its score.
#[derive(Debug, Clone)]
pub struct ScoredId {
    /// The record.
    pub id: RecordId,
    /// Its relevance score.
    pub score: f32,
}

/// The ids found, the exact total, and what cuts snippets for them.
pub struct SearchResults {
    /// How many records match in all.
    pub total: u64,
    /// The requested page of hits, best first.
    pub hits: Vec<ScoredId>,
    snippets: Option<Snippets>,
}

impl SearchResults {
    /// A snippet of the credential with the matched words marked (`<b>`), HTML-escaped,
    /// from the first field that matched: title, outcomes, then description.
    pub fn snippet(&self, credential: &Credential) -> Option<String> {
        let snippets = self.snippets.as_ref()?;
        let outcomes: String = credential
            .learning_outcomes
            .iter()
            .map(|outcome| outcome.text.all_text())
            .collect::<Vec<_>>()
            .join(" · ");
        let candidates = [
            (&snippets.description, credential.description.all_text()),
            (&snippets.outcomes, outcomes),
            (&snippets.title, credential.title.all_text()),
        ];
        let mut fallback = None;
        for (generator, text) in candidates {
            let snippet = generator.snippet(&text);
            if !snippet.highlighted().is_empty() {
                return Some(snippet.to_html());
            }
            if fallback.is_none() && !text.is_empty() {
                fallback = Some(snippet.to_html()).filter(|html| !html.is_empty());
            }
        }
        fallback
    }
}

struct Snippets {
    title: SnippetGenerator,
    outcomes: SnippetGenerator,
    description: SnippetGenerator,
}

impl Snippets {
    fn new(
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        fields: &Fields,
    ) -> Result<Snippets, IndexerError> {
        let generator = |field| -> Result<SnippetGenerator, IndexerError> {
            let mut generator = SnippetGenerator::create(searcher, query, field)?;
            generator.set_max_num_chars(200);
            Ok(generator)
        };
        Ok(Snippets {
            title: generator(fields.title)?,
            outcomes: generator(fields.outcomes)?,
            description: generator(fields.description)?,
        })
    }
}
