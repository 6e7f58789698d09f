// PCA of a dataset's training split, the ground truth of question 4b's lab part: the covariance of
// the centred rows (1/n, so that Σ_{i>k} λ_i is the smallest mean per-sample squared error of any
// rank-k reconstruction, the number the linear autoencoder's loss is held against) and its
// eigendecomposition in float64 (ml-matrix), eigenvalues largest first.
import * as tf from '@tensorflow/tfjs-core';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface Pca {
  dim: number;
  /** Rows the covariance was computed from. */
  n: number;
  mean: Float64Array;
  /** Eigenvalues of the covariance, largest first (tiny negative round-off clamped to 0). */
  eigenvalues: Float64Array;
  /** Unit eigenvectors as rows, in the eigenvalues' order: component j is components[j·dim … (j+1)·dim). */
  components: Float64Array;
}

/** Column means of n rows of `dim` features (float64). */
export function columnMeans(x: Float32Array, n: number, dim: number): Float64Array {
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) mean[j] += x[o + j]!;
  }
  for (let j = 0; j < dim; j++) mean[j] /= n;
  return mean;
}

/**
 * The 1/n covariance of the centred rows. The product XcᵀXc runs in tfjs (float32 accumulation:
 * relative error ~1e-6 at these sizes, far below anything compared with it; plain float64 loops take
 * seconds at 784 features), on the explicitly transposed operand (wasm's transposed matMul is slow).
 */
export function covariance(x: Float32Array, n: number, dim: number, mean = columnMeans(x, n, dim)): Float64Array {
  const centred = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    for (let j = 0; j < dim; j++) centred[o + j] = x[o + j]! - mean[j]!;
  }
  const product = tf.tidy(() => {
    const xc = tf.tensor2d(centred, [n, dim]);
    return tf.div(tf.matMul(tf.transpose(xc), xc), n);
  });
  const values = product.dataSync();
  product.dispose();
  const cov = new Float64Array(dim * dim);
  // symmetrise (float32 products of the two triangles may differ in the last bit)
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const v = (values[i * dim + j]! + values[j * dim + i]!) / 2;
      cov[i * dim + j] = v;
      cov[j * dim + i] = v;
    }
  }
  return cov;
}

/** Eigendecomposition of a symmetric dim × dim matrix (row-major), eigenvalues largest first. */
export function symmetricEigen(
  cov: Float64Array,
  dim: number,
): { eigenvalues: Float64Array; components: Float64Array } {
  const m = new Matrix(dim, dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) m.set(i, j, cov[i * dim + j]!);
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const eigenvalues = new Float64Array(dim);
  const components = new Float64Array(dim * dim);
  order.forEach((col, j) => {
    eigenvalues[j] = Math.max(0, values[col]!);
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += vectors.get(i, col) ** 2;
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dim; i++) components[j * dim + i] = vectors.get(i, col) * scale;
  });
  return { eigenvalues, components };
}

export function computePca(x: Float32Array, n: number, dim: number): Pca {
  const mean = columnMeans(x, n, dim);
  const { eigenvalues, components } = symmetricEigen(covariance(x, n, dim, mean), dim);
  return { dim, n, mean, eigenvalues, components };
}

/** Σ_{i>k} λ_i: the smallest mean squared reconstruction error of a rank-k linear map (0 for k ≥ dim). */
export function pcaResidual(pca: Pick<Pca, 'eigenvalues'>, k: number): number {
  let sum = 0;
  for (let i = Math.max(0, k); i < pca.eigenvalues.length; i++) sum += pca.eigenvalues[i]!;
  return sum;
}

/** The top-m components as a dim × m matrix (columns orthonormal). */
export function topComponents(pca: Pca, m: number): Matrix {
  const cols = Math.min(m, pca.dim);
  const out = new Matrix(pca.dim, cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < pca.dim; i++) out.set(i, j, pca.components[j * pca.dim + i]!);
  return out;
}

/** The PCA features (x − mean)·V_k of n rows: n × min(k, dim) (float32, for the probe). */
export function pcaFeatures(pca: Pca, x: Float32Array, n: number, k: number): { features: Float32Array; dim: number } {
  const cols = Math.min(k, pca.dim),
    d = pca.dim;
  const centred = new Float32Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) centred[r * d + j] = x[r * d + j]! - pca.mean[j]!;
  const basis = new Float32Array(d * cols);
  for (let i = 0; i < d; i++) for (let j = 0; j < cols; j++) basis[i * cols + j] = pca.components[j * d + i]!;
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(centred, [n, d]), tf.tensor2d(basis, [d, cols])));
  const features = product.dataSync() as Float32Array;
  product.dispose();
  return { features, dim: cols };
}

/**
 * The dimension of the PCA subspace a rank-k map is compared with. When the population spectrum is
 * known (the synthetic data) and λ_k is tied with the eigenvalues after it, every k-dimensional
 * subspace of that tied eigenspace is a best rank-k subspace, so the comparison is with the whole
 * eigenspace up to the end of the tie (synthetic, k < 20: the top-20 subspace). Otherwise k.
 */
export function pcaReferenceDim(k: number, dim: number, populationEigenvalues?: readonly number[]): number {
  const kk = Math.min(k, dim);
  if (!populationEigenvalues || kk === 0 || kk >= dim) return kk;
  const lambdaK = populationEigenvalues[kk - 1]!;
  let m = kk;
  while (m < dim && populationEigenvalues[m] === lambdaK) m++;
  return m;
}
