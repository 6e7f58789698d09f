// `hw6-lab grade --classroom FILE`: one submission's grade in the form GitHub Classroom's autograding
// reads. classroom-resources/autograding-grading-reporter takes, for each runner id in its
// `runners` input, the environment variable `<ID>_RESULTS`: base64 of this JSON
// (`{ version: 1, status, max_score, tests: [{ name, status, score, message }] }`), adds up the
// tests' `score` against `max_score` and posts "Points X/Y". The workflow
// (docs/classroom/hw6-autograding.yml) base64-encodes the file this writes.
// Built from the Gradescope results the grade already computes, so both platforms get the same
// points for the same submission.
import { z } from 'zod';

/** The part of Gradescope's results.json this needs (the grade's `--gradescope` output). */
export const gradescopeResultsInput = z.object({
  score: z.number().optional(),
  output: z.string().optional(),
  tests: z
    .array(
      z.object({
        name: z.string().optional(),
        score: z.number().optional(),
        max_score: z.number().optional(),
        status: z.enum(['passed', 'failed']).optional(),
        output: z.string().optional(),
        visibility: z.string().optional(),
      }),
    )
    .default([]),
});
export type GradescopeResultsInput = z.input<typeof gradescopeResultsInput>;

export interface ClassroomTest {
  name: string;
  status: 'pass' | 'fail' | 'error';
  score: number;
  message: string;
}

/** What the grading reporter reads from `<ID>_RESULTS` (after base64). */
export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  message?: string;
  tests: ClassroomTest[];
}

/**
 * The reporter prints every test's message in the job's log, which the student reads at once:
 * Classroom has no due date to wait for, so a test Gradescope would show only later (hidden,
 * after_due_date, after_published) keeps its details back here.
 */
const WITHHELD_MESSAGE = 'Its details are shown to course staff only.';

/** Two decimals: the reporter prints the sum as it is, and float sums of fractions are ragged. */
function points(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Gradescope's results → the reporter's. A test scores its points; it passes only at full marks.
 * The run as a whole `error`s when no test ran (nothing could be graded), with the grade's output
 * as the message.
 */
export function toClassroomResult(results: GradescopeResultsInput): ClassroomResult {
  const parsed = gradescopeResultsInput.parse(results);
  const tests: ClassroomTest[] = parsed.tests.map((t, i) => {
    const max = t.max_score ?? 0;
    const score = points(t.score ?? 0);
    const passed = t.status ? t.status === 'passed' : score >= max;
    return {
      name: t.name ?? `test ${i + 1}`,
      status: passed ? 'pass' : 'fail',
      score,
      message: t.visibility && t.visibility !== 'visible' ? WITHHELD_MESSAGE : (t.output ?? ''),
    };
  });
  const maxScore = points(parsed.tests.reduce((sum, t) => sum + (t.max_score ?? 0), 0));
  if (tests.length === 0)
    return {
      version: 1,
      status: 'error',
      max_score: maxScore,
      message: parsed.output || 'HW6 Lab graded nothing in this repository.',
      tests,
    };
  return {
    version: 1,
    status: tests.every((t) => t.status === 'pass') ? 'pass' : 'fail',
    max_score: maxScore,
    ...(parsed.output ? { message: parsed.output } : {}),
    tests,
  };
}
