//! 4-bit weights, 8-bit activations and the int8 × int4 matrix product of `e5.c`.
//!
//! Weights are Q4_0: per row, blocks of 32 weights sharing one fp16 scale `d_w`, each
//! weight `(nibble − 8) · d_w`. Activations are quantised per token and per 32-block to
//! Q8_0 (`e5.c`'s `quantize_acts`): `d_a = max|x| / 127`, `q = round_half_even(x / d_a)`
//! clamped to `[−128, 127]`. An output is then
//!
//! ```text
//! y[t, o] = bias[o] + Σ_blocks (d_w[o, b] · d_a[t, b]) · Σ_j w[o, b, j] · q[t, b, j]
//! ```
//!
//! with the inner sum exact in integers. `e5.c` keeps the nibbles unsigned and subtracts
//! `8 · Σ q` afterwards; this port stores the signed weight `nibble − 8` once at load time
//! (an `i8`), which gives the same integer, and accumulates the blocks in the order of
//! `e5.c`'s portable (non-AVX2) kernel. Only the float rounding of the block sum can
//! differ from the AVX2 build, by about one part in 10⁷.
//!
//! Every reduction happens inside one task, so results do not depend on the number of
//! threads.

use crate::format::{Q4_BLOCK_BYTES, QK};
use rayon::prelude::*;

/// Output rows computed together, so that one token's activations are loaded once for
/// `RO` weight rows (the weight rows stay in L1 across all tokens).
const RO: usize = 8;

/// Converts an IEEE half to f32 exactly as `e5.c`'s `fp16_to_fp32`, including its quirk
/// for subnormal halves, which come out at half their IEEE value.
pub(crate) fn fp16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let mut exp = u32::from((h >> 10) & 0x1F);
    let mut man = u32::from(h & 0x3FF);
    let bits = if exp == 0 {
        if man == 0 {
            sign
        } else {
            exp = 1;
            while man & 0x400 == 0 {
                man <<= 1;
                exp += 1;
            }
            man &= 0x3FF;
            sign | ((127 - 15 - exp + 1) << 23) | (man << 13)
        }
    } else if exp == 31 {
        sign | 0x7F80_0000 | (man << 13)
    } else {
        sign | ((exp + 127 - 15) << 23) | (man << 13)
    };
    f32::from_bits(bits)
}

/// Dequantises one Q4_0 row (`out.len()` weights) from its raw blocks (`deq_row`).
pub(crate) fn dequantize_row(blocks: &[u8], out: &mut [f32]) {
    for (b, o) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(QK))
    {
        let d = fp16_to_f32(u16::from_le_bytes([b[0], b[1]]));
        for j in 0..16 {
            let q = b[2 + j];
            o[j] = f32::from(i16::from(q & 0x0F) - 8) * d;
            o[j + 16] = f32::from(i16::from(q >> 4) - 8) * d;
        }
    }
}

/// A Q4_0 weight matrix `[nout, nin]`, unpacked at load time to signed `i8` weights
/// (`nibble − 8`) and f32 block scales.
#[derive(Debug)]
pub(crate) struct QMatrix {
    nout: usize,
    nin: usize,
    /// `[nout, nin]` signed weights in −8..=7.
    w: Vec<i8>,
    /// `[nout, nin / 32]` block scales.
    d: Vec<f32>,
}

impl QMatrix {
    /// Unpacks a Q4_0 tensor of `nout` rows of `nin` weights.
    pub fn from_q4(raw: &[u8], nout: usize, nin: usize) -> Self {
        assert!(
            nout.is_multiple_of(RO) && nin.is_multiple_of(QK),
            "matrix {nout}x{nin} not in whole blocks"
        );
        debug_assert_eq!(raw.len(), nout * nin / QK * Q4_BLOCK_BYTES);
        let mut w = vec![0i8; nout * nin];
        let mut d = Vec::with_capacity(nout * nin / QK);
        for (b, o) in raw.chunks_exact(Q4_BLOCK_BYTES).zip(w.chunks_exact_mut(QK)) {
            d.push(fp16_to_f32(u16::from_le_bytes([b[0], b[1]])));
            for j in 0..16 {
                let q = b[2 + j];
                o[j] = (q & 0x0F) as i8 - 8;
                o[j + 16] = (q >> 4) as i8 - 8;
            }
        }
        QMatrix { nout, nin, w, d }
    }

