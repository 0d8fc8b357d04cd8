//! A planned record written down in words: title, description, learning outcomes,
//! assessment, quality assurance, prerequisites and stackability in the institution's
//! language and, where the record has one, its English version. The words are the
//! benchmark corpus's ([`bench::corpus::vocab`]), aligned across its six languages, so
//! that an overlap group's members say the same thing in their own languages; the
//! phrases only a demo institution says (its quality assurance, its campus) are here.
//!
//! The corpus's words are written for retrieval, not for reading: a few of its templates
//! would need articles, cases or agreement the topic does not carry ("Introduction à
//! apprentissage automatique", "Aspekte von maschinelles Lernen", "Uczenie maszynowe
//! stosowana"). The demo rewrites those templates so that any topic fits
//! ([`title_template`], [`sentence`]), writes the outcome verbs with their objects in place
//! ([`VERB_PHRASES`]: "geeignete Methoden auf Tragwerke anwenden") and contracts
//! prepositions with articles ([`contract`]: "à le" → "au", "di il" → "del").

use bench::corpus::vocab::{self, EN, FIELDS, LANGUAGES};

use crate::plan::{Course, English, Outcome};

/// Text by language, primary language first.
#[derive(Debug, Clone, Default)]
pub struct Lt(pub Vec<(&'static str, String)>);

impl Lt {
    /// The text in the primary language.
    pub fn first(&self) -> &str {
        self.0.first().map_or("", |(_, text)| text.as_str())
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A record's words.
#[derive(Debug, Clone)]
pub struct Texts {
    /// Title.
    pub title: Lt,
    /// Description.
    pub description: Lt,
    /// Learning outcomes (empty when the record states none).
    pub outcomes: Vec<Lt>,
    /// Type of assessment.
    pub assessment: Lt,
    /// Quality assurance.
    pub quality: Lt,
    /// Prerequisites.
    pub prerequisites: Lt,
    /// Stackability.
    pub stackability: Lt,
    /// Subject keywords in the primary language.
    pub keywords: Vec<String>,
}

/// Phrases of each institution, `[own language, English]` (the same for institutions
/// publishing in English): its quality assurance and its campus.
const QUALITY: [[&str; 2]; 8] = [
    [
        "Systemakkreditierung der Hochschule durch den Akkreditierungsrat",
        "System accreditation of the university by the German Accreditation Council",
    ],
    [
        "Évaluation externe de l'établissement par le Hcéres",
        "External evaluation of the university by Hcéres",
    ],
    [
        "Ocena programowa Polskiej Komisji Akredytacyjnej",
        "Programme assessment by the Polish Accreditation Committee",
    ],
    [
        "Título propio verificado por la Fundación madri+d",
        "University-specific qualification verified by the madri+d Foundation",
    ],
    [
        "Accreditamento periodico della sede e dei corsi da parte dell'ANVUR",
        "Periodic accreditation of the university and its courses by ANVUR",
    ],
    [
        "Institutional audit by the Finnish Education Evaluation Centre (FINEEC)",
        "Institutional audit by the Finnish Education Evaluation Centre (FINEEC)",
    ],
    [
        "Validated under the university's QQI-approved quality assurance procedures",
        "Validated under the university's QQI-approved quality assurance procedures",
    ],
    [
        "Institutional quality assurance assessment by NVAO (positive outcome)",
        "Institutional quality assurance assessment by NVAO (positive outcome)",
    ],
];

/// Where each institution teaches on site, in its own language.
pub const CAMPUS: [&str; 8] = [
    "Campus München",
    "Campus Démo, Lyon",
    "Kampus Demo, Kraków",
    "Campus Demo, Madrid",
    "Sede Demo, Bologna",
    "Helsinki Demo Campus",
    "City Campus, Dublin",
    "Campus Demo, Utrecht",
];

/// "Learning outcomes:" per language, for formats that carry outcomes in the description.
pub const OUTCOMES_HEADING: [&str; 6] = [
    "Learning outcomes:",
    "Lernergebnisse:",
    "Acquis d'apprentissage :",
    "Resultados de aprendizaje:",
    "Obiettivi formativi:",
    "Efekty uczenia się:",
];

/// "ECTS credits: {}" per language, for formats without a workload element.
pub const CREDITS_SENTENCE: [&str; 6] = [
    "ECTS credits: {}.",
    "ECTS-Punkte: {}.",
    "Crédits ECTS : {}.",
    "Créditos ECTS: {}.",
    "Crediti ECTS: {}.",
    "Punkty ECTS: {}.",
];

const PREREQUISITE_ADVANCED: [&str; 6] = [
    "Completion of an introductory course in {} or equivalent experience.",
    "Abschluss eines Einführungskurses im Bereich {} oder gleichwertige Erfahrung.",
    "Avoir suivi un cours d'introduction en {} ou expérience équivalente.",
    "Haber cursado una introducción a {} o experiencia equivalente.",
    "Aver frequentato un corso introduttivo di {} o esperienza equivalente.",
    "Ukończony kurs wprowadzający z zakresu: {} lub równoważne doświadczenie.",
];

/// The certificate programme a stackable record counts towards; `{}` is a topic.
const CERTIFICATE: [&str; 6] = [
    "certificate programme in {}",
    "Zertifikatsprogramm {}",
    "certificat universitaire en {}",
    "certificado de {}",
    "certificato di {}",
    "program certyfikatu: {}",
];

/// "Counts towards {certificate} (15 ECTS)" per language.
const STACKABILITY: [&str; 6] = [
    "Can be stacked towards the {} (15 ECTS).",
    "Anrechenbar auf das {} (15 ECTS).",
    "Capitalisable dans le {} (15 ECTS).",
    "Acumulable para el {} (15 ECTS).",
    "Riconoscibile nel {} (15 ECTS).",
    "Możliwość zaliczenia w ramach: {} (15 ECTS).",
];

/// Outcome verbs with their object in place (`{}`), `[en, de, fr, es, it, pl, de with
/// zu]`, aligned with [`vocab::VERBS`] (same meaning, same synonym column).
pub const VERB_PHRASES: [[[&str; 7]; 2]; 8] = [
    [
        [
            "analyse {}",
            "{} analysieren",
            "analyser {}",
            "analizar {}",
            "analizzare {}",
            "analizować {}",
            "{} zu analysieren",
        ],
        [
            "examine {}",
            "{} untersuchen",
            "examiner {}",
            "examinar {}",
            "esaminare {}",
            "badać {}",
            "{} zu untersuchen",
        ],
    ],
    [
        [
            "design {}",
            "{} entwerfen",
            "concevoir {}",
            "diseñar {}",
            "progettare {}",
            "projektować {}",
            "{} zu entwerfen",
        ],
        [
            "develop {}",
            "{} entwickeln",
            "élaborer {}",
            "desarrollar {}",
            "sviluppare {}",
            "opracowywać {}",
            "{} zu entwickeln",
        ],
    ],
    [
        [
            "evaluate {}",
            "{} bewerten",
            "évaluer {}",
            "evaluar {}",
            "valutare {}",
            "oceniać {}",
            "{} zu bewerten",
        ],
        [
            "assess {}",
            "{} beurteilen",
            "apprécier {}",
            "valorar {}",
            "giudicare {}",
            "weryfikować {}",
            "{} zu beurteilen",
        ],
    ],
    [
        [
            "apply appropriate methods to {}",
            "geeignete Methoden auf {} anwenden",
            "appliquer des méthodes appropriées à {}",
            "aplicar métodos adecuados a {}",
            "applicare metodi adeguati a {}",
            "stosować odpowiednie metody w obszarze: {}",
            "geeignete Methoden auf {} anzuwenden",
        ],
        [
            "use digital tools for {}",
            "digitale Werkzeuge für {} einsetzen",
            "utiliser des outils numériques pour {}",
            "usar herramientas digitales para {}",
            "usare strumenti digitali per {}",
            "używać narzędzi cyfrowych w obszarze: {}",
            "digitale Werkzeuge für {} einzusetzen",
        ],
    ],
    [
        [
            "explain {}",
            "{} erklären",
            "expliquer {}",
            "explicar {}",
            "spiegare {}",
            "wyjaśniać {}",
            "{} zu erklären",
        ],
        [
            "describe {}",
            "{} beschreiben",
            "décrire {}",
            "describir {}",
            "descrivere {}",
            "opisywać {}",
            "{} zu beschreiben",
        ],
    ],
    [
        [
            "implement {}",
            "{} umsetzen",
            "mettre en œuvre {}",
            "implementar {}",
            "implementare {}",
            "wdrażać {}",
            "{} umzusetzen",
        ],
        [
            "carry out {}",
            "{} durchführen",
            "réaliser {}",
            "llevar a cabo {}",
            "realizzare {}",
            "realizować {}",
            "{} durchzuführen",
        ],
    ],
    [
        [
            "communicate results on {}",
            "Ergebnisse über {} präsentieren",
            "communiquer des résultats sur {}",
            "comunicar resultados sobre {}",
            "comunicare risultati su {}",
            "prezentować wyniki w obszarze: {}",
            "Ergebnisse über {} zu präsentieren",
        ],
        [
            "report on {}",
            "über {} berichten",
            "rendre compte de {}",
            "informar sobre {}",
            "riferire su {}",
            "przygotowywać raporty w obszarze: {}",
            "über {} zu berichten",
        ],
    ],
    [
        [
            "plan {}",
            "{} planen",
            "planifier {}",
            "planificar {}",
            "pianificare {}",
            "planować {}",
            "{} zu planen",
        ],
        [
            "organise {}",
            "{} organisieren",
            "organiser {}",
            "organizar {}",
            "organizzare {}",
            "organizować {}",
            "{} zu organisieren",
        ],
    ],
];

/// The title template `template` of [`vocab::TITLE_TEMPLATES`] in `lang`, rewritten where
/// the corpus's would need an article or agreement with the topic.
pub fn title_template(template: usize, lang: usize) -> &'static str {
    match (template, LANGUAGES[lang]) {
        (0, "fr") => "{} : introduction",
        (1, "fr") => "{} : les fondamentaux",
        (4, "fr") => "{} : approche appliquée",
        (0, "es") => "Curso introductorio de {}",
        (4, "es") => "{}: enfoque aplicado",
        (4, "pl") => "{} – ujęcie praktyczne",
        _ => vocab::TITLE_TEMPLATES[template][lang],
    }
}

/// The description sentence `s` of [`vocab::DESCRIPTION_SENTENCES`] in `lang`, rewritten
/// where the corpus's would need a case or an article the topic does not carry.
pub fn sentence(s: usize, lang: usize) -> &'static str {
    match (s, LANGUAGES[lang]) {
        (0, "de") => {
            "Der Kurs bietet einen strukturierten Überblick über das Themenfeld {} und aktuelle Forschungsfragen."
        }
        (2, "de") => {
            "Wöchentliche Vorlesungen werden mit Seminaren und angeleiteten Übungen im Themenfeld {} kombiniert."
        }
        (3, "de") => {
            "Das Modul bereitet auf ein weiterführendes Studium und die Berufspraxis im Bereich {} vor."
        }
        (4, "de") => {
            "Vorkenntnisse im Bereich {} sind nicht erforderlich; digitale Grundkenntnisse werden erwartet."
        }
        (5, "de") => "Gäste aus Wirtschaft und Verwaltung diskutieren Fragen aus dem Bereich {}.",
        (6, "de") => {
            "Der Kurs findet in kleinen Gruppen mit individueller Betreuung im Themenfeld {} statt."
        }
        (7, "de") => {
            "Ethische und rechtliche Aspekte des Themenfelds {} werden durchgehend behandelt."
        }
        (0, "fr") => {
            "Ce cours propose une vue d'ensemble structurée du domaine et des questions de recherche actuelles en {}."
        }
        (2, "fr") => {
            "Des cours hebdomadaires sont combinés avec des séminaires et des exercices guidés en {}."
        }
        (5, "fr") => {
            "Des intervenants de l'industrie et de l'administration interviennent sur des questions de {}."
        }
        (7, "fr") => {
            "Les aspects éthiques et juridiques sont abordés tout au long du cours, en lien avec les enjeux de {}."
        }
        (5, "es") => {
            "Ponentes de la industria y de la administración pública tratan cuestiones de {}."
        }
        _ => vocab::DESCRIPTION_SENTENCES[s][lang],
    }
}

/// Prepositions contracted with the articles that follow them, and French elision
/// ("de apprentissage" → "d'apprentissage").
pub fn contract(text: &str, lang: usize) -> String {
    let pairs: &[(&str, &str)] = match LANGUAGES[lang] {
        "fr" => &[
            (" à le ", " au "),
            (" à les ", " aux "),
            (" de le ", " du "),
            (" de les ", " des "),
            (" de des ", " des "),
            (" de une ", " d'une "),
            (" de un ", " d'un "),
        ],
        "es" => &[(" a el ", " al "), (" de el ", " del ")],
        "it" => &[
            (" a il ", " al "),
            (" di il ", " del "),
            (" su il ", " sul "),
            (" a la ", " alla "),
            (" di la ", " della "),
            (" su la ", " sulla "),
            (" a l'", " all'"),
            (" di l'", " dell'"),
            (" su l'", " sull'"),
        ],
        _ => &[],
    };
    let mut out = text.to_owned();
    for (from, to) in pairs {
        out = out.replace(from, to);
    }
    if LANGUAGES[lang] == "fr" {
        const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'é', 'è', 'ê', 'â', 'î', 'ô', 'œ'];
        let mut elided = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find(" de ") {
            let after = &rest[at + 4..];
            elided.push_str(&rest[..at]);
            if after.starts_with(VOWELS) {
                elided.push_str(" d'");
            } else {
                elided.push_str(" de ");
            }
            rest = after;
        }
        elided.push_str(rest);
        out = elided;
    }
    out
}

/// The language code of index `lang`.
pub fn code(lang: usize) -> &'static str {
    LANGUAGES[lang]
}

