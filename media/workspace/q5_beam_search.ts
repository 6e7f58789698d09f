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
import type { StepFn, BeamResult } from "hw6-lab";

export function beamSearch(step: StepFn, k: number, T: number): BeamResult {
  // TODO(hw6:q5.beam-search) implement beam search (see the comment at the top of this file)
  throw new Error("TODO: implement beamSearch");
}
