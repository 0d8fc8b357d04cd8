//! A decision's case file (issue 24, item 4): the page laid out for the student's file
//! and the machine-readable `clearinghouse-case-file`, each with the decision, both
//! credentials (the one held as decided on), their comparison, the precedents and the
//! audit trail; a private decision's case file is its institution's alone.

use reqwest::header::{CONTENT_TYPE, COOKIE};
use serde_json::{Value, json};
use tests::TestApp;

use super::recognitions::{OFFICER_B, OFFICER_C, config, feed, id_of};

async fn record(app: &TestApp, token: &str, body: &Value) -> String {
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A page as a visitor (anonymous, or with a session cookie) reads it.
async fn page(app: &TestApp, session: Option<&str>, path: &str) -> (u16, String) {
    let mut request = app.client.get(format!("{}{path}", app.base_url));
    if let Some(session) = session {
        request = request.header(COOKIE, session);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The JSON case file, anonymous or with an officer's token.
async fn case_file(app: &TestApp, token: Option<&str>, id: &str) -> (u16, Value) {
    let mut request = app.client.get(format!(
        "{}/api/v1/recognitions/{id}/case-file",
        app.base_url
    ));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    if status == 200 {
        assert_eq!(
            response.headers()[CONTENT_TYPE].to_str().unwrap(),
            "application/json"
        );
    }
    (status, response.json().await.unwrap_or(Value::Null))
}

#[actix_web::test]
async fn a_case_file_holds_the_decision_both_credentials_the_comparison_and_the_history() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let (ds, b_ds) = (id_of("uni-a", "a-ds"), id_of("uni-b", "b-ds"));
    let id = record(
        &app,
        OFFICER_B,
        &json!({
            "credential": ds,
            "outcome": { "kind": "equivalent", "target": b_ds },
            "rationale": "same outcomes; 5 vs 6 ECTS accepted",
            "decided_on": "2026-11-20",
            "conditions": "with the lab report",
            "valid_until": "2030-08-31"
        }),
    )
    .await;
    // University C gives credits only, privately: a precedent for C's eyes alone.
    let private = record(
        &app,
        OFFICER_C,
        &json!({
            "credential": ds,
            "outcome": { "kind": "credits", "ects": 4 },
            "rationale": "no course of ours matches",
            "decided_on": "2026-10-01",
            "private": true
        }),
    )
    .await;
    let revised = app
        .client
        .post(format!(
            "{}/api/v1/recognitions/{id}/revisions",
            app.base_url
        ))
        .bearer_auth(OFFICER_B)
        .json(&json!({
            "credential": ds,
            "outcome": { "kind": "equivalent", "target": b_ds },
            "rationale": "same outcomes, checked against the syllabus",
            "decided_on": "2026-11-20",
            "conditions": "with the lab report",
            "valid_until": "2030-08-31"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(revised.status().as_u16(), 200);

    // The machine-readable case file, as anyone reads it.
    let (status, file) = case_file(&app, None, &id).await;
    assert_eq!(status, 200, "{file}");
    assert_eq!(file["format"], "clearinghouse-case-file");
    assert_eq!(file["format_version"], 1);
    assert_eq!(file["page"], format!("/decisions/{id}/case-file"));
    assert_eq!(file["decision"]["id"], id.as_str());
    assert_eq!(file["decision"]["revision"], 2);
    assert_eq!(file["decision"]["conditions"], "with the lab report");
    assert_eq!(file["decision"]["valid_until"], "2030-08-31");
    assert_eq!(file["standing"], "in_force");
    assert_eq!(file["credential"]["id"], ds.as_str());
    assert_eq!(file["credential"]["title"], "Data science basics");
    assert_eq!(file["credential"]["source"], "uni-a");
    assert_eq!(file["credential"]["credits"]["value"], 5.0);
    assert_eq!(file["credential"]["eqf_level"], 6);
    assert_eq!(file["credential"]["version"], 1);
    assert_eq!(file["credential"]["current_version"], 1);
    assert_eq!(file["target"]["id"], b_ds.as_str());
    assert_eq!(file["target"]["title"], "Introduction to data science");
    assert_eq!(file["target"]["credits"]["value"], 6.0);
    let elements = file["comparison"]["elements"].as_array().unwrap();
    assert_eq!(elements.len(), 5, "{file}");
    assert_eq!(elements[0]["element"], "level");
    assert_eq!(elements[0]["verdict"], "match");
    assert_eq!(
        file["precedents"],
        json!([]),
        "C's private decision is C's alone"
    );
    assert_eq!(file["precedents_for_target"]["equivalent"], 0);
    let revisions = file["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(
        revisions[0]["rationale"],
        "same outcomes; 5 vs 6 ECTS accepted"
    );
    let actions: Vec<&str> = file["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["created", "revised"]);

    // An officer of C sees C's private decision among the precedents, and its case file.
    let (_, for_c) = case_file(&app, Some(OFFICER_C), &id).await;
    let precedents = for_c["precedents"].as_array().unwrap();
    assert_eq!(precedents.len(), 1, "{for_c}");
    assert_eq!(precedents[0]["id"], private.as_str());
    assert_eq!(
        for_c["precedents_for_target"]["other"], 0,
        "elsewhere: not counted"
    );
    let (status, _) = case_file(&app, Some(OFFICER_C), &private).await;
    assert_eq!(status, 200);
    // Anyone else is told the private one does not exist, as for its decision page.
    let (status, error) = case_file(&app, None, &private).await;
    assert_eq!((status, error["code"].as_str()), (404, Some("not_found")));
    let (status, _) = case_file(&app, Some(OFFICER_B), &private).await;
    assert_eq!(status, 404);
    let (status, _) = case_file(&app, None, "rd-00000000000000000000").await;
    assert_eq!(status, 404);

    // The page: the decision, both credentials, the five elements, the precedents and the
    // audit trail, the addresses written out, nothing to fill in.
    let path = format!("/decisions/{id}/case-file");
    let (status, html) = page(&app, None, &path).await;
    assert_eq!(status, 200, "{html}");
    for expected in [
        "Recognition of <span lang=\"en\">Data science basics</span>",
        "1. The decision",
        "<strong>Recognised as equivalent</strong> to <span lang=\"en\">Introduction to data science</span> (B)",
        "<dd>with the lab report</dd>",
        "<dd>31 August 2030</dd>",
        "same outcomes, checked against the syllabus",
        "Credential held (A)",
        "Equivalent credential (B)",
        "<dd>5 ECTS</dd>",
        "<dd>6 ECTS</dd>",
        "Version 1 of the record, as decided on; unchanged since",
        "3. The element comparison",
        "Level (EQF)",
        "Learning outcomes",
        "No other decision about the credential held is in force.",
        "5. Audit trail",
        "<td>Recorded</td>",
        "<td>Revised: the rationale</td>",
        "<span class=\"badge match\">In force</span>",
    ] {
        assert!(html.contains(expected), "{expected:?} in {html}");
    }
    assert!(
        html.contains(&format!("{}/credentials/{ds}", app.base_url)),
        "the credential's address is written out: {html}"
    );
    assert!(
        html.contains(&format!(
            "{}/api/v1/recognitions/{id}/case-file",
            app.base_url
        )),
        "{html}"
    );
    assert!(!html.contains("<form"), "nothing to fill in: {html}");
    assert!(!html.contains("no course of ours matches"), "{html}");
    let (_, decision_page) = page(&app, None, &format!("/decisions/{id}")).await;
    assert!(
        decision_page.contains(&format!(r#"href="/decisions/{id}/case-file""#)),
        "{decision_page}"
    );
    let officer_c = app.sign_in(OFFICER_C).await;
    let (_, html) = page(&app, Some(&officer_c), &path).await;
    assert!(html.contains("Recognised for 4 ECTS"), "{html}");
    let (status, _) = page(&app, None, &format!("/decisions/{private}/case-file")).await;
    assert_eq!(status, 404);
    let (status, html) = page(
        &app,
        Some(&officer_c),
        &format!("/decisions/{private}/case-file"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Private: seen only by"), "{html}");
    assert!(
        html.contains("The decision grants credits without naming an equivalent credential"),
        "{html}"
    );

    // The credential changes upstream: the case file keeps it as it was decided on.
    std::fs::write(feeds.path().join("a.json"), feed(3)).unwrap();
    app.harvest("uni-a").await;
    let (_, file) = case_file(&app, None, &id).await;
    assert_eq!(file["standing"], "at_risk");
    assert_eq!(file["credential"]["version"], 1);
    assert_eq!(file["credential"]["current_version"], 2);
    assert_eq!(file["credential"]["credits"]["value"], 5.0);
    let (_, html) = page(&app, None, &path).await;
    assert!(
        html.contains("Version 1 of the record, as decided on; the record is at version 2 now"),
        "{html}"
    );
    assert!(
        html.contains("May no longer hold: the credential changed"),
        "{html}"
    );
    assert!(html.contains("Flagged: the credential changed"), "{html}");
    app.stop().await;
}
