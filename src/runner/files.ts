// RunFiles in Node (the run's worker and its cell workers): the lab's assets from the extension's (or
// CLI package's) media/ folder, and files the user named in a setting by absolute path. Errors name
// the file, in words a student can act on.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RunFiles } from '../core/engine/files';

export function nodeRunFiles(mediaDir: string): RunFiles {
  return {
    readAsset: (name) => readAsset(mediaDir, name),
    readUserFile,
  };
}

/** The asset `name` (a relative path under media/, '/' separated); refuses names that leave media/. */
export async function readAsset(mediaDir: string, name: string): Promise<Uint8Array> {
  const path = assetPath(mediaDir, name);
  try {
    return bytesOf(await readFile(path));
  } catch (err) {
    throw new Error(`Cannot read the lab's asset "${name}" (${path}): ${reasonOf(err)}.`);
  }
}

export function assetPath(mediaDir: string, name: string): string {
  const parts = name.split(/[\\/]/);
  if (!name || isAbsolute(name) || /^[A-Za-z]:/.test(name) || parts.includes('..') || parts.some((p) => p === '')) {
    throw new Error(`Invalid asset name "${name}": an asset is a relative path inside the lab's media/ folder.`);
  }
  const root = resolve(mediaDir);
  const path = join(root, ...parts);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw new Error(`Invalid asset name "${name}": an asset is a relative path inside the lab's media/ folder.`);
  }
  return path;
}

/** A file named in a setting (an absolute path). */
export async function readUserFile(path: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || !isAbsolute(path)) {
    throw new Error(`Cannot read "${String(path)}": expected an absolute path.`);
  }
  let isDirectory = false;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${reasonOf(err)}.`);
  }
  if (isDirectory) throw new Error(`Cannot read ${path}: it is a directory, not a file.`);
  try {
    return bytesOf(await readFile(path));
  } catch (err) {
    throw new Error(`Cannot read ${path}: ${reasonOf(err)}.`);
  }
}

/** A plain Uint8Array (as the webview's fetch gives), not a Buffer. */
function bytesOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return err instanceof Error ? err.message : String(err);
}
