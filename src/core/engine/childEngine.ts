// The child's side of a run: loads the student's module (or the lab's reference bundle), then
// answers the judge's requests: run the experiment, call a student function on given inputs, run a
// named task, run a grid cell. It computes and reports data; it never decides pass or fail. The same
// engine serves a Node child process (src/runner/childMain.ts) and a panel's webview.
import * as tf from '@tensorflow/tfjs-core';
import type { ProblemChild, ProblemConfig, RunContext, ChildEvent } from '../problem';
import { describeThrown, SettingsError, ShapeError, StudentCodeError } from '../problem';
import type { ChildStart, Failure, FromChild, RequestBody, ToChild } from './childProtocol';
import { CancelSource, CancelledError, TimeLimitError, type CancelSignal } from './cancel';
import { createLoopGuard } from './loopGuard';
import { createRng } from './rng';
import { sequentialPool, type CellPool } from './cells';
import { fromWire, toWire, WireError, type WireCallback } from './wire';
import type { RunFiles } from './files';

export interface ChildHost {
  send(message: FromChild): void;
  findProblem(id: string): ProblemChild<unknown, ProblemConfig> | undefined;
  /** Evaluates compiled CommonJS; `file` names its frames. Throws what its top-level code throws. */
  load(code: string, file: string, loopGuard: () => void): Record<string, unknown>;
  /** The 1-based line of `file` in the error's stack, when a frame names it. */
  lineOf(err: unknown, file: string): number | undefined;
  initBackend(): Promise<string>;
  /** The clock the budgets are measured on (the process's CPU time in Node). */
  clock(): number;
  files?: RunFiles;
  /** Whether this runtime confines the child (Node's permission model is on). */
  permission: boolean;
  /** Throws a MemoryLimitError when the child has grown past its limit; asked at student loops. */
  checkMemory?(): void;
  /** Lets what the student's code left pending surface (an unhandled rejection) before a reply. */
  settle?(): Promise<void>;
}

/** Thrown by student code paths when the module's memory grew past the limit (see childMain). */
export class MemoryLimitError extends Error {
  constructor(readonly limitMb: number) {
    super(`Your code used more than ${limitMb} MB of memory (the limit is hw6.memoryLimitMB).`);
    this.name = 'MemoryLimitError';
  }
}

export class ChildEngine {
  private start?: ChildStart;
  private solution: unknown;
  private problem?: ProblemChild<unknown, ProblemConfig>;
  private backend = 'none';
  /** The signals of the requests in flight, latest last: student loops answer to the latest. */
  private readonly active: CancelSource[] = [];
  private readonly cellBatches = new Map<number, (index: number, result: unknown) => void>();

  constructor(private readonly host: ChildHost) {}

  /** The loop guard's signal: the request running now (the latest started that has not ended). */
  private readonly signal: CancelSignal = {
    get cancelled() {
      return false;
    },
    throwIfCancelled: () => {
      this.active[this.active.length - 1]?.throwIfCancelled();
      this.host.checkMemory?.();
    },
  };

  async receive(message: ToChild): Promise<void> {
    if (message.kind === 'start') return this.begin(message);
    if (message.kind === 'cell-result') return this.cellBatches.get(message.id)?.(message.index, message.result);
    const { id, budgetMs, body } = message;
    const signal = new CancelSource(budgetMs, this.host.clock);
    this.active.push(signal);
    try {
      const value = await this.perform(id, body, signal);
      await this.host.settle?.();
      this.host.send({ kind: 'reply', id, ok: true, value });
    } catch (err) {
      this.host.send({ kind: 'reply', id, ok: false, failure: this.failureOf(err) });
    } finally {
      this.active.splice(this.active.indexOf(signal), 1);
    }
  }

  private async begin(start: ChildStart): Promise<void> {
    this.start = start;
    const problem = this.host.findProblem(start.problemId);
    if (!problem)
      return this.host.send({
        kind: 'failed',
        failure: { reason: 'internal', message: `Unknown problem "${start.problemId}".` },
      });
    this.problem = problem;
    const backendReady = this.host.initBackend();
    const signal = new CancelSource(start.budgetMs, this.host.clock);
    this.active.push(signal);
    let exports: Record<string, unknown>;
    try {
      exports = this.host.load(start.code, start.file, createLoopGuard(this.signal));
    } catch (err) {
      // top-level code threw: no marker's function was running yet
      return this.host.send({
        kind: 'failed',
        failure: { ...this.failureOf(new StudentCodeError('', err)), marker: undefined },
      });
    } finally {
      this.active.pop();
    }
    try {
      this.solution = problem.solutionFrom(exports);
    } catch (err) {
      return this.host.send({ kind: 'failed', failure: this.failureOf(err) });
    }
    this.backend = await backendReady;
    this.host.send({ kind: 'ready', backend: this.backend, permission: this.host.permission });
  }

  private context(signal: CancelSignal, runId?: number): RunContext {
    const config = this.start!.config;
    return {
      config,
      rng: createRng(config.seed),
      signal,
      backend: this.backend,
      ...(this.start!.reference ? { reference: true } : {}),
      emit: (event: ChildEvent) => this.host.send({ kind: 'event', event: toWire(event) } as FromChild),
      ...(this.host.files ? { files: this.host.files } : {}),
      ...(runId !== undefined && this.problem?.runCell ? { pool: this.judgePool(runId, signal as CancelSource) } : {}),
    };
  }

