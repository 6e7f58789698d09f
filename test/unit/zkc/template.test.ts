// The Q1 student template: its TODO markers are the problem's, in the homework's order, each inside
// the function it belongs to; it type-checks in a fresh workspace against the hand-written tfjs
// declarations (types/tfjs.d.ts), and so does the reference solution, so those declarations cover
// every tfjs call a solution needs and are typed (not `any`): a misuse is flagged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zkcProblem } from '../../../src/core/problems/zkc';
import { StudentCodeError } from '../../../src/core/problem';
import { repoRoot } from '../runner/paths';
import { fixtureFile, loadSolution, TEMPLATE_FILE } from './studentFile';
import { assertMarkersInTheirFunctions, typeErrorsWith } from '../support/studentFile';
import { createRng } from '../../../src/core/engine/rng';
import { neverCancelled } from '../../../src/core/engine/cancel';

const REFERENCE = join(repoRoot(), 'src', 'core', 'problems', 'zkc', 'reference.ts');

const referenceAsStudentFile = (): string => readFileSync(REFERENCE, 'utf8').replace("from '../../helpers'", 'from "hw6-lab"').replace("from '../../helpers'", 'from "hw6-lab"');

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
    assert.doesNotMatch(text, /from '\.\.\/\.\.\/helpers'/);
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
    const solution = loadSolution(TEMPLATE_FILE);
    const config = zkcProblem.defaultConfig(true);
    await assert.rejects(
      zkcProblem.checks({ config, rng: createRng(config.seed), signal: neverCancelled, backend: 'cpu', emit: () => undefined }, solution),
      (e: unknown) => e instanceof StudentCodeError && e.marker === 'q1.self-loops' && /TODO: implement addSelfLoops/.test(e.message),
    );
  });
});
