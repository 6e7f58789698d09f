// The one typed event stream shared by every host (worker, webview, CLI).
// Everything here must stay JSON-serialisable: events cross worker and webview boundaries.
import type { BeamTrace } from '../problems/beam-search/trace';
import type { ZkcGradCheckArtifact, ZkcRunArtifact } from '../problems/zkc/artifact';
import type { ScalingRunArtifact } from '../problems/attention-scaling/artifact';
import type { KernelAttentionArtifact, KernelReferenceSweepArtifact } from '../problems/kernel-attention/artifact';
import type { AeCellArtifact, AutoencodersArtifact } from '../problems/autoencoders/artifact';

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
  /** The TODO marker the finding belongs to, e.g. `q5.beam-search`. */
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
}

export interface TableArtifact {
  kind: 'table';
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface BeamTraceArtifact {
  kind: 'beam-trace';
  trace: BeamTrace;
}

export type Artifact = TableArtifact | BeamTraceArtifact | ZkcRunArtifact | ZkcGradCheckArtifact | ScalingRunArtifact | KernelAttentionArtifact | KernelReferenceSweepArtifact | AeCellArtifact | AutoencodersArtifact;

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
      /** reason 'settings': the setting's id (e.g. hw6.autoencoders.idxDir). */
      setting?: string;
      stack?: string;
    };

/**
 * 'settings': a setting names something the run cannot use (a missing or malformed IDX folder).
 * 'memory': the student's code used more memory than the run may (hw6.memoryLimitMB).
 */
export type ErrorReason = 'student-code' | 'syntax' | 'time-limit' | 'cancelled' | 'shape' | 'settings' | 'memory' | 'internal';

/**
 * Whether an event shows the run moving on, for the no-progress time limit (cancel.ts): progress,
 * metrics (problem 4's cells report one per epoch) and artifacts, which only problem code emits
 * after a step of work. Logs never count: an endless loop in student code can print forever.
 */
export function isProgress(e: RunEvent): boolean {
  return e.type === 'progress' || e.type === 'metric' || e.type === 'artifact';
}
