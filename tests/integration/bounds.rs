//! Bounded memory and bounded work (issue 23): hostile feeds are harvested by the real
//! binary under a limit on its address space, and fail alone, naming the limit they went
//! over, while the server keeps serving; a record with 9,000 learning outcomes is kept
//! with its outcomes cut and the cut reported, and compared within a bound; a comparison
//! over the time budget is answered `503 over_time_budget`.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tests::{TestApp, file_source, test_file_roots_toml};

/// The address space the server may use while it harvests the hostile feeds. Its
/// threads, stacks and allocator arenas reserve about 1 GiB at rest; before issue 23 the
/// 16 MiB document of zeros alone took 8.4 GB.
const ADDRESS_SPACE_BYTES: u64 = 3 * 1024 * 1024 * 1024;
/// The size of each hostile document: a quarter of the default response limit.
const HOSTILE_BYTES: usize = 16 * 1024 * 1024;

/// A `[[sources]]` table of a file source of `format` reading `path`.
fn file_source_of(id: &str, format: &str, path: &Path) -> String {
    format!(
        "[[sources]]\nid = \"{id}\"\ninstitution = \"Hostile {id}\"\ncountry = \"NL\"\nprotocol = \"file\"\nurl = {:?}\nformat = \"{format}\"\n",
        path.display().to_string()
    )
}