/// The languages a record's description and outcomes are written in.
pub fn text_languages(course: &Course) -> Vec<usize> {
    let own = course.institution().lang;
    if own != EN && course.english == English::Full {
        vec![own, EN]
    } else {
        vec![own]
    }
}

/// The languages a record's title is written in.
pub fn title_languages(course: &Course) -> Vec<usize> {
    let own = course.institution().lang;
    if own != EN && course.english != English::No {
        vec![own, EN]
    } else {
        vec![own]
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn in_languages(languages: &[usize], text: impl Fn(usize) -> String) -> Lt {
    Lt(languages
        .iter()
        .map(|lang| (code(*lang), text(*lang)))
        .collect())
}

/// The title in `lang`.
pub fn title(course: &Course, lang: usize) -> String {
    let field = &FIELDS[course.field];
    let topic = field.topics[course.topic][lang];
    let mut title = title_template(course.template, lang).replace("{}", topic);
    if let Some(qualifier) = course.qualifier {
        title.push_str(" – ");
        title.push_str(vocab::TITLE_QUALIFIERS[qualifier][lang]);
    }
    capitalise(&contract(&title, lang))
}

/// One learning outcome in `lang`.
fn outcome(course: &Course, k: usize, lang: usize) -> String {
    let lead = vocab::OUTCOME_LEADS[course.lead % vocab::OUTCOME_LEADS.len()][lang];
    // German after "in der Lage," takes the zu-infinitive (the last column).
    let column = if lang == 1 && lead.ends_with(',') && course.institution().outcome_sentences {
        6
    } else {
        lang
    };
    let synonym = usize::from(course.synonyms);
    let field = &FIELDS[course.field];
    let topic = field.topics[course.topic][lang];
    let phrase = match course.outcomes[k] {
        Outcome::Concepts => TOPIC_PHRASES[0][synonym][column].replace("{}", topic),
        Outcome::Project => TOPIC_PHRASES[1][synonym][column].replace("{}", topic),
        Outcome::Ethics => TOPIC_PHRASES[2][synonym][column].replace("{}", topic),
        Outcome::Act { object, verb } => {
            let name = field.objects[object][EN];
            // Objects that cannot be built are analysed, evaluated or explained instead.
            let verb = match verb {
                1 if !CONSTRUCTIBLE.contains(&name) => 2,
                5 if !CONSTRUCTIBLE.contains(&name) => 4,
                7 if !CONSTRUCTIBLE.contains(&name) => 0,
                other => other,
            };
            VERB_PHRASES[verb][synonym][column].replace("{}", field.objects[object][lang])
        }
    };
    if course.institution().outcome_sentences {
        contract(&format!("{lead} {phrase}."), lang)
    } else {
        capitalise(&contract(&format!("{phrase}."), lang))
    }
}

/// Outcomes about the topic itself (`{}`): its concepts, a project in it, its ethical and
/// legal questions; `[en, de, fr, es, it, pl, de with zu]`, two wordings each.
pub const TOPIC_PHRASES: [[[&str; 7]; 2]; 3] = [
    [
        [
            "explain the core concepts and methods of {}",
            "zentrale Konzepte und Methoden des Themenfelds {} erklären",
            "expliquer les concepts et méthodes clés en {}",
            "explicar los conceptos y métodos fundamentales de {}",
            "spiegare i concetti e i metodi fondamentali di {}",
            "wyjaśniać kluczowe pojęcia i metody z zakresu: {}",
            "zentrale Konzepte und Methoden des Themenfelds {} zu erklären",
        ],
        [
            "describe the key ideas and techniques of {}",
            "die wichtigsten Ideen und Techniken des Themenfelds {} beschreiben",
            "décrire les idées et techniques essentielles en {}",
            "describir las ideas y técnicas esenciales de {}",
            "descrivere le idee e le tecniche essenziali di {}",
            "opisywać najważniejsze idee i techniki z zakresu: {}",
            "die wichtigsten Ideen und Techniken des Themenfelds {} zu beschreiben",
        ],
    ],
    [
        [
            "carry out a small project in {} from question to result",
            "ein eigenes Projekt im Bereich {} von der Fragestellung bis zum Ergebnis durchführen",
            "mener un projet en {}, de la question au résultat",
            "llevar a cabo un proyecto de {} desde la pregunta hasta el resultado",
            "realizzare un progetto di {} dalla domanda al risultato",
            "zrealizować projekt w obszarze: {} od pytania do wyniku",
            "ein eigenes Projekt im Bereich {} von der Fragestellung bis zum Ergebnis durchzuführen",
        ],
        [
            "complete a practical project in {} and present its results",
            "ein Praxisprojekt im Bereich {} abschließen und seine Ergebnisse vorstellen",
            "réaliser un projet pratique en {} et en présenter les résultats",
            "completar un proyecto práctico de {} y presentar sus resultados",
            "completare un progetto pratico di {} e presentarne i risultati",
            "zrealizować praktyczny projekt w obszarze: {} i przedstawić jego wyniki",
            "ein Praxisprojekt im Bereich {} abzuschließen und seine Ergebnisse vorzustellen",
        ],
    ],
    [
        [
            "assess the ethical and legal implications of {}",
            "ethische und rechtliche Fragen des Themenfelds {} beurteilen",
            "apprécier les enjeux éthiques et juridiques de {}",
            "valorar las implicaciones éticas y jurídicas de {}",
            "valutare le implicazioni etiche e giuridiche di {}",
            "oceniać etyczne i prawne aspekty zagadnień: {}",
            "ethische und rechtliche Fragen des Themenfelds {} zu beurteilen",
        ],
        [
            "reflect on the ethical and legal questions raised by {}",
            "über ethische und rechtliche Fragen im Bereich {} reflektieren",
            "analyser les questions éthiques et juridiques soulevées en {}",
            "reflexionar sobre las cuestiones éticas y jurídicas en el ámbito de {}",
            "riflettere sulle questioni etiche e giuridiche nell'ambito di {}",
            "analizować etyczne i prawne kwestie w obszarze: {}",
            "über ethische und rechtliche Fragen im Bereich {} zu reflektieren",
        ],
    ],
];

/// Objects of outcomes that can be designed, implemented or planned; the others are
/// analysed, evaluated or explained ("design gene expression" reads wrong).
const CONSTRUCTIBLE: [&str; 29] = [
    "lesson plans",
    "formative feedback",
    "online learning environments",
    "curriculum standards",
    "scholarly arguments",
    "economic incentives",
    "public policies",
    "questionnaires",
    "project schedules",
    "customer journeys",
    "processing agreements",
    "regression models",
    "neural networks",
    "data pipelines",
    "container deployments",
    "unit tests",
    "SQL queries",
    "photovoltaic plants",
    "control loops",
    "load-bearing structures",
    "battery systems",
    "livestock housing",
    "care plans",
    "clinical trials",
    "case management",
    "visitor flows",
    "risk assessments",
    "transport routes",
    "guest services",
];

/// The learning outcomes in `lang` as one paragraph under a heading.
pub fn outcomes_paragraph(course: &Course, lang: usize) -> Option<String> {
    if !course.states_outcomes {
        return None;
    }
    let items: Vec<String> = (0..course.outcomes.len())
        .map(|k| outcome(course, k, lang))
        .collect();
    Some(format!("{} {}", OUTCOMES_HEADING[lang], items.join(" ")))
}

/// The record's words.
pub fn texts(course: &Course) -> Texts {
    let field = &FIELDS[course.field];
    let topic = |lang: usize| field.topics[course.topic][lang];
    let second = |lang: usize| field.topics[course.second_topic][lang];
    let languages = text_languages(course);
    let title = in_languages(&title_languages(course), |lang| title(course, lang));
    // "No prior knowledge ... is required" closes a description.
    let mut sentences = course.sentences;
    sentences.sort_by_key(|s| *s == 4);
    let description = in_languages(&languages, |lang| {
        sentences
            .iter()
            .enumerate()
            .map(|(k, s)| {
                contract(
                    &sentence(*s, lang)
                        .replace("{}", if k == 1 { second(lang) } else { topic(lang) }),
                    lang,
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    });
    let outcomes = if course.states_outcomes {
        (0..course.outcomes.len())
            .map(|k| in_languages(&languages, |lang| outcome(course, k, lang)))
            .collect()
    } else {
        Vec::new()
    };
    let assessment = course.assessment.map_or_else(Lt::default, |a| {
        in_languages(&languages, |lang| vocab::ASSESSMENTS[a][lang].to_owned())
    });
    let own = course.institution().lang;
    let quality = match course.quality {
        None => Lt::default(),
        Some(None) => in_languages(&languages, |lang| {
            QUALITY[course.institution][usize::from(lang != own)].to_owned()
        }),
        Some(Some(q)) => in_languages(&languages, |lang| {
            vocab::QUALITY_ASSURANCE[q][lang].to_owned()
        }),
    };
    let prerequisites = if !course.prerequisites {
        Lt::default()
    } else if course.template == 2 {
        in_languages(&languages, |lang| {
            contract(
                &PREREQUISITE_ADVANCED[lang].replace("{}", topic(lang)),
                lang,
            )
        })
    } else {
        in_languages(&languages, |lang| {
            contract(&sentence(4, lang).replace("{}", topic(lang)), lang)
        })
    };
    let stackability = if course.stackable {
        in_languages(&languages, |lang| {
            STACKABILITY[lang].replace("{}", &certificate(course, lang))
        })
    } else {
        Lt::default()
    };
    Texts {
        title,
        description,
        outcomes,
        assessment,
        quality,
        prerequisites,
        stackability,
        keywords: vec![topic(own).to_owned(), second(own).to_owned()],
    }
}

/// The certificate programme a stackable record counts towards, in `lang`, as a name.
pub fn certificate_name(course: &Course, lang: usize) -> String {
    capitalise(&certificate(course, lang))
}

fn certificate(course: &Course, lang: usize) -> String {
    let second = FIELDS[course.field].topics[course.second_topic][lang];
    CERTIFICATE[lang].replace("{}", second)
}
