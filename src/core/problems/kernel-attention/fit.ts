// Growth exponents and crossovers from sweep measurements.

export interface Sample {
  N: number;
  value: number;
}

export interface ExponentFit {
  /** Least-squares slope of log(value) against log(N). */
  exponent: number;
  /** The N range the fit used. */
  nFrom: number;
  nTo: number;
  /** R² of the fit in log–log: how far the samples follow one power of N (1 = exactly). */
  r2: number;
}

/** Least-squares slope of log(value) against log(N) over all samples (N and value > 0). */
export function fitExponent(samples: readonly Sample[]): ExponentFit {
  const usable = samples.filter((s) => s.N > 0 && s.value > 0 && Number.isFinite(s.value));
  if (usable.length < 2) throw new RangeError(`fitExponent needs two positive samples (got ${usable.length}).`);
  const xs = usable.map((s) => Math.log(s.N));
  const ys = usable.map((s) => Math.log(s.value));
  const mx = mean(xs),
    my = mean(ys);
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  if (sxx === 0) throw new RangeError('fitExponent needs at least two different N.');
  const ns = usable.map((s) => s.N);
  const exponent = sxy / sxx;
  let residual = 0,
    total = 0;
  for (let i = 0; i < xs.length; i++) {
    residual += (ys[i]! - my - exponent * (xs[i]! - mx)) ** 2;
    total += (ys[i]! - my) ** 2;
  }
  return { exponent, nFrom: Math.min(...ns), nTo: Math.max(...ns), r2: total === 0 ? 1 : 1 - residual / total };
}

/**
 * The upper half of the sampled sizes (the larger ⌈n/2⌉ distinct N, at least two), where per-call
 * overhead no longer dominates the cost.
 */
export function upperHalf(ns: readonly number[]): number[] {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  return sorted.slice(Math.max(0, Math.min(sorted.length - 2, Math.floor(sorted.length / 2))));
}

/** fitExponent over the upper half of the samples' N. */
export function fitUpperHalf(samples: readonly Sample[]): ExponentFit {
  const keep = new Set(upperHalf(samples.map((s) => s.N)));
  return fitExponent(samples.filter((s) => keep.has(s.N)));
}

/**
 * The smallest swept N from which the linear form is faster at every larger swept N too;
 * null when it is not faster at the largest N.
 */
export function measuredCrossover(softmax: readonly Sample[], linear: readonly Sample[]): number | null {
  const linearAt = new Map(linear.map((s) => [s.N, s.value]));
  const ns = softmax
    .map((s) => s.N)
    .filter((n) => linearAt.has(n))
    .sort((a, b) => a - b);
  const softmaxAt = new Map(softmax.map((s) => [s.N, s.value]));
  let crossover: number | null = null;
  for (let i = ns.length - 1; i >= 0; i--) {
    const n = ns[i]!;
    if (linearAt.get(n)! < softmaxAt.get(n)!) crossover = n;
    else break;
  }
  return crossover;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
