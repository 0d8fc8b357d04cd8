//! The XML feeds: `oai_dc` (demo-krakow: an OAI-PMH `ListRecords` response saved to a
//! file; Dublin Core has no element for credits, level or outcomes, so they go into the
//! description, as such feeds do), the EWP Courses API (demo-bologna: a `courses-response`
//! whose instances carry the credits; outcomes in the description; the broken records)
//! and XCRI-CAP 1.2 (demo-dublin: a `catalog` whose presentations are the offers, with
//! machine-readable `dtf` dates).

use std::fmt::Write as _;

use bench::corpus::vocab::EN;

use super::{course_code, handwritten, number, page, topic_in_own_language, upstream_id};
use crate::network::{Defect, INSTITUTIONS};
use crate::plan::{Course, Kind, Mode, OfferPlan};
use crate::text::{self, CAMPUS, CREDITS_SENTENCE, Lt, code};

/// Text escaped for XML content and attribute values.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One element per language: `<name xml:lang="..">text</name>` at `indent`.
fn per_language(out: &mut String, indent: &str, name: &str, text: &Lt) {
    for (lang, value) in &text.0 {
        let _ = writeln!(
            out,
            "{indent}<{name} xml:lang=\"{lang}\">{}</{name}>",
            esc(value)
        );
    }
}

/// The ISO 639-2 code Dublin Core feeds use.
fn iso639_2(lang: &str) -> &'static str {
    match lang {
        "en" => "eng",
        "de" => "deu",
        "fr" => "fra",
        "es" => "spa",
        "it" => "ita",
        "pl" => "pol",
        other => unreachable!("no ISO 639-2 code for {other}"),
    }
}

/// demo-krakow's feed: the hand-written records, then the generated ones.
pub fn oai_dc(courses: &[Course]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- Demo feed: an OAI-PMH ListRecords response saved to a file, read by the oai_dc parser. -->\n\
         <OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\n  \
         <responseDate>2026-11-01T10:00:00Z</responseDate>\n  \
         <request verb=\"ListRecords\" metadataPrefix=\"oai_dc\">https://oai.demo-krakow.example/oai</request>\n  \
         <ListRecords>\n",
    );
    out.push_str(handwritten::KRAKOW);
    for course in courses {
        dc_record(&mut out, course);
    }
    out.push_str("  </ListRecords>\n</OAI-PMH>\n");
    out
}

fn dc_record(out: &mut String, course: &Course) {
    let institution = course.institution();
    let texts = text::texts(course);
    let id = upstream_id(course).expect("oai_dc records have ids");
    let _ = write!(
        out,
        "    <record>\n      <header>\n        <identifier>{id}</identifier>\n        \
         <datestamp>{}</datestamp>\n      </header>\n      <metadata>\n        \
         <oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
        course.modified.0.iso()
    );
    let indent = "          ";
    per_language(out, indent, "dc:title", &texts.title);
    // Dublin Core has no outcomes, credits or level: the description says them.
    let mut description = Lt::default();
    for (k, (lang, text)) in texts.description.0.iter().enumerate() {
        let lang_index = if k == 0 { institution.lang } else { EN };
        let mut full = text.clone();
        if let Some(outcomes) = text::outcomes_paragraph(course, lang_index) {
            full.push(' ');
            full.push_str(&outcomes);
        }
        if let Some(ects) = course.ects {
            full.push(' ');
            full.push_str(&CREDITS_SENTENCE[lang_index].replace("{}", &number(ects)));
        }
        description.0.push((lang, full));
    }
    per_language(out, indent, "dc:description", &description);
    let _ = writeln!(
        out,
        "{indent}<dc:publisher>{}</dc:publisher>",
        esc(institution.name)
    );
    let languages: Vec<&str> = {
        let mut languages: Vec<&str> = course.offers.iter().map(|o| code(o.language)).collect();
        if languages.is_empty() {
            languages.push(code(institution.lang));
        }
        languages.dedup();
        languages
    };
    for lang in languages {
        let _ = writeln!(out, "{indent}<dc:language>{}</dc:language>", iso639_2(lang));
    }
    let _ = writeln!(out, "{indent}<dc:subject>{}</dc:subject>", course.isced);
    for keyword in &texts.keywords {
        let _ = writeln!(out, "{indent}<dc:subject>{}</dc:subject>", esc(keyword));
    }
    let kind = match course.kind {
        Kind::MicroCredential | Kind::Badge => "micro-credential",
        Kind::Module => "module",
        Kind::Course | Kind::Mooc => "course",
    };
    let _ = writeln!(out, "{indent}<dc:type>{kind}</dc:type>");
    let _ = writeln!(
        out,
        "{indent}<dc:format>{}</dc:format>",
        course.mode.as_str()
    );
    let _ = writeln!(
        out,
        "{indent}<dc:identifier>{}</dc:identifier>",
        page(course)
    );
    let _ = writeln!(
        out,
        "{indent}<dc:date>{}</dc:date>",
        course.modified.0.iso()
    );
    out.push_str("        </oai_dc:dc>\n      </metadata>\n    </record>\n");
}

