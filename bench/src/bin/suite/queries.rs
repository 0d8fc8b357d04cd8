//! The queries the loads use: words of the corpus vocabulary in all six languages, as
//! search paths for `wrk` and as FTS5 queries for the baseline.

use std::collections::HashSet;

use bench::corpus;

/// Words of the vocabulary that every query syntax reads as plain words.
pub(crate) fn plain_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.chars().all(char::is_alphabetic) && w.chars().count() >= 5)
        .map(str::to_lowercase)
        .collect()
}

/// A word with a country and an EQF level to filter on.
type FilteredQuery = (String, &'static str, u8);

pub(crate) fn query_terms() -> (Vec<String>, Vec<String>, Vec<FilteredQuery>) {
    let mut one = Vec::new();
    let mut two = Vec::new();
    let mut seen = HashSet::new();
    for (f, field) in corpus::vocab::FIELDS.iter().enumerate() {
        for (t, topic) in field.topics.iter().enumerate() {
            let lang = (f + t) % 6;
            let words = plain_words(topic[lang]);
            if let Some(word) = words.first()
                && seen.insert(word.clone())
            {
                one.push(word.clone());
            }
            let all: Vec<&str> = topic[lang].split_whitespace().collect();
            if all.len() == 2 && all.iter().all(|w| w.chars().all(char::is_alphabetic)) {
                two.push(topic[lang].to_lowercase());
            }
        }
    }
    let countries = ["DE", "FR", "ES", "IT", "PL", "NL"];
    let filtered = one
        .iter()
        .enumerate()
        .map(|(i, word)| {
            (
                word.clone(),
                countries[i % countries.len()],
                6 + (i % 2) as u8,
            )
        })
        .collect();
    (one, two, filtered)
}

pub(crate) fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Queries per kind, as API paths: one word, two words, a phrase, and one word with
/// filters. Drawn from the corpus vocabulary across languages.
pub(crate) fn search_queries() -> Vec<(String, Vec<String>)> {
    let (one, two, filtered) = query_terms();
    vec![
        (
            "one-word".to_owned(),
            one.iter()
                .map(|w| format!("/api/v1/search?q={}", encode(w)))
                .collect(),
        ),
        (
            "two-word".to_owned(),
            two.iter()
                .map(|w| format!("/api/v1/search?q={}", encode(w)))
                .collect(),
        ),
        (
            "phrase".to_owned(),
            two.iter()
                .map(|w| format!("/api/v1/search?q={}", encode(&format!("\"{w}\""))))
                .collect(),
        ),
        (
            "filtered".to_owned(),
            filtered
                .iter()
                .map(|(w, country, eqf)| {
                    format!(
                        "/api/v1/search?q={}&country={country}&eqf_level={eqf}",
                        encode(w)
                    )
                })
                .collect(),
        ),
    ]
}

pub(crate) fn fts5_queries() -> Vec<serde_json::Value> {
    let (one, two, filtered) = query_terms();
    let mut out = Vec::new();
    for word in &one {
        out.push(serde_json::json!({ "kind": "one-word", "match": word }));
    }
    for words in &two {
        out.push(serde_json::json!({ "kind": "two-word", "match": words }));
    }
    for words in &two {
        out.push(serde_json::json!({ "kind": "phrase", "match": format!("\"{words}\"") }));
    }
    for (word, country, eqf) in &filtered {
        out.push(serde_json::json!({ "kind": "filtered", "match": word, "country": country, "eqf": eqf }));
    }
    out
}
