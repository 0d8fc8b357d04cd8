//! `ctdl`: Credential Engine's Credential Transparency Description Language (JSON-LD).
//!
//! Accepted: a single resource, an `@graph` bundle (the registry's "graph" endpoint), a
//! Credential Registry envelope (its `decoded_resource`, else the `resource` JWT decoded
//! without checking the signature; `deleted_at` makes a tombstone), or an array of any of
//! these. Records are the learning opportunities (`ceterms:Course`,
//! `ceterms:LearningProgram`, `ceterms:LearningOpportunityProfile`) and the credentials
//! (`ceterms:Credential` and its subclasses: degrees, diplomas, certificates,
//! certifications, licences, badges, micro-credentials); other nodes of a bundle
//! (organisations, condition profiles) are only read where records point at them.
//! Terms are read with or without their `ceterms:` prefix; contexts are never fetched.
//!
//! Mapping: `ctid` (the upstream id, else `@id`), `name`, `description` (language
//! maps, values strings or arrays), `inLanguage`, `subjectWebpage` (the page),
//! `keyword` and `subject` (keywords), `ownedBy` / `offeredBy` (the awarding body, its
//! country from `address.addressCountry` when the organisation is in the bundle),
//! `creditValue` value profiles (ECTS units → ECTS, clock and contact hours → workload
//! hours, other units kept by name; also the older `creditHourValue` / `creditUnitValue`),
//! `deliveryType` (form of participation), `entryCondition` condition profiles
//! (prerequisites: description and conditions), the `requires` condition profiles'
//! target learning opportunities and credentials and `hasPart` (contains), `isPartOf`
//! (stackability), `accreditedBy` / `approvedBy` / `recognizedBy` / `regulatedBy`
//! (quality assurance), `assessmentMethodDescription` and `assessmentMethodType`
//! (assessment), `teaches` competencies (learning outcomes), `lifeCycleStatusType` /
//! `credentialStatusType` (inactive when ceased, deprecated or suspended),
//! `codedNotation` (identifier).

use std::collections::HashMap;

use model::{
    AnnexElement, Credential, CreditScheme, Credits, Identifier, Issue, Kind, LangText,
    LearningOutcome, Organisation, Participation, Status,
};
use serde_json::Value;

use super::jsonld::{self, id_of, items, lang_text, text_of, types_of};
use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

/// Reads a CTDL resource, bundle or registry envelope.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let document = jsonld::read_json(bytes)?;
    let documents = match &document {
        Value::Array(values) => values.iter().collect(),
        other => vec![other],
    };
    let mut records = Vec::new();
    for document in documents {
        if document.get("envelope_id").is_some() || document.get("envelope_type").is_some() {
            records.extend(read_envelope(document));
        } else {
            records.extend(read_resource(document, None, false)?);
        }
    }
    Ok(records)
}

fn read_envelope(envelope: &Value) -> Vec<Result<ParsedRecord, RecordFailure>> {
    let envelope_id = text_of(envelope.get("envelope_id"));
    let fail = |reason: String| {
        vec![Err(RecordFailure {
            upstream_id: envelope_id.clone(),
            reason,
        })]
    };
    let resource = match envelope.get("decoded_resource") {
        Some(resource @ Value::Object(_)) => resource.clone(),
        _ => match envelope.get("resource") {
            Some(Value::String(jwt)) => match jsonld::unwrap_signed(Value::String(jwt.clone())) {
                Ok(resource) => resource,
                Err(message) => return fail(format!("envelope resource: {message}")),
            },
            Some(resource @ Value::Object(_)) => resource.clone(),
            _ => return fail("envelope without decoded_resource or resource".to_owned()),
        },
    };
    let headers = envelope.get("node_headers");
    let datestamp = headers
        .and_then(|h| text_of(h.get("updated_at")))
        .or_else(|| text_of(envelope.get("updated_at")));
    let deleted = headers
        .and_then(|h| h.get("deleted_at"))
        .or_else(|| envelope.get("deleted_at"))
        .is_some_and(|deleted| !deleted.is_null());
    match read_resource(&resource, datestamp, deleted) {
        Ok(records) if records.is_empty() => fail(format!(
            "the envelope's resource holds no CTDL course, learning program or credential \
             (envelope_community {:?}, resource @type {:?})",
            text_of(envelope.get("envelope_community")).unwrap_or_default(),
            types_of(&resource)
        )),
        Ok(records) => records,
        Err(err) => fail(format!("envelope resource: {err}")),
    }
}

fn get<'a>(node: &'a Value, term: &str) -> Option<&'a Value> {
    node.get(format!("ceterms:{term}").as_str())
        .or_else(|| node.get(term))
}

