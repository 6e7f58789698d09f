// Results survive a window reload, part 1 (part 2: resultsReload.afterReload.test.ts). A Check of
// the wrong beam search through the Testing view, its results seen in the Testing view, the
// diagnostics and the decorations; then the suite reloads the window for real (test/host/reload.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, fixtureUri, WRONG_BEAM_SEARCH_FAILURES } from './helpers';
import { labView } from './labView';
import { requestReload } from './reload';

const RELOAD_PROBLEM = 'beam-search';

describe('results survive a window reload', function () {
  this.timeout(180_000);

  it('before the reload: a Check fails the wrong beam search in the Testing view, the diagnostics and the decorations', async () => {
    const { api } = await activateApi();
    const q5 = fixtureUri('q5_beam_search.ts');
    // open and shown: the reloaded workbench restores the editor, where the decorations are drawn
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(q5));
    await api.testing.refresh();
    await api.testing.run('check', [`${RELOAD_PROBLEM}/q5.beam-search`]);
    // q5_beam_search.ts only: answers.md also holds other tests' earlier runs of other problems, whose
    // results went stale when those tests edited it (a reload drops stale results); the beam search's
    // answers are compared through their Testing view items
    const view = labView(api, RELOAD_PROBLEM, [q5]);
    // (which checks run depends on the build: the student VSIX has no hidden checks)
    const failed = Object.entries(view.items).filter(([, r]) => r?.state === 'failed');
    assert.ok(failed.length > 0, JSON.stringify(view.items));
    for (const [id] of failed)
      assert.ok(WRONG_BEAM_SEARCH_FAILURES.some((c) => id.endsWith(`/${c}`)) || id.includes('/answers.md/'), id);
    assert.equal(view.items[`${RELOAD_PROBLEM}/q5.beam-search/q5.shape`]?.state, 'passed');
    assert.ok(view.diagnostics[q5.toString()]!.length > 0, 'no diagnostics in q5_beam_search.ts');
    assert.ok(
      view.decorations[q5.toString()]!.some((d) => d.state === 'failed'),
      JSON.stringify(view.decorations[q5.toString()]),
    );
    requestReload(view);
  });
});
