//! Whether the clearinghouse may write now: free space on the file system of the data
//! directory, and the store's own state. Below the reserve (`server.min_free_disk_mb`)
//! the clearinghouse stops writing what can wait: harvests and recognition decisions are
//! refused in plain words and `/health` says `degraded`. Reading goes on, and writing
//! resumes by itself as soon as space is back: the space is read again at every write,
//! so there is nothing to reset.
//!
//! The store is never let run into a full disk, because a store that fails a write in
//! the middle stays failed until restarted; the reserve is also what a refusal still
//! needs: the record of the refused or stopped harvest. Should a write fail on disk all
//! the same (the reserve off or too small, another process filling the disk, a file size
//! limit), the store keeps that failure ([`store::WriteFailure`]) and every write after
//! it is refused with it in plain words, `/health` saying `degraded`, until restarted.

use std::path::{Path, PathBuf};

/// Watches the free space of one directory's file system against a reserve, and the
/// store for a write it failed.
#[derive(Clone)]
pub struct DiskGuard {
    dir: PathBuf,
    reserve_bytes: u64,
    store: Option<store::Store>,
}

impl std::fmt::Debug for DiskGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiskGuard")
            .field("dir", &self.dir)
            .field("reserve_bytes", &self.reserve_bytes)
            .finish_non_exhaustive()
    }
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

/// Why a write is refused now.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WritesPaused {
    /// The disk is nearly full; writing resumes by itself when space is back.
    #[error(transparent)]
    DiskNearlyFull(#[from] DiskNearlyFull),
    /// The store failed a write on disk and takes none until restarted.
    #[error("{0}")]
    StoreCannotWrite(store::WriteFailure),
}

impl DiskGuard {
    /// Watches the file system of `dir` for `reserve_mb` megabytes (0: never refuses).
    pub fn new(dir: &Path, reserve_mb: u64) -> DiskGuard {
        DiskGuard {
            dir: dir.to_path_buf(),
            reserve_bytes: reserve_mb.saturating_mul(MB),
            store: None,
        }
    }

    /// The same guard, also refusing once `store` failed a write on disk.
    pub fn watching(self, store: store::Store) -> DiskGuard {
        DiskGuard {
            store: Some(store),
            ..self
        }
    }

    /// The write the store failed on disk, if it did.
    pub fn store_failure(&self) -> Option<&store::WriteFailure> {
        self.store.as_ref().and_then(|store| store.write_failure())
    }

    /// Free space now; `None` when the check is off or the file system cannot say.
    pub fn space(&self) -> Option<Space> {
        if self.reserve_bytes == 0 {
            return None;
        }
        self.space_now()
    }

    /// Free space now, also when the reserve is 0 (the check off); `None` when the file
    /// system cannot say.
    pub fn space_now(&self) -> Option<Space> {
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

    /// `Ok` when a write may go ahead; the refusal, in plain words, when the store
    /// failed a write or the free space is below the reserve. A file system that cannot
    /// say is not a reason to refuse.
    pub fn writable(&self) -> Result<(), WritesPaused> {
        if let Some(failure) = self.store_failure() {
            return Err(WritesPaused::StoreCannotWrite(failure.clone()));
        }
        match self.space() {
            Some(space) if space.is_low() => Err(DiskNearlyFull(space).into()),
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
