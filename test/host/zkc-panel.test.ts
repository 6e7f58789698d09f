// The karate club panel in a real extension host: a run's artifact opens it in the editor area,
// its webview (real CSP, built bundle) says `ready` and gets the run in its `init` snapshot; a
// second run reuses the same panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, waitFor } from './helpers';
import { recordedZkcRun } from '../webview/fixtures/zkcRun';
import { ZKC_PANEL_TYPE } from '../../src/extension/panels';

describe('karate club panel', function () {
  this.timeout(90_000);

  it('opens on a run, says ready, and is reused by the next run', async () => {
    const { api } = await activateApi();
    const run = recordedZkcRun();
    api.zkc.showRun(run);
    assert.equal(api.zkc.isOpen, true);
    await api.zkc.whenReady(30_000);
    const zkcTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(ZKC_PANEL_TYPE));
    await waitFor('the karate club tab', () => (zkcTabs().length === 1 ? true : undefined));
    api.zkc.showRun({ ...run, title: 'second run' });
    assert.equal(zkcTabs().length, 1, 'one panel, revealed again');
  });
});
