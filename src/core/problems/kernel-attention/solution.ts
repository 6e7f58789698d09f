// The shape of a Q3 solution (the student's q3_kernel_attention.ts or reference.ts), read from a
// module's exports. Every function takes and returns float32 2-D tensors:
// Q, K [N, D], V [N, M]; attention outputs are [N, M].
import type * as tf from '@tensorflow/tfjs-core';
import { requireFunction } from '../../problem';
import { kernelAttentionInfo, MARKERS } from './meta';

export type AttentionFn = (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D) => tf.Tensor2D;

export interface KernelAttentionSolution {
  /** softmax(QKᵀ/√D) V: [N, M]. */
  softmaxAttention: AttentionFn;
  /** sim(Q_i, K_j) = (Q_iᵀK_j + 1)² for every pair: [N_q, N_k]. */
  quadraticKernel(Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor2D;
  /** φ of every row: [N, F] with φ(q)ᵀφ(k) = sim(q, k). */
  featureMap(X: tf.Tensor2D): tf.Tensor2D;
  /** eq. 3 with sim = quadraticKernel: [N, M]. */
  kernelAttentionQuadratic: AttentionFn;
  /** eq. 5 with featureMap: [N, M]. */
  kernelAttentionLinear: AttentionFn;
}

const EXPORTS: [keyof KernelAttentionSolution, string][] = [
  ['softmaxAttention', MARKERS.softmax],
  ['quadraticKernel', MARKERS.kernel],
  ['featureMap', MARKERS.featureMap],
  ['kernelAttentionQuadratic', MARKERS.quadratic],
  ['kernelAttentionLinear', MARKERS.linear],
];

export function kernelAttentionSolutionFrom(exports: Record<string, unknown>): KernelAttentionSolution {
  return Object.fromEntries(
    EXPORTS.map(([name, marker]) => [name, requireFunction(exports, name, kernelAttentionInfo.studentFile, marker)]),
  ) as unknown as KernelAttentionSolution;
}
