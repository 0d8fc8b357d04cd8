//! `elm`: the European Learning Model v3, as European Digital Credentials and the
//! Europass / QDR publish it.
//!
//! Two serialisations are read into one mapping:
//!
//! - **JSON-LD** (a single node, an array, or an `@graph` bundle): learning
//!   opportunities (with the learning achievement specification they point to),
//!   qualifications and learning achievement specifications published on their own, and
//!   credentials whose `credentialSubject.hasClaim` carries the specification
//!   (`specifiedBy`). A JWS-signed credential is unwrapped first (compact form, JSON
//!   serialisations, or a payload that is itself a JSON string); the signature is not
//!   checked. Language maps may hold strings or arrays; single values are accepted
//!   wherever arrays are expected.
//! - **QDR "LOQ" XML** upload documents: flat `*References` containers whose entries
//!   point at each other with `idref`. Each element is turned into the JSON-LD shape
//!   (`idref` becomes a reference, `uri` a concept id, `language` a language-tagged
//!   value, and the few differently named terms — `EQFLevel`, `ISCEDFCode`, `type` —
//!   their JSON-LD names) and then mapped like JSON-LD.
//!
//! Records: every learning opportunity, and every specification that no learning
//! opportunity of the document points at; for a credential, every claim. Only the
//! specification is kept from a credential: the learner (`credentialSubject` itself,
//! grades, the learner's own activities) is never read.
//!
//! Mapping: `title`, `description` (HTML sanitised), `learningOutcome` (title, ESCO
//! skills), `creditPoint` (framework URI → scheme; a point that is not a number makes
//! the workload unreadable), `volumeOfLearning` (hours), `eqfLevel`, `nqfLevel`,
//! `thematicArea` (ISCED-F), `language`, `mode` (form of participation),
//! `entryRequirement` (prerequisites), `provenBy` (assessment, supervision, grading
//! scheme), `accreditation` (quality assurance), `hasPart` / `isPartOf` (contains,
//! stackability), `awardingOpportunity.awardingBody` or `providedBy` or the credential's
//! issuer (awarding body, its country from its address), `temporal` and
//! `applicationDeadline` (an offer), `homepage`, `identifier`, `dcType` (kind),
//! `modified`. EU vocabulary URIs go through [`vocab`]; unknown ones become notes.

use std::collections::{HashMap, HashSet};

use model::{
    AnnexElement, Credential, CreditScheme, Credits, Identifier, Issue, Kind, LangText,
    LearningOutcome, Offer, Organisation,
};
use serde_json::{Map, Value};

use super::jsonld::{self, has_type, id_of, items, lang_text, text_of};
use super::xml::{self, Element};
use super::{FormatError, ParseOutcome, ParsedRecord, RecordFailure};
use crate::normalize;

const SPEC_TYPES: [&str; 3] = [
    "Qualification",
    "LearningAchievementSpecification",
    "LearningSpecification",
];

/// Reads an ELM JSON-LD document (possibly JWS-signed) or a QDR LOQ XML document.
pub fn parse(bytes: &[u8]) -> ParseOutcome {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let document = match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => loq_to_json(&xml::parse_document(body)?),
        _ if jsonld::looks_like_compact_jws(body) => {
            let text = String::from_utf8_lossy(body.trim_ascii()).into_owned();
            signed(Value::String(text))?
        }
        _ => signed(jsonld::read_json(body)?)?,
    };
    let index = Index::new(&document);
    let roots: Vec<&Value> = match &document {
        Value::Array(values) => values.iter().collect(),
        Value::Object(map) if map.contains_key("@graph") => items(map.get("@graph")),
        other => vec![other],
    };
    let referenced: HashSet<&str> = roots
        .iter()
        .filter(|node| has_type(node, &["LearningOpportunity"]))
        .flat_map(|node| items(node.get("learningAchievementSpecification")))
        .filter_map(id_of)
        .collect();
    let mut records = Vec::new();
    for root in roots {
        if root.get("credentialSubject").is_some() {
            records.extend(read_credential(root, &index));
        } else if has_type(root, &["LearningOpportunity"])
            || (has_type(root, &SPEC_TYPES)
                && !id_of(root).is_some_and(|id| referenced.contains(id)))
        {
            records.push(read_node(root, None, &index));
        }
    }
    if records.is_empty() {
        return Err(FormatError::WrongShape {
            format: model::Format::Elm,
            message: "no learning opportunity, qualification, learning achievement \
                      specification or credential found"
                .to_owned(),
        });
    }
    Ok(records)
}

