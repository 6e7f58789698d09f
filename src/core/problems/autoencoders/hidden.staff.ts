// Problem 4's hidden checks, run only in grading runs (`grading: true`, set by the staff's CLI) and
// kept out of the student build (hidden.ts). The visible q4.forward checks a 7-3-7 linear and a
// 7-5-3-5-7 ReLU autoencoder (at most two layers per stack) on 4 rows; q4.hidden-deeper-forward
// adds stacks of three layers, a bottleneck of one unit and a single-row batch, at the run's seed,
// against the float64 pass (float64.ts).
import type { Finding } from '../../engine/events';
import { createRng } from '../../engine/rng';
import type { ChildCalls } from '../../problem';
import { finding, guarded } from '../findings';
import { randomParams } from './checkCases';
import { forwardOnce, RELATIVE_TOLERANCE } from './checks';
import { forward64 } from './float64';
import { MARKERS } from './meta';
import type { Activation } from './solution';

const CASES: { activation: Activation; widths: number[]; rows: number }[] = [
  { activation: 'relu', widths: [9, 8, 6, 4, 6, 8, 9], rows: 3 },
  { activation: 'linear', widths: [9, 7, 2, 7, 9], rows: 3 },
  { activation: 'relu', widths: [5, 4, 1, 4, 5], rows: 1 },
];

/** Largest |got − want| relative to the largest |want| (NaN: Infinity). */
function relative(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let diff = 0,
    scale = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    diff = d <= diff ? diff : d === d ? d : Infinity;
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return diff / Math.max(scale, 1e-30);
}

export async function hiddenChecks(child: ChildCalls, seed: number): Promise<Finding[]> {
  const id = 'q4.hidden-deeper-forward',
    m = MARKERS.forward;
  return [
    await guarded(id, m, async () => {
      const rng = createRng(seed ^ 0x4d33);
      for (const { activation, widths, rows } of CASES) {
        const params = randomParams(rng, widths, activation);
        const x = Float64Array.from(new Float32Array(rows * widths[0]!).map(() => rng.normal()));
        const k = widths[(widths.length - 1) / 2]!;
        const want = forward64(params, x, rows);
        const got = await forwardOnce(child, params, x, k, rows);
        const error = Math.max(relative(got.code, want.code), relative(got.reconstruction, want.reconstruction));
        if (!(error <= RELATIVE_TOLERANCE))
          return finding(
            id,
            m,
            false,
            `forward on a ${activation} ${widths.join('-')} autoencoder (${rows} row${rows === 1 ? '' : 's'}) differs from the dense layers y = x·w + b${activation === 'relu' ? ' with ReLU between every two layers' : ''} by ${error.toExponential(1)} relative.`,
            'deeper forward ✗',
          );
      }
      return finding(
        id,
        m,
        true,
        `forward matches the float64 pass on ${CASES.map((c) => `${c.activation} ${c.widths.join('-')}`).join(', ')}.`,
        'deeper forward ✓',
      );
    }),
  ];
}
