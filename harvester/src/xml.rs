//! Streaming helpers over quick-xml shared by the XML protocols (OAI-PMH envelopes and
//! EWP responses): namespace scopes, entity references, and cutting one element out of
//! a response as exact bytes that stand on their own.
//!
//! Envelopes are read as a stream of events, never as a tree: a page holds many records
//! and only a few envelope fields are needed. Entity references other than the five
//! predefined ones and character references are never expanded (no billion laughs, no
//! external entities).

use std::collections::BTreeSet;

use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::name::PrefixDeclaration;
use quick_xml::reader::Reader;

/// A namespace prefix: `None` is the default namespace.
type Prefix = Option<String>;

/// The local name of an element (the part after the prefix).
pub(crate) fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

/// The value of the attribute whose local name is `name`, unescaped; `None` if absent
/// or unreadable.
pub(crate) fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|attr| attr.key.local_name().as_ref() == name)
        .and_then(|attr| {
            attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|value| value.into_owned())
        })
}

/// The text of a reference: a character reference or one of the five predefined
/// entities. Anything else is refused, never expanded.
pub(crate) fn resolve_reference(reference: &BytesRef<'_>) -> Result<String, String> {
    match reference.resolve_char_ref() {
        Ok(Some(ch)) => Ok(ch.to_string()),
        Ok(None) => {
            let name = reference.xml10_content();
            quick_xml::escape::resolve_predefined_entity(&name)
                .map(str::to_owned)
                .ok_or_else(|| {
                    format!(
                        "entity &{name}; is not one of the five predefined XML entities; \
                         custom and external entities are never expanded"
                    )
                })
        }
        Err(err) => Err(err.to_string()),
    }
}

/// Why the reader stopped, with the byte position.
pub(crate) fn reader_error(reader: &Reader<&[u8]>, err: impl std::fmt::Display) -> String {
    format!(
        "not well-formed XML at byte {}: {err}",
        reader.error_position()
    )
}

/// The namespace declarations of one start tag: prefix and raw (still escaped) value.
fn declarations(start: &BytesStart<'_>) -> Vec<(Prefix, String)> {
    start
        .attributes()
        .flatten()
        .filter_map(|attr| {
            let prefix = match attr.key.as_namespace_binding()? {
                PrefixDeclaration::Default => None,
                PrefixDeclaration::Named(prefix) => Some(prefix.to_owned()),
            };
            Some((prefix, attr.value.into_owned()))
        })
        .collect()
}

/// The prefixes a start tag uses: its own, its attributes' (except `xml` and `xmlns`),
/// and that of an `xsi:type` value, which names a type by a qualified name.
fn used_prefixes(start: &BytesStart<'_>) -> Vec<Prefix> {
    let name = start.name();
    let mut used = vec![name.prefix().map(|prefix| prefix.as_ref().to_owned())];
    for attr in start.attributes().flatten() {
        if attr.key.as_namespace_binding().is_some() {
            continue;
        }
        if let Some(prefix) = attr.key.prefix() {
            let prefix = prefix.as_ref();
            if prefix != "xml" {
                used.push(Some(prefix.to_owned()));
            }
            let is_xsi_type = prefix == "xsi" && attr.key.local_name().as_ref() == "type";
            if let Some((value_prefix, _)) = attr.value.split_once(':').filter(|_| is_xsi_type) {
                used.push(Some(value_prefix.trim().to_owned()));
            }
        }
    }
    used
}

/// The namespace declarations in scope, one entry per open element.
#[derive(Debug, Default)]
pub(crate) struct NamespaceScopes {
    stack: Vec<Vec<(Prefix, String)>>,
}

impl NamespaceScopes {
    /// Enters an element.
    pub(crate) fn push(&mut self, start: &BytesStart<'_>) {
        self.stack.push(declarations(start));
    }

    /// Leaves an element.
    pub(crate) fn pop(&mut self) {
        self.stack.pop();
    }

    /// The raw value bound to `prefix` by the innermost open element that binds it.
    fn lookup(&self, prefix: &Prefix) -> Option<&str> {
        self.stack.iter().rev().find_map(|scope| {
            scope
                .iter()
                .find(|(bound, _)| bound == prefix)
                .map(|(_, value)| value.as_str())
        })
    }
}

/// One element being cut out of a response. Feed it every event from its start tag to
/// its end tag; [`ElementCapture::finish`] returns its exact bytes, with the namespace
/// declarations it borrows from its ancestors re-declared on its start tag so that the
/// payload reads the same on its own.
#[derive(Debug)]
pub(crate) struct ElementCapture {
    start: usize,
    name_len: usize,
    /// Prefixes declared by each open element of the capture, the root first.
    declared: Vec<Vec<Prefix>>,
    /// Prefixes used somewhere without a declaration inside the capture.
    free: BTreeSet<Prefix>,
}

impl ElementCapture {
    /// Starts at the start tag `start`, which begins at byte `position`.
    pub(crate) fn begin(position: usize, start: &BytesStart<'_>) -> ElementCapture {
        let mut capture = ElementCapture {
            start: position,
            name_len: start.name().as_ref().len(),
            declared: Vec::new(),
            free: BTreeSet::new(),
        };
        capture.open(start);
        capture
    }

    /// How deep the capture is: 1 inside the root element.
    pub(crate) fn depth(&self) -> usize {
        self.declared.len()
    }

    /// A nested start tag.
    pub(crate) fn open(&mut self, start: &BytesStart<'_>) {
        let declared: Vec<Prefix> = declarations(start)
            .into_iter()
            .map(|(prefix, _)| prefix)
            .collect();
        self.declared.push(declared);
        self.note_uses(start);
    }

