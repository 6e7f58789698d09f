// A cache-blocked 2-D transpose of 32-bit values in WebAssembly SIMD over tfjs-wasm's heap
// (kernels/transpose.wat): transpose(src, dst, rows, cols) writes dst[j][i] = src[i][j] (byte
// offsets, row-major), in 4 × 4 blocks 16 source rows at a time, the edges value by value. It
// copies bits, so NaN payloads and −0 survive. The stock kernel's scalar loop walks the destination
// with a stride and runs at 1–3.5 ns a float (worst for batch-of-128 shapes, whose 512-byte stride
// aliases in the cache).
import transposeWat from './kernels/transpose.wat';
import { instantiateKernel } from './watKernel';

export type SimdTransposeFn = (src: number, dst: number, rows: number, cols: number) => void;

/** The module's bytes; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdTransposeModuleBytes(shared: boolean): Uint8Array {
  return shared ? transposeWat.shared : transposeWat.plain;
}

const instances = new WeakMap<object, SimdTransposeFn | null>();

/** The SIMD transpose bound to tfjs-wasm's WebAssembly.Memory; undefined where it cannot compile. */
export function simdTransposeFor(memory: unknown): SimdTransposeFn | undefined {
  return instantiateKernel(instances, memory, transposeWat, (exports) => exports.transpose as SimdTransposeFn);
}
