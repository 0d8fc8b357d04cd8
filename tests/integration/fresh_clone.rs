//! The first hour on a fresh machine: a clone of the repository, the built binary run
//! from another working directory with `--data-dir`. It serves the bundled demo (set up
//! with its decisions), writes nothing outside its data directory, and refuses the
//! common mistakes in plain words without touching the data directory: a second server
//! on the same data, a busy port, a configuration file that is not there.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

const BINARY: &str = env!("CARGO_BIN_EXE_clearinghouse-under-test");

/// Every file under `root` (but `skip`) with its length and modification time.
fn snapshot(root: &Path, skip: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        if dir == skip {
            continue;
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                pending.push(entry.path());
            } else {
                files.insert(entry.path(), (meta.len(), meta.modified().unwrap()));
            }
        }
    }
    files
}

/// Starts `serve` and returns it with the address it says it listens on.
fn serve(args: &[&str], cwd: &Path) -> (Child, String) {
    let mut child = Command::new(BINARY)
        .args(args)
        .current_dir(cwd)
        .env_remove("CLEARINGHOUSE_DATA_DIR")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let line = lines
        .next()
        .expect("serve prints where it listens")
        .unwrap();
    let addr = line
        .strip_prefix("clearinghouse listening on http://")
        .unwrap_or_else(|| panic!("first line: {line}"))
        .to_owned();
    // Keep reading what it prints, so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

/// The output of a command that must fail: its exit code and what it printed on stderr.
fn refused(args: &[&str], cwd: &Path) -> String {
    let output = Command::new(BINARY)
        .args(args)
        .current_dir(cwd)
        .env_remove("CLEARINGHOUSE_DATA_DIR")
        .output()
        .unwrap();
    assert!(!output.status.success(), "{args:?} was not refused");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn get(addr: &str, path: &str, accept: &str) -> (u16, String, String) {
    let response = reqwest::blocking::Client::new()
        .get(format!("http://{addr}{path}"))
        .header("Accept", accept)
        .send()
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().unwrap())
}

#[test]
fn a_fresh_clone_serves_the_demo_from_anywhere_and_writes_only_its_data_directory() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let temp = tempfile::tempdir().unwrap();
    let clone = temp.path().join("clone");
    let status = Command::new("git")
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(&repository)
        .arg(&clone)
        .status()
        .expect("git is needed to clone the repository");
    assert!(
        status.success(),
        "git clone of {} failed",
        repository.display()
    );
    let elsewhere = temp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let data = temp.path().join("data");
    let data_arg = data.to_str().unwrap();
    let before = snapshot(temp.path(), &data);

    let (mut server, addr) = serve(
        &["--data-dir", data_arg, "serve", "--listen", "127.0.0.1:0"],
        &elsewhere,
    );
    // The demo sets itself up: harvests, then its decisions.
    let started = Instant::now();
    let decisions = loop {
        let (_, _, body) = get(&addr, "/api/v1/recognitions", "application/json");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        let total = body["total"].as_u64().unwrap();
        if total > 0 {
            break total;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the demo never recorded its decisions"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(decisions >= 1);
    let (status, _, body) = get(&addr, "/api/v1/search?q=data", "application/json");
    assert_eq!(status, 200);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(body["total"].as_u64().unwrap() > 0, "{body}");
    let (status, content_type, page) = get(&addr, "/", "text/html");
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(page.contains("/favicon.ico"), "the pages name their icon");
    let (status, content_type, _) = get(&addr, "/favicon.ico", "image/*");
    assert_eq!((status, content_type.as_str()), (200, "image/x-icon"));
    // An unknown path: a page for a browser, JSON for a program.
    let (status, content_type, page) = get(&addr, "/nope", "text/html,application/xhtml+xml");
    assert_eq!(status, 404);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(page.contains("no page at /nope"), "{page}");
    let (status, content_type, body) = get(&addr, "/nope", "application/json");
    assert_eq!(status, 404);
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert!(body.contains("\"not_found\""), "{body}");

    // A second server on the same data is refused, naming the first, and changes nothing.
    let top_level = |dir: &Path| -> Vec<PathBuf> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        entries
    };
    let held = top_level(&data);
    let pid_file = data.join("clearinghouse.pid");
    assert_eq!(
        std::fs::read_to_string(&pid_file).unwrap(),
        server.id().to_string()
    );
    let message = refused(
        &["--data-dir", data_arg, "serve", "--listen", "127.0.0.1:0"],
        &elsewhere,
    );
    assert!(
        message.contains("is in use by another clearinghouse")
            && message.contains(&format!("process {}", server.id()))
            && message.contains("--data-dir"),
        "{message}"
    );
    assert_eq!(top_level(&data), held);
    assert_eq!(
        std::fs::read_to_string(&pid_file).unwrap(),
        server.id().to_string()
    );
    let other_data = temp.path().join("other-data");
    // A busy port is said so, and what to do.
    let message = refused(
        &[
            "--data-dir",
            other_data.to_str().unwrap(),
            "serve",
            "--listen",
            &addr,
        ],
        &elsewhere,
    );
    assert!(
        message.contains("already listening") && message.contains("--listen"),
        "{message}"
    );
    // A configuration file that is not there.
    let message = refused(&["serve", "--config", "no-such-file.toml"], &elsewhere);
    assert!(
        message.contains("cannot read the configuration file no-such-file.toml")
            && message.contains("there is no such file"),
        "{message}"
    );

    // Stopped the usual way, it ends cleanly.
    let stopped = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let exit = server.wait().unwrap();
    assert!(exit.success(), "{exit}");
    assert!(
        !pid_file.exists(),
        "a stopped server leaves no process id behind"
    );
    assert!(
        data.join("store").is_dir(),
        "the store is in the data directory"
    );
    assert!(data.join("demo-feeds").is_dir(), "so are the demo's feeds");
    // Outside the data directory, nothing was written: not in the clone, not where it ran,
    // not beside them. The refused starts made no other data directory either.
    assert_eq!(snapshot(temp.path(), &data), before);
    assert!(
        !other_data.exists(),
        "a refused start made {}",
        other_data.display()
    );
    assert!(clone.join("Cargo.toml").is_file());
}
