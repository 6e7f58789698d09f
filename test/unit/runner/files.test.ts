import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeRunFiles } from '../../../src/runner/files';

describe('RunFiles in Node (src/runner/files.ts)', () => {
  let dir: string;
  let media: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hw6-files-'));
    media = join(dir, 'media');
    mkdirSync(join(media, 'data'), { recursive: true });
    writeFileSync(join(media, 'data', 'asset.bin'), Buffer.from([1, 2, 3]));
    writeFileSync(join(dir, 'secret.txt'), 'outside media');
    writeFileSync(join(dir, 'user.idx'), Buffer.from([9, 8]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an asset under media/ as a plain Uint8Array', async () => {
    const bytes = await nodeRunFiles(media).readAsset('data/asset.bin');
    assert.equal(Object.getPrototypeOf(bytes), Uint8Array.prototype);
    assert.deepEqual([...bytes], [1, 2, 3]);
  });

  it('refuses asset names that leave media/ (.., absolute paths, empty parts)', async () => {
    const files = nodeRunFiles(media);
    for (const name of [
      '../secret.txt',
      'data/../../secret.txt',
      join(dir, 'secret.txt'),
      '/etc/passwd',
      'C:\\x',
      '..\\secret.txt',
      '',
      'data//asset.bin',
    ]) {
      await assert.rejects(
        files.readAsset(name),
        /Invalid asset name .*relative path inside the lab's media\/ folder/,
        name,
      );
    }
  });

  it('names a missing asset and its path', async () => {
    await assert.rejects(nodeRunFiles(media).readAsset('data/missing.bin'), (err: Error) => {
      assert.match(err.message, /asset "data\/missing\.bin"/);
      assert.ok(err.message.includes(join(media, 'data', 'missing.bin')), err.message);
      assert.match(err.message, /no such file/);
      return true;
    });
  });

  it('reads a user file by absolute path', async () => {
    assert.deepEqual([...(await nodeRunFiles(media).readUserFile(join(dir, 'user.idx')))], [9, 8]);
  });

  it('names the path of a user file that is missing, a directory, relative or unreadable', async () => {
    const files = nodeRunFiles(media);
    const missing = join(dir, 'nope.idx');
    await assert.rejects(
      files.readUserFile(missing),
      (err: Error) => err.message === `Cannot read ${missing}: no such file.`,
    );
    await assert.rejects(
      files.readUserFile(media),
      (err: Error) => err.message === `Cannot read ${media}: it is a directory, not a file.`,
    );
    await assert.rejects(files.readUserFile('user.idx'), /Cannot read "user\.idx": expected an absolute path/);
    const locked = join(dir, 'locked.idx');
    writeFileSync(locked, 'x');
    chmodSync(locked, 0o000);
    try {
      if (process.getuid?.() === 0) return; // root reads anything
      await assert.rejects(
        files.readUserFile(locked),
        (err: Error) => err.message === `Cannot read ${locked}: permission denied.`,
      );
    } finally {
      chmodSync(locked, 0o600);
    }
  });
});
