// The --report folder: report.html (one self-contained page: inline CSS and SVG, no scripts, no
// external resources) and report.json (everything the page shows, as data).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact, Finding } from '../core/engine/events';
import type { ProblemConfig } from '../core/problem';
import { detokenize } from '../core/problems/beam-search/trace';
import { renderBeamTreeSvg } from '../core/viz/beamTree';
import { renderZkcEmbeddingSvg, renderZkcGraphSvg } from '../core/viz/zkcGraph';
import { renderZkcAccuracySvg, renderZkcLossSvg } from '../core/viz/zkcCurves';
import { renderSaturationSvg, renderScalingHistogramSvg, scalingClosedForms } from '../core/viz/scalingCharts';
import { scalingAnswerVerdicts } from '../core/viz/scalingAnswers';
import { formatCost, renderKernelCostSvg, sweepSeries } from '../core/viz/kernelCharts';
import { AE_TABLE_COLUMNS, aeReportParts, aeTableRows } from '../core/viz/aeCharts';
import type { AeCellArtifact, AutoencodersArtifact } from '../core/problems/autoencoders/artifact';
import { resultsJson, type ProblemResultJson } from './results';
import type { JobResult } from './session';

export interface ReportMeta {
  /** What ran: "reference solution" or the workspace folder. */
  solution: string;
  config: Partial<ProblemConfig>;
  generatedAt: Date;
}

export interface ReportFiles {
  html: string;
  json: string;
}

export function writeReport(dir: string, results: readonly JobResult[], meta: ReportMeta): ReportFiles {
  mkdirSync(dir, { recursive: true });
  const files = { html: join(dir, 'report.html'), json: join(dir, 'report.json') };
  writeFileSync(files.html, reportHtml(results, meta));
  writeFileSync(files.json, JSON.stringify(reportJson(results, meta), null, 2) + '\n');
  return files;
}

export function reportJson(results: readonly JobResult[], meta: ReportMeta) {
  const summaries = resultsJson(results).problems;
  return {
    generatedAt: meta.generatedAt.toISOString(),
    solution: meta.solution,
    config: meta.config,
    problems: results.map((r, i) => ({ ...summaries[i]!, findings: r.findings, artifacts: reportArtifacts(r.artifacts), logs: r.logs.map((l) => ({ level: l.level, message: l.message })) })),
  };
}

/** A run's artifacts as the report keeps them: problem 4's streamed cells only when no final artifact has them all. */
function reportArtifacts(artifacts: readonly Artifact[]): Artifact[] {
  const whole = artifacts.some((a) => a.kind === 'autoencoders');
  return artifacts.filter((a) => !(whole && a.kind === 'ae-cell'));
}

