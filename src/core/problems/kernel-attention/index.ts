// Problem 3: kernelized linear attention. The student writes softmax attention, the quadratic
// kernel, its feature map φ and kernel attention in the quadratic (eq. 3) and linear (eq. 5) forms;
// the run checks eq. 3 against eq. 5 and sweeps time and peak tensor memory of softmax and linear
// attention over N (their implementation and the reference), fitting growth exponents and finding
// where the linear form starts to win; the checks compare every piece with float64 and judge the
// answers.md claims (3a–3c) against the growth measured on the student's own code.
import { checkAnswers } from '../../answers';
import type { MeasuredGrowth } from '../../answers/types';
import type { Finding } from '../../engine/events';
import { ShapeError, type Problem, type ProblemConfig, type RunContext } from '../../problem';
import type { Implementation, KernelAttentionArtifact, SweepPoint } from './artifact';
import { acceptedFeatureSizes, checkKernelAttention, type FeatureSizeVerdict, type Q3CheckResult } from './checks';
import { crossoversOf, fitsOf, flopModelOf, measuredGrowth } from './growth';
import { kernelAttentionInfo } from './meta';
import * as reference from './reference';
import { kernelAttentionSolutionFrom, type KernelAttentionSolution } from './solution';
import { formatBytes, runSweep } from './sweep';

export type { KernelAttentionSolution } from './solution';

export interface KernelAttentionConfig extends ProblemConfig {
  /** Sequence lengths of the sweep. */
  Ns: number[];
  /** Query/key sizes of the sweep (M = D). */
  Ds: number[];
  /** Timed calls per point (after one warm-up call, which is the one whose memory is profiled). */
  repeats: number;
  /** A series stops growing N once one call took longer than this (keeps a slow solution within the time limit). */
  maxCallMs: number;
  /** Sweep the reference beside a student's implementation. */
  compareReference: boolean;
  /** Timed calls per point of that reference sweep (fewer: it only sets the student's beside the lab's). */
  referenceRepeats: number;
  /** Checks without a run: the short sweep of the student's forms that measures their growth in N. */
  growthNs: number[];
  growthD: number;
}

const doubling = (from: number, to: number): number[] => {
  const out: number[] = [];
  for (let n = from; n <= to; n *= 2) out.push(n);
  return out;
};

function defaultConfig(quick: boolean): KernelAttentionConfig {
  return {
    seed: 3,
    quick,
    Ns: doubling(128, quick ? 2048 : 8192),
    Ds: [16, 64],
    repeats: quick ? 2 : 3,
    maxCallMs: 5_000,
    compareReference: true,
    referenceRepeats: 1,
    growthNs: [512, 1024, 2048, 4096],
    growthD: 16,
  };
}

interface RunRecord {
  checks: Q3CheckResult;
  growth: Record<string, MeasuredGrowth>;
}

/** What run() measured, for the checks of the same run (runProblem passes them the same context). */
const runRecords = new WeakMap<object, RunRecord>();

export const kernelAttentionProblem: Problem<KernelAttentionSolution, KernelAttentionConfig> = {
  ...kernelAttentionInfo,
  defaultConfig,
  reference,
  solutionFrom: kernelAttentionSolutionFrom,
  run: runKernelAttention,
  async checks(ctx, solution): Promise<Finding[]> {
    const record = runRecords.get(ctx);
    const code = record?.checks ?? checkKernelAttention(solution, ctx.config.seed);
    const measured = record?.growth ?? (ctx.answers ? await shortGrowth(ctx, solution) : {});
    const answers = checkAnswers(ctx.answers, kernelAttentionInfo.answerIds!, { revealAnswers: ctx.config.revealAnswers, measured, random: ctx.rng.next });
    return [...code.findings, ...answers];
  },
};

/**
 * φ's size at D for the FLOP model: the accepted form (full or compact, with or without x̃'s 1) the
 * checks saw; the compact form when the student's φ had none of them.
 */
