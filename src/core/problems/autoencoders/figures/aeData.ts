// Problem 4's grid shaped for drawing (DOM-free; the panel, the report and the CSV use it): cells
// grouped by dataset × activation × variant × k, per-epoch bands over repeats (mean, min, max), the
// grid's table rows, the PCA link per dataset (from the run's `pca` rows, or from the linear vanilla
// cells while the sweep is still running), and the sweep's progress with an ETA.
import type { AeCellResult, AeDataset, AutoencodersArtifact, PcaRow } from '../artifact';
import type { Activation, Variant } from '../solution';

export const AE_DATASETS: readonly AeDataset[] = ['synthetic', 'mnist', 'idx'];
export const AE_ACTIVATIONS: readonly Activation[] = ['linear', 'relu'];
export const AE_VARIANTS: readonly Variant[] = ['vanilla', 'denoising', 'masked'];

export const DATASET_LABELS: Record<AeDataset, string> = {
  synthetic: 'synthetic',
  mnist: 'MNIST (10k)',
  idx: 'IDX files',
};

export interface AeGroupKey {
  dataset: AeDataset;
  activation: Activation;
  variant: Variant;
  k: number;
}

export const groupId = (g: AeGroupKey): string => `${g.dataset}|${g.activation}|${g.variant}|${g.k}`;

/** What the panel draws: a finished run, or the cells of one still running (no PCA rows, spectra or datasets yet). */
export type AeView = Pick<AutoencodersArtifact, 'cells' | 'ks' | 'pca' | 'spectra'> &
  Partial<Pick<AutoencodersArtifact, 'datasets' | 'title' | 'wallMs' | 'workers'>>;

/** A view of cells that arrived so far (ks from the cells themselves). */
export function viewOfCells(cells: readonly AeCellResult[]): AeView {
  return { cells: [...cells], ks: [...new Set(cells.map((c) => c.k))].sort((a, b) => a - b), pca: [], spectra: [] };
}

