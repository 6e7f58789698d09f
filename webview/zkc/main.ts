// The karate club panel (the homework Q1): the graph in a force layout, loss and accuracy curves,
// the 2-D embedding animated epoch by epoch, the final graph at the embedding's positions and the
// gradient check, for each mask mode. Figures export as SVG and PNG, the series as CSV.
import '../ui/slider.css';
import './zkc.css';
import { sayReady } from '../shared/handshake';
import type { MaskMode, ZkcGradCheckArtifact, ZkcRunArtifact, ZkcSeries } from '../../src/core/problems/zkc/artifact';
import { renderZkcEmbeddingSvg, renderZkcGraphSvg } from '../../src/core/problems/zkc/figures/zkcGraph';
import { renderZkcAccuracySvg, renderZkcLossSvg } from '../../src/core/problems/zkc/figures/zkcCurves';
import { forceLayout, type LayoutPoint } from '../../src/core/problems/zkc/figures/zkcLayout';
import { zkcSeriesCsv } from '../../src/core/problems/zkc/figures/zkcCsv';
import { ZKC_RULES, type ZkcPalette } from '../../src/core/problems/zkc/figures/zkcStyle';
import { isZkcGradCheckArtifact, isZkcRunArtifact } from '../../src/core/problems/zkc/artifactValidate';
import { panelBridge } from '../shared/vscodeApi';
import { adoptStyles, linkOwnStylesheet } from '../shared/stylesheet';
import { h } from '../shared/dom';
import { errorBannerElement, showBannerError } from '../shared/panelParts';
import { dataChart, type ChartTableData } from '../shared/chartData';
import { CLASS_NAMES } from '../../src/core/problems/zkc/figures/zkcGraph';
import { button } from '../ui';
import { MASK_MODES, restoreState, runKey, type ZkcPanelState } from './state';
import { slug, svgToPngBase64 } from '../shared/figureExport';
import { currentZkcPalette } from './palette';
import { errorText, listenForRuns, postCsv } from '../shared/panelMessages';
import { runBanner } from '../shared/runBanner';

linkOwnStylesheet(document.currentScript as HTMLScriptElement | null);
adoptStyles(ZKC_RULES);

const bridge = panelBridge<ZkcPanelState>();
let state: ZkcPanelState = restoreState(bridge.getState());
/** Graph layout per run (computed once: the force layout is deterministic but not free). */
let layoutFor: { run: ZkcRunArtifact; points: LayoutPoint[] } | undefined;

/** Frames per second of the animation. */
const FPS = 20;
const GRAPH_SIZE = { width: 560, height: 440 };

// ---------------------------------------------------------------------------------------------
// Layout (built once; render() fills it in).

/** The problem's latest run: progress while it goes, why it failed. */
const banner = runBanner('zkc');
const errorBanner = errorBannerElement();
errorBanner.hidden = true;

const emptyState = h(
  'div',
  { class: 'empty-state' },
  emptyIcon(),
  h('h2', { text: 'Run problem 1 to see the karate club' }),
  h('p', {
    text: 'Run q1_zkc.ts from the editor (▶ Run above any of its TODOs, or “HW6 Lab: Run Problem…”). The graph, the training curves, the embedding animation and the gradient check appear here.',
  }),
);

const title = h('h1', { class: 'title' });
const subtitle = h('p', { class: 'subtitle' });
const modeGroup = h('div', { class: 'mode-toggle', attrs: { role: 'radiogroup', 'aria-label': 'Mask mode' } });
const modeButtons = MASK_MODES.map((mode) => {
  const b = h(
    'button',
    { class: 'mode', attrs: { type: 'button', role: 'radio', 'data-mode': mode, 'aria-checked': 'false' } },
    h('span', { class: 'mode-name', text: modeLabel(mode) }),
    h('span', { class: 'mode-note' }),
  );
  b.addEventListener('click', () => setMode(mode));
  modeGroup.append(b);
  return b;
});
modeGroup.addEventListener('keydown', (e) => {
  if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
  e.preventDefault();
  const enabled = modeButtons.filter((b) => !b.disabled);
  const i = enabled.findIndex((b) => b.dataset.mode === state.mode);
  const next = enabled[(i + (e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? enabled.length - 1 : 1)) % enabled.length];
  if (next) {
    setMode(next.dataset.mode as MaskMode);
    next.focus();
  }
});
const csvButton = button({
  label: 'Export CSV',
  title: 'Export the loss and accuracy series of both mask modes as CSV',
  onClick: exportCsv,
});

