//! A JSON value that keeps its members in the order they were written, so that the JSON
//! feeds read like an export (`id` and `type` first), not in the alphabetical order of
//! `serde_json::Map`.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq};

/// One JSON value; objects keep their member order.
#[derive(Debug, Clone)]
pub enum J {
    /// `null`.
    Null,
    /// A string.
    Str(String),
    /// A number, written without a fraction when it is whole (`5`, `7.5`).
    Num(f64),
    /// An array.
    Arr(Vec<J>),
    /// An object, members in order.
    Obj(Vec<(String, J)>),
}

impl J {
    /// A string value.
    pub fn s(text: impl Into<String>) -> J {
        J::Str(text.into())
    }

    /// An array of strings.
    pub fn strs<S: AsRef<str>>(items: &[S]) -> J {
        J::Arr(items.iter().map(|item| J::s(item.as_ref())).collect())
    }

    /// An empty object, to fill with [`J::with`].
    pub fn obj() -> J {
        J::Obj(Vec::new())
    }

    /// The object with one more member.
    pub fn with(mut self, key: &str, value: J) -> J {
        if let J::Obj(members) = &mut self {
            members.push((key.to_owned(), value));
        }
        self
    }

    /// The object with one more member, if there is a value.
    pub fn with_opt(self, key: &str, value: Option<J>) -> J {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// Pretty-printed with `indent` spaces a level, and a final newline.
    pub fn pretty(&self, indent: usize) -> String {
        let spaces = vec![b' '; indent];
        let formatter = serde_json::ser::PrettyFormatter::with_indent(&spaces);
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
        self.serialize(&mut serializer)
            .expect("a J value always serialises");
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// On one line.
    pub fn compact(&self) -> String {
        serde_json::to_string(self).expect("a J value always serialises")
    }
}

impl Serialize for J {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            J::Null => serializer.serialize_unit(),
            J::Str(text) => serializer.serialize_str(text),
            J::Num(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
                serializer.serialize_i64(*number as i64)
            }
            J::Num(number) => serializer.serialize_f64(*number),
            J::Arr(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            J::Obj(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_keep_their_order_and_whole_numbers_have_no_fraction() {
        let value = J::obj()
            .with("id", J::s("b"))
            .with("credits", J::Num(5.0))
            .with("half", J::Num(7.5))
            .with("a", J::Arr(vec![J::Null]));
        assert_eq!(
            value.compact(),
            r#"{"id":"b","credits":5,"half":7.5,"a":[null]}"#
        );
    }
}
