// Problem 3: kernelized linear attention, the judge's half. The student writes softmax attention, the
// quadratic kernel, its feature map φ and kernel attention in the quadratic (eq. 3) and linear (eq. 5)
// forms; the child (child.ts) runs them: the experiment sweeps time and peak tensor memory of softmax
// and linear attention over N. Here the checks call every piece through the child and compare it with
// float64 (checks.ts), and the answers.md claims (3a–3c) are judged against the growth fitted here
// from the child's raw measurements of the student's own code: the run's sweep (its record) or,
// without a run, the short sweep of the `growth` task. Beside a student's run, where the host has the
// lab's reference in a child of its own, the judge sweeps it too (referenceBeside) for the figures.
import { z } from 'zod';
import { checkAnswers } from '../../answers';
import type { MeasuredGrowth } from '../../answers/types';
import type { Finding } from '../../engine/events';
import { ChannelError, SessionEndedError } from '../../engine/judge';
import { CancelledError, type CancelSignal } from '../../engine/cancel';
import { describeSchemaError } from '../../engine/childProtocol';
import { StudentFailureError, type JudgeContext, type Problem } from '../../problem';
import type { Implementation, KernelReferenceSweepArtifact, SweepPoint, SweepTaskInput } from './artifact';
import { checkKernelAttention } from './checks';
import { hiddenChecks } from './hidden';
import { isGradingRun } from '../grading';
import { checkLinearMemory } from './linearMemory';
import { defaultConfig, validated, type KernelAttentionConfig } from './config';
import { compactFeatureSize } from './flops';
import { crossoversOf, fitsOf, fittedExponentMetric, measuredGrowth } from './growth';
import { kernelAttentionInfo } from './meta';
import { growthSchema, kernelAttentionArtifactSchema, recordSchema } from './schemas';

export type { KernelAttentionConfig } from './config';

export const kernelAttentionProblem: Problem<KernelAttentionConfig> = {
  ...kernelAttentionInfo,
  defaultConfig,
  recordSchema,
  artifactSchemas: { 'kernel-attention': kernelAttentionArtifactSchema },
  async checks(ctx): Promise<Finding[]> {
    const code = await checkKernelAttention(ctx.child, ctx.config.seed);
    const memory = await checkLinearMemory(ctx.child);
    const measured =
      ctx.record !== undefined
        ? runGrowth(ctx.record as z.infer<typeof recordSchema>, ctx.config)
        : ctx.answers
          ? await shortGrowth(ctx)
          : {};
    const answers = checkAnswers(ctx.answers, kernelAttentionInfo.answerIds!, {
      revealAnswers: ctx.config.revealAnswers,
      measured,
      random: ctx.rng.next,
    });
    if (ctx.record !== undefined) await referenceBeside(ctx, ctx.record as z.infer<typeof recordSchema>);
    const hidden = isGradingRun(ctx.config) ? await hiddenChecks(ctx.child, ctx.config.seed) : [];
    return [...code.findings, memory, ...hidden, ...answers];
  },
};

/**
 * The lab's reference beside a student's run, as the panel and the report draw it (dashed): when the
 * experiment ran (not for checks alone: the sweep takes seconds), the config asks for it
 * (compareReference), the host has a reference child (ctx.reference) and the run was not the
 * reference's own. The reference child sweeps the run's Ns and Ds with referenceRepeats timed calls
 * per point (the `sweep` task); its raw points are validated and fitted here, emitted as a judge-made
 * `kernel-reference-sweep` artifact, and its fitted exponents go into the metrics
 * (referenceFittedExponent, shaped like fittedExponent). The reference failing (a limit, a crash)
 * costs only the figure: a warning in the log, the student's run goes on.
 */
