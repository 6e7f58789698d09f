// Multithreaded tfjs-wasm (XNNPACK's GEMMs on several cores) in hosts where tfjs leaves it off.
//
// tfjs-backend-wasm ships a threaded SIMD binary but never uses it in Node: its init() hands
// emscripten Blob URLs for the pthread worker script and for the main script the workers import,
// and Node's worker_threads can load neither. Emscripten's own Node support is fine with file
// paths, so this module registers a replacement factory for the 'wasm' backend that points the
// threaded module at two script files (written by the host from `threadedWasmScripts()`, e.g. into
// a temp folder) and hands it the .wasm bytes. Everything else is tfjs's BackendWasm and kernels,
// unchanged. Two details of the shipped build: the C++ side caps the thread pool at half of
// emscripten_num_logical_cores() (it assumes 2 hyper-threads per core), so the import reports
// 2 × the threads asked for; and it starts 8 pthread workers up front (PTHREAD_POOL_SIZE).
//
// Results are bit-identical to the single-threaded binary for GEMMs (XNNPACK splits the output
// into tiles, each summed by one thread in the same order); a test holds it to that.
// Pool workers that run one grid cell per core should stay single-threaded (threads: 1 = not used).
// Measured on the 2-vCPU machine: with it otherwise idle (load < 1), 2 threads train an AE epoch
// (784-1000-k-1000-784, batch 128) ~1.4× faster than 1 (k = 100: 2.37 s against 3.35 s); with other
// processes keeping both cores busy (load 2–4) the second thread rarely gets a core and epochs were
// 5–25 % slower. The single-model bench (`bench --only ae`) uses one thread per core by default.
import * as tf from '@tensorflow/tfjs-core';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import threadedFactory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';

export const THREADED_WASM_FILE = 'tfjs-backend-wasm-threaded-simd.wasm';
export const THREADED_WORKER_SCRIPT = 'tfjs-backend-wasm-threaded-simd.worker.js';
export const THREADED_MAIN_SCRIPT = 'tfjs-backend-wasm-threaded-simd.main.js';

export interface ThreadedWasmOptions {
  /** XNNPACK threads (the calling thread included); ≥ 2 to be worth it. */
  threads: number;
  /** Folder holding the files of threadedWasmScripts() (a path in Node), ending with '/'. */
  scriptDir: string;
  /** The bytes of tfjs-backend-wasm-threaded-simd.wasm. */
  wasmBinary: Uint8Array;
}

/** The two scripts the pthread workers load, by file name: write them to scriptDir. */
export function threadedWasmScripts(): Record<string, string> {
  return {
    // As tfjs does for its Blob: the template's "\n" escapes must stay escapes in the file.
    [THREADED_WORKER_SCRIPT]: (wasmWorkerContents as string).replace(/\n/g, '\\n'),
    [THREADED_MAIN_SCRIPT]: `var WasmBackendModuleThreadedSimd = ${String(threadedFactory)}`,
  };
}

/** The emscripten module as the backend sees it (tfjs's own init() adds the `tfjs` bindings). */
interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...args: number[]) => number;
  tfjs?: Record<string, (...args: number[]) => number>;
  PThread?: { terminateAllThreads(): void };
}

interface WasmImports {
  env: Record<string, unknown>;
}

/** The bits of the WebAssembly API used here (src/core is typed without DOM declarations). */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: WasmImports): Promise<object>;
}

const webAssembly = (): WebAssemblyApi => (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

type Factory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

const stockFactories = new Map<string, () => tf.KernelBackend | Promise<tf.KernelBackend>>();

async function createThreadedBackend(options: ThreadedWasmOptions): Promise<tf.KernelBackend> {
  const { threads, scriptDir, wasmBinary } = options;
  let fail: (e: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (fail = reject));
  // Emscripten builds the module on this object (so its PThread is here even when loading fails).
  const config: Record<string, unknown> & Partial<EmscriptenModule> = {
    onAbort: (what: unknown) => fail(new Error(`The threaded wasm module aborted: ${String(what)}`)),
    locateFile: (path: string) =>
      scriptDir +
      (path.endsWith('.worker.js') ? THREADED_WORKER_SCRIPT : path.endsWith('.wasm') ? THREADED_WASM_FILE : path),
    mainScriptUrlOrBlob: scriptDir + THREADED_MAIN_SCRIPT,
    instantiateWasm(imports: WasmImports, receive: (instance: object, module: object) => void) {
      // backend.cc: num_cores = emscripten_num_logical_cores() / 2 caps the pool.
      imports.env.emscripten_num_logical_cores = () => 2 * threads;
      const wa = webAssembly();
      wa.compile(wasmBinary)
        .then(async (compiled) => receive(await wa.instantiate(compiled, imports), compiled))
        .catch(fail);
      return {};
    },
  };
  const loading = (threadedFactory as unknown as Factory)(config);
  let module: EmscriptenModule;
  try {
    module = await Promise.race([loading, failure]);
  } catch (e) {
    config.PThread?.terminateAllThreads(); // the 8 pre-started workers would keep the process alive
    throw e;
  }
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  setThreadsCount(threads);
  return new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
}

/**
 * Makes the next tf.setBackend('wasm') create the threaded backend. Call before the backend is
 * initialised; `restoreStockWasm()` undoes it (e.g. when the threaded module fails to load).
 */
export function useThreadedWasm(options: ThreadedWasmOptions): void {
  if (!(options.threads >= 2)) throw new Error(`useThreadedWasm: threads must be ≥ 2 (got ${options.threads}).`);
  const stock = tf.findBackendFactory('wasm');
  if (!stock)
    throw new Error('useThreadedWasm: the wasm backend is not registered (import @tensorflow/tfjs-backend-wasm).');
  if (!stockFactories.has('wasm')) stockFactories.set('wasm', stock);
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', () => createThreadedBackend(options), 2);
}

/** Puts tfjs's own wasm factory back (single-threaded in Node). True when it replaced ours. */
export function restoreStockWasm(): boolean {
  const stock = stockFactories.get('wasm');
  if (!stock) return false;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', stock, 2);
  stockFactories.delete('wasm');
  return true;
}

/** XNNPACK threads of the active wasm backend (1 when single-threaded; 0 when not on wasm). */
export function wasmThreadCount(): number {
  if (tf.getBackend() !== 'wasm') return 0;
  const wasm = (tf.backend() as unknown as { wasm?: EmscriptenModule }).wasm;
  return wasm?.tfjs?.getThreadsCount?.() ?? 1;
}

/**
 * Initialises tfjs on the threaded wasm backend, or on the stock one when the threaded module
 * cannot load (then `threads` is 1). `init` is the host's usual initBackend call.
 */
export async function initThreadedWasm(
  options: ThreadedWasmOptions,
  init: () => Promise<string>,
): Promise<{ backend: string; threads: number; error?: string }> {
  let error: string | undefined;
  try {
    useThreadedWasm(options);
    if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    restoreStockWasm();
  }
  const backend = await init();
  return { backend, threads: wasmThreadCount(), ...(error ? { error } : {}) };
}

/** Stops the pthread workers (they keep a Node process alive): disposes the wasm backend. */
export function shutdownWasm(): void {
  if (tf.findBackend('wasm')) tf.removeBackend('wasm');
}
