// Minibatches for problem 4's harness. The data stays a Float32Array on the JS side; each batch is
// gathered row by row into a fresh contiguous array and becomes one tensor (tf.tensor2d copies it
// into the backend). Slicing a large tensor per batch would copy the whole set on tfjs-wasm.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../engine/rng';

/** A seeded permutation of 0…n−1 (Fisher–Yates), one per (seed, epoch). */
export function epochPermutation(n: number, seed: number, epoch: number): Int32Array {
  const rng = createRng(seed).fork(epoch + 1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** The seed of one training batch's corruption, derived from the run's seed, the epoch and the batch. */
export function batchSeed(seed: number, epoch: number, batch: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(epoch + 1, 0xc2b2ae35), 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(batch + 1, 0x165667b1), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Rows order[start…end) of x (n × dim) as one batch tensor (end − start) × dim. */
export function gatherBatch(
  x: Float32Array,
  dim: number,
  order: Int32Array | null,
  start: number,
  end: number,
): tf.Tensor2D {
  const rows = end - start;
  if (!order) return tf.tensor2d(x.slice(start * dim, end * dim), [rows, dim]);
  // A fresh array per batch: the CPU backend keeps the array it is given instead of copying it.
  const values = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    const r = order[start + i];
    values.set(x.subarray(r * dim, (r + 1) * dim), i * dim);
  }
  return tf.tensor2d(values, [rows, dim]);
}

/** [start, end) of every batch of size batchSize over n rows (the last one may be smaller). */
export function batchRanges(n: number, batchSize: number): [number, number][] {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a positive integer (got ${batchSize}).`);
  const ranges: [number, number][] = [];
  for (let start = 0; start < n; start += batchSize) ranges.push([start, Math.min(n, start + batchSize)]);
  return ranges;
}
