// The one typed event stream shared by every host (worker, webview, CLI).
// Everything here must stay JSON-serialisable: events cross worker and webview boundaries.

export type Severity = 'error' | 'warning' | 'info';

/** A place in a student's file. `file` is the workspace-relative file name, `line` is 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  /** 1-based column, when known. */
  column?: number;
}

/** The result of one check. Findings are what become diagnostics and decorations. */
export interface Finding {
  /** Stable check code, e.g. `q5.figure2-steps`; it is the diagnostic's `code`. */
  checkId: string;
  ok: boolean;
  /** What happened, in a sentence a student understands. */
  message: string;
  /** For failures; defaults to `error`. */
  severity?: Severity;
  /**
   * The check whose failure this one follows from (e.g. `q5.shape` for a check that could not read
   * the return value): while that check fails, this one is shown with it, not as an error of its own.
   */
  causedBy?: string;
  /**
   * The hint ladder: further levels of help for a failure, each giving more away (the last may state
   * the formula). The message itself says what is wrong and where, never a written answer; the editor
   * shows one level at a time ("Show hint"), and `hw6.revealAnswers` shows them all in the message.
   */
  hints?: string[];
  /** The TODO marker the finding belongs to, e.g. `q1.train`. */
  marker?: string;
  /** Or the answers.md question id, e.g. `5c`. */
  answerId?: string;
  /**
   * A precise location, when the finding came from a line of student code (a throw, a syntax error)
   * or of answers.md (then `file` is the answers file and `answerId` is set).
   */
  location?: SourceLocation;
  /** A short text for the inline decoration at the marker, e.g. `figure 2 ✓`. */
  short?: string;
  /**
   * Where a check compares a value of the student's with the lab's: both as text, the lab's first
   * (the Testing view shows them as a diff). Only when short enough to read.
   */
  expected?: string;
  actual?: string;
  /**
   * The lab's value where it gives an answer away (a formula the hint ladder keeps for its last
   * level). Judge-only: the judge puts it in `expected` with `hw6.revealAnswers` and drops it
   * otherwise, so it never leaves the judge unrevealed.
   */
  revealedExpected?: string;
}

/**
 * What a run shows besides its findings. Each problem's folder defines its own kinds (artifact.ts)
 * and validates them (its artifactSchemas on the judge's side, its artifact validators where a panel
 * draws them); the engine reads only `kind`.
 */
export type Artifact = { kind: string; [field: string]: unknown };

/**
 * Narrows an artifact to a problem's type by its kind. Sound for events from the judge, which has
 * checked every artifact against its problem's artifactSchemas.
 */
export function isArtifactKind<A extends { kind: string }>(
  artifact: Artifact,
  kind: A['kind'],
): artifact is Artifact & A {
  return artifact.kind === kind;
}

export type TableArtifact = {
  kind: 'table';
  title: string;
  columns: string[];
  rows: (string | number)[][];
};

export type RunEvent =
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'metric'; name: string; step: number; value: number }
  | { type: 'artifact'; artifact: Artifact }
  | { type: 'finding'; finding: Finding }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** Ends every successful run; `metrics` is what the CLI's --json reports. */
  | { type: 'done'; ok: boolean; metrics: Record<string, unknown>; durationMs: number; backend: string }
  /** Ends a run that could not finish (student exception, syntax error, time limit, cancel, a bad setting). */
  | {
      type: 'error';
      message: string;
      reason: ErrorReason;
      /** Where in the student's file, when the error came from student code. */
      location?: SourceLocation;
      /** The TODO marker whose code was running, when known. */
      marker?: string;
      /** reason 'settings': the id of the setting that names what the run cannot use. */
      setting?: string;
      stack?: string;
    };

/**
 * 'settings': a setting names something the run cannot use (a missing or malformed IDX folder).
 * 'memory': the student's code used more memory than the run may (hw6.memoryLimitMB).
 */
export type ErrorReason =
  | 'student-code'
  | 'syntax'
  | 'time-limit'
  | 'cancelled'
  | 'shape'
  | 'settings'
  | 'memory'
  | 'internal';

/**
 * Whether an event shows the run moving on, for the no-progress time limit (cancel.ts): progress,
 * metrics (problem 4's cells report one per epoch) and artifacts, which only problem code emits
 * after a step of work. Logs never count: an endless loop in student code can print forever.
 */
export function isProgress(e: RunEvent): boolean {
  return e.type === 'progress' || e.type === 'metric' || e.type === 'artifact';
}