fn kind_of(node: &Value) -> Option<Kind> {
    types_of(node).into_iter().find_map(|t| {
        let name = t.rsplit(':').next().unwrap_or(t);
        match name {
            "Course" | "LearningOpportunityProfile" => Some(Kind::Course),
            "LearningProgram" => Some(Kind::Programme),
            "MicroCredential" => Some(Kind::MicroCredential),
            "Badge" | "DigitalBadge" | "OpenBadge" => Some(Kind::Badge),
            _ if [
                "Credential",
                "Degree",
                "Diploma",
                "Certificate",
                "Certification",
                "License",
                "Doctorate",
            ]
            .iter()
            .any(|suffix| name.ends_with(suffix))
                || name == "GeneralEducationDevelopment" =>
            {
                Some(Kind::Qualification)
            }
            _ => None,
        }
    })
}

fn read_resource(
    resource: &Value,
    datestamp: Option<String>,
    deleted: bool,
) -> Result<Vec<Result<ParsedRecord, RecordFailure>>, FormatError> {
    let nodes: Vec<&Value> = match resource.get("@graph") {
        Some(graph) => items(Some(graph)),
        None => vec![resource],
    };
    if nodes.iter().all(|node| types_of(node).is_empty()) {
        return Ok(Vec::new());
    }
    let graph: HashMap<&str, &Value> = nodes
        .iter()
        .filter_map(|node| Some((id_of(node)?, *node)))
        .collect();
    Ok(nodes
        .iter()
        .filter_map(|node| Some((*node, kind_of(node)?)))
        .map(|(node, kind)| read_node(node, kind, &graph, datestamp.clone(), deleted))
        .collect())
}

fn target_name(alignment: &Value) -> LangText {
    lang_text(get(alignment, "targetNodeName"), "und")
}

fn target_node(alignment: &Value) -> Option<String> {
    text_of(get(alignment, "targetNode"))
}

