// What the lab's two product kernels (gemmFix.ts, smallMatmulFix.ts) check before taking a
// BatchMatMul from the stock path: tfjs-wasm's backend, two float32 operands of equal rank, and the
// sizes of op(a)·op(b) with matching inner dimensions.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, type KernelBackendArg, type WasmBackendLike } from './wasmHeap';

/** op(a) is m × k, op(b) is k × n (the last two axes; leading axes are the batch). */
export interface FloatProduct {
  wasm: WasmBackendLike;
  m: number;
  n: number;
  k: number;
}

/** The product's sizes on tfjs-wasm, or undefined for another backend or dtype, or mismatched operands. */
export function floatProduct(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  backend: KernelBackendArg,
): FloatProduct | undefined {
  const wasm = asWasmBackend(backend);
  if (!wasm || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length !== b.shape.length) return undefined;
  const rank = a.shape.length;
  const [rowsA, colsA, rowsB, colsB] = [a.shape[rank - 2], a.shape[rank - 1], b.shape[rank - 2], b.shape[rank - 1]];
  const [m, k] = transposeA ? [colsA, rowsA] : [rowsA, colsA];
  const [kB, n] = transposeB ? [colsB, rowsB] : [rowsB, colsB];
  if (k !== kB || !(m! >= 1 && n! >= 1 && k! >= 1)) return undefined;
  return { wasm, m: m!, n: n!, k: k! };
}
