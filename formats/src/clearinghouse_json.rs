//! `clearinghouse-json`: the clearinghouse's own feed format, for institutions without a
//! standard export, and the rich format of our OAI-PMH provider.
//!
//! A document is a JSON array of records, one record object, or JSON Lines (one record
//! per line). A record is the canonical model ([`model::Credential`]) with an `id` (the
//! publisher's identifier) and optionally `modified` and `deleted`. The JSON Schema is
//! `docs/clearinghouse-json.schema.json`; `demo/feeds/` holds examples.
//!
//! Served by another clearinghouse over OAI-PMH, a record arrives as the text of one
//! `<ch:record>` element in [`XML_NAMESPACE`] and carries an [`UpstreamProvenance`]: the
//! wrapper is unpacked here, and the hops it names become the record's `via`.

use model::{Credential, ParseLimits, PayloadHash};
use serde::{Deserialize, Serialize};

use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::limits::{self, JsonShape};
use crate::normalize;

/// The namespace of the `<record>` element that wraps one JSON record in an OAI-PMH
/// `<metadata>` element.
pub const XML_NAMESPACE: &str = "https://microhe.eu/ns/clearinghouse-json/1";

/// The members of a record besides the credential. A record is read twice, as this and
/// as a [`Credential`] (each ignores the other's members): much cheaper than
/// `#[serde(flatten)]`, which buffers the whole object first.
#[derive(Deserialize)]
struct FeedHeader {
    id: String,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    provenance: Option<UpstreamProvenance>,
}

struct FeedRecord {
    header: FeedHeader,
    credential: Credential,
}

impl FeedRecord {
    fn from_slice(bytes: &[u8]) -> Result<FeedRecord, serde_json::Error> {
        let header = serde_json::from_slice(bytes)?;
        let credential = serde_json::from_slice(bytes)?;
        Ok(FeedRecord { header, credential })
    }
}

/// Where a record served by another clearinghouse came from there: the `provenance`
/// member of a record in the rich OAI-PMH format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpstreamProvenance {
    /// The OAI-PMH repository identifier of the clearinghouse that served the record.
    pub clearinghouse: String,
    /// Its record id there.
    pub record_id: String,
    /// Its source there.
    pub source_id: String,
    /// The identifier the source gave it upstream of that clearinghouse.
    pub upstream_id: String,
    /// Hops before that clearinghouse, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
}

impl UpstreamProvenance {
    /// The hops a record took to get here, oldest first: the earlier ones, then this one as
    /// `oai:{clearinghouse}:{record id} (source {source id}, upstream id {upstream id})`.
    pub fn hops(&self) -> Vec<String> {
        let mut hops = self.via.clone();
        hops.push(format!(
            "oai:{}:{} (source {}, upstream id {})",
            self.clearinghouse, self.record_id, self.source_id, self.upstream_id
        ));
        hops
    }
}

/// Reads an array, a single object or JSON Lines, or one record wrapped in a
/// `<record>` element of [`XML_NAMESPACE`] (as the OAI-PMH provider serves it), within
/// the default limits.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    parse_within(bytes, &ParseLimits::default())
}

/// [`parse`] within `limits`: the document (or, for JSON Lines, each line) is measured
/// before it is read ([`limits::check_json`]); more lines than
/// [`ParseLimits::max_list_items`] fail the document, a line over another limit fails
/// alone.
pub(crate) fn parse_within(bytes: &[u8], limits: &ParseLimits) -> ParseOutcome {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return parse_within(unwrap_xml(bytes, limits)?.as_bytes(), limits);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let shape = match first {
        Some(b'[' | b'{') => limits::check_json(bytes, limits)?,
        _ => JsonShape::NotOneValue,
    };
    match (first, shape) {
        (Some(b'{'), JsonShape::OneValue) => Ok(vec![read_record(bytes, "record 1")]),
        (Some(b'['), _) => {
            let values: Vec<&serde_json::value::RawValue> =
                serde_json::from_slice(bytes).map_err(|err| FormatError::json(&err))?;
            Ok(values
                .into_iter()
                .enumerate()
                .map(|(i, raw)| read_record(raw.get().as_bytes(), &format!("record {}", i + 1)))
                .collect())
        }
        (Some(b'{'), JsonShape::NotOneValue) => {
            // JSON Lines: each line a record, measured on its own.
            let lines: Vec<(usize, &[u8])> = bytes
                .split(|b| *b == b'\n')
                .enumerate()
                .filter(|(_, line)| line.iter().any(|b| !b.is_ascii_whitespace()))
                .take(limits.max_list_items + 1)
                .collect();
            if lines.len() > limits.max_list_items {
                return Err(limits::Limit::ListItems.error(limits));
            }
            Ok(lines
                .into_iter()
                .map(|(i, line)| {
                    let position = format!("line {}", i + 1);
                    match limits::check_json(line, limits) {
                        Ok(_) => read_record(line, &position),
                        Err(err) => Err(RecordFailure {
                            upstream_id: None,
                            reason: format!("{position}: {err}"),
                        }),
                    }
                })
                .collect())
        }
        (Some(_), _) => Err(FormatError::WrongShape {
            format: model::Format::ClearinghouseJson,
            message: "expected a JSON array, an object or JSON Lines".to_owned(),
        }),
        (None, _) => Ok(Vec::new()),
    }
}

