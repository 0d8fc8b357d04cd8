//! Recognition you can trust, through the API: element verdicts that say what is not
//! known, precedents that only call contradictions "other", and a lookup that learns from
//! the decisions recorded (never from withdrawn, private-to-another or at-risk ones).

use serde_json::{Value, json};
use tests::TestApp;

const OFFICER_B: &str = "officer-b-evidence-token";
const OFFICER_C: &str = "officer-c-evidence-token";

fn id_of(source: &str, upstream: &str) -> String {
    model::RecordId::new(&model::SourceId::parse(source).unwrap(), upstream).to_string()
}

/// A course of a catalogue, with a course code when `code` is not empty.
fn course(id: &str, code: &str, title: &str, description: &str) -> Value {
    let mut course = json!({
        "id": id,
        "title": {"en": title},
        "description": {"en": description},
        "credits": {"value": 5, "scheme": "ects"},
    });
    if !code.is_empty() {
        course["identifiers"] = json!([{"scheme": "course-code", "value": code}]);
    }
    course
}

/// Sources `uni-s` (a sender), `uni-t` (another sender), `uni-b` and `uni-c`
/// (receivers), each a file in `dir`, with officers for B and C.
fn config(dir: &std::path::Path, feeds: [(&str, &Value); 4]) -> String {
    let mut text = String::new();
    for (source, feed) in feeds {
        let path = dir.join(format!("{source}.json"));
        std::fs::write(&path, feed.to_string()).unwrap();
        text.push_str(&format!(
            "[[sources]]\nid = \"{source}\"\ninstitution = \"University {}\"\ncountry = \"DE\"\nprotocol = \"file\"\nurl = \"{}\"\nformat = \"clearinghouse-json\"\n",
            source.trim_start_matches("uni-").to_uppercase(),
            path.display()
        ));
    }
    let hash = server::auth::token_hash_hex;
    text.push_str(&format!(
        "[[tokens]]\nid = \"officer-b\"\nsha256 = \"{}\"\ninstitution = \"uni-b\"\n[[tokens]]\nid = \"officer-c\"\nsha256 = \"{}\"\ninstitution = \"uni-c\"\n",
        hash(OFFICER_B),
        hash(OFFICER_C)
    ));
    text
}

async fn spawn(feeds: &tempfile::TempDir, catalogues: [(&str, &Value); 4]) -> TestApp {
    let app = TestApp::spawn(&config(feeds.path(), catalogues)).await;
    for (source, _) in catalogues {
        app.harvest(source).await;
    }
    app
}

async fn record(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn recognise(app: &TestApp, token: &str, credential: &str, target: &str) -> String {
    let (status, created) = record(
        app,
        token,
        json!({
            "credential": credential,
            "outcome": {"kind": "equivalent", "target": target},
            "rationale": "same content",
            "decided_on": "2026-11-20"
        }),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["id"].as_str().unwrap().to_owned()
}

/// The equivalents of `id` at `institution`, looked up by `token`'s institution (or
/// anonymously).
async fn equivalents(app: &TestApp, id: &str, institution: &str, token: Option<&str>) -> Value {
    let mut request = app.client.get(format!(
        "{}/api/v1/credentials/{id}/equivalents?institution={institution}",
        app.base_url
    ));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

fn ranked(found: &Value) -> Vec<String> {
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["credential"]["id"].as_str().unwrap().to_owned())
        .collect()
}

fn hit<'a>(found: &'a Value, id: &str) -> &'a Value {
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|hit| hit["credential"]["id"] == id)
        .unwrap_or_else(|| panic!("{id} is a hit: {found}"))
}

