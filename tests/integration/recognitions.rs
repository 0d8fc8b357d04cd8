//! Recognition decisions: written with an institution's token, read by anyone, revised
//! and withdrawn as new revisions, flagged when a harvest changes what they relied on.

use serde_json::{Value, json};
use tests::TestApp;

pub(crate) const OFFICER_B: &str = "officer-b-secret-token";
pub(crate) const OFFICER_C: &str = "officer-c-secret-token";

pub(crate) fn feed(ects: u32) -> String {
    format!(
        r#"[{{"id":"a-ds","title":{{"en":"Data science basics"}},"credits":{{"value":{ects},"scheme":"ects"}},"eqf_level":6}},
           {{"id":"a-bio","title":{{"en":"Marine biology"}},"credits":{{"value":5,"scheme":"ects"}}}}]"#
    )
}

/// Universities A (`a-ds`, `a-bio`) and B (`b-ds`), officers of B and of C (no feed).
pub(crate) fn config(dir: &std::path::Path) -> String {
    let b_feed = r#"[{"id":"b-ds","title":{"en":"Introduction to data science"},"credits":{"value":6,"scheme":"ects"},"eqf_level":6}]"#;
    std::fs::write(dir.join("a.json"), feed(5)).unwrap();
    std::fs::write(dir.join("b.json"), b_feed).unwrap();
    let hash = server::auth::token_hash_hex;
    format!(
        r#"[[sources]]
id = "uni-a"
institution = "University A"
country = "DE"
protocol = "file"
url = "{a}"
format = "clearinghouse-json"
[[sources]]
id = "uni-b"
institution = "University B"
country = "FR"
protocol = "file"
url = "{b}"
format = "clearinghouse-json"
[[tokens]]
id = "officer-b"
sha256 = "{hb}"
institution = "uni-b"
person = "Beata Nowak"
[[tokens]]
id = "officer-c"
sha256 = "{hc}"
institution = "uni-c"
person = "Carlos Ruiz"
"#,
        a = dir.join("a.json").display(),
        b = dir.join("b.json").display(),
        hb = hash(OFFICER_B),
        hc = hash(OFFICER_C),
    )
}

