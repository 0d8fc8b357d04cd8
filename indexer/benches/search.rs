//! Search benchmark: generates a deterministic corpus of clearinghouse-json records,
//! stores and indexes it through the real writer thread, then times queries with every
//! facet counted, and reports the index size per record.
//!
//! `cargo bench -p indexer --bench search -- [n_records] [data_dir] [rounds]`
//! (default 100 000 records in a temporary directory, 1 round). With a `data_dir`, the
//! directory is kept (and reused by the next run), so that
//! `cargo run --release -p server --example search_http -- <data_dir>` can time the same
//! searches over HTTP (the two-word queries are kept in `<data_dir>/bench-queries.txt`).
//!
//! Timed, in this order: the two-word queries alone (the figure this benchmark has always
//! printed), then each query kind of the HTTP suite (one word, two words, the two words
//! as a phrase, one word with a country and an EQF level) as the API answers it: the
//! search, then the stored record and a snippet of each hit of the page. With `rounds`
//! above 1 the whole set is timed that many times, so that two builds can be run in
//! turn on a noisy machine and their medians compared. The mean CPU time of an answer
//! (of the thread, from `/proc/thread-self/schedstat`) is reported beside the wall
//! times: on a machine shared with other work it moves much less than they do. Linux
//! brings that figure up to date at scheduler ticks, so only the mean is meaningful.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use indexer::{Indexer, SourceContext};
use model::{Checkpoint, Format, HarvestPage, PageKind, RawRecord, ResumePoint, RunId, SourceId};
use search::{Facet, SearchRequest};

/// Records per harvested page.
const PAGE_RECORDS: usize = 1000;
/// Searches timed (after as many again to warm up).
const TIMED_SEARCHES: usize = 400;

/// A small deterministic generator (SplitMix64), so every run indexes the same corpus.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn words(&mut self, vocabulary: &[&str], n: usize) -> String {
        (0..n)
            .map(|_| *self.pick(vocabulary))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const EN: &[&str] = &[
    "data",
    "science",
    "learning",
    "machine",
    "analysis",
    "management",
    "project",
    "digital",
    "skills",
    "introduction",
    "advanced",
    "sustainable",
    "energy",
    "design",
    "systems",
    "health",
    "care",
    "nursing",
    "business",
    "finance",
    "accounting",
    "marketing",
    "law",
    "european",
    "policy",
    "climate",
    "change",
    "urban",
    "planning",
    "software",
    "engineering",
    "programming",
    "python",
    "statistics",
    "research",
    "methods",
    "teaching",
    "education",
    "leadership",
    "communication",
    "ethics",
    "artificial",
    "intelligence",
    "security",
    "networks",
    "cloud",
    "robotics",
    "biology",
    "chemistry",
    "physics",
    "history",
    "culture",
    "language",
    "media",
    "journalism",
    "tourism",
    "logistics",
    "supply",
    "chain",
    "water",
];
const DE: &[&str] = &[
    "daten",
    "wissenschaft",
    "lernen",
    "maschinelles",
    "analyse",
    "management",
    "projekt",
    "digitale",
    "kompetenzen",
    "einführung",
    "fortgeschrittene",
    "nachhaltige",
    "energie",
    "gestaltung",
    "systeme",
    "gesundheit",
    "pflege",
    "wirtschaft",
    "rechnungswesen",
    "recht",
    "europäische",
    "politik",
    "klimawandel",
    "stadtplanung",
    "softwaretechnik",
    "programmierung",
    "statistik",
    "forschung",
    "methoden",
    "lehre",
    "bildung",
    "führung",
    "kommunikation",
    "ethik",
    "künstliche",
    "intelligenz",
    "sicherheit",
    "netzwerke",
    "robotik",
    "biologie",
    "chemie",
    "physik",
    "geschichte",
    "kultur",
    "sprache",
    "medien",
];
const FR: &[&str] = &[
    "données",
    "science",
    "apprentissage",
    "automatique",
    "analyse",
    "gestion",
    "projet",
    "numérique",
    "compétences",
    "introduction",
    "avancé",
    "durable",
    "énergie",
    "conception",
    "systèmes",
    "santé",
    "soins",
    "infirmiers",
    "entreprise",
    "finance",
    "comptabilité",
    "droit",
    "européenne",
    "politique",
    "climatique",
    "urbanisme",
    "logiciel",
    "ingénierie",
    "programmation",
    "statistiques",
    "recherche",
    "méthodes",
    "enseignement",
    "éducation",
    "communication",
    "éthique",
    "intelligence",
    "artificielle",
    "sécurité",
    "réseaux",
    "biologie",
    "chimie",
    "physique",
    "histoire",
    "culture",
    "langue",
    "médias",
];
const ES: &[&str] = &[
    "datos",
    "ciencia",
    "aprendizaje",
    "automático",
    "análisis",
    "gestión",
    "proyecto",
    "digital",
    "competencias",
    "introducción",
    "avanzado",
    "sostenible",
    "energía",
    "diseño",
    "sistemas",
    "salud",
    "enfermería",
    "empresa",
    "finanzas",
    "contabilidad",
    "derecho",
    "política",
    "climático",
    "urbanismo",
    "programación",
    "estadística",
    "investigación",
    "métodos",
    "enseñanza",
    "educación",
    "comunicación",
    "ética",
    "inteligencia",
    "seguridad",
    "redes",
    "robótica",
    "biología",
    "química",
    "física",
    "historia",
];
const PL: &[&str] = &[
    "dane",
    "nauka",
    "uczenie",
    "maszynowe",
    "analiza",
    "zarządzanie",
    "projekt",
    "cyfrowe",
    "kompetencje",
    "wprowadzenie",
    "zaawansowane",
    "zrównoważony",
    "energia",
    "projektowanie",
    "systemy",
    "zdrowie",
    "pielęgniarstwo",
    "biznes",
    "finanse",
    "rachunkowość",
    "prawo",
    "polityka",
    "klimat",
    "programowanie",
    "statystyka",
    "badania",
    "metody",
    "edukacja",
    "komunikacja",
    "etyka",
    "sztuczna",
    "inteligencja",
    "bezpieczeństwo",
    "sieci",
];

