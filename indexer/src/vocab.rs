//! EU vocabularies and classification tables: turns the concept URIs that ELM, QDR and
//! EDC publish (EQF levels, ISCED-F fields, languages, countries, credit systems, learning
//! modes, learning-opportunity types) into the codes of the canonical model, and gives
//! the official English labels of the ISCED-F 2013 broad and narrow fields for facets.
//!
//! A URI of a known vocabulary whose concept is not in the tables is reported by the
//! caller as an [`model::Issue::note`]: [`UnknownConcept`] carries the message.

use std::fmt;

use model::{Country, CreditScheme, EqfLevel, IscedCode, Kind, LangTag, Participation};

/// A concept URI that could not be turned into a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownConcept {
    /// Which vocabulary was expected ("EQF level", "ISCED-F field", ...).
    pub vocabulary: &'static str,
    /// The URI or code as published.
    pub value: String,
}

impl fmt::Display for UnknownConcept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}: not in the vocabulary the clearinghouse knows",
            self.vocabulary, self.value
        )
    }
}

impl UnknownConcept {
    fn new(vocabulary: &'static str, value: &str) -> UnknownConcept {
        UnknownConcept {
            vocabulary,
            value: value.trim().to_owned(),
        }
    }

    /// The problem as an issue note for the conformance report.
    pub fn issue(&self) -> model::Issue {
        model::Issue::note(self.to_string())
    }
}

/// The last path segment of a URI (`ENG` of `.../language/ENG`), or the text itself.
pub fn last_segment(uri: &str) -> &str {
    let trimmed = uri.trim().trim_end_matches('/');
    trimmed.rsplit(['/', '#']).next().unwrap_or(trimmed)
}

/// The segment after `marker` in `uri` (`.../snb/eqf/6` with marker `/snb/eqf/` gives `6`).
fn after<'a>(uri: &'a str, marker: &str) -> Option<&'a str> {
    let uri = uri.trim();
    let start = uri.find(marker)? + marker.len();
    let rest = uri[start..].trim_end_matches('/');
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

/// An EQF level from `http://data.europa.eu/snb/eqf/N` (N from 1 to 8).
pub fn eqf_level(uri: &str) -> Result<EqfLevel, UnknownConcept> {
    after(uri, "/snb/eqf/")
        .and_then(|level| level.parse::<u8>().ok())
        .and_then(|level| EqfLevel::new(level).ok())
        .ok_or_else(|| UnknownConcept::new("EQF level URI", uri))
}

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

/// A language from `http://publications.europa.eu/resource/authority/language/ENG`
/// (or a bare ISO 639 code), as a BCP 47 tag: the ISO 639-1 code where there is one.
pub fn language(uri_or_code: &str) -> Result<LangTag, UnknownConcept> {
    let code = if uri_or_code.contains("/authority/language/") {
        after(uri_or_code, "/authority/language/")
    } else if uri_or_code.contains('/') {
        None
    } else {
        Some(uri_or_code.trim())
    };
    code.and_then(|code| {
        let lower = code.to_ascii_lowercase();
        let two = ISO_639_2_TO_1
            .iter()
            .find(|(three, _)| *three == lower)
            .map(|(_, two)| *two);
        let tag = match (two, lower.len()) {
            (Some(two), _) => two.to_owned(),
            (None, 2 | 3) if lower.bytes().all(|b| b.is_ascii_lowercase()) => lower,
            _ => return None,
        };
        LangTag::parse(&tag).ok()
    })
    .ok_or_else(|| UnknownConcept::new("language URI", uri_or_code))
}

/// A country from `http://publications.europa.eu/resource/authority/country/DEU`, or
/// a bare ISO 3166-1 alpha-3 or alpha-2 code, as alpha-2.
pub fn country(uri_or_code: &str) -> Result<Country, UnknownConcept> {
    let code = if uri_or_code.contains("/authority/country/") {
        after(uri_or_code, "/authority/country/")
    } else if uri_or_code.contains('/') {
        None
    } else {
        Some(uri_or_code.trim())
    };
    code.and_then(|code| {
        let upper = code.to_ascii_uppercase();
        match upper.len() {
            2 => Country::parse(&upper).ok(),
            3 => ALPHA3_TO_ALPHA2
                .iter()
                .chain(EXTRA_ALPHA3)
                .find(|(three, _)| *three == upper)
                .and_then(|(_, two)| Country::parse(two).ok()),
            _ => None,
        }
    })
    .ok_or_else(|| UnknownConcept::new("country URI", uri_or_code))
}

