// Problem 4 in a real extension host, on two fixture files beside the host's workspace
// (test/fixtures/ae-correct and ae-wrong-loss, opened by path), with hw6.quick on: a Run of the
// correct file streams the grid to the Autoencoders panel, which ends with the whole run and the
// TODOs' values; the panel's Cancel stops a run; Check on the wrong loss puts q4.loss at the loss
// TODO. The student's files are never written.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { FromWebview } from '../../src/core/protocol';
import type { RunOutcome } from '../../src/extension/runController';
import { autoencodersUi, type AeState } from '../../src/core/problems/autoencoders/ui';
import { activateApi, codeOf, fixtureUri, hw6Diagnostics, markerLineOf, runPanel, waitFor } from './helpers';
import { fixtureAeRun } from '../fixtures/ae-artifact';

/** A fixture folder next to the host's workspace (test/fixtures/<name>). */
const aeFixture = (name: string): vscode.Uri => vscode.Uri.joinPath(fixtureUri(), '..', name, 'q4_autoencoders.ts');

/** The webview says so once it has drawn a whole run (webview/autoencoders/main.ts). */
const drew = (messages: readonly FromWebview[], title: string): true | undefined =>
  messages.some((m) => m.type === 'log' && m.level === 'info' && m.message.startsWith(`autoencoders: drew ${title} (`))
    ? true
    : undefined;

const aeTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(autoencodersUi.panel!.viewType),
    );

describe('the Autoencoders panel', function () {
  this.timeout(120_000);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens from its command without a run, keeps a run it was shown, and a reopened panel is ready again', async () => {
    const { api } = await activateApi();
    const ae = runPanel<AeState>(api, 'autoencoders');
    const messages: FromWebview[] = [];
    const subscription = ae.onMessage((m) => messages.push(m));
    try {
      await vscode.commands.executeCommand('hw6.openAutoencoders');
      await ae.whenReady(45_000);
      assert.equal(aeTabs().length, 1);
      assert.equal(aeTabs()[0]!.label, 'Autoencoders');
      const run = fixtureAeRun();
      ae.show(run);
      assert.equal(ae.state.final?.title, run.title);
      await waitFor('the panel to draw the run', () => drew(messages, run.title));
      // Cancel with nothing running is ignored.
      ae.receive({ type: 'cancelRun' });
      // The panel is closed and opened again: a new webview, whose init snapshot holds the run.
      await vscode.window.tabGroups.close(aeTabs());
      await waitFor('the panel to close', () => (ae.isOpen ? undefined : true));
      messages.length = 0;
      await vscode.commands.executeCommand('hw6.openAutoencoders');
      await ae.whenReady(45_000);
      assert.equal(aeTabs().length, 1);
      await waitFor('the reopened panel to draw the run from its snapshot', () => drew(messages, run.title));
      const warnings = messages.filter((m) => m.type === 'log' && m.level !== 'info');
      assert.deepEqual(warnings, [], 'the webview took the run without complaint');
    } finally {
      subscription.dispose();
    }
  });
});

