// HW6 Lab's entry point: composes small modules, each owning its Disposables. Nothing here runs
// student code; runs go through a Runner (a worker thread by default, or a side view's webview).
import * as vscode from 'vscode';
import type { FromWebview, RunStatusView, SideViewSnapshot, ToWebview } from '../core/protocol';
import { SideViewHost } from './sideViewHost';
import { PanelHost } from './panelHost';
import { ArtifactRouter } from './artifactRouter';
import type { RunFollower } from './runFollower';
import type { Artifact } from '../core/engine/events';
import { problemUis } from '../core/problems/uis';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { onSettingsChanged, readSettings } from './config';
import { Decorations } from './decorations';
import { Diagnostics } from './diagnostics';
import { registerHints } from './hints';
import type { MarkerDecoration } from './model/decorationModel';
import type { EditorPlace } from './model/reportLink';
import { Output } from './output';
import { registerExportReport } from './exportReport';
import { ReportOpener, type ExternalOpener } from './reportOpen';
import { RunHistory } from './model/runRecord';
import { RunController } from './runController';
import { WorkTime } from './workTime';
import { StatusBar } from './statusBar';
import { exposesTestApi } from './testApi';
import { publishStudentFiles } from './studentFiles';
import { TrustGate } from './trust';
import { RunResults, type StoredRun } from './model/runResults';
import { Hw6TestController, type AppliedResult, type RunMode } from './testing/testController';
import { registerRunOnSave } from './runOnSave';

/**
 * What activate() returns: a small surface the host tests read instead of reaching into internals
 * (an installed HW6 Lab returns it only when HW6_LAB_TEST_API=1: see testApi.ts).
 */
export interface Hw6Api {
  /** The decorations drawn (or, with decorations off, that would be drawn) in a document now. */
  decorationsFor(uri: vscode.Uri): MarkerDecoration[];
  /** A side view by its view id (undefined when no problem declares it). */
  sideView(viewId: string): SideViewApi | undefined;
  /** A problem's run panel (undefined for problems without one). */
  runPanel(problemId: string): PanelApi | undefined;
  /** Replaces how the exported report is handed to the browser (vscode.env.openExternal); returns the previous opener. */
  setExternalOpener(opener: ExternalOpener): ExternalOpener;
  /** Replaces where the report opener thinks the editor runs (desktop or not); returns the previous answer. */
  setEditorPlace(place: () => EditorPlace): () => EditorPlace;
  /** The Testing view's controller. */
  testing: TestingApi;
}

/** The Testing view as the host tests see it. */
export interface TestingApi {
  /** The item tree now: each item's id, label, file, marker line and children. */
  items(): TestItemSnapshot[];
  /** Rebuilds the tree from the workspace's files. */
  refresh(): Promise<void>;
  /** Runs items (by id; all when none) as the view's Check, Run or Debug profile does. */
  run(mode: RunMode, itemIds?: string[]): Promise<void>;
  /** What the controller last reported for an item (state and messages), if anything. */
  resultOf(itemId: string): AppliedResult | undefined;
  /** Starts a continuous run of items (all when none), as the Check profile's does. */
  watch(itemIds?: string[]): Promise<{ stop(): void }>;
  /** Shows an item in the Testing view, its parents expanded. */
  reveal(itemId: string): Promise<void>;
  /** The result store's latest run of a problem (what the Testing view and the lenses show). */
  lastRun(problemId: string): StoredRun | undefined;
}

export interface TestItemSnapshot {
  id: string;
  label: string;
  uri?: string;
  line?: number;
  children: TestItemSnapshot[];
}

function snapshotOf(item: vscode.TestItem): TestItemSnapshot {
  const children: TestItemSnapshot[] = [];
  item.children.forEach((c) => children.push(snapshotOf(c)));
  children.sort((a, b) => a.id.localeCompare(b.id));
  return {
    id: item.id,
    label: item.label,
    ...(item.uri ? { uri: item.uri.toString() } : {}),
    ...(item.range ? { line: item.range.start.line } : {}),
    children,
  };
}

