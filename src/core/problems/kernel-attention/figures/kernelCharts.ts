// Problem 3's sweep as a log-log SVG figure (DOM-free; the panel and the CLI report both draw with
// this): time or peak memory against N for both attention forms × D × implementation (student solid,
// reference dashed), the fitted slopes in the legend, and on the time plot the measured crossover per
// D beside the FLOP model's.
import { line, scaleLog } from 'd3';
import type {
  AttentionForm,
  Crossover,
  FittedExponent,
  Implementation,
  KernelAttentionArtifact,
  SweepPoint,
} from '../artifact';
import { esc, r2 } from '../../../viz/svgText';
import { formatNumber, labSvgShell, legendRows, type LabShellOptions } from '../../../viz/chartFigure';
import { formatLogTick, logTicks } from '../../../viz/logTicks';

export type SweepCost = 'ms' | 'bytes';

export interface SweepSeries {
  implementation: Implementation;
  form: AttentionForm;
  D: number;
  points: SweepPoint[];
  fit?: FittedExponent;
  /** Colour class (s1…s4) by form and D; dashed for the reference. */
  cls: string;
}

/** The sweep grouped into series (form × D × implementation), points sorted by N, with their fits. */
export function sweepSeries(a: Pick<KernelAttentionArtifact, 'sweep' | 'fits'>, cost: SweepCost): SweepSeries[] {
  const Ds = [...new Set(a.sweep.map((p) => p.D))].sort((x, y) => x - y);
  const colour = (form: AttentionForm, D: number) =>
    `s${(form === 'softmax' ? 0 : 2) + Math.min(1, Ds.indexOf(D)) + 1}`;
  const groups = new Map<string, SweepSeries>();
  for (const p of a.sweep) {
    const key = `${p.implementation}|${p.form}|${p.D}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        implementation: p.implementation,
        form: p.form,
        D: p.D,
        points: [],
        cls: colour(p.form, p.D) + (p.implementation === 'reference' ? ' dashed' : ''),
      };
      groups.set(key, g);
    }
    g.points.push(p);
  }
  const order = (s: SweepSeries) =>
    (s.implementation === 'student' ? 0 : 1) * 1e6 + (s.form === 'softmax' ? 0 : 1) * 1e5 + s.D;
  return [...groups.values()]
    .map((g) => ({
      ...g,
      points: g.points.slice().sort((p, q) => p.N - q.N),
      fit: a.fits.find(
        (f) => f.cost === cost && f.implementation === g.implementation && f.form === g.form && f.D === g.D,
      ),
    }))
    .sort((x, y) => order(x) - order(y));
}

/** A fitted slope as the panel, the legend and the report show it: a time fit that measures nothing says so. */
export function slopeText(fit: FittedExponent | undefined): string {
  if (!fit || !Number.isFinite(fit.exponent)) return '–';
  if (fit.unmeasurable !== undefined) return 'not measurable here';
  return fit.exponent.toFixed(2) + (fit.cost === 'ms' && fit.r2 !== undefined ? ` (R² ${fit.r2.toFixed(2)})` : '');
}

export function seriesLabel(s: Pick<SweepSeries, 'form' | 'D' | 'implementation' | 'fit'>): string {
  const slope =
    s.fit && Number.isFinite(s.fit.exponent)
      ? s.fit.unmeasurable !== undefined
        ? ' · slope not measurable'
        : ` · slope ${s.fit.exponent.toFixed(2)}`
      : '';
  return `${s.form}, D = ${s.D} (${s.implementation})${slope}`;
}

export interface KernelCostOptions extends LabShellOptions {
  width?: number;
  height?: number;
  /** Draw the crossovers (default: on the time plot only). */
  crossovers?: boolean;
}

const MARGIN = { top: 34, right: 270, bottom: 36, left: 62 };

const formatBytes = (b: number): string =>
  b >= 2 ** 30
    ? `${formatNumber(b / 2 ** 30, 3)} GiB`
    : b >= 2 ** 20
      ? `${formatNumber(b / 2 ** 20, 3)} MiB`
      : b >= 2 ** 10
        ? `${formatNumber(b / 2 ** 10, 3)} KiB`
        : `${Math.round(b)} B`;
export const formatCost = (cost: SweepCost, v: number): string =>
  cost === 'ms' ? `${formatNumber(v)} ms` : formatBytes(v);

/** Time (ms) or peak tensor memory (bytes) against N on log-log axes. */
export function renderKernelCostSvg(
  a: Pick<KernelAttentionArtifact, 'sweep' | 'fits' | 'crossovers'>,
  cost: SweepCost,
  o: KernelCostOptions = {},
): string {
  const width = o.width ?? 720;
  const height = o.height ?? 320;
  const name = cost === 'ms' ? 'Time per call' : 'Peak tensor memory';
  const series = sweepSeries(a, cost);
  const positive = a.sweep.filter((p) => p[cost] > 0 && Number.isFinite(p[cost]) && p.N > 0);
  const title = `${name} against N (log-log)`;
  if (positive.length === 0)
    return labSvgShell(
      `kernel-${cost}`,
      width,
      height,
      title,
      'No sweep points.',
      [`<text class="empty-note" x="${width / 2}" y="${height / 2}" text-anchor="middle">No sweep in this run</text>`],
      o,
    );
  const showCrossovers = o.crossovers ?? cost === 'ms';
  const crossovers = showCrossovers ? a.crossovers : [];
  const ns = [
    ...positive.map((p) => p.N),
    ...crossovers.flatMap((c) => [c.flopModelN, c.measuredN ?? NaN]).filter((n) => Number.isFinite(n) && n > 0),
  ];
  const nLo = Math.min(...ns);
  const nHi = Math.max(nLo * 2, ...ns);
  const cLo = Math.min(...positive.map((p) => p[cost]));
  const cHi = Math.max(cLo * 10, ...positive.map((p) => p[cost]));
  const x = scaleLog()
    .base(2)
    .domain([nLo, nHi])
    .range([MARGIN.left, width - MARGIN.right]);
  const yTicks = cost === 'bytes' ? bytePowerTicks(cLo, cHi) : logTicks(cLo, cHi);
  const y = scaleLog()
    .domain([Math.min(cLo, yTicks[0] ?? cLo), Math.max(cHi, yTicks[yTicks.length - 1] ?? cHi)])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const base = height - MARGIN.bottom;
  // Powers of two read best for N (the sweep doubles N); keep at most ~8 labels.
  const nTicks = nPowerTicks(nLo, nHi);
  const lines = series
    .map((s) => {
      const pts = s.points.filter((p) => p[cost] > 0 && Number.isFinite(p[cost]));
      const d =
        line<SweepPoint>()
          .x((p) => x(p.N))
          .y((p) => y(p[cost]))(pts) ?? '';
      const colour = s.cls.split(' ')[0];
      const dots = pts
        .map(
          (p) =>
            `<circle class="dot ${colour}" cx="${r2(x(p.N))}" cy="${r2(y(p[cost]))}" r="${s.implementation === 'student' ? 3 : 2.2}"><title>${esc(`${s.form}, D = ${s.D} (${s.implementation}), N = ${p.N}: ${formatCost(cost, p[cost])}`)}</title></circle>`,
        )
        .join('');
      return `<g class="series" data-implementation="${s.implementation}" data-form="${s.form}" data-d="${s.D}"${s.fit && s.fit.unmeasurable === undefined ? ` data-slope="${s.fit.exponent}"` : ''}><path class="curve ${s.cls}" d="${d}"/>${dots}</g>`;
    })
    .join('');
  const crossoverMarks = crossoverMarkup(crossovers, x, base, width - MARGIN.right);
  return labSvgShell(
    `kernel-${cost}`,
    width,
    height,
    title,
    `${name} of softmax attention (eq. 3) and the linear form (eq. 5) against N, for D ∈ {${[...new Set(a.sweep.map((p) => p.D))].join(', ')}}; student solid, reference dashed; slopes fitted on log-log axes.` +
      (crossovers.length ? ' Vertical lines: measured crossover (solid) and the FLOP model’s (dotted).' : ''),
    [
      '<g class="grid">' +
        yTicks
          .map((t) => `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`)
          .join('') +
        nTicks.map((t) => `<line x1="${r2(x(t))}" x2="${r2(x(t))}" y1="${MARGIN.top}" y2="${base}"/>`).join('') +
        '</g>',
      '<g class="axis x-axis">' +
        `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${base}" y2="${base}"/>` +
        nTicks
          .map((t) => `<text x="${r2(x(t))}" y="${base + 15}" text-anchor="middle">${t.toLocaleString('en-US')}</text>`)
          .join('') +
        `<text class="caption" x="${width - MARGIN.right}" y="${base + 30}" text-anchor="end">N (log scale)</text></g>`,
      '<g class="axis y-axis">' +
        yTicks
          .map(
            (t) =>
              `<text x="${MARGIN.left - 5}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${cost === 'ms' ? formatLogTick(t) : formatBytes(t)}</text>`,
          )
          .join('') +
        '</g>',
      crossoverMarks,
      lines,
      `<text class="heading" x="${MARGIN.left}" y="16">${name}${cost === 'ms' ? ' (ms, median)' : ''} · log-log</text>`,
      `<g class="legend">${legendRows(
        width - MARGIN.right + 16,
        MARGIN.top + 4,
        series.map((s) => ({ cls: s.cls, label: seriesLabel(s) })),
      )}${
        crossovers.length
          ? legendRows(width - MARGIN.right + 16, MARGIN.top + 14 + series.length * 15, [
              { cls: 'crossover-key measured', label: 'measured crossover' },
              { cls: 'crossover-key flop', label: 'FLOP-model crossover' },
            ])
          : ''
      }</g>`,
    ],
    {
      ...o,
      attrs: {
        'data-cost': cost,
        'data-n-min': String(nLo),
        'data-n-max': String(nHi),
        'data-y-min': String(y.domain()[0]),
        'data-y-max': String(y.domain()[1]),
      },
    },
  );
}

