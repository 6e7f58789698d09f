// `npm run bench -- --only ae` (./benches.ts): the wall time of problem 4's whole grid as the CLI and the extension
// run it: the reference solution through ProcessRunner (the run's child process, the judge here),
// its cells spread by the judge over child processes (one per core unless told). The full grid (96
// cells) takes minutes; the quick one (24 cells) is the default, `--ae-grid full` times the homework's.
import { loadavg } from 'node:os';
import type { BenchEnvironment } from '../../bench';
import { isArtifactKind } from '../../engine/events';
import type { AutoencodersConfig } from './config';
import type { AeCellArtifact, AutoencodersArtifact } from './artifact';
import { autoencodersInfo } from './meta';

export type AeGridConfig = 'quick' | 'full';

export interface AeGridBenchOptions {
  config: AeGridConfig;
  /** Processes the grid's cells are spread over (the run's own included). */
  poolSize: number;
  /** Runs the grid through ProcessRunner and times it (the bench runner's, src/cli/benchRun.ts). */
  timeRun: BenchEnvironment['timeRun'];
  /** Config keys over the quick or full one (tests: a smaller grid). */
  overrides?: Partial<AutoencodersConfig>;
  /** The run's time limit; 1 hour unless set. */
  timeLimitMs?: number;
}

/** What one timed run of the grid measured. */
export interface AeGridMeasurement {
  config: AeGridConfig;
  poolSize: number;
  /** ae-cell artifacts streamed by the run. */
  cells: number;
  /** The pool size the run reports (its final artifact: the processes its cells were spread over), and its backend. */
  workers: number;
  backend: string;
  wallMs: number;
  /** CPU time of this process (the judge) and of the run's child processes (Linux: /proc; elsewhere this process only). */
  cpuMs: number;
  /** 1-minute load average at the start and at the end (the machine may be shared). */
  loadBefore: number;
  loadAfter: number;
  cores: number;
}

export interface AeGridEntry {
  name: 'ae-grid';
  config: AeGridConfig;
  cells: number;
  poolSize: number;
  workers: number;
  backend: string;
  cores: number;
  cpuMs: number;
  /** CPU time over wall time: how many cores the grid kept busy on average. */
  parallelism: number;
  load: string;
  ms: number;
  [parameter: string]: string | number;
}

export function aeGridEntry(m: AeGridMeasurement): AeGridEntry {
  return {
    name: 'ae-grid',
    config: m.config,
    cells: m.cells,
    poolSize: m.poolSize,
    workers: m.workers,
    backend: m.backend,
    cores: m.cores,
    cpuMs: Math.round(m.cpuMs),
    parallelism: m.wallMs > 0 ? Math.round((m.cpuMs / m.wallMs) * 100) / 100 : 0,
    load: `${m.loadBefore.toFixed(2)}→${m.loadAfter.toFixed(2)}`,
    ms: Math.round(m.wallMs),
  };
}

/** Parses --ae-grid: quick, full or off. */
export function aeGridOption(value: string): AeGridConfig | 'off' {
  if (value === 'quick' || value === 'full' || value === 'off') return value;
  throw new RangeError(`--ae-grid must be quick, full or off (got "${value}").`);
}

/** Runs the grid once and times it; throws with the run's message when it does not end done. */
export async function measureAeGrid(
  log: (line: string) => void,
  options: AeGridBenchOptions,
): Promise<AeGridMeasurement> {
  const started = performance.now();
  let cells = 0;
  let grid: AutoencodersArtifact | undefined;
  let lastLogged = 0;
  const run = await options.timeRun(
    {
      problemId: autoencodersInfo.id,
      config: { ...options.overrides, quick: options.config === 'quick' },
      solution: { kind: 'reference' },
      timeLimitMs: options.timeLimitMs ?? 3_600_000,
    },
    options.poolSize,
    (event) => {
      if (event.type !== 'artifact') return;
      if (isArtifactKind<AeCellArtifact>(event.artifact, 'ae-cell')) {
        cells++;
        if (performance.now() - lastLogged > 30_000) {
          lastLogged = performance.now();
          log(
            `ae-grid: ${cells}/${event.artifact.total} cells after ${((performance.now() - started) / 1000).toFixed(0)} s`,
          );
        }
      }
      if (isArtifactKind<AutoencodersArtifact>(event.artifact, 'autoencoders')) grid = event.artifact;
    },
  );
  const { last } = run;
  if (last?.type !== 'done')
    throw new Error(
      `ae-grid: the run did not finish: ${last?.type === 'error' ? `${last.reason}: ${last.message}` : 'no end event'}`,
    );
  return {
    config: options.config,
    poolSize: options.poolSize,
    cells,
    workers: grid?.workers ?? 0,
    backend: last.backend,
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    loadBefore: run.loadBefore,
    loadAfter: run.loadAfter,
    cores: run.cores,
  };
}

export async function benchAeGrid(log: (line: string) => void, options: AeGridBenchOptions): Promise<AeGridEntry> {
  log(`ae-grid: the ${options.config} grid over ${options.poolSize} process(es) (load ${loadavg()[0]!.toFixed(2)})`);
  const entry = aeGridEntry(await measureAeGrid(log, options));
  log(
    `ae-grid ${entry.config}: ${entry.cells} cells in ${(entry.ms / 1000).toFixed(1)} s over ${entry.workers} process(es), CPU ${(entry.cpuMs / 1000).toFixed(1)} s (×${entry.parallelism}), load ${entry.load}`,
  );
  return entry;
}
