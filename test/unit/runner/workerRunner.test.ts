import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/core/engine/events';
import type { RunHandle, RunRequest } from '../../../src/runner/runner';
import { WorkerRunner, type WorkerRunnerOptions } from '../../../src/runner/workerRunner';
import { buildBundles } from './bundles';
import { FIXTURES, repoRoot } from './paths';

type Terminal = Extract<RunEvent, { type: 'done' | 'error' }>;

function student(workspace: string): RunRequest['solution'] {
  const file = join(FIXTURES, workspace, 'q5_beam_search.ts');
  return { kind: 'student', file, source: readFileSync(file, 'utf8') };
}

/** A student file given as text only (the path need not exist: the runner never reads it). */
function inline(source: string): RunRequest['solution'] {
  return { kind: 'student', file: join(FIXTURES, 'inline', 'q5_beam_search.ts'), source };
}

async function collect(handle: RunHandle): Promise<{ events: RunEvent[]; last: Terminal }> {
  const events: RunEvent[] = [];
  for await (const e of handle.events) events.push(e);
  const terminals = events.filter((e) => e.type === 'done' || e.type === 'error');
  assert.equal(terminals.length, 1, 'exactly one done/error event');
  assert.equal(terminals[0], events.at(-1), 'the terminal event comes last');
  return { events, last: terminals[0] as Terminal };
}

function asError(e: Terminal): Extract<RunEvent, { type: 'error' }> {
  assert.equal(e.type, 'error', `expected an error, got ${JSON.stringify(e).slice(0, 300)}`);
  return e as Extract<RunEvent, { type: 'error' }>;
}

