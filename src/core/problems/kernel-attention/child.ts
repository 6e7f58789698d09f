// Problem 3's child: the half that runs the student's code. The run sets the student's eq. 3 beside
// their eq. 5 on the check inputs, sweeps time and peak tensor memory of their softmax and linear
// attention over N, fits growth exponents and finds where the linear form starts to win, for the
// panel and the metrics; it returns its sweep as the record, from which the judge fits the growth the
// answers.md claims are held against. The `growth` task is the short sweep of checks without a run;
// the `sweep` task is the run's sweep alone, which the judge asks of the lab's reference beside a run.
// Nothing here judges: the checks, their tolerances and the float64 ground truth are the judge's
// (index.ts, checks.ts); timings can only be measured here, where the student's code runs.
import * as tf from '@tensorflow/tfjs-core';
import type { ProblemChild, RunContext, RunOutput } from '../../problem';
import { ShapeError } from '../../problem';
import type { Artifact } from '../../engine/events';
import { createRng } from '../../engine/rng';
import { scoped, tidyStudent, expectTensor } from '../../studentTensors';
import { LINEAR_MEMORY_TASK, type LinearMemoryInput } from './artifact';
import type {
  GrowthMeasurement,
  Implementation,
  KernelAttentionMeasuredArtifact,
  KernelAttentionRecord,
  SweepPoint,
  SweepTaskInput,
} from './artifact';
import { CHECK_SIZES, checkInputs, normalMatrix, type InputMatrix } from './checkInputs';
import { validated, type KernelAttentionConfig } from './config';
import { difference, largestMagnitude } from './difference';
import { compactFeatureSize } from './flops';
import { crossoversOf, fitsOf, fittedExponentMetric, flopModelOf, roundMetric } from './growth';
import { MARKERS } from './meta';
import { kernelAttentionSolutionFrom, type KernelAttentionSolution } from './solution';
import { formatBytes, measureAttention, runSweep } from './sweep';

export const kernelAttentionChild: ProblemChild<KernelAttentionSolution, KernelAttentionConfig> = {
  id: 'kernel-attention',
  solutionFrom: kernelAttentionSolutionFrom,
  run: runKernelAttention,
  tasks: {
    /**
     * Checks without a run: the student's two forms at growthD over growthNs, raw (sizes, median
     * times, peak bytes); the judge fits them over all of growthNs and judges the 3c answers.
     */
    async growth(
      ctx: RunContext<KernelAttentionConfig>,
      solution: KernelAttentionSolution,
    ): Promise<GrowthMeasurement> {
      const config = validated(ctx.config);
      const points = await runSweep(solution, {
        implementation: 'student',
        Ns: config.growthNs,
        Ds: [config.growthD],
        repeats: config.repeats,
        seed: config.seed,
        maxCallMs: config.maxCallMs,
        linearMaxN: config.growthLinearMaxN,
        signal: ctx.signal,
      });
      return { points };
    },
    /** q3.linear-memory: the peak tensor bytes of one eq. 5 call per N the judge names (linearMemory.ts). */
    async [LINEAR_MEMORY_TASK](
      ctx: RunContext<KernelAttentionConfig>,
      solution: KernelAttentionSolution,
      input: unknown,
    ): Promise<{ points: Array<{ N: number; bytes: number }> }> {
      const { Ns, D } = linearMemoryInput(input);
      const { seed } = validated(ctx.config);
      const points: Array<{ N: number; bytes: number }> = [];
      for (const N of Ns) {
        ctx.signal.throwIfCancelled();
        points.push({ N, bytes: (await measureAttention(solution, 'linear', N, D, D, 1, seed)).bytes });
      }
      return { points };
    },
    /**
     * The sweep of the run at the sizes the judge names, raw and shaped like the run's record. The
     * judge asks it of the lab's reference, in a child of its own, to draw beside a student's run
     * (with fewer timed calls per point: `referenceRepeats`); seed and maxCallMs are the config's.
     */
    async sweep(
      ctx: RunContext<KernelAttentionConfig>,
      solution: KernelAttentionSolution,
      input: unknown,
    ): Promise<KernelAttentionRecord> {
      const config = validated(ctx.config);
      const { Ns, Ds, repeats, linearMaxN } = sweepTaskInput(input);
      const implementation: Implementation = config.implementation ?? (ctx.reference ? 'reference' : 'student');
      const sweep = await runSweep(solution, {
        implementation,
        Ns,
        Ds,
        repeats,
        seed: config.seed,
        maxCallMs: config.maxCallMs,
        linearMaxN,
        signal: ctx.signal,
      });
      return { implementation, sweep };
    },
  },
};

