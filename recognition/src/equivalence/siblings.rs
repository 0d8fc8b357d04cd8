//! Parts of a sequence listed under one title.
//!
//! Catalogues often list the parts of a sequence as sibling courses with the same title
//! and description, told apart only by their codes (`ACIS 2115` and `ACIS 2116`, both
//! "Principles of Accounting"). When the credential looked up names a part (`… II`),
//! such siblings tie on every text feature. Taken in course-code order, the sibling at
//! the position of the part named is that part: the second of two siblings for `… II`.
//!
//! Only siblings of one source whose titles name no part themselves, and only when every
//! one of them has a course code, are given an implied part: otherwise nothing is
//! implied and ranking is unchanged. Cross-listings (one course under two subjects,
//! `AFST 2644` and `ENGL 2644`) share a number and so a position; in the ranked hits
//! they are folded into one.

use std::cmp::Ordering;
use std::collections::HashMap;

use model::{Credential, RecordId};

use search::analysis::folded_words;

/// Identifier schemes that carry a course code: ours, EWP's `los-code` and CTDL's
/// `codedNotation`.
const CODE_SCHEMES: [&str; 3] = ["course-code", "los-code", "coded-notation"];

/// The course code the publisher gave a credential, if any.
pub(crate) fn course_code(credential: &Credential) -> Option<&str> {
    credential
        .identifiers
        .iter()
        .find(|identifier| CODE_SCHEMES.contains(&identifier.scheme.as_str()))
        .map(|identifier| identifier.value.trim())
        .filter(|code| !code.is_empty())
}

/// A candidate as the sibling rule sees it.
pub(super) struct Sibling<'a> {
    pub(super) id: &'a RecordId,
    pub(super) credential: &'a Credential,
    /// The part the candidate's own title names, if any.
    pub(super) sequence: Option<u8>,
}

/// For each candidate, whether it is the `part`-th of its siblings in course-code order
/// (the credential looked up names that part). Candidates that are not in a group of at
/// least two same-titled siblings of one source, all with codes and none naming a part,
/// get `false`.
pub(super) fn is_implied_part(part: u8, candidates: &[Sibling<'_>]) -> Vec<bool> {
    let mut groups: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    let mut excluded: Vec<(&str, String)> = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        let Some(title) = candidate.credential.title.best(&[]) else {
            continue;
        };
        let key = (candidate.id.source(), folded_words(title).trim().to_owned());
        if key.1.is_empty() {
            continue;
        }
        if candidate.sequence.is_some() || course_code(candidate.credential).is_none() {
            excluded.push(key);
        } else {
            groups.entry(key).or_default().push(i);
        }
    }
    let mut implied = vec![false; candidates.len()];
    for (key, members) in groups {
        if members.len() < 2 || excluded.contains(&key) {
            continue;
        }
        // Cross-listings (`AFST 2644` and `ENGL 2644`: one course under two subjects)
        // share a number and so a position; parts of a sequence differ in number.
        let mut numbers: Vec<String> = members
            .iter()
            .map(|&i| course_number(course_code(candidates[i].credential).unwrap_or_default()))
            .collect();
        numbers.sort_by(|a, b| natural_order(a, b));
        numbers.dedup();
        if numbers.len() < 2 {
            continue;
        }
        let Some(wanted) = numbers.get(usize::from(part).wrapping_sub(1)) else {
            continue;
        };
        for &i in &members {
            if course_number(course_code(candidates[i].credential).unwrap_or_default()) == *wanted {
                implied[i] = true;
            }
        }
    }
    implied
}

/// Whether `a` and `b` are one course listed twice by one source under two subjects
/// (`AFST 2644` and `ENGL 2644`): same source, same course number under different codes,
/// and the same title and description.
pub(super) fn is_cross_listing(
    a_id: &RecordId,
    a: &Credential,
    b_id: &RecordId,
    b: &Credential,
) -> bool {
    let (Some(a_code), Some(b_code)) = (course_code(a), course_code(b)) else {
        return false;
    };
    let folded = |text: &model::LangText| -> Vec<String> {
        let mut texts: Vec<String> = text.0.values().map(|value| folded_words(value)).collect();
        texts.sort();
        texts
    };
    a_id.source() == b_id.source()
        && !a_code.eq_ignore_ascii_case(b_code)
        && course_number(a_code) == course_number(b_code)
        && folded(&a.title) == folded(&b.title)
        && folded(&a.description) == folded(&b.description)
}

/// The number of a course code, its subject left out: `2115` of `ACIS 2115`, `2535H` of
/// `CHEM 2535H`; the whole code when it has no digit.
fn course_number(code: &str) -> String {
    match code.find(|c: char| c.is_ascii_digit()) {
        Some(start) => code[start..].trim().to_lowercase(),
        None => code.trim().to_lowercase(),
    }
}

