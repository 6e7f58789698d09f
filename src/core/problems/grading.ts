// A grading run: the staff's CLI (`hw6-lab grade`) sets `grading: true` in the run's config, and
// the judge then adds each problem's hidden checks (its hidden.ts). The student build has no hidden
// checks to add (hidden.ts resolves to hidden.student.ts there), so the flag does nothing in it.
import type { ProblemConfig } from '../problem';

export const isGradingRun = (config: ProblemConfig): boolean => config.grading === true;
