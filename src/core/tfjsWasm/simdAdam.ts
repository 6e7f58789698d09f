// A one-pass Adam update in WebAssembly SIMD over tfjs-wasm's own heap (kernels/adam.wat):
// adam(wOld, w, g, m, v, n, lr·c₁, c₂, β₁, 1−β₁, β₂, 1−β₂, ε) with byte offsets into the heap:
//   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← wOld − lr·c₁·m / (√(c₂·v) + ε)
// four floats at a time, then a scalar tail. A JS loop does the same at ~5 ns a float; this at
// well under 1 ns (f32x4 sqrt and div instead of float64 ones).
import adamWat from './kernels/adam.wat';
import { instantiateKernel } from './watKernel';

export type SimdAdamFn = (
  wOld: number,
  w: number,
  g: number,
  m: number,
  v: number,
  n: number,
  lrC1: number,
  c2: number,
  beta1: number,
  oneMinusBeta1: number,
  beta2: number,
  oneMinusBeta2: number,
  epsilon: number,
) => void;

/** The module's bytes; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdAdamModuleBytes(shared: boolean): Uint8Array {
  return shared ? adamWat.shared : adamWat.plain;
}

const instances = new WeakMap<object, SimdAdamFn | null>();

/**
 * The SIMD Adam bound to a WebAssembly.Memory (tfjs-wasm's, Module.asm.memory), or undefined when
 * this engine cannot compile it (no SIMD) or the memory is not a WebAssembly.Memory.
 */
export function simdAdamFor(memory: unknown): SimdAdamFn | undefined {
  return instantiateKernel(instances, memory, adamWat, (exports) => exports.adam as SimdAdamFn);
}
