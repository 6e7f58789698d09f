// The Autoencoders panel (the homework Q4), drawn from a run's streamed `ae-cell` artifacts and its
// final `autoencoders` artifact: the sweep's progress (bar, cells done, elapsed, ETA, Cancel), the
// validation loss and probe accuracy per epoch (one line per k, mean with a min–max band over
// repeats), original / corrupted / reconstructed digits, the PCA link (principal angles, the linear
// AE's loss beside the PCA residual, the spectrum), and the whole grid as a sortable table. The
// previous finished run is kept and drawn dashed over the new one (and as deltas in the table).
// Figures export as SVG and PNG, the grid as CSV.
import '../shared/lab.css';
import './autoencoders.css';
import { isRunPanelSnapshot, type ToWebview } from '../../src/core/protocol';
import { initSnapshot, sayReady } from '../shared/handshake';
import type { AeCellArtifact, AeDataset, AutoencodersArtifact } from '../../src/core/problems/autoencoders/artifact';
import type { Activation, Variant } from '../../src/core/problems/autoencoders/solution';
import { isAeCellArtifact, isAutoencodersArtifact } from '../../src/core/problems/autoencoders/artifactValidate';
import { LAB_RULES, formatNumber } from '../../src/core/viz/chartFigure';
import {
  AE_RULES,
  aeDigitRows,
  formatSpread,
  renderAeAnglesSvg,
  renderAeCurvesSvg,
  METRIC_LABELS,
  renderAeDigitsSvg,
  renderAeResidualSvg,
  renderAeScreeSvg,
  type AeShellOptions,
} from '../../src/core/problems/autoencoders/figures/aeCharts';
import {
  DATASET_LABELS,
  aeAxes,
  aeCurves,
  aeGridCsv,
  aePcaPoints,
  aeGridRows,
  aeProgress,
  formatDuration,
  formatPercent,
  matchingRow,
  type AeCurveMetric,
  type AeGridRow,
  type AeSelection,
  type AeView,
  type Spread,
} from '../../src/core/problems/autoencoders/figures/aeData';
import { panelBridge } from '../shared/vscodeApi';
import { adoptStyles, linkOwnStylesheet } from '../shared/stylesheet';
import { h } from '../shared/dom';
import { dataChart, type ChartTableData, type DataChart } from '../shared/chartData';
import { errorBannerElement, showBannerError, markSorted, sortableHead, type SortColumn } from '../shared/panelParts';
import { currentLabPalette, slug, svgToPngBase64 } from '../shared/figureExport';
import { errorText, postCsv } from '../shared/panelMessages';
import { button, setDisabled } from '../ui';
import {
  currentView,
  isActive,
  onCancelRequested,
  onCell,
  onFinal,
  onRunStatus,
  onSnapshot,
  restoreState,
  runKey,
  type AePanelState,
  type SortKey,
} from './state';

linkOwnStylesheet(document.currentScript as HTMLScriptElement | null);
adoptStyles(LAB_RULES + AE_RULES);

const bridge = panelBridge<AePanelState>();
let state: AePanelState = restoreState(bridge.getState());

/** A user's action: saved and drawn now. */
function update(next: AePanelState): void {
  state = next;
  bridge.setState(state);
  render();
}

let frame: ReturnType<typeof setTimeout> | undefined;

/** A message from the extension: a sweep may stream many cells at once, so they are saved and drawn together (a timer, not a frame: it also runs in a panel in the background). */
function updateSoon(next: AePanelState): void {
  state = next;
  if (frame !== undefined) return;
  frame = setTimeout(() => {
    frame = undefined;
    bridge.setState(state);
    render();
  }, 30);
}

// ---------------------------------------------------------------------------------------------
// Layout.

const errorBanner = errorBannerElement();
errorBanner.hidden = true;

const emptyState = h(
  'div',
  { class: 'empty-state' },
  h('h2', { text: 'Run problem 4 to see the autoencoders' }),
  h('p', {
    text: 'Run q4_autoencoders.ts from the editor (▶ Run above any of its TODOs, or “HW6 Lab: Run Problem…”). The sweep’s progress, the loss and probe curves, the digits, the PCA comparison and the grid’s table appear here as the cells finish.',
  }),
);

