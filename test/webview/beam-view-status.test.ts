// The beam view as a 300 px sidebar shows it, in real Chromium with the real CSP: the tree fits the
// width, its very first drawing is themed even while the page's stylesheet is still on its way (it
// once drew black boxes for seconds), and it says when the tree it shows is not the latest run's
// drawing of the file as it stands (a failed run, an earlier run's tree, an edit since).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, type RunStatusView } from '../../src/core/protocol';
import { figure2ReferenceTrace } from '../../src/core/problems/beam-search/figure2Trace';
import { PanelSite, SCREENSHOTS, send } from './support/panelSite';

/** The browser's globals inside page.evaluate callbacks (the test tsconfig has no DOM lib). */
interface Box {
  left: number;
  right: number;
  width: number;
}
interface El {
  getBoundingClientRect(): Box;
  scrollWidth: number;
  clientWidth: number;
}
interface PageGlobals {
  document: { querySelector(s: string): El | null; querySelectorAll(s: string): El[] };
  getComputedStyle(el: unknown): { fill: string };
}

const SIDEBAR_WIDTH = 300;

describe('beam view in the sidebar (Chromium)', function () {
  this.timeout(120_000);
  let site: PanelSite;
  const figure2 = figure2ReferenceTrace();

  before(async () => {
    site = await PanelSite.start({ bundle: 'beam-search', title: 'Beam Tree', wasm: true });
  });
  after(() => site?.close());
  afterEach(() => site.closePages());

  async function init(page: Page, extra: { status?: RunStatusView; itemRuns?: (number | null)[] } = {}): Promise<void> {
    await send(page, {
      type: 'init',
      version: PROTOCOL_VERSION,
      snapshot: { items: [figure2], selected: 0, ...extra },
    });
    await page.locator('svg.beam-tree').waitFor();
  }

  const pillFills = (page: Page): Promise<string[]> =>
    page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return [...g.document.querySelectorAll('svg.beam-tree .node .pill')].map((el) => g.getComputedStyle(el).fill);
    });

  it('draws themed nodes in its very first frame, before its stylesheet has loaded', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let cssAsked = false;
    const page = await site.open('light', SIDEBAR_WIDTH, 800, 1, async (p) => {
      await p.route('**/webview/beam-search.css', async (route) => {
        cssAsked = true;
        await held;
        await route.continue();
      });
    });
    try {
      await init(page);
      assert.ok(cssAsked, 'the page asked for its stylesheet (and is still waiting for it)');
      const first = await pillFills(page);
      assert.ok(first.length > 10, `${first.length} nodes`);
      assert.deepEqual(
        first.filter((fill) => fill === 'rgb(0, 0, 0)' || fill === 'none'),
        [],
        'no node is drawn black (or unfilled) while the stylesheet loads',
      );
      release();
      await page.waitForFunction(() =>
        [
          ...(globalThis as unknown as { document: { styleSheets: { href: string | null }[] } }).document.styleSheets,
        ].some((s) => s.href?.endsWith('/beam-search.css')),
      );
      assert.deepEqual(await pillFills(page), first, 'the stylesheet changes no node colour');
    } finally {
      release();
    }
  });

  it('fits the tree to a 300 px sidebar (every step visible), and draws it at its own size when asked', async () => {
    const page = await site.open('light', SIDEBAR_WIDTH, 900, 1);
    await init(page);
    const fit = await page.evaluate(() => {
      const d = (globalThis as unknown as PageGlobals).document;
      const host = d.querySelector('.tree-host')!;
      const svg = d.querySelector('svg.beam-tree')!.getBoundingClientRect();
      const h = host.getBoundingClientRect();
      const nodes = [...d.querySelectorAll('svg.beam-tree .node')].map((n) => n.getBoundingClientRect());
      return {
        overflow: host.scrollWidth - host.clientWidth,
        svgRight: svg.right,
        hostRight: h.right,
        outside: nodes.filter((n) => n.left < h.left - 1 || n.right > h.right + 1).length,
        nodes: nodes.length,
      };
    });
    assert.ok(fit.nodes > 10);
    assert.ok(fit.overflow <= 1, `the tree scrolls sideways by ${fit.overflow} px`);
    assert.ok(fit.svgRight <= fit.hostRight + 1, `the tree ends at ${fit.svgRight}, the view at ${fit.hostRight}`);
    assert.equal(fit.outside, 0, 'every node (t = 0 … 3) is inside the view');
    await page.screenshot({ path: join(SCREENSHOTS, 'beam-tree-sidebar.png') });

    await page.getByText('Fit width').click();
    const natural = await page.evaluate(() => {
      const host = (globalThis as unknown as PageGlobals).document.querySelector('.tree-host')!;
      return host.scrollWidth - host.clientWidth;
    });
    assert.ok(natural > 20, `at its own size the tree is wider than the sidebar (by ${natural} px)`);
  });

  const note = (page: Page) => page.locator('.tree-note');
  const banner = (page: Page) => page.locator('.run-banner');

  it('marks a failed latest run, a tree from an earlier run, and an edit since the run', async () => {
    const page = await site.open('light', SIDEBAR_WIDTH, 900, 1);
    // The shown tree is run 1's; run 2 failed before drawing anything.
    await init(page, {
      itemRuns: [1],
      status: { state: 'error', run: 2, message: 'Error: beam bug (q5_beam_search.ts:8)' },
    });
    await banner(page).getByText('The latest run failed.').waitFor();
    assert.match(await banner(page).innerText(), /beam bug \(q5_beam_search\.ts:8\)/);
    assert.match(await note(page).innerText(), /^Stale: this tree is from an earlier run; the latest run failed/);
    assert.equal(await page.locator('.tree-host.stale').count(), 1);

    // Run 3 starts: progress in the banner; its tree arrives and replaces the old one.
    await send(page, {
      type: 'runStatus',
      problemId: 'beam-search',
      state: 'running',
      run: 3,
      fraction: 0.4,
      detail: 'training',
    });
    await banner(page).getByText('Running… 40 %').waitFor();
    assert.equal(
      await page.locator('.run-banner progress').evaluate((p) => (p as unknown as { value: number }).value),
      0.4,
    );
    await send(page, { type: 'item', item: figure2, select: true, run: 3 });
    await note(page).waitFor({ state: 'hidden' });

    // Run 3 ends with failing checks: the banner says so; then the file is edited: stale.
    await send(page, { type: 'runStatus', problemId: 'beam-search', state: 'done', run: 3, failedChecks: 4 });
    await banner(page).getByText('The latest run finished; 4 checks failed.').waitFor();
    assert.equal(await note(page).isVisible(), false, 'the tree is that run’s, and the file is as it read it');
    await send(page, {
      type: 'runStatus',
      problemId: 'beam-search',
      state: 'done',
      run: 3,
      failedChecks: 4,
      stale: true,
    });
    await note(page).getByText('Stale: your file changed since this run.', { exact: false }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'beam-tree-stale.png') });

    // A run that fails after drawing: its tree is shown as what it drew before failing.
    await send(page, { type: 'runStatus', problemId: 'beam-search', state: 'running', run: 4 });
    await send(page, { type: 'item', item: figure2, select: true, run: 4 });
    await send(page, { type: 'runStatus', problemId: 'beam-search', state: 'error', run: 4, message: 'time limit' });
    await note(page).getByText('This tree is what the latest run drew before it failed.').waitFor();
  });

  it('shows a failed run with no tree at all instead of a bare empty state', async () => {
    const page = await site.open('light', SIDEBAR_WIDTH, 600, 1);
    await send(page, {
      type: 'init',
      version: PROTOCOL_VERSION,
      snapshot: {
        items: [],
        selected: 0,
        status: { state: 'error', run: 1, message: 'SyntaxError: Unexpected token (q5_beam_search.ts:3)' },
      },
    });
    await banner(page).getByText('The latest run failed.').waitFor();
    assert.match(await banner(page).innerText(), /SyntaxError: Unexpected token/);
  });
});
