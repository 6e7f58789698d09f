// Where problem 5's checks get the expectations a correct beam keeps (the one place the two builds
// differ): the repository's build computes them live (expected.staff.ts, a beam read off the
// enumerated tree), the student build resolves './expected.staff' to './expected.student', which
// reads them from recordings (media/recorded-expected/beam-search.json) and holds no beam search.
import type { Hypothesis } from './trace';

export { expectations } from './expected.staff';

/** A random tree's case: the tree (seed, vocabulary size M), the beam's width k and length T. */
export interface TreeCase {
  seed: number;
  M: number;
  T: number;
  k: number;
  /** A tree with tied log-probabilities (randomTree.ts); the hidden checks' only. */
  ties?: boolean;
}

export interface BeamExpectations {
  /** The seed the checks draw their random trees from, given the run's (a recording has one seed). */
  caseSeed(configSeed: number): number;
  /** The sets a width-k beam keeps on Figure 2 at t = 1..T (k = 2, T = 3: the homework's beam). */
  figure2KeptSets(): Hypothesis[][];
  /** The final beams (best first) of a width-k, length-T beam on a random tree. */
  finalBeams(c: TreeCase): Hypothesis[];
}

/** What the student build ships: everything `BeamExpectations` answers for the recorded seed. */
export interface BeamRecording {
  seed: number;
  figure2: Hypothesis[][];
  randomTrees: { case: TreeCase; beams: Hypothesis[] }[];
}
