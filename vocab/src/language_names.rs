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

/// The family of a language (`germanic`, `romance`, `slavic`, `finno-ugric`, ...), by
/// ISO 639-1 code: words and character n-grams carry some meaning between related
/// languages (cognates: *hållbarhet* and *Haltbarkeit*, *informatique* and
/// *informatica*) and none between unrelated ones, where a shared n-gram is chance.
/// `None` for a language not in the table.
pub fn language_family(code: &str) -> Option<&'static str> {
    let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
    Some(match primary.as_str() {
        "en" | "de" | "nl" | "sv" | "da" | "no" | "nb" | "nn" | "is" | "lb" => "germanic",
        "fr" | "es" | "it" | "pt" | "ro" | "ca" | "gl" => "romance",
        "pl" | "cs" | "sk" | "sl" | "hr" | "sr" | "bg" | "mk" | "uk" | "ru" => "slavic",
        "fi" | "et" | "hu" => "finno-ugric",
        "lt" | "lv" => "baltic",
        "ga" | "cy" => "celtic",
        "el" => "greek",
        "mt" => "maltese",
        "eu" => "basque",
        "sq" => "albanian",
        "tr" => "turkic",
        "ar" => "semitic",
        _ => return None,
    })
}

/// Whether texts in `a` and `b` may share words by kinship (the same family), so that
/// their words' similarity counts across the two.
pub fn related_languages(a: &str, b: &str) -> bool {
    match (language_family(a), language_family(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
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

    #[test]
    fn kinship_by_family() {
        assert!(related_languages("sv", "en"));
        assert!(related_languages("de-AT", "en"));
        assert!(related_languages("it", "fr"));
        assert!(!related_languages("fi", "en"));
        assert!(!related_languages("pl", "en"));
        assert!(!related_languages("und", "en"));
    }
}