    /// Bytes held by this matrix.
    pub fn heap_bytes(&self) -> usize {
        self.w.len() + self.d.len() * 4
    }
}

/// Activations of `len` tokens quantised to Q8_0 (reusable buffers).
#[derive(Debug, Default)]
pub(crate) struct QActs {
    len: usize,
    nin: usize,
    /// Quantised values, widened to `i16` once here rather than in the inner loop.
    q: Vec<i16>,
    d: Vec<f32>,
}

impl QActs {
    /// Quantises `x` (`len` rows of `nin`) per token and per 32-block (`quantize_acts`).
    pub fn quantize(&mut self, x: &[f32], len: usize, nin: usize, parallel: bool) {
        let nb = nin / QK;
        self.len = len;
        self.nin = nin;
        self.q.resize(len * nin, 0);
        self.d.resize(len * nb, 0.0);
        let one = |((xr, qr), dr): ((&[f32], &mut [i16]), &mut [f32])| {
            for ((xb, qb), db) in xr
                .chunks_exact(QK)
                .zip(qr.chunks_exact_mut(QK))
                .zip(dr.iter_mut())
            {
                let amax = xb.iter().fold(0f32, |m, v| m.max(v.abs()));
                let dd = amax / 127.0;
                let id = if dd > 0.0 { 1.0 / dd } else { 0.0 };
                for (q, &v) in qb.iter_mut().zip(xb) {
                    // lrintf in the default rounding mode: round half to even.
                    *q = ((v * id).round_ties_even() as i32).clamp(-128, 127) as i16;
                }
                *db = dd;
            }
        };
        let x = &x[..len * nin];
        if parallel {
            x.par_chunks(nin)
                .zip(self.q.par_chunks_mut(nin))
                .zip(self.d.par_chunks_mut(nb))
                .with_min_len(4)
                .for_each(one);
        } else {
            x.chunks(nin)
                .zip(self.q.chunks_mut(nin))
                .zip(self.d.chunks_mut(nb))
                .for_each(one);
        }
    }
}

