//! Every generated record of the network before it is written down: the course it
//! describes (field, topic, title template, outcomes, workload, level, offers) and where,
//! in no particular language. [`text`](crate::text) writes it in the institution's
//! language (and English), the format writers of [`feeds`](crate::feeds) in its format.
//!
//! Each draw comes from a SplitMix64 stream under one seed, keyed by what it decides (a
//! group, a member, an institution's n-th other record, the order of a catalogue).

use bench::corpus::SplitMix;
use bench::corpus::vocab::{self, FIELDS};

use crate::network::{BROKEN, Defect, GROUPS, INSTITUTIONS, Institution, RESERVED_TOPICS};

/// The seed of the whole network.
pub const SEED: u64 = 20_261_014;

/// The kind of offer, as its feed names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A micro-credential (ELM: short learning programme).
    MicroCredential,
    /// A course.
    Course,
    /// A module of a programme.
    Module,
    /// A digital badge.
    Badge,
    /// A MOOC (ELM learning-opportunity type; a course in the canonical model).
    Mooc,
}

/// The form of participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Online.
    Online,
    /// On site.
    OnSite,
    /// Blended.
    Blended,
}

impl Mode {
    /// The value of `clearinghouse-json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Online => "online",
            Mode::OnSite => "on-site",
            Mode::Blended => "blended",
        }
    }
}

/// One learning outcome of a record, before it is written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Explains the core concepts and methods of the topic.
    Concepts,
    /// Carries out a project in the topic.
    Project,
    /// Assesses the ethical and legal questions of the topic.
    Ethics,
    /// Acts on an object of the field.
    Act {
        /// Index in the field's objects.
        object: usize,
        /// Index in [`crate::text::VERB_PHRASES`].
        verb: usize,
    },
}

/// How much of a record also comes in English (institutions not publishing in English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum English {
    /// Nothing.
    No,
    /// The title.
    Title,
    /// Title, description and learning outcomes.
    Full,
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year.
    pub year: i64,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day, 1 to 31.
    pub day: u32,
}

impl Day {
    /// The day `days` later (or earlier).
    pub fn plus(self, days: i64) -> Day {
        use chrono::Datelike;
        let date = i32::try_from(self.year)
            .ok()
            .and_then(|year| chrono::NaiveDate::from_ymd_opt(year, self.month, self.day))
            .and_then(|date| date.checked_add_signed(chrono::TimeDelta::days(days)))
            .expect("the demo's days are valid dates");
        Day {
            year: i64::from(date.year()),
            month: date.month(),
            day: date.day(),
        }
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One dated offer.
#[derive(Debug, Clone)]
pub struct OfferPlan {
    /// First day.
    pub start: Day,
    /// Last day.
    pub end: Day,
    /// Last day to apply, if the institution states one.
    pub deadline: Option<Day>,
    /// How it is taught.
    pub mode: Mode,
    /// Index in [`vocab::LANGUAGES`] of its language of instruction.
    pub language: usize,
    /// Fee in euros (`None`: not stated, `Some(0)`: free).
    pub fee: Option<u32>,
}

/// One generated record, before it is written down.
#[derive(Debug, Clone)]
pub struct Course {
    /// Index in [`INSTITUTIONS`].
    pub institution: usize,
    /// Its number in the institution's catalogue (ids are made from it).
    pub serial: usize,
    /// What sort of offer.
    pub kind: Kind,
    /// Index in [`FIELDS`].
    pub field: usize,
    /// The topic of the title.
    pub topic: usize,
    /// The topic the description also names.
    pub second_topic: usize,
    /// Index in [`vocab::TITLE_TEMPLATES`].
    pub template: usize,
    /// Index in [`vocab::TITLE_QUALIFIERS`].
    pub qualifier: Option<usize>,
    /// The learning outcomes, when the record states them.
    pub outcomes: Vec<Outcome>,
    /// Whether the outcomes are written with the synonym phrases (a reworded copy).
    pub synonyms: bool,
    /// Index in [`vocab::OUTCOME_LEADS`].
    pub lead: usize,
    /// Indices in [`vocab::DESCRIPTION_SENTENCES`].
    pub sentences: [usize; 3],
    /// ECTS credits, if stated.
    pub ects: Option<f64>,
    /// EQF level, if stated.
    pub eqf: Option<u8>,
    /// ISCED-F code.
    pub isced: &'static str,
    /// Index in [`vocab::ASSESSMENTS`], if stated.
    pub assessment: Option<usize>,
    /// Quality assurance, if stated: `None` the institution's own, `Some(i)` the i-th of
    /// [`vocab::QUALITY_ASSURANCE`].
    pub quality: Option<Option<usize>>,
    /// Whether the record states learning outcomes.
    pub states_outcomes: bool,
    /// The form of participation.
    pub mode: Mode,
    /// How much also comes in English.
    pub english: English,
    /// Whether it states prerequisites.
    pub prerequisites: bool,
    /// Whether it counts towards a certificate (stackability).
    pub stackable: bool,
    /// Dated offers.
    pub offers: Vec<OfferPlan>,
    /// Its overlap group and place in it.
    pub group: Option<(usize, usize)>,
    /// When the publisher last changed it.
    pub modified: (Day, u32, u32),
    /// What is wrong with it (the broken feed only).
    pub defect: Option<Defect>,
}

impl Course {
    /// The institution publishing it.
    pub fn institution(&self) -> &'static Institution {
        &INSTITUTIONS[self.institution]
    }

    /// The topic in English.
    pub fn topic_en(&self) -> &'static str {
        FIELDS[self.field].topics[self.topic][vocab::EN]
    }

