//! Small controlled vocabularies derived from free text, for facets: the type of
//! assessment and the type of quality assurance (Annex I elements that feeds publish as
//! prose in any language).
//!
//! The rules look for whole words or word beginnings in the lower-cased, accent-folded
//! text, in English, German, French, Spanish, Italian, Dutch, Polish and Portuguese. One
//! text may yield several values ("project report and oral examination" is both
//! `project` and `oral-exam`). Text that no rule recognises is `other`; no text at all is
//! `not-stated`.
//!
//! | facet value              | recognised by (folded word beginnings)                                  |
//! |--------------------------|--------------------------------------------------------------------------|
//! | `written-exam`           | written, schriftlich, klausur, ecrit, escrito, scritto, schriftelijk, pisemn |
//! | `oral-exam`              | oral, mundlich, viva, mondeling, ustn, kolloquium, colloquium             |
//! | `project`                | project, projekt, projet, proyect, progett, projet, capstone              |
//! | `practical`              | practical, practice, lab, hands-on, praktisch, praktik, pratique, practic, pratic, simulation |
//! | `online-test`            | quiz, "online test/exam/assessment", e-assessment, multiple choice, test en ligne |
//! | `portfolio`              | portfolio, portefeuille, portafolio, portfolio                            |
//! | `accredited-programme`   | accredit, akkredit, accredite, acredit, akredyt (but not system or institutional accreditation) |
//! | `institutional-qa`       | internal quality, institutional, system accreditation, systemakkredit, qualitatsmanagement, the words interne, interna |
//! | `external-agency`        | agency, agentur, agence, agencia, agenzia, external, externe, extern, externa, EQAR, ENQA and named agencies |

use model::LangText;

use super::analysis::folded_words;

/// A type of assessment, as a facet value.
pub const ASSESSMENT_TYPES: [(&str, &str); 8] = [
    ("written-exam", "Written examination"),
    ("oral-exam", "Oral examination"),
    ("project", "Project or report"),
    ("practical", "Practical assessment"),
    ("online-test", "Online test or quiz"),
    ("portfolio", "Portfolio"),
    ("other", "Other assessment"),
    ("not-stated", "Not stated"),
];

/// A type of quality assurance, as a facet value.
pub const QUALITY_ASSURANCE_TYPES: [(&str, &str); 5] = [
    ("accredited-programme", "Accredited programme"),
    ("institutional-qa", "Institutional quality assurance"),
    ("external-agency", "External quality assurance agency"),
    ("other", "Other quality assurance"),
    ("not-stated", "None stated"),
];

/// Whether `folded` (from [`folded_words`]) has a word starting with one of `stems`.
fn has_word_starting(folded: &str, stems: &[&str]) -> bool {
    stems.iter().any(|stem| occurs(folded, stem, false))
}

/// Whether `folded` holds one of the exact phrases (whole words, space separated).
fn has_phrase(folded: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|phrase| occurs(folded, phrase, true))
}

