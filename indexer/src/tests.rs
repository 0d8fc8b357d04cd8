//! Tests of search over the fixed corpus `search/testdata/relevance/corpus.json`, harvested
//! through the real writer: facets, filters, sorting, paging, hit records and snippets,
//! odd queries, the judged relevance set (`search/testdata/relevance/queries.toml`), and
//! index generations.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{NaiveDate, Utc};
use model::{Checkpoint, Format, HarvestPage, PageKind, RawRecord, RecordId, RunId, SourceId};
use serde::Deserialize;

use model::Credential;
use search::{Facet, ScoredId, SearchRequest, SearchResults, Sort};

use crate::{HitRecord, Indexer, SourceContext};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../search/testdata/relevance/corpus.json"
);
const QUERIES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../search/testdata/relevance/queries.toml"
);

fn source() -> SourceId {
    SourceId::parse("rel").unwrap()
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

fn document_page(json: &[u8]) -> HarvestPage {
    HarvestPage {
        source_id: source(),
        run_id: RunId::new(&source(), Utc::now()),
        received_at: Utc::now(),
        kind: PageKind::FullDocument,
        records: vec![RawRecord {
            source_id: source(),
            upstream_id: "corpus.json".to_owned(),
            datestamp: None,
            deleted: false,
            sets: Vec::new(),
            format: Format::ClearinghouseJson,
            payload: json.to_vec(),
        }],
        envelope_errors: Vec::new(),
        checkpoint: Checkpoint::default(),
    }
}

fn apply(indexer: &Indexer, json: &[u8]) {
    let context = SourceContext {
        institution: "Relevance Test".to_owned(),
        institution_names: Vec::new(),
        country: model::Country::parse("DE").unwrap(),
        max_shrink_fraction: 1.0,
        limits: model::ParseLimits::default(),
        may_publish_for: formats::MayPublishFor::Named,
        accepts_provenance: false,
    };
    let outcome = block_on(indexer.apply_page(document_page(json), context)).unwrap();
    assert_eq!(outcome.counts.failed, 0, "{:?}", outcome.errors);
    block_on(indexer.commit()).unwrap();
}

/// An indexer over the corpus in a temporary data directory.
fn corpus_indexer() -> (tempfile::TempDir, Indexer) {
    let dir = tempfile::tempdir().unwrap();
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    apply(&indexer, &std::fs::read(CORPUS).unwrap());
    (dir, indexer)
}

fn corpus_size() -> u64 {
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(CORPUS).unwrap()).unwrap();
    json.len() as u64
}

/// The feed ids of the hits, best first.
fn hit_ids(indexer: &Indexer, results: &SearchResults) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|hit| feed_id(indexer, &hit.id))
        .collect()
}

fn feed_id(indexer: &Indexer, id: &RecordId) -> String {
    indexer
        .store()
        .get(id)
        .unwrap()
        .unwrap()
        .provenance
        .upstream_id
}

fn request(query: &str) -> SearchRequest {
    SearchRequest::new(query, 0, 100)
}

fn counts(results: &SearchResults, facet: Facet) -> BTreeMap<String, u64> {
    results
        .facets
        .iter()
        .find(|counts| counts.facet == facet)
        .unwrap()
        .values
        .iter()
        .map(|value| (value.value.clone(), value.count))
        .collect()
}

fn map(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs
        .iter()
        .map(|(value, count)| ((*value).to_owned(), *count))
        .collect()
}

