// Every command the manifest contributes is registered once the extension is active, and the
// internal CodeLens commands stay out of the command palette.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi } from './helpers';

interface Contributes {
  commands: { command: string; title: string; category?: string }[];
  menus: { commandPalette: { command: string; when: string }[] };
}

describe('commands', () => {
  it('registers every contributed command', async () => {
    const { extension } = await activateApi();
    const contributes = extension.packageJSON.contributes as Contributes;
    const contributed = contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 7, `only ${contributed.length} contributed commands`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    for (const c of contributes.commands) assert.equal(c.category, 'HW6 Lab', `${c.command} has no HW6 Lab category`);
  });

  it('hides the CodeLens-only commands from the command palette', async () => {
    const { extension } = await activateApi();
    const hidden = (extension.packageJSON.contributes as Contributes).menus.commandPalette
      .filter((m) => m.when === 'false')
      .map((m) => m.command);
    assert.deepEqual(hidden.sort(), ['hw6.checkMarker', 'hw6.debugMarker', 'hw6.runMarker']);
  });

  it('says nothing is running when Stop Run has nothing to stop', async () => {
    await activateApi();
    assert.equal(await vscode.commands.executeCommand('hw6.stopRun'), 0);
  });
});
