// The beam tree webview view (`hw6.beamTree`), on the webview host every HW6 Lab webview shares:
// it keeps the run traces for its picker, forwards new ones, and is the channel the webview runner
// talks through.
import * as vscode from 'vscode';
import type { BeamViewSnapshot, FromWebview, ToWebview } from '../core/protocol';
import type { BeamTrace } from '../core/problems/beam-search/trace';
import type { Output } from './output';
import { WebviewHost } from './webviewHost';

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
  private readonly host: WebviewHost;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly subscription: vscode.Disposable;
  private runTraces: BeamTrace[] = [];
  /** The reference traces show answers 5a–5c: hidden until the user asks for them and confirms. */
  private referenceShown = false;
  private selected = 0;
  private backend: string | undefined;

  /** The channel the webview runner uses: posting opens the view and waits for `ready`. */
  readonly channel: PanelChannel = {
    post: async (message) => {
      // Messages posted before the webview's script runs are lost: wait for its `ready` first.
      if (!this.host.isReady) {
        await this.reveal();
        if (
          !(await this.whenReady(READY_TIMEOUT_MS).then(
            () => true,
            () => false,
          ))
        )
          return false;
      }
      return this.host.post(message);
    },
    onMessage: (listener) => this.host.onDidReceiveMessage(listener),
  };

  constructor(
    extensionUri: vscode.Uri,
    output: Output,
    private readonly referenceTraces: () => BeamTrace[],
    /** Asks the user before the reference tree is shown (true at once with hw6.revealAnswers). */
    private readonly confirmReference: () => Promise<boolean>,
  ) {
    this.host = new WebviewHost(
      {
        title: 'Beam Tree',
        script: 'beam-search.js',
        wasm: true,
        snapshot: () => this.snapshot(),
        saveTitles: { 'image/svg+xml': 'Export the beam tree as SVG' },
        savedNoun: 'the beam tree',
      },
      extensionUri,
      output,
    );
    this.subscription = this.host.onDidReceiveMessage((message) => {
      if (message.type === 'select') this.selected = message.index;
      if (message.type === 'showReference') void this.showReference();
    });
  }

  get isReady(): boolean {
    return this.host.isReady;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
    this.view = view;
    this.host.attach(view.webview);
    this.viewDisposables.push(
      view.onDidDispose(() => {
        if (this.view !== view) return;
        this.view = undefined;
        this.host.detach(view.webview);
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
    return this.host.whenReady(timeoutMs);
  }

  /** A trace from a run: kept for the picker and shown now when the panel is open. */
  showTrace(trace: BeamTrace): void {
    const same = (t: BeamTrace): boolean => t.title === trace.title && t.source === trace.source;
    this.runTraces = [...this.runTraces.filter((t) => !same(t)), trace].slice(-MAX_RUN_TRACES);
    const traces = this.traces();
    this.selected = traces.findIndex(same);
    void this.host.post({ type: 'trace', trace, select: true });
  }

  /** Shows the reference traces once the user confirmed (they hold the Figure 2 answers). */
  async showReference(): Promise<void> {
    if (this.referenceShown || !(await this.confirmReference())) return;
    this.referenceShown = true;
    const references = this.referenceTraces();
    for (const trace of references) void this.host.post({ type: 'trace', trace, select: true });
    this.selected = references.length - 1;
  }

  setBackend(backend: string): void {
    this.backend = backend;
  }

  /** Every trace so far, the one selected. */
  snapshot(): BeamViewSnapshot {
    const traces = this.traces();
    return {
      traces,
      selected: Math.min(Math.max(0, this.selected), traces.length - 1),
      ...(this.backend ? { backend: this.backend } : {}),
    };
  }

  private traces(): BeamTrace[] {
    return [...(this.referenceShown ? this.referenceTraces() : []), ...this.runTraces];
  }

  dispose(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
    this.subscription.dispose();
    this.host.dispose();
  }
}
