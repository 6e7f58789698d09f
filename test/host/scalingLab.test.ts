// Problem 2's panel in a real extension host: "HW6 Lab: Open √d Scaling Lab" opens it in the editor
// area without any run (its sliders run tfjs in the webview), and its webview says `ready`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scalingUi } from '../../src/core/problems/attention-scaling/ui';
import { activateApi, runPanel, waitFor } from './helpers';

const tabsOf = (viewType: string): vscode.Tab[] =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));

describe('√d scaling lab', function () {
  this.timeout(90_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens from its command without a run, says ready, and is reused when opened again', async () => {
    const { api } = await activateApi();
    const scaling = runPanel(api, 'attention-scaling');
    assert.equal(scaling.isOpen, false);
    await vscode.commands.executeCommand('hw6.openScalingLab');
    assert.equal(scaling.isOpen, true);
    await scaling.whenReady(45_000);
    await waitFor('the √d Scaling Lab tab', () => (tabsOf(scalingUi.panel!.viewType).length === 1 ? true : undefined));
    assert.equal(tabsOf(scalingUi.panel!.viewType)[0]!.label, '√d Scaling Lab');
    await vscode.commands.executeCommand('hw6.openScalingLab');
    assert.equal(tabsOf(scalingUi.panel!.viewType).length, 1, 'one panel, revealed again');
  });
});
