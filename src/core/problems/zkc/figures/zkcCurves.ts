// Training curves of a ZKC run as SVG: train and test loss on a log scale, test accuracy on a
// linear one, with an optional cursor at the epoch the embedding animation shows. DOM-free.
import { line, scaleLinear, scaleLog } from 'd3';
import type { ZkcSeries } from '../artifact';
import { logTicks, formatLogTick } from '../../../viz/logTicks';
import { esc, r2 } from '../../../viz/svgText';
import { svgShell, type FigureShellOptions } from './zkcSvgParts';

/** Points drawn per curve: 20 000 epochs would make a needlessly heavy SVG; the curves are smooth. */
export const MAX_CURVE_POINTS = 800;

/** Indices of at most `max` evenly spread samples of `length` entries, always keeping the last. */
export function sampleIndices(length: number, max = MAX_CURVE_POINTS): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const out = Array.from({ length: max }, (_, k) => Math.round((k * (length - 1)) / (max - 1)));
  return [...new Set(out)];
}

export interface CurveFigureOptions extends FigureShellOptions {
  width?: number;
  height?: number;
  /** Draws a cursor at this epoch (the embedding animation's). */
  cursorEpoch?: number;
}

const MARGIN = { top: 30, right: 24, bottom: 30, left: 48 };

function xAxis(x: (v: number) => number, maxEpoch: number, y0: number): string {
  const ticks = scaleLinear()
    .domain([1, maxEpoch])
    .nice()
    .ticks(5)
    .filter((t) => t >= 1 && t <= maxEpoch);
  return (
    '<g class="axis">' +
    ticks
      .map((t) => `<text x="${r2(x(t))}" y="${y0 + 16}" text-anchor="middle">${t.toLocaleString('en-US')}</text>`)
      .join('') +
    '</g>'
  );
}

/** The value of `values` at `epoch` (1-based epochs[] ascending), or undefined. */
function valueAt(series: ZkcSeries, values: readonly number[], epoch: number): number | undefined {
  const i = Math.min(series.epochs.length - 1, Math.max(0, epoch - series.epochs[0]));
  return series.epochs[i] === epoch ? values[i] : undefined;
}

/** Train and test loss (mean cross-entropy) per epoch on a log y axis. */
export function renderZkcLossSvg(series: ZkcSeries, o: CurveFigureOptions = {}): string {
  const width = o.width ?? 440;
  const height = o.height ?? 250;
  const positives = [...series.trainLoss, ...series.testLoss].filter((v) => v > 0 && Number.isFinite(v));
  const lo = positives.length ? Math.min(...positives) : 1e-3;
  const hi = positives.length ? Math.max(...positives) : 1;
  const ticks = logTicks(lo, hi);
  const domain: [number, number] = [Math.min(lo, ticks[0] ?? lo), Math.max(hi, ticks[ticks.length - 1] ?? hi)];
  const maxEpoch = Math.max(1, series.epochs[series.epochs.length - 1] ?? 1);
  const x = scaleLinear()
    .domain([1, maxEpoch])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLog()
    .domain(domain)
    .range([height - MARGIN.bottom, MARGIN.top])
    .clamp(true);
  const path = (values: readonly number[]) =>
    line<number>()
      .x((i) => x(series.epochs[i]))
      .y((i) => y(Math.max(values[i], domain[0])))
      .defined((i) => Number.isFinite(values[i]) && values[i] > 0)(sampleIndices(values.length)) ?? '';
  const grid =
    '<g class="grid">' +
    ticks
      .map((t) => `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`)
      .join('') +
    '</g>' +
    '<g class="axis">' +
    ticks
      .map(
        (t) =>
          `<text class="y-tick" x="${MARGIN.left - 6}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${formatLogTick(t)}</text>`,
      )
      .join('') +
    '</g>';
  const cursor = cursorMarks(series, o.cursorEpoch, x, (v) => y(Math.max(v, domain[0])), height, [
    ['train', series.trainLoss],
    ['test', series.testLoss],
  ]);
  return svgShell(
    'loss',
    width,
    height,
    `Loss per epoch (${series.maskMode}, log scale)`,
    `Mean cross-entropy on the training nodes and on the test nodes over ${maxEpoch.toLocaleString('en-US')} epochs, stopped by ${series.stopReason}.`,
    [
      grid,
      xAxis(x, maxEpoch, height - MARGIN.bottom),
      `<text class="heading" x="${MARGIN.left}" y="16">Loss (log scale)</text>`,
      keys(width, [
        ['train', 'train'],
        ['test', 'test'],
      ]),
      `<path class="curve train" d="${path(series.trainLoss)}"/>`,
      `<path class="curve test" d="${path(series.testLoss)}"/>`,
      cursor,
      `<text class="caption" x="${MARGIN.left - 6}" y="${height - MARGIN.bottom + 16}" text-anchor="end">epoch</text>`,
    ],
    o,
  );
}

