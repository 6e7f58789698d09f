// A problem's run panel in the editor area (a WebviewPanel), driven by the problem's PanelUi: the
// panel keeps the problem's state, folds each routed artifact into it, and tells an open webview
// what changed; a webview that (re)loads gets the state's snapshot. A WebviewPanelSerializer brings
// it back after a reload; the webview restores its own view state (setState).
import * as vscode from 'vscode';
import type { Artifact } from '../core/engine/events';
import type { ArtifactRoute, PanelChange, PanelRunEnd, PanelUi } from '../core/problemUi';
import type { FromWebview, RunStatusView } from '../core/protocol';
import { statusEnded, statusProgress, statusStarted } from './model/runStatus';
import type { Output } from './output';
import type { RunFollower, RunToken } from './runFollower';
import { WebviewHost } from './webviewHost';

export type { RunToken } from './runFollower';

export class PanelHost<S> implements vscode.WebviewPanelSerializer, RunFollower, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: S;
  /** The problem's latest run, as the page shows it (progress, or why it failed). */
  private status: RunStatusView | undefined;
  private runs = 0;
  /** The run whose artifact the panel shows (undefined: none, or one shown from outside a run). */
  private shownBy: RunToken | undefined;
  private readonly host: WebviewHost;
  private readonly panelDisposables: vscode.Disposable[] = [];

  constructor(
    readonly problemId: string,
    readonly ui: PanelUi<S>,
    private readonly extensionUri: vscode.Uri,
    output: Output,
  ) {
    this.current = ui.empty;
    this.host = new WebviewHost(
      {
        title: ui.title,
        script: `${ui.bundle}.js`,
        saveTitles: ui.saveTitles,
        snapshot: () => ({ ...ui.snapshot(this.current), ...(this.status ? { status: this.status } : {}) }),
      },
      extensionUri,
      output,
    );
  }

  get viewType(): string {
    return this.ui.viewType;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** What the next `init` snapshot carries. */
  get state(): Readonly<S> {
    return this.current;
  }

  /** Every validated message from the webview. */
  get onDidReceiveMessage(): vscode.Event<FromWebview> {
    return this.host.onDidReceiveMessage;
  }

  whenReady(timeoutMs: number): Promise<void> {
    return this.host.whenReady(timeoutMs);
  }

  /** Handles a message as if the webview had posted it (validated the same way). */
  receive(raw: unknown): void {
    this.host.receive(raw);
  }

  /** Whether this panel takes artifacts of `kind`. */
  takes(kind: Artifact['kind']): boolean {
    return this.ui.artifacts[kind] !== undefined;
  }

  /** An artifact of `run` (or, without one, shown as if a run had just produced it). */
  artifact(artifact: Artifact, run?: RunToken): void {
    const route = this.ui.artifacts[artifact.kind] as ArtifactRoute<S> | undefined;
    if (!route) return;
    if (route.completes) {
      if (run === undefined || this.shownBy !== run) return;
    } else {
      this.shownBy = run;
    }
    this.apply(route.fold(this.current, artifact));
  }

  /** The latest run's status, as the next snapshot carries it. */
  get runStatus(): RunStatusView | undefined {
    return this.status;
  }

  /** A run of the experiment started: the panel opens (or comes forward) and shows its progress. */
  runStarted(): void {
    this.status = statusStarted(++this.runs);
    this.apply({ ...(this.ui.runStarted?.(this.current) ?? { state: this.current }), reveal: true });
    this.postStatus();
  }

  runProgress(fraction: number, detail: string | undefined): void {
    const next = statusProgress(this.status, fraction, detail);
    if (!next) return;
    this.status = next;
    this.postStatus();
  }

  /** The run ended: the panel says how (why it failed), whether or not it drew anything. */
  runEnded(end: PanelRunEnd): void {
    this.status = statusEnded(this.status, end);
    if (this.ui.runEnded) this.apply(this.ui.runEnded(this.current, end));
    this.postStatus();
  }

  private postStatus(): void {
    if (this.status) void this.host.post({ type: 'runStatus', problemId: this.problemId, ...this.status });
  }

  private apply(change: PanelChange<S>): void {
    this.current = change.state;
    if (change.reveal && !this.panel) {
      // The new webview's `ready` is answered with a snapshot of this state.
      this.open(true);
      return;
    }
    if (change.reveal) this.panel?.reveal(undefined, true);
    if (change.message) void this.host.post(change.message);
  }

  /** Opens the panel, or brings it forward. */
  open(preserveFocus = false): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      this.ui.viewType,
      this.ui.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      this.host.webviewOptions(),
    );
    this.adopt(panel);
  }

  /** VS Code restores the panel after a reload; the webview restores its own state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.disposePanelListeners();
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'hw6-lab.svg');
    this.host.attach(panel.webview);
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.host.detach(panel.webview);
        this.disposePanelListeners();
      }),
    );
  }

  private disposePanelListeners(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposePanelListeners();
    this.panel?.dispose();
    this.panel = undefined;
    this.host.dispose();
  }
}
