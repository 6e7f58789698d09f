// Which diagnostics a finished run leaves in the student's file. Pure: the vscode glue in
// diagnostics.ts turns these entries into vscode.Diagnostic objects.
import type { Severity } from '../../core/engine/events';
import { errorCode, errorText, type RunResult } from './runResult';
import { errorLine, findingLine, type FileContext } from './placement';

export interface DiagnosticEntry {
  /** 0-based line. */
  line: number;
  /** 0-based column where the problem starts, when known (syntax errors, exceptions). */
  column?: number;
  severity: Severity;
  /** Stable code: a check id (`q5.topk-kept`) or a run-error code (`hw6.syntax-error`). */
  code: string;
  message: string;
}

export function diagnosticsFor(result: RunResult, ctx: FileContext): DiagnosticEntry[] {
  const entries: DiagnosticEntry[] = [];
  for (const finding of result.findings) {
    // answers.md findings belong to another document.
    if (finding.ok || finding.answerId !== undefined) continue;
    const column = finding.location?.column;
    entries.push({
      line: findingLine(finding, ctx),
      ...(column !== undefined && column > 0 ? { column: column - 1 } : {}),
      severity: finding.severity ?? 'error',
      code: finding.checkId,
      message: finding.message,
    });
  }
  const error = result.error;
  if (error && error.reason !== 'cancelled') {
    const column = error.location?.column;
    entries.push({
      line: errorLine(error, ctx),
      ...(column !== undefined && column > 0 ? { column: column - 1 } : {}),
      severity: 'error',
      code: errorCode(error),
      message: errorText(error),
    });
  }
  return entries.sort((a, b) => a.line - b.line);
}
