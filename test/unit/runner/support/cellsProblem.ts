// A problem that exists only in the runner tests ('cells-test'): its run sends cells to ctx.pool and
// reports what the pool did (results, completion order, threads, times). The student's file exports
// `f(x)` under the marker `cells.f`; cells call it, so a student error or loop happens in a cell.
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { threadId } from 'node:worker_threads';
import { callStudent, requireFunction, type Problem, type ProblemConfig, type RunContext } from '../../../../src/core/problem';

export const CELLS_PROBLEM_ID = 'cells-test';
export const CELLS_MARKER = 'cells.f';

export type Stall = 'poll' | 'block';
export type CellsMode = 'values' | 'rendezvous' | 'student' | 'heartbeat' | 'asset' | 'twice' | 'leak' | 'ticks' | 'cell-ticks';

export interface CellsConfig extends ProblemConfig {
  mode: CellsMode;
  /** 'values': one cell per entry, each sleeping that many ms. */
  sleeps?: number[];
  /** 'heartbeat': the file the cells keep writing until they are stopped. */
  heartbeatFile?: string;
  /** 'asset': the asset each cell reads. */
  asset?: string;
  /**
   * 'ticks' (in the run's thread) and 'cell-ticks' (in 2 cells): a `tick` metric every 100 ms for
   * this long; then the run or each cell returns, or stalls: 'poll' waits checking its signal, 'block'
   * blocks its thread (no signal check) for 10 s.
   */
  ticksMs?: number;
  stall?: Stall;
}

interface Solution {
  f(x: number): number;
}

type Cell =
  | { kind: 'value'; x: number; sleepMs: number }
  | { kind: 'rendezvous'; shared: SharedArrayBuffer; me: 0 | 1 }
  | { kind: 'student'; x: number }
  | { kind: 'heartbeat'; file: string }
  | { kind: 'asset'; name: string }
  | { kind: 'leak'; tensors: number }
  | { kind: 'ticks'; ms: number; stall?: Stall };

export interface CellReport {
  x?: number;
  y?: number;
  thread: number;
  start: number;
  end: number;
  /** 'rendezvous': the other cell was running at the same time. */
  met?: boolean;
  bytes?: number;
  /** Whether this cell's ctx had a pool or files. */
  pool: boolean;
  files: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reports progress (a metric, as problem 4's cells do per epoch) every 100 ms for `ms`; then returns, or stalls until stopped. */
async function tick(ctx: RunContext, ms: number, stall: Stall | undefined): Promise<number> {
  const until = Date.now() + ms;
  let step = 0;
  while (Date.now() < until) {
    ctx.emit({ type: 'metric', name: 'tick', step: step++, value: Date.now() });
    await sleep(100);
    ctx.signal.throwIfCancelled();
  }
  if (stall === 'block') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  for (; stall === 'poll'; ) {
    await sleep(20);
    ctx.signal.throwIfCancelled();
  }
  return step;
}

export const cellsProblem: Problem<Solution, CellsConfig> = {
  id: CELLS_PROBLEM_ID,
  title: 'Cells (runner test)',
  questions: [],
  studentFile: 'cells.ts',
  markers: [{ id: CELLS_MARKER, title: 'f', exports: ['f'] }],
  defaultConfig: (quick) => ({ seed: 1, quick, mode: 'values' }),
  reference: { f: (x) => 2 * x },
  solutionFrom: (exports) => ({ f: requireFunction(exports, 'f', 'cells.ts', CELLS_MARKER) }),

  async run(ctx) {
    const pool = ctx.pool!;
    const c = ctx.config;
    if (c.mode === 'ticks') return { ticks: await tick(ctx, c.ticksMs ?? 0, c.stall) };
    let cells: Cell[];
    if (c.mode === 'cell-ticks') {
      cells = [0, 1].map(() => ({ kind: 'ticks', ms: c.ticksMs ?? 0, stall: c.stall }));
    } else if (c.mode === 'rendezvous') {
      const shared = new SharedArrayBuffer(8);
      cells = [
        { kind: 'rendezvous', shared, me: 0 },
        { kind: 'rendezvous', shared, me: 1 },
      ];
    } else if (c.mode === 'student') {
      cells = [1, 2, 3, 4].map((x) => ({ kind: 'student', x }));
    } else if (c.mode === 'heartbeat') {
      cells = [0, 1].map(() => ({ kind: 'heartbeat', file: c.heartbeatFile! }));
    } else if (c.mode === 'leak') {
      cells = [0, 2].map((tensors) => ({ kind: 'leak', tensors }));
    } else if (c.mode === 'asset') {
      cells = [0, 1].map(() => ({ kind: 'asset', name: c.asset! }));
    } else {
      cells = (c.sleeps ?? [0, 0, 0, 0]).map((sleepMs, x) => ({ kind: 'value', x, sleepMs }));
    }
    const completion: number[] = [];
    const results = await pool.run<Cell, CellReport>(cells, (index) => completion.push(index));
    // 'twice': a second batch on the same pool (its workers are reused)
    const again = c.mode === 'twice' ? await pool.run<Cell, CellReport>(cells) : [];
    return { poolSize: pool.size, results, completion, again };
  },

  async checks() {
    return [];
  },

  async runCell(ctx, solution, raw) {
    const cell = raw as Cell;
    const start = Date.now();
    const base = { thread: threadId, start, pool: ctx.pool !== undefined, files: ctx.files !== undefined };
    switch (cell.kind) {
      case 'value':
        await sleep(cell.sleepMs);
        return { ...base, x: cell.x, y: callStudent(CELLS_MARKER, () => solution.f(cell.x)), end: Date.now() };
      case 'student':
        return { ...base, x: cell.x, y: callStudent(CELLS_MARKER, () => solution.f(cell.x)), end: Date.now() };
      case 'rendezvous': {
        // each cell raises its flag and waits for the other's: only cells running at once meet
        const flags = new Int32Array(cell.shared);
        Atomics.store(flags, cell.me, 1);
        Atomics.notify(flags, cell.me);
        const other = 1 - cell.me;
        const met = Atomics.wait(flags, other, 0, 5000) !== 'timed-out' || Atomics.load(flags, other) === 1;
        return { ...base, met, end: Date.now() };
      }
      case 'heartbeat':
        for (;;) {
          writeFileSync(cell.file, `${threadId} ${Date.now()}`);
          await sleep(20);
          ctx.signal.throwIfCancelled();
        }
      case 'leak':
        for (let i = 0; i < cell.tensors; i++) tf.scalar(i);
        tf.tidy(() => {
          tf.scalar(1).add(1); // freed: not counted
        });
        return { ...base, end: Date.now() };
      case 'ticks':
        return { ...base, y: await tick(ctx, cell.ms, cell.stall), end: Date.now() };
      case 'asset':
        return { ...base, bytes: (await ctx.files!.readAsset(cell.name)).length, end: Date.now() };
    }
  },
};
