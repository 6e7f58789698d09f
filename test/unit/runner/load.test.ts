import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CancelSource, TimeLimitError } from '../../../src/core/engine/cancel';
import { compileStudent } from '../../../src/runner/compile';
import { loadStudentModule, locateError } from '../../../src/runner/load';
import { createLoopGuard } from '../../../src/core/engine/loopGuard';
import { logSoftmax } from '../../../src/core/problems/beam-search/stepFn';
import { FIXTURES } from './paths';

const noGuard = (): void => {};

function load(name: string, guard = noGuard): { exports: Record<string, unknown>; file: string } {
  const file = join(FIXTURES, name);
  return { exports: loadStudentModule(compileStudent(readFileSync(file, 'utf8'), file), file, guard), file };
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

describe('loadStudentModule and locateError', () => {
  it('maps a throw in student code to its line in the student file', () => {
    const { exports, file } = load('throws.ts');
    const err = thrownBy(() => (exports.explode as (v: number[]) => void)([1, 2]));
    assert.deepEqual(locateError(err, file), { file: 'throws.ts', line: 7 });
  });

  it('finds nothing for an error that never passed through the student file', () => {
    assert.equal(locateError(new Error('elsewhere'), join(FIXTURES, 'throws.ts')), undefined);
    assert.equal(locateError('not an error', join(FIXTURES, 'throws.ts')), undefined);
  });

  it('resolves the lab modules to the host instances and refuses the rest at the import line', () => {
    const file = join(FIXTURES, 'imports.ts');
    const ok = loadStudentModule(
      compileStudent(
        "import * as tf from '@tensorflow/tfjs';\nimport { logSoftmax } from 'hw6-lab';\nexport const fns = [tf.tensor, tf.tidy, logSoftmax];",
        file,
      ),
      file,
      noGuard,
    );
    assert.deepEqual(ok.fns, [tf.tensor, tf.tidy, logSoftmax]);
    const err = thrownBy(() =>
      loadStudentModule(
        compileStudent("const a = 1;\nimport { readFileSync } from 'node:fs';\nexport const r = readFileSync;", file),
        file,
        noGuard,
      ),
    );
    assert.match(String(err), /imports "node:fs", which the lab does not provide/);
    assert.equal(locateError(err, file)?.line, 2);
  });

  for (const [name, line] of [
    ['spin', 4],
    ['spinBare', 9],
  ] as const) {
    it(`stops the infinite loop of ${name} at the deadline, at the loop's line`, () => {
      const started = Date.now();
      const guard = createLoopGuard(new CancelSource(100));
      const { exports, file } = load('loops.ts', guard);
      const err = thrownBy(() => (exports[name] as () => void)());
      assert.ok(err instanceof TimeLimitError);
      assert.ok(Date.now() - started < 2000, 'the guard noticed the deadline quickly');
      assert.equal(locateError(err, file)?.line, line);
    });
  }
});
