// The Testing view ("HW6 Lab" test controller): problems → TODO markers → checks with the answers.md
// questions under their problem; a Check run through it fails the wrong beam search at its TODO line
// (expected and actual where the check compares values) and passes q5.shape; a lens run shows there
// too; run on save and a continuous run re-run a saved file. Saves are undone: the fixture is
// written back as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import type { Hw6Api, TestItemSnapshot } from '../../src/extension/extension';
import {
  activateApi,
  codeOf,
  fixtureUri,
  hw6Diagnostics,
  markerLineOf,
  waitFor,
  workbenchScreenshot,
  WRONG_BEAM_SEARCH_FAILURES,
} from './helpers';

const MARKER = 'q5.beam-search';
const Q5_CHECKS = ['q5.shape', 'q5.figure2-steps', 'q5.topk', 'q5.exhaustive', 'q5.random-trees'];
const checkItem = (checkId: string): string => `beam-search/${MARKER}/${checkId}`;

function byId(items: readonly TestItemSnapshot[], id: string): TestItemSnapshot {
  const found = items.find((i) => i.id === id);
  if (!found) throw new Error(`no test item ${id} among ${items.map((i) => i.id).join(', ')}`);
  return found;
}

/** The heading line (0-based) of a question in answers.md. */
function headingLine(document: vscode.TextDocument, id: string): number {
  return document
    .getText()
    .split(/\r?\n/)
    .findIndex((l) => new RegExp(`^#+\\s+${id}\\b`).test(l));
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('hw6').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Testing view', function () {
  this.timeout(180_000);
  const q5 = fixtureUri('q5_beam_search.ts');
  const answersUri = fixtureUri('answers.md');
  let api: Hw6Api;
  let original: string;

  before(async () => {
    api = (await activateApi()).api;
    original = (await vscode.workspace.openTextDocument(q5)).getText();
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await setting('runOnSave', 'off');
    // the saves below changed the fixture on disk: write it back as it was
    const document = await vscode.workspace.openTextDocument(q5);
    if (document.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(q5, new vscode.Range(0, 0, document.lineCount, 0), original);
      await vscode.workspace.applyEdit(edit);
      await document.save();
    }
    await setting('runOnSave', undefined);
    await setting('runOnSaveDelayMs', undefined);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists problems → markers → checks, and the answers.md questions under their problem', async () => {
    await api.testing.refresh();
    const items = api.testing.items();
    // the fixture has q1, q3 and q5 files; answers.md also answers problem 2's questions
    assert.deepEqual(
      items.map((i) => i.id),
      ['attention-scaling', 'beam-search', 'kernel-attention', 'zkc'],
    );
    const document = await vscode.workspace.openTextDocument(q5);
    const answers = await vscode.workspace.openTextDocument(answersUri);
    const beam = byId(items, 'beam-search');
    assert.equal(beam.uri, q5.toString());
    const marker = byId(beam.children, `beam-search/${MARKER}`);
    assert.equal(marker.line, markerLineOf(document), 'the marker item sits at the TODO line (its gutter icon)');
    assert.deepEqual(marker.children.map((c) => c.label).sort(), [...Q5_CHECKS].sort());
    for (const c of marker.children) {
      assert.equal(c.uri, q5.toString());
      assert.equal(c.line, markerLineOf(document), `${c.id} has no gutter icon at the TODO line`);
    }
    for (const id of ['5b', '5d']) {
      const question = byId(beam.children, `beam-search/answers.md/${id}`);
      assert.equal(question.uri, answersUri.toString());
      assert.equal(question.line, headingLine(answers, id));
    }
    // a problem whose file is absent still lists the questions answers.md answers
    const scaling = byId(items, 'attention-scaling');
    assert.deepEqual(
      scaling.children.map((c) => c.id),
      ['attention-scaling/answers.md/2a', 'attention-scaling/answers.md/2b'],
    );
    const zkc = byId(items, 'zkc');
    assert.equal(zkc.children.length, 7, 'problem 1 has seven TODO markers');
  });

  it('a Check run through the Testing view fails the wrong beam search at its TODO line and passes q5.shape', async () => {
    const document = await vscode.workspace.openTextDocument(q5);
    await vscode.window.showTextDocument(document);
    await api.testing.run('check', [`beam-search/${MARKER}`]);
    const line = markerLineOf(document);
    for (const checkId of WRONG_BEAM_SEARCH_FAILURES) {
      const result = api.testing.resultOf(checkItem(checkId));
      assert.equal(result?.state, 'failed', `${checkId}: ${JSON.stringify(result)}`);
      assert.ok(result.messages.length > 0);
      for (const m of result.messages) {
        assert.equal(m.uri, q5.toString());
        assert.equal(m.line, line, `${checkId}'s message is not at the TODO line`);
      }
    }
    assert.equal(api.testing.resultOf(checkItem('q5.shape'))?.state, 'passed');
    // where the check compares values, the message carries both (a diff in the Test Results peek)
    const randomTrees = api.testing.resultOf(checkItem('q5.random-trees'))!.messages[0]!;
    assert.ok(randomTrees.expected && randomTrees.actual, JSON.stringify(randomTrees));
    assert.notEqual(randomTrees.expected, randomTrees.actual);
    assert.ok(randomTrees.text.includes(`expected ${randomTrees.expected}, got ${randomTrees.actual}`));
    // the answers the run judged, at their lines in answers.md
    const answers = await vscode.workspace.openTextDocument(answersUri);
    const fiveB = api.testing.resultOf('beam-search/answers.md/5b');
    assert.ok(fiveB && fiveB.state !== 'skipped', JSON.stringify(fiveB));
    // …and the same run reached the editor, as a lens run does
    assert.deepEqual(hw6Diagnostics(q5).map(codeOf).sort(), WRONG_BEAM_SEARCH_FAILURES);
    assert.ok(headingLine(answers, '5b') >= 0);

    // the view, with the failures, for the README
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    await api.testing.reveal(checkItem('q5.random-trees'));
    await api.testing.reveal('beam-search/answers.md/5d');
    await new Promise((r) => setTimeout(r, 1500));
    await workbenchScreenshot('testing-view.png');
  });

  it("a failing numeric check shows the judge's expected value (the tolerance) and the student's, at its TODO", async () => {
    // the workspace's q1_zkc.ts is the ws-zkc-wrong-backward fixture: gcnBackward forgets (1 − H²)
    const q1 = fixtureUri('q1_zkc.ts');
    const document = await vscode.workspace.openTextDocument(q1);
    await api.testing.run('check', ['zkc/q1.gcn-backward']);
    const result = api.testing.resultOf('zkc/q1.gcn-backward/q1.gcn-backward');
    assert.equal(result?.state, 'failed', JSON.stringify(result));
    const [message] = result.messages;
    assert.equal(message?.uri, q1.toString());
    assert.equal(message?.line, markerLineOf(document, 'q1.gcn-backward'));
    assert.equal(message?.expected, 'relative error < 1e-4 (dW and gIn, against float64 and tf.grads)');
    assert.match(message?.actual ?? '', /^dW \de-\d+ \/ \de-\d+, gIn \de-\d+ \/ \de-\d+$/, message?.actual);
    // the pieces before it compare no values once they pass: no diff
    assert.equal(api.testing.resultOf('zkc/q1.normalize/q1.normalize')?.state, 'passed');
  });

  it('a lens run updates the Testing view, and the Check lens says how the marker did', async () => {
    const kernel = fixtureUri('q3_kernel_attention.ts');
    const before = api.testing.lastRun('kernel-attention')?.finishedAt ?? -1;
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', kernel);
    assert.equal(outcome?.status, 'done', JSON.stringify(outcome?.error ?? outcome?.status));
    assert.ok((api.testing.lastRun('kernel-attention')?.finishedAt ?? -1) > before);
    const failed = new Set(outcome.findings.filter((f) => !f.ok && f.severity !== 'info').map((f) => f.checkId));
    const item = await waitFor('the Testing view to show the lens run', () =>
      api.testing.resultOf('kernel-attention/q3.softmax-attention/q3.softmax-attention'),
    );
    assert.equal(item.state, failed.has('q3.softmax-attention') ? 'failed' : 'passed');
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', kernel)) ?? [];
    const checkLenses = lenses.filter((l) => l.command?.command === 'hw6.checkMarker');
    assert.ok(
      checkLenses.some((l) => /^✓ Check \(\d+\/\d+ passed\)$/.test(l.command!.title)),
      checkLenses.map((l) => l.command!.title).join(' | '),
    );
  });

  async function saveWith(extra: string): Promise<string> {
    const document = await vscode.workspace.openTextDocument(q5);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(q5, new vscode.Position(document.lineCount, 0), extra);
    await vscode.workspace.applyEdit(edit);
    const text = document.getText();
    assert.ok(await document.save(), 'the fixture could not be saved');
    return text;
  }

  it('run on save (hw6.runOnSave = check) re-checks a saved homework file', async () => {
    await setting('runOnSaveDelayMs', 50);
    await setting('runOnSave', 'check');
    const saved = await saveWith('\n// saved by the Testing view host test\n');
    const run = await waitFor(
      'a check of the saved text',
      () => {
        const last = api.testing.lastRun('beam-search');
        return last?.source === saved ? last : undefined;
      },
      120_000,
    );
    assert.equal(run.checksOnly, true);
    assert.deepEqual(
      run.findings
        .filter((f) => !f.ok && f.answerId === undefined)
        .map((f) => f.checkId)
        .sort(),
      WRONG_BEAM_SEARCH_FAILURES,
    );
  });

  it('a continuous run re-runs its problem on save, even with run on save off', async () => {
    await setting('runOnSave', 'off');
    const watching = await api.testing.watch([`beam-search/${MARKER}`]);
    try {
      const saved = await saveWith('// and saved again under a continuous run\n');
      await waitFor(
        'the continuous run to check the saved text',
        () => (api.testing.lastRun('beam-search')?.source === saved ? true : undefined),
        120_000,
      );
      assert.equal(api.testing.resultOf(checkItem('q5.topk'))?.state, 'failed');
    } finally {
      watching.stop();
    }
  });
});
