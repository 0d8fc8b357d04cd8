//! Feed → harvester → indexer (sled + tantivy) → search API, on real servers.

use model::RunOutcome;
use tests::{FeedRecord, FeedServer, TestApp, oai_source};

fn catalogue() -> Vec<FeedRecord> {
    let topics = [
        ("Quantum computing", "qubits and quantum gates"),
        ("Marine biology", "coral reefs and ocean ecosystems"),
        ("Urban planning", "sustainable cities and mobility"),
        ("Data journalism", "telling stories with data"),
        ("Volcanology", "eruptions and magma chambers"),
    ];
    (0..25)
        .map(|i| {
            let (title, description) = topics[i % topics.len()];
            FeedRecord::dc(
                &format!("oai:feed.example:{i}"),
                &format!("{title} {i}"),
                &format!("An introduction to {description}."),
            )
        })
        .collect()
}

#[actix_web::test]
async fn harvest_then_search_fetch_delete_and_reharvest() {
    let mut records = catalogue();
    records[3].deleted = true;
    // Well-formed, but no title: the record fails alone, the page goes in.
    records[7].metadata = r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier>oai:feed.example:7</dc:identifier></oai_dc:dc>"#.to_owned();
    let feed = FeedServer::start(records, 10);
    let app = TestApp::spawn(&oai_source("feed-u", &feed.oai_url())).await;

    let run = app.harvest("feed-u").await;
    assert_eq!(
        run.outcome,
        RunOutcome::Partial,
        "a failed record makes the run partial: {run:?}"
    );
    assert_eq!(run.pages, 3);
    assert_eq!(run.counts.seen, 25);
    assert_eq!(run.counts.added, 23);
    assert_eq!(run.counts.failed, 1);
    assert_eq!(
        run.errors[0].upstream_id.as_deref(),
        Some("oai:feed.example:7")
    );

    let (status, body) = app.get("/api/v1/search?q=quantum&per_page=50").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 5);
    let hit = &body["hits"][0];
    assert!(
        hit["title"]
            .as_str()
            .unwrap()
            .starts_with("Quantum computing")
    );
    assert_eq!(hit["country"], "NL");
    assert_eq!(hit["institution"], "Feed University");
    assert!(hit["snippet"].as_str().unwrap().contains("<b>"), "{hit}");

    let id = hit["id"].as_str().unwrap().to_owned();
    let (status, record) = app.get(&format!("/api/v1/credentials/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(record["provenance"]["source_id"], "feed-u");
    assert!(
        record["provenance"]["upstream_id"]
            .as_str()
            .unwrap()
            .starts_with("oai:feed.example:")
    );
    assert_eq!(record["provenance"]["datestamp"], "2026-10-01");
    assert_eq!(
        record["provenance"]["payload_hash"].as_str().unwrap().len(),
        64
    );
    assert!(
        record["provenance"]["run_id"]
            .as_str()
            .unwrap()
            .starts_with("feed-u@")
    );

    // Record 3 was deleted upstream before we ever saw it: not in search, not stored.
    let (_, body) = app
        .get("/api/v1/search?q=%22data%20journalism%203%22")
        .await;
    assert_eq!(body["total"], 0);

    // Upstream deletes record 8 and retitles record 0; a second harvest applies both
    // and duplicates nothing.
    feed.edit(|state| {
        state.records[8].deleted = true;
        state.records[0] = FeedRecord::dc(
            "oai:feed.example:0",
            "Quantum sensing 0",
            "Precision measurement with qubits.",
        );
    });
    let (_, before) = app.get("/api/v1/search?q=&per_page=1").await;
    let run = app.harvest("feed-u").await;
    assert_eq!(run.counts.updated, 1, "{run:?}");
    assert_eq!(run.counts.deleted, 1, "{run:?}");
    assert_eq!(run.counts.unchanged, 21, "{run:?}");
    let (_, after) = app.get("/api/v1/search?q=&per_page=1").await;
    assert_eq!(after["total"], before["total"].as_u64().unwrap() - 1);
    let (_, body) = app.get("/api/v1/search?q=sensing").await;
    assert_eq!(body["total"], 1);
    let (_, body) = app
        .get("/api/v1/search?q=%22Quantum%20computing%200%22")
        .await;
    assert_eq!(body["total"], 0, "the old title is gone from search");

    let deleted_id = {
        let source = model::SourceId::parse("feed-u").unwrap();
        model::RecordId::new(&source, "oai:feed.example:8")
    };
    let (status, tombstone) = app.get(&format!("/api/v1/credentials/{deleted_id}")).await;
    assert_eq!(status, 200, "a deleted record is kept as a tombstone");
    assert_eq!(tombstone["deleted"], true);
    assert_eq!(tombstone["history"].as_array().unwrap().len(), 1);

    let (status, sources) = app.get("/api/v1/sources").await;
    assert_eq!(status, 200);
    let source = &sources["sources"][0];
    assert_eq!(source["id"], "feed-u");
    assert_eq!(source["last_run"]["counts"]["deleted"], 1);
    let (_, runs) = app.get("/api/v1/sources/feed-u/runs").await;
    assert_eq!(runs["runs"].as_array().unwrap().len(), 2);

    let (_, health) = app.get("/health").await;
    assert_eq!(health["store"]["live"], 22);
    assert_eq!(health["index_docs"], 22);
    assert_eq!(health["store_seq"], health["index_seq"]);
    app.stop().await;
    feed.stop().await;
}

#[actix_web::test]
async fn bad_requests_get_clear_errors() {
    let app = TestApp::spawn("").await;
    for (path, parameter) in [
        ("/api/v1/search?per_page=101", "per_page"),
        ("/api/v1/search?page=0", "page"),
        ("/api/v1/search?page=abc", "page"),
        ("/api/v1/search?page=1000&per_page=100", "page"),
        ("/api/v1/search?colour=red", "colour"),
    ] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["code"], "bad_parameter");
        assert_eq!(body["parameter"], parameter, "{path}");
        assert!(
            body["message"].as_str().unwrap().contains(parameter),
            "{path}: {body}"
        );
    }
    for path in [
        "/api/v1/credentials/nope",
        "/api/v1/credentials/feed-u.00000000000000000000",
        "/api/v1/sources/nope/runs",
        "/nowhere",
    ] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(body["code"], "not_found");
    }
    // Dates before the epoch and sorts over records without values are answered, not 500s
    // (found by schemathesis).
    for path in [
        "/api/v1/search?starts_after=0340-05-12&sort=ects%3Adesc",
        "/api/v1/search?updated_since=0001-01-01&sort=updated",
        "/api/v1/search?starts_after=9999-12-31",
    ] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
    // Queries the parser cannot read are searched as plain words, never a 500.
    for query in ["title:(", "\"unbalanced", "a AND OR", "*", "((("] {
        let (status, body) = app
            .get(&format!("/api/v1/search?q={}", urlencode(query)))
            .await;
        assert_eq!(status, 200, "{query}: {body}");
    }
    app.stop().await;
}

