// A debug run's child: started with an inspector on a free loopback port, paused until a debugger
// attaches, the port read from the inspector's first line of stderr (and its notices kept out of the
// run's log); a fresh process, never the spare; no time limit; cancelling ends it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/core/engine/events';
import { childCommandLine, INSPECT_FLAG } from '../../../src/runner/childSpawn';
import { inspectorAddress, inspectorStderr, type InspectorAddress } from '../../../src/runner/inspectorOutput';
import { permissionFlags } from '../../../src/runner/permissions';
import { ProcessRunner } from '../../../src/runner/processRunner';
import { buildBundles } from './bundles';
import { TOY_FILE, TOY_ID } from './support/toyProblem';
import { toyRunnerOptions } from './support/toyRunner';

const ARGS = { wasmDir: '/lab/dist/wasm', mediaDir: '/lab/media', tmpDir: '/tmp/hw6-run-x', memoryMb: 512 };
const LISTENING = 'Debugger listening on ws://127.0.0.1:40785/ada488c8-484d-40d2-a49b-e031a5597386';
const HELP = 'For help, see: https://nodejs.org/learn/getting-started/debugging';

describe('a debug run: the child command line', () => {
  const flags = permissionFlags(
    new Set(['--permission', '--allow-inspector']),
    { read: ['/lab/dist'], write: [] },
    {
      inspector: true,
    },
  );

  it('listens on a port the system picks, on 127.0.0.1 only, paused before the child script runs', () => {
    assert.equal(INSPECT_FLAG, '--inspect-brk=127.0.0.1:0');
    const line = childCommandLine(flags, {
      childScript: '/lab/dist/child.js',
      args: ARGS,
      readable: [],
      inspect: true,
    });
    const inspect = line.indexOf(INSPECT_FLAG);
    assert.ok(inspect >= 0 && inspect < line.indexOf('/lab/dist/child.js'), 'a runtime flag, before the script');
    assert.ok(line.includes('--allow-inspector') && line.includes('--permission'), 'still under the model');
  });

  it('has no inspector otherwise', () => {
    const line = childCommandLine(flags, { childScript: '/lab/dist/child.js', args: ARGS, readable: [] });
    assert.ok(!line.some((a) => a.startsWith('--inspect')));
  });
});

describe("a debug run: the inspector's stderr", () => {
  it('reads the address of a loopback listener only', () => {
    assert.deepEqual(inspectorAddress(LISTENING), { host: '127.0.0.1', port: 40785 });
    assert.equal(inspectorAddress(LISTENING.replace('127.0.0.1', '0.0.0.0')), undefined);
    assert.equal(inspectorAddress('Debugger listening on ws://127.0.0.1:0/x'), undefined);
    assert.equal(inspectorAddress(`say ${LISTENING}`), undefined);
  });

  it('takes the first line, even in pieces, and keeps the notices out of the log', () => {
    const seen: InspectorAddress[] = [];
    const filter = inspectorStderr((a) => seen.push(a));
    assert.equal(filter(LISTENING.slice(0, 30)), '');
    assert.equal(filter(`${LISTENING.slice(30)}\n${HELP}\n`).trim(), '');
    assert.deepEqual(seen, [{ host: '127.0.0.1', port: 40785 }]);
    assert.equal(filter('Debugger attached.\n').trim(), '');
    assert.equal(filter('student text\n'), 'student text\n');
    // a later line like the first is not believed: it could be the student's
    filter(`${LISTENING.replace('40785', '1234')}\n`);
    assert.equal(seen.length, 1);
  });

  it('believes nothing when the first line is not the inspector', () => {
    const seen: InspectorAddress[] = [];
    const filter = inspectorStderr((a) => seen.push(a));
    assert.equal(filter('oops\n'), 'oops\n');
    filter(`${LISTENING}\n`);
    assert.deepEqual(seen, []);
  });
});

describe('a debug run: ProcessRunner', function () {
  this.timeout(120_000);
  let workspace: string;
  let runner: ProcessRunner;
  let testChild: string;

  before(async () => {
    const bundles = await buildBundles();
    testChild = bundles.testChild;
    runner = new ProcessRunner({ ...toyRunnerOptions(bundles), prewarm: true });
    workspace = mkdtempSync(join(tmpdir(), 'hw6-ws-'));
  });
  after(() => {
    runner.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('starts a fresh child that waits for a debugger on a loopback port, and ends it on cancel', async () => {
    const file = join(workspace, TOY_FILE);
    const source = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
    writeFileSync(file, source);
    // a plain run first leaves a prewarmed spare behind: the debug run must not take it
    const plain = runner.start({
      problemId: TOY_ID,
      config: {},
      solution: { kind: 'student', file, source },
      checksOnly: true,
    });
    for await (const e of plain.events) void e;
    let listening: (a: InspectorAddress) => void = () => undefined;
    const address = new Promise<InspectorAddress>((resolve) => (listening = resolve));
    const handle = runner.start({
      problemId: TOY_ID,
      config: {},
      solution: { kind: 'student', file, source },
      checksOnly: true,
      timeLimitMs: 1,
      debug: { onInspector: (a) => listening(a) },
    });
    const events: RunEvent[] = [];
    const ended = (async () => {
      for await (const e of handle.events) events.push(e);
    })();
    const { host, port } = await address;
    assert.equal(host, '127.0.0.1');
    // the inspector's own HTTP endpoint names the child's script: this port is the debug child's
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { url: string }[];
    assert.ok(
      targets.some((t) => t.url.includes('testChild')),
      JSON.stringify(targets),
    );
    const pids = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(INSPECT_FLAG) && l.includes(testChild));
    assert.equal(pids.length, 1, 'one debugged child');
    if (process.allowedNodeEnvironmentFlags.has('--allow-inspector'))
      assert.match(pids[0]!, /--permission .*--allow-inspector/, 'under the permission model');
    else
      assert.ok(
        events.some((e) => e.type === 'log' && /--allow-inspector/.test(e.message)),
        'says it is unconfined',
      );
    assert.ok(!events.some((e) => e.type === 'error' || e.type === 'done'), 'it waits for its debugger');
    handle.cancel();
    await ended;
    const last = events[events.length - 1]!;
    assert.equal(last.type === 'error' && last.reason, 'cancelled');
    assert.ok(!events.some((e) => e.type === 'log' && /Debugger listening|For help/.test(e.message)));
  });
});
