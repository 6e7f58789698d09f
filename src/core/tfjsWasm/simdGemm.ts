// The lab's own float32 GEMM over tfjs-wasm's heap (kernels/gemm.wat): C[m][n] = A·B, register-
// blocked 4 × 8, reading A row-major or transposed in place. Two builds of the same text: one with
// relaxed SIMD's fused multiply-add (f32x4.relaxed_madd), chosen when the engine validates it
// (Chromium/Electron, Node ≥ 22; Node 20 with --experimental-wasm-relaxed-simd, which the lab passes
// to its child: src/runner/childArgs.ts), and the SIMD128 one (mul, then add), which sums exactly as
// XNNPACK does — the same bits as tfjs-wasm's own matMul, a test holds it to that. The fused one
// rounds once a step instead of twice, so it differs in the last bits: |error| ≤ ~k·2⁻²⁴·Σ|a||b|.
import gemmWat from './kernels/gemm.wat';
import { instantiateKernel, validates, type WatKernel } from './watKernel';

/** gemm(a, rs, ks, b, c, m, n, k): A(i, kk) at byte a + i·rs + kk·ks; B [k][n], C [m][n]; k ≥ 1. */
export type SimdGemmFn = (
  a: number,
  rs: number,
  ks: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
) => void;

export type GemmFlavour = 'fma' | 'simd128';

const FMA: WatKernel = gemmWat;
const SIMD128: WatKernel = gemmWat.fallback!;

/** The module's bytes of a flavour; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdGemmModuleBytes(flavour: GemmFlavour, shared: boolean): Uint8Array {
  const kernel = flavour === 'fma' ? FMA : SIMD128;
  return shared ? kernel.shared : kernel.plain;
}

let relaxed: boolean | undefined;

/** This engine compiles relaxed SIMD (the FMA GEMM); probed once (`recheck` probes again). */
export function relaxedSimdAvailable(recheck = false): boolean {
  if (recheck || relaxed === undefined) relaxed = validates(FMA.plain);
  return relaxed;
}

const instances: Record<GemmFlavour, WeakMap<object, SimdGemmFn | null>> = {
  fma: new WeakMap(),
  simd128: new WeakMap(),
};

/**
 * The GEMM bound to tfjs-wasm's WebAssembly.Memory: the FMA one where relaxed SIMD compiles (or
 * the flavour asked for), else SIMD128; undefined where neither compiles.
 */
export function simdGemmFor(
  memory: unknown,
  flavour: GemmFlavour | 'best' = 'best',
): { gemm: SimdGemmFn; flavour: GemmFlavour } | undefined {
  const pick = (exports: Record<string, unknown>) => exports.gemm as SimdGemmFn;
  const chosen: GemmFlavour = flavour === 'best' ? (relaxedSimdAvailable() ? 'fma' : 'simd128') : flavour;
  if (chosen === 'fma' && !relaxedSimdAvailable()) return undefined;
  const gemm = instantiateKernel(instances[chosen], memory, chosen === 'fma' ? FMA : SIMD128, pick);
  return gemm ? { gemm, flavour: chosen } : undefined;
}