/// The JSON text inside a `<record>` element of [`XML_NAMESPACE`].
fn unwrap_xml(bytes: &[u8], limits: &ParseLimits) -> Result<String, FormatError> {
    // The wrapper as our provider writes it is one text node: read it as a stream. A
    // wrapper with anything more (CDATA, character references, child elements) or a
    // broken one goes through the element tree, which reads or reports it.
    if let Some(root) = super::xml::root_text(bytes) {
        return if root.ns == XML_NAMESPACE && root.name == "record" {
            Ok(root.text)
        } else {
            Err(wrong_wrapper(&root.name, &root.ns))
        };
    }
    // The text of the wrapper is the record, measured as JSON once unwrapped.
    let wrapper_limits = ParseLimits {
        max_text_bytes: usize::MAX,
        ..*limits
    };
    limits::check_xml(bytes, &wrapper_limits)?;
    let root = super::xml::parse_document(bytes)?;
    if root.ns != XML_NAMESPACE || root.name != "record" {
        return Err(wrong_wrapper(&root.name, &root.ns));
    }
    Ok(root.text())
}

fn wrong_wrapper(name: &str, ns: &str) -> FormatError {
    FormatError::WrongShape {
        format: model::Format::ClearinghouseJson,
        message: format!(
            "expected a <record> element in {XML_NAMESPACE}, found <{name}> in {ns:?}"
        ),
    }
}

fn read_record(bytes: &[u8], position: &str) -> Result<ParsedRecord, RecordFailure> {
    let record = FeedRecord::from_slice(bytes).map_err(|err| {
        let upstream_id = serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .and_then(|value| value.get("id")?.as_str().map(str::to_owned));
        RecordFailure {
            upstream_id,
            reason: format!("{position}: {err}"),
        }
    })?;
    finish_record(record, bytes, position)
}

fn finish_record(
    record: FeedRecord,
    bytes: &[u8],
    position: &str,
) -> Result<ParsedRecord, RecordFailure> {
    let FeedRecord { header, credential } = record;
    let id = header.id.trim().to_owned();
    if id.is_empty() {
        return Err(RecordFailure {
            upstream_id: None,
            reason: format!("{position}: `id` is empty"),
        });
    }
    let mut credential = credential;
    normalize_credential(&mut credential);
    if !header.deleted && credential.title.is_empty() {
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
        deleted: header.deleted,
        credential,
        payload_hash: PayloadHash::of(bytes),
        via: header
            .provenance
            .as_ref()
            .map(UpstreamProvenance::hops)
            .unwrap_or_default(),
    })
}

/// Applies the shared rules to text that arrived already in the canonical shape: HTML
/// descriptions sanitised with a plain-text copy, mojibake flagged.
fn normalize_credential(credential: &mut Credential) {
    let mut html_descriptions = Vec::new();
    for (lang, text) in credential.description.0.iter_mut() {
        let (plain, html) = normalize::description(text);
        let plain = model::collapse_whitespace(&plain);
        // Text that is empty once the markup is gone stays as published.
        if !plain.is_empty() {
            *text = plain;
        }
        if let Some(html) = html {
            html_descriptions.push((lang.clone(), html));
        }
    }
    credential.description_html.0.extend(html_descriptions);
    for (_, html) in credential.description_html.0.iter_mut() {
        *html = normalize::sanitize_html(html);
    }
    // Each text on its own reads as the texts joined: no sign spans two of them.
    let mojibake = credential
        .title
        .0
        .values()
        .chain(credential.description.0.values())
        .any(|text| normalize::looks_like_mojibake(text));
    if mojibake {
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
    fn a_record_wrapped_in_xml_reads_with_its_hops() {
        let doc = format!(
            r#"<ch:record xmlns:ch="{XML_NAMESPACE}">{{"id":"demo-tu.0123","title":{{"en":"A &amp; B &lt;3"}},"provenance":{{"clearinghouse":"ch.example","record_id":"demo-tu.0123","source_id":"demo-tu","upstream_id":"DS-1","via":["oai:older:x.1 (source x, upstream id 1)"]}}}}</ch:record>"#
        );
        let record = parse(doc.as_bytes()).unwrap().remove(0).unwrap();
        assert_eq!(record.credential.title.best(&[]), Some("A & B <3"));
        assert_eq!(
            record.via,
            [
                "oai:older:x.1 (source x, upstream id 1)",
                "oai:ch.example:demo-tu.0123 (source demo-tu, upstream id DS-1)"
            ]
        );
        let cdata = format!(
            r#"<record xmlns="{XML_NAMESPACE}"><![CDATA[{{"id":"x","title":{{"en":"X"}}}}]]></record>"#
        );
        let record = parse(cdata.as_bytes()).unwrap().remove(0).unwrap();
        assert!(record.via.is_empty());
        assert!(parse(b"<record>{}</record>").is_err(), "wrong namespace");
        assert!(parse(b"<ch:record xmlns:ch=\"x\">").is_err());
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
