// The Q5 checks (judge side). The student's beamSearch runs in the child: every call of every check
// goes there in one batch, on trees named by callbacks ({ $callback: 'figure2' }, { $callback:
// 'randomTree', spec: { seed, M } }) that the child rebuilds. What comes back is untrusted wire data:
// shapeProblem validates it before anything reads it, and a malformed value becomes a finding, not
// a crash. Expectations come from the judge's own step functions: exhaustive search (search.ts) and
// properties of each step, and the kept sets a correct beam keeps from `expectations` (expected.ts:
// live in the repository's build, recorded in the student's), never from a score the student's
// result reports.
import type { StepFn } from './stepFn';
import type { Finding } from '../../engine/events';
import type { CallOutcome, ChildCalls } from '../../problem';
import { StudentFailureError } from '../../problem';
import type { WireCallback } from '../../engine/wire';
import { guarded } from '../findings';
import { FIGURE2, figure2Step } from './figure2';
import { randomTreeStep } from './randomTree';
import { byScoreThenTokens, exhaustiveSearch } from './search';
import { casesOf } from './cases';
import { expectations as defaultExpectations, type BeamExpectations, type TreeCase } from './expected';
import { shapeProblem, asBeamResult } from './shape';
import { detokenize, type BeamResult, type Hypothesis } from './trace';

export { MARKER } from './meta';
import { MARKER } from './meta';

type Format = (tokens: readonly number[]) => string;
const wordsOfFigure2: Format = (tokens) => `"${detokenize(tokens, FIGURE2.vocab)}"`;
export const tokenIds: Format = (tokens) => `[${tokens.join(' ')}]`;

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
const key = (tokens: readonly number[]): string => tokens.join(',');
const hyp = (h: Hypothesis, fmt: Format): string => `${fmt(h.tokens)} (${h.score.toFixed(2)})`;
export const hyps = (hs: readonly Hypothesis[], fmt: Format): string => `{${hs.map((h) => hyp(h, fmt)).join(', ')}}`;
export const describeCase = (c: TreeCase): string =>
  `random ${c.ties ? 'tree with ties' : 'tree'} #${c.seed} (M = ${c.M}, T = ${c.T}, k = ${c.k})`;

/** The trees the checks decode on: `wire` names the tree to the child, `step` is the judge's own. */
export interface Tree {
  wire: WireCallback;
  step: StepFn;
}

const FIGURE2_TREE: Tree = { wire: { $callback: 'figure2' }, step: figure2Step };
export const randomTree = (c: TreeCase): Tree => {
  const spec = c.ties ? { seed: c.seed, M: c.M, ties: true } : { seed: c.seed, M: c.M };
  return { wire: { $callback: 'randomTree', spec }, step: randomTreeStep(spec) };
};

/**
 * What the student's beamSearch returned on a tree (wire data, unchecked). A call that failed in the
 * child (it threw, looped, returned something unreadable) throws StudentFailureError: guarded()
 * makes it the failure of the check that needed the call.
 */
export type Call = (tree: Tree, k: number, T: number) => unknown;

export const argsOf = (tree: Tree, k: number, T: number): unknown[] => [tree.wire, k, T];

/**
 * Calls beamSearch in the child on every argument list the checks need, in one round trip (each
 * distinct list once), and answers the checks' calls from the outcomes.
 */
export async function batchedCalls(child: ChildCalls, argLists: unknown[][]): Promise<Call> {
  const index = new Map<string, number>();
  const unique: unknown[][] = [];
  for (const args of argLists) {
    const id = JSON.stringify(args);
    if (!index.has(id)) index.set(id, unique.push(args) - 1);
  }
  const outcomes: CallOutcome[] = await child.call(MARKER, 'beamSearch', unique);
  return (tree, k, T) => {
    const at = index.get(JSON.stringify(argsOf(tree, k, T)));
    if (at === undefined)
      throw new Error(`beam search checks: no call was made for ${JSON.stringify(argsOf(tree, k, T))}`);
    const outcome = outcomes[at]!;
    if (!outcome.ok) throw new StudentFailureError(outcome.failure);
    return outcome.value;
  };
}

/** Runs every Q5 check on the student's beamSearch in the child. */
export async function checkBeamSearch(
  child: ChildCalls,
  seed: number,
  expect: BeamExpectations = defaultExpectations,
): Promise<Finding[]> {
  const cases = casesOf(expect.caseSeed(seed));
  const call = await batchedCalls(child, [
    argsOf(FIGURE2_TREE, 2, 3),
    ...[...cases.random, ...cases.exhaustive].map((c) => argsOf(randomTree(c), c.k, c.T)),
  ]);
  return [
    await guarded('q5.shape', MARKER, () => checkShape(call, [...cases.random, ...cases.exhaustive])),
    await guarded('q5.figure2-steps', MARKER, () => checkFigure2(call, expect)),
    await guarded('q5.topk', MARKER, () => checkTopK(call, cases.topk)),
    await guarded('q5.exhaustive', MARKER, () => checkExhaustive(call, cases.exhaustive)),
    await guarded('q5.random-trees', MARKER, () => checkRandomTrees(call, cases.random, expect)),
  ];
}

