//! The demo network as data: its institutions (who they are, what they teach, which
//! format they publish), the overlap groups (the same course at two to four of them) and
//! the defects of the broken feed.

use crate::plan::{Kind, Mode};

/// The feed formats of the network, as the `format` key of a source names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    /// `clearinghouse-json`, a JSON array.
    ClearinghouseJsonArray,
    /// `clearinghouse-json`, JSON Lines.
    ClearinghouseJsonLines,
    /// `oai_dc`, a saved OAI-PMH `ListRecords` response.
    OaiDc,
    /// `elm`, an ELM v3 JSON-LD `@graph` of learning opportunities.
    Elm,
    /// `ewp`, an EWP Courses API `courses-response`.
    Ewp,
    /// `open-badges`, an array of Open Badges 3.0 `Achievement`s.
    OpenBadges,
    /// `xcri-cap`, an XCRI-CAP 1.2 `catalog`.
    XcriCap,
}

impl FeedFormat {
    /// The `format` of the source in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            FeedFormat::ClearinghouseJsonArray | FeedFormat::ClearinghouseJsonLines => {
                "clearinghouse-json"
            }
            FeedFormat::OaiDc => "oai_dc",
            FeedFormat::Elm => "elm",
            FeedFormat::Ewp => "ewp",
            FeedFormat::OpenBadges => "open-badges",
            FeedFormat::XcriCap => "xcri-cap",
        }
    }

    /// How the format is written, for people.
    pub fn shape(self) -> &'static str {
        match self {
            FeedFormat::ClearinghouseJsonArray => "JSON array",
            FeedFormat::ClearinghouseJsonLines => "JSON Lines",
            FeedFormat::OaiDc => "OAI-PMH ListRecords response saved to a file",
            FeedFormat::Elm => "ELM v3 JSON-LD @graph of learning opportunities",
            FeedFormat::Ewp => "EWP Courses API courses-response",
            FeedFormat::OpenBadges => "array of Open Badges 3.0 Achievements",
            FeedFormat::XcriCap => "XCRI-CAP 1.2 catalog",
        }
    }
}

/// One publishing institution.
#[derive(Debug)]
pub struct Institution {
    /// Source id.
    pub id: &'static str,
    /// Its name, as the configuration and its own feed give it.
    pub name: &'static str,
    /// The language of its name (BCP 47), as its feed tags it.
    pub name_lang: &'static str,
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    /// ISO 3166-1 alpha-3, for the EU country authority URIs of ELM.
    pub country_alpha3: &'static str,
    /// Where it is.
    pub city: &'static str,
    /// Index in [`bench::corpus::vocab::LANGUAGES`] of the language it publishes in.
    pub lang: usize,
    /// Its domain under `.example`.
    pub domain: &'static str,
    /// Its home page.
    pub homepage: &'static str,
    /// What it publishes in.
    pub format: FeedFormat,
    /// The feed's file name in `demo/feeds/`.
    pub file: &'static str,
    /// Relative weights of the ten ISCED-F fields of [`bench::corpus::vocab::FIELDS`] in
    /// its catalogue.
    pub fields: [u32; 10],
    /// How many records besides its overlap-group members and hand-written records.
    pub others: usize,
    /// The kinds of offer it publishes, with weights.
    pub kinds: &'static [(Kind, u32)],
    /// Hours of study per ECTS credit it states.
    pub hours_per_ects: f64,
    /// Share of records that also come with an English version (for an institution not
    /// publishing in English).
    pub english: f64,
    /// When the demo configuration harvests it.
    pub schedule: &'static str,
    /// The form of participation most of its offers take, with the others as a weight.
    pub modes: [(Mode, u32); 3],
    /// Whether its outcomes are sentences ("The learner can ...") rather than bare
    /// phrases under a heading ("Implement ...").
    pub outcome_sentences: bool,
}

