//! Equivalents latency in process on a store the suite has already harvested: the same
//! sample of near-duplicate group members as the suite's in-process figure, timed without
//! re-harvesting, so two builds of the lookup can be compared on the same data in turn.
//!
//! Run: `cargo run --release -p bench --bin equivalence_latency -- --work-dir
//! target/bench-work/100k [--size 100k] [--rounds 3]` after `suite --size 100k` has filled
//! that work dir. Each round looks every sample record up once. The first round is
//! reported apart: it runs on a freshly opened store and index, like the suite's figure,
//! and each lookup reads candidates no earlier lookup read. The warm figure is the median
//! and p99 over the later rounds (`--rounds 1` runs the first only); they repeat the same
//! lookups, so their candidates are in the store's cache. It also prints the
//! suite's recall of the other members of each record's near-duplicate group among the
//! hits (`--limit`, 10 by default), same language (reworded) and other language
//! (translated) apart.
//!
//! It first lets the evidence of the store's decisions catch up, so that no lookup runs
//! beside that thread or without all of it.
//!
//! `--slowest N` prints the N records whose warm lookups were slowest, with the
//! candidates compared and the languages of their titles.
//!
//! `--dump FILE` writes the hits of the first round (record, hit ids and scores), to check
//! that two builds find the same.
//!
//! `--concurrent N` (N > 1) then looks the sample up from N threads at once for the same
//! warm rounds (each thread starting at another point of the sample) and prints the
//! throughput and the latencies under that load, to see that a lookup which borrows a
//! spare core does not cost throughput when no core is spare.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use bench::corpus::{self, Corpus, Variant};
use bench::feed_server;
use model::{RecordId, SourceId};
use recognition::equivalence::EquivalenceRequest;

