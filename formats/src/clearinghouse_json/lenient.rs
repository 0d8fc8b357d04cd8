//! A record read element by element: the way a record is read when strict reading (serde
//! straight into [`Credential`]) refuses it, so that one value of an unexpected type
//! costs that element, not the record.
//!
//! Each member is first read as strict reading reads it, so a member that strict reading
//! accepts reads the same whichever way its record went. Only a member strict reading
//! refuses is read by the shared rules ([`crate::normalize`]: credits and hours with a
//! unit word, dates in the forms feeds use, the loose forms of participation, vocabulary
//! codes) and, failing those, becomes an issue: unreadable for an Annex I element, a note
//! otherwise. Its message names the member by its path in the record (`credits.value`,
//! `learning_outcomes[2].text`, `offers[0].start`; list positions count from 0), says what
//! was expected with an example, and quotes what was published.
//!
//! Only a record without an identifier is refused here; one without a title is refused by
//! the caller, which checks every record the same way.

use chrono::{DateTime, NaiveDate, Utc};
use model::{
    AnnexElement, Assumed, Country, Credential, CreditScheme, Credits, EqfLevel, Identifier,
    IscedCode, Issue, Kind, LangTag, LangText, LearningOutcome, Offer, Organisation, Participation,
    Status,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{FeedHeader, FeedRecord, UpstreamProvenance};
use crate::RecordFailure;
use crate::normalize;

/// Reads the record `value` (the `position`-th of its document, for messages) element by
/// element. Refused only when it is not an object or has no usable `id`.
pub(super) fn read(value: &Value, position: &str) -> Result<FeedRecord, RecordFailure> {
    let Value::Object(object) = value else {
        return Err(RecordFailure {
            upstream_id: None,
            reason: format!(
                "{position} is not a record: a record is a JSON object such as \
                 {{\"id\": \"CS-101\", \"title\": {{\"en\": \"Data literacy\"}}}}; got {}",
                shown(value)
            ),
        });
    };
    let mut reader = Reader::default();
    let header = reader.header(object, position)?;
    let mut credential = reader.credential(object);
    credential.issues.append(&mut reader.issues);
    Ok(FeedRecord { header, credential })
}

/// The value as quoted in a message: text in quotes (cut when long), numbers and words as
/// published, a list or an object named as such.
fn shown(value: &Value) -> String {
    const MAX_CHARS: usize = 60;
    match value {
        Value::String(text) if text.chars().count() > MAX_CHARS => {
            let cut: String = text.chars().take(MAX_CHARS).collect();
            format!("{}…", Value::String(cut))
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        other => other.to_string(),
    }
}

/// `{path}: {expectation}; got {value}`, the shape of every message about a value.
fn expected(path: &str, expectation: &str, got: &Value) -> String {
    format!("{path}: {expectation}; got {}", shown(got))
}

/// [`expected`], then what was done instead (`left out`, `read as course`).
fn expected_then(path: &str, expectation: &str, got: &Value, then: &str) -> String {
    format!("{}; {then}", expected(path, expectation, got))
}

/// The member as strict reading reads it, if it does.
fn strict<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The items of a list; a single value is taken as a list of one, as everywhere.
fn items(value: &Value) -> &[Value] {
    match value {
        Value::Array(items) => items,
        Value::Null => &[],
        single => std::slice::from_ref(single),
    }
}

/// Text published as a string, or as a number where text is expected (`"nqf_level": 6`).
fn text_or_number(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// What the reading of one record has found wrong so far.
#[derive(Default)]
struct Reader {
    issues: Vec<Issue>,
}

impl Reader {
    /// An issue about `element` (unreadable), or a note when no Annex I element is at
    /// stake.
    fn issue(&mut self, element: Option<AnnexElement>, message: String) {
        self.issues.push(match element {
            Some(element) => Issue::unreadable(element, message),
            None => Issue::note(message),
        });
    }

    fn note(&mut self, message: String) {
        self.issue(None, message);
    }

    fn header(
        &mut self,
        object: &Map<String, Value>,
        position: &str,
    ) -> Result<FeedHeader, RecordFailure> {
        const ID_EXAMPLE: &str = "e.g. \"id\": \"CS-101\"";
        let refuse = |reason: String| RecordFailure {
            upstream_id: None,
            reason: format!("{position}: {reason}"),
        };
        let id = match object.get("id") {
            None | Some(Value::Null) => {
                return Err(refuse(format!(
                    "`id` is missing; every record needs the publisher's identifier of the \
                     offer, {ID_EXAMPLE}"
                )));
            }
            Some(id) => text_or_number(id).ok_or_else(|| {
                refuse(expected(
                    "`id`",
                    &format!("the identifier must be text, {ID_EXAMPLE}"),
                    id,
                ))
            })?,
        };
        let deleted = match object.get("deleted") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(deleted)) => *deleted,
            Some(Value::String(text)) if text.trim().eq_ignore_ascii_case("true") => true,
            Some(Value::String(text)) if text.trim().eq_ignore_ascii_case("false") => false,
            Some(other) => {
                self.note(expected_then(
                    "deleted",
                    "deleted must be true or false",
                    other,
                    "read as false (the record is live)",
                ));
                false
            }
        };
        let provenance = match object.get("provenance") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let provenance = strict::<UpstreamProvenance>(value);
                if provenance.is_none() {
                    self.note(expected_then(
                        "provenance",
                        "provenance must name the clearinghouse, record_id, source_id and \
                         upstream_id of the record it re-publishes",
                        value,
                        "not read",
                    ));
                }
                provenance
            }
        };
        Ok(FeedHeader {
            id,
            deleted,
            provenance,
        })
    }

    /// Every member of the canonical model, each read on its own; members of neither the
    /// model nor the header are ignored, as strict reading ignores them.
    fn credential(&mut self, object: &Map<String, Value>) -> Credential {
        let mut c = Credential::default();
        for (key, value) in object {
            if value.is_null() {
                // Nothing published: the element is absent, not unreadable.
                continue;
            }
            let path = key.as_str();
            match path {
                "kind" => c.kind = self.kind(value, path),
                "title" => c.title = self.lang_text(value, path, Some(AnnexElement::Title)),
                "description" => c.description = self.lang_text(value, path, None),
                "description_html" => c.description_html = self.lang_text(value, path, None),
                "learning_outcomes" => c.learning_outcomes = self.learning_outcomes(value, path),
                "awarding_body" => c.awarding_body = self.organisation(value, path),
                "credits" => c.credits = self.credits(value, path),
                "workload_hours" => c.workload_hours = self.workload_hours(value, path),
                "eqf_level" => c.eqf_level = self.eqf_level(value, path),
                "nqf_level" => c.nqf_level = self.text(value, path, "e.g. \"NQF 6\""),
                "assessment" => {
                    c.assessment = self.lang_text(value, path, Some(AnnexElement::Assessment));
                }
                "participation" => c.participation = self.participations(value, path),
                "quality_assurance" => {
                    c.quality_assurance =
                        self.lang_text(value, path, Some(AnnexElement::QualityAssurance));
                }
                "languages" => c.languages = self.languages(value, path),
                "isced_fields" => c.isced_fields = self.isced_fields(value, path),
                "skills" => c.skills = self.texts(value, path),
                "keywords" => c.keywords = self.texts(value, path),
                "prerequisites" => {
                    c.prerequisites =
                        self.lang_text(value, path, Some(AnnexElement::Prerequisites));
                }
                "stackability" => {
                    c.stackability = self.lang_text(value, path, Some(AnnexElement::Stackability));
                }
                "supervision" => c.supervision = self.lang_text(value, path, None),
                "grading" => c.grading = self.lang_text(value, path, None),
                "url" => c.url = self.text(value, path, "e.g. \"https://uni.example/cs-101\""),
                "identifiers" => c.identifiers = self.identifiers(value, path),
                "offers" => c.offers = self.offers(value, path),
                "contains" => c.contains = self.texts(value, path),
                "modified" => c.modified = self.timestamp(value, path),
                "status" => c.status = self.status(value, path),
                "issues" => c.issues = self.published_issues(value, path),
                "assumed" => c.assumed = self.assumed(value, path),
                _ => {}
            }
        }
        c
    }

    fn kind(&mut self, value: &Value, path: &str) -> Kind {
        let read = strict::<Kind>(value).or_else(|| {
            let text = value.as_str()?.trim().to_lowercase();
            Kind::parse(&text.replace(' ', "-"))
        });
        read.unwrap_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.as_str()).collect();
            self.note(expected_then(
                path,
                &format!("the kind must be one of {}", names.join(", ")),
                value,
                "read as course",
            ));
            Kind::Course
        })
    }

    fn status(&mut self, value: &Value, path: &str) -> Status {
        let read = strict::<Status>(value).or_else(|| {
            match value.as_str()?.trim().to_lowercase().as_str() {
                "active" => Some(Status::Active),
                "inactive" => Some(Status::Inactive),
                _ => None,
            }
        });
        read.unwrap_or_else(|| {
            self.note(expected_then(
                path,
                "the status must be active or inactive",
                value,
                "read as active",
            ));
            Status::Active
        })
    }

    /// Text by language (`{"en": "…"}`). Plain text is kept as of unknown language (`und`),
    /// a list of texts in one language joined with `; `, text under a tag that is not one
    /// kept under `und`; each with a note, so the publisher can fix it.
    fn lang_text(&mut self, value: &Value, path: &str, element: Option<AnnexElement>) -> LangText {
        if let Some(text) = strict::<LangText>(value) {
            return text;
        }
        let mut text = LangText::default();
        match value {
            Value::String(plain) => {
                text.insert_tag(LangTag::undetermined(), plain);
                self.note(format!(
                    "{path}: text should be given by language, e.g. {{\"en\": \"Data literacy\"}}; \
                     got text without a language, kept as of unknown language (und)"
                ));
            }
            Value::Object(by_language) => {
                for (lang, item) in by_language {
                    let joined = match item {
                        Value::String(one) => one.clone(),
                        Value::Array(several) if several.iter().all(Value::is_string) => several
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("; "),
                        Value::Null => continue,
                        other => {
                            self.issue(
                                element,
                                expected(
                                    &format!("{path}.{lang}"),
                                    "text must be a string, e.g. \"Data literacy\"",
                                    other,
                                ),
                            );
                            continue;
                        }
                    };
                    let tag = LangTag::parse(lang).unwrap_or_else(|_| {
                        self.note(format!(
                            "{path}: {lang:?} is not a language tag (BCP 47, e.g. en or de-AT); \
                             its text is kept as of unknown language (und)"
                        ));
                        LangTag::undetermined()
                    });
                    text.insert_tag(tag, &joined);
                }
            }
            other => self.issue(
                element,
                expected(
                    path,
                    "text must be given by language, e.g. {\"en\": \"Data literacy\"}",
                    other,
                ),
            ),
        }
        text
    }

    /// Text (or a number written where text is expected); anything else is left out.
    fn text(&mut self, value: &Value, path: &str, example: &str) -> Option<String> {
        let read = text_or_number(value);
        if read.is_none() {
            self.note(expected_then(
                path,
                &format!("text expected, {example}"),
                value,
                "left out",
            ));
        }
        read
    }

    /// A list of texts (skills, keywords, contained records' ids).
    fn texts(&mut self, value: &Value, path: &str) -> Vec<String> {
        if let Some(all) = strict::<Vec<String>>(value) {
            return all;
        }
        items(value)
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.text(item, &format!("{path}[{i}]"), "e.g. \"statistics\""))
            .collect()
    }

    fn learning_outcomes(&mut self, value: &Value, path: &str) -> Vec<LearningOutcome> {
        const ELEMENT: Option<AnnexElement> = Some(AnnexElement::LearningOutcomes);
        if let Some(all) = strict::<Vec<LearningOutcome>>(value) {
            return all;
        }
        let mut outcomes = Vec::new();
        for (i, item) in items(value).iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            if let Some(outcome) = strict::<LearningOutcome>(item) {
                outcomes.push(outcome);
                continue;
            }
            let outcome = match item {
                Value::String(_) => LearningOutcome {
                    text: self.lang_text(item, &item_path, ELEMENT),
                    skill_uri: None,
                },
                Value::Object(members) => LearningOutcome {
                    text: members
                        .get("text")
                        .filter(|text| !text.is_null())
                        .map(|text| self.lang_text(text, &format!("{item_path}.text"), ELEMENT))
                        .unwrap_or_default(),
                    skill_uri: members
                        .get("skill_uri")
                        .filter(|uri| !uri.is_null())
                        .and_then(|uri| {
                            self.text(
                                uri,
                                &format!("{item_path}.skill_uri"),
                                "e.g. \"http://data.europa.eu/esco/skill/…\"",
                            )
                        }),
                },
                Value::Null => continue,
                other => {
                    self.issue(
                        ELEMENT,
                        expected(
                            &item_path,
                            "a learning outcome must be an object with its text by language, \
                             e.g. {\"text\": {\"en\": \"Clean tabular data\"}}",
                            other,
                        ),
                    );
                    continue;
                }
            };
            if !outcome.text.is_empty() || outcome.skill_uri.is_some() {
                outcomes.push(outcome);
            }
        }
        outcomes
    }

    fn organisation(&mut self, value: &Value, path: &str) -> Organisation {
        if let Some(organisation) = strict::<Organisation>(value) {
            return organisation;
        }
        let mut organisation = Organisation::default();
        match value {
            Value::String(name) => {
                organisation.name = LangText::single("und", name);
                self.note(format!(
                    "{path}: an object is expected, e.g. {{\"name\": {{\"en\": \"Université de \
                     Lyon\"}}, \"country\": \"FR\"}}; got its name alone, kept as its name"
                ));
            }
            Value::Object(members) => {
                for (key, member) in members {
                    if member.is_null() {
                        continue;
                    }
                    let member_path = format!("{path}.{key}");
                    match key.as_str() {
                        "name" => {
                            organisation.name = self.lang_text(
                                member,
                                &member_path,
                                Some(AnnexElement::AwardingBody),
                            );
                        }
                        "country" => organisation.country = self.country(member, &member_path),
                        "url" => {
                            organisation.url =
                                self.text(member, &member_path, "e.g. \"https://uni.example\"");
                        }
                        "identifiers" => {
                            organisation.identifiers = self.identifiers(member, &member_path);
                        }
                        _ => {}
                    }
                }
            }
            other => self.issue(
                Some(AnnexElement::AwardingBody),
                expected(
                    path,
                    "the awarding body must be an object, e.g. {\"name\": {\"en\": \"Université \
                     de Lyon\"}, \"country\": \"FR\"}",
                    other,
                ),
            ),
        }
        organisation
    }

    /// A country code; alpha-3 codes and EU authority URIs are mapped as in every format.
    fn country(&mut self, value: &Value, path: &str) -> Option<Country> {
        let read = strict::<Country>(value)
            .or_else(|| value.as_str().and_then(|text| vocab::country(text).ok()));
        if read.is_none() {
            self.issue(
                Some(AnnexElement::Country),
                expected(
                    path,
                    "the country must be an ISO 3166-1 code, e.g. \"DE\"",
                    value,
                ),
            );
        }
        read
    }

    /// Credits: `{"value": 5, "scheme": "ects"}`. A value may be text with a unit word
    /// ("5 ECTS"); a scheme left out is taken from that word (ECTS) or is unspecified;
    /// credits given as a bare number or text are read the same way.
    fn credits(&mut self, value: &Value, path: &str) -> Option<Credits> {
        if let Some(credits) = strict::<Credits>(value) {
            return Some(credits);
        }
        let (published, stated_scheme, value_path) = match value {
            Value::Object(members) => (
                members.get("value").filter(|value| !value.is_null()),
                self.credit_scheme(members, path),
                format!("{path}.value"),
            ),
            Value::Number(_) | Value::String(_) => (Some(value), None, path.to_owned()),
            other => {
                self.issue(
                    Some(AnnexElement::Workload),
                    expected(
                        path,
                        "credits must be an object, e.g. {\"value\": 5, \"scheme\": \"ects\"}",
                        other,
                    ),
                );
                return None;
            }
        };
        let Some(published) = published else {
            self.issue(
                Some(AnnexElement::Workload),
                format!(
                    "{value_path} is missing; credits need a number, e.g. {{\"value\": 5, \
                     \"scheme\": \"ects\"}}"
                ),
            );
            return None;
        };
        let read = match published {
            Value::Number(number) => number.as_f64().map(|value| Credits {
                value,
                scheme: CreditScheme::Unspecified,
            }),
            Value::String(text) => normalize::credits_from_text(text),
            _ => None,
        };
        let Some(read) = read else {
            let expectation = if stated_scheme == Some(CreditScheme::Ects) {
                "credits must be a number of ECTS, e.g. 5"
            } else {
                "credits must be a number, e.g. 5"
            };
            self.issue(
                Some(AnnexElement::Workload),
                expected(&value_path, expectation, published),
            );
            return None;
        };
        Some(Credits {
            value: read.value,
            scheme: stated_scheme.unwrap_or(read.scheme),
        })
    }

    /// The scheme of credits, `None` when none is stated (or it cannot be read).
    fn credit_scheme(&mut self, members: &Map<String, Value>, path: &str) -> Option<CreditScheme> {
        let scheme = members.get("scheme").filter(|scheme| !scheme.is_null())?;
        let Some(name) = scheme.as_str() else {
            self.note(expected_then(
                &format!("{path}.scheme"),
                "the scheme must be \"ects\", \"other\" (with its name) or \"unspecified\"",
                scheme,
                "read as unspecified unless the value names ECTS",
            ));
            return None;
        };
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "unspecified" | "" => CreditScheme::Unspecified,
            "other" => {
                let named = members
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|name| !name.is_empty());
                match named {
                    Some(named) => CreditScheme::Other(named.to_owned()),
                    None => {
                        self.note(format!(
                            "{path}.name is missing; the scheme \"other\" needs its name, e.g. \
                             {{\"scheme\": \"other\", \"name\": \"SCQF\"}}; read as unspecified"
                        ));
                        CreditScheme::Unspecified
                    }
                }
            }
            // A scheme named outright ("ECTS credits", "SCQF"), as the XML formats publish
            // it.
            _ => normalize::credit_scheme(name),
        })
    }

    fn workload_hours(&mut self, value: &Value, path: &str) -> Option<f64> {
        let read = strict::<f64>(value).or_else(|| value.as_str().and_then(normalize::parse_hours));
        if read.is_none() {
            self.issue(
                Some(AnnexElement::Workload),
                expected(path, "hours must be a number of hours, e.g. 150", value),
            );
        }
        read
    }

    fn eqf_level(&mut self, value: &Value, path: &str) -> Option<EqfLevel> {
        let read = strict::<EqfLevel>(value).or_else(|| match value {
            Value::Number(number) => number
                .as_f64()
                .filter(|level| level.fract() == 0.0 && (1.0..=8.0).contains(level))
                .and_then(|level| EqfLevel::new(level as u8).ok()),
            Value::String(text) => EqfLevel::parse(text).ok(),
            _ => None,
        });
        if read.is_none() {
            self.issue(
                Some(AnnexElement::EqfLevel),
                expected(
                    path,
                    "the EQF level must be a whole number from 1 to 8, e.g. 6",
                    value,
                ),
            );
        }
        read
    }

    fn participation(&mut self, value: &Value, path: &str) -> Option<Participation> {
        let read = strict::<Participation>(value)
            .or_else(|| value.as_str().and_then(Participation::parse_loose));
        if read.is_none() {
            self.issue(
                Some(AnnexElement::Participation),
                expected(
                    path,
                    "the form of participation must be online, on-site or blended",
                    value,
                ),
            );
        }
        read
    }

    fn participations(&mut self, value: &Value, path: &str) -> Vec<Participation> {
        if let Some(all) = strict::<Vec<Participation>>(value) {
            return all;
        }
        items(value)
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.participation(item, &format!("{path}[{i}]")))
            .collect()
    }

    /// Languages: BCP 47 tags, or ISO 639 codes and EU language authority URIs.
    fn languages(&mut self, value: &Value, path: &str) -> Vec<LangTag> {
        if let Some(all) = strict::<Vec<LangTag>>(value) {
            return all;
        }
        let mut languages = Vec::new();
        for (i, item) in items(value).iter().enumerate() {
            let read = strict::<LangTag>(item)
                .or_else(|| item.as_str().and_then(|text| vocab::language(text).ok()));
            match read {
                Some(tag) => languages.push(tag),
                None => self.note(expected_then(
                    &format!("{path}[{i}]"),
                    "a language must be a BCP 47 tag, e.g. \"en\" or \"de-AT\"",
                    item,
                    "left out",
                )),
            }
        }
        languages
    }

    /// ISCED-F codes, as text or as numbers that lost their leading zero (`541`).
    fn isced_fields(&mut self, value: &Value, path: &str) -> Vec<IscedCode> {
        if let Some(all) = strict::<Vec<IscedCode>>(value) {
            return all;
        }
        let mut fields = Vec::new();
        for (i, item) in items(value).iter().enumerate() {
            let read = strict::<IscedCode>(item).or_else(|| {
                let text = text_or_number(item)?;
                vocab::isced_code(&text).or_else(|| vocab::isced_field(&text).ok())
            });
            match read {
                Some(code) => fields.push(code),
                None => self.note(expected_then(
                    &format!("{path}[{i}]"),
                    "an ISCED-F field must be a code of 2 to 4 digits, e.g. \"0613\"",
                    item,
                    "left out",
                )),
            }
        }
        fields
    }

    fn identifiers(&mut self, value: &Value, path: &str) -> Vec<Identifier> {
        if let Some(all) = strict::<Vec<Identifier>>(value) {
            return all;
        }
        let mut identifiers = Vec::new();
        for (i, item) in items(value).iter().enumerate() {
            let read = strict::<Identifier>(item).or_else(|| {
                let scheme = text_or_number(item.get("scheme")?)?;
                let value = text_or_number(item.get("value")?)?;
                Some(Identifier { scheme, value })
            });
            match read {
                Some(identifier) => identifiers.push(identifier),
                None => self.note(expected_then(
                    &format!("{path}[{i}]"),
                    "an identifier must be an object, e.g. {\"scheme\": \"course-code\", \
                     \"value\": \"CS-101\"}",
                    item,
                    "left out",
                )),
            }
        }
        identifiers
    }

    fn offers(&mut self, value: &Value, path: &str) -> Vec<Offer> {
        if let Some(all) = strict::<Vec<Offer>>(value) {
            return all;
        }
        let mut offers = Vec::new();
        for (i, item) in items(value).iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            if let Some(offer) = strict::<Offer>(item) {
                offers.push(offer);
                continue;
            }
            let Value::Object(members) = item else {
                if !item.is_null() {
                    self.note(expected_then(
                        &item_path,
                        "an offer must be an object, e.g. {\"start\": \"2027-02-01\"}",
                        item,
                        "left out",
                    ));
                }
                continue;
            };
            let mut offer = Offer::default();
            for (key, member) in members {
                if member.is_null() {
                    continue;
                }
                let member_path = format!("{item_path}.{key}");
                match key.as_str() {
                    "start" => offer.start = self.date(member, &member_path),
                    "end" => offer.end = self.date(member, &member_path),
                    "application_deadline" => {
                        offer.application_deadline = self.date(member, &member_path);
                    }
                    "languages" => offer.languages = self.languages(member, &member_path),
                    "venue" => offer.venue = self.lang_text(member, &member_path, None),
                    "participation" => {
                        offer.participation = self.participation(member, &member_path);
                    }
                    "url" => {
                        offer.url =
                            self.text(member, &member_path, "e.g. \"https://uni.example/apply\"");
                    }
                    "cost" => offer.cost = self.text(member, &member_path, "e.g. \"EUR 120\""),
                    _ => {}
                }
            }
            offers.push(offer);
        }
        offers
    }

    /// A day, in the forms feeds use ([`normalize::parse_date`]).
    fn date(&mut self, value: &Value, path: &str) -> Option<NaiveDate> {
        let read =
            strict::<NaiveDate>(value).or_else(|| value.as_str().and_then(normalize::parse_date));
        if read.is_none() {
            self.note(expected_then(
                path,
                "a date must be written as 2027-02-01",
                value,
                "left out",
            ));
        }
        read
    }

    /// A time, in the forms feeds use ([`normalize::parse_timestamp`]).
    fn timestamp(&mut self, value: &Value, path: &str) -> Option<DateTime<Utc>> {
        let read = strict::<DateTime<Utc>>(value)
            .or_else(|| value.as_str().and_then(normalize::parse_timestamp));
        if read.is_none() {
            self.note(expected_then(
                path,
                "a time must be written as 2027-02-01T10:00:00Z (or a date, 2027-02-01)",
                value,
                "left out",
            ));
        }
        read
    }

    /// The issues another clearinghouse found (the rich OAI-PMH format carries them).
    fn published_issues(&mut self, value: &Value, path: &str) -> Vec<Issue> {
        let read = strict::<Vec<Issue>>(value);
        if read.is_none() {
            self.note(expected_then(
                path,
                "issues must be a list such as [{\"message\": \"…\"}]",
                value,
                "not read",
            ));
        }
        read.unwrap_or_default()
    }

    /// What another clearinghouse assumed (the rich OAI-PMH format carries it).
    fn assumed(&mut self, value: &Value, path: &str) -> Assumed {
        let read = strict::<Assumed>(value);
        if read.is_none() {
            self.note(expected_then(
                path,
                "assumed must be an object such as {\"country\": true}",
                value,
                "not read",
            ));
        }
        read.unwrap_or_default()
    }
}
