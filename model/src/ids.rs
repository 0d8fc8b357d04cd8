//! Identifier and code newtypes: parsed once at the boundary, trusted everywhere after.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a value could not become one of the newtypes of this module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// A source id must be 1 to 64 characters of `a-z`, `0-9` and `-`.
    #[error(
        "source id {0:?} must be 1 to 64 characters of a-z, 0-9 and '-', starting with a letter or digit"
    )]
    SourceId(String),
    /// A record id is `{source id}.{hex hash}`.
    #[error("record id {0:?} is not of the form <source-id>.<hash>")]
    RecordId(String),
    /// EQF levels run from 1 to 8.
    #[error("EQF level {0:?} is not a whole number from 1 to 8")]
    EqfLevel(String),
    /// Countries are ISO 3166-1 alpha-2 codes.
    #[error("country {0:?} is not an ISO 3166-1 alpha-2 code (two letters, e.g. DE)")]
    Country(String),
    /// ISCED-F 2013 field codes have two to four digits.
    #[error("ISCED-F code {0:?} must have 2 to 4 digits (e.g. 04, 041, 0413)")]
    Isced(String),
    /// Language tags follow BCP 47.
    #[error("language tag {0:?} is not a BCP 47 tag (e.g. en, de-AT)")]
    LangTag(String),
}

macro_rules! string_newtype {
    ($name:ident) => {
        impl $name {
            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(value: String) -> Result<Self, IdError> {
                Self::parse(&value)
            }
        }
        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(value: &str) -> Result<Self, IdError> {
                Self::parse(value)
            }
        }
    };
}

/// The stable identifier of a configured source, e.g. `demo-tu`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SourceId(String);
string_newtype!(SourceId);

impl SourceId {
    /// Accepts 1 to 64 characters of `a-z`, `0-9` and `-`, not starting with `-`.
    pub fn parse(value: &str) -> Result<SourceId, IdError> {
        let well_formed = !value.is_empty()
            && value.len() <= 64
            && !value.starts_with('-')
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if well_formed {
            Ok(SourceId(value.to_owned()))
        } else {
            Err(IdError::SourceId(value.to_owned()))
        }
    }
}

/// The clearinghouse's identifier of a record: `{source id}.{20 hex digits}`, the hash
/// being of the upstream identifier. Stable across harvests, safe in URLs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecordId(String);
string_newtype!(RecordId);

impl RecordId {
    const HASH_HEX_LEN: usize = 20;

    /// The id of the record `upstream_id` of `source`.
    pub fn new(source: &SourceId, upstream_id: &str) -> RecordId {
        let hash = blake3::hash(upstream_id.as_bytes()).to_hex();
        RecordId(format!("{}.{}", source, &hash[..Self::HASH_HEX_LEN]))
    }

    /// Parses an id as it appears in URLs.
    pub fn parse(value: &str) -> Result<RecordId, IdError> {
        let err = || IdError::RecordId(value.to_owned());
        let (source, hash) = value.rsplit_once('.').ok_or_else(err)?;
        SourceId::parse(source).map_err(|_| err())?;
        let hash_ok = hash.len() == Self::HASH_HEX_LEN
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if hash_ok {
            Ok(RecordId(value.to_owned()))
        } else {
            Err(err())
        }
    }

    /// The source part of the id.
    pub fn source(&self) -> &str {
        self.0.rsplit_once('.').map(|(s, _)| s).unwrap_or(&self.0)
    }

    /// The id of a credential a person uploaded (not harvested), whose file's SHA-256 is
    /// `sha256_hex` (64 hex digits, or at least the first 20): `upload.{its first 20}`.
    /// The same file always has the same id, so decisions about it are found again when
    /// it is uploaded again.
    pub fn uploaded(sha256_hex: &str) -> RecordId {
        let hex: String = sha256_hex
            .chars()
            .filter(char::is_ascii_hexdigit)
            .map(|c| c.to_ascii_lowercase())
            .take(Self::HASH_HEX_LEN)
            .collect();
        RecordId(format!("{UPLOADED_SOURCE}.{hex:0<20}"))
    }

    /// Whether the id names an uploaded credential ([`RecordId::uploaded`]), not a
    /// harvested record.
    pub fn is_uploaded(&self) -> bool {
        self.source() == UPLOADED_SOURCE
    }
}

/// The source part of the ids of uploaded credentials ([`RecordId::uploaded`]): no
/// configured source may have it (the configuration refuses it).
pub const UPLOADED_SOURCE: &str = "upload";

/// The identifier of one harvest run: the source and the run's start in microseconds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RunId(pub String);

impl RunId {
    /// A run of `source` started at `started_at`.
    pub fn new(source: &SourceId, started_at: chrono::DateTime<chrono::Utc>) -> RunId {
        RunId(format!("{}@{}", source, started_at.timestamp_micros()))
    }
}

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A level of the European Qualifications Framework, 1 to 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct EqfLevel(u8);

