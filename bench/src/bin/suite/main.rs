//! The benchmark suite of issue 8: every figure at one corpus size, next to the baselines
//! a user would otherwise run, measured in the same run on the same machine, printed as
//! one table (Markdown, also written to `<work dir>/results.md`).
//!
//! Run: `cargo run --release -p bench --bin suite -- --size 100k`
//! (CI: `--size 10k --smoke`, a smoke test: short loads, figures not meaningful;
//! `--only parse` measures parse throughput alone, in seconds, for an A/B of the parser).
//!
//! Order: a feed server renders the corpus; curl fetches every page (transfer floor);
//! Sickle harvests it, then Sickle → normalise → SQLite FTS5; `clearinghouse harvest` harvests
//! it (records/s, peak RSS); disk bytes; `clearinghouse reindex`; `clearinghouse serve`
//! (start-up to `/health` 200, then `wrk` on search, equivalents, `/health` and a static
//! route, then `ListRecords` pages of the OAI-PMH provider); in process: equivalents latency and recall@10 of the near-duplicate groups, parse
//! throughput per format; FTS5 search on the same queries.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use bench::corpus::{self, Corpus};
use bench::feed_server::{self, FeedServer, Prefix};
use bench::harness::{self, WrkResult};
use model::{RecordId, SourceId};

pub(crate) const SOURCE_ID: &str = "bench";

struct Options {
    n_records: u64,
    size_label: String,
    smoke: bool,
    seed: u64,
    page_size: u64,
    load_secs: u32,
    python: bool,
    work_dir: PathBuf,
    /// A `clearinghouse` binary to measure instead of building the workspace's.
    clearinghouse: Option<PathBuf>,
    /// Only (2), parse throughput: no build, no server, no load.
    only_parse: bool,
}

fn parse_options() -> anyhow::Result<Options> {
    let mut size = "100k".to_owned();
    let mut smoke = false;
    let mut seed = 20_260_101;
    let mut page_size = 100;
    let mut load_secs = None;
    let mut python = true;
    let mut work_dir = None;
    let mut clearinghouse = None;
    let mut only_parse = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--size" => size = value("--size")?,
            "--smoke" => smoke = true,
            "--seed" => seed = value("--seed")?.parse()?,
            "--page-size" => page_size = value("--page-size")?.parse()?,
            "--load-secs" => load_secs = Some(value("--load-secs")?.parse()?),
            "--no-python" => python = false,
            "--only" => match value("--only")?.as_str() {
                "parse" => only_parse = true,
                other => anyhow::bail!("--only {other:?}: only `parse` can run alone"),
            },
            "--work-dir" => work_dir = Some(PathBuf::from(value("--work-dir")?)),
            "--clearinghouse" => clearinghouse = Some(PathBuf::from(value("--clearinghouse")?)),
            "--print-queries" => {
                // The search paths of (3), to load a server by hand (e.g. to profile it).
                for (kind, paths) in search_queries() {
                    for path in paths {
                        println!("{kind}\t{path}");
                    }
                }
                std::process::exit(0);
            }
            "--help" | "-h" => {
                println!(
                    "suite [--size 10k|100k|1m] [--smoke] [--seed N] [--page-size N] [--load-secs S] [--no-python] [--work-dir DIR] [--clearinghouse BINARY] [--only parse] [--print-queries]"
                );
                std::process::exit(0);
            }
            other => anyhow::bail!("unknown argument {other:?}; see --help"),
        }
    }
    let n_records = corpus::parse_size(&size).with_context(|| format!("bad --size {size:?}"))?;
    let root = harness::workspace_root();
    Ok(Options {
        n_records,
        size_label: size.clone(),
        smoke,
        seed,
        page_size,
        load_secs: load_secs.unwrap_or(if smoke { 2 } else { 10 }),
        python,
        work_dir: work_dir.unwrap_or_else(|| root.join("target/bench-work").join(&size)),
        clearinghouse,
        only_parse,
    })
}

