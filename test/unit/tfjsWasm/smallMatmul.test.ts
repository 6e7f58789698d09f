// The lab's small-product kernel (src/core/tfjsWasm/kernels/smallMatmul.wat): on its own against a
// float32 mul-then-add JS reference (1×1, odd sizes, every transpose combination, plain and shared
// memory), then through tf.matMul (matmulFix.ts → smallMatmulFix.ts) against tfjs-wasm's XNNPACK
// product and the stock kernel, bit for bit, on random shapes up to the size limit.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setOwnGemm } from '../../../src/core/tfjsWasm/gemmFix';
import { installTransposedMatMulFix, uninstallTransposedMatMulFix } from '../../../src/core/tfjsWasm/matmulFix';
import {
  MAX_SMALL_MACS,
  setSmallMatmul,
  smallMatmulCount,
  smallMatmulFor,
} from '../../../src/core/tfjsWasm/smallMatmulFix';
import smallMatmulWat from '../../../src/core/tfjsWasm/kernels/smallMatmul.wat';
import { assertValidModule, withStock } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';

interface WasmMemory {
  buffer: ArrayBuffer | SharedArrayBuffer;
}
const WA = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => WasmMemory } }).WebAssembly;

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = 2 * (s / 4294967296) - 1;
  }
  return out;
}

/** c = ((0 + a₀b₀) + a₁b₁) + … with each product and sum rounded to f32 (a [m][k] or [k][m], b [k][n] or [n][k]). */
function referenceF32(a: Float32Array, b: Float32Array, [m, n, k]: Shape, tA: boolean, tB: boolean): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let kk = 0; kk < k; kk++) {
        const x = tA ? a[kk * m + i] : a[i * k + kk];
        const y = tB ? b[j * k + kk] : b[kk * n + j];
        acc = Math.fround(acc + Math.fround(x * y));
      }
      c[i * n + j] = acc;
    }
  return c;
}

type Shape = [m: number, n: number, k: number];

// 1×1; 1-wide rows and columns; odd sizes; problem 1's shapes (34 nodes, 16 hidden, 2 classes).
const SHAPES: Shape[] = [
  [1, 1, 1],
  [1, 7, 1],
  [5, 1, 3],
  [3, 5, 7],
  [34, 2, 16],
  [2, 2, 34],
  [34, 2, 2],
  [16, 34, 34],
  [13, 11, 9],
];

const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

describe('the small-product kernel (smallMatmul.wat)', () => {
  it('assembles a valid module (plain and shared memory)', () => {
    assertValidModule((shared) => (shared ? smallMatmulWat.shared : smallMatmulWat.plain));
  });

  for (const shared of [false, true])
    for (const [tA, tB] of TRANSPOSES) {
      it(`bit-identical to the f32 mul-then-add reference (${shared ? 'shared' : 'plain'} memory, transposeA ${tA}, transposeB ${tB})`, () => {
        for (const [m, n, k] of SHAPES) {
          const [a, b] = [seeded(m * k, m * 7 + k), seeded(k * n, n * 13 + k)];
          const memory = new WA.Memory(shared ? { initial: 1, maximum: 65536, shared: true } : { initial: 1 });
          const heap = new Float32Array(memory.buffer);
          heap.set(a, 0);
          heap.set(b, a.length);
          const start = a.length + b.length;
          heap.fill(Number.NaN, start, start + m * n + 16); // every output written, nothing past C
          const kernel = smallMatmulFor(memory);
          assert.ok(kernel, 'instantiates');
          const [rsA, ksA] = tA ? [4, 4 * m] : [4 * k, 4];
          const [ksB, csB] = tB ? [4, 4 * k] : [4 * n, 4];
          kernel(0, rsA, ksA, 4 * a.length, ksB, csB, 4 * start, m, n, k);
          assert.ok(Number.isNaN(heap[start + m * n]), 'nothing written past C');
          assert.deepEqual(
            heap.slice(start, start + m * n),
            referenceF32(a, b, [m, n, k], tA, tB),
            `${m}×${k}·${k}×${n}`,
          );
        }
      });
    }
});

describe('matMul through the small-product kernel (smallMatmulFix.ts)', function () {
  this.timeout(60_000);
  before(async () => {
    await useTfBackend();
  });
  afterEach(() => {
    setSmallMatmul(true);
    setOwnGemm('auto');
  });

  const matmulFix = { install: installTransposedMatMulFix, uninstall: uninstallTransposedMatMulFix };

  /** op(a)·op(b) read back, with the small kernel on or off (the lab's GEMM off: XNNPACK takes the rest). */
  function product(small: boolean, a: tf.Tensor2D, b: tf.Tensor2D, tA: boolean, tB: boolean): Float32Array {
    setSmallMatmul(small);
    setOwnGemm('off');
    const c = tf.matMul(a, b, tA, tB);
    const out = Float32Array.from(c.dataSync());
    c.dispose();
    return out;
  }

  // Random shapes within the limit, plus the fixed ones; k ≤ 48 keeps the stock transposed loop in
  // XNNPACK's order (docs/performance.md), so the stock kernel is a reference too.
  let s = 12345;
  const rand = (lo: number, hi: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + (s % (hi - lo + 1));
  };
  const random: Shape[] = Array.from({ length: 12 }, () => [rand(1, 40), rand(1, 12), rand(1, 34)] as Shape);
  const shapes = [...SHAPES, ...random].filter(([m, n, k]) => m * n * k <= MAX_SMALL_MACS);

  for (const [tA, tB] of TRANSPOSES) {
    it(`equals XNNPACK and the stock kernel bit for bit (transposeA ${tA}, transposeB ${tB})`, () => {
      for (const [m, n, k] of shapes) {
        const a = tf.tensor2d(seeded(m * k, m + k), tA ? [k, m] : [m, k]);
        const b = tf.tensor2d(seeded(k * n, n + k + 1), tB ? [n, k] : [k, n]);
        const before = tf.memory().numTensors;
        const ran = smallMatmulCount();
        const mine = product(true, a, b, tA, tB);
        assert.equal(smallMatmulCount(), ran + 1, `${m}×${k}·${k}×${n} ran on the small kernel`);
        assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
        const xnnpack = product(false, a, b, tA, tB);
        assert.equal(smallMatmulCount(), ran + 1, 'switched off: not used');
        assert.deepEqual(mine, xnnpack, `${m}×${k}·${k}×${n} against XNNPACK`);
        const stock = withStock(matmulFix, () => product(false, a, b, tA, tB));
        assert.deepEqual(mine, stock, `${m}×${k}·${k}×${n} against the stock kernel`);
        tf.dispose([a, b]);
      }
    });
  }

  it('leaves larger products and fused ones to the other paths', () => {
    const ran = smallMatmulCount();
    setOwnGemm('off');
    const fused = tf.tidy(() => {
      tf.matMul(tf.ones([64, 64]), tf.ones([64, 8])); // 32 768 multiply-adds
      return tf.fused.matMul({ a: tf.ones([4, 3]), b: tf.ones([3, 2]), bias: tf.ones([2]) });
    });
    assert.equal(smallMatmulCount(), ran, 'none ran on the small kernel');
    assert.deepEqual(Array.from(fused.dataSync()), Array(8).fill(4));
    fused.dispose();
  });
});
