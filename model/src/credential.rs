//! The canonical model of a learning opportunity or micro-credential.
//!
//! It covers the information elements of the EU Council Recommendation on a European
//! approach to micro-credentials (2022, Annex I), listed in [`AnnexElement`], plus what
//! discovery and recognition need beyond them (description, languages, fields, offers).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{Country, EqfLevel, IscedCode, LangTag, LangText};

/// One learning opportunity, achievement specification or credential, whatever the
/// format it was published in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Credential {
    /// What sort of offer this is.
    pub kind: Kind,
    /// Annex I: title of the micro-credential.
    pub title: LangText,
    /// Free-text description (plain text; HTML is sanitised into `description_html`).
    pub description: LangText,
    /// The description as sanitised HTML, where the feed published HTML.
    #[serde(skip_serializing_if = "LangText::is_empty")]
    pub description_html: LangText,
    /// Annex I: learning outcomes.
    pub learning_outcomes: Vec<LearningOutcome>,
    /// Annex I: awarding body (its name and country are two elements).
    pub awarding_body: Organisation,
    /// Annex I: notional workload in credits, ECTS where the scheme says so.
    pub credits: Option<Credits>,
    /// Notional workload in hours, stated or derived from a duration.
    pub workload_hours: Option<f64>,
    /// Annex I: level (EQF).
    pub eqf_level: Option<EqfLevel>,
    /// The level in a national framework, as published (e.g. "NQF 6").
    pub nqf_level: Option<String>,
    /// Annex I: type of assessment.
    pub assessment: LangText,
    /// Annex I: form of participation.
    pub participation: Vec<Participation>,
    /// Annex I: type of quality assurance used to underpin the credential.
    pub quality_assurance: LangText,
    /// Languages of instruction.
    pub languages: Vec<LangTag>,
    /// ISCED-F 2013 fields of education.
    pub isced_fields: Vec<IscedCode>,
    /// Skills (ESCO or other URIs) the credential is aligned to.
    pub skills: Vec<String>,
    /// Subject keywords, as published.
    pub keywords: Vec<String>,
    /// Annex I (optional elements): prerequisites needed to enrol.
    pub prerequisites: LangText,
    /// Annex I (optional elements): integration and stackability options.
    pub stackability: LangText,
    /// Annex I (optional elements): supervision and identity verification during assessment.
    pub supervision: LangText,
    /// Annex I (optional elements): grade achieved or grading scheme.
    pub grading: LangText,
    /// The offer's page at the publishing institution.
    pub url: Option<String>,
    /// Identifiers the publisher gave the offer (course codes, URIs).
    pub identifiers: Vec<Identifier>,
    /// Dated offers (presentations, instances) of the same specification.
    pub offers: Vec<Offer>,
    /// Ids of records this one contains (modules of a programme), as published.
    pub contains: Vec<String>,
    /// When the publisher says the record was last modified.
    pub modified: Option<DateTime<Utc>>,
    /// Whether the offer is currently active.
    pub status: Status,
    /// Problems found while normalising this record that did not stop it, for the
    /// conformance report (e.g. credits "five" are not a number: workload unreadable).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    /// What the clearinghouse filled in from the source's configuration because the
    /// record did not state it: not what the publisher stated.
    #[serde(skip_serializing_if = "Assumed::is_empty")]
    pub assumed: Assumed,
}

/// Elements filled in from the source's configuration ([`Credential::assumed`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Assumed {
    /// The awarding body's name is the publishing institution's.
    pub awarding_body: bool,
    /// The awarding body's country is the source's.
    pub country: bool,
    /// The awarding body named is not one the source may publish for (its
    /// configuration): the record is kept, and its awarding body shown as a claim.
    pub unverified_awarding_body: bool,
    /// The awarding body is the publishing institution itself: named by one of the
    /// names its configuration gives it (in any language), or not named at all. Records
    /// stored before this was concluded say `false`; they are matched by name instead.
    pub awarding_body_is_publisher: bool,
}

impl Assumed {
    /// Whether nothing was assumed.
    pub fn is_empty(&self) -> bool {
        !self.awarding_body
            && !self.country
            && !self.unverified_awarding_body
            && !self.awarding_body_is_publisher
    }
}

/// A problem with a record that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The Annex I element affected, if any: present in the feed but unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<AnnexElement>,
    /// What is wrong, in words the publisher can act on.
    pub message: String,
}

