// The √d scaling lab (the homework Q2). Live in the panel: sliders for d, μ, σ and the sample count
// draw q, k ~ N(μ, σ²I) with tfjs and show histograms of qᵀk and qᵀk/√d with their empirical mean and
// variance beside the closed forms. From a run (the extension's `artifact` message): the student's
// answers 2a–2c evaluated at the sliders, the softmax saturation plot and the Monte-Carlo table.
import '../ui/slider.css';
import '../shared/lab.css';
import './scaling.css';
import { sayReady } from '../shared/handshake';
import { isScalingRunArtifact } from '../../src/core/problems/attention-scaling/artifactValidate';
import { LAB_RULES, formatNumber } from '../../src/core/viz/chartFigure';
import {
  renderSaturationSvg,
  renderScalingHistogramSvg,
  sampleMoments,
  scalingClosedForms,
  scalingHistogramBins,
  type HistogramOptions,
  type SaturationMetric,
} from '../../src/core/problems/attention-scaling/figures/scalingCharts';
import type { ScalingRunArtifact } from '../../src/core/problems/attention-scaling/artifact';
import {
  scalingAnswerVerdicts,
  type AnswerVerdict,
} from '../../src/core/problems/attention-scaling/figures/scalingAnswers';
import { scalingMomentsCsv } from '../../src/core/problems/attention-scaling/figures/scalingCsv';
import { HIDDEN_CLOSED_FORM, closedFormsShown } from '../../src/core/problems/attention-scaling/closedFormsShown';
import { closedMean, closedVariance } from '../../src/core/problems/attention-scaling/stats';
import { panelBridge } from '../shared/vscodeApi';
import { adoptStyles, linkOwnStylesheet } from '../shared/stylesheet';
import { h } from '../shared/dom';
import { errorBannerElement, showBannerError } from '../shared/panelParts';
import { dataChart, type ChartTableData } from '../shared/chartData';
import { currentLabPalette, slug } from '../shared/figureExport';
import { errorText, listenForRuns, postCsv } from '../shared/panelMessages';
import { runBanner } from '../shared/runBanner';
import { button, setDisabled } from '../ui';
import {
  D_STEPS,
  MU_RANGE,
  SAMPLE_STEPS,
  SIGMA_RANGE,
  restoreState,
  runKey,
  type LiveParams,
  type ScalingPanelState,
} from './state';
import { sampleDots } from './sampler';

linkOwnStylesheet(document.currentScript as HTMLScriptElement | null);
adoptStyles(LAB_RULES);

const bridge = panelBridge<ScalingPanelState>();
let state: ScalingPanelState = restoreState(bridge.getState());

/** The live samples for the sliders' current values (undefined while the first batch is drawn). */
let live: { params: LiveParams; raw: Float32Array } | undefined;
const DEBOUNCE_MS = 150;

// ---------------------------------------------------------------------------------------------
// Layout (built once; render functions fill it in).

/** The problem's latest run: progress while it goes, why it failed. */
const banner = runBanner('attention-scaling');
const errorBanner = errorBannerElement();
errorBanner.hidden = true;

const subtitle = h('p', { class: 'subtitle' });
const csvButton = button({
  label: 'Export CSV',
  title: 'Export the run’s Monte-Carlo moments as CSV',
  onClick: exportCsv,
});

interface SliderSpec {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  /** Slider position → parameter value (d and samples step through lists). */
  toValue(position: number): number;
  toPosition(value: number): number;
  format(value: number): string;
  key: keyof LiveParams;
}

const indexSlider = (steps: readonly number[]) => ({
  min: 0,
  max: steps.length - 1,
  step: 1,
  toValue: (i: number) => steps[Math.min(steps.length - 1, Math.max(0, Math.round(i)))],
  toPosition: (v: number) => Math.max(0, steps.indexOf(v)),
});
const valueSlider = (r: { min: number; max: number; step: number }) => ({
  ...r,
  toValue: (v: number) => Math.round(v / r.step) * r.step,
  toPosition: (v: number) => v,
});

