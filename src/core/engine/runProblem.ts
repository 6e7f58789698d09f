// Drives one problem run in any host: run the experiment, then the checks, streaming RunEvents.
// Hosts supply the solution (reference or student's) and how to locate student errors in source.
import * as tf from '@tensorflow/tfjs';
import type { Problem, ProblemConfig, RunContext } from '../problem';
import type { AnswersInput } from '../answers/types';
import { SettingsError, ShapeError, StudentCodeError } from '../problem';
import type { RunEvent, SourceLocation, ErrorReason } from './events';
import { createRng } from './rng';
import { CancelledError, TimeLimitError, type CancelSignal } from './cancel';
import { activeBackend } from './backend';
import { CellError, sequentialPool, type CellPool } from './cells';
import type { RunFiles } from './files';

export interface RunOptions {
  signal: CancelSignal;
  emit(event: RunEvent): void;
  /** Maps an error thrown by student code to its place in the student's file. */
  locate?(error: unknown): SourceLocation | undefined;
  /** Skip the experiment and run only the checks (the `check` commands). */
  checksOnly?: boolean;
  /** The workspace's answers.md, for the checks of the answers the problem owns. */
  answers?: AnswersInput;
  /** What the run may read (ctx.files); a host that can read nothing leaves it out. */
  files?: RunFiles;
  /** The host's pool for Problem.runCell (worker threads); else cells run in this thread, in order. */
  pool?: CellPool;
}

export function resolveConfig<C extends ProblemConfig>(problem: Problem<unknown, C>, overrides: Partial<ProblemConfig> = {}): C {
  const quick = overrides.quick ?? false;
  return { ...problem.defaultConfig(quick), ...overrides, quick } as C;
}

/** Runs `problem` on `solution`; always ends with exactly one `done` or `error` event. */
export async function runProblem<S, C extends ProblemConfig>(
  problem: Problem<S, C>,
  solution: S,
  config: C,
  options: RunOptions,
): Promise<void> {
  const started = Date.now();
  const ctx: RunContext<C> = {
    config,
    rng: createRng(config.seed),
    signal: options.signal,
    backend: activeBackend(),
    emit: options.emit,
    ...(options.answers ? { answers: options.answers } : {}),
    ...(options.files ? { files: options.files } : {}),
  };
  if (problem.runCell) ctx.pool = options.pool ?? sequentialPool(problem, ctx, solution);
  const tensorsBefore = tf.memory().numTensors;
  try {
    let metrics: Record<string, unknown> = {};
    if (!options.checksOnly) {
      options.emit({ type: 'progress', fraction: 0, message: `${problem.title}: running` });
      metrics = await problem.run(ctx, solution);
    }
    options.signal.throwIfCancelled();
    options.emit({ type: 'progress', fraction: 0.9, message: `${problem.title}: checking` });
    const findings = await problem.checks(ctx, solution);
    for (const finding of findings) options.emit({ type: 'finding', finding });
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked > 0) options.emit({ type: 'log', level: 'warn', message: `${problem.id} left ${leaked} tensor(s) allocated.` });
    options.emit({ type: 'progress', fraction: 1, message: `${problem.title}: done` });
    options.emit({
      type: 'done',
      ok: findings.every((f) => f.ok),
      metrics,
      durationMs: Date.now() - started,
      backend: ctx.backend,
    });
  } catch (err) {
    options.emit(errorEvent(err, options.locate));
  }
}

export function errorEvent(
  err: unknown,
  locate?: (error: unknown) => SourceLocation | undefined,
): Extract<RunEvent, { type: 'error' }> {
  const original = err instanceof StudentCodeError ? err.original : err;
  // a cell's error, already located in the thread it ran in
  if (original instanceof CellError) return original.event;
  const reason: ErrorReason =
    original instanceof CancelledError ? 'cancelled'
    : original instanceof TimeLimitError ? 'time-limit'
    : err instanceof ShapeError ? 'shape'
    : err instanceof StudentCodeError ? 'student-code'
    : original instanceof SettingsError ? 'settings'
    : 'internal';
  const message =
    original instanceof SettingsError ? `${original.setting}: ${original.message}`
    : original instanceof Error ? `${original.name === 'Error' ? '' : original.name + ': '}${original.message}`
    : String(original);
  const marker = err instanceof StudentCodeError || err instanceof ShapeError ? err.marker : undefined;
  const location = locate?.(original);
  return {
    type: 'error',
    reason,
    message,
    location,
    marker,
    ...(original instanceof SettingsError ? { setting: original.setting } : {}),
    stack: original instanceof Error ? original.stack : undefined,
  };
}
