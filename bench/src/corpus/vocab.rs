//! The words the corpus is composed from: per ISCED-F field, topics and outcome objects in
//! the six languages of the corpus, aligned by position so that a translated near-duplicate
//! says the same thing in another language; title, outcome and description templates per
//! language; the institutions' countries and cities.
//!
//! Every table row is `[en, de, fr, es, it, pl]`, the order of [`LANGUAGES`].

/// The languages of the corpus, in the order of every table row.
pub const LANGUAGES: [&str; 6] = ["en", "de", "fr", "es", "it", "pl"];

/// Index of English in [`LANGUAGES`].
pub const EN: usize = 0;

mod fields;

pub use self::fields::FIELDS;

/// One ISCED-F field: its detailed codes, and what courses in it are about.
pub struct Field {
    /// ISCED-F 2013 detailed field codes of courses in the field.
    pub isced_codes: &'static [&'static str],
    /// Course topics, one row per topic.
    pub topics: &'static [[&'static str; 6]],
    /// Objects of learning outcomes ("what the learner can act on").
    pub objects: &'static [[&'static str; 6]],
}

/// Relative weights of [`FIELDS`] (education, humanities, social sciences, business,
/// sciences, ICT, engineering, agriculture, health, services).
pub const FIELD_WEIGHTS: [u32; 10] = [6, 8, 8, 18, 9, 20, 11, 3, 12, 5];

/// Verbs of learning outcomes; two columns of synonyms so a reworded copy can swap them.
pub const VERBS: [[[&str; 6]; 2]; 8] = [
    [
        [
            "analyse",
            "analysieren",
            "analyser",
            "analizar",
            "analizzare",
            "analizować",
        ],
        [
            "examine",
            "untersuchen",
            "examiner",
            "examinar",
            "esaminare",
            "badać",
        ],
    ],
    [
        [
            "design",
            "entwerfen",
            "concevoir",
            "diseñar",
            "progettare",
            "projektować",
        ],
        [
            "develop",
            "entwickeln",
            "élaborer",
            "desarrollar",
            "sviluppare",
            "opracowywać",
        ],
    ],
    [
        [
            "evaluate", "bewerten", "évaluer", "evaluar", "valutare", "oceniać",
        ],
        [
            "assess",
            "beurteilen",
            "apprécier",
            "valorar",
            "giudicare",
            "weryfikować",
        ],
    ],
    [
        [
            "apply methods to",
            "Methoden anwenden auf",
            "appliquer des méthodes à",
            "aplicar métodos a",
            "applicare metodi a",
            "stosować metody do",
        ],
        [
            "use tools for",
            "Werkzeuge einsetzen für",
            "utiliser des outils pour",
            "usar herramientas para",
            "usare strumenti per",
            "używać narzędzi do",
        ],
    ],
    [
        [
            "explain",
            "erklären",
            "expliquer",
            "explicar",
            "spiegare",
            "wyjaśniać",
        ],
        [
            "describe",
            "beschreiben",
            "décrire",
            "describir",
            "descrivere",
            "opisywać",
        ],
    ],
    [
        [
            "implement",
            "umsetzen",
            "mettre en œuvre",
            "implementar",
            "implementare",
            "wdrażać",
        ],
        [
            "carry out",
            "durchführen",
            "réaliser",
            "llevar a cabo",
            "realizzare",
            "realizować",
        ],
    ],
    [
        [
            "communicate results on",
            "Ergebnisse präsentieren zu",
            "communiquer des résultats sur",
            "comunicar resultados sobre",
            "comunicare risultati su",
            "komunikować wyniki dotyczące",
        ],
        [
            "report on",
            "berichten über",
            "rendre compte de",
            "informar sobre",
            "riferire su",
            "raportować o",
        ],
    ],
    [
        [
            "plan",
            "planen",
            "planifier",
            "planificar",
            "pianificare",
            "planować",
        ],
        [
            "organise",
            "organisieren",
            "organiser",
            "organizar",
            "organizzare",
            "organizować",
        ],
    ],
];

/// Title templates per language; `{}` is the topic.
pub const TITLE_TEMPLATES: [[&str; 6]; 6] = [
    [
        "Introduction to {}",
        "Einführung: {}",
        "Introduction à {}",
        "Introducción a {}",
        "Corso introduttivo di {}",
        "{} – wprowadzenie",
    ],
    [
        "Foundations of {}",
        "Grundlagen: {}",
        "Fondements de {}",
        "Fundamentos de {}",
        "Fondamenti di {}",
        "Podstawy: {}",
    ],
    [
        "Advanced {}",
        "{} für Fortgeschrittene",
        "{} : niveau avancé",
        "Curso avanzado de {}",
        "Corso avanzato di {}",
        "{} – kurs zaawansowany",
    ],
    [
        "{} in practice",
        "{} in der Praxis",
        "{} en pratique",
        "{} en la práctica",
        "{} in pratica",
        "{} w praktyce",
    ],
    [
        "Applied {}",
        "Angewandte Methoden: {}",
        "{} appliquée",
        "{} aplicada",
        "Laboratorio di {}",
        "{} stosowana",
    ],
    ["{}", "{}", "{}", "{}", "{}", "{}"],
];

