//! Sustained mixed load (issue 9, item 5): the real server under search, equivalents,
//! page views and `/health` from `wrk` on loopback for several minutes, while it harvests
//! a large feed at the same time. Prints per-interval throughput, latency and errors, the
//! server's memory over the run, and checks at the end that the harvest completed and that
//! store and index agree.
//!
//! Run: `cargo run --release -p bench --bin load -- [--minutes 3] [--size 100k] [--connections 8]`
//! (needs `wrk`: `apt-get install -y wrk`).

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use bench::corpus::Corpus;
use bench::feed_server::FeedServer;
use bench::harness;

const ADMIN_TOKEN: &str = "load-test-admin-token";
const WARM_RECORDS: u64 = 10_000;
const INTERVAL_SECS: u32 = 30;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn parse_size(text: &str) -> anyhow::Result<u64> {
    let lower = text.to_lowercase();
    let (digits, factor) = if let Some(d) = lower.strip_suffix('m') {
        (d, 1_000_000)
    } else if let Some(d) = lower.strip_suffix('k') {
        (d, 1_000)
    } else {
        (lower.as_str(), 1)
    };
    Ok(digits
        .parse::<u64>()
        .context("--size is a number like 100k")?
        * factor)
}

fn rss_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn main() -> anyhow::Result<()> {
    let minutes: u32 = arg("--minutes").map_or(Ok(3), |m| m.parse())?;
    let size = parse_size(&arg("--size").unwrap_or_else(|| "100k".to_owned()))?;
    let connections: u32 = arg("--connections").map_or(Ok(8), |c| c.parse())?;
    let root = harness::workspace_root();
    let target_dir = harness::target_dir(&root);
    let binary = harness::build_clearinghouse(&root)?;
    let work = target_dir.join("bench-work/load");
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    std::fs::create_dir_all(&work)?;

    // Two feeds: a warm corpus harvested before the load, and the large one harvested
    // during it.
    let warm = FeedServer::start(Arc::new(Corpus::new(7, WARM_RECORDS)), 100)?;
    let large = FeedServer::start(Arc::new(Corpus::new(8, size)), 100)?;
    let port = harness::free_port()?;
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let config_path = work.join("load.toml");
    let source = |id: &str, url: String| {
        format!(
            "[[sources]]\nid = \"{id}\"\ninstitution = \"Load corpus {id}\"\ncountry = \"DE\"\n\
             protocol = \"oai-pmh\"\nurl = \"{url}\"\nmetadata_prefix = \"clearinghouse-json\"\nformat = \"clearinghouse-json\"\n"
        )
    };
    std::fs::write(
        &config_path,
        format!(
            "data_dir = \"data\"\n[server]\nlisten = \"{addr}\"\nworkers = 2\nrate_limit_per_minute = 0\n\
             [harvest]\nharvest_on_start = false\nallow_private_addresses = true\n\
             [[tokens]]\nid = \"load-admin\"\nsha256 = \"{}\"\ninstitution = \"load\"\nadmin = true\n{}{}",
            server::auth::token_hash_hex(ADMIN_TOKEN),
            source("warm", warm.oai_url()),
            source("large", large.oai_url()),
        ),
    )?;
    let config = config_path.to_str().context("utf-8 path")?.to_owned();
    println!("warm-up: harvesting {WARM_RECORDS} records before the load");
    let warmed = Command::new(&binary)
        .args(["harvest", "--source", "warm", "--config", &config])
        .current_dir(&work)
        .stdout(Stdio::null())
        .status()?;
    anyhow::ensure!(warmed.success(), "the warm-up harvest failed");

    let log = std::fs::File::create(work.join("serve.log"))?;
    let mut child = Command::new(&binary)
        .args(["serve", "--config", &config])
        .current_dir(&work)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()?;
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !matches!(harness::http_get(addr, "/health"), Ok((200, _))) {
        anyhow::ensure!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }

    // Memory sampled every second for the whole run.
    let stop = Arc::new(AtomicBool::new(false));
    let max_rss = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (stop, max_rss) = (stop.clone(), max_rss.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if let Some(rss) = rss_bytes(pid) {
                    max_rss.fetch_max(rss, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };

    let harvest_started = Instant::now();
    let trigger = Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-X",
            "POST",
            "-H",
        ])
        .arg(format!("Authorization: Bearer {ADMIN_TOKEN}"))
        .arg(format!("http://{addr}/api/v1/sources/large/harvest"))
        .output()?;
    let trigger_status = String::from_utf8_lossy(&trigger.stdout).to_string();
    anyhow::ensure!(
        trigger_status == "202",
        "the harvest did not start: {trigger_status}"
    );

    let paths = mixed_paths();
    println!(
        "load: {connections} connections for {minutes} min, {} rotating requests (search, equivalents, pages, health), while harvesting {size} records",
        paths.len()
    );
    println!(
        "{:>8} {:>9} {:>9} {:>9} {:>8} {:>10} {:>10}",
        "interval", "QPS", "p50 ms", "p99 ms", "errors", "RSS MiB", "store live"
    );
    let mut total_requests = 0;
    let mut total_errors = 0;
    let mut p99s = Vec::new();
    let intervals = (minutes * 60).div_ceil(INTERVAL_SECS);
    let mut harvest_done_at = None;
    for interval in 0..intervals {
        let result = harness::wrk(addr, &paths, connections, INTERVAL_SECS, &work)?;
        total_requests += result.requests;
        total_errors += result.errors;
        p99s.push(result.p99_ms);
        let live = live_records(addr).unwrap_or_default();
        if harvest_done_at.is_none() && harvest_finished(addr) {
            harvest_done_at = Some(harvest_started.elapsed());
        }
        println!(
            "{:>7}s {:>9.0} {:>9.1} {:>9.1} {:>8} {:>10.0} {:>10}",
            (interval + 1) * INTERVAL_SECS,
            result.qps,
            result.p50_ms,
            result.p99_ms,
            result.errors,
            rss_bytes(pid).unwrap_or_default() as f64 / 1048576.0,
            live
        );
    }
    // The harvest finishes (it may outlast the load).
    let deadline = Instant::now() + Duration::from_secs(1800);
    while !harvest_finished(addr) {
        anyhow::ensure!(Instant::now() < deadline, "the harvest did not finish");
        std::thread::sleep(Duration::from_secs(1));
    }
    let harvest_secs = harvest_done_at
        .unwrap_or_else(|| harvest_started.elapsed())
        .as_secs_f64();
    let (_, health) = harness::http_get(addr, "/health")?;
    let health: serde_json::Value = serde_json::from_str(&health)?;
    let (_, runs) = harness::http_get(addr, "/api/v1/sources/large/runs")?;
    let runs: serde_json::Value = serde_json::from_str(&runs)?;
    stop.store(true, Ordering::Relaxed);
    let _ = sampler.join();
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
    let _ = child.wait();

    let mut sorted = p99s.clone();
    let (median_p99, _) = bench::median_p99(&mut sorted);
    println!();
    println!(
        "requests {total_requests}, errors {total_errors}; p99 per interval: median {median_p99:.1} ms, worst {:.1} ms",
        p99s.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "server peak RSS (sampled each second): {:.0} MiB",
        max_rss.load(Ordering::Relaxed) as f64 / 1048576.0
    );
    println!(
        "concurrent harvest: {} in about {harvest_secs:.0} s ({:.0} records/s under load), outcome {}",
        runs["runs"][0]["counts"]["added"],
        size as f64 / harvest_secs,
        runs["runs"][0]["outcome"]
    );
    println!(
        "store live {} = index docs {}; store seq {} = index seq {}",
        health["store"]["live"], health["index_docs"], health["store_seq"], health["index_seq"]
    );
    anyhow::ensure!(total_errors == 0, "{total_errors} requests failed");
    anyhow::ensure!(
        health["store"]["live"] == health["index_docs"]
            && health["store_seq"] == health["index_seq"],
        "store and index disagree"
    );
    anyhow::ensure!(
        health["store"]["live"].as_u64() == Some(WARM_RECORDS + size),
        "not every record arrived"
    );
    drop((warm, large));
    Ok(())
}

