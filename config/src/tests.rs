//! Tests of loading and validating configurations: minimal, full, and each kind of mistake.

use std::path::Path;

use super::*;

fn load(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml_str(text, Path::new("/base"))
}

fn check_invalid(text: &str, expected_key: &str, expected_problem: &str) {
    match load(text) {
        Err(ConfigError::Invalid { key, problem }) => {
            assert_eq!(key, expected_key);
            assert!(
                problem.contains(expected_problem),
                "problem {problem:?} does not mention {expected_problem:?}"
            );
        }
        other => panic!("expected an error on {expected_key}, got {other:?}"),
    }
}

const SOURCE: &str = r#"
[[sources]]
id = "demo-tu"
institution = "TU Demo"
country = "DE"
protocol = "oai-pmh"
url = "http://127.0.0.1:9000/oai"
format = "oai_dc"
schedule = "0 0 3 * * *"
"#;

#[test]
fn minimal_file_uses_defaults() {
    let config = Config::load(Path::new("testdata/minimal.toml")).unwrap();
    assert_eq!(config.data_dir, Path::new("testdata").join("data"));
    assert_eq!(config.server.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(config.harvest.max_retries, 4);
    assert_eq!(config.harvest.max_shrink_fraction, 0.5);
    assert_eq!(config.harvest.max_growth_factor, 10.0);
    assert!(
        config
            .harvest
            .user_agent
            .starts_with("MicroHE-Clearinghouse/")
    );
    assert!(config.sources.is_empty());
    assert!(!config.harvest.allow_private_addresses);
    assert_eq!(config.harvest.file_roots, vec![Path::new("testdata")]);
    assert_eq!(config.server.rate_limit_per_minute, 600);
    assert_eq!(config.server.failed_auth_per_minute, 10);
    assert_eq!(config.server.max_query_bytes, 4096);
    assert_eq!(config.server.recognition_budget_ms, 10_000);
    assert_eq!(config.harvest.parse_limits, model::ParseLimits::default());
}

#[test]
fn full_file_sets_every_key() {
    let config = Config::load(Path::new("testdata/full.toml")).unwrap();
    assert_eq!(config.data_dir, Path::new("/var/lib/clearinghouse"));
    assert_eq!(config.server.workers, Some(2));
    assert_eq!(config.server.rate_limit_per_minute, 60);
    assert_eq!(config.server.rate_limit_burst, 10);
    assert_eq!(config.server.failed_auth_per_minute, 5);
    assert_eq!(config.server.max_body_bytes, 65536);
    assert_eq!(config.server.max_upload_bytes, 262144);
    assert_eq!(config.server.max_query_bytes, 2048);
    assert_eq!(config.server.recognition_budget_ms, 5000);
    assert_eq!(config.harvest.min_request_interval_ms, 250);
    assert_eq!(config.index.writer_heap_bytes, 50_000_000);
    assert_eq!(config.sources.len(), 3);
    let tu = config.source("demo-tu").unwrap();
    assert_eq!(tu.country.as_str(), "DE");
    assert_eq!(tu.format, Format::OaiDc);
    assert_eq!(
        tu.fetch,
        Fetch::OaiPmh {
            url: url::Url::parse("http://127.0.0.1:9000/oai").unwrap(),
            metadata_prefix: "oai_dc".to_owned(),
            set: Some("micro".to_owned()),
        }
    );
    assert!(tu.schedule.is_some());
    let file = config.source("feed-file").unwrap();
    assert_eq!(
        file.fetch,
        Fetch::File {
            path: Path::new("testdata/feeds/courses.xml").to_path_buf()
        }
    );
    assert!(config.source("feed-http").unwrap().schedule.is_none());
    assert!(!config.harvest.allow_private_addresses);
    assert_eq!(
        config.harvest.file_roots,
        vec![Path::new("testdata/feeds"), Path::new("/srv/feeds")]
    );
    assert!(tu.allow_private_address);
    assert!(!config.source("feed-http").unwrap().allow_private_address);
    assert_eq!(
        config.harvest.parse_limits,
        model::ParseLimits {
            max_parse_memory_bytes: 268_435_456,
            max_list_items: 50_000,
            max_nesting_depth: 32,
            max_text_bytes: 65_536,
            max_items_per_record: 200,
        }
    );
}

#[test]
fn the_source_id_of_uploaded_credentials_is_reserved() {
    check_invalid(
        &SOURCE.replace(r#"id = "demo-tu""#, r#"id = "upload""#),
        "sources[0].id",
        "reserved for the credentials people upload",
    );
}

#[test]
fn limits_must_be_usable() {
    check_invalid(
        "[server]\nmax_upload_bytes = 0\n",
        "server.max_upload_bytes",
        "greater than 0",
    );
    check_invalid(
        "[server]\nrate_limit_burst = 0\n",
        "server.rate_limit_burst",
        "at least 1",
    );
    check_invalid(
        "[server]\nmax_query_bytes = 0\n",
        "server.max_query_bytes",
        "greater than 0",
    );
    for key in [
        "max_parse_memory_bytes",
        "max_list_items",
        "max_nesting_depth",
        "max_text_bytes",
        "max_items_per_record",
    ] {
        check_invalid(
            &format!("[harvest]\n{key} = 0\n"),
            &format!("harvest.{key}"),
            "greater than 0",
        );
    }
}

#[test]
fn an_empty_file_root_is_refused() {
    check_invalid(
        "[harvest]\nfile_roots = [\"\"]\n",
        "harvest.file_roots[0]",
        "directory",
    );
}

#[test]
fn embedded_default_is_valid_and_its_feeds_exist() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::embedded_default(dir.path()).unwrap();
    assert!(config.demo);
    assert_eq!(config.data_dir, dir.path());
    crate::demo::write_feeds(dir.path()).unwrap();
    assert!(!config.sources.is_empty());
    for source in &config.sources {
        if let Fetch::File { path } = &source.fetch {
            assert!(path.is_file(), "demo feed {} is missing", path.display());
        }
    }
}

#[test]
fn unknown_key_is_refused_with_its_name() {
    let err = load("data_dir = \"x\"\nlisten_port = 3\n").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("listen_port"), "{message}");
    let err = load(&format!("{SOURCE}colour = \"red\"\n")).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}

