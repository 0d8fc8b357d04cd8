//! A small, bounded element tree over quick-xml, shared by the XML formats.
//!
//! Feeds are read whole (the harvester caps their size, and `limits.rs` measures the tree
//! a document will make before it is built), so a tree is simpler to map than a stream of
//! events. Names are matched by local name and resolved namespace URI,
//! so documents that redeclare or rename prefixes read the same. Entities other than the
//! five predefined ones and character references are never expanded (no billion laughs,
//! no external entities); nesting deeper than [`MAX_DEPTH`] is refused.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::FormatError;

/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 256;

/// An element with its resolved name, attributes, children and byte span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// Namespace URI, empty when none.
    pub ns: String,
    /// Local name (without prefix).
    pub name: String,
    /// Attributes by local name (`xml:lang` is stored as `lang` with ns `xml`).
    pub attrs: Vec<Attribute>,
    /// Child elements and text, in order.
    pub children: Vec<Node>,
    /// Byte range of the whole element in the document.
    pub span: std::ops::Range<usize>,
}

/// One attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// Namespace URI (or `xml` for `xml:` attributes), empty when none.
    pub ns: String,
    /// Local name.
    pub name: String,
    /// Unescaped value.
    pub value: String,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A nested element.
    Element(Element),
    /// Character data (entities resolved, CDATA included).
    Text(String),
}

impl Element {
    /// The value of the attribute with this local name, in any namespace.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|attr| attr.name == name)
            .map(|attr| attr.value.as_str())
    }

    /// The `xml:lang` of this element, if set on it.
    pub fn lang(&self) -> Option<&str> {
        self.attrs
            .iter()
            .find(|attr| attr.name == "lang" && (attr.ns == "xml" || attr.ns.is_empty()))
            .map(|attr| attr.value.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// Child elements with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |element| element.name == name)
    }

    /// The first child element with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|element| element.name == name)
    }

    /// Every descendant (depth first, this element excluded) with this local name.
    pub fn descendants_named<'a>(&'a self, name: &'a str) -> Vec<&'a Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.elements().collect();
        stack.reverse();
        while let Some(element) = stack.pop() {
            if element.name == name {
                out.push(element);
            }
            let mut children: Vec<&Element> = element.elements().collect();
            children.reverse();
            stack.extend(children);
        }
        out
    }

    /// All text inside the element, descendants included, whitespace as in the document.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => {
                    let before = out.len();
                    element.collect_text(out);
                    if out.len() > before && !out.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
        }
    }

    /// The text of the first child with this local name, trimmed, if not empty.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|child| model::collapse_whitespace(&child.text()))
            .filter(|text| !text.is_empty())
    }
}

fn position_error(reader: &NsReader<&[u8]>, err: impl std::fmt::Display) -> FormatError {
    FormatError::Xml {
        position: reader.error_position(),
        message: err.to_string(),
    }
}

fn namespace_of(result: ResolveResult<'_>) -> String {
    match result {
        ResolveResult::Bound(ns) => ns.as_ref().to_owned(),
        _ => String::new(),
    }
}

fn open_element(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    span_start: usize,
) -> Result<Element, FormatError> {
    let (ns, local) = reader.resolver().resolve_element(start.name());
    let mut element = Element {
        ns: namespace_of(ns),
        name: local.as_ref().to_owned(),
        span: span_start..span_start,
        ..Element::default()
    };
    for attr in start.attributes() {
        let attr = attr.map_err(|err| position_error(reader, err))?;
        let key = attr.key;
        if key.as_namespace_binding().is_some() {
            continue;
        }
        let raw_name = key.as_ref();
        let (ns, local) = if let Some(local) = raw_name.strip_prefix("xml:") {
            ("xml".to_owned(), local.to_owned())
        } else {
            let (ns, local) = reader.resolver().resolve_attribute(key);
            (namespace_of(ns), local.as_ref().to_owned())
        };
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| position_error(reader, err))?
            .into_owned();
        element.attrs.push(Attribute {
            ns,
            name: local,
            value,
        });
    }
    Ok(element)
}

