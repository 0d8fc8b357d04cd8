//! Credentials people upload on the pages ("the student brought a file"), held in memory
//! for the session that uploaded them, never written to the store.
//!
//! A file is read by the formats' own code ([`formats::detect::read_file`]); each
//! credential in it becomes an [`Upload`]: a record that is not in the store, under the
//! id `upload.…` derived from the SHA-256 of the file ([`model::RecordId::uploaded`]),
//! its awarding body marked as an unverified claim. The pages look it up, compare it and
//! decide about it as they do a harvested record ([`crate::pages::records::load`]); a
//! decision keeps the file's hash and claims ([`store::UploadedCredential`]), never the
//! file.
//!
//! Who holds an upload is a random id in the `ch_uploads` cookie (a signed-in officer
//! and an anonymous learner alike): another browser, even one that knows the id of the
//! upload, does not see it. The memory is bounded: at most [`MAX_PER_HOLDER`] credentials
//! per holder and [`MAX_HELD`] in all, of at most [`MAX_HELD_BYTES`] together (their
//! files' sizes), the least recently used going first; an upload unused for
//! [`HOLD_SECS`] is forgotten, and so is everything at a restart.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};
use model::{Format, RecordId, StoredRecord};
use sha2::{Digest, Sha256};
use store::UploadedCredential;

/// The cookie that names who holds uploads.
pub const HOLDER_COOKIE: &str = "ch_uploads";
/// How long an upload is held once unused, in seconds (the cookie lasts as long).
pub const HOLD_SECS: i64 = 2 * 3600;
/// Credentials one holder may have at once (a file may hold several; each counts).
pub const MAX_PER_HOLDER: usize = 8;
/// Credentials held at once, for everyone.
pub const MAX_HELD: usize = 256;
/// The files of the credentials held, at most, in bytes together (a credential read from
/// a file takes about as much memory as the file).
pub const MAX_HELD_BYTES: usize = 128 * 1024 * 1024;
/// Credentials read from one file at most: a catalogue is harvested, not uploaded.
pub const MAX_PER_FILE: usize = MAX_PER_HOLDER;

/// One credential read from an uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The credential as a record that is not in the store: id `upload.…`, source
    /// `upload`, format the one it was read as.
    pub record: StoredRecord,
    /// What a decision keeps of it.
    pub about: UploadedCredential,
    /// The file's name, as the browser sent it (none when pasted).
    pub file_name: Option<String>,
    /// The file's size in bytes.
    pub file_bytes: usize,
    /// How many credentials the file held.
    pub in_file: usize,
    /// What the file was read as, in words ("an Open Badges 3.0 credential").
    pub read_as: &'static str,
    /// When it was uploaded.
    pub uploaded_at: DateTime<Utc>,
}

/// `sha256-` and the hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256-{hex}")
}

/// The credentials of a file read as `read`, as uploads: each with its id (the file's
/// hash when it holds one credential, else the hash of the file's hash and the
/// credential's own id), its awarding body an unverified claim. At most
/// [`MAX_PER_FILE`]; `languages` choose the title and issuer a decision keeps.
pub fn uploads_of(
    bytes: &[u8],
    read: formats::detect::FileRead,
    file_name: Option<String>,
    languages: &[String],
    now: DateTime<Utc>,
) -> Vec<Upload> {
    let hash = content_hash(bytes);
    let file_hex = hash.trim_start_matches("sha256-").to_owned();
    let in_file = read.records.len();
    let read_as = read.claim.map_or_else(
        || formats::detect::describe(read.format),
        |claim| claim.what,
    );
    read.records
        .into_iter()
        .take(MAX_PER_FILE)
        .map(|parsed| {
            let id = if in_file == 1 {
                RecordId::uploaded(&file_hex)
            } else {
                let own = content_hash(format!("{file_hex}#{}", parsed.upstream_id).as_bytes());
                RecordId::uploaded(own.trim_start_matches("sha256-"))
            };
            let mut credential = parsed.credential;
            credential.assumed.unverified_awarding_body = true;
            let preferred: Vec<&str> = languages.iter().map(String::as_str).collect();
            let best = |text: &model::LangText| {
                text.best_with_lang(&preferred)
                    .map(|(_, value)| value.to_owned())
            };
            let about = UploadedCredential {
                content_hash: hash.clone(),
                upstream_id: parsed.upstream_id.clone(),
                title: best(&credential.title).unwrap_or_default(),
                claimed_issuer: best(&credential.awarding_body.name),
                format: read.format,
            };
            let record = StoredRecord {
                id,
                seq: 0,
                version: 1,
                deleted: false,
                credential: Some(credential),
                provenance: model::Provenance {
                    source_id: model::SourceId::parse(model::UPLOADED_SOURCE)
                        .expect("the reserved source id is well-formed"),
                    run_id: model::RunId(format!("upload@{}", now.timestamp_micros())),
                    upstream_id: parsed.upstream_id,
                    datestamp: parsed.datestamp,
                    harvested_at: now,
                    payload_hash: parsed.payload_hash,
                    format: read.format,
                    via: Vec::new(),
                },
                first_seen: now,
                updated_at: now,
            };
            Upload {
                record,
                about,
                file_name: file_name.clone(),
                file_bytes: bytes.len(),
                in_file,
                read_as,
                uploaded_at: now,
            }
        })
        .collect()
}