#[actix_web::test]
async fn an_unreachable_source_fails_alone() {
    let feed = FeedServer::start(catalogue(), 10);
    // A port that was just free: nothing listens there.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let sources = format!(
        "{}{}",
        oai_source("alive", &feed.oai_url()),
        oai_source("dead", &format!("http://{dead}/oai"))
    );
    let app = TestApp::spawn(&sources).await;
    let dead_run = app.harvest("dead").await;
    assert_eq!(dead_run.outcome, RunOutcome::Failed);
    assert!(dead_run.message.is_some());
    let alive_run = app.harvest("alive").await;
    assert_eq!(alive_run.outcome, RunOutcome::Succeeded, "{alive_run:?}");
    assert_eq!(alive_run.counts.added, 25);
    let (_, sources) = app.get("/api/v1/sources").await;
    let outcomes: Vec<_> = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["last_run"]["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(outcomes.contains(&("dead".to_owned(), "failed".to_owned())));
    assert!(outcomes.contains(&("alive".to_owned(), "succeeded".to_owned())));
    app.stop().await;
    feed.stop().await;
}

#[actix_web::test]
async fn the_embedded_demo_configuration_harvests_cleanly() {
    let demo_dir = tempfile::tempdir().unwrap();
    let config = config::Config::embedded_default(demo_dir.path()).unwrap();
    config::demo::write_feeds(demo_dir.path()).unwrap();
    let mut sources = String::new();
    let files: Vec<&config::Source> = config
        .sources
        .iter()
        .filter(|source| matches!(source.fetch, config::Fetch::File { .. }))
        .collect();
    for source in &files {
        let config::Fetch::File { path } = &source.fetch else {
            unreachable!("filtered to files");
        };
        sources.push_str(&format!(
            "[[sources]]\nid = \"{}\"\ninstitution = \"{}\"\ncountry = \"{}\"\nprotocol = \"file\"\nurl = {:?}\nformat = \"{}\"\n",
            source.id, source.institution, source.country, path.display().to_string(), source.format
        ));
    }
    assert!(files.len() >= 8, "the demo network has eight feeds");
    let app = TestApp::spawn(&sources).await;
    for source in &files {
        let run = app.harvest(source.id.as_str()).await;
        if source.id.as_str() == "demo-bologna" {
            // Its broken records, on purpose: the rest goes in.
            assert_eq!(run.outcome, RunOutcome::Partial, "{run:?}");
            assert_eq!(run.counts.failed, 2, "{run:?}");
            assert!(run.counts.added >= 30, "{run:?}");
        } else {
            assert_eq!(run.outcome, RunOutcome::Succeeded, "{}: {run:?}", source.id);
            assert!(run.counts.added >= 30, "{}: {run:?}", source.id);
        }
    }
    let (_, body) = app.get("/api/v1/search?q=data").await;
    assert!(body["total"].as_u64().unwrap() >= 2, "{body}");
    // Accents fold: "energetique" finds "énergétique".
    let (_, body) = app.get("/api/v1/search?q=energetiques").await;
    assert!(body["total"].as_u64().unwrap() >= 1, "{body}");
    app.stop().await;
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A learner filtering by EQF level, form of participation or start date is told how many
/// offers do not state it, and can have them in: the online Polish course without an EQF
/// level does not vanish silently.
#[actix_web::test]
async fn a_filter_says_how_many_offers_do_not_state_its_element_and_can_let_them_in() {
    let feeds = tempfile::tempdir().unwrap();
    let records = serde_json::json!([
        { "id": "ds-6", "title": { "en": "Data science" }, "eqf_level": 6,
          "credits": { "value": 5, "scheme": "ects" }, "participation": ["online"],
          "offers": [{ "start": "2027-03-01" }] },
        { "id": "ds-pl", "title": { "pl": "Nauka o danych", "en": "Data science online" },
          "participation": ["online"], "languages": ["pl"] },
        { "id": "ds-7", "title": { "en": "Data science advanced" }, "eqf_level": 7,
          "participation": ["on-site"], "offers": [{ "start": "2026-01-10" }] }
    ]);
    let sources = tests::file_source(feeds.path(), "uni-a", "University A", "PL", &records);
    let app = TestApp::spawn(&sources).await;
    app.harvest("uni-a").await;
    let titles = |answer: &serde_json::Value| {
        let mut ids: Vec<String> = answer["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["title"].as_str().unwrap_or_default().to_owned())
            .collect();
        ids.sort();
        ids
    };

    let (status, answer) = app.get("/api/v1/search?q=data+science&eqf_min=6").await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        titles(&answer),
        ["Data science", "Data science advanced"],
        "{answer}"
    );
    assert_eq!(
        answer["unstated"],
        serde_json::json!([{ "element": "eqf_level", "count": 1, "included": false }])
    );
    let (_, answer) = app
        .get("/api/v1/search?q=data+science&eqf_min=6&include_unstated=eqf_level")
        .await;
    assert_eq!(
        titles(&answer),
        [
            "Data science",
            "Data science advanced",
            "Data science online"
        ],
        "{answer}"
    );
    assert_eq!(answer["total"], 3);
    assert_eq!(answer["unstated"][0]["included"], true);

    // A facet and the start date, together: each counted among the records passing the
    // other (ds-pl states no start date; none of the online ones lacks participation).
    let (_, answer) = app
        .get("/api/v1/search?q=data+science&participation=online&starts_after=2026-06-01")
        .await;
    assert_eq!(titles(&answer), ["Data science"], "{answer}");
    assert_eq!(
        answer["unstated"],
        serde_json::json!([
            { "element": "participation", "count": 0, "included": false },
            { "element": "start_date", "count": 1, "included": false }
        ])
    );
    // No filter, nothing to say; an unknown element is a 400 naming the parameter.
    let (_, answer) = app.get("/api/v1/search?q=data+science").await;
    assert_eq!(answer["unstated"], serde_json::json!([]));
    let (status, answer) = app
        .get("/api/v1/search?q=data&include_unstated=price")
        .await;
    assert_eq!(status, 400);
    assert_eq!(answer["parameter"], "include_unstated");
    app.stop().await;
}

/// A learner sees in each hit when the next offer starts, in which languages it is taught,
/// its form and its price, and can sort by the next start, soonest first.
#[actix_web::test]
async fn hits_show_the_next_offer_and_sort_by_its_start() {
    let feeds = tempfile::tempdir().unwrap();
    let records = serde_json::json!([
        { "id": "later", "title": { "en": "Data science later" }, "languages": ["en"],
          "offers": [{ "start": "2099-09-01", "cost": "EUR 450" }] },
        { "id": "sooner", "title": { "en": "Data science sooner" },
          "offers": [
            { "start": "2020-01-06", "languages": ["de"] },
            { "start": "2099-02-01", "end": "2099-03-15", "application_deadline": "2099-01-15",
              "languages": ["pl", "en"], "participation": "online", "cost": "free" }
          ] },
        { "id": "undated", "title": { "en": "Data science whenever" } }
    ]);
    let sources = tests::file_source(feeds.path(), "uni-a", "University A", "PL", &records);
    let app = TestApp::spawn(&sources).await;
    app.harvest("uni-a").await;

    let (status, answer) = app.get("/api/v1/search?q=data+science&sort=start").await;
    assert_eq!(status, 200, "{answer}");
    let hits = answer["hits"].as_array().unwrap();
    let titles: Vec<&str> = hits
        .iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Data science sooner",
            "Data science later",
            "Data science whenever"
        ]
    );
    assert_eq!(
        hits[0]["next_offer"],
        serde_json::json!({ "start": "2099-02-01", "end": "2099-03-15",
            "application_deadline": "2099-01-15", "participation": "online", "cost": "free" })
    );
    assert_eq!(hits[0]["languages"], serde_json::json!(["de", "pl", "en"]));
    assert_eq!(hits[1]["next_offer"]["cost"], "EUR 450");
    assert_eq!(hits[2]["next_offer"], serde_json::Value::Null);
    let (_, answer) = app
        .get("/api/v1/search?q=data+science&sort=start:desc")
        .await;
    assert_eq!(answer["hits"][0]["title"], "Data science later");

    // Free of charge, at most seven weeks (the sooner offer lasts 43 days), still open:
    // the sooner one. Each element's count is among the records passing the other
    // filters, so together nothing more is said...
    let (status, answer) = app
        .get("/api/v1/search?q=data+science&cost_max=0&duration_max_weeks=7&open_now=true")
        .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["total"], 1, "{answer}");
    assert_eq!(answer["hits"][0]["title"], "Data science sooner");
    let counts = |answer: &serde_json::Value| -> Vec<(String, u64)> {
        answer["unstated"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                (
                    u["element"].as_str().unwrap().to_owned(),
                    u["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        counts(&answer),
        [
            ("cost".to_owned(), 0),
            ("duration".to_owned(), 0),
            ("application_deadline".to_owned(), 0)
        ]
    );
    // ...and one at a time: the later one states EUR 450 but neither a duration nor a
    // last day to apply; the undated one states none of them.
    for (filter, element, count) in [
        ("cost_max=0", "cost", 1),
        ("duration_max_weeks=7", "duration", 2),
        ("open_now=true", "application_deadline", 2),
    ] {
        let (_, answer) = app
            .get(&format!("/api/v1/search?q=data+science&{filter}"))
            .await;
        assert_eq!(answer["total"], 1, "{filter}: {answer}");
        assert_eq!(counts(&answer), [(element.to_owned(), count)], "{filter}");
    }
    let (_, answer) = app.get("/api/v1/search?q=data+science&cost_max=500").await;
    assert_eq!(answer["total"], 2, "{answer}");
    app.stop().await;
}

/// The search page says how many offers a filter leaves out for not stating its element,
/// in the page's language, with a link that shows them too (and one that leaves them out
/// again); hits say when the next offer starts, where to apply by, its price and
/// languages.
#[actix_web::test]
async fn the_search_page_says_what_a_filter_leaves_out_and_shows_the_next_offer() {
    let feeds = tempfile::tempdir().unwrap();
    let records = serde_json::json!([
        { "id": "ds-6", "title": { "en": "Data science" }, "eqf_level": 6,
          "offers": [{ "start": "2099-03-01", "application_deadline": "2099-02-01",
                       "cost": "EUR 120", "languages": ["pl"] }] },
        { "id": "ds-pl", "title": { "en": "Data science online" }, "languages": ["pl"] }
    ]);
    let sources = tests::file_source(feeds.path(), "uni-a", "University A", "PL", &records);
    let app = TestApp::spawn(&sources).await;
    app.harvest("uni-a").await;

    let page = app.text("/?q=data+science&eqf_min=6").await;
    assert!(page.contains("Not stated by 1 offer: EQF level."), "{page}");
    assert!(!page.contains("Data science online"), "left out");
    let show = "/?q=data+science&#38;eqf_min=6&#38;include_unstated=eqf_level";
    assert!(page.contains(show), "{page}");
    assert!(page.contains("1 March 2099"), "the next start: {page}");
    assert!(page.contains("1 February 2099"), "apply by: {page}");
    assert!(
        page.contains("EUR 120") && page.contains("Polish"),
        "{page}"
    );

    let page = app.text(&show.replace("&#38;", "&")).await;
    assert!(page.contains("Data science online"), "let in: {page}");
    assert!(
        page.contains("Shown too: 1 offer not stating EQF level.")
            && page.contains("Leave them out"),
        "{page}"
    );
    let page = app.text("/?q=data+science&eqf_min=6&lang=de").await;
    assert!(
        page.contains("Nicht angegeben bei 1 Angebot: EQR-Niveau."),
        "{page}"
    );
    app.stop().await;
}
