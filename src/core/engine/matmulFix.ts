// Faster transposed matmuls on tfjs-wasm. The wasm BatchMatMul/_FusedMatMul kernels send every
// product with transposeA/transposeB to a naive blocked C++ loop (~1–3 GFLOP/s); only an
// untransposed product of two batch-1 operands reaches XNNPACK (~15–40 GFLOP/s). Dense-layer
// backward passes are exactly such transposed products, so we re-register both kernels to
// transpose the flagged operand with the wasm Transpose kernel and call the stock kernel untransposed.
//
// Results equal the stock kernel applied to explicitly transposed operands bit for bit. They are
// not bit-identical to the stock transposed path once the shared dim k exceeds 49: that loop sums
// k in blocks of 48, XNNPACK in one run, so values differ by float rounding (a few units of
// 2^-24·Σ|a||b|). The stock loop is also wrong for a fused bias: it adds bias[min(i·n+j, n−1)]
// once per 48-block (and clamps each partial sum); through XNNPACK the bias is applied correctly.
//
// Batched products (leading dims > 1) go to the same blocked loop either way: transposing them
// buys nothing, so they are left to the stock kernel. Gradients are registered per kernel name,
// apart from kernels, and keep working unchanged.
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { patchWasmKernel, unpatchWasmKernel } from './kernelPatch';

const PATCHED_KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;

interface DisposingBackend {
  disposeData(dataId: object): boolean;
}

/** Product of the dims before the last two: the batch size the wasm kernel sees. */
function batchSize(shape: number[]): number {
  return shape.slice(0, -2).reduce((size, dim) => size * dim, 1);
}

/** Swaps the last two dims. */
function transposedPerm(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

let swapProducts = true;

/** Turns the (op(B)ᵀ·op(A)ᵀ)ᵀ rewrite on or off (benchmarks); returns the previous setting. */
export function useSwappedProducts(enabled: boolean): boolean {
  const previous = swapProducts;
  swapProducts = enabled;
  return previous;
}

function withExplicitTranspose(stock: KernelConfig, transpose: KernelFunc): KernelFunc {
  const fixed: KernelFunc = ({ inputs, backend, attrs }) => {
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    // Only batch-1 untransposed products reach XNNPACK; anything else would stay in the slow loop.
    if ((!transposeA && !transposeB) || batchSize(a.shape) !== 1 || batchSize(b.shape) !== 1) {
      return stock.kernelFunc({ inputs, backend, attrs });
    }
    const temporaries: TensorInfo[] = [];
    const explicit = (x: TensorInfo): TensorInfo => {
      const t = transpose({ inputs: { x }, backend, attrs: { perm: transposedPerm(x.shape.length) } });
      temporaries.push(t as TensorInfo);
      return t as TensorInfo;
    };
    try {
      // op(A)·op(B) = (op(B)ᵀ·op(A)ᵀ)ᵀ: when that copies fewer floats (e.g. dy·Wᵀ with a large W:
      // two batch-sized transposes instead of the whole weight matrix), compute it so. Plain
      // products only: a fused bias or activation would apply along the wrong axis.
      const size = (x: TensorInfo) => x.shape.reduce((p, d) => p * d, 1);
      const [rank, m, n] = [a.shape.length, a.shape[transposeA ? a.shape.length - 1 : a.shape.length - 2], b.shape[transposeB ? b.shape.length - 2 : b.shape.length - 1]];
      const direct = (transposeA ? size(a) : 0) + (transposeB ? size(b) : 0);
      const swapped = (transposeA ? 0 : size(a)) + (transposeB ? 0 : size(b)) + m * n;
      const plain = !inputs.bias && !inputs.preluActivationWeights && (attrs?.activation ?? 'linear') === 'linear';
      if (swapProducts && plain && swapped < direct && rank === b.shape.length) {
        const product = stock.kernelFunc({
          inputs: { ...inputs, a: transposeB ? b : explicit(b), b: transposeA ? a : explicit(a) },
          backend,
          attrs: { ...attrs, transposeA: false, transposeB: false } as NamedAttrMap,
        }) as TensorInfo;
        temporaries.push(product);
        return transpose({ inputs: { x: product }, backend, attrs: { perm: transposedPerm(rank) } });
      }
      return stock.kernelFunc({
        inputs: { ...inputs, a: transposeA ? explicit(a) : a, b: transposeB ? explicit(b) : b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false } as NamedAttrMap,
      });
    } finally {
      // The output is a fresh buffer, so the transposed copies can go right away, also on a throw.
      for (const t of temporaries) (backend as DisposingBackend).disposeData(t.dataId);
    }
  };
  return fixed;
}

/**
 * Re-registers the wasm BatchMatMul and _FusedMatMul kernels with the explicit-transpose versions.
 * Idempotent: returns true only when it replaced a kernel now; false when already installed or
 * when the wasm kernels are not registered.
 */
export function installTransposedMatMulFix(): boolean {
  const transpose = tf.getKernel('Transpose', 'wasm')?.kernelFunc;
  if (!transpose) return false;
  // Both kernels, not stopping at the first one already patched.
  return PATCHED_KERNELS.map((name) => patchWasmKernel(name, (stock) => withExplicitTranspose(stock, transpose))).some(Boolean);
}

/**
 * Puts the stock kernels back (for stock-vs-fixed comparisons and benchmarks). Returns true when
 * it removed an installed fix.
 */
export function uninstallTransposedMatMulFix(): boolean {
  return PATCHED_KERNELS.map((name) => unpatchWasmKernel(name)).some(Boolean);
}
