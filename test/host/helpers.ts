// Shared by the host tests: the activated extension's API, the fixture's files, and polling.
import * as vscode from 'vscode';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Hw6Api, PanelApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'hw6-lab.hw6-lab';

/** What the wrong fixture's beam search (parent scores forgotten) fails; q5.shape passes. */
export const WRONG_BEAM_SEARCH_FAILURES = ['q5.exhaustive', 'q5.figure2-steps', 'q5.random-trees', 'q5.topk'];

export async function activateApi(): Promise<{ extension: vscode.Extension<Hw6Api | undefined>; api: Hw6Api }> {
  const extension = vscode.extensions.getExtension<Hw6Api | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  // An installed (production) HW6 Lab returns its test API only on request (src/extension/testApi.ts).
  if (!api)
    throw new Error(
      `${EXTENSION_ID} returned no test API: an installed copy needs HW6_LAB_TEST_API=1 in the extension host's environment`,
    );
  return { extension, api };
}

/** A problem's run panel as the test API shows it, its state typed as the problem's descriptor keeps it. */
export function runPanel<S = unknown>(api: Hw6Api, problemId: string): PanelApi & { readonly state: S } {
  const panel = api.runPanel(problemId);
  if (!panel) throw new Error(`${problemId} has no run panel`);
  return panel as PanelApi & { readonly state: S };
}

/** A file of the fixture workspace the host was opened on (test/fixtures/workspace-wrong). */
export function fixtureUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the host tests need a workspace folder (test/fixtures/workspace-wrong)');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

/** Polls `probe` until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** waitFor for a probe that must await (a DOM probe through the shim, say). */
export async function waitForAsync<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function hw6Diagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'HW6 Lab');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/** The fixture's TODO marker line (0-based), read from the file so the tests follow edits to it. */
export function markerLineOf(document: vscode.TextDocument, id = 'q5.beam-search'): number {
  const line = document
    .getText()
    .split(/\r?\n/)
    .findIndex((l) => l.includes(`TODO(hw6:${id})`));
  if (line < 0) throw new Error(`no TODO(hw6:${id}) in ${document.uri.fsPath}`);
  return line;
}

/** Where the shim writes the screenshots the suite asks for (HW6_HOST_SCREENSHOTS, as in test/host/shim.mjs). */
const SCREENSHOTS = process.env.HW6_HOST_SCREENSHOTS ?? join(__dirname, '../../../docs/screenshots');

/**
 * A screenshot of the whole workbench as it is now, as docs/screenshots/<name> (the shim takes it
 * when it reads the request line; the request must match its SCREENSHOT_REQUEST). Resolves once the
 * file is there, newer than the request.
 */
export async function workbenchScreenshot(name: string): Promise<string> {
  if (!/^[\w-]+\.png$/.test(name)) throw new Error(`screenshot names are plain <name>.png (got ${name})`);
  const file = join(SCREENSHOTS, name);
  const asked = Date.now();
  console.log(`HW6_SCREENSHOT ${name}`);
  return waitFor(
    `the screenshot ${name}`,
    () => (existsSync(file) && statSync(file).mtimeMs >= asked - 1000 ? file : undefined),
    30_000,
  );
}

/** Where the shim answers the suite's viewport and DOM requests (HW6_HOST_PROBES, as in test/host/shim.mjs). */
const PROBES = process.env.HW6_HOST_PROBES ?? join(__dirname, '../../../test-results/host/probes');

let probeCount = 0;

/** Sends the shim a request line that it answers with the JSON file `name`; resolves with its content. */
async function probe<T>(request: (name: string) => string, what: string): Promise<T> {
  const name = `probe-${process.pid}-${++probeCount}.json`;
  const file = join(PROBES, name);
  rmSync(file, { force: true });
  console.log(request(name));
  const answer = await waitFor(what, () => (existsSync(file) ? readFileSync(file, 'utf8') : undefined), 30_000);
  rmSync(file, { force: true });
  const value = JSON.parse(answer) as T & { error?: string };
  if (value.error) throw new Error(`the shim could not ${what}: ${value.error}`);
  return value;
}

/** Resizes the workbench page (the shim's default is 1400 × 900); the workbench relayouts by itself. */
export async function setViewport(width: number, height: number): Promise<void> {
  await probe((name) => `HW6_VIEWPORT ${width}x${height} ${name}`, `set the viewport to ${width}x${height}`);
}

export interface RenderedElement {
  text: string;
  /** The text of its ::before and ::after pseudo-elements ('' when none): where decorations' text is drawn. */
  before: string;
  after: string;
  className: string;
  /** The element's bounding box in the page, CSS pixels. */
  box: { left: number; top: number; right: number; bottom: number };
}

/** Every element of the workbench page that `selector` matches, as rendered now (text, class, box). */
export async function renderedElements(selector: string): Promise<RenderedElement[]> {
  const answer = await probe<{ elements: RenderedElement[] }>(
    (name) => `HW6_DOM ${name} ${selector}`,
    `read the workbench's ${selector}`,
  );
  return answer.elements;
}

/** The workbench's console so far, one entry a line: its own log, and the extension host's console and errors. */
export async function workbenchConsole(): Promise<string[]> {
  return (await probe<{ lines: string[] }>((name) => `HW6_CONSOLE ${name}`, "read the workbench's console")).lines;
}