fn signed(value: Value) -> Result<Value, FormatError> {
    jsonld::unwrap_signed(value).map_err(|message| FormatError::WrongShape {
        format: model::Format::Elm,
        message,
    })
}

/// Every node of the document with an id and content, for resolving references.
struct Index<'a> {
    by_id: HashMap<&'a str, &'a Value>,
}

impl<'a> Index<'a> {
    fn new(document: &'a Value) -> Index<'a> {
        let mut by_id = HashMap::new();
        let mut stack = vec![document];
        while let Some(value) = stack.pop() {
            match value {
                Value::Object(map) => {
                    let has_content = map
                        .keys()
                        .any(|key| !matches!(key.as_str(), "id" | "@id" | "type" | "@type"));
                    if let Some(id) = map
                        .get("id")
                        .or_else(|| map.get("@id"))
                        .and_then(Value::as_str)
                        && has_content
                    {
                        by_id.entry(id).or_insert(value);
                    }
                    stack.extend(map.values());
                }
                Value::Array(values) => stack.extend(values),
                _ => {}
            }
        }
        Index { by_id }
    }

    /// The node itself if it has content, else the node its id points at.
    fn node(&self, value: &'a Value) -> Option<&'a Value> {
        match value {
            Value::Object(map)
                if map
                    .keys()
                    .any(|key| !matches!(key.as_str(), "id" | "@id" | "type" | "@type")) =>
            {
                Some(value)
            }
            _ => id_of(value).and_then(|id| self.by_id.get(id).copied()),
        }
    }

    fn nodes(&self, value: Option<&'a Value>) -> Vec<&'a Value> {
        items(value)
            .into_iter()
            .filter_map(|v| self.node(v))
            .collect()
    }
}

fn read_credential<'a>(
    credential: &'a Value,
    index: &Index<'a>,
) -> Vec<Result<ParsedRecord, RecordFailure>> {
    let credential_id = id_of(credential).map(str::to_owned);
    let claims: Vec<&Value> = index
        .nodes(credential.get("credentialSubject"))
        .into_iter()
        .flat_map(|subject| index.nodes(subject.get("hasClaim")))
        .collect();
    if claims.is_empty() {
        return vec![Err(RecordFailure {
            upstream_id: credential_id,
            reason: "credential without credentialSubject.hasClaim: no specification to read"
                .to_owned(),
        })];
    }
    let several = claims.len() > 1;
    claims
        .into_iter()
        .map(|claim| {
            let spec = claim
                .get("specifiedBy")
                .and_then(|spec| index.nodes(Some(spec)).into_iter().next());
            let spec_id = spec.and_then(id_of).or_else(|| id_of(claim));
            // Local `urn:epass:` ids are only unique inside one credential.
            let upstream_id = match (credential_id.as_deref(), spec_id) {
                (_, Some(spec_id)) if spec_id.starts_with("http") => Some(spec_id.to_owned()),
                (Some(cred), Some(spec_id)) if several => Some(format!("{cred}#{spec_id}")),
                (Some(cred), _) => Some(cred.to_owned()),
                (None, spec_id) => spec_id.map(str::to_owned),
            };
            let context = CredentialContext {
                credential,
                claim,
                upstream_id,
            };
            read_node(spec.unwrap_or(claim), Some(&context), index)
        })
        .collect()
}

struct CredentialContext<'a> {
    credential: &'a Value,
    claim: &'a Value,
    upstream_id: Option<String>,
}

fn read_node<'a>(
    node: &'a Value,
    context: Option<&CredentialContext<'a>>,
    index: &Index<'a>,
) -> Result<ParsedRecord, RecordFailure> {
    let upstream_id = context
        .and_then(|c| c.upstream_id.clone())
        .or_else(|| id_of(node).map(str::to_owned));
    let Some(upstream_id) = upstream_id else {
        return Err(RecordFailure {
            upstream_id: None,
            reason: "node without an id: a record needs an identifier".to_owned(),
        });
    };
    let mut credential = Credential::default();
    let mut reader = Reader {
        index,
        credential: &mut credential,
        kind_from_vocabulary: false,
    };
    let is_opportunity = has_type(node, &["LearningOpportunity"]);
    reader.kind_from_type(node);
    if is_opportunity {
        reader.read_spec(node);
        reader.read_opportunity(node);
        for spec in index.nodes(node.get("learningAchievementSpecification")) {
            reader.read_spec(spec);
        }
    } else {
        reader.read_spec(node);
    }
    if let Some(context) = context {
        reader.read_claim(context);
    }
    if credential.title.is_empty() {
        return Err(RecordFailure {
            upstream_id: Some(upstream_id),
            reason: "no title in any language".to_owned(),
        });
    }
    normalize::finish_credential(&mut credential);
    let datestamp = credential
        .modified
        .map(|modified| modified.to_rfc3339())
        .or_else(|| context.and_then(|c| text_of(c.credential.get("validFrom"))))
        .or_else(|| context.and_then(|c| text_of(c.credential.get("issuanceDate"))));
    let payload_hash = super::canonical_hash(&credential);
    Ok(ParsedRecord {
        upstream_id,
        datestamp,
        deleted: false,
        credential,
        payload_hash,
        via: Vec::new(),
    })
}

