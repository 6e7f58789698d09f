// Staff side of problem 4's expected values: float64 loops (float64.ts) and the lab's accuracy count
// (labCount.staff.ts) on the check inputs. The repository's build, the CLI and `grade` use it; the student
// build swaps it for expected.student.ts.
import { accuracyCases, forwardInputs, FORWARD_ROWS, lossBatch } from './checkCases';
import type { AeExpectations, AeRecording, ForwardVariants } from './expected';
import { forward64, loss64 } from './float64';
import { countAccuracy } from './labCount.staff';

/** The seed the student build's recording is made for (problem 4's default). */
export const RECORDED_SEED = 4;

export const expectations: AeExpectations = {
  caseSeed: (seed) => seed,
  forward: (seed) => {
    const { x, cases } = forwardInputs(seed);
    return cases.map(({ params: p }) => ({
      want: forward64(p, x, FORWARD_ROWS),
      reluAtBottleneck: forward64(p, x, FORWARD_ROWS, { reluAtBottleneck: true }),
      reluAtOutput: forward64(p, x, FORWARD_ROWS, { reluAtOutput: true }),
      asLinear: forward64(p, x, FORWARD_ROWS, { activation: 'linear' }),
      asRelu: forward64(p, x, FORWARD_ROWS, { activation: 'relu' }),
    }));
  },
  loss: (seed) => {
    const { a, b, rows } = lossBatch(seed);
    return loss64(a, b, rows);
  },
  accuracies: (seed) => accuracyCases(seed).map((c) => countAccuracy(c.logits.flat(), c.labels, c.logits[0]!.length)),
};

/** A fresh computation of what the student build's expectations answer, at RECORDED_SEED. */
export function recordAeExpectations(): AeRecording {
  const plain = (variants: ForwardVariants) =>
    Object.fromEntries(
      Object.entries(variants).map(([k, f]) => [
        k,
        { code: Array.from(f.code), reconstruction: Array.from(f.reconstruction) },
      ]),
    ) as AeRecording['forward'][number];
  return {
    seed: RECORDED_SEED,
    forward: expectations.forward(RECORDED_SEED).map(plain),
    loss: expectations.loss(RECORDED_SEED),
    accuracies: expectations.accuracies(RECORDED_SEED),
  };
}
