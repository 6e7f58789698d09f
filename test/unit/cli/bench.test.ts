import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { problemFolders } from '../../../scripts/problemFolders.mjs';
import { watPlugin } from '../../../scripts/watPlugin.mjs';
import { buildBundles } from '../runner/bundles';
import { repoRoot } from '../runner/paths';
import { runNode } from '../support/runNode';

const node = runNode;

describe('bench', function () {
  this.timeout(120_000);
  let bench: string;
  let tmp: string;

  before(async function () {
    this.timeout(120_000);
    bench = (await buildBundles()).bench;
  });
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'hw6-bench-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('rejects an unknown benchmark with one line', async () => {
    const r = await node(bench, ['--only', 'nope']);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr.trim(),
      /^hw6-lab bench: Unknown benchmark "nope" \(known: zkc-train, attention, ae, beam-decode, extension-activation, check-latency, grade\)\.$/,
    );
  });

  it('times beam decoding for k = 2…16, T = 50, vocabulary 1000 on wasm', async () => {
    const json = join(tmp, 'bench.json');
    const r = await node(bench, ['--only', 'beam-decode', '--json', json]);
    assert.equal(r.code, 0, r.stderr);
    const entries = JSON.parse(readFileSync(json, 'utf8')) as {
      name: string;
      k: number;
      T: number;
      vocab: number;
      backend: string;
      ms: number;
    }[];
    assert.deepEqual(
      entries.map((e) => [e.name, e.k, e.T, e.vocab, e.backend]),
      [2, 4, 8, 16].map((k) => ['beam-decode', k, 50, 1000, 'wasm']),
    );
    for (const e of entries) assert.ok(e.ms > 0 && Number.isFinite(e.ms));
    assert.match(r.stdout, /beam-decode\s+k=16 T=50 vocab=1000/);
  });

  it('times both attention forms of problem 3 at D = 16 and 64 over N, with their peak tensor memory', async () => {
    const json = join(tmp, 'attention.json');
    const r = await node(bench, ['--only', 'attention', '--attention-max-n', '512', '--json', json]);
    assert.equal(r.code, 0, r.stderr);
    const entries = JSON.parse(readFileSync(json, 'utf8')) as {
      name: string;
      N: number;
      D: number;
      M: number;
      backend: string;
      bytes: number;
      ms: number;
    }[];
    const expected = [16, 64].flatMap((D) =>
      [256, 512].flatMap((N) => ['attention-softmax', 'attention-linear'].map((name) => [name, N, D, D, 'wasm'])),
    );
    assert.deepEqual(
      entries.map((e) => [e.name, e.N, e.D, e.M, e.backend]),
      expected,
    );
    for (const e of entries)
      assert.ok(e.ms > 0 && Number.isFinite(e.ms) && e.bytes >= e.N * e.M * 4, JSON.stringify(e));
    // softmax attention holds [N, N] buffers: its memory quadruples when N doubles
    const bytes = (name: string, N: number): number =>
      entries.find((e) => e.name === name && e.N === N && e.D === 16)!.bytes;
    assert.ok(bytes('attention-softmax', 512) / bytes('attention-softmax', 256) > 3.5);
    assert.match(r.stdout, /attention-linear\s+N=512 D=64 M=64/);
    const bad = await node(bench, ['--only', 'attention', '--attention-max-n', '100']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--attention-max-n must be an integer ≥ 256/);
  });

  it('times an AE epoch over 10k digits on one XNNPACK thread per core (at most 4), and exits', async () => {
    const json = join(tmp, 'ae.json');
    const noIdx = join(tmp, 'no-idx');
    mkdirSync(noIdx);
    // Exiting at all is part of the test: live pthread workers would keep the process (and this test) running.
    const r = await node(bench, [
      '--only',
      'ae',
      '--ae-ks',
      '5',
      '--ae-repeats',
      '2',
      '--idx-dir',
      noIdx,
      '--ae-grid',
      'off',
      '--json',
      json,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const expectedThreads = Math.min(availableParallelism(), 4);
    assert.match(r.stderr, new RegExp(`ae: wasm, ${expectedThreads} thread\\(s\\)`));
    assert.match(r.stderr, /ae-epoch-fashion60k skipped: no train-images-idx3-ubyte/);
    const entries = JSON.parse(readFileSync(json, 'utf8')) as {
      name: string;
      k: number;
      n: number;
      batch: number;
      threads: number;
      gflops: number;
      ms: number;
      repeats: number;
      minMs: number;
      maxMs: number;
      gemmGflops: number;
    }[];
    assert.ok(!entries.some((e) => e.name === 'ae-grid'), '--ae-grid off still timed the grid');
    const epochs = entries.filter((e) => e.name.startsWith('ae-epoch'));
    assert.deepEqual(
      epochs.map((e) => [e.name, e.k, e.n, e.batch, e.threads]),
      [['ae-epoch-mnist10k', 5, 10_000, 128, expectedThreads]],
    );
    const [epoch] = epochs;
    assert.ok(epoch!.ms > 0 && epoch!.gflops > 0, JSON.stringify(epoch));
    assert.equal(epoch!.repeats, 2);
    assert.ok(
      epoch!.minMs <= epoch!.ms && epoch!.ms <= epoch!.maxMs,
      `median ${epoch!.ms} outside [${epoch!.minMs}, ${epoch!.maxMs}]`,
    );
    assert.match(r.stderr, /ae-epoch-mnist10k k=5 \[auto\]: [\d.]+ s median of 2/);
    // PyTorch's figure as recorded elsewhere, beside the epoch, and how many cores the epoch used
    assert.match(r.stderr, /PyTorch 1 thread as recorded elsewhere \(not run here\): 1\.43 \/ 1\.12 s, ratio [\d.]+/);
    assert.equal((epoch as unknown as { pytorchRecordedS: number }).pytorchRecordedS, 1.12);
    assert.ok((epoch as unknown as { coresUsed: number }).coresUsed > 0);
    assert.ok(epoch!.gemmGflops > 1, `GEMM calibration ${epoch!.gemmGflops}`);
    assert.match(r.stderr, /ae: GEMM calibration [\d.]+ GFLOP\/s/);
    const bad = await node(bench, ['--only', 'ae', '--ae-threads', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--ae-threads must be a positive integer/);
    const badRepeats = await node(bench, ['--only', 'ae', '--ae-repeats', '0']);
    assert.equal(badRepeats.code, 2);
    assert.match(badRepeats.stderr, /--ae-repeats must be a positive integer/);
  });

  it('times a check through a worker thread, a cold process and a prewarmed one, then as a command, with the ratios to the thread', async () => {
    const json = join(tmp, 'latency.json');
    const r = await node(bench, [
      '--only',
      'check-latency',
      '--latency-repeats',
      '1',
      '--latency-problems',
      'kernel-attention',
      '--json',
      json,
    ]);
    assert.equal(r.code, 0, r.stderr);
    type Entry = {
      name: string;
      problem: string;
      runner: string;
      ms: number;
      min: number;
      max: number;
      repeats: number;
      readyMs: number;
    };
    const all = JSON.parse(readFileSync(json, 'utf8')) as (Entry & Record<string, unknown>)[];
    const entries = all.filter((e) => e.name === 'check-latency');
    assert.deepEqual(
      entries.map((e) => [e.problem, e.runner, e.repeats]),
      ['thread', 'process', 'process-prewarmed'].map((runner) => ['kernel-attention', runner, 1]),
    );
    for (const e of entries) {
      assert.deepEqual(
        Object.keys(e).sort(),
        // load1: every entry says how busy the machine was (bench.ts); no GEMM calibration: this bench starts no tfjs in the bench's process
        ['load1', 'max', 'min', 'ms', 'name', 'problem', 'readyMs', 'repeats', 'runner'],
        JSON.stringify(e),
      );
      assert.ok(e.ms > 0 && e.min === e.ms && e.max === e.ms, JSON.stringify(e));
      // the child was ready before the check ended; a cold child takes time to start, a spare does not
      assert.ok(e.readyMs > 0 && e.readyMs < e.ms, JSON.stringify(e));
    }
    const [thread, cold, prewarmed] = entries;
    assert.ok(
      prewarmed!.readyMs < cold!.readyMs,
      `a spare child was ready in ${prewarmed!.readyMs} ms, a cold one in ${cold!.readyMs} ms`,
    );
    const summary = all.find((e) => e.name === 'check-latency-ratio')!;
    assert.ok(summary, 'the summary entry');
    assert.equal(summary['kernel-attention'], Math.round((cold!.ms / thread!.ms) * 100) / 100);
    assert.equal(summary.ms, Math.round((cold!.ms - thread!.ms) * 100) / 100);
    assert.match(String(summary.load), /^\d+\.\d\d→\d+\.\d\d$/);
    assert.match(
      r.stderr,
      /check-latency kernel-attention: thread \d+ ms, process \d+ ms, process-prewarmed \d+ ms \(medians of 1\); process\/thread ×\d+\.\d\d/,
    );
    assert.match(r.stdout, /check-latency\s+problem=kernel-attention runner=process-prewarmed/);

    // the same check as a command: a fresh process each, start to exit, the child started first or not
    const commands = all.filter((e) => e.name === 'check-command-latency');
    assert.deepEqual(
      commands.map((e) => [e.problem, e.runner, e.repeats]),
      ['thread', 'process', 'process-launcher'].map((runner) => ['kernel-attention', runner, 1]),
    );
    // a process's start-up is in these figures, not in the in-process ones
    for (const e of commands) assert.ok(e.ms > entries.find((i) => i.runner === 'thread')!.ms, JSON.stringify(e));
    const commandSummary = all.find((e) => e.name === 'check-command-latency-ratio')!;
    const commandMs = (runner: string) => commands.find((e) => e.runner === runner)!.ms;
    assert.equal(
      commandSummary['kernel-attention'],
      Math.round((commandMs('process-launcher') / commandMs('thread')) * 100) / 100,
    );
    assert.match(
      r.stderr,
      /check-latency kernel-attention as a command: thread \d+ ms, process \d+ ms, process-launcher \d+ ms/,
    );

    const badRepeats = await node(bench, ['--only', 'check-latency', '--latency-repeats', '0']);
    assert.equal(badRepeats.code, 2);
    assert.match(badRepeats.stderr, /--latency-repeats must be a positive integer/);
    const badProblem = await node(bench, ['--only', 'check-latency', '--latency-problems', 'zkc,nope']);
    assert.equal(badProblem.code, 2);
    assert.match(
      badProblem.stderr,
      /--latency-problems: unknown problem "nope" \(known: zkc, attention-scaling, kernel-attention, autoencoders, beam-search\)/,
    );
  });

  it('measures activate() of a real extension bundle, and skips when there is none', async () => {
    const none = await node(bench, ['--only', 'extension-activation', '--json', join(tmp, 'none.json')]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stderr, /extension-activation skipped: .*extension\.js does not exist/);
    assert.deepEqual(JSON.parse(readFileSync(join(tmp, 'none.json'), 'utf8')), []);

    // a folder under the repository (so the probe finds the package and @types/vscode) with both bundles
    const root = repoRoot();
    const dir = join(root, 'out', 'test-bundles', `${process.pid}-ext`);
    mkdirSync(dir, { recursive: true });
    try {
      copyFileSync(bench, join(dir, 'bench.js'));
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: { extension: 'src/extension/extension.ts' },
        outdir: dir,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
        logLevel: 'warning',
        plugins: [problemFolders(root), watPlugin()],
      });
      const json = join(tmp, 'activation.json');
      const r = await node(join(dir, 'bench.js'), ['--only', 'extension-activation', '--samples', '2', '--json', json]);
      assert.equal(r.code, 0, r.stderr);
      const [entry] = JSON.parse(readFileSync(json, 'utf8')) as {
        name: string;
        samples: number;
        requireMs: number;
        activateMs: number;
        vscodeCalls: number;
        ms: number;
      }[];
      assert.equal(entry!.name, 'extension-activation');
      assert.equal(entry!.samples, 2);
      assert.ok(entry!.vscodeCalls > 0, 'activate() really ran against the stand-in');
      assert.ok(entry!.requireMs > 0 && entry!.activateMs > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