struct Reader<'i, 'a, 'c> {
    index: &'i Index<'a>,
    credential: &'c mut Credential,
    kind_from_vocabulary: bool,
}

/// The best label of a concept (its `prefLabel`, else its URI).
fn concept_text(concept: &Value) -> Option<String> {
    lang_text(concept.get("prefLabel"), "und")
        .best(&["en"])
        .map(str::to_owned)
        .or_else(|| id_of(concept).map(str::to_owned))
}

fn merge_text(target: &mut LangText, source: &LangText) {
    for (lang, text) in &source.0 {
        if !target.0.contains_key(lang) {
            target.0.insert(lang.clone(), text.clone());
        }
    }
}

impl<'i, 'a, 'c> Reader<'i, 'a, 'c> {
    fn issue(&mut self, issue: Issue) {
        normalize::push_issue(self.credential, issue);
    }

    fn kind_from_type(&mut self, node: &Value) {
        if has_type(node, &["Qualification"]) {
            self.credential.kind = Kind::Qualification;
        }
    }

    fn read_spec(&mut self, spec: &'a Value) {
        let c = &mut *self.credential;
        if c.title.is_empty() {
            c.title = lang_text(spec.get("title"), "und");
        }
        if c.description.is_empty() {
            for (lang, text) in lang_text(spec.get("description"), "und").0 {
                let (plain, html) = normalize::description(&text);
                c.description.insert_tag(lang.clone(), &plain);
                if let Some(html) = html {
                    c.description_html.insert_tag(lang, &html);
                }
            }
        }
        if c.learning_outcomes.is_empty() {
            for outcome in self.index.nodes(spec.get("learningOutcome")) {
                let mut text = lang_text(outcome.get("title"), "und");
                if text.is_empty() {
                    text = lang_text(outcome.get("description"), "und");
                }
                let skills: Vec<String> = items(outcome.get("relatedESCOSkill"))
                    .into_iter()
                    .chain(items(outcome.get("relatedSkill")))
                    .filter_map(id_of)
                    .map(str::to_owned)
                    .collect();
                let esco = items(outcome.get("relatedESCOSkill"))
                    .into_iter()
                    .find_map(id_of)
                    .map(str::to_owned);
                self.credential.skills.extend(skills);
                self.credential.learning_outcomes.push(LearningOutcome {
                    text,
                    skill_uri: esco,
                });
            }
            if self.credential.learning_outcomes.is_empty() {
                let summary = lang_text(spec.get("learningOutcomeSummary"), "und");
                if !summary.is_empty() {
                    self.credential.learning_outcomes.push(LearningOutcome {
                        text: summary,
                        skill_uri: None,
                    });
                }
            }
        }
        self.read_credits(spec);
        self.read_vocabularies(spec);
        let c = &mut *self.credential;
        if c.prerequisites.is_empty() {
            c.prerequisites = lang_text(spec.get("entryRequirement"), "und");
        }
        for part in items(spec.get("hasPart")) {
            if let Some(id) = id_of(part) {
                c.contains.push(id.to_owned());
            }
        }
        if c.stackability.is_empty() {
            let wholes: Vec<String> = items(spec.get("isPartOf"))
                .into_iter()
                .filter_map(|whole| {
                    let title = self
                        .index
                        .node(whole)
                        .map(|node| lang_text(node.get("title"), "und"))
                        .and_then(|title| title.best(&["en"]).map(str::to_owned));
                    title.or_else(|| id_of(whole).map(str::to_owned))
                })
                .collect();
            if !wholes.is_empty() {
                self.credential
                    .stackability
                    .insert("en", &format!("Part of: {}", wholes.join("; ")));
            }
        }
        for assessment in self.index.nodes(spec.get("provenBy")) {
            self.read_assessment(assessment);
        }
        if self.credential.quality_assurance.is_empty() {
            let mut labels = Vec::new();
            for accreditation in self.index.nodes(spec.get("accreditation")) {
                let title = lang_text(accreditation.get("title"), "und");
                if let Some(title) = title.best(&["en"]) {
                    labels.push(title.to_owned());
                }
            }
            if !labels.is_empty() {
                self.credential
                    .quality_assurance
                    .insert("und", &format!("Accreditation: {}", labels.join("; ")));
            }
        }
        if self.credential.awarding_body.name.is_empty() {
            let body = self
                .index
                .nodes(spec.get("awardingOpportunity"))
                .into_iter()
                .flat_map(|opportunity| self.index.nodes(opportunity.get("awardingBody")))
                .next();
            if let Some(body) = body {
                self.read_organisation(body);
            }
        }
        let c = &mut *self.credential;
        if c.url.is_none() {
            c.url = self
                .index
                .nodes(spec.get("homepage"))
                .into_iter()
                .find_map(|page| text_of(page.get("contentURL")));
        }
        for identifier in self.index.nodes(spec.get("identifier")) {
            if let Some(value) = text_of(identifier.get("notation")) {
                let scheme = text_of(identifier.get("schemeName"))
                    .unwrap_or_else(|| "identifier".to_owned());
                self.credential
                    .identifiers
                    .push(Identifier { scheme, value });
            }
        }
        if let Some(id) = id_of(spec).filter(|id| id.starts_with("http")) {
            let uri = Identifier {
                scheme: "uri".to_owned(),
                value: id.to_owned(),
            };
            if !self.credential.identifiers.contains(&uri) {
                self.credential.identifiers.push(uri);
            }
        }
        if self.credential.modified.is_none() {
            self.credential.modified =
                text_of(spec.get("modified")).and_then(|text| normalize::parse_timestamp(&text));
        }
    }

