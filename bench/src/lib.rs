//! Benchmark and evaluation programs of the clearinghouse (`src/bin/`). They run the real
//! pipeline on data read from the shared folder ([`shared_dir`]) or generated, and print
//! figures; see
//! BENCHMARKS.md for the commands and the latest results.

use std::path::PathBuf;

/// The clearinghouse binary's allocator (see `server/src/main.rs`), so that what the
/// programs here time in process (parsing, equivalence lookups) runs as it does in the
/// binary that ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The shared folder of real feeds and recognition data, kept outside the repository:
/// the one `CLEARINGHOUSE_SHARED_DIR` names (a relative path is taken from the repository
/// root, as the tests take it), else `shared/` beside the repository.
pub fn shared_dir() -> PathBuf {
    let repository = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    match std::env::var_os("CLEARINGHOUSE_SHARED_DIR").filter(|value| !value.is_empty()) {
        Some(dir) if PathBuf::from(&dir).is_absolute() => PathBuf::from(dir),
        Some(dir) => repository.join(dir),
        None => repository.join("../shared"),
    }
}

/// Median and 99th percentile of `samples` (sorted in place), in the samples' unit.
pub fn median_p99(samples: &mut [f64]) -> (f64, f64) {
    if samples.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.99))
}

/// Decisions recorded by [`record_decisions`], and what it took.
pub struct Recorded {
    /// How many were recorded.
    pub count: usize,
    /// Seconds recording them.
    pub record_secs: f64,
    /// Seconds the evidence then took to catch up with them.
    pub sync_secs: f64,
}

/// Records `drafts` as `officer` through the rules of `POST /api/v1/recognitions`
/// (`recognition::decisions::draft`, then the writer: each decision its own flushed
/// batch), then lets the evidence catch up. Not to be called from inside a runtime.
pub fn record_decisions(
    state: &server::state::AppState,
    officer: &recognition::decisions::Officer<'_>,
    drafts: impl IntoIterator<Item = recognition::decisions::Draft>,
) -> anyhow::Result<Recorded> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let started = std::time::Instant::now();
    let mut count = 0usize;
    runtime.block_on(async {
        for draft in drafts {
            let decision = recognition::decisions::draft(state.indexer.store(), officer, draft)?;
            state
                .indexer
                .record_decision(decision, "created", None)
                .await?;
            count += 1;
        }
        anyhow::Ok(())
    })?;
    let record_secs = started.elapsed().as_secs_f64();
    let started = std::time::Instant::now();
    state
        .evidence
        .sync(state.indexer.store(), &state.indexer.index())?;
    Ok(Recorded {
        count,
        record_secs,
        sync_secs: started.elapsed().as_secs_f64(),
    })
}

pub mod corpus;
pub mod feed_server;
pub mod harness;
