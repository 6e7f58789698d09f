// Which runs a workspace command makes: the student's files found in the folder, and answers.md
// for the problems that judge answers. `check` also checks a problem whose file is absent when
// answers.md answers its questions: its answers are judged with the reference solution, so they
// can be checked before any code is written.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswersInput } from '../core/answers/types';
import type { Problem, ProblemConfig } from '../core/problem';
import { problems } from '../core/problems';
import { ANSWERS_FILE, answersQuestionsOf, judgesAnswers } from '../core/answers/document';
import { findStudentFiles } from '../runner/workspace';
import type { Job } from './session';
import { UsageError } from './usageError';

/** What a workspace folder holds for the CLI: each present student file's text, and answers.md. */
export interface WorkspaceFiles {
  dir: string;
  /** problem id → the student's file (absolute path) and its text. */
  students: Map<string, { file: string; source: string }>;
  answers?: AnswersInput;
}

export function readWorkspace(dir: string): WorkspaceFiles {
  const students = new Map(
    findStudentFiles(dir).map((s) => [s.problem.id, { file: s.file, source: readFileSync(s.file, 'utf8') }]),
  );
  const answersFile = join(dir, ANSWERS_FILE);
  const answers =
    existsSync(answersFile) && statSync(answersFile).isFile()
      ? { file: ANSWERS_FILE, text: readFileSync(answersFile, 'utf8') }
      : undefined;
  return { dir, students, ...(answers ? { answers } : {}) };
}

export interface WorkspaceJobOptions {
  /** Problem ids asked for; none: every problem the workspace has (see `check`). */
  ids: readonly Problem[];
  config: Partial<ProblemConfig>;
  checksOnly: boolean;
  timeLimitMs?: number;
  /** `check`: a problem whose file is absent runs the reference when answers.md answers it. */
  answersWithReference: boolean;
}

export function workspaceJobs(ws: WorkspaceFiles, o: WorkspaceJobOptions): Job[] {
  const byReference = (p: Problem): boolean =>
    o.answersWithReference && !ws.students.has(p.id) && !!ws.answers && answersQuestionsOf(p, ws.answers.text);
  const wanted = o.ids.length > 0 ? o.ids : problems.filter((p) => ws.students.has(p.id) || byReference(p));
  if (wanted.length === 0) {
    const also = o.answersWithReference ? ` or an ${ANSWERS_FILE} answering their questions` : '';
    throw new UsageError(
      `No homework files in ${ws.dir} (expected ${problems.map((p) => p.studentFile).join(', ')}${also}); create them with \`hw6-lab init\` or pass --reference.`,
    );
  }
  return wanted.map((problem) => {
    const student = ws.students.get(problem.id);
    if (!student && !byReference(problem)) {
      const hint =
        o.answersWithReference && judgesAnswers(problem)
          ? ` (and ${ANSWERS_FILE} does not answer its questions ${problem.answerIds!.join(', ')})`
          : '';
      throw new UsageError(`${problem.studentFile} is missing from ${ws.dir}${hint}.`);
    }
    return {
      problem,
      solution: student ? { kind: 'student', file: student.file, source: student.source } : { kind: 'reference' },
      config: o.config,
      checksOnly: o.checksOnly,
      timeLimitMs: o.timeLimitMs,
      ...(ws.answers && judgesAnswers(problem) ? { answers: ws.answers } : {}),
    };
  });
}
