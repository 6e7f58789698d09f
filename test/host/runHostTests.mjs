#!/usr/bin/env node
// Runs the extension-host tests the usual way, through @vscode/test-electron's runTests, with
// test/host/shim.mjs as the "VS Code executable" (it runs them in code-server; see TESTING.md).
//
//   node test/host/runHostTests.mjs [--workspace <folder>] [--stats-file <file>] [--grep <pattern>]
//                                   [--extension <dir>] [--suite <compiled suite index.js>]
//
// Needs `node esbuild.mjs --tests` first (out/test/host/suite/index.js and out/test/host/*.test.js)
// and the test host (scripts/install-test-host.sh). The workspace folder defaults to
// test/fixtures/workspace-wrong, the extension to the repo itself and the suite to
// out/test/host/suite/index.js (the last two can be overridden to try the harness on another
// extension). With --stats-file, the pass/fail/skip counts are written there as JSON
// ({passes, failures, pending, tests}); scripts/test.mjs reads them. Exit code 0 = all passed.
import { runTests } from '@vscode/test-electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function parseArgs(argv) {
  const opts = {
    workspace: join(ROOT, 'test/fixtures/workspace-wrong'),
    extension: ROOT,
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
  try {
    await runTests({
      vscodeExecutablePath: join(ROOT, 'test/host/shim.mjs'),
      extensionDevelopmentPath: opts.extension,
      extensionTestsPath: suite,
      // No --disable-extensions: it would also switch off the built-in language extensions the
      // tests rely on (a .ts file must open as `typescript`); the extensions dir is empty anyway.
      launchArgs: [opts.workspace],
      extensionTestsEnv,
    });
    return 0;
  } catch (err) {
    console.error(`[host] ${err instanceof Error ? err.message : err}`);
    return 1;
  }
}

process.exitCode = await main();
