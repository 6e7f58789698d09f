// What a stored run says about each leaf of the Testing view: a check under its TODO marker, or an
// answers.md question. Pure: the Testing controller turns these into TestRun states and messages.
import type { Finding } from '../../core/engine/events';
import type { ProblemInfo } from '../../core/problem';
import { headingLines } from '../../core/answers/document';
import { errorLine, markerOrDeclarationLine } from '../../core/locate';
import { isNote } from '../../core/verdict';
import { baseName } from '../../core/paths';
import { errorText } from './runResult';
import type { StoredRun } from './runResults';

export type LeafState = 'passed' | 'failed' | 'errored' | 'skipped';

export interface LeafMessage {
  text: string;
  /** Which file the line is in. */
  file: 'student' | 'answers';
  /** 0-based line, when known. */
  line?: number;
  /** The lab's value and the student's, where the check compared values. */
  expected?: string;
  actual?: string;
}

export interface LeafOutcome {
  state: LeafState;
  messages: LeafMessage[];
}

/** The marker each listed check belongs to (the catalog's `checks`). */
export function checksOf(problem: ProblemInfo): { checkId: string; markerId: string }[] {
  return problem.markers.flatMap((m) => (m.checks ?? []).map((checkId) => ({ checkId, markerId: m.id })));
}

function messageText(f: Finding): string {
  return f.causedBy && f.causedBy !== f.checkId ? `${f.message} (follows from ${f.causedBy})` : f.message;
}

function values(f: Finding): Pick<LeafMessage, 'expected' | 'actual'> {
  return f.expected !== undefined && f.actual !== undefined ? { expected: f.expected, actual: f.actual } : {};
}

/** A run that could not finish: every leaf it left without a finding shows why. */
function errored(run: StoredRun, studentText: string | undefined): LeafOutcome {
  const error = run.error!;
  const line = studentText !== undefined ? errorLine(error, studentText) : undefined;
  return {
    state: 'errored',
    messages: [{ text: errorText(error), file: 'student', ...(line !== undefined ? { line } : {}) }],
  };
}

/**
 * A check's outcome: failed when a finding of it failed (notes aside), passed when its findings
 * passed. With none: errored when the run could not finish, passed for a check that speaks only
 * when it fails after a whole run, else skipped (a checks-only run leaves the run's checks out).
 */
export function checkOutcome(
  problem: ProblemInfo,
  run: StoredRun,
  check: { checkId: string; markerId: string },
  studentText: string | undefined,
): LeafOutcome {
  const findings = run.findings.filter((f) => f.checkId === check.checkId && f.answerId === undefined);
  const studentName = run.studentUri ? baseName(run.studentUri) : undefined;
  const lineOf = (f: Finding): number | undefined => {
    if (studentText === undefined) return undefined;
    if (f.location && f.location.line >= 1 && baseName(f.location.file) === studentName) return f.location.line - 1;
    return markerOrDeclarationLine(studentText, f.marker ?? check.markerId);
  };
  const message = (f: Finding): LeafMessage => {
    const line = lineOf(f);
    return { text: messageText(f), file: 'student', ...(line !== undefined ? { line } : {}), ...values(f) };
  };
  const failures = findings.filter((f) => !f.ok && !isNote(f));
  if (failures.length > 0) return { state: 'failed', messages: failures.map(message) };
  if (findings.some((f) => f.ok)) return { state: 'passed', messages: [] };
  if (findings.length > 0) return { state: 'skipped', messages: findings.map(message) };
  if (run.error) return errored(run, studentText);
  if (!run.checksOnly && (problem.silentWhenPassed ?? []).includes(check.checkId))
    return { state: 'passed', messages: [] };
  return {
    state: 'skipped',
    messages: [
      {
        text: `${check.checkId} judges a whole run: a checks-only run leaves it out.`,
        file: 'student',
      },
    ],
  };
}

/** An answers.md question's outcome, from the findings about it (notes: not answered yet, graded by hand). */
export function answerOutcome(
  problem: ProblemInfo,
  run: StoredRun,
  answerId: string,
  answersText: string | undefined,
): LeafOutcome {
  const findings = run.findings.filter((f) => f.answerId === answerId);
  const heading =
    answersText !== undefined ? headingLines(answersText, problem.answerIds ?? []).get(answerId) : undefined;
  const message = (f: Finding): LeafMessage => {
    const line = f.location && f.location.line >= 1 ? f.location.line - 1 : heading;
    return { text: messageText(f), file: 'answers', ...(line !== undefined ? { line } : {}), ...values(f) };
  };
  const failures = findings.filter((f) => !f.ok && !isNote(f));
  if (failures.length > 0) return { state: 'failed', messages: failures.map(message) };
  if (findings.some((f) => f.ok)) return { state: 'passed', messages: [] };
  if (findings.length > 0) return { state: 'skipped', messages: findings.map(message) };
  if (run.error) return errored(run, undefined);
  return { state: 'skipped', messages: [{ text: `The run did not judge question ${answerId}.`, file: 'answers' }] };
}

/** A marker's checks that passed, of those the run judged: the Check lens's summary. */
export function markerTally(
  problem: ProblemInfo,
  run: StoredRun,
  markerId: string,
  studentText: string,
): { passed: number; judged: number } {
  let passed = 0;
  let judged = 0;
  for (const check of checksOf(problem).filter((c) => c.markerId === markerId)) {
    const { state } = checkOutcome(problem, run, check, studentText);
    if (state === 'skipped') continue;
    judged++;
    if (state === 'passed') passed++;
  }
  return { passed, judged };
}
