//! The institutions behind the configured sources: one entity per publisher, whatever
//! language its records name it in and however many feeds it publishes.
//!
//! An institution is known by a key: its SCHAC code when the configuration gives one
//! (`schac`, or the `hei_id` of an `ewp` source), else the id of its first source.
//! Sources with the same SCHAC code, or with the same institution name in the same
//! country, are one institution. Its names are every source's `institution` and
//! `institution_names`; people see the one in their language ([`Institution::name_in`]).

use model::{Country, SourceId};

use crate::Source;

/// One institution publishing credentials through one or more sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Institution {
    /// Its key: the SCHAC code when known, else its first source's id.
    pub key: String,
    /// Its SCHAC code, when known.
    pub schac: Option<String>,
    /// Its name as the configuration gives it first (no language said).
    pub name: String,
    /// Its names in named languages: language code and name.
    pub names: Vec<(String, String)>,
    /// Its country.
    pub country: Country,
    /// Its home page.
    pub homepage: Option<url::Url>,
    /// Its sources, in configuration order.
    pub sources: Vec<SourceId>,
}

impl Institution {
    /// Its name for a reader of `languages` (primary subtags, preferred first): the
    /// first language it has a name in, else its configured name.
    pub fn name_in<S: AsRef<str>>(&self, languages: &[S]) -> &str {
        self.name_and_language_in(languages).0
    }

    /// [`Self::name_in`] with the language of the name (`None` for the configured name,
    /// whose language is not said).
    pub fn name_and_language_in<S: AsRef<str>>(&self, languages: &[S]) -> (&str, Option<&str>) {
        languages
            .iter()
            .find_map(|wanted| {
                let wanted = wanted.as_ref();
                let primary = wanted.split(['-', '_']).next().unwrap_or(wanted);
                self.names
                    .iter()
                    .find(|(lang, _)| !lang.is_empty() && lang.eq_ignore_ascii_case(primary))
                    .map(|(lang, name)| (name.as_str(), Some(lang.as_str())))
            })
            .unwrap_or((&self.name, None))
    }

    /// Whether `name` is one of its names, exactly (surrounding spaces aside).
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        name == self.name || self.names.iter().any(|(_, own)| own == name)
    }

    /// Every name it has, the configured one first.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.names.iter().map(|(_, name)| name.as_str()))
    }
}

/// The institutions of a configuration ([`crate::Config::institutions`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Institutions {
    all: Vec<Institution>,
}

impl Institutions {
    /// The institutions behind `sources`.
    pub fn new(sources: &[Source]) -> Institutions {
        let mut all: Vec<Institution> = Vec::new();
        for source in sources {
            let same = all
                .iter()
                .position(|known| match (&known.schac, &source.schac) {
                    (Some(known), Some(code)) => known == code,
                    (None, None) => {
                        known.country == source.country
                            && known.name.trim().to_lowercase()
                                == source.institution.trim().to_lowercase()
                    }
                    _ => false,
                });
            let institution = match same {
                Some(position) => &mut all[position],
                None => {
                    all.push(Institution {
                        key: source
                            .schac
                            .clone()
                            .unwrap_or_else(|| source.id.as_str().to_owned()),
                        schac: source.schac.clone(),
                        name: source.institution.trim().to_owned(),
                        names: Vec::new(),
                        country: source.country.clone(),
                        homepage: source.homepage.clone(),
                        sources: Vec::new(),
                    });
                    all.last_mut().expect("just pushed")
                }
            };
            institution.sources.push(source.id.clone());
            if institution.homepage.is_none() {
                institution.homepage = source.homepage.clone();
            }
            for (lang, name) in &source.institution_names {
                if !institution.names.iter().any(|(known, _)| known == lang) {
                    institution.names.push((lang.clone(), name.clone()));
                }
            }
            // Another source's own name, in a language it does not say, is still a name.
            let name = source.institution.trim();
            if !institution.is_named(name) {
                institution.names.push((String::new(), name.to_owned()));
            }
        }
        Institutions { all }
    }

    /// Every institution, in configuration order.
    pub fn iter(&self) -> impl Iterator<Item = &Institution> {
        self.all.iter()
    }

    /// The institution with this key.
    pub fn get(&self, key: &str) -> Option<&Institution> {
        self.all.iter().find(|institution| institution.key == key)
    }

    /// The institution publishing through source `id`.
    pub fn of_source(&self, id: &str) -> Option<&Institution> {
        self.all.iter().find(|institution| {
            institution
                .sources
                .iter()
                .any(|source| source.as_str() == id)
        })
    }

    /// The institution with this name, exactly, in any of its languages.
    pub fn named(&self, name: &str) -> Option<&Institution> {
        self.all
            .iter()
            .find(|institution| institution.is_named(name))
    }

