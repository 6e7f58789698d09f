// The Q2 checks. Expectations come from float64 arithmetic on the same (float32) inputs, never from
// the reference solution; a malformed return value is a failed finding, an exception in student code
// propagates (tagged with its marker) like in the other problems.
import * as tf from '@tensorflow/tfjs';
import type { Finding } from '../../engine/events';
import type { CancelSignal } from '../../engine/cancel';
import { createRng, type Rng } from '../../engine/rng';
import type { ProblemConfig, RunContext } from '../../problem';
import { ShapeError } from '../../problem';
import { checkAnswers } from '../../answers';
import { ANSWER_IDS, MARKERS } from './meta';
import { answerMonteCarlo } from './monteCarlo';
import { sampleDotProducts } from './moments';
import { normalTensor } from './sampling';
import { studentAttention, studentDotProducts, type ScalingSolution } from './solution';
import { maxOf, meanVariance, softmax64 } from './stats';
import { finding } from '../findings';

/** The dimension and sample sizes of the variance check (the homework's d = 64 example). */
export const VARIANCE_CHECK = { d: 64, samples: 20_000, keys: 64, trials: 200 };
/** |Var(qᵀk/√d) − 1| allowed: about 10 standard errors at 20 000 samples. */
const DOT_VARIANCE_TOLERANCE = 0.1;
/** |variance of the softmax's input scores − 1| allowed: about 8 standard errors at 200 trials of 64 keys. */
const SCORE_VARIANCE_TOLERANCE = 0.15;

const fmt = (x: number, digits = 4): string => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

/** Every Q2 check, answers.md included. Reproducible from config.seed alone (with or without a run before). */
export async function checkScaling(ctx: RunContext<ProblemConfig>, solution: ScalingSolution): Promise<Finding[]> {
  const rng = createRng(ctx.config.seed).fork(2);
  const findings = [
    await shapeSafe('q2.dot-products', MARKERS.dotProducts, () => checkDotProducts(solution, rng.fork(1))),
    await shapeSafe('q2.scaled-softmax', MARKERS.scaledSoftmax, () => checkScaledAttention(solution, rng.fork(2))),
    await shapeSafe('q2.scaled-variance', MARKERS.scaledSoftmax, () => checkScaledVariance(solution, rng.fork(3), ctx.signal)),
  ];
  const answerRng = rng.fork(4);
  findings.push(
    ...checkAnswers(ctx.answers, ANSWER_IDS, {
      revealAnswers: ctx.config.revealAnswers,
      monteCarlo: answerMonteCarlo(rng.fork(5)),
      random: answerRng.next,
    }),
  );
  return findings;
}

/** A ShapeError (wrong return shape) becomes the check's failed finding at the marker it names. */
async function shapeSafe(checkId: string, marker: string, check: () => Finding | Promise<Finding>): Promise<Finding> {
  try {
    return await check();
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    return finding(checkId, err.marker ?? marker, false, err.message, 'wrong shape');
  }
}

/** Float32-representable normal values (what the tensors will hold), in float64. */
function float32Normals(count: number, mu: number, rng: Rng): Float64Array {
  return Float64Array.from(Float32Array.from({ length: count }, () => mu + rng.normal()));
}