    fn read_credits(&mut self, spec: &Value) {
        if self.credential.credits.is_none() {
            let mut readable: Vec<Credits> = Vec::new();
            for credit in self.index.nodes(spec.get("creditPoint")) {
                let scheme = match credit.get("framework").and_then(id_of) {
                    Some(uri) => match vocab::credit_scheme(uri) {
                        Ok(scheme) => scheme,
                        Err(unknown) => {
                            self.issue(unknown.issue());
                            CreditScheme::Other(uri.to_owned())
                        }
                    },
                    None => CreditScheme::Unspecified,
                };
                let point = credit.get("point");
                let value = match point {
                    Some(Value::Number(number)) => number.as_f64(),
                    other => text_of(other).and_then(|text| normalize::parse_credit_value(&text)),
                };
                match value {
                    Some(value) => readable.push(Credits { value, scheme }),
                    None => self.issue(Issue::unreadable(
                        AnnexElement::Workload,
                        format!(
                            "credit point {:?} is not a number",
                            text_of(point).unwrap_or_default()
                        ),
                    )),
                }
            }
            if let Some(credits) = normalize::preferred_credits(readable) {
                self.credential.credits = Some(credits);
            }
        }
        if self.credential.workload_hours.is_none()
            && let Some(text) = text_of(spec.get("volumeOfLearning"))
        {
            match normalize::iso8601_duration_hours(&text) {
                Some(hours) => self.credential.workload_hours = Some(hours),
                None => self.issue(Issue::unreadable(
                    AnnexElement::Workload,
                    format!("volumeOfLearning {text:?} is not an ISO 8601 duration"),
                )),
            }
        }
    }

