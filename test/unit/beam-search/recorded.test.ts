import assert from 'node:assert/strict';
import { join } from 'node:path';
import { beamSearchProblem, type BeamSearchConfig } from '../../../src/core/problems/beam-search';
import { beamSearchChild } from '../../../src/core/problems/beam-search/child';
import { checkBeamSearch } from '../../../src/core/problems/beam-search/checks';
import { expectations as live, recordBeamExpectations } from '../../../src/core/problems/beam-search/expected.staff';
import { expectations as recorded } from '../../../src/core/problems/beam-search/expected.student';
import type { BeamExpectations } from '../../../src/core/problems/beam-search/expected';
import * as reference from '../../../src/core/problems/beam-search/reference';
import type { ProblemChild } from '../../../src/core/problem';
import { judgeContext } from '../support/judgeLocal';
import { assertRecordingFresh } from '../support/recorded';
import { repoRoot } from '../support/repo';
import { loadStudentExports } from '../support/studentFile';
import * as wrong from './wrongSolutions';

const config: BeamSearchConfig = beamSearchProblem.defaultConfig(true);
const child = beamSearchChild as unknown as ProblemChild<unknown, BeamSearchConfig>;

async function findings(beamSearch: unknown, expect: BeamExpectations) {
  const ctx = await judgeContext(beamSearchProblem, child, { beamSearch }, config);
  return checkBeamSearch(ctx.child, config.seed, expect);
}

describe('Q5 recorded expectations (the student build)', () => {
  it('equal a fresh computation of the staff side', () => {
    assertRecordingFresh('beam-search', recordBeamExpectations());
  });

  it('give the same findings as the live ones, right and wrong solutions alike', async () => {
    const fixture = loadStudentExports(join(repoRoot(), 'test', 'fixtures', 'runner', 'ws-wrong', 'q5_beam_search.ts'));
    const solutions: [string, unknown][] = [
      ['reference', reference.beamSearch],
      ['fixture ws-wrong', fixture.beamSearch],
      ...Object.entries(wrong),
    ];
    const passing: string[] = [];
    for (const [name, fn] of solutions) {
      const [a, b] = [await findings(fn, live), await findings(fn, recorded)];
      assert.deepEqual(b, a, name);
      if (a.every((f) => f.ok)) passing.push(name);
    }
    // the right ones, and the bugs only the hidden checks see
    assert.deepEqual(passing.sort(), ['algorithm1', 'correct', 'joinedKeys', 'keepsTiesAtTheCut', 'reference']);
  });

  it('say when a random tree was not recorded', () => {
    assert.throws(() => recorded.finalBeams({ seed: 123456, M: 2, T: 2, k: 1 }), /no recorded beam/);
    assert.equal(recorded.caseSeed(5), 0);
  });
});