const title = h('h1', { class: 'title' });
const subtitle = h('p', { class: 'subtitle' });
const csvButton = button({
  label: 'Export CSV',
  title: 'Export the grid (loss and accuracy per cell group) as CSV',
  onClick: exportCsv,
});

// Progress.
const progressFill = h('div', { class: 'progress-fill' });
const progressTrack = h(
  'div',
  {
    class: 'progress-track',
    attrs: {
      role: 'progressbar',
      'aria-label': 'Grid cells finished',
      'aria-valuemin': '0',
      'aria-valuemax': '1',
      'aria-valuenow': '0',
    },
  },
  progressFill,
);
const progressText = h('span', { class: 'progress-text', attrs: { 'aria-live': 'polite' } });
const progressTimes = h('span', { class: 'progress-times' });
const cancelButton = button({ label: 'Cancel', title: 'Cancel the running sweep', onClick: cancelRun });
const lastCell = h('p', { class: 'last-cell' });
const progressCard = h(
  'section',
  { class: 'card wide progress-card', attrs: { 'aria-labelledby': 'progress-title' } },
  h('div', { class: 'card-head' }, h('h2', { id: 'progress-title', text: 'Sweep' })),
  h('div', { class: 'progress-row' }, progressTrack, progressText, progressTimes, cancelButton),
  lastCell,
);

// Selectors.
function select(
  id: string,
  label: string,
  onChange: (value: string) => void,
): { wrap: HTMLElement; el: HTMLSelectElement } {
  const el = h('select', { id, attrs: { 'aria-label': label } });
  el.addEventListener('change', () => onChange(el.value));
  return { el, wrap: h('div', { class: 'control' }, h('label', { attrs: { for: id }, text: label }), el) };
}
const datasetSelect = select('sel-dataset', 'Dataset', (v) =>
  update({ ...state, selection: { ...state.selection, dataset: v as AeDataset } }),
);
const activationSelect = select('sel-activation', 'Activation', (v) =>
  update({ ...state, selection: { ...state.selection, activation: v as Activation } }),
);
const variantSelect = select('sel-variant', 'Variant', (v) =>
  update({ ...state, selection: { ...state.selection, variant: v as Variant } }),
);
const overlayInput = h('input', { id: 'sel-overlay', attrs: { type: 'checkbox' } });
overlayInput.addEventListener('change', () => update({ ...state, overlay: overlayInput.checked }));
const overlayControl = h(
  'div',
  { class: 'control overlay-control' },
  overlayInput,
  h('label', { attrs: { for: 'sel-overlay' }, text: 'Show the previous run (dashed)' }),
);

const lossChart = dataChart('Validation loss per epoch');
const probeChart = dataChart('Probe accuracy per epoch');
const angleCurveChart = dataChart('Mean angle to PCA per epoch');
const digitsChart = dataChart('Original, corrupted and reconstructed digits');
digitsChart.host.classList.add('digits');
const anglesChart = dataChart('Principal angles against k');
const residualChart = dataChart('Linear autoencoder loss and PCA residual against k');
const screeChart = dataChart('Covariance spectrum');
const lossHost = lossChart.host;
const screeHost = screeChart.host;
const allCharts: DataChart[] = [
  lossChart,
  probeChart,
  angleCurveChart,
  digitsChart,
  anglesChart,
  residualChart,
  screeChart,
];

const rowsBySelect = select('sel-rows', 'Rows', (v) =>
  update({ ...state, digits: { ...state.digits, rowsBy: v === 'k' ? 'k' : 'variant' } }),
);
const digitKSelect = select('sel-digit-k', 'k', (v) => update({ ...state, digits: { ...state.digits, k: Number(v) } }));
for (const [value, text] of [
  ['variant', 'one per variant'],
  ['k', 'one per k'],
])
  rowsBySelect.el.append(h('option', { attrs: { value }, text }));

type FigureId = 'loss' | 'probe' | 'angle-curve' | 'digits' | 'angles' | 'residual' | 'scree';

const gridHead = h('tr');
const gridBody = h('tbody');
const COLUMNS: SortColumn<SortKey>[] = [
  { key: 'dataset', label: 'Dataset', numeric: false },
  { key: 'activation', label: 'Activation', numeric: false },
  { key: 'variant', label: 'Variant', numeric: false },
  { key: 'k', label: 'k', numeric: true },
  { key: 'repeats', label: 'Repeats', numeric: true },
  { key: 'loss', label: 'Final val loss', numeric: true },
  { key: 'probe', label: 'Probe accuracy', numeric: true },
  { key: 'fewLabel', label: 'Few-label accuracy', numeric: true },
  { key: 'angle', label: 'Mean angle', numeric: true },
];
sortableHead(gridHead, COLUMNS, setSort);

