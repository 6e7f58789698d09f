// The beam tree panel in real Chromium: the built bundle (dist/webview/beam.js) inside the HTML the
// extension serves (panelHtml, real CSP), a fake acquireVsCodeApi that records what the panel posts,
// driven with the protocol messages the extension sends. Screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, type FromWebview } from '../../src/core/protocol';
import type { BeamTrace } from '../../src/core/problems/beam-search/trace';
import { figure2ReferenceTrace } from '../../src/core/problems/beam-search/figure2Trace';
import { compileStudent } from '../../src/runner/compile';
import { readFileSync } from 'node:fs';
import { PanelSite, ROOT, SCREENSHOTS, THEMES, send, waitForPosted, type Theme } from './support/panelSite';

describe('beam tree panel (Chromium)', function () {
  this.timeout(120_000);
  let site: PanelSite;
  const figure2 = figure2ReferenceTrace();

  before(async () => {
    // The same panel with a short run time limit, for the infinite-loop test.
    site = await PanelSite.start({
      bundle: 'beam',
      title: 'Beam Tree',
      wasm: true,
      variants: { 'short-limit': { theme: 'light', data: { 'data-run-time-limit-ms': '2000' } } },
    });
  });
  after(() => site?.close());
  afterEach(() => site.closePages());

  const openPanel = (name: Theme | 'short-limit' = 'light', width = 460, height = 900): Promise<Page> => site.open(name, width, height);

  async function init(page: Page, traces: BeamTrace[], selected = 0): Promise<void> {
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { traces, selected } });
    await page.locator('svg.beam-tree').waitFor();
  }

  const ids = (page: Page, selector: string) => page.locator(`svg.beam-tree ${selector}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!).sort());
  const focusedId = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-id'));

  it('says ready with the protocol version and shows the empty state until a trace arrives', async () => {
    const page = await openPanel('light', 460, 420);
    const ready = await waitForPosted(page, (m) => m.type === 'ready');
    assert.deepEqual(ready, { type: 'ready', version: PROTOCOL_VERSION });
    await page.getByText('Run problem 5 to see its beam tree').waitFor();
    assert.equal(await page.locator('svg.beam-tree').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Run the reference beam search in this panel' }).isVisible(), true);
    await page.screenshot({ path: join(SCREENSHOTS, 'beam-tree-empty.png') });
  });

  it('draws Figure 2: every expanded hypothesis, the final beam, pruned ones, greedy and exhaustive paths', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    // root + 2 + 4 + 4 expanded candidates + the exhaustive best's last token, which the beam never expanded
    assert.equal(await page.locator('svg.beam-tree .node').count(), 12);
    assert.deepEqual(await ids(page, '.node.beam'), ['0.0.0', '1.0.0']);
    assert.deepEqual(await ids(page, '.node.pruned'), ['0.0.1', '0.1', '1.0.1', '1.1']);
    assert.deepEqual(await ids(page, '.node.unexpanded'), ['0.1.1']);
    assert.deepEqual(await ids(page, '.node.on-greedy'), ['0', '0.0', '0.0.0', 'root']);
    assert.deepEqual(await ids(page, '.node.on-exhaustive'), ['0', '0.1', '0.1.1', 'root']);
    assert.equal(await page.locator('svg.beam-tree .overlays path.overlay.greedy').count(), 1);
    assert.equal(await page.locator('svg.beam-tree .overlays path.overlay.exhaustive').count(), 1);
    assert.equal(await page.locator('[data-id="1.0.0"] .score').textContent(), '−1.57');
    const kept = await page.locator('.kept-item').allTextContents();
    assert.deepEqual(kept, ['network neural neural−1.57', 'neural neural neural−1.62']);
  });

  it('the step slider shows the beam of that step and ghosts later nodes', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    await page.locator('#step-slider').fill('2');
    await page.locator('svg.beam-tree[data-step="2"]').waitFor();
    assert.deepEqual(await ids(page, '.node.beam'), ['0.0', '1.0']);
    assert.deepEqual(await ids(page, '.node.future'), ['0.0.0', '0.0.1', '0.1.1', '1.0.0', '1.0.1']);
    assert.deepEqual(await page.locator('.kept-item .seq').allTextContents(), ['neural neural', 'network neural']);
    assert.match(await page.locator('.step-value').textContent() ?? '', /t = 2 \/ 3/);
    await page.locator('#step-slider').fill('1');
    await page.locator('svg.beam-tree[data-step="1"]').waitFor();
    assert.deepEqual(await ids(page, '.node.beam'), ['0', '1']);
    assert.deepEqual(await ids(page, '.node.pruned:not(.future)'), []);
  });

  it('moves the focus with the keyboard and shows the focused hypothesis', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    await page.locator('[data-id="root"]').click();
    assert.equal(await focusedId(page), 'root');
    const press = async (key: string, expected: string) => {
      await page.keyboard.press(key);
      assert.equal(await focusedId(page), expected, `after ${key}`);
    };
    await press('ArrowRight', '0');
    await press('ArrowDown', '1');
    await press('ArrowRight', '1.0');
    await press('ArrowRight', '1.0.0');
    await press('ArrowUp', '0.1.1');
    await press('ArrowLeft', '0.1');
    await press('Home', 'root');
    await press('End', '1.0.0');
    assert.equal(await page.locator('svg.beam-tree .node.focused').count(), 1);
    await page.keyboard.press('Enter');
    const details = await page.locator('.details').textContent();
    assert.match(details ?? '', /network neural neural/);
    assert.match(details ?? '', /−1\.57/);
    assert.match(details ?? '', /Rank at its step\s*1 of 4 candidates/);
    assert.ok(await page.locator('.details').evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement));
  });

  it('toggles the overlays and exports a standalone SVG', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    await page.locator('vscode-checkbox', { hasText: 'Greedy path' }).click();
    await page.locator('svg.beam-tree:not(:has(.overlays path.overlay.greedy))').waitFor();
    assert.equal(await page.locator('svg.beam-tree .overlays path.overlay.exhaustive').count(), 1);
    await page.locator('vscode-button', { hasText: 'Export SVG' }).click();
    const exported = (await waitForPosted(page, (m) => m.type === 'exportSvg')) as Extract<FromWebview, { type: 'exportSvg' }>;
    assert.equal(exported.suggestedName, 'beam-tree-figure-2-reference-beam-search-with-k-2-t-3-t3.svg');
    assert.match(exported.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(exported.svg, /<style>/);
    assert.equal(exported.svg.match(/role="treeitem"/g)?.length, 12);
    assert.doesNotMatch(exported.svg, /overlay greedy/);
  });

  it('ignores malformed messages and keeps what it shows', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    await send(page, { type: 'trace', trace: { steps: 'nope' } });
    await send(page, { type: 'trace', select: true, trace: { title: 7, steps: [] } });
    await send(page, { type: 'shutdown' });
    await send(page, { type: 'init', version: PROTOCOL_VERSION });
    await waitForPosted(page, (m) => m.type === 'log' && /malformed trace/.test(m.message));
    assert.equal(await page.locator('svg.beam-tree .node').count(), 12);
    assert.equal(await page.locator('.error-banner').isVisible(), false);
  });

  it('shows an error state, not a blank page, when the extension speaks another protocol version', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION + 1, snapshot: { traces: [figure2], selected: 0 } });
    const banner = page.getByRole('alert');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /protocol version/);
    // The empty state and the run controls stay usable under the banner.
    assert.equal(await page.getByText('Run problem 5 to see its beam tree').isVisible(), true);
  });

  it('adds traces from runs, selects them when asked, and keeps its state across a reload', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    const greedyOnly = { ...figure2ReferenceTrace(1), title: 'Figure 2 with k = 1' };
    await send(page, { type: 'trace', trace: greedyOnly, select: true });
    await page.locator('svg.beam-tree title', { hasText: 'Figure 2 with k = 1' }).waitFor({ state: 'attached' });
    assert.equal(await page.locator('svg.beam-tree .node.beam').count(), 1);
    assert.equal(await page.locator('.trace-select vscode-option').count(), 2);
    await page.locator('#step-slider').fill('2');
    await page.locator('svg.beam-tree[data-step="2"]').waitFor();

    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    // Before any init: drawn from the saved state.
    await page.locator('svg.beam-tree[data-step="2"] title', { hasText: 'Figure 2 with k = 1' }).waitFor({ state: 'attached' });
  });

  it('runs student code sent by the extension (nonce\'d script, no eval) and locates its exception', async () => {
    const page = await openPanel();
    const file = join(ROOT, 'test/fixtures/runner/ws-throw/q5_beam_search.ts');
    const code = compileStudent(readFileSync(file, 'utf8'), file);
    await send(page, { type: 'run', requestId: 'r1', problemId: 'beam-search', config: { quick: true }, solution: { kind: 'student', file, code } });
    const last = (await waitForPosted(page, (m) => m.type === 'runEvent' && m.requestId === 'r1' && (m.event.type === 'error' || m.event.type === 'done'), 60_000)) as Extract<FromWebview, { type: 'runEvent' }>;
    assert.equal(last.event.type, 'error');
    if (last.event.type !== 'error') return;
    assert.equal(last.event.reason, 'student-code');
    assert.deepEqual(last.event.location, { file: 'q5_beam_search.ts', line: 8 });
    assert.equal(last.event.marker, 'q5.beam-search');
  });

  it('stops an infinite loop in student code at its deadline and points at the loop', async () => {
    const page = await openPanel('short-limit');
    const file = join(ROOT, 'test/fixtures/runner/ws-loop/q5_beam_search.ts');
    const code = compileStudent(readFileSync(file, 'utf8'), file);
    await send(page, { type: 'run', requestId: 'loop', problemId: 'beam-search', config: { quick: true }, solution: { kind: 'student', file, code } });
    const last = (await waitForPosted(page, (m) => m.type === 'runEvent' && m.requestId === 'loop' && (m.event.type === 'error' || m.event.type === 'done'), 30_000)) as Extract<FromWebview, { type: 'runEvent' }>;
    assert.equal(last.event.type === 'error' && last.event.reason, 'time-limit');
    assert.deepEqual(last.event.type === 'error' && last.event.location, { file: 'q5_beam_search.ts', line: 7 });
    // The panel is responsive again.
    await init(page, [figure2]);
    assert.equal(await page.locator('svg.beam-tree .node').count(), 12);
  });

  it('"Run here" runs the reference beam search with tfjs in the panel and shows both traces', async function () {
    if (!existsSync(join(ROOT, 'dist/wasm'))) this.skip();
    const page = await openPanel('light', 520);
    // With nothing to show, the panel opens its run controls by itself.
    assert.equal(await page.locator('details.run-here').getAttribute('open'), '');
    const field = (label: string) => page.getByRole('textbox', { name: label, exact: true });
    await field('k').fill('3');
    await field('T').fill('10');
    await field('Prompt').fill('the queen ');
    const started = Date.now();
    await page.locator('vscode-button', { hasText: 'Run here' }).click();
    await page.locator('.run-status', { hasText: /^Done in/ }).waitFor({ timeout: 110_000 });
    console.log(`      (in-panel run: ${((Date.now() - started) / 1000).toFixed(1)} s, ${await page.locator('.run-status').textContent()})`);
    assert.deepEqual(await page.locator('.trace-select vscode-option').allTextContents(), [
      'Figure 2: beam search with k = 3, T = 3 (run here)',
      'Character model: beam search with k = 3, T = 10, after "the queen " (run here)',
    ]);
    // The character model's trace is selected: 10 steps, the beam of 3, pruned siblings folded.
    assert.equal(await page.locator('svg.beam-tree').getAttribute('data-max-step'), '10');
    assert.equal(await page.locator('svg.beam-tree .node.beam').count(), 3);
    assert.ok((await page.locator('svg.beam-tree .node.collapsed').count()) > 0);
    assert.match((await page.locator('svg.beam-tree .node.collapsed .token').first().textContent()) ?? '', /^\+\d+ pruned$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'beam-tree-character-model.png'), fullPage: true });
  });

  for (const theme of Object.keys(THEMES) as Theme[]) {
    it(`looks right in the ${theme} theme (screenshot)`, async () => {
      const page = await openPanel(theme);
      await init(page, [figure2, { ...figure2ReferenceTrace(1), title: 'Figure 2 with k = 1' }]);
      await page.locator('[data-id="0.1.1"]').click();
      await page.waitForTimeout(150);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `beam-tree-${theme}.png`), fullPage: true });
      const bg = await page.evaluate(() => {
        const g = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string }; document: { body: unknown } };
        return g.getComputedStyle(g.document.body).backgroundColor;
      });
      assert.equal(bg, { light: 'rgb(248, 248, 248)', dark: 'rgb(24, 24, 24)', 'high-contrast': 'rgb(0, 0, 0)' }[theme]);
    });
  }
});
