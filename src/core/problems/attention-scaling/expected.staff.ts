// Staff side of problem 2's expected values: float64 arithmetic on the same float32 inputs. The
// repository's build, the CLI and `grade` use it; the student build swaps it for expected.student.ts.
import { float64ToBase64 } from '../../engine/float64Base64';
import { createRng } from '../../engine/rng';
import { abs, sqrt } from './arith';
import {
  ATTENTION_SHAPES,
  drawAttentionInputs,
  drawDotCases,
  drawVarianceSamples,
  varianceInputs,
  VARIANCE_CHECK,
} from './cases';
import { checkRngs } from './checkRngs';
import type { RowDots, ScalingExpectations, ScalingRecording } from './expected';
import { softmax64 } from './stats';

/** The seed the student build's recordings are made for (problem 2's default). */
export const RECORDED_SEED = 0;

/** qᵢᵀkᵢ of every row of Q, K ([rows, d], row-major) in float64, and Σⱼ |qᵢⱼkᵢⱼ|. */
export function rowDots(q: Float32Array, k: Float32Array, d: number): RowDots {
  const rows = q.length / d;
  const dots = new Float64Array(rows);
  const magnitudes = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    let dot = 0;
    let magnitude = 0;
    for (let i = row * d; i < row * d + d; i++) {
      dot += q[i]! * k[i]!;
      magnitude += abs(q[i]! * k[i]!);
    }
    dots[row] = dot;
    magnitudes[row] = magnitude;
  }
  return { dots, magnitudes };
}

/** The RowDots of several calls, one after another. */
function concatenated(parts: readonly RowDots[]): RowDots {
  const rows = parts.reduce((n, p) => n + p.dots.length, 0);
  const out = { dots: new Float64Array(rows), magnitudes: new Float64Array(rows) };
  let at = 0;
  for (const p of parts) {
    out.dots.set(p.dots, at);
    out.magnitudes.set(p.magnitudes, at);
    at += p.dots.length;
  }
  return out;
}

export const expectations: ScalingExpectations = {
  caseSeed: (seed) => seed,
  dotProducts: (cases) => cases.map(({ d, q, k }) => rowDots(q, k, d)),
  sampledDots: (inputs, d) => concatenated(inputs().map(({ q, k }) => rowDots(q, k, d))),
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
  const { dots, attention, variance } = checkRngs(RECORDED_SEED);
  const plain = (a: Float64Array): number[] => Array.from(a);
  // the rows checkScaledVariance samples (its dot products draw from the variance Rng's fork 1)
  const sampled = variance.fork(1);
  const { d, samples } = VARIANCE_CHECK;
  const rows = expectations.sampledDots(
    () => varianceInputs(drawVarianceSamples(d, samples, createRng(sampled.seed))),
    d,
    sampled.seed,
  );
  return {
    seed: RECORDED_SEED,
    dotProducts: {
      [dots.seed]: expectations
        .dotProducts(drawDotCases(createRng(dots.seed)), dots.seed)
        .map((r) => ({ dots: plain(r.dots), magnitudes: plain(r.magnitudes) })),
    },
    sampledDots: {
      [sampled.seed]: { dots: float64ToBase64(rows.dots), magnitudes: float64ToBase64(rows.magnitudes) },
    },
    attention: {
      [attention.seed]: expectations
        .attention(drawAttentionInputs(ATTENTION_SHAPES, createRng(attention.seed)), attention.seed)
        .map((t) => ({ expected: plain(t.expected), unscaled: plain(t.unscaled), overD: plain(t.overD) })),
    },
  };
}
