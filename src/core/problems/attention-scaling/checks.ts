// The Q2 checks, on the judge's side. The inputs are drawn here (float32 values of a seeded Rng),
// the student's functions run in the child (ctx.child), and what comes back is read as untrusted data
// and compared here with float64 values of the same inputs (`expectations`, expected.ts: computed
// live in the repository's build, recorded in the student's), never with the reference solution. A
// malformed return value is a failed finding (ShapeError), and so is an exception in student code
// (StudentFailureError), at the marker of the function. The comparisons use no global the student's
// code could replace (arith.ts).
import type { Finding } from '../../engine/events';
import type { CancelSignal } from '../../engine/cancel';
import { float32Normals, type Rng } from '../../engine/rng';
import { wireNormals, wireTensor } from '../../engine/wire';
import type { ChildCalls, JudgeContext, ProblemConfig } from '../../problem';
import { checkAnswers } from '../../answers';
import { guarded, finding } from '../findings';
import { abs, log, max2 } from './arith';
import { ANSWER_IDS, MARKERS } from './meta';
import { answerMonteCarlo } from './monteCarlo';
import { maxOf, meanVariance } from './stats';
import {
  ATTENTION_SHAPES,
  drawAttentionInputs,
  drawDotCases,
  drawVarianceSamples,
  varianceInputs,
  VARIANCE_CHECK,
} from './cases';
import { checkRngs } from './checkRngs';
import { expectations as defaultExpectations, type RowDots, type ScalingExpectations } from './expected';
import { hiddenChecks } from './hidden';
import { isGradingRun } from '../grading';
import { readVector, valueOf } from './wireValues';

export { VARIANCE_CHECK };
/** |Var(qᵀk/√d) − 1| allowed: about 10 standard errors at 20 000 samples. */
const DOT_VARIANCE_TOLERANCE = 0.1;
/** |variance of the softmax's input scores − 1| allowed: about 8 standard errors at 200 trials of 64 keys. */
const SCORE_VARIANCE_TOLERANCE = 0.15;

const fmt = (x: number, digits = 4): string =>
  Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x);

/** Every Q2 check, answers.md included. Reproducible from config.seed alone (with or without a run before). */
export async function checkScaling(
  ctx: JudgeContext<ProblemConfig>,
  expect: ScalingExpectations = defaultExpectations,
): Promise<Finding[]> {
  const rngs = checkRngs(ctx.config.seed);
  // the value checks' inputs (the variance check's too): those of the recorded seed in the student build
  const values = checkRngs(expect.caseSeed(ctx.config.seed));
  const findings = [
    await guarded('q2.dot-products', MARKERS.dotProducts, () => checkDotProducts(ctx.child, values.dots, expect)),
    await guarded('q2.scaled-softmax', MARKERS.scaledSoftmax, () =>
      checkScaledAttention(ctx.child, values.attention, expect),
    ),
    await guarded('q2.scaled-variance', MARKERS.scaledSoftmax, () =>
      checkScaledVariance(ctx.child, values.variance, ctx.signal, expect),
    ),
    ...(isGradingRun(ctx.config) ? await hiddenChecks(ctx.child, ctx.config.seed) : []),
  ];
  findings.push(
    ...checkAnswers(ctx.answers, ANSWER_IDS, {
      revealAnswers: ctx.config.revealAnswers,
      monteCarlo: answerMonteCarlo(rngs.monteCarlo),
      random: rngs.answers.next,
    }),
  );
  return findings;
}

/** Row-wise qᵢᵀkᵢ against float64 sums on the same inputs, at four shapes (one round trip). */
export async function checkDotProducts(
  child: ChildCalls,
  rng: Rng,
  expect: ScalingExpectations = defaultExpectations,
): Promise<Finding> {
  const rngSeed = rng.seed;
  const cases = drawDotCases(rng);
  const want = expect.dotProducts(cases, rngSeed);
  const outcomes = await child.call(
    MARKERS.dotProducts,
    'dotProducts',
    cases.map(({ n, d, q, k }) => [wireTensor(q, [n, d]), wireTensor(k, [n, d])]),
  );
  for (const [c, { n, d }] of cases.entries()) {
    const got = readVector(valueOf(outcomes[c]), 'dotProducts', MARKERS.dotProducts, n);
    const wrong = firstWrongDot(got, want[c]!);
    if (wrong) {
      return {
        expected: `entry ${wrong.row} = ${fmt(wrong.expected)} (± 1e-4 · (1 + Σ_j |Q[${wrong.row}][j]·K[${wrong.row}][j]|))`,
        actual: `entry ${wrong.row} = ${fmt(wrong.got)}`,
        ...finding(
          'q2.dot-products',
          MARKERS.dotProducts,
          false,
          `dotProducts(Q, K) with n = ${n}, d = ${d}: entry ${wrong.row} is ${fmt(wrong.got)}, but row ${wrong.row} of Q dotted with row ${wrong.row} of K is ${fmt(wrong.expected)}. Entry i must be Σ_j Q[i][j]·K[i][j].`,
          'dot products ✗',
        ),
      };
    }
  }
  return finding(
    'q2.dot-products',
    MARKERS.dotProducts,
    true,
    `dotProducts returns qᵢᵀkᵢ for every row (n × d = ${cases.map((c) => `${c.n} × ${c.d}`).join(', ')}).`,
    'qᵀk ✓',
  );
}

