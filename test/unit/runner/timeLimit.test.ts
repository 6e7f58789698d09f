// The time limit is a no-progress watchdog (src/core/engine/cancel.ts): a run that keeps reporting
// progress goes on past it; one that stops reporting is stopped one limit after its last progress.
// Driven with the test-only 'cells-test' problem's 'ticks' modes (a `tick` metric every 100 ms,
// whose value is the worker's clock), in the run's thread, in cell workers, and on a bare pool.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunEvent } from '../../../src/core/engine/events';
import { TimeLimitError } from '../../../src/core/engine/cancel';
import { CellError } from '../../../src/core/engine/cells';
import type { RunHandle } from '../../../src/runner/runner';
import { threadPool } from '../../../src/runner/cellPool';
import { WorkerRunner, type WorkerRunnerOptions } from '../../../src/runner/workerRunner';
import type { CellWorkerStart } from '../../../src/runner/workerProtocol';
import { buildBundles, type Bundles } from './bundles';
import { repoRoot } from './paths';
import { CELLS_PROBLEM_ID, type CellsConfig } from './support/cellsProblem';

type Terminal = Extract<RunEvent, { type: 'done' | 'error' }>;

interface Ended {
  last: Terminal;
  /** When the terminal event arrived, and when the last tick was sent (the worker's clock). */
  endedAt: number;
  lastTick: number;
  ticks: number;
}

async function ended(handle: RunHandle): Promise<Ended> {
  let last: Terminal | undefined;
  let lastTick = 0;
  let ticks = 0;
  for await (const e of handle.events) {
    if (e.type === 'metric' && e.name === 'tick') {
      ticks++;
      lastTick = Math.max(lastTick, e.value);
    }
    if (e.type === 'done' || e.type === 'error') last = e;
  }
  assert.ok(last, 'the run ended');
  return { last, endedAt: Date.now(), lastTick, ticks };
}

const config = (c: Partial<CellsConfig>): Partial<CellsConfig> => ({ quick: true, ...c });

/** Stopped with the time-limit error about `limitMs` after the last tick (up to `slackMs` late on a loaded machine). */
function assertStoppedAfterLastTick(run: Ended, limitMs: number, slackMs: number): void {
  assert.equal(run.last.type, 'error', `expected the time limit, got ${JSON.stringify(run.last).slice(0, 300)}`);
  const err = run.last as Extract<RunEvent, { type: 'error' }>;
  assert.equal(err.reason, 'time-limit', err.message);
  assert.match(err.message, /made no progress for \d+ s/);
  const quiet = run.endedAt - run.lastTick;
  assert.ok(quiet >= limitMs - 50 && quiet <= limitMs + slackMs, `stopped ${quiet} ms after the last progress (limit ${limitMs} ms)`);
}

