// What every HW6 Lab webview shares, a run panel in the editor area or a side view: its html
// (set once per webview, with a fresh nonce and a strict CSP), the messages from it (validated by
// parseFromWebview, malformed ones logged and dropped), the ready/version handshake answered with an
// `init` snapshot, its log lines, and exports written only where the student chooses.
import * as vscode from 'vscode';
import { whenWebviewReady } from './webviewReady';
import { isSvgDocument, saveExport } from './saveExport';
import {
  PROTOCOL_VERSION,
  parseFromWebview,
  type FromWebview,
  type PanelSnapshot,
  type ToWebview,
} from '../core/protocol';
import { htmlAttributes, makeNonce, panelHtml } from '../core/panelHtml';
import type { SaveType } from '../core/problemUi';
import type { Output } from './output';

/** What one webview host differs in. */
export interface WebviewHostSpec {
  /** Shown as the page's title and in log lines ("<title> panel: …"). */
  title: string;
  /** The bundle's file name in dist/webview (`<problem id>.js`). */
  script: string;
  /** The snapshot a webview that says `ready` is sent. */
  snapshot(): PanelSnapshot;
  /** The save dialog's title per export type (a default otherwise). */
  saveTitles: Partial<Record<SaveType, string>>;
  /** What the "Saved … to" message names, if anything. */
  savedNoun?: string;
  /** The page runs tfjs-wasm (its CSP allows wasm, its body says where the wasm and media files are). */
  wasm?: boolean;
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

export class WebviewHost implements vscode.Disposable {
  private webview: vscode.Webview | undefined;
  private ready = false;
  private readonly webviewDisposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly messageEmitter = new vscode.EventEmitter<FromWebview>();

  /** Fires each time a webview (re)loads and says `ready`. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** Every validated message from the webview. */
  readonly onDidReceiveMessage = this.messageEmitter.event;

  constructor(
    private readonly spec: WebviewHostSpec,
    private readonly extensionUri: vscode.Uri,
    private readonly output: Output,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** The options every HW6 Lab webview gets: scripts on, files only from dist/ and media/. */
  webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [this.uri('dist'), this.uri('media')] };
  }

  /** Takes over a new webview: sets its html and listens to it until `detach`. */
  attach(webview: vscode.Webview): void {
    this.disposeListeners();
    this.webview = webview;
    this.ready = false;
    webview.options = this.webviewOptions();
    const asUri = (uri: vscode.Uri): string => webview.asWebviewUri(uri).toString();
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asUri(this.uri('dist', 'webview', this.spec.script)),
      title: this.spec.title,
      ...(this.spec.wasm
        ? {
            allowWasm: true,
            bodyAttributes: htmlAttributes({
              'data-wasm-path': `${asUri(this.uri('dist', 'wasm'))}/`,
              'data-media-path': `${asUri(this.uri('media'))}/`,
              // hw6.webviewBackend: 'wasm' keeps the panel off WebGPU (webview/shared/runHost.ts)
              'data-tfjs-backend':
                vscode.workspace.getConfiguration('hw6').get<string>('webviewBackend') === 'wasm' ? 'wasm' : 'auto',
            }),
          }
        : {}),
    });
    this.webviewDisposables.push(webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
  }

  /** The webview is gone (its panel or view was disposed): nothing is posted until the next `attach`. */
  detach(webview: vscode.Webview): void {
    if (this.webview !== webview) return;
    this.webview = undefined;
    this.ready = false;
    this.disposeListeners();
  }

  /** Resolves once the webview said `ready` (now, if it already did); rejects after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    return whenWebviewReady(this.ready, this.onDidBecomeReady, timeoutMs, `the ${this.spec.title} panel`);
  }

  /** Posts now if the webview listens (resolves whether it took it); otherwise the next `init` snapshot carries the state. */
  post(message: ToWebview): Thenable<boolean> {
    return this.webview && this.ready ? this.webview.postMessage(message) : Promise.resolve(false);
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
        if (message.version !== PROTOCOL_VERSION)
          this.output.channel.warn(`${label} speaks protocol ${message.version}, the extension ${PROTOCOL_VERSION}.`);
        this.ready = true;
        // A (re)loaded webview starts from the snapshot: everything it shows, nothing asked again.
        void this.webview?.postMessage({
          type: 'init',
          version: PROTOCOL_VERSION,
          snapshot: this.spec.snapshot(),
        } satisfies ToWebview);
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
        const bytes =
          message.contentType === 'image/png'
            ? Uint8Array.from(Buffer.from(message.data, 'base64'))
            : new TextEncoder().encode(message.data);
        void this.save(message.suggestedName, message.contentType, bytes);
        break;
      }
      case 'log':
        this.output.channel[message.level === 'error' ? 'error' : message.level === 'warn' ? 'warn' : 'info'](
          `${label}: ${message.message}`,
        );
        break;
      default:
        break;
    }
    this.messageEmitter.fire(message);
  }

  /** Writes only where the student chose in the save dialog. */
  private save(suggestedName: string, type: SaveType, bytes: Uint8Array): Promise<void> {
    const title = this.spec.saveTitles[type] ?? DEFAULT_SAVE_TITLES[type];
    return saveExport({
      suggestedName,
      title,
      filters: FILTERS[type],
      bytes,
      ...(this.spec.savedNoun ? { saved: this.spec.savedNoun } : {}),
    });
  }

  private uri(...path: string[]): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, ...path);
  }

  private disposeListeners(): void {
    for (const d of this.webviewDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeListeners();
    this.readyEmitter.dispose();
    this.messageEmitter.dispose();
  }
}
