//! A deterministic corpus of course and micro-credential records for benchmarks.
//!
//! Record `i` of a corpus depends only on the seed and `i`, so a feed server can render any
//! page on the fly, in any order, and two runs see the same bytes. The randomness is a
//! SplitMix64 stream written here (a dozen lines) rather than a crate, so that the corpus
//! stays the same whatever version of a random-number crate the lock file holds.
//!
//! Shape of the corpus:
//! - records in en, de, fr, es, it and pl, composed from the field vocabularies of
//!   [`vocab`] across ten ISCED-F broad fields;
//! - a few hundred institutions in 30 countries (four name patterns × the cities of
//!   [`vocab::COUNTRIES`]);
//! - ECTS and EQF distributions like those of real short-course catalogues (5 ECTS and
//!   EQF 6 most common), 0 to 3 dated offer instances, and some records that lack credits,
//!   an EQF level, learning outcomes, an assessment or quality assurance;
//! - near-duplicate groups: records are laid out in blocks of [`BLOCK`] indices, and a
//!   quarter of the blocks start with a group of 2 to 5 records describing the same course
//!   at different institutions, reworded (synonym verbs, another title pattern, outcomes
//!   reordered or one dropped, credits rounded differently) or translated. [`Corpus::group`]
//!   says which group a record belongs to, so equivalence recall can be measured.

pub mod vocab;

use serde::Serialize;
use vocab::{EN, FIELDS, LANGUAGES};

/// Indices per layout block; a group occupies the start of a block.
pub const BLOCK: u64 = 5;
/// Share of blocks that hold a near-duplicate group.
const GROUP_BLOCK_SHARE: f64 = 0.25;

/// SplitMix64: a tiny, well-mixed, value-stable pseudo-random stream.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A stream for `key` under `seed`.
    pub fn new(seed: u64, key: u64) -> SplitMix {
        let mut mix = SplitMix(seed ^ key.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        mix.next_u64();
        mix
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// An index drawn with the given relative weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut at = self.below(total as usize) as u32;
        for (i, weight) in weights.iter().enumerate() {
            if at < *weight {
                return i;
            }
            at -= weight;
        }
        weights.len() - 1
    }
}

/// One institution of the corpus.
#[derive(Debug, Clone)]
pub struct Institution {
    /// Its name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: &'static str,
    /// Index in [`LANGUAGES`] of the language it mostly publishes in.
    pub language: usize,
    /// Its web site.
    pub url: String,
}

/// The course a record (or a near-duplicate group) describes, before it is written down in
/// a language.
#[derive(Debug, Clone)]
struct Concept {
    field: usize,
    topic: usize,
    second_topic: usize,
    qualifier: Option<usize>,
    template: usize,
    objects: Vec<usize>,
    verbs: Vec<usize>,
    sentences: [usize; 3],
    ects: Option<f64>,
    eqf: Option<u8>,
    kind: &'static str,
    isced: usize,
    assessment: Option<usize>,
    quality_assurance: Option<usize>,
    has_outcomes: bool,
}

/// How a group member differs from the group's first record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The first record of a group, or a record in no group.
    Original,
    /// The same language, other words.
    Reworded,
    /// Another language.
    Translated,
}

/// A record's place in a near-duplicate group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupMembership {
    /// The group id (its block number).
    pub group: u64,
    /// Index of the group's first record.
    pub first: u64,
    /// How many records the group has.
    pub size: u64,
    /// How this record differs from the first.
    pub variant: Variant,
}

/// A seeded corpus of `n_records` records.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The seed.
    pub seed: u64,
    /// How many records it has.
    pub n_records: u64,
    /// Its institutions.
    pub institutions: Vec<Institution>,
}

