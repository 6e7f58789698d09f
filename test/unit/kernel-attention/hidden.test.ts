import assert from 'node:assert/strict';
import type { KernelAttentionConfig } from '../../../src/core/problems/kernel-attention/config';
import type { Finding } from '../../../src/core/engine/events';
import { kernelAttentionProblem } from '../../../src/core/problems/kernel-attention';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/kernel-attention/hidden.student';
import { kernelAttentionInfo } from '../../../src/core/problems/kernel-attention/meta';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import { findingsOf, judgeContext } from '../support/judgeLocal';
import { useTfBackend } from '../support/tf';
import { child } from './studentFile';
import { hiddenOnlyBugs, writtenDifferently } from './wrongSolutions';

const HIDDEN = kernelAttentionInfo.markers.flatMap((m) => m.hiddenChecks ?? []);
const config = kernelAttentionProblem.defaultConfig(true);
const grading = { ...config, grading: true };

async function verdicts(exports: object, c: KernelAttentionConfig = grading): Promise<Map<string, Finding>> {
  const findings = await findingsOf(kernelAttentionProblem, child, exports, c);
  return new Map(findings.map((f) => [f.checkId, f]));
}
const failing = (v: Map<string, Finding>): string[] =>
  [...v.values()].filter((f) => !f.ok && f.severity !== 'info').map((f) => f.checkId);

describe('Q3 hidden checks (grading runs)', function () {
  this.timeout(120_000);
  before(async () => {
    await useTfBackend();
  });

  it('run only in a grading run, with the ids the catalog lists as hidden', async () => {
    assert.deepEqual(HIDDEN.sort(), ['q3.hidden-large-scores', 'q3.hidden-shapes']);
    const shown = kernelAttentionInfo.markers.flatMap((m) => m.checks ?? []);
    assert.ok(HIDDEN.every((id) => !shown.includes(id)));
    const graded = await verdicts(reference);
    assert.ok(HIDDEN.every((id) => graded.get(id)?.ok === true));
    const ungraded = await verdicts(reference, config);
    assert.ok(HIDDEN.every((id) => !ungraded.has(id)));
  });

  it('pass a correct solution written differently', async () => {
    assert.deepEqual(failing(await verdicts(writtenDifferently)), []);
  });

  for (const [name, { solution, fails }] of Object.entries(hiddenOnlyBugs)) {
    it(`fail what the visible checks miss: ${name}`, async () => {
      assert.deepEqual(failing(await verdicts(solution, config)), []);
      assert.deepEqual(failing(await verdicts(solution)), [fails]);
    });
  }

  it('are none in the student build', async () => {
    const ctx = await judgeContext(
      kernelAttentionProblem,
      child,
      hiddenOnlyBugs[Object.keys(hiddenOnlyBugs)[0]!]!.solution,
      grading,
    );
    try {
      assert.deepEqual(await studentHidden(ctx.child, 0), []);
    } finally {
      await ctx.close();
    }
  });
});
