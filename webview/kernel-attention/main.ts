// The kernel attention panel (the homework Q3), drawn from a run (a `kernel-attention` artifact, and
// the judge's sweep of the lab's reference beside it, `kernel-reference-sweep`):
// eq. 3 against eq. 5 with the student's φ, φ's size, time and peak memory of both forms against N on
// log-log axes with fitted slopes, the measured crossover beside the FLOP model's, and the sweep as a
// sortable table. Figures export as SVG, the sweep as CSV.
import '../shared/lab.css';
import './kernel.css';
import { sayReady } from '../shared/handshake';
import type {
  KernelAttentionArtifact,
  KernelReferenceSweepArtifact,
  SweepPoint,
} from '../../src/core/problems/kernel-attention/artifact';
import {
  isKernelAttentionArtifact,
  isKernelReferenceSweepArtifact,
} from '../../src/core/problems/kernel-attention/artifactValidate';
import { LAB_RULES, formatNumber } from '../../src/core/viz/chartFigure';
import {
  formatCost,
  renderKernelCostSvg,
  slopeText,
  sweepSeries,
  type SweepCost,
} from '../../src/core/problems/kernel-attention/figures/kernelCharts';
import { kernelSweepCsv } from '../../src/core/problems/kernel-attention/figures/kernelCsv';
import { withReferenceSweep } from '../../src/core/problems/kernel-attention/figures/kernelReference';
import { panelBridge } from '../shared/vscodeApi';
import { adoptStyles, linkOwnStylesheet } from '../shared/stylesheet';
import { h } from '../shared/dom';
import { dataChart, type ChartTableData } from '../shared/chartData';
import { errorBannerElement, showBannerError, markSorted, sortableHead, type SortColumn } from '../shared/panelParts';
import { currentLabPalette } from '../shared/figureExport';
import { errorText, listenForRuns, postCsv } from '../shared/panelMessages';
import { runBanner } from '../shared/runBanner';
import { button } from '../ui';
import { SORT_KEYS, restoreState, runKey, type KernelPanelState, type SortKey } from './state';

linkOwnStylesheet(document.currentScript as HTMLScriptElement | null);
adoptStyles(LAB_RULES);

const bridge = panelBridge<KernelPanelState>();
let state: KernelPanelState = restoreState(bridge.getState());

// ---------------------------------------------------------------------------------------------
// Layout.

/** The problem's latest run: progress while it goes, why it failed. */
const banner = runBanner('kernel-attention');
const errorBanner = errorBannerElement();
errorBanner.hidden = true;

const emptyState = h(
  'div',
  { class: 'empty-state' },
  h('h2', { text: 'Run problem 3 to see kernelized attention' }),
  h('p', {
    text: 'Run q3_kernel_attention.ts from the editor (▶ Run above any of its TODOs, or “HW6 Lab: Run Problem…”). The equivalence of eq. 3 and eq. 5, φ’s size, and the time and memory sweep over N appear here.',
  }),
);

const title = h('h1', { class: 'title' });
const subtitle = h('p', { class: 'subtitle' });
const csvButton = button({
  label: 'Export CSV',
  title: 'Export the sweep (time and memory per call) as CSV',
  onClick: exportCsv,
});

const equivalenceTile = h('div', { class: 'tile equivalence', attrs: { 'aria-live': 'polite' } });
const featureTile = h('div', { class: 'tile feature-size' });
const crossoverBody = h('tbody');
const fitsBody = h('tbody');
const timeChart = dataChart('Time per call against N');
const memoryChart = dataChart('Peak tensor memory against N');
const sweepHead = h('tr');
const sweepBody = h('tbody');

