// The ground truth of the Q5 written answers (5a–5d), derived from the Figure 2 tree, never typed
// in: the best sequence by enumeration (search.ts), the beam's kept sets from `expectations`
// (expected.ts: live in the repository's build, recorded in the student's). Drop the real figure's
// values into figure2.ts and the answers follow.
import type { SearchTruth } from '../../answers/types';
import { FIGURE2, treeStep, type LogProbTree } from './figure2';
import { exhaustiveSearch } from './search';
import { expectations } from './expected';
import type { Hypothesis } from './trace';

/** The homework's beam: width 2 over the whole depth of the tree. */
export const ANSWER_BEAM = { k: 2, T: FIGURE2.depth } as const;

/**
 * What the beam keeps at every step of `tree` (`kept`: the sets a width-2 beam keeps at t = 1..depth;
 * pass them for a tree other than Figure 2), sequence scores, and whether it finds the best sequence.
 */
export function searchTruth(
  tree: LogProbTree = FIGURE2,
  kept: Hypothesis[][] = expectations.figure2KeptSets(),
): SearchTruth {
  const [k, T] = [ANSWER_BEAM.k, tree.depth];
  const step = treeStep(tree);
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
