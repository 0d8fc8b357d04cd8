//! A conditional logit fitted by Newton's method: the weights of the learned signals.
//!
//! Each [`Choice`] is one decided course looked up with its own decisions left out: its
//! options (the candidates and "no specific equivalent"), each a vector of signals, and
//! which options were right. The fit maximises the log-likelihood of the right options
//! (a course with several right options counts each with an equal share) with an L2
//! penalty; the problem is concave, so Newton's method with step halving converges in a
//! few dozen steps.

/// One decided course: its options and the right ones.
pub(crate) struct Choice {
    /// Each option's signals.
    pub(crate) options: Vec<Vec<f64>>,
    /// Indexes of the right options.
    pub(crate) correct: Vec<usize>,
}

/// The options' probabilities under `weights` (a softmax of their utilities).
pub(crate) fn probabilities(choice: &Choice, weights: &[f64]) -> Vec<f64> {
    let utilities: Vec<f64> = choice
        .options
        .iter()
        .map(|x| x.iter().zip(weights).map(|(a, b)| a * b).sum())
        .collect();
    let max = utilities.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = utilities.iter().map(|u| (u - max).exp()).collect();
    let total: f64 = exp.iter().sum();
    exp.into_iter().map(|e| e / total).collect()
}

/// The log-likelihood of the right options under `weights`.
pub(crate) fn log_likelihood(choices: &[Choice], weights: &[f64]) -> f64 {
    choices
        .iter()
        .map(|choice| {
            let p = probabilities(choice, weights);
            let share = 1.0 / choice.correct.len() as f64;
            choice
                .correct
                .iter()
                .map(|i| share * p[*i].max(1e-300).ln())
                .sum::<f64>()
        })
        .sum()
}

/// The weights that maximise the penalised log-likelihood, from `start`.
pub(crate) fn conditional_logit(choices: &[Choice], start: &[f64], l2: f64) -> Vec<f64> {
    let d = start.len();
    let n = choices.len().max(1) as f64;
    let objective = |w: &[f64]| {
        log_likelihood(choices, w) / n - 0.5 * l2 * w.iter().map(|x| x * x).sum::<f64>()
    };
    let mut weights = start.to_vec();
    let mut current = objective(&weights);
    for _ in 0..100 {
        let mut gradient = vec![0.0; d];
        let mut hessian = vec![vec![0.0; d]; d];
        for choice in choices {
            let p = probabilities(choice, &weights);
            let mut mean = vec![0.0; d];
            for (x, pi) in choice.options.iter().zip(&p) {
                for k in 0..d {
                    mean[k] += pi * x[k];
                }
            }
            let share = 1.0 / choice.correct.len() as f64;
            for i in &choice.correct {
                for k in 0..d {
                    gradient[k] += share * (choice.options[*i][k] - mean[k]) / n;
                }
            }
            for (x, pi) in choice.options.iter().zip(&p) {
                for a in 0..d {
                    let da = x[a] - mean[a];
                    if da == 0.0 {
                        continue;
                    }
                    for b in 0..d {
                        hessian[a][b] -= pi * da * (x[b] - mean[b]) / n;
                    }
                }
            }
        }
        for k in 0..d {
            gradient[k] -= l2 * weights[k];
            hessian[k][k] -= l2;
        }
        // Newton step: solve H s = -g.
        let step = solve(&hessian, &gradient.iter().map(|g| -g).collect::<Vec<_>>());
        let mut scale = 1.0;
        let mut improved = false;
        for _ in 0..30 {
            let candidate: Vec<f64> = weights
                .iter()
                .zip(&step)
                .map(|(w, s)| w + scale * s)
                .collect();
            let value = objective(&candidate);
            if value > current {
                weights = candidate;
                improved = value - current > 1e-10;
                current = value;
                break;
            }
            scale *= 0.5;
        }
        if !improved {
            break;
        }
    }
    weights
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (a small dense system).
fn solve(a: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut m: Vec<Vec<f64>> = a
        .iter()
        .zip(b)
        .map(|(row, rhs)| row.iter().copied().chain([*rhs]).collect())
        .collect();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|x, y| m[*x][col].abs().total_cmp(&m[*y][col].abs()))
            .unwrap_or(col);
        m.swap(col, pivot);
        let p = m[col][col];
        if p.abs() < 1e-12 {
            continue;
        }
        let pivot_row = m[col].clone();
        for (row, values) in m.iter_mut().enumerate() {
            if row != col {
                let factor = values[col] / p;
                if factor != 0.0 {
                    for (value, pivot_value) in values[col..].iter_mut().zip(&pivot_row[col..]) {
                        *value -= factor * pivot_value;
                    }
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            if m[i][i].abs() < 1e-12 {
                0.0
            } else {
                m[i][n] / m[i][i]
            }
        })
        .collect()
}

/// Label thresholds from hits sorted by falling probability, each right or not: the
/// lowest probability above which hits are at least `match_precision` right, and the
/// lowest below that at which the band between the two is at least `maybe_precision`
/// right.
pub(crate) fn thresholds(
    hits: &[(f64, bool)],
    match_precision: f64,
    maybe_precision: f64,
) -> (f64, f64) {
    let mut match_at = 1.0;
    let mut right = 0usize;
    for (i, (p, ok)) in hits.iter().enumerate() {
        right += usize::from(*ok);
        if right as f64 / (i + 1) as f64 >= match_precision {
            match_at = *p;
        }
    }
    let below: Vec<&(f64, bool)> = hits.iter().filter(|(p, _)| *p < match_at).collect();
    let mut maybe_at = match_at;
    let mut right = 0usize;
    for (i, (p, ok)) in below.iter().enumerate() {
        right += usize::from(*ok);
        if right as f64 / (i + 1) as f64 >= maybe_precision {
            maybe_at = *p;
        }
    }
    (match_at, maybe_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fit_recovers_a_weight_that_separates_the_options() {
        // The right option always has the larger first signal.
        let choices: Vec<Choice> = (0..200)
            .map(|i| {
                let noise = (i % 7) as f64 * 0.1;
                Choice {
                    options: vec![
                        vec![1.0 + noise, 1.0],
                        vec![0.5, 1.0],
                        vec![0.2 + noise, 1.0],
                    ],
                    correct: vec![if i % 10 == 0 { 1 } else { 0 }],
                }
            })
            .collect();
        let weights = conditional_logit(&choices, &[0.0, 0.0], 1e-3);
        assert!(weights[0] > 1.0, "{weights:?}");
        assert!(log_likelihood(&choices, &weights) > log_likelihood(&choices, &[0.0, 0.0]));
    }

    #[test]
    fn thresholds_follow_precision() {
        let hits = [
            (0.9, true),
            (0.8, true),
            (0.7, true),
            (0.6, false),
            (0.5, false),
            (0.4, true),
            (0.3, false),
            (0.2, false),
            (0.1, false),
        ];
        let (match_at, maybe_at) = thresholds(&hits, 0.8, 1.0 / 3.0);
        assert_eq!(match_at, 0.7);
        assert_eq!(maybe_at, 0.4);
    }
}
