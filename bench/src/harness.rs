//! What the benchmark suite needs around the programs it measures: timing a child process
//! with its peak memory (`/usr/bin/time`), a minimal HTTP GET for loopback checks, `wrk`
//! with a query-rotating Lua script, directory sizes, free ports.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, relative to the workspace, or `target/`).
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        })
        .unwrap_or_else(|| root.join("target"))
}

/// Builds the release `clearinghouse` binary of the workspace at `root` and returns its
/// path.
pub fn build_clearinghouse(root: &Path) -> anyhow::Result<PathBuf> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "build",
            "--release",
            "--quiet",
            // With `bench` selected too, dependencies resolve the same features as in the
            // `cargo run -p bench` that started the program; `-p server` alone resolves
            // fewer (tantivy's, tokio's) and rebuilds half the workspace both times.
            "-p",
            "bench",
            "-p",
            "server",
            "--bin",
            "clearinghouse",
        ])
        .current_dir(root)
        .status()
        .context("cannot run cargo to build the clearinghouse binary")?;
    anyhow::ensure!(status.success(), "building the clearinghouse binary failed");
    Ok(target_dir(root).join("release/clearinghouse"))
}

/// A finished child process: wall time, peak resident memory, output.
#[derive(Debug)]
pub struct Timed {
    /// Wall-clock time from spawn to exit.
    pub wall: Duration,
    /// Peak resident set size (VmHWM) in bytes, from `/usr/bin/time`.
    pub peak_rss_bytes: Option<u64>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `program args` to completion under `/usr/bin/time` (when installed) to read its
/// peak RSS; fails if it exits non-zero.
pub fn run_timed(program: &Path, args: &[&str], work_dir: &Path) -> anyhow::Result<Timed> {
    let time_file = work_dir.join("time.out");
    let gnu_time = Path::new("/usr/bin/time");
    let mut command = if gnu_time.exists() {
        let mut command = Command::new(gnu_time);
        command
            .arg("-f")
            .arg("%e %M")
            .arg("-o")
            .arg(&time_file)
            .arg(program);
        command
    } else {
        Command::new(program)
    };
    command.args(args).current_dir(work_dir);
    let started = Instant::now();
    let output = command
        .output()
        .with_context(|| format!("cannot run {}", program.display()))?;
    let wall = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    anyhow::ensure!(
        output.status.success(),
        "{} {args:?} failed ({}):\n{stdout}\n{}",
        program.display(),
        output.status,
        tail(&stderr, 3000)
    );
    let peak_rss_bytes = std::fs::read_to_string(&time_file).ok().and_then(|text| {
        let kib: u64 = text.split_whitespace().last()?.parse().ok()?;
        Some(kib * 1024)
    });
    let _ = std::fs::remove_file(&time_file);
    Ok(Timed {
        wall,
        peak_rss_bytes,
        stdout,
        stderr,
    })
}

/// The last `n` bytes of `text` (at a character boundary).
pub fn tail(text: &str, n: usize) -> &str {
    let mut start = text.len().saturating_sub(n);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// The peak resident set size (VmHWM) of a live process, in bytes.
pub fn vm_hwm_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Bytes of every file under `path`.
pub fn dir_bytes(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => dir_bytes(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

/// A loopback port free right now.
pub fn free_port() -> anyhow::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// `GET path` over a fresh connection: status and body (`Connection: close`, so the body
/// is everything after the head; chunked bodies are decoded).
pub fn http_get(addr: SocketAddr, path: &str) -> anyhow::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").context("no HTTP head")?;
    let status: u16 = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .context("no status")?;
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok((status, body))
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// One `wrk` run.
#[derive(Debug, Clone, Copy)]
pub struct WrkResult {
    /// Requests per second.
    pub qps: f64,
    /// Median latency in ms.
    pub p50_ms: f64,
    /// 99th percentile latency in ms.
    pub p99_ms: f64,
    /// Requests that failed or answered non-2xx/3xx.
    pub errors: u64,
    /// Requests completed.
    pub requests: u64,
}

/// Loads `addr` with `wrk` for `seconds`, with `connections` connections (and as many
/// threads, at most 2), rotating through `paths`.
pub fn wrk(
    addr: SocketAddr,
    paths: &[String],
    connections: u32,
    seconds: u32,
    work_dir: &Path,
) -> anyhow::Result<WrkResult> {
    let script = work_dir.join("rotate.lua");
    let mut lua = String::from("local paths = {\n");
    for path in paths {
        lua.push_str(&format!("  {:?},\n", path));
    }
    lua.push_str(
        r#"}
local counter = 0
setup = function(thread)
  thread:set("first", math.random(#paths))
end
init = function(args)
  counter = first or 0
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKRESULT %d %d %d %f %f\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"#,
    );
    std::fs::write(&script, lua)?;
    let threads = connections.min(2);
    let output = Command::new("wrk")
        .arg(format!("-t{threads}"))
        .arg(format!("-c{connections}"))
        .arg(format!("-d{seconds}s"))
        .arg("--timeout")
        .arg("10s")
        .arg("-s")
        .arg(&script)
        .arg(format!("http://{addr}"))
        .stdin(Stdio::null())
        .output()
        .context("cannot run wrk (apt-get install -y wrk)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|line| line.starts_with("WRKRESULT"))
        .with_context(|| format!("no result from wrk: {stdout}"))?;
    let fields: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    anyhow::ensure!(fields.len() == 5, "unreadable wrk result {line}");
    let duration_secs = fields[1] / 1e6;
    Ok(WrkResult {
        qps: fields[0] / duration_secs,
        p50_ms: fields[3] / 1000.0,
        p99_ms: fields[4] / 1000.0,
        errors: fields[2] as u64,
        requests: fields[0] as u64,
    })
}

/// Bytes of one file (0 if it does not exist).
pub fn dir_bytes_of_file(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |meta| meta.len())
}