impl Issue {
    /// An element present in the feed but unreadable.
    pub fn unreadable(element: AnnexElement, message: impl Into<String>) -> Issue {
        Issue {
            element: Some(element),
            message: message.into(),
        }
    }

    /// A problem not tied to one element (mojibake, end before start, unknown vocabulary).
    pub fn note(message: impl Into<String>) -> Issue {
        Issue {
            element: None,
            message: message.into(),
        }
    }
}

/// The kind of offer, for faceting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A single course or learning opportunity.
    #[default]
    Course,
    /// A module or unit that is part of something larger.
    Module,
    /// A degree programme or learning programme.
    Programme,
    /// A micro-credential in the sense of the Council Recommendation.
    MicroCredential,
    /// A digital badge.
    Badge,
    /// A qualification.
    Qualification,
}

impl Kind {
    /// Every kind, in facet order.
    pub const ALL: [Kind; 6] = [
        Kind::Course,
        Kind::Module,
        Kind::Programme,
        Kind::MicroCredential,
        Kind::Badge,
        Kind::Qualification,
    ];

    /// The value used in URLs, JSON and the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Course => "course",
            Kind::Module => "module",
            Kind::Programme => "programme",
            Kind::MicroCredential => "micro-credential",
            Kind::Badge => "badge",
            Kind::Qualification => "qualification",
        }
    }

    /// Parses the value used in URLs and JSON.
    pub fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// Whether an offer is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Offered now or in the future, or not said.
    #[default]
    Active,
    /// No longer offered.
    Inactive,
}

/// Annex I: form of participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Participation {
    /// Online, distance learning.
    Online,
    /// On site, in person.
    OnSite,
    /// Both.
    Blended,
}

impl Participation {
    /// The value used in URLs, JSON and the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Participation::Online => "online",
            Participation::OnSite => "on-site",
            Participation::Blended => "blended",
        }
    }

    /// Recognises the many ways feeds say it ("distance", "face-to-face", "hybrid",
    /// ELM learning-mode URIs ending in the concept, ...).
    pub fn parse_loose(text: &str) -> Option<Participation> {
        let lower = text.trim().to_lowercase();
        let last = lower.rsplit(['/', '#']).next().unwrap_or(&lower);
        let has = |words: &[&str]| words.iter().any(|w| last.contains(w));
        if has(&["blend", "hybrid", "mixed"]) {
            Some(Participation::Blended)
        } else if has(&[
            "online",
            "distance",
            "e-learning",
            "elearning",
            "remote",
            "virtual",
        ]) {
            Some(Participation::Online)
        } else if has(&[
            "on-site",
            "onsite",
            "on site",
            "face",
            "campus",
            "in person",
            "in-person",
            "classroom",
            "presence",
            "präsenz",
        ]) {
            Some(Participation::OnSite)
        } else {
            None
        }
    }
}

/// The credit system of a workload figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "scheme", content = "name")]
pub enum CreditScheme {
    /// European Credit Transfer and Accumulation System.
    Ects,
    /// Another named scheme (e.g. "us-semester-hours", "cats").
    Other(String),
    /// The feed gave a number without saying which scheme: kept, never guessed to be ECTS.
    Unspecified,
}

/// A credit value and the scheme it is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credits {
    /// The number of credits (a decimal: 2.5 ECTS is common).
    pub value: f64,
    /// The scheme, kept as published.
    #[serde(flatten)]
    pub scheme: CreditScheme,
}

impl Credits {
    /// ECTS credits.
    pub fn ects(value: f64) -> Credits {
        Credits {
            value,
            scheme: CreditScheme::Ects,
        }
    }

    /// The value if the scheme is ECTS.
    pub fn as_ects(&self) -> Option<f64> {
        (self.scheme == CreditScheme::Ects).then_some(self.value)
    }
}

/// One learning outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LearningOutcome {
    /// What the learner knows or can do.
    pub text: LangText,
    /// A skill or competence URI (ESCO) the outcome is related to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skill_uri: Option<String>,
}

/// An organisation: the awarding body or the provider of an offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organisation {
    /// The organisation's name.
    pub name: LangText,
    /// Its country.
    pub country: Option<Country>,
    /// Its home page.
    pub url: Option<String>,
    /// Identifiers (Erasmus code, SCHAC code, PIC, URI).
    pub identifiers: Vec<Identifier>,
}

