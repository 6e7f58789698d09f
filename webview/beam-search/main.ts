// The beam tree side panel (the homework Q5): every hypothesis a beam search expanded, per step,
// with the greedy and exhaustive best paths; keyboard navigable, theme-aware, and able to run the
// reference search itself ("Run here") with the engine inside the panel.
import '../ui/slider.css';
import './beam.css';
import { isRunPanelSnapshot, type ToWebview } from '../../src/core/protocol';
import { initSnapshot, sayReady } from '../shared/handshake';
import type { RunEvent } from '../../src/core/engine/events';
import { traceKey, type BeamTrace } from '../../src/core/problems/beam-search/trace';
import { renderBeamTreeModelSvg } from '../../src/core/problems/beam-search/figures/beamTree';
import {
  beamAt,
  buildBeamTree,
  formatScore,
  type BeamTreeModel,
} from '../../src/core/problems/beam-search/figures/beamTreeModel';
import { NAV_KEYS, navigateBeamTree, type NavKey } from '../../src/core/problems/beam-search/figures/beamTreeNav';
import { panelBridge } from '../shared/vscodeApi';
import { adoptStyles, linkOwnStylesheet } from '../shared/stylesheet';
import { BEAM_TREE_RULES } from '../../src/core/problems/beam-search/figures/beamTreeStyle';
import { h } from '../shared/dom';
import { errorBannerElement, showBannerError } from '../shared/panelParts';
import { RunHost } from '../shared/runHost';
import { button, checkbox, dropdown, progressRing, setDisabled, textField } from '../ui';
import { renderDetails, statusText } from './details';
import { dataTable } from '../shared/chartData';
import {
  PRUNED_PER_PARENT_CHOICES,
  isDrawableTrace,
  prunedPerParentFor,
  restoreState,
  pairRuns,
  upsertTrace,
  type BeamPanelState,
} from './state';
import { defaultConfig } from '../../src/core/problems/beam-search/config';
import { runBanner } from '../shared/runBanner';
import { treeNote } from './freshness';
import { BEAM_TREE_THEME } from './treeTheme';
import { flavour } from '../../src/core/flavour';

const ownScript = document.currentScript as HTMLScriptElement | null;
linkOwnStylesheet(ownScript);
// The tree's rules and its theme colours are applied now, before the first drawing: the linked
// stylesheet may arrive seconds later, and an SVG fill whose variable is not defined yet is black.
adoptStyles(BEAM_TREE_RULES + BEAM_TREE_THEME);

const bridge = panelBridge<BeamPanelState>();
let state: BeamPanelState = restoreState(bridge.getState());
let model: BeamTreeModel | undefined;
/** What `model` was built from: rebuilt only when the trace or the folding changes. */
let modelKey: { trace: BeamTrace; pruned: number } | undefined;
/** What the tree host was last scrolled to show, so redraws keep the user's scroll otherwise. */
let revealedFor = '';
/** True while the banner shows a drawing failure (cleared by the next good drawing). */
let drawingFailed = false;

const runHost = new RunHost({
  wasmPath: document.body.dataset.wasmPath ?? './wasm/',
  mediaPath: document.body.dataset.mediaPath,
  // An infinite loop in student code can only be stopped by its deadline (the panel's thread is busy).
  timeLimitMs:
    Number(document.body.dataset.runTimeLimitMs) > 0 ? Number(document.body.dataset.runTimeLimitMs) : undefined,
  backendSetting: document.body.dataset.tfjsBackend === 'wasm' ? 'wasm' : 'auto',
});
let localRunId: string | undefined;
let localRunCounter = 0;
/** "Run here" asked the host to confirm (its Figure 2 beams are the answers to 5a–5c) and waits for `referenceShown`. */
let runHereAwaitsConfirmation = false;

// ---------------------------------------------------------------------------------------------
// Layout (built once; render() fills it in).

const traceSelect = dropdown({ ariaLabel: 'Beam trace', onChange: (i) => selectTrace(i, true) });
const exportButton = button({ label: 'Export SVG', title: 'Export the tree as an SVG file', onClick: exportSvg });
const greedyToggle = checkbox({
  label: 'Greedy path',
  checked: state.showGreedy,
  onChange: (v) => update({ showGreedy: v }),
});
const exhaustiveToggle = checkbox({
  label: 'Exhaustive best',
  checked: state.showExhaustive,
  onChange: (v) => update({ showExhaustive: v }),
});
const fitToggle = checkbox({
  label: 'Fit width',
  checked: state.fit,
  onChange: (v) => update({ fit: v }),
});
const prunedSelect = dropdown({
  ariaLabel: 'Pruned candidates drawn per parent',
  onChange: (i) => update({ prunedPerParent: PRUNED_PER_PARENT_CHOICES[i] }),
});
const prunedControl = h(
  'label',
  { class: 'pruned-control' },
  h('span', { text: 'Pruned per parent' }),
  prunedSelect.element,
);