/// Qualifiers appended to some titles, to spread titles over more distinct strings.
pub const TITLE_QUALIFIERS: [[&str; 6]; 8] = [
    [
        "for professionals",
        "für Berufstätige",
        "pour les professionnels",
        "para profesionales",
        "per professionisti",
        "dla profesjonalistów",
    ],
    [
        "for beginners",
        "für Einsteiger",
        "pour débutants",
        "para principiantes",
        "per principianti",
        "dla początkujących",
    ],
    [
        "with case studies",
        "mit Fallstudien",
        "avec études de cas",
        "con estudios de caso",
        "con casi di studio",
        "ze studiami przypadków",
    ],
    [
        "in the European context",
        "im europäischen Kontext",
        "dans le contexte européen",
        "en el contexto europeo",
        "nel contesto europeo",
        "w kontekście europejskim",
    ],
    [
        "for the public sector",
        "für den öffentlichen Sektor",
        "pour le secteur public",
        "para el sector público",
        "per il settore pubblico",
        "dla sektora publicznego",
    ],
    [
        "summer school",
        "Sommerschule",
        "université d'été",
        "escuela de verano",
        "scuola estiva",
        "szkoła letnia",
    ],
    [
        "online course",
        "Online-Kurs",
        "cours en ligne",
        "curso en línea",
        "corso online",
        "kurs online",
    ],
    [
        "lab course",
        "Laborkurs",
        "travaux pratiques",
        "curso de laboratorio",
        "corso di laboratorio",
        "zajęcia laboratoryjne",
    ],
];

/// Learning-outcome templates per language: the first `{}` is the verb, the second the
/// object (German puts the verb last, see [`outcome`]).
pub const OUTCOME_LEADS: [[&str; 6]; 2] = [
    [
        "The learner can",
        "Die Teilnehmenden können",
        "L'apprenant est capable de",
        "El estudiante es capaz de",
        "Lo studente è in grado di",
        "Uczestnik potrafi",
    ],
    [
        "Participants are able to",
        "Studierende sind in der Lage,",
        "Les participants savent",
        "Los participantes saben",
        "I partecipanti sanno",
        "Student umie",
    ],
];

/// Composes one learning outcome in language `lang`.
pub fn outcome(lang: usize, lead: usize, verb: &str, object: &str) -> String {
    let lead = OUTCOME_LEADS[lead % OUTCOME_LEADS.len()][lang];
    if lang == 1 {
        // German: "Die Teilnehmenden können Datenpipelines analysieren."
        let zu = if lead.ends_with(',') { " zu" } else { "" };
        format!("{lead} {object}{zu} {verb}.")
    } else {
        format!("{lead} {verb} {object}.")
    }
}

