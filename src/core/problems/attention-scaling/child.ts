// Problem 2's child half: the experiment, run on the student's code in the child process. It
// measures the moments of qᵀk and qᵀk/√d over d by Monte Carlo, and how softmax saturates without
// the scaling, and emits them for the panel. No closed form: they are the answers to 2a–2c, and
// only the judge's side knows whether the student may see them (closedFormsShown.ts). Display data only: the checks
// (checks.ts, the judge's) call the student's functions themselves and judge what comes back.
import type { ProblemChild, RunContext, RunOutput } from '../../problem';
import { yieldToEventLoop } from '../../engine/cancel';
import type { ScalingMoments, ScalingRunArtifact, SaturationRow } from './artifact';
import { resolvedConfig, type ScalingConfig } from './config';
import { scalingInfo } from './meta';
import { measureMoments, momentsOf, sampleDotProducts } from './moments';
import { measureSaturation } from './saturation';
import { scalingSolutionFrom, type ScalingSolution } from './solution';

export type { ScalingSolution } from './solution';
export type { ScalingConfig } from './config';

export const scalingChild: ProblemChild<ScalingSolution, ScalingConfig> = {
  id: scalingInfo.id,
  solutionFrom: scalingSolutionFrom,
  run: runScaling,
};

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

async function runScaling(ctx: RunContext<ScalingConfig>, solution: ScalingSolution): Promise<RunOutput> {
  // A caller may override only some fields (of `shifted` too): the rest come from the defaults.
  const config = resolvedConfig(ctx.config);
  const { mu, sigma, samples, dims, keys, trials } = config;
  const progress = (fraction: number, message: string): void => ctx.emit({ type: 'progress', fraction, message });
  // A metric's value must be a finite number on the wire: a student's NaN stays in the artifact only.
  const metric = (name: string, step: number, value: number): void => {
    if (Number.isFinite(value)) ctx.emit({ type: 'metric', name, step, value });
  };
  // One stream per part: changing one part's settings does not move the others' samples.
  const rngs = {
    moments: ctx.rng.fork(1),
    shifted: ctx.rng.fork(2),
    histogram: ctx.rng.fork(3),
    saturation: ctx.rng.fork(4),
  };

  const moments: ScalingMoments[] = [];
  for (const [i, d] of dims.entries()) {
    const m = await measureMoments(solution, { d, mu, sigma, samples }, rngs.moments, ctx.signal);
    moments.push(m);
    metric('q2.variance', d, m.variance);
    metric('q2.scaledVariance', d, m.scaledVariance);
    progress(
      0.02 + (0.4 * (i + 1)) / dims.length,
      `d = ${d}: Var(qᵀk) = ${m.variance.toFixed(2)}, Var(qᵀk/√d) = ${m.scaledVariance.toFixed(3)}`,
    );
    await yieldToEventLoop();
  }

  const shifted: ScalingMoments[] = [];
  for (const s of config.shifted.sigmas) {
    for (const d of config.shifted.dims) {
      shifted.push(
        await measureMoments(solution, { d, mu: config.shifted.mu, sigma: s, samples }, rngs.shifted, ctx.signal),
      );
      await yieldToEventLoop();
    }
  }
  progress(0.5, `μ = ${config.shifted.mu}: E[qᵀk] at σ = ${config.shifted.sigmas.join(', ')}`);

  const histogramSpec = { d: config.histogramD, mu, sigma, samples: config.histogramSamples };
  const raw = await sampleDotProducts(solution, histogramSpec, rngs.histogram, ctx.signal);
  const histogram = {
    d: histogramSpec.d,
    raw: Array.from(raw, round),
    scaled: Array.from(raw, (x) => round(x / Math.sqrt(histogramSpec.d))),
  };
  const histogramMoments = momentsOf(raw, histogramSpec);
  progress(0.55, `Histogram at d = ${histogramSpec.d}: ${histogramSpec.samples} samples`);

  const saturation: SaturationRow[] = [];
  for (const [i, d] of dims.entries()) {
    const row = await measureSaturation(solution, { d, keys, trials }, rngs.saturation, ctx.signal);
    saturation.push(row);
    metric('q2.maxWeight.unscaled', d, row.unscaled.maxWeight);
    metric('q2.maxWeight.scaled', d, row.scaled.maxWeight);
    progress(
      0.55 + (0.33 * (i + 1)) / dims.length,
      `d = ${d}, ${keys} keys: max weight ${row.unscaled.maxWeight.toFixed(3)} unscaled, ${row.scaled.maxWeight.toFixed(3)} scaled`,
    );
    await yieldToEventLoop();
  }

  const artifact: ScalingRunArtifact = {
    kind: 'attention-scaling',
    title: `Why scale by √d: q, k ~ N(${mu}, ${sigma}²I), ${samples} samples per d; softmax over ${keys} keys, ${trials} trials (seed ${config.seed})`,
    mu,
    sigma,
    samples,
    moments,
    saturation,
    histogram,
    // The child never sees answers.md: the judge's host puts the student's 2a–2c here
    // (scalingArtifactAnswers in index.ts) before the panel gets the artifact.
    answers: [],
    shiftedMoments: shifted,
    histogramMoments,
  };
  ctx.emit({ type: 'artifact', artifact });

  const roundMoments = (m: ScalingMoments): Record<string, number> => ({
    d: m.d,
    ...(m.mu !== mu || m.sigma !== sigma ? { mu: m.mu, sigma: m.sigma } : {}),
    mean: round(m.mean),
    variance: round(m.variance),
    scaledMean: round(m.scaledMean),
    scaledVariance: round(m.scaledVariance),
  });
  const roundRow = (r: SaturationRow): Record<string, unknown> => ({
    d: r.d,
    keys: r.keys,
    unscaled: { maxWeight: round(r.unscaled.maxWeight), gradNorm: round(r.unscaled.gradNorm) },
    scaled: { maxWeight: round(r.scaled.maxWeight), gradNorm: round(r.scaled.gradNorm) },
  });
  return {
    metrics: {
      mu,
      sigma,
      samples,
      variance: moments.map(roundMoments),
      shiftedMoments: shifted.map(roundMoments),
      saturation: saturation.map(roundRow),
    },
  };
}
