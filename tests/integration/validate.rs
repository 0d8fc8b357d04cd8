//! `clearinghouse validate` for publishers (issue 26): error / warning / fine per record
//! and per feed, missing mandatory elements as warnings (errors with `--strict`), the
//! documented exit codes, a hint when the file is obviously another format, aligned
//! totals, `--json` with fields added only, and a live endpoint checked under the same
//! address restrictions as harvests.

use std::process::Command;

use serde_json::{Value, json};

fn validate(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clearinghouse-under-test"))
        .arg("validate")
        .args(args)
        .output()
        .expect("validate runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Every record states a title and nothing else: only warnings.
fn sparse_feed() -> String {
    json!([
        { "id": "a", "title": { "en": "Data literacy" } },
        { "id": "b", "title": { "en": "Robotics" } }
    ])
    .to_string()
}

#[test]
fn warnings_pass_unless_strict_errors_fail_and_the_check_that_cannot_run_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let sparse = write(dir.path(), "sparse.json", &sparse_feed());
    let (code, text, _) = validate(&["--format", "clearinghouse-json", &sparse]);
    assert_eq!(code, 0, "warnings only: {text}");
    assert!(text.contains("[warning] a — Data literacy"), "{text}");
    assert!(
        text.contains("Result: 0 with errors, 2 with warnings, 0 fine records: warnings only"),
        "{text}"
    );
    let (code, text, _) = validate(&["--strict", "--format", "clearinghouse-json", &sparse]);
    assert_eq!(code, 1, "--strict: warnings fail: {text}");
    assert!(text.contains("which fail with --strict"), "{text}");

    // A record that cannot be read at all is an error.
    let broken = write(
        dir.path(),
        "broken.json",
        "[{\"title\": {\"en\": \"No identifier\"}}, {\"id\": \"ok\", \"title\": {\"en\": \"Fine\"}}]",
    );
    let (code, text, _) = validate(&["--format", "clearinghouse-json", &broken]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("[error]"), "{text}");

    // The totals are one aligned table, however long an element's name.
    let table: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.trim_start().starts_with("element"))
        .take_while(|line| !line.trim().is_empty())
        .collect();
    assert!(table.len() > 9, "{text}");
    let width = table[0].chars().count();
    for line in &table {
        assert_eq!(line.chars().count(), width, "aligned: {line:?}\n{text}");
    }
    assert!(text.contains("Integration and stackability (optional)"));

    // Bad arguments, a file that is not there: the check could not run.
    let (code, _, err) = validate(&["--format", "clearinghouse-json", "/no/such/feed.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read /no/such/feed.json"), "{err}");
    let (code, _, err) = validate(&["--format", "pdf", &sparse]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format"), "{err}");
}

#[test]
fn a_file_of_another_format_is_named_and_json_keeps_its_shape() {
    let dir = tempfile::tempdir().unwrap();
    let json_feed = write(dir.path(), "feed.json", &sparse_feed());
    let (code, text, _) = validate(&["--format", "oai_dc", &json_feed]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("did you mean --format clearinghouse-json"),
        "{text}"
    );
    let xml = write(
        dir.path(),
        "feed.xml",
        "<?xml version=\"1.0\"?><oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Course</dc:title></oai_dc:dc>",
    );
    let (_, text, _) = validate(&["--format", "clearinghouse-json", &xml]);
    assert!(text.contains("did you mean --format oai_dc"), "{text}");
    let other_xml = write(
        dir.path(),
        "other.xml",
        "<catalogue><course>Course</course></catalogue>",
    );
    let (_, text, _) = validate(&["--format", "open-badges", &other_xml]);
    assert!(text.contains("this looks like XML, not JSON"), "{text}");

    let (_, out, _) = validate(&["--json", "--format", "clearinghouse-json", &json_feed]);
    let report: Value = serde_json::from_str(&out).unwrap();
    for field in ["format", "document_error", "records", "summary"] {
        assert!(report.get(field).is_some(), "{field} kept: {report}");
    }
    assert_eq!(report["verdict"], "warning");
    assert_eq!(report["records"][0]["verdict"], "warning");
    let (_, out, _) = validate(&["--json", "--format", "oai_dc", &json_feed]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["verdict"], "error");
    assert!(
        report["hint"]
            .as_str()
            .is_some_and(|hint| hint.contains("clearinghouse-json")),
        "{report}"
    );
}

#[test]
fn a_live_endpoint_is_checked_as_a_harvest_fetches_it() {
    let url = tests::serve_json(sparse_feed());
    // The embedded configuration refuses private addresses, loopback included.
    let (code, _, err) = validate(&["--format", "clearinghouse-json", "--url", &url]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("private network"), "{err}");
    // A configuration that allows them: the endpoint's records, reported.
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "clearinghouse.toml",
        &format!(
            "data_dir = {:?}\n[harvest]\nallow_private_addresses = true\n",
            dir.path().join("data").display().to_string()
        ),
    );
    let (code, text, err) = validate(&[
        "--format",
        "clearinghouse-json",
        "--url",
        &url,
        "--config",
        &config,
    ]);
    assert_eq!(code, 0, "{text}{err}");
    assert!(text.contains("[warning] b — Robotics"), "{text}");
    assert!(
        !dir.path().join("data").join("store").exists(),
        "nothing stored"
    );
}
