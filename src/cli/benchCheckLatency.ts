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
// what the trust boundary costs a cold check.
import { loadavg } from 'node:os';
import type { RunEvent } from '../core/engine/events';
import { findProblem, problems } from '../core/problems';
import { ProcessRunner, type ProcessRunnerOptions } from '../runner/processRunner';
import type { RunHandle, RunRequest } from '../runner/runner';
import { childrenGone, childrenIdle, liveChildren } from './benchProcesses';
import { ThreadRunner } from './benchThreadLink';

export type LatencyRunner = 'thread' | 'process' | 'process-prewarmed';

export const LATENCY_RUNNERS: readonly LatencyRunner[] = ['thread', 'process', 'process-prewarmed'];

export interface CheckLatencyOptions {
  /** Problem ids (all five unless set). */
  problems?: string[];
  /** Timed checks per problem and runner (the entry is their median). */
  repeats: number;
  /** The child's files (dist/child.js, which the threads run too). */
  runner: Pick<ProcessRunnerOptions, 'childScript' | 'referenceDir' | 'wasmDir' | 'mediaDir'>;
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

export interface CheckLatencySummary {
  name: 'check-latency-ratio';
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
  const ms = samples.map((s) => s.ms);
  return {
    name: 'check-latency',
    problem,
    runner,
    ms: round(median(ms)),
    min: round(Math.min(...ms)),
    max: round(Math.max(...ms)),
    repeats: samples.length,
    readyMs: round(median(samples.map((s) => s.readyMs))),
  };
}

/** The summary: process / thread per problem, and the median extra ms of a cold process. */
export function latencySummary(entries: readonly CheckLatencyEntry[], load: string): CheckLatencySummary {
  const ids = [...new Set(entries.map((e) => e.problem))];
  const of = (problem: string, runner: LatencyRunner) =>
    entries.find((e) => e.problem === problem && e.runner === runner)?.ms;
  const ratios: Record<string, number> = {};
  const extra: number[] = [];
  for (const id of ids) {
    const thread = of(id, 'thread');
    const process = of(id, 'process');
    if (thread === undefined || process === undefined || thread <= 0) continue;
    ratios[id] = Math.round((process / thread) * 100) / 100;
    extra.push(process - thread);
  }
  return {
    name: 'check-latency-ratio',
    measures:
      'process / thread: median cold check through ProcessRunner over the median through a worker thread (same engine, same judge)',
    ...ratios,
    load,
    ms: extra.length ? round(median(extra)) : 0,
  };
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
): Promise<Array<CheckLatencyEntry | CheckLatencySummary>> {
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
  return [...entries, summary];
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
