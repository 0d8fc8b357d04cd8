//! Who may publish what (issue 23): a source publishes for its own institution (and the
//! awarding bodies it is registered for); a record naming another is kept but shown and
//! faceted as an unverified claim, never under the institution it names; an aggregator
//! may name anyone; upstream provenance is kept only from a source configured as a
//! clearinghouse.

use serde_json::json;
use tests::{TestApp, file_source};

#[actix_web::test]
async fn a_record_naming_another_awarding_body_is_an_unverified_claim() {
    let feeds = tempfile::tempdir().unwrap();
    let famous = json!({ "name": { "en": "Famous University" }, "country": "FR" });
    let hop = json!({
        "clearinghouse": "forged.example", "record_id": "x.1", "source_id": "x", "upstream_id": "1"
    });
    let impostor = json!([
        { "id": "own", "title": { "en": "Marine ecology" },
          "awarding_body": { "name": { "en": "Small College" } } },
        { "id": "claim", "title": { "en": "Marine ecology advanced" }, "awarding_body": famous,
          "provenance": hop }
    ]);
    let portal = json!([
        { "id": "listed", "title": { "en": "Marine ecology for all" }, "awarding_body": famous,
          "provenance": hop }
    ]);
    let mut sources = file_source(feeds.path(), "small", "Small College", "IE", &impostor);
    sources.push_str(&file_source(
        feeds.path(),
        "portal",
        "A portal",
        "BE",
        &portal,
    ));
    sources.push_str("role = \"clearinghouse\"\n");
    let app = TestApp::spawn(&sources).await;
    app.harvest("small").await;
    app.harvest("portal").await;

    // Faceted apart: the claim is never counted under the institution it names.
    let (_, found) = app.get("/api/v1/search?q=marine").await;
    let institutions = tests::facet_values(&found, "institution");
    let has =
        |value: &str, label: &str| institutions.contains(&(value.to_owned(), label.to_owned(), 1));
    // The portal may name anyone: the awarding body, by its name.
    assert!(
        has("name:Famous University", "Famous University"),
        "{institutions:?}"
    );
    assert!(
        has(
            "claim:Famous University",
            "Famous University (unverified claim)"
        ),
        "{institutions:?}"
    );
    // The college's own record: its institution, keyed by its source.
    assert!(has("small", "Small College"), "{institutions:?}");
    for (filter, title) in [
        ("claim:Famous%20University", "Marine ecology advanced"),
        ("name:Famous%20University", "Marine ecology for all"),
        ("small", "Marine ecology"),
    ] {
        let (_, only) = app
            .get(&format!("/api/v1/search?q=marine&institution={filter}"))
            .await;
        assert_eq!(only["total"], 1, "{filter}: {only}");
        assert_eq!(only["hits"][0]["title"], title, "{filter}");
    }
    let unverified: Vec<(&str, bool)> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["title"].as_str().unwrap(),
                h["institution_unverified"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(
        unverified.contains(&("Marine ecology advanced", true)),
        "{unverified:?}"
    );
    assert!(unverified.contains(&("Marine ecology for all", false)));
    assert!(unverified.contains(&("Marine ecology", false)));

    // The page says who published it, and links no website under the claimed name.
    let claim = model::RecordId::new(&model::SourceId::parse("small").unwrap(), "claim");
    let page = app.text(&format!("/credentials/{claim}")).await;
    assert!(
        page.contains(
            "Published by Small College, which is not registered to publish for this awarding body"
        ),
        "{page}"
    );
    assert!(!page.contains("Institution’s website"));

    // Forged hops are dropped with a note; a clearinghouse's are kept.
    let (_, record) = app.get(&format!("/api/v1/credentials/{claim}")).await;
    assert!(record["provenance"].get("via").is_none(), "{record}");
    assert!(
        record
            .to_string()
            .contains("not configured as a clearinghouse"),
        "{record}"
    );
    let listed = model::RecordId::new(&model::SourceId::parse("portal").unwrap(), "listed");
    let (_, record) = app.get(&format!("/api/v1/credentials/{listed}")).await;
    assert_eq!(
        record["provenance"]["via"].as_array().map(Vec::len),
        Some(1),
        "{record}"
    );
    app.stop().await;
}
