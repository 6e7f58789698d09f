// The Autoencoders panel in real Chromium: the built bundle (dist/webview/autoencoders.js) inside the
// HTML the extension serves (panelHtml, real CSP), a fake acquireVsCodeApi that records what the
// panel posts, driven with a small problem 4 run in the artifacts' real shapes (streamed `ae-cell`
// artifacts, then the final `autoencoders`). Screenshots go to docs/screenshots/ae-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { unzlibSync } from 'fflate';
import { PROTOCOL_VERSION, type FromWebview, type ToWebview } from '../../src/core/protocol';
import type { AeCellArtifact, AutoencodersArtifact } from '../../src/core/problems/autoencoders/artifact';
import { AE_GRID_CSV_HEADER, aeGridCsv, aeGridRows } from '../../src/core/problems/autoencoders/figures/aeData';
import { PanelSite, SCREENSHOTS, THEMES, posted, send, waitForPosted, type Theme } from './support/panelSite';
import { aeFixtureRun, AE_FIXTURE, type AeFixture } from './fixtures/aeRun';
import { recordedKernelRun } from './fixtures/kernelRun';
// A real run: `hw6-lab run autoencoders --reference --quick` (wasm, 2 workers) at 17:50 UTC on 26 Nov,
// its final artifact with the digit strips cut to 2 digits and numbers to 6 significant digits.
import quickRunJson from './fixtures/aeQuickRun.json';

const quickRun = quickRunJson as unknown as AutoencodersArtifact;

type ExportFile = Extract<FromWebview, { type: 'exportFile' }>;
type ExportSvg = Extract<FromWebview, { type: 'exportSvg' }>;

interface PageGlobals {
  document: { activeElement: { getAttribute(n: string): string | null } | null };
  getComputedStyle(el: unknown): { outlineStyle: string };
}

const GROUPS =
  AE_FIXTURE.datasets.length * AE_FIXTURE.activations.length * AE_FIXTURE.variants.length * AE_FIXTURE.ks.length;

