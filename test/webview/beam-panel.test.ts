// The beam tree panel in real Chromium: the built bundle (dist/webview/beam-search.js) inside the HTML the
// extension serves (panelHtml, real CSP), a fake acquireVsCodeApi that records what the panel posts,
// driven with the protocol messages the extension sends. Screenshots go to docs/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, parseFromWebview, type FromWebview } from '../../src/core/protocol';
import type { BeamTrace } from '../../src/core/problems/beam-search/trace';
import { figure2ReferenceTrace } from '../../src/core/problems/beam-search/figure2Trace';
import { compileStudent } from '../../src/runner/compile';
import { readFileSync } from 'node:fs';
import { PanelSite, ROOT, SCREENSHOTS, THEMES, posted, send, waitForPosted, type Theme } from './support/panelSite';
import { defaultConfig } from '../../src/core/problems/beam-search/config';
import { beamSearchProblem } from '../../src/core/problems/beam-search';
import type { Problem, ProblemConfig } from '../../src/core/problem';
import type { RunEvent } from '../../src/core/engine/events';
import { WebviewRunner, type WebviewChannel } from '../../src/extension/webviewRunner';

/**
 * The extension's side of the panel's channel, over the test page: posts go in as the extension's
 * postMessage would, and what the panel posts comes out validated (parseFromWebview), as in sideViewHost.ts.
 */
async function pageChannel(page: Page): Promise<WebviewChannel> {
  const listeners = new Set<(m: FromWebview) => void>();
  // only what the panel posts from now on, as a live channel (its `ready` at load is history)
  let seen = (await posted(page)).length;
  let timer: ReturnType<typeof setInterval> | undefined;
  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    try {
      const all = await posted(page).catch(() => [] as FromWebview[]);
      const fresh = all.slice(seen);
      seen = Math.max(seen, all.length);
      for (const raw of fresh) {
        const message = parseFromWebview(raw);
        if (message) for (const l of [...listeners]) l(message);
      }
    } finally {
      polling = false;
    }
  };
  return {
    title: 'Beam Tree',
    post: async (message) => {
      await send(page, message);
      return true;
    },
    onMessage(listener) {
      listeners.add(listener);
      timer ??= setInterval(() => void poll(), 25);
      return {
        dispose: () => {
          listeners.delete(listener);
          if (listeners.size === 0 && timer) {
            clearInterval(timer);
            timer = undefined;
          }
        },
      };
    },
  };
}

