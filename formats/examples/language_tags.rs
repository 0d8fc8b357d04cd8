//! What language detection does to real catalogues: how many of their texts, tagged as
//! their publishers tagged them, `formats::normalize::detect_text_languages` moves to
//! another language, to which, and examples to check by eye.
//!
//! Reads the cross-lingual evaluation sets and the VCCS → Virginia Tech catalogue of the
//! shared folder (never copied into the repository):
//!
//! ```text
//! CLEARINGHOUSE_SHARED_DIR=../shared cargo run --release -p formats --example language_tags
//! ```
//!
//! - Aalto (`aalto_desc_sv_en.json`, `aalto_title_sv_en.json`): the English pools are
//!   tagged `en` but about 11 % of the descriptions are Finnish; the queries are Swedish
//!   (`sv`). A description-task text is "title. description": split at the first ". ".
//! - JAMK (`jamk_fi_en.json`): Finnish (`fi`) and English (`en`) pairs.
//! - TU Wien (`tuwien_title_de_en.json`): German and English titles.
//! - VCCS → Virginia Tech: English catalogues, tagged `en`: every move there is a mistake.
//!
//! Each set is measured as tagged, then again as if its feed had no language tags (`und`),
//! where moving to the right language is the point and any other language a mistake.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use model::{Credential, LangText};

/// (title, description) of each record; the description may be empty.
type Records = Vec<(String, String)>;

/// One catalogue as records of a declared language.
struct Set {
    name: String,
    lang: &'static str,
    records: Records,
}