    /// Workload in hours, from the credits.
    pub fn hours(&self) -> Option<f64> {
        self.ects
            .map(|ects| (ects * self.institution().hours_per_ects).round())
    }

    /// `modified` as an RFC 3339 timestamp.
    pub fn modified_at(&self) -> String {
        let (day, hour, minute) = self.modified;
        format!("{}T{hour:02}:{minute:02}:00Z", day.iso())
    }
}

/// The ISCED-F 2013 detailed field of each topic of [`FIELDS`], by field and topic.
const ISCED: [&[&str]; 10] = [
    &["0111", "0114", "0111", "0112", "0111"],
    &["0222", "0232", "0231", "0222", "0213"],
    &["0311", "0313", "0312", "0314", "0314"],
    &["0413", "0412", "0414", "0421", "0413"],
    &["0542", "0541", "0521", "0531", "0511"],
    &["0613", "0688", "0612", "0612", "0613", "0612"],
    &["0713", "0714", "0732", "0716", "0715"],
    &["0811", "0821", "0841", "0811"],
    &["0912", "0913", "0912", "0914", "0923"],
    &["1015", "1022", "1041", "1013"],
];

/// Title templates that read as introductory, neutral and advanced: a reworded title
/// stays in its class.
const INTRODUCTORY: [usize; 2] = [0, 1];
const NEUTRAL: [usize; 3] = [3, 4, 5];
const ADVANCED: usize = 2;
/// "Applied {}", which "applied statistics" cannot take.
const APPLIED: usize = 4;
const APPLIED_STATISTICS: (usize, usize) = (4, 0);
/// The qualifier that makes a summer school.
const SUMMER_SCHOOL: usize = 5;
/// The qualifier "for beginners".
const FOR_BEGINNERS: usize = 1;

