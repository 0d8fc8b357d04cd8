//! Tests of the index over a fixed corpus (`testdata/relevance/corpus.json`) indexed
//! directly, without a store: what the search crate answers on its own. Search through
//! the real write path is tested in the indexer.

use std::collections::HashMap;

use chrono::Utc;
use model::{Format, PayloadHash, Provenance, RecordId, RunId, SourceId, StoredRecord};
use tantivy::query::Query;
use tantivy::{DocAddress, Term};

use crate::analysis::Bucket;
use crate::query::TextKind;
use crate::{SearchIndex, SearchRequest, word_pairs};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/testdata/relevance/corpus.json"
);

/// An index of test records, and the records by id (what a store would hold).
pub(crate) struct TestIndex {
    _dir: tempfile::TempDir,
    pub(crate) index: SearchIndex,
    pub(crate) records: HashMap<RecordId, StoredRecord>,
}

impl TestIndex {
    /// The upstream ids of the hits of `results`, sorted.
    pub(crate) fn upstream_ids(&self, results: &crate::SearchResults) -> Vec<String> {
        let mut ids: Vec<String> = results
            .hits
            .iter()
            .map(|hit| self.records[&hit.id].provenance.upstream_id.clone())
            .collect();
        ids.sort();
        ids
    }

    /// The record of `upstream_id` in source `source`.
    pub(crate) fn record(&self, source: &SourceId, upstream_id: &str) -> &StoredRecord {
        &self.records[&RecordId::new(source, upstream_id)]
    }
}

/// `records` (clearinghouse-json objects) of `source` read as the indexer reads them (the
/// source's assumptions applied) and indexed in one commit.
pub(crate) fn index_of(source: &str, records: &[serde_json::Value]) -> TestIndex {
    let source = SourceId::parse(source).unwrap();
    let payload = serde_json::to_vec(records).unwrap();
    let parsed = formats::parse(Format::ClearinghouseJson, &payload).unwrap();
    let assumptions = formats::SourceAssumptions {
        institution: "Test Institution".to_owned(),
        institution_names: Vec::new(),
        country: model::Country::parse("DE").unwrap(),
        // The test records name many awarding bodies: an aggregator's.
        may_publish_for: formats::MayPublishFor::Any,
    };
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::create_dir(dir.path()).unwrap();
    let mut writer = index.writer(20_000_000).unwrap();
    let mut stored = HashMap::new();
    for (seq, parsed) in parsed.into_iter().enumerate() {
        let mut parsed = parsed.unwrap();
        formats::assume(&mut parsed.credential, &assumptions);
        let record = StoredRecord {
            id: RecordId::new(&source, &parsed.upstream_id),
            seq: seq as u64 + 1,
            version: 1,
            deleted: false,
            credential: Some(parsed.credential),
            provenance: Provenance {
                source_id: source.clone(),
                run_id: RunId::new(&source, Utc::now()),
                upstream_id: parsed.upstream_id,
                datestamp: None,
                harvested_at: Utc::now(),
                payload_hash: PayloadHash::of(b""),
                format: Format::ClearinghouseJson,
                via: Vec::new(),
            },
            first_seen: Utc::now(),
            updated_at: Utc::now(),
        };
        let document = index.document(&record, record.credential.as_ref().unwrap());
        writer.put(document, record.seq, false).unwrap();
        stored.insert(record.id.clone(), record);
    }
    writer.commit(stored.len() as u64).unwrap();
    writer.finish().unwrap();
    TestIndex {
        _dir: dir,
        index,
        records: stored,
    }
}

/// The relevance corpus, indexed.
fn corpus_index() -> TestIndex {
    let records: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(CORPUS).unwrap()).unwrap();
    index_of("rel", &records)
}

fn request(query: &str) -> SearchRequest {
    SearchRequest::new(query, 0, 100)
}

/// The documents and scores of `query`, best first (ties by address).
fn scored_docs(searcher: &tantivy::Searcher, query: &dyn Query) -> Vec<(DocAddress, f32)> {
    let mut docs = searcher
        .search(
            query,
            &tantivy::collector::TopDocs::with_limit(1_000).order_by_score(),
        )
        .unwrap()
        .into_iter()
        .map(|(score, address)| (address, score))
        .collect::<Vec<_>>();
    docs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    docs
}

