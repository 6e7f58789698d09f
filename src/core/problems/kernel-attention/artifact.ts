// What a problem 3 run hands to its panel and the report (JSON across worker/webview boundaries),
// and the data its child hands to the judge (the measured artifact, the run's record, the growth task).
// N sequence length, D query/key size, M value size; 'softmax' is softmax attention (eq. 3 with
// exp(qᵀk/√D)), 'linear' the quadratic kernel in the linear form (eq. 5).

export type AttentionForm = 'softmax' | 'linear';
export type Implementation = 'student' | 'reference';

/** One size of a series. `ms` is the median wall time of its timed calls; `bytes` the peak tensor memory during a call. */
export interface SweepPoint {
  implementation: Implementation;
  form: AttentionForm;
  N: number;
  D: number;
  M: number;
  ms: number;
  bytes: number;
  /** The timed calls (ms), in the order they ran: the time fit's repeats. */
  runs?: number[];
  /** The series' fixed cost of one call (ms): the fastest call at a tiny N (FLOOR_N), the same D. */
  floorMs?: number;
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
  /** The fit's R² (log–log); the judge's own fits carry it, the artifact's need not. */
  r2?: number;
  /** Time only: the fixed cost of a call subtracted before fitting (ms). */
  floorMs?: number;
  /** Time only: largest minus smallest slope of the repeats fitted one by one. */
  spread?: number;
  /** Time only: why the timings show no growth here (fit.ts, fitTime); then `exponent` is no measurement. */
  unmeasurable?: string;
}

/** The smallest swept N from which the linear form is faster, measured and by the FLOP model. */
export interface Crossover {
  implementation: Implementation;
  D: number;
  /** null: the linear form never won within the sweep. */
  measuredN: number | null;
  flopModelN: number;
}

export type KernelAttentionArtifact = {
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
};

/**
 * The artifact as the child emits it: measurements only. The judge's artifact schema (schemas.ts)
 * completes it into a KernelAttentionArtifact: the equivalence's tolerance and verdict and φ's
 * accepted sizes are the judge's to set.
 */
export interface KernelAttentionMeasuredArtifact extends Omit<KernelAttentionArtifact, 'equivalence' | 'featureSize'> {
  /** The student's eq. 3 and eq. 5 on the check inputs: max |eq. 5 − eq. 3| and the largest |eq. 3| (null: no result, or not finite). */
  equivalence: { N: number; D: number; M: number; maxAbsDiff: number | null; scale: number | null };
  /** φ's size at the check size D (0: featureMap did not return an [N, F] tensor). */
  featureSize: { D: number; actual: number };
}

/** What the run returns for the checks: its own sweep (the judge fits the growth the answers are held against). */
export interface KernelAttentionRecord {
  implementation: Implementation;
  sweep: SweepPoint[];
}

/** The `growth` task's result: the short sweep of checks without a run, raw (the judge fits it). */
export interface GrowthMeasurement {
  points: SweepPoint[];
}

/**
 * The lab's reference beside a student's run, made by the judge: it asks the reference solution, in
 * a child of its own (JudgeContext.reference), for the same sweep as the student's run (the `sweep`
 * task, with `referenceRepeats` timed calls per point) and fits it here. Judge-made, so it never
 * crosses the child boundary (no child schema accepts the kind). The panel and the report draw it as
 * the dashed reference series of the run's `kernel-attention` artifact (withReferenceSweep).
 */
export type KernelReferenceSweepArtifact = {
  kind: 'kernel-reference-sweep';
  title: string;
  /** Every point's implementation is 'reference'. */
  sweep: SweepPoint[];
  fits: FittedExponent[];
  crossovers: Crossover[];
};

/** The `sweep` task's input: which sizes to sweep and how many timed calls per point (seed and maxCallMs: the config's). */
export interface SweepTaskInput {
  Ns: number[];
  Ds: number[];
  repeats: number;
  /** The linear form's series goes on to this N (config linearMaxN); absent: no further than Ns. */
  linearMaxN?: number;
}

/** The child task that measures eq. 5's peak tensor bytes per N (q3.linear-memory). */
export const LINEAR_MEMORY_TASK = 'linearMemory';

/** Its input: the sizes, D = M. */
export interface LinearMemoryInput {
  Ns: number[];
  D: number;
}
