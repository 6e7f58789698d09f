// Monte-Carlo estimates of the quantities questions 2a–2c ask about, for the answers.md checker:
// plain float64 sampling with a seeded Rng (independent of the student's code and of tfjs).
//   2a: E[qᵀk]          2b: Var(qᵀk)          2c: the s with Var(qᵀk / s) = 1, i.e. √Var(qᵀk)
// at a point {d, mu, sigma} (mu defaults to 0 and sigma to 1: the setting of 2b and 2c).
import type { Rng } from '../../engine/rng';
import { meanVariance } from './stats';

export interface Estimate {
  value: number;
  stderr: number;
}

/** Normals drawn per estimate at most: n·d·2 ≤ this (about 20 000 samples at d = 64). */
const MAX_DRAWS = 2_600_000;
const MAX_SAMPLES = 20_000;

/** `n` samples of qᵀk, q, k ∈ R^d with i.i.d. N(μ, σ²) entries. */
export function dotProductSamples(d: number, mu: number, sigma: number, n: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let dot = 0;
    for (let i = 0; i < d; i++) dot += (mu + sigma * rng.normal()) * (mu + sigma * rng.normal());
    out[s] = dot;
  }
  return out;
}

/** Mean, variance and their standard errors (the variance's from the fourth central moment). */
function sampleMoments(x: Float64Array): { mean: number; meanErr: number; variance: number; varianceErr: number } {
  const n = x.length;
  const { mean, variance } = meanVariance(x);
  let m4 = 0;
  for (let i = 0; i < n; i++) m4 += (x[i]! - mean) ** 4 / n;
  return {
    mean,
    meanErr: Math.sqrt(variance / n),
    variance,
    varianceErr: Math.sqrt(Math.max(0, m4 - variance * variance) / n),
  };
}

/**
 * The estimator the answers checker calls: `estimate(id, point)`. Each call draws fresh samples
 * from `rng`, so a sequence of calls is reproducible from the rng's seed. d is rounded to the
 * nearest integer ≥ 1 (a dimension).
 */
export function answerMonteCarlo(rng: Rng): (id: string, point: Record<string, number>) => Estimate {
  return (id, point) => {
    const d = Math.max(1, Math.round(point.d ?? NaN));
    if (!Number.isFinite(d))
      throw new RangeError(`Monte Carlo for ${id} needs a dimension d (got ${JSON.stringify(point)}).`);
    const mu = point.mu ?? 0;
    const sigma = point.sigma ?? 1;
    const n = Math.max(1000, Math.min(MAX_SAMPLES, Math.floor(MAX_DRAWS / (2 * d))));
    const m = sampleMoments(dotProductSamples(d, mu, sigma, n, rng));
    switch (id) {
      case '2a':
        return { value: m.mean, stderr: m.meanErr };
      case '2b':
        return { value: m.variance, stderr: m.varianceErr };
      case '2c': {
        const s = Math.sqrt(m.variance);
        return { value: s, stderr: m.varianceErr / (2 * Math.max(s, Number.MIN_VALUE)) };
      }
      default:
        throw new RangeError(`No Monte-Carlo estimate for question ${id} (problem 2 answers 2a, 2b, 2c).`);
    }
  };
}
