//! Across languages, through the API: a Swedish and a German course find their English
//! equivalents at another institution, an own-language decoy does not outrank them, and
//! without the model the bridge says it is off and outcomes in different languages are
//! "compare them yourself", never "not covered".
//!
//! The tests with the model need `EMBED_MODEL` (the path `embed/fetch-model.sh` prints;
//! `.ci/run` sets it); without it they print that they did not run.

use serde_json::{Value, json};
use tests::TestApp;

/// The centred cosine from which the lookup adds a candidate by meaning.
const BRIDGE_MIN: f64 = 0.2;

fn id_of(source: &str, upstream: &str) -> String {
    model::RecordId::new(&model::SourceId::parse(source).unwrap(), upstream).to_string()
}

fn course(id: &str, lang: &str, title: &str, description: &str, outcomes: &[&str]) -> Value {
    json!({
        "id": id,
        "title": {lang: title},
        "description": {lang: description},
        "learning_outcomes": outcomes.iter().map(|o| json!({"text": {lang: o}})).collect::<Vec<_>>(),
        "credits": {"value": 5, "scheme": "ects"},
        "eqf_level": 6,
    })
}

/// The English catalogue of `uni-en`, with one Swedish-language decoy about another
/// subject.
fn english_catalogue() -> Value {
    json!([
        // Tagged English, written in Finnish (as 11 % of a real "English" catalogue).
        json!({
            "id": "mistagged",
            "title": {"en": "Tietoturvan hallinta organisaatioissa"},
            "description": {"en": "Opiskelija ymmärtää kyberturvallisuuden ja tietoturvallisuuden hallintajärjestelmien merkityksen, periaatteet ja vaatimukset organisaatioissa ja yhteiskunnassa. Opiskelija osaa hallita tietoturvariskejä systemaattisesti."},
            "credits": {"value": 5, "scheme": "ects"},
        }),
        course(
            "sus",
            "en",
            "Sustainability in Business",
            "The course introduces corporate sustainability: environmental management, responsible supply chains, sustainability reporting and how firms create value while reducing their environmental impact.",
            &[
                "The student can explain the principles of corporate sustainability.",
                "The student can analyse a company's sustainability report."
            ]
        ),
        course(
            "ml",
            "en",
            "Introduction to Machine Learning",
            "Supervised and unsupervised learning, linear models, decision trees, neural networks, model evaluation and overfitting, with programming exercises in Python.",
            &[
                "The student can train and evaluate a classifier.",
                "The student can explain overfitting and regularisation."
            ]
        ),
        course(
            "chem",
            "en",
            "Organic Chemistry",
            "Structure and reactivity of organic molecules, functional groups, reaction mechanisms, stereochemistry and laboratory safety.",
            &["The student can describe the main reaction mechanisms of organic chemistry."]
        ),
        course(
            "hist",
            "en",
            "European History since 1945",
            "Political, social and economic history of Europe after the Second World War: reconstruction, the Cold War, European integration and the enlargements of the European Union.",
            &["The student can explain the main stages of European integration."]
        ),
        course(
            "acc",
            "en",
            "Financial Accounting",
            "Double-entry bookkeeping, the balance sheet, the income statement, accruals and the preparation of financial statements under IFRS.",
            &["The student can prepare a balance sheet and an income statement."]
        ),
        course(
            "decoy",
            "sv",
            "Medeltidens arkitektur",
            "Kursen behandlar kyrkor, borgar och städer under medeltiden i Norden och Europa, byggnadstekniker och stilar från romanik till gotik.",
            &["Studenten kan beskriva gotikens byggnadsstilar."]
        ),
    ])
}

/// The held courses of `uni-abroad`: Swedish and German versions of two English ones.
fn held_catalogue() -> Value {
    json!([
        course(
            "sv-sus",
            "sv",
            "Hållbarhet i företag",
            "Kursen introducerar företagens hållbarhetsarbete: miljöledning, ansvarsfulla leverantörskedjor, hållbarhetsredovisning och hur företag skapar värde och samtidigt minskar sin miljöpåverkan.",
            &[
                "Studenten kan förklara principerna för företagens hållbarhet.",
                "Studenten kan analysera ett företags hållbarhetsrapport."
            ]
        ),
        course(
            "de-ml",
            "de",
            "Einführung in das maschinelle Lernen",
            "Überwachtes und unüberwachtes Lernen, lineare Modelle, Entscheidungsbäume, neuronale Netze, Modellbewertung und Überanpassung, mit Programmierübungen in Python.",
            &[
                "Die Studierenden können einen Klassifikator trainieren und bewerten.",
                "Die Studierenden können Überanpassung und Regularisierung erklären."
            ]
        ),
    ])
}

