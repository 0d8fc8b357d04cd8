//! The processes the suite runs beside the clearinghouse: the Python baselines' virtual
//! environment, and the real server started and stopped.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bench::harness;

/// Creates `target/bench-venv` with the pinned requirements, once.
pub(crate) fn python_env(root: &Path) -> anyhow::Result<PathBuf> {
    let venv = root.join("target/bench-venv");
    let python = venv.join("bin/python");
    let marker = venv.join(".requirements-installed");
    let requirements = root.join("bench/python/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)?;
    if std::fs::read_to_string(&marker).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(python);
    }
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()?;
    anyhow::ensure!(status.success(), "python3 -m venv failed");
    let status = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
        .arg(&requirements)
        .status()?;
    anyhow::ensure!(
        status.success(),
        "pip install -r bench/python/requirements.txt failed"
    );
    std::fs::write(marker, wanted)?;
    Ok(python)
}

/// Spawns `clearinghouse serve`; returns it with the seconds to the first answer of a
/// static route and to `/health` 200.
pub(crate) fn start_server(
    binary: &Path,
    config: &str,
    work: &Path,
    addr: SocketAddr,
) -> anyhow::Result<(std::process::Child, f64, f64)> {
    let log = std::fs::File::create(work.join("serve.log"))?;
    let started = Instant::now();
    let mut child = Command::new(binary)
        .args(["serve", "--config", config])
        .current_dir(work)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()?;
    let deadline = started + Duration::from_secs(600);
    let mut first_answer = None;
    loop {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the server did not answer /health within 600 s"
        );
        if let Some(status) = child.try_wait()? {
            anyhow::bail!(
                "the server exited ({status}); see {}",
                work.join("serve.log").display()
            );
        }
        if first_answer.is_none()
            && matches!(
                harness::http_get(addr, "/oai/clearinghouse-json.xsd"),
                Ok((200, _))
            )
        {
            first_answer = Some(started.elapsed().as_secs_f64());
        }
        if first_answer.is_some() && matches!(harness::http_get(addr, "/health"), Ok((200, _))) {
            let to_health = started.elapsed().as_secs_f64();
            return Ok((child, to_health, first_answer.unwrap_or(to_health)));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// SIGTERM (a graceful stop: the server flushes), then waits.
pub(crate) fn stop_server(mut child: std::process::Child) -> anyhow::Result<()> {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    for _ in 0..300 {
        if child.try_wait()?.is_some() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill()?;
    child.wait()?;
    Ok(())
}
