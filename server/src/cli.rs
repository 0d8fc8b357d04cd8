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
    /// Where the store and the search index live (default: the configuration's
    /// `data_dir`; for the bundled demo, `data/` under the current directory).
    #[arg(
        long,
        global = true,
        env = "CLEARINGHOUSE_DATA_DIR",
        value_name = "DIR"
    )]
    data_dir: Option<PathBuf>,
    /// The multilingual model file (`e5-small-q4.bin`, fetched by
    /// `embed/fetch-model.sh`) that bridges languages (default: the configuration's
    /// `[multilingual] model`; without one the bridge is off).
    #[arg(long, global = true, env = "CLEARINGHOUSE_MODEL", value_name = "FILE")]
    model: Option<PathBuf>,
    /// The folder of the bilingual dictionaries into English (FreeDict's
    /// `freedict-XXX-eng.index` and `.dict.dz`, fetched by
    /// `crosslingual/fetch-dictionaries.sh`) (default: the configuration's
    /// `[multilingual] dictionaries`, else /usr/share/dictd where Debian's packages put
    /// them; without any the dictionaries are off).
    #[arg(
        long,
        global = true,
        env = "CLEARINGHOUSE_DICTIONARIES",
        value_name = "DIR"
    )]
    dictionaries: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the HTTP server and the scheduled harvests.
    Serve {
        /// Configuration file (default: the embedded demo configuration).
        #[arg(long, short)]
        config: Option<PathBuf>,
        /// Address and port to listen on (default: the configuration's
        /// `server.listen`, 127.0.0.1:8080 for the demo); port 0 picks a free one.
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
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
    /// Checks a feed file (or, with --url, a live endpoint) before publishing it: each
    /// record is an error (it or a mandatory element cannot be read), a warning (a
    /// mandatory Annex I element not stated) or fine, and so is the feed. Exit codes: 0
    /// fine or warnings only; 1 errors, or warnings with --strict; 2 the check could not
    /// run (a file that cannot be opened, an endpoint that cannot be fetched, bad
    /// arguments).
    Validate {
        /// The feed file (not with --url).
        #[arg(required_unless_present = "url")]
        file: Option<PathBuf>,
        /// Its format: oai_dc, clearinghouse-json, elm, ewp, open-badges, ctdl, xcri-cap, elmo.
        #[arg(long, short)]
        format: String,
        /// Print the report as JSON, for machines.
        #[arg(long)]
        json: bool,
        /// Warnings (mandatory elements not stated) fail the check too (exit code 1).
        #[arg(long)]
        strict: bool,
        /// A live endpoint to check instead of a file, fetched as a harvest fetches it
        /// (the same limits and address restrictions; nothing is stored).
        #[arg(long, conflicts_with = "file")]
        url: Option<String>,
        /// With --url: `http` (one document) or `oai-pmh`.
        #[arg(long, default_value = "http", requires = "url")]
        protocol: String,
        /// With --url and oai-pmh: the metadataPrefix to ask for (default oai_dc).
        #[arg(long, requires = "url")]
        metadata_prefix: Option<String>,
        /// With --url and oai-pmh: only this set.
        #[arg(long, requires = "url")]
        set: Option<String>,
        /// With --url: the configuration whose harvest settings apply (limits, private
        /// addresses); default: the embedded one.
        #[arg(long, short, requires = "url")]
        config: Option<PathBuf>,
    },
    /// Backs up the store (and the OAI-PMH token key) into DIR, new or empty. While the
    /// server runs, it takes the backup (consistent, while serving): give an admin token
    /// in CLEARINGHOUSE_ADMIN_TOKEN. The search index is not copied; it is rebuilt.
    Backup {
        /// Where the backup goes.
        dir: PathBuf,
        /// Configuration file (default: the embedded demo configuration).
        #[arg(long, short)]
        config: Option<PathBuf>,
        /// An admin token, used only if the server is running.
        #[arg(long, env = "CLEARINGHOUSE_ADMIN_TOKEN", hide_env_values = true)]
        admin_token: Option<String>,
    },
    /// Restores a backup from DIR into the configured data directory, which must be new
    /// or empty (server stopped); the search index is rebuilt at the next start.
    Restore {
        /// The backup.
        dir: PathBuf,
        /// Configuration file (default: the embedded demo configuration).
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
    /// Rebuilds the search index from the store (run it while the server is stopped).
    Reindex {
        /// Configuration file (default: the embedded demo configuration).
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
}

/// The configuration of a command, with the command line's overrides; a file that cannot
/// be read or is not valid is said in plain words with what to do.
fn load_config(path: Option<&PathBuf>, overrides: &config::Overrides) -> anyhow::Result<Config> {
    let config =
        Config::for_command(path.map(PathBuf::as_path), overrides).map_err(|err| {
            match (&err, path) {
                (config::ConfigError::Read { source, .. }, Some(path)) => {
                    let why = match source.kind() {
                        std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
                        std::io::ErrorKind::PermissionDenied => {
                            "this user may not read it".to_owned()
                        }
                        _ => source.to_string(),
                    };
                    anyhow::anyhow!(
                        "cannot read the configuration file {}: {why}. Give an existing file \
                     with --config, or leave --config out to run the bundled demo",
                        path.display()
                    )
                }
                (_, Some(path)) => anyhow::anyhow!(
                    "the configuration file {} is not valid: {err}",
                    path.display()
                ),
                (_, None) => anyhow::anyhow!("the embedded demo configuration is not valid: {err}"),
            }
        })?;
    Ok(config)
}

/// For the bundled demo, writes its feeds into the data directory (after the checks that
/// may refuse the command, which change nothing there).
fn write_demo_feeds(config: &Config) -> anyhow::Result<()> {
    if config.demo {
        config::demo::write_feeds(&config.data_dir).with_context(|| {
            format!(
                "cannot write the demo feeds into {}",
                config.data_dir.display()
            )
        })?;
    }
    Ok(())
}

/// Refuses a data directory another clearinghouse holds, naming its process where it can,
/// before anything in it is changed.
fn ensure_data_dir_free(config: &Config) -> anyhow::Result<()> {
    if !store::store_in_use(&config.data_dir) {
        return Ok(());
    }
    let holder = std::fs::read_to_string(config.data_dir.join(PID_FILE))
        .ok()
        .and_then(|text| text.trim().parse::<u32>().ok())
        .map(|pid| format!(" (process {pid})"))
        .unwrap_or_default();
    anyhow::bail!(
        "the data directory {} is in use by another clearinghouse{holder}; stop that one \
         first, or give this one another directory with --data-dir",
        config.data_dir.display()
    )
}

/// The file in the data directory that names the process serving it.
const PID_FILE: &str = "clearinghouse.pid";

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tantivy=warn,sled=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
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
    let mut overrides = config::Overrides {
        data_dir: cli.data_dir,
        listen: None,
        model: cli.model,
        dictionaries: cli.dictionaries,
    };
    match cli.command {
        Command::Serve { config, listen } => {
            overrides.listen = listen;
            let config = Arc::new(load_config(config.as_ref(), &overrides)?);
            runtime()?.block_on(serve(config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Harvest {
            config,
            source,
            full,
        } => {
            let config = Arc::new(load_config(config.as_ref(), &overrides)?);
            ensure_data_dir_free(&config)?;
            write_demo_feeds(&config)?;
            runtime()?.block_on(harvest(config, source, full))
        }
        Command::Validate {
            file,
            format,
            json,
            strict,
            url,
            protocol,
            metadata_prefix,
            set,
            config,
        } => {
            // The check could not run: said in plain words, exit code 2.
            let cannot = |message: String| {
                eprintln!("error: {message}");
                Ok(ExitCode::from(2))
            };
            let Some(format) = model::Format::parse(&format) else {
                return cannot(format!(
                    "unknown format {format:?}; allowed: {}",
                    model::Format::names()
                ));
            };
            let (report, note) = match (file, url) {
                (Some(file), _) => match std::fs::read(&file) {
                    Ok(bytes) => (
                        formats::conformance::validate_document(format, &bytes),
                        None,
                    ),
                    Err(err) => return cannot(format!("cannot read {}: {err}", file.display())),
                },
                (None, Some(url)) => {
                    let config = load_config(config.as_ref(), &overrides)?;
                    let url = match url::Url::parse(&url) {
                        Ok(url) => url,
                        Err(err) => return cannot(format!("{url:?} is not a URL: {err}")),
                    };
                    let fetch = match protocol.as_str() {
                        "http" => config::Fetch::Http { url },
                        "oai-pmh" => config::Fetch::OaiPmh {
                            url,
                            metadata_prefix: metadata_prefix.unwrap_or_else(|| "oai_dc".to_owned()),
                            set,
                        },
                        other => {
                            return cannot(format!(
                                "--protocol {other:?}: a live endpoint is checked over http or oai-pmh"
                            ));
                        }
                    };
                    match runtime()?.block_on(crate::validate::endpoint(
                        &config.harvest,
                        fetch,
                        format,
                    )) {
                        Ok(checked) => checked,
                        Err(message) => {
                            return cannot(format!("the endpoint cannot be checked: {message}"));
                        }
                    }
                }
                (None, None) => return cannot("give a feed file or --url".to_owned()),
            };
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&crate::views::ValidationReportView::new(
                        &report
                    ))?
                );
            } else {
                if let Some(note) = note {
                    println!("Note: {note}.");
                }
                print!("{}", report.render_text(strict));
            }
            Ok(if report.fails(strict) {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Backup {
            dir,
            config,
            admin_token,
        } => {
            let config = load_config(config.as_ref(), &overrides)?;
            let dir = crate::backup::absolute(&dir)?;
            if store::store_in_use(&config.data_dir) {
                let token = admin_token.context(
                    "the server is running and holds the store: set CLEARINGHOUSE_ADMIN_TOKEN \
                     to an admin token so that it takes the backup",
                )?;
                let answer =
                    crate::backup::backup_through_server(config.server.listen, &token, &dir)?;
                println!(
                    "backup taken by the running server into {}: {answer}",
                    dir.display()
                );
            } else {
                let manifest = crate::backup::backup_offline(&config.data_dir, &dir)?;
                println!(
                    "backup of {} entries (last change {}) in {}",
                    manifest.entries,
                    manifest.last_seq,
                    dir.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { dir, config } => {
            let config = load_config(config.as_ref(), &overrides)?;
            ensure_data_dir_free(&config)?;
            let manifest =
                crate::backup::restore(&dir, &config.data_dir).context("restore failed")?;
            println!(
                "restored {} entries (last change {}, backup of {}) into {}; the search index \
                 is rebuilt at the next start",
                manifest.entries,
                manifest.last_seq,
                manifest.created_at,
                config.data_dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Reindex { config } => {
            let config = load_config(config.as_ref(), &overrides)?;
            ensure_data_dir_free(&config)?;
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
    // Refused starts change nothing in the data directory: the checks come first.
    ensure_data_dir_free(&config)?;
    let listener = crate::app::bind(config.server.listen)?;
    write_demo_feeds(&config)?;
    let state = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || crate::app::open_state(config)).await??
    };
    let pid_file = config.data_dir.join(PID_FILE);
    let _ = std::fs::write(&pid_file, std::process::id().to_string());
    let seed_demo = config.demo && !crate::demo::seeded(&state)?;
    let watched = state.clone();
    let running = crate::app::start_on(listener, state.clone(), !seed_demo)?;
    println!("clearinghouse listening on http://{}", running.addr);
    if config.demo {
        println!(
            "demo: the bundled demo network; to try recording decisions, sign in at \
             http://{}/sign-in with the demo officer's token {}",
            running.addr,
            config::demo::OFFICER_TOKEN
        );
    }
    if seed_demo {
        // The demo sets itself up, then harvests on schedule; both end with the runtime.
        tokio::spawn(async move {
            if let Err(err) = crate::demo::seed(&state).await {
                tracing::error!(error = %format!("{err:#}"), "the demo could not be set up");
            }
            drop(state.harvests.spawn_scheduler(false));
        });
    }
    let start_again = tokio::select! {
        () = shutdown_signal() => false,
        () = store_can_write_again(&watched) => true,
    };
    tracing::info!("shutting down");
    running.stop().await;
    if start_again {
        // The same process, the same arguments: the store is opened anew (and checked),
        // the index replayed from it, and the same address bound again.
        tracing::warn!("the disk has room again: starting again to take writes");
        return Err(exec_self());
    }
    let _ = std::fs::remove_file(&pid_file);
    Ok(())
}

/// How often a server whose store failed a write on a full disk looks for room again.
const STORE_RECOVERY_CHECK: std::time::Duration = std::time::Duration::from_secs(5);

/// Free bytes a server whose store failed on a full disk waits for, at least, before it
/// starts again (besides the reserve): room for the store's next segments and the
/// index's next commit, so that the new start does not fail as the last write did.
const ROOM_TO_START_AGAIN: u64 = 8 * 1024 * 1024;

/// Resolves once the store failed a write because the disk was full and the disk has
/// room again (above the reserve, `server.min_free_disk_mb`, and [`ROOM_TO_START_AGAIN`]). Sled takes no write after
/// a failed one until the store is opened again, so the server then starts anew. A
/// failure of another kind (an I/O error, a file size limit) waits for the operator:
/// nothing here can tell that its cause is gone, and a start that failed would leave
/// nothing serving.
async fn store_can_write_again(state: &crate::state::AppState) {
    loop {
        tokio::time::sleep(STORE_RECOVERY_CHECK).await;
        let guard = state.harvests.disk();
        let room = guard
            .space_now()
            .is_some_and(|space| !space.is_low() && space.available >= ROOM_TO_START_AGAIN);
        if guard
            .store_failure()
            .is_some_and(|failure| failure.disk_full)
            && room
        {
            return;
        }
    }
}

/// Replaces this process with a new run of the same program and arguments; returns
/// only if that could not be done.
fn exec_self() -> anyhow::Error {
    use std::os::unix::process::CommandExt;
    let program = match std::env::current_exe() {
        Ok(program) => program,
        Err(err) => {
            return anyhow::anyhow!(
                "cannot find this program to start it again ({err}); start the clearinghouse \
                 again by hand"
            );
        }
    };
    let err = std::process::Command::new(program)
        .args(std::env::args_os().skip(1))
        .exec();
    anyhow::anyhow!("cannot start again ({err}); start the clearinghouse again by hand")
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
        let (observer, bar) = progress_observer();
        let run = state
            .harvests
            .run_observed(source.id.as_str(), full, Some(observer))
            .await?;
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        print_run(&run);
        any_failed |= run.outcome == RunOutcome::Failed;
    }
    // A failed harvest's webhook notice is retried for up to 15 s: not cut short.
    state.harvests.notices_settled().await;
    Ok(if any_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on a terminal (a bar when the source advertised its size, a spinner
/// otherwise); a plain line per page when the output is not a terminal.
fn progress_observer() -> (
    crate::pipeline::ProgressObserver,
    Option<indicatif::ProgressBar>,
) {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        let observer = std::sync::Arc::new(|progress: crate::pipeline::Progress| {
            println!(
                "  page {}: {} records{}{}",
                progress.pages,
                progress.seen,
                progress
                    .complete_list_size
                    .map(|size| format!(" of {size}"))
                    .unwrap_or_default(),
                if progress.failed > 0 {
                    format!(", {} failed", progress.failed)
                } else {
                    String::new()
                }
            );
        });
        return (observer, None);
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "  {spinner} {msg} [{elapsed_precise}] {wide_bar} {pos}/{len}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let for_observer = bar.clone();
    let observer = std::sync::Arc::new(move |progress: crate::pipeline::Progress| {
        if let Some(size) = progress.complete_list_size {
            for_observer.set_length(size);
        }
        for_observer.set_position(progress.seen);
        for_observer.set_message(format!(
            "page {}, {} failed",
            progress.pages, progress.failed
        ));
    });
    (observer, Some(bar))
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
