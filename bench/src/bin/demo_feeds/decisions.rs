//! The recorded demo recognition decisions (`demo/decisions.json`) and the second version
//! of the feed one of them relies on (`demo/updates/`).
//!
//! Each decision names the credential decided on and, for an equivalence, the deciding
//! institution's own credential, by (source id, upstream id), so that the server can
//! resolve them to record ids after the first harvest. The rationales are written from the
//! records' own figures (credits, levels, outcomes), so that they stay true to the feeds.

use bench::corpus::vocab::{self, EN, FIELDS};

use crate::feeds::{self, upstream_id};
use crate::json::J;
use crate::network::{GROUPS, HELSINKI, INSTITUTIONS, LYON, MADRID, TU, UTRECHT};
use crate::plan::{self, Course, Kind};
use crate::text;

/// A credential a decision names.
#[derive(Debug, Clone, Copy)]
enum Ref {
    /// A hand-written record: source id, upstream id.
    Hand(&'static str, &'static str),
    /// The member of an overlap group at an institution.
    Group(&'static str, usize),
}

#[derive(Debug, Clone, Copy)]
enum Outcome {
    Equivalent(Ref),
    Credits(f64),
    Refused,
}

struct Spec {
    institution: usize,
    credential: Ref,
    outcome: Outcome,
    decided_on: &'static str,
    conditions: Option<&'static str>,
    valid_until: Option<&'static str>,
    /// The rationale; `{their_*}` are the credential decided on, `{our_*}` the target
    /// (or the deciding institution's member of the same group).
    rationale: &'static str,
}

/// The group whose Madrid member a decision relies on and whose credits the update
/// changes.
pub const AT_RISK_GROUP: &str = "machine-learning";
/// Its credits before and after the update.
pub const AT_RISK_CREDITS: (f64, f64) = (6.0, 4.0);

const SPECS: [Spec; 10] = [
    Spec {
        institution: TU,
        credential: Ref::Hand("demo-lyon", "UDL-MC-DATA-01"),
        outcome: Outcome::Equivalent(Ref::Hand("demo-tu", "TUD-MC-DS-101")),
        decided_on: "2026-10-14",
        conditions: None,
        valid_until: None,
        rationale: "Compared with our TUD-MC-DS-101: same level (EQF 6) and field (ISCED-F \
                    0688); the three learning outcomes (preparing data, exploring it with \
                    descriptive statistics and visualisation, presenting results to \
                    non-specialists) match ours one to one. Lyon awards 6 ECTS for what we \
                    credit with 5; the extra credit is not carried over. Project and oral \
                    defence, comparable to our assessment. Recognised as equivalent.",
    },
    Spec {
        institution: TU,
        credential: Ref::Group(AT_RISK_GROUP, MADRID),
        outcome: Outcome::Equivalent(Ref::Group(AT_RISK_GROUP, TU)),
        decided_on: "2026-10-16",
        conditions: None,
        valid_until: None,
        rationale: "Madrid's {their_code} ({their_ects} ECTS, EQF {their_eqf}) against our \
                    {our_code} ({our_ects} ECTS, EQF {our_eqf}): same level and workload, same \
                    field (ISCED-F {their_isced}). Its outcomes ({their_outcomes}) cover ours. \
                    No substantial difference. Recognised as equivalent.",
    },
    Spec {
        institution: TU,
        credential: Ref::Group("robotics", crate::network::DUBLIN),
        outcome: Outcome::Equivalent(Ref::Group("robotics", TU)),
        decided_on: "2026-10-20",
        conditions: Some("Only together with the laboratory report of the Dublin course"),
        valid_until: Some("2028-09-30"),
        rationale: "Dublin's {their_code} is {their_ects} ECTS, as our {our_code}. The feed \
                    states no EQF level; the course is a Special Purpose Award at NFQ level 8, \
                    which the Irish referencing report places at EQF 6, our level. Outcomes \
                    ({their_outcomes}) match ours. Equivalent, on condition that the lab \
                    report was part of the assessment.",
    },
    Spec {
        institution: TU,
        credential: Ref::Hand("demo-krakow", "oai:demo-krakow.example:course/103"),
        outcome: Outcome::Refused,
        decided_on: "2026-10-09",
        conditions: None,
        valid_until: None,
        rationale: "The Kraków feed states neither credits, nor an EQF level, nor learning \
                    outcomes for 'Computer network security'; its one-line description \
                    (threats, firewalls, secure remote access) cannot be checked against the \
                    outcomes of our TUD-MC-CYB-110. Without a workload and a level \
                    comparability cannot be established: refused. The applicant may apply \
                    again with the syllabus and a transcript stating the ECTS awarded.",
    },
    Spec {
        institution: TU,
        credential: Ref::Group("occupational-safety", HELSINKI),
        outcome: Outcome::Credits(2.0),
        decided_on: "2026-10-21",
        conditions: None,
        valid_until: None,
        rationale: "The Helsinki {their_kind} states {their_ects} credits without a unit and \
                    EQF {their_eqf}; our {our_code} is {our_ects} ECTS at EQF {our_eqf}, so no \
                    equivalence. The issuer's course page documents about 80 hours of study: \
                    recognised as 2 ECTS of elective credit (Studium Generale).",
    },
    Spec {
        institution: LYON,
        credential: Ref::Hand("demo-tu", "TUD-MC-DS-101"),
        outcome: Outcome::Equivalent(Ref::Hand("demo-lyon", "UDL-MC-DATA-01")),
        decided_on: "2026-10-15",
        conditions: None,
        valid_until: None,
        rationale: "Comparaison avec notre UDL-MC-DATA-01 : même niveau (EQF 6) et même \
                    domaine (CITE 0688) ; acquis d'apprentissage équivalents (préparation des \
                    données, exploration, communication des résultats). 5 ECTS à la TU Demo \
                    contre 6 chez nous : écart mineur, le projet encadré compense. Reconnu \
                    équivalent.",
    },
    Spec {
        institution: LYON,
        credential: Ref::Group("applied-statistics", MADRID),
        outcome: Outcome::Equivalent(Ref::Group("applied-statistics", LYON)),
        decided_on: "2026-10-22",
        conditions: None,
        valid_until: None,
        rationale: "Même niveau (EQF {their_eqf}) et même charge de travail ({their_ects} \
                    ECTS) que notre {our_code} ; acquis d'apprentissage comparables \
                    ({their_outcomes_fr}). Reconnu équivalent.",
    },
    Spec {
        institution: LYON,
        credential: Ref::Group("public-health", UTRECHT),
        outcome: Outcome::Credits(4.0),
        decided_on: "2026-10-23",
        conditions: None,
        valid_until: None,
        rationale: "La formation d'Utrecht ({their_ects} ECTS, EQF {their_eqf}) ne couvre qu'une \
                    partie de notre {our_code} ({our_ects} ECTS) : pas d'équivalence. Reconnu \
                    pour {their_ects} ECTS d'enseignement d'ouverture.",
    },
    Spec {
        institution: MADRID,
        credential: Ref::Group("behavioural-economics", LYON),
        outcome: Outcome::Equivalent(Ref::Group("behavioural-economics", MADRID)),
        decided_on: "2026-10-27",
        conditions: None,
        valid_until: None,
        rationale: "Lyon's {their_code} and our {our_code} are both {their_ects} ECTS at EQF \
                    {their_eqf} in the same field (ISCED-F {their_isced}); the outcomes \
                    ({their_outcomes}) correspond. Equivalent.",
    },
    Spec {
        institution: MADRID,
        credential: Ref::Group("sustainable-tourism", HELSINKI),
        outcome: Outcome::Refused,
        decided_on: "2026-10-28",
        conditions: None,
        valid_until: None,
        rationale: "The Helsinki {their_kind} states {their_ects} credits without a unit at \
                    EQF {their_eqf}; our {our_code} is {our_ects} ECTS at EQF {our_eqf}. The \
                    differences in level and workload are substantial, and the outcomes are \
                    stated only in the description, not assessed one by one. Refused; it may \
                    count as prior learning for the placement instead.",
    },
];

/// The course a group reference names.
pub fn group_member<'a>(courses: &'a [Vec<Course>], slug: &str, institution: usize) -> &'a Course {
    let group = GROUPS
        .iter()
        .position(|g| g.slug == slug)
        .unwrap_or_else(|| panic!("no overlap group {slug}"));
    courses[institution]
        .iter()
        .find(|c| c.group.is_some_and(|(g, _)| g == group))
        .unwrap_or_else(|| panic!("no member of {slug} at {}", INSTITUTIONS[institution].id))
}

