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

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
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

/// Word beginnings (`stems`) and whole phrases that name one facet value.
struct Rule {
    stems: &'static [&'static str],
    phrases: &'static [&'static str],
}

/// The rules of one facet, searched for together: one pass of an Aho-Corasick automaton
/// over the text instead of one search per word (these rules run for every record
/// harvested, and ~70 searches a record were 4 % of a harvest's CPU).
struct Vocabulary {
    automaton: AhoCorasick,
    /// Per pattern: the rule it belongs to, and whether it must end a word.
    patterns: Vec<(usize, bool)>,
}

impl Vocabulary {
    fn new(rules: &[Rule]) -> Vocabulary {
        assert!(rules.len() <= 32, "rules are returned as bits of a u32");
        let mut needles = Vec::new();
        let mut patterns = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            for stem in rule.stems {
                needles.push(*stem);
                patterns.push((i, false));
            }
            for phrase in rule.phrases {
                needles.push(*phrase);
                patterns.push((i, true));
            }
        }
        let automaton = AhoCorasick::new(needles).expect("the vocabularies are small");
        Vocabulary {
            automaton,
            patterns,
        }
    }

    /// The rules `folded` (from [`folded_words`]) matches, as bits: rule `i` matches when
    /// one of its stems begins a word, or one of its phrases is whole words (space
    /// separated), anywhere in the text.
    fn matches(&self, folded: &str) -> u32 {
        let bytes = folded.as_bytes();
        let mut found = 0u32;
        for hit in self.automaton.find_overlapping_iter(folded) {
            let (rule, whole) = self.patterns[hit.pattern().as_usize()];
            if found & (1 << rule) != 0 {
                continue;
            }
            let starts_word = hit.start() > 0 && bytes[hit.start() - 1] == b' ';
            if starts_word && (!whole || bytes.get(hit.end()) == Some(&b' ')) {
                found |= 1 << rule;
            }
        }
        found
    }
}

/// The values of [`ASSESSMENT_TYPES`] the rules of [`ASSESSMENT`] stand for, in order.
const ASSESSMENT_VALUES: [&str; 6] = [
    "written-exam",
    "oral-exam",
    "project",
    "practical",
    "online-test",
    "portfolio",
];

