//! A document is measured before it is read: the limits of [`ParseLimits`] applied to a
//! feed's bytes in one streaming pass that keeps nothing but counters, so that what a
//! format's parser builds afterwards (a `serde_json::Value`, an XML element tree, the
//! records of the document) is bounded by the configuration, not by the feed.
//!
//! The pass estimates the memory of the tree the parser will build (each JSON value, map
//! entry, XML element, attribute and text node at its size in memory, plus its text) and
//! counts the items of every list, the nesting depth and the length of every text. A
//! document over any limit fails as a whole with [`FormatError::OverLimit`], which names
//! the limit and its configuration key; the harvest of that page fails, the rest of the
//! source's records and every other source are untouched.
//!
//! Within a record, lists longer than [`ParseLimits::max_items_per_record`] are cut by
//! [`cut_long_lists`], and the cut is recorded as an issue of the record, which the
//! publisher sees in the conformance report.

use std::cell::RefCell;
use std::fmt;

use model::{Credential, Issue, ParseLimits};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::FormatError;

/// Which limit a document went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`ParseLimits::max_parse_memory_bytes`].
    Memory,
    /// [`ParseLimits::max_list_items`].
    ListItems,
    /// [`ParseLimits::max_nesting_depth`].
    Depth,
    /// [`ParseLimits::max_text_bytes`].
    Text,
}

impl Limit {
    /// The configuration key that sets it.
    pub fn key(self) -> &'static str {
        match self {
            Limit::Memory => "harvest.max_parse_memory_bytes",
            Limit::ListItems => "harvest.max_list_items",
            Limit::Depth => "harvest.max_nesting_depth",
            Limit::Text => "harvest.max_text_bytes",
        }
    }

    /// The error of a document over this limit, in words a publisher and an operator can
    /// act on.
    pub(crate) fn error(self, limits: &ParseLimits) -> FormatError {
        let message = match self {
            Limit::Memory => format!(
                "the document would take more than {} MiB of memory to read; publish it \
                 in smaller documents or pages",
                limits.max_parse_memory_bytes / (1024 * 1024)
            ),
            Limit::ListItems => format!(
                "a list in the document holds more than {} items (records, array items or \
                 child elements); publish it in smaller documents or pages",
                limits.max_list_items
            ),
            Limit::Depth => format!(
                "the document nests more than {} levels deep; no credential format needs \
                 this, check how the feed is generated",
                limits.max_nesting_depth
            ),
            Limit::Text => format!(
                "a text in the document is longer than {} bytes; publish long texts as a \
                 link instead",
                limits.max_text_bytes
            ),
        };
        FormatError::OverLimit {
            limit: self.key(),
            message,
        }
    }
}

/// Bytes charged for one JSON value: its `serde_json::Value`.
const JSON_VALUE_BYTES: u64 = std::mem::size_of::<serde_json::Value>() as u64;
/// Bytes charged for one member of a JSON object besides its value and its name's text:
/// the name's `String` and the map's share of a node.
const JSON_MEMBER_BYTES: u64 = std::mem::size_of::<String>() as u64 + 16;
/// Bytes charged for one XML element or text node: its node in the tree.
const XML_NODE_BYTES: u64 = std::mem::size_of::<super::xml::Node>() as u64;
/// Bytes charged for one XML attribute besides its texts.
const XML_ATTRIBUTE_BYTES: u64 = std::mem::size_of::<super::xml::Attribute>() as u64;

/// What the streaming pass keeps: counters only.
struct Meter<'l> {
    limits: &'l ParseLimits,
    memory_bytes: u64,
    exceeded: Option<Limit>,
}

impl Meter<'_> {
    fn charge(&mut self, bytes: u64) -> Result<(), Limit> {
        self.memory_bytes = self.memory_bytes.saturating_add(bytes);
        if self.memory_bytes > self.limits.max_parse_memory_bytes {
            return Err(Limit::Memory);
        }
        Ok(())
    }

    fn text(&mut self, len: usize) -> Result<(), Limit> {
        if len > self.limits.max_text_bytes {
            return Err(Limit::Text);
        }
        self.charge(len as u64)
    }
}

/// How a JSON document measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonShape {
    /// One well-formed value within the limits.
    OneValue,
    /// Not one well-formed value (broken, or several values such as JSON Lines): the
    /// parser reads and reports it; what was measured before the break was within the
    /// limits.
    NotOneValue,
}

