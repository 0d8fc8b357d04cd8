//! `oai_dc`: simple Dublin Core, the format every OAI-PMH endpoint must serve.
//!
//! A payload is one `<oai_dc:dc>` element. A whole document (a `file` or `http` feed) may
//! be a saved OAI-PMH response, whose `<record>`s give identifiers, datestamps and
//! deletions, or any wrapper around several `<oai_dc:dc>` elements, identified by their
//! first `dc:identifier`.
//!
//! Dublin Core says little about credentials: `title`, `description` (HTML sanitised),
//! `publisher` (else `creator`) as awarding body, `language`, `subject` as keywords (an
//! ISCED-F code among them is taken as the field), `type` as the kind, `identifier` (URLs
//! become the offer's page), `date` as last modified, `format` for the form of participation.

use model::{Credential, Identifier, IscedCode, Kind, LangTag, Participation, PayloadHash};

use super::xml::{self, Element};
use super::{ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";

/// Reads one `dc` element or a document of them.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let root = xml::parse_document(bytes)?;
    if root.name == "dc" {
        // A single payload: an OAI-PMH header gives the identifier if the record has none.
        let record = read_dc(&root, bytes, None, None).or_else(|failure| {
            if failure.upstream_id.is_none() && failure.reason.contains("dc:identifier") {
                read_dc(&root, bytes, Some(String::new()), None)
            } else {
                Err(failure)
            }
        });
        return Ok(vec![record]);
    }
    let oai_records: Vec<&Element> = root
        .descendants_named("record")
        .into_iter()
        .filter(|record| record.ns == OAI_NS)
        .collect();
    if !oai_records.is_empty() {
        return Ok(oai_records
            .into_iter()
            .map(|record| read_oai_record(record, bytes))
            .collect());
    }
    let dcs = root.descendants_named("dc");
    if dcs.is_empty() {
        return Err(super::FormatError::WrongShape {
            format: model::Format::OaiDc,
            message: format!("no <oai_dc:dc> element in <{}>", root.name),
        });
    }
    Ok(dcs
        .into_iter()
        .map(|dc| read_dc(dc, bytes, None, None))
        .collect())
}

fn read_oai_record(record: &Element, bytes: &[u8]) -> Result<ParsedRecord, RecordFailure> {
    let header = record.child("header").ok_or_else(|| RecordFailure {
        upstream_id: None,
        reason: "OAI-PMH <record> without <header>".to_owned(),
    })?;
    let identifier = header
        .child_text("identifier")
        .ok_or_else(|| RecordFailure {
            upstream_id: None,
            reason: "OAI-PMH <header> without <identifier>".to_owned(),
        })?;
    let datestamp = header.child_text("datestamp");
    if header.attr("status") == Some("deleted") {
        return Ok(ParsedRecord {
            upstream_id: identifier,
            datestamp,
            deleted: true,
            credential: Credential::default(),
            payload_hash: PayloadHash::of(&bytes[record.span.clone()]),
            via: Vec::new(),
        });
    }
    let dc = record
        .child("metadata")
        .and_then(|metadata| metadata.descendants_named("dc").into_iter().next())
        .ok_or_else(|| RecordFailure {
            upstream_id: Some(identifier.clone()),
            reason: "record has no <oai_dc:dc> metadata".to_owned(),
        })?;
    read_dc(dc, bytes, Some(identifier), datestamp)
}