const SLIDERS: SliderSpec[] = [
  { id: 'd', key: 'd', label: 'd (dimension)', ...indexSlider(D_STEPS), format: (v) => String(v) },
  { id: 'mu', key: 'mu', label: 'μ (mean of each entry)', ...valueSlider(MU_RANGE), format: (v) => v.toFixed(2) },
  {
    id: 'sigma',
    key: 'sigma',
    label: 'σ (standard deviation)',
    ...valueSlider(SIGMA_RANGE),
    format: (v) => v.toFixed(2),
  },
  {
    id: 'samples',
    key: 'samples',
    label: 'samples (pairs q, k)',
    ...indexSlider(SAMPLE_STEPS),
    format: (v) => v.toLocaleString('en-US'),
  },
];

const sliderInputs = new Map<
  keyof LiveParams,
  { input: HTMLInputElement; output: HTMLOutputElement; spec: SliderSpec }
>();
const sliderRows = SLIDERS.map((spec) => {
  const inputId = `slider-${spec.id}`;
  const input = h('input', {
    id: inputId,
    attrs: {
      type: 'range',
      min: String(spec.min),
      max: String(spec.max),
      step: String(spec.step),
      'aria-label': spec.label,
    },
  });
  const output = h('output', { class: 'slider-value', attrs: { for: inputId } });
  input.addEventListener('input', () => {
    const value = Number(spec.toValue(Number(input.value)).toFixed(4));
    state = { ...state, [spec.key]: value };
    bridge.setState(state);
    renderSliders();
    renderAnswers();
    scheduleSampling();
  });
  sliderInputs.set(spec.key, { input, output, spec });
  return h('div', { class: 'slider-row' }, h('label', { attrs: { for: inputId }, text: spec.label }), input, output);
});

const liveStatus = h('p', { class: 'caption-text live-status', attrs: { 'aria-live': 'polite' } });
const rawChart = dataChart('Histogram of qᵀk');
const scaledChart = dataChart('Histogram of qᵀk divided by √d');
const momentsBody = h('tbody');

const answersBody = h('tbody');
const answersNote = h('p', { class: 'note answers-note' });
const answersTable = h(
  'table',
  { class: 'data answers-table' },
  h(
    'thead',
    {},
    h(
      'tr',
      {},
      ...['Question', 'Your answer', 'Quantity', 'Your value', 'Closed form', 'Live Monte Carlo', 'Result'].map(
        (t, i) => h('th', { class: i >= 3 && i <= 5 ? 'num' : '', attrs: { scope: 'col' }, text: t }),
      ),
    ),
  ),
  answersBody,
);

const runNote = h('p', {
  class: 'note run-note',
  text: 'The saturation plot, the Monte-Carlo table and your answers to 2a–2c come from a run: run q2_attention_scaling.ts (▶ Run above its TODOs, or “HW6 Lab: Run Problem…”). The live lab above works without one.',
});
const maxWeightChart = dataChart('Max attention weight against d');
const gradNormChart = dataChart('Softmax gradient norm against d');
const mcBody = h('tbody');
const runSections: HTMLElement[] = [];

const liveCard = h(
  'section',
  { class: 'card wide live', attrs: { 'aria-labelledby': 'live-title' } },
  h(
    'div',
    { class: 'card-head' },
    h('h2', { id: 'live-title', text: 'Live lab: q, k ~ N(μ, σ²I) in R^d' }),
    exportsFor('histograms', 'the histograms'),
  ),
  h('div', { class: 'sliders', attrs: { role: 'group', 'aria-label': 'Sampling parameters' } }, ...sliderRows),
  liveStatus,
  h('div', { class: 'pair' }, rawChart.element, scaledChart.element),
  h(
    'table',
    { class: 'data moments-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['', 'Empirical', 'Closed form'].map((t, i) =>
          h('th', { class: i ? 'num' : '', attrs: { scope: 'col' }, text: t }),
        ),
      ),
    ),
    momentsBody,
  ),
  h('p', {
    class: 'caption-text',
    text: 'The closed forms are the exact values for these d, μ and σ (questions 2a–2c ask for their formulas): they appear once your answers to 2a–2c agree with them. The empirical values come from the samples above.',
  }),
);

