// Builds the CLI, worker and bench bundles the way esbuild.mjs does, into a private folder under out/,
// so the runner and CLI tests exercise real bundles without depending on a prior `npm run build`.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface Bundles {
  dir: string;
  cli: string;
  worker: string;
  bench: string;
  /** dist/worker.js plus the test-only 'cells-test' problem (support/cellsWorker.ts). */
  cellsWorker: string;
  wasmDir: string;
}

let built: Promise<Bundles> | undefined;

/** Built once per test process; removed when the process exits. */
export function buildBundles(): Promise<Bundles> {
  built ??= (async () => {
    const root = repoRoot();
    const dir = join(root, 'out', 'test-bundles', String(process.pid));
    const wasmDir = join(dir, 'wasm');
    mkdirSync(wasmDir, { recursive: true });
    const wasmSource = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
    for (const f of readdirSync(wasmSource).filter((f) => f.endsWith('.wasm'))) cpSync(join(wasmSource, f), join(wasmDir, f));
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: { cli: 'src/cli/main.ts', worker: 'src/runner/worker.ts', bench: 'src/cli/bench.ts', cellsWorker: 'test/unit/runner/support/cellsWorker.ts' },
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'linked',
      external: ['vscode'],
      logLevel: 'warning',
    });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return { dir, cli: join(dir, 'cli.js'), worker: join(dir, 'worker.js'), bench: join(dir, 'bench.js'), cellsWorker: join(dir, 'cellsWorker.js'), wasmDir };
  })();
  return built;
}
