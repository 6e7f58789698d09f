// Problem 3: kernelized linear attention, the judge's half. The student writes softmax attention, the
// quadratic kernel, its feature map φ and kernel attention in the quadratic (eq. 3) and linear (eq. 5)
// forms; the child (child.ts) runs them: the experiment sweeps time and peak tensor memory of softmax
// and linear attention over N. Here the checks call every piece through the child and compare it with
// float64 (checks.ts), and the answers.md claims (3a–3c) are judged against the growth fitted here
// from the child's raw measurements of the student's own code: the run's sweep (its record) or,
// without a run, the short sweep of the `growth` task.
import { z } from 'zod';
import { checkAnswers } from '../../answers';
import type { MeasuredGrowth } from '../../answers/types';
import type { Finding } from '../../engine/events';
import { ChannelError } from '../../engine/judge';
import { describeSchemaError } from '../../engine/childProtocol';
import { StudentFailureError, type JudgeContext, type Problem } from '../../problem';
import type { Implementation, SweepPoint } from './artifact';
import { checkKernelAttention } from './checks';
import { defaultConfig, validated, type KernelAttentionConfig } from './config';
import { fitsOf, measuredGrowth } from './growth';
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
    const measured = ctx.record !== undefined ? runGrowth(ctx.record as z.infer<typeof recordSchema>, ctx.config) : ctx.answers ? await shortGrowth(ctx) : {};
    const answers = checkAnswers(ctx.answers, kernelAttentionInfo.answerIds!, { revealAnswers: ctx.config.revealAnswers, measured, random: ctx.rng.next });
    return [...code.findings, ...answers];
  },
};

/**
 * The growth in N of an implementation's two forms at D, by answers.md id, fitted from raw sweep
 * points over the upper half of their N (or all of them with `allN`). A point with no positive time
 * or size cannot be fitted and is left out.
 */
function growthOf(points: readonly SweepPoint[], implementation: Implementation, D: number, options: { allN?: boolean } = {}): Record<string, MeasuredGrowth> {
  const usable = points.filter((p) => p.implementation === implementation && p.D === D && p.ms > 0 && p.bytes > 0);
  return measuredGrowth(fitsOf(usable, options), implementation, D);
}

/** The run's growth: its sweep at the largest swept D. */
function runGrowth(record: z.infer<typeof recordSchema>, config: KernelAttentionConfig): Record<string, MeasuredGrowth> {
  return growthOf(record.sweep, record.implementation, Math.max(...config.Ds));
}

/**
 * Checks without a run: the child's short sweep of the student's two forms at growthD over growthNs
 * (timings can only be taken where their code runs), fitted here over all of them (they start where
 * per-call overhead no longer dominates). When the student's code fails in it (it throws, returns a
 * malformed result, runs out of time), there is no measurement: the code checks report that failure.
 */
async function shortGrowth(ctx: JudgeContext<KernelAttentionConfig>): Promise<Record<string, MeasuredGrowth>> {
  const config = validated(ctx.config);
  let raw: unknown;
  try {
    raw = await ctx.child.task('growth');
  } catch (err) {
    if (err instanceof StudentFailureError && ['shape', 'student-code', 'time-limit', 'memory'].includes(err.failure.reason)) return {};
    throw err;
  }
  const parsed = growthSchema.safeParse(raw);
  if (!parsed.success) throw new ChannelError(`the growth measurement: ${describeSchemaError(parsed.error)}`);
  const asked = new Set(config.growthNs);
  return growthOf(parsed.data.points.filter((p) => asked.has(p.N)), 'student', config.growthD, { allN: true });
}