describe('WorkerRunner', function () {
  this.timeout(60_000);
  let runner: WorkerRunner;
  let options: WorkerRunnerOptions;

  before(async function () {
    this.timeout(120_000);
    const bundles = await buildBundles();
    options = { workerScript: bundles.worker, wasmDir: bundles.wasmDir, mediaDir: join(repoRoot(), 'media') };
    runner = new WorkerRunner(options);
  });

  it('runs the reference beam search end to end on wasm', async () => {
    const { events, last } = await collect(runner.start({ problemId: 'beam-search', config: { quick: true }, solution: { kind: 'reference' } }));
    assert.equal(last.type, 'done');
    if (last.type !== 'done') return;
    assert.equal(last.ok, true);
    assert.equal(last.backend, 'wasm');
    assert.equal((last.metrics.figure2 as { best: string }).best, 'network neural neural');
    assert.ok(events.some((e) => e.type === 'artifact' && e.artifact.kind === 'beam-trace'));
    assert.ok(events.some((e) => e.type === 'finding' && e.finding.ok));
  });

  it("stops an infinite loop at the deadline, at the loop's line, while the host keeps running", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = Date.now();
    try {
      const { last } = await collect(runner.start({ problemId: 'beam-search', config: { quick: true }, solution: student('ws-loop'), timeLimitMs: 1500 }));
      const err = asError(last);
      const elapsed = Date.now() - started;
      assert.equal(err.reason, 'time-limit');
      assert.deepEqual(err.location, { file: 'q5_beam_search.ts', line: 7 });
      assert.equal(err.marker, 'q5.beam-search');
      assert.ok(elapsed < 10_000, `stopped soon after the limit (${elapsed} ms)`);
      // a blocked host would show almost no ticks; a loaded CI machine still shows many
      assert.ok(ticks >= (elapsed / 20) * 0.25, `the host's timer kept firing (${ticks} ticks in ${elapsed} ms)`);
    } finally {
      clearInterval(timer);
    }
  });

  it('stops `for(;;);` (a loop without a block) at its line', async () => {
    const source = "import type { StepFn } from 'hw6-lab';\nexport function beamSearch(step: StepFn, k: number, T: number) {\n  for (;;);\n}\n";
    const { last } = await collect(runner.start({ problemId: 'beam-search', config: { quick: true }, solution: inline(source), timeLimitMs: 500 }));
    const err = asError(last);
    assert.equal(err.reason, 'time-limit');
    assert.equal(err.location?.line, 3);
  });

  it('terminates a worker the loop guard cannot stop once the grace period is over', async () => {
    const source = 'export function beamSearch() {\n  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n}\n';
    const started = Date.now();
    const { last } = await collect(new WorkerRunner({ ...options, graceMs: 300 }).start({ problemId: 'beam-search', config: { quick: true }, solution: inline(source), timeLimitMs: 700 }));
    const err = asError(last);
    assert.equal(err.reason, 'time-limit');
    assert.equal(err.location, undefined);
    assert.ok(Date.now() - started < 5000);
  });

  it('cancels a run in progress', async () => {
    const handle = runner.start({ problemId: 'beam-search', config: { quick: true }, solution: { kind: 'reference' } });
    const events: RunEvent[] = [];
    for await (const e of handle.events) {
      events.push(e);
      if (e.type === 'progress') handle.cancel();
    }
    const terminals = events.filter((e) => e.type === 'done' || e.type === 'error');
    assert.equal(terminals.length, 1);
    assert.equal(asError(terminals[0] as Terminal).reason, 'cancelled');
    handle.cancel(); // a second cancel is harmless
  });

  it('reports a syntax error at its line and column', async () => {
    const err = asError((await collect(runner.start({ problemId: 'beam-search', config: { quick: true }, solution: student('ws-syntax') }))).last);
    assert.equal(err.reason, 'syntax');
    assert.deepEqual(err.location, { file: 'q5_beam_search.ts', line: 6, column: 22 });
  });

  it('reports a missing export as a shape error with its marker', async () => {
    const err = asError((await collect(runner.start({ problemId: 'beam-search', config: { quick: true }, solution: student('ws-missing') }))).last);
    assert.equal(err.reason, 'shape');
    assert.equal(err.marker, 'q5.beam-search');
    assert.match(err.message, /must export a function `beamSearch`/);
  });

  it("maps an exception to the student's line and marker", async () => {
    const err = asError((await collect(runner.start({ problemId: 'beam-search', config: { quick: true }, solution: student('ws-throw') }))).last);
    assert.equal(err.reason, 'student-code');
    assert.deepEqual(err.location, { file: 'q5_beam_search.ts', line: 8 });
    assert.equal(err.marker, 'q5.beam-search');
  });

  it('ends with an error, not a crash of the host, when the worker runs out of memory', async () => {
    const source = 'const hoard: number[][] = [];\nexport function beamSearch() {\n  for (;;) hoard.push(new Array(1e5).fill(1.5));\n}\n';
    const small = new WorkerRunner({ ...options, maxOldGenerationSizeMb: 96 });
    const err = asError((await collect(small.start({ problemId: 'beam-search', config: { quick: true }, solution: inline(source) }))).last);
    assert.equal(err.reason, 'internal');
    assert.match(err.message, /out of memory \(its limit is 96 MB\)/);
  });

  it('ends with an error for a problem it does not know, and for a missing worker script', async () => {
    assert.match(asError((await collect(runner.start({ problemId: 'nope', config: {}, solution: { kind: 'reference' } }))).last).message, /Unknown problem "nope"/);
    const broken = new WorkerRunner({ ...options, workerScript: join(FIXTURES, 'no-such-worker.js') });
    assert.equal(asError((await collect(broken.start({ problemId: 'beam-search', config: {}, solution: { kind: 'reference' } }))).last).reason, 'internal');
  });

  it('passes student console output on as log events', async () => {
    const source = "export function beamSearch() {\n  console.log('hello from', 'line 2');\n  process.stdout.write('raw output\\n');\n  throw new Error('stop');\n}\n";
    const { events } = await collect(runner.start({ problemId: 'beam-search', config: { quick: true }, solution: inline(source) }));
    assert.ok(events.some((e) => e.type === 'log' && e.message === 'hello from line 2'));
    assert.ok(events.some((e) => e.type === 'log' && e.message === 'raw output'), 'direct writes to stdout are captured too');
  });
});