/// Index of Technische Universität Demo.
pub const TU: usize = 0;
/// Index of Université Démo de Lyon.
pub const LYON: usize = 1;
/// Index of Demo University of Kraków.
pub const KRAKOW: usize = 2;
/// Index of Universidad Demo de Madrid.
pub const MADRID: usize = 3;
/// Index of Università Demo di Bologna.
pub const BOLOGNA: usize = 4;
/// Index of Helsinki Demo University of Applied Sciences.
pub const HELSINKI: usize = 5;
/// Index of Dublin Demo Technological University.
pub const DUBLIN: usize = 6;
/// Index of Hogeschool Demo Utrecht.
pub const UTRECHT: usize = 7;

const ON_CAMPUS: [(Mode, u32); 3] = [(Mode::OnSite, 6), (Mode::Blended, 3), (Mode::Online, 1)];
const MIXED: [(Mode, u32); 3] = [(Mode::OnSite, 4), (Mode::Blended, 3), (Mode::Online, 3)];
const DISTANCE: [(Mode, u32); 3] = [(Mode::OnSite, 1), (Mode::Blended, 3), (Mode::Online, 6)];

/// The network. Field weights are in the order of [`bench::corpus::vocab::FIELDS`]:
/// education, humanities, social sciences, business and law, sciences, ICT, engineering,
/// agriculture, health, services.
pub const INSTITUTIONS: [Institution; 8] = [
    Institution {
        id: "demo-tu",
        name: "Technische Universität Demo",
        name_lang: "de",
        country: "DE",
        country_alpha3: "DEU",
        city: "München",
        lang: 1,
        domain: "tu-demo.example",
        homepage: "https://www.tu-demo.example/",
        format: FeedFormat::ClearinghouseJsonArray,
        file: "demo-tu.json",
        fields: [2, 0, 2, 10, 20, 30, 30, 2, 2, 4],
        others: 30,
        kinds: &[
            (Kind::MicroCredential, 4),
            (Kind::Course, 4),
            (Kind::Module, 2),
        ],
        hours_per_ects: 30.0,
        english: 0.7,
        schedule: "0 0 3 * * *",
        outcome_sentences: true,
        modes: ON_CAMPUS,
    },
    Institution {
        id: "demo-lyon",
        name: "Université Démo de Lyon",
        name_lang: "fr",
        country: "FR",
        country_alpha3: "FRA",
        city: "Lyon",
        lang: 2,
        domain: "univ-demo-lyon.example",
        homepage: "https://www.univ-demo-lyon.example/",
        format: FeedFormat::ClearinghouseJsonLines,
        file: "demo-lyon.jsonl",
        fields: [10, 20, 15, 10, 20, 10, 0, 0, 15, 0],
        others: 29,
        kinds: &[(Kind::MicroCredential, 5), (Kind::Course, 5)],
        hours_per_ects: 25.0,
        english: 0.55,
        schedule: "0 30 3 * * *",
        outcome_sentences: true,
        modes: MIXED,
    },
    Institution {
        id: "demo-krakow",
        name: "Demo University of Kraków",
        name_lang: "en",
        country: "PL",
        country_alpha3: "POL",
        city: "Kraków",
        lang: 5,
        domain: "demo-krakow.example",
        homepage: "https://www.demo-krakow.example/",
        format: FeedFormat::OaiDc,
        file: "demo-krakow-oai_dc.xml",
        fields: [10, 20, 10, 10, 15, 20, 15, 5, 0, 0],
        others: 27,
        kinds: &[
            (Kind::Course, 6),
            (Kind::MicroCredential, 2),
            (Kind::Module, 2),
        ],
        hours_per_ects: 25.0,
        english: 0.75,
        schedule: "0 0 4 * * *",
        outcome_sentences: false,
        modes: ON_CAMPUS,
    },
    Institution {
        id: "demo-madrid",
        name: "Universidad Demo de Madrid",
        name_lang: "es",
        country: "ES",
        country_alpha3: "ESP",
        city: "Madrid",
        lang: 3,
        domain: "universidad-demo-madrid.example",
        homepage: "https://www.universidad-demo-madrid.example/",
        format: FeedFormat::Elm,
        file: "demo-madrid-elm.jsonld",
        fields: [10, 5, 15, 25, 10, 20, 5, 0, 15, 10],
        others: 33,
        kinds: &[
            (Kind::MicroCredential, 5),
            (Kind::Course, 3),
            (Kind::Mooc, 2),
        ],
        hours_per_ects: 25.0,
        english: 0.6,
        schedule: "0 30 4 * * *",
        outcome_sentences: false,
        modes: MIXED,
    },
    Institution {
        id: "demo-bologna",
        name: "Università Demo di Bologna",
        name_lang: "it",
        country: "IT",
        country_alpha3: "ITA",
        city: "Bologna",
        lang: 4,
        domain: "unidemo-bologna.example",
        homepage: "https://www.unidemo-bologna.example/",
        format: FeedFormat::Ewp,
        file: "demo-bologna-ewp.xml",
        fields: [5, 20, 15, 10, 5, 10, 15, 15, 15, 10],
        others: 26,
        kinds: &[(Kind::Course, 7), (Kind::Module, 3)],
        hours_per_ects: 25.0,
        english: 0.7,
        schedule: "0 0 5 * * *",
        outcome_sentences: true,
        modes: ON_CAMPUS,
    },
    Institution {
        id: "demo-helsinki",
        name: "Helsinki Demo University of Applied Sciences",
        name_lang: "en",
        country: "FI",
        country_alpha3: "FIN",
        city: "Helsinki",
        lang: 0,
        domain: "helsinki-demo-uas.example",
        homepage: "https://www.helsinki-demo-uas.example/",
        format: FeedFormat::OpenBadges,
        file: "demo-helsinki-badges.json",
        fields: [10, 5, 5, 20, 0, 25, 10, 0, 20, 15],
        others: 26,
        kinds: &[(Kind::MicroCredential, 5), (Kind::Badge, 5)],
        hours_per_ects: 27.0,
        english: 1.0,
        schedule: "0 30 5 * * *",
        outcome_sentences: false,
        modes: DISTANCE,
    },
    Institution {
        id: "demo-dublin",
        name: "Dublin Demo Technological University",
        name_lang: "en",
        country: "IE",
        country_alpha3: "IRL",
        city: "Dublin",
        lang: 0,
        domain: "dublin-demo-tu.example",
        homepage: "https://www.dublin-demo-tu.example/",
        format: FeedFormat::XcriCap,
        file: "demo-dublin-xcri.xml",
        fields: [0, 5, 10, 20, 15, 25, 20, 0, 5, 10],
        others: 32,
        kinds: &[(Kind::Course, 1)],
        hours_per_ects: 25.0,
        english: 1.0,
        schedule: "0 0 6 * * *",
        outcome_sentences: false,
        modes: MIXED,
    },
    Institution {
        id: "demo-utrecht",
        name: "Hogeschool Demo Utrecht",
        name_lang: "nl",
        country: "NL",
        country_alpha3: "NLD",
        city: "Utrecht",
        lang: 0,
        domain: "hogeschool-demo-utrecht.example",
        homepage: "https://www.hogeschool-demo-utrecht.example/",
        format: FeedFormat::Elm,
        file: "demo-utrecht-elm.jsonld",
        fields: [20, 5, 15, 15, 5, 15, 0, 0, 20, 15],
        others: 31,
        kinds: &[
            (Kind::MicroCredential, 6),
            (Kind::Course, 3),
            (Kind::Module, 1),
        ],
        hours_per_ects: 28.0,
        english: 1.0,
        schedule: "0 30 6 * * *",
        outcome_sentences: true,
        modes: DISTANCE,
    },
];

