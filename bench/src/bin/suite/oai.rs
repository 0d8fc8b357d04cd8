//! (6) OAI-PMH lists served (issue 23): the latency of `ListRecords` pages (`oai_dc`, 100
//! records) against the running server, one request at a time over a fresh connection.
//!
//! - the first page of the whole list;
//! - the first page `from` the datestamp 90 % of the way through the harvest (about the
//!   last tenth of the records);
//! - the first page of `set=country:{CC}` (one of the corpus's 30 countries, about a
//!   thirtieth of the records);
//! - every resumed page of that set, followed to its end (or for at most a minute), and
//!   the page 90 % of the way down it asked again.
//!
//! Each first page is asked until [`MAX_REQUESTS`] answers or [`BUDGET`] has passed, but
//! at least [`MIN_REQUESTS`] times: a store that walks its whole change log for a page
//! answers slowly enough at 1M that a p99 of many requests is not affordable.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};

use crate::table::{Table, verdict};

const MAX_REQUESTS: usize = 30;
const MIN_REQUESTS: usize = 2;
const BUDGET: Duration = Duration::from_secs(15);
const WALK_BUDGET: Duration = Duration::from_secs(60);

/// One answered page: its latency, and its resumption token if it has one.
struct Page {
    millis: f64,
    token: Option<String>,
    complete_list_size: Option<String>,
}

fn get_page(addr: SocketAddr, query: &str) -> anyhow::Result<Page> {
    let path = format!("/oai?{query}");
    let started = Instant::now();
    let (status, body) = bench::harness::http_get(addr, &path)?;
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(
        status == 200 && body.contains("<record>") && !body.contains("<error"),
        "GET {path}: {status} {}",
        bench::harness::tail(&body, 500)
    );
    let element = body
        .find("<resumptionToken")
        .map(|start| &body[start..])
        .and_then(|rest| rest.split_once("</resumptionToken>").map(|(head, _)| head));
    let token = element
        .and_then(|head| head.split_once('>'))
        .map(|(_, text)| text.to_owned())
        .filter(|text| !text.is_empty());
    let complete_list_size = element
        .and_then(|head| head.split_once("completeListSize=\""))
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(size, _)| size.to_owned());
    Ok(Page {
        millis,
        token,
        complete_list_size,
    })
}

/// Asks `query` repeatedly, as the module header says; latencies in ms.
fn repeat(addr: SocketAddr, query: &str, smoke: bool) -> anyhow::Result<(Vec<f64>, Page)> {
    let started = Instant::now();
    let mut millis = Vec::new();
    let max = if smoke { MIN_REQUESTS } else { MAX_REQUESTS };
    loop {
        let page = get_page(addr, query)?;
        millis.push(page.millis);
        if millis.len() >= max || (millis.len() >= MIN_REQUESTS && started.elapsed() >= BUDGET) {
            return Ok((millis, page));
        }
    }
}

fn latency(mut millis: Vec<f64>) -> String {
    let n = millis.len();
    let (p50, p99) = bench::median_p99(&mut millis);
    format!("p50 {p50:.1} ms, p99 {p99:.1} ms ({n} requests)")
}

fn target(mut millis: Vec<f64>) -> String {
    let (_, p99) = bench::median_p99(&mut millis);
    format!("p99 ≤ 50 ms (at 10M): {}", verdict(p99 <= 50.0))
}

fn size_note(page: &Page) -> String {
    match &page.complete_list_size {
        Some(size) => format!("completeListSize {size}"),
        None => "completeListSize not given".to_owned(),
    }
}

/// The datestamp 90 % of the way through the harvest, in whole seconds as OAI-PMH asks.
/// Datestamps are when each record was stored, and the harvest's wall time includes the
/// process starting and the index committing, so for a short harvest (the smoke test's
/// 10k records in about a second) that second can come after the last record stored: it
/// then steps back a second at a time, to the harvest's start at most, until a page has
/// records.
fn from_near_the_end(
    addr: SocketAddr,
    first: &str,
    (started, wall): (DateTime<Utc>, Duration),
) -> anyhow::Result<String> {
    let format = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut from =
        started + chrono::Duration::from_std(wall.mul_f64(0.9)).context("harvest wall time")?;
    loop {
        let query = format!("{first}&from={}", format(from));
        let (status, body) = bench::harness::http_get(addr, &format!("/oai?{query}"))?;
        let empty = status == 200 && body.contains("noRecordsMatch");
        if !empty || from <= started {
            return Ok(format(from));
        }
        from -= chrono::Duration::seconds(1);
    }
}

/// Measures the pages above and adds their rows. `harvest` is when the harvest started and
/// how long it took; `country` one of the corpus's countries.
pub(crate) fn list_records_latency(
    addr: SocketAddr,
    harvest: (DateTime<Utc>, Duration),
    country: &str,
    smoke: bool,
    table: &mut Table,
) -> anyhow::Result<()> {
    let first = "verb=ListRecords&metadataPrefix=oai_dc";
    let (millis, page) = repeat(addr, first, smoke)?;
    table.add(
        "6 OAI-PMH",
        "`ListRecords` first page (oai_dc, 100 records)",
        latency(millis.clone()),
        size_note(&page),
        target(millis),
    );

    let from = from_near_the_end(addr, first, harvest)?;
    let (millis, page) = repeat(addr, &format!("{first}&from={from}"), smoke)?;
    table.add(
        "6 OAI-PMH",
        "`ListRecords` first page `from` 90 % through the harvest",
        latency(millis.clone()),
        size_note(&page),
        target(millis),
    );

    let by_set = format!("{first}&set=country:{country}");
    let (millis, page) = repeat(addr, &by_set, smoke)?;
    table.add(
        "6 OAI-PMH",
        &format!("`ListRecords` first page `set=country:{country}`"),
        latency(millis.clone()),
        size_note(&page),
        target(millis),
    );

    // Every resumed page of the set, then the one 90 % of the way down asked again.
    let walk_started = Instant::now();
    let mut tokens = Vec::new();
    let mut resumed = Vec::new();
    let mut token = page.token;
    let mut stopped = false;
    while let Some(text) = token.take() {
        if walk_started.elapsed() >= WALK_BUDGET {
            stopped = true;
            break;
        }
        let page = get_page(addr, &format!("verb=ListRecords&resumptionToken={text}"))?;
        resumed.push(page.millis);
        tokens.push(text);
        token = page.token;
    }
    if tokens.is_empty() {
        return Ok(());
    }
    let walked = if stopped {
        format!(
            "{} pages, stopped after {} s",
            tokens.len(),
            WALK_BUDGET.as_secs()
        )
    } else {
        format!("{} pages, to the end", tokens.len())
    };
    table.add(
        "6 OAI-PMH",
        &format!("`ListRecords` every resumed page of `set=country:{country}`"),
        latency(resumed.clone()),
        walked,
        target(resumed),
    );
    let deep = &tokens[(tokens.len() - 1) * 9 / 10];
    let (millis, _) = repeat(
        addr,
        &format!("verb=ListRecords&resumptionToken={deep}"),
        smoke,
    )?;
    table.add(
        "6 OAI-PMH",
        &format!("`ListRecords` resumed page 90 % down `set=country:{country}`"),
        latency(millis.clone()),
        String::new(),
        target(millis),
    );
    Ok(())
}
