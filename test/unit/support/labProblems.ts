// The lab's five problems as the unit tests judge them in this thread: each judge half with its
// child half and its reference module (which the product loads from dist/reference in a child).
import type { Problem, ProblemChild, ProblemConfig } from '../../../src/core/problem';
import { problems } from '../../../src/core/problems';
import { findProblemChild } from '../../../src/core/problems/children';
import { referenceModule } from '../../../src/core/problems/references';

export interface LabProblem {
  problem: Problem<ProblemConfig>;
  child: ProblemChild<unknown, ProblemConfig>;
  /** The reference module's exports, shaped like a student's file. */
  reference: object;
}

export const labProblems: LabProblem[] = problems.map((problem) => ({
  problem,
  child: findProblemChild(problem.id)!,
  reference: referenceModule(problem.id)!,
}));

export function labProblem(id: string): LabProblem {
  const found = labProblems.find((p) => p.problem.id === id);
  if (!found) throw new Error(`no problem ${id}`);
  return found;
}
