// The karate club panel in a real extension host: a run's artifact opens it in the editor area,
// its webview (real CSP, built bundle) says `ready` and gets the run in its `init` snapshot; a
// second run reuses the same panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, runPanel, waitFor } from './helpers';
import { recordedZkcRun } from '../webview/fixtures/zkcRun';
import { zkcUi } from '../../src/core/problems/zkc/ui';

describe('karate club panel', function () {
  this.timeout(90_000);

  it('opens on a run, says ready, and is reused by the next run', async () => {
    const { api } = await activateApi();
    const zkc = runPanel(api, 'zkc');
    const run = recordedZkcRun();
    zkc.show(run);
    assert.equal(zkc.isOpen, true);
    await zkc.whenReady(30_000);
    const zkcTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(zkcUi.panel!.viewType));
    await waitFor('the karate club tab', () => (zkcTabs().length === 1 ? true : undefined));
    zkc.show({ ...run, title: 'second run' });
    assert.equal(zkcTabs().length, 1, 'one panel, revealed again');
  });
});
