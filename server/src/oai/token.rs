//! Stateless resumption tokens: the query and the position reached, with the time of
//! issue, authenticated by a keyed BLAKE3 MAC.
//!
//! Nothing is kept on the server between pages, so a token stays valid across restarts
//! for as long as the key file in the data directory does, and expires
//! [`TOKEN_LIFETIME_SECS`] after it was issued. The position is the place of the last
//! record listed in the store's listings (its datestamp and latest change: records are
//! listed in the order of their datestamps, each once) or, past the records, the last
//! decision id listed; a record that changes while a client pages moves behind the
//! position and is listed again, so nothing is missed.
//!
//! The text is `v2.` followed by dot-separated fields and the MAC, all in `[0-9a-z.-]`,
//! so it needs no escaping in XML and survives any URL encoding. Tokens of version 1,
//! whose position was a sequence number of the change log, are still read
//! ([`Position::AfterSeq`]): a list asked before an upgrade goes on after it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use chrono::{DateTime, Utc};
use store::ListingKey;

use super::{ListVerb, MetadataFormat};

/// How long a token may be used after it was issued: a day.
pub const TOKEN_LIFETIME_SECS: i64 = 24 * 60 * 60;

/// The name of the key file in the data directory.
const KEY_FILE: &str = "oai-token.key";

/// Where a list continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// Records after this place in the store's listings (`None`: from the start).
    Records { after: Option<ListingKey> },
    /// Records changed after this store sequence number: the position of a token of
    /// version 1, read where it was issued.
    AfterSeq { after_seq: u64 },
    /// Decisions whose id sorts after this one (records are done).
    Decisions { after_id: String },
}

/// A decoded, authenticated resumption token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The verb it continues.
    pub verb: ListVerb,
    /// The format asked for.
    pub format: MetadataFormat,
    /// The set asked for.
    pub set: Option<String>,
    /// `from`, in seconds since the epoch.
    pub from: Option<i64>,
    /// `until`, in seconds since the epoch (inclusive).
    pub until: Option<i64>,
    /// Where the next page starts.
    pub position: Position,
    /// Items returned before the next page.
    pub cursor: u64,
    /// The size of the whole list when it was first asked for, if it was known.
    pub complete_list_size: Option<u64>,
    /// When the token was issued, in seconds since the epoch.
    pub issued_at: i64,
}

/// Why a token is refused (the message of the `badResumptionToken` error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not a token this repository issued, or altered.
    #[error("the resumption token was not issued by this repository or has been altered")]
    Forged,
    /// Issued too long ago.
    #[error("the resumption token expired at {0}; start the list again without a token")]
    Expired(String),
}

/// The secret that authenticates tokens.
#[derive(Clone)]
pub struct TokenKey([u8; 32]);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(..)")
    }
}

static KEYS: Mutex<Option<HashMap<PathBuf, TokenKey>>> = Mutex::new(None);

impl TokenKey {
    /// A key from bytes (for tests).
    pub fn from_bytes(bytes: [u8; 32]) -> TokenKey {
        TokenKey(bytes)
    }