#[test]
fn facets_are_disjunctive_within_and_conjunctive_across() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    let all = index.search(&request("")).unwrap();
    assert_eq!(all.total, corpus_size());
    let by_country = counts(&all, Facet::Country);
    assert_eq!(
        by_country,
        map(&[("DE", 9), ("ES", 2), ("FR", 5), ("PL", 2), ("PT", 4)])
    );

    // Selecting DE: the country facet still counts the other countries (its own
    // selection is ignored), other facets count DE records only.
    let mut germany = request("");
    germany.filters = vec![(Facet::Country, vec!["DE".to_owned()])];
    let results = index.search(&germany).unwrap();
    assert_eq!(results.total, 9);
    assert_eq!(counts(&results, Facet::Country), by_country);
    assert_eq!(
        counts(&results, Facet::Participation),
        map(&[("online", 3), ("on-site", 4), ("blended", 2)])
    );
    assert_eq!(
        counts(&results, Facet::QualityAssurance),
        map(&[("institutional-qa", 9)])
    );
    let selected: Vec<bool> = results.facets[0]
        .values
        .iter()
        .map(|v| v.selected)
        .collect();
    assert_eq!(selected, [true, false, false, false, false]);

    // OR within a facet.
    let mut two = request("");
    two.filters = vec![(Facet::Country, vec!["DE".to_owned(), "FR".to_owned()])];
    assert_eq!(index.search(&two).unwrap().total, 14);

    // AND across facets: the country counts are those of online records.
    let mut online_germany = germany.clone();
    online_germany
        .filters
        .push((Facet::Participation, vec!["online".to_owned()]));
    let results = index.search(&online_germany).unwrap();
    assert_eq!(results.total, 3);
    assert_eq!(
        counts(&results, Facet::Country),
        map(&[("DE", 3), ("ES", 1), ("FR", 2), ("PL", 1), ("PT", 1)])
    );
    assert_eq!(
        counts(&results, Facet::Participation),
        map(&[("online", 3), ("on-site", 4), ("blended", 2)])
    );

    // A selected value without records is listed with count 0.
    let mut nobody = request("");
    nobody.filters = vec![(Facet::Country, vec!["IS".to_owned()])];
    let results = index.search(&nobody).unwrap();
    assert_eq!(results.total, 0);
    assert_eq!(counts(&results, Facet::Country)["IS"], 0);
}

/// The corpus indexed in `parts` commits, one record per OAI-PMH-style record.
fn corpus_in_parts(parts: usize) -> (tempfile::TempDir, Indexer) {
    let records: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(CORPUS).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    let context = || SourceContext {
        institution: "Relevance Test".to_owned(),
        institution_names: Vec::new(),
        country: model::Country::parse("DE").unwrap(),
        max_shrink_fraction: 1.0,
        limits: model::ParseLimits::default(),
        may_publish_for: formats::MayPublishFor::Named,
        accepts_provenance: false,
    };
    for (part, chunk) in records.chunks(records.len().div_ceil(parts)).enumerate() {
        let mut page = document_page(b"");
        page.kind = PageKind::Records;
        page.records = chunk
            .iter()
            .enumerate()
            .map(|(position, record)| RawRecord {
                upstream_id: format!("part-{part}-{position}"),
                payload: serde_json::to_vec(record).unwrap(),
                ..page.records[0].clone()
            })
            .collect();
        let outcome = block_on(indexer.apply_page(page, context())).unwrap();
        assert_eq!(outcome.counts.failed, 0, "{:?}", outcome.errors);
        block_on(indexer.commit()).unwrap();
    }
    (dir, indexer)
}

#[test]
fn facet_counts_add_up_across_segments() {
    // Each segment numbers its values itself (a value one segment lacks shifts the
    // others); the counts of a search over several segments must be those of one.
    let (_whole_dir, whole) = corpus_indexer();
    let (_parts_dir, parts) = corpus_in_parts(3);
    assert_eq!(parts.index().num_segments(), 3);
    let mut germany_online = request("");
    germany_online.filters = vec![
        (Facet::Country, vec!["DE".to_owned()]),
        (Facet::Participation, vec!["online".to_owned()]),
    ];
    let mut requests = vec![germany_online];
    for query in [
        "",
        "data",
        "learning",
        "\"machine learning\"",
        "sustainable -energy",
    ] {
        requests.push(request(query));
    }
    for request in &requests {
        let expected = whole.index().search(request).unwrap();
        let actual = parts.index().search(request).unwrap();
        assert_eq!(actual.total, expected.total, "{:?}", request.query);
        assert_eq!(
            actual.hits.len(),
            expected.hits.len(),
            "{:?}",
            request.query
        );
        for facet in Facet::ALL {
            assert_eq!(
                counts(&actual, facet),
                counts(&expected, facet),
                "{facet:?} of {:?}",
                request.query
            );
        }
    }
}

