// Problem 2's figures as SVG strings (DOM-free; the panel and the CLI report both draw with these):
// histograms of qᵀk and qᵀk/√d with the closed-form normal approximation over them, and the softmax
// saturation plot (max attention weight and gradient norm against log₂ d, scaled and unscaled).
import { bin, line, scaleLinear, type ScaleLinear } from 'd3';
import type { SaturationRow } from '../artifact';
import { closedMean, closedVariance } from '../stats';
import { r2 } from '../../../viz/svgText';
import { formatNumber, labSvgShell, legendRows, type LabShellOptions } from '../../../viz/chartFigure';

/** E and Var of qᵀk (and of qᵀk/√d) for q, k ~ N(μ, σ²I) in R^d, independent. */
export function scalingClosedForms(
  d: number,
  mu: number,
  sigma: number,
): { mean: number; variance: number; scaledMean: number; scaledVariance: number } {
  const mean = closedMean(d, mu);
  const variance = closedVariance(d, mu, sigma);
  return { mean, variance, scaledMean: mean / Math.sqrt(d), scaledVariance: variance / d };
}

/** Sample mean and unbiased sample variance (Welford: stable for large means). */
export function sampleMoments(values: ArrayLike<number>): { mean: number; variance: number; count: number } {
  let mean = 0;
  let m2 = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
  }
  return { mean: n ? mean : NaN, variance: n > 1 ? m2 / (n - 1) : NaN, count: n };
}

export interface HistogramOptions extends LabShellOptions {
  width?: number;
  height?: number;
  /** 'raw' for qᵀk, 'scaled' for qᵀk/√d (sets the colour and the labels). */
  which: 'raw' | 'scaled';
  d: number;
  /** The closed-form mean and variance of what is drawn: a normal density with them goes over the bars. */
  closed?: { mean: number; variance: number };
  bins?: number;
}

const H_MARGIN = { top: 34, right: 16, bottom: 32, left: 46 };

/** A density histogram of `values` with the empirical mean marked and the closed form's normal density. */
export function renderScalingHistogramSvg(values: ArrayLike<number>, o: HistogramOptions): string {
  const width = o.width ?? 440;
  const height = o.height ?? 240;
  const finite = Array.from(values).filter(Number.isFinite);
  const label = o.which === 'raw' ? 'qᵀk' : 'qᵀk/√d';
  const cls = o.which === 'raw' ? 's2' : 's1';
  const stats = sampleMoments(finite);
  const title = `Histogram of ${label} at d = ${o.d}`;
  const description =
    `${finite.length.toLocaleString('en-US')} samples; empirical mean ${formatNumber(stats.mean)}, variance ${formatNumber(stats.variance)}` +
    (o.closed
      ? `; closed form mean ${formatNumber(o.closed.mean)}, variance ${formatNumber(o.closed.variance)}.`
      : '.');
  if (finite.length === 0) {
    return labSvgShell(
      `hist-${o.which}`,
      width,
      height,
      title,
      'No samples.',
      [`<text class="empty-note" x="${width / 2}" y="${height / 2}" text-anchor="middle">No samples</text>`],
      o,
    );
  }
  const { x, bins: histogram } = histogramOf(finite, o);
  const [x0, x1] = x.domain() as [number, number];
  const densities = histogram.map((b) => b.density);
  const normal = (v: number) =>
    o.closed && o.closed.variance > 0
      ? Math.exp(-((v - o.closed.mean) ** 2) / (2 * o.closed.variance)) / Math.sqrt(2 * Math.PI * o.closed.variance)
      : 0;
  const grid = Array.from({ length: 121 }, (_, i) => x0 + ((x1 - x0) * i) / 120);
  const yMax = Math.max(...densities, ...(o.closed ? grid.map(normal) : [0])) || 1;
  const y = scaleLinear()
    .domain([0, yMax * 1.08])
    .nice()
    .range([height - H_MARGIN.bottom, H_MARGIN.top]);
  const base = y(0);
  const bars = histogram
    .map((b, i) => {
      const bx = x(b.x0);
      const w = Math.max(0, x(b.x1) - bx - 0.6);
      const by = y(densities[i]);
      return `<rect class="bar ${cls}" x="${r2(bx)}" y="${r2(by)}" width="${r2(w)}" height="${r2(base - by)}"/>`;
    })
    .join('');
  const xTicks = x.ticks(6);
  const yTicks = y.ticks(4);
  const model = o.closed
    ? `<path class="model" d="${
        line<number>()
          .x((v) => x(v))
          .y((v) => y(normal(v)))(grid) ?? ''
      }"/>`
    : '';
  const meanX = r2(x(stats.mean));
  return labSvgShell(
    `hist-${o.which}`,
    width,
    height,
    title,
    description,
    [
      '<g class="grid">' +
        yTicks
          .map((t) => `<line x1="${H_MARGIN.left}" x2="${width - H_MARGIN.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`)
          .join('') +
        '</g>',
      `<g class="bars">${bars}</g>`,
      model,
      `<line class="marker-mean" x1="${meanX}" x2="${meanX}" y1="${H_MARGIN.top - 4}" y2="${r2(base)}"/>`,
      '<g class="axis x-axis">' +
        `<line x1="${H_MARGIN.left}" x2="${width - H_MARGIN.right}" y1="${r2(base)}" y2="${r2(base)}"/>` +
        xTicks
          .map((t) => `<text x="${r2(x(t))}" y="${r2(base + 15)}" text-anchor="middle">${formatNumber(t)}</text>`)
          .join('') +
        '</g>',
      '<g class="axis y-axis">' +
        yTicks
          .map(
            (t) =>
              `<text x="${H_MARGIN.left - 5}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${formatNumber(t)}</text>`,
          )
          .join('') +
        '</g>',
      `<text class="heading" x="${H_MARGIN.left}" y="15">${label} at d = ${o.d}</text>`,
      `<text class="caption" x="${H_MARGIN.left}" y="28">mean ${formatNumber(stats.mean)} · variance ${formatNumber(stats.variance)} · n = ${finite.length.toLocaleString('en-US')}</text>`,
      legendRows(
        width - H_MARGIN.right - 118,
        12,
        [{ cls, label: 'samples' }, ...(o.closed ? [{ cls: 'model', label: 'closed form' }] : [])],
        14,
      ),
    ],
    {
      ...o,
      attrs: {
        'data-d': String(o.d),
        'data-count': String(finite.length),
        'data-mean': String(stats.mean),
        'data-variance': String(stats.variance),
        'data-x-min': String(x0),
        'data-x-max': String(x1),
      },
    },
  );
}

