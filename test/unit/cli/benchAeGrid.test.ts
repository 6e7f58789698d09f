// The ae-grid bench entry: problem 4's grid through the real ProcessRunner, its cells spread by the
// judge over child processes (a small grid here), the entry built from what was measured, the
// children's CPU time read from /proc, and the --ae-grid option.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import {
  aeGridEntry,
  aeGridOption,
  measureAeGrid,
  type AeGridBenchOptions,
  type AeGridMeasurement,
} from '../../../src/core/problems/autoencoders/gridBench';
import { reapedChildrenCpuMs } from '../../../src/cli/benchProcesses';
import { timeProcessRun } from '../../../src/cli/benchRun';
import { defaultConfig } from '../../../src/core/problems/autoencoders/config';
import { buildBundles } from '../runner/bundles';
import { repoRoot } from '../runner/paths';
import { runNode } from '../support/runNode';

describe('bench ae-grid', function () {
  this.timeout(120_000);

  it('builds the entry from a measurement: wall and CPU time, parallelism, the load around it', () => {
    const m: AeGridMeasurement = {
      config: 'full',
      poolSize: 2,
      cells: 96,
      workers: 2,
      backend: 'wasm',
      wallMs: 400_000.4,
      cpuMs: 760_000.6,
      loadBefore: 0.5,
      loadAfter: 2.25,
      cores: 2,
    };
    assert.deepEqual(aeGridEntry(m), {
      name: 'ae-grid',
      config: 'full',
      cells: 96,
      poolSize: 2,
      workers: 2,
      backend: 'wasm',
      cores: 2,
      cpuMs: 760_001,
      parallelism: 1.9,
      load: '0.50→2.25',
      ms: 400_000,
    });
    assert.equal(aeGridOption('full'), 'full');
    assert.equal(aeGridOption('off'), 'off');
    assert.throws(() => aeGridOption('all'), /--ae-grid must be quick, full or off \(got "all"\)/);
  });

  it("reads the reaped children's CPU time from a /proc/<pid>/stat line (cutime + cstime, 10 ms ticks)", () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
    const stat = '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 97 0 0 0 300 40 1234 66 20 0 1 0';
    assert.equal(reapedChildrenCpuMs(stat), 13_000);
    assert.equal(reapedChildrenCpuMs(''), 0);
  });

  it("times a small grid through ProcessRunner: every cell streamed, the pool size the run reports, the children's CPU counted", async () => {
    const bundles = await buildBundles();
    const runner = {
      childScript: bundles.child,
      referenceDir: bundles.referenceDir,
      wasmDir: bundles.wasmDir,
      mediaDir: join(repoRoot(), 'media'),
    };
    const timeRun: AeGridBenchOptions['timeRun'] = (request, poolSize, onEvent) =>
      timeProcessRun(runner, request, poolSize, onEvent);
    const synthetic = { ...defaultConfig(true).synthetic, n: 1000, epochs: 1 };
    const overrides = { datasets: ['synthetic' as const], ks: [5], variants: ['vanilla' as const], synthetic };
    const hostCpu = process.cpuUsage();
    const m = await measureAeGrid(() => {}, { config: 'quick', poolSize: 2, timeRun, overrides });
    const host = process.cpuUsage(hostCpu);
    assert.deepEqual([m.config, m.cells, m.poolSize, m.workers, m.backend], ['quick', 2, 2, 2, 'wasm']);
    assert.ok(m.wallMs > 0 && m.cpuMs > 0, JSON.stringify(m));
    if (process.platform === 'linux') {
      // the cells ran in child processes: their CPU time (starting tfjs in each, at least) is in the figure
      assert.ok(
        m.cpuMs > (host.user + host.system) / 1000 + 100,
        `cpuMs ${m.cpuMs} vs this process's ${(host.user + host.system) / 1000}`,
      );
    }
    const one = await measureAeGrid(() => {}, { config: 'quick', poolSize: 1, timeRun, overrides });
    assert.deepEqual([one.cells, one.workers], [2, 1]);
    // a run that does not end done is an error, not a time
    await assert.rejects(
      measureAeGrid(() => {}, { config: 'quick', poolSize: 2, timeRun, overrides: { ...overrides, ks: [0] } }),
      /the run did not finish: .*ks must be a non-empty list/,
    );
  });

  it('bench rejects a bad --ae-grid or --ae-grid-pool with one line', async () => {
    const { bench } = await buildBundles();
    const bad = await runNode(bench, ['--only', 'ae', '--ae-grid', 'all']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--ae-grid must be quick, full or off/);
    const pool = await runNode(bench, ['--only', 'ae', '--ae-grid-pool', '0']);
    assert.equal(pool.code, 2);
    assert.match(pool.stderr, /--ae-grid-pool must be a positive integer/);
  });
});
