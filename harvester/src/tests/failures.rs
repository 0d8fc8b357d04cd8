//! Each kind of harvest failure, produced by a real server on loopback (or a real file,
//! port or name), classified for the publisher (`HarvestRun::failure`) with the
//! technical detail kept (`HarvestRun::message`).

use model::{FailureKind, Format, RunOutcome};

use crate::testing::{MemorySink, Reply, TestServer, harvest_config, source};
use crate::{Harvester, RunOptions};

/// No retries (each class fails at once) and a short request timeout.
fn quick_config() -> config::HarvestConfig {
    config::HarvestConfig {
        max_retries: 0,
        request_timeout_secs: 1,
        ..harvest_config()
    }
}

fn http(url: url::Url) -> config::Source {
    source(config::Fetch::Http { url }, Format::ClearinghouseJson)
}

fn oai(url: url::Url) -> config::Source {
    source(
        config::Fetch::OaiPmh {
            url,
            metadata_prefix: "oai_dc".to_owned(),
            set: None,
        },
        Format::OaiDc,
    )
}

/// Harvests `source` with `config` and checks that it failed as `kind`, with the
/// technical detail containing `detail`.
async fn fails_as(
    config: &config::HarvestConfig,
    source: &config::Source,
    kind: FailureKind,
    detail: &str,
) {
    let harvester = Harvester::new(config).unwrap();
    let run = harvester
        .run(
            source,
            Default::default(),
            RunOptions::default(),
            &mut MemorySink::new(),
        )
        .await;
    let message = run.message.clone().unwrap_or_default();
    assert_eq!(run.outcome, RunOutcome::Failed, "{kind:?}: {message}");
    assert_eq!(run.failure, Some(kind), "{message}");
    assert!(
        message.contains(detail),
        "{kind:?}: the detail {detail:?} is kept in {message:?}"
    );
    // The publisher's words say the cause and what to do, without the library chain.
    for words in [kind.cause(), kind.next_step()] {
        assert!(!words.contains("error sending request"), "{words}");
        assert!(words.ends_with('.'), "{words}");
    }
}

fn oai_envelope(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\
         <responseDate>2024-03-10T12:00:00Z</responseDate><request>http://test/oai</request>{body}</OAI-PMH>"
    )
}

