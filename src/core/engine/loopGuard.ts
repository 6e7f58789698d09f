// The runtime half of the loop guard: compiled student code calls it at the top of every loop body
// (src/runner/loopGuard.ts inserts the calls). It asks the run's cancel signal every `every`
// iterations (reading the clock is not free) and is sticky: once it has thrown it throws on every
// call, so a student loop that catches the error still stops.
import type { CancelSignal } from './cancel';

/** The function compiled student code calls at the top of every loop body. */
export const LOOP_GUARD = '__hw6_loopGuard';

export function createLoopGuard(signal: CancelSignal, every = 1024): () => void {
  let count = 0;
  let stopped: unknown;
  return () => {
    if (stopped !== undefined) throw stopped;
    if ((++count & (every - 1)) !== 0) return;
    try {
      signal.throwIfCancelled();
    } catch (err) {
      stopped = err;
      throw err;
    }
  };
}
