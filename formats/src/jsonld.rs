//! Helpers shared by the JSON-LD formats (ELM, CTDL, Open Badges): reading a document
//! with bounded nesting, taking one value or an array alike, reading language maps whose
//! values are strings or arrays, and unwrapping JWS-signed payloads.
//!
//! No JSON-LD processing happens: contexts are never fetched; terms are matched by the
//! compact names the formats' own contexts define (with or without their prefix).

use model::LangText;
use serde_json::Value;

use super::FormatError;

/// Reads a JSON document; a UTF-8 byte order mark is skipped. serde_json refuses nesting
/// deeper than 128 levels, so a hostile document cannot exhaust the stack.
pub fn read_json(bytes: &[u8]) -> Result<Value, FormatError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|err| FormatError::json(&err))
}

/// The members of a value that may be one item or an array of them (`null` is none).
pub fn items(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(values)) => values.iter().filter(|v| !v.is_null()).collect(),
        Some(other) => vec![other],
    }
}

/// The identifier of a node (`id` or `@id`), or the value itself when it is a string
/// (a reference).
pub fn id_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(text) => Some(text.as_str()),
        Value::Object(map) => map
            .get("id")
            .or_else(|| map.get("@id"))
            .and_then(Value::as_str),
        _ => None,
    }
}

/// The types of a node (`type` or `@type`, one or many).
pub fn types_of(value: &Value) -> Vec<&str> {
    items(value.get("type").or_else(|| value.get("@type")))
        .into_iter()
        .filter_map(Value::as_str)
        .collect()
}

/// Whether a node has a type whose name, without any prefix, is one of `names`.
pub fn has_type(value: &Value, names: &[&str]) -> bool {
    types_of(value)
        .iter()
        .any(|t| names.contains(&t.rsplit(':').next().unwrap_or(t)))
}

/// A string, or a number written as text; the first of an array; trimmed, not empty.
pub fn text_of(value: Option<&Value>) -> Option<String> {
    items(value).into_iter().find_map(|value| {
        let text = match value {
            Value::String(text) => text.trim().to_owned(),
            Value::Number(number) => number.to_string(),
            Value::Object(map) => map.get("@value").and_then(Value::as_str)?.trim().to_owned(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    })
}

/// Text in one or more languages: a plain string (in `default_lang`), a language map
/// whose values are strings or arrays of strings, `{"@value", "@language"}` objects, or an
/// array of any of these. Several strings in one language are joined with "; ".
pub fn lang_text(value: Option<&Value>, default_lang: &str) -> LangText {
    let mut parts: Vec<(String, String)> = Vec::new();
    collect_lang(value, default_lang, &mut parts);
    let mut out = LangText::default();
    let mut joined: Vec<(String, String)> = Vec::new();
    for (lang, text) in parts {
        let text = model::collapse_whitespace(&text);
        if text.is_empty() {
            continue;
        }
        match joined.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, existing)) => {
                if !existing.split("; ").any(|part| part == text) {
                    existing.push_str("; ");
                    existing.push_str(&text);
                }
            }
            None => joined.push((lang, text)),
        }
    }
    for (lang, text) in joined {
        out.insert(&lang, &text);
    }
    out
}

fn collect_lang(value: Option<&Value>, lang: &str, out: &mut Vec<(String, String)>) {
    match value {
        None | Some(Value::Null) => {}
        Some(Value::String(text)) => out.push((lang.to_owned(), text.clone())),
        Some(Value::Number(number)) => out.push((lang.to_owned(), number.to_string())),
        Some(Value::Array(values)) => {
            for value in values {
                collect_lang(Some(value), lang, out);
            }
        }
        Some(Value::Object(map)) => {
            if let Some(text) = map.get("@value") {
                let lang = map.get("@language").and_then(Value::as_str).unwrap_or(lang);
                collect_lang(Some(text), lang, out);
            } else if map.contains_key("noteLiteral") {
                collect_lang(map.get("noteLiteral"), lang, out);
            } else {
                for (key, text) in map {
                    if matches!(text, Value::String(_) | Value::Array(_)) && !key.starts_with('@') {
                        collect_lang(Some(text), key, out);
                    }
                }
            }
        }
        Some(Value::Bool(_)) => {}
    }
}

