// The Problem contract. Each folder under problems/ exports two halves: the judge's (index.ts: config,
// checks, schemas) and the child's (child.ts: the experiment and what calls the student's code). The
// child runs in its own process with the student's code; only the judge decides pass or fail.
import type { Question } from './answers/questions';
import type { ZodType } from 'zod';
import type { Artifact, RunEvent, Finding, ErrorReason, SourceLocation } from './engine/events';
import type { Rng } from './engine/rng';
import type { CancelSignal } from './engine/cancel';
import type { AnswersInput } from './answers/types';
import type { CellPool } from './engine/cells';
import type { RunFiles } from './engine/files';

export interface MarkerSpec {
  /** The id in `// TODO(hw6:<id>)`, e.g. `q1.train`. */
  id: string;
  title: string;
  /** The student file's exports written under this marker. */
  exports: string[];
  /**
   * The check ids (a finding's `checkId`) that judge this marker's code: the Testing view's items
   * under the marker, known without loading the judge. Every lab problem lists them all; a unit test
   * holds the list against what the judge emits.
   */
  checks?: string[];
  /**
   * The ids of the hidden checks (grading runs only, staff side: each problem's hidden.ts) that judge
   * this marker's code. Never among `checks`, so the Testing view and CodeLens never list them;
   * a rubric can give them points.
   */
  hiddenChecks?: string[];
}

export interface ProblemConfig {
  seed: number;
  quick: boolean;
  /** Diagnostics about answers.md may quote the expected answer (setting `hw6.revealAnswers`). */
  revealAnswers?: boolean;
  /**
   * A grading run (`hw6-lab grade` sets it): the judge adds each problem's hidden checks. The student
   * build has none to add (src/core/problems/grading.ts).
   */
  grading?: boolean;
  [key: string]: unknown;
}

/**
 * What a problem's code gets in the child (src/core/problems/<id>/child.ts): the side that runs the
 * student's code. Everything it emits is display data (progress, metrics, figures, logs): the judge
 * validates it and never takes a verdict from it.
 */
export interface RunContext<C extends ProblemConfig = ProblemConfig> {
  config: C;
  rng: Rng;
  signal: CancelSignal;
  /** The tfjs backend in use ('wasm', 'cpu', 'webgl', …). */
  backend: string;
  /** The solution is the lab's reference, not a student's file. */
  reference?: boolean;
  emit(event: ChildEvent): void;
  /** Files the run may read: the lab's bundled assets, and in Node hosts files named in settings. */
  files?: RunFiles;
  /**
   * Runs independent cells of this problem (grid cells, repeats) through `ProblemChild.runCell`: the
   * judge dispatches them over its cell processes when it has several, else one after another here.
   */
  pool?: CellPool;
}

/** What the child may emit while it computes: never a finding or an ending (those are the judge's). */
export type ChildEvent = Extract<RunEvent, { type: 'progress' | 'metric' | 'artifact' | 'log' }>;

/** What a problem's experiment returns: the CLI's --json metrics, and the record its checks judge. */
export interface RunOutput {
  metrics: Record<string, unknown>;
  /** Plain data the judge validates with `Problem.recordSchema` and hands to `checks` as ctx.record. */
  record?: unknown;
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
  /**
   * Checks of a whole run that emit a finding only when they fail (problem 4's `q4.finite-loss`): a
   * whole run that finished without one passed them. Every other listed check emits a finding
   * whenever it runs, passed or failed.
   */
  silentWhenPassed?: string[];
  /** The answers.md question ids this problem's checks judge (e.g. ['2a', '2b', '2c']). */
  answerIds?: string[];
  /**
   * Checks an artifact of each kind a panel draws before the panel touches it, by `kind`: plain
   * functions, light enough for the editor and the webviews (the judge's zod artifactSchemas are not).
   */
  artifactValidators?: Record<string, (value: unknown) => boolean>;
  /** This problem's answers.md questions (problems/<id>/questions.ts), in the homework's order. */
  answerQuestions?: readonly Question[];
}

/**
 * The judge's half of a problem (src/core/problems/<id>/index.ts): the config, the checks and the
 * schemas. It never runs student code: it asks the child through `ctx.child` and judges what comes
 * back against its own ground truth.
 */
export interface Problem<C extends ProblemConfig = ProblemConfig> extends ProblemInfo {
  defaultConfig(quick: boolean): C;
  /** Validates the child's RunOutput.record before `checks` sees it (unset: the problem keeps none). */
  recordSchema?: ZodType;
  /** Validates each artifact of this problem's kinds that the child emits, by `kind`. */
  artifactSchemas?: Record<string, ZodType>;
  /** Whether the experiment has cells (ProblemChild.runCell) that the judge may spread over processes. */
  hasCells?: boolean;
  /**
   * Adds what only the judge knows (the student's answers.md, say) to a validated artifact of this
   * problem before it is shown; the child never sees answers.md. `revealAnswers` is the run's
   * config.revealAnswers, for displays that state answers only when revealed.
   */
  withJudgeData?(artifact: Artifact, answers: AnswersInput | undefined, options: { revealAnswers: boolean }): Artifact;
  /** Checks the student's code (through ctx.child) and answers against independent ground truth. */
  checks(ctx: JudgeContext<C>): Promise<Finding[]>;
}

