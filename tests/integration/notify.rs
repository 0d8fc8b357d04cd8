//! Webhooks (issue 26): a source's `notify` URL hears of a failed harvest, signed with
//! its `notify_secret` (checked here with an HMAC of our own), retried after a refused
//! first delivery, and hears of the recovery; a harvest that succeeds after a success
//! says nothing.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;
use tests::TestApp;

const SECRET: &str = "a-webhook-secret-for-tests";

/// One request the receiver got: its headers (lower-case names) and body.
#[derive(Debug, Clone)]
struct Received {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A receiver on loopback that refuses its first request (500) and takes the others.
fn receiver() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let received: Arc<Mutex<Vec<Received>>> = Arc::default();
    let kept = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut bytes = Vec::new();
            let mut buffer = [0u8; 8192];
            // Read the head, then the body by its Content-Length.
            let (head_end, length) = loop {
                let n = stream.read(&mut buffer).unwrap_or(0);
                if n == 0 {
                    break (bytes.len(), 0);
                }
                bytes.extend_from_slice(&buffer[..n]);
                if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&bytes[..end]).to_lowercase();
                    let length = head
                        .lines()
                        .find_map(|line| line.strip_prefix("content-length:"))
                        .and_then(|value| value.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    break (end + 4, length);
                }
            };
            while bytes.len() < head_end + length {
                let n = stream.read(&mut buffer).unwrap_or(0);
                if n == 0 {
                    break;
                }
                bytes.extend_from_slice(&buffer[..n]);
            }
            let head = String::from_utf8_lossy(&bytes[..head_end.min(bytes.len())]).into_owned();
            let headers = head
                .lines()
                .skip(1)
                .filter_map(|line| line.split_once(':'))
                .map(|(key, value)| (key.trim().to_lowercase(), value.trim().to_owned()))
                .collect();
            let body = bytes[head_end.min(bytes.len())..].to_vec();
            let first = {
                let mut received = kept.lock().unwrap();
                received.push(Received { headers, body });
                received.len() == 1
            };
            let status = if first {
                "500 Internal Server Error"
            } else {
                "204 No Content"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
        }
    });
    (url, received)
}

/// Waits until the receiver got `n` requests.
fn wait_for(received: &Arc<Mutex<Vec<Received>>>, n: usize) -> Vec<Received> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let got = received.lock().unwrap().clone();
        if got.len() >= n || Instant::now() > deadline {
            return got;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether `header` (`t=…,v1=…`) is the HMAC-SHA256 of `"t.body"` with the secret.
fn signed(header: &str, body: &[u8]) -> bool {
    let mut t = None;
    let mut v1 = None;
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => t = Some(value.to_owned()),
            Some(("v1", value)) => v1 = Some(value.to_owned()),
            _ => {}
        }
    }
    let (Some(t), Some(v1)) = (t, v1) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(t.as_bytes());
    mac.update(b".");
    mac.update(body);
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    expected == v1
}

#[actix_web::test]
async fn a_failed_harvest_is_told_signed_retried_and_so_is_the_recovery() {
    let (hook, received) = receiver();
    let feeds = tempfile::tempdir().unwrap();
    let feed = feeds.path().join("feed.json");
    // First a feed that does not exist: the harvest fails.
    let sources = format!(
        "[[sources]]\nid = \"uni\"\ninstitution = \"Uni Demo\"\ncountry = \"DE\"\nprotocol = \"file\"\n\
         url = {:?}\nformat = \"clearinghouse-json\"\nnotify = \"{hook}\"\nnotify_secret = \"{SECRET}\"\n",
        feed.display().to_string()
    );
    let app = TestApp::spawn(&sources).await;
    let run = app.harvest("uni").await;
    assert_eq!(run.outcome, model::RunOutcome::Failed);
    let got = tokio::task::spawn_blocking({
        let received = received.clone();
        move || wait_for(&received, 2)
    })
    .await
    .unwrap();
    assert_eq!(got.len(), 2, "refused once, then delivered: {got:?}");
    for delivery in &got {
        assert_eq!(delivery.header("x-clearinghouse-event"), Some("failed"));
        let signature = delivery.header("x-clearinghouse-signature").unwrap();
        assert!(signed(signature, &delivery.body), "{signature}");
        assert!(!signed(signature, b"{\"forged\": true}"));
    }
    let notice: Value = serde_json::from_slice(&got[1].body).unwrap();
    assert_eq!(notice["event"], "failed");
    assert_eq!(notice["source"], "uni");
    assert_eq!(
        notice["run"]["failure"]["kind"], "file_unreadable",
        "{notice}"
    );
    assert!(notice["run"]["failure"]["next_step"].as_str().is_some());

    // The feed is published: the next harvest recovers, and says so.
    std::fs::write(&feed, r#"[{"id": "c1", "title": {"en": "Data literacy"}}]"#).unwrap();
    let run = app.harvest("uni").await;
    assert_eq!(run.outcome, model::RunOutcome::Succeeded, "{run:?}");
    let got = tokio::task::spawn_blocking({
        let received = received.clone();
        move || wait_for(&received, 3)
    })
    .await
    .unwrap();
    assert_eq!(got.len(), 3);
    assert_eq!(got[2].header("x-clearinghouse-event"), Some("recovered"));
    assert!(signed(
        got[2].header("x-clearinghouse-signature").unwrap(),
        &got[2].body
    ));

    // Another success after a success: nothing to say.
    app.harvest("uni").await;
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(received.lock().unwrap().len(), 3);
    app.stop().await;
}

#[test]
fn the_harvest_command_waits_for_its_notices_before_it_exits() {
    let (hook, received) = receiver();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("clearinghouse.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = {:?}\n[harvest]\nallow_private_addresses = true\nfile_roots = [{:?}]\n\
             [[sources]]\nid = \"uni\"\ninstitution = \"Uni Demo\"\ncountry = \"DE\"\n\
             protocol = \"file\"\nurl = \"missing.json\"\nformat = \"clearinghouse-json\"\n\
             notify = \"{hook}\"\nnotify_secret = \"{SECRET}\"\n",
            dir.path().join("data").display().to_string(),
            dir.path().display().to_string(),
        ),
    )
    .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_clearinghouse-under-test"))
        .args(["harvest", "--config"])
        .arg(&config)
        .status()
        .expect("harvest runs");
    assert!(!status.success(), "the harvest failed");
    // Refused once, then delivered: both before the command exited.
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1].header("x-clearinghouse-event"), Some("failed"));
}
