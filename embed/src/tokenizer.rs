//! XLM-RoBERTa SentencePiece-unigram tokenizer, ported from `e5.c` (`tok_content`).
//!
//! The model file carries the 250,002 pieces of XLM-R's unigram vocabulary with their
//! log-probability scores, and the SentencePiece "Precompiled" (NFKC-style) normaliser
//! flattened into a per-code-point replacement table. Tokenising a text is:
//!
//! 1. **Normalise**: every code point found in the table is replaced by its 0..n
//!    replacement code points (control characters vanish, tabs and newlines become
//!    spaces, compatibility forms are decomposed, …); others are kept.
//! 2. **Collapse spaces**: runs of two or more U+0020 become one.
//! 3. **Metaspace**: a U+2581 (`▁`) is prepended unless the text already starts with a
//!    space, and every space becomes `▁`.
//! 4. **Viterbi**: the highest-scoring segmentation into vocabulary pieces, scanning
//!    character positions left to right and trying every piece of up to the longest
//!    piece's byte length; a single character with no piece costs `min score − 10` and
//!    becomes `<unk>`. Ties keep the earliest-found path (strict `>`), exactly as in C.
//!
//! The result is the content tokens only; the encoder adds `<s>` … `</s>`. Differences
//! from the HuggingFace fast tokenizer that `e5.c` has, and this port keeps on purpose:
//! consecutive unknown characters are separate `<unk>` tokens, leading/trailing spaces
//! are not stripped, and literal `<s>`/`</s>`/`<pad>` in a text match those pieces.

use crate::format::RawTokenizer;

/// U+2581, SentencePiece's word-boundary marker.
const META: char = '\u{2581}';

/// FNV-1a offset basis and prime (64-bit), as in `e5.c`'s piece hash table.
const FNV_OFFSET: u64 = 1_469_598_103_934_665_603;
const FNV_PRIME: u64 = 1_099_511_628_211;

/// The unigram tokenizer: pieces, scores, normaliser and a piece hash table.
#[derive(Debug)]
pub struct Tokenizer {
    bos: u32,
    eos: u32,
    unk: u32,
    offs: Vec<u32>,
    scores: Vec<f32>,
    blob: Vec<u8>,
    unk_score: f32,
    max_piece_bytes: usize,
    /// Open addressing, linear probing: `piece index + 1`, 0 = empty.
    table: Vec<u32>,
    mask: u64,
    norm_cp: Vec<u32>,
    norm_off: Vec<u32>,
    norm_out: Vec<u32>,
}

impl Tokenizer {
    /// Builds the tokenizer from the file's tables (same hash table as `e5.c`, so even
    /// duplicate pieces, were there any, resolve to the same id).
    pub(crate) fn new(raw: RawTokenizer) -> Self {
        let n = raw.scores.len();
        let mut min_score = 1e30f32;
        let mut max_piece_bytes = 1usize;
        for i in 0..n {
            min_score = min_score.min(raw.scores[i]);
            max_piece_bytes = max_piece_bytes.max((raw.offs[i + 1] - raw.offs[i]) as usize);
        }
        let mut bits = 1;
        while (1usize << bits) < n * 2 {
            bits += 1;
        }
        let mask = (1u64 << bits) - 1;
        let mut table = vec![0u32; 1 << bits];
        for i in 0..n {
            let piece = &raw.blob[raw.offs[i] as usize..raw.offs[i + 1] as usize];
            if piece.is_empty() {
                continue;
            }
            let mut h = (fnv1a(FNV_OFFSET, piece) & mask) as usize;
            while table[h] != 0 {
                h = (h + 1) & mask as usize;
            }
            table[h] = i as u32 + 1;
        }
        Tokenizer {
            bos: raw.bos,
            eos: raw.eos,
            unk: raw.unk,
            offs: raw.offs,
            scores: raw.scores,
            blob: raw.blob,
            unk_score: min_score - 10.0,
            max_piece_bytes,
            table,
            mask,
            norm_cp: raw.norm_cp,
            norm_off: raw.norm_off,
            norm_out: raw.norm_out,
        }
    }

