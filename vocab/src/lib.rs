//! EU vocabularies and classification tables: turns the concept URIs that ELM, QDR and
//! EDC publish (EQF levels, ISCED-F fields, languages, countries, credit systems, learning
//! modes, learning-opportunity types) into the codes of the canonical model, and gives
//! the official English labels of the ISCED-F 2013 broad and narrow fields for facets.
//!
//! A URI of a known vocabulary whose concept is not in the tables is reported by the
//! caller as an [`model::Issue::note`]: [`UnknownConcept`] carries the message.

use std::fmt;

use model::{CreditScheme, EqfLevel, Kind, Participation};

mod countries;
mod detect;
mod isced;
mod language_names;
mod languages;

pub use countries::country;
pub use detect::{
    DetectedLanguage, MIN_LETTERS, MIN_LETTERS_AGAINST_TAG, RELIABLE_CONFIDENCE, contradicted_tag,
    detect_language, is_detectable,
};
pub use isced::{isced_code, isced_field, isced_label};
pub use language_names::{language_family, language_name, related_languages};
pub use languages::language;

/// A concept URI that could not be turned into a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownConcept {
    /// Which vocabulary was expected ("EQF level", "ISCED-F field", ...).
    pub vocabulary: &'static str,
    /// The URI or code as published.
    pub value: String,
}

impl fmt::Display for UnknownConcept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}: not in the vocabulary the clearinghouse knows",
            self.vocabulary, self.value
        )
    }
}

impl UnknownConcept {
    fn new(vocabulary: &'static str, value: &str) -> UnknownConcept {
        UnknownConcept {
            vocabulary,
            value: value.trim().to_owned(),
        }
    }

    /// The problem as an issue note for the conformance report.
    pub fn issue(&self) -> model::Issue {
        model::Issue::note(self.to_string())
    }
}

/// The last path segment of a URI (`ENG` of `.../language/ENG`), or the text itself.
pub fn last_segment(uri: &str) -> &str {
    let trimmed = uri.trim().trim_end_matches('/');
    trimmed.rsplit(['/', '#']).next().unwrap_or(trimmed)
}

/// The segment after `marker` in `uri` (`.../snb/eqf/6` with marker `/snb/eqf/` gives `6`).
pub(crate) fn after<'a>(uri: &'a str, marker: &str) -> Option<&'a str> {
    let uri = uri.trim();
    let start = uri.find(marker)? + marker.len();
    let rest = uri[start..].trim_end_matches('/');
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

/// An EQF level from `http://data.europa.eu/snb/eqf/N` (N from 1 to 8).
pub fn eqf_level(uri: &str) -> Result<EqfLevel, UnknownConcept> {
    after(uri, "/snb/eqf/")
        .and_then(|level| level.parse::<u8>().ok())
        .and_then(|level| EqfLevel::new(level).ok())
        .ok_or_else(|| UnknownConcept::new("EQF level URI", uri))
}

/// The credit system of an ELM `framework` URI (`http://data.europa.eu/snb/education-credit/…`).
pub fn credit_scheme(uri: &str) -> Result<CreditScheme, UnknownConcept> {
    let segment = last_segment(uri);
    if segment == "6fcec5c5af" || segment.eq_ignore_ascii_case("ects") {
        Ok(CreditScheme::Ects)
    } else {
        Err(UnknownConcept::new("credit system URI", uri))
    }
}

/// The form of participation of an ELM learning (and assessment) mode URI
/// (`http://data.europa.eu/snb/learning-assessment/…`). Known modes that are not a
/// form of participation (project based, research-lab based) give `Ok(None)`.
pub fn participation(uri: &str) -> Result<Option<Participation>, UnknownConcept> {
    let found = LEARNING_MODES
        .iter()
        .find(|(code, _, _)| *code == last_segment(uri));
    match found {
        Some((_, _, mode)) => Ok(*mode),
        None => Err(UnknownConcept::new("learning mode URI", uri)),
    }
}

/// The kind and English label of an ELM learning-opportunity type URI
/// (`http://data.europa.eu/snb/learning-opportunity/…`).
pub fn learning_opportunity_type(uri: &str) -> Result<(Kind, &'static str), UnknownConcept> {
    LEARNING_OPPORTUNITY_TYPES
        .iter()
        .find(|(code, _, _)| *code == last_segment(uri))
        .map(|(_, label, kind)| (*kind, *label))
        .ok_or_else(|| UnknownConcept::new("learning opportunity type URI", uri))
}

/// The English label of a concept of the EU vocabularies above, where known.
pub fn concept_label(uri: &str) -> Option<&'static str> {
    let segment = last_segment(uri);
    if uri.contains("/learning-assessment/") {
        return LEARNING_MODES
            .iter()
            .find(|(code, _, _)| *code == segment)
            .map(|(_, label, _)| *label);
    }
    if uri.contains("/learning-opportunity/") {
        return learning_opportunity_type(uri).ok().map(|(_, label)| label);
    }
    if uri.contains("/isced-f/") {
        return isced_field(uri)
            .ok()
            .and_then(|code| isced_label(code.as_str()));
    }
    if uri.contains("/education-credit/") && credit_scheme(uri).is_ok() {
        return Some("European Credit Transfer and Accumulation System (ECTS)");
    }
    None
}

