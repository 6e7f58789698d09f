// Seeded tfjs sampling: every tensor draw takes its seed from the run's Rng, so a run is
// reproducible from config.seed on any backend (tfjs generates seeded normals on the CPU).
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../engine/rng';

/** A [..shape] float32 tensor of i.i.d. N(mu, sigma²) entries, seeded from `rng`. */
export function normalTensor<R extends tf.Rank>(shape: number[], mu: number, sigma: number, rng: Rng): tf.Tensor<R> {
  return tf.randomNormal(shape as tf.ShapeMap[R], mu, sigma, 'float32', rng.int(2 ** 31 - 1));
}
