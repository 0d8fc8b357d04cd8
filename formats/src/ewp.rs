//! `ewp`: Erasmus Without Paper Courses API responses.
//!
//! Two shapes are accepted: a whole `<courses-response>` (a `file` or `http` feed), and
//! one `<learningOpportunitySpecification>` element on its own, which is how the EWP
//! harvester hands each course over. A `<course-replication-response>` lists only
//! `los-id`s and is refused with a clear error: the courses themselves come from the
//! Courses API.
//!
//! Mapping of a `learningOpportunitySpecification`: `los-id` (the upstream id, and an
//! identifier), `los-code`, `title` and `description` per `xml:lang`, `type` (Degree
//! Programme → programme, Module → module, Course → course, Class → module; unknown types
//! are read as if absent, as the specification asks), `iscedCode` (a string, leading
//! zeros kept), `eqfLevelProvided`, `url`, `subjectArea` (the Erasmus subject area code,
//! kept as an identifier), `contains` (the `los-id`s of the parts), and per
//! `learningOpportunityInstance`: an offer (`start`, `end`, `languageOfInstruction`),
//! `credit`s per scheme (ECTS preferred, any other scheme kept by name),
//! `engagementHours` as workload hours and the `gradingScheme`. The response names no
//! awarding institution (it is the HEI the request was sent to), so the awarding body is
//! left for the harvester's source configuration.

use model::{
    AnnexElement, Credential, EqfLevel, Identifier, Issue, Kind, LangTag, Offer, PayloadHash,
};

use super::xml::{self, Element};
use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

/// Reads a `courses-response` or a single `learningOpportunitySpecification`.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let root = xml::parse_document(bytes)?;
    let wrong = |message: String| FormatError::WrongShape {
        format: model::Format::Ewp,
        message,
    };
    match root.name.as_str() {
        "learningOpportunitySpecification" => Ok(vec![read_los(&root, bytes)]),
        "courses-response" => Ok(root
            .children_named("learningOpportunitySpecification")
            .map(|los| read_los(los, bytes))
            .collect()),
        "course-replication-response" => Err(wrong(
            "a course-replication-response lists los-ids only; harvest the Courses API \
             (courses-response) for the courses themselves"
                .to_owned(),
        )),
        "error-response" => Err(wrong(format!(
            "the server answered with an EWP error-response: {}",
            root.child_text("developer-message")
                .unwrap_or_else(|| "no developer-message".to_owned())
        ))),
        other => Err(wrong(format!(
            "root element <{other}> is neither <courses-response> nor \
             <learningOpportunitySpecification>"
        ))),
    }
}

