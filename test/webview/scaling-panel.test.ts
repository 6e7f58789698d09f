// The √d scaling panel in real Chromium: the built bundle (dist/webview/attention-scaling.js) inside the HTML
// the extension serves (panelHtml, real CSP: no 'unsafe-eval', so tfjs and mathjs must do without),
// a fake acquireVsCodeApi that records what the panel posts, driven with a computed problem 2 run.
// The live lab samples with tfjs in the page. Screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, type FromWebview } from '../../src/core/protocol';
import type { ScalingRunArtifact } from '../../src/core/problems/attention-scaling/artifact';
import {
  SCALING_MOMENTS_CSV_HEADER,
  scalingMomentsCsv,
} from '../../src/core/problems/attention-scaling/figures/scalingCsv';
import { PanelSite, SCREENSHOTS, THEMES, send, waitForPosted, type Theme } from './support/panelSite';
import { recordedScalingRun, RIGHT_ANSWERS } from './fixtures/scalingRun';
import { recordedKernelRun } from './fixtures/kernelRun';

type ExportFile = Extract<FromWebview, { type: 'exportFile' }>;
type ExportSvg = Extract<FromWebview, { type: 'exportSvg' }>;

interface PageGlobals {
  document: { activeElement: { id: string } | null; querySelector(s: string): unknown };
  getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string };
}

/** The root element's name when `svg` parses as an SVG document (in a blank page: no CSP to trip over its <style>). */
async function parsesAsSvg(panel: Page, svg: string): Promise<string> {
  const page = await panel.context().browser()!.newPage();
  try {
    return await page.evaluate((text) => {
      const doc = new (
        globalThis as unknown as {
          DOMParser: new () => {
            parseFromString(
              t: string,
              m: string,
            ): { querySelector(s: string): unknown; documentElement: { nodeName: string } };
          };
        }
      ).DOMParser().parseFromString(text, 'image/svg+xml');
      return doc.querySelector('parsererror') ? 'parsererror' : doc.documentElement.nodeName;
    }, svg);
  } finally {
    await page.close();
  }
}

const num = (text: string | null): number => Number((text ?? '').replace(/,/g, ''));

