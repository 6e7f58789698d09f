// Problem 5's hidden checks, run only in grading runs (`grading: true` in the run's config, set by
// the staff's CLI) and kept out of the student build (hidden.ts). More and larger random trees than
// the visible checks (vocabularies up to 12 tokens, beams up to T = 6, widths k ≥ M, k = M^T on
// wider vocabularies), judged against
// the enumerated tree, and trees whose siblings tie, judged by the per-step properties of q5.topk
// (any tie-break is right).
import type { Finding } from '../../engine/events';
import type { ChildCalls } from '../../problem';
import { createRng } from '../../engine/rng';
import { guarded } from '../findings';
import {
  argsOf,
  batchedCalls,
  describeCase,
  finding,
  hyps,
  randomTree,
  runCase,
  sameHypotheses,
  tokenIds,
  topkProblem,
  type Call,
} from './checks';
import type { TreeCase } from './expected';
import { expectations } from './expected.staff';
import { MARKER } from './meta';

/** The hidden cases: 50 larger random trees and 20 trees with ties, from the run's seed. */
export function hiddenCases(seed: number): { random: TreeCase[]; ties: TreeCase[] } {
  const rng = createRng(seed).fork(16);
  const draw = (lo: number, hi: number): number => lo + Math.floor(rng.next() * (hi - lo + 1));
  const drawn = Array.from({ length: 48 }, (_, i): TreeCase => {
    const M = draw(2, 12);
    let T = draw(1, 6);
    while (M ** T > 5000) T--;
    // every other case at least as wide as the vocabulary
    const k = Math.min(M ** T, i % 2 ? draw(M, M + 4) : draw(1, M));
    return { seed: 50_000 + 1000 * seed + i, M, T, k };
  });
  // k = M^T on vocabularies with two-digit token ids (the visible exhaustive cases have M ≤ 3)
  const wide = [
    { M: 12, T: 2 },
    { M: 7, T: 3 },
  ].map(({ M, T }, i): TreeCase => ({ seed: 59_000 + 1000 * seed + i, M, T, k: M ** T }));
  const random = [...drawn, ...wide];
  const ties = Array.from({ length: 20 }, (_, i): TreeCase => {
    const M = draw(3, 6);
    const T = draw(2, 4);
    return { seed: 60_000 + 1000 * seed + i, M, T, k: Math.min(M ** T, draw(2, M + 2)), ties: true };
  });
  return { random, ties };
}

export async function hiddenChecks(child: ChildCalls, seed: number): Promise<Finding[]> {
  const cases = hiddenCases(seed);
  const call = await batchedCalls(
    child,
    [...cases.random, ...cases.ties].map((c) => argsOf(randomTree(c), c.k, c.T)),
  );
  return [
    await guarded('q5.hidden-random-trees', MARKER, () => checkHiddenRandom(call, cases.random)),
    await guarded('q5.hidden-ties', MARKER, () => checkTies(call, cases.ties)),
  ];
}

function checkHiddenRandom(call: Call, cases: readonly TreeCase[]): Finding {
  const failures = cases.flatMap((c) => {
    const { result, problem, step } = runCase(call, c);
    if (problem) return [`${describeCase(c)}: ${problem}`];
    const steps = topkProblem(result!, step, c);
    if (steps) return [`${describeCase(c)}: ${steps}`];
    const want = expectations.finalBeams(c);
    return sameHypotheses(result!.beams, want)
      ? []
      : [`${describeCase(c)}: expected ${hyps(want, tokenIds)}, got ${hyps(result!.beams, tokenIds)}`];
  });
  return summary('q5.hidden-random-trees', 'larger random trees', cases.length, failures);
}

function checkTies(call: Call, cases: readonly TreeCase[]): Finding {
  const failures = cases.flatMap((c) => {
    const { result, problem, step } = runCase(call, c);
    if (problem) return [`${describeCase(c)}: ${problem}`];
    const steps = topkProblem(result!, step, c);
    return steps ? [`${describeCase(c)}: ${steps}`] : [];
  });
  return summary('q5.hidden-ties', 'trees with ties', cases.length, failures);
}

function summary(checkId: string, what: string, total: number, failures: string[]): Finding {
  const agreed = total - failures.length;
  return failures.length
    ? finding(
        checkId,
        false,
        `Wrong on ${failures.length} of ${total} ${what}. First: ${failures[0]!.replace(/\.$/, '')}.`,
        `${what} ${agreed}/${total}`,
      )
    : finding(checkId, true, `Right on all ${total} ${what}.`, `${what} ${agreed}/${total}`);
}
