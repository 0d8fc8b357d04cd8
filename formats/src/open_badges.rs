//! `open-badges`: Open Badges 2.0 and 3.0, read for the badge or achievement offered.
//!
//! Accepted documents (one, or an array of them; JWS-signed ones are unwrapped, the
//! signature not checked):
//!
//! - OB 2.0 `BadgeClass`, and `Assertion`s that embed their BadgeClass. An assertion that
//!   only links its BadgeClass by URL fails: nothing is fetched.
//! - OB 3.0 `OpenBadgeCredential` / `AchievementCredential` (the `achievement` of its
//!   `credentialSubject`), and a bare `Achievement`.
//!
//! The upstream id is the BadgeClass's or Achievement's id: the offer, not the award.
//! The recipient (identity, hashed e-mail, results, credits earned, dates of activity)
//! is never read.
//!
//! Mapping: `name`, `description`, `criteria` (narrative → type of assessment, a URL →
//! the offer's page), `achievementType` (MicroCredential → micro-credential, Course,
//! degrees, diplomas, certificates and licences → qualification, else badge),
//! `creditsAvailable` (kept with no scheme: Open Badges credits have no unit, and are
//! never guessed to be ECTS; only text that says so, "5 ECTS", is ECTS), `fieldOfStudy`, `specialization` and `tags` (keywords),
//! `inLanguage`, `humanCode` and `otherIdentifier` (identifiers), `alignment` (ESCO
//! skills become learning outcomes with their skill URI, EU EQF and ISCED-F concepts the
//! level and field, CTDL resources identifiers), `creator` (else the issuer: the
//! awarding body, its country from `address.addressCountryCode`), endorsements of the
//! achievement (quality assurance), `resultDescription` (grading).

use model::{
    AnnexElement, Credential, CreditScheme, Credits, Identifier, Issue, Kind, LangText,
    LearningOutcome, Organisation,
};
use serde_json::Value;

use super::jsonld::{self, has_type, id_of, items, lang_text, text_of};
use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

/// Reads an Open Badges 2.0 or 3.0 document.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let document = if jsonld::looks_like_compact_jws(body) {
        Value::String(String::from_utf8_lossy(body.trim_ascii()).into_owned())
    } else {
        jsonld::read_json(body)?
    };
    let document = jsonld::unwrap_signed(document).map_err(|message| FormatError::WrongShape {
        format: model::Format::OpenBadges,
        message,
    })?;
    let roots = match &document {
        Value::Array(values) => values.iter().collect(),
        other => vec![other],
    };
    let mut records = Vec::new();
    for root in roots {
        match read_root(root) {
            Some(record) => records.push(record),
            None => {
                return Err(FormatError::WrongShape {
                    format: model::Format::OpenBadges,
                    message: format!(
                        "expected a BadgeClass, an Assertion, an Achievement or an \
                         OpenBadgeCredential, found type {:?}",
                        jsonld::types_of(root)
                    ),
                });
            }
        }
    }
    Ok(records)
}

fn read_root(root: &Value) -> Option<Result<ParsedRecord, RecordFailure>> {
    if has_type(root, &["BadgeClass"]) {
        return Some(read_achievement(root, None, None));
    }
    if has_type(root, &["Assertion"]) {
        return Some(match root.get("badge") {
            Some(badge @ Value::Object(_)) => {
                read_achievement(badge, None, text_of(root.get("issuedOn")))
            }
            other => Err(RecordFailure {
                upstream_id: id_of(root).map(str::to_owned),
                reason: format!(
                    "the assertion links its BadgeClass ({}) instead of embedding it; the \
                     clearinghouse fetches nothing: publish the BadgeClass itself",
                    other
                        .and_then(text_of_ref)
                        .unwrap_or_else(|| "no badge".to_owned())
                ),
            }),
        });
    }
    if has_type(root, &["Achievement"]) {
        return Some(read_achievement(root, None, None));
    }
    let subject = items(root.get("credentialSubject")).into_iter().next()?;
    let achievement = subject.get("achievement")?;
    let datestamp = text_of(root.get("validFrom"))
        .or_else(|| text_of(root.get("issuanceDate")))
        .or_else(|| text_of(root.get("awardedDate")));
    Some(match achievement {
        Value::Object(_) => read_achievement(achievement, root.get("issuer"), datestamp),
        other => Err(RecordFailure {
            upstream_id: id_of(root).map(str::to_owned),
            reason: format!(
                "credentialSubject.achievement is {} instead of an embedded Achievement",
                text_of_ref(other).unwrap_or_else(|| "empty".to_owned())
            ),
        }),
    })
}