/// Measures a JSON document against `limits` without building it.
pub fn check_json(bytes: &[u8], limits: &ParseLimits) -> Result<JsonShape, FormatError> {
    let meter = RefCell::new(Meter {
        limits,
        memory_bytes: 0,
        exceeded: None,
    });
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let walked = JsonWalk {
        meter: &meter,
        depth: 0,
    }
    .deserialize(&mut deserializer)
    .and_then(|()| deserializer.end());
    if let Some(limit) = meter.into_inner().exceeded {
        return Err(limit.error(limits));
    }
    Ok(match walked {
        Ok(()) => JsonShape::OneValue,
        Err(_) => JsonShape::NotOneValue,
    })
}

/// One JSON value at `depth`, visited with the shared meter.
struct JsonWalk<'m, 'l> {
    meter: &'m RefCell<Meter<'l>>,
    depth: usize,
}

impl JsonWalk<'_, '_> {
    fn fail<E: de::Error>(&self, limit: Limit) -> E {
        self.meter.borrow_mut().exceeded = Some(limit);
        E::custom(format_args!("over {}", limit.key()))
    }

    fn charge<E: de::Error>(&self, bytes: u64) -> Result<(), E> {
        let charged = self.meter.borrow_mut().charge(bytes);
        charged.map_err(|limit| self.fail(limit))
    }

    fn text<E: de::Error>(&self, len: usize) -> Result<(), E> {
        let charged = self.meter.borrow_mut().text(len);
        charged.map_err(|limit| self.fail(limit))
    }

    fn enter<E: de::Error>(&self) -> Result<usize, E> {
        let depth = self.depth + 1;
        if depth > self.meter.borrow().limits.max_nesting_depth {
            return Err(self.fail(Limit::Depth));
        }
        Ok(depth)
    }

    fn count<E: de::Error>(&self, items: &mut usize) -> Result<(), E> {
        *items += 1;
        if *items > self.meter.borrow().limits.max_list_items {
            return Err(self.fail(Limit::ListItems));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for JsonWalk<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonWalk<'_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.charge(JSON_VALUE_BYTES)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.charge(JSON_VALUE_BYTES)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.charge(JSON_VALUE_BYTES)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.charge(JSON_VALUE_BYTES)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.charge(JSON_VALUE_BYTES)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.text(text.len())?;
        self.charge(JSON_VALUE_BYTES)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let depth = self.enter()?;
        self.charge(JSON_VALUE_BYTES)?;
        let mut items = 0;
        while seq
            .next_element_seed(JsonWalk {
                meter: self.meter,
                depth,
            })?
            .is_some()
        {
            self.count(&mut items)?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let depth = self.enter()?;
        self.charge(JSON_VALUE_BYTES)?;
        let mut items = 0;
        while map
            .next_key_seed(JsonName {
                walk: JsonWalk {
                    meter: self.meter,
                    depth,
                },
            })?
            .is_some()
        {
            self.count(&mut items)?;
            map.next_value_seed(JsonWalk {
                meter: self.meter,
                depth,
            })?;
        }
        Ok(())
    }
}

/// The name of a JSON object's member.
struct JsonName<'m, 'l> {
    walk: JsonWalk<'m, 'l>,
}

impl<'de> DeserializeSeed<'de> for JsonName<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for JsonName<'_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<(), E> {
        self.walk.text(name.len())?;
        self.walk.charge(JSON_MEMBER_BYTES)
    }
}

/// Measures an XML document against `limits` without building it. A broken document is
/// not reported here (the parser reads and reports it); what was measured before the
/// break was within the limits.
pub fn check_xml(bytes: &[u8], limits: &ParseLimits) -> Result<(), FormatError> {
    let mut meter = Meter {
        limits,
        memory_bytes: 0,
        exceeded: None,
    };
    measure_xml(bytes, &mut meter).map_err(|limit| limit.error(limits))
}

