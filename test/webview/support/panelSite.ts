// A built panel served the way the extension serves it: its bundle from dist/webview inside the
// HTML of panelHtml (the real CSP), one page per theme (and any extra variants), opened in
// Chromium with a fake acquireVsCodeApi that records what the panel posts and every CSP violation.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { htmlAttributes, panelHtml } from '../../../src/core/panelHtml';
import type { FromWebview, ToWebview } from '../../../src/core/protocol';
import { startStaticServer, type StaticServer } from './server';
import { launchChromium } from './browser';

/** Tests run from the repository root (npm test, scripts/test.mjs). */
export const ROOT = process.cwd();
export const DIST = process.env.HW6_WEBVIEW_DIST ? resolve(process.env.HW6_WEBVIEW_DIST) : join(ROOT, 'dist/webview');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const THEMES = { light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast' } as const;
export type Theme = keyof typeof THEMES;

/** Records posts and keeps state in sessionStorage, so a reload keeps it as VS Code's does. */
const FAKE_VSCODE_API = `
  window.__posted = [];
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
  });
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => JSON.parse(sessionStorage.getItem('vscode-state') || 'null') ?? undefined,
    setState: (s) => { sessionStorage.setItem('vscode-state', JSON.stringify(s)); return s; },
  });
`;

/** Fixed for the tests; the extension uses makeNonce(). */
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3ODkw';

export interface PanelSiteOptions {
  /** The bundle's name in dist/webview, e.g. 'beam'. */
  bundle: string;
  title: string;
  /** Serve dist/wasm and allow tfjs-wasm (the panels that run tfjs). */
  wasm?: boolean;
  /** Extra pages: a name → the theme and extra body data attributes. */
  variants?: Record<string, { theme: Theme; data: Record<string, string> }>;
}

export class PanelSite {
  private readonly pages: Page[] = [];

  private constructor(
    private readonly dir: string,
    private readonly server: StaticServer,
    private readonly browser: Browser,
  ) {}

  static async start(o: PanelSiteOptions): Promise<PanelSite> {
    const bundle = join(DIST, `${o.bundle}.js`);
    if (!existsSync(bundle)) throw new Error(`Build the panel first: ${bundle} is missing (node esbuild.mjs).`);
    // A web root shaped like the extension's dist/: webview bundles, wasm files, theme variables.
    const dir = mkdtempSync(join(tmpdir(), `hw6-${o.bundle}-panel-`));
    symlinkSync(DIST, join(dir, 'webview'));
    if (o.wasm && existsSync(join(ROOT, 'dist/wasm'))) symlinkSync(join(ROOT, 'dist/wasm'), join(dir, 'wasm'));
    mkdirSync(join(dir, 'themes'));
    for (const theme of Object.keys(THEMES))
      copyFileSync(join(ROOT, 'test/webview/fixtures/themes', `${theme}.css`), join(dir, 'themes', `${theme}.css`));
    const server = await startStaticServer(dir);
    const page = (theme: Theme, data: Record<string, string>): string =>
      panelHtml({
        cspSource: server.url,
        nonce: NONCE,
        scriptUri: `${server.url}/webview/${o.bundle}.js`,
        styleUris: [`${server.url}/themes/${theme}.css`],
        title: o.title,
        allowWasm: o.wasm ?? false,
        bodyAttributes: `class="${THEMES[theme]}"${Object.keys(data).length ? ' ' + htmlAttributes(data) : ''}`,
      });
    const wasmData: Record<string, string> = o.wasm ? { 'data-wasm-path': `${server.url}/wasm/` } : {};
    for (const theme of Object.keys(THEMES) as Theme[])
      writeFileSync(join(dir, `${theme}.html`), page(theme, wasmData));
    for (const [name, v] of Object.entries(o.variants ?? {}))
      writeFileSync(join(dir, `${name}.html`), page(v.theme, { ...wasmData, ...v.data }));
    return new PanelSite(dir, server, await launchChromium());
  }

  /**
   * Opens a page (a theme or a variant) and waits for the panel's `ready`. `beforeLoad` runs on the
   * new page before it navigates (e.g. to hold back a request with page.route).
   */
  async open(
    name: string = 'light',
    width = 460,
    height = 900,
    deviceScaleFactor = 1.5,
    beforeLoad?: (page: Page) => Promise<void>,
  ): Promise<Page> {
    const page = await this.browser.newPage({ viewport: { width, height }, deviceScaleFactor });
    this.pages.push(page);
    page.on('pageerror', (err) => console.error('[panel error]', err.message));
    await page.addInitScript(FAKE_VSCODE_API);
    await beforeLoad?.(page);
    // a page whose requests are held back may never fire `load`
    await page.goto(`${this.server.url}/${name}.html`, { waitUntil: beforeLoad ? 'domcontentloaded' : 'load' });
    // The panels with tfjs load a large bundle: on a busy machine that takes more than a few seconds.
    await waitForPosted(page, (m) => m.type === 'ready', 30_000);
    return page;
  }

  /** Closes this test's pages, asserting that none saw a CSP violation (call in afterEach). */
  async closePages(): Promise<void> {
    for (const page of this.pages.splice(0)) {
      const violations = await cspViolations(page);
      await page.close();
      assert.deepEqual(violations, [], 'no CSP violations');
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Delivers a message as the extension's postMessage would. */
export const send = (page: Page, message: ToWebview | Record<string, unknown>): Promise<void> =>
  page.evaluate(
    (m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*'),
    message,
  );

export const posted = (page: Page): Promise<FromWebview[]> =>
  page.evaluate(() => (globalThis as unknown as { __posted: FromWebview[] }).__posted);

export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);

export async function waitForPosted(
  page: Page,
  match: (m: FromWebview) => boolean,
  timeout = 10_000,
): Promise<FromWebview> {
  const started = Date.now();
  for (;;) {
    const found = (await posted(page)).find(match);
    if (found) return found;
    if (Date.now() - started > timeout)
      throw new Error(
        `the panel did not post the expected message; it posted ${JSON.stringify(await posted(page)).slice(0, 500)}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
