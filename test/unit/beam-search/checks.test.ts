import assert from 'node:assert/strict';
import { beamSearchProblem, type BeamSearchConfig } from '../../../src/core/problems/beam-search';
import { beamSearchChild } from '../../../src/core/problems/beam-search/child';
import * as reference from '../../../src/core/problems/beam-search/reference';
import { ShapeError, type ChildCalls, type ProblemChild } from '../../../src/core/problem';
import type { Finding } from '../../../src/core/engine/events';
import type { StepFn } from '../../../src/core/problems/beam-search/stepFn';
import { findingsOf, judgeContext } from '../support/judgeLocal';
import * as wrong from './wrongSolutions';
import { runDiagnostics } from '../../../src/core/locate';

const CHECK_IDS = ['q5.shape', 'q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees'];
const config: BeamSearchConfig = beamSearchProblem.defaultConfig(true);
const child = beamSearchChild as unknown as ProblemChild<unknown, BeamSearchConfig>;

/** The findings of the judged checks of a module whose `beamSearch` is `fn` (run in a child in this thread). */
async function verdicts(fn: unknown): Promise<Record<string, Finding>> {
  const findings = await findingsOf(beamSearchProblem, child, { beamSearch: fn }, config);
  assert.deepEqual(
    findings.map((f) => f.checkId),
    CHECK_IDS,
  );
  for (const f of findings) {
    assert.equal(f.marker, 'q5.beam-search');
    assert.ok(f.short && f.short.length <= 30, `short text for ${f.checkId}: ${f.short}`);
    assert.ok(f.message.length > 20);
  }
  return Object.fromEntries(findings.map((f) => [f.checkId, f]));
}

const failing = (v: Record<string, Finding>): string[] => CHECK_IDS.filter((id) => !v[id]!.ok);

