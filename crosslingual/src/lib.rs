//! `crosslingual/`: here is a credential in any EU language; which records of an
//! institution read the same in another language?
//!
//! Words and character n-grams compare text in one language; across languages they find
//! nothing (a Swedish title and its English version share no word) or mislead (cognates
//! of unrelated words). This crate bridges languages with a multilingual sentence encoder
//! (multilingual-E5-small, 4-bit, run in process by the [`embed`] crate):
//!
//! - **What is embedded** ([`text_of`]): a record's title and the opening of its
//!   description ([`DESCRIPTION_OPENING`] characters), in the language it has most text
//!   in. A title alone loses what the description says; a whole description costs ten
//!   times as much for little more.
//! - **When** ([`enrich`]): off the harvest's path. A thread follows the store's change
//!   log behind the writer, embeds what changed, and hands the vectors, the sums of each
//!   language's vectors and its cursor to the writer in one batch: a crash loses nothing,
//!   a restart resumes, and the backlog is visible ([`Status`]).
//! - **How they are compared** ([`Table`]): an encoder prefers text in the query's own
//!   language (measured on a real catalogue whose "English" side is 11 % Finnish text),
//!   so each record's catalogue mean (its source's records in its language) is
//!   subtracted before the cosine. A catalogue's mean is shrunk towards its language's
//!   mean, the language's (the running sums the enrichment keeps in the store) towards
//!   the mean of all languages, while they have few records ([`MEAN_PSEUDO_COUNT`]).
//!
//! Without a model file (none is shipped: see the README's step that fetches it), the
//! bridge is off: nothing is embedded, every lookup is what it was, and [`Status`] says
//! why.
//!
//! The bridge also holds the **bilingual dictionaries** into English ([`dictionary`]),
//! read in the background from the folder the configuration names: a lookup translates
//! a credential held in another language into English, finds candidates with the
//! translation, and weighs the translation's similarity by how much of the text the
//! dictionary covered. They work with or without the model; without them (none is
//! shipped either) the bridge says why.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use model::Credential;

pub mod dictionary;
pub mod enrich;
mod table;

pub use dictionary::{Dictionaries, Translation};
pub use table::{QueryVector, Table};

/// Characters of the description embedded after the title.
pub const DESCRIPTION_OPENING: usize = 300;

/// Records a language's mean counts as, taken from the mean of all languages: a language
/// of a handful of records is centred mostly by the common mean (its own mean would
/// subtract most of each of its few vectors).
pub const MEAN_PSEUDO_COUNT: f64 = 20.0;

/// Errors of the bridge.
#[derive(Debug, thiserror::Error)]
pub enum BridgeError {
    /// The model file cannot be read or is not a model.
    #[error("cannot load the multilingual model {path}: {reason}")]
    Model {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// The encoder and the name its vectors are stored under.
#[derive(Debug)]
pub struct Encoder {
    model: embed::Model,
    name: String,
    path: PathBuf,
}

impl Encoder {
    /// Loads the model file at `path`. Its vectors are stored under a name that includes
    /// a hash of the file, so that another model's vectors are never compared with its.
    pub fn load(path: &Path) -> Result<Encoder, BridgeError> {
        let error = |reason: String| BridgeError::Model {
            path: path.to_owned(),
            reason,
        };
        let bytes = std::fs::read(path).map_err(|e| error(e.to_string()))?;
        let model = embed::Model::from_bytes(&bytes)
            .map_err(|e| error(e.to_string()))?
            .with_threads(1)
            .map_err(|e| error(e.to_string()))?;
        let hash = blake3::hash(&bytes).to_hex();
        Ok(Encoder {
            model,
            name: format!("multilingual-e5-small-q4 {}", &hash[..16]),
            path: path.to_owned(),
        })
    }

    /// The name vectors of this model are stored under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The model file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes of memory the loaded model holds.
    pub fn heap_bytes(&self) -> usize {
        self.model.heap_bytes()
    }

    /// The normalised vector of `text`.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.model.embed(text)
    }
}

/// What of a credential is embedded, and in which language.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The primary language subtag (`und` when not known).
    pub lang: String,
    /// Title and the opening of the description.
    pub text: String,
    /// A hash of `text` and `lang`.
    pub hash: u64,
}

