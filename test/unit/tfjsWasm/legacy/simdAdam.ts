// A one-pass Adam update in WebAssembly SIMD over tfjs-wasm's own heap. The module is assembled
// here byte by byte (20 instructions a vector, no toolchain), imports the backend's memory and
// exports adam(wOld, w, g, m, v, n, lr·c₁, c₂, β₁, 1−β₁, β₂, 1−β₂, ε) with byte offsets into it:
//   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← wOld − lr·c₁·m / (√(c₂·v) + ε)
// four floats at a time, then a scalar tail. A JS loop does the same at ~5 ns a float; this at
// well under 1 ns (f32x4 sqrt and div instead of float64 ones).

import { F32, get, I32, i32, instantiateOnMemory, loopUntil, memoryModule, op, set, simd, V128 } from './wasmAsm';

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

// Parameters 0–12 as in SimdAdamFn; locals after them.
const [W_OLD, W, G, M, V, N, LR, C2, B1, A1, B2, A2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const [I, END4, NB] = [13, 14, 15];
const [VLR, VC2, VB1, VA1, VB2, VA2, VEPS, VG, VM, VV] = [16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
const [SG, SM, SV] = [26, 27, 28];

const at = (base: number) => [...get(base), ...get(I), op.i32Add];
const F32_MEMARG = [2, 0];

function code(): number[] {
  const vectorLoop = loopUntil(
    [...get(I), ...get(END4), op.i32GeU],
    [
      ...at(G),
      ...simd.load,
      ...set(VG),
      ...get(VB1),
      ...at(M),
      ...simd.load,
      ...simd.f32x4Mul,
      ...get(VA1),
      ...get(VG),
      ...simd.f32x4Mul,
      ...simd.f32x4Add,
      ...set(VM),
      ...at(M),
      ...get(VM),
      ...simd.store,
      ...get(VB2),
      ...at(V),
      ...simd.load,
      ...simd.f32x4Mul,
      ...get(VA2),
      ...get(VG),
      ...simd.f32x4Mul,
      ...get(VG),
      ...simd.f32x4Mul,
      ...simd.f32x4Add,
      ...set(VV),
      ...at(V),
      ...get(VV),
      ...simd.store,
      ...at(W),
      ...at(W_OLD),
      ...simd.load,
      ...get(VLR),
      ...get(VM),
      ...simd.f32x4Mul,
      ...get(VV),
      ...get(VC2),
      ...simd.f32x4Mul,
      ...simd.f32x4Sqrt,
      ...get(VEPS),
      ...simd.f32x4Add,
      ...simd.f32x4Div,
      ...simd.f32x4Sub,
      ...simd.store,
      ...get(I),
      ...i32(16),
      op.i32Add,
      ...set(I),
    ],
  );
  const scalarLoop = loopUntil(
    [...get(I), ...get(NB), op.i32GeU],
    [
      ...at(G),
      op.f32Load,
      ...F32_MEMARG,
      ...set(SG),
      ...get(B1),
      ...at(M),
      op.f32Load,
      ...F32_MEMARG,
      op.f32Mul,
      ...get(A1),
      ...get(SG),
      op.f32Mul,
      op.f32Add,
      ...set(SM),
      ...at(M),
      ...get(SM),
      op.f32Store,
      ...F32_MEMARG,
      ...get(B2),
      ...at(V),
      op.f32Load,
      ...F32_MEMARG,
      op.f32Mul,
      ...get(A2),
      ...get(SG),
      op.f32Mul,
      ...get(SG),
      op.f32Mul,
      op.f32Add,
      ...set(SV),
      ...at(V),
      ...get(SV),
      op.f32Store,
      ...F32_MEMARG,
      ...at(W),
      ...at(W_OLD),
      op.f32Load,
      ...F32_MEMARG,
      ...get(LR),
      ...get(SM),
      op.f32Mul,
      ...get(SV),
      ...get(C2),
      op.f32Mul,
      op.f32Sqrt,
      ...get(EPS),
      op.f32Add,
      op.f32Div,
      op.f32Sub,
      op.f32Store,
      ...F32_MEMARG,
      ...get(I),
      ...i32(4),
      op.i32Add,
      ...set(I),
    ],
  );
  return [
    ...get(N),
    ...i32(2),
    op.i32Shl,
    ...set(NB),
    ...get(NB),
    ...i32(-16),
    op.i32And,
    ...set(END4),
    ...[LR, C2, B1, A1, B2, A2, EPS].flatMap((p, j) => [...get(p), ...simd.f32x4Splat, ...set(VLR + j)]),
    ...vectorLoop,
    ...scalarLoop,
  ];
}

/** The module's bytes; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdAdamModuleBytes(shared: boolean): Uint8Array {
  return memoryModule(shared, [
    {
      exportAs: 'adam',
      params: [...Array(6).fill(I32), ...Array(7).fill(F32)],
      locals: [
        [3, I32],
        [10, V128],
        [3, F32],
      ],
      code: code(),
    },
  ]);
}

const instances = new WeakMap<object, SimdAdamFn | null>();

/**
 * The SIMD Adam bound to a WebAssembly.Memory (tfjs-wasm's, Module.asm.memory), or undefined when
 * this engine cannot compile it (no SIMD) or the memory is not a WebAssembly.Memory.
 */
export function simdAdamFor(memory: unknown): SimdAdamFn | undefined {
  return instantiateOnMemory(instances, memory, simdAdamModuleBytes, (exports) => exports.adam as SimdAdamFn);
}