const graphChart = dataChart('Karate club graph');
const lossChart = dataChart('Loss curves');
const accuracyChart = dataChart('Test accuracy');
const embeddingChart = dataChart('Embedding animation');
const finalChart = dataChart('Final graph at the embedding positions');
const graphHost = graphChart.host;

const playButton = h('button', {
  class: 'play',
  attrs: { type: 'button', 'aria-label': 'Play the embedding animation', title: 'Play / pause (Space)' },
});
playButton.addEventListener('click', () => togglePlay());
const scrubber = h('input', {
  id: 'epoch-scrubber',
  attrs: { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': 'Embedding epoch' },
});
scrubber.addEventListener('input', () => {
  stopPlaying();
  setFrame(Number(scrubber.value));
});
const epochValue = h('output', { class: 'epoch-value', attrs: { for: 'epoch-scrubber', 'aria-live': 'off' } });

const gradBody = h('tbody');
const gradSummary = h('p', { class: 'caption-text' });

const viewer = h(
  'div',
  { class: 'viewer' },
  h(
    'header',
    { class: 'header' },
    h('div', { class: 'heading-block' }, title, subtitle),
    h('div', { class: 'header-actions' }, modeGroup, csvButton),
  ),
  h(
    'div',
    { class: 'grid' },
    card(
      'graph',
      'The club',
      'Fill: training class from greedy modularity. Ring: the club each member joined. Nodes 8 and 9 sit in one club but train as the other class.',
      graphChart.element,
      'graph',
    ),
    card(
      'embedding',
      'Embedding, epoch by epoch',
      'The second GCN layer’s 2-D output for every member, as training moves it.',
      embeddingChart.element,
      'embedding',
      h('div', { class: 'player' }, playButton, scrubber, epochValue),
    ),
    card(
      'curves',
      'Training',
      'Mean cross-entropy on the training and test nodes (log scale), and test accuracy. The dashed line follows the animation.',
      h('div', { class: 'stack' }, lossChart.element, accuracyChart.element),
      'curves',
    ),
    card(
      'final',
      'Final graph at the embedding',
      'The graph drawn where training left each member; a dashed ring marks a wrong prediction.',
      finalChart.element,
      'final',
    ),
    h(
      'section',
      { class: 'card grad', attrs: { 'aria-labelledby': 'grad-title' } },
      h('div', { class: 'card-head' }, h('h2', { id: 'grad-title', text: 'Gradient check' })),
      gradSummary,
      h(
        'table',
        { class: 'grad-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Parameter', 'Relative error', 'Tolerance', 'Result'].map((t) =>
              h('th', { attrs: { scope: 'col' }, text: t }),
            ),
          ),
        ),
        gradBody,
      ),
    ),
  ),
);

document.body.append(h('main', { class: 'zkc-panel' }, errorBanner, banner.element, emptyState, viewer));

type FigureId = 'graph' | 'embedding' | 'curves' | 'final';

function card(
  id: FigureId,
  heading: string,
  caption: string,
  body: HTMLElement,
  figure: FigureId,
  footer?: HTMLElement,
): HTMLElement {
  const headingId = `${id}-title`;
  return h(
    'section',
    { class: `card ${id}`, attrs: { 'aria-labelledby': headingId } },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: headingId, text: heading }),
      h(
        'div',
        { class: 'exports' },
        button({ label: 'SVG', title: `Export “${heading}” as SVG`, onClick: () => void exportFigure(figure, 'svg') }),
        button({ label: 'PNG', title: `Export “${heading}” as PNG`, onClick: () => void exportFigure(figure, 'png') }),
      ),
    ),
    h('p', { class: 'caption-text', text: caption }),
    body,
    footer,
  );
}

function emptyIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'empty-icon');
  svg.setAttribute('viewBox', '0 0 72 54');
  svg.setAttribute('aria-hidden', 'true');
  const pts = [
    [12, 14],
    [30, 8],
    [20, 34],
    [40, 28],
    [56, 14],
    [60, 40],
    [36, 46],
  ];
  for (const [a, b] of [
    [0, 1],
    [0, 2],
    [1, 3],
    [2, 3],
    [3, 4],
    [3, 5],
    [4, 5],
    [2, 6],
    [5, 6],
  ]) {
    const l = document.createElementNS(ns, 'line');
    l.setAttribute('x1', String(pts[a][0]));
    l.setAttribute('y1', String(pts[a][1]));
    l.setAttribute('x2', String(pts[b][0]));
    l.setAttribute('y2', String(pts[b][1]));
    l.setAttribute('class', 'empty-edge');
    svg.append(l);
  }
  pts.forEach(([x, y], i) => {
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', String(x));
    c.setAttribute('cy', String(y));
    c.setAttribute('r', '5');
    c.setAttribute('class', i < 3 ? 'empty-node a' : 'empty-node b');
    svg.append(c);
  });
  return svg;
}

function modeLabel(mode: MaskMode): string {
  return mode === 'all-nodes' ? 'All nodes' : 'Train only';
}

// ---------------------------------------------------------------------------------------------
// State.

function update(patch: Partial<ZkcPanelState>): void {
  state = { ...state, ...patch };
  bridge.setState(state);
  render();
}

const currentSeries = (): ZkcSeries | undefined =>
  state.run?.series.find((s) => s.maskMode === state.mode) ?? state.run?.series[0];

function frameOf(series: ZkcSeries): number {
  const last = series.embeddings.length - 1;
  const f = state.frames[series.maskMode];
  return f === undefined ? last : Math.min(Math.max(0, f), last);
}

function setMode(mode: MaskMode): void {
  if (!state.run?.series.some((s) => s.maskMode === mode) || mode === state.mode) return;
  stopPlaying();
  update({ mode });
}

function setFrame(frame: number): void {
  const series = currentSeries();
  if (!series) return;
  state = {
    ...state,
    frames: {
      ...state.frames,
      [series.maskMode]: Math.min(Math.max(0, Math.round(frame)), series.embeddings.length - 1),
    },
  };
  bridge.setState(state);
  renderFrame();
}

// ---------------------------------------------------------------------------------------------
// Animation: requestAnimationFrame, one frame per 1/FPS s; stops at the last frame.

let playing = false;
let rafId = 0;
let lastTick = 0;

function togglePlay(): void {
  if (playing) stopPlaying();
  else startPlaying();
}

function startPlaying(): void {
  const series = currentSeries();
  if (!series || series.embeddings.length < 2) return;
  // From the end, play starts over.
  if (frameOf(series) >= series.embeddings.length - 1) setFrame(0);
  playing = true;
  lastTick = performance.now();
  updatePlayButton();
  const tick = (now: number) => {
    if (!playing) return;
    if (now - lastTick >= 1000 / FPS) {
      lastTick = now;
      const s = currentSeries();
      if (!s) return stopPlaying();
      const next = frameOf(s) + 1;
      setFrame(next);
      if (next >= s.embeddings.length - 1) return stopPlaying();
    }
    rafId = requestAnimationFrame(tick);
  };
  rafId = requestAnimationFrame(tick);
}

function stopPlaying(): void {
  if (!playing) return;
  playing = false;
  cancelAnimationFrame(rafId);
  updatePlayButton();
}

function updatePlayButton(): void {
  playButton.textContent = playing ? '❚❚' : '▶';
  playButton.classList.toggle('playing', playing);
  playButton.setAttribute('aria-label', playing ? 'Pause the embedding animation' : 'Play the embedding animation');
  playButton.setAttribute('aria-pressed', String(playing));
}

