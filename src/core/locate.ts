// Where findings and errors belong in a student's file, and the flat diagnostics both the CLI's
// `check --json` and the extension's vscode.Diagnostics are made from. Pure: shared by every host.
import type { ErrorReason, Finding, RunEvent, Severity, SourceLocation } from './engine/events';
import { declarationLine, markerLine } from './markers';
import { problemCatalog } from './problems/catalog';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

/** The file a finding is about: answers.md for an answer with a location, else the student's file. */
export function findingFile(finding: Finding, studentFile: string): string {
  return finding.answerId !== undefined && finding.location ? finding.location.file : studentFile;
}

/** 0-based line of a finding: its precise location, else its TODO marker's line. */
export function findingLine(finding: Finding, studentText: string): number | undefined {
  return lineOf(finding.location, finding.marker, studentText);
}

/** 0-based line of a run's error: where the student's code threw, else the marker whose code ran. */
export function errorLine(event: ErrorEvent, studentText: string): number | undefined {
  return lineOf(event.location, event.marker, studentText);
}

function lineOf(location: SourceLocation | undefined, marker: string | undefined, text: string): number | undefined {
  if (location && location.line >= 1) return location.line - 1;
  return marker ? markerOrDeclarationLine(text, marker) : undefined;
}

/** 0-based line of a TODO marker, or where the student deleted it, of the function it stood for. */
export function markerOrDeclarationLine(text: string, marker: string): number | undefined {
  return markerLine(text, marker) ?? declarationLine(text, exportsOfMarker(marker));
}

/** The functions a TODO marker stands for, from the problems' metadata. */
function exportsOfMarker(marker: string): readonly string[] {
  for (const p of problemCatalog) for (const m of p.markers) if (m.id === marker) return m.exports ?? [];
  return [];
}

/** One problem to report, flat: what `check --json` prints and what becomes a vscode.Diagnostic. */
export interface FlatDiagnostic {
  /** The student's file (workspace-relative). */
  file: string;
  /** 1-based; 1 when neither a location nor the marker can be found in the file. */
  line: number;
  column?: number;
  severity: Severity;
  /** The check id, or hw6.syntax / hw6.exception / hw6.time-limit / hw6.shape / hw6.internal. */
  code: string;
  message: string;
  /** Failures that follow from this one (their `causedBy` is its code): one root cause, one diagnostic. */
  related?: Array<{ code: string; message: string }>;
  /** The finding's hint ladder (Finding.hints). */
  hints?: string[];
}

export const ERROR_CODES: Record<Exclude<ErrorReason, 'cancelled'>, string> = {
  syntax: 'hw6.syntax',
  'student-code': 'hw6.exception',
  'time-limit': 'hw6.time-limit',
  shape: 'hw6.shape',
  settings: 'hw6.settings',
  memory: 'hw6.memory',
  internal: 'hw6.internal',
};

/**
 * The diagnostics of one run of one student file: every failed finding, and the run's error
 * (a cancelled run reports nothing: it says nothing about the code).
 */
export function runDiagnostics(run: {
  file: string;
  studentText: string;
  findings: readonly Finding[];
  error?: ErrorEvent;
}): FlatDiagnostic[] {
  const out: FlatDiagnostic[] = [];
  const failed = new Set(run.findings.filter((f) => !f.ok).map((f) => f.checkId));
  const followOns = (code: string) => run.findings.filter((f) => !f.ok && f.causedBy === code && f.checkId !== code);
  for (const finding of run.findings) {
    if (finding.ok || (finding.causedBy !== undefined && failed.has(finding.causedBy))) continue;
    const related = followOns(finding.checkId).map((f) => ({ code: f.checkId, message: f.message }));
    out.push({
      file: findingFile(finding, run.file),
      line: (findingLine(finding, run.studentText) ?? 0) + 1,
      ...(finding.location?.column ? { column: finding.location.column } : {}),
      severity: finding.severity ?? 'error',
      code: finding.checkId,
      message: finding.message,
      ...(related.length ? { related } : {}),
      ...(finding.hints?.length ? { hints: finding.hints } : {}),
    });
  }
  const error = run.error;
  if (error && error.reason !== 'cancelled') {
    out.push({
      file: run.file,
      line: (errorLine(error, run.studentText) ?? 0) + 1,
      ...(error.location?.column ? { column: error.location.column } : {}),
      severity: 'error',
      code: ERROR_CODES[error.reason],
      message: error.message,
    });
  }
  return out;
}
