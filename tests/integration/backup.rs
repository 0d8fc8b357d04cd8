//! Backup and restore (issue 9): a backup taken through the running server while
//! decisions are being written, restored by the real CLI into a fresh data dir, holds
//! every record and every decision acknowledged before it; the index is rebuilt from the
//! restored store.

use std::process::Command;

use serde_json::{Value, json};
use tests::TestApp;

const ADMIN: &str = "backup-test-admin-token";
const OFFICER: &str = "backup-test-officer-token";
const N_RECORDS: usize = 40;

fn sources_toml(dir: &std::path::Path) -> String {
    let records: Vec<Value> = (0..N_RECORDS)
        .map(|i| json!({ "id": format!("c{i}"), "title": { "en": format!("Backup course {i}") } }))
        .collect();
    std::fs::write(dir.join("a.json"), serde_json::to_vec(&records).unwrap()).unwrap();
    let hash = server::auth::token_hash_hex;
    format!(
        "[[sources]]\nid = \"uni-a\"\ninstitution = \"University A\"\ncountry = \"DE\"\nprotocol = \"file\"\nurl = {:?}\nformat = \"clearinghouse-json\"\n\
         [[tokens]]\nid = \"admin\"\nsha256 = \"{}\"\ninstitution = \"operator\"\nadmin = true\n\
         [[tokens]]\nid = \"officer\"\nsha256 = \"{}\"\ninstitution = \"uni-b\"\n",
        dir.join("a.json").display().to_string(),
        hash(ADMIN),
        hash(OFFICER),
    )
}

fn record_id(upstream: &str) -> String {
    model::RecordId::new(&model::SourceId::parse("uni-a").unwrap(), upstream).to_string()
}

async fn decide(app: &TestApp, i: usize) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(OFFICER)
        .header("Idempotency-Key", format!("decision-{i}"))
        .json(&json!({
            "credential": record_id(&format!("c{i}")),
            "outcome": { "kind": "credits", "ects": 5 },
            "rationale": format!("decision {i}"),
            "decided_on": "2026-11-20"
        }))
        .send()
        .await
        .unwrap()
}

