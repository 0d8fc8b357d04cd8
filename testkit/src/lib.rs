//! Fixtures for the workspace's tests, in one place: the project's own, and the opt-in to
//! the real feeds published by others.
//!
//! - **Own fixtures** ([`own`], [`own_path`], [`own_files`]) are small files written for
//!   the project and committed in each crate's `testdata/` folder. Behaviour tests read
//!   only these, so `cargo test --workspace` passes on a fresh clone.
//! - **Real feeds** ([`shared`], [`shared_fixtures_dir`], [`shared_fixture`]) live outside
//!   the repository, in the shared folder (`fixtures/`, `eval/`), and are never copied in.
//!   Tests whose point is a real feed (golden files, fuzzing of real responses,
//!   assertions about one real file) run only when [`SHARED_DIR_VARIABLE`] names that
//!   folder; CI (`.ci/run`) sets it to `../shared`. A relative path is taken from the
//!   repository root, whatever folder a test binary runs in.
//!
//! With the variable set, a missing folder (or a folder without `fixtures/`) fails every
//! test that asks for it, saying what is missing and what to do. Without it, those tests
//! return at once and their test binary says so once on stderr (written past libtest's
//! output capture, so that it shows even when every test passes).
//!
//! A dev-only leaf: it depends on nothing of ours and on no other crate.
//!
//! ```no_run
//! // A behaviour test reads its crate's own fixture (`<crate>/testdata/...`):
//! let page = testkit::own(env!("CARGO_MANIFEST_DIR"), "oai-pmh/list-records-page1.xml");
//! assert!(page.starts_with(b"<?xml"));
//!
//! // A test of a real feed runs only when the shared folder was opted in.
//! let Some(capture) = testkit::shared_fixture("oai-pmh/oaipmh-sickle-Identify.xml") else {
//!     return;
//! };
//! assert!(!capture.is_empty());
//! ```

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Once;

/// The environment variable naming the shared folder of real feeds (`../shared` in CI).
pub const SHARED_DIR_VARIABLE: &str = "CLEARINGHOUSE_SHARED_DIR";

/// The repository root: the folder this crate's folder lies in.
fn repository_root() -> PathBuf {
    let testkit_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    testkit_dir.parent().unwrap_or(testkit_dir).to_path_buf()
}

/// The path of one of the project's own fixtures: `<crate_dir>/testdata/<relative>`.
/// Pass `env!("CARGO_MANIFEST_DIR")` as `crate_dir`.
pub fn own_path(crate_dir: &str, relative: &str) -> PathBuf {
    Path::new(crate_dir).join("testdata").join(relative)
}

/// Reads one of the project's own fixtures, `<crate_dir>/testdata/<relative>`.
///
/// # Panics
///
/// When the file cannot be read: own fixtures are committed with the crate, so a missing
/// one is a mistake in the test or the checkout.
pub fn own(crate_dir: &str, relative: &str) -> Vec<u8> {
    let path = own_path(crate_dir, relative);
    std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read the project's fixture {}: {err}; own fixtures are committed in the \
             crate's testdata/ folder",
            path.display()
        )
    })
}

/// Every file under `<crate_dir>/testdata/<relative_dir>`, in its sub-folders too, sorted.
///
/// # Panics
///
/// When the folder cannot be read or holds no file.
pub fn own_files(crate_dir: &str, relative_dir: &str) -> Vec<PathBuf> {
    let dir = own_path(crate_dir, relative_dir);
    let files = files_under(&dir);
    assert!(
        !files.is_empty(),
        "the project's fixture folder {} is missing or empty",
        dir.display()
    );
    files
}

/// Every file under `dir`, in its sub-folders too, sorted; none if it cannot be read.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    files
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// The folder [`SHARED_DIR_VARIABLE`] names, if it is set and not empty, resolved against
/// the repository root; not checked, and nothing is said when it is not set. For test
/// set-ups that merely allow the folder (a configuration's file roots); a test that reads
/// from it asks [`shared`].
pub fn shared_opt_in() -> Option<PathBuf> {
    resolve(std::env::var_os(SHARED_DIR_VARIABLE))
}

/// The folder a setting of [`SHARED_DIR_VARIABLE`] names: none if unset or empty, a
/// relative path taken from the repository root.
fn resolve(setting: Option<OsString>) -> Option<PathBuf> {
    let named = PathBuf::from(setting.filter(|value| !value.is_empty())?);
    Some(if named.is_absolute() {
        named
    } else {
        repository_root().join(named)
    })
}

/// The shared folder of real feeds, for a test that reads it: `Some` when
/// [`SHARED_DIR_VARIABLE`] names it, `None` when the variable is not set (the test then
/// returns; its binary says once that such tests were not run).
///
/// # Panics
///
/// When the variable is set but the folder or its `fixtures/` does not exist.
pub fn shared() -> Option<PathBuf> {
    let setting = std::env::var_os(SHARED_DIR_VARIABLE);
    let Some(dir) = resolve(setting.clone()) else {
        say_once_not_run();
        return None;
    };
    if let Err(problem) = check(&dir, &setting.unwrap_or_default()) {
        panic!("{problem}");
    }
    Some(dir)
}

