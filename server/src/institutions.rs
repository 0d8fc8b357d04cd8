//! The institution facet as people and the API see it: one value per publisher, keyed
//! by the institution's key ([`config::Institution::key`]: its SCHAC code, else its
//! source's id) and labelled by its name in the reader's language.
//!
//! The index files each record under a [`search::InstitutionValue`]: its source, when
//! the record is the publisher's own in whatever language it names it; the name of
//! another awarding body its source may publish for; or a name only claimed. Here those
//! values become institutions: a source's becomes its institution (sources of one
//! institution collapse), a name becomes the institution it is a configured name of,
//! and the rest keep a key of their own (`name:…`, `claim:…`). A filter on a key is
//! turned back into every indexed value it covers before the search
//! ([`expand_filters`]), and the counts of the values one institution covers are added
//! up after it ([`merge_counts`]).

use config::{Institution, Institutions};
use search::{Facet, FacetCounts, FacetValue, InstitutionValue, SearchRequest};

/// An institution as a hit or a facet value shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The key the `institution` filter takes.
    pub key: String,
    /// Its name in the reader's language (a claimed name as claimed).
    pub name: String,
    /// Whether the name is only a record's claim (its source may not publish for it).
    pub claim: bool,
}

/// Whether a facet key is an unverified claim's.
pub fn is_claim(key: &str) -> bool {
    key.starts_with("claim:")
}

/// The configured institution an indexed value stands for: its source's, or the one it
/// names by one of its names (never a claim's).
pub fn institution_of<'a>(
    institutions: &'a Institutions,
    value: &InstitutionValue,
) -> Option<&'a Institution> {
    match value {
        InstitutionValue::Source(id) => institutions.of_source(id),
        InstitutionValue::Named(name) => institutions.named(name),
        InstitutionValue::Claim(_) => None,
    }
}

/// The institution an indexed value stands for, named for a reader of `languages`.
pub fn shown<S: AsRef<str>>(
    institutions: &Institutions,
    value: &InstitutionValue,
    languages: &[S],
) -> Shown {
    if let Some(institution) = institution_of(institutions, value) {
        return Shown {
            key: institution.key.clone(),
            name: institution.name_in(languages).to_owned(),
            claim: false,
        };
    }
    let name = match value {
        // A source no longer configured: its id is all that is known.
        InstitutionValue::Source(id) => id.clone(),
        InstitutionValue::Named(name) | InstitutionValue::Claim(name) => name.clone(),
    };
    Shown {
        key: value.encode(),
        name,
        claim: matches!(value, InstitutionValue::Claim(_)),
    }
}

/// The indexed values an `institution` filter value covers: every source and name of
/// the institution it names (by key, source id or one of its names), else the value
/// itself when it is a key of [`shown`], else the records naming it so.
pub fn indexed_values(institutions: &Institutions, text: &str) -> Vec<String> {
    if let Some(institution) = institutions.resolve(text) {
        let sources = institution
            .sources
            .iter()
            .map(|source| InstitutionValue::Source(source.as_str().to_owned()));
        let names = institution
            .all_names()
            .map(|name| InstitutionValue::Named(name.to_owned()));
        return sources.chain(names).map(|value| value.encode()).collect();
    }
    match InstitutionValue::decode(text) {
        Some(value) => vec![value.encode()],
        None => vec![InstitutionValue::Named(text.trim().to_owned()).encode()],
    }
}

/// `request` with its `institution` filter values turned into the indexed values they
/// cover.
pub fn expand_filters(institutions: &Institutions, request: &SearchRequest) -> SearchRequest {
    let mut request = request.clone();
    for (facet, values) in &mut request.filters {
        if *facet != Facet::Institution {
            continue;
        }
        let mut expanded: Vec<String> = Vec::new();
        for value in values.iter() {
            for indexed in indexed_values(institutions, value) {
                if !expanded.contains(&indexed) {
                    expanded.push(indexed);
                }
            }
        }
        *values = expanded;
    }
    request
}

/// The institution facet's counts with one value per institution: the counts of the
/// indexed values it covers added up (a record has one), labelled for `languages`;
/// the most frequent first.
pub fn merge_counts<S: AsRef<str>>(
    institutions: &Institutions,
    facets: &mut [FacetCounts],
    languages: &[S],
) {
    for counts in facets
        .iter_mut()
        .filter(|counts| counts.facet == Facet::Institution)
    {
        let mut merged: Vec<FacetValue> = Vec::new();
        for value in counts.values.drain(..) {
            let shown = match InstitutionValue::decode(&value.value) {
                Some(indexed) => shown(institutions, &indexed, languages),
                None => Shown {
                    key: value.value.clone(),
                    name: value.label.clone(),
                    claim: false,
                },
            };
            match merged.iter_mut().find(|known| known.value == shown.key) {
                Some(known) => {
                    known.count += value.count;
                    known.selected |= value.selected;
                }
                None => merged.push(FacetValue {
                    value: shown.key,
                    label: shown.name,
                    count: value.count,
                    selected: value.selected,
                }),
            }
        }
        merged.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        counts.values = merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn institutions() -> Institutions {
        let config = config::Config::from_toml_str(
            r#"
            [[sources]]
            id = "tu"
            institution = "Technische Universität Demo"
            institution_names = { en = "Technical University Demo" }
            country = "DE"
            protocol = "file"
            url = "a.json"
            format = "clearinghouse-json"

            [[sources]]
            id = "tu-oai"
            institution = "Technische Universität Demo"
            country = "DE"
            protocol = "file"
            url = "b.xml"
            format = "oai_dc"
            "#,
            std::path::Path::new("/srv"),
        )
        .unwrap();
        config.institutions
    }

    fn value(value: &str, count: u64) -> FacetValue {
        FacetValue {
            value: value.to_owned(),
            label: value.to_owned(),
            count,
            selected: false,
        }
    }

    #[test]
    fn one_value_per_institution_in_the_readers_language() {
        let institutions = institutions();
        let counted = || {
            vec![FacetCounts {
                facet: Facet::Institution,
                values: vec![
                    value("source:tu", 3),
                    value("claim:Famous University", 4),
                    value("name:Technical University Demo", 1),
                    value("source:tu-oai", 2),
                    value("name:Partner College", 1),
                ],
            }]
        };
        let mut facets = counted();
        merge_counts(&institutions, &mut facets, &["en"]);
        let shown: Vec<(&str, &str, u64)> = facets[0]
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.label.as_str(), v.count))
            .collect();
        assert_eq!(
            shown,
            [
                ("tu", "Technical University Demo", 6),
                ("claim:Famous University", "Famous University", 4),
                ("name:Partner College", "Partner College", 1),
            ]
        );
        let mut facets = counted();
        merge_counts(&institutions, &mut facets, &["pl"]);
        assert_eq!(facets[0].values[0].label, "Technische Universität Demo");
    }

    #[test]
    fn a_filter_by_key_or_name_covers_every_value_of_the_institution() {
        let institutions = institutions();
        let all = [
            "source:tu",
            "source:tu-oai",
            "name:Technische Universität Demo",
            "name:Technical University Demo",
        ];
        for text in ["tu", "tu-oai", "Technical University Demo"] {
            let mut covered = indexed_values(&institutions, text);
            covered.sort();
            let mut expected = all.map(str::to_owned).to_vec();
            expected.sort();
            assert_eq!(covered, expected, "{text}");
        }
        assert_eq!(
            indexed_values(&institutions, "claim:Famous University"),
            ["claim:Famous University"]
        );
        assert_eq!(
            indexed_values(&institutions, "Partner College"),
            ["name:Partner College"]
        );
    }
}
