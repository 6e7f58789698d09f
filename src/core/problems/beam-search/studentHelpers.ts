// What a problem 5 file imports from "hw6-lab" (assembled by src/core/helpers; declared to students
// in media/workspace/types/hw6-lab.d.ts).
export type { Hypothesis, Candidate, BeamStep, BeamResult } from './trace';
export { logSoftmax, type StepFn } from './stepFn';