/// Whether `dir`, named by the setting `setting`, is a shared folder of real feeds: what
/// is missing and what to do, if not.
fn check(dir: &Path, setting: &OsStr) -> Result<(), String> {
    if !dir.is_dir() {
        return Err(format!(
            "{SHARED_DIR_VARIABLE} is set to {setting:?}, but {} is not a folder: put a \
             checkout of the shared folder of real feeds there (CI expects it at ../shared, \
             beside the repository; a relative path is taken from the repository root), or \
             unset {SHARED_DIR_VARIABLE} to skip the tests of real feeds",
            dir.display()
        ));
    }
    if !dir.join("fixtures").is_dir() {
        return Err(format!(
            "{SHARED_DIR_VARIABLE} is set to {setting:?}, but {} has no fixtures/ folder: the \
             shared folder keeps the real feeds in fixtures/; update its checkout, or unset \
             {SHARED_DIR_VARIABLE} to skip the tests of real feeds",
            dir.display()
        ));
    }
    Ok(())
}

/// The real feeds, `<shared folder>/fixtures`, when opted in (see [`shared`]).
///
/// # Panics
///
/// As [`shared`].
pub fn shared_fixtures_dir() -> Option<PathBuf> {
    shared().map(|dir| dir.join("fixtures"))
}

/// Reads one real feed, `<shared folder>/fixtures/<relative>`, when opted in (see
/// [`shared`]).
///
/// # Panics
///
/// As [`shared`], and when the file is not in the shared folder.
pub fn shared_fixture(relative: &str) -> Option<Vec<u8>> {
    let path = shared_fixtures_dir()?.join(relative);
    let bytes = std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read the real feed {}: {err}; the shared folder named by \
             {SHARED_DIR_VARIABLE} lacks it: update its checkout",
            path.display()
        )
    });
    Some(bytes)
}

/// The notice of a test binary whose tests of real feeds return without running.
static NOT_RUN_NOTICE: Once = Once::new();

/// Says once per test binary that its tests of real feeds were not run. Written straight
/// to stderr: libtest captures `eprint!` of passing tests, not writes to the handle.
fn say_once_not_run() {
    NOT_RUN_NOTICE.call_once(|| {
        let notice = not_run_notice(&test_binary_name());
        let _ = std::io::stderr().write_all(notice.as_bytes());
    });
}

/// The notice, for the test binary of this name.
fn not_run_notice(binary: &str) -> String {
    format!(
        "note: the tests of real feeds from ../shared in {binary} were not run: \
         {SHARED_DIR_VARIABLE} is not set; set {SHARED_DIR_VARIABLE}=../shared (the shared \
         folder beside the repository) to run them\n"
    )
}

/// The running test binary's name without cargo's hash (`harvester`, `integration`).
fn test_binary_name() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|path| {
            path.file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
        })
        .map(|stem| match stem.rsplit_once('-') {
            Some((name, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => name.to_owned(),
            _ => stem,
        })
        .unwrap_or_else(|| "this test binary".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_fixtures_are_read_from_the_crate_testdata_folder() {
        let path = own_path("/repo/harvester", "oai-pmh/identify.xml");
        assert_eq!(
            path,
            Path::new("/repo/harvester/testdata/oai-pmh/identify.xml")
        );
        let missing = std::panic::catch_unwind(|| own("/nonexistent-crate", "x.xml"));
        let message = *missing.unwrap_err().downcast::<String>().unwrap();
        assert!(
            message.contains("/nonexistent-crate/testdata/x.xml")
                && message.contains("testdata/ folder"),
            "{message}"
        );
    }

    #[test]
    fn the_notice_names_the_binary_the_variable_and_what_to_do() {
        let notice = not_run_notice("harvester");
        assert!(
            notice.starts_with("note: the tests of real feeds"),
            "{notice}"
        );
        assert!(notice.contains(" in harvester were not run"), "{notice}");
        assert!(
            notice.contains("set CLEARINGHOUSE_SHARED_DIR=../shared"),
            "{notice}"
        );
        assert!(notice.ends_with('\n'));
        assert_eq!(test_binary_name(), "testkit");
    }

    #[test]
    fn the_repository_root_holds_the_workspace_manifest() {
        assert!(repository_root().join("Cargo.toml").is_file());
        assert!(repository_root().join("testkit").is_dir());
    }

    #[test]
    fn the_setting_is_resolved_from_the_repository_root() {
        assert_eq!(resolve(None), None);
        assert_eq!(resolve(Some(OsString::new())), None, "empty is unset");
        assert_eq!(
            resolve(Some("../shared".into())),
            Some(repository_root().join("../shared"))
        );
        assert_eq!(
            resolve(Some("/srv/shared".into())),
            Some(PathBuf::from("/srv/shared"))
        );
    }

    #[test]
    fn a_missing_folder_or_fixtures_folder_says_what_to_do() {
        let missing = Path::new("/nonexistent/shared");
        let problem = check(missing, OsStr::new("/nonexistent/shared")).unwrap_err();
        assert!(
            problem.starts_with("CLEARINGHOUSE_SHARED_DIR is set to \"/nonexistent/shared\"")
                && problem.contains("/nonexistent/shared is not a folder")
                && problem.contains("or unset CLEARINGHOUSE_SHARED_DIR"),
            "{problem}"
        );
        let empty = std::env::temp_dir().join(format!("testkit-shared-{}", std::process::id()));
        std::fs::create_dir_all(&empty).unwrap();
        let problem = check(&empty, empty.as_os_str()).unwrap_err();
        assert!(problem.contains("has no fixtures/ folder"), "{problem}");
        std::fs::create_dir_all(empty.join("fixtures")).unwrap();
        assert_eq!(check(&empty, empty.as_os_str()), Ok(()));
        std::fs::remove_dir_all(&empty).unwrap();
    }
}
