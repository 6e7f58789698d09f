// Dense row-major float64 matrices, just enough for Q1's ground-truth network: the karate graph
// has 34 nodes, so plain loops are exact enough (float64) and fast enough (no tensor dispatch).

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols entries, row-major. */
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols)
    throw new Error(`a ${rows}×${cols} matrix needs ${rows * cols} entries, got ${data.length}`);
  return { rows, cols, data };
}

export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** A·B. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  checkInner(a.cols, b.rows, 'A·B');
  const out = matrix(a.rows, b.cols);
  const ad = a.data,
    bd = b.data,
    od = out.data,
    n = a.cols,
    m = b.cols;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < n; k++) {
      const aik = ad[i * n + k];
      if (aik === 0) continue; // Â and X = I are mostly zeros
      for (let j = 0; j < m; j++) od[i * m + j] += aik * bd[k * m + j];
    }
  }
  return out;
}

/** Aᵀ·B. */
export function matMulTransA(a: Matrix, b: Matrix): Matrix {
  checkInner(a.rows, b.rows, 'Aᵀ·B');
  const out = matrix(a.cols, b.cols);
  const ad = a.data,
    bd = b.data,
    od = out.data,
    n = a.cols,
    m = b.cols;
  for (let k = 0; k < a.rows; k++) {
    for (let j = 0; j < m; j++) {
      const bkj = bd[k * m + j];
      if (bkj === 0) continue; // B is Â H_in, mostly zeros in the first layer
      for (let i = 0; i < n; i++) od[i * m + j] += ad[k * n + i] * bkj;
    }
  }
  return out;
}

/** A·Bᵀ. */
export function matMulTransB(a: Matrix, b: Matrix): Matrix {
  checkInner(a.cols, b.cols, 'A·Bᵀ');
  const out = matrix(a.rows, b.rows);
  const ad = a.data,
    bd = b.data,
    od = out.data,
    n = a.cols,
    m = b.rows;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < n; k++) {
      const aik = ad[i * n + k];
      if (aik === 0) continue; // A is Â H_in, mostly zeros in the first layer
      for (let j = 0; j < m; j++) od[i * m + j] += aik * bd[j * n + k];
    }
  }
  return out;
}

function checkInner(left: number, right: number, what: string): void {
  if (left !== right) throw new Error(`${what}: inner dimensions differ (${left} vs ${right})`);
}
