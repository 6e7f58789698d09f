import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findStudentFiles, initWorkspace } from '../../../src/runner/workspace';
import { FIXTURES } from './paths';

const TEMPLATE = join(FIXTURES, 'template');

describe('workspace', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hw6-ws-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every template file, folders included', () => {
    const result = initWorkspace(dir, TEMPLATE);
    assert.deepEqual(result, { written: ['notes/answers.md', 'q5_beam_search.ts'], skipped: [] });
    assert.equal(
      readFileSync(join(dir, 'q5_beam_search.ts'), 'utf8'),
      readFileSync(join(TEMPLATE, 'q5_beam_search.ts'), 'utf8'),
    );
  });

  it("never overwrites a student's file, and says which it skipped", () => {
    writeFileSync(join(dir, 'q5_beam_search.ts'), 'my work');
    const result = initWorkspace(dir, TEMPLATE);
    assert.deepEqual(result, { written: ['notes/answers.md'], skipped: ['q5_beam_search.ts'] });
    assert.equal(readFileSync(join(dir, 'q5_beam_search.ts'), 'utf8'), 'my work');
    assert.deepEqual(initWorkspace(dir, TEMPLATE), { written: [], skipped: ['notes/answers.md', 'q5_beam_search.ts'] });
  });

  it('refuses a missing or empty template', () => {
    assert.throws(() => initWorkspace(dir, join(dir, 'nowhere')), /template is missing/);
    mkdirSync(join(dir, 'empty'));
    assert.throws(() => initWorkspace(join(dir, 'out'), join(dir, 'empty')), /has no files/);
  });

  it('finds the problems whose student files are present', () => {
    assert.deepEqual(findStudentFiles(dir), []);
    writeFileSync(join(dir, 'q5_beam_search.ts'), '');
    mkdirSync(join(dir, 'q4_autoencoders.ts')); // a folder is not a file
    assert.deepEqual(
      findStudentFiles(dir).map((s) => [s.problem.id, s.file]),
      [['beam-search', join(dir, 'q5_beam_search.ts')]],
    );
  });
});
