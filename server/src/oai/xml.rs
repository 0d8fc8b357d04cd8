//! A small XML writer for OAI-PMH responses: element names are ours, every text and
//! attribute value is escaped, and characters XML 1.0 cannot carry are replaced, so the
//! output is well-formed whatever a harvested record contains.

/// Builds a document as a string; elements are closed in the order they were opened.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
}

impl XmlWriter {
    /// A document starting with the XML declaration.
    pub fn new() -> XmlWriter {
        XmlWriter {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    fn start_tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// Opens an element.
    pub fn open(&mut self, name: &'static str, attributes: &[(&str, &str)]) -> &mut Self {
        self.start_tag(name, attributes);
        self.out.push('>');
        self.open.push(name);
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        if let Some(name) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self
    }

    /// An element holding only text (an empty element when `text` is empty).
    pub fn leaf(
        &mut self,
        name: &'static str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> &mut Self {
        self.start_tag(name, attributes);
        if text.is_empty() {
            self.out.push_str("/>");
        } else {
            self.out.push('>');
            escape_into(&mut self.out, text);
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self
    }

    /// Escaped character data inside the innermost open element.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// Appends what another writer wrote (without an XML declaration), its open elements
    /// closed.
    pub fn raw(&mut self, mut other: XmlWriter) -> &mut Self {
        while !other.open.is_empty() {
            other.close();
        }
        self.out.push_str(&other.out);
        self
    }

    /// The document, every element closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.push('\n');
        self.out
    }
}

/// Whether XML 1.0 allows the character in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept as references so that attribute values keep their line breaks.
            '\r' => out.push_str("&#13;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_illegal_characters_replaced() {
        let mut xml = XmlWriter::new();
        xml.open("a", &[("b", "x\"<&'>\u{1}")])
            .leaf("c", &[], "1 < 2 & \u{0}\u{FFFE} ok\n")
            .leaf("d", &[], "");
        let text = xml.finish();
        assert!(
            text.ends_with(
                "<a b=\"x&quot;&lt;&amp;&apos;&gt;\u{FFFD}\"><c>1 &lt; 2 &amp; \u{FFFD}\u{FFFD} ok&#10;</c><d/></a>\n"
            ),
            "{text}"
        );
    }
}
