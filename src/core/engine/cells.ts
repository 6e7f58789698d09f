// Independent cells of an experiment (the autoencoder grid's cells and repeats), run through
// Problem.runCell. A host with worker threads supplies a pool that spreads cells over one worker per
// core (src/runner); everywhere else (the webview, unit tests) cells run here, one after another.
import type { ProblemChild, ProblemConfig, RunContext } from '../problem';
import type { RunEvent } from './events';

export interface CellPool {
  /** How many cells may run at once. */
  readonly size: number;
  /**
   * Runs every cell, at most `size` at a time; `onResult` sees each result as it arrives (in
   * completion order). Resolves with the results in the cells' order. Rejects with the first cell's
   * error (a StudentCodeError keeps its marker) after stopping the others; cancellation of the run
   * (ctx.signal) stops every cell.
   */
  run<Cell, Result>(cells: Cell[], onResult?: (index: number, result: Result) => void): Promise<Result[]>;
}

/** A pool of one: cells run in this thread, in order. */
export function sequentialPool<S, C extends ProblemConfig>(problem: ProblemChild<S, C>, ctx: RunContext<C>, solution: S): CellPool {
  return {
    size: 1,
    async run<Cell, Result>(cells: Cell[], onResult?: (index: number, result: Result) => void): Promise<Result[]> {
      if (!problem.runCell) throw new Error(`Problem ${problem.id} has no runCell.`);
      const results: Result[] = [];
      const cellCtx: RunContext<C> = { ...ctx, pool: undefined };
      for (let i = 0; i < cells.length; i++) {
        ctx.signal.throwIfCancelled();
        const result = (await problem.runCell(cellCtx, solution, cells[i])) as Result;
        results.push(result);
        onResult?.(i, result);
      }
      return results;
    },
  };
}

/**
 * A cell failed in another thread: `event` is its error event as a run would have emitted it (reason,
 * message, the student's line and TODO marker). runProblem ends the run with exactly this event.
 */
export class CellError extends Error {
  constructor(readonly event: Extract<RunEvent, { type: 'error' }>) {
    super(event.message);
    this.name = 'CellError';
  }
}
