// The run panels in the editor area, one ArtifactPanel each: what differs is only the view type,
// the bundle, and how an artifact travels (problem 1 keeps its own `zkcRun` message and snapshot
// field; problems 2 and 3 share `artifact`, problem 3's judge-made reference sweep following in its
// own `kernelReference`; problem 4's panel follows its grid as it streams).
import * as vscode from 'vscode';
import { ArtifactPanel } from './artifactPanel';
import type { Output } from './output';
import type { ZkcGradCheckRow, ZkcRunArtifact } from '../core/problems/zkc/artifact';
import type { ScalingRunArtifact } from '../core/problems/attention-scaling/artifact';
import type { KernelAttentionArtifact, KernelReferenceSweepArtifact } from '../core/problems/kernel-attention/artifact';
import { withReferenceSweep } from '../core/problems/kernel-attention/figures/kernelReference';
import type { AeCellArtifact, AutoencodersArtifact } from '../core/problems/autoencoders/artifact';
import { PROTOCOL_VERSION, type PanelSnapshot, type ToWebview } from '../core/protocol';
import { AE_EMPTY, aeArtifactMessage, aeCellArrived, aeFinalArrived, aeRunEnded, aeRunStarted, aeSnapshot, aeStatusMessage, type AeRunEnd, type AeState } from './model/aePanelModel';
import type { Artifact as PanelArtifact } from '../core/engine/events';

export const ZKC_PANEL_TYPE = 'hw6.zkc';
export const SCALING_PANEL_TYPE = 'hw6.scaling';
export const KERNEL_PANEL_TYPE = 'hw6.kernelAttention';

/**
 * Problem 1's panel. The child's `zkc-run` comes first, its gradient check empty (the child never
 * compares with the float64 ground truth); the judge's rows follow once the checks ran (`gradCheck`):
 * they are kept in the run the next snapshot carries and sent alone (`zkcGradCheck`), so the panel
 * fills its table without resetting its view.
 */
export class ZkcPanel extends ArtifactPanel<ZkcRunArtifact> {
  /** The judge's gradient check of `run`; ignored unless `run` is still the latest run shown (a newer run replaced it). */
  gradCheck(run: ZkcRunArtifact, rows: ZkcGradCheckRow[]): void {
    if (this.latest !== run) return;
    this.keep({ ...run, gradCheck: rows });
    this.send({ type: 'zkcGradCheck', rows });
  }
}

export type ScalingPanel = ArtifactPanel<ScalingRunArtifact>;

/**
 * Problem 3's panel. The child's `kernel-attention` run comes first, with the student's sweep alone
 * (their child never holds the reference); the judge's sweep of the lab's reference follows once the
 * checks ran (`referenceSweep`): it is merged into the run the next snapshot carries and sent alone
 * (`kernelReference`), so the panel adds the dashed reference series without resetting its view.
 */
export class KernelPanel extends ArtifactPanel<KernelAttentionArtifact> {
  /** The reference's sweep beside `run`; ignored unless `run` is still the latest run shown (a newer run replaced it). */
  referenceSweep(run: KernelAttentionArtifact, reference: KernelReferenceSweepArtifact): void {
    if (this.latest !== run) return;
    this.keep(withReferenceSweep(run, reference));
    this.send({ type: 'kernelReference', reference });
  }
}

export function createZkcPanel(extensionUri: vscode.Uri, output: Output): ZkcPanel {
  return new ZkcPanel(
    {
      viewType: ZKC_PANEL_TYPE,
      title: 'Karate Club GCN',
      script: 'zkc.js',
      snapshot: (run) => ({ traces: [], selected: 0, ...(run ? { zkcRun: run } : {}) }),
      update: (run) => ({ type: 'zkcRun', run }),
      saveTitles: { 'text/csv': 'Export the training series as CSV' },
    },
    extensionUri,
    output,
  );
}

/** Problems 2 and 3 carry their run as the snapshot's and the message's `artifact` (the panels ignore each other's by kind). */
const viaArtifact = {
  snapshot: (artifact: PanelArtifact | undefined): PanelSnapshot => ({ traces: [], selected: 0, ...(artifact ? { artifact } : {}) }),
  update: (artifact: PanelArtifact): ToWebview => ({ type: 'artifact', artifact }),
};

