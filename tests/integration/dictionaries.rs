//! Across languages through a bilingual dictionary, with the multilingual model off: a
//! Finnish course finds its English equivalent at another institution through a tiny
//! Finnish–English dictionary the test writes (FreeDict's dictd layout, as Debian
//! installs it), the hit says the translation compared them, `/health` lists the pair;
//! without the dictionaries the same lookup finds nothing and `/health` says why.

use serde_json::{Value, json};
use tests::TestApp;

fn id_of(source: &str, upstream: &str) -> String {
    model::RecordId::new(&model::SourceId::parse(source).unwrap(), upstream).to_string()
}

fn course(id: &str, lang: &str, title: &str, description: &str) -> Value {
    json!({
        "id": id,
        "title": {lang: title},
        "description": {lang: description},
        "credits": {"value": 5, "scheme": "ects"},
        "eqf_level": 6,
    })
}

/// The English catalogue of `uni-en`: the Finnish course's equivalent and courses that
/// share a word or two with it.
fn english_catalogue() -> Value {
    json!([
        course(
            "cyber",
            "en",
            "Cyber Security Management",
            "The student understands the importance and the principles of management systems for cyber security and information security in organisations and in society."
        ),
        course(
            "web",
            "en",
            "Security of Web Applications",
            "Common vulnerabilities of web applications, secure coding, authentication and session handling, with exercises on a deliberately vulnerable site."
        ),
        course(
            "ml",
            "en",
            "Introduction to Machine Learning",
            "Supervised and unsupervised learning, linear models, decision trees, neural networks, model evaluation and overfitting."
        ),
        course(
            "acc",
            "en",
            "Financial Accounting",
            "Double-entry bookkeeping, the balance sheet, the income statement and the preparation of financial statements."
        ),
        course(
            "org",
            "en",
            "Organisational Behaviour",
            "How people behave in organisations: motivation, teams, leadership and organisational culture."
        ),
    ])
}

/// The Finnish course of `uni-fi`.
fn finnish_catalogue() -> Value {
    json!([course(
        "kyber",
        "fi",
        "Kyberturvallisuuden hallinta",
        "Opiskelija ymmärtää kyberturvallisuuden ja tietoturvallisuuden hallintajärjestelmien merkityksen ja periaatteet organisaatioissa ja yhteiskunnassa."
    )])
}

/// A few Finnish–English entries in the layout of FreeDict's WikDict dictionaries
/// (translations, then a gloss in Finnish that is not one).
fn write_dictionary(dir: &std::path::Path) {
    let wikdict = "00-database-short\nsuomi-English FreeDict+WikDict dictionary\n";
    let entry = |headword: &str, english: &str| {
        format!("{headword} /x/ <n>\n{english}\nselitys suomeksi\n")
    };
    let entries: Vec<(&str, String)> = vec![
        ("00databaseshort", wikdict.to_owned()),
        (
            "kyberturvallisuus",
            entry("kyberturvallisuus", "cyber security"),
        ),
        (
            "tietoturvallisuus",
            entry("tietoturvallisuus", "information security"),
        ),
        (
            "hallinta",
            entry("hallinta", "1. management\nhallinto\n2. control"),
        ),
        (
            "hallintajärjestelmä",
            entry("hallintajärjestelmä", "management system"),
        ),
        ("opiskelija", entry("opiskelija", "student")),
        ("ymmärtää", entry("ymmärtää", "understand")),
        ("merkitys", entry("merkitys", "importance, meaning")),
        ("periaate", entry("periaate", "principle")),
        (
            "organisaatio",
            entry("organisaatio", "organisation, organization"),
        ),
        ("yhteiskunta", entry("yhteiskunta", "society")),
        ("ja", entry("ja", "and")),
    ];
    let borrowed: Vec<(&str, &str)> = entries.iter().map(|(h, t)| (*h, t.as_str())).collect();
    write_dictd(dir, &borrowed);
}

/// Writes `entries` as `dir/freedict-fin-eng.index` and `.dict` by hand, apart from the
/// reader's own writer (dictd: each index line
/// the headword, then the entry's offset and length in base 64).
fn write_dictd(dir: &std::path::Path, entries: &[(&str, &str)]) {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let base64 = |mut n: usize| {
        let mut out = Vec::new();
        loop {
            out.push(DIGITS[n % 64]);
            n /= 64;
            if n == 0 {
                break;
            }
        }
        out.reverse();
        String::from_utf8(out).unwrap()
    };
    let (mut data, mut index) = (String::new(), String::new());
    for (headword, text) in entries {
        index.push_str(&format!(
            "{headword}\t{}\t{}\n",
            base64(data.len()),
            base64(text.len())
        ));
        data.push_str(text);
    }
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("freedict-fin-eng.index"), index).unwrap();
    std::fs::write(dir.join("freedict-fin-eng.dict"), data).unwrap();
}

