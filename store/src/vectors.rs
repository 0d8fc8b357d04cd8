//! The records' multilingual text vectors and the running sums behind each language's mean
//! vector: derived data, like the index, written by the enrichment that follows the
//! change log (the indexer's `enrich`), never by a harvest.
//!
//! A vector is kept quantised to one signed byte a dimension with one scale (384 bytes
//! for multilingual-E5-small instead of 1,536), which keeps cosines to about three
//! decimals. With it the record's source (so that the vectors of one institution can be
//! read without its records) and the language of the text embedded. A language's sum and
//! count let its mean be subtracted from every vector of that language (an encoder
//! otherwise prefers text in the query's own language). The enrichment's cursor (the
//! last change-log sequence number it has read) and the model it used are stored in the
//! same batch as the vectors, so a crash loses nothing and a change of model starts over.

use model::{RecordId, SourceId};

use crate::keys::{ENRICHED, LANGUAGE_SUM, VECTOR, key, u64_from};
use crate::{Batch, Store, StoreError};

/// A record's text vector, quantised.
#[derive(Debug, Clone, PartialEq)]
pub struct TextVector {
    /// The record.
    pub record: RecordId,
    /// Its source.
    pub source: SourceId,
    /// The language of the text embedded (primary subtag: `en`, `fi`; `und` if unknown).
    pub lang: String,
    /// A hash of the text embedded: a record changed in other ways is not embedded again.
    pub text_hash: u64,
    /// `values[i] * scale` is the i-th component.
    pub scale: f32,
    /// The components, quantised.
    pub values: Vec<i8>,
}

impl TextVector {
    /// `vector` quantised to bytes.
    pub fn quantise(
        record: RecordId,
        source: SourceId,
        lang: &str,
        text_hash: u64,
        vector: &[f32],
    ) -> TextVector {
        let max = vector.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        TextVector {
            record,
            source,
            lang: lang.to_owned(),
            text_hash,
            scale,
            values: vector
                .iter()
                .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)
                .collect(),
        }
    }

    /// The components.
    pub fn to_f32(&self) -> Vec<f32> {
        self.values.iter().map(|v| *v as f32 * self.scale).collect()
    }

    fn encode(&self, model: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.values.len() + model.len());
        for text in [model, self.source.as_str(), &self.lang] {
            out.extend_from_slice(&(text.len() as u16).to_be_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        out.extend_from_slice(&self.text_hash.to_be_bytes());
        out.extend_from_slice(&self.scale.to_be_bytes());
        out.extend(self.values.iter().map(|v| *v as u8));
        out
    }

    /// Decodes a vector of `record` and the model it was made with.
    fn decode(record: RecordId, bytes: &[u8]) -> Result<(String, TextVector), StoreError> {
        let corrupt = || StoreError::Corrupt(format!("the text vector of {record} is damaged"));
        let mut rest = bytes;
        let mut texts = Vec::with_capacity(3);
        for _ in 0..3 {
            let (len, tail) = rest.split_at_checked(2).ok_or_else(corrupt)?;
            let len = u16::from_be_bytes([len[0], len[1]]) as usize;
            let (text, tail) = tail.split_at_checked(len).ok_or_else(corrupt)?;
            texts.push(std::str::from_utf8(text).map_err(|_| corrupt())?.to_owned());
            rest = tail;
        }
        let (hash, rest) = rest.split_at_checked(8).ok_or_else(corrupt)?;
        let text_hash = u64_from(hash);
        let (scale, values) = rest.split_at_checked(4).ok_or_else(corrupt)?;
        let scale = f32::from_be_bytes([scale[0], scale[1], scale[2], scale[3]]);
        let lang = texts.pop().unwrap_or_default();
        let source = SourceId::parse(&texts.pop().unwrap_or_default()).map_err(|_| corrupt())?;
        let model = texts.pop().unwrap_or_default();
        Ok((
            model,
            TextVector {
                record,
                source,
                lang,
                text_hash,
                scale,
                values: values.iter().map(|v| *v as i8).collect(),
            },
        ))
    }
}

/// The sum and count of the vectors of one language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LanguageSum {
    /// How many vectors.
    pub count: u64,
    /// Their component-wise sum.
    pub sum: Vec<f64>,
}

