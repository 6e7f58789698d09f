// Q2 bugs only the hidden checks (grading runs) see: the visible q2.scaled-softmax has 5 or 64 keys
// and N(0, 1) entries, so it never meets a single key or a score above ~4.
import * as tf from '@tensorflow/tfjs';
import type { ScalingSolution } from '../../../src/core/problems/attention-scaling/child';
import * as reference from '../../../src/core/problems/attention-scaling/reference';

const withAttention = (scaledAttention: ScalingSolution['scaledAttention']): ScalingSolution => ({
  ...reference,
  scaledAttention,
});

export const hiddenOnlyBugs: Record<string, { solution: ScalingSolution; fails: string }> = {
  'scores through matMul(K, q) then squeeze() (a single key squeezes to a scalar)': {
    solution: withAttention((q, K) =>
      tf.tidy(
        () => tf.softmax(tf.div(tf.matMul(K, tf.expandDims(q, 1)).squeeze(), Math.sqrt(q.shape[0]))) as tf.Tensor1D,
      ),
    ),
    fails: 'q2.hidden-more-d',
  },
  'softmax as exp / sum without subtracting the largest score': {
    solution: withAttention((q, K) =>
      tf.tidy(() => {
        const e = tf.exp(tf.div(tf.sum(tf.mul(K, q), 1), Math.sqrt(q.shape[0])));
        return tf.div(e, tf.sum(e)) as tf.Tensor1D;
      }),
    ),
    fails: 'q2.hidden-large-scores',
  },
};

/** softmax(Kq/√d) written differently from the reference: a matMul and an explicit max shift. */
export const writtenDifferently: ScalingSolution = withAttention((q, K) =>
  tf.tidy(() => {
    const s = tf.reshape(tf.matMul(K, tf.reshape(q, [-1, 1])), [-1]).div(Math.sqrt(K.shape[1]));
    const e = tf.exp(tf.sub(s, tf.max(s)));
    return tf.div(e, tf.sum(e)) as tf.Tensor1D;
  }),
);