interface AttentionCase {
  n: number;
  d: number;
  got: Float64Array;
  /** softmax(Kq/√d), softmax(Kq), softmax(Kq/d) in float64. */
  expected: Float64Array;
  unscaled: Float64Array;
  overD: Float64Array;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = abs(a[i]! - b[i]!);
    if (diff !== diff) return Infinity;
    max = max2(max, diff);
  }
  return max;
};
const sum = (a: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]!;
  return total;
};
const allNonNegative = (a: ArrayLike<number>): boolean => {
  for (let i = 0; i < a.length; i++) if (!(a[i]! >= 0)) return false;
  return true;
};
const allPositive = (a: ArrayLike<number>): boolean => {
  for (let i = 0; i < a.length; i++) if (!(a[i]! > 0)) return false;
  return true;
};
/** The index of the largest |a[i] − b[i]| (a NaN counts as the largest). */
const largestDifferenceAt = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let at = 0;
  let max = -1;
  for (let i = 0; i < a.length; i++) {
    const diff = abs(a[i]! - b[i]!);
    if (diff !== diff) return i;
    if (diff > max) [at, max] = [i, diff];
  }
  return at;
};
const logs = (a: ArrayLike<number>): Float64Array => {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = log(a[i]!);
  return out;
};
const WEIGHT_TOLERANCE = 1e-4;

/** The student's softmax(Kq/√d) beside the float64 softmaxes of the same scores, scaled three ways. */
async function attentionCases(
  child: ChildCalls,
  shapes: readonly { n: number; d: number }[],
  rng: Rng,
  expect: ScalingExpectations,
): Promise<AttentionCase[]> {
  const rngSeed = rng.seed;
  const inputs = drawAttentionInputs(shapes, rng);
  const want = expect.attention(inputs, rngSeed);
  const outcomes = await child.call(
    MARKERS.scaledSoftmax,
    'scaledAttention',
    inputs.map(({ n, d, q, k }) => [wireTensor(q, [d]), wireTensor(k, [n, d])]),
  );
  return inputs.map(({ n, d }, c) => ({
    n,
    d,
    got: readVector(valueOf(outcomes[c]), 'scaledAttention', MARKERS.scaledSoftmax, n),
    ...want[c]!,
  }));
}

