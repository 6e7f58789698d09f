// Where the CLI's companions are: the child process's script, the reference modules and the wasm
// files sit next to the bundle (dist/), the
// workspace template and the runs' assets live in the package's media/ folder.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { flavour } from '../core/flavour';

/** The folder of the running bundle (dist/ in the package). */
export const bundleDir = __dirname;

export const childScript = join(bundleDir, 'child.js');
/** The reference bundles: the staff build only (the student build replays recordedDir's runs). */
export const referenceDir: string | undefined = flavour === 'staff' ? join(bundleDir, 'reference') : undefined;
export const wasmDir = join(bundleDir, 'wasm');

/** The installed package's root: the nearest folder above the bundle whose package.json is hw6-lab's. */
export function packageRoot(from = bundleDir): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hw6-lab') return dir;
      } catch {
        // not ours: keep looking
      }
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find the hw6-lab package above ${from}.`);
  }
}

/** The reference bundles for the benchmarks, which run the reference: the staff build only. */
export function staffReferenceDir(): string {
  if (!referenceDir)
    throw new Error('This is the student build of HW6 Lab: it has no reference solutions to benchmark.');
  return referenceDir;
}

/** The recorded reference runs (media/recorded), which the student build replays. */
export function recordedDir(): string {
  return join(mediaDir(), 'recorded');
}

export function templateDir(): string {
  return join(mediaDir(), 'workspace');
}

/** The package's media/ folder: the workspace template and the runs' assets (ctx.files.readAsset). */
export function mediaDir(): string {
  return join(packageRoot(), 'media');
}
