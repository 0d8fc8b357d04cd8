//! The OAI-PMH envelope parser under seeded mutations of OAI-PMH responses (issue 9): it
//! answers a response or a reason, never a panic. The seeds are the harvester's own
//! responses (`testdata/oai-pmh/`), always, and the real ones of the shared folder
//! (`fixtures/oai-pmh/`) when it is opted in (`testkit`). In-process and bounded
//! (`CASES_PER_SEED` per file) so that it runs in CI.

use std::path::PathBuf;

use model::{Format, SourceId};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const CASES_PER_SEED: usize = 150;

fn mutate(rng: &mut StdRng, input: &mut Vec<u8>) {
    const MARKUP: &[&[u8]] = &[
        b"<",
        b">",
        b"</",
        b"&",
        b"&lt;",
        b"&#0;",
        b"<![CDATA[",
        b"]]>",
        b"<resumptionToken>",
        b"</resumptionToken>",
        b"<record>",
        b"<header status=\"deleted\">",
        b"<error code=\"badVerb\">",
        b"xmlns:x=\"\"",
        b"\xff",
        b"\0",
        b"<!DOCTYPE x [<!ENTITY e \"&e;&e;\">]>",
    ];
    if input.is_empty() {
        input.extend_from_slice(MARKUP[rng.random_range(0..MARKUP.len())]);
        return;
    }
    let at = rng.random_range(0..input.len());
    match rng.random_range(0..6) {
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
            let end = (at + rng.random_range(1..512)).min(input.len());
            let copy = input[at..end].to_vec();
            input.splice(at..at, copy);
        }
        4 => input.truncate(at),
        _ => input[at] = rng.random(),
    }
}

/// Feeds `CASES_PER_SEED` mutations of each seed to the envelope parser; `seed_base`
/// seeds the random mutations of the first file. Answers the number of cases.
fn fuzz_envelope_parser(seeds: &[PathBuf], seed_base: u64) -> usize {
    let source_id = SourceId::parse("fuzz").unwrap();
    let mut n_cases = 0;
    for (i, path) in seeds.iter().enumerate() {
        let original = std::fs::read(path).unwrap();
        let mut rng = StdRng::seed_from_u64(seed_base + i as u64);
        for case in 0..CASES_PER_SEED {
            let mut input = original.clone();
            for _ in 0..rng.random_range(1..8) {
                mutate(&mut rng, &mut input);
            }
            let outcome = std::panic::catch_unwind(|| {
                crate::oai_pmh::parse_response(&input, &source_id, Format::OaiDc)
            });
            assert!(
                outcome.is_ok(),
                "{} mutation {case} panicked: {:?}",
                path.display(),
                String::from_utf8_lossy(&input)
            );
            n_cases += 1;
        }
    }
    n_cases
}

#[test]
fn the_envelope_parser_never_panics_on_mutated_responses() {
    let seeds = testkit::own_files(env!("CARGO_MANIFEST_DIR"), "oai-pmh");
    assert!(seeds.len() >= 10, "{seeds:?}");
    let n_cases = fuzz_envelope_parser(&seeds, 0x0a1_1000);
    let source_id = SourceId::parse("fuzz").unwrap();
    let deep = format!(
        "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">{}",
        "<a>".repeat(100_000)
    );
    let _ = crate::oai_pmh::parse_response(deep.as_bytes(), &source_id, Format::OaiDc);
    eprintln!("fuzz: {n_cases} mutated oai-pmh responses of our own, no panic");
}

/// The same over the real responses of the shared folder (opt-in).
#[test]
fn the_envelope_parser_never_panics_on_mutated_real_responses() {
    let Some(fixtures) = testkit::shared_fixtures_dir() else {
        return;
    };
    let seeds = testkit::files_under(&fixtures.join("oai-pmh"));
    assert!(seeds.len() >= 10, "{seeds:?}");
    let n_cases = fuzz_envelope_parser(&seeds, 0x0a1_0000);
    eprintln!("fuzz: {n_cases} mutated real oai-pmh responses, no panic");
}
