//! Which language a text is written in, for text whose language tag is missing (`und`)
//! or implausible: real feeds copy Finnish text into the English field (about 11 % of the
//! descriptions of one real "English" catalogue).
//!
//! Detection is whatlang's (trigram profiles compiled into the crate: no model file, no
//! download, microseconds per text), restricted to the languages of the EU and the EEA it
//! knows: 22 of the 24 official languages of the EU (not Irish or Maltese), Norwegian
//! Bokmål and Catalan. Icelandic, Norwegian Nynorsk, Luxembourgish, Basque and Galician are
//! not among them: text in those is never detected, and text tagged with them is never
//! judged. Russian, Ukrainian, Belarusian, Serbian, Macedonian, Turkish, Welsh and Latin
//! take part in the comparison only so that their text is not read as the nearest EU
//! language (Russian as Bulgarian): when one of them wins, nothing is detected.
//!
//! Detection runs on every long text of every harvested record, so its cost is the
//! harvest's: a tagged text is first screened by its opening ([`OPENING_BYTES`]), with
//! whichlang (Quickwit's linear model, weights compiled in, a few microseconds) for the
//! eight EU languages it knows and whatlang for the others; only text whose opening does
//! not read as its tag is read in full.
//!
//! Both functions answer `None` rather than guess: for text too short to tell (titles of
//! two or three words are often ambiguous: "Sustainable Business" scores as Finnish), for
//! a close call between two languages, and for text written in two languages.
//!
//! Short text stays detection's weak spot even when it answers: whatlang reads the
//! English outcome "Participants are able to design lesson plans." as French with
//! confidence 0.92. Text of a few sentences is safe: cut to its first 150 letters, no
//! description of the English Virginia Tech catalogue (3,137) reads as another language,
//! and 254 of the 257 Finnish and Swedish descriptions of Aalto's "English" catalogue are
//! found. Callers corroborate short text: `formats` moves it only the way the record's
//! long text moved.

use std::sync::OnceLock;

use model::LangTag;
use whatlang::{Detector, Lang};

/// A language read from a text.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectedLanguage {
    /// Its tag: the ISO 639-1 code (`fi`).
    pub tag: LangTag,
    /// Its English name ("Finnish").
    pub name: &'static str,
    /// How far ahead of the next language the text scores, from 0.0 (a tie) to 1.0
    /// (whatlang's confidence); at least [`RELIABLE_CONFIDENCE`] for a detection.
    pub confidence: f64,
}

/// The confidence a detection needs (whatlang's own threshold of a reliable answer).
pub const RELIABLE_CONFIDENCE: f64 = 0.9;

/// Letters a text needs before its language is detected at all.
pub const MIN_LETTERS: usize = 12;

/// Letters a tagged text needs before its tag is judged against its content.
pub const MIN_LETTERS_AGAINST_TAG: usize = 20;

/// Only this much of a long text is read (at a character boundary): about 150 words tell
/// a text's language as well as a whole description, and detection's cost (linear in the
/// text, on the harvest's path) stays bounded.
const MAX_BYTES: usize = 1000;

/// How much of a long tagged text is read first (at a character boundary): when its
/// opening reads as the declared language, the rest is not read. Detection's cost is
/// mostly a fixed cost per language compared, so the opening is first read by whichlang
/// (a linear model over hashed n-grams, its weights compiled in: about 2 µs a text) for
/// the eight EU languages it knows, then by whatlang. On 7,996 real descriptions (Aalto,
/// JAMK, Virginia Tech; the description without its title) 17 µs a text instead of 77,
/// with 254 instead of 256 of the Finnish descriptions of Aalto's "English" catalogue
/// found (the two open with an English passage, whatlang's reading); whichlang's screen
/// alone loses none.
const OPENING_BYTES: usize = 200;

/// The languages detection can answer: whatlang's and the tag.
const DETECTABLE: &[(Lang, &str)] = &[
    (Lang::Bul, "bg"),
    (Lang::Cat, "ca"),
    (Lang::Ces, "cs"),
    (Lang::Dan, "da"),
    (Lang::Deu, "de"),
    (Lang::Ell, "el"),
    (Lang::Eng, "en"),
    (Lang::Spa, "es"),
    (Lang::Est, "et"),
    (Lang::Fin, "fi"),
    (Lang::Fra, "fr"),
    (Lang::Hrv, "hr"),
    (Lang::Hun, "hu"),
    (Lang::Ita, "it"),
    (Lang::Lit, "lt"),
    (Lang::Lav, "lv"),
    (Lang::Nob, "nb"),
    (Lang::Nld, "nl"),
    (Lang::Pol, "pl"),
    (Lang::Por, "pt"),
    (Lang::Ron, "ro"),
    (Lang::Slk, "sk"),
    (Lang::Slv, "sl"),
    (Lang::Swe, "sv"),
];

