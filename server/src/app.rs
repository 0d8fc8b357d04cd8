//! Builds the shared state and the HTTP server. `serve` and the end-to-end tests use the
//! same [`start`], so the tests run the real thing on port 0.

use std::net::TcpListener;

use actix_web::{App, HttpServer, web};

use crate::routes;
pub use crate::state::{AppState, open_state};

/// Registers every route.
pub fn configure(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        cfg.configure(crate::middleware::body_limits(&state.config.server));
        cfg.app_data(web::Data::new(state))
            .app_data(web::QueryConfig::default().error_handler(|err, _| {
                crate::error::ApiError::bad_parameter("query", err.to_string()).into()
            }))
            .configure(routes::configure);
    }
}

/// A server running in the background.
pub struct RunningServer {
    /// The address it listens on (the real port when asked for port 0).
    pub addr: std::net::SocketAddr,
    /// The state it serves.
    pub state: AppState,
    handle: actix_web::dev::ServerHandle,
    serving: tokio::task::JoinHandle<std::io::Result<()>>,
    scheduler: Option<tokio::task::JoinHandle<()>>,
}

impl RunningServer {
    /// Stops accepting requests, waits for those in flight and stops the scheduler.
    pub async fn stop(self) {
        if let Some(scheduler) = &self.scheduler {
            scheduler.abort();
        }
        self.handle.stop(true).await;
        let _ = self.serving.await;
    }
}

/// Binds the configured address and starts serving (and, with `schedule`, harvesting on
/// the sources' schedules). Must run inside a tokio runtime (actix's or tokio's).
pub fn start(state: AppState, schedule: bool) -> anyhow::Result<RunningServer> {
    let listener = bind(state.config.server.listen)?;
    start_on(listener, state, schedule)
}

/// Listens on `addr`; a busy port or an address that is not this machine's is said in
/// plain words, with what to do.
pub fn bind(addr: std::net::SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr).map_err(|err| match err.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "cannot listen on {addr}: another program is already listening on port {port} \
             (perhaps another clearinghouse); stop it, or choose another address with \
             --listen 127.0.0.1:{next}",
            port = addr.port(),
            next = addr.port().wrapping_add(1).max(1024)
        ),
        std::io::ErrorKind::AddrNotAvailable => anyhow::anyhow!(
            "cannot listen on {addr}: that address is not one of this machine's; choose \
             another with --listen, e.g. --listen 127.0.0.1:{port}",
            port = addr.port()
        ),
        std::io::ErrorKind::PermissionDenied => anyhow::anyhow!(
            "cannot listen on {addr}: ports below 1024 need administrator rights; choose \
             another with --listen, e.g. --listen 127.0.0.1:8080"
        ),
        _ => anyhow::Error::new(err).context(format!("cannot listen on {addr}")),
    })
}

/// Starts serving on `listener` (and, with `schedule`, harvesting on the sources'
/// schedules). Must run inside a tokio runtime (actix's or tokio's).
pub fn start_on(
    listener: TcpListener,
    state: AppState,
    schedule: bool,
) -> anyhow::Result<RunningServer> {
    let addr = listener.local_addr()?;
    let workers = state
        .config
        .server
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let app_state = state.clone();
    let limits = web::Data::new(crate::middleware::Limits::new(&state.config.server));
    // The last `wrap` is the outermost: security headers go on every answer, refusals
    // of the limits included.
    let server = HttpServer::new(move || {
        App::new()
            .app_data(limits.clone())
            .wrap(actix_web::middleware::from_fn(
                crate::pages::i18n::choose_language,
            ))
            .wrap(actix_web::middleware::from_fn(crate::middleware::limit))
            .wrap(crate::middleware::security_headers())
            .configure(configure(app_state.clone()))
    })
    .workers(workers)
    .disable_signals()
    .listen(listener)?
    .run();
    let handle = server.handle();
    let serving = tokio::spawn(server);
    let scheduler = schedule.then(|| {
        let harvest_now = state.config.harvest.harvest_on_start;
        state.harvests.spawn_scheduler(harvest_now)
    });
    tracing::info!(%addr, "clearinghouse listening");
    Ok(RunningServer {
        addr,
        state,
        handle,
        serving,
        scheduler,
    })
}
