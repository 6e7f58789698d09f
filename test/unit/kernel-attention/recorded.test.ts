import assert from 'node:assert/strict';
import { judgeContext } from '../support/judgeLocal';
import { assertRecordingFresh, assertSameFindings } from '../support/recorded';
import { useTfBackend } from '../support/tf';
import { checkKernelAttention } from '../../../src/core/problems/kernel-attention/checks';
import type { KernelExpectations } from '../../../src/core/problems/kernel-attention/expected';
import {
  expectations as live,
  recordKernelExpectations,
} from '../../../src/core/problems/kernel-attention/expected.staff';
import { expectations as recorded } from '../../../src/core/problems/kernel-attention/expected.student';
import { kernelAttentionProblem } from '../../../src/core/problems/kernel-attention';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import { child, loadExports, WRONG_PHI_FILE } from './studentFile';
import { hiddenOnlyBugs, wrongSolutions, writtenDifferently } from './wrongSolutions';

const config = kernelAttentionProblem.defaultConfig(true);

async function findings(exports: object, expect: KernelExpectations) {
  const ctx = await judgeContext(kernelAttentionProblem, child, exports, config);
  try {
    return (await checkKernelAttention(ctx.child, config.seed, expect)).findings;
  } finally {
    await ctx.close();
  }
}

describe('Q3 recorded expectations (the student build)', function () {
  this.timeout(120_000);
  before(async () => {
    await useTfBackend();
  });

  it('equal a fresh computation of the staff side', () => {
    assertRecordingFresh('kernel-attention', recordKernelExpectations());
  });

  it('give the same findings as the live ones, right and wrong solutions alike', async () => {
    const solutions: [string, object, boolean][] = [
      ['reference', reference, true],
      ['written differently', writtenDifferently, true],
      ['fixture ws-q3-wrong-phi', loadExports(WRONG_PHI_FILE), false],
      ...Object.entries(wrongSolutions).map(([name, w]): [string, object, boolean] => [name, w.solution, false]),
      ...Object.entries(hiddenOnlyBugs).map(([name, w]): [string, object, boolean] => [name, w.solution, true]),
    ];
    await assertSameFindings(solutions, findings, live, recorded);
  });

  it('are for the recorded seed only', () => {
    assert.equal(recorded.dataSeed(11), config.seed);
    assert.throws(() => recorded.outputs(11), /no recorded Q3 outputs for seed 11/);
  });
});