/// The finance catalogues: B's "Financial Markets and Statements" reads closest to the
/// held course by its words, but B recognised a neighbour of it as "Accounting I".
fn finance() -> [Value; 4] {
    let sender = json!([
        course(
            "s-fsa",
            "",
            "Financial statement analysis for managers",
            "Reading balance sheets and income statements; ratios; cash flow."
        ),
        course(
            "s-bio",
            "",
            "Marine biology",
            "Life in the oceans: plankton, reefs and fisheries."
        ),
    ]);
    let other_sender = json!([course(
        "t-fsa",
        "",
        "Analysis of financial statements",
        "Balance sheets, income statements, ratios and cash flow for managers."
    )]);
    let b = json!([
        course(
            "b-acc",
            "",
            "Accounting I",
            "Double entry, the accounting cycle, balance sheet and income statement."
        ),
        course(
            "b-fin",
            "",
            "Financial markets and statements",
            "How financial markets work and what statements investors read."
        ),
        course(
            "b-bio",
            "",
            "Oceanography",
            "Physical and biological oceanography."
        ),
    ]);
    let c = json!([course(
        "c-acc",
        "",
        "Accounting I",
        "Double entry, the accounting cycle, balance sheet and income statement."
    )]);
    [sender, other_sender, b, c]
}

async fn spawn_finance(feeds: &tempfile::TempDir) -> TestApp {
    let [s, t, b, c] = finance();
    spawn(
        feeds,
        [("uni-s", &s), ("uni-t", &t), ("uni-b", &b), ("uni-c", &c)],
    )
    .await
}

#[actix_web::test]
async fn a_neighbours_decision_lifts_the_right_course_to_rank_one() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn_finance(&feeds).await;
    let held = id_of("uni-t", "t-fsa");
    let (accounting, markets) = (id_of("uni-b", "b-acc"), id_of("uni-b", "b-fin"));

    let before = equivalents(&app, &held, "uni-b", None).await;
    assert_eq!(
        ranked(&before)[0],
        markets,
        "by its words alone the held course reads closest to B's markets course: {before}"
    );
    assert_eq!(before["decided_credentials"], 0);

    // B recognised a similar course of another university (not a near-identical one) as
    // its Accounting I.
    recognise(&app, OFFICER_B, &id_of("uni-s", "s-fsa"), &accounting).await;

    let after = equivalents(&app, &held, "uni-b", None).await;
    assert_eq!(ranked(&after)[0], accounting, "{after}");
    let lifted = hit(&after, &accounting);
    assert!(
        lifted["probability"].as_f64().unwrap()
            > hit(&before, &accounting)["probability"].as_f64().unwrap(),
        "{lifted}"
    );
    assert_eq!(lifted["evidence"]["similar_recognised"], 1, "{lifted}");
    let explanation = lifted["evidence"]["explanation"].to_string();
    assert!(
        explanation.contains("1 similar credential")
            && explanation.contains("recognised as this course"),
        "the effect is explained on the hit: {explanation}"
    );
    assert_eq!(after["decided_credentials"], 1);
    assert!(
        after["note"].as_str().unwrap().contains("suggestion"),
        "{}",
        after["note"]
    );
    for hit in after["hits"].as_array().unwrap() {
        assert!(
            ["match", "maybe", "miss"].contains(&hit["label"].as_str().unwrap()),
            "{hit}"
        );
    }

    // The decision of B teaches nothing about C's catalogue.
    let at_c = equivalents(&app, &held, "uni-c", None).await;
    assert_eq!(
        hit(&at_c, &id_of("uni-c", "c-acc"))["evidence"]["similar_recognised"],
        0
    );
}

