// Where problem 3's checks get their expected outputs on the check inputs (the one place the two
// builds differ): the repository's build computes them live in float64 (expected.staff.ts, loops
// that compute what the TODOs ask), the student build resolves './expected.staff' to
// './expected.student', which reads them from recordings (media/recorded-expected/kernel-attention.json).
import type { KernelVariant, Matrix } from './matrix';

export { expectations } from './expected.staff';

/** softmax(QKᵀ/√D)V, sim(Q_i, K_j) and eq. 3 for both kernel variants, on the check inputs of a seed. */
export interface KernelOutputs {
  softmax: Matrix;
  kernel: Record<KernelVariant, Matrix>;
  attention: Record<KernelVariant, Matrix>;
}

export interface KernelExpectations {
  /** The seed of the check inputs, given the run's (a recording has one seed). */
  dataSeed(configSeed: number): number;
  outputs(seed: number): KernelOutputs;
}

type Plain = { rows: number; cols: number; data: number[] };

/** What the student build ships: the outputs at one seed, as plain arrays. */
export interface KernelRecording {
  seed: number;
  softmax: Plain;
  kernel: Record<KernelVariant, Plain>;
  attention: Record<KernelVariant, Plain>;
}