impl EqfLevel {
    /// Accepts 1 to 8.
    pub fn new(level: u8) -> Result<EqfLevel, IdError> {
        if (1..=8).contains(&level) {
            Ok(EqfLevel(level))
        } else {
            Err(IdError::EqfLevel(level.to_string()))
        }
    }

    /// Accepts a whole number from 1 to 8, alone or with the words "EQF" or "level" around
    /// it ("6", " 7 ", "EQF 6", "EQF level 5", "Level-6", "EQF6"), and URIs whose last
    /// segment is one (`http://data.europa.eu/snb/eqf/4`). Anything else is refused, a
    /// digit inside other words too: "6 or 7", "x7y", "6.5" and "9" are not levels.
    pub fn parse(text: &str) -> Result<EqfLevel, IdError> {
        /// Words that may name the framework or the level around the number.
        const LEVEL_WORDS: [&str; 6] = ["eqf", "level", "niveau", "nivel", "livello", "stufe"];
        let err = || IdError::EqfLevel(text.to_owned());
        let trimmed = text.trim();
        let last_segment = if trimmed.contains('/') {
            trimmed
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
        } else {
            trimmed
        };
        let mut level = None;
        for token in letter_and_digit_runs(last_segment) {
            if token.bytes().all(|b| b.is_ascii_digit()) {
                if level.is_some() {
                    return Err(err());
                }
                level = Some(token);
            } else if !LEVEL_WORDS.contains(&token.to_lowercase().as_str()) {
                return Err(err());
            }
        }
        level
            .and_then(|digits| digits.parse::<u8>().ok())
            .and_then(|level| EqfLevel::new(level).ok())
            .ok_or_else(err)
    }

    /// The level as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// The runs of ASCII digits and the runs of letters in `text`, in order; anything else
/// (spaces, punctuation) only separates them: "EQF-6" gives "EQF" and "6".
fn letter_and_digit_runs(text: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (at, c) in text.char_indices() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (start, kind) {
            (Some((_, digits)), Some(is_digit)) if digits == is_digit => {}
            (Some((from, _)), _) => {
                runs.push(&text[from..at]);
                start = kind.map(|is_digit| (at, is_digit));
            }
            (None, _) => start = kind.map(|is_digit| (at, is_digit)),
        }
    }
    if let Some((from, _)) = start {
        runs.push(&text[from..]);
    }
    runs
}

impl TryFrom<u8> for EqfLevel {
    type Error = IdError;
    fn try_from(value: u8) -> Result<Self, IdError> {
        EqfLevel::new(value)
    }
}

impl From<EqfLevel> for u8 {
    fn from(value: EqfLevel) -> u8 {
        value.0
    }
}

impl fmt::Display for EqfLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case (`DE`, `FR`). `EL` and `UK`, which EU
/// vocabularies use, are mapped to `GR` and `GB`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);
string_newtype!(Country);

impl Country {
    /// Accepts two ASCII letters in any case.
    pub fn parse(value: &str) -> Result<Country, IdError> {
        let trimmed = value.trim();
        if trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
            let upper = trimmed.to_ascii_uppercase();
            let code = match upper.as_str() {
                "EL" => "GR".to_owned(),
                "UK" => "GB".to_owned(),
                _ => upper,
            };
            Ok(Country(code))
        } else {
            Err(IdError::Country(value.to_owned()))
        }
    }
}

/// An ISCED-F 2013 field of education code: 2 digits (broad), 3 (narrow) or 4 (detailed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IscedCode(String);
string_newtype!(IscedCode);

impl IscedCode {
    /// Accepts 2 to 4 ASCII digits.
    pub fn parse(value: &str) -> Result<IscedCode, IdError> {
        let trimmed = value.trim();
        if (2..=4).contains(&trimmed.len()) && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            Ok(IscedCode(trimmed.to_owned()))
        } else {
            Err(IdError::Isced(value.to_owned()))
        }
    }

    /// The broad field (first two digits).
    pub fn broad(&self) -> &str {
        &self.0[..2]
    }

    /// The narrow field (first three digits), if the code is that precise.
    pub fn narrow(&self) -> Option<&str> {
        self.0.get(..3)
    }
}

/// A BCP 47 language tag, normalised: language lower case, script title case, region
/// upper case (`en`, `de-AT`, `sr-Latn`). `und` stands for text of unknown language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LangTag(String);
string_newtype!(LangTag);