#[actix_web::test]
async fn a_private_decision_is_evidence_only_for_its_own_institution() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn_finance(&feeds).await;
    let held = id_of("uni-t", "t-fsa");
    let (accounting, markets) = (id_of("uni-b", "b-acc"), id_of("uni-b", "b-fin"));
    let (status, created) = record(
        &app,
        OFFICER_B,
        json!({
            "credential": id_of("uni-s", "s-fsa"),
            "outcome": {"kind": "equivalent", "target": accounting},
            "rationale": "internal note",
            "decided_on": "2026-11-20",
            "private": true
        }),
    )
    .await;
    assert_eq!(status, 201, "{created}");

    let anonymous = equivalents(&app, &held, "uni-b", None).await;
    assert_eq!(ranked(&anonymous)[0], markets, "{anonymous}");
    assert_eq!(anonymous["decided_credentials"], 0);
    let other_institution = equivalents(&app, &held, "uni-b", Some(OFFICER_C)).await;
    assert_eq!(
        ranked(&other_institution)[0],
        markets,
        "{other_institution}"
    );
    assert_eq!(
        hit(&other_institution, &accounting)["evidence"]["similar_recognised"],
        0
    );
    let own = equivalents(&app, &held, "uni-b", Some(OFFICER_B)).await;
    assert_eq!(ranked(&own)[0], accounting, "{own}");
}

#[actix_web::test]
async fn withdrawn_and_at_risk_decisions_teach_nothing_but_stay_on_record() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn_finance(&feeds).await;
    let held = id_of("uni-t", "t-fsa");
    let neighbour = id_of("uni-s", "s-fsa");
    let (accounting, markets) = (id_of("uni-b", "b-acc"), id_of("uni-b", "b-fin"));

    let decision = recognise(&app, OFFICER_B, &neighbour, &accounting).await;
    assert_eq!(
        ranked(&equivalents(&app, &held, "uni-b", None).await)[0],
        accounting
    );
    let response = app
        .client
        .delete(format!("{}/api/v1/recognitions/{decision}", app.base_url))
        .bearer_auth(OFFICER_B)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let withdrawn = equivalents(&app, &held, "uni-b", None).await;
    assert_eq!(ranked(&withdrawn)[0], markets, "{withdrawn}");
    assert_eq!(withdrawn["decided_credentials"], 0);

    // Recorded again, then the neighbour disappears from its university's feed.
    let decision = recognise(&app, OFFICER_B, &neighbour, &accounting).await;
    assert_eq!(
        ranked(&equivalents(&app, &held, "uni-b", None).await)[0],
        accounting
    );
    let [sender, ..] = finance();
    let kept: Vec<Value> = sender.as_array().unwrap()[1..].to_vec();
    std::fs::write(
        feeds.path().join("uni-s.json"),
        Value::Array(kept).to_string(),
    )
    .unwrap();
    app.harvest("uni-s").await;

    let (status, kept) = app.get(&format!("/api/v1/recognitions/{decision}")).await;
    assert_eq!(status, 200, "the decision stays on record: {kept}");
    let (_, at_risk) = app.get("/api/v1/recognitions?at_risk=true").await;
    assert_eq!(at_risk["total"], 1, "{at_risk}");
    let after = equivalents(&app, &held, "uni-b", None).await;
    assert_eq!(
        ranked(&after)[0],
        markets,
        "an at-risk decision is no silent evidence: {after}"
    );
    assert_eq!(
        hit(&after, &accounting)["evidence"]["similar_recognised"],
        0
    );
}

