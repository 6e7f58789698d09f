import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { scalingProblem, type ScalingConfig, type ScalingSolution } from '../../../src/core/problems/attention-scaling';
import { checkDotProducts, checkScaledAttention, checkScaledVariance } from '../../../src/core/problems/attention-scaling/checks';
import { createRng } from '../../../src/core/engine/rng';
import { neverCancelled } from '../../../src/core/engine/cancel';
import { StudentCodeError, type RunContext } from '../../../src/core/problem';
import type { Finding } from '../../../src/core/engine/events';
import { loadSolution, UNSCALED_FIXTURE } from './studentFile';
import * as wrong from './wrongSolutions';

const reference = scalingProblem.reference;

function context(overrides: Partial<ScalingConfig> = {}): RunContext<ScalingConfig> {
  const config = { ...scalingProblem.defaultConfig(true), ...overrides };
  return { config, rng: createRng(config.seed), signal: neverCancelled, backend: 'wasm', emit: () => undefined };
}

const byId = (findings: Finding[], id: string): Finding => {
  const f = findings.find((x) => x.checkId === id);
  assert.ok(f, `no ${id} finding in ${findings.map((x) => x.checkId).join(', ')}`);
  return f;
};

describe('Q2 checks', function () {
  this.timeout(60_000);
  before(() => useTfBackend());

  it('pass on the reference: three findings at the two markers, no tensor left behind', async () => {
    await scalingProblem.checks(context(), reference); // kernels warm
    const before = tf.memory().numTensors;
    const findings = await scalingProblem.checks(context(), reference);
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(findings.map((f) => f.checkId), ['q2.dot-products', 'q2.scaled-softmax', 'q2.scaled-variance']);
    for (const f of findings) assert.ok(f.ok, f.message);
    assert.deepEqual(findings.map((f) => f.marker), ['q2.dot-products', 'q2.scaled-softmax', 'q2.scaled-softmax']);
    assert.match(byId(findings, 'q2.scaled-variance').message, /Var\(qᵀk\/√d\) = (0\.9\d|1\.0\d)/);
  });

  it('are reproducible from the seed', async () => {
    const a = await scalingProblem.checks(context({ seed: 7 }), reference);
    const b = await scalingProblem.checks(context({ seed: 7 }), reference);
    assert.deepEqual(a, b);
  });

  it('the ws-q2-unscaled fixture fails: its weights are too peaked at large d, at the scaled-softmax TODO', async () => {
    const findings = await scalingProblem.checks(context(), loadSolution(UNSCALED_FIXTURE));
    assert.ok(byId(findings, 'q2.dot-products').ok);
    const softmax = byId(findings, 'q2.scaled-softmax');
    assert.equal(softmax.ok, false);
    assert.equal(softmax.marker, 'q2.scaled-softmax');
    assert.match(softmax.message, /too peaked at large d: at d = 512 with 64 keys/);
    assert.match(softmax.message, /They equal softmax\(Kq\)/);
    const variance = byId(findings, 'q2.scaled-variance');
    assert.equal(variance.ok, false);
    assert.equal(variance.marker, 'q2.scaled-softmax');
  });

  it('wrong dot products fail at the dot-products TODO, malformed ones as a shape finding (not a crash)', async () => {
    const values = checkDotProducts(wrong.dotsOfQWithItself, createRng(1));
    assert.equal(values.ok, false);
    assert.equal(values.marker, 'q2.dot-products');
    assert.match(values.message, /n = 7, d = 5: entry 0 is .*, but row 0 of Q dotted with row 0 of K is/);
    for (const [solution, pattern] of [
      [wrong.dotsSummedToScalar, /shape \[7\].*returned shape \[\]/],
      [wrong.dotsAllPairs, /returned shape \[7, 7\]/],
      [wrong.dotsAsArray, /must return a tfjs tensor of shape \[7\] \(it returned an array\)/],
    ] as const) {
      const findings = await scalingProblem.checks(context(), solution);
      const f = byId(findings, 'q2.dot-products');
      assert.equal(f.ok, false);
      assert.equal(f.marker, 'q2.dot-products');
      assert.match(f.message, pattern);
      // the variance check samples dotProducts too: it reports the shape at the same TODO
      assert.equal(byId(findings, 'q2.scaled-variance').marker, 'q2.dot-products');
    }
  });

  it('scaled attention: each wrong scaling gets a message that says which way it is wrong', () => {
    const cases: [ScalingSolution, RegExp][] = [
      [wrong.unscaled, /too peaked at large d: at d = 512.*They equal softmax\(Kq\)/],
      [wrong.timesSqrtD, /too peaked at d = 512 with 64 keys.*Check the scaling/],
      [wrong.overSqrtKeys, /too peaked at d = 512/],
      [wrong.overD, /too flat at large d: at d = 512.*softmax\(Kq\/d\)/],
      [wrong.notNormalised, /sum to [\d.]+; attention weights are a softmax/],
    ];
    for (const [solution, pattern] of cases) {
      const f = checkScaledAttention(solution, createRng(3));
      assert.equal(f.ok, false, pattern.source);
      assert.equal(f.marker, 'q2.scaled-softmax');
      assert.match(f.message, pattern);
    }
    assert.ok(checkScaledAttention(reference, createRng(3)).ok);
  });

  it('a wrongly shaped attention result is a shape finding', async () => {
    const f = byId(await scalingProblem.checks(context(), wrong.wrongShape), 'q2.scaled-softmax');
    assert.equal(f.ok, false);
    assert.match(f.message, /scaledAttention must return a tensor of shape \[5\].*returned shape \[5, 3\]/);
  });

  it('the variance check measures Var(qᵀk/√d) on the student code: 4 for doubled dot products, 64 unscaled, 1/64 over d', async () => {
    const doubled = await checkScaledVariance(wrong.dotsDoubled, createRng(4), neverCancelled);
    assert.equal(doubled.ok, false);
    assert.equal(doubled.marker, 'q2.dot-products');
    assert.match(doubled.message, /Var\(qᵀk\/√d\) over 20000 samples of your dotProducts is (3\.[89]\d*|4\.[01]\d*)/);
    const overD = await checkScaledVariance(wrong.overD, createRng(4), neverCancelled);
    assert.equal(overD.ok, false);
    assert.match(overD.message, /scores inside your scaledAttention have variance 0\.01[4-7]/);
    const unscaled = await checkScaledVariance(wrong.unscaled, createRng(4), neverCancelled);
    assert.equal(unscaled.ok, false);
    assert.match(unscaled.message, /(variance (5\d|6\d|7\d)(\.\d+)? )|(weights of exactly 0)/);
  });

  it('an exception in student code propagates, tagged with its marker', async () => {
    await assert.rejects(
      scalingProblem.checks(context(), wrong.throwsInAttention),
      (e: unknown) => e instanceof StudentCodeError && e.marker === 'q2.scaled-softmax' && /not yet/.test(e.message),
    );
  });
});
