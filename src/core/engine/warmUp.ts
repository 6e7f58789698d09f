// A spare child's warm-up: the tfjs paths every problem takes (matMul, elementwise ops, softmax,
// reductions, the gradient tape, an optimizer step) run a few times on small tensors, so that V8
// has compiled them (JavaScript and the wasm kernels' tiers) before a student's run arrives. A run
// that arrives stops it between steps: it is only ever done with time nobody is waiting on.
import * as tf from '@tensorflow/tfjs-core';

const STEPS = 24;

/** Runs the warm-up in steps, a macrotask apart; stops as soon as `wanted()` says a run is waiting. */
export async function warmUp(wanted: () => boolean, pause: () => Promise<void>): Promise<number> {
  const optimizer = tf.train.adam(0.01);
  const [w1, w2, x, labels] = tf.tidy(() => [
    tf.variable(tf.randomNormal([64, 32], 0, 0.1, 'float32', 1)),
    tf.variable(tf.randomNormal([32, 10], 0, 0.1, 'float32', 2)),
    tf.randomNormal([128, 64], 0, 1, 'float32', 3),
    tf.oneHot(tf.randomUniform([128], 0, 10, 'int32', 4), 10),
  ]);
  let steps = 0;
  try {
    for (; steps < STEPS; steps++) {
      await pause();
      if (wanted()) break;
      tf.tidy(() => {
        optimizer.minimize(() => {
          const hidden = tf.relu(tf.matMul(x, w1));
          const logits = tf.matMul(hidden, w2);
          const ce = tf.losses.softmaxCrossEntropy(labels, logits);
          const mse = tf.mean(tf.square(tf.sub(tf.sigmoid(logits), labels)));
          return tf.add(ce, mse) as tf.Scalar;
        });
        tf.softmax(tf.matMul(x, x, false, true))
          .sum(1)
          .dataSync();
      });
    }
  } finally {
    tf.dispose([w1, w2, x, labels]);
    optimizer.dispose();
  }
  return steps;
}
