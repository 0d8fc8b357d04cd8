//! The cross-lingual tasks (`../shared/eval/crosslingual/`, see its README; issue 22): real
//! bilingual catalogues, the same course published by its own university in two
//! languages. Each task file holds queries in one language (Swedish, Finnish, German), a
//! pool in another (English: the university's whole catalogue, so each query competes with
//! every other course) and which pool course each query is.
//!
//! The data is read from the shared folder at run time, never copied into the
//! repository, and goes through the real pipeline: the pool is written as a
//! `clearinghouse-json` feed of one institution, its records tagged with the pool's
//! language and published under their course codes; the queries as a feed of another
//! institution, tagged with the query language, numbered `q-0`, `q-1`, … and without a
//! course code (the task files share ids between a query and its pool course, so nothing
//! but the text may bridge them). Both are harvested as `file` sources, stored and
//! indexed. For each query the program reports, as recall@1, recall@10 and MRR@10:
//! - the equivalence lookup restricted to the pool's institution (the hits ranked as
//!   `GET /api/v1/credentials/{id}/equivalents?institution=…` ranks them);
//! - a plain character 3–5-gram TF-IDF cosine over the whole text ([`CharTfIdf`]; the
//!   data's README's reference baseline), computed in the same run on the same texts;
//! - search recall@10: the query's title typed into the search the way
//!   `GET /api/v1/search?q=…&institution=…` runs it (the pool's institution selected, so
//!   the query's own record and the other tasks' records do not take places); a hit is
//!   the query's pool course in the first ten. Only the title: a description would need
//!   every one of its words in one record and is longer than the API's 1,000 bytes.
//!
//! For description tasks a text is "title. content and outcomes": the title is what comes
//! before the first ". ", the description the rest; title tasks are titles only.
//!
//! The multilingual bridge (issue 22) is configured in one place, [`bridge_settings`].

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use model::{RecordId, SourceId};
use recognition::equivalence::EquivalenceRequest;
use search::{Facet, SearchRequest};
use serde::Deserialize;

use super::char_tfidf::CharTfIdf;

/// Hits looked at per query.
const HITS: usize = 10;

/// A task file as the shared folder has it.
#[derive(Deserialize)]
struct TaskFile {
    meta: Meta,
    queries: Vec<Item>,
    pool: Vec<Item>,
    /// Query id → the ids of its pool courses.
    truth: HashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct Meta {
    /// `"sv->en"`: the queries' language, then the pool's.
    lang: String,
    /// `"title"`, or what a description text is made of.
    field: String,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    text: String,
}

/// What the harness adds to a task file: who publishes it.
struct Spec {
    file: &'static str,
    name: &'static str,
    /// Prefix of the two sources' ids (`{slug}-{lang}`).
    slug: &'static str,
    institution: &'static str,
    country: &'static str,
}

const SPECS: [Spec; 4] = [
    Spec {
        file: "aalto_title_sv_en.json",
        name: "Aalto titles",
        slug: "aalto-titles",
        institution: "Aalto University",
        country: "FI",
    },
    Spec {
        file: "aalto_desc_sv_en.json",
        name: "Aalto descriptions",
        slug: "aalto-descriptions",
        institution: "Aalto University",
        country: "FI",
    },
    Spec {
        file: "jamk_fi_en.json",
        name: "JAMK descriptions",
        slug: "jamk",
        institution: "JAMK University of Applied Sciences",
        country: "FI",
    },
    Spec {
        file: "tuwien_title_de_en.json",
        name: "TU Wien titles",
        slug: "tuwien-titles",
        institution: "TU Wien",
        country: "AT",
    },
];

/// One task, read.
struct Task {
    spec: &'static Spec,
    query_lang: String,
    pool_lang: String,
    /// Whether texts are "title. description" (else titles).
    descriptions: bool,
    file: TaskFile,
}

impl Task {
    fn read(dir: &Path, spec: &'static Spec) -> anyhow::Result<Task> {
        let path = dir.join(spec.file);
        let bytes = std::fs::read(&path).with_context(|| {
            format!(
                "reading {} (is ../shared beside the repository, or CLEARINGHOUSE_SHARED_DIR set?)",
                path.display()
            )
        })?;
        let file: TaskFile = serde_json::from_slice(&bytes)
            .with_context(|| format!("parsing {}", path.display()))?;
        let (query_lang, pool_lang) = file.meta.lang.split_once("->").with_context(|| {
            format!(
                "{}: meta.lang {:?} is not `q->p`",
                spec.file, file.meta.lang
            )
        })?;
        Ok(Task {
            spec,
            query_lang: query_lang.trim().to_owned(),
            pool_lang: pool_lang.trim().to_owned(),
            descriptions: file.meta.field != "title",
            file,
        })
    }