fn text_of_ref(value: &Value) -> Option<String> {
    id_of(value).map(str::to_owned)
}

fn read_achievement(
    achievement: &Value,
    credential_issuer: Option<&Value>,
    datestamp: Option<String>,
) -> Result<ParsedRecord, RecordFailure> {
    let Some(upstream_id) = id_of(achievement).map(str::to_owned) else {
        return Err(RecordFailure {
            upstream_id: None,
            reason: "the BadgeClass or Achievement has no id".to_owned(),
        });
    };
    let lang = text_of(achievement.get("inLanguage")).unwrap_or_else(|| "und".to_owned());
    let mut credential = Credential {
        kind: Kind::Badge,
        title: lang_text(achievement.get("name"), &lang),
        ..Credential::default()
    };
    let c = &mut credential;
    for (tag, text) in lang_text(achievement.get("description"), &lang).0 {
        let (plain, html) = normalize::description(&text);
        c.description.insert_tag(tag.clone(), &plain);
        if let Some(html) = html {
            c.description_html.insert_tag(tag, &html);
        }
    }
    if let Ok(tag) = model::LangTag::parse(&lang)
        && !tag.is_undetermined()
    {
        c.languages.push(tag);
    }
    match achievement.get("criteria") {
        Some(Value::String(url)) => c.url = Some(url.trim().to_owned()),
        Some(criteria @ Value::Object(_)) => {
            c.assessment = lang_text(criteria.get("narrative"), &lang);
            c.url = id_of(criteria)
                .filter(|id| id.starts_with("http"))
                .map(str::to_owned);
        }
        _ => {}
    }
    if let Some(kind) = text_of(achievement.get("achievementType")) {
        c.kind = kind_of(&kind);
    }
    if let Some(credits) = achievement.get("creditsAvailable") {
        // A number states no unit; text may ("5 ECTS").
        let read = match credits {
            Value::Number(number) => number.as_f64().map(|value| Credits {
                value,
                scheme: CreditScheme::Unspecified,
            }),
            other => text_of(Some(other)).and_then(|text| normalize::credits_from_text(&text)),
        };
        match read {
            Some(read) => c.credits = Some(read),
            None => c.issues.push(Issue::unreadable(
                AnnexElement::Workload,
                format!("creditsAvailable {credits} is not a number"),
            )),
        }
    }
    for key in ["fieldOfStudy", "specialization"] {
        for value in items(achievement.get(key)) {
            if let Some(text) = text_of(Some(value)) {
                c.keywords.extend(
                    text.split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned),
                );
            }
        }
    }
    for key in ["tag", "tags"] {
        c.keywords.extend(
            items(achievement.get(key))
                .into_iter()
                .filter_map(|tag| text_of(Some(tag))),
        );
    }
    if let Some(code) = text_of(achievement.get("humanCode")) {
        c.identifiers.push(Identifier {
            scheme: "human-code".to_owned(),
            value: code,
        });
    }
    for other in items(achievement.get("otherIdentifier")) {
        if let Some(value) = text_of(other.get("identifier")) {
            let scheme =
                text_of(other.get("identifierType")).unwrap_or_else(|| "identifier".to_owned());
            c.identifiers.push(Identifier { scheme, value });
        }
    }
    if upstream_id.starts_with("http") {
        c.identifiers.push(Identifier {
            scheme: "uri".to_owned(),
            value: upstream_id.clone(),
        });
    }
    for alignment in items(achievement.get("alignment")) {
        read_alignment(c, alignment, &lang);
    }
    let body = achievement
        .get("creator")
        .or(achievement.get("issuer"))
        .or(credential_issuer);
    if let Some(body) = body {
        c.awarding_body = organisation(body, &mut c.issues);
    }
    let endorsements: Vec<String> = items(achievement.get("endorsement"))
        .into_iter()
        .filter_map(|endorsement| {
            let by = endorsement
                .get("issuer")
                .and_then(|issuer| text_of(issuer.get("name")))?;
            let comment = endorsement
                .get("credentialSubject")
                .and_then(|subject| text_of(subject.get("endorsementComment")));
            Some(match comment {
                Some(comment) => format!("Endorsed by {by}: {comment}"),
                None => format!("Endorsed by {by}"),
            })
        })
        .collect();
    if !endorsements.is_empty() {
        c.quality_assurance.insert("en", &endorsements.join("; "));
    }
    let mut results: Vec<String> = items(achievement.get("resultDescription"))
        .into_iter()
        .filter_map(|result| {
            let name = text_of(result.get("name"))?;
            let allowed: Vec<String> = items(result.get("allowedValue"))
                .into_iter()
                .filter_map(|value| text_of(Some(value)))
                .collect();
            Some(if allowed.is_empty() {
                name
            } else {
                format!("{name}: {}", allowed.join(", "))
            })
        })
        .collect();
    results.dedup();
    if !results.is_empty() {
        c.grading.insert(&lang, &results.join("; "));
    }
    if credential.title.is_empty() {
        return Err(RecordFailure {
            upstream_id: Some(upstream_id),
            reason: "the BadgeClass or Achievement has no name".to_owned(),
        });
    }
    normalize::finish_credential(&mut credential);
    let payload_hash = super::canonical_hash(&credential);
    Ok(ParsedRecord {
        upstream_id,
        datestamp,
        deleted: false,
        credential,
        payload_hash,
        via: Vec::new(),
    })
}

