// A one-pass Adam update in WebAssembly SIMD over tfjs-wasm's own heap. The module is assembled
// here byte by byte (20 instructions a vector, no toolchain), imports the backend's memory and
// exports adam(wOld, w, g, m, v, n, lr·c₁, c₂, β₁, 1−β₁, β₂, 1−β₂, ε) with byte offsets into it:
//   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← wOld − lr·c₁·m / (√(c₂·v) + ε)
// four floats at a time, then a scalar tail. A JS loop does the same at ~5 ns a float; this at
// well under 1 ns (f32x4 sqrt and div instead of float64 ones).

export type SimdAdamFn = (
  wOld: number,
  w: number,
  g: number,
  m: number,
  v: number,
  n: number,
  lrC1: number,
  c2: number,
  beta1: number,
  oneMinusBeta1: number,
  beta2: number,
  oneMinusBeta2: number,
  epsilon: number,
) => void;

// Opcodes.
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const I32_GE_U = 0x4f;
const F32_LOAD = 0x2a;
const F32_STORE = 0x38;
const F32_SQRT = 0x91;
const F32_ADD = 0x92;
const F32_SUB = 0x93;
const F32_MUL = 0x94;
const F32_DIV = 0x95;
const BLOCK = 0x02;
const LOOP = 0x03;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID = 0x40;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00, 2, 0];
const V128_STORE = [SIMD, 0x0b, 2, 0];
const F32X4_SPLAT = [SIMD, 0x13];
const F32X4_SQRT = [SIMD, 0xe3, 0x01];
const F32X4_ADD = [SIMD, 0xe4, 0x01];
const F32X4_SUB = [SIMD, 0xe5, 0x01];
const F32X4_MUL = [SIMD, 0xe6, 0x01];
const F32X4_DIV = [SIMD, 0xe7, 0x01];
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

// Parameters 0–12 as in SimdAdamFn; locals after them.
const [W_OLD, W, G, M, V, N, LR, C2, B1, A1, B2, A2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const [I, END4, NB] = [13, 14, 15];
const [VLR, VC2, VB1, VA1, VB2, VA2, VEPS, VG, VM, VV] = [16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
const [SG, SM, SV] = [26, 27, 28];

const get = (i: number) => [LOCAL_GET, i];
const set = (i: number) => [LOCAL_SET, i];
const at = (base: number) => [...get(base), ...get(I), I32_ADD];

function body(): number[] {
  const vectorLoop = [
    BLOCK, VOID, LOOP, VOID,
    ...get(I), ...get(END4), I32_GE_U, BR_IF, 1,
    ...at(G), ...V128_LOAD, ...set(VG),
    ...get(VB1), ...at(M), ...V128_LOAD, ...F32X4_MUL, ...get(VA1), ...get(VG), ...F32X4_MUL, ...F32X4_ADD, ...set(VM),
    ...at(M), ...get(VM), ...V128_STORE,
    ...get(VB2), ...at(V), ...V128_LOAD, ...F32X4_MUL, ...get(VA2), ...get(VG), ...F32X4_MUL, ...get(VG), ...F32X4_MUL, ...F32X4_ADD, ...set(VV),
    ...at(V), ...get(VV), ...V128_STORE,
    ...at(W), ...at(W_OLD), ...V128_LOAD,
    ...get(VLR), ...get(VM), ...F32X4_MUL,
    ...get(VV), ...get(VC2), ...F32X4_MUL, ...F32X4_SQRT, ...get(VEPS), ...F32X4_ADD,
    ...F32X4_DIV, ...F32X4_SUB, ...V128_STORE,
    ...get(I), I32_CONST, 16, I32_ADD, ...set(I),
    BR, 0, END, END,
  ];
  const scalarLoop = [
    BLOCK, VOID, LOOP, VOID,
    ...get(I), ...get(NB), I32_GE_U, BR_IF, 1,
    ...at(G), F32_LOAD, 2, 0, ...set(SG),
    ...get(B1), ...at(M), F32_LOAD, 2, 0, F32_MUL, ...get(A1), ...get(SG), F32_MUL, F32_ADD, ...set(SM),
    ...at(M), ...get(SM), F32_STORE, 2, 0,
    ...get(B2), ...at(V), F32_LOAD, 2, 0, F32_MUL, ...get(A2), ...get(SG), F32_MUL, ...get(SG), F32_MUL, F32_ADD, ...set(SV),
    ...at(V), ...get(SV), F32_STORE, 2, 0,
    ...at(W), ...at(W_OLD), F32_LOAD, 2, 0,
    ...get(LR), ...get(SM), F32_MUL,
    ...get(SV), ...get(C2), F32_MUL, F32_SQRT, ...get(EPS), F32_ADD,
    F32_DIV, F32_SUB, F32_STORE, 2, 0,
    ...get(I), I32_CONST, 4, I32_ADD, ...set(I),
    BR, 0, END, END,
  ];
  const code = [
    ...get(N), I32_CONST, 2, I32_SHL, ...set(NB),
    ...get(NB), I32_CONST, 0x70 /* −16 */, I32_AND, ...set(END4),
    ...[LR, C2, B1, A1, B2, A2, EPS].flatMap((p, j) => [...get(p), ...F32X4_SPLAT, ...set(VLR + j)]),
    ...vectorLoop,
    ...scalarLoop,
    END,
  ];
  const locals = vec([[3, I32], [10, V128], [3, F32]]);
  return [...locals, ...code];
}

/** The module's bytes; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdAdamModuleBytes(shared: boolean): Uint8Array {
  const type = [0x60, ...vec([...Array(6).fill([I32]), ...Array(7).fill([F32])]), 0];
  const limits = shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const fn = body();
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('adam'), 0x00, 0]])),
    ...section(10, vec([[...uleb(fn.length), ...fn]])),
  ];
  return Uint8Array.from(bytes);
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

const instances = new WeakMap<object, SimdAdamFn | null>();

/**
 * The SIMD Adam bound to a WebAssembly.Memory (tfjs-wasm's, Module.asm.memory), or undefined when
 * this engine cannot compile it (no SIMD) or the memory is not a WebAssembly.Memory.
 */
export function simdAdamFor(memory: unknown): SimdAdamFn | undefined {
  if (!memory || typeof memory !== 'object') return undefined;
  if (instances.has(memory)) return instances.get(memory) ?? undefined;
  let fn: SimdAdamFn | null = null;
  try {
    const wa = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const buffer = (memory as { buffer?: unknown }).buffer;
    const shared = typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
    const instance = new wa.Instance(new wa.Module(simdAdamModuleBytes(shared)), { env: { memory } });
    fn = instance.exports.adam as SimdAdamFn;
  } catch {
    fn = null;
  }
  instances.set(memory, fn);
  return fn ?? undefined;
}