#[test]
fn bad_cron_names_the_key() {
    check_invalid(
        &SOURCE.replace("0 0 3 * * *", "every night"),
        "sources[0].schedule",
        "not a cron expression",
    );
}

#[test]
fn bad_url_names_the_key() {
    check_invalid(
        &SOURCE.replace("http://127.0.0.1:9000/oai", "not a url"),
        "sources[0].url",
        "not a URL",
    );
    check_invalid(
        &SOURCE.replace("http://127.0.0.1:9000/oai", "ftp://example.org/oai"),
        "sources[0].url",
        "http or https",
    );
}

#[test]
fn other_mistakes_name_their_key() {
    check_invalid(
        &SOURCE.replace("oai_dc", "marc21"),
        "sources[0].format",
        "allowed: oai_dc",
    );
    check_invalid(
        &SOURCE.replace("\"DE\"", "\"Germany\""),
        "sources[0].country",
        "alpha-2",
    );
    check_invalid(
        &SOURCE.replace("demo-tu", "Demo TU"),
        "sources[0].id",
        "a-z",
    );
    check_invalid(
        &SOURCE.replace("\"oai-pmh\"", "\"ftp\""),
        "sources[0].protocol",
        "allowed",
    );
    check_invalid(&format!("{SOURCE}{SOURCE}"), "sources[1].id", "unique");
    check_invalid(
        "[server]\nlisten = \"localhost\"\n",
        "server.listen",
        "address and port",
    );
    check_invalid(
        "[harvest]\nmax_shrink_fraction = 1.5\n",
        "harvest.max_shrink_fraction",
        "share",
    );
    check_invalid(
        "[harvest]\nmax_growth_factor = 0.5\n",
        "harvest.max_growth_factor",
        "at least 1",
    );
    check_invalid(
        &format!("{SOURCE}max_growth_factor = -2.0\n"),
        "sources[0].max_growth_factor",
        "at least 1",
    );
}