fn kind_of(achievement_type: &str) -> Kind {
    let lower = achievement_type
        .trim_start_matches("ext:")
        .to_ascii_lowercase();
    match lower.as_str() {
        "microcredential" => Kind::MicroCredential,
        "course" => Kind::Course,
        "degree"
        | "diploma"
        | "certificate"
        | "certification"
        | "license"
        | "generalequivalencydiploma"
        | "journeymancertificate"
        | "mastercertificate"
        | "apprenticeshipcertificate"
        | "qualification" => Kind::Qualification,
        _ => Kind::Badge,
    }
}

fn read_alignment(c: &mut Credential, alignment: &Value, lang: &str) {
    let Some(url) = text_of(alignment.get("targetUrl")) else {
        return;
    };
    let target_type = text_of(alignment.get("targetType")).unwrap_or_default();
    if url.contains("data.europa.eu/esco/") {
        c.skills.push(url.clone());
        let text: LangText = lang_text(alignment.get("targetName"), lang);
        c.learning_outcomes.push(LearningOutcome {
            text,
            skill_uri: Some(url),
        });
    } else if url.contains("/snb/eqf/") {
        match vocab::eqf_level(&url) {
            Ok(level) => c.eqf_level = Some(level),
            Err(unknown) => c.issues.push(Issue::unreadable(
                AnnexElement::EqfLevel,
                unknown.to_string(),
            )),
        }
    } else if url.contains("/isced-f/") {
        match vocab::isced_field(&url) {
            Ok(code) => c.isced_fields.push(code),
            Err(unknown) => c.issues.push(unknown.issue()),
        }
    } else if target_type.eq_ignore_ascii_case("CTDL") || url.contains("credentialengineregistry") {
        c.identifiers.push(Identifier {
            scheme: "ctdl".to_owned(),
            value: url,
        });
    }
}

