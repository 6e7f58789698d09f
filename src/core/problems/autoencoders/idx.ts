// The standard IDX files of MNIST and Fashion-MNIST (the `hw6.autoencoders.imageData: "idx"`
// setting), gzipped or not, so full-size data can replace the embedded 10k. A user points a setting
// at a folder, so every way a file can be wrong becomes an IdxFormatError that names the file and
// says what is wrong, instead of a shape error deep inside training.
//
// IDX: 4-byte magic 00 00 <type> <ndims> (type 0x08 = uint8: labels 0x00000801, images 0x00000803),
// then ndims big-endian uint32 sizes, then the data, row-major, one byte per value.
import type { RunFiles } from '../../engine/files';
import { SettingsError } from '../../problem';
import { GunzipError, gunzipChecked, isGzip } from '../../data/gunzip';
import type { ImageSet } from '../../data/imageSet';

/** The setting that names the IDX folder: a run reports a bad IDX file as a settings error about it. */
export const IDX_DIR_SETTING = 'hw6.autoencoders.idxDir';

export class IdxFormatError extends SettingsError {
  constructor(
    readonly fileName: string,
    problem: string,
  ) {
    super(IDX_DIR_SETTING, `${fileName}: ${problem}`);
    this.name = 'IdxFormatError';
  }
}

/** A folder that lacks one of the four files (or is missing or unreadable itself). */
export class IdxMissingFileError extends SettingsError {
  constructor(message: string) {
    super(IDX_DIR_SETTING, message);
    this.name = 'IdxMissingFileError';
  }
}

const TYPE_NAMES: Record<number, string> = {
  0x08: 'uint8',
  0x09: 'int8',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

export interface IdxArray {
  /** Sizes, outermost first (e.g. [60000, 28, 28]). */
  dims: number[];
  /** The values, row-major (a view into the decompressed bytes). */
  data: Uint8Array;
}

/** Parses one IDX file of uint8 values, gunzipping it first when it starts with 1f 8b. */
export function parseIdx(bytes: Uint8Array, fileName: string): IdxArray {
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      raw = gunzipChecked(bytes);
    } catch (e) {
      if (e instanceof GunzipError) throw new IdxFormatError(fileName, e.message);
      throw e;
    }
  }
  if (raw.length < 4)
    throw new IdxFormatError(fileName, `truncated: ${raw.length} bytes, shorter than the 4-byte IDX magic`);
  const magicHex = Array.from(raw.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  if (raw[0] !== 0 || raw[1] !== 0) {
    throw new IdxFormatError(
      fileName,
      `bad magic ${magicHex}: not an IDX file (expected 00 00 08 01 for labels or 00 00 08 03 for images)`,
    );
  }
  const type = raw[2];
  const ndims = raw[3];
  if (type !== 0x08) {
    const typeName = TYPE_NAMES[type];
    throw new IdxFormatError(
      fileName,
      typeName
        ? `unsupported IDX data type 0x${type.toString(16).padStart(2, '0')} (${typeName}); only uint8 (0x08) is supported`
        : `bad magic ${magicHex}: unknown IDX data type 0x${type.toString(16).padStart(2, '0')}`,
    );
  }
  if (ndims < 1) throw new IdxFormatError(fileName, `bad magic ${magicHex}: zero dimensions`);
  const headerBytes = 4 + 4 * ndims;
  if (raw.length < headerBytes)
    throw new IdxFormatError(
      fileName,
      `truncated header: ${ndims} dimensions need ${headerBytes} bytes, the file has ${raw.length}`,
    );
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((p, k) => p * k, 1);
  const actual = raw.length - headerBytes;
  const shape = dims.join('×');
  if (actual < expected) {
    throw new IdxFormatError(
      fileName,
      `truncated: the header says ${dims[0]} items (${shape}, ${expected} bytes of data) but only ${actual} bytes follow`,
    );
  }
  if (actual > expected) {
    throw new IdxFormatError(
      fileName,
      `the header says ${dims[0]} items (${shape}, ${expected} bytes of data) but ${actual} bytes follow (${actual - expected} extra)`,
    );
  }
  return { dims, data: raw.subarray(headerBytes) };
}