/** One bar of a histogram: [x0, x1), how many samples fell in it, and its density (count / n / width). */
export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
  density: number;
}

/** The bars renderScalingHistogramSvg draws for these finite values (exported so a panel can list them as a table). */
export function scalingHistogramBins(
  values: ArrayLike<number>,
  o: Pick<HistogramOptions, 'width' | 'closed' | 'bins'>,
): HistogramBin[] {
  const finite = Array.from(values).filter(Number.isFinite);
  return finite.length ? histogramOf(finite, o).bins : [];
}

function histogramOf(
  finite: number[],
  o: Pick<HistogramOptions, 'width' | 'closed' | 'bins'>,
): { x: ScaleLinear<number, number>; bins: HistogramBin[] } {
  const width = o.width ?? 440;
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (o.closed && o.closed.variance > 0) {
    // Show at least ±3 closed-form standard deviations, so a wrong spread is visible as such.
    const sd = Math.sqrt(o.closed.variance);
    lo = Math.min(lo, o.closed.mean - 3 * sd);
    hi = Math.max(hi, o.closed.mean + 3 * sd);
  }
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const x = scaleLinear()
    .domain([lo, hi])
    .nice()
    .range([H_MARGIN.left, width - H_MARGIN.right]);
  const [x0, x1] = x.domain() as [number, number];
  const bins = bin()
    .domain([x0, x1])
    .thresholds(x.ticks(o.bins ?? 40))(finite);
  return {
    x,
    bins: bins.map((b) => ({
      x0: b.x0!,
      x1: b.x1!,
      count: b.length,
      density: b.x1! > b.x0! ? b.length / finite.length / (b.x1! - b.x0!) : 0,
    })),
  };
}

export type SaturationMetric = 'maxWeight' | 'gradNorm';

export interface SaturationOptions extends LabShellOptions {
  width?: number;
  height?: number;
}

const S_MARGIN = { top: 34, right: 18, bottom: 34, left: 46 };

/**
 * Max attention weight or softmax gradient norm against log₂ d, with and without the 1/√d scaling:
 * both from the student's scaledAttention (the unscaled one given √d·q; saturation.ts).
 */