#[test]
fn word_pairs_answer_two_word_phrases_as_phrase_queries_do() {
    use tantivy::query::{BoostQuery, PhraseQuery};

    let corpus = corpus_index();
    let index = &corpus.index;
    let searcher = index.reader.searcher();
    let f = index.fields();
    let mut compared = 0;
    let mut matched = 0;
    for bucket in Bucket::all() {
        for kind in TextKind::ALL {
            let (text_field, pair_field) = (f.text_field(bucket, kind), f.pair_field(bucket, kind));
            let mut pairs = Vec::new();
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(pair_field).unwrap();
                let mut stream = inverted.terms().stream().unwrap();
                while stream.advance() {
                    pairs.push(String::from_utf8(stream.key().to_vec()).unwrap());
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            for pair in pairs {
                let (first, second) = pair.split_once(' ').unwrap();
                // The pair as indexed, and reversed (mostly not a phrase of the corpus).
                for words in [[first, second], [second, first]] {
                    let phrase = BoostQuery::new(
                        Box::new(PhraseQuery::new(
                            words
                                .iter()
                                .map(|word| Term::from_field_text(text_field, word))
                                .collect(),
                        )),
                        1.5,
                    );
                    let pair_query = BoostQuery::new(
                        Box::new(word_pairs::PairQuery::new(
                            text_field,
                            pair_field,
                            words.map(str::to_owned),
                        )),
                        1.5,
                    );
                    let expected = scored_docs(&searcher, &phrase);
                    assert_eq!(
                        scored_docs(&searcher, &pair_query),
                        expected,
                        "{words:?} in {}_{}",
                        kind.name(),
                        bucket.name()
                    );
                    compared += 1;
                    matched += usize::from(!expected.is_empty());
                }
            }
        }
    }
    assert!(
        compared > 200 && matched * 2 >= compared,
        "{compared} {matched}"
    );

    // Through the query language: a quoted pair and a word the analyzer splits in two.
    let results = index.search(&request("\"machine learning\"")).unwrap();
    assert!(results.total > 0);
    for hit in &results.hits {
        let record = &corpus.records[&hit.id];
        let text = serde_json::to_string(&record).unwrap().to_lowercase();
        assert!(
            text.contains("machine learning"),
            "{}",
            record.provenance.upstream_id
        );
    }
}

/// The files of an index generation that are not tantivy's own bookkeeping: segments.
fn segment_files(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && name != "meta.json")
        .collect()
}

#[test]
fn files_no_commit_refers_to_are_removed_when_a_writer_opens() {
    let test = corpus_index();
    let dir = test.index.dir().to_path_buf();
    let committed = segment_files(&dir);
    // A writer stops before it commits (a process killed mid-harvest): the documents it
    // indexed leave segment files that no commit names.
    let mut writer = test.index.writer(20_000_000).unwrap();
    for record in test.records.values() {
        let document = test
            .index
            .document(record, record.credential.as_ref().unwrap());
        writer.put(document, record.seq, true).unwrap();
    }
    drop(writer);
    let orphaned: Vec<String> = segment_files(&dir)
        .difference(&committed)
        .cloned()
        .collect();
    assert!(!orphaned.is_empty(), "the stopped writer left no file");

    let _writer = test.index.writer(20_000_000).unwrap();
    assert_eq!(segment_files(&dir), committed);
    assert_eq!(test.index.num_docs(), test.records.len() as u64);
}

#[test]
fn a_query_being_typed_finds_its_last_word_by_its_beginning() {
    let test = index_of(
        "typing",
        &[
            serde_json::json!({"id": "ds", "title": {"en": "Introduction to data science"}}),
            serde_json::json!({"id": "sc", "title": {"en": "Data scraping for journalists"}}),
            serde_json::json!({"id": "bio", "title": {"en": "Marine biology"}}),
        ],
    );
    let found = |query: &str, typing: bool| {
        let mut ids: Vec<String> = test
            .index
            .search(&SearchRequest {
                typing,
                ..request(query)
            })
            .unwrap()
            .hits
            .iter()
            .map(|hit| test.records[&hit.id].provenance.upstream_id.clone())
            .collect();
        ids.sort();
        ids
    };
    // Finished words match whole words only; the word being typed matches beginnings.
    assert!(found("data sci", false).is_empty());
    assert_eq!(found("data sci", true), ["ds"]);
    assert_eq!(found("data sc", true), ["ds", "sc"]);
    // Only the last word, only one of two characters or more, never an excluded one.
    assert!(found("dat science", true).is_empty());
    assert_eq!(found("data s", true), Vec::<String>::new());
    assert_eq!(found("data -scr", true), ["ds", "sc"]);
    // An exact match ranks before a beginning.
    let hits = test
        .index
        .search(&SearchRequest {
            typing: true,
            ..request("data scraping")
        })
        .unwrap()
        .hits;
    assert_eq!(test.records[&hits[0].id].provenance.upstream_id, "sc");
}

