// The SIMD Transpose for tfjs-wasm (src/core/tfjsWasm/transposeFix.ts + simdTranspose.ts): a swap of
// the last two axes of float32/int32 tensors gives the stock kernel's bits for every shape, 4-aligned
// or not, batched or not; everything else still reaches the stock kernel.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { simdTransposeModuleBytes } from '../../../src/core/tfjsWasm/simdTranspose';
import { installSimdTranspose, swapsLastTwo, uninstallSimdTranspose } from '../../../src/core/tfjsWasm/transposeFix';
import { assertInstalledOnce, assertValidModule, withStock as withStockKernel } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';

const PATCH = { install: installSimdTranspose, uninstall: uninstallSimdTranspose };
const withStock = <T>(f: () => T): T => withStockKernel(PATCH, f);

/** The result's shape, dtype and bytes (the tensor disposed). */
function read(f: () => tf.Tensor): { shape: number[]; dtype: string; bytes: Buffer } {
  const t = tf.tidy(f);
  const data = t.dataSync() as Float32Array | Int32Array;
  const out = { shape: t.shape, dtype: t.dtype, bytes: Buffer.from(data.slice().buffer) };
  t.dispose();
  return out;
}

/** Distinct values everywhere (and a NaN with a payload, a −0), so a misplaced one shows. */
function distinct(shape: number[], dtype: 'float32' | 'int32'): tf.Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  if (dtype === 'int32')
    return tf.tensor(
      Int32Array.from({ length: n }, (_, i) => i * 7919 - 3),
      shape,
      'int32',
    );
  const values = Float32Array.from({ length: n }, (_, i) => (i + 1) * 1.0009765625);
  const bits = new Uint32Array(values.buffer);
  if (n > 2) {
    bits[1] = 0x7fc01234; // NaN with a payload
    bits[2] = 0x80000000; // −0
  }
  return tf.tensor(values, shape, 'float32');
}

describe('SIMD Transpose for tfjs-wasm', function () {
  this.timeout(60_000);

  before(async () => {
    await useTfBackend();
    assert.equal(tf.getBackend(), 'wasm');
  });

  it('is installed by initBackend on wasm, once, and its module validates (shared memory too)', () => {
    assertInstalledOnce(PATCH);
    assertValidModule(simdTransposeModuleBytes);
  });

  it('recognises a swap of the last two axes only', () => {
    assert.equal(swapsLastTwo([1, 0]), true);
    assert.equal(swapsLastTwo([0, 2, 1]), true);
    assert.equal(swapsLastTwo([0, 1, 3, 2]), true);
    assert.equal(swapsLastTwo([0, 1]), false);
    assert.equal(swapsLastTwo([1, 0, 2]), false);
    assert.equal(swapsLastTwo([2, 1, 0]), false);
    assert.equal(swapsLastTwo([1, 2, 0]), false);
    assert.equal(swapsLastTwo([0]), false);
  });

  it('gives the stock kernel’s bits for aligned, ragged, tiny, batched and int32 shapes', () => {
    const shapes = [
      [128, 784],
      [784, 1000],
      [1000, 128],
      [16, 16],
      [4, 4], // 4-aligned: SIMD blocks only
      [1, 1],
      [1, 7],
      [7, 1],
      [3, 5],
      [5, 10],
      [34, 34],
      [17, 33],
      [130, 101],
      [1000, 5],
      [10, 784], // strips
      [2, 6, 9],
      [3, 1, 4, 8],
      [1, 20, 21], // batches of matrices
    ];
    for (const dtype of ['float32', 'int32'] as const) {
      for (const shape of shapes) {
        const x = distinct(shape, dtype);
        const perm = [...shape.keys()];
        perm.push(...perm.splice(-2).reverse());
        const fixed = read(() => tf.transpose(x, perm));
        const stock = withStock(() => read(() => tf.transpose(x, perm)));
        assert.deepEqual(fixed.shape, stock.shape, `${dtype} [${shape}]`);
        assert.equal(fixed.dtype, dtype);
        assert.ok(fixed.bytes.equals(stock.bytes), `${dtype} [${shape}]: not the stock kernel's bytes`);
        x.dispose();
      }
    }
  });

  it('leaves other permutations and dtypes to the stock kernel, unchanged', () => {
    const x = distinct([3, 4, 5], 'float32');
    for (const perm of [
      [2, 0, 1],
      [1, 0, 2],
      [2, 1, 0],
    ]) {
      const fixed = read(() => tf.transpose(x, perm));
      const stock = withStock(() => read(() => tf.transpose(x, perm)));
      assert.ok(fixed.bytes.equals(stock.bytes), `perm [${perm}]`);
    }
    const b = tf.tensor2d(
      [
        [true, false, true],
        [false, false, true],
      ],
      undefined,
      'bool',
    );
    assert.deepEqual(read(() => tf.transpose(b)).bytes, withStock(() => read(() => tf.transpose(b))).bytes);
    tf.dispose([x, b]);
  });

  it('leaks no tensors or bytes over repeated calls', () => {
    const x = distinct([130, 101], 'float32');
    tf.transpose(x).dispose();
    const before = tf.memory();
    for (let i = 0; i < 50; i++) tf.transpose(x).dispose();
    const after = tf.memory();
    assert.equal(after.numTensors, before.numTensors);
    assert.equal(after.numBytes, before.numBytes);
    x.dispose();
  });
});