    /// The key of the repository whose data directory is `data_dir`: read from its key
    /// file, or created there at the first use. Blocking.
    pub fn for_data_dir(data_dir: &Path) -> anyhow::Result<TokenKey> {
        let mut keys = KEYS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let keys = keys.get_or_insert_with(HashMap::new);
        if let Some(key) = keys.get(data_dir) {
            return Ok(key.clone());
        }
        let path = data_dir.join(KEY_FILE);
        let key = match std::fs::read_to_string(&path) {
            Ok(text) => {
                keep_private(&path)?;
                parse_hex_key(text.trim())
                    .with_context(|| format!("{} does not hold 64 hex digits", path.display()))?
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let key: [u8; 32] = rand::random();
                let temp = data_dir.join(format!("{KEY_FILE}.tmp"));
                write_private(&temp, hex(&key).as_bytes())
                    .with_context(|| format!("cannot write {}", temp.display()))?;
                std::fs::rename(&temp, &path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                key
            }
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        let key = TokenKey(key);
        keys.insert(data_dir.to_owned(), key.clone());
        Ok(key)
    }

    fn mac(&self, body: &str) -> String {
        hex(&blake3::keyed_hash(&self.0, body.as_bytes()).as_bytes()[..16])
    }
}

/// The MAC of a token body, for tests that write tokens as an earlier version did.
#[cfg(test)]
pub(crate) fn mac_for_tests(key: &TokenKey, body: &str) -> String {
    key.mac(body)
}

/// Writes `bytes` to a new file at `path` readable by this user only (`0600`): whoever
/// reads the key can forge resumption tokens.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes a key file written by an earlier version (with the default mode) readable by
/// this user only.
fn keep_private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot make {} private", path.display()))?;
            tracing::warn!(path = %path.display(), "the OAI-PMH token key was readable by others; it is now 0600");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn parse_hex_key(text: &str) -> Option<[u8; 32]> {
    let bytes = unhex(text)?;
    bytes.try_into().ok()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn optional_number(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(|| "-".to_owned(), |n| n.to_string())
}

fn parse_optional_number(text: &str) -> Option<Option<i64>> {
    match text {
        "-" => Some(None),
        _ => text.parse().ok().map(Some),
    }
}

impl Token {
    /// The token's text.
    pub fn encode(&self, key: &TokenKey) -> String {
        let position = match &self.position {
            Position::Records { after: None } => "k".to_owned(),
            Position::Records { after: Some(place) } => {
                format!("k{}s{}", place.datestamp_secs, place.seq)
            }
            Position::AfterSeq { after_seq } => format!("r{after_seq}"),
            Position::Decisions { after_id } => format!("d{}", hex(after_id.as_bytes())),
        };
        let body = [
            "v2".to_owned(),
            self.verb.code().to_owned(),
            self.format.code().to_owned(),
            self.set
                .as_deref()
                .map_or_else(|| "-".to_owned(), |set| format!("s{}", hex(set.as_bytes()))),
            optional_number(self.from),
            optional_number(self.until),
            position,
            self.cursor.to_string(),
            optional_number(self.complete_list_size),
            self.issued_at.to_string(),
        ]
        .join(".");
        let mac = key.mac(&body);
        format!("{body}.{mac}")
    }

    /// Reads and authenticates a token, and refuses it once expired at `now`.
    pub fn decode(text: &str, key: &TokenKey, now: DateTime<Utc>) -> Result<Token, TokenError> {
        let (body, mac) = text.rsplit_once('.').ok_or(TokenError::Forged)?;
        let expected = key.mac(body);
        // Constant time, so that a MAC cannot be guessed byte by byte.
        if !bool::from(subtle::ConstantTimeEq::ct_eq(
            expected.as_bytes(),
            mac.as_bytes(),
        )) {
            return Err(TokenError::Forged);
        }
        let token = Token::parse_body(body).ok_or(TokenError::Forged)?;
        let expires_at = token.expires_at();
        if now > expires_at {
            return Err(TokenError::Expired(super::datestamp(expires_at)));
        }
        Ok(token)
    }

    fn parse_body(body: &str) -> Option<Token> {
        let fields: Vec<&str> = body.split('.').collect();
        let [
            version,
            verb,
            format,
            set,
            from,
            until,
            position,
            cursor,
            size,
            issued,
        ] = fields.as_slice()
        else {
            return None;
        };
        let version = match *version {
            "v1" => 1,
            "v2" => 2,
            _ => return None,
        };
        let set = match *set {
            "-" => None,
            hexed => Some(String::from_utf8(unhex(hexed.strip_prefix('s')?)?).ok()?),
        };
        let position = match position.split_at_checked(1)? {
            ("k", "") if version == 2 => Position::Records { after: None },
            ("k", place) if version == 2 => {
                let (secs, seq) = place.split_once('s')?;
                Position::Records {
                    after: Some(ListingKey {
                        datestamp_secs: secs.parse().ok()?,
                        seq: seq.parse().ok()?,
                    }),
                }
            }
            ("r", seq) => Position::AfterSeq {
                after_seq: seq.parse().ok()?,
            },
            ("d", id) => Position::Decisions {
                after_id: String::from_utf8(unhex(id)?).ok()?,
            },
            _ => return None,
        };
        Some(Token {
            verb: ListVerb::from_code(verb)?,
            format: MetadataFormat::from_code(format)?,
            set,
            from: parse_optional_number(from)?,
            until: parse_optional_number(until)?,
            position,
            cursor: cursor.parse().ok()?,
            complete_list_size: match *size {
                "-" if version == 2 => None,
                size => Some(size.parse().ok()?),
            },
            issued_at: issued.parse().ok()?,
        })
    }

    /// When the token stops being accepted.
    pub fn expires_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.issued_at.saturating_add(TOKEN_LIFETIME_SECS), 0)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_key_file_is_readable_by_its_user_only() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let new = tempfile::tempdir().unwrap();
        let key = TokenKey::for_data_dir(new.path()).unwrap();
        assert_eq!(mode(&new.path().join(KEY_FILE)), 0o600);
        // A key an earlier version left readable by others is kept, and made private.
        let old = tempfile::tempdir().unwrap();
        let path = old.path().join(KEY_FILE);
        std::fs::write(&path, hex(&key.0)).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let read = TokenKey::for_data_dir(old.path()).unwrap();
        assert_eq!(read.0, key.0);
        assert_eq!(mode(&path), 0o600);
    }

    fn token() -> Token {
        Token {
            verb: ListVerb::ListRecords,
            format: MetadataFormat::ClearinghouseJson,
            set: Some("source:demo-tu".to_owned()),
            from: Some(1_700_000_000),
            until: None,
            position: Position::Records {
                after: Some(ListingKey {
                    datestamp_secs: 1_700_000_100,
                    seq: 42,
                }),
            },
            cursor: 100,
            complete_list_size: Some(250),
            issued_at: 1_800_000_000,
        }
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn tokens_round_trip_and_need_no_escaping() {
        let key = TokenKey::from_bytes([7; 32]);
        let positions = [
            Position::Records { after: None },
            Position::Records {
                after: Some(ListingKey {
                    datestamp_secs: -5,
                    seq: 0,
                }),
            },
            Position::AfterSeq { after_seq: 42 },
            Position::Decisions {
                after_id: "dec-1".to_owned(),
            },
        ];
        for (position, complete_list_size) in positions
            .into_iter()
            .zip([None, Some(7)].into_iter().cycle())
        {
            let token = Token {
                position,
                complete_list_size,
                ..token()
            };
            let text = token.encode(&key);
            assert!(
                text.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b)),
                "{text}"
            );
            assert_eq!(
                Token::decode(&text, &key, at(1_800_000_001)).unwrap(),
                token
            );
        }
    }