describe('time limit: no progress for the limit stops a run, progress keeps it going', function () {
  this.timeout(60_000);
  let bundles: Bundles;
  let options: WorkerRunnerOptions;

  before(async function () {
    this.timeout(120_000);
    bundles = await buildBundles();
    options = { workerScript: bundles.cellsWorker, wasmDir: bundles.wasmDir, mediaDir: join(repoRoot(), 'media'), poolSize: 2 };
  });

  describe("in the run's worker (WorkerRunner)", () => {
    const limit = 2000;

    it('lets a run that keeps reporting progress go on well past the limit', async () => {
      const started = Date.now();
      const run = await ended(new WorkerRunner(options).start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'ticks', ticksMs: 2.5 * limit }), solution: { kind: 'reference' }, timeLimitMs: limit }));
      assert.equal(run.last.type, 'done', JSON.stringify(run.last).slice(0, 300));
      assert.ok(Date.now() - started > 2 * limit, 'the run took longer than the limit');
    });

    it('stops a run one limit after its last progress, by its own signal', async () => {
      const run = await ended(new WorkerRunner(options).start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'ticks', ticksMs: 1.5 * limit, stall: 'poll' }), solution: { kind: 'reference' }, timeLimitMs: limit }));
      assert.ok(run.ticks >= 10, `it made progress first (${run.ticks} ticks)`);
      assertStoppedAfterLastTick(run, limit, 1000);
    });

    it("moves the host's backstop too: a worker blocked after long progress is terminated one limit plus the grace after it", async () => {
      const graceMs = 500;
      const run = await ended(new WorkerRunner({ ...options, graceMs }).start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'ticks', ticksMs: 1.5 * limit, stall: 'block' }), solution: { kind: 'reference' }, timeLimitMs: limit }));
      // the host hears of a new deadline once it has moved 250 ms (DEADLINE_STEP_MS): up to that much early
      assertStoppedAfterLastTick(run, limit + graceMs - 250, 1500);
    });
  });

  describe('in cell workers (WorkerRunner with a pool of 2)', () => {
    // cell workers start up (tfjs, the solution) inside the limit: not too small on a loaded machine
    const limit = 3000;

    it('lets cells that keep reporting progress go on past the limit', async () => {
      const run = await ended(new WorkerRunner(options).start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'cell-ticks', ticksMs: 2 * limit }), solution: { kind: 'reference' }, timeLimitMs: limit }));
      assert.equal(run.last.type, 'done', JSON.stringify(run.last).slice(0, 300));
    });

    it("stops cells one limit after their last progress, with the run's time-limit error", async () => {
      const run = await ended(new WorkerRunner(options).start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'cell-ticks', ticksMs: 1.5 * limit, stall: 'poll' }), solution: { kind: 'reference' }, timeLimitMs: limit }));
      assertStoppedAfterLastTick(run, limit, 1000);
    });
  });

  describe('on a bare pool (threadPool)', () => {
    const limit = 3000;
    // the cell worker's own error (its stack mapped through the bundle's source map) must come first
    const graceMs = 1000;
    const start = (): CellWorkerStart => ({
      mode: 'cell',
      request: { problemId: CELLS_PROBLEM_ID, config: config({ mode: 'values' }), solution: { kind: 'reference' } },
      wasmDir: bundles.wasmDir,
      mediaDir: join(repoRoot(), 'media'),
      timeLimitMs: limit,
    });
    const poolOf = (onTick: (value: number) => void, onProgress = () => {}) =>
      threadPool({
        size: 2,
        spawn: () => new Worker(bundles.cellsWorker, { workerData: start(), stdout: true, stderr: true }),
        emit: (e) => {
          if (e.type === 'metric' && e.name === 'tick') onTick(e.value);
        },
        onProgress,
        timeLimitMs: limit,
        graceMs,
      });

    it("resolves cells that report progress past the limit, and passes their progress on (the run's watchdog)", async () => {
      let progress = 0;
      const pool = poolOf(() => {}, () => progress++);
      try {
        const results = await pool.run<unknown, { y: number }>([{ kind: 'ticks', ms: 2 * limit }]);
        assert.ok(results[0]!.y >= 20, `${results[0]!.y} ticks`);
        assert.ok(progress >= 20, `onProgress called ${progress} times`);
      } finally {
        await pool.close();
      }
    });

    it('rejects with the time-limit error one limit plus the grace after the last progress of a cell that blocks', async () => {
      let lastTick = 0;
      const pool = poolOf((value) => (lastTick = Math.max(lastTick, value)));
      try {
        const rejected = await pool.run([{ kind: 'ticks', ms: 1.5 * limit, stall: 'block' }]).then(
          () => undefined,
          (err: unknown) => err,
        );
        const quiet = Date.now() - lastTick;
        assert.ok(rejected instanceof TimeLimitError, `rejected with ${String(rejected)}`);
        assert.ok(lastTick > 0, 'the cell made progress first');
        assert.ok(quiet >= limit + graceMs - 50 && quiet <= limit + graceMs + 1000, `stopped ${quiet} ms after the last progress`);
        assert.equal(pool.workerCount, 0);
      } finally {
        await pool.close();
      }
    });

    it("stops a cell that polls its signal by the cell worker's own moving deadline (a CellError with reason time-limit)", async () => {
      let lastTick = 0;
      const pool = poolOf((value) => (lastTick = Math.max(lastTick, value)));
      try {
        const rejected = await pool.run([{ kind: 'ticks', ms: 1.5 * limit, stall: 'poll' }]).then(
          () => undefined,
          (err: unknown) => err,
        );
        const quiet = Date.now() - lastTick;
        assert.ok(rejected instanceof CellError && rejected.event.reason === 'time-limit', `rejected with ${String(rejected)}`);
        assert.ok(quiet >= limit - 50 && quiet <= limit + 1000, `stopped ${quiet} ms after the last progress`);
      } finally {
        await pool.close();
      }
    });
  });
});
