// What a benchmark of `npm run bench` is. src/cli/bench.ts runs them: its own generic ones and each
// problem's (problems/<id>/benches.ts), whose command-line options the problem declares with them.
import { join } from 'node:path';
import { initBackend } from './engine/backend';
import type { RunEvent } from './engine/events';
import type { RunRequest } from '../runner/runner';

export interface BenchEntry {
  name: string;
  ms: number;
  [parameter: string]: string | number;
}

/** A command-line option of a bench: commander's flags (`--name <value>`), its help text, its default. */
export interface BenchOption {
  flags: string;
  description: string;
  defaultValue?: string;
}

/** The parsed command line, by commander's camelCase keys (`--ae-ks` → aeKs). */
export type BenchOptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** What one timed run through ProcessRunner measured, its child processes included (src/cli/benchRun.ts). */
export interface TimedRun {
  /** The run's last event: `done`, else why it ended. */
  last: RunEvent | undefined;
  wallMs: number;
  /** CPU time of this process and of the run's child processes (Linux: /proc; elsewhere this process only). */
  cpuMs: number;
  /** 1-minute load average at the start and at the end (the machine may be shared). */
  loadBefore: number;
  loadAfter: number;
  cores: number;
}

/** What the bench runner gives a bench: where the bundle's assets are, and a timed ProcessRunner run. */
export interface BenchEnvironment {
  log(line: string): void;
  /** dist/wasm: tfjs's wasm binaries. */
  wasmDir: string;
  /** The package's media/ folder (the runs' assets). */
  mediaDir(): string;
  /** Runs `request` through ProcessRunner, its cells over `poolSize` processes, and times it. */
  timeRun(request: RunRequest, poolSize: number, onEvent: (event: RunEvent) => void): Promise<TimedRun>;
}

export interface Bench {
  /** What `--only` selects. */
  name: string;
  /** Its own options, added to the command line of `npm run bench`. */
  options?: readonly BenchOption[];
  /**
   * Reads its options from the command line and returns its run. Every bench reads its options
   * before any runs, so a bad value stops the command at once; a throw here is a usage error.
   */
  prepare(values: BenchOptionValues): (env: BenchEnvironment) => Promise<BenchEntry[]>;
}

/** An option's value as an integer ≥ `min`; throws the usage message otherwise. */
export function integerOption(value: string | boolean | undefined, flag: string, min = 1): number {
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min)
    throw new RangeError(
      min === 1
        ? `${flag} must be a positive integer (got "${String(value)}").`
        : `${flag} must be an integer ≥ ${min} (got "${String(value)}").`,
    );
  return n;
}

/** tfjs on the stock wasm backend, its binaries read from `wasmDir`; its name. */
export function initBenchBackend(wasmDir: string): Promise<string> {
  return initBackend({ wasmPath: join(wasmDir, '/'), usePlatformFetch: false });
}

/** Milliseconds to two decimals, as every entry reports them. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