#[test]
fn every_facet_has_values_and_labels() {
    let (_dir, indexer) = corpus_indexer();
    let results = indexer.index().search(&request("")).unwrap();
    for (facet, expected) in [
        (
            Facet::EqfLevel,
            map(&[("4", 1), ("5", 5), ("6", 11), ("7", 3)]),
        ),
        (
            Facet::Ects,
            map(&[("under-3", 3), ("3-5", 10), ("5-10", 6), ("over-30", 1)]),
        ),
        (
            Facet::Kind,
            map(&[
                ("course", 14),
                ("module", 1),
                ("programme", 1),
                ("micro-credential", 5),
                ("badge", 1),
            ]),
        ),
        (
            Facet::Assessment,
            map(&[
                ("written-exam", 10),
                ("oral-exam", 2),
                ("project", 5),
                ("practical", 2),
                ("online-test", 1),
                ("portfolio", 1),
                ("other", 1),
                ("not-stated", 3),
            ]),
        ),
        (
            Facet::QualityAssurance,
            map(&[
                ("accredited-programme", 3),
                ("institutional-qa", 10),
                ("external-agency", 4),
                ("not-stated", 8),
            ]),
        ),
        (
            Facet::HasLearningOutcomes,
            map(&[("true", 19), ("false", 3)]),
        ),
        (
            Facet::IscedBroad,
            map(&[
                ("01", 1),
                ("02", 1),
                ("03", 1),
                ("04", 3),
                ("05", 4),
                ("06", 6),
                ("07", 3),
                ("09", 1),
            ]),
        ),
    ] {
        assert_eq!(counts(&results, facet), expected, "{facet:?}");
    }
    let labels: Vec<(String, String)> = results
        .facets
        .iter()
        .find(|counts| counts.facet == Facet::Ects)
        .unwrap()
        .values
        .iter()
        .map(|value| (value.value.clone(), value.label.clone()))
        .take(2)
        .collect();
    assert_eq!(
        labels,
        [
            ("under-3".to_owned(), "Less than 3 ECTS".to_owned()),
            ("3-5".to_owned(), "3 to 5 ECTS".to_owned())
        ]
    );
    let narrow = &results
        .facets
        .iter()
        .find(|c| c.facet == Facet::IscedNarrow)
        .unwrap()
        .values;
    let software = narrow.iter().find(|value| value.value == "061").unwrap();
    assert_eq!(
        software.label,
        "Information and Communication Technologies (ICTs)"
    );
}

#[test]
fn range_and_date_filters() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    let total = |change: &dyn Fn(&mut SearchRequest)| {
        let mut request = request("");
        change(&mut request);
        index.search(&request).unwrap().total
    };
    let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    assert_eq!(total(&|r| r.ects_min = Some(5.0)), 12);
    assert_eq!(total(&|r| r.ects_max = Some(2.5)), 3);
    assert_eq!(
        total(&|r| {
            r.ects_min = Some(3.0);
            r.ects_max = Some(5.0);
        }),
        10
    );
    assert_eq!(total(&|r| r.eqf_min = Some(7)), 3);
    assert_eq!(
        total(&|r| {
            r.eqf_min = Some(5);
            r.eqf_max = Some(5);
        }),
        5
    );
    assert_eq!(total(&|r| r.starts_after = Some(date("2027-01-01"))), 4);
    assert_eq!(
        total(&|r| r.starts_after = Some(date("2027-03-01"))),
        2,
        "after, not on"
    );
    assert_eq!(
        total(&|r| r.updated_since = Some(Utc::now() - chrono::Duration::hours(1))),
        22
    );
    assert_eq!(
        total(&|r| r.updated_since = Some(Utc::now() + chrono::Duration::hours(1))),
        0
    );
}

#[test]
fn sorting_puts_missing_values_last() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    let order = |sort: &str| {
        let mut request = request("");
        request.sort = Sort::parse(sort).unwrap();
        hit_ids(&indexer, &index.search(&request).unwrap())
    };
    let by_ects = order("ects");
    assert_eq!(by_ects[0], "rel-html");
    assert_eq!(by_ects[19], "rel-accounting");
    assert_eq!(
        &by_ects[20..]
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        &2
    );
    assert!(by_ects[20..].contains(&"rel-und-cyber".to_owned()));
    let by_ects_desc = order("ects:desc");
    assert_eq!(by_ects_desc[0], "rel-accounting");
    assert!(by_ects_desc[20..].contains(&"rel-supply-bare".to_owned()));
    let by_title = order("title");
    assert_eq!(by_title[0], "rel-stats-desc", "applied statistics ...");
    assert_eq!(by_title[20], "rel-web-pt", "web development ...");
    assert_eq!(by_title[21], "rel-krakow-pl", "zarzadzanie ...");
    let by_eqf_desc = order("eqf_level:desc");
    assert_eq!(by_eqf_desc.len(), 22);
    assert!(["rel-ml-en", "rel-munich-de", "rel-climate"].contains(&by_eqf_desc[0].as_str()));
    assert_eq!(order("updated").len(), 22);
    for bad in ["price", "ects:up", ""] {
        assert_eq!(Sort::parse(bad), None, "{bad}");
    }
}

