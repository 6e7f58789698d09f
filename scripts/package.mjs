#!/usr/bin/env node
// `npm run package`: the production bundles, then `vsce package`, which ships what .vscodeignore
// lets through.
//
//   node scripts/package.mjs [--out <file.vsix>]      (default: hw6-lab.vsix in the repo)
//
// The extension-host test layer (scripts/test.mjs) packages through this same script, installs the
// VSIX into the test host and runs the host suite against the installed copy, so what ships is
// what is tested; test/host/package.test.ts checks the VSIX's size and entries.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  let out = join(ROOT, 'hw6-lab.vsix');
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--out') out = resolve(inline ?? argv[++i] ?? '');
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return { out };
}

function step(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0)
    throw new Error(
      `${[cmd, ...args].map((a) => relative(ROOT, a) || a).join(' ')} failed (${r.error?.message ?? r.status ?? r.signal})`,
    );
}

function main() {
  const { out } = parseArgs(process.argv.slice(2));
  mkdirSync(dirname(out), { recursive: true });
  step(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production']);
  // --no-dependencies: everything is bundled, node_modules never ships. --no-rewrite-relative-links:
  // there is no repository URL to point the README's links at.
  step(process.execPath, [
    join(ROOT, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '--out',
    out,
  ]);
  console.log(`[package] ${relative(process.cwd(), out) || out}: ${(statSync(out).size / 1e6).toFixed(2)} MB`);
}

try {
  main();
} catch (err) {
  console.error(`[package] ${err.message}`);
  process.exitCode = 1;
}
