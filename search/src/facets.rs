//! The facets: what each is called, which values a record has, which values a filter may
//! name, and the labels shown next to them.
//!
//! Every facet is a multi-valued string fast field (`facet_<name>`), read by the search
//! collector; facets are not in the inverted index, since filtering happens while
//! counting. Closed vocabularies (EQF levels, ECTS ranges, kinds, ...) refuse unknown
//! values; open ones (institution, country, language, ISCED-F) refuse only malformed ones.

use model::{AnnexElement, Assumed, Country, Credential, EqfLevel, Kind, LangTag, LangText};

use super::derived::{
    ASSESSMENT_TYPES, QUALITY_ASSURANCE_TYPES, assessment_types, quality_assurance_types,
};
use vocab::isced_label;

/// A facet of the search results; each is also a filter parameter of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// Country of the awarding body (ISO 3166-1 alpha-2).
    Country,
    /// Awarding body, by its name (English, else untagged, else any language).
    Institution,
    /// EQF level, `1` to `8`.
    EqfLevel,
    /// ECTS credits, in ranges: see [`ECTS_RANGES`].
    Ects,
    /// ISCED-F 2013 broad field (2 digits).
    IscedBroad,
    /// ISCED-F 2013 narrow field (3 digits).
    IscedNarrow,
    /// Language of instruction (primary subtag), of the record or of any of its offers.
    Language,
    /// Form of participation: `online`, `on-site`, `blended`.
    Participation,
    /// Kind of offer: `course`, `module`, `programme`, `micro-credential`, `badge`,
    /// `qualification`.
    Kind,
    /// Type of assessment, derived from the text: see [`super::derived`].
    Assessment,
    /// Type of quality assurance, derived from the text: see [`super::derived`].
    QualityAssurance,
    /// Whether the record states learning outcomes: `true` or `false`.
    HasLearningOutcomes,
}

/// ECTS ranges: the value, its label, and the inclusive upper bound (`None`: no bound).
/// A range holds values above the previous range's bound, so 5 ECTS is in `3-5`.
pub const ECTS_RANGES: [(&str, &str, Option<f64>); 5] = [
    ("under-3", "Less than 3 ECTS", None),
    ("3-5", "3 to 5 ECTS", Some(5.0)),
    ("5-10", "More than 5, up to 10 ECTS", Some(10.0)),
    ("10-30", "More than 10, up to 30 ECTS", Some(30.0)),
    ("over-30", "More than 30 ECTS", None),
];

/// The values and labels of [`ECTS_RANGES`].
const ECTS_LABELS: [(&str, &str); 5] = {
    let mut labels = [("", ""); 5];
    let mut i = 0;
    while i < ECTS_RANGES.len() {
        labels[i] = (ECTS_RANGES[i].0, ECTS_RANGES[i].1);
        i += 1;
    }
    labels
};

/// The ECTS range value of a credit figure.
pub fn ects_range(ects: f64) -> &'static str {
    if ects < 3.0 {
        "under-3"
    } else if ects <= 5.0 {
        "3-5"
    } else if ects <= 10.0 {
        "5-10"
    } else if ects <= 30.0 {
        "10-30"
    } else {
        "over-30"
    }
}

const PARTICIPATION: [(&str, &str); 3] = [
    ("online", "Online"),
    ("on-site", "On site"),
    ("blended", "Blended"),
];

const KINDS: [(&str, &str); 6] = [
    ("course", "Course"),
    ("module", "Module"),
    ("programme", "Programme"),
    ("micro-credential", "Micro-credential"),
    ("badge", "Badge"),
    ("qualification", "Qualification"),
];

const EQF_LEVELS: [(&str, &str); 8] = [
    ("1", "EQF level 1"),
    ("2", "EQF level 2"),
    ("3", "EQF level 3"),
    ("4", "EQF level 4"),
    ("5", "EQF level 5"),
    ("6", "EQF level 6"),
    ("7", "EQF level 7"),
    ("8", "EQF level 8"),
];

