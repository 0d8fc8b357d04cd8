//! One completeness (issue 26): what the publisher's record states, the same figure on
//! the credential's page, in the API, in the source's report and in `validate`; what the
//! clearinghouse assumed from the configuration (the awarding body, its country) is shown
//! as assumed and does not count.

use serde_json::json;
use tests::{TestApp, file_source};

#[actix_web::test]
async fn the_credential_page_the_api_the_report_and_validate_agree() {
    let feeds = tempfile::tempdir().unwrap();
    // Title, outcomes, credits and level stated; awarding body and country not.
    let feed = json!([{
        "id": "c1",
        "title": { "en": "Data literacy" },
        "learning_outcomes": [{ "text": { "en": "Read a chart" } }],
        "credits": { "value": 5, "scheme": "ects" },
        "eqf_level": 6
    }]);
    let sources = file_source(feeds.path(), "uni", "Uni Demo", "DE", &feed);
    let app = TestApp::spawn(&sources).await;
    app.harvest("uni").await;
    let id = model::RecordId::new(&model::SourceId::parse("uni").unwrap(), "c1");

    let (_, record) = app.get(&format!("/api/v1/credentials/{id}")).await;
    let api = record["completeness"].as_f64().unwrap();
    assert!((api - 4.0 / 9.0).abs() < 1e-9, "4 of 9 stated: {api}");
    let (_, report) = app.get("/api/v1/sources/uni/report").await;
    let reported = report["report"]["worst_records"][0]["completeness"]
        .as_f64()
        .or_else(|| report["worst_records"][0]["completeness"].as_f64())
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        (reported - api).abs() < 1e-9,
        "report {reported}, API {api}"
    );

    let page = app.text(&format!("/credentials/{id}")).await;
    assert!(
        page.contains("4 of 9 mandatory Annex I elements stated"),
        "{page}"
    );
    assert!(
        page.contains("(assumed from the source&#39;s configuration, not stated by the record)")
            || page.contains("(assumed from the source's configuration, not stated by the record)"),
        "the assumed country is listed as the publisher's gap: {page}"
    );
    assert!(page.contains("does not count"), "explained where shown");

    // `validate` on the same file says the same figure.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_clearinghouse-under-test"))
        .args(["validate", "--format", "clearinghouse-json"])
        .arg(feeds.path().join("uni.json"))
        .output()
        .expect("validate runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(44% of the mandatory elements)"), "{text}");
    assert!(text.contains("does not count"), "{text}");
    app.stop().await;
}