    fn pool_source(&self) -> String {
        format!("{}-{}", self.spec.slug, self.pool_lang)
    }

    fn query_source(&self) -> String {
        format!("{}-{}", self.spec.slug, self.query_lang)
    }

    /// The pool's institution: a name of its own per task, so that selecting it in search
    /// selects this task's pool only.
    fn pool_institution(&self) -> String {
        format!("{} [{}]", self.spec.institution, self.pool_source())
    }

    fn query_institution(&self) -> String {
        format!("{} [{}]", self.spec.institution, self.query_source())
    }

    /// (title, description) of a text.
    fn split<'a>(&self, text: &'a str) -> (&'a str, &'a str) {
        match text.split_once(". ") {
            Some((title, description)) if self.descriptions => (title, description),
            _ => (text, ""),
        }
    }

    /// The two feeds: (source id, institution, records), pool first.
    fn feeds(&self) -> [(String, String, Vec<serde_json::Value>); 2] {
        let country = Some(self.spec.country);
        let pool = self
            .file
            .pool
            .iter()
            .map(|item| {
                let (title, description) = self.split(&item.text);
                super::feed_record_in(
                    &self.pool_lang,
                    &item.id,
                    Some(&item.id),
                    title,
                    description,
                    &self.pool_institution(),
                    country,
                )
            })
            .collect();
        let queries = self
            .file
            .queries
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (title, description) = self.split(&item.text);
                super::feed_record_in(
                    &self.query_lang,
                    &query_id(i),
                    None,
                    title,
                    description,
                    &self.query_institution(),
                    country,
                )
            })
            .collect();
        [
            (self.pool_source(), self.pool_institution(), pool),
            (self.query_source(), self.query_institution(), queries),
        ]
    }
}

/// The neutral id of the `i`th query's record.
fn query_id(i: usize) -> String {
    format!("q-{i}")
}

/// The multilingual bridge's settings: **the one place where the bridge is configured**
/// for these tasks. The TOML returned goes at the end of the run's configuration: the
/// model file the environment variable `EMBED_MODEL` names (`embed/fetch-model.sh`
/// prints it), or no model, and the dictionaries of the folder
/// `CLEARINGHOUSE_DICTIONARIES` names (`crosslingual/fetch-dictionaries.sh` prints it),
/// or none (not even /usr/share/dictd's); without either the lookup and search run
/// without the bridge.
fn bridge_settings() -> Bridge {
    let mut toml = "[multilingual]\n".to_owned();
    let model = match std::env::var_os("EMBED_MODEL").filter(|path| !path.is_empty()) {
        Some(path) => {
            toml.push_str(&format!(
                "model = {:?}\n",
                Path::new(&path).display().to_string()
            ));
            format!("model on (EMBED_MODEL={})", Path::new(&path).display())
        }
        None => "model off (EMBED_MODEL is not set)".to_owned(),
    };
    let dictionaries =
        match std::env::var_os("CLEARINGHOUSE_DICTIONARIES").filter(|path| !path.is_empty()) {
            Some(path) => {
                toml.push_str(&format!(
                    "dictionaries = {:?}\n",
                    Path::new(&path).display().to_string()
                ));
                format!(
                    "dictionaries from {} (CLEARINGHOUSE_DICTIONARIES)",
                    Path::new(&path).display()
                )
            }
            None => {
                toml.push_str("dictionaries = \"\"\n");
                "dictionaries off (CLEARINGHOUSE_DICTIONARIES is not set)".to_owned()
            }
        };
    Bridge {
        toml,
        state: format!("{model}, {dictionaries}"),
    }
}

/// What [`bridge_settings`] gives.
struct Bridge {
    /// TOML appended to the configuration.
    toml: String,
    /// Whether the bridge is on, in words, for the report.
    state: String,
}

/// Recall@1, recall@10 and MRR@10 of one method over a task's queries.
#[derive(Default)]
struct Ranks {
    queries: usize,
    at_1: usize,
    at_10: usize,
    reciprocal_ranks: f64,
}

