//! A whole record with its provenance and history, and a record in brief.

use chrono::{DateTime, Utc};
use model::{AnnexElement, Credential, Provenance, StoredRecord};
use serde::Serialize;

use super::best;

/// One Annex I element and whether the record has it.
#[derive(Debug, Serialize)]
pub struct ElementView {
    /// The element's name.
    pub element: AnnexElement,
    /// A label for people.
    pub label: &'static str,
    /// Whether the record has it.
    pub present: bool,
}

/// A whole record with its provenance.
#[derive(Debug, Serialize)]
pub struct CredentialView<'a> {
    /// Record id.
    pub id: &'a str,
    /// Version number (1 for the first).
    pub version: u32,
    /// Whether upstream deleted it.
    pub deleted: bool,
    /// The canonical record (absent for a deleted one).
    pub credential: Option<&'a Credential>,
    /// Share of the mandatory Annex I elements present.
    pub completeness: Option<f64>,
    /// Each Annex I element, present or not.
    pub elements: Vec<ElementView>,
    /// Where this version came from.
    pub provenance: &'a Provenance,
    /// When the record was first stored.
    pub first_seen: DateTime<Utc>,
    /// When this version was stored.
    pub updated_at: DateTime<Utc>,
    /// Earlier versions: number, when stored, and the run that stored them.
    pub history: Vec<VersionView<'a>>,
}

/// An earlier version of a record.
#[derive(Debug, Serialize)]
pub struct VersionView<'a> {
    /// Its version number.
    pub version: u32,
    /// When it was stored.
    pub updated_at: DateTime<Utc>,
    /// Whether it was a tombstone.
    pub deleted: bool,
    /// The harvest run that stored it.
    pub run_id: &'a str,
}

impl<'a> CredentialView<'a> {
    /// The view of a record and its history.
    pub fn new(record: &'a StoredRecord, history: &'a [StoredRecord]) -> CredentialView<'a> {
        let credential = record.credential.as_ref();
        let elements = credential
            .map(|credential| {
                AnnexElement::MANDATORY
                    .into_iter()
                    .chain([AnnexElement::Prerequisites, AnnexElement::Stackability])
                    .map(|element| ElementView {
                        element,
                        label: element.label(),
                        present: credential.has(element),
                    })
                    .collect()
            })
            .unwrap_or_default();
        CredentialView {
            id: record.id.as_str(),
            version: record.version,
            deleted: record.deleted,
            credential,
            completeness: credential.map(Credential::completeness),
            elements,
            provenance: &record.provenance,
            first_seen: record.first_seen,
            updated_at: record.updated_at,
            history: history
                .iter()
                .map(|old| VersionView {
                    version: old.version,
                    updated_at: old.updated_at,
                    deleted: old.deleted,
                    run_id: &old.provenance.run_id.0,
                })
                .collect(),
        }
    }
}

/// A record in brief, for equivalence and comparison answers.
#[derive(Debug, Serialize)]
pub struct BriefView {
    /// Record id.
    pub id: String,
    /// Title in the best language for the visitor.
    pub title: String,
    /// The language of `title`.
    pub title_lang: String,
    /// Awarding body.
    pub institution: Option<String>,
    /// Whether `institution` is only the record's claim: its source is not registered to
    /// publish for that awarding body.
    pub institution_unverified: bool,
    /// Its country.
    pub country: Option<String>,
    /// The source it was harvested from.
    pub source: String,
    /// Where the whole record is.
    pub url: String,
}

impl BriefView {
    /// The brief of a stored record.
    pub fn new(record: &StoredRecord, languages: &[String]) -> BriefView {
        let credential = record.credential.as_ref();
        let (title_lang, title) = credential
            .and_then(|c| best(&c.title, languages))
            .unwrap_or_default();
        BriefView {
            id: record.id.to_string(),
            title,
            title_lang,
            institution: credential
                .and_then(|c| best(&c.awarding_body.name, languages))
                .map(|(_, name)| name),
            institution_unverified: credential.is_some_and(|c| c.assumed.unverified_awarding_body),
            country: credential
                .and_then(|c| c.awarding_body.country.as_ref())
                .map(ToString::to_string),
            source: record.provenance.source_id.to_string(),
            url: format!("/api/v1/credentials/{}", record.id),
        }
    }
}
