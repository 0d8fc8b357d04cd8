//! Measures the equivalence lookup on real recognition data: the official VCCS → Virginia
//! Tech transfer equivalences (`../shared/eval/vccs-to-vt/`).
//!
//! Both catalogues go through the real pipeline: they are written as `clearinghouse-json`
//! feeds, harvested as `file` sources, stored and indexed. For each VCCS course the lookup
//! ranks the Virginia Tech catalogue (restricted to that institution); the program prints
//! recall@1/5/10 and MRR, next to a plain BM25 baseline over titles and descriptions
//! computed in the same run on the same catalogue.
//!
//! Rows whose VT course is missing from the catalogue are left out (and counted); a row
//! whose target is a bundle `A + B` counts a hit on either part.
//!
//! Run: `cargo run --release -p bench --bin equivalence_eval`

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::Context;
use indexer::equivalence::{self, EquivalenceRequest};
use model::{RecordId, SourceId};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TEXT, Value};
use tantivy::{Index, TantivyDocument, Term, doc};

struct Row {
    vccs_code: String,
    vccs_title: String,
    vccs_description: String,
    targets: Vec<String>,
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
            "{name:<28} {:>6.3} {:>6.3} {:>6.3} {:>6.3}",
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

fn feed_record(
    id: &str,
    title: &str,
    description: &str,
    institution: &str,
    country: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "kind": "course",
        "title": { "en": title },
        "description": { "en": description },
        "awarding_body": { "name": { "en": institution }, "country": country },
        "languages": ["en"],
    })
}

