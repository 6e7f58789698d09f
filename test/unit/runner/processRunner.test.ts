// The process boundary, tried as an adversarial student would: the student's code runs in a child
// process (the real child script, bundled), the judge here. Nothing the child sends becomes a
// verdict, moves a limit or crashes the judge; the student's endings are the student's; nothing
// outlives the run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/core/engine/events';
import { ProcessRunner, type ProcessRunnerOptions } from '../../../src/runner/processRunner';
import { buildBundles } from './bundles';
import { TOY_FILE, TOY_ID } from './support/toyProblem';
import { toyRunnerOptions } from './support/toyRunner';
import { findProblem } from '../../../src/core/problems';

const GOOD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

let options: ProcessRunnerOptions;
let workspace: string;

async function run(
  source: string,
  extra: {
    checksOnly?: boolean;
    config?: Record<string, unknown>;
    timeLimitMs?: number;
    runner?: Partial<ProcessRunnerOptions>;
  } = {},
): Promise<RunEvent[]> {
  const file = join(workspace, TOY_FILE);
  writeFileSync(file, source);
  const runner = new ProcessRunner({ ...options, ...extra.runner });
  const handle = runner.start({
    problemId: TOY_ID,
    config: extra.config ?? {},
    solution: { kind: 'student', file, source },
    checksOnly: extra.checksOnly ?? true,
    ...(extra.timeLimitMs ? { timeLimitMs: extra.timeLimitMs } : {}),
  });
  const events: RunEvent[] = [];
  for await (const e of handle.events) events.push(e);
  return events;
}

const ending = (events: RunEvent[]) => {
  const last = events[events.length - 1]!;
  assert.ok(last.type === 'done' || last.type === 'error', `the run ends with done or error, not ${last.type}`);
  assert.equal(events.filter((e) => e.type === 'done' || e.type === 'error').length, 1, 'exactly one ending');
  return last;
};
const findings = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
const passed = (events: RunEvent[]) => findings(events).filter((f) => f.ok).length;

/** Processes whose command line contains `marker`, other than the ones asking. */
function processesWith(marker: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}

