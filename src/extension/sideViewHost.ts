// A problem's side view (its ui.ts's `sideView`: a webview view in the HW6 Lab sidebar), on the
// webview host every HW6 Lab webview shares: it keeps the items of runs for its page's picker,
// forwards new ones, reveals the reference items once the user confirms, and, when the descriptor
// says its page runs code, is the channel the webview runner talks through. It follows its problem's
// runs: the page is told which run made each item, how the latest run went, and whether the
// student's file changed since that run read it, so it never shows an old tree as if it were new.
import * as vscode from 'vscode';
import type { PanelRunEnd } from '../core/problemUi';
import type { FromWebview, RunStatusView, SideViewSnapshot, ToWebview } from '../core/protocol';
import type { SideViewUi } from '../core/sideViewUi';
import { statusEnded, statusProgress, statusStale, statusStarted } from './model/runStatus';
import type { Output } from './output';
import type { RunFollower, RunToken } from './runFollower';
import { WebviewHost } from './webviewHost';

/** What the webview runner talks through (its WebviewChannel). */
export interface ViewChannel {
  /** What run errors call the view ("the <title> panel"). */
  readonly title: string;
  /** Opens the view if needed and waits for its `ready`; resolves false when it could not deliver. */
  post(message: ToWebview): Promise<boolean>;
  onMessage(listener: (message: FromWebview) => void): vscode.Disposable;
}

/** How long a run waits for the view to open and its script to say `ready`. */
const READY_TIMEOUT_MS = 30_000;