/** Test accuracy per epoch, 0…1. */
export function renderZkcAccuracySvg(series: ZkcSeries, o: CurveFigureOptions = {}): string {
  const width = o.width ?? 440;
  const height = o.height ?? 170;
  const maxEpoch = Math.max(1, series.epochs[series.epochs.length - 1] ?? 1);
  const x = scaleLinear()
    .domain([1, maxEpoch])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const ticks = [0, 0.5, 1];
  const d =
    line<number>()
      .x((i) => x(series.epochs[i]))
      .y((i) => y(series.testAccuracy[i]))
      .defined((i) => Number.isFinite(series.testAccuracy[i]))(sampleIndices(series.testAccuracy.length)) ?? '';
  const last = series.testAccuracy[series.testAccuracy.length - 1];
  return svgShell(
    'accuracy',
    width,
    height,
    `Test accuracy per epoch (${series.maskMode})`,
    `Fraction of the test nodes classified correctly; ${last === undefined ? 'no epochs' : `${Math.round(last * 100)} % at the end`}.`,
    [
      '<g class="grid">' +
        ticks
          .map((t) => `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`)
          .join('') +
        '</g>',
      '<g class="axis">' +
        ticks
          .map(
            (t) =>
              `<text x="${MARGIN.left - 6}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${t * 100} %</text>`,
          )
          .join('') +
        '</g>',
      xAxis(x, maxEpoch, height - MARGIN.bottom),
      `<text class="heading" x="${MARGIN.left}" y="16">Test accuracy</text>`,
      `<path class="curve accuracy" d="${d}"/>`,
      cursorMarks(series, o.cursorEpoch, x, y, height, [['accuracy', series.testAccuracy]]),
      `<text class="caption" x="${MARGIN.left - 6}" y="${height - MARGIN.bottom + 16}" text-anchor="end">epoch</text>`,
    ],
    o,
  );
}

function keys(width: number, entries: [cls: string, label: string][]): string {
  let xRight = width - MARGIN.right;
  return entries
    .slice()
    .reverse()
    .map(([cls, label]) => {
      const w = 26 + label.length * 6.2;
      xRight -= w + 10;
      return `<g class="legend-key"><line class="key ${cls}" x1="${r2(xRight)}" x2="${r2(xRight + 18)}" y1="12" y2="12"/><text class="caption" x="${r2(xRight + 23)}" y="12" dominant-baseline="central">${esc(label)}</text></g>`;
    })
    .join('');
}

function cursorMarks(
  series: ZkcSeries,
  epoch: number | undefined,
  x: (v: number) => number,
  y: (v: number) => number,
  height: number,
  curves: [string, readonly number[]][],
): string {
  if (epoch === undefined) return '';
  const cx = r2(x(epoch));
  const dots = curves
    .map(([cls, values]) => {
      const v = valueAt(series, values, epoch);
      return v === undefined || !Number.isFinite(v)
        ? ''
        : `<circle class="cursor-dot ${cls}" cx="${cx}" cy="${r2(y(v))}" r="3.5"/>`;
    })
    .join('');
  return `<g class="cursor-group" data-epoch="${epoch}"><line class="cursor" x1="${cx}" x2="${cx}" y1="${MARGIN.top - 4}" y2="${height - MARGIN.bottom}"/>${dots}</g>`;
}