const slider = h('input', {
  id: 'step-slider',
  attrs: { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': 'Step' },
});
const stepValue = h('output', { class: 'step-value', attrs: { for: 'step-slider', 'aria-live': 'polite' } });
slider.addEventListener('input', () => setStep(Number(slider.value)));

const sourceLine = h('p', { class: 'source' });
const keptTitle = h('h2', { class: 'section-title', id: 'kept-title' });
const keptList = h('ol', { class: 'kept-list', attrs: { 'aria-labelledby': 'kept-title' } });
const treeHost = h('div', {
  class: 'tree-host',
  attrs: { role: 'region', 'aria-label': 'Beam tree (arrow keys move between hypotheses)' },
});
const treeTable = dataTable('Beam tree');
const details = h('section', {
  class: 'details',
  attrs: { tabindex: '-1', 'aria-live': 'polite', 'aria-label': 'Focused hypothesis' },
});
const errorBanner = errorBannerElement();
errorBanner.hidden = true;
/** Problem 5's latest run (progress, failure) and what the shown tree is when not simply its drawing. */
const banner = runBanner('beam-search');
const treeNoteLine = h('p', { class: 'tree-note', attrs: { role: 'status' } });
treeNoteLine.hidden = true;

const kField = textField({
  label: 'k',
  value: String(state.run.k),
  size: 3,
  inputMode: 'numeric',
  onChange: () => saveRunSettings(),
});
const tField = textField({
  label: 'T',
  value: String(state.run.T),
  size: 3,
  inputMode: 'numeric',
  onChange: () => saveRunSettings(),
});
const promptField = textField({
  label: 'Prompt',
  value: state.run.prompt,
  size: 14,
  onChange: () => saveRunSettings(),
});
promptField.element.classList.add('wide');
const runButton = button({
  label: 'Run here',
  appearance: 'primary',
  title: 'Run the reference beam search in this panel (asks first: on Figure 2 it shows the answers to 5a–5c)',
  onClick: runHere,
});
const cancelButton = button({
  label: 'Cancel',
  title: 'Cancel the run',
  onClick: () => localRunId && runHost.cancel(localRunId),
});
cancelButton.hidden = true;
const ring = progressRing('Running');
ring.hidden = true;
const runStatus = h('p', { class: 'run-status', attrs: { role: 'status', 'aria-live': 'polite' } });

const emptyState = h(
  'div',
  { class: 'empty-state' },
  emptyIcon(),
  h('h2', { text: 'Run problem 5 to see its beam tree' }),
  h('p', { text: 'Run q5_beam_search.ts from the editor to see your own search here.' }),
  h('p', {
    class: 'hint',
    text: "The lab's reference tree of Figure 2 shows the answers to 5a–5c: it is one click away, once you have tried.",
  }),
  button({
    label: 'Show the reference tree…',
    title: 'Shows the answers to 5a–5c (asks first)',
    onClick: () => bridge.post({ type: 'showReference' }),
  }),
);

const viewer = h(
  'div',
  { class: 'viewer' },
  h('div', { class: 'toolbar' }, h('div', { class: 'trace-select' }, traceSelect.element), exportButton),
  sourceLine,
  h('div', { class: 'step-row' }, h('label', { attrs: { for: 'step-slider' }, text: 'Step' }), slider, stepValue),
  h('div', { class: 'toggles' }, greedyToggle.element, exhaustiveToggle.element, fitToggle.element, prunedControl),
  h('section', { class: 'kept' }, keptTitle, keptList),
  treeNoteLine,
  treeHost,
  treeTable.element,
  details,
);

const runSection = h(
  'details',
  { class: 'run-here' },
  h('summary', { text: 'Run the reference here' }),
  // the student build ships no reference solution to run (esbuild.mjs): it says so instead
  ...(flavour === 'staff'
    ? [
        h('p', {
          class: 'hint',
          text: 'Decodes Figure 2 (k, T ≤ 3) and a character model trained in this panel (k, T, prompt). On Figure 2 it shows the answers to 5a–5c, so it asks first.',
        }),
        h('div', { class: 'run-fields' }, kField.element, tField.element, promptField.element),
        h('div', { class: 'run-actions' }, runButton, cancelButton, ring),
        runStatus,
      ]
    : [
        h('p', {
          class: 'hint',
          text: 'This build of HW6 Lab ships no reference solution, so it cannot run one here. "Show the reference tree…" shows the recorded reference search of Figure 2 (k = 2); run your q5_beam_search.ts from the editor to see other searches.',
        }),
      ]),
);

document.body.append(h('main', { class: 'beam-panel' }, errorBanner, banner.element, emptyState, viewer, runSection));

// The empty state opens the run controls it points to; once the user opens or closes them, they stay so.
let runSectionTouched = false;
runSection.querySelector('summary')!.addEventListener('click', () => (runSectionTouched = true));

/** A small tree drawing for the empty state (SVG built with the DOM: no markup strings). */
function emptyIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'empty-icon');
  svg.setAttribute('viewBox', '0 0 64 48');
  svg.setAttribute('aria-hidden', 'true');
  const add = (tag: string, attrs: Record<string, string>) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  };
  for (const [x2, y2, dashed] of [
    [44, 10, false],
    [44, 38, true],
    [58, 4, false],
    [58, 16, true],
  ] as const) {
    const [x1, y1] = x2 === 44 ? [14, 24] : [44, 10];
    add('path', {
      d: `M${x1} ${y1} C${(x1 + x2) / 2} ${y1} ${(x1 + x2) / 2} ${y2} ${x2} ${y2}`,
      class: dashed ? 'empty-edge dashed' : 'empty-edge',
    });
  }
  for (const [cx, cy, dashed] of [
    [8, 24, false],
    [44, 10, false],
    [44, 38, true],
    [58, 4, false],
    [58, 16, true],
  ] as const) {
    add('rect', {
      x: String(cx - 6),
      y: String(cy - 4),
      width: cx === 8 ? '12' : '10',
      height: '8',
      rx: '2',
      class: dashed ? 'empty-node dashed' : 'empty-node',
    });
  }
  return svg;
}

