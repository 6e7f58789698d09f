// The Q3 checks, on the judge's side. The student's functions run in the child (ctx.child): each is
// called once per check input, in one batched round trip per function, and what comes back is read
// as untrusted wire data (wireValues.ts). Expected outputs come from `expectations` (expected.ts:
// float64 loops in the repository's build, their recorded outputs in the student's), never from
// reference.ts; the equivalence of eq. 3 and eq. 5 is judged on the
// student's own two forms (with their φ). A malformed return value becomes a finding at the TODO of
// the function that returned it; a function that throws fails the checks that needed its result.
import { StudentFailureError, type ChildCalls, type CallOutcome } from '../../problem';
import type { Finding } from '../../engine/events';
import { wireTensor, type WireTensor } from '../../engine/wire';
import { matrix, type KernelVariant, type Matrix } from './matrix';
import { expectations as defaultExpectations, type KernelExpectations, type KernelOutputs } from './expected';
import { CHECK_SIZES, checkInputs } from './checkInputs';
import { difference, largestMagnitude, type Difference } from './difference';
import { MARKERS } from './meta';
import { columnsOf, readTensor, valueOf } from './wireValues';
import { finding, guarded } from '../findings';

export { CHECK_SIZES } from './checkInputs';
export { difference, type Difference } from './difference';
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

/** The check inputs (checkInputs.ts) as float64 matrices: the ground truth's operands; `wire` makes them the student's. */
export interface CheckData {
  Q: Matrix;
  K: Matrix;
  V: Matrix;
  /** The expected outputs on Q, K, V (expected.ts). */
  want: KernelOutputs;
}

export function checkData(seed: number, expect: KernelExpectations = defaultExpectations): CheckData {
  const inputSeed = expect.dataSeed(seed);
  const { Q, K, V } = checkInputs(inputSeed);
  return {
    Q: matrix(Q.rows, Q.cols, Q.values),
    K: matrix(K.rows, K.cols, K.values),
    V: matrix(V.rows, V.cols, V.values),
    want: expect.outputs(inputSeed),
  };
}

/** A check input as an argument of the student's function (float32: the values are float32 already). */
const wire = (m: Matrix): WireTensor => wireTensor(m.data, [m.rows, m.cols]);

/** Calls a student function once on matrices and reads its [rows, cols] result (a ShapeError otherwise). */
async function call(
  child: ChildCalls,
  marker: string,
  name: string,
  what: string,
  shape: [number, number],
  ...args: Matrix[]
): Promise<Float64Array> {
  return readTensor(await child.callOne(marker, name, args.map(wire)), shape, what, marker);
}

/** Reads a result whose second dimension is free: [rows, ?]. */
function readFree(outcome: CallOutcome | undefined, marker: string, what: string, rows: number): Matrix {
  const value = valueOf(outcome);
  const cols = columnsOf(value);
  return matrix(rows, cols, readTensor(value, [rows, cols], what, marker));
}

const sci = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(1) : String(x));
const at = (index: number, cols: number): string => `[${Math.floor(index / cols)}, ${index % cols}]`;
const withinTolerance = (d: Difference): boolean => d.relative <= RELATIVE_TOLERANCE;
/** The largest difference as the Testing view's diff: the lab's entry with the tolerance, the student's. */
const entry = (
  name: string,
  where: string,
  want: number,
  got: number,
  tolerance = `relative ± ${sci(RELATIVE_TOLERANCE)}`,
): { expected: string; actual: string } => ({
  expected: `${name}${where} = ${want.toPrecision(6)} (${tolerance})`,
  actual: `${name}${where} = ${got.toPrecision(6)}`,
});