/// The text of `credential` to embed: its title and the opening of its description in
/// the language it has most text in (`None` without a title or description).
pub fn text_of(credential: &Credential) -> Option<Text> {
    let tag = main_language(credential)?;
    let title = credential
        .title
        .0
        .get(tag)
        .map_or("", String::as_str)
        .trim();
    let description = credential
        .description
        .0
        .get(tag)
        .map_or("", String::as_str)
        .trim();
    let opening = opening_of(description, DESCRIPTION_OPENING);
    let text = match (title.is_empty(), opening.is_empty()) {
        (false, false) => format!("{title}. {opening}"),
        (false, true) => title.to_owned(),
        (true, false) => opening.to_owned(),
        (true, true) => return None,
    };
    let lang = tag.primary().to_owned();
    let mut hasher = blake3::Hasher::new();
    hasher.update(lang.as_bytes());
    hasher.update(&[0]);
    hasher.update(text.as_bytes());
    let hash = u64::from_be_bytes(
        hasher.finalize().as_bytes()[..8]
            .try_into()
            .unwrap_or_default(),
    );
    Some(Text { lang, text, hash })
}

/// The language a credential has most title and description text in.
pub fn main_language(credential: &Credential) -> Option<&model::LangTag> {
    let mut best: Option<(&model::LangTag, usize)> = None;
    for tag in credential
        .title
        .languages()
        .chain(credential.description.languages())
    {
        let length = credential.title.0.get(tag).map_or(0, String::len)
            + credential.description.0.get(tag).map_or(0, String::len);
        if best.is_none_or(|(_, longest)| length > longest) {
            best = Some((tag, length));
        }
    }
    best.map(|(tag, _)| tag)
}

/// The first `max` characters of `text`, cut at a space when there is one in the last
/// fifth.
fn opening_of(text: &str, max: usize) -> &str {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = &text[..end];
    match head.rfind(char::is_whitespace) {
        Some(space) if space >= end * 4 / 5 => head[..space].trim_end(),
        _ => head,
    }
}

/// How the bridge stands, for `/health` and the sources page.
#[derive(Debug, Default)]
pub struct Status {
    /// Change-log entries the enrichment has not read yet.
    pub backlog: AtomicU64,
    /// Records embedded since start.
    pub embedded: AtomicU64,
    /// Microseconds spent embedding since start.
    pub embedding_micros: AtomicU64,
    /// The last failure of the enrichment, if its last step failed.
    pub failure: std::sync::Mutex<Option<String>>,
}

/// The bridge between languages: the encoder (if a model is configured and loads), the
/// vectors in memory and how the enrichment stands.
#[derive(Debug)]
pub struct Bridge {
    encoder: Option<Arc<Encoder>>,
    /// Why there is no encoder.
    off_because: Option<String>,
    table: Table,
    status: Status,
    /// Held by the step of the enrichment in progress: two steps at once would both
    /// count the same records into the language sums.
    stepping: std::sync::Mutex<()>,
    /// The folder of the bilingual dictionaries, if one is configured.
    dictionaries_dir: Option<PathBuf>,
    /// The dictionaries, once read ([`Bridge::load_dictionaries`]).
    dictionaries: OnceLock<Dictionaries>,
}

impl Bridge {
    /// The bridge with the model at `model` (off, saying why, when `model` is `None` or
    /// does not load), its vectors read from `store`.
    pub fn open(model: Option<&Path>, store: &store::Store) -> Result<Bridge, BridgeError> {
        let (encoder, off_because) = match model {
            None => (
                None,
                Some("no multilingual model is configured ([multilingual] model)".to_owned()),
            ),
            Some(path) => match Encoder::load(path) {
                Ok(encoder) => (Some(Arc::new(encoder)), None),
                Err(error) => {
                    tracing::warn!(%error, "the bridge between languages is off");
                    (None, Some(error.to_string()))
                }
            },
        };
        let table = match &encoder {
            Some(encoder) => Table::load(store, encoder.name())?,
            None => Table::default(),
        };
        Ok(Bridge {
            encoder,
            off_because,
            table,
            status: Status::default(),
            stepping: std::sync::Mutex::default(),
            dictionaries_dir: None,
            dictionaries: OnceLock::from(Dictionaries::none()),
        })
    }

