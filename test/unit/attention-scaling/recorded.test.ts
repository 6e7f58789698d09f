import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { judgeContext } from '../support/judgeLocal';
import { assertRecordingFresh } from '../support/recorded';
import { useTfBackend } from '../support/tf';
import { scalingProblem } from '../../../src/core/problems/attention-scaling';
import { checkScaling } from '../../../src/core/problems/attention-scaling/checks';
import type { ScalingExpectations } from '../../../src/core/problems/attention-scaling/expected';
import {
  expectations as live,
  recordScalingExpectations,
} from '../../../src/core/problems/attention-scaling/expected.staff';
import { expectations as recorded } from '../../../src/core/problems/attention-scaling/expected.student';
import * as reference from '../../../src/core/problems/attention-scaling/reference';
import { judgedChild, loadExports, UNSCALED_FIXTURE } from './studentFile';
import * as wrong from './wrongSolutions';

const config = scalingProblem.defaultConfig(true);

async function findings(exports: object, expect: ScalingExpectations) {
  const ctx = await judgeContext(scalingProblem, judgedChild, exports, config);
  try {
    return await checkScaling(ctx, expect);
  } finally {
    await ctx.close();
  }
}

describe('Q2 recorded expectations (the student build)', function () {
  this.timeout(120_000);
  before(async () => {
    await useTfBackend();
  });

  it('equal a fresh computation of the staff side', () => {
    assertRecordingFresh('attention-scaling', recordScalingExpectations());
  });

  it('give the same findings as the live ones, right and wrong solutions alike', async () => {
    const solutions: [string, object][] = [
      ['reference', reference],
      ['fixture ws-q2-unscaled', loadExports(UNSCALED_FIXTURE)],
      // right on q2.dot-products' small shapes, made up on the variance check's large chunks: the
      // sampled rows' recorded qᵢᵀkᵢ must catch it as the live sums do
      [
        'made-up sampled rows',
        {
          ...reference,
          dotProducts: (q: tf.Tensor2D, k: tf.Tensor2D) =>
            q.shape[0] > 1000
              ? tf.randomNormal([q.shape[0]], 0, Math.sqrt(q.shape[1]), 'float32', 7)
              : reference.dotProducts(q, k),
        },
      ],
      ...Object.entries(wrong),
    ];
    const passing: string[] = [];
    for (const [name, exports] of solutions) {
      const [a, b] = [await findings(exports, live), await findings(exports, recorded)];
      assert.deepEqual(b, a, name);
      if (a.filter((f) => f.checkId.startsWith('q2.')).every((f) => f.ok)) passing.push(name);
    }
    assert.deepEqual(passing, ['reference']);
  });

  it('are for the recorded seed only', () => {
    assert.equal(recorded.caseSeed(9), config.seed);
    assert.throws(() => recorded.dotProducts([], 12345), /no recorded Q2 values for the inputs of seed 12345/);
    assert.throws(
      () => recorded.sampledDots(() => [], 64, 12345),
      /no recorded Q2 values for the inputs of seed 12345/,
    );
  });
});