const angleCurveCard = figureCard(
  'angle-curve',
  'Mean angle to PCA per epoch',
  'Linear cells: the mean principal angle between the decoder’s column space and PCA’s top-k subspace after each epoch. They train past the homework’s epochs until it settles (or a budget).',
  angleCurveChart.element,
);

const viewer = h(
  'div',
  { class: 'viewer' },
  h(
    'header',
    { class: 'header' },
    h('div', { class: 'heading-block' }, title, subtitle),
    h('div', { class: 'header-actions' }, csvButton),
  ),
  h(
    'div',
    { class: 'grid' },
    progressCard,
    h(
      'section',
      { class: 'card wide selection', attrs: { 'aria-label': 'What the curves and digits show' } },
      h('div', { class: 'controls' }, datasetSelect.wrap, activationSelect.wrap, variantSelect.wrap, overlayControl),
    ),
    figureCard(
      'loss',
      'Validation loss per epoch',
      'Reconstruction loss on the clean validation split after each epoch: one line per bottleneck size k, the mean over repeats with a min–max band.',
      lossChart.element,
    ),
    figureCard(
      'probe',
      'Probe accuracy per epoch',
      'Accuracy of a linear probe on the frozen codes (test split) after each epoch, mean over repeats with a min–max band.',
      probeChart.element,
    ),
    angleCurveCard,
    h(
      'section',
      { class: 'card wide digits-card', attrs: { 'aria-labelledby': 'digits-title' } },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { id: 'digits-title', text: 'Digits' }),
        h('div', { class: 'controls' }, rowsBySelect.wrap, digitKSelect.wrap),
        exportsFor('digits', 'the digits'),
      ),
      h('p', {
        class: 'caption-text',
        text: 'Test digits: the clean original, the corrupted input the variant trains on (noise or mask; the same as the original for vanilla), and the reconstruction of the clean input.',
      }),
      digitsChart.element,
    ),
    figureCard(
      'angles',
      'Principal angles to PCA',
      'Linear vanilla autoencoders: the principal angles between the decoder’s column space and the top-k principal subspace of the training split, mean and max, against k.',
      anglesChart.element,
    ),
    figureCard(
      'residual',
      'Loss and the PCA residual',
      'The linear vanilla autoencoder’s final validation loss against k, beside the residual of PCA’s reconstruction from the top k components and, for the synthetic data, that residual’s closed form.',
      residualChart.element,
    ),
    figureCard(
      'scree',
      'Covariance spectrum',
      'The eigenvalues of the training split’s covariance, largest first; dotted lines at the grid’s k.',
      screeChart.element,
    ),
    h(
      'section',
      { class: 'card wide grid-card', attrs: { 'aria-labelledby': 'grid-title' } },
      h('div', { class: 'card-head' }, h('h2', { id: 'grid-title', text: 'The grid' })),
      h('p', {
        class: 'caption-text grid-caption',
        text: 'Every dataset × activation × variant × k: mean ± half the min–max range over repeats. Sort with the column headings (Enter or Space).',
      }),
      h(
        'div',
        { class: 'grid-table-wrap' },
        h('table', { class: 'data grid-table' }, h('thead', {}, gridHead), gridBody),
      ),
    ),
  ),
);

document.body.append(h('main', { class: 'lab-panel ae-panel' }, errorBanner, emptyState, viewer));

const screeCard = (): HTMLElement => screeHost.closest('section') ?? screeHost;

function exportsFor(figure: FigureId, what: string): HTMLElement {
  return h(
    'div',
    { class: 'exports', attrs: { 'data-figure': figure } },
    button({ label: 'SVG', title: `Export ${what} as SVG`, onClick: () => exportFigure(figure, 'svg') }),
    button({ label: 'PNG', title: `Export ${what} as PNG`, onClick: () => void exportFigure(figure, 'png') }),
  );
}

