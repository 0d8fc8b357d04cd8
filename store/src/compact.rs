//! How the store encodes a credential: the JSON of [`model::Credential`] without its
//! empty fields.
//!
//! A harvested record leaves most optional elements empty (no supervision, grading,
//! stackability, identifiers, offers without a venue, ...), and the derived `Serialize`
//! writes every one of them (`"grading":{}`, `"url":null`, `"skills":[]`): about a third
//! of a stored record's bytes, encoded, written, flushed and read back for nothing. The
//! store writes only what is there. Every struct written here reads with
//! `#[serde(default)]`, so a missing field is the empty value it stood for, and records
//! written before (every field present) read back the same.
//!
//! The wire shapes (API, OAI-PMH `clearinghouse-json`) are not these: they serialise the
//! model with its derived `Serialize`, every field present.
//!
//! Each `Serialize` below destructures its struct without `..`, so a field added to the
//! model does not compile until it is written here too.

use model::{Credential, Kind, LangText, Offer, Organisation, Status};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A credential as the store encodes it.
pub(crate) struct CompactCredential<'a>(pub &'a Credential);

impl Serialize for CompactCredential<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Credential {
            kind,
            title,
            description,
            description_html,
            learning_outcomes,
            awarding_body,
            credits,
            workload_hours,
            eqf_level,
            nqf_level,
            assessment,
            participation,
            quality_assurance,
            languages,
            isced_fields,
            skills,
            keywords,
            prerequisites,
            stackability,
            supervision,
            grading,
            url,
            identifiers,
            offers,
            contains,
            modified,
            status,
            issues,
            assumed,
        } = self.0;
        let mut map = serializer.serialize_map(None)?;
        if *kind != Kind::default() {
            map.serialize_entry("kind", kind)?;
        }
        text(&mut map, "title", title)?;
        text(&mut map, "description", description)?;
        text(&mut map, "description_html", description_html)?;
        list(&mut map, "learning_outcomes", learning_outcomes)?;
        if *awarding_body != Organisation::default() {
            map.serialize_entry("awarding_body", &CompactOrganisation(awarding_body))?;
        }
        option(&mut map, "credits", credits)?;
        option(&mut map, "workload_hours", workload_hours)?;
        option(&mut map, "eqf_level", eqf_level)?;
        option(&mut map, "nqf_level", nqf_level)?;
        text(&mut map, "assessment", assessment)?;
        list(&mut map, "participation", participation)?;
        text(&mut map, "quality_assurance", quality_assurance)?;
        list(&mut map, "languages", languages)?;
        list(&mut map, "isced_fields", isced_fields)?;
        list(&mut map, "skills", skills)?;
        list(&mut map, "keywords", keywords)?;
        text(&mut map, "prerequisites", prerequisites)?;
        text(&mut map, "stackability", stackability)?;
        text(&mut map, "supervision", supervision)?;
        text(&mut map, "grading", grading)?;
        option(&mut map, "url", url)?;
        list(&mut map, "identifiers", identifiers)?;
        if !offers.is_empty() {
            let offers: Vec<CompactOffer<'_>> = offers.iter().map(CompactOffer).collect();
            map.serialize_entry("offers", &offers)?;
        }
        list(&mut map, "contains", contains)?;
        option(&mut map, "modified", modified)?;
        if *status != Status::default() {
            map.serialize_entry("status", status)?;
        }
        list(&mut map, "issues", issues)?;
        if !assumed.is_empty() {
            map.serialize_entry("assumed", assumed)?;
        }
        map.end()
    }
}

struct CompactOrganisation<'a>(&'a Organisation);

impl Serialize for CompactOrganisation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Organisation {
            name,
            country,
            url,
            identifiers,
        } = self.0;
        let mut map = serializer.serialize_map(None)?;
        text(&mut map, "name", name)?;
        option(&mut map, "country", country)?;
        option(&mut map, "url", url)?;
        list(&mut map, "identifiers", identifiers)?;
        map.end()
    }
}

struct CompactOffer<'a>(&'a Offer);

impl Serialize for CompactOffer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Offer {
            start,
            end,
            application_deadline,
            languages,
            venue,
            participation,
            url,
            cost,
        } = self.0;
        let mut map = serializer.serialize_map(None)?;
        option(&mut map, "start", start)?;
        option(&mut map, "end", end)?;
        option(&mut map, "application_deadline", application_deadline)?;
        list(&mut map, "languages", languages)?;
        text(&mut map, "venue", venue)?;
        option(&mut map, "participation", participation)?;
        option(&mut map, "url", url)?;
        option(&mut map, "cost", cost)?;
        map.end()
    }
}

fn text<M: SerializeMap>(map: &mut M, key: &'static str, value: &LangText) -> Result<(), M::Error> {
    if value.is_empty() {
        return Ok(());
    }
    map.serialize_entry(key, value)
}

fn list<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &[T],
) -> Result<(), M::Error> {
    if value.is_empty() {
        return Ok(());
    }
    map.serialize_entry(key, value)
}