impl Ranks {
    /// Adds a query whose right course came at `rank` (from 1), or not in the first ten.
    fn add(&mut self, rank: Option<usize>) {
        self.queries += 1;
        if let Some(rank) = rank.filter(|rank| *rank <= HITS) {
            self.at_1 += usize::from(rank == 1);
            self.at_10 += 1;
            self.reciprocal_ranks += 1.0 / rank as f64;
        }
    }

    fn share(&self, count: usize) -> f64 {
        count as f64 / self.queries.max(1) as f64
    }

    /// `R@1 R@10 MRR@10`, aligned.
    fn columns(&self) -> String {
        format!(
            "{:>6.3} {:>6.3} {:>6.3}",
            self.share(self.at_1),
            self.share(self.at_10),
            self.reciprocal_ranks / self.queries.max(1) as f64
        )
    }
}

/// What one task measured.
struct Outcome {
    lookup: Ranks,
    char_tfidf: Ranks,
    search: Ranks,
    /// Lookups that returned no hit at all.
    lookups_empty: usize,
    /// Candidates the lookups compared, summed.
    candidates_compared: usize,
    lookup_ms: Vec<f64>,
    search_ms: Vec<f64>,
    char_tfidf_secs: f64,
    /// Queries whose title is their pool course's title (letter case aside): text left in
    /// the pool's language, which any method finds.
    same_title: usize,
    /// With `--verbose`: where the lookup gains and loses against the vectors alone.
    diagnosis: Diagnosis,
}

/// Where the lookup stands against the plain centred cosine of the bridge's vectors
/// (the pool's records ranked by it alone), with `--verbose`.
#[derive(Default)]
struct Diagnosis {
    /// The centred cosine alone, as a ranking.
    vectors: Ranks,
    /// Queries whose course the vectors rank first and the lookup lower.
    lookup_lost: usize,
    /// Queries whose course the lookup ranks first and the vectors lower.
    lookup_won: usize,
    /// Queries whose course the vectors rank in the first ten but the lookup did not
    /// compare at all.
    not_compared: usize,
}