/// Reads a whole document into its root element. A UTF-8 byte order mark is skipped;
/// documents in other encodings must declare them (quick-xml decodes UTF-8 only, so they
/// fail with a clear error).
pub fn parse_document(bytes: &[u8]) -> Result<Element, FormatError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = NsReader::from_reader(bytes);
    reader.config_mut().expand_empty_elements = false;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let span_start = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|err| position_error(&reader, err))?;
        match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err(position_error(&reader, "content after the root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(position_error(
                        &reader,
                        format!("elements nested deeper than {MAX_DEPTH}"),
                    ));
                }
                let element = open_element(&reader, &start, span_start)?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let mut element = open_element(&reader, &start, span_start)?;
                element.span.end = reader.buffer_position() as usize;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None if root.is_none() => root = Some(element),
                    None => return Err(position_error(&reader, "content after the root element")),
                }
            }
            Event::End(_) => {
                let mut element = stack
                    .pop()
                    .ok_or_else(|| position_error(&reader, "closing tag without opening tag"))?;
                element.span.end = reader.buffer_position() as usize;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::Text(text) => {
                if let Some(parent) = stack.last_mut() {
                    let text = text.xml10_content();
                    push_text(parent, &text);
                }
            }
            Event::CData(data) => {
                if let Some(parent) = stack.last_mut() {
                    let text = data.xml10_content();
                    push_text(parent, &text);
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => {
                        let name = reference.xml10_content();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(text) => text.to_owned(),
                            None => {
                                return Err(position_error(
                                    &reader,
                                    format!(
                                        "entity &{name}; is not one of the five predefined \
                                         XML entities; custom and external entities are \
                                         never expanded"
                                    ),
                                ));
                            }
                        }
                    }
                    Err(err) => return Err(position_error(&reader, err)),
                };
                if let Some(parent) = stack.last_mut() {
                    push_text(parent, &resolved);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(FormatError::Xml {
            position: bytes.len() as u64,
            message: format!("document ends inside <{}>", stack[stack.len() - 1].name),
        });
    }
    root.ok_or(FormatError::Xml {
        position: 0,
        message: "the document has no root element".to_owned(),
    })
}

/// The resolved name and the text of a root element that holds nothing but text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootText {
    /// Namespace URI of the root, empty when none.
    pub ns: String,
    /// Local name of the root.
    pub name: String,
    /// Its text, the five predefined entities resolved.
    pub text: String,
}

/// Reads the root element's name and text without building a tree, for documents whose
/// root holds one text node (a JSON record in a wrapper element). `None` when the root
/// holds anything else (child elements, CDATA, comments, character references, carriage
/// returns, non-UTF-8 bytes) or the document is broken: [`parse_document`] reads those
/// and reports their errors. What this accepts, [`parse_document`] accepts with the same
/// text; like it, it never expands an entity other than the predefined ones.
pub fn root_text(bytes: &[u8]) -> Option<RootText> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = NsReader::from_reader(bytes);
    reader.config_mut().expand_empty_elements = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) => {
                if start.attributes().any(|attr| attr.is_err()) {
                    return None;
                }
                let (ns, local) = reader.resolver().resolve_element(start.name());
                let ns = namespace_of(ns);
                let name = local.as_ref().to_owned();
                let content_start = reader.buffer_position() as usize;
                let rest = bytes.get(content_start..)?;
                let text_len = rest.iter().position(|&b| b == b'<')?;
                let after = rest[text_len..]
                    .strip_prefix(b"</")?
                    .strip_prefix(start.name().as_ref().as_bytes())?;
                let after = after.trim_ascii_start().strip_prefix(b">")?;
                if !after.trim_ascii().is_empty() {
                    return None;
                }
                let text = unescape_predefined(&rest[..text_len])?;
                return Some(RootText { ns, name, text });
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            Event::Text(text) if text.trim_ascii().is_empty() => {}
            _ => return None,
        }
    }
}

