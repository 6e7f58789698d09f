// The inputs of problem 2's value checks, drawn from a seeded Rng (float32 values): shared by the
// checks and by the staff-side recorder of their expectations (expected.staff.ts).
import { float32Normals, type Rng } from '../../engine/rng';

/** Row-wise dot products: Q, K of shape [n, d]. */
export interface DotCase {
  n: number;
  d: number;
  q: Float32Array;
  k: Float32Array;
}

/** One query q ([d]) against n keys K ([n, d]). */
export interface AttentionInput {
  n: number;
  d: number;
  q: Float32Array;
  k: Float32Array;
}

export const DOT_SHAPES = [
  { n: 7, d: 5 },
  { n: 16, d: 64 },
  { n: 1, d: 1 },
  { n: 3, d: 512 },
] as const;

export const ATTENTION_SHAPES = [
  { n: 5, d: 3 },
  { n: 64, d: 4 },
  { n: 64, d: 64 },
  { n: 64, d: 512 },
] as const;

export const drawDotCases = (rng: Rng): DotCase[] =>
  DOT_SHAPES.map(({ n, d }) => ({ n, d, q: float32Normals(n * d, 0.3, rng), k: float32Normals(n * d, -0.2, rng) }));

export const drawAttentionInputs = (shapes: readonly { n: number; d: number }[], rng: Rng): AttentionInput[] =>
  shapes.map(({ n, d }) => ({ n, d, q: float32Normals(d, 0, rng), k: float32Normals(n * d, 0, rng) }));
