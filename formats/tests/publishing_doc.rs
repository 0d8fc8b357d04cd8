//! `docs/publishing.md` and the parsers agree: this test reads the guide itself, takes
//! every example block (a fenced block whose info string says `example=FORMAT`, and
//! `missing=...` for the mandatory Annex I elements the format cannot state) and checks
//! it with `validate`'s own check ([`validate_document`]): read without errors, failed
//! records or notes, every record fine, or warned about exactly the documented elements
//! and nothing else. It checks that every format with a parser has an example, that each
//! format's table marks as **Not read** exactly the elements its examples lack, and that
//! the summary table says the same. Changing a parser without the guide, or the guide
//! without the parser, fails here.

use std::collections::BTreeSet;

use formats::conformance::{ELEMENTS, ElementStatus, ValidationReport, Verdict, validate_document};
use formats::{FormatError, parse};
use model::{AnnexElement, Format};

const GUIDE: &str = include_str!("../../docs/publishing.md");

/// One example block of the guide.
#[derive(Debug)]
struct Example {
    format: Format,
    /// The mandatory elements the guide says the example does not state.
    missing: BTreeSet<AnnexElement>,
    /// The document.
    text: String,
    /// The line of its opening fence, for messages.
    line: usize,
    /// The title of the `## ` section it is in.
    section: String,
}

/// An element by its name in the JSON reports (`eqf_level`).
fn element_named(name: &str) -> AnnexElement {
    ELEMENTS
        .into_iter()
        .find(|element| element.as_str() == name)
        .unwrap_or_else(|| panic!("{name:?} is not the name of an Annex I element"))
}

/// An element by its label, as `validate` prints it (`EQF level`).
fn element_labelled(label: &str) -> Option<AnnexElement> {
    ELEMENTS
        .into_iter()
        .find(|element| element.label() == label)
}

/// Every example block of the guide, in order. Other fenced blocks (commands) are
/// skipped, but their fences are followed so that nothing inside one is taken for a
/// fence.
fn examples() -> Vec<Example> {
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut open: Option<(Option<Example>, Vec<&str>)> = None;
    for (number, line) in GUIDE.lines().enumerate() {
        let number = number + 1;
        match open.take() {
            Some((example, body)) if line.trim_end() == "```" => {
                if let Some(mut example) = example {
                    example.text = body.join("\n");
                    examples.push(example);
                }
            }
            Some((example, mut body)) => {
                body.push(line);
                open = Some((example, body));
            }
            None => {
                if let Some(title) = line.strip_prefix("## ") {
                    section = title.trim().to_owned();
                }
                let Some(info) = line.strip_prefix("```") else {
                    continue;
                };
                let mut format = None;
                let mut missing = BTreeSet::new();
                for word in info.split_whitespace() {
                    if let Some(name) = word.strip_prefix("example=") {
                        format =
                            Some(Format::parse(name).unwrap_or_else(|| {
                                panic!("line {number}: {name:?} is not a format")
                            }));
                    } else if let Some(names) = word.strip_prefix("missing=") {
                        missing.extend(names.split(',').map(element_named));
                    }
                }
                assert!(
                    format.is_some() || missing.is_empty(),
                    "line {number}: `missing=` without `example=`"
                );
                let example = format.map(|format| Example {
                    format,
                    missing,
                    text: String::new(),
                    line: number,
                    section: section.clone(),
                });
                open = Some((example, Vec::new()));
            }
        }
    }
    assert!(
        open.is_none(),
        "docs/publishing.md ends inside a fenced block"
    );
    examples
}

/// What is wrong with `report` for an example documented as lacking `missing`: nothing,
/// or the reasons.
fn disagreements(report: &ValidationReport, missing: &BTreeSet<AnnexElement>) -> Vec<String> {
    let mut wrong = Vec::new();
    if let Some(error) = &report.document_error {
        wrong.push(format!("the document cannot be read: {error}"));
    }
    for failure in &report.summary.failed_records {
        wrong.push(format!("a record cannot be read: {}", failure.reason));
    }
    if report.records.is_empty() && report.document_error.is_none() {
        wrong.push("no record read".to_owned());
    }
    for record in &report.records {
        let id = &record.upstream_id;
        let lacking: BTreeSet<AnnexElement> = record
            .elements
            .iter()
            .filter(|element| element.mandatory && element.status == ElementStatus::Missing)
            .map(|element| element.element)
            .collect();
        if &lacking != missing {
            wrong.push(format!(
                "{id}: lacks {lacking:?}; the guide says it lacks {missing:?}"
            ));
        }
        for element in &record.elements {
            if element.status == ElementStatus::Unreadable {
                wrong.push(format!(
                    "{id}: {} unreadable: {}",
                    element.element.label(),
                    element.reasons.join("; ")
                ));
            }
        }
        for note in &record.notes {
            wrong.push(format!("{id}: note: {note}"));
        }
    }
    let expected = if missing.is_empty() {
        Verdict::Fine
    } else {
        Verdict::Warning
    };
    if report.verdict() != expected {
        wrong.push(format!(
            "the verdict is {}, the guide says {}",
            report.verdict().as_str(),
            expected.as_str()
        ));
    }
    wrong
}