/// Runs the four tasks in one store.
pub(crate) fn run(verbose: bool, keep_in: Option<&Path>) -> anyhow::Result<()> {
    let dir = bench::shared_dir().join("eval/crosslingual");
    let tasks = SPECS
        .iter()
        .map(|spec| Task::read(&dir, spec))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let temporary = tempfile::tempdir()?;
    let work = match keep_in {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir.to_path_buf()
        }
        None => temporary.path().to_path_buf(),
    };
    let bridge = bridge_settings();
    let mut config_text = "data_dir = \"data\"\n[server]\nlisten = \"127.0.0.1:0\"\n".to_owned();
    let mut sources = Vec::new();
    for task in &tasks {
        for (id, institution, records) in task.feeds() {
            std::fs::write(
                work.as_path().join(format!("{id}.json")),
                serde_json::to_vec(&records)?,
            )?;
            config_text.push_str(&format!(
                "[[sources]]\nid = \"{id}\"\ninstitution = \"{institution}\"\ncountry = \"{}\"\nprotocol = \"file\"\nurl = \"{id}.json\"\nformat = \"clearinghouse-json\"\n",
                task.spec.country
            ));
            sources.push(id);
        }
    }
    config_text.push_str(&bridge.toml);
    let started = Instant::now();
    let (runtime, state) = super::open_and_harvest(&config_text, &work, &sources)?;
    let harvest_secs = started.elapsed().as_secs_f64();
    // The bridge embeds records off the harvest's path: every lookup must see every
    // record embedded, so the enrichment is caught up here (with the server's own
    // enrichment thread, one step at a time).
    let enriching = Instant::now();
    let enriched = crosslingual::enrich::catch_up(&state.bridge, state.indexer.store(), |write| {
        state.indexer.enrich_blocking(write)
    })
    .map_err(|e| anyhow::anyhow!(e))?;
    let enrich_secs = enriching.elapsed().as_secs_f64();
    // The dictionaries are read on a thread of the server's: wait for them.
    let dictionaries = state.bridge.load_dictionaries();
    for dictionary in dictionaries.loaded() {
        println!(
            "dictionary {}: {} headwords, {:.1} MiB, read in {} ms",
            dictionary.pair(),
            dictionary.headwords(),
            dictionary.heap_bytes() as f64 / (1 << 20) as f64,
            dictionary.load_time().as_millis()
        );
    }
    if state.bridge.encoder().is_some() {
        println!(
            "enrichment: {} records embedded, {enrich_secs:.1} s after the harvest ({:.1} ms of embedding a record on one thread; {enriched} change-log entries read here, the rest by the server's enrichment thread)",
            state.bridge.table().len(),
            state.bridge.embedding_millis_per_record().unwrap_or(0.0),
        );
    }

    println!();
    println!(
        "== Cross-lingual: the same course in its own university's other language (../shared/eval/crosslingual/); pool as one institution's feed (course codes), queries as another's (ids q-<n>, no code); {} records harvested and indexed in {harvest_secs:.1} s; multilingual bridge: {}",
        tasks
            .iter()
            .map(|task| task.file.pool.len() + task.file.queries.len())
            .sum::<usize>(),
        bridge.state
    );
    if verbose {
        dump_vectors(&state, &tasks, &work)?;
    }
    let mut outcomes = Vec::new();
    for task in &tasks {
        outcomes.push(evaluate(&state, task, verbose)?);
    }
    println!(
        "{:<20} {:>6} {:>7} {:>5}   {:<20}   {:<20}   {:>6}",
        "task", "pair", "queries", "pool", "lookup", "char 3-5-gram TF-IDF", "search"
    );
    println!(
        "{:<20} {:>6} {:>7} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}   {:>6}",
        "", "", "", "", "R@1", "R@10", "MRR@10", "R@1", "R@10", "MRR@10", "R@10"
    );
    for (task, outcome) in tasks.iter().zip(&outcomes) {
        println!(
            "{:<20} {:>6} {:>7} {:>5}   {}   {}   {:>6.3}",
            task.spec.name,
            format!("{}->{}", task.query_lang, task.pool_lang),
            task.file.queries.len(),
            task.file.pool.len(),
            outcome.lookup.columns(),
            outcome.char_tfidf.columns(),
            outcome.search.share(outcome.search.at_10),
        );
    }
    for (task, outcome) in tasks.iter().zip(&mut outcomes) {
        let (lookup_p50, lookup_p99) = bench::median_p99(&mut outcome.lookup_ms);
        let (search_p50, search_p99) = bench::median_p99(&mut outcome.search_ms);
        println!(
            "{}: feeds {} ({} records, {}) and {} ({} records, {}); lookups with no hit {} of {}, candidates compared {:.1} per lookup; lookup p50 {lookup_p50:.1} ms, p99 {lookup_p99:.1} ms; search p50 {search_p50:.1} ms, p99 {search_p99:.1} ms; char TF-IDF {:.1} s; queries whose title is their course's title: {}",
            task.spec.name,
            task.pool_source(),
            task.file.pool.len(),
            task.pool_lang,
            task.query_source(),
            task.file.queries.len(),
            task.query_lang,
            outcome.lookups_empty,
            task.file.queries.len(),
            outcome.candidates_compared as f64 / task.file.queries.len().max(1) as f64,
            outcome.char_tfidf_secs,
            outcome.same_title,
        );
    }
    println!(
        "(lookup: the equivalence lookup at the pool's institution, top {HITS}; char TF-IDF: cosine over the whole text, idf over pool and queries; search: the query's title typed into search with the pool's institution selected, a hit when its course is in the first {HITS})"
    );
    if verbose {
        for (task, outcome) in tasks.iter().zip(&outcomes) {
            let d = &outcome.diagnosis;
            println!(
                "{}: vectors alone (centred cosine over the pool) R@1 R@10 MRR@10 {}; the lookup lost {} first places the vectors had and won {}; {} right courses in the vectors' first ten not compared",
                task.spec.name,
                d.vectors.columns(),
                d.lookup_lost,
                d.lookup_won,
                d.not_compared
            );
        }
    }
    runtime.block_on(state.indexer.commit())?;
    Ok(())
}

