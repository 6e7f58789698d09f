// The entry of dist/judge.js: the judge's halves of the problems and the runners that use them. The
// extension loads it on its first run (activating the extension loads neither tfjs nor the checks).
export { ProcessRunner } from './processRunner';
export { findProblem } from '../core/problems';
