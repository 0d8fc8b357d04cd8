//! Normalisation rules shared by every format (documented in `docs/normalisation.md`).
//!
//! - Text is trimmed and runs of white space collapsed ([`model::collapse_whitespace`]).
//! - HTML in descriptions is sanitised to a safe subset with ammonia (no scripts, no event
//!   handlers, no styles, links made `rel="noopener noreferrer"`), and a plain-text copy
//!   is kept for indexing and snippets.
//! - Numbers accept a decimal comma (`2,5` ECTS); a credit value or a number of hours
//!   must be a number, with at most a unit word around it ([`parse_credit_value`],
//!   [`parse_hours`]: `5 ECTS`, `150 h`): `S91Zb` is unreadable, not 91.
//! - ISO 8601 durations of workload become hours (a day is 8 hours, a week 5 days).
//! - Dates without a time zone are taken as they are (a day) or as UTC (a timestamp).
//! - Mojibake (UTF-8 read as Latin-1, e.g. `Ã©`, `Ã¸`) is left as is but flagged.
//! - [`finish_credential`] applies the record-level rules every parser ends with:
//!   languages and fields de-duplicated, the forms of participation of the offers added
//!   to the record's, offers ending before they start and mojibake flagged as issues.
//! - [`detect_text_languages`] (applied to the records of every format by
//!   [`crate::parse`]): text without a language tag, or whose content reliably
//!   contradicts its tag (Finnish text under `en`), moves to the language it reads as,
//!   with a note; see [`languages`].
//!
//! Vocabulary codes (EQF, ISCED-F, languages, countries, credit systems) are turned into
//! the model's codes by [`vocab`].

use std::sync::OnceLock;

pub mod languages;

pub use languages::detect_text_languages;

/// Whether `text` looks like HTML markup rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p", "<br", "<div", "<ul", "<ol", "<li", "<b>", "<i>", "<em", "<strong", "<a ", "<span",
        "<h1", "<h2", "<h3", "<h4", "<table", "<script", "<img", "<style", "<iframe", "&lt;p",
        "</",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .tags(
                [
                    "p",
                    "br",
                    "ul",
                    "ol",
                    "li",
                    "b",
                    "strong",
                    "i",
                    "em",
                    "a",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "blockquote",
                    "code",
                    "pre",
                    "dl",
                    "dt",
                    "dd",
                    "sub",
                    "sup",
                ]
                .into_iter()
                .collect(),
            )
            .link_rel(Some("noopener noreferrer nofollow"))
            .url_schemes(["http", "https", "mailto"].into_iter().collect());
        builder
    })
}

/// Sanitises harvested HTML to a safe subset: structure and emphasis, links to http(s)
/// and mailto; everything that can run script or load content is removed.
pub fn sanitize_html(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// The text of an HTML fragment: tags dropped, entities decoded, block ends as spaces,
/// whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    // Removing every tag with ammonia decodes nothing, so strip by hand after cleaning:
    // what remains is well-formed and holds no script or style content.
    let cleaned = ammonia::Builder::empty()
        .clean(&space_block_tags(html))
        .to_string();
    let mut out = String::with_capacity(cleaned.len());
    let mut chars = cleaned.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '&' {
            let mut entity = String::new();
            while let Some(&next) = chars.peek() {
                if next == ';' || entity.len() > 8 {
                    break;
                }
                entity.push(next);
                chars.next();
            }
            if chars.peek() == Some(&';') {
                chars.next();
                match entity.as_str() {
                    "amp" => out.push('&'),
                    "lt" => out.push('<'),
                    "gt" => out.push('>'),
                    "quot" => out.push('"'),
                    "apos" | "#39" => out.push('\''),
                    "nbsp" | "#160" => out.push(' '),
                    other => {
                        let code = other
                            .strip_prefix("#x")
                            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                            .or_else(|| other.strip_prefix('#').and_then(|dec| dec.parse().ok()));
                        match code.and_then(char::from_u32) {
                            Some(ch) => out.push(ch),
                            None => {
                                out.push('&');
                                out.push_str(other);
                                out.push(';');
                            }
                        }
                    }
                }
            } else {
                out.push('&');
                out.push_str(&entity);
            }
        } else {
            out.push(c);
        }
    }
    model::collapse_whitespace(&out)
}

