// A second thread for the lab's own wasm kernels (the GEMM of simdGemm.ts, Adam's adamRange) on the
// threaded tfjs-wasm build, whose heap is a shared WebAssembly.Memory. XNNPACK's pthread pool cannot
// run our code, so the lab starts one helper thread of its own (the host supplies how: `StartThread`,
// a worker_threads Worker in Node), which instantiates the same kernel modules on the same memory.
//
// A job is cut into chunks (GEMM: runs of rows starting at multiples of 4, so each row is computed by
// the same 4 × 8 tiles as in one call; Adam: runs of elements starting at multiples of 4); both
// threads claim chunks from one atomic ticket until none is left, so a helper that the OS does not
// schedule costs at most the chunk it holds: the calling thread does the rest. Rows and elements
// are independent, so the result has the same bits as the single-threaded kernel.
//
// Control words (Int32 over a SharedArrayBuffer): the ticket is (job tag << 16) | next chunk; the
// caller closes it (chunk 0xffff) once every chunk is claimed and waits until as many claims were
// released as were made, so a job's parameters never change under a claim. The calling thread
// blocks in Atomics.wait: Node's main thread may, a browser's main thread may not (no helper there).
import gemmWat from './kernels/gemm.wat';
import adamWat from './kernels/adam.wat';
import type { GemmFlavour, SimdGemmFn } from './simdGemm';
import type { SimdAdamFn } from './simdAdam';

/** What a helper thread is started with (structured-cloneable: the memory and the control are shared). */
export interface HelperThreadData {
  memory: unknown;
  gemm: Uint8Array;
  adam: Uint8Array;
  control: SharedArrayBuffer;
}

/** Starts `source` (a function expression taking HelperThreadData) on a new thread. */
export type StartThread = (source: string, data: HelperThreadData) => { terminate(): unknown };

const SEQ = 0; // bumped (and notified) for every job: wakes the helper
const TICKET = 1;
const RELEASED = 2; // claims released in this job
const STOP = 3;
const KIND = 4; // 0 GEMM, 1 Adam
const TOTAL = 5; // chunks in this job
const CHUNK = 6; // rows (GEMM) or elements (Adam) a chunk
const READY = 7; // 1 once the helper instantiated the kernels, -1 if it could not
const HELPER_CHUNKS = 8; // chunks the helper ran (all jobs)
const FAILED = 9; // 1 once a chunk threw on the helper
const P = 16; // i32 parameters: GEMM a, rs, ks, b, c, m, n, k; Adam wOld, w, g, m, v, n
const F = 24; // f32 parameters (Adam's seven)
const WORDS = 32;
const CLOSED = 0xffff;

// The helper's code, run by the host on a thread of its own (kept as text: it must not depend on
// anything bundled). It mirrors `claimAndRun` below.
const HELPER_SOURCE = `(data) => {
  const c = new Int32Array(data.control), f = new Float32Array(data.control);
  let gemm, adam;
  try {
    const imports = { env: { memory: data.memory } };
    gemm = new WebAssembly.Instance(new WebAssembly.Module(data.gemm), imports).exports.gemm;
    adam = new WebAssembly.Instance(new WebAssembly.Module(data.adam), imports).exports.adamRange;
    Atomics.store(c, ${READY}, 1);
  } catch (e) {
    Atomics.store(c, ${READY}, -1);
    return;
  }
  let seen = Atomics.load(c, ${SEQ});
  for (;;) {
    Atomics.wait(c, ${SEQ}, seen);
    if (Atomics.load(c, ${STOP})) return;
    seen = Atomics.load(c, ${SEQ});
    for (;;) {
      const t = Atomics.load(c, ${TICKET});
      if ((t & 0xffff) >= Atomics.load(c, ${TOTAL})) break;
      if (Atomics.compareExchange(c, ${TICKET}, t, t + 1) !== t) continue;
      const i = t & 0xffff, chunk = Atomics.load(c, ${CHUNK});
      if (i < Atomics.load(c, ${TOTAL})) try {
        const p = (j) => Atomics.load(c, ${P} + j);
        if (Atomics.load(c, ${KIND}) === 0) {
          const [a, rs, ks, b, out, m, n, k] = [p(0), p(1), p(2), p(3), p(4), p(5), p(6), p(7)];
          const from = i * chunk, rows = Math.min(chunk, m - from);
          gemm(a + from * rs, rs, ks, b, out + from * 4 * n, rows, n, k);
        } else {
          const from = i * chunk, to = Math.min(from + chunk, p(5));
          adam(p(0), p(1), p(2), p(3), p(4), from, to, f[${F}], f[${F + 1}], f[${F + 2}], f[${F + 3}], f[${F + 4}], f[${F + 5}], f[${F + 6}]);
        }
        Atomics.add(c, ${HELPER_CHUNKS}, 1);
      } catch (e) {
        Atomics.store(c, ${FAILED}, 1); // a trap: the caller throws rather than wait for this chunk forever
      }
      Atomics.add(c, ${RELEASED}, 1);
      Atomics.notify(c, ${RELEASED});
    }
  }
}`;

