// Student side of problem 2's expected values: read from the recording the staff side made
// (expected.staff.ts; test/unit/attention-scaling/recorded.test.ts keeps it fresh), so the student
// build computes neither the row-wise dot products nor the scaled softmax the TODOs ask for (not even
// to verify the variance check's sampled rows).
import recording from '../../../../media/recorded-expected/attention-scaling.json';
import { float64FromBase64 } from '../../engine/float64Base64';
import type { ScalingExpectations, ScalingRecording } from './expected';

export const expectations: ScalingExpectations = fromRecording(recording as ScalingRecording);

export function fromRecording(r: ScalingRecording): ScalingExpectations {
  const lookup = <T>(table: Record<string, T>, seed: number): T => {
    const found = table[String(seed)];
    if (found === undefined) throw new Error(`no recorded Q2 values for the inputs of seed ${seed}`);
    return found;
  };
  return {
    caseSeed: () => r.seed,
    dotProducts: (_, seed) =>
      lookup(r.dotProducts, seed).map((c) => ({
        dots: Float64Array.from(c.dots),
        magnitudes: Float64Array.from(c.magnitudes),
      })),
    sampledDots: (_, __, seed) => {
      const rows = lookup(r.sampledDots, seed);
      return { dots: float64FromBase64(rows.dots), magnitudes: float64FromBase64(rows.magnitudes) };
    },
    attention: (_, seed) =>
      lookup(r.attention, seed).map((t) => ({
        expected: Float64Array.from(t.expected),
        unscaled: Float64Array.from(t.unscaled),
        overD: Float64Array.from(t.overD),
      })),
  };
}