/// Whether `needle` occurs in `folded` at the start of a word (and, with `whole`, ending
/// one), i.e. as `" {needle}"` (`" {needle} "`) would, without building that string:
/// these rules run for every record harvested.
fn occurs(folded: &str, needle: &str, whole: bool) -> bool {
    let mut from = 0;
    while let Some(found) = folded[from..].find(needle) {
        let at = from + found;
        if folded[..at].ends_with(' ') && (!whole || folded[at + needle.len()..].starts_with(' ')) {
            return true;
        }
        from = at + folded[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// The assessment types the text names, in vocabulary order.
pub fn assessment_types(text: &LangText) -> Vec<&'static str> {
    if text.is_empty() {
        return vec!["not-stated"];
    }
    let folded = folded_words(&text.all_text());
    let mut out = Vec::new();
    let online = has_word_starting(&folded, &["quiz", "mcq", "e assessment", "eassessment"])
        || has_phrase(
            &folded,
            &[
                "online test",
                "online tests",
                "online exam",
                "online examination",
                "online assessment",
                "multiple choice",
                "test en ligne",
                "examen en ligne",
                "onlinetest",
                "online prufung",
            ],
        );
    let rules: [(&str, bool); 6] = [
        (
            "written-exam",
            has_word_starting(
                &folded,
                &[
                    "written",
                    "schriftlich",
                    "klausur",
                    "ecrit",
                    "escrito",
                    "scritt",
                    "schriftelijk",
                    "pisemn",
                ],
            ),
        ),
        (
            "oral-exam",
            has_word_starting(
                &folded,
                &[
                    "oral",
                    "mundlich",
                    "viva ",
                    "mondeling",
                    "ustn",
                    "kolloquium",
                    "colloquium",
                ],
            ),
        ),
        (
            "project",
            has_word_starting(
                &folded,
                &[
                    "project", "projekt", "projet", "proyect", "progett", "capstone",
                ],
            ),
        ),
        (
            "practical",
            has_word_starting(
                &folded,
                &[
                    "practical",
                    "practice",
                    "lab ",
                    "laborator",
                    "hands on",
                    "praktisch",
                    "praktik",
                    "pratique",
                    "practic",
                    "pratic",
                    "simulation",
                ],
            ),
        ),
        ("online-test", online),
        (
            "portfolio",
            has_word_starting(&folded, &["portfolio", "portefeuille", "portafolio"]),
        ),
    ];
    for (value, matched) in rules {
        if matched {
            out.push(value);
        }
    }
    if out.is_empty() {
        out.push("other");
    }
    out
}

/// The quality assurance types the text names, in vocabulary order.
pub fn quality_assurance_types(text: &LangText) -> Vec<&'static str> {
    if text.is_empty() {
        return vec!["not-stated"];
    }
    let folded = folded_words(&text.all_text());
    let institutional = has_word_starting(
        &folded,
        &[
            "institutional",
            "institutionnel",
            "institucional",
            "istituzional",
            "systemakkredit",
            "qualitatsmanagement",
            "internal quality",
            "interne ",
            "interna ",
            "intern ",
            "wewnetrzn",
        ],
    ) || has_phrase(
        &folded,
        &[
            "system accreditation",
            "university quality assurance",
            "quality assurance of the university",
        ],
    );
    // "System accreditation" accredits the institution's own QA system, not the programme.
    let without_system = folded
        .replace(" system accreditation", " ")
        .replace(" systemakkreditierung", " ")
        .replace(" institutional accreditation", " ");
    let accredited = has_word_starting(
        &without_system,
        &["accredit", "akkredit", "acredit", "akredyt"],
    );
    let external = has_word_starting(
        &folded,
        &[
            "agency",
            "agencies",
            "agentur",
            "agence",
            "agencia",
            "agenzia",
            "agencja",
            "external",
            "externe ",
            "extern ",
            "externa ",
            "esterna ",
            "zewnetrzn",
            "eqar",
            "enqa",
            "hceres",
            "nvao",
            "aneca",
            "anvur",
            "a3es",
            "fibaa",
            "aqas",
            "acquin",
            "zeva",
            "evalag",
            "qaa ",
            "pka ",
        ],
    );
    let mut out = Vec::new();
    for (value, matched) in [
        ("accredited-programme", accredited),
        ("institutional-qa", institutional),
        ("external-agency", external),
    ] {
        if matched {
            out.push(value);
        }
    }
    if out.is_empty() {
        out.push("other");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_phrases_are_found_only_at_word_boundaries() {
        let folded = " unwritten then written test  multiple choicex oral exam ";
        assert!(has_word_starting(folded, &["writ"]));
        assert!(!has_word_starting(folded, &["ritten"]));
        assert!(has_word_starting(" ecrit ", &["ecrit"]));
        assert!(has_phrase(folded, &["oral exam"]));
        assert!(!has_phrase(folded, &["multiple choice"]));
        assert!(!has_phrase(folded, &["writ"]));
        assert!(has_phrase(folded, &["then", "written test"]));
        // Non-ASCII text: the search moves on by whole characters.
        assert!(has_word_starting(" ústní ústní zkouška ", &["zko"]));
        assert!(!has_word_starting(" aéé ", &["é"]));
    }

    #[test]
    fn assessment_text_maps_to_types() {
        for (lang, text, expected) in [
            (
                "en",
                "Project report and oral examination",
                vec!["oral-exam", "project"],
            ),
            ("en", "Written examination", vec!["written-exam"]),
            (
                "de",
                "Schriftliche Prüfung (Klausur, 90 Minuten)",
                vec!["written-exam"],
            ),
            (
                "fr",
                "Examen écrit et projet tutoré",
                vec!["written-exam", "project"],
            ),
            (
                "en",
                "Weekly online quizzes and a final portfolio",
                vec!["online-test", "portfolio"],
            ),
            ("en", "Hands-on lab assignments", vec!["practical"]),
            ("pl", "Egzamin pisemny", vec!["written-exam"]),
            ("en", "Peer review", vec!["other"]),
        ] {
            assert_eq!(
                assessment_types(&LangText::single(lang, text)),
                expected,
                "{text}"
            );
        }
        assert_eq!(assessment_types(&LangText::default()), vec!["not-stated"]);
    }

    #[test]
    fn quality_assurance_text_maps_to_types() {
        for (lang, text, expected) in [
            (
                "en",
                "Internal quality assurance of the university (system accreditation)",
                vec!["institutional-qa"],
            ),
            (
                "de",
                "Akkreditierter Studiengang (ZEvA)",
                vec!["accredited-programme", "external-agency"],
            ),
            (
                "en",
                "Programme accredited by NVAO",
                vec!["accredited-programme", "external-agency"],
            ),
            (
                "fr",
                "Évaluation externe par le Hcéres",
                vec!["external-agency"],
            ),
            (
                "en",
                "Reviewed by an external agency registered in EQAR",
                vec!["external-agency"],
            ),
            ("en", "Follows ESG", vec!["other"]),
        ] {
            assert_eq!(
                quality_assurance_types(&LangText::single(lang, text)),
                expected,
                "{text}"
            );
        }
        assert_eq!(
            quality_assurance_types(&LangText::default()),
            vec!["not-stated"]
        );
    }
}