fn sources(dir: &std::path::Path, model: Option<&str>) -> String {
    let mut text = String::new();
    if let Some(model) = model {
        text.push_str(&format!("[multilingual]\nmodel = {model:?}\n"));
    }
    for (source, institution, country, feed) in [
        ("uni-en", "University EN", "IE", english_catalogue()),
        ("uni-abroad", "University Abroad", "SE", held_catalogue()),
    ] {
        text.push_str(&tests::file_source(
            dir,
            source,
            institution,
            country,
            &feed,
        ));
    }
    text
}

async fn spawn(feeds: &tempfile::TempDir, model: Option<&str>) -> TestApp {
    let app = TestApp::spawn(&sources(feeds.path(), model)).await;
    for source in ["uni-en", "uni-abroad"] {
        let run = app.harvest(source).await;
        assert!(run.errors.is_empty() && run.counts.added > 0, "{run:?}");
    }
    app
}

/// The model, or a note that these tests did not run.
fn model(test: &str) -> Option<String> {
    let path = std::env::var("EMBED_MODEL").ok().filter(|p| !p.is_empty());
    if path.is_none() {
        eprintln!(
            "note: {test} did not run: EMBED_MODEL is not set (run embed/fetch-model.sh and set EMBED_MODEL to the path it prints)"
        );
    }
    path
}

