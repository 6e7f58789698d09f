// Where problem 2's value checks get their expected values (the one place the two builds differ):
// the repository's build computes them live in float64 (expected.staff.ts: the row-wise dot
// products and softmax(Kq/√d), what the TODOs ask), the student build resolves './expected.staff'
// to './expected.student', which reads them from recordings
// (media/recorded-expected/attention-scaling.json) for the inputs of the recorded seeds.
import type { AttentionInput, DotCase } from './cases';

export { expectations } from './expected.staff';

/** softmax of one query's scores Kq scaled by 1/√d (the right one), by 1 and by 1/d. */
export interface SoftmaxTriple {
  expected: Float64Array;
  unscaled: Float64Array;
  overD: Float64Array;
}

export interface ScalingExpectations {
  /** The seed the checks draw their inputs from, given the run's (a recording has one seed). */
  caseSeed(configSeed: number): number;
  /** qᵢᵀkᵢ for every row of every case, the cases drawn from the Rng of seed `rngSeed`. */
  dotProducts(cases: readonly DotCase[], rngSeed: number): Float64Array[];
  /** The three softmaxes of every input, the inputs drawn from the Rng of seed `rngSeed`. */
  attention(inputs: readonly AttentionInput[], rngSeed: number): SoftmaxTriple[];
}

/** What the student build ships: the values for the inputs drawn from each recorded Rng seed. */
export interface ScalingRecording {
  seed: number;
  dotProducts: Record<string, number[][]>;
  attention: Record<string, { expected: number[]; unscaled: number[]; overD: number[] }[]>;
}
