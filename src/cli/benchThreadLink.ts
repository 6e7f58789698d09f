// The previous architecture ("old"), rebuilt for the check-latency bench: before the trust
// boundary, a run's code ran in a worker thread of the host's own process (the old WorkerRunner).
// Here that thread runs the very child ProcessRunner starts as a process, dist/child.js (serveChild:
// the problems' child halves, the ChildEngine, the module loaded with loadStudentModule, tfjs on wasm
// started as it starts), its IPC channel replaced by the thread's MessagePort; and the judge is the
// same LinkSession + judgeRun as ProcessRunner's. So between ThreadRunner and ProcessRunner the only
// difference is where the child lives: a thread of this process, or a process of its own (its spawn,
// its permission flags, its IPC, its usage sampling).
// Why not the bench bundle re-run as the thread (as the activation probe is): bench.js also holds the
// judge's halves and every benchmark, and evaluating it takes about twice as long as child.js; that
// start-up would be charged to the thread, not to the architecture.
// Only reference solutions are run: this is a measuring tool, not a runner for students' code.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunEvent } from '../core/engine/events';
import type { Problem, ProblemConfig } from '../core/problem';
import type { ToChild } from '../core/engine/childProtocol';
import { resolveConfig } from '../core/engine/config';
import { startJudgedRun } from '../core/engine/judgedRun';
import type { ChildLink } from '../core/engine/session';
import { EventChannel } from '../runner/eventChannel';
import type { ChildArgs } from '../runner/childArgs';
import { poolSizeFrom } from '../runner/poolSize';
import type { RunHandle, RunRequest } from '../runner/runner';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

/**
 * The thread's code: the child script as a process would run it, with process.send, the 'message'
 * events and argv[2] (its ChildArgs) over the thread's port.
 */
const THREAD_MAIN = `
const { parentPort, workerData } = require('node:worker_threads');
process.argv.splice(1, process.argv.length - 1, workerData.childScript, workerData.args);
process.send = (message) => (parentPort.postMessage(message), true);
parentPort.on('message', (message) => process.emit('message', message));
require(workerData.childScript);
`;

export interface ThreadRunnerOptions {
  /** dist/child.js, which each thread runs. */
  childScript: string;
  referenceDir: string;
  wasmDir: string;
  mediaDir: string;
  findProblem(id: string): Problem<ProblemConfig> | undefined;
  poolSize?: number;
  memoryMb?: number;
  defaultTimeLimitMs?: number;
}

/** ProcessRunner.start for a reference run, with each child a worker thread of this process. */
export class ThreadRunner {
  private readonly exits = new Set<Promise<void>>();

  constructor(private readonly options: ThreadRunnerOptions) {}

  start(request: RunRequest): RunHandle {
    const channel = new EventChannel<RunEvent>();
    const emit = (event: RunEvent): void => channel.push(event);
    const problem = this.options.findProblem(request.problemId);
    if (!problem || request.solution.kind !== 'reference') {
      emit({
        type: 'error',
        reason: 'internal',
        message: problem ? 'ThreadRunner runs reference solutions only.' : `Unknown problem "${request.problemId}".`,
      });
      channel.close();
      return { events: channel, cancel: () => undefined };
    }
    const displayFile = problem.studentFile;
    const file = join(this.options.referenceDir, `${problem.id}.js`);
    const code = readFileSync(file, 'utf8');
    const config = resolveConfig(problem, request.config);
    const timeLimitMs = request.timeLimitMs ?? this.options.defaultTimeLimitMs ?? 120_000;
    const memoryMb = this.options.memoryMb ?? 2048;
    const link = (): ChildLink => {
      const tmpDir = mkdtempSync(join(tmpdir(), 'hw6-run-'));
      const args: ChildArgs = { wasmDir: this.options.wasmDir, mediaDir: this.options.mediaDir, tmpDir, memoryMb };
      const thread = threadLink({ childScript: this.options.childScript, args, onOutput: emit });
      void thread.exited.then(() => rmSync(tmpDir, { recursive: true, force: true }));
      this.exits.add(thread.exited);
      void thread.exited.then(() => this.exits.delete(thread.exited));
      return thread;
    };
    const run = startJudgedRun({
      problem,
      config,
      module: { code, file, reference: true },
      displayFile,
      budgetMs: timeLimitMs,
      link: link(),
      spawnCellLink: link,
      poolSize: poolSizeFrom(this.options.poolSize),
      checksOnly: request.checksOnly,
      ...(request.answers ? { answers: request.answers } : {}),
      emit,
    });
    void run.ended.finally(() => channel.close());
    return { events: channel, cancel: run.cancel };
  }

  /** Resolves once every thread this runner started has exited (a run's stream ends before that). */
  async idle(): Promise<void> {
    while (this.exits.size > 0) await Promise.all([...this.exits]);
  }
}

export interface ThreadLink extends ChildLink {
  /** Resolves when the thread has exited. */
  exited: Promise<void>;
}

/** A ChildLink to the child script in a new worker thread of this process. */
export function threadLink(options: {
  childScript: string;
  args: ChildArgs;
  onOutput?(event: Extract<RunEvent, { type: 'log' }>): void;
}): ThreadLink {
  // as the old WorkerRunner did: the heap limit on the thread, its output kept off the host's stdout
  const worker = new Worker(THREAD_MAIN, {
    eval: true,
    workerData: { childScript: options.childScript, args: JSON.stringify(options.args) },
    resourceLimits: { maxOldGenerationSizeMb: options.args.memoryMb },
    stdout: true,
    stderr: true,
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let onEnd: (event: ErrorEvent) => void = () => undefined;
  let ended = false;
  let closing = false;
  const end = (event: ErrorEvent): void => {
    if (ended) return;
    ended = true;
    void worker.terminate();
    onEnd(event);
  };
  const forward = (level: 'info' | 'warn') => (chunk: Buffer) => {
    const message = chunk.toString('utf8').replace(/\n$/, '');
    if (message && !ended) options.onOutput?.({ type: 'log', level, message });
  };
  worker.stdout.on('data', forward('info'));
  worker.stderr.on('data', forward('warn'));
  worker.on('error', (err: Error & { code?: string }) =>
    end({
      type: 'error',
      reason: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'internal',
      message: `The run's thread crashed: ${err.message}`,
    }),
  );
  worker.on('exit', (code) => {
    if (!closing)
      end({
        type: 'error',
        reason: 'internal',
        message: `The run's thread ended while the run was going on (exit code ${code}).`,
      });
  });
  return {
    exited,
    post(message: ToChild) {
      if (!ended) worker.postMessage(message);
    },
    listen(onMessage, onEnded) {
      onEnd = onEnded;
      worker.on('message', (raw: unknown) => {
        if (!ended) onMessage(raw);
      });
    },
    // no budget: a thread's CPU time is not separable from the process's on Node 20 (the child's own
    // clock, process.cpuUsage, counts the whole process here); ProcessLink's sampling is part of its cost
    async close() {
      closing = true;
      ended = true;
      // not awaited, as the old WorkerRunner did not (and as ProcessLink does not wait for the exit)
      void worker.terminate();
    },
  };
}
