// The repository's root for the data tests, found from the compiled test's location (out/test/…)
// or the working directory, so they can read media/ and run scripts/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(): string {
  const marker = join('scripts', 'build-mnist.mjs');
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) if (existsSync(join(dir, marker))) return dir;
  return process.cwd();
}