/// demo-bologna's feed: a `courses-response`, the broken records last.
pub fn ewp(courses: &[Course]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- Demo feed: an EWP Courses API response saved to a file, read by the ewp parser. -->\n\
         <courses-response xmlns=\"https://github.com/erasmus-without-paper/ewp-specs-api-courses/tree/stable-v1\">\n",
    );
    let mut ordered: Vec<&Course> = courses.iter().filter(|c| c.defect.is_none()).collect();
    ordered.extend(courses.iter().filter(|c| c.defect.is_some()));
    for course in ordered {
        los(&mut out, course);
    }
    out.push_str("</courses-response>\n");
    out
}

fn los(out: &mut String, course: &Course) {
    let institution = course.institution();
    let texts = text::texts(course);
    let i = "    ";
    out.push_str("  <learningOpportunitySpecification>\n");
    if let Some(id) = upstream_id(course) {
        let _ = writeln!(out, "{i}<los-id>{}</los-id>", esc(&id));
    }
    let _ = writeln!(out, "{i}<los-code>{}</los-code>", course_code(course));
    if course.defect != Some(Defect::NoTitle) {
        per_language(out, i, "title", &texts.title);
    }
    let kind = if course.kind == Kind::Module {
        "Module"
    } else {
        "Course"
    };
    let _ = writeln!(out, "{i}<type>{kind}</type>");
    let _ = writeln!(out, "{i}<iscedCode>{}</iscedCode>", course.isced);
    let _ = writeln!(out, "{i}<url>{}</url>", page(course));
    let level = if course.defect == Some(Defect::EqfLevelNine) {
        Some(9)
    } else {
        course.eqf
    };
    if let Some(level) = level {
        let _ = writeln!(out, "{i}<eqfLevelProvided>{level}</eqfLevelProvided>");
    }
    // The Courses API has no element for outcomes: the description carries them.
    let mut description = Lt::default();
    for (k, (lang, text)) in texts.description.0.iter().enumerate() {
        let lang_index = if k == 0 { institution.lang } else { EN };
        let mut full = text.clone();
        if let Some(outcomes) = text::outcomes_paragraph(course, lang_index) {
            full.push(' ');
            full.push_str(&outcomes);
        }
        description.0.push((lang, full));
    }
    per_language(out, i, "description", &description);
    out.push_str("    <specifies>\n");
    let credit_value = if course.defect == Some(Defect::CreditsInWords) {
        Some("cinque".to_owned())
    } else {
        course.ects.map(number)
    };
    let undated = [None];
    let dated: Vec<Option<&OfferPlan>> = course.offers.iter().map(Some).collect();
    let instances = if dated.is_empty() {
        &undated[..]
    } else {
        &dated[..]
    };
    for (k, offer) in instances.iter().enumerate() {
        let ii = "        ";
        out.push_str("      <learningOpportunityInstance>\n");
        let _ = writeln!(
            out,
            "{ii}<loi-id>CRI/{}-{}</loi-id>",
            course_code(course),
            offer.map_or_else(|| "catalogue".to_owned(), |o| o.start.iso())
        );
        if let Some(offer) = offer {
            let start = if course.defect == Some(Defect::MalformedDate) && k == 0 {
                format!("{}-02-30", offer.start.year)
            } else {
                offer.start.iso()
            };
            let _ = writeln!(out, "{ii}<start>{start}</start>");
            let _ = writeln!(out, "{ii}<end>{}</end>", offer.end.iso());
        }
        out.push_str(
            "        <gradingScheme>\n          <label>0-30</label>\n          \
             <description xml:lang=\"it\">Voto in trentesimi: 18 è la sufficienza, 30 e lode il massimo</description>\n          \
             <description xml:lang=\"en\">Marks out of 30: 18 is a pass, 30 cum laude the highest mark</description>\n        \
             </gradingScheme>\n",
        );
        if let Some(value) = &credit_value {
            let _ = writeln!(
                out,
                "{ii}<credit>\n{ii}  <scheme>ects</scheme>\n{ii}  <value>{value}</value>\n{ii}</credit>"
            );
        }
        if let Some(offer) = offer {
            let _ = writeln!(
                out,
                "{ii}<languageOfInstruction>{}</languageOfInstruction>",
                code(offer.language)
            );
        }
        // Hours would still state the workload: the record with credits in words has none.
        if let Some(hours) = course
            .hours()
            .filter(|_| course.defect != Some(Defect::CreditsInWords))
        {
            let _ = writeln!(
                out,
                "{ii}<engagementHours>{}</engagementHours>",
                number(hours)
            );
        }
        out.push_str("      </learningOpportunityInstance>\n");
    }
    out.push_str("    </specifies>\n  </learningOpportunitySpecification>\n");
}

