// Σ over the rows of a float32 matrix in WebAssembly SIMD over tfjs-wasm's heap (kernels/columnSum.wat):
// columnSum(src, dst, rows, cols) writes dst[j] = ((0 + src[0][j]) + src[1][j]) + … (byte
// offsets, row-major), four columns at a time, then one at a time. Each column is summed in row
// order with float32 adds, as the stock Sum kernel's loop does, so the bits are the same. The JS
// loop it replaces (sumFix.ts keeps it as the fallback) took ~0.25 ms for a [128, 1000] gradient.
import columnSumWat from './kernels/columnSum.wat';
import { instantiateKernel } from './watKernel';

export type SimdColumnSumFn = (src: number, dst: number, rows: number, cols: number) => void;

/** The module's bytes; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdColumnSumModuleBytes(shared: boolean): Uint8Array {
  return shared ? columnSumWat.shared : columnSumWat.plain;
}

const instances = new WeakMap<object, SimdColumnSumFn | null>();

/** The SIMD column sum bound to tfjs-wasm's WebAssembly.Memory; undefined where it cannot compile. */
export function simdColumnSumFor(memory: unknown): SimdColumnSumFn | undefined {
  return instantiateKernel(instances, memory, columnSumWat, (exports) => exports.columnSum as SimdColumnSumFn);
}