mod equivalents;
mod oai;
mod parse;
mod processes;
mod queries;
mod table;

use self::equivalents::{equivalence_sample, in_process_equivalents};
use self::parse::parse_throughput;
use self::processes::{python_env, start_server, stop_server};
use self::queries::{fts5_queries, search_queries};
use self::table::{Table, median, mib, verdict};

fn main() -> anyhow::Result<()> {
    let options = parse_options()?;
    let root = harness::workspace_root();
    println!(
        "suite: {} records ({}), seed {}, {} per page, loads of {} s{}",
        options.n_records,
        options.size_label,
        options.seed,
        options.page_size,
        options.load_secs,
        if options.smoke { ", smoke test" } else { "" }
    );
    if options.only_parse {
        // In process, on the same generated documents as a full run.
        let corpus = Corpus::new(options.seed, options.n_records);
        let mut table = Table::default();
        parse_throughput(&corpus, options.smoke, &mut table)?;
        println!("{}", table.markdown());
        return Ok(());
    }
    // Another build (an earlier commit's) measures the same way as this one.
    let binary = match &options.clearinghouse {
        Some(binary) => binary.canonicalize()?,
        None => harness::build_clearinghouse(&root)?,
    };

    if options.work_dir.exists() {
        std::fs::remove_dir_all(&options.work_dir)?;
    }
    std::fs::create_dir_all(&options.work_dir)?;
    let work = options.work_dir.canonicalize()?;

    let corpus = Arc::new(Corpus::new(options.seed, options.n_records));
    let feed = FeedServer::start(corpus.clone(), options.page_size)?;
    let mut table = Table::default();
    let n = options.n_records as f64;

    // Transfer floor: curl fetching the same pages, one connection, sequentially.
    let urls = work.join("pages.curl");
    let mut curl_config = String::new();
    let mut offset = 0;
    while offset < options.n_records {
        let url = if offset == 0 {
            format!(
                "{}?verb=ListRecords&metadataPrefix=clearinghouse-json",
                feed.oai_url()
            )
        } else {
            format!(
                "{}?verb=ListRecords&resumptionToken=clearinghouse-json!{offset}",
                feed.oai_url()
            )
        };
        curl_config.push_str(&format!("url = \"{url}\"\noutput = \"/dev/null\"\n"));
        offset += options.page_size;
    }
    std::fs::write(&urls, curl_config)?;
    let page_bytes: usize = (0..options.n_records.div_ceil(options.page_size))
        .step_by(((options.n_records / options.page_size) / 20).max(1) as usize)
        .map(|page| {
            feed_server::list_records_page(
                &corpus,
                Prefix::ClearinghouseJson,
                page * options.page_size,
                options.page_size,
            )
            .len()
        })
        .sum::<usize>()
        / (0..options.n_records.div_ceil(options.page_size))
            .step_by(((options.n_records / options.page_size) / 20).max(1) as usize)
            .count();
    let corpus_bytes = page_bytes as f64 * n / options.page_size as f64;
    let mut curl_secs = Vec::new();
    for _ in 0..if options.smoke { 1 } else { 3 } {
        let started = Instant::now();
        let status = Command::new("curl")
            .args(["-s", "-f", "--config"])
            .arg(&urls)
            .status()
            .context("cannot run curl")?;
        anyhow::ensure!(status.success(), "curl failed");
        curl_secs.push(started.elapsed().as_secs_f64());
    }
    let curl_rate = n / median(curl_secs.clone());
    println!("curl: {curl_rate:.0} records/s");

    // The Python baselines.
    let python = if options.python {
        Some(python_env(&root)?)
    } else {
        None
    };
    let mut sickle_rate = None;
    let mut sickle_fts5_rate = None;
    let fts5_db = work.join("fts5.sqlite");
    if let Some(python) = &python {
        let script = root.join("bench/python/sickle_harvest.py");
        let timed = harness::run_timed(
            python,
            &[
                script.to_str().unwrap_or_default(),
                &feed.oai_url(),
                "clearinghouse-json",
            ],
            &work,
        )?;
        let result: serde_json::Value = serde_json::from_str(timed.stdout.trim())?;
        anyhow::ensure!(
            result["records"].as_u64() == Some(options.n_records),
            "sickle: {result}"
        );
        sickle_rate = Some(n / result["seconds"].as_f64().unwrap_or(f64::NAN));
        println!("sickle: {:.0} records/s", sickle_rate.unwrap_or_default());
        let timed = harness::run_timed(
            python,
            &[
                script.to_str().unwrap_or_default(),
                &feed.oai_url(),
                "clearinghouse-json",
                "--fts5",
                fts5_db.to_str().unwrap_or_default(),
            ],
            &work,
        )?;
        let result: serde_json::Value = serde_json::from_str(timed.stdout.trim())?;
        sickle_fts5_rate = Some(n / result["seconds"].as_f64().unwrap_or(f64::NAN));
        println!(
            "sickle -> fts5: {:.0} records/s",
            sickle_fts5_rate.unwrap_or_default()
        );
    }

    // (1) End to end: the real binary harvests the endpoint.
    let port = harness::free_port()?;
    let config_path = work.join("bench.toml");
    std::fs::write(
        &config_path,
        format!(
            "data_dir = \"data\"\n[server]\nlisten = \"127.0.0.1:{port}\"\nworkers = 2\nrate_limit_per_minute = 0\n\
             [harvest]\nharvest_on_start = false\nmax_retries = 2\nallow_private_addresses = true\n\
             [[sources]]\nid = \"{SOURCE_ID}\"\ninstitution = \"Benchmark corpus\"\ncountry = \"DE\"\n\
             protocol = \"oai-pmh\"\nurl = \"{}\"\nmetadata_prefix = \"clearinghouse-json\"\nformat = \"clearinghouse-json\"\n",
            feed.oai_url()
        ),
    )?;
    let config_arg = config_path.to_str().unwrap_or_default().to_owned();
    let harvest_started = chrono::Utc::now();
    let harvest = harness::run_timed(
        &binary,
        &["harvest", "--config", &config_arg, "--full"],
        &work,
    )?;
    let summary_line = harvest
        .stdout
        .lines()
        .find(|line| line.contains(" seen, "))
        .unwrap_or_default()
        .trim()
        .to_owned();
    println!("harvest: {summary_line}");
    anyhow::ensure!(
        summary_line.contains(&format!("{} seen", options.n_records))
            && summary_line.contains(" 0 failed"),
        "the harvest did not take every record: {summary_line}\n{}",
        harness::tail(&harvest.stderr, 2000)
    );
    let harvest_rate = n / harvest.wall.as_secs_f64();
    let harvest_peak = harvest.peak_rss_bytes.unwrap_or(0);
    let ratio = |ours: f64, theirs: Option<f64>| {
        theirs.map_or("n/a".to_owned(), |t| format!("{:.2}×", ours / t))
    };
    table.add(
        "1 end to end",
        "harvest → normalise → sled → tantivy commit (records/s, wall time of `clearinghouse harvest --full`)",
        format!("{harvest_rate:.0}/s ({:.1} s)", harvest.wall.as_secs_f64()),
        format!(
            "Sickle→FTS5 {} /s: **{}**",
            sickle_fts5_rate.map_or("n/a".to_owned(), |r| format!("{r:.0}")),
            ratio(harvest_rate, sickle_fts5_rate)
        ),
        format!(
            "≥ 15,000/s and ≥ 3.5× at 1M: {} / {}",
            verdict(harvest_rate >= 15_000.0),
            verdict(sickle_fts5_rate.is_some_and(|r| harvest_rate / r >= 3.5))
        ),
    );
    table.add(
        "1 end to end",
        "same harvest vs harvest-only clients (issue 3)",
        format!("{harvest_rate:.0}/s"),
        format!(
            "Sickle harvest only {} /s: **{}**; curl transfer floor {curl_rate:.0} /s ({:.0} MB/s): {:.2}×",
            sickle_rate.map_or("n/a".to_owned(), |r| format!("{r:.0}")),
            ratio(harvest_rate, sickle_rate),
            curl_rate * corpus_bytes / n / 1e6,
            harvest_rate / curl_rate
        ),
        format!("≥ 5× Sickle (issue 3): {}", verdict(sickle_rate.is_some_and(|r| harvest_rate / r >= 5.0))),
    );
    table.add(
        "1 end to end",
        "peak RSS of the harvest (VmHWM)",
        mib(harvest_peak),
        String::new(),
        format!("≤ 2 GiB: {}", verdict(harvest_peak <= 2 << 30)),
    );

    // (5) Disk bytes per record, reindex.
    let data = work.join("data");
    let store_bytes = harness::dir_bytes(&data.join("store"));
    let index_bytes = harness::dir_bytes(&data.join("index"));
    table.add(
        "5 disk",
        "bytes per record: store (sled) / index (tantivy)",
        format!(
            "{:.0} / {:.0}",
            store_bytes as f64 / n,
            index_bytes as f64 / n
        ),
        format!(
            "feed {:.0} B/record as OAI-PMH XML; FTS5 {:.0}",
            corpus_bytes / n,
            harness::dir_bytes_of_file(&fts5_db) as f64 / n
        ),
        String::new(),
    );
    let reindex = harness::run_timed(&binary, &["reindex", "--config", &config_arg], &work)?;
    let reindex_at_1m = reindex.wall.as_secs_f64() * 1_000_000.0 / n;
    table.add(
        "5 reindex",
        "`clearinghouse reindex` from sled (wall, peak RSS)",
        format!(
            "{:.1} s, {}",
            reindex.wall.as_secs_f64(),
            mib(reindex.peak_rss_bytes.unwrap_or(0))
        ),
        format!("{:.0} records/s", n / reindex.wall.as_secs_f64()),
        format!(
            "1M ≤ 180 s (linear estimate {reindex_at_1m:.0} s): {}",
            verdict(reindex_at_1m <= 180.0)
        ),
    );

    // (5) Start-up, then (3) and (4) over HTTP against the real server.
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let mut startup_secs = Vec::new();
    let mut first_answer_secs = Vec::new();
    let mut server = None;
    for attempt in 0..if options.smoke { 1 } else { 3 } {
        let (child, to_health, to_first_answer) = start_server(&binary, &config_arg, &work, addr)?;
        startup_secs.push(to_health);
        first_answer_secs.push(to_first_answer);
        if attempt + 1 < if options.smoke { 1 } else { 3 } {
            stop_server(child)?;
        } else {
            server = Some(child);
        }
    }
    let server = server.context("server started")?;
    table.add(
        "5 start-up",
        "spawn → first answer (static route) / → `/health` 200, median",
        format!(
            "{:.2} s / {:.2} s",
            median(first_answer_secs),
            median(startup_secs)
        ),
        String::new(),
        "(issue 8 asks at 1M)".to_owned(),
    );

    // The writer merges the harvest's segments down to two once it is idle (5 s after
    // start-up at the latest): the loads below measure the index as it then serves.
    let settle = Instant::now();
    let segments = |addr| -> anyhow::Result<u64> {
        let (_, body) = harness::http_get(addr, "/health")?;
        let health: serde_json::Value = serde_json::from_str(&body)?;
        health["index_segments"]
            .as_u64()
            .context("/health without index_segments")
    };
    let segments_at_start = segments(addr)?;
    let mut segments_now = segments_at_start;
    while segments_now > search::SEGMENTS_WHEN_IDLE as u64
        && settle.elapsed() < Duration::from_secs(180)
    {
        std::thread::sleep(Duration::from_millis(250));
        segments_now = segments(addr)?;
    }
    table.add(
        "5 idle merge",
        "segments of the harvested index at start-up → after the writer's idle merge (wait)",
        format!(
            "{segments_at_start} → {segments_now} ({:.1} s)",
            settle.elapsed().as_secs_f64()
        ),
        String::new(),
        String::new(),
    );

    let queries = search_queries();
    for (kind, paths) in &queries {
        for path in paths {
            let (status, body) = harness::http_get(addr, path)?;
            anyhow::ensure!(
                status == 200,
                "GET {path}: {status} {}",
                harness::tail(&body, 500)
            );
        }
        let _ = kind;
    }
    let static_paths = vec!["/oai/clearinghouse-json.xsd".to_owned()];
    let health_paths = vec!["/health".to_owned()];
    let source = SourceId::parse(SOURCE_ID)?;
    let equivalent_ids = equivalence_sample(&corpus, if options.smoke { 40 } else { 300 });
    let equivalent_paths: Vec<String> = equivalent_ids
        .iter()
        .map(|i| {
            format!(
                "/api/v1/credentials/{}/equivalents",
                RecordId::new(&source, &feed_server::oai_identifier(*i))
            )
        })
        .collect();
    let (status, body) = harness::http_get(addr, &equivalent_paths[0])?;
    anyhow::ensure!(
        status == 200,
        "equivalents: {status} {}",
        harness::tail(&body, 500)
    );

    let mut ceiling = [None, None];
    let mut health = [None, None];
    for (slot, connections) in [1u32, 8].into_iter().enumerate() {
        ceiling[slot] = Some(harness::wrk(
            addr,
            &static_paths,
            connections,
            options.load_secs,
            &work,
        )?);
        health[slot] = Some(harness::wrk(
            addr,
            &health_paths,
            connections,
            options.load_secs.min(5),
            &work,
        )?);
    }
    let mut search_results: Vec<(String, u32, WrkResult)> = Vec::new();
    for (kind, paths) in &queries {
        for connections in [1u32, 8] {
            let result = harness::wrk(addr, paths, connections, options.load_secs, &work)?;
            println!("search {kind} c{connections}: {result:?}");
            search_results.push((kind.clone(), connections, result));
        }
    }
    let mut equivalents_http = Vec::new();
    for connections in [1u32, 8] {
        equivalents_http.push((
            connections,
            harness::wrk(
                addr,
                &equivalent_paths,
                connections,
                options.load_secs,
                &work,
            )?,
        ));
    }
    // (6) OAI-PMH `ListRecords` pages.
    oai::list_records_latency(
        addr,
        (harvest_started, harvest.wall),
        corpus.record(0).awarding_body.country,
        options.smoke,
        &mut table,
    )?;
    let serving_peak = harness::vm_hwm_bytes(server.id()).unwrap_or(0);
    stop_server(server)?;

    // (3) FTS5 on the same records and queries.
    let mut fts5: Vec<(String, u32, f64, f64, f64)> = Vec::new();
    if let Some(python) = &python {
        let queries_file = work.join("fts5-queries.json");
        std::fs::write(&queries_file, serde_json::to_vec(&fts5_queries())?)?;
        for threads in [1u32, 8] {
            let output = Command::new(python)
                .arg(root.join("bench/python/fts5_search.py"))
                .arg(&fts5_db)
                .arg(&queries_file)
                .args([
                    "--threads",
                    &threads.to_string(),
                    "--seconds",
                    &options.load_secs.to_string(),
                ])
                .stderr(Stdio::inherit())
                .output()?;
            anyhow::ensure!(output.status.success(), "fts5_search.py failed");
            for line in String::from_utf8_lossy(&output.stdout).lines() {
                let value: serde_json::Value = serde_json::from_str(line)?;
                fts5.push((
                    value["kind"].as_str().unwrap_or_default().to_owned(),
                    threads,
                    value["qps"].as_f64().unwrap_or(f64::NAN),
                    value["p50_ms"].as_f64().unwrap_or(f64::NAN),
                    value["p99_ms"].as_f64().unwrap_or(f64::NAN),
                ));
            }
        }
    }
    for connections in [1u32, 8] {
        let slot = usize::from(connections == 8);
        let (Some(ceiling), Some(health)) = (ceiling[slot], health[slot]) else {
            continue;
        };
        table.add(
            "3 HTTP ceiling",
            &format!("static route `/oai/clearinghouse-json.xsd`, {connections} conn"),
            format!(
                "{:.0} QPS, p50 {:.2} ms, p99 {:.2} ms",
                ceiling.qps, ceiling.p50_ms, ceiling.p99_ms
            ),
            format!(
                "`/health`: {:.1} QPS, p50 {:.1} ms, p99 {:.1} ms",
                health.qps, health.p50_ms, health.p99_ms
            ),
            String::new(),
        );
    }
    for (kind, connections, result) in &search_results {
        let slot = usize::from(*connections == 8);
        let ceiling_qps = ceiling[slot].map_or(f64::NAN, |c| c.qps);
        let baseline = fts5
            .iter()
            .find(|(k, threads, ..)| k == kind && *threads == *connections)
            .map(|(_, threads, qps, p50, p99)| {
                format!(
                    "FTS5 {threads} thr {qps:.0} QPS (p50 {p50:.2}, p99 {p99:.2} ms): **{:.1}×**; {:.2}% of the HTTP ceiling",
                    result.qps / qps,
                    100.0 * result.qps / ceiling_qps
                )
            })
            .unwrap_or_else(|| format!("{:.2}% of the HTTP ceiling", 100.0 * result.qps / ceiling_qps));
        let fts5_qps = fts5
            .iter()
            .find(|(k, threads, ..)| k == kind && *threads == *connections)
            .map(|(_, _, qps, ..)| *qps);
        let target = if *connections == 8 {
            format!(
                "p50 ≤ 2 ms, p99 ≤ 10 ms, ≥ 10× FTS5: {} / {} / {}",
                verdict(result.p50_ms <= 2.0),
                verdict(result.p99_ms <= 10.0),
                verdict(fts5_qps.is_some_and(|q| result.qps / q >= 10.0))
            )
        } else {
            String::new()
        };
        table.add(
            "3 search",
            &format!("{kind}, all facets, {connections} conn"),
            format!(
                "{:.0} QPS, p50 {:.2} ms, p99 {:.2} ms{}",
                result.qps,
                result.p50_ms,
                result.p99_ms,
                if result.errors > 0 {
                    format!(", {} errors", result.errors)
                } else {
                    String::new()
                }
            ),
            baseline,
            target,
        );
    }
    for (connections, result) in &equivalents_http {
        table.add(
            "4 equivalents",
            &format!("`/api/v1/credentials/{{id}}/equivalents` over HTTP, {connections} conn"),
            format!(
                "{:.0} QPS, p50 {:.1} ms, p99 {:.1} ms",
                result.qps, result.p50_ms, result.p99_ms
            ),
            String::new(),
            if *connections == 8 {
                format!("p99 ≤ 30 ms: {}", verdict(result.p99_ms <= 30.0))
            } else {
                String::new()
            },
        );
    }
    table.add(
        "3 serving",
        "peak RSS of `clearinghouse serve` after all loads (VmHWM)",
        mib(serving_peak),
        String::new(),
        format!("≤ 2 GiB: {}", verdict(serving_peak <= 2 << 30)),
    );

    // (4) In process: equivalents latency and recall@10 of the near-duplicate groups.
    in_process_equivalents(&config_path, &corpus, &equivalent_ids, &mut table)?;

    // (2) Parse throughput.
    parse_throughput(&corpus, options.smoke, &mut table)?;

    drop(feed);
    let markdown = table.markdown();
    std::fs::write(work.join("results.md"), &markdown)?;
    println!(
        "\n{} records, {} per page; work dir {}\n",
        options.n_records,
        options.page_size,
        work.display()
    );
    println!("{markdown}");
    Ok(())
}
