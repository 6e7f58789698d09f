// From sweep points to what the run reports: fitted exponents, crossovers, the FLOP model, and the
// measured growth the answers checker holds complexity claims against.
import type { MeasuredGrowth } from '../../answers/types';
import type { AttentionForm, Crossover, FittedExponent, Implementation, SweepPoint } from './artifact';
import { fitExponent, fitTime, fitUpperHalf, measuredCrossover, type Sample, type TimedSample } from './fit';
import { flopCrossoverN, linearFlops, softmaxFlops } from './flops';

const FORMS: readonly AttentionForm[] = ['softmax', 'linear'];

const seriesPoints = (points: readonly SweepPoint[], impl: Implementation, form: AttentionForm, D: number) =>
  points.filter((p) => p.implementation === impl && p.form === form && p.D === D);

const series = (
  points: readonly SweepPoint[],
  impl: Implementation,
  form: AttentionForm,
  D: number,
  cost: 'ms' | 'bytes',
): TimedSample[] =>
  seriesPoints(points, impl, form, D).map((p) => ({
    N: p.N,
    value: p[cost],
    ...(cost === 'ms' && p.runs ? { runs: p.runs } : {}),
  }));

/** A series' fixed cost per call: what its points carry (the same on every point of a sweep), else 0. */
const floorOf = (points: readonly SweepPoint[]): number =>
  Math.min(...points.map((p) => p.floorMs ?? 0), Infinity) || 0;

const distinct = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/**
 * Slopes of log cost against log N, for series with at least two N: of memory over the upper half
 * of the N the softmax form was swept at too (or every such N with `allN`); of time where it shows
 * above the fixed cost of a call (fitTime), with the fit's quality and, when the timings show no
 * growth, why.
 */
export function fitsOf(points: readonly SweepPoint[], options: { allN?: boolean } = {}): FittedExponent[] {
  const fits: FittedExponent[] = [];
  for (const implementation of distinct(points.map((p) => p.implementation))) {
    for (const form of FORMS) {
      for (const D of distinct(points.map((p) => p.D))) {
        for (const cost of ['ms', 'bytes'] as const) {
          const samples = series(points, implementation, form, D, cost);
          if (new Set(samples.map((s) => s.N)).size < 2) continue;
          const fitted = (fit: { exponent: number; nFrom: number; nTo: number; r2: number }) => ({
            implementation,
            form,
            D,
            cost,
            exponent: fit.exponent,
            nFrom: fit.nFrom,
            nTo: fit.nTo,
            r2: fit.r2,
          });
          if (cost === 'ms') {
            const fit = fitTime(samples, floorOf(seriesPoints(points, implementation, form, D)));
            fits.push({
              ...fitted(fit),
              ...(fit.floorMs > 0 ? { floorMs: fit.floorMs } : {}),
              ...(fit.spread !== undefined ? { spread: fit.spread } : {}),
              ...(fit.unmeasurable !== undefined ? { unmeasurable: fit.unmeasurable } : {}),
            });
            continue;
          }
          // memory over the sweep's own N: the linear form's further sizes are for its time (and a
          // solution may switch to blocks there, which changes its memory, not its growth in the sweep)
          const swept = new Set(seriesPoints(points, implementation, 'softmax', D).map((p) => p.N));
          const plain: Sample[] = samples
            .filter((s) => swept.size < 2 || swept.has(s.N))
            .map(({ N, value }) => ({ N, value }));
          fits.push(fitted(options.allN ? fitExponent(plain) : fitUpperHalf(plain)));
        }
      }
    }
  }
  return fits;
}

/** Measured and FLOP-model crossovers per implementation and D; `featureSize(impl, D)` is the φ size the model counts. */
export function crossoversOf(
  points: readonly SweepPoint[],
  featureSize: (impl: Implementation, D: number) => number,
): Crossover[] {
  const out: Crossover[] = [];
  for (const implementation of distinct(points.map((p) => p.implementation))) {
    for (const D of distinct(points.map((p) => p.D))) {
      const M = points.find((p) => p.D === D)!.M;
      out.push({
        implementation,
        D,
        measuredN: measuredCrossover(
          series(points, implementation, 'softmax', D, 'ms'),
          series(points, implementation, 'linear', D, 'ms'),
        ),
        flopModelN: flopCrossoverN(D, M, featureSize(implementation, D)),
      });
    }
  }
  return out;
}

