// The Sum and Mean gradients of src/core/engine/gradientFix.ts: tfjs-core's, op for op, with the
// tensor of ones made by tf.fill in the backend: the same bits as the stock gradients, on wasm and
// on the CPU backend, for every axis choice.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { installFastReductionGradients, uninstallFastReductionGradients } from '../../../src/core/engine/gradientFix';
import { useTfBackend } from '../support/tf';

function withStock<T>(f: () => T): T {
  const removed = uninstallFastReductionGradients();
  try {
    return f();
  } finally {
    if (removed) installFastReductionGradients();
  }
}

/** d/dx of loss(x) (bytes), nothing left allocated. */
function gradientBytes(loss: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor): Buffer {
  const before = tf.memory().numTensors;
  const g = tf.grad(loss)(x);
  const bytes = Buffer.from((g.dataSync() as Float32Array).slice().buffer);
  g.dispose();
  assert.equal(tf.memory().numTensors, before, 'the gradient left tensors behind');
  return bytes;
}

describe('Sum and Mean gradients without tf.ones', function () {
  this.timeout(60_000);

  before(async () => {
    await useTfBackend();
  });

  it('is installed by initBackend, once', () => {
    assert.equal(installFastReductionGradients(), false, 'already installed');
    assert.equal(uninstallFastReductionGradients(), true);
    assert.equal(uninstallFastReductionGradients(), false);
    assert.equal(installFastReductionGradients(), true);
  });

  for (const backend of ['wasm', 'cpu']) {
    it(`gives the stock gradients' bits on ${backend} for sums and means over any axes`, async () => {
      const previous = tf.getBackend();
      await tf.setBackend(backend);
      try {
        const x = tf.randomNormal([6, 5, 4], 0, 3, 'float32', 7);
        const weights = tf.randomNormal([6, 5, 4], 0, 1, 'float32', 8);
        const axesList: (number | number[] | undefined)[] = [undefined, 0, 1, -1, [0, 2], [1, 2]];
        for (const axis of axesList) {
          for (const keepDims of [false, true]) {
            // A weighted square before the reduction and another after it, so dy is not all ones.
            const losses: [string, (t: tf.Tensor) => tf.Scalar][] = [
              ['sum', (t) => tf.sum(tf.square(tf.sum(tf.mul(tf.square(t), weights), axis, keepDims)))],
              ['mean', (t) => tf.sum(tf.square(tf.mean(tf.mul(tf.square(t), weights), axis, keepDims)))],
            ];
            for (const [name, loss] of losses) {
              const fixed = gradientBytes(loss, x);
              const stock = withStock(() => gradientBytes(loss, x));
              assert.ok(fixed.equals(stock), `${backend}: ${name} over ${JSON.stringify(axis)} keepDims ${keepDims}`);
            }
          }
        }
        tf.dispose([x, weights]);
      } finally {
        await tf.setBackend(previous);
      }
    });
  }

  it('gives the homework loss (Σ over pixels, mean over the batch) the stock gradient', () => {
    const x = tf.randomUniform([128, 784], 0, 1, 'float32', 1);
    const r = tf.randomUniform([128, 784], 0, 1, 'float32', 2);
    const loss = (t: tf.Tensor) => tf.mean(tf.sum(tf.square(tf.sub(x, t)), 1)) as tf.Scalar;
    assert.ok(gradientBytes(loss, r).equals(withStock(() => gradientBytes(loss, r))));
    tf.dispose([x, r]);
  });
});
