import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { findingsOf, judgeContext } from '../support/judgeLocal';
import { scalingProblem, type ScalingConfig } from '../../../src/core/problems/attention-scaling';
import type { ScalingSolution } from '../../../src/core/problems/attention-scaling/child';
import * as reference from '../../../src/core/problems/attention-scaling/reference';
import {
  checkDotProducts,
  checkScaledAttention,
  checkScaledVariance,
} from '../../../src/core/problems/attention-scaling/checks';
import { createRng } from '../../../src/core/engine/rng';
import { neverCancelled } from '../../../src/core/engine/cancel';
import type { ChildCalls } from '../../../src/core/problem';
import type { Finding } from '../../../src/core/engine/events';
import { judgedChild, loadExports, UNSCALED_FIXTURE } from './studentFile';
import * as wrong from './wrongSolutions';

const config = (overrides: Partial<ScalingConfig> = {}): ScalingConfig => ({
  ...scalingProblem.defaultConfig(true),
  ...overrides,
});
const checksOf = (exports: object, overrides: Partial<ScalingConfig> = {}): Promise<Finding[]> =>
  findingsOf(scalingProblem, judgedChild, exports, config(overrides));

/** Calls one check directly, with `exports` in a child in this thread. */
async function withChild<T>(exports: object, check: (child: ChildCalls) => Promise<T>): Promise<T> {
  const ctx = await judgeContext(scalingProblem, judgedChild, exports, config());
  try {
    return await check(ctx.child);
  } finally {
    await ctx.close();
  }
}

const byId = (findings: Finding[], id: string): Finding => {
  const f = findings.find((x) => x.checkId === id);
  assert.ok(f, `no ${id} finding in ${findings.map((x) => x.checkId).join(', ')}`);
  return f;
};

const CODE_CHECKS = ['q2.dot-products', 'q2.scaled-softmax', 'q2.scaled-variance'];

