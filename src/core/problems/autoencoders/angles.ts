// Principal angles between subspaces (question 4b's lab part): the linear autoencoder's decoder
// column space against PCA's top components. Orthonormal bases by QR, the singular values of
// Q₁ᵀQ₂ are the cosines of the angles (float64, ml-matrix), reported in degrees, smallest first.
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';

/** An orthonormal basis of the column space of `a` (rows × cols, full column rank assumed): thin Q. */
export function orthonormalBasis(a: Matrix): Matrix {
  const q = new QrDecomposition(a).orthogonalMatrix;
  return q.columns === a.columns ? q : q.subMatrix(0, a.rows - 1, 0, a.columns - 1);
}

/** The min(p, q) principal angles (degrees, ascending) between the column spaces of a (d × p) and b (d × q). */
export function principalAnglesDeg(a: Matrix, b: Matrix): number[] {
  if (a.rows !== b.rows)
    throw new RangeError(`principal angles: ${a.rows}-dimensional and ${b.rows}-dimensional subspaces`);
  return anglesBetweenBases(orthonormalBasis(a), orthonormalBasis(b));
}

/** The principal angles (degrees, ascending) between the spans of two orthonormal bases (d × p, d × q). */
export function anglesBetweenBases(qa: Matrix, qb: Matrix): number[] {
  const m = qa.transpose().mmul(qb);
  const svd = new SingularValueDecomposition(m, {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  });
  const count = Math.min(qa.columns, qb.columns);
  return svd.diagonal
    .slice(0, count)
    .map((s) => (Math.acos(Math.min(1, Math.max(-1, s))) * 180) / Math.PI)
    .sort((x, y) => x - y);
}

/** A matrix from row-major float values (rows × cols). */
export function matrixOf(values: ArrayLike<number>, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, values[i * cols + j]!);
  return m;
}

export function meanOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
