// The repository root, found from wherever the bundled test file runs (out/test/…, out/tmp-…).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(from = __dirname): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hw6-lab')
      return dir;
  }
  throw new Error(`no hw6-lab package above ${from}`);
}
