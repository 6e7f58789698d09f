// A problem that exists only in the runner tests ('toy'): the student's file exports add(a, b)
// under the marker toy.add. Its run asks the judge for cells when the config lists some, so the
// tests see cells spread over processes; its check compares add's answers with the judge's own sums.
import { z } from 'zod';
import {
  callStudent,
  requireFunction,
  type Problem,
  type ProblemChild,
  type ProblemConfig,
} from '../../../../src/core/problem';
import { finding, guarded } from '../../../../src/core/problems/findings';

export const TOY_ID = 'toy';
export const TOY_MARKER = 'toy.add';
export const TOY_FILE = 'toy.ts';

export interface ToyConfig extends ProblemConfig {
  /** Cells the run asks for: each computes add(cell, 1) in whichever process the judge chose. */
  cells?: number[];
}

interface ToySolution {
  add(a: number, b: number): number;
}

export interface ToyCellResult {
  y: number;
  pid: number;
}

export const toyChild: ProblemChild<ToySolution, ToyConfig> = {
  id: TOY_ID,
  solutionFrom: (exports) => ({ add: requireFunction(exports, 'add', TOY_FILE, TOY_MARKER) }),
  async run(ctx, solution) {
    ctx.emit({ type: 'progress', fraction: 0.5, message: 'adding' });
    const sum = callStudent(TOY_MARKER, () => solution.add(2, 3));
    const cells = ctx.config.cells ? await ctx.pool!.run<number, ToyCellResult>(ctx.config.cells) : undefined;
    return { metrics: { sum }, record: { sum, ...(cells ? { cells } : {}) } };
  },
  async runCell(_ctx, solution, cell) {
    return { y: callStudent(TOY_MARKER, () => solution.add(cell as number, 1)), pid: process.pid };
  },
};

export const toyProblem: Problem<ToyConfig> = {
  id: TOY_ID,
  title: 'Toy',
  questions: [],
  studentFile: TOY_FILE,
  markers: [{ id: TOY_MARKER, title: 'add', exports: ['add'] }],
  defaultConfig: (quick) => ({ seed: 0, quick }),
  hasCells: true,
  recordSchema: z.object({ sum: z.number(), cells: z.array(z.object({ y: z.number(), pid: z.number() })).optional() }),
  async checks(ctx) {
    const cases: [number, number][] = [
      [1, 2],
      [10, -4],
      [-2.5, 0.25],
    ];
    return [
      await guarded('toy.add', TOY_MARKER, async () => {
        const outcomes = await ctx.child.call(TOY_MARKER, 'add', cases);
        for (const [i, [a, b]] of cases.entries()) {
          const outcome = outcomes[i]!;
          if (!outcome.ok) {
            const { message, location } = outcome.failure;
            return { ...finding('toy.add', TOY_MARKER, false, message, 'threw'), ...(location ? { location } : {}) };
          }
          // the judge's own arithmetic, in its own process: nothing the student patched reaches it
          if (typeof outcome.value !== 'number' || Math.abs(outcome.value - (a + b)) > 1e-9) {
            return finding(
              'toy.add',
              TOY_MARKER,
              false,
              `add(${a}, ${b}) returned ${String(outcome.value)}; expected ${a + b}.`,
              'wrong',
            );
          }
        }
        return finding('toy.add', TOY_MARKER, true, 'add adds.', 'add ✓');
      }),
    ];
  },
};