/// Orders codes with their digit runs compared as numbers: `MATH 99` before `MATH 100`.
fn natural_order(a: &str, b: &str) -> Ordering {
    let runs = |code: &str| -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in code.chars().filter(|c| c.is_alphanumeric()) {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((was_digit, run)) if *was_digit == digit => run.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    };
    let (a_runs, b_runs) = (runs(a), runs(b));
    for ((a_digit, a_run), (b_digit, b_run)) in a_runs.iter().zip(&b_runs) {
        let order = if *a_digit && *b_digit {
            let (a_trim, b_trim) = (a_run.trim_start_matches('0'), b_run.trim_start_matches('0'));
            a_trim
                .len()
                .cmp(&b_trim.len())
                .then_with(|| a_trim.cmp(b_trim))
        } else {
            a_run.to_lowercase().cmp(&b_run.to_lowercase())
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a_runs.len().cmp(&b_runs.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use model::{Identifier, LangText, SourceId};

    use super::*;

    fn course(title: &str, code: Option<&str>) -> Credential {
        let mut credential = Credential {
            title: LangText::single("en", title),
            ..Credential::default()
        };
        if let Some(code) = code {
            credential.identifiers.push(Identifier {
                scheme: "course-code".to_owned(),
                value: code.to_owned(),
            });
        }
        credential
    }

    /// Candidates whose titles name no part.
    fn unnumbered<'a>(ids: &'a [RecordId], courses: &'a [Credential]) -> Vec<Sibling<'a>> {
        ids.iter()
            .zip(courses)
            .map(|(id, credential)| Sibling {
                id,
                credential,
                sequence: None,
            })
            .collect()
    }

    #[test]
    fn codes_order_with_numbers_compared_as_numbers() {
        assert_eq!(natural_order("MATH 99", "MATH 100"), Ordering::Less);
        assert_eq!(natural_order("ACIS 2116", "ACIS 2115"), Ordering::Greater);
        assert_eq!(natural_order("acis 2115", "ACIS 2115"), Ordering::Greater);
        assert_eq!(natural_order("CHEM 2535", "CHEM 2535H"), Ordering::Less);
    }

    #[test]
    fn the_nth_same_titled_sibling_in_code_order_is_the_nth_part() {
        let vt = SourceId::parse("vt").unwrap();
        let other = SourceId::parse("other").unwrap();
        let ids = [
            RecordId::new(&vt, "b"),
            RecordId::new(&vt, "a"),
            RecordId::new(&vt, "c"),
            RecordId::new(&other, "d"),
        ];
        let courses = [
            course("Principles of Accounting", Some("ACIS 2116")),
            course("PRINCIPLES OF ACCOUNTING", Some("ACIS 2115")),
            course("Accounting Foundations", Some("ACIS 1004")),
            course("Principles of Accounting", Some("ACC 211")),
        ];
        let candidates = unnumbered(&ids, &courses);
        assert_eq!(is_implied_part(2, &candidates), [true, false, false, false]);
        assert_eq!(is_implied_part(1, &candidates), [false, true, false, false]);
        // There is no third part; another source's course is never a sibling.
        assert_eq!(is_implied_part(3, &candidates), [false; 4]);
    }

    #[test]
    fn cross_listings_are_one_course_under_two_subjects() {
        let vt = SourceId::parse("vt").unwrap();
        let other = SourceId::parse("other").unwrap();
        let described = |title: &str, code: &str, description: &str| {
            let mut credential = course(title, Some(code));
            credential.description = LangText::single("en", description);
            credential
        };
        let afst = described(
            "Intro to African-American Literature",
            "AFST 2644",
            "Themes.",
        );
        let engl = described(
            "Intro to African-American Literature",
            "ENGL 2644",
            "Themes.",
        );
        let (a, b, c) = (
            RecordId::new(&vt, "afst-2644"),
            RecordId::new(&vt, "engl-2644"),
            RecordId::new(&other, "engl-2644"),
        );
        assert!(is_cross_listing(&a, &afst, &b, &engl));
        // Another source, another number, another description, or the same code: not.
        assert!(!is_cross_listing(&a, &afst, &c, &engl));
        let next = described(
            "Intro to African-American Literature",
            "ENGL 2645",
            "Themes.",
        );
        assert!(!is_cross_listing(&a, &afst, &b, &next));
        let reworded = described(
            "Intro to African-American Literature",
            "ENGL 2644",
            "Other.",
        );
        assert!(!is_cross_listing(&a, &afst, &b, &reworded));
        assert!(!is_cross_listing(&a, &afst, &b, &afst));
        // Without codes nothing says they are one course.
        assert!(!is_cross_listing(
            &a,
            &course("X", None),
            &b,
            &course("X", None)
        ));
    }

    #[test]
    fn cross_listings_share_a_position() {
        let vt = SourceId::parse("vt").unwrap();
        let ids = [
            RecordId::new(&vt, "a"),
            RecordId::new(&vt, "b"),
            RecordId::new(&vt, "c"),
        ];
        let courses = [
            course("Intro to World History", Some("HIST 1216")),
            course("Intro to World History", Some("HIST 1215")),
            course("Intro to World History", Some("AFST 1215")),
        ];
        let candidates = unnumbered(&ids, &courses);
        assert_eq!(is_implied_part(1, &candidates), [false, true, true]);
        assert_eq!(is_implied_part(2, &candidates), [true, false, false]);
        // One course listed under two subjects is not a sequence.
        assert_eq!(is_implied_part(1, &candidates[1..]), [false, false]);
    }

    #[test]
    fn nothing_is_implied_without_codes_or_when_titles_name_parts() {
        let vt = SourceId::parse("vt").unwrap();
        let ids = [RecordId::new(&vt, "a"), RecordId::new(&vt, "b")];
        let uncoded = [
            course("Organic Chemistry", Some("CHEM 2535")),
            course("Organic Chemistry", None),
        ];
        let candidates = unnumbered(&ids, &uncoded);
        assert_eq!(is_implied_part(1, &candidates), [false, false]);

        let coded = [
            course("Organic Chemistry", Some("CHEM 2535")),
            course("Organic Chemistry", Some("CHEM 2536")),
        ];
        let named: Vec<Sibling<'_>> = ids
            .iter()
            .zip(&coded)
            .enumerate()
            .map(|(i, (id, credential))| Sibling {
                id,
                credential,
                sequence: (i == 1).then_some(2),
            })
            .collect();
        assert_eq!(is_implied_part(1, &named), [false, false]);
    }
}
