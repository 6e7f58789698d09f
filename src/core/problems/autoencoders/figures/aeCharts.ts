// Problem 4's figures as SVG (DOM-free; the Autoencoders panel and the HTML report draw with these):
// validation loss and probe accuracy per epoch (one line per k, the mean over repeats with a min–max
// band, the previous run dashed), the digits (original / corrupted / reconstructed, PNG data: URIs
// in <image> elements), the principal angles against k, the linear AE's loss beside the PCA residual,
// and the covariance spectrum (scree). Shares the problem 2/3 look (chartFigure.ts: --lab-* palette).
import { area, line, scaleLinear, scaleLog } from 'd3';
import type { AeCellResult, AeDataset, AutoencodersArtifact } from '../artifact';
import type { Activation, Variant } from '../solution';
import { formatNumber, labSvgShell, legendRows, type LabShellOptions } from '../../../viz/chartFigure';
import { esc, r2 } from '../../../viz/svgText';
import {
  AE_VARIANTS,
  DATASET_LABELS,
  aeAxes,
  aeCurves,
  aeGridCsv,
  aeGridRows,
  aePcaPoints,
  aeGroups,
  formatPercent,
  matchingRow,
  type AeCurve,
  type AeCurveMetric,
  type AePcaPoint,
  type AeSelection,
  type AeView,
  type Spread,
} from './aeData';
import { digitPngUri } from './aePng';

/** The figures' own rules on top of LAB_RULES (bands, the previous run, digits). */
export const AE_RULES = `
.lab-figure .band { stroke: none; opacity: 0.18; }
.lab-figure .band.s1 { fill: var(--lab-series1); } .lab-figure .band.s2 { fill: var(--lab-series2); }
.lab-figure .band.s3 { fill: var(--lab-series3); } .lab-figure .band.s4 { fill: var(--lab-series4); }
.lab-figure .key.band-key { stroke: var(--lab-muted); stroke-width: 8; opacity: 0.25; }
.lab-figure .previous .curve, .lab-figure .curve.previous { stroke-dasharray: 5 4; opacity: 0.55; }
.lab-figure .key.previous { stroke-dasharray: 5 4; opacity: 0.8; }
.lab-figure .key.previous-run { stroke: var(--lab-muted); }
.lab-figure .key.s5 { stroke: var(--lab-model); } .lab-figure .curve.s5 { stroke: var(--lab-model); } .lab-figure .dot.s5 { fill: var(--lab-model); }
.lab-figure .curve.model { stroke-dasharray: 2 3; }
.lab-figure .k-mark line { stroke: var(--lab-muted); stroke-dasharray: 2 3; }
.lab-figure .k-mark text { fill: var(--lab-muted); font-size: 10px; }
.lab-figure .ae-digit { image-rendering: pixelated; }
.lab-figure .digit-frame { fill: none; stroke: var(--lab-grid); }
.lab-figure .block-title { font-weight: 600; }
`;

export type AeShellOptions = LabShellOptions;

function aeSvgShell(
  kind: string,
  width: number,
  height: number,
  title: string,
  description: string,
  body: string[],
  o: AeShellOptions & { attrs?: Record<string, string> },
): string {
  return labSvgShell(kind, width, height, title, description, body, { ...o, rules: AE_RULES });
}

const emptyFigure = (
  kind: string,
  width: number,
  height: number,
  title: string,
  note: string,
  o: AeShellOptions,
): string =>
  aeSvgShell(
    kind,
    width,
    height,
    title,
    note,
    [`<text class="empty-note" x="${width / 2}" y="${height / 2}" text-anchor="middle">${esc(note)}</text>`],
    o,
  );

/** Series colour class of the i-th k (four colours, then around again). */
export const seriesClass = (i: number): string => `s${(i % 4) + 1}`;

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export const selectionLabel = (sel: AeSelection): string =>
  `${DATASET_LABELS[sel.dataset]} · ${sel.activation} · ${sel.variant}`;

// ---------------------------------------------------------------------------------------------
// Curves per epoch.

export interface AeCurvesOptions extends AeShellOptions {
  width?: number;
  height?: number;
  /** The previous run's cells: its means are drawn dashed and faded. */
  previous?: readonly AeCellResult[];
}

const CURVE_MARGIN = { top: 30, right: 150, bottom: 36, left: 56 };