/// Languages that compete in detection but are never its answer (see the module's
/// documentation).
const DECOYS: &[Lang] = &[
    Lang::Rus,
    Lang::Ukr,
    Lang::Bel,
    Lang::Srp,
    Lang::Mkd,
    Lang::Tur,
    Lang::Cym,
    Lang::Lat,
];

fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let mut languages: Vec<Lang> = DETECTABLE.iter().map(|(lang, _)| *lang).collect();
        languages.extend_from_slice(DECOYS);
        Detector::with_allowlist(languages)
    })
}

/// The language of `text`, when it can be told reliably: `None` for text with fewer than
/// [`MIN_LETTERS`] letters (empty, numbers, codes), below [`RELIABLE_CONFIDENCE`], or in a
/// language outside the EU and EEA languages detection knows.
///
/// ```
/// let detected = vocab::detect_language(
///     "Kurssilla perehdytään liike-elämän ammatilliseen viestintään.",
/// )
/// .unwrap();
/// assert_eq!(detected.tag.as_str(), "fi");
/// assert_eq!(detected.name, "Finnish");
/// assert_eq!(vocab::detect_language("2024 / 5 ECTS"), None);
/// ```
pub fn detect_language(text: &str) -> Option<DetectedLanguage> {
    let text = head(text);
    if letters(text) < MIN_LETTERS {
        return None;
    }
    let info = detector().detect(text)?;
    if info.confidence() < RELIABLE_CONFIDENCE {
        return None;
    }
    let (_, code) = DETECTABLE.iter().find(|(lang, _)| *lang == info.lang())?;
    Some(DetectedLanguage {
        tag: LangTag::parse(code).ok()?,
        name: crate::language_name(code)?,
        confidence: info.confidence(),
    })
}

/// The language `text` reads as when it is reliably not `declared`, its tag: the text is
/// detected ([`detect_language`]) as another language, has at least
/// [`MIN_LETTERS_AGAINST_TAG`] letters, beats the declared language head to head with
/// [`RELIABLE_CONFIDENCE`], and neither its opening nor either of its halves reads as the
/// declared language (text in two languages is not mislabelled, only mixed). `None` too
/// when `declared` is `und` or a language detection does not know (Irish text is never
/// judged).
///
/// ```
/// let en = model::LangTag::parse("en").unwrap();
/// let finnish = "Kurssilla perehdytään liike-elämän ammatilliseen viestintään ja \
///                vuorovaikutukseen.";
/// assert_eq!(vocab::contradicted_tag(finnish, &en).unwrap().tag.as_str(), "fi");
/// assert_eq!(vocab::contradicted_tag("Sustainable Business", &en), None);
/// ```
pub fn contradicted_tag(text: &str, declared: &LangTag) -> Option<DetectedLanguage> {
    let declared_lang = whatlang_of(declared)?;
    let text = head(text);
    if letters(text) < MIN_LETTERS_AGAINST_TAG {
        return None;
    }
    // Most text is in the language it is tagged with, and a passage in the declared
    // language is enough for a text not to be mislabelled (the halves below): a long
    // text whose opening reads as its tag goes no further.
    let opening = cut(text, OPENING_BYTES);
    if opening.len() < text.len()
        && letters(opening) >= MIN_LETTERS_AGAINST_TAG
        && opening_reads_as(opening, declared_lang)
    {
        return None;
    }
    let detected = detect_language(text)?;
    let detected_lang = whatlang_of(&detected.tag)?;
    if detected_lang == declared_lang {
        return None;
    }
    let head_to_head = Detector::with_allowlist(vec![declared_lang, detected_lang]).detect(text)?;
    if head_to_head.lang() != detected_lang || head_to_head.confidence() < RELIABLE_CONFIDENCE {
        return None;
    }
    if let Some((first, second)) = halves(text)
        && [first, second].iter().any(|half| {
            detect_language(half)
                .is_some_and(|reads| whatlang_of(&reads.tag) == Some(declared_lang))
        })
    {
        return None;
    }
    Some(detected)
}