    /// The `<s>` id (0).
    pub fn bos(&self) -> u32 {
        self.bos
    }

    /// The `</s>` id (2).
    pub fn eos(&self) -> u32 {
        self.eos
    }

    /// Number of pieces in the vocabulary.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether the vocabulary is empty (never, for a real model).
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// Heap bytes held by the vocabulary, hash table and normaliser.
    pub fn heap_bytes(&self) -> usize {
        4 * (self.offs.len()
            + self.scores.len()
            + self.table.len()
            + self.norm_cp.len()
            + self.norm_off.len()
            + self.norm_out.len())
            + self.blob.len()
    }

    /// The text of piece `id` (lossy for pieces that are not valid UTF-8 on their own).
    pub fn piece(&self, id: u32) -> Option<String> {
        let i = id as usize;
        (i < self.len()).then(|| {
            String::from_utf8_lossy(&self.blob[self.offs[i] as usize..self.offs[i + 1] as usize])
                .into_owned()
        })
    }

    /// Id of the piece spelled exactly `bytes`, if any.
    fn lookup_hashed(&self, hash: u64, bytes: &[u8]) -> Option<u32> {
        let mut i = (hash & self.mask) as usize;
        loop {
            let v = self.table[i];
            if v == 0 {
                return None;
            }
            let idx = (v - 1) as usize;
            let (a, b) = (self.offs[idx] as usize, self.offs[idx + 1] as usize);
            if &self.blob[a..b] == bytes {
                return Some(idx as u32);
            }
            i = (i + 1) & self.mask as usize;
        }
    }

    /// Applies the normaliser table to one code point.
    fn normalise_into(&self, c: char, out: &mut Vec<char>) {
        match self.norm_cp.binary_search(&(c as u32)) {
            Err(_) => out.push(c),
            Ok(k) => {
                let (a, b) = (self.norm_off[k] as usize, self.norm_off[k + 1] as usize);
                // Replacements are code points written by the converter; an invalid one
                // (a surrogate) would be encoded by C as 3 raw bytes that no piece matches,
                // so mapping it to U+FFFD (no piece either → <unk>) keeps the token count.
                out.extend(
                    self.norm_out[a..b]
                        .iter()
                        .map(|&cp| char::from_u32(cp).unwrap_or('\u{FFFD}')),
                );
            }
        }
    }

    /// Content token ids of `text` (no `<s>`/`</s>`): normaliser, space collapsing,
    /// metaspace and unigram Viterbi, as `e5.c`'s `tok_content`. Like the C engine (which
    /// reads a C string), the text ends at its first NUL character.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let text = text.split('\0').next().unwrap_or("");
        // 1. normalise
        let mut cps: Vec<char> = Vec::with_capacity(text.len() + 1);
        for c in text.chars() {
            self.normalise_into(c, &mut cps);
        }
        // 2. collapse runs of spaces
        cps.dedup_by(|b, a| *a == ' ' && *b == ' ');
        // 3. metaspace: byte buffer plus the byte offset where each character starts
        let mut buf: Vec<u8> = Vec::with_capacity(cps.len() * 3 + 3);
        let mut starts: Vec<usize> = Vec::with_capacity(cps.len() + 2);
        let mut utf8 = [0u8; 4];
        if cps.first() != Some(&' ') {
            starts.push(0);
            buf.extend_from_slice(META.encode_utf8(&mut utf8).as_bytes());
        }
        for &c in &cps {
            starts.push(buf.len());
            let c = if c == ' ' { META } else { c };
            buf.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        let n = starts.len();
        starts.push(buf.len());

        // 4. Viterbi over the unigram lattice
        const UNREACHED: f32 = -1e30;
        let mut best = vec![UNREACHED; n + 1];
        let mut back_piece = vec![u32::MAX; n + 1]; // u32::MAX = unknown character
        let mut back_from = vec![0usize; n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] <= -1e29 {
                continue;
            }
            let begin = starts[i];
            let mut hash = FNV_OFFSET;
            let mut hashed_to = begin;
            for e in i + 1..=n {
                let end = starts[e];
                if end - begin > self.max_piece_bytes {
                    break;
                }
                // FNV-1a is incremental: extend the prefix hash by the new character.
                hash = fnv1a(hash, &buf[hashed_to..end]);
                hashed_to = end;
                if let Some(idx) = self.lookup_hashed(hash, &buf[begin..end])
                    && idx != self.unk
                {
                    let score = best[i] + self.scores[idx as usize];
                    if score > best[e] {
                        best[e] = score;
                        back_piece[e] = idx;
                        back_from[e] = i;
                    }
                }
            }
            let unk = best[i] + self.unk_score;
            if unk > best[i + 1] {
                best[i + 1] = unk;
                back_piece[i + 1] = u32::MAX;
                back_from[i + 1] = i;
            }
        }
        let mut ids = Vec::new();
        let mut i = n;
        while i > 0 {
            let p = back_piece[i];
            ids.push(if p == u32::MAX { self.unk } else { p });
            i = back_from[i];
        }
        ids.reverse();
        ids
    }
}