const EWP_SOURCE: &str = r#"
[[sources]]
id = "ewp-uw"
institution = "University of Warsaw"
country = "PL"
protocol = "ewp"
url = "http://127.0.0.1:9000/ewp/course-replication"
courses_url = "http://127.0.0.1:9000/ewp/courses"
hei_id = "uw.edu.pl"
max_los_ids = 25
format = "ewp"
"#;

#[test]
fn ewp_source_reads_both_endpoints() {
    let config = load(EWP_SOURCE).unwrap();
    let source = config.source("ewp-uw").unwrap();
    assert_eq!(source.fetch.protocol(), "ewp");
    assert_eq!(
        source.fetch,
        Fetch::Ewp {
            replication_url: url::Url::parse("http://127.0.0.1:9000/ewp/course-replication")
                .unwrap(),
            courses_url: url::Url::parse("http://127.0.0.1:9000/ewp/courses").unwrap(),
            hei_id: "uw.edu.pl".to_owned(),
            max_los_ids: 25,
        }
    );
    let defaulted = load(&EWP_SOURCE.replace("max_los_ids = 25\n", "")).unwrap();
    assert!(matches!(
        defaulted.sources[0].fetch,
        Fetch::Ewp {
            max_los_ids: 10,
            ..
        }
    ));
}

#[test]
fn ewp_mistakes_name_their_key() {
    check_invalid(
        &EWP_SOURCE.replace("hei_id = \"uw.edu.pl\"\n", ""),
        "sources[0].hei_id",
        "required",
    );
    check_invalid(
        &EWP_SOURCE.replace("courses_url = \"http://127.0.0.1:9000/ewp/courses\"\n", ""),
        "sources[0].courses_url",
        "required",
    );
    check_invalid(
        &EWP_SOURCE.replace("http://127.0.0.1:9000/ewp/courses", "courses"),
        "sources[0].courses_url",
        "not a URL",
    );
    check_invalid(
        &EWP_SOURCE.replace("max_los_ids = 25", "max_los_ids = 0"),
        "sources[0].max_los_ids",
        "greater than 0",
    );
    check_invalid(
        &format!("{SOURCE}hei_id = \"uw.edu.pl\"\n"),
        "sources[0].hei_id",
        "only applies",
    );
}

#[test]
fn tokens_are_hashes_bound_to_an_institution() {
    let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    let config = load(&format!(
        "[[tokens]]\nid = \"tu-officer\"\nsha256 = \"{hash}\"\ninstitution = \"demo-tu\"\n"
    ))
    .unwrap();
    assert_eq!(config.tokens[0].sha256[0], 0x9f);
    assert!(!config.tokens[0].admin);
    assert_eq!(config.tokens[0].person, None, "an institution's API token");
    let personal = load(&format!(
        "[[tokens]]\nid = \"tu-anna\"\nsha256 = \"{hash}\"\ninstitution = \"demo-tu\"\nperson = \" Anna Schmidt \"\n"
    ))
    .unwrap();
    assert_eq!(personal.tokens[0].person.as_deref(), Some("Anna Schmidt"));
    check_invalid(
        &format!(
            "[[tokens]]\nid = \"x\"\nsha256 = \"{hash}\"\ninstitution = \"demo-tu\"\nperson = \" \"\n"
        ),
        "tokens[0].person",
        "must not be empty",
    );
    check_invalid(
        "[[tokens]]\nid = \"x\"\nsha256 = \"secret-token\"\ninstitution = \"demo-tu\"\n",
        "tokens[0].sha256",
        "never put the token itself",
    );
    check_invalid(
        &format!("[[tokens]]\nid = \"x\"\nsha256 = \"{hash}\"\ninstitution = \"TU Demo\"\n"),
        "tokens[0].institution",
        "a-z",
    );
}

