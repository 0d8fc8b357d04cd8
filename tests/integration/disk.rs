//! A nearly full disk (issue 23): below `server.min_free_disk_mb` of free space the
//! clearinghouse stops writing and says so (`/health` `degraded`, decisions `503`, the
//! harvest refused and recorded as failed), reads go on, and writing resumes by itself
//! once space is back. The test puts the reserve 1 GiB under the free space of its temp
//! dir's file system, then takes 2 GiB with a real allocation (fallocate) and frees it.

use model::RunOutcome;
use serde_json::{Value, json};
use tests::TestApp;

use super::recognitions::{OFFICER_B, config, id_of};

const GIB: u64 = 1 << 30;

fn available(dir: &std::path::Path) -> u64 {
    let stats = rustix::fs::statvfs(dir).unwrap();
    stats.f_bavail * stats.f_frsize
}

async fn record_decision(app: &TestApp) -> (u16, Option<String>, Value) {
    record_decision_with(&app.client, &app.base_url, "same outcomes, same workload").await
}

async fn record_decision_with(
    client: &reqwest::Client,
    base_url: &str,
    rationale: &str,
) -> (u16, Option<String>, Value) {
    let response = client
        .post(format!("{base_url}/api/v1/recognitions"))
        .bearer_auth(OFFICER_B)
        .json(&json!({
            "credential": id_of("uni-a", "a-ds"),
            "outcome": { "kind": "equivalent", "target": id_of("uni-b", "b-ds") },
            "rationale": rationale,
            "decided_on": "2026-12-07"
        }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    (status, retry, response.json().await.unwrap_or(Value::Null))
}

async fn get(client: &reqwest::Client, base_url: &str, path: &str) -> (u16, Value) {
    let response = client
        .get(format!("{base_url}{path}"))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[actix_web::test]
async fn a_nearly_full_disk_pauses_writes_until_space_is_back() {
    let data_dir = tempfile::tempdir().unwrap();
    let free = available(data_dir.path());
    assert!(
        free > 4 * GIB,
        "this test takes 2 GiB of its temp dir's file system and needs 4 GiB free; {} MiB are",
        free >> 20
    );
    let reserve_mb = (free - GIB) >> 20;
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        data_dir,
        &format!(
            "rate_limit_per_minute = 0\nfailed_auth_per_minute = 0\nmin_free_disk_mb = {reserve_mb}\n"
        ),
        &config(feeds.path()),
    )
    .await;
    let (status, health) = app.get("/health").await;
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    assert_eq!(health["disk"]["writes_paused"], false);
    assert_eq!(app.harvest("uni-a").await.outcome, RunOutcome::Succeeded);
    assert_eq!(app.harvest("uni-b").await.outcome, RunOutcome::Succeeded);

    // The disk fills up (another program's file on the same file system).
    let filler = app.data_dir.path().join("someone-elses-file");
    let file = std::fs::File::create(&filler).unwrap();
    rustix::fs::fallocate(&file, rustix::fs::FallocateFlags::empty(), 0, 2 * GIB).unwrap();

    let (status, health) = app.get("/health").await;
    assert_eq!((status, health["status"].as_str()), (200, Some("degraded")));
    assert_eq!(health["disk"]["writes_paused"], true);
    let message = health["disk"]["message"].as_str().unwrap();
    assert!(
        message.contains("nearly full") && message.contains("resume"),
        "{message}"
    );

    let (status, retry, body) = record_decision(&app).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "disk_nearly_full");
    assert!(retry.is_some(), "a client is told when to retry");

    let run = app.harvest("uni-a").await;
    assert_eq!(run.outcome, RunOutcome::Failed);
    assert!(
        run.message.as_deref().unwrap_or("").contains("nearly full"),
        "{:?}",
        run.message
    );
    // The refused run is on record, where the publisher looks.
    let runs = app.text("/api/v1/sources/uni-a/runs").await;
    assert!(
        runs.contains("failed") && runs.contains("nearly full"),
        "{runs}"
    );
    // Reading goes on.
    let (status, found) = app.get("/api/v1/search?q=data").await;
    assert_eq!(status, 200);
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");

    // Space comes back: writes resume without a restart.
    drop(file);
    std::fs::remove_file(&filler).unwrap();
    let (_, health) = app.get("/health").await;
    assert_eq!(health["status"], "ok", "{health}");
    let (status, _, body) = record_decision(&app).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(app.harvest("uni-a").await.outcome, RunOutcome::Succeeded);
    app.stop().await;
}

/// The test sources in `feeds`, harvested into a data directory the server has let go
/// of, and a free loopback port for the process that serves it next.
async fn harvested(feeds: &tempfile::TempDir) -> (String, tempfile::TempDir, u16) {
    let sources = config(feeds.path());
    let app = TestApp::spawn(&sources).await;
    assert_eq!(app.harvest("uni-a").await.outcome, RunOutcome::Succeeded);
    assert_eq!(app.harvest("uni-b").await.outcome, RunOutcome::Succeeded);
    let data_dir = app.stop().await;
    // Sled lets go of its files a moment after the server stops.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    (sources, data_dir, port)
}

/// Runs `clearinghouse serve` on `data_dir` with `config`, its files limited to
/// `max_file_bytes` when given (RLIMIT_FSIZE through `prlimit`, with SIGXFSZ ignored as a
/// service manager may: a write past the limit then fails with EFBIG, as one on a full
/// disk fails with ENOSPC), and waits until `/health` answers.
async fn serve(
    config: &std::path::Path,
    port: u16,
    max_file_bytes: Option<u64>,
) -> std::process::Child {
    let binary = env!("CARGO_BIN_EXE_clearinghouse-under-test");
    let limit = match max_file_bytes {
        Some(bytes) => format!("prlimit --fsize={bytes} "),
        None => String::new(),
    };
    let mut child = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; exec {limit}{binary:?} serve --config {:?}",
            config.display().to_string()
        ))
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let client = reqwest::Client::new();
    loop {
        if let Ok(response) = client
            .get(format!("http://127.0.0.1:{port}/health"))
            .send()
            .await
            && response.status().is_success()
        {
            return child;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "serve exited before answering"
        );
        assert!(std::time::Instant::now() < deadline, "serve did not answer");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A write the store fails on disk despite the reserve (here: its file reaches the
/// process's file size limit) is said in plain words: that decision and every later one
/// answer `503 store_cannot_write`, `/health` says
/// `degraded` and why, and reading goes on. Sled takes no write after a failed one until
/// opened again: restarted (the cause gone), the clearinghouse has every decision it
/// acknowledged and records again.
#[actix_web::test]
async fn a_write_the_store_fails_on_disk_is_said_and_the_restart_keeps_every_decision() {
    let feeds = tempfile::tempdir().unwrap();
    let (sources, data_dir, port) = harvested(&feeds).await;
    let config_path = data_dir.path().join("clearinghouse.toml");
    std::fs::write(
        &config_path,
        format!(
            "data_dir = {:?}\n[server]\nlisten = \"127.0.0.1:{port}\"\nworkers = 1\nrate_limit_per_minute = 0\nfailed_auth_per_minute = 0\n[harvest]\nfile_roots = {}\n[index]\nwriter_heap_bytes = 20000000\n{sources}",
            data_dir.path().display().to_string(),
            tests::test_file_roots_toml()
        ),
    )
    .unwrap();
    // Room for about a megabyte more in the store's log file; each decision below
    // takes about 60 kB of it.
    let log = data_dir.path().join("store").join("db");
    let limit = std::fs::metadata(&log).unwrap().len() + (1 << 20);
    let mut child = serve(&config_path, port, Some(limit)).await;
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");

    let long = "The same outcomes and workload. ".repeat(1800);
    let mut acknowledged = Vec::new();
    let refused = loop {
        assert!(
            acknowledged.len() < 200,
            "the store never reached its limit"
        );
        let (status, _, body) = record_decision_with(&client, &base, &long).await;
        if status != 201 {
            break (status, body);
        }
        acknowledged.push(body["id"].as_str().unwrap().to_owned());
    };
    assert!(!acknowledged.is_empty());
    let (status, body) = refused;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "store_cannot_write", "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("could not write to disk") && message.contains("restarted"),
        "{message}"
    );
    // Every later write is refused with the same words, before it is tried.
    let (status, _, body) = record_decision_with(&client, &base, "short").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("store_cannot_write"))
    );
    let (status, health) = get(&client, &base, "/health").await;
    assert_eq!((status, health["status"].as_str()), (200, Some("degraded")));
    let said = health["store_cannot_write"].as_str().unwrap_or_default();
    assert!(said.contains("File too large"), "{health}");
    // Reading goes on.
    let (status, found) = get(&client, &base, "/api/v1/search?q=data").await;
    assert_eq!(status, 200);
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
    child.kill().unwrap();
    child.wait().unwrap();

    // The cause gone, restarted: every acknowledged decision is there, and it records.
    let mut child = serve(&config_path, port, None).await;
    for id in &acknowledged {
        let (status, decision) = get(&client, &base, &format!("/api/v1/recognitions/{id}")).await;
        assert_eq!(status, 200, "decision {id}: {decision}");
    }
    let (_, health) = get(&client, &base, "/health").await;
    assert_eq!(health["status"], "ok", "{health}");
    let (status, _, body) = record_decision_with(&client, &base, "short").await;
    assert_eq!(status, 201, "{body}");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Whether this machine lets an unprivileged process have a mount namespace of its own
