// The run panels in the editor area, one ArtifactPanel each: what differs is only the view type,
// the bundle, and how an artifact travels (problem 1 keeps its own `zkcRun` message and snapshot
// field; problems 2 and 3 share `artifact`).
import type * as vscode from 'vscode';
import { ArtifactPanel } from './artifactPanel';
import type { Output } from './output';
import type { ZkcRunArtifact } from '../core/problems/zkc/artifact';
import type { ScalingRunArtifact } from '../core/problems/attention-scaling/artifact';
import type { KernelAttentionArtifact } from '../core/problems/kernel-attention/artifact';
import type { PanelSnapshot, ToWebview } from '../core/protocol';
import type { PanelArtifact } from '../core/viz/artifactValidate';

export const ZKC_PANEL_TYPE = 'hw6.zkc';
export const SCALING_PANEL_TYPE = 'hw6.scaling';
export const KERNEL_PANEL_TYPE = 'hw6.kernelAttention';

export type ZkcPanel = ArtifactPanel<ZkcRunArtifact>;
export type ScalingPanel = ArtifactPanel<ScalingRunArtifact>;
export type KernelPanel = ArtifactPanel<KernelAttentionArtifact>;

export function createZkcPanel(extensionUri: vscode.Uri, output: Output): ZkcPanel {
  return new ArtifactPanel<ZkcRunArtifact>(
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
  return new ArtifactPanel<KernelAttentionArtifact>(
    { viewType: KERNEL_PANEL_TYPE, title: 'Kernel Attention', script: 'kernel.js', ...viaArtifact, saveTitles: { 'text/csv': 'Export the sweep as CSV' } },
    extensionUri,
    output,
  );
}