    /// A bridge that is off (tests, tools).
    pub fn off() -> Bridge {
        Bridge {
            encoder: None,
            off_because: Some("no multilingual model is configured".to_owned()),
            table: Table::default(),
            status: Status::default(),
            stepping: std::sync::Mutex::default(),
            dictionaries_dir: None,
            dictionaries: OnceLock::from(Dictionaries::none()),
        }
    }

    /// The bridge with the bilingual dictionaries of `dir` (none when `None`), read by
    /// [`Bridge::load_dictionaries`].
    pub fn with_dictionaries(mut self, dir: Option<&Path>) -> Bridge {
        self.dictionaries_dir = dir.map(Path::to_owned);
        self.dictionaries = OnceLock::new();
        if dir.is_none() {
            let _ = self.dictionaries.set(Dictionaries::none());
        }
        self
    }

    /// The bridge with dictionaries already read (tests, tools).
    pub fn with_loaded_dictionaries(mut self, dictionaries: Dictionaries) -> Bridge {
        self.dictionaries_dir = dictionaries.dir().map(Path::to_owned);
        self.dictionaries = OnceLock::from(dictionaries);
        self
    }

    /// Reads the dictionaries of the configured folder (a few seconds for all of
    /// Debian's; the server does it on a thread of its own, so that it starts at once).
    /// Called again, or while another thread reads them, it waits for them and returns.
    pub fn load_dictionaries(&self) -> &Dictionaries {
        self.dictionaries
            .get_or_init(|| match &self.dictionaries_dir {
                Some(dir) => Dictionaries::load(dir),
                None => Dictionaries::none(),
            })
    }

    /// The dictionaries, once read (`None` while they are being read).
    pub fn dictionaries(&self) -> Option<&Dictionaries> {
        self.dictionaries.get()
    }

    /// The folder of the dictionaries, if one is configured.
    pub fn dictionaries_dir(&self) -> Option<&Path> {
        self.dictionaries_dir.as_deref()
    }

    /// Whether the dictionaries of a configured folder are still being read.
    pub fn dictionaries_loading(&self) -> bool {
        self.dictionaries.get().is_none()
    }

    /// Why no dictionary is used (`None` when one is loaded, or while they are read).
    pub fn dictionaries_off_because(&self) -> Option<String> {
        self.dictionaries.get()?.off_because()
    }

    /// The encoder, when the bridge is on.
    pub fn encoder(&self) -> Option<&Arc<Encoder>> {
        self.encoder.as_ref()
    }

    /// Why the bridge is off (`None` when it is on).
    pub fn off_because(&self) -> Option<&str> {
        self.off_because.as_deref()
    }

    /// The vectors in memory.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// How the enrichment stands.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The vector of a stored record to look its equivalents up with: its stored vector,
    /// or (not embedded yet) its text embedded now. `None` when the bridge is off or the
    /// record has no text.
    pub fn query_for(&self, record: &model::StoredRecord) -> Option<QueryVector> {
        let encoder = self.encoder.as_ref()?;
        if let Some(query) = self.table.query_of(&record.id) {
            return Some(query);
        }
        let text = text_of(record.credential.as_ref()?)?;
        let vector = encoder.embed(&text.text);
        Some(self.table.query(&text.lang, &vector))
    }

    /// The query vector of `text` in `lang`, embedded now (`None` when the bridge is
    /// off).
    pub fn embed_query(&self, lang: &str, text: &str) -> Option<QueryVector> {
        let encoder = self.encoder.as_ref()?;
        Some(self.table.query(lang, &encoder.embed(text)))
    }

    /// The `k` records nearest to a search query by meaning, at least `min_similarity`
    /// (record, its language, similarity), most similar first; empty when the bridge is
    /// off. The query's language is not known: it is centred on the mean of all
    /// languages.
    pub fn nearby(
        &self,
        query: &str,
        k: usize,
        min_similarity: f64,
    ) -> Vec<(model::RecordId, String, f64)> {
        let Some(query) = self.embed_query("und", query) else {
            return Vec::new();
        };
        self.table
            .nearest(&query, None, k, None)
            .into_iter()
            .filter(|(_, similarity)| *similarity >= min_similarity)
            .filter_map(|(id, similarity)| {
                let lang = self.table.language_of(&id)?;
                Some((id, lang, similarity))
            })
            .collect()
    }