fn reference(courses: &[Vec<Course>], reference: Ref) -> J {
    let (source, id) = match reference {
        Ref::Hand(source, id) => (source.to_owned(), id.to_owned()),
        Ref::Group(slug, institution) => (
            INSTITUTIONS[institution].id.to_owned(),
            upstream_id(group_member(courses, slug, institution)).expect("members have ids"),
        ),
    };
    J::obj()
        .with("source", J::s(source))
        .with("upstream_id", J::s(id))
}

/// What a course's outcomes are about, in `lang` (English or French), as a list in words.
fn outcome_objects(course: &Course, lang: usize) -> String {
    let french = lang != EN;
    let topic = FIELDS[course.field].topics[course.topic][lang];
    // The topic's concepts first, however the record orders its outcomes.
    let mut outcomes = course.outcomes.clone();
    outcomes.sort_by_key(|outcome| *outcome != plan::Outcome::Concepts);
    let items: Vec<String> = outcomes
        .iter()
        .map(|outcome| match outcome {
            plan::Outcome::Concepts if french => format!("concepts clés en {topic}"),
            plan::Outcome::Concepts => format!("the core concepts of {topic}"),
            plan::Outcome::Project if french => "un projet".to_owned(),
            plan::Outcome::Project => "a project".to_owned(),
            plan::Outcome::Ethics if french => "enjeux éthiques et juridiques".to_owned(),
            plan::Outcome::Ethics => "ethical and legal questions".to_owned(),
            plan::Outcome::Act { object, .. } => {
                let object = FIELDS[course.field].objects[*object][lang];
                // French objects come with an article ("des modèles"): not in a list.
                ["des ", "une ", "un ", "le ", "la ", "l'"]
                    .iter()
                    .find_map(|article| object.strip_prefix(article))
                    .unwrap_or(object)
                    .to_owned()
            }
        })
        .collect();
    let and = if french { " et " } else { " and " };
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
        None => String::new(),
    }
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "no".to_owned(), feeds::number)
}