/// ECTS values of short courses and their weights (5 most common, then 3, 6, 2 and 4).
const ECTS: [(f64, u32); 11] = [
    (1.0, 3),
    (2.0, 8),
    (2.5, 4),
    (3.0, 14),
    (4.0, 7),
    (5.0, 30),
    (6.0, 12),
    (7.5, 6),
    (10.0, 8),
    (15.0, 5),
    (30.0, 2),
];
const EQF: [(u8, u32); 6] = [(3, 2), (4, 6), (5, 11), (6, 44), (7, 31), (8, 6)];
const KINDS: [(&str, u32); 4] = [
    ("course", 62),
    ("micro-credential", 22),
    ("module", 12),
    ("badge", 4),
];

impl Corpus {
    /// The corpus of `n_records` records under `seed`.
    pub fn new(seed: u64, n_records: u64) -> Corpus {
        let mut institutions = Vec::new();
        for (country_index, (country, language, cities)) in vocab::COUNTRIES.iter().enumerate() {
            for (city_index, city) in cities.iter().enumerate() {
                let patterns = &vocab::INSTITUTION_PATTERNS[*language];
                let mut rng = SplitMix::new(seed, (country_index * 100 + city_index) as u64);
                // Big cities have more institutions.
                let how_many = if city_index < 3 { 4 } else { 2 + rng.below(2) };
                for pattern in patterns.iter().take(how_many) {
                    let name = pattern.replace("{}", city);
                    let slug: String = name
                        .to_lowercase()
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .collect();
                    institutions.push(Institution {
                        url: format!("https://www.{slug}.example/"),
                        name,
                        country,
                        language: *language,
                    });
                }
            }
        }
        Corpus {
            seed,
            n_records,
            institutions,
        }
    }

    /// The near-duplicate group of record `i`, if it is in one.
    pub fn group(&self, i: u64) -> Option<GroupMembership> {
        let block = i / BLOCK;
        let (is_group, size) = self.block_layout(block);
        let first = block * BLOCK;
        let position = i - first;
        if !is_group || position >= size || first + size > self.n_records {
            return None;
        }
        let variant = if position == 0 {
            Variant::Original
        } else if SplitMix::new(self.seed ^ 0x7261_6E73, i).chance(0.4) {
            Variant::Translated
        } else {
            Variant::Reworded
        };
        Some(GroupMembership {
            group: block,
            first,
            size,
            variant,
        })
    }

    fn block_layout(&self, block: u64) -> (bool, u64) {
        let mut rng = SplitMix::new(self.seed ^ 0x626C_6F63, block);
        let is_group = rng.chance(GROUP_BLOCK_SHARE);
        (is_group, 2 + rng.below(4) as u64)
    }

    /// The upstream identifier of record `i` (the OAI identifier is derived from it).
    pub fn upstream_id(i: u64) -> String {
        format!("rec-{i:07}")
    }

    /// The record index of an upstream identifier written by [`Corpus::upstream_id`] (or
    /// the OAI identifier built from it).
    pub fn index_of(upstream_id: &str) -> Option<u64> {
        upstream_id.rsplit_once("rec-")?.1.parse().ok()
    }

