// Student side of problem 4's expected values: read from the recording the staff side made
// (expected.staff.ts; test/unit/autoencoders/recorded.test.ts keeps it fresh), so the student build's
// judge holds no forward pass or loss. The check inputs are the recorded seed's.
import recording from '../../../../media/recorded-expected/autoencoders.json';
import type { AeExpectations, AeRecording, ForwardVariants } from './expected';

export const expectations: AeExpectations = fromRecording(recording as AeRecording);

export function fromRecording(r: AeRecording): AeExpectations {
  const at = <T>(seed: number, value: () => T): T => {
    if (seed !== r.seed) throw new Error(`no recorded Q4 values for seed ${seed}`);
    return value();
  };
  return {
    caseSeed: () => r.seed,
    forward: (seed) =>
      at(seed, () =>
        r.forward.map(
          (variants) =>
            Object.fromEntries(
              Object.entries(variants).map(([k, f]) => [
                k,
                { code: Float64Array.from(f.code), reconstruction: Float64Array.from(f.reconstruction) },
              ]),
            ) as unknown as ForwardVariants,
        ),
      ),
    loss: (seed) => at(seed, () => r.loss),
    accuracies: (seed) => at(seed, () => r.accuracies),
  };
}