/// One member of an overlap group: where, and the workload and level it states when
/// they are fixed (the members a demo decision is about), else drawn.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    /// The institution.
    pub institution: usize,
    /// ECTS credits and EQF level, when fixed.
    pub fixed: Option<(f64, u8)>,
}

const fn at(institution: usize) -> Member {
    Member {
        institution,
        fixed: None,
    }
}

const fn fixed(institution: usize, ects: f64, eqf: u8) -> Member {
    Member {
        institution,
        fixed: Some((ects, eqf)),
    }
}

/// The same course at two to four institutions: the first member is the original, the
/// others reword or translate it.
#[derive(Debug)]
pub struct GroupSpec {
    /// A name for the group, used by the decisions.
    pub slug: &'static str,
    /// Index in [`bench::corpus::vocab::FIELDS`].
    pub field: usize,
    /// Index of the topic in the field.
    pub topic: usize,
    /// Where it is offered.
    pub members: &'static [Member],
}

/// The overlap groups. The data-science, renewable-energy and cybersecurity overlaps are
/// the hand-written records of the first three institutions.
pub const GROUPS: [GroupSpec; 28] = [
    GroupSpec {
        slug: "machine-learning",
        field: 5,
        topic: 0,
        members: &[
            fixed(TU, 6.0, 6),
            fixed(MADRID, 6.0, 6),
            at(UTRECHT),
            at(HELSINKI),
        ],
    },
    GroupSpec {
        slug: "cloud-computing",
        field: 5,
        topic: 3,
        members: &[at(TU), at(DUBLIN), at(KRAKOW)],
    },
    GroupSpec {
        slug: "software-engineering",
        field: 5,
        topic: 4,
        members: &[at(DUBLIN), at(BOLOGNA), at(LYON)],
    },
    GroupSpec {
        slug: "relational-databases",
        field: 5,
        topic: 5,
        members: &[at(KRAKOW), at(MADRID), at(HELSINKI)],
    },
    GroupSpec {
        slug: "cybersecurity",
        field: 5,
        topic: 2,
        members: &[at(MADRID), at(DUBLIN), at(HELSINKI)],
    },
    GroupSpec {
        slug: "project-management",
        field: 3,
        topic: 0,
        members: &[at(TU), at(LYON), at(MADRID), at(UTRECHT)],
    },
    GroupSpec {
        slug: "digital-marketing",
        field: 3,
        topic: 2,
        members: &[at(MADRID), at(BOLOGNA), at(HELSINKI)],
    },
    GroupSpec {
        slug: "data-protection-law",
        field: 3,
        topic: 3,
        members: &[at(TU), at(LYON), at(BOLOGNA)],
    },
    GroupSpec {
        slug: "supply-chains",
        field: 3,
        topic: 4,
        members: &[at(UTRECHT), at(DUBLIN)],
    },
    GroupSpec {
        slug: "applied-statistics",
        field: 4,
        topic: 0,
        members: &[fixed(LYON, 5.0, 6), at(KRAKOW), fixed(MADRID, 5.0, 6)],
    },
    GroupSpec {
        slug: "climate-science",
        field: 4,
        topic: 2,
        members: &[at(LYON), at(UTRECHT), at(BOLOGNA)],
    },
    GroupSpec {
        slug: "linear-algebra",
        field: 4,
        topic: 1,
        members: &[at(TU), at(KRAKOW)],
    },
    GroupSpec {
        slug: "robotics",
        field: 6,
        topic: 1,
        members: &[fixed(TU, 5.0, 6), at(BOLOGNA), fixed(DUBLIN, 5.0, 6)],
    },
    GroupSpec {
        slug: "electric-mobility",
        field: 6,
        topic: 3,
        members: &[at(TU), at(MADRID)],
    },
    GroupSpec {
        slug: "additive-manufacturing",
        field: 6,
        topic: 4,
        members: &[at(TU), at(KRAKOW), at(DUBLIN)],
    },
    GroupSpec {
        slug: "public-health",
        field: 8,
        topic: 0,
        members: &[fixed(LYON, 6.0, 6), at(MADRID), fixed(UTRECHT, 4.0, 6)],
    },
    GroupSpec {
        slug: "digital-health",
        field: 8,
        topic: 3,
        members: &[at(HELSINKI), at(UTRECHT), at(BOLOGNA)],
    },
    GroupSpec {
        slug: "palliative-care",
        field: 8,
        topic: 1,
        members: &[at(LYON), at(BOLOGNA)],
    },
    GroupSpec {
        slug: "academic-writing",
        field: 1,
        topic: 1,
        members: &[at(LYON), at(KRAKOW), at(DUBLIN), at(MADRID)],
    },
    GroupSpec {
        slug: "intercultural-communication",
        field: 1,
        topic: 2,
        members: &[at(LYON), at(UTRECHT), at(HELSINKI), at(BOLOGNA)],
    },
    GroupSpec {
        slug: "european-history",
        field: 1,
        topic: 0,
        members: &[at(KRAKOW), at(BOLOGNA)],
    },
    GroupSpec {
        slug: "digital-teaching",
        field: 0,
        topic: 1,
        members: &[at(UTRECHT), at(HELSINKI), at(LYON)],
    },
    GroupSpec {
        slug: "adult-learning",
        field: 0,
        topic: 4,
        members: &[at(UTRECHT), at(TU)],
    },
    GroupSpec {
        slug: "behavioural-economics",
        field: 2,
        topic: 0,
        members: &[fixed(LYON, 5.0, 6), fixed(MADRID, 5.0, 6), at(DUBLIN)],
    },
    GroupSpec {
        slug: "survey-methods",
        field: 2,
        topic: 3,
        members: &[at(KRAKOW), at(LYON)],
    },
    GroupSpec {
        slug: "precision-agriculture",
        field: 7,
        topic: 0,
        members: &[at(BOLOGNA), at(KRAKOW)],
    },
    GroupSpec {
        slug: "sustainable-tourism",
        field: 9,
        topic: 0,
        members: &[fixed(MADRID, 6.0, 6), at(BOLOGNA), fixed(HELSINKI, 2.0, 4)],
    },
    GroupSpec {
        slug: "occupational-safety",
        field: 9,
        topic: 1,
        members: &[fixed(TU, 5.0, 6), fixed(HELSINKI, 3.0, 5)],
    },
];

