// Q5 — Beam search
//
// `step(prefix)` returns log p(token | prefix) for every token of the vocabulary (an array of M
// numbers; token ids are 0 … M−1). Starting from the empty prefix, beam search keeps the k most
// likely hypotheses after every step t = 1 … T:
//   1. expand every kept hypothesis by every token; a candidate's score is its parent's score plus
//      log p(token | parent) (scores are cumulative log-probabilities),
//   2. keep the k candidates with the highest scores, prune the rest.
//
// Return
//   beams: the hypotheses kept after step T, best first ({ tokens, score }),
//   trace: one entry per step, { t, candidates }, listing the candidates of that step (kept and
//          pruned) as { tokens, score, kept }: every expansion, or (the homework's Algorithm 1)
//          each hypothesis' min(k, M) best expansions. The beam tree panel draws this trace.
//
// Click "▶ Run" above the TODO line: the Beam Tree panel shows your search on the Figure 2 tree of
// the homework and on a small character-level language model. "✓ Check" compares it with
// exhaustive search; failed checks appear as problems at the TODO line.
import type { StepFn, BeamResult, BeamStep, Candidate, Hypothesis } from "hw6-lab";

export function beamSearch(step: StepFn, k: number, T: number): BeamResult {
  // TODO(hw6:q5.beam-search) implement beam search (see the comment at the top of this file)
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`beam width k must be a positive integer (got ${k})`);
  if (!Number.isInteger(T) || T < 0) throw new RangeError(`length T must be a non-negative integer (got ${T})`);
  let beams: Hypothesis[] = [{ tokens: [], score: 0 }];
  const trace: BeamStep[] = [];
  for (let t = 1; t <= T; t++) {
    const logProbs = beams.map((b) => step(b.tokens));
    const best = topK(beams, logProbs, k);
    trace.push({ t, candidates: allCandidates(beams, logProbs, best) });
    beams = best.map((c) => ({ tokens: [...beams[c.parent]!.tokens, c.token], score: c.score }));
  }
  return { beams, trace };
}

// Ties in score go to the lexicographically smaller token sequence, so the result never depends on
// the order of evaluation.

/** A candidate by reference: the index of its parent beam and its last token. */
interface Choice {
  parent: number;
  token: number;
  score: number;
  /** The parent's rank in lexicographic order: with `token` it orders equal-scored candidates. */
  lex: number;
}

/** Is (score, lex, token) ahead of `b` in the kept order: higher score, then smaller sequence? */
function ahead(score: number, lex: number, token: number, b: Choice): boolean {
  if (score !== b.score) return score > b.score;
  return lex !== b.lex ? lex < b.lex : token < b.token;
}

/** The k best expansions, best first, without materialising every candidate's token list. */
function topK(beams: readonly Hypothesis[], logProbs: readonly ArrayLike<number>[], k: number): Choice[] {
  const lexRank = lexicographicRanks(beams);
  const kept: Choice[] = []; // sorted best first, at most k long
  for (let parent = 0; parent < beams.length; parent++) {
    const row = logProbs[parent]!;
    const base = beams[parent]!.score;
    const lex = lexRank[parent]!;
    for (let token = 0; token < row.length; token++) {
      const score = base + row[token]!;
      // most candidates lose to the current k-th: reject them before allocating anything
      if (kept.length === k && !ahead(score, lex, token, kept[k - 1]!)) continue;
      let at = kept.length;
      while (at > 0 && ahead(score, lex, token, kept[at - 1]!)) at--;
      kept.splice(at, 0, { parent, token, score, lex });
      if (kept.length > k) kept.pop();
    }
  }
  return kept;
}

function lexicographicRanks(beams: readonly Hypothesis[]): number[] {
  const order = beams.map((_, i) => i).sort((a, b) => compareTokens(beams[a]!.tokens, beams[b]!.tokens));
  const rank = new Array<number>(beams.length);
  order.forEach((beam, r) => (rank[beam] = r));
  return rank;
}

function compareTokens(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Every expansion of this step, in generation order (parent by parent, token by token). */
function allCandidates(
  beams: readonly Hypothesis[],
  logProbs: readonly ArrayLike<number>[],
  kept: readonly Choice[],
): Candidate[] {
  const keptKeys = new Set(kept.map((c) => `${c.parent}:${c.token}`));
  const candidates: Candidate[] = [];
  beams.forEach((beam, parent) => {
    const row = logProbs[parent]!;
    for (let token = 0; token < row.length; token++) {
      candidates.push({
        tokens: [...beam.tokens, token],
        score: beam.score + row[token]!,
        kept: keptKeys.has(`${parent}:${token}`),
      });
    }
  });
  return candidates;
}
