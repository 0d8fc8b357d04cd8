//! Hostile feeds (issue 9): a gzip bomb, a never-ending chunked body, a slow-loris
//! source, invalid UTF-8, billion-laughs and external-entity envelopes. Each fails its
//! own run with a clear error, bounded in time and memory, and the same harvester then
//! harvests a good source as if nothing happened.

use std::time::{Duration, Instant};

use model::{Format, RunOutcome};

use super::{envelope, oai_source};
use crate::testing::{MemorySink, Reply, TestServer, harvest_config, source};
use crate::{Harvester, RunOptions};

/// A gzip stream of 64 MiB of spaces, 64 KiB on the wire.
const GZIP_BOMB: &[u8] = include_bytes!("../../testdata/gzip-bomb-64MiB.gz");

const GOOD_FEED: &str = r#"[{"id": "c1", "title": {"en": "Course"}}]"#;

fn hostile_config() -> config::HarvestConfig {
    config::HarvestConfig {
        request_timeout_secs: 2,
        max_retries: 0,
        ..harvest_config()
    }
}

/// Runs `hostile`, expecting a failure whose message contains every one of `expected`,
/// then a good source with the same harvester.
async fn check_fails_alone(
    harvester: &Harvester,
    hostile: &config::Source,
    expected: &[&str],
) -> Duration {
    let started = Instant::now();
    let mut sink = MemorySink::new();
    let run = harvester
        .run(
            hostile,
            Default::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    let elapsed = started.elapsed();
    assert_eq!(run.outcome, RunOutcome::Failed, "{run:?}");
    let message = run.message.unwrap_or_default();
    for part in expected {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
    assert!(sink.pages.is_empty(), "nothing of a hostile feed is stored");

    let good = TestServer::start(|_, _| Reply::new(200, GOOD_FEED)).await;
    let good_source = source(
        config::Fetch::Http {
            url: good.url("/feed.json"),
        },
        Format::ClearinghouseJson,
    );
    let mut sink = MemorySink::new();
    let run = harvester
        .run(
            &good_source,
            Default::default(),
            RunOptions::default(),
            &mut sink,
        )
        .await;
    assert_eq!(run.outcome, RunOutcome::Succeeded, "{run:?}");
    elapsed
}

fn http_source(server: &TestServer) -> config::Source {
    source(
        config::Fetch::Http {
            url: server.url("/feed.json"),
        },
        Format::ClearinghouseJson,
    )
}

#[tokio::test]
async fn a_gzip_bomb_is_cut_at_the_size_limit_after_inflating() {
    let server =
        TestServer::start(|_, _| Reply::new(200, GZIP_BOMB).header("Content-Encoding", "gzip"))
            .await;
    let harvester = Harvester::new(&hostile_config()).unwrap();
    check_fails_alone(
        &harvester,
        &http_source(&server),
        &[
            "larger than the limit of 1048576 bytes",
            "max_response_bytes",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_never_ending_chunked_body_is_cut_at_the_size_limit() {
    let server = TestServer::start(|_, _| Reply::endless(vec![b'x'; 64 * 1024])).await;
    let harvester = Harvester::new(&hostile_config()).unwrap();
    let elapsed = check_fails_alone(
        &harvester,
        &http_source(&server),
        &["larger than the limit of 1048576 bytes"],
    )
    .await;
    assert!(
        elapsed < Duration::from_secs(2),
        "cut by size, not time: {elapsed:?}"
    );
}

#[tokio::test]
async fn a_slow_loris_source_is_ended_by_the_request_timeout() {
    let server = TestServer::start(|_, _| Reply::trickle(Duration::from_millis(500))).await;
    let harvester = Harvester::new(&hostile_config()).unwrap();
    let elapsed = check_fails_alone(
        &harvester,
        &http_source(&server),
        &["did not answer within 2 s"],
    )
    .await;
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn invalid_utf8_in_an_envelope_is_a_clear_error() {
    let mut body = envelope("<ListRecords><record><header><identifier>oai:x:1</identifier><datestamp>2024-01-01</datestamp></header><metadata>")
        .replace("</OAI-PMH>", "")
        .into_bytes();
    body.extend_from_slice(b"\xff\xfe\xc3\x28 broken</metadata></record></ListRecords></OAI-PMH>");
    let server = TestServer::start(move |_, _| Reply::xml(body.clone())).await;
    let harvester = Harvester::new(&hostile_config()).unwrap();
    check_fails_alone(&harvester, &oai_source(&server), &["unusable"]).await;
}

#[tokio::test]
async fn billion_laughs_and_external_entities_are_never_expanded() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE OAI-PMH [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-03-10T12:00:00Z</responseDate>
<request>http://test/oai</request><ListRecords><resumptionToken>&lol9;</resumptionToken></ListRecords></OAI-PMH>"#;
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE OAI-PMH [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-03-10T12:00:00Z</responseDate>
<request>http://test/oai</request><ListRecords><resumptionToken>&secret;</resumptionToken></ListRecords></OAI-PMH>"#;
    for document in [laughs, external] {
        let server = TestServer::start(move |_, _| Reply::xml(document)).await;
        let harvester = Harvester::new(&hostile_config()).unwrap();
        let mut sink = MemorySink::new();
        let run = harvester
            .run(
                &oai_source(&server),
                Default::default(),
                RunOptions::default(),
                &mut sink,
            )
            .await;
        // Whatever the envelope parser makes of it, no entity is expanded: no page
        // carries "lol" or the contents of /etc/passwd, and no resumption token made of
        // them is followed.
        let asked: Vec<String> = server
            .requests()
            .iter()
            .filter_map(|request| request.param("resumptionToken").map(str::to_owned))
            .collect();
        assert!(
            asked
                .iter()
                .all(|token| !token.contains("lol") && !token.contains("root:")),
            "{asked:?}"
        );
        for page in &sink.pages {
            for record in &page.records {
                let text = String::from_utf8_lossy(&record.payload);
                assert!(
                    !text.contains("lollol") && !text.contains("root:"),
                    "{text}"
                );
            }
        }
        assert_ne!(run.outcome, RunOutcome::Succeeded, "{run:?}");
        assert!(run.message.is_some(), "{run:?}");
    }
}
