//! Crash safety (issue 9): the real binary is killed with SIGKILL at seeded random points
//! while it harvests a slow feed, serves decision writes alongside a harvest, and rebuilds
//! the search index, and restarted on the same data dir each time. After every kill:
//! store and index agree, nothing stored before the kill is lost, unacknowledged decisions
//! retried with their `Idempotency-Key` are stored once, every acknowledged decision is
//! there exactly once, and the next harvest succeeds with every upstream record once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tests::{FeedRecord, FeedServer, oai_source, test_file_roots_toml};

/// The seed of the kill points, fixed in CI; `CLEARINGHOUSE_CRASH_SEED` (a decimal number)
/// explores others.
const SEED: u64 = 0x00c0_ffee_0009;
/// Kill points per run: cycles through the three kinds of work.
const KILL_POINTS: usize = 18;
/// Records added upstream before each harvest kill point.
const RECORDS_PER_ROUND: usize = 30;
const PAGE_SIZE: usize = 5;
/// How long the feed holds back each `ListRecords` page while a kill is pending.
const SLOW_PAGE_MS: u64 = 25;
/// The window in which a search index rebuild is killed, in milliseconds.
const REINDEX_WINDOW_MS: u64 = 60;
const ADMIN: &str = "crash-test-admin-token";
const OFFICER: &str = "crash-test-officer-token";
const OFFICER_INSTITUTION: &str = "uni-b";
const SOURCE: &str = "slow";

/// SplitMix64: a small, seeded, reproducible generator of kill points.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

#[derive(Debug, Clone, Copy)]
enum Work {
    /// `clearinghouse harvest` of a slow feed (fetching, storing and indexing pages).
    CliHarvest,
    /// `clearinghouse serve` with decision writes and a manual harvest running at once.
    DecisionsDuringHarvest,
    /// `clearinghouse serve` rebuilding the search index while decisions are written.
    ReindexDuringDecisions,
}

/// What the clients were told, shared with the decision-writing tasks.
#[derive(Default)]
struct Ledger {
    /// Idempotency key → decision id, for every request answered `201`.
    acknowledged: BTreeMap<String, String>,
    /// Keys sent without an answer (the server died first); retried after the restart.
    unanswered: BTreeSet<String>,
    /// Unanswered decisions found stored at the restart (killed between the flush and
    /// the answer): their retries must return them, not store them again.
    stored_unanswered: usize,
}

struct Harness {
    data_dir: tempfile::TempDir,
    config_path: PathBuf,
    feed: FeedServer,
    client: reqwest::Client,
    ledger: Arc<Mutex<Ledger>>,
    /// Distinct upstream records published so far.
    published: usize,
}

fn upstream_record(n: usize, datestamp: &str) -> FeedRecord {
    let mut record = FeedRecord::dc(
        &format!("oai:feed.example:{n}"),
        &format!("Crash course {n}"),
        "A course harvested while the clearinghouse is killed.",
    );
    record.datestamp = datestamp.to_owned();
    record
}

fn credential_id(n: usize) -> String {
    model::RecordId::new(
        &model::SourceId::parse(SOURCE).unwrap(),
        &format!("oai:feed.example:{n}"),
    )
    .to_string()
}

fn decision_body(key: &str) -> Value {
    json!({
        "credential": credential_id(0),
        "outcome": { "kind": "credits", "ects": 5 },
        "rationale": format!("decision {key}"),
        "decided_on": "2026-11-20"
    })
}

/// A loopback port that was free a moment ago (bound to port 0, then released).
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

impl Harness {
    fn new() -> Harness {
        let feed = FeedServer::start(Vec::new(), PAGE_SIZE);
        let data_dir = tempfile::tempdir().unwrap();
        let config_path = data_dir.path().join("clearinghouse.toml");
        Harness {
            data_dir,
            config_path,
            feed,
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
            ledger: Arc::default(),
            published: 0,
        }
    }