/** A side view as the host tests see it. */
export interface SideViewApi {
  reveal(): Promise<void>;
  whenReady(timeoutMs: number): Promise<void>;
  /** Through its channel (the webview runner's, for a view whose page runs code): opens it and waits for `ready`. */
  post(message: ToWebview): Promise<boolean>;
  onMessage(listener: (message: FromWebview) => void): vscode.Disposable;
  /** The items its picker offers now. */
  items(): unknown[];
  /** What a (re)loading page is sent now: the items, which run made each, the latest run's status. */
  snapshot(): SideViewSnapshot;
  /** The page's "show the reference" (it asks first, unless hw6.revealAnswers). */
  showReference(): Promise<void>;
}

function sideViewApi(view: SideViewHost): SideViewApi {
  return {
    reveal: () => view.reveal(),
    whenReady: (timeoutMs) => view.whenReady(timeoutMs),
    post: (message) => view.channel.post(message),
    onMessage: (listener) => view.channel.onMessage(listener),
    items: () => view.snapshot().items,
    snapshot: () => view.snapshot(),
    showReference: () => view.showReference(),
  };
}

/** A run panel as the host tests see it. */
export interface PanelApi {
  /** Shows an artifact as if a run had just produced it. */
  show(artifact: Artifact): void;
  readonly isOpen: boolean;
  /** What its next snapshot is made from. */
  readonly state: unknown;
  /** The latest run's status, as its page is told it. */
  readonly runStatus: RunStatusView | undefined;
  whenReady(timeoutMs: number): Promise<void>;
  onMessage(listener: (message: FromWebview) => void): vscode.Disposable;
  /** Handles a message as if its webview had posted it (validated the same way): a Cancel button's, say. */
  receive(raw: unknown): void;
}

function panelApi(panel: PanelHost<unknown>): PanelApi {
  return {
    show: (artifact) => panel.artifact(artifact),
    get isOpen() {
      return panel.isOpen;
    },
    get state() {
      return panel.state;
    },
    get runStatus() {
      return panel.runStatus;
    },
    whenReady: (timeoutMs) => panel.whenReady(timeoutMs),
    onMessage: (listener) => panel.onDidReceiveMessage(listener),
    receive: (raw) => panel.receive(raw),
  };
}

/** Where the last judged run of each problem is kept across reloads (RunResults). */
const RESULTS_KEY = 'hw6.lastResults';