fn read_node(
    node: &Value,
    kind: Kind,
    graph: &HashMap<&str, &Value>,
    datestamp: Option<String>,
    deleted: bool,
) -> Result<ParsedRecord, RecordFailure> {
    let Some(upstream_id) = text_of(get(node, "ctid")).or_else(|| id_of(node).map(str::to_owned))
    else {
        return Err(RecordFailure {
            upstream_id: None,
            reason: "resource without ceterms:ctid or @id".to_owned(),
        });
    };
    let resolve = |value: &'_ Value| -> Option<Value> {
        match value {
            Value::Object(_) => Some(value.clone()),
            other => id_of(other)
                .and_then(|id| graph.get(id))
                .map(|node| (*node).clone()),
        }
    };
    let mut credential = Credential {
        kind,
        title: lang_text(get(node, "name"), "und"),
        ..Credential::default()
    };
    let c = &mut credential;
    for (tag, text) in lang_text(get(node, "description"), "und").0 {
        let (plain, html) = normalize::description(&text);
        c.description.insert_tag(tag.clone(), &plain);
        if let Some(html) = html {
            c.description_html.insert_tag(tag, &html);
        }
    }
    for language in items(get(node, "inLanguage")) {
        if let Some(text) = text_of(Some(language)) {
            match model::LangTag::parse(&text) {
                Ok(tag) => c.languages.push(tag),
                Err(err) => c.issues.push(Issue::note(err.to_string())),
            }
        }
    }
    c.url = text_of(get(node, "subjectWebpage"));
    for key in ["keyword", "subject"] {
        for value in items(get(node, key)) {
            let text = if value.get("ceterms:targetNodeName").is_some() {
                target_name(value)
            } else {
                lang_text(Some(value), "und")
            };
            for part in text.0.values() {
                c.keywords.extend(part.split("; ").map(str::to_owned));
            }
        }
    }
    c.identifiers.push(Identifier {
        scheme: "ctid".to_owned(),
        value: upstream_id.clone(),
    });
    if let Some(id) = id_of(node) {
        c.identifiers.push(Identifier {
            scheme: "uri".to_owned(),
            value: id.to_owned(),
        });
    }
    if let Some(code) = text_of(get(node, "codedNotation")) {
        c.identifiers.push(Identifier {
            scheme: "coded-notation".to_owned(),
            value: code,
        });
    }
    let owner = items(get(node, "ownedBy"))
        .into_iter()
        .chain(items(get(node, "offeredBy")))
        .next();
    if let Some(owner) = owner {
        c.awarding_body = organisation(owner, resolve(owner).as_ref(), &mut c.issues);
    }
    read_credits(c, node);
    for delivery in items(get(node, "deliveryType")) {
        let target = target_node(delivery).unwrap_or_default();
        let mode = match target.rsplit(':').next().unwrap_or(&target) {
            "OnlineOnly" => Some(Participation::Online),
            "InPerson" => Some(Participation::OnSite),
            "BlendedDelivery" => Some(Participation::Blended),
            other => Participation::parse_loose(other),
        };
        match mode {
            Some(mode) => c.participation.push(mode),
            None => c.issues.push(Issue::unreadable(
                AnnexElement::Participation,
                format!("deliveryType {target:?} is not a known delivery type"),
            )),
        }
    }
    let mut prerequisites = Vec::new();
    for condition in items(get(node, "entryCondition"))
        .into_iter()
        .filter_map(resolve)
    {
        let description = lang_text(get(&condition, "description"), "und");
        let conditions = lang_text(get(&condition, "condition"), "und");
        for text in [&description, &conditions] {
            if let Some(text) = text.best(&["en"]) {
                prerequisites.push(text.to_owned());
            }
        }
    }
    if !prerequisites.is_empty() {
        c.prerequisites.insert("en", &prerequisites.join("; "));
    }
    for condition in items(get(node, "requires")).into_iter().filter_map(resolve) {
        for key in [
            "targetLearningOpportunity",
            "targetCourse",
            "targetCredential",
            "targetAssessment",
        ] {
            c.contains.extend(
                items(get(&condition, key))
                    .into_iter()
                    .filter_map(id_of)
                    .map(str::to_owned),
            );
        }
    }
    c.contains.extend(
        items(get(node, "hasPart"))
            .into_iter()
            .filter_map(id_of)
            .map(str::to_owned),
    );
    let wholes: Vec<String> = items(get(node, "isPartOf"))
        .into_iter()
        .filter_map(|whole| {
            let resolved = resolve(whole);
            resolved
                .as_ref()
                .and_then(|n| {
                    lang_text(get(n, "name"), "und")
                        .best(&["en"])
                        .map(str::to_owned)
                })
                .or_else(|| id_of(whole).map(str::to_owned))
        })
        .collect();
    if !wholes.is_empty() {
        c.stackability
            .insert("en", &format!("Part of: {}", wholes.join("; ")));
    }
    let mut quality = Vec::new();
    for (key, verb) in [
        ("accreditedBy", "Accredited by"),
        ("approvedBy", "Approved by"),
        ("recognizedBy", "Recognized by"),
        ("regulatedBy", "Regulated by"),
    ] {
        for agent in items(get(node, key)) {
            let name = resolve(agent)
                .and_then(|n| {
                    lang_text(get(&n, "name"), "und")
                        .best(&["en"])
                        .map(str::to_owned)
                })
                .or_else(|| id_of(agent).map(str::to_owned));
            if let Some(name) = name {
                quality.push(format!("{verb} {name}"));
            }
        }
    }
    if !quality.is_empty() {
        c.quality_assurance.insert("en", &quality.join("; "));
    }
    c.assessment = lang_text(get(node, "assessmentMethodDescription"), "und");
    if c.assessment.is_empty() {
        let methods: Vec<String> = items(get(node, "assessmentMethodType"))
            .into_iter()
            .filter_map(|method| target_name(method).best(&["en"]).map(str::to_owned))
            .collect();
        if !methods.is_empty() {
            c.assessment.insert("en", &methods.join("; "));
        }
    }
    for competency in items(get(node, "teaches")) {
        let text = target_name(competency);
        if !text.is_empty() {
            c.learning_outcomes.push(LearningOutcome {
                text,
                skill_uri: target_node(competency).filter(|uri| uri.starts_with("http")),
            });
        }
    }
    for key in ["lifeCycleStatusType", "credentialStatusType"] {
        for status in items(get(node, key)) {
            let target = target_node(status).unwrap_or_default();
            if ["Ceased", "Deprecated", "Suspended"]
                .iter()
                .any(|word| target.ends_with(word))
            {
                c.status = Status::Inactive;
            }
        }
    }
    if credential.title.is_empty() && !deleted {
        return Err(RecordFailure {
            upstream_id: Some(upstream_id),
            reason: "resource without ceterms:name".to_owned(),
        });
    }
    normalize::finish_credential(&mut credential);
    let payload_hash = super::canonical_hash(&credential);
    Ok(ParsedRecord {
        upstream_id,
        datestamp,
        deleted,
        credential,
        payload_hash,
        via: Vec::new(),
    })
}