/// ISO 639-2 (bibliographic and terminologic) codes of the languages of the EU and its
/// neighbours, mapped to their ISO 639-1 code so that `deu`, `ger` and `de` are one.
const ISO_639_2_TO_1: &[(&str, &str)] = &[
    ("bul", "bg"),
    ("ces", "cs"),
    ("cze", "cs"),
    ("dan", "da"),
    ("deu", "de"),
    ("ger", "de"),
    ("ell", "el"),
    ("gre", "el"),
    ("eng", "en"),
    ("spa", "es"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("gle", "ga"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("ita", "it"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("mlt", "mt"),
    ("nld", "nl"),
    ("dut", "nl"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rum", "ro"),
    ("slk", "sk"),
    ("slo", "sk"),
    ("slv", "sl"),
    ("swe", "sv"),
    ("nor", "no"),
    ("nob", "nb"),
    ("nno", "nn"),
    ("isl", "is"),
    ("ice", "is"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("rus", "ru"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("sqi", "sq"),
    ("alb", "sq"),
    ("cat", "ca"),
    ("eus", "eu"),
    ("baq", "eu"),
    ("glg", "gl"),
    ("cym", "cy"),
    ("wel", "cy"),
    ("ara", "ar"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("jpn", "ja"),
];

impl LangTag {
    /// The tag for text whose language is not known.
    pub fn undetermined() -> LangTag {
        LangTag("und".to_owned())
    }

    /// Whether this is `und`.
    pub fn is_undetermined(&self) -> bool {
        self.0 == "und"
    }

    /// Accepts BCP 47 tags (`_` is taken for `-`) and ISO 639-2 codes of European languages.
    pub fn parse(value: &str) -> Result<LangTag, IdError> {
        let err = || IdError::LangTag(value.to_owned());
        let trimmed = value.trim().replace('_', "-");
        let mut parts = trimmed.split('-');
        let language = parts.next().filter(|l| !l.is_empty()).ok_or_else(err)?;
        if !(2..=3).contains(&language.len()) && language.len() != 8 {
            return Err(err());
        }
        if !language.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(err());
        }
        let mut language = language.to_ascii_lowercase();
        if let Some((_, two)) = ISO_639_2_TO_1.iter().find(|(three, _)| *three == language) {
            language = (*two).to_owned();
        }
        let mut out = language;
        for part in parts {
            if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return Err(err());
            }
            out.push('-');
            match part.len() {
                2 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    out.push_str(&part.to_ascii_uppercase())
                }
                4 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    out.push_str(&part[..1].to_ascii_uppercase());
                    out.push_str(&part[1..].to_ascii_lowercase());
                }
                _ => out.push_str(&part.to_ascii_lowercase()),
            }
        }
        Ok(LangTag(out))
    }

    /// The primary language subtag (`de` for `de-AT`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_ids() {
        assert!(SourceId::parse("demo-tu").is_ok());
        assert!(SourceId::parse("a").is_ok());
        for bad in ["", "Demo", "-x", "a_b", "a.b", &"x".repeat(65)] {
            assert!(SourceId::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn record_ids_are_stable_and_parse_back() {
        let source = SourceId::parse("demo-tu").unwrap();
        let a = RecordId::new(&source, "oai:x:1");
        assert_eq!(a, RecordId::new(&source, "oai:x:1"));
        assert_ne!(a, RecordId::new(&source, "oai:x:2"));
        assert_eq!(RecordId::parse(a.as_str()).unwrap(), a);
        assert_eq!(a.source(), "demo-tu");
        assert!(RecordId::parse("demo-tu.XYZ").is_err());
        assert!(RecordId::parse("../etc/passwd").is_err());
    }

    #[test]
    fn uploaded_ids_are_the_files_hash_under_the_reserved_source() {
        let sha = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
        let id = RecordId::uploaded(sha);
        assert_eq!(id.as_str(), "upload.9f86d081884c7d659a2f");
        assert!(id.is_uploaded());
        assert_eq!(RecordId::parse(id.as_str()).unwrap(), id);
        let harvested = RecordId::new(&SourceId::parse("uploads").unwrap(), "x");
        assert!(!harvested.is_uploaded());
    }

    #[test]
    fn eqf_levels() {
        for (text, level) in [
            ("6", 6),
            (" 7 ", 7),
            ("EQF 6", 6),
            ("EQF level 5", 5),
            ("Level-6", 6),
            ("EQF6", 6),
            ("http://data.europa.eu/snb/eqf/4", 4),
            ("http://data.europa.eu/snb/eqf/4/", 4),
        ] {
            assert_eq!(EqfLevel::parse(text).unwrap().get(), level, "{text}");
        }
        for bad in [
            "0",
            "9",
            "",
            "six",
            "6 or 7",
            "x7y",
            "6.5",
            "EQF 6 / NQF 7",
            "S91Zb",
        ] {
            assert!(EqfLevel::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn language_tags() {
        for (text, tag) in [
            ("en", "en"),
            ("EN", "en"),
            ("de_at", "de-AT"),
            ("deu", "de"),
            ("ger", "de"),
            ("sr-latn-rs", "sr-Latn-RS"),
        ] {
            assert_eq!(LangTag::parse(text).unwrap().as_str(), tag, "{text}");
        }
        for bad in ["", "e", "en-", "1x", "english language"] {
            assert!(LangTag::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn countries_and_fields() {
        assert_eq!(Country::parse("de").unwrap().as_str(), "DE");
        assert_eq!(Country::parse("EL").unwrap().as_str(), "GR");
        assert!(Country::parse("DEU").is_err());
        let code = IscedCode::parse("0413").unwrap();
        assert_eq!((code.broad(), code.narrow()), ("04", Some("041")));
        assert_eq!(IscedCode::parse("04").unwrap().narrow(), None);
        assert!(IscedCode::parse("4").is_err());
    }
}
