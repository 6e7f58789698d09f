#!/usr/bin/env node
// The test command (`npm test`): system deps, test host (installed in the background while the
// build and the first layers run), build, then the three layers of
// docs/testing.md in order — unit (mocha in Node), webview (mocha in Node driving
// headless chromium), host (mocha inside code-server's extension host, one launch). The host layer
// first packages the extension (scripts/package.mjs, as `npm run package` does) into HOST_VSIX and
// runs against that VSIX installed into the test host: what ships is what is tested.
//
//   node scripts/test.mjs [--only unit|webview|host] [--grep <pattern>] [--workspace <folder>]
//                         [--skip-system-deps] [--skip-host-install] [--no-build]
//
// Each layer runs in its own child process (a crash or a hang in one cannot take the others or the
// summary with it) and reports its counts through a JSON stats file. Prints each layer's mocha
// output (spec reporter), then per-layer counts, then as the very last line
// `N passed, N failed[, N skipped]` summed over all layers. A layer that crashes, exits non-zero
// without a failed test, or runs no tests counts as one failure: never a silent pass. Exit code 1
// if anything failed.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS = ['unit', 'webview', 'host'];
/** The VSIX the host layer packages and installs (--no-build reuses the last one). */
const HOST_VSIX = join(ROOT, 'out/host/hw6-lab.vsix');
/** mocha timeouts for the layers that run in Node (the host suite sets its own). */
const MOCHA_TIMEOUT_MS = { unit: 60_000, webview: 120_000 };

function parseArgs(argv) {
  const opts = {
    only: undefined,
    grep: undefined,
    workspace: undefined,
    systemDeps: true,
    hostInstall: true,
    build: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--only') opts.only = value();
    else if (flag === '--grep') opts.grep = value();
    else if (flag === '--workspace') opts.workspace = resolve(value());
    else if (flag === '--skip-system-deps') opts.systemDeps = false;
    else if (flag === '--skip-host-install') opts.hostInstall = false;
    else if (flag === '--no-build') opts.build = false;
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  if (opts.only && !LAYERS.includes(opts.only)) throw new Error(`--only takes one of ${LAYERS.join(', ')}`);
  return opts;
}

/** Runs a command with inherited output; returns its exit code (signals count as failure). */
function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) console.error(`[test] ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

/**
 * Starts a command in the background, its output into `logFile`; resolves to its exit code. The
 * layers before the host layer run meanwhile (spawnSync blocks this process's event loop, not the
 * child), so the test host's install (~3 min on a fresh machine, mostly download and native builds)
 * overlaps the build and the unit and webview layers instead of preceding them.
 */
function runInBackground(cmd, args, logFile) {
  const out = openSync(logFile, 'w');
  const started = Date.now();
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', out, out], env: process.env });
  closeSync(out);
  // the exit is noticed only when a spawnSync of the layers returns: its last output dates its end
  const seconds = () => (statSync(logFile).mtimeMs - started) / 1000;
  return new Promise((done) => {
    child.on('error', (err) => done({ code: 1, seconds: seconds(), error: err.message }));
    child.on('close', (code) => done({ code: code ?? 1, seconds: seconds() }));
  });
}

function heading(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`);
}

/**
 * Deletes compiled tests whose source is gone: the build writes into out/test without wiping it
 * (others may be using it), and a test deleted or renamed in test/ must not keep running.
 */
function pruneStaleTests() {
  for (const file of testFiles(join(ROOT, 'out/test'))) {
    const source = join(ROOT, 'test', file.slice(join(ROOT, 'out/test').length + 1)).replace(/\.js$/, '.ts');
    if (!existsSync(source)) {
      console.log(`[test] removing stale ${file.slice(ROOT.length + 1)} (no ${source.slice(ROOT.length + 1)})`);
      rmSync(file, { force: true });
      rmSync(`${file}.map`, { force: true });
    }
  }
}

// ---- layer runners -------------------------------------------------------------------------------

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

/** Child-process mode: run one Node layer's compiled tests with mocha, write the stats, exit. */
async function mochaLayer(layer, statsFile, grep) {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: MOCHA_TIMEOUT_MS[layer] });
  if (grep) mocha.grep(grep);
  const files = testFiles(join(ROOT, 'out/test', layer));
  for (const f of files) mocha.addFile(f);
  const stats = await new Promise((done) => {
    const runner = mocha.run(() => done(runner.stats));
  });
  writeFileSync(
    statsFile,
    JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending, tests: stats.tests }),
  );
  // Like `mocha --exit`: a test that leaves a handle open (a server, a worker) must not hang the run.
  process.exit(stats.failures > 0 ? 1 : 0);
}

function runLayer(layer, opts, statsFile) {
  if (layer === 'host') {
    const args = [join(ROOT, 'test/host/runHostTests.mjs'), '--vsix', HOST_VSIX, '--stats-file', statsFile];
    if (opts.workspace) args.push('--workspace', opts.workspace);
    if (opts.grep) args.push('--grep', opts.grep);
    return run(process.execPath, args);
  }
  const args = ['--enable-source-maps', fileURLToPath(import.meta.url), '--mocha-layer', layer, statsFile];
  if (opts.grep) args.push(opts.grep);
  return run(process.execPath, args);
}