/// Puts a space before block-level tags, so that `<p>a</p><p>b</p>` reads "a b".
fn space_block_tags(html: &str) -> String {
    const BLOCK_TAGS: [&str; 18] = [
        "p",
        "br",
        "li",
        "div",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "blockquote",
    ];
    let mut out = String::with_capacity(html.len() + 16);
    for (i, c) in html.char_indices() {
        if c == '<' {
            let name: String = html[i + 1..]
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if BLOCK_TAGS.contains(&name.as_str()) || name == "a" || name == "img" {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// A description as published: returns the plain text and, if it was HTML, the
/// sanitised HTML.
pub fn description(text: &str) -> (String, Option<String>) {
    if looks_like_html(text) {
        (html_to_text(text), Some(sanitize_html(text)))
    } else {
        (model::collapse_whitespace(text), None)
    }
}

/// Hours in an ISO 8601 duration (`PT30H`, `P2D`, `P1W`, `PT1H30M`); days count as 8
/// hours of work and weeks as 5 days, the convention of ECTS workload estimates.
pub fn iso8601_duration_hours(text: &str) -> Option<f64> {
    let text = text.trim();
    let rest = text.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((date, time)) => (date, time),
        None => (rest, ""),
    };
    let mut hours = 0.0;
    let mut any = false;
    let mut read = |part: &str, units: &[(char, f64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
            } else {
                let factor = units.iter().find(|(unit, _)| *unit == c)?.1;
                hours += number.parse::<f64>().ok()? * factor;
                any = true;
                number.clear();
            }
        }
        number.is_empty().then_some(())
    };
    read(
        date_part,
        &[
            ('Y', 8.0 * 5.0 * 52.0),
            ('M', 8.0 * 5.0 * 52.0 / 12.0),
            ('W', 40.0),
            ('D', 8.0),
        ],
    )?;
    read(
        time_part,
        &[('H', 1.0), ('M', 1.0 / 60.0), ('S', 1.0 / 3600.0)],
    )?;
    any.then_some(hours)
}

/// Whether text shows the usual signs of UTF-8 decoded as Latin-1 or Windows-1252: a
/// UTF-8 lead byte read as a letter (`Ã`, `Å`, `â`, ...) followed by a continuation byte
/// read as a symbol (`©`, `¸`, `€`, ...).
pub fn looks_like_mojibake(text: &str) -> bool {
    const KNOWN: [&str; 15] = [
        "Ã©", "Ã¨", "Ã¼", "Ã¶", "Ã¤", "Ã³", "Ã¡", "Ã±", "â€™", "â€œ", "â€", "Ã–", "Ãœ", "Å‚", "Ä…",
    ];
    if KNOWN.iter().any(|sign| text.contains(sign)) {
        return true;
    }
    // The Windows-1252 characters of bytes 0x80 to 0x9F.
    const CP1252_HIGH: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
    let is_lead = |c: char| matches!(c, '\u{C2}'..='\u{DF}' | '\u{E2}'..='\u{EF}');
    let is_continuation = |c: char| matches!(c, '\u{80}'..='\u{BF}') || CP1252_HIGH.contains(c);
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|pair| is_lead(pair[0]) && is_continuation(pair[1]))
}

/// The credit scheme a feed names: ECTS when the name says so (any case, "ECTS
/// credits" too), unspecified when it names none, else the name as given.
pub fn credit_scheme(name: &str) -> model::CreditScheme {
    if name.to_ascii_uppercase().contains("ECTS") {
        model::CreditScheme::Ects
    } else if name.trim().is_empty() {
        model::CreditScheme::Unspecified
    } else {
        model::CreditScheme::Other(name.to_owned())
    }
}

/// The credits to keep when a record states several (per scheme, per instance): the
/// first in ECTS, else the first stated.
pub fn preferred_credits(mut all: Vec<model::Credits>) -> Option<model::Credits> {
    if all.is_empty() {
        return None;
    }
    let ects = all
        .iter()
        .position(|credits| credits.scheme == model::CreditScheme::Ects);
    Some(all.swap_remove(ects.unwrap_or(0)))
}

/// Credits from a scheme name and a value as published (`<credit><scheme/><value/>`
/// in EWP, ELMO and XCRI-CAP), or the issue that makes the workload unreadable.
pub fn credits(scheme_name: &str, value: &str) -> Result<model::Credits, model::Issue> {
    match parse_credit_value(value) {
        Some(number) => Ok(model::Credits {
            value: number,
            scheme: credit_scheme(scheme_name),
        }),
        None => Err(model::Issue::unreadable(
            model::AnnexElement::Workload,
            format!("credit value {value:?} ({scheme_name}) is not a number"),
        )),
    }
}

/// Reads a credit value: a decimal number (decimal comma accepted) with at most a unit
/// word around it ("5", "2,5 ECTS", "5,0 ECTS", "ECTS: 7.5", "6 credits", "5ECTS"). Text
/// in which the digits are only part of a word ("S91ZbAwnQrf") is not a number: `None`.
pub fn parse_credit_value(text: &str) -> Option<f64> {
    number_with_unit_word(text, &CREDIT_UNIT_WORDS)
}

/// Reads a number of hours: a decimal number (decimal comma accepted) with at most an
/// hour unit word around it ("150", "150 h", "150 hours", "40 Stunden", "150h"). Like a
/// credit value, digits inside another word are not a number.
pub fn parse_hours(text: &str) -> Option<f64> {
    number_with_unit_word(text, &HOUR_UNIT_WORDS)
}

/// Credits from text that stands alone, without a scheme published beside it ("5 ECTS",
/// "2,5"): ECTS when the text names ECTS, else unspecified (never guessed to be ECTS).
/// `None` when the text is not a credit value ([`parse_credit_value`]).
pub fn credits_from_text(text: &str) -> Option<model::Credits> {
    let value = parse_credit_value(text)?;
    let scheme = if text.to_ascii_uppercase().contains("ECTS") {
        model::CreditScheme::Ects
    } else {
        model::CreditScheme::Unspecified
    };
    Some(model::Credits { value, scheme })
}

/// Words that may stand around a credit value (lower case).
const CREDIT_UNIT_WORDS: [&str; 16] = [
    "ects",
    "ects-credits",
    "ects-punkte",
    "credits",
    "credit",
    "cr",
    "cp",
    "ec",
    "points",
    "point",
    "pts",
    "punkte",
    "credit-points",
    "créditos",
    "crédits",
    "op",
];

/// Words that may stand around a number of hours (lower case).
const HOUR_UNIT_WORDS: [&str; 13] = [
    "h", "hr", "hrs", "hour", "hours", "std", "stunden", "heures", "horas", "ore", "uur", "uren",
    "tuntia",
];

/// A decimal number with at most one of `unit_words` around it, before or after, with or
/// without a space or colon between ("5 ECTS", "ECTS: 5", "150h").
fn number_with_unit_word(text: &str, unit_words: &[&str]) -> Option<f64> {
    let lower = text.trim().to_lowercase();
    let mut number = None;
    for word in lower.split(|c: char| c.is_whitespace() || c == ':') {
        if word.is_empty() || unit_words.contains(&word) {
            continue;
        }
        // A unit written against the number: "150h", "5ECTS".
        let digits_end = word
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(word.len());
        let candidate = if digits_end > 0 && unit_words.contains(&&word[digits_end..]) {
            &word[..digits_end]
        } else {
            word
        };
        if number.is_some() {
            return None;
        }
        number = Some(candidate);
    }
    let number = number?.replace(',', ".");
    let well_formed = !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.bytes().filter(|b| *b == b'.').count() <= 1
        && number.bytes().next().is_some_and(|b| b.is_ascii_digit());
    if !well_formed {
        return None;
    }
    number
        .trim_end_matches('.')
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

/// The record-level rules every parser ends with: languages, fields, skills and keywords
/// de-duplicated (first occurrence kept), the forms of participation of the offers added
/// to the record's, offers that end before they start and mojibake in the title or
/// description flagged as issues.
pub fn finish_credential(credential: &mut model::Credential) {
    dedup(&mut credential.languages);
    dedup(&mut credential.isced_fields);
    dedup(&mut credential.skills);
    dedup(&mut credential.keywords);
    dedup(&mut credential.contains);
    for offer in &credential.offers {
        if let Some(mode) = offer.participation {
            credential.participation.push(mode);
        }
    }
    credential.participation.sort();
    credential.participation.dedup();
    let mut notes = Vec::new();
    for offer in &credential.offers {
        if let (Some(start), Some(end)) = (offer.start, offer.end)
            && end < start
        {
            notes.push(format!(
                "an offer ends ({end}) before it starts ({start}); dates kept as published"
            ));
        }
    }
    if looks_like_mojibake(&credential.title.all_text())
        || looks_like_mojibake(&credential.description.all_text())
    {
        notes.push(
            "text looks like mojibake (UTF-8 decoded as Latin-1); left as published".to_owned(),
        );
    }
    for note in notes {
        push_issue(credential, model::Issue::note(note));
    }
}

/// Adds an issue unless the same one is already there.
pub fn push_issue(credential: &mut model::Credential, issue: model::Issue) {
    if !credential.issues.contains(&issue) {
        credential.issues.push(issue);
    }
}

fn dedup<T: PartialEq + Clone>(items: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(items.len());
    items.retain(|item| {
        if seen.contains(item) {
            false
        } else {
            seen.push(item.clone());
            true
        }
    });
}

/// Parses a date from the forms feeds use: `2024-09-01`, `2024-09-01T10:00:00Z`,
/// `2024-09-01T10:00:00` (no time zone), `20240901`.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .or_else(|| chrono::NaiveDate::parse_from_str(text.get(..8)?, "%Y%m%d").ok())
}

/// Parses a timestamp; a date without time is taken as midnight UTC, a time without zone
/// as UTC.
pub fn parse_timestamp(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let text = text.trim();
    if let Ok(with_zone) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(with_zone.with_timezone(&chrono::Utc));
    }
    if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(naive.and_utc());
    }
    parse_date(text)
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_sanitised_and_flattened() {
        let hostile = r#"<p onclick="x()">Learn <b>SQL</b> &amp; more<script>alert(1)</script><img src=x onerror="alert(2)"></p><a href="javascript:alert(3)">x</a>"#;
        let clean = sanitize_html(hostile);
        for bad in ["script", "onerror", "onclick", "javascript", "<img"] {
            assert!(!clean.contains(bad), "{bad} survived in {clean}");
        }
        assert!(clean.contains("<b>SQL</b>"));
        assert_eq!(html_to_text(hostile), "Learn SQL & more x");
        assert_eq!(description("plain  text\n here").0, "plain text here");
        assert!(description("<p>x</p>").1.is_some());
    }

    #[test]
    fn numbers_durations_dates() {
        assert_eq!(iso8601_duration_hours("PT30H"), Some(30.0));
        assert_eq!(iso8601_duration_hours("PT1H30M"), Some(1.5));
        assert_eq!(iso8601_duration_hours("P2D"), Some(16.0));
        assert_eq!(iso8601_duration_hours("P1W"), Some(40.0));
        assert_eq!(iso8601_duration_hours("30 hours"), None);
        assert_eq!(
            parse_date("2024-09-01T10:00:00"),
            chrono::NaiveDate::from_ymd_opt(2024, 9, 1)
        );
        assert_eq!(
            parse_date("20240901"),
            chrono::NaiveDate::from_ymd_opt(2024, 9, 1)
        );
        assert!(parse_timestamp("2011-01-10T10:19:23Z").is_some());
        assert!(parse_timestamp("2011-01-10").is_some());
        assert!(looks_like_mojibake("UniversitÃ© de Lyon"));
        assert!(!looks_like_mojibake("Université de Lyon"));
        assert!(looks_like_mojibake("KÃ¸benhavns Universitet"));
        assert!(!looks_like_mojibake(
            "Københavns Universitet, Łódź, Ærø, Ñandú"
        ));
    }

    #[test]
    fn credit_values() {
        for (text, expected) in [
            ("5", Some(5.0)),
            (" 2,5 ", Some(2.5)),
            ("7.5 ECTS", Some(7.5)),
            ("ECTS: 6", Some(6.0)),
            ("6 credits", Some(6.0)),
            ("5,0 ECTS", Some(5.0)),
            ("5ECTS", Some(5.0)),
            ("150 h", None),
            ("five", None),
            ("S91ZbAwnQrf", None),
            ("_8mVU3g1nYc88E7avb", None),
            ("1.2.3", None),
            ("", None),
            ("5 or 6", None),
        ] {
            assert_eq!(parse_credit_value(text), expected, "{text:?}");
        }
    }

    #[test]
    fn hours() {
        for (text, expected) in [
            ("150", Some(150.0)),
            ("150 h", Some(150.0)),
            ("150h", Some(150.0)),
            ("150 hours", Some(150.0)),
            ("37,5 Stunden", Some(37.5)),
            ("5 ECTS", None),
            ("lots", None),
            ("150 h 30 min", None),
            ("h150x", None),
        ] {
            assert_eq!(parse_hours(text), expected, "{text:?}");
        }
    }

    #[test]
    fn credits_standing_alone_are_ects_only_when_they_say_so() {
        let ects = credits_from_text("5 ECTS").unwrap();
        assert_eq!(ects.as_ects(), Some(5.0));
        let plain = credits_from_text("2,5").unwrap();
        assert_eq!(
            (plain.value, plain.scheme),
            (2.5, model::CreditScheme::Unspecified)
        );
        assert_eq!(credits_from_text("five"), None);
    }

    #[test]
    fn finishing_flags_dates_and_merges_participation() {
        let mut credential = model::Credential {
            languages: vec![
                model::LangTag::parse("en").unwrap(),
                model::LangTag::parse("eng").unwrap(),
            ],
            ..model::Credential::default()
        };
        credential.offers.push(model::Offer {
            start: chrono::NaiveDate::from_ymd_opt(2024, 10, 17),
            end: chrono::NaiveDate::from_ymd_opt(2023, 11, 1),
            participation: Some(model::Participation::Online),
            ..model::Offer::default()
        });
        finish_credential(&mut credential);
        finish_credential(&mut credential);
        assert_eq!(credential.languages.len(), 1);
        assert_eq!(credential.participation, vec![model::Participation::Online]);
        assert_eq!(credential.issues.len(), 1, "{:?}", credential.issues);
        assert!(credential.issues[0].message.contains("before it starts"));
    }
}
