// Problem 1's hidden checks, run only in grading runs (`grading: true`, set by the staff's CLI) and
// kept out of the student build (hidden.ts). The visible q1.gcn-backward judges gcnBackward at the
// seeded weights, every node in the loss (n = 34) and λ = 2.5e-2; q1.hidden-backward-points adds
// 6 random points: weights at three scales (pre-activations of root-mean-square 0.5, 1 and 2),
// random upstream gradients, n the count of a masked loss (not always 34) and λ ∈ {0, 0.1, 1},
// against the float64 backward (float64Gcn.ts).
import type { Finding } from '../../engine/events';
import { createRng, type Rng } from '../../engine/rng';
import type { ChildCalls } from '../../problem';
import { finding, guarded } from '../findings';
import { gcnAdjacency } from './adjacency';
import { relativeError } from './compare';
import { gcnBackward, gcnForward } from './float64Gcn';
import { FLOAT32_TOLERANCE } from './gradients';
import { karateClub } from './karate';
import { matMul, matMulTransB, matrix, type Matrix } from './matrix';
import { MARKERS } from './meta';
import { expectWireTensor, valueOf, wireField, wireOf } from './wireValues';

interface Point {
  hIn: Matrix;
  w: Matrix;
  g: Matrix;
  n: number;
  lambda: number;
}

const SIZES = [
  [34, 16],
  [16, 2],
] as const;

function randomMatrix(rng: Rng, rows: number, cols: number, scale = 1): Matrix {
  return matrix(rows, cols, Float64Array.from(new Float32Array(rows * cols).map(() => scale * rng.normal())));
}

/** The points, from the run's seed: H_in one-hot or a tanh layer's output, W scaled to the given RMS of Z. */
export function hiddenPoints(seed: number, aHat: Matrix): Point[] {
  const rng = createRng(seed).fork(1601);
  const nodes = aHat.rows;
  const cases = [
    { layer: 0, rms: 0.5, n: 34, lambda: 0 },
    { layer: 0, rms: 2, n: 28, lambda: 0.1 },
    { layer: 1, rms: 1, n: 12, lambda: 1 },
    { layer: 1, rms: 2, n: 34, lambda: 0.1 },
    { layer: 0, rms: 1, n: 5, lambda: 1 },
    { layer: 1, rms: 0.5, n: 30, lambda: 0 },
  ];
  return cases.map(({ layer, rms, n, lambda }) => {
    const [inputs, outputs] = SIZES[layer]!;
    const hIn =
      inputs === nodes
        ? matrix(
            nodes,
            nodes,
            Float64Array.from({ length: nodes * nodes }, (_, k) => (k % (nodes + 1) === 0 ? 1 : 0)),
          )
        : matrix(nodes, inputs, randomMatrix(rng, nodes, inputs).data.map(Math.tanh));
    const raw = randomMatrix(rng, outputs, inputs);
    const z = matMulTransB(matMul(aHat, hIn), raw);
    const current = Math.sqrt(z.data.reduce((s, x) => s + x * x, 0) / z.data.length);
    const w = matrix(outputs, inputs, Float64Array.from(new Float32Array(raw.data.map((x) => (x * rms) / current))));
    return { hIn, w, g: randomMatrix(rng, nodes, outputs), n, lambda };
  });
}

export async function hiddenChecks(child: ChildCalls, seed: number): Promise<Finding[]> {
  const id = 'q1.hidden-backward-points',
    m = MARKERS.gcnBackward;
  return [
    await guarded(id, m, async () => {
      const { aHat: a } = gcnAdjacency(karateClub, { weighted: true });
      const nodes = karateClub.nodeCount;
      const aHat = matrix(nodes, nodes, Float64Array.from(a));
      const points = hiddenPoints(seed, aHat);
      const forwards = points.map((p) => gcnForward(aHat, p.hIn, p.w));
      const what = 'gcnBackward(aHat, hIn, h, w, g, n, lambda)';
      const outcomes = await child.call(
        m,
        'gcnBackward',
        points.map((p, i) => [
          wireOf(aHat),
          wireOf(p.hIn),
          wireOf(forwards[i]!.h),
          wireOf(p.w),
          wireOf(p.g),
          p.n,
          p.lambda,
        ]),
      );
      for (const [i, p] of points.entries()) {
        const want = gcnBackward(aHat, forwards[i]!, p.w, p.g, p.n, p.lambda);
        const out = valueOf(outcomes[i]!);
        const dW = expectWireTensor(wireField(out, 'dW', what, m), [p.w.rows, p.w.cols], `${what}.dW`, m);
        const gIn = expectWireTensor(wireField(out, 'gIn', what, m), [nodes, p.w.cols], `${what}.gIn`, m);
        const error = Math.max(relativeError(dW, want.dW.data), relativeError(gIn, want.gIn.data));
        if (!(error <= FLOAT32_TOLERANCE))
          return finding(
            id,
            m,
            false,
            `gcnBackward at a random point (W ${p.w.rows} × ${p.w.cols}, n = ${p.n}, λ = ${p.lambda}) differs from the float64 backward by ${error.toExponential(1)} relative: dW = δᵀ(Â H_in)/n + λW/n with the n and λ it is given, gIn = Â(δW).`,
            'more points ✗',
          );
      }
      return finding(
        id,
        m,
        true,
        `gcnBackward matches float64 at ${points.length} more random points.`,
        'more points ✓',
      );
    }),
  ];
}
