// Float64 statistics and softmax quantities shared by the experiment (child), the checks and the
// Monte-Carlo estimates (judge). Plain numbers only: no tfjs, and no Math function looked up when
// called (see arith.ts).
import { exp, max2, sqrt } from './arith';

/** Mean and unbiased variance (two passes, float64). */
export function meanVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return { mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/** E[qᵀk] for q, k ∈ R^d with i.i.d. N(μ, σ²) entries: d·μ² (σ plays no part). */
export const closedMean = (d: number, mu: number): number => d * mu * mu;

/** Var(qᵀk) for q, k ∈ R^d with i.i.d. N(μ, σ²) entries: d·(σ⁴ + 2μ²σ²). */
export const closedVariance = (d: number, mu: number, sigma: number): number =>
  d * (sigma ** 4 + 2 * mu * mu * sigma * sigma);

/** softmax(scores) in float64 (max-shifted). */
export function softmax64(scores: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = max2(max, scores[i]!);
  const p = Float64Array.from(scores, (s) => exp(s - max));
  let z = 0;
  for (let i = 0; i < p.length; i++) z += p[i]!;
  for (let i = 0; i < p.length; i++) p[i]! /= z;
  return p;
}

/**
 * ‖∂p/∂s‖_F, the Frobenius norm of the softmax Jacobian J = diag(p) − ppᵀ at weights p. Every
 * gradient that reaches the scores passes through J, so when softmax saturates (p → one-hot) the
 * scores stop learning. Expanding Σ_ij J_ij²: ‖J‖_F² = Σp_i² − 2Σp_i³ + (Σp_i²)².
 */
export function softmaxJacobianNorm(p: ArrayLike<number>): number {
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < p.length; i++) {
    const x = p[i]!;
    s2 += x * x;
    s3 += x * x * x;
  }
  return sqrt(max2(0, s2 - 2 * s3 + s2 * s2));
}

export function maxOf(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = max2(max, values[i]!);
  return max;
}
