// A run as report blocks: its checks, metrics, every artifact's figures (inline SVG from
// src/core/viz) and tables, and its log. The renderers (html.ts, markdown.ts) draw the blocks.
import type { Artifact, Finding } from '../engine/events';
import { detokenize } from '../problems/beam-search/trace';
import { renderBeamTreeSvg } from '../problems/beam-search/figures/beamTree';
import { renderZkcEmbeddingSvg, renderZkcGraphSvg } from '../problems/zkc/figures/zkcGraph';
import { renderZkcAccuracySvg, renderZkcLossSvg } from '../problems/zkc/figures/zkcCurves';
import { renderSaturationSvg, renderScalingHistogramSvg, scalingClosedForms } from '../problems/attention-scaling/figures/scalingCharts';
import { scalingAnswerVerdicts } from '../problems/attention-scaling/figures/scalingAnswers';
import { formatCost, renderKernelCostSvg, sweepSeries } from '../problems/kernel-attention/figures/kernelCharts';
import { withReferenceSweep } from '../problems/kernel-attention/figures/kernelReference';
import { AE_TABLE_COLUMNS, aeReportParts, aeTableRows } from '../problems/autoencoders/figures/aeCharts';
import type { AeCellArtifact, AutoencodersArtifact } from '../problems/autoencoders/artifact';
import type { ZkcGradCheckRow } from '../problems/zkc/artifact';
import type { Block, ReportRun } from './types';

/**
 * A run's artifacts as the report keeps them: problem 4's streamed cells only when no final artifact
 * has them all; problem 1's gradient check (the judge's `zkc-gradcheck`) inside the run it checked
 * (`zkc-run`'s gradCheck, which the child leaves empty), or on its own when the run had none (checks only);
 * problem 3's sweep of the lab's reference (the judge's `kernel-reference-sweep`) inside the run it
 * was swept beside (`kernel-attention`, whose sweep is the student's alone), drawn dashed there.
 */
export function reportArtifacts(artifacts: readonly Artifact[]): Artifact[] {
  const whole = artifacts.some((a) => a.kind === 'autoencoders');
  const gradCheck = artifacts.filter((a) => a.kind === 'zkc-gradcheck').at(-1);
  const zkcRun = artifacts.some((a) => a.kind === 'zkc-run');
  const reference = artifacts.filter((a) => a.kind === 'kernel-reference-sweep').at(-1);
  const kernelRun = artifacts.some((a) => a.kind === 'kernel-attention');
  return artifacts
    .filter((a) => !(whole && a.kind === 'ae-cell') && !(zkcRun && a.kind === 'zkc-gradcheck') && !(kernelRun && a.kind === 'kernel-reference-sweep'))
    .map((a) => (a.kind === 'zkc-run' && gradCheck ? { ...a, gradCheck: gradCheck.rows } : a.kind === 'kernel-attention' && reference ? withReferenceSweep(a, reference) : a));
}