/** Mean, min and max of the finite values (JSON turns NaN into null: those are skipped); undefined when none. */
export interface Spread {
  mean: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: readonly (number | null | undefined)[]): Spread | undefined {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return undefined;
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/** Per-epoch band over repeats: index e is epoch e + 1; an epoch some repeats lack uses the others. */
export interface Band {
  mean: number[];
  min: number[];
  max: number[];
  /** Repeats with a finite value at each epoch. */
  n: number[];
}

export function band(series: readonly (readonly (number | null)[])[]): Band {
  const epochs = Math.max(0, ...series.map((s) => s.length));
  const out: Band = { mean: [], min: [], max: [], n: [] };
  for (let e = 0; e < epochs; e++) {
    const s = spread(series.map((x) => x[e]));
    out.mean.push(s?.mean ?? NaN);
    out.min.push(s?.min ?? NaN);
    out.max.push(s?.max ?? NaN);
    out.n.push(s?.n ?? 0);
  }
  return out;
}

export interface AeGroup extends AeGroupKey {
  /** Its repeats, by repeat number. */
  cells: AeCellResult[];
}

const order = <T>(list: readonly T[], v: T): number => {
  const i = list.indexOf(v);
  return i < 0 ? list.length : i;
};

export function compareGroupKeys(a: AeGroupKey, b: AeGroupKey): number {
  return (
    order(AE_DATASETS, a.dataset) - order(AE_DATASETS, b.dataset) ||
    order(AE_ACTIVATIONS, a.activation) - order(AE_ACTIVATIONS, b.activation) ||
    order(AE_VARIANTS, a.variant) - order(AE_VARIANTS, b.variant) ||
    a.k - b.k
  );
}

/** The cells grouped by dataset × activation × variant × k, in the grid's order. */
export function aeGroups(cells: readonly AeCellResult[]): AeGroup[] {
  const groups = new Map<string, AeGroup>();
  for (const c of cells) {
    const id = groupId(c);
    let g = groups.get(id);
    if (!g)
      groups.set(id, (g = { dataset: c.dataset, activation: c.activation, variant: c.variant, k: c.k, cells: [] }));
    g.cells.push(c);
  }
  for (const g of groups.values()) g.cells.sort((a, b) => a.repeat - b.repeat);
  return [...groups.values()].sort(compareGroupKeys);
}

/** The datasets, activations and variants present, in the grid's order. */
export function aeAxes(cells: readonly AeCellResult[]): {
  datasets: AeDataset[];
  activations: Activation[];
  variants: Variant[];
  ks: number[];
} {
  const present = <T>(all: readonly T[], pick: (c: AeCellResult) => T) =>
    all.filter((v) => cells.some((c) => pick(c) === v));
  return {
    datasets: present(AE_DATASETS, (c) => c.dataset),
    activations: present(AE_ACTIVATIONS, (c) => c.activation),
    variants: present(AE_VARIANTS, (c) => c.variant),
    ks: [...new Set(cells.map((c) => c.k))].sort((a, b) => a - b),
  };
}

export interface AeSelection {
  dataset: AeDataset;
  activation: Activation;
  variant: Variant;
}

/** Validation loss, probe accuracy, or (linear cells) the mean principal angle to PCA, per epoch. */
export type AeCurveMetric = 'valLoss' | 'probe' | 'angle';

const SERIES: Record<AeCurveMetric, (c: AeCellResult) => readonly number[]> = {
  valLoss: (c) => c.valLoss,
  probe: (c) => c.probeCurve,
  angle: (c) => c.angleCurve ?? [],
};

export interface AeCurve {
  k: number;
  repeats: number;
  band: Band;
}

/** One band per k for a selection: the metric per epoch over the repeats (ks without the series left out). */
export function aeCurves(cells: readonly AeCellResult[], sel: AeSelection, metric: AeCurveMetric): AeCurve[] {
  return aeGroups(cells)
    .filter((g) => g.dataset === sel.dataset && g.activation === sel.activation && g.variant === sel.variant)
    .filter((g) => g.cells.some((c) => SERIES[metric](c).length > 0))
    .map((g) => ({
      k: g.k,
      repeats: g.cells.length,
      band: band(g.cells.map(SERIES[metric])),
    }));
}

export interface AeGridRow extends AeGroupKey {
  repeats: number;
  finalValLoss?: Spread;
  probeAccuracy?: Spread;
  fewLabelAccuracy?: Spread;
  /** Linear cells: the mean and the max principal angle (degrees), spread over repeats. */
  meanAngleDeg?: Spread;
  maxAngleDeg?: Spread;
  /** Training time per cell, mean over repeats. */
  ms?: number;
}

const meanOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function aeGridRows(cells: readonly AeCellResult[]): AeGridRow[] {
  return aeGroups(cells).map((g) => {
    const angles = g.cells.map((c) => c.anglesDeg).filter((a): a is number[] => Array.isArray(a) && a.length > 0);
    return {
      dataset: g.dataset,
      activation: g.activation,
      variant: g.variant,
      k: g.k,
      repeats: g.cells.length,
      finalValLoss: spread(g.cells.map((c) => c.finalValLoss)),
      probeAccuracy: spread(g.cells.map((c) => c.probeAccuracy)),
      fewLabelAccuracy: spread(g.cells.map((c) => c.fewLabelAccuracy)),
      meanAngleDeg: spread(angles.map(meanOf)),
      maxAngleDeg: spread(angles.map((a) => Math.max(...a))),
      ms: spread(g.cells.map((c) => c.ms))?.mean,
    };
  });
}

/** The row of `rows` with the same dataset × activation × variant × k. */
export const matchingRow = <R extends AeGroupKey>(rows: readonly R[], key: AeGroupKey): R | undefined =>
  rows.find((r) => groupId(r) === groupId(key));

export const AE_GRID_CSV_HEADER = [
  'dataset',
  'activation',
  'variant',
  'k',
  'repeats',
  'finalValLoss_mean',
  'finalValLoss_min',
  'finalValLoss_max',
  'probeAccuracy_mean',
  'probeAccuracy_min',
  'probeAccuracy_max',
  'fewLabelAccuracy_mean',
  'meanAngleDeg_mean',
  'maxAngleDeg_mean',
  'ms_mean',
  'previous_finalValLoss_mean',
  'previous_probeAccuracy_mean',
] as const;

/** The grid as CSV (full precision, empty where a value does not exist), with the previous run's means beside. */
export function aeGridCsv(cells: readonly AeCellResult[], previous?: readonly AeCellResult[]): string {
  const prev = previous ? aeGridRows(previous) : [];
  const v = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '' : String(x));
  const lines: string[] = [AE_GRID_CSV_HEADER.join(',')];
  for (const r of aeGridRows(cells)) {
    const p = matchingRow(prev, r);
    lines.push(
      [
        r.dataset,
        r.activation,
        r.variant,
        String(r.k),
        String(r.repeats),
        v(r.finalValLoss?.mean),
        v(r.finalValLoss?.min),
        v(r.finalValLoss?.max),
        v(r.probeAccuracy?.mean),
        v(r.probeAccuracy?.min),
        v(r.probeAccuracy?.max),
        v(r.fewLabelAccuracy?.mean),
        v(r.meanAngleDeg?.mean),
        v(r.maxAngleDeg?.mean),
        v(r.ms),
        v(p?.finalValLoss?.mean),
        v(p?.probeAccuracy?.mean),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** The PCA link for one dataset, by k: the run's rows, or (while running) what the linear vanilla cells give. */
export interface AePcaPoint {
  k: number;
  meanDeg?: number;
  maxDeg?: number;
  aeLoss?: number;
  pcaResidual?: number;
  exactResidual?: number;
}

export function aePcaPoints(view: Pick<AeView, 'cells' | 'pca'>, dataset: AeDataset): AePcaPoint[] {
  const rows: PcaRow[] = view.pca.filter((r) => r.dataset === dataset);
  if (rows.length) {
    return rows
      .map((r) => ({
        k: r.k,
        meanDeg: num(r.meanDeg),
        maxDeg: num(r.maxDeg),
        aeLoss: num(r.aeLoss),
        pcaResidual: num(r.pcaResidual),
        exactResidual: num(r.exactResidual),
      }))
      .sort((a, b) => a.k - b.k);
  }
  return aeGridRows(view.cells)
    .filter((r) => r.dataset === dataset && r.activation === 'linear' && r.variant === 'vanilla')
    .map((r) => ({ k: r.k, meanDeg: r.meanAngleDeg?.mean, maxDeg: r.maxAngleDeg?.mean, aeLoss: r.finalValLoss?.mean }));
}

const num = (v: number | null | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

// ---------------------------------------------------------------------------------------------
// Progress of a running sweep.

/** One streamed cell as the panel saw it arrive (`at`: ms since the epoch, the panel's clock). */
export interface AeArrival {
  index: number;
  total: number;
  at: number;
  /** The cell's own training time. */
  ms: number;
}

export interface AeProgress {
  done: number;
  total: number;
  fraction: number;
  /** Since the estimated start: the first arrival minus that cell's own training time. */
  elapsedMs: number;
  /** At the mean pace so far (start → last arrival, per cell), less the time since the last arrival; undefined before a cell or when done. */
  etaMs?: number;
}

export function aeProgress(arrivals: readonly AeArrival[], now: number): AeProgress | undefined {
  if (arrivals.length === 0) return undefined;
  const total = Math.max(...arrivals.map((a) => a.total));
  const done = new Set(arrivals.map((a) => a.index)).size;
  const first = arrivals.reduce((a, b) => (b.at < a.at ? b : a));
  const last = Math.max(...arrivals.map((a) => a.at));
  const start = first.at - Math.max(0, first.ms);
  const elapsedMs = Math.max(0, now - start);
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  if (done >= total) return { done, total, fraction, elapsedMs: Math.max(0, last - start) };
  const perCell = (last - start) / done;
  return { done, total, fraction, elapsedMs, etaMs: Math.max(0, perCell * (total - done) - (now - last)) };
}

/** 75_000 → "1:15", 3_725_000 → "1:02:05". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Accuracy in [0, 1] as a percentage with one decimal. */
export const formatPercent = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)} %`;
