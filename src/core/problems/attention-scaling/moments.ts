// Monte-Carlo moments of qᵀk and qᵀk/√d, from the student's dotProducts on seeded tfjs samples.
// Samples are drawn in chunks (at most CHUNK_ENTRIES numbers per tensor) so d = 512 with 20 000
// samples does not hold 80 MB of tensors at once; the dot products are read back into float64. The
// first chunk is a small probe: a dotProducts that returns the wrong shape (all pairs Q Kᵀ, say)
// fails on PROBE_ROWS rows instead of allocating rows² numbers.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../engine/rng';
import type { CancelSignal } from '../../engine/cancel';
import type { ScalingMoments } from './artifact';
import { normalTensor } from './sampling';
import { studentDotProducts, type ScalingSolution } from './solution';
import { meanVariance } from './stats';

const CHUNK_ENTRIES = 1 << 20;
const PROBE_ROWS = 16;

export interface MomentsSpec {
  d: number;
  mu: number;
  sigma: number;
  samples: number;
}

/** `samples` values of qᵀk (q, k ~ N(μ, σ²I) in R^d, independent), through the student's dotProducts. */
export async function sampleDotProducts(
  solution: ScalingSolution,
  spec: MomentsSpec,
  rng: Rng,
  signal: CancelSignal,
): Promise<Float64Array> {
  const { d, mu, sigma, samples } = spec;
  const out = new Float64Array(samples);
  const chunk = Math.max(1, Math.min(samples, Math.floor(CHUNK_ENTRIES / d)));
  for (let start = 0; start < samples; ) {
    signal.throwIfCancelled();
    const rows = Math.min(start === 0 ? PROBE_ROWS : chunk, samples - start);
    const Q = normalTensor<tf.Rank.R2>([rows, d], mu, sigma, rng);
    const K = normalTensor<tf.Rank.R2>([rows, d], mu, sigma, rng);
    try {
      const dots = studentDotProducts(solution, Q, K);
      try {
        out.set(await dots.data(), start);
      } finally {
        dots.dispose();
      }
    } finally {
      Q.dispose();
      K.dispose();
    }
    start += rows;
  }
  return out;
}

/** Moments of raw and √d-scaled samples (the closed forms are the judge's displays', not the child's). */
export function momentsOf(values: Float64Array, spec: MomentsSpec): ScalingMoments {
  const { d, mu, sigma, samples } = spec;
  const raw = meanVariance(values);
  const scaled = meanVariance(values.map((x) => x / Math.sqrt(d)));
  return {
    d,
    mu,
    sigma,
    samples,
    mean: raw.mean,
    variance: raw.variance,
    scaledMean: scaled.mean,
    scaledVariance: scaled.variance,
  };
}

export async function measureMoments(
  solution: ScalingSolution,
  spec: MomentsSpec,
  rng: Rng,
  signal: CancelSignal,
): Promise<ScalingMoments> {
  return momentsOf(await sampleDotProducts(solution, spec, rng, signal), spec);
}
