// The mocha bootstrap VS Code's extension host runs (`extensionTestsPath`): it loads every host
// test, runs them, and reports the counts back to scripts/test.mjs.
//
// Bundled by esbuild to out/test/host/suite/index.js; the tests are bundled separately to
// out/test/host/**/*.test.js, so they are found relative to this file. HW6_HOST_GREP (optional)
// narrows the run to matching test titles.
//
// Counts go as JSON to HW6_HOST_STATS_FILE (runTests' extensionTestsEnv; verified to reach the
// extension host in code-server). While the tests run, every console call in the extension host
// gets CONSOLE_TAG as its first argument: the workbench forwards the extension host's console and
// its own log through the same channel, and the tag lets the shim print exactly what the tests, the
// extension and mocha's reporter log, and file the workbench's chatter away.
//
// A test can ask for a real window reload: the suite then runs in two passes (test/host/reload.ts).
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isAfterReload, isBeforeReload, prepareReload, reloadedCounts } from '../reload';

/** Must match CONSOLE_TAG in test/host/shim.mjs. */
export const CONSOLE_TAG = '[hw6-host]';

export interface HostStats {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Replaces the global console with one that puts CONSOLE_TAG first in every call; returns the
 * function that undoes it. (The extension host's own console methods are non-configurable
 * accessors that ignore assignment, but the `console` global itself is writable.)
 */
function tagConsole(): () => void {
  const original = globalThis.console;
  const tagged: Console = Object.create(original);
  for (const m of CONSOLE_METHODS) {
    const forward = original[m];
    // defineProperty, not assignment: assigning would hit the inherited no-op setter.
    Object.defineProperty(tagged, m, {
      value: (...args: unknown[]) => forward.call(original, CONSOLE_TAG, ...args),
      writable: true,
      configurable: true,
    });
  }
  globalThis.console = tagged;
  // mocha's reporters captured console.log when mocha was loaded
  const reporterLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = tagged.log;
  return () => {
    globalThis.console = original;
    Mocha.reporters.Base.consoleLog = reporterLog;
  };
}

function runMocha(files: string[]): Promise<HostStats> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env.HW6_HOST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(f);
  return new Promise<HostStats>((done) => {
    const runner = mocha.run(() => {
      const s = runner.stats;
      done({ passes: s?.passes ?? 0, failures: s?.failures ?? 0, pending: s?.pending ?? 0, tests: s?.tests ?? 0 });
    });
  });
}

/** How long pass 1 waits for the reload to end its extension host before calling it a failure. */
const RELOAD_TIMEOUT_MS = 120_000;

const sum = (a: HostStats, b: HostStats): HostStats => ({
  passes: a.passes + b.passes,
  failures: a.failures + b.failures,
  pending: a.pending + b.pending,
  tests: a.tests + b.tests,
});

export async function run(): Promise<void> {
  const all = testFiles(resolve(__dirname, '..'));
  const before = reloadedCounts();
  // pass 2 (after a reload): only the after-reload tests; pass 1: the others, the before-reload ones last
  const files = before
    ? all.filter(isAfterReload)
    : all.filter((f) => !isAfterReload(f)).sort((a, b) => Number(isBeforeReload(a)) - Number(isBeforeReload(b)));
  const untag = tagConsole();
  let stats: HostStats;
  try {
    stats = await runMocha(files);
  } catch (err) {
    // A test file that throws while loading: one failure, never an empty pass.
    console.error('host suite crashed:', err);
    stats = { passes: 0, failures: 1, pending: 0, tests: 0 };
  } finally {
    untag();
  }
  if (before) stats = sum(before, stats);
  else if (prepareReload(stats)) {
    console.log(CONSOLE_TAG, `reloading the window (pass 1: ${stats.passes} passed, ${stats.failures} failed)`);
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    // The reload ends this extension host; the new one runs pass 2 and reports the counts.
    await new Promise((r) => setTimeout(r, RELOAD_TIMEOUT_MS));
    throw new Error(`the window did not reload within ${RELOAD_TIMEOUT_MS / 1000} s`);
  }
  const statsFile = process.env.HW6_HOST_STATS_FILE;
  if (statsFile) {
    mkdirSync(dirname(statsFile), { recursive: true });
    writeFileSync(statsFile, JSON.stringify(stats));
  }
  if (files.length === 0) throw new Error(`no host tests found next to ${__dirname}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} host test(s) failed`);
}
