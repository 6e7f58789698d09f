// +, −, ×, ÷ of tiny float32 tensors in JS on tfjs-wasm's heap instead of the stock kernels. Those
// reach XNNPACK through emscripten's `ccall`, which marshals both shapes as byte arrays on the wasm
// stack and creates, runs and destroys an XNNPACK operator: ~3 µs a call, against ~2–3 µs for the JS
// loop over problem 1's operands (at most 34 × 16). The results are the same bits: each input is a
// float32 held exactly in a double, and one IEEE operation in double precision rounded once to
// float32 (the Float32Array store) equals the float32 operation (double has more than 2·24 + 2
// bits), which a test checks against the stock kernels. Larger tensors, other dtypes and anything
// the engine would not broadcast go to the stock kernel.
import { backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { patchWasmKernel, unpatchWasmKernel } from './kernelPatch';
import { asWasmBackend, heapOffset, type KernelBackendArg, type WasmBackendLike } from './wasmHeap';

/** The kernels this replaces (tfjs-core's names for +, −, ×, ÷). */
export const SMALL_BINARY_KERNELS = ['Add', 'Sub', 'Multiply', 'RealDiv'] as const;
type BinaryKernel = (typeof SMALL_BINARY_KERNELS)[number];

/**
 * The largest operand or output (elements) computed in JS. Measured by CPU time on the 2-vCPU
 * machine (docs/performance.md, problem 1): the stock kernel costs ~3.3 µs a call up to 2048
 * elements, the JS path ~2 µs plus ~1.5 ns an element, so it wins up to ~1000.
 */
export const MAX_SMALL_ELEMENTS = 1024;

const sizeOf = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** For each output element, the index of the input element broadcast to it (row-major, numpy rules). */
function broadcastIndex(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  for (let d = shape.length - 1, stride = 1; d >= 0; d--) {
    if (shape[d] !== 1) strides[rank - shape.length + d] = stride;
    stride *= shape[d]!;
  }
  const index = new Int32Array(sizeOf(outShape));
  const counter = new Array<number>(rank).fill(0);
  for (let i = 0, at = 0; i < index.length; i++) {
    index[i] = at;
    for (let d = rank - 1; d >= 0; d--) {
      at += strides[d]!;
      if (++counter[d]! < outShape[d]!) break;
      at -= strides[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
  return index;
}

// Index arrays, made once: a training loop repeats a handful of shapes. An operand as large as the
// output is read in order, a one-element one (a scalar such as `lambda / n`) everywhere.
const inOrder = new Map<number, Int32Array>();
const everywhere = new Map<number, Int32Array>();
const broadcasts = new Map<string, Int32Array>();

function remembered<K>(cache: Map<K, Int32Array>, key: K, make: () => Int32Array): Int32Array {
  let index = cache.get(key);
  if (!index) {
    if (cache.size >= 256) cache.clear();
    index = make();
    cache.set(key, index);
  }
  return index;
}

/** Where each output element reads the operand of `shape` (broadcast to `outShape`, `size` elements). */
function operandIndex(shape: readonly number[], outShape: readonly number[], size: number): Int32Array {
  const own = sizeOf(shape);
  if (own === size) return remembered(inOrder, size, () => Int32Array.from({ length: size }, (_, i) => i));
  if (own === 1) return remembered(everywhere, size, () => new Int32Array(size));
  return remembered(broadcasts, `${shape.join(',')}>${outShape.join(',')}`, () => broadcastIndex(shape, outShape));
}

/** out[i] = op(h[a + ia[i]], h[b + ib[i]]) on the float32 heap h (element offsets). */
function apply(
  kernel: BinaryKernel,
  h: Float32Array,
  a: number,
  ia: Int32Array,
  b: number,
  ib: Int32Array,
  out: number,
) {
  const n = ia.length;
  // One loop per operation, so that each stays monomorphic.
  switch (kernel) {
    case 'Add':
      for (let i = 0; i < n; i++) h[out + i] = h[a + ia[i]!]! + h[b + ib[i]!]!;
      break;
    case 'Sub':
      for (let i = 0; i < n; i++) h[out + i] = h[a + ia[i]!]! - h[b + ib[i]!]!;
      break;
    case 'Multiply':
      for (let i = 0; i < n; i++) h[out + i] = h[a + ia[i]!]! * h[b + ib[i]!]!;
      break;
    case 'RealDiv':
      for (let i = 0; i < n; i++) h[out + i] = h[a + ia[i]!]! / h[b + ib[i]!]!;
      break;
  }
}

/** out[i] = op(h[a + i], h[b + i]): operands of the output's shape. */
function applySame(kernel: BinaryKernel, h: Float32Array, a: number, b: number, out: number, n: number) {
  switch (kernel) {
    case 'Add':
      for (let i = 0; i < n; i++) h[out + i] = h[a + i]! + h[b + i]!;
      break;
    case 'Sub':
      for (let i = 0; i < n; i++) h[out + i] = h[a + i]! - h[b + i]!;
      break;
    case 'Multiply':
      for (let i = 0; i < n; i++) h[out + i] = h[a + i]! * h[b + i]!;
      break;
    case 'RealDiv':
      for (let i = 0; i < n; i++) h[out + i] = h[a + i]! / h[b + i]!;
      break;
  }
}

/** out[i] = op(h[a + i], y), or op(y, h[a + i]) when `scalarFirst`: one operand a single element. */
function applyScalar(
  kernel: BinaryKernel,
  h: Float32Array,
  a: number,
  y: number,
  scalarFirst: boolean,
  out: number,
  n: number,
) {
  switch (kernel) {
    case 'Add':
      for (let i = 0; i < n; i++) h[out + i] = h[a + i]! + y; // commutative, bit for bit
      break;
    case 'Sub':
      if (scalarFirst) for (let i = 0; i < n; i++) h[out + i] = y - h[a + i]!;
      else for (let i = 0; i < n; i++) h[out + i] = h[a + i]! - y;
      break;
    case 'Multiply':
      for (let i = 0; i < n; i++) h[out + i] = h[a + i]! * y;
      break;
    case 'RealDiv':
      if (scalarFirst) for (let i = 0; i < n; i++) h[out + i] = y / h[a + i]!;
      else for (let i = 0; i < n; i++) h[out + i] = h[a + i]! / y;
      break;
  }
}

// A float32 view of the heap, made again only when the heap grows (a grown memory has a new buffer).
let heapView: Float32Array | undefined;
function heapF32(backend: WasmBackendLike): Float32Array {
  const buffer = backend.wasm.HEAPU8.buffer;
  if (heapView?.buffer !== buffer) heapView = new Float32Array(buffer);
  return heapView;
}

/** The JS result of a small float32 op, or undefined to leave it to the stock kernel. */
export function smallBinary(
  kernel: BinaryKernel,
  a: TensorInfo,
  b: TensorInfo,
  backend: KernelBackendArg,
): TensorInfo | undefined {
  const wasm = asWasmBackend(backend);
  if (!wasm || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const [sizeA, sizeB] = [sizeOf(a.shape), sizeOf(b.shape)];
  if (sizeA > MAX_SMALL_ELEMENTS || sizeB > MAX_SMALL_ELEMENTS) return undefined;
  const same = sameShape(a.shape, b.shape);
  const outShape = same ? a.shape : backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const size = sizeOf(outShape);
  if (size === 0 || size > MAX_SMALL_ELEMENTS) return undefined;
  const [offsetA, offsetB] = [heapOffset(wasm, a), heapOffset(wasm, b)];
  if (offsetA === undefined || offsetB === undefined) return undefined;
  const out = wasm.makeOutput(outShape, 'float32'); // may grow the heap: take the view after it
  const h = heapF32(wasm);
  const [ea, eb, eo] = [offsetA >> 2, offsetB >> 2, heapOffset(wasm, out)! >> 2];
  if (same) applySame(kernel, h, ea, eb, eo, size);
  else if (sizeB === 1 && sizeA === size) applyScalar(kernel, h, ea, h[eb]!, false, eo, size);
  else if (sizeA === 1 && sizeB === size) applyScalar(kernel, h, eb, h[ea]!, true, eo, size);
  else apply(kernel, h, ea, operandIndex(a.shape, outShape, size), eb, operandIndex(b.shape, outShape, size), eo);
  return out;
}

function withSmallPath(kernel: BinaryKernel, stock: KernelConfig): KernelFunc {
  return ({ inputs, backend, attrs }) =>
    smallBinary(kernel, inputs.a as TensorInfo, inputs.b as TensorInfo, backend) ??
    stock.kernelFunc({ inputs, backend, attrs });
}

/** Replaces the four wasm kernels; true when it replaced one now (idempotent). */
export function installSmallBinary(): boolean {
  return SMALL_BINARY_KERNELS.map((name) => patchWasmKernel(name, (stock) => withSmallPath(name, stock))).some(Boolean);
}

/** Puts the stock kernels back; true when it removed an installed one. */
export function uninstallSmallBinary(): boolean {
  return SMALL_BINARY_KERNELS.map((name) => unpatchWasmKernel(name)).some(Boolean);
}