/// Every example is read as the guide says: fine, or warned about exactly the elements
/// its format cannot state.
#[test]
fn every_example_gets_the_verdict_the_guide_gives_it() {
    let examples = examples();
    assert!(!examples.is_empty(), "the guide has no example blocks");
    let mut failures = Vec::new();
    for example in &examples {
        let report = validate_document(example.format, example.text.as_bytes());
        let wrong = disagreements(&report, &example.missing);
        if !wrong.is_empty() {
            failures.push(format!(
                "docs/publishing.md line {} ({} example):\n  {}\n{}",
                example.line,
                example.format,
                wrong.join("\n  "),
                report.render_text(false)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every format the clearinghouse can read has at least one example.
#[test]
fn every_format_with_a_parser_has_an_example() {
    let examples = examples();
    for format in Format::ALL {
        if matches!(parse(format, b""), Err(FormatError::Unsupported(_))) {
            continue;
        }
        assert!(
            examples.iter().any(|example| example.format == format),
            "docs/publishing.md has no example for {format}"
        );
    }
}

/// The cells of the table rows of `text`, header and separator rows left out.
fn table_rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|line| line.starts_with('|') && !line.starts_with("|---"))
        .skip(1)
        .map(|line| line.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect()
}

/// The text of the section titled `## {title}`, up to the next section.
fn section(title: &str) -> &'static str {
    let heading = format!("\n## {title}\n");
    let start = GUIDE
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/publishing.md has no section {title:?}"))
        + heading.len();
    let rest = &GUIDE[start..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

/// The table of each format's section has a row for every mandatory element, and marks
/// **Not read** exactly the elements the section's examples lack.
#[test]
fn each_table_marks_not_read_what_its_examples_lack() {
    let examples = examples();
    let sections: BTreeSet<&str> = examples.iter().map(|e| e.section.as_str()).collect();
    for title in sections {
        let rows = table_rows(section(title));
        let mut stated = BTreeSet::new();
        let mut not_read = BTreeSet::new();
        for cells in &rows {
            let [label, where_read] = cells[..] else {
                panic!("section {title:?}: a table row has two cells: {cells:?}");
            };
            let element = element_labelled(label).unwrap_or_else(|| {
                panic!("section {title:?}: {label:?} is not the label of an Annex I element")
            });
            if !AnnexElement::MANDATORY.contains(&element) {
                continue;
            }
            if where_read.starts_with("**Not read**") {
                not_read.insert(element);
            } else {
                stated.insert(element);
            }
        }
        let all: BTreeSet<AnnexElement> = stated.union(&not_read).copied().collect();
        assert_eq!(
            all,
            AnnexElement::MANDATORY.into_iter().collect(),
            "section {title:?}: the table must have a row for every mandatory element"
        );
        for example in examples.iter().filter(|e| e.section == title) {
            assert_eq!(
                example.missing, not_read,
                "section {title:?}: the example of line {} lacks {:?}, the table marks {:?} \
                 as not read",
                example.line, example.missing, not_read
            );
        }
    }
}

/// The summary table names every format once, with the elements its examples lack.
#[test]
fn the_summary_agrees_with_the_examples() {
    let examples = examples();
    let mut summarised = Vec::new();
    for cells in table_rows(section("Which format to choose")) {
        let [name, fine, cannot] = cells[..] else {
            panic!("a summary row has three cells: {cells:?}");
        };
        let name = name.trim_matches('`');
        let format =
            Format::parse(name).unwrap_or_else(|| panic!("summary: {name:?} is not a format"));
        let lacking: BTreeSet<AnnexElement> = if cannot == "none" {
            BTreeSet::new()
        } else {
            cannot
                .split(", ")
                .map(|label| {
                    element_labelled(label)
                        .unwrap_or_else(|| panic!("summary: {label:?} is not an element label"))
                })
                .collect()
        };
        assert_eq!(
            fine,
            if lacking.is_empty() { "yes" } else { "no" },
            "summary: {name}"
        );
        for example in examples.iter().filter(|e| e.format == format) {
            assert_eq!(
                example.missing, lacking,
                "summary: {name} lacks {lacking:?}; the example of line {} lacks {:?}",
                example.line, example.missing
            );
        }
        summarised.push(format);
    }
    let mut all = Format::ALL.to_vec();
    all.sort_by_key(|format| format.as_str());
    summarised.sort_by_key(|format| format.as_str());
    assert_eq!(summarised, all, "the summary names every format once");
}