/// An identifier with the scheme that issued it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    /// The scheme or kind ("course-code", "uri", "los-id", "erasmus", ...).
    pub scheme: String,
    /// The identifier itself.
    pub value: String,
}

/// A dated offer of the learning opportunity (a presentation or instance).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Offer {
    /// First day of teaching.
    pub start: Option<NaiveDate>,
    /// Last day of teaching.
    pub end: Option<NaiveDate>,
    /// Last day to apply.
    pub application_deadline: Option<NaiveDate>,
    /// Language of instruction of this offer.
    pub languages: Vec<LangTag>,
    /// Where it takes place.
    pub venue: LangText,
    /// Form of participation of this offer.
    pub participation: Option<Participation>,
    /// The offer's page.
    pub url: Option<String>,
    /// Price, as published (e.g. "EUR 120").
    pub cost: Option<String>,
}

impl Offer {
    /// The offer of `offers` that starts next, from `today` on: the earliest start not
    /// before it.
    pub fn next(offers: &[Offer], today: NaiveDate) -> Option<&Offer> {
        offers
            .iter()
            .filter(|offer| offer.start.is_some_and(|start| start >= today))
            .min_by_key(|offer| offer.start)
    }

    /// The price in euros, when the published cost says one: a number with `EUR`, `€`
    /// or `euro` (`EUR 120`, `120,50 €`, `1.200 euros`), or a word for free of charge in
    /// one of the EU's main languages (and `0`). `None` for another currency or words
    /// that name no price: a filter on cost then counts the offer as not stating one.
    pub fn cost_eur(&self) -> Option<f64> {
        let text = self.cost.as_deref()?.trim().to_lowercase();
        const FREE: [&str; 14] = [
            "free",
            "free of charge",
            "no fee",
            "kostenlos",
            "gebührenfrei",
            "gratuit",
            "gratis",
            "gratuito",
            "gratuita",
            "bezpłatny",
            "bezpłatnie",
            "ilmainen",
            "maksuton",
            "zdarma",
        ];
        if FREE.contains(&text.as_str()) {
            return Some(0.0);
        }
        let euro = text.contains("eur") || text.contains('€');
        let number: String = text
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}'))
            .filter(|c| !c.is_whitespace())
            .collect();
        let amount = parse_amount(&number)?;
        if amount == 0.0 && !text.chars().any(|c| c.is_alphabetic() && c != 'e') {
            return Some(0.0);
        }
        euro.then_some(amount)
    }

    /// How many days the offer lasts, from its first day to its last (both counted),
    /// when both are stated and in order.
    pub fn duration_days(&self) -> Option<u32> {
        let days = (self.end? - self.start?).num_days() + 1;
        u32::try_from(days).ok().filter(|days| *days > 0)
    }

    /// The languages of instruction of a credential stating `languages` with `offers`:
    /// its own and every offer's, by primary subtag, each once, undetermined left out.
    pub fn languages_of_instruction(languages: &[LangTag], offers: &[Offer]) -> Vec<String> {
        let mut primaries: Vec<String> = Vec::new();
        for tag in languages
            .iter()
            .chain(offers.iter().flat_map(|offer| &offer.languages))
        {
            if !tag.is_undetermined() && !primaries.iter().any(|known| known == tag.primary()) {
                primaries.push(tag.primary().to_owned());
            }
        }
        primaries
    }
}

/// A published amount: digits with a decimal comma or point and thousands separators
/// (`1.200,50`, `1,200.50`, `120,5`, `450`).
fn parse_amount(text: &str) -> Option<f64> {
    let text = text.trim_end_matches(['.', ',']);
    if text.is_empty() {
        return None;
    }
    let last = text.rfind(['.', ',']);
    let normal = match last {
        // Two or fewer digits after the last separator: it is the decimal one.
        Some(at) if text.len() - at - 1 <= 2 => {
            let (whole, decimals) = text.split_at(at);
            format!("{}.{}", whole.replace(['.', ','], ""), &decimals[1..])
        }
        _ => text.replace(['.', ','], ""),
    };
    normal.parse().ok()
}

