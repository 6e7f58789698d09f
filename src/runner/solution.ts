// The solution a run (or a cell worker) uses: the problem's reference, or the student's file compiled
// with the loop guard and loaded in this thread. Load failures become the run's one error event.
import { basename } from 'node:path';
import type { RunEvent } from '../core/engine/events';
import { errorEvent } from '../core/engine/runProblem';
import { StudentCodeError, type Problem } from '../core/problem';
import type { RunRequest } from './runner';
import { CompileError, compileStudent } from './compile';
import { loadStudentModule, locateError } from './load';

type ErrorEvent = Extract<RunEvent, { type: 'error' }>;

export type Loaded = { solution: unknown; locate?: (err: unknown) => ReturnType<typeof locateError> } | { error: ErrorEvent };

/** The request's solution for `problem`; `loopGuard` is called at the top of every student loop body. */
export function solutionFor(problem: Problem, solution: RunRequest['solution'], loopGuard: () => void): Loaded {
  if (solution.kind === 'reference') return { solution: problem.reference };
  const { file, source } = solution;
  const loaded = loadSolution(problem, file, source, loopGuard);
  return 'error' in loaded ? loaded : { solution: loaded.solution, locate: (err) => locateError(err, file) };
}

function loadSolution(problem: Problem, file: string, source: string, loopGuard: () => void): { solution: unknown } | { error: ErrorEvent } {
  let code: string;
  try {
    code = compileStudent(source, file);
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    return {
      error: { type: 'error', reason: 'syntax', message: `Syntax error: ${err.message}`, location: { file: basename(file), line: err.line, column: err.column } },
    };
  }
  let exports: Record<string, unknown>;
  try {
    exports = loadStudentModule(code, file, loopGuard);
  } catch (err) {
    // Top-level code of the module threw: no marker's function was running yet.
    const event = errorEvent(new StudentCodeError('', err), (e) => locateError(e, file));
    return { error: { ...event, marker: undefined } };
  }
  try {
    return { solution: problem.solutionFrom(exports) };
  } catch (err) {
    return { error: errorEvent(err) };
  }
}
