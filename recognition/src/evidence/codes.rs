//! What a course code says about a course: its subject letters and its number.
//!
//! Catalogues code courses as subject letters and a number (`ACC 211`, `FIN-A0103`,
//! `ACCT2102`). Decisions reveal how a sender's subjects map onto the receiver's
//! (`ECON` at one university → `ECON` at another, `CS` → `COMP`), how its number levels
//! map (a 300-level course → a 3000-level one), and sequences (`ACC 211 → ACCT 203` makes
//! `ACC 212 → ACCT 204` likely). The rules here read those parts from a code.

/// A course code read as subject letters and a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CourseCode {
    /// The code as published, trimmed and upper-cased: for "same code" matches.
    pub(crate) code: String,
    /// The letters before its first digit, upper-cased (`ACC` of `ACC 211`, `FINA` of
    /// `FIN-A0103`); empty when it starts with a digit.
    pub(crate) subject: String,
    /// Its first run of digits, if any.
    pub(crate) number: Option<Number>,
}

/// The first digit run of a course code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Number {
    /// Its value (runs longer than 9 digits are not numbers of a course).
    pub(crate) value: u32,
    /// How many digits it has (`0103` has 4).
    pub(crate) digits: u8,
    /// Its first digit: the level in most catalogues (`2` of `2102`).
    pub(crate) first: u8,
}

impl Number {
    /// The level class of a number: its first digit and how many digits it has (a
    /// `3xx` and a `3xxx` course are different levels in different schemes).
    pub(crate) fn level_class(self) -> (u8, u8) {
        (self.first, self.digits)
    }
}

impl CourseCode {
    /// Reads `code`; `None` when it is empty.
    pub(crate) fn parse(code: &str) -> Option<CourseCode> {
        let code = code.trim().to_uppercase();
        if code.is_empty() || matches!(code.as_str(), "-" | "–" | "—") {
            return None;
        }
        let first_digit = code.find(|c: char| c.is_ascii_digit());
        let subject: String = code[..first_digit.unwrap_or(code.len())]
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        let number = first_digit.and_then(|start| {
            let run: &str = code[start..]
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or_default();
            if run.is_empty() || run.len() > 9 {
                return None;
            }
            Some(Number {
                value: run.parse().ok()?,
                digits: run.len() as u8,
                first: run.as_bytes()[0] - b'0',
            })
        });
        Some(CourseCode {
            code,
            subject,
            number,
        })
    }

    /// Whether this code is `other` with its number moved by `offset` (same subject, same
    /// number of digits): `ACCT 204` is `ACCT 203` moved by 1.
    pub(crate) fn is_shifted(&self, other: &CourseCode, offset: i64) -> bool {
        match (self.number, other.number) {
            (Some(mine), Some(theirs)) => {
                self.subject == other.subject
                    && mine.digits == theirs.digits
                    && i64::from(mine.value) == i64::from(theirs.value) + offset
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_subject_letters_and_a_number() {
        let read = |code: &str| {
            let parsed = CourseCode::parse(code).unwrap();
            (
                parsed.subject,
                parsed.number.map(|n| (n.value, n.digits, n.first)),
            )
        };
        assert_eq!(read("ACC 211"), ("ACC".to_owned(), Some((211, 3, 2))));
        assert_eq!(read("fin-a0103"), ("FINA".to_owned(), Some((103, 4, 0))));
        assert_eq!(read("ACCT2102"), ("ACCT".to_owned(), Some((2102, 4, 2))));
        assert_eq!(read("Seminar"), ("SEMINAR".to_owned(), None));
        assert_eq!(read("101"), (String::new(), Some((101, 3, 1))));
        assert!(CourseCode::parse("  ").is_none());
        assert!(CourseCode::parse("—").is_none());
    }

    #[test]
    fn a_shifted_code_keeps_its_subject_and_digits() {
        let code = |text: &str| CourseCode::parse(text).unwrap();
        assert!(code("ACCT 204").is_shifted(&code("ACCT 203"), 1));
        assert!(code("ACCT 202").is_shifted(&code("ACCT 203"), -1));
        assert!(!code("ACCT 204").is_shifted(&code("ACCT 203"), 2));
        assert!(!code("FINA 204").is_shifted(&code("ACCT 203"), 1));
        assert!(!code("ACCT 0204").is_shifted(&code("ACCT 203"), 1));
    }
}
