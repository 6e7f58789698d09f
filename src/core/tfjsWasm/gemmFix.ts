// Plain float32 products on the lab's own GEMM (simdGemm.ts) instead of XNNPACK, for the wasm
// BatchMatMul/_FusedMatMul kernels that matmulFix.ts installs. Where it pays: one thread, or two
// when the lab's helper thread runs (helperThread.ts splits the rows with it), no fused bias
// or activation, at least 8 output columns (narrower products do better on XNNPACK). op(A) is read
// in place (a transposed A is only a stride); a transposed B is copied by the Transpose kernel first.
// It also skips XNNPACK's packing of every new right operand (Adam replaces each weight every step).
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { helperReady, splitGemmFor } from './helperThread';
import { simdGemmFor, type GemmFlavour } from './simdGemm';
import { floatProduct } from './floatProduct';
import { heapMemory, heapOffset, type KernelBackendArg } from './wasmHeap';

/** 'auto': on a single-threaded wasm backend; 'on'/'off' force it (tests, the bench's steps). */
export type OwnGemmMode = 'auto' | 'on' | 'off';

interface OwnGemmState {
  mode: OwnGemmMode;
  flavour: GemmFlavour | 'best';
  counts: Record<GemmFlavour, number>;
}

// One state per process, under a Symbol.for key: every bundled copy of the lab (a test file, the
// bench) must steer the kernel that whichever copy installed first registered.
const STATE = Symbol.for('hw6-lab.ownGemm.state');
const state: OwnGemmState = ((globalThis as unknown as Record<symbol, OwnGemmState | undefined>)[STATE] ??= {
  mode: 'auto',
  flavour: 'best',
  counts: { fma: 0, simd128: 0 },
});

/** Sets when products use the lab's GEMM, and which build ('best': FMA where relaxed SIMD compiles). */
export function setOwnGemm(next: OwnGemmMode, flavour: GemmFlavour | 'best' = 'best'): void {
  state.mode = next;
  state.flavour = flavour;
}

export function ownGemmSetting(): { mode: OwnGemmMode; flavour: GemmFlavour | 'best' } {
  return { mode: state.mode, flavour: state.flavour };
}

/** Products run on the lab's GEMM so far in this process, by build (the bench says which path an epoch took). */
export function ownGemmCounts(): Record<GemmFlavour, number> {
  return { ...state.counts };
}

/** Products of fewer output columns stay on XNNPACK. */
export const MIN_COLUMNS = 8;

interface ThreadedWasm {
  wasm: { tfjs?: { getThreadsCount?: () => number } };
}

function threadsOf(backend: KernelBackendArg): number {
  return (backend as unknown as ThreadedWasm).wasm.tfjs?.getThreadsCount?.() ?? 1;
}

/**
 * op(a)·op(b) on the lab's GEMM into a new tensor, or undefined to leave it to the stock path
 * (another dtype or backend, a broadcast batch, mismatched shapes, too narrow, or switched off).
 */
export function ownGemmProduct(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  backend: KernelBackendArg,
  transpose: KernelFunc,
): TensorInfo | undefined {
  if (state.mode === 'off') return undefined;
  const product = floatProduct(a, b, transposeA, transposeB, backend);
  if (!product) return undefined;
  const { wasm, m, n, k } = product;
  // On the threaded build, only where the lab's helper thread shares the work (helperThread.ts).
  if (state.mode === 'auto' && threadsOf(backend) > 1 && !helperReady(heapMemory(wasm))) return undefined;
  if (n < MIN_COLUMNS) return undefined;
  const rank = a.shape.length;
  const [offsetA, offsetB] = [heapOffset(wasm, a), heapOffset(wasm, b)];
  const kernel = simdGemmFor(heapMemory(wasm), state.flavour);
  if (offsetA === undefined || offsetB === undefined || !kernel) return undefined;
  let right = b;
  let rightOffset = offsetB;
  if (transposeB) {
    const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
    right = transpose({ inputs: { x: b }, backend, attrs: { perm } }) as TensorInfo;
    rightOffset = heapOffset(wasm, right)!;
  }
  try {
    const out = wasm.makeOutput([...a.shape.slice(0, -2), m, n], 'float32');
    const [rs, ks] = transposeA ? [4, 4 * m] : [4 * k, 4];
    const gemm = splitGemmFor(heapMemory(wasm), kernel.flavour) ?? kernel.gemm;
    gemm(offsetA, rs, ks, rightOffset, heapOffset(wasm, out)!, m, n, k);
    state.counts[kernel.flavour]++;
    return out;
  } finally {
    if (right !== b) (backend as unknown as { disposeData(id: object): void }).disposeData(right.dataId);
  }
}