/// The Irish NFQ level a course at an EQF level is published at.
fn nfq(eqf: u8) -> u8 {
    match eqf {
        0..=4 => 5,
        5 => 6,
        6 => 8,
        7 => 9,
        _ => 10,
    }
}

/// A date in words, as XCRI-CAP feeds show it beside the `dtf` attribute.
fn human_date(day: crate::plan::Day) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!(
        "{} {} {}",
        day.day,
        MONTHS[day.month as usize - 1],
        day.year
    )
}

/// demo-dublin's feed: one XCRI-CAP catalogue, one provider.
pub fn xcri_cap(courses: &[Course]) -> String {
    let institution = &INSTITUTIONS[courses[0].institution];
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- Demo feed: an XCRI-CAP 1.2 catalogue, read by the xcri-cap parser. -->\n\
         <catalog xmlns=\"http://xcri.org/profiles/1.2/catalog\" \
         xmlns:credit=\"http://purl.org/net/cm\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:mlo=\"http://purl.org/net/mlo\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" generated=\"2026-10-20T06:00:00Z\">\n  \
         <provider>\n",
    );
    let _ = writeln!(
        out,
        "    <dc:identifier>{}</dc:identifier>",
        institution.homepage
    );
    let _ = writeln!(
        out,
        "    <dc:title xml:lang=\"en\">{}</dc:title>",
        institution.name
    );
    let _ = writeln!(out, "    <mlo:url>{}</mlo:url>", institution.homepage);
    for course in courses {
        xcri_course(&mut out, course);
    }
    out.push_str("  </provider>\n</catalog>\n");
    out
}

