// Problem 4 on IDX files (hw6.autoencoders.imageData 'idx'): a folder with fewer images than the
// config's train / validation / test splits take is a settings error naming hw6.autoencoders.idxDir
// and saying how many images were found and needed (it used to cut the validation split to nothing:
// every validation loss NaN, and a run that passed); a folder with enough images trains.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTfBackend } from '../support/tf';
import { IDX_FILE_NAMES } from '../../../src/core/problems/autoencoders/idx';
import { SettingsError } from '../../../src/core/problem';
import { isArtifactKind, type RunEvent } from '../../../src/core/engine/events';
import type { AeCellArtifact } from '../../../src/core/problems/autoencoders/artifact';
import { loadData } from '../../../src/core/problems/autoencoders/grid';
import { files, findingsIn, judgeQ4, quickConfig } from './support';
import { reference } from './wrongSolutions';

const SIDE = 4;

/** An IDX file: magic 00 00 08 <ndims>, big-endian sizes, then the uint8 values. */
function idx(dims: number[], values: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(8, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(values)]);
}

/** n images of SIDE × SIDE pixels (label i mod 3: the brighter pixels sit by class) and their labels. */
function imageFiles(n: number): { images: Buffer; labels: Buffer } {
  const pixels = new Uint8Array(n * SIDE * SIDE);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let j = 0; j < SIDE * SIDE; j++)
      pixels[i * SIDE * SIDE + j] = (j % 3 === labels[i] ? 200 : 20) + ((i * 7 + j * 13) % 40);
  }
  return { images: idx([n, SIDE, SIDE], pixels), labels: idx([n], labels) };
}

function writeFolder(dir: string, train: number, test: number): void {
  const a = imageFiles(train),
    b = imageFiles(test);
  writeFileSync(join(dir, IDX_FILE_NAMES.trainImages), a.images);
  writeFileSync(join(dir, IDX_FILE_NAMES.trainLabels), a.labels);
  writeFileSync(join(dir, IDX_FILE_NAMES.testImages), b.images);
  writeFileSync(join(dir, IDX_FILE_NAMES.testLabels), b.labels);
}

describe('Q4 on IDX files: too few images is a settings error', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    await useTfBackend();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hw6-ae-idx-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const idxConfig = (images: Partial<ReturnType<typeof quickConfig>['images']> = {}) =>
    quickConfig({
      datasets: ['images'],
      activations: ['linear'],
      variants: ['vanilla'],
      ks: [5],
      imageData: 'idx',
      idxDir: dir,
      images: { ...quickConfig().images, ...images },
    });

  const errorOf = (events: RunEvent[]): Extract<RunEvent, { type: 'error' }> => {
    const last = events[events.length - 1]!;
    assert.equal(last.type, 'error', JSON.stringify(last));
    return last as Extract<RunEvent, { type: 'error' }>;
  };

  it('a train file with fewer images than the training and validation splits: the run ends with a settings error, no findings', async () => {
    writeFolder(dir, 20, 5);
    const events = await judgeQ4(reference, idxConfig());
    const error = errorOf(events);
    assert.equal(error.reason, 'settings');
    assert.equal(error.setting, 'hw6.autoencoders.idxDir');
    assert.equal(
      error.message.split('. ')[0],
      `hw6.autoencoders.idxDir: IDX folder ${dir}: train-images-idx3-ubyte holds 20 images, fewer than the 4000 needed for the training and validation splits (3000 + 1000)`,
    );
    assert.deepEqual(findingsIn(events), []);
    assert.ok(!events.some((e) => e.type === 'done'));
  });

  it('a test file with fewer images than the test split, and a train file without room for the validation split (idxTrain 0), are settings errors too', async () => {
    writeFolder(dir, 20, 5);
    await assert.rejects(loadData(idxConfig({ idxTrain: 12, idxVal: 4, idxTest: 10 }), 'idx', files), (e: unknown) => {
      assert.ok(e instanceof SettingsError, String(e));
      assert.equal(e.setting, 'hw6.autoencoders.idxDir');
      assert.match(e.message, /t10k-images-idx3-ubyte holds 5 images, fewer than the 10 needed for the test split\./);
      return true;
    });
    await assert.rejects(loadData(idxConfig({ idxTrain: 0, idxVal: 20, idxTest: 0 }), 'idx', files), (e: unknown) => {
      assert.ok(e instanceof SettingsError, String(e));
      assert.match(
        e.message,
        /train-images-idx3-ubyte holds 20 images, fewer than the 21 needed for the validation split \(20\) and at least one training image\./,
      );
      return true;
    });
  });

  it('a folder with enough images: the splits the config asks for, and a run whose losses are all finite', async () => {
    writeFolder(dir, 20, 6);
    const config = idxConfig({ idxTrain: 12, idxVal: 4, idxTest: 5 });
    const data = await loadData(config, 'idx', files);
    assert.deepEqual([data.dim, data.train.n, data.val.n, data.test.n, data.classes], [SIDE * SIDE, 12, 4, 5, 3]);
    const all = await loadData({ ...config, images: { ...config.images, idxTrain: 0, idxTest: 0 } }, 'idx', files);
    assert.deepEqual([all.train.n, all.val.n, all.test.n], [16, 4, 6]);
    const events = await judgeQ4(reference, config);
    const done = events[events.length - 1]!;
    assert.equal(done.type, 'done', JSON.stringify(done));
    assert.ok(
      !findingsIn(events).some((f) => f.checkId === 'q4.finite-loss'),
      JSON.stringify(findingsIn(events).filter((f) => !f.ok)),
    );
    const cells = events.flatMap((e) =>
      e.type === 'artifact' && isArtifactKind<AeCellArtifact>(e.artifact, 'ae-cell') ? [e.artifact.cell] : [],
    );
    assert.equal(cells.length, 1);
    assert.ok(cells[0]!.valLoss.every(Number.isFinite), String(cells[0]!.valLoss));
  });
});