/// Topics no generated record takes: data science and renewable energy systems, which
/// the hand-written records cover (and the browser tests look for the hand-written
/// data-science credentials by title).
pub const RESERVED_TOPICS: [(usize, usize); 2] = [(5, 1), (6, 0)];

/// What is wrong with a record of the broken feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// Credits written out in words ("cinque"): the workload is unreadable.
    CreditsInWords,
    /// EQF level 9, which does not exist: the level is unreadable.
    EqfLevelNine,
    /// No title in any language: the record fails.
    NoTitle,
    /// No `los-id`: the record fails.
    NoIdentifier,
    /// A start date that is no date (30 February).
    MalformedDate,
}

impl Defect {
    /// Every defect, in the order they are appended to the broken feed.
    pub const ALL: [Defect; 5] = [
        Defect::CreditsInWords,
        Defect::EqfLevelNine,
        Defect::NoTitle,
        Defect::NoIdentifier,
        Defect::MalformedDate,
    ];

    /// Whether the record cannot be read at all (rather than read with an element
    /// unreadable or lost).
    pub fn fails(self) -> bool {
        matches!(self, Defect::NoTitle | Defect::NoIdentifier)
    }

    /// What it is, for the README.
    pub fn describe(self) -> &'static str {
        match self {
            Defect::CreditsInWords => {
                "credits written in words (`<value>cinque</value>`): the record is read, its workload is unreadable"
            }
            Defect::EqfLevelNine => {
                "`<eqfLevelProvided>9</eqfLevelProvided>`: the record is read, its EQF level is unreadable"
            }
            Defect::NoTitle => "no `<title>` in any language: the record fails",
            Defect::NoIdentifier => "no `<los-id>`: the record fails, without an identifier",
            Defect::MalformedDate => {
                "a start date of 30 February (`<start>2027-02-30</start>`): the offer is read without a start date"
            }
        }
    }
}

/// The institution whose feed carries the broken records.
pub const BROKEN: usize = BOLOGNA;
