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
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { ownGemmProduct } from './gemmFix';
import { patchWasmKernel, unpatchWasmKernel } from './kernelPatch';
import { smallMatmulProduct } from './smallMatmulFix';

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

/**
 * What XNNPACK's packing of a new right operand costs per float, in units of one float copied by
 * the Transpose kernel. tfjs-wasm builds (and caches, per right-operand tensor) a fully-connected
 * operator whose weights it packs single-threaded from the [k, n] layout: 3–14 ns a float
 * (784 × 1000: ~11 ms, more than the 128-row product itself on 2 threads) against ~1 ns for a
 * transpose, measured on the 2-vCPU machine with tfjs-backend-wasm 4.22.
 */
export const PACK_COST = 3;

/** Tensors (by dataId) XNNPACK already holds a packed operator for: reusing them costs no packing. */
const packedOperands = new WeakSet<object>();

export interface ProductOperand {
  shape: number[];
  transposed: boolean;
  /** XNNPACK already packed this tensor as a right operand (a cached operator). */
  packed: boolean;
}

const sizeOf = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

/**
 * How to compute op(A)·op(B) on XNNPACK, which packs its right operand: 'direct' (explicit
 * transposes, B packed unless cached) or 'swapped', as (op(B)ᵀ·op(A)ᵀ)ᵀ (A's side packed, the
 * product transposed back), whichever copies and packs fewer floats. E.g. x·W with a weight
 * matrix Adam just replaced: packing W costs more than transposing W, packing the batch-sized xᵀ
 * and transposing the batch-sized result. A cached W (evaluation batches) stays direct.
 */
export function productPlan(a: ProductOperand, b: ProductOperand): 'direct' | 'swapped' {
  const m = a.shape[a.shape.length - (a.transposed ? 1 : 2)];
  const n = b.shape[b.shape.length - (b.transposed ? 2 : 1)];
  const [sizeA, sizeB] = [sizeOf(a.shape), sizeOf(b.shape)];
  // A transposed copy is a new tensor: never packed before.
  const direct =
    (a.transposed ? sizeA : 0) + (b.transposed ? sizeB : 0) + (b.transposed || !b.packed ? PACK_COST * sizeB : 0);
  const swapped =
    (a.transposed ? 0 : sizeA) +
    (b.transposed ? 0 : sizeB) +
    m * n +
    (!a.transposed || !a.packed ? PACK_COST * sizeA : 0);
  return swapped < direct ? 'swapped' : 'direct';
}

function withExplicitTranspose(stock: KernelConfig, transpose: KernelFunc): KernelFunc {
  const fixed: KernelFunc = ({ inputs, backend, attrs }) => {
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    // Only batch-1 untransposed products reach XNNPACK; batched ones stay in the slow loop either way.
    if (batchSize(a.shape) !== 1 || batchSize(b.shape) !== 1) {
      return stock.kernelFunc({ inputs, backend, attrs });
    }
    const temporaries: TensorInfo[] = [];
    const explicit = (x: TensorInfo): TensorInfo => {
      const t = transpose({ inputs: { x }, backend, attrs: { perm: transposedPerm(x.shape.length) } });
      temporaries.push(t as TensorInfo);
      return t as TensorInfo;
    };
    const untransposed = { ...attrs, transposeA: false, transposeB: false } as NamedAttrMap;
    // Plain products only: a fused bias or activation would apply along the wrong axis.
    const plain = !inputs.bias && !inputs.preluActivationWeights && (attrs?.activation ?? 'linear') === 'linear';
    const own = plain ? ownGemmProduct(a, b, transposeA, transposeB, backend, transpose) : undefined;
    if (own) return own;
    const small = plain ? smallMatmulProduct(a, b, transposeA, transposeB, backend) : undefined;
    if (small) return small;
    try {
      const plan = productPlan(
        { shape: a.shape, transposed: transposeA, packed: packedOperands.has(a.dataId) },
        { shape: b.shape, transposed: transposeB, packed: packedOperands.has(b.dataId) },
      );
      if (plain && plan === 'swapped' && a.shape.length === b.shape.length) {
        const right = transposeA ? a : explicit(a);
        if (right === a) packedOperands.add(a.dataId);
        const product = stock.kernelFunc({
          inputs: { ...inputs, a: transposeB ? b : explicit(b), b: right },
          backend,
          attrs: untransposed,
        }) as TensorInfo;
        temporaries.push(product);
        return transpose({ inputs: { x: product }, backend, attrs: { perm: transposedPerm(a.shape.length) } });
      }
      if (!transposeA && !transposeB) {
        packedOperands.add(b.dataId);
        return stock.kernelFunc({ inputs, backend, attrs });
      }
      return stock.kernelFunc({
        inputs: { ...inputs, a: transposeA ? explicit(a) : a, b: transposeB ? explicit(b) : b },
        backend,
        attrs: untransposed,
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
  if (!tf.getKernel('Transpose', 'wasm')) return false;
  // The Transpose registered when it runs (transposeFix.ts may replace it after this is installed).
  const transpose: KernelFunc = (args) => tf.getKernel('Transpose', 'wasm')!.kernelFunc(args);
  // Both kernels, not stopping at the first one already patched.
  return PATCHED_KERNELS.map((name) => patchWasmKernel(name, (stock) => withExplicitTranspose(stock, transpose))).some(
    Boolean,
  );
}

/**
 * Puts the stock kernels back (for stock-vs-fixed comparisons and benchmarks). Returns true when
 * it removed an installed fix.
 */
export function uninstallTransposedMatMulFix(): boolean {
  return PATCHED_KERNELS.map((name) => unpatchWasmKernel(name)).some(Boolean);
}
