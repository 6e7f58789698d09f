// What the Autoencoders panel (problem 4) keeps and sends while a run streams, as pure functions of
// its state, so the snapshot a reloaded webview gets is unit-tested without an editor: the last whole
// run (`final`), the cells of the run in progress or cut short, and whether a run is going on.
import type { AeCellArtifact, AutoencodersArtifact } from '../../core/problems/autoencoders/artifact';
import type { PanelSnapshot, RunState, ToWebview } from '../../core/protocol';

export interface AeState {
  final?: AutoencodersArtifact;
  cells: AeCellArtifact[];
  running: boolean;
}

/** How a problem 4 run ended, for the panel's progress line. */
export type AeRunEnd = { state: 'done' } | { state: 'cancelled' | 'error'; message: string };

export const AE_EMPTY: AeState = { cells: [], running: false };

/** A run starts: its cells replace the previous run's; the last whole run stays (the panel overlays it). */
export function aeRunStarted(state: AeState): AeState {
  return { ...(state.final ? { final: state.final } : {}), cells: [], running: true };
}

export function aeCellArrived(state: AeState, cell: AeCellArtifact): AeState {
  return { ...state, cells: [...state.cells, cell] };
}

/** The whole run has every cell: the streamed ones are dropped. */
export function aeFinalArrived(state: AeState, run: AutoencodersArtifact): AeState {
  return { final: run, cells: [], running: state.running };
}

/** The run ended; a cancelled or failed run's cells stay until the next run. */
export function aeRunEnded(state: AeState): AeState {
  return { ...state, running: false };
}

/** The `init` snapshot: `artifact` is the last whole run; `aeCells` and `running` the run in progress (or cut short). */
export function aeSnapshot(state: AeState): PanelSnapshot {
  return { traces: [], selected: 0, ...(state.final ? { artifact: state.final } : {}), aeCells: state.cells, running: state.running };
}

export function aeArtifactMessage(artifact: AeCellArtifact | AutoencodersArtifact): ToWebview {
  return { type: 'artifact', artifact };
}

export function aeStatusMessage(status: AeRunEnd | { state: Extract<RunState, 'running'> }): ToWebview {
  return { type: 'runStatus', problemId: 'autoencoders', ...status };
}
