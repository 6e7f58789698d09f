// The check inputs, shared by both halves: the judge compares the student's functions on them with
// float64 (checks.ts), the child's run sets the student's eq. 3 beside their eq. 5 on them for the
// panel. Plain float32 data (no tfjs): N ≠ D ≠ M, so a transposed or mixed-up operand shows as a
// wrong shape.
import { createRng, type Rng } from '../../engine/rng';

/** Check sizes: N ≠ D ≠ M, so a transposed or mixed-up operand shows as a wrong shape. */
export const CHECK_SIZES = { N: 48, D: 6, M: 5 } as const;

/** A row-major float32 matrix. */
export interface InputMatrix {
  rows: number;
  cols: number;
  values: Float32Array;
}

export interface CheckInputs {
  Q: InputMatrix;
  K: InputMatrix;
  V: InputMatrix;
}

/** Entries N(0, scale²), drawn from `rng` (float32 values: what the float64 checks read back too). */
export function normalMatrix(rng: Rng, rows: number, cols: number, scale = 1): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * scale;
  return out;
}

/** Q, K [N, D] and V [N, M] of the check sizes, N(0, 1) entries: qᵀk/√D has unit variance (softmax weights neither uniform nor one-hot). */
export function checkInputs(seed: number): CheckInputs {
  const rng = createRng(seed ^ 0x3a77);
  const { N, D, M } = CHECK_SIZES;
  const of = (rows: number, cols: number): InputMatrix => ({ rows, cols, values: normalMatrix(rng, rows, cols) });
  const Q = of(N, D);
  const K = of(N, D);
  return { Q, K, V: of(N, M) };
}