    #[test]
    fn altered_foreign_and_expired_tokens_are_refused() {
        let key = TokenKey::from_bytes([7; 32]);
        let text = token().encode(&key);
        let now = at(1_800_000_001);
        let altered = text.replacen("s42.", "s41.", 1);
        assert_ne!(altered, text);
        assert_eq!(Token::decode(&altered, &key, now), Err(TokenError::Forged));
        let other_key = TokenKey::from_bytes([8; 32]);
        assert_eq!(
            Token::decode(&text, &other_key, now),
            Err(TokenError::Forged)
        );
        for junk in [
            "",
            "x",
            "v1",
            "100",
            "v1.lr.ch.-.-.-.r1.0.1.1.zz",
            &"9".repeat(5000),
        ] {
            assert_eq!(
                Token::decode(junk, &key, now),
                Err(TokenError::Forged),
                "{junk}"
            );
        }
        let last_valid = at(1_800_000_000 + TOKEN_LIFETIME_SECS);
        assert!(Token::decode(&text, &key, last_valid).is_ok());
        let error = Token::decode(&text, &key, at(1_800_000_001 + TOKEN_LIFETIME_SECS));
        assert!(matches!(error, Err(TokenError::Expired(_))), "{error:?}");
    }

    #[test]
    fn tokens_of_version_1_are_still_read() {
        let key = TokenKey::from_bytes([7; 32]);
        // As version 1 wrote it: the position a sequence number, the size always given.
        let body = format!(
            "v1.lr.ch.s{}.1700000000.-.r42.100.250.1800000000",
            hex(b"source:demo-tu")
        );
        let text = format!("{body}.{}", key.mac(&body));
        let decoded = Token::decode(&text, &key, at(1_800_000_001)).unwrap();
        assert_eq!(
            decoded,
            Token {
                position: Position::AfterSeq { after_seq: 42 },
                ..token()
            }
        );
        // Version 1 knew no unknown size, nor positions in the listings.
        for body in [
            "v1.lr.ch.-.-.-.r42.100.-.1800000000",
            "v1.lr.ch.-.-.-.k5s42.100.250.1800000000",
        ] {
            let text = format!("{body}.{}", key.mac(body));
            assert_eq!(
                Token::decode(&text, &key, at(1_800_000_001)),
                Err(TokenError::Forged),
                "{body}"
            );
        }
    }

    #[test]
    fn the_key_survives_in_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let key = TokenKey::for_data_dir(dir.path()).unwrap();
        let text = token().encode(&key);
        KEYS.lock().unwrap().as_mut().unwrap().clear();
        let again = TokenKey::for_data_dir(dir.path()).unwrap();
        assert!(Token::decode(&text, &again, at(1_800_000_001)).is_ok());
    }
}
