// The Q3 checks. Expectations come from the float64 implementations (float64.ts), never from
// reference.ts; the equivalence of eq. 3 and eq. 5 is judged on the student's own two forms (with
// their φ). A malformed return value becomes a finding at the TODO of the function that returned it;
// an exception in student code propagates (the run reports it at its line).
import * as tf from '@tensorflow/tfjs';
import type { Finding } from '../../engine/events';
import { createRng } from '../../engine/rng';
import { expectTensor, scoped, tidyStudent } from '../zkc/tensors';
import { kernel64, kernelAttention64, matrix, softmaxAttention64, type KernelVariant, type Matrix } from './float64';
import { normalMatrix } from './inputs';
import { MARKERS } from './meta';
import type { KernelAttentionSolution } from './solution';
import { finding, guarded } from '../findings';

/** Check sizes: N ≠ D ≠ M, so a transposed or mixed-up operand shows as a wrong shape. */
export const CHECK_SIZES = { N: 48, D: 6, M: 5 } as const;
/**
 * Float32 results agree with float64 to ~1e-6 of their scale at these sizes (measured: ≤ 3e-7
 * for the reference's forms); 1e-4 leaves room for any summation order, while the mistakes the
 * checks are for (a missing √2 in φ, a missing 1/√D, a missing normalisation) are ≥ 1e-2.
 */
export const RELATIVE_TOLERANCE = 1e-4;

export type FeatureSizeVerdict = { D: number; actual: number; accepted: number[] };

/** The accepted sizes of φ for a kernel variant: the full vec(x̃x̃ᵀ) and the compact upper triangle. */
export function acceptedFeatureSizes(D: number, variant: KernelVariant): number[] {
  return variant === 'inhomogeneous' ? [(D + 1) ** 2, ((D + 1) * (D + 2)) / 2] : [D * D, (D * (D + 1)) / 2];
}

interface CheckData {
  Q: Matrix;
  K: Matrix;
  V: Matrix;
}

function checkData(seed: number): CheckData {
  const rng = createRng(seed ^ 0x3a77);
  const { N, D, M } = CHECK_SIZES;
  // N(0, 1) entries: qᵀk/√D has unit variance (softmax weights neither uniform nor one-hot).
  return { Q: matrix(N, D, normalMatrix(rng, N, D)), K: matrix(N, D, normalMatrix(rng, N, D)), V: matrix(N, M, normalMatrix(rng, N, M)) };
}

const tensorOf = (m: Matrix): tf.Tensor2D => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);

/** Calls a student function on matrices and reads its [rows, cols] result back (a ShapeError otherwise). */
function call(marker: string, what: string, shape: [number, number], fn: (...t: tf.Tensor2D[]) => tf.Tensor2D, ...args: Matrix[]): Float64Array {
  return scoped(() => {
    const value = tidyStudent(marker, what, () => fn(...args.map(tensorOf)));
    return Float64Array.from(expectTensor(value, shape, what, marker).dataSync());
  });
}

/** Calls a student function whose result's second dimension is free: [rows, ?]. */
function callFree(marker: string, what: string, rows: number, fn: (x: tf.Tensor2D) => tf.Tensor2D, arg: Matrix): Matrix {
  return scoped(() => {
    const value = tidyStudent(marker, what, () => fn(tensorOf(arg)));
    const cols = value instanceof tf.Tensor && value.rank === 2 ? value.shape[1]! : -1;
    const t = expectTensor(value, [rows, cols], what, marker);
    return matrix(rows, cols, t.dataSync());
  });
}

export interface Difference {
  /** Largest |got − want|. */
  maxAbsDiff: number;
  /** maxAbsDiff relative to the largest |want|. */
  relative: number;
  index: number;
}

export function difference(got: ArrayLike<number>, want: ArrayLike<number>): Difference {
  let maxAbsDiff = 0, index = 0, scale = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    const d = Math.abs(got[i]! - want[i]!);
    if (!(d <= maxAbsDiff)) [maxAbsDiff, index] = [d, i]; // NaN counts as the largest difference
  }
  return { maxAbsDiff, relative: maxAbsDiff / Math.max(scale, 1e-30), index };
}

const sci = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : String(x));
const at = (index: number, cols: number): string => `[${Math.floor(index / cols)}, ${index % cols}]`;
const withinTolerance = (d: Difference): boolean => d.relative <= RELATIVE_TOLERANCE;