describe('Q5 checks', () => {
  it('pass for the reference and for an independent correct solution', async () => {
    assert.deepEqual(failing(await verdicts(reference.beamSearch)), []);
    assert.deepEqual(failing(await verdicts(wrong.correct)), []);
  });

  it('fail a search that never prunes (top-k, Figure 2)', async () => {
    const v = await verdicts(wrong.noPruning);
    assert.ok(!v['q5.topk']!.ok && !v['q5.figure2-steps']!.ok);
    assert.match(v['q5.topk']!.message, /marked kept; a beam of width k = \d+ keeps/);
    assert.match(
      v['q5.figure2-steps']!.message,
      /at t = 2 you kept .*, which is not the top 2 of that step's candidates\.$/,
    );
    assert.match(v['q5.figure2-steps']!.hints!.at(-1)!, /^The beam should keep /);
  });

  it('fail a search that keeps the worst candidates', async () => {
    const v = await verdicts(wrong.keepsTheWorst);
    assert.deepEqual(failing(v), ['q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees']);
    assert.match(v['q5.topk']!.message, /you kept .* but pruned the better/);
    assert.match(v['q5.exhaustive']!.message, /exhaustive optimum/);
  });

  it("give the lab's and the student's values where they compare them (the Testing view's diff)", async () => {
    const v = await verdicts(wrong.keepsTheWorst);
    const exhaustive = v['q5.exhaustive']!;
    assert.ok(exhaustive.expected && exhaustive.actual && exhaustive.expected !== exhaustive.actual);
    assert.ok(exhaustive.message.includes(`optimum ${exhaustive.expected}, but it is ${exhaustive.actual}`));
    const trees = v['q5.random-trees']!;
    assert.ok(trees.message.includes(`expected ${trees.expected}, got ${trees.actual}`), JSON.stringify(trees));
    const scores = (await verdicts(wrong.scoresShifted))['q5.exhaustive']!;
    assert.ok(
      scores.message.includes(`its score is ${scores.actual}; the sum of its log-probabilities is ${scores.expected}`),
    );
    // a passed check has nothing to compare
    const right = await verdicts(reference.beamSearch);
    assert.ok(CHECK_IDS.every((id) => right[id]!.expected === undefined && right[id]!.actual === undefined));
  });

  it("fail a search that forgets the parent's score, and say so", async () => {
    const v = await verdicts(wrong.forgetsParentScore);
    assert.ok(!v['q5.figure2-steps']!.ok && !v['q5.topk']!.ok && !v['q5.exhaustive']!.ok && !v['q5.random-trees']!.ok);
    assert.match(
      v['q5.topk']!.message,
      /^On random tree #\d+ \(M = \d, T = \d, k = \d\): at t = 2 .* did you forget to add the parent's score\?$/,
    );
  });

  it('recompute every score: right sequences with made-up scores fail', async () => {
    const v = await verdicts(wrong.scoresShifted);
    assert.deepEqual(failing(v), ['q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees']);
    assert.match(v['q5.topk']!.message, /has score .*, but its parent's score plus log p\(token \| parent\) is/);
    assert.match(v['q5.exhaustive']!.message, /but its score is .*; the sum of its log-probabilities is/);
  });

  it('report a NaN score as a shape finding, not a crash', async () => {
    const v = await verdicts(wrong.returnsNaN);
    assert.ok(!v['q5.shape']!.ok);
    assert.match(v['q5.shape']!.message, /beams\[0\]\.score is NaN/);
    assert.match(v['q5.figure2-steps']!.message, /Not checked/);
  });

  it('report each wrong shape with its own message, after the value crossed from the child', async () => {
    assert.match(
      (await verdicts(wrong.missingTrace))['q5.shape']!.message,
      /`trace` must be an array .* undefined \(missing\)/,
    );
    assert.match(
      (await verdicts(wrong.traceTooShort))['q5.shape']!.message,
      /`trace` should hold one step per time step \(T = 3\), but it holds 2/,
    );
    assert.match(
      (await verdicts(wrong.returnsArray))['q5.shape']!.message,
      /must return an object \{ beams, trace \}, but it returned an array/,
    );
    assert.match((await verdicts(() => undefined))['q5.shape']!.message, /returned undefined/);
    assert.match(
      (
        await verdicts(async () => {
          throw new Error('async and broken');
        })
      )['q5.shape']!.message,
      /returned a Promise: it must return \{ beams, trace \} directly/,
    );
    assert.match(
      (await verdicts(async (step: StepFn, k: number, T: number) => wrong.correct(step, k, T)))['q5.shape']!.message,
      /returned a Promise/,
    );
    const typedTokens = (step: StepFn, k: number, T: number) => {
      const r = wrong.correct(step, k, T);
      return { ...r, beams: r.beams.map((b) => ({ ...b, tokens: Int32Array.from(b.tokens) })) };
    };
    assert.match(
      (await verdicts(typedTokens))['q5.shape']!.message,
      /beams\[0\]\.tokens must be an array of token ids, but it is a Int32Array \(use a plain array\)/,
    );
    const v = await verdicts(wrong.returnsArray);
    assert.deepEqual(failing(v), CHECK_IDS);
    // one root cause, one diagnostic: the checks that could not read the value follow from q5.shape
    const diagnostics = runDiagnostics({ file: 'q5_beam_search.ts', studentText: '', findings: Object.values(v) });
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['q5.shape'],
    );
    assert.deepEqual(
      diagnostics[0]!.related!.map((r) => r.code),
      CHECK_IDS.slice(1),
    );
  });

  it("pass the homework's Algorithm 1 (each hypothesis' top k, then the top k of those), and fail it with one token too few", async () => {
    assert.deepEqual(failing(await verdicts(wrong.algorithm1)), []);
    const v = await verdicts(wrong.algorithm1TooFew);
    assert.equal(v['q5.topk']!.ok, false);
    assert.match(v['q5.topk']!.message, /or at least each one's \d+ best; missing/);
  });

  it('fail a trace that lists only the kept candidates, and beams returned worst first', async () => {
    const v = await verdicts(wrong.traceOnlyKept);
    assert.ok(!v['q5.topk']!.ok);
    assert.match(
      v['q5.topk']!.message,
      /should be one-token expansions of the \d+ hypothesis\(es\) kept at t = \d+: all \d+ of them, or at least each one's \d+ best; missing/,
    );
    const w = await verdicts(wrong.worstFirst);
    assert.ok(!w['q5.topk']!.ok && !w['q5.figure2-steps']!.ok);
    assert.match(w['q5.topk']!.message, /sorted best first/);
  });

  it('an exception from student code fails every check that called it, at the marker, with its message', async () => {
    const v = await verdicts(wrong.throws);
    assert.deepEqual(failing(v), CHECK_IDS);
    for (const id of CHECK_IDS) {
      assert.equal(v[id]!.short, 'threw');
      assert.match(v[id]!.message, /^TypeError: cannot read properties of undefined \(reading "score"\)$/);
    }
  });

  it('a call that throws on some trees only fails the checks that needed those trees', async () => {
    // throws on the Figure 2 tree (2 words) only: the random trees' checks still judge the other calls
    const v = await verdicts((step: StepFn, k: number, T: number) => {
      if (step([]).length === 2 && Math.abs(step([])[0]! + 0.51) < 1e-12) throw new RangeError('not on Figure 2');
      return wrong.correct(step, k, T);
    });
    assert.deepEqual(failing(v), ['q5.shape', 'q5.figure2-steps']);
    assert.match(v['q5.figure2-steps']!.message, /not on Figure 2/);
  });

  it("call the student's function in one round trip, each distinct case once", async () => {
    const ctx = await judgeContext(beamSearchProblem, child, { beamSearch: reference.beamSearch }, config);
    const rounds: number[] = [];
    const counting: ChildCalls = {
      ...ctx.child,
      call: (marker, name, argLists) => {
        rounds.push(argLists.length);
        assert.equal(name, 'beamSearch');
        assert.doesNotThrow(() => structuredClone(argLists), 'arguments are wire data');
        return ctx.child.call(marker, name, argLists);
      },
      callOne: () => assert.fail('one call at a time'),
    };
    try {
      const findings = await beamSearchProblem.checks({ ...ctx, child: counting });
      assert.ok(findings.every((f) => f.ok));
      assert.deepEqual(rounds, [65], 'Figure 2, 60 random trees and 4 k = M^T trees in one batch');
    } finally {
      await ctx.close();
    }
  });

  it('does not take a verdict from a child that answers with something else than the calls asked', async () => {
    const ctx = await judgeContext(beamSearchProblem, child, { beamSearch: reference.beamSearch }, config);
    try {
      // a child that answers every call with the result for Figure 2: checks on random trees fail
      const liar: ChildCalls = {
        ...ctx.child,
        call: async (marker, name, argLists) => {
          const [figure2] = await ctx.child.call(marker, name, [argLists[0]!]);
          return argLists.map(() => figure2!);
        },
      };
      const v = Object.fromEntries(
        (await beamSearchProblem.checks({ ...ctx, child: liar })).map((f) => [f.checkId, f]),
      );
      assert.ok(v['q5.figure2-steps']!.ok);
      assert.ok(!v['q5.topk']!.ok && !v['q5.exhaustive']!.ok && !v['q5.random-trees']!.ok);
    } finally {
      await ctx.close();
    }
  });

  it("solutionFrom names a missing or mistyped export, and keeps a synchronous function's results", () => {
    assert.throws(
      () => beamSearchChild.solutionFrom({}),
      (e: unknown) =>
        e instanceof ShapeError &&
        e.marker === 'q5.beam-search' &&
        /must export a function `beamSearch` \(found nothing\)/.test(e.message),
    );
    assert.throws(() => beamSearchChild.solutionFrom({ beamSearch: 3 }), /found number/);
    const { beamSearch } = beamSearchChild.solutionFrom({ beamSearch: wrong.correct });
    const step: StepFn = () => [Math.log(0.25), Math.log(0.75)];
    assert.deepEqual(beamSearch(step, 2, 2), wrong.correct(step, 2, 2));
  });

  it('the child rebuilds the trees the judge names', () => {
    const figure2 = beamSearchChild.callbacks!.figure2!(undefined) as StepFn;
    assert.deepEqual(Array.from(figure2([1])), [-0.29, -1.39]);
    const tree = beamSearchChild.callbacks!.randomTree!({ seed: 3, M: 4 }) as StepFn;
    assert.equal(tree([2, 1]).length, 4);
    assert.throws(() => beamSearchChild.callbacks!.randomTree!({ seed: 3 }), /vocabulary size M/);
  });
});
