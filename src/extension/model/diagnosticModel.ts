// Which diagnostics a finished run leaves in the student's file. The codes and lines come from
// core/locate.ts (shared with the CLI's `check --json`); this adds what only an open editor needs:
// results without a marker of their own go to the problem's first marker, answers.md findings stay
// out of the code file, and lines are clamped to the document as it is now.
import type { Finding, Severity, SourceLocation } from '../../core/engine/events';
import { markerOrDeclarationLine, runDiagnostics } from '../../core/locate';
import { markerLines, defaultMarker, type FileContext } from './placement';
import type { RunResult } from './runResult';

export interface DiagnosticEntry {
  /** 0-based line. */
  line: number;
  /** 0-based column where the problem starts, when known (syntax errors, exceptions). */
  column?: number;
  severity: Severity;
  /** Stable code: a check id (`q5.topk-kept`) or a run-error code (`hw6.syntax`). */
  code: string;
  message: string;
  /** Failures that follow from this one, shown as its related information. */
  related?: Array<{ code: string; message: string }>;
  /** Its hint ladder, one level per "Show hint". */
  hints?: string[];
}

export function diagnosticsFor(result: RunResult, ctx: FileContext): DiagnosticEntry[] {
  const lines = markerLines(ctx.text);
  const fallback = defaultMarker(ctx, lines);
  // a marker the student deleted still has its function's declaration (core/locate.ts)
  const locatable = (marker: string): boolean =>
    lines.has(marker) || markerOrDeclarationLine(ctx.text, marker) !== undefined;
  const placed = (f: { marker?: string }): string | undefined =>
    f.marker !== undefined && locatable(f.marker) ? f.marker : fallback;
  // A location counts only when it is a real line of this file; else the result goes to its marker.
  const inThisFile = (loc: SourceLocation | undefined): boolean =>
    !!loc && loc.line >= 1 && loc.file.split(/[\\/]/).pop() === ctx.fileName;
  const place = <T extends { marker?: string; location?: SourceLocation }>(x: T): T =>
    inThisFile(x.location) ? x : { ...x, location: undefined, marker: placed(x) };
  const findings: Finding[] = result.findings
    .filter((f) => f.answerId === undefined || f.marker !== undefined)
    .map(place);
  const error = result.error && place(result.error);
  const lastLine = ctx.text.split(/\r?\n/).length - 1;
  return runDiagnostics({ file: ctx.fileName, studentText: ctx.text, findings, error })
    .map((d) => ({
      line: Math.min(d.line - 1, lastLine),
      ...(d.column !== undefined && d.column > 0 ? { column: d.column - 1 } : {}),
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.related ? { related: d.related } : {}),
      ...(d.hints ? { hints: d.hints } : {}),
    }))
    .sort((a, b) => a.line - b.line);
}