/// Waits until the enrichment has embedded every record.
async fn enriched(app: &TestApp, records: u64) -> Value {
    for _ in 0..600 {
        let (_, health) = app.get("/health").await;
        let multilingual = health["multilingual"].clone();
        if multilingual["backlog"] == 0
            && multilingual["records_embedded"].as_u64() == Some(records)
        {
            return multilingual;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the enrichment did not finish in 60 s");
}

async fn equivalents(app: &TestApp, held: &str) -> Value {
    let (status, body) = app
        .get(&format!(
            "/api/v1/credentials/{}/equivalents?institution=uni-en&limit=5",
            id_of("uni-abroad", held)
        ))
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_swedish_and_a_german_course_find_their_english_equivalents_above_an_own_language_decoy()
{
    let Some(model) = model("a_swedish_and_a_german_course_find_their_english_equivalents") else {
        return;
    };
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn(&feeds, Some(&model)).await;
    let status = enriched(&app, 9).await;
    assert_eq!(status["enabled"], true, "{status}");
    assert!(
        status["languages"].to_string().contains("\"sv\""),
        "{status}"
    );

    for (held, expected) in [("sv-sus", "sus"), ("de-ml", "ml")] {
        let found = equivalents(&app, held).await;
        let hits = found["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{held}: {found}");
        assert_eq!(
            hits[0]["credential"]["id"],
            id_of("uni-en", expected),
            "{held}: {found}"
        );
        assert_eq!(hits[0]["across_languages"]["described_in"], "en", "{found}");
        let best = hits[0]["across_languages"]["similarity"].as_f64().unwrap();
        // The Swedish decoy, in the held course's own language or close to it, is not
        // preferred to the right course in English.
        for hit in hits {
            if hit["credential"]["id"] == id_of("uni-en", "decoy") {
                assert!(hit["score"].as_f64() < hits[0]["score"].as_f64(), "{found}");
            }
        }
        assert!(best > BRIDGE_MIN, "{held}: {best}");
    }

    // Outcomes in Swedish and English are aligned by meaning, not "not covered".
    let (status, compared) = app
        .get(&format!(
            "/api/v1/compare?a={}&b={}",
            id_of("uni-abroad", "sv-sus"),
            id_of("uni-en", "sus")
        ))
        .await;
    assert_eq!(status, 200, "{compared}");
    let alignment = compared["comparison"]["outcome_alignment"]
        .as_array()
        .unwrap();
    assert_eq!(alignment.len(), 2, "{compared}");
    for pair in alignment {
        assert_eq!(pair["not_compared_across_languages"], false, "{compared}");
        assert!(pair["b_index"].is_number(), "{compared}");
    }
    assert_eq!(alignment[0]["b_index"], 0, "{compared}");
    assert_eq!(alignment[1]["b_index"], 1, "{compared}");

    // Search: a Polish query finds the English and German courses about machine
    // learning by meaning, marked as such; a Swedish one finds the Swedish course by its
    // words first and the English one after it.
    let (status, found) = app.get("/api/v1/search?q=uczenie%20maszynowe").await;
    assert_eq!(status, 200, "{found}");
    let hits = found["hits"].as_array().unwrap();
    assert!(
        hits.iter()
            .take(2)
            .any(|h| h["id"] == id_of("uni-en", "ml")),
        "{found}"
    );
    let english = hits
        .iter()
        .find(|h| h["id"] == id_of("uni-en", "ml"))
        .unwrap();
    assert_eq!(english["across_languages"]["described_in"], "en", "{found}");
    let (_, found) = app.get("/api/v1/search?q=h%C3%A5llbarhet").await;
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(hits[0]["id"], id_of("uni-abroad", "sv-sus"), "{found}");
    assert!(hits[0]["across_languages"].is_null(), "{found}");
    assert!(
        hits.iter()
            .any(|h| h["id"] == id_of("uni-en", "sus")
                && h["across_languages"]["described_in"] == "en"),
        "{found}"
    );
    // Filters still apply to what is found by meaning; facets keep counting.
    let (_, filtered) = app
        .get("/api/v1/search?q=uczenie%20maszynowe&country=DE")
        .await;
    assert!(
        filtered["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["country"] == "DE"),
        "{filtered}"
    );
    let page = app.text("/?q=uczenie+maszynowe").await;
    assert!(
        page.contains("Described in English · found by meaning"),
        "{page}"
    );

    // The vectors and language means survive a restart: nothing is embedded again.
    let data_dir = app.stop().await;
    let text = sources(feeds.path(), Some(&model));
    let app = TestApp::spawn_in(data_dir, &text).await;
    let (_, health) = app.get("/health").await;
    assert_eq!(health["multilingual"]["records_embedded"], 9, "{health}");
    let found = equivalents(&app, "sv-sus").await;
    assert_eq!(found["hits"][0]["credential"]["id"], id_of("uni-en", "sus"));

    // A course withdrawn upstream leaves the vectors: it is never found by meaning again.
    let mut catalogue = english_catalogue();
    catalogue
        .as_array_mut()
        .unwrap()
        .retain(|c| c["id"] != "sus");
    std::fs::write(feeds.path().join("uni-en.json"), catalogue.to_string()).unwrap();
    let run = app.harvest("uni-en").await;
    assert_eq!(run.counts.deleted, 1, "{run:?}");
    enriched(&app, 8).await;
    let found = equivalents(&app, "sv-sus").await;
    assert!(
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["credential"]["id"] != id_of("uni-en", "sus")),
        "{found}"
    );
}

#[tokio::test]
async fn without_a_model_the_bridge_is_off_says_why_and_outcomes_in_other_languages_are_not_called_uncovered()
 {
    let feeds = tempfile::tempdir().unwrap();
    let app = spawn(&feeds, None).await;
    let (_, health) = app.get("/health").await;
    assert_eq!(health["multilingual"]["enabled"], false, "{health}");
    assert!(
        health["multilingual"]["off_because"]
            .as_str()
            .unwrap()
            .contains("[multilingual] model"),
        "{health}"
    );
    let sources_page = app.text("/sources").await;
    assert!(
        sources_page.contains("Multilingual model off: records are found only in the language"),
        "{sources_page}"
    );
    // A Finnish description tagged English is indexed as Finnish, and the publisher is
    // told.
    let (status, record) = app
        .get(&format!(
            "/api/v1/credentials/{}",
            id_of("uni-en", "mistagged")
        ))
        .await;
    assert_eq!(status, 200, "{record}");
    let credential = &record["credential"];
    assert!(credential["description"]["fi"].is_string(), "{credential}");
    assert!(credential["description"]["en"].is_null(), "{credential}");
    assert!(
        credential.to_string().contains("reads as Finnish"),
        "{credential}"
    );
    let (status, compared) = app
        .get(&format!(
            "/api/v1/compare?a={}&b={}",
            id_of("uni-abroad", "sv-sus"),
            id_of("uni-en", "sus")
        ))
        .await;
    assert_eq!(status, 200, "{compared}");
    for pair in compared["comparison"]["outcome_alignment"]
        .as_array()
        .unwrap()
    {
        assert_eq!(pair["not_compared_across_languages"], true, "{compared}");
    }
    let outcomes = compared["comparison"]["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["element"] == "learning_outcomes")
        .cloned()
        .unwrap_or_else(|| panic!("{compared}"));
    assert_eq!(outcomes["verdict"], "unknown", "{outcomes}");
    assert!(
        outcomes["reason"]
            .as_str()
            .unwrap()
            .contains("compare them yourself"),
        "{outcomes}"
    );
    let page = app
        .text(&format!(
            "/compare?a={}&b={}",
            id_of("uni-abroad", "sv-sus"),
            id_of("uni-en", "sus")
        ))
        .await;
    assert!(page.contains("Outcomes in different languages: compare them yourself"));
    assert!(!page.contains("Not covered"));

    // With a model file that does not load, the server still runs and says why.
    let bad = feeds.path().join("broken-model.bin");
    std::fs::write(&bad, b"not a model").unwrap();
    let data_dir = app.stop().await;
    let app = TestApp::spawn_in(
        data_dir,
        &sources(feeds.path(), Some(bad.to_str().unwrap())),
    )
    .await;
    let (_, health) = app.get("/health").await;
    assert_eq!(health["multilingual"]["enabled"], false, "{health}");
    assert!(
        health["multilingual"]["off_because"]
            .as_str()
            .unwrap()
            .contains("broken-model.bin"),
        "{health}"
    );
}
