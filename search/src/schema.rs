//! The index's fields, and the document of a record.

use chrono::NaiveDate;
use model::{Credential, StoredRecord};
use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Index, TantivyDocument};

use crate::analysis::{Bucket, folded_words};
use crate::facets::{self, Facet};
use crate::query::TextKind;
use crate::stem_cache;
use crate::word_pairs::WordPairs;

/// The fields of the index.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Record id (stored).
    pub id: Field,
    /// The sequence number of the version indexed (stored): where a hit's record is in
    /// the store's change log, while it is current.
    pub seq: Field,
    /// Source id.
    pub source: Field,
    /// EQF level (indexed for `eqf_min`/`eqf_max`, fast for sorting).
    pub eqf: Field,
    /// ECTS credits (indexed for `ects_min`/`ects_max`, fast for sorting).
    pub ects: Field,
    /// When the record last changed in the store.
    pub updated: Field,
    /// Start dates of the record's offers (indexed for `starts_after`, fast for sorting
    /// by the next start).
    pub offer_start: Field,
    /// Prices of the record's offers in euros, where stated so (0: free of charge).
    pub cost_eur: Field,
    /// Days each offer lasts, where its first and last days are stated.
    pub duration_days: Field,
    /// The last days to apply of the record's offers.
    pub application_deadline: Field,
    /// Share of mandatory Annex I elements present (fast, for ranking).
    pub completeness: Field,
    /// Primary subtags of the languages the record's text is in (`und` included).
    pub text_lang: Field,
    /// The title folded to lower-case ASCII words, for sorting.
    pub sort_title: Field,
    /// Per language bucket: the title, outcome and description fields.
    pub text: Vec<[Field; 3]>,
    /// Per language bucket: the pairs of adjacent words of each text field, in the same
    /// order (`word_pairs`).
    pub pairs: Vec<[Field; 3]>,
    /// Per facet, in [`Facet::ALL`] order: the fast field of its values.
    pub facets: Vec<Field>,
    /// Language-independent keys of the record ([`record_keys`]): ESCO skill URIs and
    /// ISCED-F field codes as indexed terms, for equivalence candidates.
    pub keys: Field,
}

impl Fields {
    /// The text field of `kind` in `bucket`.
    pub fn text_field(&self, bucket: Bucket, kind: TextKind) -> Field {
        self.text[bucket.0][kind.index()]
    }

    /// The word-pair field of the text field of `kind` in `bucket`.
    pub fn pair_field(&self, bucket: Bucket, kind: TextKind) -> Field {
        self.pairs[bucket.0][kind.index()]
    }

    pub(crate) fn facet(&self, facet: Facet) -> Field {
        let position = Facet::ALL
            .iter()
            .position(|known| *known == facet)
            .unwrap_or_default();
        self.facets[position]
    }
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fast_only = TextOptions::default().set_fast("raw");
    let number = NumericOptions::default().set_indexed().set_fast();
    let id = builder.add_text_field("id", STRING | STORED);
    let seq = builder.add_u64_field("seq", STORED);
    let source = builder.add_text_field("source", STRING);
    let eqf = builder.add_u64_field("eqf", number.clone());
    let ects = builder.add_f64_field("ects", number);
    let updated =
        builder.add_date_field("updated", DateOptions::default().set_indexed().set_fast());
    let offer_start = builder.add_date_field(
        "offer_start",
        DateOptions::default().set_indexed().set_fast(),
    );
    let cost_eur = builder.add_f64_field("cost_eur", NumericOptions::default().set_indexed());
    let duration_days =
        builder.add_u64_field("duration_days", NumericOptions::default().set_indexed());
    let application_deadline =
        builder.add_date_field("application_deadline", DateOptions::default().set_indexed());
    let completeness = builder.add_f64_field("completeness", NumericOptions::default().set_fast());
    let text_lang = builder.add_text_field("text_lang", STRING);
    let sort_title = builder.add_text_field("sort_title", fast_only.clone());
    let text = Bucket::all()
        .map(|bucket| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&bucket.tokenizer_name())
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            TextKind::ALL.map(|kind| {
                builder.add_text_field(
                    &format!("{}_{}", kind.name(), bucket.name()),
                    options.clone(),
                )
            })
        })
        .collect();
    // Frequencies without positions, and no length norms: a pair query scores with its
    // text field's.
    let pairs = Bucket::all()
        .map(|bucket| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&pair_tokenizer_name(bucket))
                    .set_index_option(IndexRecordOption::WithFreqs)
                    .set_fieldnorms(false),
            );
            TextKind::ALL.map(|kind| {
                builder.add_text_field(
                    &format!("pairs_{}_{}", kind.name(), bucket.name()),
                    options.clone(),
                )
            })
        })
        .collect();
    let facets = Facet::ALL
        .iter()
        .map(|facet| builder.add_text_field(&facet.field_name(), fast_only.clone()))
        .collect();
    let keys = builder.add_text_field("keys", STRING);
    let fields = Fields {
        id,
        seq,
        source,
        eqf,
        ects,
        updated,
        offer_start,
        cost_eur,
        duration_days,
        application_deadline,
        completeness,
        text_lang,
        sort_title,
        text,
        pairs,
        facets,
        keys,
    };
    (builder.build(), fields)
}