    /// A nested empty element.
    pub(crate) fn open_and_close(&mut self, start: &BytesStart<'_>) {
        self.open(start);
        self.declared.pop();
    }

    /// An end tag; true when it closes the root.
    pub(crate) fn close(&mut self) -> bool {
        self.declared.pop();
        self.declared.is_empty()
    }

    fn note_uses(&mut self, start: &BytesStart<'_>) {
        for prefix in used_prefixes(start) {
            let declared_inside = self.declared.iter().any(|scope| scope.contains(&prefix));
            if !declared_inside {
                self.free.insert(prefix);
            }
        }
    }

    /// The element's bytes, ending at byte `end`, with the declarations of free prefixes
    /// found in `ancestors` added to its start tag. A default namespace is only added when
    /// an ancestor declares a non-empty one.
    pub(crate) fn finish(self, bytes: &[u8], end: usize, ancestors: &NamespaceScopes) -> Vec<u8> {
        let element = &bytes[self.start..end];
        let mut added = String::new();
        for prefix in &self.free {
            let Some(value) = ancestors.lookup(prefix) else {
                continue;
            };
            match prefix {
                Some(prefix) => added.push_str(&format!(" xmlns:{prefix}=\"{value}\"")),
                None if !value.is_empty() => added.push_str(&format!(" xmlns=\"{value}\"")),
                None => {}
            }
        }
        if added.is_empty() {
            return element.to_vec();
        }
        // `<` then the element name: the declarations go right after the name.
        let split = 1 + self.name_len;
        let mut payload = Vec::with_capacity(element.len() + added.len());
        payload.extend_from_slice(&element[..split]);
        payload.extend_from_slice(added.as_bytes());
        payload.extend_from_slice(&element[split..]);
        payload
    }
}

#[cfg(test)]
mod tests {
    use quick_xml::events::Event;

    use super::*;

    /// Cuts out the first element named `wanted` of `document`.
    fn cut(document: &str, wanted: &str) -> String {
        let bytes = document.as_bytes();
        let mut reader = Reader::from_reader(bytes);
        let mut scopes = NamespaceScopes::default();
        let mut capture: Option<ElementCapture> = None;
        loop {
            let position = reader.buffer_position() as usize;
            match reader.read_event().unwrap() {
                Event::Start(start) => match capture.as_mut() {
                    Some(capture) => capture.open(&start),
                    None if local_name(&start) == wanted => {
                        capture = Some(ElementCapture::begin(position, &start));
                    }
                    None => scopes.push(&start),
                },
                Event::Empty(start) => match capture.as_mut() {
                    Some(capture) => capture.open_and_close(&start),
                    None if local_name(&start) == wanted => {
                        let capture = ElementCapture::begin(position, &start);
                        let end = reader.buffer_position() as usize;
                        let mut capture = capture;
                        capture.close();
                        return String::from_utf8(capture.finish(bytes, end, &scopes)).unwrap();
                    }
                    None => {}
                },
                Event::End(_) => match capture.as_mut() {
                    Some(open) => {
                        if open.close() {
                            let end = reader.buffer_position() as usize;
                            let done = capture.take().unwrap();
                            return String::from_utf8(done.finish(bytes, end, &scopes)).unwrap();
                        }
                    }
                    None => scopes.pop(),
                },
                Event::Eof => panic!("no <{wanted}>"),
                _ => {}
            }
        }
    }

    #[test]
    fn a_self_contained_element_is_cut_verbatim() {
        let document = r#"<env xmlns="urn:env"><m><x:a xmlns:x="urn:x" x:k="1">t &amp; <x:b/></x:a></m></env>"#;
        assert_eq!(
            cut(document, "a"),
            r#"<x:a xmlns:x="urn:x" x:k="1">t &amp; <x:b/></x:a>"#
        );
    }

    #[test]
    fn borrowed_declarations_are_redeclared_on_the_root() {
        let document = r#"<env xmlns="urn:env" xmlns:dc="urn:dc" xmlns:xsi="urn:xsi" xmlns:t="urn:t" xmlns:unused="urn:u">
<m><record><dc:title xsi:type="t:Text">x</dc:title><inner xmlns="urn:own"><deep/></inner></record></m></env>"#;
        assert_eq!(
            cut(document, "record"),
            r#"<record xmlns="urn:env" xmlns:dc="urn:dc" xmlns:t="urn:t" xmlns:xsi="urn:xsi"><dc:title xsi:type="t:Text">x</dc:title><inner xmlns="urn:own"><deep/></inner></record>"#
        );
    }

    #[test]
    fn declarations_inside_the_element_are_not_repeated() {
        let document = r#"<env xmlns:a="urn:outer"><p:e xmlns:p="urn:p"><a:c xmlns:a="urn:inner"/></p:e></env>"#;
        assert_eq!(
            cut(document, "e"),
            r#"<p:e xmlns:p="urn:p"><a:c xmlns:a="urn:inner"/></p:e>"#
        );
    }

    #[test]
    fn only_predefined_entities_and_character_references_resolve() {
        let mut reader = Reader::from_str("<a>&amp;&#233;&custom;</a>");
        let mut resolved = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                Event::GeneralRef(reference) => resolved.push(resolve_reference(&reference)),
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(resolved[0], Ok("&".to_owned()));
        assert_eq!(resolved[1], Ok("é".to_owned()));
        assert!(resolved[2].as_ref().unwrap_err().contains("never expanded"));
    }
}
