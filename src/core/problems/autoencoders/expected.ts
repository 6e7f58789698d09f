// Where problem 4's code checks get their expected values on the check inputs (the one place the two
// builds differ): the repository's build computes them live (expected.staff.ts: the forward pass and
// the loss in float64, the lab's own accuracy count), the student build resolves './expected.staff'
// to './expected.student', which reads them from recordings (media/recorded-expected/autoencoders.json).
import type { Forward64 } from './params64';

export { expectations } from './expected.staff';

/** A forward case's outputs: the right ones, and those of the mistakes the check's message names. */
export interface ForwardVariants {
  want: Forward64;
  reluAtBottleneck: Forward64;
  reluAtOutput: Forward64;
  /** With activation 'linear' whatever params.activation says, and with 'relu'. */
  asLinear: Forward64;
  asRelu: Forward64;
}

export interface AeExpectations {
  /** The seed of the check inputs, given the run's (a recording has one seed). */
  caseSeed(configSeed: number): number;
  /** Per forward case (checkCases.ts forwardInputs). */
  forward(seed: number): ForwardVariants[];
  /** The loss of the random batch (checkCases.ts lossBatch). */
  loss(seed: number): number;
  /** The accuracy of each case of checkCases.ts accuracyCases. */
  accuracies(seed: number): number[];
}

type PlainForward = { code: number[]; reconstruction: number[] };

/** What the student build ships, at one seed. */
export interface AeRecording {
  seed: number;
  forward: Record<keyof ForwardVariants, PlainForward>[];
  loss: number;
  accuracies: number[];
}
