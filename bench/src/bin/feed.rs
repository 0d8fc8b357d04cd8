//! Serves a generated corpus over OAI-PMH on loopback for a bounded time, to profile a
//! harvest by hand (`perf record -g -- clearinghouse harvest ...`) or try a client on it.
//!
//! Run: `cargo run --release -p bench --bin feed -- --size 100k --secs 600` (prints its URL)

use std::sync::Arc;

use anyhow::Context;
use bench::corpus::{self, Corpus};
use bench::feed_server::FeedServer;

fn main() -> anyhow::Result<()> {
    let mut size = "100k".to_owned();
    let mut seed = 20_260_101;
    let mut secs = 600;
    let mut page_size = 100;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--size" => size = value()?,
            "--seed" => seed = value()?.parse()?,
            "--secs" => secs = value()?.parse()?,
            "--page-size" => page_size = value()?.parse()?,
            other => anyhow::bail!(
                "unknown argument {other:?}; takes --size, --seed, --secs, --page-size"
            ),
        }
    }
    let n_records = corpus::parse_size(&size).with_context(|| format!("bad --size {size:?}"))?;
    let feed = FeedServer::start(Arc::new(Corpus::new(seed, n_records)), page_size)?;
    println!("{} ({n_records} records) for {secs} s", feed.oai_url());
    std::thread::sleep(std::time::Duration::from_secs(secs));
    Ok(())
}
