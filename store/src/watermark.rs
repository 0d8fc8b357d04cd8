//! The store's own check that sled gave back everything written to it.
//!
//! When sled opens a store it reads its log back and stops at the first entry that fails
//! its checksum, taking it for a write cut short by a crash. A store whose files were
//! truncated or damaged at rest (a disk error, a bad copy, a file overwritten) therefore
//! opens without an error, with every change after the damage gone: a truncated demo
//! store opened with 174 of its 329 records, one with 50 bytes changed here and there
//! with 7, and nothing said so.
//!
//! So the store counts the batches it applies (`m:applied`, written in each batch) and,
//! once a batch is on disk, writes that count to a file beside sled's own
//! ([`WATERMARK_FILE`]). The file is written after sled's flush and not synced itself:
//! after a crash or a power cut it can be behind the store, never ahead of it. A store
//! that holds fewer batches than the file says lost writes that were acknowledged, and
//! [`Store::open`](crate::Store::open) refuses it with [`StoreError::Damaged`] before
//! anything is written to it. A file that cannot be read proves nothing: it is said in
//! the log and written anew.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use crate::StoreError;

/// The file in the store's directory holding the count of batches known to be on disk.
pub const WATERMARK_FILE: &str = "applied";

/// The count's width in the file: always the same bytes are overwritten, in place.
const WIDTH: usize = 20;

/// The open watermark file of a store opened for writing.
#[derive(Debug)]
pub(crate) struct Watermark {
    path: PathBuf,
    file: File,
}

impl Watermark {
    /// Checks that a store holding `applied` batches holds every batch the watermark file
    /// in `dir` counts, and opens that file for [`Watermark::advance`].
    pub(crate) fn check(dir: &Path, applied: u64) -> Result<Watermark, StoreError> {
        let path = dir.join(WATERMARK_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => match text.trim().parse::<u64>() {
                Ok(written) if written > applied => {
                    return Err(StoreError::Damaged {
                        dir: dir.to_path_buf(),
                        holds: applied,
                        written,
                    });
                }
                Ok(_) => {}
                Err(_) => tracing::warn!(
                    path = %path.display(),
                    "the store's count of batches on disk cannot be read; it is written anew \
                     and the store cannot be checked against it this time"
                ),
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(StoreError::Io(err)),
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        let watermark = Watermark { path, file };
        watermark.advance(applied);
        Ok(watermark)
    }

    /// Records that `applied` batches are on disk. A failure is logged, not returned:
    /// the batch is safe, and a watermark behind the store only checks less.
    pub(crate) fn advance(&self, applied: u64) {
        let text = format!("{applied:0WIDTH$}\n");
        if let Err(err) = self.file.write_all_at(text.as_bytes(), 0) {
            tracing::warn!(
                path = %self.path.display(),
                error = %err,
                "cannot write the store's count of batches on disk"
            );
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests apply batches to a store of their own, without an indexer"
)]
mod tests {
    use super::*;
    use crate::Store;

    fn apply_empty_batches(store: &Store, n: usize) {
        for i in 0..n {
            let mut batch = store.batch();
            batch.put_checkpoint(
                &model::SourceId::parse("s").unwrap(),
                &model::Checkpoint {
                    etag: Some(format!("t{i}")),
                    ..Default::default()
                },
            );
            store.apply(batch).unwrap();
        }
    }

    #[test]
    fn the_watermark_follows_the_batches_applied_and_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        apply_empty_batches(&store, 3);
        assert_eq!(store.applied().unwrap(), 3);
        let text = std::fs::read_to_string(dir.path().join(WATERMARK_FILE)).unwrap();
        assert_eq!(text, format!("{:020}\n", 3));
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        apply_empty_batches(&store, 1);
        assert_eq!(store.applied().unwrap(), 4);
    }

    #[test]
    fn a_store_holding_fewer_batches_than_were_written_is_refused_in_plain_words() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        apply_empty_batches(&store, 2);
        drop(store);
        // As if the last three batches had been lost from sled's log.
        std::fs::write(dir.path().join(WATERMARK_FILE), format!("{:020}\n", 5)).unwrap();
        let err = Store::open(dir.path()).map(|_| ()).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Damaged {
                    holds: 2,
                    written: 5,
                    ..
                }
            ),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.contains("is damaged"), "{message}");
        assert!(message.contains("the last 3"), "{message}");
        assert!(message.contains("clearinghouse restore"), "{message}");
        // Refused before anything was written: the file still says 5.
        let text = std::fs::read_to_string(dir.path().join(WATERMARK_FILE)).unwrap();
        assert_eq!(text.trim(), "00000000000000000005");
    }

    #[test]
    fn a_watermark_behind_the_store_or_unreadable_is_not_damage() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        apply_empty_batches(&store, 4);
        drop(store);
        // Behind: a crash after sled's flush and before the file was written.
        std::fs::write(dir.path().join(WATERMARK_FILE), "2\n").unwrap();
        let store = Store::open(dir.path()).unwrap();
        drop(store);
        std::fs::write(dir.path().join(WATERMARK_FILE), "garbage").unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(WATERMARK_FILE))
                .unwrap()
                .trim(),
            "00000000000000000004"
        );
        drop(store);
        std::fs::remove_file(dir.path().join(WATERMARK_FILE)).unwrap();
        Store::open(dir.path()).unwrap();
    }

    #[test]
    fn a_store_truncated_at_rest_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // Enough batches that sled's log spans more than its first segment.
        let source = model::SourceId::parse("s").unwrap();
        for i in 0..400 {
            let mut batch = store.batch();
            batch.put_checkpoint(
                &source,
                &model::Checkpoint {
                    etag: Some(format!("{i}-{}", "x".repeat(4000))),
                    ..Default::default()
                },
            );
            store.apply(batch).unwrap();
        }
        drop(store);
        // Sled lets go of the files a moment after the store is dropped.
        std::thread::sleep(std::time::Duration::from_millis(200));
        let db = dir.path().join("db");
        let size = std::fs::metadata(&db).unwrap().len();
        let file = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        file.set_len(size / 2).unwrap();
        drop(file);
        let err = Store::open(dir.path()).map(|_| ()).unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    }
}
