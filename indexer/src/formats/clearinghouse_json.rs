//! `clearinghouse-json`: the clearinghouse's own feed format, for institutions without a
//! standard export, and the rich format of our OAI-PMH provider.
//!
//! A document is a JSON array of records, one record object, or JSON Lines (one record
//! per line). A record is the canonical model ([`model::Credential`]) with an `id` (the
//! publisher's identifier) and optionally `modified` and `deleted`. The JSON Schema is
//! `docs/clearinghouse-json.schema.json`; `demo/feeds/` holds examples.

use model::{Credential, PayloadHash};
use serde::Deserialize;

use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

#[derive(Deserialize)]
struct FeedRecord {
    id: String,
    #[serde(default)]
    deleted: bool,
    #[serde(flatten)]
    credential: Credential,
}

/// Reads an array, a single object or JSON Lines.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        Some(b'[') => {
            let values: Vec<&serde_json::value::RawValue> =
                serde_json::from_slice(bytes).map_err(|err| FormatError::json(&err))?;
            Ok(values
                .into_iter()
                .enumerate()
                .map(|(i, raw)| read_record(raw.get().as_bytes(), &format!("record {}", i + 1)))
                .collect())
        }
        Some(b'{') => {
            // One object, or JSON Lines: a single object parses whole.
            if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() {
                return Ok(vec![read_record(bytes, "record 1")]);
            }
            Ok(bytes
                .split(|b| *b == b'\n')
                .enumerate()
                .filter(|(_, line)| line.iter().any(|b| !b.is_ascii_whitespace()))
                .map(|(i, line)| read_record(line, &format!("line {}", i + 1)))
                .collect())
        }
        Some(_) => Err(FormatError::WrongShape {
            format: model::Format::ClearinghouseJson,
            message: "expected a JSON array, an object or JSON Lines".to_owned(),
        }),
        None => Ok(Vec::new()),
    }
}

fn read_record(bytes: &[u8], position: &str) -> Result<ParsedRecord, RecordFailure> {
    let record: FeedRecord = serde_json::from_slice(bytes).map_err(|err| {
        let upstream_id = serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .and_then(|value| value.get("id")?.as_str().map(str::to_owned));
        RecordFailure {
            upstream_id,
            reason: format!("{position}: {err}"),
        }
    })?;
    let id = record.id.trim().to_owned();
    if id.is_empty() {
        return Err(RecordFailure {
            upstream_id: None,
            reason: format!("{position}: `id` is empty"),
        });
    }
    let mut credential = record.credential;
    normalize_credential(&mut credential);
    if !record.deleted && credential.title.is_empty() {
        return Err(RecordFailure {
            upstream_id: Some(id),
            reason: format!(
                "{position}: `title` is missing; a record needs a title in at least one language"
            ),
        });
    }
    Ok(ParsedRecord {
        upstream_id: id,
        datestamp: credential.modified.map(|m| m.to_rfc3339()),
        deleted: record.deleted,
        credential,
        payload_hash: PayloadHash::of(bytes),
    })
}

/// Applies the shared rules to text that arrived already in the canonical shape: HTML
/// descriptions sanitised with a plain-text copy, mojibake flagged.
fn normalize_credential(credential: &mut Credential) {
    let descriptions: Vec<_> = credential
        .description
        .0
        .iter()
        .map(|(lang, text)| (lang.clone(), text.clone()))
        .collect();
    for (lang, text) in descriptions {
        let (plain, html) = normalize::description(&text);
        credential.description.insert_tag(lang.clone(), &plain);
        if let Some(html) = html {
            credential.description_html.0.insert(lang, html);
        }
    }
    for (_, html) in credential.description_html.0.iter_mut() {
        *html = normalize::sanitize_html(html);
    }
    let titles = credential.title.all_text();
    if normalize::looks_like_mojibake(&titles)
        || normalize::looks_like_mojibake(&credential.description.all_text())
    {
        credential.issues.push(model::Issue::note(
            "text looks like mojibake (UTF-8 decoded as Latin-1); left as published",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_lines_and_single_object() {
        let array =
            br#"[{"id":"a","title":{"en":"Data literacy"},"credits":{"value":5,"scheme":"ects"}},
                         {"id":"b","title":{"de":"Statistik"},"eqf_level":6}]"#;
        let records = parse(array).unwrap();
        assert_eq!(records.len(), 2);
        let a = records[0].as_ref().unwrap();
        assert_eq!(a.upstream_id, "a");
        assert_eq!(a.credential.ects(), Some(5.0));
        let lines =
            b"{\"id\":\"a\",\"title\":{\"en\":\"A\"}}\n\n{\"id\":\"b\",\"title\":{\"en\":\"B\"}}\n";
        assert_eq!(parse(lines).unwrap().len(), 2);
        assert_eq!(parse(br#"{"id":"x","title":{"en":"X"}}"#).unwrap().len(), 1);
    }

    #[test]
    fn bad_records_fail_alone() {
        let array = br#"[{"id":"ok","title":{"en":"Fine"}},
                         {"id":"bad-level","title":{"en":"X"},"eqf_level":9},
                         {"title":{"en":"no id"}},
                         {"id":"no-title"}]"#;
        let records = parse(array).unwrap();
        assert!(records[0].is_ok());
        let failure = records[1].as_ref().unwrap_err();
        assert_eq!(failure.upstream_id.as_deref(), Some("bad-level"));
        assert!(failure.reason.contains("record 2"), "{}", failure.reason);
        assert!(records[2].is_err());
        assert!(records[3].as_ref().unwrap_err().reason.contains("title"));
        let lines = b"{\"id\":\"a\",\"title\":{\"en\":\"A\"}}\n{broken\n";
        let records = parse(lines).unwrap();
        assert!(records[0].is_ok());
        assert!(records[1].as_ref().unwrap_err().reason.contains("line 2"));
        assert!(parse(b"[{\"id\":").is_err());
        assert!(parse(b"<xml/>").is_err());
    }

    #[test]
    fn html_is_sanitised() {
        let doc = br#"[{"id":"x","title":{"en":"X"},"description":{"en":"<p>Hi <script>alert(1)</script><img src=x onerror=alert(2)></p>"}}]"#;
        let record = parse(doc).unwrap().remove(0).unwrap();
        assert_eq!(record.credential.description.best(&[]), Some("Hi"));
        let html = record.credential.description_html.best(&[]).unwrap();
        assert!(
            !html.contains("script") && !html.contains("onerror"),
            "{html}"
        );
    }
}
