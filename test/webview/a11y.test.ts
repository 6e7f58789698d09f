// The five panels' accessibility in real Chromium (ISSUE 6 item 4): by keyboard alone (Tab reaches every
// control in document order with a visible focus indicator; Enter and Space work the buttons, sort
// headers and toggles), structurally (names for every control, a role and a name for every figure,
// every chart described by its data table, unique ids), legible in the light, dark and high-contrast
// themes (text contrast 4.5:1, 3:1 for large text and figure marks), with an empty state rather
// than a blank page before a run and after a malformed message.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, type ToWebview } from '../../src/core/protocol';
import type { AeCellArtifact, AutoencodersArtifact } from '../../src/core/problems/autoencoders/artifact';
import { figure2ReferenceTrace } from '../../src/core/problems/beam-search/figure2Trace';
import { PanelSite, THEMES, posted, send, waitForPosted, type Theme } from './support/panelSite';
import { auditPage, tabWalk, tabWalkProblems } from './support/a11y';
import { recordedZkcRun } from './fixtures/zkcRun';
import { recordedScalingRun, SCALING_FIXTURE } from './fixtures/scalingRun';
import { recordedKernelRun } from './fixtures/kernelRun';
import { aeFixtureRun } from './fixtures/aeRun';

interface PanelCase {
  bundle: string;
  title: string;
  wasm?: boolean;
  /** The empty state's heading (or the live lab's, for the scaling panel, which needs no run). */
  empty: string;
  /** Brings a run into the panel. */
  show(page: Page): Promise<void>;
  /** Malformed messages the panel must shrug off. */
  malformed: (ToWebview | Record<string, unknown>)[];
  /** Each chart (an SVG selector) and how many rows its table must have, counted independently. */
  charts(page: Page): Promise<{ svg: string; rows: number }[]>;
}