/// The uploads held, for every holder (one per server, in its state).
#[derive(Debug, Default)]
pub struct Uploads(Mutex<Vec<Entry>>);

#[derive(Debug)]
struct Entry {
    holder: String,
    upload: Arc<Upload>,
    /// When last uploaded or looked at (seconds since the epoch).
    last_used: i64,
}

impl Uploads {
    fn lock(&self) -> MutexGuard<'_, Vec<Entry>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Holds `uploads` for `holder` (replacing the same credentials uploaded again), then
    /// forgets what expired and, least recently used first, what is over the bounds.
    pub fn hold(&self, holder: &str, uploads: Vec<Upload>, now: i64) -> Vec<Arc<Upload>> {
        let mut entries = self.lock();
        let held: Vec<Arc<Upload>> = uploads.into_iter().map(Arc::new).collect();
        entries.retain(|entry| {
            !(entry.holder == holder
                && held
                    .iter()
                    .any(|upload| upload.record.id == entry.upload.record.id))
        });
        for upload in &held {
            entries.push(Entry {
                holder: holder.to_owned(),
                upload: upload.clone(),
                last_used: now,
            });
        }
        Self::bound(&mut entries, holder, now);
        held
    }

    fn bound(entries: &mut Vec<Entry>, holder: &str, now: i64) {
        entries.retain(|entry| now - entry.last_used < HOLD_SECS);
        // Oldest first, so that what goes is at the front.
        entries.sort_by_key(|entry| entry.last_used);
        while entries
            .iter()
            .filter(|entry| entry.holder == holder)
            .count()
            > MAX_PER_HOLDER
        {
            if let Some(oldest) = entries.iter().position(|entry| entry.holder == holder) {
                entries.remove(oldest);
            }
        }
        let bytes = |entries: &Vec<Entry>| -> usize {
            entries.iter().map(|entry| entry.upload.file_bytes).sum()
        };
        while entries.len() > MAX_HELD || (entries.len() > 1 && bytes(entries) > MAX_HELD_BYTES) {
            entries.remove(0);
        }
    }

    /// The upload `id` held for `holder`, if it still is (looking at it keeps it).
    pub fn get(&self, holder: &str, id: &RecordId, now: i64) -> Option<Arc<Upload>> {
        let mut entries = self.lock();
        let entry = entries.iter_mut().find(|entry| {
            entry.holder == holder
                && entry.upload.record.id == *id
                && now - entry.last_used < HOLD_SECS
        })?;
        entry.last_used = now;
        Some(entry.upload.clone())
    }

    /// Everything held for `holder`, most recent first.
    pub fn held_by(&self, holder: &str, now: i64) -> Vec<Arc<Upload>> {
        let entries = self.lock();
        let mut held: Vec<(i64, Arc<Upload>)> = entries
            .iter()
            .filter(|entry| entry.holder == holder && now - entry.last_used < HOLD_SECS)
            .map(|entry| (entry.last_used, entry.upload.clone()))
            .collect();
        held.sort_by_key(|(last_used, _)| std::cmp::Reverse(*last_used));
        held.into_iter().map(|(_, upload)| upload).collect()
    }