export function checkSoftmaxAttention(solution: KernelAttentionSolution, data: CheckData): Finding {
  const id = 'q3.softmax-attention', m = MARKERS.softmax;
  const { Q, K, V } = data;
  return guarded(id, m, () => {
    const got = call(m, `softmaxAttention(Q [${Q.rows}, ${Q.cols}], K, V [${V.rows}, ${V.cols}])`, [Q.rows, V.cols], solution.softmaxAttention, Q, K, V);
    const want = softmaxAttention64(Q, K, V);
    const d = difference(got, want.data);
    if (!withinTolerance(d)) {
      return finding(id, m, false, `softmaxAttention${at(d.index, V.cols)} is ${got[d.index]!.toPrecision(6)}; softmax(QKᵀ/√D)V (each row of weights summing to 1) gives ${want.data[d.index]!.toPrecision(6)} there (largest difference ${sci(d.maxAbsDiff)}, relative ${sci(d.relative)}; allowed ${sci(RELATIVE_TOLERANCE)}).`, `softmax ✗ ${sci(d.relative)}`);
    }
    return finding(id, m, true, `softmaxAttention matches a float64 softmax(QKᵀ/√D)V (N = ${Q.rows}, D = ${Q.cols}, M = ${V.cols}) within ${sci(d.maxAbsDiff)}.`, `softmax ✓ ${sci(d.maxAbsDiff)}`);
  });
}

export interface KernelVerdict {
  finding: Finding;
  /** The variant the student's kernel computes (inhomogeneous when it matches neither). */
  variant: KernelVariant;
  matches: boolean;
}

export function checkQuadraticKernel(solution: KernelAttentionSolution, data: CheckData): KernelVerdict {
  const id = 'q3.quadratic-kernel', m = MARKERS.kernel;
  const { Q, K } = data;
  let variant: KernelVariant = 'inhomogeneous';
  let matches = false;
  const result = guarded(id, m, () => {
    const got = call(m, `quadraticKernel(Q [${Q.rows}, ${Q.cols}], K [${K.rows}, ${K.cols}])`, [Q.rows, K.rows], solution.quadraticKernel, Q, K);
    const full = kernel64(Q, K, 'inhomogeneous');
    const dFull = difference(got, full.data);
    const dHomogeneous = difference(got, kernel64(Q, K, 'homogeneous').data);
    if (withinTolerance(dFull)) {
      matches = true;
      return finding(id, m, true, `quadraticKernel(Q, K)[i, j] = (Q_iᵀK_j + 1)² for every pair (largest difference ${sci(dFull.maxAbsDiff)}).`, 'sim ✓');
    }
    if (withinTolerance(dHomogeneous)) {
      [variant, matches] = ['homogeneous', true];
      return finding(id, m, true, `quadraticKernel(Q, K)[i, j] = (Q_iᵀK_j)²: the homogeneous quadratic kernel, accepted; the homework's (qᵀk + 1)² also keeps the linear terms and never vanishes for orthogonal q, k (see q3.denominator).`, 'sim = (qᵀk)² ✓');
    }
    return finding(id, m, false, `quadraticKernel(Q, K)${at(dFull.index, K.rows)} is ${got[dFull.index]!.toPrecision(6)}; (Q_iᵀK_j + 1)² is ${full.data[dFull.index]!.toPrecision(6)} there (relative difference ${sci(dFull.relative)}; expected the [N_q, N_k] matrix of (qᵀk + 1)² over all query-key pairs).`, 'sim ✗');
  });
  return { finding: result, variant, matches };
}

export interface FeatureMapVerdict {
  finding: Finding;
  size: FeatureSizeVerdict;
}