fn live_records(addr: SocketAddr) -> Option<u64> {
    let (_, body) = harness::http_get(addr, "/health").ok()?;
    let health: serde_json::Value = serde_json::from_str(&body).ok()?;
    health["store"]["live"].as_u64()
}

fn harvest_finished(addr: SocketAddr) -> bool {
    let Ok((200, body)) = harness::http_get(addr, "/api/v1/sources") else {
        return false;
    };
    let Ok(sources) = serde_json::from_str::<serde_json::Value>(&body) else {
        return false;
    };
    sources["sources"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["id"] == "large"))
        .is_some_and(|large| large["running_since"].is_null() && !large["last_run"].is_null())
}

/// The request mix: searches of several kinds, equivalents of warm records, the search
/// page and credential pages, and `/health`.
fn mixed_paths() -> Vec<String> {
    let source = model::SourceId::parse("warm").expect("valid id");
    let ids: Vec<String> = (0..40)
        .map(|i| {
            model::RecordId::new(&source, &bench::feed_server::oai_identifier(i * 97)).to_string()
        })
        .collect();
    let mut paths = Vec::new();
    for word in [
        "data",
        "management",
        "energie",
        "santé",
        "historia",
        "analiza",
        "design",
        "learning",
    ] {
        paths.push(format!("/api/v1/search?q={}", urlencode(word)));
        paths.push(format!(
            "/api/v1/search?q={}&country=DE&eqf_level=6",
            urlencode(word)
        ));
        paths.push(format!("/?q={}", urlencode(word)));
    }
    paths.push("/api/v1/search?q=%22data%20analysis%22".to_owned());
    paths.push("/api/v1/search?q=project+management&sort=ects".to_owned());
    for id in &ids {
        paths.push(format!("/api/v1/credentials/{id}/equivalents"));
        paths.push(format!("/credentials/{id}"));
    }
    paths.push("/health".to_owned());
    paths
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