fn fill(rationale: &str, theirs: Option<&Course>, ours: Option<&Course>) -> String {
    let mut text = rationale.split_whitespace().collect::<Vec<_>>().join(" ");
    let french = vocab::LANGUAGES
        .iter()
        .position(|l| *l == "fr")
        .unwrap_or(2);
    for (prefix, course) in [("their", theirs), ("our", ours)] {
        let Some(course) = course else { continue };
        let kind = match course.kind {
            Kind::Badge => "badge",
            Kind::MicroCredential => "micro-credential",
            _ => "course",
        };
        let replacements = [
            ("code", feeds::course_code(course)),
            ("ects", figure(course.ects)),
            (
                "eqf",
                course
                    .eqf
                    .map_or_else(|| "not stated".to_owned(), |l| l.to_string()),
            ),
            ("isced", course.isced.to_owned()),
            ("kind", kind.to_owned()),
            ("outcomes_fr", outcome_objects(course, french)),
            ("outcomes", outcome_objects(course, EN)),
            ("title", text::title(course, course.institution().lang)),
        ];
        for (name, value) in replacements {
            text = text.replace(&format!("{{{prefix}_{name}}}"), &value);
        }
    }
    assert!(!text.contains('{'), "unfilled placeholder in {text}");
    text
}

fn course_of(courses: &[Vec<Course>], reference: Ref) -> Option<&Course> {
    match reference {
        Ref::Hand(..) => None,
        Ref::Group(slug, institution) => Some(group_member(courses, slug, institution)),
    }
}

/// `demo/decisions.json`.
pub fn decisions(courses: &[Vec<Course>]) -> String {
    let mut all = Vec::new();
    for spec in &SPECS {
        let theirs = course_of(courses, spec.credential);
        // The deciding institution's course to compare with: the target, else its member
        // of the same overlap group.
        let ours = match (spec.outcome, spec.credential) {
            (Outcome::Equivalent(target), _) => course_of(courses, target),
            (_, Ref::Group(slug, _)) => Some(group_member(courses, slug, spec.institution)),
            _ => None,
        };
        let outcome = match spec.outcome {
            Outcome::Equivalent(target) => J::obj()
                .with("kind", J::s("equivalent"))
                .with("target", reference(courses, target)),
            Outcome::Credits(ects) => J::obj()
                .with("kind", J::s("credits"))
                .with("ects", J::Num(ects)),
            Outcome::Refused => J::obj().with("kind", J::s("refused")),
        };
        all.push(
            J::obj()
                .with("institution", J::s(INSTITUTIONS[spec.institution].id))
                .with("credential", reference(courses, spec.credential))
                .with("outcome", outcome)
                .with("rationale", J::s(fill(spec.rationale, theirs, ours)))
                .with("decided_on", J::s(spec.decided_on))
                .with("conditions", spec.conditions.map_or(J::Null, J::s))
                .with("valid_until", spec.valid_until.map_or(J::Null, J::s)),
        );
    }
    J::Arr(all).pretty(2) + "\n"
}

