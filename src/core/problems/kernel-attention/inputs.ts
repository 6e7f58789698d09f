// Seeded inputs for the sweep (the child): float32 tensors Q, K [N, D] and V [N, M].
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../engine/rng';
import { normalMatrix } from './checkInputs';

export { normalMatrix };

export interface AttentionInputs {
  Q: tf.Tensor2D;
  K: tf.Tensor2D;
  V: tf.Tensor2D;
}

/**
 * Q and K with entries N(0, 1/√D), so that qᵀk has unit variance (kernel values stay moderate at
 * every D), and V with N(0, 1) entries.
 */
export function randomInputs(rng: Rng, N: number, D: number, M: number): AttentionInputs {
  const s = D ** -0.25;
  return {
    Q: tf.tensor2d(normalMatrix(rng, N, D, s), [N, D]),
    K: tf.tensor2d(normalMatrix(rng, N, D, s), [N, D]),
    V: tf.tensor2d(normalMatrix(rng, N, M), [N, M]),
  };
}

export const disposeInputs = (x: AttentionInputs): void => tf.dispose([x.Q, x.K, x.V]);