    fn read_vocabularies(&mut self, spec: &Value) {
        if self.credential.eqf_level.is_none()
            && let Some(level) = items(spec.get("eqfLevel")).into_iter().next()
        {
            let uri = id_of(level).unwrap_or_default();
            match vocab::eqf_level(uri) {
                Ok(level) => self.credential.eqf_level = Some(level),
                Err(unknown) => self.issue(Issue::unreadable(
                    AnnexElement::EqfLevel,
                    unknown.to_string(),
                )),
            }
        }
        if self.credential.nqf_level.is_none() {
            self.credential.nqf_level = items(spec.get("nqfLevel"))
                .into_iter()
                .find_map(concept_text);
        }
        for field in items(spec.get("thematicArea")) {
            match vocab::isced_field(id_of(field).unwrap_or_default()) {
                Ok(code) => self.credential.isced_fields.push(code),
                Err(unknown) => self.issue(unknown.issue()),
            }
        }
        for subject in items(spec.get("educationSubject")) {
            if let Some(label) = concept_text(subject) {
                self.credential.keywords.push(label);
            }
        }
        for language in items(spec.get("language")) {
            match vocab::language(id_of(language).unwrap_or_default()) {
                Ok(tag) => self.credential.languages.push(tag),
                Err(unknown) => self.issue(unknown.issue()),
            }
        }
        for mode in items(spec.get("mode")) {
            match vocab::participation(id_of(mode).unwrap_or_default()) {
                Ok(Some(participation)) => self.credential.participation.push(participation),
                Ok(None) => {}
                Err(unknown) => self.issue(Issue::unreadable(
                    AnnexElement::Participation,
                    unknown.to_string(),
                )),
            }
        }
        // The first learning-opportunity type known wins: the opportunity's own before
        // its specification's.
        for kind in items(spec.get("dcType")) {
            let uri = id_of(kind).unwrap_or_default();
            if uri.contains("/snb/learning-opportunity/") {
                match vocab::learning_opportunity_type(uri) {
                    Ok((kind, _)) if !self.kind_from_vocabulary => {
                        self.credential.kind = kind;
                        self.kind_from_vocabulary = true;
                    }
                    Ok(_) => {}
                    Err(unknown) => self.issue(unknown.issue()),
                }
            }
        }
    }

