// Problem 1 in a real extension host, on the fixture workspace's q1_zkc.ts (its GCN backward forgets
// the tanh derivative): Check reports q1.gcn-backward at that TODO; a (quick) Run streams the
// training to the karate club panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import { activateApi, codeOf, fixtureUri, hw6Diagnostics, markerLineOf, runPanel, waitFor } from './helpers';

describe('problem 1 runs', function () {
  this.timeout(180_000);
  const file = fixtureUri('q1_zkc.ts');

  before(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', true, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Check puts the failing gradient check at the backward TODO', async () => {
    await activateApi();
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.checkMarker', file, 'q1.gcn-backward');
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    const diagnostics = await waitFor('HW6 diagnostics on q1_zkc.ts', () => {
      const d = hw6Diagnostics(file);
      return d.length > 0 ? d : undefined;
    });
    const backward = diagnostics.find((d) => codeOf(d) === 'q1.gcn-backward');
    assert.ok(backward, `no q1.gcn-backward diagnostic among ${diagnostics.map(codeOf).join(', ')}`);
    assert.equal(backward.range.start.line, markerLineOf(document, 'q1.gcn-backward'));
    assert.ok(!diagnostics.some((d) => codeOf(d) === 'q1.normalize'), 'Â is right in the fixture');
  });

  it('Run trains both mask modes and shows them in the karate club panel', async () => {
    const { api } = await activateApi();
    const zkc = runPanel(api, 'zkc');
    const outcome = await vscode.commands.executeCommand<RunOutcome>('hw6.runMarker', file, 'q1.train');
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    assert.equal(zkc.isOpen, true, 'the run opened the panel');
    await zkc.whenReady(30_000);
  });
});
