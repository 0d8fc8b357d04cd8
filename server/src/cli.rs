//! The `clearinghouse` command line.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::Config;
use model::{HarvestRun, RunOutcome};

/// A recognition clearinghouse for micro-credentials: harvests course and credential
/// feeds, indexes them, and serves search, comparison and recognition decisions.
#[derive(Debug, Parser)]
#[command(name = "clearinghouse", version)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the HTTP server and the scheduled harvests.
    Serve {
        /// Configuration file (default: the embedded demo configuration).
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
    /// Harvests now and prints a summary per source; exits non-zero if a source failed.
    Harvest {
        /// Configuration file (default: the embedded demo configuration).
        #[arg(long, short)]
        config: Option<PathBuf>,
        /// Only this source.
        #[arg(long)]
        source: Option<String>,
        /// Ignore the last datestamp and harvest everything again.
        #[arg(long)]
        full: bool,
    },
    /// Rebuilds the search index from the store (run it while the server is stopped).
    Reindex {
        /// Configuration file (default: the embedded demo configuration).
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
}

fn load_config(path: Option<&PathBuf>) -> anyhow::Result<Config> {
    match path {
        Some(path) => Config::load(path)
            .with_context(|| format!("cannot load configuration {}", path.display())),
        None => Config::embedded_default().context("the embedded default configuration is invalid"),
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tantivy=warn,sled=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Runs the command line; the exit code says whether it succeeded.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { config } => {
            let config = Arc::new(load_config(config.as_ref())?);
            runtime()?.block_on(serve(config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Harvest {
            config,
            source,
            full,
        } => {
            let config = Arc::new(load_config(config.as_ref())?);
            runtime()?.block_on(harvest(config, source, full))
        }
        Command::Reindex { config } => {
            let config = load_config(config.as_ref())?;
            let started = std::time::Instant::now();
            let indexed = indexer::rebuild_index(&config.data_dir, config.index.writer_heap_bytes)
                .context("reindex failed; the previous index is still in use")?;
            println!(
                "reindexed {indexed} records in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn serve(config: Arc<Config>) -> anyhow::Result<()> {
    let state = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || crate::app::open_state(config)).await??
    };
    let running = crate::app::start(state, true)?;
    println!("clearinghouse listening on http://{}", running.addr);
    shutdown_signal().await;
    tracing::info!("shutting down");
    running.stop().await;
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("can listen for SIGTERM");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn harvest(
    config: Arc<Config>,
    only: Option<String>,
    full: bool,
) -> anyhow::Result<ExitCode> {
    if let Some(id) = &only
        && config.source(id).is_none()
    {
        anyhow::bail!(
            "no source {id:?} is configured; configured: {}",
            config
                .sources
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let state = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || crate::app::open_state(config)).await??
    };
    let mut any_failed = false;
    for source in &config.sources {
        if only.as_deref().is_some_and(|id| id != source.id.as_str()) {
            continue;
        }
        println!(
            "harvesting {} ({}) from {}",
            source.id,
            source.fetch.protocol(),
            source.fetch.location()
        );
        let run = state.harvests.run(source.id.as_str(), full).await?;
        print_run(&run);
        any_failed |= run.outcome == RunOutcome::Failed;
    }
    Ok(if any_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_run(run: &HarvestRun) {
    let c = &run.counts;
    let seconds = run
        .finished_at
        .map(|end| (end - run.started_at).num_milliseconds() as f64 / 1000.0)
        .unwrap_or_default();
    println!(
        "  {:?}: {} pages, {} seen, {} added, {} updated, {} unchanged, {} deleted, {} failed in {:.1} s",
        run.outcome,
        run.pages,
        c.seen,
        c.added,
        c.updated,
        c.unchanged,
        c.deleted,
        c.failed,
        seconds
    );
    if let Some(size) = run.complete_list_size {
        println!("  the source advertised {size} records");
    }
    if let Some(message) = &run.message {
        println!("  {message}");
    }
    for error in &run.errors {
        println!(
            "  error: {}: {}",
            error.upstream_id.as_deref().unwrap_or("(no identifier)"),
            error.reason
        );
    }
}