    /// Forgets everything `holder` uploaded (on sign-out, or when asked).
    pub fn forget(&self, holder: &str) {
        self.lock().retain(|entry| entry.holder != holder);
    }

    /// How many credentials are held, for everyone.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The format a person chose on the form (`auto`: none).
pub fn chosen_format(value: &str) -> Option<Format> {
    formats::detect::FILE_FORMATS
        .into_iter()
        .find(|format| format.as_str() == value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(title: &str, file_bytes: usize) -> Upload {
        let text = format!(r#"{{"id":"{title}","title":{{"en":"{title}"}}}}"#);
        let read =
            formats::detect::read_file(text.as_bytes(), &model::ParseLimits::default(), None)
                .unwrap();
        let mut uploads = uploads_of(text.as_bytes(), read, None, &["en".to_owned()], Utc::now());
        let mut upload = uploads.remove(0);
        upload.file_bytes = file_bytes;
        upload
    }

    #[test]
    fn an_upload_is_a_record_under_its_files_hash_with_a_claimed_issuer() {
        let text = br#"{"id":"x","title":{"en":"Marine biology"},"awarding_body":{"name":{"en":"Uni Z"}}}"#;
        let read = formats::detect::read_file(text, &model::ParseLimits::default(), None).unwrap();
        let upload = uploads_of(text, read, Some("x.json".into()), &[], Utc::now()).remove(0);
        let hash = content_hash(text);
        assert!(hash.starts_with("sha256-") && hash.len() == 7 + 64);
        assert_eq!(upload.about.content_hash, hash);
        assert_eq!(upload.record.id, RecordId::uploaded(&hash[7..]));
        assert!(upload.record.id.is_uploaded());
        assert_eq!(upload.about.title, "Marine biology");
        assert_eq!(upload.about.claimed_issuer.as_deref(), Some("Uni Z"));
        assert!(
            upload
                .record
                .credential
                .as_ref()
                .unwrap()
                .assumed
                .unverified_awarding_body
        );
    }

    #[test]
    fn uploads_are_seen_only_by_their_holder_and_forgotten_when_unused() {
        let uploads = Uploads::default();
        let a = upload("a", 10);
        let id = a.record.id.clone();
        uploads.hold("me", vec![a], 1_000);
        assert!(uploads.get("someone-else", &id, 1_001).is_none());
        assert!(uploads.get("me", &id, 1_000 + HOLD_SECS - 1).is_some());
        // Looking at it kept it.
        assert!(uploads.get("me", &id, 1_000 + 2 * HOLD_SECS - 2).is_some());
        assert!(uploads.get("me", &id, 1_000 + 4 * HOLD_SECS).is_none());
        uploads.forget("me");
        assert!(uploads.is_empty());
    }

    #[test]
    fn the_least_recently_used_go_beyond_the_bounds() {
        let uploads = Uploads::default();
        for i in 0..MAX_PER_HOLDER + 2 {
            uploads.hold("me", vec![upload(&format!("t{i}"), 10)], i as i64);
        }
        let held = uploads.held_by("me", 100);
        assert_eq!(held.len(), MAX_PER_HOLDER);
        assert_eq!(held[0].about.title, format!("t{}", MAX_PER_HOLDER + 1));
        assert!(
            !held
                .iter()
                .any(|u| u.about.title == "t0" || u.about.title == "t1")
        );
        // Uploading the same file again replaces it.
        uploads.hold("me", vec![upload("t5", 10)], 101);
        assert_eq!(uploads.held_by("me", 102).len(), MAX_PER_HOLDER);
        // Everyone's together: the bytes.
        uploads.hold("big", vec![upload("huge", MAX_HELD_BYTES)], 200);
        assert_eq!(uploads.len(), 1, "the oldest went to make room");
        for i in 0..MAX_HELD + 5 {
            uploads.hold(&format!("h{i}"), vec![upload("x", 1)], 300 + i as i64);
        }
        assert_eq!(uploads.len(), MAX_HELD);
    }
}
