//! Measures the equivalence lookup on real recognition data: the official VCCS → Virginia
//! Tech transfer equivalences (`../shared/eval/vccs-to-vt/`) and the University of Hong
//! Kong's credit-transfer decisions (`../shared/eval/hku-credit-transfer/`, task (a):
//! exchange course title → HKU course).
//!
//! All catalogues go through the real pipeline: they are written as `clearinghouse-json`
//! feeds, harvested as `file` sources, stored and indexed. For each query course the
//! lookup ranks the target catalogue (restricted to that institution); the program prints
//! recall@1/5/10 and MRR, next to a plain BM25 baseline over titles and descriptions
//! computed in the same run on the same catalogue, and how often the lookup would abstain
//! at the default threshold on rows with and without an equivalent.
//!
//! VCCS: rows whose VT course is missing from the catalogue are left out (and counted); a
//! row whose target is a bundle `A + B` counts a hit on either part. HKU: rows recognised
//! only as elective credit (`xxxx` or empty HKU code) are the no-equivalent cases; a
//! sample spread evenly over the distinct pairs is taken (`--hku-rows N`, 0 for all).
//!
//! The precedents task ([`precedents`]) looks HKU exchange courses up before and after
//! the decisions about other exchange courses are recorded, next to a plain
//! k-nearest-neighbour vote over the same decisions; `--fit` also fits the weights of the
//! learned signals on the recorded half (never on the queries) and prints them.
//!
//! The cross-lingual tasks ([`crosslingual`]) look courses up across languages in real
//! bilingual catalogues (`../shared/eval/crosslingual/`: Swedish, Finnish and German
//! queries, English pools), next to a character 3–5-gram TF-IDF baseline and search.
//!
//! Run: `cargo run --release -p bench --bin equivalence_eval [-- --verbose] [--hku-rows N]
//! [--only vccs|hku|precedents|crosslingual] [--fit]`

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::Context;
use model::{RecordId, SourceId};
use recognition::equivalence::{self, EquivalenceRequest};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, TantivyDocument, Term, doc};

mod char_tfidf;
mod crosslingual;
mod fit;
mod hku;
mod precedents;

/// One query of a task: a course of the sending side and what it was recognised as.
struct Row {
    code: String,
    title: String,
    description: String,
    /// Codes of the target courses (a hit on any counts); empty when the course was
    /// recognised only as elective credit (no specific equivalent).
    targets: Vec<String>,
}

/// One evaluation task: a target catalogue and the queries ranked against it.
struct Task {
    name: &'static str,
    source: &'static str,
    target: &'static str,
    target_institution: &'static str,
    target_country: Option<&'static str>,
    /// Country of the sending side's source (`ZZ`: many countries).
    source_country: &'static str,
    /// Whether the sending side's course ids are its course codes (HKU's exchange courses
    /// are numbered here; the target catalogues always are by code).
    source_ids_are_codes: bool,
    catalogue: Vec<(String, String, String)>,
    rows: Vec<Row>,
    /// Courses of the sending side, by code: (title, description, institution).
    courses: Vec<(String, String, String, String)>,
    note: String,
}

#[derive(Default)]
struct Metrics {
    rows: usize,
    hits_at: [usize; 3],
    reciprocal_ranks: f64,
}

impl Metrics {
    fn add(&mut self, rank: Option<usize>) {
        self.rows += 1;
        if let Some(rank) = rank {
            for (i, k) in [1, 5, 10].iter().enumerate() {
                if rank <= *k {
                    self.hits_at[i] += 1;
                }
            }
            self.reciprocal_ranks += 1.0 / rank as f64;
        }
    }

    fn line(&self, name: &str) -> String {
        let n = self.rows.max(1) as f64;
        format!(
            "{name:<32} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
            self.hits_at[0] as f64 / n,
            self.hits_at[1] as f64 / n,
            self.hits_at[2] as f64 / n,
            self.reciprocal_ranks / n
        )
    }
}

fn split_vccs(course: &str) -> (String, String) {
    let mut parts = course.splitn(3, ' ');
    let subject = parts.next().unwrap_or_default();
    let number = parts.next().unwrap_or_default();
    let title = parts.next().unwrap_or_default();
    (format!("{subject} {number}"), title.to_owned())
}

/// A `clearinghouse-json` record in English; `code` is published as its `course-code`
/// identifier.
fn feed_record(
    id: &str,
    code: Option<&str>,
    title: &str,
    description: &str,
    institution: &str,
    country: Option<&str>,
) -> serde_json::Value {
    feed_record_in("en", id, code, title, description, institution, country)
}

