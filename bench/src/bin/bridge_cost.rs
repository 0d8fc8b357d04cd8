//! What the bridge between languages costs (issue 22): embedding a record and a search
//! query with the real model (when `EMBED_MODEL` names it), the memory of the model and of
//! the vectors, and finding the nearest records by meaning in a table the size of the
//! benchmark store's, at one institution (an equivalence lookup) and across all (a search
//! its words do not fill).
//!
//! The table's vectors are random unit vectors (seeded): the cost of a scan does not
//! depend on what the vectors mean, and embedding a million records takes more than a
//! day on one core (the first figure says how long exactly). Quality is measured by
//! `equivalence_eval --only crosslingual` on real catalogues, not here.
//!
//! Run: `cargo run --release -p bench --bin bridge_cost [-- --records 1000000 --sources 20]`

use std::time::Instant;

use anyhow::Context;
use model::{RecordId, SourceId};
use store::{EnrichmentWrite, LanguageSum, TextVector};

/// Texts like the benchmark corpus's: a title and the opening of a description.
const RECORD_TEXTS: &[&str] = &[
    "Introduction to Data Science. Hands-on introduction to data analysis with Python: cleaning, exploring and visualising real data sets, and communicating results to non-specialists in reports and presentations. Students work on a project with open data from their own field.",
    "Einführung in das maschinelle Lernen. Überwachtes und unüberwachtes Lernen, lineare Modelle, Entscheidungsbäume, neuronale Netze, Modellbewertung und Überanpassung, mit Programmierübungen in Python und einem Abschlussprojekt.",
    "Hållbarhet i företag. Kursen introducerar företagens hållbarhetsarbete: miljöledning, ansvarsfulla leverantörskedjor, hållbarhetsredovisning och hur företag skapar värde och samtidigt minskar sin miljöpåverkan.",
    "Kyberturvallisuuden hallinta. Opiskelija ymmärtää kyberturvallisuuden ja tietoturvallisuuden hallintajärjestelmien merkityksen, periaatteet ja vaatimukset organisaatioissa ja yhteiskunnassa.",
];
const TITLES: &[&str] = &[
    "Introduction to Data Science",
    "Einführung in das maschinelle Lernen",
    "Hållbarhet i företag",
    "Kyberturvallisuuden hallinta",
];
const QUERIES: &[&str] = &[
    "data science",
    "uczenie maszynowe",
    "nauka o danych",
    "hållbarhet",
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let number = |name: &str, default: usize| -> anyhow::Result<usize> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(Ok(default), |v| v.parse())
            .with_context(|| format!("{name} takes a number"))
    };
    let records = number("--records", 1_000_000)?;
    let sources = number("--sources", 20)?.max(1);
    let rounds = number("--rounds", 200)?;

    println!("== The bridge between languages: costs");
    match std::env::var_os("EMBED_MODEL").filter(|p| !p.is_empty()) {
        Some(path) => embedding(std::path::Path::new(&path))?,
        None => println!(
            "embedding: not measured (EMBED_MODEL is not set; embed/fetch-model.sh prints the path)"
        ),
    }

    let dim = 384;
    let started = Instant::now();
    let table = crosslingual::Table::default();
    let languages = ["en", "de", "fr", "pl", "fi", "sv"];
    let mut state = 0x5EED_u64;
    let mut step: Vec<TextVector> = Vec::with_capacity(10_000);
    let mut sums: Vec<(String, LanguageSum)> = languages
        .iter()
        .map(|l| {
            (
                (*l).to_owned(),
                LanguageSum {
                    count: 0,
                    sum: vec![0.0; dim],
                },
            )
        })
        .collect();
    let source_ids: Vec<SourceId> = (0..sources)
        .map(|s| SourceId::parse(&format!("source-{s}")).expect("valid id"))
        .collect();
    for i in 0..records {
        let vector = random_unit(&mut state, dim);
        let lang = i % languages.len();
        sums[lang].1.count += 1;
        for (s, x) in sums[lang].1.sum.iter_mut().zip(&vector) {
            *s += f64::from(*x);
        }
        let source = &source_ids[i % sources];
        step.push(TextVector::quantise(
            RecordId::new(source, &i.to_string()),
            source.clone(),
            languages[lang],
            i as u64,
            &vector,
        ));
        if step.len() == step.capacity() || i + 1 == records {
            table.apply(&EnrichmentWrite {
                put: std::mem::take(&mut step),
                sums: sums.clone(),
                ..EnrichmentWrite::default()
            });
            step.reserve(10_000);
        }
    }
    println!(
        "table: {records} vectors of {dim} dimensions in {sources} sources, built in {:.1} s, about {:.0} MiB in memory",
        started.elapsed().as_secs_f64(),
        table.heap_bytes() as f64 / 1048576.0
    );
    let mut scoped = Vec::with_capacity(rounds);
    let mut everywhere = Vec::with_capacity(rounds.min(50));
    for round in 0..rounds {
        let query = table.query(
            languages[round % languages.len()],
            &random_unit(&mut state, dim),
        );
        let started = Instant::now();
        let found = table.nearest(&query, Some(&source_ids[round % sources]), 20, None);
        scoped.push(started.elapsed().as_secs_f64() * 1e3);
        assert_eq!(found.len(), 20.min(records / sources));
        if round < 50 {
            let started = Instant::now();
            let _ = table.nearest(&query, None, 20, None);
            everywhere.push(started.elapsed().as_secs_f64() * 1e3);
        }
    }
    let (p50, p99) = percentiles(&mut scoped);
    println!(
        "nearest 20 at one institution ({} vectors): p50 {p50:.2} ms, p99 {p99:.2} ms ({rounds} queries)",
        records / sources
    );
    let (p50, p99) = percentiles(&mut everywhere);
    println!(
        "nearest 20 across all {records} vectors: p50 {p50:.1} ms, p99 {p99:.1} ms ({} queries)",
        everywhere.len()
    );
    Ok(())
}

/// Embedding costs with the real model, on this thread alone.
fn embedding(path: &std::path::Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let encoder = crosslingual::Encoder::load(path)?;
    println!(
        "model: {} loaded in {:.2} s, {:.0} MiB in memory",
        encoder.name(),
        started.elapsed().as_secs_f64(),
        encoder.heap_bytes() as f64 / 1048576.0
    );
    for (what, texts) in [
        ("a record (title and description opening)", RECORD_TEXTS),
        ("a title alone", TITLES),
        ("a search query", QUERIES),
    ] {
        let mut times = Vec::new();
        for _ in 0..5 {
            for text in texts {
                let started = Instant::now();
                let _ = encoder.embed(text);
                times.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
        let (p50, p99) = percentiles(&mut times);
        println!(
            "embedding {what}: p50 {p50:.1} ms, slowest {p99:.1} ms (one thread; {} runs)",
            times.len()
        );
        if what.starts_with("a record") {
            println!(
                "  so 1,000,000 records take about {:.1} hours of one core",
                p50 * 1e6 / 3.6e6
            );
        }
    }
    Ok(())
}

fn percentiles(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

/// A random unit vector (splitmix64, uniform components).
fn random_unit(state: &mut u64, dim: usize) -> Vec<f32> {
    let mut v: Vec<f32> = (0..dim)
        .map(|_| {
            *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = *state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            (z >> 40) as f32 / (1u64 << 24) as f32 - 0.5
        })
        .collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter_mut().for_each(|x| *x /= norm);
    v
}
