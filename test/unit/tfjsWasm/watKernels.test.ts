// The .wat kernels (src/core/tfjsWasm/kernels, assembled by wabt at build time) against the
// byte-array modules they replace (test/unit/tfjsWasm/legacy): the same bits on random inputs of
// awkward shapes, on a plain and on a shared memory.
import assert from 'node:assert/strict';
import { simdAdamFor } from '../../../src/core/tfjsWasm/simdAdam';
import { simdColumnSumFor } from '../../../src/core/tfjsWasm/simdColumnSum';
import { simdTransposeFor } from '../../../src/core/tfjsWasm/simdTranspose';
import { simdAdamFor as legacyAdamFor } from './legacy/simdAdam';
import { simdColumnSumFor as legacyColumnSumFor } from './legacy/simdColumnSum';
import { simdTransposeFor as legacyTransposeFor } from './legacy/simdTranspose';

const PAGES = 64; // 4 MiB

function memories(): WebAssembly.Memory[] {
  return [
    new WebAssembly.Memory({ initial: PAGES }),
    new WebAssembly.Memory({ initial: PAGES, maximum: 65536, shared: true }),
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

describe('.wat kernels against the byte-array modules they replace', () => {
  for (const [which, memory] of memories().map((m, i) => [i ? 'shared' : 'plain', m] as const)) {
    it(`transpose: the same bits (${which} memory)`, () => {
      const [mine, old] = [simdTransposeFor(memory)!, legacyTransposeFor(memory)!];
      assert.ok(mine && old);
      for (const [rows, cols] of SHAPES) {
        const n = rows * cols;
        const heap = new Float32Array(memory.buffer);
        fill(heap.subarray(0, n), rows * 31 + cols);
        mine(0, 4 * n, rows, cols);
        old(0, 8 * n, rows, cols);
        assert.deepEqual(heap.slice(n, 2 * n), heap.slice(2 * n, 3 * n), `${rows}×${cols}`);
        assert.equal(heap[n + (cols - 1) * rows], heap[cols - 1], 'dst[cols−1][0] = src[0][cols−1]');
      }
    });

    it(`columnSum: the same bits (${which} memory)`, () => {
      const [mine, old] = [simdColumnSumFor(memory)!, legacyColumnSumFor(memory)!];
      assert.ok(mine && old);
      for (const [rows, cols] of SHAPES) {
        const n = rows * cols;
        const heap = new Float32Array(memory.buffer);
        fill(heap.subarray(0, n), rows + cols * 7);
        mine(0, 4 * n, rows, cols);
        old(0, 4 * (n + cols), rows, cols);
        assert.deepEqual(heap.slice(n, n + cols), heap.slice(n + cols, n + 2 * cols), `${rows}×${cols}`);
      }
    });

    it(`adam: the same bits (${which} memory)`, () => {
      const [mine, old] = [simdAdamFor(memory)!, legacyAdamFor(memory)!];
      assert.ok(mine && old);
      for (const n of [1, 3, 4, 5, 17, 1001]) {
        // [wOld g m v | w m v (mine) | w m v (old)]
        const heap = new Float32Array(memory.buffer);
        fill(heap.subarray(0, 4 * n), n);
        for (let i = 0; i < n; i++) heap[3 * n + i] = Math.abs(heap[3 * n + i]); // v ≥ 0
        heap.copyWithin(5 * n, 2 * n, 4 * n);
        heap.copyWithin(8 * n, 2 * n, 4 * n);
        const args = [1e-3 * 1.7, 1.3, 0.9, 0.1, 0.999, 0.001, 1e-7] as const;
        mine(0, 16 * n, 4 * n, 20 * n, 24 * n, n, ...args);
        old(0, 28 * n, 4 * n, 32 * n, 36 * n, n, ...args);
        assert.deepEqual(heap.slice(4 * n, 7 * n), heap.slice(7 * n, 10 * n), `n = ${n}`);
        assert.notDeepEqual(heap.slice(0, n), heap.slice(4 * n, 5 * n), 'the weights moved');
      }
    });
  }
});