/** A result; `causedBy` names the failing check it follows from (here, q5.shape's wrong shape). */
export function finding(checkId: string, ok: boolean, message: string, short: string, causedBy?: string): Finding {
  return {
    checkId,
    ok,
    message,
    short,
    marker: MARKER,
    ...(ok ? {} : { severity: 'error' as const }),
    ...(causedBy ? { causedBy } : {}),
  };
}

export function runCase(call: Call, c: TreeCase): { result?: BeamResult; problem?: string; step: StepFn } {
  const tree = randomTree(c);
  const value = call(tree, c.k, c.T);
  const problem = shapeProblem(value, c);
  return problem ? { problem, step: tree.step } : { result: asBeamResult(value), step: tree.step };
}

/** The shape of every return value the other checks read: so a shape they cannot read is q5.shape's failure. */
function checkShape(call: Call, cases: readonly TreeCase[]): Finding {
  const figure2 = shapeProblem(call(FIGURE2_TREE, 2, 3), { k: 2, T: 3, M: FIGURE2.vocab.length });
  if (figure2) return finding('q5.shape', false, `On Figure 2 (k = 2, T = 3): ${figure2}`, 'wrong return shape');
  for (const c of cases) {
    const random = runCase(call, c).problem;
    if (random) return finding('q5.shape', false, `On ${describeCase(c)}: ${random}`, 'wrong return shape');
  }
  return finding(
    'q5.shape',
    true,
    'beamSearch returns { beams, trace } with one step per t, well-formed hypotheses and finite scores.',
    'shape ✓',
  );
}

function checkFigure2(call: Call, expect: BeamExpectations): Finding {
  const [k, T, M] = [2, 3, FIGURE2.vocab.length];
  const value = call(FIGURE2_TREE, k, T);
  const problem = shapeProblem(value, { k, T, M });
  if (problem)
    return finding(
      'q5.figure2-steps',
      false,
      `Not checked: the return value has the wrong shape (see q5.shape). ${problem}`,
      'figure 2: wrong shape',
      'q5.shape',
    );
  const result = asBeamResult(value);
  const expected = expect.figure2KeptSets();
  for (let t = 1; t <= T; t++) {
    const kept = result.trace[t - 1]!.candidates.filter((c) => c.kept).sort(byScoreThenTokens);
    if (!sameHypotheses(kept, expected[t - 1]!)) {
      // the right beam at t is answer 5a/5b/5c: it is the ladder's last rung, not the message
      return {
        ...finding(
          'q5.figure2-steps',
          false,
          `Figure 2 (k = ${k}): at t = ${t} you kept ${hyps(kept, wordsOfFigure2)}, which is not the top ${k} of that step's candidates.`,
          `figure 2: t = ${t} wrong`,
        ),
        hints: [
          `Score every candidate at t = ${t} as its parent's score plus log p(token | parent), over every hypothesis kept at t = ${t - 1}, and keep the ${k} highest.`,
          `The beam should keep ${hyps(expected[t - 1]!, wordsOfFigure2)}.`,
        ],
      };
    }
  }
  const best = expected[T - 1]![0]!;
  if (key(result.beams[0]!.tokens) !== key(best.tokens)) {
    return finding(
      'q5.figure2-steps',
      false,
      `Figure 2: the kept sets are right, but beams[0] is ${hyp(result.beams[0]!, wordsOfFigure2)}; the search should return its best beam first, ${hyp(best, wordsOfFigure2)}.`,
      'figure 2: wrong best',
    );
  }
  return finding(
    'q5.figure2-steps',
    true,
    `Figure 2 (k = ${k}, T = ${T}): the kept sets match at every step, and the search returns ${hyp(best, wordsOfFigure2)}.`,
    'figure 2 ✓',
  );
}

export function sameHypotheses(got: readonly Hypothesis[], want: readonly Hypothesis[]): boolean {
  return (
    got.length === want.length &&
    got.every((h, i) => key(h.tokens) === key(want[i]!.tokens) && close(h.score, want[i]!.score))
  );
}

