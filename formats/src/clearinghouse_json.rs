//! `clearinghouse-json`: the clearinghouse's own feed format, for institutions without a
//! standard export, and the rich format of our OAI-PMH provider.
//!
//! A document is a JSON array of records, one record object, or JSON Lines (one record
//! per line). A record is the canonical model ([`model::Credential`]) with an `id` (the
//! publisher's identifier) and optionally `modified` and `deleted`. The JSON Schema is
//! `docs/clearinghouse-json.schema.json`; `demo/feeds/` holds examples.
//!
//! A value that cannot be read costs its element, not the record: a record strict reading
//! refuses is read again element by element ([`lenient`]), and what cannot be read there
//! becomes an issue naming the field (`credits.value: credits must be a number of ECTS,
//! e.g. 5; got "five"`). Only a record with no identifier or no title, or one that is not
//! valid JSON, fails, with a reason in words.
//!
//! Served by another clearinghouse over OAI-PMH, a record arrives as the text of one
//! `<ch:record>` element in [`XML_NAMESPACE`] and carries an [`UpstreamProvenance`]: the
//! wrapper is unpacked here, and the hops it names become the record's `via`.

use model::{Credential, ParseLimits, PayloadHash};
use serde::{Deserialize, Serialize};

use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::limits::{self, JsonShape};
use crate::normalize;

mod lenient;

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

/// Reads one record. Strict reading (serde straight into the model) reads a well-formed
/// record at full speed; a record it refuses for a value of an unexpected type is read
/// again element by element ([`lenient`]), so that the value costs its element, not the
/// record. A record that is not valid JSON (a broken line of JSON Lines) fails, in words.
fn read_record(bytes: &[u8], position: &str) -> Result<ParsedRecord, RecordFailure> {
    let record = match FeedRecord::from_slice(bytes) {
        Ok(record) => record,
        // Strict reading's error says little: a value of an unexpected type is sometimes
        // a syntax error to it (a number where an enum is expected). Whether the record
        // is valid JSON is what decides. The bytes were measured against the limits before
        // this record was read, so the tree built here is bounded as the document is.
        Err(_) => match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(value) => lenient::read(&value, position)?,
            Err(err) => return Err(broken_record(bytes, position, &err)),
        },
    };
    finish_record(record, bytes, position)
}

/// The failure of a record that is not valid JSON: where and what, in words, with its
/// `id` when that came before the break.
fn broken_record(bytes: &[u8], position: &str, err: &serde_json::Error) -> RecordFailure {
    let reason = if err.is_eof() {
        format!(
            "{position} is not a complete JSON object (it ends too early); a record must be \
             one whole object, on one line in JSON Lines"
        )
    } else {
        format!(
            "{position} is not valid JSON: {} (column {})",
            json_syntax_in_words(err),
            err.column()
        )
    };
    RecordFailure {
        upstream_id: id_before_break(bytes),
        reason,
    }
}

/// What is wrong with JSON that does not parse, in the words of someone writing it rather
/// than the parser's.
fn json_syntax_in_words(err: &serde_json::Error) -> &'static str {
    let said = err.to_string();
    let found = [
        (
            "expected value",
            "a value is missing, or is not JSON (text must be in double quotes)",
        ),
        (
            "expected ident",
            "a word outside double quotes (only true, false and null can be)",
        ),
        ("expected `:`", "a member name is not followed by a colon"),
        (
            "expected `,` or `}`",
            "a comma or a closing brace is missing after a member",
        ),
        (
            "expected `,` or `]`",
            "a comma or a closing bracket is missing after an item",
        ),
        (
            "key must be a string",
            "a member name is not in double quotes",
        ),
        (
            "trailing comma",
            "a comma stands before a closing bracket or brace",
        ),
        (
            "trailing characters",
            "something follows the end of the record (a line holds one record)",
        ),
        (
            "control character",
            "a text holds a raw line break or control character (write \\n)",
        ),
        (
            "invalid escape",
            "a text holds a backslash that starts no escape (write \\\\)",
        ),
        ("invalid unicode", "a text holds a broken \\u escape"),
        ("lone leading surrogate", "a text holds a broken \\u escape"),
        ("unexpected end of hex", "a text holds a broken \\u escape"),
        (
            "invalid number",
            "a number is not written as JSON writes numbers (e.g. 7.5)",
        ),
        ("number out of range", "a number is too large"),
        ("recursion limit", "the record nests too deeply"),
    ]
    .into_iter()
    .find(|(parser_said, _)| said.starts_with(parser_said));
    found.map_or("the text is not JSON", |(_, words)| words)
}

