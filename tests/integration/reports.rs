//! The feed-quality report of a stored source (`GET /api/v1/sources/{id}/report` and the
//! `/sources` page): counted from the records as published, failures of the last run,
//! the least complete records, and up to date after every harvest.

use tests::{FeedRecord, FeedServer, TestApp, oai_source};

const DC: &str = r#"xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

/// A Dublin Core record with a title and nothing else the report counts.
fn title_only(identifier: &str, title: &str) -> FeedRecord {
    FeedRecord {
        metadata: format!(
            r#"<oai_dc:dc {DC}><dc:title xml:lang="en">{title}</dc:title><dc:identifier>{identifier}</dc:identifier></oai_dc:dc>"#
        ),
        ..FeedRecord::dc(identifier, title, "")
    }
}

fn totals<'a>(report: &'a serde_json::Value, element: &str) -> &'a serde_json::Value {
    report["report"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|totals| totals["element"] == element)
        .unwrap_or_else(|| panic!("no totals for {element}: {report}"))
}

#[actix_web::test]
async fn report_counts_the_published_records_and_follows_each_harvest() {
    let mut records: Vec<FeedRecord> = (0..12)
        .map(|i| {
            FeedRecord::dc(
                &format!("oai:feed.example:{i}"),
                &format!("Marine biology {i}"),
                "Coral reefs and ocean ecosystems.",
            )
        })
        .collect();
    // Two records without a publisher, one without a title (it fails to be read).
    records[4] = title_only("oai:feed.example:4", "Volcanology 4");
    records[9] = title_only("oai:feed.example:9", "Volcanology 9");
    records[6].metadata =
        format!(r#"<oai_dc:dc {DC}><dc:identifier>oai:feed.example:6</dc:identifier></oai_dc:dc>"#);
    let feed = FeedServer::start(records, 5);
    let app = TestApp::spawn(&oai_source("feed-u", &feed.oai_url())).await;
    app.harvest("feed-u").await;

    let (status, report) = app.get("/api/v1/sources/feed-u/report").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["report"]["n_records"], 11, "{report}");
    assert_eq!(report["report"]["n_failed_records"], 1);
    assert_eq!(
        report["report"]["failed_records"][0]["upstream_id"],
        "oai:feed.example:6"
    );
    assert_eq!(totals(&report, "title")["present"], 11);
    assert_eq!(totals(&report, "awarding_body")["present"], 9);
    assert_eq!(totals(&report, "awarding_body")["missing"], 2);
    // The country comes from the configuration, not from the feed: as published, every
    // record lacks it.
    assert_eq!(totals(&report, "country")["missing"], 11);
    let worst: Vec<&str> = report["report"]["worst_records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|worst| worst["upstream_id"].as_str().unwrap())
        .collect();
    assert_eq!(worst[..2], ["oai:feed.example:4", "oai:feed.example:9"]);
    assert!(report["last_run"].as_str().unwrap().starts_with("feed-u@"));

    let (_, one) = app.get("/api/v1/sources/feed-u/report?worst=1").await;
    assert_eq!(one["report"]["worst_records"].as_array().unwrap().len(), 1);
    assert_eq!(
        one["report"]["worst_records"][0]["upstream_id"],
        "oai:feed.example:4"
    );
    // Asked again with nothing changed: the same report (from the cache).
    let (_, again) = app.get("/api/v1/sources/feed-u/report").await;
    assert_eq!(again, report);

    // The publisher fixes record 4 and record 6, and withdraws record 0: the next report
    // says so.
    feed.edit(|state| {
        state.records[4] = FeedRecord::dc(
            "oai:feed.example:4",
            "Volcanology 4",
            "Eruptions and magma chambers.",
        );
        state.records[6] = FeedRecord::dc("oai:feed.example:6", "Marine biology 6", "Reefs.");
        state.records[0].deleted = true;
        state.records[0].datestamp = "2026-10-02".to_owned();
        for record in [4, 6] {
            state.records[record].datestamp = "2026-10-02".to_owned();
        }
    });
    app.harvest("feed-u").await;
    let (_, report) = app.get("/api/v1/sources/feed-u/report").await;
    assert_eq!(report["report"]["n_records"], 11, "{report}");
    assert_eq!(report["report"]["n_failed_records"], 0, "{report}");
    assert_eq!(totals(&report, "awarding_body")["missing"], 1);
    assert_eq!(
        report["report"]["worst_records"][0]["upstream_id"],
        "oai:feed.example:9"
    );

    // The source's page shows the same report, and the index links to it.
    let index = app.text("/sources").await;
    assert!(index.contains("href=\"/sources/feed-u\""), "{index}");
    let page = app
        .client
        .get(format!("{}/sources/feed-u", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("oai:feed.example:9"), "{html}");

    let (status, body) = app.get("/api/v1/sources/nope/report").await;
    assert_eq!(status, 404, "{body}");
    app.stop().await;
    feed.stop().await;
}
