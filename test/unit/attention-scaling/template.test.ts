// The Q2 student template: its TODO markers are the problem's, each in the body of the function it
// exports; it type-checks in a fresh workspace against the shipped declarations, and so do the
// reference and the unscaled fixture written as student files; as shipped it is not a solution.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scalingProblem } from '../../../src/core/problems/attention-scaling';
import * as reference from '../../../src/core/problems/attention-scaling/reference';
import { useTfBackend } from '../support/tf';
import { findingsOf } from '../support/judgeLocal';
import { assertMarkersInTheirFunctions, typeErrorsWith } from '../support/studentFile';
import { judgedChild, loadExports, REFERENCE_FILE, TEMPLATE_FILE, UNSCALED_FIXTURE } from './studentFile';
import type { Finding } from '../../../src/core/engine/events';

const STUDENT_FILE = scalingProblem.studentFile;

describe('Q2 student template', function () {
  this.timeout(60_000);
  const source = readFileSync(TEMPLATE_FILE, 'utf8');

  it("carries the problem's TODO markers in order, each in the body of the function it exports", () => {
    assertMarkersInTheirFunctions(source, scalingProblem.markers);
    assert.match(source, /export function dotProducts\(Q: tf\.Tensor2D, K: tf\.Tensor2D\): tf\.Tensor1D/);
    assert.match(source, /export function scaledAttention\(q: tf\.Tensor1D, K: tf\.Tensor2D\): tf\.Tensor1D/);
  });

  it("sets up the questions without answering them: 2a–2c are the student's to derive (answers.md)", () => {
    for (const text of ['N(μ, σ²)', 'E[qᵀk]', 'Var(qᵀk)', 'answers.md']) assert.ok(source.includes(text), text);
    for (const answer of ['d·μ²', 'dμ²', 'd(σ⁴', 's = √d', '= d,'])
      assert.ok(!source.includes(answer), `the template gives away ${answer}`);
  });

  it('type-checks in a fresh workspace against the shipped declarations only', () => {
    assert.deepEqual(typeErrorsWith({}), []);
  });

  it('the reference and the unscaled fixture type-check as student files against the same declarations', () => {
    const reference = readFileSync(REFERENCE_FILE, 'utf8');
    assert.match(reference, /from '@tensorflow\/tfjs'/);
    assert.deepEqual(typeErrorsWith({ [STUDENT_FILE]: reference }), []);
    assert.deepEqual(typeErrorsWith({ [STUDENT_FILE]: readFileSync(UNSCALED_FIXTURE, 'utf8') }), []);
  });

  it('the declarations are typed: a misuse is an error', () => {
    const wrong = readFileSync(REFERENCE_FILE, 'utf8').replace(
      'return tf.sum(tf.mul(Q, K), 1);',
      'return tf.sum(tf.mul(Q, K), "1");',
    );
    const errors = typeErrorsWith({ [STUDENT_FILE]: wrong });
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /Argument of type '"1"' is not assignable to parameter of type 'number/);
  });

  it('type-strips, exports both functions, and is not a solution (each TODO throws, failing its checks at its marker)', async () => {
    await useTfBackend();
    const template = loadExports(TEMPLATE_FILE);
    assert.equal(typeof template.dotProducts, 'function');
    assert.equal(typeof template.scaledAttention, 'function');
    const config = scalingProblem.defaultConfig(true);
    const failing = (findings: Finding[], checkId: string, marker: string, pattern: RegExp): void => {
      const f = findings.find((x) => x.checkId === checkId);
      assert.ok(f && !f.ok, checkId);
      assert.equal(f.marker, marker);
      assert.match(f.message, pattern);
    };
    const asShipped = await findingsOf(scalingProblem, judgedChild, template, config);
    failing(asShipped, 'q2.dot-products', 'q2.dot-products', /TODO: implement dotProducts/);
    failing(asShipped, 'q2.scaled-softmax', 'q2.scaled-softmax', /TODO: implement scaledAttention/);
    const dotsDone = await findingsOf(
      scalingProblem,
      judgedChild,
      { ...template, dotProducts: reference.dotProducts },
      config,
    );
    assert.ok(dotsDone.find((f) => f.checkId === 'q2.dot-products')?.ok);
    failing(dotsDone, 'q2.scaled-softmax', 'q2.scaled-softmax', /TODO: implement scaledAttention/);
  });
});