/** FLOPs of both forms at every swept (N, D), with φ of size featureSize(D). */
export function flopModelOf(
  points: readonly SweepPoint[],
  featureSize: (D: number) => number,
): { N: number; D: number; M: number; softmax: number; linear: number }[] {
  const keys = distinct(points.map((p) => `${p.N},${p.D},${p.M}`)).map(
    (k) => k.split(',').map(Number) as [number, number, number],
  );
  return keys
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .map(([N, D, M]) => ({ N, D, M, softmax: softmaxFlops(N, D, M), linear: linearFlops(N, D, M, featureSize(D)) }));
}

const WHAT: Record<AttentionForm, string> = { softmax: 'your softmax attention', linear: 'your linear attention' };
const ANSWER: Record<AttentionForm, string> = { softmax: '3c-i', linear: '3c-ii' };

/** The growth in N of an implementation's two forms at one D, by answers.md id (3c-i-time, …). */
export function measuredGrowth(
  fits: readonly FittedExponent[],
  implementation: Implementation,
  D: number,
): Record<string, MeasuredGrowth> {
  const out: Record<string, MeasuredGrowth> = {};
  for (const f of fits) {
    if (f.implementation !== implementation || f.D !== D) continue;
    const kind = f.cost === 'ms' ? 'time' : 'memory';
    out[`${ANSWER[f.form]}-${kind}`] = {
      variable: 'N',
      exponent: f.exponent,
      from: f.nFrom,
      to: f.nTo,
      what: `${WHAT[f.form]} (${kind}, D = ${D})`,
      ...(f.r2 !== undefined ? { r2: f.r2 } : {}),
      ...(f.unmeasurable !== undefined ? { unmeasurable: f.unmeasurable } : {}),
    };
  }
  return out;
}

export interface FittedExponentEntry {
  /** The slope of log ms against log N over [timeFrom, timeTo]; null when the timings show no growth. */
  time?: number | null;
  timeFrom?: number;
  timeTo?: number;
  timeR2?: number;
  /** The spread of the repeats' slopes. */
  timeSpread?: number;
  /** Why time is null. */
  timeNotMeasurable?: string;
  /** The slope of log peak bytes against log N over [nFrom, nTo]. */
  memory?: number;
  nFrom: number;
  nTo: number;
}

export type FittedExponentMetric = Record<string, Record<string, FittedExponentEntry>>;

/**
 * The fittedExponent metric of one implementation: { softmax: { '16': { time, timeFrom, timeTo,
 * timeR2, memory, nFrom, nTo }, '64': … }, linear: … }: slopes of log ms where the time shows above
 * the fixed cost of a call (null, with timeNotMeasurable, when it does not) and of log peak bytes over
 * the upper half of the sweep, rounded to three decimals.
 */
export function fittedExponentMetric(
  fits: readonly FittedExponent[],
  implementation: Implementation,
): FittedExponentMetric {
  const out: FittedExponentMetric = {};
  for (const f of fits) {
    if (f.implementation !== implementation) continue;
    const entry = ((out[f.form] ??= {})[String(f.D)] ??= { nFrom: f.nFrom, nTo: f.nTo });
    if (f.cost === 'bytes') {
      Object.assign(entry, { memory: roundMetric(f.exponent), nFrom: f.nFrom, nTo: f.nTo });
      continue;
    }
    entry.time = f.unmeasurable === undefined ? roundMetric(f.exponent) : null;
    entry.timeFrom = f.nFrom;
    entry.timeTo = f.nTo;
    if (f.r2 !== undefined) entry.timeR2 = roundMetric(f.r2);
    if (f.spread !== undefined) entry.timeSpread = roundMetric(f.spread);
    if (f.unmeasurable !== undefined) entry.timeNotMeasurable = f.unmeasurable;
  }
  return out;
}

export const roundMetric = (x: number): number => Math.round(x * 1000) / 1000;