#[tokio::test]
async fn the_network_failures_are_told_apart() {
    let config = quick_config();
    // A name that does not resolve (the reserved top-level domain `.invalid`).
    let nowhere = url::Url::parse("http://feed.clearinghouse-test.invalid/feed.json").unwrap();
    fails_as(&config, &http(nowhere), FailureKind::HostNotFound, "dns").await;
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let refused = url::Url::parse(&format!("http://127.0.0.1:{port}/feed.json")).unwrap();
    fails_as(
        &config,
        &http(refused),
        FailureKind::ConnectionRefused,
        "refused",
    )
    .await;
    // TLS spoken to a server that answers in plain HTTP as soon as one connects.
    let plain = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = plain.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = plain.accept().await {
            use tokio::io::AsyncWriteExt;
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    let tls = url::Url::parse(&format!("https://127.0.0.1:{port}/feed.json")).unwrap();
    fails_as(&config, &http(tls), FailureKind::Tls, "https://").await;
    // A server that never answers.
    let silent = TestServer::start(|_, _| Reply::hang()).await;
    fails_as(
        &config,
        &http(silent.url("/feed.json")),
        FailureKind::Timeout,
        "did not answer within 1 s",
    )
    .await;
}

#[tokio::test]
async fn http_statuses_say_whether_the_address_or_the_server_is_wrong() {
    let config = quick_config();
    for (status, kind) in [
        (404, FailureKind::HttpNotFound),
        (410, FailureKind::HttpNotFound),
        (403, FailureKind::HttpDenied),
        (401, FailureKind::HttpDenied),
        (400, FailureKind::HttpClientError),
        (500, FailureKind::HttpServerError),
    ] {
        let server = TestServer::start(move |_, _| Reply::new(status, "no")).await;
        fails_as(
            &config,
            &http(server.url("/feed.json")),
            kind,
            &format!("http {status}"),
        )
        .await;
    }
}

#[tokio::test]
async fn what_the_endpoint_answers_is_told_apart() {
    let config = quick_config();
    // A web page where the OAI-PMH endpoint should be.
    let page = TestServer::start(|_, _| {
        Reply::new(200, "<html><body>Welcome</body></html>").header("content-type", "text/html")
    })
    .await;
    fails_as(
        &config,
        &oai(page.url("/oai")),
        FailureKind::NotOaiPmh,
        "not <OAI-PMH>",
    )
    .await;
    // JSON where OAI-PMH should be.
    let json = TestServer::start(|_, _| Reply::new(200, "{\"records\": []}")).await;
    fails_as(
        &config,
        &oai(json.url("/oai")),
        FailureKind::NotOaiPmh,
        "not an OAI-PMH response",
    )
    .await;
    // An OAI-PMH error code.
    let refusing = TestServer::start(|_, _| {
        Reply::xml(oai_envelope(
            "<error code=\"cannotDisseminateFormat\">oai_dc is not offered</error>",
        ))
    })
    .await;
    fails_as(
        &config,
        &oai(refusing.url("/oai")),
        FailureKind::OaiError,
        "cannotDisseminateFormat",
    )
    .await;
    // XML cut short.
    let cut = TestServer::start(|request, _| {
        if request.param("verb") == Some("Identify") {
            Reply::xml(oai_envelope(
                "<Identify><granularity>YYYY-MM-DD</granularity></Identify>",
            ))
        } else {
            Reply::xml("<?xml version=\"1.0\"?><OAI-PMH><ListRecords><record>")
        }
    })
    .await;
    fails_as(
        &config,
        &oai(cut.url("/oai")),
        FailureKind::MalformedXml,
        "cut short",
    )
    .await;
    // The same resumption token twice: paging without end.
    let looping = TestServer::start(|request, _| {
        if request.param("verb") == Some("Identify") {
            Reply::xml(oai_envelope(
                "<Identify><granularity>YYYY-MM-DD</granularity></Identify>",
            ))
        } else {
            Reply::xml(oai_envelope(
                "<ListRecords><resumptionToken>again</resumptionToken></ListRecords>",
            ))
        }
    })
    .await;
    fails_as(
        &config,
        &oai(looping.url("/oai")),
        FailureKind::EndlessPaging,
        "twice in a row",
    )
    .await;
}

#[tokio::test]
async fn documents_too_large_empty_or_missing_and_addresses_refused() {
    let config = config::HarvestConfig {
        max_response_bytes: 1_000,
        ..quick_config()
    };
    let large = TestServer::start(|_, _| Reply::new(200, vec![b' '; 5_000])).await;
    fails_as(
        &config,
        &http(large.url("/feed.json")),
        FailureKind::TooLarge,
        "larger than the limit",
    )
    .await;
    let empty = TestServer::start(|_, _| Reply::new(200, "")).await;
    fails_as(
        &config,
        &http(empty.url("/feed.json")),
        FailureKind::EmptyFeed,
        "empty",
    )
    .await;
    let missing = std::env::temp_dir().join("clearinghouse-no-such-feed-file.json");
    let file = source(
        config::Fetch::File { path: missing },
        Format::ClearinghouseJson,
    );
    fails_as(
        &config,
        &file,
        FailureKind::FileUnreadable,
        "no-such-feed-file",
    )
    .await;
    // The same server, on a private address the operator did not allow.
    let guarded = config::HarvestConfig {
        allow_private_addresses: false,
        ..quick_config()
    };
    let private = TestServer::start(|_, _| Reply::new(200, "[]")).await;
    fails_as(
        &guarded,
        &http(private.url("/feed.json")),
        FailureKind::PrivateAddress,
        "allow_private_address",
    )
    .await;
}
