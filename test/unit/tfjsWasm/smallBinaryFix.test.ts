// +, −, ×, ÷ of tiny float32 tensors in JS on the wasm heap (src/core/tfjsWasm/smallBinaryFix.ts):
// bit for bit the stock kernels' results on random shapes (1×1, scalars on either side, odd sizes,
// row, column and rank-3 broadcasts, the size limit) and awkward values (±0, subnormals, huge,
// infinities, NaN).
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  installSmallBinary,
  MAX_SMALL_ELEMENTS,
  uninstallSmallBinary,
} from '../../../src/core/tfjsWasm/smallBinaryFix';
import { assertInstalledOnce, withStock as withStockKernel } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';

const PATCH = { install: installSmallBinary, uninstall: uninstallSmallBinary };
const withStock = <T>(f: () => T): T => withStockKernel(PATCH, f);

/** Seeded values spread over many decades, with the awkward ones mixed in. */
function values(n: number, seed: number): Float32Array {
  const special = [0, -0, 1e-40, -3e-39, 3e38, -3e38, Infinity, -Infinity, NaN, 1, -1];
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 4294967296;
    out[i] = s % 17 === 0 ? special[s % special.length]! : (2 * u - 1) * 10 ** ((s % 13) - 6);
  }
  return out;
}

/** Shape pairs: same shape, scalars on either side, broadcasts, 1×1, odd sizes, the problem-1 ones. */
const PAIRS: [number[], number[]][] = [
  [
    [1, 1],
    [1, 1],
  ],
  [
    [32, 32], // the size limit
    [32, 32],
  ],
  [[34, 16], []],
  [[], [34, 2]],
  [
    [34, 2],
    [34, 1],
  ],
  [[34, 2], [2]],
  [
    [1, 7],
    [5, 1],
  ],
  [
    [3, 1, 5],
    [4, 1],
  ],
  [
    [2, 3, 4],
    [2, 3, 4],
  ],
  [[13], [13]],
  [[1], [9, 11]],
];

const bits = (t: tf.Tensor) => new Uint32Array((t.dataSync() as Float32Array).slice().buffer);

describe('+, −, ×, ÷ of tiny float32 tensors in JS (smallBinaryFix.ts)', function () {
  this.timeout(60_000);

  before(async () => {
    await useTfBackend();
    assert.equal(tf.getBackend(), 'wasm');
  });

  it('is installed by initBackend on wasm, once', () => {
    assertInstalledOnce(PATCH);
  });

  const OPS: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
    ['add', tf.add],
    ['sub', tf.sub],
    ['mul', tf.mul],
    ['div', tf.div],
  ];
  for (const [name, op] of OPS) {
    it(`${name}: the stock kernel's shapes and bits`, () => {
      PAIRS.forEach(([shapeA, shapeB], p) => {
        const size = (s: number[]) => s.reduce((x, d) => x * d, 1);
        const a = tf.tensor(values(size(shapeA), 2 * p + 1), shapeA, 'float32');
        const b = tf.tensor(values(size(shapeB), 2 * p + 2), shapeB, 'float32');
        const before = tf.memory().numTensors;
        const mine = op(a, b);
        const stock = withStock(() => op(a, b));
        assert.deepEqual(mine.shape, stock.shape, `${name} ${shapeA} ${shapeB}: shape`);
        assert.deepEqual(bits(mine), bits(stock), `${name} ${shapeA} ${shapeB}: bits`);
        tf.dispose([mine, stock]);
        assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
        tf.dispose([a, b]);
      });
    });
  }

  it('leaves other dtypes and larger tensors to the stock kernel, with the same results', () => {
    const ints = tf.add(tf.tensor1d([1, 2, 3], 'int32'), tf.scalar(2, 'int32'));
    assert.equal(ints.dtype, 'int32');
    assert.deepEqual(Array.from(ints.dataSync()), [3, 4, 5]);
    const n = MAX_SMALL_ELEMENTS + 1;
    const [a, b] = [tf.tensor1d(values(n, 7)), tf.tensor1d(values(n, 8))];
    const [mine, stock] = [tf.div(a, b), withStock(() => tf.div(a, b))];
    assert.deepEqual(bits(mine), bits(stock));
    tf.dispose([ints, a, b, mine, stock]);
  });
});
