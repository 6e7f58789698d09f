// "▶ Run" and "✓ Check" above each TODO marker of the homework's student files. The lenses come only
// from marker positions (never from run results), so they do not jump or flicker while typing.
import * as vscode from 'vscode';
import { findMarkers } from '../core/markers';
import { problemCatalog as problems, problemInfoForFile as problemForFile } from '../core/problems/catalog';

export class MarkerCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private enabled: boolean) {}

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabled) return [];
    const problem = problemForFile(document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1));
    if (!problem) return [];
    const own = new Set(problem.markers.map((m) => m.id));
    return findMarkers(document.getText())
      .filter((hit) => own.has(hit.id))
      .flatMap((hit) => {
        const range = new vscode.Range(hit.line, hit.start, hit.line, hit.end);
        return [
          new vscode.CodeLens(range, { title: '▶ Run', tooltip: `Run ${problem.title} with this file`, command: 'hw6.runMarker', arguments: [document.uri, hit.id] }),
          new vscode.CodeLens(range, { title: '✓ Check', tooltip: `Run only the checks of ${problem.title}`, command: 'hw6.checkMarker', arguments: [document.uri, hit.id] }),
        ];
      });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The documents the lenses apply to: the student files of every problem. */
export function studentFileSelector(): vscode.DocumentFilter[] {
  return problems.map((p) => ({ scheme: 'file', pattern: `**/${p.studentFile}` }));
}

export function registerCodeLens(enabled: boolean): { provider: MarkerCodeLensProvider; disposables: vscode.Disposable[] } {
  const provider = new MarkerCodeLensProvider(enabled);
  return { provider, disposables: [provider, vscode.languages.registerCodeLensProvider(studentFileSelector(), provider)] };
}