export function checkSoftmaxAttention(child: ChildCalls, data: CheckData): Promise<Finding> {
  const id = 'q3.softmax-attention',
    m = MARKERS.softmax;
  const { Q, K, V } = data;
  return guarded(id, m, async () => {
    const got = await call(
      child,
      m,
      'softmaxAttention',
      `softmaxAttention(Q [${Q.rows}, ${Q.cols}], K, V [${V.rows}, ${V.cols}])`,
      [Q.rows, V.cols],
      Q,
      K,
      V,
    );
    const want = data.want.softmax;
    const d = difference(got, want.data);
    if (!withinTolerance(d)) {
      return {
        ...entry('softmaxAttention', at(d.index, V.cols), want.data[d.index]!, got[d.index]!),
        ...finding(
          id,
          m,
          false,
          `softmaxAttention${at(d.index, V.cols)} is ${got[d.index]!.toPrecision(6)}; softmax(QKᵀ/√D)V (each row of weights summing to 1) gives ${want.data[d.index]!.toPrecision(6)} there (largest difference ${sci(d.maxAbsDiff)}, relative ${sci(d.relative)}; allowed ${sci(RELATIVE_TOLERANCE)}).`,
          `softmax ✗ ${sci(d.relative)}`,
        ),
      };
    }
    return finding(
      id,
      m,
      true,
      `softmaxAttention matches a float64 softmax(QKᵀ/√D)V (N = ${Q.rows}, D = ${Q.cols}, M = ${V.cols}) within ${sci(d.maxAbsDiff)}.`,
      `softmax ✓ ${sci(d.maxAbsDiff)}`,
    );
  });
}

export interface KernelVerdict {
  finding: Finding;
  /** The variant the student's kernel computes (inhomogeneous when it matches neither). */
  variant: KernelVariant;
  matches: boolean;
}

export async function checkQuadraticKernel(child: ChildCalls, data: CheckData): Promise<KernelVerdict> {
  const id = 'q3.quadratic-kernel',
    m = MARKERS.kernel;
  const { Q, K } = data;
  let variant: KernelVariant = 'inhomogeneous';
  let matches = false;
  const result = await guarded(id, m, async () => {
    const got = await call(
      child,
      m,
      'quadraticKernel',
      `quadraticKernel(Q [${Q.rows}, ${Q.cols}], K [${K.rows}, ${K.cols}])`,
      [Q.rows, K.rows],
      Q,
      K,
    );
    const full = data.want.kernel.inhomogeneous;
    const dFull = difference(got, full.data);
    const dHomogeneous = difference(got, data.want.kernel.homogeneous.data);
    if (withinTolerance(dFull)) {
      matches = true;
      return finding(
        id,
        m,
        true,
        `quadraticKernel(Q, K)[i, j] = (Q_iᵀK_j + 1)² for every pair (largest difference ${sci(dFull.maxAbsDiff)}).`,
        'sim ✓',
      );
    }
    if (withinTolerance(dHomogeneous)) {
      [variant, matches] = ['homogeneous', true];
      return finding(
        id,
        m,
        true,
        `quadraticKernel(Q, K)[i, j] = (Q_iᵀK_j)²: the homogeneous quadratic kernel, accepted; the homework's (qᵀk + 1)² also keeps the linear terms and never vanishes for orthogonal q, k (see q3.denominator).`,
        'sim = (qᵀk)² ✓',
      );
    }
    return {
      ...entry('quadraticKernel(Q, K)', at(dFull.index, K.rows), full.data[dFull.index]!, got[dFull.index]!),
      ...finding(
        id,
        m,
        false,
        `quadraticKernel(Q, K)${at(dFull.index, K.rows)} is ${got[dFull.index]!.toPrecision(6)}; (Q_iᵀK_j + 1)² is ${full.data[dFull.index]!.toPrecision(6)} there (relative difference ${sci(dFull.relative)}; expected the [N_q, N_k] matrix of (qᵀk + 1)² over all query-key pairs).`,
        'sim ✗',
      ),
    };
  });
  return { finding: result, variant, matches };
}

export interface FeatureMapVerdict {
  finding: Finding;
  size: FeatureSizeVerdict;
}

/**
 * φ(Q)φ(K)ᵀ must equal the student's kernel (and the kernel must be right), with an accepted size.
 * `features` are the outcomes of featureMap(Q) and featureMap(K).
 */