fn sources(dir: &std::path::Path, dictionaries: &std::path::Path) -> String {
    let mut text = format!(
        "[multilingual]\ndictionaries = {:?}\n",
        dictionaries.display().to_string()
    );
    for (source, institution, country, feed) in [
        ("uni-en", "University EN", "IE", english_catalogue()),
        ("uni-fi", "University FI", "FI", finnish_catalogue()),
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

async fn spawn(feeds: &tempfile::TempDir, dictionaries: &std::path::Path) -> TestApp {
    let app = TestApp::spawn(&sources(feeds.path(), dictionaries)).await;
    for source in ["uni-en", "uni-fi"] {
        let run = app.harvest(source).await;
        assert!(run.errors.is_empty() && run.counts.added > 0, "{run:?}");
    }
    app
}

/// `/health`'s `multilingual` once the dictionaries are read (the server reads them in
/// the background).
async fn dictionaries_read(app: &TestApp) -> Value {
    for _ in 0..600 {
        let (_, health) = app.get("/health").await;
        if health["multilingual"]["dictionaries_loading"] == false {
            return health["multilingual"].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the dictionaries were not read in 30 s");
}

async fn equivalents(app: &TestApp) -> Value {
    let (status, body) = app
        .get(&format!(
            "/api/v1/credentials/{}/equivalents?institution=uni-en&limit=5",
            id_of("uni-fi", "kyber")
        ))
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_finnish_course_finds_its_english_equivalent_through_a_dictionary_without_the_model() {
    let feeds = tempfile::tempdir().unwrap();
    let dictionaries = feeds.path().join("dictd");
    write_dictionary(&dictionaries);
    let app = spawn(&feeds, &dictionaries).await;
    let status = dictionaries_read(&app).await;
    assert_eq!(status["enabled"], false, "the model is off: {status}");
    assert_eq!(status["dictionaries"][0]["pair"], "fin-eng", "{status}");
    assert_eq!(status["dictionaries"][0]["from"], "fi", "{status}");
    assert_eq!(status["dictionaries"][0]["headwords"], 11, "{status}");
    assert!(status.get("dictionaries_off_because").is_none(), "{status}");

    let found = equivalents(&app).await;
    let hits = found["hits"].as_array().unwrap();
    assert!(!hits.is_empty(), "{found}");
    assert_eq!(
        hits[0]["credential"]["id"],
        id_of("uni-en", "cyber"),
        "{found}"
    );
    let translated = &hits[0]["translated"];
    assert_eq!(translated["from"], "fi", "{found}");
    let coverage = translated["coverage"].as_f64().unwrap();
    assert!(
        coverage > 0.8,
        "the dictionary knows nearly every word: {found}"
    );
    assert!(translated["similarity"].as_f64().unwrap() > 0.3, "{found}");
    assert!(hits[0].get("across_languages").is_none(), "{found}");
    // The course sharing only "security" comes after it, if at all.
    for hit in &hits[1..] {
        assert!(hit["score"].as_f64() < hits[0]["score"].as_f64(), "{found}");
    }

    // An English lookup is not translated.
    let (_, english) = app
        .get(&format!(
            "/api/v1/credentials/{}/equivalents?limit=5",
            id_of("uni-en", "cyber")
        ))
        .await;
    for hit in english["hits"].as_array().unwrap() {
        assert!(hit.get("translated").is_none(), "{english}");
    }

    // Without the dictionaries (a folder that does not exist) the same lookup does not
    // find it, and /health says why.
    let data_dir = app.stop().await;
    let missing = feeds.path().join("no-dictionaries-here");
    let app = TestApp::spawn_in(data_dir, &sources(feeds.path(), &missing)).await;
    let status = dictionaries_read(&app).await;
    assert_eq!(status["dictionaries"], json!([]), "{status}");
    assert!(
        status["dictionaries_off_because"]
            .as_str()
            .unwrap()
            .contains("no-dictionaries-here"),
        "{status}"
    );
    let found = equivalents(&app).await;
    assert!(
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|hit| hit["credential"]["id"] != id_of("uni-en", "cyber")),
        "{found}"
    );
}