#[test]
fn pages_and_totals() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    let everything = hit_ids(&indexer, &index.search(&request("")).unwrap());
    let mut pages = Vec::new();
    for page in 0..3 {
        let results = index
            .search(&SearchRequest::new("", page * 10, 10))
            .unwrap();
        assert_eq!(results.total, 22);
        pages.extend(hit_ids(&indexer, &results));
    }
    assert_eq!(pages, everything, "pages concatenate to the whole list");
    let past_the_end = index.search(&SearchRequest::new("", 500, 10)).unwrap();
    assert_eq!((past_the_end.total, past_the_end.hits.len()), (22, 0));
}

#[test]
fn hit_records_hold_what_the_stored_credentials_say() {
    let (_dir, indexer) = corpus_indexer();
    let results = indexer
        .index()
        .search(&SearchRequest::new("", 0, 100))
        .unwrap();
    assert!(results.hits.len() > 10);
    for hit in &results.hits {
        let stored = indexer.store().get(&hit.id).unwrap().unwrap();
        let credential = stored.credential.unwrap();
        let hit_record = HitRecord::read(indexer.store(), &hit.id).unwrap().unwrap();
        assert_eq!(hit_record.id, stored.id);
        let shown = hit_record.credential.unwrap();
        let outcomes: Vec<&model::LangText> = credential
            .learning_outcomes
            .iter()
            .map(|outcome| &outcome.text)
            .collect();
        let shown_outcomes: Vec<&model::LangText> = shown
            .learning_outcomes
            .iter()
            .map(|outcome| &outcome.text)
            .collect();
        assert_eq!(
            (
                shown.kind,
                &shown.title,
                &shown.description,
                shown_outcomes,
                &shown.awarding_body.name,
                &shown.awarding_body.country,
                &shown.credits,
                shown.eqf_level,
                &shown.participation,
                shown.ects(),
            ),
            (
                credential.kind,
                &credential.title,
                &credential.description,
                outcomes,
                &credential.awarding_body.name,
                &credential.awarding_body.country,
                &credential.credits,
                credential.eqf_level,
                &credential.participation,
                credential.ects(),
            ),
            "{}",
            hit.id
        );
    }
    let unknown = RecordId::new(&source(), "no-such-record");
    assert_eq!(HitRecord::read(indexer.store(), &unknown).unwrap(), None);

    // A hit names the version indexed, read in one lookup; a hit whose sequence number
    // is no longer (or never was) its record's reads the record by id.
    let (first, second) = (&results.hits[0], &results.hits[1]);
    for hit in &results.hits {
        let seq = hit.seq.expect("the index stores sequence numbers");
        assert_eq!(indexer.store().get(&hit.id).unwrap().unwrap().seq, seq);
        assert_eq!(
            HitRecord::read_hit(indexer.store(), hit).unwrap(),
            HitRecord::read(indexer.store(), &hit.id).unwrap()
        );
    }
    for seq in [second.seq, Some(u64::MAX), None] {
        let stale = ScoredId {
            seq,
            ..first.clone()
        };
        let read = HitRecord::read_hit(indexer.store(), &stale)
            .unwrap()
            .unwrap();
        assert_eq!(read.id, first.id, "{seq:?}");
    }
}

