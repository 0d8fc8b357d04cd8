//! `elmo`: ELMO / EMREX documents, read for the learning opportunities they describe.
//!
//! An ELMO document is a learner's transcript: a `<learner>` and one `<report>` per
//! issuing institution, each holding a tree of `learningOpportunitySpecification`s
//! (degree programmes with their courses in `hasPart`, courses with their classes).
//! A clearinghouse of offers stores no learner data, so only the specifications are
//! read: **the learner (names, birthday, identifiers, citizenship), the results
//! (`status`, `resultLabel`, grade distributions, `shortenedGrading`), the dates of the
//! learner's own attendance, diploma supplements, attachments and signatures are dropped
//! unread.** What remains describes the offer: every specification in the tree becomes
//! a record, its parts listed in `contains`.
//!
//! Mapping: the report's `issuer` (title, `country`, identifiers, url) is the awarding
//! body; `identifier`s (the upstream id is `<issuer>:<type>:<value>`, the issuer being its
//! SCHAC code, else Erasmus code, else PIC), `title`, `description` and `descriptionHtml`
//! (sanitised), `type` (as in EWP), `iscedCode`, `subjectArea` (an identifier), `url`,
//! and from the instances: `credit` (ECTS preferred), `level` of type EQF (and NQF, kept as
//! published), `languageOfInstruction`, `engagementHours`, and the description of the
//! grading scheme the instance refers to. A specification without an identifier fails:
//! it could not be recognised in the next harvest.

use model::{
    AnnexElement, Credential, EqfLevel, Identifier, Issue, Kind, LangTag, LangText, Organisation,
    PayloadHash,
};

use super::xml::{self, Element};
use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

/// Reads every learning-opportunity specification of every report.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let root = xml::parse_document(bytes)?;
    if root.name != "elmo" {
        return Err(FormatError::WrongShape {
            format: model::Format::Elmo,
            message: format!("root element <{}> is not <elmo>", root.name),
        });
    }
    let mut records = Vec::new();
    for report in root.children_named("report") {
        let issuer = report.child("issuer");
        let context = Report {
            awarding_body: issuer.map(read_issuer).unwrap_or_default(),
            issuer_key: issuer.and_then(issuer_key),
            grading_schemes: report.children_named("gradingScheme").collect(),
            bytes,
        };
        for los in report.children_named("learningOpportunitySpecification") {
            context.read_tree(los, &mut records);
        }
    }
    Ok(records)
}

struct Report<'a> {
    awarding_body: Organisation,
    issuer_key: Option<String>,
    grading_schemes: Vec<&'a Element>,
    bytes: &'a [u8],
}

fn read_issuer(issuer: &Element) -> Organisation {
    let mut organisation = Organisation::default();
    for title in issuer.children_named("title") {
        organisation
            .name
            .insert(title.lang().unwrap_or("und"), &title.text());
    }
    organisation.country = issuer
        .child_text("country")
        .and_then(|code| vocab::country(&code).ok());
    organisation.url = issuer.child_text("url");
    organisation.identifiers = issuer
        .children_named("identifier")
        .map(|id| Identifier {
            scheme: id.attr("type").unwrap_or("identifier").to_owned(),
            value: model::collapse_whitespace(&id.text()),
        })
        .collect();
    organisation
}

fn issuer_key(issuer: &Element) -> Option<String> {
    ["schac", "erasmus", "pic"].iter().find_map(|wanted| {
        issuer
            .children_named("identifier")
            .find(|id| id.attr("type") == Some(wanted))
            .map(|id| model::collapse_whitespace(&id.text()))
    })
}

fn children_los(los: &Element) -> Vec<&Element> {
    los.children_named("hasPart")
        .flat_map(|part| part.children_named("learningOpportunitySpecification"))
        .collect()
}