    /// Writes the configuration for a server on `port`, with the test defaults of
    /// `TestApp` (loopback feeds allowed, rate limits off).
    fn write_config(&self, port: u16) {
        let hash = server::auth::token_hash_hex;
        let text = format!(
            r#"data_dir = {data_dir:?}
[server]
listen = "127.0.0.1:{port}"
workers = 2
rate_limit_per_minute = 0
failed_auth_per_minute = 0
[harvest]
request_timeout_secs = 5
max_retries = 1
allow_private_addresses = true
file_roots = {roots}
[index]
writer_heap_bytes = 20000000
{source}[[tokens]]
id = "admin"
sha256 = "{admin}"
institution = "operator"
admin = true
[[tokens]]
id = "officer"
sha256 = "{officer}"
institution = "{OFFICER_INSTITUTION}"
"#,
            data_dir = self.data_dir.path().display().to_string(),
            roots = test_file_roots_toml(),
            source = oai_source(SOURCE, &self.feed.oai_url()),
            admin = hash(ADMIN),
            officer = hash(OFFICER),
        );
        std::fs::write(&self.config_path, text).unwrap();
    }

    fn command(&self, args: &[&str], log_name: &str) -> Command {
        let log = std::fs::File::create(self.data_dir.path().join(log_name)).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_clearinghouse-under-test"));
        command
            .args(args)
            .arg("--config")
            .arg(&self.config_path)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log);
        command
    }

    /// Starts `clearinghouse serve` and waits until `/health` answers.
    async fn serve(&self, log_name: &str) -> (Child, String) {
        let port = free_port();
        self.write_config(port);
        let mut child = self.command(&["serve"], log_name).spawn().unwrap();
        let base_url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(response) = self.client.get(format!("{base_url}/health")).send().await
                && response.status().is_success()
            {
                return (child, base_url);
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "serve exited with {status} before answering: {}",
                    self.log(log_name)
                );
            }
            assert!(Instant::now() < deadline, "serve did not start");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The search index generations on disk (more than one while a rebuild runs).
    fn index_generations(&self) -> Vec<String> {
        std::fs::read_dir(self.data_dir.path().join("index"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("gen-"))
            .collect()
    }

    fn log(&self, log_name: &str) -> String {
        std::fs::read_to_string(self.data_dir.path().join(log_name)).unwrap_or_default()
    }

    async fn get(&self, url: &str) -> Value {
        let response = self.client.get(url).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "GET {url}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    /// Adds `RECORDS_PER_ROUND` records upstream, dated after every earlier one. They go
    /// first in the list: the feed's resumption tokens are offsets that forget `from`, so
    /// this keeps the new records in the first pages of an incremental run, where the
    /// kills land.
    fn publish_round(&mut self, round: usize) {
        let datestamp = format!("2027-01-{:02}", round + 1);
        let first = self.published;
        self.feed.edit(|state| {
            state.records.splice(
                0..0,
                (first..first + RECORDS_PER_ROUND).map(|n| upstream_record(n, &datestamp)),
            );
        });
        self.published += RECORDS_PER_ROUND;
    }

    fn list_records_requests(&self) -> usize {
        self.feed
            .state
            .lock()
            .unwrap()
            .requests
            .iter()
            .filter(|query| query.contains("ListRecords"))
            .count()
    }

    /// Waits until the feed has received its `requests`-th `ListRecords` request.
    async fn wait_for_page(&self, requests: usize, child: &mut Child) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.list_records_requests() < requests {
            assert!(
                Instant::now() < deadline,
                "the harvest did not get that far"
            );
            assert!(
                child.try_wait().unwrap().is_none(),
                "the process ended before its kill point"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }

    /// Posts decisions with fresh keys until the server stops answering.
    fn spawn_decision_writer(&self, base_url: &str, prefix: String) -> tokio::task::JoinHandle<()> {
        let client = self.client.clone();
        let ledger = self.ledger.clone();
        let url = format!("{base_url}/api/v1/recognitions");
        tokio::spawn(async move {
            for n in 0.. {
                let key = format!("{prefix}-{n}");
                ledger.lock().unwrap().unanswered.insert(key.clone());
                let Ok(response) = client
                    .post(&url)
                    .bearer_auth(OFFICER)
                    .header("Idempotency-Key", &key)
                    .json(&decision_body(&key))
                    .send()
                    .await
                else {
                    return;
                };
                let status = response.status().as_u16();
                let Ok(body) = response.json::<Value>().await else {
                    return;
                };
                assert_eq!(status, 201, "decision {key}: {body}");
                let mut ledger = ledger.lock().unwrap();
                ledger.unanswered.remove(&key);
                ledger
                    .acknowledged
                    .insert(key, body["id"].as_str().unwrap().to_owned());
            }
        })
    }

    /// Checks store and index agree (the index may still be replaying the change log
    /// just after start-up) and returns the health document.
    async fn consistent_health(&self, base_url: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let health = self.get(&format!("{base_url}/health")).await;
            if health["store_seq"] == health["index_seq"]
                && health["store"]["live"] == health["index_docs"]
            {
                return health;
            }
            assert!(
                Instant::now() < deadline,
                "store and index disagree after the restart: {health}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Retries every unanswered decision with its key, then checks each acknowledged
    /// decision is listed exactly once and nothing else is.
    async fn settle_decisions(&self, base_url: &str) {
        let unanswered: Vec<String> = self
            .ledger
            .lock()
            .unwrap()
            .unanswered
            .iter()
            .cloned()
            .collect();
        let stored_before: BTreeSet<String> =
            self.listed_decisions(base_url).await.into_iter().collect();
        for key in unanswered {
            let response = self
                .client
                .post(format!("{base_url}/api/v1/recognitions"))
                .bearer_auth(OFFICER)
                .header("Idempotency-Key", &key)
                .json(&decision_body(&key))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap();
            assert_eq!(status, 201, "retried decision {key}: {body}");
            let id = body["id"].as_str().unwrap().to_owned();
            let mut ledger = self.ledger.lock().unwrap();
            if stored_before.contains(&id) {
                ledger.stored_unanswered += 1;
            }
            ledger.unanswered.remove(&key);
            ledger.acknowledged.insert(key, id);
        }
        let listed = self.listed_decisions(base_url).await;
        let distinct: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
        assert_eq!(distinct.len(), listed.len(), "a decision is listed twice");
        let ledger = self.ledger.lock().unwrap();
        let acknowledged: BTreeSet<&str> =
            ledger.acknowledged.values().map(String::as_str).collect();
        assert_eq!(
            acknowledged.len(),
            ledger.acknowledged.len(),
            "two keys were answered with the same decision"
        );
        let lost: Vec<&&str> = acknowledged.difference(&distinct).collect();
        assert!(lost.is_empty(), "acknowledged decisions lost: {lost:?}");
        let extra: Vec<&&str> = distinct.difference(&acknowledged).collect();
        assert!(
            extra.is_empty(),
            "decisions stored twice or never acknowledged: {extra:?}"
        );
    }

    /// The ids of the decisions of the officer's institution, as listed.
    async fn listed_decisions(&self, base_url: &str) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        let mut offset = Some(0);
        let mut total = serde_json::Value::Null;
        while let Some(at) = offset {
            let list = self
                .get(&format!(
                    "{base_url}/api/v1/recognitions?institution={OFFICER_INSTITUTION}&offset={at}"
                ))
                .await;
            ids.extend(
                list["decisions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|decision| decision["id"].as_str().unwrap().to_owned()),
            );
            total = list["total"].clone();
            offset = list["next_offset"].as_u64();
        }
        assert_eq!(total, ids.len(), "every page read");
        ids
    }

    /// Starts a manual harvest through the API.
    async fn start_harvest(&self, base_url: &str) {
        let response = self
            .client
            .post(format!("{base_url}/api/v1/sources/{SOURCE}/harvest"))
            .bearer_auth(ADMIN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 202, "manual harvest refused");
    }

    /// Harvests the source to the end through the API and checks the run succeeded
    /// with every upstream record stored and indexed exactly once.
    async fn harvest_to_completion(&self, base_url: &str) {
        self.feed.edit(|state| state.delay_ms = 0);
        let runs_url = format!("{base_url}/api/v1/sources/{SOURCE}/runs");
        let latest = |runs: &Value| {
            let run = &runs["runs"][0];
            (run["run_id"].clone(), run["finished_at"].clone())
        };
        let before = latest(&self.get(&runs_url).await);
        self.start_harvest(base_url).await;
        let deadline = Instant::now() + Duration::from_secs(30);
        let run = loop {
            let runs = self.get(&runs_url).await;
            let (run_id, finished_at) = latest(&runs);
            if !finished_at.is_null() && (run_id, finished_at) != before {
                break runs["runs"][0].clone();
            }
            assert!(
                Instant::now() < deadline,
                "the harvest did not finish: {runs}"
            );
            tokio::time::sleep(Duration::from_millis(30)).await;
        };
        assert_eq!(run["outcome"], "succeeded", "{run}");
        let health = self.consistent_health(base_url).await;
        assert_eq!(
            health["store"]["live"], self.published,
            "every upstream record exactly once: {health}"
        );
    }
}

fn kill(child: &mut Child) {
    child.kill().unwrap(); // SIGKILL: no chance to flush or clean up.
    child.wait().unwrap();
}

#[actix_web::test]
async fn killed_at_random_points_the_clearinghouse_loses_and_duplicates_nothing() {
    let started = Instant::now();
    let seed = std::env::var("CLEARINGHOUSE_CRASH_SEED")
        .map(|text| text.parse().expect("CLEARINGHOUSE_CRASH_SEED is a number"))
        .unwrap_or(SEED);
    let mut random = SplitMix(seed);
    let mut harness = Harness::new();

    // A first, unkilled harvest: the decisions need a credential to be about.
    harness.publish_round(0);
    harness.write_config(free_port());
    let mut first_harvest = harness
        .command(&["harvest", "--source", SOURCE], "harvest-0.log")
        .spawn()
        .unwrap();
    let status = tokio::task::spawn_blocking(move || first_harvest.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "{}", harness.log("harvest-0.log"));

    let mut survived = 0;
    let mut rebuilds_interrupted = 0;
    for point in 0..KILL_POINTS {
        let work = match point % 3 {
            0 => Work::CliHarvest,
            1 => Work::DecisionsDuringHarvest,
            _ => Work::ReindexDuringDecisions,
        };
        // Harvests are killed `delay` ms after the feed received the `pages`-th
        // `ListRecords` request of the run (while that page is held back, or just after it
        // arrives and is being stored and indexed); every run has at least 12 pages, so
        // it is always killed before it ends. A rebuild is killed `delay` ms after it
        // was requested.
        let pages = random.between(1, 11) as usize;
        let delay = match work {
            Work::CliHarvest | Work::DecisionsDuringHarvest => random.between(0, SLOW_PAGE_MS + 15),
            Work::ReindexDuringDecisions => random.between(0, REINDEX_WINDOW_MS),
        };
        let kill_point = match work {
            Work::ReindexDuringDecisions => format!("{work:?} killed {delay} ms into the rebuild"),
            _ => format!("{work:?} killed {delay} ms after requesting page {pages}"),
        };
        // The previous round ended with every published record stored.
        let live_before = harness.published as u64;
        let mut writers = Vec::new();
        // Pages of the killed run known to be stored before the kill: the harvester fetches
        // one page ahead and keeps up to `harvester::PAGES_IN_FLIGHT` (2) pages handed to
        // the indexer before it waits for the oldest one's report, so a request for page k
        // means page k - 4 (and every page before it) was stored with its checkpoint.
        let mut checkpointed_pages = 0;
        let log_name = format!("killed-{point}.log");
        match work {
            Work::CliHarvest => {
                harness.publish_round(point + 1);
                harness.feed.edit(|state| state.delay_ms = SLOW_PAGE_MS);
                let requests_before = harness.list_records_requests();
                let mut child = harness
                    .command(&["harvest", "--source", SOURCE], &log_name)
                    .spawn()
                    .unwrap();
                harness
                    .wait_for_page(requests_before + pages, &mut child)
                    .await;
                tokio::time::sleep(Duration::from_millis(delay)).await;
                checkpointed_pages = (harness.list_records_requests() - requests_before)
                    .saturating_sub(2 + harvester::PAGES_IN_FLIGHT);
                kill(&mut child);
            }
            Work::DecisionsDuringHarvest => {
                harness.publish_round(point + 1);
                harness.feed.edit(|state| state.delay_ms = SLOW_PAGE_MS);
                let (mut child, base_url) = harness.serve(&log_name).await;
                let requests_before = harness.list_records_requests();
                harness.start_harvest(&base_url).await;
                for writer in 0..2 {
                    writers.push(
                        harness.spawn_decision_writer(&base_url, format!("p{point}-w{writer}")),
                    );
                }
                harness
                    .wait_for_page(requests_before + pages, &mut child)
                    .await;
                tokio::time::sleep(Duration::from_millis(delay)).await;
                checkpointed_pages = (harness.list_records_requests() - requests_before)
                    .saturating_sub(2 + harvester::PAGES_IN_FLIGHT);
                kill(&mut child);
            }
            Work::ReindexDuringDecisions => {
                let (mut child, base_url) = harness.serve(&log_name).await;
                writers.push(harness.spawn_decision_writer(&base_url, format!("p{point}-w0")));
                let reindex = harness
                    .client
                    .post(format!("{base_url}/api/v1/search/reindex"))
                    .bearer_auth(ADMIN)
                    .send();
                let reindex = tokio::spawn(reindex);
                tokio::time::sleep(Duration::from_millis(delay)).await;
                kill(&mut child);
                if harness.index_generations().len() > 1 {
                    rebuilds_interrupted += 1;
                }
                if let Ok(Ok(response)) = reindex.await {
                    let status = response.status();
                    let answer: Value = response.json().await.unwrap_or_default();
                    println!("  the rebuild answered {status} before the kill: {answer}");
                }
            }
        }
        for writer in writers {
            writer.await.unwrap();
        }

        let (mut child, base_url) = harness.serve(&format!("restarted-{point}.log")).await;
        let health = harness.consistent_health(&base_url).await;
        let live = health["store"]["live"].as_u64().unwrap();
        let checkpointed_records = (checkpointed_pages * PAGE_SIZE).min(RECORDS_PER_ROUND) as u64;
        assert!(
            live >= live_before + checkpointed_records && live <= harness.published as u64,
            "kill point {point} ({kill_point}): {live_before} records before, \
             {checkpointed_pages} pages checkpointed, \
             {} published, {live} after the restart: {health}",
            harness.published
        );
        assert_eq!(
            (live - live_before) % PAGE_SIZE as u64,
            0,
            "kill point {point} ({kill_point}): a page was stored in part: {health}"
        );
        harness.settle_decisions(&base_url).await;
        harness.harvest_to_completion(&base_url).await;
        harness.settle_decisions(&base_url).await;
        kill(&mut child);
        survived += 1;
        println!(
            "kill point {point}: {kill_point}; {live} of {} records \
             stored, {} decisions acknowledged",
            harness.published,
            harness.ledger.lock().unwrap().acknowledged.len()
        );
    }
    println!("{rebuilds_interrupted} kills left a half-built index generation behind");
    println!(
        "{} decisions were stored but unanswered at a kill; their retries returned them",
        harness.ledger.lock().unwrap().stored_unanswered
    );
    println!(
        "crash harness: {survived} kill points survived in {:.1} s (seed {seed})",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(survived, KILL_POINTS);
    let generations = harness.index_generations();
    assert_eq!(
        generations.len(),
        1,
        "index generations left behind by killed rebuilds: {generations:?}"
    );
    harness.feed.stop().await;
}
