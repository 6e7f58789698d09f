// Smoke test for the extension-host layer: the extension under development is loaded into the
// real extension host and activates without throwing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'hw6-lab.hw6-lab';

describe('extension host smoke', () => {
  it('loads and activates the HW6 Lab extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