/// A filter on an element leaves out the records that do not state it: the answer says
/// how many (among those matching everything else), and when asked lets them in.
#[test]
fn records_that_do_not_state_a_filtered_element_are_counted_and_can_be_let_in() {
    use crate::{Element, Facet};
    let records = [
        serde_json::json!({ "id": "a", "title": { "en": "Data science" }, "eqf_level": 6,
            "credits": { "value": 5, "scheme": "ects" }, "participation": ["online"],
            "offers": [{ "start": "2027-03-01" }] }),
        serde_json::json!({ "id": "b", "title": { "en": "Data science basics" },
            "credits": { "value": 3, "scheme": "ects" } }),
        serde_json::json!({ "id": "c", "title": { "en": "Data science advanced" }, "eqf_level": 7,
            "participation": ["on-site"], "offers": [{ "start": "2026-01-10" }] }),
        serde_json::json!({ "id": "d", "title": { "en": "Data science for teachers" } }),
        serde_json::json!({ "id": "e", "title": { "en": "Marine biology" } }),
    ];
    let test = index_of("uni", &records);
    let ids = |results: &crate::SearchResults| test.upstream_ids(results);
    let unstated = |results: &crate::SearchResults, element: Element| {
        results
            .unstated
            .iter()
            .find(|unstated| unstated.element == element)
            .map(|unstated| (unstated.count, unstated.included))
    };

    // A range filter: b and d state no EQF level (e does not match the query).
    let mut eqf = request("data science");
    eqf.eqf_min = Some(6);
    let results = test.index.search(&eqf).unwrap();
    assert_eq!(ids(&results), ["a", "c"]);
    let level = Element::Facet(Facet::EqfLevel);
    assert_eq!(unstated(&results, level), Some((2, false)));
    assert_eq!(results.unstated.len(), 1, "only the elements filtered on");
    eqf.include_unstated = vec![level];
    let results = test.index.search(&eqf).unwrap();
    assert_eq!(ids(&results), ["a", "b", "c", "d"]);
    assert_eq!(unstated(&results, level), Some((2, true)));

    // Counted among the records that pass every other filter: with ECTS at most 4, only
    // b is left, and it states no EQF level.
    let mut both = request("data science");
    both.eqf_min = Some(6);
    both.ects_max = Some(4.0);
    let results = test.index.search(&both).unwrap();
    assert!(results.hits.is_empty());
    assert_eq!(unstated(&results, level), Some((1, false)));
    // a (5 ECTS) and c (no ECTS) pass the EQF filter; c states no ECTS.
    assert_eq!(
        unstated(&results, Element::Facet(Facet::Ects)),
        Some((1, false))
    );

    // A facet selection: b and d state no form of participation.
    let mut online = request("data science");
    online.filters = vec![(Facet::Participation, vec!["online".to_owned()])];
    let results = test.index.search(&online).unwrap();
    assert_eq!(ids(&results), ["a"]);
    let participation = Element::Facet(Facet::Participation);
    assert_eq!(unstated(&results, participation), Some((2, false)));
    online.include_unstated = vec![participation];
    let results = test.index.search(&online).unwrap();
    assert_eq!(ids(&results), ["a", "b", "d"]);
    assert_eq!(results.total, 3);

    // The start date: b and d have no offer with a start date; c starts before.
    let mut starting = request("data science");
    starting.starts_after = chrono::NaiveDate::from_ymd_opt(2026, 6, 1);
    let results = test.index.search(&starting).unwrap();
    assert_eq!(ids(&results), ["a"]);
    assert_eq!(unstated(&results, Element::StartDate), Some((2, false)));
    starting.include_unstated = vec![Element::StartDate];
    let results = test.index.search(&starting).unwrap();
    assert_eq!(ids(&results), ["a", "b", "d"]);

    // No filter, nothing to say.
    let results = test.index.search(&request("data science")).unwrap();
    assert!(results.unstated.is_empty());
}

