// The RunRequest the extension sends for one run: the student's file (or the reference solution),
// the problem's settings, and answers.md for problems that judge answers. Pure, so what reaches the
// runner is unit-tested without an editor.
import type { ProblemInfo } from '../../core/problem';
import type { RunRequest } from '../../runner/runner';
import { ANSWERS_FILE, judgesAnswers } from '../../core/answers/document';

export interface RunRequestInput {
  problem: ProblemInfo;
  /** The student's file (absolute path, current text); absent: the reference solution runs. */
  student?: { file: string; source: string };
  /** answers.md's current text (unsaved edits included), when the workspace has one. */
  answersText?: string;
  checksOnly: boolean;
  settings: { quick: boolean; timeLimitMs: number; revealAnswers: boolean };
  /** The problem's own settings (`hw6.<id>.<key>`). */
  problemSettings?: Record<string, unknown>;
}

export function runRequestFor(input: RunRequestInput): RunRequest {
  const { problem, student, settings } = input;
  return {
    problemId: problem.id,
    config: {
      ...input.problemSettings,
      quick: settings.quick,
      ...(settings.revealAnswers ? { revealAnswers: true } : {}),
    },
    solution: student ? { kind: 'student', file: student.file, source: student.source } : { kind: 'reference' },
    checksOnly: input.checksOnly,
    timeLimitMs: settings.timeLimitMs,
    ...(judgesAnswers(problem) && input.answersText !== undefined
      ? { answers: { file: ANSWERS_FILE, text: input.answersText } }
      : {}),
  };
}