#[actix_web::test]
async fn a_backup_taken_while_writing_restores_every_record_and_decision() {
    let feeds = tempfile::tempdir().unwrap();
    let sources = sources_toml(feeds.path());
    let backups = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(
        tempfile::tempdir().unwrap(),
        &format!(
            "rate_limit_per_minute = 0\nfailed_auth_per_minute = 0\nbackup_dir = {:?}\n",
            backups.path().display().to_string()
        ),
        &sources,
    )
    .await;
    app.harvest("uni-a").await;
    let mut acknowledged = Vec::new();
    for i in 0..10 {
        let response = decide(&app, i).await;
        assert_eq!(response.status().as_u16(), 201);
        let created: Value = response.json().await.unwrap();
        acknowledged.push(created["id"].as_str().unwrap().to_owned());
    }

    // Decisions keep coming while the backup is taken.
    let backup_dir = backups.path().join("b1");
    let writer = async {
        let mut ids = Vec::new();
        for i in 10..30 {
            let response = decide(&app, i).await;
            assert_eq!(response.status().as_u16(), 201);
            let created: Value = response.json().await.unwrap();
            ids.push(created["id"].as_str().unwrap().to_owned());
        }
        ids
    };
    let backup = async {
        app.client
            .post(format!("{}/api/v1/admin/backup", app.base_url))
            .bearer_auth(ADMIN)
            .json(&json!({ "dir": backup_dir }))
            .send()
            .await
            .unwrap()
    };
    let (during, response) = tokio::join!(writer, backup);
    assert_eq!(response.status().as_u16(), 200);
    let manifest: Value = response.json().await.unwrap();
    assert!(
        manifest["entries"].as_u64().unwrap() > N_RECORDS as u64,
        "{manifest}"
    );

    // Only an admin may back up, and never over an existing backup.
    let refused = app
        .client
        .post(format!("{}/api/v1/admin/backup", app.base_url))
        .bearer_auth(OFFICER)
        .json(&json!({ "dir": backups.path().join("b2") }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let again = app
        .client
        .post(format!("{}/api/v1/admin/backup", app.base_url))
        .bearer_auth(ADMIN)
        .json(&json!({ "dir": backup_dir }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 409);
    // Only under the configured backup directory: not beside it, not through `..`, not
    // through a link out of it.
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), backups.path().join("link")).unwrap();
    for dir in [
        json!(elsewhere.path().join("b3")),
        json!(backups.path().join("..").join("b3")),
        json!("../b3"),
        json!(backups.path().join("link").join("b3")),
    ] {
        let refused = app
            .client
            .post(format!("{}/api/v1/admin/backup", app.base_url))
            .bearer_auth(ADMIN)
            .json(&json!({ "dir": dir }))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status().as_u16(), 400, "{dir}");
        let body: Value = refused.json().await.unwrap();
        assert!(body["message"].as_str().unwrap().contains("dir"), "{body}");
    }
    assert!(
        std::fs::read_dir(elsewhere.path())
            .unwrap()
            .next()
            .is_none()
    );
    // A name is taken under the backup directory.
    let named = app
        .client
        .post(format!("{}/api/v1/admin/backup", app.base_url))
        .bearer_auth(ADMIN)
        .json(&json!({ "dir": "nightly" }))
        .send()
        .await
        .unwrap();
    assert_eq!(named.status().as_u16(), 200);
    assert!(
        backups
            .path()
            .join("nightly")
            .join(store::MANIFEST_FILE)
            .is_file()
    );
    app.stop().await;

    // Readable by the server's user only: it holds private decisions and the token key.
    use std::os::unix::fs::PermissionsExt;
    let mut stack = vec![backup_dir.clone()];
    let mut files = 0;
    while let Some(path) = stack.pop() {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        if path.is_dir() {
            assert_eq!(mode, 0o700, "{}", path.display());
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            assert_eq!(mode, 0o600, "{}", path.display());
            files += 1;
        }
    }
    assert!(files > 1);

    // The real CLI restores into a fresh data dir and refuses a non-empty one.
    let restored = tempfile::tempdir().unwrap();
    let data_dir = restored.path().join("data");
    let config_path = restored.path().join("restore.toml");
    std::fs::write(
        &config_path,
        format!("data_dir = {:?}\n", data_dir.display().to_string()),
    )
    .unwrap();
    let restore = || {
        Command::new(env!("CARGO_BIN_EXE_clearinghouse-under-test"))
            .arg("restore")
            .arg(&backup_dir)
            .arg("--config")
            .arg(&config_path)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let output = restore();
    assert!(output.status.success(), "{output:?}");
    let output = restore();
    assert!(!output.status.success(), "a non-empty data dir is refused");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("not empty"),
        "{output:?}"
    );

    // Serve the restored data dir: every record, every decision acknowledged before the
    // backup answered, and the index rebuilt from the store.
    let data = tempfile::Builder::new().tempdir().unwrap();
    std::fs::remove_dir(data.path()).unwrap();
    std::fs::rename(&data_dir, data.path()).unwrap();
    let app = TestApp::spawn_in(data, &sources).await;
    for i in 0..N_RECORDS {
        let (status, _) = app
            .get(&format!(
                "/api/v1/credentials/{}",
                record_id(&format!("c{i}"))
            ))
            .await;
        assert_eq!(status, 200, "record c{i}");
    }
    for id in &acknowledged {
        let (status, decision) = app.get(&format!("/api/v1/recognitions/{id}")).await;
        assert_eq!(status, 200, "decision {id}: {decision}");
    }
    let (_, all) = app.get("/api/v1/recognitions?institution=uni-b").await;
    let total = all["total"].as_u64().unwrap_or_default() as usize;
    assert!(
        (acknowledged.len()..=acknowledged.len() + during.len()).contains(&total),
        "{total} decisions: those before the backup, and some of those during it"
    );
    let (_, health) = app.get("/health").await;
    assert_eq!(health["store"]["live"], N_RECORDS, "{health}");
    assert_eq!(
        health["store_seq"], health["index_seq"],
        "the index was rebuilt from the restored store: {health}"
    );
    let (_, hits) = app.get("/api/v1/search?q=backup").await;
    assert_eq!(hits["total"], N_RECORDS, "{hits}");
    app.stop().await;
}