/** The true cumulative log-probability of a sequence, summed along the tree. */
function pathScore(step: StepFn, tokens: readonly number[]): number {
  let score = 0;
  for (let i = 0; i < tokens.length; i++) score += step(tokens.slice(0, i))[tokens[i]!]!;
  return score;
}

function checkTopK(call: Call, cases: readonly TreeCase[]): Finding {
  for (const c of cases) {
    const { result, problem, step } = runCase(call, c);
    const message = problem
      ? `Not checked: the return value has the wrong shape (see q5.shape). ${problem}`
      : topkProblem(result!, step, c);
    if (message)
      return finding(
        'q5.topk',
        false,
        `On ${describeCase(c)}: ${message}`,
        'top-k ✗',
        problem ? 'q5.shape' : undefined,
      );
  }
  return finding(
    'q5.topk',
    true,
    `On ${cases.length} random trees every step expands exactly the kept hypotheses, scores = parent score + log p, and keeps the top k.`,
    'top-k ✓',
  );
}

export function topkProblem(result: BeamResult, step: StepFn, { k, M, T }: TreeCase): string | undefined {
  let parents: number[][] = [[]];
  for (let t = 1; t <= T; t++) {
    const candidates = result.trace[t - 1]!.candidates;
    // Every one-token expansion may be listed; the homework's Algorithm 1 lists only each hypothesis'
    // min(k, M) best expansions, which hold the top k of all of them: both are a beam search.
    const expansions = new Set(parents.flatMap((p) => Array.from({ length: M }, (_, v) => key([...p, v]))));
    const seen = new Set<string>();
    const duplicate = candidates.find((c) => seen.size === seen.add(key(c.tokens)).size);
    if (duplicate) return `at t = ${t} the candidate ${tokenIds(duplicate.tokens)} appears twice.`;
    const required = parents.flatMap((p) =>
      requiredTokens(step(p), Math.min(k, M), (v) => seen.has(key([...p, v]))).map((v) => key([...p, v])),
    );
    const missing = required.filter((s) => !seen.has(s));
    const extra = [...seen].filter((s) => !expansions.has(s));
    if (missing.length || extra.length) {
      const list = (keys: string[]): string =>
        keys
          .slice(0, 4)
          .map((s) => `[${s.replace(/,/g, ' ')}]`)
          .join(', ') + (keys.length > 4 ? ', …' : '');
      return (
        `at t = ${t} the candidates should be one-token expansions of the ${parents.length} hypothesis(es) kept at t = ${t - 1}: all ${expansions.size} of them, ` +
        `or at least each one's ${Math.min(k, M)} best` +
        `${missing.length ? `; missing ${list(missing)}` : ''}${extra.length ? `; unexpected ${list(extra)}` : ''}.`
      );
    }
    for (const c of candidates) {
      const truth = pathScore(step, c.tokens);
      if (!close(c.score, truth)) {
        const last = step(c.tokens.slice(0, -1))[c.tokens[c.tokens.length - 1]!]!;
        const hint = t > 1 && close(c.score, last) ? ": did you forget to add the parent's score?" : '.';
        return `at t = ${t} the candidate ${tokenIds(c.tokens)} has score ${c.score.toFixed(4)}, but its parent's score plus log p(token | parent) is ${truth.toFixed(4)}${hint}`;
      }
    }
    const kept = candidates.filter((c) => c.kept);
    const pruned = candidates.filter((c) => !c.kept);
    const wantKept = Math.min(k, expansions.size);
    if (kept.length !== wantKept) {
      return `at t = ${t} ${kept.length} candidate(s) are marked kept; a beam of width k = ${k} keeps min(k, ${expansions.size}) = ${wantKept}.`;
    }
    const worstKept = kept.reduce((a, b) => (b.score < a.score ? b : a));
    const bestPruned = pruned.length ? pruned.reduce((a, b) => (b.score > a.score ? b : a)) : undefined;
    if (bestPruned && bestPruned.score > worstKept.score + 1e-9) {
      return `at t = ${t} you kept ${hyp(worstKept, tokenIds)} but pruned the better ${hyp(bestPruned, tokenIds)}: the kept set must be the top k of the candidates.`;
    }
    parents = kept.map((c) => c.tokens);
  }
  const finalKept = new Set(parents.map(key));
  if (!result.beams.every((b) => finalKept.has(key(b.tokens)))) {
    return `\`beams\` should be the candidates kept at t = T = ${T}, but it holds ${hyps(result.beams, tokenIds)}.`;
  }
  for (let i = 0; i + 1 < result.beams.length; i++) {
    const [a, b] = [result.beams[i]!, result.beams[i + 1]!];
    if (a.score < b.score)
      return `\`beams\` should be sorted best first, but ${hyp(a, tokenIds)} comes before ${hyp(b, tokenIds)}.`;
  }
  return undefined;
}

