// A run as report blocks: its checks, metrics, every artifact's figures and tables, and its log.
// Each problem draws its own artifacts (problems/<id>/report.ts); the renderers (html.ts,
// markdown.ts) draw the blocks.
import type { Artifact, Finding, TableArtifact } from '../engine/events';
import { problemReports } from '../problems/reports';
import { formatValue, plural } from './format';
import type { Block, ReportRun } from './types';

/**
 * A run's artifacts as the report keeps them: each problem merges the judge's artifacts into the
 * run they belong to, or drops what a later artifact holds (problems/<id>/report.ts, `arrange`).
 */
export function reportArtifacts(artifacts: readonly Artifact[]): Artifact[] {
  return problemReports.reduce<Artifact[]>(
    (kept, report) => (report.arrange ? report.arrange(kept) : kept),
    [...artifacts],
  );
}

/** Everything a run shows, in order: error, checks, metrics, artifacts, log. `index` keeps SVG ids apart between runs. */
export function runBlocks(r: ReportRun, index: number, o: { answersShown: boolean }): Block[] {
  const blocks: Block[] = [];
  if (r.error) {
    const where =
      r.error.location && r.error.location.line > 0 ? ` at ${r.error.location.file}:${r.error.location.line}` : '';
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
    for (const t of tables)
      blocks.push({
        kind: 'fold',
        summary: [{ code: t.name }, ` (${plural(t.rows.length, 'row')})`],
        blocks: [{ kind: 'table', columns: t.columns, rows: t.rows }],
      });
  }
  reportArtifacts(r.artifacts).forEach((artifact, j) => blocks.push(...artifactBlocks(artifact, `p${index}a${j}-`)));
  for (const report of problemReports) blocks.push(...(report.afterArtifacts?.(r.artifacts) ?? []));
  if (r.logs.length > 0) {
    const warnings = r.logs.filter((l) => l.level !== 'info').length;
    blocks.push({
      kind: 'fold',
      summary: [`Log (${plural(r.logs.length, 'line')}${warnings ? `, ${plural(warnings, 'warning')}` : ''})`],
      blocks: [{ kind: 'pre', text: r.logs.map((l) => `${l.level}: ${l.message}`).join('\n') }],
    });
  }
  return blocks;
}

function checksBlock(findings: readonly Finding[]): Block {
  return { kind: 'checks', items: findings.map((f) => ({ ok: f.ok, id: f.checkId, text: f.message })) };
}

function artifactBlocks(artifact: Artifact, idPrefix: string): Block[] {
  if (artifact.kind === 'table') {
    const table = artifact as TableArtifact;
    return [
      { kind: 'heading', level: 3, text: table.title },
      { kind: 'table', columns: table.columns, rows: table.rows.map((row) => row.map(formatValue)) },
    ];
  }
  return (
    problemReports.find((report) => report.kinds.includes(artifact.kind))?.artifactBlocks(artifact, idPrefix) ?? []
  );
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => x === null || typeof x !== 'object');

/** Top-level metrics that are lists of flat records (same keys or not), as tables; the others as they were. */
export function metricTables(metrics: Record<string, unknown>): {
  rest: Record<string, unknown>;
  tables: { name: string; columns: string[]; rows: string[][] }[];
} {
  const rest: Record<string, unknown> = {};
  const tables: { name: string; columns: string[]; rows: string[][] }[] = [];
  for (const [name, value] of Object.entries(metrics)) {
    if (Array.isArray(value) && value.length > 0 && value.every(isPlainRecord)) {
      const columns = [...new Set(value.flatMap((r) => Object.keys(r)))];
      tables.push({
        name,
        columns,
        rows: value.map((r) => columns.map((c) => (r[c] === undefined ? '–' : formatValue(r[c])))),
      });
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
