// Scores one submission's runs against the rubric: every rubric item gets its points, a status and
// the message a student reads. Pure: the runs come in as data (the session's JobResults, reduced).
import type { Finding, RunEvent } from '../../core/engine/events';
import { isNote } from '../../core/verdict';
import { partialCredit, type Rubric, type RubricItem, type Visibility } from './rubric';

/** What one problem's graded run gave, or why it did not run. */
export interface ProblemOutcome {
  problemId: string;
  /** Absent when the problem did not run at all (`notRun` says why). */
  findings?: readonly Finding[];
  /** The run ended early (crash, time limit, memory): its checks without findings score 0. */
  error?: Extract<RunEvent, { type: 'error' }>;
  /**
   * The student's file is absent and the run used the reference solution only to judge answers.md:
   * its check findings are the reference's, never the student's, and earn nothing.
   */
  answersOnly?: boolean;
  notRun?: string;
}

export interface GradedItem {
  item: RubricItem;
  score: number;
  status: 'passed' | 'failed';
  /** What the student reads: the findings' messages, or why the item did not run. */
  output: string;
  /** The item did not run (crash, time limit, missing file): 0 points and a clear entry. */
  notRun: boolean;
  visibility: Visibility;
}

export interface SubmissionGrade {
  name: string;
  score: number;
  maxScore: number;
  items: GradedItem[];
  /** Problem id → points earned and possible (its checks and questions). */
  byProblem: Map<string, { score: number; max: number }>;
  /** Wall time of the submission's runs, seconds. */
  executionSeconds: number;
}

export interface ScoreOptions {
  /** Append a failed check's hints (the rubric's `reveal`). */
  reveal: boolean;
  /** Time limit per step, for the not-run message. */
  timeSeconds: number;
}

export function scoreSubmission(
  name: string,
  rubric: Rubric,
  outcomes: readonly ProblemOutcome[],
  executionSeconds: number,
  options: ScoreOptions,
): SubmissionGrade {
  const byId = new Map(outcomes.map((o) => [o.problemId, o]));
  const items = rubric.items.map((item) => gradeItem(item, byId.get(item.problemId), options));
  const byProblem = new Map<string, { score: number; max: number }>();
  for (const g of items) {
    const p = byProblem.get(g.item.problemId) ?? { score: 0, max: 0 };
    p.score += g.score;
    p.max += g.item.points;
    byProblem.set(g.item.problemId, p);
  }
  return {
    name,
    score: round(items.reduce((s, g) => s + g.score, 0)),
    maxScore: rubric.maxScore,
    items,
    byProblem,
    executionSeconds,
  };
}

function gradeItem(item: RubricItem, outcome: ProblemOutcome | undefined, options: ScoreOptions): GradedItem {
  const base = { item, visibility: item.visibility };
  const notRun = (why: string): GradedItem => ({
    ...base,
    score: 0,
    status: 'failed',
    output: `Not run: ${why}`,
    notRun: true,
  });
  if (!outcome || outcome.notRun !== undefined || !outcome.findings)
    return notRun(outcome?.notRun ?? `problem ${item.problemId} did not run.`);
  if (item.kind === 'check' && outcome.answersOnly)
    return notRun(`the submission has no file for problem ${item.problemId}.`);

  const findings = outcome.findings.filter((f) =>
    item.kind === 'check' ? f.checkId === item.id && f.answerId === undefined : f.answerId === item.id,
  );
  if (findings.length === 0) {
    if (outcome.error) return notRun(runEnded(item.problemId, outcome.error, options.timeSeconds));
    return notRun(
      item.kind === 'check'
        ? `the run of problem ${item.problemId} reported nothing for ${item.id} (a check of a full run: grading runs the checks only).`
        : `answers.md has no answer to ${item.id}.`,
    );
  }
  const failures = findings.filter((f) => !f.ok && !isNote(f));
  const notes = findings.filter(isNote);
  const output = (fs: readonly Finding[]): string => fs.map((f) => messageOf(f, options.reveal)).join('\n');
  if (failures.length > 0) {
    const credit = item.partial ? partialCredit(item.partial, failures.map((f) => f.message).join('\n')) : undefined;
    const score = credit === undefined ? 0 : round(item.points * credit);
    const partialNote = credit === undefined ? '' : `\nPartial credit: ${score} of ${item.points} points.`;
    return { ...base, score, status: 'failed', output: output(failures) + partialNote, notRun: false };
  }
  if (findings.some((f) => f.ok))
    return {
      ...base,
      score: item.points,
      status: 'passed',
      output: output(findings.filter((f) => f.ok)),
      notRun: false,
    };
  // notes only: an answer still empty, a question graded by hand
  return { ...base, score: 0, status: 'failed', output: output(notes), notRun: false };
}

/** Why a run's remaining checks never ran, in a sentence. */
export function runEnded(problemId: string, error: Extract<RunEvent, { type: 'error' }>, timeSeconds: number): string {
  switch (error.reason) {
    case 'time-limit':
      return `the run of problem ${problemId} timed out (each step may take ${timeSeconds} s): ${error.message}`;
    case 'memory':
      return `the run of problem ${problemId} used more memory than it may: ${error.message}`;
    case 'syntax':
      return `problem ${problemId}'s file does not compile: ${error.message}`;
    default:
      return `the run of problem ${problemId} ended early (${error.reason}): ${error.message}`;
  }
}

function messageOf(f: Finding, reveal: boolean): string {
  // where in the student's file (a throw, a syntax error), by base name: the grader's folders are temporary
  const at = !f.ok && f.location ? ` (${f.location.file.split(/[\\/]/).pop()}, line ${f.location.line})` : '';
  const message = f.message + at;
  if (!reveal || f.ok || !f.hints?.length) return message;
  return [message, ...f.hints.map((h, i) => `Hint ${i + 1}: ${h}`)].join('\n');
}

/** Points to two decimals, as gradebooks show them. */
function round(x: number): number {
  return Math.round(x * 100) / 100;
}