/// (`unshare -rm`), where the test mounts a small file system.
fn mount_namespaces() -> bool {
    std::process::Command::new("unshare")
        .args(["-rm", "true"])
        .status()
        .is_ok_and(|status| status.success())
}

/// A real full disk inside the store: the server runs in a mount namespace of its own
/// with its data directory on a 24 MiB tmpfs, nearly filled by another file, and the
/// reserve off. Decisions are recorded until sled fails a write with ENOSPC: that one
/// and the next answer `503 store_cannot_write`, saying that freeing space is the cure,
/// `/health` says `degraded` and why, and reading goes on. Once the other file is
/// removed the server starts itself again (the same process, the same address) and
/// records, with every decision it acknowledged before.
#[actix_web::test]
async fn a_full_disk_inside_the_store_is_said_and_writing_resumes_when_space_is_freed() {
    if !mount_namespaces() {
        eprintln!(
            "SKIPPED: this machine gives no mount namespace to an unprivileged process \
             (unshare -rm), so no small file system can be mounted to fill"
        );
        return;
    }
    let feeds = tempfile::tempdir().unwrap();
    let (sources, harvested, port) = harvested(&feeds).await;
    // The tmpfs is mounted on `mount` inside the namespace only; from here its files are
    // reached through the server's /proc/PID/root.
    let mount = tempfile::tempdir().unwrap();
    let data = mount.path().join("data");
    std::fs::write(
        harvested.path().join("clearinghouse.toml"),
        format!(
            "data_dir = {:?}\n[server]\nlisten = \"127.0.0.1:{port}\"\nworkers = 1\nrate_limit_per_minute = 0\nfailed_auth_per_minute = 0\nmin_free_disk_mb = 0\n[harvest]\nfile_roots = {}\n[index]\nwriter_heap_bytes = 15000000\n{sources}",
            data.display().to_string(),
            tests::test_file_roots_toml()
        ),
    )
    .unwrap();
    let script = format!(
        r#"set -e
mount -t tmpfs -o size=24m tmpfs {mount:?}
cp -a {harvested:?} {data:?}
avail=$(df -k --output=avail {mount:?} | tail -1)
dd if=/dev/zero of={filler:?} bs=1024 count=$((avail - 3072)) status=none
exec {binary:?} serve --config {config:?}
"#,
        mount = mount.path().display().to_string(),
        harvested = harvested.path().display().to_string(),
        data = data.display().to_string(),
        filler = mount.path().join("filler").display().to_string(),
        binary = env!("CARGO_BIN_EXE_clearinghouse-under-test"),
        config = data.join("clearinghouse.toml").display().to_string(),
    );
    // The server's log, outside the small file system, said when an assertion fails.
    let log_dir = tempfile::tempdir().unwrap();
    let log_path = log_dir.path().join("serve.log");
    let log = || {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        let start = text.len().saturating_sub(4000);
        format!(
            "\n--- the server's log ---\n{}",
            &text[text.ceil_char_boundary(start)..]
        )
    };
    let mut child = std::process::Command::new("unshare")
        .args(["-rm", "bash", "-c", &script])
        .env("RUST_LOG", "warn,sled=error")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let answers = |deadline: std::time::Instant| {
        let client = client.clone();
        let base = base.clone();
        async move {
            loop {
                if let Ok(response) = client.get(format!("{base}/health")).send().await
                    && response.status().is_success()
                {
                    return response.json::<Value>().await.unwrap();
                }
                assert!(
                    std::time::Instant::now() < deadline,
                    "the server did not answer"
                );
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    };
    let minute = || std::time::Instant::now() + std::time::Duration::from_secs(60);
    answers(minute()).await;

    let long = "The same outcomes and workload. ".repeat(1800);
    let mut acknowledged = Vec::new();
    let refused = loop {
        assert!(acknowledged.len() < 500, "the disk never filled up");
        let (status, _, body) = record_decision_with(&client, &base, &long).await;
        if status != 201 {
            break (status, body);
        }
        acknowledged.push(body["id"].as_str().unwrap().to_owned());
    };
    assert!(!acknowledged.is_empty());
    let (status, body) = refused;
    assert_eq!(status, 503, "{body}{}", log());
    assert_eq!(body["code"], "store_cannot_write", "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("space is freed"), "{message}");
    let (status, _, body) = record_decision_with(&client, &base, "short").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (503, Some("store_cannot_write"))
    );
    let (_, health) = get(&client, &base, "/health").await;
    assert_eq!(health["status"], "degraded", "{health}");
    let said = health["store_cannot_write"].as_str().unwrap_or_default();
    assert!(said.contains("No space left on device"), "{health}");
    let (status, _) = get(&client, &base, "/api/v1/search?q=data").await;
    assert_eq!(status, 200);

    // Space is freed: the server starts again by itself and records.
    let filler = format!(
        "/proc/{}/root{}",
        child.id(),
        mount.path().join("filler").display()
    );
    std::fs::remove_file(&filler).unwrap();
    let deadline = minute();
    loop {
        let health = answers(deadline).await;
        if health["status"] == "ok" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still degraded: {health}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let (status, _, body) = record_decision_with(&client, &base, "short").await;
    assert_eq!(status, 201, "{body}");
    for id in &acknowledged {
        let (status, decision) = get(&client, &base, &format!("/api/v1/recognitions/{id}")).await;
        assert_eq!(status, 200, "decision {id}: {decision}");
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the same process serves"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