/// Writes every task's records' vectors, languages and texts to `vectors-{slug}.json` in
/// `work` (`--verbose`), for analysis outside the pipeline.
fn dump_vectors(
    state: &server::state::AppState,
    tasks: &[Task],
    work: &Path,
) -> anyhow::Result<()> {
    for task in tasks {
        let pool_source = SourceId::parse(&task.pool_source())?;
        let query_source = SourceId::parse(&task.query_source())?;
        let side = |ids: Vec<RecordId>| -> Vec<serde_json::Value> {
            ids.iter()
                .map(|id| match state.bridge.table().vector_of(id) {
                    Some((lang, vector)) => serde_json::json!({"lang": lang, "v": vector}),
                    None => serde_json::Value::Null,
                })
                .collect()
        };
        let pool = side(
            task.file
                .pool
                .iter()
                .map(|item| RecordId::new(&pool_source, &item.id))
                .collect(),
        );
        let queries = side(
            (0..task.file.queries.len())
                .map(|i| RecordId::new(&query_source, &query_id(i)))
                .collect(),
        );
        std::fs::write(
            work.join(format!("vectors-{}.json", task.spec.slug)),
            serde_json::to_vec(&serde_json::json!({
                "pool": pool,
                "queries": queries,
            }))?,
        )?;
    }
    Ok(())
}

/// The vectors' own ranking of a query's course, and with the lookup's rank, why the two
/// differ (`--verbose`).
#[allow(clippy::too_many_arguments)]
fn diagnose(
    state: &server::state::AppState,
    task: &Task,
    record: &model::StoredRecord,
    request: &EquivalenceRequest,
    pool_record: &HashMap<RecordId, usize>,
    right: &[usize],
    rank: Option<usize>,
    diagnosis: &mut Diagnosis,
) -> anyhow::Result<()> {
    let Some(query) = state.bridge.query_for(record) else {
        return Ok(());
    };
    let pool_source = SourceId::parse(&task.pool_source())?;
    let nearest = state
        .bridge
        .table()
        .nearest(&query, Some(&pool_source), HITS, Some(&record.id));
    let is_right = |id: &RecordId| pool_record.get(id).is_some_and(|j| right.contains(j));
    let hit_is_right = |hit: &recognition::equivalence::EquivalentHit| {
        std::iter::once(&hit.record.id)
            .chain(hit.also_listed_as.iter().map(|listing| &listing.id))
            .any(is_right)
    };
    let vector_rank = nearest
        .iter()
        .position(|(id, _)| is_right(id))
        .map(|p| p + 1);
    diagnosis.vectors.add(vector_rank);
    diagnosis.lookup_lost += usize::from(vector_rank == Some(1) && rank != Some(1));
    diagnosis.lookup_won += usize::from(rank == Some(1) && vector_rank != Some(1));
    if vector_rank == rank {
        return Ok(());
    }
    let all = state.equivalents(
        record,
        &EquivalenceRequest {
            all_compared: true,
            ..request.clone()
        },
    )?;
    let describe = |hit: &recognition::equivalence::EquivalentHit| {
        let title = pool_record
            .get(&hit.record.id)
            .map_or("?", |j| task.split(&task.file.pool[*j].text).0);
        format!(
            "{title:?} score {:.3} text {:.3} vectors {} elements {:.3} lang {}",
            hit.score,
            hit.comparison.text_similarity,
            hit.across_languages
                .as_ref()
                .map_or("-".to_owned(), |(_, s)| format!("{s:.3}")),
            recognition::compare::element_score(&hit.comparison),
            state
                .bridge
                .table()
                .language_of(&hit.record.id)
                .unwrap_or_default(),
        )
    };
    let right_hit = all.hits.iter().position(hit_is_right);
    if right_hit.is_none() && vector_rank.is_some() {
        diagnosis.not_compared += 1;
    }
    let title = record
        .credential
        .as_ref()
        .map_or("", |c| c.title.0.values().next().map_or("", String::as_str));
    println!(
        "{} diff: {title:?} lookup rank {rank:?}, vectors rank {vector_rank:?}; top: {}; right: {}",
        task.spec.name,
        all.hits.first().map_or("-".to_owned(), describe),
        right_hit.map_or("not compared".to_owned(), |i| format!(
            "#{} {}",
            i + 1,
            describe(&all.hits[i])
        )),
    );
    Ok(())
}