/// Text with the five predefined entities resolved; `None` for anything else that needs
/// care (`&#...;`, other entities, a bare `&`, `\r`, invalid UTF-8).
fn unescape_predefined(raw: &[u8]) -> Option<String> {
    if raw.contains(&b'\r') {
        return None;
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.iter().position(|&b| b == b'&') {
        out.extend_from_slice(&rest[..amp]);
        let entity = &rest[amp + 1..];
        let end = entity.iter().take(5).position(|&b| b == b';')?;
        out.push(match &entity[..end] {
            b"quot" => b'"',
            b"amp" => b'&',
            b"lt" => b'<',
            b"gt" => b'>',
            b"apos" => b'\'',
            _ => return None,
        });
        rest = &entity[end + 1..];
    }
    out.extend_from_slice(rest);
    String::from_utf8(out).ok()
}

fn push_text(parent: &mut Element, text: &str) {
    if let Some(Node::Text(previous)) = parent.children.last_mut() {
        previous.push_str(text);
    } else {
        parent.children.push(Node::Text(text.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_namespaces_entities_and_spans() {
        let doc = br#"<?xml version="1.0"?>
<a:root xmlns:a="urn:a" xmlns:b="urn:b" xml:lang="en">
  <b:item code="x&amp;y">Fish &amp; chips &#233;<![CDATA[<raw>]]></b:item>
  <item xmlns="urn:b"/>
</a:root>"#;
        let root = parse_document(doc).unwrap();
        assert_eq!((root.ns.as_str(), root.name.as_str()), ("urn:a", "root"));
        assert_eq!(root.lang(), Some("en"));
        let items: Vec<_> = root.children_named("item").collect();
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|item| item.ns == "urn:b"));
        assert_eq!(items[0].attr("code"), Some("x&y"));
        assert_eq!(items[0].text(), "Fish & chips é<raw>");
        let slice = &doc[items[0].span.clone()];
        assert!(slice.starts_with(b"<b:item") && slice.ends_with(b"</b:item>"));
    }

    #[test]
    fn refuses_custom_entities_and_deep_nesting() {
        let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>"#;
        let err = parse_document(bomb).unwrap_err().to_string();
        assert!(err.contains("never expanded"), "{err}");
        let external = br#"<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>"#;
        assert!(parse_document(external).is_err());
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        assert!(
            parse_document(deep.as_bytes())
                .unwrap_err()
                .to_string()
                .contains("deeper")
        );
    }

    #[test]
    fn root_text_reads_what_the_tree_reads() {
        let text_of = |doc: &str| {
            let root = parse_document(doc.as_bytes()).unwrap();
            (root.ns.clone(), root.name.clone(), root.text())
        };
        for doc in [
            r#"<?xml version="1.0"?><ch:record xmlns:ch="urn:x">{"a":"b &amp; c &lt;3 &quot;q&quot; &apos;"}</ch:record>"#,
            "<record xmlns=\"urn:y\">plain é</record >\n",
            "<!-- before --><r></r>",
            "\u{FEFF}<r a='1'>x&gt;y</r>",
        ] {
            let fast = root_text(doc.as_bytes()).expect(doc);
            assert_eq!((fast.ns, fast.name, fast.text), text_of(doc), "{doc}");
        }
        // Anything else is left to the tree (which reads it or reports the error).
        for doc in [
            "<r>&#233;</r>",
            "<r><![CDATA[x]]></r>",
            "<r>a<b/>c</r>",
            "<r>&lol;</r>",
            "<r>a & b</r>",
            "<r>a\r\nb</r>",
            "<r>x</r><s/>",
            "<r>x</q>",
            "<r>x",
            "<r/>",
            "",
            "text",
        ] {
            assert_eq!(root_text(doc.as_bytes()), None, "{doc}");
        }
    }

    #[test]
    fn reports_broken_documents() {
        assert!(parse_document(b"<a><b></a>").is_err());
        assert!(parse_document(b"<a>").is_err());
        assert!(parse_document(b"").is_err());
        assert!(parse_document(b"\xEF\xBB\xBF<a/>").is_ok());
    }
}