// ---------------------------------------------------------------------------------------------
// State and rendering.

const allTraces = (): BeamTrace[] => [...state.hostTraces, ...state.localTraces];
const currentTrace = (): BeamTrace | undefined => allTraces()[state.selected];

function update(patch: Partial<BeamPanelState>): void {
  state = { ...state, ...patch };
  bridge.setState(state);
  render();
}

function currentStep(m: BeamTreeModel): number {
  const stored = state.steps[traceKey(m.trace)];
  return stored === undefined ? m.maxStep : Math.min(Math.max(0, stored), m.maxStep);
}

function selectTrace(index: number, fromUser: boolean): void {
  const count = allTraces().length;
  if (index < 0 || index >= count) return;
  if (fromUser && index < state.hostTraces.length) bridge.post({ type: 'select', index });
  update({ selected: index, focusedId: undefined });
}

function setStep(step: number): void {
  const trace = currentTrace();
  if (!trace) return;
  update({ steps: { ...state.steps, [traceKey(trace)]: step } });
}

function showError(message: string | undefined): void {
  showBannerError(errorBanner, message);
}

let lastRenderWidth = 0;

function render(): void {
  try {
    const traces = allTraces();
    const trace = traces[state.selected] ?? traces[0];
    if (trace && traces[state.selected] !== trace) state.selected = 0;
    emptyState.hidden = trace !== undefined;
    if (!runSectionTouched) runSection.open = trace === undefined;
    viewer.hidden = trace === undefined;
    document.body.classList.toggle('has-trace', trace !== undefined);
    if (!trace) {
      model = undefined;
      return;
    }
    const pruned = prunedPerParentFor(state, trace.vocab.length);
    if (modelKey?.trace !== trace || modelKey.pruned !== pruned) {
      model = buildBeamTree(trace, { maxPrunedPerParent: pruned });
      modelKey = { trace, pruned };
    }
    const m = model!;
    const step = currentStep(m);
    traceSelect.setOptions(
      traces.map((t, i) => (i >= state.hostTraces.length ? `${t.title} (run here)` : t.title)),
      state.selected,
    );
    sourceLine.textContent = `${trace.source} · k = ${trace.k} · T = ${trace.T} · vocabulary of ${trace.vocab.length}`;
    slider.max = String(m.maxStep);
    slider.value = String(step);
    slider.setAttribute('aria-valuetext', `step ${step} of ${m.maxStep}`);
    stepValue.textContent = `t = ${step} / ${m.maxStep}`;
    greedyToggle.checked = state.showGreedy;
    fitToggle.checked = state.fit;
    treeHost.classList.toggle('fit', state.fit);
    const note = treeNote(banner.status, state.hostRuns[state.selected] ?? null);
    treeNoteLine.hidden = !note;
    treeNoteLine.textContent = note?.text ?? '';
    treeNoteLine.className = `tree-note ${note?.kind ?? ''}`;
    treeHost.classList.toggle('stale', note?.kind === 'stale');
    exhaustiveToggle.checked = state.showExhaustive;
    greedyToggle.element.hidden = !trace.greedy;
    exhaustiveToggle.element.hidden = !trace.exhaustive;
    // Folding matters only when some parent has more pruned children than the smallest choice.
    prunedControl.hidden = trace.vocab.length <= 2;
    prunedSelect.setOptions(
      PRUNED_PER_PARENT_CHOICES.map(String),
      PRUNED_PER_PARENT_CHOICES.indexOf(pruned as (typeof PRUNED_PER_PARENT_CHOICES)[number]),
    );

    // The beam after the shown step.
    const beam = step === 0 ? [] : beamAt(m, step);
    keptTitle.textContent =
      step === 0
        ? 'Before the first step: the empty prefix'
        : `Beam after t = ${step} (${beam.length} kept of ${m.trace.steps.find((s) => s.t === step)?.candidates.length ?? 0})`;
    keptList.replaceChildren(
      ...beam.map((n) => {
        const item = h(
          'li',
          {},
          h(
            'button',
            { class: 'kept-item', attrs: { type: 'button', 'data-id': n.id } },
            h('span', { class: 'seq', text: n.text }),
            h('span', { class: 'num', text: formatScore(n.score) }),
          ),
        );
        return item;
      }),
    );

    const focusedId = state.focusedId && m.byId.has(state.focusedId) ? state.focusedId : undefined;
    lastRenderWidth = treeHost.clientWidth;
    treeHost.innerHTML = renderBeamTreeModelSvg(m, {
      step,
      focusedId,
      showGreedy: state.showGreedy,
      showExhaustive: state.showExhaustive,
      standalone: false,
      width: Math.max(240, lastRenderWidth - 2),
    });
    treeTable.setData(`${traceKey(trace)}|${pruned}`, () => ({
      caption: `Hypotheses of ${trace.title} as drawn, one row per node (parents before children, best first)`,
      columns: ['Hypothesis', 'Step', 'Cumulative log-prob', 'Status'],
      rows: m.nodes.map((n) => [
        n.kind === 'root' ? '(start)' : n.kind === 'collapsed' ? n.label : n.text,
        String(n.depth),
        formatScore(n.score),
        statusText(n),
      ]),
    }));
    const tree = treeHost.querySelector('svg');
    if (tree) treeTable.describe(tree);
    const shown = m.byId.get(focusedId ?? beamAt(m, step)[0]?.id ?? m.root.id) ?? m.root;
    renderDetails(details, m, shown, step);
    // A new trace or step: bring its best hypothesis (or the focused one) into view.
    const revealKey = `${traceKey(trace)}|${step}|${pruned}`;
    if (revealKey !== revealedFor) {
      revealedFor = revealKey;
      revealInTree(shown.id);
    }
    if (drawingFailed) {
      drawingFailed = false;
      showError(undefined);
    }
  } catch (err) {
    drawingFailed = true;
    showError(`The beam tree could not be drawn: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Scrolls the tree host (only it, never the page) so the node is comfortably inside it. */
function revealInTree(id: string): void {
  const el = treeHost.querySelector<SVGGElement>(`.node[data-id="${CSS.escape(id)}"]`);
  if (!el) return;
  const host = treeHost.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  const margin = 48;
  if (box.left < host.left + margin || box.right > host.right - margin)
    treeHost.scrollLeft += box.left - host.left - Math.max(margin, (host.width - box.width) * 0.66);
  if (box.top < host.top + margin || box.bottom > host.bottom - margin)
    treeHost.scrollTop += box.top - host.top - (host.height - box.height) / 2;
}

/** Moves the focus ring without redrawing the tree. */
function focusNode(id: string, moveFocus: boolean): void {
  const m = model;
  if (!m || !m.byId.has(id)) return;
  state = { ...state, focusedId: id };
  bridge.setState(state);
  for (const el of treeHost.querySelectorAll<SVGGElement>('.node')) {
    const on = el.dataset.id === id;
    el.classList.toggle('focused', on);
    el.setAttribute('tabindex', on ? '0' : '-1');
    el.setAttribute('aria-selected', String(on));
    if (on && moveFocus) {
      el.focus({ preventScroll: true });
      revealInTree(id);
    }
  }
  renderDetails(details, m, m.byId.get(id)!, currentStep(m));
}

treeHost.addEventListener('click', (e) => {
  const node = (e.target as Element).closest<SVGGElement>('.node');
  if (node?.dataset.id !== undefined) focusNode(node.dataset.id, true);
});

treeHost.addEventListener('keydown', (e) => {
  const node = (e.target as Element).closest<SVGGElement>('.node');
  if (!model || node?.dataset.id === undefined) return;
  if (NAV_KEYS.has(e.key)) {
    e.preventDefault();
    focusNode(navigateBeamTree(model, node.dataset.id, e.key as NavKey, currentStep(model)), true);
  } else if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    focusNode(node.dataset.id, false);
    details.focus();
  }
});

keptList.addEventListener('click', (e) => {
  const item = (e.target as Element).closest<HTMLButtonElement>('.kept-item');
  if (item?.dataset.id) focusNode(item.dataset.id, true);
});

// Slider keys while the tree has focus: [ and ] step back and forth.
document.addEventListener('keydown', (e) => {
  if (!model || (e.key !== '[' && e.key !== ']')) return;
  const target = e.target as Element;
  if (target.closest('vscode-text-field, input[type="text"]')) return;
  setStep(currentStep(model) + (e.key === ']' ? 1 : -1));
});

new ResizeObserver(() => {
  // Redraw only when the width really changed: the tree spreads its columns to fit.
  if (model && Math.abs(treeHost.clientWidth - lastRenderWidth) > 24) render();
}).observe(treeHost);

function exportSvg(): void {
  const m = model;
  if (!m) return;
  const step = currentStep(m);
  const svg = renderBeamTreeModelSvg(m, {
    step,
    showGreedy: state.showGreedy,
    showExhaustive: state.showExhaustive,
    standalone: true,
  });
  const slug =
    m.trace.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'trace';
  bridge.post({ type: 'exportSvg', svg, suggestedName: `beam-tree-${slug}-t${step}.svg` });
}

// ---------------------------------------------------------------------------------------------
// "Run here": the reference beam search, run by the engine inside this panel.

function readRunSettings(): { k: number; T: number; prompt: string } | string {
  const k = Number(kField.value);
  const T = Number(tField.value);
  const prompt = promptField.value;
  if (!Number.isInteger(k) || k < 1 || k > 16) return 'k must be a whole number from 1 to 16.';
  if (!Number.isInteger(T) || T < 1 || T > 64) return 'T must be a whole number from 1 to 64.';
  if (prompt.length > 80) return 'The prompt can have at most 80 characters.';
  return { k, T, prompt };
}

function saveRunSettings(): void {
  const settings = readRunSettings();
  if (typeof settings === 'string') return;
  state = { ...state, run: settings };
  bridge.setState(state);
}

function setRunning(running: boolean): void {
  setDisabled(runButton, running);
  cancelButton.hidden = !running;
  ring.hidden = !running;
}

function runHere(): void {
  if (localRunId || runHereAwaitsConfirmation) return;
  runSectionTouched = true; // keep the controls and the status in view while the run's traces arrive
  const settings = readRunSettings();
  if (typeof settings === 'string') {
    runStatus.textContent = settings;
    runStatus.className = 'run-status error';
    return;
  }
  // The run decodes Figure 2 with the reference: its beams are the answers to 5a–5c. So it goes
  // through the host's confirmation, as "Show the reference tree…" does (the host answers at once
  // when the user confirmed before, or with hw6.revealAnswers); `referenceShown` starts it.
  runHereAwaitsConfirmation = true;
  runStatus.className = 'run-status';
  runStatus.textContent = 'Figure 2 shows the answers to 5a–5c: confirm in VS Code to run…';
  bridge.post({ type: 'showReference' });
}

/** The host's answer to "Run here"'s question: run with the fields as they are now, or say why not. */
function onReferenceShown(shown: boolean): void {
  if (!runHereAwaitsConfirmation) return; // "Show the reference tree…" asked: its items come as `item`s
  runHereAwaitsConfirmation = false;
  if (!shown) {
    runStatus.className = 'run-status';
    runStatus.textContent = 'Not run: the reference stays hidden until you confirm.';
    return;
  }
  startRunHere();
}

function startRunHere(): void {
  const settings = readRunSettings();
  if (typeof settings === 'string') {
    runStatus.textContent = settings;
    runStatus.className = 'run-status error';
    return;
  }
  state = { ...state, run: settings };
  bridge.setState(state);
  const requestId = `local-${++localRunCounter}`;
  localRunId = requestId;
  setRunning(true);
  runStatus.className = 'run-status';
  runStatus.textContent = 'Starting…';
  const config = {
    quick: false,
    k: settings.k,
    T: Math.min(settings.T, 3),
    charModel: { k: settings.k, T: settings.T, prompt: settings.prompt },
  };
  void runHost
    .run({ requestId, problemId: 'beam-search', config, solution: { kind: 'reference' }, defaultConfig }, (event) =>
      onLocalEvent(event),
    )
    .finally(() => {
      localRunId = undefined;
      setRunning(false);
    });
}

function onLocalEvent(event: RunEvent): void {
  switch (event.type) {
    case 'progress':
      if (event.message) runStatus.textContent = `${Math.round(event.fraction * 100)} % · ${event.message}`;
      break;
    case 'artifact':
      if (event.artifact.kind === 'beam-trace' && isDrawableTrace(event.artifact.trace)) {
        const { list, index } = upsertTrace(state.localTraces, event.artifact.trace);
        update({ localTraces: list, selected: state.hostTraces.length + index, focusedId: undefined });
      }
      break;
    case 'done':
      runStatus.className = 'run-status';
      runStatus.textContent = `Done in ${(event.durationMs / 1000).toFixed(1)} s on tfjs ${event.backend}.`;
      // why this backend (no GPU, a software GPU, the setting…): on hover
      runStatus.title = runHost.backendReason ?? '';
      break;
    case 'error':
      runStatus.className = event.reason === 'cancelled' ? 'run-status' : 'run-status error';
      runStatus.textContent = event.reason === 'cancelled' ? 'Cancelled.' : event.message;
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Messages from the extension.

bridge.onMessage((message: ToWebview) => {
  if (runHost.handleMessage(message, (m) => bridge.post(m))) return;
  switch (message.type) {
    case 'init': {
      const snapshot = initSnapshot(message, showError);
      if (!snapshot || isRunPanelSnapshot(snapshot)) return;
      // a side view's snapshot: its items are this page's traces, checked here
      const { traces: hostTraces, runs: hostRuns } = pairRuns(snapshot.items, snapshot.itemRuns);
      banner.show(snapshot.status);
      if (hostTraces.length < snapshot.items.length)
        bridge.post({
          type: 'log',
          level: 'warn',
          message: 'The beam panel ignored a malformed trace in its snapshot.',
        });
      const keep = currentTrace();
      // Keep a local trace selected across a re-init; otherwise follow the extension's choice.
      const selected =
        keep && state.localTraces.includes(keep)
          ? hostTraces.length + state.localTraces.indexOf(keep)
          : Math.min(Math.max(0, snapshot.selected), Math.max(0, hostTraces.length - 1));
      update({ hostTraces, hostRuns, selected });
      break;
    }
    case 'item': {
      const trace = message.item;
      if (!isDrawableTrace(trace)) {
        bridge.post({ type: 'log', level: 'warn', message: 'The beam panel ignored a malformed trace.' });
        return;
      }
      const previous = currentTrace();
      const { list, index } = upsertTrace(state.hostTraces, trace);
      const hostRuns = list.map((_, i) => (i === index ? (message.run ?? null) : (state.hostRuns[i] ?? null)));
      const keyOfPrevious = previous && traceKey(previous);
      const selected =
        message.select || !previous
          ? index
          : [...list, ...state.localTraces].findIndex((t) => traceKey(t) === keyOfPrevious);
      update({
        hostTraces: list,
        hostRuns,
        selected: Math.max(0, selected),
        focusedId: message.select ? undefined : state.focusedId,
      });
      break;
    }
    case 'referenceShown':
      onReferenceShown(message.shown);
      break;
    case 'runStatus':
      if (banner.handle(message)) render();
      break;
    default:
      break;
  }
});

render();
sayReady(bridge);
