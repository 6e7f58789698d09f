// `npm run bench -- --only check-latency`: how long a *check* takes (checksOnly, the reference
// solution, the quick config), start-up included, for each problem, through
//   thread             the previous architecture ("old"): the run's code in a worker thread of this
//                      (the host's) process, as the old WorkerRunner had it; here the thread runs the
//                      same child script, ChildEngine and module loading as the process does, over a
//                      ChildLink, judged by the same LinkSession + judgeRun (benchThreadLink.ts);
//   process            ProcessRunner with prewarm off: a child process is started for the run;
//   process-prewarmed  ProcessRunner with prewarm on (the editor and the CLI): the run takes a spare
//                      child started ahead of it, after one warm-up run; between runs the bench
//                      waits until the new spare is idle, as a student's next check would find it.
// The wall time runs from start() to the end of the run's events. The ratio process / thread is
// what the trust boundary costs a cold check inside a running host.
// Then the same check as a command is timed: a fresh process per check, from its start to its exit
// (dist/checkOnce.js, the judge and both runners: the start-up of a CLI), through
//   thread            the previous architecture: the process loads, then starts the worker thread;
//   process           the process loads, then starts the child;
//   process-launcher  the child starts first, then the process loads (dist/checkOnceLaunch.js, as
//                     dist/cli.js does for `hw6-lab check`).
// Their ratio to thread is what the trust boundary costs `hw6-lab check`.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { RunEvent } from '../core/engine/events';
import { findProblem, problems } from '../core/problems';
import { ProcessRunner, type ProcessRunnerOptions } from '../runner/processRunner';
import type { RunHandle, RunRequest } from '../runner/runner';
import { childrenGone, childrenIdle, liveChildren } from './benchProcesses';
import { ThreadRunner } from './benchThreadLink';

export type LatencyRunner = 'thread' | 'process' | 'process-prewarmed';

export const LATENCY_RUNNERS: readonly LatencyRunner[] = ['thread', 'process', 'process-prewarmed'];

/** How a fresh process runs its one check (see the header). */
export type CommandRunner = 'thread' | 'process' | 'process-launcher';

export const COMMAND_RUNNERS: readonly CommandRunner[] = ['thread', 'process', 'process-launcher'];

export interface CheckLatencyOptions {
  /** Problem ids (all five unless set). */
  problems?: string[];
  /** Timed checks per problem and runner (the entry is their median). */
  repeats: number;
  /** The child's files (dist/child.js, which the threads run too). */
  runner: Required<Pick<ProcessRunnerOptions, 'childScript' | 'referenceDir' | 'wasmDir' | 'mediaDir'>>;
  /** The folder of dist/checkOnce.js and dist/checkOnceLaunch.js; the command figures are skipped without it. */
  bundleDir?: string;
}

/** One timed check. */
export interface CheckSample {
  /** start() to the end of the run's events. */
  ms: number;
  /** start() to the judge's "checking" progress: the child is up, its module loaded. */
  readyMs: number;
}

export interface CheckLatencyEntry {
  name: 'check-latency';
  problem: string;
  runner: LatencyRunner;
  /** Median over the repeats; min and max beside it. */
  ms: number;
  min: number;
  max: number;
  repeats: number;
  /** Median time until the child was ready (start-up and module load). */
  readyMs: number;
  [parameter: string]: string | number;
}

/** A check as a command: a fresh process from its start to its exit. */
export interface CommandLatencyEntry {
  name: 'check-command-latency';
  problem: string;
  runner: CommandRunner;
  ms: number;
  min: number;
  max: number;
  repeats: number;
  [parameter: string]: string | number;
}

export interface CheckLatencySummary {
  name: 'check-latency-ratio' | 'check-command-latency-ratio';
  measures: string;
  /** One key per problem: median process / median thread. */
  [problemOrField: string]: string | number;
  /** Median over the problems of what a cold process adds to a check (process − thread), ms. */
  ms: number;
}

/** The entry of one problem and runner from its samples. */
export function latencyEntry(
  problem: string,
  runner: LatencyRunner,
  samples: readonly CheckSample[],
): CheckLatencyEntry {
  return {
    name: 'check-latency',
    problem,
    runner,
    ...spread(samples.map((s) => s.ms)),
    readyMs: round(median(samples.map((s) => s.readyMs))),
  };
}

/**
 * Per problem, the median of `over` divided by the median of `under` (keyed `<id><suffix>`), and the
 * median over the problems of what `over` adds, ms.
 */