fn read_dc(
    dc: &Element,
    bytes: &[u8],
    upstream_id: Option<String>,
    datestamp: Option<String>,
) -> Result<ParsedRecord, RecordFailure> {
    let mut credential = Credential::default();
    let fallback_lang = dc.lang().unwrap_or("und").to_owned();
    let lang_of = |element: &Element| element.lang().unwrap_or(&fallback_lang).to_owned();
    let mut identifiers = Vec::new();
    for element in dc.elements() {
        let text = model::collapse_whitespace(&element.text());
        if text.is_empty() {
            continue;
        }
        match element.name.as_str() {
            "title"
                if credential.title.best(&[&lang_of(element)]).is_none()
                    || !credential.title.0.contains_key(&tag(&lang_of(element))) =>
            {
                credential.title.insert(&lang_of(element), &text);
            }
            "description" | "abstract" => {
                let lang = lang_of(element);
                let (plain, html) = normalize::description(&element.text());
                let joined = match credential.description.0.get(&tag(&lang)) {
                    Some(previous) => format!("{previous} {plain}"),
                    None => plain,
                };
                credential.description.insert(&lang, &joined);
                if let Some(html) = html {
                    credential.description_html.insert(&lang, &html);
                }
            }
            "publisher" => credential
                .awarding_body
                .name
                .insert(&lang_of(element), &text),
            "creator" | "contributor" if credential.awarding_body.name.is_empty() => credential
                .awarding_body
                .name
                .insert(&lang_of(element), &text),
            "language" => match LangTag::parse(&text) {
                Ok(language) if !credential.languages.contains(&language) => {
                    credential.languages.push(language)
                }
                Ok(_) => {}
                Err(_) => credential.issues.push(model::Issue::note(format!(
                    "dc:language {text:?} is not a language code"
                ))),
            },
            "subject" => match IscedCode::parse(&text) {
                Ok(code) => credential.isced_fields.push(code),
                Err(_) => credential.keywords.push(text),
            },
            "type" => {
                if let Some(kind) = kind_from_text(&text) {
                    credential.kind = kind;
                }
            }
            "format" => {
                if let Some(mode) = Participation::parse_loose(&text) {
                    credential.participation.push(mode);
                }
            }
            "identifier" => {
                if text.starts_with("http://") || text.starts_with("https://") {
                    credential.url.get_or_insert_with(|| text.clone());
                }
                identifiers.push(text);
            }
            "date" => {
                if let Some(date) = normalize::parse_timestamp(&text) {
                    credential.modified = Some(date);
                }
            }
            _ => {}
        }
    }
    credential.identifiers = identifiers
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
    let upstream_id = upstream_id.or_else(|| identifiers.first().cloned());
    let Some(upstream_id) = upstream_id else {
        return Err(RecordFailure {
            upstream_id: None,
            reason: "Dublin Core record without dc:identifier".to_owned(),
        });
    };
    if credential.title.is_empty() {
        return Err(RecordFailure {
            upstream_id: Some(upstream_id),
            reason: "Dublin Core record without dc:title".to_owned(),
        });
    }
    if normalize::looks_like_mojibake(&credential.title.all_text()) {
        credential.issues.push(model::Issue::note(
            "title looks like mojibake (UTF-8 decoded as Latin-1); left as published",
        ));
    }
    Ok(ParsedRecord {
        upstream_id,
        datestamp,
        deleted: false,
        credential,
        payload_hash: PayloadHash::of(&bytes[dc.span.clone()]),
        via: Vec::new(),
    })
}

fn tag(lang: &str) -> LangTag {
    LangTag::parse(lang).unwrap_or_else(|_| LangTag::undetermined())
}