/// A `clearinghouse-json` record whose title, description and teaching language are tagged
/// `lang` (the institution's name stays tagged English).
fn feed_record_in(
    lang: &str,
    id: &str,
    code: Option<&str>,
    title: &str,
    description: &str,
    institution: &str,
    country: Option<&str>,
) -> serde_json::Value {
    let mut record = serde_json::json!({
        "id": id,
        "kind": "course",
        "title": { lang: title },
        "awarding_body": { "name": { "en": institution } },
        "languages": [lang],
    });
    if let Some(code) = code {
        record["identifiers"] = serde_json::json!([{ "scheme": "course-code", "value": code }]);
    }
    if !description.trim().is_empty() {
        record["description"] = serde_json::json!({ lang: description });
    }
    if let Some(country) = country {
        record["awarding_body"]["country"] = serde_json::json!(country);
    }
    record
}

/// The clearinghouse of `config_text` (relative paths from `dir`), opened as the server
/// opens it, with every one of `sources` harvested (a record that fails fails the run);
/// the runtime it ran on, for what the caller does next.
pub(crate) fn open_and_harvest(
    config_text: &str,
    dir: &std::path::Path,
    sources: &[impl AsRef<str>],
) -> anyhow::Result<(tokio::runtime::Runtime, server::app::AppState)> {
    let config = Arc::new(config::Config::from_toml_str(config_text, dir)?);
    let runtime = tokio::runtime::Runtime::new()?;
    let sources: Vec<String> = sources.iter().map(|s| s.as_ref().to_owned()).collect();
    let state = runtime.block_on(async move {
        let state = tokio::task::spawn_blocking(move || server::app::open_state(config)).await??;
        for source in &sources {
            let run = state.harvests.run(source, false).await?;
            anyhow::ensure!(run.counts.failed == 0, "{source}: {:?}", run.errors);
        }
        anyhow::Ok(state)
    })?;
    Ok((runtime, state))
}

/// VCCS → Virginia Tech: 303 official equivalences, the 5,005-course VT catalogue.
fn vccs_task() -> anyhow::Result<Task> {
    let eval_dir = bench::shared_dir().join("eval/vccs-to-vt");
    let mut catalogue_csv = csv::Reader::from_path(eval_dir.join("target-catalogue.csv"))
        .context("reading the VT catalogue (is ../shared beside the repository?)")?;
    let mut catalogue: Vec<(String, String, String)> = Vec::new();
    for row in catalogue_csv.records() {
        let row = row?;
        catalogue.push((row[0].to_owned(), row[1].to_owned(), row[2].to_owned()));
    }
    let codes: HashSet<&str> = catalogue.iter().map(|(code, _, _)| code.as_str()).collect();
    let mut equivalences = csv::Reader::from_path(eval_dir.join("equivalences.csv"))?;
    let mut rows = Vec::new();
    let mut left_out = 0;
    for row in equivalences.records() {
        let row = row?;
        let (code, title) = split_vccs(&row[1]);
        let targets: Vec<String> = row[3]
            .split('+')
            .map(|code| code.trim().to_owned())
            .collect();
        if !targets.iter().any(|code| codes.contains(code.as_str())) {
            left_out += 1;
            continue;
        }
        rows.push(Row {
            code,
            title,
            description: row[2].to_owned(),
            targets,
        });
    }
    let mut seen = HashSet::new();
    let courses = rows
        .iter()
        .filter(|row| seen.insert(row.code.clone()))
        .map(|row| {
            (
                row.code.clone(),
                row.title.clone(),
                row.description.clone(),
                "Virginia Community College System".to_owned(),
            )
        })
        .collect();
    let note = format!(
        "VCCS -> Virginia Tech equivalences: {} rows evaluated, {left_out} left out (target not in the catalogue), bundles `A + B` count a hit on either part; candidate pool {} VT courses (titles and descriptions)",
        rows.len(),
        catalogue.len()
    );
    Ok(Task {
        name: "VCCS -> VT",
        source: "vccs",
        target: "vt",
        target_institution: "Virginia Tech",
        target_country: Some("US"),
        source_country: "US",
        source_ids_are_codes: true,
        catalogue,
        rows,
        courses,
        note,
    })
}