/** φ(Q)φ(K)ᵀ must equal the student's kernel (and the kernel must be right), with an accepted size. */
export function checkFeatureMap(solution: KernelAttentionSolution, data: CheckData, kernel: KernelVerdict): FeatureMapVerdict {
  const id = 'q3.feature-map', m = MARKERS.featureMap;
  const { Q, K } = data;
  const D = Q.cols;
  const accepted = acceptedFeatureSizes(D, kernel.variant);
  const size: FeatureSizeVerdict = { D, actual: 0, accepted };
  const result = guarded(id, m, () => {
    const phiQ = callFree(m, `featureMap(X [${Q.rows}, ${D}])`, Q.rows, solution.featureMap, Q);
    const phiK = callFree(m, `featureMap(X [${K.rows}, ${D}])`, K.rows, solution.featureMap, K);
    size.actual = phiQ.cols;
    const sizes = `${accepted[0]} = ${kernel.variant === 'inhomogeneous' ? '(D+1)²' : 'D²'} or ${accepted[1]} = ${kernel.variant === 'inhomogeneous' ? '(D+1)(D+2)/2' : 'D(D+1)/2'} (compact, √2 on cross terms)`;
    const products = new Float64Array(Q.rows * K.rows);
    for (let i = 0; i < Q.rows; i++) {
      for (let j = 0; j < K.rows; j++) {
        let s = 0;
        for (let f = 0; f < phiQ.cols; f++) s += phiQ.data[i * phiQ.cols + f]! * phiK.data[j * phiK.cols + f]!;
        products[i * K.rows + j] = s;
      }
    }
    const want = kernel64(Q, K, kernel.variant);
    const d = difference(products, want.data);
    const formula = kernel.variant === 'inhomogeneous' ? '(qᵀk + 1)²' : '(qᵀk)²';
    const other: KernelVariant = kernel.variant === 'inhomogeneous' ? 'homogeneous' : 'inhomogeneous';
    if (!withinTolerance(d) && kernel.matches && withinTolerance(difference(products, kernel64(Q, K, other).data))) {
      return finding(id, m, false, `φ(Q_i)ᵀφ(K_j) = ${other === 'inhomogeneous' ? '(qᵀk + 1)²' : '(qᵀk)²'}, but your quadraticKernel computes ${formula}: eq. 3 and eq. 5 must use the same kernel (the homework's is (qᵀk + 1)², φ built from x̃ = [1; x]).`, 'φ ≠ your kernel');
    }
    if (!withinTolerance(d)) {
      const hint = kernel.matches ? '' : ' (quadraticKernel fails too: the kernel to reproduce is (qᵀk + 1)²)';
      return finding(id, m, false, `φ(Q_i)ᵀφ(K_j) must equal the kernel ${formula}${hint}: at ${at(d.index, K.rows)} it is ${products[d.index]!.toPrecision(6)}, the kernel is ${want.data[d.index]!.toPrecision(6)} (relative difference ${sci(d.relative)}). φ(x) = vec(x̃x̃ᵀ) with x̃ = [1; x]; in the compact form each cross term x̃_i·x̃_j (i < j) carries a factor √2.`, `φ ✗ ${sci(d.relative)}`);
    }
    if (!accepted.includes(phiQ.cols)) {
      return finding(id, m, false, `featureMap returns ${phiQ.cols} features for D = ${D}; expected ${sizes}.`, `φ ✗ size ${phiQ.cols}`);
    }
    const compact = phiQ.cols === accepted[1];
    return finding(id, m, true, `φ(Q_i)ᵀφ(K_j) = ${formula} for every pair (largest difference ${sci(d.maxAbsDiff)}); φ has ${phiQ.cols} features for D = ${D}${compact ? ', the compact form' : `; the compact form needs only ${accepted[1]}`}.`, `φ ✓ F = ${phiQ.cols}`);
  });
  return { finding: result, size };
}

export function checkKernelAttentionQuadratic(solution: KernelAttentionSolution, data: CheckData, kernel: KernelVerdict): { finding: Finding; output?: Float64Array } {
  const id = 'q3.kernel-attention-quadratic', m = MARKERS.quadratic;
  const { Q, K, V } = data;
  let output: Float64Array | undefined;
  const result = guarded(id, m, () => {
    output = call(m, `kernelAttentionQuadratic(Q [${Q.rows}, ${Q.cols}], K, V [${V.rows}, ${V.cols}])`, [Q.rows, V.cols], solution.kernelAttentionQuadratic, Q, K, V);
    // eq. 3 with the student's kernel variant, or with the homework's (qᵀk + 1)²
    const variant = kernel.variant === 'homogeneous' && withinTolerance(difference(output, kernelAttention64(Q, K, V, 'inhomogeneous').data)) ? 'inhomogeneous' : kernel.variant;
    const want = kernelAttention64(Q, K, V, variant);
    const d = difference(output, want.data);
    const formula = variant === 'inhomogeneous' ? '(qᵀk + 1)²' : '(qᵀk)²';
    if (!withinTolerance(d)) {
      return finding(id, m, false, `kernelAttentionQuadratic${at(d.index, V.cols)} is ${output[d.index]!.toPrecision(6)}; eq. 3 with sim = ${formula}, V'_i = Σ_j sim(Q_i, K_j)V_j / Σ_j sim(Q_i, K_j), gives ${want.data[d.index]!.toPrecision(6)} (relative difference ${sci(d.relative)}).`, `eq. 3 ✗ ${sci(d.relative)}`);
    }
    return finding(id, m, true, `kernelAttentionQuadratic matches eq. 3 with sim = ${formula} in float64 within ${sci(d.maxAbsDiff)}.`, `eq. 3 ✓ ${sci(d.maxAbsDiff)}`);
  });
  return { finding: result, output };
}

