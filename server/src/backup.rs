//! Backup and restore of a data directory: the sled store (through the writer thread, so
//! that the copy is consistent while the server serves) and the OAI-PMH token key. The
//! search index is not copied: it is rebuilt from the store at the first start.
//!
//! A running server holds sled's lock on the store, so `clearinghouse backup` asks it to
//! take the backup (`POST /api/v1/admin/backup` with an admin token from
//! `CLEARINGHOUSE_ADMIN_TOKEN`); with the server stopped it opens the store itself.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use indexer::Indexer;
use store::BackupManifest;

/// The files of a data directory that a backup keeps besides the store.
const KEPT_FILES: &[&str] = &["oai-token.key"];

/// Backs up the store of the running `indexer` (and the files beside it in `data_dir`)
/// into `backup_dir`, which must be absolute and new or empty.
pub async fn backup(
    indexer: &Indexer,
    data_dir: &Path,
    backup_dir: &Path,
) -> anyhow::Result<BackupManifest> {
    anyhow::ensure!(
        backup_dir.is_absolute(),
        "the backup directory must be an absolute path, not {}",
        backup_dir.display()
    );
    create_private_dir(backup_dir)
        .with_context(|| format!("cannot create {}", backup_dir.display()))?;
    let target = backup_dir.to_path_buf();
    let manifest = indexer
        .with_writes_paused(move |store| store::backup_store(store, &target))
        .await??;
    copy_kept_files(data_dir, backup_dir)?;
    make_private(backup_dir)?;
    tracing::info!(
        dir = %backup_dir.display(),
        entries = manifest.entries,
        last_seq = manifest.last_seq,
        "backup taken"
    );
    Ok(manifest)
}

/// `dir` (absolute, or relative to `root`) as a directory inside `root`, the backup
/// directory: no `..`, and no symbolic link out of it (the deepest existing ancestor is
/// resolved). `root` is created (readable by this user only) when missing. The reason in
/// plain words otherwise.
pub fn under(root: &Path, dir: &Path) -> Result<PathBuf, String> {
    use std::path::Component;
    if dir
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::CurDir))
    {
        return Err(format!(
            "`dir` must not contain `.` or `..`: {}",
            dir.display()
        ));
    }
    let root = &std::path::absolute(root)
        .map_err(|err| format!("cannot read the backup directory {}: {err}", root.display()))?;
    let wanted = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        root.join(dir)
    };
    let outside = || {
        format!(
            "backups are written only under {} (the configuration's `server.backup_dir`); \
             give a directory name there, not {}",
            root.display(),
            dir.display()
        )
    };
    if !wanted.starts_with(root) || wanted == *root {
        return Err(outside());
    }
    create_private_dir(root).map_err(|err| {
        format!(
            "cannot create the backup directory {}: {err}",
            root.display()
        )
    })?;
    let real_root = root
        .canonicalize()
        .map_err(|err| format!("cannot read the backup directory {}: {err}", root.display()))?;
    // The deepest ancestor that exists, resolved, must still lie in the root.
    let mut existing = wanted.as_path();
    while !existing.exists() {
        existing = existing.parent().unwrap_or(root);
    }
    let real = existing
        .canonicalize()
        .map_err(|err| format!("cannot read {}: {err}", existing.display()))?;
    if !real.starts_with(&real_root) {
        return Err(outside());
    }
    Ok(wanted)
}

/// Creates `dir` (and its parents) readable by this user only, or leaves it as it is.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Makes every file under `dir` readable and writable by this user only (`0600`, folders
/// `0700`): a backup holds every decision, private ones included, and the token key.
fn make_private(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let metadata = std::fs::symlink_metadata(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?;
        if metadata.is_dir() {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
            for entry in std::fs::read_dir(dir)? {
                make_private(&entry?.path())?;
            }
        } else if metadata.is_file() {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Backs up a data directory whose store no server holds.
pub fn backup_offline(data_dir: &Path, backup_dir: &Path) -> anyhow::Result<BackupManifest> {
    let store = store::Store::open(&data_dir.join(store::STORE_DIR))
        .with_context(|| format!("cannot open the store in {}", data_dir.display()))?;
    create_private_dir(backup_dir)
        .with_context(|| format!("cannot create {}", backup_dir.display()))?;
    let manifest = store::backup_store(&store, backup_dir)?;
    copy_kept_files(data_dir, backup_dir)?;
    make_private(backup_dir)?;
    Ok(manifest)
}

/// Restores `backup_dir` into `data_dir`, which must be new or empty.
pub fn restore(backup_dir: &Path, data_dir: &Path) -> anyhow::Result<BackupManifest> {
    let manifest = store::restore_store(backup_dir, data_dir)?;
    copy_kept_files(backup_dir, data_dir)?;
    Ok(manifest)
}

fn copy_kept_files(from: &Path, to: &Path) -> anyhow::Result<()> {
    for name in KEPT_FILES {
        let source = from.join(name);
        if source.is_file() {
            std::fs::copy(&source, to.join(name))
                .with_context(|| format!("cannot copy {}", source.display()))?;
        }
    }
    Ok(())
}

/// Asks the server at `addr` to back up into `backup_dir` with the admin `token`: a
/// plain HTTP/1.1 request over loopback, answered with the manifest as JSON.
pub fn backup_through_server(
    addr: std::net::SocketAddr,
    token: &str,
    backup_dir: &Path,
) -> anyhow::Result<String> {
    let addr = if addr.ip().is_unspecified() {
        std::net::SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port())
    } else {
        addr
    };
    let body = serde_json::json!({ "dir": backup_dir }).to_string();
    let mut stream = std::net::TcpStream::connect(addr)
        .with_context(|| format!("cannot reach the server at {addr}"))?;
    write!(
        stream,
        "POST /api/v1/admin/backup HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response.split_whitespace().nth(1).unwrap_or_default();
    let answer = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    anyhow::ensure!(
        status == "200",
        "the server refused the backup: {status} {answer}"
    );
    Ok(answer)
}

/// The absolute form of `dir`, relative to the working directory.
pub fn absolute(dir: &Path) -> anyhow::Result<PathBuf> {
    Ok(std::path::absolute(dir)?)
}