/// Decodes base64url (or standard base64), padded or not.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for byte in text.trim().trim_end_matches('=').bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// If `value` is a JWS-signed credential, its payload; otherwise `value` itself.
///
/// Accepted: a JWS in compact form (`header.payload.signature`, as a JSON string or as
/// the whole document), the JSON serialisations (`{"payload": ..., "signatures" |
/// "signature": ...}`), a payload that is base64url or plain JSON text, a payload that is
/// itself a JSON string holding the credential, and JWT claims with the credential under
/// `vc`. The signature is not verified: the clearinghouse reads offers, it does not
/// certify them.
pub fn unwrap_signed(value: Value) -> Result<Value, String> {
    let payload_text = match &value {
        Value::String(text) => Some(text.trim().to_owned()),
        Value::Object(map)
            if map.contains_key("payload")
                && (map.contains_key("signatures")
                    || map.contains_key("signature")
                    || map.contains_key("protected")) =>
        {
            match map.get("payload") {
                Some(Value::String(text)) => Some(text.trim().to_owned()),
                Some(Value::Object(_)) => return unwrap_signed(map["payload"].clone()),
                _ => return Err("the JWS `payload` is neither a string nor an object".to_owned()),
            }
        }
        _ => None,
    };
    let Some(text) = payload_text else {
        return Ok(match value {
            Value::Object(mut map) if map.contains_key("vc") && !map.contains_key("type") => {
                map.remove("vc").unwrap_or(Value::Null)
            }
            other => other,
        });
    };
    let decoded = decode_payload_text(&text)?;
    unwrap_signed(decoded)
}

/// Reads the text of a payload: JSON text, a compact JWS, or base64url of JSON.
fn decode_payload_text(text: &str) -> Result<Value, String> {
    if text.starts_with('{') || text.starts_with('[') || text.starts_with('"') {
        return serde_json::from_str(text)
            .map_err(|err| format!("the signed payload is not valid JSON: {err}"));
    }
    let segment = match text.split('.').collect::<Vec<_>>().as_slice() {
        [_, payload, _] => *payload,
        [single] => *single,
        _ => {
            return Err(
                "the signed credential is not a compact JWS (header.payload.signature)".to_owned(),
            );
        }
    };
    let bytes =
        base64_decode(segment).ok_or_else(|| "the JWS payload is not base64url".to_owned())?;
    serde_json::from_slice(&bytes)
        .map_err(|err| format!("the JWS payload is not valid JSON: {err}"))
}

/// Whether the bytes look like a compact JWS rather than JSON.
pub fn looks_like_compact_jws(bytes: &[u8]) -> bool {
    let trimmed = bytes.trim_ascii();
    trimmed.starts_with(b"eyJ") && trimmed.iter().filter(|b| **b == b'.').count() == 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn language_maps_with_strings_and_arrays() {
        let text = lang_text(
            Some(&json!({"en": ["Data", "literacy"], "de": "Datenkompetenz", "en-US": []})),
            "und",
        );
        assert_eq!(text.best(&["en"]), Some("Data; literacy"));
        assert_eq!(text.best(&["de"]), Some("Datenkompetenz"));
        let plain = lang_text(Some(&json!("  Plain \n text ")), "fr");
        assert_eq!(plain.best(&["fr"]), Some("Plain text"));
        let values = lang_text(
            Some(
                &json!([{"@value": "Titel", "@language": "de"}, {"@value": "Title", "@language": "en"}]),
            ),
            "und",
        );
        assert_eq!(values.0.len(), 2);
        assert_eq!(items(Some(&json!("one"))).len(), 1);
        assert_eq!(items(Some(&json!(["a", "b"]))).len(), 2);
        assert!(items(Some(&Value::Null)).is_empty());
    }

    #[test]
    fn signed_payloads_are_unwrapped() {
        let credential = json!({"type": ["VerifiableCredential"], "id": "urn:x"});
        let payload = base64url(&serde_json::to_vec(&credential).unwrap());
        let compact = format!("eyJhbGciOiJFUzI1NiJ9.{payload}.c2ln");
        assert_eq!(
            unwrap_signed(Value::String(compact.clone())).unwrap(),
            credential
        );
        let general = json!({"payload": payload, "signatures": [{"signature": "x"}]});
        assert_eq!(unwrap_signed(general).unwrap(), credential);
        let as_string = json!({"payload": credential.to_string(), "signature": "x"});
        assert_eq!(unwrap_signed(as_string).unwrap(), credential);
        let double =
            base64url(&serde_json::to_vec(&Value::String(credential.to_string())).unwrap());
        let jwt = base64url(&serde_json::to_vec(&json!({"vc": credential})).unwrap());
        assert_eq!(
            unwrap_signed(Value::String(format!("a.{double}.b"))).unwrap(),
            credential
        );
        assert_eq!(
            unwrap_signed(Value::String(format!("a.{jwt}.b"))).unwrap(),
            credential
        );
        assert!(unwrap_signed(Value::String("a.%%%.b".to_owned())).is_err());
        assert!(looks_like_compact_jws(compact.as_bytes()));
    }

    fn base64url(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
                << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = read_json(deep.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("recursion limit"), "{err}");
    }
}
