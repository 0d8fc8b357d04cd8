//! The OAI-PMH provider end to end: every verb and error over a real store, paging with
//! tokens that survive a restart, deletions, and a second clearinghouse harvesting the
//! first in the rich format.

use std::path::Path;

use model::{RecordId, RunOutcome, SourceId};
use quick_xml::events::Event;
use serde_json::json;
use tests::TestApp;

/// One element of a response: its qualified name, attributes, text and children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|child| child.name == name)
    }

    fn all(&self, name: &str) -> Vec<&Node> {
        let mut found = Vec::new();
        for child in &self.children {
            if child.name == name {
                found.push(child);
            }
            found.extend(child.all(name));
        }
        found
    }

    /// The code of the `<error>`, if the response is one.
    fn error_code(&self) -> Option<&str> {
        self.child("error")
            .and_then(|error| error.attribute("code"))
    }
}

/// Parses a response, failing the test if it is not well-formed XML.
fn parse(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => stack.push(open(&start)),
            Ok(Event::Empty(start)) => {
                let node = open(&start);
                stack.last_mut().unwrap().children.push(node);
            }
            Ok(Event::End(_)) => {
                let node = stack.pop().unwrap();
                stack.last_mut().expect("balanced").children.push(node);
            }
            Ok(Event::Text(text)) => {
                let text = text.xml10_content();
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Ok(Event::GeneralRef(reference)) => {
                let text = match reference.resolve_char_ref().expect("a valid reference") {
                    Some(c) => c.to_string(),
                    None => {
                        let name = reference.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("only predefined entities")
                            .to_owned()
                    }
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => panic!(
                "not well-formed at {}: {err}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut document = stack.pop().unwrap();
    assert_eq!(document.children.len(), 1, "one root element");
    let root = document.children.remove(0);
    assert_eq!(root.name, "OAI-PMH");
    assert_eq!(
        root.attribute("xmlns"),
        Some("http://www.openarchives.org/OAI/2.0/")
    );
    assert!(root.child("responseDate").is_some());
    assert!(root.child("request").is_some());
    root
}

fn open(start: &quick_xml::events::BytesStart<'_>) -> Node {
    Node {
        name: start.name().as_ref().to_owned(),
        attributes: start
            .attributes()
            .map(|attribute| {
                let attribute = attribute.expect("well-formed attribute");
                (
                    attribute.key.as_ref().to_owned(),
                    attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute decodes")
                        .into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    }
}

/// GETs `/oai?{query}`: always 200 and an OAI-PMH document.
async fn oai(app: &TestApp, query: &str) -> Node {
    let response = app
        .client
        .get(format!("{}/oai?{query}", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "{query}");
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/xml"), "{content_type}");
    parse(&response.text().await.unwrap())
}

/// The catalogue of the first clearinghouse's file source: `n` records with a title,
/// credits, a level and outcomes; every seventh in Austria; text that XML must escape.
fn feed(n: usize, skip: &[usize]) -> String {
    let records: Vec<serde_json::Value> = (0..n)
        .filter(|i| !skip.contains(i))
        .map(|i| {
            json!({
                "id": format!("course-{i}"),
                "title": { "en": format!("Course {i} <&> \"quoted\" ]]> \u{1}end"), "de": format!("Kurs {i}") },
                "credits": { "value": 2.5 + i as f64, "scheme": "ects" },
                "eqf_level": 5 + (i % 3),
                "learning_outcomes": [ { "text": { "en": format!("Outcome {i} & more") } } ],
                "awarding_body": {
                    "name": { "en": "TU Demo" },
                    "country": if i % 7 == 0 { "AT" } else { "DE" }
                }
            })
        })
        .collect();
    serde_json::to_string(&records).unwrap()
}

fn file_source(path: &Path) -> String {
    format!(
        "[[sources]]\nid = \"demo-tu\"\ninstitution = \"TU Demo\"\ncountry = \"DE\"\nprotocol = \"file\"\nurl = {:?}\nformat = \"clearinghouse-json\"\n",
        path.display().to_string()
    )
}

/// Every page of a list, following tokens; the headers and the token elements seen.
async fn list_all(app: &TestApp, verb: &str, query: &str) -> (Vec<Node>, Vec<Node>) {
    let mut items = Vec::new();
    let mut tokens = Vec::new();
    let mut page = oai(app, &format!("verb={verb}&{query}")).await;
    loop {
        assert_eq!(page.error_code(), None, "{page:?}");
        let mut list = page.children.into_iter().find(|c| c.name == verb).unwrap();
        let token = list
            .children
            .iter()
            .position(|c| c.name == "resumptionToken")
            .map(|i| list.children.remove(i));
        items.extend(list.children);
        let Some(token) = token else { break };
        let text = token.text.clone();
        tokens.push(token);
        if text.is_empty() {
            break;
        }
        page = oai(app, &format!("verb={verb}&resumptionToken={text}")).await;
    }
    (items, tokens)
}

fn header_of(item: &Node) -> &Node {
    if item.name == "header" {
        item
    } else {
        item.child("header").unwrap()
    }
}

/// Waits until the stopped server's worker threads have let go of the sled store.
async fn wait_for_store_lock(data_dir: &Path) {
    for _ in 0..200 {
        if store::Store::open(&data_dir.join("store")).is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the store in {} stays locked", data_dir.display());
}

#[actix_web::test]
async fn every_verb_pages_deletes_and_errors_as_the_protocol_says() {
    let feed_dir = tempfile::tempdir().unwrap();
    let feed_path = feed_dir.path().join("feed.json");
    std::fs::write(&feed_path, feed(230, &[])).unwrap();
    let app = TestApp::spawn(&file_source(&feed_path)).await;
    assert_eq!(app.harvest("demo-tu").await.counts.added, 230);
    // Records 3 and 4 vanish from the complete feed: tombstones.
    std::fs::write(&feed_path, feed(230, &[3, 4])).unwrap();
    assert_eq!(app.harvest("demo-tu").await.counts.deleted, 2);

    let identify = oai(&app, "verb=Identify").await;
    let identify = identify.child("Identify").unwrap();
    assert_eq!(identify.child("deletedRecord").unwrap().text, "persistent");
    assert_eq!(
        identify.child("granularity").unwrap().text,
        "YYYY-MM-DDThh:mm:ssZ"
    );
    assert_eq!(
        identify.child("baseURL").unwrap().text,
        format!("{}/oai", app.base_url)
    );

    let formats = oai(&app, "verb=ListMetadataFormats").await;
    let prefixes: Vec<&str> = formats
        .all("metadataPrefix")
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(prefixes, ["oai_dc", "clearinghouse-json"]);
    let schema = app
        .client
        .get(format!("{}/oai/clearinghouse-json.xsd", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(schema.status().as_u16(), 200);

    // Three pages of headers; the last token element is empty; cursor and size hold.
    let (headers, tokens) = list_all(&app, "ListIdentifiers", "metadataPrefix=oai_dc").await;
    assert_eq!(headers.len(), 230);
    let sizes: Vec<_> = tokens
        .iter()
        .map(|t| {
            (
                t.attribute("cursor").unwrap(),
                t.attribute("completeListSize").unwrap(),
            )
        })
        .collect();
    assert_eq!(sizes, [("0", "230"), ("100", "230"), ("200", "230")]);
    assert!(tokens[0].attribute("expirationDate").is_some());
    assert!(tokens[2].text.is_empty());
    let deleted: Vec<&Node> = headers
        .iter()
        .filter(|h| h.attribute("status") == Some("deleted"))
        .collect();
    assert_eq!(deleted.len(), 2);
    let identifiers: std::collections::HashSet<&str> = headers
        .iter()
        .map(|h| h.child("identifier").unwrap().text.as_str())
        .collect();
    assert_eq!(identifiers.len(), 230, "each item once");

    // Records in the rich format: escaped text arrives intact; deletions have no metadata.
    let (records, _) = list_all(&app, "ListRecords", "metadataPrefix=clearinghouse-json").await;
    assert_eq!(records.len(), 230);
    let live = records
        .iter()
        .find(|r| r.child("metadata").is_some())
        .unwrap();
    let wrapper = &live.child("metadata").unwrap().children[0];
    assert_eq!(wrapper.name, "ch:record");
    let json: serde_json::Value = serde_json::from_str(&wrapper.text).unwrap();
    assert!(
        json["title"]["en"]
            .as_str()
            .unwrap()
            .ends_with("<&> \"quoted\" ]]> \u{1}end")
    );
    assert_eq!(json["provenance"]["source_id"], "demo-tu");
    for record in records
        .iter()
        .filter(|r| header_of(r).attribute("status").is_some())
    {
        assert!(record.child("metadata").is_none());
    }

    // Dublin Core, one record.
    let id = header_of(live).child("identifier").unwrap().text.clone();
    let record = oai(
        &app,
        &format!("verb=GetRecord&metadataPrefix=oai_dc&identifier={id}"),
    )
    .await;
    let titles = record.all("dc:title");
    assert_eq!(titles.len(), 2, "{record:?}");
    assert!(!record.all("dc:creator").is_empty());
    let tombstone = deleted[0].child("identifier").unwrap().text.clone();
    let record = oai(
        &app,
        &format!("verb=GetRecord&metadataPrefix=oai_dc&identifier={tombstone}"),
    )
    .await;
    assert_eq!(record.all("header")[0].attribute("status"), Some("deleted"));
    assert!(record.all("metadata").is_empty());

    // Sets: per source and per country, hierarchical.
    let sets = oai(&app, "verb=ListSets").await;
    let specs: Vec<&str> = sets
        .all("setSpec")
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    for spec in [
        "source",
        "source:demo-tu",
        "country",
        "country:AT",
        "country:DE",
    ] {
        assert!(specs.contains(&spec), "{spec} in {specs:?}");
    }
    let (austria, _) = list_all(
        &app,
        "ListIdentifiers",
        "metadataPrefix=oai_dc&set=country:AT",
    )
    .await;
    assert_eq!(austria.len(), 33, "0, 7, ..., 224");
    let (country, _) = list_all(&app, "ListIdentifiers", "metadataPrefix=oai_dc&set=country").await;
    assert_eq!(country.len(), 230);
    let nowhere = oai(
        &app,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&set=country:FR",
    )
    .await;
    assert_eq!(nowhere.error_code(), Some("noRecordsMatch"));

    // from/until on the time of the last change in our store, in seconds.
    let datestamp = header_of(live).child("datestamp").unwrap().text.clone();
    assert_eq!(datestamp.len(), 20, "{datestamp}");
    let future = oai(
        &app,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(future.error_code(), Some("noRecordsMatch"));
    let past = oai(
        &app,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01",
    )
    .await;
    assert_eq!(past.error_code(), Some("noRecordsMatch"));
    let (deletions, _) = list_all(
        &app,
        "ListIdentifiers",
        &format!(
            "metadataPrefix=oai_dc&from={}&until=2999-12-31T23:59:59Z",
            deleted[0].child("datestamp").unwrap().text
        ),
    )
    .await;
    assert!(deletions.len() >= 2, "the deletions are the latest changes");

    // POST works like GET.
    let response = app
        .client
        .post(format!("{}/oai", app.base_url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("verb=GetRecord&metadataPrefix=clearinghouse-json&identifier=".to_owned() + &id)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let posted = parse(&response.text().await.unwrap());
    assert_eq!(posted.all("ch:record").len(), 1);

    // Errors: HTTP 200, the protocol's code, no arguments echoed after bad verbs/arguments.
    for (query, code) in [
        ("", "badVerb"),
        ("verb=Nope", "badVerb"),
        ("verb=Identify&verb=Identify", "badVerb"),
        ("verb=ListRecords", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=bad",
            "badArgument",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-02T00:00:00Z",
            "badArgument",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
            "badArgument",
        ),
        ("verb=GetRecord&identifier=x", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=marc21",
            "cannotDisseminateFormat",
        ),
        (
            &format!("verb=GetRecord&metadataPrefix=marc21&identifier={id}"),
            "cannotDisseminateFormat",
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:demo-tu.00000000000000000000",
            "idDoesNotExist",
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=%3Cscript%3E",
            "idDoesNotExist",
        ),
        ("verb=ListMetadataFormats&identifier=nope", "idDoesNotExist"),
        (
            "verb=ListRecords&resumptionToken=forged",
            "badResumptionToken",
        ),
        (
            "verb=ListSets&resumptionToken=anything",
            "badResumptionToken",
        ),
    ] {
        let answer = oai(&app, query).await;
        assert_eq!(answer.error_code(), Some(code), "{query}: {answer:?}");
        if code == "badVerb" || code == "badArgument" {
            assert!(
                answer.child("request").unwrap().attributes.is_empty(),
                "{query}"
            );
        }
    }
    // A token of one verb does not continue the other.
    let first = oai(&app, "verb=ListIdentifiers&metadataPrefix=oai_dc").await;
    let token = first.all("resumptionToken")[0].text.clone();
    let crossed = oai(&app, &format!("verb=ListRecords&resumptionToken={token}")).await;
    assert_eq!(crossed.error_code(), Some("badResumptionToken"));
    // The position (`k{datestamp}s{seq}`) moved.
    let altered = token.replacen(".k", ".k1", 1);
    assert_ne!(altered, token);
    let altered = oai(
        &app,
        &format!("verb=ListIdentifiers&resumptionToken={altered}"),
    )
    .await;
    assert_eq!(altered.error_code(), Some("badResumptionToken"));

    // The token stays valid across a restart.
    let data_dir = app.stop().await;
    wait_for_store_lock(data_dir.path()).await;
    let app = TestApp::spawn_in(data_dir, &file_source(&feed_path)).await;
    let second = oai(
        &app,
        &format!("verb=ListIdentifiers&resumptionToken={token}"),
    )
    .await;
    assert_eq!(second.error_code(), None, "{second:?}");
    assert_eq!(second.all("header").len(), 100);
    assert_eq!(
        second.all("resumptionToken")[0].attribute("cursor"),
        Some("100")
    );
    app.stop().await;
}

#[actix_web::test]
async fn a_second_clearinghouse_harvests_the_first_in_the_rich_format() {
    let feed_dir = tempfile::tempdir().unwrap();
    let feed_path = feed_dir.path().join("feed.json");
    std::fs::write(&feed_path, feed(120, &[])).unwrap();
    let first = TestApp::spawn(&file_source(&feed_path)).await;
    first.harvest("demo-tu").await;
    let upstream = format!(
        "[[sources]]\nid = \"ch-first\"\ninstitution = \"The first clearinghouse\"\ncountry = \"DE\"\nprotocol = \"oai-pmh\"\nurl = \"{}/oai\"\nmetadata_prefix = \"clearinghouse-json\"\nformat = \"clearinghouse-json\"\nrole = \"clearinghouse\"\n",
        first.base_url
    );
    let second = TestApp::spawn(&upstream).await;
    let run = second.harvest("ch-first").await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    assert_eq!((run.pages, run.counts.added), (2, 120), "{run:?}");

    let first_store = first.server.state.indexer.store();
    let second_store = second.server.state.indexer.store();
    let ch_first = SourceId::parse("ch-first").unwrap();
    let repository = first
        .base_url
        .trim_start_matches("http://")
        .split(':')
        .next()
        .unwrap()
        .to_owned();
    for record in first_store.records(None) {
        let record = record.unwrap();
        let identifier = format!("oai:{repository}:{}", record.id);
        let copy = second_store
            .get(&RecordId::new(&ch_first, &identifier))
            .unwrap()
            .unwrap_or_else(|| panic!("{identifier} did not arrive"));
        let (a, b) = (
            record.credential.as_ref().unwrap(),
            copy.credential.as_ref().unwrap(),
        );
        assert_eq!(a.title, b.title);
        assert_eq!(a.credits, b.credits);
        assert_eq!(a.eqf_level, b.eqf_level);
        assert_eq!(a.learning_outcomes, b.learning_outcomes);
        assert_eq!(a.awarding_body, b.awarding_body);
        assert_eq!(copy.provenance.source_id, ch_first);
        assert_eq!(copy.provenance.upstream_id, identifier);
        assert_eq!(
            copy.provenance.via,
            [format!(
                "oai:{repository}:{} (source demo-tu, upstream id {})",
                record.id, record.provenance.upstream_id
            )]
        );
    }

    // A deletion at the first reaches the second; unchanged records stay unchanged.
    std::fs::write(&feed_path, feed(120, &[5])).unwrap();
    assert_eq!(first.harvest("demo-tu").await.counts.deleted, 1);
    let run = second.harvest("ch-first").await;
    assert_eq!(run.counts.deleted, 1, "{run:?}");
    assert_eq!(run.counts.added + run.counts.updated, 0, "{run:?}");
    let (_, health) = second.get("/health").await;
    assert_eq!(health["store"]["live"], 119);
    assert_eq!(health["store"]["tombstones"], 1);
    second.stop().await;
    first.stop().await;
}

#[actix_web::test]
async fn the_base_url_is_the_configured_one_never_what_a_client_forwards() {
    let feed_dir = tempfile::tempdir().unwrap();
    let feed_path = feed_dir.path().join("feed.json");
    std::fs::write(&feed_path, feed(3, &[])).unwrap();
    let sources = file_source(&feed_path);
    let forged = |app: &TestApp| {
        app.client
            .get(format!(
                "{}/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
                app.base_url
            ))
            .header("X-Forwarded-Host", "evil.example")
            .header("Forwarded", "host=evil.example;proto=https")
            .header("X-Forwarded-Proto", "https")
            .send()
    };

    // Without a public URL: the request's own Host, not the forwarded one.
    let app = TestApp::spawn(&sources).await;
    app.harvest("demo-tu").await;
    let body = forged(&app).await.unwrap().text().await.unwrap();
    assert!(!body.contains("evil.example"), "{body}");
    let host = app.base_url.trim_start_matches("http://");
    assert!(body.contains(&format!("http://{host}/oai")), "{body}");
    app.stop().await;

    // With one: its address and host, whatever the request says.
    let app = TestApp::spawn_with(
        tempfile::tempdir().unwrap(),
        "rate_limit_per_minute = 0\npublic_url = \"https://clearinghouse.example.eu/\"\n",
        &sources,
    )
    .await;
    app.harvest("demo-tu").await;
    let body = forged(&app).await.unwrap().text().await.unwrap();
    assert!(!body.contains("evil.example"), "{body}");
    assert!(
        body.contains("https://clearinghouse.example.eu/oai"),
        "{body}"
    );
    assert!(
        body.contains("<identifier>oai:clearinghouse.example.eu:demo-tu."),
        "{body}"
    );
    app.stop().await;
}