export function activate(context: vscode.ExtensionContext): Hw6Api | undefined {
  let settings = readSettings();
  const output = new Output();
  const statusBar = new StatusBar();
  const trust = new TrustGate(() => {
    statusBar.setTrusted(true);
    output.channel.info('Workspace trusted: runs are enabled.');
  });
  statusBar.setTrusted(trust.trusted);
  statusBar.setRunner(settings.runner);

  const docsUri = (code: string): vscode.Uri =>
    vscode.Uri.joinPath(context.extensionUri, 'docs', 'checks.md').with({ fragment: code });
  const diagnostics = new Diagnostics(docsUri);
  const decorations = new Decorations(settings.decorations);
  const sideViews = problemUis.flatMap((ui) =>
    ui.sideView ? [new SideViewHost(ui.problemId, ui.sideView, context.extensionUri, output)] : [],
  );
  const panels = problemUis.flatMap((ui) =>
    ui.panel ? [new PanelHost<unknown>(ui.problemId, ui.panel, context.extensionUri, output)] : [],
  );
  const panelOf = (problemId: string): PanelHost<unknown> | undefined => panels.find((p) => p.problemId === problemId);
  const followersOf = (problemId: string): RunFollower[] => [
    ...panels.filter((p) => p.problemId === problemId),
    ...sideViews.filter((v) => v.problemId === problemId),
  ];
  const artifacts = new ArtifactRouter(panels, sideViews);
  const history = new RunHistory();
  const results = new RunResults({
    load: () => context.workspaceState.get(RESULTS_KEY),
    save: (data) => void context.workspaceState.update(RESULTS_KEY, data),
  });
  const runs = new RunController({
    extensionUri: context.extensionUri,
    settings: () => settings,
    output,
    diagnostics,
    decorations,
    statusBar,
    sideViews,
    artifacts,
    followersOf,
    trust,
    history,
    results,
  });
  const testing = new Hw6TestController(results, (problemId) => runs.cancel(problemId));
  const workTime = new WorkTime(context.workspaceState, history);
  const reportOpener = new ReportOpener();
  const codeLens = registerCodeLens(settings.codeLens, results);

  context.subscriptions.push(
    output,
    statusBar,
    trust,
    diagnostics,
    registerHints(diagnostics),
    decorations,
    ...sideViews,
    ...panels,
    runs,
    testing,
    registerRunOnSave({ testing, cancelRun: (problemId) => runs.cancel(problemId) }),
    // A panel's Cancel (validated like any message) stops its problem's run, if one is going on.
    ...panels
      .filter((p) => p.ui.cancellable)
      .map((p) =>
        p.onDidReceiveMessage((message) => {
          if (message.type === 'cancelRun' && runs.cancel(p.problemId))
            output.channel.info(`[${p.problemId}] cancelled from the panel`);
        }),
      ),
    ...codeLens.disposables,
    ...sideViews.map((v) =>
      vscode.window.registerWebviewViewProvider(v.viewId, v, { webviewOptions: { retainContextWhenHidden: true } }),
    ),
    ...panels.map((p) => vscode.window.registerWebviewPanelSerializer(p.viewType, p)),
    ...registerCommands({ extensionUri: context.extensionUri, runs, sideViews, panels, output }),
    workTime,
    reportOpener,
    registerExportReport({
      extensionUri: context.extensionUri,
      runs,
      history,
      workTime,
      trust,
      settings: () => settings,
      opener: reportOpener,
    }),
    onSettingsChanged((next) => {
      settings = next;
      codeLens.setEnabled(next.codeLens);
      decorations.setEnabled(next.decorations);
      statusBar.setRunner(next.runner);
    }),
  );
  void publishStudentFiles();
  // the last results, as they were before a reload: diagnostics, decorations, then the Testing view
  void (async () => {
    for (const stored of results.all()) await runs.restore(stored);
    await testing.restore(results.all());
  })().catch((err: unknown) => output.channel.warn(`could not show the last results again: ${String(err)}`));
  void vscode.commands.executeCommand('setContext', 'hw6.running', false);

  const api: Hw6Api = {
    decorationsFor: (uri) => decorations.decorationsFor(uri),
    sideView: (viewId) => {
      const view = sideViews.find((v) => v.viewId === viewId);
      return view ? sideViewApi(view) : undefined;
    },
    runPanel: (problemId) => {
      const host = panelOf(problemId);
      return host ? panelApi(host) : undefined;
    },
    setExternalOpener: (opener) => {
      const previous = reportOpener.openExternal;
      reportOpener.openExternal = opener;
      return previous;
    },
    setEditorPlace: (place) => {
      const previous = reportOpener.place;
      reportOpener.place = place;
      return previous;
    },
    testing: {
      items: () => {
        const items: TestItemSnapshot[] = [];
        testing.controller.items.forEach((i) => items.push(snapshotOf(i)));
        return items.sort((a, b) => a.id.localeCompare(b.id));
      },
      refresh: () => testing.refresh(),
      run: (mode, itemIds) => testing.runItems(mode, itemIds),
      resultOf: (itemId) => testing.resultOf(itemId),
      watch: (itemIds) => testing.watch(itemIds),
      reveal: (itemId) => testing.reveal(itemId),
      lastRun: (problemId) => results.latestOf(problemId),
    },
  };
  // Installed, it is a test API only on request (testApi.ts says why).
  return exposesTestApi(context.extensionMode === vscode.ExtensionMode.Production, process.env) ? api : undefined;
}

export function deactivate(): void {
  // Everything is in context.subscriptions: VS Code disposes it (active runs are cancelled).
}