const COLUMNS: SortColumn<SortKey>[] = [
  { key: 'implementation', label: 'Implementation', numeric: false },
  { key: 'form', label: 'Form', numeric: false },
  { key: 'D', label: 'D', numeric: true },
  { key: 'N', label: 'N', numeric: true },
  { key: 'ms', label: 'Time', numeric: true },
  { key: 'bytes', label: 'Peak memory', numeric: true },
];
sortableHead(sweepHead, COLUMNS, setSort);

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
    h(
      'section',
      { class: 'card wide summary-card', attrs: { 'aria-labelledby': 'checks-title' } },
      h('div', { class: 'card-head' }, h('h2', { id: 'checks-title', text: 'Checks' })),
      h('div', { class: 'summary' }, equivalenceTile, featureTile),
    ),
    figureCard(
      'time',
      'Time against N',
      'Median wall time per call on log-log axes: a slope is the exponent of N in the growth (the legend gives each fitted slope). Solid: your implementation; dashed: the reference. The vertical lines mark where the linear form starts to win, measured and by the FLOP model.',
      timeChart.element,
    ),
    figureCard(
      'memory',
      'Peak memory against N',
      'Peak tensor memory during a call, on log-log axes: compare the fitted slopes with your answers to 3c.',
      memoryChart.element,
    ),
    h(
      'section',
      { class: 'card crossovers', attrs: { 'aria-labelledby': 'crossover-title' } },
      h('div', { class: 'card-head' }, h('h2', { id: 'crossover-title', text: 'Crossover' })),
      h('p', {
        class: 'caption-text',
        text: 'The smallest swept N from which the linear form is faster, measured, beside where the FLOP counts of the two forms cross.',
      }),
      h(
        'table',
        { class: 'data crossover-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['D', 'Implementation', 'Measured N', 'FLOP model N'].map((t, i) =>
              h('th', { class: i === 0 || i >= 2 ? 'num' : '', attrs: { scope: 'col' }, text: t }),
            ),
          ),
        ),
        crossoverBody,
      ),
    ),
    h(
      'section',
      { class: 'card fits', attrs: { 'aria-labelledby': 'fits-title' } },
      h('div', { class: 'card-head' }, h('h2', { id: 'fits-title', text: 'Fitted growth exponents' })),
      h('p', {
        class: 'caption-text',
        text: 'Slope of log(cost) against log(N) over the fitted range: about 2 for softmax attention, 1 for the linear form.',
      }),
      h(
        'table',
        { class: 'data fits-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Implementation', 'Form', 'D', 'Time slope', 'Memory slope', 'N range'].map((t, i) =>
              h('th', { class: i >= 2 ? 'num' : '', attrs: { scope: 'col' }, text: t }),
            ),
          ),
        ),
        fitsBody,
      ),
    ),
    h(
      'section',
      { class: 'card wide sweep', attrs: { 'aria-labelledby': 'sweep-title' } },
      h('div', { class: 'card-head' }, h('h2', { id: 'sweep-title', text: 'The sweep' })),
      h('p', {
        class: 'caption-text',
        text: 'Every timed call (the data behind the plots). Click a column heading to sort.',
      }),
      h(
        'div',
        { class: 'sweep-table-wrap' },
        h('table', { class: 'data sweep-table' }, h('thead', {}, sweepHead), sweepBody),
      ),
    ),
  ),
);

document.body.append(h('main', { class: 'lab-panel kernel-panel' }, errorBanner, banner.element, emptyState, viewer));

function figureCard(cost: 'time' | 'memory', heading: string, caption: string, host: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: `card ${cost}`, attrs: { 'aria-labelledby': `${cost}-title` } },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: `${cost}-title`, text: heading }),
      h(
        'div',
        { class: 'exports' },
        button({
          label: 'SVG',
          title: `Export “${heading}” as SVG`,
          onClick: () => exportFigure(cost === 'time' ? 'ms' : 'bytes'),
        }),
      ),
    ),
    h('p', { class: 'caption-text', text: caption }),
    host,
  );
}

// ---------------------------------------------------------------------------------------------
// State and rendering.

function setSort(key: SortKey): void {
  const descending = state.sort.key === key ? !state.sort.descending : false;
  state = { ...state, sort: { key, descending } };
  bridge.setState(state);
  renderSweepTable();
}

function showError(message: string | undefined): void {
  showBannerError(errorBanner, message);
}