describe('beam tree panel (Chromium)', function () {
  this.timeout(120_000);
  let site: PanelSite;
  const figure2 = figure2ReferenceTrace();

  before(async () => {
    site = await PanelSite.start({ bundle: 'beam-search', title: 'Beam Tree', wasm: true });
  });
  after(() => site?.close());
  afterEach(() => site.closePages());

  const openPanel = (name: Theme = 'light', width = 460, height = 900): Promise<Page> => site.open(name, width, height);

  async function init(page: Page, traces: BeamTrace[], selected = 0): Promise<void> {
    await send(page, { type: 'init', version: PROTOCOL_VERSION, snapshot: { items: traces, selected } });
    await page.locator('svg.beam-tree').waitFor();
  }

  const ids = (page: Page, selector: string) =>
    page.locator(`svg.beam-tree ${selector}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!).sort());
  const focusedId = (page: Page) =>
    page.evaluate(() =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
      ).document.activeElement?.getAttribute('data-id'),
    );

  it('says ready with the protocol version and shows the empty state until a trace arrives', async () => {
    const page = await openPanel('light', 460, 420);
    const ready = await waitForPosted(page, (m) => m.type === 'ready');
    assert.deepEqual(ready, { type: 'ready', version: PROTOCOL_VERSION });
    await page.getByText('Run problem 5 to see its beam tree').waitFor();
    assert.equal(await page.locator('svg.beam-tree').count(), 0);
    assert.equal(
      await page.getByRole('button', { name: 'Run the reference beam search in this panel' }).isVisible(),
      true,
    );
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
    assert.match((await page.locator('.step-value').textContent()) ?? '', /t = 2 \/ 3/);
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
    assert.ok(
      await page
        .locator('.details')
        .evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
    );
  });

  it('toggles the overlays and exports a standalone SVG', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    await page.locator('vscode-checkbox', { hasText: 'Greedy path' }).click();
    await page.locator('svg.beam-tree:not(:has(.overlays path.overlay.greedy))').waitFor();
    assert.equal(await page.locator('svg.beam-tree .overlays path.overlay.exhaustive').count(), 1);
    await page.locator('vscode-button', { hasText: 'Export SVG' }).click();
    const exported = (await waitForPosted(page, (m) => m.type === 'exportSvg')) as Extract<
      FromWebview,
      { type: 'exportSvg' }
    >;
    assert.equal(exported.suggestedName, 'beam-tree-figure-2-reference-beam-search-with-k-2-t-3-t3.svg');
    assert.match(exported.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(exported.svg, /<style>/);
    assert.equal(exported.svg.match(/role="treeitem"/g)?.length, 12);
    assert.doesNotMatch(exported.svg, /overlay greedy/);
  });

  it('ignores malformed messages and keeps what it shows', async () => {
    const page = await openPanel();
    await init(page, [figure2]);
    await send(page, { type: 'item', item: { steps: 'nope' } });
    await send(page, { type: 'item', select: true, item: { title: 7, steps: [] } });
    await send(page, { type: 'shutdown' });
    await send(page, { type: 'init', version: PROTOCOL_VERSION });
    await waitForPosted(page, (m) => m.type === 'log' && /malformed trace/.test(m.message));
    assert.equal(await page.locator('svg.beam-tree .node').count(), 12);
    assert.equal(await page.locator('.error-banner').isVisible(), false);
  });

  it('shows an error state, not a blank page, when the extension speaks another protocol version', async () => {
    const page = await openPanel();
    await send(page, { type: 'init', version: PROTOCOL_VERSION + 1, snapshot: { items: [figure2], selected: 0 } });
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
    await send(page, { type: 'item', item: greedyOnly, select: true });
    await page.locator('svg.beam-tree title', { hasText: 'Figure 2 with k = 1' }).waitFor({ state: 'attached' });
    assert.equal(await page.locator('svg.beam-tree .node.beam').count(), 1);
    assert.equal(await page.locator('.trace-select vscode-option').count(), 2);
    await page.locator('#step-slider').fill('2');
    await page.locator('svg.beam-tree[data-step="2"]').waitFor();

    await page.reload();
    await waitForPosted(page, (m) => m.type === 'ready');
    // Before any init: drawn from the saved state.
    await page
      .locator('svg.beam-tree[data-step="2"] title', { hasText: 'Figure 2 with k = 1' })
      .waitFor({ state: 'attached' });
  });

  // The webview runner's child: the judge (the extension) sends ToChild messages wrapped as `child`;
  // the panel answers with FromChild messages the same way. It only computes: it never posts a
  // finding, a `done` or an `error` of a run (the judge alone does).
  type ChildPosted = Extract<FromWebview, { type: 'child' }> & { message: Record<string, unknown> };
  const startMessage = (code: string, file: string, budgetMs = 60_000) => ({
    kind: 'start',
    problemId: 'beam-search',
    code,
    file,
    displayFile: 'q5_beam_search.ts',
    config: defaultConfig(true),
    budgetMs,
    poolSize: 1,
  });
  const fromChild = (page: Page, requestId: string, kind: string, timeout = 60_000): Promise<ChildPosted> =>
    waitForPosted(
      page,
      (m) => m.type === 'child' && m.requestId === requestId && (m.message as { kind?: unknown } | null)?.kind === kind,
      timeout,
    ) as Promise<ChildPosted>;
  /** Everything the panel said as a child: data only, never a verdict or an ending of the run. */
  async function assertOnlyData(page: Page): Promise<void> {
    for (const m of await posted(page)) {
      assert.notEqual(m.type, 'runEvent');
      if (m.type !== 'child') continue;
      const message = m.message as { kind: string; event?: { type: string } };
      assert.ok(
        ['ready', 'failed', 'event', 'reply', 'cells'].includes(message.kind),
        `a child message of kind ${message.kind}`,
      );
      if (message.kind === 'event')
        assert.ok(
          ['progress', 'metric', 'artifact', 'log'].includes(message.event!.type),
          `a child event of type ${message.event!.type}`,
        );
    }
  }

  it("runs student code the judge sends as its child (nonce'd script, no eval) and reports its exception as located data", async () => {
    const page = await openPanel();
    const file = join(ROOT, 'test/fixtures/runner/ws-throw/q5_beam_search.ts');
    const code = compileStudent(readFileSync(file, 'utf8'), file);
    await send(page, { type: 'child', requestId: 'r1', message: startMessage(code, file) });
    const ready = await fromChild(page, 'r1', 'ready');
    assert.deepEqual(
      { ...ready.message, backend: undefined },
      { kind: 'ready', backend: undefined, permission: false },
    );
    await send(page, {
      type: 'child',
      requestId: 'r1',
      message: { kind: 'request', id: 1, budgetMs: 60_000, body: { op: 'run' } },
    });
    const reply = await fromChild(page, 'r1', 'reply');
    assert.equal(reply.message.id, 1);
    assert.equal(reply.message.ok, false);
    const failure = reply.message.failure as { reason: string; location?: unknown; marker?: string };
    assert.equal(failure.reason, 'student-code');
    assert.deepEqual(failure.location, { file: 'q5_beam_search.ts', line: 8 });
    assert.equal(failure.marker, 'q5.beam-search');
    await assertOnlyData(page);
  });

  it("stops an infinite loop in student code at the request's budget and points at the loop", async () => {
    const page = await openPanel();
    const file = join(ROOT, 'test/fixtures/runner/ws-loop/q5_beam_search.ts');
    const code = compileStudent(readFileSync(file, 'utf8'), file);
    await send(page, { type: 'child', requestId: 'loop', message: startMessage(code, file, 2000) });
    await fromChild(page, 'loop', 'ready');
    await send(page, {
      type: 'child',
      requestId: 'loop',
      message: { kind: 'request', id: 1, budgetMs: 2000, body: { op: 'run' } },
    });
    const reply = await fromChild(page, 'loop', 'reply', 30_000);
    const failure = reply.message.failure as { reason: string; location?: unknown };
    assert.equal(reply.message.ok, false);
    assert.equal(failure.reason, 'time-limit');
    assert.deepEqual(failure.location, { file: 'q5_beam_search.ts', line: 7 });
    // The panel is responsive again.
    await init(page, [figure2]);
    assert.equal(await page.locator('svg.beam-tree .node').count(), 12);
    await assertOnlyData(page);
  });

  it("loads the lab's reference for a reference start, drops a request's child on cancel, and ignores requests it never started", async () => {
    const page = await openPanel();
    await send(page, {
      type: 'child',
      requestId: 'ref',
      message: startMessage('', 'hw6-reference/beam-search.js'),
      reference: true,
    });
    await fromChild(page, 'ref', 'ready');
    const call = { kind: 'request', id: 1, budgetMs: 60_000, body: { op: 'task', name: 'no-such-task' } };
    await send(page, { type: 'child', requestId: 'ref', message: call });
    const reply = await fromChild(page, 'ref', 'reply');
    assert.equal(reply.message.ok, false, 'an unknown task fails, as data');
    await send(page, { type: 'cancel', requestId: 'ref' });
    await send(page, { type: 'child', requestId: 'ref', message: { ...call, id: 2 } });
    await send(page, { type: 'child', requestId: 'never-started', message: call });
    await page.waitForTimeout(500);
    const replies = (await posted(page)).filter(
      (m) => m.type === 'child' && (m.message as { kind?: unknown }).kind === 'reply',
    );
    assert.equal(replies.length, 1, 'no answer after the cancel, none for a request never started');
    await assertOnlyData(page);
  });

  it("is judged end to end: the extension's WebviewRunner drives the panel's child, the judge's checks decide", async function () {
    if (!existsSync(join(ROOT, 'dist/wasm'))) this.skip();
    const page = await openPanel();
    const runner = new WebviewRunner(await pageChannel(page), compileStudent, {
      findProblem: (id) => (id === beamSearchProblem.id ? (beamSearchProblem as Problem<ProblemConfig>) : undefined),
    });
    const events: RunEvent[] = [];
    for await (const e of runner.start({
      problemId: 'beam-search',
      config: { quick: true },
      solution: { kind: 'reference' },
      checksOnly: true,
    }).events)
      events.push(e);
    const last = events.at(-1)!;
    assert.equal(last.type, 'done', JSON.stringify(last));
    assert.equal(last.type === 'done' && last.ok, true);
    const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
    assert.ok(findings.length > 0 && findings.every((f) => f.ok), JSON.stringify(findings.filter((f) => !f.ok)));
    await assertOnlyData(page);

    // a student's wrong beamSearch: the judge's findings fail (located where the student threw)
    const file = join(ROOT, 'test/fixtures/runner/ws-throw/q5_beam_search.ts');
    const student: RunEvent[] = [];
    for await (const e of runner.start({
      problemId: 'beam-search',
      config: { quick: true },
      solution: { kind: 'student', file, source: readFileSync(file, 'utf8') },
      checksOnly: true,
    }).events)
      student.push(e);
    const end = student.at(-1)!;
    assert.ok(end.type === 'error' || (end.type === 'done' && !end.ok), JSON.stringify(end));
    await assertOnlyData(page);
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
    // Figure 2's beams are the answers to 5a–5c: the page asks the host first and runs on its yes
    await waitForPosted(page, (m) => m.type === 'showReference');
    await page.locator('.run-status', { hasText: /answers to 5a–5c: confirm/ }).waitFor();
    await send(page, { type: 'referenceShown', shown: true });
    await page.locator('.run-status', { hasText: /^Done in/ }).waitFor({ timeout: 110_000 });
    console.log(
      `      (in-panel run: ${((Date.now() - started) / 1000).toFixed(1)} s, ${await page.locator('.run-status').textContent()})`,
    );
    assert.deepEqual(await page.locator('.trace-select vscode-option').allTextContents(), [
      'Figure 2: beam search with k = 3, T = 3 (run here)',
      'Character model: beam search with k = 3, T = 10, after "the queen " (run here)',
    ]);
    // The character model's trace is selected: 10 steps, the beam of 3, pruned siblings folded.
    assert.equal(await page.locator('svg.beam-tree').getAttribute('data-max-step'), '10');
    assert.equal(await page.locator('svg.beam-tree .node.beam').count(), 3);
    assert.ok((await page.locator('svg.beam-tree .node.collapsed').count()) > 0);
    assert.match(
      (await page.locator('svg.beam-tree .node.collapsed .token').first().textContent()) ?? '',
      /^\+\d+ pruned$/,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'beam-tree-character-model.png'), fullPage: true });
  });

  it('"Run here" runs nothing until the host says the reference may be shown (Figure 2 holds 5a–5c)', async () => {
    const page = await openPanel('light', 520);
    // an answer nobody waits for (the empty state's "Show the reference tree…") starts nothing
    await send(page, { type: 'referenceShown', shown: true });
    await page.locator('vscode-button', { hasText: 'Run here' }).click();
    await waitForPosted(page, (m) => m.type === 'showReference');
    // a second click while the question is open does not ask again
    await page.locator('vscode-button', { hasText: 'Run here' }).click();
    await send(page, { type: 'referenceShown', shown: false });
    await page.locator('.run-status', { hasText: /^Not run: the reference stays hidden/ }).waitFor();
    await page.waitForTimeout(300);
    assert.equal((await posted(page)).filter((m) => m.type === 'showReference').length, 1);
    assert.doesNotMatch((await page.locator('.run-status').textContent()) ?? '', /Starting|%/);
    assert.equal(await page.locator('.trace-select vscode-option').count(), 0);
    assert.equal(await page.locator('.empty-state').isVisible(), true);
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
        const g = globalThis as unknown as {
          getComputedStyle(e: unknown): { backgroundColor: string };
          document: { body: unknown };
        };
        return g.getComputedStyle(g.document.body).backgroundColor;
      });
      assert.equal(
        bg,
        { light: 'rgb(248, 248, 248)', dark: 'rgb(24, 24, 24)', 'high-contrast': 'rgb(0, 0, 0)' }[theme],
      );
    });
  }
});
