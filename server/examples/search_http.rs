//! Times the benchmark's two-word searches over HTTP against the real server: opens a data
//! directory filled by `cargo bench -p indexer --bench search -- <n> <data_dir>`, serves it
//! on a loopback port, and sends each query of `<data_dir>/bench-queries.txt` to
//! `GET /api/v1/search` on one kept-alive connection.
//!
//! `cargo run --release -p server --example search_http -- <data_dir>`

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let data_dir: PathBuf = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: search_http <data_dir>")?;
    let queries: Vec<String> = std::fs::read_to_string(data_dir.join("bench-queries.txt"))
        .context("run the indexer search benchmark with this data directory first")?
        .lines()
        .map(str::to_owned)
        .collect();
    let mut config = config::Config::embedded_default(&data_dir)?;
    config.server.listen = "127.0.0.1:0".parse()?;
    config.server.workers = Some(2);
    let config = Arc::new(config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let state = {
            let config = config.clone();
            tokio::task::spawn_blocking(move || server::app::open_state(config)).await??
        };
        let running = server::app::start(state, false)?;
        let addr = running.addr;
        let durations = tokio::task::spawn_blocking(move || time_queries(addr, &queries)).await??;
        running.stop().await;
        report(durations);
        anyhow::Ok(())
    })
}

fn encode(query: &str) -> String {
    url::form_urlencoded::byte_serialize(query.as_bytes()).collect()
}

/// One request on the kept-alive connection; the body is read whole.
fn get(stream: &mut BufReader<TcpStream>, path: &str) -> anyhow::Result<(u16, Vec<u8>)> {
    write!(
        stream.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
    )?;
    stream.get_mut().flush()?;
    let mut status_line = String::new();
    stream.read_line(&mut status_line)?;
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .context("no status code")?;
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        stream.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            content_length = value.trim().parse()?;
        }
    }
    let mut body = vec![0; content_length];
    stream.read_exact(&mut body)?;
    Ok((status, body))
}

fn time_queries(addr: std::net::SocketAddr, queries: &[String]) -> anyhow::Result<Vec<Duration>> {
    let mut stream = BufReader::new(TcpStream::connect(addr)?);
    stream.get_mut().set_nodelay(true)?;
    for query in queries {
        get(&mut stream, &format!("/api/v1/search?q={}", encode(query)))?;
    }
    let mut durations = Vec::with_capacity(queries.len());
    for query in queries {
        let started = Instant::now();
        let (status, body) = get(&mut stream, &format!("/api/v1/search?q={}", encode(query)))?;
        durations.push(started.elapsed());
        anyhow::ensure!(status == 200, "{query:?}: status {status}");
        anyhow::ensure!(
            body.starts_with(b"{\"total\""),
            "{query:?}: unexpected body"
        );
    }
    Ok(durations)
}

fn report(mut durations: Vec<Duration>) {
    durations.sort_unstable();
    let at = |share: f64| {
        let position = ((durations.len() as f64 - 1.0) * share).round() as usize;
        durations[position].as_secs_f64() * 1000.0
    };
    println!(
        "over HTTP, {} two-word queries with all 12 facets (page of 20, JSON with hits, snippets and facets): median {:.2} ms, p99 {:.2} ms",
        durations.len(),
        at(0.5),
        at(0.99)
    );
}