#[test]
fn snippets_mark_the_matched_field_and_are_html_safe() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    let snippet_of = |query: &str, record: &str| {
        let results = index.search(&request(query)).unwrap();
        let hit = results
            .hits
            .iter()
            .find(|hit| feed_id(&indexer, &hit.id) == record)
            .unwrap_or_else(|| panic!("{record} not found by {query:?}"));
        let stored = indexer.store().get(&hit.id).unwrap().unwrap();
        let snippet = results.snippet(stored.credential.as_ref().unwrap());
        let answer = indexer.search(&request(query)).unwrap();
        let answered = answer
            .hits
            .iter()
            .find(|answered| answered.id == hit.id)
            .unwrap();
        assert_eq!(
            answered.snippet, snippet,
            "the snippet of the answer's hit (read as a hit record) is the credential's"
        );
        snippet
    };
    for (query, record, field, html) in [
        (
            "visualising",
            "rel-ds-en",
            "description",
            "Hands-on introduction to data analysis with Python: cleaning, exploring and \
             <b>visualising</b> real data sets",
        ),
        (
            "regresion",
            "rel-ml-en",
            "outcomes",
            "Train and evaluate supervised learning models such as <b>regression</b> and \
             decision trees",
        ),
        (
            "title:fundamentals",
            "rel-ml-en",
            "title",
            "Machine Learning <b>Fundamentals</b>",
        ),
        (
            "munchen",
            "rel-munich-de",
            "description",
            "Nachhaltige Stadtentwicklung am Beispiel <b>Münchens</b>: Verkehr, Wohnen und \
             Grünflächen",
        ),
        (
            "",
            "rel-nursing-fr",
            "description",
            "Accompagnement des personnes âgées à \
             l&#x27;hôpital et à domicile.",
        ),
    ] {
        let snippet = snippet_of(query, record).unwrap();
        assert_eq!(
            (snippet.field, snippet.html.as_str()),
            (field, html),
            "{query}"
        );
    }
    // Text is escaped whatever the store holds.
    let credential = Credential {
        description: model::LangText::single(
            "en",
            "Why <script>alert('x')</script> & co are escaped",
        ),
        ..Credential::default()
    };
    let results = index.search(&request("script escaped")).unwrap();
    assert_eq!(results.total, 0);
    assert_eq!(
        results.snippet(&credential).unwrap().html,
        "Why &lt;<b>script</b>&gt;alert(&#x27;x&#x27;)&lt;/<b>script</b>&gt; &amp; co are <b>escaped</b>"
    );
    let empty = index.search(&request("")).unwrap();
    assert_eq!(
        empty.snippet(&credential).unwrap().html,
        "Why &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co are escaped"
    );
}

#[test]
fn any_query_text_is_searchable() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    for query in [
        "((",
        "\"",
        "-",
        "title:",
        "AND OR NOT",
        "data AND",
        "[1 TO 5]",
        "*",
        "?",
        "\\",
        "title:\"",
        "-\"\"",
        "ü:é ß",
        "💡 données",
        &"x".repeat(1000),
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    ] {
        let results = index.search(&request(query));
        assert!(results.is_ok(), "{query:?}: {:?}", results.err());
    }
    assert_eq!(
        index.search(&request("!!!")).unwrap().total,
        22,
        "no words: everything"
    );
    assert_eq!(index.search(&request("-python")).unwrap().total, 19);
    // A word no record has is still required (and excludes nothing), typo-free or not.
    for unknown in ["qx", "qxzvw"] {
        let query = format!("python {unknown}");
        assert_eq!(index.search(&request(&query)).unwrap().total, 0, "{query}");
        let query = format!("python -{unknown}");
        assert_eq!(index.search(&request(&query)).unwrap().total, 3, "{query}");
        assert_eq!(
            index.search(&request(unknown)).unwrap().total,
            0,
            "{unknown}"
        );
    }
}

#[test]
fn typos_rank_below_exact_matches() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    // "statistics" is exact in rel-ds-en's keywords; "statistical" is one stem away in
    // rel-stats-desc's outcomes, and "Statistics" is in its title.
    let results = index.search(&request("datenbanken")).unwrap();
    assert_eq!(hit_ids(&indexer, &results)[0], "rel-datenbanken-de");
    let exact = index.search(&request("lerning")).unwrap();
    assert!(exact.total >= 3, "a typo still finds learning");
    let results = index.search(&request("python")).unwrap();
    let typo = index.search(&request("pyhton")).unwrap();
    assert_eq!(results.total, typo.total);
    assert!(
        typo.hits[0].score < results.hits[0].score,
        "a typo match scores below the exact one"
    );
}

#[test]
fn lang_limits_the_text_searched() {
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    let with_lang = |query: &str, lang: Option<&str>| {
        let mut request = request(query);
        request.lang = lang.map(str::to_owned);
        hit_ids(&indexer, &index.search(&request).unwrap())
    };
    assert_eq!(with_lang("Datenwissenschaft", Some("de")), ["rel-ds-en"]);
    assert!(with_lang("Datenwissenschaft", Some("en")).is_empty());
    assert_eq!(with_lang("cities", Some("fr")), Vec::<String>::new());
    assert_eq!(with_lang("cities", None), ["rel-climate"]);
    assert_eq!(with_lang("climatique", Some("fr")), ["rel-climate"]);
    assert_eq!(with_lang("zarzadzanie", Some("pl")), ["rel-krakow-pl"]);
    assert_eq!(with_lang("phishing", Some("pl")), ["rel-und-cyber"]);
}

/// One judged query of `queries.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Judged {
    q: String,
    lang: Option<String>,
    first: Option<String>,
    top3: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    why: String,
}