/** Smallest jobs worth a second thread (the wake-up costs tens of µs). */
export const MIN_SPLIT_MACS = 1 << 18;
export const MIN_SPLIT_ADAM = 1 << 15;
/** Chunks a job aims at: small enough that a descheduled helper holds little of it. */
const CHUNKS = 8;

interface Helper {
  memory: object;
  control: Int32Array;
  controlF: Float32Array;
  flavour: GemmFlavour;
  thread: { terminate(): unknown };
  gemm: SimdGemmFn;
  adam: AdamRangeFn;
  jobs: number;
}

// One helper per process (every bundled copy of the lab steers the same one, as gemmFix.ts's state).
const KEY = Symbol.for('hw6-lab.helperThread');
const slot = globalThis as unknown as Record<symbol, Helper | undefined>;

/** adam.wat's adamRange: simdAdam.ts's update of elements [from, to). */
type AdamRangeFn = (
  wOld: number,
  w: number,
  g: number,
  m: number,
  v: number,
  from: number,
  to: number,
  ...floats: number[]
) => void;

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const webAssembly = () => (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

function isShared(memory: unknown): memory is object {
  const buffer = (memory as { buffer?: unknown } | undefined)?.buffer;
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}

/**
 * Starts the helper thread on a shared WebAssembly.Memory (the threaded tfjs-wasm heap) with the
 * GEMM build `flavour`. False, with nothing started, where it cannot help: a plain memory (the
 * single-threaded build), no SharedArrayBuffer or Atomics, or the kernels do not compile here.
 * The helper is used once it has instantiated its kernels (`helperReady`); until then, and if it
 * fails, every kernel runs on the calling thread alone.
 */
export function startHelperThread(memory: unknown, flavour: GemmFlavour, start: StartThread): boolean {
  stopHelperThread();
  if (!isShared(memory) || typeof Atomics === 'undefined' || typeof Atomics.wait !== 'function') return false;
  const gemmBytes = flavour === 'fma' ? gemmWat.shared : gemmWat.fallback!.shared;
  let gemm: SimdGemmFn;
  let adam: AdamRangeFn;
  try {
    const wa = webAssembly();
    const imports = { env: { memory } };
    gemm = new wa.Instance(new wa.Module(gemmBytes), imports).exports.gemm as SimdGemmFn;
    adam = new wa.Instance(new wa.Module(adamWat.shared), imports).exports.adamRange as AdamRangeFn;
  } catch {
    return false;
  }
  const control = new SharedArrayBuffer(4 * WORDS);
  const thread = start(HELPER_SOURCE, { memory, gemm: gemmBytes, adam: adamWat.shared, control });
  slot[KEY] = {
    memory,
    control: new Int32Array(control),
    controlF: new Float32Array(control),
    flavour,
    thread,
    gemm,
    adam,
    jobs: 0,
  };
  return true;
}

/** Stops the helper (it would otherwise wait for jobs forever). */
export function stopHelperThread(): void {
  const helper = slot[KEY];
  if (!helper) return;
  slot[KEY] = undefined;
  Atomics.store(helper.control, STOP, 1);
  Atomics.add(helper.control, SEQ, 1);
  Atomics.notify(helper.control, SEQ);
  void helper.thread.terminate();
}

/** The helper on `memory`, ready to take jobs; undefined otherwise. */
function readyHelper(memory: unknown): Helper | undefined {
  const helper = slot[KEY];
  return helper && helper.memory === memory && Atomics.load(helper.control, READY) === 1 ? helper : undefined;
}

/** True when jobs on `memory` are shared with a running helper thread. */
export function helperReady(memory: unknown): boolean {
  return readyHelper(memory) !== undefined;
}

/** Chunks the helper has run so far (the bench reports how much it took). */
export function helperChunks(): number {
  const helper = slot[KEY];
  return helper ? Atomics.load(helper.control, HELPER_CHUNKS) : 0;
}

/** Publishes a job and runs chunks until none is left, then waits for the helper's claims. */
function claimAndRun(helper: Helper, total: number, run: (chunk: number) => void): void {
  const c = helper.control;
  const tag = (helper.jobs = (helper.jobs + 1) & 0x7fff) << 16;
  Atomics.store(c, RELEASED, 0);
  Atomics.store(c, TOTAL, total);
  Atomics.store(c, TICKET, tag);
  Atomics.add(c, SEQ, 1);
  Atomics.notify(c, SEQ);
  let claims: number;
  let failure: { error: unknown } | undefined; // rethrown once the helper's claims are released
  for (;;) {
    const t = Atomics.load(c, TICKET);
    const i = t & 0xffff;
    if (i >= total) {
      if (Atomics.compareExchange(c, TICKET, t, tag | CLOSED) !== t) continue;
      claims = i;
      break;
    }
    if (Atomics.compareExchange(c, TICKET, t, t + 1) !== t) continue;
    try {
      if (!failure) run(i);
    } catch (error) {
      failure = { error };
    }
    Atomics.add(c, RELEASED, 1);
  }
  for (let released = Atomics.load(c, RELEASED); released < claims; released = Atomics.load(c, RELEASED))
    Atomics.wait(c, RELEASED, released);
  if (failure) throw failure.error;
  if (Atomics.load(c, FAILED)) {
    stopHelperThread();
    throw new Error("A chunk of the lab's kernel failed on its helper thread.");
  }
}

/** Rows a chunk: a multiple of 4 (the kernel's row tile), about total / CHUNKS. */
export function chunkRows(m: number, chunks = CHUNKS): number {
  return Math.max(4, 4 * Math.ceil(m / chunks / 4));
}

/**
 * The GEMM of simdGemm.ts (same arguments) split over the caller and the helper thread on
 * `memory`, or undefined when no helper runs there with this flavour; products too small to pay
 * for the wake-up run on the caller alone.
 */
export function splitGemmFor(memory: unknown, flavour: GemmFlavour, minMacs = MIN_SPLIT_MACS): SimdGemmFn | undefined {
  const helper = readyHelper(memory);
  if (!helper || helper.flavour !== flavour) return undefined;
  return (a, rs, ks, b, out, m, n, k) => {
    if (m < 8 || m * n * k < minMacs) return helper.gemm(a, rs, ks, b, out, m, n, k);
    const rows = chunkRows(m);
    const c = helper.control;
    [a, rs, ks, b, out, m, n, k].forEach((v, j) => Atomics.store(c, P + j, v));
    Atomics.store(c, KIND, 0);
    Atomics.store(c, CHUNK, rows);
    claimAndRun(helper, Math.ceil(m / rows), (i) => {
      const from = i * rows;
      helper.gemm(a + from * rs, rs, ks, b, out + from * 4 * n, Math.min(rows, m - from), n, k);
    });
  };
}

/** Adam's update (simdAdam.ts's arguments) split over the caller and the helper thread on `memory`; small ones on the caller. */
export function splitAdamFor(memory: unknown, minSize = MIN_SPLIT_ADAM): SimdAdamFn | undefined {
  const helper = readyHelper(memory);
  if (!helper) return undefined;
  return (wOld, w, g, m, v, n, ...floats) => {
    if (n < minSize) return helper.adam(wOld, w, g, m, v, 0, n, ...floats);
    const size = chunkRows(n);
    const c = helper.control;
    [wOld, w, g, m, v, n].forEach((x, j) => Atomics.store(c, P + j, x));
    floats.forEach((x, j) => (helper.controlF[F + j] = x));
    Atomics.store(c, KIND, 1);
    Atomics.store(c, CHUNK, size);
    claimAndRun(helper, Math.ceil(n / size), (i) =>
      helper.adam(wOld, w, g, m, v, i * size, Math.min(i * size + size, n), ...floats),
    );
  };
}