const sendAll = (page: Page, messages: (ToWebview | Record<string, unknown>)[]): Promise<void> =>
  page.evaluate((ms) => {
    for (const m of ms)
      (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*');
  }, messages);

const count = (page: Page, selector: string): Promise<number> => page.locator(selector).count();

const zkc = recordedZkcRun();
const scaling = recordedScalingRun();
const kernel = recordedKernelRun();
const ae = aeFixtureRun({ seed: 1 });
const figure2 = figure2ReferenceTrace();
const aeArtifact = (a: AeCellArtifact | AutoencodersArtifact): ToWebview => ({ type: 'artifact', artifact: a });

const PANELS: PanelCase[] = [
  {
    bundle: 'zkc',
    title: 'Karate Club',
    empty: 'Run problem 1 to see the karate club',
    async show(page) {
      await send(page, { type: 'artifact', artifact: zkc });
      await page.locator('.card.graph svg.zkc-graph').waitFor();
    },
    malformed: [{ type: 'artifact' }, { type: 'artifact', artifact: { ...zkc, series: 'nope' } }, { type: 'bogus' }],
    async charts(page) {
      const epochs = zkc.series.find((s) => s.maskMode === 'all-nodes')!.epochs.length;
      assert.equal(await count(page, '.card.graph svg circle.dot'), zkc.graph.nodeCount);
      return [
        { svg: '.card.graph svg', rows: zkc.graph.nodeCount },
        { svg: '.card.embedding svg', rows: await count(page, '.card.embedding svg circle.dot') },
        { svg: '.card.curves svg.zkc-loss', rows: epochs },
        { svg: '.card.curves svg.zkc-accuracy', rows: epochs },
        { svg: '.card.final svg', rows: await count(page, '.card.final svg circle.dot') },
      ];
    },
  },
  {
    bundle: 'attention-scaling',
    title: 'Why scale by √d',
    empty: 'Live lab: q, k ~ N(μ, σ²I) in R^d',
    async show(page) {
      await send(page, { type: 'artifact', artifact: scaling });
      await page.locator('.card.saturation svg.lab-saturation-maxWeight').waitFor();
      await page.locator('.card.live svg.lab-hist-raw[data-count]').waitFor();
    },
    malformed: [
      { type: 'artifact' },
      { type: 'artifact', artifact: { ...scaling, moments: 'nope' } },
      { type: 'bogus' },
    ],
    async charts(page) {
      const ds = SCALING_FIXTURE.ds.length;
      assert.equal(
        await count(page, '.card.saturation svg.lab-saturation-maxWeight circle.dot'),
        2 * ds,
        'two series of one point per d',
      );
      return [
        { svg: '.card.live svg.lab-hist-raw', rows: await count(page, '.card.live svg.lab-hist-raw rect.bar') },
        { svg: '.card.live svg.lab-hist-scaled', rows: await count(page, '.card.live svg.lab-hist-scaled rect.bar') },
        { svg: '.card.saturation svg.lab-saturation-maxWeight', rows: ds },
        { svg: '.card.saturation svg.lab-saturation-gradNorm', rows: ds },
      ];
    },
  },
  {
    bundle: 'kernel-attention',
    title: 'Kernel Attention',
    empty: 'Run problem 3 to see kernelized attention',
    async show(page) {
      await send(page, { type: 'artifact', artifact: kernel });
      await page.locator('.card.time svg').waitFor();
    },
    malformed: [{ type: 'artifact' }, { type: 'artifact', artifact: { ...kernel, sweep: 'nope' } }, { type: 'bogus' }],
    async charts(page) {
      assert.equal(await count(page, '.card.time svg circle.dot'), kernel.sweep.length);
      return [
        { svg: '.card.time svg', rows: kernel.sweep.length },
        { svg: '.card.memory svg', rows: await count(page, '.card.memory svg circle.dot') },
      ];
    },
  },
  {
    bundle: 'autoencoders',
    title: 'Autoencoders',
    empty: 'Run problem 4 to see the autoencoders',
    async show(page) {
      await sendAll(page, [
        { type: 'runStatus', problemId: 'autoencoders', state: 'running' },
        ...ae.cells.map(aeArtifact),
        aeArtifact(ae.final),
        { type: 'runStatus', problemId: 'autoencoders', state: 'done' },
      ]);
      await page.getByRole('heading', { name: ae.final.title }).waitFor();
      await page.locator('.loss-card svg.lab-ae-curves-loss').waitFor();
    },
    malformed: [
      { type: 'artifact' },
      { type: 'artifact', artifact: { ...ae.final, cells: 'nope' } },
      { type: 'bogus' },
    ],
    async charts(page) {
      // The fixture has digits for MNIST only.
      await page.locator('#sel-dataset').selectOption('mnist');
      await page.locator('.digits-card svg g.digit-row').first().waitFor();
      const eig = ae.final.spectra.find((s) => s.dataset === 'mnist')!.eigenvalues;
      const top = Math.max(...eig);
      return [
        { svg: '.loss-card svg', rows: await count(page, '.loss-card svg circle.dot') },
        { svg: '.probe-card svg', rows: await count(page, '.probe-card svg circle.dot') },
        { svg: '.digits-card svg', rows: await count(page, '.digits-card svg g.digit-row') },
        { svg: '.angles-card svg', rows: await count(page, '.angles-card svg circle.dot.s1') },
        { svg: '.residual-card svg', rows: await count(page, '.residual-card svg circle.dot.s1') },
        { svg: '.scree-card svg', rows: eig.filter((v) => v > 0 && v > top * 1e-6).length },
      ];
    },
  },
  {
    bundle: 'beam-search',
    title: 'Beam Tree',
    wasm: true,
    empty: 'Run problem 5 to see its beam tree',
    async show(page) {
      await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { items: [figure2], selected: 0 } });
      await page.locator('svg.beam-tree').waitFor();
    },
    malformed: [
      { type: 'item' },
      { type: 'item', item: { ...figure2, steps: 'nope' }, select: true },
      { type: 'bogus' },
    ],
    async charts(page) {
      return [{ svg: 'svg.beam-tree', rows: await count(page, 'svg.beam-tree .node') }];
    },
  },
];

