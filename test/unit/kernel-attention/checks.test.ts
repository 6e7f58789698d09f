// The Q3 code checks, judged through a child in this thread: all pass on the reference; each
// deliberately wrong solution fails exactly the checks its mistake concerns (and the wrong-φ fixture
// fails the eq. 3 = eq. 5 check); a function that throws or returns something malformed fails the
// checks that needed its result, at its TODO.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { judgeContext } from '../support/judgeLocal';
import { checkKernelAttention, type Q3CheckResult } from '../../../src/core/problems/kernel-attention/checks';
import { kernelAttentionProblem } from '../../../src/core/problems/kernel-attention';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import { child, loadExports, WRONG_PHI_FILE } from './studentFile';
import { wrongSolutions, wrongSolutionsHelpers } from './wrongSolutions';
import { checkLinearMemory, logLogSlope } from '../../../src/core/problems/kernel-attention/linearMemory';

/** The code checks of `exports` (a module's exports), its functions running in an in-thread child. */
async function checksOf(exports: object, seed = 3): Promise<Q3CheckResult> {
  const ctx = await judgeContext(kernelAttentionProblem, child, exports, kernelAttentionProblem.defaultConfig(true));
  try {
    return await checkKernelAttention(ctx.child, seed);
  } finally {
    await ctx.close();
  }
}

