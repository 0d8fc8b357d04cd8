//! The JSON feeds: `clearinghouse-json` (a JSON array for demo-tu, JSON Lines for
//! demo-lyon, the canonical model as `formats/src/clearinghouse_json.rs` reads it), ELM v3
//! JSON-LD (an `@graph` of `LearningOpportunity` nodes, each with its inline
//! `LearningAchievementSpecification`, and the `Organisation` they are `providedBy`, as
//! `formats/src/elm.rs` maps them) and Open Badges 3.0 (an array of `Achievement`s whose
//! `creator` names the institution, as `formats/src/open_badges.rs` reads them).

use bench::corpus::vocab::EN;

use super::{course_code, field_label, handwritten, number, page, upstream_id};
use crate::json::J;
use crate::network::INSTITUTIONS;
use crate::plan::{Course, Kind, Mode};
use crate::text::{self, CAMPUS, Lt, code};

/// A language map.
fn lang_map(text: &Lt) -> J {
    J::Obj(
        text.0
            .iter()
            .map(|(lang, value)| ((*lang).to_owned(), J::s(value)))
            .collect(),
    )
}

fn lang_map_opt(text: &Lt) -> Option<J> {
    (!text.is_empty()).then(|| lang_map(text))
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::MicroCredential => "micro-credential",
        Kind::Course | Kind::Mooc => "course",
        Kind::Module => "module",
        Kind::Badge => "badge",
    }
}

/// One record in `clearinghouse-json`.
fn canonical_record(course: &Course) -> J {
    let institution = course.institution();
    let texts = text::texts(course);
    let own = code(institution.lang);
    let name = Lt(vec![(institution.name_lang, institution.name.to_owned())]);
    let languages: Vec<&str> = {
        let mut languages: Vec<&str> = course.offers.iter().map(|o| code(o.language)).collect();
        if languages.is_empty() {
            languages.push(own);
        }
        languages.dedup();
        languages
    };
    let offers: Vec<J> = course
        .offers
        .iter()
        .map(|offer| {
            let venue = match offer.mode {
                Mode::Online => Lt(vec![(code(offer.language), "Online".to_owned())]),
                _ => Lt(vec![(own, CAMPUS[course.institution].to_owned())]),
            };
            J::obj()
                .with("start", J::s(offer.start.iso()))
                .with("end", J::s(offer.end.iso()))
                .with_opt(
                    "application_deadline",
                    offer.deadline.map(|d| J::s(d.iso())),
                )
                .with("languages", J::strs(&[code(offer.language)]))
                .with("venue", lang_map(&venue))
                .with("participation", J::s(offer.mode.as_str()))
                .with_opt(
                    "cost",
                    offer.fee.map(|fee| {
                        J::s(if fee == 0 {
                            "free of charge".to_owned()
                        } else {
                            format!("{fee} EUR")
                        })
                    }),
                )
        })
        .collect();
    J::obj()
        .with("id", J::s(course_code(course)))
        .with("kind", J::s(kind_name(course.kind)))
        .with("title", lang_map(&texts.title))
        .with("description", lang_map(&texts.description))
        .with_opt(
            "learning_outcomes",
            (!texts.outcomes.is_empty()).then(|| {
                J::Arr(
                    texts
                        .outcomes
                        .iter()
                        .map(|outcome| J::obj().with("text", lang_map(outcome)))
                        .collect(),
                )
            }),
        )
        .with(
            "awarding_body",
            J::obj()
                .with("name", lang_map(&name))
                .with("country", J::s(institution.country))
                .with("url", J::s(institution.homepage)),
        )
        .with_opt(
            "credits",
            course.ects.map(|ects| {
                J::obj()
                    .with("value", J::Num(ects))
                    .with("scheme", J::s("ects"))
            }),
        )
        .with_opt("workload_hours", course.hours().map(J::Num))
        .with_opt("eqf_level", course.eqf.map(|l| J::Num(f64::from(l))))
        .with_opt("assessment", lang_map_opt(&texts.assessment))
        .with("participation", J::strs(&[course.mode.as_str()]))
        .with_opt("quality_assurance", lang_map_opt(&texts.quality))
        .with("languages", J::strs(&languages))
        .with("isced_fields", J::strs(&[course.isced]))
        .with("keywords", J::strs(&texts.keywords))
        .with_opt("prerequisites", lang_map_opt(&texts.prerequisites))
        .with_opt("stackability", lang_map_opt(&texts.stackability))
        .with("url", J::s(page(course)))
        .with_opt("offers", (!offers.is_empty()).then_some(J::Arr(offers)))
        .with("modified", J::s(course.modified_at()))
}