const badge = (ok: boolean, text: string) =>
  h('span', { class: `badge ${ok ? 'pass' : 'fail'}`, text: `${ok ? '✓' : '✗'} ${text}` });

let drawingFailed = false;

function render(): void {
  try {
    const run = state.run;
    emptyState.hidden = run !== undefined;
    viewer.hidden = run === undefined;
    if (!run) return;
    title.textContent = run.title;
    const Ds = [...new Set(run.sweep.map((p) => p.D))].sort((a, b) => a - b);
    const Ns = [...new Set(run.sweep.map((p) => p.N))].sort((a, b) => a - b);
    subtitle.textContent = run.sweep.length
      ? `N from ${Ns[0].toLocaleString('en-US')} to ${Ns[Ns.length - 1].toLocaleString('en-US')} · D ∈ {${Ds.join(', ')}} · M = D · ${run.sweep.length} timed calls`
      : 'No sweep in this run (checks only).';
    renderChecks(run);
    const key = runKey(run);
    timeChart.show(renderKernelCostSvg(run, 'ms', { standalone: false }), key, () => costTable(run, 'ms'));
    memoryChart.show(renderKernelCostSvg(run, 'bytes', { standalone: false }), key, () => costTable(run, 'bytes'));
    renderCrossovers(run);
    renderFits(run);
    renderSweepTable();
    if (drawingFailed) {
      drawingFailed = false;
      showError(undefined);
    }
  } catch (err) {
    drawingFailed = true;
    showError(`The run could not be drawn: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function renderChecks(run: KernelAttentionArtifact): void {
  const e = run.equivalence;
  equivalenceTile.replaceChildren(
    h('span', { class: 'caption-text', text: `eq. 3 against eq. 5 with your φ (N = ${e.N}, D = ${e.D}, M = ${e.M})` }),
    h('span', { class: 'big', text: `max |eq. 3 − eq. 5| = ${formatNumber(e.maxAbsDiff, 3)}` }),
    h(
      'span',
      {},
      badge(
        e.ok,
        e.ok ? `within tolerance ${formatNumber(e.tolerance, 2)}` : `exceeds tolerance ${formatNumber(e.tolerance, 2)}`,
      ),
    ),
  );
  const f = run.featureSize;
  const ok = f.accepted.includes(f.actual);
  featureTile.replaceChildren(
    h('span', { class: 'caption-text', text: `φ(x) for x ∈ R^${f.D}` }),
    h('span', { class: 'big', text: `${f.actual.toLocaleString('en-US')} entries` }),
    h(
      'span',
      {},
      badge(ok, ok ? 'an accepted size' : 'not an accepted size'),
      ` accepted: ${f.accepted.map((n) => n.toLocaleString('en-US')).join(' or ')} (the full and the compact φ)`,
    ),
  );
}

/** A cost figure's points as a table: one row per timed call, in the figure's series order. */
function costTable(run: KernelAttentionArtifact, cost: SweepCost): ChartTableData {
  return {
    caption: `${cost === 'ms' ? 'Median time per call' : 'Peak tensor memory'} against N, one row per point`,
    columns: ['N', 'Implementation', 'Form', 'D', cost === 'ms' ? 'Time' : 'Peak memory'],
    rows: sweepSeries(run, cost).flatMap((s) =>
      s.points.map((p) => [
        p.N.toLocaleString('en-US'),
        s.implementation,
        s.form,
        String(s.D),
        formatCost(cost, p[cost]),
      ]),
    ),
  };
}

function renderCrossovers(run: KernelAttentionArtifact): void {
  crossoverBody.replaceChildren(
    ...run.crossovers
      .slice()
      .sort((a, b) => a.D - b.D || a.implementation.localeCompare(b.implementation))
      .map((c) =>
        h(
          'tr',
          { attrs: { 'data-d': String(c.D), 'data-implementation': c.implementation } },
          h('th', { class: 'num', attrs: { scope: 'row' }, text: String(c.D) }),
          h('td', { text: c.implementation }),
          h('td', {
            class: 'num measured',
            text: c.measuredN === null ? 'not within the sweep' : c.measuredN.toLocaleString('en-US'),
          }),
          h('td', { class: 'num flop', text: Math.round(c.flopModelN).toLocaleString('en-US') }),
        ),
      ),
  );
}

function renderFits(run: KernelAttentionArtifact): void {
  const time = sweepSeries(run, 'ms');
  const memory = sweepSeries(run, 'bytes');
  fitsBody.replaceChildren(
    ...time.map((s) => {
      const m = memory.find((x) => x.implementation === s.implementation && x.form === s.form && x.D === s.D)?.fit;
      const range = s.fit ?? m;
      return h(
        'tr',
        { attrs: { 'data-implementation': s.implementation, 'data-form': s.form, 'data-d': String(s.D) } },
        h('td', { text: s.implementation }),
        h('td', { text: s.form }),
        h('td', { class: 'num', text: String(s.D) }),
        h('td', {
          class: 'num time-slope',
          text: slopeText(s.fit),
          ...(s.fit?.unmeasurable ? { attrs: { title: s.fit.unmeasurable } } : {}),
        }),
        h('td', { class: 'num memory-slope', text: slopeText(m) }),
        h('td', {
          class: 'num',
          text: range ? `${range.nFrom.toLocaleString('en-US')}–${range.nTo.toLocaleString('en-US')}` : '–',
        }),
      );
    }),
  );
}

function compare(a: SweepPoint, b: SweepPoint, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

function renderSweepTable(): void {
  const run = state.run;
  if (!run) return;
  const { key, descending } = state.sort;
  // Ties keep a stable, readable order: implementation, form, D, N.
  const rows = run.sweep.slice().sort((a, b) => {
    const primary = compare(a, b, key) * (descending ? -1 : 1);
    return primary || SORT_KEYS.reduce((acc, k) => acc || compare(a, b, k), 0);
  });
  markSorted(sweepHead, key, descending);
  sweepBody.replaceChildren(
    ...rows.map((p) =>
      h(
        'tr',
        { attrs: { 'data-n': String(p.N) } },
        h('td', { text: p.implementation }),
        h('td', { text: p.form }),
        h('td', { class: 'num', text: String(p.D) }),
        h('td', { class: 'num', text: p.N.toLocaleString('en-US') }),
        h('td', { class: 'num', text: formatCost('ms', p.ms) }),
        h('td', { class: 'num', text: formatCost('bytes', p.bytes) }),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Export.

function exportFigure(cost: SweepCost): void {
  if (!state.run) return;
  try {
    const svg = renderKernelCostSvg(state.run, cost, { palette: currentLabPalette(timeChart.host) });
    bridge.post({ type: 'exportSvg', svg, suggestedName: `kernel-attention-${cost === 'ms' ? 'time' : 'memory'}.svg` });
  } catch (err) {
    showError(`The figure could not be exported: ${errorText(err)}`);
  }
}

function exportCsv(): void {
  if (!state.run) return;
  postCsv(bridge, `kernel-sweep-${state.run.title}`, kernelSweepCsv(state.run));
}

// ---------------------------------------------------------------------------------------------
// Messages from the extension.

listenForRuns(bridge, {
  banner,
  kind: 'kernel-attention',
  name: 'The kernel attention panel',
  isRun: isKernelAttentionArtifact,
  runKey,
  currentRun: () => state.run,
  showRun(run) {
    state = { ...state, run };
    bridge.setState(state);
    render();
  },
  showError,
  additions: {
    // The judge's sweep of the lab's reference beside the run last sent (the extension sends it after
    // the run, which holds the student's sweep alone): drawn as the dashed reference series; the sort
    // and the rest of the view stay as they are.
    'kernel-reference-sweep': {
      isValid: isKernelReferenceSweepArtifact,
      fold(reference: KernelReferenceSweepArtifact) {
        if (!state.run) return;
        state = { ...state, run: withReferenceSweep(state.run, reference) };
        bridge.setState(state);
        render();
      },
    },
  },
});

render();
sayReady(bridge);
