// The beam view never shows an old tree as new: after a correct run, a wrong one (its checks fail)
// and a failing one (it throws) are marked, the items say which run made them, and an edit of the
// file after a run makes the view stale until the text is back. What the page draws from this is
// held by test/webview/beam-panel.test.ts; here, what a real extension host sends it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import type { SideViewApi } from '../../src/extension/extension';
import { activateApi, fixtureUri, waitFor } from './helpers';

describe('beam view run status', function () {
  this.timeout(240_000);
  const file = fixtureUri('q5_beam_search.ts');
  let view: SideViewApi;
  let editor: vscode.TextEditor;

  // Edits here must never reach the fixture on disk (a web workbench auto-saves by default).
  before(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('hw6').update('quick', true, vscode.ConfigurationTarget.Global);
    const { api } = await activateApi();
    view = api.sideView('hw6.beamTree')!;
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('hw6').update('quick', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });

  /** Replaces `from` (which must be in the file) with `to`, unsaved. */
  async function edit(from: string, to: string): Promise<void> {
    const text = editor.document.getText();
    const at = text.indexOf(from);
    assert.ok(at >= 0, `no ${JSON.stringify(from)} in the fixture`);
    const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + from.length));
    assert.ok(await editor.edit((e) => e.replace(range, to)));
  }

  async function run(): Promise<RunOutcome> {
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.runProblem', 'beam-search');
    assert.ok(outcome, 'the run returned nothing');
    return outcome;
  }

  const BUG = 'score: logProbs[token]!';
  const FIX = 'score: beam.score + logProbs[token]!';

  it('marks a wrong run after a correct one, a failed run, and an edit after a run', async () => {
    // 1. A correct run (the fixture's bug fixed in the editor): its code's checks pass (answers.md's
    //    wrong 5b still fails), the items are its.
    await edit(BUG, FIX);
    const correct = await run();
    assert.equal(correct.status, 'done');
    let snapshot = view.snapshot();
    const first = snapshot.status?.run;
    assert.ok(first !== undefined, 'the run has a number');
    const answersFailing = correct.findings.filter((f) => !f.ok && f.severity !== 'info').length;
    assert.deepEqual(
      snapshot.status,
      { state: 'done', run: first, failedChecks: answersFailing },
      'a correct run: done, only the answers failing, not stale',
    );
    const itemRuns = snapshot.itemRuns ?? [];
    assert.ok(
      snapshot.items.length > 0 && itemRuns.includes(first),
      `items of run ${first}: ${JSON.stringify(itemRuns)}`,
    );

    // 2. The bug back: the run ends, its checks fail, and the view is told so with its new trees.
    await edit(FIX, BUG);
    const wrong = await run();
    assert.equal(wrong.status, 'done');
    snapshot = view.snapshot();
    assert.equal(snapshot.status?.run, first + 1);
    assert.equal(snapshot.status?.state, 'done');
    assert.ok(
      (snapshot.status?.failedChecks ?? 0) > answersFailing,
      `the code's checks fail too: ${JSON.stringify(snapshot.status)}`,
    );
    assert.equal(snapshot.itemRuns?.[snapshot.selected], first + 1, 'the tree shown is the wrong run’s');

    // 3. An edit after the run: stale until the text is what the run read again.
    await edit(BUG, `${BUG} `);
    await waitFor('the view to go stale', () => (view.snapshot().status?.stale ? true : undefined));
    await edit(`${BUG} `, BUG);
    await waitFor('the view to be fresh again', () => (view.snapshot().status?.stale ? undefined : true));

    // 4. A run that throws before any tree: it failed, says why, and the tree shown is older.
    await edit('let beams: Hypothesis[]', 'throw new Error("beam bug"); let beams: Hypothesis[]');
    const failed = await run();
    assert.equal(failed.status, 'error');
    snapshot = view.snapshot();
    assert.equal(snapshot.status?.state, 'error');
    assert.equal(snapshot.status?.run, first + 2);
    assert.match(snapshot.status?.message ?? '', /beam bug/);
    const shownRun = snapshot.itemRuns?.[snapshot.selected];
    assert.ok(shownRun !== undefined && shownRun !== null && shownRun < first + 2, `shown: run ${shownRun}`);
  });
});
