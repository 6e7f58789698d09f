import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/engine/events';
import { zkcProblem, type ZkcConfig } from '../../../src/core/problems/zkc';
import { zkcChild, type ZkcSolution } from '../../../src/core/problems/zkc/child';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/zkc/hidden.student';
import { zkcInfo } from '../../../src/core/problems/zkc/meta';
import * as reference from '../../../src/core/problems/zkc/reference';
import { findingsOf, judgeContext } from '../support/judgeLocal';
import { useTfBackend } from '../support/tf';
import { fixtureFile, loadExports } from './studentFile';

const HIDDEN = zkcInfo.markers.flatMap((m) => m.hiddenChecks ?? []);
const config = zkcProblem.defaultConfig(true);
const grading: ZkcConfig = { ...config, grading: true };

async function verdicts(exports: object, c: ZkcConfig = grading): Promise<Map<string, Finding>> {
  const findings = await findingsOf(zkcProblem, zkcChild, exports, c);
  return new Map(findings.map((f) => [f.checkId, f]));
}
const failing = (v: Map<string, Finding>): string[] =>
  [...v.values()].filter((f) => !f.ok && f.severity !== 'info').map((f) => f.checkId);

/** The reference's backward with the node count of H_in in place of the n it is given. */
const nodeCountNotN: ZkcSolution = {
  ...(reference as unknown as ZkcSolution),
  gcnBackward: (aHat, hIn, h, w, g, _n, lambda) => reference.gcnBackward(aHat, hIn, h, w, g, hIn.shape[0], lambda),
};

describe('Q1 hidden checks (grading runs)', function () {
  this.timeout(120_000);
  before(() => useTfBackend());

  it('run only in a grading run, with the ids the catalog lists as hidden', async () => {
    assert.deepEqual(HIDDEN, ['q1.hidden-backward-points']);
    const shown = zkcInfo.markers.flatMap((m) => m.checks ?? []);
    assert.ok(HIDDEN.every((id) => !shown.includes(id)));
    const graded = await verdicts(reference);
    assert.ok(HIDDEN.every((id) => graded.get(id)?.ok === true));
    const ungraded = await verdicts(reference, config);
    assert.ok(HIDDEN.every((id) => !ungraded.has(id)));
  });

  it('pass a correct solution written differently (the ws-zkc-correct fixture)', async () => {
    assert.deepEqual(failing(await verdicts(loadExports(fixtureFile('ws-zkc-correct')))), []);
  });

  it('fail what the visible checks miss: the node count of H_in in place of n', async () => {
    assert.deepEqual(failing(await verdicts(nodeCountNotN, config)), []);
    const v = await verdicts(nodeCountNotN);
    assert.deepEqual(failing(v), ['q1.hidden-backward-points']);
    assert.match(v.get('q1.hidden-backward-points')!.message, /n = (?!34)\d+/);
  });

  it('are none in the student build', async () => {
    const ctx = await judgeContext(zkcProblem, zkcChild, reference, grading);
    try {
      assert.deepEqual(await studentHidden(ctx.child, 0), []);
    } finally {
      await ctx.close();
    }
  });
});
