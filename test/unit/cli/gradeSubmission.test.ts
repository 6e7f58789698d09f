// Reading submissions: folders and .zip files with the student's files wherever they are, the caps
// that refuse zip-slip and zip bombs, and the seeded bugs applied to the solved workspace.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { applyBug, seededBugs, solutionDir, writeSubmissions } from '../../../src/cli/grade/seededBugs';
import { openSubmission } from '../../../src/cli/grade/submission';
import { DEFAULT_ZIP_LIMITS, extractZip, ZipRefused } from '../../../src/cli/grade/zip';

describe('grade: submissions', () => {
  let tmp: string;
  beforeEach(() => (tmp = mkdtempSync(join(tmpdir(), 'hw6-grade-sub-'))));
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const zip = (name: string, files: Record<string, Uint8Array>): string => {
    const file = join(tmp, name);
    writeFileSync(file, zipSync(files));
    return file;
  };

  it('finds the files in a nested folder of a .zip, the shallowest copy first, and cleans up', () => {
    const file = zip('alice.zip', {
      'upload/hw6/q5_beam_search.ts': strToU8('export const beam = 1;'),
      'upload/hw6/answers.md': strToU8('## 5a\nAnswer: neural\n'),
      'upload/hw6/old/q5_beam_search.ts': strToU8('old'),
      '__MACOSX/upload/hw6/q2_attention_scaling.ts': strToU8('resource fork'),
    });
    const s = openSubmission(file);
    try {
      assert.equal(s.name, 'alice');
      assert.deepEqual([...s.files.students.keys()], ['beam-search']);
      assert.equal(s.files.students.get('beam-search')!.source, 'export const beam = 1;');
      assert.match(s.files.answers!.text, /neural/);
      assert.deepEqual(s.duplicates, ['q5_beam_search.ts']);
      assert.ok(existsSync(s.files.dir));
    } finally {
      s.dispose();
    }
    assert.ok(!existsSync(s.files.dir), 'the temporary folder is removed');
  });

  it('reads a folder as it is', () => {
    mkdirSync(join(tmp, 'bob', 'src'), { recursive: true });
    writeFileSync(join(tmp, 'bob', 'src', 'q1_zkc.ts'), 'x');
    const s = openSubmission(join(tmp, 'bob'));
    assert.equal(s.name, 'bob');
    assert.deepEqual([...s.files.students.keys()], ['zkc']);
    assert.equal(s.files.answers, undefined);
  });

  it('refuses a .zip whose entries leave the folder (zip-slip), and writes nothing outside it', () => {
    for (const name of ['../evil.ts', 'hw6/../../evil.ts', '/etc/evil.ts', 'C:/evil.ts', '..\\evil.ts']) {
      const file = zip('evil.zip', { 'q5_beam_search.ts': strToU8('ok'), [name]: strToU8('pwned') });
      const dest = join(tmp, 'out', 'x');
      assert.throws(
        () => extractZip(file, dest),
        (e: unknown) => e instanceof ZipRefused && /would be written outside the submission's folder/.test(e.message),
        name,
      );
      assert.ok(!existsSync(join(tmp, 'out', 'evil.ts')) && !existsSync(join(tmp, 'evil.ts')), name);
      assert.throws(() => openSubmission(file), /refused/, name);
    }
  });

  it('refuses zip bombs: too many entries, too many bytes', function () {
    this.timeout(60_000); // compressing 16 MB on a loaded machine
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) many[`f${i}.txt`] = strToU8('x');
    assert.throws(
      () => extractZip(zip('many.zip', many), join(tmp, 'a'), { ...DEFAULT_ZIP_LIMITS, maxEntries: 20 }),
      /more than 20 entries/,
    );
    // 8 MB of zeros compress to a few kB
    const bomb = zip('bomb.zip', {
      'a.bin': new Uint8Array(8 * 1024 * 1024),
      'b.bin': new Uint8Array(8 * 1024 * 1024),
    });
    assert.ok(readFileSync(bomb).length < 100_000);
    assert.throws(
      () => extractZip(bomb, join(tmp, 'b'), { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 4 * 1024 * 1024 }),
      /a\.bin .* unpacks to 8\.0 MB \(at most 4\.0 MB\)/,
    );
    assert.throws(
      () => extractZip(bomb, join(tmp, 'c'), { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 12 * 1024 * 1024 }),
      /unpacks to more than 12\.0 MB/,
    );
    assert.throws(() => extractZip(bomb, join(tmp, 'd'), { ...DEFAULT_ZIP_LIMITS, maxZipBytes: 1000 }), /at most/);
    writeFileSync(join(tmp, 'junk.zip'), 'not a zip');
    assert.throws(() => extractZip(join(tmp, 'junk.zip'), join(tmp, 'e')), /not a readable \.zip/);
  });
});

describe('grade: the seeded bugs', () => {
  it('each changes one line of the solved workspace, found exactly once', () => {
    const ids = new Set<string>();
    for (const bug of seededBugs) {
      assert.ok(!ids.has(bug.id), `${bug.id} is unique`);
      ids.add(bug.id);
      const text = readFileSync(join(solutionDir(), bug.file), 'utf8');
      const mutated = applyBug(text, bug);
      const before = text.split('\n');
      const after = mutated.split('\n');
      assert.equal(after.length, before.length, bug.id);
      assert.equal(after.filter((line, i) => line !== before[i]).length, 1, bug.id);
    }
    assert.throws(() => applyBug('nothing here', seededBugs[0]!), /exactly once/);
  });

  it('writes the reference and one copy per bug, the list starting over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hw6-grade-bugs-'));
    try {
      const written = writeSubmissions(dir, seededBugs.length + 2);
      assert.equal(written[0]!.name, '00-reference');
      assert.equal(written[1]!.bug, seededBugs[0]);
      assert.equal(written[seededBugs.length + 1]!.bug, seededBugs[0]);
      assert.equal(readdirSync(dir).length, seededBugs.length + 2);
      const bug = written[1]!.bug!;
      assert.ok(readFileSync(join(written[1]!.dir, bug.file), 'utf8').includes(bug.to));
      assert.equal(
        readFileSync(join(written[0]!.dir, bug.file), 'utf8'),
        readFileSync(join(solutionDir(), bug.file), 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
