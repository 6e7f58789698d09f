#!/usr/bin/env node
// `npm run package:autograder`: Gradescope's autograder.zip for HW6 Lab, in Gradescope's documented
// layout (setup.sh and run_autograder at the root of the archive; Gradescope unpacks it into
// /autograder/source and runs run_autograder for every submission):
//
//   setup.sh          installs Node.js ≥ 20 (grading/autograder/setup.sh)
//   run_autograder    grades /autograder/submission into /autograder/results/results.json
//   rubric.json       the rubric (grading/rubric.json, or --rubric FILE)
//   hw6-lab/          the staff build of the CLI: package.json, dist/ (cli.js, cliMain.js, child.js,
//                     judge.js, report.js, reference/*.js, wasm/*.wasm) and media/
//
//   node scripts/package-autograder.mjs [--out FILE] [--rubric FILE] [--no-build]
//
// The staff build is the repository's default build (`node esbuild.mjs`): it keeps the reference
// solutions and the hidden checks, which the student VSIX (`npm run package`) leaves out.
// --no-build zips the dist/ already built (the unit test zips the build it runs against).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the CLI loads at run time, relative to dist/ (a missing one fails the packaging). */
const DIST_FILES = ['cli.js', 'cliMain.js', 'child.js', 'judge.js', 'report.js'];
/** Folders of dist/ shipped whole, by extension: the reference modules and tfjs's wasm binaries. */
const DIST_DIRS = [
  ['reference', '.js'],
  ['wasm', '.wasm'],
];

function parseArgs(argv) {
  const options = { out: join(ROOT, 'autograder.zip'), rubric: join(ROOT, 'grading/rubric.json'), build: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => resolve(inline ?? argv[++i] ?? '');
    if (flag === '--out') options.out = value();
    else if (flag === '--rubric') options.rubric = value();
    else if (flag === '--no-build') options.build = false;
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return options;
}

function filesUnder(dir, ext = '') {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(ext))
    .map((d) => join(d.parentPath ?? d.path, d.name))
    .sort();
}

/** The archive's entries: name → [bytes, { attrs }] (Unix modes, so the scripts stay executable). */
export function autograderEntries({ rubric }) {
  const entries = {};
  const add = (name, bytes, mode = 0o644) => {
    entries[name] = [bytes, { os: 3, attrs: ((0o100000 | mode) << 16) >>> 0 }];
  };
  add('setup.sh', readFileSync(join(ROOT, 'grading/autograder/setup.sh')), 0o755);
  add('run_autograder', readFileSync(join(ROOT, 'grading/autograder/run_autograder')), 0o755);
  if (!existsSync(rubric)) throw new Error(`no rubric at ${relative(ROOT, rubric) || rubric}`);
  JSON.parse(readFileSync(rubric, 'utf8')); // a rubric that is not JSON never ships
  add('rubric.json', readFileSync(rubric));

  // The CLI finds its package root by the nearest package.json named hw6-lab (src/cli/paths.ts).
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const { name, version, license, engines } = manifest;
  add('hw6-lab/package.json', Buffer.from(JSON.stringify({ name, version, license, private: true, engines }, null, 2)));

  const dist = join(ROOT, 'dist');
  for (const f of DIST_FILES) {
    const file = join(dist, f);
    if (!existsSync(file)) throw new Error(`dist/${f} is missing: build first (node esbuild.mjs)`);
    add(`hw6-lab/dist/${f}`, readFileSync(file), f === 'cli.js' ? 0o755 : 0o644);
  }
  for (const [dir, ext] of DIST_DIRS) {
    const files = filesUnder(join(dist, dir), ext);
    if (files.length === 0) throw new Error(`dist/${dir} holds no ${ext} file: build first (node esbuild.mjs)`);
    for (const file of files) add(`hw6-lab/${relative(ROOT, file)}`, readFileSync(file));
  }
  for (const file of filesUnder(join(ROOT, 'media'))) add(`hw6-lab/${relative(ROOT, file)}`, readFileSync(file));
  return entries;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) {
    // the default build is the staff flavour (reference solutions and hidden checks kept)
    const r = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`node esbuild.mjs failed (${r.error?.message ?? r.status ?? r.signal})`);
  }
  const zip = zipSync(autograderEntries(options), { level: 9 });
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, zip);
  console.log(
    `[package:autograder] ${relative(process.cwd(), options.out) || options.out}: ${(statSync(options.out).size / 1e6).toFixed(2)} MB`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`[package:autograder] ${err.message}`);
    process.exitCode = 1;
  }
}