function ratiosOf(
  entries: readonly { problem: string; runner: string; ms: number }[],
  over: string,
  under: string,
  suffix = '',
): { ratios: Record<string, number>; extra: number[] } {
  const of = (problem: string, runner: string) => entries.find((e) => e.problem === problem && e.runner === runner)?.ms;
  const ratios: Record<string, number> = {};
  const extra: number[] = [];
  for (const id of new Set(entries.map((e) => e.problem))) {
    const a = of(id, over);
    const b = of(id, under);
    if (a === undefined || b === undefined || b <= 0) continue;
    ratios[id + suffix] = Math.round((a / b) * 100) / 100;
    extra.push(a - b);
  }
  return { ratios, extra };
}

/** The summary: process / thread per problem, and the median extra ms of a cold process. */
export function latencySummary(entries: readonly CheckLatencyEntry[], load: string): CheckLatencySummary {
  const { ratios, extra } = ratiosOf(entries, 'process', 'thread');
  return {
    name: 'check-latency-ratio',
    measures:
      'process / thread: median cold check through ProcessRunner over the median through a worker thread (same engine, same judge)',
    ...ratios,
    load,
    ms: extra.length ? round(median(extra)) : 0,
  };
}

/** The entry of one problem and command runner from its wall times. */
export function commandEntry(problem: string, runner: CommandRunner, ms: readonly number[]): CommandLatencyEntry {
  return { name: 'check-command-latency', problem, runner, ...spread(ms) };
}

/** The median of `ms` with its min, max and count. */
function spread(ms: readonly number[]): { ms: number; min: number; max: number; repeats: number } {
  return { ms: round(median(ms)), min: round(Math.min(...ms)), max: round(Math.max(...ms)), repeats: ms.length };
}

/** The command figures' summary: process-launcher / thread and process / thread per problem. */
export function commandSummary(entries: readonly CommandLatencyEntry[], load: string): CheckLatencySummary {
  const { ratios, extra } = ratiosOf(entries, 'process-launcher', 'thread');
  return {
    name: 'check-command-latency-ratio',
    measures:
      'as a command (fresh process, start to exit): process-launcher / thread per problem, and process / thread (<id>:process)',
    ...ratios,
    ...ratiosOf(entries, 'process', 'thread', ':process').ratios,
    load,
    ms: extra.length ? round(median(extra)) : 0,
  };
}

/** One check as a command: `node <script> <runner> <id>`, from its start to its exit, ms. */
function timeCommand(bundleDir: string, runner: CommandRunner, problemId: string): Promise<number> {
  const script = join(bundleDir, runner === 'process-launcher' ? 'checkOnceLaunch.js' : 'checkOnce.js');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, runner === 'thread' ? 'thread' : 'process', problemId],
      { timeout: 120_000 },
      (err, stdout, stderr) => {
        const ms = performance.now() - started;
        if (err || !stdout.includes('"ok":true'))
          reject(new Error(`check-latency ${problemId} (${runner} command) failed: ${stderr || err?.message}`));
        else resolve(ms);
      },
    );
  });
}

/** The line printed per problem. */
export function latencyLine(problem: string, entries: readonly CheckLatencyEntry[]): string {
  const of = (runner: LatencyRunner) => entries.find((e) => e.problem === problem && e.runner === runner);
  const [thread, process, prewarmed] = LATENCY_RUNNERS.map(of);
  const ratio = thread && process && thread.ms > 0 ? (process.ms / thread.ms).toFixed(2) : '–';
  const show = (e: CheckLatencyEntry | undefined) => (e ? `${Math.round(e.ms)} ms` : '–');
  return `check-latency ${problem}: thread ${show(thread)}, process ${show(process)}, process-prewarmed ${show(prewarmed)} (medians of ${thread?.repeats ?? 0}); process/thread ×${ratio}`;
}