    fn concept(&self, rng: &mut SplitMix) -> Concept {
        let field = rng.weighted(&vocab::FIELD_WEIGHTS);
        let f = &FIELDS[field];
        let topic = rng.below(f.topics.len());
        let second_topic = rng.below(f.topics.len());
        let n_objects = 3 + rng.below(4).min(f.objects.len() - 3);
        let mut objects: Vec<usize> = (0..f.objects.len()).collect();
        for k in 0..objects.len() {
            let j = k + rng.below(objects.len() - k);
            objects.swap(k, j);
        }
        objects.truncate(n_objects);
        let verbs = (0..n_objects)
            .map(|_| rng.below(vocab::VERBS.len()))
            .collect();
        let ects_weights: Vec<u32> = ECTS.iter().map(|(_, w)| *w).collect();
        let eqf_weights: Vec<u32> = EQF.iter().map(|(_, w)| *w).collect();
        let kind_weights: Vec<u32> = KINDS.iter().map(|(_, w)| *w).collect();
        Concept {
            field,
            topic,
            second_topic,
            qualifier: rng
                .chance(0.45)
                .then(|| rng.below(vocab::TITLE_QUALIFIERS.len())),
            template: rng.below(vocab::TITLE_TEMPLATES.len()),
            objects,
            verbs,
            sentences: [
                rng.below(vocab::DESCRIPTION_SENTENCES.len()),
                rng.below(vocab::DESCRIPTION_SENTENCES.len()),
                rng.below(vocab::DESCRIPTION_SENTENCES.len()),
            ],
            ects: (!rng.chance(0.1)).then(|| ECTS[rng.weighted(&ects_weights)].0),
            eqf: (!rng.chance(0.12)).then(|| EQF[rng.weighted(&eqf_weights)].0),
            kind: KINDS[rng.weighted(&kind_weights)].0,
            isced: rng.below(f.isced_codes.len()),
            assessment: (!rng.chance(0.2)).then(|| rng.below(vocab::ASSESSMENTS.len())),
            quality_assurance: (!rng.chance(0.3))
                .then(|| rng.below(vocab::QUALITY_ASSURANCE.len())),
            has_outcomes: !rng.chance(0.12),
        }
    }

    /// Record `i` (`i < n_records`).
    pub fn record(&self, i: u64) -> Record {
        let membership = self.group(i);
        let mut own = SplitMix::new(self.seed, i);
        let (mut concept, institution) = match membership {
            Some(group) => {
                let mut group_rng = SplitMix::new(self.seed ^ 0x6772_6F75, group.group);
                let concept = self.concept(&mut group_rng);
                // Members are at distinct institutions: a stride through the list.
                let start = group_rng.below(self.institutions.len());
                let stride = 1 + group_rng.below(self.institutions.len() / 8);
                let at = (start + stride * (i - group.first) as usize) % self.institutions.len();
                (concept, at)
            }
            None => {
                let concept = self.concept(&mut own);
                (concept, own.below(self.institutions.len()))
            }
        };
        let institution = &self.institutions[institution];
        let variant = membership.map_or(Variant::Original, |group| group.variant);
        let mut lang = if institution.language != EN && own.chance(0.35) {
            EN
        } else {
            institution.language
        };
        if let Some(group) = membership {
            // The group's first record fixes the language the others reword or translate.
            let first_institution = {
                let mut group_rng = SplitMix::new(self.seed ^ 0x6772_6F75, group.group);
                self.concept(&mut group_rng);
                group_rng.below(self.institutions.len())
            };
            let base_lang = self.institutions[first_institution].language;
            lang = match variant {
                Variant::Original | Variant::Reworded => base_lang,
                Variant::Translated => {
                    let other = own.below(LANGUAGES.len() - 1);
                    if other >= base_lang { other + 1 } else { other }
                }
            };
        }
        let mut synonyms = false;
        if variant == Variant::Reworded {
            synonyms = true;
            concept.template = (concept.template + 1 + own.below(3)) % vocab::TITLE_TEMPLATES.len();
            concept.objects.rotate_left(1);
            if concept.objects.len() > 3 && own.chance(0.5) {
                concept.objects.pop();
                concept.verbs.pop();
            }
            concept.sentences.reverse();
            if own.chance(0.3) {
                concept.qualifier = None;
            }
        }
        if variant != Variant::Original {
            // Another institution states the workload of the same course its own way.
            if let Some(ects) = concept.ects
                && own.chance(0.3)
            {
                concept.ects = Some(if ects >= 5.0 { ects - 1.0 } else { ects + 1.0 });
            }
        }
        self.write(i, &concept, institution, lang, synonyms, &mut own)
    }