describe('problem 4 autoencoders', function () {
  this.timeout(240_000);
  const correct = aeFixture('ae-correct');
  const wrong = aeFixture('ae-wrong-loss');
  const bytes = new Map<string, string>();

  before(async () => {
    for (const uri of [correct, wrong]) bytes.set(uri.fsPath, readFileSync(uri.fsPath, 'utf8'));
    await vscode.workspace.getConfiguration('hw6').update('quick', true, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [correct, wrong])
      assert.equal(readFileSync(uri.fsPath, 'utf8'), bytes.get(uri.fsPath), `${uri.fsPath} was modified`);
  });

  it('Run streams the quick grid to the Autoencoders panel, which keeps the whole run; the TODOs show the last loss and probe accuracy', async () => {
    const { api } = await activateApi();
    const ae = runPanel<AeState>(api, 'autoencoders');
    const document = await vscode.workspace.openTextDocument(correct);
    await vscode.window.showTextDocument(document);
    const messages: FromWebview[] = [];
    const subscription = ae.onMessage((m) => messages.push(m));
    const started = Date.now();
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.runMarker', correct, 'q4.loss');
    const seconds = (Date.now() - started) / 1000;
    console.log(`quick autoencoders run: ${seconds.toFixed(1)} s`);
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    // The workspace's answers.md has no 4b sections: those come back as notes (info), not failures.
    const failed = outcome.findings.filter((f) => !f.ok && f.severity !== 'info');
    assert.ok(
      outcome.findings.some((f) => f.checkId.startsWith('q4.')) && failed.length === 0,
      `failed checks: ${failed.map((f) => `${f.checkId}: ${f.message}`).join('; ')}`,
    );
    assert.deepEqual(
      outcome.findings
        .filter((f) => !f.checkId.startsWith('q4.'))
        .map((f) => f.answerId)
        .sort(),
      ['4b-i', '4b-ii'],
      'problem 4 reads its questions in answers.md',
    );

    assert.equal(ae.isOpen, true, 'the run opened the panel');
    await ae.whenReady(45_000);
    const state = ae.state;
    await waitFor('the panel to draw the whole run', () => drew(messages, state.final?.title ?? '?'), 30_000);
    subscription.dispose();
    assert.equal(state.running, false);
    assert.ok(state.final, 'the panel keeps the final artifact');
    assert.equal(state.cells.length, 0, 'the final artifact replaces the streamed cells');
    const kinds = new Set(state.final.cells.map((c) => `${c.dataset}|${c.activation}|${c.variant}`));
    assert.ok(
      kinds.has('synthetic|linear|vanilla') && kinds.has('mnist|relu|masked'),
      `cells: ${[...kinds].join(', ')}`,
    );
    const tabs = aeTabs();
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0]!.label, 'Autoencoders');

    // Room for the whole notes (the default cap, fit for 1280 px, would cut the cell's name).
    await vscode.workspace
      .getConfiguration('hw6')
      .update('decorations.maxLength', 200, vscode.ConfigurationTarget.Global);
    const decorations = await waitFor('uncut results', () => {
      const all = new Map(api.decorationsFor(correct).map((d) => [d.markerId, d]));
      return [...all.values()].some((d) => d.text.includes('…')) ? undefined : all;
    });
    await vscode.workspace
      .getConfiguration('hw6')
      .update('decorations.maxLength', undefined, vscode.ConfigurationTarget.Global);
    const loss = decorations.get('q4.loss');
    assert.ok(loss, `no decoration at q4.loss among ${[...decorations.keys()].join(', ')}`);
    assert.equal(loss.line, markerLineOf(document, 'q4.loss'));
    // The extension's marker notes: the last cell's value and which cell it was.
    const cell = String.raw`\((synthetic|MNIST) (linear|ReLU) (vanilla|denoising|masked) k=\d+\)`;
    assert.match(loss.text, new RegExp(String.raw`val loss [\d.e+-]+ ${cell}`));
    assert.match(
      decorations.get('q4.masking')?.text ?? '',
      new RegExp(String.raw`val loss [\d.e+-]+ \((synthetic|MNIST) (linear|ReLU) masked k=\d+\)`),
    );
    const probe = decorations.get('q4.probe-accuracy');
    assert.ok(probe);
    assert.equal(probe.line, markerLineOf(document, 'q4.probe-accuracy'));
    assert.match(probe.text, new RegExp(String.raw`probe \d+\.\d % ${cell}`));
    assert.equal(hw6Diagnostics(correct).length, 0, 'no diagnostics on a correct file');
    assert.equal(document.isDirty, false);
  });

  it("the panel's Cancel stops the run; the snapshot keeps the cells so far", async () => {
    const { api } = await activateApi();
    const ae = runPanel<AeState>(api, 'autoencoders');
    const pending = vscode.commands.executeCommand<RunOutcome>('hw6.runMarker', correct, 'q4.forward');
    await waitFor(
      'the first grid cell',
      () => (ae.state.running && ae.state.cells.length > 0 ? true : undefined),
      120_000,
    );
    ae.receive({ type: 'cancelRun' });
    const outcome = await pending;
    assert.equal(
      outcome?.status,
      'cancelled',
      `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`,
    );
    const state = ae.state;
    assert.equal(state.running, false);
    assert.ok(state.cells.length > 0, 'the cells so far are kept');
    assert.ok(state.final, 'the previous whole run is kept for the overlay');
  });

  it('the image-data settings reach the run: a relative IDX folder is taken from the workspace folder', async () => {
    await activateApi();
    const settings = vscode.workspace.getConfiguration('hw6.autoencoders');
    await settings.update('imageData', 'idx', vscode.ConfigurationTarget.Global);
    await settings.update('idxDir', 'no-idx-files-here', vscode.ConfigurationTarget.Global);
    try {
      const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.runMarker', correct, 'q4.loss');
      assert.equal(outcome?.status, 'error', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
      const folder = vscode.Uri.joinPath(fixtureUri(), 'no-idx-files-here').fsPath;
      assert.ok(outcome.error?.message.includes(folder), `the error names ${folder}: ${outcome.error?.message}`);
    } finally {
      await settings.update('imageData', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('idxDir', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Check on a loss averaged over every entry puts q4.loss at the loss TODO', async () => {
    await activateApi();
    const document = await vscode.workspace.openTextDocument(wrong);
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', wrong, 'q4.loss');
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    const diagnostics = await waitFor('HW6 diagnostics on the wrong q4_autoencoders.ts', () => {
      const d = hw6Diagnostics(wrong);
      return d.length > 0 ? d : undefined;
    });
    const loss = diagnostics.find((d) => codeOf(d) === 'q4.loss');
    assert.ok(loss, `no q4.loss diagnostic among ${diagnostics.map(codeOf).join(', ')}`);
    assert.equal(loss.range.start.line, markerLineOf(document, 'q4.loss'));
    assert.equal(loss.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(
      !diagnostics.some((d) =>
        ['q4.decoder', 'q4.forward', 'q4.denoising', 'q4.masking', 'q4.probe-accuracy'].includes(codeOf(d) ?? ''),
      ),
      `only the loss is wrong: ${diagnostics.map(codeOf).join(', ')}`,
    );
    assert.equal(document.isDirty, false);
  });
});
