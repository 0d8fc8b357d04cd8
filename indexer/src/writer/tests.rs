//! Tests of the writer: counts, versions, tombstones, the shrink guard, replay.

use chrono::Utc;
use model::{
    Checkpoint, Format, HarvestPage, PageKind, RawRecord, RecordId, ResumePoint, RunId, SourceId,
};

use super::*;
use search::SearchRequest;

fn source() -> SourceId {
    SourceId::parse("test-src").unwrap()
}

fn context() -> SourceContext {
    SourceContext {
        institution: "Test University".to_owned(),
        institution_names: Vec::new(),
        country: model::Country::parse("DE").unwrap(),
        max_shrink_fraction: 0.5,
        limits: model::ParseLimits::default(),
        may_publish_for: formats::MayPublishFor::Named,
        accepts_provenance: false,
    }
}

fn dc(id: &str, title: &str) -> RawRecord {
    RawRecord {
        source_id: source(),
        upstream_id: id.to_owned(),
        datestamp: Some("2024-01-01".to_owned()),
        deleted: false,
        sets: Vec::new(),
        format: Format::OaiDc,
        payload: format!(
            r#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></oai_dc:dc>"#
        )
        .into_bytes(),
    }
}

fn page(records: Vec<RawRecord>, last: bool) -> HarvestPage {
    let run_id = RunId::new(&source(), Utc::now());
    HarvestPage {
        source_id: source(),
        run_id: run_id.clone(),
        received_at: Utc::now(),
        kind: PageKind::Records,
        records,
        envelope_errors: Vec::new(),
        checkpoint: Checkpoint {
            resume: (!last).then(|| ResumePoint {
                run_id,
                started_at: Utc::now(),
                from: None,
                resumption_token: "next".to_owned(),
                pages: 1,
                max_datestamp: None,
                complete_list_size: None,
                counts: Default::default(),
            }),
            ..Checkpoint::default()
        },
    }
}

fn document(json: &str) -> HarvestPage {
    let mut page = page(Vec::new(), true);
    page.kind = PageKind::FullDocument;
    page.records = vec![RawRecord {
        source_id: source(),
        upstream_id: "feed.json".to_owned(),
        datestamp: None,
        deleted: false,
        sets: Vec::new(),
        format: Format::ClearinghouseJson,
        payload: json.as_bytes().to_vec(),
    }];
    page
}

