// Where problem 2's value checks get their expected values (the one place the two builds differ):
// the repository's build computes them live in float64 (expected.staff.ts: the row-wise dot
// products and softmax(Kq/√d), what the TODOs ask), the student build resolves './expected.staff'
// to './expected.student', which reads them from recordings
// (media/recorded-expected/attention-scaling.json) for the inputs of the recorded seeds. That covers
// the variance check's 20 000 sampled rows too: the judge verifies them against qᵢᵀkᵢ.
import type { AttentionInput, DotCase } from './cases';

/** qᵢᵀkᵢ of every row (float64 sums of the float32 inputs), and Σⱼ |qᵢⱼkᵢⱼ|: the tolerance's scale. */
export interface RowDots {
  dots: Float64Array;
  magnitudes: Float64Array;
}

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
  dotProducts(cases: readonly DotCase[], rngSeed: number): RowDots[];
  /**
   * qᵢᵀkᵢ of the variance check's sampled rows (all calls in order: cases.ts varianceInputs), drawn
   * from the Rng of seed `rngSeed`; `inputs` draws them (only a live computation needs them).
   */
  sampledDots(inputs: () => { q: Float32Array; k: Float32Array }[], d: number, rngSeed: number): RowDots;
  /** The three softmaxes of every input, the inputs drawn from the Rng of seed `rngSeed`. */
  attention(inputs: readonly AttentionInput[], rngSeed: number): SoftmaxTriple[];
}

/** What the student build ships: the values for the inputs drawn from each recorded Rng seed. */
export interface ScalingRecording {
  seed: number;
  dotProducts: Record<string, { dots: number[]; magnitudes: number[] }[]>;
  /** The sampled rows' RowDots as the bytes of little-endian Float64Arrays, in base64 (20 000 rows each). */
  sampledDots: Record<string, { dots: string; magnitudes: string }>;
  attention: Record<string, { expected: number[]; unscaled: number[]; overD: number[] }[]>;
}