function figureCard(id: FigureId, heading: string, caption: string, host: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: `card ${id}-card`, attrs: { 'aria-labelledby': `${id}-title` } },
    h('div', { class: 'card-head' }, h('h2', { id: `${id}-title`, text: heading }), exportsFor(id, `“${heading}”`)),
    h('p', { class: 'caption-text', text: caption }),
    host,
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function showError(message: string | undefined): void {
  showBannerError(errorBanner, message);
}

function setSort(key: SortKey): void {
  const descending = state.sort.key === key ? !state.sort.descending : false;
  update({ ...state, sort: { key, descending } });
}

function cancelRun(): void {
  if (!isActive(state.live) || state.live?.status === 'cancelling') return;
  bridge.post({ type: 'cancelRun' });
  update(onCancelRequested(state));
}

/** The previous run, when it is shown. */
const previousRun = (): AutoencodersArtifact | undefined => (state.overlay ? state.previous : undefined);

function fillSelect(el: HTMLSelectElement, options: { value: string; text: string }[], selected: string): void {
  const same = el.options.length === options.length && options.every((o, i) => el.options[i].value === o.value);
  if (!same) el.replaceChildren(...options.map((o) => h('option', { attrs: { value: o.value }, text: o.text })));
  el.value = selected;
}

/** Keeps the selection on something the run has (the first dataset / activation / variant present otherwise). */
function reconcileSelection(view: AeView): void {
  const axes = aeAxes([...view.cells, ...(state.previous?.cells ?? [])]);
  const sel = { ...state.selection };
  if (!axes.datasets.includes(sel.dataset) && axes.datasets.length) sel.dataset = axes.datasets[0];
  if (!axes.activations.includes(sel.activation) && axes.activations.length) sel.activation = axes.activations[0];
  if (!axes.variants.includes(sel.variant) && axes.variants.length) sel.variant = axes.variants[0];
  if (
    sel.dataset !== state.selection.dataset ||
    sel.activation !== state.selection.activation ||
    sel.variant !== state.selection.variant
  ) {
    state = { ...state, selection: sel };
    bridge.setState(state);
  }
  const names = [...(view.datasets ?? []), ...(state.previous?.datasets ?? [])];
  fillSelect(
    datasetSelect.el,
    axes.datasets.map((d) => ({ value: d, text: names.find((x) => x.dataset === d)?.name ?? DATASET_LABELS[d] })),
    sel.dataset,
  );
  fillSelect(
    activationSelect.el,
    axes.activations.map((a) => ({ value: a, text: a === 'relu' ? 'ReLU' : 'linear' })),
    sel.activation,
  );
  fillSelect(
    variantSelect.el,
    axes.variants.map((v) => ({ value: v, text: v })),
    sel.variant,
  );
}

function render(): void {
  try {
    const view = currentView(state);
    const live = state.live;
    emptyState.hidden = view !== undefined || live !== undefined;
    viewer.hidden = !emptyState.hidden;
    if (viewer.hidden) return;
    renderProgress();
    const run = state.run && view === state.run ? state.run : undefined;
    title.textContent = run?.title ?? (isActive(live) ? 'Autoencoders · sweep running' : 'Autoencoders');
    subtitle.textContent = run
      ? runSubtitle(run)
      : view
        ? `${view.cells.length} cells so far · k ∈ {${view.ks.join(', ')}}`
        : 'The sweep has started.';
    setDisabled(csvButton, !view || view.cells.length === 0);
    overlayInput.checked = state.overlay;
    overlayInput.disabled = !state.previous;
    overlayControl.title = state.previous ? `Previous run: ${state.previous.title}` : 'No previous run yet';
    if (!view) {
      for (const chart of allCharts) chart.clear();
      gridBody.replaceChildren();
      return;
    }
    reconcileSelection(view);
    const o: AeShellOptions = { standalone: false };
    const prev = previousRun();
    const sel = state.selection;
    // The tables follow what is drawn: the cells so far, the selection, the previous run shown or not.
    const key = `${view.cells.length}|${view.cells.at(-1)?.seed}|${view.pca.length}|${sel.dataset}|${sel.activation}|${sel.variant}|${prev ? runKey(prev) : ''}`;
    lossChart.show(renderAeCurvesSvg(view.cells, sel, 'valLoss', { ...o, previous: prev?.cells }), key, () =>
      curvesTable(view, sel, 'valLoss'),
    );
    probeChart.show(renderAeCurvesSvg(view.cells, sel, 'probe', { ...o, previous: prev?.cells }), key, () =>
      curvesTable(view, sel, 'probe'),
    );
    // linear cells only: how the decoder's angle to PCA fell, epoch by epoch, until training stopped
    angleCurveCard.hidden = sel.activation !== 'linear' || aeCurves(view.cells, sel, 'angle').length === 0;
    if (!angleCurveCard.hidden)
      angleCurveChart.show(renderAeCurvesSvg(view.cells, sel, 'angle', { ...o, previous: prev?.cells }), key, () =>
        curvesTable(view, sel, 'angle'),
      );
    renderDigits(view, key);
    const { dataset } = sel;
    anglesChart.show(renderAeAnglesSvg(view, dataset, { ...o, previous: prev }), key, () => anglesTable(view, dataset));
    residualChart.show(renderAeResidualSvg(view, dataset, { ...o, previous: prev }), key, () =>
      residualTable(view, dataset),
    );
    screeChart.show(renderAeScreeSvg(view.spectra, dataset, view.ks, o), key, () => screeTable(view, dataset));
    screeCard().hidden = !view.spectra.some((s) => s.dataset === dataset);
    renderGrid(view);
    logDrawn(view);
  } catch (err) {
    showError(`The run could not be drawn: ${errorText(err)}`);
  }
}