/// The whole network's generated records, grouped by institution in catalogue order.
pub fn plan() -> Vec<Vec<Course>> {
    let mut by_institution: Vec<Vec<Course>> = vec![Vec::new(); INSTITUTIONS.len()];
    let mut titles: Vec<Vec<TitleKey>> = vec![Vec::new(); INSTITUTIONS.len()];
    for (g, spec) in GROUPS.iter().enumerate() {
        let mut rng = SplitMix::new(SEED ^ 0x6772_6F75, g as u64);
        let mut base = concept(&mut rng, spec.field, spec.topic);
        // The members a decision is about state their outcomes: the officers compared them.
        if spec.members.iter().any(|member| member.fixed.is_some()) {
            base.states_outcomes = true;
        }
        let first_kind_ects = base.ects;
        let mut wordings: Vec<Wording> = Vec::new();
        for (position, member) in spec.members.iter().enumerate() {
            let mut own = SplitMix::new(SEED ^ 0x6D65_6D62, (g * 8 + position) as u64);
            // Every member words the course its own way (their English versions too).
            let mut c = base.clone();
            if position > 0 {
                for _ in 0..30 {
                    c = base.clone();
                    reword(&mut c, &mut own);
                    if !wordings.contains(&wording(&c)) {
                        break;
                    }
                }
            }
            wordings.push(wording(&c));
            let institution = &INSTITUTIONS[member.institution];
            let kind = match institution.id {
                // A badge platform: the larger ones are micro-credentials.
                "demo-helsinki" => {
                    if member.fixed.map_or(c.ects >= 3.0, |(ects, _)| ects >= 3.0) {
                        Kind::MicroCredential
                    } else {
                        Kind::Badge
                    }
                }
                _ => pick(&mut own, institution.kinds),
            };
            let (ects, eqf) = match member.fixed {
                Some((ects, eqf)) => (Some(ects), Some(eqf)),
                None => {
                    let mut ects = first_kind_ects;
                    if position > 0 && own.chance(0.3) {
                        ects = if ects >= 5.0 { ects - 1.0 } else { ects + 1.0 };
                    }
                    let mut eqf = c.eqf;
                    if position > 0 && own.chance(0.15) {
                        eqf = if eqf >= 7 { eqf - 1 } else { eqf + 1 };
                    }
                    (
                        (!own.chance(0.06)).then_some(ects),
                        (!own.chance(0.08)).then_some(eqf),
                    )
                }
            };
            // Members come with an English version: that is what lets a lookup find
            // them across languages.
            let english = English::Full;
            let taking = Taking {
                institution: member.institution,
                kind,
                ects,
                eqf,
                english,
                group: Some((g, position)),
            };
            let course = finish(&c, taking, &mut own);
            titles[member.institution].push(title_key(&course));
            by_institution[member.institution].push(course);
        }
    }
    let group_topics: Vec<Vec<(usize, usize)>> = titles
        .iter()
        .map(|keys| {
            keys.iter()
                .map(|(field, topic, _, _)| (*field, *topic))
                .collect()
        })
        .collect();
    let group_pairs: Vec<Vec<(usize, usize, usize)>> = by_institution
        .iter()
        .map(|courses| {
            courses
                .iter()
                .map(|c| (c.field, c.topic, c.second_topic))
                .collect()
        })
        .collect();
    for (i, institution) in INSTITUTIONS.iter().enumerate() {
        let extra = if i == BROKEN { Defect::ALL.len() } else { 0 };
        for k in 0..institution.others + extra {
            let mut rng = SplitMix::new(SEED ^ 0x6F74_6865, (i * 1000 + k) as u64);
            let course = loop {
                let field = rng.weighted(&institution.fields);
                let topic = rng.below(FIELDS[field].topics.len());
                if RESERVED_TOPICS.contains(&(field, topic)) {
                    continue;
                }
                let c = concept(&mut rng, field, topic);
                let kind = pick(&mut rng, institution.kinds);
                let (ects, eqf) = kind_figures(&mut rng, kind, c.template, c.qualifier);
                let english = if rng.chance(institution.english) {
                    [English::Full, English::Title][rng.weighted(&[3, 1])]
                } else {
                    English::No
                };
                // A topic the institution offers in an overlap group is not offered
                // again; another topic at most twice, at two levels.
                let same_topic: Vec<usize> = titles[i]
                    .iter()
                    .filter(|(f, t, _, _)| (*f, *t) == (field, topic))
                    .map(|(_, _, template, _)| *template)
                    .collect();
                // Nor the swap of a group member's topics (its second topic as topic,
                // its topic as second topic): that would read as the same course.
                let swapped = group_pairs[i].contains(&(field, c.second_topic, topic));
                let taken = swapped
                    || group_topics[i].contains(&(field, topic))
                    || same_topic.len() >= 2
                    || same_topic
                        .iter()
                        .any(|template| level_class(*template) == level_class(c.template));
                if taken {
                    continue;
                }
                let taking = Taking {
                    institution: i,
                    kind,
                    ects,
                    eqf,
                    english,
                    group: None,
                };
                let course = finish(&c, taking, &mut rng);
                break course;
            };
            titles[i].push(title_key(&course));
            let mut course = course;
            if k >= institution.others {
                let defect = Defect::ALL[k - institution.others];
                course.defect = Some(defect);
                // A malformed start date needs an offer to be in.
                while defect == Defect::MalformedDate && course.offers.is_empty() {
                    course.offers = offers(
                        &mut rng,
                        institution,
                        Kind::Course,
                        course.mode,
                        English::No,
                        None,
                    );
                }
            }
            by_institution[i].push(course);
        }
    }
    // A catalogue is not ordered by overlap group: shuffle, then number in that order.
    for (i, courses) in by_institution.iter_mut().enumerate() {
        let mut rng = SplitMix::new(SEED ^ 0x6F72_6465, i as u64);
        for k in 0..courses.len() {
            let j = k + rng.below(courses.len() - k);
            courses.swap(k, j);
        }
        for (serial, course) in courses.iter_mut().enumerate() {
            course.serial = serial;
        }
    }
    by_institution
}

