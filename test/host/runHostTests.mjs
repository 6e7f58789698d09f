#!/usr/bin/env node
// Runs the extension-host tests the usual way, through @vscode/test-electron's runTests, with
// test/host/shim.mjs as the "VS Code executable" (it runs them in code-server; see docs/testing.md).
//
//   node test/host/runHostTests.mjs [--vsix <file>] [--workspace <folder>] [--stats-file <file>]
//                                   [--grep <pattern>] [--extension <dir>] [--suite <index.js>]
//
// Needs `node esbuild.mjs --tests` first (out/test/host/suite/index.js and out/test/host/*.test.js)
// and the test host (scripts/install-test-host.sh).
//
// With --vsix (what scripts/test.mjs does, after `node scripts/package.mjs --out <file>`): the VSIX
// is installed, as VS Code's CLI would (`--install-extension <vsix> --extensions-dir <dir>`), into a
// fresh extensions dir, and the suite runs against that installed copy: the extension development
// path is then test/host/harness, an empty manifest (the test runner needs one; an extension under
// development would shadow the installed one). The host gets HW6_HOST_VSIX and
// HW6_HOST_EXTENSIONS_DIR (test/host/package.test.ts reads them) and HW6_LAB_TEST_API=1, which makes
// the installed extension return its test API from activate() (src/extension/testApi.ts).
//
// Without --vsix the extension under development is tested: the repo itself, or --extension <dir>.
// The workspace folder defaults to test/fixtures/workspace-wrong and the suite to
// out/test/host/suite/index.js. With --stats-file, the pass/fail/skip counts are written there as
// JSON ({passes, failures, pending, tests}); scripts/test.mjs reads them. Exit code 0 = all passed.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHIM = join(ROOT, 'test/host/shim.mjs');
/** The extension development path when testing an installed VSIX: a manifest and nothing else. */
const HARNESS = join(ROOT, 'test/host/harness');

function parseArgs(argv) {
  const opts = {
    workspace: join(ROOT, 'test/fixtures/workspace-wrong'),
    extension: ROOT,
    vsix: undefined,
    suite: join(ROOT, 'out/test/host/suite/index.js'),
    statsFile: undefined,
    grep: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--workspace') opts.workspace = resolve(value());
    else if (flag === '--stats-file') opts.statsFile = resolve(value());
    else if (flag === '--grep') opts.grep = value();
    else if (flag === '--extension') opts.extension = resolve(value());
    else if (flag === '--vsix') opts.vsix = resolve(value());
    else if (flag === '--suite') opts.suite = resolve(value());
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const suite = opts.suite;
  if (!existsSync(suite)) {
    console.error(`[host] ${suite} is missing: run \`node esbuild.mjs --tests\` first`);
    return 1;
  }
  if (!existsSync(opts.workspace)) {
    console.error(`[host] workspace folder ${opts.workspace} does not exist`);
    return 1;
  }
  const extensionTestsEnv = {};
  if (opts.statsFile) extensionTestsEnv.HW6_HOST_STATS_FILE = opts.statsFile;
  if (opts.grep) extensionTestsEnv.HW6_HOST_GREP = opts.grep;
  const launchArgs = [];
  let extensionsDir;
  if (opts.vsix) {
    if (!existsSync(opts.vsix)) {
      console.error(`[host] ${opts.vsix} is missing: run \`node scripts/package.mjs --out ${opts.vsix}\` first`);
      return 1;
    }
    extensionsDir = mkdtempSync(join(tmpdir(), 'hw6-host-extensions-'));
    const install = spawnSync(
      process.execPath,
      [SHIM, '--extensions-dir', extensionsDir, '--install-extension', opts.vsix],
      { stdio: 'inherit' },
    );
    if (install.status !== 0) {
      rmSync(extensionsDir, { recursive: true, force: true });
      return 1;
    }
    launchArgs.push(`--extensions-dir=${extensionsDir}`);
    Object.assign(extensionTestsEnv, {
      HW6_HOST_VSIX: opts.vsix,
      HW6_HOST_EXTENSIONS_DIR: extensionsDir,
      HW6_LAB_TEST_API: '1',
    });
  }
  try {
    await runTests({
      vscodeExecutablePath: SHIM,
      extensionDevelopmentPath: opts.vsix ? HARNESS : opts.extension,
      extensionTestsPath: suite,
      // No --disable-extensions: it would also switch off the built-in language extensions the
      // tests rely on (a .ts file must open as `typescript`), and the installed VSIX.
      launchArgs: [...launchArgs, opts.workspace],
      extensionTestsEnv,
    });
    return 0;
  } catch (err) {
    console.error(`[host] ${err instanceof Error ? err.message : err}`);
    return 1;
  } finally {
    if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
