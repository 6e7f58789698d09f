// Deliberately wrong Q2 solutions: each must fail the check named beside it.
import * as tf from '@tensorflow/tfjs';
import type { ScalingSolution } from '../../../src/core/problems/attention-scaling/child';
import * as reference from '../../../src/core/problems/attention-scaling/reference';

const withDots = (dotProducts: ScalingSolution['dotProducts']): ScalingSolution => ({ ...reference, dotProducts });
const withAttention = (scaledAttention: ScalingSolution['scaledAttention']): ScalingSolution => ({
  ...reference,
  scaledAttention,
});
const scores = (q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D => tf.sum(tf.mul(K, q), 1);

/** q2.dot-products: qᵢᵀqᵢ instead of qᵢᵀkᵢ. */
export const dotsOfQWithItself = withDots((Q) => tf.sum(tf.mul(Q, Q), 1));
/** q2.dot-products (shape): one scalar, Σ over every entry. */
export const dotsSummedToScalar = withDots((Q, K) => tf.sum(tf.mul(Q, K)) as unknown as tf.Tensor1D);
/** q2.dot-products (shape): Q Kᵀ, all pairs. */
export const dotsAllPairs = withDots((Q, K) => tf.matMul(Q, K, false, true) as unknown as tf.Tensor1D);
/** q2.dot-products (shape): not a tensor. */
export const dotsAsArray = withDots((Q, K) => Array.from(tf.sum(tf.mul(Q, K), 1).dataSync()) as unknown as tf.Tensor1D);
/** q2.dot-products and q2.scaled-variance: 2·qᵀk, so Var(qᵀk/√d) = 4. */
export const dotsDoubled = withDots((Q, K) => tf.mul(tf.sum(tf.mul(Q, K), 1), 2));

/** q2.scaled-softmax: softmax(Kq) (the √d forgotten; the same bug as the ws-q2-unscaled fixture). */
export const unscaled = withAttention((q, K) => tf.softmax(scores(q, K)));
/** q2.scaled-softmax: softmax(Kq/d). */
export const overD = withAttention((q, K) => tf.softmax(tf.div(scores(q, K), q.shape[0]!) as tf.Tensor1D));
/** q2.scaled-softmax: softmax(Kq·√d), too peaked but not plain softmax(Kq). */
export const timesSqrtD = withAttention((q, K) =>
  tf.softmax(tf.mul(scores(q, K), Math.sqrt(q.shape[0]!)) as tf.Tensor1D),
);
/** q2.scaled-softmax: exp(Kq/√d) without the normalisation. */
export const notNormalised = withAttention(
  (q, K) => tf.exp(tf.div(scores(q, K), Math.sqrt(q.shape[0]!))) as tf.Tensor1D,
);
/** q2.scaled-softmax: softmax over the wrong axis of K·q (shape [n, d]). */
export const wrongShape = withAttention((q, K) => tf.softmax(tf.mul(K, q)) as unknown as tf.Tensor1D);
/** q2.scaled-softmax: scaled by √n (the number of keys) instead of √d. */
export const overSqrtKeys = withAttention((q, K) =>
  tf.softmax(tf.div(scores(q, K), Math.sqrt(K.shape[0]!)) as tf.Tensor1D),
);
/** Throws (student code error, tagged with the marker). */
export const throwsInAttention = withAttention(() => {
  throw new Error('not yet');
});