/** Everything a run shows, in order: error, checks, metrics, artifacts, log. `index` keeps SVG ids apart between runs. */
export function runBlocks(r: ReportRun, index: number, o: { answersShown: boolean }): Block[] {
  const blocks: Block[] = [];
  if (r.error) {
    const where = r.error.location && r.error.location.line > 0 ? ` at ${r.error.location.file}:${r.error.location.line}` : '';
    blocks.push({ kind: 'error', title: `${r.error.reason}${where}`, message: r.error.message });
  }
  blocks.push({ kind: 'heading', level: 3, text: 'Checks' });
  // Answer findings are shown with the answers, when the report shows them.
  const checks = o.answersShown ? r.findings.filter((f) => !f.answerId) : r.findings;
  blocks.push(checks.length === 0 ? { kind: 'text', text: ['No checks ran.'], muted: true } : checksBlock(checks));
  const { rest, tables } = metricTables(r.done?.metrics ?? {});
  const metrics = flatten(rest);
  if (metrics.length > 0 || tables.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: 'Metrics' });
    if (metrics.length > 0) blocks.push({ kind: 'table', columns: ['metric', 'value'], rows: metrics });
    // A list of records (problem 4's `grid`, say) is a table of its own: one row per record.
    for (const t of tables) blocks.push({ kind: 'fold', summary: [{ code: t.name }, ` (${plural(t.rows.length, 'row')})`], blocks: [{ kind: 'table', columns: t.columns, rows: t.rows }] });
  }
  reportArtifacts(r.artifacts).forEach((artifact, j) => blocks.push(...artifactBlocks(artifact, `p${index}a${j}-`)));
  const cells = r.artifacts.some((a) => a.kind === 'autoencoders') ? [] : r.artifacts.filter((a): a is AeCellArtifact => a.kind === 'ae-cell');
  if (cells.length > 0) blocks.push(...aeCellsBlocks(cells));
  if (r.logs.length > 0) {
    const warnings = r.logs.filter((l) => l.level !== 'info').length;
    blocks.push({ kind: 'fold', summary: [`Log (${plural(r.logs.length, 'line')}${warnings ? `, ${plural(warnings, 'warning')}` : ''})`], blocks: [{ kind: 'pre', text: r.logs.map((l) => `${l.level}: ${l.message}`).join('\n') }] });
  }
  return blocks;
}

function checksBlock(findings: readonly Finding[]): Block {
  return { kind: 'checks', items: findings.map((f) => ({ ok: f.ok, id: f.checkId, text: f.message })) };
}

function artifactBlocks(artifact: Artifact, idPrefix: string): Block[] {
  switch (artifact.kind) {
    case 'table':
      return [{ kind: 'heading', level: 3, text: artifact.title }, { kind: 'table', columns: artifact.columns, rows: artifact.rows.map((row) => row.map(formatValue)) }];
    case 'zkc-run':
      return zkcRunBlocks(artifact);
    case 'zkc-gradcheck':
      return zkcGradCheckBlocks(artifact.rows);
    case 'attention-scaling':
      return scalingRunBlocks(artifact, idPrefix);
    case 'kernel-attention':
      return kernelRunBlocks(artifact, idPrefix);
    case 'kernel-reference-sweep':
      return kernelReferenceBlocks(artifact, idPrefix); // only without its run (reportArtifacts merges it into the run)
    case 'autoencoders':
      return autoencodersBlocks(artifact, idPrefix);
    case 'ae-cell':
      return []; // a run cut short: its cells are drawn together (aeCellsBlocks)
    case 'beam-trace':
      return beamTraceBlocks(artifact.trace, idPrefix);
  }
}

function beamTraceBlocks(trace: Extract<Artifact, { kind: 'beam-trace' }>['trace'], idPrefix: string): Block[] {
  const words = (tokens: readonly number[]): string => detokenize(tokens, trace.vocab);
  const overlays: { label: string; seq: { tokens: readonly number[]; score: number } | undefined }[] = [
    { label: 'beam best', seq: trace.final[0] },
    { label: 'greedy', seq: trace.greedy },
    { label: 'exhaustive best', seq: trace.exhaustive },
  ];
  const text = overlays
    .filter((o) => o.seq)
    .flatMap((o, i) => [...(i > 0 ? [' · '] : []), `${o.label}: `, { quote: words(o.seq!.tokens) }, ` (${o.seq!.score.toFixed(2)})`]);
  return [
    { kind: 'figures', figures: [{ title: trace.title, caption: `${trace.source} · k = ${trace.k}, T = ${trace.T}, vocabulary ${trace.vocab.length}`, svg: renderBeamTreeSvg(trace, { idPrefix, width: 900 }) }] },
    { kind: 'text', text, muted: true },
  ];
}

function htmlFreeTable(columns: readonly string[], rows: readonly (readonly string[])[]): Block {
  return { kind: 'table', columns, rows };
}