/// HKU credit transfer, task (a): exchange course title → the HKU course, the pool being
/// the distinct HKU courses (by code, each under its most frequent title). Rows whose HKU
/// code contains `xxxx` or is empty were recognised as elective credit only: they are the
/// no-equivalent cases, for the abstention flag. `max_rows` spreads a sample evenly over
/// the distinct (exchange course, HKU course) pairs; 0 takes them all.
fn hku_task(max_rows: usize) -> anyhow::Result<Task> {
    let (decisions, hku_catalogue) = hku::read()?;
    let mut exchange_ids: HashMap<(String, String, String), String> = HashMap::new();
    let mut courses = Vec::new();
    let mut pairs: Vec<(String, Option<String>)> = Vec::new();
    let mut seen_pairs = HashSet::new();
    let n_decisions = decisions.len();
    for decision in decisions {
        let key = (
            decision.university.clone(),
            decision.exchange_code,
            decision.exchange_title.clone(),
        );
        let next_id = format!("x{}", exchange_ids.len());
        let id = exchange_ids
            .entry(key)
            .or_insert_with(|| {
                courses.push((
                    next_id.clone(),
                    decision.exchange_title,
                    String::new(),
                    decision.university,
                ));
                next_id
            })
            .clone();
        if seen_pairs.insert((id.clone(), decision.hku_code.clone())) {
            pairs.push((id, decision.hku_code));
        }
    }
    let catalogue: Vec<(String, String, String)> = hku_catalogue
        .into_iter()
        .map(|(code, title)| (code, title, String::new()))
        .collect();
    let n_pairs = pairs.len();
    let step = if max_rows == 0 {
        1
    } else {
        n_pairs.div_ceil(max_rows).max(1)
    };
    let titles: HashMap<&str, &str> = courses
        .iter()
        .map(|(id, title, _, _)| (id.as_str(), title.as_str()))
        .collect();
    let rows: Vec<Row> = pairs
        .iter()
        .step_by(step)
        .map(|(id, target)| Row {
            code: id.clone(),
            title: titles
                .get(id.as_str())
                .copied()
                .unwrap_or_default()
                .to_owned(),
            description: String::new(),
            targets: target.iter().cloned().collect(),
        })
        .collect();
    let used: HashSet<&str> = rows.iter().map(|row| row.code.as_str()).collect();
    let courses: Vec<_> = courses
        .into_iter()
        .filter(|(id, _, _, _)| used.contains(id.as_str()))
        .collect();
    let note = format!(
        "HKU credit transfer (a), exchange course title -> HKU course: {n_decisions} decisions, {n_pairs} distinct (exchange course, HKU course) pairs, every {step}th taken: {} rows, {} with a specific HKU course, {} elective-only (no equivalent); candidate pool {} HKU courses (titles only)",
        rows.len(),
        rows.iter().filter(|row| !row.targets.is_empty()).count(),
        rows.iter().filter(|row| row.targets.is_empty()).count(),
        catalogue.len()
    );
    Ok(Task {
        name: "HKU exchange -> HKU",
        source: "exchange",
        target: "hku",
        target_institution: "The University of Hong Kong",
        target_country: Some("HK"),
        source_country: "ZZ",
        source_ids_are_codes: false,
        catalogue,
        rows,
        courses,
        note,
    })
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let verbose = args.iter().any(|arg| arg == "--verbose");
    let hku_rows = args
        .iter()
        .position(|arg| arg == "--hku-rows")
        .and_then(|i| args.get(i + 1))
        .map_or(Ok(2000), |text| text.parse::<usize>())
        .context("--hku-rows takes a number (0: all)")?;
    let only = args
        .iter()
        .position(|arg| arg == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let fit = args.iter().any(|arg| arg == "--fit");
    // The cross-lingual tasks' store and vectors are kept there and reused by the next
    // run (the records' embedding is most of such a run's time).
    let crosslingual_dir = args
        .iter()
        .position(|arg| arg == "--crosslingual-dir")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    if let Some(name) = only.as_deref()
        && !["vccs", "hku", "precedents", "crosslingual"].contains(&name)
    {
        anyhow::bail!("--only takes vccs, hku, precedents or crosslingual, not {name:?}");
    }
    let mut tasks = Vec::new();
    if only.as_deref().is_none_or(|name| name == "vccs") {
        tasks.push(vccs_task()?);
    }
    if only.as_deref().is_none_or(|name| name == "hku") {
        tasks.push(hku_task(hku_rows)?);
    }
    if !tasks.is_empty() {
        run_tasks(&tasks, verbose)?;
    }
    if only.as_deref().is_none_or(|name| name == "precedents") {
        precedents::run(fit, verbose)?;
    }
    if only.as_deref().is_none_or(|name| name == "crosslingual") {
        crosslingual::run(verbose, crosslingual_dir.as_deref())?;
    }
    Ok(())
}

/// The catalogue tasks: feeds → harvest → store and index, as in production, then each
/// task's queries.
fn run_tasks(tasks: &[Task], verbose: bool) -> anyhow::Result<()> {
    let work = tempfile::tempdir()?;
    let mut config_text = "data_dir = \"data\"\n[server]\nlisten = \"127.0.0.1:0\"\n".to_owned();
    let mut sources = Vec::new();
    for task in tasks {
        let target_feed: Vec<_> = task
            .catalogue
            .iter()
            .map(|(code, title, description)| {
                feed_record(
                    code,
                    Some(code),
                    title,
                    description,
                    task.target_institution,
                    task.target_country,
                )
            })
            .collect();
        let source_feed: Vec<_> = task
            .courses
            .iter()
            .map(|(code, title, description, institution)| {
                let published_code = task.source_ids_are_codes.then_some(code.as_str());
                feed_record(code, published_code, title, description, institution, None)
            })
            .collect();
        for (id, feed, institution, country) in [
            (
                task.target,
                target_feed,
                task.target_institution,
                task.target_country.unwrap_or("ZZ"),
            ),
            (task.source, source_feed, "senders", task.source_country),
        ] {
            std::fs::write(
                work.path().join(format!("{id}.json")),
                serde_json::to_vec(&feed)?,
            )?;
            config_text.push_str(&format!(
                "[[sources]]\nid = \"{id}\"\ninstitution = \"{institution}\"\ncountry = \"{country}\"\nprotocol = \"file\"\nurl = \"{id}.json\"\nformat = \"clearinghouse-json\"\n"
            ));
            sources.push(id);
        }
    }
    let (_runtime, state) = open_and_harvest(&config_text, work.path(), &sources)?;
    for task in tasks {
        evaluate(&state, task, verbose)?;
    }
    Ok(())
}

fn evaluate(state: &server::state::AppState, task: &Task, verbose: bool) -> anyhow::Result<()> {
    let indexer = &state.indexer;
    let target_source = SourceId::parse(task.target)?;
    let query_source = SourceId::parse(task.source)?;
    let target_ids: HashMap<RecordId, String> = task
        .catalogue
        .iter()
        .map(|(code, _, _)| (RecordId::new(&target_source, code), code.clone()))
        .collect();
    let baseline = Baseline::build(&task.catalogue)?;
    let mut ours = Metrics::default();
    let mut plain = Metrics::default();
    // Abstention at the default threshold, on rows with and without an equivalent.
    let (mut abstained_with, mut abstained_without, mut n_without) = (0, 0, 0);
    // The best hit's score on rows with and without an equivalent, for other thresholds.
    let (mut top_with, mut top_without): (Vec<f64>, Vec<f64>) = (Vec::new(), Vec::new());
    let started = std::time::Instant::now();
    let mut latencies_ms = Vec::with_capacity(task.rows.len());
    for row in &task.rows {
        let record = indexer
            .store()
            .get(&RecordId::new(&query_source, &row.code))?
            .context("query course stored")?;
        let request = EquivalenceRequest {
            institution: Some(target_source.clone()),
            country: None,
            limit: 10,
            threshold: 0.0,
            ..EquivalenceRequest::default()
        };
        let lookup_started = std::time::Instant::now();
        let found = state.equivalents(&record, &request)?;
        latencies_ms.push(lookup_started.elapsed().as_secs_f64() * 1000.0);
        let abstains = found
            .hits
            .first()
            .is_none_or(|hit| hit.score < equivalence::DEFAULT_THRESHOLD);
        let top_score = found.hits.first().map_or(0.0, |hit| hit.score);
        if row.targets.is_empty() {
            top_without.push(top_score);
        } else {
            top_with.push(top_score);
        }
        if row.targets.is_empty() {
            n_without += 1;
            abstained_without += usize::from(abstains);
            continue;
        }
        abstained_with += usize::from(abstains);
        // A hit counts with the listings folded into it (one course cross-listed under
        // two codes is one hit).
        let rank = found
            .hits
            .iter()
            .position(|hit| {
                std::iter::once(&hit.record.id)
                    .chain(hit.also_listed_as.iter().map(|listing| &listing.id))
                    .filter_map(|id| target_ids.get(id))
                    .any(|code| row.targets.contains(code))
            })
            .map(|i| i + 1);
        if verbose && rank != Some(1) {
            let titles: Vec<String> = found
                .hits
                .iter()
                .take(3)
                .filter_map(|hit| hit.record.credential.as_ref())
                .map(|c| c.title.best(&[]).unwrap_or_default().to_owned())
                .collect();
            let expected: Vec<&str> = task
                .catalogue
                .iter()
                .filter(|(code, _, _)| row.targets.contains(code))
                .map(|(_, title, _)| title.as_str())
                .collect();
            println!(
                "miss (rank {rank:?}): {} | expected {expected:?} | got {titles:?}",
                row.title
            );
        }
        ours.add(rank);
        let ranked = baseline.rank(&format!("{} {}", row.title, row.description))?;
        let ranked: Vec<&str> = ranked.iter().map(String::as_str).collect();
        plain.add(rank_of(&ranked, &row.targets));
    }
    let (p50, p99) = bench::median_p99(&mut latencies_ms);
    println!();
    println!("== {}: {}", task.name, task.note);
    println!(
        "{:<32} {:>6} {:>6} {:>6} {:>6}",
        "method", "R@1", "R@5", "R@10", "MRR"
    );
    println!("{}", ours.line("clearinghouse equivalents"));
    println!("{}", plain.line("plain BM25 title+description"));
    let share = |part: usize, all: usize| part as f64 / all.max(1) as f64;
    println!(
        "abstention at the default threshold {}: {abstained_with} of {} rows with an equivalent ({:.3}); {abstained_without} of {n_without} rows without one ({:.3})",
        equivalence::DEFAULT_THRESHOLD,
        ours.rows,
        share(abstained_with, ours.rows),
        share(abstained_without, n_without)
    );
    if !top_without.is_empty() {
        print_score_spread(&mut top_with, &mut top_without);
    }
    println!(
        "lookups: {} in {:.1} s, p50 {p50:.1} ms, p99 {p99:.1} ms",
        task.rows.len(),
        started.elapsed().as_secs_f64(),
    );
    Ok(())
}

/// The best hit's score on rows with and without an equivalent (quartiles), and how often
/// the lookup would abstain on each at a range of thresholds.
fn print_score_spread(with: &mut [f64], without: &mut [f64]) {
    let quartiles = |scores: &mut [f64]| {
        scores.sort_by(f64::total_cmp);
        let at = |q: f64| scores[((scores.len() - 1) as f64 * q).round() as usize];
        format!(
            "p10 {:.3}, p25 {:.3}, p50 {:.3}, p75 {:.3}, p90 {:.3}",
            at(0.1),
            at(0.25),
            at(0.5),
            at(0.75),
            at(0.9)
        )
    };
    if with.is_empty() {
        return;
    }
    println!(
        "best hit's score, rows with an equivalent: {}",
        quartiles(with)
    );
    println!(
        "best hit's score, rows without one:       {}",
        quartiles(without)
    );
    let below = |scores: &[f64], threshold: f64| {
        scores.iter().filter(|score| **score < threshold).count() as f64 / scores.len() as f64
    };
    let sweep: Vec<String> = (7..=14)
        .map(|step| f64::from(step) * 0.05)
        .map(|threshold| {
            format!(
                "{threshold:.2}: {:.2}/{:.2}",
                below(with, threshold),
                below(without, threshold)
            )
        })
        .collect();
    println!(
        "abstention (rows with / without an equivalent) by threshold: {}",
        sweep.join(", ")
    );
}

fn rank_of(ranked: &[&str], targets: &[String]) -> Option<usize> {
    ranked
        .iter()
        .position(|code| targets.iter().any(|target| target == code))
        .map(|position| position + 1)
}

/// Plain BM25 over title and description in one field, tantivy's default analyzer (words,
/// lower case), the query's words OR-ed: what a user would get without the clearinghouse.
struct Baseline {
    index: Index,
    reader: tantivy::IndexReader,
    code: tantivy::schema::Field,
    text: tantivy::schema::Field,
}

impl Baseline {
    fn build(catalogue: &[(String, String, String)]) -> anyhow::Result<Baseline> {
        let mut builder = Schema::builder();
        let code = builder.add_text_field("code", STRING | STORED);
        let text = builder.add_text_field("text", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(50_000_000)?;
        for (course_code, title, description) in catalogue {
            writer.add_document(
                doc!(code => course_code.as_str(), text => format!("{title} {description}")),
            )?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(Baseline {
            index,
            reader,
            code,
            text,
        })
    }

    fn rank(&self, query_text: &str) -> anyhow::Result<Vec<String>> {
        let mut analyzer = self.index.tokenizer_for_field(self.text)?;
        let mut stream = analyzer.token_stream(query_text);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut seen = HashSet::new();
        while stream.advance() {
            let word = stream.token().text.clone();
            if seen.insert(word.clone()) {
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.text, &word),
                        IndexRecordOption::WithFreqs,
                    )),
                ));
            }
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(10).order_by_score(),
        )?;
        let mut out = Vec::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(code) = doc.get_first(self.code).and_then(|v| v.as_str()) {
                out.push(code.to_owned());
            }
        }
        Ok(out)
    }
}