export async function checkFeatureMap(
  data: CheckData,
  kernel: KernelVerdict,
  features: readonly CallOutcome[],
): Promise<FeatureMapVerdict> {
  const id = 'q3.feature-map',
    m = MARKERS.featureMap;
  const { Q, K } = data;
  const D = Q.cols;
  const accepted = acceptedFeatureSizes(D, kernel.variant);
  const size: FeatureSizeVerdict = { D, actual: 0, accepted };
  const result = await guarded(id, m, () => {
    const phiQ = readFree(features[0], m, `featureMap(X [${Q.rows}, ${D}])`, Q.rows);
    const phiK = readFree(features[1], m, `featureMap(X [${K.rows}, ${D}])`, K.rows);
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
    const want = data.want.kernel[kernel.variant];
    const d = difference(products, want.data);
    const formula = kernel.variant === 'inhomogeneous' ? '(qᵀk + 1)²' : '(qᵀk)²';
    const other: KernelVariant = kernel.variant === 'inhomogeneous' ? 'homogeneous' : 'inhomogeneous';
    if (!withinTolerance(d) && kernel.matches && withinTolerance(difference(products, data.want.kernel[other].data))) {
      return {
        ...finding(
          id,
          m,
          false,
          `φ(Q_i)ᵀφ(K_j) = ${other === 'inhomogeneous' ? '(qᵀk + 1)²' : '(qᵀk)²'}, but your quadraticKernel computes ${formula}: eq. 3 and eq. 5 must use the same kernel.`,
          'φ ≠ your kernel',
        ),
        hints: [
          "Compare your kernel with the homework's definition of the quadratic kernel, then build φ for that one.",
          "The homework's kernel is (qᵀk + 1)², and its φ is built from x̃ = [1; x].",
        ],
      };
    }
    if (!withinTolerance(d)) {
      // the kernel's formula is answer 3b-i: named only when the student's own kernel computes it
      const kernelName = kernel.matches
        ? `the kernel ${formula}`
        : 'the quadratic kernel (quadraticKernel fails too: fix it first)';
      return {
        ...finding(
          id,
          m,
          false,
          `φ(Q_i)ᵀφ(K_j) must equal ${kernelName}: at ${at(d.index, K.rows)} it is ${products[d.index]!.toPrecision(6)}, the kernel is ${want.data[d.index]!.toPrecision(6)} (relative difference ${sci(d.relative)}).`,
          `φ ✗ ${sci(d.relative)}`,
        ),
        // the kernel's formula is named as the message names it; otherwise only when answers are revealed
        ...entry(
          kernel.matches ? formula : 'the kernel ',
          at(d.index, K.rows),
          want.data[d.index]!,
          products[d.index]!,
        ),
        actual: `φ(Q_i)ᵀφ(K_j)${at(d.index, K.rows)} = ${products[d.index]!.toPrecision(6)}`,
        ...(kernel.matches
          ? {}
          : { revealedExpected: entry(formula, at(d.index, K.rows), want.data[d.index]!, 0).expected }),
        hints: [
          'Expand the kernel as a sum of products of one term in q and one in k: each product is one feature. Count how often each product appears.',
          'φ(x) = vec(x̃x̃ᵀ) with x̃ = [1; x]; in the compact form each cross term x̃_i·x̃_j (i < j) carries a factor √2.',
        ],
      };
    }
    if (!accepted.includes(phiQ.cols)) {
      return finding(
        id,
        m,
        false,
        `featureMap returns ${phiQ.cols} features for D = ${D}; expected ${sizes}.`,
        `φ ✗ size ${phiQ.cols}`,
      );
    }
    const compact = phiQ.cols === accepted[1];
    return finding(
      id,
      m,
      true,
      `φ(Q_i)ᵀφ(K_j) = ${formula} for every pair (largest difference ${sci(d.maxAbsDiff)}); φ has ${phiQ.cols} features for D = ${D}${compact ? ', the compact form' : `; the compact form needs only ${accepted[1]}`}.`,
      `φ ✓ F = ${phiQ.cols}`,
    );
  });
  return { finding: result, size };
}