    /// Average milliseconds per record embedded since start.
    pub fn embedding_millis_per_record(&self) -> Option<f64> {
        let n = self.status.embedded.load(Ordering::Relaxed);
        (n > 0)
            .then(|| self.status.embedding_micros.load(Ordering::Relaxed) as f64 / n as f64 / 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_embedded_is_the_title_and_the_opening_of_the_description_in_the_language_with_most_text()
     {
        let mut credential = Credential::default();
        credential.title.insert("en", "Data science");
        credential.title.insert("fi", "Datatiede");
        credential.description.insert(
            "fi",
            &format!(
                "{} loppu",
                "Opiskelija oppii analysoimaan dataa. ".repeat(20)
            ),
        );
        let text = text_of(&credential).unwrap();
        assert_eq!(text.lang, "fi");
        assert!(
            text.text.starts_with("Datatiede. Opiskelija oppii"),
            "{}",
            text.text
        );
        assert!(!text.text.ends_with("loppu"));
        assert!(text.text.chars().count() <= "Datatiede. ".len() + DESCRIPTION_OPENING);
        assert!(!text.text.ends_with(' '));

        let mut other = credential.clone();
        other.title.insert("fi", "Datatiede II");
        assert_ne!(text_of(&other).unwrap().hash, text.hash);
        assert_eq!(text_of(&Credential::default()), None);
    }

    #[test]
    fn a_missing_or_damaged_model_turns_the_bridge_off_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let store = store::Store::open(&dir.path().join("store")).unwrap();
        let bridge = Bridge::open(None, &store).unwrap();
        assert!(bridge.encoder().is_none());
        assert!(
            bridge
                .off_because()
                .unwrap()
                .contains("[multilingual] model")
        );
        let bad = dir.path().join("model.bin");
        std::fs::write(&bad, b"not a model").unwrap();
        let bridge = Bridge::open(Some(&bad), &store).unwrap();
        assert!(bridge.encoder().is_none());
        assert!(
            bridge.off_because().unwrap().contains("model.bin"),
            "{:?}",
            bridge.off_because()
        );
        let missing = dir.path().join("nowhere.bin");
        let bridge = Bridge::open(Some(&missing), &store).unwrap();
        assert!(bridge.off_because().unwrap().contains("nowhere.bin"));
    }

    #[test]
    fn dictionaries_are_read_once_and_the_bridge_says_why_there_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let store = store::Store::open(&dir.path().join("store")).unwrap();
        let none = Bridge::open(None, &store).unwrap();
        assert!(
            none.dictionaries_off_because()
                .unwrap()
                .contains("[multilingual] dictionaries")
        );
        assert!(!none.dictionaries_loading());

        let folder = dir.path().join("dictionaries");
        dictionary::write_dictd(
            &folder,
            "freedict-fin-eng",
            &[("tiede", "tiede\nscience\n")],
            false,
        )
        .unwrap();
        let bridge = Bridge::open(None, &store)
            .unwrap()
            .with_dictionaries(Some(&folder));
        assert!(bridge.dictionaries_loading());
        assert_eq!(bridge.dictionaries_off_because(), None);
        assert!(bridge.dictionaries().is_none());
        let loaded = bridge.load_dictionaries();
        assert_eq!(loaded.loaded().len(), 1);
        assert_eq!(bridge.dictionaries_off_because(), None);
        assert!(!bridge.dictionaries_loading());
        assert_eq!(
            bridge
                .dictionaries()
                .unwrap()
                .translate("fi", "tiede")
                .unwrap()
                .text,
            "science"
        );

        let empty = Bridge::off().with_dictionaries(Some(&dir.path().join("nowhere")));
        empty.load_dictionaries();
        assert!(
            empty
                .dictionaries_off_because()
                .unwrap()
                .contains("does not exist")
        );
    }
}