fn read_credits(c: &mut Credential, node: &Value) {
    let mut profiles: Vec<(Option<&Value>, Option<&Value>)> = items(get(node, "creditValue"))
        .into_iter()
        .map(|profile| {
            let value = profile
                .get("schema:value")
                .or_else(|| get(profile, "value"))
                .or_else(|| profile.get("qdata:value"))
                .or_else(|| profile.get("schema:maxValue"));
            (value, get(profile, "creditUnitType"))
        })
        .collect();
    profiles.push((get(node, "creditHourValue"), get(node, "creditHourType")));
    profiles.push((get(node, "creditUnitValue"), get(node, "creditUnitType")));
    for (value, unit) in profiles {
        let Some(value) = value else { continue };
        let unit_name = unit
            .and_then(|unit| {
                items(Some(unit))
                    .into_iter()
                    .find_map(|u| target_node(u).or_else(|| text_of(Some(u))))
            })
            .unwrap_or_default();
        let short = unit_name
            .rsplit(':')
            .next()
            .unwrap_or(&unit_name)
            .to_owned();
        let upper = short.to_ascii_uppercase();
        let is_hours = upper.contains("CLOCKHOUR") || upper.contains("CONTACTHOUR");
        let number = match value {
            Value::Number(number) => number.as_f64(),
            other => text_of(Some(other)).and_then(|text| {
                if is_hours {
                    normalize::parse_hours(&text)
                } else {
                    normalize::parse_credit_value(&text)
                }
            }),
        };
        let Some(number) = number else {
            c.issues.push(Issue::unreadable(
                AnnexElement::Workload,
                format!("credit value {value} is not a number"),
            ));
            continue;
        };
        if is_hours {
            c.workload_hours.get_or_insert(number);
        } else if c.credits.is_none() || upper.contains("ECTS") {
            let scheme = if upper.contains("ECTS") || upper.contains("EUROPEANCREDIT") {
                CreditScheme::Ects
            } else if short.is_empty() {
                CreditScheme::Unspecified
            } else {
                CreditScheme::Other(short)
            };
            c.credits = Some(Credits {
                value: number,
                scheme,
            });
        }
    }
}

fn organisation(reference: &Value, node: Option<&Value>, issues: &mut Vec<Issue>) -> Organisation {
    let mut organisation = Organisation::default();
    if let Some(id) = id_of(reference) {
        organisation.identifiers.push(Identifier {
            scheme: "uri".to_owned(),
            value: id.to_owned(),
        });
    }
    let Some(node) = node else {
        return organisation;
    };
    organisation.name = lang_text(get(node, "name"), "und");
    organisation.url = text_of(get(node, "subjectWebpage"));
    let country = items(get(node, "address"))
        .into_iter()
        .find_map(|address| text_of(get(address, "addressCountry")));
    if let Some(country) = country {
        match vocab::country(&country) {
            Ok(code) => organisation.country = Some(code),
            Err(unknown) => issues.push(Issue::unreadable(
                AnnexElement::Country,
                unknown.to_string(),
            )),
        }
    }
    organisation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_bundle_resolves_the_owner_and_reads_credits() {
        let doc = br#"{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": [
          {"@id": "https://r/c", "@type": "ceterms:Course", "ceterms:ctid": "ce-1",
           "ceterms:name": {"en": ["Statistics", "Basics"]}, "ceterms:ownedBy": ["https://r/o"],
           "ceterms:creditValue": [{"@type": "ceterms:ValueProfile", "schema:value": 5,
              "ceterms:creditUnitType": [{"ceterms:targetNode": "creditUnit:ECTS"}]},
              {"schema:value": 30, "ceterms:creditUnitType": {"ceterms:targetNode": "creditUnit:ClockHour"}}],
           "ceterms:deliveryType": [{"ceterms:targetNode": "deliveryType:InPerson"}]},
          {"@id": "https://r/o", "@type": "ceterms:CredentialOrganization", "ceterms:name": {"de": "Uni"},
           "ceterms:address": [{"ceterms:addressCountry": "DEU"}]}
        ]}"#;
        let records = parse(doc).unwrap();
        assert_eq!(records.len(), 1);
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.upstream_id, "ce-1");
        let c = &record.credential;
        assert_eq!(c.title.best(&[]), Some("Statistics; Basics"));
        assert_eq!(c.ects(), Some(5.0));
        assert_eq!(c.workload_hours, Some(30.0));
        assert_eq!(c.participation, vec![Participation::OnSite]);
        assert_eq!(c.awarding_body.country.as_ref().unwrap().as_str(), "DE");
    }

    #[test]
    fn envelope_with_jwt_resource() {
        let resource = serde_json::json!({"@type": "ceterms:Certificate", "ceterms:ctid": "ce-2", "ceterms:name": {"en": "Cert"}});
        let payload: String = {
            let bytes = serde_json::to_vec(&resource).unwrap();
            let mut out = String::new();
            const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            for chunk in bytes.chunks(3) {
                let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
                    << (8 * (3 - chunk.len()));
                for i in 0..=chunk.len() {
                    out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
                }
            }
            out
        };
        let envelope = serde_json::json!({"envelope_id": "e1", "resource": format!("eyJhbGciOiJSUzI1NiJ9.{payload}.sig"),
            "node_headers": {"updated_at": "2024-01-01 10:00:00 UTC", "deleted_at": null}});
        let records = parse(envelope.to_string().as_bytes()).unwrap();
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.upstream_id, "ce-2");
        assert_eq!(record.credential.kind, Kind::Qualification);
    }
}
