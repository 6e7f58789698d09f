// Instantiating one of the lab's .wat kernels (./kernels, assembled at build time) on tfjs-wasm's
// heap: the module imports env.memory, so its functions read and write the tensors in place.

/** A kernel's module bytes (scripts/watPlugin.mjs): for a plain memory and for a shared one. */
export interface WatKernel {
  plain: Uint8Array;
  shared: Uint8Array;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

const webAssembly = () => (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** The kernel's bytes for this memory: the shared variant for a SharedArrayBuffer heap (threaded build). */
export function kernelBytesFor(kernel: WatKernel, memory: unknown): Uint8Array {
  const buffer = (memory as { buffer?: unknown }).buffer;
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer ? kernel.shared : kernel.plain;
}

/** The engine can compile these bytes (e.g. false for relaxed SIMD on Node 20 without its flag). */
export function validates(bytes: Uint8Array): boolean {
  try {
    return webAssembly().validate(bytes);
  } catch {
    return false;
  }
}

/**
 * The exports of `kernel` instantiated on a WebAssembly.Memory (tfjs-wasm's), cached per memory;
 * undefined when this engine cannot compile it (no SIMD) or `memory` is not a memory.
 */
export function instantiateKernel<T>(
  cache: WeakMap<object, T | null>,
  memory: unknown,
  kernel: WatKernel,
  pick: (exports: Record<string, unknown>) => T,
): T | undefined {
  if (!memory || typeof memory !== 'object') return undefined;
  if (cache.has(memory)) return cache.get(memory) ?? undefined;
  let result: T | null = null;
  try {
    const wa = webAssembly();
    result = pick(new wa.Instance(new wa.Module(kernelBytesFor(kernel, memory)), { env: { memory } }).exports);
  } catch {
    result = null;
  }
  cache.set(memory, result);
  return result ?? undefined;
}