/// The information elements of Annex I of the Council Recommendation on micro-credentials
/// (2022): the mandatory ones first, then the optional ones that matter for recognition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnexElement {
    /// Title of the micro-credential.
    Title,
    /// Awarding body(ies).
    AwardingBody,
    /// Country(ies)/Region of the issuer.
    Country,
    /// Learning outcomes.
    LearningOutcomes,
    /// Notional workload needed to achieve the learning outcomes (in ECTS, wherever possible).
    Workload,
    /// Level (and cycle, if applicable) of the learning experience (EQF).
    EqfLevel,
    /// Type of assessment.
    Assessment,
    /// Form of participation in the learning activity.
    Participation,
    /// Type of quality assurance used to underpin the micro-credential.
    QualityAssurance,
    /// Prerequisites needed to enrol in the learning activity (optional element).
    Prerequisites,
    /// Integration/stackability options (optional element).
    Stackability,
}

impl AnnexElement {
    /// The mandatory elements of Annex I, part I.
    pub const MANDATORY: [AnnexElement; 9] = [
        AnnexElement::Title,
        AnnexElement::AwardingBody,
        AnnexElement::Country,
        AnnexElement::LearningOutcomes,
        AnnexElement::Workload,
        AnnexElement::EqfLevel,
        AnnexElement::Assessment,
        AnnexElement::Participation,
        AnnexElement::QualityAssurance,
    ];

    /// The snake_case name used in JSON and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            AnnexElement::Title => "title",
            AnnexElement::AwardingBody => "awarding_body",
            AnnexElement::Country => "country",
            AnnexElement::LearningOutcomes => "learning_outcomes",
            AnnexElement::Workload => "workload",
            AnnexElement::EqfLevel => "eqf_level",
            AnnexElement::Assessment => "assessment",
            AnnexElement::Participation => "participation",
            AnnexElement::QualityAssurance => "quality_assurance",
            AnnexElement::Prerequisites => "prerequisites",
            AnnexElement::Stackability => "stackability",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            AnnexElement::Title => "Title",
            AnnexElement::AwardingBody => "Awarding body",
            AnnexElement::Country => "Country of the awarding body",
            AnnexElement::LearningOutcomes => "Learning outcomes",
            AnnexElement::Workload => "Workload (ECTS)",
            AnnexElement::EqfLevel => "EQF level",
            AnnexElement::Assessment => "Type of assessment",
            AnnexElement::Participation => "Form of participation",
            AnnexElement::QualityAssurance => "Quality assurance",
            AnnexElement::Prerequisites => "Prerequisites",
            AnnexElement::Stackability => "Integration and stackability",
        }
    }
}

impl Credential {
    /// Whether the record carries the given Annex I element. Workload counts when credits
    /// in any scheme or hours are stated.
    pub fn has(&self, element: AnnexElement) -> bool {
        match element {
            AnnexElement::Title => !self.title.is_empty(),
            AnnexElement::AwardingBody => !self.awarding_body.name.is_empty(),
            AnnexElement::Country => self.awarding_body.country.is_some(),
            AnnexElement::LearningOutcomes => self
                .learning_outcomes
                .iter()
                .any(|outcome| !outcome.text.is_empty()),
            AnnexElement::Workload => self.credits.is_some() || self.workload_hours.is_some(),
            AnnexElement::EqfLevel => self.eqf_level.is_some(),
            AnnexElement::Assessment => !self.assessment.is_empty(),
            AnnexElement::Participation => !self.participation.is_empty(),
            AnnexElement::QualityAssurance => !self.quality_assurance.is_empty(),
            AnnexElement::Prerequisites => !self.prerequisites.is_empty(),
            AnnexElement::Stackability => !self.stackability.is_empty(),
        }
    }

    /// Whether the publisher's record states `element`: present, and not filled in by
    /// the clearinghouse from the source's configuration (an awarding body or its
    /// country [`Assumed`] is shown, but not stated).
    pub fn states(&self, element: AnnexElement) -> bool {
        let assumed = match element {
            AnnexElement::AwardingBody => self.assumed.awarding_body,
            AnnexElement::Country => self.assumed.country,
            _ => false,
        };
        self.has(element) && !assumed
    }

    /// The mandatory Annex I elements the publisher's record does not state
    /// ([`Self::states`]).
    pub fn missing_mandatory(&self) -> Vec<AnnexElement> {
        AnnexElement::MANDATORY
            .into_iter()
            .filter(|element| !self.states(*element))
            .collect()
    }

