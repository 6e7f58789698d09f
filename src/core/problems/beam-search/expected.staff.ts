// Staff side of problem 5's expectations: computed live from the enumerated tree (keptSets.ts, which
// amounts to a beam search). The repository's build, the CLI and `grade` use it; the student build
// swaps it for expected.student.ts. `recordBeamExpectations` writes what the student build ships.
import type { BeamExpectations, BeamRecording, TreeCase } from './expected';
import { casesOf } from './cases';
import { figure2Step } from './figure2';
import { beamKeptSets } from './keptSets';
import { randomTreeStep } from './randomTree';

/** The seed the student build's recordings are made for (problem 5's default). */
export const RECORDED_SEED = 0;

export const expectations: BeamExpectations = {
  caseSeed: (configSeed) => configSeed,
  figure2KeptSets: () => beamKeptSets(figure2Step, 2, 3),
  finalBeams: (c: TreeCase) => beamKeptSets(randomTreeStep({ seed: c.seed, M: c.M }), c.k, c.T)[c.T - 1]!,
};

/** A fresh computation of everything the student build's expectations answer, at RECORDED_SEED. */
export function recordBeamExpectations(): BeamRecording {
  return {
    seed: RECORDED_SEED,
    figure2: expectations.figure2KeptSets(),
    randomTrees: casesOf(RECORDED_SEED).random.map((c) => ({ case: c, beams: expectations.finalBeams(c) })),
  };
}
