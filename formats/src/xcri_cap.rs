//! `xcri-cap`: XCRI-CAP 1.2 course catalogues (UK), as providers and aggregators publish
//! them.
//!
//! A `<catalog>` holds `<provider>`s holding `<course>`s holding `<presentation>`s.
//! Elements are matched by local name, so namespaces redeclared or renamed on children
//! read the same; a UTF-8 byte order mark is skipped. Every course is a record, its
//! presentations its offers.
//!
//! Mapping: `dc:identifier` (the first is the upstream id), `dc:title`, `dc:description`
//! (XHTML content is sanitised, with a plain-text copy; a description typed
//! `metadataKeywords` gives keywords instead), `abstract` (the description when there is
//! none), `dc:subject` (keywords), `mlo:url`, `mlo:assessment`, `learningOutcome` (else
//! `mlo:objective`) as learning outcomes, `mlo:prerequisite`, `mlo:credit` (ECTS
//! preferred, other schemes kept by name, e.g. SCQF), the qualification's `awardedBy`
//! (else the provider's `dc:title`) as awarding body with the provider's identifier and
//! URL. Per presentation: `start`, `end` and `applyUntil` (the `dtf` attribute, the
//! machine-readable date, is preferred over the human text, which is only read when it
//! is itself a date), `mlo:languageOfInstruction`, `attendanceMode` (its XCRI code — CM,
//! NC, WB on site; DA, MM blended; DS, ON online — else its text), `venue`, `mlo:url`,
//! `mlo:cost`. `mlo:duration` is a length of study, not a workload, and is not read.

use model::{
    Credential, Identifier, Issue, LangTag, LearningOutcome, Offer, Organisation, Participation,
    PayloadHash,
};

use super::xml::{self, Element, Node};
use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Reads every course of every provider of a catalogue.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let root = xml::parse_document(bytes)?;
    let providers: Vec<&Element> = match root.name.as_str() {
        "catalog" => root.children_named("provider").collect(),
        "provider" => vec![&root],
        other => {
            return Err(FormatError::WrongShape {
                format: model::Format::XcriCap,
                message: format!("root element <{other}> is not an XCRI-CAP <catalog>"),
            });
        }
    };
    let mut records = Vec::new();
    for provider in providers {
        let organisation = Organisation {
            name: texts(provider, "title"),
            url: provider.child_text("url"),
            identifiers: provider
                .children_named("identifier")
                .map(|id| Identifier {
                    scheme: "uri".to_owned(),
                    value: model::collapse_whitespace(&id.text()),
                })
                .collect(),
            ..Organisation::default()
        };
        for course in provider.children_named("course") {
            records.push(read_course(course, &organisation, bytes));
        }
    }
    Ok(records)
}

/// The texts of the children called `name`, per `xml:lang`.
fn texts(parent: &Element, name: &str) -> model::LangText {
    let mut out = model::LangText::default();
    for child in parent.children_named(name) {
        out.insert(child.lang().unwrap_or("und"), &child.text());
    }
    out
}

