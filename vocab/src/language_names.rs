//! The English names of the languages of the EU and the EEA (and of a few more written
//! in European catalogues), by ISO 639-1 code: the language facet's labels, what
//! detection answers, and pages that say what language a text is in ("described in
//! Finnish").

/// ISO 639-1 code → English name.
const NAMES: &[(&str, &str)] = &[
    ("ar", "Arabic"),
    ("bg", "Bulgarian"),
    ("ca", "Catalan"),
    ("cs", "Czech"),
    ("cy", "Welsh"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("et", "Estonian"),
    ("eu", "Basque"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("ga", "Irish"),
    ("gl", "Galician"),
    ("hr", "Croatian"),
    ("hu", "Hungarian"),
    ("is", "Icelandic"),
    ("it", "Italian"),
    ("lb", "Luxembourgish"),
    ("lt", "Lithuanian"),
    ("lv", "Latvian"),
    ("mk", "Macedonian"),
    ("mt", "Maltese"),
    ("nb", "Norwegian Bokmål"),
    ("nl", "Dutch"),
    ("nn", "Norwegian Nynorsk"),
    ("no", "Norwegian"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sq", "Albanian"),
    ("sr", "Serbian"),
    ("sv", "Swedish"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
];

/// The English name of the language whose primary subtag is `code` (`fi`, `de-AT`),
/// `None` when it is not in the table (or `und`).
pub fn language_name(code: &str) -> Option<&'static str> {
    let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
    NAMES
        .binary_search_by(|(c, _)| (*c).cmp(primary.as_str()))
        .ok()
        .map(|i| NAMES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_primary_subtag_and_none_for_the_unknown() {
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert_eq!(language_name("fi"), Some("Finnish"));
        assert_eq!(language_name("de-AT"), Some("German"));
        assert_eq!(language_name("SV"), Some("Swedish"));
        assert_eq!(language_name("und"), None);
        assert_eq!(language_name(""), None);
    }
}
