//! A source's own page (issue 26): its run history, a "harvest now" button for its
//! institution's officers, and checks of a file (anyone) and of the endpoint (its
//! officers) that run `validate`'s checks and store nothing.

use serde_json::json;
use tests::{TestApp, file_source, multipart};

const OFFICER: &str = "uni-officer-secret-token";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the first `name="csrf"` field of a page.
fn csrf_of(html: &str) -> Option<String> {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker)? + marker.len();
    Some(html[start..start + html[start..].find('"')?].to_owned())
}

/// A form body.
fn form(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

const FORM: &str = "application/x-www-form-urlencoded";

#[actix_web::test]
async fn a_publisher_checks_its_feed_and_harvests_from_its_page() {
    let feeds = tempfile::tempdir().unwrap();
    let feed = json!([{ "id": "c1", "title": { "en": "Data literacy" } }]);
    let mut sources = file_source(feeds.path(), "uni", "Uni Demo", "DE", &feed);
    sources.push_str("allow_private_address = true\n");
    sources.push_str(&format!(
        "[[tokens]]\nid = \"uni-officer\"\nsha256 = \"{}\"\ninstitution = \"uni\"\nperson = \"Ana Publisher\"\n",
        server::auth::token_hash_hex(OFFICER)
    ));
    let app = TestApp::spawn(&sources).await;
    app.harvest("uni").await;
    let page_url = format!("{}/sources/uni", app.base_url);

    // Anyone: the page, its history, and no harvest button.
    let page = app.text("/sources/uni").await;
    assert!(page.contains("Harvest history"), "{page}");
    assert!(!page.contains("Harvest now"), "not for anonymous visitors");
    assert!(!page.contains("Check my endpoint"));

    // Anyone checks a file: the report on the page, nothing stored.
    let broken =
        "[{\"id\": \"x\", \"title\": {\"en\": \"No outcomes\"}}, {\"title\": {\"en\": \"No id\"}}]";
    let (content_type, body) = multipart(&[
        ("format", None, b"clearinghouse-json"),
        ("file", Some("mine.json"), broken.as_bytes()),
    ]);
    let checked = client()
        .post(format!("{page_url}/check"))
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(checked.status().as_u16(), 200);
    let checked = checked.text().await.unwrap();
    assert!(checked.contains("Checked: mine.json"), "{checked}");
    assert!(
        checked.contains("1 records read, 1 could not be read"),
        "{checked}"
    );
    assert!(checked.contains("`id` is missing"), "{checked}");
    let (_, record) = app
        .get(&format!(
            "/api/v1/credentials/{}",
            model::RecordId::new(&model::SourceId::parse("uni").unwrap(), "x")
        ))
        .await;
    assert_eq!(record["code"], "not_found", "nothing stored: {record}");

    // The institution's officer: harvest now, and check the endpoint.
    let session = app.sign_in(OFFICER).await;
    let html = client()
        .get(&page_url)
        .header("Cookie", &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Harvest now"), "{html}");
    assert!(html.contains("Check my endpoint"));
    let csrf = csrf_of(&html).expect("a form token");
    let started = client()
        .post(format!("{page_url}/harvest"))
        .header("Cookie", &session)
        .header("Content-Type", FORM)
        .body(form(&[("csrf", csrf.as_str())]))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status().as_u16(), 303);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location == "/sources/uni?started" || location == "/sources/uni?running",
        "{location}"
    );
    let forged = client()
        .post(format!("{page_url}/harvest"))
        .header("Cookie", &session)
        .header("Content-Type", FORM)
        .body(form(&[("csrf", "forged")]))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);

    let endpoint =
        tests::serve_json(json!([{ "id": "e1", "title": { "en": "Robotics" } }]).to_string());
    let checked = client()
        .post(format!("{page_url}/check-endpoint"))
        .header("Cookie", &session)
        .header("Content-Type", FORM)
        .body(form(&[
            ("csrf", csrf.as_str()),
            ("url", endpoint.as_str()),
            ("protocol", "http"),
        ]))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        checked.contains(&format!("Checked: {endpoint}")),
        "{checked}"
    );
    assert!(checked.contains("Robotics"), "{checked}");
    let refused = client()
        .post(format!("{page_url}/check-endpoint"))
        .header("Content-Type", FORM)
        .body(form(&[("csrf", "none"), ("url", endpoint.as_str())]))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403, "not signed in");
    app.stop().await;
}
