//! Argument checking of the OAI-PMH provider, case by case, and lists over a randomized
//! store compared with a walk of the whole change log; answers over a real server are
//! tested end to end in `tests/integration/oai.rs`.

use super::*;

fn pairs(query: &str) -> Vec<(String, String)> {
    crate::params::query_pairs(query)
}

/// Each query and the error code it must get, or `None` when it is well-formed.
#[test]
fn arguments_are_checked_as_the_protocol_says() {
    let cases: &[(&str, Option<ErrorCode>)] = &[
        ("", Some(ErrorCode::BadVerb)),
        ("verb=Fly", Some(ErrorCode::BadVerb)),
        ("verb=Identify&verb=Identify", Some(ErrorCode::BadVerb)),
        ("verb=Identify", None),
        ("verb=Identify&set=x", Some(ErrorCode::BadArgument)),
        ("verb=ListMetadataFormats", None),
        ("verb=ListMetadataFormats&identifier=oai:x:y", None),
        (
            "verb=ListMetadataFormats&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        ("verb=ListSets", None),
        ("verb=ListSets&resumptionToken=x", None),
        (
            "verb=GetRecord&identifier=oai:x:y",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=GetRecord&identifier=oai:x:y&metadataPrefix=oai_dc",
            None,
        ),
        (
            "verb=GetRecord&identifier=a&identifier=b&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        ("verb=ListRecords", Some(ErrorCode::BadArgument)),
        ("verb=ListRecords&metadataPrefix=oai_dc", None),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=marc",
            Some(ErrorCode::CannotDisseminateFormat),
        ),
        (
            "verb=ListRecords&metadataPrefix=a%20b",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T10:00:00Z",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-1-1",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-30",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01T10:00:00",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-02T00:00:00Z",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-02&until=2026-01-01",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-01",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=source:demo-tu",
            None,
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=no%20spaces",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=",
            Some(ErrorCode::BadArgument),
        ),
        ("verb=ListRecords&resumptionToken=abc", None),
        (
            "verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc",
            Some(ErrorCode::BadArgument),
        ),
        (
            "verb=ListIdentifiers&metadataPrefix=oai_dc&colour=red",
            Some(ErrorCode::BadArgument),
        ),
    ];
    for (query, expected) in cases {
        let got = parse_request(&pairs(query)).err().map(|err| err.code);
        assert_eq!(got, *expected, "{query}");
    }
}

#[test]
fn day_granularity_covers_the_whole_day() {
    let request = parse_request(&pairs(
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-01-01",
    ))
    .unwrap();
    let Request::List {
        arguments: ListArguments::Fresh(query),
        ..
    } = request
    else {
        panic!("not a list: {request:?}");
    };
    assert_eq!(query.until.unwrap() - query.from.unwrap(), 86_399);
}

/// Lists over a randomized store (fixed seed) answer what a walk of the whole change log
/// answers: the same items in the same order, page by page, with the same sizes.
mod against_a_full_scan {
    use std::collections::HashMap;

    use chrono::{DateTime, Utc};
    use model::{Credential, RecordId, SourceId, StoredRecord};
    use store::Store;

    use super::super::repository::Item;
    use super::*;

    const CONFIG: &str = r#"
data_dir = "data"
[server]
listen = "127.0.0.1:8080"
[[sources]]
id = "uni"
institution = "University"
country = "DE"
protocol = "file"
url = "uni.json"
format = "clearinghouse-json"
[[sources]]
id = "poly"
institution = "Polytechnic"
country = "FR"
protocol = "file"
url = "poly.json"
format = "clearinghouse-json"
"#;

    struct Rng(u64);

    impl Rng {
        /// SplitMix64.
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) % n
        }
    }

    const START_SECS: i64 = 1_800_000_000;

    /// The provider's repository over `store`, as the route builds it.
    fn repository<'a>(
        store: &'a Store,
        config: &'a config::Config,
        key: &'a token::TokenKey,
    ) -> Repository<'a> {
        Repository {
            store,
            sources: &config.sources,
            base_url: "http://localhost/oai".to_owned(),
            repository_id: "test".to_owned(),
            key,
            now: Utc::now(),
        }
    }

    /// Writes pages of random changes as the writer does: records of two configured
    /// sources and one that is no longer configured, in three countries or none, updated,
    /// deleted and back; datestamps grow with sequence numbers, several in a second.
    #[expect(
        clippy::disallowed_methods,
        reason = "the test writes its store as the indexer's writer thread would"
    )]
    fn write_random_store(store: &Store, rng: &mut Rng, pages: usize) {
        const SOURCES: [&str; 3] = ["uni", "poly", "gone"];
        const COUNTRIES: [Option<&str>; 4] = [Some("DE"), Some("FR"), Some("AT"), None];
        let mut seq = store.last_seq().unwrap();
        for _ in 0..pages {
            let mut batch = store.batch();
            let mut written: HashMap<RecordId, StoredRecord> = HashMap::new();
            for _ in 0..40 {
                let source = SourceId::parse(SOURCES[rng.below(3) as usize]).unwrap();
                let id = RecordId::new(&source, &format!("r{}", rng.below(150)));
                let previous = match written.get(&id) {
                    Some(previous) => Some(previous.clone()),
                    None => store.get(&id).unwrap(),
                };
                let deleted = rng.below(5) == 0;
                if deleted && previous.as_ref().is_none_or(|previous| previous.deleted) {
                    continue;
                }
                seq += 1;
                let at = DateTime::from_timestamp(START_SECS + (seq / 4) as i64, 0).unwrap();
                let credential = (!deleted).then(|| {
                    let mut credential = Credential::default();
                    credential.title.insert("en", &format!("Course {id}"));
                    credential.awarding_body.country = COUNTRIES[rng.below(4) as usize]
                        .map(|code| model::Country::parse(code).unwrap());
                    credential
                });
                let record = StoredRecord {
                    id: id.clone(),
                    seq,
                    version: previous.as_ref().map_or(1, |previous| previous.version + 1),
                    deleted,
                    credential,
                    provenance: model::Provenance {
                        source_id: source.clone(),
                        run_id: model::RunId::new(&source, at),
                        upstream_id: id.to_string(),
                        datestamp: None,
                        harvested_at: at,
                        payload_hash: model::PayloadHash::of(&seq.to_be_bytes()),
                        format: model::Format::ClearinghouseJson,
                        via: Vec::new(),
                    },
                    first_seen: at,
                    updated_at: at,
                };
                batch
                    .put_record(
                        &record,
                        None,
                        previous.as_ref().map(|previous| (previous, None)),
                    )
                    .unwrap();
                written.insert(id, record);
            }
            batch.set_sequence(seq, store::StoreCounts::default());
            store.apply(batch).unwrap();
        }
    }

    #[expect(
        clippy::disallowed_methods,
        reason = "the test writes its store as the indexer's writer thread would"
    )]
    fn write_decisions(store: &Store, n: usize) {
        let mut batch = store.batch();
        for i in 0..n {
            let decision = store::Decision {
                id: format!("dec-{i:03}"),
                revision: 1,
                credential: RecordId::parse("uni.00000000000000000000").unwrap(),
                institution: "University".to_owned(),
                outcome: store::DecisionOutcome::Refused,
                conditions: None,
                rationale: "test".to_owned(),
                decided_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                valid_until: None,
                private: i % 7 == 0,
                recorded_at: DateTime::from_timestamp(START_SECS + 20 * i as i64, 0).unwrap(),
                recorded_by: "test".to_owned(),
                withdrawn: i % 11 == 0,
                relied_on: store::Fingerprint::default(),
                at_risk: None,
                withdrawal_reason: None,
                uploaded: None,
            };
            batch.append_decision(&decision, "created", None).unwrap();
            // Some change their minds: a private one is published, public ones are made
            // private (they stay listed, as deleted).
            if i % 5 == 0 {
                let revision = store::Decision {
                    revision: 2,
                    private: !decision.private,
                    recorded_at: decision.recorded_at + chrono::Duration::seconds(5),
                    ..decision
                };
                batch.append_decision(&revision, "revised", None).unwrap();
            }
        }
        store.apply(batch).unwrap();
    }

    /// An item as a list shows it: identifier, datestamp, deleted, sets.
    type Shown = (String, String, bool, Vec<String>);

    /// The list of `query` by walking every record in the order of the change log, then
    /// every decision: what the provider answered before it had listings.
    fn full_scan(repo: &Repository<'_>, query: &ListQuery) -> Vec<Shown> {
        let mut out = Vec::new();
        let records = repo
            .store
            .changes_after(0)
            .map(|record| Item::Record(Box::new(record.unwrap())));
        // A decision private at every revision was never published: it is not listed.
        let decisions = repo
            .store
            .all_decisions()
            .map(Result::unwrap)
            .filter(|decision| {
                repo.store
                    .decision_revisions(&decision.id)
                    .unwrap()
                    .iter()
                    .any(|revision| !revision.private)
            })
            .map(|decision| Item::Decision(Box::new(decision)));
        for item in records.chain(decisions) {
            if let Some(header) = repo.matches(query, &item).unwrap() {
                out.push((
                    header.identifier,
                    datestamp(header.datestamp),
                    header.deleted,
                    header.sets,
                ));
            }
        }
        out
    }

    fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
        let start = text.find(open)? + open.len();
        let end = text[start..].find(close)? + start;
        Some(&text[start..end])
    }

    /// The items of one answer, its error code, and its resumption token element's
    /// attributes and text.
    fn shown(xml: &str) -> (Vec<Shown>, Option<String>, Option<(String, String)>) {
        let error = between(xml, "<error code=\"", "\"").map(str::to_owned);
        let items = xml
            .split("<header")
            .skip(1)
            .map(|header| {
                let header = header.split("</header>").next().unwrap();
                let sets = header
                    .split("<setSpec>")
                    .skip(1)
                    .map(|rest| rest.split("</setSpec>").next().unwrap().to_owned())
                    .collect();
                (
                    between(header, "<identifier>", "</identifier>")
                        .unwrap()
                        .to_owned(),
                    between(header, "<datestamp>", "</datestamp>")
                        .unwrap()
                        .to_owned(),
                    header.starts_with(" status=\"deleted\""),
                    sets,
                )
            })
            .collect();
        let token = xml.find("<resumptionToken").map(|start| {
            let element = &xml[start..];
            let (head, rest) = element.split_once('>').unwrap();
            let text = if head.ends_with('/') {
                String::new()
            } else {
                rest.split("</resumptionToken>").next().unwrap().to_owned()
            };
            (head.to_owned(), text)
        });
        (items, error, token)
    }

    fn ask(repo: &Repository<'_>, query: &str) -> String {
        respond(repo, &pairs(query)).unwrap()
    }

    /// Pages through `query` to its end: the items, and checks each page's token.
    fn page_through(repo: &Repository<'_>, verb: &str, query: &str, expected: &[Shown]) {
        let mut got: Vec<Shown> = Vec::new();
        let mut xml = ask(repo, &format!("verb={verb}&{query}"));
        loop {
            let (items, error, token) = shown(&xml);
            if expected.is_empty() {
                assert_eq!(error.as_deref(), Some("noRecordsMatch"), "{query}");
                return;
            }
            assert_eq!(error, None, "{query}: {xml}");
            assert!(items.len() <= PAGE_SIZE);
            let cursor = got.len();
            got.extend(items);
            let Some((head, text)) = token else {
                assert_eq!(cursor, 0, "{query}: a resumed page has a token element");
                break;
            };
            assert!(
                head.contains(&format!("cursor=\"{cursor}\"")),
                "{query}: {head}"
            );
            if let Some(size) = between(&head, "completeListSize=\"", "\"") {
                assert_eq!(size, expected.len().to_string(), "{query}");
            } else {
                assert!(
                    query.contains("from=") || query.contains("until="),
                    "{query}: the size of a list without datestamps is known"
                );
            }
            if text.is_empty() {
                break;
            }
            xml = ask(repo, &format!("verb={verb}&resumptionToken={text}"));
        }
        assert_eq!(got, expected, "{query}");
    }

    #[test]
    fn lists_answer_what_a_full_scan_answers() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut rng = Rng(20_261_207);
        write_random_store(&store, &mut rng, 30);
        write_decisions(&store, 130);
        let config = config::Config::from_toml_str(CONFIG, dir.path()).unwrap();
        let key = token::TokenKey::from_bytes([3; 32]);
        let repo = repository(&store, &config, &key);
        let last_secs = START_SECS + (store.last_seq().unwrap() / 4) as i64;
        let stamp = |secs: i64| datestamp(DateTime::from_timestamp(secs, 0).unwrap());
        let sets = [
            None,
            Some("source"),
            Some("source:uni"),
            Some("source:gone"),
            Some("source:none"),
            Some("country"),
            Some("country:DE"),
            Some("country:FR"),
            Some("country:AT"),
            Some("country:XX"),
            Some("country:DE:x"),
            Some("decisions"),
            Some("sour"),
        ];
        let mut datestamps = vec![(None, None)];
        for _ in 0..4 {
            let from = START_SECS + rng.below((last_secs - START_SECS + 40) as u64) as i64;
            let until = from + rng.below(200) as i64;
            datestamps.push((Some(from), None));
            datestamps.push((None, Some(until)));
            datestamps.push((Some(from), Some(until)));
        }
        let mut compared = 0;
        for format in [MetadataFormat::OaiDc, MetadataFormat::ClearinghouseJson] {
            for set in sets {
                for (from, until) in &datestamps {
                    let query = ListQuery {
                        format,
                        set: set.map(str::to_owned),
                        from: *from,
                        until: *until,
                    };
                    let expected = full_scan(&repo, &query);
                    let mut text = format!("metadataPrefix={}", format.prefix());
                    if let Some(set) = set {
                        text.push_str(&format!("&set={set}"));
                    }
                    if let Some(from) = from {
                        text.push_str(&format!("&from={}", stamp(*from)));
                    }
                    if let Some(until) = until {
                        text.push_str(&format!("&until={}", stamp(*until)));
                    }
                    page_through(&repo, "ListIdentifiers", &text, &expected);
                    compared += expected.len();
                }
            }
        }
        assert!(
            compared > 10_000,
            "the lists are long enough to page: {compared}"
        );
        page_through(
            &repo,
            "ListRecords",
            "metadataPrefix=oai_dc&set=country:DE",
            &full_scan(
                &repo,
                &ListQuery {
                    format: MetadataFormat::OaiDc,
                    set: Some("country:DE".to_owned()),
                    from: None,
                    until: None,
                },
            ),
        );
        // Day granularity: the whole day, both ends included.
        let day = DateTime::from_timestamp(START_SECS, 0)
            .unwrap()
            .format("%Y-%m-%d")
            .to_string();
        let day_start = DateTime::parse_from_rfc3339(&format!("{day}T00:00:00Z"))
            .unwrap()
            .timestamp();
        page_through(
            &repo,
            "ListIdentifiers",
            &format!("metadataPrefix=oai_dc&from={day}&until={day}"),
            &full_scan(
                &repo,
                &ListQuery {
                    format: MetadataFormat::OaiDc,
                    set: None,
                    from: Some(day_start),
                    until: Some(day_start + 86_399),
                },
            ),
        );
    }

    #[test]
    fn a_list_resumed_after_changes_misses_nothing_and_tokens_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut rng = Rng(7);
        write_random_store(&store, &mut rng, 10);
        let config = config::Config::from_toml_str(CONFIG, dir.path()).unwrap();
        let key = token::TokenKey::from_bytes([3; 32]);
        let repo = repository(&store, &config, &key);
        let query = ListQuery {
            format: MetadataFormat::ClearinghouseJson,
            set: None,
            from: None,
            until: None,
        };
        let before = full_scan(&repo, &query);
        let (first, _, token) = shown(&ask(
            &repo,
            "verb=ListIdentifiers&metadataPrefix=clearinghouse-json",
        ));
        let (_, text) = token.unwrap();
        // Records change while the client pages: those already listed come again, with
        // their new datestamps; nothing is missed.
        write_random_store(&store, &mut rng, 3);
        let after = full_scan(&repo, &query);
        let mut rest = Vec::new();
        let mut next = Some(text.clone());
        while let Some(token) = next.filter(|token| !token.is_empty()) {
            let (items, error, token) = shown(&ask(
                &repo,
                &format!("verb=ListIdentifiers&resumptionToken={token}"),
            ));
            assert_eq!(error, None);
            rest.extend(items);
            next = token.map(|(_, text)| text);
        }
        let seen: std::collections::HashSet<&String> = first
            .iter()
            .chain(&rest)
            .map(|(identifier, ..)| identifier)
            .collect();
        for (identifier, ..) in before.iter().chain(&after) {
            assert!(seen.contains(identifier), "{identifier} was missed");
        }
        let first_ids: std::collections::HashSet<&String> =
            first.iter().map(|(id, ..)| id).collect();
        let expected_rest: Vec<&Shown> = after
            .iter()
            .filter(|(id, stamp, ..)| {
                !first_ids.contains(id)
                    || first
                        .iter()
                        .any(|(first_id, first_stamp, ..)| first_id == id && first_stamp != stamp)
            })
            .collect();
        assert_eq!(rest.iter().collect::<Vec<_>>(), expected_rest);
        // An altered token is refused.
        let altered = text.replacen(".k", ".k1", 1);
        let (_, error, _) = shown(&ask(
            &repo,
            &format!("verb=ListIdentifiers&resumptionToken={altered}"),
        ));
        assert_eq!(error.as_deref(), Some("badResumptionToken"));
        // A token of version 1, at a sequence number, goes on after it.
        let at_seq = store
            .changes_after(0)
            .nth(PAGE_SIZE - 1)
            .unwrap()
            .unwrap()
            .seq;
        let body = format!(
            "v1.li.ch.-.-.-.r{at_seq}.100.{}.{}",
            before.len(),
            repo.now.timestamp()
        );
        let text = format!("{body}.{}", token::mac_for_tests(&key, &body));
        let (items, error, _) = shown(&ask(
            &repo,
            &format!("verb=ListIdentifiers&resumptionToken={text}"),
        ));
        assert_eq!(error, None);
        let after_seq: Vec<&Shown> = after[after
            .iter()
            .position(|(id, ..)| {
                store
                    .get(&RecordId::parse(id.rsplit(':').next().unwrap()).unwrap())
                    .unwrap()
                    .unwrap()
                    .seq
                    > at_seq
            })
            .unwrap()..]
            .iter()
            .take(PAGE_SIZE)
            .collect();
        assert_eq!(items.iter().collect::<Vec<_>>(), after_seq);
    }
}
