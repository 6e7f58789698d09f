// Deliberately wrong beam searches: each must fail at least one Q5 check (every check can fail).
import type { StepFn } from '../../../src/core/problems/beam-search/stepFn';
import type { BeamResult, BeamStep, Candidate, Hypothesis } from '../../../src/core/problems/beam-search/trace';

type Score = (parent: Hypothesis, logProb: number) => number;
type Select = (candidates: Candidate[], k: number) => Candidate[];

/** The tokens a hypothesis is expanded by, given its log-probabilities and k: all of them by default. */
type Expand = (logProbs: ArrayLike<number>, k: number) => number[];
const everyToken: Expand = (logProbs) => Array.from({ length: logProbs.length }, (_, v) => v);

/** A plain beam search whose scoring, selection and expansion can be swapped for broken (or other) ones. */
function beamSearchWith(score: Score, select: Select, expand: Expand = everyToken) {
  return (step: StepFn, k: number, T: number): BeamResult => {
    let beams: Hypothesis[] = [{ tokens: [], score: 0 }];
    const trace: BeamStep[] = [];
    for (let t = 1; t <= T; t++) {
      const candidates: Candidate[] = [];
      for (const beam of beams) {
        const logProbs = step(beam.tokens);
        for (const v of expand(logProbs, k))
          candidates.push({ tokens: [...beam.tokens, v], score: score(beam, logProbs[v]!), kept: false });
      }
      const chosen = select(candidates, k);
      for (const c of chosen) c.kept = true;
      trace.push({ t, candidates });
      beams = chosen.map((c) => ({ tokens: c.tokens, score: c.score }));
    }
    return { beams, trace };
  };
}

const cumulative: Score = (parent, lp) => parent.score + lp;
const bestFirst = (cs: Candidate[]): Candidate[] => [...cs].sort((a, b) => b.score - a.score);

export const correct = beamSearchWith(cumulative, (cs, k) => bestFirst(cs).slice(0, k));
/** Keeps every candidate, ignores k — then returns only the top-k at the end. */
export const noPruning = (step: StepFn, k: number, T: number): BeamResult => {
  const r = beamSearchWith(cumulative, (cs) => bestFirst(cs))(step, k, T);
  return { beams: r.beams.slice(0, k), trace: r.trace };
};
export const keepsTheWorst = beamSearchWith(cumulative, (cs, k) => bestFirst(cs).reverse().slice(0, k));
export const forgetsParentScore = beamSearchWith(
  (_parent, lp) => lp,
  (cs, k) => bestFirst(cs).slice(0, k),
);
export const returnsNaN = (step: StepFn, k: number, T: number): BeamResult => {
  const r = correct(step, k, T);
  r.beams[0]!.score = NaN;
  return r;
};
export const missingTrace = (step: StepFn, k: number, T: number): unknown => ({ beams: correct(step, k, T).beams });
export const traceTooShort = (step: StepFn, k: number, T: number): BeamResult => {
  const r = correct(step, k, T);
  return { beams: r.beams, trace: r.trace.slice(1) };
};
export const returnsArray = (step: StepFn, k: number, T: number): unknown => correct(step, k, T).beams;
/** Right final beams, but its trace forgets the pruned candidates. */
export const traceOnlyKept = (step: StepFn, k: number, T: number): BeamResult => {
  const r = correct(step, k, T);
  return { beams: r.beams, trace: r.trace.map((s) => ({ t: s.t, candidates: s.candidates.filter((c) => c.kept) })) };
};
/** Right kept sets, but returns the final beams worst first. */
export const worstFirst = (step: StepFn, k: number, T: number): BeamResult => {
  const r = correct(step, k, T);
  return { beams: [...r.beams].reverse(), trace: r.trace };
};
export const throws = (): BeamResult => {
  throw new TypeError('cannot read properties of undefined (reading "score")');
};
/** The right sequences and kept sets, but every score off by one (consistently: the order is right). */
export const scoresShifted = (step: StepFn, k: number, T: number): BeamResult => {
  const r = correct(step, k, T);
  const shift = <H extends Hypothesis>(h: H): H => ({ ...h, score: h.score + 1 });
  return { beams: r.beams.map(shift), trace: r.trace.map((s) => ({ t: s.t, candidates: s.candidates.map(shift) })) };
};

/**
 * The homework's Algorithm 1, a correct beam search written differently: the top min(k, M) tokens of
 * each hypothesis, then the top k of those candidates; its trace lists only those candidates.
 */
export const algorithm1 = topPerHypothesis((k, M) => Math.min(k, M));

/** Algorithm 1 with one token too few per hypothesis: it can lose the true top k. */
export const algorithm1TooFew = topPerHypothesis((k, M) => Math.max(1, Math.min(k, M) - 1));

/** Algorithm 1's expansion: each hypothesis' `count(k, M)` most likely tokens. */
function topPerHypothesis(count: (k: number, M: number) => number) {
  const expand: Expand = (logProbs, k) =>
    everyToken(logProbs, k)
      .sort((a, b) => logProbs[b]! - logProbs[a]!)
      .slice(0, count(k, logProbs.length));
  return beamSearchWith(cumulative, (cs, k) => bestFirst(cs).slice(0, k), expand);
}

// Bugs only the hidden checks (grading runs) see: the visible trees have no ties, vocabularies of at
// most 5 tokens and k = M^T only for M ≤ 3.

/** Keeps every candidate scoring at least the k-th best: more than k when the k-th place is tied. */
export const keepsTiesAtTheCut = beamSearchWith(cumulative, (cs, k) => {
  const sorted = bestFirst(cs);
  const cut = sorted[Math.min(k, sorted.length) - 1]!.score;
  return sorted.filter((c) => c.score >= cut);
});

/** Selects among candidates keyed by `tokens.join('')`: [1, 11] and [11, 1] collide once M > 11. */
export const joinedKeys = beamSearchWith(cumulative, (cs, k) => {
  const byKey = new Map(cs.map((c) => [c.tokens.join(''), c] as const));
  return bestFirst([...byKey.values()]).slice(0, k);
});