const COUNTRIES: &[&str] = &[
    "DE", "FR", "PL", "ES", "IT", "NL", "AT", "BE", "PT", "SE", "FI", "CZ",
];
const ISCED: &[&str] = &[
    "0011", "0111", "0114", "0213", "0222", "0231", "0311", "0313", "0321", "0411", "0413", "0421",
    "0511", "0531", "0533", "0541", "0542", "0611", "0612", "0613", "0688", "0713", "0714", "0731",
    "0732", "0913", "0923", "1015", "1041",
];
const KINDS: &[&str] = &["course", "module", "programme", "micro-credential", "badge"];
const MODES: &[&str] = &["online", "on-site", "blended"];
const ECTS: &[f64] = &[
    1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 10.0, 15.0, 30.0, 60.0,
];
const ASSESSMENT: &[&str] = &[
    "Written examination",
    "Project report and oral examination",
    "Weekly online quizzes",
    "Portfolio",
    "Practical lab assessment",
    "Peer review",
];
const QUALITY: &[&str] = &[
    "Internal quality assurance of the university (system accreditation)",
    "Programme accredited by an external agency registered in EQAR",
    "Reviewed by the national agency",
];

fn record(generator: &mut Generator, n: usize) -> serde_json::Value {
    let (language, vocabulary): (&str, &[&str]) = match generator.below(20) {
        0..=7 => ("en", EN),
        8..=11 => ("de", DE),
        12..=14 => ("fr", FR),
        15..=16 => ("es", ES),
        17..=18 => ("pl", PL),
        _ => ("und", EN),
    };
    let title_words = 2 + generator.below(4);
    let title = generator.words(vocabulary, title_words);
    let description_words = 20 + generator.below(30);
    let description = generator.words(vocabulary, description_words);
    let outcomes: Vec<serde_json::Value> = (0..generator.below(4))
        .map(|_| {
            let words = 6 + generator.below(6);
            serde_json::json!({ "text": { language: generator.words(vocabulary, words) } })
        })
        .collect();
    let country = *generator.pick(COUNTRIES);
    let institution = format!("University {} {}", country, generator.below(20));
    let mut value = serde_json::json!({
        "id": format!("bench-{n}"),
        "kind": generator.pick(KINDS),
        "title": { language: title },
        "description": { language: description },
        "learning_outcomes": outcomes,
        "awarding_body": { "name": { "en": institution }, "country": country },
        "participation": [generator.pick(MODES)],
        "isced_fields": [generator.pick(ISCED)],
        "modified": "2026-10-01T09:00:00Z",
    });
    let object = value.as_object_mut().expect("a JSON object");
    if language != "und" {
        object.insert("languages".to_owned(), serde_json::json!([language]));
    }
    if generator.below(10) > 0 {
        object.insert(
            "credits".to_owned(),
            serde_json::json!({ "value": generator.pick(ECTS), "scheme": "ects" }),
        );
    }
    if generator.below(10) > 1 {
        object.insert(
            "eqf_level".to_owned(),
            serde_json::json!(3 + generator.below(6)),
        );
    }
    if generator.below(4) > 0 {
        object.insert(
            "assessment".to_owned(),
            serde_json::json!({ "en": generator.pick(ASSESSMENT) }),
        );
    }
    if generator.below(3) > 0 {
        object.insert(
            "quality_assurance".to_owned(),
            serde_json::json!({ "en": generator.pick(QUALITY) }),
        );
    }
    if generator.below(2) > 0 {
        let month = 1 + generator.below(12);
        object.insert(
            "offers".to_owned(),
            serde_json::json!([{ "start": format!("2027-{month:02}-01") }]),
        );
    }
    value
}