/// The `id` of a record that is not valid JSON, when it is a top-level member that comes
/// before the break; nothing of the record is built but that text.
fn id_before_break(bytes: &[u8]) -> Option<String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    use std::cell::RefCell;

    struct IdSeeker<'a>(&'a RefCell<Option<String>>);

    impl<'de> Visitor<'de> for IdSeeker<'_> {
        type Value = ();

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a record")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "id" {
                    let id: String = map.next_value()?;
                    *self.0.borrow_mut() = Some(id);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }

    let found = RefCell::new(None);
    // The break stops the walk; what was found before it stays found.
    let _ = serde_json::Deserializer::from_slice(bytes).deserialize_map(IdSeeker(&found));
    found
        .into_inner()
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
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
            reason: format!(
                "{position}: `id` is empty; every record needs the publisher's identifier of \
                 the offer, e.g. \"id\": \"CS-101\""
            ),
        });
    }
    let mut credential = credential;
    normalize_credential(&mut credential);
    if !header.deleted && credential.title.is_empty() {
        // A title that was published but could not be read says why.
        let unreadable = credential
            .issues
            .iter()
            .find(|issue| issue.element == Some(model::AnnexElement::Title));
        let reason = match unreadable {
            Some(issue) => format!(
                "{position}: `title` cannot be read ({}); a record needs a title in at least \
                 one language",
                issue.message
            ),
            None => format!(
                "{position}: `title` is missing; a record needs a title in at least one \
                 language, e.g. \"title\": {{\"en\": \"Data literacy\"}}"
            ),
        };
        return Err(RecordFailure {
            upstream_id: Some(id),
            reason,
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
    // The record-level rules every format applies (duplicates, the offers' forms of
    // participation, dates out of order, mojibake).
    normalize::finish_credential(credential);
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_record_level_rules_of_every_format_apply() {
        let doc = br#"[{"id": "a", "title": {"en": "Robotics"},
            "languages": ["en", "en"],
            "offers": [{"participation": "online", "start": "2027-03-01", "end": "2027-02-01"}]}]"#;
        let records = parse(doc).unwrap();
        let record = records[0].as_ref().unwrap();
        let credential = &record.credential;
        assert_eq!(
            credential.participation,
            [model::Participation::Online],
            "an offer's form of participation is the record's too"
        );
        assert_eq!(credential.languages.len(), 1, "duplicates dropped");
        assert!(
            credential
                .issues
                .iter()
                .any(|issue| issue.message.contains("ends (2027-02-01) before it starts")),
            "{:?}",
            credential.issues
        );
    }
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

    /// The one record of `json`, read.
    fn read_one(json: &str) -> Result<ParsedRecord, RecordFailure> {
        parse(json.as_bytes()).unwrap().remove(0)
    }

    /// A record with a title and the members `extra` (`"name": value, ...`).
    fn record_with(extra: &str) -> String {
        format!(r#"{{"id": "CS-101", "title": {{"en": "Data literacy"}}, {extra}}}"#)
    }

    #[test]
    fn bad_records_fail_alone() {
        let array = br#"[{"id":"ok","title":{"en":"Fine"}},
                         {"id":"bad-level","title":{"en":"X"},"eqf_level":9},
                         {"title":{"en":"no id"}},
                         {"id":"no-title"}]"#;
        let records = parse(array).unwrap();
        assert!(records[0].is_ok());
        // An unreadable EQF level costs the level, not the record.
        let kept = records[1].as_ref().unwrap();
        assert_eq!(kept.upstream_id, "bad-level");
        assert_eq!(kept.credential.eqf_level, None);
        let failure = records[2].as_ref().unwrap_err();
        assert!(failure.reason.starts_with("record 3: `id`"), "{failure:?}");
        let failure = records[3].as_ref().unwrap_err();
        assert_eq!(failure.upstream_id.as_deref(), Some("no-title"));
        assert!(failure.reason.contains("title"), "{failure:?}");
        let lines = b"{\"id\":\"a\",\"title\":{\"en\":\"A\"}}\n{broken\n";
        let records = parse(lines).unwrap();
        assert!(records[0].is_ok());
        assert!(records[1].as_ref().unwrap_err().reason.contains("line 2"));
        assert!(parse(b"[{\"id\":").is_err());
        assert!(parse(b"<xml/>").is_err());
    }

    /// Item 2 of issue 26: each value that cannot be read becomes an issue on its element,
    /// naming the field by its path, saying what was expected and quoting what was got;
    /// the record is kept, with everything else it states.
    #[test]
    fn an_unreadable_value_costs_its_element_not_the_record() {
        use model::AnnexElement::{Country, EqfLevel, LearningOutcomes, Participation, Workload};
        for (members, element, message) in [
            (
                r#""credits": {"value": "five", "scheme": "ects"}"#,
                Some(Workload),
                r#"credits.value: credits must be a number of ECTS, e.g. 5; got "five""#,
            ),
            (
                r#""credits": {"value": "S91ZbAwnQrf", "scheme": "other", "name": "SCQF"}"#,
                Some(Workload),
                r#"credits.value: credits must be a number, e.g. 5; got "S91ZbAwnQrf""#,
            ),
            (
                r#""credits": {"scheme": "ects"}"#,
                Some(Workload),
                r#"credits.value is missing; credits need a number, e.g. {"value": 5, "scheme": "ects"}"#,
            ),
            (
                r#""workload_hours": "lots""#,
                Some(Workload),
                r#"workload_hours: hours must be a number of hours, e.g. 150; got "lots""#,
            ),
            (
                r#""eqf_level": 9"#,
                Some(EqfLevel),
                "eqf_level: the EQF level must be a whole number from 1 to 8, e.g. 6; got 9",
            ),
            (
                r#""eqf_level": "six""#,
                Some(EqfLevel),
                r#"eqf_level: the EQF level must be a whole number from 1 to 8, e.g. 6; got "six""#,
            ),
            (
                r#""learning_outcomes": [{"text": {"en": "Clean data"}}, {"text": {"en": "Plot data"}}, {"text": 5}]"#,
                Some(LearningOutcomes),
                r#"learning_outcomes[2].text: text must be given by language, e.g. {"en": "Data literacy"}; got 5"#,
            ),
            (
                r#""awarding_body": {"name": {"fr": "Université Démo"}, "country": "Germany"}"#,
                Some(Country),
                r#"awarding_body.country: the country must be an ISO 3166-1 code, e.g. "DE"; got "Germany""#,
            ),
            (
                r#""participation": ["online", "whenever"]"#,
                Some(Participation),
                r#"participation[1]: the form of participation must be online, on-site or blended; got "whenever""#,
            ),
            (
                r#""offers": [{"start": "2027-02-01"}, {"start": "next autumn", "end": "2027-05-31"}]"#,
                None,
                r#"offers[1].start: a date must be written as 2027-02-01; got "next autumn"; left out"#,
            ),
            (
                r#""languages": ["fr", "English"]"#,
                None,
                r#"languages[1]: a language must be a BCP 47 tag, e.g. "en" or "de-AT"; got "English"; left out"#,
            ),
            (
                r#""kind": 7"#,
                None,
                "kind: the kind must be one of course, module, programme, micro-credential, \
                 badge, qualification; got 7; read as course",
            ),
        ] {
            let record = read_one(&record_with(members))
                .unwrap_or_else(|failure| panic!("{members}: refused: {failure:?}"));
            assert_eq!(record.upstream_id, "CS-101", "{members}");
            assert_eq!(
                record.credential.title.best(&[]),
                Some("Data literacy"),
                "{members}"
            );
            assert_eq!(
                record.credential.issues,
                [model::Issue {
                    element,
                    message: message.to_owned()
                }],
                "{members}"
            );
        }
    }

    /// What is readable beside an unreadable value is kept, read as strict reading reads it.
    #[test]
    fn the_rest_of_a_record_with_an_unreadable_value_is_kept() {
        let record = read_one(&record_with(
            r#""credits": {"value": "five", "scheme": "ects"}, "eqf_level": 6,
               "learning_outcomes": [{"text": {"en": "Clean data"}}, {"text": 5}],
               "offers": [{"start": "2027-02-01", "participation": "online"}, {"start": "soon"}],
               "isced_fields": ["0613", 541], "modified": "2026-01-05""#,
        ))
        .unwrap();
        let c = &record.credential;
        assert_eq!(c.credits, None);
        assert_eq!(c.eqf_level.map(model::EqfLevel::get), Some(6));
        assert_eq!(c.learning_outcomes.len(), 1);
        assert_eq!(
            c.offers[0].start,
            chrono::NaiveDate::from_ymd_opt(2027, 2, 1)
        );
        assert_eq!(
            c.offers[0].participation,
            Some(model::Participation::Online)
        );
        assert_eq!(c.offers[1].start, None);
        // A code that lost its leading zero in a numeric export gets it back.
        let fields: Vec<&str> = c.isced_fields.iter().map(|code| code.as_str()).collect();
        assert_eq!(fields, ["0613", "0541"]);
        assert_eq!(
            record.datestamp.as_deref(),
            Some("2026-01-05T00:00:00+00:00")
        );
        let report = crate::conformance::RecordReport::new(&record.upstream_id, c);
        assert_eq!(
            report.status(model::AnnexElement::Workload),
            Some(crate::conformance::ElementStatus::Unreadable)
        );
        assert_eq!(
            report.status(model::AnnexElement::LearningOutcomes),
            Some(crate::conformance::ElementStatus::Present)
        );
    }

    /// Numbers with a unit word are read as `docs/normalisation.md` says.
    #[test]
    fn numbers_with_a_unit_word_are_read() {
        for (members, ects) in [
            (
                r#""credits": {"value": "5 ECTS", "scheme": "ects"}"#,
                Some(5.0),
            ),
            (
                r#""credits": {"value": "5,0 ECTS", "scheme": "ects"}"#,
                Some(5.0),
            ),
            (
                r#""credits": {"value": "ECTS: 7.5", "scheme": "ects"}"#,
                Some(7.5),
            ),
            // No scheme stated: the unit word names it.
            (r#""credits": {"value": "5 ECTS"}"#, Some(5.0)),
            (r#""credits": "2,5 ECTS""#, Some(2.5)),
            // Without a unit, credits are never guessed to be ECTS.
            (r#""credits": {"value": "2,5"}"#, None),
        ] {
            let record = read_one(&record_with(members)).unwrap();
            let c = &record.credential;
            assert_eq!(c.ects(), ects, "{members}");
            assert!(c.credits.is_some(), "{members}");
            assert!(c.issues.is_empty(), "{members}: {:?}", c.issues);
        }
        for (members, hours) in [
            (r#""workload_hours": "150 h""#, 150.0),
            (r#""workload_hours": "150 hours""#, 150.0),
            (r#""workload_hours": "37,5""#, 37.5),
        ] {
            let record = read_one(&record_with(members)).unwrap();
            assert_eq!(record.credential.workload_hours, Some(hours), "{members}");
            assert!(record.credential.issues.is_empty(), "{members}");
        }
        for level in [
            r#""EQF 6""#,
            r#""6""#,
            r#""http://data.europa.eu/snb/eqf/6""#,
            "6.0",
        ] {
            let record = read_one(&record_with(&format!(r#""eqf_level": {level}"#))).unwrap();
            assert_eq!(
                record.credential.eqf_level.map(model::EqfLevel::get),
                Some(6),
                "{level}"
            );
        }
    }

    /// Only a record with no identifier or no title is refused, and its reason names the
    /// field and says what to do.
    #[test]
    fn a_refused_record_names_the_field_and_says_what_to_do() {
        for (record, upstream_id, reason) in [
            (
                r#"{"title": {"en": "Data literacy"}, "eqf_level": "six"}"#,
                None,
                r#"record 1: `id` is missing; every record needs the publisher's identifier of the offer, e.g. "id": "CS-101""#,
            ),
            (
                r#"{"id": "  ", "title": {"en": "Data literacy"}}"#,
                None,
                r#"record 1: `id` is empty; every record needs the publisher's identifier of the offer, e.g. "id": "CS-101""#,
            ),
            (
                r#"{"id": true, "title": {"en": "Data literacy"}}"#,
                None,
                r#"record 1: `id`: the identifier must be text, e.g. "id": "CS-101"; got true"#,
            ),
            (
                r#"{"id": "CS-101", "credits": {"value": "five"}}"#,
                Some("CS-101"),
                r#"record 1: `title` is missing; a record needs a title in at least one language, e.g. "title": {"en": "Data literacy"}"#,
            ),
            (
                r#"{"id": "CS-101", "title": 5}"#,
                Some("CS-101"),
                r#"record 1: `title` cannot be read (title: text must be given by language, e.g. {"en": "Data literacy"}; got 5); a record needs a title in at least one language"#,
            ),
            (
                "[1, 2]",
                None,
                r#"record 1 is not a record: a record is a JSON object such as {"id": "CS-101", "title": {"en": "Data literacy"}}; got 1"#,
            ),
        ] {
            let document = if record.starts_with('[') {
                record.to_owned()
            } else {
                format!("[{record}]")
            };
            let failure = parse(document.as_bytes()).unwrap().remove(0).unwrap_err();
            assert_eq!(
                (failure.upstream_id.as_deref(), failure.reason.as_str()),
                (upstream_id, reason),
                "{record}"
            );
        }
        // A number is an identifier too, and plain text a title (of unknown language).
        let record = read_one(r#"{"id": 42, "title": "Data literacy"}"#).unwrap();
        assert_eq!(record.upstream_id, "42");
        assert_eq!(record.credential.title.best(&[]), Some("Data literacy"));
        assert_eq!(record.credential.issues.len(), 1);
        // A withdrawn record needs no title.
        assert!(
            read_one(r#"{"id": "CS-101", "deleted": true}"#)
                .unwrap()
                .deleted
        );
    }

    /// A broken line of JSON Lines fails alone, named by its number and its fault in
    /// words, with its identifier when that came before the break.
    #[test]
    fn a_broken_json_line_fails_alone_in_words() {
        let lines = [
            r#"{"id": "a", "title": {"en": "A"}}"#,
            r#"{"id": "b", "title": {"en": "B"}, "credits": {"value": "five", "scheme": "ects"}}"#,
            "",
            r#"{"id": "d", "title": {"en": "D"}, "description": {"en": "cut off"#,
            r#"{id: "e", "title": {"en": "E"}}"#,
            r#"{"id": "f", "title": {"en": "F"}} {"id": "g"}"#,
            r#"{"id": "h", "title": {"en": "H"}}"#,
        ]
        .join("\n");
        let records = parse(lines.as_bytes()).unwrap();
        assert_eq!(records.len(), 6);
        let kept: Vec<&str> = records
            .iter()
            .flatten()
            .map(|record| record.upstream_id.as_str())
            .collect();
        assert_eq!(kept, ["a", "b", "h"]);
        let failures: Vec<(Option<&str>, &str)> = records
            .iter()
            .filter_map(|record| record.as_ref().err())
            .map(|failure| (failure.upstream_id.as_deref(), failure.reason.as_str()))
            .collect();
        assert_eq!(
            failures,
            [
                (
                    Some("d"),
                    "line 4 is not a complete JSON object (it ends too early); a record must \
                     be one whole object, on one line in JSON Lines"
                ),
                (
                    None,
                    "line 5 is not valid JSON: a member name is not in double quotes (column 2)"
                ),
                (
                    Some("f"),
                    "line 6 is not valid JSON: something follows the end of the record (a line \
                     holds one record) (column 35)"
                ),
            ]
        );
    }

    /// A record strict reading accepts reads the same element by element: the lenient
    /// path differs only where strict reading gives up.
    #[test]
    fn element_by_element_reading_agrees_with_strict_reading() {
        let dir = format!("{}/../demo/feeds", env!("CARGO_MANIFEST_DIR"));
        let tu = std::fs::read(format!("{dir}/demo-tu.json")).unwrap();
        let lyon = std::fs::read(format!("{dir}/demo-lyon.jsonl")).unwrap();
        let mut values: Vec<serde_json::Value> = serde_json::from_slice(&tu).unwrap();
        values.extend(
            lyon.split(|b| *b == b'\n')
                .filter(|line| !line.trim_ascii().is_empty())
                .map(|line| serde_json::from_slice(line).unwrap()),
        );
        assert!(values.len() > 60);
        for value in values {
            let bytes = serde_json::to_vec(&value).unwrap();
            let strict = FeedRecord::from_slice(&bytes).unwrap();
            let lenient = lenient::read(&value, "record").unwrap();
            assert_eq!(lenient.credential, strict.credential, "{value}");
            assert_eq!(lenient.header.id, strict.header.id);
            assert_eq!(lenient.header.deleted, strict.header.deleted);
            assert_eq!(lenient.header.provenance, strict.header.provenance);
        }
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