async fn post(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    key: Option<&str>,
    body: &Value,
) -> (u16, Value) {
    let mut request = app
        .client
        .post(format!("{}{path}", app.base_url))
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The equivalents of credential `id` at University B.
async fn equivalents_at_b(app: &TestApp, id: &str) -> (u16, Value) {
    app.get(&format!(
        "/api/v1/credentials/{id}/equivalents?institution=uni-b"
    ))
    .await
}

pub(crate) fn id_of(source: &str, upstream: &str) -> String {
    model::RecordId::new(&model::SourceId::parse(source).unwrap(), upstream).to_string()
}

#[actix_web::test]
async fn decisions_need_the_right_token_and_keep_their_history() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let x = id_of("uni-a", "a-ds");
    let y = id_of("uni-b", "b-ds");
    let body = json!({
        "credential": x,
        "outcome": { "kind": "equivalent", "target": y },
        "rationale": "same outcomes, 5 vs 6 ECTS accepted",
        "decided_on": "2026-11-20",
        "conditions": "with the lab module"
    });

    let (status, error) = post(&app, "/api/v1/recognitions", None, None, &body).await;
    assert_eq!(status, 401, "{error}");
    let (status, _) = post(
        &app,
        "/api/v1/recognitions",
        Some("wrong-token"),
        None,
        &body,
    )
    .await;
    assert_eq!(status, 401);
    let mut for_b = body.clone();
    for_b["institution"] = json!("uni-b");
    let (status, error) = post(&app, "/api/v1/recognitions", Some(OFFICER_C), None, &for_b).await;
    assert_eq!(status, 403, "a token of C cannot write for B: {error}");
    let mut missing = body.clone();
    missing.as_object_mut().unwrap().remove("rationale");
    let (status, error) = post(
        &app,
        "/api/v1/recognitions",
        Some(OFFICER_B),
        None,
        &missing,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(error["parameter"], "rationale", "{error}");
    let mut unknown = body.clone();
    unknown["credential"] = json!(id_of("uni-a", "nope"));
    let (status, _) = post(
        &app,
        "/api/v1/recognitions",
        Some(OFFICER_B),
        None,
        &unknown,
    )
    .await;
    assert_eq!(status, 404);
    let (_, list) = app
        .get(&format!("/api/v1/recognitions?credential={x}"))
        .await;
    assert_eq!(list["total"], 0, "nothing was partially written");

    let (status, created) = post(
        &app,
        "/api/v1/recognitions",
        Some(OFFICER_B),
        Some("req-1"),
        &body,
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["institution"], "uni-b");
    assert_eq!(created["revision"], 1);
    assert_eq!(created["recorded_by"], "officer-b");
    let (status, retried) = post(
        &app,
        "/api/v1/recognitions",
        Some(OFFICER_B),
        Some("req-1"),
        &body,
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(
        retried["id"], created["id"],
        "a retried request is stored once"
    );

    let (status, list) = app
        .get(&format!("/api/v1/recognitions?credential={x}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 1);
    let (_, by_target) = app
        .get(&format!("/api/v1/recognitions?credential={y}"))
        .await;
    assert_eq!(by_target["total"], 1, "listed under the equivalent too");

    let decision_id = created["id"].as_str().unwrap().to_owned();
    let mut revision = body.clone();
    revision["rationale"] = json!("checked the syllabus again");
    let path = format!("/api/v1/recognitions/{decision_id}/revisions");
    let (status, _) = post(&app, &path, Some(OFFICER_C), None, &revision).await;
    assert_eq!(status, 403, "C cannot revise B's decision");
    let (status, revised) = post(&app, &path, Some(OFFICER_B), None, &revision).await;
    assert_eq!(status, 200, "{revised}");
    assert_eq!(revised["revision"], 2);

    // University A lowers the credits; the next harvest flags the decision.
    std::fs::write(feeds.path().join("a.json"), feed(3)).unwrap();
    app.harvest("uni-a").await;
    let (_, at_risk) = app.get("/api/v1/recognitions?at_risk=true").await;
    assert_eq!(at_risk["total"], 1, "{at_risk}");
    let changes = &at_risk["decisions"][0]["at_risk"]["changes"];
    assert_eq!(changes[0], "credits changed from 5 ECTS to 3 ECTS");

    let (status, full) = app
        .get(&format!("/api/v1/recognitions/{decision_id}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(full["revisions"].as_array().unwrap().len(), 3);
    let actions: Vec<&str> = full["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["created", "revised", "flagged_at_risk"]);

    let response = app
        .client
        .delete(format!(
            "{}/api/v1/recognitions/{decision_id}",
            app.base_url
        ))
        .bearer_auth(OFFICER_B)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let (_, list) = app
        .get(&format!("/api/v1/recognitions?credential={x}"))
        .await;
    assert_eq!(
        list["total"], 0,
        "a withdrawn decision leaves the default list"
    );
    let (_, list) = app
        .get(&format!(
            "/api/v1/recognitions?credential={x}&withdrawn=true"
        ))
        .await;
    assert_eq!(list["total"], 1, "but is kept");
    app.stop().await;
}

#[actix_web::test]
async fn equivalents_are_ranked_explained_and_abstain_when_nothing_fits() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let x = id_of("uni-a", "a-ds");
    let y = id_of("uni-b", "b-ds");

    let (status, found) = equivalents_at_b(&app, &x).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["no_equivalent_above_threshold"], false, "{found}");
    let hit = &found["hits"][0];
    assert_eq!(hit["credential"]["id"], y.as_str());
    let score = hit["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    let elements = hit["comparison"]["elements"].as_array().unwrap();
    assert_eq!(elements.len(), 5);
    let workload = elements
        .iter()
        .find(|e| e["element"] == "workload")
        .unwrap();
    assert_eq!(workload["reason"], "workload 5 ECTS vs 6 ECTS (-17%)");
    assert_eq!(workload["a"], "5 ECTS");
    assert_eq!(workload["b"], "6 ECTS");
    let level = elements.iter().find(|e| e["element"] == "level").unwrap();
    assert_eq!(level["verdict"], "match");

    // Marine biology has no counterpart at B: the lookup abstains instead of padding.
    let bio = id_of("uni-a", "a-bio");
    let (status, none) = equivalents_at_b(&app, &bio).await;
    assert_eq!(status, 200);
    assert_eq!(none["no_equivalent_above_threshold"], true, "{none}");
    assert_eq!(none["hits"].as_array().unwrap().len(), 0);
    assert!(none["threshold"].as_f64().unwrap() > 0.0);

    // A precedent raises the pair's score and is reported with it.
    let body = json!({
        "credential": x,
        "outcome": { "kind": "equivalent", "target": y },
        "rationale": "same outcomes",
        "decided_on": "2026-11-20"
    });
    let (status, _) = post(&app, "/api/v1/recognitions", Some(OFFICER_B), None, &body).await;
    assert_eq!(status, 201);
    let (_, again) = equivalents_at_b(&app, &x).await;
    let hit = &again["hits"][0];
    assert_eq!(hit["precedents"]["equivalent"], 1);
    assert_eq!(hit["precedents"]["consistency"], 1.0);
    assert!(hit["score"].as_f64().unwrap() > score, "{hit}");

    let (status, compared) = app.get(&format!("/api/v1/compare?a={x}&b={x}")).await;
    assert_eq!(
        status, 200,
        "comparing a record with itself is a valid report"
    );
    assert!(
        compared["comparison"]["elements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["verdict"] != "substantial_difference")
    );
    let (status, compared) = app.get(&format!("/api/v1/compare?a={x}&b={y}")).await;
    assert_eq!(status, 200);
    assert_eq!(compared["precedents"].as_array().unwrap().len(), 1);
    for (path, expected) in [
        (format!("/api/v1/compare?a={x}"), 400),
        (
            format!("/api/v1/compare?a={x}&b={}", id_of("uni-b", "nope")),
            404,
        ),
        (
            format!("/api/v1/credentials/{}/equivalents", id_of("uni-a", "nope")),
            404,
        ),
        (format!("/api/v1/credentials/{x}/equivalents?limit=0"), 400),
        (
            format!("/api/v1/credentials/{x}/equivalents?institution=nowhere"),
            400,
        ),
    ] {
        let (status, body) = app.get(&path).await;
        assert_eq!(status, expected, "{path}: {body}");
    }
    app.stop().await;
}

#[actix_web::test]
async fn decisions_are_published_over_oai_pmh_without_private_ones() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let x = id_of("uni-a", "a-ds");
    let y = id_of("uni-b", "b-ds");
    let public = json!({
        "credential": x,
        "outcome": { "kind": "equivalent", "target": y },
        "rationale": "same outcomes",
        "decided_on": "2026-11-20"
    });
    let mut private = public.clone();
    private["credential"] = json!(id_of("uni-a", "a-bio"));
    private["outcome"] = json!({ "kind": "credits", "ects": 5 });
    private["rationale"] = json!("internal note: elective credit only");
    private["private"] = json!(true);
    let mut ids = Vec::new();
    for body in [&public, &private] {
        let (status, created) =
            post(&app, "/api/v1/recognitions", Some(OFFICER_B), None, body).await;
        assert_eq!(status, 201, "{created}");
        ids.push(created["id"].as_str().unwrap().to_owned());
    }
    let oai = |query: &str| {
        let url = format!("{}/oai?{query}", app.base_url);
        let client = app.client.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let sets = oai("verb=ListSets").await;
    assert!(sets.contains("<setSpec>decisions</setSpec>"), "{sets}");
    // A decision private from the start was never published: not even its id is.
    let listed = oai("verb=ListRecords&metadataPrefix=oai_dc&set=decisions").await;
    assert_eq!(listed.matches("<record>").count(), 1, "{listed}");
    assert!(
        listed.contains("uni-b recognises Data science basics"),
        "{listed}"
    );
    assert!(!listed.contains(&ids[1]), "{listed}");
    assert!(
        !listed.contains("internal note"),
        "nothing of a private decision is published: {listed}"
    );
    // One made private after it was published is a bare deleted header, so that those
    // who harvested it learn to drop it.
    let mut made_private = public.clone();
    made_private["private"] = json!(true);
    made_private["rationale"] = json!("internal note: kept to ourselves now");
    let path = format!("/api/v1/recognitions/{}/revisions", ids[0]);
    let (status, revised) = post(&app, &path, Some(OFFICER_B), None, &made_private).await;
    assert_eq!(status, 200, "{revised}");
    let listed = oai("verb=ListRecords&metadataPrefix=oai_dc&set=decisions").await;
    assert_eq!(listed.matches("<record>").count(), 1, "{listed}");
    assert!(
        listed.contains(&format!("decision:{}</identifier>", ids[0]))
            && listed.contains("status=\"deleted\""),
        "the decision made private is a bare deleted header: {listed}"
    );
    assert!(
        !listed.contains("internal note") && !listed.contains(&ids[1]),
        "{listed}"
    );
    let rich = oai("verb=ListRecords&metadataPrefix=clearinghouse-json&set=decisions").await;
    assert!(
        rich.contains("noRecordsMatch"),
        "decisions are not credentials: {rich}"
    );
    app.stop().await;
}

#[actix_web::test]
async fn decisions_about_a_near_identical_credential_count_as_precedents() {
    let feeds = tempfile::tempdir().unwrap();
    // A second catalogue lists University A's data science course again, word for word.
    let mirror = r#"[{"id":"m-ds","title":{"en":"Data science basics"},"credits":{"value":5,"scheme":"ects"},"eqf_level":6},
                     {"id":"m-bio","title":{"en":"Marine biology"},"credits":{"value":5,"scheme":"ects"}}]"#;
    std::fs::write(feeds.path().join("m.json"), mirror).unwrap();
    let config = format!(
        "{}[[sources]]\nid = \"uni-m\"\ninstitution = \"University A\"\ncountry = \"DE\"\nprotocol = \"file\"\nurl = \"{}\"\nformat = \"clearinghouse-json\"\n",
        config(feeds.path()),
        feeds.path().join("m.json").display()
    );
    let app = TestApp::spawn(&config).await;
    for source in ["uni-a", "uni-b", "uni-m"] {
        app.harvest(source).await;
    }
    let x = id_of("uni-a", "a-ds");
    let y = id_of("uni-b", "b-ds");
    let mirrored = id_of("uni-m", "m-ds");
    let body = json!({
        "credential": x,
        "outcome": { "kind": "equivalent", "target": y },
        "rationale": "same outcomes",
        "decided_on": "2026-11-20"
    });
    let (status, _) = post(&app, "/api/v1/recognitions", Some(OFFICER_B), None, &body).await;
    assert_eq!(status, 201);

    let (status, found) = equivalents_at_b(&app, &mirrored).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["near_identical"][0]["id"], x.as_str(), "{found}");
    let hit = &found["hits"][0];
    assert_eq!(hit["credential"]["id"], y.as_str());
    let precedents = &hit["precedents"];
    assert_eq!(precedents["equivalent"], 1, "{precedents}");
    assert_eq!(precedents["direct"], 0);
    assert_eq!(precedents["near_identical"], 1);
    assert_eq!(precedents["consistency"], 1.0);
    assert_eq!(precedents["decisions"].as_array().unwrap().len(), 0);
    assert_eq!(
        precedents["near_identical_decisions"][0]["credential"],
        x.as_str()
    );
    // Not scoped to an institution, the lookup finds the near-identical credential among
    // its own best candidates, and its decision still counts.
    let (status, anywhere) = app
        .get(&format!("/api/v1/credentials/{mirrored}/equivalents"))
        .await;
    assert_eq!(status, 200, "{anywhere}");
    assert_eq!(
        anywhere["near_identical"][0]["id"],
        x.as_str(),
        "{anywhere}"
    );
    let hit_y = anywhere["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|hit| hit["credential"]["id"] == y.as_str())
        .expect("the credential decided equivalent is a hit");
    assert_eq!(hit_y["precedents"]["near_identical"], 1, "{anywhere}");

    // The credential the decision is about sees it as direct.
    let (_, direct) = equivalents_at_b(&app, &x).await;
    let precedents = &direct["hits"][0]["precedents"];
    assert_eq!(precedents["direct"], 1, "{direct}");
    assert_eq!(precedents["near_identical"], 0);

    // A different course of the mirror has no precedents from it.
    let (_, other) = app
        .get(&format!(
            "/api/v1/credentials/{}/equivalents?institution=uni-b&threshold=0",
            id_of("uni-m", "m-bio")
        ))
        .await;
    assert_eq!(
        other["near_identical"].as_array().unwrap().len(),
        0,
        "{other}"
    );
    app.stop().await;
}

#[actix_web::test]
async fn sequence_parts_and_cross_listings_are_told_apart_by_course_codes() {
    // B lists both parts of a sequence under one title and description, and one course
    // under two subjects; only the codes tell them apart.
    let course = |id: &str, code: &str, title: &str, description: &str| {
        json!({
            "id": id,
            "title": {"en": title},
            "description": {"en": description},
            "identifiers": [{"scheme": "course-code", "value": code}],
            "credits": {"value": 3, "scheme": "ects"},
        })
    };
    let accounting = "Financial and managerial accounting: the accounting cycle, statements, budgeting and costing.";
    let literature =
        "Principal themes, genres and historical contexts of African-American literature.";
    let b_feed = json!([
        course(
            "b-2116",
            "ACIS 2116",
            "Principles of Accounting",
            accounting
        ),
        course(
            "b-2115",
            "ACIS 2115",
            "Principles of Accounting",
            accounting
        ),
        course(
            "b-engl",
            "ENGL 2644",
            "African-American Literature",
            literature
        ),
        course(
            "b-afst",
            "AFST 2644",
            "African-American Literature",
            literature
        ),
    ]);
    let a_feed = json!([
        course(
            "a-211",
            "ACC 211",
            "Principles of Accounting I",
            "Financial accounting: the accounting cycle and statements."
        ),
        course(
            "a-212",
            "ACC 212",
            "Principles of Accounting II",
            "Managerial accounting: budgeting and costing."
        ),
        course(
            "a-253",
            "ENG 253",
            "Survey of African-American Literature",
            "Themes and genres of African-American literature."
        ),
    ]);
    let feeds = tempfile::tempdir().unwrap();
    let config = config(feeds.path());
    std::fs::write(feeds.path().join("a.json"), a_feed.to_string()).unwrap();
    std::fs::write(feeds.path().join("b.json"), b_feed.to_string()).unwrap();
    let app = TestApp::spawn(&config).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;

    let top = |found: &Value| {
        found["hits"][0]["credential"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for (part, expected) in [("a-211", "b-2115"), ("a-212", "b-2116")] {
        let (status, found) = equivalents_at_b(&app, &id_of("uni-a", part)).await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(top(&found), id_of("uni-b", expected), "{part}: {found}");
    }

    // The cross-listed course is one hit that names its other listing.
    let (_, found) = equivalents_at_b(&app, &id_of("uni-a", "a-253")).await;
    let hits = found["hits"].as_array().unwrap();
    let listings: Vec<&Value> = hits
        .iter()
        .filter(|hit| hit["credential"]["title"] == "African-American Literature")
        .collect();
    assert_eq!(listings.len(), 1, "{found}");
    let also = listings[0]["also_listed_as"].as_array().unwrap();
    assert_eq!(also.len(), 1, "{found}");
    let codes = [
        also[0]["code"].as_str().unwrap(),
        if listings[0]["credential"]["id"] == id_of("uni-b", "b-afst").as_str() {
            "AFST 2644"
        } else {
            "ENGL 2644"
        },
    ];
    assert!(
        codes.contains(&"AFST 2644") && codes.contains(&"ENGL 2644"),
        "{found}"
    );
    app.stop().await;
}

#[actix_web::test]
async fn decision_lists_come_in_pages() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    let held = id_of("uni-a", "a-ds");
    // Day `d` of 2026 from 0 (January and February are enough).
    let date = |d: u64| {
        if d < 31 {
            format!("2026-01-{:02}", d + 1)
        } else {
            format!("2026-02-{:02}", d - 30)
        }
    };
    let n = 52;
    for day in 0..n {
        let (status, error) = post(
            &app,
            "/api/v1/recognitions",
            Some(OFFICER_B),
            None,
            &json!({
                "credential": held,
                "outcome": { "kind": "credits", "ects": 1 + day % 5 },
                "rationale": format!("decision of day {day}"),
                "decided_on": date(day)
            }),
        )
        .await;
        assert_eq!(status, 201, "{error}");
    }
    let newest = date(n - 1);
    let (status, first) = app.get("/api/v1/recognitions?limit=2").await;
    assert_eq!(status, 200);
    assert_eq!(first["total"], n);
    assert_eq!(first["decisions"].as_array().unwrap().len(), 2);
    assert_eq!(
        first["decisions"][0]["decided_on"],
        newest.as_str(),
        "newest first"
    );
    assert_eq!(first["next_offset"], 2);
    let (_, last) = app
        .get(&format!("/api/v1/recognitions?limit=2&offset={}", n - 1))
        .await;
    assert_eq!(last["decisions"].as_array().unwrap().len(), 1);
    assert_eq!(last["decisions"][0]["decided_on"], date(0).as_str());
    assert_eq!(last["next_offset"], Value::Null);
    let (_, all) = app.get("/api/v1/recognitions").await;
    assert_eq!(
        (all["limit"].clone(), all["total"].clone()),
        (json!(100), json!(n))
    );
    for bad in ["limit=0", "limit=1001", "offset=-1", "offset=x"] {
        let (status, error) = app.get(&format!("/api/v1/recognitions?{bad}")).await;
        assert_eq!(status, 400, "{bad}: {error}");
    }
    // The institution's page lists 50 at a time.
    let page = app.text("/institutions/uni-b/decisions").await;
    assert!(page.contains("1–50 of 52"), "{page}");
    assert!(page.contains(r#"href="?page=2" rel="next""#));
    assert!(
        !page.contains("decision of day 1<"),
        "the oldest are on page 2"
    );
    let page = app.text("/institutions/uni-b/decisions?page=2").await;
    assert!(page.contains("51–52 of 52"));
    assert!(page.contains("decision of day 0<") && page.contains("decision of day 1<"));
    assert!(page.contains(r#"href="?page=1" rel="prev""#));
    app.stop().await;
}

/// A learner opening a credential sees what it counts for first: the decisions in force,
/// by the institution that decided, with the note that only the institution decides; the
/// completeness and Annex I detail is folded below for officers.
#[actix_web::test]
async fn the_credential_page_says_first_what_it_counts_for_and_folds_the_officers_detail() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let ds = id_of("uni-a", "a-ds");
    let page = app.text(&format!("/credentials/{ds}")).await;
    assert!(page.contains("At a glance"), "{page}");
    assert!(
        page.contains("No institution has recorded a decision about it here yet."),
        "{page}"
    );
    let body = json!({
        "credential": ds,
        "outcome": { "kind": "equivalent", "target": id_of("uni-b", "b-ds") },
        "rationale": "same outcomes",
        "decided_on": "2026-11-20"
    });
    let (status, decision) = post(&app, "/api/v1/recognitions", Some(OFFICER_B), None, &body).await;
    assert_eq!(status, 201, "{decision}");
    let page = app.text(&format!("/credentials/{ds}")).await;
    let glance = &page[page.find("At a glance").unwrap()..page.find("officer-detail").unwrap()];
    assert!(glance.contains("What it counts for"), "{glance}");
    assert!(glance.contains("<strong>University B</strong>"), "{glance}");
    assert!(
        glance.contains("Only the institution you bring it to decides"),
        "{glance}"
    );
    // The officer's detail comes after, folded for a visitor.
    assert!(
        page.contains(r#"<details class="officer-detail">"#),
        "{page}"
    );
    assert!(
        page.find("At a glance").unwrap() < page.find("completeness-heading").unwrap(),
        "the learner's view first"
    );
    app.stop().await;
}