fn page(source: &SourceId, records: Vec<RawRecord>, last: bool) -> HarvestPage {
    let run_id = RunId::new(source, Utc::now());
    HarvestPage {
        source_id: source.clone(),
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

/// The two-word queries timed, the same for the HTTP example.
pub fn queries() -> Vec<String> {
    let mut generator = Generator(7);
    let pools: [&[&str]; 4] = [EN, DE, FR, ES];
    (0..TIMED_SEARCHES)
        .map(|i| {
            let pool = pools[i % pools.len()];
            format!("{} {}", generator.pick(pool), generator.pick(pool))
        })
        .collect()
}

/// The query kinds of the HTTP suite (`bench/src/bin/suite.rs`), drawn from this
/// corpus's vocabularies: a name and the requests.
fn query_kinds() -> Vec<(&'static str, Vec<SearchRequest>)> {
    let mut generator = Generator(11);
    let pools: [&[&str]; 5] = [EN, DE, FR, ES, PL];
    let n = TIMED_SEARCHES / 2;
    let word = |generator: &mut Generator, i: usize| {
        let pool = pools[i % pools.len()];
        loop {
            let word = *generator.pick(pool);
            if word.chars().count() >= 5 {
                return word.to_owned();
            }
        }
    };
    let one: Vec<String> = (0..n).map(|i| word(&mut generator, i)).collect();
    let two: Vec<String> = (0..n)
        .map(|i| format!("{} {}", word(&mut generator, i), word(&mut generator, i)))
        .collect();
    let plain = |texts: &[String]| -> Vec<SearchRequest> {
        texts
            .iter()
            .map(|text| SearchRequest::new(text, 0, 20))
            .collect()
    };
    let phrase: Vec<String> = two.iter().map(|text| format!("\"{text}\"")).collect();
    let filtered = one
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut request = SearchRequest::new(text, 0, 20);
            request
                .filters
                .push((Facet::Country, vec![COUNTRIES[i % 6].to_owned()]));
            request
                .filters
                .push((Facet::EqfLevel, vec![(6 + i % 2).to_string()]));
            request
        })
        .collect();
    vec![
        ("one-word", plain(&one)),
        ("two-word", plain(&two)),
        ("phrase", plain(&phrase)),
        ("filtered", filtered),
    ]
}

