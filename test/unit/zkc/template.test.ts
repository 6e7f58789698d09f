// The Q1 student template: its TODO markers are the problem's, in the homework's order, each inside
// the function it belongs to; it type-checks in a fresh workspace against the hand-written tfjs
// declarations (types/tfjs.d.ts), and so does the reference solution, so those declarations cover
// every tfjs call a solution needs and are typed (not `any`): a misuse is flagged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zkcProblem } from '../../../src/core/problems/zkc';
import { repoRoot } from '../runner/paths';
import { fixtureFile, loadExports, loadSolution, TEMPLATE_FILE } from './studentFile';
import { zkcChild } from '../../../src/core/problems/zkc/child';
import { assertMarkersInTheirFunctions, typeErrorsWith } from '../support/studentFile';
import { findingsOf } from '../support/judgeLocal';
import { useTfBackend } from '../support/tf';

const REFERENCE = join(repoRoot(), 'src', 'core', 'problems', 'zkc', 'reference.ts');

const referenceAsStudentFile = (): string =>
  readFileSync(REFERENCE, 'utf8')
    .replace("from './studentHelpers'", 'from "hw6-lab"')
    .replace("from './studentHelpers'", 'from "hw6-lab"');

describe('Q1 student template', function () {
  this.timeout(60_000);
  const source = readFileSync(TEMPLATE_FILE, 'utf8');

  it("carries the problem's TODO markers in order, each in the body of the function it exports", () => {
    assertMarkersInTheirFunctions(source, zkcProblem.markers);
  });

  it('type-checks in a fresh workspace against the shipped declarations only', () => {
    assert.deepEqual(typeErrorsWith({}), []);
  });

  it('the reference solution type-checks as a student file against the same declarations', () => {
    const text = referenceAsStudentFile();
    assert.match(text, /from "hw6-lab"/);
    assert.doesNotMatch(text, /from '\.\/studentHelpers'/);
    assert.deepEqual(typeErrorsWith({ 'q1_zkc.ts': text }), []);
    assert.deepEqual(typeErrorsWith({ 'q1_zkc.ts': readFileSync(fixtureFile('ws-zkc-correct'), 'utf8') }), []);
  });

  it('the tfjs declarations are typed: a misuse is an error', () => {
    const wrong = referenceAsStudentFile().replace('return tf.eye(nodeCount);', 'return tf.eye("34");');
    const errors = typeErrorsWith({ 'q1_zkc.ts': wrong });
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /not assignable to parameter of type 'number'/);
  });

  it('type-strips, exports the seven functions, and is not a solution (the first TODO throws)', async () => {
    await useTfBackend();
    const solution = loadSolution(TEMPLATE_FILE);
    assert.deepEqual(
      Object.keys(solution),
      zkcProblem.markers.flatMap((m) => m.exports),
    );
    for (const fn of Object.values(solution)) assert.equal(typeof fn, 'function');
    const findings = await findingsOf(zkcProblem, zkcChild, loadExports(TEMPLATE_FILE), zkcProblem.defaultConfig(true));
    assert.ok(
      findings.every((f) => !f.ok),
      'every check fails',
    );
    const selfLoops = findings.find((f) => f.checkId === 'q1.self-loops')!;
    assert.deepEqual([selfLoops.marker, selfLoops.short], ['q1.self-loops', 'threw']);
    assert.match(selfLoops.message, /TODO: implement addSelfLoops/);
    // training cannot start without Ã: q1.train points at the first TODO
    assert.match(
      findings.find((f) => f.checkId === 'q1.train')!.message,
      /^Not checked: training could not start\. .*TODO: implement addSelfLoops.* \(see q1\.self-loops\)$/,
    );
  });
});
