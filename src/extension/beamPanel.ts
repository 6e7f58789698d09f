// The beam tree webview view (`hw6.beamTree`). Its html is set once per webview, with a fresh nonce
// and a strict CSP; every message from it is validated (parseFromWebview) and ignored when malformed.
// It answers `ready` with an `init` snapshot, forwards run traces, saves exported SVGs where the
// student chooses, and is the channel the webview runner talks through.
import * as vscode from 'vscode';
import { whenWebviewReady } from './webviewReady';
import { isSvgDocument, saveExport } from './saveExport';
import { PROTOCOL_VERSION, parseFromWebview, type FromWebview, type PanelSnapshot, type ToWebview } from '../core/protocol';
import type { BeamTrace } from '../core/problems/beam-search/trace';
import { htmlAttributes, makeNonce, panelHtml } from '../core/panelHtml';
import type { Output } from './output';

export const BEAM_VIEW_ID = 'hw6.beamTree';
/** Traces kept for the panel's picker besides the reference ones (oldest dropped first). */
const MAX_RUN_TRACES = 8;

/** What the webview runner talks through (its WebviewChannel). */
export interface PanelChannel {
  /** Opens the view if needed and waits for its `ready`; resolves false when it could not deliver. */
  post(message: ToWebview): Promise<boolean>;
  onMessage(listener: (message: FromWebview) => void): vscode.Disposable;
}

/** How long a run waits for the view to open and its script to say `ready`. */
const READY_TIMEOUT_MS = 30_000;

export class BeamPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly listeners = new Set<(message: FromWebview) => void>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly viewDisposables: vscode.Disposable[] = [];
  private runTraces: BeamTrace[] = [];
  private selected = 0;
  private backend: string | undefined;

  /** Fires each time a webview (re)loads and says `ready`. */
  readonly onDidBecomeReady = this.readyEmitter.event;

  /** The channel the webview runner uses: posting opens the view and waits for `ready`. */
  readonly channel: PanelChannel = {
    post: async (message) => {
      // Messages posted before the webview's script runs are lost: wait for its `ready` first.
      if (!this.ready) {
        await this.reveal();
        if (!(await this.whenReady(READY_TIMEOUT_MS).then(() => true, () => false))) return false;
      }
      return this.view ? this.view.webview.postMessage(message) : false;
    },
    onMessage: (listener) => {
      this.listeners.add(listener);
      return new vscode.Disposable(() => this.listeners.delete(listener));
    },
  };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly output: Output,
    private readonly referenceTraces: () => BeamTrace[],
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    const wasmPath = view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'wasm')).toString() + '/';
    view.webview.html = panelHtml({
      cspSource: view.webview.cspSource,
      nonce: makeNonce(),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview', 'beam.js')).toString(),
      title: 'Beam Tree',
      allowWasm: true,
      bodyAttributes: htmlAttributes({ 'data-wasm-path': wasmPath, 'data-media-path': view.webview.asWebviewUri(media).toString() + '/' }),
    });
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  /** Shows the view (creating its webview if needed). */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${BEAM_VIEW_ID}.focus`);
  }

  /** Resolves once a webview said `ready` (now, if it already did); rejects after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    return whenWebviewReady(this.ready, this.onDidBecomeReady, timeoutMs, 'the beam tree panel');
  }

  /** A trace from a run: kept for the picker and shown now when the panel is open. */
  showTrace(trace: BeamTrace): void {
    const same = (t: BeamTrace): boolean => t.title === trace.title && t.source === trace.source;
    this.runTraces = [...this.runTraces.filter((t) => !same(t)), trace].slice(-MAX_RUN_TRACES);
    const traces = this.traces();
    this.selected = traces.findIndex(same);
    this.post({ type: 'trace', trace, select: true });
  }

  setBackend(backend: string): void {
    this.backend = backend;
  }

  snapshot(): PanelSnapshot {
    const traces = this.traces();
    return { traces, selected: Math.min(Math.max(0, this.selected), traces.length - 1), ...(this.backend ? { backend: this.backend } : {}) };
  }

  private traces(): BeamTrace[] {
    return [...this.referenceTraces(), ...this.runTraces];
  }

  /** Posts now if the webview listens; otherwise the next `init` snapshot carries the state. */
  private post(message: ToWebview): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseFromWebview(raw);
    if (!message) {
      this.output.channel.warn('Beam Tree panel: ignored a malformed message.');
      return;
    }
    switch (message.type) {
      case 'ready': {
        if (message.version !== PROTOCOL_VERSION) this.output.channel.warn(`Beam Tree panel speaks protocol ${message.version}, the extension ${PROTOCOL_VERSION}.`);
        this.ready = true;
        // A (re)loaded webview starts from the snapshot: every trace so far, the one selected.
        void this.view?.webview.postMessage({ type: 'init', version: PROTOCOL_VERSION, snapshot: this.snapshot() } satisfies ToWebview);
        this.readyEmitter.fire();
        break;
      }
      case 'select':
        this.selected = message.index;
        break;
      case 'exportSvg':
        void this.exportSvg(message.svg, message.suggestedName);
        break;
      case 'log':
        this.output.channel[message.level === 'error' ? 'error' : message.level === 'warn' ? 'warn' : 'info'](`Beam Tree panel: ${message.message}`);
        break;
    }
    for (const listener of this.listeners) listener(message);
  }

  /** Writes the panel's SVG only where the student chose in the save dialog. */
  private async exportSvg(svg: string, suggestedName: string): Promise<void> {
    if (!isSvgDocument(svg)) {
      this.output.channel.warn('Beam Tree panel: ignored an export that is not an SVG document.');
      return;
    }
    await saveExport({ suggestedName, title: 'Export the beam tree as SVG', filters: { 'SVG image': ['svg'] }, bytes: new TextEncoder().encode(svg), saved: 'the beam tree' });
  }

  private disposeView(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeView();
    this.readyEmitter.dispose();
    this.listeners.clear();
  }
}
