// The trusted implementations the checks compare with: plain float64 loops over row-major arrays,
// independent of tfjs and of reference.ts. Q, K: [N, D]; V: [N, M]; outputs [N_q, M].

// Staff side only (expected.staff.ts): these loops compute what the TODOs ask, so the student
// build ships their outputs on the check inputs instead (expected.student.ts).
import type { KernelVariant, Matrix } from './matrix';

export { matrix, type KernelVariant, type Matrix } from './matrix';

function dot(a: Matrix, i: number, b: Matrix, j: number): number {
  let s = 0;
  for (let d = 0; d < a.cols; d++) s += a.data[i * a.cols + d]! * b.data[j * b.cols + d]!;
  return s;
}

/** sim(Q_i, K_j) for every pair: (qᵀk + 1)² or, homogeneous, (qᵀk)². */
export function kernel64(Q: Matrix, K: Matrix, variant: KernelVariant = 'inhomogeneous'): Matrix {
  const c = variant === 'inhomogeneous' ? 1 : 0;
  const out = new Float64Array(Q.rows * K.rows);
  for (let i = 0; i < Q.rows; i++) for (let j = 0; j < K.rows; j++) out[i * K.rows + j] = (dot(Q, i, K, j) + c) ** 2;
  return { rows: Q.rows, cols: K.rows, data: out };
}

/** eq. 3: V'_i = Σ_j w_ij V_j / Σ_j w_ij for the weights w [N_q, N_k]. */
export function weightedAverage64(w: Matrix, V: Matrix): Matrix {
  const out = new Float64Array(w.rows * V.cols);
  for (let i = 0; i < w.rows; i++) {
    let total = 0;
    for (let j = 0; j < w.cols; j++) {
      const wij = w.data[i * w.cols + j]!;
      total += wij;
      for (let m = 0; m < V.cols; m++) out[i * V.cols + m]! += wij * V.data[j * V.cols + m]!;
    }
    for (let m = 0; m < V.cols; m++) out[i * V.cols + m]! /= total;
  }
  return { rows: w.rows, cols: V.cols, data: out };
}

/** softmax(QKᵀ/√D) V, with the row maximum subtracted before exp. */
export function softmaxAttention64(Q: Matrix, K: Matrix, V: Matrix): Matrix {
  const scale = 1 / Math.sqrt(Q.cols);
  const w = new Float64Array(Q.rows * K.rows);
  for (let i = 0; i < Q.rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < K.rows; j++) max = Math.max(max, (w[i * K.rows + j] = dot(Q, i, K, j) * scale));
    for (let j = 0; j < K.rows; j++) w[i * K.rows + j] = Math.exp(w[i * K.rows + j]! - max);
  }
  return weightedAverage64({ rows: Q.rows, cols: K.rows, data: w }, V);
}

export function kernelAttention64(Q: Matrix, K: Matrix, V: Matrix, variant: KernelVariant = 'inhomogeneous'): Matrix {
  return weightedAverage64(kernel64(Q, K, variant), V);
}
