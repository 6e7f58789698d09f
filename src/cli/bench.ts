// `npm run bench -- [--only NAME] [--json FILE]`: the benchmarks, run in Node with the wasm backend
// (entry of dist/bench.js). Writes [{ name, …parameters, ms }] and prints a table.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Command, CommanderError } from 'commander';
import { initBackend } from '../core/engine/backend';
import { timeBeamDecoding } from '../core/problems/beam-search/bench';
import { neverCancelled } from '../core/engine/cancel';
import * as kernelAttention from '../core/problems/kernel-attention/reference';
import { measureAttention } from '../core/problems/kernel-attention/sweep';
import * as zkcReference from '../core/problems/zkc/reference';
import { trainWithSolution } from '../core/problems/zkc/tfTrainer';
import { trainZkc, zkcTrainDefaults } from '../core/problems/zkc/train';
import { findProblem, problems } from '../core/problems';
import { shutdownWasm } from '../core/tfjsWasm/wasmThreads';
import { benchAutoencoders, defaultAeThreads, initAeBackend } from './benchAe';
import { aeGridOption, benchAeGrid, type AeGridConfig } from './benchAeGrid';
import { benchCheckLatency } from './benchCheckLatency';
import { poolSizeFrom } from '../runner/poolSize';
import { runActivationProbe, sampleActivation, vscodeApiNames, type ProbeRequest } from './activationProbe';
import { bundleDir, childScript, mediaDir, packageRoot, referenceDir, wasmDir } from './paths';
import { formatTable } from './table';
import { UsageError } from './usageError';

export interface BenchEntry {
  name: string;
  ms: number;
  [parameter: string]: string | number;
}

interface BenchOptions {
  /** Fresh worker threads sampled for extension-activation. */
  samples: number;
  /** The attention benchmark's largest N (it doubles from 256 up to this). */
  attentionMaxN: number;
  /** Problem 4's epoch benchmark: bottleneck widths, IDX folder, random data instead of MNIST. */
  ae: { ks?: number[]; idxDir?: string; randomData: boolean; threads: number };
  /** Problem 4's whole grid through ProcessRunner, its cells over child processes (src/cli/benchAeGrid.ts). */
  aeGrid: { config: AeGridConfig | 'off'; poolSize: number };
  /** A check's wall time, thread against process (src/cli/benchCheckLatency.ts): problems (all unless set), repeats. */
  latency: { problems?: string[]; repeats: number };
}

interface Benchmark {
  name: string;
  run(log: (line: string) => void, options: BenchOptions): Promise<BenchEntry[]>;
}

const BEAM_WIDTHS = [2, 4, 8, 16];

