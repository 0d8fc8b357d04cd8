//! `docs/normalisation.md` and the code agree: this test reads the document itself, takes
//! the table of its "Examples" section (element, value as published, how it is read) and
//! checks each line against the shared rule and against every format that publishes the
//! element that way; it checks that every example with a digit that the rules quote for
//! credits, workload hours, EQF levels and dates is one of those lines; and that the
//! messages it quotes (issues, refused records) are the ones given. Changing a rule
//! without the document, or the document without the rule, fails here.

use chrono::NaiveDate;
use formats::normalize;
use model::{AnnexElement, Credential, EqfLevel, Format};

const DOCUMENT: &str = include_str!("../../docs/normalisation.md");

/// The elements whose examples are checked, as the document names them in its tables.
const ELEMENTS: [&str; 4] = ["Credits", "Workload hours", "EQF level", "Dates"];

/// How the document says a published value is read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ReadAs {
    Number(f64),
    Date(NaiveDate),
    Unreadable,
}

/// One line of the examples table.
#[derive(Debug)]
struct Example {
    element: String,
    published: String,
    read_as: ReadAs,
}

/// The text of the section titled `## {title}`, up to the next section.
fn section(title: &str) -> &'static str {
    let heading = format!("\n## {title}\n");
    let start = DOCUMENT
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/normalisation.md has no section {title:?}"))
        + heading.len();
    let rest = &DOCUMENT[start..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

/// The cells of the table rows of `text`, header and separator rows left out.
fn table_rows(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|line| line.starts_with('|') && !line.starts_with("|---"))
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The `backticked` parts of `text`.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn examples() -> Vec<Example> {
    let examples: Vec<Example> = table_rows(section("Examples"))
        .into_iter()
        .skip(1)
        .map(|cells| {
            let [element, published, read_as] = cells[..] else {
                panic!("an examples row has three cells: {cells:?}");
            };
            let published = published
                .strip_prefix('`')
                .and_then(|cell| cell.strip_suffix('`'))
                .unwrap_or_else(|| panic!("{published:?} is not in backticks"));
            let read_as = if read_as == "unreadable" {
                ReadAs::Unreadable
            } else if let Ok(date) = NaiveDate::parse_from_str(read_as, "%Y-%m-%d") {
                ReadAs::Date(date)
            } else {
                ReadAs::Number(read_as.parse().unwrap_or_else(|_| {
                    panic!("{read_as:?} is not a number, a date or unreadable")
                }))
            };
            Example {
                element: element.to_owned(),
                published: published.to_owned(),
                read_as,
            }
        })
        .collect();
    for element in ELEMENTS {
        assert!(
            examples.iter().any(|example| example.element == element),
            "no example of {element}"
        );
    }
    examples
}

#[test]
fn every_example_the_rules_quote_is_checked() {
    let examples = examples();
    let values = table_rows(section("Values"));
    for element in ELEMENTS {
        let row = values
            .iter()
            .find(|cells| cells[0] == element)
            .unwrap_or_else(|| panic!("the Values table has no row {element:?}"));
        for quoted in backticked(row[1]) {
            if quoted.bytes().any(|b| b.is_ascii_digit()) {
                assert!(
                    examples
                        .iter()
                        .any(|example| example.element == element && example.published == quoted),
                    "the {element} rule quotes `{quoted}`, which the Examples table does not check"
                );
            }
        }
    }
}

#[test]
fn the_examples_read_as_the_document_says() {
    let mut disagreements = Vec::new();
    for example in examples() {
        let readings: Vec<(&str, Result<ReadAs, String>)> = match example.element.as_str() {
            "Credits" => credits(&example.published),
            "Workload hours" => hours(&example.published),
            "EQF level" => eqf_level(&example.published),
            "Dates" => dates(&example.published),
            other => panic!("an example of {other:?}, which this test does not know"),
        };
        for (reader, reading) in readings {
            if reading.as_ref() != Ok(&example.read_as) {
                disagreements.push(format!(
                    "{} `{}`: the document says {:?}, {reader} gives {reading:?}",
                    example.element, example.published, example.read_as
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

/// A published value as the text of an XML element.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A published value as a JSON string.
fn json_text(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// How `format` reads the one record of `document`: the value `read` takes from it, or
/// unreadable when the record has an issue about `element`. A record refused, or a value
/// neither read nor reported, is a disagreement.
fn reading(
    format: Format,
    document: &str,
    element: AnnexElement,
    read: impl Fn(&Credential) -> Option<ReadAs>,
) -> Result<ReadAs, String> {
    let record = formats::parse(format, document.as_bytes())
        .map_err(|err| format!("the document fails: {err}"))?
        .into_iter()
        .next()
        .ok_or("no record")?
        .map_err(|failure| format!("the record is refused: {}", failure.reason))?;
    let credential = &record.credential;
    if let Some(value) = read(credential) {
        return Ok(value);
    }
    if credential
        .issues
        .iter()
        .any(|issue| issue.element == Some(element))
    {
        return Ok(ReadAs::Unreadable);
    }
    Err("neither read nor reported".to_owned())
}

fn number(value: Option<f64>) -> ReadAs {
    value.map_or(ReadAs::Unreadable, ReadAs::Number)
}

const EWP_NS: &str =
    "https://github.com/erasmus-without-paper/ewp-specs-api-courses/tree/stable-v1";

/// An EWP specification with `los` inside it and `instance` inside its one instance.
fn ewp(los: &str, instance: &str) -> String {
    format!(
        r#"<learningOpportunitySpecification xmlns="{EWP_NS}"><los-id>CR/1</los-id>
           <title xml:lang="en">Statistics</title>{los}
           <specifies><learningOpportunityInstance>{instance}</learningOpportunityInstance></specifies>
           </learningOpportunitySpecification>"#
    )
}

/// An ELMO report with one specification whose one instance holds `instance`.
fn elmo(instance: &str) -> String {
    format!(
        r#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1"><report>
           <issuer><country>PL</country><identifier type="schac">uw.edu.pl</identifier><title xml:lang="en">UW</title></issuer>
           <learningOpportunitySpecification><identifier type="local">C1</identifier><title>Course</title>
           <specifies><learningOpportunityInstance>{instance}</learningOpportunityInstance></specifies>
           </learningOpportunitySpecification></report></elmo>"#
    )
}

/// An XCRI-CAP catalogue with one course holding `course`.
fn xcri(course: &str) -> String {
    format!(
        r#"<catalog xmlns="http://xcri.org/profiles/1.2/catalog" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:mlo="http://purl.org/net/mlo" xmlns:credit="http://purl.org/net/cm">
           <provider><dc:title>Uni</dc:title><course><dc:identifier>C1</dc:identifier><dc:title>Webcomics</dc:title>
           {course}</course></provider></catalog>"#
    )
}

/// A clearinghouse-json record with the members `members`.
fn clearinghouse(members: &str) -> String {
    format!(r#"{{"id": "CS-101", "title": {{"en": "Data literacy"}}, {members}}}"#)
}

/// A CTDL course with one value profile of `value` in `unit`.
fn ctdl(value: &str, unit: &str) -> String {
    format!(
        r#"{{"@type": "ceterms:Course", "ceterms:ctid": "ce-1", "ceterms:name": {{"en": "Statistics"}},
            "ceterms:creditValue": [{{"schema:value": {}, "ceterms:creditUnitType": [{{"ceterms:targetNode": "creditUnit:{unit}"}}]}}]}}"#,
        json_text(value)
    )
}

fn credits(published: &str) -> Vec<(&'static str, Result<ReadAs, String>)> {
    let value_of = |c: &Credential| {
        c.credits
            .as_ref()
            .map(|credits| ReadAs::Number(credits.value))
    };
    let workload = AnnexElement::Workload;
    let xml_credit = format!(
        "<credit><scheme>ects</scheme><value>{}</value></credit>",
        xml_text(published)
    );
    vec![
        (
            "normalize::parse_credit_value",
            Ok(number(normalize::parse_credit_value(published))),
        ),
        (
            "clearinghouse-json",
            reading(
                Format::ClearinghouseJson,
                &clearinghouse(&format!(
                    r#""credits": {{"value": {}, "scheme": "ects"}}"#,
                    json_text(published)
                )),
                workload,
                value_of,
            ),
        ),
        (
            "EWP",
            reading(Format::Ewp, &ewp("", &xml_credit), workload, value_of),
        ),
        (
            "ELMO",
            reading(Format::Elmo, &elmo(&xml_credit), workload, value_of),
        ),
        (
            "XCRI-CAP",
            reading(
                Format::XcriCap,
                &xcri(&format!(
                    "<mlo:credit><credit:scheme>ECTS</credit:scheme><credit:value>{}</credit:value></mlo:credit>",
                    xml_text(published)
                )),
                workload,
                value_of,
            ),
        ),
        (
            "ELM",
            reading(
                Format::Elm,
                &format!(
                    r#"{{"id": "urn:q", "type": "Qualification", "title": {{"en": "Q"}},
                        "creditPoint": {{"framework": {{"id": "http://data.europa.eu/snb/education-credit/6fcec5c5af"}}, "point": {}}}}}"#,
                    json_text(published)
                ),
                workload,
                value_of,
            ),
        ),
        (
            "Open Badges",
            reading(
                Format::OpenBadges,
                &format!(
                    r#"{{"type": "Achievement", "id": "urn:a", "name": "A", "creditsAvailable": {}}}"#,
                    json_text(published)
                ),
                workload,
                value_of,
            ),
        ),
        (
            "CTDL",
            reading(Format::Ctdl, &ctdl(published, "ECTS"), workload, value_of),
        ),
    ]
}

fn hours(published: &str) -> Vec<(&'static str, Result<ReadAs, String>)> {
    let value_of = |c: &Credential| c.workload_hours.map(ReadAs::Number);
    let workload = AnnexElement::Workload;
    let engagement = format!("<engagementHours>{}</engagementHours>", xml_text(published));
    vec![
        (
            "normalize::parse_hours",
            Ok(number(normalize::parse_hours(published))),
        ),
        (
            "clearinghouse-json",
            reading(
                Format::ClearinghouseJson,
                &clearinghouse(&format!(r#""workload_hours": {}"#, json_text(published))),
                workload,
                value_of,
            ),
        ),
        (
            "EWP",
            reading(Format::Ewp, &ewp("", &engagement), workload, value_of),
        ),
        (
            "ELMO",
            reading(Format::Elmo, &elmo(&engagement), workload, value_of),
        ),
        (
            "CTDL",
            reading(
                Format::Ctdl,
                &ctdl(published, "ClockHour"),
                workload,
                value_of,
            ),
        ),
    ]
}

fn eqf_level(published: &str) -> Vec<(&'static str, Result<ReadAs, String>)> {
    let value_of = |c: &Credential| {
        c.eqf_level
            .map(|level| ReadAs::Number(f64::from(level.get())))
    };
    let element = AnnexElement::EqfLevel;
    let mut readings = vec![
        (
            "EqfLevel::parse",
            Ok(
                EqfLevel::parse(published).map_or(ReadAs::Unreadable, |level| {
                    ReadAs::Number(f64::from(level.get()))
                }),
            ),
        ),
        (
            "clearinghouse-json",
            reading(
                Format::ClearinghouseJson,
                &clearinghouse(&format!(r#""eqf_level": {}"#, json_text(published))),
                element,
                value_of,
            ),
        ),
        (
            "EWP",
            reading(
                Format::Ewp,
                &ewp(
                    &format!(
                        "<eqfLevelProvided>{}</eqfLevelProvided>",
                        xml_text(published)
                    ),
                    "",
                ),
                element,
                value_of,
            ),
        ),
        (
            "ELMO",
            reading(
                Format::Elmo,
                &elmo(&format!(
                    "<level><type>EQF</type><value>{}</value></level>",
                    xml_text(published)
                )),
                element,
                value_of,
            ),
        ),
    ];
    // ELM and Open Badges publish the level as its URI only.
    if published.starts_with("http") {
        readings.push((
            "ELM",
            reading(
                Format::Elm,
                &format!(
                    r#"{{"id": "urn:q", "type": "Qualification", "title": {{"en": "Q"}}, "eqfLevel": {}}}"#,
                    json_text(published)
                ),
                element,
                value_of,
            ),
        ));
        readings.push((
            "Open Badges",
            reading(
                Format::OpenBadges,
                &format!(
                    r#"{{"type": "Achievement", "id": "urn:a", "name": "A", "alignment": [{{"targetUrl": {}}}]}}"#,
                    json_text(published)
                ),
                element,
                value_of,
            ),
        ));
    }
    readings
}

fn dates(published: &str) -> Vec<(&'static str, Result<ReadAs, String>)> {
    // Dates are not an Annex I element: an unreadable one is not an issue of one.
    let start_of = |c: &Credential| c.offers.first()?.start.map(ReadAs::Date);
    let none = AnnexElement::Title;
    vec![
        (
            "normalize::parse_date",
            Ok(normalize::parse_date(published).map_or(ReadAs::Unreadable, ReadAs::Date)),
        ),
        (
            "clearinghouse-json",
            reading(
                Format::ClearinghouseJson,
                &clearinghouse(&format!(
                    r#""offers": [{{"start": {}}}]"#,
                    json_text(published)
                )),
                none,
                start_of,
            ),
        ),
        (
            "EWP",
            reading(
                Format::Ewp,
                &ewp("", &format!("<start>{}</start>", xml_text(published))),
                none,
                start_of,
            ),
        ),
        (
            "XCRI-CAP",
            reading(
                Format::XcriCap,
                &xcri(&format!(
                    r#"<presentation><start dtf="{}">the first day</start></presentation>"#,
                    xml_text(published)
                )),
                none,
                start_of,
            ),
        ),
    ]
}

/// `text` with every run of white space made one space, as Markdown reads it.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The messages the document quotes, for clearinghouse-json issues and for refused
/// records, are the ones a publisher gets.
#[test]
fn the_messages_the_document_quotes_are_the_ones_given() {
    let issues_text = one_line(section("Problems that become issues"));
    let record = formats::parse(
        Format::ClearinghouseJson,
        br#"{"id": "CS-101", "title": {"en": "Data literacy"},
             "credits": {"value": "five", "scheme": "ects"},
             "learning_outcomes": [{"text": {"en": "Clean data"}}, {"text": {"en": "Plot data"}}, {"text": 5}],
             "offers": [{"start": "2027-02-01"}, {"start": "next autumn"}]}"#,
    )
    .unwrap()
    .remove(0)
    .unwrap();
    assert_eq!(record.credential.issues.len(), 3);
    for issue in &record.credential.issues {
        assert!(
            issues_text.contains(&format!("`{}`", issue.message)),
            "the document does not quote {:?}",
            issue.message
        );
    }

    let refusals_text = one_line(section("Records that are refused"));
    let array = formats::parse(
        Format::ClearinghouseJson,
        br#"[{"id": "a", "title": {"en": "A"}}, {"id": "b", "title": {"en": "B"}},
             {"title": {"en": "No identifier"}}, {"id": "no-title"}]"#,
    )
    .unwrap();
    let lines = formats::parse(
        Format::ClearinghouseJson,
        b"{\"id\": \"a\", \"title\": {\"en\": \"A\"}}\n{\"id\": \"b\", \"title\": {\"en\": \"B\"}}\n\
          {\"id\": \"c\", \"title\": {\"en\": \"C\"}}\n{\"id\": \"d\", \"title\": {\"en\": \"D\"\n\
          {id: \"e\"}\n",
    )
    .unwrap();
    let reasons: Vec<String> = array
        .iter()
        .chain(&lines)
        .filter_map(|record| record.as_ref().err())
        .map(|failure| failure.reason.clone())
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    for reason in reasons {
        assert!(
            refusals_text.contains(&reason),
            "the document does not quote {reason:?}"
        );
    }
}