const answersCard = h(
  'section',
  { class: 'card wide answers', attrs: { 'aria-labelledby': 'answers-title' } },
  h(
    'div',
    { class: 'card-head' },
    h('h2', { id: 'answers-title', text: 'Your answers (answers.md), evaluated at the sliders' }),
  ),
  answersNote,
  answersTable,
);
const saturationCard = h(
  'section',
  { class: 'card wide saturation', attrs: { 'aria-labelledby': 'saturation-title' } },
  h(
    'div',
    { class: 'card-head' },
    h('h2', { id: 'saturation-title', text: 'Softmax saturation' }),
    exportsFor('saturation', 'the saturation plots'),
  ),
  h('p', {
    class: 'caption-text',
    text: 'softmax over the keys of one query, q and k ~ N(0, I): without the 1/√d scaling the logits grow like √d and one key takes almost all the weight, so the gradient through the softmax vanishes. Both curves run your scaledAttention: the unscaled one on √d·q, which is softmax(Kq) when yours is right.',
  }),
  h('div', { class: 'pair' }, maxWeightChart.element, gradNormChart.element),
);
const mcCard = h(
  'section',
  { class: 'card wide monte-carlo', attrs: { 'aria-labelledby': 'mc-title' } },
  h('div', { class: 'card-head' }, h('h2', { id: 'mc-title', text: 'Monte-Carlo moments of the run' }), csvButton),
  h(
    'table',
    { class: 'data mc-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['d', 'mean', 'closed mean', 'variance', 'closed variance', 'scaled mean', 'scaled variance'].map((t) =>
          h('th', { class: 'num', attrs: { scope: 'col' }, text: t }),
        ),
      ),
    ),
    mcBody,
  ),
);
runSections.push(answersCard, saturationCard, mcCard);

document.body.append(
  h(
    'main',
    { class: 'lab-panel scaling-panel' },
    errorBanner,
    banner.element,
    h(
      'header',
      { class: 'header' },
      h('div', { class: 'heading-block' }, h('h1', { class: 'title', text: 'Why scale by √d' }), subtitle),
    ),
    h('div', { class: 'grid' }, liveCard, runNote, ...runSections),
  ),
);

type FigureId = 'histograms' | 'saturation';

function exportsFor(figure: FigureId, what: string): HTMLElement {
  return h(
    'div',
    { class: 'exports' },
    button({ label: 'SVG', title: `Export ${what} as SVG`, onClick: () => exportFigure(figure) }),
  );
}

// ---------------------------------------------------------------------------------------------
// Live sampling (debounced; a stale batch is dropped when the sliders moved on).

let timer: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

function scheduleSampling(delay = DEBOUNCE_MS): void {
  clearTimeout(timer);
  timer = setTimeout(() => void sample(), delay);
}

