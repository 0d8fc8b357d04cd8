//! The BERT/XLM-R encoder forward pass of multilingual-E5-small, ported from `e5.c`
//! (`forward_batch`, `embed_n`).
//!
//! Per window of at most 512 tokens (`<s>` content `</s>`, positions from 0):
//! embeddings (dequantised 4-bit word row + position row + token-type row 0, then
//! LayerNorm); 12 post-LN layers of 12-head self-attention (Q/K/V/output projections are
//! int8 × int4 products, softmax in f32) and a GELU (exact erf) feed-forward; then the
//! mean of the window's final hidden states. Long texts are split into windows of 510
//! content tokens without overlap; the text's vector is the content-length-weighted mean
//! of its windows' mean vectors, L2-normalised. Every float operation follows the C
//! code's order, so vectors are bit-identical to `e5.c`'s portable (non-AVX2) build.

use crate::EmbedError;
use crate::format::{Config, ModelFile, Q4_BLOCK_BYTES, QK};
use crate::quant::{QActs, QMatrix, dequantize_row, matmul};
use crate::tokenizer::Tokenizer;
use rayon::prelude::*;

/// One transformer layer's weights.
#[derive(Debug)]
struct Layer {
    q: QMatrix,
    qb: Vec<f32>,
    k: QMatrix,
    kb: Vec<f32>,
    v: QMatrix,
    vb: Vec<f32>,
    ao: QMatrix,
    aob: Vec<f32>,
    aln_w: Vec<f32>,
    aln_b: Vec<f32>,
    fi: QMatrix,
    fib: Vec<f32>,
    fo: QMatrix,
    fob: Vec<f32>,
    oln_w: Vec<f32>,
    oln_b: Vec<f32>,
}

/// All weights of the encoder.
#[derive(Debug)]
pub(crate) struct Encoder {
    pub config: Config,
    /// Word embeddings kept 4-bit (`[vocab, hidden]` Q4_0 rows), dequantised per token.
    word: Vec<u8>,
    pos: Vec<f32>,
    token_type: Vec<f32>,
    eln_w: Vec<f32>,
    eln_b: Vec<f32>,
    layers: Vec<Layer>,
}

/// Per-call activation buffers.
#[derive(Debug, Default)]
struct Buffers {
    x: Vec<f32>,
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    ctx: Vec<f32>,
    ao: Vec<f32>,
    mid: Vec<f32>,
    fo: Vec<f32>,
    acts: QActs,
    scratch: Vec<f32>,
}

impl Encoder {
    /// Reads every tensor the forward pass needs from a parsed model file.
    pub fn load(file: &ModelFile<'_>) -> Result<Self, EmbedError> {
        let c = file.config;
        let (h, ff) = (c.hidden, c.ff);
        let q4 = |name: &str, nout: usize, nin: usize| -> Result<QMatrix, EmbedError> {
            Ok(QMatrix::from_q4(
                file.q4_tensor(name, nout * nin)?,
                nout,
                nin,
            ))
        };
        let mut layers = Vec::with_capacity(c.layers);
        for l in 0..c.layers {
            let n = |s: &str| format!("l{l}.{s}");
            layers.push(Layer {
                q: q4(&n("q.w"), h, h)?,
                qb: file.f32_tensor(&n("q.b"), h)?,
                k: q4(&n("k.w"), h, h)?,
                kb: file.f32_tensor(&n("k.b"), h)?,
                v: q4(&n("v.w"), h, h)?,
                vb: file.f32_tensor(&n("v.b"), h)?,
                ao: q4(&n("ao.w"), h, h)?,
                aob: file.f32_tensor(&n("ao.b"), h)?,
                aln_w: file.f32_tensor(&n("aln.w"), h)?,
                aln_b: file.f32_tensor(&n("aln.b"), h)?,
                fi: q4(&n("fi.w"), ff, h)?,
                fib: file.f32_tensor(&n("fi.b"), ff)?,
                fo: q4(&n("fo.w"), h, ff)?,
                fob: file.f32_tensor(&n("fo.b"), h)?,
                oln_w: file.f32_tensor(&n("oln.w"), h)?,
                oln_b: file.f32_tensor(&n("oln.b"), h)?,
            });
        }
        Ok(Encoder {
            config: c,
            word: file.q4_tensor("emb.word", c.vocab * h)?.to_vec(),
            pos: file.f32_tensor("emb.pos", c.max_positions * h)?,
            token_type: file.f32_tensor("emb.type", c.type_vocab * h)?,
            eln_w: file.f32_tensor("emb.ln.w", h)?,
            eln_b: file.f32_tensor("emb.ln.b", h)?,
            layers,
        })
    }

