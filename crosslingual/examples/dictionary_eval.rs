//! Measures dictionary translation alone, outside the pipeline, on the cross-lingual
//! tasks of `../shared/eval/crosslingual/` (see its README): each query translated into
//! English, then ranked against the English pool by the cosine of word TF-IDF vectors
//! (the index's English analysis); recall@1, MRR@10 and the mean coverage per task and
//! per way of translating ([`Options`]), and what each dictionary costs to load.
//!
//!   cargo run --release -p crosslingual --example dictionary_eval -- DICTIONARIES_DIR [EVAL_DIR]
//!
//! (EVAL_DIR defaults to `../shared/eval/crosslingual`.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crosslingual::dictionary::{Dictionaries, Dictionary, Options};
use search::analysis::{Bucket, terms};

type Vector = HashMap<String, f64>;

struct Task {
    name: String,
    lang: String,
    queries: Vec<String>,
    pool: Vec<String>,
    /// Per query: the pool positions that are right.
    truth: Vec<Vec<usize>>,
}

fn read_task(path: &Path) -> Task {
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
            .unwrap();
    let texts = |key: &str| -> Vec<(String, String)> {
        file[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| {
                (
                    item["id"].as_str().unwrap().to_owned(),
                    item["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let (queries, pool) = (texts("queries"), texts("pool"));
    let position: HashMap<&str, usize> = pool
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let truth = queries
        .iter()
        .map(|(id, _)| {
            file["truth"][id]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| position.get(p.as_str()?).copied())
                .collect()
        })
        .collect();
    let lang = file["meta"]["lang"]
        .as_str()
        .unwrap()
        .split("->")
        .next()
        .unwrap()
        .trim()
        .to_owned();
    Task {
        name: path.file_stem().unwrap().to_string_lossy().into_owned(),
        lang,
        queries: queries.into_iter().map(|(_, t)| t).collect(),
        pool: pool.into_iter().map(|(_, t)| t).collect(),
        truth,
    }
}

fn tf(text: &str) -> Vector {
    let mut analyzer = Bucket::for_language("en").analyzer();
    let mut out = Vector::new();
    for term in terms(&mut analyzer, text) {
        *out.entry(term).or_default() += 1.0;
    }
    out
}

fn weigh(tf: &Vector, idf: &HashMap<String, f64>) -> Vector {
    let mut out: Vector = tf
        .iter()
        .map(|(t, n)| {
            (
                t.clone(),
                (1.0 + n.ln()) * idf.get(t).copied().unwrap_or(0.0),
            )
        })
        .collect();
    let norm = out.values().map(|v| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        out.values_mut().for_each(|v| *v /= norm);
    }
    out
}

fn dot(a: &Vector, b: &Vector) -> f64 {
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(t, v)| v * large.get(t).copied().unwrap_or(0.0))
        .sum()
}

/// (R@1, MRR@10, mean coverage, share of queries with coverage ≥ 0.5).
/// Without `options`, the query as it is.
fn evaluate(
    task: &Task,
    dictionary: &Dictionary,
    options: Option<&Options>,
) -> (f64, f64, f64, f64) {
    let pool_tf: Vec<Vector> = task.pool.iter().map(|t| tf(t)).collect();
    let translations: Vec<(String, f64)> = task
        .queries
        .iter()
        .map(|q| match options {
            Some(options) => {
                let t = dictionary.translate_with(q, options);
                (t.text, t.coverage)
            }
            None => (q.clone(), 0.0),
        })
        .collect();
    let query_tf: Vec<Vector> = translations.iter().map(|t| tf(&t.0)).collect();
    let mut df: HashMap<String, f64> = HashMap::new();
    for v in pool_tf.iter().chain(&query_tf) {
        for t in v.keys() {
            *df.entry(t.clone()).or_default() += 1.0;
        }
    }
    let n = (pool_tf.len() + query_tf.len()) as f64;
    let idf: HashMap<String, f64> = df
        .into_iter()
        .map(|(t, d)| (t, (n / d).ln() + 1.0))
        .collect();
    let pool: Vec<Vector> = pool_tf.iter().map(|v| weigh(v, &idf)).collect();
    let (mut at_1, mut mrr) = (0.0, 0.0);
    for (q, truth) in query_tf.iter().zip(&task.truth) {
        let q = weigh(q, &idf);
        let mut scored: Vec<(usize, f64)> = pool
            .iter()
            .enumerate()
            .map(|(i, p)| (i, dot(&q, p)))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        if let Some(rank) = scored.iter().take(10).position(|(i, _)| truth.contains(i)) {
            mrr += 1.0 / (rank + 1) as f64;
            at_1 += f64::from(rank == 0);
        }
    }
    let queries = task.queries.len() as f64;
    let coverage = translations.iter().map(|t| t.1).sum::<f64>() / queries;
    let half = translations.iter().filter(|t| t.1 >= 0.5).count() as f64 / queries;
    (at_1 / queries, mrr / queries, coverage, half)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("DICTIONARIES_DIR"));
    let eval = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/eval/crosslingual".to_owned()),
    );
    let started = Instant::now();
    let dictionaries = Dictionaries::load(&dir);
    println!(
        "{} dictionaries in {:.1} s, {:.1} MiB",
        dictionaries.loaded().len(),
        started.elapsed().as_secs_f64(),
        dictionaries.heap_bytes() as f64 / (1 << 20) as f64
    );
    for d in dictionaries.loaded() {
        println!(
            "  {:<8} {:>7} headwords {:>7.1} MiB {:>7} ms",
            d.pair(),
            d.headwords(),
            d.heap_bytes() as f64 / (1 << 20) as f64,
            d.load_time().as_millis()
        );
    }
    for problem in dictionaries.problems() {
        println!("  left out: {problem}");
    }
    let all = Options::default();
    let variants: Vec<(&str, Option<Options>)> = vec![
        ("not translated", None),
        (
            "exact words, 1 translation",
            Some(Options {
                translations: 1,
                stems: false,
                prefixes: false,
                compounds: false,
                ..all
            }),
        ),
        (
            "exact words",
            Some(Options {
                stems: false,
                prefixes: false,
                compounds: false,
                ..all
            }),
        ),
        (
            "+ stems",
            Some(Options {
                prefixes: false,
                compounds: false,
                ..all
            }),
        ),
        (
            "+ stems + prefixes",
            Some(Options {
                compounds: false,
                ..all
            }),
        ),
        ("+ stems + prefixes + compounds (default)", Some(all)),
        (
            "default, 1 translation",
            Some(Options {
                translations: 1,
                ..all
            }),
        ),
        (
            "default, 3 translations",
            Some(Options {
                translations: 3,
                ..all
            }),
        ),
        (
            "default, 4 translations",
            Some(Options {
                translations: 4,
                ..all
            }),
        ),
        (
            "default, unknown words dropped",
            Some(Options {
                keep_unknown: false,
                ..all
            }),
        ),
    ];
    for file in [
        "aalto_title_sv_en.json",
        "aalto_desc_sv_en.json",
        "jamk_fi_en.json",
        "tuwien_title_de_en.json",
    ] {
        let task = read_task(&eval.join(file));
        let Some(dictionary) = dictionaries.get(&task.lang) else {
            println!("{}: no dictionary from {}", task.name, task.lang);
            continue;
        };
        println!(
            "\n{} ({} queries, pool {}, {})",
            task.name,
            task.queries.len(),
            task.pool.len(),
            dictionary.pair()
        );
        println!(
            "  {:<42} {:>6} {:>7} {:>8} {:>9}",
            "translation", "R@1", "MRR@10", "coverage", "cov>=0.5"
        );
        for (name, options) in &variants {
            let (at_1, mrr, coverage, half) = evaluate(&task, dictionary, options.as_ref());
            println!("  {name:<42} {at_1:>6.3} {mrr:>7.3} {coverage:>8.3} {half:>9.3}");
        }
    }
}
