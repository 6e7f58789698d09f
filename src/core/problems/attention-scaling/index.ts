// Problem 2: why attention scales qᵀk by √d. The student writes the row-wise dot products and the
// scaled softmax; the run measures the moments of qᵀk and qᵀk/√d over d by Monte Carlo beside the
// closed forms, and how softmax saturates without the scaling; the checks compare both functions
// with float64 ground truth and judge the answers 2a–2c in answers.md.
import type { Problem, ProblemConfig, RunContext } from '../../problem';
import { yieldToEventLoop } from '../../engine/cancel';
import { parseAnswers } from '../../answers';
import type { ScalingAnswer, ScalingMoments, ScalingRunArtifact, SaturationRow } from './artifact';
import { checkScaling } from './checks';
import { ANSWER_IDS, scalingInfo } from './meta';
import { measureMoments, momentsOf, sampleDotProducts } from './moments';
import * as reference from './reference';
import { measureSaturation } from './saturation';
import { scalingSolutionFrom, type ScalingSolution } from './solution';

export type { ScalingSolution } from './solution';

export interface ScalingConfig extends ProblemConfig {
  /** Per-component mean and standard deviation of q and k for the moments and the histogram. */
  mu: number;
  sigma: number;
  /** Monte-Carlo samples of qᵀk per d. */
  samples: number;
  /** The dimensions of the moments and of the saturation curves. */
  dims: number[];
  /** Saturation: keys per query and trials averaged per d (q, k ~ N(0, I)). */
  keys: number;
  trials: number;
  /** The histogram's dimension and sample count. */
  histogramD: number;
  histogramSamples: number;
  /** Moments at a nonzero mean and several σ: E[qᵀk] = dμ² whatever σ is. */
  shifted: { mu: number; sigmas: number[]; dims: number[] };
}

const MAX_D = 4096;
const MAX_SAMPLES = 1_000_000;
const MAX_KEYS = 4096;
const MAX_HISTOGRAM_SAMPLES = 20_000;

const powersOfTwo = (upTo: number): number[] => Array.from({ length: Math.log2(upTo) + 1 }, (_, i) => 2 ** i);

function defaultConfig(quick: boolean): ScalingConfig {
  return {
    seed: 0,
    quick,
    mu: 0,
    sigma: 1,
    samples: quick ? 4_000 : 20_000,
    dims: quick ? [1, 4, 16, 64, 256, 512] : powersOfTwo(512),
    keys: 64,
    trials: quick ? 100 : 400,
    histogramD: 64,
    histogramSamples: 2_000,
    shifted: { mu: 0.5, sigmas: [0.5, 1.5], dims: quick ? [4, 64] : [4, 16, 64] },
  };
}

export const scalingProblem: Problem<ScalingSolution, ScalingConfig> = {
  ...scalingInfo,
  defaultConfig,
  reference,
  solutionFrom: scalingSolutionFrom,
  run: runScaling,
  checks: (ctx, solution) => checkScaling(ctx, solution),
};

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

