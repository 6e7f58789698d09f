// The leading-axis Sum for tfjs-wasm (src/core/tfjsWasm/sumFix.ts): bias gradients summed over the
// batch without a transposed copy, bit-identical to the stock kernel, everything else unchanged.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { simdColumnSumFor, simdColumnSumModuleBytes } from '../../../src/core/tfjsWasm/simdColumnSum';
import { installLeadingAxisSum, sumRows, uninstallLeadingAxisSum } from '../../../src/core/tfjsWasm/sumFix';
import { asWasmBackend, heapMemory } from '../../../src/core/tfjsWasm/wasmHeap';
import { assertInstalledOnce, assertValidModule, withStock as withStockKernel } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';

const PATCH = { install: installLeadingAxisSum, uninstall: uninstallLeadingAxisSum };
const withStock = <T>(f: () => T): T => withStockKernel(PATCH, f);

const bits = (t: tf.Tensor) => Buffer.from((t.dataSync() as Float32Array).slice().buffer);

/** The result's shape and float32 bit pattern (the tensor disposed). */
function read(f: () => tf.Tensor): { shape: number[]; bits: Buffer } {
  const t = tf.tidy(f);
  const out = { shape: t.shape, bits: bits(t) };
  t.dispose();
  return out;
}

describe('leading-axis Sum for tfjs-wasm', function () {
  this.timeout(60_000);

  before(async () => {
    await useTfBackend();
    assert.equal(tf.getBackend(), 'wasm');
  });

  it('is installed by initBackend on wasm, once', () => {
    assertInstalledOnce(PATCH);
  });

  it('sums over the batch bit-identically to the stock kernel, with keepDims and negative axes', () => {
    // Values spread over decades, so any other summation order would round differently.
    const cases: [number[], number | number[], boolean][] = [
      [[128, 1000], 0, false],
      [[128, 784], [0], true],
      [[300, 7], -2, false],
      [[1, 5], 0, false],
      [[129, 3], [-2], true],
      [[37, 1001], 0, false], // SIMD blocks and a scalar tail
      [[16, 2], 0, true],
    ];
    for (const [[rows, cols], axis, keepDims] of cases) {
      const x = tf.tidy(() =>
        tf.mul(
          tf.randomNormal([rows, cols], 0, 1, 'float32', rows + cols),
          tf.exp(tf.randomUniform([rows, cols], -8, 8, 'float32', cols)),
        ),
      );
      const stock = withStock(() => read(() => tf.sum(x, axis, keepDims)));
      const fixed = read(() => tf.sum(x, axis, keepDims));
      assert.deepEqual(fixed.shape, stock.shape, `shape of [${rows}, ${cols}] over ${String(axis)}`);
      assert.ok(fixed.bits.equals(stock.bits), `values of [${rows}, ${cols}] over ${String(axis)}`);
      x.dispose();
    }
  });

  it('sums an empty batch to zeros (the stock kernel returns whatever its buffer held)', () => {
    const x = tf.zeros([0, 6]);
    assert.deepEqual(Array.from(read(() => tf.sum(x, 0)).bits), Array(24).fill(0));
    x.dispose();
  });

  it('uses the SIMD module, which compiles for plain and shared memories', () => {
    assertValidModule(simdColumnSumModuleBytes);
    const backend = asWasmBackend(tf.backend());
    assert.ok(backend && simdColumnSumFor(heapMemory(backend)), 'the SIMD column sum binds to the wasm heap');
  });

  it('has a JS fallback that sums in the same order', () => {
    const x = Float32Array.from({ length: 5 * 3 }, (_, i) => Math.fround(1 / (i + 1)) * 10 ** (i % 5));
    const out = new Float32Array(3);
    sumRows(x, out, 5, 3);
    for (let j = 0; j < 3; j++) {
      let sum = Math.fround(0);
      for (let r = 0; r < 5; r++) sum = Math.fround(sum + x[r * 3 + j]);
      assert.equal(out[j], sum);
    }
  });

  it('leaves other reductions to the stock kernel and gives the same dense-layer gradients', () => {
    const x = tf.randomNormal([4, 5, 6], 0, 1, 'float32', 1);
    for (const axis of [0, 1, 2, [0, 1]]) {
      const stock = withStock(() => read(() => tf.sum(x, axis)));
      const fixed = read(() => tf.sum(x, axis));
      assert.deepEqual(fixed, stock, `axis ${String(axis)}`);
    }
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32');
    assert.deepEqual(Array.from(tf.sum(ints, 0).dataSync()), [9, 12]);

    const w = tf.variable(tf.randomNormal([20, 30], 0, 0.1, 'float32', 2));
    const b = tf.variable(tf.randomNormal([30], 0, 0.1, 'float32', 3));
    const input = tf.randomUniform([64, 20], 0, 1, 'float32', 4);
    const grads = () => {
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.sum(tf.square(tf.relu(tf.add(tf.matMul(input, w), b))), 1)) as tf.Scalar,
        [w, b],
      );
      const out = [bits(value), bits(grads[w.name]), bits(grads[b.name])];
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    const stock = withStock(grads);
    const before = tf.memory().numTensors;
    const fixed = grads();
    assert.equal(tf.memory().numTensors, before, 'nothing left behind');
    fixed.forEach((g, i) => assert.ok(g.equals(stock[i]), `output ${i} differs from the stock Sum's`));
    tf.dispose([x, ints, w, b, input]);
  });
});
