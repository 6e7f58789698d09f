// The copy-free wasm Identity (src/core/tfjsWasm/identityFix.ts): tf.clone and the gradient tape's
// saved tensors share the buffer instead of copying it, with the same values, gradients and
// reference counting as before.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { installSharedIdentity, uninstallSharedIdentity } from '../../../src/core/tfjsWasm/identityFix';
import { assertInstalledOnce, withStock as withStockKernel } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';

const PATCH = { install: installSharedIdentity, uninstall: uninstallSharedIdentity };
const withStock = <T>(f: () => T): T => withStockKernel(PATCH, f);

const numDataIds = () => tf.backend().numDataIds();
const bits = (t: tf.Tensor) => Buffer.from((t.dataSync() as Float32Array).slice().buffer);

describe('copy-free Identity for tfjs-wasm', function () {
  this.timeout(60_000);

  before(async () => {
    await useTfBackend();
    assert.equal(tf.getBackend(), 'wasm');
  });

  it('is installed by initBackend on wasm, once', () => {
    assertInstalledOnce(PATCH);
  });

  it('clones without a new buffer; either tensor outlives the other', () => {
    const x = tf.randomUniform([300, 200], -1, 1, 'float32', 1);
    const expected = bits(x);
    const buffers = numDataIds();
    const y = tf.clone(x);
    assert.equal(numDataIds(), buffers, 'no new backend buffer');
    assert.ok(bits(y).equals(expected));
    x.dispose();
    assert.ok(bits(y).equals(expected), 'the clone keeps the data after the original is freed');
    const z = tf.clone(y);
    y.dispose();
    assert.ok(bits(z).equals(expected));
    z.dispose();
    assert.equal(numDataIds(), buffers - 1, 'the buffer goes with the last reference');
    // The stock kernel copies.
    withStock(() => {
      const a = tf.zeros([10]);
      const before = numDataIds();
      const b = tf.clone(a);
      assert.equal(numDataIds(), before + 1);
      tf.dispose([a, b]);
    });
  });

  it('gives the same gradients as the stock Identity, and frees what the tape saved', () => {
    const w1 = tf.variable(tf.randomNormal([64, 50], 0, 0.1, 'float32', 2));
    const w2 = tf.variable(tf.randomNormal([50, 64], 0, 0.1, 'float32', 3));
    const x = tf.randomUniform([32, 64], 0, 1, 'float32', 4);
    const step = () => {
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.sum(tf.square(tf.sub(x, tf.matMul(tf.relu(tf.matMul(x, w1)), w2))), 1)) as tf.Scalar,
        [w1, w2],
      );
      const out = [bits(value), bits(grads[w1.name]), bits(grads[w2.name])];
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    const stock = withStock(step);
    step();
    const before = { tensors: tf.memory().numTensors, buffers: numDataIds() };
    const shared = step();
    assert.deepEqual({ tensors: tf.memory().numTensors, buffers: numDataIds() }, before, 'nothing left behind');
    shared.forEach((b, i) => assert.ok(b.equals(stock[i]), `output ${i} differs from the stock Identity's`));
    tf.dispose([w1, w2, x]);
  });
});
