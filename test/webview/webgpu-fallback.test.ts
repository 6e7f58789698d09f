// The panel's backend choice in real Chromium (webview/shared/runHost.ts, src/core/engine/backendChoice.ts):
// this machine has no GPU, so the panel must run on wasm, and the run must still work. The same when a
// page's WebGPU probe says "hardware" but the backend cannot start (a fake navigator.gpu), and when
// hw6.webviewBackend = wasm (the GPU is never asked). The real-GPU path is measured only where there is one.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PanelSite, ROOT, send, waitForPosted } from './support/panelSite';

/** A navigator.gpu whose adapter claims to be a hardware GPU but has no device; counts the requests. */
const FAKE_HARDWARE_GPU = `
  globalThis.__gpuRequests = 0;
  Object.defineProperty(navigator, 'gpu', { configurable: true, value: {
    requestAdapter: async () => {
      globalThis.__gpuRequests++;
      return { info: { vendor: 'fake', architecture: 'fake-gpu' }, features: new Set(), limits: {},
        requestDevice: async () => { throw new Error('no device behind this fake adapter'); } };
    },
    getPreferredCanvasFormat: () => 'bgra8unorm',
  } });
`;

describe('the panel falls back from WebGPU to wasm (beam panel, "Run here")', function () {
  this.timeout(240_000);
  let site: PanelSite;

  before(async function () {
    if (!existsSync(join(ROOT, 'dist/wasm'))) this.skip();
    site = await PanelSite.start({
      bundle: 'beam-search',
      title: 'Beam Tree',
      wasm: true,
      variants: { 'forced-wasm': { theme: 'light', data: { 'data-tfjs-backend': 'wasm' } } },
    });
  });
  afterEach(() => site?.closePages());
  after(() => site?.close());

  /** Runs the reference beam search in the page; its status line and why it chose its backend. */
  async function runHere(page: Page): Promise<{ status: string; reason: string }> {
    const field = (label: string) => page.getByRole('textbox', { name: label, exact: true });
    await field('k').fill('2');
    await field('T').fill('4');
    await page.locator('vscode-button', { hasText: 'Run here' }).click();
    await waitForPosted(page, (m) => m.type === 'showReference');
    await send(page, { type: 'referenceShown', shown: true });
    const status = page.locator('.run-status', { hasText: /^Done in/ });
    await status.waitFor({ timeout: 200_000 });
    return { status: (await status.textContent()) ?? '', reason: (await status.getAttribute('title')) ?? '' };
  }

  it('headless Chromium without a GPU: wasm, and the run works', async () => {
    const page = await site.open('light', 520);
    const probe = await page.evaluate(async () => {
      const gpu = (globalThis as unknown as { navigator: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator
        .gpu;
      if (!gpu) return 'no navigator.gpu';
      return (await gpu.requestAdapter().catch(() => null)) ? 'an adapter' : 'no adapter';
    });
    console.log(`      (this Chromium: ${probe})`);
    const { status, reason } = await runHere(page);
    assert.match(status, /on tfjs wasm\.$/);
    assert.match(reason, /no WebGPU in this page|WebGPU has no adapter|software|failed|did not answer/);
    assert.equal(await page.locator('svg.beam-tree').getAttribute('data-max-step'), '4');
  });

  it('a "hardware" adapter whose backend cannot start: WebGPU tried, wasm used, the run works', async () => {
    const page = await site.open('light', 520, 900, 1.5, async (p) => {
      await p.addInitScript(FAKE_HARDWARE_GPU);
    });
    const { status, reason } = await runHere(page);
    assert.match(status, /on tfjs wasm\.$/);
    assert.match(reason, /^WebGPU adapter: fake fake-gpu; the WebGPU backend did not start$/);
    assert.ok((await page.evaluate(() => (globalThis as unknown as { __gpuRequests: number }).__gpuRequests)) >= 1);
  });

  it('hw6.webviewBackend = wasm: the GPU is never asked', async () => {
    const page = await site.open('forced-wasm', 520, 900, 1.5, async (p) => {
      await p.addInitScript(FAKE_HARDWARE_GPU);
    });
    const { status, reason } = await runHere(page);
    assert.match(status, /on tfjs wasm\.$/);
    assert.match(reason, /hw6\.webviewBackend is "wasm"/);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __gpuRequests: number }).__gpuRequests), 0);
  });
});
