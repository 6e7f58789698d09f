// A cache-blocked 2-D transpose of 32-bit values in WebAssembly SIMD over tfjs-wasm's heap:
// transpose(src, dst, rows, cols) writes dst[j][i] = src[i][j] (byte offsets, row-major). The
// interior goes in 4 × 4 blocks (four v128 loads, eight shuffles, four stores), 16 source rows at a
// time so each destination row gets whole 64-byte lines; the right and bottom strips (rows or cols
// not a multiple of 4) go value by value. It copies bits (i32 loads and stores), so NaN payloads
// and −0 survive. The stock kernel's scalar loop walks the destination with a stride and runs at
// 1–3.5 ns a float (worst for batch-of-128 shapes, whose 512-byte stride aliases in the cache).
import { get, I32, i32, instantiateOnMemory, loopUntil, memoryModule, op, set, simd, tee, V128 } from './wasmAsm';

export type SimdTransposeFn = (src: number, dst: number, rows: number, cols: number) => void;

/** Source rows per pass over the columns: 16 floats = one cache line of each destination row. */
const STRIP = 16;
const I32_MEMARG = [2, 0];

// transpose: parameters, then locals.
const [SRC, DST, ROWS, COLS] = [0, 1, 2, 3];
const [ROW_BYTES, OUT_ROW_BYTES, ROWS4, COLS4, IB, IE, I0, J0, P, Q] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const [R0, R1, R2, R3, T0, T1, T2, T3] = [14, 15, 16, 17, 18, 19, 20, 21];

/** transpose(src, dst, rows, cols): function 1; it calls the scalar strip copy, function 0. */
function transposeCode(): number[] {
  const loadRow = (r: number, first: boolean) => [
    ...(first ? [] : [...get(P), ...get(ROW_BYTES), op.i32Add, ...set(P)]),
    ...get(P),
    ...simd.load,
    ...set(r),
  ];
  const storeRow = (lanes: [number, number, number, number], x: number, y: number, first: boolean) => [
    ...(first ? [] : [...get(Q), ...get(OUT_ROW_BYTES), op.i32Add, ...set(Q)]),
    ...get(Q),
    ...get(x),
    ...get(y),
    ...simd.shuffle32(lanes),
    ...simd.store,
  ];
  const block4x4 = [
    // p = src + i0·rowBytes + j0·4
    ...get(SRC),
    ...get(I0),
    ...get(ROW_BYTES),
    op.i32Mul,
    op.i32Add,
    ...get(J0),
    ...i32(2),
    op.i32Shl,
    op.i32Add,
    ...set(P),
    ...loadRow(R0, true),
    ...loadRow(R1, false),
    ...loadRow(R2, false),
    ...loadRow(R3, false),
    // rows a b c d → t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = c0 d0 c1 d1, t3 = c2 d2 c3 d3
    ...get(R0),
    ...get(R1),
    ...simd.shuffle32([0, 4, 1, 5]),
    ...set(T0),
    ...get(R0),
    ...get(R1),
    ...simd.shuffle32([2, 6, 3, 7]),
    ...set(T1),
    ...get(R2),
    ...get(R3),
    ...simd.shuffle32([0, 4, 1, 5]),
    ...set(T2),
    ...get(R2),
    ...get(R3),
    ...simd.shuffle32([2, 6, 3, 7]),
    ...set(T3),
    // q = dst + j0·outRowBytes + i0·4; columns 0–3 of the block become rows of dst
    ...get(DST),
    ...get(J0),
    ...get(OUT_ROW_BYTES),
    op.i32Mul,
    op.i32Add,
    ...get(I0),
    ...i32(2),
    op.i32Shl,
    op.i32Add,
    ...set(Q),
    ...storeRow([0, 1, 4, 5], T0, T2, true),
    ...storeRow([2, 3, 6, 7], T0, T2, false),
    ...storeRow([0, 1, 4, 5], T1, T3, false),
    ...storeRow([2, 3, 6, 7], T1, T3, false),
  ];
  const overRows = loopUntil(
    [...get(I0), ...get(IE), op.i32GeU],
    [...block4x4, ...get(I0), ...i32(4), op.i32Add, ...set(I0)],
  );
  const overCols = loopUntil(
    [...get(J0), ...get(COLS4), op.i32GeU],
    [...get(IB), ...set(I0), ...overRows, ...get(J0), ...i32(4), op.i32Add, ...set(J0)],
  );
  const overStrips = loopUntil(
    [...get(IB), ...get(ROWS4), op.i32GeU],
    [
      // ie = min(ib + STRIP, rows4)
      ...get(IB),
      ...i32(STRIP),
      op.i32Add,
      ...tee(IE),
      ...get(ROWS4),
      ...get(IE),
      ...get(ROWS4),
      op.i32LtU,
      op.select,
      ...set(IE),
      ...i32(0),
      ...set(J0),
      ...overCols,
      ...get(IB),
      ...i32(STRIP),
      op.i32Add,
      ...set(IB),
    ],
  );
  const strip = (rowStart: number[], rowEnd: number[], colStart: number[], colEnd: number[]) => [
    ...get(SRC),
    ...get(DST),
    ...get(ROWS),
    ...get(COLS),
    ...rowStart,
    ...rowEnd,
    ...colStart,
    ...colEnd,
    op.call,
    0,
  ];
  return [
    ...get(COLS),
    ...i32(2),
    op.i32Shl,
    ...set(ROW_BYTES),
    ...get(ROWS),
    ...i32(2),
    op.i32Shl,
    ...set(OUT_ROW_BYTES),
    ...get(ROWS),
    ...i32(-4),
    op.i32And,
    ...set(ROWS4),
    ...get(COLS),
    ...i32(-4),
    op.i32And,
    ...set(COLS4),
    ...overStrips,
    ...strip(i32(0), get(ROWS4), get(COLS4), get(COLS)), // right strip of the blocked rows
    ...strip(get(ROWS4), get(ROWS), i32(0), get(COLS)), // bottom rows, every column
  ];
}

