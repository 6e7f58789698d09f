// Panel exports: a panel only proposes a file name and content; the file is written only where the
// student chooses in the save dialog.
import * as vscode from 'vscode';

/** What a panel may post as an SVG export: an SVG document, nothing else. */
export function isSvgDocument(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(text);
}

export async function saveExport(o: {
  suggestedName: string;
  title: string;
  filters: Record<string, string[]>;
  bytes: Uint8Array;
  saved?: string;
}): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: o.title,
    filters: o.filters,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, o.suggestedName) } : {}),
  });
  if (!target) return;
  const where = vscode.workspace.asRelativePath(target);
  try {
    await vscode.workspace.fs.writeFile(target, o.bytes);
    void vscode.window.showInformationMessage(`Saved ${o.saved ? o.saved + ' to ' : ''}${where}.`);
  } catch (err) {
    void vscode.window.showErrorMessage(
      `HW6 Lab: could not save ${where}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
