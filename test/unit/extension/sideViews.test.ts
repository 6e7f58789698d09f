// The side views the problems declare (their ui.ts's `sideView`) hold together with the manifest and
// the pages: each is a contributed webview view that activates the extension, its page is its
// problem's folder under webview/, and at most one page hosts the webview runner.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemUis } from '../../../src/core/problems/uis';
import { repoRoot } from '../support/repo';

interface Manifest {
  activationEvents: string[];
  contributes: { commands: { command: string }[]; views: Record<string, { id: string; type?: string }[]> };
}

describe('side views', () => {
  const root = repoRoot();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const declared = problemUis.flatMap((ui) => (ui.sideView ? [{ problemId: ui.problemId, view: ui.sideView }] : []));
  const views = Object.values(manifest.contributes.views).flat();

  it('problem 5 declares the beam tree view, the one whose page runs code', () => {
    assert.deepEqual(
      declared.map((d) => [d.problemId, d.view.viewId, d.view.runsCode ?? false]),
      [['beam-search', 'hw6.beamTree', true]],
    );
  });

  it('each is a contributed webview view that activates the extension, its command contributed', () => {
    for (const { view } of declared) {
      assert.equal(views.find((v) => v.id === view.viewId)?.type, 'webview', `${view.viewId} is not a webview view`);
      assert.ok(manifest.activationEvents.includes(`onView:${view.viewId}`), `${view.viewId} does not activate`);
      if (view.openCommand)
        assert.ok(
          manifest.contributes.commands.some((c) => c.command === view.openCommand),
          `${view.openCommand} is not contributed`,
        );
    }
  });

  it("each page is its problem's folder under webview/, and at most one runs code", () => {
    for (const { problemId, view } of declared) {
      assert.equal(view.bundle, problemId);
      assert.ok(existsSync(join(root, 'webview', view.bundle, 'main.ts')), `webview/${view.bundle}/main.ts`);
    }
    assert.ok(declared.filter((d) => d.view.runsCode).length <= 1);
  });

  it('keeps run items by key and reveals the reference only on request', () => {
    const view = declared[0]!.view;
    const [reference] = view.reference!.items();
    assert.equal(view.itemKey(reference), view.itemKey({ ...reference }));
    assert.notEqual(view.itemKey(reference), view.itemKey({ ...reference, title: 'another run' }));
    assert.match(view.reference!.question, /answers to 5a–5c/);
    assert.ok(view.maxRunItems > 0);
  });
});