async function sample(): Promise<void> {
  const params: LiveParams = { d: state.d, mu: state.mu, sigma: state.sigma, samples: state.samples };
  const mine = ++generation;
  liveStatus.textContent = `Sampling ${params.samples.toLocaleString('en-US')} pairs at d = ${params.d}…`;
  try {
    const raw = await sampleDots(params);
    if (mine !== generation) return;
    live = { params, raw };
    renderLive();
    renderAnswers();
  } catch (err) {
    if (mine === generation)
      showError(`The live lab could not sample: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function showError(message: string | undefined): void {
  showBannerError(errorBanner, message);
}

function renderSliders(): void {
  for (const { input, output, spec } of sliderInputs.values()) {
    const value = state[spec.key];
    input.value = String(spec.toPosition(value));
    output.textContent = spec.format(value);
    input.setAttribute('aria-valuetext', `${spec.label.split(' ')[0]} = ${spec.format(value)}`);
  }
}

function liveMoments():
  | { raw: { mean: number; variance: number }; scaled: { mean: number; variance: number } }
  | undefined {
  if (!live) return undefined;
  const raw = sampleMoments(live.raw);
  const s = Math.sqrt(live.params.d);
  return { raw, scaled: { mean: raw.mean / s, variance: raw.variance / live.params.d } };
}

/**
 * The closed forms are the answers to 2a–2c evaluated anywhere: the lab shows them (values, the
 * histograms' normal curves) only once every answer in answers.md agrees with them (or the judge
 * revealed the answers), so the sliders cannot be used to read the formulas off. The report uses the
 * same rule (closedFormsShown.ts). The Monte Carlo column is the experiment; it is always shown.
 */
function liveClosedFormsShown(): boolean {
  return state.run !== undefined && closedFormsShown(state.run, { d: state.d, mu: state.mu, sigma: state.sigma });
}

function renderLive(): void {
  if (!live) return;
  const { params, raw } = live;
  const shown = liveClosedFormsShown();
  const c = scalingClosedForms(params.d, params.mu, params.sigma);
  const s = Math.sqrt(params.d);
  const key = `${params.d}|${params.mu}|${params.sigma}|${params.samples}`;
  const scaled = raw.map((v) => v / s);
  const rawOptions: HistogramOptions = {
    standalone: false,
    which: 'raw',
    d: params.d,
    ...(shown ? { closed: { mean: c.mean, variance: c.variance } } : {}),
  };
  const scaledOptions: HistogramOptions = {
    standalone: false,
    which: 'scaled',
    d: params.d,
    ...(shown ? { closed: { mean: c.scaledMean, variance: c.scaledVariance } } : {}),
  };
  rawChart.show(renderScalingHistogramSvg(raw, rawOptions), key, () => histogramTable(raw, rawOptions));
  scaledChart.show(renderScalingHistogramSvg(scaled, scaledOptions), key, () => histogramTable(scaled, scaledOptions));
  const m = liveMoments()!;
  const rows: [string, string, number, number][] = [
    ['mean-raw', 'E[qᵀk]', m.raw.mean, c.mean],
    ['variance-raw', 'Var(qᵀk)', m.raw.variance, c.variance],
    ['mean-scaled', 'E[qᵀk/√d]', m.scaled.mean, c.scaledMean],
    ['variance-scaled', 'Var(qᵀk/√d)', m.scaled.variance, c.scaledVariance],
  ];
  momentsBody.replaceChildren(
    ...rows.map(([key, label, empirical, closed]) =>
      h(
        'tr',
        { attrs: { 'data-moment': key } },
        h('th', { attrs: { scope: 'row' }, text: label }),
        h('td', { class: 'num empirical', text: formatNumber(empirical, 4) }),
        h('td', { class: 'num closed', text: shown ? formatNumber(closed, 4) : HIDDEN_CLOSED_FORM }),
      ),
    ),
  );
  liveStatus.textContent = `${params.samples.toLocaleString('en-US')} pairs at d = ${params.d}, μ = ${params.mu.toFixed(2)}, σ = ${params.sigma.toFixed(2)} (tfjs, seeded).`;
}

function renderAnswers(): void {
  const run = state.run;
  answersTable.hidden = !run || run.answers.length === 0;
  if (!run) {
    answersNote.textContent = 'Your answers to 2a–2c appear here after a run (from answers.md).';
    answersBody.replaceChildren();
    return;
  }
  if (run.answers.length === 0) {
    answersNote.textContent =
      'No answers to 2a–2c in answers.md yet: write them under the headings “## 2a”, “## 2b”, “## 2c” and run again.';
    answersBody.replaceChildren();
    return;
  }
  const point = { d: state.d, mu: state.mu, sigma: state.sigma };
  const verdicts = scalingAnswerVerdicts(run.answers, point);
  const wrong = verdicts.filter((v) => v.ok === false).length;
  const unreadable = verdicts.filter((v) => v.ok === undefined).length;
  answersNote.textContent =
    wrong + unreadable === 0
      ? `All ${verdicts.length} answers agree with the closed forms here (and at two more points). Move the sliders to compare them with the live Monte Carlo.`
      : `${wrong ? `${wrong} answer${wrong === 1 ? '' : 's'} disagree${wrong === 1 ? 's' : ''} with the closed form` : ''}${wrong && unreadable ? '; ' : ''}${unreadable ? `${unreadable} could not be read as a formula in d, μ, σ` : ''}. The Problems view shows what form is expected.`;
  answersBody.replaceChildren(...verdicts.map(answerRow));
}

function answerRow(v: AnswerVerdict): HTMLTableRowElement {
  const m =
    live && live.params.d === state.d && live.params.mu === state.mu && live.params.sigma === state.sigma
      ? liveMoments()
      : undefined;
  let monteCarlo = '–';
  if (m && v.id === '2a') monteCarlo = formatNumber(m.raw.mean, 4);
  if (m && v.id === '2b')
    monteCarlo = state.mu === 0 && state.sigma === 1 ? formatNumber(m.raw.variance, 4) : 'set μ = 0, σ = 1';
  if (m && v.id === '2c' && v.value !== undefined && v.value !== 0)
    monteCarlo = `Var(qᵀk/s) = ${formatNumber(m.raw.variance / v.value ** 2, 4)}`;
  const result =
    v.ok === undefined
      ? h('span', { class: 'badge unknown', text: 'unreadable', attrs: { title: v.reason ?? '' } })
      : h('span', { class: `badge ${v.ok ? 'pass' : 'fail'}`, text: v.ok ? '✓ agrees' : '✗ disagrees' });
  const at = v.id === '2b' ? ' (μ = 0, σ = 1)' : '';
  return h(
    'tr',
    { class: v.ok === undefined ? 'unknown' : v.ok ? 'ok' : 'fail', attrs: { 'data-answer': v.id } },
    h('th', { attrs: { scope: 'row' }, text: v.id }),
    h('td', { class: 'mono answer-text', text: v.text || '(empty)', attrs: { title: `answers.md line ${v.line}` } }),
    h('td', { text: v.quantity }),
    h('td', { class: 'num answer-value', text: v.value === undefined ? '–' : formatNumber(v.value, 4) }),
    // a wrong answer's expected value would be the answer at this point: shown once it agrees
    h('td', { class: 'num answer-expected', text: v.ok ? `${formatNumber(v.expected, 4)}${at}` : '–' }),
    h('td', { class: 'num answer-mc', text: monteCarlo }),
    h('td', { class: 'result' }, result),
  );
}

function renderRun(): void {
  const run = state.run;
  subtitle.textContent = run
    ? `${run.title} · run at μ = ${run.mu}, σ = ${run.sigma}, ${run.samples.toLocaleString('en-US')} samples per d`
    : 'Live lab — no run yet';
  runNote.hidden = run !== undefined;
  saturationCard.hidden = mcCard.hidden = !run;
  setDisabled(csvButton, !run);
  renderAnswers();
  renderLive(); // the closed forms show once the run's answers agree
  if (!run) return;
  maxWeightChart.show(renderSaturationSvg(run.saturation, 'maxWeight', { standalone: false }), runKey(run), () =>
    saturationTable(run, 'maxWeight'),
  );
  gradNormChart.show(renderSaturationSvg(run.saturation, 'gradNorm', { standalone: false }), runKey(run), () =>
    saturationTable(run, 'gradNorm'),
  );
  // the run's table: at the run's own point (the answers agree everywhere or nowhere, up to rounding)
  const runShown = closedFormsShown(run, { d: run.histogram.d, mu: run.mu, sigma: run.sigma });
  mcBody.replaceChildren(
    ...run.moments.map((m) =>
      h(
        'tr',
        { attrs: { 'data-d': String(m.d) } },
        h('th', { class: 'num', text: String(m.d), attrs: { scope: 'row' } }),
        ...[
          m.mean,
          runShown ? closedMean(m.d, m.mu) : undefined,
          m.variance,
          runShown ? closedVariance(m.d, m.mu, m.sigma) : undefined,
          m.scaledMean,
          m.scaledVariance,
        ].map((v) => h('td', { class: 'num', text: v === undefined ? HIDDEN_CLOSED_FORM : formatNumber(v, 4) })),
      ),
    ),
  );
}

/** A histogram's bars as a table: one row per bin. */
function histogramTable(values: Float32Array, o: HistogramOptions): ChartTableData {
  const what = o.which === 'raw' ? 'qᵀk' : 'qᵀk/√d';
  return {
    caption: `Histogram of ${what} at d = ${o.d}, one row per bin`,
    columns: [`${what} from`, 'to', 'Samples', 'Density'],
    rows: scalingHistogramBins(values, o).map((b) => [
      formatNumber(b.x0, 4),
      formatNumber(b.x1, 4),
      String(b.count),
      formatNumber(b.density, 4),
    ]),
  };
}

/** A saturation figure's points as a table: one row per d, a column per series (as drawn: d > 0, by d). */
function saturationTable(run: ScalingRunArtifact, metric: SaturationMetric): ChartTableData {
  const rows = run.saturation
    .filter((r) => r.d > 0)
    .slice()
    .sort((a, b) => a.d - b.d);
  const cell = (v: number) => (Number.isFinite(v) ? formatNumber(v, 4) : '–');
  return {
    caption: `${metric === 'maxWeight' ? 'Max attention weight' : 'Softmax gradient norm'} against d, one row per d`,
    columns: ['d', 'Without 1/√d', 'Scaled by 1/√d'],
    rows: rows.map((r) => [String(r.d), cell(r.unscaled[metric]), cell(r.scaled[metric])]),
  };
}

function render(): void {
  try {
    renderSliders();
    renderRun();
    renderLive();
  } catch (err) {
    showError(`The lab could not be drawn: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Export.

function exportFigure(figure: FigureId): void {
  try {
    const palette = currentLabPalette(rawChart.host);
    if (figure === 'histograms') {
      if (!live) return;
      const { params, raw } = live;
      const c = scalingClosedForms(params.d, params.mu, params.sigma);
      const s = Math.sqrt(params.d);
      bridge.post({
        type: 'exportSvg',
        svg: renderScalingHistogramSvg(raw, {
          palette,
          which: 'raw',
          d: params.d,
          closed: { mean: c.mean, variance: c.variance },
        }),
        suggestedName: `scaling-histogram-raw-d${params.d}.svg`,
      });
      bridge.post({
        type: 'exportSvg',
        svg: renderScalingHistogramSvg(
          raw.map((v) => v / s),
          { palette, which: 'scaled', d: params.d, closed: { mean: c.scaledMean, variance: c.scaledVariance } },
        ),
        suggestedName: `scaling-histogram-scaled-d${params.d}.svg`,
      });
    } else if (state.run) {
      for (const metric of ['maxWeight', 'gradNorm'] as SaturationMetric[])
        bridge.post({
          type: 'exportSvg',
          svg: renderSaturationSvg(state.run.saturation, metric, { palette }),
          suggestedName: `scaling-saturation-${slug(metric)}.svg`,
        });
    }
  } catch (err) {
    showError(`The figure could not be exported: ${errorText(err)}`);
  }
}

function exportCsv(): void {
  if (!state.run) return;
  postCsv(bridge, `scaling-moments-${state.run.title}`, scalingMomentsCsv(state.run));
}

// ---------------------------------------------------------------------------------------------
// Messages from the extension.

listenForRuns(bridge, {
  banner,
  kind: 'attention-scaling',
  name: 'The √d scaling panel',
  isRun: isScalingRunArtifact,
  runKey,
  currentRun: () => state.run,
  showRun(run) {
    state = { ...state, run };
    bridge.setState(state);
    render();
  },
  showError,
});

render();
scheduleSampling(0);
sayReady(bridge);
