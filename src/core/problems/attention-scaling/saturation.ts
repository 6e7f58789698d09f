// Softmax saturation: for q, k_1 … k_n ~ N(0, I) in R^d, the largest attention weight and the norm
// of the softmax Jacobian (see stats.softmaxJacobianNorm), averaged over trials. Both curves are the
// student's experiment: "scaled" is their scaledAttention(q, K), "unscaled" their scaledAttention(√d·q, K),
// which is softmax(Kq) when scaledAttention is right (the contrast the homework asks about). The
// child computes no softmax of its own: a wrong scaledAttention shows a wrong contrast.
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

/** The student's scaledAttention(√d·q, K): softmax(Kq), the unscaled contrast, when scaledAttention is right. */
export function unscaledAttention(solution: ScalingSolution, q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D {
  const stretched = tf.mul(q, Math.sqrt(q.shape[0])) as tf.Tensor1D;
  try {
    return studentAttention(solution, stretched, K);
  } finally {
    stretched.dispose();
  }
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
      try {
        add(scaled, await student.data());
      } finally {
        student.dispose();
      }
      const contrast = unscaledAttention(solution, q, K);
      try {
        add(unscaled, await contrast.data());
      } finally {
        contrast.dispose();
      }
    } finally {
      q.dispose();
      K.dispose();
    }
  }
  return { d, keys, unscaled, scaled };
}
