// HW6 Lab's entry point: composes small modules, each owning its Disposables. Nothing here runs
// student code; runs go through a Runner (a worker thread by default, or the panel's webview).
import * as vscode from 'vscode';
import type { FromWebview, ToWebview } from '../core/protocol';
import { BEAM_VIEW_ID, BeamPanel } from './beamPanel';
import { AutoencodersPanel, createKernelPanel, createScalingPanel, createZkcPanel } from './panels';
import type { AeState } from './model/aePanelModel';
import type { ArtifactPanel } from './artifactPanel';
import type { ZkcRunArtifact } from '../core/problems/zkc/artifact';
import type { ScalingRunArtifact } from '../core/problems/attention-scaling/artifact';
import type { KernelAttentionArtifact } from '../core/problems/kernel-attention/artifact';
import type { AutoencodersArtifact } from '../core/problems/autoencoders/artifact';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { onSettingsChanged, readSettings } from './config';
import { Decorations } from './decorations';
import { Diagnostics } from './diagnostics';
import { registerHints } from './hints';
import type { MarkerDecoration } from './model/decorationModel';
import { Output } from './output';
import { figure2ReferenceTrace } from '../core/problems/beam-search/figure2Trace';
import { registerExportReport } from './exportReport';
import { RunHistory } from './model/runRecord';
import { RunController } from './runController';
import { WorkTime } from './workTime';
import { StatusBar } from './statusBar';
import { exposesTestApi } from './testApi';
import { publishStudentFiles } from './studentFiles';
import { TrustGate } from './trust';

/**
 * What activate() returns: a small surface the host tests read instead of reaching into internals
 * (an installed HW6 Lab returns it only when HW6_LAB_TEST_API=1: see testApi.ts).
 */
export interface Hw6Api {
  /** The decorations drawn (or, with decorations off, that would be drawn) in a document now. */
  decorationsFor(uri: vscode.Uri): MarkerDecoration[];
  panel: {
    reveal(): Promise<void>;
    whenReady(timeoutMs: number): Promise<void>;
    post(message: ToWebview): Promise<boolean>;
    onMessage(listener: (message: FromWebview) => void): vscode.Disposable;
  };
  /** The karate club panel (problem 1). */
  zkc: PanelApi<ZkcRunArtifact> & { showRun(run: ZkcRunArtifact): void };
  /** The √d scaling lab (problem 2). */
  scaling: PanelApi<ScalingRunArtifact>;
  /** The kernel attention panel (problem 3). */
  kernel: PanelApi<KernelAttentionArtifact>;
  /**
   * The autoencoders panel (problem 4); `state` is what its next snapshot carries; `receive` handles a
   * message as if its webview had posted it (validated the same way): its Cancel button's, say.
   */
  autoencoders: PanelApi<AutoencodersArtifact> & { readonly state: Readonly<AeState>; receive(raw: unknown): void };
}

/** A run panel as the host tests see it. */
export interface PanelApi<A> {
  show(artifact: A): void;
  readonly isOpen: boolean;
  whenReady(timeoutMs: number): Promise<void>;
  onMessage(listener: (message: FromWebview) => void): vscode.Disposable;
}

function panelApi<A>(panel: ArtifactPanel<A>): PanelApi<A> {
  return {
    show: (artifact) => panel.show(artifact),
    get isOpen() {
      return panel.isOpen;
    },
    whenReady: (timeoutMs) => panel.whenReady(timeoutMs),
    onMessage: (listener) => panel.onDidReceiveMessage(listener),
  };
}

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

  const docsUri = (code: string): vscode.Uri => vscode.Uri.joinPath(context.extensionUri, 'docs', 'checks.md').with({ fragment: code });
  const diagnostics = new Diagnostics(docsUri);
  const decorations = new Decorations(settings.decorations);
  const reference = figure2ReferenceTrace();
  const panel = new BeamPanel(context.extensionUri, output, () => [reference]);
  const zkcPanel = createZkcPanel(context.extensionUri, output);
  const scalingPanel = createScalingPanel(context.extensionUri, output);
  const kernelPanel = createKernelPanel(context.extensionUri, output);
  const autoencodersPanel = new AutoencodersPanel(context.extensionUri, output);
  const history = new RunHistory();
  const runs = new RunController({ extensionUri: context.extensionUri, settings: () => settings, output, diagnostics, decorations, statusBar, panel, zkcPanel, scalingPanel, kernelPanel, autoencodersPanel, trust, history });
  const workTime = new WorkTime(context.workspaceState, history);
  const codeLens = registerCodeLens(settings.codeLens);

  context.subscriptions.push(
    output,
    statusBar,
    trust,
    diagnostics,
    registerHints(diagnostics),
    decorations,
    panel,
    zkcPanel,
    scalingPanel,
    kernelPanel,
    autoencodersPanel,
    runs,
    autoencodersPanel.onDidRequestCancel(() => {
      if (runs.cancel('autoencoders')) output.channel.info('[autoencoders] cancelled from the panel');
    }),
    ...codeLens.disposables,
    vscode.window.registerWebviewViewProvider(BEAM_VIEW_ID, panel, { webviewOptions: { retainContextWhenHidden: true } }),
    ...[zkcPanel, scalingPanel, kernelPanel, autoencodersPanel.panel].map((p) => vscode.window.registerWebviewPanelSerializer(p.viewType, p)),
    ...registerCommands({ extensionUri: context.extensionUri, runs, panel, scalingPanel, autoencodersPanel, output }),
    workTime,
    registerExportReport({ extensionUri: context.extensionUri, runs, history, workTime, trust, settings: () => settings }),
    onSettingsChanged((next) => {
      settings = next;
      codeLens.setEnabled(next.codeLens);
      decorations.setEnabled(next.decorations);
      statusBar.setRunner(next.runner);
    }),
  );
  void publishStudentFiles();
  void vscode.commands.executeCommand('setContext', 'hw6.running', false);

  const api: Hw6Api = {
    decorationsFor: (uri) => decorations.decorationsFor(uri),
    panel: {
      reveal: () => panel.reveal(),
      whenReady: (timeoutMs) => panel.whenReady(timeoutMs),
      post: (message) => panel.channel.post(message),
      onMessage: (listener) => panel.channel.onMessage(listener),
    },
    // Object.assign keeps panelApi's live `isOpen` getter (a spread would copy its value once).
    zkc: Object.assign(panelApi(zkcPanel), { showRun: (run: ZkcRunArtifact) => zkcPanel.show(run) }),
    scaling: panelApi(scalingPanel),
    kernel: panelApi(kernelPanel),
    autoencoders: {
      show: (run) => autoencodersPanel.show(run),
      get isOpen() {
        return autoencodersPanel.isOpen;
      },
      get state() {
        return autoencodersPanel.snapshot;
      },
      whenReady: (timeoutMs) => autoencodersPanel.whenReady(timeoutMs),
      onMessage: (listener) => autoencodersPanel.panel.onDidReceiveMessage(listener),
      receive: (raw) => autoencodersPanel.panel.receive(raw),
    },
  };
  // Installed, it is a test API only on request (testApi.ts says why).
  return exposesTestApi(context.extensionMode === vscode.ExtensionMode.Production, process.env) ? api : undefined;
}

export function deactivate(): void {
  // Everything is in context.subscriptions: VS Code disposes it (active runs are cancelled).
}
