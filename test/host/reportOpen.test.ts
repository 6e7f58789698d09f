// The exported report's open actions in a real code-server workbench: "Open in Browser" hands the
// browser a URI it can open from where it runs (not a file:// path on the server: the report
// server's URL as the editor forwards it), which serves report.html as written and nothing else;
// "Open Markdown" opens report.md in the editor. Both are commands, so they stay available after
// the export's notification.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExportResult } from '../../src/extension/exportReport';
import type { ExternalOpener } from '../../src/extension/reportOpen';
import { activateApi } from './helpers';

describe('opening the exported report', function () {
  this.timeout(120_000);
  let out: string;
  let restore: ExternalOpener | undefined;
  const opened: vscode.Uri[] = [];

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'hw6-open-'));
    const { api } = await activateApi();
    restore = api.setExternalOpener(async (uri) => {
      opened.push(uri);
      return true;
    });
  });
  after(async () => {
    if (restore) (await activateApi()).api.setExternalOpener(restore);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(out, { recursive: true, force: true });
  });

  it('Open in Browser gives the browser a URL it can load report.html from; Open Markdown opens report.md', async () => {
    const folder = vscode.Uri.file(join(out, 'report'));
    const result = await vscode.commands.executeCommand<ExportResult>('hw6.exportReport', {
      folder,
      runMissing: false,
      overwrite: true,
    });
    assert.equal(result?.written.length, 2, 'the export wrote its two files');

    const given = await vscode.commands.executeCommand<vscode.Uri>('hw6.openReportInBrowser');
    assert.equal(opened.length, 1, 'the browser was asked once');
    const uri = opened[0]!;
    assert.equal(given?.toString(), uri.toString());
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web, 'this suite runs in code-server');
    assert.match(uri.scheme, /^https?$/, `a browser workbench cannot open ${uri.toString()}`);
    // code-server forwards the extension host's port through its own origin (/proxy/<port>/).
    assert.match(uri.path, /^\/proxy\/\d+\/[\w-]+\/report\.html$/, uri.toString());

    const written = readFileSync(join(folder.fsPath, 'report.html'), 'utf8');
    const page = await fetch(uri.toString(true));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await page.text(), written, 'the browser gets report.html as written');
    // Only the report's two files are served: nothing else of the folder or the disk.
    for (const other of ['answers.md', '..%2Fanswers.md', '']) {
      const miss = await fetch(uri.toString(true).replace(/report\.html$/, other));
      assert.equal(miss.status, 404, `${other || 'the folder'} is served`);
    }
    const wrongToken = await fetch(uri.toString(true).replace(/\/[\w-]+\/report\.html$/, '/not-the-token/report.html'));
    assert.equal(wrongToken.status, 404, 'a guessed path reads the report');

    const document = await vscode.commands.executeCommand<vscode.TextDocument>('hw6.openReportMarkdown');
    assert.equal(document?.uri.fsPath, join(folder.fsPath, 'report.md'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, join(folder.fsPath, 'report.md'));
    assert.match(document.getText(), /^## Q6 — Homework process$/m);

    // Still there after both: the browser can be asked again.
    await vscode.commands.executeCommand('hw6.openReportInBrowser');
    assert.equal(opened.length, 2);
  });

  // The desktop path, taken here by telling the opener it runs in a desktop window on the student's
  // machine (code-server cannot be one): the browser gets report.html's file URI itself, no server.
  // What only a desktop VS Code shows: that its openExternal hands a file URI to the system browser.
  it('in a desktop window, Open in Browser hands the browser the report file itself', async () => {
    const { api } = await activateApi();
    const folder = vscode.Uri.file(join(out, 'desktop'));
    await vscode.commands.executeCommand<ExportResult>('hw6.exportReport', {
      folder,
      runMissing: false,
      overwrite: true,
    });
    const before = opened.length;
    const previous = api.setEditorPlace(() => ({ desktop: true, remoteName: undefined }));
    try {
      const given = await vscode.commands.executeCommand<vscode.Uri>('hw6.openReportInBrowser');
      assert.equal(opened.length, before + 1, 'the browser was asked once');
      const uri = opened[before]!;
      assert.equal(given?.toString(), uri.toString());
      assert.equal(uri.scheme, 'file', uri.toString());
      assert.equal(uri.fsPath, join(folder.fsPath, 'report.html'));
      assert.match(readFileSync(uri.fsPath, 'utf8'), /<html/i, 'the file is the exported page');
    } finally {
      api.setEditorPlace(previous);
    }
    // and back in a browser workbench, the served URL again
    await vscode.commands.executeCommand('hw6.openReportInBrowser');
    assert.match(opened[opened.length - 1]!.scheme, /^https?$/);
  });
});
