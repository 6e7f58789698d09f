// The beam traces the panel draws: a search's result with the independent greedy and exhaustive best
// paths overlaid, and the size limits of a `beam-trace` artifact. The child builds them (its run),
// the judge's schema (schemas.ts) enforces the same limits, the extension draws the reference's.
import { FIGURE2, figure2Step } from './figure2';
import { exhaustiveSearch, greedyDecode } from './search';
import type { BeamResult, BeamTrace } from './trace';

/** What one `beam-trace` artifact may hold (schemas.ts rejects more; the run skips a larger trace). */
export const TRACE_LIMITS = {
  /** Time steps (the character model decodes at most MAX_CHAR_T = 100 characters). */
  T: 100,
  /** Vocabulary entries, and the length of each. */
  vocab: 1000,
  word: 100,
  /** Candidates at one step (the character model has at most 32 beams × ~35 characters). */
  candidatesPerStep: 5000,
  /** Token ids over all candidates of all steps: what the panel can hold and draw. */
  tokens: 2_000_000,
  /** Characters of a title or a source line. */
  text: 2000,
} as const;

/** Why `trace` is too large for an artifact, or undefined when it fits TRACE_LIMITS. */
export function traceTooLarge(trace: BeamTrace): string | undefined {
  if (trace.steps.length > TRACE_LIMITS.T)
    return `it has ${trace.steps.length} steps (at most ${TRACE_LIMITS.T} are drawn)`;
  let tokens = 0;
  for (const step of trace.steps) {
    if (step.candidates.length > TRACE_LIMITS.candidatesPerStep) {
      return `step t = ${step.t} has ${step.candidates.length} candidates (at most ${TRACE_LIMITS.candidatesPerStep} are drawn)`;
    }
    for (const c of step.candidates) tokens += c.tokens.length;
  }
  if (tokens > TRACE_LIMITS.tokens)
    return `its candidates hold ${tokens} tokens in all (at most ${TRACE_LIMITS.tokens} are drawn)`;
  return undefined;
}

export function figure2Trace(result: BeamResult, k: number, T: number, label = 'beam search'): BeamTrace {
  return {
    title: `Figure 2: ${label} with k = ${k}, T = ${T}`,
    source: 'Figure 2 of the homework (reconstructed log-probabilities)',
    vocab: FIGURE2.vocab.slice(),
    k,
    T,
    steps: result.trace,
    final: result.beams,
    greedy: greedyDecode(figure2Step, T),
    exhaustive: exhaustiveSearch(figure2Step, T)[0],
  };
}