/// Whether the opening of a long text reads as `declared`: by whichlang first, for the
/// eight languages it knows (about 2 µs), then by whatlang. Either can only keep a tag
/// that a full reading would have contradicted, never move text.
fn opening_reads_as(opening: &str, declared: Lang) -> bool {
    if let Some(quick) = whichlang_of(declared)
        && whichlang::detect_language(opening) == quick
    {
        return true;
    }
    detect_language(opening).is_some_and(|reads| whatlang_of(&reads.tag) == Some(declared))
}

/// whichlang's language of a whatlang language: the EU languages among its sixteen.
fn whichlang_of(lang: Lang) -> Option<whichlang::Lang> {
    use whichlang::Lang as Quick;
    Some(match lang {
        Lang::Deu => Quick::Deu,
        Lang::Eng => Quick::Eng,
        Lang::Spa => Quick::Spa,
        Lang::Fra => Quick::Fra,
        Lang::Ita => Quick::Ita,
        Lang::Nld => Quick::Nld,
        Lang::Por => Quick::Por,
        Lang::Swe => Quick::Swe,
        _ => return None,
    })
}

/// Whether detection knows the language of `tag` (by its primary subtag): text tagged
/// with a language it does not know is never judged.
pub fn is_detectable(tag: &LangTag) -> bool {
    whatlang_of(tag).is_some()
}

