//! "Will my credentials count?" (issue 25): a learner's portfolio, kept in their browser's
//! cookie, answered for an institution from its recorded decisions first and the
//! equivalence lookup second, with ECTS totals, printed as a page and exported as JSON.

use serde_json::{Value, json};
use tests::{TestApp, cookie};

use crate::recognitions::{OFFICER_B, config, id_of};

/// A client that follows no redirects, so that each answer's cookie can be read.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Posts the portfolio form with `fields` and the portfolio cookie `held`; the answer's
/// status, `Location` and new cookie value.
async fn change(
    app: &TestApp,
    held: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> (u16, Option<String>, Option<String>) {
    let mut request = client()
        .post(format!("{}/portfolio", app.base_url))
        .header("Cookie", format!("ch_portfolio={held}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(fields)
                .finish(),
        );
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned());
    (
        response.status().as_u16(),
        location,
        cookie(response.headers(), "ch_portfolio")
            .map(|pair| pair.trim_start_matches("ch_portfolio=").to_owned()),
    )
}

async fn get(app: &TestApp, path: &str, held: &str) -> (u16, String) {
    let response = client()
        .get(format!("{}{path}", app.base_url))
        .header("Cookie", format!("ch_portfolio={held}"))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[actix_web::test]
async fn a_portfolio_is_answered_from_decisions_first_then_the_lookup() {
    let feeds = tempfile::tempdir().unwrap();
    let config = config(feeds.path());
    // University A's data science course stacks into a certificate.
    std::fs::write(
        feeds.path().join("a.json"),
        json!([
            { "id": "a-ds", "title": { "en": "Data science basics" },
              "credits": { "value": 5, "scheme": "ects" }, "eqf_level": 6,
              "stackability": { "en": "Counts towards the Certificate in Applied Data Science (30 ECTS)" } },
            { "id": "a-bio", "title": { "en": "Marine biology" },
              "credits": { "value": 4, "scheme": "ects" } },
            { "id": "a-talk", "title": { "en": "Public speaking" } }
        ])
        .to_string(),
    )
    .unwrap();
    let app = TestApp::spawn(&config).await;
    app.harvest("uni-a").await;
    app.harvest("uni-b").await;
    let ds = id_of("uni-a", "a-ds");
    let bio = id_of("uni-a", "a-bio");
    let talk = id_of("uni-a", "a-talk");
    let target = id_of("uni-b", "b-ds");
    let recorded = app
        .client
        .post(format!("{}/api/v1/recognitions", app.base_url))
        .bearer_auth(OFFICER_B)
        .json(&json!({
            "credential": ds,
            "outcome": { "kind": "equivalent", "target": target },
            "rationale": "same outcomes",
            "decided_on": "2026-11-20"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(recorded.status().as_u16(), 201);

    // Added one by one from the credentials' pages: the browser keeps the list.
    let mut held = String::new();
    for id in [&ds, &bio, &talk, &ds] {
        let (status, location, kept) = change(
            &app,
            &held,
            &[
                ("add", id.as_str()),
                ("back", &format!("/credentials/{id}")),
            ],
            &[("Sec-Fetch-Site", "same-origin")],
        )
        .await;
        assert_eq!(status, 303);
        assert_eq!(
            location.as_deref(),
            Some(format!("/credentials/{id}").as_str())
        );
        held = kept.expect("the portfolio cookie");
    }
    assert_eq!(held, format!("{ds},{bio},{talk}"), "each once, in order");
    let (_, page) = get(&app, &format!("/credentials/{ds}"), &held).await;
    assert!(page.contains("Remove from my portfolio"), "the page knows");

    // Another site cannot change it (it could empty it), nor send the learner elsewhere.
    for headers in [
        [
            ("Sec-Fetch-Site", "cross-site"),
            ("Origin", "https://evil.example"),
        ],
        [("Sec-Fetch-Site", "same-site"), ("X-Unused", "")],
        [("Origin", "https://evil.example"), ("X-Unused", "")],
    ] {
        let (status, _, kept) = change(&app, &held, &[("clear", "1")], &headers).await;
        assert_eq!(status, 403, "{headers:?}");
        assert!(kept.is_none());
    }
    let (_, location, _) = change(
        &app,
        &held,
        &[("add", &ds), ("back", "//evil.example/")],
        &[],
    )
    .await;
    assert_eq!(location.as_deref(), Some("/portfolio"));

    // The answer at University B.
    let (status, page) = get(&app, "/portfolio?institution=uni-b", &held).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("3 credentials in your portfolio"), "{page}");
    assert!(page.contains("At University B"));
    assert!(page.contains("University B decided on"), "{page}");
    assert!(
        page.contains("Introduction to data science"),
        "the equivalent, by its title"
    );
    assert!(
        page.contains("has not decided about this credential"),
        "{page}"
    );
    assert!(page.contains("Counts towards the Certificate in Applied Data Science"));
    assert!(page.contains("only the institution decides"), "{page}");
    assert!(
        page.contains("1 credential states no ECTS credits"),
        "{page}"
    );
    let (_, export) = get(&app, "/portfolio/export.json?institution=uni-b", &held).await;
    let export: Value = serde_json::from_str(&export).unwrap();
    assert_eq!(export["institution"], "uni-b");
    let items = export["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["answer"]["label"], "match", "{export}");
    assert_eq!(items[0]["answer"]["basis"], "decision");
    assert_eq!(items[0]["answer"]["counts_as"], target.as_str());
    assert_eq!(
        items[0]["stackability"],
        "Counts towards the Certificate in Applied Data Science (30 ECTS)"
    );
    for item in &items[1..] {
        assert_eq!(item["answer"]["basis"], "lookup", "{item}");
        assert_ne!(
            item["answer"]["label"], "match",
            "no data science at B: {item}"
        );
    }
    assert_eq!(export["totals"]["ects"], 9.0);
    assert_eq!(export["totals"]["ects_match"], 5.0);
    assert!(
        export["note"]
            .as_str()
            .unwrap()
            .contains("only the institution decides")
    );

    // At University A, its own credentials count; in Polish, the page speaks Polish.
    let (_, export) = get(&app, "/portfolio/export.json?institution=uni-a", &held).await;
    let export: Value = serde_json::from_str(&export).unwrap();
    for item in export["items"].as_array().unwrap() {
        assert_eq!(item["answer"]["basis"], "own", "{item}");
    }
    let (_, polish) = get(&app, "/portfolio?institution=uni-a&lang=pl", &held).await;
    assert!(polish.contains("Czy moje poświadczenia zostaną uznane?"));
    assert!(
        polish.contains("3 poświadczenia w Twoim portfolio"),
        "{polish}"
    );

    // Removed and emptied: the cookie goes.
    let (_, _, kept) = change(&app, &held, &[("remove", &bio)], &[]).await;
    assert_eq!(kept.as_deref(), Some(format!("{ds},{talk}").as_str()));
    let (_, _, kept) = change(&app, &held, &[("clear", "1")], &[]).await;
    assert_eq!(kept.as_deref(), Some(""));
    let (_, empty) = get(&app, "/portfolio", "").await;
    assert!(empty.contains("Your portfolio is empty"));
    app.stop().await;
}
