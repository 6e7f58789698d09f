// A faster Transpose for tfjs-wasm when it swaps the last two axes of 32-bit values (a matrix, or
// each matrix of a batch): the SIMD kernel of simdTranspose.ts. Dense-layer training transposes
// weight- and batch-sized matrices around most products (matmulFix.ts), ~2.7 M floats a step at
// k = 100, which the stock scalar loop did at 1–3.5 ns a float. The result is the same bits; other
// permutations, dtypes and backends go to the stock kernel.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { patchWasmKernel, unpatchWasmKernel } from './kernelPatch';
import { simdTransposeFor } from './simdTranspose';
import { asWasmBackend, heapMemory, heapOffset } from './wasmHeap';

/** perm keeps the leading axes and swaps the last two. */
export function swapsLastTwo(perm: readonly number[]): boolean {
  const rank = perm.length;
  return (
    rank >= 2 &&
    perm[rank - 2] === rank - 1 &&
    perm[rank - 1] === rank - 2 &&
    perm.slice(0, -2).every((p, i) => p === i)
  );
}

function simdTranspose(stock: KernelConfig): KernelFunc {
  const fixed: KernelFunc = ({ inputs, backend, attrs }) => {
    const x = inputs.x as TensorInfo;
    const perm = attrs?.perm as number[] | undefined;
    const wasm = asWasmBackend(backend);
    const dtype = x.dtype === 'float32' || x.dtype === 'int32' ? x.dtype : undefined;
    const offset = wasm && dtype ? heapOffset(wasm, x, dtype) : undefined;
    const kernel = wasm && offset ? simdTransposeFor(heapMemory(wasm)) : undefined;
    if (!perm || !swapsLastTwo(perm) || !kernel || !dtype) return stock.kernelFunc({ inputs, backend, attrs });
    const rank = x.shape.length;
    const [rows, cols] = [x.shape[rank - 2], x.shape[rank - 1]];
    const out = wasm!.makeOutput(
      perm.map((p) => x.shape[p]),
      dtype,
    );
    const outOffset = heapOffset(wasm!, out, dtype);
    const matrixBytes = 4 * rows * cols;
    const batches = x.shape.slice(0, -2).reduce((n, d) => n * d, 1);
    if (outOffset)
      for (let b = 0; b < batches; b++) kernel(offset! + b * matrixBytes, outOffset + b * matrixBytes, rows, cols);
    return out;
  };
  return fixed;
}

/** Replaces the wasm Transpose kernel; true when it replaced it now (idempotent). */
export function installSimdTranspose(): boolean {
  return patchWasmKernel('Transpose', simdTranspose);
}

/** Puts the stock Transpose back; true when it removed the installed one. */
export function uninstallSimdTranspose(): boolean {
  return unpatchWasmKernel('Transpose');
}