/// The credit system of an ELM `framework` URI (`http://data.europa.eu/snb/education-credit/…`).
pub fn credit_scheme(uri: &str) -> Result<CreditScheme, UnknownConcept> {
    let segment = last_segment(uri);
    if segment == "6fcec5c5af" || segment.eq_ignore_ascii_case("ects") {
        Ok(CreditScheme::Ects)
    } else {
        Err(UnknownConcept::new("credit system URI", uri))
    }
}

/// The form of participation of an ELM learning (and assessment) mode URI
/// (`http://data.europa.eu/snb/learning-assessment/…`). Known modes that are not a
/// form of participation (project based, research-lab based) give `Ok(None)`.
pub fn participation(uri: &str) -> Result<Option<Participation>, UnknownConcept> {
    let found = LEARNING_MODES
        .iter()
        .find(|(code, _, _)| *code == last_segment(uri));
    match found {
        Some((_, _, mode)) => Ok(*mode),
        None => Err(UnknownConcept::new("learning mode URI", uri)),
    }
}

/// The kind and English label of an ELM learning-opportunity type URI
/// (`http://data.europa.eu/snb/learning-opportunity/…`).
pub fn learning_opportunity_type(uri: &str) -> Result<(Kind, &'static str), UnknownConcept> {
    LEARNING_OPPORTUNITY_TYPES
        .iter()
        .find(|(code, _, _)| *code == last_segment(uri))
        .map(|(_, label, kind)| (*kind, *label))
        .ok_or_else(|| UnknownConcept::new("learning opportunity type URI", uri))
}

/// The English label of a concept of the EU vocabularies above, where known.
pub fn concept_label(uri: &str) -> Option<&'static str> {
    let segment = last_segment(uri);
    if uri.contains("/learning-assessment/") {
        return LEARNING_MODES
            .iter()
            .find(|(code, _, _)| *code == segment)
            .map(|(_, label, _)| *label);
    }
    if uri.contains("/learning-opportunity/") {
        return learning_opportunity_type(uri).ok().map(|(_, label)| label);
    }
    if uri.contains("/isced-f/") {
        return isced_field(uri)
            .ok()
            .and_then(|code| isced_label(code.as_str()));
    }
    if uri.contains("/education-credit/") && credit_scheme(uri).is_ok() {
        return Some("European Credit Transfer and Accumulation System (ECTS)");
    }
    None
}

/// ELM learning and assessment modes: concept, English label, form of participation.
const LEARNING_MODES: &[(&str, &str, Option<Participation>)] = &[
    ("729f3bed4b", "Workbased", Some(Participation::OnSite)),
    ("7813801c77", "Project based", None),
    ("9191af2ed9", "Presential", Some(Participation::OnSite)),
    ("920fbb3cbe", "Online", Some(Participation::Online)),
    ("e92d221e4d", "Blended", Some(Participation::Blended)),
    ("ed4c557045", "Research-Lab based", None),
];

/// ELM learning-opportunity types: concept, English label, kind. A short learning
/// programme is the EHEA's name for a micro-credential-sized programme.
const LEARNING_OPPORTUNITY_TYPES: &[(&str, &str, Kind)] = &[
    ("05053c1cbe", "Course", Kind::Course),
    ("0f7dac46ca", "Programme module", Kind::Module),
    ("11252a5207", "Mentoring", Kind::Course),
    ("17744a2647", "MOOC", Kind::Course),
    ("63f9f6180c", "Apprenticeship", Kind::Programme),
    ("65a4cf5de2", "Study visit", Kind::Course),
    (
        "74a4a268e8",
        "Short learning programme",
        Kind::MicroCredential,
    ),
    ("77b99de990", "Internship", Kind::Course),
    ("79343569f3", "Educational programme", Kind::Programme),
    ("7e1ac538db", "Class", Kind::Module),
    ("8b965da2d4", "Service learning", Kind::Course),
    ("b2434ca358", "Thesis", Kind::Module),
];

