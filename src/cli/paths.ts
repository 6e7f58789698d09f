// Where the CLI's companions are: the child process's script, the reference modules and the wasm
// files sit next to the bundle (dist/), the
// workspace template and the runs' assets live in the package's media/ folder.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of the running bundle (dist/ in the package). */
export const bundleDir = __dirname;

export const childScript = join(bundleDir, 'child.js');
export const referenceDir = join(bundleDir, 'reference');
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

export function templateDir(): string {
  return join(mediaDir(), 'workspace');
}

/** The package's media/ folder: the workspace template and the runs' assets (ctx.files.readAsset). */
export function mediaDir(): string {
  return join(packageRoot(), 'media');
}