/// demo-tu's feed: the hand-written records, then the generated ones, one JSON array
/// indented by one space as the hand-written file was.
pub fn clearinghouse_json_array(courses: &[Course]) -> String {
    let hand = handwritten::TU.trim_end();
    let hand = hand
        .strip_suffix(']')
        .expect("the hand-written demo-tu feed is a JSON array")
        .trim_end();
    let mut out = String::from(hand);
    for course in courses {
        out.push_str(",\n");
        let pretty = canonical_record(course).pretty(1);
        let indented: Vec<String> = pretty.lines().map(|line| format!(" {line}")).collect();
        out.push_str(&indented.join("\n"));
    }
    out.push_str("\n]\n");
    out
}

/// demo-lyon's feed: the hand-written lines, then one line per generated record.
pub fn clearinghouse_json_lines(courses: &[Course]) -> String {
    let mut out = String::from(handwritten::LYON);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for course in courses {
        out.push_str(&canonical_record(course).compact());
        out.push('\n');
    }
    out
}

/// The EU language authority code of a language.
fn language_authority(lang: &str) -> &'static str {
    match lang {
        "en" => "ENG",
        "de" => "DEU",
        "fr" => "FRA",
        "es" => "SPA",
        "it" => "ITA",
        "pl" => "POL",
        other => unreachable!("no authority code for {other}"),
    }
}

fn concept(uri: String) -> J {
    J::obj().with("id", J::s(uri)).with("type", J::s("Concept"))
}

fn elm_mode(mode: Mode) -> J {
    let code = match mode {
        Mode::Online => "920fbb3cbe",
        Mode::OnSite => "9191af2ed9",
        Mode::Blended => "e92d221e4d",
    };
    concept(format!(
        "http://data.europa.eu/snb/learning-assessment/{code}"
    ))
}

fn elm_type(kind: Kind) -> J {
    let code = match kind {
        Kind::MicroCredential => "74a4a268e8",
        Kind::Course | Kind::Badge => "05053c1cbe",
        Kind::Module => "0f7dac46ca",
        Kind::Mooc => "17744a2647",
    };
    concept(format!(
        "http://data.europa.eu/snb/learning-opportunity/{code}"
    ))
}

/// The id of the institution's `Organisation` node.
fn organisation_id(index: usize) -> String {
    format!("https://data.{}/organisation", INSTITUTIONS[index].domain)
}

fn organisation(index: usize) -> J {
    let institution = &INSTITUTIONS[index];
    let id = organisation_id(index);
    let legal_name = vec![(institution.name_lang, institution.name.to_owned())];
    J::obj()
        .with("id", J::s(&id))
        .with("type", J::s("Organisation"))
        .with("legalName", lang_map(&Lt(legal_name)))
        .with(
            "location",
            J::obj()
                .with("id", J::s(format!("{id}#location")))
                .with("type", J::s("Location"))
                .with(
                    "address",
                    J::obj()
                        .with("id", J::s(format!("{id}#address")))
                        .with("type", J::s("Address"))
                        .with(
                            "countryCode",
                            concept(format!(
                                "http://publications.europa.eu/resource/authority/country/{}",
                                institution.country_alpha3
                            )),
                        ),
                ),
        )
        .with(
            "homepage",
            J::obj()
                .with("id", J::s(format!("{id}#homepage")))
                .with("type", J::s("WebResource"))
                .with("contentURL", J::s(institution.homepage)),
        )
}