describe('Q3 checks', function () {
  this.timeout(60_000);
  before(async () => {
    await useTfBackend();
  });

  it('pass on the reference, with the compact φ size and a float32-sized eq. 3 / eq. 5 difference', async () => {
    const before = tf.memory().numTensors;
    const r = await checksOf(reference);
    for (const f of r.findings) assert.ok(f.ok, `${f.checkId}: ${f.message}`);
    assert.deepEqual(
      r.findings.map((f) => f.checkId),
      [
        'q3.softmax-attention',
        'q3.quadratic-kernel',
        'q3.feature-map',
        'q3.kernel-attention-quadratic',
        'q3.equivalence',
        'q3.denominator',
      ],
    );
    assert.deepEqual(r.featureSize, { D: 6, actual: 28, accepted: [49, 28] });
    assert.ok(
      r.equivalence!.ok && r.equivalence!.maxAbsDiff < r.equivalence!.tolerance / 10,
      JSON.stringify(r.equivalence),
    );
    for (const f of r.findings) assert.ok(f.short && f.marker, f.checkId);
    assert.equal(tf.memory().numTensors, before);
  });

  it('the wrong-φ fixture (no √2 on cross terms) fails φ and eq. 3 = eq. 5, and only those', async () => {
    const r = await checksOf(loadExports(WRONG_PHI_FILE));
    const failed = r.findings.filter((f) => !f.ok);
    assert.deepEqual(
      failed.map((f) => f.checkId),
      ['q3.feature-map', 'q3.equivalence'],
    );
    // where √2 goes is the hint ladder's last rung (it spells φ out), not the message
    assert.doesNotMatch(failed[0]!.message, /√2|x̃/);
    assert.match(failed[0]!.hints!.at(-1)!, /√2/);
    assert.equal(failed[1]!.marker, 'q3.kernel-attention-linear');
    assert.match(failed[1]!.message, /differs from eq\. 3/);
    assert.ok(r.equivalence!.maxAbsDiff > 100 * r.equivalence!.tolerance, JSON.stringify(r.equivalence));
    assert.equal(r.featureSize.actual, 28);
    // the Testing view's diff: the largest difference's entry, the lab's with its tolerance; the
    // student's kernel computes (qᵀk + 1)², so the message and the expected value name it
    assert.match(failed[0]!.expected ?? '', /^\(qᵀk \+ 1\)²\[\d+, \d+\] = -?[\d.]+ \(relative ± 1\.0e-4\)$/);
    assert.match(failed[0]!.actual ?? '', /^φ\(Q_i\)ᵀφ\(K_j\)\[\d+, \d+\] = -?[\d.]+$/);
    assert.equal(failed[0]!.revealedExpected, undefined);
    assert.match(failed[1]!.expected ?? '', /^eq\. 5\[\d+, \d+\] = eq\. 3's -?[\d.]+ \(± \d\.\de-\d+\)$/);
    assert.match(failed[1]!.actual ?? '', /^eq\. 5\[\d+, \d+\] = -?[\d.]+$/);
  });

  it("with a wrong kernel too, φ's expected value names the kernel's formula only when answers are revealed", async () => {
    const r = await checksOf({
      ...loadExports(WRONG_PHI_FILE),
      quadraticKernel: wrongSolutions['kernel qᵀk + 1, not squared']!.solution.quadraticKernel,
    });
    const phi = r.findings.find((f) => f.checkId === 'q3.feature-map')!;
    assert.equal(phi.ok, false);
    assert.doesNotMatch(phi.message, /qᵀk/);
    assert.match(phi.expected ?? '', /^the kernel \[\d+, \d+\] = -?[\d.]+ \(relative ± 1\.0e-4\)$/);
    assert.doesNotMatch(phi.expected!, /qᵀk/);
    assert.equal(phi.revealedExpected, phi.expected!.replace('the kernel ', '(qᵀk + 1)²'));
  });

  for (const [name, { solution, fails }] of Object.entries(wrongSolutions)) {
    it(`catch: ${name}`, async () => {
      const before = tf.memory().numTensors;
      const r = await checksOf(solution);
      assert.deepEqual(
        r.findings.filter((f) => !f.ok).map((f) => f.checkId),
        fails,
        r.findings
          .filter((f) => !f.ok)
          .map((f) => f.message)
          .join('\n'),
      );
      for (const f of r.findings.filter((x) => !x.ok)) assert.ok(f.message.length > 20 && f.short);
      assert.equal(tf.memory().numTensors, before);
    });
  }

  it('a homogeneous kernel is accepted as a kernel but its vanishing denominator is reported as a warning', async () => {
    const r = await checksOf(wrongSolutions['homogeneous kernel (qᵀk)² throughout']!.solution);
    const kernel = r.findings.find((f) => f.checkId === 'q3.quadratic-kernel')!;
    assert.ok(kernel.ok);
    assert.match(kernel.message, /homogeneous/);
    assert.deepEqual(r.featureSize, { D: 6, actual: 36, accepted: [36, 21] });
    const denominator = r.findings.find((f) => f.checkId === 'q3.denominator')!;
    assert.equal(denominator.severity, 'warning');
    assert.match(denominator.message, /orthogonal/);
    assert.match(denominator.message, /\(qᵀk\)² vanishes/);
  });

  it('eq. 3 that throws fails its check at its TODO, and eq. 3 = eq. 5 is not compared', async () => {
    const before = tf.memory().numTensors;
    const throwing = {
      ...reference,
      kernelAttentionQuadratic: (Q: tf.Tensor2D): tf.Tensor2D => {
        tf.mul(Q, 2);
        throw new Error('eq. 3 is not done');
      },
    };
    const r = await checksOf(throwing);
    const failed = r.findings.filter((f) => !f.ok);
    assert.deepEqual(
      failed.map((f) => [f.checkId, f.marker, f.short]),
      [
        ['q3.kernel-attention-quadratic', 'q3.kernel-attention-quadratic', 'threw'],
        ['q3.equivalence', 'q3.kernel-attention-linear', 'eq. 3 = eq. 5 ?'],
      ],
    );
    assert.match(failed[0]!.message, /eq\. 3 is not done/);
    assert.match(failed[1]!.message, /Not compared: kernelAttentionQuadratic \(eq\. 3\) threw/);
    assert.equal(tf.memory().numTensors, before);
  });

  it('a result that is not a float32 tensor of the right shape fails at the TODO of the function that returned it', async () => {
    const asArray = { ...reference, featureMap: (X: tf.Tensor2D): number[][] => reference.featureMap(X).arraySync() };
    const r = await checksOf(asArray);
    const phi = r.findings.find((f) => f.checkId === 'q3.feature-map')!;
    assert.equal(phi.ok, false);
    assert.equal(phi.short, 'wrong shape');
    assert.equal(
      phi.message,
      'featureMap(X [48, 6]) should be a tensor of shape [48, -1], but it is an array of length 48 (return a tensor).',
    );
    const denominator = r.findings.find((f) => f.checkId === 'q3.denominator')!;
    assert.deepEqual([denominator.ok, denominator.marker], [false, 'q3.feature-map']);

    const int = await checksOf({
      ...reference,
      softmaxAttention: (Q: tf.Tensor2D, K: tf.Tensor2D, V: tf.Tensor2D) =>
        tf.cast(reference.softmaxAttention(Q, K, V), 'int32'),
    });
    assert.equal(
      int.findings[0]!.message,
      'softmaxAttention(Q [48, 6], K, V [48, 5]) should be a float32 tensor, but its dtype is int32.',
    );
    const transposed = await checksOf({
      ...reference,
      quadraticKernel: (Q: tf.Tensor2D, K: tf.Tensor2D) =>
        reference
          .quadraticKernel(K, Q)
          .transpose()
          .reshape([48 * 48]),
    });
    assert.equal(
      transposed.findings[1]!.message,
      'quadraticKernel(Q [48, 6], K [48, 6]) should have shape [48, 48], but it has shape [2304].',
    );
  });

  describe('q3.linear-memory: eq. 5 may not build the N × N matrix', () => {
    const memoryOf = async (exports: object) => {
      const ctx = await judgeContext(
        kernelAttentionProblem,
        child,
        exports,
        kernelAttentionProblem.defaultConfig(true),
      );
      try {
        return await checkLinearMemory(ctx.child);
      } finally {
        await ctx.close();
      }
    };

    it('passes the reference and a linear eq. 5 written differently (no blocks, φ(K)ᵀV first)', async () => {
      const f = await memoryOf(reference);
      assert.ok(f.ok, f.message);
      assert.match(f.message, /grows like N\^(0\.\d+|1\.[0-4]\d*): .* at N = 512 → .* at N = 4096 \(D = M = 8\)/);
      const plain = await memoryOf({ ...reference, kernelAttentionLinear: wrongSolutionsHelpers.eq5Plain });
      assert.ok(plain.ok, plain.message);
    });

    it('fails an eq. 5 that forms φ(Q)φ(K)ᵀ (right values, N² memory), at its TODO', async () => {
      const f = await memoryOf({ ...reference, kernelAttentionLinear: wrongSolutionsHelpers.eq5ViaNxN });
      assert.equal(f.ok, false, f.message);
      assert.equal(f.marker, 'q3.kernel-attention-linear');
      assert.match(f.message, /grows like N\^(1\.[89]|2\.[01])\d*: .* Eq\. 5 must not build an N × N matrix/);
      // its values are right: the other checks pass it
      const r = await checksOf({ ...reference, kernelAttentionLinear: wrongSolutionsHelpers.eq5ViaNxN });
      for (const x of r.findings) assert.ok(x.ok, `${x.checkId}: ${x.message}`);
    });

    it('a slope of 2 fails and of 1 passes (the fit itself)', () => {
      assert.equal(
        logLogSlope([
          { N: 100, bytes: 4e4 },
          { N: 200, bytes: 1.6e5 },
          { N: 400, bytes: 6.4e5 },
        ]).toFixed(6),
        '2.000000',
      );
      assert.equal(
        logLogSlope([
          { N: 100, bytes: 1000 },
          { N: 200, bytes: 2000 },
        ]).toFixed(6),
        '1.000000',
      );
    });
  });
});