/// The course content of a group or of one record, before an institution takes it.
#[derive(Debug, Clone)]
struct Concept {
    field: usize,
    topic: usize,
    second_topic: usize,
    template: usize,
    qualifier: Option<usize>,
    outcomes: Vec<Outcome>,
    synonyms: bool,
    lead: usize,
    sentences: [usize; 3],
    ects: f64,
    eqf: u8,
    assessment: Option<usize>,
    quality: Option<Option<usize>>,
    states_outcomes: bool,
    prerequisites: bool,
    stackable: bool,
}

fn concept(rng: &mut SplitMix, field: usize, topic: usize) -> Concept {
    let f = &FIELDS[field];
    let n_topics = f.topics.len();
    let mut second_topic = (topic + 1 + rng.below(n_topics - 1)) % n_topics;
    while RESERVED_TOPICS.contains(&(field, second_topic)) || second_topic == topic {
        second_topic = (second_topic + 1) % n_topics;
    }
    // Outcomes: the topic's concepts and its own object, then perhaps a project, the
    // second topic's object and its ethical and legal questions.
    let n_objects = f.objects.len();
    let mut verbs: Vec<usize> = (0..vocab::VERBS.len()).collect();
    for k in 0..verbs.len() {
        let j = k + rng.below(verbs.len() - k);
        verbs.swap(k, j);
    }
    let mut outcomes = vec![
        Outcome::Concepts,
        Outcome::Act {
            object: topic % n_objects,
            verb: verbs[0],
        },
    ];
    if rng.chance(0.6) {
        outcomes.push(Outcome::Project);
    }
    if rng.chance(0.5) {
        outcomes.push(Outcome::Act {
            object: second_topic % n_objects,
            verb: verbs[1],
        });
    }
    if rng.chance(0.35) {
        outcomes.push(Outcome::Ethics);
    }
    let mut template = [0, 1, 2, 3, 4, 5][rng.weighted(&[3, 3, 2, 2, 2, 2])];
    if template == APPLIED && (field, topic) == APPLIED_STATISTICS {
        template = NEUTRAL[0];
    }
    let qualifier = rng
        .chance(0.35)
        .then(|| rng.below(vocab::TITLE_QUALIFIERS.len()));
    let (ects, eqf) = kind_figures(rng, Kind::Course, template, qualifier);
    Concept {
        field,
        topic,
        second_topic,
        template,
        qualifier,
        outcomes,
        synonyms: false,
        lead: rng.below(vocab::OUTCOME_LEADS.len()),
        sentences: distinct_sentences(rng),
        ects: ects.unwrap_or(5.0),
        eqf: eqf.unwrap_or(6),
        assessment: (!rng.chance(0.15)).then(|| rng.below(vocab::ASSESSMENTS.len())),
        quality: (!rng.chance(0.25)).then(|| {
            rng.chance(0.3)
                .then(|| rng.below(vocab::QUALITY_ASSURANCE.len()))
        }),
        states_outcomes: !rng.chance(0.1),
        prerequisites: rng.chance(0.4),
        stackable: rng.chance(0.25),
    }
}

fn distinct_sentences(rng: &mut SplitMix) -> [usize; 3] {
    let n = vocab::DESCRIPTION_SENTENCES.len();
    let a = rng.below(n);
    let b = (a + 1 + rng.below(n - 1)) % n;
    let mut c = rng.below(n);
    while c == a || c == b {
        c = (c + 1) % n;
    }
    [a, b, c]
}