/**
 * The expansions of one hypothesis a step must list, given which it lists: every token better than
 * its `count`-th best, and enough of those tied with the `count`-th best (any of them: a tie may be
 * broken either way) — else the tied ones it left out.
 */
function requiredTokens(logProbs: ArrayLike<number>, count: number, listed: (v: number) => boolean): number[] {
  const tokens = Array.from({ length: logProbs.length }, (_, v) => v);
  const cut = tokens.map((v) => logProbs[v]!).sort((a, b) => b - a)[count - 1]!;
  const better = tokens.filter((v) => logProbs[v]! > cut);
  const tied = tokens.filter((v) => logProbs[v]! === cut);
  const enough = tied.filter(listed).length >= count - better.length;
  return enough ? better : [...better, ...tied.filter((v) => !listed(v))];
}

function checkExhaustive(call: Call, cases: readonly TreeCase[]): Finding {
  for (const c of cases) {
    const { result, problem, step } = runCase(call, c);
    if (problem)
      return finding(
        'q5.exhaustive',
        false,
        `On ${describeCase(c)}: not checked, the return value has the wrong shape (see q5.shape). ${problem}`,
        'k = M^T ✗',
        'q5.shape',
      );
    const all = exhaustiveSearch(step, c.T);
    const got = result!.beams[0]!;
    if (key(got.tokens) === key(all[0]!.tokens) && !close(got.score, all[0]!.score)) {
      return {
        ...finding(
          'q5.exhaustive',
          false,
          `On ${describeCase(c)}: beams[0] is the exhaustive optimum ${tokenIds(got.tokens)}, but its score is ${got.score.toFixed(4)}; the sum of its log-probabilities is ${all[0]!.score.toFixed(4)}.`,
          'k = M^T ✗',
        ),
        expected: all[0]!.score.toFixed(4),
        actual: got.score.toFixed(4),
      };
    }
    if (key(got.tokens) !== key(all[0]!.tokens)) {
      return {
        ...finding(
          'q5.exhaustive',
          false,
          `On ${describeCase(c)}: with k = M^T nothing may be pruned, so beams[0] should be the exhaustive optimum ${hyp(all[0]!, tokenIds)}, but it is ${hyp(got, tokenIds)}.`,
          'k = M^T ✗',
        ),
        expected: hyp(all[0]!, tokenIds),
        actual: hyp(got, tokenIds),
      };
    }
    const returned = new Set(result!.beams.map((b) => key(b.tokens)));
    if (returned.size !== all.length) {
      return finding(
        'q5.exhaustive',
        false,
        `On ${describeCase(c)}: with k = M^T the search should return all ${all.length} distinct sequences, but it returned ${returned.size} distinct ones.`,
        'k = M^T ✗',
      );
    }
  }
  return finding(
    'q5.exhaustive',
    true,
    `With k = M^T (${cases.map(({ M, T }) => `${M}^${T}`).join(', ')}) beam search returns every sequence and the exhaustive optimum first.`,
    'k = M^T ✓',
  );
}

function checkRandomTrees(call: Call, cases: readonly TreeCase[], expect: BeamExpectations): Finding {
  const failures: string[] = [];
  // the first wrong tree's beams, the lab's and the student's (random trees: no homework answer in them)
  let first: { expected: string; actual: string } | undefined;
  let shapeOnly = true;
  for (const c of cases) {
    const { result, problem } = runCase(call, c);
    if (problem) {
      failures.push(`${describeCase(c)}: the return value has the wrong shape (see q5.shape). ${problem}`);
      continue;
    }
    const want = expect.finalBeams(c);
    if (!sameHypotheses(result!.beams, want)) shapeOnly = false;
    if (!sameHypotheses(result!.beams, want)) {
      const [expected, actual] = [hyps(want, tokenIds), hyps(result!.beams, tokenIds)];
      failures.push(`${describeCase(c)}: expected ${expected}, got ${actual}`);
      first ??= { expected, actual };
    }
  }
  const agreed = cases.length - failures.length;
  if (failures.length) {
    return {
      ...finding(
        'q5.random-trees',
        false,
        `The final beams (best first) differ from the ground truth on ${failures.length} of ${cases.length} random trees. First: ${failures[0]!.replace(/\.$/, '')}.`,
        `random trees ${agreed}/${cases.length}`,
        shapeOnly ? 'q5.shape' : undefined,
      ),
      ...(first ?? {}),
    };
  }
  return finding(
    'q5.random-trees',
    true,
    `The final beams match the ground truth on all ${cases.length} random trees (k, M, T varied).`,
    `random trees ${agreed}/${cases.length}`,
  );
}
