//! The OAI-PMH envelope parser under seeded mutations of the real responses in
//! `../shared/fixtures/oai-pmh/` (issue 9): it answers a response or a reason, never a
//! panic. In-process and bounded (`CASES_PER_SEED` per file) so that it runs in CI.

use model::{Format, SourceId};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::testing::fixtures_dir;

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

#[test]
fn the_envelope_parser_never_panics_on_mutated_real_responses() {
    let dir = fixtures_dir().join("oai-pmh");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 10, "{seeds:?}");
    let source_id = SourceId::parse("fuzz").unwrap();
    let mut n_cases = 0;
    for (i, path) in seeds.iter().enumerate() {
        let original = std::fs::read(path).unwrap();
        let mut rng = StdRng::seed_from_u64(0x0a1_0000 + i as u64);
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
    let deep = format!(
        "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">{}",
        "<a>".repeat(100_000)
    );
    let _ = crate::oai_pmh::parse_response(deep.as_bytes(), &source_id, Format::OaiDc);
    eprintln!("fuzz: {n_cases} mutated oai-pmh responses, no panic");
}