describe('√d scaling panel (Chromium)', function () {
  this.timeout(120_000);
  let site: PanelSite;
  let run: ScalingRunArtifact;

  before(async () => {
    run = recordedScalingRun();
    site = await PanelSite.start({ bundle: 'attention-scaling', title: 'Why scale by √d' });
  });
  after(() => site?.close());
  afterEach(() => site.closePages());

  const openPanel = (theme: Theme = 'light', width = 1280, height = 900): Promise<Page> =>
    site.open(theme, width, height, 1);

  const histogram = (page: Page, which: 'raw' | 'scaled') => page.locator(`.card.live svg.lab-hist-${which}`);
  const moment = (page: Page, key: string, col: 'empirical' | 'closed') =>
    page.locator(`.moments-table tr[data-moment="${key}"] td.${col}`).textContent().then(num);

  async function waitForLive(page: Page, d: number, samples?: number): Promise<void> {
    await page
      .locator(`.card.live svg.lab-hist-raw[data-d="${d}"]${samples ? `[data-count="${samples}"]` : ''}`)
      .waitFor();
  }

  it('says ready; before any run the live lab samples with tfjs and a note says what a run adds', async () => {
    const page = await openPanel('light', 1280, 900);
    assert.deepEqual(await waitForPosted(page, (m) => m.type === 'ready'), {
      type: 'ready',
      version: PROTOCOL_VERSION,
    });
    await waitForLive(page, 64, 2000);
    assert.equal(await page.locator('.run-note').isVisible(), true);
    assert.match(
      (await page.locator('.run-note').textContent()) ?? '',
      /saturation plot, the Monte-Carlo table and your answers/,
    );
    assert.equal(await page.locator('.card.saturation').isVisible(), false);
    // No answers yet: the closed forms (answers 2a–2c at any d, μ, σ) are not shown, the experiment is.
    const closedText = (key: string) => page.locator(`.moments-table tr[data-moment="${key}"] td.closed`).textContent();
    assert.equal(await closedText('variance-raw'), 'after 2a–2c');
    assert.equal(await closedText('mean-raw'), 'after 2a–2c');
    const v = await moment(page, 'variance-raw', 'empirical');
    assert.ok(Math.abs(v / 64 - 1) < 0.12, `empirical variance ${v}`);
    assert.ok(Math.abs(await moment(page, 'mean-scaled', 'empirical')) < 0.1);
    assert.ok((await histogram(page, 'raw').locator('rect.bar').count()) > 10);
    assert.equal(await page.locator('.answers-table').isVisible(), false);
    await page.screenshot({ path: join(SCREENSHOTS, 'scaling-empty.png'), fullPage: true });
  });

  it('moving a slider resamples: the histogram and the empirical numbers follow d, μ and the sample count', async () => {
    const page = await openPanel();
    // a run whose answers to 2a–2c agree: the closed forms are shown beside the samples
    await send(page, { type: 'artifact', artifact: run });
    await waitForLive(page, 64, 2000);
    // μ = 0, σ = 1, d = 64: variance 64; scaled: 1.
    assert.equal(await moment(page, 'variance-raw', 'closed'), 64);
    assert.equal(await moment(page, 'variance-scaled', 'closed'), 1);
    const before = await moment(page, 'variance-raw', 'empirical');
    // Keyboard: the d slider steps through its stops (64 → 96).
    await page.locator('#slider-d').focus();
    await page.keyboard.press('ArrowRight');
    await waitForLive(page, 96);
    assert.equal(await page.locator('output[for="slider-d"]').textContent(), '96');
    assert.equal(await moment(page, 'variance-raw', 'closed'), 96);
    const after = await moment(page, 'variance-raw', 'empirical');
    assert.notEqual(after, before);
    assert.ok(Math.abs(after / 96 - 1) < 0.12, `empirical variance at d = 96: ${after}`);
    // μ = 1: E[qᵀk] = d, Var = d(1 + 2) (σ = 1).
    await page.locator('#slider-mu').fill('1');
    await page.locator('.moments-table tr[data-moment="mean-raw"] td.closed', { hasText: /^96$/ }).waitFor();
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document
          .querySelector('.live-status')
          ?.textContent.includes('μ = 1.00') ?? false,
    );
    const mean = await moment(page, 'mean-raw', 'empirical');
    assert.ok(Math.abs(mean - 96) < 5 * Math.sqrt(288 / 2000), `empirical mean ${mean}`);
    assert.equal(await moment(page, 'variance-raw', 'closed'), 288);
    // The sample count.
    await page.locator('#slider-samples').fill('6');
    await waitForLive(page, 96, 10000);
    assert.ok((await histogram(page, 'scaled').getAttribute('data-count')) === '10000');
  });

  it('takes a run from the init snapshot: answers evaluated at the sliders and marked, saturation plot, Monte-Carlo table', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run] } });
    await page.locator('.card.saturation svg.lab-saturation-maxWeight').waitFor();
    await waitForLive(page, 64);
    assert.equal(await page.locator('.run-note').isVisible(), false);
    assert.equal(await page.locator('.answers-table tbody tr').count(), 3);
    assert.deepEqual(
      await page.locator('.answers-table tbody .answer-text').allTextContents(),
      RIGHT_ANSWERS.map((a) => a.text),
    );
    // d = 64, μ = 0, σ = 1: 2a = 0, 2b = 64, 2c = 8.
    assert.deepEqual((await page.locator('.answers-table tbody .answer-value').allTextContents()).map(num), [0, 64, 8]);
    assert.equal(await page.locator('.answers-table .badge.pass').count(), 3);
    assert.equal(await page.locator('.card.saturation circle.dot').count(), 4 * run.saturation.length);
    assert.equal(await page.locator('.mc-table tbody tr').count(), run.moments.length);
    assert.equal(await page.locator('.mc-table tbody tr[data-d="512"] th').textContent(), '512');
    // the answers agree: the run's table shows the closed forms (d = 512, μ = 0.25, σ = 1)
    const cells = await page.locator('.mc-table tbody tr[data-d="512"] td').allTextContents();
    assert.deepEqual([cells[1], cells[3]].map(num), [32, 576]);
    // The answers follow the sliders (2a = d μ² at μ = 0.5).
    await page.locator('#slider-mu').fill('0.5');
    await page.locator('.answers-table tr[data-answer="2a"] .answer-value', { hasText: /^16$/ }).waitFor();
  });

  it('marks a wrong answer (an `artifact` message) and says what could not be read', async () => {
    const page = await openPanel();
    await send(page, {
      type: 'artifact',
      artifact: recordedScalingRun([
        { id: '2a', text: 'dμ²', line: 4 },
        { id: '2b', text: 'd^2', line: 8 },
        { id: '2c', text: 'the square root', line: 12 },
      ]),
    });
    await page.locator('.answers-table tr[data-answer="2b"].fail').waitFor();
    assert.equal(await page.locator('.answers-table tr[data-answer="2b"] .answer-value').textContent(), '4,096');
    assert.match((await page.locator('.answers-table tr[data-answer="2b"] .badge').textContent()) ?? '', /✗/);
    assert.equal(await page.locator('.answers-table tr[data-answer="2a"].ok').count(), 1);
    assert.equal(await page.locator('.answers-table tr[data-answer="2c"] .badge.unknown').textContent(), 'unreadable');
    assert.match((await page.locator('.answers-note').textContent()) ?? '', /1 answer disagrees .*1 could not be read/);
    // a wrong answer's expected value is the answer at this point: not shown; nor are the closed forms
    assert.equal(await page.locator('.answers-table tr[data-answer="2b"] .answer-expected').textContent(), '–');
    assert.equal(
      await page.locator('.moments-table tr[data-moment="variance-raw"] td.closed').textContent(),
      'after 2a–2c',
    );
    // nor in the run's Monte-Carlo table: closed mean and closed variance wait for 2a–2c too
    const cells = await page.locator('.mc-table tbody tr[data-d="512"] td').allTextContents();
    assert.deepEqual([cells[1], cells[3]], ['after 2a–2c', 'after 2a–2c']);
  });

  it('shows the closed forms without right answers when the judge revealed the answers (hw6.revealAnswers)', async () => {
    const page = await openPanel();
    await send(page, { type: 'artifact', artifact: { ...recordedScalingRun([]), answersRevealed: true } });
    await page.locator('.mc-table tbody tr[data-d="512"]').waitFor();
    const cells = await page.locator('.mc-table tbody tr[data-d="512"] td').allTextContents();
    // d = 512, μ = 0.25, σ = 1: closed mean dμ² = 32, closed variance d(σ⁴ + 2μ²σ²) = 576
    assert.deepEqual([cells[1], cells[3]].map(num), [32, 576]);
  });

  it('ignores malformed messages and the kernel panel’s artifacts, and keeps what it shows', async () => {
    const page = await openPanel();
    await send(page, { type: 'artifact', artifact: run });
    await page.locator('.card.saturation svg').first().waitFor();
    await send(page, { type: 'artifact', artifact: { ...run, moments: 'nope' } });
    await send(page, { type: 'artifact', artifact: { ...run, answers: [{ id: '9z', text: 'd', line: 1 }] } });
    await send(page, { type: 'artifact' });
    await send(page, { type: 'artifact', artifact: recordedKernelRun() });
    await send(page, { type: 'bogus' });
    await page.evaluate(() =>
      (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage('artifact', '*'),
    );
    await waitForPosted(page, (m) => m.type === 'log' && /malformed/.test(m.message));
    await page.waitForTimeout(100);
    assert.equal(await page.locator('.mc-table tbody tr').count(), run.moments.length);
    assert.equal(await page.locator('.answers-table tbody tr').count(), 3);
    assert.equal(await page.locator('.error-banner').isVisible(), false);
  });

  it('shows an error banner when the extension speaks another protocol version', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION + 1, snapshot: { artifacts: [] } });
    const banner = page.getByRole('alert');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /protocol version/);
  });

  it('restores its run and sliders after a reload', async () => {
    const page = await openPanel();
    await send(page, { type: 'artifact', artifact: run });
    await page.locator('#slider-d').fill('4'); // the fifth stop: d = 6
    await page.locator('#slider-sigma').fill('2');
    await waitForLive(page, 6);
    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    await waitForLive(page, 6);
    assert.equal(await page.locator('output[for="slider-sigma"]').textContent(), '2.00');
    assert.equal(await page.locator('.mc-table tbody tr').count(), run.moments.length);
    // d = 6, σ = 2, μ = 0: Var = 6 · 16.
    assert.equal(await moment(page, 'variance-raw', 'closed'), 96);
  });

  it('exports the moments as CSV and the figures as standalone SVG', async () => {
    const page = await openPanel();
    await send(page, { type: 'artifact', artifact: run });
    await waitForLive(page, 64);
    await page.locator('vscode-button', { hasText: 'Export CSV' }).click();
    const csv = (await waitForPosted(page, (m) => m.type === 'exportFile')) as ExportFile;
    assert.equal(csv.contentType, 'text/csv');
    assert.equal(csv.data.split('\n')[0], SCALING_MOMENTS_CSV_HEADER.join(','));
    assert.equal(csv.data, scalingMomentsCsv(run));
    await page.getByRole('button', { name: 'Export the histograms as SVG' }).click();
    await page.getByRole('button', { name: 'Export the saturation plots as SVG' }).click();
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { __posted: FromWebview[] }).__posted.filter((m) => m.type === 'exportSvg').length >=
        4,
    );
    const svgs = (await page.evaluate(() => (globalThis as unknown as { __posted: FromWebview[] }).__posted)).filter(
      (m): m is ExportSvg => m.type === 'exportSvg',
    );
    assert.deepEqual(
      svgs.map((s) => s.suggestedName),
      [
        'scaling-histogram-raw-d64.svg',
        'scaling-histogram-scaled-d64.svg',
        'scaling-saturation-maxweight.svg',
        'scaling-saturation-gradnorm.svg',
      ],
    );
    for (const s of svgs) {
      assert.match(s.svg, /--lab-series1: (#[0-9a-f]{3,8}|rgb)/i);
      assert.doesNotMatch(s.svg, /var\(--vscode/);
      assert.equal(await parsesAsSvg(page, s.svg), 'svg');
    }
  });

  it('shows keyboard focus on the sliders and buttons', async () => {
    const page = await openPanel();
    await waitForLive(page, 64);
    // Tab from the top: the histograms' export button, then the d slider.
    for (
      let i = 0;
      i < 6 &&
      (await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.id)) !== 'slider-d';
      i++
    )
      await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      const el = g.document.activeElement;
      const s = g.getComputedStyle(el);
      return { id: el?.id, outline: s.outlineStyle, width: s.outlineWidth };
    });
    assert.equal(focused.id, 'slider-d');
    assert.notEqual(focused.outline, 'none');
    assert.notEqual(focused.width, '0px');
  });

  for (const theme of Object.keys(THEMES) as Theme[]) {
    it(`looks right in the ${theme} theme (screenshot)`, async () => {
      const page = await openPanel(theme, 1280, 900);
      await send(page, {
        type: 'artifact',
        artifact: recordedScalingRun([RIGHT_ANSWERS[0], { id: '2b', text: 'd^2', line: 8 }, RIGHT_ANSWERS[2]]),
      });
      await page.locator('.card.saturation svg').first().waitFor();
      await waitForLive(page, 64);
      await page.locator('#slider-d').focus();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `scaling-${theme}.png`), fullPage: true });
    });
  }
});
