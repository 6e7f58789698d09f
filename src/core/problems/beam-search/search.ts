// Ground truth for Q5, written independently of the reference beam search: greedy decoding and
// exhaustive search over all M^T sequences (the judge's expectations, and the overlays the child's
// run draws). The beam's kept sets, which amount to a beam search, are in keptSets.ts: judge only.
// Only small trees (M^T up to a limit) can be enumerated.
import type { StepFn } from './stepFn';
import type { Hypothesis } from './trace';

/** Orders hypotheses best first; equal scores go to the lexicographically smaller sequence. */
export function byScoreThenTokens(a: Hypothesis, b: Hypothesis): number {
  if (a.score !== b.score) return b.score - a.score;
  const n = Math.min(a.tokens.length, b.tokens.length);
  for (let i = 0; i < n; i++) if (a.tokens[i] !== b.tokens[i]) return a.tokens[i]! - b.tokens[i]!;
  return a.tokens.length - b.tokens.length;
}

/** Picks the most likely token at every step (ties: the smallest token id). */
export function greedyDecode(step: StepFn, T: number): Hypothesis {
  const tokens: number[] = [];
  let score = 0;
  for (let t = 0; t < T; t++) {
    const logProbs = step(tokens);
    let best = 0;
    for (let v = 1; v < logProbs.length; v++) if (logProbs[v]! > logProbs[best]!) best = v;
    score += logProbs[best]!;
    tokens.push(best);
  }
  return { tokens, score };
}

/** Every prefix of every length 0..T with its cumulative score: levels[t] holds the M^t of length t. */
export function enumeratePrefixes(step: StepFn, T: number, limit = 1e6): Hypothesis[][] {
  const levels: Hypothesis[][] = [[{ tokens: [], score: 0 }]];
  for (let t = 1; t <= T; t++) {
    const level: Hypothesis[] = [];
    for (const prefix of levels[t - 1]!) {
      const logProbs = step(prefix.tokens);
      if (levels[t - 1]!.length * logProbs.length > limit) {
        throw new RangeError(`exhaustive search over ${logProbs.length}^${T} sequences is too large (limit ${limit})`);
      }
      for (let v = 0; v < logProbs.length; v++)
        level.push({ tokens: [...prefix.tokens, v], score: prefix.score + logProbs[v]! });
    }
    levels.push(level);
  }
  return levels;
}

/** All M^T complete sequences, best first. */
export function exhaustiveSearch(step: StepFn, T: number, limit?: number): Hypothesis[] {
  return enumeratePrefixes(step, T, limit)[T]!.slice().sort(byScoreThenTokens);
}
