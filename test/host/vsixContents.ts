// What a HW6 Lab VSIX must hold and may hold (test/host/package.test.ts checks the one `npm run
// package` built; test/unit/extension/vsixContents.test.ts checks these rules). No vscode here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';

/** The limit for the packaged extension. */
export const MAX_VSIX_BYTES = 15_000_000;

/** What depends on the repo: the panels' bundles, tfjs's wasm files and media/ must all ship. */
export interface VsixExpectations {
  /** Panel names (webview/<panel>/main.ts): dist/webview/<panel>.js. */
  panels: string[];
  /** File names of @tensorflow/tfjs-backend-wasm's wasm files: dist/wasm/<name>. */
  wasm: string[];
  /** Every file of the repo's media/, relative to the repo (media/…). */
  media: string[];
}

/** Always required, relative to the VSIX's extension/ folder (vsce renames README and LICENSE). */
const REQUIRED = [
  'package.json',
  'readme.md',
  'LICENSE.txt',
  'docs/checks.md',
  'dist/extension.js',
  'dist/judge.js',
  'dist/child.js',
  'dist/cli.js',
  // what cli.js loads once its first child is started: without it the VSIX's CLI cannot start
  'dist/cliMain.js',
  'media/data/mnist10k.bin.gz',
];

/**
 * Anything else under extension/ that may ship: panel styles, media, the README's screenshots, and
 * the submission report's renderer (the extension loads dist/report.js when exporting a report;
 * the host test of that command, run against the installed VSIX, fails if it is missing).
 */
const ALLOWED = [/^dist\/webview\/[\w-]+\.css$/, /^media\//, /^docs\/screenshots\/[\w-]+\.png$/, /^dist\/report\.js$/];

/** Why an entry that must not ship is there, for the message; the allow-list decides. */
const KNOWN_MISTAKES: [RegExp, string][] = [
  [/\.map$/, 'a source map'],
  [/^src\//, 'TypeScript source'],
  [/^webview\//, 'webview source'],
  [/^test\//, 'a test'],
  [/(^|\/)node_modules\//, 'node_modules (everything is bundled)'],
  [/^dist\/bench\.js$/, 'the benchmark (npm run bench)'],
  [/^dist\/reference\//, 'a reference solution: the student build has none (esbuild.mjs)'],
  [/^out\//, 'build output of the tests'],
];

/** The VSIX's zip entries (names only: nothing is inflated). */
export function vsixEntries(vsix: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(vsix, {
    filter: (file) => {
      names.push(file.name);
      return false;
    },
  });
  return names;
}

/** What is wrong with a VSIX of `sizeBytes` holding `entries`: one line each; [] when nothing is. */
export function vsixProblems(entries: readonly string[], sizeBytes: number, expected: VsixExpectations): string[] {
  const problems: string[] = [];
  if (sizeBytes >= MAX_VSIX_BYTES)
    problems.push(`the VSIX is ${(sizeBytes / 1e6).toFixed(2)} MB, not under ${MAX_VSIX_BYTES / 1e6} MB`);
  const files = new Set<string>();
  for (const entry of entries) {
    if (entry.endsWith('/')) continue;
    if (entry === '[Content_Types].xml' || entry === 'extension.vsixmanifest') continue;
    if (!entry.startsWith('extension/')) {
      problems.push(`${entry} is outside extension/`);
      continue;
    }
    files.add(entry.slice('extension/'.length));
  }
  const required = [
    ...REQUIRED,
    ...expected.panels.map((p) => `dist/webview/${p}.js`),
    ...expected.wasm.map((w) => `dist/wasm/${w}`),
    ...expected.media,
  ];
  for (const file of new Set(required)) if (!files.has(file)) problems.push(`${file} is missing`);
  const requiredSet = new Set(required);
  for (const file of [...files].sort()) {
    const mayShip = (requiredSet.has(file) || ALLOWED.some((re) => re.test(file))) && !file.endsWith('.map');
    if (mayShip) continue;
    const why = KNOWN_MISTAKES.find(([re]) => re.test(file))?.[1] ?? 'nothing the extension needs';
    problems.push(`${file} should not ship (${why})`);
  }
  return problems;
}

/** Every file under `dir`, relative to `base`, with `/` separators. */
function filesUnder(base: string, dir: string): string[] {
  return readdirSync(join(base, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) =>
      join(d.parentPath, d.name)
        .slice(base.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

/** What the repo at `root` says must ship. */
export function expectationsFrom(root: string): VsixExpectations {
  const panels = readdirSync(join(root, 'webview'), { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && statSync(join(root, 'webview', d.name, 'main.ts'), { throwIfNoEntry: false })?.isFile(),
    )
    .map((d) => d.name);
  const wasmDir = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const wasm = readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'));
  return { panels, wasm, media: filesUnder(root, 'media') };
}

/** Reads a VSIX file and checks it against the repo at `root`. */
export function checkVsix(file: string, root: string): { entries: string[]; sizeBytes: number; problems: string[] } {
  const bytes = readFileSync(file);
  const entries = vsixEntries(bytes);
  return { entries, sizeBytes: bytes.length, problems: vsixProblems(entries, bytes.length, expectationsFrom(root)) };
}
