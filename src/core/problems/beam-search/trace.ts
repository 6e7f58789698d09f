// The beam-search trace: what the student's beamSearch returns, and what the beam tree panel draws.
// Hypotheses are identified by their token prefix; a candidate's parent is its prefix minus one token.

export interface Hypothesis {
  /** Token ids, in order. */
  tokens: number[];
  /** Cumulative log-probability: the sum of log p(token | prefix) along the sequence. */
  score: number;
}

export interface Candidate extends Hypothesis {
  /** True when the candidate is among the top-k kept at this step. */
  kept: boolean;
}

export interface BeamStep {
  /** 1-based time step: candidates at step t have t tokens. */
  t: number;
  candidates: Candidate[];
}

export interface BeamResult {
  /** The final beams, best first. */
  beams: Hypothesis[];
  trace: BeamStep[];
}

/** A search drawn by the panel: the trace plus what to overlay on it. */
export interface BeamTrace {
  title: string;
  /** Where the log-probabilities came from: the Figure 2 tree, the character model, … */
  source: string;
  vocab: string[];
  k: number;
  T: number;
  steps: BeamStep[];
  final: Hypothesis[];
  greedy?: Hypothesis;
  exhaustive?: Hypothesis;
}

/** Renders a token sequence as words ("network neural neural") or characters. */
export function detokenize(tokens: readonly number[], vocab: readonly string[]): string {
  const words = tokens.map((t) => vocab[t] ?? `<${t}>`);
  return vocab.every((v) => v.length === 1) ? words.join('') : words.join(' ');
}

/** Traces with the same title and source replace each other (a re-run updates its entry). */
export function traceKey(trace: BeamTrace): string {
  return `${trace.title}\u0000${trace.source}`;
}
