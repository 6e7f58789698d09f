// The beam tree view: it opens, its webview says `ready` (retried: messages before its script runs
// are lost), gets an `init`, and answers the judge's `child` messages as the webview runner's child.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FromWebview } from '../../src/core/protocol';
import type { Hw6Api, SideViewApi } from '../../src/extension/extension';
import type { BeamTrace } from '../../src/core/problems/beam-search/trace';
import { activateApi } from './helpers';

/** Problem 5's side view, as its ui.ts declares it (package.json: contributes.views). */
function beamView(api: Hw6Api): SideViewApi {
  const view = api.sideView('hw6.beamTree');
  if (!view) throw new Error('no side view hw6.beamTree');
  return view;
}

describe('beam tree panel', function () {
  this.timeout(90_000);

  it('round-trips messages with the webview', async () => {
    const panel = beamView((await activateApi()).api);
    let ready = false;
    for (let attempt = 0; attempt < 6 && !ready; attempt++) {
      await panel.reveal();
      ready = await panel.whenReady(10_000).then(
        () => true,
        () => false,
      );
    }
    assert.ok(ready, 'the beam tree webview never said ready');

    // An unknown problem: the webview's child must answer the start with `failed` for our request id
    // (data for the judge; the panel never ends a run itself).
    const requestId = `host-test-${Date.now()}`;
    const reply = new Promise<FromWebview>((resolve) => {
      const sub = panel.onMessage((m) => {
        if (m.type === 'child' && m.requestId === requestId) {
          sub.dispose();
          resolve(m);
        }
      });
    });
    const start = {
      kind: 'start' as const,
      problemId: 'no-such-problem',
      code: '',
      file: 'x.js',
      displayFile: 'x.ts',
      config: { seed: 0, quick: true },
      budgetMs: 10_000,
      poolSize: 1,
    };
    assert.equal(await panel.post({ type: 'child', requestId, message: start, reference: true }), true);
    const answer = await Promise.race([reply, new Promise<undefined>((r) => setTimeout(() => r(undefined), 30_000))]);
    assert.ok(answer && answer.type === 'child', 'no reply from the webview');
    assert.equal((answer.message as { kind?: unknown }).kind, 'failed');
    assert.equal(await panel.post({ type: 'cancel', requestId }), true);
  });

  it('shows the reference tree of Figure 2 (answers 5a–5c) only when asked; with hw6.revealAnswers, without a question', async () => {
    const panel = beamView((await activateApi()).api);
    const traceTitles = (): string[] => (panel.items() as BeamTrace[]).map((t) => t.title);
    const isReference = (title: string): boolean => /reference beam search/.test(title);
    assert.deepEqual(traceTitles().filter(isReference), [], 'the first state holds no reference tree');
    const config = vscode.workspace.getConfiguration('hw6');
    await config.update('revealAnswers', true, vscode.ConfigurationTarget.Global);
    try {
      await panel.showReference();
      await waitFor(async () => traceTitles().some(isReference));
    } finally {
      await config.update('revealAnswers', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
