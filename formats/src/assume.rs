//! What the clearinghouse assumes of a source's records when they do not say it, and
//! the record as its feed published it, without those assumptions.
//!
//! A record that names no awarding body is taken to be the publishing institution's, and
//! one whose awarding body has no country is taken to be in the source's country (both
//! from the configuration). What was assumed is kept as typed data in
//! [`model::Credential::assumed`], so that reports to publishers can tell what their feed
//! stated ([`as_published`]) from what the clearinghouse filled in.

use model::{Country, Credential, LangText};

/// What a source's configuration says of its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceAssumptions {
    /// The publishing institution's name: the awarding body of records naming none.
    pub institution: String,
    /// The source's country: the awarding body's country when a record states none.
    pub country: Country,
}

/// Fills in the awarding body and its country from `assumptions` where the record states
/// none, and records that it did.
pub fn assume(credential: &mut Credential, assumptions: &SourceAssumptions) {
    if credential.awarding_body.name.is_empty() {
        credential
            .awarding_body
            .name
            .insert("und", &assumptions.institution);
        credential.assumed.awarding_body = true;
    }
    if credential.awarding_body.country.is_none() {
        credential.awarding_body.country = Some(assumptions.country.clone());
        credential.assumed.country = true;
    }
}

/// The credential as its feed published it: without what [`assume`] filled in.
pub fn as_published(credential: &Credential) -> Credential {
    let mut published = credential.clone();
    if credential.assumed.awarding_body {
        published.awarding_body.name = LangText::default();
    }
    if credential.assumed.country {
        published.awarding_body.country = None;
    }
    published.assumed = model::Assumed::default();
    published
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assumptions() -> SourceAssumptions {
        SourceAssumptions {
            institution: "Demo University".to_owned(),
            country: Country::parse("PL").unwrap(),
        }
    }

    #[test]
    fn what_a_record_lacks_is_assumed_and_undone_for_the_publisher() {
        let mut credential = Credential::default();
        credential.title.insert("en", "Data literacy");
        let original = credential.clone();
        assume(&mut credential, &assumptions());
        assert_eq!(
            credential.awarding_body.name.best(&[]),
            Some("Demo University")
        );
        assert_eq!(
            credential.awarding_body.country.as_ref().unwrap().as_str(),
            "PL"
        );
        assert!(credential.assumed.awarding_body && credential.assumed.country);
        assert_eq!(as_published(&credential), original);
    }

    #[test]
    fn what_a_record_states_is_kept() {
        let mut credential = Credential::default();
        credential.awarding_body.name.insert("de", "TU Demo");
        credential.awarding_body.country = Some(Country::parse("DE").unwrap());
        let original = credential.clone();
        assume(&mut credential, &assumptions());
        assert_eq!(credential, original);
        assert_eq!(as_published(&credential), original);
    }
}