impl LanguageSum {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 8 * self.sum.len());
        out.extend_from_slice(&self.count.to_be_bytes());
        for x in &self.sum {
            out.extend_from_slice(&x.to_be_bytes());
        }
        out
    }

    fn decode(bytes: &[u8]) -> Result<LanguageSum, StoreError> {
        if bytes.len() < 8 || !(bytes.len() - 8).is_multiple_of(8) {
            return Err(StoreError::Corrupt(
                "a language's mean vector is damaged".to_owned(),
            ));
        }
        Ok(LanguageSum {
            count: u64_from(&bytes[..8]),
            sum: bytes[8..]
                .chunks_exact(8)
                .map(|c| f64::from_be_bytes(c.try_into().unwrap_or_default()))
                .collect(),
        })
    }
}

/// Where the enrichment stands: the last change-log sequence number it has read, with
/// the model it used.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EnrichmentCursor {
    /// The model's name and fingerprint.
    pub model: String,
    /// The last sequence number read.
    pub seq: u64,
}

/// What one step of the enrichment writes, in one batch: vectors made or replaced,
/// vectors of records gone, the sums of the languages they changed, and the cursor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnrichmentWrite {
    /// The model's name and fingerprint, for each vector and the cursor.
    pub model: String,
    /// Vectors made.
    pub put: Vec<TextVector>,
    /// Records whose vector goes (deleted upstream, or without text).
    pub removed: Vec<RecordId>,
    /// The new sums of the languages touched (a sum counting none is removed).
    pub sums: Vec<(String, LanguageSum)>,
    /// The last change-log sequence number read.
    pub seq: u64,
    /// Whether the sums of every other language are to go (a new model starts over).
    pub reset_sums: bool,
}

impl Store {
    /// The vector of one record, if it has one made by `model`.
    pub fn text_vector(
        &self,
        id: &RecordId,
        model: &str,
    ) -> Result<Option<TextVector>, StoreError> {
        let Some(bytes) = self.tree().get(key(VECTOR, &[id.as_str().as_bytes()]))? else {
            return Ok(None);
        };
        let (made_by, vector) = TextVector::decode(id.clone(), &bytes)?;
        Ok((made_by == model).then_some(vector))
    }

    /// Every record vector made by `model`.
    pub fn text_vectors<'a>(
        &'a self,
        model: &'a str,
    ) -> impl Iterator<Item = Result<TextVector, StoreError>> + 'a {
        self.tree()
            .scan_prefix(VECTOR)
            .map(move |entry| {
                let (key, value) = entry?;
                let id = std::str::from_utf8(&key[VECTOR.len()..])
                    .ok()
                    .and_then(|text| RecordId::parse(text).ok())
                    .ok_or_else(|| {
                        StoreError::Corrupt("a vector key is no record id".to_owned())
                    })?;
                let (made_by, vector) = TextVector::decode(id, &value)?;
                Ok((made_by == model).then_some(vector))
            })
            .filter_map(Result::transpose)
    }

    /// The sums of the vectors of each language, by language.
    pub fn language_sums(&self) -> Result<Vec<(String, LanguageSum)>, StoreError> {
        self.tree()
            .scan_prefix(LANGUAGE_SUM)
            .map(|entry| {
                let (key, value) = entry?;
                let lang = String::from_utf8_lossy(&key[LANGUAGE_SUM.len()..]).into_owned();
                Ok((lang, LanguageSum::decode(&value)?))
            })
            .collect()
    }

    /// Where the enrichment stands (sequence 0 and no model before it ever ran).
    pub fn enrichment_cursor(&self) -> Result<EnrichmentCursor, StoreError> {
        let Some(bytes) = self.tree().get(ENRICHED)? else {
            return Ok(EnrichmentCursor::default());
        };
        if bytes.len() < 8 {
            return Err(StoreError::Corrupt(
                "the enrichment's cursor is damaged".to_owned(),
            ));
        }
        Ok(EnrichmentCursor {
            seq: u64_from(&bytes[..8]),
            model: String::from_utf8_lossy(&bytes[8..]).into_owned(),
        })
    }
}