export interface EquivalenceResult {
  N: number;
  D: number;
  M: number;
  maxAbsDiff: number;
  /** Allowed maxAbsDiff: RELATIVE_TOLERANCE × the largest |eq. 3 output|. */
  tolerance: number;
  ok: boolean;
}

/** eq. 3 against eq. 5, both the student's (eq. 5 with their φ), on the same inputs. */
export function checkEquivalence(solution: KernelAttentionSolution, data: CheckData, quadratic: Float64Array | undefined, failedBefore: readonly string[]): { finding: Finding; result?: EquivalenceResult } {
  const id = 'q3.equivalence', m = MARKERS.linear;
  const { Q, K, V } = data;
  let result: EquivalenceResult | undefined;
  const f = guarded(id, m, () => {
    const linear = call(m, `kernelAttentionLinear(Q [${Q.rows}, ${Q.cols}], K, V [${V.rows}, ${V.cols}])`, [Q.rows, V.cols], solution.kernelAttentionLinear, Q, K, V);
    if (!quadratic) return finding(id, m, false, 'Not compared: kernelAttentionQuadratic (eq. 3) did not return a result of the right shape (see q3.kernel-attention-quadratic).', 'eq. 3 = eq. 5 ?');
    const d = difference(linear, quadratic);
    const scale = quadratic.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
    result = { N: Q.rows, D: Q.cols, M: V.cols, maxAbsDiff: d.maxAbsDiff, tolerance: RELATIVE_TOLERANCE * scale, ok: withinTolerance(d) };
    if (!result.ok) {
      const before = failedBefore.length ? ` ${failedBefore.join(', ')} ${failedBefore.length > 1 ? 'fail' : 'fails'} too: fix ${failedBefore.length > 1 ? 'them' : 'it'} first.` : ' Check that eq. 5 uses your featureMap for both φ(Q_i) and φ(K_j), and divides by φ(Q_i)ᵀΣ_jφ(K_j).';
      return finding(id, m, false, `eq. 5 (kernelAttentionLinear) differs from eq. 3 (kernelAttentionQuadratic) on the same Q, K, V: largest difference ${sci(d.maxAbsDiff)} at ${at(d.index, V.cols)} (${linear[d.index]!.toPrecision(6)} against ${quadratic[d.index]!.toPrecision(6)}); allowed ${sci(result.tolerance)} for float32.${before}`, `eq. 3 ≠ eq. 5: ${sci(d.maxAbsDiff)}`);
    }
    return finding(id, m, true, `eq. 5 (kernelAttentionLinear) equals eq. 3 (kernelAttentionQuadratic) on N = ${Q.rows}, D = ${Q.cols}, M = ${V.cols}: largest difference ${sci(d.maxAbsDiff)} (allowed ${sci(result.tolerance)}).`, `eq. 3 = eq. 5 ✓ ${sci(d.maxAbsDiff)}`);
  });
  return { finding: f, result };
}

/**
 * The denominator of eq. 5, φ(Q_i)ᵀΣ_jφ(K_j), on random inputs and on adversarial ones where every
 * query is orthogonal to every key (and a zero query): (qᵀk)² vanishes there, (qᵀk + 1)² does not.
 * Read twice: from the student's φ directly, and as eq. 5 applied to V = 1 (which must return 1).
 */