#[actix_web::test]
async fn a_decision_about_one_course_of_a_sequence_suggests_the_next() {
    // Virginia's community colleges and Virginia Tech: ACC 211 → ACCT 203 makes
    // ACC 212 → ACCT 204 likely.
    let feeds = tempfile::tempdir().unwrap();
    let principles =
        "The accounting cycle, financial statements and the uses of accounting information.";
    let sender = json!([
        course("s-211", "ACC 211", "Principles of Accounting I", principles),
        course(
            "s-212",
            "ACC 212",
            "Principles of Accounting II",
            principles
        ),
    ]);
    let b = json!([
        course(
            "b-301",
            "ACCT 301",
            "Intermediate Accounting",
            "Asset valuation, revenue recognition and reporting standards in depth."
        ),
        course(
            "b-203",
            "ACCT 203",
            "Financial Accounting",
            "Financial statements, the accounting cycle, assets and liabilities."
        ),
        course(
            "b-204",
            "ACCT 204",
            "Managerial Accounting",
            "Cost behaviour, budgeting and the uses of accounting information by managers."
        ),
    ]);
    let empty = json!([]);
    let app = spawn(
        &feeds,
        [
            ("uni-s", &sender),
            ("uni-t", &empty),
            ("uni-b", &b),
            ("uni-c", &empty),
        ],
    )
    .await;
    let second = id_of("uni-s", "s-212");
    let managerial = id_of("uni-b", "b-204");

    let before = equivalents(&app, &second, "uni-b", None).await;
    assert_ne!(ranked(&before)[0], managerial, "{before}");

    recognise(
        &app,
        OFFICER_B,
        &id_of("uni-s", "s-211"),
        &id_of("uni-b", "b-203"),
    )
    .await;
    let after = equivalents(&app, &second, "uni-b", None).await;
    assert_eq!(ranked(&after)[0], managerial, "{after}");
    let sequence = &hit(&after, &managerial)["evidence"]["sequence"];
    assert_eq!(sequence["sibling_code"], "ACC 211", "{sequence}");
    assert_eq!(sequence["sibling_target_code"], "ACCT 203", "{sequence}");
}