export class SideViewHost<Item = unknown> implements vscode.WebviewViewProvider, RunFollower, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly host: WebviewHost;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly subscription: vscode.Disposable;
  private runItems: Item[] = [];
  /** Per run item (same order), the number of the run that made it. */
  private runItemRuns: number[] = [];
  /** The problem's latest run, and the numbers given to runs so far (by their tokens). */
  private status: RunStatusView | undefined;
  private readonly runNumbers = new WeakMap<RunToken, number>();
  private runCount = 0;
  /** What the latest run read of the student's file: an edit away from it makes the view stale. */
  private runSource: { uri: string; text: string } | undefined;
  /** Reference items give answers away: hidden until the user asks for them and confirms. */
  private referenceItems: Item[] | undefined;
  private selected = 0;
  private backend: string | undefined;

  /** The channel the webview runner uses: posting opens the view and waits for `ready`. */
  readonly channel: ViewChannel;

  constructor(
    readonly problemId: string,
    readonly ui: SideViewUi<Item>,
    extensionUri: vscode.Uri,
    output: Output,
  ) {
    this.host = new WebviewHost(
      {
        title: ui.title,
        script: `${ui.bundle}.js`,
        wasm: ui.wasm ?? false,
        snapshot: () => this.snapshot(),
        saveTitles: ui.saveTitles,
        ...(ui.savedNoun ? { savedNoun: ui.savedNoun } : {}),
      },
      extensionUri,
      output,
    );
    this.subscription = vscode.Disposable.from(
      this.host.onDidReceiveMessage((message) => {
        if (message.type === 'select') this.selected = message.index;
        if (message.type === 'showReference') void this.showReference();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e.document)),
    );
    this.channel = {
      title: ui.title,
      post: async (message) => {
        // Messages posted before the webview's script runs are lost: wait for its `ready` first.
        if (!this.host.isReady) {
          await this.reveal();
          const ready = await this.whenReady(READY_TIMEOUT_MS).then(
            () => true,
            () => false,
          );
          if (!ready) return false;
        }
        return this.host.post(message);
      },
      onMessage: (listener) => this.host.onDidReceiveMessage(listener),
    };
  }

  get viewId(): string {
    return this.ui.viewId;
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
    else await vscode.commands.executeCommand(`${this.ui.viewId}.focus`);
  }

  /** Resolves once a webview said `ready` (now, if it already did); rejects after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    return this.host.whenReady(timeoutMs);
  }

  /** An item from a run: kept for the picker (replacing one with its key) and shown now when the view is open. */
  showItem(item: Item, run?: RunToken): void {
    const key = this.ui.itemKey(item);
    const number = (run && this.runNumbers.get(run)) ?? this.status?.run ?? 0;
    const kept = this.runItems
      .map((i, n) => [i, this.runItemRuns[n]!] as const)
      .filter(([i]) => this.ui.itemKey(i) !== key);
    const next = [...kept, [item, number] as const].slice(-this.ui.maxRunItems);
    this.runItems = next.map(([i]) => i);
    this.runItemRuns = next.map(([, n]) => n);
    this.selected = this.items().findIndex((i) => this.ui.itemKey(i) === key);
    void this.host.post({ type: 'item', item, select: true, run: number });
  }

  /** A run of the problem started: its items will say so, and an edit of the file it read makes it stale. */
  runStarted(run: RunToken, document: vscode.TextDocument | undefined): void {
    this.runNumbers.set(run, ++this.runCount);
    this.status = statusStarted(this.runCount);
    this.runSource = document ? { uri: document.uri.toString(), text: document.getText() } : undefined;
    this.postStatus();
  }

  runProgress(fraction: number, detail: string | undefined): void {
    const next = statusProgress(this.status, fraction, detail);
    if (next) this.setStatus(next);
  }

  runEnded(end: PanelRunEnd): void {
    this.setStatus(statusEnded(this.status, end));
  }

  /** The latest run's status, as the page is told it. */
  get runStatus(): RunStatusView | undefined {
    return this.status;
  }

  private documentChanged(document: vscode.TextDocument): void {
    if (!this.runSource || document.uri.toString() !== this.runSource.uri) return;
    const next = statusStale(this.status, document.getText() !== this.runSource.text);
    if (next) this.setStatus(next);
  }

  private setStatus(status: RunStatusView): void {
    this.status = status;
    this.postStatus();
  }

  private postStatus(): void {
    if (this.status) void this.host.post({ type: 'runStatus', problemId: this.problemId, ...this.status });
  }

  /**
   * Shows the reference items once the user confirmed (they hold answers), and tells the page
   * whether they are shown: its own reference run ("Run here") waits for that answer.
   */
  async showReference(): Promise<void> {
    const shown = await this.revealReference();
    void this.host.post({ type: 'referenceShown', shown });
  }

  private async revealReference(): Promise<boolean> {
    const reference = this.ui.reference;
    if (!reference) return false;
    if (this.referenceItems) return true; // confirmed before: not asked again
    if (!(await this.confirmReference())) return false;
    this.referenceItems = reference.items();
    for (const item of this.referenceItems) void this.host.post({ type: 'item', item, select: true });
    this.selected = this.referenceItems.length - 1;
    return true;
  }

  /** True at once with hw6.revealAnswers; otherwise the user's answer to the descriptor's modal question. */
  private async confirmReference(): Promise<boolean> {
    // read now, not from the cached settings: the setting may have just changed
    if (vscode.workspace.getConfiguration('hw6').get<boolean>('revealAnswers', false)) return true;
    const { question, confirm } = this.ui.reference!;
    return (await vscode.window.showWarningMessage(question, { modal: true }, confirm)) === confirm;
  }

  setBackend(backend: string): void {
    this.backend = backend;
  }

  /** Every item so far, the one selected. */
  snapshot(): SideViewSnapshot<Item> {
    const items = this.items();
    return {
      items,
      selected: Math.min(Math.max(0, this.selected), items.length - 1),
      ...(this.backend ? { backend: this.backend } : {}),
      ...(this.status ? { status: this.status } : {}),
      itemRuns: [...(this.referenceItems ?? []).map(() => null), ...this.runItemRuns],
    };
  }

  private items(): Item[] {
    return [...(this.referenceItems ?? []), ...this.runItems];
  }

  dispose(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
    this.subscription.dispose();
    this.host.dispose();
  }
}
