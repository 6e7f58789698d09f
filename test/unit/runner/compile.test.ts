import { strict as assert } from 'node:assert';
import { compileStudent, CompileError } from '../../../src/runner/compile';
import { insertLoopGuards, LOOP_GUARD } from '../../../src/runner/loopGuard';

const SOURCE = [
  "import * as tf from '@tensorflow/tfjs';",
  "import { logSoftmax, type StepFn } from 'hw6-lab';",
  'export interface Beam { tokens: number[]; score: number }',
  'type Pair<T> = [T, T];',
  'export function best(xs: readonly number[]): number {',
  '  let m: number = -Infinity;',
  '  for (const x of xs) m = Math.max(m, x as number);',
  '  return m; // LINE 8',
  '}',
  'export const size = (t: tf.Tensor): number => t.size;',
  'export function norm(x: number[]): number[] { return logSoftmax(x); } // LINE 11',
].join('\n');

describe('compileStudent', () => {
  it('keeps every line where it was', () => {
    const code = compileStudent(SOURCE, '/ws/q5.ts');
    const lines = code.split('\n');
    assert.equal(lines.length, SOURCE.split('\n').length);
    assert.match(lines[7]!, /return m; \/\/ LINE 8/);
    assert.match(lines[10]!, /LINE 11/);
  });

  it('produces CommonJS that requires the lab modules', () => {
    const code = compileStudent(SOURCE, '/ws/q5.ts');
    assert.match(code, /require\('hw6-lab'\)/);
    assert.match(code, /exports\.best = best/);
  });

  it('reports a syntax error at its 1-based line and column', () => {
    const src = 'export function f(x: number) {\n  return x +;\n}\n';
    assert.throws(
      () => compileStudent(src, '/ws/q5.ts'),
      (err: unknown) => {
        assert.ok(err instanceof CompileError);
        assert.equal(err.line, 2);
        assert.equal(err.column, 13); // the ';' after '+'
        assert.doesNotMatch(err.message, /Error transforming/);
        return true;
      },
    );
  });

  it('reports at the right line what only the JavaScript parser rejects', () => {
    // sucrase accepts a duplicate parameter name in strict code; acorn does not.
    const src = '"use strict";\nconst ok = 1;\nfunction f(a, a) { return a; }\n';
    assert.throws(
      () => compileStudent(src, '/ws/q5.ts'),
      (err: unknown) => err instanceof CompileError && err.line === 3,
    );
  });
});

describe('insertLoopGuards', () => {
  const g = `${LOOP_GUARD}();`;

  it('guards every kind of loop without adding lines', () => {
    const src = [
      'for (let i = 0; i < 3; i++) { a(); }',
      'for (const k in o) {}',
      'for (const v of xs) {',
      '  b();',
      '}',
      'while (c) {}',
      'do { d(); } while (c);',
    ].join('\n');
    const out = insertLoopGuards(src);
    assert.equal(out.split('\n').length, src.split('\n').length);
    assert.equal(out.split(g).length - 1, 5);
    assert.equal(out.split('\n')[2], `for (const v of xs) {${g}`);
  });

  it('wraps non-block bodies in braces, nested ones included', () => {
    assert.equal(insertLoopGuards('for(;;);'), `for(;;){${g};}`);
    assert.equal(insertLoopGuards('while (a) for (;;) x++'), `while (a) {${g}for (;;) {${g}x++}}`);
    assert.equal(insertLoopGuards('do x--; while (x)'), `do {${g}x--;} while (x)`);
  });

  it('keeps labels and continue working', () => {
    const out = insertLoopGuards(
      'let n = 0; outer: for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) { if (j) continue outer; n++; } result = n;',
    );
    const guard = () => {};
    const scope: { result?: number } = {};
    new Function(LOOP_GUARD, 'scope', out.replace('result = n', 'scope.result = n'))(guard, scope);
    assert.equal(scope.result, 3);
  });
});