/// Looks each query of `task` up, ranks it by character TF-IDF and searches its title.
fn evaluate(
    state: &server::state::AppState,
    task: &Task,
    verbose: bool,
) -> anyhow::Result<Outcome> {
    let pool_source = SourceId::parse(&task.pool_source())?;
    let query_source = SourceId::parse(&task.query_source())?;
    let pool = &task.file.pool;
    let pool_index: HashMap<&str, usize> = pool
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    let pool_record: HashMap<RecordId, usize> = pool
        .iter()
        .enumerate()
        .map(|(i, item)| (RecordId::new(&pool_source, &item.id), i))
        .collect();
    let started = Instant::now();
    let texts: Vec<&str> = pool.iter().map(|item| item.text.as_str()).collect();
    let query_texts: Vec<&str> = task.file.queries.iter().map(|q| q.text.as_str()).collect();
    let char_tfidf = CharTfIdf::build(&texts, &query_texts);
    let mut char_tfidf_secs = started.elapsed().as_secs_f64();
    let request = EquivalenceRequest {
        institution: Some(pool_source.clone()),
        limit: HITS,
        threshold: 0.0,
        ..EquivalenceRequest::default()
    };
    let institution = Facet::Institution
        .parse_value(&task.pool_institution())
        .map_err(anyhow::Error::msg)?;
    let mut outcome = Outcome {
        lookup: Ranks::default(),
        char_tfidf: Ranks::default(),
        search: Ranks::default(),
        lookups_empty: 0,
        candidates_compared: 0,
        lookup_ms: Vec::new(),
        search_ms: Vec::new(),
        char_tfidf_secs: 0.0,
        same_title: 0,
        diagnosis: Diagnosis::default(),
    };
    for (i, query) in task.file.queries.iter().enumerate() {
        let right: Vec<usize> = task
            .file
            .truth
            .get(&query.id)
            .into_iter()
            .flatten()
            .filter_map(|id| pool_index.get(id.as_str()).copied())
            .collect();
        let (title, _) = task.split(&query.text);
        outcome.same_title += usize::from(right.iter().any(|j| {
            task.split(&pool[*j].text).0.trim().to_lowercase() == title.trim().to_lowercase()
        }));

        let record = state
            .indexer
            .store()
            .get(&RecordId::new(&query_source, &query_id(i)))?
            .context("query course stored")?;
        let lookup_started = Instant::now();
        let found = state.equivalents(&record, &request)?;
        outcome
            .lookup_ms
            .push(lookup_started.elapsed().as_secs_f64() * 1000.0);
        outcome.candidates_compared += found.candidates_compared;
        outcome.lookups_empty += usize::from(found.hits.is_empty());
        let rank = found
            .hits
            .iter()
            .position(|hit| {
                std::iter::once(&hit.record.id)
                    .chain(hit.also_listed_as.iter().map(|listing| &listing.id))
                    .filter_map(|id| pool_record.get(id))
                    .any(|j| right.contains(j))
            })
            .map(|position| position + 1);
        outcome.lookup.add(rank);
        if verbose {
            diagnose(
                state,
                task,
                &record,
                &request,
                &pool_record,
                &right,
                rank,
                &mut outcome.diagnosis,
            )?;
        }
        if verbose && rank != Some(1) {
            let got: Vec<&str> = found
                .hits
                .iter()
                .take(3)
                .filter_map(|hit| pool_record.get(&hit.record.id))
                .map(|j| task.split(&pool[*j].text).0)
                .collect();
            let expected: Vec<&str> = right.iter().map(|j| task.split(&pool[*j].text).0).collect();
            println!(
                "{} miss (rank {rank:?}, {} compared): {title} | expected {expected:?} | got {got:?}",
                task.spec.name, found.candidates_compared
            );
        }

        let started = Instant::now();
        let ranked = char_tfidf.rank(&query.text, HITS);
        char_tfidf_secs += started.elapsed().as_secs_f64();
        outcome.char_tfidf.add(
            ranked
                .iter()
                .position(|j| right.contains(j))
                .map(|position| position + 1),
        );

        let search_request = SearchRequest {
            filters: vec![(Facet::Institution, vec![institution.clone()])],
            ..SearchRequest::new(title, 0, HITS)
        };
        let search_started = Instant::now();
        let answer = state.search(&search_request, &[])?;
        outcome
            .search_ms
            .push(search_started.elapsed().as_secs_f64() * 1000.0);
        outcome.search.add(
            answer
                .hits
                .iter()
                .position(|hit| pool_record.get(&hit.id).is_some_and(|j| right.contains(j)))
                .map(|position| position + 1),
        );
    }
    outcome.char_tfidf_secs = char_tfidf_secs;
    Ok(outcome)
}