static ASSESSMENT_RULES: [Rule; 6] = [
    Rule {
        stems: &[
            "written",
            "schriftlich",
            "klausur",
            "ecrit",
            "escrito",
            "scritt",
            "schriftelijk",
            "pisemn",
        ],
        phrases: &[],
    },
    Rule {
        stems: &[
            "oral",
            "mundlich",
            "viva ",
            "mondeling",
            "ustn",
            "kolloquium",
            "colloquium",
        ],
        phrases: &[],
    },
    Rule {
        stems: &[
            "project", "projekt", "projet", "proyect", "progett", "capstone",
        ],
        phrases: &[],
    },
    Rule {
        stems: &[
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
        phrases: &[],
    },
    Rule {
        stems: &["quiz", "mcq", "e assessment", "eassessment"],
        phrases: &[
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
    },
    Rule {
        stems: &["portfolio", "portefeuille", "portafolio"],
        phrases: &[],
    },
];

static ASSESSMENT: LazyLock<Vocabulary> = LazyLock::new(|| Vocabulary::new(&ASSESSMENT_RULES));

/// The assessment types the text names, in vocabulary order.
pub fn assessment_types(text: &LangText) -> Vec<&'static str> {
    if text.is_empty() {
        return vec!["not-stated"];
    }
    let found = ASSESSMENT.matches(&folded_words(&text.all_text()));
    let mut out: Vec<&'static str> = ASSESSMENT_VALUES
        .iter()
        .enumerate()
        .filter(|(i, _)| found & (1 << i) != 0)
        .map(|(_, value)| *value)
        .collect();
    if out.is_empty() {
        out.push("other");
    }
    out
}

const INSTITUTIONAL: usize = 0;
const EXTERNAL: usize = 1;

/// The rules of institutional and external quality assurance ([`INSTITUTIONAL`],
/// [`EXTERNAL`]).
static QUALITY_ASSURANCE_RULES: [Rule; 2] = [
    Rule {
        stems: &[
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
        phrases: &[
            "system accreditation",
            "university quality assurance",
            "quality assurance of the university",
        ],
    },
    Rule {
        stems: &[
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
        phrases: &[],
    },
];

static QUALITY_ASSURANCE: LazyLock<Vocabulary> =
    LazyLock::new(|| Vocabulary::new(&QUALITY_ASSURANCE_RULES));

/// Accreditation of the programme, looked for once system and institutional
/// accreditation are taken out of the text.
static ACCREDITED_RULES: [Rule; 1] = [Rule {
    stems: &["accredit", "akkredit", "acredit", "akredyt"],
    phrases: &[],
}];

static ACCREDITED: LazyLock<Vocabulary> = LazyLock::new(|| Vocabulary::new(&ACCREDITED_RULES));

/// The quality assurance types the text names, in vocabulary order.
pub fn quality_assurance_types(text: &LangText) -> Vec<&'static str> {
    if text.is_empty() {
        return vec!["not-stated"];
    }
    let folded = folded_words(&text.all_text());
    let found = QUALITY_ASSURANCE.matches(&folded);
    // "System accreditation" accredits the institution's own QA system, not the programme.
    let without_system = folded
        .replace(" system accreditation", " ")
        .replace(" systemakkreditierung", " ")
        .replace(" institutional accreditation", " ");
    let accredited = ACCREDITED.matches(&without_system) != 0;
    let mut out = Vec::new();
    for (value, matched) in [
        ("accredited-programme", accredited),
        ("institutional-qa", found & (1 << INSTITUTIONAL) != 0),
        ("external-agency", found & (1 << EXTERNAL) != 0),
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

    /// What the rules mean, said the slow way: a stem follows a space, a phrase is
    /// between spaces.
    fn matches_by_searching(rules: &[Rule], folded: &str) -> u32 {
        let mut found = 0;
        for (i, rule) in rules.iter().enumerate() {
            let stem = |stem: &&str| folded.contains(&format!(" {stem}"));
            let phrase = |phrase: &&str| folded.contains(&format!(" {phrase} "));
            if rule.stems.iter().any(stem) || rule.phrases.iter().any(phrase) {
                found |= 1 << i;
            }
        }
        found
    }

    #[test]
    fn words_and_phrases_are_found_only_at_word_boundaries() {
        let rules = [
            Rule {
                stems: &["writ", "zko", "é", "ecrit"],
                phrases: &[],
            },
            Rule {
                stems: &["ritten"],
                phrases: &["oral exam", "multiple choice"],
            },
            Rule {
                stems: &[],
                phrases: &["writ", "then"],
            },
        ];
        let vocabulary = Vocabulary::new(&rules);
        for (folded, expected) in [
            (
                " unwritten then written test  multiple choicex oral exam ",
                0b111,
            ),
            (" unwritten multiple choicex ", 0b000),
            (" written ", 0b001),
            (" ecrit ", 0b001),
            (" oral exam", 0b000),
            (" oral exams multiple choice ", 0b010),
            (" writ ", 0b101),
            // Non-ASCII text: matches start at characters.
            (" ústní ústní zkouška ", 0b001),
            (" aéé ", 0b000),
            ("written ", 0b000),
        ] {
            assert_eq!(vocabulary.matches(folded), expected, "{folded:?}");
            assert_eq!(matches_by_searching(&rules, folded), expected, "{folded:?}");
        }
    }

    #[test]
    fn the_vocabularies_match_as_searching_for_each_word_would() {
        for (rules, vocabulary) in [
            (&ASSESSMENT_RULES[..], &*ASSESSMENT),
            (&QUALITY_ASSURANCE_RULES[..], &*QUALITY_ASSURANCE),
            (&ACCREDITED_RULES[..], &*ACCREDITED),
        ] {
            let needles: Vec<&str> = rules
                .iter()
                .flat_map(|rule| rule.stems.iter().chain(rule.phrases))
                .copied()
                .collect();
            let mut texts = Vec::new();
            for (i, needle) in needles.iter().enumerate() {
                let next = needles[(i + 7) % needles.len()];
                texts.extend([
                    format!(" {needle} "),
                    format!(" {needle}"),
                    format!(" {needle}s and {next} "),
                    format!(" x{needle} {next}x "),
                    format!(" {}", &needle[..needle.len() - 1]),
                    format!(" pre {needle}{next} post "),
                ]);
            }
            for text in &texts {
                assert_eq!(
                    vocabulary.matches(text),
                    matches_by_searching(rules, text),
                    "{text:?}"
                );
            }
        }
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