const benchmarks: Benchmark[] = [
  {
    name: 'beam-decode',
    async run(log) {
      const backend = await initBackend({ wasmPath: join(wasmDir, '/'), usePlatformFetch: false });
      const entries: BenchEntry[] = [];
      for (const k of BEAM_WIDTHS) {
        const params = { k, T: 50, vocab: 1000, embed: 32, hidden: 64 };
        const { msPerSentence } = await timeBeamDecoding({
          k,
          T: params.T,
          vocabSize: params.vocab,
          embed: params.embed,
          hidden: params.hidden,
        });
        entries.push({ name: 'beam-decode', ...params, backend, ms: round(msPerSentence) });
        log(`beam-decode k=${k}: ${round(msPerSentence)} ms per sentence`);
      }
      return entries;
    },
  },
  {
    // The homework's full training (all-nodes never stops early: 20 000 epochs) with the reference
    // solution's tfjs layers, and the float64 ground-truth trainer for comparison.
    name: 'zkc-train',
    async run(log) {
      const backend = await initBackend({ wasmPath: join(wasmDir, '/'), usePlatformFetch: false });
      const config = { ...zkcTrainDefaults, maskMode: 'all-nodes' as const };
      const entries: BenchEntry[] = [];
      const time = async (trainer: string, train: () => Promise<{ epochs: number }>): Promise<void> => {
        const started = performance.now();
        const { epochs } = await train();
        const ms = performance.now() - started;
        entries.push({
          name: 'zkc-train',
          trainer,
          epochs,
          epochsPerSecond: Math.round((epochs * 1000) / ms),
          ms: round(ms),
        });
        log(
          `zkc-train ${trainer}: ${epochs} epochs in ${round(ms / 1000)} s (${Math.round((epochs * 1000) / ms)} epochs/s)`,
        );
      };
      await time(`tfjs-${backend}`, async () => ({
        epochs: (await trainWithSolution(zkcReference, config, { signal: neverCancelled })).epochs,
      }));
      await time('float64', async () => ({ epochs: trainZkc(config).history.epochs }));
      return entries;
    },
  },
  {
    // Problem 3's reference: softmax attention and the quadratic-kernel linear attention (compact φ)
    // at D = M ∈ {16, 64}, N doubling from 256; median of 3 calls after a warm-up, with the peak
    // tensor memory of the warm-up call (tf.profile).
    name: 'attention',
    async run(log, { attentionMaxN }) {
      const backend = await initBackend({ wasmPath: join(wasmDir, '/'), usePlatformFetch: false });
      const entries: BenchEntry[] = [];
      for (const D of [16, 64]) {
        for (let N = 256; N <= attentionMaxN; N *= 2) {
          for (const form of ['softmax', 'linear'] as const) {
            const { ms, bytes } = await measureAttention(kernelAttention, form, N, D, D, 3, N + D);
            entries.push({ name: `attention-${form}`, N, D, M: D, backend, bytes, ms: round(ms) });
            log(`attention-${form} D=${D} N=${N}: ${round(ms)} ms, ${(bytes / 2 ** 20).toFixed(1)} MiB peak tensors`);
          }
        }
      }
      return entries;
    },
  },
  {
    // Problem 4: one training epoch of the 784-1000-k-1000-784 ReLU autoencoder (src/cli/benchAe.ts).
    name: 'ae',
    async run(log, { ae, aeGrid }) {
      const { backend, threads, error } = await initAeBackend(ae.threads);
      if (error) log(`ae: the threaded wasm backend did not load (${error}); single-threaded`);
      log(`ae: ${backend}, ${threads} thread(s)`);
      let entries: BenchEntry[];
      try {
        entries = (await benchAutoencoders(log, ae)).map((e) => ({ ...e, backend, threads }));
      } finally {
        if (threads > 1) shutdownWasm(); // its pthread workers would keep the process alive
      }
      // The grid's wall time: { name: 'ae-grid', config, cells, poolSize, ms, … } (its own child processes).
      if (aeGrid.config !== 'off') {
        const runner = { childScript, referenceDir, wasmDir, mediaDir: mediaDir() };
        entries.push(await benchAeGrid(log, { config: aeGrid.config, poolSize: aeGrid.poolSize, runner }));
      }
      return entries;
    },
  },
  {
    name: 'extension-activation',
    async run(log, { samples: count }) {
      const extensionJs = join(bundleDir, 'extension.js');
      if (!existsSync(extensionJs)) {
        log(`extension-activation skipped: ${extensionJs} does not exist (run \`npm run build\`).`);
        return [];
      }
      const root = packageRoot();
      const request = { extensionJs, extensionRoot: root, apiNames: vscodeApiNames(root) };
      const samples = [];
      for (let i = 0; i < count; i++) samples.push(await sampleActivation(__filename, request));
      const total = median(samples.map((s) => s.requireMs + s.activateMs));
      log(`extension-activation: ${round(total)} ms (median of ${count} fresh worker threads)`);
      return [
        {
          name: 'extension-activation',
          measures:
            'require(dist/extension.js) + activate() in a fresh worker thread, vscode API replaced by a recording stand-in',
          samples: count,
          requireMs: round(median(samples.map((s) => s.requireMs))),
          activateMs: round(median(samples.map((s) => s.activateMs))),
          vscodeCalls: samples[0]!.vscodeCalls,
          ms: round(total),
        },
      ];
    },
  },
  {
    // A check's wall time, start-up included: the in-process worker thread of the previous
    // architecture against ProcessRunner, cold and prewarmed (src/cli/benchCheckLatency.ts).
    name: 'check-latency',
    async run(log, { latency }) {
      const runner = { childScript, referenceDir, wasmDir, mediaDir: mediaDir() };
      return benchCheckLatency(log, { ...latency, runner });
    },
  },
];