/** The child's half of a problem (src/core/problems/<id>/child.ts): never holds a check or the reference. */
export interface ProblemChild<S = unknown, C extends ProblemConfig = ProblemConfig> {
  id: string;
  /** Turns a module's exports into a solution; throws ShapeError naming what is missing. */
  solutionFrom(exports: Record<string, unknown>): S;
  /** Runs the experiment, emitting display events; returns the metrics and the record to judge. */
  run(ctx: RunContext<C>, solution: S): Promise<RunOutput>;
  /**
   * One independent unit of the experiment (a grid cell), for `ctx.pool`. `cell` and the result
   * must be structured-clone data: they cross processes. The cell's ctx has no pool of its own.
   */
  runCell?(ctx: RunContext<C>, solution: S, cell: unknown): Promise<unknown>;
  /** Named computations the judge asks for (a short training, a timing sweep); input and output are data. */
  tasks?: Record<string, (ctx: RunContext<C>, solution: S, input: unknown) => unknown>;
  /** Builds a callback argument (a WireCallback) that a judge's call passes to a student function. */
  callbacks?: Record<string, (spec: unknown) => unknown>;
}

/** The judge's view of the child: every call crosses the process boundary and returns data. */
export interface ChildCalls {
  /**
   * Calls the student's export `name` once per argument list (wire data: see engine/wire.ts), all
   * in one round trip. A call that throws gives its failure; the others still run.
   */
  call(marker: string, name: string, argLists: unknown[][]): Promise<CallOutcome[]>;
  /** One call; a failure is thrown as a StudentFailureError (guarded() makes it the check's finding). */
  callOne(marker: string, name: string, args: unknown[]): Promise<unknown>;
  /** Runs the child module's task `name`; a failure is thrown as a StudentFailureError. */
  task(name: string, input?: unknown): Promise<unknown>;
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; failure: StudentFailure };

/** Student code failed in the child: it threw, returned something unreadable, or was stopped at a line. */
export interface StudentFailure {
  reason: ErrorReason;
  message: string;
  marker?: string;
  location?: SourceLocation;
}

export class StudentFailureError extends Error {
  constructor(readonly failure: StudentFailure) {
    super(failure.message);
    this.name = 'StudentFailureError';
  }
}

export interface JudgeContext<C extends ProblemConfig = ProblemConfig> {
  config: C;
  rng: Rng;
  signal: CancelSignal;
  /**
   * Logs for the output channel, and figures or tables the judge itself computed (a gradient-check
   * table, say): trusted display data. Findings are what `checks` returns.
   */
  emit(event: Extract<RunEvent, { type: 'log' | 'artifact' }>): void;
  /** Metrics the judge measured, added to the run's `done` metrics (the CLI's --json). */
  metrics: Record<string, unknown>;
  /** The workspace's answers.md, when there is one: the checks judge the answers they own. */
  answers?: AnswersInput;
  /** The student's code, in the child process. */
  child: ChildCalls;
  /** What the child's run returned (validated by recordSchema), when the experiment ran. */
  record?: unknown;
  /**
   * The lab's reference solution in a child of its own, started on first use, where the host has
   * one (the CLI and the editor do): for figures that show the reference beside the student's run.
   */
  reference?: ChildCalls;
  /** Where `reference` answers from a recording (the student build): the words that say so, for its figures. */
  referenceLabel?: string;
}

/** A student's module does not have the shape the problem needs (a missing or mistyped export). */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly marker?: string,
    /** The shape asked for and the one returned, when the shape is what is wrong (the Testing view's diff). */
    readonly shapes?: { expected: string; actual: string },
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

/** The shapes of a ShapeError, when `got` is a readable shape other than `want`. */
export function shapeMismatch(want: readonly number[], got: unknown): { expected: string; actual: string } | undefined {
  if (!Array.isArray(got) || got.length > 64 || !got.every((d) => typeof d === 'number')) return undefined;
  if (got.length === want.length && got.every((d, i) => d === want[i])) return undefined;
  return { expected: `shape [${want.join(', ')}]`, actual: `shape [${got.join(', ')}]` };
}

/**
 * Something a setting names cannot be used (problem 4's IDX folder is missing or malformed): the
 * run reports it as a settings error naming `setting`, not as the lab failing.
 */
export class SettingsError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** An exception thrown by student code, tagged with the TODO marker whose code was running. */
export class StudentCodeError extends Error {
  constructor(
    readonly marker: string,
    readonly original: unknown,
  ) {
    super(original instanceof Error ? original.message : describeThrown(original));
    this.name = 'StudentCodeError';
  }
}

/** What was thrown, in words, even when it is not an Error or its toString throws. */
export function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) {
      const name = String(thrown.name);
      return `${name === 'Error' ? '' : name + ': '}${String(thrown.message)}`;
    }
    if (typeof thrown === 'string')
      return `Your code threw the string "${thrown.slice(0, 500)}" (throw an Error to get a stack and a line).`;
    return `Your code threw ${String(thrown)} (throw an Error to get a stack and a line).`;
  } catch {
    return 'Your code threw a value that cannot even be turned into text (its toString threw).';
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
    throw new ShapeError(
      `${file} must export a function \`${name}\` (found ${value === undefined ? 'nothing' : typeof value}).`,
      marker,
    );
  }
  return value as F;
}