/// whatlang's language of a tag; Norwegian (`no`) is taken as Bokmål.
fn whatlang_of(tag: &LangTag) -> Option<Lang> {
    let primary = match tag.primary() {
        "no" => "nb",
        other => other,
    };
    DETECTABLE
        .iter()
        .find(|(_, code)| *code == primary)
        .map(|(lang, _)| *lang)
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// The first [`MAX_BYTES`] of `text`, cut at a character boundary.
fn head(text: &str) -> &str {
    cut(text, MAX_BYTES)
}

/// The first `max_bytes` of `text`, cut at a character boundary.
fn cut(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The two halves of a text long enough for each to be detected on its own, cut at the
/// white space nearest the middle.
fn halves(text: &str) -> Option<(&str, &str)> {
    if letters(text) < 2 * MIN_LETTERS_AGAINST_TAG {
        return None;
    }
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle += 1;
    }
    let cut = text[middle..]
        .find(char::is_whitespace)
        .map(|at| middle + at)
        .or_else(|| text[..middle].rfind(char::is_whitespace))?;
    Some((&text[..cut], &text[cut..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(code: &str) -> LangTag {
        LangTag::parse(code).unwrap()
    }

    fn detected(text: &str) -> Option<String> {
        detect_language(text).map(|d| d.tag.as_str().to_owned())
    }

    #[test]
    fn sentences_in_eu_languages() {
        for (code, text) in [
            (
                "fi",
                "Kurssilla perehdytään liike-elämän ammatilliseen viestintään ja \
                 vuorovaikutukseen.",
            ),
            (
                "sv",
                "I kursen har du möjlighet att välja vilka former av muntlig och skriftlig \
                 kommunikation du vill öva.",
            ),
            (
                "de",
                "Die Studierenden lernen die Grundlagen der Datenanalyse und wenden sie in \
                 kleinen Projekten an.",
            ),
            (
                "pl",
                "Studenci poznają podstawy analizy danych i stosują je w małych projektach \
                 zespołowych.",
            ),
            (
                "en",
                "The students learn the basics of data analysis and apply them in small team \
                 projects.",
            ),
            (
                "el",
                "Οι φοιτητές μαθαίνουν τις βασικές αρχές της ανάλυσης δεδομένων.",
            ),
        ] {
            let found = detect_language(text).unwrap_or_else(|| panic!("nothing in {text:?}"));
            assert_eq!(found.tag.as_str(), code, "{text:?}");
            assert!(found.confidence >= RELIABLE_CONFIDENCE);
        }
        assert_eq!(
            detect_language("Kurssilla perehdytään viestintään.").map(|d| d.name),
            Some("Finnish")
        );
    }

    #[test]
    fn nothing_to_read_is_none() {
        for text in [
            "",
            "   ",
            "2024",
            "5 ECTS",
            "12345 678 90",
            "ABC-123",
            "Data",
        ] {
            assert_eq!(detected(text), None, "{text:?}");
        }
    }

    #[test]
    fn languages_outside_the_eu_are_not_read_as_their_neighbours() {
        // Russian is not Bulgarian, Ukrainian not Bulgarian either.
        assert_eq!(
            detected("Студенты изучают основы анализа данных и применяют их в небольших проектах."),
            None
        );
        assert_eq!(
            detected(
                "Студенти вивчають основи аналізу даних і застосовують їх у невеликих проєктах."
            ),
            None
        );
        assert_eq!(
            detected(
                "Курсът въвежда студентите в основните методи за анализ на данни, статистика и \
                 машинно обучение."
            ),
            Some("bg".to_owned())
        );
    }

    #[test]
    fn a_finnish_description_contradicts_its_english_tag() {
        let text = "Opintojaksolla opitaan ihmisten tutkimusta ja heidän tarpeidensa \
                    ymmärtämistä sekä vuorovaikutteisten järjestelmien suunnittelua.";
        let found = contradicted_tag(text, &tag("en")).unwrap();
        assert_eq!(found.tag.as_str(), "fi");
        assert_eq!(contradicted_tag(text, &tag("fi")), None);
        assert_eq!(contradicted_tag(text, &tag("fi-FI")), None);
        // Text tagged with a language detection does not know is never judged.
        assert!(!is_detectable(&tag("ga")));
        assert_eq!(contradicted_tag(text, &tag("ga")), None);
        assert_eq!(contradicted_tag(text, &tag("und")), None);
    }

    #[test]
    fn a_long_finnish_text_is_read_past_its_opening() {
        let text = "Opintojaksolla opitaan ihmisten tutkimusta ja heidän tarpeidensa \
                    ymmärtämistä sekä vuorovaikutteisten järjestelmien suunnittelua. \
                    Opiskelija osaa tarkastella laskennallisesti kokonaisia lämmitys- ja \
                    jäähdytysjärjestelmiä termodynamiikan pääsääntöjen avulla.";
        assert!(text.len() > OPENING_BYTES);
        assert_eq!(
            contradicted_tag(text, &tag("en")).map(|d| d.tag.as_str().to_owned()),
            Some("fi".to_owned())
        );
        // An English opening is a passage in the declared language: mixed, not mislabelled.
        let english_first = format!(
            "The course will provide the students with basic systems theory and its \
             application to the analysis of energy systems at different scales, with a \
             group project. {text}"
        );
        assert_eq!(contradicted_tag(&english_first, &tag("en")), None);
    }

    #[test]
    fn short_titles_keep_their_tag() {
        let en = tag("en");
        for title in [
            "Sustainable Business",
            "Blockchain Economics",
            "Animaation perusteet",
            "Japanese 2",
            "Film d'auteur",
        ] {
            assert_eq!(contradicted_tag(title, &en), None, "{title:?}");
        }
        assert_eq!(contradicted_tag("Sustainable Business", &tag("fi")), None);
    }

    #[test]
    fn english_text_under_english_is_left() {
        let en = tag("en");
        for text in [
            "The course will provide the students with basic systems theory and its \
             application to the analysis of energy systems at different scales.",
            "Introduction to the design of interactive systems, with a group project",
        ] {
            assert_eq!(contradicted_tag(text, &en), None, "{text:?}");
        }
    }

    #[test]
    fn text_in_two_languages_is_mixed_not_mislabelled() {
        let mixed = "The course will provide the students with basic systems theory and its \
                     application to the analysis of energy systems at different scales. \
                     Opiskelija osaa tarkastella laskennallisesti kokonaisia lämmitys- ja \
                     jäähdytysjärjestelmiä termodynamiikan pääsääntöjen avulla.";
        assert_eq!(contradicted_tag(mixed, &tag("en")), None);
    }

    #[test]
    fn norwegian_tags_are_bokmal() {
        assert!(is_detectable(&tag("no")));
        assert!(is_detectable(&tag("nb")));
        assert!(!is_detectable(&tag("nn")));
        for missing in ["ga", "mt", "is", "lb", "eu", "gl"] {
            assert!(!is_detectable(&tag(missing)), "{missing}");
        }
    }

    #[test]
    fn halves_are_cut_at_white_space() {
        // The middle byte falls inside "ä": the cut moves on to the next space.
        let (first, second) = ("ä".repeat(21), " ".to_owned() + &"ä".repeat(20));
        let text = first.clone() + &second;
        assert!(!text.is_char_boundary(text.len() / 2));
        assert_eq!(halves(&text), Some((first.as_str(), second.as_str())));
        assert_eq!(halves("äää"), None);
    }

    #[test]
    fn long_text_is_cut_at_a_character_boundary() {
        let long = "Opiskelija oppii äänen ja kuvan perusteet. ".repeat(400);
        assert_eq!(detected(&long), Some("fi".to_owned()));
    }
}