/** Problem 2: its sliders sample on tfjs's CPU backend in the webview (no wasm, so no wasm CSP): it works without a run. */
export function createScalingPanel(extensionUri: vscode.Uri, output: Output): ScalingPanel {
  return new ArtifactPanel<ScalingRunArtifact>(
    { viewType: SCALING_PANEL_TYPE, title: '√d Scaling Lab', script: 'scaling.js', ...viaArtifact, saveTitles: { 'text/csv': 'Export the moments as CSV' } },
    extensionUri,
    output,
  );
}

export function createKernelPanel(extensionUri: vscode.Uri, output: Output): KernelPanel {
  return new KernelPanel(
    { viewType: KERNEL_PANEL_TYPE, title: 'Kernel Attention', script: 'kernel.js', ...viaArtifact, saveTitles: { 'text/csv': 'Export the sweep as CSV' } },
    extensionUri,
    output,
  );
}

export const AUTOENCODERS_PANEL_TYPE = 'hw6.autoencoders';

/**
 * Problem 4's panel: unlike the other run panels it follows a run as it streams (one `ae-cell` per
 * finished grid cell, then the whole `autoencoders` run), shows the sweep's progress from the start,
 * and can stop the run (its Cancel asks the extension, which checks the message like any other).
 * Its snapshot keeps the last whole run and the current run's cells so far, so a webview that
 * reloads mid-run (hidden and shown again, or VS Code reloading) picks up where it was.
 */
export class AutoencodersPanel implements vscode.Disposable {
  readonly panel: ArtifactPanel<AeState>;
  private state: AeState = AE_EMPTY;
  private readonly cancelEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** The panel's Cancel button was pressed (the extension cancels problem 4's run, if any). */
  readonly onDidRequestCancel = this.cancelEmitter.event;

  constructor(extensionUri: vscode.Uri, output: Output) {
    this.panel = new ArtifactPanel<AeState>(
      {
        viewType: AUTOENCODERS_PANEL_TYPE,
        title: 'Autoencoders',
        script: 'autoencoders.js',
        snapshot: (state) => aeSnapshot(state ?? AE_EMPTY),
        // `show` is only called with a whole run (final); cells and run states are sent as they come.
        update: (state) => (state.final ? aeArtifactMessage(state.final) : { type: 'init', version: PROTOCOL_VERSION, snapshot: aeSnapshot(state) }),
        saveTitles: { 'text/csv': 'Export the grid as CSV' },
      },
      extensionUri,
      output,
    );
    this.subscription = this.panel.onDidReceiveMessage((message) => {
      // Validated by parseFromWebview before it gets here.
      if (message.type === 'cancelRun') this.cancelEmitter.fire();
    });
  }

  get viewType(): string {
    return this.panel.viewType;
  }

  get isOpen(): boolean {
    return this.panel.isOpen;
  }

  /** What the next snapshot carries (the host tests read it). */
  get snapshot(): Readonly<AeState> {
    return this.state;
  }

  /** A run of the experiment started: the panel opens (beside the editor, keeping focus) and resets its progress. */
  runStarted(): void {
    this.set(aeRunStarted(this.state));
    this.panel.send(aeStatusMessage({ state: 'running' }));
    this.panel.open(true);
  }

  /** One finished grid cell. A panel the student closed mid-run stays closed (the snapshot keeps the cells). */
  cell(cell: AeCellArtifact): void {
    this.set(aeCellArrived(this.state, cell));
    this.panel.send(aeArtifactMessage(cell));
  }

  /** The whole run (shown, opening the panel if it was closed). */
  final(run: AutoencodersArtifact): void {
    this.set(aeFinalArrived(this.state, run));
    this.panel.show(this.state);
  }

  runEnded(end: AeRunEnd): void {
    this.set(aeRunEnded(this.state));
    this.panel.send(aeStatusMessage(end));
  }

  /** For the host tests and the API: shows a whole run as if a run had just produced it. */
  show(run: AutoencodersArtifact): void {
    this.final(run);
  }

  whenReady(timeoutMs: number): Promise<void> {
    return this.panel.whenReady(timeoutMs);
  }

  private set(state: AeState): void {
    this.state = state;
    this.panel.keep(state);
  }

  dispose(): void {
    this.subscription.dispose();
    this.cancelEmitter.dispose();
    this.panel.dispose();
  }
}
