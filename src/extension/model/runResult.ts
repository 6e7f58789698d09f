// What one finished run left behind for the editor: its findings and, when it could not finish,
// its error. Decorations and diagnostics are both computed from this, never from the live stream.
import type { Finding, RunEvent } from '../../core/engine/events';
import type { MarkerNote } from './markerNotes';

export type RunErrorEvent = Extract<RunEvent, { type: 'error' }>;

export interface RunResult {
  problemId: string;
  /** Every finding the run emitted, passed ones included. */
  findings: Finding[];
  /** Set when the run ended with an `error` event. */
  error?: RunErrorEvent;
  /** Values the run measured, shown at their markers (problem 4: the last validation loss, probe accuracy). */
  notes?: MarkerNote[];
}

/**
 * Adds `finding` unless the same result is already there: problem 4's grid cells run the same code
 * many times, and a check that fails in every cell is one diagnostic, not one per cell.
 */
export function addFinding(findings: Finding[], finding: Finding): void {
  const key = findingKey(finding);
  if (!findings.some((f) => findingKey(f) === key)) findings.push(finding);
}

function findingKey(f: Finding): string {
  return JSON.stringify([
    f.checkId,
    f.ok,
    f.message,
    f.marker ?? null,
    f.answerId ?? null,
    f.location?.file ?? null,
    f.location?.line ?? null,
    f.location?.column ?? null,
    f.severity ?? null,
  ]);
}

const ERROR_TITLES: Record<RunErrorEvent['reason'], string> = {
  syntax: 'Syntax error',
  'student-code': 'Your code threw',
  'time-limit': 'Time limit',
  shape: 'Missing or mistyped export',
  settings: 'Bad setting',
  memory: 'Out of memory',
  internal: 'HW6 Lab failed',
  cancelled: 'Cancelled',
};

/** Prefixes hosts put on messages that the title already says (a student's TypeError is kept: it informs). */
const REDUNDANT_PREFIX = /^(Syntax ?error|TimeLimitError|MemoryLimitError|ShapeError|CancelledError):\s*/i;

/** One sentence for an error: what kind it is, where, and the message. */
export function errorText(error: RunErrorEvent): string {
  const at = error.location && error.location.line > 0 ? ` (line ${error.location.line})` : '';
  return `${ERROR_TITLES[error.reason]}${at}: ${error.message.replace(REDUNDANT_PREFIX, '')}`;
}