/** The `linearMemory` task's input, as the judge sends it: sizes, positive integers. */
function linearMemoryInput(input: unknown): LinearMemoryInput {
  const v = (input ?? {}) as Partial<Record<keyof LinearMemoryInput, unknown>>;
  if (
    !Array.isArray(v.Ns) ||
    !v.Ns.every((n) => Number.isInteger(n) && n >= 1) ||
    !Number.isInteger(v.D) ||
    (v.D as number) < 1
  ) {
    throw new RangeError(
      `kernel-attention linearMemory task: Ns must be a list of positive integers and D a positive integer (got ${JSON.stringify(input)}).`,
    );
  }
  return { Ns: v.Ns as number[], D: v.D as number };
}

/** The `sweep` task's input, as the judge sends it: sizes and repeats, positive integers. */
function sweepTaskInput(input: unknown): SweepTaskInput {
  const v = (input ?? {}) as Partial<Record<keyof SweepTaskInput, unknown>>;
  const sizes = (x: unknown): x is number[] =>
    Array.isArray(x) && x.length > 0 && x.every((n) => Number.isInteger(n) && n >= 1);
  const further = v.linearMaxN === undefined || (Number.isInteger(v.linearMaxN) && (v.linearMaxN as number) >= 0);
  if (!sizes(v.Ns) || !sizes(v.Ds) || !Number.isInteger(v.repeats) || (v.repeats as number) < 1 || !further) {
    throw new RangeError(
      `kernel-attention sweep task: Ns and Ds must be non-empty lists of positive integers, repeats a positive integer and linearMaxN an integer ≥ 0 (got ${JSON.stringify(input)}).`,
    );
  }
  return {
    Ns: v.Ns,
    Ds: v.Ds,
    repeats: v.repeats as number,
    ...(v.linearMaxN !== undefined ? { linearMaxN: v.linearMaxN as number } : {}),
  };
}

const tensorOf = (m: InputMatrix): tf.Tensor2D => tf.tensor2d(m.values, [m.rows, m.cols]);

/** The columns of a student's [rows, F] result; 0 when it is not a rank-2 tensor with `rows` rows. */
function columnsOf(value: unknown, rows: number): number {
  return value instanceof tf.Tensor && !value.isDisposed && value.rank === 2 && value.shape[0] === rows
    ? value.shape[1]!
    : 0;
}

/** Runs a student function for a measurement; a malformed result (a ShapeError) is no measurement. */
function unlessMalformed<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ShapeError) return undefined;
    throw err;
  }
}

/**
 * The student's eq. 3 and eq. 5 on the check inputs: max |eq. 5 − eq. 3| and the largest |eq. 3|
 * (null when either form returned no [N, M] tensor, or the numbers are not finite), and φ's size
 * at the check size D. An exception in their code propagates (the run reports it at its line).
 */
function measureEquivalence(
  solution: KernelAttentionSolution,
  seed: number,
): Pick<KernelAttentionMeasuredArtifact, 'equivalence' | 'featureSize'> {
  const { N, D, M } = CHECK_SIZES;
  const inputs = checkInputs(seed);
  return scoped(() => {
    const [Q, K, V] = [tensorOf(inputs.Q), tensorOf(inputs.K), tensorOf(inputs.V)];
    const form = (marker: string, name: string, fn: () => unknown): Float64Array | undefined => {
      const what = `${name}(Q [${N}, ${D}], K, V [${N}, ${M}])`;
      return unlessMalformed(() =>
        Float64Array.from(expectTensor(tidyStudent(marker, what, fn), [N, M], what, marker).dataSync()),
      );
    };
    const eq3 = form(MARKERS.quadratic, 'kernelAttentionQuadratic', () => solution.kernelAttentionQuadratic(Q, K, V));
    const eq5 = form(MARKERS.linear, 'kernelAttentionLinear', () => solution.kernelAttentionLinear(Q, K, V));
    const actual =
      unlessMalformed(() =>
        columnsOf(
          tidyStudent(MARKERS.featureMap, `featureMap(X [${N}, ${D}])`, () => solution.featureMap(Q)),
          N,
        ),
      ) ?? 0;
    const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
    const both = eq3 && eq5;
    return {
      equivalence: {
        N,
        D,
        M,
        maxAbsDiff: finite(both ? difference(eq5, eq3).maxAbsDiff : undefined),
        scale: finite(both ? largestMagnitude(eq3) : undefined),
      },
      featureSize: { D, actual },
    };
  });
}

/**
 * φ's size at input size D, for the FLOP model: measured on the student's featureMap (two rows);
 * the compact (D+1)(D+2)/2 when it returns no [2, F] tensor.
 */
function featureSizeOf(solution: KernelAttentionSolution, D: number, seed: number): number {
  const x = normalMatrix(createRng(seed + D), 2, D);
  const F = scoped(() =>
    unlessMalformed(() =>
      columnsOf(
        tidyStudent(MARKERS.featureMap, `featureMap(X [2, ${D}])`, () => solution.featureMap(tf.tensor2d(x, [2, D]))),
        2,
      ),
    ),
  );
  return F ? F : compactFeatureSize(D);
}

