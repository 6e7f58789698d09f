// "Create Homework Workspace" writes the template into a folder and never overwrites a file; the
// manifest declares limited support for untrusted workspaces (what runs there is nothing).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateApi } from './helpers';

describe('homework workspace', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'hw6-workspace-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the template, then keeps the student's files on a second run", async () => {
    const { extension } = await activateApi();
    const templateDir = join(extension.extensionPath, 'media', 'workspace');
    const template = readdirSync(templateDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(templateDir, f)).isFile())
      .map((f) => f.split('\\').join('/'))
      .sort();
    assert.ok(template.includes('q5_beam_search.ts'));

    const first = await vscode.commands.executeCommand<{ written: string[]; skipped: string[] }>(
      'hw6.createWorkspace',
      vscode.Uri.file(dir),
    );
    assert.deepEqual(first?.written.slice().sort(), template);
    assert.deepEqual(first?.skipped, []);

    const mine = join(dir, 'q5_beam_search.ts');
    writeFileSync(mine, '// my own work\n');
    const second = await vscode.commands.executeCommand<{ written: string[]; skipped: string[] }>(
      'hw6.createWorkspace',
      vscode.Uri.file(dir),
    );
    assert.deepEqual(second?.written, []);
    assert.deepEqual(second?.skipped.slice().sort(), template);
    assert.equal(readFileSync(mine, 'utf8'), '// my own work\n');
  });
});

describe('workspace trust', () => {
  it('declares limited support and restricts the settings that choose how code runs', async () => {
    const { extension } = await activateApi();
    const untrusted = extension.packageJSON.capabilities.untrustedWorkspaces as {
      supported: string;
      restrictedConfigurations: string[];
    };
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual(untrusted.restrictedConfigurations.slice().sort(), [
      'hw6.autoencoders.idxDir',
      'hw6.memoryLimitMB',
      'hw6.quick',
      'hw6.runOnSave',
      'hw6.runner',
      'hw6.timeLimitSeconds',
    ]);
  });
});
