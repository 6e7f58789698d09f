// What a problem 2 run hands to its panel and the report (JSON across worker/webview boundaries).
// q, k ∈ R^d independent, each N(μ, σ²I); s = √d.

/**
 * Monte-Carlo moments of qᵀk and qᵀk/s at one d. The closed forms are not here: they are the
 * answers to 2a–2c, which displays add from stats.ts when closedFormsShown allows.
 */
export interface ScalingMoments {
  d: number;
  mu: number;
  sigma: number;
  samples: number;
  mean: number;
  variance: number;
  scaledMean: number;
  scaledVariance: number;
}

/** Softmax saturation over `keys` keys at one d (q, k ~ N(0, I)), averaged over trials. */
export interface SaturationRow {
  d: number;
  keys: number;
  /**
   * maxWeight: the largest attention weight; gradNorm: ‖diag(p) − ppᵀ‖_F, the Frobenius norm of the
   * softmax Jacobian ∂p/∂s at the weights p (→ 0 as softmax saturates). Unscaled is softmax(Kq),
   * scaled the solution's scaledAttention.
   */
  unscaled: { maxWeight: number; gradNorm: number };
  scaled: { maxWeight: number; gradNorm: number };
}

/** The student's answers to 2a–2c as written in answers.md (the panel evaluates them live). */
export interface ScalingAnswer {
  id: '2a' | '2b' | '2c';
  text: string;
  /** 1-based line in answers.md. */
  line: number;
}

export type ScalingRunArtifact = {
  kind: 'attention-scaling';
  title: string;
  /** The parameters of the moments and histogram below. */
  mu: number;
  sigma: number;
  samples: number;
  moments: ScalingMoments[];
  saturation: SaturationRow[];
  /** Samples of qᵀk (raw) and qᵀk/√d (scaled) at d = histogram.d, for the histograms. */
  histogram: { d: number; raw: number[]; scaled: number[] };
  answers: ScalingAnswer[];
  /** The judge's revealAnswers (withJudgeData sets it, whatever the child sent): closed forms shown regardless. */
  answersRevealed?: boolean;
  /** Moments at a nonzero mean and several σ (the same μ): E[qᵀk] = dμ² whatever σ is. */
  shiftedMoments?: ScalingMoments[];
  /** The moments of the histogram's own samples (at mu, sigma, d = histogram.d). */
  histogramMoments?: ScalingMoments;
};
