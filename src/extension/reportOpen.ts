// Opening the exported submission report: "Open in Browser" (report.html, to print to PDF) and
// "Open Markdown" (report.md in the editor), as commands so both stay available after the export's
// notification is gone. In a desktop window the browser gets the file itself; in a browser
// workbench or a remote window it gets the report server's URL as the editor forwards it
// (model/reportLink.ts says why).
import * as vscode from 'vscode';
import { type EditorPlace, opensFileDirectly } from './model/reportLink';
import { ReportServer } from './reportServer';

/** How the browser is asked to open a URI (vscode.env.openExternal; the host tests watch it). */
export type ExternalOpener = (uri: vscode.Uri) => Thenable<boolean>;

export const OPEN_REPORT_IN_BROWSER = 'hw6.openReportInBrowser';
export const OPEN_REPORT_MARKDOWN = 'hw6.openReportMarkdown';

export class ReportOpener implements vscode.Disposable {
  private folder: vscode.Uri | undefined;
  private readonly server = new ReportServer();
  private readonly commands: vscode.Disposable[];
  /** Replaced by the host tests, which cannot see a browser open. */
  openExternal: ExternalOpener = (uri) => vscode.env.openExternal(uri);
  /**
   * Where the editor runs. Replaced by the host tests (code-server is a browser workbench) to take the
   * desktop path: the file handed over as it is, no server, no asExternalUri (which in a desktop window
   * returns a file URI unchanged anyway).
   */
  place: () => EditorPlace = () => ({
    desktop: vscode.env.uiKind === vscode.UIKind.Desktop,
    remoteName: vscode.env.remoteName,
  });

  constructor() {
    this.commands = [
      vscode.commands.registerCommand(OPEN_REPORT_IN_BROWSER, () => this.openInBrowser()),
      vscode.commands.registerCommand(OPEN_REPORT_MARKDOWN, () => this.openMarkdown()),
    ];
  }

  /** The folder the last export wrote report.html and report.md to. */
  exported(folder: vscode.Uri): void {
    this.folder = folder;
    void vscode.commands.executeCommand('setContext', 'hw6.reportExported', true);
  }

  /** Opens report.html in the browser; resolves with the URI the browser was given (undefined: no report yet). */
  async openInBrowser(): Promise<vscode.Uri | undefined> {
    const folder = this.requireFolder();
    if (!folder) return undefined;
    const file = vscode.Uri.joinPath(folder, 'report.html');
    const target = opensFileDirectly(this.place())
      ? file
      : await vscode.env.asExternalUri(await this.server.urlOf(folder.fsPath, 'report.html'));
    if (!(await this.openExternal(target)))
      void vscode.window.showWarningMessage(`HW6 Lab: the browser did not open ${target.toString(true)}.`);
    return target;
  }

  /** Opens report.md in the editor; resolves with its document. */
  async openMarkdown(): Promise<vscode.TextDocument | undefined> {
    const folder = this.requireFolder();
    if (!folder) return undefined;
    return (await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'report.md'))).document;
  }

  private requireFolder(): vscode.Uri | undefined {
    if (!this.folder)
      void vscode.window.showInformationMessage(
        'HW6 Lab: export the submission report first (HW6 Lab: Export Submission Report).',
      );
    return this.folder;
  }

  dispose(): void {
    for (const d of this.commands) d.dispose();
    this.server.dispose();
  }
}