let drawnKey: string | undefined;

/** One info line per finished run drawn (the extension's output channel; its host tests wait for it). */
function logDrawn(view: AeView): void {
  if (!state.run || view !== state.run) return;
  const key = runKey(state.run);
  if (key === drawnKey) return;
  drawnKey = key;
  bridge.post({
    type: 'log',
    level: 'info',
    message: `autoencoders: drew ${state.run.title} (${state.run.cells.length} cells)`,
  });
}

function runSubtitle(run: AutoencodersArtifact): string {
  const sets = run.datasets
    .map((d) => `${d.name}: ${d.epochs} epochs, ${d.repeats} repeat${d.repeats === 1 ? '' : 's'}`)
    .join(' · ');
  return `${run.cells.length} cells · k ∈ {${run.ks.join(', ')}} · ${sets} · ${formatDuration(run.wallMs)} on ${run.workers} worker${run.workers === 1 ? '' : 's'}${state.previous ? ` · previous run: ${state.previous.title}` : ''}`;
}

function renderProgress(): void {
  const live = state.live;
  progressCard.hidden = !live;
  if (!live) return;
  const now = Date.now();
  const p = aeProgress(live.arrivals, now);
  const total = p?.total ?? state.run?.cells.length ?? 0;
  const done = live.status === 'done' && state.run ? Math.max(p?.done ?? 0, total) : (p?.done ?? 0);
  const fraction = total > 0 ? Math.min(1, done / total) : live.status === 'done' ? 1 : 0;
  progressFill.style.width = `${(fraction * 100).toFixed(1)}%`;
  progressTrack.setAttribute('aria-valuenow', fraction.toFixed(3));
  progressTrack.setAttribute('aria-valuetext', `${done} of ${total || '?'} cells`);
  progressCard.classList.toggle('ended', live.status === 'cancelled' || live.status === 'done');
  progressCard.classList.toggle('failed', live.status === 'error');
  const count = total ? `${done} / ${total} cells` : 'waiting for the first cell';
  const status: Record<typeof live.status, string> = {
    running: count,
    cancelling: `${count} · cancelling…`,
    cancelled: `Cancelled at ${count}`,
    error: `${total ? `Stopped at ${count}` : 'The run failed before its first cell'}${live.message ? `: ${live.message}` : ''}`,
    done: `Done: ${count}`,
  };
  progressText.textContent = status[live.status];
  const elapsed = live.startedAt !== undefined && isActive(live) ? now - live.startedAt : p?.elapsedMs;
  const times = [
    elapsed !== undefined ? `elapsed ${formatDuration(elapsed)}` : '',
    isActive(live) && p?.etaMs !== undefined ? `ETA ${formatDuration(p.etaMs)}` : '',
  ].filter(Boolean);
  progressTimes.textContent = times.join(' · ');
  cancelButton.hidden = live.status !== 'running';
  const c = live.cells.at(-1);
  lastCell.textContent = c
    ? `Last finished: ${DATASET_LABELS[c.dataset]} · ${c.activation} · ${c.variant} · k = ${c.k} · repeat ${c.repeat + 1}: val loss ${formatNumber(c.finalValLoss, 4)}, probe ${formatPercent(c.probeAccuracy)} (${formatDuration(c.ms)})`
    : '';
}

