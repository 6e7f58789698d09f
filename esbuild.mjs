// Builds every bundle: the extension (node/cjs, vscode external) and its report renderer, the run's child process and
// the reference modules it can load, the CLI and bench
// (node), one browser bundle per page (webview/<problem id>/main.ts, named after its folder), the wasm files, and with --tests
// the test suites (out/test). `node esbuild.mjs [--watch] [--tests] [--production] [--flavour staff|student]`.
//
// Two builds (README "Two builds"): --production (npm run package) is the STUDENT flavour, the
// repository's dev build the STAFF flavour (--flavour overrides either). The student flavour has no
// reference solution in any bundle: no dist/reference, `problem-folders:reference.ts` is an empty
// map, any other import of a problem's reference.ts fails the build, and reference runs replay
// media/recorded (npm run record:reference). HW6_FLAVOUR ('staff' | 'student') is defined in
// every bundle (src/core/flavour.ts). The benchmark bundles run the reference: staff only.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { problemFolders } from './scripts/problemFolders.mjs';
// the lab's WebAssembly text kernels (src/core/tfjsWasm/kernels/*.wat), assembled by wabt at build time
import { watPlugin } from './scripts/watPlugin.mjs';
import { studentHalves } from './scripts/studentHalves.mjs';

const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const production = args.has('--production');
const withTests = args.has('--tests');
const flavourArg = process.argv.slice(2).find((a) => a.startsWith('--flavour'));
const flavour = flavourArg
  ? (flavourArg.split('=')[1] ?? process.argv[process.argv.indexOf(flavourArg) + 1])
  : production
    ? 'student'
    : 'staff';
if (flavour !== 'staff' && flavour !== 'student')
  throw new Error(`--flavour must be staff or student (got ${flavour})`);
const student = flavour === 'student';
const plugins = [
  problemFolders(undefined, { withReference: !student }),
  watPlugin(),
  ...(student ? [noReference(), studentHalves()] : []),
];

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
  plugins,
  // tfjs probes for optional node modules it never needs here
  define: {
    'process.env.NODE_ENV': production ? '"production"' : '"development"',
    HW6_FLAVOUR: JSON.stringify(flavour),
  },
};

const problemIds = readdirSync('src/core/problems', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('src/core/problems', d.name, 'reference.ts')))
  .map((d) => d.name);

const panels = existsSync('webview')
  ? readdirSync('webview', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('webview', d.name, 'main.ts')))
      .map((d) => d.name)
  : [];

// Bundles of a page or a reference that no longer exists (a renamed folder) must not ship: their
// output folders are rebuilt from scratch.
for (const dir of ['dist/webview', 'dist/reference']) rmSync(dir, { recursive: true, force: true });

const builds = [
  // report.js: the submission report's renderer, which the extension loads only when exporting one.
  {
    ...node,
    entryPoints: { extension: 'src/extension/extension.ts', report: 'src/core/report/index.ts' },
    outdir: 'dist',
  },
  // child.js: the process a run's student code lives in — the problems' child halves, never a
  // reference solution or a check (a unit test holds it to that)
  { ...node, entryPoints: { child: 'src/runner/childMain.ts', judge: 'src/runner/judgeEntry.ts' }, outdir: 'dist' },
  // the reference solutions, as modules the child loads the way it loads a student's file (staff only)
  !student && {
    ...node,
    entryPoints: Object.fromEntries(problemIds.map((id) => [id, `src/core/problems/${id}/reference.ts`])),
    outdir: 'dist/reference',
    // the child's tfjs, as a student's file gets it (the lab's own modules import tfjs-core)
    alias: { '@tensorflow/tfjs-core': '@tensorflow/tfjs' },
    external: ['@tensorflow/tfjs'],
  },
  {
    ...node,
    // cli.js is the launcher (it starts a run's first child, then loads cliMain.js)
    entryPoints: {
      cli: 'src/cli/launch.ts',
      cliMain: 'src/cli/main.ts',
      ...(student
        ? {}
        : {
            bench: 'src/cli/bench.ts',
            // check-latency's fresh processes (src/cli/benchCheckOnce.ts)
            checkOnce: 'src/cli/benchCheckOnce.ts',
            checkOnceLaunch: 'src/cli/benchCheckOnceLaunch.ts',
            // npm run record:reference (media/recorded)
            record: 'src/cli/recordReference.ts',
          }),
    },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: 'linked',
    minify: production,
    logLevel: 'warning',
    plugins,
    entryPoints: Object.fromEntries(panels.map((p) => [p, `webview/${p}/main.ts`])),
    outdir: 'dist/webview',
    loader: { '.ttf': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': '"production"', HW6_FLAVOUR: JSON.stringify(flavour) },
  },
]
  .filter(Boolean)
  .filter((b) => Object.values(b.entryPoints).every((e) => existsSync(e)));

/**
 * The student flavour's guard: a bundle that imports a problem's reference.ts (directly, not through
 * the empty `problem-folders:reference.ts`) fails the build, naming the importer.
 */
function noReference() {
  return {
    name: 'no-reference',
    setup(build) {
      build.onResolve({ filter: /(^|\/)reference(\.ts)?$/ }, (args) => {
        const target = join(args.resolveDir, args.path);
        if (!/src[\\/]core[\\/]problems[\\/][^\\/]+[\\/]reference(\.ts)?$/.test(target)) return undefined;
        return {
          errors: [
            { text: `the student build holds no reference solution, but ${args.importer} imports ${args.path}` },
          ],
        };
      });
    },
  };
}

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.includes('fixtures') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

if (withTests) {
  // Tests resolve packages from node_modules at run time (fast builds, one tfjs instance per process).
  // the tests are the staff's: they import the reference solutions, whatever flavour the bundles are
  const testNode = {
    ...node,
    plugins: [problemFolders(), watPlugin()],
    define: { ...node.define, HW6_FLAVOUR: '"staff"' },
    packages: 'external',
    outbase: 'test',
    outdir: 'out/test',
    sourcemap: 'inline',
  };
  builds.push({
    ...testNode,
    entryPoints: [...testFiles('test/unit'), ...testFiles('test/webview'), ...testFiles('test/host')],
  });
}

function copyAssets() {
  mkdirSync('dist/wasm', { recursive: true });
  const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')))
    cpSync(join(wasmDir, f), join('dist/wasm', f));
}

// dist is overwritten in place, not wiped: several builds may share it while developing.
copyAssets();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('[esbuild] watching…');
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: student })));
  // the student flavour, checked on what esbuild says each bundle holds: no problem's reference.ts
  if (student) {
    const leaked = results.flatMap((r) =>
      Object.keys(r.metafile.inputs).filter((f) => /src\/core\/problems\/[^/]+\/(reference|[^/]+\.staff)\.ts$/.test(f)),
    );
    if (leaked.length > 0) throw new Error(`the student build holds reference solutions: ${leaked.join(', ')}`);
  }
  console.log(`[esbuild] built ${builds.length} bundle group(s), ${flavour} flavour, in ${Date.now() - started} ms`);
}
