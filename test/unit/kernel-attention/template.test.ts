// The Q3 student template: its TODO markers are the problem's, in order, each inside the function it
// belongs to; it type-checks in a fresh workspace against the shipped tfjs declarations, and so do
// the reference (as a student file) and the wrong-φ fixture, so the declarations cover what a full
// solution needs; loaded as the lab loads it, every function throws its TODO.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useTfBackend } from '../support/tf';
import { assertMarkersInTheirFunctions, typeErrorsWith } from '../support/studentFile';
import { kernelAttentionProblem } from '../../../src/core/problems/kernel-attention';
import { kernelAttentionChild } from '../../../src/core/problems/kernel-attention/child';
import * as reference from '../../../src/core/problems/kernel-attention/reference';
import { problemCatalog } from '../../../src/core/problems/catalog';
import { findProblem } from '../../../src/core/problems';
import { ShapeError } from '../../../src/core/problem';
import { findingsOf } from '../support/judgeLocal';
import { repoRoot } from '../runner/paths';
import { child, loadExports, loadSolution, TEMPLATE_FILE, WRONG_PHI_FILE } from './studentFile';

const REFERENCE = join(repoRoot(), 'src', 'core', 'problems', 'kernel-attention', 'reference.ts');

describe('Q3 student template', function () {
  this.timeout(60_000);
  const source = readFileSync(TEMPLATE_FILE, 'utf8');
  before(async () => {
    await useTfBackend();
  });

  it('is registered: problem and catalog entry, answer ids, markers', () => {
    assert.equal(findProblem('kernel-attention'), kernelAttentionProblem);
    const info = problemCatalog.find((p) => p.id === 'kernel-attention')!;
    assert.equal(info.studentFile, 'q3_kernel_attention.ts');
    assert.deepEqual(info.answerIds, [
      '3a',
      '3b-i',
      '3b-ii',
      '3b-iii',
      '3c-i-time',
      '3c-i-memory',
      '3c-ii-time',
      '3c-ii-memory',
    ]);
    assert.deepEqual(
      info.markers.map((m) => m.id),
      [
        'q3.softmax-attention',
        'q3.quadratic-kernel',
        'q3.feature-map',
        'q3.kernel-attention-quadratic',
        'q3.kernel-attention-linear',
      ],
    );
  });

  it("carries the problem's TODO markers in order, each in the body of the function it exports", () => {
    assertMarkersInTheirFunctions(source, kernelAttentionProblem.markers);
    for (const words of ['N sequence length', 'Eq. (3)', 'eq. (5)', '3b-i', 'blocks of rows'])
      assert.ok(source.includes(words), words);
  });

  it('type-checks in a fresh workspace, and so do the reference and the wrong-φ fixture as student files', () => {
    assert.deepEqual(typeErrorsWith({}), []);
    assert.deepEqual(typeErrorsWith({ 'q3_kernel_attention.ts': readFileSync(REFERENCE, 'utf8') }), []);
    assert.deepEqual(typeErrorsWith({ 'q3_kernel_attention.ts': readFileSync(WRONG_PHI_FILE, 'utf8') }), []);
  });

  it('the tfjs declarations are typed: a misuse is an error', () => {
    const wrong = readFileSync(WRONG_PHI_FILE, 'utf8').replace(
      'tf.slice<tf.Tensor2D>(xTilde, [0, i], [n, 1])',
      'tf.slice<tf.Tensor2D>(xTilde, "0", [n, 1])',
    );
    const errors = typeErrorsWith({ 'q3_kernel_attention.ts': wrong });
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /not assignable to parameter of type 'number \| number\[\]'/);
  });

  it('loads as the lab loads it; every function throws its TODO, tagged with its marker', () => {
    const solution = loadSolution(TEMPLATE_FILE);
    const x = tf.zeros([2, 2]) as tf.Tensor2D;
    const calls: [string, () => unknown][] = [
      ['softmaxAttention', () => solution.softmaxAttention(x, x, x)],
      ['quadraticKernel', () => solution.quadraticKernel(x, x)],
      ['featureMap', () => solution.featureMap(x)],
      ['kernelAttentionQuadratic', () => solution.kernelAttentionQuadratic(x, x, x)],
      ['kernelAttentionLinear', () => solution.kernelAttentionLinear(x, x, x)],
    ];
    for (const [name, call] of calls) assert.throws(call, new RegExp(`TODO: implement ${name}`));
    x.dispose();
  });

  it('answers.md is judged on the template too: answers whose truth needs no student code do not wait for it', async () => {
    const text = '## 3c-i-time\n\nAnswer: O(N^2 (D + M))\n\n## 3c-ii-time\n\nAnswer: O(N^3)\n';
    const findings = await findingsOf(
      kernelAttentionProblem,
      child,
      loadExports(TEMPLATE_FILE),
      kernelAttentionProblem.defaultConfig(true),
      { answers: { file: 'answers.md', text } },
    );
    const right = findings.find((f) => f.answerId === '3c-i-time')!;
    const wrong = findings.find((f) => f.answerId === '3c-ii-time')!;
    assert.deepEqual([right.ok, right.checkId], [true, 'answers.complexity'], right.message);
    assert.deepEqual([wrong.ok, wrong.checkId], [false, 'answers.complexity'], wrong.message);
    // the template's code gave no measurement, and the messages do not pretend it did
    assert.doesNotMatch(right.message, /measured/);
  });

  it('checks on the template fail every code check at the TODO whose function threw, with its TODO message', async () => {
    const findings = await findingsOf(
      kernelAttentionProblem,
      child,
      loadExports(TEMPLATE_FILE),
      kernelAttentionProblem.defaultConfig(true),
    );
    assert.deepEqual(
      findings.map((f) => [f.checkId, f.ok, f.marker, f.short]),
      [
        ['q3.softmax-attention', false, 'q3.softmax-attention', 'threw'],
        ['q3.quadratic-kernel', false, 'q3.quadratic-kernel', 'threw'],
        ['q3.feature-map', false, 'q3.feature-map', 'threw'],
        ['q3.kernel-attention-quadratic', false, 'q3.kernel-attention-quadratic', 'threw'],
        ['q3.equivalence', false, 'q3.kernel-attention-linear', 'threw'],
        ['q3.denominator', false, 'q3.feature-map', 'threw'],
        ['q3.linear-memory', false, 'q3.kernel-attention-linear', 'threw'],
      ],
    );
    const names = [
      'softmaxAttention',
      'quadraticKernel',
      'featureMap',
      'kernelAttentionQuadratic',
      'kernelAttentionLinear',
      'featureMap',
      'kernelAttentionLinear',
    ];
    for (const [i, f] of findings.entries())
      assert.match(f.message, new RegExp(`TODO: implement ${names[i]}`), f.checkId);
  });

  it('a module without an export is a ShapeError naming the export and its marker', () => {
    const { featureMap: _omitted, ...rest } = { ...reference };
    assert.throws(
      () => kernelAttentionChild.solutionFrom(rest),
      (e: unknown) =>
        e instanceof ShapeError &&
        e.marker === 'q3.feature-map' &&
        /q3_kernel_attention\.ts must export a function `featureMap`/.test(e.message),
    );
  });
});