    fn write(
        &self,
        i: u64,
        concept: &Concept,
        institution: &Institution,
        lang: usize,
        synonyms: bool,
        rng: &mut SplitMix,
    ) -> Record {
        let field = &FIELDS[concept.field];
        let topic = field.topics[concept.topic][lang];
        let mut title = vocab::TITLE_TEMPLATES[concept.template][lang].replace("{}", topic);
        if let Some(qualifier) = concept.qualifier {
            title.push_str(" – ");
            title.push_str(vocab::TITLE_QUALIFIERS[qualifier][lang]);
        }
        let title = capitalise(&title);
        let second = field.topics[concept.second_topic][lang];
        let description = concept
            .sentences
            .iter()
            .enumerate()
            .map(|(k, s)| {
                vocab::DESCRIPTION_SENTENCES[*s][lang]
                    .replace("{}", if k == 1 { second } else { topic })
            })
            .collect::<Vec<_>>()
            .join(" ");
        let lead = rng.below(vocab::OUTCOME_LEADS.len());
        let learning_outcomes = if concept.has_outcomes {
            concept
                .objects
                .iter()
                .zip(&concept.verbs)
                .map(|(object, verb)| {
                    let verb = vocab::VERBS[*verb][usize::from(synonyms)][lang];
                    Outcome {
                        text: lang_text(
                            lang,
                            vocab::outcome(lang, lead, verb, field.objects[*object][lang]),
                        ),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let participation = ["online", "on-site", "blended"][rng.below(3)];
        let n_offers = rng.below(4);
        let offers = (0..n_offers)
            .map(|k| {
                let month = 1 + (rng.below(12) as u32);
                let year = 2025 + (k as u32 + rng.below(2) as u32) / 2;
                let weeks = 4 + rng.below(12) as u32;
                let end_month = (month + weeks / 4).min(12);
                Offer {
                    start: format!("{year}-{month:02}-{:02}", 1 + rng.below(28)),
                    end: format!("{year}-{end_month:02}-28"),
                    application_deadline: format!("{year}-{month:02}-01"),
                    participation,
                    languages: vec![LANGUAGES[lang]],
                    cost: if rng.chance(0.4) {
                        "free".to_owned()
                    } else {
                        format!("{} EUR", 50 * (1 + rng.below(30)))
                    },
                }
            })
            .collect();
        let ects = concept.ects;
        Record {
            id: Corpus::upstream_id(i),
            kind: concept.kind,
            title: lang_text(lang, title),
            description: lang_text(lang, description),
            learning_outcomes,
            awarding_body: AwardingBody {
                name: lang_text(institution.language, institution.name.clone()),
                country: institution.country,
                url: institution.url.clone(),
            },
            credits: ects.map(|value| Credits {
                value,
                scheme: "ects",
            }),
            workload_hours: ects.map(|value| value * 27.0),
            eqf_level: concept.eqf,
            assessment: concept
                .assessment
                .map(|a| lang_text(lang, vocab::ASSESSMENTS[a][lang].to_owned())),
            participation: vec![participation],
            quality_assurance: concept
                .quality_assurance
                .map(|q| lang_text(lang, vocab::QUALITY_ASSURANCE[q][lang].to_owned())),
            languages: vec![LANGUAGES[lang]],
            isced_fields: vec![field.isced_codes[concept.isced]],
            keywords: vec![topic.to_owned(), second.to_owned()],
            url: format!("{}courses/{}", institution.url, Corpus::upstream_id(i)),
            offers,
            modified: datestamp(i),
        }
    }
}

/// The datestamp of record `i`: one second apart from 2025-01-01, so `from`/`until`
/// selections are meaningful.
pub fn datestamp(i: u64) -> String {
    let start = 1_735_689_600_i64; // 2025-01-01T00:00:00Z
    let at = i64::try_from(i)
        .ok()
        .and_then(|i| chrono::DateTime::from_timestamp(start + i, 0))
        .expect("a record index is a few million seconds at most");
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lang_text(lang: usize, text: String) -> LangText {
    LangText(vec![(LANGUAGES[lang], text)])
}

/// Text by language, serialised as a JSON object.
#[derive(Debug, Clone)]
pub struct LangText(pub Vec<(&'static str, String)>);

impl Serialize for LangText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (lang, text) in &self.0 {
            map.serialize_entry(lang, text)?;
        }
        map.end()
    }
}

impl LangText {
    /// The text in the first language given.
    pub fn first(&self) -> &str {
        self.0.first().map_or("", |(_, text)| text.as_str())
    }
}

/// One record in `clearinghouse-json`.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// Upstream identifier.
    pub id: String,
    /// Kind of offer.
    pub kind: &'static str,
    /// Title.
    pub title: LangText,
    /// Description.
    pub description: LangText,
    /// Learning outcomes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub learning_outcomes: Vec<Outcome>,
    /// Awarding body.
    pub awarding_body: AwardingBody,
    /// Credits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<Credits>,
    /// Workload in hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workload_hours: Option<f64>,
    /// EQF level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eqf_level: Option<u8>,
    /// Type of assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<LangText>,
    /// Forms of participation.
    pub participation: Vec<&'static str>,
    /// Type of quality assurance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_assurance: Option<LangText>,
    /// Languages of instruction.
    pub languages: Vec<&'static str>,
    /// ISCED-F codes.
    pub isced_fields: Vec<&'static str>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Page of the offer.
    pub url: String,
    /// Dated instances.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Offer>,
    /// Last change.
    pub modified: String,
}

/// One learning outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// Its text.
    pub text: LangText,
}

/// The awarding body.
#[derive(Debug, Clone, Serialize)]
pub struct AwardingBody {
    /// Name.
    pub name: LangText,
    /// Country.
    pub country: &'static str,
    /// Web site.
    pub url: String,
}

/// Credits.
#[derive(Debug, Clone, Serialize)]
pub struct Credits {
    /// Amount.
    pub value: f64,
    /// Scheme.
    pub scheme: &'static str,
}

/// One dated offer instance.
#[derive(Debug, Clone, Serialize)]
pub struct Offer {
    /// First day.
    pub start: String,
    /// Last day.
    pub end: String,
    /// Application deadline.
    pub application_deadline: String,
    /// Form of participation.
    pub participation: &'static str,
    /// Languages.
    pub languages: Vec<&'static str>,
    /// Cost.
    pub cost: String,
}

/// Parses a corpus size: `10k`, `100k`, `1m`/`1M` or a plain number.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_lowercase();
    let (digits, multiplier) = if let Some(digits) = text.strip_suffix('k') {
        (digits, 1_000)
    } else if let Some(digits) = text.strip_suffix('m') {
        (digits, 1_000_000)
    } else {
        (text.as_str(), 1)
    };
    digits.parse::<u64>().ok().map(|n| n * multiplier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_deterministic_and_groups_are_consistent() {
        let corpus = Corpus::new(7, 10_000);
        let a = serde_json::to_string(&corpus.record(1234)).unwrap();
        let b = serde_json::to_string(&Corpus::new(7, 10_000).record(1234)).unwrap();
        assert_eq!(a, b);
        let grouped = (0..10_000).filter(|i| corpus.group(*i).is_some()).count();
        assert!((1000..2500).contains(&grouped), "{grouped}");
        assert!(
            corpus.institutions.len() > 200,
            "{}",
            corpus.institutions.len()
        );
    }

    #[test]
    fn datestamps_and_sizes() {
        assert_eq!(datestamp(0), "2025-01-01T00:00:00Z");
        assert_eq!(datestamp(86_400 + 61), "2025-01-02T00:01:01Z");
        assert_eq!(parse_size("100k"), Some(100_000));
        assert_eq!(parse_size("1M"), Some(1_000_000));
        assert_eq!(Corpus::index_of("oai:bench.example:rec-0000042"), Some(42));
    }
}
