// The pieces every problem's checks build findings from.
import type { Finding } from '../engine/events';
import { ShapeError, StudentFailureError } from '../problem';

/** A check's result at a TODO marker; a failure is an error unless said otherwise. */
export function finding(
  checkId: string,
  marker: string,
  ok: boolean,
  message: string,
  short: string,
  severity: 'error' | 'warning' = 'error',
): Finding {
  return { checkId, ok, message, short, marker, ...(ok ? {} : { severity }) };
}

/**
 * Runs a check. A ShapeError (the judge found the student's return value malformed) becomes that
 * check's failure, at the marker of the function that returned it when the error names one; a
 * StudentFailureError (the student's code threw, looped or returned something unreadable in the
 * child) becomes its failure at the student's line when the child knew it.
 */
export async function guarded(checkId: string, marker: string, fn: () => Finding | Promise<Finding>): Promise<Finding> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ShapeError)
      return { ...finding(checkId, err.marker ?? marker, false, err.message, 'wrong shape'), ...err.shapes };
    if (err instanceof StudentFailureError) {
      const { failure } = err;
      return {
        ...finding(
          checkId,
          failure.marker ?? marker,
          false,
          failure.message,
          failure.reason === 'time-limit' ? 'too slow' : 'threw',
        ),
        ...(failure.location ? { location: failure.location } : {}),
      };
    }
    throw err;
  }
}