    fn read_assessment(&mut self, assessment: &'a Value) {
        // A LearningAssessment (in a credential) is specified by a specification.
        let spec = assessment
            .get("specifiedBy")
            .and_then(|spec| self.index.node(spec))
            .unwrap_or(assessment);
        let mut title = lang_text(spec.get("title"), "und");
        if title.is_empty() {
            title = lang_text(assessment.get("title"), "und");
        }
        let kind = items(spec.get("dcType"))
            .into_iter()
            .filter_map(concept_text)
            .filter(|label| !label.contains("://") && !label.starts_with("urn:"))
            .collect::<Vec<_>>();
        for (lang, text) in &title.0 {
            let text = if kind.is_empty() {
                text.clone()
            } else {
                format!("{text} ({})", kind.join(", "))
            };
            if !self.credential.assessment.0.contains_key(lang) {
                self.credential.assessment.insert_tag(lang.clone(), &text);
            }
        }
        if let Some(check) = assessment.get("idVerification") {
            let label = lang_text(check.get("prefLabel"), "und");
            merge_text(&mut self.credential.supervision, &label);
        }
        for scheme in self.index.nodes(spec.get("gradingScheme")) {
            let title = lang_text(scheme.get("title"), "und");
            let description = lang_text(scheme.get("description"), "und");
            let mut grading = LangText::default();
            for (lang, title) in &title.0 {
                match description.0.get(lang) {
                    Some(description) => {
                        grading.insert_tag(lang.clone(), &format!("{title}: {description}"))
                    }
                    None => grading.insert_tag(lang.clone(), title),
                }
            }
            merge_text(&mut self.credential.grading, &grading);
        }
    }

    fn read_organisation(&mut self, body: &'a Value) {
        let mut organisation = Organisation {
            name: lang_text(body.get("legalName"), "und"),
            ..Organisation::default()
        };
        if organisation.name.is_empty() {
            organisation.name = lang_text(body.get("prefLabel"), "und");
        }
        let countries: Vec<&Value> = self
            .index
            .nodes(body.get("location"))
            .into_iter()
            .flat_map(|location| self.index.nodes(location.get("address")))
            .flat_map(|address| items(address.get("countryCode")))
            .collect();
        if let Some(code) = countries.first() {
            match vocab::country(id_of(code).unwrap_or_default()) {
                Ok(country) => organisation.country = Some(country),
                Err(unknown) => self.issue(Issue::unreadable(
                    AnnexElement::Country,
                    unknown.to_string(),
                )),
            }
        }
        organisation.url = self
            .index
            .nodes(body.get("homepage"))
            .into_iter()
            .find_map(|page| text_of(page.get("contentURL")));
        for identifier in self.index.nodes(body.get("identifier")) {
            if let Some(value) = text_of(identifier.get("notation")) {
                let scheme = text_of(identifier.get("schemeName"))
                    .unwrap_or_else(|| "identifier".to_owned());
                organisation.identifiers.push(Identifier { scheme, value });
            }
        }
        if let Some(id) = id_of(body).filter(|id| !id.starts_with("urn:epass:")) {
            organisation.identifiers.push(Identifier {
                scheme: "uri".to_owned(),
                value: id.to_owned(),
            });
        }
        self.credential.awarding_body = organisation;
    }

    fn read_opportunity(&mut self, opportunity: &'a Value) {
        let mut offer = Offer::default();
        for period in self.index.nodes(opportunity.get("temporal")) {
            offer.start = text_of(period.get("startDate")).and_then(|t| normalize::parse_date(&t));
            offer.end = text_of(period.get("endDate")).and_then(|t| normalize::parse_date(&t));
        }
        offer.application_deadline = items(opportunity.get("applicationDeadline"))
            .into_iter()
            .filter_map(|deadline| text_of(Some(deadline)))
            .filter_map(|text| normalize::parse_date(&text))
            .min();
        offer.venue = self
            .index
            .nodes(opportunity.get("location"))
            .into_iter()
            .map(|location| lang_text(location.get("geographicName"), "und"))
            .find(|name| !name.is_empty())
            .unwrap_or_default();
        let modes: Vec<_> = items(opportunity.get("mode"))
            .into_iter()
            .filter_map(|mode| vocab::participation(id_of(mode)?).ok().flatten())
            .collect();
        offer.participation = match modes.as_slice() {
            [one] => Some(*one),
            _ => None,
        };
        offer.url = self.credential.url.clone();
        let has_content = offer.start.is_some()
            || offer.end.is_some()
            || offer.application_deadline.is_some()
            || !offer.venue.is_empty();
        if has_content {
            self.credential.offers.push(offer);
        }
        if self.credential.awarding_body.name.is_empty()
            && let Some(provider) = self.index.nodes(opportunity.get("providedBy")).first()
        {
            self.read_organisation(provider);
        }
    }

