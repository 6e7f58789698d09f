// CodeLens: "▶ Run" and "✓ Check" above the TODO marker of a homework file, from marker positions
// only; none in other files; none when hw6.codeLens.enabled is off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateApi, fixtureUri, markerLineOf } from './helpers';

async function hw6Lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((l) => l.command?.command.startsWith('hw6.'));
}

describe('CodeLens', () => {
  const uri = fixtureUri('q5_beam_search.ts');

  after(async () => {
    await vscode.workspace
      .getConfiguration('hw6')
      .update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  it('puts Run and Check at the TODO marker line of q5_beam_search.ts', async () => {
    await activateApi();
    const document = await vscode.workspace.openTextDocument(uri);
    const line = markerLineOf(document);
    const lenses = await hw6Lenses(uri);
    assert.deepEqual(
      // the Check lens may add the last run's summary, "(4/5 passed)" (src/extension/codeLens.ts)
      lenses.map((l) => [
        l.range.start.line,
        l.command!.title.replace(/ \(\d+\/\d+ passed\)$/, ''),
        l.command!.command,
      ]),
      [
        [line, '▶ Run', 'hw6.runMarker'],
        [line, '✓ Check', 'hw6.checkMarker'],
      ],
    );
    for (const l of lenses) {
      assert.equal((l.command!.arguments![0] as vscode.Uri).toString(), uri.toString());
      assert.equal(l.command!.arguments![1], 'q5.beam-search');
    }
  });

  it('shows none in a file that is not a homework file', async () => {
    const other = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: '// TODO(hw6:q5.beam-search) not a homework file\n',
    });
    assert.deepEqual(await hw6Lenses(other.uri), []);
  });

  it('turns off with hw6.codeLens.enabled', async () => {
    await vscode.workspace.getConfiguration('hw6').update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    const deadline = Date.now() + 10_000;
    let count = -1;
    while (Date.now() < deadline && (count = (await hw6Lenses(uri)).length) > 0)
      await new Promise((r) => setTimeout(r, 200));
    assert.equal(count, 0);
    await vscode.workspace
      .getConfiguration('hw6')
      .update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    assert.equal((await hw6Lenses(uri)).length, 2);
  });
});
