// A child started before its runner (the CLI's launcher starts one before the CLI loads): the runner
// takes it when the run needs its folders and memory limit, and ends it otherwise. The runner here
// cannot start a process of its own (its runtime does not exist), so a run that ends done ran on
// the child it was handed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/core/engine/events';
import { childReadable, spawnChild } from '../../../src/runner/childSpawn';
import { ProcessRunner, type PrestartedChild, type ProcessRunnerOptions } from '../../../src/runner/processRunner';
import { buildBundles } from './bundles';
import { TOY_FILE, TOY_ID } from './support/toyProblem';
import { toyRunnerOptions } from './support/toyRunner';

const GOOD = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

describe('ProcessRunner: a child started before it', function () {
  this.timeout(120_000);
  let options: ProcessRunnerOptions;
  let workspace: string;

  before(async () => {
    const bundles = await buildBundles();
    options = {
      ...toyRunnerOptions(bundles),
      poolSize: 1,
      // any child this runner started itself would fail to start
      execPath: join(tmpdir(), 'no-such-runtime', 'node'),
    };
  });
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'hw6-ws-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  function prestart(studentDir: string | undefined, memoryMb = 2048): PrestartedChild {
    const args = {
      wasmDir: options.wasmDir,
      mediaDir: options.mediaDir,
      tmpDir: mkdtempSync(join(tmpdir(), 'hw6-run-')),
      memoryMb,
    };
    const readable = childReadable(options, studentDir);
    return { spawned: spawnChild({ childScript: options.childScript, args, readable }), args, readable };
  }

  async function check(prestarted: PrestartedChild): Promise<RunEvent> {
    const file = join(workspace, TOY_FILE);
    writeFileSync(file, GOOD);
    const runner = new ProcessRunner({ ...options, prestarted });
    const events: RunEvent[] = [];
    const handle = runner.start({
      problemId: TOY_ID,
      config: {},
      solution: { kind: 'student', file, source: GOOD },
      checksOnly: true,
    });
    for await (const e of handle.events) events.push(e);
    runner.dispose();
    return events[events.length - 1]!;
  }

  const exited = (p: PrestartedChild) =>
    new Promise<void>((resolve) => {
      const child = p.spawned.child;
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });

  it('a run that needs its folders and memory limit runs on it, and it ends with the run', async () => {
    const prestarted = prestart(workspace);
    const end = await check(prestarted);
    assert.equal(end.type, 'done', JSON.stringify(end));
    await exited(prestarted);
  });

  it('a run that needs other folders does not take it: it is ended, and the run starts its own', async () => {
    const prestarted = prestart(undefined);
    const end = await check(prestarted);
    // the run's own child cannot start here: which shows it did not run on the prestarted one
    assert.equal(end.type, 'error', JSON.stringify(end));
    assert.match(end.type === 'error' ? end.message : '', /Could not start the run's process/);
    await exited(prestarted);
  });

  it('nor does a run with another memory limit', async () => {
    const prestarted = prestart(workspace, 1024);
    const end = await check(prestarted);
    assert.equal(end.type, 'error', JSON.stringify(end));
    await exited(prestarted);
  });
});