  private async perform(id: number, body: RequestBody, signal: CancelSource): Promise<unknown> {
    const problem = this.problem;
    if (!problem || !this.start) throw new Error('The child was asked to work before it started.');
    const solution = this.solution;
    switch (body.op) {
      case 'run': {
        const before = tf.memory().numTensors;
        const output = await problem.run(this.context(signal, id), solution);
        const leaked = tf.memory().numTensors - before;
        if (leaked > 0) this.log('warn', `${problem.id} left ${leaked} tensor(s) allocated.`);
        return toWire(output);
      }
      case 'cell': {
        if (!problem.runCell) throw new Error(`Problem ${problem.id} has no cells.`);
        const ctx = { ...this.context(signal), pool: undefined };
        return toWire(await problem.runCell(ctx, solution, body.cell));
      }
      case 'task': {
        const task = problem.tasks?.[body.name];
        if (!task) throw new Error(`Problem ${problem.id} has no task "${body.name}".`);
        return toWire(await task(this.context(signal), solution, body.input));
      }
      case 'call':
        return this.calls(body.marker, body.name, body.argLists);
    }
  }

  /** Calls the student's export on each argument list; each outcome is data or the failure, located. */
  private calls(marker: string, name: string, argLists: unknown[][]): unknown[] {
    const fn = (this.solution as Record<string, unknown>)[name];
    return argLists.map((args) => {
      const made: tf.Tensor[] = [];
      try {
        if (typeof fn !== 'function')
          throw new ShapeError(`${this.start!.displayFile} must export a function \`${name}\`.`, marker);
        const input = fromWire(args, (cb) => this.callback(cb), made) as unknown[];
        // a scope, not tf.tidy: tidy would walk the returned typed arrays element by element
        tf.engine().startScope();
        try {
          const value = callAsStudent(marker, () => (fn as (...a: unknown[]) => unknown)(...input));
          return { ok: true, value: callAsStudent(marker, () => toWire(value)) };
        } finally {
          tf.engine().endScope();
        }
      } catch (err) {
        return { ok: false, failure: this.failureOf(err) };
      } finally {
        for (const t of made) t.dispose();
      }
    });
  }

  private callback(cb: WireCallback): unknown {
    const make = this.problem?.callbacks?.[cb.$callback];
    if (!make) throw new Error(`Problem ${this.problem?.id} has no callback "${cb.$callback}".`);
    return make(cb.spec);
  }

  /** ctx.pool of a run: its cells are the judge's to dispatch (its clock, its processes). */
  private judgePool(runId: number, runSignal: CancelSource): CellPool {
    return {
      size: this.start!.poolSize,
      run: <Cell, Result>(cells: Cell[], onResult?: (index: number, result: Result) => void): Promise<Result[]> => {
        if (this.start!.poolSize <= 0)
          return sequentialPool(this.problem!, this.context(runSignal), this.solution).run(cells, onResult);
        if (cells.length === 0) return Promise.resolve([]);
        return new Promise<Result[]>((resolve) => {
          const results: Result[] = new Array(cells.length);
          let left = cells.length;
          // the judge does not count the run's budget while its cells run; neither does the child
          const index = this.active.indexOf(runSignal);
          if (index >= 0) this.active.splice(index, 1);
          this.cellBatches.set(runId, (i, result) => {
            results[i] = result as Result;
            onResult?.(i, result as Result);
            if (--left > 0) return;
            this.cellBatches.delete(runId);
            runSignal.restart();
            this.active.push(runSignal);
            resolve(results);
          });
          this.host.send({ kind: 'cells', id: runId, cells: toWire(cells) as unknown[] });
        });
      },
    };
  }

  private log(level: 'info' | 'warn', message: string): void {
    this.host.send({ kind: 'event', event: { type: 'log', level, message } });
  }

  /** An error as the judge should hear it: who is to blame, and the student's line where known. */
  failureOf(err: unknown): Failure {
    const start = this.start;
    return failureOf(err, start ? (e) => this.host.lineOf(e, start.file) : undefined, start?.displayFile);
  }
}

/** Runs student code; whatever it throws (or a value it returns that cannot be read) is the student's. */
function callAsStudent<T>(marker: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StudentCodeError) throw err;
    throw new StudentCodeError(
      marker,
      err instanceof WireError ? new Error(`Your function's return value could not be read: ${err.message}`) : err,
    );
  }
}

function safeStack(err: unknown): string | undefined {
  try {
    return err instanceof Error && typeof err.stack === 'string' ? err.stack : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An error thrown in the child, as the judge should hear it: who is to blame (the student's code, a
 * setting, the lab), and the line of `displayFile` when `lineOf` finds one in its stack.
 */
export function failureOf(err: unknown, lineOf?: (err: unknown) => number | undefined, displayFile = ''): Failure {
  const original = err instanceof StudentCodeError ? err.original : err;
  const reason: Failure['reason'] =
    original instanceof CancelledError
      ? 'cancelled'
      : original instanceof TimeLimitError
        ? 'time-limit'
        : original instanceof MemoryLimitError
          ? 'memory'
          : err instanceof ShapeError
            ? 'shape'
            : err instanceof StudentCodeError
              ? 'student-code'
              : original instanceof SettingsError
                ? 'settings'
                : 'internal';
  const message =
    original instanceof SettingsError ? `${original.setting}: ${original.message}` : describeThrown(original);
  const marker = err instanceof StudentCodeError || err instanceof ShapeError ? err.marker || undefined : undefined;
  const line = lineOf?.(original);
  return {
    reason,
    message: message.slice(0, 4000),
    ...(marker ? { marker } : {}),
    ...(line ? { location: { file: displayFile, line } } : {}),
    ...(original instanceof SettingsError ? { setting: original.setting } : {}),
    ...(reason === 'internal' ? { stack: safeStack(original) } : {}),
  };
}
