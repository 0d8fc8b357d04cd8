//! `backup/`: here is a store, give me a copy I can restore, taken while it is in use.
//!
//! A backup is a directory holding a fresh sled store (`store/`) with every key of the
//! live one, and a manifest (`BACKUP.json`: format, entry count, last sequence number,
//! time). [`backup_store`] copies the tree entry by entry; to be consistent it must run
//! while nothing writes, which the indexer's `Indexer::with_writes_paused` ensures on the
//! writer thread (the only writer of records, decisions and checkpoints): every page and
//! decision acknowledged before the backup is in it, whole, and none after it.
//!
//! The search index is not backed up: it is derived from the store and rebuilt from it
//! (at the first start after a [`restore_store`], the index is missing and the change log
//! is replayed from the beginning).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{Store, StoreError};

/// The manifest file of a backup directory.
pub const MANIFEST_FILE: &str = "BACKUP.json";

/// The store directory inside a backup (and inside a data directory).
pub const STORE_DIR: &str = "store";

/// Entries copied per sled batch.
const BATCH_ENTRIES: usize = 10_000;

/// What a backup holds, written beside it as [`MANIFEST_FILE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupManifest {
    /// The backup layout version (1).
    pub format: u32,
    /// Keys copied.
    pub entries: u64,
    /// The store's last change-log sequence number at the time of the backup.
    pub last_seq: u64,
    /// When the backup was taken (RFC 3339).
    pub created_at: String,
}

/// Copies every entry of `store` into a new store in `backup_dir/store` and writes the
/// manifest. `backup_dir` must not exist or be empty. Blocking; for a store in use, call
/// it through the indexer's `Indexer::with_writes_paused`.
pub fn backup_store(store: &Store, backup_dir: &Path) -> Result<BackupManifest, StoreError> {
    ensure_empty_dir(backup_dir)?;
    let copy = Store::open_as_is(&backup_dir.join(STORE_DIR))?;
    let entries = copy_tree(store.tree(), copy.tree())?;
    copy.flush()?;
    let manifest = BackupManifest {
        format: 1,
        entries,
        last_seq: store.last_seq()?,
        created_at: chrono::Utc::now().to_rfc3339(),
    };
    let text = serde_json::to_vec_pretty(&manifest)
        .map_err(|err| StoreError::Corrupt(format!("manifest does not encode: {err}")))?;
    write_synced(&backup_dir.join(MANIFEST_FILE), &text)?;
    Ok(manifest)
}

/// Restores the backup in `backup_dir` into `data_dir/store`. `data_dir` must not exist
/// or be empty, so that nothing is overwritten; the copy is checked against the
/// manifest's entry count. Blocking.
pub fn restore_store(backup_dir: &Path, data_dir: &Path) -> Result<BackupManifest, StoreError> {
    let manifest = read_manifest(backup_dir)?;
    ensure_empty_dir(data_dir)?;
    // Copied as they are: a backup of an earlier layout is upgraded when the restored
    // store is next opened, and the count of entries stays the manifest's.
    let backup = Store::open_as_is(&backup_dir.join(STORE_DIR))?;
    let restored = Store::open_as_is(&data_dir.join(STORE_DIR))?;
    let entries = copy_tree(backup.tree(), restored.tree())?;
    restored.flush()?;
    if entries != manifest.entries {
        return Err(StoreError::Corrupt(format!(
            "the backup in {} holds {entries} entries, its manifest says {}; it is incomplete",
            backup_dir.display(),
            manifest.entries
        )));
    }
    Ok(manifest)
}

/// Reads the manifest of the backup in `backup_dir`.
pub fn read_manifest(backup_dir: &Path) -> Result<BackupManifest, StoreError> {
    let path = backup_dir.join(MANIFEST_FILE);
    let text = std::fs::read(&path).map_err(|err| {
        std::io::Error::new(
            err.kind(),
            format!(
                "{} is not a backup (cannot read {MANIFEST_FILE}: {err})",
                backup_dir.display()
            ),
        )
    })?;
    serde_json::from_slice(&text)
        .map_err(|err| StoreError::Corrupt(format!("{} does not decode: {err}", path.display())))
}

/// Whether the store in `data_dir` is held open by another process (a running server
/// holds sled's lock on it).
pub fn store_in_use(data_dir: &Path) -> bool {
    let path = data_dir.join(STORE_DIR);
    if !path.exists() {
        return false;
    }
    match Store::try_open_as_is(&path) {
        Ok(_) => false,
        Err(err) => crate::lock_held(&err),
    }
}

/// Refuses a directory that exists and holds anything; creates it otherwise.
pub fn ensure_empty_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(StoreError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "{} is not empty; give a new or empty directory, nothing is overwritten",
                dir.display()
            ),
        )));
    }
    std::fs::create_dir_all(dir)?;
    Ok(())
}

#[expect(
    clippy::disallowed_methods,
    reason = "a backup copies every entry into a new store, and a restore into an empty one"
)]
fn copy_tree(from: &sled::Tree, to: &sled::Tree) -> Result<u64, StoreError> {
    let mut entries: u64 = 0;
    let mut batch = sled::Batch::default();
    let mut in_batch = 0;
    for entry in from.iter() {
        let (key, value) = entry?;
        batch.insert(key, value);
        in_batch += 1;
        entries += 1;
        if in_batch == BATCH_ENTRIES {
            to.apply_batch(std::mem::take(&mut batch))?;
            in_batch = 0;
        }
    }
    to.apply_batch(batch)?;
    Ok(entries)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "tests write stores of earlier layouts and damaged ones directly"
)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_restores_every_entry_and_refuses_to_overwrite() {
        let live = tempfile::tempdir().unwrap();
        let store = Store::open(&live.path().join("store")).unwrap();
        for i in 0..25_000u32 {
            store
                .tree()
                .insert(format!("x:{i:06}"), i.to_be_bytes().to_vec())
                .unwrap();
        }
        let backup = tempfile::tempdir().unwrap();
        let manifest = backup_store(&store, backup.path()).unwrap();
        // The entries written and the store's layout.
        assert_eq!(manifest.entries, 25_001);
        assert!(backup_store(&store, backup.path()).is_err(), "not empty");

        let restored_dir = tempfile::tempdir().unwrap();
        restore_store(backup.path(), restored_dir.path()).unwrap();
        let restored = Store::open(&restored_dir.path().join("store")).unwrap();
        let original: Vec<_> = store.tree().iter().map(Result::unwrap).collect();
        let copy: Vec<_> = restored.tree().iter().map(Result::unwrap).collect();
        assert_eq!(original, copy);
        drop(restored);
        let err = restore_store(backup.path(), restored_dir.path()).unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        // The live store is open here: in use; once dropped (and let go), not.
        assert!(store_in_use(live.path()));
        drop(store);
        let let_go = (0..50).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(20));
            !store_in_use(live.path())
        });
        assert!(let_go, "the store is still held after a second");
        let not_a_backup = restore_store(live.path(), tempfile::tempdir().unwrap().path());
        assert!(
            not_a_backup
                .unwrap_err()
                .to_string()
                .contains("is not a backup")
        );
    }
}
