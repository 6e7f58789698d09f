// The parts of tfjs-wasm's backend object the lab's own kernels read (not in tfjs's public types):
// where a tensor's bytes are in the wasm heap, how to allocate an output there, and the heap's
// WebAssembly.Memory for the SIMD modules that import it.
import type { DataType, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

/** The backend argument a kernel function gets. */
export type KernelBackendArg = Parameters<KernelFunc>[0]['backend'];

export interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array; asm?: { memory?: unknown }; wasmMemory?: unknown };
  dataIdMap: { get(dataId: object): { memoryOffset: number | null; dtype: string } | undefined };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
}

/** The backend as tfjs-wasm's, or undefined for any other backend. */
export function asWasmBackend(backend: KernelBackend | object): WasmBackendLike | undefined {
  const b = backend as Partial<WasmBackendLike>;
  return b.wasm?.HEAPU8 && b.dataIdMap && typeof b.makeOutput === 'function' ? (b as WasmBackendLike) : undefined;
}

/** Where a tensor of `dtype` lives in the heap (byte offset); undefined for another dtype or no buffer. */
export function heapOffset(backend: WasmBackendLike, t: TensorInfo, dtype: DataType = 'float32'): number | undefined {
  const data = backend.dataIdMap.get(t.dataId);
  return data?.memoryOffset && data.dtype === dtype ? data.memoryOffset : undefined;
}

/** The heap's WebAssembly.Memory (emscripten names it differently across builds). */
export function heapMemory(backend: WasmBackendLike): unknown {
  return backend.wasm.asm?.memory ?? backend.wasm.wasmMemory;
}
