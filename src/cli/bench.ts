// `npm run bench -- [--only NAME] [--json FILE]`: the benchmarks, run in Node with the wasm backend
// (entry of dist/bench.js). Writes [{ name, …parameters, ms }] and prints a table. The problems'
// benches and their options come from their folders (problems/<id>/benches.ts); the generic ones are here.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Command, CommanderError } from 'commander';
import { integerOption, roundMs, type Bench, type BenchEntry, type BenchEnvironment } from '../core/bench';
import { findProblem, problems } from '../core/problems';
import { problemBenches } from '../core/problems/benches';
import { runActivationProbe, sampleActivation, vscodeApiNames, type ProbeRequest } from './activationProbe';
import { benchCheckLatency } from './benchCheckLatency';
import { timeProcessRun } from './benchRun';
import { bundleDir, childScript, mediaDir, packageRoot, referenceDir, wasmDir } from './paths';
import { formatTable } from './table';
import { UsageError } from './usageError';

/** The benches that are no problem's: the extension's start-up, a check's latency. */
const genericBenches: Bench[] = [
  {
    name: 'extension-activation',
    options: [
      {
        flags: '--samples <n>',
        description: 'fresh worker threads sampled for extension-activation',
        defaultValue: '5',
      },
    ],
    prepare: (values) => {
      const count = integerOption(values.samples, '--samples');
      return async ({ log }) => {
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
        log(`extension-activation: ${roundMs(total)} ms (median of ${count} fresh worker threads)`);
        return [
          {
            name: 'extension-activation',
            measures:
              'require(dist/extension.js) + activate() in a fresh worker thread, vscode API replaced by a recording stand-in',
            samples: count,
            requireMs: roundMs(median(samples.map((s) => s.requireMs))),
            activateMs: roundMs(median(samples.map((s) => s.activateMs))),
            vscodeCalls: samples[0]!.vscodeCalls,
            ms: roundMs(total),
          },
        ];
      };
    },
  },
  {
    // A check's wall time, start-up included: the in-process worker thread of the previous
    // architecture against ProcessRunner, cold and prewarmed (src/cli/benchCheckLatency.ts).
    name: 'check-latency',
    options: [
      {
        flags: '--latency-repeats <n>',
        description:
          'check-latency: timed checks per problem and runner; the median is the entry, min and max beside it',
        defaultValue: '5',
      },
      { flags: '--latency-problems <list>', description: 'check-latency: problem ids, comma-separated (default: all)' },
    ],
    prepare: (values) => {
      const repeats = integerOption(values.latencyRepeats, '--latency-repeats');
      const ids = (values.latencyProblems as string | undefined)
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      const unknown = ids?.filter((id) => !findProblem(id)) ?? [];
      if (unknown.length > 0)
        throw new RangeError(
          `--latency-problems: unknown problem "${unknown[0]}" (known: ${problems.map((p) => p.id).join(', ')}).`,
        );
      const latency = { ...(ids?.length ? { problems: ids } : {}), repeats };
      return ({ log }) => benchCheckLatency(log, { ...latency, runner: runnerPaths() });
    },
  },
];

/** Every bench: the problems' (catalog order), then the generic ones. */
const benchmarks: readonly Bench[] = [...problemBenches, ...genericBenches];

function runnerPaths() {
  return { childScript, referenceDir, wasmDir, mediaDir: mediaDir() };
}

async function main(argv: string[]): Promise<number> {
  const cli = new Command('hw6-lab-bench')
    .description('Benchmarks: ' + benchmarks.map((b) => b.name).join(', '))
    .option('--only <name>', 'run one benchmark')
    .option('--json <file>', 'write the results as JSON');
  // each bench's own options; commander refuses a flag two benches declare
  for (const o of benchmarks.flatMap((b) => b.options ?? [])) cli.option(o.flags, o.description, o.defaultValue);
  cli.exitOverride();
  cli.parse(argv);
  const options = cli.opts<{ only?: string; json?: string } & Record<string, string | boolean | undefined>>();
  // every bench reads its options first: a bad value is a usage error before anything runs
  const runs = benchmarks.map((b) => {
    try {
      return { name: b.name, run: b.prepare(options) };
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  });
  const selected = options.only ? runs.filter((b) => b.name === options.only) : runs;
  if (selected.length === 0)
    throw new UsageError(`Unknown benchmark "${options.only}" (known: ${benchmarks.map((b) => b.name).join(', ')}).`);

  const env: BenchEnvironment = {
    log: (line) => process.stderr.write(line + '\n'),
    wasmDir,
    mediaDir,
    timeRun: (request, poolSize, onEvent) => timeProcessRun(runnerPaths(), request, poolSize, onEvent),
  };
  const entries: BenchEntry[] = [];
  for (const b of selected) entries.push(...(await b.run(env)));
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