/** Posts several messages in one round trip (the panel handles them one by one). */
const sendAll = (page: Page, messages: (ToWebview | Record<string, unknown>)[]): Promise<void> =>
  page.evaluate((ms) => {
    for (const m of ms)
      (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*');
  }, messages);

const artifact = (a: AeCellArtifact | AutoencodersArtifact): ToWebview => ({ type: 'artifact', artifact: a });
const status = (state: 'running' | 'done' | 'cancelled' | 'error', message?: string): ToWebview => ({
  type: 'runStatus',
  problemId: 'autoencoders',
  state,
  ...(message ? { message } : {}),
});

describe('autoencoders panel (Chromium)', function () {
  this.timeout(120_000);
  let site: PanelSite;
  let run: AeFixture;
  let older: AeFixture;
  const problems: string[] = [];

  before(async () => {
    run = aeFixtureRun({ seed: 1 });
    older = aeFixtureRun({ seed: 2, lossScale: 1.25, probeShift: -0.04 });
    site = await PanelSite.start({ bundle: 'autoencoders', title: 'Autoencoders' });
  });
  after(() => site?.close());
  afterEach(async () => {
    const seen = problems.splice(0);
    await site.closePages();
    assert.deepEqual(seen, [], 'no console errors or page errors');
  });

  async function openPanel(theme: Theme = 'light', width = 1280, height = 900): Promise<Page> {
    const page = await site.open(theme, width, height, 1);
    // A failed load is reported by its URL below (Chromium's own favicon request is not the panel's).
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    return page;
  }

  /** Streams every cell of `fixture`, then its final artifact. */
  async function showRun(page: Page, fixture: AeFixture = run): Promise<void> {
    await sendAll(page, [status('running'), ...fixture.cells.map(artifact), artifact(fixture.final), status('done')]);
    await page.getByRole('heading', { name: fixture.final.title }).waitFor();
    await page.locator('.loss-card svg.lab-ae-curves-loss').waitFor();
  }

  it('says ready and shows the empty state until a run arrives', async () => {
    const page = await openPanel('light', 900, 420);
    assert.deepEqual(await waitForPosted(page, (m) => m.type === 'ready'), {
      type: 'ready',
      version: PROTOCOL_VERSION,
    });
    await page.getByText('Run problem 4 to see the autoencoders').waitFor();
    assert.equal(await page.locator('svg.lab-figure').count(), 0);
    assert.equal(await page.locator('.viewer').isVisible(), false);
    await page.screenshot({ path: join(SCREENSHOTS, 'ae-empty.png') });
  });

  it('shows the sweep’s progress, elapsed time and an ETA as cells arrive, and the results so far', async () => {
    const page = await openPanel();
    await send(page, status('running'));
    await page.getByText('waiting for the first cell', { exact: true }).waitFor();
    for (const c of run.cells.slice(0, 4)) {
      await send(page, artifact(c));
      await page.waitForTimeout(120);
    }
    const total = run.cells[0].total;
    await page.getByText(`4 / ${total} cells`).waitFor();
    const bar = page.getByRole('progressbar', { name: 'Grid cells finished' });
    assert.ok(Math.abs(Number(await bar.getAttribute('aria-valuenow')) - 4 / total) < 1e-3);
    assert.equal(await bar.getAttribute('aria-valuetext'), `4 of ${total} cells`);
    const times = (await page.locator('.progress-times').textContent()) ?? '';
    const eta = /ETA (\d+):(\d\d)/.exec(times);
    assert.ok(eta, `an ETA in ${JSON.stringify(times)}`);
    // The first cells took about 1 s each and arrived ~0.12 s apart: the other 68 cells take tens of seconds.
    const etaSeconds = Number(eta[1]) * 60 + Number(eta[2]);
    assert.ok(etaSeconds >= 5 && etaSeconds <= 120, `ETA ${etaSeconds} s`);
    assert.match(times, /elapsed \d+:\d\d/);
    assert.match(
      (await page.locator('.last-cell').textContent()) ?? '',
      /Last finished: synthetic · linear · vanilla · k = \d+ · repeat \d/,
    );
    // The cells so far are drawn: the first two k of synthetic · linear · vanilla.
    const loss = page.locator('.loss-card svg');
    assert.equal(await loss.locator('g.series:not(.previous)').count(), 2);
    assert.equal(await page.locator('.grid-table tbody tr').count(), 2);
    assert.equal(await page.getByRole('button', { name: 'Cancel the running sweep' }).isVisible(), true);
    await page.screenshot({ path: join(SCREENSHOTS, 'ae-progress.png') });
    // More cells move the bar.
    await sendAll(page, run.cells.slice(4, 10).map(artifact));
    await page.getByText(`10 / ${total} cells`).waitFor();
  });

  it('posts cancelRun from its Cancel button and shows the run cancelled', async () => {
    const page = await openPanel();
    await sendAll(page, [status('running'), ...run.cells.slice(0, 3).map(artifact)]);
    await page.getByText(`3 / ${run.cells[0].total} cells`).waitFor();
    await page.getByRole('button', { name: 'Cancel the running sweep' }).click();
    assert.deepEqual(await waitForPosted(page, (m) => m.type === 'cancelRun'), { type: 'cancelRun' });
    await page.getByText(/cancelling…/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cancel the running sweep' }).isVisible(), false);
    await send(page, status('cancelled'));
    await page.getByText(`Cancelled at 3 / ${run.cells[0].total} cells`).waitFor();
    assert.doesNotMatch((await page.locator('.progress-times').textContent()) ?? '', /ETA/);
    // A run that fails says why.
    await sendAll(page, [status('running'), artifact(run.cells[0]), status('error', 'out of memory')]);
    await page.getByText(/Stopped at 1 \/ \d+ cells: out of memory/).waitFor();
  });

  it('draws curves with min–max bands, the digits, the PCA link and the table from a finished run', async () => {
    const page = await openPanel();
    await showRun(page);
    await page.getByText(`Done: ${run.cells[0].total} / ${run.cells[0].total} cells`).waitFor();
    assert.deepEqual(await waitForPosted(page, (m) => m.type === 'log' && m.level === 'info'), {
      type: 'log',
      level: 'info',
      message: `autoencoders: drew ${run.final.title} (${run.final.cells.length} cells)`,
    });
    for (const metric of ['loss', 'probe']) {
      const svg = page.locator(`.${metric}-card svg`);
      assert.equal(await svg.locator('g.series').count(), AE_FIXTURE.ks.length);
      assert.equal(await svg.locator('path.band').count(), AE_FIXTURE.ks.length, 'a band per k (2 repeats)');
      for (const k of AE_FIXTURE.ks) await svg.getByText(`k = ${k} (2 repeats)`).waitFor();
      await svg.getByText('min–max over repeats').waitFor();
    }
    // The band spans the repeats: its top edge at epoch 1 is the max of the two repeats.
    const yMax = Number(await page.locator('.loss-card svg').getAttribute('data-y-max'));
    const allLoss = run.final.cells
      .filter((c) => c.dataset === 'synthetic' && c.activation === 'linear' && c.variant === 'vanilla')
      .flatMap((c) => c.valLoss);
    assert.ok(yMax >= Math.max(...allLoss), 'the y axis holds every repeat');
    // Another selection.
    await page.locator('#sel-dataset').selectOption('mnist');
    await page.locator('#sel-variant').selectOption('denoising');
    await page.locator('.loss-card svg[data-dataset="mnist"][data-variant="denoising"]').waitFor();
    // Digits: 3 rows (variants) × 3 blocks × 4 digits, PNG data: URIs that are not blank.
    const digits = page.locator('.digits-card svg image.ae-digit');
    assert.equal(await digits.count(), 3 * 3 * AE_FIXTURE.digits);
    const inked = await page.evaluate(async () => {
      const doc = (
        globalThis as unknown as {
          document: {
            querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }>;
            createElement(t: string): unknown;
          };
        }
      ).document;
      const images = Array.from(doc.querySelectorAll('.digits-card svg image.ae-digit'));
      const out: number[] = [];
      for (const el of images.slice(0, 12)) {
        const img = new (
          globalThis as unknown as { Image: new () => { src: string; decode(): Promise<void> } }
        ).Image();
        img.src = el.getAttribute('href') ?? '';
        await img.decode();
        const canvas = doc.createElement('canvas') as {
          width: number;
          height: number;
          getContext(t: string): {
            drawImage(i: unknown, x: number, y: number): void;
            getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
          };
        };
        canvas.width = 28;
        canvas.height = 28;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, 28, 28).data;
        let bright = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] > 100) bright++;
        out.push(bright);
      }
      return out;
    });
    assert.equal(inked.length, 12);
    for (const n of inked) assert.ok(n > 20 && n < 600, `a digit has ink on part of it (${n} bright pixels)`);
    // Rows by k.
    await page.locator('#sel-rows').selectOption('k');
    await page.locator('.digits-card svg[data-rows="3"] g.digit-row[data-variant="denoising"][data-k="100"]').waitFor();
    // The PCA link: mean and max angles per k, the AE loss beside the PCA residual, the spectrum.
    const angles = page.locator('svg.lab-ae-angles');
    assert.equal(await angles.locator('g.series[data-series="mean"] circle').count(), AE_FIXTURE.ks.length);
    assert.equal(await angles.locator('g.series[data-series="max"] circle').count(), AE_FIXTURE.ks.length);
    await page.locator('#sel-dataset').selectOption('synthetic');
    const residual = page.locator('svg.lab-ae-residual[data-dataset="synthetic"]');
    for (const s of ['ae', 'pca', 'exact'])
      assert.equal(await residual.locator(`g.series[data-series="${s}"] path.curve`).count(), 1);
    await residual.getByText('closed form', { exact: true }).waitFor();
    assert.equal(await page.locator('svg.lab-ae-scree g.k-mark').count(), AE_FIXTURE.ks.length);
    // The whole grid.
    assert.equal(await page.locator('.grid-table tbody tr').count(), GROUPS);
    const row = page.locator(
      '.grid-table tr[data-dataset="mnist"][data-activation="relu"][data-variant="masked"][data-k="10"]',
    );
    const expected = aeGridRows(run.final.cells).find(
      (r) => r.dataset === 'mnist' && r.activation === 'relu' && r.variant === 'masked' && r.k === 10,
    )!;
    assert.equal(Number(await row.locator('td.loss').getAttribute('data-value')), expected.finalValLoss!.mean);
    assert.match((await row.locator('td.few-label').textContent()) ?? '', /^\d+\.\d ± \d+\.\d %$/);
  });

  it('draws a real quick run of the reference, streamed cell by cell', async () => {
    const page = await openPanel();
    const total = quickRun.cells.length;
    await sendAll(page, [
      status('running'),
      ...quickRun.cells.map((cell, index) => artifact({ kind: 'ae-cell', index, total, cell })),
      artifact(quickRun),
      status('done'),
    ]);
    await page.getByRole('heading', { name: quickRun.title }).waitFor();
    await page.getByText(`Done: ${total} / ${total} cells`).waitFor();
    const ks = quickRun.ks.length;
    assert.equal(await page.locator('.loss-card svg g.series').count(), ks);
    assert.equal(await page.locator('.loss-card svg path.band').count(), 0, 'one repeat: no band');
    assert.equal(await page.locator('svg.lab-ae-angles g.series[data-series="mean"] circle').count(), ks);
    // linear cells: the angle to PCA per epoch, one line per k, as many points as the cell trained epochs
    assert.equal(await page.locator('.angle-curve-card svg g.series').count(), ks);
    const linear = quickRun.cells.find((c) => c.dataset === 'synthetic' && c.activation === 'linear')!;
    assert.equal(
      await page.locator(`.angle-curve-card svg g.series[data-k="${linear.k}"] circle`).count(),
      linear.angleCurve!.length,
    );
    await page.locator('#sel-activation').selectOption('relu');
    assert.ok(await page.locator('.angle-curve-card').isHidden(), 'no angles for ReLU cells');
    await page.locator('#sel-activation').selectOption('linear');
    assert.equal(await page.locator('.grid-table tbody tr').count(), total);
    await page.locator('#sel-dataset').selectOption('mnist');
    assert.equal(await page.locator('.digits-card svg image.ae-digit').count(), 3 * 3 * 2);
    assert.equal(
      await page.locator('#sel-dataset option[value="mnist"]').textContent(),
      quickRun.datasets.find((d) => d.dataset === 'mnist')!.name,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'ae-panel-quick-run.png'), fullPage: true });
  });

  it('sorts the grid with the keyboard (buttons in the headings, aria-sort)', async () => {
    const page = await openPanel();
    await showRun(page);
    const probeColumn = async () =>
      await page
        .locator('.grid-table tbody td.probe')
        .evaluateAll((tds) =>
          tds.map((td) => Number((td as unknown as { getAttribute(n: string): string }).getAttribute('data-value'))),
        );
    await page.locator('.sort-button[data-key="probe"]').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('th[data-key="probe"]').getAttribute('aria-sort'), 'ascending');
    assert.equal(await page.locator('th[data-key="k"]').getAttribute('aria-sort'), 'none');
    const up = await probeColumn();
    assert.deepEqual(
      up,
      up.slice().sort((a, b) => a - b),
    );
    await page.keyboard.press('Space');
    assert.equal(await page.locator('th[data-key="probe"]').getAttribute('aria-sort'), 'descending');
    assert.deepEqual(
      await probeColumn(),
      up.slice().sort((a, b) => b - a),
    );
    const focus = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        key: g.document.activeElement?.getAttribute('data-key'),
        outline: g.getComputedStyle(g.document.activeElement).outlineStyle,
      };
    });
    assert.equal(focus.key, 'probe');
    assert.notEqual(focus.outline, 'none', 'keyboard focus is visible');
    // Tab reaches the next heading and sorts by it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('th[data-key="fewLabel"]').getAttribute('aria-sort'), 'ascending');
  });

  it('keeps the previous run and overlays it on the next (dashed curves, table deltas), also after a reload', async () => {
    const page = await openPanel();
    await showRun(page, older);
    assert.equal(await page.locator('g.series.previous').count(), 0);
    // The next run streams: its first cell already shows the previous run beside it.
    await sendAll(page, [status('running'), artifact(run.cells[0])]);
    await page.locator('.loss-card svg g.series.previous').first().waitFor();
    await sendAll(page, [...run.cells.slice(1).map(artifact), artifact(run.final), status('done')]);
    await page.getByRole('heading', { name: run.final.title }).waitFor();
    const loss = page.locator('.loss-card svg');
    assert.equal(
      await loss.locator('g.series.previous[data-previous="true"] path.curve.previous').count(),
      AE_FIXTURE.ks.length,
    );
    await loss.getByText('previous run', { exact: true }).waitFor();
    assert.equal(await page.locator('svg.lab-ae-angles g.series.previous').count(), 2);
    assert.equal(await page.locator('.grid-table tbody td.loss .delta').count(), GROUPS);
    // The older run's losses were 25 % higher: every loss went down.
    assert.equal(await page.locator('.grid-table tbody td.loss .delta.better').count(), GROUPS);
    assert.equal(await page.locator('.grid-table tbody td.probe .delta.better').count(), GROUPS);
    await page.screenshot({ path: join(SCREENSHOTS, 'ae-panel-overlay.png'), fullPage: true });
    // The overlay can be switched off, and the choice and both runs survive a reload.
    await page.locator('#sel-overlay').uncheck();
    assert.equal(await page.locator('g.series.previous').count(), 0);
    assert.equal(await page.locator('.grid-table .delta').count(), 0);
    await page.locator('#sel-overlay').check();
    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    await page.locator('.loss-card svg g.series.previous').first().waitFor();
    // The extension's snapshot of the same final run changes nothing.
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [run.final] } });
    await page.waitForTimeout(150);
    assert.equal(await page.locator('.loss-card svg g.series.previous').count(), AE_FIXTURE.ks.length);
    assert.match((await page.locator('.subtitle').textContent()) ?? '', /previous run: Autoencoders \(quick, seed 2\)/);
  });

  it('takes a running sweep from the init snapshot (the last final as the previous run)', async () => {
    const page = await openPanel();
    const snapshot = { artifacts: [older.final, ...run.cells.slice(0, 5)], running: true };
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot });
    await page.getByText(`5 / ${run.cells[0].total} cells`).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cancel the running sweep' }).isVisible(), true);
    await page.locator('.loss-card svg g.series.previous').first().waitFor();
  });

  it('exports the grid as CSV and the figures as standalone SVG and PNG', async () => {
    const page = await openPanel();
    await showRun(page, older);
    await showRun(page, run);
    await page.locator('vscode-button', { hasText: 'Export CSV' }).click();
    const csv = (await waitForPosted(
      page,
      (m) => m.type === 'exportFile' && m.contentType === 'text/csv',
    )) as ExportFile;
    assert.equal(csv.suggestedName, 'ae-grid-autoencoders-quick-seed-1.csv');
    assert.equal(csv.data.split('\n')[0], AE_GRID_CSV_HEADER.join(','));
    assert.equal(csv.data, aeGridCsv(run.final.cells, older.final.cells));
    await page.getByRole('button', { name: 'Export “Validation loss per epoch” as SVG' }).click();
    const svg = (await waitForPosted(page, (m) => m.type === 'exportSvg')) as ExportSvg;
    assert.equal(svg.suggestedName, 'ae-loss-synthetic-linear-vanilla.svg');
    assert.match(svg.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="lab-figure lab-ae-curves-loss"/);
    assert.match(svg.svg, /--lab-series1: (#[0-9a-f]{3,8}|rgb)/i);
    assert.match(svg.svg, /class="band s1"/);
    assert.doesNotMatch(svg.svg, /var\(--vscode/);
    await page.locator('#sel-dataset').selectOption('mnist');
    await page.getByRole('button', { name: 'Export the digits as PNG' }).click();
    const png = (await waitForPosted(
      page,
      (m) => m.type === 'exportFile' && m.contentType === 'image/png',
    )) as ExportFile;
    assert.equal(png.suggestedName, 'ae-digits-mnist-linear.png');
    const bytes = Buffer.from(png.data, 'base64');
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.readUInt32BE(16) > 400, 'the PNG is the figure at 2× (wide)');
    // The PNG holds pixels of the digits (not a blank canvas): its IDAT inflates to varied bytes.
    const idats: Buffer[] = [];
    for (let at = 8; at < bytes.length; ) {
      const length = bytes.readUInt32BE(at);
      if (bytes.subarray(at + 4, at + 8).toString('latin1') === 'IDAT')
        idats.push(bytes.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const raw = unzlibSync(Buffer.concat(idats));
    assert.ok(new Set(raw).size > 50, 'many distinct byte values');
    await page.getByRole('button', { name: 'Export “Principal angles to PCA” as SVG' }).click();
    await waitForPosted(page, (m) => m.type === 'exportSvg' && m.suggestedName === 'ae-angles-mnist.svg');
  });

  it('ignores malformed messages and other panels’ artifacts, and keeps what it shows', async () => {
    const page = await openPanel();
    await showRun(page);
    const bad = run.cells[0];
    await sendAll(page, [
      artifact({ ...bad, index: bad.total } as AeCellArtifact),
      { type: 'artifact', artifact: { ...bad, cell: { ...bad.cell, variant: 'sparse' } } },
      {
        type: 'artifact',
        artifact: {
          ...run.final,
          cells: [{ ...run.final.cells[0], digits: { ...run.final.cells[0].digits, original: ['not base64!'] } }],
        },
      },
      { type: 'artifact', artifact: recordedKernelRun() },
      { type: 'runStatus', problemId: 'kernel-attention', state: 'running' },
      { type: 'runStatus', problemId: 'autoencoders', state: 'paused' },
      { type: 'bogus' },
    ]);
    await waitForPosted(page, (m) => m.type === 'log' && /malformed/.test(m.message));
    await page.waitForTimeout(150);
    assert.equal(await page.locator('.grid-table tbody tr').count(), GROUPS);
    assert.equal(await page.locator('.error-banner').isVisible(), false);
    assert.match((await page.locator('.progress-text').textContent()) ?? '', /^Done/);
    assert.equal((await posted(page)).filter((m) => m.type === 'cancelRun').length, 0);
  });

  it('shows an error banner when the extension speaks another protocol version', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION + 1, snapshot: { artifacts: [] } });
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /protocol version/);
    assert.equal(await page.getByText('Run problem 4 to see the autoencoders').isVisible(), true);
  });

  for (const theme of Object.keys(THEMES) as Theme[]) {
    it(`looks right in the ${theme} theme (screenshot)`, async () => {
      const page = await openPanel(theme, 1280, 900);
      await showRun(page);
      await page.locator('#sel-dataset').selectOption('mnist');
      await page.locator('.sort-button[data-key="k"]').focus();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `ae-panel-${theme}.png`), fullPage: true });
    });
  }
});