    fn read_claim(&mut self, context: &CredentialContext<'a>) {
        let claim = context.claim;
        if self.credential.title.is_empty() {
            self.credential.title = lang_text(claim.get("title"), "und");
        }
        for assessment in self.index.nodes(claim.get("provenBy")) {
            self.read_assessment(assessment);
        }
        let awarding_body = self
            .index
            .nodes(claim.get("awardedBy"))
            .into_iter()
            .flat_map(|process| self.index.nodes(process.get("awardingBody")))
            .next()
            .or_else(|| self.index.node(context.credential.get("issuer")?));
        if let Some(body) = awarding_body
            && self.credential.awarding_body.name.is_empty()
        {
            self.read_organisation(body);
        }
        let profile_is_micro = items(context.credential.get("credentialProfiles"))
            .into_iter()
            .filter_map(concept_text)
            .any(|label| label.to_lowercase().contains("micro"));
        if profile_is_micro {
            self.credential.kind = Kind::MicroCredential;
        }
    }
}

/// Turns a LOQ element tree into the JSON-LD shape the mapping reads.
fn loq_to_json(root: &Element) -> Value {
    let mut graph = Vec::new();
    for container in root.elements() {
        for entry in container.elements() {
            let mut node = element_to_json(entry);
            if let Value::Object(map) = &mut node {
                map.insert("type".to_owned(), Value::String(capitalise(&entry.name)));
            }
            graph.push(node);
        }
    }
    let mut document = Map::new();
    document.insert("@graph".to_owned(), Value::Array(graph));
    Value::Object(document)
}

fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn json_name(element: &Element) -> &str {
    match element.name.as_str() {
        "EQFLevel" => "eqfLevel",
        "NQFLevel" => "nqfLevel",
        "ISCEDFCode" => "thematicArea",
        "contentUrl" => "contentURL",
        // `dc:type` and the LOQ `type` carry a concept, not the node's own type.
        "type" => "dcType",
        other => other,
    }
}