impl Batch<'_> {
    /// Adds one step of the enrichment.
    pub fn put_enrichment(&mut self, write: &EnrichmentWrite) -> Result<(), StoreError> {
        if write.reset_sums {
            for (lang, _) in self.store.language_sums()? {
                if !write.sums.iter().any(|(l, _)| *l == lang) {
                    self.put_language_sum(&lang, &LanguageSum::default());
                }
            }
        }
        for vector in &write.put {
            self.put_text_vector(vector, &write.model);
        }
        for record in &write.removed {
            self.remove_text_vector(record);
        }
        for (lang, sum) in &write.sums {
            self.put_language_sum(lang, sum);
        }
        self.set_enrichment_cursor(&EnrichmentCursor {
            model: write.model.clone(),
            seq: write.seq,
        });
        Ok(())
    }

    /// Stores (or replaces) a record's vector, made by `model`.
    fn put_text_vector(&mut self, vector: &TextVector, model: &str) {
        self.ops.insert(
            key(VECTOR, &[vector.record.as_str().as_bytes()]),
            vector.encode(model),
        );
    }

    /// Removes a record's vector (it was deleted upstream, or has no text left).
    fn remove_text_vector(&mut self, record: &RecordId) {
        self.ops.remove(key(VECTOR, &[record.as_str().as_bytes()]));
    }

    /// Stores the sum of one language's vectors (removes it when it counts none).
    fn put_language_sum(&mut self, lang: &str, sum: &LanguageSum) {
        let key = key(LANGUAGE_SUM, &[lang.as_bytes()]);
        if sum.count == 0 {
            self.ops.remove(key);
        } else {
            self.ops.insert(key, sum.encode());
        }
    }

    /// Stores where the enrichment stands.
    fn set_enrichment_cursor(&mut self, cursor: &EnrichmentCursor) {
        let mut value = cursor.seq.to_be_bytes().to_vec();
        value.extend_from_slice(cursor.model.as_bytes());
        self.ops.insert(ENRICHED, value);
    }
}

#[cfg(test)]
#[allow(
    clippy::disallowed_methods,
    reason = "the test writes its batches itself, without a writer thread"
)]
mod tests {
    use super::*;

    #[test]
    fn vectors_sums_and_the_cursor_read_back_as_written_and_another_models_vectors_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let source = SourceId::parse("src").unwrap();
        let a = RecordId::new(&source, "a");
        let b = RecordId::new(&source, "b");
        let va = TextVector::quantise(a.clone(), source.clone(), "fi", 7, &[0.5, -0.25, 0.0, 1.0]);
        let vb = TextVector::quantise(b.clone(), source.clone(), "en", 8, &[0.1, 0.2, 0.3, 0.4]);
        let sum = LanguageSum {
            count: 2,
            sum: vec![0.5, -1.5, 2.0, 0.0],
        };
        let cursor = EnrichmentCursor {
            model: "e5 1".to_owned(),
            seq: 42,
        };
        let mut batch = store.batch();
        batch.put_text_vector(&va, "e5 1");
        batch.put_text_vector(&vb, "e5 0");
        batch.put_language_sum("fi", &sum);
        batch.put_language_sum("sv", &LanguageSum::default());
        batch.set_enrichment_cursor(&cursor);
        store.apply(batch).unwrap();

        assert_eq!(store.text_vector(&a, "e5 1").unwrap(), Some(va.clone()));
        assert_eq!(store.text_vector(&b, "e5 1").unwrap(), None);
        let all: Vec<TextVector> = store.text_vectors("e5 1").map(Result::unwrap).collect();
        assert_eq!(all, vec![va.clone()]);
        let back = va.to_f32();
        for (x, y) in back.iter().zip([0.5, -0.25, 0.0, 1.0]) {
            assert!((x - y).abs() < 0.01, "{x} vs {y}");
        }
        assert_eq!(store.language_sums().unwrap(), vec![("fi".to_owned(), sum)]);
        assert_eq!(store.enrichment_cursor().unwrap(), cursor);

        let mut batch = store.batch();
        batch.remove_text_vector(&a);
        store.apply(batch).unwrap();
        assert_eq!(store.text_vector(&a, "e5 1").unwrap(), None);
    }
}