fn read_los(los: &Element, bytes: &[u8]) -> Result<ParsedRecord, RecordFailure> {
    let Some(los_id) = los.child_text("los-id") else {
        return Err(RecordFailure {
            upstream_id: None,
            reason: "learningOpportunitySpecification without <los-id>".to_owned(),
        });
    };
    let mut credential = Credential::default();
    let c = &mut credential;
    c.identifiers.push(Identifier {
        scheme: "los-id".to_owned(),
        value: los_id.clone(),
    });
    if let Some(code) = los.child_text("los-code") {
        c.identifiers.push(Identifier {
            scheme: "los-code".to_owned(),
            value: code,
        });
    }
    if let Some(area) = los.child_text("subjectArea") {
        c.identifiers.push(Identifier {
            scheme: "erasmus-subject-area".to_owned(),
            value: area,
        });
    }
    for title in los.children_named("title") {
        c.title.insert(title.lang().unwrap_or("und"), &title.text());
    }
    for description in los.children_named("description") {
        let (plain, html) = normalize::description(&description.text());
        let lang = description.lang().unwrap_or("und");
        c.description.insert(lang, &plain);
        if let Some(html) = html {
            c.description_html.insert(lang, &html);
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
    if let Some(level) = los.child_text("eqfLevelProvided") {
        match EqfLevel::parse(&level) {
            Ok(level) => c.eqf_level = Some(level),
            Err(err) => c
                .issues
                .push(Issue::unreadable(AnnexElement::EqfLevel, err.to_string())),
        }
    }
    c.url = los.child_text("url");
    if let Some(contains) = los.child("contains") {
        c.contains = contains
            .children_named("los-id")
            .map(|id| model::collapse_whitespace(&id.text()))
            .filter(|id| !id.is_empty())
            .collect();
    }
    let instances: Vec<&Element> = los
        .child("specifies")
        .map(|specifies| {
            specifies
                .children_named("learningOpportunityInstance")
                .collect()
        })
        .unwrap_or_default();
    let mut all_credits = Vec::new();
    for instance in instances {
        let mut offer = Offer {
            start: instance
                .child_text("start")
                .and_then(|date| normalize::parse_date(&date)),
            end: instance
                .child_text("end")
                .and_then(|date| normalize::parse_date(&date)),
            url: c.url.clone(),
            ..Offer::default()
        };
        if let Some(language) = instance.child_text("languageOfInstruction") {
            match LangTag::parse(&language) {
                Ok(tag) => {
                    offer.languages.push(tag.clone());
                    c.languages.push(tag);
                }
                Err(err) => c.issues.push(Issue::note(err.to_string())),
            }
        }
        for credit in instance.children_named("credit") {
            let scheme_name = credit.child_text("scheme").unwrap_or_default();
            let value = credit.child_text("value").unwrap_or_default();
            match normalize::credits(&scheme_name, &value) {
                Ok(credits) => all_credits.push(credits),
                Err(issue) => c.issues.push(issue),
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
            && let Some(scheme) = instance.child("gradingScheme")
        {
            let label = scheme.child_text("label").unwrap_or_default();
            for description in scheme.children_named("description") {
                let text = model::collapse_whitespace(&description.text());
                let joined = if label.is_empty() {
                    text
                } else {
                    format!("{label}: {text}")
                };
                c.grading
                    .insert(description.lang().unwrap_or("und"), &joined);
            }
            if c.grading.is_empty() && !label.is_empty() {
                c.grading.insert("und", &label);
            }
        }
        let dated = offer.start.is_some() || offer.end.is_some() || !offer.languages.is_empty();
        if dated {
            c.offers.push(offer);
        }
    }
    if let Some(credits) = normalize::preferred_credits(all_credits) {
        c.credits = Some(credits);
    }
    if credential.title.is_empty() {
        return Err(RecordFailure {
            upstream_id: Some(los_id),
            reason: "learningOpportunitySpecification without <title>".to_owned(),
        });
    }
    normalize::finish_credential(&mut credential);
    Ok(ParsedRecord {
        upstream_id: los_id,
        datestamp: None,
        deleted: false,
        credential,
        payload_hash: PayloadHash::of(&bytes[los.span.clone()]),
        via: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str =
        "https://github.com/erasmus-without-paper/ewp-specs-api-courses/tree/stable-v1";

    #[test]
    fn single_specification_as_harvester_payload() {
        let payload = format!(
            r#"<learningOpportunitySpecification xmlns="{NS}">
                <los-id>CR/1</los-id>
                <title xml:lang="en">Statistics</title>
                <type>Module</type>
                <iscedCode>0542</iscedCode>
                <eqfLevelProvided>6</eqfLevelProvided>
                <specifies><learningOpportunityInstance>
                    <loi-id>CRI/1</loi-id><start>2025-02-01</start><end>2025-06-30</end>
                    <credit><scheme>no-vt</scheme><value>10</value></credit>
                    <credit><scheme>ects</scheme><value>7,5</value></credit>
                    <languageOfInstruction>pl</languageOfInstruction>
                    <engagementHours>150 h</engagementHours>
                </learningOpportunityInstance></specifies>
            </learningOpportunitySpecification>"#
        );
        let records = parse(payload.as_bytes()).unwrap();
        let c = &records[0].as_ref().unwrap().credential;
        assert_eq!(c.kind, Kind::Module);
        assert_eq!(c.isced_fields[0].as_str(), "0542");
        assert_eq!(c.eqf_level.unwrap().get(), 6);
        assert_eq!(c.ects(), Some(7.5));
        assert_eq!(c.workload_hours, Some(150.0));
        assert_eq!(c.languages[0].as_str(), "pl");
        assert_eq!(c.offers.len(), 1);
    }

    #[test]
    fn bad_values_are_issues_and_bad_records_fail_alone() {
        let doc = format!(
            r#"<courses-response xmlns="{NS}">
                <learningOpportunitySpecification><los-id>A</los-id><title>A</title>
                  <eqfLevelProvided>9</eqfLevelProvided>
                  <specifies><learningOpportunityInstance><credit><scheme>ects</scheme><value>five</value></credit></learningOpportunityInstance></specifies>
                </learningOpportunitySpecification>
                <learningOpportunitySpecification><title>no id</title></learningOpportunitySpecification>
            </courses-response>"#
        );
        let records = parse(doc.as_bytes()).unwrap();
        let c = &records[0].as_ref().unwrap().credential;
        assert!(c.credits.is_none());
        let elements: Vec<_> = c.issues.iter().filter_map(|i| i.element).collect();
        assert!(elements.contains(&AnnexElement::Workload));
        assert!(elements.contains(&AnnexElement::EqfLevel));
        assert!(records[1].is_err());
    }

    #[test]
    fn entities_are_never_expanded() {
        let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<courses-response><learningOpportunitySpecification><los-id>&lol2;</los-id></learningOpportunitySpecification></courses-response>"#;
        assert!(
            parse(bomb)
                .unwrap_err()
                .to_string()
                .contains("never expanded")
        );
        let external = br#"<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><courses-response>&xxe;</courses-response>"#;
        assert!(parse(external).is_err());
    }
}
