import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunEvent } from '../../../src/core/engine/events';
import type { RunHandle, RunRequest } from '../../../src/runner/runner';
import { WorkerRunner, type WorkerRunnerOptions } from '../../../src/runner/workerRunner';
import { poolSizeFrom, threadPool } from '../../../src/runner/cellPool';
import { CellError } from '../../../src/core/engine/cells';
import { TimeLimitError } from '../../../src/core/engine/cancel';
import type { CellWorkerStart } from '../../../src/runner/workerProtocol';
import { buildBundles, type Bundles } from './bundles';
import { repoRoot } from './paths';
import { CELLS_MARKER, CELLS_PROBLEM_ID, type CellReport, type CellsConfig } from './support/cellsProblem';

type Terminal = Extract<RunEvent, { type: 'done' | 'error' }>;
type ErrorEvent = Extract<RunEvent, { type: 'error' }>;
interface Metrics {
  poolSize: number;
  results: CellReport[];
  completion: number[];
  again: CellReport[];
}

const STUDENT_FILE = join(repoRoot(), 'test', 'fixtures', 'runner', 'inline', 'cells.ts');
const student = (source: string): RunRequest['solution'] => ({ kind: 'student', file: STUDENT_FILE, source });
const config = (c: Partial<CellsConfig>): Partial<CellsConfig> => ({ quick: true, ...c });

async function collect(handle: RunHandle): Promise<{ events: RunEvent[]; last: Terminal }> {
  const events: RunEvent[] = [];
  for await (const e of handle.events) events.push(e);
  const last = events.at(-1) as Terminal;
  assert.equal(events.filter((e) => e.type === 'done' || e.type === 'error').length, 1, 'exactly one done/error event');
  return { events, last };
}

function metricsOf(last: Terminal): Metrics {
  assert.equal(last.type, 'done', `expected done, got ${JSON.stringify(last).slice(0, 400)}`);
  return (last as Extract<RunEvent, { type: 'done' }>).metrics as unknown as Metrics;
}

function errorOf(last: Terminal): ErrorEvent {
  assert.equal(last.type, 'error', `expected an error, got ${JSON.stringify(last).slice(0, 400)}`);
  return last as ErrorEvent;
}