function featureSizeAt(seen: FeatureSizeVerdict): (D: number) => number {
  for (const variant of ['inhomogeneous', 'homogeneous'] as const) {
    const form = acceptedFeatureSizes(seen.D, variant).indexOf(seen.actual);
    if (form >= 0) return (D) => acceptedFeatureSizes(D, variant)[form]!;
  }
  return reference.compactFeatureSize;
}

/**
 * Checks without a run: the student's two forms at growthD over growthNs, fitted over all of them
 * (they start where per-call overhead no longer dominates). A malformed result means no measurement.
 */
async function shortGrowth(ctx: RunContext<KernelAttentionConfig>, solution: KernelAttentionSolution): Promise<Record<string, MeasuredGrowth>> {
  const config = validated(ctx.config);
  try {
    const points = await runSweep(solution, { implementation: 'student', Ns: config.growthNs, Ds: [config.growthD], repeats: config.repeats, seed: config.seed, maxCallMs: config.maxCallMs, signal: ctx.signal });
    return measuredGrowth(fitsOf(points, { allN: true }), 'student', config.growthD);
  } catch (err) {
    if (err instanceof ShapeError) return {};
    throw err;
  }
}

/**
 * The run: the code checks (eq. 3 vs eq. 5 feeds the artifact), the sweep of the solution run (and
 * of the reference beside a student's), fits, crossovers, one kernel-attention artifact. Metrics:
 * - equivalenceMaxAbsDiff: max |eq. 3 − eq. 5| of the solution's own forms (N = 48, D = 6, M = 5);
 * - sweep: [{ N, D, form: 'softmax' | 'linear', ms, bytes }] of the solution run (median ms; peak
 *   tensor bytes of one call);
 * - fittedExponent: { [form]: { [D]: { time, memory, nFrom, nTo } } }, slopes of log ms and log bytes
 *   against log N over [nFrom, nTo] (the upper half of the swept N);
 * - crossoverN: { [D]: { measured: N | null, flopModel: N } }.
 */
async function runKernelAttention(ctx: RunContext<KernelAttentionConfig>, solution: KernelAttentionSolution): Promise<Record<string, unknown>> {
  const config = validated(ctx.config);
  ctx.emit({ type: 'progress', fraction: 0.01, message: 'Comparing eq. 3 with eq. 5 and every piece with float64' });
  const checks = checkKernelAttention(solution, config.seed);
  const isReference = solution === reference;
  const implementation: Implementation = isReference ? 'reference' : 'student';
  const runs: [Implementation, KernelAttentionSolution][] = [[implementation, solution]];
  if (!isReference && config.compareReference) runs.push(['reference', reference]);

  const sweep: SweepPoint[] = [];
  for (const [r, [impl, sol]] of runs.entries()) {
    const points = await runSweep(sol, {
      implementation: impl,
      Ns: config.Ns,
      Ds: config.Ds,
      repeats: r === 0 ? config.repeats : config.referenceRepeats,
      seed: config.seed,
      maxCallMs: config.maxCallMs,
      signal: ctx.signal,
      onPoint(point, fraction, message) {
        ctx.emit({ type: 'progress', fraction: 0.02 + (0.86 * (r + fraction)) / runs.length, message });
        ctx.emit({ type: 'metric', name: `q3.${impl}.${point.form}.D${point.D}.ms`, step: point.N, value: point.ms });
      },
      onSkip: (message) => ctx.emit({ type: 'log', level: 'warn', message }),
    });
    sweep.push(...points);
  }
  ctx.signal.throwIfCancelled();

  const studentSize = featureSizeAt(checks.featureSize);
  const sizeOf = (impl: Implementation): ((D: number) => number) => (impl === 'reference' ? reference.compactFeatureSize : studentSize);
  const fits = fitsOf(sweep);
  const crossovers = crossoversOf(sweep, (impl, D) => sizeOf(impl)(D));
  const largestD = Math.max(...config.Ds);
  runRecords.set(ctx, { checks, growth: measuredGrowth(fits, implementation, largestD) });

  const equivalence = checks.equivalence ?? { N: 0, D: 0, M: 0, maxAbsDiff: Number.NaN, tolerance: 0, ok: false };
  const artifact: KernelAttentionArtifact = {
    kind: 'kernel-attention',
    title: `Kernelized linear attention: softmax vs quadratic-kernel linear attention, N ${config.Ns[0]}…${config.Ns[config.Ns.length - 1]}, D ∈ {${config.Ds.join(', ')}}, M = D (${ctx.backend})`,
    equivalence,
    featureSize: checks.featureSize,
    sweep,
    fits,
    crossovers,
    flopModel: flopModelOf(sweep.filter((p) => p.implementation === implementation), sizeOf(implementation)),
  };
  ctx.emit({ type: 'artifact', artifact });
  for (const c of crossovers) {
    ctx.emit({ type: 'log', level: 'info', message: `${c.implementation}, D = ${c.D}: linear attention is faster from N = ${c.measuredN ?? `— (not within N ≤ ${config.Ns[config.Ns.length - 1]})`}; the FLOP model says N ≈ ${c.flopModelN}.` });
  }
  const own = sweep.filter((p) => p.implementation === implementation);
  const peak = own.reduce((m, p) => Math.max(m, p.bytes), 0);
  ctx.emit({ type: 'log', level: 'info', message: `${implementation}: largest peak tensor memory ${formatBytes(peak)}.` });

  return {
    equivalenceMaxAbsDiff: equivalence.maxAbsDiff,
    sweep: own.map((p) => ({ N: p.N, D: p.D, form: p.form, ms: round(p.ms), bytes: p.bytes })),
    fittedExponent: fittedExponentMetric(fits, implementation),
    crossoverN: Object.fromEntries(
      crossovers.filter((c) => c.implementation === implementation).map((c) => [String(c.D), { measured: c.measuredN, flopModel: c.flopModelN }]),
    ),
  };
}