const HAS_OUTCOMES: [(&str, &str); 2] = [
    ("true", "States learning outcomes"),
    ("false", "No learning outcomes"),
];

/// English names of the countries the clearinghouse is likely to see (EU, EEA,
/// candidates, neighbours); other codes are labelled with the code itself.
const COUNTRY_NAMES: &[(&str, &str)] = &[
    ("AL", "Albania"),
    ("AT", "Austria"),
    ("BA", "Bosnia and Herzegovina"),
    ("BE", "Belgium"),
    ("BG", "Bulgaria"),
    ("CH", "Switzerland"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DE", "Germany"),
    ("DK", "Denmark"),
    ("EE", "Estonia"),
    ("ES", "Spain"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("GB", "United Kingdom"),
    ("GE", "Georgia"),
    ("GR", "Greece"),
    ("HR", "Croatia"),
    ("HU", "Hungary"),
    ("IE", "Ireland"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("LI", "Liechtenstein"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("LV", "Latvia"),
    ("MD", "Moldova"),
    ("ME", "Montenegro"),
    ("MK", "North Macedonia"),
    ("MT", "Malta"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("PL", "Poland"),
    ("PT", "Portugal"),
    ("RO", "Romania"),
    ("RS", "Serbia"),
    ("SE", "Sweden"),
    ("SI", "Slovenia"),
    ("SK", "Slovakia"),
    ("TR", "Türkiye"),
    ("UA", "Ukraine"),
    ("US", "United States"),
    ("XK", "Kosovo"),
];

fn lookup(table: &[(&'static str, &'static str)], value: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(code, _)| *code == value)
        .map(|(_, label)| *label)
}

impl Facet {
    /// Every facet, in the order of the response.
    pub const ALL: [Facet; 12] = [
        Facet::Country,
        Facet::Institution,
        Facet::EqfLevel,
        Facet::Ects,
        Facet::IscedBroad,
        Facet::IscedNarrow,
        Facet::Language,
        Facet::Participation,
        Facet::Kind,
        Facet::Assessment,
        Facet::QualityAssurance,
        Facet::HasLearningOutcomes,
    ];

    /// The name in the response and of the filter parameter.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Country => "country",
            Facet::Institution => "institution",
            Facet::EqfLevel => "eqf_level",
            Facet::Ects => "ects",
            Facet::IscedBroad => "isced_broad",
            Facet::IscedNarrow => "isced_narrow",
            Facet::Language => "language",
            Facet::Participation => "participation",
            Facet::Kind => "kind",
            Facet::Assessment => "assessment",
            Facet::QualityAssurance => "quality_assurance",
            Facet::HasLearningOutcomes => "has_learning_outcomes",
        }
    }

    /// The facet called `name`.
    pub fn parse(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|facet| facet.name() == name)
    }

    /// The fast field that holds the facet's values.
    pub(crate) fn field_name(self) -> String {
        match self {
            // Its values became [`InstitutionValue`]s (an index of names is rebuilt).
            Facet::Institution => "facet_institution_value".to_owned(),
            _ => format!("facet_{}", self.name()),
        }
    }

    /// The closed vocabulary of the facet, in display order (`None` for open facets).
    /// Static: every search sorts and labels with it.
    fn vocabulary(self) -> Option<&'static [(&'static str, &'static str)]> {
        match self {
            Facet::EqfLevel => Some(&EQF_LEVELS),
            Facet::Ects => Some(&ECTS_LABELS),
            Facet::Participation => Some(&PARTICIPATION),
            Facet::Kind => Some(&KINDS),
            Facet::Assessment => Some(&ASSESSMENT_TYPES),
            Facet::QualityAssurance => Some(&QUALITY_ASSURANCE_TYPES),
            Facet::HasLearningOutcomes => Some(&HAS_OUTCOMES),
            Facet::Country
            | Facet::Institution
            | Facet::IscedBroad
            | Facet::IscedNarrow
            | Facet::Language => None,
        }
    }

    /// The position of `value` in the facet's closed vocabulary, for ordering.
    pub(crate) fn vocabulary_position(self, value: &str) -> Option<usize> {
        self.vocabulary()?
            .iter()
            .position(|(known, _)| *known == value)
    }

    /// Every value of a closed vocabulary (empty for open facets).
    pub fn closed_values(self) -> Vec<&'static str> {
        self.vocabulary()
            .map(|values| values.iter().map(|(value, _)| *value).collect())
            .unwrap_or_default()
    }

    /// Checks and normalises a filter value (`de` → `DE` for a country). The error says
    /// what is wrong, for a 400 naming the parameter.
    pub fn parse_value(self, value: &str) -> Result<String, String> {
        let value = value.trim();
        let name = self.name();
        if value.is_empty() {
            return Err(format!("`{name}` must not be empty"));
        }
        if let Some(vocabulary) = self.vocabulary() {
            return match vocabulary.iter().find(|(known, _)| *known == value) {
                Some((known, _)) => Ok((*known).to_owned()),
                None => Err(format!(
                    "`{name}` must be one of {}, not {value:?}",
                    vocabulary
                        .iter()
                        .map(|(known, _)| *known)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
        }
        match self {
            Facet::Country => Country::parse(value)
                .map(|country| country.as_str().to_owned())
                .map_err(|err| format!("`{name}`: {err}")),
            Facet::Language => LangTag::parse(value)
                .map(|tag| tag.primary().to_owned())
                .map_err(|err| format!("`{name}`: {err}")),
            Facet::IscedBroad | Facet::IscedNarrow => {
                let digits = if self == Facet::IscedBroad { 2 } else { 3 };
                let well_formed =
                    value.len() == digits && value.bytes().all(|b| b.is_ascii_digit());
                if well_formed && isced_label(value).is_some() {
                    Ok(value.to_owned())
                } else {
                    Err(format!(
                        "`{name}` must be an ISCED-F 2013 field code of {digits} digits \
                         (e.g. {}), not {value:?}",
                        if digits == 2 { "06" } else { "061" }
                    ))
                }
            }
            Facet::Institution if value.chars().count() > 300 => {
                Err(format!("`{name}` is longer than 300 characters"))
            }
            _ => Ok(value.to_owned()),
        }
    }

    /// The label shown next to a value.
    pub fn label(self, value: &str) -> String {
        if let Some(vocabulary) = self.vocabulary()
            && let Some((_, label)) = vocabulary.iter().find(|(known, _)| *known == value)
        {
            return (*label).to_owned();
        }
        let label = match self {
            Facet::Country => lookup(COUNTRY_NAMES, value),
            Facet::Language => vocab::language_name(value),
            Facet::IscedBroad | Facet::IscedNarrow => isced_label(value),
            _ => None,
        };
        label.unwrap_or(value).to_owned()
    }
}

/// Who a record's institution facet files it under, as the index holds it: the
/// publishing source when the record is its own (named by one of its configured names,
/// or not named), the awarding body's name when the source may publish for another
/// body, and the name as an unverified claim otherwise (never under the institution it
/// names). The server maps these onto institutions (`config::Institutions`): one value
/// per publisher, labelled in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstitutionValue {
    /// The publishing source's own institution (its id).
    Source(String),
    /// Another awarding body its source may publish for (its name).
    Named(String),
    /// An awarding body its source may not publish for (the name claimed).
    Claim(String),
}

impl InstitutionValue {
    /// The value of a record of `source` whose awarding body is called `name` (`None` for
    /// a record without any name, which is its publisher's).
    pub fn of(source: &str, name: &LangText, assumed: &Assumed) -> InstitutionValue {
        let best = name
            .best(&[])
            .map(|name| name.trim().chars().take(300).collect::<String>());
        match best {
            Some(name) if assumed.unverified_awarding_body => InstitutionValue::Claim(name),
            Some(name) if !assumed.awarding_body_is_publisher && !assumed.awarding_body => {
                InstitutionValue::Named(name)
            }
            _ => InstitutionValue::Source(source.to_owned()),
        }
    }

    /// The value as indexed and as filters name it.
    pub fn encode(&self) -> String {
        match self {
            InstitutionValue::Source(id) => format!("source:{id}"),
            InstitutionValue::Named(name) => format!("name:{name}"),
            InstitutionValue::Claim(name) => format!("claim:{name}"),
        }
    }

    /// The value an indexed one encodes (`None` for text no [`Self::encode`] wrote).
    pub fn decode(value: &str) -> Option<InstitutionValue> {
        let (kind, rest) = value.split_once(':')?;
        let rest = rest.to_owned();
        match kind {
            "source" => Some(InstitutionValue::Source(rest)),
            "name" => Some(InstitutionValue::Named(rest)),
            "claim" => Some(InstitutionValue::Claim(rest)),
            _ => None,
        }
    }
}

/// The facet values of a record, facet by facet (a facet without value is left out).
pub(crate) fn record_values(source: &str, credential: &Credential) -> Vec<(Facet, Vec<String>)> {
    let mut out: Vec<(Facet, Vec<String>)> = Vec::new();
    let mut push = |facet: Facet, mut values: Vec<String>| {
        values.sort_unstable();
        values.dedup();
        if !values.is_empty() {
            out.push((facet, values));
        }
    };
    push(
        Facet::Country,
        credential
            .awarding_body
            .country
            .iter()
            .map(|country| country.as_str().to_owned())
            .collect(),
    );
    push(
        Facet::Institution,
        vec![
            InstitutionValue::of(source, &credential.awarding_body.name, &credential.assumed)
                .encode(),
        ],
    );
    push(
        Facet::EqfLevel,
        credential
            .eqf_level
            .map(|level: EqfLevel| level.to_string())
            .into_iter()
            .collect(),
    );
    push(
        Facet::Ects,
        credential
            .ects()
            .map(|ects| ects_range(ects).to_owned())
            .into_iter()
            .collect(),
    );
    push(
        Facet::IscedBroad,
        credential
            .isced_fields
            .iter()
            .map(|code| code.broad().to_owned())
            .collect(),
    );
    push(
        Facet::IscedNarrow,
        credential
            .isced_fields
            .iter()
            .filter_map(|code| code.narrow().map(str::to_owned))
            .collect(),
    );
    push(
        Facet::Language,
        model::Offer::languages_of_instruction(&credential.languages, &credential.offers),
    );
    push(
        Facet::Participation,
        credential
            .participation
            .iter()
            .copied()
            .chain(
                credential
                    .offers
                    .iter()
                    .filter_map(|offer| offer.participation),
            )
            .map(|mode| mode.as_str().to_owned())
            .collect(),
    );
    push(Facet::Kind, vec![Kind::as_str(credential.kind).to_owned()]);
    push(
        Facet::Assessment,
        assessment_types(&credential.assessment)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    );
    push(
        Facet::QualityAssurance,
        quality_assurance_types(&credential.quality_assurance)
            .into_iter()
            .map(str::to_owned)
            .collect(),
    );
    push(
        Facet::HasLearningOutcomes,
        vec![credential.has(AnnexElement::LearningOutcomes).to_string()],
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_values_are_checked_and_normalised() {
        for (facet, value, expected) in [
            (Facet::Country, "de", Ok("DE")),
            (Facet::Country, "Germany", Err("country")),
            (Facet::EqfLevel, "6", Ok("6")),
            (Facet::EqfLevel, "9", Err("eqf_level")),
            (Facet::Ects, "3-5", Ok("3-5")),
            (Facet::Ects, "4", Err("ects")),
            (Facet::IscedBroad, "06", Ok("06")),
            (Facet::IscedBroad, "061", Err("isced_broad")),
            (Facet::IscedNarrow, "061", Ok("061")),
            (Facet::IscedNarrow, "987", Err("isced_narrow")),
            (Facet::Language, "de-AT", Ok("de")),
            (Facet::Language, "german!", Err("language")),
            (Facet::Kind, "badge", Ok("badge")),
            (Facet::Kind, "diploma", Err("kind")),
            (Facet::HasLearningOutcomes, "true", Ok("true")),
            (
                Facet::HasLearningOutcomes,
                "yes",
                Err("has_learning_outcomes"),
            ),
            (Facet::Institution, " TU Demo ", Ok("TU Demo")),
            (Facet::Institution, "", Err("institution")),
        ] {
            let parsed = facet.parse_value(value);
            match expected {
                Ok(normalised) => assert_eq!(parsed.as_deref(), Ok(normalised), "{value}"),
                Err(name) => {
                    let message = parsed.expect_err(value);
                    assert!(message.contains(name), "{message}");
                }
            }
        }
    }

    #[test]
    fn ects_ranges_include_their_upper_bound() {
        for (ects, range) in [
            (0.5, "under-3"),
            (2.99, "under-3"),
            (3.0, "3-5"),
            (5.0, "3-5"),
            (5.5, "5-10"),
            (10.0, "5-10"),
            (30.0, "10-30"),
            (60.0, "over-30"),
        ] {
            assert_eq!(ects_range(ects), range, "{ects}");
        }
    }

    #[test]
    fn labels() {
        for (facet, value, label) in [
            (Facet::Country, "DE", "Germany"),
            (Facet::Country, "ZZ", "ZZ"),
            (Facet::Language, "fr", "French"),
            (
                Facet::IscedBroad,
                "06",
                "Information and Communication Technologies (ICTs)",
            ),
            (Facet::Ects, "3-5", "3 to 5 ECTS"),
            (Facet::Institution, "TU Demo", "TU Demo"),
        ] {
            assert_eq!(facet.label(value), label);
        }
    }

    #[test]
    fn a_record_is_filed_under_its_publisher_whatever_language_names_it() {
        let source = "demo-tu";
        let named = |pairs: &[(&str, &str)]| {
            let mut name = LangText::default();
            for (lang, text) in pairs {
                name.insert(lang, text);
            }
            name
        };
        let own = Assumed {
            awarding_body_is_publisher: true,
            ..Assumed::default()
        };
        let publisher = InstitutionValue::Source("demo-tu".to_owned());
        for name in [
            named(&[("de", "Technische Universität Demo")]),
            named(&[("en", "Technical University Demo")]),
        ] {
            assert_eq!(InstitutionValue::of(source, &name, &own), publisher);
        }
        let filled_in = Assumed {
            awarding_body: true,
            ..Assumed::default()
        };
        assert_eq!(
            InstitutionValue::of(source, &named(&[("und", "TU")]), &filled_in),
            publisher
        );
        assert_eq!(
            InstitutionValue::of(source, &LangText::default(), &Assumed::default()),
            publisher
        );
        let partner = named(&[("en", " Famous University ")]);
        assert_eq!(
            InstitutionValue::of(source, &partner, &Assumed::default()),
            InstitutionValue::Named("Famous University".to_owned())
        );
        let claim = Assumed {
            unverified_awarding_body: true,
            ..Assumed::default()
        };
        let claimed = InstitutionValue::of(source, &partner, &claim);
        assert_eq!(
            claimed,
            InstitutionValue::Claim("Famous University".to_owned())
        );
        for value in [
            publisher,
            claimed,
            InstitutionValue::Named("A: B".to_owned()),
        ] {
            assert_eq!(InstitutionValue::decode(&value.encode()), Some(value));
        }
        assert_eq!(InstitutionValue::decode("Famous University"), None);
    }
}