/// XHTML content rebuilt as HTML (prefixes dropped), or escaped text.
fn inner_html(element: &Element) -> String {
    let mut out = String::new();
    for node in &element.children {
        match node {
            Node::Text(text) => out.push_str(&escape(text)),
            Node::Element(child) if child.ns == XHTML_NS => {
                out.push('<');
                out.push_str(&child.name);
                out.push('>');
                out.push_str(&inner_html(child));
                out.push_str("</");
                out.push_str(&child.name);
                out.push('>');
            }
            Node::Element(child) => out.push_str(&inner_html(child)),
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn has_xhtml(element: &Element) -> bool {
    element.elements().any(|child| child.ns == XHTML_NS)
}

/// A date from the `dtf` attribute, else from the text if it is a date.
fn date_of(element: Option<&Element>, issues: &mut Vec<Issue>) -> Option<chrono::NaiveDate> {
    let element = element?;
    if let Some(dtf) = element.attr("dtf") {
        if let Some(date) = normalize::parse_date(dtf) {
            return Some(date);
        }
        issues.push(Issue::note(format!(
            "<{} dtf={dtf:?}> is not an ISO 8601 date",
            element.name
        )));
    }
    let text = model::collapse_whitespace(&element.text());
    let date = normalize::parse_date(&text);
    if date.is_none() && !text.is_empty() {
        issues.push(Issue::note(format!(
            "<{}> {text:?} has no machine-readable date (add a dtf attribute)",
            element.name
        )));
    }
    date
}

fn read_course(
    course: &Element,
    provider: &Organisation,
    bytes: &[u8],
) -> Result<ParsedRecord, RecordFailure> {
    let identifiers: Vec<String> = course
        .children_named("identifier")
        .map(|id| model::collapse_whitespace(&id.text()))
        .filter(|id| !id.is_empty())
        .collect();
    let Some(upstream_id) = identifiers.first().cloned() else {
        return Err(RecordFailure {
            upstream_id: None,
            reason: format!(
                "course {:?} has no dc:identifier",
                course
                    .child_text("title")
                    .unwrap_or_else(|| "(untitled)".to_owned())
            ),
        });
    };
    let mut credential = Credential {
        title: texts(course, "title"),
        ..Credential::default()
    };
    let c = &mut credential;
    c.identifiers = identifiers
        .iter()
        .map(|value| Identifier {
            scheme: if value.contains("://") {
                "uri"
            } else {
                "dc:identifier"
            }
            .to_owned(),
            value: value.clone(),
        })
        .collect();
    let mut plain_parts: Vec<(String, String)> = Vec::new();
    let mut html_parts: Vec<(String, String)> = Vec::new();
    for description in course.children_named("description") {
        let lang = description.lang().unwrap_or("und").to_owned();
        let typed = description.attr("type").unwrap_or_default();
        if typed.contains("metadataKeywords") {
            c.keywords.extend(
                description
                    .text()
                    .split(',')
                    .map(model::collapse_whitespace)
                    .filter(|k| !k.is_empty()),
            );
            continue;
        }
        if !typed.is_empty() {
            continue;
        }
        if has_xhtml(description) {
            let html = inner_html(description);
            plain_parts.push((lang.clone(), normalize::html_to_text(&html)));
            html_parts.push((lang, normalize::sanitize_html(&html)));
        } else {
            let (plain, html) = normalize::description(&description.text());
            plain_parts.push((lang.clone(), plain));
            if let Some(html) = html {
                html_parts.push((lang, html));
            }
        }
    }
    if plain_parts.is_empty() {
        for summary in course.children_named("abstract") {
            plain_parts.push((summary.lang().unwrap_or("und").to_owned(), summary.text()));
        }
    }
    for (target, parts) in [
        (&mut c.description, plain_parts),
        (&mut c.description_html, html_parts),
    ] {
        let mut joined: Vec<(String, Vec<String>)> = Vec::new();
        for (lang, text) in parts {
            match joined.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, texts)) => texts.push(text),
                None => joined.push((lang, vec![text])),
            }
        }
        for (lang, texts) in joined {
            target.insert(&lang, &texts.join("\n\n"));
        }
    }
    c.keywords.extend(
        course
            .children_named("subject")
            .map(|subject| model::collapse_whitespace(&subject.text()))
            .filter(|s| !s.is_empty()),
    );
    c.url = course.child_text("url");
    for assessment in course.children_named("assessment") {
        c.assessment.insert(
            assessment.lang().unwrap_or("und"),
            &normalize::html_to_text(&inner_html(assessment)),
        );
    }
    let outcome_elements: Vec<&Element> = {
        let outcomes: Vec<&Element> = course.children_named("learningOutcome").collect();
        if outcomes.is_empty() {
            course.children_named("objective").collect()
        } else {
            outcomes
        }
    };
    for outcome in outcome_elements {
        let mut text = model::LangText::default();
        text.insert(
            outcome.lang().unwrap_or("und"),
            &normalize::html_to_text(&inner_html(outcome)),
        );
        if !text.is_empty() {
            c.learning_outcomes.push(LearningOutcome {
                text,
                skill_uri: None,
            });
        }
    }
    for prerequisite in course.children_named("prerequisite") {
        c.prerequisites.insert(
            prerequisite.lang().unwrap_or("und"),
            &normalize::html_to_text(&inner_html(prerequisite)),
        );
    }
    let mut all_credits = Vec::new();
    for credit in course.children_named("credit") {
        let scheme_name = credit.child_text("scheme").unwrap_or_default();
        let value = credit.child_text("value").unwrap_or_default();
        match normalize::credits(&scheme_name, &value) {
            Ok(credits) => all_credits.push(credits),
            Err(issue) => c.issues.push(issue),
        }
    }
    if let Some(credits) = normalize::preferred_credits(all_credits) {
        c.credits = Some(credits);
    }
    c.awarding_body = provider.clone();
    let awarded_by = course
        .children_named("qualification")
        .find_map(|qualification| qualification.child_text("awardedBy"));
    if let Some(name) = awarded_by
        && c.awarding_body.name.best(&[]) != Some(name.as_str())
    {
        c.awarding_body = Organisation {
            name: model::LangText::single("und", &name),
            ..Organisation::default()
        };
    }
    for presentation in course.children_named("presentation") {
        let mut offer = Offer {
            start: date_of(presentation.child("start"), &mut c.issues),
            end: date_of(presentation.child("end"), &mut c.issues),
            application_deadline: date_of(presentation.child("applyUntil"), &mut c.issues),
            url: presentation.child_text("url"),
            cost: presentation.child_text("cost"),
            ..Offer::default()
        };
        for language in presentation.children_named("languageOfInstruction") {
            let text = model::collapse_whitespace(&language.text());
            match LangTag::parse(&text) {
                Ok(tag) => {
                    offer.languages.push(tag.clone());
                    c.languages.push(tag);
                }
                Err(err) => c.issues.push(Issue::note(err.to_string())),
            }
        }
        offer.participation = presentation.child("attendanceMode").and_then(|mode| {
            let by_code = match mode.attr("identifier").unwrap_or_default() {
                "CM" | "NC" | "WB" => Some(Participation::OnSite),
                "DA" | "MM" => Some(Participation::Blended),
                "DS" | "ON" => Some(Participation::Online),
                _ => None,
            };
            by_code.or_else(|| Participation::parse_loose(&mode.text()))
        });
        if offer.participation.is_none() {
            offer.participation = presentation
                .child_text("attendancePattern")
                .and_then(|pattern| Participation::parse_loose(&pattern));
        }
        if let Some(venue) = presentation.child("venue") {
            let name = venue
                .child("provider")
                .map(|p| texts(p, "title"))
                .unwrap_or_default();
            offer.venue = name;
        }
        c.offers.push(offer);
    }
    if credential.title.is_empty() {
        return Err(RecordFailure {
            upstream_id: Some(upstream_id),
            reason: "course without dc:title".to_owned(),
        });
    }
    normalize::finish_credential(&mut credential);
    Ok(ParsedRecord {
        upstream_id,
        datestamp: None,
        deleted: false,
        credential,
        payload_hash: PayloadHash::of(&bytes[course.span.clone()]),
        via: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redeclared_namespaces_machine_dates_and_xhtml() {
        let doc = "\u{FEFF}<?xml version=\"1.0\"?>
<catalog xmlns=\"http://xcri.org/profiles/1.2/catalog\">
  <provider><dc:title xmlns:dc=\"http://purl.org/dc/elements/1.1/\">Uni</dc:title>
    <course>
      <x:identifier xmlns:x=\"http://purl.org/dc/elements/1.1/\">C1</x:identifier>
      <x:title xmlns:x=\"http://purl.org/dc/elements/1.1/\">Webcomics</x:title>
      <x:description xmlns:x=\"http://purl.org/dc/elements/1.1/\"><h:div xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:p>Learn <h:b>panels</h:b></h:p><h:script>alert(1)</h:script></h:div></x:description>
      <presentation>
        <start dtf=\"2012-08-01\">1 Aug 2012</start><end dtf=\"2012-08-31T00:00:00\">31 August 2011</end>
        <applyUntil>soon</applyUntil>
        <attendanceMode identifier=\"DS\">Distance without attendance</attendanceMode>
      </presentation>
    </course></provider></catalog>";
        let record = parse(doc.as_bytes()).unwrap().remove(0).unwrap();
        let c = &record.credential;
        assert_eq!(c.title.best(&[]), Some("Webcomics"));
        assert_eq!(c.description.best(&[]), Some("Learn panels"));
        let html = c.description_html.best(&[]).unwrap();
        assert!(
            html.contains("<b>panels</b>") && !html.contains("script"),
            "{html}"
        );
        assert_eq!(
            c.offers[0].end,
            chrono::NaiveDate::from_ymd_opt(2012, 8, 31)
        );
        assert_eq!(c.participation, vec![Participation::Online]);
        assert!(c.issues.iter().any(|i| i.message.contains("soon")));
    }

    #[test]
    fn entities_are_never_expanded() {
        let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<catalog><provider><course><title>&lol2;</title></course></provider></catalog>"#;
        assert!(
            parse(bomb)
                .unwrap_err()
                .to_string()
                .contains("never expanded")
        );
    }
}