/// ELM learning and assessment modes: concept, English label, form of participation.
const LEARNING_MODES: &[(&str, &str, Option<Participation>)] = &[
    ("729f3bed4b", "Workbased", Some(Participation::OnSite)),
    ("7813801c77", "Project based", None),
    ("9191af2ed9", "Presential", Some(Participation::OnSite)),
    ("920fbb3cbe", "Online", Some(Participation::Online)),
    ("e92d221e4d", "Blended", Some(Participation::Blended)),
    ("ed4c557045", "Research-Lab based", None),
];

/// ELM learning-opportunity types: concept, English label, kind. A short learning
/// programme is the EHEA's name for a micro-credential-sized programme.
const LEARNING_OPPORTUNITY_TYPES: &[(&str, &str, Kind)] = &[
    ("05053c1cbe", "Course", Kind::Course),
    ("0f7dac46ca", "Programme module", Kind::Module),
    ("11252a5207", "Mentoring", Kind::Course),
    ("17744a2647", "MOOC", Kind::Course),
    ("63f9f6180c", "Apprenticeship", Kind::Programme),
    ("65a4cf5de2", "Study visit", Kind::Course),
    (
        "74a4a268e8",
        "Short learning programme",
        Kind::MicroCredential,
    ),
    ("77b99de990", "Internship", Kind::Course),
    ("79343569f3", "Educational programme", Kind::Programme),
    ("7e1ac538db", "Class", Kind::Module),
    ("8b965da2d4", "Service learning", Kind::Course),
    ("b2434ca358", "Thesis", Kind::Module),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eu_vocabulary_uris() {
        assert_eq!(
            eqf_level("http://data.europa.eu/snb/eqf/6").unwrap().get(),
            6
        );
        assert!(eqf_level("http://data.europa.eu/snb/eqf/9").is_err());
        assert_eq!(
            isced_field("http://data.europa.eu/snb/isced-f/0688")
                .unwrap()
                .as_str(),
            "0688"
        );
        assert_eq!(
            isced_field("http://data.europa.eu/snb/isced-f/003")
                .unwrap()
                .as_str(),
            "003"
        );
        let lang = |uri: &str| language(uri).map(|tag| tag.as_str().to_owned());
        assert_eq!(
            lang("http://publications.europa.eu/resource/authority/language/ENG").unwrap(),
            "en"
        );
        assert_eq!(
            lang("http://publications.europa.eu/resource/authority/language/EN").unwrap(),
            "en"
        );
        assert_eq!(
            lang("http://publications.europa.eu/resource/authority/language/SQO").unwrap(),
            "sqo"
        );
        assert!(
            lang("http://publications.europa.eu/resource/authority/language/OP_DATPRO").is_err()
        );
        let country_of = |uri: &str| country(uri).map(|c| c.as_str().to_owned());
        assert_eq!(
            country_of("http://publications.europa.eu/resource/authority/country/DEU").unwrap(),
            "DE"
        );
        assert_eq!(country_of("IRL").unwrap(), "IE");
        assert_eq!(country_of("GRC").unwrap(), "GR");
        assert!(
            country_of("http://publications.europa.eu/resource/authority/country/ZZZ").is_err()
        );
        assert_eq!(
            credit_scheme("http://data.europa.eu/snb/education-credit/6fcec5c5af").unwrap(),
            CreditScheme::Ects
        );
        assert!(credit_scheme("http://data.europa.eu/snb/education-credit/60b314e826").is_err());
        assert_eq!(
            participation("http://data.europa.eu/snb/learning-assessment/920fbb3cbe").unwrap(),
            Some(Participation::Online)
        );
        assert_eq!(
            participation("http://data.europa.eu/snb/learning-assessment/7813801c77").unwrap(),
            None
        );
        let unknown = participation("http://data.europa.eu/snb/learning-assessment/x").unwrap_err();
        assert!(unknown.issue().message.contains("learning mode"));
    }

    #[test]
    fn isced_codes_keep_their_precision() {
        for (text, expected) in [
            ("0613", Some("0613")),
            ("061", Some("061")),
            ("06", Some("06")),
            ("003", Some("003")),
            ("104", Some("104")),
            ("541", Some("0541")),
            ("4", Some("04")),
            ("0099", Some("0099")),
            ("1022", Some("1022")),
            ("77", None),
            ("12345", None),
            ("ab", None),
        ] {
            assert_eq!(
                isced_code(text)
                    .map(|code| code.as_str().to_owned())
                    .as_deref(),
                expected,
                "{text}"
            );
        }
        assert_eq!(
            isced_label("06"),
            Some("Information and Communication Technologies (ICTs)")
        );
        assert_eq!(isced_label("0541"), Some("Mathematics and statistics"));
        assert_eq!(isced_label("022"), Some("Humanities (except languages)"));
        assert_eq!(isced_label("11"), None);
        let broad = isced::ISCED_F_FIELDS
            .iter()
            .filter(|(code, _)| code.len() == 2)
            .count();
        assert_eq!(broad, 12, "11 broad fields and 99 field unknown");
    }
}