    /// Heap bytes held by the weights.
    pub fn heap_bytes(&self) -> usize {
        let f = |v: &Vec<f32>| v.len() * 4;
        self.word.len()
            + f(&self.pos)
            + f(&self.token_type)
            + f(&self.eln_w)
            + f(&self.eln_b)
            + self
                .layers
                .iter()
                .map(|l| {
                    l.q.heap_bytes()
                        + l.k.heap_bytes()
                        + l.v.heap_bytes()
                        + l.ao.heap_bytes()
                        + l.fi.heap_bytes()
                        + l.fo.heap_bytes()
                        + [
                            &l.qb, &l.kb, &l.vb, &l.aob, &l.aln_w, &l.aln_b, &l.fib, &l.fob,
                            &l.oln_w, &l.oln_b,
                        ]
                        .iter()
                        .map(|v| f(v))
                        .sum::<usize>()
                })
                .sum::<usize>()
    }

    /// Embeds one text's content tokens (prefix included, no specials): windows of
    /// `max_positions − 2` tokens, weighted mean, L2 normalisation (`embed_n`).
    pub fn embed_tokens(&self, tok: &Tokenizer, content: &[u32], parallel: bool) -> Vec<f32> {
        let h = self.config.hidden;
        let wmax = self.config.max_positions - 2;
        let mut out = vec![0f32; h];
        let mut wsum = 0f64;
        let mut bufs = Buffers::default();
        let windows: Vec<&[u32]> = if content.is_empty() {
            vec![&[]]
        } else {
            content.chunks(wmax).collect()
        };
        let mut ids = Vec::with_capacity(wmax + 2);
        for win in windows {
            ids.clear();
            ids.push(tok.bos());
            ids.extend_from_slice(win);
            ids.push(tok.eos());
            let mean = self.forward(&ids, &mut bufs, parallel);
            let wgt = win.len().max(1) as f32;
            for (d, m) in out.iter_mut().zip(&mean) {
                *d += wgt * m;
            }
            wsum += f64::from(wgt);
        }
        let inv = if wsum > 0.0 { (1.0 / wsum) as f32 } else { 1.0 };
        let mut nrm = 0f32;
        for d in out.iter_mut() {
            *d *= inv;
            nrm += *d * *d;
        }
        let nrm = 1.0 / nrm.max(1e-12).sqrt();
        for d in out.iter_mut() {
            *d *= nrm;
        }
        out
    }

    /// Runs one window (`ids` = `<s>` … `</s>`, at most `max_positions` tokens) through
    /// the encoder and returns the mean of its final hidden states.
    fn forward(&self, ids: &[u32], b: &mut Buffers, parallel: bool) -> Vec<f32> {
        let c = &self.config;
        let (h, ff, nh) = (c.hidden, c.ff, c.heads);
        let hd = h / nh;
        let len = ids.len();
        debug_assert!(len <= c.max_positions);
        for buf in [
            &mut b.x, &mut b.q, &mut b.k, &mut b.v, &mut b.ctx, &mut b.ao, &mut b.fo,
        ] {
            buf.resize(len * h, 0.0);
        }
        b.mid.resize(len * ff, 0.0);

        // embeddings: word + (position + token type 0), then LayerNorm
        let row_bytes = h / QK * Q4_BLOCK_BYTES;
        for (t, (r, &id)) in b.x.chunks_mut(h).zip(ids).enumerate() {
            let id = (id as usize).min(c.vocab - 1);
            dequantize_row(&self.word[id * row_bytes..(id + 1) * row_bytes], r);
            let pp = &self.pos[t * h..(t + 1) * h];
            for i in 0..h {
                r[i] += pp[i] + self.token_type[i];
            }
        }
        layer_norm(&mut b.x, None, &self.eln_w, &self.eln_b, h, c.eps, parallel);

        let scale = 1.0 / (hd as f32).sqrt();
        for ly in &self.layers {
            b.acts.quantize(&b.x, len, h, parallel);
            matmul(&ly.q, &ly.qb, &b.acts, &mut b.q, &mut b.scratch, parallel);
            matmul(&ly.k, &ly.kb, &b.acts, &mut b.k, &mut b.scratch, parallel);
            matmul(&ly.v, &ly.vb, &b.acts, &mut b.v, &mut b.scratch, parallel);
            attention(&b.q, &b.k, &b.v, &mut b.ctx, len, h, nh, scale, parallel);
            b.acts.quantize(&b.ctx, len, h, parallel);
            matmul(
                &ly.ao,
                &ly.aob,
                &b.acts,
                &mut b.ao,
                &mut b.scratch,
                parallel,
            );
            layer_norm(
                &mut b.x,
                Some(&b.ao),
                &ly.aln_w,
                &ly.aln_b,
                h,
                c.eps,
                parallel,
            );

            b.acts.quantize(&b.x, len, h, parallel);
            matmul(
                &ly.fi,
                &ly.fib,
                &b.acts,
                &mut b.mid,
                &mut b.scratch,
                parallel,
            );
            let gelu_all = |m: &mut [f32]| m.iter_mut().for_each(|v| *v = gelu(*v));
            if parallel {
                b.mid.par_chunks_mut(ff).with_min_len(4).for_each(gelu_all);
            } else {
                gelu_all(&mut b.mid);
            }
            b.acts.quantize(&b.mid, len, ff, parallel);
            matmul(
                &ly.fo,
                &ly.fob,
                &b.acts,
                &mut b.fo,
                &mut b.scratch,
                parallel,
            );
            layer_norm(
                &mut b.x,
                Some(&b.fo),
                &ly.oln_w,
                &ly.oln_b,
                h,
                c.eps,
                parallel,
            );
        }

        // mean pooling over the window (normalisation happens in embed_tokens)
        let mut mean = vec![0f32; h];
        for r in b.x.chunks(h) {
            for (o, v) in mean.iter_mut().zip(r) {
                *o += v;
            }
        }
        let inv = 1.0 / len as f32;
        mean.iter_mut().for_each(|o| *o *= inv);
        mean
    }
}