export function reportHtml(results: readonly JobResult[], meta: ReportMeta): string {
  const summaries = resultsJson(results).problems;
  const passed = results.filter((r) => r.ok).length;
  const config = Object.entries(meta.config).map(([k, v]) => `${k} = ${String(v)}`).join(', ') || 'defaults';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HW6 Lab report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>HW6 Lab report</h1>
<p class="meta">${esc(meta.solution)} · ${esc(config)} · ${esc(meta.generatedAt.toISOString())}</p>
<p class="${passed === results.length ? 'pass' : 'fail'} headline">${passed} of ${results.length} problem${results.length === 1 ? '' : 's'} passed</p>
</header>
<main>
${summaryTable(summaries)}
${results.map((r, i) => problemSection(r, summaries[i]!, i)).join('\n')}
</main>
</body>
</html>
`;
}

function summaryTable(summaries: ProblemResultJson[]): string {
  const rows = summaries.map((s) => {
    const passed = s.checks.filter((c) => c.ok).length;
    return `<tr><td><a href="#${esc(s.id)}">${esc(s.title)}</a></td><td>${status(s.ok, s.error?.reason)}</td><td class="num">${passed}/${s.checks.length}</td><td class="num">${seconds(s.durationMs)}</td><td>${esc(s.backend ?? '–')}</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>problem</th><th>status</th><th>checks</th><th>time</th><th>backend</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function problemSection(r: JobResult, s: ProblemResultJson, index: number): string {
  const problem = r.job.problem;
  const parts = [
    `<section id="${esc(problem.id)}">`,
    `<h2>${esc(problem.title)} ${status(s.ok, s.error?.reason)}</h2>`,
    `<p class="meta">${esc(problem.id)} · questions ${esc(problem.questions.join(', '))} · ${esc(problem.studentFile)} · backend ${esc(s.backend ?? '–')} · run ${seconds(s.durationMs)} (${seconds(r.wallMs)} with worker start-up)</p>`,
  ];
  if (r.error) {
    const where = r.error.location && r.error.location.line > 0 ? ` at ${r.error.location.file}:${r.error.location.line}` : '';
    parts.push(`<div class="error"><strong>${esc(r.error.reason)}${esc(where)}</strong>: ${esc(r.error.message)}</div>`);
  }
  parts.push('<h3>Checks</h3>', checksList(r.findings));
  const { rest, tables } = metricTables(s.metrics);
  const metrics = flatten(rest);
  if (metrics.length > 0 || tables.length > 0) {
    parts.push('<h3>Metrics</h3>');
    if (metrics.length > 0) parts.push(htmlTable(['metric', 'value'], metrics.map(([k, v]) => [k, v])));
    // A list of records (problem 4's `grid`, say) is a table of its own, folded: one row per record.
    for (const t of tables) parts.push(`<details><summary><code>${esc(t.name)}</code> (${t.rows.length} row${t.rows.length === 1 ? '' : 's'})</summary>${htmlTable(t.columns, t.rows)}</details>`);
  }
  reportArtifacts(r.artifacts).forEach((artifact, j) => parts.push(artifactHtml(artifact, `p${index}a${j}-`)));
  const cells = r.artifacts.some((a) => a.kind === 'autoencoders') ? [] : r.artifacts.filter((a): a is AeCellArtifact => a.kind === 'ae-cell');
  if (cells.length > 0) parts.push(aeCellsHtml(cells));
  const warnings = r.logs.filter((l) => l.level !== 'info');
  if (r.logs.length > 0) {
    parts.push(`<details><summary>Log (${r.logs.length} line${r.logs.length === 1 ? '' : 's'}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''})</summary><pre>${esc(r.logs.map((l) => `${l.level}: ${l.message}`).join('\n'))}</pre></details>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

function checksList(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p class="meta">No checks ran.</p>';
  const items = findings.map(
    (f) => `<li class="${f.ok ? 'pass' : 'fail'}"><span class="mark">${f.ok ? '✓' : '✗'}</span> <code>${esc(f.checkId)}</code> ${esc(f.message)}</li>`,
  );
  return `<ul class="checks">${items.join('')}</ul>`;
}

function artifactHtml(artifact: Artifact, idPrefix: string): string {
  if (artifact.kind === 'table') {
    return `<h3>${esc(artifact.title)}</h3>${htmlTable(artifact.columns, artifact.rows.map((row) => row.map(formatValue)))}`;
  }
  if (artifact.kind === 'zkc-run') return zkcRunHtml(artifact);
  if (artifact.kind === 'attention-scaling') return scalingRunHtml(artifact, idPrefix);
  if (artifact.kind === 'kernel-attention') return kernelRunHtml(artifact, idPrefix);
  if (artifact.kind === 'autoencoders') return autoencodersHtml(artifact, idPrefix);
  if (artifact.kind === 'ae-cell') return ''; // a run cut short: its cells are drawn together (aeCellsHtml)
  const trace = artifact.trace;
  const words = (tokens: readonly number[]): string => detokenize(tokens, trace.vocab);
  const overlays = [
    trace.final[0] ? `beam best: <q>${esc(words(trace.final[0].tokens))}</q> (${trace.final[0].score.toFixed(2)})` : '',
    trace.greedy ? `greedy: <q>${esc(words(trace.greedy.tokens))}</q> (${trace.greedy.score.toFixed(2)})` : '',
    trace.exhaustive ? `exhaustive best: <q>${esc(words(trace.exhaustive.tokens))}</q> (${trace.exhaustive.score.toFixed(2)})` : '',
  ].filter(Boolean);
  return `<figure>
<figcaption><strong>${esc(trace.title)}</strong> · ${esc(trace.source)} · k = ${trace.k}, T = ${trace.T}, vocabulary ${trace.vocab.length}</figcaption>
<div class="svg">${renderBeamTreeSvg(trace, { idPrefix, width: 900 })}</div>
<p class="meta">${overlays.join(' · ')}</p>
</figure>`;
}

function htmlTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = columns.map((c) => `<th>${esc(c)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((c) => `<td${/^-?[\d.]+(e-?\d+)?$/.test(c) ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
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

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : Number(value.toPrecision(6)).toString();
  return String(value);
}

function status(ok: boolean, reason?: string): string {
  return ok ? '<span class="badge pass">passed</span>' : `<span class="badge fail">${esc(reason ?? 'failed')}</span>`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --pass: #1a7f37; --fail: #cf222e; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
header, main { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 32px 0 4px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { margin: 20px 0 8px; font-size: 16px; }
.meta { color: var(--muted); font-size: 13px; margin: 4px 0; }
.headline { font-weight: 600; }
.pass { color: var(--pass); } .fail { color: var(--fail); }
.badge { font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; color: #fff; vertical-align: middle; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
th { background: var(--bg-soft); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary { width: 100%; margin-top: 20px; }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks li { padding: 3px 0; color: var(--fg); }
ul.checks li .mark { display: inline-block; width: 1.2em; font-weight: 700; }
ul.checks li.pass .mark { color: var(--pass); } ul.checks li.fail .mark { color: var(--fail); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg-soft); padding: 1px 4px; border-radius: 4px; }
.error { border-left: 4px solid var(--fail); background: #ffebe9; padding: 8px 12px; margin: 12px 0; }
figure { margin: 16px 0; }
figcaption { margin-bottom: 6px; }
.svg { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.svg svg { display: block; }
.svg.figures { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
pre { background: var(--bg-soft); padding: 8px; overflow-x: auto; font-size: 12px; }
`;

/** A ZKC run in the report: per mask mode, where training ended; the gradient-check table. */
function zkcRunHtml(run: Extract<Artifact, { kind: 'zkc-run' }>): string {
  const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];
  const training = htmlTable(
    ['mask mode', 'epochs', 'stopped by', 'final train loss', 'final test loss', 'final test accuracy'],
    run.series.map((s) => [s.maskMode, String(last(s.epochs) ?? 0), s.stopReason, formatValue(last(s.trainLoss) ?? NaN), formatValue(last(s.testLoss) ?? NaN), formatValue(last(s.testAccuracy) ?? NaN)]),
  );
  const grads = htmlTable(
    ['parameter', 'relative error', 'tolerance', 'result'],
    run.gradCheck.map((g) => [g.parameter, g.relativeError.toExponential(2), g.tolerance.toExponential(0), g.ok ? 'pass' : 'FAIL']),
  );
  return `<h3>${esc(run.title)}</h3>${zkcFiguresHtml(run)}${training}<h3>Gradient check</h3>${grads}`;
}

/** The graph in its force layout, then per mask mode the loss and accuracy curves and the final embedding (inline SVG). */
function zkcFiguresHtml(run: Extract<Artifact, { kind: 'zkc-run' }>): string {
  // Ids unique per run in the page (one ZKC run per report, but titles keep two apart).
  const prefix = `${run.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`;
  const graph = `<div class="svg">${renderZkcGraphSvg(run.graph, { idPrefix: prefix })}</div>`;
  const perMode = run.series.map((s) => {
    const id = `${prefix}${s.maskMode}-`;
    const last = s.embeddings.length - 1;
    const embedding = last >= 0 ? renderZkcEmbeddingSvg(run.graph, s.embeddings[last], { idPrefix: id, epoch: s.embeddingEpochs[last], predictions: s.predictions, title: `Final embedding (${s.maskMode})` }) : '';
    return `<h4>Mask mode ${esc(s.maskMode)}</h4><div class="svg figures">${renderZkcLossSvg(s, { idPrefix: id })}${renderZkcAccuracySvg(s, { idPrefix: id })}${embedding}</div>`;
  });
  return graph + perMode.join('');
}

/** A problem 2 run: histograms at the run's d with the closed forms, the saturation plots, the student's answers at that point, the Monte-Carlo table. */
function scalingRunHtml(run: Extract<Artifact, { kind: 'attention-scaling' }>, idPrefix: string): string {
  const { d } = run.histogram;
  const c = scalingClosedForms(d, run.mu, run.sigma);
  const histograms =
    renderScalingHistogramSvg(run.histogram.raw, { idPrefix, which: 'raw', d, closed: { mean: c.mean, variance: c.variance } }) +
    renderScalingHistogramSvg(run.histogram.scaled, { idPrefix, which: 'scaled', d, closed: { mean: c.scaledMean, variance: c.scaledVariance } });
  const saturation = renderSaturationSvg(run.saturation, 'maxWeight', { idPrefix }) + renderSaturationSvg(run.saturation, 'gradNorm', { idPrefix });
  const point = { d, mu: run.mu, sigma: run.sigma };
  const answers = run.answers.length
    ? htmlTable(
        ['question', 'answer', 'quantity', 'value', 'closed form', 'result'],
        scalingAnswerVerdicts(run.answers, point).map((v) => [v.id, v.text, v.quantity, v.value === undefined ? '–' : formatValue(v.value), formatValue(v.expected), v.ok === undefined ? `unreadable: ${v.reason ?? ''}` : v.ok ? 'agrees' : 'DISAGREES']),
      )
    : '<p class="meta">No answers to 2a–2c in answers.md.</p>';
  const moments = htmlTable(
    ['d', 'mean', 'closed mean', 'variance', 'closed variance', 'scaled mean', 'scaled variance'],
    run.moments.map((m) => [String(m.d), formatValue(m.mean), formatValue(m.closedMean), formatValue(m.variance), formatValue(m.closedVariance), formatValue(m.scaledMean), formatValue(m.scaledVariance)]),
  );
  return `<h3>${esc(run.title)}</h3>
<p class="meta">q, k ~ N(μ, σ²I) with μ = ${formatValue(run.mu)}, σ = ${formatValue(run.sigma)}; ${run.samples} samples per d.</p>
<div class="svg figures">${histograms}</div>
<h4>Softmax saturation</h4><div class="svg figures">${saturation}</div>
<h4>Answers 2a–2c at d = ${d}${run.answers.some((a) => a.id === '2b') ? ' (2b at μ = 0, σ = 1)' : ''}</h4>${answers}
<h4>Monte-Carlo moments</h4>${moments}`;
}

/** A problem 3 run: the checks, time and memory against N (log-log, slopes, crossovers), the crossover and exponent tables, the sweep. */
function kernelRunHtml(run: Extract<Artifact, { kind: 'kernel-attention' }>, idPrefix: string): string {
  const e = run.equivalence;
  const f = run.featureSize;
  const phiOk = f.accepted.includes(f.actual);
  const checks = `<ul class="checks">
<li class="${e.ok ? 'pass' : 'fail'}"><span class="mark">${e.ok ? '✓' : '✗'}</span> max |eq. 3 − eq. 5| = ${esc(formatValue(e.maxAbsDiff))} (tolerance ${esc(formatValue(e.tolerance))}) at N = ${e.N}, D = ${e.D}, M = ${e.M}</li>
<li class="${phiOk ? 'pass' : 'fail'}"><span class="mark">${phiOk ? '✓' : '✗'}</span> φ has ${f.actual} entries for D = ${f.D} (accepted: ${esc(f.accepted.join(' or '))})</li>
</ul>`;
  const figures = renderKernelCostSvg(run, 'ms', { idPrefix }) + renderKernelCostSvg(run, 'bytes', { idPrefix });
  const crossovers = htmlTable(
    ['D', 'implementation', 'measured N', 'FLOP model N'],
    run.crossovers.map((c) => [String(c.D), c.implementation, c.measuredN === null ? 'not within the sweep' : String(c.measuredN), String(Math.round(c.flopModelN))]),
  );
  const memory = sweepSeries(run, 'bytes');
  const fits = htmlTable(
    ['implementation', 'form', 'D', 'time slope', 'memory slope', 'N range'],
    sweepSeries(run, 'ms').map((s) => {
      const m = memory.find((x) => x.implementation === s.implementation && x.form === s.form && x.D === s.D)?.fit;
      const range = s.fit ?? m;
      return [s.implementation, s.form, String(s.D), s.fit ? s.fit.exponent.toFixed(2) : '–', m ? m.exponent.toFixed(2) : '–', range ? `${range.nFrom}–${range.nTo}` : '–'];
    }),
  );
  const sweep = htmlTable(
    ['implementation', 'form', 'N', 'D', 'M', 'time', 'peak memory'],
    run.sweep.map((p) => [p.implementation, p.form, String(p.N), String(p.D), String(p.M), formatCost('ms', p.ms), formatCost('bytes', p.bytes)]),
  );
  return `<h3>${esc(run.title)}</h3>${checks}
<div class="svg figures">${figures}</div>
<h4>Crossover</h4>${crossovers}
<h4>Fitted growth exponents</h4>${fits}
<details><summary>The sweep (${run.sweep.length} timed calls)</summary>${sweep}</details>`;
}

/** A problem 4 run: what it trained, every figure (curves, digits, angles, loss beside the PCA residual, spectrum), the PCA link and the whole grid as tables. */
function autoencodersHtml(run: AutoencodersArtifact, idPrefix: string): string {
  const parts = aeReportParts(run, { idPrefix });
  const figure = (f: (typeof parts.figures)[number]): string => `<figure><figcaption><strong>${esc(f.title)}</strong> · ${esc(f.caption)}</figcaption><div class="svg">${f.svg}</div></figure>`;
  // The PCA link, digits and spectra in view; the many per-epoch curves (two per dataset × activation × variant) folded.
  const curves = parts.figures.filter((f) => f.id.startsWith('curves-'));
  const others = parts.figures.filter((f) => !f.id.startsWith('curves-'));
  return `<h3>${esc(run.title)}</h3>
<p class="meta">${esc(parts.summary)}</p>
<h4>PCA and the linear autoencoder</h4>${htmlTable(parts.pcaTable.columns, parts.pcaTable.rows)}
<h4>The grid (${run.cells.length} cells)</h4>${htmlTable(parts.table.columns, parts.table.rows)}
${others.map(figure).join('\n')}
<details><summary>Validation loss and probe accuracy per epoch (${curves.length} figures)</summary>
${curves.map(figure).join('\n')}
</details>`;
}

/** Problem 4 cut short (an error, a time limit): the cells that finished, as a table. */
function aeCellsHtml(cells: readonly AeCellArtifact[]): string {
  const total = cells[0]!.total;
  return `<h3>Autoencoders: ${cells.length} of ${total} grid cells finished</h3>${htmlTable([...AE_TABLE_COLUMNS], aeTableRows(cells.map((c) => c.cell)))}`;
}
