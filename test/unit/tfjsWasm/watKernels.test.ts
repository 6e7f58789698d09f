// The .wat kernels of src/core/tfjsWasm/kernels (assembled by wabt at build time) that replaced the
// byte-array modules of wasmAsm.ts, against plain JS references bit for bit, on random inputs of
// awkward shapes, on a plain and on a shared memory. (Before the byte-array modules were deleted,
// this test compared both bit for bit on the same inputs.)
import assert from 'node:assert/strict';
import { simdAdamFor } from '../../../src/core/tfjsWasm/simdAdam';
import { simdColumnSumFor } from '../../../src/core/tfjsWasm/simdColumnSum';
import { simdTransposeFor } from '../../../src/core/tfjsWasm/simdTranspose';
import { sumRows } from '../../../src/core/tfjsWasm/sumFix';

interface WasmMemory {
  buffer: ArrayBuffer | SharedArrayBuffer;
}
const WA = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => WasmMemory } }).WebAssembly;
const PAGES = 64; // 4 MiB

function memories(): [string, WasmMemory][] {
  return [
    ['plain', new WA.Memory({ initial: PAGES })],
    ['shared', new WA.Memory({ initial: PAGES, maximum: 65536, shared: true })],
  ];
}

/** Seeded uniform floats in [-1, 1), with a few zeros, tiny and large values. */
function fill(view: Float32Array, seed: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < view.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 4294967296;
    view[i] = i % 97 === 5 ? 0 : i % 89 === 3 ? u * 1e-6 : i % 83 === 1 ? u * 1e4 : 2 * u - 1;
  }
}

const SHAPES: [number, number][] = [
  [1, 1],
  [1, 7],
  [7, 1],
  [3, 5],
  [4, 4],
  [17, 33],
  [128, 10],
  [129, 1001],
];

const f = Math.fround;

/** adam.wat's update with every step rounded to float32, in the kernel's order. */
function adamReference(
  wOld: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  params: readonly number[],
): Float32Array {
  // the kernel takes its parameters as f32
  const [lrC1, c2, b1, a1, b2, a2, eps] = params.map(f);
  const w = new Float32Array(wOld.length);
  for (let i = 0; i < w.length; i++) {
    m[i] = f(f(b1 * m[i]) + f(a1 * g[i]));
    v[i] = f(f(b2 * v[i]) + f(f(a2 * g[i]) * g[i]));
    w[i] = f(wOld[i] - f(f(lrC1 * m[i]) / f(f(Math.sqrt(f(v[i] * c2))) + eps)));
  }
  return w;
}

describe('.wat kernels against JS references', () => {
  for (const [which, memory] of memories()) {
    it(`transpose: the same bits (${which} memory)`, () => {
      const transpose = simdTransposeFor(memory);
      assert.ok(transpose);
      for (const [rows, cols] of SHAPES) {
        const n = rows * cols;
        const heap = new Float32Array(memory.buffer);
        fill(heap.subarray(0, n), rows * 31 + cols);
        transpose(0, 4 * n, rows, cols);
        const want = new Float32Array(n);
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) want[j * rows + i] = heap[i * cols + j];
        assert.deepEqual(heap.slice(n, 2 * n), want, `${rows}×${cols}`);
      }
    });

    it(`columnSum: the same bits as the row-order float32 loop (${which} memory)`, () => {
      const columnSum = simdColumnSumFor(memory);
      assert.ok(columnSum);
      for (const [rows, cols] of SHAPES) {
        const n = rows * cols;
        const heap = new Float32Array(memory.buffer);
        fill(heap.subarray(0, n), rows + cols * 7);
        columnSum(0, 4 * n, rows, cols);
        const want = new Float32Array(cols);
        sumRows(heap.slice(0, n), want, rows, cols);
        assert.deepEqual(heap.slice(n, n + cols), want, `${rows}×${cols}`);
      }
    });

    it(`adam: the same bits as the float32 reference (${which} memory)`, () => {
      const adam = simdAdamFor(memory);
      assert.ok(adam);
      const params = [1e-3 * 1.7, 1.3, 0.9, 0.1, 0.999, 0.001, 1e-7] as const;
      for (const n of [1, 3, 4, 5, 17, 1001]) {
        // heap: [wOld g m v | w]
        const heap = new Float32Array(memory.buffer);
        fill(heap.subarray(0, 4 * n), n);
        for (let i = 0; i < n; i++) heap[3 * n + i] = Math.abs(heap[3 * n + i]); // v ≥ 0
        const [wOld, g, m, v] = [0, 1, 2, 3].map((i) => heap.slice(i * n, (i + 1) * n));
        adam(0, 16 * n, 4 * n, 8 * n, 12 * n, n, ...params);
        const w = adamReference(wOld, g, m, v, params);
        assert.deepEqual(heap.slice(4 * n, 5 * n), w, `n = ${n}: w`);
        assert.deepEqual(heap.slice(2 * n, 3 * n), m, `n = ${n}: m`);
        assert.deepEqual(heap.slice(3 * n, 4 * n), v, `n = ${n}: v`);
        assert.notDeepEqual(w, wOld, 'the weights moved');
      }
    });
  }
});