/// Another institution's wording of the same course: perhaps another title of the same
/// level, synonym phrases, outcomes in another order (one may be dropped), a description
/// sentence of its own and the others in another order.
fn reword(c: &mut Concept, rng: &mut SplitMix) {
    if rng.chance(0.7) {
        let class: &[usize] = if INTRODUCTORY.contains(&c.template) {
            &INTRODUCTORY
        } else if NEUTRAL.contains(&c.template) {
            &NEUTRAL
        } else {
            &[ADVANCED]
        };
        let others: Vec<usize> = class
            .iter()
            .copied()
            .filter(|t| *t != c.template || class.len() == 1)
            .filter(|t| *t != APPLIED || (c.field, c.topic) != APPLIED_STATISTICS)
            .collect();
        c.template = others[rng.below(others.len())];
    }
    c.synonyms = rng.chance(0.7);
    c.outcomes.rotate_left(1 + rng.below(2));
    if c.outcomes.len() > 3 && rng.chance(0.5) {
        c.outcomes.pop();
    }
    let n = vocab::DESCRIPTION_SENTENCES.len();
    let replaced = rng.below(3);
    let mut sentence = rng.below(n);
    while c.sentences.contains(&sentence) {
        sentence = (sentence + 1) % n;
    }
    c.sentences[replaced] = sentence;
    if rng.chance(0.5) {
        c.sentences.reverse();
    }
    if rng.chance(0.5) {
        c.lead = (c.lead + 1) % vocab::OUTCOME_LEADS.len();
    }
    if rng.chance(0.4) {
        c.qualifier = None;
    }
}

/// What makes two wordings of a concept read differently.
type Wording = (usize, Option<usize>, bool, Vec<Outcome>, [usize; 3], usize);

fn wording(c: &Concept) -> Wording {
    (
        c.template,
        c.qualifier,
        c.synonyms,
        c.outcomes.clone(),
        c.sentences,
        c.lead,
    )
}

/// Introductory, neutral or advanced (see [`INTRODUCTORY`], [`NEUTRAL`], [`ADVANCED`]).
fn level_class(template: usize) -> u8 {
    if INTRODUCTORY.contains(&template) {
        0
    } else if template == ADVANCED {
        2
    } else {
        1
    }
}

fn pick<T: Copy>(rng: &mut SplitMix, weighted: &[(T, u32)]) -> T {
    let weights: Vec<u32> = weighted.iter().map(|(_, w)| *w).collect();
    weighted[rng.weighted(&weights)].0
}

/// ECTS and EQF level of a record of `kind` whose title reads as `template`, each
/// sometimes not stated.
fn kind_figures(
    rng: &mut SplitMix,
    kind: Kind,
    template: usize,
    qualifier: Option<usize>,
) -> (Option<f64>, Option<u8>) {
    let ects: &[(f64, u32)] = match kind {
        Kind::MicroCredential => &[(2.0, 2), (3.0, 4), (4.0, 3), (5.0, 5), (6.0, 3), (10.0, 1)],
        Kind::Course => &[(3.0, 3), (4.0, 2), (5.0, 6), (6.0, 4), (7.5, 2)],
        Kind::Module => &[(5.0, 3), (6.0, 3), (7.5, 3), (10.0, 2)],
        Kind::Badge => &[(1.0, 3), (2.0, 3), (3.0, 2)],
        Kind::Mooc => &[(2.0, 3), (3.0, 3), (4.0, 1)],
    };
    let levels: &[(u8, u32)] = if kind == Kind::Badge {
        &[(4, 3), (5, 3), (6, 1)]
    } else if qualifier == Some(FOR_BEGINNERS) || INTRODUCTORY.contains(&template) {
        &[(5, 3), (6, 6)]
    } else if template == ADVANCED {
        &[(7, 6), (8, 1)]
    } else {
        &[(5, 1), (6, 6), (7, 3)]
    };
    let ects = pick(rng, ects);
    let eqf = pick(rng, levels);
    (
        (!rng.chance(0.08)).then_some(ects),
        (!rng.chance(0.1)).then_some(eqf),
    )
}

/// How an institution takes a concept: as which kind of offer, with which figures, how
/// much of it in English, in which overlap group.
struct Taking {
    institution: usize,
    kind: Kind,
    ects: Option<f64>,
    eqf: Option<u8>,
    english: English,
    group: Option<(usize, usize)>,
}