/// GELU with the exact error function, as `e5.c`.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + crate::erf::erff(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// `x = LayerNorm(x + y)` per row of `h` (`add_layernorm`); `y = None` normalises `x`.
fn layer_norm(
    x: &mut [f32],
    y: Option<&[f32]>,
    w: &[f32],
    b: &[f32],
    h: usize,
    eps: f32,
    parallel: bool,
) {
    let row = |(r, yy): (&mut [f32], Option<&[f32]>)| {
        let mut mean = 0f32;
        for i in 0..h {
            if let Some(yy) = yy {
                r[i] += yy[i];
            }
            mean += r[i];
        }
        mean /= h as f32;
        let mut var = 0f32;
        for &v in r.iter() {
            let d = v - mean;
            var += d * d;
        }
        var /= h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for i in 0..h {
            r[i] = (r[i] - mean) * inv * w[i] + b[i];
        }
    };
    match (y, parallel) {
        (Some(y), true) => x
            .par_chunks_mut(h)
            .zip(y.par_chunks(h))
            .with_min_len(4)
            .for_each(|(r, yy)| row((r, Some(yy)))),
        (None, true) => x
            .par_chunks_mut(h)
            .with_min_len(4)
            .for_each(|r| row((r, None))),
        (Some(y), false) => x
            .chunks_mut(h)
            .zip(y.chunks(h))
            .for_each(|(r, yy)| row((r, Some(yy)))),
        (None, false) => x.chunks_mut(h).for_each(|r| row((r, None))),
    }
}

/// Scaled dot-product self-attention over the whole window, head by head; row `t` of
/// `ctx` receives token `t`'s context vector.
#[allow(clippy::too_many_arguments)]
fn attention(
    q: &[f32],
    k: &[f32],
    v: &[f32],
    ctx: &mut [f32],
    len: usize,
    h: usize,
    nh: usize,
    scale: f32,
    parallel: bool,
) {
    let hd = h / nh;
    let token = |prob: &mut Vec<f32>, (t, ch): (usize, &mut [f32])| {
        prob.resize(len, 0.0);
        for head in 0..nh {
            let qh = &q[t * h + head * hd..t * h + head * hd + hd];
            let mut mx = -1e30f32;
            for (s, p) in prob.iter_mut().enumerate() {
                let kh = &k[s * h + head * hd..s * h + head * hd + hd];
                let mut d = 0f32;
                for e in 0..hd {
                    d += qh[e] * kh[e];
                }
                d *= scale;
                *p = d;
                if d > mx {
                    mx = d;
                }
            }
            let mut sum = 0f32;
            for p in prob.iter_mut() {
                let e = (*p - mx).exp();
                *p = e;
                sum += e;
            }
            let inv = 1.0 / sum;
            let out = &mut ch[head * hd..head * hd + hd];
            out.fill(0.0);
            for (s, &p) in prob.iter().enumerate() {
                let p = p * inv;
                let vh = &v[s * h + head * hd..s * h + head * hd + hd];
                for e in 0..hd {
                    out[e] += p * vh[e];
                }
            }
        }
    };
    let ctx = &mut ctx[..len * h];
    if parallel {
        ctx.par_chunks_mut(h)
            .enumerate()
            .for_each_init(Vec::new, token);
    } else {
        let mut prob = Vec::new();
        ctx.chunks_mut(h)
            .enumerate()
            .for_each(|item| token(&mut prob, item));
    }
}
