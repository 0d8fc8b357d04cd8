//! Agreements between institutions (issue 24, item 5): what one institution decided
//! about another's credentials, as a public page with filters and as JSON and CSV from
//! the API; unknown institutions are 404, private decisions stay with their institution.

use serde_json::{Value, json};
use tests::TestApp;

use super::recognitions::{OFFICER_B, OFFICER_C, config, id_of};

/// Records `body` with `token`; the decision's id.
async fn record(app: &TestApp, token: &str, body: Value) -> String {
    let response = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let stored: Value = response.json().await.unwrap();
    stored["id"].as_str().unwrap().to_owned()
}

/// GETs `path` with `token` (if any): status, content type and body.
async fn fetch(app: &TestApp, path: &str, token: Option<&str>) -> (u16, String, String) {
    let mut request = app.client.get(format!("{}{path}", app.base_url));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.unwrap())
}

async fn total(app: &TestApp, path: &str, token: Option<&str>) -> u64 {
    let (status, _, body) = fetch(app, path, token).await;
    assert_eq!(status, 200, "{path}: {body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    body["total"].as_u64().unwrap()
}

#[actix_web::test]
async fn what_one_institution_decided_about_anothers_credentials_is_listed_filtered_and_exported() {
    let feeds = tempfile::tempdir().unwrap();
    let app = TestApp::spawn(&config(feeds.path())).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let ds = id_of("uni-a", "a-ds");
    let bio = id_of("uni-a", "a-bio");
    let b_ds = id_of("uni-b", "b-ds");
    record(
        &app,
        OFFICER_B,
        json!({
            "credential": ds,
            "outcome": { "kind": "equivalent", "target": b_ds },
            "rationale": "same outcomes, \"checked\" twice",
            "decided_on": "2026-11-20"
        }),
    )
    .await;
    let credits = record(
        &app,
        OFFICER_B,
        json!({
            "credential": bio,
            "outcome": { "kind": "credits", "ects": 5 },
            "rationale": "elective credit",
            "decided_on": "2026-10-01"
        }),
    )
    .await;
    record(
        &app,
        OFFICER_B,
        json!({
            "credential": bio,
            "outcome": { "kind": "refused" },
            "rationale": "internal: no lab work",
            "decided_on": "2026-09-01",
            "private": true
        }),
    )
    .await;
    // Another institution's decision about the same credentials is another agreement.
    record(
        &app,
        OFFICER_C,
        json!({
            "credential": ds,
            "outcome": { "kind": "credits", "ects": 4 },
            "rationale": "elective credit at C",
            "decided_on": "2026-11-02"
        }),
    )
    .await;

    // The API: public decisions for anyone, the private one for its institution too.
    let api = "/api/v1/agreements/uni-a/uni-b";
    let (status, _, body) = fetch(&app, api, None).await;
    assert_eq!(status, 200, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body["from"],
        json!({ "id": "uni-a", "name": "University A" })
    );
    assert_eq!(body["to"], json!({ "id": "uni-b", "name": "University B" }));
    assert_eq!(body["total"], 2, "{body}");
    let newest = &body["decisions"][0];
    assert_eq!(newest["decided_on"], "2026-11-20");
    assert_eq!(newest["credential_title"], "Data science basics");
    assert_eq!(newest["target_title"], "Introduction to data science");
    assert_eq!(body["decisions"][1]["outcome"]["kind"], "credits");
    assert!(!body.to_string().contains("internal: no lab work"));
    assert_eq!(total(&app, api, Some(OFFICER_B)).await, 3);
    assert_eq!(total(&app, api, Some(OFFICER_C)).await, 2);
    assert_eq!(total(&app, "/api/v1/agreements/uni-a/uni-c", None).await, 1);
    assert_eq!(total(&app, "/api/v1/agreements/uni-b/uni-c", None).await, 0);
    // Filters.
    for (query, expected) in [
        ("outcome=credits", 1),
        ("outcome=refused", 0),
        ("decided_from=2026-11-01", 1),
        ("decided_until=2026-10-31", 1),
        ("decided_from=2026-10-01&decided_until=2026-10-01", 1),
        ("at_risk=true", 0),
        ("at_risk=false", 2),
        ("limit=1", 2),
    ] {
        assert_eq!(
            total(&app, &format!("{api}?{query}"), None).await,
            expected,
            "{query}"
        );
    }
    // CSV: every decision, one row each, quoted as spreadsheets read it.
    let (status, content_type, csv) = fetch(&app, &format!("{api}?format=csv"), None).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].starts_with("decision,revision,decided_on,institution,credential"));
    assert!(
        rows[1].contains(r#""same outcomes, ""checked"" twice""#),
        "{csv}"
    );
    assert!(rows[1].contains("Introduction to data science"), "{csv}");
    assert!(rows[2].contains(",credits,"), "{csv}");
    // A withdrawn decision leaves the agreement (and comes back with `withdrawn=true`).
    let response = app
        .client
        .delete(format!("{}/api/v1/recognitions/{credits}", app.base_url))
        .bearer_auth(OFFICER_B)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(total(&app, api, None).await, 1);
    assert_eq!(total(&app, &format!("{api}?withdrawn=true"), None).await, 2);
    // Unknown institutions are 404; bad parameters are named.
    for (path, expected) in [
        ("/api/v1/agreements/nowhere/uni-b", 404),
        ("/api/v1/agreements/uni-a/nowhere", 404),
        ("/api/v1/agreements/uni-a/uni-b?outcome=maybe", 400),
        (
            "/api/v1/agreements/uni-a/uni-b?decided_from=2026-12-01&decided_until=2026-11-01",
            400,
        ),
        ("/api/v1/agreements/uni-a/uni-b?format=pdf", 400),
        ("/api/v1/agreements/uni-a/uni-b?sort=old", 400),
    ] {
        let (status, _, body) = fetch(&app, path, None).await;
        assert_eq!(status, expected, "{path}: {body}");
    }

    // The page, its filter and its export links.
    let page = app.text("/agreements/uni-a/uni-b").await;
    assert!(
        page.contains("Decisions of University B about credentials of University A"),
        "{page}"
    );
    assert!(page.contains("Data science basics") && page.contains("1 decision,"));
    assert!(page.contains(r#"href="/api/v1/agreements/uni-a/uni-b?format=csv""#));
    let filtered = app
        .text("/agreements/uni-a/uni-b?outcome=refused&decided_from=&at_risk=")
        .await;
    assert!(filtered.contains("No decision matches."), "{filtered}");
    assert!(
        filtered.contains(r#"<option value="refused" selected>"#),
        "the filter is kept: {filtered}"
    );
    assert!(
        filtered.contains("format=csv&#38;outcome=refused"),
        "{filtered}"
    );
    for path in [
        "/agreements/nowhere/uni-b",
        "/agreements/uni-a/nowhere",
        "/institutions/nowhere/decisions",
    ] {
        let (status, _, _) = fetch(&app, path, None).await;
        assert_eq!(status, 404, "{path}");
    }
    // Linked from the deciding institution's page and from the decisions on a
    // credential's page, for anonymous visitors; an institution that only decides has
    // its page.
    let institution = app.text("/institutions/uni-b/decisions").await;
    assert!(
        institution.contains(
            r#"<a href="/agreements/uni-a/uni-b">Credentials of University A</a>: 1 decision"#
        ),
        "{institution}"
    );
    let (status, _, _) = fetch(&app, "/institutions/uni-c/decisions", None).await;
    assert_eq!(status, 200);
    let credential = app.text(&format!("/credentials/{ds}")).await;
    assert!(
        credential.contains(r#"href="/agreements/uni-a/uni-b""#)
            && credential.contains(r#"href="/agreements/uni-a/uni-c""#),
        "{credential}"
    );
    app.stop().await;
}