/** A ZKC run: the graph, per mask mode the curves and the final embedding; where training ended; the gradient check. */
function zkcRunBlocks(run: Extract<Artifact, { kind: 'zkc-run' }>): Block[] {
  const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];
  // Ids unique per run in the page (one ZKC run per report, but titles keep two apart).
  const prefix = `${run.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`;
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: run.title }, { kind: 'figures', figures: [{ svg: renderZkcGraphSvg(run.graph, { idPrefix: prefix }) }] }];
  for (const s of run.series) {
    const id = `${prefix}${s.maskMode}-`;
    const i = s.embeddings.length - 1;
    const figures = [{ svg: renderZkcLossSvg(s, { idPrefix: id }) }, { svg: renderZkcAccuracySvg(s, { idPrefix: id }) }];
    if (i >= 0) figures.push({ svg: renderZkcEmbeddingSvg(run.graph, s.embeddings[i], { idPrefix: id, epoch: s.embeddingEpochs[i], predictions: s.predictions, title: `Final embedding (${s.maskMode})` }) });
    blocks.push({ kind: 'heading', level: 4, text: `Mask mode ${s.maskMode}` }, { kind: 'figures', figures });
  }
  blocks.push(
    htmlFreeTable(
      ['mask mode', 'epochs', 'stopped by', 'final train loss', 'final test loss', 'final test accuracy'],
      run.series.map((s) => [s.maskMode, String(last(s.epochs) ?? 0), s.stopReason, formatValue(last(s.trainLoss) ?? NaN), formatValue(last(s.testLoss) ?? NaN), formatValue(last(s.testAccuracy) ?? NaN)]),
    ),
    ...zkcGradCheckBlocks(run.gradCheck),
  );
  return blocks;
}

/** The judge's gradient check (reportArtifacts puts its rows into the run); none when networkPass could not be compared. */
function zkcGradCheckBlocks(rows: readonly ZkcGradCheckRow[]): Block[] {
  return [
    { kind: 'heading', level: 3, text: 'Gradient check' },
    rows.length === 0
      ? { kind: 'text', text: ['No gradient check: networkPass could not be compared with the float64 ground truth (see ', { code: 'q1.network' }, ').'], muted: true }
      : htmlFreeTable(['parameter', 'relative error', 'tolerance', 'result'], rows.map((g) => [g.parameter, g.relativeError.toExponential(2), g.tolerance.toExponential(0), g.ok ? 'pass' : 'FAIL'])),
  ];
}

/** A problem 2 run: histograms at the run's d with the closed forms, the saturation plots, the answers at that point, the Monte-Carlo table. */
function scalingRunBlocks(run: Extract<Artifact, { kind: 'attention-scaling' }>, idPrefix: string): Block[] {
  const { d } = run.histogram;
  const c = scalingClosedForms(d, run.mu, run.sigma);
  const point = { d, mu: run.mu, sigma: run.sigma };
  const answers: Block = run.answers.length
    ? htmlFreeTable(
        ['question', 'answer', 'quantity', 'value', 'closed form', 'result'],
        scalingAnswerVerdicts(run.answers, point).map((v) => [v.id, v.text, v.quantity, v.value === undefined ? '–' : formatValue(v.value), formatValue(v.expected), v.ok === undefined ? `unreadable: ${v.reason ?? ''}` : v.ok ? 'agrees' : 'DISAGREES']),
      )
    : { kind: 'text', text: ['No answers to 2a–2c in answers.md.'], muted: true };
  return [
    { kind: 'heading', level: 3, text: run.title },
    { kind: 'text', text: [`q, k ~ N(μ, σ²I) with μ = ${formatValue(run.mu)}, σ = ${formatValue(run.sigma)}; ${run.samples} samples per d.`], muted: true },
    {
      kind: 'figures',
      figures: [
        { svg: renderScalingHistogramSvg(run.histogram.raw, { idPrefix, which: 'raw', d, closed: { mean: c.mean, variance: c.variance } }) },
        { svg: renderScalingHistogramSvg(run.histogram.scaled, { idPrefix, which: 'scaled', d, closed: { mean: c.scaledMean, variance: c.scaledVariance } }) },
      ],
    },
    { kind: 'heading', level: 4, text: 'Softmax saturation' },
    { kind: 'figures', figures: [{ svg: renderSaturationSvg(run.saturation, 'maxWeight', { idPrefix }) }, { svg: renderSaturationSvg(run.saturation, 'gradNorm', { idPrefix }) }] },
    { kind: 'heading', level: 4, text: `Answers 2a–2c at d = ${d}${run.answers.some((a) => a.id === '2b') ? ' (2b at μ = 0, σ = 1)' : ''}` },
    answers,
    { kind: 'heading', level: 4, text: 'Monte-Carlo moments' },
    htmlFreeTable(
      ['d', 'mean', 'closed mean', 'variance', 'closed variance', 'scaled mean', 'scaled variance'],
      run.moments.map((m) => [String(m.d), formatValue(m.mean), formatValue(m.closedMean), formatValue(m.variance), formatValue(m.closedVariance), formatValue(m.scaledMean), formatValue(m.scaledVariance)]),
    ),
  ];
}

