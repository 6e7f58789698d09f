// The karate club panel in real Chromium: the built bundle (dist/webview/zkc.js) inside the HTML
// the extension serves (panelHtml, real CSP), a fake acquireVsCodeApi that records what the panel
// posts, driven with a recorded ZKC run. Screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, type FromWebview } from '../../src/core/protocol';
import type { ZkcRunArtifact } from '../../src/core/problems/zkc/artifact';
import { ZKC_CSV_HEADER, zkcSeriesCsv } from '../../src/core/problems/zkc/figures/zkcCsv';
import { PanelSite, SCREENSHOTS, THEMES, posted, send, waitForPosted, type Theme } from './support/panelSite';
import { recordedZkcRun } from './fixtures/zkcRun';

/** The browser's globals inside page.evaluate callbacks (the test tsconfig has no DOM lib). */
interface PageGlobals {
  document: {
    activeElement: { getAttribute(name: string): string | null } | null;
    querySelector(s: string): { getAttribute(name: string): string | null; value?: string } | null;
  };
  getComputedStyle(el: unknown): { fill: string };
}

type ExportFile = Extract<FromWebview, { type: 'exportFile' }>;
type ExportSvg = Extract<FromWebview, { type: 'exportSvg' }>;

describe('karate club panel (Chromium)', function () {
  this.timeout(120_000);
  let site: PanelSite;
  let run: ZkcRunArtifact;

  before(async () => {
    run = recordedZkcRun();
    site = await PanelSite.start({ bundle: 'zkc', title: 'Karate Club' });
  });
  after(() => site?.close());
  afterEach(() => site.closePages());

  const openPanel = (theme: Theme = 'light', width = 1280, height = 900): Promise<Page> =>
    site.open(theme, width, height, 1);

  async function showRun(page: Page): Promise<void> {
    await send(page, { type: 'artifact', artifact: run });
    await page.locator('.card.graph svg.zkc-graph').waitFor();
  }

  const embeddingEpoch = (page: Page) =>
    page.locator('.card.embedding svg.zkc-embedding').getAttribute('data-epoch').then(Number);

  it('says ready and shows the empty state until a run arrives', async () => {
    const page = await openPanel('light', 900, 420);
    assert.deepEqual(await waitForPosted(page, (m) => m.type === 'ready'), {
      type: 'ready',
      version: PROTOCOL_VERSION,
    });
    await page.getByText('Run problem 1 to see the karate club').waitFor();
    assert.equal(await page.locator('svg.zkc-figure').count(), 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'zkc-empty.png') });
  });

  it('draws the graph: 34 nodes, 78 edges, 8 and 9 marked, the test nodes, the gradient table', async () => {
    const page = await openPanel();
    await showRun(page);
    const graph = page.locator('.card.graph svg.zkc-graph');
    assert.equal(await graph.locator('circle.dot').count(), 34);
    assert.equal(await graph.locator('line.edge').count(), 78);
    assert.deepEqual(
      await graph.locator('.node.disagree').evaluateAll((els) => els.map((e) => e.getAttribute('data-node'))),
      ['8', '9'],
    );
    assert.deepEqual(
      await graph.locator('.node.test').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-node')))),
      run.graph.testNodes,
    );
    assert.deepEqual(
      await graph.locator('.node text.label').allTextContents(),
      Array.from({ length: 34 }, (_, i) => String(i)),
    );
    // Filled by class through the theme: class A and B ∪ C differ.
    const fills = await graph
      .locator('circle.dot')
      .evaluateAll((els) => [
        ...new Set(els.map((e) => (globalThis as unknown as PageGlobals).getComputedStyle(e).fill)),
      ]);
    assert.equal(fills.length, 2);
    assert.equal(await page.locator('.grad-table tbody tr').count(), run.gradCheck.length);
    assert.deepEqual(
      await page.locator('.grad-table tbody th').allTextContents(),
      run.gradCheck.map((r) => r.parameter),
    );
    assert.equal(await page.locator('.grad-table .badge.pass').count(), run.gradCheck.filter((r) => r.ok).length);
    assert.equal(await page.locator('svg.zkc-loss path.curve').count(), 2);
    assert.equal(await page.locator('svg.zkc-accuracy path.curve.accuracy').count(), 1);
    assert.equal(await page.locator('.card.final circle.dot').count(), 34);
  });

  it('toggles the mask mode with the mouse and the arrow keys', async () => {
    const page = await openPanel();
    await showRun(page);
    const radios = page.getByRole('radio');
    assert.equal(await radios.count(), 2);
    assert.equal(await page.getByRole('radio', { name: /All nodes/ }).getAttribute('aria-checked'), 'true');
    const allEpochs = run.series.find((s) => s.maskMode === 'all-nodes')!.epochs.length;
    const trainOnly = run.series.find((s) => s.maskMode === 'train-only')!;
    assert.equal(await embeddingEpoch(page), allEpochs);
    await page.getByRole('radio', { name: /Train only/ }).click();
    await page.locator(`.card.embedding svg[data-epoch="${trainOnly.epochs.length}"]`).waitFor();
    assert.match((await page.locator('svg.zkc-loss title').textContent()) ?? '', /train-only/);
    assert.equal(await page.getByRole('radio', { name: /Train only/ }).getAttribute('aria-checked'), 'true');
    await page.keyboard.press('ArrowLeft');
    await page.locator(`.card.embedding svg[data-epoch="${allEpochs}"]`).waitFor();
    assert.equal(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-mode'),
      ),
      'all-nodes',
    );
  });

  it('the scrubber moves the embedding frame and the curves’ cursor; play advances it, pause stops it', async () => {
    const page = await openPanel();
    await showRun(page);
    const series = run.series[0];
    const before = await page.locator('.card.embedding .node[data-node="0"]').getAttribute('transform');
    await page.locator('#epoch-scrubber').fill('10');
    await page.locator(`.card.embedding svg[data-epoch="${series.embeddingEpochs[10]}"]`).waitFor();
    assert.notEqual(await page.locator('.card.embedding .node[data-node="0"]').getAttribute('transform'), before);
    assert.equal(
      await page.locator('svg.zkc-loss .cursor-group').getAttribute('data-epoch'),
      String(series.embeddingEpochs[10]),
    );
    assert.match(
      (await page.locator('.epoch-value').textContent()) ?? '',
      new RegExp(`^epoch ${series.embeddingEpochs[10].toLocaleString('en-US')} / 20,000$`),
    );

    await page.getByRole('button', { name: 'Play the embedding animation' }).click();
    await page.waitForFunction(
      () => Number((globalThis as unknown as PageGlobals).document.querySelector('#epoch-scrubber')?.value) >= 14,
    );
    await page.getByRole('button', { name: 'Pause the embedding animation' }).click();
    const paused = await embeddingEpoch(page);
    assert.ok(paused > series.embeddingEpochs[10], `played on to epoch ${paused}`);
    await page.waitForTimeout(300);
    assert.equal(await embeddingEpoch(page), paused, 'paused');
    // ] steps one frame with the keyboard.
    const frame = Number(await page.locator('#epoch-scrubber').inputValue());
    await page.locator('.card.graph h2').click();
    await page.keyboard.press(']');
    assert.equal(Number(await page.locator('#epoch-scrubber').inputValue()), frame + 1);
  });

  it('exports the series as CSV and figures as standalone SVG and PNG', async () => {
    const page = await openPanel();
    await showRun(page);
    await page.locator('vscode-button', { hasText: 'Export CSV' }).click();
    const csv = (await waitForPosted(
      page,
      (m) => m.type === 'exportFile' && m.contentType === 'text/csv',
    )) as ExportFile;
    assert.equal(csv.suggestedName, 'zkc-series-karate-club-gcn-reference-seed-100.csv');
    const lines = csv.data.trimEnd().split('\n');
    assert.equal(lines[0], ZKC_CSV_HEADER.join(','));
    assert.equal(lines.length, 1 + run.series.reduce((n, s) => n + s.epochs.length, 0));
    assert.equal(
      lines[1],
      `all-nodes,1,${run.series[0].trainLoss[0]},${run.series[0].testLoss[0]},${run.series[0].testAccuracy[0]}`,
    );
    assert.equal(csv.data, zkcSeriesCsv(run));

    await page.getByRole('button', { name: 'Export “The club” as SVG' }).click();
    const svg = (await waitForPosted(page, (m) => m.type === 'exportSvg')) as ExportSvg;
    assert.equal(svg.suggestedName, 'zkc-graph.svg');
    assert.match(svg.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="zkc-figure zkc-graph"/);
    // The theme's colours, resolved: a standalone file has no --vscode-* variables to read.
    assert.match(svg.svg, /--zk-class0: (#[0-9a-f]{3,8}|rgb)/i);
    assert.doesNotMatch(svg.svg, /var\(--vscode/);

    await page.getByRole('button', { name: 'Export “Training” as PNG' }).click();
    const pngs = async () =>
      (await posted(page)).filter((m): m is ExportFile => m.type === 'exportFile' && m.contentType === 'image/png');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { __posted: FromWebview[] }).__posted.filter((m) => m.type === 'exportFile').length >=
        3,
    );
    const files = await pngs();
    assert.deepEqual(
      files.map((f) => f.suggestedName),
      ['zkc-curves-all-nodes-loss.png', 'zkc-curves-all-nodes-accuracy.png'],
    );
    const png = Buffer.from(files[0].data, 'base64');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 880, 'twice the figure width');
  });

  it('ignores malformed messages and keeps what it shows', async () => {
    const page = await openPanel();
    await showRun(page);
    await send(page, { type: 'artifact', artifact: { ...run, graph: { ...run.graph, edges: [[0, 99, 1]] } } });
    await send(page, { type: 'artifact' });
    await send(page, { type: 'artifact', artifact: { ...run, series: [{ ...run.series[0], trainLoss: 'nope' }] } });
    await send(page, { type: 'bogus' });
    await page.evaluate(() =>
      (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage('artifact', '*'),
    );
    await waitForPosted(page, (m) => m.type === 'log' && /malformed/.test(m.message));
    assert.equal(await page.locator('.card.graph circle.dot').count(), 34);
    assert.equal(await page.locator('.card.graph line.edge').count(), 78);
    assert.equal(await page.locator('.error-banner').isVisible(), false);
  });

  it('shows an error state when the extension speaks another protocol version', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION + 1, snapshot: { artifacts: [] } });
    const banner = page.getByRole('alert');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /protocol version/);
    assert.equal(await page.getByText('Run problem 1 to see the karate club').isVisible(), true);
  });

  it('restores its run, mode and frame after a reload, and takes a run from the init snapshot', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run] } });
    await page.locator('.card.graph svg.zkc-graph').waitFor();
    await page.getByRole('radio', { name: /Train only/ }).click();
    await page.locator('#epoch-scrubber').fill('5');
    const epoch = run.series[1].embeddingEpochs[5];
    await page.locator(`.card.embedding svg[data-epoch="${epoch}"]`).waitFor();
    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    await page.locator(`.card.embedding svg[data-epoch="${epoch}"]`).waitFor();
    // The same run again from the extension keeps the frame.
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run] } });
    await page.waitForTimeout(100);
    assert.equal(await embeddingEpoch(page), epoch);
    assert.equal(await page.getByRole('radio', { name: /Train only/ }).getAttribute('aria-checked'), 'true');
  });

  it('fills the gradient check from the judge (a zkc-gradcheck artifact) after the run, keeping the view; ignores malformed rows', async () => {
    const page = await openPanel();
    // The child's run carries no rows: the judge's follow once the checks ran.
    await send(page, { type: 'artifact', artifact: { ...run, gradCheck: [] } });
    await page.locator('.card.graph svg.zkc-graph').waitFor();
    assert.equal(await page.locator('.grad-table tbody tr').count(), 0);
    await page.getByRole('radio', { name: /Train only/ }).click();
    await page.locator('#epoch-scrubber').fill('5');
    const epoch = run.series[1].embeddingEpochs[5];
    await page.locator(`.card.embedding svg[data-epoch="${epoch}"]`).waitFor();

    await send(page, { type: 'artifact', artifact: { kind: 'zkc-gradcheck', rows: [{ parameter: 'w1' }] } });
    await waitForPosted(page, (m) => m.type === 'log' && /malformed/.test(m.message));
    assert.equal(await page.locator('.grad-table tbody tr').count(), 0);

    const rows = [...run.gradCheck, { parameter: 'w9: broken', relativeError: null, tolerance: 1e-4, ok: false }];
    await send(page, { type: 'artifact', artifact: { kind: 'zkc-gradcheck', rows } });
    await page
      .locator('.grad-table tbody tr')
      .nth(rows.length - 1)
      .waitFor();
    assert.deepEqual(
      await page.locator('.grad-table tbody th').allTextContents(),
      rows.map((r) => r.parameter),
    );
    assert.equal(await page.locator('.grad-table .badge.pass').count(), run.gradCheck.filter((r) => r.ok).length);
    assert.equal(await page.locator('.grad-table tbody tr.fail td.num').first().textContent(), 'not finite');
    assert.match((await page.locator('.card.grad .caption-text').textContent()) ?? '', /^1 of \d+ comparisons fail/);
    assert.equal(await embeddingEpoch(page), epoch, 'the frame stays');
    assert.equal(await page.getByRole('radio', { name: /Train only/ }).getAttribute('aria-checked'), 'true');

    // Kept across a reload (the panel's own state).
    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    await page
      .locator('.grad-table tbody tr')
      .nth(rows.length - 1)
      .waitFor();
    assert.equal(await embeddingEpoch(page), epoch);
  });

  it("takes the judge's rows from the init snapshot over the same run restored without them, keeping the frame", async () => {
    // The webview was hidden (not live) when the rows came: the extension's snapshot has them.
    const page = await openPanel();
    await send(page, { type: 'artifact', artifact: { ...run, gradCheck: [] } });
    await page.locator('.card.graph svg.zkc-graph').waitFor();
    await page.locator('#epoch-scrubber').fill('7');
    const epoch = run.series[0].embeddingEpochs[7];
    await page.locator(`.card.embedding svg[data-epoch="${epoch}"]`).waitFor();
    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    await page.locator(`.card.embedding svg[data-epoch="${epoch}"]`).waitFor();
    assert.equal(await page.locator('.grad-table tbody tr').count(), 0);
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run] } });
    await page
      .locator('.grad-table tbody tr')
      .nth(run.gradCheck.length - 1)
      .waitFor();
    assert.equal(await embeddingEpoch(page), epoch);
  });

  for (const theme of Object.keys(THEMES) as Theme[]) {
    it(`looks right in the ${theme} theme (screenshot)`, async () => {
      const page = await openPanel(theme, 1280, 900);
      await showRun(page);
      await page.locator('#epoch-scrubber').fill('60');
      await page.locator('#epoch-scrubber').focus();
      await page.waitForTimeout(150);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `zkc-${theme}.png`), fullPage: true });
    });
  }
});