/// FNV-1a over `bytes`, continuing from `hash`.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy vocabulary: specials, `▁`, single letters and a few words.
    fn toy() -> Tokenizer {
        let pieces: &[(&str, f32)] = &[
            ("<s>", 0.0),
            ("<pad>", 0.0),
            ("</s>", 0.0),
            ("<unk>", 0.0),
            ("\u{2581}", -2.0),
            ("a", -3.0),
            ("b", -3.0),
            ("\u{2581}ab", -2.5),
            ("\u{2581}a", -2.8),
            ("ba", -1.0),
            ("c", -4.0),
        ];
        let mut blob = Vec::new();
        let mut offs = vec![0u32];
        let mut scores = Vec::new();
        for (p, s) in pieces {
            blob.extend_from_slice(p.as_bytes());
            offs.push(blob.len() as u32);
            scores.push(*s);
        }
        Tokenizer::new(RawTokenizer {
            bos: 0,
            eos: 2,
            unk: 3,
            offs,
            scores,
            blob,
            // TAB -> space; U+00AD (soft hyphen) -> nothing; 'ﬀ' -> "ff"
            norm_cp: vec![0x09, 0xAD, 0xFB00],
            norm_off: vec![0, 1, 1, 3],
            norm_out: vec![0x20, 0x66, 0x66],
        })
    }

    #[test]
    fn viterbi_prefers_the_best_total_score() {
        let t = toy();
        // "▁ab" (-2.5) beats "▁a"+"b" (-5.8) and "▁"+"a"+"b" (-8).
        assert_eq!(t.encode("ab"), vec![7]);
        // "▁a" + "ba" (-3.8) beats "▁ab" + "a" (-5.5).
        assert_eq!(t.encode("aba"), vec![8, 9]);
    }

    #[test]
    fn unknown_characters_become_one_unk_each() {
        let t = toy();
        // 'x' and 'y' have no piece: one <unk> per character, not merged.
        assert_eq!(t.encode("axy"), vec![8, 3, 3]);
    }

    #[test]
    fn spaces_are_collapsed_and_normalised() {
        let t = toy();
        // TAB becomes a space, the double space collapses: "▁ab▁ab".
        assert_eq!(t.encode("ab\t ab"), vec![7, 7]);
        // A soft hyphen disappears.
        assert_eq!(t.encode("a\u{AD}b"), vec![7]);
        // A leading space is the metaspace itself: no second one is prepended.
        assert_eq!(t.encode(" ab"), vec![7]);
    }

    #[test]
    fn text_ends_at_nul_like_a_c_string() {
        let t = toy();
        assert_eq!(t.encode("ab\0ba"), t.encode("ab"));
        assert_eq!(t.encode(""), vec![4]);
    }

    #[test]
    fn pieces_round_trip() {
        let t = toy();
        assert_eq!(t.piece(7).as_deref(), Some("\u{2581}ab"));
        assert_eq!(t.piece(99), None);
        assert_eq!(t.len(), 11);
    }
}