export function renderSaturationSvg(
  rows: readonly SaturationRow[],
  metric: SaturationMetric,
  o: SaturationOptions = {},
): string {
  const width = o.width ?? 440;
  const height = o.height ?? 240;
  const sorted = rows
    .filter((r) => r.d > 0)
    .slice()
    .sort((a, b) => a.d - b.d);
  const name = metric === 'maxWeight' ? 'Max attention weight' : 'Softmax gradient norm';
  const keys = sorted[0]?.keys;
  const title = `${name} against d${keys ? ` (${keys} keys)` : ''}`;
  if (sorted.length === 0)
    return labSvgShell(
      `saturation-${metric}`,
      width,
      height,
      title,
      'No saturation rows.',
      [
        `<text class="empty-note" x="${width / 2}" y="${height / 2}" text-anchor="middle">No saturation data in this run</text>`,
      ],
      o,
    );
  const log2 = (d: number) => Math.log2(d);
  const lo = log2(sorted[0].d);
  const hi = Math.max(lo + 1, log2(sorted[sorted.length - 1].d));
  const x = scaleLinear()
    .domain([lo, hi])
    .range([S_MARGIN.left, width - S_MARGIN.right]);
  const values = sorted.flatMap((r) => [r.scaled[metric], r.unscaled[metric]]).filter(Number.isFinite);
  const yTop = metric === 'maxWeight' ? 1 : Math.max(...values, 1e-9) * 1.1;
  const y = scaleLinear()
    .domain([0, yTop])
    .nice()
    .range([height - S_MARGIN.bottom, S_MARGIN.top]);
  const series = (which: 'scaled' | 'unscaled', cls: string) => {
    const pts = sorted.filter((r) => Number.isFinite(r[which][metric]));
    const d =
      line<SaturationRow>()
        .x((r) => x(log2(r.d)))
        .y((r) => y(r[which][metric]))(pts) ?? '';
    const dots = pts
      .map(
        (r) =>
          `<circle class="dot ${cls}" cx="${r2(x(log2(r.d)))}" cy="${r2(y(r[which][metric]))}" r="3" data-d="${r.d}" data-value="${r[which][metric]}"><title>d = ${r.d}: ${formatNumber(r[which][metric])}</title></circle>`,
      )
      .join('');
    return `<g class="series ${which} ${cls}" data-series="${which}"><path class="curve ${cls}${which === 'unscaled' ? ' dashed' : ''}" d="${d}"/>${dots}</g>`;
  };
  const xTicks = Array.from({ length: Math.floor(hi) - Math.ceil(lo) + 1 }, (_, i) => Math.ceil(lo) + i);
  const yTicks = y.ticks(4);
  const base = height - S_MARGIN.bottom;
  const last = sorted[sorted.length - 1];
  return labSvgShell(
    `saturation-${metric}`,
    width,
    height,
    title,
    `${name} averaged over trials, q and k ~ N(0, I); both curves from your scaledAttention, the unscaled one as scaledAttention(√d·q, K). At d = ${last.d}: unscaled ${formatNumber(last.unscaled[metric])}, scaled by 1/√d ${formatNumber(last.scaled[metric])}.`,
    [
      '<g class="grid">' +
        yTicks
          .map((t) => `<line x1="${S_MARGIN.left}" x2="${width - S_MARGIN.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`)
          .join('') +
        '</g>',
      '<g class="axis x-axis">' +
        `<line x1="${S_MARGIN.left}" x2="${width - S_MARGIN.right}" y1="${base}" y2="${base}"/>` +
        xTicks.map((t) => `<text x="${r2(x(t))}" y="${base + 15}" text-anchor="middle">${2 ** t}</text>`).join('') +
        `<text class="caption" x="${width - S_MARGIN.right}" y="${base + 29}" text-anchor="end">d (log₂ scale)</text></g>`,
      '<g class="axis y-axis">' +
        yTicks
          .map(
            (t) =>
              `<text x="${S_MARGIN.left - 5}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${formatNumber(t)}</text>`,
          )
          .join('') +
        '</g>',
      series('unscaled', 's2'),
      series('scaled', 's1'),
      `<text class="heading" x="${S_MARGIN.left}" y="15">${name}${keys ? ` · ${keys} keys` : ''}</text>`,
      legendRows(metric === 'maxWeight' ? S_MARGIN.left + 8 : width - S_MARGIN.right - 160, S_MARGIN.top + 6, [
        { cls: 's2 dashed', label: 'unscaled: softmax(qᵀk)' },
        { cls: 's1', label: 'scaled: softmax(qᵀk/√d)' },
      ]),
    ],
    {
      ...o,
      attrs: {
        'data-metric': metric,
        'data-x-min': String(2 ** lo),
        'data-x-max': String(2 ** hi),
        'data-y-max': String(y.domain()[1]),
      },
    },
  );
}