    /// The completeness of the record, the one figure every page, the API, the reports
    /// and `validate` show: the share (0.0 to 1.0) of the mandatory Annex I elements the
    /// publisher's record states ([`Self::states`]); what the clearinghouse assumed from
    /// the source's configuration does not count.
    pub fn completeness(&self) -> f64 {
        let present = AnnexElement::MANDATORY
            .iter()
            .filter(|element| self.states(**element))
            .count();
        present as f64 / AnnexElement::MANDATORY.len() as f64
    }

    /// ECTS credits, if stated in ECTS.
    pub fn ects(&self) -> Option<f64> {
        self.credits.as_ref().and_then(Credits::as_ects)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participation_is_read_loosely() {
        for (text, expected) in [
            ("Online", Some(Participation::Online)),
            ("distance learning", Some(Participation::Online)),
            ("Face-to-face", Some(Participation::OnSite)),
            (
                "http://data.europa.eu/snb/learning-assessment/blended",
                Some(Participation::Blended),
            ),
            ("Hybrid", Some(Participation::Blended)),
            ("whenever", None),
        ] {
            assert_eq!(Participation::parse_loose(text), expected, "{text}");
        }
    }

    #[test]
    fn completeness_counts_mandatory_elements() {
        let mut credential = Credential::default();
        assert_eq!(credential.completeness(), 0.0);
        credential.title = LangText::single("en", "Data literacy");
        credential.credits = Some(Credits::ects(5.0));
        assert!((credential.completeness() - 2.0 / 9.0).abs() < 1e-9);
        assert!(
            !credential
                .missing_mandatory()
                .contains(&AnnexElement::Workload)
        );
        assert!(
            credential
                .missing_mandatory()
                .contains(&AnnexElement::EqfLevel)
        );
        // What the clearinghouse filled in from the source's configuration is shown but
        // is not the publisher's: it does not count.
        credential.awarding_body.country = Some(Country::parse("DE").unwrap());
        credential.assumed.country = true;
        assert!(credential.has(AnnexElement::Country));
        assert!(!credential.states(AnnexElement::Country));
        assert!((credential.completeness() - 2.0 / 9.0).abs() < 1e-9);
        credential.assumed.country = false;
        assert!((credential.completeness() - 3.0 / 9.0).abs() < 1e-9);
    }

    #[test]
    fn credits_without_scheme_are_not_ects() {
        let credits = Credits {
            value: 3.0,
            scheme: CreditScheme::Unspecified,
        };
        assert_eq!(credits.as_ects(), None);
        let json = serde_json::to_value(&credits).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"value": 3.0, "scheme": "unspecified"})
        );
        let ects: Credits =
            serde_json::from_value(serde_json::json!({"value": 2.5, "scheme": "ects"})).unwrap();
        assert_eq!(ects.as_ects(), Some(2.5));
    }
}

#[cfg(test)]
mod offer_tests {
    use super::*;

    fn costing(text: &str) -> Option<f64> {
        Offer {
            cost: Some(text.to_owned()),
            ..Offer::default()
        }
        .cost_eur()
    }

    #[test]
    fn a_published_cost_is_read_in_euros_or_not_at_all() {
        for (text, euros) in [
            ("EUR 120", Some(120.0)),
            ("120 €", Some(120.0)),
            ("€ 1.200,50", Some(1200.5)),
            ("1,200.50 EUR", Some(1200.5)),
            ("450 euros", Some(450.0)),
            ("120,5 EUR", Some(120.5)),
            ("Free", Some(0.0)),
            ("kostenlos", Some(0.0)),
            ("bezpłatny", Some(0.0)),
            ("0", Some(0.0)),
            ("PLN 400", None),
            ("CHF 90", None),
            ("see website", None),
            ("", None),
        ] {
            assert_eq!(costing(text), euros, "{text:?}");
        }
    }

    #[test]
    fn a_duration_counts_both_days_and_needs_both_in_order() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2027, 3, d);
        let offer = |start, end| Offer {
            start,
            end,
            ..Offer::default()
        };
        assert_eq!(offer(day(1), day(14)).duration_days(), Some(14));
        assert_eq!(offer(day(1), day(1)).duration_days(), Some(1));
        assert_eq!(offer(day(14), day(1)).duration_days(), None);
        assert_eq!(offer(day(1), None).duration_days(), None);
    }
}
