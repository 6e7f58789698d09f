// Tiny float32 products (problem 1's 34-node GCN: a few hundred to a few thousand multiply-adds) on
// the lab's scalar kernel (kernels/smallMatmul.wat) instead of XNNPACK, for the wasm BatchMatMul/
// _FusedMatMul kernels that matmulFix.ts installs. At this size the stock path's fixed costs win:
// an XNNPACK operator created and its right operand packed for every new tensor, the explicit
// transposes, the argument marshalling. This reads both operands in place through their strides and
// sums k in order with f32 mul then add, as XNNPACK does: the same bits (a test holds it to that).
// matmulFix.ts asks the lab's GEMM first (gemmFix.ts), so products it takes keep its bits.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import smallMatmulWat from './kernels/smallMatmul.wat';
import { instantiateKernel } from './watKernel';
import { floatProduct } from './floatProduct';
import { heapMemory, heapOffset, type KernelBackendArg } from './wasmHeap';

/** smallMatmul(a, rsA, ksA, b, ksB, csB, c, m, n, k): byte offsets and strides; m, n, k ≥ 1. */
export type SmallMatmulFn = (
  a: number,
  rsA: number,
  ksA: number,
  b: number,
  ksB: number,
  csB: number,
  c: number,
  m: number,
  n: number,
  k: number,
) => void;

/**
 * The largest product (m·n·k multiply-adds) the scalar kernel takes. Measured by CPU time on the
 * 2-vCPU machine (docs/performance.md, problem 1): the stock path costs ~6–9 µs a product of a new
 * right operand whatever its size up to here, the scalar kernel ~2 µs plus ~0.4 ns a multiply-add,
 * so they break even near 16k.
 */
export const MAX_SMALL_MACS = 16_384;

interface SmallMatmulState {
  on: boolean;
  count: number;
}

// One state per process (Symbol.for): every bundled copy of the lab steers the kernel that the
// first copy installed, as gemmFix.ts does.
const STATE = Symbol.for('hw6-lab.smallMatmul.state');
const state: SmallMatmulState = ((globalThis as unknown as Record<symbol, SmallMatmulState | undefined>)[STATE] ??= {
  on: true,
  count: 0,
});

/** Switches the kernel on (the default) or off (stock-vs-fixed tests, the bench's A/B). */
export function setSmallMatmul(on: boolean): void {
  state.on = on;
}

/** Products computed by the small kernel so far in this process. */
export function smallMatmulCount(): number {
  return state.count;
}

const instances = new WeakMap<object, SmallMatmulFn | null>();

/** The kernel bound to tfjs-wasm's WebAssembly.Memory; undefined where it cannot be instantiated. */
export function smallMatmulFor(memory: unknown): SmallMatmulFn | undefined {
  return instantiateKernel(instances, memory, smallMatmulWat, (exports) => exports.smallMatmul as SmallMatmulFn);
}

/**
 * op(a)·op(b) of two batch-1 float32 operands of equal rank on the small kernel into a new tensor,
 * or undefined to leave it to the stock path (too large, another dtype or backend, an empty or
 * mismatched operand, or switched off). The caller has checked that the product is plain (no
 * fused bias or activation) and batch 1.
 */
export function smallMatmulProduct(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  backend: KernelBackendArg,
): TensorInfo | undefined {
  if (!state.on) return undefined;
  const product = floatProduct(a, b, transposeA, transposeB, backend);
  if (!product || product.m * product.n * product.k > MAX_SMALL_MACS) return undefined;
  const { wasm, m, n, k } = product;
  const [colsA, colsB] = [a.shape.at(-1)!, b.shape.at(-1)!];
  const kernel = smallMatmulFor(heapMemory(wasm));
  const [offsetA, offsetB] = [heapOffset(wasm, a), heapOffset(wasm, b)];
  if (!kernel || offsetA === undefined || offsetB === undefined) return undefined;
  const out = wasm.makeOutput([...a.shape.slice(0, -2), m, n], 'float32');
  // Row-major [rows][cols]: element (r, c) at 4·(r·cols + c); a transposed operand swaps the strides.
  const [rsA, ksA] = transposeA ? [4, 4 * colsA] : [4 * colsA, 4];
  const [ksB, csB] = transposeB ? [4, 4 * colsB] : [4 * colsB, 4];
  kernel(offsetA, rsA, ksA, offsetB, ksB, csB, heapOffset(wasm, out)!, m, n, k);
  state.count++;
  return out;
}