/// What happened to one set.
#[derive(Default)]
struct Tally {
    records: usize,
    with_description: usize,
    /// Moves of titles / descriptions, by the language moved to.
    titles: BTreeMap<String, usize>,
    descriptions: BTreeMap<String, usize>,
    /// Texts left under their tag although they read as another language (slot taken).
    left: usize,
    /// Moved texts: (field, to, text).
    moved: Vec<(&'static str, String, String)>,
}

fn main() {
    let Some(shared) = testkit::shared() else {
        println!(
            "The shared folder is not opted in: set {}=../shared (see testkit/) to measure \
             language detection on the real catalogues.",
            testkit::SHARED_DIR_VARIABLE
        );
        return;
    };
    let crosslingual = shared.join("eval/crosslingual");
    let mut sets = Vec::new();
    for (file, query_lang, pool_lang, split) in [
        ("aalto_desc_sv_en.json", "sv", "en", true),
        ("aalto_title_sv_en.json", "sv", "en", false),
        ("jamk_fi_en.json", "fi", "en", true),
        ("tuwien_title_de_en.json", "de", "en", false),
    ] {
        let (queries, pool) = read_task(&crosslingual.join(file), split);
        sets.push(Set {
            name: format!("{file} pool"),
            lang: pool_lang,
            records: pool,
        });
        sets.push(Set {
            name: format!("{file} queries"),
            lang: query_lang,
            records: queries,
        });
    }
    let vccs = shared.join("eval/vccs-to-vt");
    sets.push(Set {
        name: "VT target-catalogue.csv".to_owned(),
        lang: "en",
        records: read_csv(&vccs.join("target-catalogue.csv"))
            .into_iter()
            .skip(1)
            .filter_map(|row| Some((row.get(1)?.clone(), row.get(2)?.clone())))
            .collect(),
    });
    sets.push(Set {
        name: "VCCS courses of equivalences.csv".to_owned(),
        lang: "en",
        records: read_csv(&vccs.join("equivalences.csv"))
            .into_iter()
            .skip(1)
            .filter_map(|row| Some((row.get(1)?.clone(), row.get(2)?.clone())))
            .collect(),
    });

    println!(
        "{:<40} {:>4} {:>7} {:>7}  {:<28} {:<28} {:>4}",
        "set", "tag", "records", "w/ desc", "titles moved", "descriptions moved", "left"
    );
    let started = Instant::now();
    let mut texts = 0usize;
    let mut tallies = Vec::new();
    // Each set as its publisher tagged it, then as a feed without language tags (`und`).
    let untagged: Vec<Set> = sets
        .iter()
        .map(|set| Set {
            name: set.name.clone(),
            lang: "und",
            records: set.records.clone(),
        })
        .collect();
    for set in sets.iter().chain(&untagged) {
        let tally = measure(set);
        texts += tally.records + tally.with_description;
        println!(
            "{:<40} {:>4} {:>7} {:>7}  {:<28} {:<28} {:>4}",
            set.name,
            set.lang,
            tally.records,
            tally.with_description,
            counts(&tally.titles, tally.records),
            counts(&tally.descriptions, tally.with_description),
            tally.left
        );
        tallies.push((set, tally));
    }
    let elapsed = started.elapsed();
    println!(
        "\n{texts} texts in {:.2} s: {:.1} µs a text",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / texts.max(1) as f64
    );

    for (set, tally) in tallies.iter().filter(|(set, _)| set.lang != "und") {
        let descriptions: Vec<_> = tally
            .moved
            .iter()
            .filter(|(field, _, _)| *field == "description")
            .collect();
        let titles: Vec<_> = tally
            .moved
            .iter()
            .filter(|(field, _, _)| *field == "title")
            .collect();
        if descriptions.is_empty() && titles.is_empty() {
            continue;
        }
        println!("\n== {} (tagged {})", set.name, set.lang);
        // Twenty descriptions spread evenly over those moved, then every title moved.
        let step = descriptions.len().div_ceil(20).max(1);
        for (_, to, text) in descriptions.iter().step_by(step) {
            println!("  description → {to}: {}", excerpt(text, 110));
        }
        for (_, to, text) in &titles {
            println!("  title → {to}: {}", excerpt(text, 110));
        }
    }
}

/// Runs the records of a set through the normalisation step.
fn measure(set: &Set) -> Tally {
    let mut tally = Tally::default();
    for (title, description) in &set.records {
        let mut credential = Credential {
            title: LangText::single(set.lang, title),
            description: LangText::single(set.lang, description),
            ..Credential::default()
        };
        tally.records += 1;
        if !credential.description.is_empty() {
            tally.with_description += 1;
        }
        formats::normalize::detect_text_languages(&mut credential);
        for (field, text) in [
            ("title", &credential.title),
            ("description", &credential.description),
        ] {
            for (tag, value) in &text.0 {
                if tag.as_str() == set.lang {
                    continue;
                }
                let to = tag.as_str().to_owned();
                let moves = if field == "title" {
                    &mut tally.titles
                } else {
                    &mut tally.descriptions
                };
                *moves.entry(to.clone()).or_default() += 1;
                tally.moved.push((field, to, value.clone()));
            }
        }
        tally.left += credential
            .issues
            .iter()
            .filter(|issue| issue.message.contains("left under"))
            .count();
    }
    tally
}

fn counts(moves: &BTreeMap<String, usize>, of: usize) -> String {
    if moves.is_empty() {
        return "0".to_owned();
    }
    let total: usize = moves.values().sum();
    let each: Vec<String> = moves.iter().map(|(to, n)| format!("{to} {n}")).collect();
    format!(
        "{total} ({:.1} %): {}",
        100.0 * total as f64 / of.max(1) as f64,
        each.join(", ")
    )
}

fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

/// The queries and the pool of a cross-lingual task as (title, description) pairs.
fn read_task(path: &Path, split: bool) -> (Records, Records) {
    let bytes =
        std::fs::read(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let task: serde_json::Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|err| panic!("{} is not JSON: {err}", path.display()));
    let records = |part: &str| -> Records {
        task[part]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|item| item["text"].as_str())
            .map(|text| match text.split_once(". ") {
                Some((title, description)) if split => (title.to_owned(), description.to_owned()),
                _ => (text.to_owned(), String::new()),
            })
            .collect()
    };
    (records("queries"), records("pool"))
}

/// The rows of a CSV file (quoted fields, `""` for a quote inside one).
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
