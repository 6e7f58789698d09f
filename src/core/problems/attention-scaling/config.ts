// Problem 2's settings, shared by the judge (defaultConfig) and the child (the experiment reads and
// validates them; the artifact schema caps its arrays by the same limits).
import type { ProblemConfig } from '../../problem';

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

export const MAX_D = 4096;
export const MAX_SAMPLES = 1_000_000;
export const MAX_KEYS = 4096;
export const MAX_HISTOGRAM_SAMPLES = 20_000;
/** Entries of dims, shifted.dims and shifted.sigmas at most. */
export const MAX_DIMS = 256;

const powersOfTwo = (upTo: number): number[] => Array.from({ length: Math.log2(upTo) + 1 }, (_, i) => 2 ** i);

export function defaultConfig(quick: boolean): ScalingConfig {
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

/** The config a run uses: the defaults under `config` (of `shifted` too), validated; a bad value is a RangeError. */
export function resolvedConfig(config: ScalingConfig): ScalingConfig {
  const defaults = defaultConfig(config.quick);
  return validated({ ...defaults, ...config, shifted: { ...defaults.shifted, ...config.shifted } });
}

function validated(config: ScalingConfig): ScalingConfig {
  const fail = (what: string, value: unknown): never => {
    throw new RangeError(`Attention scaling config: ${what} (got ${JSON.stringify(value)}).`);
  };
  const integer = (value: unknown, name: string, max: number): void => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
      fail(`${name} must be an integer from 1 to ${max}`, value);
  };
  const dimensions = (value: unknown, name: string): void => {
    if (!Array.isArray(value) || value.length === 0) fail(`${name} must be a non-empty list of dimensions`, value);
    if ((value as unknown[]).length > MAX_DIMS)
      fail(`${name} may list at most ${MAX_DIMS} dimensions`, (value as unknown[]).length);
    (value as unknown[]).forEach((d) => integer(d, `every entry of ${name}`, MAX_D));
  };
  const sigma = (value: unknown, name: string): void => {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
      fail(`${name} must be a positive number`, value);
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
  if (typeof shifted.mu !== 'number' || !Number.isFinite(shifted.mu))
    fail('shifted.mu must be a finite number', shifted.mu);
  if (!Array.isArray(shifted.sigmas)) fail('shifted.sigmas must be a list of positive numbers', shifted.sigmas);
  if (shifted.sigmas.length > MAX_DIMS)
    fail(`shifted.sigmas may list at most ${MAX_DIMS} values`, shifted.sigmas.length);
  shifted.sigmas.forEach((s) => sigma(s, 'every entry of shifted.sigmas'));
  if (shifted.sigmas.length > 0) dimensions(shifted.dims, 'shifted.dims');
  return config;
}