function renderDigits(view: AeView, key: string): void {
  const { dataset, activation, variant } = state.selection;
  const ks = aeAxes(view.cells.filter((c) => c.dataset === dataset && c.activation === activation)).ks;
  const k =
    state.digits.k !== undefined && ks.includes(state.digits.k) ? state.digits.k : ks[Math.min(1, ks.length - 1)];
  rowsBySelect.el.value = state.digits.rowsBy;
  fillSelect(
    digitKSelect.el,
    ks.map((v) => ({ value: String(v), text: `k = ${v}` })),
    String(k),
  );
  digitKSelect.wrap.hidden = state.digits.rowsBy !== 'variant';
  const rowsBy = state.digits.rowsBy;
  digitsChart.show(
    renderAeDigitsSvg(view.cells, dataset, activation, { standalone: false, rowsBy, k, variant }),
    `${key}|${rowsBy}|${k}`,
    () => ({
      caption: 'The digits drawn, one row per row of the figure',
      columns: ['Row', 'Variant', 'k', 'Test digit labels', 'Final val loss'],
      rows: aeDigitRows(view.cells, dataset, activation, { rowsBy, k, variant }).map((r) => [
        r.label,
        r.cell.variant,
        String(r.cell.k),
        r.cell.digits?.labels.join(' ') ?? '–',
        cellNumber(r.cell.finalValLoss),
      ]),
    }),
  );
}

const cellNumber = (v: number | null | undefined, format: (v: number) => string = (x) => formatNumber(x, 4)): string =>
  typeof v === 'number' && Number.isFinite(v) ? format(v) : '–';

/** The curves as a table: one row per k and epoch (mean, min and max over the repeats). */
function curvesTable(view: AeView, sel: AeSelection, metric: AeCurveMetric): ChartTableData {
  const format =
    metric === 'probe'
      ? (v: number) => formatPercent(v)
      : metric === 'angle'
        ? (v: number) => `${formatNumber(v, 3)}°`
        : (v: number) => formatNumber(v, 4);
  return {
    caption: `${METRIC_LABELS[metric]} per epoch for ${DATASET_LABELS[sel.dataset]} · ${sel.activation} · ${sel.variant}, one row per k and epoch`,
    columns: ['k', 'Epoch', 'Mean', 'Min', 'Max', 'Repeats'],
    rows: aeCurves(view.cells, sel, metric).flatMap((c) =>
      c.band.mean.map((mean, e) => [
        String(c.k),
        String(e + 1),
        cellNumber(mean, format),
        cellNumber(c.band.min[e], format),
        cellNumber(c.band.max[e], format),
        String(c.band.n[e]),
      ]),
    ),
  };
}

function anglesTable(view: AeView, dataset: AeDataset): ChartTableData {
  const deg = (v: number) => `${formatNumber(v, 3)}°`;
  return {
    caption: `Principal angles to the PCA subspace · ${DATASET_LABELS[dataset]}, one row per k`,
    columns: ['k', 'Mean angle', 'Max angle'],
    rows: aePcaPoints(view, dataset).map((p) => [String(p.k), cellNumber(p.meanDeg, deg), cellNumber(p.maxDeg, deg)]),
  };
}

function residualTable(view: AeView, dataset: AeDataset): ChartTableData {
  return {
    caption: `Linear autoencoder loss and PCA residual · ${DATASET_LABELS[dataset]}, one row per k`,
    columns: ['k', 'Linear AE val loss', 'PCA residual', 'Closed form'],
    rows: aePcaPoints(view, dataset).map((p) => [
      String(p.k),
      cellNumber(p.aeLoss),
      cellNumber(p.pcaResidual),
      cellNumber(p.exactResidual),
    ]),
  };
}

/** The eigenvalues the scree plot draws: finite, positive, within six decades of the largest. */
function screeTable(view: AeView, dataset: AeDataset): ChartTableData {
  const eig = view.spectra.find((s) => s.dataset === dataset)?.eigenvalues ?? [];
  const top = Math.max(0, ...eig.filter(Number.isFinite));
  return {
    caption: `Covariance eigenvalues · ${DATASET_LABELS[dataset]}, largest first, one row per eigenvalue drawn`,
    columns: ['Index', 'Eigenvalue'],
    rows: eig.flatMap((v, i) =>
      Number.isFinite(v) && v > 0 && v > top * 1e-6 ? [[String(i + 1), formatNumber(v, 4)]] : [],
    ),
  };
}