async function referenceBeside(
  ctx: JudgeContext<KernelAttentionConfig>,
  record: z.infer<typeof recordSchema>,
): Promise<void> {
  const config = validated(ctx.config);
  if (!ctx.reference || !config.compareReference || record.implementation === 'reference') return;
  const input: SweepTaskInput = {
    Ns: config.Ns,
    Ds: config.Ds,
    repeats: config.referenceRepeats,
    linearMaxN: config.linearMaxN,
  };
  ctx.emit({
    type: 'log',
    level: 'info',
    message: `Sweeping the lab's reference beside your run (${input.repeats} timed call${input.repeats === 1 ? '' : 's'} per point).`,
  });
  const skip = (why: string): void =>
    ctx.emit({
      type: 'log',
      level: 'warn',
      message: `The lab's reference could not be swept beside your run (${why}): the figures show your sweep alone.`,
    });
  let raw: unknown;
  try {
    raw = await untilCancelled(ctx.reference.task(SWEEP_TASK, input), ctx.signal);
  } catch (err) {
    if (ctx.signal.cancelled) throw err;
    if (err instanceof StudentFailureError) return skip(`${err.failure.reason}: ${err.failure.message}`);
    if (err instanceof SessionEndedError && err.event.reason !== 'cancelled')
      return skip(`its child stopped, ${err.event.reason}: ${err.event.message}`);
    throw err;
  }
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) return skip(`its sweep did not fit the schema: ${describeSchemaError(parsed.error)}`);
  // the judge asked the reference's child: whatever the child called it, this is the reference's sweep
  const sweep: SweepPoint[] = parsed.data.sweep.map((p) => ({ ...p, implementation: 'reference' }));
  const fits = fitsOf(sweep);
  const crossovers = crossoversOf(sweep, (_, D) => compactFeatureSize(D));
  const artifact: KernelReferenceSweepArtifact = {
    kind: 'kernel-reference-sweep',
    title: `The lab's reference beside your run: N ${config.Ns[0]}…${config.Ns[config.Ns.length - 1]}, D ∈ {${config.Ds.join(', ')}}, ${input.repeats} timed call${input.repeats === 1 ? '' : 's'} per point`,
    sweep,
    fits,
    crossovers,
  };
  ctx.emit({ type: 'artifact', artifact });
  for (const c of crossovers) {
    ctx.emit({
      type: 'log',
      level: 'info',
      message: `reference, D = ${c.D}: linear attention is faster from N = ${c.measuredN ?? `— (not within N ≤ ${config.Ns[config.Ns.length - 1]})`}; the FLOP model says N ≈ ${c.flopModelN}.`,
    });
  }
  ctx.metrics.referenceFittedExponent = fittedExponentMetric(fits, 'reference');
}

/** The child task that sweeps a module (child.ts). */
const SWEEP_TASK = 'sweep';

/**
 * `work`, or the run's cancellation as soon as it is seen: the reference's child is the judge's to
 * close, which it does once the checks return, so a cancelled run does not wait for its sweep.
 */
function untilCancelled<T>(work: Promise<T>, signal: CancelSignal, pollMs = 50): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!signal.cancelled) return;
      clearInterval(timer);
      try {
        signal.throwIfCancelled();
        reject(new CancelledError());
      } catch (err) {
        reject(err);
      }
    }, pollMs);
    work.then(
      (value) => {
        clearInterval(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearInterval(timer);
        reject(err);
      },
    );
  });
}

/**
 * The growth in N of an implementation's two forms at D, by answers.md id, fitted from raw sweep
 * points (growth.ts, fitsOf): memory over the upper half of their N (or all of them with `allN`),
 * time where it rises over the fixed cost of a call. A point with no positive time or size cannot be
 * fitted and is left out.
 */
function growthOf(
  points: readonly SweepPoint[],
  implementation: Implementation,
  D: number,
  options: { allN?: boolean } = {},
): Record<string, MeasuredGrowth> {
  const usable = points.filter((p) => p.implementation === implementation && p.D === D && p.ms > 0 && p.bytes > 0);
  return measuredGrowth(fitsOf(usable, options), implementation, D);
}

/** The run's growth: its sweep at the largest swept D. */
function runGrowth(
  record: z.infer<typeof recordSchema>,
  config: KernelAttentionConfig,
): Record<string, MeasuredGrowth> {
  return growthOf(record.sweep, record.implementation, Math.max(...config.Ds));
}

/**
 * Checks without a run: the child's short sweep of the student's two forms at growthD over growthNs
 * (timings can only be taken where their code runs; the linear form on to growthLinearMaxN), fitted
 * here: memory over all of growthNs, time where it rises over the fixed cost of a call. When the student's code fails in it (it throws, returns a
 * malformed result, runs out of time), there is no measurement: the code checks report that failure.
 */
async function shortGrowth(ctx: JudgeContext<KernelAttentionConfig>): Promise<Record<string, MeasuredGrowth>> {
  const config = validated(ctx.config);
  let raw: unknown;
  try {
    raw = await ctx.child.task('growth');
  } catch (err) {
    if (
      err instanceof StudentFailureError &&
      ['shape', 'student-code', 'time-limit', 'memory'].includes(err.failure.reason)
    )
      return {};
    throw err;
  }
  const parsed = growthSchema.safeParse(raw);
  if (!parsed.success) throw new ChannelError(`the growth measurement: ${describeSchemaError(parsed.error)}`);
  const asked = new Set(config.growthNs);
  return growthOf(
    parsed.data.points.filter((p) => asked.has(p.N)),
    'student',
    config.growthD,
    { allN: true },
  );
}
