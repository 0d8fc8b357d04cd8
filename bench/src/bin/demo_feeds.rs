//! Writes the demo network: the feeds of eight invented institutions in six countries
//! and six languages, in six formats, with overlaps, one broken feed, recorded decisions
//! and the update that puts one of them at risk. The server embeds the files; nothing is
//! generated at run time.
//!
//! Run: `cargo run -p bench --bin demo_feeds -- --out demo` (`--check` compares instead of
//! writing and fails when a file is out of date; `--groups` prints the overlap groups as
//! JSON, one per line, members by source and upstream id, to check equivalents against). Deterministic: every draw comes from a
//! SplitMix64 stream under one seed, so running it twice writes the same bytes.
//!
//! What it writes under `--out`:
//! - `feeds/<file>` per institution of [`network::INSTITUTIONS`]: `demo-tu.json`
//!   (`clearinghouse-json` array), `demo-lyon.jsonl` (`clearinghouse-json` JSON Lines),
//!   `demo-krakow-oai_dc.xml` (`oai_dc`), `demo-madrid-elm.jsonld` and
//!   `demo-utrecht-elm.jsonld` (`elm`), `demo-bologna-ewp.xml` (`ewp`),
//!   `demo-helsinki-badges.json` (`open-badges`), `demo-dublin-xcri.xml` (`xcri-cap`). The
//!   first three keep the hand-written records of the first demo
//!   (`demo_feeds/handwritten/`) ahead of the generated ones.
//! - `decisions.json`: ten recognition decisions by demo-tu, demo-lyon and demo-madrid
//!   (`decisions.rs`).
//! - `updates/demo-madrid.jsonld`: the Madrid feed again, the same records, except that
//!   the Madrid member of the machine-learning overlap group,
//!   `https://data.universidad-demo-madrid.example/oferta/UDM-ML-104`, which demo-tu
//!   recognised as equivalent to its `TUD-MC-ML-326`, now awards 4 ECTS instead of 6 (its
//!   workload hours and `modified` follow). Re-harvesting it flags that decision as at
//!   risk. The generator checks that the id and the credits are these.
//! - `README.md`: the network, its overlap groups, the broken records and the decisions.
//!
//! How: [`plan`] draws every record in no language (topic, outcomes, credits, level,
//! offers), [`text`] writes it in the institution's language and English with the
//! benchmark corpus's words, [`feeds`] in the institution's format, as its parser in
//! `formats/src/` reads it.

#[path = "demo_feeds/decisions.rs"]
mod decisions;
#[path = "demo_feeds/feeds.rs"]
mod feeds;
#[path = "demo_feeds/json.rs"]
mod json;
#[path = "demo_feeds/network.rs"]
mod network;
#[path = "demo_feeds/plan.rs"]
mod plan;
#[path = "demo_feeds/readme.rs"]
mod readme;
#[path = "demo_feeds/text.rs"]
mod text;

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::network::{INSTITUTIONS, MADRID};

/// The at-risk record the header above names, checked against what the plan draws.
const AT_RISK_ID: &str = "https://data.universidad-demo-madrid.example/oferta/UDM-ML-104";

fn main() -> anyhow::Result<()> {
    let mut out = PathBuf::from("demo");
    let mut check = false;
    let mut groups = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(args.next().context("--out needs a directory")?),
            "--check" => check = true,
            "--groups" => groups = true,
            other => {
                anyhow::bail!("unknown argument {other:?}; takes --out DIR, --check, --groups")
            }
        }
    }
    if groups {
        for line in decisions::groups_json(&plan::plan()) {
            println!("{line}");
        }
        return Ok(());
    }
    let files = files();
    if check {
        let stale: Vec<String> = files
            .iter()
            .filter(|(path, text)| {
                std::fs::read_to_string(out.join(path)).ok().as_deref() != Some(text.as_str())
            })
            .map(|(path, _)| path.display().to_string())
            .collect();
        anyhow::ensure!(
            stale.is_empty(),
            "out of date under {}: {} (run the generator)",
            out.display(),
            stale.join(", ")
        );
        println!(
            "{} files under {} are up to date",
            files.len(),
            out.display()
        );
        return Ok(());
    }
    for (path, text) in &files {
        write(&out.join(path), text)?;
    }
    println!("wrote {} files under {}", files.len(), out.display());
    print_sources();
    Ok(())
}

/// Every file, by path under the output directory.
fn files() -> Vec<(PathBuf, String)> {
    let courses = plan::plan();
    let mut files = Vec::new();
    for (i, institution) in INSTITUTIONS.iter().enumerate() {
        files.push((
            Path::new("feeds").join(institution.file),
            feeds::feed(i, &courses[i]),
        ));
    }
    files.push((
        PathBuf::from("decisions.json"),
        decisions::decisions(&courses),
    ));
    let (updated, at_risk_id) = decisions::updated_madrid(&courses);
    assert_eq!(
        at_risk_id, AT_RISK_ID,
        "the at-risk record moved: update the header of demo_feeds.rs"
    );
    files.push((
        PathBuf::from("updates/demo-madrid.jsonld"),
        feeds::elm(MADRID, &updated),
    ));
    files.push((
        PathBuf::from("README.md"),
        readme::readme(&courses, &at_risk_id),
    ));
    files
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// The `[[sources]]` tables of the network, for `config/clearinghouse.toml`.
fn print_sources() {
    println!("\n# The demo network's sources (paths relative to config/):");
    for institution in &INSTITUTIONS {
        println!(
            "\n[[sources]]\nid = \"{}\"\ninstitution = \"{}\"\ncountry = \"{}\"\nprotocol = \"file\"\n\
             url = \"../demo/feeds/{}\"\nformat = \"{}\"\nschedule = \"{}\"\nhomepage = \"{}\"",
            institution.id,
            institution.name,
            institution.country,
            institution.file,
            institution.format.name(),
            institution.schedule,
            institution.homepage,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::{BROKEN, Defect};

    /// The committed files are what the generator writes: regenerate after changing it
    /// (or the corpus words it uses).
    #[test]
    fn the_committed_demo_is_up_to_date() {
        let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo");
        for (path, text) in files() {
            let committed = std::fs::read_to_string(demo.join(&path)).unwrap_or_default();
            assert!(
                committed == text,
                "demo/{} is out of date: cargo run -p bench --bin demo_feeds -- --out demo",
                path.display()
            );
        }
    }

    /// Every feed reads with its parser: every record, except the broken feed's records
    /// that cannot be read, and those with an unreadable element say which.
    #[test]
    fn every_feed_reads_as_its_format_says() {
        let courses = plan::plan();
        for (i, institution) in INSTITUTIONS.iter().enumerate() {
            let format = model::Format::parse(institution.format.name()).unwrap();
            let records = formats::parse(format, feeds::feed(i, &courses[i]).as_bytes())
                .unwrap_or_else(|err| panic!("{}: {err}", institution.id));
            let failed = records.iter().filter(|r| r.is_err()).count();
            let unreadable = records
                .iter()
                .flatten()
                .filter(|r| r.credential.issues.iter().any(|i| i.element.is_some()))
                .count();
            let (want_failed, want_unreadable) = if i == BROKEN {
                let fails = Defect::ALL.iter().filter(|d| d.fails()).count();
                (fails, 2)
            } else {
                (0, 0)
            };
            assert_eq!(failed, want_failed, "{}", institution.id);
            assert_eq!(unreadable, want_unreadable, "{}", institution.id);
            assert!(records.len() >= 35, "{}: {}", institution.id, records.len());
        }
    }
}
