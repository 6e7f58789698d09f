import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { classCounts } from '../../../src/core/data/imageSet';
import {
  IDX_FILE_NAMES,
  IdxFormatError,
  IdxMissingFileError,
  imageSetFromIdx,
  joinPath,
  loadIdxDir,
  parseIdx,
} from '../../../src/core/problems/autoencoders/idx';
import type { RunFiles } from '../../../src/core/engine/files';
import { failureOf } from '../../../src/core/engine/childEngine';
import { nodeRunFiles } from '../../../src/runner/files';
import { defaultConfig, validateConfig } from '../../../src/core/problems/autoencoders/config';

const FASHION_DIR = '/usr/share/datasets/fashion-mnist';

const nodeFiles: RunFiles = {
  readAsset: async (name) => {
    throw new Error(`no assets in this test (${name})`);
  },
  readUserFile: async (path) => new Uint8Array(await readFile(path)),
};

/** IDX bytes: magic 00 00 08 <ndims>, big-endian sizes, then the values. */
function idxBytes(dims: number[], data: ArrayLike<number>, type = 0x08): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((k, i) => view.setUint32(4 + 4 * i, k, false));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

/** 3 images of 2×4 and their labels. */
const PIXELS = Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 11) % 256);
const LABELS = [2, 0, 1];
const images = (): Uint8Array => idxBytes([3, 2, 4], PIXELS);
const labels = (): Uint8Array => idxBytes([3], LABELS);