/** The table an SVG names as its description, opened by keyboard from its summary. */
async function openTable(page: Page, svg: string): Promise<string> {
  const id = await page.locator(svg).getAttribute('aria-describedby');
  assert.ok(id, `${svg} has aria-describedby`);
  const summary = page.locator('details.chart-data', { has: page.locator(`[id="${id}"]`) }).locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await page.locator(`[id="${id}"]`).waitFor();
  return id;
}

for (const panel of PANELS) {
  describe(`${panel.bundle} panel accessibility (Chromium)`, function () {
    this.timeout(180_000);
    let site: PanelSite;

    before(async () => {
      site = await PanelSite.start({ bundle: panel.bundle, title: panel.title, wasm: panel.wasm });
    });
    after(() => site?.close());
    afterEach(() => site.closePages());

    const open = (theme: Theme = 'light', width = 1280, height = 900) => site.open(theme, width, height, 1);

    it('shows its empty state, not a blank page, before a run and after malformed messages', async () => {
      const page = await open('light', 900, 600);
      await page.getByRole('heading', { name: panel.empty }).waitFor();
      await sendAll(page, panel.malformed);
      await page.evaluate(() =>
        (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage('not an object', '*'),
      );
      await page.waitForTimeout(200);
      assert.equal(await page.getByRole('heading', { name: panel.empty }).isVisible(), true, 'the empty state stays');
      const text = ((await page.locator('main').innerText()) ?? '').trim();
      assert.ok(text.length > 40, `the page says something: ${JSON.stringify(text)}`);
      assert.deepEqual(await auditPage(page, { contrast: true }), []);
    });

    for (const theme of Object.keys(THEMES) as Theme[]) {
      it(`passes the structural and contrast audit after a run (${theme})`, async () => {
        const page = await open(theme);
        await panel.show(page);
        // Figure marks are held to 3:1 in high contrast; elsewhere they keep VS Code's chart colours (the tables carry the data).
        assert.deepEqual(await auditPage(page, { contrast: true, marks: theme === 'high-contrast' }), []);
      });
    }

    it('gives every chart a keyboard-openable data table with one row per data point', async () => {
      const page = await open();
      await panel.show(page);
      const charts = await panel.charts(page);
      assert.equal(
        charts.length,
        await page.locator('.figure-host svg, .tree-host svg').count(),
        'every drawn chart is listed',
      );
      for (const { svg, rows } of charts) {
        assert.ok(rows > 0, `${svg}: data to list`);
        const id = await openTable(page, svg);
        // The rows are filled when the disclosure's toggle event arrives (a task after the key press).
        await page.locator(`[id="${id}"] tbody tr`).first().waitFor();
        assert.equal(await page.locator(`[id="${id}"] tbody tr`).count(), rows, `${svg}: one row per data point`);
        assert.equal(await page.locator(`[id="${id}"]`).isVisible(), true);
        assert.match(
          (await page.locator(`[id="${id}"] caption`).textContent()) ?? '',
          new RegExp(`\\(${rows.toLocaleString('en-US')} rows?\\)$`),
        );
      }
    });

    it('is usable by Tab alone: every control reached in order, each named, each with a visible focus', async () => {
      const page = await open();
      await panel.show(page);
      const walk = await tabWalk(page);
      assert.ok(walk.expected.length >= 3, `controls to reach: ${walk.expected.join(' | ')}`);
      assert.deepEqual(
        tabWalkProblems(walk),
        [],
        walk.stops.map((s) => `${s.index} ${s.element}: ${s.name}`).join('\n'),
      );
    });
  });
}

describe('panel keys: Enter and Space work the controls (Chromium)', function () {
  this.timeout(180_000);
  const sites: PanelSite[] = [];
  const start = async (i: number): Promise<PanelSite> => {
    const p = PANELS[i];
    const site = await PanelSite.start({ bundle: p.bundle, title: p.title, wasm: p.wasm });
    sites.push(site);
    return site;
  };
  afterEach(async () => {
    for (const site of sites.splice(0)) {
      await site.closePages();
      await site.close();
    }
  });

  it('karate club: Space plays and pauses, Enter exports the CSV', async () => {
    const page = await (await start(0)).open('light', 1280, 900, 1);
    await PANELS[0].show(page);
    const play = page.locator('button.play');
    await play.focus();
    await page.keyboard.press('Space');
    assert.equal(await play.getAttribute('aria-pressed'), 'true');
    await page.keyboard.press('Space');
    assert.equal(await play.getAttribute('aria-pressed'), 'false');
    await page.getByRole('button', { name: /Export the loss and accuracy series/ }).focus();
    await page.keyboard.press('Enter');
    await waitForPosted(page, (m) => m.type === 'exportFile' && m.contentType === 'text/csv');
  });

  it('scaling: the arrow keys move a slider, Enter exports the histograms', async () => {
    const page = await (await start(1)).open('light', 1280, 900, 1);
    await PANELS[1].show(page);
    const d = page.locator('#slider-d');
    const before = await d.inputValue();
    await d.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(Number(await d.inputValue()), Number(before) + 1);
    await page.getByRole('button', { name: 'Export the histograms as SVG' }).focus();
    await page.keyboard.press('Enter');
    await waitForPosted(page, (m) => m.type === 'exportSvg');
  });

  it('kernel: Enter and Space sort the sweep by a column (aria-sort follows)', async () => {
    const page = await (await start(2)).open('light', 1280, 900, 1);
    await PANELS[2].show(page);
    const th = page.locator('.sweep-table th[data-key="ms"]');
    await th.locator('button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await th.getAttribute('aria-sort'), 'ascending');
    await page.keyboard.press('Space');
    assert.equal(await th.getAttribute('aria-sort'), 'descending');
    assert.equal(await page.locator('.sweep-table th[aria-sort="none"]').count(), 5);
  });

  it('autoencoders: Space sorts the grid, Space toggles the previous run, Enter opens a data table', async () => {
    const page = await (await start(3)).open('light', 1280, 900, 1);
    await PANELS[3].show(page);
    const th = page.locator('.grid-table th[data-key="loss"]');
    await th.locator('button').focus();
    await page.keyboard.press('Space');
    assert.equal(await th.getAttribute('aria-sort'), 'ascending');
    const summary = page.locator('.loss-card details.chart-data summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.loss-card details.chart-data').getAttribute('open'), '');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.loss-card details.chart-data').getAttribute('open'), null);
  });

  it('beam: Space toggles a path, Enter on a node shows its details, Enter opens “Run the reference here”', async () => {
    const page = await (await start(4)).open('light', 460, 900, 1);
    await PANELS[4].show(page);
    const greedy = page.locator('vscode-checkbox', { hasText: 'Greedy path' });
    await greedy.focus();
    assert.ok((await count(page, 'svg.beam-tree path.overlay.greedy')) > 0);
    await page.keyboard.press('Space');
    assert.equal(await greedy.getAttribute('aria-checked'), 'false');
    await page.locator('svg.beam-tree path.overlay.greedy').first().waitFor({ state: 'detached' });
    await page.locator('svg.beam-tree .node[tabindex="0"]').focus();
    await page.keyboard.press('Enter');
    assert.equal(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document
            .activeElement?.className,
      ),
      'details',
    );
    const summary = page.locator('details.run-here summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('details.run-here').getAttribute('open'), '');
    assert.ok((await posted(page)).length > 0);
  });
});