describe('Q2 checks', function () {
  this.timeout(60_000);
  before(() => useTfBackend());

  it('pass on the reference: three findings at the two markers, no tensor left behind', async () => {
    await checksOf(reference); // kernels warm
    const before = tf.memory().numTensors;
    const findings = await checksOf(reference);
    assert.equal(tf.memory().numTensors, before);
    assert.deepEqual(
      findings.map((f) => f.checkId),
      CODE_CHECKS,
    );
    for (const f of findings) assert.ok(f.ok, f.message);
    assert.deepEqual(
      findings.map((f) => f.marker),
      ['q2.dot-products', 'q2.scaled-softmax', 'q2.scaled-softmax'],
    );
    assert.match(byId(findings, 'q2.scaled-variance').message, /Var\(qᵀk\/√d\) = (0\.9\d|1\.0\d)/);
  });

  it('are reproducible from the seed', async () => {
    const a = await checksOf(reference, { seed: 7 });
    const b = await checksOf(reference, { seed: 7 });
    assert.deepEqual(a, b);
  });

  it('the ws-q2-unscaled fixture fails: its weights are too peaked at large d, at the scaled-softmax TODO', async () => {
    const findings = await checksOf(loadExports(UNSCALED_FIXTURE));
    assert.ok(byId(findings, 'q2.dot-products').ok);
    const softmax = byId(findings, 'q2.scaled-softmax');
    assert.equal(softmax.ok, false);
    assert.equal(softmax.marker, 'q2.scaled-softmax');
    assert.match(softmax.message, /too peaked at large d: at d = 512 with 64 keys/);
    assert.match(softmax.message, /They equal softmax\(Kq\)/);
    // the Testing view's diff: the weight that differs most at d = 512, the lab's with its tolerance
    assert.match(softmax.expected ?? '', /^d = 512: weight\[(\d+)\] = [\d.e-]+ \(± 0\.0001\)$/, softmax.expected);
    const k = /weight\[(\d+)\]/.exec(softmax.expected!)![1];
    assert.match(softmax.actual ?? '', new RegExp(`^d = 512: weight\\[${k}\\] = [\\d.e-]+$`), softmax.actual);
    assert.notEqual(softmax.expected!.split(' = ')[2]!.split(' ')[0], softmax.actual!.split(' = ')[2]);
    const variance = byId(findings, 'q2.scaled-variance');
    assert.equal(variance.ok, false);
    assert.equal(variance.marker, 'q2.scaled-softmax');
  });

  it('wrong dot products fail at the dot-products TODO, malformed ones as a shape finding (not a crash)', async () => {
    const values = await withChild(wrong.dotsOfQWithItself, (child) => checkDotProducts(child, createRng(1)));
    assert.equal(values.ok, false);
    assert.equal(values.marker, 'q2.dot-products');
    assert.match(values.message, /n = 7, d = 5: entry 0 is .*, but row 0 of Q dotted with row 0 of K is/);
    assert.match(values.expected ?? '', /^entry 0 = -?[\d.e-]+ \(± 1e-4 · \(1 \+ Σ_j \|Q\[0\]\[j\]·K\[0\]\[j\]\|\)\)$/);
    assert.match(values.actual ?? '', /^entry 0 = -?[\d.e-]+$/);
    for (const [solution, pattern] of [
      [wrong.dotsSummedToScalar, /shape \[7\].*returned shape \[\]/],
      [wrong.dotsAllPairs, /returned shape \[7, 7\]/],
      [wrong.dotsAsArray, /must return a tfjs tensor of shape \[7\] \(it returned an array\)/],
    ] as const) {
      const findings = await checksOf(solution);
      const f = byId(findings, 'q2.dot-products');
      assert.equal(f.ok, false);
      assert.equal(f.marker, 'q2.dot-products');
      assert.equal(f.short, 'wrong shape');
      assert.match(f.message, pattern);
      // the variance check samples dotProducts too: it reports the shape at the same TODO
      assert.equal(byId(findings, 'q2.scaled-variance').marker, 'q2.dot-products');
    }
  });

  it('scaled attention: each wrong scaling gets a message that says which way it is wrong', async () => {
    const cases: [ScalingSolution, RegExp][] = [
      [wrong.unscaled, /too peaked at large d: at d = 512.*They equal softmax\(Kq\)/],
      [wrong.timesSqrtD, /too peaked at d = 512 with 64 keys.*Check the scaling/],
      [wrong.overSqrtKeys, /too peaked at d = 512/],
      [wrong.overD, /too flat at large d: at d = 512.*softmax\(Kq\/d\)/],
      [wrong.notNormalised, /sum to [\d.]+; attention weights are a softmax/],
    ];
    for (const [solution, pattern] of cases) {
      const f = await withChild(solution, (child) => checkScaledAttention(child, createRng(3)));
      assert.equal(f.ok, false, pattern.source);
      assert.equal(f.marker, 'q2.scaled-softmax');
      assert.match(f.message, pattern);
    }
    assert.ok((await withChild(reference, (child) => checkScaledAttention(child, createRng(3)))).ok);
  });

  it('a wrongly shaped attention result is a shape finding', async () => {
    const f = byId(await checksOf(wrong.wrongShape), 'q2.scaled-softmax');
    assert.equal(f.ok, false);
    assert.match(f.message, /scaledAttention must return a tensor of shape \[5\].*returned shape \[5, 3\]/);
    assert.deepEqual([f.expected, f.actual], ['shape [5]', 'shape [5, 3]']);
  });

  it('the variance check measures Var(qᵀk/√d) on the student code: 4 for doubled dot products, 64 unscaled, 1/64 over d', async () => {
    const doubled = await withChild(wrong.dotsDoubled, (child) =>
      checkScaledVariance(child, createRng(4), neverCancelled),
    );
    assert.equal(doubled.ok, false);
    assert.equal(doubled.marker, 'q2.dot-products');
    assert.match(doubled.message, /Var\(qᵀk\/√d\) over 20000 samples of your dotProducts is (3\.[89]\d*|4\.[01]\d*)/);
    const overD = await withChild(wrong.overD, (child) => checkScaledVariance(child, createRng(4), neverCancelled));
    assert.equal(overD.ok, false);
    assert.match(overD.message, /scores inside your scaledAttention have variance 0\.01[4-7]/);
    const unscaled = await withChild(wrong.unscaled, (child) =>
      checkScaledVariance(child, createRng(4), neverCancelled),
    );
    assert.equal(unscaled.ok, false);
    assert.match(unscaled.message, /(variance (5\d|6\d|7\d)(\.\d+)? )|(weights of exactly 0)/);
  });

  it('the variance is of dot products of inputs the judge knows: samples of the right variance that are not qᵀk fail', async () => {
    // right on the small shapes of q2.dot-products, made-up values of variance d on the large batches
    // (what forged inputs in the child would look like to the judge)
    const madeUp: ScalingSolution = {
      ...reference,
      dotProducts: (q, k) =>
        q.shape[0]! > 1000 ? tf.randomNormal([q.shape[0]!], 0, Math.sqrt(q.shape[1]!)) : reference.dotProducts(q, k),
    };
    const f = await withChild(madeUp, (child) => checkScaledVariance(child, createRng(4), neverCancelled));
    assert.equal(f.ok, false);
    assert.equal(f.marker, 'q2.dot-products');
    assert.match(
      f.message,
      /n = \d+, d = 64 \(q, k ~ N\(0, I\)\): entry 0 is .*, but row 0 of Q dotted with row 0 of K is .*, so its variance says nothing of qᵀk/,
    );
    assert.ok((await withChild(reference, (child) => checkScaledVariance(child, createRng(4), neverCancelled))).ok);
  });

  it("an exception in student code fails the checks that call it, at its marker, with the student's message; the others still run", async () => {
    const findings = await checksOf(wrong.throwsInAttention);
    assert.deepEqual(
      findings.map((f) => f.checkId),
      CODE_CHECKS,
    );
    assert.ok(byId(findings, 'q2.dot-products').ok);
    for (const id of ['q2.scaled-softmax', 'q2.scaled-variance']) {
      const f = byId(findings, id);
      assert.equal(f.ok, false);
      assert.equal(f.marker, 'q2.scaled-softmax');
      assert.equal(f.short, 'threw');
      assert.match(f.message, /not yet/);
    }
  });

  it('a value that only looks like a tensor is read as data and judged: a lying shape or unreadable values are a shape finding', async () => {
    const fake = (shape: unknown, values: unknown) => ({
      ...reference,
      dotProducts: () => ({ $tensor: true, shape, dtype: 'float32', values }),
    });
    const lying = byId(await checksOf(fake([7], new Float32Array(2))), 'q2.dot-products');
    assert.equal(lying.ok, false);
    assert.match(
      lying.message,
      /dotProducts must return a tfjs tensor of shape \[7\] \(it returned a tensor whose values cannot be read\)/,
    );
    const noShape = byId(await checksOf(fake('7', new Float32Array(7))), 'q2.dot-products');
    assert.equal(noShape.ok, false);
    assert.match(noShape.message, /a tensor whose shape cannot be read/);
  });

  describe("a student's replaced globals cannot change a verdict", () => {
    // What a student's file could do at its top: make every |got − expected| zero, then return
    // constants. Checks that compared in the student's process with Math.abs passed all of these.
    // Here the child shares this thread and its globals with the judge (the in-thread link): the
    // judge's comparisons must use none of them. (Across processes the lead's attack test covers it.)
    const constants = {
      dotProducts: (Q: tf.Tensor2D) => tf.zeros([Q.shape[0]]),
      scaledAttention: (_q: tf.Tensor1D, K: tf.Tensor2D) => tf.fill([K.shape[0]], 1 / K.shape[0]),
    };
    const underPatch = async <T>(patch: () => void, fn: () => Promise<T>): Promise<T> => {
      const saved = { abs: Math.abs, max: Math.max };
      try {
        patch();
        return await fn();
      } finally {
        Math.abs = saved.abs;
        Math.max = saved.max;
      }
    };

    it('constant functions fail every check, with Math.abs = () => 0 set as they run, as they do without it', async () => {
      const honest = await checksOf(constants);
      const patched = await underPatch(
        () => {
          Math.abs = () => 0;
          assert.equal(Math.abs(-5), 0); // the patch is in force while the checks run
        },
        () => checksOf(constants),
      );
      assert.equal(Math.abs(-5), 5);
      assert.deepEqual(
        patched.map((f) => [f.checkId, f.ok]),
        CODE_CHECKS.map((id) => [id, false]),
      );
      assert.deepEqual(patched, honest);
      assert.match(byId(patched, 'q2.dot-products').message, /entry 0 is 0, but row 0 of Q dotted with row 0 of K is/);
      assert.match(byId(patched, 'q2.scaled-softmax').message, /differ from softmax\(Kq\/√d\)|too flat/);
    });

    it('…and with Math.max = () => 0 too', async () => {
      const patched = await underPatch(
        () => {
          Math.abs = () => 0;
          Math.max = () => 0;
        },
        () => checksOf(constants),
      );
      assert.deepEqual(
        patched.map((f) => [f.checkId, f.ok]),
        CODE_CHECKS.map((id) => [id, false]),
      );
    });

    it('the reference still passes under the same patch (the patch itself does not fail a check)', async () => {
      const patched = await underPatch(
        () => {
          Math.abs = () => 0;
        },
        () => checksOf(reference),
      );
      for (const f of patched) assert.ok(f.ok, f.message);
    });
  });
});