/// The record an institution makes of a concept, with its offers and dates.
fn finish(c: &Concept, taking: Taking, rng: &mut SplitMix) -> Course {
    let Taking {
        institution,
        kind,
        ects,
        eqf,
        english,
        group,
    } = taking;
    let inst = &INSTITUTIONS[institution];
    let mode = if kind == Kind::Mooc {
        Mode::Online
    } else {
        pick(rng, &inst.modes)
    };
    let isced = ISCED[c.field][c.topic];
    // Some publishers give only the narrow field.
    let isced = if rng.chance(0.12) { &isced[..3] } else { isced };
    let offers = offers(rng, inst, kind, mode, english, c.qualifier);
    let modified = (
        Day {
            year: 2026,
            month: 6 + rng.below(5) as u32,
            day: 1 + rng.below(28) as u32,
        },
        8 + rng.below(9) as u32,
        rng.below(60) as u32,
    );
    Course {
        institution,
        serial: 0,
        kind,
        field: c.field,
        topic: c.topic,
        second_topic: c.second_topic,
        template: c.template,
        qualifier: c.qualifier,
        outcomes: c.outcomes.clone(),
        synonyms: c.synonyms,
        lead: c.lead,
        sentences: c.sentences,
        ects,
        eqf,
        isced,
        assessment: c.assessment,
        quality: c.quality,
        states_outcomes: c.states_outcomes,
        mode,
        english,
        prerequisites: c.prerequisites,
        stackable: c.stackable,
        offers,
        group,
        modified,
        defect: None,
    }
}

fn offers(
    rng: &mut SplitMix,
    institution: &Institution,
    kind: Kind,
    mode: Mode,
    english: English,
    qualifier: Option<usize>,
) -> Vec<OfferPlan> {
    let n = if kind == Kind::Mooc {
        1
    } else {
        [0, 1, 2, 3][rng.weighted(&[2, 5, 3, 1])]
    };
    // Terms: autumn 2026 (running), spring 2027, autumn 2027; summer schools in July.
    let terms: &[(Day, i64)] = if qualifier == Some(SUMMER_SCHOOL) {
        &[(day(2027, 7, 5), 10), (day(2028, 7, 3), 10)]
    } else {
        &[
            (day(2026, 10, 5), 14),
            (day(2027, 2, 22), 14),
            (day(2027, 10, 4), 14),
        ]
    };
    let short = matches!(kind, Kind::MicroCredential | Kind::Badge | Kind::Mooc);
    let first = rng.below(terms.len());
    let english_taught = english == English::Full && rng.chance(0.3);
    (0..n.min(terms.len() - first))
        .map(|k| {
            let (term_start, spread) = terms[first + k];
            let start = term_start.plus(rng.below(spread as usize) as i64);
            let weeks = if qualifier == Some(SUMMER_SCHOOL) {
                2 + rng.below(2) as i64
            } else if short {
                6 + rng.below(5) as i64
            } else {
                14 + rng.below(3) as i64
            };
            let fee = if matches!(institution.id, "demo-helsinki" | "demo-dublin")
                || kind == Kind::MicroCredential
            {
                Some([0, 0, 90, 150, 250, 390, 490][rng.below(7)])
            } else {
                None
            };
            OfferPlan {
                start,
                end: start.plus(weeks * 7 - 3),
                deadline: rng
                    .chance(0.7)
                    .then(|| start.plus(-(14 + 7 * rng.below(5) as i64))),
                mode,
                language: if english_taught {
                    vocab::EN
                } else {
                    institution.lang
                },
                fee,
            }
        })
        .collect()
}

const fn day(year: i64, month: u32, day: u32) -> Day {
    Day { year, month, day }
}

/// What makes a title: field, topic, template, qualifier.
type TitleKey = (usize, usize, usize, Option<usize>);

fn title_key(course: &Course) -> TitleKey {
    (
        course.field,
        course.topic,
        course.template,
        course.qualifier,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        let d = day(2027, 2, 28);
        assert_eq!(d.plus(1), day(2027, 3, 1));
        assert_eq!(day(2028, 2, 28).plus(1), day(2028, 2, 29));
        assert_eq!(d.plus(-365).plus(365), d);
        assert_eq!(day(1970, 1, 1).plus(0).iso(), "1970-01-01");
    }

    #[test]
    fn the_plan_is_deterministic_and_titles_are_unique_per_institution() {
        let a = plan();
        let b = plan();
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        for courses in &a {
            let mut keys: Vec<_> = courses.iter().map(title_key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), courses.len());
        }
    }
}
