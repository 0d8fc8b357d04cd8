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
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(OFFICER_B)
        .json(&json!({
            "credential": id_of("uni-a", "a-ds"),
            "outcome": { "kind": "equivalent", "target": id_of("uni-b", "b-ds") },
            "rationale": "same outcomes, same workload",
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
