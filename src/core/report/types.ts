// What a submission report is made of, as data: the runs it shows, the answers and Q6's measured
// work, and the document both renderers (HTML, Markdown) draw. Pure types: no DOM, no VS Code.
import type { Artifact, Finding, RunEvent } from '../engine/events';
import type { ProblemConfig, ProblemInfo } from '../problem';

/** One finished run of a problem, as the CLI's session or the extension's run history kept it. */
export interface ReportRun {
  problem: ProblemInfo;
  ok: boolean;
  findings: readonly Finding[];
  artifacts: readonly Artifact[];
  logs: readonly Extract<RunEvent, { type: 'log' }>[];
  done?: Extract<RunEvent, { type: 'done' }>;
  error?: Extract<RunEvent, { type: 'error' }>;
  /** Wall-clock time seen by the host, worker start-up included. */
  wallMs: number;
  /**
   * The answers.md text this run's checks judged. Its answer findings stand for the current
   * answers only when this equals the report's answers text (else the answer is checked again).
   */
  answersText?: string;
}

/** Work the lab measured for Q6 (the extension's tracker); absent from CLI reports. */
export interface MeasuredWork {
  /** Active time with the homework workspace open and focused. */
  activeMs: number;
  /** Full runs made, by problem id. */
  runs: Record<string, number>;
  /** Check-only runs made, by problem id. */
  checks: Record<string, number>;
  /** When the measurement began (ms since the epoch). */
  sinceMs?: number;
}

export interface ReportMeta {
  /** What ran: "reference solutions" or the workspace folder. */
  solution: string;
  config: Partial<ProblemConfig>;
  generatedAt: Date;
  /** Where the report was made: "hw6-lab CLI" or "VS Code". */
  producer?: string;
}

export interface ReportInput {
  runs: readonly ReportRun[];
  meta: ReportMeta;
  /** The workspace's answers.md; absent for a reference run (no answers are shown). */
  answers?: { file: string; text: string };
  measured?: MeasuredWork;
  /** Problems that did not run, with why (e.g. that the problem's file is not in the workspace). */
  notRun?: readonly { problem: ProblemInfo; reason: string }[];
}

// --- the document ------------------------------------------------------------------------------

/** A line of rich text: plain strings, code spans and quoted words (escaped by the renderer). */
export type Inline = string | { code: string } | { strong: string } | { quote: string };

export interface ReportFigure {
  title?: string;
  caption?: string;
  /** A complete <svg> element, drawn by src/core/viz (escapes its own text). */
  svg: string;
}

export type Block =
  | { kind: 'heading'; level: 3 | 4; text: string }
  | { kind: 'text'; text: Inline[]; muted?: boolean }
  | { kind: 'table'; columns: readonly string[]; rows: readonly (readonly string[])[] }
  | { kind: 'figures'; figures: ReportFigure[] }
  | { kind: 'checks'; items: { ok: boolean; id?: string; text: string }[] }
  | { kind: 'error'; title: string; message: string }
  | { kind: 'pre'; text: string }
  /** Shown open (and printed); a long part the reader may fold on screen. */
  | { kind: 'fold'; summary: Inline[]; blocks: Block[] };

/**
 * How a problem's artifacts appear in a report (problems/<id>/report.ts): the generic report reaches
 * them by kind, through the catalog (problems/reports.ts).
 */
export interface ProblemReport {
  /** The artifact kinds this problem draws. */
  kinds: readonly string[];
  /** One artifact of those kinds as blocks; `idPrefix` keeps SVG ids apart in the page. */
  artifactBlocks(artifact: Artifact, idPrefix: string): Block[];
  /**
   * A run's artifacts as the report keeps them: merges the judge's artifacts of this problem into the
   * run they belong to, or drops what another artifact holds; other problems' artifacts stay as they are.
   */
  arrange?(artifacts: readonly Artifact[]): Artifact[];
  /** Blocks drawn after all of a run's artifacts, from them together. */
  afterArtifacts?(artifacts: readonly Artifact[]): Block[];
}

/** How an answer stands. Free text is never `wrong`: it is `answered` (graded by hand) or `empty`. */
export type AnswerState = 'correct' | 'answered' | 'wrong' | 'note' | 'empty';

export interface ReportAnswer {
  id: string;
  prompt: string;
  /** The student's text, as written ('' when empty). */
  text: string;
  /** 1-based line in answers.md (absent when the heading is missing). */
  line?: number;
  state: AnswerState;
  /** The check's message (or why it was not checked). */
  message: string;
  /** Other findings about the answer (a duplicated heading). */
  notes: string[];
}

/** Q6's hours: what the report states, and where the figure comes from. */
export interface ReportHours {
  /** The student's number from 6c, when it has one. */
  written?: number;
  /** The lab's measurement, in hours. */
  measured?: number;
  /** The figure the report states: the student's when written, else the measured one. */
  stated?: number;
  source: 'student' | 'measured' | 'none';
}

export interface ReportSection {
  /** Anchor id, unique in the page. */
  id: string;
  title: string;
  /** Homework question numbers, e.g. ['5a', …] or ['6']. */
  questions: string[];
  status?: { ok: boolean; label: string };
  /** The run's outcome in numbers, for the summary table (absent when the problem did not run). */
  run?: { ok: boolean; passed: number; total: number; durationMs: number; backend?: string };
  meta?: string;
  blocks: Block[];
  answers: ReportAnswer[];
  hours?: ReportHours;
  measured?: MeasuredWork;
}

export interface ReportDocument {
  title: string;
  meta: ReportMeta;
  /** "2 of 3 problems passed" */
  headline: { text: string; ok: boolean };
  summary: { columns: string[]; rows: { cells: string[]; anchor: string; ok?: boolean }[] };
  answersSummary?: { total: number; byState: Record<AnswerState, number> };
  /** Every question's answer (absent when the report has no answers.md). */
  answers?: ReportAnswer[];
  sections: ReportSection[];
}