/// The document for a live record.
pub(crate) fn document(
    f: &Fields,
    record: &StoredRecord,
    credential: &Credential,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, record.id.as_str());
    doc.add_text(f.source, record.provenance.source_id.as_str());
    for (facet, values) in facets::record_values(record.provenance.source_id.as_str(), credential) {
        for value in values {
            doc.add_text(f.facet(facet), value);
        }
    }
    if let Some(level) = credential.eqf_level {
        doc.add_u64(f.eqf, u64::from(level.get()));
    }
    if let Some(ects) = credential.ects() {
        doc.add_f64(f.ects, ects);
    }
    doc.add_date(
        f.updated,
        tantivy_date(record.updated_at.timestamp_micros()),
    );
    let mut starts: Vec<NaiveDate> = credential.offers.iter().filter_map(|o| o.start).collect();
    starts.sort_unstable();
    starts.dedup();
    for start in starts {
        doc.add_date(f.offer_start, date_of(start));
    }
    for offer in &credential.offers {
        if let Some(euros) = offer.cost_eur() {
            doc.add_f64(f.cost_eur, euros);
        }
        if let Some(days) = offer.duration_days() {
            doc.add_u64(f.duration_days, u64::from(days));
        }
        if let Some(deadline) = offer.application_deadline {
            doc.add_date(f.application_deadline, date_of(deadline));
        }
    }
    doc.add_f64(f.completeness, credential.completeness());
    if let Some(title) = credential.title.best(&[]) {
        let folded: String = folded_words(title).trim().chars().take(200).collect();
        doc.add_text(f.sort_title, folded);
    }
    for key in record_keys(credential) {
        doc.add_text(f.keys, key);
    }
    let mut text_languages: Vec<String> = Vec::new();
    let mut add_text = |kind: TextKind, text: &model::LangText| {
        for (tag, value) in &text.0 {
            let bucket = Bucket::for_language(tag.primary());
            doc.add_text(f.text_field(bucket, kind), value);
            doc.add_text(f.pair_field(bucket, kind), value);
            text_languages.push(if bucket == Bucket::UNDETERMINED {
                "und".to_owned()
            } else {
                tag.primary().to_owned()
            });
        }
    };
    add_text(TextKind::Title, &credential.title);
    for outcome in &credential.learning_outcomes {
        add_text(TextKind::Outcomes, &outcome.text);
    }
    add_text(TextKind::Description, &credential.description);
    for keyword in &credential.keywords {
        doc.add_text(
            f.text_field(Bucket::UNDETERMINED, TextKind::Description),
            keyword,
        );
        doc.add_text(
            f.pair_field(Bucket::UNDETERMINED, TextKind::Description),
            keyword,
        );
    }
    text_languages.sort_unstable();
    text_languages.dedup();
    for language in text_languages {
        doc.add_text(f.text_lang, language);
    }
    doc
}

/// The ESCO skill URIs of a credential and of its outcomes, trimmed, without a trailing
/// `/`, empty ones left out (repeats kept).
pub fn skill_uris(credential: &Credential) -> impl Iterator<Item = &str> {
    credential
        .skills
        .iter()
        .chain(
            credential
                .learning_outcomes
                .iter()
                .filter_map(|outcome| outcome.skill_uri.as_ref()),
        )
        .map(|uri| uri.trim().trim_end_matches('/'))
        .filter(|uri| !uri.is_empty())
}

/// The language-independent keys of a credential, as the `keys` field indexes them:
/// `skill:<uri>` for each ESCO skill URI of the credential and its outcomes, then
/// `isced:<code>` for each ISCED-F field code and its narrow field (the first three
/// digits), so that a detailed code also meets a record stating only the narrow field.
pub fn record_keys(credential: &Credential) -> Vec<String> {
    let mut skills: Vec<String> = skill_uris(credential)
        .map(|uri| format!("skill:{uri}"))
        .collect();
    skills.sort_unstable();
    skills.dedup();
    let mut fields: Vec<String> = credential
        .isced_fields
        .iter()
        .flat_map(|code| {
            let code = code.as_str();
            let narrow = (code.len() > 3).then(|| &code[..3]);
            std::iter::once(code).chain(narrow)
        })
        .map(|code| format!("isced:{code}"))
        .collect();
    fields.sort_unstable();
    fields.dedup();
    skills.extend(fields);
    skills
}

pub(crate) fn register_tokenizers(index: &Index) {
    for bucket in Bucket::all() {
        // The text field's analyzer keeps its words for the pair field (`word_pairs`).
        index.tokenizers().register(
            &bucket.tokenizer_name(),
            stem_cache::indexing_analyzer(bucket),
        );
        index.tokenizers().register(
            &pair_tokenizer_name(bucket),
            TextAnalyzer::from(WordPairs::remembering(bucket)),
        );
    }
}

/// The name of the tokenizer of `bucket`'s word-pair fields.
fn pair_tokenizer_name(bucket: Bucket) -> String {
    format!("pairs_{}", bucket.name())
}

pub(crate) fn date_of(date: NaiveDate) -> DateTime {
    let midnight = date.and_time(chrono::NaiveTime::MIN).and_utc();
    tantivy_date(midnight.timestamp_micros())
}

/// A tantivy date from microseconds since the epoch. Tantivy counts nanoseconds in an
/// `i64` (years 1677 to 2262); instants outside are clamped to that range, which orders
/// and filters them the same way, instead of overflowing.
pub(crate) fn tantivy_date(micros: i64) -> DateTime {
    DateTime::from_timestamp_micros(micros.clamp(i64::MIN / 1_000, i64::MAX / 1_000))
}