export function checkDotProducts(solution: ScalingSolution, rng: Rng): Finding {
  const cases = [
    { n: 7, d: 5 },
    { n: 16, d: 64 },
    { n: 1, d: 1 },
    { n: 3, d: 512 },
  ];
  for (const { n, d } of cases) {
    const q = float32Normals(n * d, 0.3, rng);
    const k = float32Normals(n * d, -0.2, rng);
    const Q = tf.tensor2d(Float32Array.from(q), [n, d]);
    const K = tf.tensor2d(Float32Array.from(k), [n, d]);
    let got: Float32Array | Int32Array | Uint8Array;
    try {
      const dots = studentDotProducts(solution, Q, K);
      got = dots.dataSync();
      dots.dispose();
    } finally {
      Q.dispose();
      K.dispose();
    }
    for (let row = 0; row < n; row++) {
      let expected = 0;
      let magnitude = 0;
      for (let i = 0; i < d; i++) {
        expected += q[row * d + i]! * k[row * d + i]!;
        magnitude += Math.abs(q[row * d + i]! * k[row * d + i]!);
      }
      if (!(Math.abs(got[row]! - expected) <= 1e-4 * (1 + magnitude))) {
        return finding(
          'q2.dot-products',
          MARKERS.dotProducts,
          false,
          `dotProducts(Q, K) with n = ${n}, d = ${d}: entry ${row} is ${fmt(got[row]!)}, but row ${row} of Q dotted with row ${row} of K is ${fmt(expected)}. Entry i must be Σ_j Q[i][j]·K[i][j].`,
          'dot products ✗',
        );
      }
    }
  }
  return finding('q2.dot-products', MARKERS.dotProducts, true, `dotProducts returns qᵢᵀkᵢ for every row (n × d = ${cases.map((c) => `${c.n} × ${c.d}`).join(', ')}).`, 'qᵀk ✓');
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
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return Number.isNaN(max) ? Infinity : max;
};
const sum = (a: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]!;
  return total;
};
const WEIGHT_TOLERANCE = 1e-4;

function attentionCase(solution: ScalingSolution, n: number, d: number, rng: Rng): AttentionCase {
  const q = float32Normals(d, 0, rng);
  const k = float32Normals(n * d, 0, rng);
  const qt = tf.tensor1d(Float32Array.from(q));
  const K = tf.tensor2d(Float32Array.from(k), [n, d]);
  let got: Float64Array;
  try {
    const weights = studentAttention(solution, qt, K);
    got = Float64Array.from(weights.dataSync());
    weights.dispose();
  } finally {
    qt.dispose();
    K.dispose();
  }
  const scores = Float64Array.from({ length: n }, (_, r) => {
    let s = 0;
    for (let i = 0; i < d; i++) s += k[r * d + i]! * q[i]!;
    return s;
  });
  return {
    n,
    d,
    got,
    expected: softmax64(scores.map((s) => s / Math.sqrt(d))),
    unscaled: softmax64(scores),
    overD: softmax64(scores.map((s) => s / d)),
  };
}

export function checkScaledAttention(solution: ScalingSolution, rng: Rng): Finding {
  const fail = (message: string, short: string): Finding => finding('q2.scaled-softmax', MARKERS.scaledSoftmax, false, message, short);
  const cases = [
    { n: 5, d: 3 },
    { n: 64, d: 4 },
    { n: 64, d: 64 },
    { n: 64, d: 512 },
  ].map(({ n, d }) => attentionCase(solution, n, d, rng));
  for (const c of cases) {
    const total = sum(c.got);
    if (!c.got.every((p) => p >= 0) || !(Math.abs(total - 1) <= WEIGHT_TOLERANCE)) {
      return fail(`scaledAttention(q, K) with d = ${c.d}, ${c.n} keys: the weights ${c.got.every((p) => p >= 0) ? `sum to ${fmt(total, 6)}` : 'include negative or NaN values'}; attention weights are a softmax: non-negative and summing to 1.`, 'not a softmax');
    }
  }
  // The largest d that fails tells the scaling apart best: there softmax(Kq) is nearly one-hot.
  const wrong = cases.filter((c) => maxAbsDiff(c.got, c.expected) > WEIGHT_TOLERANCE).pop();
  if (!wrong) {
    return finding('q2.scaled-softmax', MARKERS.scaledSoftmax, true, `scaledAttention matches softmax(Kq/√d) within ${WEIGHT_TOLERANCE} at d = ${cases.map((c) => c.d).join(', ')}.`, 'softmax(Kq/√d) ✓');
  }
  const where = `at d = ${wrong.d} with ${wrong.n} keys (one random query)`;
  const yours = maxOf(wrong.got);
  const want = maxOf(wrong.expected);
  const diff = fmt(maxAbsDiff(wrong.got, wrong.expected), 3);
  if (maxAbsDiff(wrong.got, wrong.unscaled) <= WEIGHT_TOLERANCE) {
    return fail(
      `The weights are too peaked at large d: ${where} your largest weight is ${fmt(yours, 3)} where softmax(Kq/√d) gives ${fmt(want, 3)}. They equal softmax(Kq): the scores are not divided by √d, so their variance grows like d and the softmax saturates.`,
      'too peaked: /√d?',
    );
  }
  if (maxAbsDiff(wrong.got, wrong.overD) <= WEIGHT_TOLERANCE) {
    return fail(
      `The weights are too flat at large d: ${where} your largest weight is ${fmt(yours, 3)} where softmax(Kq/√d) gives ${fmt(want, 3)}. They equal softmax(Kq/d): the scores are divided by d instead of √d.`,
      'too flat: /d?',
    );
  }
  if (yours > want) {
    return fail(`The weights are too peaked ${where}: your largest weight is ${fmt(yours, 3)} where softmax(Kq/√d) gives ${fmt(want, 3)} (max abs difference ${diff}). Check the scaling of the scores.`, 'too peaked');
  }
  return fail(`The weights differ from softmax(Kq/√d) ${where} by up to ${diff} (your largest weight ${fmt(yours, 3)}, expected ${fmt(want, 3)}).`, 'softmax(Kq/√d) ✗');
}