/** A problem 3 run: the checks, time and memory against N (log-log, slopes, crossovers), the crossover and exponent tables, the sweep. */
function kernelRunBlocks(run: Extract<Artifact, { kind: 'kernel-attention' }>, idPrefix: string): Block[] {
  const e = run.equivalence;
  const f = run.featureSize;
  const memory = sweepSeries(run, 'bytes');
  return [
    { kind: 'heading', level: 3, text: run.title },
    {
      kind: 'checks',
      items: [
        { ok: e.ok, text: `max |eq. 3 − eq. 5| = ${formatValue(e.maxAbsDiff)} (tolerance ${formatValue(e.tolerance)}) at N = ${e.N}, D = ${e.D}, M = ${e.M}` },
        { ok: f.accepted.includes(f.actual), text: `φ has ${f.actual} entries for D = ${f.D} (accepted: ${f.accepted.join(' or ')})` },
      ],
    },
    { kind: 'figures', figures: [{ svg: renderKernelCostSvg(run, 'ms', { idPrefix }) }, { svg: renderKernelCostSvg(run, 'bytes', { idPrefix }) }] },
    { kind: 'heading', level: 4, text: 'Crossover' },
    htmlFreeTable(['D', 'implementation', 'measured N', 'FLOP model N'], run.crossovers.map((c) => [String(c.D), c.implementation, c.measuredN === null ? 'not within the sweep' : String(c.measuredN), String(Math.round(c.flopModelN))])),
    { kind: 'heading', level: 4, text: 'Fitted growth exponents' },
    htmlFreeTable(
      ['implementation', 'form', 'D', 'time slope', 'memory slope', 'N range'],
      sweepSeries(run, 'ms').map((s) => {
        const m = memory.find((x) => x.implementation === s.implementation && x.form === s.form && x.D === s.D)?.fit;
        const range = s.fit ?? m;
        return [s.implementation, s.form, String(s.D), s.fit ? s.fit.exponent.toFixed(2) : '–', m ? m.exponent.toFixed(2) : '–', range ? `${range.nFrom}–${range.nTo}` : '–'];
      }),
    ),
    {
      kind: 'fold',
      summary: [`The sweep (${run.sweep.length} timed calls)`],
      blocks: [htmlFreeTable(['implementation', 'form', 'N', 'D', 'M', 'time', 'peak memory'], run.sweep.map((p) => [p.implementation, p.form, String(p.N), String(p.D), String(p.M), formatCost('ms', p.ms), formatCost('bytes', p.bytes)]))],
    },
  ];
}