/// The CPU time this thread has run, where Linux tells it.
fn thread_cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    let position = ((sorted.len() as f64 - 1.0) * share).round() as usize;
    sorted[position]
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|arg| arg != "--bench");
    let n_records: usize = args
        .next()
        .map(|text| {
            text.parse()
                .expect("the first argument is a number of records")
        })
        .unwrap_or(100_000);
    let temp = tempfile::tempdir().expect("a temporary directory");
    let data_dir: PathBuf = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let rounds: usize = args
        .next()
        .map(|text| {
            text.parse()
                .expect("the third argument is a number of rounds")
        })
        .unwrap_or(1);
    std::fs::create_dir_all(&data_dir).expect("the data directory can be created");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let indexer = Indexer::start(&data_dir, 200_000_000).expect("the indexer starts");
    let source = SourceId::parse("bench").expect("a valid source id");
    let context = SourceContext {
        institution: "Benchmark".to_owned(),
        institution_names: Vec::new(),
        country: model::Country::parse("DE").expect("a country"),
        max_shrink_fraction: 1.0,
        limits: model::ParseLimits::default(),
        may_publish_for: formats::MayPublishFor::Named,
        accepts_provenance: false,
    };
    let already = indexer.index().num_docs() as usize;
    let started = Instant::now();
    if already < n_records {
        let mut generator = Generator(42);
        let mut records = Vec::with_capacity(PAGE_RECORDS);
        for n in 0..n_records {
            let json = record(&mut generator, n);
            records.push(RawRecord {
                source_id: source.clone(),
                upstream_id: format!("bench-{n}"),
                datestamp: Some("2026-10-01".to_owned()),
                deleted: false,
                sets: Vec::new(),
                format: Format::ClearinghouseJson,
                payload: serde_json::to_vec(&json).expect("JSON serialises"),
            });
            let last = n + 1 == n_records;
            if records.len() == PAGE_RECORDS || last {
                let full = std::mem::take(&mut records);
                runtime
                    .block_on(indexer.apply_page(page(&source, full, last), context.clone()))
                    .expect("the page is stored");
            }
        }
        runtime
            .block_on(indexer.commit())
            .expect("the index commits");
        println!(
            "stored and indexed {n_records} records in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let index = indexer.index();
    let docs = index.num_docs();
    let index_bytes = index.size_on_disk();
    println!(
        "index: {docs} documents, {index_bytes} bytes, {} bytes per record; store: {} bytes",
        index_bytes / docs.max(1),
        indexer.store().size_on_disk()
    );
    let queries = queries();
    // The HTTP example times the same queries.
    std::fs::write(data_dir.join("bench-queries.txt"), queries.join("\n"))
        .expect("the queries can be written");
    let kinds = query_kinds();
    for _ in 0..rounds {
        report(&index, &queries);
        for (kind, requests) in &kinds {
            report_answers(&indexer, kind, requests);
        }
    }
    drop(index);
    drop(indexer);
    if data_dir != temp.path() {
        println!("data kept in {}", data_dir.display());
    }
}

fn report(index: &search::SearchIndex, queries: &[String]) {
    for query in queries {
        index
            .search(&SearchRequest::new(query, 0, 20))
            .expect("a search");
    }
    let mut durations = Vec::with_capacity(queries.len());
    let mut total_hits = 0u64;
    for query in queries {
        let started = Instant::now();
        let results = index
            .search(&SearchRequest::new(query, 0, 20))
            .expect("a search");
        durations.push(started.elapsed());
        total_hits += results.total;
    }
    durations.sort_unstable();
    println!(
        "in process, {} two-word queries with all 12 facets (page of 20): median {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean total {:.0} hits",
        durations.len(),
        percentile(&durations, 0.5).as_secs_f64() * 1000.0,
        percentile(&durations, 0.99).as_secs_f64() * 1000.0,
        durations.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        total_hits as f64 / queries.len() as f64
    );
}

/// Times `requests` answered as the API answers them ([`Indexer::search`]): the search,
/// then what each hit shows of its stored record and its snippet.
fn report_answers(indexer: &Indexer, kind: &str, requests: &[SearchRequest]) {
    let answer = |request: &SearchRequest| {
        let answer = indexer.search(request).expect("a search");
        let snippet_bytes: usize = answer
            .hits
            .iter()
            .map(|hit| hit.snippet.as_ref().map_or(0, |s| s.html.len()))
            .sum();
        (answer.total, snippet_bytes)
    };
    for request in requests {
        answer(request);
    }
    let mut durations = Vec::with_capacity(requests.len());
    let mut cpu_times = Vec::with_capacity(requests.len());
    let mut total_hits = 0u64;
    for request in requests {
        let cpu_started = thread_cpu_time();
        let started = Instant::now();
        let (total, _) = answer(request);
        durations.push(started.elapsed());
        if let (Some(cpu_started), Some(cpu_ended)) = (cpu_started, thread_cpu_time()) {
            cpu_times.push(cpu_ended.saturating_sub(cpu_started));
        }
        total_hits += total;
    }
    durations.sort_unstable();
    let cpu = if cpu_times.is_empty() {
        String::new()
    } else {
        let cpu_total: Duration = cpu_times.iter().sum();
        format!(
            "; CPU mean {:.2} ms",
            cpu_total.as_secs_f64() * 1000.0 / cpu_times.len() as f64
        )
    };
    println!(
        "answers, {} {kind} queries, all 12 facets, page of 20 with records and snippets: median {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean total {:.0} hits{cpu}",
        durations.len(),
        percentile(&durations, 0.5).as_secs_f64() * 1000.0,
        percentile(&durations, 0.99).as_secs_f64() * 1000.0,
        durations.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        total_hits as f64 / requests.len() as f64
    );
}
