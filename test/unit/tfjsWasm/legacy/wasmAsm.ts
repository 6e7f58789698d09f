// Just enough of a WebAssembly assembler for the lab's small SIMD kernels (simdAdam, simdTranspose):
// opcodes, LEB128, sections, and a module of functions over one imported memory (tfjs-wasm's heap,
// shared in the threaded build). No toolchain: each kernel writes its instructions as byte arrays.

export const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f32Load: 0x2a,
  f32Const: 0x43,
  i32Store: 0x36,
  f32Store: 0x38,
  i32Const: 0x41,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Shl: 0x74,
  f32Sqrt: 0x91,
  f32Add: 0x92,
  f32Sub: 0x93,
  f32Mul: 0x94,
  f32Div: 0x95,
} as const;

/** Block type "no result". */
export const VOID = 0x40;
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

const SIMD = 0xfd;
/** memarg of a 4-byte aligned access at offset 0. */
const ALIGNED4 = [2, 0];
export const simd = {
  load: [SIMD, 0x00, ...ALIGNED4],
  store: [SIMD, 0x0b, ...ALIGNED4],
  f32x4Splat: [SIMD, 0x13],
  f32x4Sqrt: [SIMD, 0xe3, 0x01],
  f32x4Add: [SIMD, 0xe4, 0x01],
  f32x4Sub: [SIMD, 0xe5, 0x01],
  f32x4Mul: [SIMD, 0xe6, 0x01],
  f32x4Div: [SIMD, 0xe7, 0x01],
  /** i8x16.shuffle picking 32-bit lanes 0–7 of the two operands (0–3 first, 4–7 second). */
  shuffle32: (lanes: [number, number, number, number]) => [
    SIMD,
    0x0d,
    ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]),
  ],
};

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

export const get = (i: number) => [op.localGet, ...uleb(i)];
export const set = (i: number) => [op.localSet, ...uleb(i)];
export const tee = (i: number) => [op.localTee, ...uleb(i)];
export const i32 = (n: number) => [op.i32Const, ...sleb(n)];
export const f32 = (x: number) => [op.f32Const, ...new Uint8Array(Float32Array.of(x).buffer)];

/** `block { loop { br_if exit when the condition holds; body; br loop } }`. */
export function loopUntil(exitCondition: number[], body: number[]): number[] {
  return [op.block, VOID, op.loop, VOID, ...exitCondition, op.brIf, 1, ...body, op.br, 0, op.end, op.end];
}

export interface WasmFunction {
  /** Exported under this name when set. */
  exportAs?: string;
  params: number[];
  /** Local declarations beyond the parameters: [count, type] runs. */
  locals: [number, number][];
  /** The body's instructions, without the final `end`. */
  code: number[];
}

/**
 * A module importing env.memory (`shared` for a SharedArrayBuffer memory) with the given functions
 * (each returns nothing), in order: function i is `call i`.
 */
export function memoryModule(shared: boolean, functions: WasmFunction[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const limits = shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const bodies = functions.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.code, op.end];
    return [...uleb(body.length), ...body];
  });
  const exports = functions.flatMap((f, i) => (f.exportAs ? [[...name(f.exportAs), 0x00, ...uleb(i)]] : []));
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(exports)),
    ...section(10, vec(bodies)),
  ]);
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/**
 * The exports of `build(shared)` instantiated on a WebAssembly.Memory (tfjs-wasm's), cached per
 * memory; undefined when this engine cannot compile it (no SIMD) or `memory` is not a memory.
 */
export function instantiateOnMemory<T>(
  cache: WeakMap<object, T | null>,
  memory: unknown,
  build: (shared: boolean) => Uint8Array,
  pick: (exports: Record<string, unknown>) => T,
): T | undefined {
  if (!memory || typeof memory !== 'object') return undefined;
  if (cache.has(memory)) return cache.get(memory) ?? undefined;
  let result: T | null = null;
  try {
    const wa = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const buffer = (memory as { buffer?: unknown }).buffer;
    const shared = typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
    result = pick(new wa.Instance(new wa.Module(build(shared)), { env: { memory } }).exports);
  } catch {
    result = null;
  }
  cache.set(memory, result);
  return result ?? undefined;
}
