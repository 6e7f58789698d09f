// The provided Q1 pieces in hw6-lab (tfjs): the softmax layer's backward and gradient descent agree
// with the float64 ground truth, and the float32 numeric gradient check separates right from wrong.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { numericGradientCheck, type ZkcData, type ZkcParams } from '../../../src/core/problems/zkc/helpers';
import * as reference from '../../../src/core/problems/zkc/reference';
import { comparisonSetup, LAMBDA } from '../../../src/core/problems/zkc/gradients';
import { paramTensors, relativeError, tensorOf } from '../../../src/core/problems/zkc/tensors';

describe('hw6-lab Q1 helpers', function () {
  this.timeout(60_000);
  before(() => useTfBackend());

  it('numericGradientCheck (float32): below ~1e-3 for the right gradients, above 0.1 for a wrong one', () => {
    const before = tf.memory().numTensors;
    const { data } = comparisonSetup(100);
    const setup = comparisonSetup(100);
    const tfData: ZkcData = {
      aHat: tensorOf(data.aHat),
      x: tensorOf(data.x),
      y: tensorOf(data.y),
      mask: tf.tensor1d(Float32Array.from(data.mask)),
      n: 34,
      lambda: LAMBDA,
    };
    const params = paramTensors(setup.params);
    const cost = (p: ZkcParams): tf.Scalar =>
      tf.tidy(() => {
        const probs = reference.networkPass(p, tfData).probs;
        const ce = tf.neg(tf.sum(tf.mul(tfData.y, tf.log(probs))));
        const squares = tf.addN([tf.sum(tf.square(p.w1)), tf.sum(tf.square(p.w2)), tf.sum(tf.square(p.w3))]);
        return tf.add(tf.div(ce, 34), tf.mul(LAMBDA / 68, squares)) as tf.Scalar;
      });
    const right = tf.tidy(() => reference.networkPass(params, tfData).grads);
    const errors = numericGradientCheck(cost, params, right);
    for (const [k, e] of Object.entries(errors)) assert.ok(e < 5e-3, `${k}: ${e}`);
    const wrong = tf.tidy(() => ({ ...right, w2: tf.mul(right.w2, 1.5) as tf.Tensor2D }));
    assert.ok(numericGradientCheck(cost, params, wrong).w2 > 0.1);
    assert.equal(relativeError([1, 2], [1, 2]), 0);
    tf.dispose([tfData.aHat, tfData.x, tfData.y, tfData.mask, params, right, wrong.w2]);
    assert.equal(tf.memory().numTensors, before);
  });
});
