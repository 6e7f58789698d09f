// Which tfjs backends a webview tries, best first: WebGPU when the page's `navigator.gpu` gives a
// hardware adapter, else WebAssembly (then the plain CPU backend). Pure: the page passes its
// `navigator.gpu` (or nothing) and the setting; tests pass stand-ins.
import type { BackendName } from './backend';

/** hw6.webviewBackend: 'auto' picks WebGPU when there is a GPU; 'wasm' never tries it. */
export type WebviewBackendSetting = 'auto' | 'wasm';

/** What this module reads of a WebGPU adapter (GPUAdapter.info, Chromium ≥ 114). */
export interface GpuAdapterLike {
  readonly info?: { readonly architecture?: string; readonly vendor?: string; readonly description?: string };
}

/** What this module uses of `navigator.gpu`. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

export interface BackendChoice {
  preferred: BackendName[];
  /** Why, in a sentence for the run's log. */
  reason: string;
}

export interface ChooseBackendOptions {
  /** `navigator.gpu`; undefined where the page has no WebGPU. */
  gpu: GpuLike | undefined;
  setting?: WebviewBackendSetting;
  /** An adapter request that has not answered after this long counts as no GPU. */
  timeoutMs?: number;
  /** Resolves after `ms` (setTimeout unless given: tests pass their own). */
  wait?: (ms: number) => Promise<void>;
}

const WASM_FIRST: BackendName[] = ['wasm', 'cpu'];
/** Software WebGPU (SwiftShader) emulates the GPU on the CPU: slower than wasm, so it is not taken. */
const SOFTWARE_ARCHITECTURES = ['swiftshader'];
export const ADAPTER_TIMEOUT_MS = 2_000;

const defaultWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The backends to try; never throws (a failed GPU probe means wasm). */
export async function chooseBackends(options: ChooseBackendOptions): Promise<BackendChoice> {
  if (options.setting === 'wasm') return { preferred: WASM_FIRST, reason: 'hw6.webviewBackend is "wasm"' };
  if (!options.gpu || typeof options.gpu.requestAdapter !== 'function')
    return { preferred: WASM_FIRST, reason: 'no WebGPU in this page' };
  const wait = options.wait ?? defaultWait;
  let adapter: GpuAdapterLike | null | 'timeout';
  try {
    adapter = await Promise.race([
      options.gpu.requestAdapter({ powerPreference: 'high-performance' }),
      wait(options.timeoutMs ?? ADAPTER_TIMEOUT_MS).then(() => 'timeout' as const),
    ]);
  } catch (err) {
    return { preferred: WASM_FIRST, reason: `the WebGPU adapter request failed (${(err as Error)?.message ?? err})` };
  }
  if (adapter === 'timeout') return { preferred: WASM_FIRST, reason: 'the WebGPU adapter request did not answer' };
  if (!adapter) return { preferred: WASM_FIRST, reason: 'WebGPU has no adapter' };
  const architecture = adapter.info?.architecture?.toLowerCase() ?? '';
  if (SOFTWARE_ARCHITECTURES.includes(architecture))
    return { preferred: WASM_FIRST, reason: `the WebGPU adapter is software (${architecture})` };
  const name = [adapter.info?.vendor, architecture].filter(Boolean).join(' ') || 'unnamed';
  return { preferred: ['webgpu', ...WASM_FIRST], reason: `WebGPU adapter: ${name}` };
}
