// The Problem contract: each folder under problems/ exports one. Adding a problem is adding a folder
// and a line in problems/index.ts.
import type { RunEvent, Finding } from './engine/events';
import type { Rng } from './engine/rng';
import type { CancelSignal } from './engine/cancel';
import type { AnswersInput } from './answers/types';
import type { CellPool } from './engine/cells';
import type { RunFiles } from './engine/files';

export interface MarkerSpec {
  /** The id in `// TODO(hw6:<id>)`, e.g. `q5.beam-search`. */
  id: string;
  title: string;
  /** The student file's exports written under this marker. */
  exports: string[];
}

export interface ProblemConfig {
  seed: number;
  quick: boolean;
  /** Diagnostics about answers.md may quote the expected answer (setting `hw6.revealAnswers`). */
  revealAnswers?: boolean;
  [key: string]: unknown;
}

export interface RunContext<C extends ProblemConfig = ProblemConfig> {
  config: C;
  rng: Rng;
  signal: CancelSignal;
  /** The tfjs backend in use ('wasm', 'cpu', 'webgl', …). */
  backend: string;
  emit(event: RunEvent): void;
  /** The workspace's answers.md, when there is one: the checks judge the answers they own. */
  answers?: AnswersInput;
  /** Files the run may read: the lab's bundled assets, and in Node hosts files named in settings. */
  files?: RunFiles;
  /**
   * Runs independent cells of this problem (grid cells, repeats) through `Problem.runCell`, on a pool
   * of worker threads when the host has one, else one after another in this thread.
   */
  pool?: CellPool;
}

/** What editors need to know about a problem; cheap to load (see problems/catalog.ts). */
export interface ProblemInfo {
  id: string;
  title: string;
  /** Homework question numbers, e.g. ['5a', '5b']. */
  questions: string[];
  /** The student's file name in the workspace, e.g. `q5_beam_search.ts`. */
  studentFile: string;
  markers: MarkerSpec[];
  /** The answers.md question ids this problem's checks judge (e.g. ['2a', '2b', '2c']). */
  answerIds?: string[];
}

export interface Problem<S = unknown, C extends ProblemConfig = ProblemConfig> extends ProblemInfo {
  defaultConfig(quick: boolean): C;
  /** The reference solution, shaped like a student's module. */
  reference: S;
  /** Turns a student's module exports into a solution; throws ShapeError naming what is missing. */
  solutionFrom(exports: Record<string, unknown>): S;
  /** Runs the experiment, emitting events; returns the metrics the CLI's --json reports. */
  run(ctx: RunContext<C>, solution: S): Promise<Record<string, unknown>>;
  /** Checks the solution against independent ground truth. */
  checks(ctx: RunContext<C>, solution: S): Promise<Finding[]>;
  /**
   * One independent unit of the experiment (a grid cell), for `ctx.pool`. `cell` and the result
   * must be JSON-serialisable: they cross worker threads. The cell's ctx has no pool of its own.
   */
  runCell?(ctx: RunContext<C>, solution: S, cell: unknown): Promise<unknown>;
}

/** A student's module does not have the shape the problem needs (a missing or mistyped export). */
export class ShapeError extends Error {
  constructor(message: string, readonly marker?: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

/**
 * Something a setting names cannot be used (problem 4's IDX folder is missing or malformed): the
 * run reports it as a settings error naming `setting`, not as the lab failing.
 */
export class SettingsError extends Error {
  constructor(readonly setting: string, message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** An exception thrown by student code, tagged with the TODO marker whose code was running. */
export class StudentCodeError extends Error {
  constructor(readonly marker: string, readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'StudentCodeError';
  }
}

/** Calls into student code; an exception is re-thrown tagged with the marker it belongs to. */
export function callStudent<T>(marker: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StudentCodeError) throw err;
    throw new StudentCodeError(marker, err);
  }
}

/** Reads a function export or throws a ShapeError that names the export and its marker. */
export function requireFunction<F>(exports: Record<string, unknown>, name: string, file: string, marker: string): F {
  const value = exports[name];
  if (typeof value !== 'function') {
    throw new ShapeError(`${file} must export a function \`${name}\` (found ${value === undefined ? 'nothing' : typeof value}).`, marker);
  }
  return value as F;
}
