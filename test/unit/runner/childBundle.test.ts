// What the child process's bundle (dist/child.js) is made of, read from esbuild's own account of its
// inputs: the problems' child halves, never a reference solution, a check or a judge half. A
// student's code shares that process, so anything in it is the student's to read and call.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { bundleInputs } from './support/bundleInputs';

/** The repository files esbuild bundles into `entry` (as esbuild.mjs builds it). */
async function inputsOf(entry: string): Promise<string[]> {
  return (await bundleInputs(entry)).map((i) => i.file).filter((f) => !f.includes('node_modules'));
}

describe('the child bundle holds no solution and no judge', function () {
  this.timeout(60_000);
  const problems = readdirSync(join(repoRoot(), 'src/core/problems'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(repoRoot(), 'src/core/problems', d.name, 'reference.ts')))
    .map((d) => d.name);
  let inputs: string[];

  before(async () => {
    inputs = await inputsOf('src/runner/childMain.ts');
  });

  it("bundles every problem's child half", () => {
    assert.ok(problems.length >= 5);
    for (const id of problems)
      assert.ok(inputs.includes(`src/core/problems/${id}/child.ts`), `${id}/child.ts is in the child bundle`);
  });

  it('bundles no reference solution', () => {
    assert.deepEqual(
      inputs.filter((f) => /\/reference\.ts$/.test(f)),
      [],
    );
  });

  it('bundles no check and no judge half', () => {
    const judging = inputs.filter((f) =>
      /problems\/[^/]+\/(checks|index|judge)\.ts$|problems\/index\.ts$|engine\/judge\.ts$|\/answers\//.test(f),
    );
    assert.deepEqual(judging, []);
  });

  it("the probe itself can fail: the judge's bundle does hold the checks", async () => {
    const judge = await inputsOf('src/runner/judgeEntry.ts');
    assert.ok(judge.some((f) => /problems\/beam-search\/checks\.ts$/.test(f)));
    assert.deepEqual(
      judge.filter((f) => /\/reference\.ts$/.test(f)),
      [],
      'nor does the judge need a reference solution',
    );
  });
});