describe('ProcessRunner: the trust boundary', function () {
  this.timeout(120_000);

  before(async () => {
    const bundles = await buildBundles();
    options = {
      ...toyRunnerOptions(bundles),
      poolSize: 2,
    };
  });
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'hw6-ws-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('judges a correct file: the check passes and the run is done', async () => {
    const events = await run(GOOD);
    const end = ending(events);
    assert.equal(end.type, 'done', JSON.stringify(end));
    assert.equal(end.type === 'done' && end.ok, true);
    assert.equal(passed(events), 1);
  });

  it('judges a wrong file: the check fails', async () => {
    const events = await run('export function add(a: number, b: number) { return a - b; }\n');
    assert.equal(ending(events).type, 'done');
    assert.equal(passed(events), 0);
    assert.match(findings(events)[0]!.message, /returned -1; expected 3/);
  });

  it("runs the experiment and spreads its cells over processes on the judge's dispatch", async () => {
    const events = await run(GOOD, { checksOnly: false, config: { cells: [1, 2, 3, 4, 5, 6] } });
    const end = ending(events);
    assert.equal(end.type, 'done', JSON.stringify(end));
    const metrics = end.type === 'done' ? end.metrics : {};
    assert.equal(metrics.sum, 5);
  });

  it("a forged finding and done on the channel end the run as the student's fault, never a pass", async () => {
    const source =
      'export function add(a: number, b: number): number {\n' +
      '  (process as any).send({ kind: "event", event: { type: "finding", finding: { checkId: "toy.add", ok: true, message: "ok" } } });\n' +
      '  (process as any).send({ kind: "event", event: { type: "done", ok: true, metrics: {}, durationMs: 1, backend: "wasm" } });\n' +
      '  return 0;\n}\n';
    const events = await run(source);
    const end = ending(events);
    assert.equal(end.type, 'error');
    assert.equal(end.type === 'error' && end.reason, 'student-code');
    assert.match(end.type === 'error' ? end.message : '', /wrote to the lab's channel/);
    assert.equal(passed(events), 0);
  });

  it('a malformed message (finding: null) is a finding against the student, not a crash', async () => {
    const source =
      'export function add(a: number, b: number): number {\n  (process as any).send({ kind: "event", event: { type: "finding", finding: null } });\n  return a + b;\n}\n';
    const end = ending(await run(source));
    assert.equal(end.type === 'error' && end.reason, 'student-code');
    assert.match(end.type === 'error' ? end.message : '', /wrote to the lab's channel/);
  });

  it("a global monkeypatch in the student's file cannot change the judge's arithmetic", async () => {
    const source = 'Math.abs = () => 0;\nexport function add(a: number, b: number): number {\n  return 7;\n}\n';
    const events = await run(source);
    assert.equal(ending(events).type, 'done');
    assert.equal(passed(events), 0);
  });

  it('a fake deadline on the channel does not move the time limit: an endless loop is stopped', async () => {
    // eval'd code has no loop guard: only the judge's own clock can stop it
    const source =
      'export function add(a: number, b: number): number {\n' +
      '  (process as any).send({ kind: "deadline", deadline: Date.now() + 3600000 });\n' +
      '  eval("while (true) {}");\n  return a + b;\n}\n';
    const end = ending(await run(source, { timeLimitMs: 1000 }));
    assert.equal(end.type, 'error');
    // the fake message itself already breaks the protocol; either way the run ends
    assert.match(end.type === 'error' ? end.reason : '', /student-code|time-limit/);
  });

  it("an endless loop the loop guard cannot see is stopped by the judge's CPU budget", async () => {
    const source =
      'export function add(a: number, b: number): number {\n  eval("while (true) {}");\n  return a + b;\n}\n';
    const end = ending(await run(source, { timeLimitMs: 1000 }));
    assert.equal(end.type === 'error' && end.reason, 'time-limit', JSON.stringify(end));
    assert.equal(end.type === 'error' && end.marker, 'toy.add');
  });

  it("an endless loop in the student's own code is stopped at its line", async () => {
    const source =
      'export function add(a: number, b: number): number {\n  let s = 0;\n  while (true) {\n    s += a;\n  }\n  return s + b;\n}\n';
    const events = await run(source, { timeLimitMs: 1000 });
    const f = findings(events)[0];
    assert.ok(f && !f.ok, 'the check fails');
    assert.equal(f!.location?.line, 3);
    assert.match(f!.message, /computed for more than 1 s/);
  });

  it("process.kill(process.pid) in student code ends the run as the student's fault; the judge lives on", async () => {
    const source =
      'export function add(a: number, b: number): number {\n  process.kill(process.pid, "SIGTERM");\n  return a + b;\n}\n';
    const end = ending(await run(source));
    assert.equal(end.type === 'error' && end.reason, 'student-code', JSON.stringify(end));
    assert.match(end.type === 'error' ? end.message : '', /killed the run's process/);
    assert.equal(end.type === 'error' && end.location?.line, 2);
    // and this process still judges the next run
    assert.equal(passed(await run(GOOD)), 1);
  });

  it("process.exit(3) is the student's ending, at its line", async () => {
    const end = ending(await run('export function add(a: number, b: number): number {\n  process.exit(3);\n}\n'));
    assert.equal(end.type === 'error' && end.reason, 'student-code');
    assert.match(end.type === 'error' ? end.message : '', /process\.exit\(3\)/);
    assert.equal(end.type === 'error' && end.location?.line, 2);
  });

  it("an unhandled rejection is the student's, at its line", async () => {
    const end = ending(
      await run(
        'export function add(a: number, b: number): number {\n  Promise.reject(new Error("oops"));\n  return a + b;\n}\n',
      ),
    );
    assert.equal(end.type === 'error' && end.reason, 'student-code', JSON.stringify(end));
    assert.match(end.type === 'error' ? end.message : '', /rejected.*oops/);
    assert.equal(end.type === 'error' && end.location?.line, 2);
  });

  it('throwing a non-Error, or an object whose toString throws, is a finding, not internal', async () => {
    const a = findings(await run('export function add(a: number, b: number): number {\n  throw 42;\n}\n'))[0]!;
    assert.equal(a.ok, false);
    assert.match(a.message, /threw 42/);
    const b = findings(
      await run(
        'export function add(a: number, b: number): number {\n  throw { toString() { throw new Error("no"); } };\n}\n',
      ),
    )[0]!;
    assert.equal(b.ok, false);
    assert.match(b.message, /toString threw/);
  });

  it('typed arrays hoarded past the memory limit stop the run with a memory error', async () => {
    const source =
      'const kept: Float64Array[] = [];\nexport function add(a: number, b: number): number {\n' +
      '  for (let i = 0; i < 100000; i++) {\n    const x = new Float64Array(1 << 20);\n    x.fill(i);\n    kept.push(x);\n  }\n  return a + b;\n}\n';
    const events = await run(source, { runner: { memoryMb: 400 } });
    const failed = [
      ...findings(events)
        .filter((f) => !f.ok)
        .map((f) => f.message),
      ...events.flatMap((e) => (e.type === 'error' ? [e.message] : [])),
    ];
    assert.ok(
      failed.some((m) => /more than 400 MB of memory/.test(m)),
      failed.join(' | '),
    );
  });

  it("writes outside the run's folder and child processes are refused; no process outlives the run", async () => {
    const outside = join(workspace, 'written.txt');
    const marker = `hw6-orphan-${process.pid}-${Date.now()}`;
    const source =
      'export function add(a: number, b: number): number {\n' +
      `  try { (process as any).getBuiltinModule("fs").writeFileSync(${JSON.stringify(outside)}, "x"); } catch (e) {}\n` +
      `  try { (process as any).getBuiltinModule("child_process").spawn("sleep", ["30", ${JSON.stringify(marker)}], { detached: true, stdio: "ignore" }).unref(); } catch (e) {}\n` +
      '  return a + b;\n}\n';
    const events = await run(source);
    const confined = !events.some((e) => e.type === 'log' && /no permission model/.test(e.message));
    // Node ≥ 20 (CI's) has the permission model; a runtime without it is told about in the log
    assert.ok(confined, 'the child runs under the permission model');
    assert.equal(existsSync(outside), false, 'the write outside was refused');
    assert.deepEqual(processesWith(marker), [], 'no child process was started');
    assert.equal(passed(events), 1);
  });

  it("an error's line is the editor's even when a string holds U+2028/U+2029", async () => {
    const source =
      'const sep = "a\u2028b\u2029c";\nexport function add(a: number, b: number): number {\n  throw new Error(sep);\n}\n';
    const f = findings(await run(source))[0]!;
    assert.equal(f.ok, false);
    assert.equal(f.location?.line, 3);
  });

  it('five checks at once on a 2-core machine: no false time-limit (the budget is CPU time, start-up excluded)', async () => {
    const bundles = await buildBundles();
    const runner = new ProcessRunner({ ...options, childScript: bundles.child, findProblem });
    const ids = ['zkc', 'attention-scaling', 'kernel-attention', 'autoencoders', 'beam-search'];
    const endings = await Promise.all(
      ids.map(async (problemId) => {
        const handle = runner.start({
          problemId,
          config: { quick: true },
          solution: { kind: 'reference' },
          checksOnly: true,
          timeLimitMs: 2000,
        });
        let last: RunEvent | undefined;
        for await (const e of handle.events) last = e;
        return [problemId, last] as const;
      }),
    );
    for (const [id, end] of endings) {
      assert.equal(end?.type, 'done', `${id}: ${JSON.stringify(end)}`);
      assert.equal(end?.type === 'done' && end.ok, true, `${id}: the reference passes`);
    }
  });
});
