import assert from 'node:assert/strict';
import { beamSearchProblem, type BeamSearchConfig } from '../../../src/core/problems/beam-search';
import { beamSearchChild } from '../../../src/core/problems/beam-search/child';
import { hiddenChecks as studentHidden } from '../../../src/core/problems/beam-search/hidden.student';
import { hiddenCases } from '../../../src/core/problems/beam-search/hidden.staff';
import { beamSearchInfo } from '../../../src/core/problems/beam-search/meta';
import * as reference from '../../../src/core/problems/beam-search/reference';
import type { ProblemChild } from '../../../src/core/problem';
import type { Finding } from '../../../src/core/engine/events';
import { findingsOf, judgeContext } from '../support/judgeLocal';
import * as wrong from './wrongSolutions';

const HIDDEN = beamSearchInfo.markers[0]!.hiddenChecks!;
const config: BeamSearchConfig = beamSearchProblem.defaultConfig(true);
const grading: BeamSearchConfig = { ...config, grading: true };
const child = beamSearchChild as unknown as ProblemChild<unknown, BeamSearchConfig>;

async function verdicts(beamSearch: unknown, c = grading): Promise<Map<string, Finding>> {
  const findings = await findingsOf(beamSearchProblem, child, { beamSearch }, c);
  return new Map(findings.map((f) => [f.checkId, f]));
}
const failing = (v: Map<string, Finding>): string[] => [...v.values()].filter((f) => !f.ok).map((f) => f.checkId);

describe('Q5 hidden checks (grading runs)', () => {
  it('run only in a grading run, with the ids the catalog lists as hidden', async () => {
    assert.deepEqual(HIDDEN, ['q5.hidden-random-trees', 'q5.hidden-ties']);
    const shown = beamSearchInfo.markers[0]!.checks!;
    assert.ok(HIDDEN.every((id) => !shown.includes(id)));
    const graded = await verdicts(reference.beamSearch);
    assert.deepEqual(
      [...graded.keys()].filter((id) => HIDDEN.includes(id)),
      HIDDEN,
    );
    const ungraded = await verdicts(reference.beamSearch, config);
    assert.ok(HIDDEN.every((id) => !ungraded.has(id)));
  });

  it('cover ties, widths k ≥ M and wider vocabularies than the visible checks', () => {
    const { random, ties } = hiddenCases(config.seed);
    assert.equal(random.length, 50);
    assert.equal(ties.length, 20);
    assert.ok(random.filter((c) => c.k >= c.M).length >= 25);
    assert.ok(random.some((c) => c.M >= 12 && c.k === c.M ** c.T));
    assert.ok(random.some((c) => c.T === 6));
  });

  it('pass the reference and correct solutions written differently', async () => {
    for (const fn of [reference.beamSearch, wrong.correct, wrong.algorithm1])
      assert.deepEqual(failing(await verdicts(fn)), []);
  });

  it('fail bugs the visible checks miss', async () => {
    const ties = await verdicts(wrong.keepsTiesAtTheCut);
    assert.deepEqual(failing(ties), ['q5.hidden-ties']);
    assert.match(
      ties.get('q5.hidden-ties')!.message,
      /random tree with ties #\d+ .* marked kept; a beam of width k = \d+ keeps/,
    );
    const keys = await verdicts(wrong.joinedKeys);
    assert.deepEqual(failing(keys), ['q5.hidden-random-trees']);
    assert.match(
      keys.get('q5.hidden-random-trees')!.message,
      /Wrong on \d+ of 50 larger random trees\. First: random tree #\d+ \(M = 12, /,
    );
  });

  it('are none in the student build, grading flag or not', async () => {
    const ctx = await judgeContext(beamSearchProblem, child, { beamSearch: wrong.joinedKeys }, grading);
    assert.deepEqual(await studentHidden(ctx.child, 0), []);
  });
});