#[actix_web::test]
async fn precedents_count_only_what_contradicts_the_candidate() {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn_finance(&feeds).await;
    let held = id_of("uni-s", "s-fsa");
    let (b_accounting, b_markets) = (id_of("uni-b", "b-acc"), id_of("uni-b", "b-fin"));
    let c_accounting = id_of("uni-c", "c-acc");

    // The reported case: C recognised the held course as its own Accounting I. To B's
    // candidates that is a decision elsewhere, never "decided otherwise".
    recognise(&app, OFFICER_C, &held, &c_accounting).await;
    let at_b = equivalents(&app, &held, "uni-b", None).await;
    for candidate in [&b_accounting, &b_markets] {
        let precedents = &hit(&at_b, candidate)["precedents"];
        assert_eq!(precedents["other"], 0, "{precedents}");
        assert_eq!(precedents["equivalent"], 0, "{precedents}");
        let groups = precedents["by_institution"].as_array().unwrap();
        assert_eq!(groups.len(), 1, "{precedents}");
        assert_eq!(groups[0]["candidates_institution"], false);
        assert_eq!(groups[0]["decisions"][0]["relation"], "elsewhere");
        assert_eq!(groups[0]["decisions"][0]["holds"], true);
        assert_eq!(groups[0]["decisions"][0]["counted"], false);
    }
    let at_c = equivalents(&app, &held, "uni-c", None).await;
    let precedents = &hit(&at_c, &c_accounting)["precedents"];
    assert_eq!(precedents["equivalent"], 1, "{precedents}");
    assert_eq!(precedents["other"], 0, "{precedents}");
    assert_eq!(
        precedents["by_institution"][0]["decisions"][0]["relation"],
        "recognised_as_this"
    );

    // At B a competing equivalence contradicts B's other candidate; credits only at B
    // contradicts both.
    recognise(&app, OFFICER_B, &held, &b_accounting).await;
    let at_b = equivalents(&app, &held, "uni-b", None).await;
    let markets = &hit(&at_b, &b_markets)["precedents"];
    assert_eq!(markets["other"], 1, "{markets}");
    let relations: Vec<&str> = markets["by_institution"][0]["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["relation"].as_str().unwrap())
        .collect();
    assert_eq!(
        relations,
        ["competing_equivalence"],
        "B's group first: {markets}"
    );
    let accounting = &hit(&at_b, &b_accounting)["precedents"];
    assert_eq!(accounting["equivalent"], 1, "{accounting}");
    assert_eq!(accounting["other"], 0, "{accounting}");

    let (status, created) = record(
        &app,
        OFFICER_B,
        json!({
            "credential": id_of("uni-t", "t-fsa"),
            "outcome": {"kind": "credits", "ects": 5},
            "rationale": "no course of ours covers it",
            "decided_on": "2026-11-21"
        }),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let held_t = id_of("uni-t", "t-fsa");
    let at_b = equivalents(&app, &held_t, "uni-b", None).await;
    for candidate in [&b_accounting, &b_markets] {
        let precedents = &hit(&at_b, candidate)["precedents"];
        assert_eq!(precedents["other"], 1, "{precedents}");
        assert_eq!(
            precedents["by_institution"][0]["decisions"][0]["relation"],
            "credits_only"
        );
    }
}

/// A held credential that states everything, and two candidates of the same words: one
/// states everything, the other almost nothing.
fn documented_and_unknown() -> [Value; 4] {
    let full = |id: &str| {
        json!({
            "id": id,
            "title": {"en": "Data analysis with Python"},
            "description": {"en": "Cleaning, exploring and modelling data with pandas."},
            "credits": {"value": 5, "scheme": "ects"},
            "eqf_level": 6,
            "learning_outcomes": [
                {"text": {"en": "Clean and reshape tabular data with pandas"}},
                {"text": {"en": "Fit and evaluate a linear regression model"}}
            ],
            "quality_assurance": {"en": "Accredited by the national agency"}
        })
    };
    let sparse = json!({
        "id": "b-sparse",
        "title": {"en": "Data analysis with Python"},
        "description": {"en": "Cleaning, exploring and modelling data with pandas."}
    });
    let held = json!([full("s-data")]);
    let b = json!([sparse, full("b-full")]);
    [held, json!([]), b, json!([])]
}

#[actix_web::test]
async fn unknowns_are_said_and_ranked_below_what_is_known() {
    let feeds = tempfile::tempdir().unwrap();
    let [s, t, b, c] = documented_and_unknown();
    let app = spawn(
        &feeds,
        [("uni-s", &s), ("uni-t", &t), ("uni-b", &b), ("uni-c", &c)],
    )
    .await;
    let held = id_of("uni-s", "s-data");
    let (full, sparse) = (id_of("uni-b", "b-full"), id_of("uni-b", "b-sparse"));

    let found = equivalents(&app, &held, "uni-b", None).await;
    assert_eq!(ranked(&found), [full.clone(), sparse.clone()], "{found}");
    let documented = &hit(&found, &full)["comparison"];
    assert_eq!(
        documented["overall"], "no_substantial_difference",
        "{documented}"
    );
    assert!(documented["comparable"].as_u64().unwrap() >= 3);
    let unknown = &hit(&found, &sparse)["comparison"];
    assert_eq!(unknown["overall"], "not_enough_information", "{unknown}");
    assert!(unknown["comparable"].as_u64().unwrap() < 3, "{unknown}");
    assert!(unknown["confidence"].as_f64().unwrap() < documented["confidence"].as_f64().unwrap());
    assert_ne!(
        hit(&found, &sparse)["label"],
        "match",
        "never green when unknown"
    );
    assert_eq!(
        unknown["to_ask_for"],
        json!(["profile"]),
        "the held credential states all but its field: {unknown}"
    );
    let workload = unknown["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["element"] == "workload")
        .unwrap();
    assert_eq!(workload["verdict"], "unknown");
    assert_eq!(workload["missing"], "candidate", "{workload}");

    // Held the other way round, what the sparse credential lacks is what to ask its
    // institution for.
    let (status, compared) = app
        .get(&format!("/api/v1/compare?a={sparse}&b={full}"))
        .await;
    assert_eq!(status, 200, "{compared}");
    let comparison = &compared["comparison"];
    assert_eq!(
        comparison["overall"], "not_enough_information",
        "{comparison}"
    );
    let to_ask: Vec<&str> = comparison["to_ask_for"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        to_ask.contains(&"workload") && to_ask.contains(&"level"),
        "{comparison}"
    );
}