/// One learning opportunity with its specification.
pub fn elm_opportunity(course: &Course) -> J {
    let id = upstream_id(course).expect("ELM records have ids");
    let spec_id = id
        .replace("/oferta/", "/especificacion/")
        .replace("/loq/", "/las/");
    let texts = text::texts(course);
    let languages: Vec<J> = {
        let mut codes: Vec<&str> = course.offers.iter().map(|o| code(o.language)).collect();
        if codes.is_empty() {
            codes.push(code(course.institution().lang));
        }
        codes.dedup();
        codes
            .iter()
            .map(|lang| {
                concept(format!(
                    "http://publications.europa.eu/resource/authority/language/{}",
                    language_authority(lang)
                ))
            })
            .collect()
    };
    let outcomes: Vec<J> = texts
        .outcomes
        .iter()
        .enumerate()
        .map(|(k, outcome)| {
            J::obj()
                .with("id", J::s(format!("{spec_id}#outcome-{}", k + 1)))
                .with("type", J::s("LearningOutcome"))
                .with("title", lang_map(outcome))
        })
        .collect();
    let stackability = course.stackable.then(|| {
        let name = Lt(text::text_languages(course)
            .into_iter()
            .map(|lang| (code(lang), text::certificate_name(course, lang)))
            .collect());
        J::Arr(vec![
            J::obj()
                .with("id", J::s(format!("{spec_id}#certificate")))
                .with("type", J::s("LearningAchievementSpecification"))
                .with("title", lang_map(&name)),
        ])
    });
    let spec = J::obj()
        .with("id", J::s(&spec_id))
        .with("type", J::s("LearningAchievementSpecification"))
        .with("title", lang_map(&texts.title))
        .with_opt(
            "learningOutcome",
            (!outcomes.is_empty()).then_some(J::Arr(outcomes)),
        )
        .with_opt(
            "creditPoint",
            course.ects.map(|ects| {
                J::Arr(vec![
                    J::obj()
                        .with("id", J::s(format!("{spec_id}#credit")))
                        .with("type", J::s("CreditPoint"))
                        .with(
                            "framework",
                            concept(
                                "http://data.europa.eu/snb/education-credit/6fcec5c5af".to_owned(),
                            ),
                        )
                        .with("point", J::s(number(ects))),
                ])
            }),
        )
        .with_opt(
            "volumeOfLearning",
            course
                .hours()
                .map(|hours| J::s(format!("PT{}H", number(hours)))),
        )
        .with_opt(
            "eqfLevel",
            course
                .eqf
                .map(|level| concept(format!("http://data.europa.eu/snb/eqf/{level}"))),
        )
        .with(
            "thematicArea",
            J::Arr(vec![concept(format!(
                "http://data.europa.eu/snb/isced-f/{}",
                course.isced
            ))]),
        )
        .with("language", J::Arr(languages))
        .with("mode", J::Arr(vec![elm_mode(course.mode)]))
        .with("dcType", elm_type(course.kind))
        .with_opt(
            "entryRequirement",
            (!texts.prerequisites.is_empty()).then(|| {
                J::obj()
                    .with("id", J::s(format!("{spec_id}#entry")))
                    .with("type", J::s("Note"))
                    .with("noteLiteral", lang_map(&texts.prerequisites))
            }),
        )
        .with_opt(
            "provenBy",
            lang_map_opt(&texts.assessment).map(|title| {
                J::Arr(vec![
                    J::obj()
                        .with("id", J::s(format!("{spec_id}#assessment")))
                        .with("type", J::s("LearningAssessmentSpecification"))
                        .with("title", title),
                ])
            }),
        )
        .with_opt(
            "accreditation",
            lang_map_opt(&texts.quality).map(|title| {
                J::Arr(vec![
                    J::obj()
                        .with("id", J::s(format!("{spec_id}#accreditation")))
                        .with("type", J::s("Accreditation"))
                        .with("title", title),
                ])
            }),
        )
        .with_opt("isPartOf", stackability);
    let offer = course.offers.first();
    J::obj()
        .with("id", J::s(&id))
        .with("type", J::s("LearningOpportunity"))
        .with("title", lang_map(&texts.title))
        .with("description", lang_map(&texts.description))
        .with(
            "homepage",
            J::obj()
                .with("id", J::s(format!("{id}#homepage")))
                .with("type", J::s("WebResource"))
                .with("contentURL", J::s(page(course))),
        )
        .with(
            "identifier",
            J::Arr(vec![
                J::obj()
                    .with("id", J::s(format!("{id}#code")))
                    .with("type", J::s("Identifier"))
                    .with("schemeName", J::s("course code"))
                    .with("notation", J::s(course_code(course))),
            ]),
        )
        .with("learningAchievementSpecification", spec)
        .with_opt(
            "temporal",
            offer.map(|offer| {
                J::obj()
                    .with("id", J::s(format!("{id}#period")))
                    .with("type", J::s("PeriodOfTime"))
                    .with("startDate", J::s(format!("{}T00:00:00", offer.start.iso())))
                    .with("endDate", J::s(format!("{}T23:59:59", offer.end.iso())))
            }),
        )
        .with_opt(
            "applicationDeadline",
            offer
                .and_then(|offer| offer.deadline)
                .map(|d| J::Arr(vec![J::s(format!("{}T23:59:59", d.iso()))])),
        )
        .with_opt(
            "location",
            offer.filter(|offer| offer.mode != Mode::Online).map(|_| {
                J::obj()
                    .with("id", J::s(format!("{id}#location")))
                    .with("type", J::s("Location"))
                    .with(
                        "geographicName",
                        lang_map(&Lt(vec![(
                            code(course.institution().lang),
                            CAMPUS[course.institution].to_owned(),
                        )])),
                    )
            }),
        )
        .with_opt(
            "mode",
            offer.map(|offer| J::Arr(vec![elm_mode(offer.mode)])),
        )
        .with(
            "providedBy",
            J::obj()
                .with("id", J::s(organisation_id(course.institution)))
                .with("type", J::s("Organisation")),
        )
        .with("modified", J::s(course.modified_at()))
}

