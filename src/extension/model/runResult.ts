// What one finished run left behind for the editor: its findings and, when it could not finish,
// its error. Decorations and diagnostics are both computed from this, never from the live stream.
import type { Finding, RunEvent } from '../../core/engine/events';

export type RunErrorEvent = Extract<RunEvent, { type: 'error' }>;

export interface RunResult {
  problemId: string;
  /** Every finding the run emitted, passed ones included. */
  findings: Finding[];
  /** Set when the run ended with an `error` event (never for `cancelled`: a cancelled run leaves no result). */
  error?: RunErrorEvent;
}

/** Stable diagnostic codes for runs that ended in an error rather than in findings (see docs/checks.md). */
export const ERROR_CODES: Record<Exclude<RunErrorEvent['reason'], 'cancelled'>, string> = {
  syntax: 'hw6.syntax-error',
  'student-code': 'hw6.exception',
  'time-limit': 'hw6.time-limit',
  shape: 'hw6.shape',
  internal: 'hw6.internal',
};

const ERROR_TITLES: Record<keyof typeof ERROR_CODES, string> = {
  syntax: 'Syntax error',
  'student-code': 'Your code threw',
  'time-limit': 'Time limit',
  shape: 'Missing or mistyped export',
  internal: 'HW6 Lab failed',
};

export function errorCode(error: RunErrorEvent): string {
  return error.reason === 'cancelled' ? 'hw6.cancelled' : ERROR_CODES[error.reason];
}

/** One sentence for an error: what kind it is, and the message. */
export function errorText(error: RunErrorEvent): string {
  const title = error.reason === 'cancelled' ? 'Cancelled' : ERROR_TITLES[error.reason];
  const at = error.location && error.location.line > 0 ? ` (line ${error.location.line})` : '';
  return `${title}${at}: ${error.message}`;
}