fn measure_xml(bytes: &[u8], meter: &mut Meter<'_>) -> Result<(), Limit> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().expand_empty_elements = false;
    // Child counts of the open elements, innermost last.
    let mut children: Vec<usize> = Vec::new();
    let limits = meter.limits;
    let add_child = |children: &mut Vec<usize>| -> Result<(), Limit> {
        if let Some(count) = children.last_mut() {
            *count += 1;
            if *count > limits.max_list_items {
                return Err(Limit::ListItems);
            }
        }
        Ok(())
    };
    loop {
        let Ok(event) = reader.read_event() else {
            return Ok(());
        };
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                add_child(&mut children)?;
                let name_len = start.name().as_ref().len();
                // The namespace URI is copied into every element: charged at the length
                // of a long one.
                meter.charge(XML_NODE_BYTES + 2 * name_len as u64 + 64)?;
                for attribute in start.attributes().flatten() {
                    meter.text(attribute.value.len())?;
                    meter.charge(XML_ATTRIBUTE_BYTES + attribute.key.as_ref().len() as u64)?;
                }
                if matches!(event, Event::Start(_)) {
                    if children.len() >= limits.max_nesting_depth {
                        return Err(Limit::Depth);
                    }
                    children.push(0);
                }
            }
            Event::End(_) => {
                children.pop();
            }
            Event::Text(text) => {
                add_child(&mut children)?;
                meter.text(text.len())?;
                meter.charge(XML_NODE_BYTES)?;
            }
            Event::CData(text) => {
                add_child(&mut children)?;
                meter.text(text.len())?;
                meter.charge(XML_NODE_BYTES)?;
            }
            Event::GeneralRef(_) => {
                add_child(&mut children)?;
                meter.charge(XML_NODE_BYTES)?;
            }
            Event::Eof => return Ok(()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

/// Cuts every list of `credential` longer than `max_items` to its first `max_items`
/// items, as published, and records each cut as an issue of the record.
pub fn cut_long_lists(credential: &mut Credential, max_items: usize) {
    let mut cuts: Vec<(&'static str, usize)> = Vec::new();
    let mut cut = |name: &'static str, len: usize| -> bool {
        if len > max_items {
            cuts.push((name, len));
            return true;
        }
        false
    };
    macro_rules! cut_list {
        ($($field:ident => $name:literal),* $(,)?) => {
            $(if cut($name, credential.$field.len()) {
                credential.$field.truncate(max_items);
            })*
        };
    }
    cut_list!(
        learning_outcomes => "learning outcomes",
        participation => "forms of participation",
        languages => "languages",
        isced_fields => "ISCED-F fields",
        skills => "skills",
        keywords => "keywords",
        identifiers => "identifiers",
        offers => "offers",
        contains => "contained records",
    );
    if cut(
        "awarding body identifiers",
        credential.awarding_body.identifiers.len(),
    ) {
        credential.awarding_body.identifiers.truncate(max_items);
    }
    for offer in &mut credential.offers {
        if cut("languages of an offer", offer.languages.len()) {
            offer.languages.truncate(max_items);
        }
    }
    if cut("issues", credential.issues.len()) {
        credential.issues.truncate(max_items);
    }
    for (name, len) in cuts {
        credential.issues.push(Issue::note(format!(
            "{len} {name} published; only the first {max_items} are kept \
             (harvest.max_items_per_record): publish fewer, or split the record"
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> ParseLimits {
        ParseLimits {
            max_parse_memory_bytes: 1024 * 1024,
            max_list_items: 100,
            max_nesting_depth: 8,
            max_text_bytes: 1000,
            max_items_per_record: 3,
        }
    }

    fn json_limit(document: &str) -> Option<&'static str> {
        match check_json(document.as_bytes(), &small()) {
            Ok(_) => None,
            Err(FormatError::OverLimit { limit, .. }) => Some(limit),
            Err(other) => panic!("{other}"),
        }
    }

    fn xml_limit(document: &str) -> Option<&'static str> {
        match check_xml(document.as_bytes(), &small()) {
            Ok(()) => None,
            Err(FormatError::OverLimit { limit, .. }) => Some(limit),
            Err(other) => panic!("{other}"),
        }
    }

    fn zeros(n: usize) -> String {
        format!("[{}]", vec!["0"; n].join(","))
    }

    #[test]
    fn json_within_limits_measures_its_shape() {
        let record = r#"{"id":"a","title":{"en":"Data literacy"},"learning_outcomes":[]}"#;
        assert_eq!(
            check_json(record.as_bytes(), &small()).unwrap(),
            JsonShape::OneValue
        );
        let lines = format!("{record}\n{record}\n");
        assert_eq!(
            check_json(lines.as_bytes(), &small()).unwrap(),
            JsonShape::NotOneValue
        );
        assert_eq!(
            check_json(b"[1, 2,", &small()).unwrap(),
            JsonShape::NotOneValue
        );
    }

    #[test]
    fn json_limits_each_name_their_key() {
        // Each limit, just within and just over.
        for (within, over, key) in [
            (zeros(100), zeros(101), "harvest.max_list_items"),
            (
                format!("{}{}", "[".repeat(8), "]".repeat(8)),
                format!("{}{}", "[".repeat(9), "]".repeat(9)),
                "harvest.max_nesting_depth",
            ),
            (
                format!("\"{}\"", "x".repeat(1000)),
                format!("\"{}\"", "x".repeat(1001)),
                "harvest.max_text_bytes",
            ),
            (
                format!("{{\"{}\":1}}", "k".repeat(1000)),
                format!("{{\"{}\":1}}", "k".repeat(1001)),
                "harvest.max_text_bytes",
            ),
        ] {
            assert_eq!(json_limit(&within), None, "{key}");
            assert_eq!(json_limit(&over), Some(key));
        }
        // An object's members count as a list's items.
        let members: Vec<String> = (0..101).map(|i| format!("\"k{i}\":0")).collect();
        assert_eq!(
            json_limit(&format!("{{{}}}", members.join(","))),
            Some("harvest.max_list_items")
        );
    }

    #[test]
    fn json_memory_is_estimated_from_the_values_built() {
        // 100 arrays of 100 strings of 100 bytes: each list and text within its limit,
        // the whole over 1 MiB once built (10,000 values of 32 bytes and their text).
        let text = format!("\"{}\"", "x".repeat(100));
        let strings = format!("[{}]", vec![text.as_str(); 100].join(","));
        let document = format!("[{}]", vec![strings.as_str(); 100].join(","));
        assert_eq!(
            json_limit(&document),
            Some("harvest.max_parse_memory_bytes")
        );
        let document = format!("[{}]", [strings.as_str(); 10].join(","));
        assert_eq!(json_limit(&document), None);
    }

    #[test]
    fn xml_limits_each_name_their_key() {
        let children = |n: usize| format!("<a>{}</a>", "<b/>".repeat(n));
        assert_eq!(xml_limit(&children(100)), None);
        assert_eq!(xml_limit(&children(101)), Some("harvest.max_list_items"));
        let nested = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        assert_eq!(xml_limit(&nested(8)), None);
        assert_eq!(xml_limit(&nested(9)), Some("harvest.max_nesting_depth"));
        let text = |n: usize| format!("<a>{}</a>", "x".repeat(n));
        assert_eq!(xml_limit(&text(1000)), None);
        assert_eq!(xml_limit(&text(1001)), Some("harvest.max_text_bytes"));
        let cdata = format!("<a><![CDATA[{}]]></a>", "x".repeat(1001));
        assert_eq!(xml_limit(&cdata), Some("harvest.max_text_bytes"));
        let attribute = format!("<a b=\"{}\"/>", "x".repeat(1001));
        assert_eq!(xml_limit(&attribute), Some("harvest.max_text_bytes"));
        // 100 elements of 100 children each: every list within its limit, the tree over
        // 1 MiB.
        let wide = format!("<r>{}</r>", children(100).repeat(99));
        assert_eq!(xml_limit(&wide), Some("harvest.max_parse_memory_bytes"));
        assert_eq!(
            xml_limit(&format!("<r>{}</r>", children(50).repeat(10))),
            None
        );
    }

    #[test]
    fn the_error_says_which_limit_and_what_to_do() {
        let err = check_json(zeros(101).as_bytes(), &small()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "over the reading limit harvest.max_list_items: a list in the document holds \
             more than 100 items (records, array items or child elements); publish it in \
             smaller documents or pages"
        );
    }

    #[test]
    fn long_lists_are_cut_with_an_issue() {
        let mut credential = Credential {
            learning_outcomes: (0..5)
                .map(|i| model::LearningOutcome {
                    text: model::LangText::single("en", &format!("Outcome {i}")),
                    skill_uri: None,
                })
                .collect(),
            keywords: vec!["a".to_owned(); 3],
            skills: vec!["s".to_owned(); 4],
            ..Credential::default()
        };
        cut_long_lists(&mut credential, 3);
        assert_eq!(credential.learning_outcomes.len(), 3);
        assert_eq!(
            credential.learning_outcomes[2].text.best(&[]),
            Some("Outcome 2"),
            "the first ones, as published, are kept"
        );
        assert_eq!(credential.keywords.len(), 3, "a list at the limit is kept");
        assert_eq!(credential.skills.len(), 3);
        let messages: Vec<&str> = credential
            .issues
            .iter()
            .map(|issue| issue.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "5 learning outcomes published; only the first 3 are kept \
                 (harvest.max_items_per_record): publish fewer, or split the record",
                "4 skills published; only the first 3 are kept \
                 (harvest.max_items_per_record): publish fewer, or split the record",
            ]
        );
    }
}
