// Σ over the rows of a float32 matrix in WebAssembly SIMD over tfjs-wasm's heap:
// columnSum(src, dst, rows, cols) writes dst[j] = ((0 + src[0][j]) + src[1][j]) + … (byte
// offsets, row-major), four columns at a time, then one at a time. Each column is summed in row
// order with float32 adds, as the stock Sum kernel's loop does, so the bits are the same. The JS
// loop it replaces (sumFix.ts keeps it as the fallback) took ~0.25 ms for a [128, 1000] gradient.
import { f32, get, I32, F32, i32, instantiateOnMemory, loopUntil, memoryModule, op, set, simd, V128 } from './wasmAsm';

export type SimdColumnSumFn = (src: number, dst: number, rows: number, cols: number) => void;

const F32_MEMARG = [2, 0];
const [SRC, DST, ROWS, COLS] = [0, 1, 2, 3];
const [ROW_BYTES, END, COLS4_BYTES, J, P] = [4, 5, 6, 7, 8];
const ACC_S = 9;
const ACC = 10;

/** acc = 0; for p = src + j, src + j + rowBytes, … below end + j: acc += value at p; dst + j ← acc. */
function columnBlock(vector: boolean): number[] {
  const [acc, zero, load, add, store] = vector
    ? [ACC, [...f32(0), ...simd.f32x4Splat], simd.load, simd.f32x4Add, simd.store]
    : [ACC_S, f32(0), [op.f32Load, ...F32_MEMARG], [op.f32Add], [op.f32Store, ...F32_MEMARG]];
  return [
    ...zero,
    ...set(acc),
    ...get(SRC),
    ...get(J),
    op.i32Add,
    ...set(P),
    ...loopUntil(
      [...get(P), ...get(END), ...get(J), op.i32Add, op.i32GeU],
      [...get(acc), ...get(P), ...load, ...add, ...set(acc), ...get(P), ...get(ROW_BYTES), op.i32Add, ...set(P)],
    ),
    ...get(DST),
    ...get(J),
    op.i32Add,
    ...get(acc),
    ...store,
  ];
}

function code(): number[] {
  return [
    ...get(COLS),
    ...i32(2),
    op.i32Shl,
    ...set(ROW_BYTES),
    ...get(SRC),
    ...get(ROWS),
    ...get(ROW_BYTES),
    op.i32Mul,
    op.i32Add,
    ...set(END),
    ...get(ROW_BYTES),
    ...i32(-16),
    op.i32And,
    ...set(COLS4_BYTES),
    ...i32(0),
    ...set(J),
    ...loopUntil(
      [...get(J), ...get(COLS4_BYTES), op.i32GeU],
      [...columnBlock(true), ...get(J), ...i32(16), op.i32Add, ...set(J)],
    ),
    ...loopUntil(
      [...get(J), ...get(ROW_BYTES), op.i32GeU],
      [...columnBlock(false), ...get(J), ...i32(4), op.i32Add, ...set(J)],
    ),
  ];
}

/** The module's bytes; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdColumnSumModuleBytes(shared: boolean): Uint8Array {
  return memoryModule(shared, [
    {
      exportAs: 'columnSum',
      params: Array(4).fill(I32),
      locals: [
        [5, I32],
        [1, F32],
        [1, V128],
      ],
      code: code(),
    },
  ]);
}

const instances = new WeakMap<object, SimdColumnSumFn | null>();

/** The SIMD column sum bound to tfjs-wasm's WebAssembly.Memory; undefined where it cannot compile. */
export function simdColumnSumFor(memory: unknown): SimdColumnSumFn | undefined {
  return instantiateOnMemory(
    instances,
    memory,
    simdColumnSumModuleBytes,
    (exports) => exports.columnSum as SimdColumnSumFn,
  );
}
