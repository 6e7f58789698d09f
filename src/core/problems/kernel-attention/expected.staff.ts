// Staff side of problem 3's expected outputs: float64 loops (float64.ts) on the check inputs. The
// repository's build, the CLI and `grade` use it; the student build swaps it for expected.student.ts.
import { checkInputs } from './checkInputs';
import type { KernelExpectations, KernelOutputs, KernelRecording } from './expected';
import { kernel64, kernelAttention64, matrix, softmaxAttention64, type Matrix } from './float64';

/** The seed the student build's recording is made for (problem 3's default). */
export const RECORDED_SEED = 3;

export function liveOutputs(seed: number): KernelOutputs {
  const { Q: q, K: k, V: v } = checkInputs(seed);
  const [Q, K, V] = [q, k, v].map((m) => matrix(m.rows, m.cols, m.values)) as [Matrix, Matrix, Matrix];
  return {
    softmax: softmaxAttention64(Q, K, V),
    kernel: { inhomogeneous: kernel64(Q, K, 'inhomogeneous'), homogeneous: kernel64(Q, K, 'homogeneous') },
    attention: {
      inhomogeneous: kernelAttention64(Q, K, V, 'inhomogeneous'),
      homogeneous: kernelAttention64(Q, K, V, 'homogeneous'),
    },
  };
}

export const expectations: KernelExpectations = { dataSeed: (seed) => seed, outputs: liveOutputs };

const plain = (m: Matrix) => ({ rows: m.rows, cols: m.cols, data: Array.from(m.data) });

/** A fresh computation of what the student build's expectations answer, at RECORDED_SEED. */
export function recordKernelExpectations(): KernelRecording {
  const o = liveOutputs(RECORDED_SEED);
  return {
    seed: RECORDED_SEED,
    softmax: plain(o.softmax),
    kernel: { inhomogeneous: plain(o.kernel.inhomogeneous), homogeneous: plain(o.kernel.homogeneous) },
    attention: { inhomogeneous: plain(o.attention.inhomogeneous), homogeneous: plain(o.attention.homogeneous) },
  };
}