#[test]
fn the_demo_officers_public_token_is_refused_outside_the_demo() {
    let token = "[[tokens]]\nid = \"x\"\nsha256 = \"2f08c0fc9b34c9149eefcf4457a2a7a053a879611014860e1305bd7825b2bff3\"\ninstitution = \"demo-tu\"\n";
    check_invalid(token, "tokens[0].sha256", "demo officer");
    let demo = load(&format!("demo = true\n{token}")).unwrap();
    assert!(demo.demo);
}

#[test]
fn the_command_line_overrides_the_data_directory_and_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("own.toml");
    std::fs::write(
        &file,
        "data_dir = \"store-here\"\n[harvest]\nfile_roots = [\"feeds\"]\n[multilingual]\nmodel = \"models/e5.bin\"\ndictionaries = \"dictd\"\n",
    )
    .unwrap();
    let plain = Config::for_command(Some(&file), &Overrides::default()).unwrap();
    assert_eq!(plain.data_dir, dir.path().join("store-here"));
    assert_eq!(plain.harvest.file_roots, vec![dir.path().join("feeds")]);
    assert_eq!(
        plain.multilingual.model,
        Some(dir.path().join("models/e5.bin"))
    );
    assert_eq!(
        plain.multilingual.dictionaries,
        Some(dir.path().join("dictd"))
    );
    let overrides = Overrides {
        data_dir: Some(PathBuf::from("/elsewhere")),
        listen: Some("127.0.0.1:9999".parse().unwrap()),
        model: Some(PathBuf::from("/models/e5-small-q4.bin")),
        dictionaries: Some(PathBuf::from("/dictionaries")),
    };
    let moved = Config::for_command(Some(&file), &overrides).unwrap();
    assert_eq!(moved.data_dir, PathBuf::from("/elsewhere"));
    assert_eq!(moved.server.listen.port(), 9999);
    assert_eq!(
        moved.multilingual.model,
        Some(PathBuf::from("/models/e5-small-q4.bin"))
    );
    assert_eq!(
        moved.multilingual.dictionaries,
        Some(PathBuf::from("/dictionaries"))
    );
    // Relative paths of the file stay relative to the file.
    assert_eq!(moved.harvest.file_roots, vec![dir.path().join("feeds")]);
    let demo = Config::for_command(None, &overrides).unwrap();
    assert!(demo.demo);
    assert_eq!(demo.data_dir, PathBuf::from("/elsewhere"));
    assert_eq!(
        demo.harvest.file_roots,
        vec![PathBuf::from("/elsewhere/demo-feeds")]
    );
    let default = Config::for_command(None, &Overrides::default()).unwrap();
    assert_eq!(default.data_dir, PathBuf::from(DEFAULT_DATA_DIR));
    assert_eq!(default.multilingual.model, None);
    // Where Debian's packages put them, unless named; "" turns them off.
    assert_eq!(
        default.multilingual.dictionaries,
        Some(PathBuf::from(DEFAULT_DICTIONARIES_DIR))
    );
    std::fs::write(&file, "[multilingual]\ndictionaries = \"\"\n").unwrap();
    let off = Config::for_command(Some(&file), &Overrides::default()).unwrap();
    assert_eq!(off.multilingual.dictionaries, None);
}

#[test]
fn the_public_url_is_an_http_address_kept_without_a_trailing_slash() {
    let config = load("[server]\npublic_url = \"https://ch.example.eu/recognition/\"\n").unwrap();
    assert_eq!(
        config.server.public_url.unwrap().as_str(),
        "https://ch.example.eu/recognition"
    );
    assert!(load("").unwrap().server.public_url.is_none());
    check_invalid(
        "[server]\npublic_url = \"ftp://ch.example.eu\"\n",
        "server.public_url",
        "http or https",
    );
    check_invalid(
        "[server]\npublic_url = \"https://ch.example.eu/?a=1\"\n",
        "server.public_url",
        "query",
    );
    check_invalid(
        "[server]\npublic_url = \"nope\"\n",
        "server.public_url",
        "not a URL",
    );
}
