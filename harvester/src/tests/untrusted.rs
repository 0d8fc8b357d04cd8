//! Untrusted URLs and paths: sources on private addresses (SSRF), redirects there, and
//! `file` sources outside `harvest.file_roots`. Everything runs on loopback, which is
//! itself a private address: a "public" host is a name the test client resolves to
//! loopback without the check.

use model::{Format, RunOutcome};

use crate::testing::{MemorySink, Reply, TestServer, harvest_config, source};
use crate::{Harvester, RunOptions};

/// The harvest settings of a real deployment: private addresses refused.
fn guarded_config() -> config::HarvestConfig {
    config::HarvestConfig {
        allow_private_addresses: false,
        max_retries: 2,
        ..harvest_config()
    }
}

fn http_source(url: url::Url) -> config::Source {
    source(config::Fetch::Http { url }, Format::ClearinghouseJson)
}

async fn run(harvester: &Harvester, source: &config::Source) -> model::HarvestRun {
    harvester
        .run(
            source,
            Default::default(),
            RunOptions::default(),
            &mut MemorySink::new(),
        )
        .await
}

const FEED: &str = r#"[{"id": "c1", "title": {"en": "Course"}}]"#;

#[tokio::test]
async fn a_source_on_a_private_address_is_refused_without_a_request() {
    let server = TestServer::start(|_, _| Reply::new(200, FEED)).await;
    let harvester = Harvester::new(&guarded_config()).unwrap();
    for url in [
        server.url("/feed.json"),
        url::Url::parse(&format!(
            "http://localhost:{}/feed.json",
            server.addr().port()
        ))
        .unwrap(),
        url::Url::parse("http://169.254.169.254/latest/meta-data/").unwrap(),
        url::Url::parse("http://[::1]:9/feed").unwrap(),
        url::Url::parse("http://[fd00::1]/feed").unwrap(),
        url::Url::parse("http://0.0.0.0:9/feed").unwrap(),
    ] {
        let run = run(&harvester, &http_source(url.clone())).await;
        assert_eq!(run.outcome, RunOutcome::Failed, "{url}");
        let message = run.message.unwrap_or_default();
        assert!(
            message.contains("refused to connect") && message.contains("allow_private_address"),
            "{url}: {message}"
        );
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}

#[tokio::test]
async fn the_operator_may_allow_private_addresses_per_source_or_everywhere() {
    let server = TestServer::start(|_, _| Reply::new(200, FEED)).await;
    let mut allowed = http_source(server.url("/feed.json"));
    allowed.allow_private_address = true;
    let run_allowed = run(&Harvester::new(&guarded_config()).unwrap(), &allowed).await;
    assert_eq!(
        run_allowed.outcome,
        RunOutcome::Succeeded,
        "{run_allowed:?}"
    );

    let everywhere = config::HarvestConfig {
        allow_private_addresses: true,
        ..guarded_config()
    };
    let source = http_source(server.url("/feed.json"));
    let run_everywhere = run(&Harvester::new(&everywhere).unwrap(), &source).await;
    assert_eq!(run_everywhere.outcome, RunOutcome::Succeeded);
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_source_allowed_a_private_address_is_followed_only_within_its_own_host() {
    let internal = TestServer::start(|_, _| Reply::new(200, "secret")).await;
    let elsewhere = format!("http://localhost:{}/secret", internal.addr().port());
    let own = TestServer::start(move |request, _| match request.path.as_str() {
        "/moved" => Reply::new(301, "").header("Location", "/feed.json"),
        "/away" => Reply::new(302, "").header("Location", &elsewhere),
        _ => Reply::new(200, FEED),
    })
    .await;
    let harvester = Harvester::new(&guarded_config()).unwrap();
    let mut moved = http_source(own.url("/moved"));
    moved.allow_private_address = true;
    let followed = run(&harvester, &moved).await;
    assert_eq!(followed.outcome, RunOutcome::Succeeded, "{followed:?}");
    let mut away = http_source(own.url("/away"));
    away.allow_private_address = true;
    let refused = run(&harvester, &away).await;
    assert_eq!(refused.outcome, RunOutcome::Failed);
    let message = refused.message.unwrap_or_default();
    assert!(message.contains("only within its own host"), "{message}");
    assert!(
        internal.requests().is_empty(),
        "the other private address was never reached"
    );
}

#[tokio::test]
async fn a_redirect_to_a_private_address_is_refused() {
    let internal = TestServer::start(|_, _| Reply::new(200, "secret")).await;
    let internal_literal = internal.url("/secret").to_string();
    let internal_name = format!("http://localhost:{}/secret", internal.addr().port());
    let public = TestServer::start(move |request, _| {
        let target = if request.path == "/to-literal" {
            internal_literal.clone()
        } else {
            internal_name.clone()
        };
        Reply::new(302, "").header("Location", &target)
    })
    .await;
    // feeds.example stands for a public host: resolved to the public test server.
    let harvester =
        Harvester::with_resolved_hosts(&guarded_config(), &[("feeds.example", public.addr())])
            .unwrap();
    for path in ["/to-literal", "/to-name"] {
        let url = url::Url::parse(&format!(
            "http://feeds.example:{}{path}",
            public.addr().port()
        ))
        .unwrap();
        let run = run(&harvester, &http_source(url)).await;
        assert_eq!(run.outcome, RunOutcome::Failed, "{path}");
        let message = run.message.unwrap_or_default();
        assert!(message.contains("refused to connect"), "{path}: {message}");
    }
    assert_eq!(public.requests().len(), 2, "one request each, no retries");
    assert!(internal.requests().is_empty());
}

#[tokio::test]
async fn file_sources_are_confined_to_the_file_roots_symlinks_followed() {
    let root = tempfile_dir("root");
    let outside = tempfile_dir("outside");
    std::fs::write(root.join("feed.json"), FEED).unwrap();
    std::fs::write(outside.join("secret.json"), FEED).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.json"), root.join("link.json")).unwrap();
    let config = config::HarvestConfig {
        file_roots: vec![root.clone()],
        ..guarded_config()
    };
    let harvester = Harvester::new(&config).unwrap();
    let file =
        |path: std::path::PathBuf| source(config::Fetch::File { path }, Format::ClearinghouseJson);

    let inside = run(&harvester, &file(root.join("feed.json"))).await;
    assert_eq!(inside.outcome, RunOutcome::Succeeded, "{inside:?}");
    for path in [
        outside.join("secret.json"),
        root.join("link.json"),
        root.join("../outside/secret.json"),
    ] {
        let refused = run(&harvester, &file(path.clone())).await;
        assert_eq!(refused.outcome, RunOutcome::Failed, "{}", path.display());
        let message = refused.message.unwrap_or_default();
        assert!(
            message.contains("outside the allowed directories")
                && message.contains("harvest.file_roots"),
            "{message}"
        );
    }
    std::fs::remove_dir_all(root.parent().unwrap()).unwrap();
}

/// A fresh directory `name` under a unique temporary directory.
fn tempfile_dir(name: &str) -> std::path::PathBuf {
    static PARENT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let parent = PARENT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!(
            "harvester-untrusted-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    });
    let dir = parent.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
