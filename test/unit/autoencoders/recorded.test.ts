import assert from 'node:assert/strict';
import { join } from 'node:path';
import { judgeContext } from '../support/judgeLocal';
import { assertRecordingFresh, assertSameFindings } from '../support/recorded';
import { repoRoot } from '../support/repo';
import { loadStudentExports } from '../support/studentFile';
import { useTfBackend } from '../support/tf';
import { autoencodersProblem } from '../../../src/core/problems/autoencoders';
import { checkAutoencoderCode } from '../../../src/core/problems/autoencoders/checks';
import type { AeExpectations } from '../../../src/core/problems/autoencoders/expected';
import { expectations as live, recordAeExpectations } from '../../../src/core/problems/autoencoders/expected.staff';
import { expectations as recorded } from '../../../src/core/problems/autoencoders/expected.student';
import { child, quickConfig } from './support';
import { reference, WRONG } from './wrongSolutions';

const config = quickConfig();

async function findings(exports: object, expect: AeExpectations) {
  const ctx = await judgeContext(autoencodersProblem, child, exports, config);
  try {
    return (await checkAutoencoderCode(ctx.child, config.seed, expect)).findings;
  } finally {
    await ctx.close();
  }
}

describe('Q4 recorded expectations (the student build)', function () {
  this.timeout(120_000);
  before(async () => {
    await useTfBackend();
  });

  it('equal a fresh computation of the staff side', () => {
    assertRecordingFresh('autoencoders', recordAeExpectations());
  });

  it('give the same findings as the live ones, right and wrong solutions alike', async () => {
    const fixture = (name: string) =>
      loadStudentExports(join(repoRoot(), 'test', 'fixtures', name, 'q4_autoencoders.ts'));
    const solutions: [string, object, boolean][] = [
      ['reference', reference, true],
      ['fixture ae-correct', fixture('ae-correct'), true],
      ['fixture ae-wrong-loss', fixture('ae-wrong-loss'), false],
      ...Object.entries(WRONG).map(([name, w]): [string, object, boolean] => [name, w.solution, false]),
    ];
    await assertSameFindings(solutions, findings, live, recorded);
  });

  it('are for the recorded seed only', () => {
    assert.equal(recorded.caseSeed(11), config.seed);
    assert.throws(() => recorded.loss(11), /no recorded Q4 values for seed 11/);
  });
});
