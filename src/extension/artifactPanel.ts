// A run's panel in the editor area (a WebviewPanel): the karate club (problem 1), the √d scaling
// lab (problem 2) and kernel attention (problem 3) are instances that differ only in their spec.
// Its html is set once per webview, with a fresh nonce and a strict CSP; every message from it is
// validated (parseFromWebview) and ignored when malformed. It answers `ready` with an `init`
// snapshot (the latest artifact), and saves exported figures and series only where the student
// chooses in a save dialog. A WebviewPanelSerializer brings it back after a reload; the webview
// restores its own view state (setState).
import * as vscode from 'vscode';
import { whenWebviewReady } from './webviewReady';
import { isSvgDocument, saveExport } from './saveExport';
import { PROTOCOL_VERSION, parseFromWebview, type ExportContentType, type FromWebview, type PanelSnapshot, type ToWebview } from '../core/protocol';
import { makeNonce, panelHtml } from '../core/panelHtml';
import type { Output } from './output';

type SaveType = ExportContentType | 'image/svg+xml';

/** What makes one artifact panel different from another. */
export interface ArtifactPanelSpec<A> {
  /** The WebviewPanel view type (`hw6.zkc`), also its serializer's and `onWebviewPanel:` key. */
  viewType: string;
  title: string;
  /** The panel bundle's file name in dist/webview (`zkc.js`). */
  script: string;
  /** The `init` snapshot for the latest artifact (none yet: an empty panel). */
  snapshot(artifact: A | undefined): PanelSnapshot;
  /** The message that replaces what an open panel shows. */
  update(artifact: A): ToWebview;
  /** The save dialog's title per export type. */
  saveTitles: Partial<Record<SaveType, string>>;
}

const FILTERS: Record<SaveType, Record<string, string[]>> = {
  'image/svg+xml': { 'SVG image': ['svg'] },
  'image/png': { 'PNG image': ['png'] },
  'text/csv': { 'CSV table': ['csv'] },
};

const DEFAULT_SAVE_TITLES: Record<SaveType, string> = {
  'image/svg+xml': 'Export the figure as SVG',
  'image/png': 'Export the figure as PNG',
  'text/csv': 'Export the data as CSV',
};

export class ArtifactPanel<A> implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private artifact: A | undefined;
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly messageEmitter = new vscode.EventEmitter<FromWebview>();

  /** Fires each time a webview (re)loads and says `ready`. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Every validated message from the webview (the host tests listen). */
  readonly onDidReceiveMessage = this.messageEmitter.event;

  constructor(
    private readonly spec: ArtifactPanelSpec<A>,
    private readonly extensionUri: vscode.Uri,
    private readonly output: Output,
  ) {}

  get viewType(): string {
    return this.spec.viewType;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Resolves once the webview said `ready` (now, if it already did); rejects after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    return whenWebviewReady(this.ready, this.onDidBecomeReady, timeoutMs, `the ${this.spec.title} panel`);
  }

  /** The latest artifact (what the next `init` snapshot carries), if any. */
  get latest(): A | undefined {
    return this.artifact;
  }

  /** The latest artifact: shown now (opening the panel beside the editor if needed). */
  show(artifact: A): void {
    this.artifact = artifact;
    if (this.panel) {
      this.panel.reveal(undefined, true);
      this.post(this.spec.update(artifact));
    } else {
      // The new webview's `ready` is answered with a snapshot holding this artifact.
      this.open(true);
    }
  }

  /**
   * Replaces what the next `init` snapshot carries, without opening or posting anything: for panels
   * whose state grows while a run streams (problem 4's grid), with `send` for the increments.
   */
  keep(artifact: A): void {
    this.artifact = artifact;
  }

  /** Posts `message` now if the webview listens; otherwise nothing (the next snapshot must carry it: see `keep`). */
  send(message: ToWebview): void {
    this.post(message);
  }

  /** Opens the panel, or brings it forward. */
  open(preserveFocus = false): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(this.spec.viewType, this.spec.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, this.webviewOptions());
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
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'hw6-lab.svg');
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview', this.spec.script)).toString(),
      title: this.spec.title,
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

  /** Posts now if the webview listens; otherwise the next `init` snapshot carries the artifact. */
  private post(message: ToWebview): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(message);
  }

  /**
   * Handles a message from the webview (validated first; malformed ones are logged and dropped).
   * Public so the host tests can send what only a click in the webview would (problem 4's Cancel).
   */
  receive(raw: unknown): void {
    const label = `${this.spec.title} panel`;
    const message = parseFromWebview(raw);
    if (!message) {
      this.output.channel.warn(`${label}: ignored a malformed message.`);
      return;
    }
    switch (message.type) {
      case 'ready':
        if (message.version !== PROTOCOL_VERSION) this.output.channel.warn(`${label} speaks protocol ${message.version}, the extension ${PROTOCOL_VERSION}.`);
        this.ready = true;
        void this.panel?.webview.postMessage({ type: 'init', version: PROTOCOL_VERSION, snapshot: this.spec.snapshot(this.artifact) } satisfies ToWebview);
        this.readyEmitter.fire();
        break;
      case 'exportSvg':
        if (!isSvgDocument(message.svg)) {
          this.output.channel.warn(`${label}: ignored an export that is not an SVG document.`);
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
        this.output.channel[message.level === 'error' ? 'error' : message.level === 'warn' ? 'warn' : 'info'](`${label}: ${message.message}`);
        break;
      default:
        break;
    }
    this.messageEmitter.fire(message);
  }

  /** Writes only where the student chose in the save dialog. */
  private save(suggestedName: string, type: SaveType, bytes: Uint8Array): Promise<void> {
    return saveExport({ suggestedName, title: this.spec.saveTitles[type] ?? DEFAULT_SAVE_TITLES[type], filters: FILTERS[type], bytes });
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
