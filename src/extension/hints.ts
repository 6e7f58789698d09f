// "Show hint" on HW6 diagnostics that carry a hint ladder: a quick fix (the light bulb, or Ctrl+.)
// that shows the next level in a notification, with a button for the one after. The message of the
// diagnostic never gives the answer away; the ladder does, a level at a time (model/hintLadder.ts).
import * as vscode from 'vscode';
import type { Diagnostics } from './diagnostics';
import { HintLadder } from './model/hintLadder';

export const SHOW_HINT_COMMAND = 'hw6.showHint';

export function registerHints(diagnostics: Diagnostics): vscode.Disposable {
  const ladder = new HintLadder();
  const codeOf = (d: vscode.Diagnostic): string =>
    typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
  const show = async (uri: string, code: string, hints: readonly string[]): Promise<void> => {
    const step = ladder.next(`${uri}#${code}`, hints);
    if (!step) return;
    const choice = await vscode.window.showInformationMessage(
      `${code}, hint ${step.level} of ${step.of}: ${step.text}`,
      ...(step.more ? ['Next hint'] : []),
    );
    if (choice === 'Next hint') await show(uri, code, hints);
  };
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      return context.diagnostics.flatMap((d) => {
        const hints = diagnostics.hintsOf(d);
        if (!hints?.length) return [];
        const action = new vscode.CodeAction(`HW6: show a hint for ${codeOf(d)}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.command = {
          title: 'Show hint',
          command: SHOW_HINT_COMMAND,
          arguments: [document.uri.toString(), codeOf(d), hints],
        };
        return [action];
      });
    },
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(SHOW_HINT_COMMAND, (uri: string, code: string, hints: readonly string[]) =>
      show(uri, code, hints),
    ),
    vscode.languages.registerCodeActionsProvider([{ language: 'typescript' }, { language: 'markdown' }], provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
}