fn organisation(profile: &Value, issues: &mut Vec<Issue>) -> Organisation {
    let mut organisation = Organisation::default();
    match profile {
        Value::String(url) => organisation.identifiers.push(Identifier {
            scheme: "uri".to_owned(),
            value: url.trim().to_owned(),
        }),
        Value::Object(_) => {
            organisation.name = lang_text(profile.get("name"), "und");
            organisation.url = text_of(profile.get("url"));
            if let Some(address) = profile.get("address") {
                let code = text_of(address.get("addressCountryCode"));
                match code.as_deref().map(vocab::country) {
                    Some(Ok(country)) => organisation.country = Some(country),
                    Some(Err(unknown)) => issues.push(Issue::unreadable(
                        AnnexElement::Country,
                        unknown.to_string(),
                    )),
                    None => {}
                }
            }
            if let Some(id) = id_of(profile) {
                organisation.identifiers.push(Identifier {
                    scheme: "uri".to_owned(),
                    value: id.to_owned(),
                });
            }
            for other in items(profile.get("otherIdentifier")) {
                if let Some(value) = text_of(other.get("identifier")) {
                    let scheme = text_of(other.get("identifierType"))
                        .unwrap_or_else(|| "identifier".to_owned());
                    organisation.identifiers.push(Identifier { scheme, value });
                }
            }
        }
        _ => {}
    }
    organisation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_without_unit_are_not_ects() {
        let doc = br#"{"type": "Achievement", "id": "urn:a", "name": "A",
                       "achievementType": "MicroCredential", "creditsAvailable": "2,5",
                       "alignment": [{"targetUrl": "http://data.europa.eu/snb/eqf/4"},
                                     {"targetUrl": "http://data.europa.eu/snb/isced-f/0613"}]}"#;
        let record = parse(doc).unwrap().remove(0).unwrap();
        let c = record.credential;
        assert_eq!(c.kind, Kind::MicroCredential);
        assert_eq!(
            c.credits,
            Some(Credits {
                value: 2.5,
                scheme: CreditScheme::Unspecified
            })
        );
        assert_eq!(c.ects(), None);
        assert_eq!(c.eqf_level.unwrap().get(), 4);
        let said =
            br#"{"type": "Achievement", "id": "urn:b", "name": "B", "creditsAvailable": "5 ECTS"}"#;
        let record = parse(said).unwrap().remove(0).unwrap();
        assert_eq!(record.credential.ects(), Some(5.0));
        assert_eq!(c.isced_fields[0].as_str(), "0613");
    }

    #[test]
    fn embedded_and_linked_badge_classes() {
        let embedded = br#"{"type": "Assertion", "id": "https://x/a/1", "recipient": {"identity": "secret@example.org"},
            "badge": {"type": "BadgeClass", "id": "https://x/b/1", "name": "Robotics", "criteria": {"narrative": "Build a robot"},
                      "issuer": {"id": "https://x/i", "name": "X", "url": "https://x"}}}"#;
        let record = parse(embedded).unwrap().remove(0).unwrap();
        assert_eq!(record.upstream_id, "https://x/b/1");
        assert_eq!(
            record.credential.assessment.best(&[]),
            Some("Build a robot")
        );
        assert!(
            !serde_json::to_string(&record.credential)
                .unwrap()
                .contains("secret")
        );
        let linked = br#"{"type": "Assertion", "id": "https://x/a/2", "badge": "https://x/b/1"}"#;
        let failure = parse(linked).unwrap().remove(0).unwrap_err();
        assert!(failure.reason.contains("https://x/b/1"));
    }

    #[test]
    fn invalid_json_names_line_and_column() {
        let err = parse(b"{\n  \"name\": \"broken\n string\"\n}").unwrap_err();
        // serde_json counts the raw newline inside the string as the start of line 3.
        assert!(matches!(err, FormatError::Json { line: 3, .. }), "{err}");
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(
            parse(deep.as_bytes())
                .unwrap_err()
                .to_string()
                .contains("recursion limit")
        );
    }
}
