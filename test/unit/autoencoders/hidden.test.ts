import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/engine/events';
import { autoencodersProblem, type AutoencodersConfig } from '../../../src/core/problems/autoencoders';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/autoencoders/hidden.student';
import { autoencodersInfo } from '../../../src/core/problems/autoencoders/meta';
import { findingsOf, judgeContext } from '../support/judgeLocal';
import { useTfBackend } from '../support/tf';
import { child, quickConfig } from './support';
import { reluAfterFirstOnly, writtenDifferently } from './hiddenBugs';
import { reference } from './wrongSolutions';

const HIDDEN = autoencodersInfo.markers.flatMap((m) => m.hiddenChecks ?? []);
const config = quickConfig();
const grading: AutoencodersConfig = { ...config, grading: true };

async function verdicts(exports: object, c: AutoencodersConfig = grading): Promise<Map<string, Finding>> {
  const findings = await findingsOf(autoencodersProblem, child, exports, c);
  return new Map(findings.map((f) => [f.checkId, f]));
}
const failing = (v: Map<string, Finding>): string[] =>
  [...v.values()].filter((f) => !f.ok && f.severity !== 'info').map((f) => f.checkId);

describe('Q4 hidden checks (grading runs)', function () {
  this.timeout(120_000);
  before(async () => {
    await useTfBackend();
  });

  it('run only in a grading run, with the ids the catalog lists as hidden', async () => {
    assert.deepEqual(HIDDEN, ['q4.hidden-deeper-forward']);
    const shown = autoencodersInfo.markers.flatMap((m) => m.checks ?? []);
    assert.ok(HIDDEN.every((id) => !shown.includes(id)));
    const graded = await verdicts(reference);
    assert.ok(HIDDEN.every((id) => graded.get(id)?.ok === true));
    const ungraded = await verdicts(reference, config);
    assert.ok(HIDDEN.every((id) => !ungraded.has(id)));
  });

  it('pass a correct forward written differently', async () => {
    assert.deepEqual(failing(await verdicts(writtenDifferently)), []);
  });

  it('fail what the visible checks miss: ReLU only after the first layer of each stack', async () => {
    assert.deepEqual(failing(await verdicts(reluAfterFirstOnly, config)), []);
    const v = await verdicts(reluAfterFirstOnly);
    assert.deepEqual(failing(v), ['q4.hidden-deeper-forward']);
    assert.match(v.get('q4.hidden-deeper-forward')!.message, /relu 9-8-6-4-6-8-9/);
  });

  it('are none in the student build', async () => {
    const ctx = await judgeContext(autoencodersProblem, child, reference, grading);
    try {
      assert.deepEqual(await studentHidden(ctx.child, 0), []);
    } finally {
      await ctx.close();
    }
  });
});
