// The kernel attention panel in real Chromium: the built bundle (dist/webview/kernel-attention.js) inside the
// HTML the extension serves (panelHtml, real CSP), a fake acquireVsCodeApi that records what the
// panel posts, driven with a computed problem 3 run. Screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, type FromWebview } from '../../src/core/protocol';
import type { KernelAttentionArtifact } from '../../src/core/problems/kernel-attention/artifact';
import { KERNEL_SWEEP_CSV_HEADER, kernelSweepCsv } from '../../src/core/problems/kernel-attention/figures/kernelCsv';
import { PanelSite, SCREENSHOTS, THEMES, send, waitForPosted, type Theme } from './support/panelSite';
import { recordedKernelRun } from './fixtures/kernelRun';
import { recordedScalingRun } from './fixtures/scalingRun';

type ExportFile = Extract<FromWebview, { type: 'exportFile' }>;
type ExportSvg = Extract<FromWebview, { type: 'exportSvg' }>;

interface PageGlobals {
  document: { activeElement: { getAttribute(n: string): string | null } | null };
  getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string };
}

const num = (text: string | null): number => Number((text ?? '').replace(/,/g, ''));

describe('kernel attention panel (Chromium)', function () {
  this.timeout(120_000);
  let site: PanelSite;
  let run: KernelAttentionArtifact;

  before(async () => {
    run = recordedKernelRun();
    site = await PanelSite.start({ bundle: 'kernel-attention', title: 'Kernelized attention' });
  });
  after(() => site?.close());
  afterEach(() => site.closePages());

  const openPanel = (theme: Theme = 'light', width = 1280, height = 900): Promise<Page> =>
    site.open(theme, width, height, 1);

  async function showRun(page: Page, artifact: KernelAttentionArtifact = run): Promise<void> {
    await send(page, { type: 'artifact', artifact });
    await page.locator('.card.time svg.lab-kernel-ms').waitFor();
  }

  it('says ready and shows the empty state until a run arrives', async () => {
    const page = await openPanel('light', 900, 420);
    assert.deepEqual(await waitForPosted(page, (m) => m.type === 'ready'), {
      type: 'ready',
      version: PROTOCOL_VERSION,
    });
    await page.getByText('Run problem 3 to see kernelized attention').waitFor();
    assert.equal(await page.locator('svg.lab-figure').count(), 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'kernel-empty.png') });
  });

  it('takes a run from the init snapshot: equivalence, φ size, both plots with slopes and crossovers, the tables', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run] } });
    await page.locator('.card.time svg.lab-kernel-ms').waitFor();
    assert.match(
      (await page.locator('.equivalence').textContent()) ?? '',
      /max \|eq\. 3 − eq\. 5\| = .*✓ within tolerance/,
    );
    assert.match((await page.locator('.feature-size').textContent()) ?? '', /153 entries✓ an accepted size/);
    const time = page.locator('.card.time svg');
    assert.equal(await time.locator('g.series').count(), 8);
    for (const f of run.fits.filter((x) => x.cost === 'ms'))
      await time.getByText(`${f.form}, D = ${f.D} (${f.implementation}) · slope ${f.exponent.toFixed(2)}`).waitFor();
    for (const D of [16, 64]) {
      const c = run.crossovers.find((x) => x.D === D && x.implementation === 'student')!;
      assert.equal(
        await time.locator(`g.crossover.measured[data-d="${D}"]`).getAttribute('data-n'),
        String(c.measuredN),
      );
      assert.equal(await time.locator(`g.crossover.flop[data-d="${D}"]`).count(), 1);
      assert.equal(
        num(
          await page
            .locator(`.crossover-table tr[data-d="${D}"][data-implementation="student"] td.measured`)
            .textContent(),
        ),
        c.measuredN,
      );
    }
    assert.equal(await page.locator('.card.memory svg g.crossover').count(), 0);
    assert.equal(await page.locator('.fits-table tbody tr').count(), 8);
    assert.equal(await page.locator('.sweep-table tbody tr').count(), run.sweep.length);
  });

  it('marks a wrong φ and a failed equivalence (an `artifact` message)', async () => {
    const page = await openPanel();
    await showRun(page, recordedKernelRun({ phiSize: 256, equivalenceError: 0.25 }));
    assert.match((await page.locator('.equivalence').textContent()) ?? '', /✗ exceeds tolerance/);
    assert.match((await page.locator('.feature-size').textContent()) ?? '', /256 entries✗ not an accepted size/);
    assert.equal(await page.locator('.summary .badge.fail').count(), 2);
  });

  it('sorts the sweep table by a column with the mouse and the keyboard', async () => {
    const page = await openPanel();
    await showRun(page);
    const msColumn = async () =>
      (await page.locator('.sweep-table tbody tr td:nth-child(5)').allTextContents()).map((t) =>
        Number(t.replace(/[^\d.e-]/g, '')),
      );
    await page.locator('.sort-button[data-key="ms"]').click();
    assert.equal(await page.locator('th[data-key="ms"]').getAttribute('aria-sort'), 'ascending');
    const up = await msColumn();
    assert.deepEqual(
      up,
      up.slice().sort((a, b) => a - b),
    );
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('th[data-key="ms"]').getAttribute('aria-sort'), 'descending');
    const down = await msColumn();
    assert.deepEqual(down, up.slice().reverse());
    const outline = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        key: g.document.activeElement?.getAttribute('data-key'),
        style: g.getComputedStyle(g.document.activeElement).outlineStyle,
      };
    });
    assert.equal(outline.key, 'ms');
    assert.notEqual(outline.style, 'none', 'keyboard focus is visible');
  });

  it('ignores malformed messages and the √d panel’s artifacts, and keeps what it shows', async () => {
    const page = await openPanel();
    await showRun(page);
    await send(page, { type: 'artifact', artifact: { ...run, sweep: [{ ...run.sweep[0], form: 'cubic' }] } });
    await send(page, { type: 'artifact', artifact: { ...run, equivalence: { ...run.equivalence, ok: 'yes' } } });
    await send(page, { type: 'artifact', artifact: recordedScalingRun() });
    await send(page, { type: 'bogus' });
    await page.evaluate(() =>
      (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage('artifact', '*'),
    );
    await waitForPosted(page, (m) => m.type === 'log' && /malformed/.test(m.message));
    await page.waitForTimeout(100);
    assert.equal(await page.locator('.sweep-table tbody tr').count(), run.sweep.length);
    assert.equal(await page.locator('.error-banner').isVisible(), false);
  });

  it("draws the judge's reference sweep (a `kernel-reference-sweep` artifact) beside a student-only run, dashed, keeping the sort; ignores a malformed one", async () => {
    const student = <T extends { implementation: string }>(xs: T[]): T[] =>
      xs.filter((x) => x.implementation === 'student');
    const reference = <T extends { implementation: string }>(xs: T[]): T[] =>
      xs.filter((x) => x.implementation === 'reference');
    const own: KernelAttentionArtifact = {
      ...run,
      sweep: student(run.sweep),
      fits: student(run.fits),
      crossovers: student(run.crossovers),
    };
    const referenceSweep = {
      kind: 'kernel-reference-sweep' as const,
      title: "The lab's reference beside your run",
      sweep: reference(run.sweep),
      fits: reference(run.fits),
      crossovers: reference(run.crossovers),
    };
    const page = await openPanel();
    await showRun(page, own);
    const time = page.locator('.card.time svg');
    assert.equal(await time.locator('g.series').count(), 4);
    assert.equal(await time.locator('g.series[data-implementation="reference"]').count(), 0);
    await page.locator('.sort-button[data-key="ms"]').click();
    await send(page, {
      type: 'artifact',
      artifact: { ...referenceSweep, sweep: [{ ...referenceSweep.sweep[0]!, implementation: 'student' }] },
    });
    await waitForPosted(page, (m) => m.type === 'log' && /malformed/.test(m.message));
    assert.equal(await time.locator('g.series').count(), 4);

    await send(page, { type: 'artifact', artifact: referenceSweep });
    await page.locator('.card.time svg g.series[data-implementation="reference"]').first().waitFor();
    assert.equal(await page.locator('.card.time svg g.series').count(), 8);
    assert.equal(
      await page.locator('.card.time svg g.series[data-implementation="reference"] path.curve.dashed').count(),
      4,
    );
    assert.equal(
      await page.locator('.card.memory svg g.series[data-implementation="reference"] path.curve.dashed').count(),
      4,
    );
    for (const f of referenceSweep.fits.filter((x) => x.cost === 'ms'))
      await page
        .locator('.card.time svg')
        .getByText(`${f.form}, D = ${f.D} (reference) · slope ${f.exponent.toFixed(2)}`)
        .waitFor();
    assert.equal(await page.locator('.fits-table tbody tr[data-implementation="reference"]').count(), 4);
    assert.equal(await page.locator('.crossover-table tbody tr[data-implementation="reference"]').count(), 2);
    assert.equal(await page.locator('.sweep-table tbody tr').count(), run.sweep.length);
    assert.equal(await page.locator('th[data-key="ms"]').getAttribute('aria-sort'), 'ascending', 'the sort stays');
    // a reload keeps the run with the reference; the extension's snapshot (the merged run) keeps it too
    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    await page.locator('.card.time svg.lab-kernel-ms').waitFor();
    assert.equal(await page.locator('.card.time svg g.series').count(), 8);
  });

  it('shows an error banner when the extension speaks another protocol version', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION + 1, snapshot: { artifacts: [] } });
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /protocol version/);
    assert.equal(await page.getByText('Run problem 3 to see kernelized attention').isVisible(), true);
  });

  it('restores its run and sort after a reload', async () => {
    const page = await openPanel();
    await showRun(page);
    await page.locator('.sort-button[data-key="bytes"]').click();
    await page.locator('.sort-button[data-key="bytes"]').click();
    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    await page.locator('.card.time svg.lab-kernel-ms').waitFor();
    assert.equal(await page.locator('th[data-key="bytes"]').getAttribute('aria-sort'), 'descending');
    // The same run again from the extension keeps the sort.
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run] } });
    await page.waitForTimeout(100);
    assert.equal(await page.locator('th[data-key="bytes"]').getAttribute('aria-sort'), 'descending');
  });

  it('exports the sweep as CSV and the figures as standalone SVG', async () => {
    const page = await openPanel();
    await showRun(page);
    await page.locator('vscode-button', { hasText: 'Export CSV' }).click();
    const csv = (await waitForPosted(page, (m) => m.type === 'exportFile')) as ExportFile;
    assert.equal(csv.contentType, 'text/csv');
    assert.equal(csv.data.split('\n')[0], KERNEL_SWEEP_CSV_HEADER.join(','));
    assert.equal(csv.data, kernelSweepCsv(run));
    await page.getByRole('button', { name: 'Export “Time against N” as SVG' }).click();
    const svg = (await waitForPosted(page, (m) => m.type === 'exportSvg')) as ExportSvg;
    assert.equal(svg.suggestedName, 'kernel-attention-time.svg');
    assert.match(svg.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="lab-figure lab-kernel-ms"/);
    assert.match(svg.svg, /--lab-series1: (#[0-9a-f]{3,8}|rgb)/i);
    assert.doesNotMatch(svg.svg, /var\(--vscode/);
  });

  for (const theme of Object.keys(THEMES) as Theme[]) {
    it(`looks right in the ${theme} theme (screenshot)`, async () => {
      const page = await openPanel(theme, 1280, 900);
      await showRun(page);
      await page.locator('.sort-button[data-key="N"]').focus();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `kernel-${theme}.png`), fullPage: true });
    });
  }
});
