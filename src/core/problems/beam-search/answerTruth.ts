// The ground truth of the Q5 written answers (5a–5d), derived from the Figure 2 tree by enumeration
// (search.ts), never typed in: drop the real figure's values into figure2.ts and the answers follow.
import type { SearchTruth } from '../../answers/types';
import { FIGURE2, treeStep, type LogProbTree } from './figure2';
import { exhaustiveSearch } from './search';
import { beamKeptSets } from './keptSets';

/** The homework's beam: width 2 over the whole depth of the tree. */
export const ANSWER_BEAM = { k: 2, T: FIGURE2.depth } as const;

/** What the beam keeps at every step of `tree`, sequence scores, and whether it finds the best sequence. */
export function searchTruth(
  tree: LogProbTree = FIGURE2,
  k: number = ANSWER_BEAM.k,
  T: number = tree.depth,
): SearchTruth {
  const step = treeStep(tree);
  const kept = beamKeptSets(step, k, T);
  const best = exhaustiveSearch(step, T)[0]!;
  const returned = kept[T - 1]![0]!;
  return {
    vocab: tree.vocab,
    k,
    T,
    kept: kept.map((level) => level.map((h) => h.tokens)),
    score: (tokens) => tokens.reduce((sum, token, i) => sum + step(tokens.slice(0, i))[token]!, 0),
    // Ties in score count as finding the best: the question is about likelihood, not about which of equals.
    facts: { 'beam-finds-best': returned.score >= best.score - 1e-9 },
  };
}
