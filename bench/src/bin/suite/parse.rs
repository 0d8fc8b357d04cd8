//! (2) Parse throughput per format, on the real fixtures and on generated documents.

use std::time::Instant;

use anyhow::Context;
use bench::corpus::Corpus;
use bench::feed_server::{self, Prefix};
use model::Format;

use super::table::{Table, median};

/// Megabytes per second parsing `documents` with `format`, median of repeats of at least
/// `min_secs` each.
/// Documents the parser refuses as a whole are left out of the timing and counted.
pub(crate) fn parse_rate(
    format: Format,
    documents: &[Vec<u8>],
    min_secs: f64,
    repeats: usize,
) -> anyhow::Result<(f64, usize, usize)> {
    let mut records = 0;
    let mut readable = Vec::new();
    for document in documents {
        if let Ok(parsed) = formats::parse(format, document) {
            records += parsed.iter().filter(|r| r.is_ok()).count();
            readable.push(document.clone());
        }
    }
    let unreadable = documents.len() - readable.len();
    let documents = &readable;
    anyhow::ensure!(!documents.is_empty(), "{format}: no readable document");
    let bytes: usize = documents.iter().map(Vec::len).sum();
    let mut rates = Vec::new();
    for _ in 0..repeats {
        let started = Instant::now();
        let mut rounds = 0;
        while started.elapsed().as_secs_f64() < min_secs || rounds == 0 {
            for document in documents {
                std::hint::black_box(formats::parse(format, document).ok());
            }
            rounds += 1;
        }
        rates.push(bytes as f64 * rounds as f64 / started.elapsed().as_secs_f64() / 1e6);
    }
    Ok((median(rates), records, unreadable))
}

pub(crate) fn parse_throughput(
    corpus: &Corpus,
    smoke: bool,
    table: &mut Table,
) -> anyhow::Result<()> {
    let (min_secs, repeats) = if smoke { (0.05, 1) } else { (0.3, 5) };
    let fixtures = bench::shared_dir().join("fixtures");
    let by_format: [(Format, &[&str]); 7] = [
        (
            Format::OaiDc,
            &[
                "oai-pmh/oaipmh-pyoai-eur-dspace-ListRecords-oai_dc.xml",
                "oai-pmh/oaipmh-sickle-ListRecords.xml",
            ],
        ),
        (
            Format::Elm,
            &[
                "elm/elm3-edc-microcredential-annex1-unsigned.jsonld",
                "elm/elm3-qdr-loq-courses-upload-sample.xml",
            ],
        ),
        (Format::Ewp, &["ewp/ewp-courses-response-example.xml"]),
        (Format::Elmo, &["elmo/elmo-emrex-v1-transcript-example.xml"]),
        (
            Format::OpenBadges,
            &[
                "open-badges/obv2-badgeclass-1edtech-spec-example.json",
                "open-badges/obv3-full-openbadgecredential-1edtech.json",
                "open-badges/obv3-microcredential-openbadgecredential-mynextid.json",
            ],
        ),
        (
            Format::Ctdl,
            &[
                "ctdl/ctdl-course-ingest-example.json",
                "ctdl/ctdl-credential-bachelor-degree-ingest-example.json",
            ],
        ),
        (
            Format::XcriCap,
            &[
                "xcri-cap/xcri-cap-1.2-open-university-example.xml",
                "xcri-cap/xcri-cap-1.2-wychwolf-moodle-feed.xml",
            ],
        ),
    ];
    for (format, files) in by_format {
        let mut documents = Vec::new();
        for file in files {
            let path = fixtures.join(file);
            documents.push(std::fs::read(&path).with_context(|| {
                format!(
                    "reading {} (is ../shared beside the repository?)",
                    path.display()
                )
            })?);
        }
        let bytes: usize = documents.iter().map(Vec::len).sum();
        let (rate, records, unreadable) = parse_rate(format, &documents, min_secs, repeats)?;
        let refused = if unreadable > 0 {
            format!(", {unreadable} refused whole and left out")
        } else {
            String::new()
        };
        table.add(
            "2 parse",
            &format!(
                "{format}: real fixtures ({} files, {} kB, {records} records{refused})",
                files.len(),
                bytes / 1000
            ),
            format!("{rate:.1} MB/s"),
            String::new(),
            String::new(),
        );
    }
    // Generated feeds: a clearinghouse-json array, OAI-PMH pages read as oai_dc documents,
    // and single `<ch:record>` payloads as the harvest hands them to the parser.
    let n = corpus.n_records.min(2000);
    let array = vec![feed_server::json_feed(corpus, 0, n)];
    let (rate, records, _) = parse_rate(Format::ClearinghouseJson, &array, min_secs, repeats)?;
    table.add(
        "2 parse",
        &format!(
            "clearinghouse-json: generated array ({records} records, {} kB)",
            array[0].len() / 1000
        ),
        format!("{rate:.1} MB/s"),
        String::new(),
        String::new(),
    );
    let mut payloads = Vec::new();
    for i in 0..n {
        let mut out = String::new();
        feed_server::write_metadata(&mut out, &corpus.record(i), Prefix::ClearinghouseJson);
        payloads.push(out.into_bytes());
    }
    let (rate, records, _) = parse_rate(Format::ClearinghouseJson, &payloads, min_secs, repeats)?;
    table.add(
        "2 parse",
        &format!("clearinghouse-json: generated `<ch:record>` payloads ({records}, as harvested)"),
        format!("{rate:.1} MB/s"),
        String::new(),
        String::new(),
    );
    let pages: Vec<Vec<u8>> = (0..n.div_ceil(100))
        .map(|page| {
            feed_server::list_records_page(corpus, Prefix::OaiDc, page * 100, 100).into_bytes()
        })
        .collect();
    let (rate, records, _) = parse_rate(Format::OaiDc, &pages, min_secs, repeats)?;
    table.add(
        "2 parse",
        &format!("oai_dc: generated ListRecords pages ({records} records)"),
        format!("{rate:.1} MB/s"),
        String::new(),
        String::new(),
    );
    Ok(())
}
