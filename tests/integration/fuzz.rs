//! Hostile payloads (issue 9): every format parser is fed seeded mutations of feed files,
//! and must never panic, only parse or report failures. The seeds are the project's own
//! fixtures (`harvester/testdata/`, `formats/testdata/`) and the demo feeds, always, and
//! the real feeds published by others in the shared folder (`fixtures/`) when it is opted
//! in (`testkit`). An in-process, bounded equivalent of cargo-fuzz that runs in CI:
//! `FUZZ_CASES_PER_SEED` mutations of every seed file through every parser
//! (`CLEARINGHOUSE_FUZZ_CASES` raises it for a longer run), plus deep nesting and invalid
//! UTF-8 built on purpose.

use std::path::{Path, PathBuf};

use model::Format;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const FUZZ_CASES_PER_SEED: usize = 40;

/// Feed files of a folder worth mutating: not the XML schemas, documentation, golden
/// outputs or binary test data kept beside them.
fn seed_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = testkit::files_under(dir);
    files.retain(|path| {
        let name = path.to_string_lossy();
        !name.contains("/schemas/")
            && !name.contains("/golden/")
            && !name.ends_with(".md")
            && !name.ends_with(".gz")
    });
    files
}

/// The project's own seed files: the demo feeds and the fixtures written for the tests.
fn own_seed_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["demo/feeds", "harvester/testdata", "formats/testdata"] {
        files.extend(seed_files_under(&root.join(dir)));
    }
    assert!(files.len() >= 20, "the seed files are missing: {files:?}");
    files
}

/// One random change: flip, delete, insert, duplicate, truncate or splice in markup.
fn mutate(rng: &mut StdRng, input: &mut Vec<u8>) {
    const MARKUP: &[&[u8]] = &[
        b"<",
        b">",
        b"</",
        b"&",
        b"&amp;",
        b"&#x0;",
        b"<![CDATA[",
        b"]]>",
        b"{",
        b"}",
        b"[",
        b"]",
        b"\"",
        b"\\u0000",
        b"\\ud800",
        b":",
        b",",
        b"\xff",
        b"\xc3",
        b"\0",
        b"<!DOCTYPE x [<!ENTITY e \"&e;&e;\">]>",
        b"1e999999",
        b"-0",
        b"null",
    ];
    if input.is_empty() {
        input.extend_from_slice(MARKUP[rng.random_range(0..MARKUP.len())]);
        return;
    }
    let at = rng.random_range(0..input.len());
    match rng.random_range(0..7) {
        0 => input[at] ^= 1 << rng.random_range(0..8),
        1 => {
            let end = (at + rng.random_range(1..64)).min(input.len());
            input.drain(at..end);
        }
        2 => {
            let piece = MARKUP[rng.random_range(0..MARKUP.len())];
            input.splice(at..at, piece.iter().copied());
        }
        3 => {
            let end = (at + rng.random_range(1..256)).min(input.len());
            let copy = input[at..end].to_vec();
            input.splice(at..at, copy);
        }
        4 => input.truncate(at),
        5 => input[at] = rng.random(),
        _ => {
            let other = rng.random_range(0..input.len());
            input.swap(at, other);
        }
    }
}

fn parse_all_formats(input: &[u8], what: &str) {
    for format in Format::ALL {
        let outcome = std::panic::catch_unwind(|| formats::parse(format, input));
        if outcome.is_err() {
            let path = std::env::temp_dir().join(format!(
                "fuzz-panic-{}-{}.bin",
                format.as_str(),
                std::process::id()
            ));
            std::fs::write(&path, input).unwrap();
            panic!(
                "{format:?} panicked on {what}; input saved to {}",
                path.display()
            );
        }
    }
}

/// Every parser on each seed, then on `CLEARINGHOUSE_FUZZ_CASES` (default
/// `FUZZ_CASES_PER_SEED`) mutations of it; `seed_base` seeds the mutations of the first
/// file. Answers the number of mutated inputs.
fn fuzz_every_parser(seeds: &[PathBuf], seed_base: u64) -> usize {
    let cases_per_seed = std::env::var("CLEARINGHOUSE_FUZZ_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(FUZZ_CASES_PER_SEED);
    let mut n_cases = 0;
    for (i, path) in seeds.iter().enumerate() {
        let original = std::fs::read(path).unwrap();
        let mut rng = StdRng::seed_from_u64(seed_base + i as u64);
        parse_all_formats(&original, &path.display().to_string());
        for case in 0..cases_per_seed {
            let mut input = original.clone();
            for _ in 0..rng.random_range(1..8) {
                mutate(&mut rng, &mut input);
            }
            parse_all_formats(&input, &format!("{} mutation {case}", path.display()));
            n_cases += 1;
        }
    }
    n_cases
}

#[test]
fn no_format_parser_panics_on_mutated_own_feeds() {
    let n_cases = fuzz_every_parser(&own_seed_files(), 0x5eed_1000);
    eprintln!(
        "fuzz: {n_cases} mutated inputs of our own x {} parsers, no panic",
        Format::ALL.len()
    );
}

/// The same over the real feeds of the shared folder (opt-in).
#[test]
fn no_format_parser_panics_on_mutated_real_feeds() {
    let Some(fixtures) = testkit::shared_fixtures_dir() else {
        return;
    };
    let seeds = seed_files_under(&fixtures);
    assert!(seeds.len() >= 20, "the real feeds are missing: {seeds:?}");
    let n_cases = fuzz_every_parser(&seeds, 0x5eed_0000);
    eprintln!(
        "fuzz: {n_cases} mutated real inputs x {} parsers, no panic",
        Format::ALL.len()
    );
}

#[test]
fn deep_nesting_and_invalid_utf8_are_refused_not_crashed() {
    let depth = 100_000;
    let json_arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let json_objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let mut invalid_utf8 = br#"[{"id": "x", "title": {"en": ""#.to_vec();
    invalid_utf8.extend_from_slice(b"\xff\xfe\xc3\x28\xed\xa0\x80");
    invalid_utf8.extend_from_slice(br#""}}]"#);
    for (what, input) in [
        ("nested arrays", json_arrays.into_bytes()),
        ("nested objects", json_objects.into_bytes()),
        ("nested elements", xml.into_bytes()),
        ("invalid utf-8", invalid_utf8),
    ] {
        parse_all_formats(&input, what);
        if what != "nested elements" {
            let records = formats::parse(Format::ClearinghouseJson, &input);
            let n_read = records
                .iter()
                .flatten()
                .filter(|record| record.is_ok())
                .count();
            assert_eq!(n_read, 0, "{what}: nothing is read from it");
        }
    }
}