/// Description sentences per language; `{}` is a topic.
pub const DESCRIPTION_SENTENCES: [[&str; 6]; 8] = [
    [
        "This course offers a structured overview of {} and its current research questions.",
        "Der Kurs bietet einen strukturierten Überblick über {} und aktuelle Forschungsfragen.",
        "Ce cours propose une vue d'ensemble structurée de {} et des questions de recherche actuelles.",
        "Este curso ofrece una visión estructurada de {} y de las preguntas de investigación actuales.",
        "Il corso offre una panoramica strutturata di {} e delle attuali domande di ricerca.",
        "Kurs zapewnia uporządkowany przegląd zagadnień: {} oraz aktualnych problemów badawczych.",
    ],
    [
        "Participants work on real projects from partner organisations in {}.",
        "Die Teilnehmenden bearbeiten reale Projekte von Partnerorganisationen im Bereich {}.",
        "Les participants travaillent sur des projets réels d'organisations partenaires en {}.",
        "Los participantes trabajan en proyectos reales de organizaciones asociadas en {}.",
        "I partecipanti lavorano su progetti reali di organizzazioni partner in {}.",
        "Uczestnicy realizują rzeczywiste projekty organizacji partnerskich w obszarze: {}.",
    ],
    [
        "Weekly lectures are combined with seminars and guided exercises on {}.",
        "Wöchentliche Vorlesungen werden mit Seminaren und angeleiteten Übungen zu {} kombiniert.",
        "Des cours hebdomadaires sont combinés avec des séminaires et des exercices guidés sur {}.",
        "Las clases semanales se combinan con seminarios y ejercicios guiados sobre {}.",
        "Le lezioni settimanali sono combinate con seminari ed esercitazioni guidate su {}.",
        "Cotygodniowe wykłady łączone są z seminariami i ćwiczeniami z zakresu: {}.",
    ],
    [
        "The module prepares for further study and professional work in {}.",
        "Das Modul bereitet auf ein weiterführendes Studium und die Berufspraxis in {} vor.",
        "Le module prépare à la poursuite d'études et à l'activité professionnelle en {}.",
        "El módulo prepara para estudios posteriores y el trabajo profesional en {}.",
        "Il modulo prepara a studi successivi e al lavoro professionale in {}.",
        "Moduł przygotowuje do dalszych studiów i pracy zawodowej w obszarze: {}.",
    ],
    [
        "No prior knowledge of {} is required; basic digital skills are expected.",
        "Vorkenntnisse in {} sind nicht erforderlich; digitale Grundkenntnisse werden erwartet.",
        "Aucune connaissance préalable en {} n'est requise ; des compétences numériques de base sont attendues.",
        "No se requieren conocimientos previos de {}; se esperan competencias digitales básicas.",
        "Non sono richieste conoscenze pregresse di {}; sono previste competenze digitali di base.",
        "Nie jest wymagana wcześniejsza wiedza z zakresu: {}; oczekiwane są podstawowe umiejętności cyfrowe.",
    ],
    [
        "Guest speakers from industry and public administration discuss {}.",
        "Gäste aus Wirtschaft und Verwaltung diskutieren {}.",
        "Des intervenants de l'industrie et de l'administration abordent {}.",
        "Ponentes de la industria y de la administración pública tratan {}.",
        "Relatori dell'industria e della pubblica amministrazione discutono di {}.",
        "Goście z przemysłu i administracji publicznej omawiają zagadnienia: {}.",
    ],
    [
        "The course is taught in small groups with individual mentoring in {}.",
        "Der Kurs findet in kleinen Gruppen mit individueller Betreuung in {} statt.",
        "Le cours se déroule en petits groupes avec un tutorat individuel en {}.",
        "El curso se imparte en grupos reducidos con tutoría individual en {}.",
        "Il corso si svolge in piccoli gruppi con tutoraggio individuale in {}.",
        "Zajęcia prowadzone są w małych grupach z indywidualnym wsparciem w zakresie: {}.",
    ],
    [
        "Ethical and legal aspects of {} are addressed throughout.",
        "Ethische und rechtliche Aspekte von {} werden durchgehend behandelt.",
        "Les aspects éthiques et juridiques de {} sont abordés tout au long du cours.",
        "Los aspectos éticos y jurídicos de {} se abordan a lo largo del curso.",
        "Gli aspetti etici e giuridici di {} sono trattati durante tutto il corso.",
        "Przez cały kurs omawiane są etyczne i prawne aspekty zagadnień: {}.",
    ],
];

/// Types of assessment per language.
pub const ASSESSMENTS: [[&str; 6]; 5] = [
    [
        "Written exam",
        "Schriftliche Prüfung",
        "Examen écrit",
        "Examen escrito",
        "Esame scritto",
        "Egzamin pisemny",
    ],
    [
        "Project report and presentation",
        "Projektbericht und Präsentation",
        "Rapport de projet et soutenance",
        "Informe de proyecto y presentación",
        "Relazione di progetto e presentazione",
        "Raport z projektu i prezentacja",
    ],
    [
        "Oral exam",
        "Mündliche Prüfung",
        "Examen oral",
        "Examen oral",
        "Esame orale",
        "Egzamin ustny",
    ],
    [
        "Portfolio",
        "Portfolio",
        "Portfolio",
        "Portafolio",
        "Portfolio",
        "Portfolio",
    ],
    [
        "Online quizzes and final assignment",
        "Online-Tests und Abschlussarbeit",
        "Quiz en ligne et devoir final",
        "Cuestionarios en línea y trabajo final",
        "Quiz online e elaborato finale",
        "Testy online i praca końcowa",
    ],
];

/// Types of quality assurance per language.
pub const QUALITY_ASSURANCE: [[&str; 6]; 3] = [
    [
        "Internal quality assurance of the university",
        "Interne Qualitätssicherung der Hochschule",
        "Assurance qualité interne de l'université",
        "Garantía interna de calidad de la universidad",
        "Assicurazione interna della qualità dell'ateneo",
        "Wewnętrzny system zapewniania jakości uczelni",
    ],
    [
        "Accredited by the national accreditation agency",
        "Akkreditiert durch die nationale Akkreditierungsagentur",
        "Accrédité par l'agence nationale d'accréditation",
        "Acreditado por la agencia nacional de acreditación",
        "Accreditato dall'agenzia nazionale di accreditamento",
        "Akredytowany przez krajową agencję akredytacyjną",
    ],
    [
        "Programme review following the ESG",
        "Programmevaluation nach den ESG",
        "Évaluation du programme selon les ESG",
        "Evaluación del programa según los ESG",
        "Valutazione del programma secondo gli ESG",
        "Ocena programu zgodnie z ESG",
    ],
];