async function main(argv: string[]): Promise<number> {
  const cli = new Command('hw6-lab-bench')
    .description('Benchmarks: ' + benchmarks.map((b) => b.name).join(', '))
    .option('--only <name>', 'run one benchmark')
    .option('--json <file>', 'write the results as JSON')
    .option('--samples <n>', 'fresh worker threads sampled for extension-activation', '5')
    .option('--attention-max-n <n>', 'largest sequence length of the attention benchmark', '8192')
    .option('--ae-ks <list>', 'ae: bottleneck widths of the MNIST 10k epochs, comma-separated', '5,10,100,1000')
    .option(
      '--idx-dir <dir>',
      'ae: folder of the Fashion-MNIST IDX files for the 60k epochs',
      '/usr/share/datasets/fashion-mnist',
    )
    .option('--ae-random', 'ae: random pixels instead of the embedded digits (same shapes)')
    .option(
      '--ae-grid <config>',
      "ae: time problem 4's whole grid through ProcessRunner, its cells over child processes: quick (24 cells), full (the homework's 96; minutes) or off",
      'quick',
    )
    .option(
      '--ae-grid-pool <n>',
      "ae: processes the grid's cells are spread over (default: HW6_POOL_SIZE, else one per core)",
    )
    .option(
      '--ae-repeats <n>',
      'ae: epochs timed per k after the warm-up; the median is the entry, min and max beside it',
      '3',
    )
    .option(
      '--latency-repeats <n>',
      'check-latency: timed checks per problem and runner; the median is the entry, min and max beside it',
      '5',
    )
    .option('--latency-problems <list>', 'check-latency: problem ids, comma-separated (default: all five)')
    .option(
      '--ae-threads <n>',
      'ae: XNNPACK threads of the single-model epochs (one per core, at most 4; the threaded wasm binary when ≥ 2 and ae runs first; 1 = the stock single-threaded backend)',
      String(defaultAeThreads()),
    )
    .exitOverride();
  cli.parse(argv);
  const options = cli.opts<{
    only?: string;
    json?: string;
    samples: string;
    attentionMaxN: string;
    aeKs: string;
    idxDir: string;
    aeRandom?: boolean;
    aeThreads: string;
    aeRepeats: string;
    aeGrid: string;
    aeGridPool?: string;
    latencyRepeats: string;
    latencyProblems?: string;
  }>();
  const samples = Number(options.samples);
  if (!Number.isInteger(samples) || samples < 1)
    throw new UsageError(`--samples must be a positive integer (got "${options.samples}").`);
  const attentionMaxN = Number(options.attentionMaxN);
  if (!Number.isInteger(attentionMaxN) || attentionMaxN < 256)
    throw new UsageError(`--attention-max-n must be an integer ≥ 256 (got "${options.attentionMaxN}").`);
  const ks = options.aeKs.split(',').map(Number);
  if (!ks.every((k) => Number.isInteger(k) && k > 0))
    throw new UsageError(`--ae-ks must list positive integers (got "${options.aeKs}").`);
  const aeThreads = Number(options.aeThreads);
  if (!Number.isInteger(aeThreads) || aeThreads < 1)
    throw new UsageError(`--ae-threads must be a positive integer (got "${options.aeThreads}").`);
  const aeRepeats = Number(options.aeRepeats);
  if (!Number.isInteger(aeRepeats) || aeRepeats < 1)
    throw new UsageError(`--ae-repeats must be a positive integer (got "${options.aeRepeats}").`);
  const ae = {
    ks,
    idxDir: options.idxDir,
    randomData: options.aeRandom === true,
    threads: aeThreads,
    repeats: aeRepeats,
  };
  let gridConfig: AeGridConfig | 'off';
  try {
    gridConfig = aeGridOption(options.aeGrid);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const gridPool = options.aeGridPool === undefined ? poolSizeFrom(undefined) : Number(options.aeGridPool);
  if (!Number.isInteger(gridPool) || gridPool < 1)
    throw new UsageError(`--ae-grid-pool must be a positive integer (got "${options.aeGridPool}").`);
  const aeGrid = { config: gridConfig, poolSize: gridPool };
  const latencyRepeats = Number(options.latencyRepeats);
  if (!Number.isInteger(latencyRepeats) || latencyRepeats < 1)
    throw new UsageError(`--latency-repeats must be a positive integer (got "${options.latencyRepeats}").`);
  const latencyProblems = options.latencyProblems
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = latencyProblems?.filter((id) => !findProblem(id)) ?? [];
  if (unknown.length > 0)
    throw new UsageError(
      `--latency-problems: unknown problem "${unknown[0]}" (known: ${problems.map((p) => p.id).join(', ')}).`,
    );
  const latency = { ...(latencyProblems?.length ? { problems: latencyProblems } : {}), repeats: latencyRepeats };
  const selected = options.only ? benchmarks.filter((b) => b.name === options.only) : benchmarks;
  if (selected.length === 0)
    throw new UsageError(`Unknown benchmark "${options.only}" (known: ${benchmarks.map((b) => b.name).join(', ')}).`);

  const entries: BenchEntry[] = [];
  for (const b of selected)
    entries.push(
      ...(await b.run((line) => process.stderr.write(line + '\n'), { samples, attentionMaxN, ae, aeGrid, latency })),
    );
  process.stdout.write('\n' + table(entries) + '\n');
  if (options.json) {
    const file = resolve(options.json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(entries, null, 2) + '\n');
    process.stdout.write(`\nResults: ${file}\n`);
  }
  return 0;
}

function table(entries: readonly BenchEntry[]): string {
  const rows = entries.map((e) => {
    const params = Object.entries(e)
      .filter(([k]) => !['name', 'ms', 'measures'].includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return [e.name, params, e.ms.toFixed(2)];
  });
  return formatTable(['benchmark', 'parameters', 'ms'], rows);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

if (!isMainThread && (workerData as Partial<ProbeRequest> | undefined)?.probe === 'extension-activation') {
  // This bundle re-runs itself as the activation probe's worker thread.
  void runActivationProbe(workerData as ProbeRequest, (m) => parentPort!.postMessage(m));
} else {
  main(process.argv).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2;
      else {
        process.stderr.write(`hw6-lab bench: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = err instanceof UsageError ? 2 : 1;
      }
    },
  );
}
