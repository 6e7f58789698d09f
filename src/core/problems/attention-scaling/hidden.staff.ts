// Problem 2's hidden checks, run only in grading runs (`grading: true`, set by the staff's CLI) and
// kept out of the student build (hidden.ts). The visible q2.scaled-softmax uses d = 3, 4, 64, 512
// with 5 or 64 keys and N(0, 1) entries; these add:
// - q2.hidden-more-d: softmax(Kq/√d) at d = 1, 2, 7, 100, 1000 and 2048, one of them with a single key;
// - q2.hidden-large-scores: q, k ~ N(3, 1) at d = 512, scores Kq/√d of about 200 (e^200 overflows
//   float32 unless the softmax is shifted by its maximum, as tf.softmax is).
import type { Finding } from '../../engine/events';
import { createRng, float32Normals, type Rng } from '../../engine/rng';
import { wireTensor } from '../../engine/wire';
import type { ChildCalls } from '../../problem';
import { finding, guarded } from '../findings';
import type { AttentionInput } from './cases';
import { expectations } from './expected.staff';
import { MARKERS } from './meta';
import { readVector, valueOf } from './wireValues';

const TOLERANCE = 1e-4;
const MORE_D = [
  { n: 1, d: 7 },
  { n: 9, d: 1 },
  { n: 33, d: 2 },
  { n: 64, d: 100 },
  { n: 16, d: 1000 },
  { n: 128, d: 2048 },
] as const;

const draw =
  (rng: Rng, mean: number) =>
  (shape: { n: number; d: number }): AttentionInput => ({
    ...shape,
    q: float32Normals(shape.d, mean, rng),
    k: float32Normals(shape.n * shape.d, mean, rng),
  });

export function hiddenInputs(seed: number): { moreD: AttentionInput[]; large: AttentionInput[] } {
  const rng = createRng(seed).fork(1602);
  return { moreD: MORE_D.map(draw(rng, 0)), large: [{ n: 32, d: 512 }].map(draw(rng, 3)) };
}

export async function hiddenChecks(child: ChildCalls, seed: number): Promise<Finding[]> {
  const { moreD, large } = hiddenInputs(seed);
  const all = [...moreD, ...large];
  const outcomes = await child.call(
    MARKERS.scaledSoftmax,
    'scaledAttention',
    all.map(({ n, d, q, k }) => [wireTensor(q, [d]), wireTensor(k, [n, d])]),
  );
  const want = expectations.attention(all, seed);
  /** The first input whose weights differ from softmax(Kq/√d), with the largest difference. */
  const firstWrong = (from: number, count: number) => {
    for (let c = from; c < from + count; c++) {
      const got = readVector(valueOf(outcomes[c]), 'scaledAttention', MARKERS.scaledSoftmax, all[c]!.n);
      let worst = 0;
      for (let i = 0; i < got.length; i++) {
        const diff = Math.abs(got[i]! - want[c]!.expected[i]!);
        worst = diff <= worst ? worst : diff; // NaN counts as the worst
      }
      if (!(worst <= TOLERANCE)) return { input: all[c]!, worst };
    }
    return undefined;
  };
  const at = ({ n, d }: AttentionInput): string => `d = ${d} with ${n} key${n === 1 ? '' : 's'}`;
  return [
    await guarded('q2.hidden-more-d', MARKERS.scaledSoftmax, () => {
      const wrong = firstWrong(0, moreD.length);
      return wrong
        ? finding(
            'q2.hidden-more-d',
            MARKERS.scaledSoftmax,
            false,
            `scaledAttention(q, K) at ${at(wrong.input)} differs from softmax(Kq/√d) by ${wrong.worst}.`,
            'more d ✗',
          )
        : finding(
            'q2.hidden-more-d',
            MARKERS.scaledSoftmax,
            true,
            `scaledAttention matches softmax(Kq/√d) at ${moreD.map(at).join(', ')}.`,
            'more d ✓',
          );
    }),
    await guarded('q2.hidden-large-scores', MARKERS.scaledSoftmax, () => {
      const wrong = firstWrong(moreD.length, large.length);
      return wrong
        ? finding(
            'q2.hidden-large-scores',
            MARKERS.scaledSoftmax,
            false,
            `scaledAttention(q, K) on scores of about 200 (q, k ~ N(3, 1), ${at(wrong.input)}) differs from softmax(Kq/√d) by ${wrong.worst}: e^s overflows float32 past s ≈ 88 unless the largest score is subtracted first.`,
            'large scores ✗',
          )
        : finding(
            'q2.hidden-large-scores',
            MARKERS.scaledSoftmax,
            true,
            'scaledAttention stays exact on scores of about 200.',
            'large scores ✓',
          );
    }),
  ];
}