function throwsIdx(fn: () => unknown, fileName: string, pattern: RegExp): void {
  assert.throws(fn, (e: Error) => {
    assert.ok(e instanceof IdxFormatError, `expected an IdxFormatError, got ${e.name}: ${e.message}`);
    assert.ok(e.message.startsWith(`${fileName}: `), `message must name the file: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

describe('IDX files', () => {
  describe('hand-made bytes round-trip', () => {
    for (const gz of [false, true]) {
      it(gz ? 'gzipped' : 'plain', () => {
        const wrap = (b: Uint8Array): Uint8Array => (gz ? gzipSync(b) : b);
        const parsed = parseIdx(wrap(images()), 'imgs');
        assert.deepEqual(parsed.dims, [3, 2, 4]);
        assert.deepEqual(Array.from(parsed.data), PIXELS);
        const set = imageSetFromIdx(
          { bytes: wrap(images()), fileName: 'imgs' },
          { bytes: wrap(labels()), fileName: 'labs' },
          'tiny',
        );
        assert.equal(set.name, 'tiny');
        assert.deepEqual([set.n, set.height, set.width, set.classes], [3, 2, 4, 3]);
        assert.deepEqual(Array.from(set.labels), LABELS);
        assert.deepEqual(
          Array.from(set.images),
          PIXELS.map((p) => Math.fround(p / 255)),
        );
      });
    }
  });

  describe('a malformed file gives an IdxFormatError naming the file and the fault', () => {
    it('bad magic', () => {
      const b = images();
      b[0] = 0x12;
      throwsIdx(() => parseIdx(b, 'a/train-images-idx3-ubyte'), 'a/train-images-idx3-ubyte', /bad magic 12 00 08 03/);
    });
    it('unsupported data type (float32)', () => {
      throwsIdx(
        () => parseIdx(idxBytes([2], [0, 0, 0, 0, 0, 0, 0, 0], 0x0d), 'f.idx'),
        'f.idx',
        /unsupported IDX data type 0x0d \(float32\)/,
      );
    });
    it('unknown data type', () => {
      throwsIdx(() => parseIdx(idxBytes([1], [0], 0x42), 'f.idx'), 'f.idx', /bad magic .*unknown IDX data type 0x42/);
    });
    it('truncated data: the header says N items but fewer bytes follow', () => {
      const b = images().slice(0, -5);
      throwsIdx(
        () => parseIdx(b, 'imgs'),
        'imgs',
        /truncated: the header says 3 items \(3×2×4, 24 bytes of data\) but only 19 bytes follow/,
      );
    });
    it('truncated header', () => {
      throwsIdx(
        () => parseIdx(images().slice(0, 9), 'imgs'),
        'imgs',
        /truncated header: 3 dimensions need 16 bytes, the file has 9/,
      );
      throwsIdx(() => parseIdx(new Uint8Array([0, 0]), 'imgs'), 'imgs', /truncated: 2 bytes/);
    });
    it('extra bytes after the data', () => {
      const b = new Uint8Array(images().length + 3);
      b.set(images());
      throwsIdx(() => parseIdx(b, 'imgs'), 'imgs', /3 extra/);
    });
    it('truncated gzip', () => {
      const gz = gzipSync(idxBytes([3, 2, 4], PIXELS));
      throwsIdx(() => parseIdx(gz.slice(0, gz.length - 6), 'imgs.gz'), 'imgs.gz', /corrupt or truncated gzip/);
      throwsIdx(() => parseIdx(gz.slice(0, 12), 'imgs.gz'), 'imgs.gz', /gzip data truncated/);
    });
    it('corrupt gzip (a changed byte, caught by inflate or the CRC)', () => {
      const big = idxBytes(
        [50, 28, 28],
        Array.from({ length: 50 * 784 }, (_, i) => (i * 7919) % 256),
      );
      const gz = gzipSync(big);
      const bad = gz.slice();
      bad[bad.length >> 1] ^= 0x01;
      throwsIdx(() => parseIdx(bad, 'imgs.gz'), 'imgs.gz', /corrupt/);
      const badCrc = gz.slice();
      badCrc[badCrc.length - 8] ^= 0xff;
      throwsIdx(() => parseIdx(badCrc, 'imgs.gz'), 'imgs.gz', /CRC-32 mismatch/);
    });
    it('a gzip trailer whose length disagrees with the data', () => {
      const gz = gzipSync(images());
      gz[gz.length - 4] += 1;
      throwsIdx(() => parseIdx(gz, 'imgs.gz'), 'imgs.gz', /trailer says 41 bytes, inflated 40/);
    });
    it('images and labels that do not match', () => {
      throwsIdx(
        () =>
          imageSetFromIdx(
            { bytes: images(), fileName: 'imgs' },
            { bytes: idxBytes([2], [0, 1]), fileName: 'labs' },
            'x',
          ),
        'labs',
        /has 2 labels but imgs has 3 images/,
      );
    });
    it('labels given as images and images as labels', () => {
      throwsIdx(
        () => imageSetFromIdx({ bytes: labels(), fileName: 'imgs' }, { bytes: labels(), fileName: 'labs' }, 'x'),
        'imgs',
        /expected images \(3 dimensions/,
      );
      throwsIdx(
        () => imageSetFromIdx({ bytes: images(), fileName: 'imgs' }, { bytes: images(), fileName: 'labs' }, 'x'),
        'labs',
        /expected labels \(1 dimension/,
      );
    });
  });

  describe('loadIdxDir', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'hw6-idx-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the four files, each plain or gzipped, from a folder (trailing slash or not)', async () => {
      writeFileSync(join(dir, IDX_FILE_NAMES.trainImages), images());
      writeFileSync(join(dir, `${IDX_FILE_NAMES.trainLabels}.gz`), gzipSync(labels()));
      writeFileSync(join(dir, `${IDX_FILE_NAMES.testImages}.gz`), gzipSync(idxBytes([1, 2, 4], PIXELS.slice(0, 8))));
      writeFileSync(join(dir, IDX_FILE_NAMES.testLabels), idxBytes([1], [9]));
      for (const d of [dir, `${dir}/`]) {
        const { train, test } = await loadIdxDir(nodeFiles, d);
        assert.deepEqual([train.n, test.n, train.width, train.height], [3, 1, 4, 2]);
        assert.equal(train.classes, 10, 'classes shared by train and test');
        assert.equal(test.classes, 10);
        assert.deepEqual(Array.from(test.labels), [9]);
      }
    });

    it('joins paths with one /, whatever the folder ends with', () => {
      assert.equal(joinPath('/data/mnist', 'f'), '/data/mnist/f');
      assert.equal(joinPath('/data/mnist//', 'f'), '/data/mnist/f');
      assert.equal(joinPath('C:\\data\\', 'f'), 'C:\\data/f');
    });

    it('names the folder and the expected files when one is missing', async () => {
      writeFileSync(join(dir, IDX_FILE_NAMES.trainImages), images());
      writeFileSync(join(dir, IDX_FILE_NAMES.trainLabels), labels());
      writeFileSync(join(dir, IDX_FILE_NAMES.testImages), images());
      await assert.rejects(loadIdxDir(nodeFiles, dir), (e: Error) => {
        assert.ok(e instanceof IdxMissingFileError, `${e.name}: ${e.message}`);
        assert.ok(e.message.includes(`IDX folder ${dir}`), e.message);
        assert.match(e.message, /cannot read t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte\.gz/);
        assert.match(
          e.message,
          /train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte/,
        );
        return true;
      });
    });

    it('passes a malformed file’s IdxFormatError through, with its path', async () => {
      const bad = labels().slice(0, -1);
      writeFileSync(join(dir, IDX_FILE_NAMES.trainImages), images());
      writeFileSync(join(dir, IDX_FILE_NAMES.trainLabels), bad);
      writeFileSync(join(dir, IDX_FILE_NAMES.testImages), images());
      writeFileSync(join(dir, IDX_FILE_NAMES.testLabels), labels());
      await assert.rejects(loadIdxDir(nodeFiles, dir), (e: Error) => {
        assert.ok(e instanceof IdxFormatError);
        assert.ok(e.message.startsWith(`${joinPath(dir, IDX_FILE_NAMES.trainLabels)}: truncated`), e.message);
        return true;
      });
    });
  });

  describe('a bad hw6.autoencoders.idxDir, as a run reports it', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'hw6-idx-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** The failure the child reports of loadIdxDir's rejection. */
    async function runError(folder: string): Promise<ReturnType<typeof failureOf>> {
      const err = await loadIdxDir(nodeRunFiles(dir), folder).then(
        () => assert.fail('loadIdxDir resolved'),
        (e: unknown) => e,
      );
      return failureOf(err);
    }

    it('a missing folder is a settings error naming the setting and the folder, not an internal error', async () => {
      const missing = join(dir, 'no-such-folder');
      const event = await runError(missing);
      assert.equal(event.reason, 'settings');
      assert.equal(event.setting, 'hw6.autoencoders.idxDir');
      assert.ok(
        event.message.startsWith(`hw6.autoencoders.idxDir: IDX folder ${missing}: cannot read `),
        event.message,
      );
      assert.doesNotMatch(event.message, /\.;|\.\)/, 'the files’ reasons are joined without doubled stops');
    });

    it('a malformed file is a settings error naming the setting and the file in the folder', async () => {
      writeFileSync(join(dir, IDX_FILE_NAMES.trainImages), images());
      writeFileSync(join(dir, IDX_FILE_NAMES.trainLabels), labels());
      writeFileSync(join(dir, IDX_FILE_NAMES.testImages), images().slice(0, 10));
      writeFileSync(join(dir, IDX_FILE_NAMES.testLabels), labels());
      const event = await runError(dir);
      assert.equal(event.reason, 'settings');
      assert.equal(event.setting, 'hw6.autoencoders.idxDir');
      assert.ok(
        event.message.startsWith(`hw6.autoencoders.idxDir: ${joinPath(dir, IDX_FILE_NAMES.testImages)}: truncated`),
        event.message,
      );
    });

    it('an empty folder setting with imageData "idx" is a settings error naming the setting', () => {
      const err = (() => {
        try {
          validateConfig({ ...defaultConfig(true), imageData: 'idx', idxDir: '' });
        } catch (e) {
          return e;
        }
        return assert.fail('validateConfig accepted an empty idxDir');
      })();
      const event = failureOf(err);
      assert.equal(event.reason, 'settings');
      assert.equal(event.setting, 'hw6.autoencoders.idxDir');
      assert.match(event.message, /^hw6\.autoencoders\.idxDir: no folder given/);
    });

    it('other errors stay internal', () => {
      const event = failureOf(new Error('boom'));
      assert.equal(event.reason, 'internal');
      assert.equal(event.setting, undefined);
    });
  });

  describe("Debian's Fashion-MNIST (dataset-fashion-mnist)", () => {
    before(function () {
      const present = Object.values(IDX_FILE_NAMES).every((f) => existsSync(join(FASHION_DIR, `${f}.gz`)));
      if (present) return;
      // CI installs the package (scripts/ensure-system-deps.sh): missing there is a failure.
      if (process.env.CI)
        throw new Error(`${FASHION_DIR} is missing its IDX files: install the Debian package dataset-fashion-mnist`);
      this.skip();
    });

    it('parses to 60 000 / 10 000 images of 28×28 with labels 0–9, 6 000 / 1 000 per class', async function () {
      this.timeout(60_000);
      const { train, test } = await loadIdxDir(nodeFiles, FASHION_DIR);
      assert.deepEqual([train.n, train.height, train.width, train.classes], [60_000, 28, 28, 10]);
      assert.deepEqual([test.n, test.height, test.width, test.classes], [10_000, 28, 28, 10]);
      assert.equal(train.images.length, 60_000 * 784);
      assert.deepEqual(classCounts(train), new Array(10).fill(6_000));
      assert.deepEqual(classCounts(test), new Array(10).fill(1_000));
      let max = 0;
      for (const v of test.images) if (v > max) max = v;
      assert.equal(max, 1);
      // The raw bytes agree with the parse (first test image's first row of pixels).
      const raw = parseIdx(new Uint8Array(readFileSync(join(FASHION_DIR, `${IDX_FILE_NAMES.testImages}.gz`))), 'test');
      for (let j = 0; j < 784; j++) assert.equal(test.images[j], Math.fround(raw.data[j] / 255));
    });
  });
});