export async function checkScaledAttention(
  child: ChildCalls,
  rng: Rng,
  expect: ScalingExpectations = defaultExpectations,
): Promise<Finding> {
  const fail = (message: string, short: string, values?: { expected: string; actual: string }): Finding => ({
    ...finding('q2.scaled-softmax', MARKERS.scaledSoftmax, false, message, short),
    ...values,
  });
  const cases = await attentionCases(child, ATTENTION_SHAPES, rng, expect);
  for (const c of cases) {
    const total = sum(c.got);
    const nonNegative = allNonNegative(c.got);
    if (!nonNegative || !(abs(total - 1) <= WEIGHT_TOLERANCE)) {
      return fail(
        `scaledAttention(q, K) with d = ${c.d}, ${c.n} keys: the weights ${nonNegative ? `sum to ${fmt(total, 6)}` : 'include negative or NaN values'}; attention weights are a softmax: non-negative and summing to 1.`,
        'not a softmax',
        {
          expected: `Σ weights = 1 (± ${WEIGHT_TOLERANCE}), every weight ≥ 0`,
          actual: nonNegative ? `Σ weights = ${fmt(total, 6)}` : 'a negative or NaN weight',
        },
      );
    }
  }
  // The largest d that fails tells the scaling apart best: there softmax(Kq) is nearly one-hot.
  const wrong = cases.filter((c) => !(maxAbsDiff(c.got, c.expected) <= WEIGHT_TOLERANCE)).pop();
  if (!wrong) {
    return finding(
      'q2.scaled-softmax',
      MARKERS.scaledSoftmax,
      true,
      `scaledAttention matches softmax(Kq/√d) within ${WEIGHT_TOLERANCE} at d = ${cases.map((c) => c.d).join(', ')}.`,
      'softmax(Kq/√d) ✓',
    );
  }
  const where = `at d = ${wrong.d} with ${wrong.n} keys (one random query)`;
  const yours = maxOf(wrong.got);
  const want = maxOf(wrong.expected);
  const diff = fmt(maxAbsDiff(wrong.got, wrong.expected), 3);
  // the Testing view's diff: the weight that differs most, at the d that tells the scalings apart
  const k = largestDifferenceAt(wrong.got, wrong.expected);
  const values = {
    expected: `d = ${wrong.d}: weight[${k}] = ${fmt(wrong.expected[k]!, 4)} (± ${WEIGHT_TOLERANCE})`,
    actual: `d = ${wrong.d}: weight[${k}] = ${fmt(wrong.got[k]!, 4)}`,
  };
  if (maxAbsDiff(wrong.got, wrong.unscaled) <= WEIGHT_TOLERANCE) {
    return fail(
      `The weights are too peaked at large d: ${where} your largest weight is ${fmt(yours, 3)} where softmax(Kq/√d) gives ${fmt(want, 3)}. They equal softmax(Kq): the scores are not divided by √d, so their variance grows like d and the softmax saturates.`,
      'too peaked: /√d?',
      values,
    );
  }
  if (maxAbsDiff(wrong.got, wrong.overD) <= WEIGHT_TOLERANCE) {
    return fail(
      `The weights are too flat at large d: ${where} your largest weight is ${fmt(yours, 3)} where softmax(Kq/√d) gives ${fmt(want, 3)}. They equal softmax(Kq/d): the scores are divided by d instead of √d.`,
      'too flat: /d?',
      values,
    );
  }
  if (yours > want) {
    return fail(
      `The weights are too peaked ${where}: your largest weight is ${fmt(yours, 3)} where softmax(Kq/√d) gives ${fmt(want, 3)} (max abs difference ${diff}). Check the scaling of the scores.`,
      'too peaked',
      values,
    );
  }
  return fail(
    `The weights differ from softmax(Kq/√d) ${where} by up to ${diff} (your largest weight ${fmt(yours, 3)}, expected ${fmt(want, 3)}).`,
    'softmax(Kq/√d) ✗',
    values,
  );
}

/**
 * `samples` values of the student's qᵀk, q, k ~ N(0, I) in R^d: a probe call alone, then the rest in
 * chunks, in one round trip (cases.ts drawVarianceSamples). The chunks' inputs are megabytes, so the
 * child draws them from seeds (wireNormals); every chunk's value that comes back is checked against
 * qᵀk of those inputs (`expect.sampledDots`), so the statistic is of dot products of inputs the
 * judge knows.
 */
async function studentDotSamples(
  child: ChildCalls,
  d: number,
  samples: number,
  rng: Rng,
  expect: ScalingExpectations,
): Promise<{ dots: Float64Array; wrong?: WrongDot & { rows: number } }> {
  const rngSeed = rng.seed;
  const drawn = drawVarianceSamples(d, samples, rng);
  const { probe, chunks } = drawn;
  const out = new Float64Array(samples);
  const probeArgs = [wireTensor(probe.q, [probe.rows, d]), wireTensor(probe.k, [probe.rows, d])];
  out.set(
    readVector(
      await child.callOne(MARKERS.dotProducts, 'dotProducts', probeArgs),
      'dotProducts',
      MARKERS.dotProducts,
      probe.rows,
    ),
    0,
  );
  if (chunks.length === 0) return { dots: out };
  const pending = child.call(
    MARKERS.dotProducts,
    'dotProducts',
    chunks.map(({ rows, seeds }) => seeds.map((seed) => wireNormals(seed, [rows, d]))),
  );
  // computed (or read) while the child computes
  const want = expect.sampledDots(() => varianceInputs(drawn), d, rngSeed);
  const outcomes = await pending;
  let start = probe.rows;
  let wrong: (WrongDot & { rows: number }) | undefined;
  for (const [i, { rows }] of chunks.entries()) {
    const got = readVector(valueOf(outcomes[i]), 'dotProducts', MARKERS.dotProducts, rows);
    const wrongHere = wrong ? undefined : firstWrongDot(got, want, start);
    if (wrongHere) wrong = { ...wrongHere, rows };
    out.set(got, start);
    start += rows;
  }
  return { dots: out, wrong };
}

interface WrongDot {
  row: number;
  got: number;
  expected: number;
}

/**
 * The first of `got`'s rows whose value is not qᵢᵀkᵢ (`want`'s rows from `offset` on), within the
 * tolerance of q2.dot-products: 1e-4 of Σⱼ|qᵢⱼkᵢⱼ|, plus 1e-4.
 */
function firstWrongDot(got: Float64Array, want: RowDots, offset = 0): WrongDot | undefined {
  for (let row = 0; row < got.length; row++) {
    const expected = want.dots[offset + row]!;
    if (!(abs(got[row]! - expected) <= 1e-4 * (1 + want.magnitudes[offset + row]!)))
      return { row, got: got[row]!, expected };
  }
  return undefined;
}

