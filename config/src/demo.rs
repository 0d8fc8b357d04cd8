//! The bundled demo network: its feeds, recorded decisions and a later feed update,
//! compiled into the binary with the embedded configuration ([`crate::EMBEDDED_DEFAULT`]).
//!
//! When the demo starts, [`write_feeds`] puts its feeds under the data directory, where
//! the embedded configuration's `file` sources read them: a copied or installed binary
//! runs the demo anywhere and writes nowhere but its data directory. The server records
//! [`DECISIONS`] once the feeds are harvested, then harvests [`UPDATES`], which change a
//! credential one decision relies on, so that the demo also shows a decision at risk.
//! The demo officer signs in with [`OFFICER_TOKEN`], public by design: a configuration
//! that is not the demo refuses that token.

use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The folder under the data directory where the demo feeds are written.
pub const FEEDS_DIR: &str = "demo-feeds";

/// The demo feeds: file name and bytes, as the repository's `demo/feeds/` holds them.
pub const FEEDS: &[(&str, &[u8])] = &[
    (
        "demo-tu.json",
        include_bytes!("../../demo/feeds/demo-tu.json"),
    ),
    (
        "demo-lyon.jsonl",
        include_bytes!("../../demo/feeds/demo-lyon.jsonl"),
    ),
    (
        "demo-krakow-oai_dc.xml",
        include_bytes!("../../demo/feeds/demo-krakow-oai_dc.xml"),
    ),
    (
        "demo-madrid-elm.jsonld",
        include_bytes!("../../demo/feeds/demo-madrid-elm.jsonld"),
    ),
    (
        "demo-bologna-ewp.xml",
        include_bytes!("../../demo/feeds/demo-bologna-ewp.xml"),
    ),
    (
        "demo-helsinki-badges.json",
        include_bytes!("../../demo/feeds/demo-helsinki-badges.json"),
    ),
    (
        "demo-dublin-xcri.xml",
        include_bytes!("../../demo/feeds/demo-dublin-xcri.xml"),
    ),
    (
        "demo-utrecht-elm.jsonld",
        include_bytes!("../../demo/feeds/demo-utrecht-elm.jsonld"),
    ),
];

/// The demo's recorded recognition decisions (`demo/decisions.json`).
pub const DECISIONS: &str = include_str!("../../demo/decisions.json");

/// Later versions of demo feeds (source id, feed file name, bytes), harvested after
/// [`DECISIONS`] are recorded: one changes a credential a decision relies on.
pub const UPDATES: &[(&str, &str, &[u8])] = &[(
    "demo-madrid",
    "demo-madrid-elm.jsonld",
    include_bytes!("../../demo/updates/demo-madrid.jsonld"),
)];

/// The file that says the updates were applied (the demo was set up).
const UPDATED_MARKER: &str = ".updated";

/// The demo officer's sign-in token (of the first institution of the demo). Public: it is
/// printed when the demo starts and written in the README.
pub const OFFICER_TOKEN: &str = "demo-tu-officer";

/// The SHA-256 of [`OFFICER_TOKEN`], as a configuration states it.
pub fn officer_token_sha256() -> [u8; 32] {
    Sha256::digest(OFFICER_TOKEN.as_bytes()).into()
}

/// Writes the demo feeds into `data_dir/demo-feeds/` (each file only if its bytes
/// differ; once the demo is set up, the updated versions) and returns that folder.
pub fn write_feeds(data_dir: &Path) -> io::Result<PathBuf> {
    let dir = data_dir.join(FEEDS_DIR);
    let updated = dir.join(UPDATED_MARKER).exists();
    let files = FEEDS.iter().map(|(name, bytes)| {
        let update = UPDATES
            .iter()
            .find(|(_, updated_name, _)| updated_name == name)
            .filter(|_| updated);
        (*name, update.map_or(*bytes, |(_, _, bytes)| *bytes))
    });
    write_files(&dir, files)
}

/// Replaces the updated demo feeds by their later versions, for good, and returns the
/// ids of the sources to harvest again.
pub fn write_updates(data_dir: &Path) -> io::Result<Vec<&'static str>> {
    let dir = data_dir.join(FEEDS_DIR);
    write_files(&dir, UPDATES.iter().map(|(_, name, bytes)| (*name, *bytes)))?;
    std::fs::write(
        dir.join(UPDATED_MARKER),
        b"the demo's feed updates are applied\n",
    )?;
    Ok(UPDATES.iter().map(|(source, _, _)| *source).collect())
}

fn write_files<'a>(
    dir: &Path,
    files: impl Iterator<Item = (&'a str, &'a [u8])>,
) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in files {
        let path = dir.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(bytes) {
            std::fs::write(&path, bytes)?;
        }
    }
    Ok(dir.to_path_buf())
}