#[derive(Debug, Deserialize)]
struct JudgedSet {
    query: Vec<Judged>,
}

#[test]
fn judged_queries_rank_expected_records_in_the_top_three() {
    let set: JudgedSet = toml::from_str(&std::fs::read_to_string(QUERIES).unwrap()).unwrap();
    assert!(set.query.len() >= 20);
    let (_dir, indexer) = corpus_indexer();
    let index = indexer.index();
    let mut failures = Vec::new();
    for judged in &set.query {
        let mut request = request(&judged.q);
        request.lang = judged.lang.clone();
        let ids = hit_ids(&indexer, &index.search(&request).unwrap());
        let top3 = &ids[..ids.len().min(3)];
        let mut problems = Vec::new();
        for expected in &judged.top3 {
            if !top3.contains(expected) {
                problems.push(format!("{expected} not in the top 3"));
            }
        }
        if let Some(first) = &judged.first
            && ids.first() != Some(first)
        {
            problems.push(format!("{first} not first"));
        }
        for absent in &judged.absent {
            if ids.contains(absent) {
                problems.push(format!("{absent} found"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{:?} (lang {:?}, {}): {}; got {:?}",
                judged.q,
                judged.lang,
                judged.why,
                problems.join(", "),
                &ids[..ids.len().min(5)]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "judged queries failed:\n{}",
        failures.join("\n")
    );
}

fn generation(data_dir: &Path) -> String {
    std::fs::read_to_string(data_dir.join("index/CURRENT")).unwrap()
}

#[test]
fn reindex_switches_generations_while_searches_run() {
    let (dir, indexer) = corpus_indexer();
    let before = generation(dir.path());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let expected = indexer.index().search(&request("python")).unwrap().total;
    assert_eq!(expected, 3);
    let searcher = {
        let indexer = indexer.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut searches = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let total = indexer.index().search(&request("python")).unwrap().total;
                assert_eq!(total, expected, "search kept serving during the rebuild");
                searches += 1;
            }
            searches
        })
    };
    assert_eq!(block_on(indexer.reindex()).unwrap(), 22);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(searcher.join().unwrap() > 0);
    let after = generation(dir.path());
    assert_ne!(before, after);
    assert_eq!(indexer.index().num_docs(), 22);
    assert!(indexer.index().dir().ends_with(&after));

    // The writer writes into the new generation.
    let extra = br#"[{"id": "rel-new", "title": {"en": "Quantum sensing"}}]"#;
    let context = SourceContext {
        institution: "Other".to_owned(),
        institution_names: Vec::new(),
        country: model::Country::parse("AT").unwrap(),
        max_shrink_fraction: 1.0,
        limits: model::ParseLimits::default(),
        may_publish_for: formats::MayPublishFor::Named,
        accepts_provenance: false,
    };
    let mut page = document_page(extra);
    page.source_id = SourceId::parse("other").unwrap();
    page.records[0].source_id = page.source_id.clone();
    block_on(indexer.apply_page(page, context)).unwrap();
    block_on(indexer.commit()).unwrap();
    assert_eq!(
        indexer.index().search(&request("quantum")).unwrap().total,
        1
    );
    drop(indexer);
    // The old generation's directory is removed once its writer has finished.
    let old = dir.path().join("index").join(before.trim());
    for _ in 0..100 {
        if !old.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!old.exists(), "old generation left behind");
}

#[test]
fn an_index_of_another_schema_is_rebuilt_at_start() {
    let (dir, indexer) = corpus_indexer();
    drop(indexer);
    // Replace the current generation by an index with another schema.
    let root = dir.path().join("index");
    let old_schema_dir = root.join("gen-old-schema");
    std::fs::create_dir_all(&old_schema_dir).unwrap();
    let mut builder = tantivy::schema::Schema::builder();
    builder.add_text_field("id", tantivy::schema::STRING | tantivy::schema::STORED);
    tantivy::Index::create_in_dir(&old_schema_dir, builder.build()).unwrap();
    search::switch_generation(&root, &old_schema_dir).unwrap();
    assert!(matches!(
        search::SearchIndex::open(&root),
        Err(search::SearchError::SchemaChanged)
    ));

    let indexer = Indexer::start(dir.path(), 20_000_000).unwrap();
    assert_eq!(indexer.index().num_docs(), 22);
    assert_eq!(
        indexer.index().search(&request("datenbank")).unwrap().total,
        1
    );
    assert!(!old_schema_dir.exists());
}