    /// The institution `text` means: its key, one of its sources' ids, or one of its
    /// names (for compatibility with filters written before keys).
    pub fn resolve(&self, text: &str) -> Option<&Institution> {
        let text = text.trim();
        self.get(text)
            .or_else(|| self.of_source(text))
            .or_else(|| self.named(text))
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;

    fn config(sources: &str) -> Config {
        Config::from_toml_str(sources, std::path::Path::new("/srv")).unwrap()
    }

    const SOURCES: &str = r#"
        [[sources]]
        id = "tu-oai"
        institution = "Technische Universität Demo"
        institution_names = { en = "Technical University Demo", pl = "Uniwersytet Techniczny Demo" }
        country = "DE"
        protocol = "file"
        url = "a.xml"
        format = "oai_dc"

        [[sources]]
        id = "tu-json"
        institution = "Technische Universität Demo"
        country = "DE"
        protocol = "file"
        url = "b.json"
        format = "clearinghouse-json"

        [[sources]]
        id = "uw-ewp"
        institution = "University of Warsaw"
        country = "PL"
        protocol = "ewp"
        url = "https://ewp.uw.edu.pl/replication"
        courses_url = "https://ewp.uw.edu.pl/courses"
        hei_id = "UW.edu.pl"
        format = "ewp"

        [[sources]]
        id = "uw-oai"
        institution = "Uniwersytet Warszawski"
        schac = "uw.edu.pl"
        country = "PL"
        protocol = "file"
        url = "c.xml"
        format = "oai_dc"
    "#;

    #[test]
    fn one_institution_per_publisher_whatever_its_feeds() {
        let config = config(SOURCES);
        let institutions = &config.institutions;
        let keys: Vec<&str> = institutions.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            ["tu-oai", "uw.edu.pl"],
            "same name and country, same SCHAC code"
        );
        let tu = institutions.get("tu-oai").unwrap();
        assert_eq!(tu.sources.len(), 2);
        assert_eq!(institutions.of_source("tu-json").unwrap().key, "tu-oai");
        let uw = institutions.of_source("uw-oai").unwrap();
        assert_eq!(uw.key, "uw.edu.pl");
        assert!(uw.is_named("Uniwersytet Warszawski") && uw.is_named("University of Warsaw"));
    }

    #[test]
    fn the_name_shown_is_the_readers_language_when_known() {
        let config = config(SOURCES);
        let tu = config.institutions.get("tu-oai").unwrap();
        assert_eq!(tu.name_in(&["en-GB"]), "Technical University Demo");
        assert_eq!(tu.name_in(&["fr", "pl"]), "Uniwersytet Techniczny Demo");
        assert_eq!(tu.name_in(&["fr"]), "Technische Universität Demo");
        assert_eq!(tu.name_in::<&str>(&[]), "Technische Universität Demo");
    }

    #[test]
    fn a_filter_may_name_the_key_a_source_or_any_name() {
        let config = config(SOURCES);
        let institutions = &config.institutions;
        for text in [
            "tu-oai",
            "tu-json",
            "Technical University Demo",
            " Technische Universität Demo ",
        ] {
            assert_eq!(institutions.resolve(text).unwrap().key, "tu-oai", "{text}");
        }
        assert!(
            institutions.resolve("technical university demo").is_none(),
            "names are exact"
        );
        assert!(institutions.resolve("Famous University").is_none());
    }

    #[test]
    fn a_bad_schac_code_or_language_is_refused_in_words() {
        let bad = SOURCES.replace("schac = \"uw.edu.pl\"", "schac = \"not a code\"");
        let err = Config::from_toml_str(&bad, std::path::Path::new("/srv")).unwrap_err();
        assert!(err.to_string().contains("is not a SCHAC code"), "{err}");
        let bad = SOURCES.replace("schac = \"uw.edu.pl\"", "schac = \"uj.edu.pl\"");
        let config = config(&bad);
        assert_eq!(
            config.institutions.iter().count(),
            3,
            "another code, another one"
        );
        let bad = SOURCES.replace("en = \"Technical", "english = \"Technical");
        let err = Config::from_toml_str(&bad, std::path::Path::new("/srv")).unwrap_err();
        assert!(err.to_string().contains("is not a language code"), "{err}");
        let bad = SOURCES.replace(
            "hei_id = \"UW.edu.pl\"",
            "hei_id = \"UW.edu.pl\"\nschac = \"x.pl\"",
        );
        let err = Config::from_toml_str(&bad, std::path::Path::new("/srv")).unwrap_err();
        assert!(err.to_string().contains("differs from `hei_id`"), "{err}");
    }
}