const sortValue = (r: AeGridRow, key: SortKey): number | string => {
  switch (key) {
    case 'loss':
      return r.finalValLoss?.mean ?? NaN;
    case 'probe':
      return r.probeAccuracy?.mean ?? NaN;
    case 'fewLabel':
      return r.fewLabelAccuracy?.mean ?? NaN;
    case 'angle':
      return r.meanAngleDeg?.mean ?? NaN;
    default:
      return r[key];
  }
};

function compare(a: AeGridRow, b: AeGridRow, key: SortKey): number {
  const x = sortValue(a, key);
  const y = sortValue(b, key);
  if (typeof x === 'number' && typeof y === 'number') {
    // Missing values sort last either way.
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x - y;
  }
  return String(x).localeCompare(String(y));
}

function deltaSpan(
  now: Spread | undefined,
  before: Spread | undefined,
  lowerIsBetter: boolean,
  format: (v: number) => string,
): HTMLElement | undefined {
  if (!now || !before) return undefined;
  const d = now.mean - before.mean;
  const better = lowerIsBetter ? d < 0 : d > 0;
  return h('span', {
    class: `delta ${d === 0 ? '' : better ? 'better' : 'worse'}`,
    attrs: { title: `Previous run: ${format(before.mean)}` },
    text: `Δ ${d >= 0 ? '+' : '−'}${format(Math.abs(d))}`,
  });
}

