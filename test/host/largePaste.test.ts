// A student pasted a large block into q5_beam_search.ts and the workbench logged "RangeError:
// Maximum call stack size exceeded" 80 times. This pastes large and odd blocks (2 000 lines, deeply
// nested expressions, a 200 000-character line, 500 TODO markers) into the student file after a run,
// so that every handler of the lab that follows edits runs on them (the stale decorations, the
// CodeLens, the hint quick fixes, the hover), and checks that the lab stays right and that the
// workbench's console gained no error from it. What does overflow is VS Code's TypeScript server
// parsing 3 000 nested parentheses (see below). Nothing is saved: the edits are reverted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, EXTENSION_ID, fixtureUri, markerLineOf, waitFor, workbenchConsole } from './helpers';

const DEPTH = 3_000;

/** The blocks a paste might bring, each large or odd in its own way. */
function blocks(): Record<string, string> {
  const ordinary = Array.from(
    { length: 2_000 },
    (_, i) => `  const v${i} = step([${i % 7}, ${i % 5}]).map((x) => x * ${i}); // line ${i} of the paste`,
  ).join('\n');
  return {
    '2 000 lines': ordinary,
    'nested parentheses': `  const deep = ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)};`,
    'nested arrays': `  const arrays = ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)};`,
    'a long sum': `  const sum = ${Array.from({ length: 20_000 }, (_, i) => `k * ${i}`).join(' + ')};`,
    'a 200 000-character line': `  const long = "${'x'.repeat(200_000)}";`,
    '500 TODO markers': Array.from({ length: 500 }, (_, i) => `  // TODO(hw6:q5.beam-search) pasted marker ${i}`).join(
      '\n',
    ),
    'an unterminated comment': '  /* TODO(hw6:q5.beam-search ' + '('.repeat(10_000),
  };
}

const OVERFLOW = /Maximum call stack size exceeded|RangeError/;

describe('a large paste into the student file', function () {
  this.timeout(180_000);
  const wrong = fixtureUri('q5_beam_search.ts');

  before(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });

  for (const [what, block] of Object.entries(blocks())) {
    it(`${what}: the lab's editor handlers go on, and nothing overflows the stack`, async () => {
      const { api, extension } = await activateApi();
      const extensionPath = extension.extensionPath;
      const document = await vscode.workspace.openTextDocument(wrong);
      const editor = await vscode.window.showTextDocument(document);
      const outcome = await vscode.commands.executeCommand<{ status: string }>(
        'hw6.checkMarker',
        wrong,
        'q5.beam-search',
      );
      assert.equal(outcome?.status, 'done');
      const before = (await workbenchConsole()).length;
      const marker = markerLineOf(document);
      try {
        // Pasted right below the marker, as a student fills in a TODO.
        const edit = new vscode.WorkspaceEdit();
        edit.insert(wrong, new vscode.Position(marker + 1, 0), block + '\n');
        assert.ok(await vscode.workspace.applyEdit(edit), 'the paste was not applied');
        assert.equal(editor.document.lineAt(marker + 1).text, block.split('\n')[0]);

        // The handlers that follow edits, each asked directly as well.
        const [decoration] = await waitFor('the decoration to turn stale', () => {
          const d = api.decorationsFor(wrong);
          return d[0]?.stale ? d : undefined;
        });
        assert.equal(decoration!.line, marker, 'the result left its marker');
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', wrong);
        assert.ok(lenses.some((l) => l.range.start.line === marker && l.command?.command === 'hw6.runMarker'));
        await vscode.commands.executeCommand(
          'vscode.executeCodeActionProvider',
          wrong,
          new vscode.Range(marker, 0, marker, 0),
        );
        await vscode.commands.executeCommand('vscode.executeHoverProvider', wrong, new vscode.Position(marker, 4));
        // Let the debounced re-render (150 ms) and the workbench's own work on the new text happen.
        editor.revealRange(new vscode.Range(marker + 1, 0, marker + 1, 0));
        await new Promise((r) => setTimeout(r, 2_000));
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      assert.equal(document.isDirty, false);
      // The console's new entries (an entry is a line starting with its level, and its stack).
      const entries = (await workbenchConsole())
        .slice(before)
        .join('\n')
        .split(/\n(?=\[(?:error|warn|info|log|debug|trace)\] )/);
      const overflows = entries.filter((e) => OVERFLOW.test(e));
      // Deeply nested parentheses overflow the TypeScript server's parser (its "TypeScript Server
      // Error", frames in typescript.js): that is VS Code's TypeScript support, not the lab, and is
      // what a student sees after such a paste. None may come from the lab's code.
      assert.deepEqual(
        overflows.filter((e) => e.includes(extensionPath)),
        [],
        "the lab's code overflowed the stack after the paste",
      );
      assert.deepEqual(
        entries.filter((e) => /^\[error\]/.test(e) && (e.includes(extensionPath) || e.includes(EXTENSION_ID))),
        [],
        'the workbench logged an error of the lab after the paste',
      );
    });
  }
});
