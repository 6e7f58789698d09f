// answers.md is checked in time linear in its size: a 4 MB answer of each kind is judged (at its
// line in answers.md, blamed on answers.md) well within the unit layer's timeout, where a 580 KB
// formula used to take 111 s. No wall-clock margin is asserted: the timeout is what fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAnswers } from '../../../src/core/answers';
import { repoRoot } from '../support/repo';

const template = readFileSync(join(repoRoot(), 'media', 'workspace', 'answers.md'), 'utf8');
const SIZE = 4_000_000;

/** The template with `answer` as question `id`'s answer. */
function withAnswer(id: string, answer: string): string {
  const heading = template.indexOf(`## ${id} `);
  assert.ok(heading >= 0, `the template has ## ${id}`);
  const line = template.indexOf('Answer:', heading);
  return template.slice(0, line) + `Answer: ${answer}` + template.slice(line + 'Answer:'.length);
}

function judged(id: string, answer: string, ids: string[]) {
  const findings = checkAnswers({ file: 'answers.md', text: withAnswer(id, answer) }, ids, {});
  const finding = findings.find((f) => f.answerId === id);
  assert.ok(finding, `${id} was judged`);
  assert.equal(finding.location?.file, 'answers.md');
  return finding;
}

describe('answers.md: a 4 MB answer is checked in linear time', function () {
  this.timeout(60_000);

  it('a formula (2a)', () => {
    const f = judged('2a', 'd*mu^2 + ' + 'x*y*z + '.repeat(SIZE / 8), ['2a', '2b', '2c']);
    assert.equal(f.ok, false);
  });

  it('a big-O class (3c-ii-time)', () => {
    const f = judged('3c-ii-time', 'O(' + 'N*D^2*M + '.repeat(SIZE / 10) + 'N)', ['3c-ii-time']);
    assert.equal(f.ok, false);
  });

  it('a beam-search sequence list (5b)', () => {
    const f = judged('5b', 'neural network, '.repeat(SIZE / 16), ['5b']);
    assert.equal(f.ok, false);
  });

  it('a prose answer (3a), emphasis and all: noted, never judged wrong', () => {
    const findings = checkAnswers(
      { file: 'answers.md', text: withAnswer('3a', '*When* _the_ `denominator` [is] positive. '.repeat(SIZE / 45)) },
      ['3a'],
      {},
    );
    assert.ok(findings.every((f) => f.ok || f.severity === 'info'));
  });
});