fn kind_from_text(text: &str) -> Option<Kind> {
    let lower = text.to_lowercase();
    if lower.contains("micro") {
        Some(Kind::MicroCredential)
    } else if lower.contains("badge") {
        Some(Kind::Badge)
    } else if lower.contains("module") {
        Some(Kind::Module)
    } else if lower.contains("programme") || lower.contains("program") {
        Some(Kind::Programme)
    } else if lower.contains("qualification") || lower.contains("degree") {
        Some(Kind::Qualification)
    } else if lower.contains("course") {
        Some(Kind::Course)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads one of the crate's own Dublin Core fixtures (`testdata/oai_dc/`).
    fn fixture(name: &str) -> Vec<u8> {
        testkit::own(env!("CARGO_MANIFEST_DIR"), &format!("oai_dc/{name}"))
    }

    #[test]
    fn single_dc_payload() {
        let payload = br#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title xml:lang="en">Data   literacy</dc:title>
            <dc:title xml:lang="pl">Kompetencje cyfrowe</dc:title>
            <dc:publisher>Demo University</dc:publisher>
            <dc:language>pol</dc:language>
            <dc:subject>0613</dc:subject>
            <dc:subject>statistics</dc:subject>
            <dc:type>Micro-credential</dc:type>
            <dc:format>online</dc:format>
            <dc:identifier>https://demo.example/c/1</dc:identifier>
            <dc:description>&lt;p&gt;Learn &lt;b&gt;data&lt;/b&gt;&lt;/p&gt;</dc:description>
        </oai_dc:dc>"#;
        let record = parse(payload).unwrap().remove(0).unwrap();
        let c = &record.credential;
        assert_eq!(record.upstream_id, "https://demo.example/c/1");
        assert_eq!(c.title.best(&["en"]), Some("Data literacy"));
        assert_eq!(c.title.best(&["pl"]), Some("Kompetencje cyfrowe"));
        assert_eq!(c.languages[0].as_str(), "pl");
        assert_eq!(c.isced_fields[0].as_str(), "0613");
        assert_eq!(c.keywords, vec!["statistics"]);
        assert_eq!(c.kind, Kind::MicroCredential);
        assert_eq!(c.participation, vec![Participation::Online]);
        assert_eq!(c.description.best(&[]), Some("Learn data"));
        assert!(
            c.description_html
                .best(&[])
                .unwrap()
                .contains("<b>data</b>")
        );
    }

    #[test]
    fn a_saved_list_records_response_as_a_document() {
        let records = parse(&fixture("saved-list-records.xml")).unwrap();
        assert!(records.len() > 1);
        let deleted = records[0].as_ref().unwrap();
        assert!(deleted.deleted);
        assert_eq!(deleted.upstream_id, "oai:lagos-uni.example:short/118");
        let first = records[1].as_ref().unwrap();
        assert_eq!(first.upstream_id, "oai:lagos-uni.example:short/131");
        assert_eq!(
            first.credential.title.best(&["en"]),
            Some("Sustainable Water Management in Agriculture")
        );
        assert_eq!(first.datestamp.as_deref(), Some("2025-04-14T09:41:37Z"));
    }

    #[test]
    fn a_saved_harvest_reads_every_record_and_fails_only_the_broken_one() {
        let records = parse(&fixture("harvest-with-gaps.xml")).unwrap();
        assert_eq!(records.len(), 6);
        let failures: Vec<_> = records.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(
            failures[0].upstream_id.as_deref(),
            Some("oai:nordfjord-hs.example:cpd-2025-04")
        );
        assert!(failures[0].reason.contains("dc:title"), "{failures:?}");
        // A sparse record is read with what it has: its creator as awarding body.
        let sparse = records[2].as_ref().unwrap();
        assert_eq!(
            sparse.credential.awarding_body.name.best(&[]),
            Some("Department of Languages")
        );
    }

    #[test]
    fn broken_document_fails_with_position() {
        let err = parse(&fixture("unavailable.xml")).unwrap_err();
        assert!(err.to_string().contains("XML"), "{err}");
    }

    /// The real captures of the shared folder (opt-in) read as they always did.
    #[test]
    fn the_real_captures_read_as_before() {
        let (Some(sickle), Some(dspace), Some(broken)) = (
            testkit::shared_fixture("oai-pmh/oaipmh-sickle-ListRecords.xml"),
            testkit::shared_fixture("oai-pmh/oaipmh-pyoai-eur-dspace-ListRecords-oai_dc.xml"),
            testkit::shared_fixture("oai-pmh/oaipmh-sickle-ListRecordsBroken.xml"),
        ) else {
            return;
        };
        let records = parse(&sickle).unwrap();
        let deleted = records[0].as_ref().unwrap();
        assert!(deleted.deleted);
        assert_eq!(deleted.upstream_id, "oai:test.example.com:1585310");
        let first = records[1].as_ref().unwrap();
        assert_eq!(first.upstream_id, "oai:test.example.com:1585322");
        assert_eq!(first.credential.title.best(&[]), Some("Sample Title"));
        assert_eq!(first.datestamp.as_deref(), Some("2011-01-10T10:19:23Z"));

        let records = parse(&dspace).unwrap();
        assert_eq!(records.len(), 16);
        let ok = records.iter().filter(|r| r.is_ok()).count();
        assert!(ok >= 15, "only {ok} of 16 read");

        let err = parse(&broken).unwrap_err();
        assert!(err.to_string().contains("XML"), "{err}");
    }
}
