// Run panels and their problem's latest run, in real Chromium with the real CSP: a panel opened when
// its run starts shows the run's progress, and after a failed run says what failed — live, and when
// it (re)loads after the run ended (the snapshot's status), never its bare "Run problem N" state.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/core/protocol';
import { PanelSite, send } from './support/panelSite';

describe('run panels follow their run (Chromium)', function () {
  this.timeout(120_000);

  describe('karate club', () => {
    let site: PanelSite;
    before(async () => {
      site = await PanelSite.start({ bundle: 'zkc', title: 'Karate Club' });
    });
    after(() => site?.close());
    afterEach(() => site.closePages());

    const banner = (page: Page) => page.locator('.run-banner');

    it('shows the run’s progress from its start, then why it failed', async () => {
      const page = await site.open('light', 900, 500, 1);
      await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [] } });
      assert.equal(await banner(page).isVisible(), false, 'no run yet: no banner');

      await send(page, { type: 'runStatus', problemId: 'zkc', state: 'running', run: 1 });
      await banner(page).getByText('Running…').waitFor();
      await send(page, {
        type: 'runStatus',
        problemId: 'zkc',
        state: 'running',
        run: 1,
        fraction: 0.25,
        detail: 'epoch 50 of 200',
      });
      await banner(page).getByText('Running… 25 %').waitFor();
      assert.match(await banner(page).innerText(), /epoch 50 of 200/);
      // another problem's status is not this panel's
      await send(page, { type: 'runStatus', problemId: 'autoencoders', state: 'error', run: 9, message: 'nope' });

      await send(page, {
        type: 'runStatus',
        problemId: 'zkc',
        state: 'error',
        run: 1,
        message: 'TypeError: adj is undefined (q1_zkc.ts:42)',
      });
      await banner(page).getByText('The latest run failed.').waitFor();
      assert.match(await banner(page).innerText(), /TypeError: adj is undefined \(q1_zkc\.ts:42\)/);
      assert.equal(await banner(page).getAttribute('role'), 'status');
      assert.equal(await banner(page).locator('progress').isVisible(), false);
    });

    it('a panel that loads after a failed run says so from its snapshot', async () => {
      const page = await site.open('light', 900, 500, 1);
      await send(page, {
        type: 'init',
        version: PROTOCOL_VERSION,
        snapshot: { artifacts: [], status: { state: 'error', run: 2, message: 'out of memory' } },
      });
      await banner(page).getByText('The latest run failed.').waitFor();
      assert.match(await banner(page).innerText(), /out of memory/);
    });
  });

  describe('autoencoders', () => {
    let site: PanelSite;
    before(async () => {
      site = await PanelSite.start({ bundle: 'autoencoders', title: 'Autoencoders' });
    });
    after(() => site?.close());
    afterEach(() => site.closePages());

    it('a run that failed before its first cell, while the panel loaded, is shown as failed, not as "Run problem 4"', async () => {
      const page = await site.open('light', 1000, 600, 1);
      await send(page, {
        type: 'init',
        version: PROTOCOL_VERSION,
        snapshot: {
          artifacts: [],
          running: false,
          status: { state: 'error', run: 1, message: 'SyntaxError: missing ) (q4_autoencoders.ts:17)' },
        },
      });
      await page.getByText('The run failed before its first cell', { exact: false }).waitFor();
      assert.match(await page.locator('main').innerText(), /missing \) \(q4_autoencoders\.ts:17\)/);
      assert.equal(await page.getByText('Run problem 4 to see the autoencoders').isVisible(), false);
    });

    it('its own progress is the grid’s cells: the run’s progress messages do not restart the sweep', async () => {
      const page = await site.open('light', 1000, 600, 1);
      await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { artifacts: [], running: false } });
      await send(page, { type: 'runStatus', problemId: 'autoencoders', state: 'running', run: 1 });
      await page.getByText('waiting for the first cell', { exact: false }).waitFor();
      await send(page, { type: 'runStatus', problemId: 'autoencoders', state: 'running', run: 1, fraction: 0.3 });
      await send(page, { type: 'runStatus', problemId: 'autoencoders', state: 'error', run: 1, message: 'boom' });
      await page.getByText('The run failed before its first cell: boom').waitFor();
    });
  });
});