/** Turns a layer's exit code and stats file into counts; anything odd becomes a failure. */
function layerResult(layer, code, statsFile) {
  let stats;
  try {
    stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  } catch {
    stats = undefined;
  }
  const result = {
    passes: stats?.passes ?? 0,
    failures: stats?.failures ?? 0,
    pending: stats?.pending ?? 0,
    problems: [],
  };
  if (!stats) result.problems.push(`reported no results (exit code ${code})`);
  else if (stats.tests === 0 && stats.failures === 0) result.problems.push('ran no tests');
  else if (code !== 0 && stats.failures === 0) result.problems.push(`exited with code ${code} although no test failed`);
  result.failures += result.problems.length;
  return result;
}

// ---- main --------------------------------------------------------------------------------------

function summaryLine(passed, failed, skipped) {
  return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--mocha-layer') return mochaLayer(argv[1], argv[2], argv[3]);

  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    console.error(`[test] ${err.message}`);
    console.log(summaryLine(0, 1, 0));
    return 1;
  }
  const layers = opts.only ? [opts.only] : LAYERS;
  const started = Date.now();
  const timings = {};
  const time = (name, fn) => {
    const t = Date.now();
    const r = fn();
    timings[name] = (Date.now() - t) / 1000;
    return r;
  };

  // Setup failures are failures too, and reported in the same final line.
  const setupProblems = [];
  const needsBrowser = layers.some((l) => l !== 'unit');
  if (opts.systemDeps && needsBrowser) {
    heading('system dependencies');
    if (time('system deps', () => run('bash', [join(ROOT, 'scripts/ensure-system-deps.sh')])) !== 0)
      setupProblems.push('system dependencies are missing');
  }
  const tmp = mkdtempSync(join(tmpdir(), 'hw6-test-'));
  let hostInstall;
  if (opts.hostInstall && layers.includes('host')) {
    heading('test host');
    const log = join(tmp, 'install-test-host.log');
    console.log(`[test] installing the test host in the background (its output follows before the host layer)`);
    hostInstall = runInBackground('bash', [join(ROOT, 'scripts/install-test-host.sh')], log).then((r) => ({
      ...r,
      log,
    }));
  }
  if (opts.build) {
    heading('build');
    if (time('build', () => run(process.execPath, [join(ROOT, 'esbuild.mjs'), '--tests'])) !== 0)
      setupProblems.push('build failed');
  }
  pruneStaleTests();

  const results = {};
  try {
    if (setupProblems.length === 0) {
      for (const layer of layers) {
        if (layer === 'host' && hostInstall) {
          heading('test host (installed in the background)');
          const r = await hostInstall;
          hostInstall = undefined;
          process.stdout.write(readFileSync(r.log, 'utf8'));
          if (r.error) console.error(`[test] install-test-host.sh: ${r.error}`);
          timings['host install'] = r.seconds;
          if (r.code !== 0) {
            results.host = { passes: 0, failures: 1, pending: 0, problems: ['test host install failed'] };
            timings.host = 0;
            continue;
          }
        }
        if (layer === 'host' && opts.build) {
          heading('package (for the host layer)');
          if (
            time('package', () => run(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', HOST_VSIX])) !== 0
          ) {
            results.host = { passes: 0, failures: 1, pending: 0, problems: ['packaging failed'] };
            timings.host = 0;
            continue;
          }
        }
        heading(`${layer} tests`);
        const statsFile = join(tmp, `${layer}.json`);
        const code = time(layer, () => runLayer(layer, opts, statsFile));
        results[layer] = layerResult(layer, code, statsFile);
      }
    }
    // a setup step failed before the host layer: the install still running is waited for, not orphaned
    if (hostInstall) {
      const r = await hostInstall;
      timings['host install'] = r.seconds;
      if (r.code !== 0) setupProblems.push('test host install failed');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  heading('summary');
  for (const p of setupProblems) console.log(`setup: ${p}`);
  let passed = 0;
  let failed = setupProblems.length;
  let skipped = 0;
  for (const [layer, r] of Object.entries(results)) {
    const note = r.problems.length ? `  (${r.problems.join('; ')})` : '';
    console.log(
      `${layer.padEnd(8)} ${summaryLine(r.passes, r.failures, r.pending)}  [${timings[layer].toFixed(1)} s]${note}`,
    );
    passed += r.passes;
    failed += r.failures;
    skipped += r.pending;
  }
  const setupTimes = ['system deps', 'host install', 'build', 'package']
    .filter((k) => k in timings)
    .map((k) => `${k} ${timings[k].toFixed(1)} s${k === 'host install' ? ' in the background' : ''}`);
  console.log(
    `total ${((Date.now() - started) / 1000).toFixed(1)} s${setupTimes.length ? ` (${setupTimes.join(', ')})` : ''}`,
  );
  console.log(summaryLine(passed, failed, skipped));
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
