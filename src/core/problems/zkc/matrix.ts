// Dense row-major float64 matrices, just enough for Q1's ground-truth network: the karate graph
// has 34 nodes, so plain loops are exact enough (float64) and fast enough (no tensor dispatch).

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** rows × cols entries, row-major. */
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols) throw new Error(`a ${rows}×${cols} matrix needs ${rows * cols} entries, got ${data.length}`);
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
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return out;
}

/** Aᵀ·B. */
export function matMulTransA(a: Matrix, b: Matrix): Matrix {
  checkInner(a.rows, b.rows, 'Aᵀ·B');
  const out = matrix(a.cols, b.cols);
  for (let k = 0; k < a.rows; k++) {
    for (let i = 0; i < a.cols; i++) {
      const aki = a.data[k * a.cols + i];
      if (aki === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += aki * b.data[k * b.cols + j];
    }
  }
  return out;
}

/** A·Bᵀ. */
export function matMulTransB(a: Matrix, b: Matrix): Matrix {
  checkInner(a.cols, b.cols, 'A·Bᵀ');
  const out = matrix(a.rows, b.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.rows; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[j * b.cols + k];
      out.data[i * b.rows + j] = s;
    }
  }
  return out;
}

function checkInner(left: number, right: number, what: string): void {
  if (left !== right) throw new Error(`${what}: inner dimensions differ (${left} vs ${right})`);
}
