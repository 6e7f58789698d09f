// Finding a problem's student file: the one the student is looking at, else an open one, else the
// shallowest match in the workspace. Files are only ever read (open documents, unsaved edits included).
import * as vscode from 'vscode';
import type { ProblemInfo } from '../core/problem';
import { problemCatalog as problems, problemInfoForFile } from '../core/problems/catalog';
import { baseName } from '../core/paths';

export function problemForDocument(document: vscode.TextDocument): ProblemInfo | undefined {
  return document.uri.scheme === 'file' ? problemInfoForFile(baseName(document.uri)) : undefined;
}

export async function studentDocument(problem: ProblemInfo): Promise<vscode.TextDocument | undefined> {
  const isMine = (d: vscode.TextDocument): boolean =>
    d.uri.scheme === 'file' && baseName(d.uri) === problem.studentFile;
  const active = vscode.window.activeTextEditor?.document;
  if (active && isMine(active)) return active;
  const open = vscode.workspace.textDocuments.find(isMine);
  if (open) return open;
  const found = await vscode.workspace.findFiles(`**/${problem.studentFile}`, '**/{node_modules,.git,dist,out}/**', 50);
  const shallowest = found.sort(
    (a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path),
  )[0];
  return shallowest ? vscode.workspace.openTextDocument(shallowest) : undefined;
}

/** Lets `when` clauses say `resourceFilename in hw6.studentFiles`. */
export function publishStudentFiles(): Thenable<unknown> {
  return vscode.commands.executeCommand(
    'setContext',
    'hw6.studentFiles',
    problems.map((p) => p.studentFile),
  );
}
