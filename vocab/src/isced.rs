//! ISCED-F 2013, the UNESCO fields of education and training: codes as published, and
//! the official English names of the broad and narrow fields.

use model::IscedCode;

use crate::{UnknownConcept, after};

/// An ISCED-F field from `http://data.europa.eu/snb/isced-f/0613` (see [`isced_code`]).
pub fn isced_field(uri: &str) -> Result<IscedCode, UnknownConcept> {
    after(uri, "/isced-f/")
        .and_then(isced_code)
        .ok_or_else(|| UnknownConcept::new("ISCED-F field URI", uri))
}

/// An ISCED-F 2013 code as published: 2 digits (broad field), 3 (narrow) or 4 (detailed),
/// whose broad field exists. Codes are not padded to four digits: `003` is the narrow
/// field "Personal skills and development", and `0030` does not exist. A code that lost
/// its leading zero in a numeric export (`541`, `4`) gets it back when only the padded
/// form names an existing field.
pub fn isced_code(text: &str) -> Option<IscedCode> {
    let code = text.trim();
    if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let is_known = |code: &str| match code.len() {
        2 => isced_label(code).is_some(),
        3 => isced_label(code).is_some(),
        4 => isced_label(&code[..3]).is_some(),
        _ => false,
    };
    let padded = format!("0{code}");
    let chosen = if is_known(code) {
        code.to_owned()
    } else if padded.len() <= 4 && is_known(&padded) {
        padded
    } else if code.len() == 4 && isced_label(&code[..2]).is_some() {
        // A detailed field under a known broad field but an unlisted narrow one
        // (national extensions): kept as published.
        code.to_owned()
    } else {
        return None;
    };
    IscedCode::parse(&chosen).ok()
}

/// The official English name of an ISCED-F 2013 broad (2-digit) or narrow (3-digit)
/// field, or of the narrow field of a detailed (4-digit) code whose own name is not
/// listed here.
pub fn isced_label(code: &str) -> Option<&'static str> {
    let code = code.trim();
    let lookup = |wanted: &str| {
        ISCED_F_FIELDS
            .iter()
            .find(|(field, _)| *field == wanted)
            .map(|(_, label)| *label)
    };
    match code.len() {
        2 | 3 => lookup(code),
        4 => lookup(&code[..3]),
        _ => None,
    }
}

/// ISCED-F 2013 broad and narrow fields with their official English names
/// (UNESCO Institute for Statistics, ISCED Fields of Education and Training 2013).
pub(crate) const ISCED_F_FIELDS: &[(&str, &str)] = &[
    ("00", "Generic programmes and qualifications"),
    ("001", "Basic programmes and qualifications"),
    ("002", "Literacy and numeracy"),
    ("003", "Personal skills and development"),
    ("01", "Education"),
    ("011", "Education"),
    (
        "018",
        "Inter-disciplinary programmes and qualifications involving education",
    ),
    ("02", "Arts and humanities"),
    ("021", "Arts"),
    ("022", "Humanities (except languages)"),
    ("023", "Languages"),
    (
        "028",
        "Inter-disciplinary programmes and qualifications involving arts and humanities",
    ),
    ("03", "Social sciences, journalism and information"),
    ("031", "Social and behavioural sciences"),
    ("032", "Journalism and information"),
    (
        "038",
        "Inter-disciplinary programmes and qualifications involving social sciences, journalism and information",
    ),
    ("04", "Business, administration and law"),
    ("041", "Business and administration"),
    ("042", "Law"),
    (
        "048",
        "Inter-disciplinary programmes and qualifications involving business, administration and law",
    ),
    ("05", "Natural sciences, mathematics and statistics"),
    ("051", "Biological and related sciences"),
    ("052", "Environment"),
    ("053", "Physical sciences"),
    ("054", "Mathematics and statistics"),
    (
        "058",
        "Inter-disciplinary programmes and qualifications involving natural sciences, mathematics and statistics",
    ),
    ("06", "Information and Communication Technologies (ICTs)"),
    ("061", "Information and Communication Technologies (ICTs)"),
    (
        "068",
        "Inter-disciplinary programmes and qualifications involving Information and Communication Technologies (ICTs)",
    ),
    ("07", "Engineering, manufacturing and construction"),
    ("071", "Engineering and engineering trades"),
    ("072", "Manufacturing and processing"),
    ("073", "Architecture and construction"),
    (
        "078",
        "Inter-disciplinary programmes and qualifications involving engineering, manufacturing and construction",
    ),
    ("08", "Agriculture, forestry, fisheries and veterinary"),
    ("081", "Agriculture"),
    ("082", "Forestry"),
    ("083", "Fisheries"),
    ("084", "Veterinary"),
    (
        "088",
        "Inter-disciplinary programmes and qualifications involving agriculture, forestry, fisheries and veterinary",
    ),
    ("09", "Health and welfare"),
    ("091", "Health"),
    ("092", "Welfare"),
    (
        "098",
        "Inter-disciplinary programmes and qualifications involving health and welfare",
    ),
    ("10", "Services"),
    ("101", "Personal services"),
    ("102", "Hygiene and occupational health services"),
    ("103", "Security services"),
    ("104", "Transport services"),
    (
        "108",
        "Inter-disciplinary programmes and qualifications involving services",
    ),
    ("99", "Field unknown"),
    ("999", "Field unknown"),
];