/** OS threads of this process (each worker thread is one, plus its V8 helpers). */
const threadCount = (): number => readdirSync('/proc/self/task').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The thread count once it has not changed for half a second (threads of earlier tests may still be ending). */
async function settledThreadCount(): Promise<number> {
  let last = threadCount();
  for (let same = 0, i = 0; same < 5 && i < 100; i++) {
    await sleep(100);
    const now = threadCount();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

describe('cell pool: Problem.runCell on worker threads (src/runner/cellPool.ts, cellWorker.ts)', function () {
  this.timeout(60_000);
  let bundles: Bundles;
  let options: WorkerRunnerOptions;
  let runner: WorkerRunner;

  before(async function () {
    this.timeout(120_000);
    bundles = await buildBundles();
    options = { workerScript: bundles.cellsWorker, wasmDir: bundles.wasmDir, mediaDir: join(repoRoot(), 'media'), poolSize: 2 };
    runner = new WorkerRunner(options);
  });

  it('runs cells on 2 threads at once: two cells that each wait for the other both meet', async () => {
    const { last } = await collect(runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'rendezvous' }), solution: { kind: 'reference' } }));
    const m = metricsOf(last);
    assert.equal(m.poolSize, 2);
    assert.deepEqual(m.results.map((r) => r.met), [true, true], 'each cell saw the other running');
    assert.notEqual(m.results[0].thread, m.results[1].thread);
    assert.ok(m.results.every((r) => r.files && !r.pool), "a cell's ctx has files and no pool of its own");
  });

  it('resolves results in cell order, calls onResult in completion order, and reuses its workers', async () => {
    const { last } = await collect(runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'twice', sleeps: [2500, 10, 10, 10] }), solution: { kind: 'reference' } }));
    const m = metricsOf(last);
    assert.deepEqual(m.results.map((r) => [r.x, r.y]), [[0, 0], [1, 2], [2, 4], [3, 6]]);
    assert.deepEqual(m.completion, [1, 2, 3, 0], 'the long first cell finishes last');
    const threads = new Set(m.results.map((r) => r.thread));
    assert.equal(threads.size, 2);
    assert.deepEqual(new Set(m.again.map((r) => r.thread)), threads, 'the second batch runs on the same two workers');
  });

  it('with a pool of one, runs the cells in the run\'s own thread, one after another', async () => {
    const one = new WorkerRunner({ ...options, poolSize: 1 });
    const { last } = await collect(one.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'values', sleeps: [200, 10, 10] }), solution: { kind: 'reference' } }));
    const m = metricsOf(last);
    assert.equal(m.poolSize, 1);
    assert.deepEqual(m.completion, [0, 1, 2]);
    assert.equal(new Set(m.results.map((r) => r.thread)).size, 1);
    assert.ok(m.results.every((r, i) => i === 0 || r.start >= m.results[i - 1].end), 'no overlap');
  });

  it("ends the run with a cell's student exception at the student's line and marker; cell output becomes log events", async () => {
    const source = "export function f(x: number): number {\n  console.log('cell', x);\n  if (x === 3) throw new RangeError('bad x');\n  return x;\n}\n";
    const { events, last } = await collect(runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'student' }), solution: student(source) }));
    const err = errorOf(last);
    assert.equal(err.reason, 'student-code');
    assert.equal(err.message, 'RangeError: bad x');
    assert.deepEqual(err.location, { file: 'cells.ts', line: 3 });
    assert.equal(err.marker, CELLS_MARKER);
    // the failing cell's own output comes before its error (one port, in order)
    assert.ok(events.some((e) => e.type === 'log' && e.message === 'cell 3'), 'console output of a cell arrives as a log event');
  });

  it("applies the run's time limit in cells: an endless loop stops at its line with the run's time-limit error", async () => {
    const source = 'export function f(x: number): number {\n  while (x > 0) x++;\n  return x;\n}\n';
    const started = Date.now();
    // the limit leaves the cell workers time to start on a loaded machine (they count against it)
    const { last } = await collect(runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'student' }), solution: student(source), timeLimitMs: 6000 }));
    const err = errorOf(last);
    assert.equal(err.reason, 'time-limit');
    assert.match(err.message, /made no progress for 6 s/);
    assert.deepEqual(err.location, { file: 'cells.ts', line: 2 });
    assert.equal(err.marker, CELLS_MARKER);
    assert.ok(Date.now() - started < 15_000, `stopped soon after the limit (${Date.now() - started} ms)`);
  });

  it('stops the cell workers when the run is cancelled (their side effect stops, their threads end)', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'hw6-pool-'));
    const heartbeat = join(dir, 'heartbeat');
    const before = await settledThreadCount();
    let handle: RunHandle | undefined;
    try {
      handle = runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'heartbeat', heartbeatFile: heartbeat }), solution: { kind: 'reference' } });
      const ended = collect(handle);
      for (let i = 0; i < 200 && !existsSync(heartbeat); i++) await sleep(50);
      assert.ok(existsSync(heartbeat), 'the cells started');
      await sleep(200);
      assert.ok(threadCount() >= before + 3, `the run and its 2 cells have threads (${before} → ${threadCount()})`);
      handle.cancel();
      assert.equal(errorOf((await ended).last).reason, 'cancelled');
      await sleep(300);
      const seen = statSync(heartbeat).mtimeMs;
      const text = readFileSync(heartbeat, 'utf8');
      await sleep(600);
      assert.equal(readFileSync(heartbeat, 'utf8'), text, 'no cell writes its heartbeat any more');
      assert.equal(statSync(heartbeat).mtimeMs, seen);
      let now = threadCount();
      for (let i = 0; i < 50 && now > before; i++) now = (await sleep(100), threadCount());
      assert.ok(now <= before, `threads back to ${before} (now ${now})`);
    } finally {
      handle?.cancel();
      await sleep(100);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("warns when a cell leaves tensors allocated in its worker (the run's own count cannot see them)", async () => {
    const { events, last } = await collect(runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'leak' }), solution: { kind: 'reference' } }));
    metricsOf(last);
    const warnings = events.filter((e) => e.type === 'log' && e.level === 'warn' && /tensor/.test(e.message)).map((e) => (e as { message: string }).message);
    assert.deepEqual(warnings, [`${CELLS_PROBLEM_ID}: cell 2 left 2 tensor(s) allocated.`]);
  });

  it('gives cells ctx.files: they read the media/ folder WorkerRunner was given; a bad name ends the run with its message', async () => {
    const { last } = await collect(runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'asset', asset: 'hw6-lab.svg' }), solution: { kind: 'reference' } }));
    const size = statSync(join(repoRoot(), 'media', 'hw6-lab.svg')).size;
    assert.deepEqual(metricsOf(last).results.map((r) => r.bytes), [size, size]);
    const bad = await collect(runner.start({ problemId: CELLS_PROBLEM_ID, config: config({ mode: 'asset', asset: '../package.json' }), solution: { kind: 'reference' } }));
    assert.match(errorOf(bad.last).message, /Invalid asset name "\.\.\/package\.json"/);
  });

  /** What a run's worker gives its cell workers, for pools driven from this thread. */
  const cellStart = (timeLimitMs = 30_000): CellWorkerStart => ({
    mode: 'cell',
    request: { problemId: CELLS_PROBLEM_ID, config: config({ mode: 'values' }), solution: { kind: 'reference' } },
    wasmDir: bundles.wasmDir,
    mediaDir: join(repoRoot(), 'media'),
    timeLimitMs,
  });
  const spawner = (data: CellWorkerStart) => () => new Worker(bundles.cellsWorker, { workerData: data, stdout: true, stderr: true });

  it('starts no more cell workers than cells, and none before run()', async () => {
    let spawned = 0;
    const spawn = spawner(cellStart());
    const pool = threadPool({ size: 4, spawn: () => (spawned++, spawn()), emit: () => {} });
    try {
      assert.equal(spawned, 0);
      const results = await pool.run<unknown, CellReport>([{ kind: 'value', x: 5, sleepMs: 0 }]);
      assert.equal(results[0].y, 10);
      assert.equal(spawned, 1);
      assert.equal(pool.workerCount, 1);
      await pool.run([{ kind: 'value', x: 1, sleepMs: 0 }, { kind: 'value', x: 2, sleepMs: 0 }]);
      assert.equal(spawned, 2, 'one more for the second cell, the first one reused');
    } finally {
      await pool.close();
    }
    assert.equal(pool.workerCount, 0);
  });

  it("stops the other cells at the first cell's error and rejects with that cell's error event", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw6-pool-'));
    const heartbeat = join(dir, 'heartbeat');
    const pool = threadPool({ size: 2, spawn: spawner(cellStart()), emit: () => {} });
    try {
      const running = pool.run([
        { kind: 'heartbeat', file: heartbeat },
        { kind: 'asset', name: '../package.json' },
      ]);
      await assert.rejects(running, (err: CellError) => {
        assert.ok(err instanceof CellError);
        assert.match(err.event.message, /Invalid asset name/);
        return true;
      });
      assert.equal(pool.workerCount, 0, 'every cell worker was stopped');
      await sleep(300);
      const text = existsSync(heartbeat) ? readFileSync(heartbeat, 'utf8') : '';
      await sleep(400);
      assert.equal(existsSync(heartbeat) ? readFileSync(heartbeat, 'utf8') : '', text, 'the heartbeat cell no longer runs');
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops a cell stuck past the deadline where no loop guard runs, with the time-limit error', async () => {
    const data = cellStart(1500);
    const pool = threadPool({ size: 2, spawn: spawner(data), emit: () => {}, timeLimitMs: 1500, graceMs: 300 });
    const started = Date.now();
    try {
      // one rendezvous cell alone blocks in Atomics.wait for 5 s
      await assert.rejects(pool.run([{ kind: 'rendezvous', shared: new SharedArrayBuffer(8), me: 0 }]), (err: Error) => err instanceof TimeLimitError && /made no progress for 2 s/.test(err.message));
      assert.ok(Date.now() - started < 4000, `stopped at the deadline plus grace (${Date.now() - started} ms)`);
      assert.equal(pool.workerCount, 0);
    } finally {
      await pool.close();
    }
  });

  it('takes its size from the option, else HW6_POOL_SIZE, else the core count', () => {
    assert.equal(poolSizeFrom(3, '5'), 3);
    assert.equal(poolSizeFrom(undefined, '5'), 5);
    assert.ok(poolSizeFrom(undefined, '') >= 1);
    assert.equal(poolSizeFrom(undefined, 'zero'), poolSizeFrom(undefined, undefined));
  });
});