impl Report<'_> {
    fn upstream_id(&self, los: &Element) -> Option<String> {
        let identifier = ["local", "elmo"]
            .iter()
            .find_map(|wanted| {
                los.children_named("identifier")
                    .find(|id| id.attr("type") == Some(wanted))
            })
            .or_else(|| los.child("identifier"))?;
        let value = model::collapse_whitespace(&identifier.text());
        if value.is_empty() {
            return None;
        }
        let kind = identifier.attr("type").unwrap_or("identifier");
        Some(match &self.issuer_key {
            Some(issuer) => format!("{issuer}:{kind}:{value}"),
            None => format!("{kind}:{value}"),
        })
    }

    fn read_tree(&self, los: &Element, out: &mut Vec<Result<ParsedRecord, RecordFailure>>) {
        out.push(self.read_los(los));
        for part in children_los(los) {
            self.read_tree(part, out);
        }
    }

    fn read_los(&self, los: &Element) -> Result<ParsedRecord, RecordFailure> {
        let mut title = LangText::default();
        for element in los.children_named("title") {
            title.insert(element.lang().unwrap_or("und"), &element.text());
        }
        let Some(upstream_id) = self.upstream_id(los) else {
            return Err(RecordFailure {
                upstream_id: None,
                reason: format!(
                    "learningOpportunitySpecification {:?} has no <identifier>; it cannot be \
                     recognised from one harvest to the next",
                    title.best(&["en"]).unwrap_or("(untitled)")
                ),
            });
        };
        let mut credential = Credential {
            title,
            awarding_body: self.awarding_body.clone(),
            ..Credential::default()
        };
        let c = &mut credential;
        for identifier in los.children_named("identifier") {
            c.identifiers.push(Identifier {
                scheme: identifier.attr("type").unwrap_or("identifier").to_owned(),
                value: model::collapse_whitespace(&identifier.text()),
            });
        }
        if let Some(area) = los.child_text("subjectArea") {
            c.identifiers.push(Identifier {
                scheme: "erasmus-subject-area".to_owned(),
                value: area,
            });
        }
        for description in los.children_named("description") {
            c.description
                .insert(description.lang().unwrap_or("und"), &description.text());
        }
        for description in los.children_named("descriptionHtml") {
            let lang = description.lang().unwrap_or("und");
            let html = description.text();
            c.description_html
                .insert(lang, &normalize::sanitize_html(&html));
            if !c.description.0.contains_key(&tag(lang)) {
                c.description.insert(lang, &normalize::html_to_text(&html));
            }
        }
        c.kind = match los.child_text("type").as_deref() {
            Some("Degree Programme") => Kind::Programme,
            Some("Module") | Some("Class") => Kind::Module,
            _ => Kind::Course,
        };
        if let Some(code) = los.child_text("iscedCode") {
            match vocab::isced_code(&code) {
                Some(code) => c.isced_fields.push(code),
                None => c.issues.push(Issue::note(format!(
                    "iscedCode {code:?} is not an ISCED-F 2013 field code"
                ))),
            }
        }
        c.url = los.child_text("url");
        c.contains = children_los(los)
            .into_iter()
            .filter_map(|part| self.upstream_id(part))
            .collect();
        let instances: Vec<&Element> = los
            .child("specifies")
            .map(|s| s.children_named("learningOpportunityInstance").collect())
            .unwrap_or_default();
        let mut all_credits = Vec::new();
        for instance in instances {
            for credit in instance.children_named("credit") {
                let scheme_name = credit.child_text("scheme").unwrap_or_default();
                let value = credit.child_text("value").unwrap_or_default();
                match normalize::credits(&scheme_name, &value) {
                    Ok(credits) => all_credits.push(credits),
                    Err(issue) => c.issues.push(issue),
                }
            }
            for level in instance.children_named("level") {
                let kind = level.child_text("type").unwrap_or_default();
                let value = level.child_text("value").unwrap_or_default();
                if kind.eq_ignore_ascii_case("EQF") {
                    match EqfLevel::parse(&value) {
                        Ok(level) => c.eqf_level = Some(level),
                        Err(err) => c
                            .issues
                            .push(Issue::unreadable(AnnexElement::EqfLevel, err.to_string())),
                    }
                } else if !kind.is_empty() && c.nqf_level.is_none() {
                    c.nqf_level = Some(format!("{kind} {value}"));
                }
            }
            if let Some(language) = instance.child_text("languageOfInstruction") {
                match LangTag::parse(&language) {
                    Ok(tag) => c.languages.push(tag),
                    Err(err) => c.issues.push(Issue::note(err.to_string())),
                }
            }
            if c.workload_hours.is_none()
                && let Some(hours) = instance.child_text("engagementHours")
            {
                match normalize::parse_hours(&hours) {
                    Some(hours) => c.workload_hours = Some(hours),
                    None => c.issues.push(Issue::unreadable(
                        AnnexElement::Workload,
                        format!("engagementHours {hours:?} is not a number"),
                    )),
                }
            }
            if c.grading.is_empty()
                && let Some(local_id) = instance.child_text("gradingSchemeLocalId")
            {
                let scheme = self
                    .grading_schemes
                    .iter()
                    .find(|scheme| scheme.attr("localId") == Some(local_id.as_str()));
                for description in scheme.iter().flat_map(|s| s.children_named("description")) {
                    c.grading
                        .insert(description.lang().unwrap_or("und"), &description.text());
                }
            }
        }
        if let Some(credits) = normalize::preferred_credits(all_credits) {
            c.credits = Some(credits);
        }
        if credential.title.is_empty() {
            return Err(RecordFailure {
                upstream_id: Some(upstream_id),
                reason: "learningOpportunitySpecification without <title>".to_owned(),
            });
        }
        normalize::finish_credential(&mut credential);
        Ok(ParsedRecord {
            upstream_id,
            datestamp: None,
            deleted: false,
            credential,
            payload_hash: PayloadHash::of(&self.bytes[los.span.clone()]),
            via: Vec::new(),
        })
    }
}

