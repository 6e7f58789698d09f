// "hw6-lab" is one module made of every problem's studentHelpers.ts: a name two problems export
// would be ambiguous, so none may, and the run-time module is exactly the folders' values.
import assert from 'node:assert/strict';
import { basename, dirname } from 'node:path';
import ts from 'typescript';
import { mergeHelpers, studentHelpers } from '../../../src/core/helpers';
import { studentHelperExports, studentHelperFiles } from '../support/studentHelpers';

describe('the hw6-lab helper module', function () {
  this.timeout(60_000);

  it('no two problems export the same helper name', () => {
    const files = studentHelperFiles();
    assert.ok(files.length >= 2, files.join(', '));
    const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true });
    const owners = new Map<string, string[]>();
    for (const { file, names } of studentHelperExports(program, files)) {
      assert.ok(names.length > 0, `${file} exports nothing`);
      for (const name of names) owners.set(name, [...(owners.get(name) ?? []), basename(dirname(file))]);
    }
    const shared = [...owners].filter(([, ids]) => ids.length > 1).map(([name, ids]) => `${name}: ${ids.join(', ')}`);
    assert.deepEqual(shared, []);
  });

  it("is every problem's run-time helpers, and refuses a name given twice", () => {
    const files = studentHelperFiles();
    const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true });
    const values = studentHelperExports(program, files).flatMap((m) => m.values);
    assert.ok(values.includes('logSoftmax'), values.join(', '));
    assert.deepEqual(Object.keys(studentHelpers).sort(), values.sort());
    assert.ok(Object.isFrozen(studentHelpers));
    const f = (): number => 1;
    assert.deepEqual(mergeHelpers({ a: { f }, b: { g: f } }), { f, g: f });
    assert.throws(() => mergeHelpers({ a: { f }, b: { f } }), /exports f from both problems\/a and problems\/b/);
  });
});
