import assert from 'node:assert/strict';
import { beamSearchProblem } from '../../../src/core/problems/beam-search';
import { checkBeamSearch, type BeamSearchFn } from '../../../src/core/problems/beam-search/checks';
import { ShapeError, StudentCodeError } from '../../../src/core/problem';
import type { Finding } from '../../../src/core/engine/events';
import type { StepFn } from '../../../src/core/helpers';
import * as wrong from './wrongSolutions';

const CHECK_IDS = ['q5.shape', 'q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees'];

function verdicts(fn: unknown): Record<string, Finding> {
  const findings = checkBeamSearch(fn as BeamSearchFn, 0);
  assert.deepEqual(findings.map((f) => f.checkId), CHECK_IDS);
  for (const f of findings) {
    assert.equal(f.marker, 'q5.beam-search');
    assert.ok(f.short && f.short.length <= 30, `short text for ${f.checkId}: ${f.short}`);
    assert.ok(f.message.length > 20);
  }
  return Object.fromEntries(findings.map((f) => [f.checkId, f]));
}

const failing = (v: Record<string, Finding>): string[] => CHECK_IDS.filter((id) => !v[id]!.ok);

describe('Q5 checks', () => {
  it('pass for the reference and for an independent correct solution', () => {
    assert.deepEqual(failing(verdicts(beamSearchProblem.reference.beamSearch)), []);
    assert.deepEqual(failing(verdicts(wrong.correct)), []);
  });

  it('fail a search that never prunes (top-k, Figure 2)', () => {
    const v = verdicts(wrong.noPruning);
    assert.ok(!v['q5.topk']!.ok && !v['q5.figure2-steps']!.ok);
    assert.match(v['q5.topk']!.message, /marked kept; a beam of width k = \d+ keeps/);
    assert.match(v['q5.figure2-steps']!.message, /at t = 2 you kept/);
  });

  it('fail a search that keeps the worst candidates', () => {
    const v = verdicts(wrong.keepsTheWorst);
    assert.deepEqual(failing(v), ['q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees']);
    assert.match(v['q5.topk']!.message, /you kept .* but pruned the better/);
    assert.match(v['q5.exhaustive']!.message, /exhaustive optimum/);
  });

  it('fail a search that forgets the parent\'s score, and say so', () => {
    const v = verdicts(wrong.forgetsParentScore);
    assert.ok(!v['q5.figure2-steps']!.ok && !v['q5.topk']!.ok && !v['q5.exhaustive']!.ok && !v['q5.random-trees']!.ok);
    assert.match(v['q5.topk']!.message, /^On random tree #\d+ \(M = \d, T = \d, k = \d\): at t = 2 .* did you forget to add the parent's score\?$/);
  });

  it('report a NaN score as a shape finding, not a crash', () => {
    const v = verdicts(wrong.returnsNaN);
    assert.ok(!v['q5.shape']!.ok);
    assert.match(v['q5.shape']!.message, /beams\[0\]\.score is NaN/);
    assert.match(v['q5.figure2-steps']!.message, /Not checked/);
  });

  it('report each wrong shape with its own message', () => {
    assert.match(verdicts(wrong.missingTrace)['q5.shape']!.message, /`trace` must be an array .* undefined \(missing\)/);
    assert.match(verdicts(wrong.traceTooShort)['q5.shape']!.message, /`trace` should hold one step per time step \(T = 3\), but it holds 2/);
    assert.match(verdicts(wrong.returnsArray)['q5.shape']!.message, /must return an object \{ beams, trace \}, but it returned an array/);
    assert.match(verdicts(() => undefined)['q5.shape']!.message, /returned undefined/);
    assert.match(verdicts(async () => { throw new Error('async and broken'); })['q5.shape']!.message, /returned a Promise: it must return \{ beams, trace \} directly/);
    const typedTokens = (step: StepFn, k: number, T: number) => {
      const r = wrong.correct(step, k, T);
      return { ...r, beams: r.beams.map((b) => ({ ...b, tokens: Int32Array.from(b.tokens) })) };
    };
    assert.match(verdicts(typedTokens)['q5.shape']!.message, /beams\[0\]\.tokens must be an array of token ids, but it is a Int32Array \(use a plain array\)/);
    const v = verdicts(wrong.returnsArray);
    assert.deepEqual(failing(v), CHECK_IDS);
  });

  it('fail a trace that lists only the kept candidates, and beams returned worst first', () => {
    const v = verdicts(wrong.traceOnlyKept);
    assert.ok(!v['q5.topk']!.ok);
    assert.match(v['q5.topk']!.message, /should be the \d+ one-token expansions .* missing/);
    const w = verdicts(wrong.worstFirst);
    assert.ok(!w['q5.topk']!.ok && !w['q5.figure2-steps']!.ok);
    assert.match(w['q5.topk']!.message, /sorted best first/);
  });

  it('let an exception from student code propagate as a StudentCodeError carrying the marker', () => {
    assert.throws(
      () => checkBeamSearch(wrong.throws, 0),
      (err: unknown) => err instanceof StudentCodeError && err.marker === 'q5.beam-search' && err.original instanceof TypeError,
    );
  });

  it('solutionFrom names a missing or mistyped export', () => {
    assert.throws(() => beamSearchProblem.solutionFrom({}), (e: unknown) => e instanceof ShapeError && e.marker === 'q5.beam-search' && /must export a function `beamSearch` \(found nothing\)/.test(e.message));
    assert.throws(() => beamSearchProblem.solutionFrom({ beamSearch: 3 }), /found number/);
    assert.equal(beamSearchProblem.solutionFrom({ beamSearch: wrong.correct }).beamSearch, wrong.correct);
  });
});