function wrongDot({ row, got, expected, rows }: WrongDot & { rows: number }, d: number): Finding {
  return finding(
    'q2.scaled-variance',
    MARKERS.dotProducts,
    false,
    `dotProducts(Q, K) with n = ${rows}, d = ${d} (q, k ~ N(0, I)): entry ${row} is ${fmt(got)}, but row ${row} of Q dotted with row ${row} of K is ${fmt(expected)}, so its variance says nothing of qᵀk.`,
    'dot products ✗',
  );
}

/**
 * Var(qᵀk/√d) ≈ 1 at d = 64, μ = 0, σ = 1, measured twice on the student's code: over samples of
 * dotProducts, and on the scores inside scaledAttention. The latter are read off the weights:
 * log pᵢ = sᵢ − log Σ e^{sⱼ}, so the spread of log pᵢ over the keys of one query is that of sᵢ; for
 * sᵢ = kᵢᵀq/√d its expected (unbiased) variance over keys is E‖q‖²/d = 1.
 */
export async function checkScaledVariance(
  child: ChildCalls,
  rng: Rng,
  signal: CancelSignal,
  expect: ScalingExpectations = defaultExpectations,
): Promise<Finding> {
  const { d, samples, keys, trials } = VARIANCE_CHECK;
  const { dots, wrong } = await studentDotSamples(child, d, samples, rng.fork(1), expect);
  const dotVariance = meanVariance(dots).variance / d;
  if (!(abs(dotVariance - 1) <= DOT_VARIANCE_TOLERANCE)) {
    return {
      expected: `Var(qᵀk/√d) = 1 (± ${DOT_VARIANCE_TOLERANCE})`,
      actual: `Var(qᵀk/√d) = ${fmt(dotVariance, 3)}`,
      ...finding(
        'q2.scaled-variance',
        MARKERS.dotProducts,
        false,
        `At d = ${d} (q, k ~ N(0, I)), Var(qᵀk/√d) over ${samples} samples of your dotProducts is ${fmt(dotVariance, 3)}; it should be 1 (Var(qᵀk) = d).`,
        `Var = ${fmt(dotVariance, 3)} ✗`,
      ),
    };
  }
  // the variance is of the judge's inputs only if the values are their dot products
  if (wrong) return wrongDot(wrong, d);
  signal.throwIfCancelled();
  const scoreRng = rng.fork(2);
  const inputs = Array.from({ length: trials }, () => [
    wireTensor(float32Normals(d, 0, scoreRng), [d]),
    wireTensor(float32Normals(keys * d, 0, scoreRng), [keys, d]),
  ]);
  const outcomes = await child.call(MARKERS.scaledSoftmax, 'scaledAttention', inputs);
  let scoreVariance = 0;
  let zeros = 0;
  for (let t = 0; t < trials; t++) {
    const p = readVector(valueOf(outcomes[t]), 'scaledAttention', MARKERS.scaledSoftmax, keys);
    if (!allPositive(p)) zeros++;
    else scoreVariance += meanVariance(logs(p)).variance / trials;
  }
  if (zeros > 0) {
    return finding(
      'q2.scaled-variance',
      MARKERS.scaledSoftmax,
      false,
      `At d = ${d}, your scaledAttention gave weights of exactly 0 in ${zeros} of ${trials} trials (${keys} keys, q, k ~ N(0, I)): the softmax is saturated, its input scores spread far more than variance 1. Divide the scores by √d.`,
      'saturated ✗',
    );
  }
  const ok = abs(scoreVariance - 1) <= SCORE_VARIANCE_TOLERANCE;
  const measured = `At d = ${d} (q, k ~ N(0, I)): Var(qᵀk/√d) = ${fmt(dotVariance, 3)} over ${samples} samples of your dotProducts, and the scores inside your scaledAttention have variance ${fmt(scoreVariance, 3)} (read from log-weights, ${keys} keys, ${trials} trials)`;
  return ok
    ? finding(
        'q2.scaled-variance',
        MARKERS.scaledSoftmax,
        true,
        `${measured}: scaling by √d keeps the scores at variance 1.`,
        'Var ≈ 1 ✓',
      )
    : {
        expected: `variance of the scores = 1 (± ${SCORE_VARIANCE_TOLERANCE})`,
        actual: `variance of the scores = ${fmt(scoreVariance, 3)}`,
        ...finding(
          'q2.scaled-variance',
          MARKERS.scaledSoftmax,
          false,
          `${measured}; softmax(Kq/√d) sees scores of variance 1 (${fmt(scoreVariance, 3)} ≈ ${d} means unscaled, ≈ ${fmt(1 / d, 2)} means divided by d).`,
          `Var = ${fmt(scoreVariance, 3)} ✗`,
        ),
      };
}
