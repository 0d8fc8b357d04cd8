//! What the clearinghouse assumes of a source's records when they do not say it, and
//! the record as its feed published it, without those assumptions.
//!
//! A record that names no awarding body is taken to be the publishing institution's, and
//! one whose awarding body has no country is taken to be in the source's country (both
//! from the configuration). A record naming an awarding body its source may not publish
//! for (its own institution, the names its configuration lists, anyone for an
//! aggregator) is kept, marked as an unverified claim; one naming the publishing
//! institution by any of its configured names, or naming none, is marked as the
//! publisher's own (the institution facet files it under the publisher, whichever
//! language named it). What was assumed is kept as typed data in
//! [`model::Credential::assumed`], so that reports to publishers can tell what their feed
//! stated ([`as_published`]) from what the clearinghouse filled in.

use model::{Country, Credential, LangText};

/// What a source's configuration says of its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceAssumptions {
    /// The publishing institution's name: the awarding body of records naming none.
    pub institution: String,
    /// The same institution's names in other languages (its configuration's
    /// `institution_names`): a record naming it so is its own too.
    pub institution_names: Vec<String>,
    /// The source's country: the awarding body's country when a record states none.
    pub country: Country,
    /// The awarding bodies it may publish for besides itself.
    pub may_publish_for: MayPublishFor,
}

/// The awarding bodies a source may publish for besides its own institution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MayPublishFor {
    /// These (names; none: only itself).
    #[default]
    Named,
    /// These names too.
    Also(Vec<String>),
    /// Any: an aggregator or another clearinghouse the operator trusts to say who
    /// awards what.
    Any,
}

impl SourceAssumptions {
    /// Whether the source may publish for an awarding body of this name: its own
    /// institution, one it names, or any when it is an aggregator (names compared
    /// without case, punctuation or spacing).
    pub fn may_publish_for(&self, name: &str) -> bool {
        self.is_publisher(name)
            || match &self.may_publish_for {
                MayPublishFor::Any => true,
                MayPublishFor::Named => false,
                MayPublishFor::Also(others) => {
                    let folded = fold_name(name);
                    others.iter().any(|other| fold_name(other) == folded)
                }
            }
    }

    /// Whether `name` is one of the publishing institution's own names (compared as in
    /// [`Self::may_publish_for`]).
    pub fn is_publisher(&self, name: &str) -> bool {
        let folded = fold_name(name);
        std::iter::once(&self.institution)
            .chain(&self.institution_names)
            .any(|own| fold_name(own) == folded)
    }
}

/// A name as compared: its letters and digits, lowercase.
fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
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
    // A record may name another institution as its awarding body only when the source
    // may publish for it; otherwise the name is kept as the record's claim.
    credential.assumed.unverified_awarding_body = !credential
        .awarding_body
        .name
        .0
        .values()
        .any(|name| assumptions.may_publish_for(name));
    credential.assumed.awarding_body_is_publisher = credential.assumed.awarding_body
        || credential
            .awarding_body
            .name
            .0
            .values()
            .any(|name| assumptions.is_publisher(name));
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
            institution_names: vec!["Uniwersytet Demo".to_owned()],
            country: Country::parse("PL").unwrap(),
            may_publish_for: MayPublishFor::Named,
        }
    }

    #[test]
    fn another_awarding_body_is_a_claim_unless_the_source_may_publish_for_it() {
        let named = |name: &str| {
            let mut credential = Credential::default();
            credential.awarding_body.name.insert("en", name);
            credential
        };
        let mut own = named("DEMO  university");
        assume(&mut own, &assumptions());
        assert!(
            !own.assumed.unverified_awarding_body,
            "its own name, spelt otherwise"
        );
        let mut none = Credential::default();
        assume(&mut none, &assumptions());
        assert!(
            !none.assumed.unverified_awarding_body,
            "none named: its own"
        );
        let mut other = named("Famous University");
        assume(&mut other, &assumptions());
        assert!(other.assumed.unverified_awarding_body);
        assert_eq!(
            other.awarding_body.name.best(&[]),
            Some("Famous University"),
            "kept"
        );
        let partner = SourceAssumptions {
            may_publish_for: MayPublishFor::Also(vec!["Famous University".to_owned()]),
            ..assumptions()
        };
        let mut listed = named("Famous University");
        assume(&mut listed, &partner);
        assert!(!listed.assumed.unverified_awarding_body);
        let aggregator = SourceAssumptions {
            may_publish_for: MayPublishFor::Any,
            ..assumptions()
        };
        let mut any = named("Anyone At All");
        assume(&mut any, &aggregator);
        assert!(!any.assumed.unverified_awarding_body);
        assert!(
            !listed.assumed.awarding_body_is_publisher && !any.assumed.awarding_body_is_publisher,
            "verified, but another institution's"
        );
    }

    #[test]
    fn the_publisher_is_recognised_by_any_of_its_names() {
        for name in ["Demo University", "UNIWERSYTET  demo", "Uniwersytet Demo"] {
            let mut credential = Credential::default();
            credential.awarding_body.name.insert("pl", name);
            assume(&mut credential, &assumptions());
            assert!(credential.assumed.awarding_body_is_publisher, "{name}");
            assert!(!credential.assumed.unverified_awarding_body, "{name}");
        }
        let mut unnamed = Credential::default();
        assume(&mut unnamed, &assumptions());
        assert!(unnamed.assumed.awarding_body_is_publisher);
        let mut other = Credential::default();
        other.awarding_body.name.insert("en", "Famous University");
        assume(&mut other, &assumptions());
        assert!(!other.assumed.awarding_body_is_publisher);
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
        assert_eq!(credential.awarding_body, original.awarding_body);
        assert!(!credential.assumed.awarding_body && !credential.assumed.country);
        assert!(
            credential.assumed.unverified_awarding_body,
            "Demo University's source may not publish for TU Demo"
        );
        assert_eq!(as_published(&credential), original);
    }
}
