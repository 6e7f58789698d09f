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

// --- time: only where the asymptote shows ------------------------------------------------------

/** A series' time at one N: the median of its timed calls, and the calls themselves in order. */
export interface TimedSample extends Sample {
  runs?: readonly number[];
}

/** A time fit, with what says whether it measures the growth at all. */
export interface TimeFit extends ExponentFit {
  /** The fixed cost of one call (ms), subtracted before fitting; 0 when unknown. */
  floorMs: number;
  /** Largest minus smallest slope of the repeats fitted one by one (absent with one repeat). */
  spread?: number;
  /** Why the timings do not show the growth here (absent when they do): then the exponent is no measurement. */
  unmeasurable?: string;
}

/** Sizes whose time is under this many times the fixed cost of a call are overhead-bound: not fitted. */
export const OVERHEAD_FACTOR = 4;
/** A time fit needs this many sizes above the overhead… */
export const MIN_TIME_SIZES = 3;
/** …spanning at least this ratio of N (two doublings). */
export const MIN_TIME_SPAN = 4;
/** Below this R² (log–log) the times follow no single power of N. */
export const MIN_TIME_R2 = 0.9;
/** Repeats whose own slopes differ by more than this say the machine, not the code, sets the slope. */
export const MAX_SLOPE_SPREAD = 0.5;

const ms = (x: number): string => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));

/**
 * The growth of time in N where it shows: t(N) ≈ floor + c·N^p, with floor the fixed cost of a call
 * (measured at a tiny N, `measuredFloorMs`; at most the fastest call of the series). Sizes whose
 * median time is under OVERHEAD_FACTOR × floor are dropped; p is the least-squares slope of
 * log(t − floor) against log N over the rest, with its R²
 * and the spread of the same slope fitted on each repeat alone. Unmeasurable (with the reason) when
 * fewer than MIN_TIME_SIZES sizes spanning MIN_TIME_SPAN× remain, the slope is not positive, R² is
 * under MIN_TIME_R2 or the repeats' slopes spread more than MAX_SLOPE_SPREAD. Without a floor
 * (0: older records) the upper half of N is fitted as it is.
 */
export function fitTime(samples: readonly TimedSample[], measuredFloorMs: number): TimeFit {
  const usable = samples.filter((s) => s.N > 0 && s.value > 0 && Number.isFinite(s.value));
  // the fixed cost is at most the fastest call at any N (a burst of load can slow the tiny-N calls too)
  const fastest = Math.min(...usable.flatMap((s) => [s.value, ...(s.runs ?? []).filter((r) => r > 0)]));
  const floorMs = Math.min(measuredFloorMs, fastest);
  const sizes = [...new Set(usable.map((s) => s.N))].sort((a, b) => a - b);
  const range = sizes.length ? `between N = ${sizes[0]} and ${sizes[sizes.length - 1]}` : 'at these sizes';
  if (!(measuredFloorMs > 0) || !(floorMs > 0)) {
    const fit = fitUpperHalf(usable);
    return withVerdict({ ...fit, floorMs: 0 }, `between N = ${fit.nFrom} and ${fit.nTo}`);
  }
  const above = usable.filter((s) => s.value >= OVERHEAD_FACTOR * floorMs);
  const kept = [...new Set(above.map((s) => s.N))];
  const floorText = `${ms(floorMs)} ms`;
  if (kept.length < MIN_TIME_SIZES || Math.max(...kept) / Math.min(...kept) < MIN_TIME_SPAN) {
    // too few sizes above the overhead: a slope over all of them, shown as no measurement
    const fit =
      sizes.length >= 2 ? fitExponent(usable) : { exponent: 0, nFrom: sizes[0] ?? 0, nTo: sizes[0] ?? 0, r2: 0 };
    const few = kept.length === 0 ? 'no size' : `only N = ${kept.sort((a, b) => a - b).join(', ')}`;
    return {
      ...fit,
      floorMs,
      unmeasurable: `${range} ${few} took more than ${OVERHEAD_FACTOR}× the fixed cost of a call (${floorText}): the time is mostly overhead there`,
    };
  }
  const net = (value: number): number => value - floorMs;
  const fit = fitExponent(above.map((s) => ({ N: s.N, value: net(s.value) })));
  const repeats = Math.min(...above.map((s) => s.runs?.length ?? 0));
  const slopes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const pass = above.map((s) => ({ N: s.N, value: net(s.runs![r]!) }));
    // a repeat with a call at or under the floor has no slope to give
    if (pass.every((p) => p.value > 0)) slopes.push(fitExponent(pass).exponent);
  }
  const spread = slopes.length >= 2 ? Math.max(...slopes) - Math.min(...slopes) : undefined;
  return withVerdict(
    { ...fit, floorMs, ...(spread !== undefined ? { spread } : {}) },
    `between N = ${fit.nFrom} and ${fit.nTo} (time over ${OVERHEAD_FACTOR}× the ${floorText} fixed cost of a call)`,
  );
}

/** The fit with `unmeasurable` set when its slope, R² or spread says the timings show no growth. */
function withVerdict(fit: TimeFit, range: string): TimeFit {
  const why = !(fit.exponent > 0)
    ? `${range} the time does not grow with N`
    : fit.r2 < MIN_TIME_R2
      ? `${range} the times follow no single power of N (fit R² ${fit.r2.toFixed(2)})`
      : fit.spread !== undefined && fit.spread > MAX_SLOPE_SPREAD
        ? `${range} the repeated calls disagree (their slopes differ by ${fit.spread.toFixed(2)})`
        : undefined;
  return why === undefined ? fit : { ...fit, unmeasurable: `${why}: the machine is too busy or the sizes too small` };
}
