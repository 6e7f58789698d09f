// What a problem 3 run hands to its panel and the report (JSON across worker/webview boundaries).
// N sequence length, D query/key size, M value size; 'softmax' is softmax attention (eq. 3 with
// exp(qᵀk/√D)), 'linear' the quadratic kernel in the linear form (eq. 5).

export type AttentionForm = 'softmax' | 'linear';
export type Implementation = 'student' | 'reference';

/** One timed call. `ms` is the median wall time; `bytes` the peak tensor memory during the call. */
export interface SweepPoint {
  implementation: Implementation;
  form: AttentionForm;
  N: number;
  D: number;
  M: number;
  ms: number;
  bytes: number;
}

/** Slope of log(cost) against log(N) over [nFrom, nTo], for time ('ms') or memory ('bytes'). */
export interface FittedExponent {
  implementation: Implementation;
  form: AttentionForm;
  D: number;
  cost: 'ms' | 'bytes';
  exponent: number;
  nFrom: number;
  nTo: number;
}

/** The smallest swept N from which the linear form is faster, measured and by the FLOP model. */
export interface Crossover {
  implementation: Implementation;
  D: number;
  /** null: the linear form never won within the sweep. */
  measuredN: number | null;
  flopModelN: number;
}

export interface KernelAttentionArtifact {
  kind: 'kernel-attention';
  title: string;
  /** eq. 3 (quadratic form) against eq. 5 (linear form) with the student's φ. */
  equivalence: { N: number; D: number; M: number; maxAbsDiff: number; tolerance: number; ok: boolean };
  /** φ's size for input size D: the student's and the accepted sizes ((D+1)², (D+1)(D+2)/2, …). */
  featureSize: { D: number; actual: number; accepted: number[] };
  sweep: SweepPoint[];
  fits: FittedExponent[];
  crossovers: Crossover[];
  /** FLOP counts of both forms per (N, D), the model the measured crossover is set beside. */
  flopModel: { N: number; D: number; M: number; softmax: number; linear: number }[];
}
