// The reference solution of q2_attention_scaling.ts, written exactly as a student's file would be
// (tfjs only): test/unit/attention-scaling/template.test.ts type-checks it against the workspace's
// declarations.
import * as tf from '@tensorflow/tfjs';

export function dotProducts(Q: tf.Tensor2D, K: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(Q, K), 1);
}

export function scaledAttention(q: tf.Tensor1D, K: tf.Tensor2D): tf.Tensor1D {
  const d = q.shape[0]!;
  const scores: tf.Tensor1D = tf.sum(tf.mul(K, q), 1);
  const scaled: tf.Tensor1D = tf.div(scores, Math.sqrt(d));
  return tf.softmax(scaled);
}