fn main() -> anyhow::Result<()> {
    let mut work_dir = None;
    let mut size = "100k".to_owned();
    let mut seed = 20_260_101;
    let mut rounds = 3;
    let mut n_lookups = 300;
    let mut limit = 10;
    let mut concurrent = 1usize;
    let mut dump = None;
    let mut slowest = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--work-dir" => work_dir = Some(std::path::PathBuf::from(value("--work-dir")?)),
            "--size" => size = value("--size")?,
            "--seed" => seed = value("--seed")?.parse()?,
            "--rounds" => rounds = value("--rounds")?.parse()?,
            "--lookups" => n_lookups = value("--lookups")?.parse()?,
            "--limit" => limit = value("--limit")?.parse()?,
            "--concurrent" => concurrent = value("--concurrent")?.parse()?,
            "--dump" => dump = Some(std::path::PathBuf::from(value("--dump")?)),
            "--slowest" => slowest = value("--slowest")?.parse()?,
            other => anyhow::bail!(
                "unknown argument {other:?}; usage: equivalence_latency --work-dir DIR [--size 100k] [--seed N] [--rounds N] [--lookups N] [--limit N] [--concurrent N] [--dump FILE] [--slowest N]"
            ),
        }
    }
    let work_dir = work_dir.context("--work-dir is required (a suite work dir)")?;
    let n_records = corpus::parse_size(&size).with_context(|| format!("bad --size {size:?}"))?;
    let corpus = Corpus::new(seed, n_records);
    let config = Arc::new(config::Config::load(&work_dir.join("bench.toml"))?);
    let state = server::app::open_state(config)?;
    let indexer = &state.indexer;
    // The evidence of the store's decisions is read on a thread of its own: every lookup
    // must weigh all of it (as the suite's, measured after its decisions are caught up),
    // and none run while that thread still takes a core.
    let started = Instant::now();
    state.evidence.sync(indexer.store(), &indexer.index())?;
    println!(
        "evidence of the store's decisions caught up in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let source = SourceId::parse("bench")?;
    let request = EquivalenceRequest {
        institution: None,
        country: None,
        limit,
        threshold: 0.0,
        ..EquivalenceRequest::default()
    };
    // The suite's sample: group members spread over the corpus.
    let step = (n_records / (n_lookups as u64 * 3)).max(1);
    let sample: Vec<u64> = (0..n_records)
        .step_by(step as usize)
        .filter(|i| corpus.group(*i).is_some())
        .take(n_lookups)
        .collect();
    let mut records = Vec::with_capacity(sample.len());
    for &i in &sample {
        let id = RecordId::new(&source, &feed_server::oai_identifier(i));
        records.push(
            indexer
                .store()
                .get(&id)?
                .with_context(|| format!("record {i} stored"))?,
        );
    }
    let mut latencies_ms = Vec::new();
    let mut cold_ms = Vec::new();
    let mut hits_checksum = 0usize;
    let mut recall = Recall::default();
    let mut dumped = String::new();
    // Per sample record: its slowest warm lookup (ms), candidates compared, text languages.
    let mut per_record: Vec<(f64, usize, String)> = vec![(0.0, 0, String::new()); records.len()];
    for round in 0..rounds.max(1) {
        for (k, (record, &i)) in records.iter().zip(&sample).enumerate() {
            let started = Instant::now();
            let found = state.equivalents(record, &request)?;
            let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
            if round > 0 {
                latencies_ms.push(elapsed_ms);
                let slot = &mut per_record[k];
                if elapsed_ms > slot.0 {
                    let languages = record
                        .credential
                        .as_ref()
                        .map(|c| {
                            c.title
                                .0
                                .keys()
                                .map(|tag| tag.primary().to_owned())
                                .collect::<Vec<_>>()
                                .join("+")
                        })
                        .unwrap_or_default();
                    *slot = (elapsed_ms, found.candidates_compared, languages);
                }
            } else {
                cold_ms.push(elapsed_ms);
            }
            hits_checksum += found.hits.len();
            if round == 0 {
                let hits: HashSet<u64> = found
                    .hits
                    .iter()
                    .filter_map(|hit| Corpus::index_of(&hit.record.provenance.upstream_id))
                    .collect();
                recall.add(&corpus, i, &hits)?;
                dumped.push_str(&format!(
                    "{} compared {}\n",
                    record.id, found.candidates_compared
                ));
                for hit in &found.hits {
                    dumped.push_str(&format!("  {} {:.12}\n", hit.record.id, hit.score));
                }
            }
        }
    }
    if let Some(dump) = &dump {
        std::fs::write(dump, &dumped).with_context(|| format!("writing {}", dump.display()))?;
    }
    let n = latencies_ms.len();
    if n > 0 {
        let (p50, p99) = bench::median_p99(&mut latencies_ms);
        println!(
            "equivalence::find in process, {} records, {n} lookups ({} records x {} warm rounds), limit {limit}: p50 {p50:.2} ms, p99 {p99:.2} ms (hits {hits_checksum})",
            n_records,
            records.len(),
            rounds - 1
        );
    }
    if slowest > 0 {
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by(|a, b| per_record[*b].0.total_cmp(&per_record[*a].0));
        println!("slowest warm lookups (ms, candidates compared, title languages, record):");
        for &k in order.iter().take(slowest) {
            let (ms, compared, languages) = &per_record[k];
            println!("  {ms:.2} {compared} {languages} {}", records[k].id);
        }
    }
    let (cold_p50, cold_p99) = bench::median_p99(&mut cold_ms);
    println!(
        "first round (caches cold, as the suite's figure): p50 {cold_p50:.2} ms, p99 {cold_p99:.2} ms"
    );
    println!(
        "recall@{limit} of near-duplicate group members: same language (reworded) {} / other language (translated) {} / overall {}",
        ratio(recall.found_same, recall.all_same),
        ratio(recall.found_translated, recall.all_translated),
        ratio(
            recall.found_same + recall.found_translated,
            recall.all_same + recall.all_translated
        )
    );
    if concurrent > 1 {
        let warm_rounds = rounds.max(2) - 1;
        let started = Instant::now();
        let per_thread: Vec<anyhow::Result<Vec<f64>>> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..concurrent)
                .map(|t| {
                    let (records, request, state) = (&records, &request, &state);
                    scope.spawn(move || -> anyhow::Result<Vec<f64>> {
                        let first = t * records.len() / concurrent;
                        let mut latencies_ms = Vec::new();
                        for _ in 0..warm_rounds {
                            for k in 0..records.len() {
                                let record = &records[(first + k) % records.len()];
                                let started = Instant::now();
                                state.equivalents(record, request)?;
                                latencies_ms.push(started.elapsed().as_secs_f64() * 1000.0);
                            }
                        }
                        Ok(latencies_ms)
                    })
                })
                .collect();
            threads
                .into_iter()
                .map(|thread| thread.join().expect("lookup thread"))
                .collect()
        });
        let wall = started.elapsed().as_secs_f64();
        let mut latencies_ms = Vec::new();
        for latencies in per_thread {
            latencies_ms.extend(latencies?);
        }
        let n = latencies_ms.len();
        let (p50, p99) = bench::median_p99(&mut latencies_ms);
        println!(
            "{concurrent} concurrent: {n} lookups in {wall:.2} s, {:.1} lookups/s, p50 {p50:.2} ms, p99 {p99:.2} ms",
            n as f64 / wall
        );
    }
    Ok(())
}

/// Other members of the looked-up records' groups, found among the hits or not, by
/// whether they cross languages (as the suite counts them).
#[derive(Debug, Default)]
struct Recall {
    found_same: usize,
    all_same: usize,
    found_translated: usize,
    all_translated: usize,
}

impl Recall {
    fn add(&mut self, corpus: &Corpus, i: u64, hits: &HashSet<u64>) -> anyhow::Result<()> {
        let group = corpus.group(i).context("a group member")?;
        for other in group.first..group.first + group.size {
            if other == i {
                continue;
            }
            let other_variant = corpus.group(other).map_or(Variant::Original, |g| g.variant);
            let found = usize::from(hits.contains(&other));
            if group.variant == Variant::Translated || other_variant == Variant::Translated {
                self.all_translated += 1;
                self.found_translated += found;
            } else {
                self.all_same += 1;
                self.found_same += found;
            }
        }
        Ok(())
    }
}

fn ratio(found: usize, all: usize) -> String {
    if all == 0 {
        "n/a".to_owned()
    } else {
        format!("{:.3} ({found}/{all})", found as f64 / all as f64)
    }
}
