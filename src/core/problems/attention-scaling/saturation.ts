// Softmax saturation: for q, k_1 … k_n ~ N(0, I) in R^d, the largest attention weight and the norm
// of the softmax Jacobian (see stats.softmaxJacobianNorm), averaged over trials. "Scaled" is the
// student's scaledAttention(q, K); "unscaled" is a trusted softmax(Kq), the contrast the homework
// asks about.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../engine/rng';
import type { CancelSignal } from '../../engine/cancel';
import type { SaturationRow } from './artifact';
import { normalTensor } from './sampling';
import { studentAttention, type ScalingSolution } from './solution';
import { maxOf, softmaxJacobianNorm } from './stats';

export interface SaturationSpec {
  d: number;
  keys: number;
  trials: number;
}

/** softmax(Kq) without scaling, in tfjs (the trusted contrast, not student code). */
export function unscaledAttention(q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.softmax(tf.sum(tf.mul(K, q), 1) as tf.Tensor1D));
}

export async function measureSaturation(
  solution: ScalingSolution,
  spec: SaturationSpec,
  rng: Rng,
  signal: CancelSignal,
): Promise<SaturationRow> {
  const { d, keys, trials } = spec;
  const scaled = { maxWeight: 0, gradNorm: 0 };
  const unscaled = { maxWeight: 0, gradNorm: 0 };
  const add = (into: typeof scaled, p: ArrayLike<number>): void => {
    into.maxWeight += maxOf(p) / trials;
    into.gradNorm += softmaxJacobianNorm(p) / trials;
  };
  for (let t = 0; t < trials; t++) {
    signal.throwIfCancelled();
    const q = normalTensor<tf.Rank.R1>([d], 0, 1, rng);
    const K = normalTensor<tf.Rank.R2>([keys, d], 0, 1, rng);
    try {
      const student = studentAttention(solution, q, K);
      const trusted = unscaledAttention(q, K);
      try {
        add(scaled, await student.data());
        add(unscaled, await trusted.data());
      } finally {
        student.dispose();
        trusted.dispose();
      }
    } finally {
      q.dispose();
      K.dispose();
    }
  }
  return { d, keys, unscaled, scaled };
}
