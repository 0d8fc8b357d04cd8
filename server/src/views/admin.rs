//! What the operator's endpoints answer: a backup taken.

use std::path::PathBuf;

use serde::Serialize;

/// `POST /api/v1/admin/backup`: a backup taken.
#[derive(Debug, Serialize)]
pub struct BackupView {
    /// Where it is.
    pub dir: PathBuf,
    /// Store entries copied.
    pub entries: u64,
    /// The store's last sequence number at the time of the backup.
    pub last_seq: u64,
    /// When it was taken (RFC 3339).
    pub created_at: String,
}

impl BackupView {
    /// The view of a backup's manifest.
    pub fn new(dir: PathBuf, manifest: &store::BackupManifest) -> BackupView {
        BackupView {
            dir,
            entries: manifest.entries,
            last_seq: manifest.last_seq,
            created_at: manifest.created_at.clone(),
        }
    }
}
