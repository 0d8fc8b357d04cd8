//! One institution per publisher (issue 25): whatever language its records name it in
//! and however many feeds it publishes, an institution is one value of the facet, keyed
//! by its SCHAC code (else its source's id) and named in the reader's language; the
//! `institution` filter takes the key or, for compatibility, any of its names.

use serde_json::{Value, json};
use tests::{TestApp, file_source};

fn course(id: &str, title: &str, awarding_body: Option<Value>) -> Value {
    let mut record = json!({ "id": id, "title": { "en": title } });
    if let Some(body) = awarding_body {
        record["awarding_body"] = body;
    }
    record
}

/// The institution facet's values: key, label and count.
fn institution_facet(found: &Value) -> Vec<(String, String, u64)> {
    tests::facet_values(found, "institution")
}

#[actix_web::test]
async fn an_institution_named_in_several_languages_is_one_facet_value() {
    let feeds = tempfile::tempdir().unwrap();
    let german = json!({ "name": { "de": "Technische Universität Demo" } });
    let english = json!({ "name": { "en": "Technical University Demo" } });
    let both = json!({ "name": { "de": "Technische Universität Demo", "en": "Technical University Demo" } });
    let json_feed = json!([
        course("a", "Robotics basics", Some(german.clone())),
        course("b", "Robotics ethics", Some(english)),
        course("c", "Robotics lab", Some(both)),
        course("d", "Robotics history", None),
    ]);
    // The same university's second feed, naming it in German only.
    let second_feed = json!([course("e", "Robotics seminar", Some(german))]);
    let other_feed = json!([course("f", "Robotics in Lyon", None)]);
    let mut sources = file_source(
        feeds.path(),
        "tu-json",
        "Technische Universität Demo",
        "DE",
        &json_feed,
    );
    sources.push_str(
        "schac = \"tu-demo.example\"\n\
         institution_names = { en = \"Technical University Demo\", pl = \"Uniwersytet Techniczny Demo\" }\n",
    );
    sources.push_str(&file_source(
        feeds.path(),
        "tu-second",
        "Technische Universität Demo",
        "DE",
        &second_feed,
    ));
    sources.push_str("schac = \"TU-Demo.example\"\n");
    sources.push_str(&file_source(
        feeds.path(),
        "lyon",
        "Université Démo de Lyon",
        "FR",
        &other_feed,
    ));
    let app = TestApp::spawn(&sources).await;
    for source in ["tu-json", "tu-second", "lyon"] {
        let run = app.harvest(source).await;
        assert_eq!(run.counts.failed, 0, "{source}: {run:?}");
    }

    let (status, found) = app.get("/api/v1/search?q=robotics").await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["total"], 6);
    assert_eq!(
        institution_facet(&found),
        [
            (
                "tu-demo.example".to_owned(),
                "Technische Universität Demo".to_owned(),
                5
            ),
            ("lyon".to_owned(), "Université Démo de Lyon".to_owned(), 1),
        ],
        "German, English, both and unnamed records of two feeds: one institution, by its \
         own name when the reader names no language"
    );

    // Named in the reader's language, in the facet and in every hit.
    let polish = app
        .client
        .get(format!(
            "{}/api/v1/search?q=robotics&per_page=20",
            app.base_url
        ))
        .header("Accept-Language", "pl")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(
        institution_facet(&polish)[0],
        (
            "tu-demo.example".to_owned(),
            "Uniwersytet Techniczny Demo".to_owned(),
            5
        )
    );
    for hit in polish["hits"].as_array().unwrap() {
        if hit["institution_key"] == "tu-demo.example" {
            assert_eq!(hit["institution"], "Uniwersytet Techniczny Demo", "{hit}");
        } else {
            assert_eq!(hit["institution_key"], "lyon", "{hit}");
        }
    }

    // The filter takes the key, a source's id or any of the names: the same five.
    for filter in [
        "tu-demo.example",
        "tu-second",
        "Technical%20University%20Demo",
        "Technische%20Universit%C3%A4t%20Demo",
        "Uniwersytet%20Techniczny%20Demo",
    ] {
        let (status, only) = app
            .get(&format!("/api/v1/search?q=robotics&institution={filter}"))
            .await;
        assert_eq!(status, 200, "{filter}: {only}");
        assert_eq!(only["total"], 5, "{filter}");
        let facet = institution_facet(&only);
        let selected: Vec<&Value> = only["facets"]["institution"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["selected"] == true)
            .collect();
        assert_eq!(selected.len(), 1, "{filter}: {facet:?}");
        assert_eq!(selected[0]["value"], "tu-demo.example", "{filter}");
    }
    let (_, nobody) = app
        .get("/api/v1/search?q=robotics&institution=Famous%20University")
        .await;
    assert_eq!(nobody["total"], 0, "a name no record gives");

    // The page: one box per institution, named in the page's language, its key the value.
    let page = app.text("/?q=robotics&lang=pl").await;
    assert_eq!(
        page.matches("Uniwersytet Techniczny Demo").count(),
        1 + 5,
        "one facet label and five hits"
    );
    assert!(!page.contains("Technische Universität Demo"), "{page}");
    assert!(page.contains("value=\"tu-demo.example\""), "{page}");
    let english = app.text("/?q=robotics&institution=tu-demo.example").await;
    assert!(english.contains("Technical University Demo"));
    assert!(!english.contains("Robotics in Lyon"));
    // The equivalents of Lyon's course at the institution, by its key or a name.
    let lyon = model::RecordId::new(&model::SourceId::parse("lyon").unwrap(), "f");
    for institution in [
        "tu-demo.example",
        "Technical%20University%20Demo",
        "tu-second",
    ] {
        let (status, found) = app
            .get(&format!(
                "/api/v1/credentials/{lyon}/equivalents?institution={institution}&threshold=0"
            ))
            .await;
        assert_eq!(status, 200, "{institution}: {found}");
    }
    let (status, refused) = app
        .get(&format!(
            "/api/v1/credentials/{lyon}/equivalents?institution=nowhere"
        ))
        .await;
    assert_eq!(status, 400, "{refused}");
    app.stop().await;
}