/** The lab's reference swept beside a problem 3 run that the report does not have: its figures and fitted exponents alone. */
function kernelReferenceBlocks(reference: Extract<Artifact, { kind: 'kernel-reference-sweep' }>, idPrefix: string): Block[] {
  const memory = sweepSeries(reference, 'bytes');
  return [
    { kind: 'heading', level: 3, text: reference.title },
    { kind: 'figures', figures: [{ svg: renderKernelCostSvg(reference, 'ms', { idPrefix }) }, { svg: renderKernelCostSvg(reference, 'bytes', { idPrefix }) }] },
    htmlFreeTable(
      ['implementation', 'form', 'D', 'time slope', 'memory slope'],
      sweepSeries(reference, 'ms').map((s) => {
        const m = memory.find((x) => x.form === s.form && x.D === s.D)?.fit;
        return [s.implementation, s.form, String(s.D), s.fit ? s.fit.exponent.toFixed(2) : '–', m ? m.exponent.toFixed(2) : '–'];
      }),
    ),
  ];
}

/** A problem 4 run: what it trained, every figure, the PCA link and the whole grid as tables. */
function autoencodersBlocks(run: AutoencodersArtifact, idPrefix: string): Block[] {
  const parts = aeReportParts(run, { idPrefix });
  const figure = (f: (typeof parts.figures)[number]): Block => ({ kind: 'figures', figures: [{ title: f.title, caption: f.caption, svg: f.svg }] });
  // The PCA link, digits and spectra first; the many per-epoch curves (two per dataset × activation × variant) in a fold.
  const curves = parts.figures.filter((f) => f.id.startsWith('curves-'));
  const others = parts.figures.filter((f) => !f.id.startsWith('curves-'));
  return [
    { kind: 'heading', level: 3, text: run.title },
    { kind: 'text', text: [parts.summary], muted: true },
    { kind: 'heading', level: 4, text: 'PCA and the linear autoencoder' },
    htmlFreeTable(parts.pcaTable.columns, parts.pcaTable.rows),
    { kind: 'heading', level: 4, text: `The grid (${run.cells.length} cells)` },
    htmlFreeTable(parts.table.columns, parts.table.rows),
    ...others.map(figure),
    { kind: 'fold', summary: [`Validation loss and probe accuracy per epoch (${curves.length} figures)`], blocks: curves.map(figure) },
  ];
}

/** Problem 4 cut short (an error, a time limit): the cells that finished, as a table. */
function aeCellsBlocks(cells: readonly AeCellArtifact[]): Block[] {
  return [{ kind: 'heading', level: 3, text: `Autoencoders: ${cells.length} of ${cells[0]!.total} grid cells finished` }, htmlFreeTable([...AE_TABLE_COLUMNS], aeTableRows(cells.map((c) => c.cell)))];
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x !== 'object');

/** Top-level metrics that are lists of flat records (same keys or not), as tables; the others as they were. */
export function metricTables(metrics: Record<string, unknown>): { rest: Record<string, unknown>; tables: { name: string; columns: string[]; rows: string[][] }[] } {
  const rest: Record<string, unknown> = {};
  const tables: { name: string; columns: string[]; rows: string[][] }[] = [];
  for (const [name, value] of Object.entries(metrics)) {
    if (Array.isArray(value) && value.length > 0 && value.every(isPlainRecord)) {
      const columns = [...new Set(value.flatMap((r) => Object.keys(r)))];
      tables.push({ name, columns, rows: value.map((r) => columns.map((c) => (r[c] === undefined ? '–' : formatValue(r[c])))) });
    } else {
      rest[name] = value;
    }
  }
  return { rest, tables };
}

/** Nested metrics as dotted keys ("figure2.best"); arrays of plain values joined. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  return [[prefix, Array.isArray(value) ? value.map(formatValue).join(', ') : formatValue(value)]];
}

export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : Number(value.toPrecision(6)).toString();
  return String(value);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
