// The synthetic dataset of the homework Q4, where PCA's answer is known in closed form: d features,
// x ~ N(0, Σ) with variance s on the first h coordinates and 1 elsewhere, the label y = [Σ_{i<h} x_i > 0]
// taken before rotation, and the features observed through a seeded random orthogonal U (x·U), so the
// informative subspace is hidden in every coordinate. The exact PCA residual makes the linear
// autoencoder's loss checkable.
import { Matrix, QrDecomposition } from 'ml-matrix';
import { createRng, type Rng } from '../engine/rng';

export interface SyntheticOptions {
  /** Features (100). */
  d?: number;
  /** Samples (20 000). */
  n?: number;
  /** Informative coordinates (20). */
  h?: number;
  /** Their variance (10). */
  s?: number;
}

export interface SyntheticSet {
  /** n × d observed features x·U, row-major. */
  x: Float32Array;
  /** n labels in {0, 1}, from the unrotated x. */
  y: Uint8Array;
  d: number;
  n: number;
  /** d × d orthogonal U, row-major (float64). */
  rotation: Float64Array;
}

export const SYNTHETIC_DEFAULTS: Required<SyntheticOptions> = { d: 100, n: 20_000, h: 20, s: 10 };

function resolveOptions(opts: SyntheticOptions = {}): Required<SyntheticOptions> {
  const o = { ...SYNTHETIC_DEFAULTS, ...opts };
  if (!Number.isInteger(o.d) || o.d < 1) throw new RangeError(`synthetic: d must be a positive integer, got ${o.d}`);
  if (!Number.isInteger(o.n) || o.n < 1) throw new RangeError(`synthetic: n must be a positive integer, got ${o.n}`);
  if (!Number.isInteger(o.h) || o.h < 1 || o.h > o.d)
    throw new RangeError(`synthetic: h must be an integer in 1..d, got ${o.h}`);
  if (!(o.s > 0)) throw new RangeError(`synthetic: s must be positive, got ${o.s}`);
  return o;
}

/**
 * A Haar-random d×d orthogonal matrix (row-major): the Q of the QR decomposition of a Gaussian
 * matrix, with each column's sign flipped so R has a positive diagonal — which makes U a function of
 * the Gaussian draws alone, not of the QR routine's sign conventions.
 */
export function randomOrthogonal(d: number, rng: Rng): Float64Array {
  const g = new Matrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) g.set(i, j, rng.normal());
  const qr = new QrDecomposition(g);
  const q = qr.orthogonalMatrix;
  const r = qr.upperTriangularMatrix;
  const u = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const sign = r.get(j, j) < 0 ? -1 : 1;
    for (let i = 0; i < d; i++) u[i * d + j] = sign * q.get(i, j);
  }
  return u;
}

/** The synthetic dataset for `seed` (defaults d 100, n 20 000, h 20, s 10). */
export function syntheticDataset(seed: number, opts?: SyntheticOptions): SyntheticSet {
  const { d, n, h, s } = resolveOptions(opts);
  const rng = createRng(seed);
  const rotation = randomOrthogonal(d, rng.fork(1));
  const sample = rng.fork(2);
  const sd = Math.sqrt(s);
  const x = new Float32Array(n * d);
  const y = new Uint8Array(n);
  // Uᵀ row-major, so each observed feature (z·U)_j = Σ_i z_i U_ij is a dot product over contiguous
  // memory (about twice as fast as accumulating a row).
  const ut = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) ut[j * d + i] = rotation[i * d + j];
  const z = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    let informative = 0;
    for (let i = 0; i < d; i++) {
      z[i] = i < h ? sd * sample.normal() : sample.normal();
      if (i < h) informative += z[i];
    }
    y[r] = informative > 0 ? 1 : 0;
    const out = r * d;
    for (let j = 0; j < d; j++) {
      const uj = j * d;
      let acc = 0;
      for (let i = 0; i < d; i++) acc += z[i] * ut[uj + i];
      x[out + j] = acc;
    }
  }
  return { x, y, d, n, rotation };
}

/** The population covariance's eigenvalues, largest first: s (h times), then 1 (d − h times). */
export function syntheticEigenvalues(opts?: SyntheticOptions): number[] {
  const { d, h, s } = resolveOptions(opts);
  return Array.from({ length: d }, (_, i) => (i < h ? s : 1));
}

/**
 * The exact PCA residual Σ_{i>k} λ_i of the population covariance: 280 − 10k for k ≤ 20,
 * 100 − k for 20 ≤ k ≤ 100 and 0 beyond (at the defaults).
 */
export function syntheticPcaResidual(k: number, opts?: SyntheticOptions): number {
  const { d, h, s } = resolveOptions(opts);
  if (!(k >= 0)) throw new RangeError(`syntheticPcaResidual: k must be ≥ 0, got ${k}`);
  const kk = Math.floor(k);
  if (kk >= d) return 0;
  return kk <= h ? (h - kk) * s + (d - h) : d - kk;
}

export interface SyntheticPart {
  /** rows × d features (a view into the set's x). */
  x: Float32Array;
  /** rows labels (a view into the set's y). */
  y: Uint8Array;
  n: number;
}

/**
 * The homework's contiguous 0.7 / 0.2 / 0.1 split (14 000 / 4 000 / 2 000 at n = 20 000), as views
 * (no copies): the rows are i.i.d., so contiguous parts are already random.
 */
export function syntheticSplits(set: SyntheticSet): { train: SyntheticPart; val: SyntheticPart; test: SyntheticPart } {
  const nTrain = Math.floor((set.n * 7) / 10);
  const nVal = Math.floor((set.n * 2) / 10);
  const part = (from: number, to: number): SyntheticPart => ({
    x: set.x.subarray(from * set.d, to * set.d),
    y: set.y.subarray(from, to),
    n: to - from,
  });
  return { train: part(0, nTrain), val: part(nTrain, nTrain + nVal), test: part(nTrain + nVal, set.n) };
}