/// ISCED-F 2013 broad and narrow fields with their official English names
/// (UNESCO Institute for Statistics, ISCED Fields of Education and Training 2013).
const ISCED_F_FIELDS: &[(&str, &str)] = &[
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

/// Codes of the EU country authority table that are not ISO 3166-1 alpha-3.
const EXTRA_ALPHA3: &[(&str, &str)] = &[("XKX", "XK"), ("UK", "GB")];

/// ISO 639-2 (terminologic and bibliographic) codes with an ISO 639-1 equivalent (from the
/// Debian iso-codes tables).
const ISO_639_2_TO_1: &[(&str, &str)] = &[
    ("aar", "aa"),
    ("abk", "ab"),
    ("afr", "af"),
    ("aka", "ak"),
    ("alb", "sq"),
    ("amh", "am"),
    ("ara", "ar"),
    ("arg", "an"),
    ("arm", "hy"),
    ("asm", "as"),
    ("ava", "av"),
    ("ave", "ae"),
    ("aym", "ay"),
    ("aze", "az"),
    ("bak", "ba"),
    ("bam", "bm"),
    ("baq", "eu"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bih", "bh"),
    ("bis", "bi"),
    ("bod", "bo"),
    ("bos", "bs"),
    ("bre", "br"),
    ("bul", "bg"),
    ("bur", "my"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cha", "ch"),
    ("che", "ce"),
    ("chi", "zh"),
    ("chu", "cu"),
    ("chv", "cv"),
    ("cor", "kw"),
    ("cos", "co"),
    ("cre", "cr"),
    ("cym", "cy"),
    ("cze", "cs"),
    ("dan", "da"),
    ("deu", "de"),
    ("div", "dv"),
    ("dut", "nl"),
    ("dzo", "dz"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("eus", "eu"),
    ("ewe", "ee"),
    ("fao", "fo"),
    ("fas", "fa"),
    ("fij", "fj"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("fry", "fy"),
    ("ful", "ff"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gla", "gd"),
    ("gle", "ga"),
    ("glg", "gl"),
    ("glv", "gv"),
    ("gre", "el"),
    ("grn", "gn"),
    ("guj", "gu"),
    ("hat", "ht"),
    ("hau", "ha"),
    ("heb", "he"),
    ("her", "hz"),
    ("hin", "hi"),
    ("hmo", "ho"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ibo", "ig"),
    ("ice", "is"),
    ("ido", "io"),
    ("iii", "ii"),
    ("iku", "iu"),
    ("ile", "ie"),
    ("ina", "ia"),
    ("ind", "id"),
    ("ipk", "ik"),
    ("isl", "is"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kal", "kl"),
    ("kan", "kn"),
    ("kas", "ks"),
    ("kat", "ka"),
    ("kau", "kr"),
    ("kaz", "kk"),
    ("khm", "km"),
    ("kik", "ki"),
    ("kin", "rw"),
    ("kir", "ky"),
    ("kom", "kv"),
    ("kon", "kg"),
    ("kor", "ko"),
    ("kua", "kj"),
    ("kur", "ku"),
    ("lao", "lo"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lim", "li"),
    ("lin", "ln"),
    ("lit", "lt"),
    ("ltz", "lb"),
    ("lub", "lu"),
    ("lug", "lg"),
    ("mac", "mk"),
    ("mah", "mh"),
    ("mal", "ml"),
    ("mao", "mi"),
    ("mar", "mr"),
    ("may", "ms"),
    ("mkd", "mk"),
    ("mlg", "mg"),
    ("mlt", "mt"),
    ("mon", "mn"),
    ("mri", "mi"),
    ("msa", "ms"),
    ("mya", "my"),
    ("nau", "na"),
    ("nav", "nv"),
    ("nbl", "nr"),
    ("nde", "nd"),
    ("ndo", "ng"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nno", "nn"),
    ("nob", "nb"),
    ("nor", "no"),
    ("nya", "ny"),
    ("oci", "oc"),
    ("oji", "oj"),
    ("ori", "or"),
    ("orm", "om"),
    ("oss", "os"),
    ("pan", "pa"),
    ("per", "fa"),
    ("pli", "pi"),
    ("pol", "pl"),
    ("por", "pt"),
    ("pus", "ps"),
    ("que", "qu"),
    ("roh", "rm"),
    ("ron", "ro"),
    ("rum", "ro"),
    ("run", "rn"),
    ("rus", "ru"),
    ("sag", "sg"),
    ("san", "sa"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slo", "sk"),
    ("slv", "sl"),
    ("sme", "se"),
    ("smo", "sm"),
    ("sna", "sn"),
    ("snd", "sd"),
    ("som", "so"),
    ("sot", "st"),
    ("spa", "es"),
    ("sqi", "sq"),
    ("srd", "sc"),
    ("srp", "sr"),
    ("ssw", "ss"),
    ("sun", "su"),
    ("swa", "sw"),
    ("swe", "sv"),
    ("tah", "ty"),
    ("tam", "ta"),
    ("tat", "tt"),
    ("tel", "te"),
    ("tgk", "tg"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tib", "bo"),
    ("tir", "ti"),
    ("ton", "to"),
    ("tsn", "tn"),
    ("tso", "ts"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("twi", "tw"),
    ("uig", "ug"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("ven", "ve"),
    ("vie", "vi"),
    ("vol", "vo"),
    ("wel", "cy"),
    ("wln", "wa"),
    ("wol", "wo"),
    ("xho", "xh"),
    ("yid", "yi"),
    ("yor", "yo"),
    ("zha", "za"),
    ("zho", "zh"),
    ("zul", "zu"),
];

/// ISO 3166-1 alpha-3 to alpha-2 (from the Debian iso-codes tables).
const ALPHA3_TO_ALPHA2: &[(&str, &str)] = &[
    ("ABW", "AW"),
    ("AFG", "AF"),
    ("AGO", "AO"),
    ("AIA", "AI"),
    ("ALA", "AX"),
    ("ALB", "AL"),
    ("AND", "AD"),
    ("ARE", "AE"),
    ("ARG", "AR"),
    ("ARM", "AM"),
    ("ASM", "AS"),
    ("ATA", "AQ"),
    ("ATF", "TF"),
    ("ATG", "AG"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("AZE", "AZ"),
    ("BDI", "BI"),
    ("BEL", "BE"),
    ("BEN", "BJ"),
    ("BES", "BQ"),
    ("BFA", "BF"),
    ("BGD", "BD"),
    ("BGR", "BG"),
    ("BHR", "BH"),
    ("BHS", "BS"),
    ("BIH", "BA"),
    ("BLM", "BL"),
    ("BLR", "BY"),
    ("BLZ", "BZ"),
    ("BMU", "BM"),
    ("BOL", "BO"),
    ("BRA", "BR"),
    ("BRB", "BB"),
    ("BRN", "BN"),
    ("BTN", "BT"),
    ("BVT", "BV"),
    ("BWA", "BW"),
    ("CAF", "CF"),
    ("CAN", "CA"),
    ("CCK", "CC"),
    ("CHE", "CH"),
    ("CHL", "CL"),
    ("CHN", "CN"),
    ("CIV", "CI"),
    ("CMR", "CM"),
    ("COD", "CD"),
    ("COG", "CG"),
    ("COK", "CK"),
    ("COL", "CO"),
    ("COM", "KM"),
    ("CPV", "CV"),
    ("CRI", "CR"),
    ("CUB", "CU"),
    ("CUW", "CW"),
    ("CXR", "CX"),
    ("CYM", "KY"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DEU", "DE"),
    ("DJI", "DJ"),
    ("DMA", "DM"),
    ("DNK", "DK"),
    ("DOM", "DO"),
    ("DZA", "DZ"),
    ("ECU", "EC"),
    ("EGY", "EG"),
    ("ERI", "ER"),
    ("ESH", "EH"),
    ("ESP", "ES"),
    ("EST", "EE"),
    ("ETH", "ET"),
    ("FIN", "FI"),
    ("FJI", "FJ"),
    ("FLK", "FK"),
    ("FRA", "FR"),
    ("FRO", "FO"),
    ("FSM", "FM"),
    ("GAB", "GA"),
    ("GBR", "GB"),
    ("GEO", "GE"),
    ("GGY", "GG"),
    ("GHA", "GH"),
    ("GIB", "GI"),
    ("GIN", "GN"),
    ("GLP", "GP"),
    ("GMB", "GM"),
    ("GNB", "GW"),
    ("GNQ", "GQ"),
    ("GRC", "GR"),
    ("GRD", "GD"),
    ("GRL", "GL"),
    ("GTM", "GT"),
    ("GUF", "GF"),
    ("GUM", "GU"),
    ("GUY", "GY"),
    ("HKG", "HK"),
    ("HMD", "HM"),
    ("HND", "HN"),
    ("HRV", "HR"),
    ("HTI", "HT"),
    ("HUN", "HU"),
    ("IDN", "ID"),
    ("IMN", "IM"),
    ("IND", "IN"),
    ("IOT", "IO"),
    ("IRL", "IE"),
    ("IRN", "IR"),
    ("IRQ", "IQ"),
    ("ISL", "IS"),
    ("ISR", "IL"),
    ("ITA", "IT"),
    ("JAM", "JM"),
    ("JEY", "JE"),
    ("JOR", "JO"),
    ("JPN", "JP"),
    ("KAZ", "KZ"),
    ("KEN", "KE"),
    ("KGZ", "KG"),
    ("KHM", "KH"),
    ("KIR", "KI"),
    ("KNA", "KN"),
    ("KOR", "KR"),
    ("KWT", "KW"),
    ("LAO", "LA"),
    ("LBN", "LB"),
    ("LBR", "LR"),
    ("LBY", "LY"),
    ("LCA", "LC"),
    ("LIE", "LI"),
    ("LKA", "LK"),
    ("LSO", "LS"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("LVA", "LV"),
    ("MAC", "MO"),
    ("MAF", "MF"),
    ("MAR", "MA"),
    ("MCO", "MC"),
    ("MDA", "MD"),
    ("MDG", "MG"),
    ("MDV", "MV"),
    ("MEX", "MX"),
    ("MHL", "MH"),
    ("MKD", "MK"),
    ("MLI", "ML"),
    ("MLT", "MT"),
    ("MMR", "MM"),
    ("MNE", "ME"),
    ("MNG", "MN"),
    ("MNP", "MP"),
    ("MOZ", "MZ"),
    ("MRT", "MR"),
    ("MSR", "MS"),
    ("MTQ", "MQ"),
    ("MUS", "MU"),
    ("MWI", "MW"),
    ("MYS", "MY"),
    ("MYT", "YT"),
    ("NAM", "NA"),
    ("NCL", "NC"),
    ("NER", "NE"),
    ("NFK", "NF"),
    ("NGA", "NG"),
    ("NIC", "NI"),
    ("NIU", "NU"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NPL", "NP"),
    ("NRU", "NR"),
    ("NZL", "NZ"),
    ("OMN", "OM"),
    ("PAK", "PK"),
    ("PAN", "PA"),
    ("PCN", "PN"),
    ("PER", "PE"),
    ("PHL", "PH"),
    ("PLW", "PW"),
    ("PNG", "PG"),
    ("POL", "PL"),
    ("PRI", "PR"),
    ("PRK", "KP"),
    ("PRT", "PT"),
    ("PRY", "PY"),
    ("PSE", "PS"),
    ("PYF", "PF"),
    ("QAT", "QA"),
    ("REU", "RE"),
    ("ROU", "RO"),
    ("RUS", "RU"),
    ("RWA", "RW"),
    ("SAU", "SA"),
    ("SDN", "SD"),
    ("SEN", "SN"),
    ("SGP", "SG"),
    ("SGS", "GS"),
    ("SHN", "SH"),
    ("SJM", "SJ"),
    ("SLB", "SB"),
    ("SLE", "SL"),
    ("SLV", "SV"),
    ("SMR", "SM"),
    ("SOM", "SO"),
    ("SPM", "PM"),
    ("SRB", "RS"),
    ("SSD", "SS"),
    ("STP", "ST"),
    ("SUR", "SR"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("SWE", "SE"),
    ("SWZ", "SZ"),
    ("SXM", "SX"),
    ("SYC", "SC"),
    ("SYR", "SY"),
    ("TCA", "TC"),
    ("TCD", "TD"),
    ("TGO", "TG"),
    ("THA", "TH"),
    ("TJK", "TJ"),
    ("TKL", "TK"),
    ("TKM", "TM"),
    ("TLS", "TL"),
    ("TON", "TO"),
    ("TTO", "TT"),
    ("TUN", "TN"),
    ("TUR", "TR"),
    ("TUV", "TV"),
    ("TWN", "TW"),
    ("TZA", "TZ"),
    ("UGA", "UG"),
    ("UKR", "UA"),
    ("UMI", "UM"),
    ("URY", "UY"),
    ("USA", "US"),
    ("UZB", "UZ"),
    ("VAT", "VA"),
    ("VCT", "VC"),
    ("VEN", "VE"),
    ("VGB", "VG"),
    ("VIR", "VI"),
    ("VNM", "VN"),
    ("VUT", "VU"),
    ("WLF", "WF"),
    ("WSM", "WS"),
    ("YEM", "YE"),
    ("ZAF", "ZA"),
    ("ZMB", "ZM"),
    ("ZWE", "ZW"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eu_vocabulary_uris() {
        assert_eq!(
            eqf_level("http://data.europa.eu/snb/eqf/6").unwrap().get(),
            6
        );
        assert!(eqf_level("http://data.europa.eu/snb/eqf/9").is_err());
        assert_eq!(
            isced_field("http://data.europa.eu/snb/isced-f/0688")
                .unwrap()
                .as_str(),
            "0688"
        );
        assert_eq!(
            isced_field("http://data.europa.eu/snb/isced-f/003")
                .unwrap()
                .as_str(),
            "003"
        );
        let lang = |uri: &str| language(uri).map(|tag| tag.as_str().to_owned());
        assert_eq!(
            lang("http://publications.europa.eu/resource/authority/language/ENG").unwrap(),
            "en"
        );
        assert_eq!(
            lang("http://publications.europa.eu/resource/authority/language/EN").unwrap(),
            "en"
        );
        assert_eq!(
            lang("http://publications.europa.eu/resource/authority/language/SQO").unwrap(),
            "sqo"
        );
        assert!(
            lang("http://publications.europa.eu/resource/authority/language/OP_DATPRO").is_err()
        );
        let country_of = |uri: &str| country(uri).map(|c| c.as_str().to_owned());
        assert_eq!(
            country_of("http://publications.europa.eu/resource/authority/country/DEU").unwrap(),
            "DE"
        );
        assert_eq!(country_of("IRL").unwrap(), "IE");
        assert_eq!(country_of("GRC").unwrap(), "GR");
        assert!(
            country_of("http://publications.europa.eu/resource/authority/country/ZZZ").is_err()
        );
        assert_eq!(
            credit_scheme("http://data.europa.eu/snb/education-credit/6fcec5c5af").unwrap(),
            CreditScheme::Ects
        );
        assert!(credit_scheme("http://data.europa.eu/snb/education-credit/60b314e826").is_err());
        assert_eq!(
            participation("http://data.europa.eu/snb/learning-assessment/920fbb3cbe").unwrap(),
            Some(Participation::Online)
        );
        assert_eq!(
            participation("http://data.europa.eu/snb/learning-assessment/7813801c77").unwrap(),
            None
        );
        let unknown = participation("http://data.europa.eu/snb/learning-assessment/x").unwrap_err();
        assert!(unknown.issue().message.contains("learning mode"));
    }

    #[test]
    fn isced_codes_keep_their_precision() {
        for (text, expected) in [
            ("0613", Some("0613")),
            ("061", Some("061")),
            ("06", Some("06")),
            ("003", Some("003")),
            ("104", Some("104")),
            ("541", Some("0541")),
            ("4", Some("04")),
            ("0099", Some("0099")),
            ("1022", Some("1022")),
            ("77", None),
            ("12345", None),
            ("ab", None),
        ] {
            assert_eq!(
                isced_code(text)
                    .map(|code| code.as_str().to_owned())
                    .as_deref(),
                expected,
                "{text}"
            );
        }
        assert_eq!(
            isced_label("06"),
            Some("Information and Communication Technologies (ICTs)")
        );
        assert_eq!(isced_label("0541"), Some("Mathematics and statistics"));
        assert_eq!(isced_label("022"), Some("Humanities (except languages)"));
        assert_eq!(isced_label("11"), None);
        let broad = ISCED_F_FIELDS
            .iter()
            .filter(|(code, _)| code.len() == 2)
            .count();
        assert_eq!(broad, 12, "11 broad fields and 99 field unknown");
    }
}
