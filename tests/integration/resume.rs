//! A harvest killed with SIGKILL mid-way resumes from its last stored page on restart and
//! ends with every record exactly once.

use std::process::Command;
use std::time::{Duration, Instant};

use tests::{FeedRecord, FeedServer, TestApp, oai_source};

const N_RECORDS: usize = 400;
const PAGE_SIZE: usize = 40;

fn list_records_requests(feed: &FeedServer) -> Vec<String> {
    feed.state
        .lock()
        .unwrap()
        .requests
        .iter()
        .filter(|query| query.contains("ListRecords"))
        .cloned()
        .collect()
}

#[actix_web::test]
async fn a_killed_harvest_resumes_from_its_last_page() {
    let records: Vec<FeedRecord> = (0..N_RECORDS)
        .map(|i| {
            FeedRecord::dc(
                &format!("oai:feed.example:{i}"),
                &format!("Course number {i}"),
                "A course.",
            )
        })
        .collect();
    let feed = FeedServer::start(records, PAGE_SIZE);
    feed.edit(|state| state.delay_ms = 150);
    let data_dir = tempfile::tempdir().unwrap();
    let config_path = data_dir.path().join("clearinghouse.toml");
    std::fs::write(
        &config_path,
        format!(
            "data_dir = {:?}\n[index]\nwriter_heap_bytes = 20000000\n{}",
            data_dir.path().display().to_string(),
            oai_source("slow", &feed.oai_url())
        ),
    )
    .unwrap();
    let binary = env!("CARGO_BIN_EXE_clearinghouse-under-test");
    let harvest = || {
        let mut command = Command::new(binary);
        command
            .args(["harvest", "--source", "slow", "--config"])
            .arg(&config_path)
            .env("RUST_LOG", "warn");
        command
    };

    let mut child = harvest()
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while list_records_requests(&feed).len() < 4 {
        assert!(Instant::now() < deadline, "the harvest did not start");
        assert!(
            child.try_wait().unwrap().is_none(),
            "the harvest ended before it was killed"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up.
    child.wait().unwrap();
    let before_restart = list_records_requests(&feed).len();
    assert!(before_restart < N_RECORDS / PAGE_SIZE, "killed mid-way");

    feed.edit(|state| state.delay_ms = 0);
    let output = harvest().output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let requests = list_records_requests(&feed);
    let resumed = &requests[before_restart];
    assert!(
        resumed.contains("resumptionToken="),
        "restart resumed with a token, not from scratch: {resumed}"
    );
    assert!(
        requests.len() - before_restart <= N_RECORDS / PAGE_SIZE - 2,
        "the pages stored before the kill were not fetched again: {} requests after restart",
        requests.len() - before_restart
    );

    let app = TestApp::spawn_in(data_dir, &oai_source("slow", &feed.oai_url())).await;
    let (_, health) = app.get("/health").await;
    assert_eq!(
        health["store"]["live"], N_RECORDS,
        "every record exactly once: {health}"
    );
    assert_eq!(
        health["index_docs"], N_RECORDS,
        "search agrees with the store: {health}"
    );
    let (_, runs) = app.get("/api/v1/sources/slow/runs").await;
    let run = &runs["runs"][0];
    assert_eq!(run["outcome"], "succeeded", "{run}");
    assert_eq!(
        run["counts"]["seen"], N_RECORDS,
        "the resumed run reports the whole harvest: {run}"
    );
    assert_eq!(run["counts"]["added"], N_RECORDS, "{run}");
    assert_eq!(run["pages"], N_RECORDS / PAGE_SIZE, "{run}");
    app.stop().await;
    feed.stop().await;
}

/// A file feed of `n` courses of source `uni-a` (titled `title` and their number, with
/// `description(number)`), and its `[[sources]]` table.
fn courses(
    n: usize,
    title: &str,
    description: impl Fn(usize) -> String,
) -> (tempfile::TempDir, String) {
    let feeds = tempfile::tempdir().unwrap();
    let records: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("c{i}"),
                "title": { "en": format!("{title} {i}") },
                "description": { "en": description(i) }
            })
        })
        .collect();
    let sources = tests::file_source(
        feeds.path(),
        "uni-a",
        "University A",
        "DE",
        &serde_json::Value::Array(records),
    );
    (feeds, sources)
}

