// The problems hand answers.md to the checker: each problem's checks, given the workspace template's
// answers.md, report exactly the questions its meta lists (all empty there: infos), and Q5's
// sequences are judged against its tree.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problems } from '../../../src/core/problems';
import type { Finding } from '../../../src/core/engine/events';
import { findingsOf } from '../support/judgeLocal';
import { labProblem } from '../support/labProblems';
import { repoRoot } from '../support/repo';
import { useTfBackend } from '../support/tf';

const template = readFileSync(join(repoRoot(), 'media', 'workspace', 'answers.md'), 'utf8');

async function checksWith(problemId: string, answers: string): Promise<Finding[]> {
  const { problem, child, reference } = labProblem(problemId);
  return findingsOf(problem, child, reference, problem.defaultConfig(true), {
    answers: { file: 'answers.md', text: answers },
  });
}

describe('problems judge their answers', function () {
  this.timeout(180_000);
  before(() => useTfBackend());

  for (const problem of problems.filter((p) => (p.answerIds ?? []).length > 0)) {
    it(`${problem.id}: its checks report ${problem.answerIds!.join(', ')} from answers.md`, async () => {
      const answered = (await checksWith(problem.id, template)).filter((f) => f.answerId !== undefined);
      assert.deepEqual(
        answered.map((f) => f.answerId),
        problem.answerIds,
      );
      for (const f of answered)
        assert.deepEqual([f.ok, f.severity, f.location?.file], [false, 'info', 'answers.md'], f.message);
    });
  }

  it('beam-search: the sequences are judged against the Figure 2 tree', async () => {
    const text = template.replace(/(## 5b[^\n]*\n(?:.*\n)*?)Answer:/, '$1Answer: neural network, network neural');
    const f = (await checksWith('beam-search', text)).find((x) => x.answerId === '5b')!;
    assert.deepEqual([f.ok, f.checkId], [false, 'answers.sequences'], f.message);
  });
});
