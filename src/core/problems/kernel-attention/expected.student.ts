// Student side of problem 3's expected outputs: read from the recording the staff side made
// (expected.staff.ts; test/unit/kernel-attention/recorded.test.ts keeps it fresh), so the student
// build holds no attention or kernel computation. The check inputs are the recorded seed's.
import recording from '../../../../media/recorded-expected/kernel-attention.json';
import type { KernelExpectations, KernelOutputs, KernelRecording } from './expected';
import { matrix } from './matrix';

export const expectations: KernelExpectations = fromRecording(recording as KernelRecording);

export function fromRecording(r: KernelRecording): KernelExpectations {
  const m = (p: KernelRecording['softmax']) => matrix(p.rows, p.cols, p.data);
  return {
    dataSeed: () => r.seed,
    outputs: (seed): KernelOutputs => {
      if (seed !== r.seed) throw new Error(`no recorded Q3 outputs for seed ${seed}`);
      return {
        softmax: m(r.softmax),
        kernel: { inhomogeneous: m(r.kernel.inhomogeneous), homogeneous: m(r.kernel.homogeneous) },
        attention: { inhomogeneous: m(r.attention.inhomogeneous), homogeneous: m(r.attention.homogeneous) },
      };
    },
  };
}