export function checkDenominator(solution: KernelAttentionSolution, data: CheckData): Finding {
  const id = 'q3.denominator', m = MARKERS.linear;
  const { D } = CHECK_SIZES;
  const n = 8;
  const orthogonalQ = matrix(n, D, Array.from({ length: n * D }, (_, k) => (k % D === 0 ? k / D - 3 : 0))); // multiples of e1, query 3 is 0
  const orthogonalK = matrix(n, D, Array.from({ length: n * D }, (_, k) => (k % D === 1 ? 1 + (k - 1) / D : 0))); // multiples of e2
  const cases: { name: string; Q: Matrix; K: Matrix }[] = [
    { name: 'random inputs', Q: data.Q, K: data.K },
    { name: 'every query orthogonal to every key (queries along e₁, one of them 0; keys along e₂)', Q: orthogonalQ, K: orthogonalK },
  ];
  return guarded(id, m, () => {
    for (const c of cases) {
      const phiQ = callFree(MARKERS.featureMap, `featureMap(X [${c.Q.rows}, ${D}])`, c.Q.rows, solution.featureMap, c.Q);
      const phiK = callFree(MARKERS.featureMap, `featureMap(X [${c.K.rows}, ${D}])`, c.K.rows, solution.featureMap, c.K);
      const ones = matrix(c.K.rows, 1, new Float64Array(c.K.rows).fill(1));
      const normalized = call(m, `kernelAttentionLinear(Q [${c.Q.rows}, ${D}], K [${c.K.rows}, ${D}], V [${c.K.rows}, 1])`, [c.Q.rows, 1], solution.kernelAttentionLinear, c.Q, c.K, ones);
      let smallest = Infinity, row = 0;
      if (phiQ.cols === phiK.cols) {
        for (let i = 0; i < c.Q.rows; i++) {
          let s = 0;
          for (let j = 0; j < c.K.rows; j++) for (let f = 0; f < phiQ.cols; f++) s += phiQ.data[i * phiQ.cols + f]! * phiK.data[j * phiK.cols + f]!;
          if (!(s >= smallest)) [smallest, row] = [s, i];
        }
      }
      const badRow = normalized.findIndex((x) => !(Math.abs(x - 1) <= 1e-3));
      if (!(smallest > 0) || badRow >= 0) {
        const where = badRow >= 0 ? badRow : row;
        const value = badRow >= 0 ? ` and kernelAttentionLinear(Q, K, V = 1) returns ${normalized[badRow]} there (must be 1: a weighted average of ones)` : '';
        return finding(
          id, m, false,
          `On ${c.name}, the eq. 5 denominator φ(Q_i)ᵀΣ_jφ(K_j) of your featureMap is ${Number.isFinite(smallest) ? smallest.toPrecision(3) : 'not computable'} for query ${where}${value}. A kernel such as (qᵀk)² vanishes for orthogonal q and k, so the denominator can be 0 and eq. 5 divides 0 by 0; with (qᵀk + 1)² (φ built from x̃ = [1; x]) every such term is 1, and the average stays defined.`,
          'denominator ✗ 0',
          'warning',
        );
      }
    }
    return finding(id, m, true, 'The eq. 5 denominator φ(Q_i)ᵀΣ_jφ(K_j) is positive on random inputs and when every query is orthogonal to every key, and eq. 5 with V = 1 returns 1.', 'denominator > 0 ✓');
  });
}

export interface Q3CheckResult {
  findings: Finding[];
  equivalence?: EquivalenceResult;
  featureSize: FeatureSizeVerdict;
}

/** Every code check, in the order of the TODOs (the answers.md checks are added by the problem). */
export function checkKernelAttention(solution: KernelAttentionSolution, seed: number): Q3CheckResult {
  const data = checkData(seed);
  const softmax = checkSoftmaxAttention(solution, data);
  const kernel = checkQuadraticKernel(solution, data);
  const phi = checkFeatureMap(solution, data, kernel);
  const quadratic = checkKernelAttentionQuadratic(solution, data, kernel);
  const failed = [kernel.finding, phi.finding, quadratic.finding].filter((f) => !f.ok).map((f) => f.checkId);
  const equivalence = checkEquivalence(solution, data, quadratic.output, failed);
  const denominator = checkDenominator(solution, data);
  return {
    findings: [softmax, kernel.finding, phi.finding, quadratic.finding, equivalence.finding, denominator],
    equivalence: equivalence.result,
    featureSize: phi.size,
  };
}