/// The degenerate documents of the issue, each as (source id, format, bytes, the limit
/// it must be refused by).
fn hostile_documents() -> Vec<(&'static str, &'static str, Vec<u8>, &'static str)> {
    let zeros = {
        let mut bytes = Vec::with_capacity(HOSTILE_BYTES);
        bytes.push(b'[');
        while bytes.len() < HOSTILE_BYTES - 2 {
            bytes.extend_from_slice(b"0,");
        }
        bytes.extend_from_slice(b"0]");
        bytes
    };
    let depth = HOSTILE_BYTES / 2;
    let deep_json = format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes();
    let giant_string = format!(
        r#"[{{"id":"giant","title":{{"en":"{}"}}}}]"#,
        "x".repeat(HOSTILE_BYTES)
    )
    .into_bytes();
    let elements = HOSTILE_BYTES / 4;
    let wide_xml = format!("<courses>{}</courses>", "<a/>".repeat(elements)).into_bytes();
    let depth = HOSTILE_BYTES / 7;
    let deep_xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)).into_bytes();
    let giant_text = format!(
        "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title></oai_dc:dc>",
        "x".repeat(HOSTILE_BYTES)
    )
    .into_bytes();
    vec![
        (
            "zeros",
            "clearinghouse-json",
            zeros,
            "harvest.max_list_items",
        ),
        ("deep-json", "elm", deep_json, "harvest.max_nesting_depth"),
        (
            "giant-string",
            "clearinghouse-json",
            giant_string,
            "harvest.max_text_bytes",
        ),
        ("wide-xml", "xcri-cap", wide_xml, "harvest.max_list_items"),
        ("deep-xml", "elmo", deep_xml, "harvest.max_nesting_depth"),
        ("giant-text", "oai_dc", giant_text, "harvest.max_text_bytes"),
    ]
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Stops the child when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, Value) {
    let response = client.get(url).send().await.expect("the server answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The hostile feeds of issue 23, harvested at start-up by the real binary whose address
/// space is limited (`prlimit --as`, an `RLIMIT_AS` of the child only): each fails alone
/// with an error naming its limit, the good source beside them is harvested and
/// searchable, and the server still answers.
#[tokio::test]
async fn hostile_feeds_fail_alone_under_a_memory_limit_and_the_server_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let good = json!([
        {"id": "good-1", "title": {"en": "Marine Ecology"}, "description": {"en": "Coastal ecosystems and their field study."}},
        {"id": "good-2", "title": {"en": "Applied Statistics"}}
    ]);
    let mut sources = file_source(dir.path(), "good", "Good University", "DE", &good);
    let hostile = hostile_documents();
    for (id, format, bytes, _) in &hostile {
        let path = dir.path().join(format!("{id}.feed"));
        std::fs::write(&path, bytes).unwrap();
        sources.push_str(&file_source_of(id, format, &path));
    }
    let port = free_port();
    let config_path = dir.path().join("clearinghouse.toml");
    std::fs::write(
        &config_path,
        format!(
            "data_dir = {:?}\n[server]\nlisten = \"127.0.0.1:{port}\"\nworkers = 1\nrate_limit_per_minute = 0\n[harvest]\nharvest_on_start = true\nmax_concurrent_harvests = 7\nfile_roots = {}\n[index]\nwriter_heap_bytes = 20000000\n{sources}",
            dir.path().join("data").display().to_string(),
            test_file_roots_toml()
        ),
    )
    .unwrap();
    let log_path = dir.path().join("serve.log");
    let child = Command::new("prlimit")
        .arg(format!("--as={ADDRESS_SPACE_BYTES}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_clearinghouse-under-test"))
        .arg("serve")
        .arg("--config")
        .arg(&config_path)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .expect("prlimit (util-linux) runs the server with a limited address space");
    let mut server = Server(child);
    let log = || std::fs::read_to_string(&log_path).unwrap_or_default();
    let client = reqwest::Client::new();
    let base_url = format!("http://127.0.0.1:{port}");

    // Every source's first run, once it has finished.
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut runs: Vec<(String, Value)> = Vec::new();
    let ids: Vec<&str> = std::iter::once("good")
        .chain(hostile.iter().map(|(id, ..)| *id))
        .collect();
    while runs.len() < ids.len() {
        if let Some(status) = server.0.try_wait().unwrap() {
            panic!("the server died ({status}) while harvesting: {}", log());
        }
        assert!(
            Instant::now() < deadline,
            "harvests did not finish: {runs:?}\n{}",
            log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
        runs.clear();
        for id in &ids {
            let Ok(response) = client
                .get(format!("{base_url}/api/v1/sources/{id}/runs"))
                .send()
                .await
            else {
                break;
            };
            let body: Value = response.json().await.unwrap_or(Value::Null);
            if let Some(run) = body["runs"]
                .as_array()
                .and_then(|runs| runs.first())
                .filter(|run| !run["finished_at"].is_null())
            {
                runs.push((id.to_string(), run.clone()));
            }
        }
    }
    let run_of = |id: &str| &runs.iter().find(|(run_id, _)| run_id == id).unwrap().1;
    assert_eq!(run_of("good")["outcome"], "succeeded", "{}", run_of("good"));
    assert_eq!(run_of("good")["counts"]["added"], 2);
    for (id, _, _, limit) in &hostile {
        let run = run_of(id);
        assert_eq!(run["outcome"], "failed", "{id}: {run}");
        let message = run["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(&format!("over the reading limit {limit}")),
            "{id}: {message}"
        );
    }

    // Still serving: health, and search finds the good source's records.
    assert!(server.0.try_wait().unwrap().is_none(), "{}", log());
    let (status, _) = get(&client, &format!("{base_url}/health")).await;
    assert_eq!(status, 200);
    let (status, found) = get(&client, &format!("{base_url}/api/v1/search?q=marine")).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["total"], 1, "{found}");
}

/// `n` learning outcomes, each distinct.
fn outcomes(n: usize, topic: &str) -> Vec<Value> {
    (0..n)
        .map(
            |i| json!({"text": {"en": format!("Apply {topic} method number {i} to a case study")}}),
        )
        .collect()
}

/// Two records with 9,000 learning outcomes each: harvested with their outcomes cut to
/// `harvest.max_items_per_record` and the cut in the record's issues (which the
/// conformance report of `clearinghouse validate` lists as notes); compared within a bound, on the first outcomes of each, the finding saying so;
/// and with a budget too small for the work, answered `503 over_time_budget`.
#[tokio::test]
async fn a_record_with_9000_outcomes_is_cut_and_compared_within_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    let record = |id: &str, topic: &str| {
        json!({
            "id": id,
            "title": {"en": format!("Methods of {topic}")},
            "eqf_level": 6,
            "credits": {"value": 5, "scheme": "ects"},
            "learning_outcomes": outcomes(9000, topic),
        })
    };
    let feed = json!([
        record("many-a", "statistics"),
        record("many-b", "statistics")
    ]);
    let sources = file_source(dir.path(), "many", "Many University", "DE", &feed);
    let app = TestApp::spawn(&sources).await;
    let run = app.harvest("many").await;
    assert_eq!(run.counts.added, 2, "{run:?}");

    let source = model::SourceId::parse("many").unwrap();
    let a = model::RecordId::new(&source, "many-a");
    let b = model::RecordId::new(&source, "many-b");
    let (status, stored) = app.get(&format!("/api/v1/credentials/{a}")).await;
    assert_eq!(status, 200);
    let kept = model::ParseLimits::DEFAULT_MAX_ITEMS_PER_RECORD;
    assert_eq!(
        stored["credential"]["learning_outcomes"]
            .as_array()
            .unwrap()
            .len(),
        kept
    );
    let cut = format!(
        "9000 learning outcomes published; only the first {kept} are kept \
         (harvest.max_items_per_record): publish fewer, or split the record"
    );
    assert!(
        stored["credential"]["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|issue| issue["message"] == cut.as_str()),
        "{}",
        stored["credential"]["issues"]
    );

    let started = Instant::now();
    let (status, compared) = app.get(&format!("/api/v1/compare?a={a}&b={b}")).await;
    let took = started.elapsed();
    assert_eq!(status, 200, "{compared}");
    assert!(
        took < Duration::from_secs(5),
        "the comparison took {took:?}"
    );
    let max = recognition::compare::MAX_COMPARED_OUTCOMES;
    assert_eq!(
        compared["comparison"]["outcome_alignment"]
            .as_array()
            .map(Vec::len),
        Some(max),
        "{}",
        compared["comparison"]
    );
    let outcomes_element = compared["comparison"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|element| element["element"] == "learning_outcomes")
        .unwrap()
        .clone();
    assert!(
        outcomes_element["reason"]
            .as_str()
            .unwrap()
            .ends_with(&format!(
                "only the first {max} outcomes of each side were compared ({kept} and {kept} stated)"
            )),
        "{outcomes_element}"
    );
    let data_dir = app.stop().await;

    // The same comparison with a budget of 1 ms: answered 503 with its code.
    let app = TestApp::spawn_with(
        data_dir,
        "rate_limit_per_minute = 0\nrecognition_budget_ms = 1\n",
        &sources,
    )
    .await;
    let (status, refused) = app.get(&format!("/api/v1/compare?a={a}&b={b}")).await;
    assert_eq!(status, 503, "{refused}");
    assert_eq!(refused["code"], "over_time_budget");
    assert_eq!(
        refused["message"],
        "the comparison took longer than the 1 ms this clearinghouse allows a request and \
         was not finished; try again later, or ask for fewer candidates"
    );
    let (status, refused) = app
        .get(&format!("/api/v1/credentials/{a}/equivalents"))
        .await;
    assert_eq!(status, 503, "{refused}");
    assert_eq!(refused["code"], "over_time_budget");
    let (status, _) = app.get("/health").await;
    assert_eq!(status, 200);
    app.stop().await;
}