async function runScaling(ctx: RunContext<ScalingConfig>, solution: ScalingSolution): Promise<Record<string, unknown>> {
  // A caller may override only some fields (of `shifted` too): fill the rest from the defaults.
  const defaults = defaultConfig(ctx.config.quick);
  const config = validated({ ...defaults, ...ctx.config, shifted: { ...defaults.shifted, ...ctx.config.shifted } });
  const { mu, sigma, samples, dims, keys, trials } = config;
  const progress = (fraction: number, message: string): void => ctx.emit({ type: 'progress', fraction, message });
  // One stream per part: changing one part's settings does not move the others' samples.
  const rngs = { moments: ctx.rng.fork(1), shifted: ctx.rng.fork(2), histogram: ctx.rng.fork(3), saturation: ctx.rng.fork(4) };

  const moments: ScalingMoments[] = [];
  for (const [i, d] of dims.entries()) {
    const m = await measureMoments(solution, { d, mu, sigma, samples }, rngs.moments, ctx.signal);
    moments.push(m);
    ctx.emit({ type: 'metric', name: 'q2.variance', step: d, value: m.variance });
    ctx.emit({ type: 'metric', name: 'q2.scaledVariance', step: d, value: m.scaledVariance });
    progress(0.02 + (0.4 * (i + 1)) / dims.length, `d = ${d}: Var(qᵀk) = ${m.variance.toFixed(2)} (closed form ${m.closedVariance}), Var(qᵀk/√d) = ${m.scaledVariance.toFixed(3)}`);
    await yieldToEventLoop();
  }

  const shifted: ScalingMoments[] = [];
  for (const s of config.shifted.sigmas) {
    for (const d of config.shifted.dims) {
      shifted.push(await measureMoments(solution, { d, mu: config.shifted.mu, sigma: s, samples }, rngs.shifted, ctx.signal));
      await yieldToEventLoop();
    }
  }
  progress(0.5, `μ = ${config.shifted.mu}: E[qᵀk] against dμ² at σ = ${config.shifted.sigmas.join(', ')}`);

  const histogramSpec = { d: config.histogramD, mu, sigma, samples: config.histogramSamples };
  const raw = await sampleDotProducts(solution, histogramSpec, rngs.histogram, ctx.signal);
  const histogram = { d: histogramSpec.d, raw: Array.from(raw, round), scaled: Array.from(raw, (x) => round(x / Math.sqrt(histogramSpec.d))) };
  const histogramMoments = momentsOf(raw, histogramSpec);
  progress(0.55, `Histogram at d = ${histogramSpec.d}: ${histogramSpec.samples} samples`);

  const saturation: SaturationRow[] = [];
  for (const [i, d] of dims.entries()) {
    const row = await measureSaturation(solution, { d, keys, trials }, rngs.saturation, ctx.signal);
    saturation.push(row);
    ctx.emit({ type: 'metric', name: 'q2.maxWeight.unscaled', step: d, value: row.unscaled.maxWeight });
    ctx.emit({ type: 'metric', name: 'q2.maxWeight.scaled', step: d, value: row.scaled.maxWeight });
    progress(0.55 + (0.33 * (i + 1)) / dims.length, `d = ${d}, ${keys} keys: max weight ${row.unscaled.maxWeight.toFixed(3)} unscaled, ${row.scaled.maxWeight.toFixed(3)} scaled`);
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
    answers: studentAnswers(ctx),
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
    closedMean: round(m.closedMean),
    closedVariance: round(m.closedVariance),
  });
  const roundRow = (r: SaturationRow): Record<string, unknown> => ({
    d: r.d,
    keys: r.keys,
    unscaled: { maxWeight: round(r.unscaled.maxWeight), gradNorm: round(r.unscaled.gradNorm) },
    scaled: { maxWeight: round(r.scaled.maxWeight), gradNorm: round(r.scaled.gradNorm) },
  });
  return {
    mu,
    sigma,
    samples,
    variance: moments.map(roundMoments),
    shiftedMoments: shifted.map(roundMoments),
    saturation: saturation.map(roundRow),
  };
}

/** The student's 2a–2c as written in answers.md (the first of duplicated headings), for the panel. */
function studentAnswers(ctx: RunContext<ScalingConfig>): ScalingAnswer[] {
  if (!ctx.answers) return [];
  const doc = parseAnswers(ctx.answers);
  return ANSWER_IDS.flatMap((id) => {
    const answer = doc.byId.get(id)?.[0];
    return answer ? [{ id, text: answer.text, line: answer.line }] : [];
  });
}

function validated(config: ScalingConfig): ScalingConfig {
  const fail = (what: string, value: unknown): never => {
    throw new RangeError(`Attention scaling config: ${what} (got ${JSON.stringify(value)}).`);
  };
  const integer = (value: unknown, name: string, max: number): void => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) fail(`${name} must be an integer from 1 to ${max}`, value);
  };
  const dimensions = (value: unknown, name: string): void => {
    if (!Array.isArray(value) || value.length === 0) fail(`${name} must be a non-empty list of dimensions`, value);
    (value as unknown[]).forEach((d) => integer(d, `every entry of ${name}`, MAX_D));
  };
  const sigma = (value: unknown, name: string): void => {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) fail(`${name} must be a positive number`, value);
  };
  if (typeof config.mu !== 'number' || !Number.isFinite(config.mu)) fail('mu must be a finite number', config.mu);
  sigma(config.sigma, 'sigma');
  integer(config.samples, 'samples', MAX_SAMPLES);
  if (config.samples < 2) fail('samples must be at least 2 (a variance needs two)', config.samples);
  dimensions(config.dims, 'dims');
  integer(config.keys, 'keys', MAX_KEYS);
  integer(config.trials, 'trials', MAX_SAMPLES);
  integer(config.histogramD, 'histogramD', MAX_D);
  integer(config.histogramSamples, 'histogramSamples', MAX_HISTOGRAM_SAMPLES);
  const shifted = config.shifted;
  if (typeof shifted !== 'object' || shifted === null) fail('shifted must be { mu, sigmas, dims }', shifted);
  if (typeof shifted.mu !== 'number' || !Number.isFinite(shifted.mu)) fail('shifted.mu must be a finite number', shifted.mu);
  if (!Array.isArray(shifted.sigmas)) fail('shifted.sigmas must be a list of positive numbers', shifted.sigmas);
  shifted.sigmas.forEach((s) => sigma(s, 'every entry of shifted.sigmas'));
  if (shifted.sigmas.length > 0) dimensions(shifted.dims, 'shifted.dims');
  return config;
}
