// The lab's helper thread (src/core/tfjsWasm/helperThread.ts, started as a real worker thread by
// src/runner/wasmHelperThread.ts): its GEMM and Adam, split between this thread and the helper on a
// shared memory, give the same bits as the single-threaded kernels on random shapes (odd sizes,
// fewer rows than a tile, A transposed); where it cannot run, nothing is split.
import assert from 'node:assert/strict';
import {
  chunkRows,
  helperChunks,
  helperReady,
  splitAdamFor,
  splitGemmFor,
  startHelperThread,
  stopHelperThread,
} from '../../../src/core/tfjsWasm/helperThread';
import { simdAdamFor } from '../../../src/core/tfjsWasm/simdAdam';
import { simdGemmFor, type GemmFlavour } from '../../../src/core/tfjsWasm/simdGemm';
import { startNodeHelperThread } from '../../../src/runner/wasmHelperThread';
import { useRelaxedSimd } from '../support/relaxedSimd';

interface WasmMemory {
  buffer: ArrayBuffer | SharedArrayBuffer;
}
const WA = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => WasmMemory } }).WebAssembly;
const PAGES = 256; // 16 MiB

/** A seeded generator of uniform floats in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

function fill(view: Float32Array, next: () => number): void {
  for (let i = 0; i < view.length; i++) view[i] = 2 * next() - 1;
}

/** Polls `ready` (the helper starts asynchronously); generous for a loaded machine. */
async function waitFor(ready: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const bits = (heap: Float32Array, at: number, n: number) => new Uint32Array(heap.buffer, heap.byteOffset + at, n);

describe('the lab helper thread: GEMM and Adam split over two threads', () => {
  useRelaxedSimd();
  afterEach(() => stopHelperThread());

  it('cuts rows in multiples of the 4-row tile', () => {
    assert.equal(chunkRows(1), 4);
    assert.equal(chunkRows(9), 4);
    assert.equal(chunkRows(128), 16);
    assert.equal(chunkRows(1001), 128);
  });

  for (const flavour of ['simd128', 'fma'] as GemmFlavour[]) {
    it(`${flavour}: the split GEMM equals the single-threaded kernel bit for bit`, async () => {
      const memory = new WA.Memory({ initial: PAGES, maximum: 65536, shared: true });
      const heap = new Float32Array(memory.buffer);
      const single = simdGemmFor(memory, flavour)!.gemm;
      assert.ok(startHelperThread(memory, flavour, startNodeHelperThread), 'the helper starts on a shared memory');
      await waitFor(() => helperReady(memory), 'the helper thread');
      const split = splitGemmFor(memory, flavour, 0)!; // split every product, however small
      assert.ok(split);
      const next = rng(flavour === 'fma' ? 7 : 3);
      const before = helperChunks();
      const shapes: [number, number, number][] = [
        [8, 8, 1],
        [9, 13, 3],
        [11, 8, 17],
        [13, 37, 5],
        [128, 1000, 100],
      ];
      for (let r = 0; r < 25; r++)
        shapes.push([8 + Math.floor(next() * 150), 8 + Math.floor(next() * 90), 1 + Math.floor(next() * 70)]);
      for (const [m, n, k] of shapes)
        for (const transposed of [false, true]) {
          const [a, b, c1, c2] = [0, 4 * m * k, 4 * (m * k + k * n), 4 * (m * k + k * n + m * n)].map((x) => x + 64);
          fill(heap.subarray(a / 4, a / 4 + m * k), next);
          fill(heap.subarray(b / 4, b / 4 + k * n), next);
          heap.fill(NaN, c1 / 4, c2 / 4 + m * n); // every output element must be written
          const [rs, ks] = transposed ? [4, 4 * m] : [4 * k, 4];
          single(a, rs, ks, b, c1, m, n, k);
          split(a, rs, ks, b, c2, m, n, k);
          assert.deepEqual(
            bits(heap, c2, m * n),
            bits(heap, c1, m * n),
            `[${m}, ${k}]·[${k}, ${n}], A transposed ${transposed}`,
          );
        }
      // The helper took part (it is woken for every product; on a busy machine it may be late for some).
      for (let r = 0; r < 500 && helperChunks() === before; r++)
        split(64, 4 * 784, 4, 64 + 4 * 128 * 784, 8e6, 128, 1000, 784);
      assert.ok(helperChunks() > before, 'the helper thread ran some of the chunks');
    });
  }

  it('Adam split over two threads equals the single-threaded kernel bit for bit', async () => {
    const memory = new WA.Memory({ initial: PAGES, maximum: 65536, shared: true });
    const heap = new Float32Array(memory.buffer);
    const single = simdAdamFor(memory)!;
    assert.ok(startHelperThread(memory, 'simd128', startNodeHelperThread));
    await waitFor(() => helperReady(memory), 'the helper thread');
    const split = splitAdamFor(memory, 0)!;
    const next = rng(11);
    for (const n of [1, 3, 4, 5, 17, 31, 64, 1001, 4099, 100_003]) {
      // wOld, g, then (m, v, w) for the single run and again for the split run
      const at = (i: number) => 64 + 4 * i * n;
      fill(heap.subarray(at(0) / 4, at(2) / 4), next);
      fill(heap.subarray(at(2) / 4, at(4) / 4), next); // moments: |m|, v ≥ 0 below
      for (let i = at(3) / 4; i < at(4) / 4; i++) heap[i] = Math.abs(heap[i]);
      heap.copyWithin(at(5) / 4, at(2) / 4, at(4) / 4);
      const params = [1e-3 * 1.7, 1.3, 0.9, 0.1, 0.999, 0.001, 1e-8] as const;
      single(at(0), at(4), at(1), at(2), at(3), n, ...params);
      split(at(0), at(7), at(1), at(5), at(6), n, ...params);
      for (const [x, y, what] of [
        [4, 7, 'w'],
        [2, 5, 'm'],
        [3, 6, 'v'],
      ] as const)
        assert.deepEqual(bits(heap, at(y), n), bits(heap, at(x), n), `Adam ${what}, n = ${n}`);
    }
  });

  it('throws a trap in a chunk instead of waiting for it, on either thread', async () => {
    const memory = new WA.Memory({ initial: 16, maximum: 65536, shared: true });
    assert.ok(startHelperThread(memory, 'simd128', startNodeHelperThread));
    await waitFor(() => helperReady(memory), 'the helper thread');
    const split = splitGemmFor(memory, 'simd128', 0)!;
    const end = memory.buffer.byteLength;
    // C's last rows lie past the heap's end: the chunks that write them trap, whichever thread runs them.
    for (let r = 0; r < 20; r++)
      assert.throws(() => split(0, 4 * 64, 4, 0, end - 4 * 64 * 40, 64, 64, 64), /out of bounds|failed on its helper/);
  });

  it('falls back to one thread where the helper cannot run', async () => {
    const plain = new WA.Memory({ initial: 1 });
    let started = 0;
    const counting: typeof startNodeHelperThread = (source, data) => (started++, startNodeHelperThread(source, data));
    assert.equal(startHelperThread(plain, 'simd128', counting), false, 'a plain (non-shared) memory: no helper');
    assert.equal(started, 0, 'no thread is started for it');
    assert.equal(splitGemmFor(plain, 'simd128'), undefined);
    assert.equal(splitAdamFor(plain), undefined);
    // A helper thread that never comes up: the kernels are not split.
    const shared = new WA.Memory({ initial: 1, maximum: 65536, shared: true });
    assert.ok(startHelperThread(shared, 'simd128', () => ({ terminate: () => undefined })));
    assert.equal(helperReady(shared), false);
    assert.equal(splitGemmFor(shared, 'simd128'), undefined);
    assert.equal(splitAdamFor(shared), undefined);
    // Another memory or another GEMM build than the helper's: not split either.
    stopHelperThread();
    assert.ok(startHelperThread(shared, 'simd128', startNodeHelperThread));
    await waitFor(() => helperReady(shared), 'the helper thread');
    assert.ok(splitGemmFor(shared, 'simd128'));
    assert.equal(splitGemmFor(shared, 'fma'), undefined);
    assert.equal(splitGemmFor(new WA.Memory({ initial: 1, maximum: 65536, shared: true }), 'simd128'), undefined);
    stopHelperThread();
    assert.equal(splitGemmFor(shared, 'simd128'), undefined, 'none after the helper stopped');
  });
});
