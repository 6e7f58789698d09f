import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../../src/core/locate';
import { findingsOf } from '../support/judgeLocal';
import { labProblems } from '../support/labProblems';

// Every diagnostic code links to docs/checks.md#<code>: each code must have its anchor there.
describe('docs/checks.md', () => {
  const doc = readFileSync(join(process.cwd(), 'docs', 'checks.md'), 'utf8');
  const anchors = new Set([...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));

  it('documents every run-error code', () => {
    const missing = Object.values(ERROR_CODES).filter((code) => !anchors.has(code));
    assert.deepEqual(missing, []);
  });

  it('documents every check the problems report', async () => {
    for (const { problem, child, reference } of labProblems) {
      const findings = await findingsOf(problem, child, reference, problem.defaultConfig(true));
      assert.ok(findings.length > 0, `${problem.id} reported no findings`);
      const missing = [...new Set(findings.map((f) => f.checkId))].filter((code) => !anchors.has(code));
      assert.deepEqual(missing, [], `${problem.id}: undocumented check codes`);
    }
  });
});
