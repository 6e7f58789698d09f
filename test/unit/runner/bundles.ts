// Builds the CLI, child, reference and bench bundles the way esbuild.mjs does, into a private folder under out/,
// so the runner and CLI tests exercise real bundles without depending on a prior `npm run build`.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { problemFolders } from '../../../scripts/problemFolders.mjs';
import { watPlugin } from '../../../scripts/watPlugin.mjs';
import { repoRoot } from './paths';

export interface Bundles {
  dir: string;
  cli: string;
  /** dist/child.js: the lab's problems' child halves. */
  child: string;
  bench: string;
  /** A child process serving only the test problem 'toy' (support/testChild.ts). */
  testChild: string;
  /** dist/reference: the reference modules. */
  referenceDir: string;
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
    for (const f of readdirSync(wasmSource).filter((f) => f.endsWith('.wasm')))
      cpSync(join(wasmSource, f), join(wasmDir, f));
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: {
        cli: 'src/cli/launch.ts',
        cliMain: 'src/cli/main.ts',
        checkOnce: 'src/cli/benchCheckOnce.ts',
        checkOnceLaunch: 'src/cli/benchCheckOnceLaunch.ts',
        child: 'src/runner/childMain.ts',
        bench: 'src/cli/bench.ts',
        testChild: 'test/unit/runner/support/testChild.ts',
      },
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'linked',
      external: ['vscode'],
      logLevel: 'warning',
      plugins: [problemFolders(root), watPlugin()],
    });
    const problems = readdirSync(join(root, 'src/core/problems'), { withFileTypes: true }).filter(
      (d) => d.isDirectory() && existsSync(join(root, 'src/core/problems', d.name, 'reference.ts')),
    );
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(problems.map((d) => [d.name, `src/core/problems/${d.name}/reference.ts`])),
      outdir: join(dir, 'reference'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      alias: { '@tensorflow/tfjs-core': '@tensorflow/tfjs' },
      external: ['@tensorflow/tfjs'],
      logLevel: 'warning',
    });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return {
      dir,
      cli: join(dir, 'cli.js'),
      child: join(dir, 'child.js'),
      bench: join(dir, 'bench.js'),
      testChild: join(dir, 'testChild.js'),
      referenceDir: join(dir, 'reference'),
      wasmDir,
    };
  })();
  return built;
}
