// Running the fixture's (deliberately wrong) beam search: diagnostics at the TODO marker with the
// checks' codes, the decoration data at the marker, stale after an edit; a syntax error at its line.
// Nothing here saves a file: edits are reverted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import {
  activateApi,
  codeOf,
  fixtureUri,
  hw6Diagnostics,
  markerLineOf,
  WRONG_BEAM_SEARCH_FAILURES as EXPECTED_FAILURES,
  waitFor,
} from './helpers';

describe('runs', function () {
  this.timeout(120_000);
  const wrong = fixtureUri('q5_beam_search.ts');
  const syntax = fixtureUri('syntax', 'q5_beam_search.ts');

  // In a web workbench (code-server) files auto-save after a delay by default: an edit made to
  // test staleness must never reach the fixture on disk.
  before(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Check on the wrong beam search puts its failures at the TODO line, with codes and doc links', async () => {
    await activateApi();
    const document = await vscode.workspace.openTextDocument(wrong);
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', wrong, 'q5.beam-search');
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    assert.equal(outcome.runner, 'process');

    const diagnostics = await waitFor('HW6 diagnostics on q5_beam_search.ts', () => {
      const d = hw6Diagnostics(wrong);
      return d.length >= EXPECTED_FAILURES.length ? d : undefined;
    });
    const line = markerLineOf(document);
    assert.deepEqual(diagnostics.map(codeOf).sort(), EXPECTED_FAILURES);
    for (const d of diagnostics) {
      assert.equal(d.range.start.line, line, `${codeOf(d)} is not at the TODO line`);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      const target = (d.code as { target: vscode.Uri }).target;
      assert.ok(
        target.path.endsWith('/docs/checks.md') && target.fragment === codeOf(d),
        `bad doc link ${target.toString()}`,
      );
    }
    assert.match(diagnostics.find((d) => codeOf(d) === 'q5.figure2-steps')!.message, /t = 2/);
  });

  it("replaces the previous run's diagnostics instead of adding to them", async () => {
    await vscode.commands.executeCommand('hw6.checkMarker', wrong, 'q5.beam-search');
    assert.equal(hw6Diagnostics(wrong).length, EXPECTED_FAILURES.length);
  });

  it('Check Problem at Cursor (Ctrl+Alt+C in a homework file) checks the active file', async () => {
    const { extension } = await activateApi();
    const keys = extension.packageJSON.contributes.keybindings as { command: string; key: string; when: string }[];
    for (const command of ['hw6.runAtCursor', 'hw6.checkAtCursor']) {
      assert.ok(
        keys.some((k) => k.command === command && /resourceFilename in hw6.studentFiles/.test(k.when)),
        `${command} has no key in the homework files`,
      );
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wrong));
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkAtCursor');
    assert.equal(outcome?.status, 'done', `the check ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    assert.deepEqual(hw6Diagnostics(wrong).map(codeOf).sort(), EXPECTED_FAILURES);
  });

  it('decorates the TODO line with the first failure, and marks it stale after an edit', async () => {
    const { api } = await activateApi();
    const document = await vscode.workspace.openTextDocument(wrong);
    const editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('hw6.checkMarker', wrong, 'q5.beam-search');
    const line = markerLineOf(document);
    const [decoration, ...others] = api.decorationsFor(wrong);
    assert.equal(others.length, 0);
    assert.equal(decoration?.markerId, 'q5.beam-search');
    assert.equal(decoration.line, line);
    assert.equal(decoration.state, 'failed');
    assert.equal(decoration.stale, false);
    assert.equal(decoration.text, '✗ figure 2: t = 2 wrong · 3 more checks failed');
    assert.equal(decoration.details.filter((d) => d.startsWith('✗')).length, EXPECTED_FAILURES.length);

    try {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// an edit above the marker\n')));
      const stale = api.decorationsFor(wrong)[0];
      assert.equal(stale?.stale, true);
      assert.equal(stale.line, line + 1, 'the decoration did not follow its marker');
      assert.match(stale.text, /\(stale\)$/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(document.isDirty, false);
    // Back to the text the run read: the result holds again.
    assert.deepEqual(
      api.decorationsFor(wrong).map((d) => [d.line, d.stale]),
      [[line, false]],
    );
  });

  it("reports a syntax error at its line, replacing the problem's diagnostics from the other file", async () => {
    const { api } = await activateApi();
    const document = await vscode.workspace.openTextDocument(syntax);
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.runAtCursor');
    assert.equal(outcome?.status, 'error');
    assert.equal(outcome.error?.reason, 'syntax');

    const [diagnostic, ...others] = await waitFor('the syntax error diagnostic', () => {
      const d = hw6Diagnostics(syntax);
      return d.length > 0 ? d : undefined;
    });
    assert.equal(others.length, 0);
    assert.equal(codeOf(diagnostic!), 'hw6.syntax');
    assert.equal(diagnostic!.range.start.line, 8, 'the syntax error is on line 9 of the fixture');
    assert.equal(diagnostic!.range.start.character, 36);
    assert.deepEqual(hw6Diagnostics(wrong), [], 'a run of beam-search replaces its diagnostics in every file');
    assert.deepEqual(
      api.decorationsFor(syntax).map((d) => d.state),
      ['error'],
    );
  });

  it("a student file that kills its own process ends its run as the student's fault; the editor goes on", async () => {
    const selfKill = fixtureUri('selfkill', 'q5_beam_search.ts');
    const document = await vscode.workspace.openTextDocument(selfKill);
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', selfKill, 'q5.beam-search');
    assert.equal(outcome?.status, 'error', JSON.stringify(outcome));
    assert.equal(outcome.error?.reason, 'student-code');
    assert.match(outcome.error?.message ?? '', /killed the run's process/);
    // the extension host is alive and still runs and judges
    const again = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', wrong, 'q5.beam-search');
    assert.equal(again?.status, 'done');
    assert.ok(again.findings.some((f) => !f.ok));
  });
});

describe('run control', function () {
  this.timeout(120_000);
  const wrong = fixtureUri('q5_beam_search.ts');

  it("cancels a problem's run when a new run of it starts", async () => {
    await activateApi();
    // A full run trains the character model: it is still going when the check starts.
    const first = vscode.commands.executeCommand<RunOutcome>('hw6.runMarker', wrong, 'q5.beam-search');
    await new Promise((r) => setTimeout(r, 500));
    const second = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', wrong, 'q5.beam-search');
    assert.equal((await first)?.status, 'cancelled');
    assert.equal(second?.status, 'done');
    assert.deepEqual(
      hw6Diagnostics(wrong).map(codeOf).sort(),
      EXPECTED_FAILURES,
      'the cancelled run must not clear the diagnostics',
    );
  });

  it('Stop Run cancels the active run', async () => {
    const run = vscode.commands.executeCommand<RunOutcome>('hw6.runMarker', wrong, 'q5.beam-search');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await vscode.commands.executeCommand('hw6.stopRun'), 1);
    assert.equal((await run)?.status, 'cancelled');
  });
});

describe('runs on the webview runner', function () {
  this.timeout(240_000);
  const wrong = fixtureUri('q5_beam_search.ts');
  const hw6 = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('hw6');

  before(async () => {
    await hw6().update('runner', 'webview', vscode.ConfigurationTarget.Global);
    await hw6().update('quick', true, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await hw6().update('runner', undefined, vscode.ConfigurationTarget.Global);
    await hw6().update('quick', undefined, vscode.ConfigurationTarget.Global);
  });

  it('runs the student file in the panel and reports the same failures', async () => {
    await activateApi();
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', wrong, 'q5.beam-search');
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    assert.equal(outcome.runner, 'webview');
    assert.deepEqual(hw6Diagnostics(wrong).map(codeOf).sort(), EXPECTED_FAILURES);
  });
});
