// answers.md in the editor: which diagnostics and inline results (✓ / ✗ after the answer line) a
// finished run leaves there. Pure; headings come from core/answers/document.ts (a line reader, not
// the checker's Markdown parser), and results follow their heading when lines are added above it.
import type { Finding } from '../../core/engine/events';
import { headingLines } from '../../core/answers/document';
import { baseName } from '../../core/paths';
import type { DiagnosticEntry } from './diagnosticModel';
import { truncate, DEFAULT_MAX_LENGTH, type MarkerDecoration } from './decorationModel';

export interface AnswersFileContext {
  /** answers.md's text now (unsaved edits included). */
  text: string;
  /** The text the run read. */
  runText: string;
  /** Its base name, `answers.md`. */
  fileName: string;
  /** The question ids of the problem that ran. */
  ids: readonly string[];
}

/** The run's findings about this answers file. */
export function answerFindings(findings: readonly Finding[], fileName: string): Finding[] {
  return findings.filter(
    (f) => f.answerId !== undefined && (f.location ? baseName(f.location.file) === fileName : f.marker === undefined),
  );
}

/**
 * A finding's 0-based line in the current text: its line in the run's text, moved with its heading
 * (the distance below the heading is kept). Without a location: the heading, else the first line.
 */
function lineNow(
  finding: Finding,
  ctx: AnswersFileContext,
  now: Map<string, number>,
  then: Map<string, number>,
): number {
  const lastLine = ctx.text.split(/\r?\n/).length - 1;
  const id = finding.answerId!;
  const runLine = finding.location && finding.location.line >= 1 ? finding.location.line - 1 : undefined;
  const headingNow = now.get(id);
  const headingThen = then.get(id);
  let line: number;
  if (runLine === undefined) line = headingNow ?? 0;
  else if (headingNow !== undefined && headingThen !== undefined && runLine >= headingThen)
    line = headingNow + (runLine - headingThen);
  else line = runLine;
  return Math.max(0, Math.min(line, lastLine));
}

/** The diagnostics a run leaves in answers.md: every answer finding that did not pass. */
export function answerDiagnosticsFor(findings: readonly Finding[], ctx: AnswersFileContext): DiagnosticEntry[] {
  const now = headingLines(ctx.text, ctx.ids);
  const then = headingLines(ctx.runText, ctx.ids);
  return answerFindings(findings, ctx.fileName)
    .filter((f) => !f.ok)
    .map((f) => ({
      line: lineNow(f, ctx, now, then),
      ...(f.location?.column && f.location.column > 0 ? { column: f.location.column - 1 } : {}),
      severity: f.severity ?? 'error',
      code: f.checkId,
      message: f.message,
    }))
    .sort((a, b) => a.line - b.line);
}

const detail = (f: Finding): string => `${f.ok ? '✓' : '✗'} ${f.answerId} ${f.checkId}: ${f.message}`;

/**
 * The inline results in answers.md, one per answer line: ✗ and the first failure's short text when
 * a finding there failed, else ✓ when one passed. Notes (severity 'info', e.g. not answered yet) do
 * not count: a line with only notes gets none, their diagnostic says it. `markerId` is the answer's id.
 */
export function answerDecorationsFor(
  findings: readonly Finding[],
  ctx: AnswersFileContext,
  options: { maxLength?: number } = {},
): MarkerDecoration[] {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const stale = ctx.text !== ctx.runText;
  const now = headingLines(ctx.text, ctx.ids);
  const then = headingLines(ctx.runText, ctx.ids);
  const byLine = new Map<number, Finding[]>();
  for (const f of answerFindings(findings, ctx.fileName)) {
    const line = lineNow(f, ctx, now, then);
    byLine.set(line, [...(byLine.get(line) ?? []), f]);
  }
  const out: MarkerDecoration[] = [];
  for (const [line, here] of [...byLine].sort((a, b) => a[0] - b[0])) {
    const failed = here.filter((f) => !f.ok && (f.severity ?? 'error') !== 'info');
    let state: MarkerDecoration['state'];
    let short: string;
    if (failed.length > 0) {
      const first = failed[0]!;
      state = 'failed';
      short = `✗ ${truncate(first.short ?? first.message, maxLength - 2)}`;
    } else if (here.some((f) => f.ok)) {
      // Right, with at most notes beside it (their diagnostics carry them).
      state = 'passed';
      const notes = here
        .filter((f) => f.ok)
        .map((f) => f.short)
        .filter((s): s is string => !!s && s !== '✓');
      short = notes.length > 0 ? `✓ ${notes.join(' · ')}` : '✓';
    } else {
      continue;
    }
    const text = truncate(short, maxLength) + (stale ? ' (stale)' : '');
    out.push({ markerId: (failed[0] ?? here[0]!).answerId!, line, state, stale, text, details: here.map(detail) });
  }
  return out;
}