/// Sorting by start puts the offer that starts soonest (from the day given on) first;
/// offers already started do not count, and records with none to come go last.
#[test]
fn hits_sort_by_the_next_start_of_an_offer() {
    let records = [
        serde_json::json!({ "id": "late", "title": { "en": "Data science late" },
            "offers": [{ "start": "2027-09-01" }] }),
        serde_json::json!({ "id": "soon", "title": { "en": "Data science soon" },
            "offers": [{ "start": "2026-01-05" }, { "start": "2027-02-01" }] }),
        serde_json::json!({ "id": "none", "title": { "en": "Data science whenever" } }),
        serde_json::json!({ "id": "past", "title": { "en": "Data science past" },
            "offers": [{ "start": "2026-03-01" }] }),
    ];
    let test = index_of("uni", &records);
    let order = |sort: &str| {
        let mut request = request("data science");
        request.sort = crate::Sort::parse(sort).unwrap();
        request.today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7);
        test.index
            .search(&request)
            .unwrap()
            .hits
            .iter()
            .map(|hit| test.records[&hit.id].provenance.upstream_id.clone())
            .collect::<Vec<_>>()
    };
    let soonest = order("start");
    assert_eq!(soonest[..2], ["soon", "late"]);
    let mut last: Vec<String> = soonest[2..].to_vec();
    last.sort();
    assert_eq!(last, ["none", "past"], "nothing to come: last");
    assert_eq!(order("start:desc")[..2], ["late", "soon"]);
}

/// Cost, duration and "open now" filter by what an offer states; an offer that states
/// none of it is counted as not stating, and can be let in.
#[test]
fn offers_filter_by_price_duration_and_the_last_day_to_apply() {
    use crate::Element;
    let records = [
        serde_json::json!({ "id": "free-short", "title": { "en": "Data science free" },
            "offers": [{ "start": "2027-03-01", "end": "2027-03-14", "cost": "free",
                         "application_deadline": "2027-02-01" }] }),
        serde_json::json!({ "id": "paid-long", "title": { "en": "Data science paid" },
            "offers": [{ "start": "2027-03-01", "end": "2027-06-30", "cost": "EUR 900",
                         "application_deadline": "2026-11-30" }] }),
        serde_json::json!({ "id": "zloty", "title": { "en": "Data science in zloty" },
            "offers": [{ "cost": "PLN 400" }] }),
        serde_json::json!({ "id": "bare", "title": { "en": "Data science bare" } }),
    ];
    let test = index_of("uni", &records);
    let run = |edit: &dyn Fn(&mut SearchRequest)| {
        let mut request = request("data science");
        edit(&mut request);
        let results = test.index.search(&request).unwrap();
        let ids = test.upstream_ids(&results);
        let unstated: Vec<(Element, u64)> = results
            .unstated
            .iter()
            .map(|unstated| (unstated.element, unstated.count))
            .collect();
        (ids, unstated)
    };
    assert_eq!(
        run(&|r| r.cost_max = Some(0.0)),
        (vec!["free-short".to_owned()], vec![(Element::Cost, 2)]),
        "a price in zloty is no price in euros"
    );
    assert_eq!(
        run(&|r| r.cost_max = Some(1000.0)).0,
        ["free-short", "paid-long"]
    );
    assert_eq!(
        run(&|r| r.duration_max_days = Some(28)),
        (vec!["free-short".to_owned()], vec![(Element::Duration, 2)])
    );
    assert_eq!(run(&|r| r.duration_min_days = Some(60)).0, ["paid-long"]);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7);
    assert_eq!(
        run(&|r| r.open_on = today),
        (
            vec!["free-short".to_owned()],
            vec![(Element::ApplicationDeadline, 2)]
        )
    );
    assert_eq!(
        run(&|r| {
            r.open_on = today;
            r.include_unstated = vec![Element::ApplicationDeadline];
        })
        .0,
        ["bare", "free-short", "zloty"],
        "the closed one stays out"
    );
}
