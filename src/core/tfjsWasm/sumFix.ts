// A faster Sum over the leading axis for tfjs-wasm: the bias gradient of every dense layer
// (Σ over the batch of dy, [batch, out] → [out]). The stock wasm Sum reduces innermost axes only,
// so for axis 0 it first transposes the whole input with the generic Transpose kernel and then sums
// each row of the copy; both passes are scalar and the transpose walks memory with a stride.
// This sums the rows into the output in place, row 0 first (simdColumnSum.ts, four columns at a
// time; a JS loop where wasm SIMD is missing), so each output is accumulated in the same order and
// float32 precision as the stock loop (sum = 0; sum += x[0][j]; sum += x[1][j]…): bit-identical,
// which a test holds it to. Anything else (other axes, ranks, dtypes) goes to the
// stock kernel.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { patchWasmKernel, unpatchWasmKernel } from './kernelPatch';
import { simdColumnSumFor } from './simdColumnSum';
import { asWasmBackend, heapMemory, heapOffset } from './wasmHeap';

/** Σ over rows of x (rows × cols, row-major) into out (cols), rows in order: where wasm SIMD is missing. */
export function sumRows(x: Float32Array, out: Float32Array, rows: number, cols: number): void {
  out.fill(0);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    // out is a Float32Array: each store rounds to float32, as the C++ loop's float accumulator.
    for (let j = 0; j < cols; j++) out[j] += x[base + j];
  }
}

function leadingAxisSum(stock: KernelConfig): KernelFunc {
  const fixed: KernelFunc = ({ inputs, backend, attrs }) => {
    const x = inputs.x as TensorInfo;
    const axis = attrs?.axis as number | number[] | undefined;
    const axes = (Array.isArray(axis) ? axis : [axis]).map((a) =>
      typeof a === 'number' && a < 0 ? a + x.shape.length : a,
    );
    const wasm = asWasmBackend(backend);
    const offset = wasm ? heapOffset(wasm, x) : undefined;
    if (x.shape.length !== 2 || axes.length !== 1 || axes[0] !== 0 || !offset || !wasm) {
      return stock.kernelFunc({ inputs, backend, attrs });
    }
    const [rows, cols] = x.shape;
    const out = wasm.makeOutput([cols], 'float32'); // may grow the heap: take views after it
    const outOffset = heapOffset(wasm, out)!;
    const simd = simdColumnSumFor(heapMemory(wasm));
    if (simd) simd(offset, outOffset, rows, cols);
    else
      sumRows(
        new Float32Array(wasm.wasm.HEAPU8.buffer, offset, rows * cols),
        new Float32Array(wasm.wasm.HEAPU8.buffer, outOffset, cols),
        rows,
        cols,
      );
    if (attrs?.keepDims === true) out.shape = [1, cols];
    return out;
  };
  return fixed;
}

/** Replaces the wasm Sum kernel; true when it replaced it now (idempotent). */
export function installLeadingAxisSum(): boolean {
  return patchWasmKernel('Sum', leadingAxisSum);
}

/** Puts the stock Sum back; true when it removed the installed one. */
export function uninstallLeadingAxisSum(): boolean {
  return unpatchWasmKernel('Sum');
}