export interface NamedBytes {
  bytes: Uint8Array;
  fileName: string;
}

/** An ImageSet from an images file (n × rows × cols) and a labels file (n), checked against each other. */
export function imageSetFromIdx(images: NamedBytes, labels: NamedBytes, name: string): ImageSet {
  const img = parseIdx(images.bytes, images.fileName);
  const lab = parseIdx(labels.bytes, labels.fileName);
  if (img.dims.length !== 3)
    throw new IdxFormatError(
      images.fileName,
      `expected images (3 dimensions: count × rows × columns, magic 00 00 08 03), found ${img.dims.length} dimension(s) ${img.dims.join('×')}`,
    );
  if (lab.dims.length !== 1)
    throw new IdxFormatError(
      labels.fileName,
      `expected labels (1 dimension, magic 00 00 08 01), found ${lab.dims.length} dimensions ${lab.dims.join('×')}`,
    );
  const [n, height, width] = img.dims;
  if (lab.dims[0] !== n)
    throw new IdxFormatError(labels.fileName, `has ${lab.dims[0]} labels but ${images.fileName} has ${n} images`);
  if (n === 0 || width === 0 || height === 0)
    throw new IdxFormatError(images.fileName, `no images (${img.dims.join('×')})`);
  const pixels = img.data;
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  const labelsCopy = lab.data.slice();
  let classes = 0;
  for (const y of labelsCopy) if (y + 1 > classes) classes = y + 1;
  return { name, width, height, n, images: out, labels: labelsCopy, classes };
}

/** The four files of a standard MNIST-style folder, each looked for plain and then with `.gz`. */
export const IDX_FILE_NAMES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** `dir/name` with '/', whatever separator dir ends with (src/core cannot use node:path). */
export function joinPath(dir: string, name: string): string {
  return `${dir.replace(/[\\/]+$/, '')}/${name}`;
}

function folderName(dir: string): string {
  const parts = dir.split(/[\\/]+/).filter((p) => p.length > 0);
  return parts[parts.length - 1] ?? dir;
}

async function readEither(files: RunFiles, dir: string, base: string): Promise<NamedBytes> {
  const errors: string[] = [];
  for (const name of [base, `${base}.gz`]) {
    const path = joinPath(dir, name);
    try {
      return { bytes: await files.readUserFile(path), fileName: path };
    } catch (e) {
      errors.push((e as Error).message.replace(/\.$/, ''));
    }
  }
  const expected = Object.values(IDX_FILE_NAMES).join(', ');
  throw new IdxMissingFileError(
    `IDX folder ${dir}: cannot read ${base} or ${base}.gz (${errors.join('; ')}). ` +
      `The folder must hold ${expected}, each plain or gzipped (.gz).`,
  );
}

/** Loads train and test sets from a folder of the four IDX files (MNIST or Fashion-MNIST layout). */
export async function loadIdxDir(files: RunFiles, dir: string): Promise<{ train: ImageSet; test: ImageSet }> {
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    readEither(files, dir, IDX_FILE_NAMES.trainImages),
    readEither(files, dir, IDX_FILE_NAMES.trainLabels),
    readEither(files, dir, IDX_FILE_NAMES.testImages),
    readEither(files, dir, IDX_FILE_NAMES.testLabels),
  ]);
  const label = folderName(dir);
  const train = imageSetFromIdx(trainImages, trainLabels, `${label} train`);
  const test = imageSetFromIdx(testImages, testLabels, `${label} test`);
  if (train.width !== test.width || train.height !== test.height) {
    throw new IdxFormatError(
      testImages.fileName,
      `images are ${test.height}×${test.width} but ${trainImages.fileName} has ${train.height}×${train.width}`,
    );
  }
  const classes = Math.max(train.classes, test.classes);
  return { train: { ...train, classes }, test: { ...test, classes } };
}