// copyStrip(src, dst, rows, cols, i0, i1, j0, j1): parameters, then locals.
const [S_SRC, S_DST, S_ROWS, S_COLS, S_I0, S_I1, S_J0, S_J1] = [0, 1, 2, 3, 4, 5, 6, 7];
const [S_I, S_J] = [8, 9];

/** dst[j][i] = src[i][j] for i0 ≤ i < i1, j0 ≤ j < j1, one value at a time: function 0. */
function copyStripCode(): number[] {
  const copy = [
    // dst + (j·rows + i)·4 ← src + (i·cols + j)·4
    ...get(S_DST),
    ...get(S_J),
    ...get(S_ROWS),
    op.i32Mul,
    ...get(S_I),
    op.i32Add,
    ...i32(2),
    op.i32Shl,
    op.i32Add,
    ...get(S_SRC),
    ...get(S_I),
    ...get(S_COLS),
    op.i32Mul,
    ...get(S_J),
    op.i32Add,
    ...i32(2),
    op.i32Shl,
    op.i32Add,
    op.i32Load,
    ...I32_MEMARG,
    op.i32Store,
    ...I32_MEMARG,
  ];
  const overCols = loopUntil(
    [...get(S_J), ...get(S_J1), op.i32GeU],
    [...copy, ...get(S_J), ...i32(1), op.i32Add, ...set(S_J)],
  );
  return [
    ...get(S_I0),
    ...set(S_I),
    ...loopUntil(
      [...get(S_I), ...get(S_I1), op.i32GeU],
      [...get(S_J0), ...set(S_J), ...overCols, ...get(S_I), ...i32(1), op.i32Add, ...set(S_I)],
    ),
  ];
}

/** The module's bytes; `shared` for a threaded build's SharedArrayBuffer memory. */
export function simdTransposeModuleBytes(shared: boolean): Uint8Array {
  return memoryModule(shared, [
    { params: Array(8).fill(I32), locals: [[2, I32]], code: copyStripCode() },
    {
      exportAs: 'transpose',
      params: Array(4).fill(I32),
      locals: [
        [10, I32],
        [8, V128],
      ],
      code: transposeCode(),
    },
  ]);
}

const instances = new WeakMap<object, SimdTransposeFn | null>();

/** The SIMD transpose bound to tfjs-wasm's WebAssembly.Memory; undefined where it cannot compile. */
export function simdTransposeFor(memory: unknown): SimdTransposeFn | undefined {
  return instantiateOnMemory(
    instances,
    memory,
    simdTransposeModuleBytes,
    (exports) => exports.transpose as SimdTransposeFn,
  );
}
