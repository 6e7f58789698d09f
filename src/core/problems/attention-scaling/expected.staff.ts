// Staff side of problem 2's expected values: float64 arithmetic on the same float32 inputs. The
// repository's build, the CLI and `grade` use it; the student build swaps it for expected.student.ts.
import { createRng } from '../../engine/rng';
import { sqrt } from './arith';
import { ATTENTION_SHAPES, drawAttentionInputs, drawDotCases } from './cases';
import { checkRngs } from './checkRngs';
import type { ScalingExpectations, ScalingRecording } from './expected';
import { softmax64 } from './stats';

/** The seed the student build's recordings are made for (problem 2's default). */
export const RECORDED_SEED = 0;

export const expectations: ScalingExpectations = {
  caseSeed: (seed) => seed,
  dotProducts: (cases) =>
    cases.map(({ n, d, q, k }) =>
      Float64Array.from({ length: n }, (_, row) => {
        let s = 0;
        for (let i = row * d; i < row * d + d; i++) s += q[i]! * k[i]!;
        return s;
      }),
    ),
  attention: (inputs) =>
    inputs.map(({ n, d, q, k }) => {
      const scores = Float64Array.from({ length: n }, (_, r) => {
        let s = 0;
        for (let i = 0; i < d; i++) s += k[r * d + i]! * q[i]!;
        return s;
      });
      return {
        expected: softmax64(scores.map((s) => s / sqrt(d))),
        unscaled: softmax64(scores),
        overD: softmax64(scores.map((s) => s / d)),
      };
    }),
};

/** A fresh computation of everything the student build's expectations answer, at RECORDED_SEED. */
export function recordScalingExpectations(): ScalingRecording {
  const { dots, attention } = checkRngs(RECORDED_SEED);
  const plain = (a: Float64Array): number[] => Array.from(a);
  return {
    seed: RECORDED_SEED,
    dotProducts: {
      [dots.seed]: expectations.dotProducts(drawDotCases(createRng(dots.seed)), dots.seed).map(plain),
    },
    attention: {
      [attention.seed]: expectations
        .attention(drawAttentionInputs(ATTENTION_SHAPES, createRng(attention.seed)), attention.seed)
        .map((t) => ({ expected: plain(t.expected), unscaled: plain(t.unscaled), overD: plain(t.overD) })),
    },
  };
}
