// The lab's GEMM (src/core/tfjsWasm/kernels/gemm.wat) against plain JS references on awkward
// shapes (1×1, odd k, m not a multiple of 4, n across the 8-, 4- and 1-column paths, A transposed),
// on a plain and a shared memory: the SIMD128 build bit for bit (f32 mul then add, k in order), the
// FMA build within the rounding bound; then both through tfjs (matmulFix.ts → gemmFix.ts) against
// the stock XNNPACK product.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ownGemmCounts, setOwnGemm } from '../../../src/core/tfjsWasm/gemmFix';
import { simdGemmFor, simdGemmModuleBytes } from '../../../src/core/tfjsWasm/simdGemm';
import { assertValidModule } from '../support/kernelPatch';
import { useTfBackend } from '../support/tf';
import { useRelaxedSimd } from '../support/relaxedSimd';

interface WasmMemory {
  buffer: ArrayBuffer | SharedArrayBuffer;
}
const WA = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => WasmMemory } }).WebAssembly;

const U = 2 ** -24;
/** Node 20's V8 has relaxed SIMD behind this flag (on by default from V8 11.4). */

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = 2 * (s / 4294967296) - 1;
  }
  return out;
}

/** A(i, kk) of A stored [m][k], or [k][m] when transposed. */
const at = (a: Float32Array, i: number, kk: number, m: number, k: number, transposed: boolean) =>
  transposed ? a[kk * m + i] : a[i * k + kk];

/** c = ((0 + a₀b₀) + a₁b₁) + … with each product and sum rounded to f32: what SIMD128 mul+add gives. */
function referenceF32(a: Float32Array, b: Float32Array, m: number, n: number, k: number, tA: boolean): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let kk = 0; kk < k; kk++) acc = Math.fround(acc + Math.fround(at(a, i, kk, m, k, tA) * b[kk * n + j]));
      c[i * n + j] = acc;
    }
  return c;
}

/** The sum in float64 and Σ|a||b| (the scale of its rounding error). */
function referenceF64(a: Float32Array, b: Float32Array, m: number, n: number, k: number, tA: boolean) {
  const [c, mag] = [new Float64Array(m * n), new Float64Array(m * n)];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++)
      for (let kk = 0; kk < k; kk++) {
        const p = at(a, i, kk, m, k, tA) * b[kk * n + j];
        c[i * n + j] += p;
        mag[i * n + j] += Math.abs(p);
      }
  return { c, mag };
}

// [m, n, k]: 1×1; odd k; m = 4q + 1..3; n covering 8-column panels, a 4-column panel and single columns.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 8, 1],
  [3, 5, 7],
  [4, 8, 3],
  [5, 13, 9],
  [7, 21, 17],
  [9, 12, 33],
  [13, 16, 128],
  [6, 3, 257],
];

/** Runs the kernel on a fresh memory: A at 0, B after it, C after B; returns C. */
function runKernel(
  flavour: 'fma' | 'simd128',
  shared: boolean,
  [m, n, k]: [number, number, number],
  tA: boolean,
  a: Float32Array,
  b: Float32Array,
): Float32Array {
  const memory = new WA.Memory(shared ? { initial: 16, maximum: 65536, shared: true } : { initial: 16 });
  const heap = new Float32Array(memory.buffer);
  heap.set(a, 0);
  heap.set(b, a.length);
  heap.fill(Number.NaN, a.length + b.length, a.length + b.length + m * n + 64); // every output written
  const gemm = simdGemmFor(memory, flavour);
  assert.ok(gemm, `${flavour} compiles`);
  const [rs, ks] = tA ? [4, 4 * m] : [4 * k, 4];
  gemm.gemm(0, rs, ks, 4 * a.length, 4 * (a.length + b.length), m, n, k);
  const start = a.length + b.length;
  assert.ok(Number.isNaN(heap[start + m * n]), 'nothing written past C');
  return heap.slice(start, start + m * n);
}

describe('the lab GEMM kernel (gemm.wat)', () => {
  useRelaxedSimd();

  it('assembles valid modules (FMA and SIMD128, plain and shared memory)', () => {
    assertValidModule((shared) => simdGemmModuleBytes('fma', shared));
    assertValidModule((shared) => simdGemmModuleBytes('simd128', shared));
  });

  for (const shared of [false, true])
    for (const tA of [false, true]) {
      const where = `${shared ? 'shared' : 'plain'} memory${tA ? ', A transposed' : ''}`;
      it(`SIMD128: bit-identical to the f32 mul-then-add reference (${where})`, () => {
        for (const [m, n, k] of SHAPES) {
          const [a, b] = [seeded(m * k, m * 7 + k), seeded(k * n, n * 13 + k)];
          const c = runKernel('simd128', shared, [m, n, k], tA, a, b);
          assert.deepEqual(c, referenceF32(a, b, m, n, k, tA), `${m}×${k}·${k}×${n}`);
        }
      });

      it(`FMA: within k·u·Σ|a||b| of the exact sum (${where})`, () => {
        let differs = false;
        for (const [m, n, k] of SHAPES) {
          const [a, b] = [seeded(m * k, m * 7 + k), seeded(k * n, n * 13 + k)];
          const c = runKernel('fma', shared, [m, n, k], tA, a, b);
          const { c: exact, mag } = referenceF64(a, b, m, n, k, tA);
          const f32 = referenceF32(a, b, m, n, k, tA);
          c.forEach((value, i) => {
            const bound = k * U * mag[i] + U * Math.abs(exact[i]);
            assert.ok(Math.abs(value - exact[i]) <= bound, `${m}×${k}·${k}×${n}[${i}]: ${value} vs ${exact[i]}`);
            if (value !== f32[i]) differs = true;
          });
        }
        // Fused: one rounding a step, so somewhere the bits differ from mul-then-add.
        assert.ok(differs, 'the FMA build rounds differently from mul-then-add somewhere');
      });
    }
});

describe('matMul through the lab GEMM (gemmFix.ts)', function () {
  this.timeout(60_000);
  before(async () => {
    await useTfBackend();
  });
  afterEach(() => setOwnGemm('auto'));

  /** op(a)·op(b) with the lab GEMM on or off, read back. */
  function product(on: boolean, a: tf.Tensor2D, b: tf.Tensor2D, tA: boolean, tB: boolean): Float32Array {
    setOwnGemm(on ? 'on' : 'off', 'simd128');
    const c = tf.matMul(a, b, tA, tB);
    const out = Float32Array.from(c.dataSync());
    c.dispose();
    return out;
  }

  for (const [tA, tB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`SIMD128 equals XNNPACK bit for bit (transposeA ${tA}, transposeB ${tB})`, () => {
      for (const [m, n, k] of [
        [128, 100, 784],
        [37, 13, 65],
        [5, 8, 1],
      ]) {
        const a = tf.tensor2d(seeded(m * k, m + k), tA ? [k, m] : [m, k]);
        const b = tf.tensor2d(seeded(k * n, n + k), tB ? [n, k] : [k, n]);
        const before = tf.memory().numTensors;
        const ran = ownGemmCounts().simd128;
        const mine = product(true, a, b, tA, tB);
        assert.equal(ownGemmCounts().simd128, ran + 1, 'the product ran on the lab GEMM');
        assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
        const stock = product(false, a, b, tA, tB);
        assert.deepEqual(mine, stock, `${m}×${k}·${k}×${n}`);
        tf.dispose([a, b]);
      }
    });
  }
});
