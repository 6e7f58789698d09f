// Independent check of the float64 backward: tfjs autodiff of the same cost, written directly
// from its definition (float32, so agreement is to ~1e-6, not 1e-10).
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { createRng } from '../../../src/core/engine/rng';
import {
  initGcnParams,
  networkGradients,
  type GcnGradients,
  type MaskMode,
} from '../../../src/core/problems/zkc/float64Gcn';
import { zkcData } from '../../../src/core/problems/zkc/dataset';

const lambda = 2.5e-2;

/** J = (1/N) Σ_mask CE + λ/(2N) Σ‖W‖² and its gradients by tf.grads, as float arrays. */
function tfjsGradients(maskMode: MaskMode, seed: number): { cost: number; grads: GcnGradients } {
  const data = zkcData({ weighted: true, maskMode });
  const params = initGcnParams(createRng(seed));
  const n = data.mask.reduce((s, x) => s + x, 0);
  const [cost, grads] = tf.tidy(() => {
    const aHat = tf.tensor2d(Float32Array.from(data.aHat.data), [34, 34]);
    const x = tf.tensor2d(Float32Array.from(data.x.data), [34, 34]);
    const y = tf.tensor2d(Float32Array.from(data.y.data), [34, 2]);
    const mask = tf.tensor1d(Float32Array.from(data.mask));
    const costOf = (...[w1, w2, w3, b3]: tf.Tensor[]): tf.Scalar => {
      const h1 = tf.tanh(tf.matMul(tf.matMul(aHat, x), w1 as tf.Tensor2D, false, true));
      const h2 = tf.tanh(tf.matMul(tf.matMul(aHat, h1), w2 as tf.Tensor2D, false, true));
      const logits = tf.add(tf.matMul(h2, w3 as tf.Tensor2D, false, true), b3);
      const ce = tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1));
      const squares = tf.addN([tf.sum(tf.square(w1)), tf.sum(tf.square(w2)), tf.sum(tf.square(w3))]);
      return tf.add(tf.div(tf.sum(tf.mul(ce, mask)), n), tf.mul(lambda / (2 * n), squares)) as tf.Scalar;
    };
    const inputs = [
      tf.tensor2d(Float32Array.from(params.w1.data), [16, 34]),
      tf.tensor2d(Float32Array.from(params.w2.data), [2, 16]),
      tf.tensor2d(Float32Array.from(params.w3.data), [2, 2]),
      tf.tensor1d(Float32Array.from(params.b3)),
    ];
    const { value, grads } = tf.valueAndGrads(costOf)(inputs);
    return [value, grads];
  });
  const [w1, w2, w3, b3] = grads.map((g) => Float64Array.from(g.dataSync()));
  const value = cost.dataSync()[0];
  tf.dispose([cost, ...grads]);
  return { cost: value, grads: { w1, w2, w3, b3 } };
}

const relativeError = (a: Float64Array, b: Float64Array): number => {
  let diff = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nb));
};

describe('float64 GCN gradients vs tfjs autodiff', () => {
  before(() => useTfBackend());

  for (const maskMode of ['all-nodes', 'train-only'] as const) {
    it(`agree below 1e-4 relative error, mask ${maskMode}, and leak no tensors`, () => {
      const start = tf.memory().numTensors;
      for (const seed of [100, 7]) {
        const data = zkcData({ weighted: true, maskMode });
        const reference = networkGradients(initGcnParams(createRng(seed)), data, lambda);
        const autodiff = tfjsGradients(maskMode, seed);
        assert.ok(Math.abs(autodiff.cost - reference.cost) < 1e-5, `cost ${autodiff.cost} vs ${reference.cost}`);
        for (const name of ['w1', 'w2', 'w3', 'b3'] as const) {
          const error = relativeError(reference.grads[name], autodiff.grads[name]);
          assert.ok(error < 1e-4, `${maskMode} seed ${seed}: ${name} relative error ${error}`);
        }
      }
      assert.equal(tf.memory().numTensors, start);
    });
  }
});
