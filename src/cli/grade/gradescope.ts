// Gradescope's results.json, as its autograder specification documents it
// (gradescope-autograders.readthedocs.io, "Autograder Specifications", "Output format"): the
// submission's `score` and `execution_time` (seconds), and one entry of `tests` per rubric item with
// `name`, `score`, `max_score`, `status` ("passed" / "failed"), `output` and `visibility`.
import { z } from 'zod';
import type { SubmissionGrade } from './score';

const visibility = z.enum(['hidden', 'after_due_date', 'after_published', 'visible']);
const format = z.enum(['text', 'html', 'simple_format', 'md', 'ansi']);

/** The documented format, every field Gradescope reads (for the tests and for the autograder bundle's checks). */
export const gradescopeResultsSchema = z
  .object({
    score: z.number().optional(),
    execution_time: z.number().nonnegative().optional(),
    output: z.string().optional(),
    output_format: format.optional(),
    test_output_format: format.optional(),
    test_name_format: format.optional(),
    visibility: visibility.optional(),
    stdout_visibility: visibility.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
    tests: z
      .array(
        z
          .object({
            score: z.number().optional(),
            max_score: z.number().optional(),
            status: z.enum(['passed', 'failed']).optional(),
            name: z.string().optional(),
            name_format: format.optional(),
            number: z.string().optional(),
            output: z.string().optional(),
            output_format: format.optional(),
            tags: z.array(z.string()).optional(),
            visibility: visibility.optional(),
            extra_data: z.record(z.string(), z.unknown()).optional(),
          })
          .strict(),
      )
      .optional(),
    leaderboard: z
      .array(
        z.object({
          name: z.string(),
          value: z.union([z.number(), z.string()]),
          order: z.enum(['asc', 'desc']).optional(),
        }),
      )
      .optional(),
  })
  .strict()
  // the spec: a top-level score, or a score on every test
  .refine((r) => r.score !== undefined || (r.tests ?? []).every((t) => t.score !== undefined), {
    message: 'needs "score" at the top level or on every test',
  });

export type GradescopeResults = z.infer<typeof gradescopeResultsSchema>;

export function gradescopeResults(grade: SubmissionGrade): GradescopeResults {
  const notRun = grade.items.filter((i) => i.notRun).length;
  return {
    score: grade.score,
    execution_time: Math.round(grade.executionSeconds),
    output:
      `HW6 Lab: ${grade.score} of ${grade.maxScore} points.` +
      (notRun > 0 ? ` ${notRun} item${notRun === 1 ? '' : 's'} did not run: see their entries.` : ''),
    tests: grade.items.map((g) => ({
      name: g.item.name,
      score: g.score,
      max_score: g.item.points,
      status: g.status,
      output: g.output,
      visibility: g.visibility,
      tags: [g.item.problemId, g.item.kind],
    })),
  };
}

/** The results.json of a submission that could not be graded at all (an unreadable or refused .zip). */
export function gradescopeFailure(message: string, maxScore: number): GradescopeResults {
  return {
    score: 0,
    execution_time: 0,
    output: `HW6 Lab could not grade this submission (0 of ${maxScore} points): ${message}`,
    tests: [],
  };
}