/// An ELM feed: the organisation, then one learning opportunity per record.
pub fn elm(index: usize, courses: &[Course]) -> String {
    let mut graph = vec![organisation(index)];
    graph.extend(courses.iter().map(elm_opportunity));
    J::obj()
        .with(
            "@context",
            J::s("http://data.europa.eu/snb/model/context/edc-ap"),
        )
        .with("@graph", J::Arr(graph))
        .pretty(2)
        + "\n"
}

/// An Open Badges feed: one `Achievement` per record.
pub fn open_badges(courses: &[Course]) -> String {
    J::Arr(courses.iter().map(achievement).collect()).pretty(2) + "\n"
}

fn achievement(course: &Course) -> J {
    let institution = course.institution();
    let id = upstream_id(course).expect("badges have ids");
    let texts = text::texts(course);
    let mut description = texts.description.first().to_owned();
    if let Some(outcomes) = text::outcomes_paragraph(course, EN) {
        description.push(' ');
        description.push_str(&outcomes);
    }
    let achievement_type = match course.kind {
        Kind::MicroCredential => "MicroCredential",
        Kind::Course | Kind::Mooc | Kind::Module => "Course",
        Kind::Badge => "Badge",
    };
    let mut alignment = Vec::new();
    if let Some(level) = course.eqf {
        alignment.push(
            J::obj()
                .with("type", J::strs(&["Alignment"]))
                .with("targetName", J::s(format!("EQF level {level}")))
                .with(
                    "targetUrl",
                    J::s(format!("http://data.europa.eu/snb/eqf/{level}")),
                )
                .with("targetFramework", J::s("European Qualifications Framework")),
        );
    }
    alignment.push(
        J::obj()
            .with("type", J::strs(&["Alignment"]))
            .with("targetName", J::s(format!("ISCED-F {}", course.isced)))
            .with(
                "targetUrl",
                J::s(format!(
                    "http://data.europa.eu/snb/isced-f/{}",
                    course.isced
                )),
            )
            .with("targetFramework", J::s("ISCED-F 2013")),
    );
    let endorsement = (!texts.quality.is_empty()).then(|| {
        J::Arr(vec![
            J::obj()
                .with(
                    "@context",
                    J::strs(&[
                        "https://www.w3.org/ns/credentials/v2",
                        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                    ]),
                )
                .with("id", J::s(format!("{id}/endorsements/quality")))
                .with(
                    "type",
                    J::strs(&["VerifiableCredential", "EndorsementCredential"]),
                )
                .with(
                    "issuer",
                    J::obj()
                        .with("id", J::s(format!("{}quality/", institution.homepage)))
                        .with("type", J::strs(&["Profile"]))
                        .with(
                            "name",
                            J::s("Quality Office, ".to_owned() + institution.name),
                        ),
                )
                .with("validFrom", J::s("2026-01-15T00:00:00Z"))
                .with(
                    "credentialSubject",
                    J::obj()
                        .with("id", J::s(&id))
                        .with("type", J::strs(&["EndorsementSubject"]))
                        .with("endorsementComment", J::s(texts.quality.first())),
                ),
        ])
    });
    J::obj()
        .with(
            "@context",
            J::strs(&[
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ]),
        )
        .with("id", J::s(&id))
        .with("type", J::strs(&["Achievement"]))
        .with("achievementType", J::s(achievement_type))
        .with("name", J::s(texts.title.first()))
        .with("description", J::s(description))
        .with(
            "criteria",
            J::obj().with("id", J::s(page(course))).with_opt(
                "narrative",
                texts.assessment.0.first().map(|(_, t)| J::s(t)),
            ),
        )
        .with(
            "image",
            J::obj()
                .with(
                    "id",
                    J::s(format!(
                        "https://badges.{}/images/{}.png",
                        institution.domain,
                        course_code(course).to_lowercase()
                    )),
                )
                .with("type", J::s("Image")),
        )
        .with_opt("creditsAvailable", course.ects.map(J::Num))
        .with("fieldOfStudy", J::s(field_label(course)))
        .with("humanCode", J::s(course_code(course)))
        .with("inLanguage", J::s("en"))
        .with("tag", J::strs(&texts.keywords))
        .with("alignment", J::Arr(alignment))
        .with(
            "creator",
            J::obj()
                .with("id", J::s(institution.homepage))
                .with("type", J::strs(&["Profile"]))
                .with("name", J::s(institution.name))
                .with("url", J::s(institution.homepage))
                .with(
                    "address",
                    J::obj()
                        .with("type", J::strs(&["Address"]))
                        .with("addressLocality", J::s(institution.city))
                        .with("addressCountry", J::s(country_name(institution.country)))
                        .with("addressCountryCode", J::s(institution.country)),
                ),
        )
        .with_opt("endorsement", endorsement)
}

/// The English name of a country of the network.
fn country_name(country: &str) -> &'static str {
    match country {
        "DE" => "Germany",
        "FR" => "France",
        "PL" => "Poland",
        "ES" => "Spain",
        "IT" => "Italy",
        "FI" => "Finland",
        "IE" => "Ireland",
        "NL" => "Netherlands",
        other => unreachable!("no name for {other}"),
    }
}