fn element_to_json(element: &Element) -> Value {
    if let Some(idref) = element.attr("idref") {
        return Value::String(idref.to_owned());
    }
    let children: Vec<&Element> = element.elements().collect();
    let uri = element.attr("uri");
    let id = element.attr("id");
    if children.is_empty() && uri.is_none() && id.is_none() {
        let text = model::collapse_whitespace(&element.text());
        return match element.attr("language") {
            Some(lang) => serde_json::json!({"@value": text, "@language": lang}),
            None => Value::String(text),
        };
    }
    let mut map = Map::new();
    if let Some(id) = id.or(uri) {
        map.insert("id".to_owned(), Value::String(id.to_owned()));
    }
    for child in children {
        let name = json_name(child).to_owned();
        let value = element_to_json(child);
        match map.get_mut(&name) {
            Some(Value::Array(values)) => values.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                map.insert(name, value);
            }
        }
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learning_opportunity_graph_with_references() {
        let doc = br#"{"@graph": [
          {"id": "http://lo/1", "type": "LearningOpportunity",
           "title": {"en": ["Data literacy"], "de": "Datenkompetenz"},
           "learningAchievementSpecification": "http://spec/1",
           "temporal": {"startDate": "2025-03-01T00:00:00", "endDate": "2025-02-01"},
           "providedBy": {"id": "http://org/1"}},
          {"id": "http://spec/1", "type": "LearningAchievementSpecification",
           "title": {"en": "Spec title"},
           "creditPoint": {"framework": {"id": "http://data.europa.eu/snb/education-credit/6fcec5c5af"}, "point": "2,5"},
           "eqfLevel": "http://data.europa.eu/snb/eqf/5",
           "thematicArea": ["http://data.europa.eu/snb/isced-f/0613", "http://data.europa.eu/snb/isced-f/77"],
           "language": {"id": "http://publications.europa.eu/resource/authority/language/DEU"},
           "mode": {"id": "http://data.europa.eu/snb/learning-assessment/920fbb3cbe"},
           "learningOutcome": {"title": {"en": "Reads charts"}, "relatedESCOSkill": "http://data.europa.eu/esco/skill/x"}},
          {"id": "http://org/1", "type": "Organisation", "legalName": {"de": "Beispiel-Uni"},
           "location": {"address": {"countryCode": {"id": "http://publications.europa.eu/resource/authority/country/DEU"}}}}
        ]}"#;
        let records = parse(doc).unwrap();
        assert_eq!(
            records.len(),
            1,
            "the referenced specification is not a record of its own"
        );
        let record = records[0].as_ref().unwrap();
        let c = &record.credential;
        assert_eq!(record.upstream_id, "http://lo/1");
        assert_eq!(c.title.best(&["en"]), Some("Data literacy"));
        assert_eq!(c.ects(), Some(2.5));
        assert_eq!(c.eqf_level.unwrap().get(), 5);
        assert_eq!(c.isced_fields.len(), 1);
        assert_eq!(c.languages[0].as_str(), "de");
        assert_eq!(c.awarding_body.country.as_ref().unwrap().as_str(), "DE");
        assert_eq!(
            c.learning_outcomes[0].skill_uri.as_deref(),
            Some("http://data.europa.eu/esco/skill/x")
        );
        let notes: Vec<_> = c.issues.iter().map(|i| i.message.as_str()).collect();
        assert!(notes.iter().any(|n| n.contains("ISCED-F")), "{notes:?}");
        assert!(
            notes.iter().any(|n| n.contains("before it starts")),
            "{notes:?}"
        );
    }

    #[test]
    fn unreadable_credits_and_unknown_modes_are_issues() {
        let doc = br#"{"id": "urn:q", "type": "Qualification", "title": "Q",
           "creditPoint": {"point": "five"},
           "mode": "http://data.europa.eu/snb/learning-assessment/nope"}"#;
        let record = parse(doc).unwrap().remove(0).unwrap();
        let c = record.credential;
        assert_eq!(c.kind, Kind::Qualification);
        assert!(c.credits.is_none());
        assert!(
            c.issues
                .iter()
                .any(|i| i.element == Some(AnnexElement::Workload))
        );
        assert!(
            c.issues
                .iter()
                .any(|i| i.element == Some(AnnexElement::Participation))
        );
    }

    #[test]
    fn bad_documents_fail_cleanly() {
        assert!(matches!(parse(b"{\"id\": "), Err(FormatError::Json { .. })));
        assert!(matches!(
            parse(b"{\"type\": \"Organisation\"}"),
            Err(FormatError::WrongShape { .. })
        ));
        let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Courses><learningOpportunityReferences><learningOpportunity id="x"><title>&lol2;</title></learningOpportunity></learningOpportunityReferences></Courses>"#;
        let err = parse(bomb).unwrap_err().to_string();
        assert!(err.contains("never expanded"), "{err}");
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(
            parse(deep.as_bytes())
                .unwrap_err()
                .to_string()
                .contains("recursion limit")
        );
    }

    #[test]
    fn record_without_title_fails_alone() {
        let doc = br#"[{"id": "a", "type": "Qualification", "title": {"en": "A"}},
                       {"id": "b", "type": "Qualification"}]"#;
        let records = parse(doc).unwrap();
        assert!(records[0].is_ok());
        assert_eq!(
            records[1].as_ref().unwrap_err().upstream_id.as_deref(),
            Some("b")
        );
    }
}
