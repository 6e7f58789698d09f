// The sets a correct width-k beam keeps, read off the full table of prefix scores (search.ts): the
// judge's expectation for Q5. Judge only (checks, answers): this amounts to a beam search, so the
// child, which runs the student's code, never imports it.
import type { StepFn } from './stepFn';
import type { Hypothesis } from './trace';
import { byScoreThenTokens, enumeratePrefixes } from './search';

/**
 * The sets a width-k beam keeps at each step t = 1..T (best first), read off the enumerated table:
 * at step t the beam keeps the k best prefixes of length t whose parent it kept at step t − 1.
 */
export function beamKeptSets(step: StepFn, k: number, T: number, limit?: number): Hypothesis[][] {
  const levels = enumeratePrefixes(step, T, limit);
  const kept: Hypothesis[][] = [];
  let parents = new Set(['']);
  for (let t = 1; t <= T; t++) {
    const children = levels[t]!.filter((h) => parents.has(h.tokens.slice(0, -1).join(',')));
    const top = children.sort(byScoreThenTokens).slice(0, k);
    kept.push(top);
    parents = new Set(top.map((h) => h.tokens.join(',')));
  }
  return kept;
}