/**
 * Var(qᵀk/√d) ≈ 1 at d = 64, μ = 0, σ = 1, measured twice on the student's code: over samples of
 * dotProducts, and on the scores inside scaledAttention. The latter are read off the weights:
 * log pᵢ = sᵢ − log Σ e^{sⱼ}, so the spread of log pᵢ over the keys of one query is that of sᵢ; for
 * sᵢ = kᵢᵀq/√d its expected (unbiased) variance over keys is E‖q‖²/d = 1.
 */
export async function checkScaledVariance(solution: ScalingSolution, rng: Rng, signal: CancelSignal): Promise<Finding> {
  const { d, samples, keys, trials } = VARIANCE_CHECK;
  const dots = await sampleDotProducts(solution, { d, mu: 0, sigma: 1, samples }, rng.fork(1), signal);
  const dotVariance = meanVariance(dots).variance / d;
  if (!(Math.abs(dotVariance - 1) <= DOT_VARIANCE_TOLERANCE)) {
    return finding(
      'q2.scaled-variance',
      MARKERS.dotProducts,
      false,
      `At d = ${d} (q, k ~ N(0, I)), Var(qᵀk/√d) over ${samples} samples of your dotProducts is ${fmt(dotVariance, 3)}; it should be 1 (Var(qᵀk) = d).`,
      `Var = ${fmt(dotVariance, 3)} ✗`,
    );
  }
  const scoreRng = rng.fork(2);
  let scoreVariance = 0;
  let zeros = 0;
  for (let t = 0; t < trials; t++) {
    signal.throwIfCancelled();
    const q = normalTensor<tf.Rank.R1>([d], 0, 1, scoreRng);
    const K = normalTensor<tf.Rank.R2>([keys, d], 0, 1, scoreRng);
    let p: Float32Array | Int32Array | Uint8Array;
    try {
      const weights = studentAttention(solution, q, K);
      p = await weights.data();
      weights.dispose();
    } finally {
      q.dispose();
      K.dispose();
    }
    if (p.some((x) => !(x > 0))) zeros++;
    else scoreVariance += meanVariance(Float64Array.from(p, Math.log)).variance / trials;
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
  const ok = Math.abs(scoreVariance - 1) <= SCORE_VARIANCE_TOLERANCE;
  const measured = `At d = ${d} (q, k ~ N(0, I)): Var(qᵀk/√d) = ${fmt(dotVariance, 3)} over ${samples} samples of your dotProducts, and the scores inside your scaledAttention have variance ${fmt(scoreVariance, 3)} (read from log-weights, ${keys} keys, ${trials} trials)`;
  return ok
    ? finding('q2.scaled-variance', MARKERS.scaledSoftmax, true, `${measured}: scaling by √d keeps the scores at variance 1.`, 'Var ≈ 1 ✓')
    : finding('q2.scaled-variance', MARKERS.scaledSoftmax, false, `${measured}; softmax(Kq/√d) sees scores of variance 1 (${fmt(scoreVariance, 3)} ≈ ${d} means unscaled, ≈ ${fmt(1 / d, 2)} means divided by d).`, `Var = ${fmt(scoreVariance, 3)} ✗`);
}
