// Problem 3 in a real extension host: a quick Run of the fixture's (correct) q3_kernel_attention.ts
// sweeps both attention forms and opens the Kernel Attention panel in the editor area.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../src/extension/runController';
import { kernelAttentionUi } from '../../src/core/problems/kernel-attention/ui';
import { activateApi, fixtureUri, runPanel, waitFor } from './helpers';

describe('kernel attention panel', function () {
  this.timeout(240_000);
  const file = fixtureUri('q3_kernel_attention.ts');

  before(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', true, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('hw6').update('quick', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a quick run of kernel-attention opens the panel, which says ready', async () => {
    const { api } = await activateApi();
    const kernel = runPanel(api, 'kernel-attention');
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand<RunOutcome>(
      'hw6.runMarker',
      file,
      'q3.kernel-attention-linear',
    );
    assert.equal(outcome?.status, 'done', `the run ended with ${JSON.stringify(outcome?.error ?? outcome?.status)}`);
    assert.equal(kernel.isOpen, true, 'the run opened the panel');
    await kernel.whenReady(45_000);
    const tabs = (): vscode.Tab[] =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter(
          (t) =>
            t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(kernelAttentionUi.panel!.viewType),
        );
    await waitFor('the Kernel Attention tab', () => (tabs().length === 1 ? true : undefined));
    assert.equal(tabs()[0]!.label, 'Kernel Attention');
  });
});
