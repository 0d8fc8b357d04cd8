//! The feed files: each institution's records written in its format, as its parser in
//! `formats/src/` reads them, with the hand-written records of the first three
//! institutions kept as they were written.
//!
//! Identifiers follow each institution's own scheme (course codes, OAI identifiers, URIs),
//! numbered in catalogue order; [`upstream_id`] is the identifier the clearinghouse keeps
//! as the record's upstream id, which the demo decisions name.

#[path = "feeds/json_feeds.rs"]
mod json_feeds;
#[path = "feeds/xml_feeds.rs"]
mod xml_feeds;

use bench::corpus::vocab::FIELDS;

use crate::network::{Defect, FeedFormat, INSTITUTIONS};
use crate::plan::{Course, Kind};

pub use json_feeds::{clearinghouse_json_array, clearinghouse_json_lines, elm, open_badges};
pub use xml_feeds::{ewp, oai_dc, xcri_cap};

/// The hand-written records of the first three institutions, as they were written for the
/// first demo.
pub mod handwritten {
    /// `demo-tu.json`: a JSON array of five records.
    pub const TU: &str = include_str!("handwritten/demo-tu.json");
    /// `demo-lyon.jsonl`: four JSON Lines records.
    pub const LYON: &str = include_str!("handwritten/demo-lyon.jsonl");
    /// `demo-krakow-oai_dc.xml`: four `<record>`s and a deleted one.
    pub const KRAKOW: &str = include_str!("handwritten/demo-krakow-records.xml");
    /// The upstream ids of the hand-written records (not the deleted one).
    pub const IDS: [(&str, &[&str]); 3] = [
        (
            "demo-tu",
            &[
                "TUD-MC-DS-101",
                "TUD-MC-ML-201",
                "TUD-K-ENERG-310",
                "TUD-MC-CYB-110",
                "TUD-K-STAT-120",
            ],
        ),
        (
            "demo-lyon",
            &[
                "UDL-MC-DATA-01",
                "UDL-MC-CLIM-02",
                "UDL-UE-ENER-03",
                "UDL-MC-FLE-04",
            ],
        ),
        (
            "demo-krakow",
            &[
                "oai:demo-krakow.example:course/101",
                "oai:demo-krakow.example:course/102",
                "oai:demo-krakow.example:course/103",
                "oai:demo-krakow.example:course/104",
            ],
        ),
    ];
}

/// Writes the feed of institution `index` with its generated `courses`.
pub fn feed(index: usize, courses: &[Course]) -> String {
    match INSTITUTIONS[index].format {
        FeedFormat::ClearinghouseJsonArray => clearinghouse_json_array(courses),
        FeedFormat::ClearinghouseJsonLines => clearinghouse_json_lines(courses),
        FeedFormat::OaiDc => oai_dc(courses),
        FeedFormat::Elm => elm(index, courses),
        FeedFormat::Ewp => ewp(courses),
        FeedFormat::OpenBadges => open_badges(courses),
        FeedFormat::XcriCap => xcri_cap(courses),
    }
}

/// The initials of the English topic (`machine learning` → `ML`), or its first three
/// letters when it is one word (`robotics` → `ROB`).
pub fn abbreviation(course: &Course) -> String {
    let topic = course.topic_en();
    let words: Vec<&str> = topic.split_whitespace().collect();
    if words.len() == 1 {
        topic.chars().take(3).collect::<String>().to_uppercase()
    } else {
        words
            .iter()
            .filter_map(|word| word.chars().next())
            .collect::<String>()
            .to_uppercase()
    }
}

/// The department code of a field, for course codes.
fn department(field: usize) -> &'static str {
    [
        "EDUC", "HUMN", "SOCS", "BUSN", "MATH", "COMP", "ENGR", "AGRI", "HLTH", "SERV",
    ][field]
}

/// The course code the institution gives the record.
pub fn course_code(course: &Course) -> String {
    let abbr = abbreviation(course);
    let n = course.serial;
    match course.institution().id {
        "demo-tu" => {
            let kind = match course.kind {
                Kind::MicroCredential | Kind::Badge => "MC",
                Kind::Module => "M",
                Kind::Course | Kind::Mooc => "K",
            };
            format!("TUD-{kind}-{abbr}-{}", 311 + n)
        }
        "demo-lyon" => {
            let kind = match course.kind {
                Kind::MicroCredential | Kind::Badge | Kind::Mooc => "MC",
                Kind::Course | Kind::Module => "UE",
            };
            format!("UDL-{kind}-{abbr}-{:02}", 5 + n)
        }
        "demo-krakow" => format!("{}", 110 + n),
        "demo-madrid" => format!("UDM-{abbr}-{:03}", 101 + n),
        "demo-bologna" => format!("UDB-{abbr}-{:03}", 1 + n),
        "demo-helsinki" => format!("HDUAS-{abbr}-{:02}", 1 + n),
        "demo-dublin" => format!("{}{}", department(course.field), 1001 + n),
        "demo-utrecht" => format!("HDU-{abbr}-{:03}", 1 + n),
        other => unreachable!("no course codes for {other}"),
    }
}

/// The course code as people cite it (`course/142` for Kraków's bare numbers).
pub fn display_code(course: &Course) -> String {
    match course.institution().id {
        "demo-krakow" => format!("course/{}", course_code(course)),
        _ => course_code(course),
    }
}

/// The identifier the clearinghouse keeps as the record's upstream id; `None` for the
/// broken record that has none.
pub fn upstream_id(course: &Course) -> Option<String> {
    if course.defect == Some(Defect::NoIdentifier) {
        return None;
    }
    let code = course_code(course);
    let domain = course.institution().domain;
    Some(match course.institution().id {
        "demo-tu" | "demo-lyon" => code,
        "demo-krakow" => format!("oai:{domain}:course/{code}"),
        "demo-madrid" => format!("https://data.{domain}/oferta/{code}"),
        "demo-bologna" => format!("CR/{}-{code}", course.isced),
        "demo-helsinki" => format!(
            "https://badges.{domain}/achievements/{}",
            code.to_lowercase()
        ),
        "demo-dublin" => format!("https://www.{domain}/courses/{code}"),
        "demo-utrecht" => format!("https://qdr.{domain}/loq/{code}"),
        other => unreachable!("no upstream ids for {other}"),
    })
}

/// The offer's page at the institution.
pub fn page(course: &Course) -> String {
    let code = course_code(course).to_lowercase();
    let home = course.institution().homepage;
    let path = match course.institution().id {
        "demo-tu" => "weiterbildung",
        "demo-lyon" => "formation",
        "demo-krakow" => "courses",
        "demo-madrid" => "formacion",
        "demo-bologna" => "insegnamenti",
        "demo-helsinki" => "badges",
        "demo-dublin" => "courses",
        _ => "microcredentials",
    };
    format!("{home}{path}/{code}")
}

/// A number as a feed writes it: `5`, `7.5`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// The English label of the record's field, for keyword lists.
pub fn field_label(course: &Course) -> &'static str {
    [
        "Education",
        "Arts and humanities",
        "Social sciences",
        "Business, administration and law",
        "Natural sciences, mathematics and statistics",
        "Information and communication technologies",
        "Engineering, manufacturing and construction",
        "Agriculture, forestry, fisheries and veterinary",
        "Health and welfare",
        "Services",
    ][course.field]
}

/// The topic of the record in its institution's language (a subject keyword).
pub fn topic_in_own_language(course: &Course) -> &'static str {
    FIELDS[course.field].topics[course.topic][course.institution().lang]
}