/// One line per decision for the README: who, about what, what.
pub fn summary(courses: &[Vec<Course>]) -> Vec<String> {
    let name = |reference: Ref| match reference {
        Ref::Hand(source, id) => format!("{source} `{id}`"),
        Ref::Group(slug, institution) => format!(
            "{} `{}` ({slug})",
            INSTITUTIONS[institution].id,
            feeds::display_code(group_member(courses, slug, institution))
        ),
    };
    SPECS
        .iter()
        .map(|spec| {
            let outcome = match spec.outcome {
                Outcome::Equivalent(target) => format!("equivalent to {}", name(target)),
                Outcome::Credits(ects) => format!("{} ECTS of credit", feeds::number(ects)),
                Outcome::Refused => "refused".to_owned(),
            };
            let risk = match spec.credential {
                Ref::Group(AT_RISK_GROUP, MADRID) => " **(at risk after the update)**",
                _ => "",
            };
            format!(
                "{} on {}: {outcome}{risk}",
                INSTITUTIONS[spec.institution].id,
                name(spec.credential)
            )
        })
        .collect()
}

/// Madrid's catalogue after its update: the machine-learning course the TU decision relies
/// on now awards fewer credits.
pub fn updated_madrid(courses: &[Vec<Course>]) -> (Vec<Course>, String) {
    let changed = upstream_id(group_member(courses, AT_RISK_GROUP, MADRID));
    let mut updated = courses[MADRID].clone();
    for course in &mut updated {
        if upstream_id(course) == changed {
            assert_eq!(course.ects, Some(AT_RISK_CREDITS.0));
            course.ects = Some(AT_RISK_CREDITS.1);
            course.modified = (
                crate::plan::Day {
                    year: 2026,
                    month: 11,
                    day: 3,
                },
                9,
                30,
            );
        }
    }
    (updated, changed.expect("the Madrid member has an id"))
}

/// The overlap groups, one JSON object a line: `{"group", "members": [{"source",
/// "upstream_id"}]}`, the hand-written overlaps first.
pub fn groups_json(courses: &[Vec<Course>]) -> Vec<String> {
    let member = |source: &str, id: &str| {
        J::obj()
            .with("source", J::s(source))
            .with("upstream_id", J::s(id))
    };
    let krakow = |n: u32| format!("oai:demo-krakow.example:course/{n}");
    let mut lines = vec![
        J::obj().with("group", J::s("data-science")).with(
            "members",
            J::Arr(vec![
                member("demo-tu", "TUD-MC-DS-101"),
                member("demo-lyon", "UDL-MC-DATA-01"),
                member("demo-krakow", &krakow(101)),
            ]),
        ),
        J::obj().with("group", J::s("renewable-energy")).with(
            "members",
            J::Arr(vec![
                member("demo-tu", "TUD-K-ENERG-310"),
                member("demo-lyon", "UDL-UE-ENER-03"),
                member("demo-krakow", &krakow(102)),
            ]),
        ),
        J::obj().with("group", J::s("network-security")).with(
            "members",
            J::Arr(vec![
                member("demo-tu", "TUD-MC-CYB-110"),
                member("demo-krakow", &krakow(103)),
            ]),
        ),
    ];
    for (g, group) in GROUPS.iter().enumerate() {
        let members: Vec<J> = courses
            .iter()
            .flatten()
            .filter(|c| c.group.is_some_and(|(cg, _)| cg == g))
            .map(|c| {
                member(
                    c.institution().id,
                    &upstream_id(c).expect("members have ids"),
                )
            })
            .collect();
        lines.push(
            J::obj()
                .with("group", J::s(group.slug))
                .with("members", J::Arr(members)),
        );
    }
    lines.iter().map(J::compact).collect()
}
