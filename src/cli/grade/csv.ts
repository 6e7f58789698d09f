// The gradebook: one row per submission with its total, each problem's check points and each
// answers.md question's points, in the rubric's order (RFC 4180 quoting).
import { problemCatalog } from '../../core/problems/catalog';
import type { Rubric } from './rubric';
import type { SubmissionGrade } from './score';

/** A graded submission, or one that could not be graded (`failed` says why). */
export type GradebookRow = { grade: SubmissionGrade } | { name: string; failed: string };

export function gradebookCsv(rubric: Rubric, rows: readonly GradebookRow[]): string {
  const problemIds = problemCatalog
    .map((p) => p.id)
    .filter((id) => rubric.items.some((i) => i.kind === 'check' && i.problemId === id));
  const questions = rubric.items.filter((i) => i.kind === 'question');
  const header = [
    'submission',
    'total',
    'max',
    ...problemIds.map((id) => `${id} checks`),
    ...questions.map((q) => q.id),
    'not run',
    'note',
  ];
  const lines = [header];
  for (const row of rows) {
    if ('failed' in row) {
      lines.push([
        row.name,
        '0',
        String(rubric.maxScore),
        ...problemIds.map(() => '0'),
        ...questions.map(() => '0'),
        '',
        row.failed,
      ]);
      continue;
    }
    const g = row.grade;
    const checkPoints = (id: string): number =>
      g.items.filter((i) => i.item.kind === 'check' && i.item.problemId === id).reduce((s, i) => s + i.score, 0);
    const question = (id: string): number =>
      g.items.find((i) => i.item.kind === 'question' && i.item.id === id)?.score ?? 0;
    lines.push([
      g.name,
      String(g.score),
      String(g.maxScore),
      ...problemIds.map((id) => String(round(checkPoints(id)))),
      ...questions.map((q) => String(question(q.id))),
      g.items
        .filter((i) => i.notRun)
        .map((i) => i.item.id)
        .join(' '),
      '',
    ]);
  }
  return lines.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

function quote(raw: string): string {
  // a cell starting with = + - @ would be a formula to a spreadsheet
  const cell = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