export const METRIC_LABELS: Record<AeCurveMetric, string> = {
  valLoss: 'Validation loss',
  probe: 'Probe accuracy',
  angle: 'Mean angle to PCA',
};
/** What each metric's heading adds, and its figure kind's suffix. */
const METRIC_NOTES: Record<AeCurveMetric, string> = {
  valLoss: ' (per sample, clean input)',
  probe: ' (linear probe, test split)',
  angle: ' (decoder vs top-k PCA subspace, degrees)',
};
export const METRIC_IDS: Record<AeCurveMetric, string> = { valLoss: 'loss', probe: 'probe', angle: 'angle' };

/** Validation loss or probe accuracy against epoch for one dataset × activation × variant: one line per k, band = min–max over repeats. */
export function renderAeCurvesSvg(
  cells: readonly AeCellResult[],
  sel: AeSelection,
  metric: AeCurveMetric,
  o: AeCurvesOptions = {},
): string {
  const width = o.width ?? 560;
  const height = o.height ?? 300;
  const kind = `ae-curves-${METRIC_IDS[metric]}`;
  const title = `${METRIC_LABELS[metric]} per epoch · ${selectionLabel(sel)}`;
  const curves = aeCurves(cells, sel, metric);
  const previous = o.previous ? aeCurves(o.previous, sel, metric) : [];
  if (curves.length === 0 && previous.length === 0)
    return emptyFigure(kind, width, height, title, 'No cells for this selection yet', o);
  const ks = [...new Set([...curves, ...previous].map((c) => c.k))].sort((a, b) => a - b);
  const epochs = Math.max(1, ...[...curves, ...previous].map((c) => c.band.mean.length));
  const values = [
    ...curves.flatMap((c) => [...c.band.min, ...c.band.max]),
    ...previous.flatMap((c) => c.band.mean),
  ].filter(Number.isFinite);
  const lo = metric === 'probe' ? Math.min(0.5, ...values) : 0;
  const hi = metric === 'probe' ? 1 : Math.max(1e-9, ...values);
  const x = scaleLinear()
    .domain(epochs > 1 ? [1, epochs] : [0.5, 1.5])
    .range([CURVE_MARGIN.left, width - CURVE_MARGIN.right]);
  const y = scaleLinear()
    .domain([lo, hi])
    .nice(5)
    .range([height - CURVE_MARGIN.bottom, CURVE_MARGIN.top]);
  const base = height - CURVE_MARGIN.bottom;
  const fmt = (v: number) =>
    metric === 'probe' ? formatPercent(v) : metric === 'angle' ? `${formatNumber(v, 3)}°` : formatNumber(v, 4);
  const cls = (k: number) => seriesClass(ks.indexOf(k));
  const yTicks = y.ticks(5);
  const xTicks = x.ticks(Math.min(epochs, 8)).filter((t) => Number.isInteger(t) && t >= 1 && t <= epochs);
  const defined = (i: number, c: AeCurve) => Number.isFinite(c.band.mean[i]);
  const seriesOf = (c: AeCurve, prev: boolean): string => {
    const idx = c.band.mean.map((_, i) => i).filter((i) => defined(i, c));
    const meanPath =
      line<number>()
        .x((i) => x(i + 1))
        .y((i) => y(c.band.mean[i]))(idx) ?? '';
    if (prev)
      return `<g class="series previous ${cls(c.k)}" data-k="${c.k}" data-previous="true"><path class="curve ${cls(c.k)} previous" d="${meanPath}"/></g>`;
    const bandPath =
      c.repeats > 1
        ? (area<number>()
            .x((i) => x(i + 1))
            .y0((i) => y(c.band.min[i]))
            .y1((i) => y(c.band.max[i]))(idx) ?? '')
        : '';
    const dots = idx
      .map(
        (i) =>
          `<circle class="dot ${cls(c.k)}" cx="${r2(x(i + 1))}" cy="${r2(y(c.band.mean[i]))}" r="2.4"><title>${esc(`k = ${c.k}, epoch ${i + 1}: ${fmt(c.band.mean[i])} (min ${fmt(c.band.min[i])}, max ${fmt(c.band.max[i])}, ${c.band.n[i]} repeat${c.band.n[i] === 1 ? '' : 's'})`)}</title></circle>`,
      )
      .join('');
    return `<g class="series ${cls(c.k)}" data-k="${c.k}" data-repeats="${c.repeats}">${bandPath ? `<path class="band ${cls(c.k)}" d="${bandPath}"/>` : ''}<path class="curve ${cls(c.k)}" d="${meanPath}"/>${dots}</g>`;
  };
  const legend = [
    ...curves.map((c) => ({ cls: cls(c.k), label: `k = ${c.k} (${c.repeats} repeat${c.repeats === 1 ? '' : 's'})` })),
    ...(curves.some((c) => c.repeats > 1) ? [{ cls: 'band-key', label: 'min–max over repeats' }] : []),
    ...(previous.length ? [{ cls: 'previous previous-run', label: 'previous run' }] : []),
  ];
  return aeSvgShell(
    kind,
    width,
    height,
    title,
    `${METRIC_LABELS[metric]} after each epoch, one line per bottleneck size k: the mean over repeats, with a band from the minimum to the maximum.${previous.length ? ' Dashed: the previous run’s means.' : ''}`,
    [
      '<g class="grid">' +
        yTicks
          .map(
            (t) =>
              `<line x1="${CURVE_MARGIN.left}" x2="${width - CURVE_MARGIN.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`,
          )
          .join('') +
        '</g>',
      '<g class="axis x-axis">' +
        `<line x1="${CURVE_MARGIN.left}" x2="${width - CURVE_MARGIN.right}" y1="${base}" y2="${base}"/>` +
        xTicks.map((t) => `<text x="${r2(x(t))}" y="${base + 15}" text-anchor="middle">${t}</text>`).join('') +
        `<text class="caption" x="${width - CURVE_MARGIN.right}" y="${base + 30}" text-anchor="end">epoch</text></g>`,
      '<g class="axis y-axis">' +
        yTicks
          .map(
            (t) =>
              `<text x="${CURVE_MARGIN.left - 5}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${metric === 'probe' ? `${Math.round(t * 100)} %` : `${formatNumber(t, 3)}${metric === 'angle' ? '°' : ''}`}</text>`,
          )
          .join('') +
        '</g>',
      `<g class="previous-run">${previous.map((c) => seriesOf(c, true)).join('')}</g>`,
      curves.map((c) => seriesOf(c, false)).join(''),
      `<text class="heading" x="${CURVE_MARGIN.left}" y="16">${esc(METRIC_LABELS[metric])}${METRIC_NOTES[metric]}</text>`,
      `<g class="legend">${legendRows(width - CURVE_MARGIN.right + 14, CURVE_MARGIN.top + 4, legend)}</g>`,
    ],
    {
      ...o,
      attrs: {
        'data-metric': metric,
        'data-dataset': sel.dataset,
        'data-activation': sel.activation,
        'data-variant': sel.variant,
        'data-y-min': String(y.domain()[0]),
        'data-y-max': String(y.domain()[1]),
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The PCA link.

export interface AeKPlotOptions extends AeShellOptions {
  width?: number;
  height?: number;
  /** The previous run (its points dashed and faded). */
  previous?: Pick<AeView, 'cells' | 'pca'>;
}

const K_MARGIN = { top: 30, right: 170, bottom: 36, left: 56 };

interface KSeries {
  cls: string;
  label: string;
  name: string;
  points: { k: number; v: number }[];
  previous?: boolean;
}

function kPlot(
  kind: string,
  title: string,
  description: string,
  yLabel: string,
  series: KSeries[],
  o: AeKPlotOptions,
  yFormat: (v: number) => string,
  attrs: Record<string, string> = {},
): string {
  const width = o.width ?? 520;
  const height = o.height ?? 280;
  const pts = series.flatMap((s) => s.points);
  if (pts.length === 0) return emptyFigure(kind, width, height, title, 'Not in this run yet', o);
  const ks = [...new Set(pts.map((p) => p.k))].sort((a, b) => a - b);
  const kLo = ks[0];
  const kHi = Math.max(kLo * 2, ks[ks.length - 1]);
  const x = scaleLog()
    .domain([kLo / 1.3, kHi * 1.3])
    .range([K_MARGIN.left, width - K_MARGIN.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1e-9, ...pts.map((p) => p.v))])
    .nice(5)
    .range([height - K_MARGIN.bottom, K_MARGIN.top]);
  const base = height - K_MARGIN.bottom;
  const body = series
    .map((s) => {
      const sorted = s.points.slice().sort((a, b) => a.k - b.k);
      const d =
        line<{ k: number; v: number }>()
          .x((p) => x(p.k))
          .y((p) => y(p.v))(sorted) ?? '';
      const dots = s.previous
        ? ''
        : sorted
            .map(
              (p) =>
                `<circle class="dot ${s.cls.split(' ')[0]}" cx="${r2(x(p.k))}" cy="${r2(y(p.v))}" r="3"><title>${esc(`${s.label}, k = ${p.k}: ${yFormat(p.v)}`)}</title></circle>`,
            )
            .join('');
      return `<g class="series${s.previous ? ' previous' : ''}" data-series="${esc(s.name)}"${s.previous ? ' data-previous="true"' : ''}><path class="curve ${s.cls}" d="${d}"/>${dots}</g>`;
    })
    .join('');
  return aeSvgShell(
    kind,
    width,
    height,
    title,
    description,
    [
      '<g class="grid">' +
        y
          .ticks(5)
          .map((t) => `<line x1="${K_MARGIN.left}" x2="${width - K_MARGIN.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`)
          .join('') +
        '</g>',
      '<g class="axis x-axis">' +
        `<line x1="${K_MARGIN.left}" x2="${width - K_MARGIN.right}" y1="${base}" y2="${base}"/>` +
        ks.map((t) => `<text x="${r2(x(t))}" y="${base + 15}" text-anchor="middle">${t}</text>`).join('') +
        `<text class="caption" x="${width - K_MARGIN.right}" y="${base + 30}" text-anchor="end">k (log scale)</text></g>`,
      '<g class="axis y-axis">' +
        y
          .ticks(5)
          .map(
            (t) =>
              `<text x="${K_MARGIN.left - 5}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${yFormat(t)}</text>`,
          )
          .join('') +
        '</g>',
      body,
      `<text class="heading" x="${K_MARGIN.left}" y="16">${esc(yLabel)}</text>`,
      `<g class="legend">${legendRows(
        width - K_MARGIN.right + 14,
        K_MARGIN.top + 4,
        series.filter((s) => s.points.length).map((s) => ({ cls: s.cls, label: s.label })),
      )}</g>`,
    ],
    { ...o, attrs },
  );
}

const pointsOf = (rows: readonly AePcaPoint[], pick: (r: AePcaPoint) => number | undefined) =>
  rows.flatMap((r) => (finite(pick(r)) ? [{ k: r.k, v: pick(r)! }] : []));

/** Principal angles between the linear vanilla AE's decoder subspace and PCA's top-k subspace, mean and max, against k. */
export function renderAeAnglesSvg(
  view: Pick<AeView, 'cells' | 'pca'>,
  dataset: AeDataset,
  o: AeKPlotOptions = {},
): string {
  const rows = aePcaPoints(view, dataset);
  const prev = o.previous ? aePcaPoints(o.previous, dataset) : [];
  const series: KSeries[] = [
    { name: 'mean', cls: 's1', label: 'mean angle', points: pointsOf(rows, (r) => r.meanDeg) },
    { name: 'max', cls: 's2', label: 'max angle', points: pointsOf(rows, (r) => r.maxDeg) },
    ...(prev.length
      ? [
          {
            name: 'previous-mean',
            cls: 's1 previous',
            label: 'mean angle, previous run',
            points: pointsOf(prev, (r) => r.meanDeg),
            previous: true,
          },
          {
            name: 'previous-max',
            cls: 's2 previous',
            label: 'max angle, previous run',
            points: pointsOf(prev, (r) => r.maxDeg),
            previous: true,
          },
        ]
      : []),
  ];
  return kPlot(
    'ae-angles',
    `Principal angles to the PCA subspace · ${DATASET_LABELS[dataset]}`,
    'Principal angles (degrees) between the column space of the linear vanilla autoencoder’s decoder and the span of the top-k principal components, mean and max over the k angles (mean over repeats), against k.',
    'Principal angles (degrees), linear vanilla AE vs top-k PCA',
    series,
    o,
    (v) => `${formatNumber(v, 3)}°`,
    { 'data-dataset': dataset },
  );
}

/** The linear vanilla AE's final validation loss beside the PCA residual (and its closed form where there is one). */
export function renderAeResidualSvg(
  view: Pick<AeView, 'cells' | 'pca'>,
  dataset: AeDataset,
  o: AeKPlotOptions = {},
): string {
  const rows = aePcaPoints(view, dataset);
  const prev = o.previous ? aePcaPoints(o.previous, dataset) : [];
  const series: KSeries[] = [
    { name: 'ae', cls: 's1', label: 'linear AE, val loss', points: pointsOf(rows, (r) => r.aeLoss) },
    { name: 'pca', cls: 's3', label: 'PCA residual', points: pointsOf(rows, (r) => r.pcaResidual) },
    { name: 'exact', cls: 's5 model', label: 'closed form', points: pointsOf(rows, (r) => r.exactResidual) },
    ...(prev.length
      ? [
          {
            name: 'previous-ae',
            cls: 's1 previous',
            label: 'linear AE, previous run',
            points: pointsOf(prev, (r) => r.aeLoss),
            previous: true,
          },
        ]
      : []),
  ];
  return kPlot(
    'ae-residual',
    `Linear AE loss and the PCA residual · ${DATASET_LABELS[dataset]}`,
    'The linear vanilla autoencoder’s final validation loss (mean over repeats) against k, beside the residual of PCA’s reconstruction from the top k components and, for the synthetic data, that residual’s closed form.',
    'Reconstruction loss against k',
    series,
    o,
    (v) => formatNumber(v, 3),
    { 'data-dataset': dataset },
  );
}

/** The training covariance's eigenvalues, largest first, on log-log axes, with the grid's ks marked. */
export function renderAeScreeSvg(
  spectra: AutoencodersArtifact['spectra'],
  dataset: AeDataset,
  ks: readonly number[],
  o: AeShellOptions & { width?: number; height?: number } = {},
): string {
  const width = o.width ?? 520;
  const height = o.height ?? 280;
  const title = `Covariance spectrum (scree) · ${DATASET_LABELS[dataset]}`;
  const eig = spectra.find((s) => s.dataset === dataset)?.eigenvalues ?? [];
  const top = Math.max(0, ...eig.filter(Number.isFinite));
  // Six decades below the largest: the numerical zeros at the tail would squash the rest.
  const pts = eig.map((v, i) => ({ i: i + 1, v })).filter((p) => Number.isFinite(p.v) && p.v > top * 1e-6 && p.v > 0);
  if (pts.length < 2) return emptyFigure('ae-scree', width, height, title, 'No spectrum in this run', o);
  const m = { top: 30, right: 30, bottom: 36, left: 62 };
  const n = eig.length;
  const x = scaleLog()
    .domain([1, Math.max(2, n)])
    .range([m.left, width - m.right]);
  const vLo = Math.min(...pts.map((p) => p.v));
  const y = scaleLog()
    .domain([vLo, Math.max(vLo * 10, top)])
    .nice()
    .range([height - m.bottom, m.top]);
  const base = height - m.bottom;
  const xTicks = [1, 10, 100, 1000, 10000].filter((t) => t <= n);
  const yTicks = y.ticks().filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  const d =
    line<{ i: number; v: number }>()
      .x((p) => x(p.i))
      .y((p) => y(p.v))(pts) ?? '';
  const marks = ks
    .filter((k) => k <= n)
    .map(
      (k) =>
        `<g class="k-mark" data-k="${k}"><line x1="${r2(x(k))}" x2="${r2(x(k))}" y1="${m.top}" y2="${base}"/><text x="${r2(x(k))}" y="${m.top - 4}" text-anchor="middle">k = ${k}</text></g>`,
    )
    .join('');
  return aeSvgShell(
    'ae-scree',
    width,
    height,
    title,
    `The ${n} eigenvalues of the training split’s covariance, largest first, on log-log axes (down to a millionth of the largest); dotted lines at the grid’s bottleneck sizes k.`,
    [
      '<g class="grid">' +
        yTicks.map((t) => `<line x1="${m.left}" x2="${width - m.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/>`).join('') +
        '</g>',
      '<g class="axis x-axis">' +
        `<line x1="${m.left}" x2="${width - m.right}" y1="${base}" y2="${base}"/>` +
        xTicks.map((t) => `<text x="${r2(x(t))}" y="${base + 15}" text-anchor="middle">${t}</text>`).join('') +
        `<text class="caption" x="${width - m.right}" y="${base + 30}" text-anchor="end">component i (log scale)</text></g>`,
      '<g class="axis y-axis">' +
        yTicks
          .map(
            (t) =>
              `<text x="${m.left - 5}" y="${r2(y(t))}" text-anchor="end" dominant-baseline="central">${formatNumber(t, 2)}</text>`,
          )
          .join('') +
        '</g>',
      marks,
      `<g class="series" data-series="eigenvalues"><path class="curve s1" d="${d}"/></g>`,
      `<text class="heading" x="${m.left}" y="16">Eigenvalue λ_i (log scale)</text>`,
    ],
    { ...o, attrs: { 'data-dataset': dataset, 'data-n': String(n) } },
  );
}

// ---------------------------------------------------------------------------------------------
// Digits.

export interface AeDigitsOptions extends AeShellOptions {
  /** Rows: one per variant (at `k`) or one per k (for `variant`). */
  rowsBy: 'variant' | 'k';
  k?: number;
  variant?: Variant;
  /** Digits per block (default 6). */
  maxDigits?: number;
  /** Pixel size of one digit (default 36). */
  size?: number;
}

export interface AeDigitRow {
  label: string;
  cell: AeCellResult;
}

/** The rows of the digit grid: the first repeat with digits of each variant (or k) for the dataset and activation. */
export function aeDigitRows(
  cells: readonly AeCellResult[],
  dataset: AeDataset,
  activation: Activation,
  o: Pick<AeDigitsOptions, 'rowsBy' | 'k' | 'variant'>,
): AeDigitRow[] {
  const groups = aeGroups(cells).filter((g) => g.dataset === dataset && g.activation === activation);
  const ks = [...new Set(groups.map((g) => g.k))].sort((a, b) => a - b);
  const k = o.k !== undefined && ks.includes(o.k) ? o.k : ks[Math.min(1, ks.length - 1)];
  const variant = o.variant ?? 'vanilla';
  const rows: AeDigitRow[] = [];
  for (const g of groups) {
    const inRow = o.rowsBy === 'variant' ? g.k === k : g.variant === variant;
    const cell = g.cells.find((c) => c.digits && c.digits.original.length > 0);
    if (inRow && cell)
      rows.push({ label: o.rowsBy === 'variant' ? `${g.variant}, k = ${g.k}` : `k = ${g.k}, ${g.variant}`, cell });
  }
  return o.rowsBy === 'variant'
    ? rows.sort((a, b) => AE_VARIANTS.indexOf(a.cell.variant) - AE_VARIANTS.indexOf(b.cell.variant))
    : rows;
}

const BLOCKS = [
  { key: 'original', label: 'original' },
  { key: 'corrupted', label: 'corrupted (training input)' },
  { key: 'reconstructed', label: 'reconstructed' },
] as const;

/** Original, corrupted and reconstructed digits side by side, one row per variant (or k). */
export function renderAeDigitsSvg(
  cells: readonly AeCellResult[],
  dataset: AeDataset,
  activation: Activation,
  o: AeDigitsOptions,
): string {
  const rows = aeDigitRows(cells, dataset, activation, o);
  const size = o.size ?? 36;
  const n = Math.min(o.maxDigits ?? 6, ...rows.map((r) => r.cell.digits!.original.length));
  const labelWidth = 130;
  const gap = 3;
  const blockGap = 18;
  // At least as wide as the block's title ("corrupted (training input)").
  const blockWidth = Math.max(150, n * (size + gap) - gap);
  const width = Math.max(420, labelWidth + 3 * blockWidth + 2 * blockGap + 12);
  const top = 44;
  const rowHeight = size + 10;
  const height = top + Math.max(1, rows.length) * rowHeight + 8;
  const title = `Digits: original, corrupted, reconstructed · ${DATASET_LABELS[dataset]} · ${activation}`;
  if (rows.length === 0 || n <= 0)
    return emptyFigure(
      'ae-digits',
      Math.max(width, 420),
      120,
      title,
      dataset === 'synthetic' ? 'The synthetic data has no images' : 'No digits for this selection yet',
      o,
    );
  const body: string[] = [];
  BLOCKS.forEach((b, bi) => {
    const x0 = labelWidth + bi * (blockWidth + blockGap);
    body.push(`<text class="block-title" x="${x0}" y="${top - 10}">${esc(b.label)}</text>`);
  });
  rows.forEach((row, ri) => {
    const strip = row.cell.digits!;
    const y0 = top + ri * rowHeight;
    body.push(
      `<g class="digit-row" data-variant="${row.cell.variant}" data-k="${row.cell.k}"><text x="8" y="${y0 + size / 2}" dominant-baseline="central">${esc(row.label)}</text>`,
    );
    BLOCKS.forEach((b, bi) => {
      const x0 = labelWidth + bi * (blockWidth + blockGap);
      for (let i = 0; i < n; i++) {
        const uri = digitPngUri(strip[b.key][i], strip.width, strip.height);
        const xi = x0 + i * (size + gap);
        body.push(
          uri
            ? `<image class="ae-digit" data-role="${b.key}" x="${xi}" y="${y0}" width="${size}" height="${size}" preserveAspectRatio="none" href="${uri}"><title>${esc(`${b.label} · label ${strip.labels[i]}`)}</title></image>`
            : `<rect class="digit-frame" x="${xi}" y="${y0}" width="${size}" height="${size}"/>`,
        );
      }
    });
    body.push('</g>');
  });
  body.push(
    `<text class="heading" x="8" y="16">${esc(o.rowsBy === 'variant' ? `One row per variant at k = ${rows[0].cell.k}` : `One row per k, ${rows[0].cell.variant}`)} (first repeat; test digits)</text>`,
  );
  return aeSvgShell(
    'ae-digits',
    width,
    height,
    title,
    `Test digits through the trained autoencoders: the clean original, the corruption used in training (equal to the original for vanilla), and the reconstruction from the clean input.`,
    body,
    {
      ...o,
      attrs: {
        'data-dataset': dataset,
        'data-activation': activation,
        'data-rows': String(rows.length),
        'data-digits': String(n),
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The grid table and the report.

const DEFAULT_FORMAT = (v: number): string => formatNumber(v, 4);

/** "12.3 ± 0.4": the mean and half the min–max range over repeats (the half-range to 2 significant digits by default). */
export function formatSpread(
  s: Spread | undefined,
  format: (v: number) => string = DEFAULT_FORMAT,
  formatHalf: (v: number) => string = format === DEFAULT_FORMAT ? (v) => formatNumber(v, 2) : format,
): string {
  if (!s) return '–';
  const half = (s.max - s.min) / 2;
  return s.n > 1 && half > 0 ? `${format(s.mean)} ± ${formatHalf(half)}` : format(s.mean);
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const pctRange = (s: Spread | undefined) => (s ? formatSpread(s, (v) => (v * 100).toFixed(1)) + ' %' : '–');

export const AE_TABLE_COLUMNS = [
  'dataset',
  'activation',
  'variant',
  'k',
  'repeats',
  'final val loss',
  'probe accuracy',
  'few-label accuracy',
  'mean angle',
] as const;

/** The grid as text rows (the report's table; the panel builds its own cells from aeGridRows). */
export function aeTableRows(cells: readonly AeCellResult[], previous?: readonly AeCellResult[]): string[][] {
  const prev = previous ? aeGridRows(previous) : [];
  return aeGridRows(cells).map((r) => {
    const p = matchingRow(prev, r);
    const delta = (a: Spread | undefined, b: Spread | undefined, f: (v: number) => string) =>
      a && b ? ` (Δ ${a.mean - b.mean >= 0 ? '+' : '−'}${f(Math.abs(a.mean - b.mean))})` : '';
    return [
      DATASET_LABELS[r.dataset],
      r.activation,
      r.variant,
      String(r.k),
      String(r.repeats),
      formatSpread(r.finalValLoss) + delta(r.finalValLoss, p?.finalValLoss, (v) => formatNumber(v, 3)),
      pctRange(r.probeAccuracy) + delta(r.probeAccuracy, p?.probeAccuracy, pct),
      pctRange(r.fewLabelAccuracy),
      r.meanAngleDeg ? `${formatNumber(r.meanAngleDeg.mean, 3)}°` : '–',
    ];
  });
}

export interface AeFigure {
  /** Stable id: `curves-<dataset>-<activation>-<variant>-<loss|probe|angle>`, `digits-<dataset>-<activation>`, `angles-<dataset>`, `residual-<dataset>`, `scree-<dataset>`. */
  id: string;
  title: string;
  caption: string;
  svg: string;
}

/** Every figure of a finished run (standalone SVGs, light palette unless given one), for the report and exports. */
export function aeRunSvgs(
  run: AutoencodersArtifact,
  o: AeShellOptions & { previous?: AutoencodersArtifact } = {},
): AeFigure[] {
  const axes = aeAxes(run.cells);
  const figures: AeFigure[] = [];
  const shell = { standalone: o.standalone, palette: o.palette };
  for (const dataset of axes.datasets) {
    const cellsOf = run.cells.filter((c) => c.dataset === dataset);
    const sub = aeAxes(cellsOf);
    for (const activation of sub.activations) {
      for (const variant of sub.variants) {
        const sel = { dataset, activation, variant };
        if (!cellsOf.some((c) => c.activation === activation && c.variant === variant)) continue;
        const metrics: AeCurveMetric[] = ['valLoss', 'probe'];
        if (aeCurves(run.cells, sel, 'angle').length > 0) metrics.push('angle');
        for (const metric of metrics) {
          const id = `curves-${dataset}-${activation}-${variant}-${METRIC_IDS[metric]}`;
          figures.push({
            id,
            title: `${METRIC_LABELS[metric]} per epoch · ${selectionLabel(sel)}`,
            caption:
              metric === 'angle'
                ? 'Linear cells train past the homework’s epochs until this angle settles (or a budget): mean over repeats, one line per k.'
                : 'Mean over repeats with a min–max band; one line per k.',
            svg: renderAeCurvesSvg(run.cells, sel, metric, {
              ...shell,
              idPrefix: `${o.idPrefix ?? ''}${id}-`,
              previous: o.previous?.cells,
            }),
          });
        }
      }
      if (cellsOf.some((c) => c.activation === activation && c.digits)) {
        const id = `digits-${dataset}-${activation}`;
        figures.push({
          id,
          title: `Digits · ${DATASET_LABELS[dataset]} · ${activation}`,
          caption: 'Original, corrupted (training input) and reconstructed test digits, one row per variant.',
          svg: renderAeDigitsSvg(run.cells, dataset, activation, {
            ...shell,
            idPrefix: `${o.idPrefix ?? ''}${id}-`,
            rowsBy: 'variant',
          }),
        });
      }
    }
    const prev = o.previous ? { cells: o.previous.cells, pca: o.previous.pca } : undefined;
    const hasAngles = aePcaPoints(run, dataset).some((p) => finite(p.meanDeg));
    if (hasAngles)
      figures.push({
        id: `angles-${dataset}`,
        title: `Principal angles · ${DATASET_LABELS[dataset]}`,
        caption: 'Linear vanilla AE decoder vs top-k PCA subspace: mean and max principal angle.',
        svg: renderAeAnglesSvg(run, dataset, {
          ...shell,
          idPrefix: `${o.idPrefix ?? ''}angles-${dataset}-`,
          previous: prev,
        }),
      });
    if (aePcaPoints(run, dataset).some((p) => finite(p.aeLoss) || finite(p.pcaResidual)))
      figures.push({
        id: `residual-${dataset}`,
        title: `Loss vs PCA residual · ${DATASET_LABELS[dataset]}`,
        caption: 'Linear vanilla AE final validation loss beside the PCA residual.',
        svg: renderAeResidualSvg(run, dataset, {
          ...shell,
          idPrefix: `${o.idPrefix ?? ''}residual-${dataset}-`,
          previous: prev,
        }),
      });
    if (run.spectra.some((s) => s.dataset === dataset && s.eigenvalues.length > 1))
      figures.push({
        id: `scree-${dataset}`,
        title: `Spectrum · ${DATASET_LABELS[dataset]}`,
        caption: 'Eigenvalues of the training covariance.',
        svg: renderAeScreeSvg(run.spectra, dataset, run.ks, {
          ...shell,
          idPrefix: `${o.idPrefix ?? ''}scree-${dataset}-`,
        }),
      });
  }
  return figures;
}

export const AE_PCA_COLUMNS = [
  'dataset',
  'k',
  'PCA residual',
  'closed form',
  'linear AE loss',
  'mean angle',
  'max angle',
  'PCA probe accuracy',
  'converged probe',
] as const;

export interface AeReportParts {
  summary: string;
  figures: AeFigure[];
  table: { columns: string[]; rows: string[][] };
  pcaTable: { columns: string[]; rows: string[][] };
  csv: string;
}

/** What the HTML report shows of a run: a one-line summary, the figures, the grid and PCA tables, the CSV. */
export function aeReportParts(
  run: AutoencodersArtifact,
  o: AeShellOptions & { previous?: AutoencodersArtifact } = {},
): AeReportParts {
  const datasets = run.datasets
    .map(
      (d) =>
        `${d.name} (${d.train.toLocaleString('en-US')} train, ${d.epochs} epochs${d.linearMaxEpochs ? ` (linear: until the angle to PCA settles, ≤ ${d.linearMaxEpochs})` : ''}, batch ${d.batchSize}, lr ${d.learningRate}, ${d.repeats} repeat${d.repeats === 1 ? '' : 's'})`,
    )
    .join('; ');
  const summary = `${run.cells.length} cells, k ∈ {${run.ks.join(', ')}}, ${run.workers} worker${run.workers === 1 ? '' : 's'}, ${(run.wallMs / 1000).toFixed(1)} s wall. ${datasets}`;
  const f = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? formatNumber(v, 4) : '–');
  return {
    summary,
    figures: aeRunSvgs(run, o),
    table: { columns: [...AE_TABLE_COLUMNS], rows: aeTableRows(run.cells, o.previous?.cells) },
    pcaTable: {
      columns: [...AE_PCA_COLUMNS],
      rows: run.pca.map((r) => [
        DATASET_LABELS[r.dataset],
        String(r.k),
        f(r.pcaResidual),
        f(r.exactResidual),
        f(r.aeLoss),
        `${f(r.meanDeg)}°`,
        `${f(r.maxDeg)}°`,
        typeof r.pcaProbeAccuracy === 'number' ? pct(r.pcaProbeAccuracy) : '–',
        typeof r.pcaProbeConverged === 'number' ? pct(r.pcaProbeConverged) : '–',
      ]),
    },
    csv: aeGridCsv(run.cells, o.previous?.cells),
  };
}
