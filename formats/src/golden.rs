//! Golden tests: every real feed of the shared folder (`fixtures/`) → its full parse
//! outcome as canonical JSON in `formats/testdata/golden/<fixture file name>.json`,
//! compared exactly.
//!
//! The feeds are published by others: they are read where they are, never copied into
//! the repository, and these tests run only when `CLEARINGHOUSE_SHARED_DIR` names the
//! shared folder (`testkit`; CI sets it). Run with `UPDATE_GOLDEN=1` to rewrite the
//! expected files after a deliberate change, then review the diff by eye: a golden file
//! that enshrines a wrong mapping is a bug.

use model::Format;
use serde_json::{Value, json};

use super::{FormatError, ParseOutcome, parse};

/// Each fixture (relative to the shared fixtures folder) and the format it is read as.
const FIXTURES: &[(Format, &str)] = &[
    (
        Format::Elm,
        "elm/elm3-edc-microcredential-annex1-unsigned.jsonld",
    ),
    (Format::Elm, "elm/elm3-qdr-loq-courses-upload-sample.xml"),
    (Format::Ewp, "ewp/ewp-courses-response-example.xml"),
    (
        Format::Ewp,
        "ewp/ewp-course-replication-response-example.xml",
    ),
    (Format::Elmo, "elmo/elmo-emrex-v1-transcript-example.xml"),
    (
        Format::OpenBadges,
        "open-badges/obv2-assertion-1edtech-spec-example.json",
    ),
    (
        Format::OpenBadges,
        "open-badges/obv2-badgeclass-1edtech-spec-example.json",
    ),
    (
        Format::OpenBadges,
        "open-badges/obv2-badgeclass-validator-fixture.json",
    ),
    (
        Format::OpenBadges,
        "open-badges/obv3-full-openbadgecredential-1edtech.json",
    ),
    (
        Format::OpenBadges,
        "open-badges/obv3-microcredential-openbadgecredential-mynextid.json",
    ),
    (Format::Ctdl, "ctdl/credreg-envelope-response-sample.json"),
    (Format::Ctdl, "ctdl/ctdl-course-ingest-example.json"),
    (
        Format::Ctdl,
        "ctdl/ctdl-credential-bachelor-degree-ingest-example.json",
    ),
    (
        Format::XcriCap,
        "xcri-cap/xcri-cap-1.2-open-university-example.xml",
    ),
    (
        Format::XcriCap,
        "xcri-cap/xcri-cap-1.2-wychwolf-moodle-feed.xml",
    ),
];

/// The whole outcome of a parse as JSON: the document error, or every record (upstream
/// id, datestamp, deletion, canonical credential) and every failure with its reason.
pub(crate) fn render(outcome: &ParseOutcome) -> Value {
    match outcome {
        Err(err) => json!({ "error": error_json(err) }),
        Ok(records) => {
            let records: Vec<Value> = records
                .iter()
                .map(|record| match record {
                    Ok(record) => json!({
                        "upstream_id": record.upstream_id,
                        "datestamp": record.datestamp,
                        "deleted": record.deleted,
                        "credential": record.credential,
                    }),
                    Err(failure) => json!({
                        "failure": {
                            "upstream_id": failure.upstream_id,
                            "reason": failure.reason,
                        }
                    }),
                })
                .collect();
            json!({ "records": records })
        }
    }
}

fn error_json(err: &FormatError) -> Value {
    let kind = match err {
        FormatError::Xml { .. } => "xml",
        FormatError::Json { .. } => "json",
        FormatError::WrongShape { .. } => "wrong_shape",
        FormatError::Unsupported(_) => "unsupported",
        FormatError::OverLimit { .. } => "over_limit",
    };
    json!({ "kind": kind, "message": err.to_string() })
}

#[test]
fn every_fixture_matches_its_golden_file() {
    let Some(fixtures) = testkit::shared_fixtures_dir() else {
        return;
    };
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for (format, relative) in FIXTURES {
        let path = fixtures.join(relative);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        let outcome = parse(*format, &bytes);
        let mut actual = serde_json::to_string_pretty(&render(&outcome)).unwrap();
        actual.push('\n');
        let name = relative.rsplit('/').next().unwrap();
        let path = format!("{}/testdata/golden/{name}.json", env!("CARGO_MANIFEST_DIR"));
        if update {
            std::fs::create_dir_all(format!("{}/testdata/golden", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            mismatches.push(format!("{name} (rewrite with UPDATE_GOLDEN=1 and review)"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "golden files differ: {mismatches:#?}"
    );
}

#[test]
fn every_fixture_folder_is_covered() {
    let Some(fixtures) = testkit::shared_fixtures_dir() else {
        return;
    };
    for folder in ["elm", "ewp", "elmo", "open-badges", "ctdl", "xcri-cap"] {
        let dir = fixtures.join(folder);
        for entry in std::fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let relative = format!("{folder}/{name}");
            assert!(
                FIXTURES.iter().any(|(_, listed)| *listed == relative),
                "{relative} has no golden test"
            );
        }
    }
}
