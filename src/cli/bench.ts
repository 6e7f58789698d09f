// `npm run bench -- [--only NAME] [--json FILE]`: the benchmarks, run in Node with the wasm backend
// (entry of dist/bench.js). Writes [{ name, …parameters, ms }] and prints a table. The problems'
// benches and their options come from their folders (problems/<id>/benches.ts), the others from
// genericBenches.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Command, CommanderError } from 'commander';
import type { Bench, BenchEntry, BenchEnvironment } from '../core/bench';
import { problemBenches } from '../core/problems/benches';
import { activeBackend } from '../core/engine/backend';
import { gemmCalibration } from '../core/problems/autoencoders/epochBench';
import { runActivationProbe, type ProbeRequest } from './activationProbe';
import { timeProcessRun } from './benchRun';
import { genericBenches, runnerPaths } from './genericBenches';
import { mediaDir, wasmDir } from './paths';
import { formatTable } from './table';
import { UsageError } from './usageError';

/** Every bench: the problems' (catalog order), then the generic ones. */
const benchmarks: readonly Bench[] = [...problemBenches, ...genericBenches];

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
  for (const b of selected) {
    const own = await b.run(env);
    // every figure says how busy the machine was (a bench that measured it itself keeps its own)
    const load = Math.round(loadavg()[0] * 100) / 100;
    for (const e of own) e.load1 ??= load;
    entries.push(...own);
  }
  // …and how fast the machine's GEMM ran (this VM drifts): benches without their own calibration
  // get one taken at the end, on the backend they used (none when no bench started tfjs)
  if (activeBackend() !== 'none' && entries.some((e) => e.gemmGflops === undefined)) {
    const calibration = Math.round(gemmCalibration() * 100) / 100;
    env.log(`GEMM calibration at the end: ${calibration} GFLOP/s ([128, 784]·[784, 1000], packed weights)`);
    for (const e of entries) e.gemmGflops ??= calibration;
  }
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