/** Powers of two of bytes (1 KiB, 4 KiB, … thinned to at most 6) read better than powers of ten. */
function bytePowerTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log2(lo) - 1e-9); e <= Math.floor(Math.log2(hi) + 1e-9); e++) out.push(2 ** e);
  const step = Math.max(1, Math.ceil(out.length / 6));
  // Keep the powers of 1024 (whole KiB, MiB, GiB) on the grid when thinning.
  const anchor = out.findIndex((v) => Math.log2(v) % 10 === 0);
  return out.filter((_, i) => (i - Math.max(0, anchor)) % step === 0);
}

function nPowerTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log2(lo) - 1e-9); e <= Math.floor(Math.log2(hi) + 1e-9); e++) out.push(2 ** e);
  const step = Math.ceil(out.length / 8);
  return out.filter((_, i) => i % step === 0);
}

/** Vertical lines at each measured crossover (per D; implementations at the same N share one) and at the FLOP model's (per D). */
function crossoverMarkup(
  crossovers: readonly Crossover[],
  x: (n: number) => number,
  base: number,
  plotRight: number,
): string {
  const parts: string[] = [];
  const mid = (MARGIN.left + plotRight) / 2;
  const label = (cx: number, y: number, text: string) =>
    `<text x="${r2(cx)}" y="${y}" dx="${cx > mid ? -3 : 3}" text-anchor="${cx > mid ? 'end' : 'start'}">${esc(text)}</text>`;
  const measured = new Map<string, { D: number; N: number; implementations: string[] }>();
  for (const c of crossovers) {
    if (c.measuredN === null || !Number.isFinite(c.measuredN)) continue;
    const key = `${c.D}|${c.measuredN}`;
    const m = measured.get(key) ?? { D: c.D, N: c.measuredN, implementations: [] };
    m.implementations.push(c.implementation);
    measured.set(key, m);
  }
  [...measured.values()].forEach((m, row) => {
    const cx = x(m.N);
    parts.push(
      `<g class="crossover measured" data-d="${m.D}" data-implementation="${m.implementations.join(' ')}" data-n="${m.N}"><line x1="${r2(cx)}" x2="${r2(cx)}" y1="${MARGIN.top}" y2="${base}"/>${label(cx, MARGIN.top + 10 + row * 12, `D=${m.D} measured (${m.implementations.join(', ')}): ${m.N.toLocaleString('en-US')}`)}</g>`,
    );
  });
  const flops = new Map<number, number>();
  for (const c of crossovers) if (!flops.has(c.D) && Number.isFinite(c.flopModelN)) flops.set(c.D, c.flopModelN);
  [...flops.entries()].forEach(([D, n], row) => {
    const cx = x(n);
    parts.push(
      `<g class="crossover flop" data-d="${D}" data-n="${n}"><line x1="${r2(cx)}" x2="${r2(cx)}" y1="${MARGIN.top}" y2="${base}"/>${label(cx, base - 6 - row * 12, `D=${D} FLOP model: ${Math.round(n).toLocaleString('en-US')}`)}</g>`,
    );
  });
  return parts.join('');
}