fn xcri_course(out: &mut String, course: &Course) {
    let institution = course.institution();
    let texts = text::texts(course);
    let i = "      ";
    out.push_str("    <course>\n");
    let _ = writeln!(
        out,
        "{i}<dc:identifier>{}</dc:identifier>",
        upstream_id(course).expect("XCRI courses have ids")
    );
    let _ = writeln!(
        out,
        "{i}<dc:identifier>{}</dc:identifier>",
        course_code(course)
    );
    per_language(out, i, "dc:title", &texts.title);
    let _ = writeln!(
        out,
        "{i}<dc:subject>{}</dc:subject>",
        esc(topic_in_own_language(course))
    );
    if course.serial.is_multiple_of(2) {
        // Half the catalogue was written in the web editor: XHTML descriptions.
        let _ = writeln!(
            out,
            "{i}<dc:description xml:lang=\"en\"><xhtml:div><xhtml:p>{}</xhtml:p></xhtml:div></dc:description>",
            esc(texts.description.first())
        );
    } else {
        per_language(out, i, "dc:description", &texts.description);
    }
    let _ = writeln!(out, "{i}<mlo:url>{}</mlo:url>", page(course));
    per_language(out, i, "mlo:assessment", &texts.assessment);
    for outcome in &texts.outcomes {
        per_language(out, i, "learningOutcome", outcome);
    }
    per_language(out, i, "mlo:prerequisite", &texts.prerequisites);
    if let Some(eqf) = course.eqf {
        let _ = write!(
            out,
            "{i}<mlo:qualification>\n{i}  <dc:title xml:lang=\"en\">Special Purpose Award (NFQ Level {level})</dc:title>\n\
             {i}  <dcterms:educationLevel>NFQ Level {level}</dcterms:educationLevel>\n\
             {i}  <awardedBy>{name}</awardedBy>\n{i}</mlo:qualification>\n",
            level = nfq(eqf),
            name = institution.name
        );
    }
    if let Some(ects) = course.ects {
        let _ = write!(
            out,
            "{i}<mlo:credit>\n{i}  <credit:scheme>ECTS</credit:scheme>\n{i}  <credit:value>{}</credit:value>\n{i}</mlo:credit>\n",
            number(ects)
        );
    }
    for offer in &course.offers {
        let ii = "        ";
        out.push_str("      <presentation>\n");
        let _ = writeln!(
            out,
            "{ii}<dc:identifier>{}-{}</dc:identifier>",
            course_code(course),
            offer.start.iso()
        );
        let _ = writeln!(
            out,
            "{ii}<mlo:start dtf=\"{}\">{}</mlo:start>",
            offer.start.iso(),
            human_date(offer.start)
        );
        let _ = writeln!(
            out,
            "{ii}<end dtf=\"{}\">{}</end>",
            offer.end.iso(),
            human_date(offer.end)
        );
        if let Some(deadline) = offer.deadline {
            let _ = writeln!(
                out,
                "{ii}<applyUntil dtf=\"{}\">{}</applyUntil>",
                deadline.iso(),
                human_date(deadline)
            );
        }
        let (mode_code, mode_text) = match offer.mode {
            Mode::OnSite => ("CM", "Campus"),
            Mode::Blended => ("MM", "Mixed mode"),
            Mode::Online => ("ON", "Online"),
        };
        let _ = writeln!(
            out,
            "{ii}<attendanceMode identifier=\"{mode_code}\">{mode_text}</attendanceMode>"
        );
        let _ = writeln!(
            out,
            "{ii}<mlo:languageOfInstruction>{}</mlo:languageOfInstruction>",
            code(offer.language)
        );
        if offer.mode != Mode::Online {
            let _ = writeln!(
                out,
                "{ii}<venue>\n{ii}  <provider>\n{ii}    <dc:title xml:lang=\"en\">{}</dc:title>\n{ii}  </provider>\n{ii}</venue>",
                CAMPUS[course.institution]
            );
        }
        if let Some(fee) = offer.fee {
            let cost = if fee == 0 {
                "Free (funded places)".to_owned()
            } else {
                format!("EUR {fee}")
            };
            let _ = writeln!(out, "{ii}<mlo:cost>{cost}</mlo:cost>");
        }
        out.push_str("      </presentation>\n");
    }
    out.push_str("    </course>\n");
}
