// The reference beam search, shaped exactly like a student's export.
//
// At step t every kept hypothesis (a prefix of t−1 tokens) is expanded by every vocabulary token;
// a candidate's score is its parent's score plus log p(token | parent). The k best candidates are
// kept. Ties in score are broken deterministically: the lexicographically smaller token sequence
// (compared token id by token id) wins, so results never depend on the order of evaluation.
import type { StepFn } from './stepFn';
import type { BeamResult, BeamStep, Candidate, Hypothesis } from './trace';

/**
 * A step function that can also score many prefixes of the same length at once (one batched model
 * call instead of one per hypothesis). Student code never sees this; the benchmark decoder uses it.
 */
export type BatchedStepFn = StepFn & {
  batch(prefixes: readonly (readonly number[])[]): ArrayLike<number>[];
};

export interface BeamSearchOptions {
  /** Record every candidate of every step (the panel needs it; timing runs do not). */
  recordTrace: boolean;
}

export function beamSearch(step: StepFn, k: number, T: number): BeamResult {
  return runBeamSearch(step, k, T, { recordTrace: true });
}

export function runBeamSearch(step: StepFn, k: number, T: number, options: BeamSearchOptions): BeamResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`beam width k must be a positive integer (got ${k})`);
  if (!Number.isInteger(T) || T < 0) throw new RangeError(`length T must be a non-negative integer (got ${T})`);
  let beams: Hypothesis[] = [{ tokens: [], score: 0 }];
  const trace: BeamStep[] = [];
  for (let t = 1; t <= T; t++) {
    const logProbs = scorePrefixes(
      step,
      beams.map((b) => b.tokens),
    );
    const best = topK(beams, logProbs, k);
    if (options.recordTrace) trace.push({ t, candidates: allCandidates(beams, logProbs, best) });
    beams = best.map((c) => ({ tokens: [...beams[c.parent]!.tokens, c.token], score: c.score }));
  }
  return { beams, trace };
}

function scorePrefixes(step: StepFn, prefixes: readonly number[][]): ArrayLike<number>[] {
  const batched = (step as Partial<BatchedStepFn>).batch;
  return typeof batched === 'function' ? batched.call(step, prefixes) : prefixes.map((p) => step(p));
}

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
