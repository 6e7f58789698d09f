// Finding answers.md for a run: beside the student's file, else at the workspace folder's root. An
// open document wins (unsaved edits count); otherwise it is loaded from disk. Only ever read.
import * as vscode from 'vscode';
import { ANSWERS_FILE } from '../core/answers/document';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** A document at `uri`: the open one if there is one, else loaded from disk; undefined if no such file. */
export async function openIfPresent(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  return (await exists(uri)) ? vscode.workspace.openTextDocument(uri) : undefined;
}

/** The folders to look in, in order: `folder` (the student's file's), then its workspace folder's root. */
export function answersCandidates(folder: vscode.Uri | undefined): vscode.Uri[] {
  const root =
    (folder && vscode.workspace.getWorkspaceFolder(folder)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const folders = [folder, root].filter((f): f is vscode.Uri => f !== undefined);
  const unique = folders.filter((f, i) => folders.findIndex((g) => g.toString() === f.toString()) === i);
  return unique.map((f) => vscode.Uri.joinPath(f, ANSWERS_FILE));
}

/** answers.md for a run whose student file is in `folder` (or, for a reference run, answers.md's own folder). */
export async function answersDocument(folder: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  for (const uri of answersCandidates(folder)) {
    const document = await openIfPresent(uri);
    if (document) return document;
  }
  return undefined;
}

export function folderOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}
