// Is a run in the editor as fast as the same run from the CLI? Problem 1's correct solution
// (test/fixtures/runner/ws-zkc-correct), full settings, run once through the lab's Run command in
// this extension host and once by `hw6-lab run zkc` spawned here, one after the other in the same
// test. Wall time grows with whatever else the machine runs, so the comparison is of CPU time, read
// from /proc while the processes run (procCpu.ts): the run's child process (dist/child.js, where the
// training happens) in the editor against 1.2× the CLI's, plus an allowance for sampling. It is
// logged, not asserted: on a heavily oversubscribed machine contention inflates CPU time as well.
// Both runs must pass; wall times and the judge side's CPU (this extension host, the CLI's process) are logged.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import { activateApi, fixtureUri, runPanel } from './helpers';
import { ChildCpu, procStat, type ProcessCpu } from './procCpu';

/**
 * What the CPU comparison (logged) forgives besides the 1.2 factor: /proc counts in 10 ms ticks, and a
 * process's last 50 ms sample before it ends may miss up to 50 ms of its CPU, in each of the two
 * runs; 300 ms covers both many times over and is under 3 % of the run (~10 s of CPU).
 */
const ALLOWANCE_MS = 300;
const FACTOR = 1.2;

interface Measured {
  wallMs: number;
  /** The run's child process: the busiest dist/child.js. */
  child: ProcessCpu;
  /** Every dist/child.js the run used or started (a spare for the next run included). */
  childrenMs: number;
  /** The judge's process: this extension host, or the CLI's node. */
  judgeMs: number;
}

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function describeRun(name: string, m: Measured): string {
  return (
    `${name}: wall ${(m.wallMs / 1000).toFixed(2)} s, run child CPU ${(m.child.cpuMs / 1000).toFixed(2)} s, ` +
    `all children ${(m.childrenMs / 1000).toFixed(2)} s, judge process ${(m.judgeMs / 1000).toFixed(2)} s`
  );
}

function summed(children: ProcessCpu[]): number {
  return children.reduce((sum, c) => sum + c.cpuMs, 0);
}

async function editorRun(file: vscode.Uri): Promise<Measured> {
  const watch = new ChildCpu(process.pid, 'child.js');
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.runMarker', file, 'q1.train');
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const children = watch.stop();
  assert.equal(outcome?.status, 'done', `the editor's run ended with ${JSON.stringify(outcome?.error ?? outcome)}`);
  // the host workspace's answers.md is judged too, and is left unanswered there: only the code's checks count
  const failing = outcome.findings.filter((f) => !f.ok && !f.checkId.startsWith('answers.')).map((f) => f.checkId);
  assert.deepEqual(failing, [], 'the correct solution passes every check in the editor');
  assert.ok(children[0], 'the editor ran no dist/child.js');
  return { wallMs, child: children[0], childrenMs: summed(children), judgeMs: (cpu.user + cpu.system) / 1000 };
}

async function cliRun(cli: string, workspace: string): Promise<Measured> {
  const started = performance.now();
  const run = spawn(process.execPath, [cli, 'run', 'zkc', '--workspace', workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '' },
  });
  const watch = new ChildCpu(run.pid!, 'child.js');
  let judgeMs = 0;
  const judge = setInterval(() => (judgeMs = procStat(run.pid!)?.cpuMs ?? judgeMs), 50);
  let output = '';
  run.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  run.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
  const wallMs = performance.now() - started;
  clearInterval(judge);
  const children = watch.stop();
  assert.equal(code, 0, `hw6-lab run zkc exited with ${code}:\n${output}`);
  assert.match(output, /zkc\s+passed\s+7\/7/, `the CLI's run did not pass:\n${output}`);
  assert.ok(children[0], 'the CLI ran no dist/child.js');
  return { wallMs, child: children[0], childrenMs: summed(children), judgeMs };
}

describe('the editor is as fast as the CLI', function () {
  this.timeout(600_000);
  // the host's workspace is test/fixtures/workspace-wrong; the correct solution and the built CLI sit beside it
  const correct = fixtureUri('..', 'runner', 'ws-zkc-correct');
  const file = vscode.Uri.joinPath(correct, 'q1_zkc.ts');
  const cli = fixtureUri('..', '..', '..', 'dist', 'cli.js').fsPath;

  before(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a correct problem-1 run, measured in the editor and from the CLI', async () => {
    const { api } = await activateApi();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));

    const loadBefore = load();
    const editor = await editorRun(file);
    const loadBetween = load();
    // the extension host's CPU while only the CLI runs: its background (other extensions, the workbench's polling)
    const idle0 = process.cpuUsage();
    const command = await cliRun(cli, correct.fsPath);
    const idle = process.cpuUsage(idle0);
    const backgroundMs = (idle.user + idle.system) / 1000;
    const loadAfter = load();
    await runPanel(api, 'zkc').whenReady(30_000);

    console.log(`editor speed (load ${loadBefore} → ${loadBetween} → ${loadAfter}):`);
    console.log(`  ${describeRun('editor', editor)}`);
    console.log(`  ${describeRun('CLI   ', command)}`);
    console.log(
      `  extension host meanwhile (no lab run): ${(backgroundMs / 1000).toFixed(2)} s CPU in ${(command.wallMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `  editor/CLI: wall ×${(editor.wallMs / command.wallMs).toFixed(2)}, ` +
        `run child CPU ×${(editor.child.cpuMs / command.child.cpuMs).toFixed(2)}`,
    );
    // Logged, not asserted: at a load average of ~25 on 2 cores the editor's child once used ×1.35 the
    // CLI's CPU (contention inflates CPU time too), at 13–18 it was ×0.98–1.10 (docs/performance.md).
    const limit = FACTOR * command.child.cpuMs + ALLOWANCE_MS;
    console.log(
      `  run child CPU ${editor.child.cpuMs <= limit ? 'within' : 'OVER'} ${FACTOR}× the CLI's + ${ALLOWANCE_MS} ms ` +
        `(${editor.child.cpuMs.toFixed(0)} ms against ${limit.toFixed(0)} ms)`,
    );
    assert.ok(command.child.cpuMs > 1000, 'the CLI child did the training (more than 1 s of CPU)');
    assert.ok(editor.child.cpuMs > 1000, "the editor's child did the training (more than 1 s of CPU)");
  });
});