fn option<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use model::{
        AnnexElement, Country, CreditScheme, Credits, EqfLevel, Identifier, IscedCode, Issue,
        LangTag, LearningOutcome, Participation,
    };

    use super::*;

    /// A credential with every field set to something other than its default.
    fn full_credential() -> Credential {
        let date = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let identifier = |value: &str| Identifier {
            scheme: "course-code".to_owned(),
            value: value.to_owned(),
        };
        Credential {
            kind: Kind::MicroCredential,
            title: LangText::single("en", "Data literacy"),
            description: LangText::single("de", "Datenkompetenz \"im\" Alltag"),
            description_html: LangText::single("de", "<p>Datenkompetenz</p>"),
            learning_outcomes: vec![
                LearningOutcome {
                    text: LangText::single("en", "Reads charts"),
                    skill_uri: Some("http://data.europa.eu/esco/skill/1".to_owned()),
                },
                LearningOutcome::default(),
            ],
            awarding_body: Organisation {
                name: LangText::single("und", "Universität X"),
                country: Some(Country::parse("DE").unwrap()),
                url: Some("https://x.example".to_owned()),
                identifiers: vec![identifier("erasmus")],
            },
            credits: Some(Credits {
                value: 2.5,
                scheme: CreditScheme::Other("cats".to_owned()),
            }),
            workload_hours: Some(62.5),
            eqf_level: Some(EqfLevel::new(6).unwrap()),
            nqf_level: Some("NQF 6".to_owned()),
            assessment: LangText::single("en", "Exam"),
            participation: vec![Participation::Online, Participation::Blended],
            quality_assurance: LangText::single("en", "Accredited"),
            languages: vec![LangTag::parse("en").unwrap()],
            isced_fields: vec![IscedCode::parse("0611").unwrap()],
            skills: vec!["http://data.europa.eu/esco/skill/2".to_owned()],
            keywords: vec!["data".to_owned()],
            prerequisites: LangText::single("en", "None"),
            stackability: LangText::single("en", "Stacks"),
            supervision: LangText::single("en", "Proctored"),
            grading: LangText::single("en", "Pass/fail"),
            url: Some("https://x.example/c".to_owned()),
            identifiers: vec![identifier("C-1")],
            offers: vec![
                Offer {
                    start: Some(date(1)),
                    end: Some(date(20)),
                    application_deadline: Some(date(2)),
                    languages: vec![LangTag::parse("de").unwrap()],
                    venue: LangText::single("de", "Berlin"),
                    participation: Some(Participation::OnSite),
                    url: Some("https://x.example/o".to_owned()),
                    cost: Some("EUR 120".to_owned()),
                },
                Offer::default(),
            ],
            contains: vec!["x.m1".to_owned()],
            modified: Some(Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()),
            status: Status::Inactive,
            issues: vec![
                Issue::unreadable(AnnexElement::Workload, "credits \"five\""),
                Issue::note("mojibake"),
            ],
            assumed: model::Assumed {
                awarding_body: true,
                country: true,
                unverified_awarding_body: true,
                awarding_body_is_publisher: false,
            },
        }
    }

    fn compact(credential: &Credential) -> String {
        serde_json::to_string(&CompactCredential(credential)).unwrap()
    }

    #[test]
    fn every_field_reads_back() {
        let credential = full_credential();
        let decoded: Credential = serde_json::from_str(&compact(&credential)).unwrap();
        assert_eq!(decoded, credential);
        // Every key the model writes is written, when its value is not empty.
        let full = serde_json::to_value(&credential).unwrap();
        let compact = serde_json::to_value(CompactCredential(&credential)).unwrap();
        let keys = |value: &serde_json::Value| {
            value
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        };
        let (mut full_keys, mut compact_keys) = (keys(&full), keys(&compact));
        full_keys.sort();
        compact_keys.sort();
        assert_eq!(compact_keys, full_keys);
    }

    #[test]
    fn empty_fields_are_left_out_and_read_back_empty() {
        let empty = Credential::default();
        assert_eq!(compact(&empty), "{}");
        assert_eq!(
            serde_json::from_str::<Credential>(&compact(&empty)).unwrap(),
            empty
        );
        let mut sparse = Credential::default();
        sparse.title.insert("en", "Data literacy");
        sparse.awarding_body.country = Some(Country::parse("FR").unwrap());
        sparse.offers.push(Offer {
            start: NaiveDate::from_ymd_opt(2026, 9, 1),
            ..Offer::default()
        });
        assert_eq!(
            compact(&sparse),
            r#"{"title":{"en":"Data literacy"},"awarding_body":{"country":"FR"},"offers":[{"start":"2026-09-01"}]}"#
        );
        assert_eq!(
            serde_json::from_str::<Credential>(&compact(&sparse)).unwrap(),
            sparse
        );
    }

    #[test]
    fn credentials_written_with_every_field_still_read() {
        for credential in [full_credential(), Credential::default()] {
            let old = serde_json::to_string(&credential).unwrap();
            assert_eq!(
                serde_json::from_str::<Credential>(&old).unwrap(),
                credential
            );
        }
    }
}