fn main() -> anyhow::Result<()> {
    let verbose = std::env::args().any(|arg| arg == "--verbose");
    let eval_dir = bench::shared_dir().join("eval/vccs-to-vt");
    let mut catalogue = csv::Reader::from_path(eval_dir.join("target-catalogue.csv"))
        .context("reading the VT catalogue (is ../shared beside the repository?)")?;
    let mut vt: Vec<(String, String, String)> = Vec::new();
    for row in catalogue.records() {
        let row = row?;
        vt.push((row[0].to_owned(), row[1].to_owned(), row[2].to_owned()));
    }
    let vt_codes: HashSet<&str> = vt.iter().map(|(code, _, _)| code.as_str()).collect();
    let mut equivalences = csv::Reader::from_path(eval_dir.join("equivalences.csv"))?;
    let mut rows = Vec::new();
    let mut left_out = 0;
    for row in equivalences.records() {
        let row = row?;
        let (vccs_code, vccs_title) = split_vccs(&row[1]);
        let targets: Vec<String> = row[3]
            .split('+')
            .map(|code| code.trim().to_owned())
            .collect();
        if !targets.iter().any(|code| vt_codes.contains(code.as_str())) {
            left_out += 1;
            continue;
        }
        rows.push(Row {
            vccs_code,
            vccs_title,
            vccs_description: row[2].to_owned(),
            targets,
        });
    }

    // Feeds → harvest → store and index, as in production.
    let work = tempfile::tempdir()?;
    let vt_feed: Vec<_> = vt
        .iter()
        .map(|(code, title, description)| {
            feed_record(code, title, description, "Virginia Tech", "US")
        })
        .collect();
    let mut seen = HashSet::new();
    let vccs_feed: Vec<_> = rows
        .iter()
        .filter(|row| seen.insert(row.vccs_code.clone()))
        .map(|row| {
            feed_record(
                &row.vccs_code,
                &row.vccs_title,
                &row.vccs_description,
                "Virginia Community College System",
                "US",
            )
        })
        .collect();
    std::fs::write(work.path().join("vt.json"), serde_json::to_vec(&vt_feed)?)?;
    std::fs::write(
        work.path().join("vccs.json"),
        serde_json::to_vec(&vccs_feed)?,
    )?;
    let config_text = "data_dir = \"data\"\n[server]\nlisten = \"127.0.0.1:0\"\n\
         [[sources]]\nid = \"vt\"\ninstitution = \"Virginia Tech\"\ncountry = \"US\"\nprotocol = \"file\"\nurl = \"vt.json\"\nformat = \"clearinghouse-json\"\n\
         [[sources]]\nid = \"vccs\"\ninstitution = \"VCCS\"\ncountry = \"US\"\nprotocol = \"file\"\nurl = \"vccs.json\"\nformat = \"clearinghouse-json\"\n";
    let config = Arc::new(config::Config::from_toml_str(config_text, work.path())?);
    let runtime = tokio::runtime::Runtime::new()?;
    let state = runtime.block_on(async {
        let config = config.clone();
        let state = tokio::task::spawn_blocking(move || server::app::open_state(config)).await??;
        for source in ["vt", "vccs"] {
            let run = state.harvests.run(source, false).await?;
            anyhow::ensure!(run.counts.failed == 0, "{source}: {:?}", run.errors);
        }
        anyhow::Ok(state)
    })?;
    let indexer = &state.indexer;
    let vt_source = SourceId::parse("vt")?;
    let vccs_source = SourceId::parse("vccs")?;
    let target_ids: HashMap<RecordId, String> = vt
        .iter()
        .map(|(code, _, _)| (RecordId::new(&vt_source, code), code.clone()))
        .collect();

    let baseline = Baseline::build(&vt)?;
    let mut ours = Metrics::default();
    let mut plain = Metrics::default();
    let mut abstained = 0;
    let started = std::time::Instant::now();
    let mut latencies_ms = Vec::with_capacity(rows.len());
    for row in &rows {
        let record = indexer
            .store()
            .get(&RecordId::new(&vccs_source, &row.vccs_code))?
            .context("VCCS course stored")?;
        let request = EquivalenceRequest {
            institution: Some(vt_source.clone()),
            country: None,
            limit: 10,
            threshold: 0.0,
        };
        let lookup_started = std::time::Instant::now();
        let found = equivalence::find(&indexer.index(), indexer.store(), &record, &request)?;
        latencies_ms.push(lookup_started.elapsed().as_secs_f64() * 1000.0);
        if found
            .hits
            .first()
            .is_none_or(|hit| hit.score < equivalence::DEFAULT_THRESHOLD)
        {
            abstained += 1;
        }
        let ranked: Vec<&str> = found
            .hits
            .iter()
            .filter_map(|hit| target_ids.get(&hit.record.id).map(String::as_str))
            .collect();
        let rank = rank_of(&ranked, &row.targets);
        if verbose && rank != Some(1) {
            let titles: Vec<String> = found
                .hits
                .iter()
                .take(3)
                .filter_map(|hit| hit.record.credential.as_ref())
                .map(|c| c.title.best(&[]).unwrap_or_default().to_owned())
                .collect();
            let expected: Vec<&str> = vt
                .iter()
                .filter(|(code, _, _)| row.targets.contains(code))
                .map(|(_, title, _)| title.as_str())
                .collect();
            println!(
                "miss (rank {rank:?}): {} | expected {expected:?} | got {titles:?}",
                row.vccs_title
            );
        }
        ours.add(rank);
        let ranked = baseline.rank(&format!("{} {}", row.vccs_title, row.vccs_description))?;
        let ranked: Vec<&str> = ranked.iter().map(String::as_str).collect();
        plain.add(rank_of(&ranked, &row.targets));
    }
    let (p50, p99) = bench::median_p99(&mut latencies_ms);
    println!(
        "VCCS -> Virginia Tech equivalences: {} rows evaluated, {left_out} left out (target not in the catalogue); candidate pool {} VT courses",
        rows.len(),
        vt.len()
    );
    println!(
        "{:<28} {:>6} {:>6} {:>6} {:>6}",
        "method", "R@1", "R@5", "R@10", "MRR"
    );
    println!("{}", ours.line("clearinghouse equivalents"));
    println!("{}", plain.line("plain BM25 title+description"));
    println!(
        "lookups: {} in {:.1} s, p50 {p50:.1} ms, p99 {p99:.1} ms; {abstained} would abstain at the default threshold {}",
        rows.len(),
        started.elapsed().as_secs_f64(),
        equivalence::DEFAULT_THRESHOLD
    );
    Ok(())
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
