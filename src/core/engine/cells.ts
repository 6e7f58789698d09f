// Independent cells of an experiment (the autoencoder grid's cells and repeats), run through
// ProblemChild.runCell. In a judged run the judge dispatches them over its processes (ChildEngine's
// pool); a child without a judge's pool runs them here, one after another (sequentialPool).
import type { ProblemChild, ProblemConfig, RunContext } from '../problem';

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
export function sequentialPool<S, C extends ProblemConfig>(
  problem: ProblemChild<S, C>,
  ctx: RunContext<C>,
  solution: S,
): CellPool {
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