export async function benchCheckLatency(
  log: (line: string) => void,
  options: CheckLatencyOptions,
): Promise<Array<CheckLatencyEntry | CommandLatencyEntry | CheckLatencySummary>> {
  const ids = options.problems ?? problems.map((p) => p.id);
  for (const id of ids)
    if (!findProblem(id))
      throw new RangeError(
        `--latency-problems: unknown problem "${id}" (known: ${problems.map((p) => p.id).join(', ')}).`,
      );
  const loadBefore = loadavg()[0]!;
  log(
    `check-latency: ${ids.length} problem(s), ${options.repeats} check(s) each per runner (load ${loadBefore.toFixed(2)})`,
  );
  const thread = new ThreadRunner({ ...options.runner, findProblem });
  const cold = new ProcessRunner({ ...options.runner, findProblem, prewarm: false });
  const entries: CheckLatencyEntry[] = [];
  for (const id of ids) {
    const samples: Record<LatencyRunner, CheckSample[]> = { thread: [], process: [], 'process-prewarmed': [] };
    // untimed: the judge's side of this problem (its code, what its checks compute once) warms up here
    await timeCheck(thread, id);
    await thread.idle();
    // thread and process take turns, each going first every other time: a drifting load hits both
    for (let r = 0; r < options.repeats; r++) {
      for (const which of r % 2 === 0 ? (['thread', 'process'] as const) : (['process', 'thread'] as const)) {
        if (which === 'thread') {
          samples.thread.push(await timeCheck(thread, id));
          await thread.idle();
        } else {
          const before = liveChildren();
          samples.process.push(await timeCheck(cold, id));
          await childrenGone(before);
        }
      }
    }
    const before = liveChildren();
    const prewarmed = new ProcessRunner({ ...options.runner, findProblem, prewarm: true });
    try {
      await timeCheck(prewarmed, id); // the warm-up: it starts the first spare
      for (let r = 0; r < options.repeats; r++) {
        await childrenIdle(before);
        samples['process-prewarmed'].push(await timeCheck(prewarmed, id));
      }
    } finally {
      prewarmed.dispose();
      await childrenGone(before);
    }
    for (const runner of LATENCY_RUNNERS) entries.push(latencyEntry(id, runner, samples[runner]));
    log(latencyLine(id, entries));
  }
  const summary = latencySummary(entries, `${loadBefore.toFixed(2)}→${loadavg()[0]!.toFixed(2)}`);
  log(
    `check-latency: process/thread ${ids.map((id) => `${id} ×${summary[id] ?? '–'}`).join(', ')}; a cold process adds ${Math.round(summary.ms)} ms (median), load ${summary.load}`,
  );
  if (!options.bundleDir) return [...entries, summary];
  const commandLoad = loadavg()[0]!;
  const commands: CommandLatencyEntry[] = [];
  for (const id of ids) {
    const wall: Record<CommandRunner, number[]> = { thread: [], process: [], 'process-launcher': [] };
    await timeCommand(options.bundleDir, 'thread', id); // untimed: the file cache
    // each runner goes first in turn: a drifting load hits all three
    for (let r = 0; r < options.repeats; r++) {
      for (let i = 0; i < COMMAND_RUNNERS.length; i++) {
        const runner = COMMAND_RUNNERS[(r + i) % COMMAND_RUNNERS.length]!;
        wall[runner].push(await timeCommand(options.bundleDir, runner, id));
      }
    }
    for (const runner of COMMAND_RUNNERS) commands.push(commandEntry(id, runner, wall[runner]));
    const show = (runner: CommandRunner) =>
      `${runner} ${Math.round(commands.find((e) => e.problem === id && e.runner === runner)!.ms)} ms`;
    log(`check-latency ${id} as a command: ${COMMAND_RUNNERS.map(show).join(', ')}`);
  }
  const commandRatios = commandSummary(commands, `${commandLoad.toFixed(2)}→${loadavg()[0]!.toFixed(2)}`);
  log(
    `check-latency as a command: process-launcher/thread ${ids.map((id) => `${id} ×${commandRatios[id] ?? '–'}`).join(', ')}; load ${commandRatios.load}`,
  );
  return [...entries, summary, ...commands, commandRatios];
}

/** One check of the reference through `runner`; throws when it does not end done. */
export async function timeCheck(
  runner: { start(request: RunRequest): RunHandle },
  problemId: string,
): Promise<CheckSample> {
  const started = performance.now();
  const handle = runner.start({
    problemId,
    config: { quick: true },
    solution: { kind: 'reference' },
    checksOnly: true,
  });
  let readyMs: number | undefined;
  let last: RunEvent | undefined;
  for await (const event of handle.events) {
    // judgeRun says "checking" once session.ready() resolved (checksOnly skips the experiment)
    if (readyMs === undefined && event.type === 'progress' && event.fraction === 0.9)
      readyMs = performance.now() - started;
    last = event;
  }
  const ms = performance.now() - started;
  if (last?.type !== 'done')
    throw new Error(
      `check-latency ${problemId}: the check did not finish: ${last?.type === 'error' ? `${last.reason}: ${last.message}` : 'no end event'}`,
    );
  if (!last.ok) throw new Error(`check-latency ${problemId}: the reference failed its checks`);
  return { ms, readyMs: readyMs ?? ms };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
