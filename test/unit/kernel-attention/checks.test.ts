// The Q3 code checks: all pass on the reference; each deliberately wrong solution fails exactly the
// checks its mistake concerns (and the wrong-φ fixture fails the eq. 3 = eq. 5 check).
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { checkKernelAttention } from '../../../src/core/problems/kernel-attention/checks';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import { loadSolution, WRONG_PHI_FILE } from './studentFile';
import { wrongSolutions } from './wrongSolutions';

describe('Q3 checks', function () {
  this.timeout(60_000);
  before(async () => {
    await useTfBackend();
  });

  it('pass on the reference, with the compact φ size and a float32-sized eq. 3 / eq. 5 difference', () => {
    const before = tf.memory().numTensors;
    const r = checkKernelAttention(reference, 3);
    for (const f of r.findings) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
    assert.deepEqual(r.findings.map((f) => f.checkId), ['q3.softmax-attention', 'q3.quadratic-kernel', 'q3.feature-map', 'q3.kernel-attention-quadratic', 'q3.equivalence', 'q3.denominator']);
    assert.deepEqual(r.featureSize, { D: 6, actual: 28, accepted: [49, 28] });
    assert.ok(r.equivalence!.ok && r.equivalence!.maxAbsDiff < r.equivalence!.tolerance / 10, JSON.stringify(r.equivalence));
    for (const f of r.findings) assert.ok(f.short && f.marker, f.checkId);
    assert.equal(tf.memory().numTensors, before);
  });

  it('the wrong-φ fixture (no √2 on cross terms) fails φ and eq. 3 = eq. 5, and only those', () => {
    const r = checkKernelAttention(loadSolution(WRONG_PHI_FILE), 3);
    const failed = r.findings.filter((f) => !f.ok);
    assert.deepEqual(failed.map((f) => f.checkId), ['q3.feature-map', 'q3.equivalence']);
    assert.match(failed[0]!.message, /√2/);
    assert.equal(failed[1]!.marker, 'q3.kernel-attention-linear');
    assert.match(failed[1]!.message, /differs from eq\. 3/);
    assert.ok(r.equivalence!.maxAbsDiff > 100 * r.equivalence!.tolerance, JSON.stringify(r.equivalence));
    assert.equal(r.featureSize.actual, 28);
  });

  for (const [name, { solution, fails }] of Object.entries(wrongSolutions)) {
    it(`catch: ${name}`, () => {
      const before = tf.memory().numTensors;
      const r = checkKernelAttention(solution, 3);
      assert.deepEqual(r.findings.filter((f) => !f.ok).map((f) => f.checkId), fails, r.findings.filter((f) => !f.ok).map((f) => f.message).join('\n'));
      for (const f of r.findings.filter((x) => !x.ok)) assert.ok(f.message.length > 20 && f.short);
      assert.equal(tf.memory().numTensors, before);
    });
  }

  it('a homogeneous kernel is accepted as a kernel but its vanishing denominator is reported as a warning', () => {
    const r = checkKernelAttention(wrongSolutions['homogeneous kernel (qᵀk)² throughout']!.solution, 3);
    const kernel = r.findings.find((f) => f.checkId === 'q3.quadratic-kernel')!;
    assert.ok(kernel.ok);
    assert.match(kernel.message, /homogeneous/);
    assert.deepEqual(r.featureSize, { D: 6, actual: 36, accepted: [36, 21] });
    const denominator = r.findings.find((f) => f.checkId === 'q3.denominator')!;
    assert.equal(denominator.severity, 'warning');
    assert.match(denominator.message, /orthogonal/);
    assert.match(denominator.message, /\(qᵀk\)² vanishes/);
  });
});