/** eq. 3 against float64; its output (when it has the right shape) is what eq. 5 is compared with. */
export async function checkKernelAttentionQuadratic(
  child: ChildCalls,
  data: CheckData,
  kernel: KernelVerdict,
): Promise<{ finding: Finding; output?: Float64Array; threw: boolean }> {
  const id = 'q3.kernel-attention-quadratic',
    m = MARKERS.quadratic;
  const { Q, K, V } = data;
  let output: Float64Array | undefined;
  let threw = false;
  const result = await guarded(id, m, async () => {
    try {
      output = await call(
        child,
        m,
        'kernelAttentionQuadratic',
        `kernelAttentionQuadratic(Q [${Q.rows}, ${Q.cols}], K, V [${V.rows}, ${V.cols}])`,
        [Q.rows, V.cols],
        Q,
        K,
        V,
      );
    } catch (err) {
      threw = err instanceof StudentFailureError;
      throw err;
    }
    // eq. 3 with the student's kernel variant, or with the homework's (qᵀk + 1)²
    const variant =
      kernel.variant === 'homogeneous' && withinTolerance(difference(output, data.want.attention.inhomogeneous.data))
        ? 'inhomogeneous'
        : kernel.variant;
    const want = data.want.attention[variant];
    const d = difference(output, want.data);
    const formula = variant === 'inhomogeneous' ? '(qᵀk + 1)²' : '(qᵀk)²';
    if (!withinTolerance(d)) {
      return {
        ...entry('kernelAttentionQuadratic', at(d.index, V.cols), want.data[d.index]!, output[d.index]!),
        ...finding(
          id,
          m,
          false,
          `kernelAttentionQuadratic${at(d.index, V.cols)} is ${output[d.index]!.toPrecision(6)}; eq. 3 with sim = ${formula}, V'_i = Σ_j sim(Q_i, K_j)V_j / Σ_j sim(Q_i, K_j), gives ${want.data[d.index]!.toPrecision(6)} (relative difference ${sci(d.relative)}).`,
          `eq. 3 ✗ ${sci(d.relative)}`,
        ),
      };
    }
    return finding(
      id,
      m,
      true,
      `kernelAttentionQuadratic matches eq. 3 with sim = ${formula} in float64 within ${sci(d.maxAbsDiff)}.`,
      `eq. 3 ✓ ${sci(d.maxAbsDiff)}`,
    );
  });
  return { finding: result, output, threw };
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

/**
 * eq. 3 against eq. 5, both the student's (eq. 5 with their φ), on the same inputs: `linearOutcome`
 * is the outcome of kernelAttentionLinear(Q, K, V), `quadratic` eq. 3's result when it had the right
 * shape (`quadraticThrew`: eq. 3 threw instead).
 */
export async function checkEquivalence(
  data: CheckData,
  linearOutcome: CallOutcome | undefined,
  quadratic: Float64Array | undefined,
  failedBefore: readonly string[],
  quadraticThrew = false,
): Promise<{ finding: Finding; result?: EquivalenceResult }> {
  const id = 'q3.equivalence',
    m = MARKERS.linear;
  const { Q, V } = data;
  let result: EquivalenceResult | undefined;
  const f = await guarded(id, m, () => {
    const linear = readTensor(
      valueOf(linearOutcome),
      [Q.rows, V.cols],
      `kernelAttentionLinear(Q [${Q.rows}, ${Q.cols}], K, V [${V.rows}, ${V.cols}])`,
      m,
    );
    if (!quadratic && quadraticThrew)
      return {
        ...finding(
          id,
          m,
          false,
          'Not compared: kernelAttentionQuadratic (eq. 3) threw (see q3.kernel-attention-quadratic).',
          'eq. 3 = eq. 5 ?',
        ),
        causedBy: MARKERS.quadratic,
      };
    if (!quadratic)
      return {
        ...finding(
          id,
          m,
          false,
          'Not compared: kernelAttentionQuadratic (eq. 3) did not return a result of the right shape (see q3.kernel-attention-quadratic).',
          'eq. 3 = eq. 5 ?',
        ),
        causedBy: MARKERS.quadratic,
      };
    const d = difference(linear, quadratic);
    const scale = largestMagnitude(quadratic);
    result = {
      N: Q.rows,
      D: Q.cols,
      M: V.cols,
      maxAbsDiff: d.maxAbsDiff,
      tolerance: RELATIVE_TOLERANCE * scale,
      ok: withinTolerance(d),
    };
    if (!result.ok) {
      const before = failedBefore.length
        ? ` ${failedBefore.join(', ')} ${failedBefore.length > 1 ? 'fail' : 'fails'} too: fix ${failedBefore.length > 1 ? 'them' : 'it'} first.`
        : ' Check that eq. 5 uses your featureMap for both φ(Q_i) and φ(K_j), and divides by φ(Q_i)ᵀΣ_jφ(K_j).';
      return {
        expected: `eq. 5${at(d.index, V.cols)} = eq. 3's ${quadratic[d.index]!.toPrecision(6)} (± ${sci(result.tolerance)})`,
        actual: `eq. 5${at(d.index, V.cols)} = ${linear[d.index]!.toPrecision(6)}`,
        ...finding(
          id,
          m,
          false,
          `eq. 5 (kernelAttentionLinear) differs from eq. 3 (kernelAttentionQuadratic) on the same Q, K, V: largest difference ${sci(d.maxAbsDiff)} at ${at(d.index, V.cols)} (${linear[d.index]!.toPrecision(6)} against ${quadratic[d.index]!.toPrecision(6)}); allowed ${sci(result.tolerance)} for float32.${before}`,
          `eq. 3 ≠ eq. 5: ${sci(d.maxAbsDiff)}`,
        ),
      };
    }
    return finding(
      id,
      m,
      true,
      `eq. 5 (kernelAttentionLinear) equals eq. 3 (kernelAttentionQuadratic) on N = ${Q.rows}, D = ${Q.cols}, M = ${V.cols}: largest difference ${sci(d.maxAbsDiff)} (allowed ${sci(result.tolerance)}).`,
      `eq. 3 = eq. 5 ✓ ${sci(d.maxAbsDiff)}`,
    );
  });
  return { finding: f, result };
}

export interface DenominatorCase {
  name: string;
  Q: Matrix;
  K: Matrix;
}

/** The denominator's inputs: the random check inputs, and every query orthogonal to every key. */
export function denominatorCases(data: CheckData): DenominatorCase[] {
  const { D } = CHECK_SIZES;
  const n = 8;
  const orthogonalQ = matrix(
    n,
    D,
    Array.from({ length: n * D }, (_, k) => (k % D === 0 ? k / D - 3 : 0)),
  ); // multiples of e1, query 3 is 0
  const orthogonalK = matrix(
    n,
    D,
    Array.from({ length: n * D }, (_, k) => (k % D === 1 ? 1 + (k - 1) / D : 0)),
  ); // multiples of e2
  return [
    { name: 'random inputs', Q: data.Q, K: data.K },
    {
      name: 'every query orthogonal to every key (queries along e₁, one of them 0; keys along e₂)',
      Q: orthogonalQ,
      K: orthogonalK,
    },
  ];
}

/** V = 1 for a case: eq. 5 must return 1 for every query (a weighted average of ones). */
export const onesFor = (c: DenominatorCase): Matrix => matrix(c.K.rows, 1, new Float64Array(c.K.rows).fill(1));

/**
 * The denominator of eq. 5, φ(Q_i)ᵀΣ_jφ(K_j), on random inputs and on adversarial ones where every
 * query is orthogonal to every key (and a zero query): (qᵀk)² vanishes there, (qᵀk + 1)² does not.
 * Read twice: from the student's φ directly, and as eq. 5 applied to V = 1 (which must return 1).
 * Per case, `features` holds the outcomes of featureMap(Q) and featureMap(K) and `normalized` that
 * of kernelAttentionLinear(Q, K, 1).
 */
export function checkDenominator(
  cases: readonly DenominatorCase[],
  features: readonly [CallOutcome, CallOutcome][],
  normalizedOutcomes: readonly CallOutcome[],
): Promise<Finding> {
  const id = 'q3.denominator',
    m = MARKERS.linear;
  const { D } = CHECK_SIZES;
  return guarded(id, m, () => {
    for (const [k, c] of cases.entries()) {
      const phiQ = readFree(features[k]?.[0], MARKERS.featureMap, `featureMap(X [${c.Q.rows}, ${D}])`, c.Q.rows);
      const phiK = readFree(features[k]?.[1], MARKERS.featureMap, `featureMap(X [${c.K.rows}, ${D}])`, c.K.rows);
      const normalized = readTensor(
        valueOf(normalizedOutcomes[k]),
        [c.Q.rows, 1],
        `kernelAttentionLinear(Q [${c.Q.rows}, ${D}], K [${c.K.rows}, ${D}], V [${c.K.rows}, 1])`,
        m,
      );
      let smallest = Infinity,
        row = 0;
      if (phiQ.cols === phiK.cols) {
        for (let i = 0; i < c.Q.rows; i++) {
          let s = 0;
          for (let j = 0; j < c.K.rows; j++)
            for (let f = 0; f < phiQ.cols; f++) s += phiQ.data[i * phiQ.cols + f]! * phiK.data[j * phiK.cols + f]!;
          if (!(s >= smallest)) [smallest, row] = [s, i];
        }
      }
      const badRow = normalized.findIndex((x) => !(Math.abs(x - 1) <= 1e-3));
      if (!(smallest > 0) || badRow >= 0) {
        const where = badRow >= 0 ? badRow : row;
        const value =
          badRow >= 0
            ? ` and kernelAttentionLinear(Q, K, V = 1) returns ${normalized[badRow]} there (must be 1: a weighted average of ones)`
            : '';
        return finding(
          id,
          m,
          false,
          `On ${c.name}, the eq. 5 denominator φ(Q_i)ᵀΣ_jφ(K_j) of your featureMap is ${Number.isFinite(smallest) ? smallest.toPrecision(3) : 'not computable'} for query ${where}${value}. A kernel such as (qᵀk)² vanishes for orthogonal q and k, so the denominator can be 0 and eq. 5 divides 0 by 0; with (qᵀk + 1)² (φ built from x̃ = [1; x]) every such term is 1, and the average stays defined.`,
          'denominator ✗ 0',
          'warning',
        );
      }
    }
    return finding(
      id,
      m,
      true,
      'The eq. 5 denominator φ(Q_i)ᵀΣ_jφ(K_j) is positive on random inputs and when every query is orthogonal to every key, and eq. 5 with V = 1 returns 1.',
      'denominator > 0 ✓',
    );
  });
}

export interface Q3CheckResult {
  findings: Finding[];
  equivalence?: EquivalenceResult;
  featureSize: FeatureSizeVerdict;
}

/**
 * Every code check, in the order of the TODOs (the answers.md checks are added by the problem). Each
 * student function is called in one round trip: featureMap on the check inputs and on the
 * denominator's, kernelAttentionLinear on (Q, K, V) and on each denominator case with V = 1.
 */
export async function checkKernelAttention(
  child: ChildCalls,
  seed: number,
  expect: KernelExpectations = defaultExpectations,
): Promise<Q3CheckResult> {
  const data = checkData(seed, expect);
  const cases = denominatorCases(data);
  const softmax = await checkSoftmaxAttention(child, data);
  const kernel = await checkQuadraticKernel(child, data);
  // featureMap(Q), featureMap(K) of each case: the first case's are the feature-map check's too
  const features = await child.call(
    MARKERS.featureMap,
    'featureMap',
    cases.flatMap((c) => [[wire(c.Q)], [wire(c.K)]]),
  );
  const featuresOf = cases.map((_, k) => [features[2 * k]!, features[2 * k + 1]!] as [CallOutcome, CallOutcome]);
  const phi = await checkFeatureMap(data, kernel, featuresOf[0]!);
  const quadratic = await checkKernelAttentionQuadratic(child, data, kernel);
  const failed = [kernel.finding, phi.finding, quadratic.finding].filter((f) => !f.ok).map((f) => f.checkId);
  const [linear, ...normalized] = await child.call(MARKERS.linear, 'kernelAttentionLinear', [
    [wire(data.Q), wire(data.K), wire(data.V)],
    ...cases.map((c) => [wire(c.Q), wire(c.K), wire(onesFor(c))]),
  ]);
  const equivalence = await checkEquivalence(data, linear, quadratic.output, failed, quadratic.threw);
  const denominator = await checkDenominator(cases, featuresOf, normalized);
  return {
    findings: [softmax, kernel.finding, phi.finding, quadratic.finding, equivalence.finding, denominator],
    equivalence: equivalence.result,
    featureSize: phi.size,
  };
}
