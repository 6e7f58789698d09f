// Unpacks a submitted .zip into a folder, refusing what could escape it or flood the disk: entries
// whose path leaves the folder (zip-slip: `..`, absolute paths, drive letters), too many entries,
// and more uncompressed bytes than the caps. fflate's unzipSync inflates each entry into a buffer of
// the size its central directory declares and never grows it, so a lying header cannot blow past
// the caps either.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';

export interface ZipLimits {
  /** The .zip file itself. */
  maxZipBytes: number;
  maxEntries: number;
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
  /** Any one entry, uncompressed. */
  maxEntryBytes: number;
}

/** A homework submission is a handful of small text files: generous caps still stop a bomb. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 50 * 1024 * 1024,
  maxEntries: 2000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 20 * 1024 * 1024,
};

export class ZipRefused extends Error {}

/** Extracts `zipFile` into `dest` (created); returns the files written, relative to `dest`. */
export function extractZip(zipFile: string, dest: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): string[] {
  const size = statSync(zipFile).size;
  if (size > limits.maxZipBytes)
    throw new ZipRefused(`${zipFile} is ${mb(size)}; a submission may be at most ${mb(limits.maxZipBytes)}.`);
  const root = resolve(dest);
  let entries = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(readFileSync(zipFile), {
      filter(entry) {
        entries++;
        if (entries > limits.maxEntries) throw new ZipRefused(`${zipFile} has more than ${limits.maxEntries} entries.`);
        safeTarget(root, entry.name); // every entry, folders included
        if (entry.name.endsWith('/')) return false;
        if (entry.originalSize > limits.maxEntryBytes)
          throw new ZipRefused(
            `${entry.name} in ${zipFile} unpacks to ${mb(entry.originalSize)} (at most ${mb(limits.maxEntryBytes)}).`,
          );
        total += entry.originalSize;
        if (total > limits.maxTotalBytes)
          throw new ZipRefused(`${zipFile} unpacks to more than ${mb(limits.maxTotalBytes)}.`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ZipRefused) throw err;
    throw new ZipRefused(`${zipFile} is not a readable .zip (${(err as Error).message}).`);
  }
  const written: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    const target = safeTarget(root, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    written.push(target.slice(root.length + 1));
  }
  return written;
}

/** Where `name` goes under `root`; throws for a name that would land outside it. */
function safeTarget(root: string, name: string): string {
  const parts = name.replace(/\\/g, '/').split('/');
  if (name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || parts.includes('..'))
    throw new ZipRefused(`the entry "${name}" would be written outside the submission's folder; the .zip is refused.`);
  const target = join(root, ...parts.filter((p) => p !== '' && p !== '.'));
  if (target !== root && !target.startsWith(root + sep))
    throw new ZipRefused(`the entry "${name}" would be written outside the submission's folder; the .zip is refused.`);
  return target;
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