/// A damaged search index (a file overwritten on disk) is found at start-up by its
/// checksums and rebuilt from the store, instead of failing searches later.
#[actix_web::test]
async fn a_damaged_index_is_rebuilt_from_the_store_at_start() {
    let (_feeds, sources) = courses(200, "Damaged index course", |_| {
        "Marine ecology, coastal field work and statistics. ".repeat(20)
    });
    let app = TestApp::spawn(&sources).await;
    app.harvest("uni-a").await;
    let (_, before) = app.get("/api/v1/search?q=coastal").await;
    assert_eq!(before["total"], 200);
    let data_dir = app.stop().await;

    // Overwrite the middle of the largest file of the current generation.
    let index_root = data_dir.path().join("index");
    let current = std::fs::read_to_string(index_root.join("CURRENT")).unwrap();
    let generation = index_root.join(current.trim());
    let largest = std::fs::read_dir(&generation)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .max_by_key(|path| std::fs::metadata(path).unwrap().len())
        .unwrap();
    let mut bytes = std::fs::read(&largest).unwrap();
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 64] {
        *byte ^= 0x5a;
    }
    std::fs::write(&largest, bytes).unwrap();

    let app = TestApp::spawn_in(data_dir, &sources).await;
    let (status, after) = app.get("/api/v1/search?q=coastal").await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["total"], 200, "every record searchable again");
    let now_current = std::fs::read_to_string(index_root.join("CURRENT")).unwrap();
    assert_ne!(
        now_current.trim(),
        current.trim(),
        "a new generation was built"
    );
    assert!(!generation.exists(), "the damaged generation is removed");
    app.stop().await;
}

/// A store damaged at rest (its log file cut in half, as by a bad copy or a disk error)
/// opens in sled without an error, with every change after the cut gone. The server
/// refuses to start on it, says why in plain words and what to do, and changes nothing.
#[actix_web::test]
async fn a_damaged_store_is_refused_at_start_in_plain_words() {
    let (_feeds, sources) = courses(300, "Damaged store course", |i| {
        format!("Soil science {i}, field work and mapping. ").repeat(40)
    });
    let app = TestApp::spawn(&sources).await;
    app.harvest("uni-a").await;
    let (_, health) = app.get("/health").await;
    assert_eq!(health["store"]["live"], 300, "{health}");
    let data_dir = app.stop().await;
    // Sled lets go of its files a moment after the server stops.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let db = data_dir.path().join("store").join("db");
    let size = std::fs::metadata(&db).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&db)
        .unwrap()
        .set_len(size / 2)
        .unwrap();
    let config_path = data_dir.path().join("clearinghouse.toml");
    std::fs::write(
        &config_path,
        format!(
            "data_dir = {:?}\n[server]\nlisten = \"127.0.0.1:0\"\n[harvest]\nfile_roots = {}\n{sources}",
            data_dir.path().display().to_string(),
            tests::test_file_roots_toml()
        ),
    )
    .unwrap();
    let watermark = data_dir.path().join("store").join(store::WATERMARK_FILE);
    let written = std::fs::read_to_string(&watermark).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_clearinghouse-under-test"))
        .args(["serve", "--config"])
        .arg(&config_path)
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the server started on a damaged store");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("is damaged"), "{stderr}");
    assert!(stderr.contains("were lost"), "{stderr}");
    assert!(stderr.contains("clearinghouse restore"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&watermark).unwrap(),
        written,
        "nothing was written to the damaged store"
    );
}
