import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transform } from 'sucrase';
import { findMarkers } from '../../../src/core/markers';
import { beamSearchProblem } from '../../../src/core/problems/beam-search';
import { beamSearchChild } from '../../../src/core/problems/beam-search/child';
import type { ProblemChild } from '../../../src/core/problem';
import { findingsOf } from '../support/judgeLocal';

const TEMPLATE = 'media/workspace/q5_beam_search.ts';
const config = beamSearchProblem.defaultConfig(true);

/** The template, found above this (bundled) test file, or else under the working directory. */
function templatePath(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dir, TEMPLATE))) return join(dir, TEMPLATE);
  return join(process.cwd(), TEMPLATE);
}

describe('Q5 student template', () => {
  const source = readFileSync(templatePath(), 'utf8');

  it('carries the TODO marker the problem declares, on the function body', () => {
    const hits = findMarkers(source);
    assert.deepEqual(
      hits.map((h) => h.id),
      beamSearchProblem.markers.map((m) => m.id),
    );
    const lines = source.split('\n');
    assert.match(
      lines[hits[0]!.line - 1]!,
      /export function beamSearch\(step: StepFn, k: number, T: number\): BeamResult/,
    );
    assert.match(source, /import type \{ StepFn, BeamResult \} from "hw6-lab";/);
  });

  it('type-strips with sucrase, exports beamSearch, and is not a solution', async () => {
    const { code } = transform(source, { transforms: ['typescript', 'imports'] });
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', 'exports', 'require', code)(module, module.exports, () => ({}));
    assert.doesNotThrow(() => beamSearchChild.solutionFrom(module.exports));
    const findings = await findingsOf(
      beamSearchProblem,
      beamSearchChild as unknown as ProblemChild<unknown, typeof config>,
      module.exports,
      config,
    );
    assert.equal(findings.length, 5);
    for (const f of findings) {
      assert.ok(!f.ok, f.checkId);
      assert.equal(f.marker, 'q5.beam-search');
      assert.match(f.message, /TODO: implement beamSearch/);
    }
  });
});
