//! The University of Hong Kong's credit-transfer decisions
//! (`../shared/eval/hku-credit-transfer/decisions.csv`), read once for both HKU tasks: one
//! row per decision, and HKU's catalogue as the decisions name it.

use std::collections::HashMap;

use anyhow::Context;

/// One decision.
pub(crate) struct Decision {
    pub(crate) university: String,
    pub(crate) exchange_code: String,
    pub(crate) exchange_title: String,
    /// The HKU course it was recognised as; `None` for elective credit only (the HKU code
    /// is empty or contains `XXXX`).
    pub(crate) hku_code: Option<String>,
}

/// HKU's courses as the decisions name them: (code, its most frequent title), by code.
pub(crate) type Catalogue = Vec<(String, String)>;

/// The decisions (rows without an exchange title left out) and HKU's catalogue.
pub(crate) fn read() -> anyhow::Result<(Vec<Decision>, Catalogue)> {
    let path = bench::shared_dir().join("eval/hku-credit-transfer/decisions.csv");
    let mut reader = csv::Reader::from_path(&path).context("reading the HKU decisions")?;
    let mut titles_by_code: HashMap<String, HashMap<String, usize>> = HashMap::new();
    let mut decisions = Vec::new();
    for row in reader.records() {
        let row = row?;
        let (university, exchange_code, exchange_title) =
            (row[0].trim(), row[2].trim(), row[3].trim());
        let (hku_code, hku_title) = (row[4].trim().to_uppercase(), row[5].trim());
        if exchange_title.is_empty() {
            continue;
        }
        let specific = !hku_code.is_empty() && !hku_code.contains("XXXX");
        if specific {
            *titles_by_code
                .entry(hku_code.clone())
                .or_default()
                .entry(hku_title.to_owned())
                .or_default() += 1;
        }
        decisions.push(Decision {
            university: university.to_owned(),
            exchange_code: exchange_code.to_owned(),
            exchange_title: exchange_title.to_owned(),
            hku_code: specific.then_some(hku_code),
        });
    }
    let mut catalogue: Vec<(String, String)> = titles_by_code
        .into_iter()
        .map(|(code, titles)| {
            let title = titles
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(title, _)| title)
                .unwrap_or_default();
            (code, title)
        })
        .collect();
    catalogue.sort();
    Ok((decisions, catalogue))
}
