// The pieces every problem's checks build findings from.
import type { Finding } from '../engine/events';
import { ShapeError } from '../problem';

/** A check's result at a TODO marker; a failure is an error unless said otherwise. */
export function finding(checkId: string, marker: string, ok: boolean, message: string, short: string, severity: 'error' | 'warning' = 'error'): Finding {
  return { checkId, ok, message, short, marker, ...(ok ? {} : { severity }) };
}

/**
 * Runs a check; a ShapeError from the student's return value becomes that check's failure, at the
 * marker of the function that returned it when the error names one.
 */
export function guarded(checkId: string, marker: string, fn: () => Finding): Finding {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ShapeError) return finding(checkId, err.marker ?? marker, false, err.message, 'wrong shape');
    throw err;
  }
}