/**
 * The run: the student's eq. 3 beside their eq. 5 (for the artifact), the sweep of the loaded module,
 * fits, crossovers, one kernel-attention artifact (measurements: the judge's schema completes its
 * verdicts). Metrics:
 * - equivalenceMaxAbsDiff: max |eq. 3 − eq. 5| of the solution's own forms (N = 48, D = 6, M = 5);
 * - sweep: [{ N, D, form: 'softmax' | 'linear', ms, bytes }] of the solution run (median ms; peak
 *   tensor bytes of one call);
 * - fittedExponent: { [form]: { [D]: { time, timeFrom, timeTo, timeR2, timeSpread?, timeNotMeasurable?,
 *   memory, nFrom, nTo } } }: the slope of log ms where time rises over the fixed cost of a call
 *   (null, with why, where it does not: growth.ts), of log bytes over [nFrom, nTo] (the upper half of Ns);
 * - crossoverN: { [D]: { measured: N | null, flopModel: N } }.
 * The record is the sweep itself; the judge fits the growth it holds the 3c answers against.
 */
async function runKernelAttention(
  ctx: RunContext<KernelAttentionConfig>,
  solution: KernelAttentionSolution,
): Promise<RunOutput> {
  const config = validated(ctx.config);
  const implementation: Implementation = config.implementation ?? (ctx.reference ? 'reference' : 'student');
  ctx.emit({
    type: 'progress',
    fraction: 0.01,
    message: 'Comparing your eq. 3 with your eq. 5 (the checks compare every piece with float64)',
  });
  const { equivalence, featureSize } = measureEquivalence(solution, config.seed);
  const featureSizes = new Map(config.Ds.map((D) => [D, featureSizeOf(solution, D, config.seed)]));

  // Timings are necessarily measured here, in the child where the student's code runs.
  const sweep: SweepPoint[] = await runSweep(solution, {
    implementation,
    Ns: config.Ns,
    Ds: config.Ds,
    repeats: config.repeats,
    seed: config.seed,
    maxCallMs: config.maxCallMs,
    linearMaxN: config.linearMaxN,
    signal: ctx.signal,
    onPoint(point, fraction, message) {
      ctx.emit({ type: 'progress', fraction: 0.02 + 0.86 * fraction, message });
      ctx.emit({
        type: 'metric',
        name: `q3.${implementation}.${point.form}.D${point.D}.ms`,
        step: point.N,
        value: point.ms,
      });
    },
    onSkip: (message, further) => ctx.emit({ type: 'log', level: further ? 'info' : 'warn', message }),
  });
  ctx.signal.throwIfCancelled();

  const sizeAt = (D: number): number => featureSizes.get(D) ?? compactFeatureSize(D);
  const fits = fitsOf(sweep);
  const crossovers = crossoversOf(sweep, (_, D) => sizeAt(D));
  const artifact: KernelAttentionMeasuredArtifact = {
    kind: 'kernel-attention',
    title: `Kernelized linear attention: softmax vs quadratic-kernel linear attention, N ${config.Ns[0]}…${config.Ns[config.Ns.length - 1]}, D ∈ {${config.Ds.join(', ')}}, M = D (${ctx.backend})`,
    equivalence,
    featureSize,
    sweep,
    fits,
    crossovers,
    flopModel: flopModelOf(sweep, sizeAt),
  };
  // measurements only: the judge's artifact schema (schemas.ts) turns them into the KernelAttentionArtifact it passes on
  ctx.emit({ type: 'artifact', artifact: artifact as unknown as Artifact });
  for (const c of crossovers) {
    ctx.emit({
      type: 'log',
      level: 'info',
      message: `${c.implementation}, D = ${c.D}: linear attention is faster from N = ${c.measuredN ?? `— (not within N ≤ ${config.Ns[config.Ns.length - 1]})`}; the FLOP model says N ≈ ${c.flopModelN}.`,
    });
  }
  const peak = sweep.reduce((m, p) => Math.max(m, p.bytes), 0);
  ctx.emit({
    type: 'log',
    level: 'info',
    message: `${implementation}: largest peak tensor memory ${formatBytes(peak)}.`,
  });

  const record: KernelAttentionRecord = { implementation, sweep };
  return {
    metrics: {
      equivalenceMaxAbsDiff: equivalence.maxAbsDiff ?? Number.NaN,
      sweep: sweep.map((p) => ({ N: p.N, D: p.D, form: p.form, ms: roundMetric(p.ms), bytes: p.bytes })),
      fittedExponent: fittedExponentMetric(fits, implementation),
      crossoverN: Object.fromEntries(
        crossovers.map((c) => [String(c.D), { measured: c.measuredN, flopModel: c.flopModelN }]),
      ),
    },
    record,
  };
}