/// `y[len, nout] = acts · Wᵀ + bias` (`matmul_q4q8`). `scratch` is reused between calls.
///
/// Work is split by groups of `RO` output rows; for each token and 32-block the
/// activations are read once and dotted with the `RO` rows' weights, which stay in L1
/// across tokens. Written so that LLVM vectorises the 32-element integer dot products
/// (`pmaddwd`) on any x86-64, without `unsafe` or target-specific code.
pub(crate) fn matmul(
    m: &QMatrix,
    bias: &[f32],
    acts: &QActs,
    y: &mut [f32],
    scratch: &mut Vec<f32>,
    parallel: bool,
) {
    let (nout, nin, len) = (m.nout, m.nin, acts.len);
    debug_assert_eq!(acts.nin, nin);
    let nb = nin / QK;
    // Row-group-major scratch: group g holds [len][RO] outputs of rows g*RO..g*RO+RO.
    scratch.resize(nout * len, 0.0);
    let group = |(g, out): (usize, &mut [f32])| {
        let o0 = g * RO;
        let w = &m.w[o0 * nin..(o0 + RO) * nin];
        let dw = &m.d[o0 * nb..(o0 + RO) * nb];
        for (t, out) in out.chunks_exact_mut(RO).enumerate() {
            let a = &acts.q[t * nin..(t + 1) * nin];
            let da = &acts.d[t * nb..(t + 1) * nb];
            let mut acc = [0f32; RO];
            for b in 0..nb {
                let ab: &[i16; QK] = a[b * QK..(b + 1) * QK].try_into().unwrap();
                for (r, acc) in acc.iter_mut().enumerate() {
                    let at = r * nin + b * QK;
                    let wb: &[i8; QK] = w[at..at + QK].try_into().unwrap();
                    let mut isum = 0i32;
                    for j in 0..QK {
                        isum += i32::from(wb[j]) * i32::from(ab[j]);
                    }
                    // the order of e5.c's portable kernel: (d_w * d_a) * isum
                    *acc += dw[r * nb + b] * da[b] * isum as f32;
                }
            }
            for (r, (o, acc)) in out.iter_mut().zip(acc).enumerate() {
                *o = bias[o0 + r] + acc;
            }
        }
    };
    if parallel {
        scratch.par_chunks_mut(len * RO).enumerate().for_each(group);
    } else {
        scratch.chunks_mut(len * RO).enumerate().for_each(group);
    }
    for (g, chunk) in scratch.chunks(len * RO).enumerate() {
        for (t, row) in chunk.chunks_exact(RO).enumerate() {
            y[t * nout + g * RO..t * nout + (g + 1) * RO].copy_from_slice(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fp16_conversion_matches_known_values() {
        assert_eq!(fp16_to_f32(0x3C00), 1.0);
        assert_eq!(fp16_to_f32(0xC000), -2.0);
        assert_eq!(fp16_to_f32(0x0000), 0.0);
        assert_eq!(fp16_to_f32(0x7BFF), 65504.0);
        // e5.c's subnormal branch yields half the IEEE value (its exponent count starts
        // one too high); the port keeps that, for bit-identical scales.
        assert_eq!(fp16_to_f32(0x0001), 2f32.powi(-25));
        assert_eq!(fp16_to_f32(0x0200), 2f32.powi(-16));
        assert_eq!(fp16_to_f32(0x7C00), f32::INFINITY);
    }

    /// Packs f32 weights (multiples of `scale`) as Q4_0 blocks with that scale.
    fn pack(weights: &[i8], scale_bits: u16) -> Vec<u8> {
        let mut raw = Vec::new();
        for block in weights.chunks(QK) {
            raw.extend_from_slice(&scale_bits.to_le_bytes());
            for j in 0..16 {
                let lo = (block[j] + 8) as u8;
                let hi = (block[j + 16] + 8) as u8;
                raw.push(lo | (hi << 4));
            }
        }
        raw
    }

    #[test]
    fn quantised_matmul_matches_a_float_product() {
        let (nout, nin, len) = (16, 64, 3);
        let w: Vec<i8> = (0..nout * nin)
            .map(|i| ((i * 7 + 3) % 16) as i8 - 8)
            .collect();
        let raw = pack(&w, 0x3800); // scale 0.5
        let m = QMatrix::from_q4(&raw, nout, nin);
        let mut row = vec![0f32; nin];
        dequantize_row(&raw[..nin / QK * Q4_BLOCK_BYTES], &mut row);
        assert_eq!(row[0], f32::from(w[0]) * 0.5);
        // activations that quantise exactly (max |x| = 127 per block, integers)
        let x: Vec<f32> = (0..len * nin)
            .map(|i| {
                if i % 32 == 0 {
                    127.0
                } else {
                    ((i * 13) % 255) as f32 - 127.0
                }
            })
            .collect();
        let bias: Vec<f32> = (0..nout).map(|o| o as f32).collect();
        for parallel in [false, true] {
            let mut acts = QActs::default();
            acts.quantize(&x, len, nin, parallel);
            let mut y = vec![0f32; len * nout];
            matmul(&m, &bias, &acts, &mut y, &mut Vec::new(), parallel);
            for t in 0..len {
                for o in 0..nout {
                    let want: f32 = bias[o]
                        + (0..nin)
                            .map(|i| f32::from(w[o * nin + i]) * 0.5 * x[t * nin + i])
                            .sum::<f32>();
                    assert!((y[t * nout + o] - want).abs() < 1e-3, "{t} {o}");
                }
            }
        }
    }

    #[test]
    fn activation_rounding_is_half_to_even() {
        let mut x = vec![0f32; 32];
        x[0] = 127.0;
        x[1] = 2.5;
        x[2] = -3.5;
        x[3] = 0.5;
        let mut acts = QActs::default();
        acts.quantize(&x, 1, 32, false);
        assert_eq!(&acts.q[..4], &[127, 2, -4, 0]);
        assert_eq!(acts.d[0], 1.0);
    }
}