// Space plays or pauses, [ and ] step a frame, unless a control that uses those keys has focus.
document.addEventListener('keydown', (e) => {
  const series = currentSeries();
  if (!series || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as Element;
  if (e.key === ' ' && !target.closest('button, vscode-button, input, [role="radio"]')) {
    e.preventDefault();
    togglePlay();
  } else if ((e.key === '[' || e.key === ']') && !target.closest('input[type="text"], vscode-text-field')) {
    stopPlaying();
    setFrame(frameOf(series) + (e.key === ']' ? 1 : -1));
  }
});

// ---------------------------------------------------------------------------------------------
// Rendering.

function showError(message: string | undefined): void {
  showBannerError(errorBanner, message);
}

let drawingFailed = false;

function graphPositions(run: ZkcRunArtifact): LayoutPoint[] {
  // By graph: the run completed with its gradient check is a new object with the same graph.
  if (layoutFor?.run.graph !== run.graph)
    layoutFor = {
      run,
      points: forceLayout(run.graph.nodeCount, run.graph.edges, {
        width: GRAPH_SIZE.width,
        height: GRAPH_SIZE.height - 26,
        margin: 26,
      }),
    };
  return layoutFor.points;
}

function render(): void {
  try {
    const run = state.run;
    emptyState.hidden = run !== undefined;
    viewer.hidden = run === undefined;
    if (!run) return stopPlaying();
    const series = currentSeries()!;
    if (series.maskMode !== state.mode) state = { ...state, mode: series.maskMode };
    title.textContent = run.title;
    const g = run.graph;
    subtitle.textContent = `${g.nodeCount} members · ${g.edges.length} friendships · ${g.communities.length} modularity communities (Q = ${g.modularity.toFixed(4)}) · ${g.testNodes.length} test nodes`;
    for (const b of modeButtons) {
      const s = run.series.find((x) => x.maskMode === b.dataset.mode);
      const on = s === series;
      b.disabled = !s;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on ? 0 : -1;
      b.querySelector('.mode-note')!.textContent = s
        ? `${lastEpoch(s).toLocaleString('en-US')} epochs · ${percent(s.testAccuracy.at(-1))}`
        : 'not run';
      b.title = s
        ? `${modeLabel(s.maskMode)}: ${s.stopReason === 'early-stopping' ? 'stopped early' : 'ran to the epoch limit'} at epoch ${lastEpoch(s).toLocaleString('en-US')}`
        : 'This run has no such series';
    }
    graphChart.show(
      renderZkcGraphSvg(g, { standalone: false, positions: graphPositions(run), ...GRAPH_SIZE }),
      runKey(run),
      () => graphTable(run),
    );
    const last = series.embeddings.length - 1;
    finalChart.show(
      renderZkcEmbeddingSvg(g, series.embeddings[last], {
        standalone: false,
        epoch: series.embeddingEpochs[last],
        predictions: series.predictions,
        title: 'Final embedding',
      }),
      `${runKey(run)}|${series.maskMode}`,
      () => embeddingTable(run, series, last, true),
    );
    scrubber.max = String(series.embeddings.length - 1);
    renderFrame();
    renderGradCheck(run);
    if (drawingFailed) {
      drawingFailed = false;
      showError(undefined);
    }
  } catch (err) {
    drawingFailed = true;
    showError(`The karate club could not be drawn: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The parts that follow the animation: the embedding frame, the scrubber, the curves' cursor. */
function renderFrame(): void {
  const series = currentSeries();
  if (!state.run || !series) return;
  const f = frameOf(series);
  const epoch = series.embeddingEpochs[f];
  const run = state.run;
  const seriesKey = `${runKey(run)}|${series.maskMode}`;
  embeddingChart.show(
    renderZkcEmbeddingSvg(run.graph, series.embeddings[f], {
      standalone: false,
      epoch,
      title: modeLabel(series.maskMode),
    }),
    `${seriesKey}|${f}`,
    () => embeddingTable(run, series, f, false),
  );
  lossChart.show(renderZkcLossSvg(series, { standalone: false, cursorEpoch: epoch }), seriesKey, () => ({
    caption: `Loss per epoch (${modeLabel(series.maskMode).toLowerCase()}), one row per epoch`,
    columns: ['Epoch', 'Train loss', 'Test loss'],
    rows: series.epochs.map((e, i) => [String(e), tableNumber(series.trainLoss[i]), tableNumber(series.testLoss[i])]),
  }));
  accuracyChart.show(renderZkcAccuracySvg(series, { standalone: false, cursorEpoch: epoch }), seriesKey, () => ({
    caption: `Test accuracy per epoch (${modeLabel(series.maskMode).toLowerCase()}), one row per epoch`,
    columns: ['Epoch', 'Test accuracy'],
    rows: series.epochs.map((e, i) => [String(e), tableNumber(series.testAccuracy[i])]),
  }));
  scrubber.value = String(f);
  scrubber.setAttribute('aria-valuetext', `epoch ${epoch} of ${lastEpoch(series)}`);
  epochValue.textContent = `epoch ${epoch.toLocaleString('en-US')} / ${lastEpoch(series).toLocaleString('en-US')}`;
  updatePlayButton();
}

/** The judge's rows arrive after the run (`zkc-gradcheck`); until then, or when networkPass could not be compared, the table is empty. */
function renderGradCheck(run: ZkcRunArtifact): void {
  const failed = run.gradCheck.filter((r) => !r.ok).length;
  gradSummary.textContent =
    run.gradCheck.length === 0
      ? 'The gradient check compares your backward with the float64 ground truth; its results are the checks q1.gcn-backward and q1.network (Problems panel, and the decorations at their TODOs).'
      : failed === 0
        ? `All ${run.gradCheck.length} comparisons pass: your backward agrees with the float64 ground truth, and float64 central differences (ε = 10⁻⁴) agree with it.`
        : `${failed} of ${run.gradCheck.length} comparisons fail: check the backward pass (q1.gcn-backward, q1.network).`;
  gradBody.replaceChildren(
    ...run.gradCheck.map((r) =>
      h(
        'tr',
        { class: r.ok ? 'ok' : 'fail' },
        h('th', { attrs: { scope: 'row' }, class: 'mono', text: r.parameter }),
        // NaN or ±∞ (a backward gone wrong) arrives as null through JSON.
        h('td', {
          class: 'num',
          text: typeof r.relativeError === 'number' ? r.relativeError.toExponential(2) : 'not finite',
        }),
        h('td', { class: 'num', text: `< ${r.tolerance.toExponential(0)}` }),
        h(
          'td',
          { class: 'result' },
          h('span', { class: `badge ${r.ok ? 'pass' : 'fail'}`, text: r.ok ? '✓ pass' : '✗ fail' }),
        ),
      ),
    ),
  );
}

/** The graph as a table: one row per member. */
function graphTable(run: ZkcRunArtifact): ChartTableData {
  const g = run.graph;
  const degree = new Array<number>(g.nodeCount).fill(0);
  for (const [u, v] of g.edges) {
    degree[u]++;
    degree[v]++;
  }
  return {
    caption: 'The club’s members, one row per node',
    columns: ['Member', 'Training class', 'Club joined', 'Friends', 'Test node'],
    rows: Array.from({ length: g.nodeCount }, (_, i) => [
      String(i),
      CLASS_NAMES[g.labels[i]] ?? String(g.labels[i]),
      g.clubs[i],
      String(degree[i]),
      g.testNodes.includes(i) ? 'yes' : 'no',
    ]),
  };
}

/** An embedding frame as a table: one row per member, at the frame's 2-D position. */
function embeddingTable(run: ZkcRunArtifact, series: ZkcSeries, frame: number, final: boolean): ChartTableData {
  const g = run.graph;
  const xy = series.embeddings[frame];
  const predicted = (i: number) => CLASS_NAMES[series.predictions[i]] ?? String(series.predictions[i]);
  return {
    caption: `${final ? 'Final embedding' : 'Embedding'} at epoch ${series.embeddingEpochs[frame].toLocaleString('en-US')} (${modeLabel(series.maskMode).toLowerCase()}), one row per node`,
    columns: ['Member', 'x', 'y', 'Training class', ...(final ? ['Predicted', 'Correct'] : [])],
    rows: Array.from({ length: g.nodeCount }, (_, i) => [
      String(i),
      tableNumber(xy[2 * i]),
      tableNumber(xy[2 * i + 1]),
      CLASS_NAMES[g.labels[i]] ?? String(g.labels[i]),
      ...(final ? [predicted(i), series.predictions[i] === g.labels[i] ? 'yes' : 'no'] : []),
    ]),
  };
}

const tableNumber = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '–' : String(Number(v.toPrecision(4)));

const lastEpoch = (s: ZkcSeries): number => s.epochs.at(-1) ?? 0;
const percent = (v: number | undefined): string => (v === undefined ? '–' : `${Math.round(v * 100)} % test accuracy`);

// ---------------------------------------------------------------------------------------------
// Export.

function figureSvg(figure: FigureId, palette: ZkcPalette): string[] {
  const run = state.run!;
  const series = currentSeries()!;
  const f = frameOf(series);
  switch (figure) {
    case 'graph':
      return [renderZkcGraphSvg(run.graph, { palette, positions: graphPositions(run), ...GRAPH_SIZE })];
    case 'embedding':
      return [
        renderZkcEmbeddingSvg(run.graph, series.embeddings[f], {
          palette,
          epoch: series.embeddingEpochs[f],
          title: modeLabel(series.maskMode),
        }),
      ];
    case 'final':
      return [
        renderZkcEmbeddingSvg(run.graph, series.embeddings.at(-1)!, {
          palette,
          epoch: series.embeddingEpochs.at(-1),
          predictions: series.predictions,
          title: 'Final embedding',
        }),
      ];
    case 'curves':
      return [renderZkcLossSvg(series, { palette }), renderZkcAccuracySvg(series, { palette })];
  }
}

async function exportFigure(figure: FigureId, format: 'svg' | 'png'): Promise<void> {
  if (!state.run) return;
  try {
    const palette = currentZkcPalette(graphHost);
    const svgs = figureSvg(figure, palette);
    const base = `zkc-${figure}${figure === 'graph' ? '' : `-${state.mode}`}`;
    for (const [i, svg] of svgs.entries()) {
      const name = svgs.length > 1 ? `${base}-${i === 0 ? 'loss' : 'accuracy'}` : base;
      if (format === 'svg') bridge.post({ type: 'exportSvg', svg, suggestedName: `${slug(name, 'zkc')}.svg` });
      else
        bridge.post({
          type: 'exportFile',
          suggestedName: `${slug(name, 'zkc')}.png`,
          contentType: 'image/png',
          data: await svgToPngBase64(svg),
        });
    }
  } catch (err) {
    showError(`The figure could not be exported: ${errorText(err)}`);
  }
}

function exportCsv(): void {
  if (!state.run) return;
  postCsv(bridge, `zkc-series-${state.run.title}`, zkcSeriesCsv(state.run), 'zkc');
}

// ---------------------------------------------------------------------------------------------
// Messages from the extension.

/** The run with its gradient check: a snapshot whose run the judge completed is taken over the same run restored without it. */
const snapshotKey = (run: ZkcRunArtifact): string =>
  `${runKey(run)}|${run.gradCheck.map((r) => `${r.parameter}:${r.relativeError}:${r.ok}`).join(',')}`;

/** `run` is the run shown, completed with the judge's gradient check (the extension's snapshot after a reload). */
const completes = (run: ZkcRunArtifact): boolean =>
  state.run !== undefined &&
  state.run.gradCheck.length === 0 &&
  run.gradCheck.length > 0 &&
  runKey(state.run) === runKey(run);

listenForRuns(bridge, {
  banner,
  kind: 'zkc-run',
  name: 'The karate club panel',
  isRun: isZkcRunArtifact,
  runKey: snapshotKey,
  currentRun: () => state.run,
  showRun(run) {
    // The same run with its gradient check: the view stays where it is.
    if (completes(run)) return update({ run });
    stopPlaying();
    layoutFor = undefined;
    const mode = run.series.some((s) => s.maskMode === state.mode) ? state.mode : run.series[0].maskMode;
    // A new run starts at its last frame (the trained embedding); play replays it.
    update({ run, mode, frames: {} });
  },
  showError,
  additions: {
    // The judge's gradient check of the run last sent (the extension sends it after the run): it
    // fills the table; the rest of the view stays as it is.
    'zkc-gradcheck': {
      isValid: isZkcGradCheckArtifact,
      fold({ rows }: ZkcGradCheckArtifact) {
        if (!state.run) return;
        const run = { ...state.run, gradCheck: rows };
        state = { ...state, run };
        bridge.setState(state);
        renderGradCheck(run);
      },
    },
  },
});

render();
sayReady(bridge);