fn search_total(indexer: &Indexer, query: &str) -> u64 {
    indexer
        .index()
        .search(&SearchRequest::new(query, 0, 10))
        .unwrap()
        .total
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

#[test]
fn pages_add_update_keep_and_tombstone() {
    let dir = tempfile::tempdir().unwrap();
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    let outcome = block_on(indexer.apply_page(
        page(
            vec![dc("a", "Quantum computing"), dc("b", "Marine biology")],
            false,
        ),
        context(),
    ))
    .unwrap();
    assert_eq!((outcome.counts.seen, outcome.counts.added), (2, 2));
    let checkpoint = indexer.store().checkpoint(&source()).unwrap();
    assert_eq!(
        checkpoint.resume.unwrap().counts.added,
        2,
        "page counts are carried"
    );

    let mut deleted = dc("b", "");
    deleted.deleted = true;
    deleted.payload.clear();
    let outcome = block_on(indexer.apply_page(
        page(
            vec![dc("a", "Quantum computing"), deleted, dc("c", "Broken <")],
            true,
        ),
        context(),
    ))
    .unwrap();
    assert_eq!(outcome.counts.unchanged, 1);
    assert_eq!(outcome.counts.deleted, 1);
    assert_eq!(outcome.counts.failed, 1);
    assert_eq!(outcome.errors[0].upstream_id.as_deref(), Some("c"));
    assert!(
        indexer
            .store()
            .checkpoint(&source())
            .unwrap()
            .resume
            .is_none()
    );

    assert_eq!(search_total(&indexer, "quantum"), 1);
    assert_eq!(
        search_total(&indexer, "marine"),
        0,
        "a deleted record leaves search"
    );
    let tombstone = indexer
        .store()
        .get(&RecordId::new(&source(), "b"))
        .unwrap()
        .unwrap();
    assert!(tombstone.deleted && tombstone.credential.is_none());
    assert_eq!(tombstone.version, 2);
    assert_eq!(tombstone.provenance.upstream_id, "b");

    let outcome =
        block_on(indexer.apply_page(page(vec![dc("a", "Quantum computing II")], true), context()))
            .unwrap();
    assert_eq!(outcome.counts.updated, 1);
    let id = RecordId::new(&source(), "a");
    let record = indexer.store().get(&id).unwrap().unwrap();
    assert_eq!(record.version, 2);
    assert_eq!(indexer.store().history(&id).unwrap().len(), 1);
    assert_eq!(
        search_total(&indexer, "quantum"),
        1,
        "an update replaces, never duplicates"
    );
    let counts = indexer.store().counts().unwrap();
    assert_eq!(
        (counts.live, counts.tombstones),
        (1, 1),
        "kept in step with every change"
    );
    assert_eq!(counts, indexer.store().count_by_scanning().unwrap());
    let awarding = &record.credential.unwrap().awarding_body;
    assert_eq!(awarding.country.as_ref().unwrap().as_str(), "DE");
}

#[test]
fn records_stored_before_a_restart_are_found_and_new_ones_of_an_empty_source_are_added() {
    let dir = tempfile::tempdir().unwrap();
    {
        let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
        let outcome = block_on(indexer.apply_page(
            page(
                vec![dc("a", "Quantum computing"), dc("a", "Quantum computing")],
                false,
            ),
            context(),
        ))
        .unwrap();
        assert_eq!(
            (outcome.counts.added, outcome.counts.unchanged),
            (1, 1),
            "a repeat within the page of a new source"
        );
        let outcome = block_on(indexer.apply_page(
            page(
                vec![dc("a", "Quantum computing II"), dc("b", "Marine biology")],
                true,
            ),
            context(),
        ))
        .unwrap();
        assert_eq!(
            (outcome.counts.added, outcome.counts.updated),
            (1, 1),
            "a record written by an earlier page of a new source is found"
        );
    }
    // A writer that finds the source's records in the store looks each record up.
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    let outcome = block_on(indexer.apply_page(
        page(
            vec![
                dc("a", "Quantum computing II"),
                dc("b", "Marine biology II"),
                dc("c", "Statistics"),
            ],
            true,
        ),
        context(),
    ))
    .unwrap();
    assert_eq!(
        (
            outcome.counts.unchanged,
            outcome.counts.updated,
            outcome.counts.added
        ),
        (1, 1, 1)
    );
    let id = RecordId::new(&source(), "b");
    assert_eq!(indexer.store().get(&id).unwrap().unwrap().version, 2);
    assert_eq!(indexer.store().history(&id).unwrap().len(), 1);
    assert_eq!(
        search_total(&indexer, "marine"),
        1,
        "the update replaced the document"
    );
}

#[test]
fn full_documents_delete_what_vanished_unless_the_feed_shrank_too_much() {
    let dir = tempfile::tempdir().unwrap();
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    let records: Vec<String> = (0..10)
        .map(|i| format!(r#"{{"id":"r{i}","title":{{"en":"Course {i}"}}}}"#))
        .collect();
    let all = format!("[{}]", records.join(","));
    let outcome = block_on(indexer.apply_page(document(&all), context())).unwrap();
    assert_eq!(outcome.counts.added, 10);

    let nine = format!("[{}]", records[..9].join(","));
    let outcome = block_on(indexer.apply_page(document(&nine), context())).unwrap();
    assert_eq!((outcome.counts.unchanged, outcome.counts.deleted), (9, 1));

    let three = format!("[{}]", records[..3].join(","));
    let outcome = block_on(indexer.apply_page(document(&three), context())).unwrap();
    assert_eq!(outcome.counts.deleted, 0);
    let held = outcome.held_for_review.unwrap();
    assert!(held.contains("shrank from 9 to 3"), "{held}");
    assert_eq!(search_total(&indexer, "course"), 9);

    let broken = block_on(indexer.apply_page(document("[{\"id\":"), context()));
    assert!(matches!(broken, Err(IndexerError::Document { .. })));
    assert_eq!(
        search_total(&indexer, "course"),
        9,
        "a broken document deletes nothing"
    );
}

#[test]
fn a_lost_index_is_rebuilt_from_the_store_at_start() {
    let dir = tempfile::tempdir().unwrap();
    {
        let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
        block_on(indexer.apply_page(
            page(vec![dc("a", "Volcanology"), dc("b", "Glaciology")], true),
            context(),
        ))
        .unwrap();
    }
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    assert_eq!(search_total(&indexer, "volcanology"), 1);
    assert_eq!(indexer.index().num_docs(), 2);
    assert_eq!(
        indexer.index().committed_seq().unwrap(),
        indexer.store().last_seq().unwrap()
    );
    drop(indexer);
    assert_eq!(rebuild_index(dir.path(), 20_000_000).unwrap(), 2);
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    assert_eq!(search_total(&indexer, "glaciology"), 1);
    let generations = std::fs::read_dir(dir.path().join("index")).unwrap().count();
    assert_eq!(generations, 2, "one generation and CURRENT remain");
}

fn decision_on(credential: &RecordId, id: &str, store: &Store) -> store::Decision {
    let record = store.get(credential).unwrap().unwrap();
    store::Decision {
        id: id.to_owned(),
        revision: 0,
        credential: credential.clone(),
        institution: "other-uni".to_owned(),
        outcome: store::DecisionOutcome::Credits { ects: 5.0 },
        conditions: None,
        rationale: "same outcomes".to_owned(),
        decided_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        valid_until: None,
        private: false,
        recorded_at: Utc::now(),
        recorded_by: "officer-token".to_owned(),
        withdrawn: false,
        relied_on: store::Fingerprint::of(&record),
        at_risk: None,
        withdrawal_reason: None,
        uploaded: None,
    }
}

#[test]
fn decisions_are_append_only_idempotent_and_flagged_when_the_credential_changes() {
    let dir = tempfile::tempdir().unwrap();
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    let json = |ects: u32| {
        document(&format!(
            r#"[{{"id":"x","title":{{"en":"Welding"}},"credits":{{"value":{ects},"scheme":"ects"}}}}]"#
        ))
    };
    block_on(indexer.apply_page(json(5), context())).unwrap();
    let x = RecordId::new(&source(), "x");

    let first = decision_on(&x, "rd-1", indexer.store());
    let stored =
        block_on(indexer.record_decision(first.clone(), "created", Some("key-1".to_owned())))
            .unwrap();
    assert_eq!(stored.revision, 1);
    let again =
        block_on(indexer.record_decision(first.clone(), "created", Some("key-1".to_owned())))
            .unwrap();
    assert_eq!(
        again, stored,
        "a retried request with the same key writes nothing"
    );
    assert_eq!(indexer.store().decision_revisions("rd-1").unwrap().len(), 1);

    let mut revised = stored.clone();
    revised.rationale = "checked the syllabus".to_owned();
    let revised = block_on(indexer.record_decision(revised, "revised", None)).unwrap();
    assert_eq!(revised.revision, 2);
    assert_eq!(indexer.store().decisions_about(&x).unwrap().len(), 1);

    // Same credits: nothing at risk. Changed credits: flagged, with what changed.
    block_on(indexer.apply_page(json(5), context())).unwrap();
    assert!(
        indexer
            .store()
            .decision("rd-1")
            .unwrap()
            .unwrap()
            .at_risk
            .is_none()
    );
    block_on(indexer.apply_page(json(3), context())).unwrap();
    let flagged = indexer.store().decision("rd-1").unwrap().unwrap();
    assert_eq!(flagged.revision, 3);
    let at_risk = flagged.at_risk.unwrap();
    assert_eq!(
        at_risk.changes,
        vec!["credits changed from 5 ECTS to 3 ECTS".to_owned()]
    );
    let audit: Vec<_> = indexer.store().audit_trail().map(Result::unwrap).collect();
    let actions: Vec<_> = audit.iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(actions, vec!["created", "revised", "flagged_at_risk"]);
    assert_eq!(indexer.store().all_decisions().count(), 1);
}

#[test]
fn segments_merge_down_to_two_and_stay_merged_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    // Each run's last page commits: one segment per run.
    for run in 0..4 {
        let records = (0..5)
            .map(|i| {
                dc(
                    &format!("r{run}-{i}"),
                    &format!("Course {run} {i} statistics"),
                )
            })
            .collect();
        block_on(indexer.apply_page(page(records, true), context())).unwrap();
    }
    assert_eq!(indexer.index().num_segments(), 4);
    let before = search_total(&indexer, "statistics");
    assert_eq!(before, 20);

    block_on(indexer.merge_segments_now()).unwrap();
    let started = Instant::now();
    while indexer.index().num_segments() > search::SEGMENTS_WHEN_IDLE {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "merge never finished"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(indexer.index().num_segments(), 2);
    assert_eq!(search_total(&indexer, "statistics"), before);
    // Two segments: nothing more to merge.
    block_on(indexer.merge_segments_now()).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(indexer.index().num_segments(), 2);

    // The merge kept the commit's store sequence number: no replay, nothing doubled.
    let seq = indexer.index().committed_seq().unwrap();
    drop(indexer);
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    assert_eq!(indexer.index().committed_seq().unwrap(), seq);
    assert_eq!(indexer.index().num_segments(), 2);
    assert_eq!(search_total(&indexer, "statistics"), before);
}
