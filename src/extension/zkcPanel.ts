// The karate club panel (`hw6.zkc`): a WebviewPanel in the editor area, opened (or revealed) when a
// problem 1 run hands over its 'zkc-run' artifact. Its html is set once per webview, with a fresh
// nonce and a strict CSP; every message from it is validated (parseFromWebview) and ignored when
// malformed. It answers `ready` with an `init` snapshot (the latest run), and saves exported
// figures and series only where the student chooses in a save dialog. A WebviewPanelSerializer
// brings it back after a reload; the webview restores its own view state (setState).
import * as vscode from 'vscode';
import { whenWebviewReady } from './webviewReady';
import { isSvgDocument, saveExport } from './saveExport';
import { PROTOCOL_VERSION, parseFromWebview, type ExportContentType, type FromWebview, type ToWebview } from '../core/protocol';
import type { ZkcRunArtifact } from '../core/problems/zkc/artifact';
import { makeNonce, panelHtml } from '../core/panelHtml';
import type { Output } from './output';

export const ZKC_PANEL_TYPE = 'hw6.zkc';
const TITLE = 'Karate Club GCN';

const SAVE_FILTERS: Record<ExportContentType | 'image/svg+xml', { title: string; filters: Record<string, string[]> }> = {
  'image/svg+xml': { title: 'Export the figure as SVG', filters: { 'SVG image': ['svg'] } },
  'image/png': { title: 'Export the figure as PNG', filters: { 'PNG image': ['png'] } },
  'text/csv': { title: 'Export the training series as CSV', filters: { 'CSV table': ['csv'] } },
};

export class ZkcPanel implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private run: ZkcRunArtifact | undefined;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** The last message the webview sent (after validation), for the host tests. */
  private readonly messageEmitter = new vscode.EventEmitter<FromWebview>();

  /** Fires each time a webview (re)loads and says `ready`. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Every validated message from the webview. */
  readonly onDidReceiveMessage = this.messageEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output: Output,
  ) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Resolves once the webview said `ready` (now, if it already did); rejects after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    return whenWebviewReady(this.ready, this.onDidBecomeReady, timeoutMs, 'the karate club panel');
  }

  /** The latest run: shown now (opening the panel beside the editor if needed). */
  showRun(run: ZkcRunArtifact): void {
    this.run = run;
    if (this.panel) {
      this.panel.reveal(undefined, true);
      this.post({ type: 'zkcRun', run });
    } else {
      // The new webview's `ready` is answered with a snapshot holding this run.
      this.open(true);
    }
  }

  /** Opens the panel, or brings it forward. */
  open(preserveFocus = false): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(ZKC_PANEL_TYPE, TITLE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, this.webviewOptions());
    this.adopt(panel);
  }

  /** VS Code restores the panel after a reload; the webview restores its own state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    panel.webview.options = this.webviewOptions();
    this.adopt(panel);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.disposePanelListeners();
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'hw6-lab.svg');
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'zkc.js')).toString(),
      title: TITLE,
    });
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.ready = false;
          this.disposePanelListeners();
        }
      }),
    );
  }

  /** Posts now if the webview listens; otherwise the next `init` snapshot carries the run. */
  private post(message: ToWebview): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      this.output.channel.warn('Karate club panel: ignored a malformed message.');
      return;
    }
    switch (message.type) {
      case 'ready':
        if (message.version !== PROTOCOL_VERSION) this.output.channel.warn(`Karate club panel speaks protocol ${message.version}, the extension ${PROTOCOL_VERSION}.`);
        this.ready = true;
        void this.panel?.webview.postMessage({ type: 'init', version: PROTOCOL_VERSION, snapshot: { traces: [], selected: 0, ...(this.run ? { zkcRun: this.run } : {}) } } satisfies ToWebview);
        this.readyEmitter.fire();
        break;
      case 'exportSvg':
        if (!isSvgDocument(message.svg)) {
          this.output.channel.warn('Karate club panel: ignored an export that is not an SVG document.');
          return;
        }
        void this.save(message.suggestedName, 'image/svg+xml', new TextEncoder().encode(message.svg));
        break;
      case 'exportFile': {
        const bytes = message.contentType === 'image/png' ? Uint8Array.from(Buffer.from(message.data, 'base64')) : new TextEncoder().encode(message.data);
        void this.save(message.suggestedName, message.contentType, bytes);
        break;
      }
      case 'log':
        this.output.channel[message.level === 'error' ? 'error' : message.level === 'warn' ? 'warn' : 'info'](`Karate club panel: ${message.message}`);
        break;
      default:
        break;
    }
    this.messageEmitter.fire(message);
  }

  /** Writes only where the student chose in the save dialog. */
  private save(suggestedName: string, type: keyof typeof SAVE_FILTERS, bytes: Uint8Array): Promise<void> {
    return saveExport({ suggestedName, ...SAVE_FILTERS[type], bytes });
  }

  private disposePanelListeners(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposePanelListeners();
    this.panel?.dispose();
    this.panel = undefined;
    this.readyEmitter.dispose();
    this.messageEmitter.dispose();
  }
}