function renderGrid(view: AeView): void {
  const { key, descending } = state.sort;
  const prevRows = previousRun() ? aeGridRows(previousRun()!.cells) : [];
  const base = aeGridRows(view.cells);
  const rows = base.slice().sort((a, b) => {
    const primary = compare(a, b, key);
    if (primary !== 0) return descending ? -primary : primary;
    return base.indexOf(a) - base.indexOf(b);
  });
  markSorted(gridHead, key, descending);
  const pct = (v: number) => `${(v * 100).toFixed(1)}`;
  const sel = state.selection;
  gridBody.replaceChildren(
    ...rows.map((r) => {
      const p = matchingRow(prevRows, r);
      const selected = r.dataset === sel.dataset && r.activation === sel.activation && r.variant === sel.variant;
      return h(
        'tr',
        {
          class: selected ? 'selected' : '',
          attrs: {
            'data-dataset': r.dataset,
            'data-activation': r.activation,
            'data-variant': r.variant,
            'data-k': String(r.k),
          },
        },
        h('td', { text: DATASET_LABELS[r.dataset] }),
        h('td', { text: r.activation }),
        h('td', { text: r.variant }),
        h('td', { class: 'num', text: String(r.k) }),
        h('td', { class: 'num', text: String(r.repeats) }),
        h(
          'td',
          { class: 'num loss', attrs: { 'data-value': String(r.finalValLoss?.mean ?? '') } },
          formatSpread(r.finalValLoss),
          deltaSpan(r.finalValLoss, p?.finalValLoss, true, (v) => formatNumber(v, 3)),
        ),
        h(
          'td',
          { class: 'num probe', attrs: { 'data-value': String(r.probeAccuracy?.mean ?? '') } },
          r.probeAccuracy ? `${formatSpread(r.probeAccuracy, pct)} %` : '–',
          deltaSpan(r.probeAccuracy, p?.probeAccuracy, false, (v) => `${pct(v)} pt`),
        ),
        h('td', {
          class: 'num few-label',
          text: r.fewLabelAccuracy ? `${formatSpread(r.fewLabelAccuracy, pct)} %` : '–',
        }),
        h('td', { class: 'num angle', text: r.meanAngleDeg ? `${formatNumber(r.meanAngleDeg.mean, 3)}°` : '–' }),
      );
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Export.

function figureSvg(figure: FigureId, palette: AeShellOptions['palette']): { svg: string; name: string } | undefined {
  const view = currentView(state);
  if (!view) return undefined;
  const o: AeShellOptions = { palette };
  const prev = previousRun();
  const { dataset, activation, variant } = state.selection;
  const sel = `${dataset}-${activation}-${variant}`;
  switch (figure) {
    case 'loss':
      return {
        svg: renderAeCurvesSvg(view.cells, state.selection, 'valLoss', { ...o, previous: prev?.cells }),
        name: `ae-loss-${sel}`,
      };
    case 'probe':
      return {
        svg: renderAeCurvesSvg(view.cells, state.selection, 'probe', { ...o, previous: prev?.cells }),
        name: `ae-probe-${sel}`,
      };
    case 'angle-curve':
      return {
        svg: renderAeCurvesSvg(view.cells, state.selection, 'angle', { ...o, previous: prev?.cells }),
        name: `ae-angle-curve-${sel}`,
      };
    case 'digits': {
      const ks = aeAxes(view.cells.filter((c) => c.dataset === dataset && c.activation === activation)).ks;
      const k =
        state.digits.k !== undefined && ks.includes(state.digits.k) ? state.digits.k : ks[Math.min(1, ks.length - 1)];
      return {
        svg: renderAeDigitsSvg(view.cells, dataset, activation, { ...o, rowsBy: state.digits.rowsBy, k, variant }),
        name: `ae-digits-${dataset}-${activation}`,
      };
    }
    case 'angles':
      return { svg: renderAeAnglesSvg(view, dataset, { ...o, previous: prev }), name: `ae-angles-${dataset}` };
    case 'residual':
      return { svg: renderAeResidualSvg(view, dataset, { ...o, previous: prev }), name: `ae-residual-${dataset}` };
    case 'scree':
      return { svg: renderAeScreeSvg(view.spectra, dataset, view.ks, o), name: `ae-scree-${dataset}` };
  }
}

async function exportFigure(figure: FigureId, format: 'svg' | 'png'): Promise<void> {
  try {
    const out = figureSvg(figure, currentLabPalette(lossHost));
    if (!out) return;
    const name = slug(out.name, 'ae-figure');
    if (format === 'svg') bridge.post({ type: 'exportSvg', svg: out.svg, suggestedName: `${name}.svg` });
    else
      bridge.post({
        type: 'exportFile',
        contentType: 'image/png',
        suggestedName: `${name}.png`,
        data: await svgToPngBase64(out.svg),
      });
  } catch (err) {
    showError(`The figure could not be exported: ${errorText(err)}`);
  }
}

function exportCsv(): void {
  const view = currentView(state);
  if (!view) return;
  postCsv(
    bridge,
    `ae-grid-${state.run && view === state.run ? state.run.title : 'partial'}`,
    aeGridCsv(view.cells, previousRun()?.cells),
    'ae-grid',
  );
}

// ---------------------------------------------------------------------------------------------
// Messages from the extension.

function accept(artifact: AeCellArtifact | AutoencodersArtifact): AePanelState {
  return artifact.kind === 'ae-cell' ? onCell(state, artifact, Date.now()) : onFinal(state, artifact);
}

function onMessage(message: ToWebview): void {
  switch (message.type) {
    case 'init': {
      const snapshot = initSnapshot(message, showError);
      if (snapshot && isRunPanelSnapshot(snapshot)) updateSoon(onSnapshot(state, snapshot, Date.now()));
      return;
    }
    case 'artifact': {
      const a = message.artifact;
      if (a.kind !== 'ae-cell' && a.kind !== 'autoencoders') return;
      const valid =
        a.kind === 'ae-cell' ? (isAeCellArtifact(a) ? a : undefined) : isAutoencodersArtifact(a) ? a : undefined;
      if (!valid) {
        bridge.post({ type: 'log', level: 'warn', message: 'The autoencoders panel ignored a malformed run.' });
        return;
      }
      showError(undefined);
      updateSoon(accept(valid));
      return;
    }
    case 'runStatus':
      if (message.problemId !== 'autoencoders') return;
      // the run's own progress: this panel counts its grid's cells instead
      if (message.state === 'running' && message.fraction !== undefined && isActive(state.live)) return;
      updateSoon(onRunStatus(state, message.state, Date.now(), message.message));
      return;
    default:
      return;
  }
}

bridge.onMessage(onMessage);

// Elapsed time and ETA move while a sweep runs.
setInterval(() => {
  if (isActive(state.live)) renderProgress();
}, 1000);

render();
sayReady(bridge);
