//! Free space on the file system of the data directory. Below the reserve
//! (`server.min_free_disk_mb`) the clearinghouse stops writing what can wait: harvests
//! and recognition decisions are refused in plain words and `/health` says `degraded`.
//! Reading goes on, and writing resumes by itself as soon as space is back: the space is
//! read again at every write, so there is nothing to reset.
//!
//! The store is never let run into a full disk, because a store that fails a write in
//! the middle stays failed until restarted; the reserve is also what a refusal still
//! needs: the record of the refused or stopped harvest.

use std::path::{Path, PathBuf};

/// Watches the free space of one directory's file system against a reserve.
#[derive(Debug, Clone)]
pub struct DiskGuard {
    dir: PathBuf,
    reserve_bytes: u64,
}

/// Free space and the reserve, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Space {
    /// Bytes an unprivileged process may still write.
    pub available: u64,
    /// Bytes kept free.
    pub reserve: u64,
}

impl Space {
    /// Whether writing must wait.
    pub fn is_low(&self) -> bool {
        self.available < self.reserve
    }
}

/// Why a write was refused: the disk is nearly full.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "the disk holding the clearinghouse's data is nearly full ({} MB free, {} MB kept in \
     reserve): harvests and recording decisions are paused until space is freed, and \
     resume by themselves then",
    .0.available / MB,
    .0.reserve / MB
)]
pub struct DiskNearlyFull(pub Space);

const MB: u64 = 1024 * 1024;

impl DiskGuard {
    /// Watches the file system of `dir` for `reserve_mb` megabytes (0: never refuses).
    pub fn new(dir: &Path, reserve_mb: u64) -> DiskGuard {
        DiskGuard {
            dir: dir.to_path_buf(),
            reserve_bytes: reserve_mb.saturating_mul(MB),
        }
    }

    /// Free space now; `None` when the check is off or the file system cannot say.
    pub fn space(&self) -> Option<Space> {
        if self.reserve_bytes == 0 {
            return None;
        }
        match rustix::fs::statvfs(&self.dir) {
            Ok(stats) => Some(Space {
                available: stats.f_bavail.saturating_mul(stats.f_frsize),
                reserve: self.reserve_bytes,
            }),
            Err(err) => {
                tracing::warn!(dir = %self.dir.display(), error = %err, "cannot read the free space");
                None
            }
        }
    }

    /// `Ok` when a write may go ahead; the refusal, in plain words, when the free space
    /// is below the reserve. A file system that cannot say is not a reason to refuse.
    pub fn writable(&self) -> Result<(), DiskNearlyFull> {
        match self.space() {
            Some(space) if space.is_low() => Err(DiskNearlyFull(space)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reserve_above_the_free_space_refuses_and_zero_never_does() {
        let dir = tempfile::tempdir().unwrap();
        let off = DiskGuard::new(dir.path(), 0);
        assert_eq!(off.space(), None);
        assert!(off.writable().is_ok());

        let small = DiskGuard::new(dir.path(), 1);
        let space = small.space().unwrap();
        assert!(space.available > 0 && space.reserve == MB);
        assert!(small.writable().is_ok());

        // More than any disk this runs on has free.
        let huge = DiskGuard::new(dir.path(), u64::MAX / MB);
        let refusal = huge.writable().unwrap_err().to_string();
        assert!(refusal.contains("nearly full"), "{refusal}");
        assert!(refusal.contains("resume by themselves"), "{refusal}");
    }
}
