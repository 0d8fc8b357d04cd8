//! The metadata of an item in each format: simple Dublin Core, and the canonical record as
//! JSON in a `<ch:record>` element for other clearinghouses.

use model::{Credential, LangText, StoredRecord};
use serde_json::Value;

use super::xml::{XmlWriter, is_xml_char};
use formats::clearinghouse_json::{UpstreamProvenance, XML_NAMESPACE};

/// The namespace of `oai_dc:dc`.
pub const OAI_DC_NAMESPACE: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
/// Its schema.
pub const OAI_DC_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
const DC_NAMESPACE: &str = "http://purl.org/dc/elements/1.1/";

/// The XML schema of the `clearinghouse-json` wrapper, served at
/// `/oai/clearinghouse-json.xsd`: one `record` element whose text is a JSON record as
/// `docs/clearinghouse-json.schema.json` describes it.
pub const CLEARINGHOUSE_JSON_XSD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://www.w3.org/2001/XMLSchema"
        targetNamespace="https://microhe.eu/ns/clearinghouse-json/1"
        elementFormDefault="qualified">
  <annotation>
    <documentation>One record of the MicroHE clearinghouse: its text is a JSON object in
    the clearinghouse-json format (docs/clearinghouse-json.schema.json) with a
    "provenance" member naming the clearinghouse, record, source and earlier hops.</documentation>
  </annotation>
  <element name="record" type="string"/>
</schema>
"#;

fn lang_leaves(xml: &mut XmlWriter, name: &'static str, text: &LangText) {
    for (lang, value) in &text.0 {
        if lang.is_undetermined() {
            xml.leaf(name, &[], value);
        } else {
            xml.leaf(name, &[("xml:lang", lang.as_str())], value);
        }
    }
}

/// A credential as simple Dublin Core.
pub fn credential_dc(
    xml: &mut XmlWriter,
    record: &StoredRecord,
    credential: &Credential,
    base_url: &str,
) {
    xml.open(
        "oai_dc:dc",
        &[
            ("xmlns:oai_dc", OAI_DC_NAMESPACE),
            ("xmlns:dc", DC_NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            ),
        ],
    );
    lang_leaves(xml, "dc:title", &credential.title);
    lang_leaves(xml, "dc:creator", &credential.awarding_body.name);
    lang_leaves(xml, "dc:description", &credential.description);
    for outcome in &credential.learning_outcomes {
        lang_leaves(xml, "dc:description", &outcome.text);
    }
    for keyword in &credential.keywords {
        xml.leaf("dc:subject", &[], keyword);
    }
    for field in &credential.isced_fields {
        xml.leaf("dc:subject", &[], &format!("ISCED-F {field}"));
    }
    xml.leaf("dc:type", &[], credential.kind.as_str());
    if let Some(level) = credential.eqf_level {
        xml.leaf("dc:type", &[], &format!("EQF level {}", level.get()));
    }
    if let Some(credits) = &credential.credits {
        let scheme = match &credits.scheme {
            model::CreditScheme::Ects => "ECTS".to_owned(),
            model::CreditScheme::Other(name) => name.clone(),
            model::CreditScheme::Unspecified => "credits".to_owned(),
        };
        xml.leaf("dc:format", &[], &format!("{} {scheme}", credits.value));
    }
    for language in &credential.languages {
        xml.leaf("dc:language", &[], language.as_str());
    }
    if let Some(country) = &credential.awarding_body.country {
        xml.leaf("dc:coverage", &[], country.as_str());
    }
    if let Some(modified) = credential.modified {
        xml.leaf("dc:date", &[], &super::datestamp(modified));
    }
    if let Some(url) = &credential.url {
        xml.leaf("dc:identifier", &[], url);
    }
    let api_root = base_url.strip_suffix("/oai").unwrap_or(base_url);
    xml.leaf(
        "dc:identifier",
        &[],
        &format!("{api_root}/api/v1/credentials/{}", record.id),
    );
    xml.close();
}

/// The JSON text of a credential in the rich format: the `clearinghouse-json` record with
/// our record id as `id` and its provenance. Characters XML cannot carry (they can only be
/// inside JSON strings) are written as `\u` escapes, so the text survives the envelope.
pub fn credential_json_text(
    record: &StoredRecord,
    credential: &Credential,
    repository_id: &str,
) -> String {
    let mut object = match serde_json::to_value(credential) {
        Ok(Value::Object(object)) => object,
        _ => serde_json::Map::new(),
    };
    object.insert("id".to_owned(), Value::String(record.id.to_string()));
    let provenance = UpstreamProvenance {
        clearinghouse: repository_id.to_owned(),
        record_id: record.id.to_string(),
        source_id: record.provenance.source_id.to_string(),
        upstream_id: record.provenance.upstream_id.clone(),
        via: record.provenance.via.clone(),
    };
    if let Ok(value) = serde_json::to_value(provenance) {
        object.insert("provenance".to_owned(), value);
    }
    let json = Value::Object(object).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{:04x}", c as u32));
        }
    }
    out
}

/// A credential in the rich format, wrapped for the `<metadata>` element.
pub fn credential_json(
    xml: &mut XmlWriter,
    record: &StoredRecord,
    credential: &Credential,
    repository_id: &str,
) {
    xml.open("ch:record", &[("xmlns:ch", XML_NAMESPACE)])
        .text(&credential_json_text(record, credential, repository_id))
        .close();
}

/// A recognition decision as simple Dublin Core: what was decided (`title`), by whom
/// (`publisher`, `creator` the recording token's institution), when (`date`), why
/// (`description`, with conditions and validity), and which credentials it concerns
/// (`relation`, `oai:` identifiers of this repository).
pub fn decision_dc(
    xml: &mut XmlWriter,
    decision: &store::Decision,
    title: &str,
    repository_id: &str,
) {
    xml.open(
        "oai_dc:dc",
        &[
            ("xmlns:oai_dc", OAI_DC_NAMESPACE),
            ("xmlns:dc", DC_NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            ),
        ],
    );
    xml.leaf("dc:title", &[], title);
    xml.leaf("dc:type", &[], "recognition decision");
    xml.leaf("dc:publisher", &[], &decision.institution);
    xml.leaf("dc:date", &[], &decision.decided_on.to_string());
    let mut description = decision.rationale.clone();
    if let Some(conditions) = &decision.conditions {
        description.push_str(&format!(" Conditions: {conditions}."));
    }
    if let Some(until) = decision.valid_until {
        description.push_str(&format!(" Valid until {until}."));
    }
    if let Some(at_risk) = &decision.at_risk {
        description.push_str(&format!(
            " At risk since {}: {}.",
            at_risk.detected_at.date_naive(),
            at_risk.changes.join("; ")
        ));
    }
    xml.leaf("dc:description", &[], &description);
    xml.leaf(
        "dc:relation",
        &[],
        &format!("oai:{repository_id}:{}", decision.credential),
    );
    if let store::DecisionOutcome::Equivalent { target } = &decision.outcome {
        xml.leaf("dc:relation", &[], &format!("oai:{repository_id}:{target}"));
    }
    xml.leaf(
        "dc:identifier",
        &[],
        &format!("oai:{repository_id}:decision:{}", decision.id),
    );
    xml.close();
}
