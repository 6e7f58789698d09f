// Headless Debian chromium for webview tests, through playwright-core (never `npx playwright
// install`: it downloads a browser, which cannot work here). Flags per docs/testing.md.
//
//   const browser = await launchChromium();
//   const page = await browser.newPage();          // each context is isolated
//   ...
//   await page.screenshot({ path: artifactPath('beam-panel.png') });
//   await browser.close();
//
// launch() (not launchPersistentContext) gives each launch a fresh temporary user-data-dir that
// playwright creates and deletes on close, and returns a Browser, so one launch can serve a whole
// test file with a new context per test.
import { chromium, type Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CHROMIUM_PATH = process.env.HW6_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Where webview tests keep screenshots: <repo>/test-results/webview/ (created on demand). */
export const ARTIFACTS_DIR = resolve(process.cwd(), 'test-results/webview');

export function artifactPath(name: string): string {
  const path = join(ARTIFACTS_DIR, name);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}