/// Institution name patterns per language; `{}` is the city.
pub const INSTITUTION_PATTERNS: [[&str; 4]; 6] = [
    [
        "University of {}",
        "{} University of Technology",
        "{} University of Applied Sciences",
        "{} Business School",
    ],
    [
        "Universität {}",
        "Technische Universität {}",
        "Hochschule {}",
        "Fachhochschule {}",
    ],
    [
        "Université de {}",
        "École polytechnique de {}",
        "Institut universitaire de {}",
        "École de management de {}",
    ],
    [
        "Universidad de {}",
        "Universidad Politécnica de {}",
        "Universidad Técnica de {}",
        "Escuela de Negocios de {}",
    ],
    [
        "Università di {}",
        "Politecnico di {}",
        "Università degli Studi di {}",
        "Scuola Superiore di {}",
    ],
    [
        "Uniwersytet w {}",
        "Politechnika {}",
        "Akademia {}",
        "Szkoła Główna {}",
    ],
];

/// The 30 countries: ISO code, the language of their institutions' records (an index of
/// [`LANGUAGES`]; English where the corpus has no vocabulary of the country's language,
/// as many such institutions publish in English) and cities.
pub const COUNTRIES: [(&str, usize, &[&str]); 30] = [
    (
        "DE",
        1,
        &[
            "Berlin",
            "München",
            "Hamburg",
            "Köln",
            "Leipzig",
            "Dresden",
            "Aachen",
            "Freiburg",
            "Münster",
            "Stuttgart",
        ],
    ),
    ("AT", 1, &["Wien", "Graz", "Innsbruck", "Linz", "Salzburg"]),
    ("CH", 1, &["Zürich", "Bern", "Basel", "Luzern"]),
    (
        "FR",
        2,
        &[
            "Paris",
            "Lyon",
            "Marseille",
            "Toulouse",
            "Lille",
            "Bordeaux",
            "Nantes",
            "Strasbourg",
            "Grenoble",
        ],
    ),
    ("BE", 2, &["Liège", "Namur", "Bruxelles", "Mons"]),
    ("LU", 2, &["Luxembourg"]),
    (
        "ES",
        3,
        &[
            "Madrid",
            "Barcelona",
            "Valencia",
            "Sevilla",
            "Granada",
            "Salamanca",
            "Bilbao",
            "Zaragoza",
        ],
    ),
    (
        "IT",
        4,
        &[
            "Roma", "Milano", "Bologna", "Torino", "Napoli", "Padova", "Firenze", "Pisa",
        ],
    ),
    (
        "PL",
        5,
        &[
            "Warszawa", "Kraków", "Wrocław", "Poznań", "Gdańsk", "Łódź", "Lublin",
        ],
    ),
    (
        "NL",
        0,
        &[
            "Amsterdam",
            "Utrecht",
            "Leiden",
            "Delft",
            "Groningen",
            "Eindhoven",
        ],
    ),
    ("SE", 0, &["Stockholm", "Uppsala", "Lund", "Gothenburg"]),
    ("DK", 0, &["Copenhagen", "Aarhus", "Aalborg"]),
    ("FI", 0, &["Helsinki", "Tampere", "Turku", "Oulu"]),
    ("IE", 0, &["Dublin", "Cork", "Galway", "Limerick"]),
    ("MT", 0, &["Malta"]),
    ("CY", 0, &["Nicosia", "Limassol"]),
    ("GR", 0, &["Athens", "Thessaloniki", "Patras"]),
    ("PT", 0, &["Lisbon", "Porto", "Coimbra", "Braga"]),
    ("CZ", 0, &["Prague", "Brno", "Olomouc"]),
    ("SK", 0, &["Bratislava", "Košice"]),
    ("SI", 0, &["Ljubljana", "Maribor"]),
    ("HR", 0, &["Zagreb", "Split", "Rijeka"]),
    ("HU", 0, &["Budapest", "Debrecen", "Szeged"]),
    ("RO", 0, &["Bucharest", "Cluj-Napoca", "Iași", "Timișoara"]),
    ("BG", 0, &["Sofia", "Plovdiv", "Varna"]),
    ("EE", 0, &["Tallinn", "Tartu"]),
    ("LV", 0, &["Riga", "Jelgava"]),
    ("LT", 0, &["Vilnius", "Kaunas"]),
    ("NO", 0, &["Oslo", "Bergen", "Trondheim"]),
    ("IS", 0, &["Reykjavík", "Akureyri"]),
];
