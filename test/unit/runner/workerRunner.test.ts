// The editor's process runner with its judge in a worker thread: the same run as the ProcessRunner on
// this thread (same events), a cancellation, a debug run's inspector address, and a judge thread that
// cannot start (its runs end with an internal error, never hang). Real worker thread, real child
// processes, the toy problem (support/testJudge.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/core/engine/events';
import type { InspectorAddress } from '../../../src/runner/inspectorOutput';
import { ProcessRunner, type ProcessRunnerOptions } from '../../../src/runner/processRunner';
import type { Runner, RunRequest } from '../../../src/runner/runner';
import { WorkerRunner } from '../../../src/runner/workerRunner';
import { buildBundles, type Bundles } from './bundles';
import { TOY_FILE, TOY_ID } from './support/toyProblem';
import { toyRunnerOptions } from './support/toyRunner';

const GOOD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const WRONG = 'export function add(a: number, b: number): number {\n  return a - b;\n}\n';
const ENDLESS = 'export function add(a: number, b: number): number {\n  eval("while (true) {}");\n  return a + b;\n}\n';

let bundles: Bundles;
let options: ProcessRunnerOptions;
let workspace: string;
const runners: WorkerRunner[] = [];

function workerRunner(judgeScript = bundles.testJudge): WorkerRunner {
  const { findProblem: _find, ...plain } = options;
  const runner = new WorkerRunner(judgeScript, plain);
  runners.push(runner);
  return runner;
}

function request(source: string, extra: Partial<RunRequest> = {}): RunRequest {
  const file = join(workspace, TOY_FILE);
  writeFileSync(file, source);
  return { problemId: TOY_ID, config: {}, solution: { kind: 'student', file, source }, checksOnly: true, ...extra };
}

async function eventsOf(runner: Runner, req: RunRequest): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const e of runner.start(req).events) events.push(e);
  return events;
}

/** What a run said, without what differs between two runs of the same file (timings, paths of temporary folders). */
function comparable(events: RunEvent[]): unknown[] {
  return events.map((e) => (e.type === 'done' ? { ...e, durationMs: 0 } : e));
}

const endings = (events: RunEvent[]) => events.filter((e) => e.type === 'done' || e.type === 'error');

describe('WorkerRunner: the judge in a worker thread', function () {
  this.timeout(120_000);

  before(async () => {
    bundles = await buildBundles();
    options = toyRunnerOptions(bundles);
  });
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'hw6-ws-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));
  after(() => {
    for (const r of runners) r.dispose();
  });

  it('a run gives the events the ProcessRunner gives on this thread, passing and failing', async () => {
    const runner = workerRunner();
    for (const source of [GOOD, WRONG]) {
      const inWorker = await eventsOf(runner, request(source));
      const here = await eventsOf(new ProcessRunner(options), request(source));
      assert.equal(endings(inWorker).length, 1, JSON.stringify(inWorker));
      assert.deepEqual(comparable(inWorker), comparable(here));
    }
    const failed = (await eventsOf(runner, request(WRONG))).filter((e) => e.type === 'finding' && !e.finding.ok);
    assert.ok(failed.length > 0, 'the wrong file fails a check through the worker');
  });

  it('cancel ends a run stuck in an endless loop with one cancelled error', async () => {
    const runner = workerRunner();
    const handle = runner.start(request(ENDLESS, { timeLimitMs: 60_000 }));
    const events: RunEvent[] = [];
    setTimeout(() => handle.cancel(), 1500);
    for await (const e of handle.events) events.push(e);
    const ends = endings(events);
    assert.equal(ends.length, 1, JSON.stringify(events));
    assert.equal(ends[0]!.type === 'error' && ends[0]!.reason, 'cancelled');
  });

  it("a debug run's inspector address reaches the host's callback", async () => {
    const runner = workerRunner();
    let told: (address: InspectorAddress) => void = () => undefined;
    const address = new Promise<InspectorAddress>((resolve) => (told = resolve));
    const handle = runner.start(request(GOOD, { debug: { onInspector: (a) => told(a) } }));
    const drained = (async () => {
      for await (const _ of handle.events);
    })();
    const { host, port } = await address;
    assert.equal(host, '127.0.0.1');
    assert.ok(port > 0);
    handle.cancel(); // nobody attaches: the child waits for a debugger until cancelled
    await drained;
  });

  it('a judge thread that cannot start ends its run with an internal error', async () => {
    const runner = workerRunner(join(workspace, 'no-such-judge.js'));
    const events = await eventsOf(runner, request(GOOD));
    assert.equal(events.length, 1, JSON.stringify(events));
    const [end] = events;
    assert.ok(end?.type === 'error' && end.reason === 'internal', JSON.stringify(end));
    assert.match(end.message, /The judge stopped/);
  });
});