/**
 * fittedExponent metric: { softmax: { '16': { time, memory, nFrom, nTo } , '64': … }, linear: … }:
 * slopes of log ms and log peak bytes against log N over [nFrom, nTo] (the upper half of the sweep).
 */
function fittedExponentMetric(fits: ReturnType<typeof fitsOf>, implementation: Implementation): Record<string, Record<string, { time?: number; memory?: number; nFrom: number; nTo: number }>> {
  const out: Record<string, Record<string, { time?: number; memory?: number; nFrom: number; nTo: number }>> = {};
  for (const f of fits) {
    if (f.implementation !== implementation) continue;
    const entry = ((out[f.form] ??= {})[String(f.D)] ??= { nFrom: f.nFrom, nTo: f.nTo });
    entry[f.cost === 'ms' ? 'time' : 'memory'] = round(f.exponent);
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function validated(config: KernelAttentionConfig): KernelAttentionConfig {
  const fail = (what: string, value: unknown): never => {
    throw new RangeError(`kernel-attention config: ${what} (got ${JSON.stringify(value)}).`);
  };
  const sizes = (name: string, v: unknown, min: number): void => {
    if (!Array.isArray(v) || v.length === 0 || v.some((n) => !Number.isInteger(n) || n < min)) fail(`${name} must be a non-empty list of integers ≥ ${min}`, v);
  };
  sizes('Ns', config.Ns, 2);
  sizes('Ds', config.Ds, 1);
  sizes('growthNs', config.growthNs, 2);
  if (new Set(config.Ns).size < 2) fail('Ns needs two different sizes to fit a slope', config.Ns);
  if (!Number.isInteger(config.growthD) || config.growthD < 1) fail('growthD must be a positive integer', config.growthD);
  if (!Number.isInteger(config.repeats) || config.repeats < 1) fail('repeats must be a positive integer', config.repeats);
  if (!Number.isInteger(config.referenceRepeats) || config.referenceRepeats < 1) fail('referenceRepeats must be a positive integer', config.referenceRepeats);
  if (!(config.maxCallMs > 0)) fail('maxCallMs must be positive', config.maxCallMs);
  return config;
}