fn tag(lang: &str) -> LangTag {
    LangTag::parse(lang).unwrap_or_else(|_| LangTag::undetermined())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learner_data_is_never_read() {
        let doc = br#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1">
            <learner><givenNames>Ada</givenNames><familyName>Secret</familyName><bday>1990-01-01</bday></learner>
            <report>
              <issuer><country>PL</country><identifier type="schac">uw.edu.pl</identifier><title xml:lang="en">UW</title></issuer>
              <learningOpportunitySpecification>
                <identifier type="local">C1</identifier><title>Course</title>
                <specifies><learningOpportunityInstance>
                  <status>passed</status><resultLabel>5.0</resultLabel>
                  <credit><scheme>ECTS</scheme><value>6</value></credit>
                  <level><type>EQF</type><value>6</value></level>
                </learningOpportunityInstance></specifies>
              </learningOpportunitySpecification>
            </report></elmo>"#;
        let records = parse(doc).unwrap();
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.upstream_id, "uw.edu.pl:local:C1");
        let json = serde_json::to_string(&record.credential).unwrap();
        for secret in ["Ada", "Secret", "1990", "passed", "5.0"] {
            assert!(!json.contains(secret), "{secret} leaked: {json}");
        }
        assert_eq!(record.credential.ects(), Some(6.0));
        assert_eq!(
            record
                .credential
                .awarding_body
                .country
                .as_ref()
                .unwrap()
                .as_str(),
            "PL"
        );
    }

    #[test]
    fn entities_are_never_expanded() {
        let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<elmo><report><learningOpportunitySpecification><title>&lol2;</title></learningOpportunitySpecification></report></elmo>"#;
        assert!(
            parse(bomb)
                .unwrap_err()
                .to_string()
                .contains("never expanded")
        );
    }
}
